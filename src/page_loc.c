/*
 * page_loc.c — location administration (browse, search, add, rename,
 * deactivate) and the public location API behind the picker.
 */
#include "pages.h"
#include "apiutil.h"
#include "json.h"
#include "db.h"
#include "location.h"
#include "tmpl.h"
#include "user.h"

#include <stdlib.h>
#include <string.h>

#define ROW_COLS "id, IFNULL(parent_id, 0), type, lgd_code, name_en, name_hi, path, active"
static const char *const row_names[] = { "id", "parent_id", "type", "code", "name_en", "name_hi", "path", "active", NULL };

/* The text of q with LIKE's own characters escaped (for prefix search). */
static const char *like_prefix(struct arena *a, const char *q)
{
	struct sbuf b;
	sbuf_init(&b);
	for (const char *p = q; *p; p++) {
		if (*p == '%' || *p == '_' || *p == '\\')
			sbuf_addc(&b, '\\');
		sbuf_addc(&b, *p);
	}
	char *s = arena_strdup(a, b.data);
	sbuf_free(&b);
	return s;
}

/* Sets Crumbs.N.{id,name_en,name_hi,type} for the ancestors of path. */
static void crumbs(struct req *r, const char *path)
{
	struct dbres *a = db_query(r->a,
		"SELECT l.id, l.name_en, l.name_hi, l.type FROM locations l "
		"JOIN JSON_TABLE(CONCAT('[', REPLACE(TRIM(BOTH '/' FROM ?), '/', ','), ']'), '$[*]' "
		"COLUMNS (id INT PATH '$')) j ON j.id = l.id ORDER BY l.depth", "s", path);
	static const char *const cols[] = { "id", "name_en", "name_hi", "type", NULL };
	hset_rows(r, "Crumbs", a, cols);
}

/* GET /admin/locations?parent=ID&q=TEXT */
int page_locations(struct req *r)
{
	const char *q = req_query(r, "q"), *ps = req_query(r, "parent");
	long parent = 0;
	if (ps && !parse_long(ps, 1, 2000000000L, &parent))
		return 404;
	struct dbres *rows;
	if (!str_empty(q)) {
		if (utf8_chars(q) > 100)
			return 400;
		hset(r, "Q", q);
		rows = db_query(r->a, "SELECT " ROW_COLS " FROM locations WHERE name_en LIKE CONCAT(?, '%') "
				      "OR name_hi LIKE CONCAT(?, '%') OR lgd_code = ? ORDER BY depth, name_en LIMIT 50",
				"sss", like_prefix(r->a, q), like_prefix(r->a, q), q);
	} else if (parent) {
		struct loc *p = loc_get(r->a, parent);
		if (!p)
			return 404;
		hset_int(r, "Parent.id", p->id);
		hset(r, "Parent.name_en", p->name_en);
		hset(r, "Parent.name_hi", p->name_hi);
		hset(r, "Parent.type", loc_type_code(p->type));
		crumbs(r, p->path);
		rows = db_query(r->a, "SELECT " ROW_COLS " FROM locations WHERE parent_id = ? ORDER BY type, name_en LIMIT 1000",
				"i", (long long)parent);
	} else {
		rows = db_query(r->a, "SELECT " ROW_COLS " FROM locations WHERE parent_id IS NULL ORDER BY name_en", NULL);
	}
	if (!rows)
		return 503;
	hset_rows(r, "Rows", rows, row_names);
	/* ancestors of each search hit, so "Badepur" in two blocks can be told apart */
	for (size_t i = 0; !str_empty(q) && i < rows->nrows; i++) {
		struct dbres *a = db_query(r->a,
			"SELECT GROUP_CONCAT(l.name_en ORDER BY l.depth SEPARATOR ' › ') FROM locations l "
			"JOIN JSON_TABLE(CONCAT('[', REPLACE(TRIM(BOTH '/' FROM ?), '/', ','), ']'), '$[*]' "
			"COLUMNS (id INT PATH '$')) j ON j.id = l.id WHERE l.id <> ?", "si", db_val(rows, i, 6),
			db_int(rows, i, 0));
		hset(r, arena_printf(r->a, "Rows.%zu.context", i), db_val(a, 0, 0));
	}
	return tmpl_render(r, "admin_locations.cs");
}

/* GET /admin/locations/:id */
int page_location(struct req *r)
{
	long id;
	if (!parse_long(rp(r, 0), 1, 2000000000L, &id))
		return 404;
	struct dbres *row = db_query(r->a, "SELECT " ROW_COLS ", lat, lon, created_at, updated_at FROM locations WHERE id = ?",
				     "i", (long long)id);
	if (!row)
		return 503;
	if (row->nrows != 1)
		return 404;
	static const char *const cols[] = { "id", "parent_id", "type", "code", "name_en", "name_hi", "path", "active",
					    "lat", "lon", "created_at", "updated_at", NULL };
	hset_rows(r, "Loc", row, cols);
	crumbs(r, db_val(row, 0, 6));
	if (!form_has_errors(r)) {
		hset(r, "Form.val.name_en", db_val(row, 0, 4));
		hset(r, "Form.val.name_hi", db_val(row, 0, 5));
		hset(r, "Form.val.code", db_val(row, 0, 3));
	}
	struct dbres *kids = db_query(r->a, "SELECT COUNT(*) FROM locations WHERE parent_id = ?", "i", (long long)id);
	hset(r, "Loc.children", db_val(kids, 0, 0));
	struct dbres *offs = db_query(r->a, "SELECT id, level, name_en, name_hi, active FROM offices WHERE location_id = ? "
					    "ORDER BY FIELD(level, 'panchayat','circle','block','subdivision','district','ulb','hq')",
				      "i", (long long)id);
	static const char *const ocols[] = { "id", "level", "name_en", "name_hi", "active", NULL };
	hset_rows(r, "Offices", offs, ocols);
	const char *type = db_val(row, 0, 2);
	int lt = loc_type_from(type);
	int k = 0;
	for (int t = 0; t < LT_COUNT; t++)
		if (lt >= 0 && loc_parent_ok((enum loc_type)t, (enum loc_type)lt))
			hset(r, arena_printf(r->a, "ChildTypes.%d", k++), loc_type_code((enum loc_type)t));
	return tmpl_render(r, "admin_location.cs");
}

/* POST /admin/locations/:id — rename (en/hi), set code, activate/deactivate */
int page_location_post(struct req *r)
{
	long id;
	if (!parse_long(rp(r, 0), 1, 2000000000L, &id))
		return 404;
	if (!loc_get(r->a, id))
		return 404;
	const char *action = req_form(r, "action");
	struct outcome out;
	out_init(&out, r->a);
	int st;
	if (str_eq(action, "deactivate") || str_eq(action, "activate")) {
		st = loc_set_active(r->a, &r->actor, id, str_eq(action, "activate"), &out);
	} else if (str_eq(action, "rename")) {
		static const char *const keep[] = { "name_en", "name_hi", "code", NULL };
		form_keep(r, keep);
		st = loc_rename(r->a, &r->actor, id, req_form(r, "name_en"), req_form(r, "name_hi"), req_form(r, "code"), &out);
	} else {
		return 400;
	}
	if (st == 422) {
		r->status = page_outcome(r, &out);
		return page_location(r);
	}
	if (st)
		return page_outcome(r, &out);
	resp_redirect(r, arena_printf(r->a, "/admin/locations/%ld", id));
	return 0;
}

/* POST /admin/locations/:id/children — add a child location */
int page_location_add(struct req *r)
{
	long id;
	if (!parse_long(rp(r, 0), 1, 2000000000L, &id))
		return 404;
	int t = loc_type_from(req_form(r, "type"));
	if (t < 0)
		return 400;
	struct outcome out;
	out_init(&out, r->a);
	long nid = 0;
	int st = loc_add(r->a, &r->actor, id, (enum loc_type)t, req_form(r, "code"), req_form(r, "name_en"),
			 req_form(r, "name_hi"), &nid, &out);
	if (st == 422) {
		static const char *const keep[] = { "code", "name_en", "name_hi", "type", NULL };
		form_keep(r, keep);
		r->status = page_outcome(r, &out);
		return page_location(r);
	}
	if (st)
		return page_outcome(r, &out);
	resp_redirect(r, arena_printf(r->a, "/admin/locations/%ld", nid));
	return 0;
}

static const struct api_col loc_cols[] = {
	{"id", 0, AK_INT},
	{"lgd_code", 3, AK_STR},
	{"type", 2, AK_STR},
	{"name_en", 4, AK_STR},
	{"name_hi", 5, AK_STR},
};

/* Writes one location object. */
static void loc_json(struct jw *w, const struct dbres *rows, size_t i)
{
	jw_obj(w);
	API_COLS(NULL, w, rows, i, loc_cols);
	jw_key(w, "parent_id");
	if (db_int(rows, i, 1))
		jw_int(w, db_int(rows, i, 1));
	else
		jw_null(w);
	jw_kbool(w, "active", db_int(rows, i, 7) != 0);
	jw_obj_end(w);
}

/* Name prefix or LGD code search, in tree order (districts before blocks
 * before villages) and name order within a level.  What is typed picks the
 * column: digits an LGD code, Latin letters the English name, anything else
 * the Hindi name.  Each level is then one index range read (010) that stops
 * at the page size, so a one-letter search costs what a whole name costs:
 * nothing beyond a page is ever sorted. */
static int search_json(struct req *r, const char *q, const char *type, long limit)
{
	const char *pre = like_prefix(r->a, q);
	bool code = str_digits(q, 1, 20), latin = true;
	for (const char *p = q; *p; p++)
		latin &= (unsigned char)*p < 0x80;
	struct sbuf b;
	struct jw w;
	api_list_open(&b, &w);
	long left = limit;
	/* an LGD code is a handful of rows at most: one read of its key */
	for (int depth = code ? LOC_MAX_DEPTH : 0; depth <= LOC_MAX_DEPTH && left > 0; depth++) {
		struct dbres *rows = code
			? db_query(r->a, "SELECT " ROW_COLS " FROM locations WHERE lgd_code = ? AND active = 1 "
					 "AND (? = '' OR type = ?) ORDER BY depth, name_en LIMIT ?", "sssi", q, type, type, (long long)left)
			: latin
			? db_query(r->a, "SELECT " ROW_COLS " FROM locations WHERE depth = ? AND name_en LIKE CONCAT(?, '%') "
					 "AND active = 1 AND (? = '' OR type = ?) ORDER BY name_en LIMIT ?", "isssi", (long long)depth, pre, type, type,
				   (long long)left)
			: db_query(r->a, "SELECT " ROW_COLS " FROM locations WHERE depth = ? AND name_hi LIKE CONCAT(?, '%') "
					 "AND active = 1 AND (? = '' OR type = ?) ORDER BY name_hi LIMIT ?", "isssi", (long long)depth, pre, type, type,
				   (long long)left);
		if (!rows) {
			sbuf_free(&b);
			return 503;
		}
		for (size_t i = 0; i < rows->nrows; i++)
			loc_json(&w, rows, i);
		left -= (long)rows->nrows;
	}
	return api_list_send(r, &b, &w, NULL);
}

/* GET /api/v1/locations?parent=ID | within=ID&type=T | q=TEXT [&limit=N] */
int api_locations(struct req *r)
{
	const char *parent = req_query(r, "parent"), *within = req_query(r, "within"), *type = req_query(r, "type");
	const char *q = req_query(r, "q");
	long limit = 100, id = 0;
	if (api_limit(r, 1000, &limit))
		return 422;
	if (type && loc_type_from(type) < 0) {
		form_error(r, "type", "api.type_bad");
		return 422;
	}
	struct dbres *rows = NULL;
	if (!str_empty(q)) {
		if (utf8_chars(q) > 100)
			return 400;
		return search_json(r, q, type ? type : "", limit);
	} else if (within) {
		if (!parse_long(within, 1, 2000000000L, &id) || !type)
			return 400;
		struct loc *p = loc_get(r->a, id);
		if (!p)
			return 404;
		rows = db_query(r->a, "SELECT " ROW_COLS " FROM locations WHERE type = ? AND path LIKE CONCAT(?, '%') "
				      "AND active = 1 ORDER BY name_en LIMIT ?", "ssi", type, p->path, (long long)limit);
	} else if (parent) {
		if (!parse_long(parent, 1, 2000000000L, &id))
			return 400;
		rows = db_query(r->a, "SELECT " ROW_COLS " FROM locations WHERE parent_id = ? AND (? = '' OR type = ?) "
				      "AND active = 1 ORDER BY name_en LIMIT ?", "issi", (long long)id, type ? type : "",
				type ? type : "", (long long)limit);
	} else {
		rows = db_query(r->a, "SELECT " ROW_COLS " FROM locations WHERE ((? = '' AND parent_id IS NULL) OR type = ?) "
				      "AND active = 1 ORDER BY name_en LIMIT ?", "ssi", type ? type : "", type ? type : "", (long long)limit);
	}
	if (!rows)
		return 503;
	struct sbuf b;
	struct jw w;
	api_list_open(&b, &w);
	for (size_t i = 0; i < rows->nrows; i++)
		loc_json(&w, rows, i);
	return api_list_send(r, &b, &w, NULL);
}

/* GET /api/v1/locations/:id */
int api_location(struct req *r)
{
	long id;
	if (!parse_long(rp(r, 0), 1, 2000000000L, &id))
		return 404;
	struct dbres *rows = db_query(r->a, "SELECT " ROW_COLS " FROM locations WHERE id = ?", "i", (long long)id);
	if (!rows)
		return 503;
	if (rows->nrows != 1)
		return 404;
	struct sbuf b;
	struct jw w;
	sbuf_init(&b);
	jw_init(&w, &b);
	loc_json(&w, rows, 0);
	return api_send(r, 200, &b);
}
