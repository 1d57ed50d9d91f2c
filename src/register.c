/*
 * register.c — the rules and the SQL of the panchayat's registers
 * (register.h): definitions and their versions, books per GP per financial
 * year, entries and their life, corrections, the hash chain, balances that
 * never go negative, and the daily close.
 *
 * Why a chain per book and not only the audit trail: a register is shown
 * and printed as a book, and an auditor checks a book on its own (its
 * serials, its rows, its closing) without the rest of the system; the
 * audit trail still gets one row per change.
 */
#include "register.h"
#include "audit.h"
#include "db.h"
#include "form.h"
#include "formtext.h"
#include "money.h"
#include "cert.h"
#include "cert_pdf.h"
#include "config.h"
#include "locker.h"
#include "log.h"
#include "pdf_sign.h"
#include "register_pdf.h"
#include "tmpl.h"
#include "upcheck.h"
#include "user.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the chain ---- */

int reg_verify(struct arena *a, long book_id, struct reg_verify_result *res, FILE *log)
{
	memset(res, 0, sizeof *res);
	struct dbres *books = db_query(a, "SELECT id, last_serial, head_hash FROM register_books WHERE ? = 0 OR id = ? ORDER BY id",
				       "ii", (long long)book_id, (long long)book_id);
	if (!books)
		return -1;
	for (size_t i = 0; i < books->nrows; i++) {
		long id = (long)db_int(books, i, 0), last = (long)db_int(books, i, 1);
		struct arena sa;
		arena_init(&sa);
		struct dbres *e = db_query(&sa, "SELECT serial, entry_date, IFNULL(corrects_entry_id, 0), entered_by, data, prev_hash, hash "
						"FROM register_entries WHERE book_id = ? AND serial IS NOT NULL ORDER BY serial",
					   "i", (long long)id);
		if (!e) {
			arena_free(&sa);
			return -1;
		}
		const char *prev = "", *why = NULL;
		long serial = 0;
		for (size_t k = 0; k < e->nrows && !why; k++) {
			serial = (long)db_int(e, k, 0);
			if (serial != (long)k + 1)
				why = "gap";
			else if (!str_eq(db_val(e, k, 5), prev))
				why = "link";
			else if (!str_eq(db_val(e, k, 6), reg_entry_hash(&sa, prev, id, serial, db_val(e, k, 1), (long)db_int(e, k, 2),
									 (long)db_int(e, k, 3), db_val(e, k, 4))))
				why = "hash";
			else
				prev = db_val(e, k, 6);
		}
		if (!why && ((long)e->nrows != last || !str_eq(prev, db_val(books, i, 2)))) {
			why = "head";
			serial = last;
		}
		res->books++;
		res->entries += (long)e->nrows;
		if (log)
			fprintf(log, "  book %ld: %zu entries %s\n", id, e->nrows, why ? why : "ok");
		if (why && !res->bad_book) {
			res->bad_book = id;
			res->bad_serial = serial;
			res->why = arena_strdup(a, why);
		}
		arena_free(&sa);
	}
	return res->bad_book ? 1 : 0;
}

/* ---- definitions in the database ---- */

struct regdef *reg_def_parse(struct arena *a, const char *text)
{
	if (!text)
		return NULL;
	struct jval *v = json_parse(a, text, strlen(text), NULL);
	struct sbuf probs;
	sbuf_init(&probs);
	struct regdef *d = v ? regdef_from_json(a, v, &probs) : NULL;
	sbuf_free(&probs);
	return d;
}

struct regdef *reg_version_def(struct arena *a, long version_id)
{
	return reg_def_parse(a, db_scalar(a, "SELECT definition FROM register_versions WHERE id = ?", "i", (long long)version_id));
}

/* The version in force of register code: its definition, and its id and
 * the register's in *version_id and *def_id (either may be NULL). */
static struct regdef *published(struct arena *a, const char *code, long *version_id, long *def_id)
{
	struct dbres *r = db_query(a, "SELECT v.id, v.definition, d.id FROM register_defs d "
				      "JOIN register_versions v ON v.id = d.published_version_id WHERE d.code = ?", "s", code);
	if (!r || r->nrows != 1)
		return NULL;
	if (version_id)
		*version_id = (long)db_int(r, 0, 0);
	if (def_id)
		*def_id = (long)db_int(r, 0, 2);
	return reg_def_parse(a, db_val(r, 0, 1));
}

struct regdef *reg_published(struct arena *a, const char *code, long *version_id)
{
	return published(a, code, version_id, NULL);
}

struct regdef *reg_book_def(struct arena *a, long book_id)
{
	return reg_def_parse(a, db_scalar(a, "SELECT v.definition FROM register_books b JOIN register_versions v ON v.id = b.version_id "
					   "WHERE b.id = ?", "i", (long long)book_id));
}

struct import_ctx {
	struct arena *a;
	const struct actor *who;
	const struct regdef *d;
	const char *canon;	/* canonical JSON */
	bool publish;
	long version;		/* out */
	struct outcome *out;
};

/* Publishes version vid of def_id, superseding the one in force. */
static int publish_version(long def_id, long vid)
{
	if (db_exec("UPDATE register_versions SET status = 'superseded' WHERE def_id = ? AND status = 'published'", "i",
		    (long long)def_id) < 0 ||
	    db_exec("UPDATE register_versions SET status = 'published', published_at = NOW() WHERE id = ?", "i", (long long)vid) != 1 ||
	    db_exec("UPDATE register_defs SET published_version_id = ? WHERE id = ?", "ii", (long long)vid, (long long)def_id) != 1)
		return -1;
	return 0;
}

static int import_txn(void *p)
{
	struct import_ctx *c = p;
	if (db_exec("INSERT IGNORE INTO register_defs (code, kind, created_at) VALUES (?, ?, NOW())", "ss", c->d->code,
		    c->d->kind) < 0)
		return -1;
	struct dbres *r = db_query(c->a, "SELECT d.id, IFNULL(MAX(v.version), 0), "
					 "(SELECT definition FROM register_versions WHERE def_id = d.id ORDER BY version DESC LIMIT 1) "
					 "FROM register_defs d LEFT JOIN register_versions v ON v.def_id = d.id WHERE d.code = ? "
					 "GROUP BY d.id FOR UPDATE", "s", c->d->code);
	if (!r || r->nrows != 1)
		return -1;
	long def_id = (long)db_int(r, 0, 0);
	if (str_eq(db_val(r, 0, 2), c->canon)) {
		c->version = (long)db_int(r, 0, 1);
		out_fail(c->out, 409, "register.err.same_version");
		return 1;
	}
	c->version = (long)db_int(r, 0, 1) + 1;
	if (db_exec("INSERT INTO register_versions (def_id, version, definition, name_en, name_hi, created_by, created_at) "
		    "VALUES (?, ?, ?, ?, ?, NULLIF(?, 0), NOW())", "iisssi", (long long)def_id, (long long)c->version, c->canon,
		    c->d->name.en, c->d->name.hi, (long long)actor_id(c->who)) != 1)
		return -1;
	if (c->publish && publish_version(def_id, (long)db_last_id()) != 0)
		return -1;
	struct audit_entry e = { .action = c->publish ? "register.import_publish" : "register.import", .entity = "register",
				 .entity_id = c->d->code, .remarks = arena_printf(c->a, "version %ld", c->version) };
	return audit_write(c->who, &e) == 0 ? 0 : -1;
}

int reg_import(struct arena *a, const struct actor *who, const char *json, size_t len, bool publish, struct sbuf *probs,
	       long *version, struct outcome *out)
{
	const char *err = NULL;
	struct jval *v = json_parse(a, json, len, &err);
	if (!v) {
		sbuf_adds(probs, err ? err : "not JSON");
		sbuf_addc(probs, '\n');
		return out_fail(out, 422, "register.err.definition");
	}
	struct regdef *d = regdef_from_json(a, v, probs);
	if (!d || probs->len || regdef_validate(d, probs) > 0)
		return out_fail(out, 422, "register.err.definition");
	struct sbuf canon;
	sbuf_init(&canon);
	regdef_to_json(d, &canon);
	struct import_ctx c = { a, who, d, arena_strdup(a, canon.data), publish, 0, out };
	sbuf_free(&canon);
	int rc = out_txn(out, import_txn, &c);
	*version = c.version;
	return rc;
}

struct publish_ctx {
	struct arena *a;
	const struct actor *who;
	const char *code;
	struct sbuf *probs;
	struct outcome *out;
};

static int publish_txn(void *p)
{
	struct publish_ctx *c = p;
	struct dbres *r = db_query(c->a, "SELECT d.id, v.id, v.version, v.definition FROM register_defs d "
					 "JOIN register_versions v ON v.def_id = d.id "
					 "WHERE d.code = ? AND v.status = 'draft' ORDER BY v.version DESC LIMIT 1 FOR UPDATE",
				   "s", c->code);
	if (!r)
		return -1;
	if (r->nrows != 1) {
		out_fail(c->out, 404, "register.err.no_draft");
		return 1;
	}
	/* a draft edited in the designer may still be unfinished */
	const struct regdef *d = reg_def_parse(c->a, db_val(r, 0, 3));
	if (!d || regdef_validate(d, c->probs) > 0) {
		out_fail(c->out, 422, "register.err.definition");
		return 1;
	}
	if (publish_version((long)db_int(r, 0, 0), (long)db_int(r, 0, 1)) != 0)
		return -1;
	struct audit_entry e = { .action = "register.publish", .entity = "register", .entity_id = c->code,
				 .remarks = arena_printf(c->a, "version %s", db_val(r, 0, 2)) };
	return audit_write(c->who, &e) == 0 ? 0 : -1;
}

int reg_publish(struct arena *a, const struct actor *who, const char *code, struct sbuf *probs, struct outcome *out)
{
	struct publish_ctx c = { a, who, code, probs, out };
	return out_txn(out, publish_txn, &c);
}

/* ---- who may do what ---- */

/* A CSC operator (VLE) placed at the GP or one of its villages. */
static bool vle_at(const struct user *u, const char *gp_path)
{
	for (size_t i = 0; u && i < u->nh; i++)
		if (u->h[i].role == ROLE_CSC && u->h[i].loc_path && str_starts(u->h[i].loc_path, gp_path))
			return true;
	return false;
}

/* Who watches a GP's registers without keeping them. */
#define REG_WATCHERS (RB(ROLE_BI) | RB(ROLE_DI) | RB(ROLE_BDO) | RB(ROLE_SDO) | RB(ROLE_DM) | RB(ROLE_STATE_ADMIN))

bool reg_may(const struct actor *who, const struct regdef *d, const char *gp_path, enum reg_act act)
{
	const struct user *u = who ? who->user : NULL;
	if (!u || !gp_path)
		return false;
	unsigned enter = d ? d->enter_roles : RB(ROLE_CSC) | RB(ROLE_PSEWAK) | RB(ROLE_MUKHIYA);
	/* a VLE keeps its GP's books only: every VLE of a block is "under" it */
	bool vle = (!d || str_eq(d->level, "panchayat")) && vle_at(u, gp_path);
	bool enters = ((enter & RB(ROLE_CSC)) && vle) ||
		      juris_holding(u, enter & ~RB(ROLE_CSC), 0, gp_path, 0) != NULL;
	bool verifies = d && juris_holding(u, RB(d->verify_role), 0, gp_path, 0);
	bool signs = d && d->sign_role >= 0 && juris_holding(u, RB(d->sign_role), 0, gp_path, 0);
	switch (act) {
	case REG_ENTER: return enters;
	case REG_VERIFY: return verifies;
	case REG_SIGN: return signs;
	case REG_SEE:
		return enters || verifies || signs || vle ||
		       juris_holding(u, REG_WATCHERS | RB(ROLE_PSEWAK) | RB(ROLE_MUKHIYA), 0, gp_path, 0);
	}
	return false;
}

/* The one place of level where who keeps registers today (a GP: where
 * its VLE, secretary or mukhiya holds the role, a village counting for
 * its GP), with its path in *path (may be NULL); 0 when none or several. */
static long home_place(struct arena *a, const struct actor *who, const char *level, const char **path)
{
	struct dbres *r = str_eq(level, "panchayat")
		? db_query(a, "SELECT DISTINCT g.id, g.path FROM role_holdings rh JOIN locations l ON l.id = rh.location_id "
			      "JOIN locations g ON g.id = IF(l.type = 'village', l.parent_id, l.id) AND g.type = 'panchayat' "
			      "WHERE rh.user_id = ? AND rh.role IN ('csc', 'panchayat_sewak', 'mukhiya') AND rh.active = 1 "
			      "AND rh.work_from <= CURDATE() AND (rh.work_to IS NULL OR rh.work_to >= CURDATE()) LIMIT 2",
			   "i", (long long)actor_id(who))
		: db_query(a, "SELECT DISTINCT l.id, l.path FROM role_holdings rh JOIN locations l ON l.id = rh.location_id "
			      "WHERE rh.user_id = ? AND l.type = ? AND rh.active = 1 AND rh.work_from <= CURDATE() "
			      "AND (rh.work_to IS NULL OR rh.work_to >= CURDATE()) LIMIT 2",
			   "is", (long long)actor_id(who), level);
	if (!r || r->nrows != 1)
		return 0;
	if (path)
		*path = db_val(r, 0, 1);
	return (long)db_int(r, 0, 0);
}

long reg_home_gp(struct arena *a, const struct actor *who)
{
	return home_place(a, who, "panchayat", NULL);
}

long reg_home_place(struct arena *a, const struct actor *who, const char *level)
{
	return home_place(a, who, level, NULL);
}

/* ---- entries ---- */

static struct regdef *book_for(struct arena *a, const struct actor *who, long book, const char **path, struct outcome *out);

/* The financial year (2026-27) of a YYYY-MM-DD day. */
static const char *fy_of(struct arena *a, const char *day)
{
	int y, m, d;
	if (!parse_date(day, &y, &m, &d))
		return NULL;
	if (m < 4)
		y--;
	return arena_printf(a, "%d-%02d", y, (y + 1) % 100);
}

/* A number answer of the normalised data, 0 when absent. */
static long long answer_num(const struct jval *data, const char *name)
{
	long v;
	return json_get_long(data, name, &v) ? v : 0;
}

/* What the form engine's look-ups for photo, user and ref columns need:
 * who enters, in which GP. */
struct col_env {
	struct arena *a;
	const struct actor *who;	/* the keeper making or changing the entry */
	const char *gp_path;		/* the book's GP */
};

/* photo: a picture the keeper uploaded for registers (POST
 * /registers/photos: stored through photo.c, so without metadata). */
static bool col_photo_ok(void *ctx, long doc, struct form_photo *meta)
{
	struct col_env *c = ctx;
	return db_scalar(c->a, "SELECT id FROM documents WHERE id = ? AND uploaded_by = ? AND doc_type = 'register_photo'", "ii",
			 (long long)doc, (long long)actor_id(c->who)) &&
	       locker_photo(c->a, doc, meta);
}

/* user: scope gp_staff = someone holding a role at the GP or a village
 * of it (VLE, secretary, mukhiya, Swayam Sewak); officers = staff holding
 * a role over the GP (block, district, ...). */
static bool col_user_ok(void *ctx, const struct field *f, long id, const char **name)
{
	struct col_env *c = ctx;
	bool staff = str_eq(f->scope, "gp_staff");
	if (!staff && !str_eq(f->scope, "officers"))
		return false;
	*name = db_scalar(c->a, "SELECT TRIM(CONCAT_WS(' ', u.first_name, u.last_name)) FROM users u "
				"JOIN role_holdings rh ON rh.user_id = u.id AND rh.active = 1 JOIN locations l ON l.id = rh.location_id "
				"WHERE u.id = ? AND u.active = 1 AND rh.role NOT IN ('citizen', 'csc') AND "
				"IF(?, l.path LIKE CONCAT(?, '%'), ? LIKE CONCAT(l.path, '%') AND l.path <> ?) LIMIT 1",
			  "iisss", (long long)id, (long long)staff, c->gp_path, c->gp_path, c->gp_path);
	if (!*name && staff)	/* the GP's VLE keeps its registers too */
		*name = db_scalar(c->a, "SELECT TRIM(CONCAT_WS(' ', u.first_name, u.last_name)) FROM users u "
					"JOIN role_holdings rh ON rh.user_id = u.id AND rh.active = 1 AND rh.role = 'csc' "
					"JOIN locations l ON l.id = rh.location_id WHERE u.id = ? AND u.active = 1 AND l.path LIKE CONCAT(?, '%') "
					"LIMIT 1", "is", (long long)id, c->gp_path);
	return *name != NULL;
}

/* ref: ref_kind "register:CODE" = an entry in the book (any year) of
 * register CODE of the same GP, in the book and standing. */
static bool col_ref_ok(void *ctx, const struct field *f, long id, const char **label)
{
	struct col_env *c = ctx;
	if (!f->ref_kind || strncmp(f->ref_kind, "register:", 9) != 0)
		return false;
	struct dbres *r = db_query(c->a, "SELECT v.name_en, b.fy, e.serial FROM register_entries e JOIN register_books b ON b.id = e.book_id "
					 "JOIN register_defs d ON d.id = b.def_id JOIN register_versions v ON v.id = b.version_id "
					 "JOIN locations l ON l.id = b.location_id WHERE e.id = ? AND d.code = ? AND l.path = ? "
					 "AND e.status IN ('submitted', 'verified', 'signed')",
				   "iss", (long long)id, f->ref_kind + 9, c->gp_path);
	if (!r || r->nrows != 1)
		return false;
	*label = arena_printf(c->a, "%s %s #%s", db_val(r, 0, 0), db_val(r, 0, 1), db_val(r, 0, 2));
	return true;
}

/* Checks answers against the columns: *json gets the normalised answers,
 * *amounts the entry's effect on each balance ({"cash": -5000}), *day its
 * date.  Photo, user and ref columns are looked up for who in the GP at
 * gp_path.  Returns the number of problems (recorded in out). */
static size_t check_answers(struct arena *a, const struct actor *who, const char *gp_path, const struct regdef *d,
			    const struct jval *data, struct outcome *out, const char **json, const char **amounts, const char **day)
{
	size_t before = out->nerrs;
	if (!data || data->type != J_OBJ) {
		out_field(out, "data", "register.err.data", NULL);
		return 1;
	}
	struct col_env ce = { a, who, gp_path };
	struct form_env env = { .today = ist_today(a), .ctx = &ce, .photo_ok = col_photo_ok, .user_ok = col_user_ok,
				.ref_ok = col_ref_ok };
	form_check(a, &d->form, data, &env, out, json);
	if (out->nerrs > before)
		return out->nerrs - before;
	struct jval *norm = json_parse(a, *json, strlen(*json), NULL);
	struct sbuf b;
	struct jw w;
	sbuf_init(&b);
	jw_init(&w, &b);
	jw_obj(&w);
	for (size_t i = 0; i < d->nbal; i++) {
		long long sum = 0;
		for (size_t k = 0; k < d->bal[i].nin; k++)
			sum += answer_num(norm, d->bal[i].in[k]);
		for (size_t k = 0; k < d->bal[i].nout; k++)
			sum -= answer_num(norm, d->bal[i].out[k]);
		jw_kint(&w, d->bal[i].name, sum);
	}
	jw_obj_end(&w);
	*amounts = arena_strdup(a, b.data);
	sbuf_free(&b);
	*day = d->date_col ? json_get_str(norm, d->date_col) : NULL;
	if (!*day)
		*day = ist_today(a);
	return 0;
}

/* balances + sign * amounts, each named balance; NULL when either is not
 * JSON.  *negative is set when a result is below zero. */
/* The running sums base + sign * add (both JSON objects) of the n names,
 * as JSON; NULL when either is not JSON.  *negative is set when a result
 * is below zero.  Balances add entries' amounts; totals their answers. */
static const char *sums_add(struct arena *a, const char *const *names, size_t n, const char *base, const char *add, int sign,
			    bool *negative)
{
	struct jval *b = base ? json_parse(a, base, strlen(base), NULL) : NULL, *m = add ? json_parse(a, add, strlen(add), NULL) : NULL;
	if (!b || !m)
		return NULL;
	struct sbuf s;
	struct jw w;
	sbuf_init(&s);
	jw_init(&w, &s);
	jw_obj(&w);
	for (size_t i = 0; i < n; i++) {
		long long v = answer_num(b, names[i]) + sign * answer_num(m, names[i]);
		if (v < 0)
			*negative = true;
		jw_kint(&w, names[i], v);
	}
	jw_obj_end(&w);
	const char *r = arena_strdup(a, s.data);
	sbuf_free(&s);
	return r;
}

static const char *bal_add(struct arena *a, const struct regdef *d, const char *balances, const char *amounts, int sign,
			   bool *negative)
{
	const char *names[REG_MAX_BALANCES];
	for (size_t i = 0; i < d->nbal; i++)
		names[i] = d->bal[i].name;
	return sums_add(a, names, d->nbal, balances, amounts, sign, negative);
}

/* A book's totals (057: NULL until first counted, register.c
 * reg_book_totals) moved by an entry's answers joining (+1) or leaving
 * (-1) the standing entries; NULL stays NULL. */
static const char *totals_add(struct arena *a, const struct regdef *d, const char *totals, const char *data, int sign)
{
	bool neg = false;
	return totals ? sums_add(a, d->totals, d->ntotals, totals, data, sign, &neg) : NULL;
}

/* What one entry change works on (db_txn's context). */
struct entry_ctx {
	struct arena *a;
	const struct actor *who;
	const struct regdef *d;
	long def_id, version_id, gp;
	const char *gp_path;
	long id;		/* the entry (in for changes, out for create) */
	long corrects;
	const char *json, *amounts, *day, *fy;	/* checked answers */
	bool submit;
	enum reg_action act;
	const char *note;
	struct outcome *out;
};

/* Moves the register-health summary row (057) of book's place: open
 * books by dopen, waiting entries by dwaiting; entered: an entry joined
 * the book just now.  The row is made on first use.  In the caller's
 * transaction, after the book's own row is locked.  0 or -1. */
static int health_move(long book, int dopen, int dwaiting, bool entered)
{
	return db_exec("INSERT INTO register_health (location_id, open_books, waiting, last_entry_at) "
		       "SELECT location_id, GREATEST(?, 0), GREATEST(?, 0), IF(?, NOW(), NULL) FROM register_books WHERE id = ? "
		       "ON DUPLICATE KEY UPDATE register_health.open_books = GREATEST(register_health.open_books + ?, 0), "
		       "register_health.waiting = GREATEST(register_health.waiting + ?, 0), "
		       "register_health.last_entry_at = IF(?, NOW(), register_health.last_entry_at)",
		       "iiiiiii", (long long)dopen, (long long)dwaiting, (long long)entered, (long long)book, (long long)dopen,
		       (long long)dwaiting, (long long)entered) >= 1 ? 0 : -1;
}

/* An entry of book left (-1) the entries waiting for sign-off: the
 * book's count and its place's.  0 or -1. */
static int health_stop_waiting(long book)
{
	if (db_exec("UPDATE register_books SET waiting = GREATEST(waiting - 1, 0) WHERE id = ?", "i", (long long)book) != 1)
		return -1;
	return health_move(book, 0, -1, false);
}

/* Opens the book of def × GP × FY (there is none yet), with the
 * carried-forward balances; a book opened meanwhile by another request is
 * as good.  0 or -1. */
static int book_open(struct entry_ctx *c)
{
	const char *opening = "{}";
	if (c->d->carry_forward) {
		const char *prev = db_scalar(c->a, "SELECT balances FROM register_books WHERE def_id = ? AND location_id = ? AND fy < ? "
						   "ORDER BY fy DESC LIMIT 1", "iis", (long long)c->def_id, (long long)c->gp, c->fy);
		if (prev)
			opening = prev;
	}
	if (db_exec("INSERT INTO register_books (def_id, version_id, location_id, fy, opening, balances, totals, created_at) "
		    "VALUES (?, ?, ?, ?, ?, ?, '{}', NOW())", "iiisss", (long long)c->def_id, (long long)c->version_id, (long long)c->gp,
		    c->fy, opening, opening) != 1)
		return db_err_dup() ? 0 : -1;
	long book = (long)db_last_id();
	if (health_move(book, 1, 0, false) != 0)
		return -1;
	struct audit_entry e = { .action = "register.book_open", .entity = "register_book", .entity_id = arena_printf(c->a, "%ld", book),
				 .remarks = arena_printf(c->a, "%s %s GP %ld", c->d->code, c->fy, c->gp) };
	return audit_write(c->who, &e) == 0 ? 0 : -1;
}

/* What an entry joining a book needs of the book's row: BOOK_COLS. */
#define BOOK_COLS "id, status, last_serial, head_hash, balances, IFNULL(closed_through, ''), totals"

/* The row (BOOK_COLS) of the book of def × GP × FY, opened when there is
 * none; locked when an entry is to join it (the gap-free serial, the
 * chain head and the balances are read and moved under this one lock).
 * NULL on error. */
static struct dbres *book_lock(struct entry_ctx *c)
{
	for (int k = 0; k < 2; k++) {
		struct dbres *b = c->submit
			? db_query(c->a, "SELECT " BOOK_COLS " FROM register_books WHERE def_id = ? AND location_id = ? AND fy = ? FOR UPDATE",
				   "iis", (long long)c->def_id, (long long)c->gp, c->fy)
			: db_query(c->a, "SELECT " BOOK_COLS " FROM register_books WHERE def_id = ? AND location_id = ? AND fy = ?",
				   "iis", (long long)c->def_id, (long long)c->gp, c->fy);
		if (!b || b->nrows == 1 || k)
			return b && b->nrows == 1 ? b : NULL;
		if (book_open(c) != 0)
			return NULL;
	}
	return NULL;
}

/* Does an entry other than except stand as a correction of id? */
static int corrected_by(struct arena *a, long id, long except)
{
	const char *n = db_scalar(a, "SELECT COUNT(*) FROM register_entries WHERE corrects_entry_id = ? AND id <> ? "
				     "AND status IN ('submitted', 'verified', 'signed')", "ii", (long long)id, (long long)except);
	return n ? atoi(n) : -1;
}

/* An entry joining its book: what it brings and what the book becomes. */
struct link {
	const char *day, *data, *amounts;	/* the entry's */
	long corrects, by;
	long book, serial;			/* out: the book and the entry's serial */
	const char *prev, *hash, *balances, *totals;	/* out: the chain's link, the book's new sums */
};

/* Puts entry l on top of the locked book row b (BOOK_COLS), all in
 * memory: the refusals (book or day closed, the original of a correction
 * not standing or corrected already, a balance below zero where the
 * register forbids it), else the next serial, the link of the chain and
 * the book's balances and totals.  Locks a correction's original.
 * Returns 0, 1 (refused) or -1. */
static int link_next(struct entry_ctx *c, const struct dbres *b, struct link *l)
{
	l->book = (long)db_int(b, 0, 0);
	if (!str_eq(db_val(b, 0, 1), "open")) {
		out_fail(c->out, 409, "register.err.book_closed");
		return 1;
	}
	if (strcmp(l->day, db_val(b, 0, 5)) <= 0) {	/* closed_through is '' when no day was closed */
		out_fail(c->out, 409, "register.err.day_closed");
		return 1;
	}
	bool negative = false;
	l->balances = bal_add(c->a, c->d, db_val(b, 0, 4), l->amounts, 1, &negative);
	l->totals = totals_add(c->a, c->d, db_val(b, 0, 6), l->data, 1);
	if (l->corrects) {
		/* the original must stand in this book (not a draft, not
		 * returned) and not be corrected already; its effect gives way
		 * to this entry's */
		struct dbres *o = db_query(c->a, "SELECT status, amounts, data, book_id FROM register_entries WHERE id = ? FOR UPDATE",
					   "i", (long long)l->corrects);
		int already = o && o->nrows == 1 ? corrected_by(c->a, l->corrects, c->id) : 0;
		if (!o || already < 0)
			return -1;
		if (o->nrows != 1 || db_int(o, 0, 3) != l->book || str_eq(db_val(o, 0, 0), "draft") ||
		    str_eq(db_val(o, 0, 0), "returned") || already) {
			out_fail(c->out, 409, "register.err.not_correctable");
			return 1;
		}
		negative = false;
		l->balances = l->balances ? bal_add(c->a, c->d, l->balances, db_val(o, 0, 1), -1, &negative) : NULL;
		l->totals = totals_add(c->a, c->d, l->totals, db_val(o, 0, 2), -1);
	}
	if (!l->balances)
		return -1;
	if (negative && c->d->never_negative) {
		out_fail(c->out, 409, "register.err.negative");
		return 1;
	}
	l->serial = (long)db_int(b, 0, 2) + 1;
	l->prev = db_val(b, 0, 3);
	l->hash = reg_entry_hash(c->a, l->prev, l->book, l->serial, l->day, l->corrects, l->by, l->data);
	return 0;
}

/* The locked book moves to link l (c->id now in it): its head, balances,
 * totals and one more entry waiting, and its place's health row, in one
 * statement (the health row is made when the place has none yet); then
 * the audit row.  0 or -1. */
static int link_done(struct entry_ctx *c, const struct link *l)
{
	long long n = db_exec("UPDATE register_books b LEFT JOIN register_health h ON h.location_id = b.location_id "
			      "SET b.last_serial = ?, b.head_hash = ?, b.balances = ?, b.totals = ?, b.last_entry_at = NOW(), "
			      "b.waiting = b.waiting + 1, h.waiting = h.waiting + 1, h.last_entry_at = NOW() WHERE b.id = ?",
			      "isssi", (long long)l->serial, l->hash, l->balances, l->totals, (long long)l->book);
	if (n != 2 && (n != 1 || health_move(l->book, 0, 1, true) != 0))
		return -1;
	struct audit_entry a = { .action = "register.submit", .entity = "register_entry", .entity_id = arena_printf(c->a, "%ld", c->id),
				 .remarks = arena_printf(c->a, "%s book %ld serial %ld%s", c->d->code, l->book, l->serial,
							 l->corrects ? arena_printf(c->a, " corrects %ld", l->corrects) : ""),
				 .detail = l->hash };
	return audit_write(c->who, &a) == 0 ? 0 : -1;
}

/* Puts draft c->id into its book: the next serial, the chain, the
 * balances (never below zero when the register says so).  Locks the book
 * row.  Returns 0, 1 (refused) or -1. */
static int submit_locked(struct entry_ctx *c)
{
	struct dbres *e = db_query(c->a, "SELECT book_id, entry_date, IFNULL(corrects_entry_id, 0), entered_by, data, amounts "
					 "FROM register_entries WHERE id = ?", "i", (long long)c->id);
	if (!e || e->nrows != 1)
		return -1;
	struct dbres *b = db_query(c->a, "SELECT " BOOK_COLS " FROM register_books WHERE id = ? FOR UPDATE", "i", db_int(e, 0, 0));
	if (!b || b->nrows != 1)
		return -1;
	struct link l = { .day = db_val(e, 0, 1), .corrects = (long)db_int(e, 0, 2), .by = (long)db_int(e, 0, 3),
			  .data = db_val(e, 0, 4), .amounts = db_val(e, 0, 5) };
	int rc = link_next(c, b, &l);
	if (rc != 0)
		return rc;
	if (db_exec("UPDATE register_entries SET serial = ?, status = 'submitted', submitted_at = NOW(), prev_hash = ?, hash = ? "
		    "WHERE id = ? AND status = 'draft'", "issi", (long long)l.serial, l.prev, l.hash, (long long)c->id) != 1)
		return -1;
	return link_done(c, &l);
}

/* A new entry: a draft, or (c->submit) straight into its book, chained in
 * the one INSERT. */
static int create_txn(void *p)
{
	struct entry_ctx *c = p;
	struct dbres *b = book_lock(c);
	if (!b)
		return -1;
	struct link l = { .day = c->day, .data = c->json, .amounts = c->amounts, .corrects = c->corrects, .by = actor_id(c->who) };
	if (c->submit) {
		int rc = link_next(c, b, &l);
		if (rc != 0)
			return rc;
		if (db_exec("INSERT INTO register_entries (book_id, serial, entry_date, data, amounts, status, corrects_entry_id, "
			    "entered_by, entered_at, submitted_at, prev_hash, hash) VALUES (?, ?, ?, ?, ?, 'submitted', NULLIF(?, 0), ?, NOW(), "
			    "NOW(), ?, ?)", "iisssiiss", (long long)l.book, (long long)l.serial, l.day, l.data, l.amounts,
			    (long long)l.corrects, (long long)l.by, l.prev, l.hash) != 1)
			return -1;
		c->id = (long)db_last_id();
		return link_done(c, &l);
	}
	long book = (long)db_int(b, 0, 0);
	if (c->corrects) {
		const char *ob = db_scalar(c->a, "SELECT book_id FROM register_entries WHERE id = ?", "i", (long long)c->corrects);
		if (!ob || strtol(ob, NULL, 10) != book) {
			out_fail(c->out, 409, "register.err.not_correctable");
			return 1;
		}
	}
	if (db_exec("INSERT INTO register_entries (book_id, entry_date, data, amounts, corrects_entry_id, entered_by, entered_at) "
		    "VALUES (?, ?, ?, ?, NULLIF(?, 0), ?, NOW())", "isssii", (long long)book, c->day, c->json, c->amounts,
		    (long long)c->corrects, (long long)l.by) != 1)
		return -1;
	c->id = (long)db_last_id();
	struct audit_entry a = { .action = "register.entry_create", .entity = "register_entry", .entity_id = arena_printf(c->a, "%ld", c->id),
				 .remarks = arena_printf(c->a, "%s book %ld", c->d->code, book) };
	return audit_write(c->who, &a) == 0 ? 0 : -1;
}

/* The path of a location id, when it is a place of level (a register's:
 * panchayat, block, district). */
static const char *place_path_of(struct arena *a, long id, const char *level)
{
	return db_scalar(a, "SELECT path FROM locations WHERE id = ? AND type = ?", "is", (long long)id, level);
}

int reg_entry_create(struct arena *a, const struct actor *who, const struct reg_entry_input *in, long *id,
		     struct outcome *out)
{
	struct entry_ctx c = { .a = a, .who = who, .corrects = in->corrects, .submit = in->submit, .out = out };
	*id = 0;
	c.d = in->code ? published(a, in->code, &c.version_id, &c.def_id) : NULL;
	if (!c.d || !str_eq(c.d->kind, "register"))	/* an MPR is filed through mpr.c */
		return out_fail(out, 404, "register.err.no_register");
	c.gp = in->gp;
	c.gp_path = c.gp ? place_path_of(a, c.gp, c.d->level) : NULL;
	if (!c.gp)	/* the keeper's own place, with its path in the same statement */
		c.gp = home_place(a, who, c.d->level, &c.gp_path);
	if (!c.gp_path) {
		out_field(out, "gp", "register.err.gp", NULL);
		return out->status;
	}
	if (!reg_may(who, c.d, c.gp_path, REG_ENTER))
		return out_fail(out, reg_may(who, c.d, c.gp_path, REG_SEE) ? 403 : 404, "register.err.not_yours");
	if (check_answers(a, who, c.gp_path, c.d, in->data, out, &c.json, &c.amounts, &c.day) > 0)
		return out->status;
	c.fy = fy_of(a, c.day);
	int rc = out_txn(out, create_txn, &c);
	*id = rc == 0 ? c.id : 0;
	return rc;
}

/* Loads entry id for a change: its definition, GP and state.  Returns the
 * row (book_id, status, entered_by, gp path, IFNULL(corrects, 0),
 * version_id) or NULL after recording 404 (or 503). */
static struct dbres *entry_load(struct entry_ctx *c)
{
	struct dbres *r = db_query(c->a, "SELECT e.book_id, e.status, e.entered_by, l.path, IFNULL(e.corrects_entry_id, 0), b.version_id "
					 "FROM register_entries e JOIN register_books b ON b.id = e.book_id "
					 "JOIN locations l ON l.id = b.location_id WHERE e.id = ?", "i", (long long)c->id);
	if (!r) {
		out_fail(c->out, 503, NULL);
		return NULL;
	}
	if (r->nrows != 1 || !(c->d = reg_version_def(c->a, (long)db_int(r, 0, 5))) ||
	    !reg_may(c->who, c->d, db_val(r, 0, 3), REG_SEE)) {
		out_fail(c->out, 404, "register.err.no_entry");
		return NULL;
	}
	c->gp_path = db_val(r, 0, 3);
	return r;
}

static int edit_txn(void *p)
{
	struct entry_ctx *c = p;
	if (!c->json) {	/* a deletion */
		if (db_exec("DELETE FROM register_entries WHERE id = ? AND status = 'draft'", "i", (long long)c->id) != 1)
			return -1;
	} else if (db_exec("UPDATE register_entries SET data = ?, amounts = ?, entry_date = ? WHERE id = ? AND status = 'draft'",
			   "sssi", c->json, c->amounts, c->day, (long long)c->id) != 1) {
		return -1;
	}
	struct audit_entry a = { .action = c->json ? "register.entry_edit" : "register.entry_delete", .entity = "register_entry",
				 .entity_id = arena_printf(c->a, "%ld", c->id) };
	return audit_write(c->who, &a) == 0 ? 0 : -1;
}

/* A draft's change by its maker: the refusals shared by edit and delete. */
static int draft_change(struct entry_ctx *c)
{
	struct dbres *r = entry_load(c);
	if (!r)
		return c->out->status;
	if (db_int(r, 0, 2) != actor_id(c->who))
		return out_fail(c->out, 403, "register.err.not_maker");
	if (!str_eq(db_val(r, 0, 1), "draft"))
		return out_fail(c->out, 409, "register.err.in_book");
	return 0;
}

int reg_entry_edit(struct arena *a, const struct actor *who, long id, const struct jval *data, struct outcome *out)
{
	struct entry_ctx c = { .a = a, .who = who, .id = id, .out = out };
	if (draft_change(&c) != 0)
		return out->status;
	if (check_answers(a, who, c.gp_path, c.d, data, out, &c.json, &c.amounts, &c.day) > 0)
		return out->status;
	const char *fy = db_scalar(a, "SELECT b.fy FROM register_entries e JOIN register_books b ON b.id = e.book_id WHERE e.id = ?",
				   "i", (long long)id);
	if (!str_eq(fy, fy_of(a, c.day))) {
		out_field(out, c.d->date_col ? c.d->date_col : "data", "register.err.other_year", NULL);
		return out->status;
	}
	return out_txn(out, edit_txn, &c);
}

int reg_entry_delete(struct arena *a, const struct actor *who, long id, struct outcome *out)
{
	struct entry_ctx c = { .a = a, .who = who, .id = id, .out = out };
	if (draft_change(&c) != 0)
		return out->status;
	return out_txn(out, edit_txn, &c);
}

int reg_action_from(const char *s)
{
	static const char *const codes[] = { "submit", "verify", "sign", "return" };
	for (size_t i = 0; i < ARRAY_LEN(codes); i++)
		if (str_eq(s, codes[i]))
			return (int)i;
	return -1;
}

/* Takes a returned entry's effect back off its book's balances (and gives
 * a corrected original its own back).  Returns 0, 1 (refused) or -1. */
static int return_locked(struct entry_ctx *c, long book)
{
	struct dbres *b = db_query(c->a, "SELECT balances, totals FROM register_books WHERE id = ? FOR UPDATE", "i", (long long)book);
	struct dbres *e = db_query(c->a, "SELECT amounts, data FROM register_entries WHERE id = ? OR id = ? ORDER BY id = ?", "iii",
				   (long long)c->id, (long long)c->corrects, (long long)c->corrects);
	if (!b || b->nrows != 1 || !e || e->nrows < 1)
		return -1;
	bool negative = false;
	const char *bal = bal_add(c->a, c->d, db_val(b, 0, 0), db_val(e, 0, 0), -1, &negative);
	const char *totals = totals_add(c->a, c->d, db_val(b, 0, 1), db_val(e, 0, 1), -1);
	if (bal && c->corrects) {	/* the original (row 1) stands again */
		bool n2 = false;
		bal = e->nrows == 2 ? bal_add(c->a, c->d, bal, db_val(e, 1, 0), 1, &n2) : NULL;
		totals = e->nrows == 2 ? totals_add(c->a, c->d, totals, db_val(e, 1, 1), 1) : NULL;
		negative = n2;
	}
	if (!bal)
		return -1;
	if (negative && c->d->never_negative) {
		out_fail(c->out, 409, "register.err.negative");
		return 1;
	}
	return db_exec("UPDATE register_books SET balances = ?, totals = ? WHERE id = ?", "ssi", bal, totals, (long long)book) == 1 ? 0 : -1;
}

static int act_txn(void *p)
{
	struct entry_ctx *c = p;
	struct dbres *r = db_query(c->a, "SELECT status, book_id, IFNULL(corrects_entry_id, 0) FROM register_entries WHERE id = ? FOR UPDATE",
				   "i", (long long)c->id);
	if (!r || r->nrows != 1)
		return -1;
	const char *st = db_val(r, 0, 0);
	static const char *const needs[] = { "draft", "submitted", "verified", "submitted" };
	if (!str_eq(st, needs[c->act])) {
		out_fail(c->out, 409, "register.err.state");
		return 1;
	}
	c->corrects = (long)db_int(r, 0, 2);
	int rc = 0;
	switch (c->act) {
	case RA_SUBMIT:
		return submit_locked(c);
	case RA_VERIFY:
		rc = db_exec("UPDATE register_entries SET status = 'verified', verified_by = ?, verified_at = NOW() WHERE id = ?", "ii",
			     (long long)actor_id(c->who), (long long)c->id) == 1 ? 0 : -1;
		if (rc == 0 && c->d->sign_role < 0)	/* verification is final */
			rc = health_stop_waiting((long)db_int(r, 0, 1));
		break;
	case RA_SIGN:
		rc = db_exec("UPDATE register_entries SET status = 'signed', signed_by = ?, signed_at = NOW() WHERE id = ?", "ii",
			     (long long)actor_id(c->who), (long long)c->id) == 1 ? 0 : -1;
		if (rc == 0)
			rc = health_stop_waiting((long)db_int(r, 0, 1));
		break;
	case RA_RETURN:
		rc = return_locked(c, (long)db_int(r, 0, 1));
		if (rc == 0)
			rc = db_exec("UPDATE register_entries SET status = 'returned', returned_by = ?, returned_at = NOW(), return_note = ? "
				     "WHERE id = ?", "isi", (long long)actor_id(c->who), c->note, (long long)c->id) == 1 ? 0 : -1;
		if (rc == 0)
			rc = health_stop_waiting((long)db_int(r, 0, 1));
		break;
	}
	if (rc != 0)
		return rc;
	static const char *const actions[] = { "register.submit", "register.verify", "register.sign", "register.return" };
	struct audit_entry a = { .action = actions[c->act], .entity = "register_entry", .entity_id = arena_printf(c->a, "%ld", c->id),
				 .remarks = c->note };
	return audit_write(c->who, &a) == 0 ? 0 : -1;
}

int reg_entry_act(struct arena *a, const struct actor *who, long id, enum reg_action act, const char *note,
		  struct outcome *out)
{
	struct entry_ctx c = { .a = a, .who = who, .id = id, .act = act, .note = note, .out = out };
	struct dbres *r = entry_load(&c);
	if (!r)
		return out->status;
	bool may = false;
	switch (act) {
	case RA_SUBMIT: may = db_int(r, 0, 2) == actor_id(who); break;
	case RA_VERIFY: case RA_RETURN: may = reg_may(who, c.d, c.gp_path, REG_VERIFY); break;
	case RA_SIGN: may = reg_may(who, c.d, c.gp_path, REG_SIGN); break;
	}
	if (!may)
		return out_fail(out, 403, act == RA_SUBMIT ? "register.err.not_maker" : "register.err.not_officer");
	if (act == RA_RETURN && (str_empty(note) || utf8_chars(note) > 500)) {
		out_field(out, "note", "register.err.note", NULL);
		return out->status;
	}
	return out_txn(out, act_txn, &c);
}

struct close_ctx {
	struct arena *a;
	const struct actor *who;
	long book;
	const char *day;
	struct outcome *out;
};

static int close_txn(void *p)
{
	struct close_ctx *c = p;
	struct dbres *b = db_query(c->a, "SELECT status, ? <= IFNULL(closed_through, '0000-00-00'), balances FROM register_books "
					 "WHERE id = ? FOR UPDATE", "si", c->day, (long long)c->book);
	const char *waiting = db_scalar(c->a, "SELECT COUNT(*) FROM register_entries WHERE book_id = ? AND entry_date <= ? "
					      "AND status IN ('draft', 'submitted')", "is", (long long)c->book, c->day);
	if (!b || b->nrows != 1 || !waiting)
		return -1;
	if (!str_eq(db_val(b, 0, 0), "open") || db_int(b, 0, 1)) {
		out_fail(c->out, 409, "register.err.day_closed");
		return 1;
	}
	if (atol(waiting) > 0) {
		out_fail(c->out, 409, "register.err.waiting");
		return 1;
	}
	if (db_exec("UPDATE register_books SET closed_through = ? WHERE id = ?", "si", c->day, (long long)c->book) != 1)
		return -1;
	struct audit_entry a = { .action = "register.close_day", .entity = "register_book", .entity_id = arena_printf(c->a, "%ld", c->book),
				 .remarks = c->day, .detail = db_val(b, 0, 2) };
	return audit_write(c->who, &a) == 0 ? 0 : -1;
}

int reg_close_day(struct arena *a, const struct actor *who, long book, const char *day, struct outcome *out)
{
	struct close_ctx c = { a, who, book, day, out };
	const char *path;
	struct regdef *d = book_for(a, who, book, &path, out);
	if (!d)
		return out->status;
	if (!reg_may(who, d, path, REG_VERIFY))
		return out_fail(out, 403, "register.err.not_officer");
	int y, m, dd;
	if (!d->daily_close)
		return out_fail(out, 409, "register.err.no_daily_close");
	if (!day || !parse_date(day, &y, &m, &dd) || strcmp(day, ist_today(a)) > 0) {
		out_field(out, "day", "register.err.day", NULL);
		return out->status;
	}
	return out_txn(out, close_txn, &c);
}

/* ---- the book as paper: cells, the PDF, the year-end close ---- */

const char *reg_cell_text(struct arena *a, const struct regdef *d, const struct field *f, const struct jval *v, const char *lang)
{
	return form_answer_text(a, &d->form, f, v, lang);
}

/* "English / हिन्दी" of a language key. */
static const char *both(struct arena *a, const char *key)
{
	return arena_printf(a, "%s / %s", tmpl_str("en", key), tmpl_str("hi", key));
}

/* The printed columns (the definition's print list, or every column) and
 * their heads in both languages; returns how many. */
static size_t print_columns(struct arena *a, const struct regdef *d, const struct field ***colsp, const char ***labelsp)
{
	size_t nc = d->nprint ? d->nprint : d->ncols, n = 0;
	const struct field **cols = arena_alloc(a, (nc + 1) * sizeof *cols);
	const char **labels = arena_alloc(a, (nc + 1) * sizeof *labels);
	for (size_t c = 0; c < nc; c++) {
		const struct field *f = d->nprint ? regdef_col(d, d->print_cols[c]) : &d->cols[c];
		if (!f)
			continue;
		cols[n] = f;
		labels[n++] = arena_printf(a, "%s / %s", i18n_get(&f->label, "en"), i18n_get(&f->label, "hi"));
	}
	*colsp = cols;
	*labelsp = labels;
	return n;
}

int reg_sample_pdf(struct arena *a, const struct regdef *d, long version, unsigned char **pdf, size_t *len)
{
	const char **labels;
	const struct field **cols;
	size_t nc = print_columns(a, d, &cols, &labels);
	struct regpdf_row rows[3];
	const char **blank = arena_alloc(a, (nc + 1) * sizeof *blank);
	for (size_t c = 0; c < nc; c++)
		blank[c] = "";
	for (size_t i = 0; i < 3; i++)
		rows[i] = (struct regpdf_row){ .serial = arena_printf(a, "%zu", i + 1), .cells = blank, .state = "" };
	const char *sums[] = { both(a, "register.total") };
	struct regpdf in = {
		.title_en = d->name.en, .title_hi = d->name.hi,
		.subtitle = arena_printf(a, "%s %ld / %s %ld", tmpl_str("en", "register.preview_note"), version,
					 tmpl_str("hi", "register.preview_note"), version),
		.page_label = both(a, "register.pdf.page"), .footer = tmpl_str("en", "register.pdf.footer"),
		.serial_label = both(a, "register.serial"), .state_label = both(a, "register.state"),
		.labels = labels, .ncols = nc, .rows = rows, .nrows = 3, .sums = sums, .nsums = d->ntotals ? 1 : 0,
		.closing = tmpl_str("en", "register.pdf.open"), .a3 = str_eq(d->paper, "A3"), .landscape = d->landscape,
	};
	return register_pdf_render(&in, pdf, len);
}

/* Draws book (of definition d) as a PDF with the closing line given:
 * every entry in the book in serial order, struck when corrected, then the
 * totals and balances.  *pdf is malloc'd.  Returns 0, or -1 (database or
 * drawing). */
static int book_pdf(struct arena *a, long book, const struct regdef *d, const char *closing, unsigned char **pdf, size_t *len)
{
	struct dbres *b = db_query(a, "SELECT l.name_en, IFNULL(l.name_hi, l.name_en), b.fy, b.balances FROM register_books b "
				      "JOIN locations l ON l.id = b.location_id WHERE b.id = ?", "i", (long long)book);
	struct dbres *e = db_query(a, "SELECT e.serial, e.status, e.data, (SELECT MIN(c.serial) FROM register_entries c "
				      "WHERE c.corrects_entry_id = e.id AND c.status IN ('submitted', 'verified', 'signed')), "
				      "(SELECT o.serial FROM register_entries o WHERE o.id = e.corrects_entry_id) "
				      "FROM register_entries e WHERE e.book_id = ? AND e.serial IS NOT NULL ORDER BY e.serial",
				   "i", (long long)book);
	if (!b || b->nrows != 1 || !e)
		return -1;
	const char **labels;
	const struct field **cols;
	size_t nc = print_columns(a, d, &cols, &labels);
	struct regpdf_row *rows = arena_alloc(a, (e->nrows + 1) * sizeof *rows);
	for (size_t i = 0; i < e->nrows; i++) {
		struct jval *data = json_parse(a, db_val(e, i, 2), strlen(db_val(e, i, 2)), NULL);
		rows[i].serial = db_val(e, i, 0);
		rows[i].cells = arena_alloc(a, (nc + 1) * sizeof *rows[i].cells);
		for (size_t c = 0; c < nc; c++)
			rows[i].cells[c] = reg_cell_text(a, d, cols[c], json_get(data, cols[c]->name), "en");
		const char *st = both(a, arena_printf(a, "register.states.%s", db_val(e, i, 1)));
		if (db_val(e, i, 4))
			st = arena_printf(a, "%s; %s %s", st, tmpl_str("en", "register.corrects"), db_val(e, i, 4));
		if (db_val(e, i, 3))
			st = arena_printf(a, "%s; %s %s", st, tmpl_str("en", "register.corrected_by"), db_val(e, i, 3));
		rows[i].state = st;
		rows[i].struck = db_val(e, i, 3) != NULL;
	}
	/* totals and balances after the table */
	const char **sums = arena_alloc(a, (d->ntotals + d->nbal + 2) * sizeof *sums);
	size_t ns = 0;
	sums[ns++] = both(a, "register.total");
	for (size_t t = 0; t < d->ntotals; t++) {
		const char *sum = db_scalar(a, "SELECT IFNULL(SUM(JSON_VALUE(e.data, ?)), 0) FROM register_entries e WHERE e.book_id = ? "
					       "AND e.status IN ('submitted', 'verified', 'signed') AND NOT EXISTS (SELECT 1 FROM register_entries c "
					       "WHERE c.corrects_entry_id = e.id AND c.status IN ('submitted', 'verified', 'signed'))",
					 "si", arena_printf(a, "$.%s", d->totals[t]), (long long)book);
		const struct field *f = regdef_col(d, d->totals[t]);
		long long v = sum ? strtoll(sum, NULL, 10) : 0;
		sums[ns++] = arena_printf(a, "%s: %s", f ? i18n_get(&f->label, "en") : d->totals[t],
					  regdef_is_amount(d, d->totals[t]) ? money_fmt(a, v) : arena_printf(a, "%lld", v));
	}
	struct jval *bal = json_parse(a, db_val(b, 0, 3), strlen(db_val(b, 0, 3)), NULL);
	for (size_t i = 0; i < d->nbal; i++) {
		long v = 0;
		json_get_long(bal, d->bal[i].name, &v);
		sums[ns++] = arena_printf(a, "%s: %s", i18n_get(&d->bal[i].label, "en"), money_fmt(a, v));
	}
	struct regpdf in = {
		.title_en = d->name.en, .title_hi = d->name.hi,
		.subtitle = arena_printf(a, "%s %s / %s · %s %s · %s %ld", tmpl_str("en", "register.gp"), db_val(b, 0, 0), db_val(b, 0, 1),
					 tmpl_str("en", "register.fy"), db_val(b, 0, 2), tmpl_str("en", "register.book_status"), book),
		.page_label = both(a, "register.pdf.page"), .footer = tmpl_str("en", "register.pdf.footer"),
		.serial_label = both(a, "register.serial"), .state_label = both(a, "register.state"),
		.labels = labels, .ncols = nc, .rows = rows, .nrows = e->nrows, .sums = sums, .nsums = ns, .closing = closing,
		.a3 = str_eq(d->paper, "A3"), .landscape = d->landscape,
	};
	return register_pdf_render(&in, pdf, len);
}

/* The book's GP path and definition when who may see it, else NULL (404
 * recorded). */
static struct regdef *book_for(struct arena *a, const struct actor *who, long book, const char **path, struct outcome *out)
{
	*path = db_scalar(a, "SELECT l.path FROM register_books b JOIN locations l ON l.id = b.location_id WHERE b.id = ?", "i",
			  (long long)book);
	struct regdef *d = *path ? reg_book_def(a, book) : NULL;
	if (!d || !reg_may(who, d, *path, REG_SEE)) {
		out_fail(out, 404, "register.err.no_book");
		return NULL;
	}
	return d;
}

int reg_book_pdf(struct arena *a, const struct actor *who, long book, unsigned char **pdf, size_t *len, struct outcome *out)
{
	const char *path;
	struct regdef *d = book_for(a, who, book, &path, out);
	if (!d)
		return out->status;
	const char *sha = db_scalar(a, "SELECT pdf_sha256 FROM register_books WHERE id = ? AND status = 'closed'", "i", (long long)book);
	if (sha)	/* the signed book as closed, byte for byte */
		*pdf = locker_read_blob(sha, len);
	else if (book_pdf(a, book, d, both(a, "register.pdf.open"), pdf, len) != 0)
		*pdf = NULL;
	return *pdf ? 0 : out_fail(out, 503, NULL);
}

struct year_ctx {
	struct arena *a;
	const struct actor *who;
	long book;
	const struct regdef *d;
	struct outcome *out;
};

static int close_year_txn(void *p)
{
	struct year_ctx *c = p;
	struct dbres *b = db_query(c->a, "SELECT status, fy, (SELECT COUNT(*) FROM register_entries WHERE book_id = b.id "
					 "AND status IN ('draft', 'submitted')) FROM register_books b WHERE id = ? FOR UPDATE",
				   "i", (long long)c->book);
	if (!b || b->nrows != 1)
		return -1;
	if (!str_eq(db_val(b, 0, 0), "open")) {
		out_fail(c->out, 409, "register.err.book_closed");
		return 1;
	}
	if (strcmp(db_val(b, 0, 1), fy_of(c->a, ist_today(c->a))) >= 0) {
		out_fail(c->out, 409, "register.err.year_running");
		return 1;
	}
	if (db_int(b, 0, 2) > 0) {
		out_fail(c->out, 409, "register.err.waiting");
		return 1;
	}
	const struct pdf_signer *signer = cert_officer_signer(actor_id(c->who));
	if (!signer) {
		out_fail(c->out, 409, "register.err.no_signing_key");
		return 1;
	}
	const char *name = c->who->user ? c->who->user->name : "";
	char when[20];
	fmt_sql_time(when, now_secs());
	unsigned char *pdf = NULL, *signed_pdf = NULL;
	size_t plen = 0, slen = 0;
	int rc = -1;
	if (book_pdf(c->a, c->book, c->d, arena_printf(c->a, "%s: %s, %s", both(c->a, "register.pdf.closed"), name, when), &pdf,
		     &plen) != 0)
		goto out;
	struct pdf_sig_info info = { .reason = arena_printf(c->a, "%s, FY %s", c->d->name.en, db_val(b, 0, 1)),
				     .name = name, .when = now_secs() };
	int sr = pdf_sign(pdf, plen, signer, &info, &signed_pdf, &slen);
	if (sr != PDF_SIGN_OK) {
		log_error("pdf_sign: %s", pdf_sign_strerror(sr));
		goto out;
	}
	char *hex = locker_put_blob(c->a, signed_pdf, slen);
	if (!hex || db_exec("UPDATE register_books SET status = 'closed', closed_by = ?, closed_at = NOW(), pdf_sha256 = ? WHERE id = ?",
			    "isi", (long long)actor_id(c->who), hex, (long long)c->book) != 1 || health_move(c->book, -1, 0, false) != 0)
		goto out;
	struct audit_entry e = { .action = "register.close_year", .entity = "register_book", .entity_id = arena_printf(c->a, "%ld", c->book),
				 .remarks = arena_printf(c->a, "%s %s", c->d->code, db_val(b, 0, 1)), .detail = hex };
	rc = audit_write(c->who, &e) == 0 ? 0 : -1;
out:
	free(pdf);
	free(signed_pdf);
	return rc;
}

int reg_close_year(struct arena *a, const struct actor *who, long book, struct outcome *out)
{
	const char *path;
	struct year_ctx c = { a, who, book, NULL, out };
	if (!(c.d = book_for(a, who, book, &path, out)))
		return out->status;
	if (!reg_may(who, c.d, path, REG_VERIFY))
		return out_fail(out, 403, "register.err.not_officer");
	return out_txn(out, close_year_txn, &c);
}

/* ---- register health: reading the summary rows ---- */

struct reg_health *reg_health(struct arena *a, const char *path, int depth, size_t *n, struct reg_health *total)
{
	*n = 0;
	memset(total, 0, sizeof *total);
	total->days = -1;
	/* the id of a GP's ancestor at `depth` is path segment depth + 2 */
	struct dbres *r = db_query(a,
		"SELECT k.key_id, IFNULL(c.name_en, ''), c.name_hi, k.gps, k.with_books, k.open_books, k.waiting, k.stale, "
		"IFNULL(k.days, -1), k.score_sum FROM (SELECT SUBSTRING_INDEX(SUBSTRING_INDEX(l.path, '/', ?), '/', -1) AS key_id, "
		"COUNT(*) AS gps, SUM(IFNULL(h.open_books, 0) > 0) AS with_books, IFNULL(SUM(h.open_books), 0) AS open_books, "
		"IFNULL(SUM(h.waiting), 0) AS waiting, SUM(IFNULL(DATEDIFF(CURDATE(), h.last_entry_at) > 30, 1)) AS stale, "
		"MIN(DATEDIFF(CURDATE(), h.last_entry_at)) AS days, "
		/* each GP's score (register.h); h is NULL for a GP that never opened a book */
		"SUM(IF(IFNULL(h.open_books, 0) = 0, 0, 100 - LEAST(50, IFNULL(DATEDIFF(CURDATE(), h.last_entry_at), 50)) "
		"- LEAST(50, h.waiting))) AS score_sum "
		"FROM locations l LEFT JOIN register_health h ON h.location_id = l.id "
		"WHERE l.type = 'panchayat' AND l.active = 1 AND l.path LIKE CONCAT(?, '%') GROUP BY key_id) k "
		"LEFT JOIN locations c ON c.id = k.key_id ORDER BY c.name_en",
		"is", (long long)depth + 2, path);
	if (!r)
		return NULL;
	struct reg_health *rows = arena_alloc(a, (r->nrows + 1) * sizeof *rows);
	long score_sum = 0;
	for (size_t i = 0; i < r->nrows; i++) {
		struct reg_health *h = &rows[i];
		h->key = db_val(r, i, 0);
		h->name_en = db_val(r, i, 1);
		h->name_hi = db_val(r, i, 2);
		h->gps = (long)db_int(r, i, 3);
		h->with_books = (long)db_int(r, i, 4);
		h->open_books = (long)db_int(r, i, 5);
		h->waiting = (long)db_int(r, i, 6);
		h->stale = (long)db_int(r, i, 7);
		h->days = (long)db_int(r, i, 8);
		h->score = h->gps ? (long)(db_int(r, i, 9) + h->gps / 2) / h->gps : 0;
		total->gps += h->gps;
		total->with_books += h->with_books;
		total->open_books += h->open_books;
		total->waiting += h->waiting;
		total->stale += h->stale;
		if (h->days >= 0 && (total->days < 0 || h->days < total->days))
			total->days = h->days;
		score_sum += (long)db_int(r, i, 9);
	}
	total->score = total->gps ? (score_sum + total->gps / 2) / total->gps : 0;
	*n = r->nrows;
	return rows;
}

struct dbres *reg_health_offices(struct arena *a, const char *path)
{
	return db_query(a, "SELECT l.id, l.name_en, IFNULL(l.name_hi, l.name_en), l.type, h.open_books, h.waiting, "
			   "DATEDIFF(CURDATE(), h.last_entry_at) FROM register_health h JOIN locations l ON l.id = h.location_id "
			   "WHERE l.type IN ('block', 'district') AND l.path LIKE CONCAT(?, '%') "
			   "ORDER BY l.type = 'district' DESC, l.name_en LIMIT 500", "s", path);
}

struct dbres *reg_health_books(struct arena *a, long location_id)
{
	return db_query(a, "SELECT b.id, d.code, v.name_en, v.name_hi, b.fy, b.status, DATEDIFF(CURDATE(), b.last_entry_at), b.waiting "
			   "FROM register_books b JOIN register_defs d ON d.id = b.def_id JOIN register_versions v ON v.id = b.version_id "
			   "WHERE b.location_id = ? ORDER BY b.status = 'open' DESC, b.fy DESC, d.code", "i", (long long)location_id);
}

/* ---- certified extracts ---- */

/* Splits a 64-hex hash into groups of 16 so that a printed line can wrap. */
static const char *hash_groups(struct arena *a, const char *h)
{
	if (!h || strlen(h) != 64)
		return h ? h : "";
	return arena_printf(a, "%.16s %.16s %.16s %.16s", h, h + 16, h + 32, h + 48);
}

/* reg_extract_app's entry by GP, register code, FY and serial. */
static int extract_find(struct arena *a, long gp, const char *code, const char *fy, long serial, struct cert_fact **facts,
			size_t *n, const char **why)
{
	*facts = NULL;
	*n = 0;
	struct dbres *e = db_query(a, "SELECT e.id, e.status, e.data, e.hash, b.head_hash, b.last_serial, b.version_id, "
				      "l.name_en, IFNULL(l.name_hi, l.name_en), DATE_FORMAT(e.entry_date, '%Y-%m-%d') "
				      "FROM register_defs d JOIN register_books b ON b.def_id = d.id JOIN locations l ON l.id = b.location_id "
				      "JOIN register_entries e ON e.book_id = b.id AND e.serial = ? "
				      "WHERE d.code = ? AND b.location_id = ? AND b.fy = ?",
				   "isis", (long long)serial, code ? code : "", (long long)gp, fy ? fy : "");
	if (!e)
		return -1;
	if (e->nrows != 1) {
		*why = "register.extract.not_found";
		return 1;
	}
	const struct regdef *d = reg_version_def(a, (long)db_int(e, 0, 6));
	if (!d)
		return -1;
	if (!d->public_) {
		*why = "register.extract.not_public";
		return 1;
	}
	const char *st = db_val(e, 0, 1);
	if (!(str_eq(st, "signed") || (str_eq(st, "verified") && d->sign_role < 0))) {
		*why = "register.extract.not_final";
		return 1;
	}
	int corr = corrected_by(a, (long)db_int(e, 0, 0), 0);
	if (corr < 0)
		return -1;
	if (corr > 0) {
		*why = "register.extract.corrected";
		return 1;
	}
	const char *err;
	const struct jval *data = json_parse(a, db_val(e, 0, 2), e->lens[2], &err);
	if (!data)
		return -1;
	struct cert_fact *f = arena_alloc(a, (d->ncols + 8) * sizeof *f);
	size_t k = 0;
	f[k++] = (struct cert_fact){ "Register", "पंजी", arena_printf(a, "%s (%s)", d->name.en, d->code) };
	f[k++] = (struct cert_fact){ "Gram panchayat", "ग्राम पंचायत", db_val(e, 0, 7) };
	f[k++] = (struct cert_fact){ "Financial year, serial no.", "वित्तीय वर्ष, क्रमांक", arena_printf(a, "%s, %ld", fy, serial) };
	for (size_t i = 0; i < d->ncols; i++) {
		const struct field *c = &d->cols[i];
		const struct jval *v = json_get(data, c->name);
		const char *t = v ? reg_cell_text(a, d, c, v, "en") : NULL, *hi = v ? reg_cell_text(a, d, c, v, "hi") : NULL;
		/* the certificate is bilingual: a choice or a date in both
		   languages ("हाँ / Yes"), free text as it was written */
		if (!str_empty(t))
			f[k++] = (struct cert_fact){ c->label.en, c->label.hi,
						     str_empty(hi) || str_eq(hi, t) ? t : arena_printf(a, "%s / %s", hi, t) };
	}
	f[k++] = (struct cert_fact){ "Entry status", "प्रविष्टि की स्थिति",
				     str_eq(st, "signed") ? "हस्ताक्षरित / Signed" : "सत्यापित / Verified" };
	f[k++] = (struct cert_fact){ "Entry hash", "प्रविष्टि हैश", hash_groups(a, db_val(e, 0, 3)) };
	f[k++] = (struct cert_fact){ "Book hash at issue", "जारी करते समय बही हैश",
				     arena_printf(a, "%s (serial %s)", hash_groups(a, db_val(e, 0, 4)), db_val(e, 0, 5)) };
	*facts = f;
	*n = k;
	return 0;
}

int reg_extract_app(struct arena *a, long office_id, const struct jval *answers, struct cert_fact **facts, size_t *n,
		    const char **why)
{
	*facts = NULL;
	*n = 0;
	const char *gp = db_scalar(a, "SELECT location_id FROM offices WHERE id = ?", "i", (long long)office_id);
	const struct jval *sv = json_get(answers, "serial");
	long serial = 0;
	if (!gp || !sv || !sv->str || !parse_long(sv->str, 1, 100000000L, &serial)) {
		*why = "register.extract.not_found";
		return 1;
	}
	return extract_find(a, strtol(gp, NULL, 10), json_get_str(answers, "register"), json_get_str(answers, "fy"), serial, facts,
			    n, why);
}

/* ---- photos of register entries ---- */

struct photo_ctx {
	struct arena *a;
	const struct actor *who;
	const char *name;		/* the client's file name (display only) */
	const unsigned char *p;		/* the picture */
	size_t n;
	struct outcome *out;
	long id;			/* the document made */
};

static int photo_txn(void *p)
{
	struct photo_ctx *c = p;
	const char *err = NULL;
	long me = actor_id(c->who);
	c->id = locker_add(c->a, me, me, "register_photo", c->name, c->p, c->n, (size_t)cfg.max_upload, &err);
	if (!c->id) {
		if (str_eq(err, "locker.store_failed"))
			return -1;
		out_field(c->out, "file", err, NULL);
		out_fail(c->out, str_eq(err, "locker.too_big") ? 413 : 422, NULL);
		return 1;
	}
	struct audit_entry e = { .action = "register.photo", .entity = "document", .entity_id = arena_printf(c->a, "%ld", c->id) };
	return audit_write(c->who, &e) == 0 ? 0 : -1;
}

const char *reg_photo_check(const unsigned char *p, size_t n)
{
	const char *err = NULL, *mime = p && n ? upcheck_file(p, n, &err) : NULL;
	if (!p || !n)
		return "locker.empty";
	if (n > (size_t)cfg.max_upload)
		return "locker.too_big";
	if (mime && !str_eq(mime, "image/jpeg") && !str_eq(mime, "image/png"))
		return "register.err.photo_type";
	return err;
}

long reg_photo_add(struct arena *a, const struct actor *who, const char *name, const unsigned char *p, size_t n,
		   struct outcome *out)
{
	const char *err = reg_photo_check(p, n);
	if (err) {
		out_field(out, "file", err, NULL);
		out_fail(out, str_eq(err, "locker.too_big") ? 413 : 422, NULL);
		return 0;
	}
	struct photo_ctx c = { a, who, name, p, n, out, 0 };
	return out_txn(out, photo_txn, &c) == 0 ? c.id : 0;
}

bool reg_entry_has_photo(struct arena *a, const struct regdef *d, const char *data, long doc)
{
	const char *err;
	const struct jval *v = data ? json_parse(a, data, strlen(data), &err) : NULL;
	for (size_t i = 0; v && i < d->ncols; i++) {
		long id = 0;
		if (d->cols[i].type == FT_PHOTO && json_get_long(json_get(v, d->cols[i].name), "doc_id", &id) && id == doc)
			return true;
	}
	return false;
}

/* ---- book totals ---- */

struct totals_ctx {
	struct arena *a;
	long book;
	const struct regdef *d;
	const char *json;	/* out: the totals */
};

/* Counts a book's totals once (books from before 058): under the book's
 * lock, so no entry joins or leaves meanwhile; from then on the entry
 * transactions keep them. */
static int totals_txn(void *p)
{
	struct totals_ctx *c = p;
	struct dbres *b = db_query(c->a, "SELECT totals FROM register_books WHERE id = ? FOR UPDATE", "i", (long long)c->book);
	if (!b || b->nrows != 1)
		return -1;
	if ((c->json = db_val(b, 0, 0)))
		return 0;	/* counted meanwhile */
	struct sbuf s;
	struct jw w;
	sbuf_init(&s);
	jw_init(&w, &s);
	jw_obj(&w);
	int rc = 0;
	for (size_t i = 0; i < c->d->ntotals && rc == 0; i++) {
		/* the standing entries not corrected by a standing entry */
		const char *sum = db_scalar(c->a, "SELECT IFNULL(SUM(JSON_VALUE(e.data, ?)), 0) FROM register_entries e WHERE e.book_id = ? "
						  "AND e.status IN ('submitted', 'verified', 'signed') AND NOT EXISTS (SELECT 1 FROM register_entries x "
						  "WHERE x.corrects_entry_id = e.id AND x.status IN ('submitted', 'verified', 'signed'))",
					    "si", arena_printf(c->a, "$.%s", c->d->totals[i]), (long long)c->book);
		if (!sum)
			rc = -1;
		else
			jw_kint(&w, c->d->totals[i], strtoll(sum, NULL, 10));
	}
	jw_obj_end(&w);
	c->json = arena_strdup(c->a, s.data);
	sbuf_free(&s);
	if (rc == 0 && db_exec("UPDATE register_books SET totals = ? WHERE id = ?", "si", c->json, (long long)c->book) != 1)
		rc = -1;
	return rc;
}

int reg_book_totals(struct arena *a, long book, const struct regdef *d, const char *known, long long *out)
{
	for (size_t i = 0; i < d->ntotals; i++)
		out[i] = 0;
	if (!d->ntotals)
		return 0;
	struct totals_ctx c = { a, book, d, known };
	if (!c.json) {
		struct dbres *b = db_query(a, "SELECT totals FROM register_books WHERE id = ?", "i", (long long)book);
		if (!b || b->nrows != 1)
			return -1;
		c.json = db_val(b, 0, 0);
	}
	if (!c.json && db_txn(totals_txn, &c) != 0)
		return -1;
	struct jval *v = json_parse(a, c.json, strlen(c.json), NULL);
	for (size_t i = 0; i < d->ntotals; i++)
		out[i] = answer_num(v, d->totals[i]);
	return 0;
}
