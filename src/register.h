/*
 * register.h — the panchayat's registers (JPRA 2001): definitions
 * (gramsewa.register/1 JSON, versioned like services), books (one register
 * of one gram panchayat for one financial year, opened on first use),
 * entries and their life (draft → submitted → verified → signed, or
 * returned), corrections as new entries, the hash chain per book, the
 * running balances that may never go negative, and the daily close.
 *
 * A register's columns are a form of the form engine (formdef.h: read,
 * checked and written by its def_* helpers, answers checked by
 * form_check, shown by formview): registers have no field model of their
 * own.  Amount columns are its money fields (typed in rupees, kept in
 * paise).
 */
#ifndef GS_REGISTER_H
#define GS_REGISTER_H
#include "domain.h"
#include "json.h"
#include "formdef.h"
#include "user.h"

#include <stdio.h>

#define REG_FORMAT "gramsewa.register/1"
#define REG_MAX_BALANCES 4
/* Who keeps (VLE, panchayat secretary, mukhiya) or watches (BI, DI, BDO,
 * SDO, DM, state admin) registers: the routes' role mask; reg_may decides
 * the place. */
#define REG_ROLES (RB(ROLE_CSC) | RB(ROLE_PSEWAK) | RB(ROLE_MUKHIYA) | RB(ROLE_BI) | RB(ROLE_DI) | RB(ROLE_BDO) | \
		   RB(ROLE_SDO) | RB(ROLE_DM) | RB(ROLE_STATE_ADMIN))

/* A named running balance: the columns that add to it and take from it. */
struct reg_balance {
	const char *name;	/* [a-z_]+: "cash", "bank" */
	struct i18n label;	/* shown above the figure */
	const char **in, **out;	/* amount columns */
	size_t nin, nout;
};

/* A figure an MPR takes from the system (mpr_source.h): "sources" of the
 * definition, {"field": {"source", "register"?, "column"?, "editable"?}}. */
struct reg_source {
	const char *field;	/* the number or money column it fills */
	const char *source;	/* a name of mpr_sources[] */
	int src;		/* its enum mpr_src, -1 when unknown (a problem) */
	const char *reg;	/* "register": a register code, or NULL */
	const char *col;	/* "column": a money column of that register, or NULL */
	bool editable;		/* the filer may change the figure (the computed one is kept beside it) */
};

/* One register definition, as read from its JSON. */
struct regdef {
	const char *code;	/* CASHBOOK: 2-20 capitals, digits or _ */
	const char *kind;	/* register (mpr, survey, amenity, checklist later) */
	struct i18n name;	/* shown */
	struct i18n basis;	/* legal basis ("JPRA 2001 s. 75; MAS format VIII") */
	const char *level;	/* who keeps it: panchayat, block or district */
	const char *periodicity;	/* continuous, daily, monthly, fy */
	bool confirmed;		/* false: the column list awaits the department's confirmation */
	bool public_;		/* citizens may ask for certified extracts */
	struct form_def form;	/* the columns: a form of the form engine */
	struct field *cols;	/* form.fields */
	size_t ncols;		/* form.nfields */
	const char *date_col;	/* the date column deciding the entry's day and FY, or NULL (today) */
	const char **totals;	/* number or money columns summed under the table */
	size_t ntotals;
	struct reg_balance bal[REG_MAX_BALANCES];	/* running balances */
	size_t nbal;
	bool never_negative;	/* refuse an entry that takes a balance below zero */
	bool carry_forward;	/* a new year's book opens with the last year's closing balances */
	bool daily_close;	/* the verifier closes days; closed days take no entries */
	unsigned enter_roles;	/* RB() mask of who enters (csc, panchayat_sewak) */
	int verify_role;	/* enum role of who verifies */
	int sign_role;		/* enum role of who signs after verification, or -1 (verification is final) */
	const char *paper;	/* print layout: A4 or A3 */
	bool landscape;
	const char **print_cols;	/* columns printed, in order (NULL: all) */
	size_t nprint;
	struct reg_source *sources;	/* MPR only: figures filled from the system */
	size_t nsources;
};

/* Reads a definition; problems (one per line) go to probs.  NULL only
 * when v is not a gramsewa.register/1 object. */
struct regdef *regdef_from_json(struct arena *a, const struct jval *v, struct sbuf *probs);
/* Writes the canonical JSON of d (parse → write → parse gives the same text). */
void regdef_to_json(const struct regdef *d, struct sbuf *b);
/* Structural problems of d, one per line into probs; returns their number. */
int regdef_validate(const struct regdef *d, struct sbuf *probs);
/* The register's own rule for one column (beyond the form engine's): not
 * a file or location, a user column's scope gp_staff or officers, a
 * reference's ref_kind register:CODE.  false with *at the property at
 * fault ("type", "scope", "ref_kind"). */
bool regdef_col_ok(const struct field *c, const char **at);
/* The column called name, or NULL. */
const struct field *regdef_col(const struct regdef *d, const char *name);
/* Is name one of d's amount (money) columns? */
bool regdef_is_amount(const struct regdef *d, const char *name);

/* The hash of a chained entry: hex SHA-256 of prev (64 hex, "" for the
 * first), "\n" and the canonical entry JSON {"book","serial","date",
 * "corrects","by","data"} (data is the stored normalised JSON).  Arena. */
const char *reg_entry_hash(struct arena *a, const char *prev, long book, long serial, const char *date, long corrects,
			   long by, const char *data);

/* ---- definitions in the database ---- */

/* Imports a definition (JSON text) as a new draft version of its code,
 * published at once when publish (the version in force is superseded).
 * Problems go to probs (422).  Audited (register.import).  Returns 0,
 * 409 (the same text is already the latest version), 422 or 503; *version
 * gets the version number. */
int reg_import(struct arena *a, const struct actor *who, const char *json, size_t len, bool publish, struct sbuf *probs,
	       long *version, struct outcome *out);
/* Publishes the latest draft of code, superseding the version in force
 * (open books keep theirs).  Returns 0, 404 (no draft), 422 (the draft is
 * not a valid definition yet: its problems, one per line, in probs) or
 * 503. */
int reg_publish(struct arena *a, const struct actor *who, const char *code, struct sbuf *probs, struct outcome *out);
/* The published definition of code (with its version id), or NULL. */
struct regdef *reg_published(struct arena *a, const char *code, long *version_id);
/* A definition from its stored JSON text (NULL: NULL), or NULL. */
struct regdef *reg_def_parse(struct arena *a, const char *text);
/* The definition a book was opened with, or NULL. */
struct regdef *reg_book_def(struct arena *a, long book_id);
/* The definition of a version id, or NULL. */
struct regdef *reg_version_def(struct arena *a, long version_id);

/* ---- who may do what ---- */
enum reg_act { REG_SEE, REG_ENTER, REG_VERIFY, REG_SIGN };
/* May who act on the registers of the gram panchayat at path? */
bool reg_may(const struct actor *who, const struct regdef *d, const char *gp_path, enum reg_act act);
/* The gram panchayat who keeps registers for when there is one only (a VLE
 * or a panchayat secretary); 0 when none or several. */
long reg_home_gp(struct arena *a, const struct actor *who);
/* The place whose books of level ("panchayat", "block", "district") who
 * keeps, when there is one only: reg_home_gp for a panchayat, else the
 * block or district of who's one holding there; 0 when none or several. */
long reg_home_place(struct arena *a, const struct actor *who, const char *level);

/* ---- entries ---- */
struct reg_entry_input {
	const char *code;		/* register code */
	long gp;			/* gram panchayat (0: who's own) */
	const struct jval *data;	/* the answers: a JSON object; money as typed rupees ("1,500.50") or paise (a whole number) */
	long corrects;			/* the entry this one corrects, or 0 */
	bool submit;			/* submit at once (else a draft) */
};
/* Makes an entry (a draft, or submitted at once) in the book of its FY,
 * opening the book on first use.  Returns 0 (*id set), 403/404, 409 (book
 * closed, day closed, balance would go negative, original not correctable),
 * 422 (problems with the answers) or 503. */
int reg_entry_create(struct arena *a, const struct actor *who, const struct reg_entry_input *in, long *id,
		     struct outcome *out);
/* Changes a draft's answers (its maker only).  409 once it is in the book. */
int reg_entry_edit(struct arena *a, const struct actor *who, long id, const struct jval *data, struct outcome *out);
/* Deletes a draft (its maker only).  409 once it is in the book. */
int reg_entry_delete(struct arena *a, const struct actor *who, long id, struct outcome *out);
/* The officer actions on an entry: submit (maker), verify, sign, return
 * (with a note).  409 when the entry is not in the state the action needs. */
enum reg_action { RA_SUBMIT, RA_VERIFY, RA_SIGN, RA_RETURN };
int reg_entry_act(struct arena *a, const struct actor *who, long id, enum reg_action act, const char *note,
		  struct outcome *out);
int reg_action_from(const char *s);	/* -1 if unknown */
/* Closes the days of a book up to and including day (the verifier):
 * entries dated on or before it are refused afterwards.  409 when drafts
 * or submitted entries of those days are still waiting, or the day is in
 * the future. */
int reg_close_day(struct arena *a, const struct actor *who, long book, const char *day, struct outcome *out);

/* ---- the chain ---- */
struct reg_verify_result {
	long books, entries;	/* walked */
	long bad_book;		/* first book with a problem, 0 when none */
	long bad_serial;	/* where in it */
	const char *why;	/* what is wrong ("hash", "gap", "link", "head"), or NULL */
};
/* Walks every book (book_id 0) or one, checking serials 1..last_serial
 * without gaps, each prev_hash against the previous row's hash, each hash
 * against the row, and the book's head.  Returns 0 (intact), 1 (broken:
 * res says where) or -1 (database error).  Progress lines to log when not
 * NULL. */
int reg_verify(struct arena *a, long book_id, struct reg_verify_result *res, FILE *log);
/* ---- the book as paper ---- */

/* How one answer reads in a cell (the form engine's form_answer_text):
 * money as rupees, a choice by its label in lang.  Arena text. */
const char *reg_cell_text(struct arena *a, const struct regdef *d, const struct field *f, const struct jval *v, const char *lang);
/* The book as a PDF (*pdf malloc'd, the caller frees): a closed book's
 * signed PDF as stored, an open one drawn now and marked not final.
 * Returns 0, 404 or 503. */
int reg_book_pdf(struct arena *a, const struct actor *who, long book, unsigned char **pdf, size_t *len, struct outcome *out);
/* The print layout of definition d (version version) with three empty
 * rows, marked as a preview: what its books will look like on paper.
 * *pdf malloc'd.  0 or -1. */
int reg_sample_pdf(struct arena *a, const struct regdef *d, long version, unsigned char **pdf, size_t *len);
/* Year-end close (the verifier, with a signing key from `gramsewactl ca
 * issue`): once the FY is over and no entry waits, the book is drawn,
 * PAdES-signed with the officer's key, stored (content-addressed) and the
 * book closed for good.  Returns 0, 403, 404, 409 or 503. */
int reg_close_year(struct arena *a, const struct actor *who, long book, struct outcome *out);
/* ---- register health (the dashboards) ---- */

/* Register health of a set of gram panchayats, from the summary rows of
 * 057 (never a count of entries).  A GP's score is 100, less one point a
 * day since its last entry (at most 50) and one per entry waiting for
 * sign-off (at most 50); 0 when it keeps no open book. */
struct reg_health {
	const char *key;		/* location id of the group (a child of the scope), NULL for a total */
	const char *name_en, *name_hi;	/* its name */
	long gps;			/* gram panchayats in the group */
	long with_books;		/* of them, with an open book */
	long open_books;		/* open books */
	long waiting;			/* entries submitted and not yet verified/signed */
	long stale;			/* GPs with no entry for more than 30 days (or none ever) */
	long days;			/* days since the latest entry in the group, -1 when none */
	long score;			/* average GP score, 0..100 */
};
/* The GPs under path grouped by their ancestor at depth (the scope's
 * children: pass the scope's depth + 1), rows by name; the scope's own
 * figures go to *total.  Returns the rows (arena; *n of them, none is
 * fine) or NULL on a database error. */
struct reg_health *reg_health(struct arena *a, const char *path, int depth, size_t *n, struct reg_health *total);
/* The summary rows of the block and district offices under path (the
 * place at path itself included) that keep books of block- or
 * district-level registers: location id, name_en, name_hi, type, open
 * books, entries waiting for sign-off, days since the last entry or NULL;
 * districts first, then by name.  NULL on a database error. */
struct dbres;
struct dbres *reg_health_offices(struct arena *a, const char *path);
/* The books of one place (book id, code, name_en, name_hi, fy, status,
 * days since the last entry or NULL, waiting), open ones first, newest
 * year first; NULL on a database error. */
struct dbres *reg_health_books(struct arena *a, long location_id);
/* ---- certified extracts (a service with output.register_extract) ---- */

struct cert_fact;
/* The entry a certified-extract application names: its answers
 * register, fy and serial, in the book of the GP of office_id (the office
 * the application was routed to), as printed facts (*facts, *n, arena):
 * register, GP, FY and serial, each answered column (English text), the
 * entry's status and hash, and the book's head hash now.  Only a public
 * register's entry that stands (final: signed, or verified where the
 * register has no signer; not corrected) can be extracted.  The desk shows
 * these facts and the certificate prints them.  Returns 0, 1 (refused:
 * *why is the message key, register.extract.*) or -1 (a database error). */
int reg_extract_app(struct arena *a, long office_id, const struct jval *answers, struct cert_fact **facts, size_t *n,
		    const char **why);
/* ---- photos ---- */

/* Stores a picture (JPEG or PNG) a keeper took for a photo column: through
 * the locker (photo.c: EXIF time and place read, then re-encoded without
 * metadata) as a document of the keeper's own, doc_type register_photo,
 * in one transaction with its audit row.  Only its uploader may put it in
 * an entry; whoever may see the entry may see it.  Returns the document
 * id, or 0 with out: 422 (not a picture, empty; file), 413, 503. */
/* What is wrong with a picture for a photo column before it is stored
 * (empty, over the upload cap, not a JPEG or PNG by its content): a
 * message key, or NULL.  reg_photo_add checks it first. */
const char *reg_photo_check(const unsigned char *p, size_t n);
long reg_photo_add(struct arena *a, const struct actor *who, const char *name, const unsigned char *p, size_t n,
		   struct outcome *out);
/* Is doc the picture of one of d's photo columns in the entry data (its
 * stored JSON)? */
bool reg_entry_has_photo(struct arena *a, const struct regdef *d, const char *data, long doc);
/* The totals of book (out[i] for d->totals[i], whole numbers: paise for
 * money) over its standing entries not corrected by a standing entry,
 * from the book's row (058), which the entry transactions keep; a book
 * from before 058 is counted once first.  known: the row's totals when
 * the caller read them with the book (NULL: read, or count, here).
 * 0 or -1. */
int reg_book_totals(struct arena *a, long book, const struct regdef *d, const char *known, long long *out);
#endif
