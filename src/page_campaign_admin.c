/*
 * page_campaign_admin.c — Jan Samvad administration pages (state
 * administrators): the do-not-call list, and a campaign's definition
 * (settings, questions, status).  Rules and writes are in
 * campaign_admin.c.
 */
#include "pages.h"
#include "campaign.h"
#include "fieldedit.h"
#include "formview.h"
#include "tmpl.h"

#include <string.h>

/* ---- do not call ---- */

/* The list page, with the problems and values of a refused form kept. */
static int dnc_page(struct req *r)
{
	const char *q = req_query(r, "q");
	if (q && (strlen(q) > 10 || strspn(q, "0123456789") != strlen(q)))
		q = NULL;	/* only a number's first digits are searched */
	struct dbres *d = campaign_dnc_list(r->a, q);
	if (!d)
		return 503;
	static const char *const cols[] = { "mobile", "at", "reason", NULL };
	hset_rows(r, "Numbers", d, cols);
	hset_rows_date(r, "Numbers", d, 1, "when");
	hset(r, "Q", q);
	if (req_query(r, "added") || req_query(r, "removed"))
		hset(r, "Flash", tmpl_str(r->lang, req_query(r, "added") ? "campaign.dnc.added" : "campaign.dnc.removed"));
	static const char *const keep[] = { "mobile", "reason", NULL };
	form_keep(r, keep);
	return tmpl_render(r, "admin_dnc.cs");
}

/* GET /admin/dnc?q=DIGITS */
int page_dnc(struct req *r)
{
	return dnc_page(r);
}

/* POST /admin/dnc — action add or remove, mobile, reason */
int page_dnc_post(struct req *r)
{
	const char *action = req_form(r, "action");
	if (!str_eq(action, "add") && !str_eq(action, "remove"))
		return 400;
	struct outcome out;
	out_init(&out, r->a);
	int st = campaign_dnc_change(r->a, &r->actor, str_eq(action, "add"), req_form(r, "mobile"), req_form(r, "reason"), &out);
	if (st == 422) {
		r->status = page_outcome(r, &out);
		hset(r, "Form.action", action);
		return dnc_page(r);
	}
	if (st)
		return page_outcome(r, &out);
	resp_redirect(r, str_eq(action, "add") ? "/admin/dnc?added=1" : "/admin/dnc?removed=1");
	return 0;
}

/* POST /admin/dnc/import — a CSV file (mobile, optional reason) and a reason */
int page_dnc_import(struct req *r)
{
	const struct upload *u = req_upload(r, "file");
	long added = 0, bad = 0;
	struct outcome out;
	out_init(&out, r->a);
	int st = campaign_dnc_import(r->a, &r->actor, u ? (const char *)u->data : NULL, u ? u->len : 0, req_form(r, "reason"),
				     &added, &bad, &out);
	if (st == 422) {
		r->status = page_outcome(r, &out);
		hset(r, "Form.action", "import");
		return dnc_page(r);
	}
	if (st)
		return page_outcome(r, &out);
	hset(r, "Flash", tmpl_str_n(r->a, r->lang, "campaign.dnc.loaded", arena_printf(r->a, "%ld / %ld", added, bad)));
	return dnc_page(r);
}

/* ---- a campaign's definition ---- */

/* The settings' inputs, by the names the pages and campaign_settings use. */
static const char *const setting_fields[] = { "code", "name_en", "name_hi", "scheme", "consent_en", "consent_hi",
					       "max_attempts", "retry_gap_min", "sample_per_gp", "g_type", "g_field",
					       "g_value", "call_from", "call_to", NULL };

/* The days ticked (inputs call_days, values 0 Sunday ... 6 Saturday) as bits. */
static unsigned days_of(struct req *r)
{
	const char *v[7];
	size_t n = req_form_all(r, "call_days", v, ARRAY_LEN(v));
	unsigned bits = 0;
	long d;
	for (size_t i = 0; i < n; i++)
		if (parse_long(v[i], 0, 6, &d))
			bits |= 1u << d;
	return bits;
}

/* The days' boxes as Form.val.day.N ("1" ticked), from bits. */
static void days_to_hdf(struct req *r, unsigned bits)
{
	for (int d = 0; d < 7; d++)
		if (bits & (1u << d))
			hset(r, arena_printf(r->a, "Form.val.day.%d", d), "1");
}

static struct campaign_settings settings_of(struct req *r)
{
	return (struct campaign_settings){
		.code = req_form(r, "code"), .name_en = req_form(r, "name_en"), .name_hi = req_form(r, "name_hi"),
		.scheme = req_form(r, "scheme"), .consent_en = req_form(r, "consent_en"), .consent_hi = req_form(r, "consent_hi"),
		.max_attempts = req_form(r, "max_attempts"), .retry_gap_min = req_form(r, "retry_gap_min"),
		.sample_per_gp = req_form(r, "sample_per_gp"), .g_type = req_form(r, "g_type"), .g_field = req_form(r, "g_field"),
		.g_value = req_form(r, "g_value"), .call_from = req_form(r, "call_from"), .call_to = req_form(r, "call_to"),
		.call_days = days_of(r),
	};
}

static long def_id(struct req *r)
{
	long id = 0;
	return parse_long(rp(r, 0), 1, 2000000000L, &id) ? id : 0;
}

/* The list of campaigns with the "new campaign" form. */
static int defs_page(struct req *r)
{
	struct dbres *d = db_query(r->a, "SELECT id, code, name_en, name_hi, scheme_code, status FROM campaigns ORDER BY id DESC LIMIT 200",
				   NULL);
	if (!d)
		return 503;
	static const char *const cols[] = { "id", "code", "name_en", "name_hi", "scheme", "status", NULL };
	hset_rows(r, "Campaigns", d, cols);
	if (str_eq(r->method, "POST")) {
		form_keep(r, setting_fields);
		days_to_hdf(r, days_of(r));
	} else {
		days_to_hdf(r, 0x7f);
		hset(r, "Form.val.max_attempts", "3");
		hset(r, "Form.val.retry_gap_min", "120");
		hset(r, "Form.val.sample_per_gp", "10");
	}
	return tmpl_render(r, "admin_campaigns.cs");
}

/* GET /admin/campaigns */
int page_campaign_defs(struct req *r)
{
	return defs_page(r);
}

/* POST /admin/campaigns — a new draft */
int page_campaign_def_create(struct req *r)
{
	struct campaign_settings in = settings_of(r);
	struct outcome out;
	out_init(&out, r->a);
	long id = 0;
	int st = campaign_create(r->a, &r->actor, &in, &id, &out);
	if (st == 422) {
		r->status = page_outcome(r, &out);
		return defs_page(r);
	}
	if (st)
		return page_outcome(r, &out);
	resp_redirect(r, arena_printf(r->a, "/admin/campaigns/%ld", id));
	return 0;
}

/* One campaign's definition page; kept: which form's values to keep
 * ("settings", "question") after a refusal, or NULL. */
static int def_page(struct req *r, const char *kept)
{
	long id = def_id(r);
	struct dbres *m = id ? db_query(r->a, "SELECT id, code, name_en, name_hi, scheme_code, consent_en, consent_hi, max_attempts, "
					       "retry_gap_min, sample_per_gp, grievance_type, grievance_field, grievance_value, "
					       "TIME_FORMAT(call_from, '%H:%i'), TIME_FORMAT(call_to, '%H:%i'), status, call_days "
					       "FROM campaigns WHERE id = ?", "i", (long long)id) : NULL;
	if (!m || m->nrows != 1)
		return m ? 404 : 503;
	static const char *const cols[] = { "id", "code", "name_en", "name_hi", "scheme", "consent_en", "consent_hi", "max_attempts",
					    "retry_gap_min", "sample_per_gp", "g_type", "g_field", "g_value", "call_from", "call_to",
					    "status", NULL };
	for (size_t i = 0; cols[i]; i++)
		hset(r, arena_printf(r->a, "C.%s", cols[i]), db_val(m, 0, i));
	if (str_eq(kept, "settings")) {
		form_keep(r, setting_fields);
		days_to_hdf(r, days_of(r));
	} else {
		for (size_t i = 1; cols[i]; i++)	/* the settings form shows what is stored */
			hset(r, arena_printf(r->a, "Form.val.%s", cols[i]), db_val(m, 0, i));
		days_to_hdf(r, (unsigned)db_int(m, 0, 16));
	}
	static const char *const qkeep[] = { "name", "type", "label_en", "label_hi", "options", "required", "show_field", "show_equals",
					     NULL };
	struct svc *q = campaign_questions(r->a, id);
	/* ?edit=NAME: that question's editor, filled with it (or as typed after a refusal) */
	const struct field *ed = q && req_query(r, "edit") ? svc_field(q, req_query(r, "edit")) : NULL;
	if (ed) {
		hset(r, "Edit", ed->name);
		formview_field_fill(r, ed);
	}
	if (str_eq(kept, "question"))
		form_keep(r, qkeep);
	for (size_t i = 0; q && i < q->form.nfields; i++) {
		const struct field *f = &q->form.fields[i];
		hset(r, arena_printf(r->a, "Q.%zu.name", i), f->name);
		hset(r, arena_printf(r->a, "Q.%zu.label", i), i18n_get(&f->label, r->lang));
		hset(r, arena_printf(r->a, "Q.%zu.type", i), tmpl_str(r->lang, arena_printf(r->a, "svc.ft.%s", ftype_code(f->type))));
		if (f->show_field)
			hset(r, arena_printf(r->a, "Q.%zu.cond", i), arena_printf(r->a, "%s = %s", f->show_field, f->show_equals));
	}
	if (q)
		formview_fill(r, &q->form, "Svc.fields", NULL, NULL);	/* the preview, with its branching */
	formview_field_types(r, campaign_question_type_ok);
	if (str_eq(kept, "question"))
		hset(r, "Form.question", "1");
	if (req_query(r, "saved"))
		hset(r, "Flash", tmpl_str(r->lang, "campaign.def.saved"));
	return tmpl_render(r, "admin_campaign.cs");
}

/* GET /admin/campaigns/:id */
int page_campaign_def(struct req *r)
{
	return def_page(r, NULL);
}

/* After a change: back to the page, or the page again with the problems. */
static int after_change(struct req *r, int st, struct outcome *out, const char *kept)
{
	if (st == 422 || st == 409) {
		r->status = page_outcome(r, out);
		if (out->key)
			hset(r, "Flash", tmpl_str(r->lang, out->key));
		return def_page(r, kept);
	}
	if (st)
		return page_outcome(r, out);
	resp_redirect(r, arena_printf(r->a, "/admin/campaigns/%ld?saved=1", def_id(r)));
	return 0;
}

/* POST /admin/campaigns/:id — the settings */
int page_campaign_def_save(struct req *r)
{
	struct campaign_settings in = settings_of(r);
	struct outcome out;
	out_init(&out, r->a);
	return after_change(r, campaign_settings_save(r->a, &r->actor, def_id(r), &in, &out), &out, "settings");
}

/* POST /admin/campaigns/:id/questions — action add (the field editor's
 * inputs), edit (name and the field editor's inputs) or remove (name) */
int page_campaign_def_question(struct req *r)
{
	struct outcome out;
	out_init(&out, r->a);
	const char *action = req_form(r, "action");
	int st;
	if (str_eq(action, "remove")) {
		st = campaign_question_remove(r->a, &r->actor, def_id(r), req_form(r, "name"), &out);
	} else if (str_eq(action, "add")) {
		struct field_input in = formview_field_input(r);
		st = campaign_question_add(r->a, &r->actor, def_id(r), &in, &out);
	} else if (str_eq(action, "edit")) {
		struct field_input in = formview_field_input(r);
		st = campaign_question_edit(r->a, &r->actor, def_id(r), req_form(r, "name"), &in, &out);
		if (st == 422 || st == 409)
			hset(r, "Edit", req_form(r, "name"));
	} else {
		return 400;
	}
	return after_change(r, st, &out, "question");
}

/* POST /admin/campaigns/:id/status — to = active | closed */
int page_campaign_def_status(struct req *r)
{
	struct outcome out;
	out_init(&out, r->a);
	return after_change(r, campaign_status_set(r->a, &r->actor, def_id(r), req_form(r, "to"), &out), &out, NULL);
}
