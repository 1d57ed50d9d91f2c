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

/* The printed value of field f from its stored answer v: places as
 * village, panchayat, block, district; options by their Hindi / English
 * labels; dates DD-MM-YYYY; money, totals and points as the form engine
 * shows them (formtext.h); "—" for no answer.  d is f's form.  Arena
 * string. */
const char *cert_print_value(struct arena *a, const struct form_def *d, const struct field *f, const struct jval *v);
/* Renders the certificate PDF (unsigned) again from its certificates row,
 * so a regeneration gives the same document.  *out is malloc'd (free it).
 * 0, or -1 when there is no such certificate or the render fails. */
int cert_render_stored(struct arena *a, const char *number, unsigned char **out, size_t *len);
#endif
