/*
 * exam.c — the online exam (exam.h): question bank import, attempts with
 * frozen layouts, saves checked against the server's deadline, grading,
 * pass certificates, exam-close, reports.
 */
#include "exam.h"
#include "audit.h"
#include "cert.h"
#include "cert_pdf.h"
#include "config.h"
#include "db.h"
#include "json.h"
#include "notify.h"
#include "user.h"

#include <math.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#define MAX_OPTS 10		/* options of a choice question */
#define MAX_SLOTS 200		/* questions of one attempt */

static double dec(const char *s)
{
	return s ? strtod(s, NULL) : 0;
}

static bool code_ok(const char *s, size_t max)
{
	size_t n = s ? strlen(s) : 0;
	return n >= 1 && n <= max && strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-") == n;
}

/* ---- responses and grading ---- */

/* The canonical form of a response to a question of type with nopts
 * options: sorted unique indices "0,2" (multi), one index (single),
 * "true"/"false", a plain number; "" stays "" (no answer).  NULL when it
 * does not fit the question.  Arena string. */
static const char *response_canon(struct arena *a, const char *type, size_t nopts, const char *resp)
{
	if (!resp)
		return NULL;
	if (!*resp)
		return "";
	if (str_eq(type, "tf"))
		return str_eq(resp, "true") || str_eq(resp, "false") ? resp : NULL;
	if (str_eq(type, "numeric")) {
		char *end;
		double v = strtod(resp, &end);
		return *end == '\0' && strlen(resp) <= 32 && isfinite(v) && strspn(resp, "0123456789.-") == strlen(resp)
		       ? resp : NULL;
	}
	bool seen[MAX_OPTS] = { false };
	size_t count = 0;
	char *copy = arena_strdup(a, resp), *save = NULL;
	for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		long k;
		if (!parse_long(t, 0, (long)nopts - 1, &k) || seen[k])
			return NULL;
		seen[k] = true;
		count++;
	}
	if (count == 0 || (str_eq(type, "single") && count != 1))
		return NULL;
	struct sbuf b;
	sbuf_init(&b);
	for (size_t k = 0; k < nopts; k++)
		if (seen[k])
			sbuf_printf(&b, "%s%zu", b.len ? "," : "", k);
	char *s = arena_strdup(a, b.data);
	sbuf_free(&b);
	return s;
}

/* The mark of one response: the marks when right, minus neg when wrong,
 * 0 unanswered.  answer is the stored canonical answer ("value:tolerance"
 * for numeric). */
static double grade_one(const char *type, const char *answer, const char *resp, double marks, double neg)
{
	if (str_empty(resp))
		return 0;
	bool right;
	if (str_eq(type, "numeric")) {
		const char *colon = strchr(answer, ':');
		double want = strtod(answer, NULL), tol = colon ? strtod(colon + 1, NULL) : 0;
		right = fabs(strtod(resp, NULL) - want) <= tol + 1e-9;
	} else {
		right = str_eq(answer, resp);
	}
	return right ? marks : -neg;
}

/* Number of options in an options JSON array (0 when none). */
static size_t opts_count(struct arena *a, const char *options)
{
	const char *err;
	struct jval *o = options ? json_parse(a, options, strlen(options), &err) : NULL;
	return o && o->type == J_ARR ? o->n : 0;
}

/* ---- import ---- */

struct imp {
	struct arena *a;
	const struct actor *who;
	struct jval *root;
	struct exam_import_res *res;
	struct outcome *out;
};

static const char *fld(struct arena *a, const char *list, size_t i, const char *name)
{
	return arena_printf(a, "%s.%zu.%s", list, i, name);
}

/* Required text of 1..max characters; a problem on field f otherwise. */
static const char *text_in(struct imp *m, const struct jval *o, const char *key, long max, const char *f)
{
	const char *s = json_get_str(o, key);
	if (str_empty(s))
		out_field(m->out, f, "form.err.required", NULL);
	else if (!out_max_len(m->out, f, s, max))
		return NULL;
	return s;
}

/* A number member in [lo, hi] as text with two decimals, or NULL (problem
 * recorded). */
static const char *num_in(struct imp *m, const struct jval *o, const char *key, double lo, double hi, const char *def,
			  const char *f)
{
	const struct jval *v = json_get(o, key);
	if (!v && def)
		return def;
	if (!v || v->type != J_NUM || v->num < lo || v->num > hi) {
		out_field(m->out, f, "exam.err.number", arena_printf(m->a, "%g–%g", lo, hi));
		return NULL;
	}
	return arena_printf(m->a, "%.2f", v->num);
}

static long int_in(struct imp *m, const struct jval *o, const char *key, long lo, long hi, long def, const char *f)
{
	const struct jval *v = json_get(o, key);
	long x;
	if (!v)
		return def;
	if (!json_is_int(v, &x) || x < lo || x > hi) {
		out_field(m->out, f, "exam.err.number", arena_printf(m->a, "%ld–%ld", lo, hi));
		return def;
	}
	return x;
}

static int imp_categories(struct imp *m)
{
	const struct jval *cs = json_get(m->root, "categories");
	for (size_t i = 0; cs && cs->type == J_ARR && i < cs->n; i++) {
		const struct jval *c = cs->kids[i];
		const char *code = json_get_str(c, "code");
		if (!code_ok(code, 40)) {
			out_field(m->out, fld(m->a, "categories", i, "code"), "exam.err.code", NULL);
			continue;
		}
		const char *en = text_in(m, c, "name_en", 200, fld(m->a, "categories", i, "name_en"));
		const char *hi = text_in(m, c, "name_hi", 200, fld(m->a, "categories", i, "name_hi"));
		const char *parent = json_get_str(c, "parent");
		if (!en || !hi || m->out->status)
			continue;
		if (db_exec("INSERT INTO qb_categories (code, name_en, name_hi, parent_id) VALUES (?, ?, ?, "
			    "(SELECT p.id FROM qb_categories p WHERE p.code = ?)) "
			    "ON DUPLICATE KEY UPDATE name_en = VALUES(name_en), name_hi = VALUES(name_hi), parent_id = VALUES(parent_id)",
			    "ssss", code, en, hi, parent) < 0)
			return -1;
		m->res->categories++;
	}
	return 0;
}

/* A question's canonical answer from its JSON, or NULL (problem recorded). */
static const char *answer_in(struct imp *m, const struct jval *q, const char *type, size_t nopts, const char *f)
{
	const struct jval *v = json_get(q, "answer");
	long k;
	if (str_eq(type, "tf") && v && v->type == J_BOOL)
		return v->b ? "true" : "false";
	if (str_eq(type, "numeric") && v && v->type == J_NUM) {
		const struct jval *t = json_get(q, "tolerance");
		double tol = t && t->type == J_NUM && t->num >= 0 ? t->num : 0;
		return arena_printf(m->a, "%.6g:%.6g", v->num, tol);
	}
	if (str_eq(type, "single") && v && json_is_int(v, &k) && k >= 0 && (size_t)k < nopts)
		return arena_printf(m->a, "%ld", k);
	if (str_eq(type, "multi") && v && v->type == J_ARR && v->n > 0) {
		struct sbuf b;
		sbuf_init(&b);
		for (size_t i = 0; i < v->n; i++) {
			if (!json_is_int(v->kids[i], &k) || k < 0 || (size_t)k >= nopts) {
				sbuf_free(&b);
				goto bad;
			}
			sbuf_printf(&b, "%s%ld", i ? "," : "", k);
		}
		const char *c = response_canon(m->a, "multi", nopts, b.data);
		sbuf_free(&b);
		if (c)
			return c;
	}
bad:
	out_field(m->out, f, "exam.err.answer", NULL);
	return NULL;
}

/* The options of a choice question as stored JSON, *n their count; NULL
 * for other types. */
static const char *options_in(struct imp *m, const struct jval *q, const char *type, size_t i, size_t *n)
{
	*n = 0;
	if (!str_eq(type, "single") && !str_eq(type, "multi"))
		return NULL;
	const struct jval *o = json_get(q, "options");
	const char *f = fld(m->a, "questions", i, "options");
	if (!o || o->type != J_ARR || o->n < 2 || o->n > MAX_OPTS) {
		out_field(m->out, f, "exam.err.options", NULL);
		return NULL;
	}
	struct sbuf b;
	struct jw w;
	sbuf_init(&b);
	jw_init(&w, &b);
	jw_arr(&w);
	for (size_t k = 0; k < o->n; k++) {
		const char *en = json_get_str(o->kids[k], "en"), *hi = json_get_str(o->kids[k], "hi");
		if (str_empty(en) || str_empty(hi) || utf8_chars(en) > 300 || utf8_chars(hi) > 300)
			out_field(m->out, f, "exam.err.options", NULL);
		jw_obj(&w);
		jw_kstr(&w, "en", en);
		jw_kstr(&w, "hi", hi);
		jw_obj_end(&w);
	}
	jw_arr_end(&w);
	*n = o->n;
	char *s = arena_strdup(m->a, b.data);
	sbuf_free(&b);
	return s;
}

static int imp_questions(struct imp *m)
{
	static const char *const types[] = { "single", "multi", "tf", "numeric" };
	const struct jval *qs = json_get(m->root, "questions");
	for (size_t i = 0; qs && qs->type == J_ARR && i < qs->n; i++) {
		struct arena *a = m->a;
		const struct jval *q = qs->kids[i];
		const char *key = json_get_str(q, "key"), *type = json_get_str(q, "type"), *cat = json_get_str(q, "category");
		bool type_ok = false;
		for (size_t t = 0; t < ARRAY_LEN(types); t++)
			type_ok |= str_eq(type, types[t]);
		if (!code_ok(key, 40))
			out_field(m->out, fld(a, "questions", i, "key"), "exam.err.code", NULL);
		if (!type_ok) {
			out_field(m->out, fld(a, "questions", i, "type"), "exam.err.type", NULL);
			continue;
		}
		const char *cat_id = code_ok(cat, 40) ? db_scalar(a, "SELECT id FROM qb_categories WHERE code = ?", "s", cat) : NULL;
		if (!cat_id)
			out_field(m->out, fld(a, "questions", i, "category"), "exam.err.category", NULL);
		const char *en = text_in(m, q, "body_en", 2000, fld(a, "questions", i, "body_en"));
		const char *hi = text_in(m, q, "body_hi", 2000, fld(a, "questions", i, "body_hi"));
		size_t nopts;
		const char *opts = options_in(m, q, type, i, &nopts);
		const char *ans = answer_in(m, q, type, nopts, fld(a, "questions", i, "answer"));
		const char *marks = num_in(m, q, "marks", 0.01, 100, NULL, fld(a, "questions", i, "marks"));
		const char *neg = num_in(m, q, "neg_marks", 0, 100, "0.00", fld(a, "questions", i, "neg_marks"));
		long diff = int_in(m, q, "difficulty", 1, 3, 2, fld(a, "questions", i, "difficulty"));
		if (m->out->status || !en || !hi || !ans || !marks || !neg)
			continue;
		/* unchanged: keep; changed: the next version, the old one retired */
		struct dbres *cur = db_query(a, "SELECT id, version, category_id = ? AND type = ? AND body_en = ? AND body_hi = ? AND "
					        "IFNULL(options, '') = IFNULL(?, '') AND answer = ? AND marks = ? AND neg_marks = ? "
					        "AND difficulty = ? FROM questions WHERE qkey = ? ORDER BY version DESC LIMIT 1 FOR UPDATE",
					     "ssssssssis", cat_id, type, en, hi, opts, ans, marks, neg, (long long)diff, key);
		if (!cur)
			return -1;
		if (cur->nrows && db_int(cur, 0, 2) == 1)
			continue;
		long ver = cur->nrows ? (long)db_int(cur, 0, 1) + 1 : 1;
		if (db_exec("UPDATE questions SET status = 'retired' WHERE qkey = ? AND status = 'active'", "s", key) < 0 ||
		    db_exec("INSERT INTO questions (qkey, version, category_id, type, body_en, body_hi, options, answer, marks, neg_marks, "
			    "difficulty, status, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'active', NULLIF(?, 0), NOW())",
			    "sissssssssii", key, (long long)ver, cat_id, type, en, hi, opts, ans, marks, neg, (long long)diff,
			    (long long)actor_id(m->who)) != 1)
			return -1;
		m->res->questions++;
	}
	return 0;
}

/* The exam's audience as stored ("csc,bi,di"), or NULL (problem recorded). */
static const char *audience_in(struct imp *m, const struct jval *e, size_t i)
{
	const struct jval *au = json_get(e, "audience");
	struct sbuf b;
	sbuf_init(&b);
	for (size_t k = 0; au && au->type == J_ARR && k < au->n; k++) {
		const char *r = au->kids[k]->type == J_STR ? au->kids[k]->str : NULL;
		if (role_from_code(r) < 0 || str_eq(r, "citizen")) {
			sbuf_free(&b);
			goto bad;
		}
		sbuf_printf(&b, "%s%s", b.len ? "," : "", r);
	}
	if (!b.len || b.len > 200) {
		sbuf_free(&b);
		goto bad;
	}
	char *s = arena_strdup(m->a, b.data);
	sbuf_free(&b);
	return s;
bad:
	out_field(m->out, fld(m->a, "exams", i, "audience"), "exam.err.audience", NULL);
	return NULL;
}

/* The layout rules as stored, or NULL (problem recorded): every category
 * and question must exist. */
static const char *layout_in(struct imp *m, const struct jval *e, size_t i)
{
	const struct jval *l = json_get(e, "layout");
	const char *f = fld(m->a, "exams", i, "layout");
	if (!l || l->type != J_ARR || l->n == 0 || l->n > 50) {
		out_field(m->out, f, "exam.err.layout", NULL);
		return NULL;
	}
	struct sbuf b;
	struct jw w;
	sbuf_init(&b);
	jw_init(&w, &b);
	jw_arr(&w);
	for (size_t k = 0; k < l->n; k++) {
		const char *cat = json_get_str(l->kids[k], "category"), *q = json_get_str(l->kids[k], "question");
		long n = 0;
		bool ok = cat ? json_get_long(l->kids[k], "n", &n) && n >= 1 && n <= MAX_SLOTS &&
				db_scalar(m->a, "SELECT id FROM qb_categories WHERE code = ?", "s", cat)
			      : q && db_scalar(m->a, "SELECT id FROM questions WHERE qkey = ? AND status = 'active'", "s", q);
		if (!ok)
			out_field(m->out, f, "exam.err.layout", NULL);
		jw_obj(&w);
		if (cat) {
			jw_kstr(&w, "category", cat);
			jw_kint(&w, "n", n);
		} else {
			jw_kstr(&w, "question", q);
		}
		jw_obj_end(&w);
	}
	jw_arr_end(&w);
	char *s = arena_strdup(m->a, b.data);
	sbuf_free(&b);
	return m->out->status ? NULL : s;
}

/* May the importer set an exam of this code for the place at path?  The
 * state (and the command line) anywhere; a DI or BI only for a place in
 * the area of that holding, and only over an exam of that area (the
 * exam code of another area, or of the whole state, is not theirs). */
static bool import_may_place(struct imp *m, const char *path, const char *code)
{
	const struct user *u = m->who->user;
	if (!u || user_has(u, ROLE_STATE_ADMIN))
		return true;
	const unsigned in_charge = RB(ROLE_DI) | RB(ROLE_BI);
	if (!path || !juris_holding(u, in_charge, 0, path, 0))
		return false;
	struct dbres *old = db_query(m->a, "SELECT pl.path FROM exams e LEFT JOIN locations pl ON pl.id = e.place_id WHERE e.code = ?",
				     "s", code);
	return old && (old->nrows == 0 || (db_val(old, 0, 0) && juris_holding(u, in_charge, 0, db_val(old, 0, 0), 0)));
}

static int imp_exams(struct imp *m)
{
	const struct jval *es = json_get(m->root, "exams");
	for (size_t i = 0; es && es->type == J_ARR && i < es->n; i++) {
		struct arena *a = m->a;
		const struct jval *e = es->kids[i];
		const char *code = json_get_str(e, "code");
		if (!code_ok(code, 40))
			out_field(m->out, fld(a, "exams", i, "code"), "exam.err.code", NULL);
		const char *en = text_in(m, e, "title_en", 200, fld(a, "exams", i, "title_en"));
		const char *hi = text_in(m, e, "title_hi", 200, fld(a, "exams", i, "title_hi"));
		const char *aud = audience_in(m, e, i);
		const char *opens = ist_datetime_in(a, json_get_str(e, "opens_at")), *closes = ist_datetime_in(a, json_get_str(e, "closes_at"));
		if (!opens)
			out_field(m->out, fld(a, "exams", i, "opens_at"), "exam.err.time", NULL);
		if (!closes || (opens && strcmp(closes, opens) <= 0))
			out_field(m->out, fld(a, "exams", i, "closes_at"), "exam.err.time", NULL);
		long limit = int_in(m, e, "time_limit_s", 60, 86400, 0, fld(a, "exams", i, "time_limit_s"));
		if (!limit && !out_has(m->out, fld(a, "exams", i, "time_limit_s")))
			out_field(m->out, fld(a, "exams", i, "time_limit_s"), "form.err.required", NULL);
		const char *pass = num_in(m, e, "pass_pct", 0, 100, NULL, fld(a, "exams", i, "pass_pct"));
		long maxa = int_in(m, e, "max_attempts", 1, 20, 1, fld(a, "exams", i, "max_attempts"));
		long d1 = int_in(m, e, "delay1_s", 0, 30 * 86400, 0, fld(a, "exams", i, "delay1_s"));
		long d2 = int_in(m, e, "delay2_s", 0, 30 * 86400, 0, fld(a, "exams", i, "delay2_s"));
		long valid = int_in(m, e, "validity_days", 0, 3650, 730, fld(a, "exams", i, "validity_days"));
		const char *grading = json_get_str(e, "grading"), *nav = json_get_str(e, "nav");
		grading = grading ? grading : "highest";
		nav = nav ? nav : "free";
		if (!str_eq(grading, "highest") && !str_eq(grading, "last"))
			out_field(m->out, fld(a, "exams", i, "grading"), "exam.err.grading", NULL);
		if (!str_eq(nav, "free") && !str_eq(nav, "seq"))
			out_field(m->out, fld(a, "exams", i, "nav"), "exam.err.nav", NULL);
		const char *layout = layout_in(m, e, i);
		const char *review = json_get_str(e, "review"), *venue = json_get_str(e, "venue_code");
		review = review ? review : "score";
		if (!str_eq(review, "score") && !str_eq(review, "answers") && !str_eq(review, "after_close"))
			out_field(m->out, fld(a, "exams", i, "review"), "exam.err.review", NULL);
		if (venue && (!code_ok(venue, 40) || strlen(venue) < 4))
			out_field(m->out, fld(a, "exams", i, "venue_code"), "exam.err.venue", NULL);
		long place = int_in(m, e, "place_id", 1, 2000000000, 0, fld(a, "exams", i, "place_id"));
		const char *ppath = place ? db_scalar(a, "SELECT path FROM locations WHERE id = ?", "i", (long long)place) : NULL;
		if (place && !ppath)
			out_field(m->out, fld(a, "exams", i, "place_id"), "exam.err.place", NULL);
		if (!import_may_place(m, ppath, code))
			out_field(m->out, fld(a, "exams", i, "place_id"), "exam.err.place_outside", NULL);
		if (m->out->status || !en || !hi || !aud || !pass || !layout)
			continue;
		if (db_exec("INSERT INTO exams (code, title_en, title_hi, audience, opens_at, closes_at, time_limit_s, pass_pct, max_attempts, "
			    "delay1_s, delay2_s, grading, nav, shuffle_q, shuffle_opts, layout_rules, validity_days, status, created_by, created_at, place_id, "
			    "review, venue_code) "
			    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'active', NULLIF(?, 0), NOW(), NULLIF(?, 0), ?, ?) "
			    "ON DUPLICATE KEY UPDATE "
			    "title_en = VALUES(title_en), title_hi = VALUES(title_hi), audience = VALUES(audience), opens_at = VALUES(opens_at), "
			    "place_id = VALUES(place_id), review = VALUES(review), venue_code = VALUES(venue_code), "
			    "closes_at = VALUES(closes_at), time_limit_s = VALUES(time_limit_s), pass_pct = VALUES(pass_pct), "
			    "max_attempts = VALUES(max_attempts), delay1_s = VALUES(delay1_s), delay2_s = VALUES(delay2_s), "
			    "grading = VALUES(grading), nav = VALUES(nav), shuffle_q = VALUES(shuffle_q), shuffle_opts = VALUES(shuffle_opts), "
			    "layout_rules = VALUES(layout_rules), validity_days = VALUES(validity_days), status = 'active'",
			    "ssssssisiiissiisiiiss", code, en, hi, aud, opens, closes, (long long)limit, pass, (long long)maxa, (long long)d1,
			    (long long)d2, grading, nav, (long long)json_get_bool(e, "shuffle_questions", true),
			    (long long)json_get_bool(e, "shuffle_options", true), layout, (long long)valid, (long long)actor_id(m->who),
			    (long long)place, review, venue) < 0)
			return -1;
		m->res->exams++;
	}
	return 0;
}

static int import_txn(void *p)
{
	struct imp *m = p;
	memset(m->res, 0, sizeof *m->res);
	if (imp_categories(m) != 0 || imp_questions(m) != 0 || imp_exams(m) != 0)
		return -1;
	if (m->out->status)
		return 1;
	struct audit_entry e = { .action = "exam.import", .entity = "exam", .entity_id = "bank", .role = "state_admin",
				 .remarks = arena_printf(m->a, "%ld categories, %ld questions, %ld exams", m->res->categories,
							 m->res->questions, m->res->exams) };
	return audit_write(m->who, &e) == 0 ? 0 : -1;
}

int exam_import(struct arena *a, const struct actor *who, const char *json, size_t len, struct exam_import_res *res,
		struct outcome *out)
{
	const char *err;
	struct imp m = { .a = a, .who = who, .res = res, .out = out };
	m.root = json && len ? json_parse(a, json, len, &err) : NULL;
	if (!m.root || m.root->type != J_OBJ) {
		out_field(out, "json", "exam.err.json", NULL);
		return out->status;
	}
	/* a DI or BI sets exams for the area over the state's bank; the bank
	 * itself is the state's */
	const struct jval *cs = json_get(m.root, "categories"), *qs = json_get(m.root, "questions");
	if (who->user && !user_has(who->user, ROLE_STATE_ADMIN) && ((cs && cs->type == J_ARR && cs->n) || (qs && qs->type == J_ARR && qs->n)))
		return out_fail(out, 403, "exam.bank_state_only");
	return out_txn(out, import_txn, &m);
}

/* ---- starting an attempt ---- */

struct start_ctx {
	struct arena *a;
	const struct actor *who;
	const char *user_agent;
	struct dbres *e;	/* the exam: see exam_load */
	struct exam_attempt_ref *res;
	struct outcome *out;
};

/* The exam by code, with the person's overrides and reset: id, audience,
 * open now, time limit, closes_at, max attempts (a reset's earlier
 * attempts added), delay1, delay2, shuffle_q, shuffle_opts, layout_rules,
 * code, the audience place's path (NULL: everywhere), venue code. */
static struct dbres *exam_load(struct arena *a, const char *code, long user)
{
	return db_query(a, "SELECT e.id, e.audience, NOW() BETWEEN e.opens_at AND IFNULL(o.closes_at, e.closes_at), "
			   "IFNULL(o.time_limit_s, e.time_limit_s), IFNULL(o.closes_at, e.closes_at), "
			   "IFNULL(o.max_attempts, e.max_attempts) + IFNULL(rs.attempts_before, 0), "
			   "e.delay1_s, e.delay2_s, e.shuffle_q, e.shuffle_opts, e.layout_rules, e.code, pl.path, e.venue_code "
			   "FROM exams e LEFT JOIN exam_overrides o ON o.exam_id = e.id AND o.user_id = ? "
			   "LEFT JOIN exam_resets rs ON rs.exam_id = e.id AND rs.user_id = ? "
			   "LEFT JOIN locations pl ON pl.id = e.place_id WHERE e.code = ? AND e.status = 'active'",
			"iis", (long long)user, (long long)user, code);
}

/* Is u in an exam's audience: a holding (today) of one of the roles in
 * list, at or under the place path (NULL: anywhere)?  Role and place come
 * from the same holding, so a VLE of one block who is a BI of another is
 * not a BI of the first. */
static bool in_audience(struct arena *a, const struct user *u, const char *list, const char *place)
{
	for (size_t i = 0; u && i < u->nh; i++) {
		const struct holding *h = &u->h[i];
		char *copy = arena_strdup(a, list ? list : ""), *save = NULL;
		bool role = false;
		for (char *t = strtok_r(copy, ",", &save); t && !role; t = strtok_r(NULL, ",", &save))
			role = role_from_code(t) == (int)h->role;
		if (role && (!place || (h->loc_path && str_starts(h->loc_path, place))))
			return true;
	}
	return false;
}

/* In place: the first n of ids[0..count) become a uniform random sample,
 * in random order (partial Fisher-Yates). */
static void sample(long *ids, size_t count, size_t n)
{
	for (size_t i = 0; i < n && i + 1 < count; i++) {
		size_t j = i + randombytes_uniform((uint32_t)(count - i));
		long t = ids[i];
		ids[i] = ids[j];
		ids[j] = t;
	}
}

/* The questions of a new attempt (in slot order, each as question id * 16
 * + its number of options) from the exam's rules: each category's N drawn
 * at random, fixed questions as named; shuffled across slots when the
 * exam says so.  Returns the count, or -1
 * when a rule cannot be met (too few active questions) or the database
 * failed (*db_failed). */
static long layout_draw(struct arena *a, const char *rules, bool shuffle, long *slots, bool *db_failed)
{
	const char *err;
	struct jval *r = json_parse(a, rules, strlen(rules), &err);
	long n = 0;
	*db_failed = false;
	for (size_t k = 0; r && r->type == J_ARR && k < r->n; k++) {
		const char *cat = json_get_str(r->kids[k], "category"), *q = json_get_str(r->kids[k], "question");
		long want = 1;
		struct dbres *c = cat ? db_query(a, "SELECT q.id, IFNULL(JSON_LENGTH(q.options), 0) FROM questions q "
						    "JOIN qb_categories c ON c.id = q.category_id WHERE c.code = ? AND q.status = 'active' ORDER BY q.id",
						 "s", cat)
				      : db_query(a, "SELECT id, IFNULL(JSON_LENGTH(options), 0) FROM questions WHERE qkey = ? AND status = 'active'",
						 "s", q);
		if (!c) {
			*db_failed = true;
			return -1;
		}
		if (cat)
			json_get_long(r->kids[k], "n", &want);
		if ((long)c->nrows < want || n + want > MAX_SLOTS)
			return -1;
		/* a question travels as id * 16 + option count through the shuffles */
		long *ids = arena_alloc(a, (c->nrows + 1) * sizeof *ids);
		for (size_t i = 0; i < c->nrows; i++)
			ids[i] = (long)db_int(c, i, 0) * 16 + (long)db_int(c, i, 1) % 16;
		sample(ids, c->nrows, (size_t)want);
		memcpy(slots + n, ids, (size_t)want * sizeof *ids);
		n += want;
	}
	if (shuffle)
		sample(slots, (size_t)n, (size_t)n);
	return n > 0 ? n : -1;
}

/* The option order shown for a question of nopts options. */
static void option_order(struct jw *w, size_t nopts, bool shuffle)
{
	long ord[MAX_OPTS];
	for (size_t i = 0; i < nopts && i < MAX_OPTS; i++)
		ord[i] = (long)i;
	if (shuffle)
		sample(ord, nopts, nopts);
	jw_key(w, "o");
	jw_arr(w);
	for (size_t i = 0; i < nopts && i < MAX_OPTS; i++)
		jw_int(w, ord[i]);
	jw_arr_end(w);
}

/* May the person start another attempt (k finished so far)?  0, or 1
 * with the refusal in out; -1 on a database failure. */
static int start_allowed(struct start_ctx *c, long exam, long user, long done)
{
	struct dbres *e = c->e;
	struct dbres *p = db_query(c->a, "SELECT MAX(passed), COUNT(*), DATE_FORMAT(MAX(finished_at) + INTERVAL ? SECOND, '%Y-%m-%d %H:%i'), "
				       "MAX(finished_at) + INTERVAL ? SECOND > NOW() FROM exam_attempts WHERE exam_id = ? AND user_id = ?",
				    "iiii", done <= 1 ? db_int(e, 0, 6) : db_int(e, 0, 7), done <= 1 ? db_int(e, 0, 6) : db_int(e, 0, 7),
				    (long long)exam, (long long)user);
	if (!p)
		return -1;
	if (db_int(p, 0, 0) == 1)
		out_fail(c->out, 409, "exam.already_passed");
	else if (db_int(p, 0, 1) >= db_int(e, 0, 5))
		out_fail(c->out, 409, "exam.no_attempts");
	else if (db_int(p, 0, 3) == 1) {
		out_fail(c->out, 409, "exam.wait");
		out_field(c->out, "start", "exam.wait", db_val(p, 0, 2));
		c->out->status = 409;
	}
	return c->out->status ? 1 : 0;
}

static int start_txn(void *p)
{
	struct start_ctx *c = p;
	struct arena *a = c->a;
	long user = actor_id(c->who), exam = (long)db_int(c->e, 0, 0);
	/* one start per person at a time: the person's row is the lock */
	struct dbres *open = db_query(a, "SELECT id FROM users WHERE id = ? FOR UPDATE", "i", (long long)user);
	struct dbres *mine = open ? db_query(a, "SELECT attempt_no, state IN ('inprogress','overdue'), id FROM exam_attempts "
					       "WHERE exam_id = ? AND user_id = ? ORDER BY attempt_no", "ii", (long long)exam,
					    (long long)user) : NULL;
	if (!mine)
		return -1;
	for (size_t i = 0; i < mine->nrows; i++)
		if (db_int(mine, i, 1) == 1) {
			c->res->id = (long)db_int(mine, i, 2);
			c->res->attempt_no = (long)db_int(mine, i, 0);
			c->res->resumed = true;
			return 0;
		}
	int rc = start_allowed(c, exam, user, (long)mine->nrows);
	if (rc)
		return rc;
	long slots[MAX_SLOTS];
	bool db_failed;
	long n = layout_draw(a, db_val(c->e, 0, 10), db_int(c->e, 0, 8) == 1, slots, &db_failed);
	if (n < 0) {
		if (db_failed)
			return -1;
		out_fail(c->out, 409, "exam.no_questions");
		return 1;
	}
	struct sbuf lb;
	struct jw w;
	sbuf_init(&lb);
	jw_init(&w, &lb);
	jw_arr(&w);
	for (long i = 0; i < n; i++) {
		jw_obj(&w);
		jw_kint(&w, "q", slots[i] / 16);
		option_order(&w, (size_t)(slots[i] % 16), db_int(c->e, 0, 9) == 1);
		jw_obj_end(&w);
	}
	jw_arr_end(&w);
	long no = (long)mine->nrows + 1;
	long long ins = db_exec("INSERT INTO exam_attempts (exam_id, user_id, attempt_no, layout, started_at, deadline_at, ip, user_agent) "
				"VALUES (?, ?, ?, ?, NOW(), LEAST(NOW() + INTERVAL ? SECOND, ?), ?, ?)",
				"iiisisss", (long long)exam, (long long)user, (long long)no, lb.data, db_int(c->e, 0, 3), db_val(c->e, 0, 4),
				c->who->ip ? c->who->ip : "", c->user_agent ? c->user_agent : "");
	if (ins != 1) {
		sbuf_free(&lb);
		return -1;
	}
	c->res->id = (long)db_last_id();
	c->res->attempt_no = no;
	c->res->resumed = false;
	/* one row per slot, from the layout just stored, in one statement */
	ins = db_exec("INSERT INTO exam_answers (attempt_id, slot, question_id) "
		      "SELECT ?, seq, JSON_VALUE(?, CONCAT('$[', seq, '].q')) FROM seq_0_to_199 WHERE seq < ?",
		      "isi", (long long)c->res->id, lb.data, (long long)n);
	sbuf_free(&lb);
	if (ins != n)
		return -1;
	struct audit_entry e = { .action = "exam.start", .entity = "exam_attempt", .entity_id = arena_printf(a, "%ld", c->res->id),
				 .remarks = arena_printf(a, "%s attempt %ld, %ld questions", db_val(c->e, 0, 11), no, n) };
	return audit_write(c->who, &e) == 0 ? 0 : -1;
}

int exam_start(struct arena *a, const struct actor *who, const char *code, const char *venue, const char *user_agent,
	       struct exam_attempt_ref *res, struct outcome *out)
{
	if (!who->user || !code_ok(code, 40))
		return out_fail(out, 404, NULL);
	struct dbres *e = exam_load(a, code, who->user->id);
	if (!e)
		return out_fail(out, 503, NULL);
	if (e->nrows != 1)
		return out_fail(out, 404, NULL);
	if (!in_audience(a, who->user, db_val(e, 0, 1), db_val(e, 0, 12)))
		return out_fail(out, 403, "exam.not_audience");
	/* a supervised exam starts only with the code announced at the venue
	 * (an open attempt resumes without it: start_txn answers it first) */
	const char *want = db_val(e, 0, 13);
	if (want && !str_eq(venue, want) &&
	    !db_scalar(a, "SELECT id FROM exam_attempts WHERE exam_id = ? AND user_id = ? AND state IN ('inprogress','overdue')", "ii",
		       db_int(e, 0, 0), (long long)who->user->id)) {
		out_field(out, "venue_code", str_empty(venue) ? "form.err.required" : "exam.err.venue_wrong", NULL);
		return out->status;
	}
	struct start_ctx c = { .a = a, .who = who, .user_agent = user_agent, .e = e, .res = res, .out = out };
	/* an open attempt is answered even after the window closed; a new one needs the window */
	if (db_int(e, 0, 2) != 1) {
		const char *open = db_scalar(a, "SELECT attempt_no FROM exam_attempts WHERE exam_id = ? AND user_id = ? "
					       "AND state IN ('inprogress','overdue')", "ii", db_int(e, 0, 0), (long long)who->user->id);
		if (!open)
			return out_fail(out, 409, "exam.not_open");
	}
	return out_txn(out, start_txn, &c);
}

/* ---- saving ---- */

/* Why a save matched no row in exam_save's statement (reads only): 404
 * no such attempt or slot; 409 exam.finished, exam.deadline_passed,
 * exam.seq_back / exam.seq_ahead; 422 (field response) a response that
 * does not fit the question.  Checked in that order: after the deadline
 * nothing is saved, whatever was sent. */
static int save_refusal(struct arena *a, long user, const char *code, long attempt_no, long slot, const char *response,
			struct outcome *out)
{
	struct dbres *s = db_query(a, "SELECT a.id, q.type, q.options, a.state, a.deadline_at >= NOW(), e.nav = 'seq', a.cur_slot "
				      "FROM exam_attempts a JOIN exams e ON e.id = a.exam_id "
				      "JOIN exam_answers ea ON ea.attempt_id = a.id AND ea.slot = ? JOIN questions q ON q.id = ea.question_id "
				      "WHERE e.code = ? AND a.user_id = ? AND a.attempt_no = ?",
				   "isii", (long long)slot, code, (long long)user, (long long)attempt_no);
	if (!s)
		return out_fail(out, 503, NULL);
	if (s->nrows != 1)
		return out_fail(out, 404, NULL);
	if (!str_eq(db_val(s, 0, 3), "inprogress"))
		return out_fail(out, 409, "exam.finished");
	if (db_int(s, 0, 4) != 1)
		return out_fail(out, 409, "exam.deadline_passed");
	bool seq = db_int(s, 0, 5) == 1;
	if (seq && slot != db_int(s, 0, 6))
		return out_fail(out, 409, slot < db_int(s, 0, 6) ? "exam.seq_back" : "exam.seq_ahead");
	if (!response_canon(a, db_val(s, 0, 1), opts_count(a, db_val(s, 0, 2)), response)) {
		out_field(out, "response", "exam.err.response", NULL);
		return out->status;
	}
	/* everything fits now: the attempt moved between the two statements
	 * (a second save of a sequential slot at once, the deadline) */
	return out_fail(out, 409, seq ? "exam.seq_back" : "exam.deadline_passed");
}

int exam_save(struct arena *a, const struct actor *who, const char *code, long attempt_no, long slot, const char *response,
	      struct outcome *out)
{
	if (!who->user || !code_ok(code, 40))
		return out_fail(out, 404, NULL);
	/* The response in the canonical form of each type; the statement picks
	 * the one of the slot's question and writes nothing when it does not
	 * fit (NULL), so a save is one round trip.  A choice must also stay
	 * within the question's options (maxidx) and be one for a single. */
	const char *tf = response_canon(a, "tf", 0, response), *num = response_canon(a, "numeric", 0, response);
	const char *ch = response_canon(a, "multi", MAX_OPTS, response);
	long count = 0, maxidx = -1;
	for (const char *p = ch; p && *p; p = strchr(p, ',') ? strchr(p, ',') + 1 : "") {
		count++;
		maxidx = strtol(p, NULL, 10);	/* sorted: the last is the largest */
	}
	/* the deadline (and the sequential slot) is checked by the statement
	 * that writes: a save and exam-close (which locks the attempt row)
	 * cannot both win; with nav seq the save moves the attempt on */
	long long n = response ? db_exec("UPDATE exam_answers ea JOIN exam_attempts a ON a.id = ea.attempt_id JOIN exams e ON e.id = a.exam_id "
					 "JOIN questions q ON q.id = ea.question_id "
					 "SET ea.response = NULLIF(CASE q.type WHEN 'tf' THEN ? WHEN 'numeric' THEN ? ELSE ? END, ''), "
					 "ea.saved_at = NOW(3), a.cur_slot = IF(e.nav = 'seq', a.cur_slot + 1, a.cur_slot) "
					 "WHERE e.code = ? AND a.user_id = ? AND a.attempt_no = ? AND ea.slot = ? "
					 "AND a.state = 'inprogress' AND a.deadline_at >= NOW() AND (e.nav = 'free' OR a.cur_slot = ea.slot) "
					 "AND CASE q.type WHEN 'tf' THEN ? IS NOT NULL WHEN 'numeric' THEN ? IS NOT NULL "
					 " WHEN 'single' THEN ? IS NOT NULL AND ? <= 1 AND ? < JSON_LENGTH(q.options) "
					 " ELSE ? IS NOT NULL AND ? < JSON_LENGTH(q.options) END",
					 "ssssiiisssiisi", tf, num, ch, code, (long long)who->user->id, (long long)attempt_no, (long long)slot,
					 tf, num, ch, (long long)count, (long long)maxidx, ch, (long long)maxidx)
			       : 0;
	if (n < 0)
		return out_fail(out, 503, NULL);
	if (n >= 1)	/* the answer's row, and the attempt's when seq moved it on */
		return 0;
	return save_refusal(a, who->user->id, code, attempt_no, slot, response, out);
}

/* ---- finishing ---- */

/* Grades and finishes attempt id (its row locked by the caller, state
 * open): marks per slot, score floored at 0, pass or fail; on a pass the
 * certificate; on a failed last attempt the refresher mark; the result
 * SMS and the audit row.  how: "submitted" or "deadline".  0 or -1. */
static int finish(struct arena *a, const struct actor *who, long id, const char *how, struct exam_result *res, struct outcome *out)
{
	struct dbres *t = db_query(a, "SELECT e.id, e.code, e.title_en, e.title_hi, e.pass_pct, e.validity_days, "
				      "IFNULL(o.max_attempts, e.max_attempts) + IFNULL(rs.attempts_before, 0), at.attempt_no, at.user_id, "
				      "TRIM(CONCAT_WS(' ', u.first_name, u.middle_name, u.last_name)), u.mobile "
				      "FROM exam_attempts at JOIN exams e ON e.id = at.exam_id JOIN users u ON u.id = at.user_id "
				      "LEFT JOIN exam_overrides o ON o.exam_id = e.id AND o.user_id = at.user_id "
				      "LEFT JOIN exam_resets rs ON rs.exam_id = e.id AND rs.user_id = at.user_id WHERE at.id = ?",
				   "i", (long long)id);
	struct dbres *s = t && t->nrows == 1
			  ? db_query(a, "SELECT ea.slot, ea.response, q.type, q.answer, q.marks, q.neg_marks FROM exam_answers ea "
					"JOIN questions q ON q.id = ea.question_id WHERE ea.attempt_id = ? ORDER BY ea.slot", "i", (long long)id)
			  : NULL;
	if (!s)
		return -1;
	double score = 0, max = 0;
	unsigned char digest[crypto_generichash_BYTES];
	crypto_generichash_state hs;
	crypto_generichash_init(&hs, NULL, 0, sizeof digest);
	struct sbuf mb;
	sbuf_init(&mb);
	for (size_t i = 0; i < s->nrows; i++) {
		double m = grade_one(db_val(s, i, 2), db_val(s, i, 3), db_val(s, i, 1), dec(db_val(s, i, 4)), dec(db_val(s, i, 5)));
		score += m;
		max += dec(db_val(s, i, 4));
		const char *line = arena_printf(a, "%s=%s\n", db_val(s, i, 0), db_val(s, i, 1) ? db_val(s, i, 1) : "");
		crypto_generichash_update(&hs, (const unsigned char *)line, strlen(line));
		sbuf_printf(&mb, "%s%.2f", i ? "," : "[", m);	/* slots are 0..n-1 in order */
	}
	sbuf_adds(&mb, "]");
	crypto_generichash_final(&hs, digest, sizeof digest);
	score = score < 0 ? 0 : score;
	double pct = max > 0 ? floor(score * 10000 / max + 0.5) / 100 : 0;
	bool passed = pct + 1e-9 >= dec(db_val(t, 0, 4));
	bool last = !passed && db_int(t, 0, 7) >= db_int(t, 0, 6);
	res->score = arena_printf(a, "%.2f", score);
	res->max_score = arena_printf(a, "%.2f", max);
	res->pct = arena_printf(a, "%.2f", pct);
	res->passed = passed;
	res->refresher = last;
	const char *name = db_val(t, 0, 9);
	struct cert_issued ci = { 0 };
	if (passed) {
		struct cert_fact facts[] = {
			{ "Name", "नाम", name },
			{ "Examination", "परीक्षा", arena_printf(a, "%s / %s", db_val(t, 0, 3), db_val(t, 0, 2)) },
			{ "Score", "प्राप्तांक", arena_printf(a, "%s / %s (%s%%)", res->score, res->max_score, res->pct) },
		};
		struct cert_subject cs = { .kind = "exam", .source_id = id, .code = "EXM", .title_en = "Pass Certificate",
					   .title_hi = "उत्तीर्णता प्रमाण पत्र", .holder_id = (long)db_int(t, 0, 8), .holder_name = name,
					   .facts = facts, .nfacts = ARRAY_LEN(facts), .validity_days = (long)db_int(t, 0, 5),
					   .sign_reason = "Pass certificate of the Digital Panchayat online exam" };
		if (cert_issue_subject(a, who, &cs, &ci, out) != 0) {
			sbuf_free(&mb);
			return -1;
		}
		res->certificate = ci.number;
		res->verify_url = ci.verify_url;
	}
	/* every slot's mark (from the JSON list of marks by slot) and the
	 * attempt's result and certificate in one statement: grading 5,000
	 * attempts at a window's end is bound by round trips */
	long long nm = db_exec("UPDATE exam_answers ea JOIN exam_attempts at ON at.id = ea.attempt_id "
			       "SET ea.mark = JSON_VALUE(?, CONCAT('$[', ea.slot, ']')), at.state = 'finished', at.finished_at = NOW(), "
			       "at.finished_how = ?, at.score = ?, at.max_score = ?, at.pct = ?, at.passed = ?, at.refresher = ?, "
			       "at.certificate_id = NULLIF(?, 0) WHERE at.id = ?",
			       "sssssiiii", mb.data, how, res->score, res->max_score, res->pct, (long long)passed, (long long)last,
			       (long long)ci.id, (long long)id);
	sbuf_free(&mb);
	if (nm < 1)
		return -1;
	const char *mobile = db_val(t, 0, 10);
	const char *sms = passed ? arena_printf(a, "You passed %s with %s%%. Certificate %s: %s/v/%s - GramSewa", db_val(t, 0, 1),
						res->pct, res->certificate, cfg.base_url, res->certificate)
			  : last ? arena_printf(a, "You did not pass %s (%s%%) and have no attempts left. You will be invited to a refresher "
						   "training. - GramSewa", db_val(t, 0, 1), res->pct)
				 : arena_printf(a, "Your result in %s: %s%%, not passed. You may try again. - GramSewa", db_val(t, 0, 1), res->pct);
	if (mobile && !notify_queue("sms", mobile, sms, cfg.exam_result_dlt, "exam.result", arena_printf(a, "%ld", id)))
		return -1;
	struct audit_entry e = { .action = "exam.finish", .entity = "exam_attempt", .entity_id = arena_printf(a, "%ld", id),
				 .remarks = arena_printf(a, "%s: %s/%s (%s%%) %s%s", how, res->score, res->max_score, res->pct,
							 passed ? "passed" : "failed", last ? ", refresher" : ""),
				 .detail = NULL };
	struct sbuf d;
	struct jw w;
	sbuf_init(&d);
	jw_init(&w, &d);
	jw_obj(&w);
	jw_kstr(&w, "responses_blake2b", hex_encode(a, digest, sizeof digest));
	jw_obj_end(&w);
	e.detail = arena_strdup(a, d.data);
	sbuf_free(&d);
	return audit_write(who, &e) == 0 ? 0 : -1;
}

struct submit_ctx {
	struct arena *a;
	const struct actor *who;
	long id;
	struct exam_result *res;
	struct outcome *out;
};

static int submit_txn(void *p)
{
	struct submit_ctx *c = p;
	memset(c->res, 0, sizeof *c->res);
	struct dbres *r = db_query(c->a, "SELECT state, deadline_at + INTERVAL ? SECOND < NOW() FROM exam_attempts WHERE id = ? FOR UPDATE",
				   "ii", (long long)cfg.exam_grace_s, (long long)c->id);
	if (!r)
		return -1;
	if (r->nrows != 1) {
		out_fail(c->out, 404, NULL);
		return 1;
	}
	if (!str_eq(db_val(r, 0, 0), "inprogress") && !str_eq(db_val(r, 0, 0), "overdue")) {
		out_fail(c->out, 409, "exam.finished");
		return 1;
	}
	bool expired = db_int(r, 0, 1) == 1;
	if (expired) {
		out_fail(c->out, 409, "exam.closed_by_deadline");
		return 1;
	}
	return finish(c->a, c->who, c->id, "submitted", c->res, c->out);
}

int exam_submit(struct arena *a, const struct actor *who, const char *code, long attempt_no, struct exam_result *res,
		struct outcome *out)
{
	if (!who->user || !code_ok(code, 40))
		return out_fail(out, 404, NULL);
	const char *id = db_scalar(a, "SELECT a.id FROM exam_attempts a JOIN exams e ON e.id = a.exam_id "
				      "WHERE e.code = ? AND a.user_id = ? AND a.attempt_no = ?",
				   "sii", code, (long long)who->user->id, (long long)attempt_no);
	if (!id)
		return out_fail(out, 404, NULL);
	struct submit_ctx c = { .a = a, .who = who, .id = strtol(id, NULL, 10), .res = res, .out = out };
	return out_txn(out, submit_txn, &c);
}

/* exam-close's unit: the oldest due attempt nobody else holds (SKIP
 * LOCKED, so several jobs at once take different attempts), finished in
 * this transaction.  0 finished one (c->id, c->res), 1 none left, -1. */
static int close_one_txn(void *p)
{
	struct submit_ctx *c = p;
	memset(c->res, 0, sizeof *c->res);
	/* One state at a time and the deadline bare: the scan then walks
	 * k_attempt_due (state, deadline_at, id) in order and locks the one
	 * row it returns.  With "state IN (..)" or "deadline_at + INTERVAL"
	 * MariaDB sorted instead (filesort), locking every due row it read,
	 * so a second job found them all locked and stopped at once. */
	static const char *const open_states[] = { "inprogress", "overdue" };
	struct dbres *due = NULL;
	for (size_t k = 0; k < ARRAY_LEN(open_states) && (!due || due->nrows == 0); k++)
		if (!(due = db_query(c->a, "SELECT id FROM exam_attempts WHERE state = ? AND deadline_at < NOW() - INTERVAL ? SECOND "
					   "ORDER BY deadline_at, id LIMIT 1 FOR UPDATE SKIP LOCKED",
				     "si", open_states[k], (long long)cfg.exam_grace_s)))
			return -1;
	if (due->nrows == 0)
		return 1;
	c->id = (long)db_int(due, 0, 0);
	return finish(c->a, c->who, c->id, "deadline", c->res, c->out);
}

long exam_close(struct arena *a, FILE *log)
{
	long done = 0;
	struct actor sys = actor_cli(NULL);
	for (;;) {
		struct outcome out;
		struct exam_result res;
		out_init(&out, a);
		struct submit_ctx c = { .a = a, .who = &sys, .res = &res, .out = &out };
		int rc = db_txn(close_one_txn, &c);
		if (rc == 1)
			break;
		if (rc != 0)
			return -1;
		done++;
		if (log)
			fprintf(log, "exam-close: attempt %ld finished: %s%% %s%s%s\n", c.id, res.pct, res.passed ? "passed" : "failed",
				res.certificate ? ", certificate " : "", res.certificate ? res.certificate : "");
		if (done % 200 == 0)
			arena_reset(a);	/* a long run: the attempts done are in the database */
	}
	if (log)
		fprintf(log, "exam-close: %ld attempts finished\n", done);
	return done;
}

/* ---- overrides and resets ---- */

struct override_ctx {
	struct arena *a;
	const struct actor *who;
	long exam;
	const struct exam_override_in *in;
	const char *closes;	/* stored form, or NULL */
	long *n;
	struct outcome *out;
};

static int override_txn(void *p)
{
	struct override_ctx *c = p;
	struct arena *a = c->a;
	char *copy = arena_strdup(a, c->in->users), *save = NULL;
	struct sbuf names;
	sbuf_init(&names);
	*c->n = 0;
	for (char *t = strtok_r(copy, ", \t\r\n", &save); t; t = strtok_r(NULL, ", \t\r\n", &save)) {
		const char *uid = db_scalar(a, "SELECT id FROM users WHERE username = ?", "s", t);
		if (!uid) {
			out_field(c->out, "users", "exam.err.unknown_user", t);
			continue;
		}
		if (++*c->n > 200) {
			out_field(c->out, "users", "exam.err.too_many", "200");
			break;
		}
		if (db_exec("INSERT INTO exam_overrides (exam_id, user_id, time_limit_s, max_attempts, closes_at, reason, set_by, set_at) "
			    "VALUES (?, ?, NULLIF(?, 0), NULLIF(?, 0), ?, ?, NULLIF(?, 0), NOW()) ON DUPLICATE KEY UPDATE "
			    "time_limit_s = VALUES(time_limit_s), max_attempts = VALUES(max_attempts), closes_at = VALUES(closes_at), "
			    "reason = VALUES(reason), set_by = VALUES(set_by), set_at = VALUES(set_at)",
			    "isiissi", (long long)c->exam, uid, (long long)c->in->time_limit_s, (long long)c->in->max_attempts, c->closes,
			    c->in->reason, (long long)actor_id(c->who)) < 0) {
			sbuf_free(&names);
			return -1;
		}
		sbuf_printf(&names, "%s%s", names.len ? "," : "", t);
	}
	if (*c->n == 0 && !out_has(c->out, "users"))
		out_field(c->out, "users", "form.err.required", NULL);
	if (c->out->status) {
		sbuf_free(&names);
		return 1;
	}
	struct audit_entry e = { .action = "exam.override", .entity = "exam", .entity_id = arena_printf(a, "%ld", c->exam),
				 .remarks = arena_printf(a, "%s: time %lds, attempts %ld, closes %s; %s", names.data, c->in->time_limit_s,
							 c->in->max_attempts, c->closes ? c->closes : "-", c->in->reason) };
	sbuf_free(&names);
	return audit_write(c->who, &e) == 0 ? 0 : -1;
}

int exam_override_set(struct arena *a, const struct actor *who, const char *code, const struct exam_override_in *in, long *n,
		      struct outcome *out)
{
	const char *id = code_ok(code, 40) ? db_scalar(a, "SELECT id FROM exams WHERE code = ?", "s", code) : NULL;
	if (!id)
		return out_fail(out, 404, NULL);
	struct override_ctx c = { .a = a, .who = who, .exam = strtol(id, NULL, 10), .in = in, .n = n, .out = out };
	if (str_empty(in->users))
		out_field(out, "users", "form.err.required", NULL);
	if (in->time_limit_s && (in->time_limit_s < 60 || in->time_limit_s > 86400))
		out_field(out, "time_limit_s", "exam.err.number", "1–1440");
	if (in->max_attempts < 0 || in->max_attempts > 20)
		out_field(out, "max_attempts", "exam.err.number", "1–20");
	if (!str_empty(in->closes_at) && !(c.closes = ist_datetime_in(a, in->closes_at)))
		out_field(out, "closes_at", "exam.err.time", NULL);
	if (str_empty(in->reason))
		out_field(out, "reason", "form.err.required", NULL);
	else
		out_max_len(out, "reason", in->reason, 300);
	if (!in->time_limit_s && !in->max_attempts && !c.closes && !out->status)
		out_field(out, "time_limit_s", "exam.err.override_empty", NULL);
	if (out->status)
		return out->status;
	return out_txn(out, override_txn, &c);
}

struct dbres *exam_overrides_get(struct arena *a, const char *code)
{
	return db_query(a, "SELECT u.username, TRIM(CONCAT_WS(' ', u.first_name, u.last_name)), o.time_limit_s, o.max_attempts, "
			   "o.closes_at, o.reason, o.set_at FROM exam_overrides o JOIN exams e ON e.id = o.exam_id "
			   "JOIN users u ON u.id = o.user_id WHERE e.code = ? ORDER BY u.username", "s", code);
}

struct reset_ctx {
	struct arena *a;
	const struct actor *who;
	long exam, user;
	const char *reason;
	struct outcome *out;
};

static int reset_txn(void *p)
{
	struct reset_ctx *c = p;
	/* the person's attempts are counted under the person's row lock, as
	 * a start takes it: no attempt slips in between */
	struct dbres *u = db_query(c->a, "SELECT id FROM users WHERE id = ? FOR UPDATE", "i", (long long)c->user);
	struct dbres *r = u ? db_query(c->a, "SELECT COUNT(*), IFNULL(MAX(passed), 0), IFNULL(SUM(state IN ('inprogress','overdue')), 0), "
					     "(SELECT COUNT(*) FROM exam_resets WHERE exam_id = ? AND user_id = ?) "
					     "FROM exam_attempts WHERE exam_id = ? AND user_id = ?",
				    "iiii", (long long)c->exam, (long long)c->user, (long long)c->exam, (long long)c->user) : NULL;
	if (!r)
		return -1;
	if (db_int(r, 0, 3) > 0)
		out_fail(c->out, 409, "exam.reset_done");
	else if (db_int(r, 0, 1) == 1)
		out_fail(c->out, 409, "exam.already_passed");
	else if (db_int(r, 0, 2) > 0)
		out_fail(c->out, 409, "exam.reset_open");
	if (c->out->status)
		return 1;
	if (db_exec("INSERT INTO exam_resets (exam_id, user_id, attempts_before, reason, reset_by, reset_at) VALUES (?, ?, ?, ?, ?, NOW())",
		    "iiisi", (long long)c->exam, (long long)c->user, db_int(r, 0, 0), c->reason, (long long)actor_id(c->who)) != 1)
		return -1;
	struct audit_entry e = { .action = "exam.reset", .entity = "exam", .entity_id = arena_printf(c->a, "%ld", c->exam),
				 .role = "di",
				 .remarks = arena_printf(c->a, "user %ld: %lld attempts no longer count; %s", c->user, db_int(r, 0, 0), c->reason) };
	return audit_write(c->who, &e) == 0 ? 0 : -1;
}

int exam_reset(struct arena *a, const struct actor *who, const char *code, const char *username, const char *reason,
	       struct outcome *out)
{
	struct dbres *e = code_ok(code, 40) ? db_query(a, "SELECT e.id, e.audience, pl.path FROM exams e "
							   "LEFT JOIN locations pl ON pl.id = e.place_id WHERE e.code = ?", "s", code) : NULL;
	const char *uid = !str_empty(username) ? db_scalar(a, "SELECT id FROM users WHERE username = ?", "s", username) : NULL;
	if (!e)
		return out_fail(out, code_ok(code, 40) ? 503 : 404, NULL);
	if (e->nrows != 1 || !uid)
		return out_fail(out, 404, NULL);
	if (str_empty(reason))
		out_field(out, "reason", "form.err.required", NULL);
	else if (!out_max_len(out, "reason", reason, 300))
		return out->status;
	if (out->status)
		return out->status;
	/* the person must sit this exam through a holding in one of the DI's
	 * districts: the audience rule, with the DI's district as the place */
	struct user *person = user_load(a, strtol(uid, NULL, 10));
	bool inside = false;
	for (size_t i = 0; person && who->user && i < who->user->nh; i++) {
		const struct holding *h = &who->user->h[i];
		const char *place = db_val(e, 0, 2);
		/* the narrower of the DI's district and the exam's place */
		const char *root = place && h->loc_path && str_starts(place, h->loc_path) ? place : h->loc_path;
		inside |= h->role == ROLE_DI && h->loc_path && in_audience(a, person, db_val(e, 0, 1), root) &&
			  (!place || str_starts(root, place));
	}
	if (!inside)
		return out_fail(out, 403, "exam.reset_outside");
	struct reset_ctx c = { .a = a, .who = who, .exam = (long)db_int(e, 0, 0), .user = strtol(uid, NULL, 10), .reason = reason,
			       .out = out };
	return out_txn(out, reset_txn, &c);
}

/* ---- reads ---- */

struct dbres *exam_list_for(struct arena *a, const struct user *u)
{
	struct dbres *r = db_query(a,
		"SELECT e.code, e.title_en, e.title_hi, e.opens_at, IFNULL(o.closes_at, e.closes_at), IFNULL(o.time_limit_s, e.time_limit_s), "
		"e.pass_pct, IFNULL(o.max_attempts, e.max_attempts) + IFNULL(rs.attempts_before, 0), "
		"NOW() BETWEEN e.opens_at AND IFNULL(o.closes_at, e.closes_at), "
		"(SELECT COUNT(*) FROM exam_attempts x WHERE x.exam_id = e.id AND x.user_id = ?), "
		"(SELECT x.attempt_no FROM exam_attempts x WHERE x.exam_id = e.id AND x.user_id = ? AND x.state IN ('inprogress','overdue')), "
		"(SELECT IF(e.grading = 'highest', MAX(x.pct), SUBSTRING_INDEX(GROUP_CONCAT(x.pct ORDER BY x.attempt_no DESC), ',', 1)) "
		" FROM exam_attempts x WHERE x.exam_id = e.id AND x.user_id = ? AND x.state = 'finished'), "
		"(SELECT MAX(x.passed) FROM exam_attempts x WHERE x.exam_id = e.id AND x.user_id = ? AND x.state = 'finished'), "
		"(SELECT c.number FROM exam_attempts x JOIN certificates c ON c.id = x.certificate_id "
		" WHERE x.exam_id = e.id AND x.user_id = ? ORDER BY c.id DESC LIMIT 1), e.audience, pl.path, e.venue_code IS NOT NULL "
		"FROM exams e LEFT JOIN locations pl ON pl.id = e.place_id "
		"LEFT JOIN exam_overrides o ON o.exam_id = e.id AND o.user_id = ? LEFT JOIN exam_resets rs ON rs.exam_id = e.id AND rs.user_id = ? "
		"WHERE e.status = 'active' ORDER BY e.opens_at DESC, e.code",
		"iiiiiii", (long long)u->id, (long long)u->id, (long long)u->id, (long long)u->id, (long long)u->id, (long long)u->id,
		(long long)u->id);
	if (!r)
		return NULL;
	/* keep the rows whose audience the user is in */
	bool *keep = arena_alloc(a, (r->nrows + 1) * sizeof *keep);
	for (size_t i = 0; i < r->nrows; i++)
		keep[i] = in_audience(a, u, db_val(r, i, 14), db_val(r, i, 15));
	db_rows_keep(r, keep);
	return r;
}

struct dbres *exam_attempt_get(struct arena *a, long user_id, const char *code, long attempt_no)
{
	return db_query(a, "SELECT a.id, a.state, a.attempt_no, a.started_at, a.deadline_at, TIMESTAMPDIFF(SECOND, NOW(), a.deadline_at), "
			   "a.score, a.max_score, a.pct, a.passed, c.number, a.refresher, e.title_en, e.title_hi, e.pass_pct, e.nav, "
			   "(SELECT COUNT(*) FROM exam_answers x WHERE x.attempt_id = a.id), a.cur_slot, "
			   "a.state IN ('finished','abandoned') AND (e.review = 'answers' OR (e.review = 'after_close' AND NOW() > e.closes_at)) "
			   "FROM exam_attempts a JOIN exams e ON e.id = a.exam_id LEFT JOIN certificates c ON c.id = a.certificate_id "
			   "WHERE e.code = ? AND a.user_id = ? AND a.attempt_no = ?",
			"sii", code, (long long)user_id, (long long)attempt_no);
}

struct dbres *exam_slot_get(struct arena *a, long attempt_id, long slot)
{
	return db_query(a, "SELECT q.id, q.type, q.body_en, q.body_hi, q.options, ea.response, "
			   "JSON_QUERY(a.layout, CONCAT('$[', ?, '].o')) "
			   "FROM exam_answers ea JOIN questions q ON q.id = ea.question_id JOIN exam_attempts a ON a.id = ea.attempt_id "
			   "WHERE ea.attempt_id = ? AND ea.slot = ?",
			"iii", (long long)slot, (long long)attempt_id, (long long)slot);
}

struct dbres *exam_review(struct arena *a, long attempt_id)
{
	return db_query(a, "SELECT ea.slot, q.type, q.body_en, q.body_hi, q.options, ea.response, q.answer, ea.mark, q.marks "
			   "FROM exam_answers ea JOIN questions q ON q.id = ea.question_id WHERE ea.attempt_id = ? ORDER BY ea.slot",
			"i", (long long)attempt_id);
}

struct dbres *exam_slots(struct arena *a, long attempt_id)
{
	return db_query(a, "SELECT slot, response, saved_at, mark FROM exam_answers WHERE attempt_id = ? ORDER BY slot", "i",
			(long long)attempt_id);
}

struct dbres *exam_report_groups(struct arena *a, const char *code, bool by_role, long parent, const char *path)
{
	/* Two statements, each grouping by a plain column: one grouping by
	 * IF(?, rh.role, d.id) failed now and then with 1062 "duplicate entry
	 * for key group_key" once the temporary table went to disk. */
	if (by_role)
		return db_query(a,
			"SELECT rh.role, rh.role, COUNT(DISTINCT rh.user_id), COUNT(DISTINCT IF(p.passed = 1, rh.user_id, NULL)), "
			"COUNT(DISTINCT IF(p.passed = 0 AND p.open = 0, rh.user_id, NULL)), COUNT(DISTINCT IF(p.open = 1, rh.user_id, NULL)) "
			"FROM exams e JOIN role_holdings rh ON FIND_IN_SET(rh.role, e.audience) AND rh.active = 1 "
			" AND rh.work_from <= CURDATE() AND (rh.work_to IS NULL OR rh.work_to >= CURDATE()) "
			"JOIN locations l ON l.id = rh.location_id LEFT JOIN locations pl ON pl.id = e.place_id "
			"LEFT JOIN (SELECT user_id, MAX(passed) AS passed, MAX(state IN ('inprogress','overdue')) AS open FROM exam_attempts "
			" WHERE exam_id = (SELECT id FROM exams WHERE code = ?) GROUP BY user_id) p ON p.user_id = rh.user_id "
			"WHERE e.code = ? AND l.path LIKE CONCAT(?, '%') AND (pl.id IS NULL OR l.path LIKE CONCAT(pl.path, '%')) "
			"GROUP BY rh.role ORDER BY rh.role", "sss", code, code, path);
	/* by the child place of parent (the districts when 0) that holds the
	 * person's holding */
	return db_query(a,
		"SELECT d.id, d.name_en, COUNT(DISTINCT rh.user_id), COUNT(DISTINCT IF(p.passed = 1, rh.user_id, NULL)), "
		"COUNT(DISTINCT IF(p.passed = 0 AND p.open = 0, rh.user_id, NULL)), COUNT(DISTINCT IF(p.open = 1, rh.user_id, NULL)) "
		"FROM exams e JOIN role_holdings rh ON FIND_IN_SET(rh.role, e.audience) AND rh.active = 1 "
		" AND rh.work_from <= CURDATE() AND (rh.work_to IS NULL OR rh.work_to >= CURDATE()) "
		"JOIN locations l ON l.id = rh.location_id LEFT JOIN locations pl ON pl.id = e.place_id "
		"JOIN locations d ON (d.parent_id = ? OR (? = 0 AND d.type = 'district')) AND l.path LIKE CONCAT(d.path, '%') "
		"LEFT JOIN (SELECT user_id, MAX(passed) AS passed, MAX(state IN ('inprogress','overdue')) AS open FROM exam_attempts "
		" WHERE exam_id = (SELECT id FROM exams WHERE code = ?) GROUP BY user_id) p ON p.user_id = rh.user_id "
		"WHERE e.code = ? AND l.path LIKE CONCAT(?, '%') AND (pl.id IS NULL OR l.path LIKE CONCAT(pl.path, '%')) "
		"GROUP BY d.id, d.name_en ORDER BY d.name_en",
		"iisss", (long long)parent, (long long)parent, code, code, path);
}

struct dbres *exam_not_passed(struct arena *a, const char *code, const char *path)
{
	return db_query(a,
		"SELECT u.username, TRIM(CONCAT_WS(' ', u.first_name, u.last_name)), GROUP_CONCAT(DISTINCT rh.role ORDER BY rh.role), "
		"MIN(l.name_en), IFNULL(MAX(p.n), 0), IFNULL(MAX(p.open), 0), MAX(rs.user_id IS NOT NULL) "
		"FROM exams e JOIN role_holdings rh ON FIND_IN_SET(rh.role, e.audience) AND rh.active = 1 "
		" AND rh.work_from <= CURDATE() AND (rh.work_to IS NULL OR rh.work_to >= CURDATE()) "
		"JOIN users u ON u.id = rh.user_id JOIN locations l ON l.id = rh.location_id LEFT JOIN locations pl ON pl.id = e.place_id "
		"LEFT JOIN (SELECT user_id, MAX(passed) AS passed, COUNT(*) AS n, MAX(state IN ('inprogress','overdue')) AS open "
		" FROM exam_attempts WHERE exam_id = (SELECT id FROM exams WHERE code = ?) GROUP BY user_id) p ON p.user_id = rh.user_id "
		"LEFT JOIN exam_resets rs ON rs.exam_id = e.id AND rs.user_id = u.id "
		"WHERE e.code = ? AND l.path LIKE CONCAT(?, '%') AND (pl.id IS NULL OR l.path LIKE CONCAT(pl.path, '%')) "
		"AND IFNULL(p.passed, 0) = 0 GROUP BY u.id ORDER BY 4, 1 LIMIT 1000",
		"sss", code, code, path);
}

int exam_distribution(struct arena *a, const char *code, const char *path, long bands[10])
{
	/* each person's graded result once (highest or last, as the exam
	 * grades), people with a holding under path */
	struct dbres *r = db_query(a,
		"SELECT LEAST(FLOOR(g.pct / 10), 9), COUNT(*) FROM (SELECT x.user_id, IF(e.grading = 'highest', MAX(x.pct), "
		" SUBSTRING_INDEX(GROUP_CONCAT(x.pct ORDER BY x.attempt_no DESC), ',', 1) + 0) AS pct "
		" FROM exam_attempts x JOIN exams e ON e.id = x.exam_id WHERE e.code = ? AND x.state = 'finished' "
		" AND EXISTS (SELECT 1 FROM role_holdings rh JOIN locations l ON l.id = rh.location_id WHERE rh.user_id = x.user_id "
		"  AND rh.active = 1 AND l.path LIKE CONCAT(?, '%')) GROUP BY x.user_id) g GROUP BY 1",
		"ss", code, path);
	if (!r)
		return -1;
	memset(bands, 0, 10 * sizeof *bands);
	for (size_t i = 0; i < r->nrows; i++)
		if (db_int(r, i, 0) >= 0 && db_int(r, i, 0) < 10)
			bands[db_int(r, i, 0)] = (long)db_int(r, i, 1);
	return 0;
}

int exam_item_analysis(struct arena *a, const char *code, struct exam_item **items, size_t *n)
{
	/* rows: question, key, version, marks, attempt score, item mark;
	 * first finished attempts only, as Moodle's statistics default */
	struct dbres *r = db_query(a,
		"SELECT q.id, q.qkey, q.version, q.marks, at.score, ea.mark FROM exam_attempts at JOIN exams e ON e.id = at.exam_id "
		"JOIN exam_answers ea ON ea.attempt_id = at.id JOIN questions q ON q.id = ea.question_id "
		"WHERE e.code = ? AND at.state = 'finished' AND at.attempt_no = 1 ORDER BY q.id", "s", code);
	if (!r)
		return -1;
	*items = arena_alloc(a, (r->nrows + 1) * sizeof **items);
	*n = 0;
	for (size_t i = 0; i < r->nrows;) {
		size_t j = i;
		double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0, marks = dec(db_val(r, i, 3));
		for (; j < r->nrows && db_int(r, j, 0) == db_int(r, i, 0); j++) {
			double x = dec(db_val(r, j, 5)), y = dec(db_val(r, j, 4)) - x;	/* the rest of the test */
			sx += x, sy += y, sxx += x * x, syy += y * y, sxy += x * y;
		}
		double k = (double)(j - i);
		double cov = sxy / k - (sx / k) * (sy / k), vx = sxx / k - (sx / k) * (sx / k), vy = syy / k - (sy / k) * (sy / k);
		struct exam_item *it = &(*items)[(*n)++];
		it->qkey = db_val(r, i, 1);
		it->version = (long)db_int(r, i, 2);
		it->n = (long)k;
		it->facility = marks > 0 ? 100 * (sx / k) / marks : 0;
		it->discrimination = vx > 1e-12 && vy > 1e-12 ? 100 * cov / sqrt(vx * vy) : 0;
		i = j;
	}
	return 0;
}
