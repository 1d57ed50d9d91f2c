/*
 * user.c — loading users with their holdings, and the jurisdiction check.
 */
#include "user.h"
#include "db.h"

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

bool juris_path(const struct user *u, const char *target_path)
{
	if (!u || !target_path)
		return false;
	if (user_has(u, ROLE_STATE_ADMIN))
		return true;
	for (size_t i = 0; i < u->nh; i++) {
		const struct holding *h = &u->h[i];
		if (h->role == ROLE_CITIZEN || h->role == ROLE_CSC || h->role == ROLE_SEWAK || h->role == ROLE_JSK)
			continue;	/* filers see their own records, not an area */
		if (h->loc_path && str_starts(target_path, h->loc_path))
			return true;
	}
	return false;
}

bool juris_office_role(const struct user *u, long office_id, enum role role)
{
	for (size_t i = 0; u && i < u->nh; i++)
		if (u->h[i].role == role && u->h[i].office_id == office_id)
			return true;
	return false;
}

const char **juris_prefixes(struct arena *a, const struct user *u, unsigned role_mask)
{
	const char **out = arena_alloc(a, ((u ? u->nh : 0) + 2) * sizeof *out);
	size_t n = 0;
	if (user_has(u, ROLE_STATE_ADMIN)) {
		out[n++] = "/";
		return out;
	}
	for (size_t i = 0; u && i < u->nh; i++)
		if ((role_mask & RB(u->h[i].role)) && u->h[i].loc_path)
			out[n++] = u->h[i].loc_path;
	return out;
}
