/*
 * session.c — session lookup, creation, rotation and revocation; CSRF
 * tokens bound to the session (or to an anonymous cookie before log-in).
 */
#include "session.h"
#include "config.h"
#include "db.h"
#include "log.h"
#include "user.h"

#include <sodium.h>
#include <string.h>

void sha256(const void *p, size_t n, unsigned char out[32])
{
	crypto_hash_sha256(out, p, n);
}

char *random_token(struct arena *a)
{
	unsigned char b[32];
	randombytes_buf(b, sizeof b);
	return b64url_encode(a, b, sizeof b);
}

char *secret_mac(struct arena *a, const char *msg)
{
	unsigned char key[32], mac[32];
	size_t klen = 0;
	if (sodium_hex2bin(key, sizeof key, cfg.secret, strlen(cfg.secret), NULL, &klen, NULL) != 0 || klen != 32)
		memset(key, 0, sizeof key);	/* config_load guarantees 64 hex chars when set */
	crypto_auth_hmacsha256(mac, (const unsigned char *)msg, strlen(msg), key);
	sodium_memzero(key, sizeof key);
	return b64url_encode(a, mac, sizeof mac);
}

/* Looks up a session by raw token; fills r->sess/r->user on success. */
static int lookup(struct req *r, const char *token, bool api)
{
	unsigned char h[32];
	if (strlen(token) != 43)
		return 0;
	sha256(token, strlen(token), h);
	struct dbres *s = db_query(r->a,
		"SELECT id, user_id, TIMESTAMPDIFF(SECOND, last_seen, NOW()) FROM sessions "
		"WHERE token_hash = ? AND kind = ? AND revoked_at IS NULL AND expires_at > NOW() "
		"AND last_seen > NOW() - INTERVAL ? SECOND",
		"bsi", h, sizeof h, api ? "api" : "web", (long long)cfg.session_idle);
	if (!s)
		return 503;
	if (s->nrows != 1)
		return 0;
	struct user *u = user_load(r->a, (long)db_int(s, 0, 1));
	if (!u)
		return db_down() ? 503 : 0;
	struct session *ss = arena_alloc(r->a, sizeof *ss);
	ss->id = (long)db_int(s, 0, 0);
	ss->user_id = u->id;
	ss->token = token;
	ss->api = api;
	r->sess = ss;
	r->user = u;
	r->actor.user = u;
	if (db_int(s, 0, 2) >= 60)	/* touch at most once a minute */
		db_exec("UPDATE sessions SET last_seen = NOW() WHERE id = ?", "i", (long long)ss->id);
	return 0;
}

int session_resolve(struct req *r)
{
	if (r->api) {
		if (r->authz && str_starts(r->authz, "Bearer "))
			return lookup(r, r->authz + 7, true);
		return 0;
	}
	const char *tok = req_cookie(r, SESSION_COOKIE);
	return tok ? lookup(r, tok, false) : 0;
}

const char *session_create(struct req *r, long user_id, bool api, char expires_iso[32])
{
	if (r->sess && !api)
		session_revoke_current(r);
	char *tok = random_token(r->a);
	unsigned char h[32];
	sha256(tok, strlen(tok), h);
	long long life = cfg.session_max;
	if (db_exec("INSERT INTO sessions (token_hash, user_id, kind, created_at, last_seen, expires_at, ip, user_agent) "
		    "VALUES (?, ?, ?, NOW(), NOW(), NOW() + INTERVAL ? SECOND, ?, LEFT(?, 200))",
		    "bisiss", h, sizeof h, (long long)user_id, api ? "api" : "web", (long long)life, r->remote_ip,
		    r->user_agent) != 1)
		return NULL;
	if (expires_iso)
		fmt_iso_time(expires_iso, now_secs() + (time_t)life);
	if (!api) {
		resp_cookie(r, SESSION_COOKIE, tok, cfg.session_max);
		struct session *ss = arena_alloc(r->a, sizeof *ss);
		ss->id = (long)db_last_id();
		ss->user_id = user_id;
		ss->token = tok;
		r->sess = ss;
		r->csrf = NULL;	/* a new session means a new CSRF token */
	}
	return tok;
}

int session_revoke_current(struct req *r)
{
	if (!r->sess)
		return 0;
	long long rc = db_exec("UPDATE sessions SET revoked_at = NOW() WHERE id = ?", "i", (long long)r->sess->id);
	if (!r->sess->api)
		resp_cookie(r, SESSION_COOKIE, "", 0);
	r->sess = NULL;
	r->user = NULL;
	r->actor.user = NULL;
	r->csrf = NULL;
	return rc < 0 ? -1 : 0;
}

int session_revoke_all(long user_id)
{
	return db_exec("UPDATE sessions SET revoked_at = NOW() WHERE user_id = ? AND revoked_at IS NULL",
		       "i", (long long)user_id) < 0 ? -1 : 0;
}

const char *csrf_token(struct req *r)
{
	if (r->csrf)
		return r->csrf;
	const char *basis;
	if (r->sess) {
		basis = arena_printf(r->a, "csrf:s:%s", r->sess->token);
	} else {
		if (!r->anon) {
			r->anon = random_token(r->a);
			resp_cookie(r, ANON_COOKIE, r->anon, 86400 * 30);
		}
		basis = arena_printf(r->a, "csrf:a:%s", r->anon);
	}
	r->csrf = secret_mac(r->a, basis);
	return r->csrf;
}

bool csrf_ok(struct req *r)
{
	const char *given = req_form(r, "csrf");
	if (!given || (!r->sess && !r->anon))
		return false;
	const char *want = csrf_token(r);
	return strlen(given) == strlen(want) && sodium_memcmp(given, want, strlen(want)) == 0;
}
