/*
 * digilocker.h — our certificates for DigiLocker, the rules side of the
 * issuer API (the XML is page_digilocker.c's): who may ask (an HMAC of the
 * body with the shared key, a fresh timestamp), our document URIs, and
 * which certificate a request gets.
 */
#ifndef GS_DIGILOCKER_H
#define GS_DIGILOCKER_H
#include "domain.h"

/* A Pull URI or Pull Doc request, as read from its XML. */
struct dl_request {
	bool by_uri;		/* Pull URI (a search: the person must match) or Pull Doc (our URI) */
	const char *doctype;	/* our document type: the service code */
	const char *number;	/* certificate number */
	const char *name;	/* the person's full name, or NULL */
	const char *dob;	/* the person's date of birth, DD-MM-YYYY, or NULL */
};

/* The certificate a request gets. */
struct dl_doc {
	const char *number;		/* certificate number */
	const char *service;		/* service code */
	const char *holder;		/* holder's name */
	const char *issued;		/* YYYY-MM-DD */
	const char *valid_until;	/* YYYY-MM-DD or NULL */
	const char *status;		/* valid */
	const char *facts;		/* printed facts, JSON [{en, hi, value}] */
	unsigned char *pdf;		/* the signed PDF, malloc'd: the caller frees it */
	size_t pdf_len;
};

/* Is mac (base64, or 64 hex digits) the HMAC-SHA256 of body with
 * digilocker_key?  Never with an empty key. */
bool dl_signed(const char *body, size_t len, const char *mac);
/* Is ts (ISO 8601 with an offset or Z) within 15 minutes of now? */
bool dl_fresh(struct arena *a, const char *ts);
/* Our URI of a certificate: <issuer id>-<doc type>-<number> (arena). */
const char *dl_uri(struct arena *a, const char *doctype, const char *number);
/* Reads one of our URIs into its doc type and number; false if not ours. */
bool dl_uri_read(struct arena *a, const char *uri, const char **doctype, const char **number);
/* The certificate for a request: a valid one of that number and type,
 * and for Pull URI (or when a name or date of birth is sent) the same
 * name (case and spaces aside) and date of birth as its holder.  Each
 * answer is audited.  1 with *doc filled, 0 when there is none to give,
 * -1 on a database error. */
int dl_pull(struct arena *a, const struct actor *who, const struct dl_request *in, struct dl_doc *doc);
#endif
