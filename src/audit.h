/*
 * audit.h — the append-only, hash-chained audit trail: one chain per shard
 * (by office or user) and anchors chaining the shards' heads (audit.c).
 * Call audit_write inside the transaction that makes the change, as its
 * last statement, so the shard's head lock is held only until commit.
 */
#ifndef GS_AUDIT_H
#define GS_AUDIT_H
#include "domain.h"

struct audit_entry {
	const char *action;	/* "login", "app.submit", "wf.forward", ... */
	const char *entity;	/* "user", "application", "location", ... */
	const char *entity_id;	/* its id or number */
	const char *role;	/* acting role code, or NULL */
	long office_id;		/* acting office, or 0 */
	const char *remarks;	/* free text, or NULL */
	const char *detail;	/* JSON text (before/after), or NULL */
	long actor_id;		/* overrides the acting user when non-zero (e.g. failed log-in target) */
};

#define AUDIT_MAX_SHARDS 64	/* audit_head rows 1..64 exist (migration 080); audit_shards may not exceed it */

/* What audit_verify found. */
struct audit_check {
	long long rows;		/* rows whose hash was checked */
	int shards;		/* chains walked (0..AUDIT_MAX_SHARDS, empty ones too) */
	long long anchors;	/* anchors checked */
	int bad_shard;		/* the broken chain, or -1 (intact, or an anchor is at fault) */
	long long bad_seq;	/* the row of bad_shard at fault (its seq) */
	long long bad_anchor;	/* the anchor at fault or that caught it, or 0 */
	const char *why;	/* static text: what is wrong; NULL when intact */
};

/* The shard an audit row of that office (else that acting user; 0: the
 * system) goes to: 1..audit_shards. */
int audit_shard(long office_id, long actor);
/* Appends one row for who (NULL: the system, e.g. a cron job) to its
 * shard's chain.  Returns 0 or -1. */
int audit_write(const struct actor *who, const struct audit_entry *e);
/* Records, in one new anchor chained to the last, every shard head that
 * moved since the last anchor.  Safe to run twice at once (the second
 * waits, then finds nothing new).  Returns the anchor's id, 0 when no head
 * moved, or -1 on a database error.  Uses a for scratch memory. */
long long audit_anchor(struct arena *a);
/* Walks every shard's chain and the anchors.  Returns 0 when intact, 1
 * when not (out says where and why), -1 on a database error.  Resets a
 * between batches. */
int audit_verify(struct arena *a, struct audit_check *out);
#endif
