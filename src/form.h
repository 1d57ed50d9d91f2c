/*
 * form.h — the form engine's validator: checks answers against a form
 * definition (formdef.h) — a service version's application form, or any
 * other module's form (registers, MPRs, surveys, feedback, tickets).  The
 * same definition drives the page (formview.h), the API (JSON answers) and
 * the browser hints; the server check here is the one that counts.
 * Answers come in as a JSON object and leave as a normalised JSON object
 * (numbers as numbers, money in paise, Aadhaar masked, places, users and
 * references as {id, name}, computed fields worked out here, hidden
 * conditional fields dropped).
 */
#ifndef GS_FORM_H
#define GS_FORM_H
#include "domain.h"
#include "formdef.h"

/* A photo's facts, read from its EXIF when it was stored (photo.h) and kept
 * with the document: the checker never takes them from the answers. */
struct form_photo {
	const char *exif_at;	/* DateTimeOriginal as "YYYY-MM-DD HH:MM:SS" (camera clock), or NULL */
	bool has_gps;		/* the EXIF carried a position */
	double lat, lon;	/* that position, degrees */
};

/* Look-ups the checker needs from outside (stubbed in unit tests and the
 * fuzz target; backed by the database in app_form_env).  A look-up left
 * NULL refuses every answer of its type. */
struct form_env {
	const char *today;		/* YYYY-MM-DD */
	/* Is id an active village or ward?  Sets *name. */
	bool (*location_ok)(void *ctx, long id, const char **name);
	/* May the applicant use locker document id? */
	bool (*document_ok)(void *ctx, long id);
	void *ctx;
	/* Answers already accepted (resubmission, officer corrections): a
	 * stored Aadhaar is masked and is kept as it is, not re-checked. */
	const struct jval *prior;
	/* photo: is doc_id a stored photo this person may use?  Fills *meta. */
	bool (*photo_ok)(void *ctx, long doc_id, struct form_photo *meta);
	/* photo: the window the picture must be taken in ("YYYY-MM-DD HH:MM:SS",
	 * either may be NULL): one taken outside it is kept with
	 * "in_window": false for the caller to flag (a survey task's window). */
	const char *photo_from, *photo_to;
	/* user: is id one of the users the caller offers for field f (its
	 * scope, e.g. the staff of this GP)?  Sets *name. */
	bool (*user_ok)(void *ctx, const struct field *f, long id, const char **name);
	/* ref: is id an entry of the kind f->ref_kind names, visible here?
	 * Sets *label (e.g. "Cash book 2026-27 #41"). */
	bool (*ref_ok)(void *ctx, const struct field *f, long id, const char **label);
};

/* A text answer with no max_length in its definition may have this many
 * characters. */
#define FORM_TEXT_MAX 500
/* The answer that names the applicant; it is also stored in
 * applications.applicant_name (LIM_PERSON_NAME characters). */
#define FORM_NAME_FIELD "applicant_name"

/* The most characters a text answer to f may have: its max_length (or
 * FORM_TEXT_MAX), and never more than the column the applicant's name
 * goes to.  The page's maxlength and the check agree through this. */
long form_text_max(const struct field *f);
/* Problems are recorded in an outcome (domain.h) as the answer's path
 * ("income", "family.1.name"), a message key ("form.err.too_long") and the
 * {n} of the message ("40"), never as text: the page or the API words
 * them in the reader's language.  The API shows the paths as they are; the
 * page turns them into its input names (formview.h). */

/* Checks only the lengths of the answers given (shown or not, required or
 * not): what a draft must meet before it is stored.  Adds one problem per
 * answer that is too long to o.  Returns the number of problems added. */
size_t form_check_lengths(struct arena *a, const struct form_def *d, const struct jval *answers, struct outcome *o);
/* Checks answers (a JSON object, may be NULL = no answers) and adds one
 * problem per refused answer to o.  *json receives the normalised answers
 * that were acceptable (arena memory), whether or not some were refused.
 * Computed fields are worked out from the accepted answers (an answer
 * given for one is ignored).  Returns the number of problems added. */
size_t form_check(struct arena *a, const struct form_def *d, const struct jval *answers, const struct form_env *env,
		  struct outcome *o, const char **json);
/* The answers of a correction: for each field, the fresh answer when the
 * field may be corrected, else the old one.  only (a JSON list of field
 * names, "*" = all) says which fields may be corrected, and a listed field
 * not answered afresh is left out (it was cleared); with only NULL, any
 * field answered afresh is corrected and the others keep their old
 * answers.  Stored answers of places, users, references ({id, name}) and
 * photos ({doc_id, ...}) go back to their id, as the checker takes them.
 * Arena memory. */
struct jval *form_merge(struct arena *a, const struct form_def *d, const struct jval *old, const struct jval *fresh,
			const struct jval *only);
/* Is name in the JSON list of names (or is "*" in it)? */
bool form_listed(const struct jval *list, const char *name);
/* Is field f shown, given the other answers? */
bool form_shown(const struct field *fields, size_t n, const struct field *f, const struct jval *answers);
/* Aadhaar as stored: 8 X then the last 4 digits. */
char *aadhaar_mask(struct arena *a, const char *digits);
#endif
