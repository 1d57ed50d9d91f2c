/*
 * user.h — who is asking: users, the roles they hold at offices for a date
 * range, and the one jurisdiction check every list and record fetch uses.
 */
#ifndef GS_USER_H
#define GS_USER_H
#include "req.h"

enum role {
	ROLE_CITIZEN, ROLE_CSC, ROLE_SEWAK, ROLE_JSK, ROLE_PSEWAK, ROLE_KARMACHARI, ROLE_CI, ROLE_CO,
	ROLE_BDO, ROLE_SDO, ROLE_DM, ROLE_DEPT_ADMIN, ROLE_DI, ROLE_BI, ROLE_SUPPORT, ROLE_STATE_ADMIN,
	ROLE_COUNT
};
#define RB(x) (1u << (x))
/* role groups used by routes */
#define RB_FILERS (RB(ROLE_CITIZEN) | RB(ROLE_CSC) | RB(ROLE_SEWAK) | RB(ROLE_JSK))
#define RB_OPERATORS (RB(ROLE_CSC) | RB(ROLE_SEWAK) | RB(ROLE_JSK))
#define RB_PLAYERS (RB(ROLE_PSEWAK) | RB(ROLE_KARMACHARI) | RB(ROLE_CI) | RB(ROLE_CO) | RB(ROLE_BDO) | \
		    RB(ROLE_SDO) | RB(ROLE_DM) | RB(ROLE_DEPT_ADMIN))
#define RB_OFFICERS (RB_PLAYERS | RB(ROLE_DI) | RB(ROLE_BI) | RB(ROLE_SUPPORT) | RB(ROLE_STATE_ADMIN))
#define RB_ADMINS (RB(ROLE_STATE_ADMIN) | RB(ROLE_DEPT_ADMIN))

const char *role_code(enum role r);		/* "karmachari" */
int role_from_code(const char *code);		/* -1 if unknown */

struct holding {
	long id;		/* role_holdings.id */
	enum role role;		/* the role held */
	long office_id;		/* 0 when the holding is over an area, not an office */
	long location_id;	/* jurisdiction root */
	const char *loc_path;	/* materialised path of the jurisdiction root */
	const char *office_en;	/* office name (English), may be NULL */
	const char *office_hi;	/* office name (Hindi), may be NULL */
	long department_id;	/* department-scoped roles (role_dept_scoped): their department */
};

struct user {
	long id;		/* users.id */
	const char *username;	/* staff log-in name or NULL */
	const char *name;	/* display name */
	const char *mobile;	/* registered mobile or NULL */
	const char *user_type;	/* citizen, staff, csc, sewak, jsk */
	const char *lang;	/* preferred language */
	unsigned roles;		/* RB() bits of every active holding */
	struct holding *h;	/* active holdings (today within work_from..work_to) */
	size_t nh;
};

/* Loads a user and today's holdings into the arena; NULL if unknown/inactive. */
struct user *user_load(struct arena *a, long id);
bool user_has(const struct user *u, enum role role);

/* Department-scoped roles act for one department only (the holding's
 * department_id): the department administrator.  Every other role reaches
 * a place, whatever the department. */
bool role_dept_scoped(enum role r);
/* The department a holding is limited to, for SQL filters written
 * "(? = 0 OR department_id = ?)": 0 = every department; -1 for a
 * department-scoped holding without a department (it sees none). */
long holding_dept(const struct holding *h);

/* Jurisdiction: the one rule.  Returns the active holding of U (a pointer
 * into u->h) that gives a role in `roles` (RB() mask) over the target, or
 * NULL.  The target is an office (office_id > 0: the holding is at exactly
 * that office) or a place (its materialised path: the holding's root is an
 * ancestor-or-self, by path prefix; a state admin's holding covers every
 * place).  dept is the department of the record (services.department_id),
 * 0 for a place that belongs to no department: a department-scoped holding
 * counts only for its own department.  Role, place and department always
 * come from the same holding, so a CO of one circle who is a karmachari of
 * another is neither a CO of the second nor a karmachari of the first.
 * Filer roles (citizen, csc, sewak, jsk) never give an area. */
const struct holding *juris_holding(const struct user *u, unsigned roles, long office_id, const char *path, long dept);
/* May U see location L (any officer holding covering its path)? */
bool juris_path(const struct user *u, const char *target_path);

/* A root of what U may see through one holding, for SQL LIKE filters. */
struct juris_root {
	const char *path;	/* materialised path of the holding's root ("/" for a state admin) */
	long dept;		/* holding_dept() of the holding: 0 = every department */
};
/* The roots of U's holdings of the roles in role_mask; arena array ended
 * by a NULL path.  A state admin gets the single root "/". */
const struct juris_root *juris_prefixes(struct arena *a, const struct user *u, unsigned role_mask);

/* ---- creating users and holdings (HR pages, seed) ---- */
struct staff_input {
	const char *username, *first, *middle, *last, *email, *mobile, *dob;	/* as typed */
	const char *user_type;	/* staff, csc, sewak, jsk */
	const char *designation;	/* state-wise designation text */
	const char *csc_id;	/* CSC ID for operators */
};
/* Checks every field; records per-field errors with form_error when r is
 * given.  Returns true when all are acceptable. */
bool staff_validate(struct req *r, const struct staff_input *in, bool creating);
/* Inserts the user; returns id or 0 (duplicate username/CSC ID → *dup). */
long user_create(const struct staff_input *in, const char *pw_hash, bool *dup);
/* Gives user the role from work_from (YYYY-MM-DD) to work_to (or NULL).
 * The office is the one of the role's level at (or above) location_id.
 * Returns the holding id, or 0 with a language key in *err. */
long holding_add(struct arena *a, long user_id, enum role role, long location_id, long department_id,
		 const char *work_from, const char *work_to, long created_by, const char **err);
#endif
