/*
 * formview.h — the form engine's renderer: a form definition and its
 * answers into HDF for templates/inc/svcform.cs (the svc_field macro, used
 * for every form, not only services), a submitted page form back into a
 * JSON answers object for form_check, and stored answers as a read-only
 * list (label, text).  Field inputs are named f_<name>; group rows
 * f_<name>__<row>__<sub>; a geopoint's parts f_<name>__lat, __lon,
 * __accuracy_m, __fix_at, __source; location fields use the picker with
 * prefix f_<name>.
 */
#ifndef GS_FORMVIEW_H
#define GS_FORMVIEW_H
#include "fieldedit.h"
#include "form.h"
#include "req.h"
#include "service.h"

/* Sets <hdf>.N.* for each field of d (labels in r->lang, values from
 * answers — stored or as typed) and the pickers, and puts errs (may be
 * NULL) on the page with formview_outcome.  answers may be NULL (defaults
 * shown).  The template shows them with
 * <?cs each:f = <hdf> ?><?cs call:svc_field(f) ?><?cs /each ?>. */
void formview_fill(struct req *r, const struct form_def *d, const char *hdf, const struct jval *answers,
		   const struct outcome *errs);
/* The list a user or ref field of d offers on the page (the caller's
 * scope: the staff of this GP, the entries of a book): after
 * formview_fill with the same hdf, field's input becomes a drop-down of
 * choices (value = the id as text, label = the name shown).  Without it
 * the input takes a typed id. */
void formview_choices(struct req *r, const struct form_def *d, const char *hdf, const char *field,
		      const struct opt *choices, size_t n);
/* Reads the page's f_* fields of d into a JSON answers object (arena).  A
 * date is typed in three boxes, f_<name>-day, -month, -year, which the
 * request parser joins into f_<name> (req_join_dates); a single f_<name>
 * as YYYY-MM-DD is read too. */
struct jval *formview_answers(struct req *r, const struct form_def *d);
/* page_outcome for a form: a problem with an answer of d ("family.1.name")
 * goes to its input's name (f_family__1__name), any other
 * (applicant_mobile) keeps its own.  Each message names its field
 * (form.named.*: "Enter applicant's name") at the input (Form.err.<input>)
 * and in the summary at the top (Form.errs.N.text), which lists them in
 * page order and links each to its input's first control
 * (Form.errs.N.anchor).  Returns o->status. */
int formview_outcome(struct req *r, const struct form_def *d, const struct outcome *o);
/* formview_outcome for a service's application page: its documents
 * (doc_<code>, asked after the fields) are named and placed too. */
int formview_svc_outcome(struct req *r, const struct svc *s, const struct outcome *o);
/* Is f asked on "Check your answers" rather than on a question page of
 * its own?  A single yes/no box (the declaration). */
bool formview_on_check_page(const struct field *f);
/* Answers as a read-only list, in the form's order: <hdf>.N.name, .type,
 * .input, .label, and — when answered — .value (form_answer_text in
 * r->lang) and .lines.K (a group's rows one line each, else one line).
 * Stored answers (asking false): each answered field.  "Check your
 * answers" (asking true, a draft's answers as typed): every field shown for
 * these answers, answered or not, but those asked on the check page
 * (formview_on_check_page) and computed ones (worked out on filing). */
void formview_summary(struct req *r, const struct form_def *d, const struct jval *answers, const char *hdf,
		      bool asking);

/* ---- the field editor (fieldedit.h) on a designer's page ---- */

/* The editor's inputs as typed (templates/inc/field_editor.cs names). */
struct field_input formview_field_input(struct req *r);
/* Fills the editor with field f (Form.val.*), unless the page is showing
 * what was typed with its problems. */
void formview_field_fill(struct req *r, const struct field *f);
/* Types.N: the type codes an owner offers, for the editor's list. */
void formview_field_types(struct req *r, fieldedit_types_fn allowed);
#endif
