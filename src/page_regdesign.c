/*
 * page_regdesign.c — the register designer's pages (regdesign.h): a new
 * register, its draft (columns, problems, preview, publish, export and
 * import), its header, one column to add or edit with the form engine's
 * field editor (templates/inc/field_editor.cs), and the print layout as a
 * sample PDF.  Each page does one thing and works without JavaScript.
 */
#include "pages.h"
#include "formview.h"
#include "regdesign.h"
#include "tmpl.h"

#include <string.h>

/* Who keeps or signs a register's books, in the header's choices. */
static const char *const keeper_roles[] = { "csc", "panchayat_sewak", "mukhiya", "bdo", "bi", "dm", "di" };

/* The latest version of the path's register into D.* and Cols.*; NULL
 * (404) when there is none.  Refuses (403) who may not design. */
static struct regdef *load(struct req *r, long *version, int *st)
{
	const char *status;
	*st = regdesign_may(r->a, &r->actor) ? 404 : 403;
	struct regdef *d = *st == 404 ? regdesign_latest(r->a, rp(r, 0), version, &status) : NULL;
	if (!d)
		return NULL;
	*st = 0;
	hset(r, "D.code", d->code);
	hset(r, "D.name", i18n_get(&d->name, r->lang));
	hset_int(r, "D.version", *version);
	hset(r, "D.status", status);
	for (size_t i = 0; i < d->ncols; i++) {
		const struct field *f = &d->cols[i];
		const char *p = arena_printf(r->a, "Cols.%zu", i);
		hset(r, arena_printf(r->a, "%s.name", p), f->name);
		hset(r, arena_printf(r->a, "%s.label", p), i18n_get(&f->label, r->lang));
		hset(r, arena_printf(r->a, "%s.type", p), ftype_code(f->type));
		hset(r, arena_printf(r->a, "%s.required", p), f->required ? "1" : "");
	}
	return d;
}

/* GET /admin/registers/new — a new register: code and names */
int page_regdesign_new(struct req *r)
{
	return regdesign_may(r->a, &r->actor) ? tmpl_render(r, "regdesign_new.cs") : 403;
}

/* A designer change's answer: to next, or the page again with the
 * problems at their inputs (422, through again), or the refusal. */
static int after(struct req *r, const struct outcome *o, const char *next, int (*again)(struct req *r),
		 const char *const *keep)
{
	if (!o->status) {
		resp_redirect(r, next);
		return 0;
	}
	int st = page_outcome(r, o);
	if (st != 422 || !again)
		return st;
	form_keep(r, keep);
	r->status = 422;
	st = again(r);
	r->status = 422;
	return st;
}

/* POST /admin/registers/new */
int page_regdesign_create(struct req *r)
{
	if (!regdesign_may(r->a, &r->actor))
		return 403;
	struct outcome o;
	out_init(&o, r->a);
	const char *code = req_form(r, "code");
	regdesign_create(r->a, &r->actor, code, req_form(r, "name_en"), req_form(r, "name_hi"), &o);
	static const char *const keep[] = { "code", "name_en", "name_hi", NULL };
	return after(r, &o, arena_printf(r->a, "/admin/registers/%s/design", code), page_regdesign_new, keep);
}

/* GET /admin/registers/:code/design — the draft: columns, what stops it
 * being published, preview, publish, export, import */
int page_regdesign(struct req *r)
{
	long version;
	int st;
	struct regdef *d = load(r, &version, &st);
	if (!d)
		return st;
	struct sbuf probs;
	sbuf_init(&probs);
	if (regdef_validate(d, &probs) > 0)
		hset_lines(r, "Problems", probs.data);
	sbuf_free(&probs);
	hset(r, "D.level", d->level);
	hset(r, "D.periodicity", d->periodicity);
	return tmpl_render(r, "regdesign.cs");
}

/* The header's values for the form: as typed (after a problem) or from d. */
static void header_hdf(struct req *r, const struct regdef *d)
{
	static const char *const lists[] = { "totals", "enter", "print" };
	if (form_has_errors(r)) {
		for (size_t l = 0; l < ARRAY_LEN(lists); l++) {
			const char *v[64];
			size_t n = req_form_all(r, lists[l], v, 64);
			for (size_t i = 0; i < n; i++)
				hset(r, arena_printf(r->a, "H.%s.%s", lists[l], v[i]), "1");
		}
		return;
	}
	hset(r, "Form.val.name_en", d->name.en);
	hset(r, "Form.val.name_hi", d->name.hi);
	hset(r, "Form.val.basis_en", d->basis.en);
	hset(r, "Form.val.basis_hi", d->basis.hi);
	hset(r, "Form.val.level", d->level);
	hset(r, "Form.val.periodicity", d->periodicity);
	hset(r, "Form.val.date_column", d->date_col);
	hset(r, "Form.val.verify", role_code((enum role)d->verify_role));
	hset(r, "Form.val.sign", d->sign_role >= 0 ? role_code((enum role)d->sign_role) : "");
	hset(r, "Form.val.paper", d->paper);
	static const char *const flags[] = { "public", "confirmed", "carry_forward", "never_negative", "daily_close", "landscape" };
	const bool on[] = { d->public_, d->confirmed, d->carry_forward, d->never_negative, d->daily_close, d->landscape };
	for (size_t i = 0; i < ARRAY_LEN(flags); i++)
		hset(r, arena_printf(r->a, "Form.val.%s", flags[i]), on[i] ? "1" : "");
	for (size_t i = 0; i < d->ntotals; i++)
		hset(r, arena_printf(r->a, "H.totals.%s", d->totals[i]), "1");
	for (size_t i = 0; i < d->nprint; i++)
		hset(r, arena_printf(r->a, "H.print.%s", d->print_cols[i]), "1");
	for (int i = 0; i < ROLE_COUNT; i++)
		if (d->enter_roles & RB(i))
			hset(r, arena_printf(r->a, "H.enter.%s", role_code((enum role)i)), "1");
}

/* GET /admin/registers/:code/header */
int page_regdesign_header_form(struct req *r)
{
	long version;
	int st;
	struct regdef *d = load(r, &version, &st);
	if (!d)
		return st;
	header_hdf(r, d);
	for (size_t i = 0; i < ARRAY_LEN(keeper_roles); i++)
		hset(r, arena_printf(r->a, "Roles.%zu", i), keeper_roles[i]);
	return tmpl_render(r, "regdesign_header.cs");
}

static struct designer_list typed_list(struct req *r, const char *name)
{
	const char **v = arena_alloc(r->a, 64 * sizeof *v);
	return (struct designer_list){ v, req_form_all(r, name, v, 64) };
}

/* POST /admin/registers/:code/header */
int page_regdesign_header(struct req *r)
{
	if (!regdesign_may(r->a, &r->actor))
		return 403;
	struct regdesign_header in = {
		.name_en = req_form(r, "name_en"), .name_hi = req_form(r, "name_hi"),
		.basis_en = req_form(r, "basis_en"), .basis_hi = req_form(r, "basis_hi"),
		.level = req_form(r, "level"), .periodicity = req_form(r, "periodicity"),
		.public_ = req_form(r, "public") != NULL, .confirmed = req_form(r, "confirmed") != NULL,
		.date_col = req_form(r, "date_column"), .totals = typed_list(r, "totals"),
		.carry_forward = req_form(r, "carry_forward") != NULL, .never_negative = req_form(r, "never_negative") != NULL,
		.daily_close = req_form(r, "daily_close") != NULL, .enter = typed_list(r, "enter"),
		.verify = req_form(r, "verify"), .sign = req_form(r, "sign"), .paper = req_form(r, "paper"),
		.landscape = req_form(r, "landscape") != NULL, .print = typed_list(r, "print"),
	};
	struct outcome o;
	out_init(&o, r->a);
	regdesign_header(r->a, &r->actor, rp(r, 0), &in, &o);
	static const char *const keep[] = { "name_en", "name_hi", "basis_en", "basis_hi", "level", "periodicity", "public",
					    "confirmed", "date_column", "carry_forward", "never_negative", "daily_close",
					    "verify", "sign", "paper", "landscape", NULL };
	return after(r, &o, arena_printf(r->a, "/admin/registers/%s/design", rp(r, 0)), page_regdesign_header_form, keep);
}

/* GET /admin/registers/:code/add-column — the field editor, empty */
int page_regdesign_col_new(struct req *r)
{
	long version;
	int st;
	if (!load(r, &version, &st))
		return st;
	formview_field_types(r, regdesign_type_ok);
	return tmpl_render(r, "regdesign_column.cs");
}

/* The editor's inputs kept after a problem. */
static const char *const col_keep[] = { "name", "type", "label_en", "label_hi", "help_en", "help_hi", "required", "min", "max",
					"min_length", "max_length", "pattern", "min_date", "max_date", "default", "show_field",
					"show_equals", "options", "compute_op", "compute_of", "accuracy_max", "accuracy_flag",
					"ref_kind", "scope", NULL };

/* POST /admin/registers/:code/columns */
int page_regdesign_col_add(struct req *r)
{
	if (!regdesign_may(r->a, &r->actor))
		return 403;
	struct field_input in = formview_field_input(r);
	struct outcome o;
	out_init(&o, r->a);
	regdesign_col_add(r->a, &r->actor, rp(r, 0), &in, &o);
	return after(r, &o, arena_printf(r->a, "/admin/registers/%s/design", rp(r, 0)), page_regdesign_col_new, col_keep);
}

/* GET /admin/registers/:code/columns/:name — one column's editor */
int page_regdesign_col_form(struct req *r)
{
	long version;
	int st;
	struct regdef *d = load(r, &version, &st);
	if (!d)
		return st;
	const struct field *f = regdef_col(d, rp(r, 1));
	if (!f)
		return 404;
	hset(r, "F.name", f->name);
	formview_field_fill(r, f);
	formview_field_types(r, regdesign_type_ok);
	return tmpl_render(r, "regdesign_column.cs");
}

/* POST /admin/registers/:code/columns/:name — action save, up, down, delete */
int page_regdesign_col(struct req *r)
{
	if (!regdesign_may(r->a, &r->actor))
		return 403;
	struct field_input in = formview_field_input(r);
	const char *action = req_form(r, "action");
	struct outcome o;
	out_init(&o, r->a);
	regdesign_col_change(r->a, &r->actor, rp(r, 0), rp(r, 1), action, &in, &o);
	return after(r, &o, arena_printf(r->a, "/admin/registers/%s/design", rp(r, 0)),
		     str_eq(action, "save") ? page_regdesign_col_form : NULL, col_keep);
}
