/*
 * cert.h — certificates: issue (inside the approve transaction), the
 * signed QR record, verification (online page, API, offline CLI),
 * revocation and supersession by a correction.
 *
 * The QR holds <base>/v/<no>?d=<base64url record>&s=<base64url Ed25519
 * signature>; the record is "GS1|kid|number|service|holder|fact|issued|
 * expires|issuer" (cert_qr.h builds and reads it).  The PDF carries a
 * PAdES signature by the approving officer's certificate from the
 * deployment CA.
 */
#ifndef GS_CERT_H
#define GS_CERT_H
#include "domain.h"
#include <stdio.h>

enum vstatus { V_VALID, V_REVOKED, V_SUPERSEDED, V_EXPIRED, V_NOT_FOUND, V_MISMATCH, V_BAD };

struct cert_view {
	enum vstatus status;		/* the answer */
	bool facts_ok;			/* record signature verified: facts may be shown */
	const char *number;		/* certificate number */
	const char *service_en, *service_hi;	/* title */
	const char *holder;		/* holder's name */
	const char *issued, *valid_until;	/* dates */
	const char *revoked_at, *revoke_reason;	/* when revoked */
	const char *superseded_by;	/* number of the newer certificate */
	const char *facts;		/* JSON list of printed facts */
	const char *issuer;		/* issuing officer */
	long app_id;			/* for officers */
};

const char *vstatus_code(enum vstatus s);	/* "VALID", "SIGNATURE_MISMATCH", ... */
/* The answer for a stored certificate status ('valid', 'revoked', 'superseded'). */
enum vstatus cert_vstatus(const char *stored, bool expired);
/* Loads the QR signing key at worker start (decrypting it costs a KDF run),
 * so the first certificate of a worker does not pay for it. */
void cert_warm(void);
/* Eight random characters that are hard to misread, for certificate numbers. */
void cert_random_tail(char out[9]);
/* A certificate number as people type it (lower case, spaces, no dashes
 * or other dashes, Devanagari digits) in its printed form
 * (JH-INC-2611-K7Q2M9XA) when it can be read as one; otherwise upper case
 * with each run of separators made one '-', which cert_number_shape then
 * refuses.  "" for nothing but separators, NULL for NULL.  Arena memory. */
const char *cert_number_clean(struct arena *a, const char *typed);
/* Has n the shape of a certificate number: <state>-<service>-<YYMM>-<8
 * letters or digits>, at most 32 bytes? */
bool cert_number_shape(const char *n);
/* Verifies a certificate number with optional d/s from the QR.  Facts
 * come only with a verified QR record, and never for a revoked
 * certificate: that answer is its number, status, revocation date and
 * reason. */
int cert_verify(struct arena *a, const char *number, const char *d, const char *s, struct cert_view *v);
/* Counts a verification for the dashboard (in memory; see cert_count_flush). */
void cert_count_verify(enum vstatus s);
/* Writes the counted verifications (every 5 s at most, unless now). */
void cert_count_flush(bool now);
struct app;
struct holding;
struct user;

/* What cert_issue made. */
struct cert_issued {
	const char *number;		/* the certificate's number */
	const char *verify_url;		/* the URL its QR holds */
	long id;			/* certificates.id */
};
/* Issues the certificate of application ap, approved by the acting
 * officer, inside the caller's (approve) transaction, in its phases: the
 * officer's and the QR signing keys; for a correction, the certificate it
 * supersedes; the printed facts; a fresh number; the signed QR record; the
 * row, the PDF rendered from it and signed, stored and put in the holder's
 * locker; the audit row.  0, or -1: refused with out->key (cert.no_key,
 * cert.original_bad; the status is left to the caller) or a failure. */
int cert_issue(struct arena *a, const struct actor *who, const struct app *ap, struct cert_issued *res,
	       struct outcome *out);
struct cert_fact;
/* What a certificate without an application certifies: an exam passed,
 * a training attended.  Signed by the PMU's system key (keys/system/pmu.*,
 * `gramsewactl ca issue --system`), not by an officer. */
struct cert_subject {
	const char *kind;		/* "exam" or "training" (certificates.source_kind) */
	long source_id;			/* exam_attempts.id or trainings.id */
	const char *code;		/* in the number and the QR record: "EXM", "TRN" */
	const char *title_en, *title_hi;	/* the certificate's title */
	long holder_id;			/* whose certificate (users.id) */
	const char *holder_name;	/* the holder's name (also the first fact) */
	const struct cert_fact *facts;	/* printed facts, the holder's name first */
	size_t nfacts;
	long validity_days;		/* 0: no expiry */
	const char *sign_reason;	/* the PDF signature's reason */
};
/* Issues the certificate of s inside the caller's transaction, in the
 * phases of cert_issue (PMU and QR keys, facts, number, signed record,
 * row, signed PDF, audit row).  0, or -1: refused with out->key
 * (cert.no_key) or a failure. */
int cert_issue_subject(struct arena *a, const struct actor *who, const struct cert_subject *s, struct cert_issued *res,
		       struct outcome *out);
/* The holding that lets u revoke the certificate of ap: a state admin, or
 * the service's signing or an appellate role, whose jurisdiction covers
 * the application's office, in one holding (juris_holding).  NULL when
 * none. */
const struct holding *cert_revoker(const struct user *u, const struct app *ap);
/* Revokes (reason 5-500 characters, else 422 on field "reason"): 404 when
 * the certificate does not exist or its application is not visible to the
 * actor, 403 without a revoking holding, 409 when it is not valid.  Marks
 * the application `revoked`, records the event and audit row with the
 * revoker's role and office, and notifies the holder, in one transaction.
 * 0 or the status left in out. */
int cert_revoke(struct arena *a, const struct actor *who, const char *number, const char *reason, struct outcome *out);
/* Every check of cert_revoke, nothing written: 0 when it would revoke (the
 * page asks "Are you sure?" only then), else the same refusal. */
int cert_revoke_check(struct arena *a, const struct actor *who, const char *number, const char *reason,
		      struct outcome *out);
/* The PDF of a certificate (malloc'd), or NULL. */
unsigned char *cert_pdf(struct arena *a, const char *number, size_t *len);

/* Key management for gramsewactl (files under data_dir/keys). */
char *cert_keys_dir(void);		/* malloc'd */
int cert_ca_init(FILE *out);
int cert_ca_issue(long user_id, FILE *out);
/* The PMU's system signing key and certificate (keys/system/pmu.*), for
 * exam-pass and training certificates; idempotent. */
int cert_ca_issue_system(FILE *out);
int cert_keys_rotate(FILE *out);
struct pdf_sig_result;
/* Checks a PDF's own signature against the deployment CA into *res (its
 * status and signer).  0, or -1 when the CA certificate cannot be loaded. */
int cert_pdf_check(const unsigned char *pdf, size_t len, struct pdf_sig_result *res);
/* Offline check of a PDF file or QR text; prints findings; 0 when valid. */
int cert_offline_verify(const char *arg, FILE *out);
struct pdf_signer;
/* The PAdES signing key and certificate of officer user_id (issued by
 * `gramsewactl ca issue`), loaded once per worker and kept in a small
 * cache; NULL (logged) when the officer has none.  Certificates and the
 * registers' year-end books are signed with it.  Borrowed: do not free. */
const struct pdf_signer *cert_officer_signer(long user_id);	/* user_id -1: the PMU's system key */
#endif
