/*
 * regdesign.h — the register designer without JSON: a state administrator
 * (or a department administrator of the Panchayati Raj department) makes a
 * register definition's draft, sets its header and adds, edits, reorders
 * and removes its columns with the form engine's field editor
 * (fieldedit.h: the same field model and checks as the service designer).
 * Every change edits the register's latest version when it is a draft, or
 * makes the next version as a draft from the latest; it is saved whole,
 * canonically, in one transaction with an audit row (register.edit).
 * Publishing (reg_publish) checks the whole definition with
 * regdef_validate and supersedes the version in force; books already open
 * keep theirs.
 */
#ifndef GS_REGDESIGN_H
#define GS_REGDESIGN_H
#include "designer.h"
#include "register.h"

/* May who design registers: a state administrator, or a department
 * administrator of the Panchayati Raj department (code PRD)? */
bool regdesign_may(struct arena *a, const struct actor *who);
/* The column types a register offers (not file, location or group). */
bool regdesign_type_ok(enum ftype t);

/* The header as typed. */
struct regdesign_header {
	const char *name_en, *name_hi, *basis_en, *basis_hi;	/* texts */
	const char *level, *periodicity;	/* one of the listed codes */
	bool public_, confirmed;		/* citizens may ask for extracts; columns confirmed */
	const char *date_col;			/* a date column or "" */
	struct designer_list totals;		/* number, money or computed columns */
	bool carry_forward, never_negative, daily_close;	/* book rules */
	struct designer_list enter;		/* role codes of who enters */
	const char *verify, *sign;		/* role codes (sign: "" for none) */
	const char *paper;			/* A4 or A3 */
	bool landscape;
	struct designer_list print;		/* printed columns (none ticked: all) */
};

/* A new register with a first draft (no columns yet).  0; 422 (code,
 * name_en, name_hi; a code already taken at "code"); 503. */
int regdesign_create(struct arena *a, const struct actor *who, const char *code, const char *name_en, const char *name_hi,
		     struct outcome *out);
/* Each returns 0 when the change is saved in the draft; 404 (no such
 * register or column), 400 (an unknown action), 409 (a column others
 * name cannot be removed), 422 (problems at the inputs) or 503. */
int regdesign_header(struct arena *a, const struct actor *who, const char *code, const struct regdesign_header *in,
		     struct outcome *out);
int regdesign_col_add(struct arena *a, const struct actor *who, const char *code, const struct field_input *in,
		      struct outcome *out);
/* action: save (props), up, down, delete */
int regdesign_col_change(struct arena *a, const struct actor *who, const char *code, const char *name, const char *action,
			 const struct field_input *props, struct outcome *out);

/* The latest version of code (*version, *status set), or NULL. */
struct regdef *regdesign_latest(struct arena *a, const char *code, long *version, const char **status);
#endif
