/*
 * qr.c — QR codes as vector rectangles on a libharu page (see qr.h).
 */
#include "qr.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <qrencode.h>

#include "pdf_text.h"

int qr_encode(const void *data, size_t len, struct qr_code *q)
{
	QRcode *c = NULL;

	memset(q, 0, sizeof *q);
	if (!len || len > 2953)
		goto fail;
	c = QRcode_encodeData((int)len, data, 0, QR_ECLEVEL_M);
	if (!c)
		goto fail;
	q->version = c->version;
	q->width = c->width;
	q->dark = malloc((size_t)c->width * (size_t)c->width);
	if (!q->dark)
		abort();	/* out of memory: the supervisor restarts us */
	/* libqrencode: bit 0 of each byte is the module colour */
	for (size_t i = 0; i < (size_t)c->width * (size_t)c->width; i++)
		q->dark[i] = c->data[i] & 1;
	QRcode_free(c);
	return 0;
fail:
	QRcode_free(c);
	return -1;
}

void qr_free(struct qr_code *q)
{
	free(q->dark);
	memset(q, 0, sizeof *q);
}

double qr_side(const struct qr_code *q, double module)
{
	return (q->width + 2 * QR_QUIET) * module;
}

int qr_draw(HPDF_Page page, const struct qr_code *q, double x, double y,
	    double module)
{
	double side = qr_side(q, module);
	/* "c r n 1 re\n" per run, at most 16 bytes, at most (w+1)/2 runs a
	   row; then "f\n" */
	size_t cap = (size_t)q->width * (size_t)(q->width + 1) * 8 + 16, n = 0;
	char *ops = malloc(cap);

	if (!ops)
		abort();	/* out of memory: the supervisor restarts us */
	for (int r = 0; r < q->width; r++) {
		const unsigned char *row = q->dark + (size_t)r * (size_t)q->width;
		for (int c = 0; c < q->width;) {
			if (!row[c]) {
				c++;
				continue;
			}
			int c0 = c;
			while (c < q->width && row[c])
				c++;
			/* row 0 is the top row */
			n += (size_t)snprintf(ops + n, cap - n, "%d %d %d 1 re\n",
					      c0, q->width - 1 - r, c - c0);
		}
	}
	n += (size_t)snprintf(ops + n, cap - n, "f\n");
	if (HPDF_Page_SetRGBFill(page, 1, 1, 1) != HPDF_OK ||
	    HPDF_Page_Rectangle(page, (HPDF_REAL)x, (HPDF_REAL)y,
				(HPDF_REAL)side, (HPDF_REAL)side) != HPDF_OK ||
	    HPDF_Page_Fill(page) != HPDF_OK ||
	    HPDF_Page_GSave(page) != HPDF_OK ||
	    /* one unit = one module, origin at the symbol's lower left:
	       coordinates are small integers, which keeps the stream small */
	    HPDF_Page_Concat(page, (HPDF_REAL)module, 0, 0, (HPDF_REAL)module,
			     (HPDF_REAL)(x + QR_QUIET * module),
			     (HPDF_REAL)(y + QR_QUIET * module)) != HPDF_OK ||
	    HPDF_Page_SetRGBFill(page, 0, 0, 0) != HPDF_OK ||
	    pdft_page_write(page, ops, n) < 0 ||
	    HPDF_Page_GRestore(page) != HPDF_OK)
		goto fail;
	free(ops);
	return 0;
fail:
	free(ops);
	return -1;
}

char *qr_svg(const char *data)
{
	struct qr_code q;
	if (qr_encode(data, strlen(data), &q) != 0)
		return NULL;
	int side = q.width + 2 * QR_QUIET;
	size_t cap = 256 + (size_t)q.width * (size_t)q.width * 24, n = 0;
	char *out = malloc(cap);
	if (!out) {
		qr_free(&q);
		return NULL;
	}
	n += (size_t)snprintf(out + n, cap - n, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" "
			      "shape-rendering=\"crispEdges\"><rect width=\"%d\" height=\"%d\" fill=\"#fff\"/><path fill=\"#000\" d=\"",
			      side, side, side, side);
	for (int y = 0; y < q.width; y++)
		for (int x = 0; x < q.width; x++) {
			if (!q.dark[y * q.width + x])
				continue;
			int run = 1;
			while (x + run < q.width && q.dark[y * q.width + x + run])
				run++;
			n += (size_t)snprintf(out + n, cap - n, "M%d %dh%dv1h-%dz", x + QR_QUIET, y + QR_QUIET, run, run);
			x += run - 1;
		}
	snprintf(out + n, cap - n, "\"/></svg>");
	qr_free(&q);
	return out;
}
