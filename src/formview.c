/*
 * formview.c — rendering and reading forms on pages (formview.h).
 */
#include "formview.h"
#include "formtext.h"
#include "location.h"
#include "money.h"
#include "picker.h"
#include "tmpl.h"

#include <stdlib.h>
#include <string.h>

/* "family.1.name" -> "f_family__1__name" */
static const char *input_name(struct arena *a, const char *path)
{
	struct sbuf b;
	sbuf_init(&b);
	sbuf_adds(&b, "f_");
	for (const char *p = path; *p; p++)
		if (*p == '.')
			sbuf_adds(&b, "__");
		else
			sbuf_addc(&b, *p);
	char *s = arena_strdup(a, b.data);
	sbuf_free(&b);
	return s;
}

/* An answer as its input's value: stored money (paise) as rupees typed,
 * a stored place or user ({id, name}) as its id. */
static const char *answer_text(struct req *r, const struct field *f, const struct jval *v)
{
	long n;
	if (!v)
		return NULL;
	if (f->type == FT_MONEY && json_is_int(v, &n))
		return money_plain(r->a, n);
	if (f->type == FT_PHOTO && v->type == J_OBJ)
		return json_get(v, "doc_id") && json_get(v, "doc_id")->type == J_NUM ? json_get(v, "doc_id")->str : NULL;
	switch (v->type) {
	case J_STR: case J_NUM: return v->str;
	case J_BOOL: return v->b ? "true" : "false";
	case J_OBJ: {	/* a location, user or reference answer {id, name} */
		struct jval *id = json_get(v, "id");
		return id && id->type == J_NUM ? id->str : NULL;
	}
	default: return NULL;
	}
}

/* A geopoint's parts as their inputs' values. */
static void fill_geopoint(struct req *r, const char *hp, const struct jval *v)
{
	static const char *const parts[] = { "lat", "lon", "accuracy_m", "fix_at", "source" };
	for (size_t i = 0; i < ARRAY_LEN(parts); i++) {
		const struct jval *x = json_get(v, parts[i]);
		if (x && (x->type == J_STR || x->type == J_NUM))
			hset(r, arena_printf(r->a, "%s.%s", hp, parts[i]), x->str);
	}
}

static bool answer_has(const struct jval *v, const char *opt)
{
	if (!v)
		return false;
	if (v->type == J_ARR) {
		for (size_t i = 0; i < v->n; i++)
			if (v->kids[i]->type == J_STR && str_eq(v->kids[i]->str, opt))
				return true;
		return false;
	}
	return v->type == J_STR && str_eq(v->str, opt);
}

/* A date field's three boxes (GOV.UK's date input: Day, Month, Year;
 * never the browser's mm/dd/yyyy picker): hp.day/.month/.year from what
 * was typed in them when the page comes back with an error, else from the
 * stored YYYY-MM-DD answer val. */
static void date_parts_to_hdf(struct req *r, const char *hp, const char *in, const char *val)
{
	static const char *const part[] = { "day", "month", "year" };
	int y, m, d;
	bool stored = val && parse_date(val, &y, &m, &d);
	int num[] = { d, m, y };
	for (size_t i = 0; i < 3; i++) {
		const char *typed = req_form(r, arena_printf(r->a, "%s-%s", in, part[i]));
		const char *v = typed ? typed : stored ? arena_printf(r->a, "%d", num[i]) : NULL;
		if (v)
			hset(r, arena_printf(r->a, "%s.%s", hp, part[i]), v);
	}
}

static void fill_fields(struct req *r, const struct field *fields, size_t n, const struct jval *ans, const char *hprefix,
			const char *path_prefix, const struct field *all, size_t nall)
{
	for (size_t i = 0; i < n; i++) {
		const struct field *f = &fields[i];
		const char *hp = arena_printf(r->a, "%s.%zu", hprefix, i);
		const char *path = path_prefix ? arena_printf(r->a, "%s.%s", path_prefix, f->name) : f->name;
		const char *in = input_name(r->a, path);
		hset(r, arena_printf(r->a, "%s.name", hp), f->name);
		hset(r, arena_printf(r->a, "%s.input", hp), in);
		hset(r, arena_printf(r->a, "%s.type", hp), ftype_code(f->type));
		hset(r, arena_printf(r->a, "%s.label", hp), i18n_get(&f->label, r->lang));
		if (!str_empty(i18n_get(&f->help, r->lang)))
			hset(r, arena_printf(r->a, "%s.help", hp), i18n_get(&f->help, r->lang));
		if (f->required)
			hset(r, arena_printf(r->a, "%s.required", hp), "1");
		if (f->has_min)
			hset_int(r, arena_printf(r->a, "%s.min", hp), f->min);
		if (f->has_max)
			hset_int(r, arena_printf(r->a, "%s.max", hp), f->max);
		if (f->type == FT_TEXT)
			hset_int(r, arena_printf(r->a, "%s.maxlength", hp), form_text_max(f));
		if (f->show_field && !path_prefix) {
			hset(r, arena_printf(r->a, "%s.show_field", hp), input_name(r->a, f->show_field));
			hset(r, arena_printf(r->a, "%s.show_equals", hp), f->show_equals);
			if (!form_shown(all, nall, f, ans))
				hset(r, arena_printf(r->a, "%s.hidden", hp), "1");
		}
		const struct jval *v = json_get(ans, f->name);
		const char *val = answer_text(r, f, v);
		if (f->type == FT_GEOPOINT)
			fill_geopoint(r, hp, v);
		if (f->type == FT_COMPUTED)
			val = v ? form_answer_text(r->a, NULL, f, v, r->lang) : NULL;
		if (!val && !ans && f->def)
			val = f->def;
		if (val)
			hset(r, arena_printf(r->a, "%s.value", hp), val);
		if (f->type == FT_DATE)
			date_parts_to_hdf(r, hp, in, val);
		for (size_t k = 0; k < f->nopts; k++) {
			const char *op = arena_printf(r->a, "%s.options.%zu", hp, k);
			hset(r, arena_printf(r->a, "%s.value", op), f->opts[k].value);
			hset(r, arena_printf(r->a, "%s.label", op), i18n_get(&f->opts[k].label, r->lang));
			if (answer_has(v, f->opts[k].value) || (!v && !ans && str_eq(f->def, f->opts[k].value)))
				hset(r, arena_printf(r->a, "%s.checked", op), "1");
		}
		if (f->type == FT_LOCATION) {
			long id = val ? strtol(val, NULL, 10) : 0;
			picker_fill(r, in, id, LT_VILLAGE);
			hset(r, "Page.picker", "1");
		}
		if (f->type == FT_CHECKBOX && !f->nopts && v && v->type == J_BOOL && v->b)
			hset(r, arena_printf(r->a, "%s.checked", hp), "1");
		if (f->type == FT_GROUP) {
			size_t rows = v && v->type == J_ARR ? v->n : 0;
			size_t show = rows + 2 > (size_t)f->max_items ? (size_t)f->max_items : rows + 2;
			if (show < (size_t)f->min_items)
				show = (size_t)f->min_items;
			for (size_t k = 0; k < show; k++)
				fill_fields(r, f->sub, f->nsub, k < rows ? v->kids[k] : NULL,
					    arena_printf(r->a, "%s.rows.%zu.fields", hp, k), arena_printf(r->a, "%s.%zu", path, k), NULL, 0);
		}
	}
}

void formview_fill(struct req *r, const struct form_def *d, const char *hdf, const struct jval *answers,
		   const struct outcome *errs)
{
	fill_fields(r, d->fields, d->nfields, answers, hdf, NULL, d->fields, d->nfields);
	if (errs)
		formview_outcome(r, d, errs);
}

void formview_choices(struct req *r, const struct form_def *d, const char *hdf, const char *field,
		      const struct opt *choices, size_t n)
{
	const struct field *f = form_field(d, field);
	if (!f)
		return;
	const char *hp = arena_printf(r->a, "%s.%zu", hdf, (size_t)(f - d->fields));
	const char *val = hdf_get_value(r->hdf, arena_printf(r->a, "%s.value", hp), NULL);
	for (size_t k = 0; k < n; k++) {
		const char *op = arena_printf(r->a, "%s.options.%zu", hp, k);
		hset(r, arena_printf(r->a, "%s.value", op), choices[k].value);
		hset(r, arena_printf(r->a, "%s.label", op), i18n_get(&choices[k].label, r->lang));
		if (str_eq(val, choices[k].value))
			hset(r, arena_printf(r->a, "%s.checked", op), "1");
	}
}

/* The field a problem's path names ("family.1.name": the group's column
 * name), or NULL. */
static const struct field *path_field(struct arena *a, const struct form_def *d, const char *path)
{
	size_t top = strcspn(path, ".");
	const struct field *f = form_field(d, arena_strndup(a, path, top));
	const char *last = strrchr(path, '.');
	if (f && f->type == FT_GROUP && last && last != path + top)
		for (size_t k = 0; k < f->nsub; k++)
			if (str_eq(f->sub[k].name, last + 1))
				return &f->sub[k];
	return f;
}

int formview_outcome(struct req *r, const struct form_def *d, const struct outcome *o)
{
	struct outcome named = *o;
	named.errs = arena_alloc(r->a, (o->nerrs + 1) * sizeof *named.errs);
	for (size_t i = 0; i < o->nerrs; i++) {
		named.errs[i] = o->errs[i];
		if (path_field(r->a, d, o->errs[i].field))
			named.errs[i].field = input_name(r->a, o->errs[i].field);
	}
	int st = page_outcome(r, &named);
	/* the summary at the top names the field (inc/head.cs): "Annual
	 * income: Enter 0 or more"; the message at the input needs no name */
	for (size_t i = 0; i < o->nerrs; i++) {
		const struct field *f = path_field(r->a, d, o->errs[i].field);
		if (f)
			hset(r, arena_printf(r->a, "Form.label.%s", named.errs[i].field), i18n_get(&f->label, r->lang));
	}
	return st;
}

void formview_summary(struct req *r, const struct form_def *d, const struct jval *answers, const char *hdf)
{
	size_t n = 0;
	for (size_t i = 0; i < d->nfields; i++) {
		const struct field *f = &d->fields[i];
		const struct jval *v = json_get(answers, f->name);
		if (!v)
			continue;
		const char *p = arena_printf(r->a, "%s.%zu", hdf, n++);
		hset(r, arena_printf(r->a, "%s.name", p), f->name);
		hset(r, arena_printf(r->a, "%s.type", p), ftype_code(f->type));
		hset(r, arena_printf(r->a, "%s.label", p), i18n_get(&f->label, r->lang));
		hset(r, arena_printf(r->a, "%s.value", p), form_answer_text(r->a, d, f, v, r->lang));
	}
}

static struct jval *jstr(struct arena *a, const char *s)
{
	struct jval *v = arena_alloc(a, sizeof *v);
	v->type = J_STR;
	v->str = arena_strdup(a, s);
	v->n = strlen(s);
	return v;
}

/* Builds an object from the page fields of one level. */
static struct jval *read_level(struct req *r, const struct field *fields, size_t n, const char *path_prefix, bool *any)
{
	struct jval *o = arena_alloc(r->a, sizeof *o);
	o->type = J_OBJ;
	o->keys = arena_alloc(r->a, (n + 1) * sizeof *o->keys);
	o->kids = arena_alloc(r->a, (n + 1) * sizeof *o->kids);
	for (size_t i = 0; i < n; i++) {
		const struct field *f = &fields[i];
		const char *path = path_prefix ? arena_printf(r->a, "%s.%s", path_prefix, f->name) : f->name;
		const char *in = input_name(r->a, path);
		struct jval *v = NULL;
		if (f->type == FT_GROUP) {
			v = arena_alloc(r->a, sizeof *v);
			v->type = J_ARR;
			v->kids = arena_alloc(r->a, ((size_t)f->max_items + 1) * sizeof *v->kids);
			for (long k = 0; k < f->max_items && k < 50; k++) {
				bool row_any = false;
				struct jval *row = read_level(r, f->sub, f->nsub, arena_printf(r->a, "%s.%ld", path, k), &row_any);
				if (row_any)
					v->kids[v->n++] = row;
			}
		} else if (f->type == FT_MULTISELECT || (f->type == FT_CHECKBOX && f->nopts)) {
			const char *vals[64];
			size_t nv = req_form_all(r, in, vals, 64);
			v = arena_alloc(r->a, sizeof *v);
			v->type = J_ARR;
			v->kids = arena_alloc(r->a, (nv + 1) * sizeof *v->kids);
			for (size_t k = 0; k < nv; k++)
				v->kids[v->n++] = jstr(r->a, vals[k]);
		} else if (f->type == FT_COMPUTED) {
			continue;	/* worked out by the server */
		} else if (f->type == FT_GEOPOINT) {
			static const char *const parts[] = { "lat", "lon", "accuracy_m", "fix_at", "source" };
			v = arena_alloc(r->a, sizeof *v);
			v->type = J_OBJ;
			v->keys = arena_alloc(r->a, sizeof parts);
			v->kids = arena_alloc(r->a, sizeof parts);
			for (size_t k = 0; k < ARRAY_LEN(parts); k++) {
				const char *s = req_form(r, arena_printf(r->a, "%s__%s", in, parts[k]));
				if (!s)
					continue;
				v->keys[v->n] = (char *)parts[k];
				v->kids[v->n++] = jstr(r->a, s);
				if (k < 2 && *str_trim(arena_strdup(r->a, s)))
					*any = true;
			}
			if (!v->n)
				v = NULL;
		} else if (f->type == FT_LOCATION) {
			long id = picker_fill(r, in, 0, LT_VILLAGE);
			if (id) {
				v = jstr(r->a, arena_printf(r->a, "%ld", id));
				*any = true;
			}
		} else {
			const char *s = req_form(r, in);	/* a date's three boxes arrive joined (req.c) */
			if (s) {
				v = jstr(r->a, s);
				if (*str_trim(arena_strdup(r->a, s)))
					*any = true;
			}
		}
		if (v) {
			o->keys[o->n] = (char *)f->name;
			o->kids[o->n] = v;
			o->n++;
		}
	}
	return o;
}

struct jval *formview_answers(struct req *r, const struct form_def *d)
{
	bool any = false;
	return read_level(r, d->fields, d->nfields, NULL, &any);
}

/* ---- the field editor ---- */

struct field_input formview_field_input(struct req *r)
{
	return (struct field_input){
		.name = req_form(r, "name"), .type = req_form(r, "type"),
		.label_en = req_form(r, "label_en"), .label_hi = req_form(r, "label_hi"),
		.help_en = req_form(r, "help_en"), .help_hi = req_form(r, "help_hi"),
		.required = req_form(r, "required") != NULL,
		.min = req_form(r, "min"), .max = req_form(r, "max"),
		.min_length = req_form(r, "min_length"), .max_length = req_form(r, "max_length"),
		.pattern = req_form(r, "pattern"), .min_date = req_form(r, "min_date"), .max_date = req_form(r, "max_date"),
		.def = req_form(r, "default"), .show_field = req_form(r, "show_field"), .show_equals = req_form(r, "show_equals"),
		.options = req_form(r, "options"), .min_items = req_form(r, "min_items"), .max_items = req_form(r, "max_items"),
		.compute_op = req_form(r, "compute_op"), .compute_of = req_form(r, "compute_of"),
		.accuracy_max = req_form(r, "accuracy_max"), .accuracy_flag = req_form(r, "accuracy_flag") != NULL,
		.ref_kind = req_form(r, "ref_kind"), .scope = req_form(r, "scope"),
	};
}

/* A bound as the editor shows it: money in rupees. */
static void bound_val(struct req *r, const char *key, const struct field *f, long v)
{
	if (f->type == FT_MONEY)
		hset(r, key, money_plain(r->a, v));
	else
		hset_int(r, key, v);
}

void formview_field_fill(struct req *r, const struct field *f)
{
	if (form_has_errors(r))
		return;
	hset(r, "Form.val.type", ftype_code(f->type));
	hset(r, "Form.val.label_en", f->label.en);
	hset(r, "Form.val.label_hi", f->label.hi);
	hset(r, "Form.val.help_en", f->help.en);
	hset(r, "Form.val.help_hi", f->help.hi);
	if (f->required)
		hset(r, "Form.val.required", "1");
	if (f->has_min)
		bound_val(r, "Form.val.min", f, f->min);
	if (f->has_max)
		bound_val(r, "Form.val.max", f, f->max);
	if (f->min_len)
		hset_int(r, "Form.val.min_length", f->min_len);
	if (f->max_len)
		hset_int(r, "Form.val.max_length", f->max_len);
	hset(r, "Form.val.pattern", f->pattern);
	hset(r, "Form.val.min_date", f->min_date);
	hset(r, "Form.val.max_date", f->max_date);
	hset(r, "Form.val.default", f->def);
	hset(r, "Form.val.show_field", f->show_field);
	hset(r, "Form.val.show_equals", f->show_equals);
	struct sbuf o;
	sbuf_init(&o);
	for (size_t k = 0; k < f->nopts; k++)
		sbuf_printf(&o, "%s|%s|%s\n", f->opts[k].value, f->opts[k].label.en ? f->opts[k].label.en : "",
			    f->opts[k].label.hi ? f->opts[k].label.hi : "");
	hset(r, "Form.val.options", o.data);
	sbuf_reset(&o);
	for (size_t k = 0; k < f->nof; k++)
		sbuf_printf(&o, "%s%s", k ? ", " : "", f->of[k]);
	hset(r, "Form.val.compute_of", o.data);
	sbuf_free(&o);
	if (f->type == FT_COMPUTED)
		hset(r, "Form.val.compute_op", f->op == FOP_COUNT ? "count" : "sum");
	if (f->accuracy_max)
		hset_int(r, "Form.val.accuracy_max", f->accuracy_max);
	if (f->accuracy_flag)
		hset(r, "Form.val.accuracy_flag", "1");
	hset(r, "Form.val.ref_kind", f->ref_kind);
	hset(r, "Form.val.scope", f->scope);
}

void formview_field_types(struct req *r, fieldedit_types_fn allowed)
{
	for (int i = 0; i < FT_COUNT; i++)
		if (!allowed || allowed((enum ftype)i)) {
			hset(r, arena_printf(r->a, "Types.%d", i), ftype_code((enum ftype)i));
			hset(r, arena_printf(r->a, "FE.%s", ftype_code((enum ftype)i)), "1");
		}
}
