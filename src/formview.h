/*
 * formview.h — a service version's form as a page: field declarations and
 * answers into HDF for templates/inc/svcform.cs, and a submitted page form
 * back into a JSON answers object for form_check.  Field inputs are named
 * f_<name>; group rows f_<name>__<row>__<sub>; location fields use the
 * picker with prefix f_<name>.
 */
#ifndef GS_FORMVIEW_H
#define GS_FORMVIEW_H
#include "form.h"
#include "req.h"

/* Sets Svc.fields.* (labels in r->lang, values from answers, errors from
 * res) and the pickers.  answers may be NULL (defaults shown). */
void formview_fill(struct req *r, const struct svc *s, const struct jval *answers, const struct form_result *res);
/* Reads the page's f_* fields into a JSON answers object (arena). */
struct jval *formview_answers(struct req *r, const struct svc *s);
/* The environment form_check needs, backed by the database; owner is the
 * applicant whose locker documents may be used. */
void formview_env(struct req *r, long owner_id, struct form_env *env);
/* Copies form errors into Form.err.* for the templates (field paths with
 * dots become f_name__row__sub). */
void formview_errors(struct req *r, const struct form_result *res);
/* The same for problems a domain function recorded in an outcome under
 * language key `key` with the checker's own message as its argument (a
 * ticket's extra fields, a campaign's answers). */
void formview_outcome(struct req *r, const struct outcome *o, const char *key);
#endif
