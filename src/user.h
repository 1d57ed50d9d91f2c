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
	long department_id;	/* department admins: their department */
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

/* Jurisdiction.  The single answer to "may U see location L?": true when
 * any active holding's root is an ancestor-or-self of L (by path prefix), or
 * U is a state admin.  Callers pass the target's materialised path. */
bool juris_path(const struct user *u, const char *target_path);
/* May U act at office O as role R (holds R at exactly O today)? */
bool juris_office_role(const struct user *u, long office_id, enum role role);
/* Returns the path prefixes U may see (for SQL LIKE filters), arena array,
 * NULL-terminated; a state admin gets "/" . */
const char **juris_prefixes(struct arena *a, const struct user *u, unsigned role_mask);

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
