/*
 * page_desk.c — the workflow player's desk: queues per (office, role) with
 * the Tatkal stack first and the FIFO stack after, "open next", the
 * application with its actions, and appeals for appellate officers; and
 * the same as JSON (/api/v1/desk/..., an application's actions, filing an
 * appeal).  The rules are workflow.c's (wf_*).
 */
#include "formview.h"
#include "pages.h"
#include "apiutil.h"
#include "application.h"
#include "cert.h"
#include "cert_render.h"
#include "db.h"
#include "lengths.h"
#include "tmpl.h"
#include "user.h"
#include "workflow.h"

#include <stdlib.h>
#include <string.h>

/* Sets Queues.N for every (office, role) the user plays. */
static void queues_to_hdf(struct req *r, bool with_rows)
{
	size_t k = 0;
	for (size_t i = 0; i < r->user->nh; i++) {
		const struct holding *h = &r->user->h[i];
		if (!h->office_id || !(RB(h->role) & RB_PLAYERS))
			continue;
		const char *p = arena_printf(r->a, "Queues.%zu", k++);
		hset_int(r, arena_printf(r->a, "%s.office", p), h->office_id);
		hset(r, arena_printf(r->a, "%s.office_name", p), str_eq(r->lang, "hi") && h->office_hi ? h->office_hi : h->office_en);
		hset(r, arena_printf(r->a, "%s.role", p), role_code(h->role));
		hset(r, arena_printf(r->a, "%s.role_name", p), tmpl_str(r->lang, arena_printf(r->a, "role.%s", role_code(h->role))));
		long head, nt_all, nf_all;
		/* the first 50 in serving order; "Show all" lists up to 500 */
		long shown = !with_rows ? 10 : req_query(r, "all") ? 500 : 50;
		struct dbres *q = wf_queue(r->a, &r->actor, h, shown, &head);
		if (wf_counts(r->a, h, &nt_all, &nf_all) != 0)
			continue;
		if (with_rows && q && nt_all + nf_all > (long)q->nrows)
			hset_int(r, arena_printf(r->a, "%s.more", p), nt_all + nf_all);
		size_t nt = 0, nf = 0;
		const char *stacks[2] = { arena_printf(r->a, "%s.fifo", p), arena_printf(r->a, "%s.tatkal", p) };
		struct row_key rk;
		for (size_t j = 0; q && j < q->nrows; j++) {
			bool tk = db_int(q, j, 3) == 1;
			row_key(&rk, stacks[tk], tk ? nt++ : nf++);
			row_set(r, &rk, "number", db_val(q, j, 1));
			row_set(r, &rk, "arrived", date_long(r->a, db_val(q, j, 4), r->lang));
			row_set(r, &rk, "due", date_long(r->a, db_val(q, j, 5), r->lang));
			row_set(r, &rk, "applicant", db_val(q, j, 10));
			long left = (long)db_int(q, j, 11);
			row_set(r, &rk, "left", arena_printf(r->a, "%ld", left));
			row_set(r, &rk, "sla", left < 0 ? "red" : left <= 1 ? "amber" : "green");
			if (db_int(q, j, 9) == 1)
				row_set(r, &rk, "claimed", db_int(q, j, 8) == r->user->id ? "me" : "other");
			if (db_int(q, j, 0) == head)
				row_set(r, &rk, "head", "1");
		}
		hset_int(r, arena_printf(r->a, "%s.n_tatkal", p), nt_all);
		hset_int(r, arena_printf(r->a, "%s.n_fifo", p), nf_all);
	}
	/* appeals waiting for this user */
	size_t na = 0;
	for (size_t i = 0; i < r->user->nh; i++) {
		const struct holding *h = &r->user->h[i];
		if (!h->office_id)
			continue;
		long dept = holding_dept(h);
		struct dbres *a = db_query(r->a, "SELECT ap.id, a.number, ap.level, DATE_FORMAT(ap.filed_at, '%Y-%m-%d') FROM appeals ap "
						 "JOIN applications a ON a.id = ap.app_id JOIN services s ON s.id = a.service_id "
						 "WHERE ap.office_id = ? AND ap.role = ? AND ap.status = 'pending' "
						 "AND (? = 0 OR s.department_id = ?) ORDER BY ap.filed_at", "isii", (long long)h->office_id,
					   role_code(h->role), (long long)dept, (long long)dept);
		for (size_t j = 0; a && j < a->nrows; j++) {
			const char *p = arena_printf(r->a, "Appeals.%zu", na++);
			hset(r, arena_printf(r->a, "%s.id", p), db_val(a, j, 0));
			hset(r, arena_printf(r->a, "%s.number", p), db_val(a, j, 1));
			hset(r, arena_printf(r->a, "%s.level", p), db_val(a, j, 2));
			hset(r, arena_printf(r->a, "%s.filed", p), date_long(r->a, db_val(a, j, 3), r->lang));
		}
	}
}

/* GET /desk */
int page_desk(struct req *r)
{
	queues_to_hdf(r, true);
	if (req_query(r, "empty"))
		hset(r, "Flash", tmpl_str(r->lang, "desk.empty"));
	if (req_query(r, "done"))
		hset(r, "Flash", tmpl_str(r->lang, "desk.done"));
	return tmpl_render(r, "desk.cs");
}

/* POST /desk/next — claim the head of a queue and open it */
int page_desk_next(struct req *r)
{
	long office;
	if (!parse_long(req_form(r, "office"), 1, 2000000000L, &office))
		return 400;
	const char *no;
	struct outcome out;
	out_init(&out, r->a);
	if (wf_next(r->a, &r->actor, office, req_form(r, "role"), &no, &out))
		return page_outcome(r, &out);
	resp_redirect(r, no ? arena_printf(r->a, "/desk/app/%s", no) : "/desk?empty=1");
	return 0;
}

/* Answers.N.label/value, one row per answer and one per row of a group
 * (whose Answers.N.parts.M.label/value are its row's answers), in lang, as
 * people read them (cert_answer_text); Flag.N.name/label the questions an
 * officer may ask to have corrected. */
static void answers_to_hdf(struct req *r, const struct svc *s, const char *stored)
{
	const char *err;
	struct jval *form = json_parse(r->a, stored, strlen(stored), &err);
	size_t n = 0;
	for (size_t i = 0; i < s->form.nfields; i++) {
		const struct field *f = &s->form.fields[i];
		const char *label = i18n_get(&f->label, r->lang);
		hset(r, arena_printf(r->a, "Flag.%zu.name", i), f->name);
		hset(r, arena_printf(r->a, "Flag.%zu.label", i), label);
		struct jval *v = json_get(form, f->name);
		if (f->type == FT_GROUP) {
			for (size_t k = 0; v && v->type == J_ARR && k < v->n; k++) {
				const char *p = arena_printf(r->a, "Answers.%zu", n++);
				hset(r, arena_printf(r->a, "%s.label", p), arena_printf(r->a, "%s (%zu)", label, k + 1));
				for (size_t m = 0; m < f->nsub; m++) {
					const char *t = cert_answer_text(r->a, &s->form, &f->sub[m], json_get(v->kids[k], f->sub[m].name), r->lang);
					const char *pp = arena_printf(r->a, "%s.parts.%zu", p, m);
					hset(r, arena_printf(r->a, "%s.label", pp), i18n_get(&f->sub[m].label, r->lang));
					hset(r, arena_printf(r->a, "%s.value", pp), t ? t : "—");
				}
			}
			continue;
		}
		const char *t = cert_answer_text(r->a, &s->form, f, v, r->lang);
		if (!t)
			continue;
		const char *p = arena_printf(r->a, "Answers.%zu", n++);
		hset(r, arena_printf(r->a, "%s.label", p), label);
		hset(r, arena_printf(r->a, "%s.value", p), t);
	}
}

/* Docs.N: the application's documents by the service's name for them
 * (name, id for the preview link, file, type, size); SvcDocs.N the
 * service's documents (code, name) an officer may flag. */
static void docs_to_hdf(struct req *r, const struct svc *s, long app_id)
{
	struct dbres *docs = db_query(r->a, "SELECT d.id, ad.doc_type, d.label, d.mime, CEIL(d.size / 1024) FROM app_documents ad "
					    "JOIN documents d ON d.id = ad.document_id WHERE ad.app_id = ? ORDER BY d.id", "i",
				      (long long)app_id);
	for (size_t i = 0; docs && i < docs->nrows; i++) {
		const char *p = arena_printf(r->a, "Docs.%zu", i);
		const char *name = db_val(docs, i, 1);
		for (size_t k = 0; k < s->ndocs; k++)
			if (str_eq(s->docs[k].code, name))
				name = i18n_get(&s->docs[k].label, r->lang);
		hset(r, arena_printf(r->a, "%s.id", p), db_val(docs, i, 0));
		hset(r, arena_printf(r->a, "%s.name", p), name);
		hset(r, arena_printf(r->a, "%s.file", p), db_val(docs, i, 2));
		hset(r, arena_printf(r->a, "%s.kind", p), tmpl_str(r->lang, str_eq(db_val(docs, i, 3), "application/pdf") ? "answer.pdf" : "answer.image"));
		hset(r, arena_printf(r->a, "%s.kb", p), db_val(docs, i, 4));
	}
	for (size_t i = 0; i < s->ndocs; i++) {
		hset(r, arena_printf(r->a, "SvcDocs.%zu.code", i), s->docs[i].code);
		hset(r, arena_printf(r->a, "SvcDocs.%zu.label", i), i18n_get(&s->docs[i].label, r->lang));
	}
}

/* GET /desk/app/@no */
int page_desk_app(struct req *r)
{
	struct app *ap = app_load(r->a, rp(r, 0), 0, false);
	if (!ap || !app_visible(r->user, ap))
		return 404;
	const struct svc *s = ap->ver->def;
	hset(r, "App.number", ap->number);
	hset(r, "App.status", ap->status);
	hset(r, "App.status_text", tmpl_str(r->lang, arena_printf(r->a, "app.st.%s", ap->status)));
	hset(r, "App.service", i18n_get(&s->name, r->lang));
	hset(r, "App.applicant", ap->applicant_name);
	hset(r, "App.mobile", ap->applicant_mobile);
	hset(r, "App.channel", tmpl_str(r->lang, arena_printf(r->a, "svc.ch.%s", ap->channel)));
	hset(r, "App.submitted", date_long(r->a, ap->submitted_at, r->lang));
	hset(r, "App.due", date_long(r->a, ap->due_date, r->lang));
	hset(r, "App.stage_due", date_long(r->a, ap->stage_due, r->lang));
	if (ap->tatkal)
		hset(r, "App.tatkal", "1");
	const struct stage *st = svc_stage(s, (size_t)ap->stage_idx);
	hset(r, "App.stage", st ? i18n_get(&st->name, r->lang) : "");
	answers_to_hdf(r, s, ap->form);
	docs_to_hdf(r, s, ap->id);
	if (s->reg_extract)
		page_register_extract_hdf(r, ap);	/* the entry to be certified */
	struct dbres *ev = db_query(r->a, "SELECT DATE_FORMAT(e.at, '%Y-%m-%d %H:%i'), e.action, IFNULL(e.role, ''), "
					  "IFNULL(TRIM(CONCAT_WS(' ', u.first_name, u.last_name)), ''), IFNULL(e.remarks, ''), "
					  "IFNULL(e.out_of_order_reason, '') FROM app_events e LEFT JOIN users u ON u.id = e.actor_id "
					  "WHERE e.app_id = ? ORDER BY e.id", "i", (long long)ap->id);
	for (size_t i = 0; ev && i < ev->nrows; i++) {
		const char *p = arena_printf(r->a, "History.%zu", i);
		hset(r, arena_printf(r->a, "%s.at", p), date_long(r->a, db_val(ev, i, 0), r->lang));
		hset(r, arena_printf(r->a, "%s.action", p), tmpl_str(r->lang, arena_printf(r->a, "app.ev.%s", db_val(ev, i, 1))));
		hset(r, arena_printf(r->a, "%s.who", p), db_val(ev, i, 3));
		hset(r, arena_printf(r->a, "%s.remarks", p), db_val(ev, i, 4));
		hset(r, arena_printf(r->a, "%s.ooo", p), db_val(ev, i, 5));
	}
	/* what this user may do now */
	const struct holding *mine = wf_stage_holding(r->user, ap);
	if (mine && st) {
		if (ap->claim_active && ap->claimed_by != r->user->id) {
			hset(r, "ClaimedByOther", "1");
		} else {
			for (int a = 0; a < ACT_COUNT; a++)
				if (a != ACT_RECALL && (st->actions & AB(a)))
					hset(r, arena_printf(r->a, "Can.%s", action_code((enum wf_action)a)), "1");
			if (!(ap->claim_active && ap->claimed_by == r->user->id) && wf_head(r->a, &r->actor, mine) != ap->id)
				hset(r, "NeedReason", "1");
			if (st->editable)
				hset(r, "Editable", "1");
		}
	}
	if (str_eq(ap->status, "pending") && ap->forwarded_by == r->user->id && !ap->stage_acted && st && (st->actions & AB(ACT_RECALL)))
		hset(r, "Can.recall", "1");
	struct dbres *cert = db_query(r->a, "SELECT number, status FROM certificates WHERE app_id = ? ORDER BY id DESC LIMIT 1", "i",
				      (long long)ap->id);
	if (cert && cert->nrows == 1) {
		hset(r, "App.cert", db_val(cert, 0, 0));
		hset(r, "App.cert_status", db_val(cert, 0, 1));
		if (str_eq(db_val(cert, 0, 1), "valid") && cert_revoker(r->user, ap))
			hset(r, "CanRevoke", "1");
	}
	return tmpl_render(r, "desk_app.cs");
}

/* The desk page again with the refusal on it (status st), with the typed
 * remarks and reason when keep. */
static int desk_app_refused(struct req *r, int st, bool keep)
{
	static const char *const typed[] = { "remarks", "ooo_reason", NULL };
	if (keep)
		form_keep(r, typed);
	r->status = st;
	int rc = page_desk_app(r);
	r->status = st;
	return rc;
}

/* "Are you sure you want to reject …?" for the application of the request,
 * which wf_act has checked may be rejected as asked. */
static int desk_confirm_reject(struct req *r)
{
	static const char *const keep[] = { "action", "remarks", "ooo_reason", "return_fields", NULL };
	const char *what[] = { tmpl_str(r->lang, "desk.reject_what1"), tmpl_str(r->lang, "desk.reject_what2"),
			       tmpl_str(r->lang, "desk.reject_what3"), NULL };
	struct confirm c = { .title = tmpl_str_n(r->a, r->lang, "desk.reject_q", rp(r, 0)), .what = what,
			     .said_label = tmpl_str(r->lang, "desk.remarks"), .said = req_form(r, "remarks"),
			     .action = arena_printf(r->a, "/desk/app/%s", rp(r, 0)), .keep = keep,
			     .yes = tmpl_str(r->lang, "desk.reject_yes"), .back = arena_printf(r->a, "/desk/app/%s#act", rp(r, 0)) };
	return page_confirm(r, &c);
}

/* POST /desk/app/@no — act (action, remarks, reason, flagged fields) */
int page_desk_act(struct req *r)
{
	const char *action = req_form(r, "action");
	/* lengths first: an over-long reason is not a missing one */
	bool fits = form_max_len(r, "remarks", req_form(r, "remarks"), LIM_REMARKS);
	if (!form_max_len(r, "ooo_reason", req_form(r, "ooo_reason"), LIM_OOO_REASON) || !fits)
		return desk_app_refused(r, 422, true);
	struct outcome out;
	out_init(&out, r->a);
	if (str_eq(action, "open")) {
		int st = wf_open(r->a, &r->actor, rp(r, 0), req_form(r, "ooo_reason"), &out);
		if (st == 409 && str_eq(out.code, "out_of_order")) {
			out_field(&out, "ooo_reason", out.key, NULL);
			page_outcome(r, &out);
			r->err_detail = NULL;
			return desk_app_refused(r, 409, false);
		}
		if (st)
			return page_outcome(r, &out);
		resp_redirect(r, arena_printf(r->a, "/desk/app/%s", rp(r, 0)));
		return 0;
	}
	const char *flagged[64];
	size_t nf = req_form_all(r, "return_fields", flagged, 64);
	struct act_in in = { .action = action, .remarks = req_form(r, "remarks"), .ooo_reason = req_form(r, "ooo_reason"),
			     .return_fields = flagged, .nreturn = nf,
			     /* a rejection cannot be taken back: every check first, then "Are you sure?" */
			     .check_only = str_eq(action, "reject") && !page_confirmed(r) };
	struct act_out res;
	int st = wf_act(r->a, &r->actor, rp(r, 0), &in, &res, &out);
	if (st == 0 && in.check_only)
		return desk_confirm_reject(r);
	if (st == 0) {
		resp_redirect(r, "/desk?done=1");
		return 0;
	}
	if (st == 422 || (st == 409 && str_eq(out.code, "out_of_order"))) {
		/* the page has two inputs: the refusal goes on the one to put right */
		out_field(&out, str_eq(out.code, "out_of_order") ? "ooo_reason" : "remarks", out.key ? out.key : "wf.remarks_needed",
			  NULL);
		out.key = NULL;
		out.code = NULL;
		page_outcome(r, &out);
		return desk_app_refused(r, st, true);
	}
	return page_outcome(r, &out);
}

/* GET /desk/appeal/:id and POST (decide) */
int page_desk_appeal(struct req *r)
{
	long id;
	if (!parse_long(rp(r, 0), 1, 2000000000L, &id))
		return 404;
	struct dbres *a = db_query(r->a, "SELECT ap.id, a.number, ap.level, ap.grounds, ap.status, ap.office_id, ap.role, "
					 "IFNULL(ap.order_text, ''), s.department_id FROM appeals ap JOIN applications a ON a.id = ap.app_id "
					 "JOIN services s ON s.id = a.service_id WHERE ap.id = ?", "i", (long long)id);
	if (!a || a->nrows != 1)
		return a ? 404 : 503;
	if (!wf_appeal_hears(r->user, db_val(a, 0, 6), (long)db_int(a, 0, 5), (long)db_int(a, 0, 8)))
		return 404;
	if (str_eq(r->method, "POST")) {
		const char *d = req_form(r, "decision");
		struct outcome out;
		out_init(&out, r->a);
		if (!str_eq(d, "allow") && !str_eq(d, "dismiss"))
			out_field(&out, "decision", "appeal.decision_bad", NULL);
		else
			wf_appeal_decide(r->a, &r->actor, id, str_eq(d, "allow"), req_form(r, "order"), &out);
		if (out.status == 0) {
			resp_redirect(r, "/desk?done=1");
			return 0;
		}
		if (out.status != 422)
			return page_outcome(r, &out);
		page_outcome(r, &out);
		hset(r, "Form.val.order", req_form(r, "order"));
		r->status = 422;
	}
	static const char *const cols[] = { "id", "number", "level", "grounds", "status", "office", "role", "order", NULL };
	hset_rows(r, "Appeal", a, cols);
	return tmpl_render(r, "desk_appeal.cs");
}

/* ---- the JSON API ---- */

static const struct api_col queue_row_cols[] = {
	{"number", 1, AK_STR},
	{"service", 12, AK_STR},
	{"arrived_at", 4, AK_TIME},
	{"due_at", 5, AK_STR},
};

static void queue_json(struct req *r, struct jw *w, struct dbres *q, bool tatkal)
{
	jw_arr(w);
	for (size_t i = 0; q && i < q->nrows; i++) {
		if ((db_int(q, i, 3) == 1) != tatkal)
			continue;
		jw_obj(w);
		API_COLS(r->a, w, q, i, queue_row_cols);
		jw_kbool(w, "overdue", db_int(q, i, 11) < 0);
		jw_kbool(w, "claimed", db_int(q, i, 9) == 1);
		jw_obj_end(w);
	}
	jw_arr_end(w);
}

/* GET /api/v1/desk/queue?office=ID&role=R */
int api_desk_queue(struct req *r)
{
	long office;
	const char *role = req_query(r, "role");
	int ro = role_from_code(role);
	if (!parse_long(req_query(r, "office"), 1, 2000000000L, &office) || ro < 0)
		return 400;
	const struct holding *h = juris_holding(r->user, RB(ro), office, NULL, 0);
	if (!h)
		return 403;
	long head, limit = 100, nt, nf;
	const char *lim = req_query(r, "limit");
	if (lim && !parse_long(lim, 1, 500, &limit))
		return 400;
	struct dbres *q = wf_queue(r->a, &r->actor, h, limit, &head);
	if (!q || wf_counts(r->a, h, &nt, &nf) != 0)
		return 503;
	struct sbuf b;
	struct jw w;
	sbuf_init(&b);
	jw_init(&w, &b);
	jw_obj(&w);
	/* how many wait in all; the lists hold the first `limit` in serving order */
	jw_key(&w, "waiting");
	jw_obj(&w);
	jw_kint(&w, "tatkal", nt);
	jw_kint(&w, "fifo", nf);
	jw_obj_end(&w);
	jw_key(&w, "tatkal");
	queue_json(r, &w, q, true);
	jw_key(&w, "fifo");
	queue_json(r, &w, q, false);
	jw_obj_end(&w);
	return api_send(r, 200, &b);
}

/* POST /api/v1/desk/next {office, role} — claim the head */
int api_desk_next(struct req *r)
{
	struct jval *in = api_body(r);
	long office;
	if (!in || !json_get_long(in, "office", &office))
		return 400;
	const char *no;
	struct outcome out;
	out_init(&out, r->a);
	if (wf_next(r->a, &r->actor, office, json_get_str(in, "role"), &no, &out))
		return page_outcome(r, &out);
	return api_send_str(r, 200, "number", no);
}

/* POST /api/v1/applications/NO/actions */
int api_app_act(struct req *r)
{
	struct jval *in = api_body(r);
	if (!in)
		return 400;
	const char *flags[64];
	size_t nf = 0;
	struct jval *fl = json_get(in, "correct_fields");
	struct jval *ret = json_get(in, "return_fields");
	for (size_t i = 0; ret && ret->type == J_ARR && i < ret->n && nf < 64; i++)
		if (ret->kids[i]->type == J_STR)
			flags[nf++] = ret->kids[i]->str;
	struct act_in ai = { .action = json_get_str(in, "action"), .remarks = json_get_str(in, "remarks"),
			     .ooo_reason = json_get_str(in, "out_of_order_reason"), .return_fields = flags, .nreturn = nf,
			     .corrections = fl && fl->type == J_OBJ ? fl : NULL };
	if (!ai.action)
		return 400;
	bool fits = form_max_len(r, "remarks", ai.remarks, LIM_REMARKS);
	if (!form_max_len(r, "out_of_order_reason", ai.ooo_reason, LIM_OOO_REASON) || !fits)
		return 422;
	struct act_out res;
	struct outcome out;
	out_init(&out, r->a);
	if (wf_act(r->a, &r->actor, rp(r, 0), &ai, &res, &out))
		return page_outcome(r, &out);
	struct sbuf b;
	struct jw w;
	sbuf_init(&b);
	jw_init(&w, &b);
	jw_obj(&w);
	jw_kstr(&w, "status", res.new_status);
	jw_kint(&w, "stage", res.new_stage);
	if (res.cert_no) {
		jw_key(&w, "certificate");
		jw_obj(&w);
		jw_kstr(&w, "number", res.cert_no);
		jw_kstr(&w, "verify_url", res.cert_url);
		jw_obj_end(&w);
	}
	jw_obj_end(&w);
	api_send(r, 200, &b);
	return 0;
}

/* POST /api/v1/applications/NO/appeal {grounds} */
int api_app_appeal(struct req *r)
{
	struct jval *in = api_body(r);
	if (!in)
		return 400;
	int level = 0;
	struct outcome out;
	out_init(&out, r->a);
	if (wf_appeal_file(r->a, &r->actor, rp(r, 0), json_get_str(in, "grounds"), &level, &out))
		return page_outcome(r, &out);
	struct sbuf b;
	struct jw w;
	sbuf_init(&b);
	jw_init(&w, &b);
	jw_obj(&w);
	jw_kint(&w, "appeal_level", level);
	jw_kstr(&w, "status", "pending");
	jw_obj_end(&w);
	return api_send(r, 201, &b);
}
