/*
 * auth.c — passwords, OTPs, throttles.
 */
#include "auth.h"
#include "audit.h"
#include "config.h"
#include "db.h"
#include "log.h"
#include "notify.h"
#include "session.h"
#include "user.h"

#include <ctype.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

char *auth_hash_password(const char *password)
{
	char out[crypto_pwhash_STRBYTES];
	if (crypto_pwhash_str(out, password, strlen(password), (unsigned long long)cfg.argon_ops,
			      (size_t)cfg.argon_mem_kib * 1024) != 0)
		return NULL;
	return xstrdup(out);
}

const char *password_problem(const char *pw)
{
	size_t n = pw ? utf8_chars(pw) : 0;
	if (n < 10)
		return "auth.pw_short";
	if (n > 128)
		return "auth.pw_long";
	int lower = 0, upper = 0, digit = 0, other = 0;
	for (const unsigned char *p = (const unsigned char *)pw; *p; p++) {
		if (islower(*p)) lower = 1;
		else if (isupper(*p)) upper = 1;
		else if (isdigit(*p)) digit = 1;
		else other = 1;
	}
	return lower + upper + digit + other >= 2 ? NULL : "auth.pw_simple";
}

bool throttle_over(const char *key, long window, long max)
{
	struct arena a;
	arena_init(&a);
	db_exec("INSERT INTO throttles (k, window_start, hits) VALUES (?, NOW(), 1) "
		"ON DUPLICATE KEY UPDATE hits = IF(window_start < NOW() - INTERVAL ? SECOND, 1, hits + 1), "
		"window_start = IF(window_start < NOW() - INTERVAL ? SECOND, NOW(), window_start)",
		"sii", key, (long long)window, (long long)window);
	const char *hits = db_scalar(&a, "SELECT hits FROM throttles WHERE k = ?", "s", key);
	bool over = hits && strtol(hits, NULL, 10) > max;
	arena_free(&a);
	return over;
}

bool throttle_full(const char *key, long window, long max)
{
	struct arena a;
	arena_init(&a);
	const char *hits = db_scalar(&a, "SELECT hits FROM throttles WHERE k = ? AND window_start >= NOW() - INTERVAL ? SECOND",
				     "si", key, (long long)window);
	bool full = hits && strtol(hits, NULL, 10) >= max;
	arena_free(&a);
	return full;
}

/* A hash that exists only so unknown users cost the same time to reject;
 * made when the worker starts (auth_warm) so no request pays for it. */
static char *dummy;

void auth_warm(void)
{
	if (!dummy)
		dummy = auth_hash_password("no such user: equal timing");
}

static const char *dummy_hash(void)
{
	auth_warm();
	return dummy;
}

static int audit_login(const struct actor *who, const char *action, long uid, const char *username)
{
	struct audit_entry e = { .action = action, .entity = "user", .entity_id = username, .actor_id = uid };
	return audit_write(who, &e);
}

/* Takes one try at uid's password before the slow check: the try is
 * counted as a failure at once (a right password clears the count
 * afterwards) by one UPDATE that applies only while the account is open, so
 * parallel guesses cannot all see it open, and a late failure cannot reset
 * the count or lift a lock another try has set.  An expired lock starts a
 * new count.  The try that locks the account writes login.locked; the
 * outcome of every try is audited by the caller.  Returns 1 when the
 * password may be checked, 0 when the account is locked, -1 on DB error. */
static int take_try(struct arena *a, const struct actor *who, long uid, const char *username)
{
	if (db_begin() != 0)
		return -1;
	long long open = db_exec("UPDATE users SET failed_logins = IF(locked_until IS NULL, failed_logins + 1, 1), "
				 "locked_until = IF(failed_logins >= ?, NOW() + INTERVAL ? SECOND, NULL) "
				 "WHERE id = ? AND (locked_until IS NULL OR locked_until <= NOW())",
				 "iii", (long long)cfg.login_max_fail, (long long)cfg.login_lock, (long long)uid);
	if (open < 0)
		goto fail;
	if (open == 1) {
		/* our UPDATE holds the row: a lock on it now is the one this try set */
		const char *locked = db_scalar(a, "SELECT locked_until IS NOT NULL FROM users WHERE id = ?", "i",
					       (long long)uid);
		if (!locked || (str_eq(locked, "1") && audit_login(who, "login.locked", uid, username) != 0))
			goto fail;
	}
	if (db_commit() != 0)
		goto fail;
	return open == 1;
fail:
	db_rollback();
	return -1;
}

enum auth_result auth_password(struct arena *a, const struct actor *who, const char *username, const char *password,
			       long *user_id)
{
	if (str_empty(username) || str_empty(password) || strlen(username) > 64 || strlen(password) > 512)
		return AUTH_FAIL;
	/* only failures count against the client address: a CSC centre is one
	 * address for many honest operators */
	const char *ipkey = arena_printf(a, "login-fail-ip:%s", who->ip);
	if (throttle_full(ipkey, 600, 100))
		return AUTH_THROTTLED;
	struct dbres *u = db_query(a, "SELECT id, pw_hash, active FROM users WHERE username = ? AND user_type <> 'citizen'",
				   "s", username);
	if (!u)
		return AUTH_ERROR;
	long uid = u->nrows ? (long)db_int(u, 0, 0) : 0;
	const char *hash = uid ? db_val(u, 0, 1) : NULL;
	int open = uid ? take_try(a, who, uid, username) : 0;
	if (open < 0)
		return AUTH_ERROR;
	/* unknown users and locked accounts cost the same Argon2id time */
	bool checked = open && hash;
	bool ok = crypto_pwhash_str_verify(checked ? hash : dummy_hash(), password, strlen(password)) == 0 && checked;
	if (db_begin() != 0)
		return AUTH_ERROR;
	enum auth_result res = AUTH_FAIL;
	const char *action = !uid ? "login.unknown_user" : !open ? "login.refused_locked" : "login.failed";
	if (ok && db_int(u, 0, 2) == 1) {
		if (db_exec("UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = ?", "i", (long long)uid) != 1)
			goto fail;
		if (crypto_pwhash_str_needs_rehash(hash, (unsigned long long)cfg.argon_ops, (size_t)cfg.argon_mem_kib * 1024)) {
			char *nh = auth_hash_password(password);
			if (nh)
				db_exec("UPDATE users SET pw_hash = ? WHERE id = ?", "si", nh, (long long)uid);
			free(nh);
		}
		action = "login";
		*user_id = uid;
		res = AUTH_OK;
	}
	if (audit_login(who, action, uid, username) != 0 || db_commit() != 0)
		goto fail;
	if (res != AUTH_OK)
		throttle_over(ipkey, 600, 100);
	return res;
fail:
	db_rollback();
	return AUTH_ERROR;
}

/* Keyed hash of an OTP so a database copy does not reveal live codes. */
static void otp_hash(const char *mobile, const char *purpose, const char *code, unsigned char out[32])
{
	char buf[160];
	snprintf(buf, sizeof buf, "%s|%s|%s|%s", mobile, purpose, code, cfg.secret);
	crypto_hash_sha256(out, (const unsigned char *)buf, strlen(buf));
	sodium_memzero(buf, sizeof buf);
}

/* A throttle or lock key of a mobile's OTPs.  Log-in and reset share one
 * per mobile; other purposes (an operator asking a citizen's consent,
 * "consent:<operator id>") count apart, so an operator's wrong codes never
 * lock the citizen out of their own log-in, nor another operator out. */
static const char *otp_key(struct arena *a, const char *kind, const char *mobile, const char *purpose)
{
	if (str_eq(purpose, "login") || str_eq(purpose, "reset"))
		return arena_printf(a, "%s:%s", kind, mobile);
	return arena_printf(a, "%s:%s:%s", kind, mobile, purpose);
}

/* The per-client limit key: a logged-in user (an operator asking consent)
 * by id, since a CSC centre is one address for many; others by address. */
static const char *otp_client(struct arena *a, const struct actor *who, const char *kind)
{
	if (who->user)
		return arena_printf(a, "%s-user:%ld", kind, who->user->id);
	return arena_printf(a, "%s-ip:%s", kind, who->ip);
}

static bool mobile_locked(struct arena *a, const char *mobile, const char *purpose)
{
	const char *v = db_scalar(a, "SELECT locked_until > NOW() FROM throttles WHERE k = ?", "s",
				  otp_key(a, "otp-lock", mobile, purpose));
	return str_eq(v, "1");
}

enum auth_result auth_otp_request(struct arena *a, const struct actor *who, const char *mobile, const char *purpose)
{
	const char *after = str_eq(purpose, "login")
		? arena_printf(a, " is your GramSewa log-in OTP. It is valid for %ld minutes. Do not share it. - GramSewa",
			       cfg.otp_ttl / 60)
		: arena_printf(a, " is your GramSewa password reset OTP, valid for %ld minutes. - GramSewa",
			       cfg.otp_ttl / 60);
	return auth_otp_send(a, who, mobile, purpose, after, "1107160000000000001");
}

enum auth_result auth_otp_send(struct arena *a, const struct actor *who, const char *mobile, const char *purpose,
			       const char *after, const char *dlt)
{
	if (throttle_over(otp_client(a, who, "otp"), 3600, 30) ||
	    throttle_over(otp_key(a, "otp-mobile", mobile, purpose), 900, 3))
		return AUTH_THROTTLED;
	if (mobile_locked(a, mobile, purpose))
		return AUTH_OK;	/* say nothing different; verify will refuse */
	char code[8];
	snprintf(code, sizeof code, "%06u", randombytes_uniform(1000000));
	unsigned char h[32];
	otp_hash(mobile, purpose, code, h);
	if (db_begin() != 0)
		return AUTH_ERROR;
	if (db_exec("INSERT INTO otps (mobile, purpose, code_hash, created_at, expires_at, ip) "
		    "VALUES (?, ?, ?, NOW(), NOW() + INTERVAL ? SECOND, ?)",
		    "ssbis", mobile, purpose, h, sizeof h, (long long)cfg.otp_ttl, who->ip) != 1)
		goto fail;
	const char *text = arena_printf(a, "%s%s", code, after);
	long nid = notify_queue("sms", mobile, text, dlt, arena_printf(a, "otp.%s", purpose), NULL);
	struct audit_entry e = { .action = "otp.issued", .entity = "mobile", .entity_id = mobile, .remarks = purpose };
	if (!nid || audit_write(who, &e) != 0 || db_commit() != 0)
		goto fail;
	notify_send_now(nid);
	return AUTH_OK;
fail:
	db_rollback();
	return AUTH_ERROR;
}

enum auth_result auth_reset_request(struct arena *a, const struct actor *who, const char *username)
{
	/* count both keys on every try, whatever the username */
	bool over = throttle_over(arena_printf(a, "reset-user:%s", username), 900, 3);
	if (throttle_over(arena_printf(a, "reset-ip:%s", who->ip), 3600, 30) || over)
		return AUTH_THROTTLED;
	struct dbres *u = db_query(a, "SELECT mobile FROM users WHERE username = ? AND active = 1 AND user_type <> 'citizen'",
				   "s", username);
	if (!u)
		return AUTH_ERROR;
	const char *mobile = u->nrows ? db_val(u, 0, 0) : NULL;
	if (!valid_mobile(mobile))
		return AUTH_OK;
	/* the OTP's own limits (per mobile, per address) may stop the SMS;
	 * saying so would tell a real username from an unknown one */
	return auth_otp_request(a, who, mobile, "reset") == AUTH_ERROR ? AUTH_ERROR : AUTH_OK;
}

enum auth_result auth_otp_verify(struct arena *a, const struct actor *who, const char *mobile, const char *purpose,
				 const char *code)
{
	if (!valid_mobile(mobile) || !str_digits(code, 6, 6))
		return AUTH_FAIL;
	if (throttle_over(otp_client(a, who, "otpv"), 3600, 60))
		return AUTH_THROTTLED;
	if (mobile_locked(a, mobile, purpose))
		return AUTH_FAIL;
	if (db_begin() != 0)
		return AUTH_ERROR;
	enum auth_result res = AUTH_FAIL;
	struct dbres *o = db_query(a,
		"SELECT id, code_hash, tries, expires_at > NOW(), used_at IS NULL FROM otps "
		"WHERE mobile = ? AND purpose = ? ORDER BY id DESC LIMIT 1 FOR UPDATE", "ss", mobile, purpose);
	if (!o)
		goto error;
	if (o->nrows == 1 && db_int(o, 0, 3) == 1 && db_int(o, 0, 4) == 1) {
		unsigned char h[32];
		otp_hash(mobile, purpose, code, h);
		long long id = db_int(o, 0, 0);
		if (o->lens[1] == 32 && sodium_memcmp(h, db_val(o, 0, 1), 32) == 0) {
			db_exec("UPDATE otps SET used_at = NOW() WHERE id = ?", "i", id);
			res = AUTH_OK;
		} else {
			db_exec("UPDATE otps SET tries = tries + 1 WHERE id = ?", "i", id);
			if (db_int(o, 0, 2) + 1 >= cfg.otp_tries) {
				db_exec("UPDATE otps SET used_at = NOW() WHERE id = ?", "i", id);	/* burn it */
				db_exec("INSERT INTO throttles (k, window_start, hits, locked_until) VALUES (?, NOW(), 0, "
					"NOW() + INTERVAL ? SECOND) ON DUPLICATE KEY UPDATE locked_until = VALUES(locked_until)",
					"si", otp_key(a, "otp-lock", mobile, purpose), (long long)cfg.otp_lock);
				struct audit_entry e = { .action = "otp.locked", .entity = "mobile", .entity_id = mobile };
				audit_write(who, &e);
			}
		}
	}
	struct audit_entry e = { .action = res == AUTH_OK ? "otp.verified" : "otp.failed", .entity = "mobile",
				 .entity_id = mobile, .remarks = purpose };
	if (audit_write(who, &e) != 0 || db_commit() != 0)
		goto error;
	return res;
error:
	db_rollback();
	return AUTH_ERROR;
}

enum auth_result auth_citizen_login(struct arena *a, const struct actor *who, const char *mobile, const char *code,
				    const char *lang, long *user_id)
{
	enum auth_result res = auth_otp_verify(a, who, mobile, "login", code);
	if (res != AUTH_OK)
		return res;
	long id = user_citizen(a, who, mobile, NULL, lang);
	if (id <= 0)
		return AUTH_ERROR;
	*user_id = id;
	return AUTH_OK;
}

/* The new password of a reset and where its outcome goes (db_txn's context). */
struct reset_ctx {
	const struct actor *who;	/* who asked (nobody logged in) */
	long uid;			/* whose password */
	const char *username;		/* for the audit row */
	const char *hash;		/* the new password's hash */
};

static int reset_txn(void *p)
{
	struct reset_ctx *c = p;
	if (db_exec("UPDATE users SET pw_hash = ?, failed_logins = 0, locked_until = NULL WHERE id = ?", "si", c->hash,
		    (long long)c->uid) != 1 ||
	    session_revoke_all(c->uid) != 0)
		return -1;
	struct audit_entry e = { .action = "password.reset", .entity = "user", .entity_id = c->username, .actor_id = c->uid };
	return audit_write(c->who, &e) == 0 ? 0 : -1;
}

int auth_reset_password(struct arena *a, const struct actor *who, const struct reset_input *in, struct outcome *out)
{
	const char *problem = password_problem(in->password);
	if (problem)
		out_field(out, "password", problem, NULL);
	else if (!str_eq(in->password, in->password2))
		out_field(out, "password2", "auth.pw_mismatch", NULL);
	if (out->nerrs)
		return out->status;
	struct dbres *u = db_query(a, "SELECT id, mobile FROM users WHERE username = ? AND active = 1 "
				      "AND user_type <> 'citizen'", "s", in->username ? in->username : "");
	if (!u)
		return out_fail(out, 503, NULL);
	/* an unknown username costs the same OTP check as a known one */
	enum auth_result res = auth_otp_verify(a, who, u->nrows ? db_val(u, 0, 1) : "0000000000", "reset", in->otp);
	if (res == AUTH_ERROR)
		return out_fail(out, 503, NULL);
	if (res != AUTH_OK || !u->nrows) {
		out_field(out, "otp", "auth.otp_failed", NULL);
		return out->status;
	}
	struct reset_ctx c = { .who = who, .uid = (long)db_int(u, 0, 0), .username = in->username };
	char *hash = auth_hash_password(in->password);
	if (!hash)
		return out_fail(out, 503, NULL);
	c.hash = hash;
	int st = out_txn(out, reset_txn, &c);
	free(hash);
	return st;
}
