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

/* Sets Svc.fields.* (labels in r->lang, values from answers) and the
 * pickers, and puts errs (may be NULL) on the page with formview_outcome.
 * answers may be NULL (defaults shown). */
void formview_fill(struct req *r, const struct svc *s, const struct jval *answers, const struct outcome *errs);
/* Reads the page's f_* fields into a JSON answers object (arena). */
struct jval *formview_answers(struct req *r, const struct svc *s);
/* page_outcome for a service form: a problem with an answer of s
 * ("family.1.name") goes to its input's name (f_family__1__name), any
 * other (applicant_mobile, doc_<code>) keeps its own.  Returns o->status. */
int formview_outcome(struct req *r, const struct svc *s, const struct outcome *o);
/* Is f asked on "Check your answers" rather than on a question page of
 * its own?  A single yes/no box (the declaration). */
bool formview_on_check_page(const struct field *f);
/* Sets prefix.<i>.{name, input, label, lines.<k>} for every answer a
 * reader checks before sending: each field shown under answers, but those
 * asked on the check page, with its answer in words (option labels, the
 * place's name, dates as read, a group's rows one line each). */
void formview_summary(struct req *r, const struct svc *s, const struct jval *answers, const char *prefix);
#endif
