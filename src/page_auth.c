/*
 * page_auth.c — log-in pages and API calls: staff password, citizen OTP
 * (which also registers a new citizen), password reset by OTP, log-out and
 * log-out everywhere.  Every failure gets the same message.
 */
#include "pages.h"
#include "apiutil.h"
#include "auth.h"
#include "db.h"
#include "json.h"
#include "session.h"
#include "tmpl.h"
#include "user.h"

#include <string.h>

/* Where a freshly logged-in user starts. */
static const char *home_for(const struct user *u)
{
	if (!u)
		return "/";
	if (u->roles & RB_ADMINS)
		return "/admin";
	if (u->roles & RB_PLAYERS)
		return "/desk";
	if (u->roles & RB_OPERATORS)
		return "/csc";
	if (u->roles & (RB(ROLE_DI) | RB(ROLE_BI)))
		return "/dash";
	return "/my";
}

/* Where to go after log-in: the form's "next", else the query's, when it
 * is a place on this site (url_is_local); NULL otherwise. */
static const char *login_next(struct req *r)
{
	const char *n = req_form(r, "next");
	if (!n)
		n = req_query(r, "next");
	return url_is_local(n) ? n : NULL;
}

/* The staff username-and-password form (msg_key: its refusal, or NULL). */
static int login_form(struct req *r, const char *msg_key)
{
	static const char *const keep[] = { "username", NULL };
	form_keep(r, keep);
	hset(r, "Form.val.next", login_next(r));
	if (msg_key)
		hset(r, "Msg", tmpl_str(r->lang, msg_key));
	return tmpl_render(r, "login.cs");
}

/* The citizen's first log-in question, "What is your mobile number?",
 * keeping where the citizen was going. */
static int otp_form(struct req *r)
{
	const char *next = login_next(r);
	hset(r, "Form.val.next", next);
	hset(r, "StaffLink", next ? arena_printf(r->a, "/staff/login?next=%s", url_encode(r->a, next)) : "/staff/login");
	return tmpl_render(r, "login_otp.cs");
}

/* GET /login — citizens (Start now, Log in): the mobile number first;
 * staff have their own address, GET /staff/login. */
int page_login(struct req *r)
{
	if (r->user) {
		resp_redirect(r, home_for(r->user));
		return 0;
	}
	return otp_form(r);
}

/* GET /staff/login */
int page_staff_login(struct req *r)
{
	if (r->user) {
		resp_redirect(r, home_for(r->user));
		return 0;
	}
	return login_form(r, NULL);
}

/* After any successful proof: new session (rotation), then go on. */
static int start_session(struct req *r, long uid, const char *next)
{
	if (!session_create(r, uid, false, NULL))
		return 500;
	struct user *u = user_load(r->a, uid);
	resp_redirect(r, url_is_local(next) ? next : home_for(u));
	return 0;
}

/* POST /staff/login (and POST /login, where the staff form posted before) */
int page_login_post(struct req *r)
{
	long uid = 0;
	switch (auth_password(r->a, &r->actor, req_form(r, "username"), req_form(r, "password"), &uid)) {
	case AUTH_OK:
		return start_session(r, uid, req_form(r, "next"));
	case AUTH_THROTTLED:
		r->status = 429;
		return login_form(r, "auth.throttled");
	case AUTH_FAIL:
		r->status = 200;
		return login_form(r, "auth.failed");
	default:
		return 503;
	}
}

/* GET /login/otp — the same question as GET /login. */
int page_otp(struct req *r)
{
	return otp_form(r);
}

/* POST /login/otp — send an OTP, then ask for it. */
int page_otp_post(struct req *r)
{
	const char *mobile = req_form(r, "mobile");
	hset(r, "Form.val.mobile", mobile);
	if (!valid_mobile(mobile)) {
		form_error(r, "mobile", "auth.mobile_bad");
		return otp_form(r);
	}
	enum auth_result res = auth_otp_request(r->a, &r->actor, mobile, "login");
	if (res == AUTH_ERROR)
		return 503;
	if (res == AUTH_THROTTLED) {
		r->status = 429;
		form_error(r, "mobile", "auth.throttled");
		return otp_form(r);
	}
	hset(r, "Sent", "1");
	hset(r, "Form.val.next", login_next(r));
	return tmpl_render(r, "login_otp_verify.cs");
}

/* POST /login/otp/verify */
int page_otp_verify(struct req *r)
{
	const char *mobile = req_form(r, "mobile"), *otp = req_form(r, "otp");
	hset(r, "Form.val.mobile", mobile);
	hset(r, "Form.val.next", login_next(r));
	long uid = 0;
	enum auth_result res = auth_citizen_login(r->a, &r->actor, mobile, otp, r->lang, &uid);
	if (res == AUTH_ERROR)
		return 503;
	if (res != AUTH_OK) {
		if (res == AUTH_THROTTLED)
			r->status = 429;
		form_error(r, "otp", res == AUTH_THROTTLED ? "auth.throttled" : "auth.otp_failed");
		return tmpl_render(r, "login_otp_verify.cs");
	}
	/* a citizen on the way somewhere (Start now) goes on to it; the form
	 * asks for the name itself.  Otherwise a new citizen gives a name. */
	const char *next = login_next(r);
	if (!next) {
		const char *name = db_scalar(r->a, "SELECT first_name FROM users WHERE id = ?", "i", (long long)uid);
		next = str_empty(name) ? "/profile?welcome=1" : NULL;
	}
	return start_session(r, uid, next);
}

/* POST /logout and /logout/all */
int page_logout(struct req *r)
{
	int st = session_logout(r, str_eq(r->path, "/logout/all"));
	if (st)
		return st;
	resp_redirect(r, "/");
	return 0;
}

/* GET /login/reset — staff: username, then an OTP to the registered mobile. */
int page_reset(struct req *r)
{
	return tmpl_render(r, "login_reset.cs");
}

/* POST /login/reset */
int page_reset_post(struct req *r)
{
	const char *username = req_form(r, "username");
	hset(r, "Form.val.username", username);
	if (str_empty(username) || strlen(username) > 64) {
		form_error(r, "username", "auth.username_missing");
		return tmpl_render(r, "login_reset.cs");
	}
	/* the same pages whether or not the user exists */
	enum auth_result res = auth_reset_request(r->a, &r->actor, username);
	if (res == AUTH_ERROR)
		return 503;
	if (res == AUTH_THROTTLED) {
		r->status = 429;
		form_error(r, "username", "auth.throttled");
		return tmpl_render(r, "login_reset.cs");
	}
	return tmpl_render(r, "login_reset_verify.cs");
}

/* POST /login/reset/verify — OTP + new password. */
int page_reset_verify(struct req *r)
{
	struct reset_input in = { .username = req_form(r, "username"), .otp = req_form(r, "otp"),
				  .password = req_form(r, "password"), .password2 = req_form(r, "password2") };
	hset(r, "Form.val.username", in.username);
	struct outcome out;
	out_init(&out, r->a);
	int st = auth_reset_password(r->a, &r->actor, &in, &out);
	if (st && st != 422)
		return page_outcome(r, &out);
	/* a refusal is shown on the form as it was (200) */
	if (st)
		page_outcome(r, &out);
	else
		hset(r, "Done", "1");
	return tmpl_render(r, "login_reset_verify.cs");
}

/* ---- API ---- */

/* The log-in response shape shared by password and OTP log-in. */
static int api_token_response(struct req *r, long uid)
{
	char exp[32];
	const char *tok = session_create(r, uid, true, exp);
	struct user *u = tok ? user_load(r->a, uid) : NULL;
	if (!u)
		return 503;
	struct sbuf b;
	struct jw w;
	sbuf_init(&b);
	jw_init(&w, &b);
	jw_obj(&w);
	jw_kstr(&w, "token", tok);
	jw_kstr(&w, "expires_at", exp);
	jw_key(&w, "user");
	jw_obj(&w);
	jw_kint(&w, "id", u->id);
	jw_kstr(&w, "name", u->name);
	jw_key(&w, "roles");
	jw_arr(&w);
	if (u->roles & RB(ROLE_CITIZEN)) {
		jw_obj(&w);
		jw_kstr(&w, "role", "citizen");
		jw_key(&w, "office_id");
		jw_null(&w);
		jw_key(&w, "office_name");
		jw_null(&w);
		jw_obj_end(&w);
	}
	for (size_t i = 0; i < u->nh; i++) {
		jw_obj(&w);
		jw_kstr(&w, "role", role_code(u->h[i].role));
		jw_key(&w, "office_id");
		if (u->h[i].office_id)
			jw_int(&w, u->h[i].office_id);
		else
			jw_null(&w);
		jw_kstr(&w, "office_name", u->h[i].office_en);
		jw_obj_end(&w);
	}
	jw_arr_end(&w);
	jw_obj_end(&w);
	jw_obj_end(&w);
	resp_json(r, 200, &b);
	sbuf_free(&b);
	return 0;
}

static int api_auth_error(struct req *r, enum auth_result res)
{
	if (res == AUTH_THROTTLED)
		return 429;
	if (res == AUTH_ERROR)
		return 503;
	r->err_detail = tmpl_str(r->lang, "auth.failed");
	r->err_code = "invalid_credentials";
	return 401;
}

/* POST /api/v1/auth/login {username, password} */
int api_login(struct req *r)
{
	struct jval *in = api_body(r);
	if (!in)
		return 400;
	long uid = 0;
	enum auth_result res = auth_password(r->a, &r->actor, json_get_str(in, "username"), json_get_str(in, "password"), &uid);
	return res == AUTH_OK ? api_token_response(r, uid) : api_auth_error(r, res);
}

/* POST /api/v1/auth/otp/request {mobile} */
int api_otp_request(struct req *r)
{
	struct jval *in = api_body(r);
	if (!in)
		return 400;
	const char *mobile = json_get_str(in, "mobile");
	if (!valid_mobile(mobile)) {
		form_error(r, "mobile", "auth.mobile_bad");
		return 422;
	}
	enum auth_result res = auth_otp_request(r->a, &r->actor, mobile, "login");
	if (res != AUTH_OK)
		return api_auth_error(r, res);
	return api_ok(r, 200, "{\"sent\":true}");
}

/* POST /api/v1/auth/otp/verify {mobile, otp} */
int api_otp_verify(struct req *r)
{
	struct jval *in = api_body(r);
	if (!in)
		return 400;
	long uid = 0;
	enum auth_result res = auth_citizen_login(r->a, &r->actor, json_get_str(in, "mobile"), json_get_str(in, "otp"), r->lang,
						  &uid);
	return res == AUTH_OK ? api_token_response(r, uid) : api_auth_error(r, res);
}

/* POST /api/v1/auth/logout */
int api_logout(struct req *r)
{
	int st = session_logout(r, false);
	return st ? st : api_ok(r, 200, "{\"logged_out\":true}");
}
