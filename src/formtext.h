/*
 * formtext.h — stored answers as text people read: the one place that
 * turns an answer of each field type into display text, in English or
 * Hindi (money as ₹1,23,456.50 via money.h, dates as "8 January 2027" via
 * date_long, options by their labels, places/users/references by name).
 * Officers' pages, registers' table cells, CSV and PDFs all use it; it
 * needs no request (gramsewactl can call it).
 */
#ifndef GS_FORMTEXT_H
#define GS_FORMTEXT_H
#include "formdef.h"

/* The text of answer v (as form_check stored it) to field f of form d
 * (d is needed for computed fields, which show as money when they add up
 * money; it may be NULL for other types).  "—" when there is no answer.
 * A group shows its rows, each as "label: value, ..." separated by "; ".
 * Arena memory. */
const char *form_answer_text(struct arena *a, const struct form_def *d, const struct field *f, const struct jval *v,
			     const char *lang);
#endif
