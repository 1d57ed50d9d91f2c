/*
 * domain.h — the seam between handlers and rules.
 *
 * A domain function (app_file, wf_act, wallet_topup, user_deactivate, ...)
 * decides and writes; a handler (page_*.c, its API calls, ctl_*.c) only
 * translates HTTP or a command line into typed input and the outcome back
 * into a page, a JSON answer or an exit status.  Domain functions therefore
 * take (arena, actor, typed input, outcome) and never a struct req, template
 * data or a language string: messages travel as language keys.
 */
#ifndef GS_DOMAIN_H
#define GS_DOMAIN_H
#include "util.h"

struct user;

/* Who acts.  Pages and the API fill one per request (r->actor); commands
 * make one with actor_cli. */
struct actor {
	const struct user *user;	/* the person acting; NULL for the system (jobs) */
	const char *ip;			/* client address; "cli" for gramsewactl */
	const char *req_id;		/* request id, written to the audit row */
};

/* An actor for gramsewactl: user may be NULL (the system). */
struct actor actor_cli(const struct user *user);
/* The acting user's id, or 0 for the system. */
long actor_id(const struct actor *who);

/* One problem with one input. */
struct field_err {
	const char *field;	/* input name: "applicant_name", "family.1.name", "doc_income" */
	const char *key;	/* language key of the message: "form.err.required" */
	const char *arg;	/* fills {n} in the message (a limit, a date, a label), or NULL */
};

/* What a domain function answers besides its typed results. */
struct outcome {
	struct arena *a;	/* where errs live */
	int status;		/* 0 done; else an HTTP-style status: 403, 404, 409, 422, 429, 503 */
	const char *key;	/* language key explaining a refusal, or NULL (the status's own text) */
	const char *code;	/* API error code when it is not the status's own ("out_of_order") */
	struct field_err *errs;	/* per-input problems, in the order they were found */
	size_t nerrs, cap;
};

void out_init(struct outcome *o, struct arena *a);
/* Records a refusal; returns status so callers can `return out_fail(...)`. */
int out_fail(struct outcome *o, int status, const char *key);
/* Adds a problem with one input (and makes the status 422 unless another
 * refusal is already recorded). */
void out_field(struct outcome *o, const char *field, const char *key, const char *arg);
bool out_has(const struct outcome *o, const char *field);
/* The length rule of a text input (lengths.h): when value has more than
 * max characters, adds the problem "form.err.too_long" ({n} = max) and
 * returns false.  NULL passes. */
bool out_max_len(struct outcome *o, const char *field, const char *value, long max);
/* Runs fn(ctx) in one transaction (db_txn: rolled back when fn returns
 * non-zero, retried after a deadlock).  fn returns 0 (commit), 1 after
 * recording a refusal in o, or -1 on a database error.  Returns 0, o's
 * status, or 503 (also recorded in o) when the database failed. */
int out_txn(struct outcome *o, int (*fn)(void *ctx), void *ctx);
#endif
