/*
 * formview.c — rendering and reading service forms on pages.
 */
#include "formview.h"
#include "location.h"
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

static const char *answer_text(struct req *r, const struct jval *v)
{
	if (!v)
		return NULL;
	switch (v->type) {
	case J_STR: case J_NUM: return v->str;
	case J_BOOL: return v->b ? "true" : "false";
	case J_OBJ: {	/* a location answer {id, name} */
		struct jval *id = json_get(v, "id");
		return id && id->type == J_NUM ? id->str : NULL;
	}
	default: return NULL;
	}
	(void)r;
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
		const char *val = answer_text(r, v);
		if (!val && !ans && f->def)
			val = f->def;
		if (val)
			hset(r, arena_printf(r->a, "%s.value", hp), val);
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

void formview_fill(struct req *r, const struct svc *s, const struct jval *answers, const struct outcome *errs)
{
	fill_fields(r, s->fields, s->nfields, answers, "Svc.fields", NULL);
	if (errs)
		formview_outcome(r, s, errs);
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

static struct place place_of(struct req *r, const struct svc *s, const char *path)
{
	struct place p = { { 1L << 20, 0, 0 }, NULL };
	if (str_eq(path, "applicant_mobile")) {
		p.at[0] = 0;
		p.label = tmpl_str(r->lang, "app.applicant_mobile");
		return p;
	}
	for (size_t i = 0; i < s->ndocs; i++)
		if (strncmp(path, "doc_", 4) == 0 && str_eq(path + 4, s->docs[i].code)) {
			p.at[0] = (long)(s->nfields + 1 + i);
			p.label = i18n_get(&s->docs[i].label, r->lang);
			return p;
		}
	size_t top = strcspn(path, ".");
	for (size_t i = 0; i < s->nfields; i++) {
		const struct field *f = &s->fields[i];
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
 * more"), or the plain message when there is no named one or no label. */
static const char *named_text(struct req *r, const struct field_err *e, const char *label)
{
	const char *plain = tmpl_str_n(r->a, r->lang, e->key, e->arg);
	const char *dot = strrchr(e->key, '.');
	const char *nkey = arena_printf(r->a, "form.named.%s", dot ? dot + 1 : e->key);
	const char *tpl = tmpl_str(r->lang, nkey);
	if (!label || str_eq(tpl, nkey))
		return plain;
	static const char *const keys[] = { "{field}", "{label}", "{n}" };
	const char *n = e->arg;
	if (n && (str_eq(e->key, "form.err.date_min") || str_eq(e->key, "form.err.date_max")))
		n = date_long(r->a, n, r->lang);	/* "1 January 1900", as the date is read */
	const char *vals[] = { in_sentence(r->a, label, r->lang), label, n };
	return str_fill(r->a, tpl, keys, vals, 3, false);
}

int formview_outcome(struct req *r, const struct svc *s, const struct outcome *o)
{
	struct outcome named = *o;
	named.errs = arena_alloc(r->a, (o->nerrs + 1) * sizeof *named.errs);
	struct place *pl = arena_alloc(r->a, (o->nerrs + 1) * sizeof *pl);
	/* in page order (insertion sort: stable, and a page has few errors) */
	for (size_t i = 0; i < o->nerrs; i++) {
		struct place p = place_of(r, s, o->errs[i].field);
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
		if (svc_field(s, arena_strndup(r->a, f, top)))
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
		} else if (f->type == FT_LOCATION) {
			long id = picker_fill(r, in, 0, LT_VILLAGE);
			if (id) {
				v = jstr(r->a, arena_printf(r->a, "%ld", id));
				*any = true;
			}
		} else {
			const char *s = req_form(r, in);
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

struct jval *formview_answers(struct req *r, const struct svc *s)
{
	bool any = false;
	return read_level(r, s->fields, s->nfields, NULL, &any);
}

bool formview_on_check_page(const struct field *f)
{
	return f->type == FT_CHECKBOX && !f->nopts;
}

/* The label of option value of f in r->lang, or the value itself. */
static const char *option_words(struct req *r, const struct field *f, const char *value)
{
	for (size_t k = 0; k < f->nopts; k++)
		if (str_eq(f->opts[k].value, value))
			return i18n_get(&f->opts[k].label, r->lang);
	return value;
}

/* One answer in words: option labels, a place's name, a date as read,
 * yes/no; NULL when there is no answer.  Arena memory. */
static const char *answer_words(struct req *r, const struct field *f, const struct jval *v)
{
	if (!v || v->type == J_NULL)
		return NULL;
	if (v->type == J_ARR) {	/* chosen options */
		struct sbuf b;
		sbuf_init(&b);
		for (size_t i = 0; i < v->n; i++)
			if (v->kids[i]->type == J_STR)
				sbuf_printf(&b, "%s%s", b.len ? ", " : "", option_words(r, f, v->kids[i]->str));
		char *t = b.len ? arena_strdup(r->a, b.data) : NULL;
		sbuf_free(&b);
		return t;
	}
	const char *s = answer_text(r, v);
	if (!s || !*str_trim(arena_strdup(r->a, s)))
		return NULL;
	switch (f->type) {
	case FT_SELECT: case FT_RADIO:
		return option_words(r, f, s);
	case FT_DATE:
		return date_long(r->a, s, r->lang);
	case FT_CHECKBOX:
		return tmpl_str(r->lang, str_eq(s, "true") ? "app.step.yes" : "app.step.no");
	case FT_AADHAAR: {	/* never shown whole, as it is never stored whole */
		char d[16];
		size_t k = 0;
		for (const char *p = s; *p && k < sizeof d - 1; p++)
			if (*p >= '0' && *p <= '9')
				d[k++] = *p;
		d[k] = '\0';
		return strncmp(s, "XXXXXXXX", 8) == 0 ? s : aadhaar_mask(r->a, d);
	}
	case FT_LOCATION: {
		struct loc *l = loc_get(r->a, strtol(s, NULL, 10));
		return l ? loc_name(l, r->lang) : s;
	}
	default:
		return s;
	}
}

void formview_summary(struct req *r, const struct svc *s, const struct jval *answers, const char *prefix)
{
	size_t row = 0;
	for (size_t i = 0; i < s->nfields; i++) {
		const struct field *f = &s->fields[i];
		if (formview_on_check_page(f) || !form_shown(s->fields, s->nfields, f, answers))
			continue;
		const char *p = arena_printf(r->a, "%s.%zu", prefix, row++);
		hset(r, arena_printf(r->a, "%s.name", p), f->name);
		hset(r, arena_printf(r->a, "%s.input", p), input_name(r->a, f->name));
		hset(r, arena_printf(r->a, "%s.label", p), i18n_get(&f->label, r->lang));
		const struct jval *v = json_get(answers, f->name);
		if (f->type != FT_GROUP) {
			hset(r, arena_printf(r->a, "%s.lines.0", p), answer_words(r, f, v));
			continue;
		}
		/* a group: one line per row, "Name: Sita, Relation: Wife" */
		for (size_t k = 0; v && v->type == J_ARR && k < v->n; k++) {
			struct sbuf b;
			sbuf_init(&b);
			for (size_t j = 0; j < f->nsub; j++) {
				const char *w = answer_words(r, &f->sub[j], json_get(v->kids[k], f->sub[j].name));
				if (w)
					sbuf_printf(&b, "%s%s: %s", b.len ? ", " : "", i18n_get(&f->sub[j].label, r->lang), w);
			}
			hset(r, arena_printf(r->a, "%s.lines.%zu", p, k), b.data);
			sbuf_free(&b);
		}
	}
}
