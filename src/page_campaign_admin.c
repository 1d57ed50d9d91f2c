/*
 * page_campaign_admin.c — Jan Samvad administration pages (state
 * administrators): the do-not-call list, and a campaign's definition
 * (settings, questions, status).  Rules and writes are in
 * campaign_admin.c.
 */
#include "pages.h"
#include "campaign.h"
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
