/*
 * page_app.c — the applicant's side, pages and JSON API: apply (citizen
 * online, CSC operator, Swayam Sewak, JSK, office counter), drafts, the
 * acknowledgement and its PDF receipt, "my applications", corrections
 * after a return, appeals, feedback, public tracking, the operator's start
 * page; /api/v1/applications (own, or an officer's jurisdiction with a
 * cursor) and /api/v1/track.  The rules and every write are application.c's.
 */
#include "pages.h"
#include "apiutil.h"
#include "application.h"
#include "cert_pdf.h"
#include "cert_render.h"
#include "config.h"
#include "db.h"
#include "formview.h"
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

/* Renders the apply form for version v with answers and the problems errs
 * (NULL: none). */
static int apply_form(struct req *r, struct svc_ver *v, const struct jval *answers, const struct outcome *errs,
		      const long *docs, long owner)
{
	service_to_hdf(r, v->def, "Svc");
	formview_fill(r, &v->def->form, "Svc.fields", answers, errs);
	hset(r, "Page.svcform", "1");
	const char *ch = app_channel(r->user, NULL);
	if (!str_eq(ch, "online"))
		hset(r, "Channel.operator", "1");
	for (size_t i = 0; i < v->def->ndocs; i++) {
		hset(r, arena_printf(r->a, "Svc.docs.%zu.code", i), v->def->docs[i].code);
		if (docs && docs[i])
			hset_int(r, arena_printf(r->a, "Svc.docs.%zu.chosen", i), docs[i]);
	}
	if (owner)
		page_locker_docs(r, owner);
	hset(r, "LockerLink", owner && str_eq(ch, "online") ? "/locker" :
	     arena_printf(r->a, "/locker?mobile=%s", url_encode(r->a, req_form(r, "applicant_mobile") ? req_form(r, "applicant_mobile") : "")));
	const char *idem = req_form(r, "idem");
	hset(r, "Idem", idem && strlen(idem) <= 80 ? idem : random_token(r->a));
	return tmpl_render(r, "apply.cs");
}

/* A refusal of the whole filing (a short wallet, no office for the
 * place) at the top of the form's error summary. */
static void refusal_on_form(struct req *r, const struct outcome *o)
{
	if (o->key) {
		hset(r, "Form.err.general", tmpl_str(r->lang, o->key));
		hset(r, "Form.has_errors", "1");
	}
}

/* ---- applying in steps ----
 * One question per page (a field, then each document, then Tatkal), the
 * answers kept in a draft between pages, ending on "Check your answers"
 * with the fee and who pays it, the declaration and "Accept and send".
 * GET /apply/:code opens the first step (an operator's first: the
 * applicant's mobile number, asked once); every step posts to
 * /apply/:code with step=<name> and goes on to /my/drafts/:id?step=<next>
 * (back to the check page after a "Change"); /my/drafts/:id opens the
 * check page.  The rules and every write stay application.c's and
 * locker.c's: a step saves the draft through app_file, an upload goes
 * through locker_upload. */

#define STEP_CHECK "check"
#define STEP_TATKAL "tatkal"
#define STEP_MOBILE "applicant"

/* The steps of s for these answers, in order, NULL-terminated: each field
 * shown (a follow-up only once its question is answered so), but the
 * declarations and computed ones (no one types them); "doc_<code>" per document; "tatkal" when offered; "check". */
static const char **steps_of(struct req *r, const struct svc *s, const struct jval *answers)
{
	const struct form_def *d = &s->form;
	const char **st = arena_alloc(r->a, (d->nfields + s->ndocs + 3) * sizeof *st);
	size_t n = 0;
	for (size_t i = 0; i < d->nfields; i++)
		if (!formview_on_check_page(&d->fields[i]) && d->fields[i].type != FT_COMPUTED &&
		    form_shown(d->fields, d->nfields, &d->fields[i], answers))
			st[n++] = d->fields[i].name;
	for (size_t i = 0; i < s->ndocs; i++)
		st[n++] = arena_printf(r->a, "doc_%s", s->docs[i].code);
	if (s->tatkal)
		st[n++] = STEP_TATKAL;
	st[n++] = STEP_CHECK;
	st[n] = NULL;
	return st;
}

/* The document a step "doc_<code>" asks for: its index in s->docs, or -1. */
static long doc_step(const struct svc *s, const char *step)
{
	for (size_t i = 0; i < s->ndocs; i++)
		if (str_eq(step + 4, s->docs[i].code))
			return (long)i;
	return -1;
}

/* The index of step name in st, or -1. */
static long step_index(const char **st, const char *name)
{
	for (long i = 0; name && st[i]; i++)
		if (str_eq(st[i], name))
			return i;
	return -1;
}

/* s with only what one page asks: the declarations (decl) or the field
 * called name. */
static struct svc *svc_part(struct req *r, const struct svc *s, const char *name, bool decl)
{
	struct svc *sub = arena_alloc(r->a, sizeof *sub);
	*sub = *s;
	struct field *f = arena_alloc(r->a, (s->form.nfields + 1) * sizeof *f);
	sub->form.fields = f;
	sub->form.nfields = 0;
	for (size_t i = 0; i < s->form.nfields; i++)
		if (decl ? formview_on_check_page(&s->form.fields[i]) : str_eq(s->form.fields[i].name, name)) {
			f[sub->form.nfields] = s->form.fields[i];
			f[sub->form.nfields++].show_field = NULL;	/* its page is shown only when it applies */
		}
	return sub;
}

/* The names of part's fields as a JSON list: the answers one page
 * replaces (form_merge's only). */
static struct jval *names_of(struct req *r, const struct svc *part)
{
	struct jval *l = arena_alloc(r->a, sizeof *l);
	l->type = J_ARR;
	l->kids = arena_alloc(r->a, (part->form.nfields + 1) * sizeof *l->kids);
	for (size_t i = 0; i < part->form.nfields; i++) {
		struct jval *nm = arena_alloc(r->a, sizeof *nm);
		nm->type = J_STR;
		nm->str = (char *)part->form.fields[i].name;
		nm->n = strlen(nm->str);
		l->kids[l->n++] = nm;
	}
	return l;
}

/* The answers a new application starts from: a citizen's profile address
 * and mobile; the applicant's mobile an operator typed, in every mobile
 * question (typed once). */
static struct jval *start_answers(struct req *r, const struct svc *s, const char *ch, const char *applicant_mobile)
{
	struct sbuf b;
	struct jw w;
	sbuf_init(&b);
	jw_init(&w, &b);
	jw_obj(&w);
	if (str_eq(ch, "online")) {
		const char *addr = db_scalar(r->a, "SELECT address_location_id FROM users WHERE id = ?", "i", (long long)r->user->id);
		if (addr)
			jw_kstr(&w, s->route_field, addr);
		applicant_mobile = r->user->mobile;
	}
	for (size_t i = 0; applicant_mobile && i < s->form.nfields; i++)
		if (s->form.fields[i].type == FT_MOBILE)
			jw_kstr(&w, s->form.fields[i].name, applicant_mobile);
	jw_obj_end(&w);
	struct jval *v = json_parse(r->a, b.data, b.len, NULL);
	sbuf_free(&b);
	return v;
}

/* The draft the filer continues (id), or NULL with *status 404. */
static struct app *my_draft(struct req *r, long id)
{
	struct app *ap = id ? app_load(r->a, NULL, id, false) : NULL;
	return ap && ap->filed_by == r->user->id && str_eq(ap->status, "draft") ? ap : NULL;
}

/* Where the applicant's documents are: the citizen (0: not registered yet). */
static long docs_owner(struct req *r, const char *ch, const struct app *ap)
{
	if (str_eq(ch, "online"))
		return r->user->id;
	return ap && ap->applicant_id > 0 ? ap->applicant_id : 0;
}

/* Renders step of application draft ap (NULL: not started) of version v
 * with answers and the problems errs (NULL: none). */
static int apply_step(struct req *r, struct svc_ver *v, const struct app *ap, const struct jval *answers, const char *step,
		      const struct outcome *errs)
{
	const struct svc *s = v->def;
	const char *ch = app_channel(r->user, NULL);
	service_to_hdf(r, s, "Svc");
	hset(r, "Step.name", step);
	if (ap)
		hset_int(r, "Step.draft", ap->id);
	const char *ret = req_param(r, "return");
	if (str_eq(ret, STEP_CHECK))
		hset(r, "Step.return", STEP_CHECK);
	const char *idem = req_form(r, "idem");
	hset(r, "Idem", idem && strlen(idem) <= 80 ? idem : random_token(r->a));
	/* where Back goes: the step before, the check page after a Change,
	 * or the service's page before the first */
	const char **st = steps_of(r, s, answers);
	long at = step_index(st, step);
	if (str_eq(ret, STEP_CHECK) && ap)
		hset(r, "Step.back", arena_printf(r->a, "/my/drafts/%ld", ap->id));
	else if (at > 0 && ap)
		hset(r, "Step.back", arena_printf(r->a, "/my/drafts/%ld?step=%s", ap->id, st[at - 1]));
	else if (at == 0 && ap && !str_eq(ch, "online"))
		hset(r, "Step.back", arena_printf(r->a, "/my/drafts/%ld?step=%s", ap->id, STEP_MOBILE));
	else
		hset(r, "Step.back", arena_printf(r->a, "/services/%s", s->code));
	long total = 0;
	while (st[total])
		total++;
	hset_int(r, "Step.at", (at < 0 ? 0 : at) + 1 + !str_eq(ch, "online"));
	hset_int(r, "Step.of", total + !str_eq(ch, "online"));
	if (str_eq(step, STEP_MOBILE)) {
		hset(r, "Step.kind", "mobile");
		hset(r, "Page.title", tmpl_str(r->lang, "app.step.mobile_q"));
		if (ap)
			hset(r, "Form.val.applicant_mobile", ap->applicant_mobile);
		if (errs)
			formview_svc_outcome(r, s, errs);
		return tmpl_render(r, "apply_step.cs");
	}
	if (strncmp(step, "doc_", 4) == 0) {
		long di = doc_step(s, step);
		if (di < 0)
			return 404;
		size_t i = (size_t)di;
		const struct docreq *d = &s->docs[i];
		hset(r, "Step.kind", "doc");
		hset(r, "Page.title", i18n_get(&d->label, r->lang));
		hset(r, "Doc.code", d->code);
		hset(r, "Doc.label", i18n_get(&d->label, r->lang));
		if (d->required)
			hset(r, "Doc.required", "1");
		hset_int(r, "Doc.max_kb", d->max_kb);
		long *chosen = ap ? app_docs(r->a, s, ap->id) : NULL;
		if (chosen && chosen[i]) {
			hset_int(r, "Doc.chosen", chosen[i]);
			hset(r, "Doc.chosen_name", db_scalar(r->a, "SELECT label FROM documents WHERE id = ?", "i", (long long)chosen[i]));
		}
		/* the locker's files that fit this document, by their names */
		long owner = docs_owner(r, ch, ap);
		struct dbres *files = owner ? locker_list(r->a, r->user, owner) : NULL;
		for (size_t k = 0, n = 0; files && k < files->nrows; k++) {
			if (!str_eq(db_val(files, k, 1), d->code) || (chosen && (long)db_int(files, k, 0) == chosen[i]))
				continue;
			/* by the file's own name and size, not the locker's internal type code */
			hset(r, arena_printf(r->a, "Doc.locker.%zu.id", n), db_val(files, k, 0));
			hset(r, arena_printf(r->a, "Doc.locker.%zu.name", n), db_val(files, k, 5));
			hset(r, arena_printf(r->a, "Doc.locker.%zu.kb", n++), db_val(files, k, 6));
		}
		if (errs)
			formview_svc_outcome(r, s, errs);
		return tmpl_render(r, "apply_step.cs");
	}
	if (str_eq(step, STEP_TATKAL)) {
		hset(r, "Step.kind", "tatkal");
		hset(r, "Page.title", tmpl_str(r->lang, "app.step.tatkal_q"));
		hset(r, "Form.val.tatkal", ap && ap->tatkal ? "yes" : "no");
		return tmpl_render(r, "apply_step.cs");
	}
	const struct field *f = svc_field(s, step);
	if (!f || formview_on_check_page(f))
		return 404;
	struct svc *one = svc_part(r, s, step, false);
	hset(r, "Step.kind", "field");
	hset(r, "Page.title", i18n_get(&f->label, r->lang));
	formview_fill(r, &one->form, "Svc.fields", answers, errs);
	hset(r, "Svc.fields.0.heading", "1");
	hset(r, "Page.svcform", "1");
	return tmpl_render(r, "apply_step.cs");
}

/* Renders "Check your answers" for draft ap with answers (the problems
 * errs: NULL for none). */
static int apply_check(struct req *r, struct svc_ver *v, const struct app *ap, const struct jval *answers,
		       const struct outcome *errs)
{
	const struct svc *s = v->def;
	const char *ch = app_channel(r->user, NULL);
	service_to_hdf(r, s, "Svc");
	hset(r, "Page.title", tmpl_str(r->lang, "app.step.check_h"));
	hset_int(r, "Step.draft", ap->id);
	hset(r, "Step.name", STEP_CHECK);
	hset(r, "Idem", random_token(r->a));
	formview_summary(r, &s->form, answers, "Answers", true);
	if (!str_eq(ch, "online"))
		hset(r, "Check.applicant_mobile", ap->applicant_mobile);
	long *docs = app_docs(r->a, s, ap->id);
	for (size_t i = 0; i < s->ndocs; i++) {
		const char *p = arena_printf(r->a, "Docs.%zu", i);
		hset(r, arena_printf(r->a, "%s.code", p), s->docs[i].code);
		hset(r, arena_printf(r->a, "%s.label", p), i18n_get(&s->docs[i].label, r->lang));
		if (docs[i])
			hset(r, arena_printf(r->a, "%s.file", p),
			     db_scalar(r->a, "SELECT label FROM documents WHERE id = ?", "i", (long long)docs[i]));
	}
	if (s->tatkal)
		hset(r, "Check.tatkal", ap->tatkal ? "yes" : "no");
	struct app_fee fee = app_fee_of(s, ch, ap->tatkal);
	hset(r, "Fee.gov", money_fmt(r->a, fee.gov));
	if (fee.charge)
		hset(r, "Fee.charge", money_fmt(r->a, fee.charge));
	hset(r, "Fee.total", money_fmt(r->a, fee.total));
	hset(r, "Fee.payer", tmpl_str_n(r->a, r->lang, arena_printf(r->a, "app.step.payer_%s", fee.payer),
					money_fmt(r->a, fee.total)));
	if (str_eq(fee.payer, "wallet"))
		hset(r, "Fee.wallet", money_fmt(r->a, wallet_balance(r->a, r->user->id)));
	/* the declaration is agreed to here, after reading everything */
	formview_fill(r, &svc_part(r, s, NULL, true)->form, "Svc.fields", answers, errs);
	hset(r, "Page.svcform", "1");
	return tmpl_render(r, "apply_check.cs");
}

/* POST /apply/:code with step=<name>: checks that page's answer, keeps it
 * in the draft (made by the first step) and goes on to the next step. */
static int apply_step_post(struct req *r, struct svc_ver *v, const char *ch, const char *step)
{
	const struct svc *s = v->def;
	long draft_id = 0;
	const char *draft = req_form(r, "draft");
	if (draft && !parse_long(draft, 1, 2000000000000L, &draft_id))
		return 400;
	struct app *ap = draft_id ? my_draft(r, draft_id) : NULL;
	if (draft_id && !ap)
		return 404;
	struct outcome out;
	out_init(&out, r->a);
	const char *err;
	struct jval *old = ap ? json_parse(r->a, ap->form, strlen(ap->form), &err) : NULL;
	const char *mobile = ap ? ap->applicant_mobile : req_form(r, "applicant_mobile");
	if (str_eq(step, STEP_MOBILE)) {
		mobile = req_form(r, "applicant_mobile");
		hset(r, "Form.val.applicant_mobile", mobile);
		if (!valid_mobile(mobile)) {	/* this page asks only that */
			out_field(&out, "applicant_mobile", "auth.mobile_bad", NULL);
			r->status = 422;
			return apply_step(r, v, ap, NULL, step, &out);
		}
	}
	if (!old)
		old = start_answers(r, s, ch, str_eq(ch, "online") ? NULL : mobile);
	struct jval *answers = old;
	long *doc_ids = arena_alloc(r->a, (s->ndocs + 1) * sizeof *doc_ids);
	bool tatkal = ap && ap->tatkal;
	long owner = docs_owner(r, ch, ap);
	if (strncmp(step, "doc_", 4) == 0) {
		long di = doc_step(s, step);
		if (di < 0)
			return 404;
		size_t i = (size_t)di;
		const struct upload *u = req_upload(r, "file");
		long pick;
		if (req_form(r, "remove")) {
			doc_ids[i] = -1;
		} else if (u && u->len) {
			struct locker_file lf = { .mobile = str_eq(ch, "online") ? NULL : mobile, .doc_type = s->docs[i].code,
						  .label = u->filename, .data = u->data, .len = u->len, .lang = r->lang };
			doc_ids[i] = locker_upload(r->a, &r->actor, &lf, &out);
			if (!doc_ids[i]) {
				/* the file's problem is this document's */
				for (size_t k = 0; k < out.nerrs; k++)
					out.errs[k].field = arena_printf(r->a, "doc_%s", s->docs[i].code);
				if (out.status != 422 || !out.nerrs)
					return page_outcome(r, &out);
				r->status = 422;
				return apply_step(r, v, ap, answers, step, &out);
			}
		} else if (parse_long(req_form(r, "locker_doc"), 1, 2000000000000L, &pick)) {
			doc_ids[i] = pick;
		} else if (s->docs[i].required && !(ap && app_docs(r->a, s, ap->id)[i])) {
			out_field(&out, arena_printf(r->a, "doc_%s", s->docs[i].code), "app.doc_missing", NULL);
			r->status = 422;
			return apply_step(r, v, ap, answers, step, &out);
		}
	} else if (str_eq(step, STEP_TATKAL)) {
		tatkal = str_eq(req_form(r, "tatkal"), "yes");
	} else if (!str_eq(step, STEP_MOBILE)) {
		const struct field *f = svc_field(s, step);
		if (!f || formview_on_check_page(f))
			return 404;
		struct svc *one = svc_part(r, s, step, false);
		answers = form_merge(r->a, &s->form, old, formview_answers(r, &one->form), names_of(r, one));
		if (picker_refresh(r))
			return apply_step(r, v, ap, answers, step, NULL);
		/* this page's answer must be right before going on */
		struct form_env env;
		const char *norm;
		struct outcome all;
		out_init(&all, r->a);
		app_form_env(r->a, r->user, owner, &env);
		form_check(r->a, &one->form, answers, &env, &all, &norm);
		if (all.nerrs) {
			r->status = 422;
			return apply_step(r, v, ap, answers, step, &all);
		}
	}
	struct filing fl = { .channel = ch, .applicant_mobile = mobile, .lang = r->lang };
	struct app_input in = { .ver = v, .answers = answers, .doc_ids = doc_ids, .tatkal = tatkal, .idem = ap ? NULL : req_form(r, "idem"),
				.submit = false, .draft_id = ap ? ap->id : 0 };
	struct app_filed done;
	int st = app_file(r->a, &r->actor, &fl, &in, &done, &out);
	if (st == 422 && out.nerrs) {
		r->status = 422;
		return apply_step(r, v, ap, answers, step, &out);
	}
	if (st)
		return page_outcome(r, &out);
	/* on to the next step (the first for a new application), or back to
	 * the check page after a Change */
	const char **steps = steps_of(r, s, answers);
	long at = step_index(steps, step);
	const char *next = str_eq(req_form(r, "return"), STEP_CHECK) ? STEP_CHECK : steps[at < 0 ? 0 : at + 1];
	/* a follow-up question that now applies is asked even after a Change */
	if (str_eq(next, STEP_CHECK) && at >= 0 && steps[at + 1] && !str_eq(steps[at + 1], STEP_CHECK) &&
	    !json_get(answers, steps[at + 1]) && svc_field(s, steps[at + 1]))
		next = steps[at + 1];
	resp_redirect(r, str_eq(next, STEP_CHECK) ? arena_printf(r->a, "/my/drafts/%ld", done.id)
						  : arena_printf(r->a, "/my/drafts/%ld?step=%s", done.id, next));
	return 0;
}

/* POST /apply/:code with accept=1: "Accept and send" on the check page —
 * the draft's answers with the declaration just agreed to, filed. */
static int apply_accept(struct req *r, struct svc_ver *v, const char *ch)
{
	long draft_id;
	if (!parse_long(req_form(r, "draft"), 1, 2000000000000L, &draft_id))
		return 400;
	struct app *ap = my_draft(r, draft_id);
	if (!ap)
		return 404;
	const struct svc *s = v->def;
	const char *err;
	struct jval *old = json_parse(r->a, ap->form, strlen(ap->form), &err);
	struct svc *decl = svc_part(r, s, NULL, true);
	struct jval *fresh = formview_answers(r, &decl->form);
	/* every declaration box takes its fresh answer (unticked = absent) */
	struct jval *answers = form_merge(r->a, &s->form, old, fresh, names_of(r, decl));
	struct filing fl = { .channel = ch, .applicant_mobile = ap->applicant_mobile, .lang = r->lang };
	struct app_input in = { .ver = v, .answers = answers, .tatkal = ap->tatkal, .submit = true, .draft_id = ap->id };
	struct app_filed done;
	struct outcome out;
	out_init(&out, r->a);
	int st = app_file(r->a, &r->actor, &fl, &in, &done, &out);
	if (st == 0) {
		resp_redirect(r, arena_printf(r->a, "/my/app/%s?ack=1", done.number));
		return 0;
	}
	if (st == 422) {
		refusal_on_form(r, &out);
		r->status = 422;
		int rc = apply_check(r, v, ap, answers, &out);
		r->status = 422;
		return rc;
	}
	return page_outcome(r, &out);
}

/* GET /apply/:code — the first step (an operator: the applicant's mobile) */
int page_apply(struct req *r)
{
	struct svc_ver *v = svcstore_published(r->a, rp(r, 0));
	if (!v)
		return 404;
	const char *ch = app_channel(r->user, NULL);
	if (!ch)
		return 403;
	if (!(v->def->channels & (1u << channel_from(ch)))) {
		r->err_detail = tmpl_str(r->lang, "app.channel_closed");
		return 403;
	}
	if (!str_eq(ch, "online"))
		return apply_step(r, v, NULL, NULL, STEP_MOBILE, NULL);
	struct jval *start = start_answers(r, v->def, ch, NULL);
	return apply_step(r, v, NULL, start, steps_of(r, v->def, start)[0], NULL);
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

/* POST /apply/:code — one step, "Accept and send", or the whole form at once */
int page_apply_post(struct req *r)
{
	struct svc_ver *v = svcstore_published(r->a, rp(r, 0));
	if (!v)
		return 404;
	const char *ch = app_channel(r->user, NULL);
	if (!ch)
		return 403;
	if (req_form(r, "step"))
		return apply_step_post(r, v, ch, req_form(r, "step"));
	if (req_form(r, "accept"))
		return apply_accept(r, v, ch);
	/* the whole form in one post (the form before the steps; scripts) */
	struct filing fl = { .channel = ch, .applicant_mobile = req_form(r, "applicant_mobile"), .lang = r->lang };
	hset(r, "Form.val.applicant_mobile", fl.applicant_mobile);
	if (req_form(r, "tatkal"))
		hset(r, "Form.val.tatkal", "1");
	struct jval *answers = formview_answers(r, &v->def->form);
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
	struct app_filed done;
	struct outcome out;
	out_init(&out, r->a);
	int st = app_file(r->a, &r->actor, &fl, &in, &done, &out);
	if (st == 0) {
		if (!in.submit) {
			resp_redirect(r, arena_printf(r->a, "/my/drafts/%ld?saved=1", done.id));
			return 0;
		}
		resp_redirect(r, arena_printf(r->a, "/my/app/%s?ack=1", done.number));
		return 0;
	}
	if (st == 422) {
		refusal_on_form(r, &out);
		r->status = 422;
		int rc = apply_form(r, v, answers, &out, in.doc_ids, owner);
		r->status = 422;
		return rc;
	}
	return page_outcome(r, &out);
}

/* GET /my/drafts/:id[?step=<name>] — a step of a draft, or "Check your
 * answers" */
int page_draft(struct req *r)
{
	long id;
	if (!parse_long(rp(r, 0), 1, 2000000000000L, &id))
		return 404;
	struct app *ap = my_draft(r, id);
	if (!ap)
		return 404;
	struct svc_ver *v = svcstore_published(r->a, ap->ver->def->code);
	if (!v)
		return 404;
	const char *err;
	struct jval *answers = json_parse(r->a, ap->form, strlen(ap->form), &err);
	if (req_query(r, "saved"))
		hset(r, "Flash", tmpl_str(r->lang, "app.draft_saved"));
	const char *step = req_query(r, "step");
	if (step && !str_eq(step, STEP_CHECK))
		return apply_step(r, v, ap, answers, step, NULL);
	return apply_check(r, v, ap, answers, NULL);
}

/* What an application page offers its applicant besides what it shows. */
struct app_offers {
	bool appeal;		/* an appeal may be filed now */
	bool feedback;		/* decided and not rated yet */
};

/* Sets App.* and History.* for an application page; what it may offer. */
static struct app_offers app_to_hdf(struct req *r, const struct app *ap)
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
	hset(r, "App.submitted", date_long(r->a, ap->submitted_at, r->lang));
	hset(r, "App.due", date_long(r->a, ap->due_date, r->lang));
	hset(r, "App.stage_due", date_long(r->a, ap->stage_due, r->lang));
	hset(r, "App.fee", money_fmt(r->a, ap->fee_paise));
	if (ap->tatkal)
		hset(r, "App.tatkal", "1");
	if (ap->overdue)
		hset(r, "App.overdue", "1");
	const struct stage *st = svc_stage(s, (size_t)ap->stage_idx);
	if (st && (str_eq(ap->status, "pending") || str_eq(ap->status, "returned")))
		hset(r, "App.stage", i18n_get(&st->name, r->lang));
	hset(r, "App.return_remarks", ap->return_remarks);
	/* the office, who filed it, its certificate, receipts and whether it
	 * was rated: one statement (they were six) */
	struct dbres *m = db_query(r->a, "SELECT (SELECT IF(? = 'hi', name_hi, name_en) FROM offices WHERE id = ?), "
					 "(SELECT TRIM(CONCAT_WS(' ', first_name, last_name)) FROM users WHERE id = ?), "
					 "(SELECT number FROM certificates WHERE app_id = ? ORDER BY id DESC LIMIT 1), "
					 "(SELECT status FROM certificates WHERE app_id = ? ORDER BY id DESC LIMIT 1), "
					 "(SELECT GROUP_CONCAT(receipt_no ORDER BY id SEPARATOR ' ') FROM receipts WHERE app_id = ?), "
					 "EXISTS (SELECT 1 FROM feedback WHERE app_id = ?)", "siiiiii", r->lang, (long long)ap->office_id,
				   (long long)ap->filed_by, (long long)ap->id, (long long)ap->id, (long long)ap->id, (long long)ap->id);
	struct app_offers offers = { 0 };
	if (m && m->nrows == 1) {
		hset(r, "App.office", db_val(m, 0, 0));
		hset(r, "App.filed_by", db_val(m, 0, 1));
		if (db_val(m, 0, 2)) {
			hset(r, "App.cert", db_val(m, 0, 2));
			hset(r, "App.cert_status", db_val(m, 0, 3));
		}
		hset_words(r, "Receipts", "no", db_val(m, 0, 4));
		offers.feedback = app_feedback_open(ap, db_int(m, 0, 5) == 1);
	}
	struct dbres *ev = db_query(r->a, "SELECT DATE_FORMAT(e.at, '%Y-%m-%d %H:%i'), e.action, IFNULL(e.role, ''), "
					  "IFNULL(TRIM(CONCAT_WS(' ', u.first_name, u.last_name)), ''), IFNULL(e.remarks, ''), "
					  "IFNULL(e.out_of_order_reason, '') FROM app_events e LEFT JOIN users u ON u.id = e.actor_id "
					  "WHERE e.app_id = ? ORDER BY e.id", "i", (long long)ap->id);
	for (size_t i = 0; ev && i < ev->nrows; i++) {
		const char *p = arena_printf(r->a, "History.%zu", i);
		hset(r, arena_printf(r->a, "%s.at", p), date_long(r->a, db_val(ev, i, 0), r->lang));
		hset(r, arena_printf(r->a, "%s.action", p), tmpl_str(r->lang, arena_printf(r->a, "app.ev.%s", db_val(ev, i, 1))));
		const char *role = db_val(ev, i, 2);
		hset(r, arena_printf(r->a, "%s.who", p), *role ? tmpl_str(r->lang, arena_printf(r->a, "role.%s", role)) : db_val(ev, i, 3));
		hset(r, arena_printf(r->a, "%s.remarks", p), db_val(ev, i, 4));
		hset(r, arena_printf(r->a, "%s.ooo", p), db_val(ev, i, 5));
	}
	/* the appeals, oldest level first; the last one decides what may be
	 * filed now (wf_appeal_of) */
	struct dbres *ap2 = db_query(r->a, "SELECT level, status, IFNULL(order_text, ''), DATE_FORMAT(filed_at, '%Y-%m-%d'), "
					   "filed_at < NOW() - INTERVAL 30 DAY FROM appeals WHERE app_id = ? ORDER BY level", "i",
				     (long long)ap->id);
	static const char *const acols[] = { "level", "status", "order", "filed", NULL };
	hset_rows(r, "Appeals", ap2, acols);
	hset_rows_date(r, "Appeals", ap2, 3, "filed");
	offers.appeal = ap2 && wf_appeal_of(ap, ap2, ap2->nrows ? ap2->nrows - 1 : 0) > 0;
	return offers;
}

/* GET /my/app/@no */
int page_my_app(struct req *r)
{
	struct app *ap = app_load(r->a, rp(r, 0), 0, false);
	if (!app_mine(r->user, ap))
		return 404;
	struct app_offers offers = app_to_hdf(r, ap);
	if (req_query(r, "ack") && !str_eq(ap->status, "unpaid"))
		hset(r, "Ack", "1");
	if (req_query(r, "paid"))
		hset(r, "Flash", tmpl_str(r->lang, str_eq(req_query(r, "paid"), "success") ? "pay.done" : "pay.failed"));
	if (offers.appeal)
		hset(r, "CanAppeal", "1");
	if (offers.feedback)
		hset(r, "CanFeedback", "1");
	return tmpl_render(r, "my_app.cs");
}

/* GET /my — the applicant's and the operator's applications */
int page_my(struct req *r)
{
	/* newest first, MY_PAGE a page; "Older applications" goes on with
	 * ?before=<the last id shown> (an operator files hundreds) */
	enum { MY_PAGE = 25 };
	long before = 0;
	const char *bs = req_query(r, "before");
	if (bs && !parse_long(bs, 1, 2000000000000L, &before))
		return 400;
	struct dbres *rows = db_query(r->a,
		"SELECT a.number, a.id, v.name_en, v.name_hi, a.status, a.due_date, a.applicant_name, "
		"DATE_FORMAT(IFNULL(a.submitted_at, a.created_at), '%Y-%m-%d'), a.channel "
		"FROM applications a JOIN service_versions v ON v.id = a.version_id "
		"WHERE (a.applicant_id = ? OR a.filed_by = ?) AND (? = 0 OR a.id < ?) ORDER BY a.id DESC LIMIT ?", "iiiii",
		(long long)r->user->id, (long long)r->user->id, (long long)before, (long long)before, (long long)MY_PAGE + 1);
	if (!rows)
		return 503;
	if (rows->nrows > MY_PAGE) {
		rows->nrows = MY_PAGE;
		hset(r, "Older", db_val(rows, MY_PAGE - 1, 1));
	}
	if (before)
		hset(r, "Newer", "1");
	static const char *const cols[] = { "number", "id", "name_en", "name_hi", "status", "due", "applicant", "date", "channel", NULL };
	hset_rows(r, "Rows", rows, cols);
	hset_rows_date(r, "Rows", rows, 5, "due");
	hset_rows_date(r, "Rows", rows, 7, "date");
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
	const char *ch = arena_printf(r->a, "svc.ch.%s", ap->channel);	/* "CSC (Pragya Kendra)", not "csc" */
	facts[n++] = (struct cert_fact){ "Filed through", "माध्यम", arena_printf(r->a, "%s / %s", tmpl_str("hi", ch), tmpl_str("en", ch)) };
	facts[n++] = (struct cert_fact){ "Fee paid", "शुल्क", money_fmt(r->a, ap->fee_paise) };
	facts[n++] = (struct cert_fact){ "Tatkal", "तत्काल", ap->tatkal ? "हाँ / Yes" : "नहीं / No" };
	struct ack_layout al = {
		.state = { cfg.state_name_en, cfg.state_name_hi },
		.department = { dept_en, dept_hi },
		.office = { office_en, office_hi },
		.title = { "Acknowledgement", "पावती" },
		.facts = facts, .n_facts = n,
		.app_no = ap->number,
		.filed_date = cert_date(r->a, ap->submitted_at),
		.due_date = cert_date(r->a, ap->due_date),
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
	if (!app_mine(r->user, ap))
		return 404;
	if (!str_eq(ap->status, "returned"))
		return 409;
	const struct svc *s = ap->ver->def;
	/* only the flagged fields are offered for editing */
	const char *err;
	struct jval *flags = ap->return_fields ? json_parse(r->a, ap->return_fields, strlen(ap->return_fields), &err) : NULL;
	struct svc *sub = arena_alloc(r->a, sizeof *sub);
	*sub = *s;
	sub->form.fields = arena_alloc(r->a, (s->form.nfields + 1) * sizeof *sub->form.fields);
	sub->form.nfields = 0;
	sub->docs = arena_alloc(r->a, (s->ndocs + 1) * sizeof *sub->docs);
	sub->ndocs = 0;
	for (size_t i = 0; i < s->form.nfields; i++)
		if (form_listed(flags, s->form.fields[i].name))
			sub->form.fields[sub->form.nfields++] = s->form.fields[i];
	for (size_t i = 0; i < s->ndocs; i++)
		if (form_listed(flags, arena_printf(r->a, "doc_%s", s->docs[i].code)))
			sub->docs[sub->ndocs++] = s->docs[i];
	struct svc_ver v = *ap->ver;
	v.def = sub;
	hset(r, "Action", arena_printf(r->a, "/my/app/%s/edit", ap->number));
	hset(r, "App.number", ap->number);
	hset(r, "App.return_remarks", ap->return_remarks);
	if (str_eq(r->method, "GET")) {
		struct jval *old = json_parse(r->a, ap->form, strlen(ap->form), &err);
		return apply_form(r, &v, old, NULL, NULL, ap->applicant_id);
	}
	struct jval *answers = formview_answers(r, &sub->form);
	if (picker_refresh(r))
		return apply_form(r, &v, answers, NULL, NULL, ap->applicant_id);
	/* documents are chosen against the full list */
	long *docs = chosen_docs(r, s);
	struct outcome out;
	out_init(&out, r->a);
	int st = app_resubmit(r->a, &r->actor, ap->number, answers, docs, &out);
	if (st == 0) {
		resp_redirect(r, arena_printf(r->a, "/my/app/%s?resubmitted=1", ap->number));
		return 0;
	}
	if (st == 422) {
		/* problems with any answer, offered here or not, by the full form's names */
		formview_outcome(r, &s->form, &out);
		r->status = 422;
		int rc = apply_form(r, &v, answers, NULL, docs, ap->applicant_id);
		r->status = 422;
		return rc;
	}
	return page_outcome(r, &out);
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
	long rating;
	if (!parse_long(req_form(r, "rating"), 1, 5, &rating))
		rating = 0;	/* app_feedback refuses it (400) once it knows the application is hers */
	struct outcome out;
	out_init(&out, r->a);
	int st = app_feedback(r->a, &r->actor, rp(r, 0), rating, req_form(r, "comment"), &out);
	if (st == 422) {
		struct app *ap = app_load(r->a, rp(r, 0), 0, false);
		page_outcome(r, &out);
		return ap ? my_app_refused(r, ap, "CanFeedback") : 404;
	}
	if (st)
		return page_outcome(r, &out);
	resp_redirect(r, arena_printf(r->a, "/my/app/%s?thanks=1", rp(r, 0)));
	return 0;
}

/* GET /track, POST /track — public: number + registered mobile, status and
 * stage only.  The form posts: the mobile number never travels in a URL
 * (browser history, logs, a shared link); a GET only fills the number in
 * (the acknowledgement's link), whatever else its query holds. */
int page_track(struct req *r)
{
	bool post = str_eq(r->method, "POST");
	const char *number = post ? req_form(r, "number") : req_query(r, "number");
	const char *mobile = post ? req_form(r, "mobile") : NULL;
	hset(r, "Form.val.number", number);
	hset(r, "Form.val.mobile", mobile);
	if (!post)
		return tmpl_render(r, "track.cs");
	if (str_empty(number) || strlen(number) > 48)
		form_error(r, "number", "track.number_bad");
	if (!valid_mobile(mobile))
		form_error(r, "mobile", "auth.mobile_bad");
	if (form_has_errors(r)) {
		r->status = 422;
		return tmpl_render(r, "track.cs");
	}
	struct app *ap = app_track(r->a, number, mobile);
	if (!ap) {
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
	hset(r, "T.due", date_long(r->a, ap->due_date, r->lang));
	return tmpl_render(r, "track.cs");
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
	hset_rows_date(r, "Rows", rows, 5, "date");
	struct dbres *svcs = db_query(r->a, "SELECT s.code, v.name_en, v.name_hi FROM services s JOIN service_versions v "
					    "ON v.id = s.published_version_id WHERE s.status = 'active' ORDER BY s.code", NULL);
	static const char *const scols[] = { "code", "name_en", "name_hi", NULL };
	hset_rows(r, "Services", svcs, scols);
	return tmpl_render(r, "csc.cs");
}

/* ---- the JSON API ---- */

static const struct api_col app_cols[] = {
	{"at", 0, AK_STR},
	{"action", 1, AK_STR},
	{"role", 2, AK_STR},
	{"remarks", 3, AK_STR},
};

static void app_json(struct req *r, struct jw *w, const struct app *ap, bool full)
{
	const struct svc *s = ap->ver->def;
	jw_obj(w);
	if (ap->number)
		jw_kstr(w, "number", ap->number);
	else
		jw_kstr(w, "number", arena_printf(r->a, "D%ld", ap->id));
	jw_kstr(w, "service", s->code);
	jw_kint(w, "service_version", ap->ver->version);
	jw_kstr(w, "status", ap->status);
	const struct stage *st = svc_stage(s, (size_t)ap->stage_idx);
	if (st && (str_eq(ap->status, "pending") || str_eq(ap->status, "returned"))) {
		jw_key(w, "stage");
		jw_obj(w);
		jw_kstr(w, "code", st->code);
		jw_kstr(w, "name", i18n_get(&st->name, r->lang));
		jw_kstr(w, "role", ap->stage_role);
		jw_obj_end(w);
	}
	jw_kstr(w, "channel", ap->channel);
	jw_kbool(w, "tatkal", ap->tatkal);
	jw_kstr(w, "submitted_at", sql_time_iso(r->a, ap->submitted_at));
	jw_kstr(w, "due_date", ap->due_date);
	jw_kstr(w, "stage_due", ap->stage_due);
	if (ap->office_id) {
		jw_key(w, "office");
		jw_obj(w);
		jw_kint(w, "id", ap->office_id);
		jw_kstr(w, "name", db_scalar(r->a, "SELECT name_en FROM offices WHERE id = ?", "i", (long long)ap->office_id));
		jw_obj_end(w);
	}
	jw_key(w, "fee");
	jw_obj(w);
	jw_kint(w, "amount_paise", ap->fee_paise);
	jw_obj_end(w);
	if (ap->return_remarks) {
		jw_kstr(w, "return_remarks", ap->return_remarks);
		jw_key(w, "return_fields");
		const char *err;
		jw_value(w, ap->return_fields ? json_parse(r->a, ap->return_fields, strlen(ap->return_fields), &err) : NULL);
	}
	if (full) {
		jw_kstr(w, "applicant_name", ap->applicant_name);
		jw_key(w, "fields");
		const char *err;
		jw_value(w, json_parse(r->a, ap->form, strlen(ap->form), &err));
		jw_key(w, "history");
		jw_arr(w);
		struct dbres *ev = db_query(r->a, "SELECT DATE_FORMAT(at, '%Y-%m-%dT%H:%i:%s+05:30'), action, role, remarks, "
						  "out_of_order_reason FROM app_events WHERE app_id = ? ORDER BY id", "i", (long long)ap->id);
		for (size_t i = 0; ev && i < ev->nrows; i++) {
			jw_obj(w);
			API_COLS(r->a, w, ev, i, app_cols);
			if (db_val(ev, i, 4))
				jw_kstr(w, "out_of_order_reason", db_val(ev, i, 4));
			jw_obj_end(w);
		}
		jw_arr_end(w);
		const char *cert = db_scalar(r->a, "SELECT number FROM certificates WHERE app_id = ? ORDER BY id DESC LIMIT 1", "i",
					     (long long)ap->id);
		if (cert)
			jw_kstr(w, "certificate", cert);
	}
	jw_obj_end(w);
}

static int send_app(struct req *r, int status, const struct app *ap, bool full)
{
	struct sbuf b;
	struct jw w;
	sbuf_init(&b);
	jw_init(&w, &b);
	app_json(r, &w, ap, full);
	api_send(r, status, &b);
	return 0;
}

/* Locker document ids per service document from {doc_type: id}. */
static long *api_docs(struct req *r, const struct svc *s, const struct jval *docs)
{
	long *ids = arena_alloc(r->a, (s->ndocs + 1) * sizeof *ids);
	for (size_t i = 0; i < s->ndocs; i++) {
		long id;
		if (json_get_long(docs, s->docs[i].code, &id) && id > 0)
			ids[i] = id;	/* (-1 would empty the slot: the pages' "Remove", not the API's) */
	}
	return ids;
}

/* fields plus name = value when fields has no answer for name yet. */
static struct jval *with_answer(struct req *r, struct jval *fields, const char *name, const char *value)
{
	if (!name || !value || json_get(fields, name))
		return fields;
	struct jval *o = arena_alloc(r->a, sizeof *o);
	*o = *fields;
	o->keys = arena_alloc(r->a, (fields->n + 1) * sizeof *o->keys);
	o->kids = arena_alloc(r->a, (fields->n + 1) * sizeof *o->kids);
	memcpy(o->keys, fields->keys, fields->n * sizeof *o->keys);
	memcpy(o->kids, fields->kids, fields->n * sizeof *o->kids);
	struct jval *v = arena_alloc(r->a, sizeof *v);
	v->type = J_STR;
	v->str = (char *)value;
	o->keys[o->n] = (char *)name;
	o->kids[o->n++] = v;
	return o;
}

/* The answers of a filing: "fields", completed from the envelope's
 * address_location_id (the routing field) and applicant.name (the
 * applicant_name field) when the service has those fields. */
static struct jval *api_answers(struct req *r, struct jval *fields, const struct svc *s, const struct jval *in)
{
	if (!fields || fields->type != J_OBJ)
		return fields;
	long loc;
	if (json_get_long(in, "address_location_id", &loc))
		fields = with_answer(r, fields, s->route_field, arena_printf(r->a, "%ld", loc));
	if (svc_field(s, "applicant_name"))
		fields = with_answer(r, fields, "applicant_name", json_get_str(json_get(in, "applicant"), "name"));
	return fields;
}

/* POST /api/v1/applications */
int api_app_create(struct req *r)
{
	struct jval *in = api_body(r);
	if (!in)
		return 400;
	struct svc_ver *v = svcstore_published(r->a, json_get_str(in, "service") ? json_get_str(in, "service") : "");
	if (!v) {
		form_error(r, "service", "api.service_unknown");
		return 422;
	}
	const char *ch = app_channel(r->user, json_get_str(in, "channel"));
	if (!ch)
		return 403;
	struct jval *applicant = json_get(in, "applicant");
	struct filing fl = { .channel = ch, .applicant_mobile = json_get_str(applicant, "mobile"), .lang = r->lang };
	struct jval *fields = api_answers(r, json_get(in, "fields"), v->def, in);
	struct app_input ai = { .ver = v, .answers = fields, .doc_ids = api_docs(r, v->def, json_get(in, "documents")),
				.tatkal = json_get_bool(in, "tatkal", false), .idem = r->idem_key,
				.submit = json_get_bool(in, "submit", true) };
	struct app_filed done;
	struct outcome out;
	out_init(&out, r->a);
	if (app_file(r->a, &r->actor, &fl, &ai, &done, &out))
		return page_outcome(r, &out);
	struct app *ap = app_load(r->a, NULL, done.id, false);
	return ap ? send_app(r, done.repeat ? 200 : 201, ap, false) : 503;
}

/* Finds an application by NO (a number, or D<id> for a draft) visible to the user. */
static struct app *api_find(struct req *r, const char *no)
{
	struct app *ap;
	long id;
	if (no && no[0] == 'D' && parse_long(no + 1, 1, 2000000000000L, &id))
		ap = app_load(r->a, NULL, id, false);
	else
		ap = app_load(r->a, no, 0, false);
	return app_visible(r->user, ap) ? ap : NULL;
}

/* GET /api/v1/applications/NO */
int api_app_get(struct req *r)
{
	struct app *ap = api_find(r, rp(r, 0));
	return ap ? send_app(r, 200, ap, true) : 404;
}

/* PATCH /api/v1/applications/NO — edit a draft (or correct a returned one) */
int api_app_patch(struct req *r)
{
	struct app *ap = api_find(r, rp(r, 0));
	if (!app_mine(r->user, ap))
		return 404;
	struct jval *in = api_body(r);
	if (!in)
		return 400;
	bool submit = str_ends_with(r->path, "/submit");
	struct jval *fields = api_answers(r, json_get(in, "fields"), ap->ver->def, in);
	struct outcome out;
	out_init(&out, r->a);
	if (str_eq(ap->status, "returned")) {
		if (!submit) {
			/* corrections go back into the queue at once: one call, not two */
			r->err_code = "use_submit";
			r->err_detail = tmpl_str(r->lang, "app.patch_returned");
			return 409;
		}
		if (app_resubmit(r->a, &r->actor, ap->number, fields, api_docs(r, ap->ver->def, json_get(in, "documents")), &out))
			return page_outcome(r, &out);
	} else if (str_eq(ap->status, "draft")) {
		struct svc_ver *v = svcstore_published(r->a, ap->ver->def->code);
		if (!v)
			return 409;
		if (!fields) {
			const char *err;
			fields = json_parse(r->a, ap->form, strlen(ap->form), &err);
		}
		struct filing fl = { .channel = ap->channel, .applicant_mobile = ap->applicant_mobile, .lang = r->lang };
		struct app_input ai = { .ver = v, .answers = fields, .doc_ids = api_docs(r, v->def, json_get(in, "documents")),
					.tatkal = json_get_bool(in, "tatkal", ap->tatkal), .submit = submit, .draft_id = ap->id };
		struct app_filed done;
		if (app_file(r->a, &r->actor, &fl, &ai, &done, &out))
			return page_outcome(r, &out);
	} else {
		return 409;
	}
	ap = app_load(r->a, NULL, ap->id, false);
	return ap ? send_app(r, 200, ap, false) : 503;
}

/* GET /api/v1/applications?mine=1&status=S&limit=N */
int api_app_list(struct req *r)
{
	const char *status = req_query(r, "status"), *lim = req_query(r, "limit"), *before = req_query(r, "before");
	long limit = 50, cursor = 0;
	if ((lim && !parse_long(lim, 1, 100, &limit)) || (before && !parse_long(before, 1, 2000000000000L, &cursor)))
		return 400;
	/* mine=0: an officer's whole jurisdiction (offices under up to four
	 * holding roots, each with its department for a department-scoped
	 * holding); otherwise what the caller filed or applied for */
	struct juris_root roots[4] = { { "\x01", 0 }, { "\x01", 0 }, { "\x01", 0 }, { "\x01", 0 } };
	bool area = str_eq(req_query(r, "mine"), "0");
	if (area) {
		const struct juris_root *pre = juris_prefixes(r->a, r->user, RB_OFFICERS);
		for (size_t i = 0; pre[i].path && i < 4; i++)
			roots[i] = pre[i];
		if (!pre[0].path) {
			r->err_detail = tmpl_str(r->lang, "api.no_area");
			return 403;
		}
	}
#define ROOT_MATCH "(l.path LIKE CONCAT(?, '%') AND (? = 0 OR s.department_id = ?))"
	struct dbres *rows = db_query(r->a,
		"SELECT a.id FROM applications a JOIN services s ON s.id = a.service_id LEFT JOIN offices o ON o.id = a.office_id "
		"LEFT JOIN locations l ON l.id = o.location_id "
		"WHERE (? = 0 AND (a.applicant_id = ? OR a.filed_by = ?) OR ? = 1 AND a.status <> 'draft' AND "
		"(" ROOT_MATCH " OR " ROOT_MATCH " OR " ROOT_MATCH " OR " ROOT_MATCH ")) "
		"AND (? = '' OR a.status = ?) AND (? = 0 OR a.id < ?) ORDER BY a.id DESC LIMIT ?",
		"iiiisiisiisiisiissiii", (long long)area, (long long)r->user->id, (long long)r->user->id, (long long)area,
		roots[0].path, (long long)roots[0].dept, (long long)roots[0].dept, roots[1].path, (long long)roots[1].dept,
		(long long)roots[1].dept, roots[2].path, (long long)roots[2].dept, (long long)roots[2].dept, roots[3].path,
		(long long)roots[3].dept, (long long)roots[3].dept, status ? status : "", status ? status : "", (long long)cursor,
		(long long)cursor, (long long)limit);
#undef ROOT_MATCH
	if (!rows)
		return 503;
	struct sbuf b;
	struct jw w;
	api_list_open(&b, &w);
	for (size_t i = 0; i < rows->nrows; i++) {
		struct app *ap = app_load(r->a, NULL, (long)db_int(rows, i, 0), false);
		if (ap)
			app_json(r, &w, ap, false);
	}
	/* a full page may have more behind it: ask again with before=<next> */
	return api_list_send(r, &b, &w, rows->nrows == (size_t)limit ? db_val(rows, rows->nrows - 1, 0) : NULL);
}

/* POST /api/v1/track {number, mobile}; GET /api/v1/track?number=&mobile=
 * (v1 keeps it; the POST keeps the mobile out of URLs) — public: status
 * and stage only */
int api_track(struct req *r)
{
	const char *number, *mobile;
	if (str_eq(r->method, "POST")) {
		struct jval *in = api_body(r);
		if (!in)
			return 400;
		number = json_get_str(in, "number");
		mobile = json_get_str(in, "mobile");
	} else {
		number = req_query(r, "number");
		mobile = req_query(r, "mobile");
	}
	if (!number || !mobile)
		return 400;
	struct app *ap = app_track(r->a, number, mobile);
	if (!ap)
		return 404;
	struct sbuf b;
	struct jw w;
	sbuf_init(&b);
	jw_init(&w, &b);
	jw_obj(&w);
	jw_kstr(&w, "number", ap->number);
	jw_kstr(&w, "service", ap->ver->def->code);
	jw_kstr(&w, "status", ap->status);
	const struct stage *st = svc_stage(ap->ver->def, (size_t)ap->stage_idx);
	jw_kstr(&w, "stage", st && str_eq(ap->status, "pending") ? i18n_get(&st->name, r->lang) : NULL);
	jw_kstr(&w, "due_date", ap->due_date);
	jw_obj_end(&w);
	return api_send(r, 200, &b);
}

/* GET /api/v1/applications/NO/acknowledgement */
int api_app_ack(struct req *r)
{
	return page_ack_pdf(r);
}
