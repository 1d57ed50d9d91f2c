/*
 * session.c — session lookup, creation, rotation and revocation; CSRF
 * tokens bound to the session (or to an anonymous cookie before log-in).
 */
#include "session.h"
#include "audit.h"
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
	/* the session, its user and the user's roles in one round trip
	 * (every logged-in request pays it): a row per holding; an inactive
	 * user's session finds none */
	struct dbres *s = db_query(r->a,
		"SELECT s.id, s.user_id, TIMESTAMPDIFF(SECOND, s.last_seen, NOW()), " USER_COLS " FROM sessions s "
		"JOIN users u ON u.id = s.user_id AND u.active = 1 " USER_HOLDINGS " "
		"WHERE s.token_hash = ? AND s.kind = ? AND s.revoked_at IS NULL AND s.expires_at > NOW() "
		"AND s.last_seen > NOW() - INTERVAL ? SECOND ORDER BY rh.id",
		"bsi", h, sizeof h, api ? "api" : "web", (long long)cfg.session_idle);
	if (!s)
		return 503;
	if (s->nrows == 0)
		return 0;
	struct user *u = user_from_rows(r->a, s, 3);
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
	long id = 0;
	long replaces = r->sess && !api ? r->sess->id : 0;
	const char *tok = session_open(r->a, &r->actor, user_id, api, r->user_agent, replaces, &id, expires_iso);
	if (!tok || api)
		return tok;
	resp_cookie(r, SESSION_COOKIE, tok, cfg.session_max);
	struct session *ss = arena_alloc(r->a, sizeof *ss);
	ss->id = id;
	ss->user_id = user_id;
	ss->token = tok;
	r->sess = ss;
	r->csrf = NULL;	/* a new session means a new CSRF token */
	return tok;
}

int session_logout(struct req *r, bool all)
{
	if (!r->sess)
		return 0;
	if (session_close(r->a, &r->actor, r->sess->id, all) != 0)
		return 503;
	if (!r->sess->api)
		resp_cookie(r, SESSION_COOKIE, "", 0);
	r->sess = NULL;
	r->user = NULL;
	r->actor.user = NULL;
	r->csrf = NULL;
	return 0;
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

/* The token as a page carries it: a fresh random mask and the token's
 * bytes XORed with it (base64url of 64 bytes).  Pages go out gzipped, and
 * a secret repeated unchanged in every response can be read through the
 * compressed sizes (BREACH); masked afresh, it never repeats. */
const char *csrf_masked(struct req *r)
{
	unsigned char raw[32], out[64];
	const char *t = csrf_token(r);
	if (b64url_decode(t, strlen(t), raw, sizeof raw) != (long)sizeof raw)
		return t;	/* cannot happen: secret_mac makes 32 bytes */
	randombytes_buf(out, 32);
	for (size_t i = 0; i < 32; i++)
		out[32 + i] = out[i] ^ raw[i];
	return b64url_encode(r->a, out, sizeof out);
}

bool csrf_ok(struct req *r)
{
	const char *given = req_form(r, "csrf");
	unsigned char raw[32], got[64];
	if (!given || (!r->sess && !r->anon) || strlen(given) != 86 ||
	    b64url_decode(given, 86, got, sizeof got) != (long)sizeof got)
		return false;
	const char *want = csrf_token(r);
	if (b64url_decode(want, strlen(want), raw, sizeof raw) != (long)sizeof raw)
		return false;
	for (size_t i = 0; i < 32; i++)
		got[32 + i] ^= got[i];
	return sodium_memcmp(got + 32, raw, sizeof raw) == 0;
}

/* ---- the domain side ---- */

/* A session to open and the one it replaces (db_txn's context). */
struct open_ctx {
	const struct actor *who;	/* the address it is opened from */
	long user_id;			/* whose */
	bool api;			/* bearer token rather than cookie */
	const char *user_agent;		/* as sent, cut to 200 characters */
	long replaces;			/* session to end first, or 0 */
	const unsigned char *hash;	/* SHA-256 of the token */
	long id;			/* out: the new row */
};

static int open_txn(void *p)
{
	struct open_ctx *c = p;
	if (c->replaces && db_exec("UPDATE sessions SET revoked_at = NOW() WHERE id = ?", "i", (long long)c->replaces) < 0)
		return -1;
	if (db_exec("INSERT INTO sessions (token_hash, user_id, kind, created_at, last_seen, expires_at, ip, user_agent) "
		    "VALUES (?, ?, ?, NOW(), NOW(), NOW() + INTERVAL ? SECOND, ?, LEFT(?, 200))",
		    "bisiss", c->hash, (size_t)32, (long long)c->user_id, c->api ? "api" : "web", (long long)cfg.session_max,
		    c->who->ip, c->user_agent) != 1)
		return -1;
	c->id = (long)db_last_id();
	return 0;
}

const char *session_open(struct arena *a, const struct actor *who, long user_id, bool api, const char *user_agent,
			 long replaces, long *id, char expires_iso[32])
{
	char *tok = random_token(a);
	unsigned char h[32];
	sha256(tok, strlen(tok), h);
	struct open_ctx c = { .who = who, .user_id = user_id, .api = api, .user_agent = user_agent, .replaces = replaces,
			      .hash = h };
	/* a rotation is two writes and one transaction; a first log-in (every
	 * API log-in) is one INSERT, as cheap as it ever was */
	if ((replaces ? db_txn(open_txn, &c) : open_txn(&c)) != 0)
		return NULL;
	*id = c.id;
	if (expires_iso)
		fmt_iso_time(expires_iso, now_secs() + (time_t)cfg.session_max);
	return tok;
}

/* A log-out (db_txn's context). */
struct close_ctx {
	struct arena *a;		/* for the audit row's text */
	const struct actor *who;	/* whose session */
	long session_id;		/* the session used */
	bool all;			/* every session of the user */
};

static int close_txn(void *p)
{
	struct close_ctx *c = p;
	long uid = actor_id(c->who);
	if ((c->all && session_revoke_all(uid) != 0) ||
	    db_exec("UPDATE sessions SET revoked_at = NOW() WHERE id = ?", "i", (long long)c->session_id) < 0)
		return -1;
	struct audit_entry e = { .action = c->all ? "logout.all" : "logout", .entity = "user",
				 .entity_id = arena_printf(c->a, "%ld", uid) };
	return audit_write(c->who, &e) == 0 ? 0 : -1;
}

int session_close(struct arena *a, const struct actor *who, long session_id, bool all)
{
	struct close_ctx c = { .a = a, .who = who, .session_id = session_id, .all = all };
	return db_txn(close_txn, &c) == 0 ? 0 : -1;
}

int session_revoke_all(long user_id)
{
	return db_exec("UPDATE sessions SET revoked_at = NOW() WHERE user_id = ? AND revoked_at IS NULL",
		       "i", (long long)user_id) < 0 ? -1 : 0;
}
