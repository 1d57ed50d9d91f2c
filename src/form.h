/*
 * form.h — checking a citizen's answers against a service version's field
 * declarations.  The same declaration drives the page (server-rendered
 * form), the API (JSON answers) and the browser hints; the server check
 * here is the one that counts.  Answers come in as a JSON object and leave
 * as a normalised JSON object (numbers as numbers, Aadhaar masked, hidden
 * conditional fields dropped).
 */
#ifndef GS_FORM_H
#define GS_FORM_H
#include "service.h"

/* Look-ups the checker needs from outside (stubbed in unit tests). */
struct form_env {
	const char *lang;		/* language for messages */
	const char *today;		/* YYYY-MM-DD */
	/* Is id an active village or ward?  Sets *name. */
	bool (*location_ok)(void *ctx, long id, const char **name);
	/* May the applicant use locker document id? */
	bool (*document_ok)(void *ctx, long id);
	void *ctx;
	/* Answers already accepted (resubmission, officer corrections): a
	 * stored Aadhaar is masked and is kept as it is, not re-checked. */
	const struct jval *prior;
};

struct form_error {
	const char *field;		/* "income" or "family.1.name" */
	const char *message;		/* in env->lang */
};

struct form_result {
	struct sbuf json;		/* normalised answers (caller frees with sbuf_free) */
	struct form_error *errs;	/* arena array */
	size_t nerrs;
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
/* Checks only the lengths of the answers given (shown or not, required or
 * not): what a draft must meet before it is stored.  Appends one error per
 * answer that is too long to out (errs, nerrs; out->json is not touched).
 * Returns the number of errors. */
size_t form_check_lengths(struct arena *a, const struct field *fields, size_t nfields, const struct jval *answers,
			  const char *lang, struct form_result *out);
/* Checks answers (a JSON object, may be NULL = no answers).  Returns the
 * number of errors; out->json always holds the normalised answers that were
 * acceptable. */
size_t form_check(struct arena *a, const struct field *fields, size_t nfields, const struct jval *answers,
		  const struct form_env *env, struct form_result *out);
/* Is field f shown, given the other answers? */
bool form_shown(const struct field *fields, size_t n, const struct field *f, const struct jval *answers);
/* Aadhaar as stored: 8 X then the last 4 digits. */
char *aadhaar_mask(struct arena *a, const char *digits);
#endif
