/*
 * dcache.h — answers that are costly to compute and may be a few minutes
 * old (dashboards over a district or the whole state), kept in the
 * database so every worker and node shares them.  A missing or stale
 * entry is computed by one worker at a time (a named lock); while it does,
 * others serve the stale entry if there is one.  dash_cache_seconds = 0
 * turns it off.
 */
#ifndef GS_DCACHE_H
#define GS_DCACHE_H
#include "req.h"

/* Fills the request's template data with fill(), or from the cache: what
 * fill adds at the top level is what is kept under key.  Sets D.as_of to
 * the time the figures were computed.  Returns fill's status or 0. */
int dcache_hdf(struct req *r, const char *key, int (*fill)(struct req *r, void *ctx), void *ctx);
/* The same for a text answer (JSON): *out is the body to send. */
int dcache_text(struct req *r, const char *key, int (*make)(struct req *r, void *ctx, struct sbuf *out), void *ctx,
		const char **out);
#endif
