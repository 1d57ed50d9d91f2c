/*
 * page_hr.c — "create internal employee" and the staff register: create,
 * edit, give a role at an office for a date range, transfer (the old
 * holding ends, a new one starts; history stays), deactivate.
 */
#include "pages.h"
#include "audit.h"
#include "auth.h"
#include "db.h"
#include "json.h"
#include "lengths.h"
#include "notify.h"
#include "picker.h"
#include "session.h"
#include "tmpl.h"
#include "user.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

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

struct create_ctx {
	struct req *r;			/* the request */
	struct staff_input in;		/* fields */
	enum role role;			/* first role */
	long place;			/* chosen location */
	const char *hash;		/* password hash */
	long uid;			/* result */
	const char *err;		/* lang key for a field error */
	const char *err_field;		/* which field */
};

static int create_txn(void *p)
{
	struct create_ctx *c = p;
	bool dup = false;
	c->uid = user_create(&c->in, c->hash, &dup);
	if (!c->uid) {
		if (dup) {
			c->err = "hr.duplicate";
			c->err_field = "username";
		}
		return 1;
	}
	long dept = c->role == ROLE_DEPT_ADMIN ? 1 : 0;
	if (!holding_add(c->r->a, c->uid, c->role, c->place, dept, req_form(c->r, "work_from"), req_form(c->r, "work_to"),
			 c->r->user->id, &c->err)) {
		c->err_field = "place";
		return 1;
	}
	struct audit_entry e = { .action = "user.create", .entity = "user",
				 .entity_id = arena_printf(c->r->a, "%ld", c->uid), .role = "state_admin",
				 .remarks = arena_printf(c->r->a, "%s as %s", c->in.username, role_code(c->role)) };
	return audit_write(req_actor(c->r), &e) == 0 ? 0 : -1;
}

/* POST /admin/users/new */
int page_user_create(struct req *r)
{
	struct create_ctx c = { .r = r };
	read_staff(r, &c.in);
	c.place = picker_fill(r, "place", 0, LT_PANCHAYAT);
	if (picker_refresh(r))
		return new_form(r);
	staff_validate(r, &c.in, true);
	int role = role_from_code(req_form(r, "role"));
	if (role <= ROLE_CITIZEN)
		form_error(r, "role", "hr.role_bad");
	if (!c.place)
		form_error(r, "place", "hr.place_missing");
	int y, m, d;
	if (!parse_date(req_form(r, "work_from"), &y, &m, &d))
		form_error(r, "work_from", "hr.date_bad");
	if (form_has_errors(r)) {
		r->status = 422;
		return new_form(r);
	}
	c.role = (enum role)role;
	/* an initial password, shown once and sent by SMS; the employee resets it */
	unsigned char raw[9];
	randombytes_buf(raw, sizeof raw);
	char *initial = b64url_encode(r->a, raw, sizeof raw);
	char *hash = auth_hash_password(initial);
	if (!hash)
		return 500;
	c.hash = hash;
	int rc = db_txn(create_txn, &c);
	free(hash);
	if (rc != 0) {
		if (c.err) {
			form_error(r, c.err_field, c.err);
			r->status = 422;
			return new_form(r);
		}
		return 503;
	}
	long nid = notify_queue("sms", c.in.mobile,
				arena_printf(r->a, "Your GramSewa log-in is %s. Your first password is %s. Change it after you log in. - GramSewa",
					     c.in.username, initial), "1107160000000000002", "user.created", c.in.username);
	if (nid)
		notify_send_now(nid);
	hset(r, "Created.username", c.in.username);
	hset(r, "Created.password", initial);
	hset_int(r, "Created.id", c.uid);
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

static int audit_user(struct req *r, const char *action, long id, const char *remarks)
{
	struct audit_entry e = { .action = action, .entity = "user", .entity_id = arena_printf(r->a, "%ld", id),
				 .role = "state_admin", .remarks = remarks };
	return audit_write(req_actor(r), &e);
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
	if (picker_refresh(r)) {
		static const char *const keep[] = { "role", "work_from", "work_to", "reason", NULL };
		form_keep(r, keep);
		return page_user(r);
	}
	if (db_begin() != 0)
		return 503;
	const char *err = NULL;
	if (str_eq(action, "edit")) {
		struct staff_input in;
		read_staff(r, &in);
		static const char *const keep[] = { "first_name", "middle_name", "last_name", "email", "mobile", "dob",
						    "user_type", "designation", "csc_id", NULL };
		form_keep(r, keep);
		if (!staff_validate(r, &in, false))
			goto user_error;
		if (db_exec("UPDATE users SET first_name = ?, middle_name = NULLIF(?, ''), last_name = NULLIF(?, ''), "
			    "email = NULLIF(?, ''), mobile = ?, dob = NULLIF(?, ''), user_type = ?, "
			    "designation = NULLIF(?, ''), csc_id = NULLIF(?, '') WHERE id = ?",
			    "sssssssssi", in.first, in.middle ? in.middle : "", in.last ? in.last : "", in.email ? in.email : "",
			    in.mobile, in.dob ? in.dob : "", in.user_type, in.designation ? in.designation : "",
			    in.csc_id ? in.csc_id : "", (long long)id) < 0) {
			if (db_err_dup()) {
				form_error(r, "csc_id", "hr.duplicate");
				goto user_error;
			}
			goto fail;
		}
		if (audit_user(r, "user.edit", id, NULL) != 0)
			goto fail;
	} else if (str_eq(action, "deactivate") || str_eq(action, "activate")) {
		bool on = str_eq(action, "activate");
		if (db_exec("UPDATE users SET active = ? WHERE id = ?", "ii", (long long)on, (long long)id) < 0 ||
		    (!on && db_exec("UPDATE sessions SET revoked_at = NOW() WHERE user_id = ? AND revoked_at IS NULL", "i",
				    (long long)id) < 0) ||
		    audit_user(r, on ? "user.activate" : "user.deactivate", id, NULL) != 0)
			goto fail;
	} else if (str_eq(action, "unlock")) {
		if (db_exec("UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = ?", "i", (long long)id) < 0 ||
		    audit_user(r, "user.unlock", id, NULL) != 0)
			goto fail;
	} else if (str_eq(action, "add_role") || str_eq(action, "transfer")) {
		static const char *const keep[] = { "role", "work_from", "work_to", "reason", NULL };
		form_keep(r, keep);
		long place = picker_fill(r, "place", 0, LT_PANCHAYAT);
		int role = role_from_code(req_form(r, "role"));
		const char *from = req_form(r, "work_from");
		if (str_eq(action, "transfer")) {
			/* the old holding ends the day before the new one starts; same role */
			struct dbres *old = db_query(r->a, "SELECT role, work_from FROM role_holdings WHERE id = ? AND user_id = ? "
							   "FOR UPDATE", "ii", (long long)hid, (long long)id);
			if (!old || old->nrows != 1) {
				db_rollback();
				return 404;
			}
			role = role_from_code(db_val(old, 0, 0));
			int y, m, d;
			if (!parse_date(from, &y, &m, &d) || strcmp(from, db_val(old, 0, 1)) <= 0) {
				form_error(r, "work_from", "hr.date_order");
				goto user_error;
			}
			if (db_exec("UPDATE role_holdings SET work_to = DATE_SUB(?, INTERVAL 1 DAY), ended_reason = ? "
				    "WHERE id = ?", "ssi", from, "transfer", (long long)hid) != 1)
				goto fail;
		}
		if (role <= ROLE_CITIZEN) {
			form_error(r, "role", "hr.role_bad");
			goto user_error;
		}
		if (!place) {
			form_error(r, "place", "hr.place_missing");
			goto user_error;
		}
		if (!holding_add(r->a, id, (enum role)role, place, role == ROLE_DEPT_ADMIN ? 1 : 0, from,
				 req_form(r, "work_to"), r->user->id, &err)) {
			form_error(r, str_eq(err, "hr.date_bad") || str_eq(err, "hr.date_order") ? "work_from" : "place", err);
			goto user_error;
		}
		if (audit_user(r, str_eq(action, "transfer") ? "user.transfer" : "user.add_role", id,
			       arena_printf(r->a, "%s from %s", role_code((enum role)role), from)) != 0)
			goto fail;
	} else if (str_eq(action, "end_role")) {
		const char *reason = req_form(r, "reason");
		if (!form_max_len(r, "reason", reason, LIM_ENDED_REASON))
			goto user_error;
		if (db_exec("UPDATE role_holdings SET work_to = LEAST(IFNULL(work_to, CURDATE()), CURDATE()), active = 0, "
			    "ended_reason = ? WHERE id = ? AND user_id = ?", "sii", reason ? reason : "ended",
			    (long long)hid, (long long)id) != 1) {
			db_rollback();
			return 404;
		}
		if (audit_user(r, "user.end_role", id, reason) != 0)
			goto fail;
	} else {
		db_rollback();
		return 400;
	}
	if (db_commit() != 0)
		return 503;
	resp_redirect(r, arena_printf(r->a, "/admin/users/%ld", id));
	return 0;
user_error:
	db_rollback();
	r->status = 422;
	return page_user(r);
fail:
	db_rollback();
	return 503;
}
