/*
 * domain.c — actors and outcomes (see domain.h).
 */
#include "domain.h"
#include "db.h"
#include "user.h"

#include <string.h>

struct actor actor_cli(const struct user *user)
{
	struct actor a = { .user = user, .ip = "cli", .req_id = "cli" };
	return a;
}

long actor_id(const struct actor *who)
{
	return who && who->user ? who->user->id : 0;
}

void out_init(struct outcome *o, struct arena *a)
{
	memset(o, 0, sizeof *o);
	o->a = a;
}

int out_fail(struct outcome *o, int status, const char *key)
{
	o->status = status;
	if (key)
		o->key = key;
	return status;
}

void out_field(struct outcome *o, const char *field, const char *key, const char *arg)
{
	if (out_has(o, field))
		return;		/* the first problem with an input is the one to show */
	if (o->nerrs == o->cap) {
		size_t cap = o->cap ? o->cap * 2 : 8;
		struct field_err *n = arena_alloc(o->a, cap * sizeof *n);
		if (o->nerrs)
			memcpy(n, o->errs, o->nerrs * sizeof *n);
		o->errs = n;
		o->cap = cap;
	}
	o->errs[o->nerrs++] = (struct field_err){ field, key, arg };
	if (!o->status)
		o->status = 422;
}

bool out_has(const struct outcome *o, const char *field)
{
	for (size_t i = 0; i < o->nerrs; i++)
		if (str_eq(o->errs[i].field, field))
			return true;
	return false;
}

bool out_max_len(struct outcome *o, const char *field, const char *value, long max)
{
	if (!value || (long)utf8_chars(value) <= max)
		return true;
	out_field(o, field, "form.err.too_long", arena_printf(o->a, "%ld", max));
	return false;
}

int out_txn(struct outcome *o, int (*fn)(void *ctx), void *ctx)
{
	if (db_txn(fn, ctx) == 0)
		return 0;
	/* a refusal keeps its status; anything else was the database */
	return o->status ? o->status : out_fail(o, 503, NULL);
}
