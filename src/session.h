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

/* ---- the request side: the gate (router.c) and the log-in pages ---- */

/* Resolve r->sess and r->user from the cookie (pages) or bearer (API).
 * Expired/idle/revoked sessions resolve to nobody.  Returns 0, or 503 when
 * the database is down. */
int session_resolve(struct req *r);
/* After a successful log-in: a session for user (session_open), replacing
 * the request's web session if any (rotation).  Web: sets the cookie and
 * a new CSRF token.  Returns the raw token (arena) or NULL on DB error. */
const char *session_create(struct req *r, long user_id, bool api, char expires_iso[32]);
/* Log-out: ends the request's session, and with all every session of its
 * user (session_close), and clears the cookie.  Returns 0 or 503. */
int session_logout(struct req *r, bool all);
/* The CSRF token for forms on this response (derived from the session or
 * the anonymous cookie, which is set when missing). */
const char *csrf_token(struct req *r);
/* The token masked afresh for one page (BREACH); csrf_ok unmasks. */
const char *csrf_masked(struct req *r);
bool csrf_ok(struct req *r);
/* HMAC-SHA256(secret, msg) as base64url in the arena. */
char *secret_mac(struct arena *a, const char *msg);
/* SHA-256 of bytes into out[32]. */
void sha256(const void *p, size_t n, unsigned char out[32]);
/* 32 random bytes as base64url (43 chars). */
char *random_token(struct arena *a);

/* ---- the domain side: every write to sessions ---- */

/* Opens a session (web or API) for user_id from who's address and
 * user_agent, ending session `replaces` (0: none) in the same transaction.
 * Returns the raw token (arena) with the row id in *id and the expiry in
 * expires_iso (when not NULL), or NULL on a database error. */
const char *session_open(struct arena *a, const struct actor *who, long user_id, bool api, const char *user_agent,
			 long replaces, long *id, char expires_iso[32]);
/* Ends session_id of who's user, and with all every session of that user,
 * with the audit row (logout or logout.all) in one transaction.  0 or -1. */
int session_close(struct arena *a, const struct actor *who, long session_id, bool all);
/* Ends every session of user_id: the one rule behind log out everywhere,
 * password reset and deactivation.  Runs in the caller's transaction (or
 * alone).  0 or -1. */
int session_revoke_all(long user_id);
#endif
