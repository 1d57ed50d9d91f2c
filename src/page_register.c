/*
 * page_register.c — the registers' pages (/registers: my books, a book as
 * a table with its totals and balances, an entry with its history and the
 * officer's actions) and their JSON API (/api/v1/registers...).  Every
 * change goes through register.c; this file reads for display only.
 */
#include "pages.h"
#include "apiutil.h"
#include "application.h"
#include "cert_pdf.h"
#include "csv.h"
#include "db.h"
#include "form.h"
#include "formview.h"
#include "locker.h"
#include "money.h"
#include "register.h"
#include "regdesign.h"
#include "tmpl.h"
#include "user.h"

#include <stdlib.h>
#include <string.h>

/* The registers' own status of an entry that stands in its book. */
#define STANDING "('submitted', 'verified', 'signed')"

static long path_long(struct req *r, size_t i)
{
	long id;
	return parse_long(rp(r, i), 1, 2000000000L, &id) ? id : 0;
}

/* A book as the reader may see it: NULL (404) when it is not there, is not
 * of code, or lies outside the reader's registers. */
struct book {
	long id;
	const char *code, *fy, *status, *gp_name, *gp_path, *balances, *opening, *closed_through, *totals;
	long gp, last_serial;
	struct regdef *d;
};

static struct book *book_get(struct req *r, long id, const char *code)
{
	/* one statement: the book, its GP, its definition and its totals */
	struct dbres *q = db_query(r->a, "SELECT d.code, b.fy, b.status, l.name_en, IFNULL(l.name_hi, l.name_en), l.path, b.balances, b.opening, "
					 "IFNULL(b.closed_through, ''), b.location_id, b.last_serial, v.definition, b.totals FROM register_books b "
					 "JOIN register_defs d ON d.id = b.def_id JOIN locations l ON l.id = b.location_id "
					 "JOIN register_versions v ON v.id = b.version_id WHERE b.id = ?",
				   "i", (long long)id);
	if (!q || q->nrows != 1 || (code && !str_eq(code, db_val(q, 0, 0))))
		return NULL;
	struct book *b = arena_alloc(r->a, sizeof *b);
	b->id = id;
	b->code = db_val(q, 0, 0);
	b->fy = db_val(q, 0, 1);
	b->status = db_val(q, 0, 2);
	b->gp_name = db_val(q, 0, str_eq(r->lang, "hi") ? 4 : 3);
	b->gp_path = db_val(q, 0, 5);
	b->balances = db_val(q, 0, 6);
	b->opening = db_val(q, 0, 7);
	b->closed_through = db_val(q, 0, 8);
	b->gp = (long)db_int(q, 0, 9);
	b->last_serial = (long)db_int(q, 0, 10);
	b->d = reg_def_parse(r->a, db_val(q, 0, 11));
	b->totals = db_val(q, 0, 12);
	return b->d && reg_may(&r->actor, b->d, b->gp_path, REG_SEE) ? b : NULL;
}

/* The named balances of a book as prefix.N.label / .value. */
static void balances_hdf(struct req *r, const char *prefix, const struct regdef *d, const char *json)
{
	struct jval *v = json_parse(r->a, json, strlen(json), NULL);
	for (size_t i = 0; i < d->nbal; i++) {
		long n = 0;
		json_get_long(v, d->bal[i].name, &n);
		hset(r, arena_printf(r->a, "%s.%zu.label", prefix, i), i18n_get(&d->bal[i].label, r->lang));
		hset(r, arena_printf(r->a, "%s.%zu.value", prefix, i), money_fmt(r->a, n));
		hset(r, arena_printf(r->a, "%s.%zu.negative", prefix, i), n < 0 ? "1" : "");
	}
}

/* The entries of a book in serial order (the reader's own drafts last):
 * id, serial, date, status, data, corrects, corrected_by, maker, maker id. */
static struct dbres *book_entries(struct req *r, long book, long after, long limit)
{
	/* two parts, so each reads its own index range: the book's rows by
	 * serial (uq_rentry_serial), and the reader's drafts */
#define ENTRY_COLS "e.id, e.serial, e.entry_date, e.status, e.data, e.corrects_entry_id, " \
	"(SELECT MIN(c.id) FROM register_entries c WHERE c.corrects_entry_id = e.id AND c.status IN " STANDING "), " \
	"CONCAT_WS(' ', u.first_name, u.last_name), e.entered_by, IFNULL(e.return_note, '')"
	return db_query(r->a, "SELECT * FROM ((SELECT " ENTRY_COLS ", 0 AS k FROM register_entries e JOIN users u ON u.id = e.entered_by "
			      "WHERE e.book_id = ? AND e.serial > ? ORDER BY e.serial LIMIT ?) UNION ALL "
			      "(SELECT " ENTRY_COLS ", 1 FROM register_entries e JOIN users u ON u.id = e.entered_by "
			      "WHERE e.book_id = ? AND e.serial IS NULL AND e.entered_by = ? LIMIT 50)) x ORDER BY k, serial",
			"iiiii", (long long)book, (long long)after, (long long)limit, (long long)book, (long long)actor_id(&r->actor));
#undef ENTRY_COLS
}

/* ---- pages ---- */

/* The places whose books the reader may see: one path per holding of a
 * register role ("/" for a state admin), leaving out a path inside another
 * one; an arena array ended by NULL.  A book's GP is under the path (an
 * officer's area) or the path is under the GP (a VLE placed at a village). */
static const char **book_roots(struct req *r)
{
	const struct user *u = r->user;
	const char **roots = arena_alloc(r->a, ((u ? u->nh : 0) + 2) * sizeof *roots);
	size_t n = 0;
	for (size_t i = 0; u && i < u->nh; i++) {
		const struct holding *h = &u->h[i];
		const char *p = h->role == ROLE_STATE_ADMIN ? "/" : h->loc_path;
		if (!(REG_ROLES & RB(h->role)) || !p)
			continue;
		bool inside = false;
		for (size_t k = 0; k < n && !inside; k++)
			inside = str_starts(p, roots[k]);
		if (inside)
			continue;
		for (size_t k = 0; k < n;)	/* a wider root replaces the ones inside it */
			if (str_starts(roots[k], p))
				roots[k] = roots[--n];
			else
				k++;
		roots[n++] = p;
	}
	roots[n] = NULL;
	return roots;
}

/* The books under one root (see book_roots), at most 500, ordered by GP:
 * id, code, name, fy, status, GP name, GP path, last serial, last entry,
 * entries waiting for sign-off, days since the last entry, balances, GP id. */
static struct dbres *books_under(struct req *r, const char *root)
{
	/* waiting for sign-off (submitted, or verified where the register has
	 * a signer): the book's count, kept by the entry transactions (057) */
	return db_query(r->a, "SELECT b.id, d.code, IF(? = 'hi', v.name_hi, v.name_en), b.fy, b.status, "
			      "IF(? = 'hi', IFNULL(l.name_hi, l.name_en), l.name_en), l.path, b.last_serial, IFNULL(b.last_entry_at, ''), "
			      "b.waiting, DATEDIFF(CURDATE(), b.last_entry_at), b.balances, b.location_id "
			      "FROM locations l JOIN register_books b ON b.location_id = l.id JOIN register_defs d ON d.id = b.def_id "
			      "JOIN register_versions v ON v.id = d.published_version_id "
			      /* under the root; or, for a VLE placed at a village, its GP's books */
			      "WHERE l.type IN ('panchayat', 'block', 'district') AND (l.path LIKE CONCAT(?, '%') "
			      "OR (l.type = 'panchayat' AND ? LIKE CONCAT(l.path, '%'))) "
			      "ORDER BY l.path, d.code, b.fy DESC LIMIT 500",
			"ssss", r->lang, r->lang, root, root);
}

/* GET /registers — the books the reader keeps or watches, and the
 * registers a keeper may open a book of. */
int page_registers(struct req *r)
{
	const char **roots = book_roots(r);
	size_t n = 0, g = 0;
	for (size_t ri = 0; roots[ri]; ri++) {
		struct dbres *books = books_under(r, roots[ri]);
		if (!books)
			return 503;
		long open = 0, unsigned_ = 0, idle = -1;
		for (size_t i = 0; i < books->nrows; i++) {
			if (!reg_may(&r->actor, NULL, db_val(books, i, 6), REG_SEE))
				continue;
			static const char *const cols[] = { "id", "code", "name", "fy", "status", "gp", NULL, "serial", "last_at", "unsigned" };
			for (size_t c = 0; c < ARRAY_LEN(cols); c++)
				if (cols[c])
					hset(r, arena_printf(r->a, "Books.%zu.%s", n, cols[c]), db_val(books, i, c));
			n++;
			/* the register health of each GP (books come ordered by GP):
			 * open books, days since its last entry, entries not signed */
			open += str_eq(db_val(books, i, 4), "open");
			unsigned_ += (long)db_int(books, i, 9);
			if (db_val(books, i, 10) && (idle < 0 || db_int(books, i, 10) < idle))
				idle = (long)db_int(books, i, 10);
			if (i + 1 == books->nrows || !str_eq(db_val(books, i, 6), db_val(books, i + 1, 6))) {
				hset(r, arena_printf(r->a, "Health.%zu.gp", g), db_val(books, i, 5));
				hset_int(r, arena_printf(r->a, "Health.%zu.open", g), open);
				hset_int(r, arena_printf(r->a, "Health.%zu.unsigned", g), unsigned_);
				if (idle >= 0)
					hset_int(r, arena_printf(r->a, "Health.%zu.idle", g), idle);
				g++;
				open = unsigned_ = 0;
				idle = -1;
			}
		}
	}
	/* the registers whose book the reader may open: of each level where
	 * the reader keeps one place's books */
	static const char *const levels[] = { "panchayat", "block", "district" };
	const char *home[3];
	bool any = false;
	for (size_t i = 0; i < 3; i++) {
		home[i] = reg_home_place(r->a, &r->actor, levels[i]) ? levels[i] : "";
		any |= !str_empty(home[i]);
	}
	if (any) {
		struct dbres *defs = db_query(r->a, "SELECT d.code, IF(? = 'hi', v.name_hi, v.name_en) FROM register_defs d "
						    "JOIN register_versions v ON v.id = d.published_version_id "
						    "WHERE d.kind = 'register' AND IFNULL(JSON_VALUE(v.definition, '$.level'), 'panchayat') IN (?, ?, ?) ORDER BY d.code",
					      "ssss", r->lang, home[0], home[1], home[2]);
		static const char *const cols[] = { "code", "name", NULL };
		hset_rows(r, "Defs", defs, cols);
	}
	return tmpl_render(r, "register_list.cs");
}

/* The book page: its rows, totals, balances and the entry form (answers,
 * problems in o when re-shown). */
static int show_book(struct req *r, struct book *b, const struct jval *answers, const struct outcome *o)
{
	const struct regdef *d = b->d;
	hset_int(r, "Book.id", b->id);
	hset(r, "Book.code", b->code);
	hset(r, "Book.name", i18n_get(&d->name, r->lang));
	hset(r, "Book.basis", i18n_get(&d->basis, r->lang));
	hset(r, "Book.fy", b->fy);
	hset(r, "Book.gp", b->gp_name);
	hset(r, "Book.status", b->status);
	hset(r, "Book.closed_through", b->closed_through);
	hset(r, "Book.unconfirmed", d->confirmed ? "" : "1");
	hset(r, "Book.daily_close", d->daily_close ? "1" : "");
	balances_hdf(r, "Book.balances", d, b->balances);
	balances_hdf(r, "Book.opening", d, b->opening);
	for (size_t i = 0; i < d->ncols; i++)
		hset(r, arena_printf(r->a, "Cols.%zu", i), i18n_get(&d->cols[i].label, r->lang));
	long after = 0;
	const char *q = req_query(r, "after");
	if (q && !parse_long(q, 0, 2000000000L, &after))
		return 400;
	struct dbres *e = book_entries(r, b->id, after, 200);
	if (!e)
		return 503;
	for (size_t i = 0; i < e->nrows; i++) {
		const char *p = arena_printf(r->a, "Rows.%zu", i);
		static const char *const cols[] = { "id", "serial", "date", "status", NULL, "corrects", "corrected_by", "maker", NULL, "note" };
		for (size_t c = 0; c < ARRAY_LEN(cols); c++)
			if (cols[c] && db_val(e, i, c))
				hset(r, arena_printf(r->a, "%s.%s", p, cols[c]), db_val(e, i, c));
		struct jval *data = json_parse(r->a, db_val(e, i, 4), e->lens[i * e->ncols + 4], NULL);
		for (size_t c = 0; c < d->ncols; c++)
			hset(r, arena_printf(r->a, "%s.cells.%zu", p, c), reg_cell_text(r->a, d, &d->cols[c], json_get(data, d->cols[c].name), r->lang));
	}
	if (e->nrows >= 200 && db_int(e, 199, 10) == 0)
		hset(r, "Book.next", db_val(e, 199, 1));
	long long *sums = arena_alloc(r->a, (d->ntotals + 1) * sizeof *sums);
	if (b->id && reg_book_totals(r->a, b->id, d, b->totals, sums) != 0)
		return 503;
	for (size_t c = 0; c < d->ncols; c++)
		for (size_t t = 0; t < d->ntotals; t++)
			if (str_eq(d->totals[t], d->cols[c].name)) {
				hset(r, arena_printf(r->a, "Totals.%zu", c),
				     regdef_is_amount(d, d->cols[c].name) ? money_fmt(r->a, sums[t]) : arena_printf(r->a, "%lld", sums[t]));
				hset(r, "Book.has_totals", "1");
			}
	bool enter = str_eq(b->status, "open") && (b->gp_path ? reg_may(&r->actor, d, b->gp_path, REG_ENTER) : b->id == 0);
	hset(r, "Can.enter", enter ? "1" : "");
	hset(r, "Can.verify", b->gp_path && reg_may(&r->actor, d, b->gp_path, REG_VERIFY) ? "1" : "");
	long corrects = 0;
	const char *cq = req_param(r, "corrects");
	if (cq && parse_long(cq, 1, 2000000000L, &corrects)) {
		hset_int(r, "Form.corrects", corrects);
		if (!answers) {	/* the original's answers, to be put right */
			const char *old = db_scalar(r->a, "SELECT data FROM register_entries WHERE id = ? AND book_id = ?", "ii",
						    (long long)corrects, (long long)b->id);
			answers = old ? json_parse(r->a, old, strlen(old), NULL) : NULL;
		}
	}
	if (enter)
		formview_fill(r, &d->form, "Svc.fields", answers, o);
	hset(r, "Svc.upload", "1");	/* photo columns take the picture itself */
	return tmpl_render(r, "register_book.cs");
}

/* The book named by the path: an id, or "new" for the keeper's own GP's
 * book of this year (sent there when it is open already; else an empty
 * book whose first entry opens it). */
static struct book *book_of_path(struct req *r, bool *moved)
{
	*moved = false;
	if (!str_eq(rp(r, 1), "new"))
		return book_get(r, path_long(r, 1), rp(r, 0));
	long version;
	struct book *b = arena_alloc(r->a, sizeof *b);
	b->code = rp(r, 0);
	b->d = reg_published(r->a, b->code, &version);
	b->gp = b->d ? reg_home_place(r->a, &r->actor, b->d->level) : 0;
	struct dbres *g = b->gp && b->d ? db_query(r->a, "SELECT l.name_en, IFNULL(l.name_hi, l.name_en), l.path, "
						 "CONCAT(YEAR(CURDATE()) - (MONTH(CURDATE()) < 4), '-', "
						 "LPAD((YEAR(CURDATE()) - (MONTH(CURDATE()) < 4) + 1) % 100, 2, '0')) "
						 "FROM locations l WHERE l.id = ?", "i", (long long)b->gp) : NULL;
	if (!g || g->nrows != 1 || !reg_may(&r->actor, b->d, db_val(g, 0, 2), REG_ENTER))
		return NULL;
	b->gp_name = db_val(g, 0, str_eq(r->lang, "hi") ? 1 : 0);
	b->gp_path = db_val(g, 0, 2);
	b->fy = db_val(g, 0, 3);
	b->status = "open";
	b->balances = b->opening = "{}";
	b->closed_through = "";
	const char *id = db_scalar(r->a, "SELECT b.id FROM register_books b JOIN register_defs d ON d.id = b.def_id "
					 "WHERE d.code = ? AND b.location_id = ? AND b.fy = ?", "sis", b->code, (long long)b->gp, b->fy);
	if (id) {
		*moved = true;
		resp_redirect(r, arena_printf(r->a, "/registers/%s/%s", b->code, id));
	}
	return b;
}

/* GET /registers/:code/:book (book = an id, or "new") */
int page_register_book(struct req *r)
{
	bool moved;
	struct book *b = book_of_path(r, &moved);
	if (moved)
		return 0;
	return b ? show_book(r, b, NULL, NULL) : 404;
}

/* answers[key] = v (answers is an object of formview_answers). */
static void answer_set(struct arena *a, struct jval *answers, const char *key, struct jval *v)
{
	for (size_t i = 0; i < answers->n; i++)
		if (str_eq(answers->keys[i], key)) {
			answers->kids[i] = v;
			return;
		}
	char **keys = arena_alloc(a, (answers->n + 1) * sizeof *keys);
	struct jval **kids = arena_alloc(a, (answers->n + 1) * sizeof *kids);
	if (answers->n) {
		memcpy(keys, answers->keys, answers->n * sizeof *keys);
		memcpy(kids, answers->kids, answers->n * sizeof *kids);
	}
	keys[answers->n] = (char *)key;
	kids[answers->n++] = v;
	answers->keys = keys;
	answers->kids = kids;
}

/* The photos taken on the entry form (multipart, a file per photo
 * column, f_<column>): every picture is checked first (a problem at its
 * column and nothing stored), then each is stored as the API stores it
 * (reg_photo_add: EXIF read, re-encoded without metadata) and becomes the
 * column's answer, its document id.  Returns o's status. */
static int entry_photos(struct req *r, const struct regdef *d, struct jval *answers, struct outcome *o)
{
	const struct upload **up = arena_alloc(r->a, (d->ncols + 1) * sizeof *up);
	for (size_t i = 0; i < d->ncols; i++) {
		up[i] = d->cols[i].type == FT_PHOTO ? req_upload(r, arena_printf(r->a, "f_%s", d->cols[i].name)) : NULL;
		if (up[i] && !up[i]->len)	/* no file chosen */
			up[i] = NULL;
		const char *err = up[i] ? reg_photo_check(up[i]->data, up[i]->len) : NULL;
		if (err)
			out_field(o, d->cols[i].name, err, NULL);
	}
	for (size_t i = 0; i < d->ncols && !o->status; i++) {
		if (!up[i])
			continue;
		struct outcome po;
		out_init(&po, r->a);
		long doc = reg_photo_add(r->a, &r->actor, up[i]->filename, up[i]->data, up[i]->len, &po);
		if (!doc) {
			if (po.status == 503)
				return out_fail(o, 503, NULL);
			out_field(o, d->cols[i].name, po.nerrs ? po.errs[0].key : "register.err.photo", NULL);
			break;
		}
		const char *id = arena_printf(r->a, "%ld", doc);
		answer_set(r->a, answers, d->cols[i].name, json_parse(r->a, id, strlen(id), NULL));
	}
	return o->status;
}

/* POST /registers/:code/:book — a new entry (draft, or submitted with
 * submit=1; corrects=ID for a correction); photos as files (multipart). */
int page_register_entry_post(struct req *r)
{
	bool moved;
	struct book *b = book_of_path(r, &moved);
	if (!b || moved)	/* a "new" book opened meanwhile: its page */
		return b ? 0 : 404;
	struct jval *answers = formview_answers(r, &b->d->form);
	long corrects = 0;
	const char *cq = req_form(r, "corrects");
	if (!str_empty(cq) && !parse_long(cq, 1, 2000000000L, &corrects))
		return 400;
	struct reg_entry_input in = { .code = b->code, .gp = b->gp, .data = answers, .corrects = corrects,
				      .submit = str_eq(req_form(r, "submit"), "1") };
	struct outcome o;
	long id;
	out_init(&o, r->a);
	if (entry_photos(r, b->d, answers, &o) != 0 || reg_entry_create(r->a, &r->actor, &in, &id, &o) != 0) {
		int st = formview_outcome(r, &b->d->form, &o);
		if (st != 422)
			return st;
		r->status = 422;
		return show_book(r, b, answers, &o);
	}
	resp_redirect(r, arena_printf(r->a, "/registers/entry/%ld", id));
	return 0;
}

/* GET /registers/entry/:id — the entry, what it corrects, what corrects
 * it, and the actions the reader may take. */
int page_register_entry(struct req *r)
{
	long id = path_long(r, 0);
	const char *bid = db_scalar(r->a, "SELECT book_id FROM register_entries WHERE id = ?", "i", (long long)id);
	struct book *b = bid ? book_get(r, strtol(bid, NULL, 10), NULL) : NULL;
	if (!b)
		return 404;
	struct dbres *e = db_query(r->a, "SELECT e.id, e.serial, e.entry_date, e.status, e.data, e.corrects_entry_id, "
					 "(SELECT MIN(c.id) FROM register_entries c WHERE c.corrects_entry_id = e.id AND c.status IN " STANDING "), "
					 "CONCAT_WS(' ', u.first_name, u.last_name), e.entered_by, IFNULL(e.return_note, ''), e.hash, "
					 "e.entered_at, e.submitted_at, e.verified_at, e.signed_at, e.returned_at "
					 "FROM register_entries e JOIN users u ON u.id = e.entered_by WHERE e.id = ?", "i", (long long)id);
	if (!e || e->nrows != 1)
		return 503;
	if (!db_val(e, 0, 1) && db_int(e, 0, 8) != actor_id(&r->actor))
		return 404;	/* someone else's draft */
	static const char *const cols[] = { "id", "serial", "date", "status", NULL, "corrects", "corrected_by", "maker", NULL, "note",
					    "hash", "entered_at", "submitted_at", "verified_at", "signed_at", "returned_at" };
	for (size_t c = 0; c < ARRAY_LEN(cols); c++)
		if (cols[c] && db_val(e, 0, c))
			hset(r, arena_printf(r->a, "Entry.%s", cols[c]), db_val(e, 0, c));
	struct jval *data = json_parse(r->a, db_val(e, 0, 4), strlen(db_val(e, 0, 4)), NULL);
	for (size_t c = 0; c < b->d->ncols; c++) {
		hset(r, arena_printf(r->a, "Entry.cells.%zu.label", c), i18n_get(&b->d->cols[c].label, r->lang));
		hset(r, arena_printf(r->a, "Entry.cells.%zu.value", c), reg_cell_text(r->a, b->d, &b->d->cols[c], json_get(data, b->d->cols[c].name), r->lang));
		long doc = 0;
		if (b->d->cols[c].type == FT_PHOTO && json_get_long(json_get(data, b->d->cols[c].name), "doc_id", &doc))
			hset(r, arena_printf(r->a, "Entry.cells.%zu.photo", c), arena_printf(r->a, "/registers/entry/%ld/photo/%ld", id, doc));
	}
	hset_int(r, "Book.id", b->id);
	hset(r, "Book.code", b->code);
	hset(r, "Book.name", i18n_get(&b->d->name, r->lang));
	hset(r, "Book.gp", b->gp_name);
	hset(r, "Book.fy", b->fy);
	const char *st = db_val(e, 0, 3);
	bool mine = db_int(e, 0, 8) == actor_id(&r->actor);
	bool verifier = reg_may(&r->actor, b->d, b->gp_path, REG_VERIFY);
	hset(r, "Can.submit", mine && str_eq(st, "draft") ? "1" : "");
	hset(r, "Can.verify", verifier && str_eq(st, "submitted") ? "1" : "");
	hset(r, "Can.sign", str_eq(st, "verified") && reg_may(&r->actor, b->d, b->gp_path, REG_SIGN) ? "1" : "");
	bool enter = str_eq(b->status, "open") && reg_may(&r->actor, b->d, b->gp_path, REG_ENTER);
	hset(r, "Can.enter", enter ? "1" : "");
	hset(r, "Can.correct", !db_val(e, 0, 6) && (str_eq(st, "submitted") || str_eq(st, "verified") || str_eq(st, "signed")) &&
			       enter ? "1" : "");
	return tmpl_render(r, "register_entry.cs");
}

/* POST /registers/entry/:id — action = submit|verify|sign|return|delete */
int page_register_entry_act(struct req *r)
{
	long id = path_long(r, 0);
	const char *act = req_form(r, "action");
	struct outcome o;
	out_init(&o, r->a);
	int rc;
	if (str_eq(act, "delete")) {
		rc = reg_entry_delete(r->a, &r->actor, id, &o);
		if (rc == 0) {
			resp_redirect(r, "/registers");
			return 0;
		}
	} else {
		int a = reg_action_from(act);
		if (a < 0)
			return 400;
		const char *note = req_form(r, "note");
		if (!out_max_len(&o, "note", note, 500))
			rc = o.status;
		else
			rc = reg_entry_act(r->a, &r->actor, id, (enum reg_action)a, note, &o);
	}
	if (rc == 422) {	/* the entry again, the problem at its input */
		page_outcome(r, &o);
		r->status = 422;
		return page_register_entry(r);
	}
	if (rc != 0)
		return page_outcome(r, &o);
	resp_redirect(r, arena_printf(r->a, "/registers/entry/%ld", id));
	return 0;
}

/* After a change to a book: its page (303). */
static int to_book(struct req *r, long book)
{
	const char *code = db_scalar(r->a, "SELECT d.code FROM register_books b JOIN register_defs d ON d.id = b.def_id WHERE b.id = ?",
				     "i", (long long)book);
	resp_redirect(r, arena_printf(r->a, "/registers/%s/%ld", code ? code : "-", book));
	return 0;
}

/* POST /registers/books/:book/close-day — day = YYYY-MM-DD */
int page_register_close_day(struct req *r)
{
	struct outcome o;
	out_init(&o, r->a);
	long book = path_long(r, 0);
	if (reg_close_day(r->a, &r->actor, book, req_form(r, "day"), &o) != 0)
		return page_outcome(r, &o);
	return to_book(r, book);
}

/* ---- JSON API ---- */

/* "key": the number in v, or null when v is NULL (SQL NULL). */
static void jw_knum(struct jw *w, const char *key, const char *v)
{
	jw_key(w, key);
	if (v)
		jw_int(w, strtoll(v, NULL, 10));
	else
		jw_null(w);
}

static int api_id_status(struct req *r, int code, long id)
{
	struct dbres *e = db_query(r->a, "SELECT status, serial, hash, book_id FROM register_entries WHERE id = ?", "i", (long long)id);
	struct sbuf b;
	struct jw w;
	sbuf_init(&b);
	jw_init(&w, &b);
	jw_obj(&w);
	jw_kint(&w, "id", id);
	if (e && e->nrows == 1) {
		jw_kstr(&w, "status", db_val(e, 0, 0));
		jw_kint(&w, "book", db_int(e, 0, 3));
		jw_knum(&w, "serial", db_val(e, 0, 1));
		jw_kstr(&w, "hash", db_val(e, 0, 2));
	} else {
		jw_kstr(&w, "status", "deleted");
	}
	jw_obj_end(&w);
	return api_send(r, code, &b);
}

/* A balances JSON object written as it is stored (paise), under key. */
static void api_raw_obj(struct jw *w, const char *key, const char *json)
{
	jw_key(w, key);
	jw_raw(w, json && *json == '{' ? json : "{}");
}

static const struct api_col register_book_cols[] = {
	{"id", 0, AK_INT},
	{"code", 1, AK_STR},
	{"fy", 3, AK_STR},
	{"status", 4, AK_STR},
	{"gp", 12, AK_INT},
	{"entries", 7, AK_INT},
};

/* GET /api/v1/registers — the reader's books and health figures. */
int api_registers(struct req *r)
{
	const char **roots = book_roots(r);
	struct sbuf b;
	struct jw w;
	api_list_open(&b, &w);
	for (size_t ri = 0; roots[ri]; ri++) {
		struct dbres *books = books_under(r, roots[ri]);
		if (!books) {
			sbuf_free(&b);
			return 503;
		}
		for (size_t i = 0; i < books->nrows; i++) {
			if (!reg_may(&r->actor, NULL, db_val(books, i, 6), REG_SEE))
				continue;
			jw_obj(&w);
			API_COLS(r->a, &w, books, i, register_book_cols);
			jw_kstr(&w, "last_entry_at", str_empty(db_val(books, i, 8)) ? NULL : db_val(books, i, 8));
			jw_knum(&w, "days_since_last_entry", db_val(books, i, 10));
			jw_kint(&w, "unsigned", db_int(books, i, 9));
			api_raw_obj(&w, "balances", db_val(books, i, 11));
			jw_obj_end(&w);
		}
	}
	return api_list_send(r, &b, &w, NULL);
}

/* GET /api/v1/registers/:code/:book[?after=SERIAL] — the book's entries
 * (200 a page), totals and balances. */
int api_register_book(struct req *r)
{
	struct book *bk = book_get(r, path_long(r, 1), rp(r, 0));
	if (!bk)
		return 404;
	long after = 0;
	const char *q = req_query(r, "after");
	if (q && !parse_long(q, 0, 2000000000L, &after))
		return 400;
	struct dbres *e = book_entries(r, bk->id, after, 200);
	if (!e)
		return 503;
	struct sbuf b;
	struct jw w;
	sbuf_init(&b);
	jw_init(&w, &b);
	jw_obj(&w);
	jw_kint(&w, "id", bk->id);
	jw_kstr(&w, "code", bk->code);
	jw_kstr(&w, "fy", bk->fy);
	jw_kint(&w, "gp", bk->gp);
	jw_kstr(&w, "status", bk->status);
	jw_kint(&w, "last_serial", bk->last_serial);
	jw_kstr(&w, "closed_through", str_empty(bk->closed_through) ? NULL : bk->closed_through);
	api_raw_obj(&w, "opening", bk->opening);
	api_raw_obj(&w, "balances", bk->balances);
	long long *sums = arena_alloc(r->a, (bk->d->ntotals + 1) * sizeof *sums);
	if (reg_book_totals(r->a, bk->id, bk->d, bk->totals, sums) != 0) {
		sbuf_free(&b);
		return 503;
	}
	jw_key(&w, "totals");
	jw_obj(&w);
	for (size_t t = 0; t < bk->d->ntotals; t++)
		jw_kint(&w, bk->d->totals[t], sums[t]);
	jw_obj_end(&w);
	jw_key(&w, "items");
	jw_arr(&w);
	for (size_t i = 0; i < e->nrows; i++) {
		jw_obj(&w);
		jw_kint(&w, "id", db_int(e, i, 0));
		jw_knum(&w, "serial", db_val(e, i, 1));
		jw_kstr(&w, "date", db_val(e, i, 2));
		jw_kstr(&w, "status", db_val(e, i, 3));
		jw_key(&w, "data");
		jw_raw(&w, db_val(e, i, 4));
		jw_knum(&w, "corrects", db_val(e, i, 5));
		jw_knum(&w, "corrected_by", db_val(e, i, 6));
		jw_kbool(&w, "struck", db_val(e, i, 6) != NULL);
		jw_obj_end(&w);
	}
	jw_arr_end(&w);
	jw_knum(&w, "next", e->nrows >= 200 && db_int(e, 199, 10) == 0 ? db_val(e, 199, 1) : NULL);
	jw_obj_end(&w);
	return api_send(r, 200, &b);
}

/* POST /api/v1/registers/:code/entries {gp?, data, corrects?, submit?} */
int api_register_entry_create(struct req *r)
{
	struct jval *in = api_body(r);
	if (!in)
		return 400;
	long gp = 0, corrects = 0;
	struct jval *g = json_get(in, "gp"), *c = json_get(in, "corrects");
	if ((g && g->type != J_NULL && !json_get_long(in, "gp", &gp)) || (c && c->type != J_NULL && !json_get_long(in, "corrects", &corrects)))
		return 400;
	struct reg_entry_input ei = { .code = rp(r, 0), .gp = gp, .data = json_get(in, "data"), .corrects = corrects,
				      .submit = json_get_bool(in, "submit", false) };
	struct outcome o;
	long id;
	out_init(&o, r->a);
	if (reg_entry_create(r->a, &r->actor, &ei, &id, &o) != 0)
		return page_outcome(r, &o);
	return api_id_status(r, 201, id);
}

/* POST /api/v1/registers/entries/:id {data} — change a draft */
int api_register_entry_edit(struct req *r)
{
	struct jval *in = api_body(r);
	if (!in)
		return 400;
	struct outcome o;
	out_init(&o, r->a);
	if (reg_entry_edit(r->a, &r->actor, path_long(r, 0), json_get(in, "data"), &o) != 0)
		return page_outcome(r, &o);
	return api_id_status(r, 200, path_long(r, 0));
}

/* POST /api/v1/registers/entries/:id/:action {note?} — submit, verify,
 * sign, return or delete */
int api_register_entry_act(struct req *r)
{
	struct jval *in = api_body(r);
	if (!in)
		return 400;
	long id = path_long(r, 0);
	struct outcome o;
	out_init(&o, r->a);
	int rc;
	if (str_eq(rp(r, 1), "delete")) {
		rc = reg_entry_delete(r->a, &r->actor, id, &o);
	} else {
		int a = reg_action_from(rp(r, 1));
		if (a < 0)
			return 404;
		const char *note = json_get_str(in, "note");
		if (!out_max_len(&o, "note", note, 500))
			return page_outcome(r, &o);
		rc = reg_entry_act(r->a, &r->actor, id, (enum reg_action)a, note, &o);
	}
	if (rc != 0)
		return page_outcome(r, &o);
	return api_id_status(r, 200, id);
}

/* GET /api/v1/registers/entries/:id — one entry with its history */
int api_register_entry(struct req *r)
{
	long id = path_long(r, 0);
	struct dbres *e = db_query(r->a, "SELECT e.book_id, e.serial, e.entry_date, e.status, e.data, e.corrects_entry_id, e.entered_by, "
					 "e.verified_by, e.signed_by, e.returned_by, e.return_note, e.prev_hash, e.hash, "
					 "(SELECT MIN(c.id) FROM register_entries c WHERE c.corrects_entry_id = e.id AND c.status IN " STANDING ") "
					 "FROM register_entries e WHERE e.id = ?", "i", (long long)id);
	if (!e)
		return 503;
	struct book *bk = e->nrows == 1 ? book_get(r, (long)db_int(e, 0, 0), NULL) : NULL;
	if (!bk || (!db_val(e, 0, 1) && db_int(e, 0, 6) != actor_id(&r->actor)))
		return 404;
	struct sbuf b;
	struct jw w;
	sbuf_init(&b);
	jw_init(&w, &b);
	jw_obj(&w);
	jw_kint(&w, "id", id);
	jw_kint(&w, "book", bk->id);
	jw_kstr(&w, "code", bk->code);
	static const char *const keys[] = { NULL, "serial", "date", "status", NULL, "corrects", "entered_by", "verified_by", "signed_by",
					    "returned_by", "return_note", "prev_hash", "hash", "corrected_by" };
	for (size_t c = 1; c < ARRAY_LEN(keys); c++) {
		if (!keys[c])
			continue;
		const char *v = db_val(e, 0, c);
		bool num = c == 1 || (c >= 5 && c <= 9) || c == 13;
		if (num)
			jw_knum(&w, keys[c], v);
		else
			jw_kstr(&w, keys[c], v);
	}
	jw_key(&w, "data");
	jw_raw(&w, db_val(e, 0, 4));
	jw_kbool(&w, "struck", db_val(e, 0, 13) != NULL);
	jw_obj_end(&w);
	return api_send(r, 200, &b);
}

/* POST /api/v1/registers/books/:book/close-day {day} */
int api_register_close_day(struct req *r)
{
	struct jval *in = api_body(r);
	if (!in)
		return 400;
	struct outcome o;
	out_init(&o, r->a);
	if (reg_close_day(r->a, &r->actor, path_long(r, 0), json_get_str(in, "day"), &o) != 0)
		return page_outcome(r, &o);
	struct sbuf b;
	struct jw w;
	sbuf_init(&b);
	jw_init(&w, &b);
	jw_obj(&w);
	jw_kint(&w, "book", path_long(r, 0));
	jw_kstr(&w, "closed_through", json_get_str(in, "day"));
	jw_obj_end(&w);
	return api_send(r, 200, &b);
}

/* GET /api/v1/registers/definitions/:code — the published definition */
int api_register_definition(struct req *r)
{
	const char *def = db_scalar(r->a, "SELECT v.definition FROM register_defs d JOIN register_versions v ON v.id = d.published_version_id "
					  "WHERE d.code = ?", "s", rp(r, 0));
	return def ? api_ok(r, 200, def) : 404;
}

/* POST /api/v1/admin/registers?publish=1 — import a definition (the body) */
int api_register_import(struct req *r)
{
	if (!regdesign_may(r->a, &r->actor))
		return 403;
	struct outcome o;
	struct sbuf probs;
	long version = 0;
	out_init(&o, r->a);
	sbuf_init(&probs);
	int rc = reg_import(r->a, &r->actor, r->body ? r->body : "", r->body ? r->body_len : 0,
			    str_eq(req_query(r, "publish"), "1"), &probs, &version, &o);
	if (rc != 0) {
		int st = page_outcome(r, &o);
		if (probs.len)	/* what is wrong with the definition, line by line */
			r->err_detail = arena_strdup(r->a, probs.data);
		sbuf_free(&probs);
		return st;
	}
	sbuf_free(&probs);
	return api_send_int(r, 201, "version", version);
}

/* ---- the register designer: versions, import, export, publish, preview ---- */

/* GET /admin/registers — every register and its versions */
int page_admin_registers(struct req *r)
{
	if (!regdesign_may(r->a, &r->actor))
		return 403;
	struct dbres *v = db_query(r->a, "SELECT d.code, v.version, v.status, IF(? = 'hi', v.name_hi, v.name_en), "
					 "IFNULL(v.published_at, ''), v.created_at FROM register_defs d "
					 "JOIN register_versions v ON v.def_id = d.id ORDER BY d.code, v.version DESC", "s", r->lang);
	if (!v)
		return 503;
	static const char *const cols[] = { "code", "version", "status", "name", "published_at", "created_at", NULL };
	hset_rows(r, "Versions", v, cols);
	return tmpl_render(r, "register_admin.cs");
}

/* POST /admin/registers/import (multipart: file, publish) */
int page_admin_register_import(struct req *r)
{
	if (!regdesign_may(r->a, &r->actor))
		return 403;
	const struct upload *u = req_upload(r, "file");
	struct sbuf probs;
	struct outcome o;
	long version = 0;
	sbuf_init(&probs);
	out_init(&o, r->a);
	if (u && u->len > 1024 * 1024) {
		sbuf_free(&probs);
		return 413;
	}
	if (!u || u->len == 0)
		out_field(&o, "file", "register.err.file", NULL);
	else if (reg_import(r->a, &r->actor, (const char *)u->data, u->len, req_form(r, "publish") != NULL, &probs, &version, &o) == 0) {
		sbuf_free(&probs);
		resp_redirect(r, "/admin/registers?imported=1");
		return 0;
	}
	if (o.status == 503) {
		sbuf_free(&probs);
		return 503;
	}
	page_outcome(r, &o);
	hset_lines(r, "Problems", probs.data);
	hset(r, "ImportRefused", "1");
	sbuf_free(&probs);
	int st = o.status;
	page_admin_registers(r);
	r->status = st;
	return 0;
}

/* The definition of code's version ?version=N, or of the latest version. */
static struct regdef *version_of(struct req *r, long *n)
{
	const char *q = req_query(r, "version");
	long want = 0;
	if (q && !parse_long(q, 1, 100000, &want))
		return NULL;
	struct dbres *v = db_query(r->a, "SELECT v.definition, v.version FROM register_versions v JOIN register_defs d ON d.id = v.def_id "
					 "WHERE d.code = ? AND (? = 0 OR v.version = ?) ORDER BY v.version DESC LIMIT 1",
				   "sii", rp(r, 0), (long long)want, (long long)want);
	if (!v || v->nrows != 1)
		return NULL;
	*n = (long)db_int(v, 0, 1);
	struct jval *j = json_parse(r->a, db_val(v, 0, 0), strlen(db_val(v, 0, 0)), NULL);
	struct sbuf probs;
	sbuf_init(&probs);
	struct regdef *d = j ? regdef_from_json(r->a, j, &probs) : NULL;
	sbuf_free(&probs);
	return d;
}

/* GET /admin/registers/:code/export[?version=N] — the definition as a file */
int page_admin_register_export(struct req *r)
{
	if (!regdesign_may(r->a, &r->actor))
		return 403;
	long n;
	struct regdef *d = version_of(r, &n);
	if (!d)
		return 404;
	struct sbuf b;
	sbuf_init(&b);
	regdef_to_json(d, &b);
	resp_bytes(r, "application/json; charset=utf-8", b.data, b.len, arena_printf(r->a, "%s-v%ld.json", d->code, n));
	sbuf_free(&b);
	return 0;
}

/* GET /admin/registers/:code/preview[?version=N] — the entry form and the
 * table's head as a keeper would see them */
int page_admin_register_preview(struct req *r)
{
	if (!regdesign_may(r->a, &r->actor))
		return 403;
	long n;
	struct regdef *d = version_of(r, &n);
	if (!d)
		return 404;
	struct book *b = arena_alloc(r->a, sizeof *b);
	b->d = d;
	b->code = d->code;
	b->fy = "";
	b->gp_name = tmpl_str(r->lang, "register.preview");
	b->status = "open";
	b->balances = b->opening = "{}";
	b->closed_through = "";
	hset(r, "Preview", "1");
	hset_int(r, "Preview.version", n);
	return show_book(r, b, NULL, NULL);
}

/* GET /api/v1/admin/registers/:code[?version=N] — a version's definition
 * (the latest: the draft being designed) with its number and state */
int api_admin_register(struct req *r)
{
	long n;
	struct regdef *d = regdesign_may(r->a, &r->actor) ? version_of(r, &n) : NULL;
	if (!d)
		return regdesign_may(r->a, &r->actor) ? 404 : 403;
	const char *status = db_scalar(r->a, "SELECT v.status FROM register_versions v JOIN register_defs d ON d.id = v.def_id "
					     "WHERE d.code = ? AND v.version = ?", "si", d->code, (long long)n);
	struct sbuf def, b;
	struct jw w;
	sbuf_init(&def);
	sbuf_init(&b);
	regdef_to_json(d, &def);
	jw_init(&w, &b);
	jw_obj(&w);
	jw_kint(&w, "version", n);
	jw_kstr(&w, "status", status);
	jw_key(&w, "definition");
	jw_raw(&w, def.data);
	jw_obj_end(&w);
	sbuf_free(&def);
	return api_send(r, 200, &b);
}

/* Publishes the path's register for a designer: 0, or the refusal put on
 * the page (page_outcome) with the draft's problems as the error's detail. */
static int publish(struct req *r)
{
	if (!regdesign_may(r->a, &r->actor))
		return 403;
	struct outcome o;
	struct sbuf probs;
	out_init(&o, r->a);
	sbuf_init(&probs);
	int rc = reg_publish(r->a, &r->actor, rp(r, 0), &probs, &o);
	if (rc) {
		rc = page_outcome(r, &o);
		if (probs.len)	/* what is wrong with the draft, line by line */
			r->err_detail = arena_strdup(r->a, probs.data);
	}
	sbuf_free(&probs);
	return rc;
}

/* POST /api/v1/admin/registers/:code/publish — the latest draft in force;
 * 422 with the draft's problems, line by line */
int api_admin_register_publish(struct req *r)
{
	int rc = publish(r);
	return rc ? rc : api_send_str(r, 200, "status", "published");
}

/* GET /admin/registers/:code/print[?version=N] — the print layout: a
 * sample PDF of a book with three empty rows */
int page_admin_register_print(struct req *r)
{
	long n;
	struct regdef *d = regdesign_may(r->a, &r->actor) ? version_of(r, &n) : NULL;
	if (!d)
		return regdesign_may(r->a, &r->actor) ? 404 : 403;
	unsigned char *pdf;
	size_t len;
	if (reg_sample_pdf(r->a, d, n, &pdf, &len) != 0)
		return 503;
	resp_inline(r, "application/pdf", pdf, len, arena_printf(r->a, "%s-v%ld-layout.pdf", d->code, n));
	free(pdf);
	return 0;
}

/* POST /admin/registers/:code/publish — the latest draft goes in force;
 * a draft with problems stays one (its page lists them) */
int page_admin_register_publish(struct req *r)
{
	int rc = publish(r);
	if (rc == 422) {
		r->err_detail = NULL;
		r->status = 422;
		rc = page_regdesign(r);
		r->status = 422;
		return rc;
	}
	if (rc)
		return rc;
	resp_redirect(r, "/admin/registers?published=1");
	return 0;
}

/* GET /registers/:code/:book/pdf — the book on paper */
int page_register_pdf(struct req *r)
{
	struct book *b = book_get(r, path_long(r, 1), rp(r, 0));
	if (!b)
		return 404;
	struct outcome o;
	unsigned char *pdf = NULL;
	size_t len = 0;
	out_init(&o, r->a);
	if (reg_book_pdf(r->a, &r->actor, b->id, &pdf, &len, &o) != 0)
		return page_outcome(r, &o);
	resp_bytes(r, "application/pdf", pdf, len, arena_printf(r->a, "%s-%s-%ld.pdf", b->code, b->fy, b->id));
	free(pdf);
	return 0;
}

/* POST /registers/books/:book/close-year — the verifier closes a past year */
int page_register_close_year(struct req *r)
{
	struct outcome o;
	out_init(&o, r->a);
	long book = path_long(r, 0);
	if (reg_close_year(r->a, &r->actor, book, &o) != 0)
		return page_outcome(r, &o);
	return to_book(r, book);
}

/* POST /api/v1/registers/books/:book/close-year */
int api_register_close_year(struct req *r)
{
	struct outcome o;
	out_init(&o, r->a);
	long book = path_long(r, 0);
	if (reg_close_year(r->a, &r->actor, book, &o) != 0)
		return page_outcome(r, &o);
	struct dbres *b = db_query(r->a, "SELECT status, pdf_sha256 FROM register_books WHERE id = ?", "i", (long long)book);
	struct sbuf out;
	struct jw w;
	sbuf_init(&out);
	jw_init(&w, &out);
	jw_obj(&w);
	jw_kint(&w, "book", book);
	jw_kstr(&w, "status", b && b->nrows == 1 ? db_val(b, 0, 0) : NULL);
	jw_kstr(&w, "pdf_sha256", b && b->nrows == 1 ? db_val(b, 0, 1) : NULL);
	jw_obj_end(&w);
	return api_send(r, 200, &out);
}

/* GET /registers/:code/:book/csv — every entry in the book, one row each:
 * serial, date, state, what it corrects, what corrects it, then the
 * columns as stored (amounts in rupees, choices by their value) */
int page_register_csv(struct req *r)
{
	struct book *b = book_get(r, path_long(r, 1), rp(r, 0));
	if (!b)
		return 404;
	struct dbres *e = db_query(r->a, "SELECT e.serial, e.entry_date, e.status, "
					 "(SELECT o.serial FROM register_entries o WHERE o.id = e.corrects_entry_id), "
					 "(SELECT MIN(c.serial) FROM register_entries c WHERE c.corrects_entry_id = e.id AND c.status IN " STANDING "), "
					 "e.data FROM register_entries e WHERE e.book_id = ? AND e.serial IS NOT NULL ORDER BY e.serial",
				   "i", (long long)b->id);
	if (!e)
		return 503;
	const struct regdef *d = b->d;
	struct sbuf csv;
	sbuf_init(&csv);
	static const char *const head[] = { "serial", "date", "status", "corrects", "corrected_by" };
	for (size_t c = 0; c < ARRAY_LEN(head); c++) {
		csv_cell(&csv, head[c]);
		sbuf_addc(&csv, ',');
	}
	for (size_t c = 0; c < d->ncols; c++) {
		csv_cell(&csv, d->cols[c].name);
		sbuf_adds(&csv, c + 1 < d->ncols ? "," : "\r\n");
	}
	for (size_t i = 0; i < e->nrows; i++) {
		for (size_t c = 0; c < ARRAY_LEN(head); c++) {
			csv_cell(&csv, db_val(e, i, c) ? db_val(e, i, c) : "");
			sbuf_addc(&csv, ',');
		}
		struct jval *data = json_parse(r->a, db_val(e, i, 5), strlen(db_val(e, i, 5)), NULL);
		for (size_t c = 0; c < d->ncols; c++) {
			struct jval *v = json_get(data, d->cols[c].name);
			const char *t = !v || v->type == J_NULL ? ""
					: v->type == J_NUM && regdef_is_amount(d, d->cols[c].name) ? money_plain(r->a, (long long)v->num)
					: v->type == J_STR || v->type == J_NUM ? v->str
					: reg_cell_text(r->a, d, &d->cols[c], v, "en");
			csv_cell(&csv, t);
			sbuf_adds(&csv, c + 1 < d->ncols ? "," : "\r\n");
		}
	}
	resp_bytes(r, "text/csv; charset=utf-8", csv.data, csv.len, arena_printf(r->a, "%s-%s-%ld.csv", b->code, b->fy, b->id));
	sbuf_free(&csv);
	return 0;
}

/* The register entry a certified-extract application names, on the desk
 * (page_desk_app): Extract.N.label/value as the certificate will print
 * it, or Extract.why when it cannot be extracted (approval is refused
 * then too). */
void page_register_extract_hdf(struct req *r, const struct app *ap)
{
	const char *err, *why = NULL;
	struct jval *form = json_parse(r->a, ap->form, strlen(ap->form), &err);
	struct cert_fact *f;
	size_t n;
	int rc = form ? reg_extract_app(r->a, ap->stage_office_id, form, &f, &n, &why) : -1;
	hset(r, "Extract.shown", "1");
	if (rc != 0) {
		hset(r, "Extract.why", tmpl_str(r->lang, rc > 0 ? why : "register.extract.unavailable"));
		return;
	}
	for (size_t i = 0; i < n; i++) {
		hset(r, arena_printf(r->a, "Extract.facts.%zu.label", i),
		     str_eq(r->lang, "hi") && !str_empty(f[i].label_hi) ? f[i].label_hi : f[i].label_en);
		hset(r, arena_printf(r->a, "Extract.facts.%zu.value", i), f[i].value);
	}
}

/* GET /registers/entry/:id/photo/:doc — a picture of an entry, for
 * whoever may see the entry (a draft: its maker only). */
int page_register_photo(struct req *r)
{
	long id = path_long(r, 0), doc = path_long(r, 1);
	struct dbres *e = db_query(r->a, "SELECT book_id, data, serial IS NULL, entered_by FROM register_entries WHERE id = ?", "i",
				   (long long)id);
	if (!e)
		return 503;
	struct book *b = e->nrows == 1 ? book_get(r, (long)db_int(e, 0, 0), NULL) : NULL;
	if (!b || (db_int(e, 0, 2) && db_int(e, 0, 3) != actor_id(&r->actor)) || !reg_entry_has_photo(r->a, b->d, db_val(e, 0, 1), doc))
		return 404;
	size_t len;
	const char *mime, *label;
	unsigned char *p = locker_read(r->a, doc, &len, &mime, &label);
	if (!p)
		return 404;
	resp_inline(r, mime, p, len, label);
	free(p);
	return 0;
}

/* POST /api/v1/registers/photos (multipart: file) — a picture for a
 * photo column; answer it as {"doc_id": id} in the entry's data. */
int api_register_photo(struct req *r)
{
	const struct upload *u = req_upload(r, "file");
	struct outcome o;
	out_init(&o, r->a);
	long id = reg_photo_add(r->a, &r->actor, u ? u->filename : NULL, u ? u->data : NULL, u ? u->len : 0, &o);
	if (!id)
		return page_outcome(r, &o);
	struct form_photo m;
	locker_photo(r->a, id, &m);
	struct sbuf b;
	struct jw w;
	sbuf_init(&b);
	jw_init(&w, &b);
	jw_obj(&w);
	jw_kint(&w, "doc_id", id);
	jw_kstr(&w, "exif_at", m.exif_at);
	jw_kbool(&w, "exif_gps", m.has_gps);
	jw_obj_end(&w);
	return api_send(r, 201, &b);
}
