/*
 * page_exam.c — the online exam's pages and JSON API (exam.h decides and
 * writes; this file only translates).
 *
 * One question per page, plain forms: a candidate needs no JavaScript.
 * Where it is on, static/exam.js counts down to the server's deadline
 * (the page carries the seconds left); the server refuses a save after
 * the deadline whatever the page shows.  Attempts are addressed by the
 * exam's code and the candidate's own attempt number, so nobody can name
 * another person's attempt.
 */
#include "pages.h"
#include "apiutil.h"
#include "config.h"
#include "db.h"
#include "exam.h"
#include "json.h"
#include "tmpl.h"
#include "user.h"

#include <stdlib.h>
#include <string.h>

static bool is_hi(const struct req *r)
{
	return str_eq(r->lang, "hi");
}

/* The attempt number in the path (second parameter), or 0. */
static long path_no(struct req *r)
{
	long n;
	return parse_long(rp(r, 1), 1, 1000, &n) ? n : 0;
}

/* ---- the candidate's pages ---- */

/* GET /exams */
int page_exams(struct req *r)
{
	struct dbres *l = exam_list_for(r->a, r->user);
	if (!l)
		return 503;
	static const char *const cols[] = { "code", "title_en", "title_hi", "opens_at", "closes_at", "time_limit_s", "pass_pct",
					    "max_attempts", "open", "attempts", "open_no", "grade", "passed", "certificate", "audience",
					    "place", "venue", NULL };
	hset_rows(r, "Exams", l, cols);
	for (size_t i = 0; i < l->nrows; i++) {
		hset(r, arena_printf(r->a, "Exams.%zu.title", i), db_val(l, i, is_hi(r) ? 2 : 1));
		hset(r, arena_printf(r->a, "Exams.%zu.closes", i), date_long(r->a, db_val(l, i, 4), r->lang));
		hset_int(r, arena_printf(r->a, "Exams.%zu.minutes", i), db_int(l, i, 5) / 60);
	}
	return tmpl_render(r, "exams.cs");
}

/* POST /exams/:code/start */
int page_exam_start(struct req *r)
{
	struct outcome o;
	struct exam_attempt_ref ref;
	out_init(&o, r->a);
	if (exam_start(r->a, &r->actor, rp(r, 0), req_form(r, "venue_code"), r->user_agent, &ref, &o) != 0) {
		int st = page_outcome(r, &o);
		if (st != 422)
			return st;
		hset(r, "Form.exam", rp(r, 0));	/* the error goes beside this exam's venue code */
		r->status = 422;
		return page_exams(r);
	}
	resp_redirect(r, arena_printf(r->a, "/exams/%s/attempt/%ld", rp(r, 0), ref.attempt_no));
	return 0;
}

/* The attempt's common data (Att.*): 404 when the user has no such attempt. */
static int attempt_hdf(struct req *r, struct dbres **att)
{
	struct dbres *t = exam_attempt_get(r->a, r->user->id, rp(r, 0), path_no(r));
	if (!t)
		return 503;
	if (t->nrows != 1)
		return 404;
	*att = t;
	hset(r, "Att.code", rp(r, 0));
	hset_int(r, "Att.no", path_no(r));
	hset(r, "Att.state", db_val(t, 0, 1));
	hset(r, "Att.title", db_val(t, 0, is_hi(r) ? 13 : 12));
	hset(r, "Att.deadline", date_long(r->a, db_val(t, 0, 4), r->lang));
	hset_int(r, "Att.secs_left", db_int(t, 0, 5) > 0 ? db_int(t, 0, 5) : 0);
	hset(r, "Att.time_up", db_int(t, 0, 5) < 0 ? "1" : "");
	hset_int(r, "Att.slots", db_int(t, 0, 16));
	hset(r, "Att.score", db_val(t, 0, 6));
	hset(r, "Att.max_score", db_val(t, 0, 7));
	hset(r, "Att.pct", db_val(t, 0, 8));
	hset(r, "Att.passed", db_int(t, 0, 9) == 1 ? "1" : "");
	hset(r, "Att.certificate", db_val(t, 0, 10));
	hset(r, "Att.refresher", db_int(t, 0, 11) == 1 ? "1" : "");
	hset(r, "Att.pass_pct", db_val(t, 0, 14));
	hset(r, "Att.seq", str_eq(db_val(t, 0, 15), "seq") ? "1" : "");
	return 0;
}

/* The summary before submitting: each slot answered or not. */
static int summary_hdf(struct req *r, long attempt)
{
	struct dbres *s = exam_slots(r->a, attempt);
	if (!s)
		return 503;
	for (size_t i = 0; i < s->nrows; i++) {
		hset_int(r, arena_printf(r->a, "Slots.%zu.n", i), (long long)i + 1);
		hset_int(r, arena_printf(r->a, "Slots.%zu.slot", i), (long long)i);
		hset(r, arena_printf(r->a, "Slots.%zu.answered", i), db_val(s, i, 1) ? "1" : "");
	}
	hset(r, "Summary", "1");
	return 0;
}

/* Is option k chosen in the canonical response "0,2"? */
static bool chosen(const char *resp, long k)
{
	char buf[8];
	snprintf(buf, sizeof buf, "%ld", k);
	size_t n = strlen(buf);
	for (const char *p = resp; p && *p;) {
		if (strncmp(p, buf, n) == 0 && (p[n] == ',' || p[n] == '\0'))
			return true;
		p = strchr(p, ',');
		p = p ? p + 1 : NULL;
	}
	return false;
}

/* Slot k of the attempt as the page shows it (Q.*): options in the frozen
 * order, each with its own index as the value sent back; seq: no
 * "previous". */
static int slot_hdf(struct req *r, long attempt, long slot, long slots, bool seq)
{
	struct dbres *q = exam_slot_get(r->a, attempt, slot);
	if (!q)
		return 503;
	if (q->nrows != 1)
		return 404;
	const char *err;
	const char *type = db_val(q, 0, 1), *resp = db_val(q, 0, 5);
	struct jval *opts = db_val(q, 0, 4) ? json_parse(r->a, db_val(q, 0, 4), q->lens[4], &err) : NULL;
	struct jval *order = db_val(q, 0, 6) ? json_parse(r->a, db_val(q, 0, 6), q->lens[6], &err) : NULL;
	hset(r, "Q.type", type);
	hset(r, "Q.body", db_val(q, 0, is_hi(r) ? 3 : 2));
	hset_int(r, "Q.slot", slot);
	hset_int(r, "Q.n", slot + 1);
	hset_int(r, "Q.prev", seq ? -1 : slot - 1);	/* sequential: no way back */
	hset_int(r, "Q.next", slot + 1 < slots ? slot + 1 : -1);
	hset(r, "Q.value", resp);
	for (size_t i = 0; order && order->type == J_ARR && opts && opts->type == J_ARR && i < order->n; i++) {
		long k;
		if (!json_is_int(order->kids[i], &k) || k < 0 || (size_t)k >= opts->n)
			continue;
		hset_int(r, arena_printf(r->a, "Q.opts.%zu.idx", i), k);
		hset(r, arena_printf(r->a, "Q.opts.%zu.label", i), json_get_str(opts->kids[k], is_hi(r) ? "hi" : "en"));
		hset(r, arena_printf(r->a, "Q.opts.%zu.checked", i), chosen(resp, k) ? "1" : "");
	}
	return 0;
}

/* A canonical response or answer of a question as words in the page's
 * language: the chosen options' labels, True/False, the number (and the
 * tolerance of a numeric answer); "" for none.  Arena string. */
static const char *answer_words(struct req *r, const char *type, const char *options, const char *canon)
{
	if (str_empty(canon))
		return "";
	if (str_eq(type, "tf"))
		return tmpl_str(r->lang, str_eq(canon, "true") ? "exam.true" : "exam.false");
	if (str_eq(type, "numeric")) {
		const char *colon = strchr(canon, ':');
		return colon && strtod(colon + 1, NULL) > 0 ? arena_printf(r->a, "%.*s (± %s)", (int)(colon - canon), canon, colon + 1)
		       : colon ? arena_strndup(r->a, canon, (size_t)(colon - canon)) : canon;
	}
	const char *err;
	struct jval *opts = options ? json_parse(r->a, options, strlen(options), &err) : NULL;
	struct sbuf b;
	sbuf_init(&b);
	char *copy = arena_strdup(r->a, canon), *save = NULL;
	for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		long k;
		if (opts && opts->type == J_ARR && parse_long(t, 0, (long)opts->n - 1, &k))
			sbuf_printf(&b, "%s%s", b.len ? "; " : "", json_get_str(opts->kids[k], is_hi(r) ? "hi" : "en"));
	}
	char *out = arena_strdup(r->a, b.data ? b.data : "");
	sbuf_free(&b);
	return out;
}

/* A finished attempt's questions with the candidate's and the right
 * answers (Review.*), when the exam's review policy allows it now. */
static int review_hdf(struct req *r, long attempt)
{
	struct dbres *v = exam_review(r->a, attempt);
	if (!v)
		return 503;
	for (size_t i = 0; i < v->nrows; i++) {
		const char *type = db_val(v, i, 1), *opts = db_val(v, i, 4), *p = arena_printf(r->a, "Review.%zu.", i);
		hset_int(r, arena_printf(r->a, "%sn", p), (long long)i + 1);
		hset(r, arena_printf(r->a, "%sbody", p), db_val(v, i, is_hi(r) ? 3 : 2));
		hset(r, arena_printf(r->a, "%syours", p), answer_words(r, type, opts, db_val(v, i, 5)));
		hset(r, arena_printf(r->a, "%sright", p), answer_words(r, type, opts, db_val(v, i, 6)));
		hset(r, arena_printf(r->a, "%smark", p), db_val(v, i, 7));
		hset(r, arena_printf(r->a, "%smarks", p), db_val(v, i, 8));
	}
	return 0;
}

/* GET /exams/:code/attempt/:n[?q=K|?q=review] */
int page_exam_attempt(struct req *r)
{
	struct dbres *t;
	int st = attempt_hdf(r, &t);
	if (st)
		return st;
	long attempt = (long)db_int(t, 0, 0), slots = (long)db_int(t, 0, 16);
	const char *q = req_query(r, "q");
	long slot = 0;
	bool seq = str_eq(db_val(t, 0, 15), "seq");
	if (str_eq(db_val(t, 0, 1), "finished") || str_eq(db_val(t, 0, 1), "abandoned"))
		st = db_int(t, 0, 18) == 1 ? review_hdf(r, attempt) : 0;
	else if (str_eq(q, "review") || db_int(t, 0, 5) < 0 || (seq && db_int(t, 0, 17) >= slots))
		st = summary_hdf(r, attempt);
	else if (seq)	/* whatever ?q= says: the slot reached */
		st = slot_hdf(r, attempt, (long)db_int(t, 0, 17), slots, true);
	else if (!str_empty(q) && !parse_long(q, 0, slots - 1, &slot))
		return 404;
	else
		st = slot_hdf(r, attempt, slot, slots, false);
	if (st)
		return st;
	hset(r, "Page.exam_js", "1");
	return tmpl_render(r, "exam_attempt.cs");
}

/* The response a page form sends for one question: the checked options
 * joined ("0,2"), or the one value. */
static const char *form_response(struct req *r)
{
	const char *vals[16];
	size_t n = req_form_all(r, "answer", vals, 16);
	if (n <= 1)
		return n ? vals[0] : "";
	struct sbuf b;
	sbuf_init(&b);
	for (size_t i = 0; i < n; i++)
		sbuf_printf(&b, "%s%s", i ? "," : "", vals[i]);
	char *s = arena_strdup(r->a, b.data);
	sbuf_free(&b);
	return s;
}

/* POST /exams/:code/attempt/:n {slot, answer..., go=next|prev|review} */
int page_exam_save(struct req *r)
{
	long slot;
	if (!parse_long(req_form(r, "slot"), 0, 1000, &slot))
		return 400;
	struct outcome o;
	out_init(&o, r->a);
	if (exam_save(r->a, &r->actor, rp(r, 0), path_no(r), slot, form_response(r), &o) != 0) {
		int st = page_outcome(r, &o);
		if (st != 422)
			return st;
		struct dbres *t;
		if ((st = attempt_hdf(r, &t)) != 0 || (st = slot_hdf(r, (long)db_int(t, 0, 0), slot, (long)db_int(t, 0, 16),
								     str_eq(db_val(t, 0, 15), "seq"))) != 0)
			return st;
		r->status = 422;
		return tmpl_render(r, "exam_attempt.cs");
	}
	const char *go = req_form(r, "go");
	const char *base = arena_printf(r->a, "/exams/%s/attempt/%ld", rp(r, 0), path_no(r));
	resp_redirect(r, str_eq(go, "review") ? arena_printf(r->a, "%s?q=review", base)
			 : str_eq(go, "prev") && slot > 0 ? arena_printf(r->a, "%s?q=%ld", base, slot - 1)
			 : str_eq(go, "stay") ? arena_printf(r->a, "%s?q=%ld", base, slot)
			 : arena_printf(r->a, "%s?q=%ld", base, slot + 1));
	return 0;
}

/* POST /exams/:code/attempt/:n/submit */
int page_exam_submit(struct req *r)
{
	struct outcome o;
	struct exam_result res;
	out_init(&o, r->a);
	if (exam_submit(r->a, &r->actor, rp(r, 0), path_no(r), &res, &o) != 0)
		return page_outcome(r, &o);
	resp_redirect(r, arena_printf(r->a, "/exams/%s/attempt/%ld", rp(r, 0), path_no(r)));
	return 0;
}

/* ---- administration ---- */

/* GET /admin/exams */
int page_admin_exams(struct req *r)
{
	struct dbres *l = db_query(r->a, "SELECT e.code, e.title_en, e.title_hi, e.opens_at, e.closes_at, e.audience, "
					 "(SELECT COUNT(*) FROM exam_attempts a WHERE a.exam_id = e.id), "
					 "(SELECT COUNT(*) FROM exam_attempts a WHERE a.exam_id = e.id AND a.passed = 1) "
					 "FROM exams e ORDER BY e.opens_at DESC", NULL);
	if (!l)
		return 503;
	static const char *const cols[] = { "code", "title_en", "title_hi", "opens_at", "closes_at", "audience", "attempts", "passed", NULL };
	hset_rows(r, "Exams", l, cols);
	for (size_t i = 0; i < l->nrows; i++)
		hset(r, arena_printf(r->a, "Exams.%zu.title", i), db_val(l, i, is_hi(r) ? 2 : 1));
	hset(r, "Imported", req_query(r, "imported") ? "1" : "");
	return tmpl_render(r, "admin_exams.cs");
}

/* POST /admin/exams {json} — import a bank and exams from the form's text or file */
int page_admin_exams_import(struct req *r)
{
	const struct upload *u = req_upload(r, "file");
	const char *text = u && u->len ? arena_strndup(r->a, (const char *)u->data, u->len) : req_form(r, "json");
	struct outcome o;
	struct exam_import_res res;
	out_init(&o, r->a);
	if (exam_import(r->a, &r->actor, text, text ? strlen(text) : 0, &res, &o) != 0) {
		if (o.status != 422)
			return page_outcome(r, &o);
		/* the problems name places in the document ("questions.3.answer"):
		 * listed above the form rather than beside inputs */
		for (size_t i = 0; i < o.nerrs; i++) {
			hset(r, arena_printf(r->a, "Problems.%zu.field", i), o.errs[i].field);
			hset(r, arena_printf(r->a, "Problems.%zu.text", i), tmpl_str_n(r->a, r->lang, o.errs[i].key, o.errs[i].arg));
		}
		r->status = 422;
		hset(r, "Form.val.json", text);
		return page_admin_exams(r);
	}
	resp_redirect(r, arena_printf(r->a, "/admin/exams?imported=%ld", res.questions + res.exams + res.categories));
	return 0;
}

/* One exam's report for the caller, at one place. */
struct report {
	long place;			/* the place reported on (locations.id), 0 = the whole state */
	const char *place_name;		/* its name in the caller's language, or NULL */
	long up;			/* the place above it the caller may see, or -1 */
	struct dbres *roles, *places;	/* exam_report_groups by role, by child place */
	struct dbres *missing;		/* exam_not_passed */
	long bands[10];			/* exam_distribution */
	struct exam_item *items;	/* exam_item_analysis */
	size_t nitems;
};

/* Loads the report of exam rp(r, 0) at ?place= (a location id): the
 * state admin anywhere (default: by district), a DI or BI only in the
 * area of a DI/BI holding (default: that area; 403 elsewhere).  0, or an
 * HTTP status. */
static int report_load(struct req *r, struct report *rep)
{
	const char *code = rp(r, 0);
	memset(rep, 0, sizeof *rep);
	rep->up = -1;
	if (!db_scalar(r->a, "SELECT id FROM exams WHERE code = ?", "s", code))
		return 404;
	bool sa = user_has(r->user, ROLE_STATE_ADMIN);
	const char *q = req_query(r, "place");
	long place = 0;
	if (!str_empty(q) && !parse_long(q, 1, 2000000000, &place))
		return 404;
	for (size_t i = 0; !sa && !place && i < r->user->nh; i++)
		if (r->user->h[i].role == ROLE_DI || r->user->h[i].role == ROLE_BI)
			place = r->user->h[i].location_id;	/* a DI/BI starts at the own area */
	const char *path = "/";
	if (place) {
		struct dbres *l = db_query(r->a, "SELECT path, name_en, name_hi, IFNULL(parent_id, 0) FROM locations WHERE id = ?", "i",
					   (long long)place);
		if (!l)
			return 503;
		if (l->nrows != 1)
			return 404;
		path = db_val(l, 0, 0);
		if (!sa && !juris_holding(r->user, RB(ROLE_DI) | RB(ROLE_BI), 0, path, 0))
			return 403;
		rep->place_name = db_val(l, 0, is_hi(r) ? 2 : 1);
		long up = (long)db_int(l, 0, 3);
		const char *up_path = up ? db_scalar(r->a, "SELECT path FROM locations WHERE id = ?", "i", (long long)up) : NULL;
		if (sa || (up_path && juris_holding(r->user, RB(ROLE_DI) | RB(ROLE_BI), 0, up_path, 0)))
			rep->up = sa && !up_path ? 0 : up;
	} else if (!sa) {
		return 403;
	}
	rep->place = place;
	rep->roles = exam_report_groups(r->a, code, true, place, path);
	rep->places = exam_report_groups(r->a, code, false, place, path);
	rep->missing = exam_not_passed(r->a, code, path);
	if (!rep->roles || !rep->places || !rep->missing || exam_distribution(r->a, code, path, rep->bands) != 0 ||
	    exam_item_analysis(r->a, code, &rep->items, &rep->nitems) != 0)
		return 503;
	return 0;
}

/* An exam's report into HDF: Report.*, Roles, Places, Missing, Bands, Items. */
static int report_hdf(struct req *r)
{
	struct report rep;
	int st = report_load(r, &rep);
	if (st)
		return st;
	static const char *const gcols[] = { "id", "name", "people", "passed", "failed", "open", NULL };
	static const char *const mcols[] = { "username", "name", "roles", "place", "attempts", "open", "reset", NULL };
	hset_int(r, "Report.place", rep.place);
	hset(r, "Report.place_name", rep.place_name);
	if (rep.up >= 0)
		hset(r, "Report.up", rep.up ? arena_printf(r->a, "?place=%ld", rep.up) : "?");
	hset(r, "Report.can_reset", user_has(r->user, ROLE_DI) ? "1" : "");
	hset_rows(r, "Roles", rep.roles, gcols);
	for (size_t i = 0; i < rep.roles->nrows; i++)
		hset(r, arena_printf(r->a, "Roles.%zu.name", i), tmpl_str(r->lang, arena_printf(r->a, "role.%s", db_val(rep.roles, i, 0))));
	hset_rows(r, "Places", rep.places, gcols);
	hset_rows(r, "Missing", rep.missing, mcols);
	for (int k = 0; k < 10; k++) {
		hset(r, arena_printf(r->a, "Bands.%d.range", k), arena_printf(r->a, "%d–%d%%", k * 10, k == 9 ? 100 : k * 10 + 9));
		hset_int(r, arena_printf(r->a, "Bands.%d.n", k), rep.bands[k]);
	}
	for (size_t i = 0; i < rep.nitems; i++) {
		hset(r, arena_printf(r->a, "Items.%zu.key", i), rep.items[i].qkey);
		hset_int(r, arena_printf(r->a, "Items.%zu.version", i), rep.items[i].version);
		hset_int(r, arena_printf(r->a, "Items.%zu.n", i), rep.items[i].n);
		hsetf(r, arena_printf(r->a, "Items.%zu.facility", i), "%.1f", rep.items[i].facility);
		hsetf(r, arena_printf(r->a, "Items.%zu.discrimination", i), "%.1f", rep.items[i].discrimination);
	}
	return 0;
}

/* GET /admin/exams/:code and /exams/:code/report[?place=ID] */
int page_admin_exam(struct req *r)
{
	struct dbres *t = db_query(r->a, "SELECT title_en, title_hi FROM exams WHERE code = ?", "s", rp(r, 0));
	if (!t)
		return 503;
	if (t->nrows != 1)
		return 404;
	hset(r, "Exam.code", rp(r, 0));
	hset(r, "Exam.title", db_val(t, 0, is_hi(r) ? 1 : 0));
	hset(r, "Exam.admin", user_has(r->user, ROLE_STATE_ADMIN) ? "1" : "");
	hset(r, "Done", req_query(r, "reset"));
	int st = report_hdf(r);
	return st ? st : tmpl_render(r, "admin_exam.cs");
}

/* POST /exams/:code/reset {user, reason, place} — a DI's reset from the report page */
int page_exam_reset(struct req *r)
{
	struct outcome o;
	out_init(&o, r->a);
	long place;
	const char *back = parse_long(req_form(r, "place"), 1, 2000000000, &place)
			   ? arena_printf(r->a, "/exams/%s/report?place=%ld&", rp(r, 0), place)
			   : arena_printf(r->a, "/exams/%s/report?", rp(r, 0));
	if (exam_reset(r->a, &r->actor, rp(r, 0), req_form(r, "user"), req_form(r, "reason"), &o) != 0)
		return page_outcome(r, &o);
	resp_redirect(r, arena_printf(r->a, "%sreset=1", back));
	return 0;
}

/* ---- JSON API ---- */

static const struct api_col exam_row_cols[] = {
	{"code", 0, AK_STR},
	{"title_en", 1, AK_STR},
	{"title_hi", 2, AK_STR},
	{"opens_at", 3, AK_TIME},
	{"closes_at", 4, AK_TIME},
	{"time_limit_s", 5, AK_INT},
	{"pass_pct", 6, AK_STR},
	{"max_attempts", 7, AK_INT},
};

/* GET /api/v1/exams */
int api_exams(struct req *r)
{
	struct dbres *l = exam_list_for(r->a, r->user);
	if (!l)
		return 503;
	struct sbuf b;
	struct jw w;
	api_list_open(&b, &w);
	for (size_t i = 0; i < l->nrows; i++) {
		jw_obj(&w);
		API_COLS(r->a, &w, l, i, exam_row_cols);
		jw_kbool(&w, "open", db_int(l, i, 8) == 1);
		jw_kint(&w, "attempts", db_int(l, i, 9));
		jw_key(&w, "open_attempt");
		if (db_val(l, i, 10))
			jw_int(&w, db_int(l, i, 10));
		else
			jw_null(&w);
		jw_kstr(&w, "grade_pct", db_val(l, i, 11));
		jw_kbool(&w, "passed", db_int(l, i, 12) == 1);
		jw_kstr(&w, "certificate", db_val(l, i, 13));
		jw_obj_end(&w);
	}
	return api_list_send(r, &b, &w, NULL);
}

static const struct api_col review_cols[] = {
	{"slot", 0, AK_INT},
	{"type", 1, AK_STR},
	{"body_en", 2, AK_STR},
	{"body_hi", 3, AK_STR},
	{"response", 5, AK_STR},
	{"answer", 6, AK_STR},
	{"mark", 7, AK_STR},
	{"marks", 8, AK_STR},
};

/* "review": the finished attempt's questions with the response, the
 * right answer (both canonical) and the marks.  0 or -1. */
static int review_json(struct req *r, struct jw *w, long attempt)
{
	struct dbres *v = exam_review(r->a, attempt);
	if (!v)
		return -1;
	jw_key(w, "review");
	jw_arr(w);
	API_ROWS(r->a, w, v, review_cols);
	jw_arr_end(w);
	return 0;
}

static const struct api_col attempt_head_cols[] = {
	{"attempt", 2, AK_INT},
	{"state", 1, AK_STR},
	{"started_at", 3, AK_TIME},
	{"deadline_at", 4, AK_TIME},
};

static const struct api_col attempt_result_cols[] = {
	{"score", 6, AK_STR},
	{"max_score", 7, AK_STR},
	{"pct", 8, AK_STR},
};

static const struct api_col slot_question_cols[] = {
	{"type", 1, AK_STR},
	{"body_en", 2, AK_STR},
	{"body_hi", 3, AK_STR},
};

/* The attempt as JSON: state, deadline, result, and (open) every slot
 * with its question in the frozen option order and the saved response. */
static int attempt_json(struct req *r, int status)
{
	struct dbres *t = exam_attempt_get(r->a, r->user->id, rp(r, 0), path_no(r));
	if (!t)
		return 503;
	if (t->nrows != 1)
		return 404;
	long attempt = (long)db_int(t, 0, 0), slots = (long)db_int(t, 0, 16);
	bool open = str_eq(db_val(t, 0, 1), "inprogress") || str_eq(db_val(t, 0, 1), "overdue");
	struct sbuf b;
	struct jw w;
	sbuf_init(&b);
	jw_init(&w, &b);
	jw_obj(&w);
	jw_kstr(&w, "exam", rp(r, 0));
	API_COLS(r->a, &w, t, 0, attempt_head_cols);
	jw_kint(&w, "seconds_left", open && db_int(t, 0, 5) > 0 ? db_int(t, 0, 5) : 0);
	API_COLS(r->a, &w, t, 0, attempt_result_cols);
	jw_key(&w, "passed");
	if (db_val(t, 0, 9))
		jw_bool(&w, db_int(t, 0, 9) == 1);
	else
		jw_null(&w);
	jw_kstr(&w, "certificate", db_val(t, 0, 10));
	jw_kbool(&w, "refresher", db_int(t, 0, 11) == 1);
	bool seq = str_eq(db_val(t, 0, 15), "seq");
	jw_kstr(&w, "nav", db_val(t, 0, 15));
	if (seq)
		jw_kint(&w, "current_slot", db_int(t, 0, 17));
	jw_key(&w, "slots");
	jw_arr(&w);
	for (long k = 0; open && k < slots; k++) {
		if (seq && k != db_int(t, 0, 17))
			continue;	/* sequential: only the slot reached is shown */
		struct dbres *q = exam_slot_get(r->a, attempt, k);
		if (!q || q->nrows != 1) {
			sbuf_free(&b);
			return 503;
		}
		const char *err;
		struct jval *opts = db_val(q, 0, 4) ? json_parse(r->a, db_val(q, 0, 4), q->lens[4], &err) : NULL;
		struct jval *order = db_val(q, 0, 6) ? json_parse(r->a, db_val(q, 0, 6), q->lens[6], &err) : NULL;
		jw_obj(&w);
		jw_kint(&w, "slot", k);
		API_COLS(r->a, &w, q, 0, slot_question_cols);
		jw_key(&w, "options");
		jw_arr(&w);
		for (size_t i = 0; order && order->type == J_ARR && opts && opts->type == J_ARR && i < order->n; i++) {
			long idx;
			if (!json_is_int(order->kids[i], &idx) || idx < 0 || (size_t)idx >= opts->n)
				continue;
			jw_obj(&w);
			jw_kint(&w, "index", idx);
			jw_kstr(&w, "en", json_get_str(opts->kids[idx], "en"));
			jw_kstr(&w, "hi", json_get_str(opts->kids[idx], "hi"));
			jw_obj_end(&w);
		}
		jw_arr_end(&w);
		jw_kstr(&w, "response", db_val(q, 0, 5));
		jw_obj_end(&w);
	}
	jw_arr_end(&w);
	if (db_int(t, 0, 18) == 1 && review_json(r, &w, attempt) != 0) {
		sbuf_free(&b);
		return 503;
	}
	jw_obj_end(&w);
	return api_send(r, status, &b);
}

/* POST /api/v1/exams/:code/attempts — start, or the open attempt (200) */
int api_exam_start(struct req *r)
{
	struct outcome o;
	struct exam_attempt_ref ref;
	out_init(&o, r->a);
	struct jval *in = r->body_len ? api_body(r) : NULL;	/* {"venue_code"} when the exam has one */
	if (r->body_len && !in)
		return 400;
	if (exam_start(r->a, &r->actor, rp(r, 0), in ? json_get_str(in, "venue_code") : NULL, r->user_agent, &ref, &o) != 0)
		return page_outcome(r, &o);
	r->rp[1] = arena_printf(r->a, "%ld", ref.attempt_no);
	r->nrp = 2;
	return attempt_json(r, ref.resumed ? 200 : 201);
}

/* GET /api/v1/exams/:code/attempts/:n */
int api_exam_attempt(struct req *r)
{
	return attempt_json(r, 200);
}

/* POST /api/v1/exams/:code/attempts/:n/answers/:slot {response} */
int api_exam_answer(struct req *r)
{
	struct jval *in = api_body(r);
	long slot;
	if (!in)
		return 400;
	if (!parse_long(rp(r, 2), 0, 1000, &slot))
		return 404;
	const struct jval *v = json_get(in, "response");
	const char *resp = !v || v->type == J_NULL ? "" : v->type == J_STR || v->type == J_NUM ? v->str
			   : v->type == J_BOOL ? (v->b ? "true" : "false") : NULL;
	if (v && v->type == J_ARR) {	/* [0, 2] for a multiple choice */
		struct sbuf b;
		sbuf_init(&b);
		for (size_t i = 0; i < v->n; i++)
			sbuf_printf(&b, "%s%s", i ? "," : "", v->kids[i]->type == J_NUM ? v->kids[i]->str : "x");
		resp = arena_strdup(r->a, b.data ? b.data : "");
		sbuf_free(&b);
	}
	struct outcome o;
	out_init(&o, r->a);
	if (exam_save(r->a, &r->actor, rp(r, 0), path_no(r), slot, resp, &o) != 0) {
		if (o.key && str_eq(o.key, "exam.deadline_passed"))
			o.code = "deadline_passed";
		return page_outcome(r, &o);
	}
	return api_ok(r, 200, "{\"saved\":true}");
}

/* POST /api/v1/exams/:code/attempts/:n/submit */
int api_exam_submit(struct req *r)
{
	struct outcome o;
	struct exam_result res;
	out_init(&o, r->a);
	if (exam_submit(r->a, &r->actor, rp(r, 0), path_no(r), &res, &o) != 0)
		return page_outcome(r, &o);
	struct sbuf b;
	struct jw w;
	sbuf_init(&b);
	jw_init(&w, &b);
	jw_obj(&w);
	jw_kstr(&w, "state", "finished");
	jw_kstr(&w, "score", res.score);
	jw_kstr(&w, "max_score", res.max_score);
	jw_kstr(&w, "pct", res.pct);
	jw_kbool(&w, "passed", res.passed);
	jw_kbool(&w, "refresher", res.refresher);
	jw_key(&w, "certificate");
	if (res.certificate) {
		jw_obj(&w);
		jw_kstr(&w, "number", res.certificate);
		jw_kstr(&w, "verify_url", res.verify_url);
		jw_obj_end(&w);
	} else {
		jw_null(&w);
	}
	jw_obj_end(&w);
	return api_send(r, 200, &b);
}

/* POST /api/v1/admin/exams/import (the bank JSON as the body) */
int api_exam_import(struct req *r)
{
	struct outcome o;
	struct exam_import_res res;
	out_init(&o, r->a);
	if (exam_import(r->a, &r->actor, r->body, r->body_len, &res, &o) != 0)
		return page_outcome(r, &o);
	struct sbuf b;
	struct jw w;
	sbuf_init(&b);
	jw_init(&w, &b);
	jw_obj(&w);
	jw_kint(&w, "categories", res.categories);
	jw_kint(&w, "questions", res.questions);
	jw_kint(&w, "exams", res.exams);
	jw_obj_end(&w);
	return api_send(r, 200, &b);
}

static const struct api_col group_cols[] = {
	{"name", 1, AK_STR},
	{"people", 2, AK_INT},
	{"passed", 3, AK_INT},
	{"failed", 4, AK_INT},
	{"in_progress", 5, AK_INT},
};

/* Writes groups g as a JSON array under key; the group's id as idkey. */
static void groups_json(struct jw *w, const char *key, const char *idkey, const struct dbres *g)
{
	jw_key(w, key);
	jw_arr(w);
	for (size_t i = 0; i < g->nrows; i++) {
		jw_obj(w);
		jw_kstr(w, idkey, db_val(g, i, 0));
		API_COLS(NULL, w, g, i, group_cols);
		jw_obj_end(w);
	}
	jw_arr_end(w);
}

static const struct api_col exam_report_cols[] = {
	{"user", 0, AK_STR},
	{"name", 1, AK_STR},
	{"roles", 2, AK_STR},
	{"place", 3, AK_STR},
	{"attempts", 4, AK_INT},
};

/* GET /api/v1/admin/exams/:code/report and /api/v1/exams/:code/report[?place=ID] */
int api_exam_report(struct req *r)
{
	struct report rep;
	int st = report_load(r, &rep);
	if (st)
		return st;
	struct sbuf b;
	struct jw w;
	sbuf_init(&b);
	jw_init(&w, &b);
	jw_obj(&w);
	jw_key(&w, "place");
	if (rep.place)
		jw_int(&w, rep.place);
	else
		jw_null(&w);
	jw_kstr(&w, "place_name", rep.place_name);
	groups_json(&w, "by_role", "role", rep.roles);
	groups_json(&w, "by_place", "id", rep.places);
	jw_key(&w, "not_passed");
	jw_arr(&w);
	for (size_t i = 0; i < rep.missing->nrows; i++) {
		jw_obj(&w);
		API_COLS(r->a, &w, rep.missing, i, exam_report_cols);
		jw_kbool(&w, "attempt_open", db_int(rep.missing, i, 5) == 1);
		jw_kbool(&w, "reset", db_int(rep.missing, i, 6) == 1);
		jw_obj_end(&w);
	}
	jw_arr_end(&w);
	jw_key(&w, "distribution");
	jw_arr(&w);
	for (int k = 0; k < 10; k++)
		jw_int(&w, rep.bands[k]);
	jw_arr_end(&w);
	jw_key(&w, "items");
	jw_arr(&w);
	for (size_t i = 0; i < rep.nitems; i++) {
		jw_obj(&w);
		jw_kstr(&w, "question", rep.items[i].qkey);
		jw_kint(&w, "version", rep.items[i].version);
		jw_kint(&w, "attempts", rep.items[i].n);
		jw_key(&w, "facility");
		jw_raw(&w, arena_printf(r->a, "%.1f", rep.items[i].facility));
		jw_key(&w, "discrimination");
		jw_raw(&w, arena_printf(r->a, "%.1f", rep.items[i].discrimination));
		jw_obj_end(&w);
	}
	jw_arr_end(&w);
	jw_obj_end(&w);
	return api_send(r, 200, &b);
}

/* ---- per-person overrides and the DI's reset ---- */

/* GET /admin/exams/:code/overrides */
int page_exam_overrides(struct req *r)
{
	struct dbres *t = db_query(r->a, "SELECT title_en, title_hi FROM exams WHERE code = ?", "s", rp(r, 0));
	struct dbres *o = t ? exam_overrides_get(r->a, rp(r, 0)) : NULL;
	if (!o)
		return 503;
	if (t->nrows != 1)
		return 404;
	static const char *const cols[] = { "username", "name", "time_limit_s", "max_attempts", "closes_at", "reason", "set_at", NULL };
	hset_rows(r, "Overrides", o, cols);
	for (size_t i = 0; i < o->nrows; i++)
		if (db_val(o, i, 2))
			hset_int(r, arena_printf(r->a, "Overrides.%zu.minutes", i), db_int(o, i, 2) / 60);
	hset(r, "Exam.code", rp(r, 0));
	hset(r, "Exam.title", db_val(t, 0, is_hi(r) ? 1 : 0));
	hset(r, "Saved", req_query(r, "saved"));
	return tmpl_render(r, "exam_overrides.cs");
}

/* A whole number typed in a form (blank = 0), or -1 when it is not one. */
static long form_count(struct req *r, const char *name)
{
	const char *v = req_form(r, name);
	long n;
	return str_empty(v) ? 0 : parse_long(v, 0, 100000, &n) ? n : -1;
}

/* POST /admin/exams/:code/overrides {users, time_limit_min, max_attempts, closes_at, reason} */
int page_exam_overrides_post(struct req *r)
{
	long minutes = form_count(r, "time_limit_min"), n;
	struct exam_override_in in = { .users = req_form(r, "users"), .time_limit_s = minutes > 0 ? minutes * 60 : minutes,
				       .max_attempts = form_count(r, "max_attempts"), .closes_at = req_form(r, "closes_at"),
				       .reason = req_form(r, "reason") };
	struct outcome o;
	out_init(&o, r->a);
	if (exam_override_set(r->a, &r->actor, rp(r, 0), &in, &n, &o) != 0) {
		/* the form names minutes where the domain names seconds */
		for (size_t i = 0; i < o.nerrs; i++)
			if (str_eq(o.errs[i].field, "time_limit_s"))
				o.errs[i].field = "time_limit_min";
		int st = page_outcome(r, &o);
		if (st != 422)
			return st;
		static const char *const keep[] = { "users", "time_limit_min", "max_attempts", "closes_at", "reason", NULL };
		form_keep(r, keep);
		r->status = 422;
		return page_exam_overrides(r);
	}
	resp_redirect(r, arena_printf(r->a, "/admin/exams/%s/overrides?saved=%ld", rp(r, 0), n));
	return 0;
}

/* POST /api/v1/admin/exams/:code/overrides {users: [..] or "a, b", time_limit_s, max_attempts, closes_at, reason} */
int api_exam_overrides(struct req *r)
{
	struct jval *in = api_body(r);
	if (!in)
		return 400;
	const struct jval *u = json_get(in, "users");
	const char *users = json_get_str(in, "users");
	if (u && u->type == J_ARR) {
		struct sbuf b;
		sbuf_init(&b);
		for (size_t i = 0; i < u->n; i++)
			sbuf_printf(&b, "%s%s", i ? "," : "", u->kids[i]->type == J_STR ? u->kids[i]->str : "?");
		users = arena_strdup(r->a, b.data ? b.data : "");
		sbuf_free(&b);
	}
	struct exam_override_in o_in = { .users = users, .closes_at = json_get_str(in, "closes_at"), .reason = json_get_str(in, "reason") };
	if (json_get(in, "time_limit_s") && !json_get_long(in, "time_limit_s", &o_in.time_limit_s))
		o_in.time_limit_s = -1;	/* not a whole number: refused by the range check */
	if (json_get(in, "max_attempts") && !json_get_long(in, "max_attempts", &o_in.max_attempts))
		o_in.max_attempts = -1;
	long n;
	struct outcome o;
	out_init(&o, r->a);
	if (exam_override_set(r->a, &r->actor, rp(r, 0), &o_in, &n, &o) != 0)
		return page_outcome(r, &o);
	return api_send_int(r, 200, "people", n);
}

/* POST /api/v1/exams/:code/resets {user, reason} — a DI's one reset */
int api_exam_reset(struct req *r)
{
	struct jval *in = api_body(r);
	if (!in)
		return 400;
	struct outcome o;
	out_init(&o, r->a);
	if (exam_reset(r->a, &r->actor, rp(r, 0), json_get_str(in, "user"), json_get_str(in, "reason"), &o) != 0)
		return page_outcome(r, &o);
	return api_ok(r, 201, "{\"reset\":true}");
}
