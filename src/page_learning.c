/*
 * page_learning.c — the e-learning library's pages and JSON API
 * (learning.h decides and writes; this file only translates).
 *
 * Videos play in the browser's own <video> element; the file comes from
 * nginx (X-Accel-Redirect to the internal /_blobs/ location) after the
 * access check here, so seeking uses nginx's range requests.  Where
 * JavaScript runs, static/learn.js sends progress beacons; without it a
 * "Mark as done" button does the same.
 */
#include "pages.h"
#include "apiutil.h"
#include "db.h"
#include "json.h"
#include "learning.h"
#include "locker.h"
#include "tmpl.h"
#include "user.h"

#include <stdlib.h>
#include <string.h>

static long path_item(struct req *r)
{
	long id;
	return parse_long(rp(r, 0), 1, 2000000000L, &id) ? id : 0;
}

static const char *const LIST_COLS[] = { "id", "kind", "lang", "title", "description", "tags", "mandatory", "version", "pct",
					 "completed_at", "size", NULL };

/* GET /learn?lang=&tag= */
int page_learn(struct req *r)
{
	struct dbres *l = learning_list(r->a, r->user, req_query(r, "lang"), req_query(r, "tag"));
	if (!l)
		return 503;
	hset_rows(r, "Items", l, LIST_COLS);
	hset(r, "Filter.lang", req_query(r, "lang"));
	hset(r, "Filter.tag", req_query(r, "tag"));
	hset(r, "Admin", learning_admin(r->user) ? "1" : "");
	return tmpl_render(r, "learn.cs");
}

/* GET /learn/:id — the player or the document */
int page_learn_item(struct req *r)
{
	long id = path_item(r);
	if (!id || !learning_visible(r->a, r->user, id))
		return 404;
	struct dbres *i = learning_get(r->a, id);
	struct dbres *p = db_query(r->a, "SELECT pct, completed_at FROM learning_progress WHERE item_id = ? AND user_id = ?", "ii",
				   (long long)id, (long long)r->user->id);
	if (!i || !p || i->nrows != 1)
		return 503;
	static const char *const cols[] = { "id", "kind", "lang", "title", "description", "tags", "mandatory", "version", NULL };
	hset_rows(r, "Item", i, cols);
	hset(r, "Me.pct", p->nrows ? db_val(p, 0, 0) : "0");
	hset(r, "Me.done", p->nrows && db_val(p, 0, 1) ? "1" : "");
	hset(r, "Page.learn_js", str_eq(db_val(i, 0, 1), "video") ? "1" : "");
	/* the smaller copy for phones, when the rendition job has made one */
	hset(r, "Me.small", db_val(i, 0, 13) && str_eq(req_query(r, "small"), "1") ? "1" : "");
	hset(r, "Item.0.has_small", db_val(i, 0, 13) ? "1" : "");
	hset(r, "Item.0.small_mb", db_val(i, 0, 14) ? arena_printf(r->a, "%.1f", strtod(db_val(i, 0, 14), NULL) / 1e6) : NULL);
	hset(r, "Item.0.mb", arena_printf(r->a, "%.1f", strtod(db_val(i, 0, 9), NULL) / 1e6));
	return tmpl_render(r, "learn_item.cs");
}

/* GET /learn/:id/file[?r=360p] — a video (or its 360p copy) through
 * nginx, a document from here */
int page_learn_file(struct req *r)
{
	long id = path_item(r);
	if (!id || !learning_visible(r->a, r->user, id))
		return 404;
	struct dbres *i = learning_get(r->a, id);
	if (!i || i->nrows != 1)
		return 503;
	const char *hex = db_val(i, 0, 8), *mime = db_val(i, 0, 10);
	if (str_eq(req_query(r, "r"), "360p") && !(hex = db_val(i, 0, 13)))
		return 404;
	if (str_eq(db_val(i, 0, 1), "video")) {
		/* nginx serves the blob (ranges, sendfile); the location is internal */
		r->status = 200;
		r->out_ctype = "video/mp4";
		resp_header(r, "X-Accel-Redirect", arena_printf(r->a, "/_blobs/%.2s/%.2s/%s", hex, hex + 2, hex));
		resp_header(r, "Cache-Control", "private, max-age=3600");
		r->sent = true;
		return 0;
	}
	size_t len;
	unsigned char *data = locker_read_blob(hex, &len);
	if (!data)
		return 404;
	static const char *const ext[] = { "pdf", "pdf", "pptx", "ppt" };
	int k = str_eq(db_val(i, 0, 1), "sop") ? 1 : strstr(mime, "openxml") ? 2 : strstr(mime, "powerpoint") ? 3 : 0;
	resp_bytes(r, mime, data, len, arena_printf(r->a, "%s-v%s.%s", db_val(i, 0, 11), db_val(i, 0, 7), ext[k]));
	free(data);
	return 0;
}

/* POST /learn/:id/progress {pct} (the beacon, or "Mark as done" with 100) */
int page_learn_progress(struct req *r)
{
	long id = path_item(r), pct;
	struct outcome o;
	out_init(&o, r->a);
	if (!parse_long(req_form(r, "pct"), 0, 100, &pct))
		return 400;
	if (learning_progress(r->a, &r->actor, id, pct, &o) != 0)
		return page_outcome(r, &o);
	if (str_eq(req_form(r, "beacon"), "1")) {
		r->status = 204;
		r->sent = true;
		return 0;
	}
	resp_redirect(r, arena_printf(r->a, "/learn/%ld", id));
	return 0;
}

static const char *const ADD_FIELDS[] = { "key", "kind", "lang", "title", "description", "tags", "audience", NULL };

/* The item input from a multipart form (page or API). */
static void add_input(struct req *r, struct learn_input *in)
{
	const struct upload *u = req_upload(r, "file");
	*in = (struct learn_input){ req_form(r, "key"), req_form(r, "kind"), req_form(r, "lang"), req_form(r, "title"),
				    req_form(r, "description"), req_form(r, "tags"), req_form(r, "audience"),
				    str_eq(req_form(r, "mandatory"), "1"), u ? u->data : NULL, u ? u->len : 0 };
}

/* The report of mandatory items under the viewer's first area (state
 * administrators: the state) into Report.* */
static int report_hdf(struct req *r, struct dbres **out)
{
	const struct juris_root *roots = juris_prefixes(r->a, r->user, LEARN_REPORTERS);
	if (!roots || !roots[0].path)
		return 403;
	struct dbres *rep = learning_report(r->a, roots[0].path);
	if (!rep)
		return 503;
	static const char *const cols[] = { "id", "title", "lang", "people", "completed", NULL };
	hset_rows(r, "Report", rep, cols);
	*out = rep;
	return 0;
}

/* GET /admin/learn — add an item; the completion report */
int page_admin_learn(struct req *r)
{
	struct dbres *rep;
	int st = report_hdf(r, &rep);
	return st ? st : tmpl_render(r, "admin_learn.cs");
}

/* POST /admin/learn (multipart) */
int page_admin_learn_add(struct req *r)
{
	struct learn_input in;
	struct outcome o;
	long id;
	add_input(r, &in);
	out_init(&o, r->a);
	if (learning_add(r->a, &r->actor, &in, &id, &o) != 0) {
		int st = page_outcome(r, &o);
		if (st != 422)
			return st;
		form_keep(r, ADD_FIELDS);
		r->status = 422;
		return page_admin_learn(r);
	}
	resp_redirect(r, arena_printf(r->a, "/learn/%ld", id));
	return 0;
}

/* GET /learn/report — completion of mandatory items in the viewer's area */
int page_learn_report(struct req *r)
{
	struct dbres *rep;
	int st = report_hdf(r, &rep);
	return st ? st : tmpl_render(r, "learn_report.cs");
}

/* ---- JSON API ---- */

static const struct api_col learn_item_cols[] = {
	{"id", 0, AK_INT},
	{"kind", 1, AK_STR},
	{"lang", 2, AK_STR},
	{"title", 3, AK_STR},
	{"description", 4, AK_STR},
	{"tags", 5, AK_STR},
};

static const struct api_col learn_progress_cols[] = {
	{"version", 7, AK_INT},
	{"pct", 8, AK_INT},
	{"completed_at", 9, AK_TIME},
	{"size", 10, AK_INT},
};

/* GET /api/v1/learn?lang=&tag= */
int api_learn(struct req *r)
{
	struct dbres *l = learning_list(r->a, r->user, req_query(r, "lang"), req_query(r, "tag"));
	if (!l)
		return 503;
	struct sbuf b;
	struct jw w;
	api_list_open(&b, &w);
	for (size_t i = 0; i < l->nrows; i++) {
		jw_obj(&w);
		API_COLS(r->a, &w, l, i, learn_item_cols);
		jw_kbool(&w, "mandatory", db_int(l, i, 6) == 1);
		API_COLS(r->a, &w, l, i, learn_progress_cols);
		jw_kstr(&w, "file", arena_printf(r->a, "/learn/%s/file", db_val(l, i, 0)));
		jw_obj_end(&w);
	}
	return api_list_send(r, &b, &w, NULL);
}

/* POST /api/v1/learn (multipart: key, kind, lang, title, description,
 * tags, audience, mandatory, file) */
int api_learn_add(struct req *r)
{
	struct learn_input in;
	struct outcome o;
	long id;
	add_input(r, &in);
	out_init(&o, r->a);
	if (learning_add(r->a, &r->actor, &in, &id, &o) != 0)
		return page_outcome(r, &o);
	struct sbuf b;
	struct jw w;
	sbuf_init(&b);
	jw_init(&w, &b);
	jw_obj(&w);
	jw_kint(&w, "id", id);
	jw_kstr(&w, "version", db_scalar(r->a, "SELECT version FROM learning_items WHERE id = ?", "i", (long long)id));
	jw_obj_end(&w);
	return api_send(r, 201, &b);
}

/* POST /api/v1/learn/:id/progress {pct} */
int api_learn_progress(struct req *r)
{
	struct jval *j = api_body(r);
	long pct;
	if (!j)
		return 400;
	struct outcome o;
	out_init(&o, r->a);
	if (!json_get_long(j, "pct", &pct))
		out_field(&o, "pct", "learn.err.pct", NULL);
	else
		learning_progress(r->a, &r->actor, path_item(r), pct, &o);
	if (o.status)
		return page_outcome(r, &o);
	return api_ok(r, 200, "{\"saved\":true}");
}

static const struct api_col learn_report_cols[] = {
	{"id", 0, AK_INT},
	{"title", 1, AK_STR},
	{"lang", 2, AK_STR},
	{"people", 3, AK_INT},
	{"completed", 4, AK_INT},
};

/* GET /api/v1/learn/report */
int api_learn_report(struct req *r)
{
	struct dbres *rep;
	int st = report_hdf(r, &rep);
	if (st)
		return st;
	struct sbuf b;
	struct jw w;
	api_list_open(&b, &w);
	API_ROWS(r->a, &w, rep, learn_report_cols);
	return api_list_send(r, &b, &w, NULL);
}
