/*
 * cert_render.h — how a certificate prints: the printed value of each fact
 * and the PDF drawn from the stored certificate row (cert_pdf.h lays it
 * out).  A certificate prints in Hindi and English whoever reads it, so the
 * officer's designation is taken from both language files here; the rules
 * (cert.c) never word anything themselves.
 */
#ifndef GS_CERT_RENDER_H
#define GS_CERT_RENDER_H
#include "json.h"
#include "service.h"

/* A stored answer v of field f as people read it in lang ("en"/"hi"): an
 * option's label, a place as village, panchayat, block, district, a date
 * as "8 January 2027", rupees as "₹1,20,000", yes/no.  NULL for no answer,
 * for a group (its rows are the caller's) and for a document.  The desk
 * and the certificate both read answers through it; d is f's form (the
 * form engine's types are shown by form_answer_text).  Arena string. */
const char *cert_answer_text(struct arena *a, const struct form_def *d, const struct field *f, const struct jval *v, const char *lang);
/* The printed value of field f from its stored answer v: cert_answer_text
 * in Hindi / English (once when they are the same), rupees also in words;
 * "—" for no answer.  Arena string. */
const char *cert_print_value(struct arena *a, const struct form_def *d, const struct field *f, const struct jval *v);
/* A stored date (or date and time) as a certificate prints it: "8 जनवरी
 * 2027 / 8 January 2027".  NULL for NULL.  Arena string. */
const char *cert_date(struct arena *a, const char *stored);
/* Renders the certificate PDF (unsigned) again from its certificates row,
 * so a regeneration gives the same document.  *out is malloc'd (free it).
 * 0, or -1 when there is no such certificate or the render fails. */
int cert_render_stored(struct arena *a, const char *number, unsigned char **out, size_t *len);
#endif
