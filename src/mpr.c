/*
 * mpr.c — monthly progress reports (mpr.h): the due day and the late
 * flag, the figures filled from the system (one query per source of
 * mpr_source.h), a report's life from the filer's draft to the final
 * approval, the summary rows kept in the approving transaction, and the
 * reminder job.  Pages and the API (page_mpr.c) only translate.
 */
#include "mpr.h"
#include "mpr_source.h"
#include "audit.h"
#include "config.h"
#include "db.h"
#include "form.h"
#include "notify.h"
#include "user.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- the arithmetic ---- */

bool mpr_period_parse(const char *s, int *y, int *m)
{
	int d;
	if (!s || strlen(s) != 7)
		return false;
	char buf[11];
	snprintf(buf, sizeof buf, "%s-01", s);
	return parse_date(buf, y, m, &d) && *y >= 2000 && *y <= 2999;
}

static int month_days(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return m == 2 && leap ? 29 : days[m - 1];
}

const char *mpr_due_date(struct arena *a, int y, int m, long due_day)
{
	if (++m > 12) {
		m = 1;
		y++;
	}
	long d = due_day < 1 ? 1 : due_day > month_days(y, m) ? month_days(y, m) : due_day;
	return arena_printf(a, "%04d-%02d-%02ld", y, m, d);
}

bool mpr_late(const char *due, const char *day)
{
	/* both YYYY-MM-DD: the text order is the calendar's */
	return strcmp(day, due) > 0;
}

const char *mpr_day_add(struct arena *a, const char *day, int days)
{
	int y, m, d;
	if (!parse_date(day, &y, &m, &d))
		return NULL;
	struct tm tm = { .tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = d + days, .tm_hour = 12 };
	time_t t = timegm(&tm);
	gmtime_r(&t, &tm);
	return arena_printf(a, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

size_t mpr_items(struct arena *a, const struct form_def *d, const struct jval *data, struct mpr_item **items)
{
	size_t cap = 1, n = 0;
	for (size_t i = 0; i < d->nfields; i++)
		cap += d->fields[i].nopts ? d->fields[i].nopts : 1;
	struct mpr_item *it = arena_alloc(a, cap * sizeof *it);
	it[n++] = (struct mpr_item){ "_reports", 1 };
	for (size_t i = 0; i < d->nfields; i++) {
		const struct field *f = &d->fields[i];
		const struct jval *v = json_get(data, f->name);
		long num;
		if (!v)
			continue;
		switch (f->type) {
		case FT_NUMBER:
		case FT_MONEY:
		case FT_COMPUTED:
			if (json_is_int(v, &num))
				it[n++] = (struct mpr_item){ f->name, num };
			break;
		case FT_SELECT:
		case FT_RADIO:
		case FT_MULTISELECT:
		case FT_CHECKBOX:
			/* one option per chosen value; a single yes/no box counts "yes" */
			for (size_t k = 0; k < f->nopts; k++) {
				bool chosen = v->type == J_STR && str_eq(v->str, f->opts[k].value);
				for (size_t j = 0; v->type == J_ARR && j < v->n; j++)
					chosen |= v->kids[j]->type == J_STR && str_eq(v->kids[j]->str, f->opts[k].value);
				if (chosen && n < cap)
					it[n++] = (struct mpr_item){ arena_printf(a, "%s=%s", f->name, f->opts[k].value), 1 };
			}
			if (!f->nopts && v->type == J_BOOL && v->b && n < cap)
				it[n++] = (struct mpr_item){ arena_printf(a, "%s=yes", f->name), 1 };
			break;
		default:
			break;	/* text is read in the report, not added up */
		}
	}
	*items = it;
	return n;
}

/* ---- figures from the system ---- */

/* The figure of source s for the place at path and the days from <= t <
 * to: one prepared query each (mpr_source.h lists them).  Each starts from
 * the place (its subtree by path, then its books or its people) and
 * reaches the month's rows through an index on (owner, time), in that
 * order (STRAIGHT_JOIN and FORCE INDEX: on small tables the optimiser
 * would rather scan the month everywhere), so a figure costs the place's
 * rows of the month, not the state's (trainings held: the month's
 * trainings, a few hundred).  Arena text, NULL on a database error. */
static const char *source_value(struct arena *a, const struct reg_source *s, const char *path, const char *from, const char *to)
{
	const char *reg = s->reg ? s->reg : "";
	switch ((enum mpr_src)s->src) {
	case MS_REGISTER_ENTRIES:
		return db_scalar(a, "SELECT STRAIGHT_JOIN COUNT(*) FROM locations l JOIN register_books b ON b.location_id = l.id "
				    "JOIN register_entries e FORCE INDEX (k_rentry_submitted) ON e.book_id = b.id AND e.submitted_at >= ? "
				    "AND e.submitted_at < ? WHERE l.path LIKE CONCAT(?, '%') AND (? = '' OR b.def_id = (SELECT id FROM register_defs WHERE code = ?))",
				 "sssss", from, to, path, reg, reg);
	case MS_REGISTER_AMOUNT:
		/* the standing entries: in the book, not corrected by a standing entry */
		return db_scalar(a, "SELECT STRAIGHT_JOIN IFNULL(SUM(CAST(JSON_VALUE(e.data, CONCAT('$.', ?)) AS SIGNED)), 0) "
				    "FROM register_defs rd JOIN locations l JOIN register_books b ON b.def_id = rd.id AND b.location_id = l.id "
				    "JOIN register_entries e FORCE INDEX (k_rentry_submitted) ON e.book_id = b.id AND e.submitted_at >= ? "
				    "AND e.submitted_at < ? AND e.status IN ('submitted', 'verified', 'signed') WHERE rd.code = ? AND l.path LIKE CONCAT(?, '%') "
				    "AND NOT EXISTS (SELECT 1 FROM register_entries c WHERE c.corrects_entry_id = e.id "
				    "AND c.status IN ('submitted', 'verified', 'signed'))",
				 "sssss", s->col, from, to, reg, path);
	case MS_TICKETS_RAISED:
		return db_scalar(a, "SELECT COUNT(*) FROM tickets WHERE loc_path LIKE CONCAT(?, '%') AND created_at >= ? AND created_at < ?",
				 "sss", path, from, to);
	case MS_TICKETS_RESOLVED:
		return db_scalar(a, "SELECT COUNT(*) FROM tickets WHERE loc_path LIKE CONCAT(?, '%') AND resolved_at >= ? AND resolved_at < ?",
				 "sss", path, from, to);
	case MS_TRAININGS_HELD:
		return db_scalar(a, "SELECT COUNT(*) FROM trainings t JOIN locations l ON l.id = t.location_id WHERE l.path LIKE CONCAT(?, '%') "
				    "AND t.starts_at >= ? AND t.starts_at < ? AND t.status IN ('held', 'reported', 'closed')",
				 "sss", path, from, to);
	case MS_TRAININGS_ATTENDED:
		return db_scalar(a, "SELECT STRAIGHT_JOIN COUNT(*) FROM (SELECT DISTINCT rh.user_id FROM locations l "
				    "JOIN role_holdings rh ON rh.location_id = l.id AND rh.active = 1 WHERE l.path LIKE CONCAT(?, '%')) p "
				    "JOIN training_attendance ta FORCE INDEX (k_ta_user) ON ta.user_id = p.user_id "
				    "JOIN trainings t FORCE INDEX (PRIMARY) ON t.id = ta.training_id AND t.starts_at >= ? AND t.starts_at < ?",
				 "sss", path, from, to);
	case MS_SURVEY_TASKS:
		return db_scalar(a, "SELECT STRAIGHT_JOIN COUNT(*) FROM locations g JOIN tasks t FORCE INDEX (k_task_gp) ON t.gp_id = g.id WHERE g.path LIKE CONCAT(?, '%') "
				    "AND g.type = 'panchayat' AND t.status = 'completed' AND t.decided_at >= ? AND t.decided_at < ?",
				 "sss", path, from, to);
	case MS_CSC_APPLICATIONS:
		return db_scalar(a, "SELECT STRAIGHT_JOIN COUNT(*) FROM (SELECT DISTINCT rh.user_id FROM locations l "
				    "JOIN role_holdings rh ON rh.location_id = l.id AND rh.role = 'csc' AND rh.active = 1 "
				    "WHERE l.path LIKE CONCAT(?, '%')) v JOIN applications a FORCE INDEX (k_app_filer_submitted) ON a.filed_by = v.user_id "
				    "AND a.submitted_at >= ? AND a.submitted_at < ? AND a.channel = 'csc'",
				 "sss", path, from, to);
	case MS_COUNT:
		break;
	}
	return NULL;
}

const char *mpr_compute(struct arena *a, const struct regdef *d, const char *path, const char *period)
{
	int y, m, day;
	if (!parse_date(period, &y, &m, &day))
		return NULL;
	const char *to = arena_printf(a, "%04d-%02d-01", m == 12 ? y + 1 : y, m % 12 + 1);
	struct sbuf b;
	struct jw w;
	sbuf_init(&b);
	jw_init(&w, &b);
	jw_obj(&w);
	for (size_t i = 0; i < d->nsources; i++) {
		const char *v = d->sources[i].src >= 0 ? source_value(a, &d->sources[i], path, period, to) : "0";
		if (!v) {
			sbuf_free(&b);
			return NULL;
		}
		jw_kint(&w, d->sources[i].field, strtoll(v, NULL, 10));
	}
	jw_obj_end(&w);
	const char *json = arena_strdup(a, b.data);
	sbuf_free(&b);
	return json;
}

/* The source filling field of d, or NULL. */
static const struct reg_source *source_of(const struct regdef *d, const char *field)
{
	for (size_t i = 0; i < d->nsources; i++)
		if (str_eq(d->sources[i].field, field))
			return &d->sources[i];
	return NULL;
}

/* Is v no answer (absent, null, empty text)? */
static bool unanswered(const struct jval *v)
{
	return !v || v->type == J_NULL || (v->type == J_STR && str_empty(v->str));
}

/* Do v (an answer: a number or its text) and n (a computed figure) agree? */
static bool same_figure(const struct jval *v, const struct jval *n)
{
	long x, y;
	if (!json_is_int(n, &y))
		return false;
	if (v->type == J_STR)
		return parse_long(v->str, -9000000000000000000L, 9000000000000000000L, &x) && x == y;
	return json_is_int(v, &x) && x == y;
}

/* The answers data (an object) with the figures computed (an object)
 * filled in: one the filer may not change always, one they may where not
 * answered.  With strict, *bad gets a field the filer may not change but
 * answered otherwise (the JSON is then of no use).  Arena JSON text. */
static const char *fill_in(struct arena *a, const struct regdef *d, const struct jval *data, const struct jval *computed,
			   bool strict, const char **bad)
{
	struct sbuf b;
	struct jw w;
	*bad = NULL;
	sbuf_init(&b);
	jw_init(&w, &b);
	jw_obj(&w);
	for (size_t i = 0; i < data->n; i++) {
		const struct reg_source *s = source_of(d, data->keys[i]);
		const struct jval *c = s ? json_get(computed, s->field) : NULL;
		if (c && (!s->editable || unanswered(data->kids[i]))) {
			if (strict && !s->editable && !unanswered(data->kids[i]) && !same_figure(data->kids[i], c) && !*bad)
				*bad = s->field;
			continue;	/* written below */
		}
		jw_key(&w, data->keys[i]);
		jw_value(&w, data->kids[i]);
	}
	for (size_t i = 0; i < d->nsources; i++) {
		const struct jval *c = json_get(computed, d->sources[i].field);
		const struct jval *v = json_get(data, d->sources[i].field);
		if (c && (!d->sources[i].editable || unanswered(v))) {
			jw_key(&w, d->sources[i].field);
			jw_value(&w, c);
		}
	}
	jw_obj_end(&w);
	const char *json = arena_strdup(a, b.data);
	sbuf_free(&b);
	return json;
}

/* ---- reports ---- */

/* Who watches MPRs above the GP. */
#define MPR_WATCHERS (RB(ROLE_BI) | RB(ROLE_DI) | RB(ROLE_BDO) | RB(ROLE_SDO) | RB(ROLE_DM) | RB(ROLE_STATE_ADMIN) | RB(ROLE_PMU))

bool mpr_may_see(const struct actor *who, const struct regdef *d, const char *path, const char *type)
{
	const struct user *u = who ? who->user : NULL;
	if (!u || !path)
		return false;
	if (str_eq(type, d->level) && reg_may(who, d, path, REG_SEE))
		return true;
	return juris_holding(u, MPR_WATCHERS, 0, path, 0) != NULL;
}

bool mpr_may_use(const struct actor *who, const char *level)
{
	const struct user *u = who ? who->user : NULL;
	if (str_eq(level, "panchayat"))
		return true;
	for (size_t i = 0; u && i < u->nh; i++)
		if (MPR_WATCHERS & RB(u->h[i].role))
			return true;
	return false;
}

/* The roles that give an approval of role: the PMU and the state admin
 * stand in for each other (the state's approval).  0 for none (-1). */
static unsigned approvers(int role)
{
	unsigned state = RB(ROLE_PMU) | RB(ROLE_STATE_ADMIN);
	return role < 0 ? 0 : (state & RB(role)) ? state : RB(role);
}

/* May who do act on d's report of the place at path? */
static bool may(const struct actor *who, const struct regdef *d, const char *path, enum reg_act act)
{
	if (act != REG_VERIFY && act != REG_SIGN)
		return reg_may(who, d, path, act);
	unsigned roles = approvers(act == REG_VERIFY ? d->verify_role : d->sign_role);
	return roles && who && juris_holding(who->user, roles, 0, path, 0) != NULL;
}

int mpr_get(struct arena *a, const struct actor *who, const char *code, const char *month, long place,
	    struct mpr_report **rep, struct outcome *out)
{
	struct mpr_report *p = arena_alloc(a, sizeof *p);
	int y, m;
	*rep = NULL;
	p->d = code ? reg_published(a, code, &p->version_id) : NULL;
	if (!p->d || !str_eq(p->d->kind, "mpr"))
		return out_fail(out, 404, "mpr.err.no_mpr");
	if (!mpr_may_use(who, p->d->level))
		return out_fail(out, 403, "mpr.err.level");
	if (!mpr_period_parse(month, &y, &m))
		return out_fail(out, 404, "mpr.err.month");
	p->month = arena_printf(a, "%04d-%02d", y, m);
	if (strncmp(p->month, ist_today(a), 7) > 0) {	/* a month not begun has no progress */
		out_field(out, "period", "mpr.err.future", NULL);
		return out->status;
	}
	p->period = arena_printf(a, "%s-01", p->month);
	p->due = mpr_due_date(a, y, m, cfg.mpr_due_day);
	p->place = place ? place : reg_home_place(a, who, p->d->level);
	struct dbres *g = p->place ? db_query(a, "SELECT path, name_en, IFNULL(name_hi, name_en), "
					      "(SELECT def_id FROM register_versions WHERE id = ?) FROM locations "
					      "WHERE id = ? AND type = ?", "iis", (long long)p->version_id, (long long)p->place, p->d->level) : NULL;
	if (!g || g->nrows != 1)
		return out_fail(out, 404, "mpr.err.gp");
	p->place_path = db_val(g, 0, 0);
	p->place_name_en = db_val(g, 0, 1);
	p->place_name_hi = db_val(g, 0, 2);
	p->def_id = (long)db_int(g, 0, 3);
	if (!mpr_may_see(who, p->d, p->place_path, p->d->level))
		return out_fail(out, 404, "mpr.err.gp");
	struct dbres *r = db_query(a, "SELECT id, version_id, status, data, late, submitted_at, bi_at, di_at, returned_at, return_note, "
				      "IFNULL(computed, '{}') "
				      "FROM mpr_reports WHERE def_id = ? AND location_id = ? AND period = ?",
				   "iis", (long long)p->def_id, (long long)p->place, p->period);
	if (!r)
		return out_fail(out, 503, NULL);
	p->status = "none";
	p->data = "{}";
	p->computed = "{}";
	if (r->nrows == 1) {
		p->id = (long)db_int(r, 0, 0);
		if (db_int(r, 0, 1) != p->version_id) {	/* answers follow the version they were given under */
			p->version_id = (long)db_int(r, 0, 1);
			p->d = reg_version_def(a, p->version_id);
			if (!p->d)
				return out_fail(out, 503, NULL);
		}
		p->status = db_val(r, 0, 2);
		p->data = db_val(r, 0, 3);
		p->late = db_int(r, 0, 4) != 0;
		p->submitted_at = db_val(r, 0, 5);
		p->bi_at = db_val(r, 0, 6);
		p->di_at = db_val(r, 0, 7);
		p->returned_at = db_val(r, 0, 8);
		p->return_note = db_val(r, 0, 9);
		p->computed = db_val(r, 0, 10);
	}
	bool open = str_eq(p->status, "none") || str_eq(p->status, "draft") || str_eq(p->status, "returned");
	p->two_step = p->d->sign_role >= 0;
	p->can_fill = open && may(who, p->d, p->place_path, REG_ENTER);
	p->can_bi = str_eq(p->status, "submitted") && may(who, p->d, p->place_path, REG_VERIFY);
	p->can_di = p->two_step && str_eq(p->status, "bi_approved") && may(who, p->d, p->place_path, REG_SIGN);
	p->shown = p->data;
	if (open && p->d->nsources) {	/* the figures as the system has them now */
		const char *bad;
		struct jval *data = json_parse(a, p->data, strlen(p->data), NULL);
		p->computed = mpr_compute(a, p->d, p->place_path, p->period);
		if (!p->computed)
			return out_fail(out, 503, NULL);
		if (data && data->type == J_OBJ)
			p->shown = fill_in(a, p->d, data, json_parse(a, p->computed, strlen(p->computed), NULL), false, &bad);
	}
	*rep = p;
	return 0;
}

/* Is key the form engine's problem "not answered" (which a draft may have)? */
static bool missing(const char *key)
{
	static const char *const keys[] = { "form.err.required", "form.err.choose_one", "form.err.must_tick",
					    "form.err.geo_required", "form.err.photo_required" };
	for (size_t i = 0; i < ARRAY_LEN(keys); i++)
		if (str_eq(key, keys[i]))
			return true;
	return false;
}

/* Checks answers: *json gets the normalised ones.  A draft (complete =
 * false) may leave required answers out.  Returns the problems added. */
static size_t check(struct arena *a, const struct mpr_report *p, const struct jval *data, bool complete, const char **json,
		    struct outcome *out)
{
	if (!data || data->type != J_OBJ) {
		out_field(out, "data", "register.err.data", NULL);
		return 1;
	}
	struct outcome all;
	out_init(&all, a);
	struct form_env env = { .today = ist_today(a) };
	form_check(a, &p->d->form, data, &env, &all, json);
	size_t n = 0;
	for (size_t i = 0; i < all.nerrs; i++)
		if (complete || !missing(all.errs[i].key)) {
			out_field(out, all.errs[i].field, all.errs[i].key, all.errs[i].arg);
			n++;
		}
	return n;
}

struct mpr_ctx {
	struct arena *a;
	const struct actor *who;
	struct mpr_report *p;
	const char *json;	/* save: the normalised answers */
	const char *computed;	/* save: the figures from the system ({"field": n}), NULL without sources */
	bool submit;		/* save: and submit */
	enum mpr_action act;	/* act */
	const char *note;	/* act: return's reason */
	struct outcome *out;
};

/* The report's row, locked; a draft row made first when there is none
 * (rolled back with the transaction if the change is refused).  Returns
 * the status, or NULL on a database error. */
static const char *lock_row(struct mpr_ctx *c)
{
	struct mpr_report *p = c->p;
	if (db_exec("INSERT IGNORE INTO mpr_reports (def_id, version_id, location_id, period, data, entered_by, created_at, updated_at) "
		    "VALUES (?, ?, ?, ?, '{}', ?, NOW(), NOW())", "iiisi", (long long)p->def_id, (long long)p->version_id,
		    (long long)p->place, p->period, (long long)actor_id(c->who)) < 0)
		return NULL;
	struct dbres *r = db_query(c->a, "SELECT id, status FROM mpr_reports WHERE def_id = ? AND location_id = ? AND period = ? FOR UPDATE",
				   "iis", (long long)p->def_id, (long long)p->place, p->period);
	if (!r || r->nrows != 1)
		return NULL;
	p->id = (long)db_int(r, 0, 0);
	return db_val(r, 0, 1);
}

/* The figures the filer changed from the system's, for the audit row:
 * {"overrides": {"field": {"computed": n, "given": v}}}, or NULL when
 * none. */
static const char *overrides(struct mpr_ctx *c)
{
	struct jval *data = c->json ? json_parse(c->a, c->json, strlen(c->json), NULL) : NULL;
	struct jval *comp = c->computed ? json_parse(c->a, c->computed, strlen(c->computed), NULL) : NULL;
	struct sbuf b;
	struct jw w;
	size_t n = 0;
	sbuf_init(&b);
	jw_init(&w, &b);
	jw_obj(&w);
	jw_key(&w, "overrides");
	jw_obj(&w);
	for (size_t i = 0; comp && comp->type == J_OBJ && i < comp->n; i++) {
		const struct jval *v = json_get(data, comp->keys[i]);
		if (!unanswered(v) && !same_figure(v, comp->kids[i])) {
			jw_key(&w, comp->keys[i]);
			jw_obj(&w);
			jw_key(&w, "computed");
			jw_value(&w, comp->kids[i]);
			jw_key(&w, "given");
			jw_value(&w, v);
			jw_obj_end(&w);
			n++;
		}
	}
	jw_obj_end(&w);
	jw_obj_end(&w);
	const char *json = n ? arena_strdup(c->a, b.data) : NULL;
	sbuf_free(&b);
	return json;
}

static int audit(struct mpr_ctx *c, const char *action)
{
	struct audit_entry e = { .action = action, .entity = "mpr", .entity_id = arena_printf(c->a, "%ld", c->p->id),
				 .remarks = arena_printf(c->a, "%s %s %s", c->p->d->code, c->p->month, c->p->place_name_en) };
	if (c->note)
		e.detail = json_strobj(c->a, "note", c->note, NULL);
	else if (c->computed)
		e.detail = overrides(c);
	return audit_write(c->who, &e) == 0 ? 0 : -1;
}

/* Marks the locked report submitted: late when first submitted after the
 * due day. */
static int submit_locked(struct mpr_ctx *c)
{
	bool late = mpr_late(c->p->due, ist_today(c->a));
	if (db_exec("UPDATE mpr_reports SET status = 'submitted', submitted_by = ?, submitted_at = NOW(), "
		    "late = IF(first_submitted_at IS NULL, ?, late), first_submitted_at = IFNULL(first_submitted_at, NOW()), "
		    "updated_at = NOW() WHERE id = ?", "iii", (long long)actor_id(c->who), (long long)late, (long long)c->p->id) != 1)
		return -1;
	return audit(c, "mpr.submit");
}

static bool editable(const char *status)
{
	return str_eq(status, "draft") || str_eq(status, "returned");
}

static int save_txn(void *v)
{
	struct mpr_ctx *c = v;
	const char *st = lock_row(c);
	if (!st)
		return -1;
	if (!editable(st)) {
		out_fail(c->out, 409, "mpr.err.not_editable");
		return 1;
	}
	if (db_exec("UPDATE mpr_reports SET data = ?, computed = ?, version_id = ?, updated_at = NOW() WHERE id = ?", "ssii", c->json,
		    c->computed, (long long)c->p->version_id, (long long)c->p->id) < 0)
		return -1;
	return c->submit ? submit_locked(c) : audit(c, "mpr.save");
}

/* 403: who sees the report (mpr_get let them in) but may not do this. */
static int refuse(struct mpr_ctx *c)
{
	return out_fail(c->out, 403, "mpr.err.not_yours");
}

/* mpr_save; strict: data is what the filer gave now (a figure they may
 * not change must be left out or equal), else the answers saved before
 * (such figures are taken afresh). */
static int save(struct arena *a, const struct actor *who, struct mpr_report *p, const struct jval *data, bool submit, bool strict,
		struct outcome *out)
{
	struct mpr_ctx c = { .a = a, .who = who, .p = p, .submit = submit, .out = out };
	if (!may(who, p->d, p->place_path, REG_ENTER))
		return refuse(&c);
	if (!editable(p->status) && !str_eq(p->status, "none"))
		return out_fail(out, 409, "mpr.err.not_editable");
	/* answers given now follow the version in force */
	long vid;
	struct regdef *cur = reg_published(a, p->d->code, &vid);
	if (cur) {
		p->d = cur;
		p->version_id = vid;
	}
	if (p->d->nsources && data && data->type == J_OBJ) {	/* the figures from the system, as of now */
		const char *bad;
		c.computed = mpr_compute(a, p->d, p->place_path, p->period);
		if (!c.computed)
			return out_fail(out, 503, NULL);
		const char *json = fill_in(a, p->d, data, json_parse(a, c.computed, strlen(c.computed), NULL), strict, &bad);
		if (bad) {
			out_field(out, bad, "mpr.err.from_system", NULL);
			return out->status;
		}
		data = json_parse(a, json, strlen(json), NULL);
	}
	if (check(a, p, data, submit, &c.json, out) > 0)
		return out->status;
	return out_txn(out, save_txn, &c);
}

int mpr_save(struct arena *a, const struct actor *who, struct mpr_report *p, const struct jval *data, bool submit,
	     struct outcome *out)
{
	return save(a, who, p, data, submit, true, out);
}

int mpr_action_from(const char *s)
{
	static const char *const names[] = { "submit", "approve", "return" };
	for (size_t i = 0; i < ARRAY_LEN(names); i++)
		if (str_eq(s, names[i]))
			return (int)i;
	return -1;
}

/* Adds the locked, just approved report's figures to the summary rows of
 * its GP and every place above it, in one statement. */
static int add_sums(struct mpr_ctx *c)
{
	struct mpr_report *p = c->p;
	struct jval *data = json_parse(c->a, p->data, strlen(p->data), NULL);
	struct mpr_item *it;
	size_t n = mpr_items(c->a, &p->d->form, data, &it);
	struct sbuf items, places;
	struct jw w;
	sbuf_init(&items);
	jw_init(&w, &items);
	jw_arr(&w);
	for (size_t i = 0; i < n; i++) {
		jw_obj(&w);
		jw_kstr(&w, "i", it[i].item);
		jw_kint(&w, "n", it[i].n);
		jw_obj_end(&w);
	}
	jw_arr_end(&w);
	sbuf_init(&places);
	jw_init(&w, &places);
	jw_arr(&w);
	/* the path, root first: every approval locks the rows in one order */
	for (const char *s = p->place_path; *s;) {
		char *end;
		long id = strtol(s + (*s == '/'), &end, 10);
		if (end == s + (*s == '/'))
			break;
		jw_int(&w, id);
		s = end;
	}
	jw_arr_end(&w);
	long long rc = db_exec("INSERT INTO mpr_sums (def_id, period, location_id, item, n) "
			       "SELECT ?, ?, l.id, j.item, j.n FROM JSON_TABLE(?, '$[*]' COLUMNS (id INT UNSIGNED PATH '$')) l "
			       "CROSS JOIN JSON_TABLE(?, '$[*]' COLUMNS (item VARCHAR(120) PATH '$.i', n BIGINT PATH '$.n')) j "
			       "WHERE j.n IS NOT NULL ON DUPLICATE KEY UPDATE n = mpr_sums.n + VALUES(n)",
			       "isss", (long long)p->def_id, p->period, places.data, items.data);
	sbuf_free(&items);
	sbuf_free(&places);
	return rc < 0 ? -1 : 0;
}

static int act_txn(void *v)
{
	struct mpr_ctx *c = v;
	struct mpr_report *p = c->p;
	const char *st = lock_row(c);
	if (!st)
		return -1;
	if (!str_eq(st, p->status)) {	/* changed since it was read: decide afresh */
		out_fail(c->out, 409, "mpr.err.changed");
		return 1;
	}
	switch (c->act) {
	case MPR_SUBMIT:
		break;	/* mpr_act submits through save() */
	case MPR_APPROVE:
		/* the first of two approvals (bi_*), or the final one (di_*) */
		if (str_eq(st, "submitted") && p->two_step)
			return db_exec("UPDATE mpr_reports SET status = 'bi_approved', bi_by = ?, bi_at = NOW(), updated_at = NOW() "
				       "WHERE id = ?", "ii", (long long)actor_id(c->who), (long long)p->id) == 1 ? audit(c, "mpr.bi_approve") : -1;
		if (db_exec("UPDATE mpr_reports SET status = 'approved', di_by = ?, di_at = NOW(), updated_at = NOW() WHERE id = ?",
			    "ii", (long long)actor_id(c->who), (long long)p->id) != 1 || add_sums(c) != 0)
			return -1;
		return audit(c, p->two_step ? "mpr.di_approve" : "mpr.approve");
	case MPR_RETURN:
		if (db_exec("UPDATE mpr_reports SET status = 'returned', returned_by = ?, returned_at = NOW(), return_note = ?, "
			    "updated_at = NOW() WHERE id = ?", "isi", (long long)actor_id(c->who), c->note, (long long)p->id) != 1)
			return -1;
		return audit(c, "mpr.return");
	}
	return -1;
}

int mpr_act(struct arena *a, const struct actor *who, struct mpr_report *p, enum mpr_action act, const char *note,
	    struct outcome *out)
{
	struct mpr_ctx c = { .a = a, .who = who, .p = p, .act = act, .out = out };
	bool approver = p->can_bi || p->can_di;
	switch (act) {
	case MPR_SUBMIT:	/* the saved answers, with the figures from the system taken afresh */
		if (!editable(p->status) && may(who, p->d, p->place_path, REG_ENTER))
			return out_fail(out, 409, "mpr.err.not_editable");
		return save(a, who, p, json_parse(a, p->data, strlen(p->data), NULL), true, false, out);
	case MPR_APPROVE:
	case MPR_RETURN:
		if (!approver) {
			bool either = may(who, p->d, p->place_path, REG_VERIFY) || may(who, p->d, p->place_path, REG_SIGN);
			return either ? out_fail(out, 409, "mpr.err.not_your_turn") : refuse(&c);
		}
		if (act == MPR_RETURN) {
			if (str_empty(note)) {
				out_field(out, "note", "mpr.err.note", NULL);
				return out->status;
			}
			if (!out_max_len(out, "note", note, 500))
				return out->status;
			c.note = note;
		}
		break;
	}
	return out_txn(out, act_txn, &c);
}

/* ---- reminders ---- */

const char *mpr_filer_roles(struct arena *a, const struct regdef *d)
{
	struct sbuf b;
	sbuf_init(&b);
	for (int i = 0; i < ROLE_COUNT; i++)
		if (d->enter_roles & RB(i))
			sbuf_printf(&b, "%s%s", b.len ? "," : "", role_code((enum role)i));
	const char *roles = arena_strdup(a, b.len ? b.data : "");
	sbuf_free(&b);
	return roles;
}

/* Queues one reminder of kind to each filer (a holder of one of d's enter
 * roles at the place, or for a GP at one of its villages) of a place of
 * d's level whose report of period is not submitted, once.  Adds to
 * *queued; false on a database error. */
static bool remind(struct arena *a, long def_id, const struct regdef *d, const char *period, const char *due, const char *kind,
		   long *queued)
{
	struct dbres *v = db_query(a, "SELECT DISTINCT g.id, rh.user_id, u.mobile FROM role_holdings rh "
				      "JOIN users u ON u.id = rh.user_id AND u.active = 1 AND u.mobile IS NOT NULL "
				      "JOIN locations l ON l.id = rh.location_id "
				      "JOIN locations g ON g.id = IF(l.type = 'village', l.parent_id, l.id) AND g.type = ? "
				      "LEFT JOIN mpr_reports r ON r.def_id = ? AND r.location_id = g.id AND r.period = ? "
				      "WHERE FIND_IN_SET(rh.role, ?) AND rh.active = 1 AND rh.work_from <= CURDATE() "
				      "AND (rh.work_to IS NULL OR rh.work_to >= CURDATE()) AND (r.id IS NULL OR r.status IN ('draft', 'returned')) "
				      "AND NOT EXISTS (SELECT 1 FROM mpr_reminders s WHERE s.def_id = ? AND s.period = ? "
				      "AND s.location_id = g.id AND s.kind = ? AND s.user_id = rh.user_id)",
				   "sississ", d->level, (long long)def_id, period, mpr_filer_roles(a, d), (long long)def_id, period, kind);
	if (!v)
		return false;
	const char *whose = str_eq(d->level, "block") ? "block" : str_eq(d->level, "district") ? "district" : "gram panchayat";
	const char *text = str_eq(kind, "before")
				   ? arena_printf(a, "GramSewa: the monthly progress report (%s) of your %s for %.7s is due "
						     "on %s. Fill it at /mpr.", d->code, whose, period, due)
				   : arena_printf(a, "GramSewa: the monthly progress report (%s) of your %s for %.7s was due "
						     "on %s and is not submitted. Submit it at /mpr today.", d->code, whose, period, due);
	const char *code = d->code;
	for (size_t i = 0; i < v->nrows; i++) {
		if (db_begin() != 0)
			return false;
		long long ins = db_exec("INSERT IGNORE INTO mpr_reminders (def_id, period, location_id, kind, user_id, sent_at) "
					"VALUES (?, ?, ?, ?, ?, NOW())", "isisi", (long long)def_id, period, db_int(v, i, 0), kind,
					db_int(v, i, 1));
		bool ok = ins >= 0;
		if (ins == 1)	/* this run's: another run that got there first sent it */
			ok = notify_queue("sms", db_val(v, i, 2), text, cfg.mpr_remind_dlt, arena_printf(a, "mpr.%s", kind),
					  arena_printf(a, "%s/%.7s/%s", code, period, db_val(v, i, 0))) != 0;
		if (!ok || db_commit() != 0) {
			db_rollback();
			return false;
		}
		*queued += ins == 1;
	}
	return true;
}

long mpr_remind_run(struct arena *a, const char *day, FILE *report)
{
	int y, m, d;
	if (!day)
		day = ist_today(a);
	if (!parse_date(day, &y, &m, &d))
		return -1;
	struct dbres *defs = db_query(a, "SELECT d.id, d.code FROM register_defs d WHERE d.kind = 'mpr' "
					 "AND d.published_version_id IS NOT NULL ORDER BY d.code", NULL);
	if (!defs)
		return -1;
	long queued = 0;
	/* the reports whose D-2 or D+1 can be today: this month's (a due day
	 * of 1 or 2 puts D-2 in the month reported on) and last month's */
	for (int back = 0; back < 2; back++) {
		int py = y, pm = m - back;
		if (pm < 1) {
			pm += 12;
			py--;
		}
		const char *period = arena_printf(a, "%04d-%02d-01", py, pm);
		const char *due = mpr_due_date(a, py, pm, cfg.mpr_due_day);
		const char *kind = str_eq(day, mpr_day_add(a, due, -2)) ? "before" : str_eq(day, mpr_day_add(a, due, 1)) ? "after" : NULL;
		for (size_t i = 0; kind && i < defs->nrows; i++) {
			long vid;
			const struct regdef *def = reg_published(a, db_val(defs, i, 1), &vid);
			if (!def || !remind(a, (long)db_int(defs, i, 0), def, period, due, kind, &queued))
				return -1;
		}
	}
	if (report)
		fprintf(report, "mpr-remind %s: %ld reminders queued\n", day, queued);
	return queued;
}
