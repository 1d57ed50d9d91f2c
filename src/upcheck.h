/*
 * upcheck.h — is an uploaded file really the PDF, JPEG or PNG it starts
 * like?  The first bytes pick the kind; then the file must parse as that
 * kind from end to end, or it is refused with the rule it broke:
 *
 *   PDF   "startxref <offset> %%EOF" at the end (nothing after it); at that
 *         offset a cross-reference table ("xref", 20-byte entries, trailer)
 *         or a cross-reference stream (/Type /XRef, FlateDecode and PNG
 *         predictors); every in-use entry points at "num gen obj" for its
 *         own number; /Prev and /XRefStm sections the same; /Root names a
 *         catalog (/Type /Catalog) in the table.
 *   PNG   decoded row by row by libpng (every chunk's CRC, the image data),
 *         and IEND is the last byte.
 *   JPEG  decoded by libjpeg without warnings, and EOI is the last byte.
 *   Images may have at most UPCHECK_MAX_SIDE pixels a side and
 *   UPCHECK_MAX_PIXELS in all, so a small file cannot claim a huge canvas.
 *
 * So a DOS executable between "%PDF-1." and "%%EOF", or anything appended
 * to an image, is refused.  Pure functions over bytes (fuzzed in
 * tests/fuzz, target "upload").
 */
#ifndef GS_UPCHECK_H
#define GS_UPCHECK_H
#include <stddef.h>

#define UPCHECK_MAX_SIDE 20000
#define UPCHECK_MAX_PIXELS 40000000L

/* The MIME type of p[0..n) ("application/pdf", "image/jpeg", "image/png"),
 * or NULL with *rule set to the lang key of the rule it broke
 * ("upload.pdf_no_xref", ...; "locker.bad_type" when it is none of the
 * three).  *rule is static text. */
const char *upcheck_file(const unsigned char *p, size_t n, const char **rule);
#endif
