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
					    arena_printf(r->a, "%s.rows.%zu.fields", hp, k), arena_printf(r->a, "%s.%zu", path, k), NULL, 0);
		}
	}
}

void formview_fill(struct req *r, const struct svc *s, const struct jval *answers, const struct outcome *errs)
{
	fill_fields(r, s->fields, s->nfields, answers, "Svc.fields", NULL, s->fields, s->nfields);
	if (errs)
		formview_outcome(r, s, errs);
}

int formview_outcome(struct req *r, const struct svc *s, const struct outcome *o)
{
	struct outcome named = *o;
	named.errs = arena_alloc(r->a, (o->nerrs + 1) * sizeof *named.errs);
	for (size_t i = 0; i < o->nerrs; i++) {
		named.errs[i] = o->errs[i];
		const char *f = o->errs[i].field;
		size_t top = strcspn(f, ".");
		if (svc_field(s, arena_strndup(r->a, f, top)))
			named.errs[i].field = input_name(r->a, f);
	}
	return page_outcome(r, &named);
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
