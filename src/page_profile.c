/*
 * page_profile.c — the logged-in user's own profile: name, e-mail,
 * address (a village from the tree), language; and the user's portal
 * messages in the API.
 */
#include "pages.h"
#include "apiutil.h"
#include "db.h"
#include "notify.h"
#include "picker.h"
#include "tmpl.h"
#include "user.h"

static int profile_form(struct req *r, long addr)
{
	hset(r, "Page.picker", "1");
	picker_fill(r, "addr", addr, LT_VILLAGE);
	return tmpl_render(r, "profile.cs");
}

/* GET /profile */
int page_profile(struct req *r)
{
	struct dbres *u = db_query(r->a, "SELECT first_name, middle_name, last_name, email, mobile, lang, "
					 "IFNULL(address_location_id, 0), address_line, user_type, username FROM users WHERE id = ?",
				   "i", (long long)r->user->id);
	if (!u || u->nrows != 1)
		return 503;
	static const char *const cols[] = { "first_name", "middle_name", "last_name", "email", "mobile", "lang", "addr",
					    "address_line", "user_type", "username", NULL };
	for (size_t i = 0; cols[i]; i++)
		hset(r, arena_printf(r->a, "Form.val.%s", cols[i]), db_val(u, 0, i));
	if (req_query(r, "welcome"))
		hset(r, "Welcome", "1");
	return profile_form(r, (long)db_int(u, 0, 6));
}

/* POST /profile */
int page_profile_post(struct req *r)
{
	static const char *const keep[] = { "first_name", "middle_name", "last_name", "email", "lang", "address_line", NULL };
	form_keep(r, keep);
	hset(r, "Form.val.mobile", r->user->mobile);
	long addr = picker_fill(r, "addr", 0, LT_VILLAGE);
	if (picker_refresh(r))
		return profile_form(r, 0);
	struct profile_input in = { .first = req_form(r, "first_name"), .middle = req_form(r, "middle_name"),
				    .last = req_form(r, "last_name"), .email = req_form(r, "email"),
				    .lang = req_form(r, "lang"), .addr = addr, .line = req_form(r, "address_line") };
	struct outcome out;
	out_init(&out, r->a);
	int st = user_profile_save(r->a, &r->actor, &in, &out);
	if (st == 422) {
		r->status = page_outcome(r, &out);
		return profile_form(r, 0);
	}
	if (st)
		return page_outcome(r, &out);
	resp_cookie(r, "lang", in.lang, 86400 * 365);
	resp_redirect(r, "/profile?saved=1");
	return 0;
}

static const struct api_col notification_cols[] = {
	{"id", 0, AK_INT},
	{"text", 1, AK_STR},
	{"event", 2, AK_STR},
	{"ref", 3, AK_STR},
	{"at", 4, AK_TIME},
};

/* GET /api/v1/notifications — the caller's portal messages, newest first
 * (?limit=, at most 100) */
int api_notifications(struct req *r)
{
	long limit = 20;
	if (api_limit(r, 100, &limit))
		return 422;
	struct dbres *d = notify_portal(r->a, r->user->id, limit);
	if (!d)
		return 503;
	struct sbuf b;
	struct jw w;
	api_list_open(&b, &w);
	API_ROWS(r->a, &w, d, notification_cols);
	return api_list_send(r, &b, &w, NULL);
}
