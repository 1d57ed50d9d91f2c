/*
 * auth.h — proving who you are: staff passwords (Argon2id), citizen and
 * reset OTPs, throttles and lockouts.  Results are deliberately coarse so
 * pages can answer with one uniform message (no user enumeration).
 */
#ifndef GS_AUTH_H
#define GS_AUTH_H
#include "req.h"

enum auth_result {
	AUTH_OK,		/* proven */
	AUTH_FAIL,		/* wrong, unknown, locked, expired: one answer for all */
	AUTH_THROTTLED,		/* too many attempts from this client or for this mobile */
	AUTH_ERROR,		/* database down */
};

/* Argon2id hash (libsodium string form) of password; malloc'd or NULL. */
char *auth_hash_password(const char *password);
/* Prepares the equal-timing hash for unknown users (worker start). */
void auth_warm(void);
/* Checks username + password; locks the account after cfg.login_max_fail
 * failures, rehashes when the cost parameters changed, writes the audit
 * rows.  Each try is counted before its slow check and a locked account's
 * password is not checked at all, so parallel guesses get no more than
 * login_max_fail checks per lock.  On AUTH_OK *user_id is set. */
enum auth_result auth_password(struct req *r, const char *username, const char *password, long *user_id);
/* Issues a 6-digit OTP for mobile (purpose "login" or "reset"), queues it
 * for SMS and sends it.  AUTH_OK also when nothing was sent because the
 * mobile/username is unknown (the caller shows the same page either way). */
enum auth_result auth_otp_request(struct req *r, const char *mobile, const char *purpose);
/* The same for any purpose (e.g. "consent:<operator id>", see consent.h):
 * the SMS is the code followed by `after`, sent with DLT template id dlt.
 * Purposes other than log-in and reset have their own per-mobile request
 * limit and lock; a logged-in caller is limited per user, not per address. */
enum auth_result auth_otp_send(struct req *r, const char *mobile, const char *purpose, const char *after, const char *dlt);
/* Password reset, step one: sends a reset OTP to the registered mobile of
 * staff user username, if there is one.  Throttled per username as typed
 * and per client address before the user is looked up, so a known and an
 * unknown username get the same answers: AUTH_OK (also when nothing was
 * sent), AUTH_THROTTLED or AUTH_ERROR. */
enum auth_result auth_reset_request(struct req *r, const char *username);
/* Checks an OTP: 15-minute life, single use, 5 tries then the mobile is
 * locked for an hour.  AUTH_OK consumes it. */
enum auth_result auth_otp_verify(struct req *r, const char *mobile, const char *purpose, const char *code);
/* Counts a hit on key; true when more than max hits fell in window secs. */
bool throttle_over(const char *key, long window, long max);
/* True when key already has max or more hits in the window (no new hit). */
bool throttle_full(const char *key, long window, long max);
/* Indian mobile number: 10 digits starting 6-9. */
bool valid_mobile(const char *s);
/* Password policy for new passwords: 10..128 chars, not all one class. */
const char *password_problem(const char *pw);	/* NULL if acceptable, else a lang key */
#endif
