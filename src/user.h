/*
 * user.h — who is asking: users, the roles they hold at offices for a date
 * range, and the one jurisdiction check every list and record fetch uses;
 * the rules for people (the mobile-number rule, finding or registering a
 * citizen, staff and profile fields) and every write to users and
 * role_holdings (the HR register, the profile).
 */
#ifndef GS_USER_H
#define GS_USER_H
#include "domain.h"

enum role {
	ROLE_CITIZEN, ROLE_CSC, ROLE_SEWAK, ROLE_JSK, ROLE_PSEWAK, ROLE_KARMACHARI, ROLE_CI, ROLE_CO,
	ROLE_BDO, ROLE_SDO, ROLE_DM, ROLE_DEPT_ADMIN, ROLE_DI, ROLE_BI, ROLE_SUPPORT, ROLE_STATE_ADMIN,
	ROLE_MUKHIYA,	/* the elected head of a gram panchayat: countersigns its registers */
	/* issue 15: call-centre agent, department resolver, Digital Panchayat PMU */
	ROLE_CC_AGENT, ROLE_RESOLVER, ROLE_PMU,
	ROLE_MASTER_TRAINER,	/* issue 14: PMU-level master trainer: the training calendar and the e-learning library */
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
/* A user and the roles held today in one query, one row per holding (one
 * row with NULL holding columns when there is none): select USER_COLS
 * from "users u " USER_HOLDINGS, ORDER BY rh.id.  A query that finds the
 * user by something else (a session) selects the same and saves user_load's
 * round trips: every logged-in request pays them. */
#define USER_COLS "u.id, u.username, TRIM(CONCAT_WS(' ', u.first_name, u.middle_name, u.last_name)), u.mobile, " \
	"u.user_type, u.lang, rh.id, rh.role, IFNULL(rh.office_id, 0), rh.location_id, l.path, o.name_en, o.name_hi, " \
	"IFNULL(rh.department_id, 0)"
#define USER_HOLDINGS "LEFT JOIN (role_holdings rh JOIN locations l ON l.id = rh.location_id) ON rh.user_id = u.id " \
	"AND rh.active = 1 AND rh.work_from <= CURDATE() AND (rh.work_to IS NULL OR rh.work_to >= CURDATE()) " \
	"LEFT JOIN offices o ON o.id = rh.office_id"
struct dbres;
/* The user of res, whose USER_COLS start at column col, with the
 * holdings of all its rows.  Allocated in a. */
struct user *user_from_rows(struct arena *a, const struct dbres *res, size_t col);
bool user_has(const struct user *u, enum role role);
/* A list of role codes as an audience ("csc,panchayat_sewak"): every code
 * known and none "citizen", at most 200 bytes. */
bool role_list_ok(struct arena *a, const char *list);
/* Does u hold (today) one of the roles of such a list? */
bool user_holds_any(struct arena *a, const struct user *u, const char *list);

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

/* ---- citizens ---- */

/* The mobile-number rule, the one copy: an Indian mobile number is 10
 * digits, the first 6, 7, 8 or 9.  Every mobile typed anywhere (log-in,
 * staff, filing, form answers, lockers, consent, tracking) is checked
 * with it. */
bool valid_mobile(const char *s);
/* The e-mail rule, the one copy (staff profiles and form answers): one
 * '@' with something before it, a dot after it, no spaces, quotes or
 * angle brackets, at most LIM_EMAIL bytes. */
bool valid_email(const char *s);
/* The citizen registered with mobile: the id, 0 when mobile is not valid
 * or nobody has it, -1 on a database error. */
long user_citizen_id(struct arena *a, const char *mobile);
/* Finds the citizen registered with mobile, registering one when there is
 * none (first name `name` or empty, language lang) with its audit row
 * (user.register, by who; by the new citizen when who is nobody).  Runs in
 * the caller's transaction when one is open (the audit row then holds the
 * chain head until it ends), else in its own.  Two first uses at once give
 * one citizen: the unique citizen_mobile refuses the second INSERT, which
 * then reads the first one's row.  Returns the id, 0 when mobile is not
 * valid, -1 on a database error. */
long user_citizen(struct arena *a, const struct actor *who, const char *mobile, const char *name, const char *lang);

/* ---- staff: the HR register (page_hr.c) and the demo seed ---- */
struct staff_input {
	const char *username, *first, *middle, *last, *email, *mobile, *dob;	/* as typed */
	const char *user_type;	/* staff, csc, sewak, jsk */
	const char *designation;	/* state-wise designation text */
	const char *csc_id;	/* CSC ID for operators */
};
/* A role at a place for a date range, as chosen on the HR forms. */
struct holding_input {
	int role;		/* enum role, or -1 when the code was unknown */
	long place;		/* the chosen location, 0 when none was chosen */
	const char *from;	/* work_from, YYYY-MM-DD as typed */
	const char *to;		/* work_to, or NULL / "" for open-ended */
};
/* Checks every field; records each problem in out (may be NULL).  Returns
 * true when all are acceptable. */
bool staff_validate(const struct staff_input *in, bool creating, struct outcome *out);
/* Inserts the user; returns id or 0 (duplicate username/CSC ID → *dup).
 * Call inside a transaction; no audit row (user_staff_create writes it). */
long user_create(const struct staff_input *in, const char *pw_hash, bool *dup);
/* Gives user the role from work_from (YYYY-MM-DD) to work_to (or NULL).
 * The office is the one of the role's level at (or above) location_id.
 * Returns the holding id, or 0 with a language key in *err.  Call inside
 * a transaction; no audit row (the holding_* functions write it). */
long holding_add(struct arena *a, long user_id, enum role role, long location_id, long department_id,
		 const char *work_from, const char *work_to, long created_by, const char **err);

/* What user_staff_create made. */
struct staff_created {
	long id;		/* users.id */
	const char *password;	/* the first password (arena), shown once and sent by SMS */
};
/* Creates an employee with a first role (h) and a random first password,
 * audited (user.create); the password goes to the employee's mobile by
 * SMS.  Returns 0 (res filled), 422 with the problems in out, or 503. */
int user_staff_create(struct arena *a, const struct actor *who, const struct staff_input *in,
		      const struct holding_input *h, struct outcome *out, struct staff_created *res);
/* Changes an employee's fields (not the username), audited (user.edit).
 * Returns 0, 404 (no such employee), 422 or 503. */
int user_staff_edit(struct arena *a, const struct actor *who, long id, const struct staff_input *in, struct outcome *out);
/* Activates or deactivates an employee; deactivation ends every session
 * (session_revoke_all).  Audited.  Returns 0, 404 or 503. */
int user_set_active(struct arena *a, const struct actor *who, long id, bool on, struct outcome *out);
/* Lifts a log-in lockout (auth.c), audited.  Returns 0, 404 or 503. */
int user_unlock(struct arena *a, const struct actor *who, long id, struct outcome *out);
/* Gives an employee another role (h), audited (user.add_role).  Returns 0,
 * 404, 422 or 503. */
int holding_give(struct arena *a, const struct actor *who, long user_id, const struct holding_input *h,
		 struct outcome *out);
/* Transfers holding_id of user_id: it ends the day before h->from and the
 * same role starts at h->place (h->role is ignored); history stays.
 * Audited (user.transfer).  Returns 0, 404, 422 or 503. */
int holding_transfer(struct arena *a, const struct actor *who, long user_id, long holding_id,
		     const struct holding_input *h, struct outcome *out);
/* Ends holding_id of user_id today (reason, or "ended"), audited.  Returns
 * 0, 404, 422 or 503. */
int holding_end(struct arena *a, const struct actor *who, long user_id, long holding_id, const char *reason,
		struct outcome *out);

/* ---- the user's own profile ---- */
struct profile_input {
	const char *first, *middle, *last, *email;	/* as typed */
	const char *lang;	/* "en" or "hi" */
	long addr;		/* address village (0: none chosen) */
	const char *line;	/* house, street (may be NULL) */
};
/* Saves who's own profile, audited (profile.update).  A citizen must give
 * an address village.  Returns 0, 422 or 503. */
int user_profile_save(struct arena *a, const struct actor *who, const struct profile_input *in, struct outcome *out);
#endif
