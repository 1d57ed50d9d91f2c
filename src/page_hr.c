/*
 * page_hr.c — "create internal employee" and the staff register: create,
 * edit, give a role at an office for a date range, transfer (the old
 * holding ends, a new one starts; history stays), deactivate.
 */
#include "pages.h"
#include "db.h"
#include "picker.h"
#include "tmpl.h"
#include "user.h"

/* GET /admin — the administration start page. */
int page_admin(struct req *r)
{
	return tmpl_render(r, "admin.cs");
}

/* Roles HR can give (citizens register themselves). */
static void role_options(struct req *r)
{
	for (int i = ROLE_CSC; i < ROLE_COUNT; i++) {
		hset(r, arena_printf(r->a, "Roles.%d.code", i), role_code((enum role)i));
		hset(r, arena_printf(r->a, "Roles.%d.name", i), tmpl_str(r->lang, arena_printf(r->a, "role.%s", role_code((enum role)i))));
	}
}

/* GET /admin/users?q= */
int page_users(struct req *r)
{
	const char *q = req_query(r, "q");
	if (q && utf8_chars(q) > 100)
		return 400;
	hset(r, "Q", q);
	struct dbres *rows = db_query(r->a,
		"SELECT u.id, u.username, TRIM(CONCAT_WS(' ', u.first_name, u.middle_name, u.last_name)), u.user_type, "
		"u.mobile, u.active, (SELECT GROUP_CONCAT(DISTINCT rh.role) FROM role_holdings rh WHERE rh.user_id = u.id "
		"AND rh.active = 1 AND rh.work_from <= CURDATE() AND (rh.work_to IS NULL OR rh.work_to >= CURDATE())) "
		"FROM users u WHERE u.user_type <> 'citizen' AND (? = '' OR u.username LIKE CONCAT(?, '%') "
		"OR u.first_name LIKE CONCAT(?, '%') OR u.last_name LIKE CONCAT(?, '%') OR u.mobile = ?) "
		"ORDER BY u.username LIMIT 200", "sssss", q ? q : "", q ? q : "", q ? q : "", q ? q : "", q ? q : "");
	if (!rows)
		return 503;
	static const char *const cols[] = { "id", "username", "name", "type", "mobile", "active", "roles", NULL };
	hset_rows(r, "Rows", rows, cols);
	return tmpl_render(r, "admin_users.cs");
}

static const char *const staff_fields[] = { "username", "first_name", "middle_name", "last_name", "email", "mobile",
					    "dob", "user_type", "designation", "csc_id", "role", "work_from", "work_to", NULL };

static void read_staff(struct req *r, struct staff_input *in)
{
	in->username = req_form(r, "username");
	in->first = req_form(r, "first_name");
	in->middle = req_form(r, "middle_name");
	in->last = req_form(r, "last_name");
	in->email = req_form(r, "email");
	in->mobile = req_form(r, "mobile");
	in->dob = req_form(r, "dob");
	in->user_type = req_form(r, "user_type");
	in->designation = req_form(r, "designation");
	in->csc_id = req_form(r, "csc_id");
}

/* The role, place and dates chosen on a form (role is the form's, or for a
 * transfer ignored). */
static void read_holding(struct req *r, struct holding_input *h)
{
	h->role = role_from_code(req_form(r, "role"));
	h->place = picker_fill(r, "place", 0, LT_PANCHAYAT);
	h->from = req_form(r, "work_from");
	h->to = req_form(r, "work_to");
}

static int new_form(struct req *r)
{
	form_keep(r, staff_fields);
	role_options(r);
	hset(r, "Page.picker", "1");
	picker_fill(r, "place", 0, LT_PANCHAYAT);
	if (!req_form(r, "work_from")) {
		char today[20];
		fmt_sql_time(today, now_secs());
		today[10] = '\0';
		hset(r, "Form.val.work_from", today);
	}
	return tmpl_render(r, "admin_user_new.cs");
}

/* GET /admin/users/new */
int page_user_new(struct req *r)
{
	return new_form(r);
}

/* POST /admin/users/new */
int page_user_create(struct req *r)
{
	struct staff_input in;
	struct holding_input h;
	read_staff(r, &in);
	read_holding(r, &h);
	if (picker_refresh(r))
		return new_form(r);
	struct outcome out;
	struct staff_created made;
	out_init(&out, r->a);
	int st = user_staff_create(r->a, &r->actor, &in, &h, &out, &made);
	if (st == 422) {
		r->status = page_outcome(r, &out);
		return new_form(r);
	}
	if (st)
		return page_outcome(r, &out);
	hset(r, "Created.username", in.username);
	hset(r, "Created.password", made.password);
	hset_int(r, "Created.id", made.id);
	return tmpl_render(r, "admin_user_created.cs");
}

/* Loads one staff user into User2.*, holdings into Holdings.*; 0 or status. */
static int load_staff(struct req *r, long id)
{
	struct dbres *u = db_query(r->a,
		"SELECT id, username, first_name, middle_name, last_name, email, mobile, dob, user_type, designation, "
		"csc_id, active, locked_until FROM users WHERE id = ? AND user_type <> 'citizen'", "i", (long long)id);
	if (!u)
		return 503;
	if (u->nrows != 1)
		return 404;
	static const char *const cols[] = { "id", "username", "first_name", "middle_name", "last_name", "email", "mobile",
					    "dob", "user_type", "designation", "csc_id", "active", "locked_until", NULL };
	hset_rows(r, "Staff", u, cols);
	if (!form_has_errors(r))
		for (int i = 2; i < 11; i++)
			if (db_val(u, 0, (size_t)i))
				hset(r, arena_printf(r->a, "Form.val.%s", i == 8 ? "user_type" : cols[i]), db_val(u, 0, (size_t)i));
	struct dbres *h = db_query(r->a,
		"SELECT rh.id, rh.role, o.name_en, l.name_en, rh.work_from, rh.work_to, rh.active, rh.ended_reason, "
		"(rh.active = 1 AND rh.work_from <= CURDATE() AND (rh.work_to IS NULL OR rh.work_to >= CURDATE())) "
		"FROM role_holdings rh JOIN locations l ON l.id = rh.location_id LEFT JOIN offices o ON o.id = rh.office_id "
		"WHERE rh.user_id = ? ORDER BY rh.work_from DESC, rh.id DESC", "i", (long long)id);
	static const char *const hcols[] = { "id", "role", "office", "place", "from", "to", "active", "reason", "current", NULL };
	hset_rows(r, "Holdings", h, hcols);
	for (size_t i = 0; h && i < h->nrows; i++)
		hset(r, arena_printf(r->a, "Holdings.%zu.role_name", i),
		     tmpl_str(r->lang, arena_printf(r->a, "role.%s", db_val(h, i, 1))));
	role_options(r);
	hset(r, "Page.picker", "1");
	picker_fill(r, "place", 0, LT_PANCHAYAT);
	return 0;
}

/* GET /admin/users/:id */
int page_user(struct req *r)
{
	long id;
	if (!parse_long(rp(r, 0), 1, 2000000000L, &id))
		return 404;
	int st = load_staff(r, id);
	if (st)
		return st;
	char today[20];
	fmt_sql_time(today, now_secs());
	today[10] = '\0';
	if (!req_form(r, "work_from"))
		hset(r, "Form.val.work_from", today);
	return tmpl_render(r, "admin_user.cs");
}

/* POST /admin/users/:id — action = edit | deactivate | activate | unlock |
 * add_role | end_role | transfer */
int page_user_post(struct req *r)
{
	long id, hid = 0;
	if (!parse_long(rp(r, 0), 1, 2000000000L, &id))
		return 404;
	const char *action = req_form(r, "action");
	const char *hs = req_form(r, "holding");
	if (hs && !parse_long(hs, 1, 2000000000L, &hid))
		return 400;
	const char *exists = db_scalar(r->a, "SELECT id FROM users WHERE id = ? AND user_type <> 'citizen'", "i", (long long)id);
	if (!exists)
		return 404;
	static const char *const holding_keep[] = { "role", "work_from", "work_to", "reason", NULL };
	if (picker_refresh(r)) {
		form_keep(r, holding_keep);
		return page_user(r);
	}
	struct outcome out;
	out_init(&out, r->a);
	int st;
	if (str_eq(action, "edit")) {
		struct staff_input in;
		read_staff(r, &in);
		static const char *const keep[] = { "first_name", "middle_name", "last_name", "email", "mobile", "dob",
						    "user_type", "designation", "csc_id", NULL };
		form_keep(r, keep);
		st = user_staff_edit(r->a, &r->actor, id, &in, &out);
	} else if (str_eq(action, "deactivate") || str_eq(action, "activate")) {
		st = user_set_active(r->a, &r->actor, id, str_eq(action, "activate"), &out);
	} else if (str_eq(action, "unlock")) {
		st = user_unlock(r->a, &r->actor, id, &out);
	} else if (str_eq(action, "add_role") || str_eq(action, "transfer")) {
		form_keep(r, holding_keep);
		struct holding_input h;
		read_holding(r, &h);
		st = str_eq(action, "transfer") ? holding_transfer(r->a, &r->actor, id, hid, &h, &out)
						: holding_give(r->a, &r->actor, id, &h, &out);
	} else if (str_eq(action, "end_role")) {
		st = holding_end(r->a, &r->actor, id, hid, req_form(r, "reason"), &out);
	} else {
		return 400;
	}
	if (st == 422) {
		r->status = page_outcome(r, &out);
		return page_user(r);
	}
	if (st)
		return page_outcome(r, &out);
	resp_redirect(r, arena_printf(r->a, "/admin/users/%ld", id));
	return 0;
}
