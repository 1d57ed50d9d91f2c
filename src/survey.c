/*
 * survey.c — the rules and the SQL of amenities and survey tasks
 * (survey.h).  Answers are checked by the form engine (form_check) with
 * the project's window as the photo window; the flags of a submission are
 * read from what the checker kept ("accuracy_ok": false on a geopoint,
 * "in_window": false on a photo), so the threshold and the window have one
 * reading in the product.
 *
 * Why accepted-but-flagged and not refused: a VLE at a handpump in a
 * forest gets the fix the sky allows, and a phone's clock can be wrong;
 * CHiPS's rule is that the BI looks at such a visit before approving it,
 * not that the visit is lost.
 */
#include "survey.h"
#include "audit.h"
#include "db.h"
#include "form.h"
#include "locker.h"
#include "config.h"
#include "notify.h"

#include <stdlib.h>
#include <string.h>

/* A task's states that a VLE may still fill. */
#define TASK_OPEN_SQL "('allocated', 'in_progress', 'returned')"

static long to_long(const char *s)
{
	return s ? strtol(s, NULL, 10) : 0;
}

/* A place: its type and path, or NULL (absent, or a database error:
 * *st says which, 404 or 503). */
static struct dbres *place_of(struct arena *a, long id, int *st)
{
	struct dbres *r = db_query(a, "SELECT id, type, path, IFNULL(parent_id, 0) FROM locations WHERE id = ? AND active = 1", "i",
				   (long long)id);
	*st = !r ? 503 : r->nrows != 1 ? 404 : 0;
	return *st ? NULL : r;
}

/* Is u an officer (SURVEY_OFFICERS) over the place at path? */
static bool officer_over(const struct user *u, const char *path)
{
	return u && path && juris_holding(u, SURVEY_OFFICERS, 0, path, 0) != NULL;
}

/* Is u a VLE placed at the GP at gp_path or one of its villages? */
static bool vle_at(const struct user *u, const char *gp_path)
{
	for (size_t i = 0; u && gp_path && i < u->nh; i++)
		if (u->h[i].role == ROLE_CSC && u->h[i].loc_path && str_starts(u->h[i].loc_path, gp_path))
			return true;
	return false;
}

/* Is user id a VLE (a live csc post) somewhere under path?  Officers give
 * tasks only to VLEs of their own area. */
static bool vle_under(struct arena *a, long id, const char *path)
{
	return db_scalar(a, "SELECT rh.user_id FROM role_holdings rh JOIN locations l ON l.id = rh.location_id "
			    "WHERE rh.user_id = ? AND rh.role = 'csc' AND rh.active = 1 AND rh.work_from <= CURDATE() "
			    "AND (rh.work_to IS NULL OR rh.work_to >= CURDATE()) AND l.path LIKE CONCAT(?, '%') LIMIT 1",
			 "is", (long long)id, path) != NULL;
}

/* The VLE of the GP at gp_path (the lowest user id when there are several:
 * the same answer every time), or 0. */
static long gp_vle(struct arena *a, const char *gp_path)
{
	return to_long(db_scalar(a, "SELECT MIN(rh.user_id) FROM role_holdings rh JOIN locations l ON l.id = rh.location_id "
				    "JOIN users u ON u.id = rh.user_id AND u.active = 1 "
				    "WHERE rh.role = 'csc' AND rh.active = 1 AND rh.work_from <= CURDATE() "
				    "AND (rh.work_to IS NULL OR rh.work_to >= CURDATE()) AND l.path LIKE CONCAT(?, '%')",
				 "s", gp_path));
}

/* ---- projects ---- */

/* Reads the stored form of a project. */
static struct form_def *stored_form(struct arena *a, const char *text)
{
	struct jval *j = text ? json_parse(a, text, strlen(text), NULL) : NULL;
	struct sbuf probs;
	sbuf_init(&probs);
	struct form_def *d = j ? form_def_parse(a, j, &probs) : NULL;
	sbuf_free(&probs);
	return d;
}

struct survey *survey_load(struct arena *a, long id)
{
	struct dbres *r = db_query(a, "SELECT id, code, title_en, title_hi, form, target_kind, amenity_types, "
				      "DATE_FORMAT(window_from, '%Y-%m-%d %H:%i:%s'), DATE_FORMAT(window_to, '%Y-%m-%d %H:%i:%s'), status, "
				      "IFNULL(version_id, 0) FROM survey_projects WHERE id = ?", "i", (long long)id);
	if (!r || r->nrows != 1)
		return NULL;
	struct survey *s = arena_alloc(a, sizeof *s);
	*s = (struct survey){ .id = id, .code = db_val(r, 0, 1), .title = { db_val(r, 0, 2), db_val(r, 0, 3) },
			      .form = stored_form(a, db_val(r, 0, 4)), .target_kind = db_val(r, 0, 5),
			      .amenity_types = db_val(r, 0, 6), .window_from = db_val(r, 0, 7), .window_to = db_val(r, 0, 8),
			      .status = db_val(r, 0, 9), .version_id = (long)db_int(r, 0, 10) };
	return s->form ? s : NULL;
}

/* Are the comma-listed amenity types all known (and at least one)? */
static bool types_known(struct arena *a, const char *list)
{
	if (str_empty(list) || strlen(list) > 400)
		return false;
	char *copy = arena_strdup(a, list), *save = NULL;
	for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save))
		if (!db_scalar(a, "SELECT code FROM amenity_types WHERE code = ?", "s", t))
			return false;
	return true;
}

/* The canonical text of a survey form, or NULL with its problems in
 * probs (one a line): a valid gramsewa.form/1 with at least one geopoint
 * and one photo question, whose geopoints flag a poor fix rather than
 * refuse it. */
static const char *survey_form_text(struct arena *a, const struct jval *form, struct sbuf *probs)
{
	struct form_def *d = form ? form_def_parse(a, form, probs) : NULL;
	size_t geo = 0, photo = 0;
	if (d && form_def_validate(d, probs) == 0 && probs->len == 0) {
		for (size_t i = 0; i < d->nfields; i++) {
			if (d->fields[i].type == FT_GEOPOINT) {
				d->fields[i].accuracy_flag = true;	/* surveys flag a poor fix, never refuse it */
				geo++;
			}
			photo += d->fields[i].type == FT_PHOTO;
		}
		if (!geo || !photo)
			sbuf_adds(probs, "a survey form needs a geopoint question and a photo question\n");
	} else if (!d && !probs->len) {
		sbuf_adds(probs, "the form must be a gramsewa.form/1 object\n");
	}
	if (probs->len)
		return NULL;
	struct sbuf b;
	struct jw w;
	sbuf_init(&b);
	jw_init(&w, &b);
	form_def_write(d, &w);
	const char *text = arena_strdup(a, b.data);
	sbuf_free(&b);
	return text;
}

struct create_ctx {
	struct arena *a;
	const struct actor *who;
	const struct survey_input *in;
	const char *form, *from, *to;
	long id;
	struct outcome *out;
};

static int create_txn(void *p)
{
	struct create_ctx *c = p;
	const struct survey_input *in = c->in;
	if (db_exec("INSERT INTO survey_projects (code, title_en, title_hi, form, target_kind, amenity_types, window_from, window_to, "
		    "created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NOW())", "ssssssssi", in->code, in->title_en,
		    in->title_hi, c->form, in->target_kind, str_eq(in->target_kind, "amenity") ? in->amenity_types : "", c->from,
		    c->to, (long long)actor_id(c->who)) != 1) {
		if (db_err_dup()) {
			out_field(c->out, "code", "survey.err.code_taken", NULL);
			c->out->status = 409;
			return 1;
		}
		return -1;
	}
	c->id = (long)db_last_id();
	/* its form is version 1, published with it */
	if (db_exec("INSERT INTO survey_versions (project_id, version, form, status, created_by, created_at, published_by, published_at) "
		    "VALUES (?, 1, ?, 'published', ?, NOW(), ?, NOW())", "isii", (long long)c->id, c->form, (long long)actor_id(c->who),
		    (long long)actor_id(c->who)) != 1 ||
	    db_exec("UPDATE survey_projects SET version_id = ? WHERE id = ?", "ii", (long long)db_last_id(), (long long)c->id) != 1)
		return -1;
	struct audit_entry e = { .action = "survey.create", .entity = "survey", .entity_id = arena_printf(c->a, "%ld", c->id),
				 .remarks = in->code };
	return audit_write(c->who, &e) == 0 ? 0 : -1;
}

int survey_create(struct arena *a, const struct actor *who, const struct survey_input *in, struct sbuf *probs, long *id,
		  struct outcome *out)
{
	const struct user *u = who ? who->user : NULL;
	if (!u || !(user_has(u, ROLE_DI) || user_has(u, ROLE_STATE_ADMIN)))
		return out_fail(out, 403, "survey.err.not_creator");
	if (str_empty(in->code) || strlen(in->code) < 2 || strlen(in->code) > 20 ||
	    strspn(in->code, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") != strlen(in->code))
		out_field(out, "code", "survey.err.code", NULL);
	if (str_empty(in->title_en) || utf8_chars(in->title_en) > 150)
		out_field(out, "title_en", "survey.err.title", NULL);
	if (str_empty(in->title_hi) || utf8_chars(in->title_hi) > 150)
		out_field(out, "title_hi", "survey.err.title", NULL);
	struct survey_input fixed = *in;
	if (str_empty(fixed.target_kind))
		fixed.target_kind = "gp";
	if (!str_eq(fixed.target_kind, "gp") && !str_eq(fixed.target_kind, "amenity"))
		out_field(out, "target_kind", "survey.err.target_kind", NULL);
	else if (str_eq(fixed.target_kind, "amenity") && !types_known(a, in->amenity_types))
		out_field(out, "amenity_types", "survey.err.amenity_types", NULL);
	struct create_ctx c = { .a = a, .who = who, .in = &fixed, .out = out };
	c.from = ist_datetime_in(a, in->window_from);
	c.to = ist_datetime_in(a, in->window_to);
	if (!c.from && in->window_from && parse_date(in->window_from, &(int){ 0 }, &(int){ 0 }, &(int){ 0 }))
		c.from = arena_printf(a, "%s 00:00:00", in->window_from);
	if (!c.to && in->window_to && parse_date(in->window_to, &(int){ 0 }, &(int){ 0 }, &(int){ 0 }))
		c.to = arena_printf(a, "%s 23:59:59", in->window_to);
	if (!c.from)
		out_field(out, "window_from", "survey.err.window", NULL);
	if (!c.to || (c.from && strcmp(c.to, c.from) <= 0))
		out_field(out, "window_to", "survey.err.window", NULL);
	c.form = survey_form_text(a, in->form, probs);
	if (probs->len)
		out_field(out, "form", "survey.err.form", NULL);
	if (out->status)
		return out->status;
	int rc = out_txn(out, create_txn, &c);
	*id = rc == 0 ? c.id : 0;
	return rc;
}

struct close_ctx {
	struct arena *a;
	const struct actor *who;
	long id;
	struct outcome *out;
};

static int close_txn(void *p)
{
	struct close_ctx *c = p;
	const char *st = db_scalar(c->a, "SELECT status FROM survey_projects WHERE id = ? FOR UPDATE", "i", (long long)c->id);
	if (!st)
		return out_fail(c->out, 404, "survey.err.no_survey"), 1;
	if (!str_eq(st, "open"))
		return out_fail(c->out, 409, "survey.err.closed"), 1;
	long long n = db_exec("UPDATE tasks SET status = 'cancelled' WHERE project_id = ? AND status IN " TASK_OPEN_SQL, "i",
			      (long long)c->id);
	if (n < 0 || db_exec("UPDATE survey_projects SET status = 'closed' WHERE id = ?", "i", (long long)c->id) != 1)
		return -1;
	struct audit_entry e = { .action = "survey.close", .entity = "survey", .entity_id = arena_printf(c->a, "%ld", c->id),
				 .remarks = arena_printf(c->a, "%lld open tasks cancelled", n) };
	return audit_write(c->who, &e) == 0 ? 0 : -1;
}

int survey_close(struct arena *a, const struct actor *who, long id, struct outcome *out)
{
	const struct user *u = who ? who->user : NULL;
	if (!u || !(user_has(u, ROLE_DI) || user_has(u, ROLE_STATE_ADMIN)))
		return out_fail(out, 403, "survey.err.not_creator");
	struct close_ctx c = { a, who, id, out };
	return out_txn(out, close_txn, &c);
}

/* ---- form versions ---- */

/* Who writes and publishes a project's form: its creators' roles. */
static bool survey_author(const struct actor *who)
{
	const struct user *u = who ? who->user : NULL;
	return u && (user_has(u, ROLE_DI) || user_has(u, ROLE_STATE_ADMIN));
}

struct version_ctx {
	struct arena *a;
	const struct actor *who;
	long project;
	const char *form;	/* draft: the canonical text */
	long vid;		/* publish: the draft; draft: set to it */
	struct outcome *out;
};

/* Locks the project row and checks it is open: 0, or 1 after a refusal
 * (404, 409), -1 on error. */
static int lock_open_project(struct version_ctx *c)
{
	struct dbres *p = db_query(c->a, "SELECT status FROM survey_projects WHERE id = ? FOR UPDATE", "i", (long long)c->project);
	if (!p)
		return -1;
	if (p->nrows != 1)
		return out_fail(c->out, 404, "survey.err.no_survey"), 1;
	if (!str_eq(db_val(p, 0, 0), "open"))
		return out_fail(c->out, 409, "survey.err.closed"), 1;
	return 0;
}

static int draft_txn(void *p)
{
	struct version_ctx *c = p;
	int rc = lock_open_project(c);
	if (rc)
		return rc;
	const char *had = db_scalar(c->a, "SELECT id FROM survey_versions WHERE project_id = ? AND status = 'draft'", "i",
				    (long long)c->project);
	if (had) {
		c->vid = to_long(had);
		if (db_exec("UPDATE survey_versions SET form = ?, created_by = ?, created_at = NOW() WHERE id = ?", "sii", c->form,
			    (long long)actor_id(c->who), (long long)c->vid) < 0)
			return -1;
	} else {
		if (db_exec("INSERT INTO survey_versions (project_id, version, form, status, created_by, created_at) "
			    "SELECT ?, IFNULL(MAX(version), 0) + 1, ?, 'draft', ?, NOW() FROM survey_versions WHERE project_id = ?",
			    "isii", (long long)c->project, c->form, (long long)actor_id(c->who), (long long)c->project) != 1)
			return -1;
		c->vid = (long)db_last_id();
	}
	struct audit_entry e = { .action = "survey.draft", .entity = "survey", .entity_id = arena_printf(c->a, "%ld", c->project),
				 .remarks = arena_printf(c->a, "version id %ld %s", c->vid, had ? "changed" : "made") };
	return audit_write(c->who, &e) == 0 ? 0 : -1;
}

int survey_draft(struct arena *a, const struct actor *who, long project, const struct jval *form, struct sbuf *probs, long *vid,
		 struct outcome *out)
{
	*vid = 0;
	if (!survey_author(who))
		return out_fail(out, 403, "survey.err.not_creator");
	struct version_ctx c = { .a = a, .who = who, .project = project, .out = out };
	if (!(c.form = survey_form_text(a, form, probs))) {
		out_field(out, "form", "survey.err.form", NULL);
		return out->status;
	}
	int rc = out_txn(out, draft_txn, &c);
	*vid = rc == 0 ? c.vid : 0;
	return rc;
}

static int publish_txn(void *p)
{
	struct version_ctx *c = p;
	int rc = lock_open_project(c);
	if (rc)
		return rc;
	struct dbres *v = db_query(c->a, "SELECT status, form, version FROM survey_versions WHERE id = ? AND project_id = ? FOR UPDATE",
				   "ii", (long long)c->vid, (long long)c->project);
	if (!v)
		return -1;
	if (v->nrows != 1)
		return out_fail(c->out, 404, "survey.err.no_version"), 1;
	if (!str_eq(db_val(v, 0, 0), "draft"))
		return out_fail(c->out, 409, "survey.err.not_draft"), 1;
	if (db_exec("UPDATE survey_versions SET status = 'superseded' WHERE project_id = ? AND status = 'published'", "i",
		    (long long)c->project) < 0 ||
	    db_exec("UPDATE survey_versions SET status = 'published', published_by = ?, published_at = NOW() WHERE id = ?", "ii",
		    (long long)actor_id(c->who), (long long)c->vid) != 1 ||
	    db_exec("UPDATE survey_projects SET form = ?, version_id = ? WHERE id = ?", "sii", db_val(v, 0, 1), (long long)c->vid,
		    (long long)c->project) < 0)
		return -1;
	struct audit_entry e = { .action = "survey.publish", .entity = "survey", .entity_id = arena_printf(c->a, "%ld", c->project),
				 .remarks = arena_printf(c->a, "version %s (id %ld)", db_val(v, 0, 2), c->vid) };
	return audit_write(c->who, &e) == 0 ? 0 : -1;
}

int survey_publish(struct arena *a, const struct actor *who, long project, long vid, struct outcome *out)
{
	if (!survey_author(who))
		return out_fail(out, 403, "survey.err.not_creator");
	struct version_ctx c = { .a = a, .who = who, .project = project, .vid = vid, .out = out };
	return out_txn(out, publish_txn, &c);
}

struct survey_version *survey_version_load(struct arena *a, long project, long vid)
{
	struct dbres *r = db_query(a, "SELECT id, version, status, form FROM survey_versions WHERE id = ? AND project_id = ?", "ii",
				   (long long)vid, (long long)project);
	if (!r || r->nrows != 1)
		return NULL;
	struct survey_version *v = arena_alloc(a, sizeof *v);
	*v = (struct survey_version){ .id = vid, .version = (long)db_int(r, 0, 1), .status = db_val(r, 0, 2),
				      .form_text = db_val(r, 0, 3), .form = stored_form(a, db_val(r, 0, 3)) };
	return v->form ? v : NULL;
}

struct dbres *survey_versions(struct arena *a, long project)
{
	return db_query(a, "SELECT v.id, v.version, v.status, v.created_at, IFNULL(v.published_at, ''), "
			   "CONCAT_WS(' ', u.first_name, u.last_name) FROM survey_versions v LEFT JOIN users u ON u.id = v.created_by "
			   "WHERE v.project_id = ? ORDER BY v.version DESC", "i", (long long)project);
}

/* ---- allocation ---- */

struct alloc_ctx {
	struct arena *a;
	const struct actor *who;
	const struct survey *s;
	const char **gp_paths;		/* the GPs, by path ... */
	long *gp_ids;			/* ... and id */
	size_t ngp;
	long assignee;			/* 0: each GP's VLE */
	struct survey_alloc *res;
	struct outcome *out;
};

static int alloc_txn(void *p)
{
	struct alloc_ctx *c = p;
	memset(c->res, 0, sizeof *c->res);
	const char *due = arena_strndup(c->a, c->s->window_to, 10);
	for (size_t i = 0; i < c->ngp; i++) {
		long vle = c->assignee ? c->assignee : gp_vle(c->a, c->gp_paths[i]);
		if (!vle) {
			c->res->no_vle++;
			continue;
		}
		const char *had = db_scalar(c->a, "SELECT COUNT(*) FROM tasks WHERE project_id = ? AND gp_id = ?", "ii",
					    (long long)c->s->id, (long long)c->gp_ids[i]);
		if (!had)
			return -1;
		c->res->existing += to_long(had);
		long long n;
		if (str_eq(c->s->target_kind, "amenity"))
			n = db_exec("INSERT IGNORE INTO tasks (project_id, version_id, target_kind, target_id, gp_id, assignee_id, due_date, "
				    "allocated_by, allocated_at) SELECT ?, ?, 'amenity', m.id, m.gp_id, ?, ?, ?, NOW() FROM amenities m "
				    "WHERE m.gp_id = ? AND m.active = 1 AND FIND_IN_SET(m.type_code, ?) > 0",
				    "iiisiis", (long long)c->s->id, (long long)c->s->version_id, (long long)vle, due,
				    (long long)actor_id(c->who), (long long)c->gp_ids[i], c->s->amenity_types);
		else
			n = db_exec("INSERT IGNORE INTO tasks (project_id, version_id, target_kind, target_id, gp_id, assignee_id, due_date, "
				    "allocated_by, allocated_at) VALUES (?, ?, 'gp', ?, ?, ?, ?, ?, NOW())", "iiiiisi", (long long)c->s->id,
				    (long long)c->s->version_id, (long long)c->gp_ids[i], (long long)c->gp_ids[i], (long long)vle, due,
				    (long long)actor_id(c->who));
		if (n < 0)
			return -1;
		c->res->made += (long)n;
	}
	struct audit_entry e = { .action = "survey.allocate", .entity = "survey", .entity_id = arena_printf(c->a, "%ld", c->s->id),
				 .remarks = arena_printf(c->a, "%ld tasks allocated in %zu GPs (assignee %ld; %ld GPs without a VLE)",
							 c->res->made, c->ngp, c->assignee, c->res->no_vle) };
	return audit_write(c->who, &e) == 0 ? 0 : -1;
}

int survey_allocate(struct arena *a, const struct actor *who, long project, const long *places, size_t n, long assignee,
		    struct survey_alloc *res, struct outcome *out)
{
	memset(res, 0, sizeof *res);
	const struct user *u = who ? who->user : NULL;
	struct survey *s = survey_load(a, project);
	if (!s)
		return out_fail(out, 404, "survey.err.no_survey");
	if (!str_eq(s->status, "open"))
		return out_fail(out, 409, "survey.err.closed");
	if (n == 0 || n > 5000) {
		out_field(out, "places", "survey.err.places", NULL);
		return out->status;
	}
	struct alloc_ctx c = { .a = a, .who = who, .s = s, .assignee = assignee, .res = res, .out = out };
	size_t cap = 0;
	for (size_t i = 0; i < n; i++) {
		int st;
		struct dbres *pl = place_of(a, places[i], &st);
		if (st == 503)
			return out_fail(out, 503, NULL);
		if (!pl) {
			out_field(out, "places", "survey.err.places", NULL);
			return out->status;
		}
		const char *path = db_val(pl, 0, 2), *type = db_val(pl, 0, 1);
		if (!officer_over(u, path))
			return out_fail(out, 403, "survey.err.outside_area");
		if (!str_eq(type, "panchayat") && !str_eq(type, "block") && !str_eq(type, "district")) {
			out_field(out, "places", "survey.err.places", NULL);
			return out->status;
		}
		struct dbres *gps = db_query(a, "SELECT id, path FROM locations WHERE type = 'panchayat' AND active = 1 AND path LIKE CONCAT(?, '%') "
					       "ORDER BY id", "s", path);
		if (!gps)
			return out_fail(out, 503, NULL);
		if (c.ngp + gps->nrows > cap) {
			cap = (c.ngp + gps->nrows) * 2;
			const char **np = arena_alloc(a, cap * sizeof *np);
			long *ni = arena_alloc(a, cap * sizeof *ni);
			if (c.ngp) {
				memcpy(np, c.gp_paths, c.ngp * sizeof *np);
				memcpy(ni, c.gp_ids, c.ngp * sizeof *ni);
			}
			c.gp_paths = np;
			c.gp_ids = ni;
		}
		for (size_t k = 0; k < gps->nrows; k++) {
			c.gp_ids[c.ngp] = (long)db_int(gps, k, 0);
			c.gp_paths[c.ngp++] = db_val(gps, k, 1);
		}
	}
	/* a named VLE must work in every place allocated (a BI gives work to
	 * VLEs of his block only) */
	for (size_t i = 0; assignee && i < c.ngp; i++)
		if (!vle_under(a, assignee, c.gp_paths[i])) {
			out_field(out, "assignee", "survey.err.assignee", NULL);
			return out->status;
		}
	return out_txn(out, alloc_txn, &c);
}

/* ---- tasks ---- */

/* The task row a change needs: status, assignee, GP path, project id,
 * target kind, target id.  NULL after recording 404 (not visible) or 503. */
static struct dbres *task_row(struct arena *a, const struct actor *who, long id, bool for_update, struct outcome *out)
{
	struct dbres *r = for_update
		? db_query(a, "SELECT t.status, t.assignee_id, l.path, t.project_id, t.target_kind, t.target_id FROM tasks t "
			      "JOIN locations l ON l.id = t.gp_id WHERE t.id = ? FOR UPDATE", "i", (long long)id)
		: db_query(a, "SELECT t.status, t.assignee_id, l.path, t.project_id, t.target_kind, t.target_id FROM tasks t "
			      "JOIN locations l ON l.id = t.gp_id WHERE t.id = ?", "i", (long long)id);
	if (!r) {
		out_fail(out, 503, NULL);
		return NULL;
	}
	const struct user *u = who ? who->user : NULL;
	if (r->nrows != 1 || !u || (db_int(r, 0, 1) != u->id && !officer_over(u, db_val(r, 0, 2)))) {
		out_fail(out, 404, "survey.err.no_task");
		return NULL;
	}
	return r;
}

bool task_visible(struct arena *a, const struct actor *who, long id, const char **gp_path)
{
	struct outcome o;
	out_init(&o, a);
	struct dbres *r = task_row(a, who, id, false, &o);
	if (r && gp_path)
		*gp_path = db_val(r, 0, 2);
	return r != NULL;
}

/* One simple task change (reassign, start, decide), made in its own
 * transaction after the row is locked and its rules checked again. */
struct task_ctx {
	struct arena *a;
	const struct actor *who;
	long id;
	const char *action;	/* reassign, start, approve, return */
	long assignee;		/* reassign */
	const char *reason;	/* reassign, return */
	struct outcome *out;
};

static int task_txn(void *p)
{
	struct task_ctx *c = p;
	struct dbres *t = task_row(c->a, c->who, c->id, true, c->out);
	if (!t)
		return c->out->status == 503 ? -1 : 1;
	const char *st = db_val(t, 0, 0);
	const struct user *u = c->who->user;
	bool mine = db_int(t, 0, 1) == u->id, officer = officer_over(u, db_val(t, 0, 2));
	bool open = str_eq(st, "allocated") || str_eq(st, "in_progress") || str_eq(st, "returned");
	long long n;
	if (str_eq(c->action, "start")) {
		if (!mine)
			return out_fail(c->out, 403, "survey.err.not_assignee"), 1;
		if (!str_eq(st, "allocated") && !str_eq(st, "returned"))
			return out_fail(c->out, 409, "survey.err.state"), 1;
		n = db_exec("UPDATE tasks SET status = 'in_progress', started_at = IFNULL(started_at, NOW()) WHERE id = ?", "i",
			    (long long)c->id);
	} else if (str_eq(c->action, "reassign")) {
		if (!officer)
			return out_fail(c->out, 403, "survey.err.not_officer"), 1;
		if (!open)
			return out_fail(c->out, 409, "survey.err.state"), 1;
		/* to a VLE of the officer's own area, never outside it */
		const struct juris_root *roots = juris_prefixes(c->a, u, SURVEY_OFFICERS);
		bool ok = false;
		for (size_t i = 0; roots[i].path && !ok; i++)
			ok = vle_under(c->a, c->assignee, roots[i].path);
		if (!ok) {
			out_field(c->out, "assignee", "survey.err.assignee", NULL);
			return 1;
		}
		n = db_exec("UPDATE tasks SET assignee_id = ?, status = IF(status = 'in_progress', 'allocated', status) WHERE id = ?", "ii",
			    (long long)c->assignee, (long long)c->id);
	} else {	/* approve, return */
		if (!officer)
			return out_fail(c->out, 403, "survey.err.not_officer"), 1;
		if (!str_eq(st, "pending_approval"))
			return out_fail(c->out, 409, "survey.err.state"), 1;
		bool ok = str_eq(c->action, "approve");
		n = db_exec("UPDATE tasks SET status = ?, decided_by = ?, decided_at = NOW(), return_note = ? WHERE id = ?", "sisi",
			    ok ? "completed" : "returned", (long long)u->id, ok ? NULL : c->reason, (long long)c->id);
		if (n == 1 && ok && str_eq(db_val(t, 0, 4), "amenity"))
			n = db_exec("UPDATE amenities SET last_surveyed_at = NOW() WHERE id = ?", "i", (long long)db_int(t, 0, 5)) < 0 ? -1 : 1;
	}
	if (n != 1)
		return -1;
	struct audit_entry e = { .action = arena_printf(c->a, "task.%s", c->action), .entity = "task",
				 .entity_id = arena_printf(c->a, "%ld", c->id),
				 .remarks = str_eq(c->action, "reassign")
					 ? arena_printf(c->a, "from user %lld to user %ld: %s", db_int(t, 0, 1), c->assignee, c->reason)
					 : c->reason };
	return audit_write(c->who, &e) == 0 ? 0 : -1;
}

/* A reason as typed: 3 to 500 characters, else a problem on field. */
static const char *reason_ok(struct arena *a, const char *s, const char *field, struct outcome *out)
{
	char *t = s ? str_trim(arena_strdup(a, s)) : NULL;
	if (str_empty(t) || utf8_chars(t) < 3)
		out_field(out, field, "survey.err.reason", NULL);
	else
		out_max_len(out, field, t, 500);
	return t;
}

int task_reassign(struct arena *a, const struct actor *who, long id, long assignee, const char *reason, struct outcome *out)
{
	struct task_ctx c = { .a = a, .who = who, .id = id, .action = "reassign", .assignee = assignee, .out = out };
	if (!task_row(a, who, id, false, out))
		return out->status;
	if (assignee <= 0)
		out_field(out, "assignee", "survey.err.assignee", NULL);
	c.reason = reason_ok(a, reason, "reason", out);
	if (out->status)
		return out->status;
	return out_txn(out, task_txn, &c);
}

int task_start(struct arena *a, const struct actor *who, long id, struct outcome *out)
{
	struct task_ctx c = { .a = a, .who = who, .id = id, .action = "start", .out = out };
	return out_txn(out, task_txn, &c);
}

int task_decide(struct arena *a, const struct actor *who, long id, bool approve, const char *reason, struct outcome *out)
{
	struct task_ctx c = { .a = a, .who = who, .id = id, .action = approve ? "approve" : "return", .out = out };
	if (!task_row(a, who, id, false, out))
		return out->status;
	if (!approve)
		c.reason = reason_ok(a, reason, "reason", out);
	if (out->status)
		return out->status;
	return out_txn(out, task_txn, &c);
}

/* ---- answers with photos ---- */

/* The form engine's photo look-up for a submission: a picture this person
 * uploaded (the ones sent with it are stored first, in the same
 * transaction). */
struct photo_env {
	struct arena *a;
	long user;
};

static bool own_photo(void *ctx, long doc, struct form_photo *m)
{
	struct photo_env *p = ctx;
	/* only a survey photo: a VLE never attaches a villager's locker document */
	return db_scalar(p->a, "SELECT id FROM documents WHERE id = ? AND uploaded_by = ? AND doc_type = 'survey_photo'", "ii",
			 (long long)doc, (long long)p->user) &&
	       locker_photo(p->a, doc, m);
}

static bool no_location(void *ctx, long id, const char **name)
{
	(void)ctx, (void)id, (void)name;
	return false;
}

/* answers (an object, or NULL) with key set to a whole number: a copy. */
static struct jval *with_id(struct arena *a, const struct jval *answers, const char *key, long id)
{
	size_t n = answers && answers->type == J_OBJ ? answers->n : 0;
	struct jval *o = arena_alloc(a, sizeof *o);
	o->type = J_OBJ;
	o->keys = arena_alloc(a, (n + 1) * sizeof *o->keys);
	o->kids = arena_alloc(a, (n + 1) * sizeof *o->kids);
	for (size_t i = 0; i < n; i++)
		if (!str_eq(answers->keys[i], key)) {
			o->keys[o->n] = answers->keys[i];
			o->kids[o->n++] = answers->kids[i];
		}
	struct jval *v = arena_alloc(a, sizeof *v);
	v->type = J_NUM;
	v->num = (double)id;
	v->str = arena_printf(a, "%ld", id);
	o->keys[o->n] = arena_strdup(a, key);
	o->kids[o->n++] = v;
	return o;
}

/* Stores the photos sent (each for a photo question of d) as documents of
 * owner uploaded by who, and returns the answers with each such question
 * answered by its document's id.  A file that is not a picture is a
 * problem of its question in out; NULL then. */
static const struct jval *store_photos(struct arena *a, const struct actor *who, long owner, const struct form_def *d,
				       const struct jval *answers, const struct task_photo *photos, size_t n, struct outcome *out)
{
	for (size_t i = 0; i < n; i++) {
		const struct field *f = form_field(d, photos[i].field);
		if (!f || f->type != FT_PHOTO)
			continue;
		const char *err = NULL;
		long doc = locker_add(a, owner, actor_id(who), "survey_photo", photos[i].filename, photos[i].data, photos[i].len,
				      (size_t)cfg.max_upload, &err);
		if (!doc) {
			out_field(out, f->name, str_eq(err, "locker.store_failed") ? "survey.err.store" : "survey.err.photo", NULL);
			if (str_eq(err, "locker.store_failed"))
				out->status = 503;
			return NULL;
		}
		answers = with_id(a, answers, f->name, doc);
	}
	return answers;
}

/* The first answer of type t in the normalised answers of d, or NULL. */
static const struct jval *first_of(const struct form_def *d, const struct jval *norm, enum ftype t)
{
	for (size_t i = 0; i < d->nfields; i++)
		if (d->fields[i].type == t && json_get(norm, d->fields[i].name))
			return json_get(norm, d->fields[i].name);
	return NULL;
}

/* The flags the checker's marks call for: "accuracy" when a geopoint was
 * over the threshold, "photo_time" when a photo was taken outside the
 * window (or carried no time at all). */
static const char *flags_of(struct arena *a, const struct form_def *d, const struct jval *norm)
{
	bool acc = false, when = false;
	for (size_t i = 0; i < d->nfields; i++) {
		const struct jval *v = json_get(norm, d->fields[i].name);
		struct jval *k;
		if (d->fields[i].type == FT_GEOPOINT && (k = json_get(v, "accuracy_ok")) && k->type == J_BOOL && !k->b)
			acc = true;
		if (d->fields[i].type == FT_PHOTO && (k = json_get(v, "in_window")) && k->type == J_BOOL && !k->b)
			when = true;
	}
	return arena_printf(a, "%s%s%s", acc ? "accuracy" : "", acc && when ? "," : "", when ? "photo_time" : "");
}

struct submit_ctx {
	struct arena *a;
	const struct actor *who;
	long id;
	const struct jval *answers;
	long version;		/* the version the client filled in, 0: not said */
	const struct task_photo *photos;
	size_t nphotos;
	const char *flags;
	struct outcome *out;
};

static int submit_txn(void *p)
{
	struct submit_ctx *c = p;
	struct dbres *t = task_row(c->a, c->who, c->id, true, c->out);
	if (!t)
		return c->out->status == 503 ? -1 : 1;
	if (db_int(t, 0, 1) != actor_id(c->who))
		return out_fail(c->out, 404, "survey.err.no_task"), 1;
	const char *st = db_val(t, 0, 0);
	if (!str_eq(st, "allocated") && !str_eq(st, "in_progress") && !str_eq(st, "returned"))
		return out_fail(c->out, 409, "survey.err.state"), 1;
	struct survey *s = survey_load(c->a, (long)db_int(t, 0, 3));
	if (!s)
		return -1;
	if (!str_eq(s->status, "open"))
		return out_fail(c->out, 409, "survey.err.closed"), 1;
	/* filled in the published version: a client holding an older form is
	 * told so rather than having its answers read against another one */
	if (c->version && c->version != s->version_id)
		return out_fail(c->out, 409, "survey.err.stale_version"), 1;
	const struct jval *answers = store_photos(c->a, c->who, actor_id(c->who), s->form, c->answers, c->photos, c->nphotos, c->out);
	if (!answers)
		return c->out->status == 503 ? -1 : 1;
	struct photo_env pe = { c->a, actor_id(c->who) };
	struct form_env env = { .today = ist_today(c->a), .location_ok = no_location, .photo_ok = own_photo, .ctx = &pe,
				.photo_from = s->window_from, .photo_to = s->window_to };
	const char *json = NULL;
	if (form_check(c->a, s->form, answers, &env, c->out, &json) > 0)
		return 1;	/* rolled back: the photos stored above go with it */
	struct jval *norm = json_parse(c->a, json, strlen(json), NULL);
	c->flags = flags_of(c->a, s->form, norm);
	const struct jval *g = first_of(s->form, norm, FT_GEOPOINT), *ph = first_of(s->form, norm, FT_PHOTO);
	long acc = 0;
	bool has_acc = json_get_long(g, "accuracy_m", &acc);
	long doc = 0;
	json_get_long(ph, "doc_id", &doc);
	if (db_exec("UPDATE tasks SET status = 'pending_approval', answers = ?, answers_version_id = ?, flags = ?, lat = ?, lon = ?, "
		    "accuracy_m = ?, photo_doc_id = ?, started_at = IFNULL(started_at, NOW()), submitted_at = NOW(), "
		    "submissions = submissions + 1, return_note = NULL WHERE id = ?", "sisssssi", json, (long long)s->version_id,
		    c->flags, g ? json_get(g, "lat")->str : NULL, g ? json_get(g, "lon")->str : NULL,
		    has_acc ? arena_printf(c->a, "%ld", acc) : NULL, doc ? arena_printf(c->a, "%ld", doc) : NULL, (long long)c->id) != 1)
		return -1;
	struct audit_entry e = { .action = "task.submit", .entity = "task", .entity_id = arena_printf(c->a, "%ld", c->id),
				 .remarks = *c->flags ? arena_printf(c->a, "flagged: %s", c->flags) : NULL };
	return audit_write(c->who, &e) == 0 ? 0 : -1;
}

int task_submit(struct arena *a, const struct actor *who, long id, long version, const struct jval *answers,
		const struct task_photo *photos, size_t nphotos, const char **flags, struct outcome *out)
{
	*flags = "";
	if (answers && answers->type != J_OBJ) {
		out_field(out, "answers", "survey.err.answers", NULL);
		return out->status;
	}
	struct submit_ctx c = { .a = a, .who = who, .id = id, .answers = answers, .version = version, .photos = photos,
				.nphotos = nphotos, .out = out };
	int rc = out_txn(out, submit_txn, &c);
	if (rc == 0)
		*flags = c.flags;
	return rc;
}

/* ---- reminders (gramsewactl survey-remind) ---- */

/* The SMS texts.  {url} is base_url; dates are DD-MM-YYYY. */
static const struct i18n REMIND_DUE = {
	"GramSewa: survey task {task} ({survey}, {place}) is due on {due}. Fill it in at {url}/tasks/{task}",
	"ग्रामसेवा: सर्वेक्षण कार्य {task} ({survey}, {place}) की अंतिम तिथि {due} है। इसे {url}/tasks/{task} पर भरें",
};
static const struct i18n REMIND_LATE = {
	"GramSewa: survey task {task} ({survey}, {place}) was due on {due} and is not submitted. Fill it in today at {url}/tasks/{task}",
	"ग्रामसेवा: सर्वेक्षण कार्य {task} ({survey}, {place}) की अंतिम तिथि {due} थी और यह जमा नहीं हुआ है। इसे आज ही {url}/tasks/{task} पर भरें",
};
static const struct i18n DIGEST = {
	"GramSewa: {n} survey tasks in {block} block are overdue, the oldest due on {due}. See {url}/tasks",
	"ग्रामसेवा: {block} प्रखंड में {n} सर्वेक्षण कार्य अंतिम तिथि पार कर चुके हैं, सबसे पुराना {due} तक देय था। देखें {url}/tasks",
};

/* One reminder: the day's mark and the SMS it allows. */
struct reminder {
	const char *day;	/* the run's IST day */
	long task;		/* a task's reminder to its VLE, or 0 ... */
	long block, user, n;	/* ... a block's digest to its BI, of n tasks */
	const char *mobile, *text, *dlt, *event, *ref;
};

/* Writes the day's mark and queues the SMS in one transaction.  The mark
 * changes its row only the first time, whichever run gets there first: a
 * run at the same moment waits on the row lock and then finds it done,
 * so nothing is queued twice.  Adds 1 to *sent when queued; false on a
 * database error. */
static bool remind_once(const struct reminder *m, long *sent)
{
	if (db_begin() != 0)
		return -1;
	long long n = m->task
		? db_exec("UPDATE tasks SET reminded_on = ? WHERE id = ? AND status IN " TASK_OPEN_SQL
			  " AND (reminded_on IS NULL OR reminded_on < ?)", "sis", m->day, (long long)m->task, m->day)
		: db_exec("INSERT IGNORE INTO survey_digests (block_id, user_id, day, tasks, sent_at) VALUES (?, ?, ?, ?, NOW())", "iisi",
			  (long long)m->block, (long long)m->user, m->day, (long long)m->n);
	if (n < 0 || (n == 1 && !notify_queue("sms", m->mobile, m->text, m->dlt, m->event, m->ref)) || db_commit() != 0) {
		db_rollback();
		return false;
	}
	*sent += n == 1;
	return true;
}

/* The texts' placeholders: task, survey, place, due, url, n, block. */
static const char *const REMIND_KEYS[] = { "{task}", "{survey}", "{place}", "{due}", "{url}", "{n}", "{block}" };

/* Each open task due by day + survey_remind_days (or overdue) of an open
 * survey: its VLE reminded once on day.  Adds to *sent; false on error. */
static bool remind_vles(struct arena *a, const char *day, long *sent)
{
	struct dbres *t = db_query(a,
		"SELECT t.id, u.mobile, u.lang, p.title_en, IFNULL(NULLIF(p.title_hi, ''), p.title_en), "
		"IF(t.target_kind = 'amenity', CONCAT(m.name, ', ', g.name_en), g.name_en), "
		"IF(t.target_kind = 'amenity', CONCAT(m.name, ', ', IFNULL(g.name_hi, g.name_en)), IFNULL(g.name_hi, g.name_en)), "
		"DATE_FORMAT(t.due_date, '%d-%m-%Y'), t.due_date < ? FROM tasks t "
		"JOIN survey_projects p ON p.id = t.project_id AND p.status = 'open' "
		"JOIN users u ON u.id = t.assignee_id AND u.active = 1 AND u.mobile IS NOT NULL "
		"JOIN locations g ON g.id = t.gp_id LEFT JOIN amenities m ON t.target_kind = 'amenity' AND m.id = t.target_id "
		"WHERE t.status IN " TASK_OPEN_SQL " AND t.due_date <= DATE_ADD(?, INTERVAL ? DAY) "
		"AND (t.reminded_on IS NULL OR t.reminded_on < ?) ORDER BY t.id",
		"ssis", day, day, (long long)cfg.survey_remind_days, day);
	if (!t)
		return false;
	for (size_t i = 0; i < t->nrows; i++) {
		bool hi = str_eq(db_val(t, i, 2), "hi"), late = db_int(t, i, 8) != 0;
		const char *vals[] = { db_val(t, i, 0), db_val(t, i, hi ? 4 : 3), db_val(t, i, hi ? 6 : 5), db_val(t, i, 7), cfg.base_url,
				       "", "" };
		struct reminder m = { .day = day, .task = (long)db_int(t, i, 0), .mobile = db_val(t, i, 1),
				      .text = str_fill(a, i18n_get(late ? &REMIND_LATE : &REMIND_DUE, hi ? "hi" : "en"), REMIND_KEYS, vals,
						       ARRAY_LEN(REMIND_KEYS), false),
				      .dlt = hi ? cfg.survey_remind_hi_dlt : cfg.survey_remind_dlt,
				      .event = late ? "survey.overdue" : "survey.due", .ref = db_val(t, i, 0) };
		if (!remind_once(&m, sent))
			return false;
	}
	return true;
}

/* Each block with overdue open tasks of open surveys on day: a digest to
 * each of its BIs, once on day.  Adds to *sent; false on error. */
static bool remind_bis(struct arena *a, const char *day, long *sent)
{
	struct dbres *b = db_query(a,
		"SELECT DISTINCT x.block, x.name_en, x.name_hi, x.n, x.oldest, u.id, u.mobile, u.lang FROM ("
		"SELECT b.id AS block, b.name_en, IFNULL(b.name_hi, b.name_en) AS name_hi, COUNT(*) AS n, "
		"DATE_FORMAT(MIN(t.due_date), '%d-%m-%Y') AS oldest FROM tasks t "
		"JOIN survey_projects p ON p.id = t.project_id AND p.status = 'open' JOIN locations g ON g.id = t.gp_id "
		"JOIN locations b ON b.id = g.parent_id AND b.type = 'block' "
		"WHERE t.status IN " TASK_OPEN_SQL " AND t.due_date < ? GROUP BY b.id, b.name_en, b.name_hi) x "
		"JOIN role_holdings rh ON rh.location_id = x.block AND rh.role = 'bi' AND rh.active = 1 AND rh.work_from <= CURDATE() "
		"AND (rh.work_to IS NULL OR rh.work_to >= CURDATE()) "
		"JOIN users u ON u.id = rh.user_id AND u.active = 1 AND u.mobile IS NOT NULL "
		"WHERE NOT EXISTS (SELECT 1 FROM survey_digests s WHERE s.block_id = x.block AND s.user_id = u.id AND s.day = ?) "
		"ORDER BY x.block, u.id", "ss", day, day);
	if (!b)
		return false;
	for (size_t i = 0; i < b->nrows; i++) {
		bool hi = str_eq(db_val(b, i, 7), "hi");
		const char *vals[] = { "", "", "", db_val(b, i, 4), cfg.base_url, db_val(b, i, 3), db_val(b, i, hi ? 2 : 1) };
		struct reminder m = { .day = day, .block = (long)db_int(b, i, 0), .user = (long)db_int(b, i, 5), .n = (long)db_int(b, i, 3),
				      .mobile = db_val(b, i, 6),
				      .text = str_fill(a, i18n_get(&DIGEST, hi ? "hi" : "en"), REMIND_KEYS, vals, ARRAY_LEN(REMIND_KEYS), false),
				      .dlt = hi ? cfg.survey_digest_hi_dlt : cfg.survey_digest_dlt, .event = "survey.digest",
				      .ref = arena_printf(a, "%s/%s", db_val(b, i, 0), day) };
		if (!remind_once(&m, sent))
			return false;
	}
	return true;
}

long survey_remind_run(struct arena *a, const char *day, FILE *report)
{
	int y, m, d;
	if (!day)
		day = ist_today(a);
	if (!parse_date(day, &y, &m, &d))
		return -1;
	long sms = 0, digests = 0;
	if (!remind_vles(a, day, &sms) || !remind_bis(a, day, &digests))
		return -1;
	if (report)
		fprintf(report, "survey-remind %s: %ld reminders, %ld digests queued\n", day, sms, digests);
	return sms + digests;
}

/* ---- amenities ---- */

bool amenity_may_see(const struct actor *who, const char *gp_path)
{
	const struct user *u = who ? who->user : NULL;
	return u && (vle_at(u, gp_path) || juris_holding(u, AMENITY_ROLES & ~RB(ROLE_CSC), 0, gp_path, 0));
}

/* The amenity form: a name, where it is, and its photo.  The form engine's
 * fields, so the checks are the same as any form's. */
static struct field AMENITY_FIELDS[] = {
	{ .name = "name", .type = FT_TEXT, .label = { "Name", "नाम" }, .required = true, .max_len = 150 },
	{ .name = "point", .type = FT_GEOPOINT, .label = { "Location", "स्थान" }, .required = true },
	{ .name = "photo", .type = FT_PHOTO, .label = { "Photo", "फ़ोटो" } },
};
static const struct form_def AMENITY_FORM = { AMENITY_FIELDS, ARRAY_LEN(AMENITY_FIELDS) };

struct amen_ctx {
	struct arena *a;
	const struct actor *who;
	const struct amenity_input *in;
	long gp;
	long id;
	struct outcome *out;
};

static int amen_txn(void *p)
{
	struct amen_ctx *c = p;
	/* the answers as the form engine takes them: {"name", "point"} */
	struct sbuf b;
	struct jw w;
	sbuf_init(&b);
	jw_init(&w, &b);
	jw_obj(&w);
	jw_kstr(&w, "name", c->in->name ? c->in->name : "");
	if (c->in->point) {
		jw_key(&w, "point");
		jw_value(&w, c->in->point);
	}
	jw_obj_end(&w);
	const struct jval *answers = json_parse(c->a, b.data, b.len, NULL);
	sbuf_free(&b);
	if (c->in->photo && !(answers = store_photos(c->a, c->who, actor_id(c->who), &AMENITY_FORM, answers, c->in->photo, 1, c->out)))
		return c->out->status == 503 ? -1 : 1;
	struct photo_env pe = { c->a, actor_id(c->who) };
	struct form_env env = { .today = ist_today(c->a), .location_ok = no_location, .photo_ok = own_photo, .ctx = &pe };
	const char *json = NULL;
	if (form_check(c->a, &AMENITY_FORM, answers, &env, c->out, &json) > 0)
		return 1;
	struct jval *norm = json_parse(c->a, json, strlen(json), NULL);
	const struct jval *g = json_get(norm, "point");
	long acc = 0, doc = 0;
	bool has_acc = json_get_long(g, "accuracy_m", &acc);
	json_get_long(json_get(norm, "photo"), "doc_id", &doc);
	if (db_exec("INSERT INTO amenities (type_code, location_id, gp_id, name, lat, lon, accuracy_m, photo_doc_id, created_by, created_at) "
		    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NOW())", "siisssssi", c->in->type, (long long)c->in->location, (long long)c->gp,
		    json_get_str(norm, "name"), json_get(g, "lat")->str, json_get(g, "lon")->str,
		    has_acc ? arena_printf(c->a, "%ld", acc) : NULL, doc ? arena_printf(c->a, "%ld", doc) : NULL,
		    (long long)actor_id(c->who)) != 1)
		return -1;
	c->id = (long)db_last_id();
	struct audit_entry e = { .action = "amenity.add", .entity = "amenity", .entity_id = arena_printf(c->a, "%ld", c->id),
				 .remarks = arena_printf(c->a, "%s: %s", c->in->type, json_get_str(norm, "name")) };
	return audit_write(c->who, &e) == 0 ? 0 : -1;
}

int amenity_add(struct arena *a, const struct actor *who, const struct amenity_input *in, long *id, struct outcome *out)
{
	*id = 0;
	int st;
	struct dbres *pl = in->location > 0 ? place_of(a, in->location, &st) : NULL;
	if (in->location > 0 && st == 503)
		return out_fail(out, 503, NULL);
	const char *type = pl ? db_val(pl, 0, 1) : NULL;
	long gp = str_eq(type, "panchayat") ? in->location : str_eq(type, "village") ? (long)db_int(pl, 0, 3) : 0;
	const char *gp_path = gp == in->location ? (pl ? db_val(pl, 0, 2) : NULL)
						 : db_scalar(a, "SELECT path FROM locations WHERE id = ?", "i", (long long)gp);
	if (!gp || !gp_path) {
		out_field(out, "location", "survey.err.place", NULL);
		return out->status;
	}
	const struct user *u = who ? who->user : NULL;
	if (!vle_at(u, gp_path) && !officer_over(u, gp_path))
		return out_fail(out, amenity_may_see(who, gp_path) ? 403 : 404, "survey.err.outside_area");
	if (str_empty(in->type) || strlen(in->type) > 20 || !db_scalar(a, "SELECT code FROM amenity_types WHERE code = ?", "s", in->type))
		out_field(out, "type", "survey.err.amenity_type", NULL);
	if (out->status)
		return out->status;
	struct amen_ctx c = { .a = a, .who = who, .in = in, .gp = gp, .out = out };
	int rc = out_txn(out, amen_txn, &c);
	*id = rc == 0 ? c.id : 0;
	return rc;
}

/* ---- reports ---- */

void survey_distributions(struct arena *a, const struct survey *s, const struct dbres *answers, const char *lang, struct jw *w)
{
	jw_arr(w);
	for (size_t i = 0; i < s->form->nfields; i++) {
		const struct field *f = &s->form->fields[i];
		bool choice = f->type == FT_SELECT || f->type == FT_RADIO || f->type == FT_MULTISELECT || f->type == FT_CHECKBOX;
		bool number = f->type == FT_NUMBER || f->type == FT_MONEY;
		if (!choice && !number)
			continue;
		long *counts = arena_alloc(a, (f->nopts + 1) * sizeof *counts), n = 0;
		double sum = 0;
		for (size_t r = 0; answers && r < answers->nrows; r++) {
			const char *text = db_val(answers, r, 0);
			struct jval *all = text ? json_parse(a, text, strlen(text), NULL) : NULL;
			struct jval *v = json_get(all, f->name);
			if (!v || v->type == J_NULL)
				continue;
			n++;
			if (number && v->type == J_NUM)
				sum += v->num;
			for (size_t k = 0; choice && k < f->nopts; k++) {
				bool hit = v->type == J_ARR ? false : str_eq(v->type == J_BOOL ? (v->b ? "true" : "false") : v->str, f->opts[k].value);
				for (size_t m = 0; v->type == J_ARR && m < v->n; m++)
					hit = hit || str_eq(v->kids[m]->str, f->opts[k].value);
				counts[k] += hit;
			}
		}
		jw_obj(w);
		jw_kstr(w, "question", f->name);
		jw_kstr(w, "label", i18n_get(&f->label, lang));
		jw_kstr(w, "type", ftype_code(f->type));
		jw_kint(w, "answered", n);
		if (choice) {
			jw_key(w, "options");
			jw_arr(w);
			for (size_t k = 0; k < f->nopts; k++) {
				jw_obj(w);
				jw_kstr(w, "value", f->opts[k].value);
				jw_kstr(w, "label", i18n_get(&f->opts[k].label, lang));
				jw_kint(w, "count", counts[k]);
				jw_obj_end(w);
			}
			jw_arr_end(w);
		} else {
			char buf[64];
			jw_key(w, "sum");
			snprintf(buf, sizeof buf, "%.0f", sum);
			jw_raw(w, buf);
			jw_key(w, "average");
			snprintf(buf, sizeof buf, "%.2f", n ? sum / (double)n : 0.0);
			jw_raw(w, buf);
		}
		jw_obj_end(w);
	}
	jw_arr_end(w);
}

/* The counts every report row carries, after its grouping columns. */
#define COUNTS_SQL "SUM(t.status = 'allocated'), SUM(t.status = 'in_progress'), SUM(t.status = 'pending_approval'), " \
	"SUM(t.status = 'completed'), SUM(t.status = 'returned'), SUM(t.flags <> ''), COUNT(*)"

struct dbres *survey_report(struct arena *a, long project, const char *root, enum survey_report which)
{
	switch (which) {
	case SR_BY_PLACE:
		return db_query(a, "SELECT g.id, g.name_en, IFNULL(g.name_hi, g.name_en), b.name_en, " COUNTS_SQL " FROM tasks t "
				   "JOIN locations g ON g.id = t.gp_id LEFT JOIN locations b ON b.id = g.parent_id "
				   "WHERE t.project_id = ? AND t.status <> 'cancelled' AND g.path LIKE CONCAT(?, '%') "
				   "GROUP BY g.id, g.name_en, g.name_hi, b.name_en ORDER BY b.name_en, g.name_en", "is", (long long)project, root);
	case SR_BY_VLE:
		return db_query(a, "SELECT u.id, CONCAT_WS(' ', u.first_name, u.last_name), " COUNTS_SQL " FROM tasks t JOIN locations g ON g.id = t.gp_id "
				   "JOIN users u ON u.id = t.assignee_id WHERE t.project_id = ? AND t.status <> 'cancelled' "
				   "AND g.path LIKE CONCAT(?, '%') GROUP BY u.id, CONCAT_WS(' ', u.first_name, u.last_name) ORDER BY CONCAT_WS(' ', u.first_name, u.last_name)", "is", (long long)project, root);
	case SR_BY_DAY:
		return db_query(a, "SELECT DATE(t.submitted_at), COUNT(*) FROM tasks t JOIN locations g ON g.id = t.gp_id "
				   "WHERE t.project_id = ? AND t.submitted_at IS NOT NULL AND g.path LIKE CONCAT(?, '%') "
				   "GROUP BY DATE(t.submitted_at) ORDER BY 1", "is", (long long)project, root);
	case SR_AGEING:
		return db_query(a, "SELECT IFNULL(SUM(d <= 3), 0), IFNULL(SUM(d BETWEEN 4 AND 7), 0), IFNULL(SUM(d BETWEEN 8 AND 15), 0), "
				   "IFNULL(SUM(d > 15), 0), IFNULL(MAX(d), 0) FROM (SELECT DATEDIFF(CURDATE(), DATE(t.allocated_at)) AS d "
				   "FROM tasks t JOIN locations g ON g.id = t.gp_id WHERE t.project_id = ? "
				   "AND t.status IN " TASK_OPEN_SQL " AND g.path LIKE CONCAT(?, '%')) x", "is", (long long)project, root);
	case SR_ANSWERS:
		return db_query(a, "SELECT t.answers FROM tasks t JOIN locations g ON g.id = t.gp_id WHERE t.project_id = ? "
				   "AND t.status IN ('pending_approval', 'completed') AND t.answers IS NOT NULL "
				   "AND g.path LIKE CONCAT(?, '%')", "is", (long long)project, root);
	}
	return NULL;
}

struct dbres *task_list(struct arena *a, long assignee, const char *root, long project, const char *status)
{
	return db_query(a, "SELECT t.id, p.id, p.code, p.title_en, p.title_hi, t.target_kind, "
			   "IF(t.target_kind = 'amenity', m.name, g.name_en), g.name_en, IFNULL(g.name_hi, g.name_en), CONCAT_WS(' ', u.first_name, u.last_name), t.status, "
			   "t.flags, t.due_date, t.allocated_at, IFNULL(t.submitted_at, ''), t.lat, t.lon, t.assignee_id, p.version_id, "
			   "t.version_id, t.answers_version_id FROM tasks t JOIN survey_projects p ON p.id = t.project_id JOIN locations g ON g.id = t.gp_id "
			   "JOIN users u ON u.id = t.assignee_id LEFT JOIN amenities m ON t.target_kind = 'amenity' AND m.id = t.target_id "
			   "WHERE (? = 0 OR t.assignee_id = ?) AND (? IS NULL OR g.path LIKE CONCAT(?, '%')) AND (? = 0 OR t.project_id = ?) "
			   "AND (IFNULL(?, '') = '' OR t.status = ?) ORDER BY t.id DESC LIMIT 500",
			"iissiiss", (long long)assignee, (long long)assignee, root, root, (long long)project, (long long)project,
			status, status);
}

struct dbres *amenity_list(struct arena *a, const char *root, const char *type)
{
	return db_query(a, "SELECT m.id, m.type_code, y.name_en, y.name_hi, y.colour, m.name, m.lat, m.lon, g.id, g.name_en, "
			   "IFNULL(g.name_hi, g.name_en), IFNULL(m.photo_doc_id, ''), IFNULL(m.last_surveyed_at, '') FROM amenities m "
			   "JOIN amenity_types y ON y.code = m.type_code JOIN locations g ON g.id = m.gp_id "
			   "WHERE m.active = 1 AND g.path LIKE CONCAT(?, '%') AND (IFNULL(?, '') = '' OR m.type_code = ?) "
			   "ORDER BY y.sort, g.name_en, m.name LIMIT 2000", "sss", root, type, type);
}
