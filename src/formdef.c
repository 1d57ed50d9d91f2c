/*
 * formdef.c — the form model: field lists from JSON and back, and their
 * structural checks (formdef.h).  Services (service.c) read and check their
 * embedded "fields" through the same functions.
 */
#include "formdef.h"

#include <ctype.h>
#include <regex.h>
#include <stdio.h>
#include <string.h>

static const char *const ftype_codes[FT_COUNT] = {
	"text", "number", "date", "select", "multiselect", "radio", "checkbox", "mobile", "email",
	"aadhaar", "pin", "location", "file", "group",
	"money", "computed", "geopoint", "photo", "user", "ref",
};
static const char *const op_codes[] = { "sum", "count" };

const char *ftype_code(enum ftype t) { return (unsigned)t < FT_COUNT ? ftype_codes[t] : "?"; }

int ftype_from(const char *s)
{
	for (int i = 0; s && i < FT_COUNT; i++)
		if (strcmp(ftype_codes[i], s) == 0)
			return i;
	return -1;
}

const char *i18n_get(const struct i18n *t, const char *lang)
{
	if (str_eq(lang, "hi") && !str_empty(t->hi))
		return t->hi;
	return t->en ? t->en : "";
}

const struct field *form_field(const struct form_def *d, const char *name)
{
	for (size_t i = 0; d && i < d->nfields; i++)
		if (str_eq(d->fields[i].name, name))
			return &d->fields[i];
	return NULL;
}

/* The field a computed source names: "income" or "family.income". */
static const struct field *source_field(const struct form_def *d, const char *of)
{
	const char *dot = strchr(of, '.');
	if (!dot)
		return form_field(d, of);
	for (size_t i = 0; i < d->nfields; i++) {
		const struct field *g = &d->fields[i];
		if (g->type != FT_GROUP || !g->name || strlen(g->name) != (size_t)(dot - of) || strncmp(g->name, of, (size_t)(dot - of)) != 0)
			continue;
		for (size_t k = 0; k < g->nsub; k++)
			if (str_eq(g->sub[k].name, dot + 1))
				return &g->sub[k];
	}
	return NULL;
}

bool form_computed_money(const struct form_def *d, const struct field *f)
{
	if (f->type != FT_COMPUTED || f->op != FOP_SUM || f->nof == 0)
		return false;
	const struct field *src = source_field(d, f->of[0]);
	/* a sum of sums: as the first source is */
	return src && (src->type == FT_MONEY || (src != f && form_computed_money(d, src)));
}

/* ---- JSON -> struct ---- */

void def_prob(struct def_rd *rd, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *m = arena_vprintf(rd->a, fmt, ap);
	va_end(ap);
	sbuf_adds(rd->probs, m);
	sbuf_addc(rd->probs, '\n');
}

const char *def_str(struct def_rd *rd, const struct jval *o, const char *key, const char *where)
{
	struct jval *v = json_get(o, key);
	if (!v || v->type == J_NULL)
		return NULL;
	if (v->type != J_STR) {
		def_prob(rd, "%s: '%s' must be text", where, key);
		return NULL;
	}
	return v->str;
}

struct i18n def_i18n(struct def_rd *rd, const struct jval *o, const char *key, const char *where)
{
	struct i18n t = { 0 };
	struct jval *v = json_get(o, key);
	if (!v || v->type == J_NULL)
		return t;
	if (v->type == J_STR) {	/* plain text is English */
		t.en = v->str;
		return t;
	}
	if (v->type != J_OBJ) {
		def_prob(rd, "%s: '%s' must be {\"en\": ..., \"hi\": ...}", where, key);
		return t;
	}
	const char *w = arena_printf(rd->a, "%s.%s", where, key);
	t.en = def_str(rd, v, "en", w);
	t.hi = def_str(rd, v, "hi", w);
	return t;
}

long def_long(struct def_rd *rd, const struct jval *o, const char *key, long def, bool *has, const char *where)
{
	struct jval *v = json_get(o, key);
	long n;
	if (has)
		*has = false;
	if (!v || v->type == J_NULL)
		return def;
	if (!json_is_int(v, &n)) {
		def_prob(rd, "%s: '%s' must be a whole number", where, key);
		return def;
	}
	if (has)
		*has = true;
	return n;
}

bool def_bool(struct def_rd *rd, const struct jval *o, const char *key, bool def, const char *where)
{
	struct jval *v = json_get(o, key);
	if (!v || v->type == J_NULL)
		return def;
	if (v->type != J_BOOL) {
		def_prob(rd, "%s: '%s' must be true or false", where, key);
		return def;
	}
	return v->b;
}

struct jval *def_arr(struct def_rd *rd, const struct jval *o, const char *key, const char *where)
{
	struct jval *v = json_get(o, key);
	if (!v || v->type == J_NULL)
		return NULL;
	if (v->type != J_ARR) {
		def_prob(rd, "%s: '%s' must be a list", where, key);
		return NULL;
	}
	return v;
}

const char **def_strlist(struct def_rd *rd, const struct jval *o, const char *key, size_t *n, const char *where)
{
	struct jval *v = def_arr(rd, o, key, where);
	*n = 0;
	if (!v)
		return NULL;
	const char **out = arena_alloc(rd->a, (v->n + 1) * sizeof *out);
	for (size_t i = 0; i < v->n; i++) {
		if (v->kids[i]->type != J_STR) {
			def_prob(rd, "%s: '%s' must be a list of text", where, key);
			continue;
		}
		out[(*n)++] = v->kids[i]->str;
	}
	return out;
}

static void read_fields(struct def_rd *rd, const struct jval *arr, struct field **out, size_t *n, const char *where,
			bool top);

/* One field; top is false inside a group (no group or computed there). */
static void read_field(struct def_rd *rd, const struct jval *o, struct field *f, const char *where0, bool top)
{
	f->name = def_str(rd, o, "name", where0);
	const char *where = arena_printf(rd->a, "%s '%s'", where0, f->name ? f->name : "?");
	const char *t = def_str(rd, o, "type", where);
	int ft = ftype_from(t);
	if (ft < 0) {
		def_prob(rd, "%s: unknown type '%s'", where, t ? t : "");
		ft = FT_TEXT;
	} else if (!top && (ft == FT_GROUP || ft == FT_COMPUTED)) {
		def_prob(rd, "%s: a %s inside a group is not allowed", where, ftype_codes[ft]);
		ft = FT_TEXT;
	}
	f->type = (enum ftype)ft;
	f->label = def_i18n(rd, o, "label", where);
	f->help = def_i18n(rd, o, "help", where);
	f->required = def_bool(rd, o, "required", false, where);
	f->min = def_long(rd, o, "min", 0, &f->has_min, where);
	f->max = def_long(rd, o, "max", 0, &f->has_max, where);
	f->min_len = def_long(rd, o, "min_length", 0, NULL, where);
	f->max_len = def_long(rd, o, "max_length", 0, NULL, where);
	f->pattern = def_str(rd, o, "pattern", where);
	f->min_date = def_str(rd, o, "min_date", where);
	f->max_date = def_str(rd, o, "max_date", where);
	f->def = def_str(rd, o, "default", where);
	const char *unit = def_str(rd, o, "unit", where);
	if (unit && !(str_eq(unit, "rupees") && f->type == FT_NUMBER))
		def_prob(rd, "%s: 'unit' may only be \"rupees\", on a number field", where);
	f->rupees = str_eq(unit, "rupees");
	f->print_label = def_i18n(rd, o, "print_label", where);
	struct jval *si = json_get(o, "show_if");
	if (si && si->type == J_OBJ) {
		f->show_field = def_str(rd, si, "field", where);
		f->show_equals = def_str(rd, si, "equals", where);
	} else if (si && si->type != J_NULL) {
		def_prob(rd, "%s: 'show_if' must be {\"field\": ..., \"equals\": ...}", where);
	}
	struct jval *opts = def_arr(rd, o, "options", where);
	if (opts) {
		f->opts = arena_alloc(rd->a, (opts->n + 1) * sizeof *f->opts);
		for (size_t i = 0; i < opts->n; i++) {
			struct jval *ov = opts->kids[i];
			if (ov->type != J_OBJ) {
				def_prob(rd, "%s: each option must be {\"value\": ..., \"label\": ...}", where);
				continue;
			}
			f->opts[f->nopts].value = def_str(rd, ov, "value", where);
			f->opts[f->nopts].label = def_i18n(rd, ov, "label", where);
			f->nopts++;
		}
	}
	f->min_items = def_long(rd, o, "min_items", 0, NULL, where);
	f->max_items = def_long(rd, o, "max_items", 10, NULL, where);
	if (f->type == FT_GROUP)
		read_fields(rd, def_arr(rd, o, "fields", where), &f->sub, &f->nsub, where, false);
	struct jval *cp = json_get(o, "compute");
	if (f->type == FT_COMPUTED && cp && cp->type == J_OBJ) {
		const char *op = def_str(rd, cp, "op", where);
		if (str_eq(op, op_codes[FOP_COUNT]))
			f->op = FOP_COUNT;
		else if (!str_eq(op, op_codes[FOP_SUM]))
			def_prob(rd, "%s: 'compute.op' must be \"sum\" or \"count\"", where);
		f->of = def_strlist(rd, cp, "of", &f->nof, where);
	} else if (f->type == FT_COMPUTED) {
		def_prob(rd, "%s: a computed field needs 'compute': {\"op\": \"sum\", \"of\": [...]}", where);
	}
	f->accuracy_max = def_long(rd, o, "accuracy_max_m", 0, NULL, where);
	f->accuracy_flag = def_bool(rd, o, "accuracy_flag_only", false, where);
	f->allow_mock = def_bool(rd, o, "allow_mock", false, where);
	f->ref_kind = def_str(rd, o, "ref_kind", where);
	f->scope = def_str(rd, o, "scope", where);
}

static void read_fields(struct def_rd *rd, const struct jval *arr, struct field **out, size_t *n, const char *where,
			bool top)
{
	*n = 0;
	*out = NULL;
	if (!arr)
		return;
	*out = arena_alloc(rd->a, (arr->n + 1) * sizeof **out);
	for (size_t i = 0; i < arr->n; i++) {
		if (arr->kids[i]->type != J_OBJ) {
			def_prob(rd, "%s: each field must be an object", where);
			continue;
		}
		read_field(rd, arr->kids[i], &(*out)[(*n)++], arena_printf(rd->a, "field %zu", i + 1), top);
	}
}

void def_fields(struct def_rd *rd, const struct jval *arr, struct form_def *d)
{
	read_fields(rd, arr, &d->fields, &d->nfields, "form", true);
}

bool def_format(struct def_rd *rd, const struct jval *v, const char *format, const char *what)
{
	if (!v || v->type != J_OBJ) {
		def_prob(rd, "the %s must be a JSON object", what);
		return false;
	}
	const char *fmt = json_get_str(v, "format");
	if (!str_eq(fmt, format)) {
		def_prob(rd, "unknown format '%s' (expected '%s')", fmt ? fmt : "", format);
		return false;
	}
	return true;
}

struct form_def *form_def_parse(struct arena *a, const struct jval *v, struct sbuf *probs)
{
	struct def_rd rd = { a, probs };
	if (!def_format(&rd, v, FORM_FORMAT, "form"))
		return NULL;
	struct form_def *d = arena_alloc(a, sizeof *d);
	def_fields(&rd, def_arr(&rd, v, "fields", "form"), d);
	return d;
}

/* ---- struct -> JSON ---- */

void def_w_i18n(struct jw *w, const char *key, const struct i18n *t)
{
	if (!t->en && !t->hi)
		return;
	jw_key(w, key);
	jw_obj(w);
	jw_kstr(w, "en", t->en ? t->en : "");
	jw_kstr(w, "hi", t->hi ? t->hi : "");
	jw_obj_end(w);
}

static void w_opt_str(struct jw *w, const char *key, const char *v)
{
	if (v)
		jw_kstr(w, key, v);
}

static void w_fields(struct jw *w, const struct field *f, size_t n);

static void w_field(struct jw *w, const struct field *f)
{
	jw_obj(w);
	jw_kstr(w, "name", f->name ? f->name : "");
	jw_kstr(w, "type", ftype_code(f->type));
	def_w_i18n(w, "label", &f->label);
	def_w_i18n(w, "help", &f->help);
	if (f->rupees)
		jw_kstr(w, "unit", "rupees");
	def_w_i18n(w, "print_label", &f->print_label);
	jw_kbool(w, "required", f->required);
	if (f->has_min)
		jw_kint(w, "min", f->min);
	if (f->has_max)
		jw_kint(w, "max", f->max);
	if (f->min_len)
		jw_kint(w, "min_length", f->min_len);
	if (f->max_len)
		jw_kint(w, "max_length", f->max_len);
	w_opt_str(w, "pattern", f->pattern);
	w_opt_str(w, "min_date", f->min_date);
	w_opt_str(w, "max_date", f->max_date);
	w_opt_str(w, "default", f->def);
	if (f->show_field) {
		jw_key(w, "show_if");
		jw_obj(w);
		jw_kstr(w, "field", f->show_field);
		jw_kstr(w, "equals", f->show_equals ? f->show_equals : "");
		jw_obj_end(w);
	}
	if (f->nopts) {
		jw_key(w, "options");
		jw_arr(w);
		for (size_t i = 0; i < f->nopts; i++) {
			jw_obj(w);
			jw_kstr(w, "value", f->opts[i].value ? f->opts[i].value : "");
			def_w_i18n(w, "label", &f->opts[i].label);
			jw_obj_end(w);
		}
		jw_arr_end(w);
	}
	if (f->type == FT_GROUP) {
		jw_kint(w, "min_items", f->min_items);
		jw_kint(w, "max_items", f->max_items);
		jw_key(w, "fields");
		w_fields(w, f->sub, f->nsub);
	}
	if (f->type == FT_COMPUTED) {
		jw_key(w, "compute");
		jw_obj(w);
		jw_kstr(w, "op", op_codes[f->op]);
		jw_key(w, "of");
		jw_arr(w);
		for (size_t i = 0; i < f->nof; i++)
			jw_str(w, f->of[i]);
		jw_arr_end(w);
		jw_obj_end(w);
	}
	if (f->accuracy_max)
		jw_kint(w, "accuracy_max_m", f->accuracy_max);
	if (f->accuracy_flag)
		jw_kbool(w, "accuracy_flag_only", true);
	if (f->allow_mock)
		jw_kbool(w, "allow_mock", true);
	w_opt_str(w, "ref_kind", f->ref_kind);
	w_opt_str(w, "scope", f->scope);
	jw_obj_end(w);
}

static void w_fields(struct jw *w, const struct field *f, size_t n)
{
	jw_arr(w);
	for (size_t i = 0; i < n; i++)
		w_field(w, &f[i]);
	jw_arr_end(w);
}

void def_w_fields(struct jw *w, const struct form_def *d)
{
	w_fields(w, d->fields, d->nfields);
}

void form_def_write(const struct form_def *d, struct jw *w)
{
	jw_obj(w);
	jw_kstr(w, "format", FORM_FORMAT);
	jw_key(w, "fields");
	def_w_fields(w, d);
	jw_obj_end(w);
}

/* ---- validation ---- */

void def_vprob(struct def_vd *v, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *m = arena_vprintf(&v->a, fmt, ap);
	va_end(ap);
	sbuf_adds(v->probs, m);
	sbuf_addc(v->probs, '\n');
	v->n++;
}

bool def_ident_ok(const char *s, size_t max)
{
	if (str_empty(s) || strlen(s) > max || !islower((unsigned char)s[0]))
		return false;
	for (const char *p = s; *p; p++)
		if (!islower((unsigned char)*p) && !isdigit((unsigned char)*p) && *p != '_')
			return false;
	return true;
}

void def_check_i18n(struct def_vd *v, const struct i18n *t, const char *what, bool required)
{
	if (required && (str_empty(t->en) || str_empty(t->hi)))
		def_vprob(v, "%s needs both English and Hindi text", what);
	if ((t->en && utf8_chars(t->en) > 2000) || (t->hi && utf8_chars(t->hi) > 2000))
		def_vprob(v, "%s is longer than 2000 characters", what);
}

static bool date_bound_ok(const char *s)
{
	int y, m, d;
	return !s || str_eq(s, "today") || parse_date(s, &y, &m, &d);
}

/* A computed field's sources: each an earlier answer (or a group's
 * column) that a sum can add (number, money, computed) or a count can
 * count (anything; a group alone counts its rows). */
static void check_computed(struct def_vd *v, const struct form_def *d, const struct field *x, size_t at, const char *w)
{
	if (x->nof == 0 || x->nof > 50)
		def_vprob(v, "%s: a computed field works over 1 to 50 other fields", w);
	for (size_t k = 0; k < x->nof; k++) {
		const char *of = x->of[k];
		const struct field *src = source_field(d, of);
		const char *dot = strchr(of, '.');
		size_t top = dot ? (size_t)(dot - of) : strlen(of);
		size_t pos = d->nfields;
		for (size_t i = 0; i < d->nfields; i++) {
			const char *nm = d->fields[i].name ? d->fields[i].name : "";	/* a nameless field is reported elsewhere */
			if (strlen(nm) == top && strncmp(nm, of, top) == 0)
				pos = i;
		}
		if (!src || pos >= at) {
			def_vprob(v, "%s: works over '%s', which is not an earlier field (or group.column) of the form", w, of);
			continue;
		}
		bool addable = src->type == FT_NUMBER || src->type == FT_MONEY || src->type == FT_COMPUTED;
		if (x->op == FOP_SUM && !addable)
			def_vprob(v, "%s: cannot add up '%s' (a %s); sums take number, money or computed fields", w, of,
				  ftype_code(src->type));
		const struct field *first = source_field(d, x->of[0]);
		if (x->op == FOP_SUM && k > 0 && first && (src->type == FT_MONEY) != (first->type == FT_MONEY))
			def_vprob(v, "%s: adds money and plain numbers together ('%s')", w, of);
	}
}

void def_check_fields(struct def_vd *v, const struct form_def *d, const char *where)
{
	const struct field *f = d->fields;
	size_t n = d->nfields;
	for (size_t i = 0; i < n; i++) {
		const struct field *x = &f[i];
		const char *w = arena_printf(&v->a, "%s field '%s'", where, x->name ? x->name : "?");
		if (!def_ident_ok(x->name, 40))
			def_vprob(v, "%s: the name must start with a small letter and use small letters, digits and _", w);
		for (size_t k = 0; k < i; k++)
			if (str_eq(f[k].name, x->name))
				def_vprob(v, "%s: the name is used twice", w);
		def_check_i18n(v, &x->label, arena_printf(&v->a, "%s label", w), true);
		def_check_i18n(v, &x->help, arena_printf(&v->a, "%s help", w), false);
		if (x->has_min && x->has_max && x->min > x->max)
			def_vprob(v, "%s: min is greater than max", w);
		if (x->min_len < 0 || x->max_len < 0 || (x->max_len && x->min_len > x->max_len) || x->max_len > 5000)
			def_vprob(v, "%s: lengths must be 0 to 5000 with min_length <= max_length", w);
		if (x->pattern) {
			regex_t re;
			if (strlen(x->pattern) > 200 || regcomp(&re, x->pattern, REG_EXTENDED | REG_NOSUB) != 0)
				def_vprob(v, "%s: the pattern is not a valid regular expression", w);
			else
				regfree(&re);
		}
		if (!date_bound_ok(x->min_date) || !date_bound_ok(x->max_date))
			def_vprob(v, "%s: date bounds must be YYYY-MM-DD or \"today\"", w);
		bool choices = x->type == FT_SELECT || x->type == FT_MULTISELECT || x->type == FT_RADIO;
		if (choices && x->nopts == 0)
			def_vprob(v, "%s: a %s needs options", w, ftype_code(x->type));
		for (size_t k = 0; k < x->nopts; k++) {
			if (str_empty(x->opts[k].value) || strlen(x->opts[k].value) > 60)
				def_vprob(v, "%s: option %zu needs a value (up to 60 characters)", w, k + 1);
			def_check_i18n(v, &x->opts[k].label, arena_printf(&v->a, "%s option %zu", w, k + 1), true);
			for (size_t j = 0; j < k; j++)
				if (str_eq(x->opts[j].value, x->opts[k].value))
					def_vprob(v, "%s: option value '%s' is used twice", w, x->opts[k].value);
		}
		if (x->show_field) {
			const struct field *dep = NULL;
			for (size_t k = 0; k < i; k++)
				if (str_eq(f[k].name, x->show_field))
					dep = &f[k];
			if (!dep)
				def_vprob(v, "%s: shown only when '%s' ..., but no earlier field has that name", w, x->show_field);
			else if (dep->nopts) {
				bool found = false;
				for (size_t k = 0; k < dep->nopts; k++)
					found |= str_eq(dep->opts[k].value, x->show_equals);
				if (!found)
					def_vprob(v, "%s: '%s' has no option '%s'", w, dep->name, x->show_equals ? x->show_equals : "");
			}
		}
		if (x->type == FT_GROUP) {
			if (x->nsub == 0)
				def_vprob(v, "%s: a group needs fields", w);
			if (x->min_items < 0 || x->max_items < 1 || x->max_items > 50 || x->min_items > x->max_items)
				def_vprob(v, "%s: rows must be 0 <= min_items <= max_items <= 50", w);
			struct form_def rows = { x->sub, x->nsub };
			def_check_fields(v, &rows, w);
		}
		if (x->type == FT_MONEY && ((x->has_min && (x->min < 0 || x->min > 10000000000L)) ||
					    (x->has_max && (x->max < 0 || x->max > 10000000000L))))
			def_vprob(v, "%s: money bounds are paise from 0 to 10,00,00,00,000 (ten crore rupees)", w);
		if (x->type == FT_COMPUTED)
			check_computed(v, d, x, i, w);
		if (x->type == FT_GEOPOINT && (x->accuracy_max < 0 || x->accuracy_max > 100000))
			def_vprob(v, "%s: the accuracy threshold must be 0 (none) to 100000 metres", w);
		if (x->type == FT_REF && (str_empty(x->ref_kind) || strlen(x->ref_kind) > 60))
			def_vprob(v, "%s: a reference needs 'ref_kind' (what it points at, up to 60 characters)", w);
		if (x->scope && strlen(x->scope) > 60)
			def_vprob(v, "%s: the user scope may have at most 60 characters", w);
	}
}

int form_def_validate(const struct form_def *d, struct sbuf *probs)
{
	struct def_vd v = { .probs = probs };
	arena_init(&v.a);
	def_check_fields(&v, d, "form");
	arena_free(&v.a);
	return v.n;
}
