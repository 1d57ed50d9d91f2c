/*
 * page_survey.c — the pages and JSON API of amenities and survey tasks
 * (survey.h decides and writes; this file only translates).
 *
 * Officers (BI, DI, state admin) see /surveys (projects, reports, the
 * allocation form, a map) and approve or return submissions; VLEs see
 * /tasks (their tasks) and fill each one; /amenities lists the typed
 * points of an area with a map.  The maps are SVG drawn here (no
 * JavaScript needed, no tiles from anywhere); where JavaScript is on,
 * Leaflet (Debian's libjs-leaflet) draws the same points from the GeoJSON
 * the API serves.
 */
#include "pages.h"
#include "apiutil.h"
#include "csv.h"
#include "db.h"
#include "form.h"
#include "formview.h"
#include "geo.h"
#include "locker.h"
#include "survey.h"
#include "tmpl.h"
#include "user.h"

#include <stdlib.h>
#include <string.h>

/* Task states in report order, with their map colours. */
static const char *const STATES[] = { "allocated", "in_progress", "pending_approval", "completed", "returned" };
static const char *const STATE_COLOURS[] = { "#b1b4b6", "#1d70b8", "#f47738", "#00703c", "#d4351c" };

static long path_num(struct req *r, size_t i)
{
	long id;
	return parse_long(rp(r, i), 1, 2000000000L, &id) ? id : 0;
}

static bool is_hi(const struct req *r)
{
	return str_eq(r->lang, "hi");
}

static const char *state_colour(const char *st)
{
	for (size_t i = 0; i < ARRAY_LEN(STATES); i++)
		if (str_eq(STATES[i], st))
			return STATE_COLOURS[i];
	return "#505a5f";
}

/* The area a viewer's lists and reports cover: ?location= (a place inside
 * the viewer's area) or the root of the viewer's first holding of roles.
 * 0 with *root set, or 403/404/503. */
static int area_root(struct req *r, unsigned roles, const char **root)
{
	const char *loc = req_query(r, "location");
	long id = 0;
	if (!str_empty(loc)) {
		if (!parse_long(loc, 1, 2000000000L, &id))
			return 404;
		struct dbres *p = db_query(r->a, "SELECT path FROM locations WHERE id = ?", "i", (long long)id);
		if (!p)
			return 503;
		if (p->nrows != 1)
			return 404;
		if (!juris_holding(r->user, roles, 0, db_val(p, 0, 0), 0))
			return 403;
		*root = db_val(p, 0, 0);
		return 0;
	}
	const struct juris_root *roots = juris_prefixes(r->a, r->user, roles);
	if (!roots[0].path)
		return 403;
	*root = roots[0].path;
	return 0;
}

/* The area a viewer of amenities sees: an officer's area, or a VLE's GP(s)
 * (the path of the VLE's first post, up to its GP). */
static int amenity_root(struct req *r, const char **root)
{
	const char *loc = req_query(r, "location");
	const char *own = !user_has(r->user, ROLE_CSC) ? NULL
		: db_scalar(r->a, "SELECT g.path FROM role_holdings rh JOIN locations l ON l.id = rh.location_id "
				  "JOIN locations g ON g.id = IF(l.type = 'village', l.parent_id, l.id) "
				  "WHERE rh.user_id = ? AND rh.role = 'csc' AND rh.active = 1 ORDER BY rh.id LIMIT 1",
			    "i", (long long)r->user->id);
	if (own && str_empty(loc)) {
		*root = own;
		return 0;
	}
	int st = area_root(r, AMENITY_ROLES & ~RB(ROLE_CSC), root);
	if (st == 403 && own) {	/* a VLE naming a place: only inside the own GP */
		const char *p = db_scalar(r->a, "SELECT path FROM locations WHERE id = ?", "s", loc);
		if (p && str_starts(p, own)) {
			*root = p;
			return 0;
		}
	}
	return st;
}

/* Writes row i of res as a JSON object: names[c] for column c, a leading
 * '#' making the value a number (NULL and "" give null). */
static void row_json(struct jw *w, const struct dbres *res, size_t i, const char *const *names)
{
	jw_obj(w);
	for (size_t c = 0; names[c] && c < res->ncols; c++) {
		const char *v = db_val(res, i, c);
		if (names[c][0] == '#') {
			jw_key(w, names[c] + 1);
			if (str_empty(v))
				jw_null(w);
			else
				jw_raw(w, v);
		} else if (names[c][0]) {
			jw_kstr(w, names[c], v);
		}
	}
	jw_obj_end(w);
}

/* Sends every row of res as the API's list. */
static int rows_send(struct req *r, const struct dbres *res, const char *const *names)
{
	struct sbuf b;
	struct jw w;
	api_list_open(&b, &w);
	for (size_t i = 0; i < res->nrows; i++)
		row_json(&w, res, i, names);
	return api_list_send(r, &b, &w, NULL);
}

static const char *const TASK_COLS[] = { "#id", "#survey", "survey_code", "title_en", "title_hi", "target_kind", "target",
					 "gp_en", "gp_hi", "assignee_name", "status", "flags", "due_date", "allocated_at",
					 "submitted_at", "#lat", "#lon", "#assignee", "#version_id", "#allocated_version_id",
					 "#answers_version_id", NULL };

/* The tasks a viewer sees: a VLE's own, an officer's area (?status=, ?survey=). */
static struct dbres *tasks_for(struct req *r, int *st)
{
	const char *root = NULL;
	long project = 0;
	const char *ps = req_query(r, "survey");
	*st = 0;
	if (!str_empty(ps) && !parse_long(ps, 1, 2000000000L, &project)) {
		*st = 404;
		return NULL;
	}
	bool officer = (r->user->roles & SURVEY_OFFICERS) != 0;
	if (officer && (*st = area_root(r, SURVEY_OFFICERS, &root)) != 0)
		return NULL;
	struct dbres *t = task_list(r->a, officer ? 0 : r->user->id, root, project, req_query(r, "status"));
	if (!t)
		*st = 503;
	return t;
}

/* ---- JSON API ---- */

/* GET /api/v1/tasks[?status=&survey=&location=] */
int api_tasks(struct req *r)
{
	int st;
	struct dbres *t = tasks_for(r, &st);
	return t ? rows_send(r, t, TASK_COLS) : st;
}

/* The task's full JSON: its row, the form it fills and the answers. */
static int task_send(struct req *r, int status, long id)
{
	struct dbres *t = db_query(r->a, "SELECT t.id, t.project_id, t.status, t.flags, t.assignee_id, t.target_kind, t.target_id, t.gp_id, "
					 "t.due_date, t.allocated_at, IFNULL(t.submitted_at, ''), t.lat, t.lon, t.accuracy_m, "
					 "IFNULL(t.photo_doc_id, ''), IFNULL(t.return_note, ''), t.submissions, p.version_id, t.version_id, "
					 "t.answers_version_id, t.answers, p.form, "
					 "DATE_FORMAT(p.window_from, '%Y-%m-%d %H:%i:%s'), DATE_FORMAT(p.window_to, '%Y-%m-%d %H:%i:%s') "
					 "FROM tasks t JOIN survey_projects p ON p.id = t.project_id WHERE t.id = ?", "i", (long long)id);
	if (!t)
		return 503;
	if (t->nrows != 1)
		return 404;
	static const char *const names[] = { "#id", "#survey", "status", "flags", "#assignee", "target_kind", "#target", "#gp",
					     "due_date", "allocated_at", "submitted_at", "#lat", "#lon", "#accuracy_m", "#photo",
					     "return_note", "#submissions", "#version_id", "#allocated_version_id", "#answers_version_id",
					     NULL };
	struct sbuf b;
	struct jw w;
	sbuf_init(&b);
	jw_init(&w, &b);
	row_json(&w, t, 0, names);
	/* reopen the object to add the nested parts */
	b.len--;
	b.data[b.len] = '\0';
	jw_key(&w, "answers");
	jw_raw(&w, db_val(t, 0, 20) ? db_val(t, 0, 20) : "null");
	jw_key(&w, "form");	/* the published version's: version_id */
	jw_raw(&w, db_val(t, 0, 21));
	jw_kstr(&w, "window_from", db_val(t, 0, 22));
	jw_kstr(&w, "window_to", db_val(t, 0, 23));
	sbuf_addc(&b, '}');
	return api_send(r, status, &b);
}

/* Sends {"id": id} with status (a creation's answer). */
static int id_send(struct req *r, int status, long id)
{
	return api_send_int(r, status, "id", id);
}

/* The answer of a task action: its refusal, or the task as it is now. */
static int task_answer(struct req *r, int rc, const struct outcome *o, long id)
{
	return rc != 0 ? page_outcome(r, o) : task_send(r, 200, id);
}

/* GeoJSON: opens a Feature and its properties object. */
static void feature_open(struct jw *w)
{
	jw_obj(w);
	jw_kstr(w, "type", "Feature");
	jw_key(w, "properties");
}

/* GeoJSON: the Feature's Point geometry (stored decimal text) and its end. */
static void feature_close(struct req *r, struct jw *w, const char *lat, const char *lon)
{
	jw_key(w, "geometry");
	jw_obj(w);
	jw_kstr(w, "type", "Point");
	jw_key(w, "coordinates");
	jw_raw(w, arena_printf(r->a, "[%s,%s]", lon, lat));
	jw_obj_end(w);
	jw_obj_end(w);
}

/* Sends the FeatureCollection in b (frees it): application/geo+json for
 * the pages' Leaflet, the API's own answer under /api/. */
static int geojson_send(struct req *r, struct sbuf *b)
{
	resp_header(r, "Cache-Control", "private, no-store");
	if (r->api)
		return api_send(r, 200, b);
	r->out_ctype = "application/geo+json";
	sbuf_add(&r->out, b->data, b->len);
	sbuf_free(b);
	r->status = 200;
	r->sent = true;
	return 0;
}

/* GET /api/v1/tasks/:id */
int api_task(struct req *r)
{
	long id = path_num(r, 0);
	if (!task_visible(r->a, &r->actor, id, NULL))
		return 404;
	return task_send(r, 200, id);
}

/* The photos a request carries for the form d: each upload named after a
 * photo question (the API: its name; a page: f_<name>). */
static size_t photos_of(struct req *r, const struct form_def *d, const char *prefix, struct task_photo *out, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; d && i < d->nfields && n < max; i++) {
		if (d->fields[i].type != FT_PHOTO)
			continue;
		const struct upload *u = req_upload(r, arena_printf(r->a, "%s%s", prefix, d->fields[i].name));
		if (u && u->len)
			out[n++] = (struct task_photo){ d->fields[i].name, u->filename, u->data, u->len };
	}
	return n;
}

/* The project of task id (its form), or NULL. */
static struct survey *task_survey(struct req *r, long id)
{
	const char *p = db_scalar(r->a, "SELECT project_id FROM tasks WHERE id = ?", "i", (long long)id);
	return p ? survey_load(r->a, strtol(p, NULL, 10)) : NULL;
}

/* POST /api/v1/tasks/:id/submit — JSON {"answers": {...}, "version_id"},
 * or multipart with the parts "answers" (JSON text) and "version_id", and
 * a file part per photo question */
int api_task_submit(struct req *r)
{
	long id = path_num(r, 0);
	struct survey *s = task_survey(r, id);
	if (!s || !task_visible(r->a, &r->actor, id, NULL))
		return 404;
	struct jval *answers = NULL;
	struct task_photo photos[8];
	size_t np = 0;
	long version = 0;
	if (str_starts(r->ctype ? r->ctype : "", "multipart/form-data")) {
		const char *t = req_form(r, "answers");
		answers = t ? json_parse(r->a, t, strlen(t), NULL) : NULL;
		if (t && !answers) {
			r->err_detail = "answers: not JSON";
			return 400;
		}
		np = photos_of(r, s->form, "", photos, ARRAY_LEN(photos));
		if (!str_empty(req_form(r, "version_id")) && !parse_long(req_form(r, "version_id"), 1, 2000000000L, &version))
			return 400;
	} else {
		struct jval *in = api_body(r);
		if (!in)
			return 400;
		answers = json_get(in, "answers");
		if (json_get(in, "version_id") && !json_get_long(in, "version_id", &version))
			return 400;
	}
	struct outcome o;
	const char *flags;
	out_init(&o, r->a);
	return task_answer(r, task_submit(r->a, &r->actor, id, version, answers, photos, np, &flags, &o), &o, id);
}

/* POST /api/v1/tasks/:id/start */
int api_task_start(struct req *r)
{
	long id = path_num(r, 0);
	struct outcome o;
	out_init(&o, r->a);
	return task_answer(r, task_start(r->a, &r->actor, id, &o), &o, id);
}

/* POST /api/v1/tasks/:id/approve | /return {"reason"} */
int api_task_decide(struct req *r)
{
	struct jval *in = api_body(r);
	if (!in)
		return 400;
	long id = path_num(r, 0);
	struct outcome o;
	out_init(&o, r->a);
	return task_answer(r, task_decide(r->a, &r->actor, id, str_ends_with(r->path, "/approve"), json_get_str(in, "reason"), &o), &o, id);
}

/* POST /api/v1/tasks/:id/reassign {"assignee", "reason"} */
int api_task_reassign(struct req *r)
{
	struct jval *in = api_body(r);
	if (!in)
		return 400;
	long id = path_num(r, 0), to = 0;
	if (json_get(in, "assignee") && !json_get_long(in, "assignee", &to))
		return 400;
	struct outcome o;
	out_init(&o, r->a);
	return task_answer(r, task_reassign(r->a, &r->actor, id, to, json_get_str(in, "reason"), &o), &o, id);
}

/* The typed input of a new project from a JSON object (the API's body, or
 * a definition file from the page). */
static struct survey_input survey_in(const struct jval *in)
{
	struct jval *title = json_get(in, "title");
	return (struct survey_input){ .code = json_get_str(in, "code"), .title_en = json_get_str(title, "en"),
				      .title_hi = json_get_str(title, "hi"), .form = json_get(in, "form"),
				      .target_kind = json_get_str(in, "target_kind"), .amenity_types = json_get_str(in, "amenity_types"),
				      .window_from = json_get_str(in, "window_from"), .window_to = json_get_str(in, "window_to") };
}

/* The API's answer to a refused survey form: the outcome, with the form's
 * problems (one a line) as the error message; frees probs. */
static int form_refused(struct req *r, const struct outcome *o, struct sbuf *probs)
{
	int st = page_outcome(r, o);
	if (probs->len)
		r->err_detail = arena_strdup(r->a, probs->data);
	sbuf_free(probs);
	return st;
}

/* POST /api/v1/surveys {code, title {en, hi}, form, target_kind, amenity_types, window_from, window_to} */
int api_survey_create(struct req *r)
{
	struct jval *in = api_body(r);
	if (!in)
		return 400;
	struct survey_input si = survey_in(in);
	struct outcome o;
	struct sbuf probs;
	long id;
	out_init(&o, r->a);
	sbuf_init(&probs);
	int rc = survey_create(r->a, &r->actor, &si, &probs, &id, &o);
	if (rc != 0)
		return form_refused(r, &o, &probs);
	sbuf_free(&probs);
	return id_send(r, 201, id);
}

static const char *const SURVEY_COLS[] = { "#id", "code", "title_en", "title_hi", "target_kind", "amenity_types", "window_from",
					   "window_to", "status", "#tasks", "#completed", NULL };

/* Projects with their tasks counted in root's area (NULL: a VLE's own). */
static struct dbres *surveys_list(struct req *r, const char *root)
{
	return db_query(r->a, "SELECT p.id, p.code, p.title_en, p.title_hi, p.target_kind, p.amenity_types, p.window_from, p.window_to, "
			      "p.status, COUNT(t.id), IFNULL(SUM(t.status = 'completed'), 0) FROM survey_projects p "
			      "LEFT JOIN (tasks t JOIN locations g ON g.id = t.gp_id) ON t.project_id = p.id "
			      "AND (? IS NULL OR g.path LIKE CONCAT(?, '%')) AND (? = 0 OR t.assignee_id = ?) "
			      "GROUP BY p.id ORDER BY p.id DESC LIMIT 200",
			"ssii", root, root, (long long)(root ? 0 : r->user->id), (long long)(root ? 0 : r->user->id));
}

/* GET /api/v1/surveys */
int api_surveys(struct req *r)
{
	const char *root = NULL;
	if ((r->user->roles & SURVEY_OFFICERS) && area_root(r, SURVEY_OFFICERS, &root) != 0)
		return 403;
	struct dbres *s = surveys_list(r, root);
	return s ? rows_send(r, s, SURVEY_COLS) : 503;
}

/* The report of a project as JSON into w: counts by place and by VLE,
 * per day, ageing, answer distributions. */
static void report_json(struct req *r, const struct survey *s, const char *root, struct jw *w)
{
	static const char *const counts[] = { "#allocated", "#in_progress", "#pending_approval", "#completed", "#returned", "#flagged",
					      "#total" };
	static const char *const place[] = { "#gp", "gp_en", "gp_hi", "block", counts[0], counts[1], counts[2], counts[3],
					     counts[4], counts[5], counts[6], NULL };
	static const char *const vle[] = { "#user", "name", counts[0], counts[1], counts[2], counts[3], counts[4], counts[5],
					   counts[6], NULL };
	static const char *const day[] = { "day", "#submitted", NULL };
	static const char *const age[] = { "#days_0_3", "#days_4_7", "#days_8_15", "#days_over_15", "#oldest_days", NULL };
	struct { const char *key; enum survey_report which; const char *const *names; } parts[] = {
		{ "by_place", SR_BY_PLACE, place }, { "by_vle", SR_BY_VLE, vle }, { "per_day", SR_BY_DAY, day },
	};
	jw_obj(w);
	jw_kint(w, "survey", s->id);
	jw_kstr(w, "code", s->code);
	for (size_t k = 0; k < ARRAY_LEN(parts); k++) {
		struct dbres *res = survey_report(r->a, s->id, root, parts[k].which);
		jw_key(w, parts[k].key);
		jw_arr(w);
		for (size_t i = 0; res && i < res->nrows; i++)
			row_json(w, res, i, parts[k].names);
		jw_arr_end(w);
	}
	struct dbres *ag = survey_report(r->a, s->id, root, SR_AGEING);
	jw_key(w, "ageing");
	if (ag && ag->nrows == 1)
		row_json(w, ag, 0, age);
	else
		jw_null(w);
	jw_key(w, "answers");
	survey_distributions(r->a, s, survey_report(r->a, s->id, root, SR_ANSWERS), r->lang, w);
	jw_obj_end(w);
}

/* GET /api/v1/surveys/:id/report[?location=] */
int api_survey_report(struct req *r)
{
	struct survey *s = survey_load(r->a, path_num(r, 0));
	const char *root;
	if (!s)
		return 404;
	int st = area_root(r, SURVEY_OFFICERS, &root);
	if (st)
		return st;
	struct sbuf b;
	struct jw w;
	sbuf_init(&b);
	jw_init(&w, &b);
	report_json(r, s, root, &w);
	return api_send(r, 200, &b);
}

/* The place ids of an allocation: a JSON list, or form values. */
static size_t place_ids(struct req *r, const struct jval *list, long *out, size_t max, bool *bad)
{
	size_t n = 0;
	*bad = false;
	if (list) {
		if (list->type != J_ARR || list->n > max) {
			*bad = true;
			return 0;
		}
		for (size_t i = 0; i < list->n; i++)
			if (!json_is_int(list->kids[i], &out[n++]) || out[n - 1] <= 0)
				*bad = true;
		return n;
	}
	const char *vals[512];
	size_t nv = req_form_all(r, "place", vals, ARRAY_LEN(vals));
	for (size_t i = 0; i < nv && n < max; i++)
		if (!parse_long(vals[i], 1, 2000000000L, &out[n++]))
			*bad = true;
	return n;
}

/* The allocation's answer. */
static void alloc_json(struct jw *w, const struct survey_alloc *res)
{
	jw_obj(w);
	jw_kint(w, "allocated", res->made);
	jw_kint(w, "existing", res->existing);
	jw_kint(w, "gps_without_vle", res->no_vle);
	jw_obj_end(w);
}

/* POST /api/v1/surveys/:id/allocate {"places": [ids], "assignee"?} */
int api_survey_allocate(struct req *r)
{
	struct jval *in = api_body(r);
	if (!in)
		return 400;
	long places[512], to = 0;
	bool bad;
	size_t n = place_ids(r, json_get(in, "places") ? json_get(in, "places") : &(struct jval){ .type = J_NULL }, places,
			     ARRAY_LEN(places), &bad);
	if (bad || (json_get(in, "assignee") && !json_get_long(in, "assignee", &to)))
		return 400;
	struct outcome o;
	struct survey_alloc res;
	out_init(&o, r->a);
	if (survey_allocate(r->a, &r->actor, path_num(r, 0), places, n, to, &res, &o) != 0)
		return page_outcome(r, &o);
	struct sbuf b;
	struct jw w;
	sbuf_init(&b);
	jw_init(&w, &b);
	alloc_json(&w, &res);
	return api_send(r, 200, &b);
}

/* POST /api/v1/surveys/:id/close */
int api_survey_close(struct req *r)
{
	long id = path_num(r, 0);
	struct outcome o;
	out_init(&o, r->a);
	if (survey_close(r->a, &r->actor, id, &o) != 0)
		return page_outcome(r, &o);
	return id_send(r, 200, id);
}

/* ---- amenities: API ---- */

/* The amenities of the viewer's area as GeoJSON (?type=, ?location=). */
static int amenities_geojson(struct req *r)
{
	const char *root;
	int st = amenity_root(r, &root);
	if (st)
		return st;
	struct dbres *m = amenity_list(r->a, root, req_query(r, "type"));
	if (!m)
		return 503;
	static const char *const names[] = { "#id", "type", "type_en", "type_hi", "colour", "name", "", "", "#gp", "gp_en", "gp_hi",
					     "#photo", "last_surveyed_at", NULL };
	struct sbuf b;
	struct jw w;
	sbuf_init(&b);
	jw_init(&w, &b);
	jw_obj(&w);
	jw_kstr(&w, "type", "FeatureCollection");
	jw_key(&w, "features");
	jw_arr(&w);
	for (size_t i = 0; i < m->nrows; i++) {
		feature_open(&w);
		row_json(&w, m, i, names);
		feature_close(r, &w, db_val(m, i, 6), db_val(m, i, 7));
	}
	jw_arr_end(&w);
	jw_obj_end(&w);
	return geojson_send(r, &b);
}

/* GET /api/v1/amenities[?type=&location=] — GeoJSON */
int api_amenities(struct req *r)
{
	return amenities_geojson(r);
}

/* The typed input of a new amenity from the API's JSON or a page's form. */
static int amenity_post(struct req *r, const struct jval *in, long *id, struct outcome *o)
{
	struct task_photo ph = { 0 };
	const struct upload *u = req_upload(r, r->api ? "photo" : "f_photo");
	if (u && u->len)
		ph = (struct task_photo){ "photo", u->filename, u->data, u->len };
	long loc = 0;
	json_get_long(in, "location", &loc);
	struct amenity_input ai = { .type = json_get_str(in, "type"), .location = loc, .name = json_get_str(in, "name"),
				    .point = json_get(in, "point"), .photo = ph.data ? &ph : NULL };
	return amenity_add(r->a, &r->actor, &ai, id, o);
}

/* The amenity's fields from a page form or a multipart API request, as
 * the JSON object the API takes. */
static struct jval *amenity_form(struct req *r, const char *pfx)
{
	struct sbuf b;
	struct jw w;
	sbuf_init(&b);
	jw_init(&w, &b);
	jw_obj(&w);
	jw_kstr(&w, "type", req_form(r, "type"));
	long loc;
	if (parse_long(req_form(r, "location"), 1, 2000000000L, &loc))
		jw_kint(&w, "location", loc);
	jw_kstr(&w, "name", req_form(r, arena_printf(r->a, "%sname", pfx)));
	jw_key(&w, "point");
	jw_obj(&w);
	static const char *const parts[] = { "lat", "lon", "accuracy_m", "fix_at", "source" };
	for (size_t i = 0; i < ARRAY_LEN(parts); i++) {
		const char *v = req_form(r, arena_printf(r->a, "%spoint%s%s", pfx, *pfx ? "__" : ".", parts[i]));
		if (v && *v)
			jw_kstr(&w, parts[i], v);
	}
	jw_obj_end(&w);
	jw_obj_end(&w);
	struct jval *v = json_parse(r->a, b.data, b.len, NULL);
	sbuf_free(&b);
	return v;
}

/* POST /api/v1/amenities — JSON {type, location, name, point {lat, lon,
 * accuracy_m, fix_at, source}}, or multipart with those as fields
 * (point.lat ...) and the file part "photo" */
int api_amenity_add(struct req *r)
{
	struct jval *in = str_starts(r->ctype ? r->ctype : "", "multipart/form-data") ? amenity_form(r, "") : api_body(r);
	if (!in)
		return 400;
	struct outcome o;
	long id;
	out_init(&o, r->a);
	if (amenity_post(r, in, &id, &o) != 0)
		return page_outcome(r, &o);
	return id_send(r, 201, id);
}

/* ---- pages ---- */

static const char *const TASK_HDF[] = { "id", "survey", "code", "title_en", "title_hi", "target_kind", "target", "gp_en", "gp_hi",
					"assignee_name", "status", "flags", "due", "allocated_at", "submitted_at", "lat", "lon",
					"assignee", NULL };

/* GET /tasks[?status=&survey=] — a VLE's tasks; an officer's area's tasks */
int page_tasks(struct req *r)
{
	int st;
	struct dbres *t = tasks_for(r, &st);
	if (!t)
		return st;
	hset_rows(r, "Tasks", t, TASK_HDF);
	hset_rows_date(r, "Tasks", t, 12, "due");
	hset(r, "Status", req_query(r, "status"));
	hset(r, "Done", req_query(r, "done"));
	hset(r, "Officer", (r->user->roles & SURVEY_OFFICERS) ? "1" : "");
	return tmpl_render(r, "tasks.cs");
}

/* The VLEs an officer may give a task to: those placed in the officer's area. */
static void vle_choices(struct req *r)
{
	const struct juris_root *roots = juris_prefixes(r->a, r->user, SURVEY_OFFICERS);
	if (!roots[0].path)
		return;
	struct dbres *v = db_query(r->a, "SELECT DISTINCT u.id, CONCAT_WS(' ', u.first_name, u.last_name), l.name_en FROM role_holdings rh JOIN users u ON u.id = rh.user_id "
					 "JOIN locations l ON l.id = rh.location_id WHERE rh.role = 'csc' AND rh.active = 1 "
					 "AND l.path LIKE CONCAT(?, '%') ORDER BY CONCAT_WS(' ', u.first_name, u.last_name) LIMIT 500", "s", roots[0].path);
	static const char *const cols[] = { "id", "name", "place", NULL };
	hset_rows(r, "Vles", v, cols);
}

/* Fills the task page: the task, its form (for its VLE while open) or its
 * answers, flags and the officer's actions.  answers: what was typed (a
 * refused submission) or NULL. */
static int task_fill(struct req *r, long id, const struct jval *typed, const struct outcome *errs)
{
	struct survey *s = task_survey(r, id);
	if (!s || !task_visible(r->a, &r->actor, id, NULL))
		return 404;
	struct dbres *t = db_query(r->a, "SELECT t.id, t.status, t.flags, t.assignee_id, CONCAT_WS(' ', u.first_name, u.last_name), g.name_en, IFNULL(g.name_hi, g.name_en), "
					 "IF(t.target_kind = 'amenity', m.name, ''), t.due_date, IFNULL(t.submitted_at, ''), "
					 "IFNULL(t.lat, ''), IFNULL(t.lon, ''), IFNULL(t.accuracy_m, ''), IFNULL(t.photo_doc_id, ''), "
					 "IFNULL(t.return_note, ''), t.answers, t.allocated_at, IFNULL(t.answers_version_id, 0) "
					 "FROM tasks t JOIN users u ON u.id = t.assignee_id "
					 "JOIN locations g ON g.id = t.gp_id LEFT JOIN amenities m ON t.target_kind = 'amenity' AND m.id = t.target_id "
					 "WHERE t.id = ?", "i", (long long)id);
	if (!t || t->nrows != 1)
		return 503;
	static const char *const cols[] = { "id", "status", "flags", "assignee", "assignee_name", "gp_en", "gp_hi", "amenity", "due",
					    "submitted_at", "lat", "lon", "accuracy", "photo", "return_note", "answers_json", "allocated_at", NULL };
	hset_rows(r, "Task", t, cols);
	hset_rows_date(r, "Task", t, 8, "due");	/* as people read dates */
	hset_rows_date(r, "Task", t, 9, "submitted_at");
	hset(r, "Survey.title", i18n_get(&s->title, r->lang));
	hset_int(r, "Survey.id", s->id);
	hset(r, "Survey.window_from", date_long(r->a, s->window_from, r->lang));
	hset(r, "Survey.window_to", date_long(r->a, s->window_to, r->lang));
	const char *st = db_val(t, 0, 1);
	bool mine = db_int(t, 0, 3) == r->user->id;
	bool open = str_eq(st, "allocated") || str_eq(st, "in_progress") || str_eq(st, "returned");
	bool officer = (r->user->roles & SURVEY_OFFICERS) && !mine;
	const char *stored = db_val(t, 0, 15);
	struct jval *ans = stored ? json_parse(r->a, stored, strlen(stored), NULL) : NULL;
	if (mine && open) {
		hset(r, "Can.fill", "1");
		formview_fill(r, s->form, "Fields", typed, NULL);
		if (errs)
			formview_outcome(r, s->form, errs);
	} else if (errs) {	/* an officer's refused return or reassignment */
		page_outcome(r, errs);
	}
	if (ans) {	/* read in the version they were filled in */
		struct survey_version *av = survey_version_load(r->a, s->id, (long)db_int(t, 0, 17));
		formview_summary(r, av ? av->form : s->form, ans, "Answers", false);
		if (av)
			hset_int(r, "Task.0.answers_version", av->version);
	}
	hset_int(r, "Survey.version_id", s->version_id);
	if (officer) {
		hset(r, "Can.decide", str_eq(st, "pending_approval") ? "1" : "");
		hset(r, "Can.reassign", open ? "1" : "");
		if (open)
			vle_choices(r);
	}
	for (size_t k = 0; k < ARRAY_LEN(STATES); k++)
		if (str_eq(STATES[k], st))
			hset(r, "Task.0.colour", STATE_COLOURS[k]);
	hset(r, "Page.svcform", "1");
	return tmpl_render(r, "task.cs");
}

/* GET /tasks/:id */
int page_task(struct req *r)
{
	return task_fill(r, path_num(r, 0), NULL, NULL);
}

/* Re-renders the task page with a refusal (its status kept). */
static int task_refused(struct req *r, long id, const struct jval *typed, const struct outcome *o)
{
	if (o->status != 422) {
		page_outcome(r, o);
		return o->status;
	}
	int st = task_fill(r, id, typed, o);
	if (st)
		return st;
	r->status = 422;
	return 0;
}

/* POST /tasks/:id (multipart: f_* answers, a file per photo question) */
int page_task_submit(struct req *r)
{
	long id = path_num(r, 0);
	struct survey *s = task_survey(r, id);
	if (!s || !task_visible(r->a, &r->actor, id, NULL))
		return 404;
	struct jval *answers = formview_answers(r, s->form);
	struct task_photo photos[8];
	size_t np = photos_of(r, s->form, "f_", photos, ARRAY_LEN(photos));
	struct outcome o;
	const char *flags;
	long version = 0;
	out_init(&o, r->a);
	if (!str_empty(req_form(r, "version_id")) && !parse_long(req_form(r, "version_id"), 1, 2000000000L, &version))
		return 400;
	if (task_submit(r->a, &r->actor, id, version, answers, photos, np, &flags, &o) != 0)
		return task_refused(r, id, answers, &o);
	resp_redirect(r, arena_printf(r->a, "/tasks?done=%s", *flags ? "flagged" : "submitted"));
	return 0;
}

/* POST /tasks/:id/start */
int page_task_start(struct req *r)
{
	long id = path_num(r, 0);
	struct outcome o;
	out_init(&o, r->a);
	if (task_start(r->a, &r->actor, id, &o) != 0)
		return page_outcome(r, &o);
	resp_redirect(r, arena_printf(r->a, "/tasks/%ld", id));
	return 0;
}

/* POST /tasks/:id/decide (action = approve | return, reason) */
int page_task_decide(struct req *r)
{
	long id = path_num(r, 0);
	const char *act = req_form(r, "action");
	if (!str_eq(act, "approve") && !str_eq(act, "return"))
		return 400;
	struct outcome o;
	out_init(&o, r->a);
	if (task_decide(r->a, &r->actor, id, str_eq(act, "approve"), req_form(r, "reason"), &o) != 0)
		return task_refused(r, id, NULL, &o);
	resp_redirect(r, arena_printf(r->a, "/tasks?done=%s", act));
	return 0;
}

/* POST /tasks/:id/reassign (assignee, reason) */
int page_task_reassign(struct req *r)
{
	long id = path_num(r, 0), to = 0;
	if (!str_empty(req_form(r, "assignee")) && !parse_long(req_form(r, "assignee"), 1, 2000000000L, &to))
		to = -1;
	struct outcome o;
	out_init(&o, r->a);
	if (task_reassign(r->a, &r->actor, id, to, req_form(r, "reason"), &o) != 0)
		return task_refused(r, id, NULL, &o);
	resp_redirect(r, arena_printf(r->a, "/tasks/%ld?reassigned=1", id));
	return 0;
}

/* Sends stored picture doc inline (its viewer has been checked). */
static int send_photo(struct req *r, const char *doc)
{
	long id;
	if (!parse_long(doc, 1, 2000000000000L, &id))
		return 404;
	size_t len;
	const char *mime, *label;
	unsigned char *p = locker_read(r->a, id, &len, &mime, &label);
	if (!p)
		return 404;
	resp_inline(r, mime, p, len, label);
	free(p);
	return 0;
}

/* GET /tasks/:id/photo — the submitted photo (its VLE, officers over the GP) */
int page_task_photo(struct req *r)
{
	long id = path_num(r, 0);
	if (!task_visible(r->a, &r->actor, id, NULL))
		return 404;
	return send_photo(r, db_scalar(r->a, "SELECT photo_doc_id FROM tasks WHERE id = ?", "i", (long long)id));
}

/* GET /surveys — projects (officers: counted in their area; VLEs: their own) */
int page_surveys(struct req *r)
{
	const char *root = NULL;
	if ((r->user->roles & SURVEY_OFFICERS) && area_root(r, SURVEY_OFFICERS, &root) != 0)
		return 403;
	struct dbres *s = surveys_list(r, root);
	if (!s)
		return 503;
	static const char *const cols[] = { "id", "code", "title_en", "title_hi", "target_kind", "amenity_types", "from", "to", "status",
					    "tasks", "completed", NULL };
	hset_rows(r, "Surveys", s, cols);
	hset_rows_date(r, "Surveys", s, 6, "from");
	hset_rows_date(r, "Surveys", s, 7, "to");
	hset(r, "Officer", root ? "1" : "");
	hset(r, "Can.create", user_has(r->user, ROLE_DI) || user_has(r->user, ROLE_STATE_ADMIN) ? "1" : "");
	struct dbres *ty = db_query(r->a, "SELECT code, IF(? = 'hi', name_hi, name_en) FROM amenity_types ORDER BY sort", "s", r->lang);
	static const char *const tcols[] = { "code", "name", NULL };
	hset_rows(r, "Types", ty, tcols);
	return tmpl_render(r, "surveys.cs");
}

/* POST /surveys — a new project: the fields and the form's JSON */
int page_survey_create(struct req *r)
{
	static const char *const keep[] = { "code", "title_en", "title_hi", "target_kind", "amenity_types", "window_from", "window_to",
					    "form", NULL };
	const char *ft = req_form(r, "form");
	struct jval *form = ft ? json_parse(r->a, ft, strlen(ft), NULL) : NULL;
	struct survey_input si = { .code = req_form(r, "code"), .title_en = req_form(r, "title_en"), .title_hi = req_form(r, "title_hi"),
				   .form = form, .target_kind = req_form(r, "target_kind"), .amenity_types = req_form(r, "amenity_types"),
				   .window_from = req_form(r, "window_from"), .window_to = req_form(r, "window_to") };
	struct outcome o;
	struct sbuf probs;
	long id;
	out_init(&o, r->a);
	sbuf_init(&probs);
	if (survey_create(r->a, &r->actor, &si, &probs, &id, &o) == 0) {
		sbuf_free(&probs);
		resp_redirect(r, arena_printf(r->a, "/surveys/%ld", id));
		return 0;
	}
	int st = page_outcome(r, &o);
	hset_lines(r, "Problems", probs.data);
	sbuf_free(&probs);
	if (st != 422 && st != 409)
		return st;
	form_keep(r, keep);
	page_surveys(r);
	r->status = st;
	return 0;
}

/* The points of a project's tasks that have a place (submitted, or an
 * amenity target), coloured by state, with the legend counted. */
static void task_map(struct req *r, const struct survey *s, const char *root)
{
	struct dbres *t = db_query(r->a, "SELECT t.id, t.status, IFNULL(t.lat, m.lat), IFNULL(t.lon, m.lon), "
					 "IF(t.target_kind = 'amenity', m.name, g.name_en) FROM tasks t JOIN locations g ON g.id = t.gp_id "
					 "LEFT JOIN amenities m ON t.target_kind = 'amenity' AND m.id = t.target_id "
					 "WHERE t.project_id = ? AND g.path LIKE CONCAT(?, '%') AND t.status <> 'cancelled' "
					 "AND IFNULL(t.lat, m.lat) IS NOT NULL LIMIT 5000", "is", (long long)s->id, root);
	size_t n = t ? t->nrows : 0;
	struct map_point *pts = arena_alloc(r->a, (n + 1) * sizeof *pts);
	long counts[ARRAY_LEN(STATES)] = { 0 };
	for (size_t i = 0; i < n; i++) {
		const char *st = db_val(t, i, 1);
		for (size_t k = 0; k < ARRAY_LEN(STATES); k++)
			counts[k] += str_eq(STATES[k], st);
		pts[i] = (struct map_point){ .at = { strtod(db_val(t, i, 2), NULL), strtod(db_val(t, i, 3), NULL) },
					     .color = state_colour(st),
					     .label = arena_printf(r->a, "%s: %s", db_val(t, i, 4),
								   tmpl_str(r->lang, arena_printf(r->a, "survey.state.%s", st))),
					     .href = arena_printf(r->a, "/tasks/%s", db_val(t, i, 0)) };
	}
	struct map_key keys[ARRAY_LEN(STATES)];
	for (size_t k = 0; k < ARRAY_LEN(STATES); k++)
		keys[k] = (struct map_key){ STATE_COLOURS[k], arena_printf(r->a, "%s: %ld", tmpl_str(r->lang, arena_printf(r->a, "survey.state.%s", STATES[k])),
									   counts[k]) };
	struct map_spec m = { .title = i18n_get(&s->title, r->lang), .points = pts, .npoints = n, .keys = keys, .nkeys = ARRAY_LEN(keys) };
	struct sbuf svg;
	sbuf_init(&svg);
	geo_map_svg(&svg, &m);
	hset(r, "Map", svg.data);
	sbuf_free(&svg);
}

/* GET /surveys/:id[?location=] — the report, the allocation form and the map */
int page_survey(struct req *r)
{
	struct survey *s = survey_load(r->a, path_num(r, 0));
	const char *root;
	if (!s)
		return 404;
	int st = area_root(r, SURVEY_OFFICERS, &root);
	if (st)
		return st;
	hset_int(r, "Survey.id", s->id);
	hset(r, "Survey.code", s->code);
	hset(r, "Survey.title", i18n_get(&s->title, r->lang));
	hset(r, "Survey.target_kind", s->target_kind);
	hset(r, "Survey.status", s->status);
	hset(r, "Survey.window_from", date_long(r->a, s->window_from, r->lang));
	hset(r, "Survey.window_to", date_long(r->a, s->window_to, r->lang));
	hset(r, "Location", req_query(r, "location"));
	static const char *const counts[] = { "gp", "gp_en", "gp_hi", "block", "allocated", "in_progress", "pending_approval",
					      "completed", "returned", "flagged", "total", NULL };
	hset_rows(r, "ByPlace", survey_report(r->a, s->id, root, SR_BY_PLACE), counts);
	static const char *const vcounts[] = { "user", "name", "allocated", "in_progress", "pending_approval", "completed", "returned",
					       "flagged", "total", NULL };
	hset_rows(r, "ByVle", survey_report(r->a, s->id, root, SR_BY_VLE), vcounts);
	static const char *const dcols[] = { "day", "n", NULL };
	hset_rows(r, "PerDay", survey_report(r->a, s->id, root, SR_BY_DAY), dcols);
	static const char *const acols[] = { "d0", "d4", "d8", "d16", "oldest", NULL };
	hset_rows(r, "Ageing", survey_report(r->a, s->id, root, SR_AGEING), acols);
	/* answer distributions: the API's JSON, read back into the page */
	struct sbuf b;
	struct jw w;
	sbuf_init(&b);
	jw_init(&w, &b);
	survey_distributions(r->a, s, survey_report(r->a, s->id, root, SR_ANSWERS), r->lang, &w);
	struct jval *d = json_parse(r->a, b.data, b.len, NULL);
	sbuf_free(&b);
	for (size_t i = 0; d && i < d->n; i++) {
		struct jval *q = d->kids[i], *opts = json_get(q, "options");
		const char *k = arena_printf(r->a, "Dist.%zu", i);
		hset(r, arena_printf(r->a, "%s.label", k), json_get_str(q, "label"));
		hset(r, arena_printf(r->a, "%s.answered", k), json_get(q, "answered")->str);
		if (json_get(q, "sum")) {
			hset(r, arena_printf(r->a, "%s.sum", k), json_get(q, "sum")->str);
			hset(r, arena_printf(r->a, "%s.average", k), json_get(q, "average")->str);
		}
		for (size_t o = 0; opts && o < opts->n; o++) {
			hset(r, arena_printf(r->a, "%s.opts.%zu.label", k, o), json_get_str(opts->kids[o], "label"));
			hset(r, arena_printf(r->a, "%s.opts.%zu.count", k, o), json_get(opts->kids[o], "count")->str);
		}
	}
	/* the GPs an allocation may name: the area's */
	struct dbres *gps = db_query(r->a, "SELECT g.id, g.name_en, IFNULL(g.name_hi, g.name_en), b.name_en FROM locations g "
					   "LEFT JOIN locations b ON b.id = g.parent_id WHERE g.type = 'panchayat' AND g.active = 1 "
					   "AND g.path LIKE CONCAT(?, '%') ORDER BY b.name_en, g.name_en LIMIT 400", "s", root);
	static const char *const gcols[] = { "id", "name_en", "name_hi", "block", NULL };
	hset_rows(r, "Gps", gps, gcols);
	vle_choices(r);
	hset(r, "Allocated", req_query(r, "allocated"));
	hset(r, "Can.close", user_has(r->user, ROLE_DI) || user_has(r->user, ROLE_STATE_ADMIN) ? "1" : "");
	task_map(r, s, root);
	hset(r, "Page.points_map", "1");
	return tmpl_render(r, "survey.cs");
}

/* GET /surveys/:id/csv — the report by place */
int page_survey_csv(struct req *r)
{
	struct survey *s = survey_load(r->a, path_num(r, 0));
	const char *root;
	if (!s)
		return 404;
	int st = area_root(r, SURVEY_OFFICERS, &root);
	if (st)
		return st;
	struct dbres *p = survey_report(r->a, s->id, root, SR_BY_PLACE);
	if (!p)
		return 503;
	struct sbuf b;
	sbuf_init(&b);
	sbuf_adds(&b, "gp_id,gp,block,allocated,in_progress,pending_approval,completed,returned,flagged,total\r\n");
	for (size_t i = 0; i < p->nrows; i++) {
		for (size_t c = 0; c < p->ncols; c++) {
			if (c == 2)
				continue;	/* the Hindi name: the CSV is for spreadsheets, in English */
			if (c)
				sbuf_addc(&b, ',');
			csv_cell(&b, db_val(p, i, c));
		}
		sbuf_adds(&b, "\r\n");
	}
	resp_bytes(r, "text/csv; charset=utf-8", b.data, b.len, arena_printf(r->a, "survey-%s.csv", s->code));
	sbuf_free(&b);
	return 0;
}

/* GET /surveys/:id/map.json — the task points as GeoJSON (Leaflet) */
int page_survey_geojson(struct req *r)
{
	struct survey *s = survey_load(r->a, path_num(r, 0));
	const char *root;
	if (!s)
		return 404;
	int st = area_root(r, SURVEY_OFFICERS, &root);
	if (st)
		return st;
	struct dbres *t = task_list(r->a, 0, root, s->id, NULL);
	if (!t)
		return 503;
	struct sbuf b;
	struct jw w;
	sbuf_init(&b);
	jw_init(&w, &b);
	jw_obj(&w);
	jw_kstr(&w, "type", "FeatureCollection");
	jw_key(&w, "features");
	jw_arr(&w);
	for (size_t i = 0; i < t->nrows; i++) {
		if (str_empty(db_val(t, i, 15)))
			continue;
		feature_open(&w);
		jw_obj(&w);
		jw_kstr(&w, "name", db_val(t, i, is_hi(r) ? 8 : 6));
		jw_kstr(&w, "label", tmpl_str(r->lang, arena_printf(r->a, "survey.state.%s", db_val(t, i, 10))));
		jw_kstr(&w, "colour", state_colour(db_val(t, i, 10)));
		jw_kstr(&w, "href", arena_printf(r->a, "/tasks/%s", db_val(t, i, 0)));
		jw_obj_end(&w);
		feature_close(r, &w, db_val(t, i, 15), db_val(t, i, 16));
	}
	jw_arr_end(&w);
	jw_obj_end(&w);
	return geojson_send(r, &b);
}

/* POST /surveys/:id/allocate (place = GP/block ids, assignee optional) */
int page_survey_allocate(struct req *r)
{
	long places[512], to = 0;
	bool bad;
	size_t n = place_ids(r, NULL, places, ARRAY_LEN(places), &bad);
	if (bad)
		return 400;
	if (!str_empty(req_form(r, "assignee")) && !parse_long(req_form(r, "assignee"), 1, 2000000000L, &to))
		return 400;
	long id = path_num(r, 0);
	struct outcome o;
	struct survey_alloc res;
	out_init(&o, r->a);
	if (survey_allocate(r->a, &r->actor, id, places, n, to, &res, &o) != 0) {
		int st = page_outcome(r, &o);
		if (st != 422)
			return st;
		page_survey(r);
		r->status = 422;
		return 0;
	}
	resp_redirect(r, arena_printf(r->a, "/surveys/%ld?allocated=%ld", id, res.made));
	return 0;
}

/* POST /surveys/:id/close */
int page_survey_close(struct req *r)
{
	long id = path_num(r, 0);
	struct outcome o;
	out_init(&o, r->a);
	if (survey_close(r->a, &r->actor, id, &o) != 0)
		return page_outcome(r, &o);
	resp_redirect(r, arena_printf(r->a, "/surveys/%ld", id));
	return 0;
}

/* ---- form versions: pages and API ---- */

/* May the viewer write and publish a project's form (its creators)? */
static bool may_author(const struct req *r)
{
	return user_has(r->user, ROLE_DI) || user_has(r->user, ROLE_STATE_ADMIN);
}

/* The project's heading facts every versions page shows. */
static void survey_head(struct req *r, const struct survey *s)
{
	hset_int(r, "Survey.id", s->id);
	hset(r, "Survey.code", s->code);
	hset(r, "Survey.title", i18n_get(&s->title, r->lang));
	hset(r, "Survey.status", s->status);
	hset(r, "Survey.window_from", date_long(r->a, s->window_from, r->lang));
	hset(r, "Survey.window_to", date_long(r->a, s->window_to, r->lang));
	hset(r, "Can.edit", may_author(r) && str_eq(s->status, "open") ? "1" : "");
	hset(r, "Done", req_query(r, "done"));
}

/* The versions page: the list and the editor, holding typed (a refused
 * draft as sent) or else the draft's form, or the published one to start
 * a new draft from. */
static int versions_fill(struct req *r, const struct survey *s, const char *typed)
{
	struct dbres *v = survey_versions(r->a, s->id);
	if (!v)
		return 503;
	static const char *const cols[] = { "id", "version", "status", "created_at", "published_at", "by", NULL };
	hset_rows(r, "Versions", v, cols);
	hset_rows_date(r, "Versions", v, 3, "created_at");
	for (size_t i = 0; i < v->nrows; i++)
		if (!str_empty(db_val(v, i, 4)))
			hset(r, arena_printf(r->a, "Versions.%zu.published_at", i), date_long(r->a, db_val(v, i, 4), r->lang));
	survey_head(r, s);
	const char *text = typed;
	for (size_t i = 0; !text && i < v->nrows; i++)
		if (str_eq(db_val(v, i, 2), "draft")) {
			struct survey_version *d = survey_version_load(r->a, s->id, (long)db_int(v, i, 0));
			text = d ? d->form_text : NULL;
		}
	if (!text)
		text = db_scalar(r->a, "SELECT form FROM survey_projects WHERE id = ?", "i", (long long)s->id);
	hset(r, "Form.val.form", text);
	return tmpl_render(r, "survey_versions.cs");
}

/* GET /surveys/:id/versions */
int page_survey_versions(struct req *r)
{
	struct survey *s = survey_load(r->a, path_num(r, 0));
	return s ? versions_fill(r, s, NULL) : 404;
}

/* POST /surveys/:id/versions (form: the JSON) — saves the draft, then
 * shows its preview */
int page_survey_draft(struct req *r)
{
	struct survey *s = survey_load(r->a, path_num(r, 0));
	if (!s)
		return 404;
	const char *ft = req_form(r, "form");
	struct jval *form = ft ? json_parse(r->a, ft, strlen(ft), NULL) : NULL;
	struct outcome o;
	struct sbuf probs;
	long vid;
	out_init(&o, r->a);
	sbuf_init(&probs);
	if (survey_draft(r->a, &r->actor, s->id, form, &probs, &vid, &o) == 0) {
		sbuf_free(&probs);
		resp_redirect(r, arena_printf(r->a, "/surveys/%ld/versions/%ld/preview?done=draft", s->id, vid));
		return 0;
	}
	int st = page_outcome(r, &o);
	hset_lines(r, "Problems", probs.data);
	sbuf_free(&probs);
	if (st != 422)
		return st;
	if ((st = versions_fill(r, s, ft)) != 0)
		return st;
	r->status = 422;
	return 0;
}

/* POST /surveys/:id/versions/:v/publish */
int page_survey_publish(struct req *r)
{
	long id = path_num(r, 0);
	struct outcome o;
	out_init(&o, r->a);
	if (survey_publish(r->a, &r->actor, id, path_num(r, 1), &o) != 0)
		return page_outcome(r, &o);
	resp_redirect(r, arena_printf(r->a, "/surveys/%ld/versions?done=published", id));
	return 0;
}

/* GET /surveys/:id/versions/:v/preview — the form as a VLE will see it on
 * a task (the shared renderer), with the accuracy threshold of each
 * geopoint and the photo window stated */
int page_survey_preview(struct req *r)
{
	struct survey *s = survey_load(r->a, path_num(r, 0));
	struct survey_version *v = s ? survey_version_load(r->a, s->id, path_num(r, 1)) : NULL;
	if (!v)
		return 404;
	survey_head(r, s);
	hset_int(r, "Version.id", v->id);
	hset_int(r, "Version.version", v->version);
	hset(r, "Version.status", v->status);
	formview_fill(r, v->form, "Fields", NULL, NULL);
	for (size_t i = 0, n = 0; i < v->form->nfields; i++) {
		const struct field *f = &v->form->fields[i];
		if (f->type != FT_GEOPOINT)
			continue;
		const char *k = arena_printf(r->a, "Geo.%zu", n++);
		hset(r, arena_printf(r->a, "%s.name", k), f->name);
		hset(r, arena_printf(r->a, "%s.label", k), i18n_get(&f->label, r->lang));
		if (f->accuracy_max)
			hset_int(r, arena_printf(r->a, "%s.metres", k), f->accuracy_max);
	}
	hset(r, "Page.svcform", "1");
	return tmpl_render(r, "survey_preview.cs");
}

/* One version as the API's JSON: {id, version, status[, form]}. */
static int version_send(struct req *r, int status, const struct survey_version *v, bool with_form)
{
	struct sbuf b;
	struct jw w;
	sbuf_init(&b);
	jw_init(&w, &b);
	jw_obj(&w);
	jw_kint(&w, "id", v->id);
	jw_kint(&w, "version", v->version);
	jw_kstr(&w, "status", v->status);
	if (with_form) {
		jw_key(&w, "form");
		jw_raw(&w, v->form_text);
	}
	jw_obj_end(&w);
	return api_send(r, status, &b);
}

/* GET /api/v1/surveys/:id/versions */
int api_survey_versions(struct req *r)
{
	static const char *const names[] = { "#id", "#version", "status", "created_at", "published_at", "created_by_name", NULL };
	if (!survey_load(r->a, path_num(r, 0)))
		return 404;
	struct dbres *v = survey_versions(r->a, path_num(r, 0));
	return v ? rows_send(r, v, names) : 503;
}

/* GET /api/v1/surveys/:id/versions/:v — with its form (a VLE: a version
 * not a draft of a survey it has a task in) */
int api_survey_version(struct req *r)
{
	long id = path_num(r, 0);
	struct survey_version *v = survey_version_load(r->a, id, path_num(r, 1));
	if (!v)
		return 404;
	if (!(r->user->roles & SURVEY_OFFICERS) &&
	    (str_eq(v->status, "draft") ||
	     !db_scalar(r->a, "SELECT id FROM tasks WHERE project_id = ? AND assignee_id = ? LIMIT 1", "ii", (long long)id,
			(long long)r->user->id)))
		return 404;
	return version_send(r, 200, v, true);
}

/* POST /api/v1/surveys/:id/versions {form} — the draft made or changed */
int api_survey_draft(struct req *r)
{
	struct jval *in = api_body(r);
	if (!in)
		return 400;
	long id = path_num(r, 0), vid;
	if (!survey_load(r->a, id))
		return 404;
	struct outcome o;
	struct sbuf probs;
	out_init(&o, r->a);
	sbuf_init(&probs);
	if (survey_draft(r->a, &r->actor, id, json_get(in, "form"), &probs, &vid, &o) != 0)
		return form_refused(r, &o, &probs);
	sbuf_free(&probs);
	struct survey_version *v = survey_version_load(r->a, id, vid);
	return v ? version_send(r, 201, v, false) : 503;
}

/* POST /api/v1/surveys/:id/versions/:v/publish */
int api_survey_publish(struct req *r)
{
	long id = path_num(r, 0), vid = path_num(r, 1);
	struct outcome o;
	out_init(&o, r->a);
	if (survey_publish(r->a, &r->actor, id, vid, &o) != 0)
		return page_outcome(r, &o);
	struct survey_version *v = survey_version_load(r->a, id, vid);
	return v ? version_send(r, 200, v, false) : 503;
}

/* ---- amenities: pages ---- */

/* The amenities map of rows m (amenity_list), one dot per amenity
 * coloured by its type, the legend counting each type. */
static void amenity_map(struct req *r, const struct dbres *m, const char *title)
{
	struct map_point *pts = arena_alloc(r->a, (m->nrows + 1) * sizeof *pts);
	struct map_key *keys = arena_alloc(r->a, (m->nrows + 1) * sizeof *keys);
	long *counts = arena_alloc(r->a, (m->nrows + 1) * sizeof *counts);
	size_t nk = 0;
	for (size_t i = 0; i < m->nrows; i++) {
		const char *type = db_val(m, i, is_hi(r) ? 3 : 2);
		pts[i] = (struct map_point){ .at = { strtod(db_val(m, i, 6), NULL), strtod(db_val(m, i, 7), NULL) },
					     .color = db_val(m, i, 4), .label = arena_printf(r->a, "%s (%s)", db_val(m, i, 5), type),
					     .href = arena_printf(r->a, "/amenities/%s", db_val(m, i, 0)) };
		size_t k = 0;
		while (k < nk && !str_eq(keys[k].color, db_val(m, i, 4)))
			k++;
		if (k == nk)
			keys[nk++] = (struct map_key){ db_val(m, i, 4), type };
		counts[k]++;
	}
	for (size_t k = 0; k < nk; k++)
		keys[k].label = arena_printf(r->a, "%s: %ld", keys[k].label, counts[k]);
	struct map_spec spec = { .title = title, .points = pts, .npoints = m->nrows, .keys = keys, .nkeys = nk };
	struct sbuf svg;
	sbuf_init(&svg);
	geo_map_svg(&svg, &spec);
	hset(r, "Map", svg.data);
	sbuf_free(&svg);
}

/* GET /amenities[?type=&location=] — the list, the map and the add form */
int page_amenities(struct req *r)
{
	const char *root;
	int st = amenity_root(r, &root);
	if (st)
		return st;
	struct dbres *m = amenity_list(r->a, root, req_query(r, "type"));
	if (!m)
		return 503;
	static const char *const cols[] = { "id", "type", "type_en", "type_hi", "colour", "name", "lat", "lon", "gp", "gp_en", "gp_hi",
					    "photo", "surveyed", NULL };
	hset_rows(r, "Amenities", m, cols);
	amenity_map(r, m, tmpl_str(r->lang, "amenity.map_title"));
	struct dbres *ty = db_query(r->a, "SELECT code, IF(? = 'hi', name_hi, name_en) FROM amenity_types ORDER BY sort", "s", r->lang);
	static const char *const tcols[] = { "code", "name", NULL };
	hset_rows(r, "Types", ty, tcols);
	/* where one may be added: the GPs and villages of the area */
	struct dbres *pl = db_query(r->a, "SELECT l.id, IF(? = 'hi', IFNULL(l.name_hi, l.name_en), l.name_en), l.type FROM locations l "
					  "WHERE l.type IN ('panchayat', 'village') AND l.active = 1 AND l.path LIKE CONCAT(?, '%') "
					  "ORDER BY l.path LIMIT 400", "ss", r->lang, root);
	static const char *const pcols[] = { "id", "name", "type", NULL };
	hset_rows(r, "Places", pl, pcols);
	hset(r, "Type", req_query(r, "type"));
	hset(r, "Location", req_query(r, "location"));
	hset(r, "Added", req_query(r, "added"));
	hset(r, "Page.points_map", "1");
	hset(r, "Page.svcform", "1");
	return tmpl_render(r, "amenities.cs");
}

/* GET /amenities/map.json — the same points as GeoJSON (Leaflet) */
int page_amenities_geojson(struct req *r)
{
	return amenities_geojson(r);
}

/* POST /amenities (multipart: type, location, f_name, f_point__*, f_photo) */
int page_amenity_add(struct req *r)
{
	static const char *const keep[] = { "type", "location", "f_name", "f_point__lat", "f_point__lon", "f_point__accuracy_m", NULL };
	struct jval *in = amenity_form(r, "f_");
	struct outcome o;
	long id;
	out_init(&o, r->a);
	if (amenity_post(r, in, &id, &o) == 0) {
		resp_redirect(r, arena_printf(r->a, "/amenities/%ld", id));
		return 0;
	}
	int st = page_outcome(r, &o);
	if (st != 422)
		return st;
	static struct field names[] = { { .name = "name" }, { .name = "point" }, { .name = "photo" } };
	struct form_def d = { names, ARRAY_LEN(names) };
	formview_outcome(r, &d, &o);
	form_keep(r, keep);
	st = page_amenities(r);
	if (st)
		return st;
	r->status = 422;
	return 0;
}

/* The amenity row id if who may see it: type, name, GP, point, photo. */
static struct dbres *amenity_row(struct req *r, long id)
{
	struct dbres *m = db_query(r->a, "SELECT m.id, IF(? = 'hi', y.name_hi, y.name_en), m.name, g.name_en, IFNULL(g.name_hi, g.name_en), "
					 "m.lat, m.lon, IFNULL(m.accuracy_m, ''), IFNULL(m.photo_doc_id, ''), m.created_at, "
					 "IFNULL(m.last_surveyed_at, ''), g.path, y.colour FROM amenities m "
					 "JOIN amenity_types y ON y.code = m.type_code JOIN locations g ON g.id = m.gp_id WHERE m.id = ?",
				   "si", r->lang, (long long)id);
	if (!m || m->nrows != 1 || !amenity_may_see(&r->actor, db_val(m, 0, 11)))
		return NULL;
	return m;
}

/* GET /amenities/:id — one amenity: its photo, point and survey visits */
int page_amenity(struct req *r)
{
	long id = path_num(r, 0);
	struct dbres *m = amenity_row(r, id);
	if (!m)
		return 404;
	static const char *const cols[] = { "id", "type", "name", "gp_en", "gp_hi", "lat", "lon", "accuracy", "photo", "created_at",
					    "surveyed", "path", "colour", NULL };
	hset_rows(r, "Amenity", m, cols);
	hset_rows_date(r, "Amenity", m, 9, "created_at");
	hset_rows_date(r, "Amenity", m, 10, "surveyed");
	struct dbres *v = db_query(r->a, "SELECT t.id, IF(? = 'hi', p.title_hi, p.title_en), CONCAT_WS(' ', u.first_name, u.last_name), t.status, t.flags, "
					 "IFNULL(t.submitted_at, ''), IFNULL(t.decided_at, '') FROM tasks t JOIN survey_projects p ON p.id = t.project_id "
					 "JOIN users u ON u.id = t.assignee_id WHERE t.target_kind = 'amenity' AND t.target_id = ? ORDER BY t.id DESC",
				   "si", r->lang, (long long)id);
	static const char *const vcols[] = { "id", "survey", "vle", "status", "flags", "submitted_at", "decided_at", NULL };
	hset_rows(r, "Visits", v, vcols);
	struct map_point pt = { .at = { strtod(db_val(m, 0, 5), NULL), strtod(db_val(m, 0, 6), NULL) }, .color = db_val(m, 0, 12),
				.label = db_val(m, 0, 2) };
	struct map_spec spec = { .title = db_val(m, 0, 2), .points = &pt, .npoints = 1 };
	struct sbuf svg;
	sbuf_init(&svg);
	geo_map_svg(&svg, &spec);
	hset(r, "Map", svg.data);
	sbuf_free(&svg);
	return tmpl_render(r, "amenity.cs");
}

/* GET /amenities/:id/photo */
int page_amenity_photo(struct req *r)
{
	struct dbres *m = amenity_row(r, path_num(r, 0));
	return m ? send_photo(r, db_val(m, 0, 8)) : 404;
}
