/*
 * dcache.c — the shared cache of costly answers (see dcache.h).
 */
#include "dcache.h"
#include "config.h"
#include "db.h"
#include "log.h"
#include "tmpl.h"

#include <stdlib.h>
#include <string.h>

/* The entry and its age in seconds; NULL when there is none. */
static const char *lookup(struct arena *a, const char *key, long *age, const char **at)
{
	struct dbres *e = db_query(a, "SELECT body, TIMESTAMPDIFF(SECOND, computed_at, NOW()), DATE_FORMAT(computed_at, '%Y-%m-%d %H:%i') "
				      "FROM dash_cache WHERE k = ?", "s", key);
	if (!e || e->nrows != 1)
		return NULL;
	*age = (long)db_int(e, 0, 1);
	*at = db_val(e, 0, 2);
	return db_val(e, 0, 0);
}

static bool lock(struct arena *a, const char *key, long wait)
{
	const char *got = db_scalar(a, "SELECT GET_LOCK(CONCAT('gs:', LEFT(?, 60)), ?)", "si", key, (long long)wait);
	return str_eq(got, "1");
}

static void unlock(struct arena *a, const char *key)
{
	db_scalar(a, "SELECT RELEASE_LOCK(CONCAT('gs:', LEFT(?, 60)))", "s", key);
}

enum look { FRESH, STALE_SERVE, COMPUTE, COMPUTE_UNLOCKED };

/* Decides what to do for key: a fresh entry is used; a stale one is served
 * while another worker recomputes it; otherwise this worker computes it,
 * holding the lock (COMPUTE) or, if the lock could not be had, without. */
static enum look decide(struct arena *a, const char *key, const char **body, const char **at)
{
	long ttl = cfg.dash_cache_seconds, age = 0;
	*body = lookup(a, key, &age, at);
	if (*body && age < ttl)
		return FRESH;
	if (*body && lock(a, key, 0)) {
		/* ours to recompute; another worker may just have done it */
		*body = lookup(a, key, &age, at);
		if (*body && age < ttl) {
			unlock(a, key);
			return FRESH;
		}
		return COMPUTE;
	}
	if (*body)
		return STALE_SERVE;
	if (!lock(a, key, 10))
		return COMPUTE_UNLOCKED;
	*body = lookup(a, key, &age, at);
	if (*body && age < ttl) {
		unlock(a, key);
		return FRESH;
	}
	return COMPUTE;
}

static void store(const char *key, const char *body)
{
	if (db_exec("REPLACE INTO dash_cache (k, computed_at, body) VALUES (?, NOW(), ?)", "ss", key, body) < 0)
		log_warn("dashboard cache: %s not stored", key);
	/* entries nobody asked for again in a day go (any range may be asked
	 * for, also by anonymous visitors of the public page) */
	db_exec("DELETE FROM dash_cache WHERE computed_at < NOW() - INTERVAL 1 DAY", NULL);
}

static const char *now_text(struct arena *a)
{
	char t[20];
	fmt_sql_time(t, now_secs());
	return arena_printf(a, "%.16s", t);	/* to the minute, as stored entries show */
}

int dcache_hdf(struct req *r, const char *key, int (*fill)(struct req *r, void *ctx), void *ctx)
{
	if (cfg.dash_cache_seconds <= 0) {
		int st = fill(r, ctx);
		hset(r, "D.as_of", now_text(r->a));
		return st;
	}
	const char *body, *at = NULL;
	enum look l = decide(r->a, key, &body, &at);
	if (l == FRESH || l == STALE_SERVE) {
		NEOERR *err = hdf_read_string(r->hdf, body);
		if (!err) {
			hset(r, "D.as_of", at);
			return 0;
		}
		nerr_ignore(&err);	/* unreadable: compute it afresh */
	}
	/* the top-level names present before fill (the viewer's: User, CSRF,
	 * Lang ...) are never stored; the rest is fill's */
	size_t nb = 0;
	for (HDF *c = hdf_obj_child(r->hdf); c; c = hdf_obj_next(c))
		nb++;
	const char **before = arena_alloc(r->a, (nb + 1) * sizeof *before);
	nb = 0;
	for (HDF *c = hdf_obj_child(r->hdf); c; c = hdf_obj_next(c))
		before[nb++] = arena_strdup(r->a, hdf_obj_name(c));
	int st = fill(r, ctx);
	if (st == 0) {
		HDF *keep = NULL;
		char *text = NULL;
		NEOERR *err = hdf_init(&keep);
		for (HDF *c = hdf_obj_child(r->hdf); !err && c; c = hdf_obj_next(c)) {
			bool old = false;
			for (size_t i = 0; i < nb && !old; i++)
				old = str_eq(before[i], hdf_obj_name(c));
			if (!old)
				err = hdf_copy(keep, hdf_obj_name(c), c);
		}
		if (!err)
			err = hdf_write_string(keep, &text);
		if (!err)
			store(key, text);
		nerr_ignore(&err);
		free(text);
		hdf_destroy(&keep);
	}
	if (l == COMPUTE)
		unlock(r->a, key);
	hset(r, "D.as_of", now_text(r->a));
	return st;
}

int dcache_text(struct req *r, const char *key, int (*make)(struct req *r, void *ctx, struct sbuf *out), void *ctx,
		const char **out)
{
	const char *body = NULL, *at = NULL;
	enum look l = cfg.dash_cache_seconds > 0 ? decide(r->a, key, &body, &at) : COMPUTE_UNLOCKED;
	if (l == FRESH || l == STALE_SERVE) {
		*out = body;
		return 0;
	}
	struct sbuf b;
	sbuf_init(&b);
	int st = make(r, ctx, &b);
	if (st == 0) {
		*out = arena_strdup(r->a, b.data);
		if (cfg.dash_cache_seconds > 0)
			store(key, b.data);
	}
	sbuf_free(&b);
	if (l == COMPUTE)
		unlock(r->a, key);
	return st;
}
