/*
 * req.h — one HTTP request and its response.  Everything per request lives
 * in the request's arena; the worker resets it after the response is sent.
 * The parsers are pure functions over bytes so they can be unit-tested and
 * fuzzed without FastCGI.
 */
#ifndef GS_REQ_H
#define GS_REQ_H
#include "util.h"
#include "domain.h"
#include <ClearSilver.h>

struct param {
	const char *name;	/* decoded, valid UTF-8 */
	const char *value;	/* decoded, valid UTF-8, NUL-terminated */
};

struct upload {
	const char *field;	/* form field name */
	const char *filename;	/* client's file name (display only; never a path) */
	const char *ctype;	/* client's declared type (not trusted) */
	const unsigned char *data;	/* bytes inside the request body */
	size_t len;		/* byte count */
};

struct user;		/* user.h */
struct session;		/* session.h */
struct route;		/* router.h */

struct req {
	struct arena *a;		/* per-request memory */
	void *fcgi;			/* FCGX_Request * (NULL in tests) */
	char id[17];			/* request id in logs and on error pages */
	const char *method;		/* GET, POST, ... */
	const char *path;		/* decoded path without the query */
	const char *query;		/* raw query string */
	const char *ctype;		/* request Content-Type */
	const char *remote_ip;		/* client address as nginx saw it */
	const char *user_agent;		/* User-Agent header or "" */
	const char *authz;		/* Authorization header or NULL */
	const char *idem_key;		/* Idempotency-Key header or NULL */
	const char *hmac_header;	/* x-digilocker-hmac header or NULL */
	const char *tel_signature;	/* x-telephony-signature header (CDR webhooks) or NULL */
	bool https;			/* request came over TLS */
	struct param *q;		/* query parameters */
	size_t nq;
	struct param *f;		/* body (form) parameters */
	size_t nf;
	struct param *c;		/* cookies */
	size_t nc;
	struct upload *u;		/* uploaded files */
	size_t nu;
	const char *body;		/* raw body (NUL-terminated copy) */
	size_t body_len;
	const char *rp[6];		/* path parameters captured by the route pattern */
	size_t nrp;
	const struct route *route;	/* matched route */
	bool api;			/* under /api/: JSON errors, bearer auth */
	const char *lang;		/* "en" or "hi" */
	struct session *sess;		/* logged-in session or NULL */
	struct user *user;		/* logged-in user or NULL */
	const char *csrf;		/* token to embed in forms */
	const char *anon;		/* anonymous visitor id (cookie) */
	struct actor actor;		/* who acts, for domain functions (user, ip, request id) */
	/* response */
	int status;			/* HTTP status */
	const char *out_ctype;		/* response Content-Type */
	struct sbuf headers;		/* extra header lines, each ending \r\n */
	struct sbuf out;		/* response body */
	HDF *hdf;			/* template data for this request */
	bool sent;			/* a response has been produced */
	const char *err_detail;		/* message for the error page / JSON error */
	const char *err_code;		/* JSON error code */
	HDF *field_errors;		/* per-field validation messages (HDF subtree) */
};

/* The request's actor, or NULL (the system) when there is no request:
 * domain code that still takes an optional struct req passes this on. */
static inline const struct actor *req_actor(const struct req *r)
{
	return r ? &r->actor : NULL;
}

/* Parsing results */
enum { PARSE_OK = 0, PARSE_BAD = -1, PARSE_TOO_MANY = -2 };

/* A date typed in three boxes arrives as NAME-day, NAME-month, NAME-year:
 * adds NAME = date_join(...) to the parameters (unless NAME came itself),
 * so handlers read one date whichever way a page asks for it. */
void req_join_dates(struct arena *a, struct param **p, size_t *n);

/* application/x-www-form-urlencoded or a query string.  Returns PARSE_OK,
 * PARSE_BAD (bad %-escape, invalid UTF-8, NUL) or PARSE_TOO_MANY. */
int parse_urlencoded(struct arena *a, const char *s, size_t n, size_t max,
		     struct param **out, size_t *nout);
/* Cookie header.  Malformed pairs are skipped (browsers send junk);
 * invalid UTF-8 or NUL in a value gives PARSE_BAD. */
int parse_cookies(struct arena *a, const char *hdr, size_t max, struct param **out, size_t *nout);
/* multipart/form-data with the boundary taken from ctype. */
int parse_multipart(struct arena *a, const char *ctype, const char *body, size_t n, size_t max,
		    struct param **fields, size_t *nfields, struct upload **ups, size_t *nups);
/* Decode %XX and '+' in place-free manner; returns arena string or NULL. */
char *url_decode(struct arena *a, const char *s, size_t n, bool plus);

/* Parameter lookup: query (GET) and body (POST) are separate on purpose. */
const char *req_query(const struct req *r, const char *name);
const char *req_form(const struct req *r, const char *name);
const char *req_param(const struct req *r, const char *name);	/* form, then query */
const char *req_cookie(const struct req *r, const char *name);
const struct upload *req_upload(const struct req *r, const char *field);
size_t req_form_all(const struct req *r, const char *name, const char **out, size_t max);

/* Escaping for C-built output (templates escape by themselves). */
void html_escape(struct sbuf *b, const char *s);
char *url_encode(struct arena *a, const char *s);
/* May s, a place to go back to that came from the user ("next"), be sent
 * as a redirect's Location?  Only a path on this site: it starts with a
 * single '/' followed by neither '/', '\\' nor a control character, holds no
 * control character anywhere (also %-encoded), and is at most 512 bytes.
 * Every redirect to a user-supplied place goes through this check. */
bool url_is_local(const char *s);

/* Response helpers */
void resp_header(struct req *r, const char *name, const char *value);
void resp_cookie(struct req *r, const char *name, const char *value, long max_age);
void resp_redirect(struct req *r, const char *location);	/* 303 See Other */
void resp_json(struct req *r, int status, const struct sbuf *json);
void resp_bytes(struct req *r, const char *ctype, const void *p, size_t n, const char *download_name);
/* resp_bytes for the browser to show rather than save (a document's
 * preview): Content-Disposition inline with the file's name. */
void resp_inline(struct req *r, const char *ctype, const void *p, size_t n, const char *name);
#endif
