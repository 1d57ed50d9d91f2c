/*
 * user.c — loading users with their holdings, and the jurisdiction check;
 * the rules for people and every write to users and role_holdings: the
 * mobile-number rule, finding or registering a citizen, the HR register
 * (employees, roles, transfers, deactivation) and the own profile.
 */
#include "user.h"
#include "audit.h"
#include "auth.h"
#include "db.h"
#include "lengths.h"
#include "location.h"
#include "notify.h"
#include "session.h"

#include <ctype.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

struct user *user_load(struct arena *a, long id)
{
	struct dbres *u = db_query(a, "SELECT " USER_COLS " FROM users u " USER_HOLDINGS
				      " WHERE u.id = ? AND u.active = 1 ORDER BY rh.id", "i", (long long)id);
	return u && u->nrows > 0 ? user_from_rows(a, u, 0) : NULL;
}

struct user *user_from_rows(struct arena *a, const struct dbres *u, size_t col)
{
	struct user *usr = arena_alloc(a, sizeof *usr);
	usr->id = (long)db_int(u, 0, col);
	usr->username = db_val(u, 0, col + 1);
	usr->name = db_val(u, 0, col + 2);
	usr->mobile = db_val(u, 0, col + 3);
	usr->user_type = db_val(u, 0, col + 4);
	usr->lang = db_val(u, 0, col + 5);
	if (str_eq(usr->user_type, "citizen"))
		usr->roles |= RB(ROLE_CITIZEN);
	usr->h = arena_alloc(a, (u->nrows + 1) * sizeof *usr->h);
	size_t h = col + 6;	/* the holding's columns: USER_COLS' second half */
	for (size_t i = 0; i < u->nrows; i++) {
		int role = db_val(u, i, h) ? role_from_code(db_val(u, i, h + 1)) : -1;
		if (role < 0)
			continue;	/* no holding (the LEFT JOIN's NULLs), or a role this build does not know */
		struct holding *x = &usr->h[usr->nh++];
		x->id = (long)db_int(u, i, h);
		x->role = (enum role)role;
		x->office_id = (long)db_int(u, i, h + 2);
		x->location_id = (long)db_int(u, i, h + 3);
		x->loc_path = db_val(u, i, h + 4);
		x->office_en = db_val(u, i, h + 5);
		x->office_hi = db_val(u, i, h + 6);
		x->department_id = (long)db_int(u, i, h + 7);
		usr->roles |= RB(role);
	}
	return usr;
}

bool user_has(const struct user *u, enum role role)
{
	return u && (u->roles & RB(role));
}

bool role_dept_scoped(enum role r)
{
	return r == ROLE_DEPT_ADMIN;
}

long holding_dept(const struct holding *h)
{
	if (!role_dept_scoped(h->role))
		return 0;
	return h->department_id > 0 ? h->department_id : -1;	/* scoped to no department: sees none */
}

/* Filers see their own records, never an area. */
static bool role_filer(enum role r)
{
	return RB(r) & RB_FILERS;
}

const struct holding *juris_holding(const struct user *u, unsigned roles, long office_id, const char *path, long dept)
{
	if (!u || (office_id <= 0 && !path))
		return NULL;
	for (size_t i = 0; i < u->nh; i++) {
		const struct holding *h = &u->h[i];
		if (role_filer(h->role) || !(roles & RB(h->role)))
			continue;
		if (dept > 0 && holding_dept(h) && holding_dept(h) != dept)
			continue;
		if (office_id > 0 ? h->office_id == office_id
				  : h->role == ROLE_STATE_ADMIN || (h->loc_path && str_starts(path, h->loc_path)))
			return h;
	}
	return NULL;
}

bool juris_path(const struct user *u, const char *target_path)
{
	return juris_holding(u, RB_OFFICERS, 0, target_path, 0) != NULL;
}

const struct juris_root *juris_prefixes(struct arena *a, const struct user *u, unsigned role_mask)
{
	struct juris_root *out = arena_alloc(a, ((u ? u->nh : 0) + 2) * sizeof *out);
	size_t n = 0;
	for (size_t i = 0; u && i < u->nh; i++)
		if (u->h[i].role == ROLE_STATE_ADMIN) {	/* the whole state, whatever the mask */
			out[0] = (struct juris_root){ "/", 0 };
			out[1].path = NULL;
			return out;
		}
	for (size_t i = 0; u && i < u->nh; i++) {
		const struct holding *h = &u->h[i];
		if ((role_mask & RB(h->role)) && !role_filer(h->role) && h->loc_path)
			out[n++] = (struct juris_root){ h->loc_path, holding_dept(h) };
	}
	return out;
}

/* ---- citizens ---- */

bool valid_mobile(const char *s)
{
	return str_digits(s, 10, 10) && s[0] >= '6';
}

long user_citizen_id(struct arena *a, const char *mobile)
{
	if (!valid_mobile(mobile))
		return 0;
	struct dbres *u = db_query(a, "SELECT id FROM users WHERE citizen_mobile = ?", "s", mobile);
	if (!u)
		return -1;
	return u->nrows ? (long)db_int(u, 0, 0) : 0;
}

long user_citizen(struct arena *a, const struct actor *who, const char *mobile, const char *name, const char *lang)
{
	long id = user_citizen_id(a, mobile);
	if (id || !valid_mobile(mobile))
		return id;
	bool own = !db_in_txn();
	if (own && db_begin() != 0)
		return -1;
	if (db_exec("INSERT INTO users (user_type, first_name, mobile, lang) VALUES ('citizen', ?, ?, ?)", "sss",
		    name ? name : "", mobile, lang) != 1) {
		bool dup = db_err_dup();
		if (own)
			db_rollback();
		/* registered meanwhile by another request: that citizen it is (the
		 * failed INSERT left the caller's transaction usable) */
		id = dup ? user_citizen_id(a, mobile) : 0;
		return id > 0 ? id : -1;
	}
	id = (long)db_last_id();
	struct audit_entry e = { .action = "user.register", .entity = "user", .entity_id = arena_printf(a, "%ld", id),
				 .actor_id = actor_id(who) ? 0 : id };
	if (audit_write(who, &e) != 0 || (own && db_commit() != 0)) {
		if (own)
			db_rollback();
		return -1;
	}
	return id;
}

/* ---- staff and profiles ---- */

/* Which office level a role sits at, and the location type of that office;
 * level NULL means the role covers an area, not an office. */
static void role_place(enum role r, const char **level, enum loc_type *lt)
{
	*level = NULL;
	switch (r) {
	case ROLE_PSEWAK: *level = "panchayat"; *lt = LT_PANCHAYAT; break;
	case ROLE_KARMACHARI: case ROLE_CI: case ROLE_CO: *level = "circle"; *lt = LT_BLOCK; break;
	case ROLE_BDO: *level = "block"; *lt = LT_BLOCK; break;
	case ROLE_SDO: *level = "subdivision"; *lt = LT_SUBDIVISION; break;
	case ROLE_DM: *level = "district"; *lt = LT_DISTRICT; break;
	case ROLE_DEPT_ADMIN: case ROLE_STATE_ADMIN: *level = "hq"; *lt = LT_STATE; break;
	case ROLE_DI: *lt = LT_DISTRICT; break;
	case ROLE_BI: *lt = LT_BLOCK; break;
	case ROLE_MUKHIYA: *lt = LT_PANCHAYAT; break;
	case ROLE_SUPPORT: case ROLE_CC_AGENT: case ROLE_PMU: case ROLE_MASTER_TRAINER: *lt = LT_STATE; break;
	default: *lt = LT_COUNT; break;	/* operators: the place chosen */
	}
}

static bool ok_text(const char *s, size_t max, bool required)
{
	if (str_empty(s))
		return !required;
	if (utf8_chars(s) > max)
		return false;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20)
			return false;
	return true;
}

static bool ok_username(const char *s)
{
	size_t n = s ? strlen(s) : 0;
	if (n < 3 || n > 32)
		return false;
	for (const char *p = s; *p; p++)
		if (!(islower((unsigned char)*p) || isdigit((unsigned char)*p) || *p == '.' || *p == '_' || *p == '-'))
			return false;
	return true;
}

bool valid_email(const char *s)
{
	const char *at = s ? strchr(s, '@') : NULL;
	return at && strlen(s) <= LIM_EMAIL && at != s && strchr(at, '.') && !strchr(at + 1, '@') && !strpbrk(s, " <>\"'");
}

/* Records a problem when out is given; always returns false. */
static bool bad(struct outcome *out, const char *field, const char *key)
{
	if (out)
		out_field(out, field, key, NULL);
	return false;
}

/* The name and e-mail fields every person has (staff and profiles). */
static bool person_validate(const struct staff_input *in, struct outcome *out)
{
	bool ok = true;
	if (!ok_text(in->first, LIM_PERSON_NAME, true))
		ok = bad(out, "first_name", "hr.name_bad");
	if (!ok_text(in->middle, LIM_PERSON_NAME, false))
		ok = bad(out, "middle_name", "hr.name_bad");
	if (!ok_text(in->last, LIM_PERSON_NAME, false))
		ok = bad(out, "last_name", "hr.name_bad");
	if (!str_empty(in->email) && !valid_email(in->email))
		ok = bad(out, "email", "hr.email_bad");
	return ok;
}

bool staff_validate(const struct staff_input *in, bool creating, struct outcome *out)
{
	bool ok = true;
	if (creating && !ok_username(in->username))
		ok = bad(out, "username", "hr.username_bad");
	ok = person_validate(in, out) && ok;
	if (!valid_mobile(in->mobile))
		ok = bad(out, "mobile", "auth.mobile_bad");
	int y, m, d;
	if (!str_empty(in->dob)) {
		struct tm tm;
		ist_tm(now_secs(), &tm);	/* the year in India, not in UTC */
		int age = tm.tm_year + 1900;
		if (!parse_date(in->dob, &y, &m, &d) || age - y < 18 || age - y > 80)
			ok = bad(out, "dob", "hr.dob_bad");
	}
	if (!str_eq(in->user_type, "staff") && !str_eq(in->user_type, "csc") && !str_eq(in->user_type, "sewak") &&
	    !str_eq(in->user_type, "jsk"))
		ok = bad(out, "user_type", "hr.type_bad");
	if (!ok_text(in->designation, LIM_DESIGNATION, false))
		ok = bad(out, "designation", "hr.name_bad");
	if (str_eq(in->user_type, "csc") && (!in->csc_id || strlen(in->csc_id) < 6 || strlen(in->csc_id) > 20 ||
					     strspn(in->csc_id, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ") != strlen(in->csc_id)))
		ok = bad(out, "csc_id", "hr.csc_bad");
	return ok;
}

long user_create(const struct staff_input *in, const char *pw_hash, bool *dup)
{
	*dup = false;
	if (db_exec("INSERT INTO users (username, user_type, first_name, middle_name, last_name, mobile, email, dob, "
		    "designation, csc_id, pw_hash) VALUES (?, ?, ?, NULLIF(?, ''), NULLIF(?, ''), ?, NULLIF(?, ''), "
		    "NULLIF(?, ''), NULLIF(?, ''), NULLIF(?, ''), ?)",
		    "sssssssssss", in->username, in->user_type, in->first, in->middle ? in->middle : "",
		    in->last ? in->last : "", in->mobile, in->email ? in->email : "", in->dob ? in->dob : "",
		    in->designation ? in->designation : "", in->csc_id ? in->csc_id : "", pw_hash) != 1) {
		*dup = db_err_dup();
		return 0;
	}
	return (long)db_last_id();
}

long holding_add(struct arena *a, long user_id, enum role role, long location_id, long department_id,
		 const char *work_from, const char *work_to, long created_by, const char **err)
{
	int y, m, d, y2, m2, d2;
	if (!parse_date(work_from, &y, &m, &d)) {
		*err = "hr.date_bad";
		return 0;
	}
	if (!str_empty(work_to) && (!parse_date(work_to, &y2, &m2, &d2) || strcmp(work_to, work_from) < 0)) {
		*err = "hr.date_order";
		return 0;
	}
	struct loc *l = loc_get(a, location_id);
	if (!l) {
		*err = "hr.place_missing";
		return 0;
	}
	const char *level;
	enum loc_type lt;
	role_place(role, &level, &lt);
	long place = 0;
	if (lt == LT_COUNT) {
		place = l->id;
	} else {
		long ids[12];
		size_t n = loc_path_ids(l->path, ids, 12);
		for (size_t i = 0; i < n && !place; i++) {
			struct loc *x = loc_get(a, ids[i]);
			if (x && x->type == lt)
				place = x->id;
		}
	}
	if (!place) {
		*err = "hr.place_level";
		return 0;
	}
	long office = 0;
	if (level) {
		const char *o = db_scalar(a, "SELECT id FROM offices WHERE location_id = ? AND level = ? AND active = 1",
					  "is", (long long)place, level);
		if (!o) {
			*err = "hr.no_office";
			return 0;
		}
		office = strtol(o, NULL, 10);
	}
	if (db_exec("INSERT INTO role_holdings (user_id, role, office_id, location_id, department_id, work_from, work_to, "
		    "created_by) VALUES (?, ?, NULLIF(?, 0), ?, NULLIF(?, 0), ?, NULLIF(?, ''), NULLIF(?, 0))",
		    "isiiissi", (long long)user_id, role_code(role), (long long)office, (long long)place,
		    (long long)department_id, work_from, work_to ? work_to : "", (long long)created_by) != 1) {
		*err = "hr.db";
		return 0;
	}
	return (long)db_last_id();
}

/* One HR change: what it is about and where its outcome goes (db_txn's
 * context for every write below). */
struct hr_ctx {
	struct arena *a;			/* the caller's arena */
	const struct actor *who;		/* who acts */
	struct outcome *out;			/* problems and refusals */
	long user_id;				/* the employee (or the new one) */
	long holding_id;			/* the holding a change is about */
	const struct staff_input *staff;	/* fields to write */
	const struct holding_input *h;		/* a role to give */
	const char *text;			/* end_role: the reason; create: the password hash */
	bool on;				/* activate (true) or deactivate */
};

/* The audit row of an HR change to user c->user_id (by a state admin:
 * only they reach the register). */
static int hr_audit(struct hr_ctx *c, const char *action, const char *remarks)
{
	struct audit_entry e = { .action = action, .entity = "user", .entity_id = arena_printf(c->a, "%ld", c->user_id),
				 .role = "state_admin", .remarks = remarks };
	return audit_write(c->who, &e) == 0 ? 0 : -1;
}

/* A new holding names a staff role and a place; else 1 with the problems
 * in out. */
static int holding_check(struct hr_ctx *c)
{
	if (c->h->role <= ROLE_CITIZEN)
		out_field(c->out, "role", "hr.role_bad", NULL);
	if (!c->h->place)
		out_field(c->out, "place", "hr.place_missing", NULL);
	return c->out->nerrs ? 1 : 0;
}

/* Inserts the holding c->h of c->user_id (holding_check passed); 1 with the
 * problem at the dates or the place, -1 on a database error. */
static int holding_insert(struct hr_ctx *c, enum role role)
{
	const char *err = NULL;
	if (holding_add(c->a, c->user_id, role, c->h->place, role == ROLE_DEPT_ADMIN ? 1 : 0, c->h->from, c->h->to,
			actor_id(c->who), &err))
		return 0;
	if (str_eq(err, "hr.db"))
		return -1;
	out_field(c->out, str_eq(err, "hr.date_bad") || str_eq(err, "hr.date_order") ? "work_from" : "place", err, NULL);
	return 1;
}

static int create_txn(void *p)
{
	struct hr_ctx *c = p;
	bool dup = false;
	c->user_id = user_create(c->staff, c->text, &dup);
	if (!c->user_id) {
		if (!dup)
			return -1;
		out_field(c->out, "username", "hr.duplicate", NULL);
		return 1;
	}
	int rc = holding_insert(c, (enum role)c->h->role);
	if (rc)
		return rc;
	return hr_audit(c, "user.create", arena_printf(c->a, "%s as %s", c->staff->username, role_code((enum role)c->h->role)));
}

int user_staff_create(struct arena *a, const struct actor *who, const struct staff_input *in,
		      const struct holding_input *h, struct outcome *out, struct staff_created *res)
{
	struct hr_ctx c = { .a = a, .who = who, .out = out, .staff = in, .h = h };
	staff_validate(in, true, out);
	holding_check(&c);
	int y, m, d;
	if (!parse_date(h->from, &y, &m, &d))
		out_field(out, "work_from", "hr.date_bad", NULL);
	if (out->nerrs)
		return out->status;
	/* a first password, shown once and sent by SMS; the employee resets it */
	unsigned char raw[9];
	randombytes_buf(raw, sizeof raw);
	char *initial = b64url_encode(a, raw, sizeof raw);
	char *hash = auth_hash_password(initial);
	if (!hash)
		return out_fail(out, 503, NULL);
	c.text = hash;
	int st = out_txn(out, create_txn, &c);
	free(hash);
	if (st)
		return st;
	long nid = notify_queue("sms", in->mobile,
				arena_printf(a, "Your GramSewa log-in is %s. Your first password is %s. Change it after you log in. - GramSewa",
					     in->username, initial), "1107160000000000002", "user.created", in->username);
	if (nid)
		notify_send_now(nid);
	res->id = c.user_id;
	res->password = initial;
	return 0;
}

/* 404 for an id that is not an employee's (citizens are not in the register). */
static int not_staff(struct hr_ctx *c, long long matched)
{
	if (matched < 0)
		return -1;
	if (matched == 0) {
		out_fail(c->out, 404, NULL);
		return 1;
	}
	return 0;
}

static int edit_txn(void *p)
{
	struct hr_ctx *c = p;
	const struct staff_input *in = c->staff;
	long long n = db_exec("UPDATE users SET first_name = ?, middle_name = NULLIF(?, ''), last_name = NULLIF(?, ''), "
			      "email = NULLIF(?, ''), mobile = ?, dob = NULLIF(?, ''), user_type = ?, "
			      "designation = NULLIF(?, ''), csc_id = NULLIF(?, '') WHERE id = ? AND user_type <> 'citizen'",
			      "sssssssssi", in->first, in->middle ? in->middle : "", in->last ? in->last : "",
			      in->email ? in->email : "", in->mobile, in->dob ? in->dob : "", in->user_type,
			      in->designation ? in->designation : "", in->csc_id ? in->csc_id : "", (long long)c->user_id);
	if (n < 0 && db_err_dup()) {
		out_field(c->out, "csc_id", "hr.duplicate", NULL);
		return 1;
	}
	int rc = not_staff(c, n);
	return rc ? rc : hr_audit(c, "user.edit", NULL);
}

int user_staff_edit(struct arena *a, const struct actor *who, long id, const struct staff_input *in, struct outcome *out)
{
	if (!staff_validate(in, false, out))
		return out->status;
	struct hr_ctx c = { .a = a, .who = who, .out = out, .user_id = id, .staff = in };
	return out_txn(out, edit_txn, &c);
}

static int active_txn(void *p)
{
	struct hr_ctx *c = p;
	int rc = not_staff(c, db_exec("UPDATE users SET active = ? WHERE id = ? AND user_type <> 'citizen'", "ii",
				      (long long)c->on, (long long)c->user_id));
	if (rc)
		return rc;
	if (!c->on && session_revoke_all(c->user_id) != 0)
		return -1;
	return hr_audit(c, c->on ? "user.activate" : "user.deactivate", NULL);
}

int user_set_active(struct arena *a, const struct actor *who, long id, bool on, struct outcome *out)
{
	struct hr_ctx c = { .a = a, .who = who, .out = out, .user_id = id, .on = on };
	return out_txn(out, active_txn, &c);
}

static int unlock_txn(void *p)
{
	struct hr_ctx *c = p;
	int rc = not_staff(c, db_exec("UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = ? "
				      "AND user_type <> 'citizen'", "i", (long long)c->user_id));
	return rc ? rc : hr_audit(c, "user.unlock", NULL);
}

int user_unlock(struct arena *a, const struct actor *who, long id, struct outcome *out)
{
	struct hr_ctx c = { .a = a, .who = who, .out = out, .user_id = id };
	return out_txn(out, unlock_txn, &c);
}

static int give_txn(void *p)
{
	struct hr_ctx *c = p;
	int rc = holding_check(c);
	if (!rc)
		rc = holding_insert(c, (enum role)c->h->role);
	return rc ? rc : hr_audit(c, "user.add_role", arena_printf(c->a, "%s from %s", role_code((enum role)c->h->role), c->h->from));
}

int holding_give(struct arena *a, const struct actor *who, long user_id, const struct holding_input *h,
		 struct outcome *out)
{
	struct hr_ctx c = { .a = a, .who = who, .out = out, .user_id = user_id, .h = h };
	return out_txn(out, give_txn, &c);
}

static int transfer_txn(void *p)
{
	struct hr_ctx *c = p;
	/* the old holding ends the day before the new one starts; same role */
	struct dbres *old = db_query(c->a, "SELECT role_holdings.role, role_holdings.work_from FROM role_holdings "
					   "JOIN users u ON u.id = role_holdings.user_id "
					   "WHERE role_holdings.id = ? AND role_holdings.user_id = ? AND u.user_type <> 'citizen' "
					   "FOR UPDATE", "ii", (long long)c->holding_id, (long long)c->user_id);
	if (!old)
		return -1;
	if (old->nrows != 1) {
		out_fail(c->out, 404, NULL);
		return 1;
	}
	int y, m, d;
	if (!parse_date(c->h->from, &y, &m, &d) || strcmp(c->h->from, db_val(old, 0, 1)) <= 0) {
		out_field(c->out, "work_from", "hr.date_order", NULL);
		return 1;
	}
	if (db_exec("UPDATE role_holdings SET work_to = DATE_SUB(?, INTERVAL 1 DAY), ended_reason = ? WHERE id = ?",
		    "ssi", c->h->from, "transfer", (long long)c->holding_id) != 1)
		return -1;
	struct holding_input same = *c->h;
	same.role = role_from_code(db_val(old, 0, 0));
	c->h = &same;
	int rc = holding_check(c);
	if (!rc)
		rc = holding_insert(c, (enum role)same.role);
	return rc ? rc : hr_audit(c, "user.transfer", arena_printf(c->a, "%s from %s", role_code((enum role)same.role), same.from));
}

int holding_transfer(struct arena *a, const struct actor *who, long user_id, long holding_id,
		     const struct holding_input *h, struct outcome *out)
{
	struct hr_ctx c = { .a = a, .who = who, .out = out, .user_id = user_id, .holding_id = holding_id, .h = h };
	return out_txn(out, transfer_txn, &c);
}

static int end_txn(void *p)
{
	struct hr_ctx *c = p;
	long long n = db_exec("UPDATE role_holdings SET work_to = LEAST(IFNULL(work_to, CURDATE()), CURDATE()), active = 0, "
			      "ended_reason = ? WHERE id = ? AND user_id = ?", "sii", c->text ? c->text : "ended",
			      (long long)c->holding_id, (long long)c->user_id);
	if (n < 0)
		return -1;
	if (n != 1) {
		out_fail(c->out, 404, NULL);
		return 1;
	}
	return hr_audit(c, "user.end_role", c->text);
}

int holding_end(struct arena *a, const struct actor *who, long user_id, long holding_id, const char *reason,
		struct outcome *out)
{
	if (!out_max_len(out, "reason", reason, LIM_ENDED_REASON))
		return out->status;
	struct hr_ctx c = { .a = a, .who = who, .out = out, .user_id = user_id, .holding_id = holding_id, .text = reason };
	return out_txn(out, end_txn, &c);
}

/* The profile's change and where its outcome goes (db_txn's context). */
struct profile_ctx {
	struct arena *a;			/* the caller's arena */
	const struct actor *who;		/* whose profile */
	const struct profile_input *in;		/* what to save */
};

static int profile_txn(void *p)
{
	struct profile_ctx *c = p;
	const struct profile_input *in = c->in;
	long id = actor_id(c->who);
	if (db_exec("UPDATE users SET first_name = ?, middle_name = NULLIF(?, ''), last_name = NULLIF(?, ''), "
		    "email = NULLIF(?, ''), lang = ?, address_location_id = NULLIF(?, 0), address_line = NULLIF(?, '') "
		    "WHERE id = ?", "sssssisi", in->first, in->middle ? in->middle : "", in->last ? in->last : "",
		    in->email ? in->email : "", in->lang, (long long)in->addr, in->line ? in->line : "", (long long)id) < 0)
		return -1;
	struct audit_entry e = { .action = "profile.update", .entity = "user", .entity_id = arena_printf(c->a, "%ld", id) };
	return audit_write(c->who, &e) == 0 ? 0 : -1;
}

int user_profile_save(struct arena *a, const struct actor *who, const struct profile_input *in, struct outcome *out)
{
	struct staff_input person = { .first = in->first, .middle = in->middle, .last = in->last, .email = in->email };
	person_validate(&person, out);
	if (!str_eq(in->lang, "en") && !str_eq(in->lang, "hi"))
		out_field(out, "lang", "profile.lang_bad", NULL);
	if (in->line && utf8_chars(in->line) > LIM_ADDRESS_LINE)
		out_field(out, "address_line", "profile.line_bad", NULL);
	if (who->user && str_eq(who->user->user_type, "citizen") && !in->addr)
		out_field(out, "addr", "profile.addr_missing", NULL);
	if (out->nerrs)
		return out->status;
	struct profile_ctx c = { .a = a, .who = who, .in = in };
	return out_txn(out, profile_txn, &c);
}

bool role_list_ok(struct arena *a, const char *list)
{
	if (str_empty(list) || strlen(list) > 200)
		return false;
	char *copy = arena_strdup(a, list), *save = NULL;
	for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save))
		if (role_from_code(t) < 0 || str_eq(t, "citizen"))
			return false;
	return true;
}

bool user_holds_any(struct arena *a, const struct user *u, const char *list)
{
	char *copy = arena_strdup(a, list ? list : ""), *save = NULL;
	for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		int r = role_from_code(t);
		if (r >= 0 && u && (u->roles & RB(r)))
			return true;
	}
	return false;
}
