/*
 * form.c — the field-by-field answer checker.
 */
#include "form.h"
#include "lengths.h"
#include "user.h"

#include <ctype.h>
#include <regex.h>
#include <stdlib.h>
#include <string.h>

struct fc {
	struct arena *a;		/* memory */
	const struct form_env *env;	/* look-ups */
	struct outcome *out;		/* problems */
};

/* Records a problem: the answer's path, a message key and its {n}. */
static void err(struct fc *c, const char *field, const char *key, const char *n)
{
	out_field(c->out, field, key, n);
}

static const char *num(struct fc *c, long v)
{
	return arena_printf(c->a, "%ld", v);
}

char *aadhaar_mask(struct arena *a, const char *d)
{
	size_t n = strlen(d);
	return arena_printf(a, "XXXXXXXX%s", n >= 4 ? d + n - 4 : d);
}

/* The answer as a scalar string ("" when absent/empty); numbers and
 * booleans arrive as text from forms and as JSON values from the API. */
static const char *scalar(const struct jval *v)
{
	if (!v || v->type == J_NULL)
		return "";
	if (v->type == J_STR || v->type == J_NUM)
		return v->str;
	if (v->type == J_BOOL)
		return v->b ? "true" : "false";
	return NULL;	/* arrays and objects are not scalars */
}

bool form_shown(const struct field *fields, size_t n, const struct field *f, const struct jval *answers)
{
	if (!f->show_field)
		return true;
	for (size_t i = 0; i < n; i++)
		if (str_eq(fields[i].name, f->show_field)) {
			if (!form_shown(fields, n, &fields[i], answers))
				return false;
			const char *v = scalar(json_get(answers, f->show_field));
			return v && str_eq(v, f->show_equals);
		}
	return false;
}

static bool opt_ok(const struct field *f, const char *v)
{
	for (size_t i = 0; i < f->nopts; i++)
		if (str_eq(f->opts[i].value, v))
			return true;
	return false;
}

static bool text_clean(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 && *p != '\n' && *p != '\t')
			return false;
	return true;
}

static bool pattern_ok(const char *pattern, const char *v)
{
	regex_t re;
	char *anch = xasprintf("^(%s)$", pattern);
	int rc = regcomp(&re, anch, REG_EXTENDED | REG_NOSUB);
	free(anch);
	if (rc != 0)
		return false;
	bool ok = regexec(&re, v, 0, NULL, 0) == 0;
	regfree(&re);
	return ok;
}

static const char *date_bound(struct fc *c, const char *b)
{
	return str_eq(b, "today") ? c->env->today : b;
}

/* Checks one scalar answer; writes the normalised value with jw (key
 * already written by the caller only when the answer is kept). */
static void check_one(struct fc *c, const struct field *f, const char *path, const struct jval *v, struct jw *w,
		      const char *key)
{
	const char *s = scalar(v);
	long n;
	if (f->type == FT_MULTISELECT || (f->type == FT_CHECKBOX && f->nopts)) {
		/* a list of chosen values */
		size_t cnt = 0;
		if (v && v->type == J_ARR) {
			for (size_t i = 0; i < v->n; i++)
				if (!scalar(v->kids[i]) || !opt_ok(f, scalar(v->kids[i]))) {
					err(c, path, "form.err.choice", NULL);
					return;
				}
			cnt = v->n;
		} else if (s && *s) {
			if (!opt_ok(f, s)) {
				err(c, path, "form.err.choice", NULL);
				return;
			}
			cnt = 1;
		} else if (s == NULL) {
			err(c, path, "form.err.choice", NULL);
			return;
		}
		if (cnt == 0) {
			if (f->required)
				err(c, path, "form.err.choose_one", NULL);
			return;
		}
		jw_key(w, key);
		jw_arr(w);
		if (v->type == J_ARR)
			for (size_t i = 0; i < v->n; i++)
				jw_str(w, scalar(v->kids[i]));
		else
			jw_str(w, s);
		jw_arr_end(w);
		return;
	}
	if (!s) {
		err(c, path, "form.err.not_text", NULL);
		return;
	}
	if (f->type == FT_CHECKBOX) {	/* a single yes/no, e.g. a declaration */
		bool yes = str_eq(s, "true") || str_eq(s, "1") || str_eq(s, "yes") || str_eq(s, "on");
		if (!yes && *s && !str_eq(s, "false") && !str_eq(s, "0") && !str_eq(s, "no")) {
			err(c, path, "form.err.choice", NULL);
			return;
		}
		if (f->required && !yes) {
			err(c, path, "form.err.must_tick", NULL);
			return;
		}
		jw_kbool(w, key, yes);
		return;
	}
	char *t = str_trim(arena_strdup(c->a, s));
	if (!*t) {
		if (f->required)
			err(c, path, f->type == FT_SELECT || f->type == FT_RADIO || f->type == FT_LOCATION ||
					     f->type == FT_FILE ? "form.err.choose_one" : "form.err.required", NULL);
		return;
	}
	switch (f->type) {
	case FT_TEXT: {
		size_t len = utf8_chars(t);
		long max = form_text_max(f);
		if (!text_clean(t)) {
			err(c, path, "form.err.not_text", NULL);
			return;
		}
		if (f->min_len && (long)len < f->min_len) {
			err(c, path, "form.err.too_short", num(c, f->min_len));
			return;
		}
		if ((long)len > max) {
			err(c, path, "form.err.too_long", num(c, max));
			return;
		}
		if (f->pattern && !pattern_ok(f->pattern, t)) {
			err(c, path, "form.err.pattern", NULL);
			return;
		}
		jw_kstr(w, key, t);
		return;
	}
	case FT_NUMBER:
		if (!parse_long(t, -999999999999L, 999999999999L, &n)) {
			err(c, path, "form.err.number", NULL);
			return;
		}
		if (f->has_min && n < f->min) {
			err(c, path, "form.err.min", num(c, f->min));
			return;
		}
		if (f->has_max && n > f->max) {
			err(c, path, "form.err.max", num(c, f->max));
			return;
		}
		jw_kint(w, key, n);
		return;
	case FT_DATE: {
		int y, m, d;
		if (!parse_date(t, &y, &m, &d)) {
			err(c, path, "form.err.date", NULL);
			return;
		}
		const char *lo = date_bound(c, f->min_date), *hi = date_bound(c, f->max_date);
		if (lo && strcmp(t, lo) < 0) {
			err(c, path, "form.err.date_min", lo);
			return;
		}
		if (hi && strcmp(t, hi) > 0) {
			err(c, path, "form.err.date_max", hi);
			return;
		}
		jw_kstr(w, key, t);
		return;
	}
	case FT_SELECT:
	case FT_RADIO:
		if (!opt_ok(f, t)) {
			err(c, path, "form.err.choice", NULL);
			return;
		}
		jw_kstr(w, key, t);
		return;
	case FT_MOBILE:
		if (!valid_mobile(t)) {
			err(c, path, "auth.mobile_bad", NULL);
			return;
		}
		jw_kstr(w, key, t);
		return;
	case FT_EMAIL:
		if (!valid_email(t)) {
			err(c, path, "hr.email_bad", NULL);
			return;
		}
		jw_kstr(w, key, t);
		return;
	case FT_AADHAAR: {
		const char *was = c->env->prior ? json_get_str(c->env->prior, key) : NULL;
		if (was && str_eq(was, t) && strlen(t) == 12 && strncmp(t, "XXXXXXXX", 8) == 0) {
			jw_kstr(w, key, t);	/* the masked value accepted earlier */
			return;
		}
		char digits[16];
		size_t k = 0;
		for (const char *p = t; *p && k < sizeof digits - 1; p++)
			if (isdigit((unsigned char)*p))
				digits[k++] = *p;
			else if (*p != ' ' && *p != '-')
				k = sizeof digits;	/* reject */
		digits[k < sizeof digits ? k : 0] = '\0';
		if (k != 12 || digits[0] < '2' || !verhoeff_ok(digits)) {
			err(c, path, "form.err.aadhaar", NULL);
			return;
		}
		jw_kstr(w, key, aadhaar_mask(c->a, digits));
		return;
	}
	case FT_PIN:
		if (!str_digits(t, 6, 6) || t[0] == '0') {
			err(c, path, "form.err.pin", NULL);
			return;
		}
		jw_kstr(w, key, t);
		return;
	case FT_LOCATION: {
		const char *name = NULL;
		if (!parse_long(t, 1, 2000000000L, &n) || !c->env->location_ok || !c->env->location_ok(c->env->ctx, n, &name)) {
			err(c, path, "form.err.location", NULL);
			return;
		}
		jw_key(w, key);
		jw_obj(w);
		jw_kint(w, "id", n);
		jw_kstr(w, "name", name);
		jw_obj_end(w);
		return;
	}
	case FT_FILE: {
		/* a document kept from the answers accepted earlier stays, even if
		 * the one correcting them (an officer, an operator whose consent
		 * ended) may not choose it from the locker now */
		long was = 0;
		bool kept = c->env->prior && json_get_long(c->env->prior, key, &was) && parse_long(t, 1, 2000000000L, &n) && n == was;
		if (!kept && (!parse_long(t, 1, 2000000000L, &n) || !c->env->document_ok || !c->env->document_ok(c->env->ctx, n))) {
			err(c, path, "form.err.document", NULL);
			return;
		}
		jw_kint(w, key, n);
		return;
	}
	default:
		err(c, path, "form.err.not_text", NULL);
	}
}

static void check_fields(struct fc *c, const struct field *fields, size_t nf, const struct jval *ans,
			 const char *prefix, struct jw *w)
{
	for (size_t i = 0; i < nf; i++) {
		const struct field *f = &fields[i];
		const char *path = prefix ? arena_printf(c->a, "%s.%s", prefix, f->name) : f->name;
		if (!form_shown(fields, nf, f, ans))
			continue;	/* hidden conditional fields are neither required nor kept */
		const struct jval *v = json_get(ans, f->name);
		if (f->type != FT_GROUP) {
			check_one(c, f, path, v, w, f->name);
			continue;
		}
		size_t rows = v && v->type == J_ARR ? v->n : 0;
		if (v && v->type != J_ARR && v->type != J_NULL) {
			err(c, path, "form.err.rows", NULL);
			continue;
		}
		if ((long)rows < f->min_items) {
			err(c, path, "form.err.rows_min", num(c, f->min_items));
			continue;
		}
		if ((long)rows > f->max_items) {
			err(c, path, "form.err.rows_max", num(c, f->max_items));
			continue;
		}
		jw_key(w, f->name);
		jw_arr(w);
		for (size_t k = 0; k < rows; k++) {
			if (v->kids[k]->type != J_OBJ) {
				err(c, arena_printf(c->a, "%s.%zu", path, k), "form.err.rows", NULL);
				continue;
			}
			jw_obj(w);
			check_fields(c, f->sub, f->nsub, v->kids[k], arena_printf(c->a, "%s.%zu", path, k), w);
			jw_obj_end(w);
		}
		jw_arr_end(w);
	}
}

long form_text_max(const struct field *f)
{
	long max = f->max_len ? f->max_len : FORM_TEXT_MAX;
	if (str_eq(f->name, FORM_NAME_FIELD) && max > LIM_PERSON_NAME)
		max = LIM_PERSON_NAME;
	return max;
}

/* The longest scalar answer a field of this kind can have when it is
 * right: what a draft may keep of it. */
static long answer_max(const struct field *f)
{
	switch (f->type) {
	case FT_TEXT: return form_text_max(f);
	case FT_EMAIL: return LIM_EMAIL;
	default: return 64;	/* numbers, dates, ids, option values (at most 60) */
	}
}

static void check_lengths(struct fc *c, const struct field *fields, size_t nf, const struct jval *ans, const char *prefix)
{
	for (size_t i = 0; ans && ans->type == J_OBJ && i < nf; i++) {
		const struct field *f = &fields[i];
		const struct jval *v = json_get(ans, f->name);
		const char *path = prefix ? arena_printf(c->a, "%s.%s", prefix, f->name) : f->name;
		if (!v)
			continue;
		if (f->type == FT_GROUP) {
			if (v->type != J_ARR)
				continue;
			if ((long)v->n > f->max_items) {
				err(c, path, "form.err.rows_max", num(c, f->max_items));
				continue;
			}
			for (size_t k = 0; k < v->n; k++)
				check_lengths(c, f->sub, f->nsub, v->kids[k], arena_printf(c->a, "%s.%zu", path, k));
			continue;
		}
		long max = answer_max(f);
		size_t n = v->type == J_ARR ? v->n : 1;
		if (v->type == J_ARR && n > 64) {
			err(c, path, "form.err.choice", NULL);
			continue;
		}
		for (size_t k = 0; k < n; k++) {
			const char *t = scalar(v->type == J_ARR ? v->kids[k] : v);
			if (t && (long)utf8_chars(str_trim(arena_strdup(c->a, t))) > max) {
				err(c, path, "form.err.too_long", num(c, max));
				break;
			}
		}
	}
}

size_t form_check_lengths(struct arena *a, const struct field *fields, size_t nfields, const struct jval *answers,
			  struct outcome *o)
{
	struct form_env env = { 0 };
	struct fc c = { .a = a, .env = &env, .out = o };
	size_t before = o->nerrs;
	check_lengths(&c, fields, nfields, answers, NULL);
	return o->nerrs - before;
}

size_t form_check(struct arena *a, const struct field *fields, size_t nfields, const struct jval *answers,
		  const struct form_env *env, struct outcome *o, const char **json)
{
	struct fc c = { .a = a, .env = env, .out = o };
	size_t before = o->nerrs;
	struct sbuf b;
	sbuf_init(&b);
	struct jw w;
	jw_init(&w, &b);
	jw_obj(&w);
	if (answers && answers->type != J_OBJ)
		err(&c, "fields", "form.err.rows", NULL);
	else
		check_fields(&c, fields, nfields, answers, NULL, &w);
	jw_obj_end(&w);
	*json = arena_strdup(a, b.data);
	sbuf_free(&b);
	return o->nerrs - before;
}

bool form_listed(const struct jval *list, const char *name)
{
	for (size_t i = 0; list && list->type == J_ARR && i < list->n; i++)
		if (list->kids[i]->type == J_STR && (str_eq(list->kids[i]->str, name) || str_eq(list->kids[i]->str, "*")))
			return true;
	return false;
}

struct jval *form_merge(struct arena *a, const struct field *fields, size_t nfields, const struct jval *old,
			const struct jval *fresh, const struct jval *only)
{
	struct jval *m = arena_alloc(a, sizeof *m);
	m->type = J_OBJ;
	m->keys = arena_alloc(a, (nfields + 1) * sizeof *m->keys);
	m->kids = arena_alloc(a, (nfields + 1) * sizeof *m->kids);
	for (size_t i = 0; i < nfields; i++) {
		const char *name = fields[i].name;
		bool take = only ? form_listed(only, name) : json_get(fresh, name) != NULL;
		struct jval *v = json_get(take ? fresh : old, name);
		if (v && v->type == J_OBJ && fields[i].type == FT_LOCATION)
			v = json_get(v, "id");
		if (v) {
			m->keys[m->n] = (char *)name;
			m->kids[m->n++] = v;
		}
	}
	return m;
}
