/*
 * cert_qr.h — the signed QR record of a certificate as text: building it,
 * the verify URL a phone camera opens, and reading both back from hostile
 * input.  No database and no keys (signing and checking the signature are
 * cert.c's), so every reader here is fuzzed (tests/fuzz, target qr).
 *
 * The URL is <base_url>/v/<number>?d=<base64url record>&s=<base64url
 * Ed25519 signature>; the record is nine parts separated by '|':
 * "GS1|kid|number|service|holder|fact|issued|expires|issuer".  A part may
 * be empty (a service that prints only the holder has no fact).
 */
#ifndef GS_CERT_QR_H
#define GS_CERT_QR_H
#include "util.h"

#define CERT_SIG_B64_LEN 86	/* base64url of a 64-byte signature, unpadded */

struct cert_record {
	const char *kid;	/* QR key id that signed it */
	const char *number;	/* certificate number */
	const char *service;	/* service code */
	const char *holder;	/* holder's name, cut to fit the QR */
	const char *fact;	/* the first printed fact after the name, or "" */
	const char *issued;	/* YYYY-MM-DD */
	const char *expires;	/* YYYY-MM-DD, or "-" for no expiry */
	const char *issuer;	/* the signing officer's user id */
};

/* The record text for rec, holder cut to name_max bytes and the fact to
 * half that (at character boundaries; '|' and newlines become spaces).
 * Arena string. */
char *cert_record_text(struct arena *a, const struct cert_record *rec, size_t name_max);
/* s cut to at most max bytes at a character boundary, '|' and newlines
 * made spaces: what a record part or a stored name may hold.  Arena. */
char *cert_record_part(struct arena *a, const char *s, size_t max);
/* The verify URL for a certificate: record (len bytes, as signed) and its
 * signature already in base64url.  The one place that spells the URL.
 * Arena string. */
char *cert_verify_url(struct arena *a, const char *number, const char *record, size_t len, const char *sig_b64);
/* Parses a QR text (the URL) into number, d and s (arena); false if it is
 * not one of ours. */
bool cert_parse_qr(struct arena *a, const char *text, const char **number, const char **d, const char **s);
/* Decodes d and s and reads the record into *rec: false unless the
 * record is valid UTF-8 of nine parts starting "GS1" for certificate
 * number, and s decodes to 64 bytes.  On success *raw and *rawlen hold the
 * record as signed (arena) and sig the signature.  Says nothing about
 * whether the signature is good. */
bool cert_record_read(struct arena *a, const char *number, const char *d, const char *s, struct cert_record *rec,
		      const unsigned char **raw, size_t *rawlen, unsigned char sig[64]);
#endif
