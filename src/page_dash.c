/*
 * page_dash.c — MIS dashboards from state down to panchayat: figures for a
 * place and a date range with drill-down by place, service, channel and
 * office; officer, desk, CSC, certificate and feedback tables; SVG charts
 * beside tables; CSV of every table; the public transparency page; and the
 * JSON summary.  Nothing outside the viewer's jurisdiction is shown,
 * through any of these.
 */
#include "pages.h"
#include "apiutil.h"
#include "chart.h"
#include "dash.h"
#include "dcache.h"
#include "csv.h"
#include "db.h"
#include "location.h"
#include "money.h"
#include "sla.h"
#include "ticket.h"
#include "tmpl.h"
#include "user.h"

#include <stdlib.h>
#include <string.h>

struct scope {
	struct loc *loc;	/* the place */
	int depth;		/* its depth in the tree */
	const char *from, *to;	/* YYYY-MM-DD, inclusive */
	long days;		/* length of the range */
};

/* Reads location/from/to; checks dates and jurisdiction.  0 or status. */
static int read_scope(struct req *r, struct scope *sc, bool public_view)
{
	const char *ls = req_query(r, "location");
	long id = 0;
	if (ls && !parse_long(ls, 1, 2000000000L, &id)) {
		r->err_detail = tmpl_str(r->lang, "dash.location_bad");
		return 400;
	}
	if (!id) {
		/* the viewer's own area: the first holding with an area, or the state */
		const char *p = NULL;
		for (size_t i = 0; !public_view && r->user && i < r->user->nh && !p; i++)
			if (RB(r->user->h[i].role) & RB_OFFICERS)
				p = arena_printf(r->a, "%ld", r->user->h[i].location_id);
		if (user_has(r->user, ROLE_STATE_ADMIN) || public_view || !p)
			p = db_scalar(r->a, "SELECT id FROM locations WHERE type = 'state' ORDER BY id LIMIT 1", NULL);
		id = p ? strtol(p, NULL, 10) : 0;
	}
	sc->loc = id ? loc_get(r->a, id) : NULL;
	if (!sc->loc)
		return 404;
	if (!public_view && !juris_path(r->user, sc->loc->path))
		return 403;
	sc->depth = (int)strtol(db_scalar(r->a, "SELECT depth FROM locations WHERE id = ?", "i", (long long)id), NULL, 10);
	const char *today = ist_today(r->a);
	sc->to = req_query(r, "to") ? req_query(r, "to") : today;
	sc->from = req_query(r, "from");
	if (!sc->from) {
		char *f = arena_alloc(r->a, 11);
		sla_date(sla_day(sc->to ? sc->to : today) - 29, f);
		sc->from = f;
	}
	long d0 = sla_day(sc->from), d1 = sla_day(sc->to), now = sla_day(today);
	if (d0 < 0 || d1 < 0) {
		r->err_detail = tmpl_str(r->lang, "dash.dates_bad");
		return 400;
	}
	if (d1 < d0) {
		r->err_detail = tmpl_str(r->lang, "dash.dates_reversed");
		return 400;
	}
	if (d1 - d0 > 731 || d1 > now + 1 || d0 < sla_day("2000-01-01")) {
		r->err_detail = tmpl_str(r->lang, "dash.dates_absurd");
		return 400;
	}
	sc->days = d1 - d0 + 1;
	return 0;
}

static const char *name_of(struct req *r, const char *en, const char *hi)
{
	return str_eq(r->lang, "hi") && !str_empty(hi) ? hi : en ? en : "";
}

/* Figures of one row/total into prefix.* */
static void figures_to_hdf(struct req *r, const char *p, const struct figures *f)
{
	long disposed = f->approved + f->rejected;
	hset_int(r, arena_printf(r->a, "%s.received", p), f->received);
	hset_int(r, arena_printf(r->a, "%s.approved", p), f->approved);
	hset_int(r, arena_printf(r->a, "%s.rejected", p), f->rejected);
	hset_int(r, arena_printf(r->a, "%s.disposed", p), disposed);
	hset_int(r, arena_printf(r->a, "%s.pending", p), f->pending);
	hset_int(r, arena_printf(r->a, "%s.overdue", p), f->overdue);
	long sla = dash_pct(f->in_sla, disposed), tk = dash_pct(f->tatkal, f->received), rt = dash_pct(f->returned, f->received);
	long avg = dash_avg10(f);
	hset(r, arena_printf(r->a, "%s.sla", p), sla < 0 ? "—" : arena_printf(r->a, "%ld%%", sla));
	hset(r, arena_printf(r->a, "%s.tatkal", p), tk < 0 ? "—" : arena_printf(r->a, "%ld%%", tk));
	hset(r, arena_printf(r->a, "%s.returns", p), rt < 0 ? "—" : arena_printf(r->a, "%ld%%", rt));
	hset(r, arena_printf(r->a, "%s.avg", p), avg < 0 ? "—" : arena_printf(r->a, "%ld.%ld", avg / 10, avg % 10));
	hset(r, arena_printf(r->a, "%s.p90", p), f->p90 < 0 ? "—" : arena_printf(r->a, "%ld", f->p90));
	hset_int(r, arena_printf(r->a, "%s.ooo", p), f->out_of_order);
	hset_int(r, arena_printf(r->a, "%s.appeals", p), f->appeals);
	hset_int(r, arena_printf(r->a, "%s.escalated", p), f->escalated);
}

/* Rows of a breakdown into prefix.N, with a bar chart of received /
 * decided / pending beside them. */
static void rows_to_hdf(struct req *r, const char *prefix, const struct dash_row *rows, size_t n, const char *title,
			bool link)
{
	const char **labels = arena_alloc(r->a, (n + 1) * sizeof *labels);
	long *dec = arena_alloc(r->a, (n + 1) * sizeof *dec), *pend = arena_alloc(r->a, (n + 1) * sizeof *pend);
	for (size_t i = 0; i < n; i++) {
		const char *p = arena_printf(r->a, "%s.%zu", prefix, i);
		const char *nm = str_eq(prefix, "Channels") ? tmpl_str(r->lang, arena_printf(r->a, "svc.ch.%s", rows[i].key))
			       : str_empty(rows[i].name_en) ? tmpl_str(r->lang, "dash.at_this_level") : name_of(r, rows[i].name_en, rows[i].name_hi);
		hset(r, arena_printf(r->a, "%s.name", p), nm);
		hset(r, arena_printf(r->a, "%s.key", p), rows[i].key);
		if (link && !str_empty(rows[i].name_en))
			hset(r, arena_printf(r->a, "%s.link", p), "1");
		figures_to_hdf(r, p, &rows[i].f);
		labels[i] = nm;
		dec[i] = rows[i].f.approved + rows[i].f.rejected;
		pend[i] = rows[i].f.pending;
	}
	struct series s[2] = {
		{ tmpl_str(r->lang, "dash.disposed"), dec, "#00703c" },
		{ tmpl_str(r->lang, "dash.pending_now"), pend, "#f47c20" },
	};
	struct sbuf svg;
	sbuf_init(&svg);
	chart_bars(&svg, title, labels, n, s, 2);
	hset(r, arena_printf(r->a, "Charts.%s", prefix), svg.data);
	sbuf_free(&svg);
}

/* Breadcrumb of the place (state > ... > here) for drill-up. */
static void crumbs(struct req *r, const struct loc *l)
{
	long ids[12];
	size_t n = loc_path_ids(l->path, ids, 12);
	for (size_t i = 0; i < n; i++) {
		struct loc *x = loc_get(r->a, ids[i]);
		if (!x || !juris_path(r->user, x->path))
			continue;
		const char *p = arena_printf(r->a, "Crumbs.%zu", i);
		hset_int(r, arena_printf(r->a, "%s.id", p), x->id);
		hset(r, arena_printf(r->a, "%s.name", p), loc_name(x, r->lang));
	}
}

static void extra_tables(struct req *r, const struct scope *sc)
{
	const char *path = sc->loc->path;
	struct dbres *off = db_query(r->a,
		"SELECT TRIM(CONCAT_WS(' ', u.first_name, u.last_name)), e.role, COUNT(*), ROUND(COUNT(*) / ?, 1) "
		"FROM app_events e JOIN users u ON u.id = e.actor_id JOIN offices o ON o.id = e.office_id "
		"JOIN locations l ON l.id = o.location_id WHERE e.at >= ? AND e.at < ? + INTERVAL 1 DAY "
		"AND e.action IN ('forward', 'field_verify', 'return', 'reject', 'approve', 'recall') AND l.path LIKE CONCAT(?, '%') "
		"GROUP BY e.actor_id, e.role ORDER BY COUNT(*) DESC LIMIT 50", "isss", (long long)sc->days, sc->from, sc->to, path);
	static const char *const ocols[] = { "name", "role", "actions", "per_day", NULL };
	hset_rows(r, "Officers", off, ocols);
	for (size_t i = 0; off && i < off->nrows; i++)
		hset(r, arena_printf(r->a, "Officers.%zu.role", i), tmpl_str(r->lang, arena_printf(r->a, "role.%s", db_val(off, i, 1))));
	struct dbres *desks = db_query(r->a,
		"SELECT IF(? = 'hi', o.name_hi, o.name_en), a.stage_role, COUNT(*), DATEDIFF(CURDATE(), MIN(a.queued_at)) "
		"FROM applications a JOIN offices o ON o.id = a.stage_office_id JOIN locations l ON l.id = o.location_id "
		"WHERE a.status = 'pending' AND l.path LIKE CONCAT(?, '%') GROUP BY a.stage_office_id, a.stage_role "
		"ORDER BY COUNT(*) DESC LIMIT 50", "ss", r->lang, path);
	static const char *const dcols[] = { "office", "role", "pending", "oldest", NULL };
	hset_rows(r, "Desks", desks, dcols);
	for (size_t i = 0; desks && i < desks->nrows; i++)
		hset(r, arena_printf(r->a, "Desks.%zu.role", i), tmpl_str(r->lang, arena_printf(r->a, "role.%s", db_val(desks, i, 1))));
	struct dbres *csc = db_query(r->a,
		"SELECT u.username, TRIM(CONCAT_WS(' ', u.first_name, u.last_name)), "
		"(SELECT COUNT(*) FROM applications a WHERE a.filed_by = u.id AND a.submitted_at >= ? AND a.submitted_at < ? + INTERVAL 1 DAY), "
		"(SELECT IFNULL(SUM(-e.amount_paise), 0) FROM ledger_entries e JOIN ledger_txns t ON t.id = e.txn_id JOIN accounts ac ON ac.id = e.account_id "
		" WHERE ac.kind = 'wallet' AND ac.user_id = u.id AND t.kind IN ('debit', 'bill') AND t.created_at >= ? AND t.created_at < ? + INTERVAL 1 DAY), "
		"(SELECT IFNULL(SUM(e.amount_paise), 0) FROM ledger_entries e JOIN ledger_txns t ON t.id = e.txn_id JOIN accounts ac ON ac.id = e.account_id "
		" WHERE ac.kind = 'wallet' AND ac.user_id = u.id AND t.kind = 'commission' AND t.created_at >= ? AND t.created_at < ? + INTERVAL 1 DAY) "
		"FROM users u JOIN role_holdings rh ON rh.user_id = u.id AND rh.role = 'csc' AND rh.active = 1 "
		"JOIN locations l ON l.id = rh.location_id WHERE l.path LIKE CONCAT(?, '%') AND u.active = 1 ORDER BY 3 DESC, u.username LIMIT 100",
		"sssssss", sc->from, sc->to, sc->from, sc->to, sc->from, sc->to, path);
	for (size_t i = 0; csc && i < csc->nrows; i++) {
		const char *p = arena_printf(r->a, "Cscs.%zu", i);
		hset(r, arena_printf(r->a, "%s.username", p), db_val(csc, i, 0));
		hset(r, arena_printf(r->a, "%s.name", p), db_val(csc, i, 1));
		hset(r, arena_printf(r->a, "%s.filed", p), db_val(csc, i, 2));
		hset(r, arena_printf(r->a, "%s.turnover", p), money_fmt(r->a, db_int(csc, i, 3)));
		hset(r, arena_printf(r->a, "%s.commission", p), money_fmt(r->a, db_int(csc, i, 4)));
	}
	/* active = filed at least once in the range, over every operator in scope
	 * (the list above shows the busiest hundred) */
	struct dbres *ca = db_query(r->a,
		"SELECT COUNT(DISTINCT u.id), COUNT(DISTINCT IF(EXISTS(SELECT 1 FROM applications a WHERE a.filed_by = u.id "
		"AND a.submitted_at >= ? AND a.submitted_at < ? + INTERVAL 1 DAY), u.id, NULL)) "
		"FROM users u JOIN role_holdings rh ON rh.user_id = u.id AND rh.role = 'csc' AND rh.active = 1 "
		"JOIN locations l ON l.id = rh.location_id WHERE l.path LIKE CONCAT(?, '%') AND u.active = 1",
		"sss", sc->from, sc->to, path);
	long long all = ca && ca->nrows ? db_int(ca, 0, 0) : 0, busy = ca && ca->nrows ? db_int(ca, 0, 1) : 0;
	hset_int(r, "Csc.active", busy);
	hset_int(r, "Csc.inactive", all - busy);
	struct dbres *ce = db_query(r->a,
		"SELECT IFNULL(SUM(c.issued_at >= ? AND c.issued_at < ? + INTERVAL 1 DAY), 0), "
		"IFNULL(SUM(c.revoked_at >= ? AND c.revoked_at < ? + INTERVAL 1 DAY), 0) "
		"FROM certificates c JOIN applications a ON a.id = c.app_id WHERE a.office_path LIKE CONCAT(?, '%')",
		"sssss", sc->from, sc->to, sc->from, sc->to, path);
	hset(r, "Certs.issued", db_val(ce, 0, 0));
	hset(r, "Certs.revoked", db_val(ce, 0, 1));
	const char *ver = db_scalar(r->a, "SELECT IFNULL(SUM(n), 0) FROM verify_daily WHERE day BETWEEN ? AND ?", "ss", sc->from, sc->to);
	hset(r, "Certs.verified", ver);
	struct dbres *fb = db_query(r->a,
		"SELECT IF(? = 'hi', v.name_hi, v.name_en), IF(? = 'hi', o.name_hi, o.name_en), COUNT(*), ROUND(AVG(f.rating), 1) "
		"FROM feedback f JOIN applications a ON a.id = f.app_id JOIN service_versions v ON v.id = a.version_id "
		"JOIN offices o ON o.id = a.office_id WHERE f.at >= ? AND f.at < ? + INTERVAL 1 DAY AND a.office_path LIKE CONCAT(?, '%') "
		"GROUP BY a.service_id, a.office_id ORDER BY 1, 2 LIMIT 100", "sssss", r->lang, r->lang, sc->from, sc->to, path);
	static const char *const fcols[] = { "service", "office", "count", "rating", NULL };
	hset_rows(r, "Feedback", fb, fcols);
}

/* Everything the dashboard page shows; 0 or status. */
/* The districts under the place (*rows, *n; none is fine), drawn as the
 * SLA tile grid in Charts.Tiles.  0, or 503 on a database error. */
static int district_tiles(struct req *r, const struct scope *sc, struct dash_row **out, size_t *n)
{
	*n = 0;
	const char *dd = db_scalar(r->a, "SELECT depth FROM locations WHERE type = 'district' AND path LIKE CONCAT(?, '%') LIMIT 1", "s",
				   sc->loc->path);
	struct dash_row *rows = dd ? dash_breakdown(r->a, sc->loc->path, (int)strtol(dd, NULL, 10), BY_PLACE, sc->from, sc->to, n) : NULL;
	if (dd && !rows)
		return 503;
	const char **labels = arena_alloc(r->a, (*n + 1) * sizeof *labels);
	long *pct = arena_alloc(r->a, (*n + 1) * sizeof *pct);
	for (size_t i = 0; i < *n; i++) {
		labels[i] = name_of(r, rows[i].name_en, rows[i].name_hi);
		pct[i] = dash_pct(rows[i].f.in_sla, rows[i].f.approved + rows[i].f.rejected);
	}
	struct sbuf svg;
	sbuf_init(&svg);
	chart_tiles(&svg, tmpl_str(r->lang, "dash.sla_by_district"), labels, pct, *n);
	hset(r, "Charts.Tiles", svg.data);
	sbuf_free(&svg);
	*out = rows;
	return 0;
}

static int build(struct req *r, struct scope *sc)
{
	struct figures f;
	if (dash_totals(r->a, sc->loc->path, sc->from, sc->to, &f) != 0)
		return 503;
	figures_to_hdf(r, "K", &f);
	hset_int(r, "D.id", sc->loc->id);
	hset(r, "D.name", loc_name(sc->loc, r->lang));
	hset(r, "D.type", tmpl_str(r->lang, arena_printf(r->a, "loc.type.%s", loc_type_code(sc->loc->type))));
	hset(r, "D.from", sc->from);
	hset(r, "D.to", sc->to);
	size_t n;
	struct dash_row *rows = dash_breakdown(r->a, sc->loc->path, sc->depth + 1, BY_PLACE, sc->from, sc->to, &n);
	if (!rows)
		return 503;
	rows_to_hdf(r, "Places", rows, n, tmpl_str(r->lang, "dash.by_place"), true);
	/* a district grid at state and division level */
	struct dash_row *districts;
	size_t nd;
	if ((sc->loc->type == LT_STATE || sc->loc->type == LT_DIVISION) && district_tiles(r, sc, &districts, &nd) != 0)
		return 503;
	if (!(rows = dash_breakdown(r->a, sc->loc->path, 0, BY_SERVICE, sc->from, sc->to, &n)))
		return 503;
	rows_to_hdf(r, "Services", rows, n, tmpl_str(r->lang, "dash.by_service"), false);
	if (!(rows = dash_breakdown(r->a, sc->loc->path, 0, BY_CHANNEL, sc->from, sc->to, &n)))
		return 503;
	rows_to_hdf(r, "Channels", rows, n, tmpl_str(r->lang, "dash.by_channel"), false);
	if (!(rows = dash_breakdown(r->a, sc->loc->path, 0, BY_OFFICE, sc->from, sc->to, &n)))
		return 503;
	rows_to_hdf(r, "Offices", rows, n, tmpl_str(r->lang, "dash.by_office"), false);
	char **days;
	long *rec, *dec;
	if (dash_daily(r->a, sc->loc->path, sc->from, sc->to, &days, &rec, &dec, &n) != 0)
		return 503;
	struct series s[2] = { { tmpl_str(r->lang, "dash.received"), rec, "#1d4ed8" },
			       { tmpl_str(r->lang, "dash.disposed"), dec, "#00703c" } };
	struct sbuf svg;
	sbuf_init(&svg);
	chart_lines(&svg, tmpl_str(r->lang, "dash.over_time"), (const char *const *)days, n, s, 2);
	hset(r, "Charts.Daily", svg.data);
	sbuf_free(&svg);
	for (size_t i = 0; i < n; i++) {
		const char *p = arena_printf(r->a, "Daily.%zu", i);
		hset(r, arena_printf(r->a, "%s.day", p), days[i]);
		hset_int(r, arena_printf(r->a, "%s.received", p), rec[i]);
		hset_int(r, arena_printf(r->a, "%s.disposed", p), dec[i]);
	}
	extra_tables(r, sc);
	return 0;
}

static int fill_dash(struct req *r, void *sc)
{
	return build(r, sc);
}

/* The dashboard of a place and range, from the shared cache when it is
 * recent enough (dcache.h). */
static int cached_build(struct req *r, struct scope *sc)
{
	int st = dcache_hdf(r, arena_printf(r->a, "dash:%ld:%s:%s:%s", sc->loc->id, sc->from, sc->to, r->lang), fill_dash, sc);
	if (st == 0)
		crumbs(r, sc->loc);	/* per viewer (only places they may see): never cached */
	return st;
}

/* GET /dash */
int page_dash(struct req *r)
{
	struct scope sc;
	int st = read_scope(r, &sc, false);
	if (st)
		return st;
	if ((st = cached_build(r, &sc)) || (st = page_training_dash(r, sc.loc->path)) ||
	    (st = page_reghealth_dash(r, sc.loc, sc.depth)))
		return st;
	return tmpl_render(r, "dash.cs");
}

/* Writes an HDF table (prefix.N.col) as CSV. */
static void hdf_csv(struct req *r, struct sbuf *b, const char *prefix, const char *const *cols)
{
	for (size_t k = 0; cols[k]; k++) {
		if (k)
			sbuf_addc(b, ',');
		sbuf_adds(b, cols[k]);
	}
	sbuf_adds(b, "\r\n");
	HDF *t = hdf_get_obj(r->hdf, prefix);
	for (HDF *row = t ? hdf_obj_child(t) : NULL; row; row = hdf_obj_next(row)) {
		for (size_t k = 0; cols[k]; k++) {
			if (k)
				sbuf_addc(b, ',');
			csv_cell(b, hdf_get_value(row, cols[k], ""));
		}
		sbuf_adds(b, "\r\n");
	}
}

/* GET /dash/csv?table=places|services|channels|offices|daily|officers|desks|cscs|feedback */
int page_dash_csv(struct req *r)
{
	static const struct {
		const char *table, *prefix;	/* query name, HDF prefix */
		const char *cols[16];		/* columns */
	} tables[] = {
		{ "places", "Places", { "key", "name", "received", "approved", "rejected", "disposed", "pending", "overdue", "sla", "avg", "tatkal", "returns", "ooo", "appeals", NULL } },
		{ "services", "Services", { "key", "name", "received", "approved", "rejected", "disposed", "pending", "overdue", "sla", "avg", "tatkal", "returns", "ooo", "appeals", NULL } },
		{ "channels", "Channels", { "key", "name", "received", "approved", "rejected", "disposed", "pending", "overdue", "sla", "avg", "tatkal", "returns", "ooo", "appeals", NULL } },
		{ "offices", "Offices", { "key", "name", "received", "approved", "rejected", "disposed", "pending", "overdue", "sla", "avg", "tatkal", "returns", "ooo", "appeals", NULL } },
		{ "daily", "Daily", { "day", "received", "disposed", NULL } },
		{ "officers", "Officers", { "name", "role", "actions", "per_day", NULL } },
		{ "desks", "Desks", { "office", "role", "pending", "oldest", NULL } },
		{ "cscs", "Cscs", { "username", "name", "filed", "turnover", "commission", NULL } },
		{ "feedback", "Feedback", { "service", "office", "count", "rating", NULL } },
	};
	const char *want = req_query(r, "table");
	for (size_t i = 0; i < ARRAY_LEN(tables); i++) {
		if (!str_eq(want, tables[i].table))
			continue;
		struct scope sc;
		int st = read_scope(r, &sc, false);
		if (st)
			return st;
		if ((st = cached_build(r, &sc)))
			return st;
		struct sbuf b;
		sbuf_init(&b);
		hdf_csv(r, &b, tables[i].prefix, tables[i].cols);
		resp_bytes(r, "text/csv; charset=utf-8", b.data, b.len,
			   arena_printf(r->a, "%s-%ld-%s-%s.csv", tables[i].table, sc.loc->id, sc.from, sc.to));
		sbuf_free(&b);
		return 0;
	}
	r->err_detail = tmpl_str(r->lang, "dash.table_bad");
	return 400;
}

/* GET /transparency — public: state totals and per-district disposal and
 * SLA compliance; counts only, no personal data */
static int fill_public(struct req *r, void *ctx)
{
	struct scope *sc = ctx;
	struct figures f;
	if (dash_totals(r->a, sc->loc->path, sc->from, sc->to, &f) != 0)
		return 503;
	figures_to_hdf(r, "K", &f);
	hset(r, "D.name", loc_name(sc->loc, r->lang));
	hset(r, "D.from", sc->from);
	hset(r, "D.to", sc->to);
	struct dash_row *rows = NULL;
	size_t n;
	if (district_tiles(r, sc, &rows, &n) != 0)
		return 503;
	rows_to_hdf(r, "Places", rows, n, tmpl_str(r->lang, "dash.by_place"), false);
	return 0;
}

int page_transparency(struct req *r)
{
	struct scope sc;
	int st = read_scope(r, &sc, true);
	if (st)
		return st;
	if (sc.loc->type != LT_STATE)
		return 404;
	/* public: the cache keeps a crowd of visitors from adding up the state each time */
	if ((st = dcache_hdf(r, arena_printf(r->a, "pub:%ld:%s:%s:%s", sc.loc->id, sc.from, sc.to, r->lang), fill_public, &sc)))
		return st;
	struct ticket_counts g;	/* grievances (ticket.c) over the same dates */
	if (ticket_counts(r->a, "grievance", sc.from, sc.to, &g) == 0) {
		hset_int(r, "Grievances.received", g.received);
		hset_int(r, "Grievances.resolved", g.resolved);
		hset_int(r, "Grievances.in_sla", g.in_sla);
		hset_int(r, "Grievances.open", g.open);
	}
	if (str_eq(req_query(r, "format"), "csv")) {
		static const char *const cols[] = { "key", "name", "received", "disposed", "pending", "sla", NULL };
		struct sbuf b;
		sbuf_init(&b);
		hdf_csv(r, &b, "Places", cols);
		resp_bytes(r, "text/csv; charset=utf-8", b.data, b.len, "transparency.csv");
		sbuf_free(&b);
		return 0;
	}
	return tmpl_render(r, "transparency.cs");
}

/* One figures object; key/name for a child row. */
static void fig_json(struct jw *w, const struct figures *x, const char *key, const char *name)
{
	long disposed = x->approved + x->rejected;
	jw_obj(w);
	if (key) {
		jw_kstr(w, "location_id", key);
		jw_kstr(w, "name_en", name);
	}
	jw_kint(w, "received", x->received);
	jw_kint(w, "approved", x->approved);
	jw_kint(w, "rejected", x->rejected);
	jw_kint(w, "disposed", disposed);
	jw_kint(w, "pending", x->pending);
	jw_kint(w, "pending_beyond_sla", x->overdue);
	jw_kint(w, "sla_compliance_pct", dash_pct(x->in_sla, disposed));
	jw_kint(w, "avg_days_x10", dash_avg10(x));
	jw_kint(w, "p90_days", x->p90);
	jw_kint(w, "tatkal_pct", dash_pct(x->tatkal, x->received));
	jw_kint(w, "returned_pct", dash_pct(x->returned, x->received));
	jw_kint(w, "out_of_order", x->out_of_order);
	jw_kint(w, "appeals", x->appeals);
	jw_obj_end(w);
}

/* GET /api/v1/dash/summary?location=&from=&to= */
static int make_summary(struct req *r, void *ctx, struct sbuf *b)
{
	struct scope *sc = ctx;
	struct figures f;
	if (dash_totals(r->a, sc->loc->path, sc->from, sc->to, &f) != 0)
		return 503;
	size_t n;
	struct dash_row *rows = dash_breakdown(r->a, sc->loc->path, sc->depth + 1, BY_PLACE, sc->from, sc->to, &n);
	if (!rows)
		return 503;
	struct jw w;
	jw_init(&w, b);
	jw_obj(&w);
	jw_key(&w, "location");
	jw_obj(&w);
	jw_kint(&w, "id", sc->loc->id);
	jw_kstr(&w, "name_en", sc->loc->name_en);
	jw_kstr(&w, "type", loc_type_code(sc->loc->type));
	jw_obj_end(&w);
	jw_kstr(&w, "from", sc->from);
	jw_kstr(&w, "to", sc->to);
	char now[32];
	fmt_iso_time(now, now_secs());
	jw_kstr(&w, "as_of", now);
	jw_key(&w, "totals");
	fig_json(&w, &f, NULL, NULL);
	jw_key(&w, "children");
	jw_arr(&w);
	for (size_t k = 0; k < n; k++)
		fig_json(&w, &rows[k].f, rows[k].key, rows[k].name_en);
	jw_arr_end(&w);
	jw_obj_end(&w);
	return 0;
}

int api_dash_summary(struct req *r)
{
	struct scope sc;
	int st = read_scope(r, &sc, false);
	if (st)
		return st;
	const char *body;
	if ((st = dcache_text(r, arena_printf(r->a, "api:%ld:%s:%s", sc.loc->id, sc.from, sc.to), make_summary, &sc, &body)))
		return st;
	return api_ok(r, 200, body);
}

/* GET /api/v1/dash/registers?location= — register health, fresh (not cached) */
int api_dash_registers(struct req *r)
{
	struct scope sc;
	int st = read_scope(r, &sc, false);
	return st ? st : api_reghealth(r, sc.loc, sc.depth);
}
