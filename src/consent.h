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

/* An operator (who) asks the citizen registered with mobile for consent:
 * sends a code naming the operator and the duration in the SMS (limits
 * and answers of auth_otp_send).  Returns 0 with the citizen in *citizen;
 * 422 (the problem at "mobile": not valid, or nobody registered with it);
 * 429 (a limit; no problem recorded: the caller says it its way); 503. */
int consent_ask(struct arena *a, const struct actor *who, const char *mobile, long *citizen, struct outcome *out);
/* Checks the code the citizen with mobile read out to who
 * (auth_otp_verify: the tries, lock and audit rows of the log-in OTP);
 * when right, grants who the citizen's locker (via "otp").  Returns 0; 422
 * (the problem at "mobile" as consent_ask, or at "otp": wrong or expired);
 * 429 (nothing recorded); 503.  *citizen is set once the mobile is known. */
int consent_confirm(struct arena *a, const struct actor *who, const char *mobile, const char *code, long *citizen,
		    struct outcome *out);
/* A citizen (who) lets the active operator named by ref (CSC ID or log-in
 * name, as on the CSC's board or receipt) see the whole locker for
 * consent_ttl seconds (via "citizen"), audited.  Returns 0 with the
 * operator in *operator, 422 (the problem at "operator"), or 503. */
int consent_grant(struct arena *a, const struct actor *who, const char *ref, long *operator, struct outcome *out);
/* A citizen (who) ends every running grant to operator, audited.  Returns
 * 0, 404 when none is running, or 503. */
int consent_withdraw(struct arena *a, const struct actor *who, long operator, struct outcome *out);
/* Running grants, one row per (citizen, operator), latest expiry first, at
 * most 100: citizen id, citizen mobile, operator id, operator name, CSC ID
 * (or NULL), log-in name, expires_at (IST wall), via of the newest grant.
 * Give a citizen, an operator, or both.  Arena result; NULL on DB error. */
struct dbres *consent_list(struct arena *a, long citizen, long operator);
#endif
