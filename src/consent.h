/*
 * consent.h — a citizen's consent that one operator (CSC, Swayam Sewak,
 * JSK) may see every document in the citizen's locker for a visit.
 *
 * Without it an operator sees, attaches and downloads only the documents it
 * uploaded for the citizen (locker.c).  Consent is given at the counter by
 * a code sent to the citizen's mobile and read out to the operator (an OTP
 * of auth.c with the purpose "consent:<operator id>", so the code works for
 * that operator only and wrong codes are throttled like the log-in OTP), or
 * by the citizen logged in.  It lasts consent_ttl seconds (24 hours by
 * default), every grant and withdrawal is audited, and the citizen sees and
 * can withdraw the grants that are still running.
 */
#ifndef GS_CONSENT_H
#define GS_CONSENT_H
#include "auth.h"

struct dbres;

/* The citizen registered with mobile, or 0 (not valid, not registered). */
long consent_citizen(struct arena *a, const char *mobile);
/* An active operator named by CSC ID or log-in name (what a citizen reads
 * off the CSC's board or receipt), or 0. */
long consent_operator(struct arena *a, const char *ref);
/* Sends the citizen with this mobile a consent code for the operator
 * r->user, naming the operator and the duration in the SMS.  Limits and
 * answers are auth_otp_send's. */
enum auth_result consent_ask(struct req *r, const char *mobile);
/* Checks the code the citizen read out to r->user (auth_otp_verify: the
 * tries, lock and audit rows of the log-in OTP); when right, grants r->user
 * the citizen's locker (consent_grant, "otp"). */
enum auth_result consent_confirm(struct req *r, const char *mobile, const char *code);
/* Grants operator the citizen's whole locker for consent_ttl seconds, in
 * one transaction with the audit row; via is "otp" or "citizen".  Returns
 * 0 or 503. */
int consent_grant(struct req *r, long citizen, long operator, const char *via);
/* Ends every running grant of citizen to operator, audited.  Returns 0, 404
 * when none is running, or 503. */
int consent_withdraw(struct req *r, long citizen, long operator);
/* Running grants, one row per (citizen, operator), latest expiry first, at
 * most 100: citizen id, citizen mobile, operator id, operator name, CSC ID
 * (or NULL), log-in name, expires_at (IST wall), via of the newest grant.
 * Give a citizen, an operator, or both.  Arena result; NULL on DB error. */
struct dbres *consent_list(struct arena *a, long citizen, long operator);
#endif
