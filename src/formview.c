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
			const char *path_prefix)
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
			/* a follow-up question is on the page without JavaScript
			 * (form.js hides it while its condition is not met) */
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
					    arena_printf(r->a, "%s.rows.%zu.fields", hp, k), arena_printf(r->a, "%s.%zu", path, k));
		}
	}
}

void formview_fill(struct req *r, const struct form_def *d, const char *hdf, const struct jval *answers,
		   const struct outcome *errs)
{
	fill_fields(r, d->fields, d->nfields, answers, hdf, NULL);
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

/* Where a problem's input stands on the page, for the error summary's
 * order: the operator's applicant mobile first, then the service's fields
 * (a group's rows and their answers in order), then the documents, then
 * anything else.  *label receives the input's name in words (r->lang), or
 * NULL when the path names no input of s. */
struct place {
	long at[3];		/* field index (+1, 0 = before all), group row, sub-field */
	const char *label;	/* the input's label */
};

static struct place place_of(struct req *r, const struct form_def *d, const struct docreq *docs, size_t ndocs,
			     const char *path)
{
	struct place p = { { 1L << 20, 0, 0 }, NULL };
	if (str_eq(path, "applicant_mobile")) {
		p.at[0] = 0;
		p.label = tmpl_str(r->lang, "app.applicant_mobile");
		return p;
	}
	for (size_t i = 0; i < ndocs; i++)
		if (strncmp(path, "doc_", 4) == 0 && str_eq(path + 4, docs[i].code)) {
			p.at[0] = (long)(d->nfields + 1 + i);
			p.label = i18n_get(&docs[i].label, r->lang);
			return p;
		}
	size_t top = strcspn(path, ".");
	for (size_t i = 0; i < d->nfields; i++) {
		const struct field *f = &d->fields[i];
		if (strlen(f->name) != top || strncmp(f->name, path, top) != 0)
			continue;
		p.at[0] = (long)i + 1;
		p.label = i18n_get(&f->label, r->lang);
		long row;
		const char *rest = path[top] ? path + top + 1 : NULL;
		size_t rl = rest ? strcspn(rest, ".") : 0;
		if (rest && f->type == FT_GROUP && parse_long(arena_strndup(r->a, rest, rl), 0, 1000, &row)) {
			p.at[1] = row + 1;
			p.label = tmpl_str_n(r->a, r->lang, "form.row_of", arena_printf(r->a, "%ld", row + 1));
			p.label = arena_printf(r->a, "%s, %s", i18n_get(&f->label, r->lang), p.label);
			const char *sub = rest[rl] ? rest + rl + 1 : NULL;
			for (size_t k = 0; sub && k < f->nsub; k++)
				if (str_eq(f->sub[k].name, sub)) {
					p.at[2] = (long)k + 1;
					p.label = arena_printf(r->a, "%s: %s", p.label, i18n_get(&f->sub[k].label, r->lang));
				}
		}
		return p;
	}
	return p;
}

/* Does a stand after b on the page? */
static bool place_after(const struct place *a, const struct place *b)
{
	for (int k = 0; k < 3; k++)
		if (a->at[k] != b->at[k])
			return a->at[k] > b->at[k];
	return false;
}

/* A label inside an English sentence: "Applicant's full name" reads
 * "Enter applicant's full name"; an acronym or a name ("PIN code",
 * "Aadhaar number") keeps its capital.  Hindi has no capitals. */
static const char *in_sentence(struct arena *a, const char *label, const char *lang)
{
	if (!str_eq(lang, "en") || !label || !(label[0] >= 'A' && label[0] <= 'Z') || !(label[1] >= 'a' && label[1] <= 'z') ||
	    strncmp(label, "Aadhaar", 7) == 0)
		return label;
	char *t = arena_strdup(a, label);
	t[0] = (char)(t[0] - 'A' + 'a');
	return t;
}

/* The message of problem e worded with its input's label: the key's
 * form.named.<last part> ("Enter {field}", "{label} must be {n} or
 * more"); the label before the plain message when the key has no named
 * one; the plain message when the input has no label. */
static const char *named_text(struct req *r, const struct field_err *e, const char *label)
{
	const char *plain = tmpl_str_n(r->a, r->lang, e->key, e->arg);
	const char *dot = strrchr(e->key, '.');
	const char *nkey = arena_printf(r->a, "form.named.%s", dot ? dot + 1 : e->key);
	const char *tpl = tmpl_str(r->lang, nkey);
	if (!label)
		return plain;
	if (str_eq(tpl, nkey))	/* no sentence of its own: "Plot location: Enter a latitude ..." */
		return arena_printf(r->a, "%s: %s", label, plain);
	static const char *const keys[] = { "{field}", "{label}", "{n}" };
	const char *n = e->arg;
	if (n && (str_eq(e->key, "form.err.date_min") || str_eq(e->key, "form.err.date_max")))
		n = date_long(r->a, n, r->lang);	/* "1 January 1900", as the date is read */
	const char *vals[] = { in_sentence(r->a, label, r->lang), label, n };
	return str_fill(r->a, tpl, keys, vals, 3, false);
}

/* formview_outcome and formview_svc_outcome: the problems of o on the page,
 * in page order, each worded with its input's label (docs: the service's
 * documents, asked after the fields; may be NULL). */
static int outcome_named(struct req *r, const struct form_def *d, const struct docreq *docs, size_t ndocs,
			 const struct outcome *o)
{
	struct outcome named = *o;
	named.errs = arena_alloc(r->a, (o->nerrs + 1) * sizeof *named.errs);
	struct place *pl = arena_alloc(r->a, (o->nerrs + 1) * sizeof *pl);
	/* in page order (insertion sort: stable, and a page has few errors) */
	for (size_t i = 0; i < o->nerrs; i++) {
		struct place p = place_of(r, d, docs, ndocs, o->errs[i].field);
		size_t j = i;
		while (j > 0 && place_after(&pl[j - 1], &p)) {
			pl[j] = pl[j - 1];
			named.errs[j] = named.errs[j - 1];
			j--;
		}
		pl[j] = p;
		named.errs[j] = o->errs[i];
	}
	for (size_t i = 0; i < o->nerrs; i++) {
		const char *f = named.errs[i].field;
		size_t top = strcspn(f, ".");
		if (form_field(d, arena_strndup(r->a, f, top)))
			named.errs[i].field = input_name(r->a, f);
	}
	int st = page_outcome(r, &named);
	/* the same problems worded with their inputs' labels, and where the
	 * summary's link goes: the first control of the input */
	for (size_t i = 0; i < named.nerrs; i++) {
		const char *in = named.errs[i].field, *text = named_text(r, &named.errs[i], pl[i].label);
		hset(r, arena_printf(r->a, "Form.err.%s", in), text);
		hset(r, arena_printf(r->a, "Form.errs.%zu.text", i), text);
		const char *first = hdf_get_value(r->hdf, arena_printf(r->a, "Picker.%s.levels.0.field", in), NULL);
		hset(r, arena_printf(r->a, "Form.errs.%zu.anchor", i), first ? first : in);
	}
	return st;
}

int formview_outcome(struct req *r, const struct form_def *d, const struct outcome *o)
{
	return outcome_named(r, d, NULL, 0, o);
}

int formview_svc_outcome(struct req *r, const struct svc *s, const struct outcome *o)
{
	return outcome_named(r, &s->form, s->docs, s->ndocs, o);
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
			long id = picker_pick(r, in, LT_VILLAGE);
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

bool formview_on_check_page(const struct field *f)
{
	return f->type == FT_CHECKBOX && !f->nopts;
}

/* A draft's answer (as typed, not yet checked) in words for "Check your
 * answers": form_answer_text, the one place an answer becomes text, after
 * reading what only typing leaves — a place's id, rupees as typed, a
 * ticked box's "true".  NULL when there is no answer.  Arena memory. */
static const char *draft_words(struct req *r, const struct form_def *d, const struct field *f, const struct jval *v)
{
	if (!v || v->type == J_NULL || (v->type == J_ARR && !v->n) ||
	    (v->type == J_STR && !*str_trim(arena_strdup(r->a, v->str))))
		return NULL;
	long long paise;
	const struct loc *l;
	if (v->type == J_STR && f->type == FT_LOCATION && (l = loc_get(r->a, strtol(v->str, NULL, 10))))
		return loc_name(l, r->lang);
	if (v->type == J_STR && f->type == FT_MONEY && money_parse(v->str, false, &paise))
		return money_fmt(r->a, paise);
	if (v->type == J_STR && f->type == FT_CHECKBOX && !f->nopts)
		return tmpl_str(r->lang, str_eq(v->str, "true") ? "form.yes" : "form.no");
	return form_answer_text(r->a, d, f, v, r->lang);
}

void formview_summary(struct req *r, const struct form_def *d, const struct jval *answers, const char *hdf, bool asking)
{
	size_t row = 0;
	for (size_t i = 0; i < d->nfields; i++) {
		const struct field *f = &d->fields[i];
		const struct jval *v = json_get(answers, f->name);
		if (asking ? formview_on_check_page(f) || f->type == FT_COMPUTED || !form_shown(d->fields, d->nfields, f, answers)
			   : !draft_words(r, d, f, v))
			continue;
		const char *p = arena_printf(r->a, "%s.%zu", hdf, row++);
		hset(r, arena_printf(r->a, "%s.name", p), f->name);
		hset(r, arena_printf(r->a, "%s.type", p), ftype_code(f->type));
		hset(r, arena_printf(r->a, "%s.input", p), input_name(r->a, f->name));
		hset(r, arena_printf(r->a, "%s.label", p), i18n_get(&f->label, r->lang));
		if (f->type != FT_GROUP) {
			const char *w = draft_words(r, d, f, v);
			hset(r, arena_printf(r->a, "%s.value", p), w);
			hset(r, arena_printf(r->a, "%s.lines.0", p), w);
			continue;
		}
		/* a group: one line per row, "Name: Sita, Relation: Wife" */
		struct sbuf all;
		sbuf_init(&all);
		for (size_t k = 0; v && v->type == J_ARR && k < v->n; k++) {
			struct sbuf b;
			sbuf_init(&b);
			for (size_t j = 0; j < f->nsub; j++) {
				const char *w = draft_words(r, d, &f->sub[j], json_get(v->kids[k], f->sub[j].name));
				if (w)
					sbuf_printf(&b, "%s%s: %s", b.len ? ", " : "", i18n_get(&f->sub[j].label, r->lang), w);
			}
			hset(r, arena_printf(r->a, "%s.lines.%zu", p, k), b.data);
			sbuf_printf(&all, "%s%s", all.len ? "; " : "", b.data ? b.data : "");
			sbuf_free(&b);
		}
		hset(r, arena_printf(r->a, "%s.value", p), all.len ? all.data : NULL);
		sbuf_free(&all);
	}
}
