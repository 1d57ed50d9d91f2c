/*
 * qr.h — QR codes drawn as vector rectangles on a libharu page.
 *
 * The payload is encoded in 8-bit mode at error-correction level M
 * (libqrencode) and drawn as one filled path: each horizontal run of dark
 * modules is one rectangle.  Vector modules stay sharp at any zoom and
 * decode byte-exactly from a 150 dpi rendering.  Keep payloads ASCII
 * (zbar misreads UTF-8 without an ECI header) and short enough for
 * version 13 (331 bytes at level M).
 */
#ifndef GS_QR_H
#define GS_QR_H

#include <stddef.h>
#include <hpdf.h>

#define QR_QUIET 4	/* quiet-zone width in modules, each side */

/* An encoded symbol. */
struct qr_code {
	int version;		/* 1..40 */
	int width;		/* modules per side, without the quiet zone */
	unsigned char *dark;	/* width*width bytes, 1 = dark, row 0 at top */
};

/*
 * Encode len bytes of data.  Returns 0 and fills *q (free with qr_free),
 * or -1 if the data does not fit any version or libqrencode fails.
 */
int qr_encode(const void *data, size_t len, struct qr_code *q);

void qr_free(struct qr_code *q);

/* Side of the drawn square including the quiet zone, in points. */
double qr_side(const struct qr_code *q, double module);

/*
 * Draw q with its quiet zone's lower-left corner at (x, y), each module
 * `module` points wide: a white square, then the dark modules in black
 * as one fill.  Leaves the fill colour white.  Returns 0 or -1.
 */
int qr_draw(HPDF_Page page, const struct qr_code *q, double x, double y,
	    double module);

/*
 * The same symbol as an SVG document (a white square with the quiet zone,
 * the dark modules as one path, one unit per module), for a page to show
 * (a trainer's check-in screen).  malloc'd; NULL when the data does not
 * fit.  Only module coordinates are written, never the data.
 */
char *qr_svg(const char *data);

#endif
