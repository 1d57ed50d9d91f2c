/*
 * audit.h — the append-only, hash-chained audit trail.  Call audit_write
 * inside the transaction that makes the change, as its last statement, so
 * the chain head lock is held only until commit.
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

/* Appends one row for who (NULL: the system, e.g. a cron job).  Returns 0
 * or -1. */
int audit_write(const struct actor *who, const struct audit_entry *e);
/* Walks the chain; returns 0 when intact, else the first bad row id (>0),
 * or -1 on DB error.  Prints progress to the given stream when non-NULL. */
long audit_verify(struct arena *a);
#endif
