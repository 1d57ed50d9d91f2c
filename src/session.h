/*
 * session.h — log-in sessions (web cookie and API bearer token) and CSRF.
 * Session ids are 256-bit random values; only their SHA-256 is stored.
 */
#ifndef GS_SESSION_H
#define GS_SESSION_H
#include "req.h"

#define SESSION_COOKIE "gs_s"
#define ANON_COOKIE "gs_a"

struct session {
	long id;		/* sessions.id */
	long user_id;		/* who */
	const char *token;	/* raw token (cookie / bearer), arena */
	bool api;		/* bearer token rather than cookie */
};

/* Resolve r->sess and r->user from the cookie (pages) or bearer (API).
 * Expired/idle/revoked sessions resolve to nobody.  Returns 0, or 503 when
 * the database is down. */
int session_resolve(struct req *r);
/* Create a session for user after a successful log-in, replacing any
 * current one (rotation).  Web: sets the cookie.  Returns the raw token
 * (arena) or NULL on DB error.  Must run inside the caller's transaction or
 * alone. */
const char *session_create(struct req *r, long user_id, bool api, char expires_iso[32]);
int session_revoke_current(struct req *r);
int session_revoke_all(long user_id);		/* log out everywhere */
/* The CSRF token for forms on this response (derived from the session or
 * the anonymous cookie, which is set when missing). */
const char *csrf_token(struct req *r);
bool csrf_ok(struct req *r);
/* HMAC-SHA256(secret, msg) as base64url in the arena. */
char *secret_mac(struct arena *a, const char *msg);
/* SHA-256 of bytes into out[32]. */
void sha256(const void *p, size_t n, unsigned char out[32]);
/* 32 random bytes as base64url (43 chars). */
char *random_token(struct arena *a);
#endif
