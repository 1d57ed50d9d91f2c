/*
 * page_reghealth.c — register health on the dashboards: per gram
 * panchayat open books, days since the last entry, entries waiting for
 * sign-off and a simple score, rolled up to each child of the place shown
 * (drill-down through /dash), the books of a GP when the place is one,
 * and the same as JSON; beside the GPs, the block and district offices
 * under the place that keep books of block- or district-level registers
 * (one row each), and at a block or district its own books.  The figures
 * come from the summary rows the entry
 * transactions keep (register.c reg_health), so they are read fresh on
 * every view rather than through the dashboard cache.  The caller (the
 * dashboard's scope) has checked that the viewer may see the place.
 */
#include "pages.h"
#include "apiutil.h"
#include "db.h"
#include "location.h"
#include "register.h"
#include "tmpl.h"

/* One set of figures into prefix.* of the template data. */
static void health_hdf(struct req *r, const char *p, const struct reg_health *h)
{
	hset_int(r, arena_printf(r->a, "%s.gps", p), h->gps);
	hset_int(r, arena_printf(r->a, "%s.with_books", p), h->with_books);
	hset_int(r, arena_printf(r->a, "%s.open_books", p), h->open_books);
	hset_int(r, arena_printf(r->a, "%s.waiting", p), h->waiting);
	hset_int(r, arena_printf(r->a, "%s.stale", p), h->stale);
	hset(r, arena_printf(r->a, "%s.days", p), h->days < 0 ? "—" : arena_printf(r->a, "%ld", h->days));
	hset_int(r, arena_printf(r->a, "%s.score", p), h->score);
}

/* One set of figures as a JSON object (key and name for a child). */
static void health_json(struct jw *w, const struct reg_health *h)
{
	jw_obj(w);
	if (h->key) {
		jw_kstr(w, "location_id", h->key);
		jw_kstr(w, "name_en", h->name_en);
	}
	jw_kint(w, "gps", h->gps);
	jw_kint(w, "gps_with_books", h->with_books);
	jw_kint(w, "open_books", h->open_books);
	jw_kint(w, "waiting_signoff", h->waiting);
	jw_kint(w, "gps_no_entry_30_days", h->stale);
	jw_key(w, "days_since_last_entry");
	if (h->days < 0)
		jw_null(w);
	else
		jw_int(w, h->days);
	jw_kint(w, "score", h->score);
	jw_obj_end(w);
}

/* "days_since_last_entry": column col of row i of res, null when NULL. */
static void days_json(struct jw *w, const struct dbres *res, size_t i, size_t col)
{
	jw_key(w, "days_since_last_entry");
	if (db_val(res, i, col))
		jw_int(w, db_int(res, i, col));
	else
		jw_null(w);
}

/* Does place l keep books of its own (a GP; a block or a district for
 * block- and district-level registers)? */
static bool keeps_books(const struct loc *l)
{
	return l->type == LT_PANCHAYAT || l->type == LT_BLOCK || l->type == LT_DISTRICT;
}

/* Adds the register-health section of the dashboard of place l (at
 * depth): children's rows below a GP, the offices keeping block- and
 * district-level books, and the place's own books where it keeps some.
 * 0 or 503. */
int page_reghealth_dash(struct req *r, const struct loc *l, int depth)
{
	size_t n;
	struct reg_health total;
	struct reg_health *rows = reg_health(r->a, l->path, depth + 1, &n, &total);
	struct dbres *off = l->type != LT_PANCHAYAT ? reg_health_offices(r->a, l->path) : NULL;
	if (!rows || (l->type != LT_PANCHAYAT && !off))
		return 503;
	health_hdf(r, "RegHealth.total", &total);
	for (size_t i = 0; l->type != LT_PANCHAYAT && i < n; i++) {
		const char *p = arena_printf(r->a, "RegHealth.rows.%zu", i);
		hset(r, arena_printf(r->a, "%s.key", p), rows[i].key);
		hset(r, arena_printf(r->a, "%s.name", p),
		     str_eq(r->lang, "hi") && !str_empty(rows[i].name_hi) ? rows[i].name_hi : rows[i].name_en);
		health_hdf(r, p, &rows[i]);
	}
	for (size_t i = 0; off && i < off->nrows; i++) {
		const char *p = arena_printf(r->a, "RegHealth.offices.%zu", i);
		hset(r, arena_printf(r->a, "%s.key", p), db_val(off, i, 0));
		hset(r, arena_printf(r->a, "%s.name", p), str_eq(r->lang, "hi") ? db_val(off, i, 2) : db_val(off, i, 1));
		hset(r, arena_printf(r->a, "%s.type", p), tmpl_str(r->lang, arena_printf(r->a, "loc.type.%s", db_val(off, i, 3))));
		hset(r, arena_printf(r->a, "%s.open_books", p), db_val(off, i, 4));
		hset(r, arena_printf(r->a, "%s.waiting", p), db_val(off, i, 5));
		hset(r, arena_printf(r->a, "%s.days", p), db_val(off, i, 6) ? db_val(off, i, 6) : "—");
	}
	if (!keeps_books(l))
		return 0;
	struct dbres *b = reg_health_books(r->a, l->id);
	if (!b)
		return 503;
	for (size_t i = 0; i < b->nrows; i++) {
		const char *p = arena_printf(r->a, "RegHealth.books.%zu", i);
		hset(r, arena_printf(r->a, "%s.id", p), db_val(b, i, 0));
		hset(r, arena_printf(r->a, "%s.code", p), db_val(b, i, 1));
		hset(r, arena_printf(r->a, "%s.name", p),
		     str_eq(r->lang, "hi") && !str_empty(db_val(b, i, 3)) ? db_val(b, i, 3) : db_val(b, i, 2));
		hset(r, arena_printf(r->a, "%s.fy", p), db_val(b, i, 4));
		hset(r, arena_printf(r->a, "%s.status", p), tmpl_str(r->lang, arena_printf(r->a, "reghealth.book.%s", db_val(b, i, 5))));
		hset(r, arena_printf(r->a, "%s.days", p), db_val(b, i, 6) ? db_val(b, i, 6) : "—");
		hset(r, arena_printf(r->a, "%s.waiting", p), db_val(b, i, 7));
	}
	return 0;
}

static const struct api_col office_health_cols[] = {
	{"location_id", 0, AK_INT},
	{"name_en", 1, AK_STR},
	{"type", 3, AK_STR},
	{"open_books", 4, AK_INT},
	{"waiting_signoff", 5, AK_INT},
};

static const struct api_col book_health_cols[] = {
	{"book", 0, AK_INT},
	{"register", 1, AK_STR},
	{"name_en", 2, AK_STR},
	{"fy", 4, AK_STR},
	{"status", 5, AK_STR},
};

/* The register health of place l (at depth) as the JSON answer of
 * GET /api/v1/dash/registers. */
int api_reghealth(struct req *r, const struct loc *l, int depth)
{
	size_t n;
	struct reg_health total;
	struct reg_health *rows = reg_health(r->a, l->path, depth + 1, &n, &total);
	struct dbres *b = keeps_books(l) ? reg_health_books(r->a, l->id) : NULL;
	struct dbres *off = l->type != LT_PANCHAYAT ? reg_health_offices(r->a, l->path) : NULL;
	if (!rows || (keeps_books(l) && !b) || (l->type != LT_PANCHAYAT && !off))
		return 503;
	struct sbuf s;
	struct jw w;
	sbuf_init(&s);
	jw_init(&w, &s);
	jw_obj(&w);
	jw_key(&w, "location");
	jw_obj(&w);
	jw_kint(&w, "id", l->id);
	jw_kstr(&w, "name_en", l->name_en);
	jw_kstr(&w, "type", loc_type_code(l->type));
	jw_obj_end(&w);
	jw_key(&w, "totals");
	health_json(&w, &total);
	jw_key(&w, "children");
	jw_arr(&w);
	for (size_t i = 0; l->type != LT_PANCHAYAT && i < n; i++)
		health_json(&w, &rows[i]);
	jw_arr_end(&w);
	jw_key(&w, "offices");
	jw_arr(&w);
	for (size_t i = 0; off && i < off->nrows; i++) {
		jw_obj(&w);
		API_COLS(r->a, &w, off, i, office_health_cols);
		days_json(&w, off, i, 6);
		jw_obj_end(&w);
	}
	jw_arr_end(&w);
	jw_key(&w, "books");
	jw_arr(&w);
	for (size_t i = 0; b && i < b->nrows; i++) {
		jw_obj(&w);
		API_COLS(r->a, &w, b, i, book_health_cols);
		days_json(&w, b, i, 6);
		jw_kint(&w, "waiting_signoff", db_int(b, i, 7));
		jw_obj_end(&w);
	}
	jw_arr_end(&w);
	jw_obj_end(&w);
	return api_send(r, 200, &s);
}
