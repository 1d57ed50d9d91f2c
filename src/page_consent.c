/*
 * page_consent.c — consent to see a citizen's locker (consent.h), on the
 * locker page and in the API.  An operator asks for a code and types the
 * one the citizen reads out; a citizen logged in lets an operator in by CSC
 * ID or log-in name, sees who may look at the locker now and withdraws it.
 */
#include "pages.h"
#include "apiutil.h"
#include "consent.h"
#include "db.h"
#include "locker.h"
#include "tmpl.h"
#include "user.h"

#include <stdlib.h>

void consent_to_hdf(struct req *r, long owner)
{
	static const char *const cols[] = { "citizen", "mobile", "operator", "name", "csc_id", "username", "until", "via", NULL };
	if (user_has(r->user, ROLE_CITIZEN)) {
		hset_rows(r, "Consents", consent_list(r->a, r->user->id, 0), cols);
		return;
	}
	if (owner <= 0 || !(r->user->roles & RB_OPERATORS))
		return;
	struct dbres *d = consent_list(r->a, owner, r->user->id);
	if (d && d->nrows)
		hset(r, "Consent.until", db_val(d, 0, 6));
	else
		hset(r, "Consent.ask", "1");
}

/* The locker page again with status (422, 429) after a refused step. */
static int locker_again(struct req *r, long owner, int status)
{
	r->status = status;
	return page_locker_show(r, owner);
}

/* The locker page again after a refused consent step: its problems at
 * their inputs (422; the locker of the typed mobile when the citizen is
 * not known), a limit's message at limit_field (429), or the error page. */
static int refused(struct req *r, const char *mobile, long owner, const struct outcome *out, const char *limit_field)
{
	if (out->status == 429) {
		form_error(r, limit_field, "auth.throttled");
		return locker_again(r, owner, 429);
	}
	int st = page_outcome(r, out);
	if (st != 422)
		return st;
	return locker_again(r, owner > 0 ? owner : locker_owner(r->a, r->user, mobile), 422);
}

/* The mobile of an operator's consent form, kept on the page. */
static const char *form_mobile(struct req *r)
{
	const char *mobile = req_form(r, "mobile");
	hset(r, "Form.val.mobile", mobile);
	return mobile;
}

/* POST /locker/consent — an operator asks the citizen (mobile) for consent */
int page_consent_request(struct req *r)
{
	const char *mobile = form_mobile(r);
	long owner = 0;
	struct outcome out;
	out_init(&out, r->a);
	if (consent_ask(r->a, &r->actor, mobile, &owner, &out))
		return refused(r, mobile, owner, &out, "consent");
	hset(r, "Consent.asked", "1");
	hset(r, "Flash", tmpl_str(r->lang, "consent.sent"));
	return page_locker_show(r, owner);
}

/* POST /locker/consent/verify — the code the citizen read out */
int page_consent_verify(struct req *r)
{
	const char *mobile = form_mobile(r);
	long owner = 0;
	struct outcome out;
	out_init(&out, r->a);
	if (!consent_confirm(r->a, &r->actor, mobile, req_form(r, "otp"), &owner, &out)) {
		resp_redirect(r, arena_printf(r->a, "/locker?mobile=%s&consent=1", url_encode(r->a, mobile)));
		return 0;
	}
	if (owner > 0)	/* the code was refused, not the mobile: ask for it again */
		hset(r, "Consent.asked", "1");
	return refused(r, mobile, owner, &out, "otp");
}

/* POST /locker/consent/grant — a citizen lets an operator in */
int page_consent_grant(struct req *r)
{
	const char *ref = req_form(r, "operator");
	hset(r, "Form.val.operator", ref);
	long op;
	struct outcome out;
	out_init(&out, r->a);
	int st = consent_grant(r->a, &r->actor, ref, &op, &out);
	if (st == 422) {
		page_outcome(r, &out);
		return locker_again(r, r->user->id, 422);
	}
	if (st)
		return page_outcome(r, &out);
	resp_redirect(r, "/locker?granted=1");
	return 0;
}

/* POST /locker/consent/withdraw — a citizen ends an operator's access */
int page_consent_withdraw(struct req *r)
{
	long op;
	if (!parse_long(req_form(r, "operator"), 1, 4294967295L, &op))
		return 404;
	struct outcome out;
	out_init(&out, r->a);
	if (consent_withdraw(r->a, &r->actor, op, &out))
		return page_outcome(r, &out);
	resp_redirect(r, "/locker?withdrawn=1");
	return 0;
}

/* ---- API ---- */

static const struct api_col grant_operator_cols[] = {
	{"id", 2, AK_INT},
	{"name", 3, AK_STR},
	{"csc_id", 4, AK_STR},
	{"username", 5, AK_STR},
};

/* One running grant as JSON (a consent_list row). */
static void grant_json(struct arena *a, struct jw *w, const struct dbres *d, size_t i)
{
	jw_obj(w);
	jw_kstr(w, "mobile", db_val(d, i, 1));
	jw_key(w, "operator");
	jw_obj(w);
	API_COLS(a, w, d, i, grant_operator_cols);
	jw_obj_end(w);
	jw_kstr(w, "via", db_val(d, i, 7));
	jw_kstr(w, "expires_at", sql_time_iso(a, db_val(d, i, 6)));
	jw_obj_end(w);
}

/* Answers a grant just made with its running state (as GET lists it). */
static int send_grant(struct req *r, long citizen, long operator)
{
	struct dbres *d = consent_list(r->a, citizen, operator);
	if (!d || d->nrows != 1)
		return 503;
	struct sbuf b;
	struct jw w;
	sbuf_init(&b);
	jw_init(&w, &b);
	grant_json(r->a, &w, d, 0);
	return api_send(r, 201, &b);
}

/* POST /api/v1/consent/request {mobile} — an operator asks for a code */
int api_consent_request(struct req *r)
{
	struct jval *in = api_body(r);
	if (!in)
		return 400;
	long citizen;
	struct outcome out;
	out_init(&out, r->a);
	if (consent_ask(r->a, &r->actor, json_get_str(in, "mobile"), &citizen, &out))
		return page_outcome(r, &out);
	return api_ok(r, 200, "{\"sent\":true}");
}

/* POST /api/v1/consent/verify {mobile, otp} — the code the citizen read out */
int api_consent_verify(struct req *r)
{
	struct jval *in = api_body(r);
	if (!in)
		return 400;
	long citizen;
	struct outcome out;
	out_init(&out, r->a);
	if (consent_confirm(r->a, &r->actor, json_get_str(in, "mobile"), json_get_str(in, "otp"), &citizen, &out))
		return page_outcome(r, &out);
	return send_grant(r, citizen, r->user->id);
}

/* GET /api/v1/consent — running grants: a citizen's own, or the ones an
 * operator holds */
int api_consents(struct req *r)
{
	bool citizen = user_has(r->user, ROLE_CITIZEN);
	struct dbres *d = consent_list(r->a, citizen ? r->user->id : 0, citizen ? 0 : r->user->id);
	if (!d)
		return 503;
	struct sbuf b;
	struct jw w;
	api_list_open(&b, &w);
	for (size_t i = 0; i < d->nrows; i++)
		grant_json(r->a, &w, d, i);
	return api_list_send(r, &b, &w, NULL);
}

/* POST /api/v1/consent/grant {operator} — a citizen lets an operator in */
int api_consent_grant(struct req *r)
{
	struct jval *in = api_body(r);
	if (!in)
		return 400;
	long op;
	struct outcome out;
	out_init(&out, r->a);
	if (consent_grant(r->a, &r->actor, json_get_str(in, "operator"), &op, &out))
		return page_outcome(r, &out);
	return send_grant(r, r->user->id, op);
}

/* POST /api/v1/consent/withdraw {operator: id} — a citizen ends it */
int api_consent_withdraw(struct req *r)
{
	struct jval *in = api_body(r);
	if (!in)
		return 400;
	long op;
	if (!json_get_long(in, "operator", &op) || op < 1) {
		form_error(r, "operator", "consent.no_operator");
		return 422;
	}
	struct outcome out;
	out_init(&out, r->a);
	if (consent_withdraw(r->a, &r->actor, op, &out))
		return page_outcome(r, &out);
	return api_ok(r, 200, "{\"withdrawn\":true}");
}
