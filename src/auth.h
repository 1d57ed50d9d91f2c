/*
 * auth.h — proving who you are: staff passwords (Argon2id), citizen and
 * reset OTPs, throttles and lockouts.  Results are deliberately coarse so
 * pages can answer with one uniform message (no user enumeration).
 *
 * Every function takes the actor (domain.h): its address is what the
 * per-client limits count, a logged-in actor is counted by user instead,
 * and the audit rows name it.
 */
#ifndef GS_AUTH_H
#define GS_AUTH_H
#include "user.h"	/* valid_mobile, the mobile-number rule */

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
enum auth_result auth_password(struct arena *a, const struct actor *who, const char *username, const char *password,
			       long *user_id);
/* Issues a 6-digit OTP for mobile (purpose "login" or "reset"), queues it
 * for SMS and sends it.  AUTH_OK also when nothing was sent because the
 * mobile/username is unknown (the caller shows the same page either way). */
enum auth_result auth_otp_request(struct arena *a, const struct actor *who, const char *mobile, const char *purpose);
/* The same for any purpose (e.g. "consent:<operator id>", see consent.h):
 * the SMS is the code followed by `after`, sent with DLT template id dlt.
 * Purposes other than log-in and reset have their own per-mobile request
 * limit and lock; a logged-in caller is limited per user, not per address. */
enum auth_result auth_otp_send(struct arena *a, const struct actor *who, const char *mobile, const char *purpose,
			       const char *after, const char *dlt);
/* Password reset, step one: sends a reset OTP to the registered mobile of
 * staff user username, if there is one.  Throttled per username as typed
 * and per client address before the user is looked up, so a known and an
 * unknown username get the same answers: AUTH_OK (also when nothing was
 * sent), AUTH_THROTTLED or AUTH_ERROR. */
enum auth_result auth_reset_request(struct arena *a, const struct actor *who, const char *username);
/* Password reset, step two: the OTP and the new password (twice). */
struct reset_input {
	const char *username;		/* as typed in step one */
	const char *otp;		/* the code sent to the registered mobile */
	const char *password, *password2;	/* the new password, twice */
};
/* Sets the new password when the OTP is right, ends every session of the
 * user and writes the audit row (password.reset), all in one transaction.
 * Returns 0; 422 with the problem at password, password2 or otp (a wrong
 * OTP and an unknown username look the same); or 503. */
int auth_reset_password(struct arena *a, const struct actor *who, const struct reset_input *in, struct outcome *out);
/* Checks an OTP: 15-minute life, single use, 5 tries then the mobile is
 * locked for an hour.  AUTH_OK consumes it. */
enum auth_result auth_otp_verify(struct arena *a, const struct actor *who, const char *mobile, const char *purpose,
				 const char *code);
/* A citizen's log-in: checks the log-in OTP of mobile (auth_otp_verify)
 * and finds the citizen, registering one on first log-in (user_citizen,
 * language lang).  On AUTH_OK *user_id is set. */
enum auth_result auth_citizen_login(struct arena *a, const struct actor *who, const char *mobile, const char *code,
				    const char *lang, long *user_id);
/* Counts a hit on key; true when more than max hits fell in window secs. */
bool throttle_over(const char *key, long window, long max);
/* True when key already has max or more hits in the window (no new hit). */
bool throttle_full(const char *key, long window, long max);
/* Password policy for new passwords: 10..128 chars, not all one class. */
const char *password_problem(const char *pw);	/* NULL if acceptable, else a lang key */
#endif
