/*
 * page_attendance.c — the attendance pages and their JSON API
 * (attendance.h decides and writes; this file only translates).
 *
 * VLEs check in (/attendance/checkin: the browser's GPS where JavaScript is
 * on, a "no GPS" button flagged for review where it is not) and ask for
 * leave; BIs capture GP reference points, enrol devices, review flags and
 * decide leave; DIs approve reference points; officers see availability,
 * the muster, the month and the map of their area (an SVG drawn here that
 * needs no JavaScript; Leaflet with clustering over the same data where
 * JavaScript is on; no tiles from outside).
 */
#include "pages.h"
#include "apiutil.h"
#include "attendance.h"
#include "chart.h"
#include "config.h"
#include "db.h"
#include "geo.h"
#include "sla.h"
#include "tmpl.h"
#include "user.h"

#include <stdlib.h>
#include <string.h>

static const char *const STATUSES[] = { "present", "late", "on_duty", "leave", "flagged", "absent", NULL };

/* Is s one of STATUSES (the rest, holiday or none yet, are grey)? */
static bool rank_known(const char *s)
{
	for (size_t k = 0; STATUSES[k]; k++)
		if (str_eq(STATUSES[k], s))
			return true;
	return false;
}

/* ---- shared bits ---- */

/* ?location= and ?day= of a viewer's page: the place (checked against the
 * viewer's area) into p and the day (default today) into *day.  0, 400,
 * 403 or 404. */
static int scope_of(struct req *r, struct att_place *p, const char **day)
{
	const char *loc = req_query(r, "location");
	long id = 0;
	if (!str_empty(loc) && !parse_long(loc, 1, 2000000000L, &id))
		return 404;
	*day = req_query(r, "day");
	if (str_empty(*day))
		*day = ist_today(r->a);
	else if (sla_day(*day) < 0)
		return 400;
	int st = attendance_place(r->a, r->user, id, p);
	if (st || r->api)
		return st;
	hset_int(r, "Place.id", p->id);
	hset(r, "Place.type", p->type);
	hset(r, "Place.name", str_eq(r->lang, "hi") && p->name_hi ? p->name_hi : p->name_en);
	hset_int(r, "Place.parent", p->parent_id);
	hset(r, "Day", *day);
	return 0;
}

/* Domain outcome onto a page re-render, or straight to the error page. */
static int page_refused(struct req *r, struct outcome *o, int (*again)(struct req *))
{
	int st = page_outcome(r, o);
	if (st == 422 && again) {
		r->status = 422;
		return again(r);
	}
	return st;
}

static long path_id(struct req *r)
{
	long id;
	return parse_long(rp(r, 0), 1, 2000000000L, &id) ? id : 0;
}

static bool is_hi(const struct req *r)
{
	return str_eq(r->lang, "hi");
}

/* Flag reasons ("outside,weak_gps") as their sentences at prefix.N. */
static void reasons_hdf(struct req *r, const char *prefix, const char *reasons)
{
	char *copy = arena_strdup(r->a, reasons ? reasons : "");
	size_t i = 0;
	for (char *s = strtok(copy, ","); s; s = strtok(NULL, ","))
		hset(r, arena_printf(r->a, "%s.%zu", prefix, i++), tmpl_str(r->lang, arena_printf(r->a, "attendance.flag.%s", s)));
}

/* Flag reasons as a JSON array under "reasons". */
static void reasons_json(struct arena *a, struct jw *w, const char *reasons)
{
	char *copy = arena_strdup(a, reasons ? reasons : "");
	jw_key(w, "reasons");
	jw_arr(w);
	for (char *s = strtok(copy, ","); s; s = strtok(NULL, ","))
		jw_str(w, s);
	jw_arr_end(w);
}

static void status_words(struct req *r)
{
	for (size_t i = 0; STATUSES[i]; i++)
		hset(r, arena_printf(r->a, "Colour.%s", STATUSES[i]), attendance_colour(STATUSES[i]));
	hset(r, "Colour.none", attendance_colour(NULL));
}

/* ---- the VLE: overview, check-in, leave ---- */

/* The VLE's own panel: GP, point in force, today, last check-in. */
static void me_to_hdf(struct req *r)
{
	struct dbres *m = attendance_me(r->a, r->user->id);
	if (!m || m->nrows != 1)
		return;
	hset(r, "Me.gp", db_val(m, 0, is_hi(r) ? 2 : 1));
	hset(r, "Me.has_point", db_val(m, 0, 3) ? "1" : "");
	hset(r, "Me.radius", db_val(m, 0, 5));
	hset(r, "Me.today", db_val(m, 0, 6));
	hset(r, "Me.last_at", db_val(m, 0, 7));
	hset(r, "Me.last_status", db_val(m, 0, 8));
	hset(r, "Me.placed", "1");
}

/* Trend of the last 30 days under p as an SVG line chart. */
static int trend_chart(struct req *r, const struct att_place *p, const char *day)
{
	char from[11];
	sla_date(sla_day(day) - 29, from);
	struct dbres *t = attendance_trend(r->a, p->path, from, day);
	if (!t)
		return 503;
	size_t n = t->nrows;
	const char **days = arena_alloc(r->a, (n + 1) * sizeof *days);
	long *pct = arena_alloc(r->a, (n + 1) * sizeof *pct);
	for (size_t i = 0; i < n; i++) {
		long due = (long)db_int(t, i, 2);
		days[i] = db_val(t, i, 0);
		pct[i] = due ? (long)(100 * db_int(t, i, 1) / due) : 0;
	}
	struct series s = { tmpl_str(r->lang, "attendance.present_pct"), pct, "#00703c" };
	struct sbuf svg;
	sbuf_init(&svg);
	chart_lines(&svg, tmpl_str(r->lang, "attendance.trend"), days, n, &s, 1);
	hset(r, "Trend", svg.data);
	sbuf_free(&svg);
	return 0;
}

/* GET /attendance — a VLE's own day; an officer's availability of an area */
int page_attendance(struct req *r)
{
	status_words(r);
	if (user_has(r->user, ROLE_CSC))
		me_to_hdf(r);
	if (!(r->user->roles & ATT_VIEWERS))
		return tmpl_render(r, "attendance.cs");
	struct att_place p;
	const char *day;
	int st = scope_of(r, &p, &day);
	if (st)
		return st;
	static const char *const bcols[] = { "id", "name_en", "name_hi", "vles", "present", "late", "on_duty", "leave",
					     "flagged", "holiday", "absent", "not_yet", NULL };
	static const char *const mcols[] = { "id", "name", "username", "csc_id", "gp_en", "gp_hi", "status", "first_at",
					     "last_at", NULL };
	bool small = str_eq(p.type, "block") || str_eq(p.type, "panchayat");
	struct dbres *rows = small ? attendance_muster(r->a, p.path, day) : attendance_blocks(r->a, p.path, day);
	if (!rows)
		return 503;
	hset_rows(r, small ? "Muster" : "Blocks", rows, small ? mcols : bcols);
	hset(r, "Reviewer", r->user->roles & ATT_REVIEWERS ? "1" : "");
	if (!small && (st = trend_chart(r, &p, day)) != 0)
		return st;
	return tmpl_render(r, "attendance.cs");
}

/* GET /attendance/checkin — the check-in page */
int page_attendance_checkin(struct req *r)
{
	me_to_hdf(r);
	hset_int(r, "Rule.accuracy", cfg.attendance_max_accuracy_m);
	hset_int(r, "Rule.retention", cfg.checkin_retention_days);
	hset(r, "Rule.on_time", cfg.attendance_on_time_until);
	hset(r, "Page.att_js", "1");
	return tmpl_render(r, "attendance_checkin.cs");
}

/* POST /attendance/checkin — the browser's fix, or "no GPS" */
int page_attendance_checkin_post(struct req *r)
{
	struct att_checkin_in in = { .source = str_eq(req_form(r, "source"), "no_gps") ? "no_gps" : "web",
				     .lat = req_form(r, "lat"), .lon = req_form(r, "lon"),
				     .accuracy_m = req_form(r, "accuracy_m"), .fix_at = req_form(r, "fix_at") };
	struct att_checkin_out res;
	struct outcome o;
	out_init(&o, r->a);
	if (attendance_checkin(r->a, &r->actor, &in, &res, &o) != 0) {
		hset(r, "Failed", "1");
		return page_refused(r, &o, page_attendance_checkin);
	}
	hset(r, "Result.status", res.status);
	hset(r, "Result.late", res.late ? "1" : "");
	hset(r, "Result.day", res.day);
	hset(r, "Result.at", res.server_at + 11);	/* the time: the day is beside it */
	if (res.distance_m >= 0)
		hset_int(r, "Result.distance", res.distance_m);
	reasons_hdf(r, "Result.reasons", res.reasons);
	r->status = 201;
	return page_attendance_checkin(r);
}

/* GET /attendance/leave — a VLE's requests and form; a reviewer's queue */
int page_attendance_leave(struct req *r)
{
	static const char *const cols[] = { "id", "name", "kind", "from", "to", "reason", "status", "requested_at", "note", NULL };
	bool vle = user_has(r->user, ROLE_CSC);
	const struct juris_root *roots = juris_prefixes(r->a, r->user, ATT_REVIEWERS);
	struct dbres *mine = vle ? attendance_leaves(r->a, r->user->id, NULL) : NULL;
	struct dbres *queue = roots[0].path ? attendance_leaves(r->a, 0, roots[0].path) : NULL;
	if ((vle && !mine) || (roots[0].path && !queue))
		return 503;
	if (mine)
		hset_rows(r, "Mine", mine, cols);
	if (queue)
		hset_rows(r, "Queue", queue, cols);
	hset(r, "Vle", vle ? "1" : "");
	hset(r, "Reviewer", roots[0].path ? "1" : "");
	return tmpl_render(r, "attendance_leave.cs");
}

/* POST /attendance/leave — a VLE asks */
int page_attendance_leave_post(struct req *r)
{
	static const char *const keep[] = { "kind", "from", "to", "reason", NULL };
	struct outcome o;
	long id;
	out_init(&o, r->a);
	form_keep(r, keep);
	if (attendance_leave_request(r->a, &r->actor, req_form(r, "kind"), req_form(r, "from"), req_form(r, "to"),
				     req_form(r, "reason"), &id, &o) != 0)
		return page_refused(r, &o, page_attendance_leave);
	resp_redirect(r, "/attendance/leave?asked=1");
	return 0;
}

/* A reviewer's decision from a page form (decision = yes, or anything
 * else for no; note): the queue page again on a refusal, else to done. */
static int page_decision(struct req *r, const char *yes,
			 int (*fn)(struct arena *, const struct actor *, long, bool, const char *, struct outcome *),
			 int (*again)(struct req *), const char *done)
{
	struct outcome o;
	out_init(&o, r->a);
	if (fn(r->a, &r->actor, path_id(r), str_eq(req_form(r, "decision"), yes), req_form(r, "note"), &o) != 0)
		return page_refused(r, &o, again);
	resp_redirect(r, done);
	return 0;
}

/* POST /attendance/leave/:id — a reviewer decides */
int page_attendance_leave_decide(struct req *r)
{
	return page_decision(r, "approve", attendance_leave_decide, page_attendance_leave, "/attendance/leave?decided=1");
}

/* ---- officers: month, map, review, reference points, devices ---- */

/* GET /attendance/month?location=&month=YYYY-MM — monthly % per VLE */
int page_attendance_month(struct req *r)
{
	struct att_place p;
	const char *day;
	int st = scope_of(r, &p, &day);
	if (st)
		return st;
	const char *month = req_query(r, "month");
	if (str_empty(month))
		month = arena_strndup(r->a, day, 7);
	char from[11], to[11];
	long first = sla_day(arena_printf(r->a, "%.7s-01", month));
	if (strlen(month) != 7 || first < 0)
		return 400;
	sla_date(first, from);
	long last = first + 27;
	for (char d[11]; sla_date(last + 1, d), strncmp(d, from, 7) == 0;)
		last++;
	sla_date(last, to);
	struct dbres *rows = attendance_month(r->a, p.path, from, to);
	if (!rows)
		return 503;
	for (size_t i = 0; i < rows->nrows; i++) {
		const char *k = arena_printf(r->a, "Rows.%zu", i);
		long present = (long)(db_int(rows, i, 4) + db_int(rows, i, 5) + db_int(rows, i, 6));
		long due = present + (long)(db_int(rows, i, 8) + db_int(rows, i, 10));
		hset(r, arena_printf(r->a, "%s.name", k), db_val(rows, i, 1));
		hset(r, arena_printf(r->a, "%s.gp", k), db_val(rows, i, is_hi(r) ? 3 : 2));
		hset_int(r, arena_printf(r->a, "%s.present", k), db_int(rows, i, 4));
		hset_int(r, arena_printf(r->a, "%s.late", k), db_int(rows, i, 5));
		hset_int(r, arena_printf(r->a, "%s.on_duty", k), db_int(rows, i, 6));
		hset_int(r, arena_printf(r->a, "%s.leave", k), db_int(rows, i, 7));
		hset_int(r, arena_printf(r->a, "%s.flagged", k), db_int(rows, i, 8));
		hset_int(r, arena_printf(r->a, "%s.absent", k), db_int(rows, i, 10));
		hset(r, arena_printf(r->a, "%s.pct", k), due ? arena_printf(r->a, "%ld%%", 100 * present / due) : "—");
	}
	hset(r, "Month", month);
	return tmpl_render(r, "attendance_month.cs");
}

/* The GP points of an area for day, coloured by their best status. */
static size_t gp_points(struct req *r, const struct dbres *gps, struct map_point **out)
{
	struct map_point *pt = arena_alloc(r->a, (gps->nrows + 1) * sizeof *pt);
	for (size_t i = 0; i < gps->nrows; i++) {
		const char *st = db_val(gps, i, 8);
		pt[i] = (struct map_point){
			.at = { strtod(db_val(gps, i, 3), NULL), strtod(db_val(gps, i, 4), NULL) },
			.color = attendance_colour(st),
			.label = arena_printf(r->a, "%s: %s", db_val(gps, i, is_hi(r) ? 2 : 1),
					      tmpl_str(r->lang, arena_printf(r->a, "attendance.status.%s", st ? st : "none"))),
		};
	}
	*out = pt;
	return gps->nrows;
}

/* The legend of the dots: each day status with how many GPs have it. */
static size_t dot_keys(struct req *r, const struct dbres *gps, struct map_key *keys)
{
	size_t nk = 0;
	for (size_t k = 0; k <= ARRAY_LEN(STATUSES) - 1; k++) {
		long n = 0;
		for (size_t i = 0; i < gps->nrows; i++)
			n += STATUSES[k] ? str_eq(STATUSES[k], db_val(gps, i, 8)) : !rank_known(db_val(gps, i, 8));
		const char *st = STATUSES[k] ? STATUSES[k] : "none";
		keys[nk++] = (struct map_key){ attendance_colour(STATUSES[k]),
					       arena_printf(r->a, "%s: %ld", tmpl_str(r->lang, arena_printf(r->a, "attendance.status.%s", st)), n) };
	}
	return nk;
}

/* The legend of the block fills (shares present). */
static size_t share_keys(struct req *r, struct map_key *keys)
{
	static const char *const colours[] = { "#00703c", "#85994b", "#f47738", "#d4351c", "#dee0e2" };
	for (size_t k = 0; k < ARRAY_LEN(colours); k++)
		keys[k] = (struct map_key){ colours[k], tmpl_str(r->lang, arena_printf(r->a, "attendance.share.%zu", k)) };
	return ARRAY_LEN(colours);
}

/* GET /attendance/map — the SVG map (no JavaScript needed): block outlines
 * filled by their share present; below a state, each GP a dot by status */
int page_attendance_map(struct req *r)
{
	struct att_place p;
	const char *day;
	int st = scope_of(r, &p, &day);
	if (st)
		return st;
	/* a whole state is drawn by block: thousands of dots say less than 263 outlines */
	bool dots = !str_eq(p.type, "state") && !str_eq(p.type, "division");
	struct dbres *blocks = attendance_block_map(r->a, p.path, day);
	struct dbres *gps = dots ? attendance_gps(r->a, p.path, day) : NULL;
	if (!blocks || (dots && !gps))
		return 503;
	struct map_shape *shapes;
	struct map_point *pts = NULL;
	struct map_key keys[ARRAY_LEN(STATUSES) + 6];
	size_t ns = attendance_shapes(r->a, blocks, r->lang, &shapes);
	size_t np = dots ? gp_points(r, gps, &pts) : 0;
	size_t nk = dots ? dot_keys(r, gps, keys) : share_keys(r, keys);
	struct map_spec m = { .title = arena_printf(r->a, "%s — %s", tmpl_str(r->lang, "attendance.map_title"),
						    is_hi(r) && p.name_hi ? p.name_hi : p.name_en),
			      .shapes = shapes, .nshapes = ns, .points = pts, .npoints = np, .keys = keys, .nkeys = nk };
	struct sbuf svg;
	sbuf_init(&svg);
	geo_map_svg(&svg, &m);
	hset(r, "Map", svg.data);
	sbuf_free(&svg);
	hset(r, "Map_note", tmpl_str(r->lang, dots ? "attendance.map_note" : "attendance.map_note_state"));
	hset_int(r, "Gps", (long long)(dots ? gps->nrows : ns));
	hset(r, "Page.leaflet", "1");
	return tmpl_render(r, "attendance_map.cs");
}

/* The map's data as GeoJSON: GP points with status, block outlines. */
static int send_geojson(struct req *r)
{
	struct att_place p;
	const char *day;
	int st = scope_of(r, &p, &day);
	if (st)
		return st;
	struct dbres *gps = attendance_gps(r->a, p.path, day);
	struct dbres *blocks = attendance_block_map(r->a, p.path, day);
	if (!gps || !blocks)
		return 503;
	struct map_shape *shapes;
	size_t ns = attendance_shapes(r->a, blocks, r->lang, &shapes);
	struct sbuf b;
	struct jw w;
	sbuf_init(&b);
	jw_init(&w, &b);
	jw_obj(&w);
	jw_kstr(&w, "type", "FeatureCollection");
	jw_kstr(&w, "day", day);
	jw_key(&w, "features");
	jw_arr(&w);
	for (size_t i = 0; i < ns; i++) {
		if (shapes[i].n < 3)
			continue;
		jw_obj(&w);
		jw_kstr(&w, "type", "Feature");
		jw_key(&w, "properties");
		jw_obj(&w);
		jw_kstr(&w, "kind", "block");
		jw_kstr(&w, "name", shapes[i].label);
		jw_kint(&w, "vles", db_int(blocks, i, 4));
		jw_kint(&w, "present", db_int(blocks, i, 5));
		jw_kstr(&w, "colour", shapes[i].fill);
		jw_obj_end(&w);
		jw_key(&w, "geometry");
		jw_obj(&w);
		jw_kstr(&w, "type", "Polygon");
		jw_key(&w, "coordinates");
		jw_arr(&w);
		jw_arr(&w);
		for (size_t k = 0; k <= shapes[i].n; k++) {
			const struct geo_pt *q = &shapes[i].pts[k % shapes[i].n];	/* closed ring */
			jw_raw(&w, arena_printf(r->a, "[%.6f,%.6f]", q->lon, q->lat));
		}
		jw_arr_end(&w);
		jw_arr_end(&w);
		jw_obj_end(&w);
		jw_obj_end(&w);
	}
	for (size_t i = 0; i < gps->nrows; i++) {
		const char *s = db_val(gps, i, 8);
		jw_obj(&w);
		jw_kstr(&w, "type", "Feature");
		jw_key(&w, "properties");
		jw_obj(&w);
		jw_kstr(&w, "kind", "gp");
		jw_kint(&w, "id", db_int(gps, i, 0));
		jw_kstr(&w, "name", db_val(gps, i, is_hi(r) ? 2 : 1));
		jw_kstr(&w, "block", db_val(gps, i, is_hi(r) ? 9 : 6));
		jw_kint(&w, "vles", db_int(gps, i, 7));
		jw_kstr(&w, "status", s);
		jw_kstr(&w, "label", tmpl_str(r->lang, arena_printf(r->a, "attendance.status.%s", s ? s : "none")));
		jw_kstr(&w, "colour", attendance_colour(s));
		jw_obj_end(&w);
		jw_key(&w, "geometry");
		jw_obj(&w);
		jw_kstr(&w, "type", "Point");
		jw_key(&w, "coordinates");
		jw_raw(&w, arena_printf(r->a, "[%s,%s]", db_val(gps, i, 4), db_val(gps, i, 3)));
		jw_obj_end(&w);
		jw_obj_end(&w);
	}
	jw_arr_end(&w);
	jw_obj_end(&w);
	return api_send(r, 200, &b);
}

/* GET /attendance/map.json (the page's Leaflet, with cookies) and GET
 * /api/v1/attendance/map — GeoJSON */
int page_attendance_geojson(struct req *r)
{
	return send_geojson(r);
}

/* GET /attendance/review — flagged check-ins waiting in the area */
int page_attendance_review(struct req *r)
{
	const struct juris_root *roots = juris_prefixes(r->a, r->user, ATT_REVIEWERS);
	if (!roots[0].path)
		return 403;
	struct dbres *f = attendance_flags(r->a, roots[0].path);
	if (!f)
		return 503;
	for (size_t i = 0; i < f->nrows; i++) {
		const char *k = arena_printf(r->a, "Flags.%zu", i);
		hset(r, arena_printf(r->a, "%s.id", k), db_val(f, i, 0));
		hset(r, arena_printf(r->a, "%s.name", k), db_val(f, i, 1));
		hset(r, arena_printf(r->a, "%s.username", k), db_val(f, i, 2));
		hset(r, arena_printf(r->a, "%s.gp", k), db_val(f, i, is_hi(r) ? 13 : 3));
		hset(r, arena_printf(r->a, "%s.at", k), db_val(f, i, 4));
		hset(r, arena_printf(r->a, "%s.source", k), tmpl_str(r->lang, arena_printf(r->a, "attendance.source.%s", db_val(f, i, 6))));
		hset(r, arena_printf(r->a, "%s.evidence", k), db_val(f, i, 8));
		hset(r, arena_printf(r->a, "%s.distance", k), db_val(f, i, 12));
		hset(r, arena_printf(r->a, "%s.accuracy", k), db_val(f, i, 11));
		reasons_hdf(r, arena_printf(r->a, "%s.reasons", k), db_val(f, i, 7));
	}
	hset(r, "Reviewed", req_query(r, "reviewed"));
	return tmpl_render(r, "attendance_review.cs");
}

/* POST /attendance/review/:id — accept or reject a flagged check-in */
int page_attendance_review_post(struct req *r)
{
	return page_decision(r, "accept", attendance_review, page_attendance_review, "/attendance/review?reviewed=1");
}

/* GET /attendance/geofence/:gp — the GP's reference point */
int page_attendance_geofence(struct req *r)
{
	long gp = path_id(r);
	struct att_place p;
	int st = attendance_place(r->a, r->user, gp, &p);
	if (st)
		return st;
	if (!str_eq(p.type, "panchayat"))
		return 404;
	struct dbres *g = db_query(r->a, "SELECT lat, lon, radius_m, approved_at, p_lat, p_lon, p_accuracy_m, p_radius_m, captured_at "
					 "FROM geofences WHERE location_id = ?", "i", (long long)gp);
	if (!g)
		return 503;
	static const char *const cols[] = { "lat", "lon", "radius", "approved_at", "p_lat", "p_lon", "p_accuracy", "p_radius",
					    "captured_at", NULL };
	hset_rows(r, "Fence", g, cols);
	hset_int(r, "Gp", gp);
	hset(r, "Gp_name", is_hi(r) && p.name_hi ? p.name_hi : p.name_en);
	hset(r, "Can.capture", juris_holding(r->user, RB(ROLE_BI), 0, p.path, 0) ? "1" : "");
	hset(r, "Can.approve", juris_holding(r->user, RB(ROLE_DI) | RB(ROLE_STATE_ADMIN), 0, p.path, 0) ? "1" : "");
	hset_int(r, "Rule.capture", cfg.attendance_capture_accuracy_m);
	hset_int(r, "Rule.radius", cfg.attendance_radius_m);
	hset(r, "Page.att_js", "1");
	return tmpl_render(r, "attendance_geofence.cs");
}

/* POST /attendance/geofence/:gp — the BI's capture on site */
int page_attendance_geofence_post(struct req *r)
{
	static const char *const keep[] = { "lat", "lon", "accuracy_m", "radius_m", NULL };
	struct outcome o;
	out_init(&o, r->a);
	form_keep(r, keep);
	if (attendance_geofence_capture(r->a, &r->actor, path_id(r), req_form(r, "lat"), req_form(r, "lon"),
					req_form(r, "accuracy_m"), req_form(r, "radius_m"), &o) != 0)
		return page_refused(r, &o, page_attendance_geofence);
	resp_redirect(r, arena_printf(r->a, "/attendance/geofence/%ld?captured=1", path_id(r)));
	return 0;
}

/* POST /attendance/geofence/:gp/approve — the DI's approval */
int page_attendance_geofence_approve(struct req *r)
{
	struct outcome o;
	out_init(&o, r->a);
	if (attendance_geofence_approve(r->a, &r->actor, path_id(r), &o) != 0)
		return page_outcome(r, &o);
	resp_redirect(r, arena_printf(r->a, "/attendance/geofence/%ld?approved=1", path_id(r)));
	return 0;
}

/* GET /attendance/devices — enrolled devices of the area and the form */
int page_attendance_devices(struct req *r)
{
	const struct juris_root *roots = juris_prefixes(r->a, r->user, ATT_REVIEWERS);
	if (!roots[0].path)
		return 403;
	struct dbres *d = attendance_devices(r->a, roots[0].path);
	if (!d)
		return 503;
	static const char *const cols[] = { "id", "username", "name", "uid", "bound_at", "unbound_at", NULL };
	hset_rows(r, "Devices", d, cols);
	return tmpl_render(r, "attendance_devices.cs");
}

/* POST /attendance/devices — enrol; the key is shown on this answer only */
int page_attendance_enrol(struct req *r)
{
	static const char *const keep[] = { "vle", "device_id", NULL };
	struct outcome o;
	char key[65];
	long id;
	out_init(&o, r->a);
	form_keep(r, keep);
	if (attendance_device_enrol(r->a, &r->actor, req_form(r, "vle"), req_form(r, "device_id"), key, &id, &o) != 0)
		return page_refused(r, &o, page_attendance_devices);
	hset(r, "NewKey", key);
	hset_int(r, "NewDevice", id);
	resp_header(r, "Cache-Control", "no-store");
	return page_attendance_devices(r);
}

/* POST /attendance/devices/:id/unbind */
int page_attendance_unbind(struct req *r)
{
	struct outcome o;
	out_init(&o, r->a);
	if (attendance_device_unbind(r->a, &r->actor, path_id(r), &o) != 0)
		return page_outcome(r, &o);
	resp_redirect(r, "/attendance/devices?unbound=1");
	return 0;
}

/* ---- API ---- */

/* A JSON value as the text the device sent: numbers keep their digits
 * (the offline signature covers them), strings as they are. */
static const char *raw_of(const struct jval *in, const char *key)
{
	const struct jval *v = json_get(in, key);
	return v && (v->type == J_NUM || v->type == J_STR) ? v->str : NULL;
}

/* POST /api/v1/attendance/checkins — the field app's check-in, live or offline */
int api_attendance_checkin(struct req *r)
{
	struct jval *in = api_body(r);
	if (!in)
		return 400;
	struct att_checkin_in ci = { .source = "app", .offline = json_get_bool(in, "offline", false),
				     .lat = raw_of(in, "lat"), .lon = raw_of(in, "lon"), .accuracy_m = raw_of(in, "accuracy_m"),
				     .fix_at = json_get_str(in, "fix_at"), .is_mock = json_get_bool(in, "is_mock", false),
				     .device_id = json_get_str(in, "device_id"), .nonce = json_get_str(in, "nonce"),
				     .signature = json_get_str(in, "signature"), .elapsed_ms = raw_of(in, "elapsed_ms") };
	struct att_checkin_out res;
	struct outcome o;
	out_init(&o, r->a);
	if (attendance_checkin(r->a, &r->actor, &ci, &res, &o) != 0)
		return page_outcome(r, &o);
	struct sbuf b;
	struct jw w;
	sbuf_init(&b);
	jw_init(&w, &b);
	jw_obj(&w);
	jw_kint(&w, "id", res.id);
	jw_kstr(&w, "status", res.status);
	jw_kbool(&w, "late", res.late);
	reasons_json(r->a, &w, res.reasons);
	jw_key(&w, "distance_m");
	if (res.distance_m >= 0)
		jw_int(&w, res.distance_m);
	else
		jw_null(&w);
	jw_kstr(&w, "day", res.day);
	jw_kstr(&w, "day_status", res.day_status);
	jw_kstr(&w, "server_at", sql_time_iso(r->a, res.server_at));
	jw_obj_end(&w);
	return api_send(r, 201, &b);
}

static const struct api_col attendance_me_cols[] = {
	{"today", 6, AK_STR},
	{"last_checkin_at", 7, AK_TIME},
	{"last_status", 8, AK_STR},
};

/* GET /api/v1/attendance/me — the VLE's GP, its point in force and today */
int api_attendance_me(struct req *r)
{
	struct dbres *m = attendance_me(r->a, r->user->id);
	if (!m || m->nrows != 1) {
		r->err_detail = tmpl_str(r->lang, "attendance.no_gp");
		return 409;
	}
	struct sbuf b;
	struct jw w;
	sbuf_init(&b);
	jw_init(&w, &b);
	jw_obj(&w);
	jw_key(&w, "gp");
	jw_obj(&w);
	jw_kint(&w, "id", db_int(m, 0, 0));
	jw_kstr(&w, "name", db_val(m, 0, is_hi(r) ? 2 : 1));
	jw_key(&w, "reference");
	if (db_val(m, 0, 3)) {
		jw_obj(&w);
		jw_key(&w, "lat");
		jw_raw(&w, db_val(m, 0, 3));
		jw_key(&w, "lon");
		jw_raw(&w, db_val(m, 0, 4));
		jw_kint(&w, "radius_m", db_int(m, 0, 5));
		jw_obj_end(&w);
	} else {
		jw_null(&w);
	}
	jw_obj_end(&w);
	API_COLS(r->a, &w, m, 0, attendance_me_cols);
	jw_obj_end(&w);
	return api_send(r, 200, &b);
}

/* {"<key>": id, "status": status} with code */
static int api_done(struct req *r, int code, const char *key, long id, const char *status)
{
	struct sbuf b;
	struct jw w;
	sbuf_init(&b);
	jw_init(&w, &b);
	jw_obj(&w);
	jw_kint(&w, key, id);
	jw_kstr(&w, "status", status);
	jw_obj_end(&w);
	return api_send(r, code, &b);
}

/* POST /api/v1/attendance/geofences/:gp {lat, lon, accuracy_m, radius_m?} */
int api_attendance_geofence(struct req *r)
{
	struct jval *in = api_body(r);
	if (!in)
		return 400;
	struct outcome o;
	out_init(&o, r->a);
	if (attendance_geofence_capture(r->a, &r->actor, path_id(r), raw_of(in, "lat"), raw_of(in, "lon"), raw_of(in, "accuracy_m"),
					raw_of(in, "radius_m"), &o) != 0)
		return page_outcome(r, &o);
	return api_done(r, 200, "gp", path_id(r), "captured");
}

/* POST /api/v1/attendance/geofences/:gp/approve */
int api_attendance_geofence_approve(struct req *r)
{
	struct outcome o;
	out_init(&o, r->a);
	if (attendance_geofence_approve(r->a, &r->actor, path_id(r), &o) != 0)
		return page_outcome(r, &o);
	return api_done(r, 200, "gp", path_id(r), "approved");
}

/* POST /api/v1/attendance/devices {vle, device_id} — the key, once */
int api_attendance_enrol(struct req *r)
{
	struct jval *in = api_body(r);
	if (!in)
		return 400;
	struct outcome o;
	char key[65];
	long id;
	out_init(&o, r->a);
	if (attendance_device_enrol(r->a, &r->actor, raw_of(in, "vle"), json_get_str(in, "device_id"), key, &id, &o) != 0)
		return page_outcome(r, &o);
	struct sbuf b;
	struct jw w;
	sbuf_init(&b);
	jw_init(&w, &b);
	jw_obj(&w);
	jw_kint(&w, "enrolment", id);
	jw_kstr(&w, "device_id", json_get_str(in, "device_id"));
	jw_kstr(&w, "key", key);
	jw_kstr(&w, "algorithm", "HMAC-SHA256");
	jw_obj_end(&w);
	return api_send(r, 201, &b);
}

/* POST /api/v1/attendance/leave {kind, from, to, reason} */
int api_attendance_leave(struct req *r)
{
	struct jval *in = api_body(r);
	if (!in)
		return 400;
	struct outcome o;
	long id;
	out_init(&o, r->a);
	if (attendance_leave_request(r->a, &r->actor, json_get_str(in, "kind"), json_get_str(in, "from"), json_get_str(in, "to"),
				     json_get_str(in, "reason"), &id, &o) != 0)
		return page_outcome(r, &o);
	return api_done(r, 201, "id", id, "pending");
}

/* A reviewer's decision: {decision: yes|no, note?} through fn (leave or
 * review), answered {"id", "status": done_yes|done_no}. */
typedef int (*decide_fn)(struct arena *, const struct actor *, long, bool, const char *, struct outcome *);

static int api_decision(struct req *r, const char *yes, const char *no, decide_fn fn, const char *done_yes,
			const char *done_no)
{
	struct jval *in = api_body(r);
	if (!in)
		return 400;
	const char *d = json_get_str(in, "decision");
	struct outcome o;
	out_init(&o, r->a);
	if (!str_eq(d, yes) && !str_eq(d, no))
		out_field(&o, "decision", "attendance.err.decision", NULL);
	else
		fn(r->a, &r->actor, path_id(r), str_eq(d, yes), json_get_str(in, "note"), &o);
	if (o.status)
		return page_outcome(r, &o);
	return api_done(r, 200, "id", path_id(r), str_eq(d, yes) ? done_yes : done_no);
}

/* POST /api/v1/attendance/leave/:id/decide {decision: approve|refuse, note?} */
int api_attendance_leave_decide(struct req *r)
{
	return api_decision(r, "approve", "refuse", attendance_leave_decide, "approved", "refused");
}

static const struct api_col attendance_flag_cols[] = {
	{"id", 0, AK_INT},
	{"vle", 1, AK_STR},
	{"username", 2, AK_STR},
	{"gp", 3, AK_STR},
	{"server_at", 4, AK_TIME},
	{"source", 6, AK_STR},
};

/* GET /api/v1/attendance/flags — flagged check-ins waiting in the area */
int api_attendance_flags(struct req *r)
{
	const struct juris_root *roots = juris_prefixes(r->a, r->user, ATT_REVIEWERS);
	if (!roots[0].path)
		return 403;
	struct dbres *f = attendance_flags(r->a, roots[0].path);
	if (!f)
		return 503;
	struct sbuf b;
	struct jw w;
	api_list_open(&b, &w);
	for (size_t i = 0; i < f->nrows; i++) {
		jw_obj(&w);
		API_COLS(r->a, &w, f, i, attendance_flag_cols);
		reasons_json(r->a, &w, db_val(f, i, 7));
		jw_key(&w, "evidence");
		jw_raw(&w, db_val(f, i, 8) ? db_val(f, i, 8) : "null");	/* JSON our own writer stored */
		jw_obj_end(&w);
	}
	return api_list_send(r, &b, &w, NULL);
}

/* POST /api/v1/attendance/flags/:id/review {decision: accept|reject, note} */
int api_attendance_review(struct req *r)
{
	return api_decision(r, "accept", "reject", attendance_review, "accepted", "rejected");
}

/* The availability word of a day status. */
static const char *availability(const char *status)
{
	if (str_eq(status, "present") || str_eq(status, "late"))
		return "available";
	if (str_eq(status, "on_duty"))
		return "in_field";
	if (str_eq(status, "leave"))
		return "on_leave";
	return status ? status : "not_checked_in";
}

static const struct api_col availability_cols[] = {
	{"id", 0, AK_INT},
	{"name", 1, AK_STR},
	{"username", 2, AK_STR},
};

/* GET /api/v1/attendance/availability?location=&day= */
int api_attendance_availability(struct req *r)
{
	struct att_place p;
	const char *day;
	int st = scope_of(r, &p, &day);
	if (st)
		return st;
	struct dbres *bl = attendance_blocks(r->a, p.path, day);
	bool small = str_eq(p.type, "block") || str_eq(p.type, "panchayat");
	struct dbres *mu = small ? attendance_muster(r->a, p.path, day) : NULL;
	if (!bl || (small && !mu))
		return 503;
	static const char *const keys[] = { "vles", "present", "late", "on_duty", "leave", "flagged", "holiday", "absent", "not_yet" };
	struct sbuf b;
	struct jw w;
	sbuf_init(&b);
	jw_init(&w, &b);
	jw_obj(&w);
	jw_kstr(&w, "day", day);
	jw_key(&w, "location");
	jw_obj(&w);
	jw_kint(&w, "id", p.id);
	jw_kstr(&w, "type", p.type);
	jw_kstr(&w, "name", is_hi(r) && p.name_hi ? p.name_hi : p.name_en);
	jw_obj_end(&w);
	jw_key(&w, "blocks");
	jw_arr(&w);
	for (size_t i = 0; i < bl->nrows; i++) {
		jw_obj(&w);
		jw_kint(&w, "id", db_int(bl, i, 0));
		jw_kstr(&w, "name", db_val(bl, i, is_hi(r) && db_val(bl, i, 2) ? 2 : 1));
		for (size_t k = 0; k < ARRAY_LEN(keys); k++)
			jw_kint(&w, keys[k], db_int(bl, i, 3 + k));
		jw_obj_end(&w);
	}
	jw_arr_end(&w);
	if (mu) {
		jw_key(&w, "vles");
		jw_arr(&w);
		for (size_t i = 0; i < mu->nrows; i++) {
			jw_obj(&w);
			API_COLS(r->a, &w, mu, i, availability_cols);
			jw_kstr(&w, "gp", db_val(mu, i, is_hi(r) ? 5 : 4));
			jw_kstr(&w, "status", db_val(mu, i, 6));
			jw_kstr(&w, "availability", availability(db_val(mu, i, 6)));
			jw_kstr(&w, "last_checkin_at", sql_time_iso(r->a, db_val(mu, i, 8)));
			jw_obj_end(&w);
		}
		jw_arr_end(&w);
	}
	jw_obj_end(&w);
	return api_send(r, 200, &b);
}

