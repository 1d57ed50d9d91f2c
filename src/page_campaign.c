/*
 * page_campaign.c — Jan Samvad campaigns on pages and in the API: the
 * list, a campaign's report by block and district (with 95% intervals),
 * the call list and sample (state admin), the agent's "call next" and call
 * screen (consent line, beneficiary, past attempts, the questionnaire as a
 * service form, disposition).  Rules and writes are in campaign.c.
 */
#include "pages.h"
#include "apiutil.h"
#include "campaign.h"
#include "formview.h"
#include "tmpl.h"
#include "user.h"

#include <stdlib.h>

static long path_id(struct req *r, size_t i)
{
	long id = 0;
	return parse_long(rp(r, i), 1, 9000000000000000000L, &id) ? id : 0;
}

/* GET /campaigns */
int page_campaigns(struct req *r)
{
	struct dbres *d = db_query(r->a, "SELECT m.id, m.code, m.name_en, m.name_hi, m.scheme_code, m.status, "
					 "(SELECT COUNT(*) FROM campaign_contacts k WHERE k.campaign_id = m.id AND k.sampled = 1), "
					 "(SELECT COUNT(*) FROM campaign_contacts k WHERE k.campaign_id = m.id AND k.status = 'done') "
					 "FROM campaigns m ORDER BY m.status, m.id DESC LIMIT 100", NULL);
	if (!d)
		return 503;
	static const char *const cols[] = { "id", "code", "name_en", "name_hi", "scheme", "status", "sampled", "done", NULL };
	hset_rows(r, "Campaigns", d, cols);
	return tmpl_render(r, "campaigns.cs");
}

/* The radio and select questions of a questionnaire: the ones a report counts. */
static void questions_to_hdf(struct req *r, const struct svc *s, const char *field)
{
	int n = 0;
	for (size_t i = 0; s && i < s->form.nfields; i++) {
		const struct field *f = &s->form.fields[i];
		if (f->type != FT_RADIO && f->type != FT_SELECT)
			continue;
		hset(r, arena_printf(r->a, "Questions.%d.name", n), f->name);
		hset(r, arena_printf(r->a, "Questions.%d.label", n), i18n_get(&f->label, r->lang));
		if (str_eq(f->name, field))
			hset(r, "Field", f->name);
		n++;
	}
}

/* GET /campaigns/:id?by=block|district&field=Q */
int page_campaign(struct req *r)
{
	long id = path_id(r, 0);
	struct dbres *m = id ? db_query(r->a, "SELECT id, code, name_en, name_hi, scheme_code, consent_en, consent_hi, status "
					       "FROM campaigns WHERE id = ?", "i", (long long)id) : NULL;
	if (!m || m->nrows != 1)
		return m ? 404 : 503;
	static const char *const mcols[] = { "id", "code", "name_en", "name_hi", "scheme", "consent_en", "consent_hi", "status", NULL };
	hset_rows(r, "C", m, mcols);
	bool district = str_eq(req_query(r, "by"), "district");
	hset(r, "By", district ? "district" : "block");
	struct campaign_row *rows;
	long n = campaign_report(r->a, id, district, &rows);
	if (n < 0)
		return 503;
	for (long i = 0; i < n; i++) {
		const char *k = arena_printf(r->a, "Rows.%ld.", i);
		hset(r, arena_printf(r->a, "%sname", k), rows[i].name);
		hset_int(r, arena_printf(r->a, "%ssampled", k), rows[i].sampled);
		hset_int(r, arena_printf(r->a, "%sdialled", k), rows[i].dialled);
		hset_int(r, arena_printf(r->a, "%sreached", k), rows[i].reached);
		hset_int(r, arena_printf(r->a, "%scompleted", k), rows[i].completed);
		if (rows[i].dialled)
			hset_int(r, arena_printf(r->a, "%sreached_pct", k), (rows[i].reached * 100 + rows[i].dialled / 2) / rows[i].dialled);
	}
	struct svc *s = campaign_questions(r->a, id);
	const char *field = req_query(r, "field");
	questions_to_hdf(r, s, field);
	if (!field)
		field = hdf_get_value(r->hdf, "Questions.0.name", NULL);
	struct campaign_share *sh;
	long ns = field ? campaign_shares(r->a, id, field, district, &sh) : 0;
	hset(r, "Field", field);
	for (long i = 0; i < ns; i++) {
		const char *k = arena_printf(r->a, "Shares.%ld.", i);
		hset(r, arena_printf(r->a, "%sname", k), sh[i].name);
		hset(r, arena_printf(r->a, "%svalue", k), sh[i].value);
		hset_int(r, arena_printf(r->a, "%sn", k), sh[i].n);
		hset_int(r, arena_printf(r->a, "%stotal", k), sh[i].total);
		hsetf(r, arena_printf(r->a, "%spct", k), "%.1f", sh[i].pct);
		hsetf(r, arena_printf(r->a, "%sci", k), "%.1f–%.1f", sh[i].lo, sh[i].hi);
	}
	if (r->user->roles & CAMPAIGN_CALLERS)
		hset(r, "Caller", "1");
	if (user_has(r->user, ROLE_STATE_ADMIN))
		hset(r, "Admin", "1");
	return tmpl_render(r, "campaign.cs");
}

/* POST /campaigns/:id/next — the agent takes the next contact */
int page_campaign_next(struct req *r)
{
	long id = path_id(r, 0), contact;
	struct outcome out;
	out_init(&out, r->a);
	if (!id)
		return 404;
	if (campaign_next(r->a, &r->actor, id, &contact, &out)) {
		if (out.status == 404 && out.key) {	/* nobody left to call: say so on the campaign page */
			hset(r, "Flash", tmpl_str(r->lang, out.key));
			return page_campaign(r);
		}
		return page_outcome(r, &out);
	}
	resp_redirect(r, arena_printf(r->a, "/campaigns/%ld/contacts/%ld", id, contact));
	return 0;
}

/* The call screen of a contact the agent holds (re-shown with problems). */
static int call_screen(struct req *r, long campaign, long contact, const struct jval *answers, const struct outcome *errs)
{
	struct dbres *k = db_query(r->a,
		"SELECT k.id, k.name, k.mobile, l.name_en, k.scheme_ref, k.benefit_date, k.benefit_paise, k.attempts, m.max_attempts, "
		"m.consent_en, m.consent_hi, m.name_en, m.name_hi FROM campaign_contacts k JOIN campaigns m ON m.id = k.campaign_id "
		"JOIN locations l ON l.id = k.location_id WHERE k.id = ? AND k.campaign_id = ? AND k.status = 'calling' "
		"AND k.assignee_id = ?", "iii", (long long)contact, (long long)campaign, (long long)r->user->id);
	if (!k || k->nrows != 1)
		return k ? 404 : 503;
	static const char *const cols[] = { "id", "name", "mobile", "village", "scheme_ref", "benefit_date", "benefit_paise", "attempts",
					    "max", "consent_en", "consent_hi", "campaign_en", "campaign_hi", NULL };
	hset_rows(r, "K", k, cols);
	hset_int(r, "Campaign", campaign);
	struct dbres *past = db_query(r->a, "SELECT a.at, a.disposition, TRIM(CONCAT_WS(' ', u.first_name, u.last_name)) "
					    "FROM campaign_attempts a JOIN users u ON u.id = a.agent_id WHERE a.contact_id = ? ORDER BY a.id",
				      "i", (long long)contact);
	static const char *const pcols[] = { "at", "disposition", "agent", NULL };
	hset_rows(r, "Past", past, pcols);
	struct dbres *g = db_query(r->a, "SELECT number, status, subject FROM tickets WHERE raised_for_mobile = ? AND kind = 'grievance' "
					 "AND status IN ('new','assigned','in_progress','awaiting_info') ORDER BY id DESC LIMIT 10",
				   "s", db_val(k, 0, 2));
	static const char *const gcols[] = { "number", "status", "subject", NULL };
	hset_rows(r, "Grievances", g, gcols);
	for (int i = 0; campaign_dispositions[i]; i++) {
		hset(r, arena_printf(r->a, "Dispositions.%d.code", i), campaign_dispositions[i]);
		hset(r, arena_printf(r->a, "Dispositions.%d.name", i),
		     tmpl_str(r->lang, arena_printf(r->a, "campaign.disp.%s", campaign_dispositions[i])));
	}
	struct svc *s = campaign_questions(r->a, campaign);
	if (!s)
		return 503;
	formview_fill(r, &s->form, "Svc.fields", answers, errs);
	return tmpl_render(r, "campaign_call.cs");
}

/* GET /campaigns/:id/contacts/:cid */
int page_campaign_contact(struct req *r)
{
	long id = path_id(r, 0), cid = path_id(r, 1);
	return id && cid ? call_screen(r, id, cid, NULL, NULL) : 404;
}

/* POST /campaigns/:id/contacts/:cid — the attempt's outcome and answers */
int page_campaign_record(struct req *r)
{
	long id = path_id(r, 0), cid = path_id(r, 1);
	if (!id || !cid)
		return 404;
	struct svc *s = campaign_questions(r->a, id);
	if (!s)
		return 404;
	const char *d = req_form(r, "disposition");
	struct jval *answers = str_eq(d, "completed") ? formview_answers(r, &s->form) : NULL;
	struct attempt_input in = { .disposition = d, .answers = answers, .callback_at = req_form(r, "callback_at") };
	const char *ticket;
	struct outcome out;
	out_init(&out, r->a);
	int st = campaign_record(r->a, &r->actor, cid, &in, &ticket, &out);
	if (st == 422) {
		static const char *const keep[] = { "disposition", "callback_at", NULL };
		form_keep(r, keep);
		r->status = 422;
		return call_screen(r, id, cid, answers, &out);
	}
	if (st)
		return page_outcome(r, &out);
	resp_redirect(r, arena_printf(r->a, "/campaigns/%ld?recorded=1%s%s", id, ticket ? "&grievance=" : "", ticket ? ticket : ""));
	return 0;
}

/* POST /campaigns/:id/list — a beneficiary CSV (state admin) */
int page_campaign_list(struct req *r)
{
	long id = path_id(r, 0);
	const struct upload *u = req_upload(r, "file");
	const char *code = id ? db_scalar(r->a, "SELECT code FROM campaigns WHERE id = ?", "i", (long long)id) : NULL;
	if (!code)
		return 404;
	if (!u) {
		form_error(r, "file", "campaign.err.header");
		r->status = 422;
		return page_campaign(r);
	}
	struct contact_stats st;
	struct outcome out;
	out_init(&out, r->a);
	if (campaign_contacts_import(r->a, &r->actor, code, (const char *)u->data, u->len, &st, NULL, &out)) {
		int s = page_outcome(r, &out);
		if (s != 422)
			return s;
		r->status = 422;
		return page_campaign(r);
	}
	hset(r, "Flash", tmpl_str_n(r->a, r->lang, "campaign.loaded", arena_printf(r->a, "%ld / %ld / %ld / %ld", st.added,
											st.duplicate, st.do_not_call, st.bad)));
	return page_campaign(r);
}

/* POST /campaigns/:id/sample — draw the sample per GP (state admin) */
int page_campaign_sample(struct req *r)
{
	long id = path_id(r, 0), drawn;
	const char *code = id ? db_scalar(r->a, "SELECT code FROM campaigns WHERE id = ?", "i", (long long)id) : NULL;
	if (!code)
		return 404;
	struct outcome out;
	out_init(&out, r->a);
	if (campaign_sample(r->a, &r->actor, code, 0, &drawn, &out))
		return page_outcome(r, &out);
	hset(r, "Flash", tmpl_str_n(r->a, r->lang, "campaign.drawn", arena_printf(r->a, "%ld", drawn)));
	return page_campaign(r);
}

/* ---- API ---- */

static const struct api_col campaign_contact_cols[] = {
	{"contact", 0, AK_INT},
	{"name", 1, AK_STR},
	{"mobile", 2, AK_STR},
	{"village", 3, AK_INT},
	{"scheme_ref", 4, AK_STR},
	{"attempts", 5, AK_INT},
	{"consent_en", 6, AK_STR},
	{"consent_hi", 7, AK_STR},
};

/* POST /api/v1/campaigns/:id/next */
int api_campaign_next(struct req *r)
{
	long id = path_id(r, 0), contact;
	struct outcome out;
	out_init(&out, r->a);
	if (!id)
		return 404;
	if (campaign_next(r->a, &r->actor, id, &contact, &out))
		return page_outcome(r, &out);
	struct dbres *k = db_query(r->a, "SELECT k.id, k.name, k.mobile, k.location_id, k.scheme_ref, k.attempts, m.consent_en, "
					 "m.consent_hi FROM campaign_contacts k JOIN campaigns m ON m.id = k.campaign_id WHERE k.id = ?",
				   "i", (long long)contact);
	if (!k || k->nrows != 1)
		return 503;
	struct sbuf b;
	struct jw w;
	sbuf_init(&b);
	jw_init(&w, &b);
	jw_obj(&w);
	API_COLS(r->a, &w, k, 0, campaign_contact_cols);
	jw_obj_end(&w);
	return api_send(r, 200, &b);
}

/* POST /api/v1/campaigns/:id/contacts/:cid {disposition, answers, callback_at} */
int api_campaign_record(struct req *r)
{
	long cid = path_id(r, 1);
	struct jval *in = api_body(r);
	if (!in)
		return 400;
	if (!cid)
		return 404;
	struct attempt_input a = { .disposition = json_get_str(in, "disposition"), .answers = json_get(in, "answers"),
				   .callback_at = json_get_str(in, "callback_at") };
	const char *ticket;
	struct outcome out;
	out_init(&out, r->a);
	if (campaign_record(r->a, &r->actor, cid, &a, &ticket, &out))
		return page_outcome(r, &out);
	struct sbuf b;
	struct jw w;
	sbuf_init(&b);
	jw_init(&w, &b);
	jw_obj(&w);
	jw_kstr(&w, "recorded", a.disposition);
	jw_kstr(&w, "grievance", ticket);
	jw_obj_end(&w);
	return api_send(r, 200, &b);
}

/* GET /api/v1/campaigns/:id/report?by=block|district&field=Q */
int api_campaign_report(struct req *r)
{
	long id = path_id(r, 0);
	if (!id || !db_scalar(r->a, "SELECT 1 FROM campaigns WHERE id = ?", "i", (long long)id))
		return 404;
	bool district = str_eq(req_query(r, "by"), "district");
	struct campaign_row *rows;
	long n = campaign_report(r->a, id, district, &rows);
	const char *field = req_query(r, "field");
	struct campaign_share *sh = NULL;
	long ns = field ? campaign_shares(r->a, id, field, district, &sh) : 0;
	if (n < 0)
		return 503;
	if (ns < 0) {
		form_error(r, "field", "campaign.err.field");
		return 422;
	}
	struct sbuf b;
	struct jw w;
	sbuf_init(&b);
	jw_init(&w, &b);
	jw_obj(&w);
	jw_kstr(&w, "by", district ? "district" : "block");
	jw_key(&w, "places");
	jw_arr(&w);
	for (long i = 0; i < n; i++) {
		jw_obj(&w);
		jw_kint(&w, "id", rows[i].place);
		jw_kstr(&w, "name", rows[i].name);
		jw_kint(&w, "sampled", rows[i].sampled);
		jw_kint(&w, "dialled", rows[i].dialled);
		jw_kint(&w, "reached", rows[i].reached);
		jw_kint(&w, "completed", rows[i].completed);
		jw_obj_end(&w);
	}
	jw_arr_end(&w);
	jw_key(&w, "answers");
	jw_arr(&w);
	for (long i = 0; i < ns; i++) {
		jw_obj(&w);
		jw_kint(&w, "place", sh[i].place);
		jw_kstr(&w, "name", sh[i].name);
		jw_kstr(&w, "value", sh[i].value);
		jw_kint(&w, "n", sh[i].n);
		jw_kint(&w, "of", sh[i].total);
		jw_key(&w, "pct");
		jw_raw(&w, arena_printf(r->a, "%.1f", sh[i].pct));
		jw_key(&w, "ci95");
		jw_arr(&w);
		jw_raw(&w, arena_printf(r->a, "%.1f", sh[i].lo));
		jw_raw(&w, arena_printf(r->a, "%.1f", sh[i].hi));
		jw_arr_end(&w);
		jw_obj_end(&w);
	}
	jw_arr_end(&w);
	jw_obj_end(&w);
	return api_send(r, 200, &b);
}
