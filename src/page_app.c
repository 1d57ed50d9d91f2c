/*
 * page_app.c — the applicant's side: apply (citizen online, CSC operator,
 * Swayam Sewak, JSK, office counter), drafts, the acknowledgement and its
 * PDF receipt, "my applications", corrections after a return, appeals,
 * feedback, the document locker and public tracking.
 */
#include "pages.h"
#include "application.h"
#include "audit.h"
#include "cert_pdf.h"
#include "config.h"
#include "db.h"
#include "formview.h"
#include "lengths.h"
#include "locker.h"
#include "money.h"
#include "picker.h"
#include "session.h"
#include "ticket.h"
#include "tmpl.h"
#include "user.h"
#include "wallet.h"
#include "workflow.h"

#include <stdlib.h>
#include <string.h>

/* The channel a user files through (operators first). */
static const char *channel_of(const struct user *u)
{
	if (user_has(u, ROLE_CSC)) return "csc";
	if (user_has(u, ROLE_SEWAK)) return "sewak";
	if (user_has(u, ROLE_JSK)) return "jsk";
	if (user_has(u, ROLE_CITIZEN)) return "online";
	if (u->roles & RB_PLAYERS) return "counter";
	return NULL;
}

/* The locker documents of owner the user sees and can attach (Locker.N):
 * an operator without the citizen's consent only its own uploads. */
static void locker_options(struct req *r, long owner)
{
	static const char *const cols[] = { "id", "doc_type", "mime", "size", "sha256", "label", NULL };
	hset_rows(r, "Locker", locker_list(r->a, r->user, owner), cols);
}

/* Renders the apply form for version v with answers/errors. */
static int apply_form(struct req *r, struct svc_ver *v, const struct jval *answers, const struct form_result *res,
		      const long *docs, long owner)
{
	service_to_hdf(r, v->def, "Svc");
	formview_fill(r, v->def, answers, res);
	hset(r, "Page.svcform", "1");
	const char *ch = channel_of(r->user);
	if (!str_eq(ch, "online"))
		hset(r, "Channel.operator", "1");
	for (size_t i = 0; i < v->def->ndocs; i++) {
		hset(r, arena_printf(r->a, "Svc.docs.%zu.code", i), v->def->docs[i].code);
		if (docs && docs[i])
			hset_int(r, arena_printf(r->a, "Svc.docs.%zu.chosen", i), docs[i]);
	}
	if (owner)
		locker_options(r, owner);
	hset(r, "LockerLink", owner && str_eq(ch, "online") ? "/locker" :
	     arena_printf(r->a, "/locker?mobile=%s", url_encode(r->a, req_form(r, "applicant_mobile") ? req_form(r, "applicant_mobile") : "")));
	const char *idem = req_form(r, "idem");
	hset(r, "Idem", idem && strlen(idem) <= 80 ? idem : random_token(r->a));
	return tmpl_render(r, "apply.cs");
}

/* GET /apply/:code */
int page_apply(struct req *r)
{
	struct svc_ver *v = svcstore_published(r->a, rp(r, 0));
	if (!v)
		return 404;
	const char *ch = channel_of(r->user);
	if (!ch)
		return 403;
	if (!(v->def->channels & (1u << channel_from(ch)))) {
		r->err_detail = tmpl_str(r->lang, "app.channel_closed");
		return 403;
	}
	/* a citizen's answers start from their profile address */
	struct jval *start = NULL;
	if (str_eq(ch, "online")) {
		const char *addr = db_scalar(r->a, "SELECT address_location_id FROM users WHERE id = ?", "i", (long long)r->user->id);
		if (addr) {
			char *j = json_strobj(r->a, v->def->route_field, addr, "mobile", r->user->mobile ? r->user->mobile : "", NULL);
			start = json_parse(r->a, j, strlen(j), NULL);
		}
	}
	return apply_form(r, v, start, NULL, NULL, str_eq(ch, "online") ? r->user->id : 0);
}

/* The locker documents chosen on the form, per service document. */
static long *chosen_docs(struct req *r, const struct svc *s)
{
	long *ids = arena_alloc(r->a, (s->ndocs + 1) * sizeof *ids);
	for (size_t i = 0; i < s->ndocs; i++) {
		const char *v = req_form(r, arena_printf(r->a, "doc_%s", s->docs[i].code));
		long id;
		if (v && parse_long(v, 1, 2000000000000L, &id))
			ids[i] = id;
	}
	return ids;
}

/* POST /apply/:code — save a draft or submit */
int page_apply_post(struct req *r)
{
	struct svc_ver *v = svcstore_published(r->a, rp(r, 0));
	if (!v)
		return 404;
	const char *ch = channel_of(r->user);
	if (!ch)
		return 403;
	struct filing fl = { .filer = r->user->id, .channel = ch, .applicant_mobile = req_form(r, "applicant_mobile") };
	hset(r, "Form.val.applicant_mobile", fl.applicant_mobile);
	if (req_form(r, "tatkal"))
		hset(r, "Form.val.tatkal", "1");
	struct jval *answers = formview_answers(r, v->def);
	const char *draft = req_form(r, "draft");
	long draft_id = 0;
	if (draft && !parse_long(draft, 1, 2000000000000L, &draft_id))
		return 400;
	struct app_input in = { .ver = v, .answers = answers, .doc_ids = chosen_docs(r, v->def), .tatkal = req_form(r, "tatkal") != NULL,
				.idem = req_form(r, "idem"), .submit = req_form(r, "save") == NULL && !picker_refresh(r),
				.draft_id = draft_id };
	long owner = str_eq(ch, "online") ? r->user->id : user_citizen_id(r->a, fl.applicant_mobile);
	owner = owner > 0 ? owner : 0;	/* not registered yet (or no database): no locker */
	if (picker_refresh(r))
		return apply_form(r, v, answers, NULL, in.doc_ids, owner);
	struct app_result res;
	int st = app_file(r, &fl, &in, &res);
	if (st == 0) {
		sbuf_free(&res.form.json);
		if (!in.submit) {
			resp_redirect(r, arena_printf(r->a, "/my/drafts/%ld?saved=1", res.id));
			return 0;
		}
		resp_redirect(r, arena_printf(r->a, "/my/app/%s?ack=1", res.number));
		return 0;
	}
	if (st == 422) {
		if (res.message) {
			hset(r, "Form.err.general", tmpl_str(r->lang, res.message));
			hset(r, "Form.has_errors", "1");
		}
		r->status = 422;
		int rc = apply_form(r, v, answers, &res.form, in.doc_ids, owner);
		sbuf_free(&res.form.json);
		r->status = 422;
		return rc;
	}
	sbuf_free(&res.form.json);
	if (res.message)
		r->err_detail = tmpl_str(r->lang, res.message);
	return st;
}

/* GET /my/drafts/:id — continue a draft */
int page_draft(struct req *r)
{
	long id;
	if (!parse_long(rp(r, 0), 1, 2000000000000L, &id))
		return 404;
	struct app *ap = app_load(r->a, NULL, id, false);
	if (!ap || ap->filed_by != r->user->id || !str_eq(ap->status, "draft"))
		return 404;
	struct svc_ver *v = svcstore_published(r->a, ap->ver->def->code);
	if (!v)
		return 404;
	const char *err;
	struct jval *answers = json_parse(r->a, ap->form, strlen(ap->form), &err);
	/* location answers are stored as picked ids while a draft */
	hset_int(r, "Draft", id);
	if (req_query(r, "saved"))
		hset(r, "Flash", tmpl_str(r->lang, "app.draft_saved"));
	hset(r, "Action", arena_printf(r->a, "/apply/%s", v->def->code));
	hset(r, "Form.val.applicant_mobile", ap->applicant_mobile);
	hset(r, "Form.val.draft", arena_printf(r->a, "%ld", id));
	long *docs = arena_alloc(r->a, (v->def->ndocs + 1) * sizeof *docs);
	for (size_t i = 0; i < v->def->ndocs; i++) {
		const char *d = db_scalar(r->a, "SELECT document_id FROM app_documents WHERE app_id = ? AND doc_type = ?", "is",
					  (long long)id, v->def->docs[i].code);
		docs[i] = d ? strtol(d, NULL, 10) : 0;
	}
	return apply_form(r, v, answers, NULL, docs, ap->applicant_id);
}

/* Sets App.* and History.* for an application page. */
static void app_to_hdf(struct req *r, const struct app *ap)
{
	const struct svc *s = ap->ver->def;
	hset(r, "App.number", ap->number);
	hset(r, "App.status", ap->status);
	hset(r, "App.status_text", tmpl_str(r->lang, arena_printf(r->a, "app.st.%s", ap->status)));
	hset(r, "App.service", i18n_get(&s->name, r->lang));
	hset(r, "App.service_code", s->code);
	hset_int(r, "App.version", ap->ver->version);
	hset(r, "App.applicant", ap->applicant_name);
	hset(r, "App.mobile", ap->applicant_mobile);
	hset(r, "App.channel", tmpl_str(r->lang, arena_printf(r->a, "svc.ch.%s", ap->channel)));
	hset(r, "App.submitted", ap->submitted_at);
	hset(r, "App.due", ap->due_date);
	hset(r, "App.stage_due", ap->stage_due);
	hset(r, "App.fee", money_fmt(r->a, ap->fee_paise));
	if (ap->tatkal)
		hset(r, "App.tatkal", "1");
	if (ap->overdue)
		hset(r, "App.overdue", "1");
	const struct stage *st = svc_stage(s, (size_t)ap->stage_idx);
	if (st && (str_eq(ap->status, "pending") || str_eq(ap->status, "returned")))
		hset(r, "App.stage", i18n_get(&st->name, r->lang));
	hset(r, "App.return_remarks", ap->return_remarks);
	const char *office = db_scalar(r->a, "SELECT IF(? = 'hi', name_hi, name_en) FROM offices WHERE id = ?", "si", r->lang,
				       (long long)ap->office_id);
	hset(r, "App.office", office);
	const char *filer = db_scalar(r->a, "SELECT TRIM(CONCAT_WS(' ', first_name, last_name)) FROM users WHERE id = ?", "i",
				      (long long)ap->filed_by);
	hset(r, "App.filed_by", filer);
	struct dbres *ev = db_query(r->a, "SELECT DATE_FORMAT(e.at, '%Y-%m-%d %H:%i'), e.action, IFNULL(e.role, ''), "
					  "IFNULL(TRIM(CONCAT_WS(' ', u.first_name, u.last_name)), ''), IFNULL(e.remarks, ''), "
					  "IFNULL(e.out_of_order_reason, '') FROM app_events e LEFT JOIN users u ON u.id = e.actor_id "
					  "WHERE e.app_id = ? ORDER BY e.id", "i", (long long)ap->id);
	for (size_t i = 0; ev && i < ev->nrows; i++) {
		const char *p = arena_printf(r->a, "History.%zu", i);
		hset(r, arena_printf(r->a, "%s.at", p), db_val(ev, i, 0));
		hset(r, arena_printf(r->a, "%s.action", p), tmpl_str(r->lang, arena_printf(r->a, "app.ev.%s", db_val(ev, i, 1))));
		const char *role = db_val(ev, i, 2);
		hset(r, arena_printf(r->a, "%s.who", p), *role ? tmpl_str(r->lang, arena_printf(r->a, "role.%s", role)) : db_val(ev, i, 3));
		hset(r, arena_printf(r->a, "%s.remarks", p), db_val(ev, i, 4));
		hset(r, arena_printf(r->a, "%s.ooo", p), db_val(ev, i, 5));
	}
	struct dbres *cert = db_query(r->a, "SELECT number, status FROM certificates WHERE app_id = ? ORDER BY id DESC LIMIT 1", "i",
				      (long long)ap->id);
	if (cert && cert->nrows == 1) {
		hset(r, "App.cert", db_val(cert, 0, 0));
		hset(r, "App.cert_status", db_val(cert, 0, 1));
	}
	struct dbres *rc = db_query(r->a, "SELECT receipt_no FROM receipts WHERE app_id = ? ORDER BY id", "i", (long long)ap->id);
	static const char *const rcols[] = { "no", NULL };
	hset_rows(r, "Receipts", rc, rcols);
	struct dbres *ap2 = db_query(r->a, "SELECT level, status, IFNULL(order_text, ''), DATE_FORMAT(filed_at, '%Y-%m-%d') FROM appeals "
					   "WHERE app_id = ? ORDER BY level", "i", (long long)ap->id);
	static const char *const acols[] = { "level", "status", "order", "filed", NULL };
	hset_rows(r, "Appeals", ap2, acols);
}

/* GET /my/app/@no */
int page_my_app(struct req *r)
{
	struct app *ap = app_load(r->a, rp(r, 0), 0, false);
	if (!ap || (ap->applicant_id != r->user->id && ap->filed_by != r->user->id))
		return 404;
	app_to_hdf(r, ap);
	if (req_query(r, "ack") && !str_eq(ap->status, "unpaid"))
		hset(r, "Ack", "1");
	if (req_query(r, "paid"))
		hset(r, "Flash", tmpl_str(r->lang, str_eq(req_query(r, "paid"), "success") ? "pay.done" : "pay.failed"));
	if (wf_appeal_level(r->a, ap, false) > 0)
		hset(r, "CanAppeal", "1");
	if ((str_eq(ap->status, "approved") || str_eq(ap->status, "rejected")) &&
	    !db_scalar(r->a, "SELECT app_id FROM feedback WHERE app_id = ?", "i", (long long)ap->id))
		hset(r, "CanFeedback", "1");
	return tmpl_render(r, "my_app.cs");
}

/* GET /my — the applicant's and the operator's applications */
int page_my(struct req *r)
{
	struct dbres *rows = db_query(r->a,
		"SELECT a.number, a.id, v.name_en, v.name_hi, a.status, a.due_date, a.applicant_name, "
		"DATE_FORMAT(IFNULL(a.submitted_at, a.created_at), '%Y-%m-%d'), a.channel "
		"FROM applications a JOIN service_versions v ON v.id = a.version_id "
		"WHERE a.applicant_id = ? OR a.filed_by = ? ORDER BY a.id DESC LIMIT 200", "ii",
		(long long)r->user->id, (long long)r->user->id);
	if (!rows)
		return 503;
	static const char *const cols[] = { "number", "id", "name_en", "name_hi", "status", "due", "applicant", "date", "channel", NULL };
	hset_rows(r, "Rows", rows, cols);
	for (size_t i = 0; i < rows->nrows; i++)
		hset(r, arena_printf(r->a, "Rows.%zu.status_text", i),
		     tmpl_str(r->lang, arena_printf(r->a, "app.st.%s", db_val(rows, i, 4))));
	return tmpl_render(r, "my.cs");
}

/* GET /my/app/@no/ack.pdf — the acknowledgement receipt */
int page_ack_pdf(struct req *r)
{
	struct app *ap = app_load(r->a, rp(r, 0), 0, false);
	if (!ap || !app_visible(r->user, ap) || str_eq(ap->status, "draft"))
		return 404;
	if (str_eq(ap->status, "unpaid")) {
		/* nothing is acknowledged until the fee is paid */
		r->err_code = "unpaid";
		r->err_detail = tmpl_str(r->lang, "pay.ack_after_payment");
		return 409;
	}
	const struct svc *s = ap->ver->def;
	const char *office_en = db_scalar(r->a, "SELECT name_en FROM offices WHERE id = ?", "i", (long long)ap->office_id);
	const char *office_hi = db_scalar(r->a, "SELECT name_hi FROM offices WHERE id = ?", "i", (long long)ap->office_id);
	const char *dept_en = db_scalar(r->a, "SELECT name_en FROM departments WHERE code = ?", "s", s->dept);
	const char *dept_hi = db_scalar(r->a, "SELECT name_hi FROM departments WHERE code = ?", "s", s->dept);
	struct cert_fact facts[8];
	size_t n = 0;
	facts[n++] = (struct cert_fact){ "Applicant", "आवेदक", ap->applicant_name };
	facts[n++] = (struct cert_fact){ "Service", "सेवा", arena_printf(r->a, "%s / %s", s->name.en, s->name.hi) };
	facts[n++] = (struct cert_fact){ "Channel", "माध्यम", ap->channel };
	facts[n++] = (struct cert_fact){ "Fee paid", "शुल्क", money_fmt(r->a, ap->fee_paise) };
	facts[n++] = (struct cert_fact){ "Tatkal", "तत्काल", ap->tatkal ? "Yes / हाँ" : "No / नहीं" };
	struct ack_layout al = {
		.state = { cfg.state_name_en, cfg.state_name_hi },
		.department = { dept_en, dept_hi },
		.office = { office_en, office_hi },
		.title = { "Acknowledgement", "पावती" },
		.facts = facts, .n_facts = n,
		.app_no = ap->number,
		.filed_date = ap->submitted_at,
		.due_date = ap->due_date,
		.track_url = arena_printf(r->a, "%s/track?number=%s", cfg.base_url, url_encode(r->a, ap->number)),
		.track_line = arena_printf(r->a, "Track at %s/track", cfg.base_url),
		.filed_at = now_secs(),
	};
	unsigned char *pdf = NULL;
	size_t len = 0;
	if (cert_pdf_render_ack(&al, &pdf, &len) != 0)
		return 500;
	char *name = arena_printf(r->a, "acknowledgement-%s.pdf", ap->number);
	resp_bytes(r, "application/pdf", pdf, len, name);
	free(pdf);
	return 0;
}

/* GET /my/app/@no/edit and POST — correct a returned application */
int page_resubmit(struct req *r)
{
	struct app *ap = app_load(r->a, rp(r, 0), 0, false);
	if (!ap || (ap->applicant_id != r->user->id && ap->filed_by != r->user->id))
		return 404;
	if (!str_eq(ap->status, "returned"))
		return 409;
	const struct svc *s = ap->ver->def;
	/* only the flagged fields are offered for editing */
	const char *err;
	struct jval *flags = ap->return_fields ? json_parse(r->a, ap->return_fields, strlen(ap->return_fields), &err) : NULL;
	bool all = false;
	struct svc *sub = arena_alloc(r->a, sizeof *sub);
	*sub = *s;
	sub->fields = arena_alloc(r->a, (s->nfields + 1) * sizeof *sub->fields);
	sub->nfields = 0;
	sub->docs = arena_alloc(r->a, (s->ndocs + 1) * sizeof *sub->docs);
	sub->ndocs = 0;
	for (size_t k = 0; flags && k < flags->n; k++)
		all |= flags->kids[k]->type == J_STR && str_eq(flags->kids[k]->str, "*");
	for (size_t i = 0; i < s->nfields; i++)
		for (size_t k = 0; flags && k < flags->n; k++)
			if (all || (flags->kids[k]->type == J_STR && str_eq(flags->kids[k]->str, s->fields[i].name))) {
				sub->fields[sub->nfields++] = s->fields[i];
				break;
			}
	for (size_t i = 0; i < s->ndocs; i++)
		for (size_t k = 0; flags && k < flags->n; k++)
			if (all || (flags->kids[k]->type == J_STR && str_eq(flags->kids[k]->str, arena_printf(r->a, "doc_%s", s->docs[i].code)))) {
				sub->docs[sub->ndocs++] = s->docs[i];
				break;
			}
	struct svc_ver v = *ap->ver;
	v.def = sub;
	hset(r, "Action", arena_printf(r->a, "/my/app/%s/edit", ap->number));
	hset(r, "App.number", ap->number);
	hset(r, "App.return_remarks", ap->return_remarks);
	if (str_eq(r->method, "GET")) {
		struct jval *old = json_parse(r->a, ap->form, strlen(ap->form), &err);
		return apply_form(r, &v, old, NULL, NULL, ap->applicant_id);
	}
	struct jval *answers = formview_answers(r, sub);
	if (picker_refresh(r))
		return apply_form(r, &v, answers, NULL, NULL, ap->applicant_id);
	/* documents are chosen against the full list; map the subset back */
	long *docs = arena_alloc(r->a, (s->ndocs + 1) * sizeof *docs);
	for (size_t i = 0; i < s->ndocs; i++) {
		const char *val = req_form(r, arena_printf(r->a, "doc_%s", s->docs[i].code));
		long id;
		if (val && parse_long(val, 1, 2000000000000L, &id))
			docs[i] = id;
	}
	struct app_result res;
	int st = app_resubmit(r, ap->number, answers, docs, &res);
	if (st == 0) {
		sbuf_free(&res.form.json);
		resp_redirect(r, arena_printf(r->a, "/my/app/%s?resubmitted=1", ap->number));
		return 0;
	}
	if (st == 422) {
		r->status = 422;
		int rc = apply_form(r, &v, answers, &res.form, docs, ap->applicant_id);
		sbuf_free(&res.form.json);
		r->status = 422;
		return rc;
	}
	sbuf_free(&res.form.json);
	return st;
}

/* The application page again with the field errors set and status 422,
 * offering the form (CanAppeal or CanFeedback) the user was filling. */
static int my_app_refused(struct req *r, const struct app *ap, const char *offer)
{
	static const char *const keep[] = { "grounds", "comment", "rating", NULL };
	form_keep(r, keep);
	r->status = 422;
	app_to_hdf(r, ap);
	hset(r, offer, "1");
	int rc = tmpl_render(r, "my_app.cs");
	r->status = 422;
	return rc;
}

/* POST /my/app/@no/appeal */
int page_appeal(struct req *r)
{
	int level = 0;
	struct outcome out;
	out_init(&out, r->a);
	int st = wf_appeal_file(r->a, &r->actor, rp(r, 0), req_form(r, "grounds"), &level, &out);
	if (st == 422) {
		page_outcome(r, &out);
		struct app *ap = app_load(r->a, rp(r, 0), 0, false);
		return ap ? my_app_refused(r, ap, "CanAppeal") : 404;
	}
	if (st)
		return page_outcome(r, &out);
	resp_redirect(r, arena_printf(r->a, "/my/app/%s?appealed=%d", rp(r, 0), level));
	return 0;
}

/* POST /my/app/@no/feedback */
int page_feedback(struct req *r)
{
	struct app *ap = app_load(r->a, rp(r, 0), 0, false);
	if (!ap || (ap->applicant_id != r->user->id && ap->filed_by != r->user->id))
		return 404;
	long rating;
	const char *comment = req_form(r, "comment");
	if (!parse_long(req_form(r, "rating"), 1, 5, &rating))
		return 400;
	if (!form_max_len(r, "comment", comment, LIM_FEEDBACK))
		return my_app_refused(r, ap, "CanFeedback");
	if (!str_eq(ap->status, "approved") && !str_eq(ap->status, "rejected"))
		return 409;
	if (db_begin() != 0)
		return 503;
	long long n = db_exec("INSERT IGNORE INTO feedback (app_id, rating, comment) VALUES (?, ?, NULLIF(?, ''))", "iis",
			      (long long)ap->id, (long long)rating, comment ? comment : "");
	struct audit_entry e = { .action = "app.feedback", .entity = "application", .entity_id = ap->number };
	if (n < 0 || audit_write(req_actor(r), &e) != 0 || db_commit() != 0) {
		db_rollback();
		return 503;
	}
	resp_redirect(r, arena_printf(r->a, "/my/app/%s?thanks=1", ap->number));
	return 0;
}

/* GET/POST /track — public: number + registered mobile, status and stage only */
int page_track(struct req *r)
{
	const char *number = req_param(r, "number"), *mobile = req_param(r, "mobile");
	hset(r, "Form.val.number", number);
	hset(r, "Form.val.mobile", mobile);
	if (!number && !mobile)
		return tmpl_render(r, "track.cs");
	if (str_empty(number) || strlen(number) > 48)
		form_error(r, "number", "track.number_bad");
	if (!valid_mobile(mobile))
		form_error(r, "mobile", "auth.mobile_bad");
	if (form_has_errors(r)) {
		r->status = 422;
		return tmpl_render(r, "track.cs");
	}
	struct app *ap = app_load(r->a, number, 0, false);
	if (!ap || !str_eq(ap->applicant_mobile, mobile) || str_eq(ap->status, "draft")) {
		/* a grievance number (ticket.c) */
		struct ticket *g = ticket_track(r->a, number, mobile);
		if (g) {
			hset(r, "T.number", g->number);
			hset(r, "T.service", str_eq(r->lang, "hi") ? g->type_hi : g->type_en);
			hset(r, "T.status_text", tmpl_str(r->lang, arena_printf(r->a, "ticket.st.%s", g->status)));
			hset(r, "T.due", date_long(r->a, g->due_at, r->lang));
		} else {
			hset(r, "NotFound", "1");
		}
		return tmpl_render(r, "track.cs");
	}
	hset(r, "T.number", ap->number);
	hset(r, "T.service", i18n_get(&ap->ver->def->name, r->lang));
	hset(r, "T.status", ap->status);
	hset(r, "T.status_text", tmpl_str(r->lang, arena_printf(r->a, "app.st.%s", ap->status)));
	const struct stage *st = svc_stage(ap->ver->def, (size_t)ap->stage_idx);
	if (st && str_eq(ap->status, "pending"))
		hset(r, "T.stage", i18n_get(&st->name, r->lang));
	hset(r, "T.due", ap->due_date);
	return tmpl_render(r, "track.cs");
}

/* ---- the locker ---- */

/* The citizen whose locker this page shows (see locker_owner). */
static long page_locker_owner(struct req *r, const char **mobile_out)
{
	*mobile_out = req_param(r, "mobile");
	return locker_owner(r, *mobile_out, str_eq(r->method, "POST"));
}

/* The locker page (declared in pages.h). */
int page_locker_show(struct req *r, long owner)
{
	if (owner > 0)
		locker_options(r, owner);
	if (owner != 0 || user_has(r->user, ROLE_CITIZEN))
		hset(r, "Owner", "1");
	hset_int(r, "MaxKB", cfg.max_upload / 1024);
	consent_to_hdf(r, owner);
	return tmpl_render(r, "locker.cs");
}

/* GET /locker */
int page_locker(struct req *r)
{
	const char *mobile = NULL;
	long owner = page_locker_owner(r, &mobile);
	hset(r, "Form.val.mobile", mobile);
	static const char *const done[] = { "consent", "granted", "withdrawn", NULL };
	for (size_t i = 0; done[i]; i++)
		if (req_query(r, done[i]))
			hset(r, "Flash", tmpl_str(r->lang, arena_printf(r->a, "consent.done_%s", done[i])));
	return page_locker_show(r, owner);
}

/* POST /locker (multipart: file, doc_type, mobile for operators) */
int page_locker_post(struct req *r)
{
	const char *mobile = NULL;
	const struct upload *u = req_upload(r, "file");
	const char *type = req_form(r, "doc_type");
	if (db_begin() != 0)
		return 503;
	long owner = page_locker_owner(r, &mobile);
	hset(r, "Form.val.mobile", mobile);
	const char *err = NULL;
	long id = 0;
	if (owner <= 0)
		err = "locker.mobile_needed";
	else if (!u)
		err = "locker.empty";
	else
		id = locker_add(r->a, owner, r->user->id, type, u->filename, u->data, u->len, (size_t)cfg.max_upload, &err);
	if (!id) {
		db_rollback();
		form_error(r, err && str_starts(err, "locker.type") ? "doc_type" : str_eq(err, "locker.mobile_needed") ? "mobile" : "file",
			   err ? err : "locker.store_failed");
		r->status = 422;
		return page_locker_show(r, owner);
	}
	struct audit_entry e = { .action = "locker.add", .entity = "document", .entity_id = arena_printf(r->a, "%ld", id) };
	if (audit_write(req_actor(r), &e) != 0 || db_commit() != 0) {
		db_rollback();
		return 503;
	}
	resp_redirect(r, mobile ? arena_printf(r->a, "/locker?mobile=%s&added=1", url_encode(r->a, mobile)) : "/locker?added=1");
	return 0;
}

/* GET /locker/:id — download: whoever sees it in the locker (locker_list),
 * or officers with an application using it */
int page_locker_get(struct req *r)
{
	long id;
	if (!parse_long(rp(r, 0), 1, 2000000000000L, &id))
		return 404;
	if (!locker_may_read(r->a, r->user, id))
		return 404;
	size_t len;
	const char *mime, *label;
	unsigned char *p = locker_read(r->a, id, &len, &mime, &label);
	if (!p)
		return 404;
	resp_bytes(r, mime, p, len, label);
	free(p);
	return 0;
}

/* GET /csc — the operator's start page: wallet, recent applications */
int page_csc(struct req *r)
{
	hset(r, "Wallet", money_fmt(r->a, wallet_balance(r->a, r->user->id)));
	struct dbres *rows = db_query(r->a,
		"SELECT a.number, v.name_en, v.name_hi, a.status, a.applicant_name, DATE_FORMAT(a.submitted_at, '%Y-%m-%d'), a.id "
		"FROM applications a JOIN service_versions v ON v.id = a.version_id WHERE a.filed_by = ? ORDER BY a.id DESC LIMIT 20",
		"i", (long long)r->user->id);
	static const char *const cols[] = { "number", "name_en", "name_hi", "status", "applicant", "date", "id", NULL };
	hset_rows(r, "Rows", rows, cols);
	struct dbres *svcs = db_query(r->a, "SELECT s.code, v.name_en, v.name_hi FROM services s JOIN service_versions v "
					    "ON v.id = s.published_version_id WHERE s.status = 'active' ORDER BY s.code", NULL);
	static const char *const scols[] = { "code", "name_en", "name_hi", NULL };
	hset_rows(r, "Services", svcs, scols);
	return tmpl_render(r, "csc.cs");
}
