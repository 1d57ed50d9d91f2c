/*
 * form.c — the field-by-field answer checker, and the computed fields
 * worked out from what it accepted.
 */
#include "form.h"
#include "lengths.h"
#include "money.h"
#include "service.h"
#include "user.h"

#include <ctype.h>
#include <math.h>
#include <regex.h>
#include <stdio.h>
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
			const struct jval *a = json_get(answers, f->show_field);
			/* a list answer (ticked boxes, several choices) shows
			 * the field when the value is among those chosen */
			for (size_t k = 0; a && a->type == J_ARR && k < a->n; k++)
				if (str_eq(scalar(a->kids[k]), f->show_equals))
					return true;
			const char *v = scalar(a);
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

/* An id answer: a number, digits, or a stored {id}/{doc_id} object. */
static bool answer_id(const struct jval *v, const char *key, long *id)
{
	if (v && v->type == J_OBJ)
		return json_get_long(v, key, id) && *id > 0;
	const char *s = scalar(v);
	return s && parse_long(s, 1, 2000000000L, id);
}

/* A decimal number in [lo, hi] from text or a JSON number. */
static bool coord(const struct jval *v, double lo, double hi, double *out)
{
	const char *s = scalar(v);
	char *end;
	if (!s || !*s || strlen(s) > 30)
		return false;
	double d = strtod(s, &end);
	while (*end == ' ')
		end++;
	if (*end || !isfinite(d) || d < lo || d > hi)
		return false;
	*out = d;
	return true;
}

/* "2026-11-23T10:15[:00][Z|+05:30]" (what phones report), loosely: the
 * date is checked, the rest is digits in their places. */
static bool iso_time_ok(const char *s)
{
	int y, m, d;
	char day[11];
	size_t n = strlen(s);
	if (n < 16 || n > 32 || (s[10] != 'T' && s[10] != ' '))
		return false;
	memcpy(day, s, 10);
	day[10] = '\0';
	if (!parse_date(day, &y, &m, &d))
		return false;
	for (size_t i = 11; i < n; i++)
		if (!isdigit((unsigned char)s[i]) && !strchr(":.+-Z", s[i]))
			return false;
	return true;
}

/* A JSON number with 6 decimals (about 10 cm): what a geopoint keeps. */
static void jw_kcoord(struct jw *w, const char *key, double d)
{
	char buf[40];
	snprintf(buf, sizeof buf, "%.6f", d);
	jw_key(w, key);
	jw_raw(w, buf);
}

/* A geopoint: {lat, lon, accuracy_m, fix_at, source} from the API, or the
 * same members as text from a page.  Range-checked; a fix from a mock
 * provider is refused unless the field allows it; a fix less accurate
 * than the field's threshold is refused, or kept and marked
 * "accuracy_ok": false when the field only flags. */
static void check_geopoint(struct fc *c, const struct field *f, const char *path, const struct jval *v, struct jw *w,
			   const char *key)
{
	if (!v || v->type == J_NULL || (v->type == J_OBJ && str_empty(scalar(json_get(v, "lat"))) &&
					 str_empty(scalar(json_get(v, "lon"))))) {
		if (f->required)
			err(c, path, "form.err.geo_required", NULL);
		return;
	}
	double lat, lon, acc = -1;
	if (v->type != J_OBJ || !coord(json_get(v, "lat"), -90, 90, &lat) || !coord(json_get(v, "lon"), -180, 180, &lon)) {
		err(c, path, "form.err.geo", NULL);
		return;
	}
	const char *as = scalar(json_get(v, "accuracy_m"));
	if (as && *as && !coord(json_get(v, "accuracy_m"), 0, 100000, &acc)) {
		err(c, path, "form.err.geo_accuracy_bad", NULL);
		return;
	}
	const char *src = scalar(json_get(v, "source"));
	if (str_empty(src))
		src = "manual";
	if (!str_eq(src, "gps") && !str_eq(src, "manual") && !str_eq(src, "mock")) {
		err(c, path, "form.err.geo", NULL);
		return;
	}
	if (str_eq(src, "mock") && !f->allow_mock) {
		err(c, path, "form.err.geo_mock", NULL);
		return;
	}
	const char *fix = scalar(json_get(v, "fix_at"));
	if (fix && *fix && !iso_time_ok(fix)) {
		err(c, path, "form.err.geo_time", NULL);
		return;
	}
	/* over the threshold, or no accuracy at all (a manual point) */
	bool acc_ok = !f->accuracy_max || (acc >= 0 && acc <= (double)f->accuracy_max);
	if (!acc_ok && !f->accuracy_flag) {
		err(c, path, "form.err.geo_accuracy", num(c, f->accuracy_max));
		return;
	}
	jw_key(w, key);
	jw_obj(w);
	jw_kcoord(w, "lat", lat);
	jw_kcoord(w, "lon", lon);
	if (acc >= 0)
		jw_kint(w, "accuracy_m", (long long)ceil(acc));
	if (fix && *fix)
		jw_kstr(w, "fix_at", fix);
	jw_kstr(w, "source", src);
	if (!acc_ok)
		jw_kbool(w, "accuracy_ok", false);
	jw_obj_end(w);
}

/* A photo: a stored document id whose EXIF facts come from the store. */
static void check_photo(struct fc *c, const struct field *f, const char *path, const struct jval *v, struct jw *w,
			const char *key)
{
	long id;
	const char *s = v && v->type == J_OBJ ? "x" : scalar(v);
	if (!v || v->type == J_NULL || (s && !*str_trim(arena_strdup(c->a, s)))) {
		if (f->required)
			err(c, path, "form.err.photo_required", NULL);
		return;
	}
	struct form_photo meta = { 0 };
	if (!answer_id(v, "doc_id", &id) || !c->env->photo_ok || !c->env->photo_ok(c->env->ctx, id, &meta)) {
		err(c, path, "form.err.photo", NULL);
		return;
	}
	jw_key(w, key);
	jw_obj(w);
	jw_kint(w, "doc_id", id);
	if (meta.exif_at)
		jw_kstr(w, "exif_at", meta.exif_at);
	if (meta.has_gps) {
		jw_kcoord(w, "exif_lat", meta.lat);
		jw_kcoord(w, "exif_lon", meta.lon);
	}
	if (c->env->photo_from || c->env->photo_to) {
		bool in = meta.exif_at && (!c->env->photo_from || strcmp(meta.exif_at, c->env->photo_from) >= 0) &&
			  (!c->env->photo_to || strcmp(meta.exif_at, c->env->photo_to) <= 0);
		jw_kbool(w, "in_window", in);
	}
	jw_obj_end(w);
}

/* Checks one scalar answer; writes the normalised value with jw (key
 * already written by the caller only when the answer is kept). */
static void check_one(struct fc *c, const struct field *f, const char *path, const struct jval *v, struct jw *w,
		      const char *key)
{
	const char *s = scalar(v);
	long n;
	if (f->type == FT_COMPUTED)
		return;	/* worked out afterwards, never taken from the answers */
	if (f->type == FT_GEOPOINT) {
		check_geopoint(c, f, path, v, w, key);
		return;
	}
	if (f->type == FT_PHOTO) {
		check_photo(c, f, path, v, w, key);
		return;
	}
	if ((f->type == FT_USER || f->type == FT_REF || f->type == FT_LOCATION) && v && v->type == J_OBJ)
		s = answer_id(v, "id", &n) ? num(c, n) : "";	/* a stored {id, name} */
	if (f->type == FT_MONEY && v && v->type == J_NUM) {
		/* the API sends paise as a whole number (API.md: money in paise) */
		if (!json_is_int(v, &n) || n < -MONEY_MAX || n > MONEY_MAX) {
			err(c, path, "form.err.money", NULL);
			return;
		}
		s = money_plain(c->a, n);
	}
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
			err(c, path, f->type == FT_SELECT || f->type == FT_RADIO || f->type == FT_LOCATION || f->type == FT_USER ||
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
	case FT_MONEY: {
		long long p;
		if (!money_parse(t, f->has_min && f->min < 0, &p)) {
			err(c, path, "form.err.money", NULL);
			return;
		}
		if (f->has_min && p < f->min) {
			err(c, path, "form.err.min", money_fmt(c->a, f->min));
			return;
		}
		if (f->has_max && p > f->max) {
			err(c, path, "form.err.max", money_fmt(c->a, f->max));
			return;
		}
		jw_kint(w, key, p);
		return;
	}
	case FT_USER:
	case FT_REF: {
		const char *name = NULL;
		bool user = f->type == FT_USER;
		bool ok = parse_long(t, 1, 2000000000L, &n) &&
			  (user ? c->env->user_ok && c->env->user_ok(c->env->ctx, f, n, &name)
				: c->env->ref_ok && c->env->ref_ok(c->env->ctx, f, n, &name));
		if (!ok) {
			err(c, path, user ? "form.err.user" : "form.err.ref", NULL);
			return;
		}
		jw_key(w, key);
		jw_obj(w);
		jw_kint(w, "id", n);
		jw_kstr(w, user ? "name" : "label", name ? name : "");
		jw_obj_end(w);
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

size_t form_check_lengths(struct arena *a, const struct form_def *d, const struct jval *answers, struct outcome *o)
{
	struct form_env env = { 0 };
	struct fc c = { .a = a, .env = &env, .out = o };
	size_t before = o->nerrs;
	check_lengths(&c, d->fields, d->nfields, answers, NULL);
	return o->nerrs - before;
}

/* What one accepted answer adds to a sum (*add) or a count (*cnt). */
static void tally(const struct jval *v, long long *add, long long *cnt)
{
	long n;
	if (!v || v->type == J_NULL)
		return;
	if (json_is_int(v, &n))
		*add += n;
	*cnt += v->type == J_BOOL ? v->b : v->type == J_ARR ? (long long)v->n : 1;
}

/* Works out computed field f from the accepted answers norm (which hold
 * the computed fields before it).  Returns false when the result is out
 * of range. */
static bool compute(const struct field *f, const struct jval *norm, long long *out)
{
	long long sum = 0, cnt = 0;
	for (size_t k = 0; k < f->nof; k++) {
		const char *of = f->of[k], *dot = strchr(of, '.');
		if (!dot) {
			const struct jval *v = json_get(norm, of);
			if (f->op == FOP_COUNT && v && v->type == J_ARR && v->n && v->kids[0]->type == J_OBJ)
				cnt += (long long)v->n;	/* a group: its rows */
			else
				tally(v, &sum, &cnt);
		} else {
			char group[64];
			snprintf(group, sizeof group, "%.*s", (int)(dot - of), of);
			const struct jval *rows = json_get(norm, group);
			for (size_t r = 0; rows && rows->type == J_ARR && r < rows->n; r++)
				tally(json_get(rows->kids[r], dot + 1), &sum, &cnt);
		}
		/* each part is at most 10^12 and there are at most 50 x 50 */
		if (sum > 999999999999999LL || sum < -999999999999999LL)
			return false;
	}
	*out = f->op == FOP_SUM ? sum : cnt;
	return *out <= 999999999999LL && *out >= -999999999999LL;
}

/* Adds the computed fields to the accepted answers (top level only). */
static struct jval *add_computed(struct fc *c, const struct form_def *d, struct jval *norm, const struct jval *ans)
{
	struct jval *o = arena_alloc(c->a, sizeof *o);
	*o = *norm;
	o->keys = arena_alloc(c->a, (norm->n + d->nfields + 1) * sizeof *o->keys);
	o->kids = arena_alloc(c->a, (norm->n + d->nfields + 1) * sizeof *o->kids);
	memcpy(o->keys, norm->keys, norm->n * sizeof *o->keys);
	memcpy(o->kids, norm->kids, norm->n * sizeof *o->kids);
	for (size_t i = 0; i < d->nfields; i++) {
		const struct field *f = &d->fields[i];
		long long v;
		if (f->type != FT_COMPUTED || !form_shown(d->fields, d->nfields, f, ans))
			continue;
		if (!compute(f, o, &v)) {
			err(c, f->name, "form.err.computed_range", NULL);
			continue;
		}
		bool money = form_computed_money(d, f);
		if (f->has_min && v < f->min) {
			err(c, f->name, "form.err.computed_min", money ? money_fmt(c->a, f->min) : num(c, f->min));
			continue;
		}
		if (f->has_max && v > f->max) {
			err(c, f->name, "form.err.computed_max", money ? money_fmt(c->a, f->max) : num(c, f->max));
			continue;
		}
		struct jval *n = arena_alloc(c->a, sizeof *n);
		n->type = J_NUM;
		n->str = arena_printf(c->a, "%lld", v);
		o->keys[o->n] = (char *)f->name;
		o->kids[o->n++] = n;
	}
	return o;
}

size_t form_check(struct arena *a, const struct form_def *d, const struct jval *answers, const struct form_env *env,
		  struct outcome *o, const char **json)
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
		check_fields(&c, d->fields, d->nfields, answers, NULL, &w);
	jw_obj_end(&w);
	*json = arena_strdup(a, b.data);
	sbuf_free(&b);
	bool any = false;
	for (size_t i = 0; i < d->nfields; i++)
		any |= d->fields[i].type == FT_COMPUTED;
	if (any) {
		const char *e;
		struct jval *norm = json_parse(a, *json, strlen(*json), &e);
		if (norm && norm->type == J_OBJ) {
			struct sbuf b2;
			sbuf_init(&b2);
			jw_init(&w, &b2);
			jw_value(&w, add_computed(&c, d, norm, answers && answers->type == J_OBJ ? answers : NULL));
			*json = arena_strdup(a, b2.data);
			sbuf_free(&b2);
		}
	}
	return o->nerrs - before;
}

bool form_listed(const struct jval *list, const char *name)
{
	for (size_t i = 0; list && list->type == J_ARR && i < list->n; i++)
		if (list->kids[i]->type == J_STR && (str_eq(list->kids[i]->str, name) || str_eq(list->kids[i]->str, "*")))
			return true;
	return false;
}

struct jval *form_merge(struct arena *a, const struct form_def *d, const struct jval *old, const struct jval *fresh,
			const struct jval *only)
{
	const struct field *fields = d->fields;
	size_t nfields = d->nfields;
	struct jval *m = arena_alloc(a, sizeof *m);
	m->type = J_OBJ;
	m->keys = arena_alloc(a, (nfields + 1) * sizeof *m->keys);
	m->kids = arena_alloc(a, (nfields + 1) * sizeof *m->kids);
	for (size_t i = 0; i < nfields; i++) {
		const char *name = fields[i].name;
		bool take = only ? form_listed(only, name) : json_get(fresh, name) != NULL;
		struct jval *v = json_get(take ? fresh : old, name);
		enum ftype t = fields[i].type;
		if (v && v->type == J_OBJ && (t == FT_LOCATION || t == FT_USER || t == FT_REF))
			v = json_get(v, "id");
		else if (v && v->type == J_OBJ && t == FT_PHOTO)
			v = json_get(v, "doc_id");
		if (v) {
			m->keys[m->n] = (char *)name;
			m->kids[m->n++] = v;
		}
	}
	return m;
}
