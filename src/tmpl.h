/*
 * tmpl.h — ClearSilver templates.  Templates are parsed once per worker with
 * HTML auto-escaping on (Config.VarEscapeMode = html); each render binds the
 * request's HDF as the local data and the language HDF (L.* strings, falling
 * back to English) as the global data.
 */
#ifndef GS_TMPL_H
#define GS_TMPL_H
#include "req.h"

int tmpl_init(const char *dir);		/* parse every *.cs, load lang/en.hdf + hi.hdf; 0 or -1 */
void tmpl_free(void);
/* Render template `name` (e.g. "home.cs") into r->out as text/html.
 * Returns 0, or 500 when the template is missing or fails (logged). */
int tmpl_render(struct req *r, const char *name);
/* A language string by key ("err.404.title" = L.err.404.title) for C-built
 * text; returns the key itself when missing. */
const char *tmpl_str(const char *lang, const char *key);
/* The same with "{n}" in the text replaced by n (arena memory when replaced). */
const char *tmpl_str_n(struct arena *a, const char *lang, const char *key, const char *n);

/* Request data setters (copies the strings). */
void hset(struct req *r, const char *key, const char *val);
void hsetf(struct req *r, const char *key, const char *fmt, ...) GS_PRINTF(3, 4);
void hset_int(struct req *r, const char *key, long long v);
/* Sets prefix.<i>.<col name> for every row of a result. */
struct dbres;
void hset_rows(struct req *r, const char *prefix, const struct dbres *res, const char *const *cols);
/* The names prefix.<i>.<name> of a list's row: "prefix.<i>." made once
 * per row (row_key) and each name put after it (row_set: hset of
 * prefix.<i>.name).  Lists set thousands of these; printing every name
 * whole was 40 % of the /my page's instructions. */
struct row_key {
	char buf[256];
	size_t n;		/* length of "prefix.<i>." (0: too long, printf each) */
	const char *prefix;
	size_t i;
};
void row_key(struct row_key *k, const char *prefix, size_t i);
void row_set(struct req *r, struct row_key *k, const char *name, const char *val);
/* After hset_rows: prefix.<i>.<name> = column col of each row as people
 * read a date (date_long in r->lang). */
void hset_rows_date(struct req *r, const char *prefix, const struct dbres *res, size_t col, const char *name);
/* Each non-empty line of text (a definition's problems) as prefix.N. */
void hset_lines(struct req *r, const char *prefix, const char *text);
/* A value beside the language strings (Site.helpline ...), "" if none. */
const char *tmpl_site(const char *lang, const char *name);
/* PREFIX.0.NAME, PREFIX.1.NAME, ... = the space-separated words of text
 * (a GROUP_CONCAT of one column); nothing for NULL */
void hset_words(struct req *r, const char *prefix, const char *name, const char *text);
/* Field error for form re-rendering: Form.err.<field> = message key text. */
void form_error(struct req *r, const char *field, const char *msg_key);
bool form_has_errors(const struct req *r);
/* Puts a domain function's outcome on the page or API answer: each input
 * problem as Form.err.<field> (its message, {n} filled) and as
 * Form.errs.<i>.field/.text in the order found (the error summary), a
 * refusal's message and API code as the error page's.  Returns o->status
 * (0 when the outcome is a success). */
struct outcome;
int page_outcome(struct req *r, const struct outcome *o);
/* Checks a text input against its limit (lengths.h): when value has more
 * than max characters, sets the field's error "Enter at most <max>
 * characters" and returns false.  NULL passes. */
bool form_max_len(struct req *r, const char *field, const char *value, long max);
/* Copy submitted form values into Form.val.* so the form re-renders filled
 * (a date's three boxes, NAME-day/-month/-year, as typed too). */
void form_keep(struct req *r, const char *const *fields);

/* An "Are you sure?" page (GOV.UK's confirmation pattern) for an action
 * that cannot be taken back: the question, what will happen, what the user
 * typed, and a form that posts the same fields again with confirm=yes. */
struct confirm {
	const char *title;		/* the question, in r->lang */
	const char *const *what;	/* what will happen, NULL-terminated, in r->lang */
	const char *said_label;		/* the label of what the user typed, or NULL */
	const char *said;		/* what the user typed (remarks, reason), or NULL */
	const char *action;		/* where "yes" posts */
	const char *const *keep;	/* form fields posted again (all their values), NULL-terminated */
	const char *yes;		/* the button's words, in r->lang */
	const char *back;		/* where "No, go back" leads */
};
/* Renders confirm.cs for c; the caller has run every check of the action
 * without changing anything (its check-only mode).  Returns tmpl_render's. */
int page_confirm(struct req *r, const struct confirm *c);
/* Was the "Are you sure?" page answered yes (confirm=yes in the form)? */
bool page_confirmed(const struct req *r);
#endif
