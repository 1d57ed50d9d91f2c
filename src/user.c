/*
 * user.c — loading users with their holdings, and the jurisdiction check.
 */
#include "user.h"
#include "db.h"
#include "lengths.h"

#include <string.h>

static const char *const role_codes[ROLE_COUNT] = {
	"citizen", "csc", "sewak", "jsk", "panchayat_sewak", "karmachari", "ci", "co",
	"bdo", "sdo", "dm", "dept_admin", "di", "bi", "support", "state_admin",
};

const char *role_code(enum role r)
{
	return (unsigned)r < ROLE_COUNT ? role_codes[r] : "?";
}

int role_from_code(const char *code)
{
	for (int i = 0; i < ROLE_COUNT; i++)
		if (str_eq(role_codes[i], code))
			return i;
	return -1;
}

struct user *user_load(struct arena *a, long id)
{
	struct dbres *u = db_query(a,
		"SELECT id, username, TRIM(CONCAT_WS(' ', first_name, middle_name, last_name)), mobile, user_type, lang "
		"FROM users WHERE id = ? AND active = 1", "i", (long long)id);
	if (!u || u->nrows != 1)
		return NULL;
	struct user *usr = arena_alloc(a, sizeof *usr);
	usr->id = id;
	usr->username = db_val(u, 0, 1);
	usr->name = db_val(u, 0, 2);
	usr->mobile = db_val(u, 0, 3);
	usr->user_type = db_val(u, 0, 4);
	usr->lang = db_val(u, 0, 5);
	if (str_eq(usr->user_type, "citizen"))
		usr->roles |= RB(ROLE_CITIZEN);
	struct dbres *h = db_query(a,
		"SELECT rh.id, rh.role, IFNULL(rh.office_id, 0), rh.location_id, l.path, o.name_en, o.name_hi, "
		"IFNULL(rh.department_id, 0) "
		"FROM role_holdings rh JOIN locations l ON l.id = rh.location_id "
		"LEFT JOIN offices o ON o.id = rh.office_id "
		"WHERE rh.user_id = ? AND rh.active = 1 AND rh.work_from <= CURDATE() "
		"AND (rh.work_to IS NULL OR rh.work_to >= CURDATE()) ORDER BY rh.id",
		"i", (long long)id);
	if (!h)
		return NULL;
	usr->h = arena_alloc(a, (h->nrows + 1) * sizeof *usr->h);
	for (size_t i = 0; i < h->nrows; i++) {
		int role = role_from_code(db_val(h, i, 1));
		if (role < 0)
			continue;
		struct holding *x = &usr->h[usr->nh++];
		x->id = (long)db_int(h, i, 0);
		x->role = (enum role)role;
		x->office_id = (long)db_int(h, i, 2);
		x->location_id = (long)db_int(h, i, 3);
		x->loc_path = db_val(h, i, 4);
		x->office_en = db_val(h, i, 5);
		x->office_hi = db_val(h, i, 6);
		x->department_id = (long)db_int(h, i, 7);
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

/* ---- creating users and holdings ---- */

#include "location.h"
#include "tmpl.h"

#include <ctype.h>

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
	case ROLE_SUPPORT: *lt = LT_STATE; break;
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

static bool ok_email(const char *s)
{
	if (str_empty(s))
		return true;
	const char *at = strchr(s, '@');
	return strlen(s) <= LIM_EMAIL && at && at != s && strchr(at, '.') && !strchr(at + 1, '@') && !strpbrk(s, " <>\"'");
}

bool staff_validate(struct req *r, const struct staff_input *in, bool creating)
{
	bool ok = true;
#define BAD(field, key) do { ok = false; if (r) form_error(r, field, key); } while (0)
	if (creating && !ok_username(in->username))
		BAD("username", "hr.username_bad");
	if (!ok_text(in->first, LIM_PERSON_NAME, true))
		BAD("first_name", "hr.name_bad");
	if (!ok_text(in->middle, LIM_PERSON_NAME, false))
		BAD("middle_name", "hr.name_bad");
	if (!ok_text(in->last, LIM_PERSON_NAME, false))
		BAD("last_name", "hr.name_bad");
	if (!ok_email(in->email))
		BAD("email", "hr.email_bad");
	if (!str_digits(in->mobile, 10, 10) || in->mobile[0] < '6')
		BAD("mobile", "auth.mobile_bad");
	int y, m, d;
	if (!str_empty(in->dob)) {
		struct tm tm;
		ist_tm(now_secs(), &tm);	/* the year in India, not in UTC */
		int age = tm.tm_year + 1900;
		if (!parse_date(in->dob, &y, &m, &d) || age - y < 18 || age - y > 80)
			BAD("dob", "hr.dob_bad");
	}
	if (!str_eq(in->user_type, "staff") && !str_eq(in->user_type, "csc") && !str_eq(in->user_type, "sewak") &&
	    !str_eq(in->user_type, "jsk"))
		BAD("user_type", "hr.type_bad");
	if (!ok_text(in->designation, LIM_DESIGNATION, false))
		BAD("designation", "hr.name_bad");
	if (str_eq(in->user_type, "csc") && (!in->csc_id || strlen(in->csc_id) < 6 || strlen(in->csc_id) > 20 ||
					     strspn(in->csc_id, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ") != strlen(in->csc_id)))
		BAD("csc_id", "hr.csc_bad");
#undef BAD
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
