/*
 * page_profile.c — the logged-in user's own profile: name, e-mail,
 * address (a village from the tree), language.
 */
#include "pages.h"
#include "audit.h"
#include "db.h"
#include "lengths.h"
#include "picker.h"
#include "tmpl.h"
#include "user.h"

#include <stdlib.h>

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
	struct staff_input in = { .first = req_form(r, "first_name"), .middle = req_form(r, "middle_name"),
				  .last = req_form(r, "last_name"), .email = req_form(r, "email"),
				  .mobile = r->user->mobile ? r->user->mobile : "9999999999", .user_type = "staff" };
	staff_validate(r, &in, false);
	const char *lang = req_form(r, "lang");
	if (!str_eq(lang, "en") && !str_eq(lang, "hi"))
		form_error(r, "lang", "profile.lang_bad");
	const char *line = req_form(r, "address_line");
	if (line && utf8_chars(line) > LIM_ADDRESS_LINE)
		form_error(r, "address_line", "profile.line_bad");
	if (str_eq(r->user->user_type, "citizen") && !addr)
		form_error(r, "addr", "profile.addr_missing");
	if (form_has_errors(r)) {
		r->status = 422;
		return profile_form(r, 0);
	}
	if (db_begin() != 0)
		return 503;
	if (db_exec("UPDATE users SET first_name = ?, middle_name = NULLIF(?, ''), last_name = NULLIF(?, ''), "
		    "email = NULLIF(?, ''), lang = ?, address_location_id = NULLIF(?, 0), address_line = NULLIF(?, '') "
		    "WHERE id = ?", "sssssisi", in.first, in.middle ? in.middle : "", in.last ? in.last : "",
		    in.email ? in.email : "", lang, (long long)addr, line ? line : "", (long long)r->user->id) < 0)
		goto fail;
	struct audit_entry e = { .action = "profile.update", .entity = "user",
				 .entity_id = arena_printf(r->a, "%ld", r->user->id) };
	if (audit_write(req_actor(r), &e) != 0 || db_commit() != 0)
		goto fail;
	resp_cookie(r, "lang", lang, 86400 * 365);
	resp_redirect(r, "/profile?saved=1");
	return 0;
fail:
	db_rollback();
	return 503;
}
