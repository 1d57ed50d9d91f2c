/*
 * pdf_sign.h - PAdES signatures on the PDFs GramSewa issues.
 *
 * pdf_sign() appends a CMS (CAdES) detached signature to a PDF written by
 * libharu (classic xref table, no xref streams, no encryption) as an
 * incremental update, so the bytes libharu produced stay untouched and
 * pdfsig / Acrobat show "signed by <officer>".  pdf_sig_verify() is the
 * offline check used by tests, gramsewactl and the verification page: it
 * needs no network and no database, only the deployment CA as trust anchor.
 *
 * The signing key comes from keys.c (file or, later, a PKCS#11 token); this
 * module only sees an EVP_PKEY and never touches key files.
 */
#ifndef GRAMSEWA_PDF_SIGN_H
#define GRAMSEWA_PDF_SIGN_H

#include <stddef.h>
#include <time.h>

#include <openssl/evp.h>
#include <openssl/x509.h>

/* Most room reserved for the DER signature in /Contents (written as 2x hex);
 * each signature reserves what its signer's certificates need, up to this. */
#define PDF_SIG_CONTENTS_MAX 8192

/* Longest /Reason, /Location or /Name accepted, in bytes of UTF-8. */
#define PDF_SIG_TEXT_MAX 512

/*
 * Who signs.  Filled by keys_load_signer() and released by
 * pdf_signer_free() (both in keys.c); pdf_sign() only borrows it, so one
 * loaded signer serves any number of documents in a worker.
 */
struct pdf_signer {
	EVP_PKEY *key;          /* private key; a file key or a token key */
	X509 *cert;             /* the officer's certificate */
	STACK_OF(X509) *chain;  /* CA certificates embedded in the CMS; may be NULL */
	void *token;            /* keys.c's handle on a PKCS#11 token (NULL for files) */
};

/* What the signature says about itself.  Strings are UTF-8, may be NULL. */
struct pdf_sig_info {
	const char *reason;     /* /Reason, e.g. "Certificate issued under RTPS" */
	const char *location;   /* /Location, e.g. the office name */
	const char *name;       /* /Name, the signing officer as printed */
	time_t when;            /* signing time: /M and the CMS signingTime */
};

/* pdf_sign() results.  0 is success; every failure leaves *out untouched. */
enum pdf_sign_err {
	PDF_SIGN_OK = 0,
	PDF_SIGN_EINVAL,        /* bad argument (NULL, oversized or non-UTF-8 text) */
	PDF_SIGN_EPARSE,        /* input is not a PDF we understand (truncated, garbage) */
	PDF_SIGN_EUNSUPPORTED,  /* valid PDF we do not handle: encrypted, xref stream */
	PDF_SIGN_ECRYPTO,       /* OpenSSL refused to sign (see the OpenSSL error queue) */
	PDF_SIGN_ETOOBIG        /* the CMS does not fit in the space reserved for it */
};

/*
 * Sign pdf[0..len) and return the signed document in *out / *outlen.
 *
 * The result is the input followed by one incremental update holding the
 * signature dictionary, an invisible signature widget on the first page,
 * the rewritten page and catalog, an xref section and a trailer with /Prev.
 * The CMS carries signer certificate, s->chain, a CAdES signing-certificate
 * attribute and signingTime = info->when.  With a deterministic signature
 * scheme (RSA PKCS#1 v1.5, Ed25519) the output depends only on the input,
 * key and info; ECDSA signatures are randomised, so P-256 output differs
 * from run to run in the 16 KB of /Contents only.
 *
 * Returns PDF_SIGN_OK or an enum pdf_sign_err.  *out is malloc'd; the caller
 * frees it with free().
 */
int pdf_sign(const unsigned char *pdf, size_t len, const struct pdf_signer *s,
             const struct pdf_sig_info *info, unsigned char **out, size_t *outlen);

/* Short English text for an enum pdf_sign_err value (static storage). */
const char *pdf_sign_strerror(int err);

/* Verdict of pdf_sig_verify(); the first failing check wins, in this order. */
enum pdf_sig_status {
	PDF_SIG_VALID = 0,        /* signed, whole file covered, chain trusted */
	PDF_SIG_NONE,             /* no signature in the file */
	PDF_SIG_MALFORMED,        /* /ByteRange or /Contents unusable, CMS unreadable */
	PDF_SIG_INVALID,          /* the CMS signature itself does not verify */
	PDF_SIG_DIGEST_MISMATCH,  /* signed bytes were changed after signing */
	PDF_SIG_NOT_WHOLE,        /* valid, but bytes were added after the signed range */
	PDF_SIG_UNTRUSTED         /* valid, but the signer does not chain to the trust store */
};

/* What pdf_sig_verify() found.  All text is NUL-terminated (possibly empty). */
struct pdf_sig_result {
	enum pdf_sig_status status;   /* overall verdict */
	int sig_ok;                   /* CMS signature over the signed attributes verified */
	int digest_ok;                /* messageDigest matches the /ByteRange bytes */
	int whole;                    /* /ByteRange covers the file except /Contents */
	int trusted;                  /* signer chains to the trust store */
	char signer_cn[128];          /* signer subject CN (UTF-8, truncated) */
	time_t signing_time;          /* CMS signingTime; 0 when absent */
	char detail[160];             /* why, when status is not PDF_SIG_VALID */
};

/*
 * Check the last signature in pdf[0..len) offline.
 *
 * Finds the last /ByteRange, requires the excluded gap to be exactly the
 * /Contents hex string, verifies the CMS signature and the digest over the
 * two ranges, and the signer certificate against `trust` (NULL: report
 * PDF_SIG_UNTRUSTED).  The verification time is the store's: now unless
 * the caller set X509_VERIFY_PARAM_set_time() on it.  Only the last
 * signature is examined.
 *
 * Returns 0 when r was filled (look at r->status), -1 on bad arguments.
 */
int pdf_sig_verify(const unsigned char *pdf, size_t len, X509_STORE *trust,
                   struct pdf_sig_result *r);

/* Short English name of a pdf_sig_status (static storage). */
const char *pdf_sig_status_str(enum pdf_sig_status st);

#endif /* GRAMSEWA_PDF_SIGN_H */
