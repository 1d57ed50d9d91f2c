/*
 * page_mpr.c — the monthly progress reports' pages (/mpr: my place's
 * months or my area's grid; /mpr/:code/:month?location=: a report of a
 * place of the MPR's level (GP, block or district) with its fill form,
 * the figures from the system marked, and the approvers' buttons; or the
 * consolidation of a place above that level with drill-down, "not
 * submitted" and "pending approval" lists; its CSV and PDF) and their JSON
 * API (/api/v1/mpr...).  Every change goes through mpr.c; consolidations
 * read the summary rows.
 */
#include "pages.h"
#include "apiutil.h"
#include "config.h"
#include "csv.h"
#include "db.h"
#include "formtext.h"
#include "formview.h"
#include "money.h"
#include "mpr.h"
#include "register_pdf.h"
#include "tmpl.h"
#include "user.h"

#include <stdlib.h>
#include <string.h>

/* The most GPs a list on one page or answer holds. */
#define MPR_LIST_MAX 500

/* ---- what a consolidation shows ---- */

/* One column of figures: a summary row's item and its heading. */
struct figcol {
	const char *item;	/* "_reports", "gram_sabhas_held", "internet=good" */
	const char *label;	/* in the reader's language */
	bool money;		/* paise, shown in rupees */
};

/* The columns of definition d: reports approved, then each number field,
 * then each option of each choice field.  Arena array; returns the count. */
static size_t fig_cols(struct arena *a, const struct regdef *d, const char *lang, struct figcol **out)
{
	size_t cap = 1;
	for (size_t i = 0; i < d->ncols; i++)
		cap += d->cols[i].nopts ? d->cols[i].nopts : 1;
	struct figcol *c = arena_alloc(a, cap * sizeof *c);
	size_t n = 0;
	c[n++] = (struct figcol){ "_reports", tmpl_str(lang, "mpr.reports_approved"), false };
	for (size_t i = 0; i < d->ncols; i++) {
		const struct field *f = &d->cols[i];
		if (f->type == FT_NUMBER || f->type == FT_MONEY || f->type == FT_COMPUTED)
			c[n++] = (struct figcol){ f->name, i18n_get(&f->label, lang),
						  f->type == FT_MONEY || (f->type == FT_COMPUTED && form_computed_money(&d->form, f)) };
		else if (f->type == FT_SELECT || f->type == FT_RADIO || f->type == FT_MULTISELECT || f->type == FT_CHECKBOX)
			for (size_t k = 0; k < f->nopts; k++)
				c[n++] = (struct figcol){ arena_printf(a, "%s=%s", f->name, f->opts[k].value),
							  arena_printf(a, "%s: %s", i18n_get(&f->label, lang), i18n_get(&f->opts[k].label, lang)),
							  false };
	}
	*out = c;
	return n;
}

/* A place in a consolidation with its figures. */
struct place {
	long id;
	const char *name, *type, *path;
	long expected;		/* places of the MPR's level under it (reports expected) */
	const char *status;	/* a report's status for a place of the level ("none" when not filed), else NULL */
	bool late;
	long long *vals;	/* one per figcol */
};

struct consol {
	const struct regdef *d;
	long def_id;
	const char *month, *period, *due;
	struct figcol *cols;
	size_t ncols;
	struct place here;
	struct place *kids;
	size_t nkids;
	struct dbres *counts;	/* status, places of the level: under here */
	struct dbres *missing;	/* places not submitted: id, name, status, since, filers */
	struct dbres *pending;	/* places waiting for approval: id, name, status, since, whose turn (a role code) */
};

/* Puts the summary rows res (location_id, item, n) into the places' vals. */
static void fill_vals(struct consol *c, const struct dbres *res)
{
	for (size_t i = 0; res && i < res->nrows; i++) {
		long loc = (long)db_int(res, i, 0);
		struct place *p = loc == c->here.id ? &c->here : NULL;
		for (size_t k = 0; !p && k < c->nkids; k++)
			if (c->kids[k].id == loc)
				p = &c->kids[k];
		for (size_t k = 0; p && k < c->ncols; k++)
			if (str_eq(c->cols[k].item, db_val(res, i, 1)))
				p->vals[k] = db_int(res, i, 2);
	}
}

static const char *loc_name(struct req *r, const struct dbres *q, size_t row, size_t en_col)
{
	const char *hi = db_val(q, row, en_col + 1);
	return str_eq(r->lang, "hi") && !str_empty(hi) ? hi : db_val(q, row, en_col);
}

/* The summary rows of place loc itself (location_id, item, n). */
static struct dbres *own_sums(struct req *r, const struct consol *c, long loc)
{
	return db_query(r->a, "SELECT location_id, item, n FROM mpr_sums WHERE def_id = ? AND period = ? AND location_id = ?", "isi",
			(long long)c->def_id, c->period, (long long)loc);
}

/* The order of the LGD levels, for FIELD(): a place is above another
 * when its rank is lower. */
#define LEVELS "'state', 'division', 'district', 'subdivision', 'block', 'panchayat'"

/* Loads the consolidation of place loc (above d's level) for month.
 * Returns 0, 404 or 503. */
static int consol_load(struct req *r, const struct regdef *d, long def_id, const char *month, long loc, struct consol *c)
{
	int y, m;
	memset(c, 0, sizeof *c);
	if (!mpr_period_parse(month, &y, &m))
		return 404;
	c->d = d;
	c->def_id = def_id;
	c->month = month;
	c->period = arena_printf(r->a, "%s-01", month);
	c->due = mpr_due_date(r->a, y, m, cfg.mpr_due_day);
	c->ncols = fig_cols(r->a, d, r->lang, &c->cols);
	const char *lv = d->level;
	struct dbres *h = db_query(r->a, "SELECT id, name_en, name_hi, type, path, "
					 "(SELECT COUNT(*) FROM locations g WHERE g.type = ? AND g.path LIKE CONCAT(l.path, '%')) "
					 "FROM locations l WHERE id = ? AND FIELD(type, " LEVELS ") BETWEEN 1 AND FIELD(?, " LEVELS ") - 1",
				   "sis", lv, (long long)loc, lv);
	if (!h)
		return 503;
	if (h->nrows != 1 || !mpr_may_see(&r->actor, d, db_val(h, 0, 4), db_val(h, 0, 3)))
		return 404;
	c->here = (struct place){ loc, loc_name(r, h, 0, 1), db_val(h, 0, 3), db_val(h, 0, 4), (long)db_int(h, 0, 5), NULL, false,
				  arena_alloc(r->a, c->ncols * sizeof(long long)) };
	struct dbres *k = db_query(r->a, "SELECT l.id, l.name_en, l.name_hi, l.type, l.path, IF(l.type = ?, 1, "
					 "(SELECT COUNT(*) FROM locations g WHERE g.type = ? AND g.path LIKE CONCAT(l.path, '%'))), "
					 "IF(l.type = ?, IFNULL(r.status, 'none'), NULL), IFNULL(r.late, 0) FROM locations l "
					 "LEFT JOIN mpr_reports r ON r.def_id = ? AND r.period = ? AND r.location_id = l.id "
					 "WHERE l.parent_id = ? AND l.active = 1 AND FIELD(l.type, " LEVELS ") BETWEEN 2 AND FIELD(?, " LEVELS ") "
					 "ORDER BY l.name_en LIMIT 1000",
				   "sssisis", lv, lv, lv, (long long)def_id, c->period, (long long)loc, lv);
	struct dbres *s = own_sums(r, c, loc);
	struct dbres *ks = db_query(r->a, "SELECT s.location_id, s.item, s.n FROM locations l JOIN mpr_sums s ON s.def_id = ? "
					  "AND s.period = ? AND s.location_id = l.id WHERE l.parent_id = ?",
				    "isi", (long long)def_id, c->period, (long long)loc);
	c->counts = db_query(r->a, "SELECT IFNULL(r.status, 'none'), COUNT(*) FROM locations g LEFT JOIN mpr_reports r "
				   "ON r.def_id = ? AND r.period = ? AND r.location_id = g.id WHERE g.type = ? "
				   "AND g.path LIKE CONCAT(?, '%') GROUP BY 1",
			     "isss", (long long)def_id, c->period, lv, c->here.path);
	/* the filers: holders of the enter roles at the place (a GP's VLEs at it or its villages) */
	c->missing = db_query(r->a, "SELECT g.id, g.name_en, g.name_hi, IFNULL(r.status, 'none'), IFNULL(r.returned_at, ?), "
				    "(SELECT GROUP_CONCAT(DISTINCT CONCAT_WS(' ', u.first_name, u.last_name, u.mobile) SEPARATOR '; ') "
				    "FROM role_holdings rh JOIN users u ON u.id = rh.user_id JOIN locations v ON v.id = rh.location_id "
				    "WHERE FIND_IN_SET(rh.role, ?) AND rh.active = 1 AND v.path LIKE CONCAT(g.path, '%')) "
				    "FROM locations g LEFT JOIN mpr_reports r ON r.def_id = ? AND r.period = ? AND r.location_id = g.id "
				    "WHERE g.type = ? AND g.path LIKE CONCAT(?, '%') AND (r.id IS NULL OR r.status IN ('draft', 'returned')) "
				    "ORDER BY g.name_en LIMIT 500",
			      "ssisss", c->due, mpr_filer_roles(r->a, d), (long long)def_id, c->period, lv, c->here.path);
	c->pending = db_query(r->a, "SELECT g.id, g.name_en, g.name_hi, r.status, IF(r.status = 'submitted', r.submitted_at, r.bi_at), "
				    "IF(r.status = 'submitted', ?, ?) FROM mpr_reports r JOIN locations g ON g.id = r.location_id "
				    "WHERE r.def_id = ? AND r.period = ? AND r.status IN ('submitted', 'bi_approved') AND g.path LIKE CONCAT(?, '%') "
				    "ORDER BY 5 LIMIT 500",
			      "ssiss", role_code((enum role)d->verify_role), d->sign_role >= 0 ? role_code((enum role)d->sign_role) : "",
			      (long long)def_id, c->period, c->here.path);
	if (!k || !s || !ks || !c->counts || !c->missing || !c->pending)
		return 503;
	c->nkids = k->nrows;
	c->kids = arena_alloc(r->a, (k->nrows + 1) * sizeof *c->kids);
	for (size_t i = 0; i < k->nrows; i++)
		c->kids[i] = (struct place){ (long)db_int(k, i, 0), loc_name(r, k, i, 1), db_val(k, i, 3), db_val(k, i, 4),
					     (long)db_int(k, i, 5), db_val(k, i, 6), db_int(k, i, 7) != 0,
					     arena_alloc(r->a, c->ncols * sizeof(long long)) };
	fill_vals(c, s);
	fill_vals(c, ks);
	return 0;
}

/* A figure as shown. */
static const char *fig_text(struct arena *a, const struct figcol *col, long long v)
{
	return col->money ? money_fmt(a, v) : arena_printf(a, "%lld", v);
}

/* ---- finding what the path names ---- */

/* The published MPR definition called code, or NULL. */
static struct regdef *mpr_def(struct req *r, const char *code, long *def_id)
{
	long vid;
	struct regdef *d = reg_published(r->a, code, &vid);
	if (!d || !str_eq(d->kind, "mpr"))
		return NULL;
	const char *id = db_scalar(r->a, "SELECT def_id FROM register_versions WHERE id = ?", "i", (long long)vid);
	*def_id = id ? strtol(id, NULL, 10) : 0;
	return d;
}

/* The place ?location= names, or — when none is named — the reader's own
 * place of level (the MPR's: a VLE's GP, a BI's block), else the first
 * place the reader watches.  *type gets its type.  0 when there is none. */
static long place_of(struct req *r, const char *level, const char **type)
{
	long loc = 0;
	const char *q = req_param(r, "location");
	*type = NULL;
	if (!str_empty(q)) {
		if (!parse_long(q, 1, 2000000000L, &loc))
			return 0;
	} else if (!(loc = reg_home_place(r->a, &r->actor, level))) {
		const struct juris_root *roots = juris_prefixes(r->a, r->user, RB(ROLE_BI) | RB(ROLE_DI) | RB(ROLE_BDO) | RB(ROLE_SDO) |
								RB(ROLE_DM) | RB(ROLE_STATE_ADMIN) | RB(ROLE_PMU));
		if (!roots || !roots[0].path)
			return 0;
		const char *id = str_eq(roots[0].path, "/")
					 ? db_scalar(r->a, "SELECT id FROM locations WHERE type = 'state' ORDER BY id LIMIT 1", NULL)
					 : db_scalar(r->a, "SELECT id FROM locations WHERE path = ?", "s", roots[0].path);
		loc = id ? strtol(id, NULL, 10) : 0;
	}
	*type = loc ? db_scalar(r->a, "SELECT type FROM locations WHERE id = ?", "i", (long long)loc) : NULL;
	return *type ? loc : 0;
}

/* ---- a GP's report ---- */

/* Marks the fill form's fields (Svc.fields) that the system fills: the
 * figure as a note, and a figure the filer may not change shown as a
 * computed one (no input: mpr_save fills it). */
static void mark_sources(struct req *r, const struct mpr_report *p)
{
	struct jval *comp = json_parse(r->a, p->computed, strlen(p->computed), NULL);
	for (size_t i = 0; i < p->d->nsources; i++) {
		const struct reg_source *s = &p->d->sources[i];
		const struct jval *v = json_get(comp, s->field);
		long n;
		for (size_t k = 0; v && json_is_int(v, &n) && k < p->d->form.nfields; k++) {
			const struct field *f = &p->d->form.fields[k];
			if (!str_eq(f->name, s->field))
				continue;
			const char *pre = arena_printf(r->a, "Svc.fields.%zu", k);
			const char *shown = f->type == FT_MONEY ? money_fmt(r->a, n) : arena_printf(r->a, "%ld", n);
			hset(r, arena_printf(r->a, "%s.help", pre),
			     arena_printf(r->a, "%s: %s%s", tmpl_str(r->lang, "mpr.from_system"), shown,
					  s->editable ? arena_printf(r->a, " (%s)", tmpl_str(r->lang, "mpr.may_change")) : ""));
			if (!s->editable) {
				hset(r, arena_printf(r->a, "%s.type", pre), "computed");
				hset(r, arena_printf(r->a, "%s.value", pre), shown);
			}
		}
	}
}

/* The report's facts and answers into HDF (Mpr.*); the fill form when the
 * reader may fill it (answers: as typed after a refusal, else stored with
 * the figures from the system filled in). */
static int show_report(struct req *r, const struct mpr_report *p, const struct jval *answers, const struct outcome *o)
{
	hset(r, "Mpr.code", p->d->code);
	hset(r, "Mpr.name", i18n_get(&p->d->name, r->lang));
	hset(r, "Mpr.basis", i18n_get(&p->d->basis, r->lang));
	hset(r, "Mpr.unconfirmed", p->d->confirmed ? "" : "1");
	hset(r, "Mpr.month", p->month);
	hset(r, "Mpr.due", p->due);
	hset_int(r, "Mpr.gp", p->place);
	hset(r, "Mpr.level", p->d->level);
	hset(r, "Mpr.gp_name", str_eq(r->lang, "hi") ? p->place_name_hi : p->place_name_en);
	hset(r, "Mpr.first", role_code((enum role)p->d->verify_role));
	hset(r, "Mpr.final", role_code((enum role)(p->two_step ? p->d->sign_role : p->d->verify_role)));
	hset(r, "Mpr.status", p->status);
	hset(r, "Mpr.late", p->late ? "1" : "");
	hset(r, "Mpr.submitted_at", p->submitted_at);
	hset(r, "Mpr.bi_at", p->bi_at);
	hset(r, "Mpr.di_at", p->di_at);
	hset(r, "Mpr.return_note", p->return_note);
	hset(r, "Can.fill", p->can_fill ? "1" : "");
	hset(r, "Can.bi", p->can_bi ? "1" : "");
	hset(r, "Can.di", p->can_di ? "1" : "");
	struct jval *stored = json_parse(r->a, p->data, strlen(p->data), NULL);
	if (p->id)
		formview_summary(r, &p->d->form, stored, "Answers", false);
	if (p->can_fill) {
		formview_fill(r, &p->d->form, "Svc.fields", answers ? answers : json_parse(r->a, p->shown, strlen(p->shown), NULL), o);
		mark_sources(r, p);
	}
	if (o && !p->can_fill)
		page_outcome(r, o);
	return tmpl_render(r, "mpr_report.cs");
}

/* The report named by the path and ?location=; NULL after recording why. */
static struct mpr_report *report_of(struct req *r, long gp, struct outcome *o)
{
	struct mpr_report *p = NULL;
	mpr_get(r->a, &r->actor, rp(r, 0), rp(r, 1), gp, &p, o);
	return p;
}

/* What the path and ?location= name: a GP's report (*rep set) or the
 * consolidation of a place above GPs (c filled, *rep NULL).  Returns 0,
 * or the status to answer (the reason recorded for the page). */
static int target(struct req *r, struct mpr_report **rep, struct consol *c)
{
	long def_id;
	const struct regdef *d = mpr_def(r, rp(r, 0), &def_id);
	const char *type;
	*rep = NULL;
	if (d && !mpr_may_use(&r->actor, d->level)) {	/* a block's or district's MPR and a VLE: refused by role */
		struct outcome o;
		out_init(&o, r->a);
		out_fail(&o, 403, "mpr.err.level");
		return page_outcome(r, &o);
	}
	long loc = d ? place_of(r, d->level, &type) : 0;
	if (!loc)
		return 404;
	if (str_eq(type, d->level)) {
		struct outcome o;
		out_init(&o, r->a);
		*rep = report_of(r, loc, &o);
		return *rep ? 0 : page_outcome(r, &o);
	}
	return consol_load(r, d, def_id, rp(r, 1), loc, c);
}

/* ---- the consolidation page ---- */

static void consol_hdf(struct req *r, const struct consol *c)
{
	hset(r, "Mpr.code", c->d->code);
	hset(r, "Mpr.name", i18n_get(&c->d->name, r->lang));
	hset(r, "Mpr.level", c->d->level);
	hset(r, "Mpr.month", c->month);
	hset(r, "Mpr.due", c->due);
	hset(r, "Mpr.unconfirmed", c->d->confirmed ? "" : "1");
	hset_int(r, "Place.id", c->here.id);
	hset(r, "Place.name", c->here.name);
	hset(r, "Place.type", c->here.type);
	hset_int(r, "Place.expected", c->here.expected);
	for (size_t k = 0; k < c->ncols; k++) {
		hset(r, arena_printf(r->a, "Cols.%zu", k), c->cols[k].label);
		hset(r, arena_printf(r->a, "Place.vals.%zu", k), fig_text(r->a, &c->cols[k], c->here.vals[k]));
	}
	for (size_t i = 0; i < c->nkids; i++) {
		const struct place *p = &c->kids[i];
		const char *pre = arena_printf(r->a, "Kids.%zu", i);
		hset_int(r, arena_printf(r->a, "%s.id", pre), p->id);
		hset(r, arena_printf(r->a, "%s.name", pre), p->name);
		hset(r, arena_printf(r->a, "%s.type", pre), p->type);
		hset_int(r, arena_printf(r->a, "%s.expected", pre), p->expected);
		hset(r, arena_printf(r->a, "%s.status", pre), p->status);
		hset(r, arena_printf(r->a, "%s.late", pre), p->late ? "1" : "");
		for (size_t k = 0; k < c->ncols; k++)
			hset(r, arena_printf(r->a, "%s.vals.%zu", pre, k), fig_text(r->a, &c->cols[k], p->vals[k]));
	}
	for (size_t i = 0; i < c->counts->nrows; i++)
		hset(r, arena_printf(r->a, "Counts.%s", db_val(c->counts, i, 0)), db_val(c->counts, i, 1));
	for (size_t i = 0; i < c->missing->nrows; i++) {
		const char *pre = arena_printf(r->a, "Missing.%zu", i);
		hset(r, arena_printf(r->a, "%s.id", pre), db_val(c->missing, i, 0));
		hset(r, arena_printf(r->a, "%s.name", pre), loc_name(r, c->missing, i, 1));
		hset(r, arena_printf(r->a, "%s.status", pre), db_val(c->missing, i, 3));
		hset(r, arena_printf(r->a, "%s.since", pre), db_val(c->missing, i, 4));
		hset(r, arena_printf(r->a, "%s.vle", pre), db_val(c->missing, i, 5));
	}
	for (size_t i = 0; i < c->pending->nrows; i++) {
		const char *pre = arena_printf(r->a, "Pending.%zu", i);
		hset(r, arena_printf(r->a, "%s.id", pre), db_val(c->pending, i, 0));
		hset(r, arena_printf(r->a, "%s.name", pre), loc_name(r, c->pending, i, 1));
		hset(r, arena_printf(r->a, "%s.status", pre), db_val(c->pending, i, 3));
		hset(r, arena_printf(r->a, "%s.since", pre), db_val(c->pending, i, 4));
		hset(r, arena_printf(r->a, "%s.turn", pre), db_val(c->pending, i, 5));
	}
}

/* GET /mpr/:code/:month?location= — a GP's report, or a consolidation */
int page_mpr(struct req *r)
{
	struct mpr_report *p;
	struct consol c;
	int st = target(r, &p, &c);
	if (st || p)
		return st ? st : show_report(r, p, NULL, NULL);
	consol_hdf(r, &c);
	return tmpl_render(r, "mpr_consol.cs");
}

/* POST /mpr/:code/:month — location=GP, action = save|submit|approve|return */
int page_mpr_post(struct req *r)
{
	struct outcome o;
	out_init(&o, r->a);
	long gp = 0;
	const char *q = req_form(r, "location");
	if (!str_empty(q) && !parse_long(q, 1, 2000000000L, &gp))
		return 400;
	struct mpr_report *p = report_of(r, gp, &o);
	if (!p)
		return page_outcome(r, &o);
	const char *action = req_form(r, "action");
	struct jval *answers = NULL;
	int rc;
	if (str_eq(action, "save") || str_eq(action, "submit")) {
		answers = formview_answers(r, &p->d->form);
		rc = mpr_save(r->a, &r->actor, p, answers, str_eq(action, "submit"), &o);
	} else {
		int act = mpr_action_from(action);
		if (act < 0 || act == MPR_SUBMIT)
			return 400;
		rc = mpr_act(r->a, &r->actor, p, (enum mpr_action)act, req_form(r, "note"), &o);
	}
	if (rc == 422) {	/* the report again, each problem at its input */
		formview_outcome(r, &p->d->form, &o);
		r->status = 422;
		return show_report(r, p, answers, NULL);
	}
	if (rc != 0)
		return page_outcome(r, &o);
	resp_redirect(r, arena_printf(r->a, "/mpr/%s/%s?location=%ld&done=%s", url_encode(r->a, p->d->code), p->month, p->place,
				      url_encode(r->a, action)));
	return 0;
}

/* ---- /mpr: my months, my area's grid ---- */

/* The last n months, newest first ("2026-11"), from this one. */
static const char **months_back(struct arena *a, int n)
{
	const char *today = ist_today(a);
	int y = atoi(today), m = atoi(today + 5);
	const char **out = arena_alloc(a, (size_t)n * sizeof *out);
	for (int i = 0; i < n; i++) {
		out[i] = arena_printf(a, "%04d-%02d", y, m);
		if (--m < 1) {
			m = 12;
			y--;
		}
	}
	return out;
}

/* The published MPRs the reader may use (mpr_may_use): code, name in
 * lang, def id, level. */
static struct dbres *mpr_defs(struct req *r)
{
	return db_query(r->a, "SELECT d.code, IF(? = 'hi', v.name_hi, v.name_en), d.id, "
			      "IFNULL(JSON_VALUE(v.definition, '$.level'), 'panchayat') lv FROM register_defs d "
			      "JOIN register_versions v ON v.id = d.published_version_id WHERE d.kind = 'mpr' "
			      "HAVING lv = 'panchayat' OR ? ORDER BY d.code",
			"si", r->lang, (long long)mpr_may_use(&r->actor, "block"));
}

/* The reports of one place of the last 12 months: month, status, late. */
static struct dbres *my_months(struct req *r, long def_id, long place, const char *from)
{
	return db_query(r->a, "SELECT DATE_FORMAT(period, '%Y-%m'), status, late FROM mpr_reports WHERE def_id = ? "
			      "AND location_id = ? AND period >= ? ORDER BY period DESC",
			"iis", (long long)def_id, (long long)place, from);
}

/* GET /mpr — the months of each MPR the reader files (a VLE's GP's, a
 * BI's block's) with their state; for an officer who files none of the
 * first MPR, its month's consolidation of their area */
int page_mpr_list(struct req *r)
{
	struct dbres *defs = mpr_defs(r);
	if (!defs)
		return 503;
	static const char *const dcols[] = { "code", "name", NULL };
	hset_rows(r, "Defs", defs, dcols);
	const char **months = months_back(r->a, 13);
	/* the month reported on now: last month's report is the one due */
	hset(r, "Month", months[1]);
	long first_home = 0;
	for (size_t i = 0; i < defs->nrows; i++) {
		long home = reg_home_place(r->a, &r->actor, db_val(defs, i, 3));
		if (i == 0)
			first_home = home;
		if (!home)
			continue;
		struct dbres *mine = my_months(r, (long)db_int(defs, i, 2), home, arena_printf(r->a, "%s-01", months[12]));
		if (!mine)
			return 503;
		hset_int(r, arena_printf(r->a, "Defs.%zu.home", i), home);
		for (int k = 0; k < 13; k++) {
			const char *pre = arena_printf(r->a, "Defs.%zu.months.%d", i, k);
			int y, m;
			mpr_period_parse(months[k], &y, &m);
			hset(r, arena_printf(r->a, "%s.month", pre), months[k]);
			hset(r, arena_printf(r->a, "%s.due", pre), mpr_due_date(r->a, y, m, cfg.mpr_due_day));
			hset(r, arena_printf(r->a, "%s.status", pre), "none");
			for (size_t j = 0; j < mine->nrows; j++)
				if (str_eq(db_val(mine, j, 0), months[k])) {
					hset(r, arena_printf(r->a, "%s.status", pre), db_val(mine, j, 1));
					hset(r, arena_printf(r->a, "%s.late", pre), db_int(mine, j, 2) ? "1" : "");
				}
		}
	}
	const char *type;
	long loc = first_home || !defs->nrows ? 0 : place_of(r, db_val(defs, 0, 3), &type);
	if (loc) {	/* an officer: the first MPR's month at a glance */
		struct consol c;
		long def_id = (long)db_int(defs, 0, 2);
		const struct regdef *d = mpr_def(r, db_val(defs, 0, 0), &def_id);
		const char *month = req_query(r, "month");
		int y, m;
		if (!month || !mpr_period_parse(month, &y, &m))
			month = months[1];
		int st = d ? consol_load(r, d, def_id, month, loc, &c) : 404;
		if (st == 503)
			return 503;
		if (st == 0) {
			consol_hdf(r, &c);
			hset(r, "Month", month);
			hset(r, "Grid", "1");
		}
	}
	return tmpl_render(r, "mpr_list.cs");
}

/* ---- CSV and PDF of a consolidation ---- */

/* The consolidation the path and ?location= name.  For a GP: its own row
 * (from its block's table when the reader sees the block, else alone). */
static int consol_of_path(struct req *r, struct consol *c)
{
	struct mpr_report *p;
	int st = target(r, &p, c);
	if (st || !p)
		return st;
	const char *parent = db_scalar(r->a, "SELECT parent_id FROM locations WHERE id = ?", "i", (long long)p->place);
	st = parent ? consol_load(r, p->d, p->def_id, p->month, strtol(parent, NULL, 10), c) : 404;
	if (st == 404) {	/* a VLE sees the GP, not its block */
		memset(c, 0, sizeof *c);
		c->d = p->d;
		c->def_id = p->def_id;
		c->month = p->month;
		c->period = p->period;
		c->due = p->due;
		c->ncols = fig_cols(r->a, p->d, r->lang, &c->cols);
		c->here = (struct place){ p->place, p->place_name_en, p->d->level, p->place_path, 1, p->status, p->late,
					  arena_alloc(r->a, c->ncols * sizeof(long long)) };
		struct dbres *mine = own_sums(r, c, p->place);
		if (!mine)
			return 503;
		fill_vals(c, mine);
		return 0;
	}
	if (st)
		return st;
	for (size_t i = 0; i < c->nkids; i++)
		if (c->kids[i].id == p->place)
			c->here = c->kids[i];
	c->nkids = 0;
	return 0;
}

/* GET /mpr/:code/:month/csv?location= — the place's children and total */
int page_mpr_csv(struct req *r)
{
	struct consol c;
	int st = consol_of_path(r, &c);
	if (st)
		return st;
	struct sbuf csv;
	sbuf_init(&csv);
	static const char *const head[] = { "place", "type", "gps", "status" };
	for (size_t k = 0; k < ARRAY_LEN(head); k++) {
		csv_cell(&csv, head[k]);
		sbuf_addc(&csv, ',');
	}
	for (size_t k = 0; k < c.ncols; k++) {
		csv_cell(&csv, c.cols[k].item);
		sbuf_adds(&csv, k + 1 < c.ncols ? "," : "\r\n");
	}
	for (size_t i = 0; i <= c.nkids; i++) {
		const struct place *p = i < c.nkids ? &c.kids[i] : &c.here;	/* the total last */
		csv_cell(&csv, i < c.nkids ? p->name : arena_printf(r->a, "Total: %s", p->name));
		sbuf_addc(&csv, ',');
		csv_cell(&csv, p->type);
		sbuf_printf(&csv, ",%ld,", p->expected);
		csv_cell(&csv, p->status ? p->status : "");
		sbuf_addc(&csv, ',');
		for (size_t k = 0; k < c.ncols; k++) {
			csv_cell(&csv, c.cols[k].money ? money_plain(r->a, p->vals[k]) : arena_printf(r->a, "%lld", p->vals[k]));
			sbuf_adds(&csv, k + 1 < c.ncols ? "," : "\r\n");
		}
	}
	resp_bytes(r, "text/csv; charset=utf-8", csv.data, csv.len, arena_printf(r->a, "%s-%s-%ld.csv", c.d->code, c.month, c.here.id));
	sbuf_free(&csv);
	return 0;
}

/* GET /mpr/:code/:month/pdf?location= — the same on paper */
int page_mpr_pdf(struct req *r)
{
	struct consol c;
	int st = consol_of_path(r, &c);
	if (st)
		return st;
	struct regpdf in = { .title_en = c.d->name.en, .title_hi = c.d->name.hi, .a3 = str_eq(c.d->paper, "A3"),
			     .landscape = c.d->landscape };
	in.subtitle = arena_printf(r->a, "%s · %s %s · %s %s", c.here.name, tmpl_str(r->lang, "mpr.month"), c.month,
				   tmpl_str(r->lang, "mpr.due"), c.due);
	in.page_label = tmpl_str(r->lang, "register.pdf.page");
	in.footer = tmpl_str(r->lang, "mpr.pdf_footer");
	in.serial_label = tmpl_str(r->lang, "mpr.place");
	in.state_label = tmpl_str(r->lang, arena_printf(r->a, "mpr.units.%s", c.d->level));
	in.labels = arena_alloc(r->a, c.ncols * sizeof *in.labels);
	for (size_t k = 0; k < c.ncols; k++)
		in.labels[k] = c.cols[k].label;
	in.ncols = c.ncols;
	in.closing = arena_printf(r->a, "%s %s", tmpl_str(r->lang, "mpr.only_approved"), ist_today(r->a));
	struct regpdf_row *rows = arena_alloc(r->a, (c.nkids + 1) * sizeof *rows);
	for (size_t i = 0; i <= c.nkids; i++) {
		const struct place *p = i < c.nkids ? &c.kids[i] : &c.here;
		rows[i].serial = i < c.nkids ? p->name : arena_printf(r->a, "%s: %s", tmpl_str(r->lang, "register.total"), p->name);
		rows[i].state = arena_printf(r->a, "%ld", p->expected);
		const char **cells = arena_alloc(r->a, c.ncols * sizeof *cells);
		for (size_t k = 0; k < c.ncols; k++)
			cells[k] = fig_text(r->a, &c.cols[k], p->vals[k]);
		rows[i].cells = cells;
	}
	in.rows = rows;
	in.nrows = c.nkids + 1;
	unsigned char *pdf = NULL;
	size_t len = 0;
	if (register_pdf_render(&in, &pdf, &len) != 0)
		return 500;
	resp_bytes(r, "application/pdf", pdf, len, arena_printf(r->a, "%s-%s-%ld.pdf", c.d->code, c.month, c.here.id));
	free(pdf);
	return 0;
}

/* ---- the API ---- */

static void api_report_json(struct jw *w, const struct mpr_report *p)
{
	jw_obj(w);
	jw_key(w, "id");
	if (p->id)
		jw_int(w, p->id);
	else
		jw_null(w);
	jw_kstr(w, "code", p->d->code);
	jw_kstr(w, "month", p->month);
	jw_kstr(w, "due", p->due);
	jw_kstr(w, "level", p->d->level);
	jw_kint(w, "gp", p->place);	/* the place, whatever its level (the name kept for the GP's clients) */
	jw_kstr(w, "gp_name", p->place_name_en);
	jw_kstr(w, "status", p->status);
	jw_kbool(w, "late", p->late);
	jw_key(w, "data");
	jw_raw(w, p->shown);
	jw_key(w, "computed");
	jw_raw(w, p->computed);
	jw_key(w, "sources");
	jw_obj(w);
	for (size_t i = 0; i < p->d->nsources; i++) {
		jw_key(w, p->d->sources[i].field);
		jw_obj(w);
		jw_kstr(w, "source", p->d->sources[i].source);
		jw_kbool(w, "editable", p->d->sources[i].editable);
		jw_obj_end(w);
	}
	jw_obj_end(w);
	jw_kstr(w, "submitted_at", p->submitted_at);
	jw_kstr(w, "bi_approved_at", p->bi_at);
	jw_kstr(w, "di_approved_at", p->di_at);
	jw_kstr(w, "return_note", p->return_note);
	jw_key(w, "may");
	jw_obj(w);
	jw_kbool(w, "fill", p->can_fill);
	jw_kbool(w, "approve", p->can_bi || p->can_di);
	jw_obj_end(w);
	jw_obj_end(w);
}

static int api_report_send(struct req *r, int status, const struct mpr_report *p)
{
	struct sbuf b;
	struct jw w;
	sbuf_init(&b);
	jw_init(&w, &b);
	api_report_json(&w, p);
	return api_send(r, status, &b);
}

/* A GP list (missing, pending) as JSON items. */
static void api_gps(struct req *r, struct jw *w, const char *key, const struct dbres *q, const char *last)
{
	jw_key(w, key);
	jw_arr(w);
	for (size_t i = 0; i < q->nrows; i++) {
		jw_obj(w);
		jw_kint(w, "gp", db_int(q, i, 0));
		jw_kstr(w, "name", loc_name(r, q, i, 1));
		jw_kstr(w, "status", db_val(q, i, 3));
		jw_kstr(w, "since", db_val(q, i, 4));
		jw_kstr(w, last, db_val(q, i, 5));
		jw_obj_end(w);
	}
	jw_arr_end(w);
}

static void api_figures(struct jw *w, const struct consol *c, const struct place *p)
{
	jw_kint(w, "id", p->id);
	jw_kstr(w, "name", p->name);
	jw_kstr(w, "type", p->type);
	jw_kint(w, "gps", p->expected);
	if (p->status) {
		jw_kstr(w, "status", p->status);
		jw_kbool(w, "late", p->late);
	}
	jw_key(w, "figures");
	jw_obj(w);
	for (size_t k = 0; k < c->ncols; k++)
		jw_kint(w, c->cols[k].item, p->vals[k]);
	jw_obj_end(w);
}

/* GET /api/v1/mpr/:code/:month?location= — a GP's report, or a
 * consolidation with its children, counts and lists */
int api_mpr(struct req *r)
{
	struct mpr_report *p;
	struct consol c;
	int st = target(r, &p, &c);
	if (st || p)
		return st ? st : api_report_send(r, 200, p);
	struct sbuf b;
	struct jw w;
	sbuf_init(&b);
	jw_init(&w, &b);
	jw_obj(&w);
	jw_kstr(&w, "code", c.d->code);
	jw_kstr(&w, "month", c.month);
	jw_kstr(&w, "due", c.due);
	api_figures(&w, &c, &c.here);
	jw_key(&w, "counts");
	jw_obj(&w);
	for (size_t i = 0; i < c.counts->nrows; i++)
		jw_kint(&w, db_val(c.counts, i, 0), db_int(c.counts, i, 1));
	jw_obj_end(&w);
	jw_key(&w, "children");
	jw_arr(&w);
	for (size_t i = 0; i < c.nkids; i++) {
		jw_obj(&w);
		api_figures(&w, &c, &c.kids[i]);
		jw_obj_end(&w);
	}
	jw_arr_end(&w);
	api_gps(r, &w, "not_submitted", c.missing, "vles");
	api_gps(r, &w, "pending_approval", c.pending, "turn");
	jw_obj_end(&w);
	return api_send(r, 200, &b);
}

static const struct api_col mpr_def_cols[] = {
	{"code", 0, AK_STR},
	{"name", 1, AK_STR},
	{"level", 3, AK_STR},
};

static const struct api_col mpr_month_cols[] = {
	{"month", 0, AK_STR},
	{"status", 1, AK_STR},
	{"late", 2, AK_BOOL},
};

/* GET /api/v1/mpr — the published MPRs the reader may use, each with its
 * level; with a place of one's own at that level (a VLE's GP, a BI's
 * block), its months of the last year and their state */
int api_mpr_list(struct req *r)
{
	struct dbres *defs = mpr_defs(r);
	if (!defs)
		return 503;
	const char **months = months_back(r->a, 13);
	struct sbuf b;
	struct jw w;
	api_list_open(&b, &w);
	for (size_t i = 0; i < defs->nrows; i++) {
		long gp = reg_home_place(r->a, &r->actor, db_val(defs, i, 3));
		jw_obj(&w);
		API_COLS(r->a, &w, defs, i, mpr_def_cols);
		if (gp) {
			struct dbres *mine = my_months(r, (long)db_int(defs, i, 2), gp, arena_printf(r->a, "%s-01", months[12]));
			if (!mine) {
				sbuf_free(&b);
				return 503;
			}
			jw_kint(&w, "gp", gp);
			jw_key(&w, "months");
			jw_arr(&w);
			API_ROWS(r->a, &w, mine, mpr_month_cols);
			jw_arr_end(&w);
		}
		jw_obj_end(&w);
	}
	return api_list_send(r, &b, &w, NULL);
}

/* The GP an API body names ("location"), 0 for one's own; -1 when it is
 * not a number. */
static long api_gp(const struct jval *in)
{
	long gp = 0;
	const struct jval *g = json_get(in, "location");
	if (g && g->type != J_NULL && !json_get_long(in, "location", &gp))
		return -1;
	return gp;
}

/* POST /api/v1/mpr/:code/:month {location?, data, submit?} — save or submit */
int api_mpr_save(struct req *r)
{
	struct jval *in = api_body(r);
	long gp = in ? api_gp(in) : -1;
	if (gp < 0)
		return 400;
	struct outcome o;
	out_init(&o, r->a);
	struct mpr_report *p = report_of(r, gp, &o);
	if (!p || mpr_save(r->a, &r->actor, p, json_get(in, "data"), json_get_bool(in, "submit", false), &o) != 0)
		return page_outcome(r, &o);
	p = report_of(r, p->place, &o);
	return p ? api_report_send(r, 200, p) : page_outcome(r, &o);
}

/* POST /api/v1/mpr/:code/:month/:action {location, note?} — submit,
 * approve or return */
int api_mpr_act(struct req *r)
{
	struct jval *in = api_body(r);
	long gp = in ? api_gp(in) : -1;
	int act = mpr_action_from(rp(r, 2));
	if (gp < 0)
		return 400;
	if (act < 0)
		return 404;
	const struct jval *note = json_get(in, "note");
	if (note && note->type != J_NULL && note->type != J_STR)
		return 400;
	struct outcome o;
	out_init(&o, r->a);
	struct mpr_report *p = report_of(r, gp, &o);
	if (!p || mpr_act(r->a, &r->actor, p, (enum mpr_action)act, json_get_str(in, "note"), &o) != 0)
		return page_outcome(r, &o);
	p = report_of(r, p->place, &o);
	return p ? api_report_send(r, 200, p) : page_outcome(r, &o);
}
