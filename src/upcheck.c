/*
 * upcheck.c — uploads checked by parsing them (see upcheck.h): PDFs by
 * their cross-reference sections (pdf_lex.c), PNGs by libpng, JPEGs by
 * libjpeg.  Each check answers NULL (fine) or the lang key of the rule the
 * file broke, so the refusal can say why.
 */
#include "upcheck.h"
#include "pdf_lex.h"

#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>	/* before jpeglib.h, which uses FILE */
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>
#include <png.h>
#include <zlib.h>

/* ---- PDF ---- */

/* The largest cross-reference stream we decode, in bytes. */
#define XSTREAM_MAX ((size_t)32 << 20)
/* The most /Index ranges one cross-reference stream may have. */
#define XSTREAM_RANGES 1024

/* The walk over every cross-reference section of a file. */
struct xwalk {
	const struct pdf_doc *d;	/* the file */
	uint64_t root, root_gen;	/* /Root of the newest trailer */
	int root_kind;			/* its newest entry: -1 none yet, 0 free, 1 at root_off, 2 in an object stream */
	uint64_t root_off;		/* where, for kind 1 */
	const char *rule;		/* the rule an entry broke */
};

/* One cross-reference entry (kind 0 free, 1 at off, 2 compressed).  An
 * entry in use must point at "num gen obj" for its own number.  Sections
 * are walked newest first, so the first entry met for /Root is its own. */
static int entry(struct xwalk *w, uint64_t num, int kind, uint64_t off, uint64_t gen)
{
	size_t pos;

	if (num == w->root && w->root_kind < 0) {
		w->root_kind = kind;
		w->root_off = off;
		if (kind == 1 && gen != w->root_gen)
			w->root_kind = 0;
	}
	if (kind == 1 && (off >= w->d->len || pdf_obj_head(w->d, (size_t)off, num, gen, &pos) != 0)) {
		w->rule = "upload.pdf_bad_object";
		return 1;
	}
	return 0;
}

static int classic_entry(void *ctx, uint64_t num, uint64_t off, uint64_t gen, int in_use)
{
	return entry(ctx, num, in_use ? 1 : 0, off, gen);
}

/* Takes /Root from the newest trailer (or cross-reference stream dict). */
static const char *take_root(struct xwalk *w, struct pdf_span dict)
{
	struct pdf_span v;

	if (pdf_dict_get(w->d, dict, "Root", &v) != 0 || pdf_span_ref(w->d, v, &w->root, &w->root_gen) != 0)
		return "upload.pdf_no_catalog";
	return NULL;
}

/* An unsigned integer entry of a dict; absent gives def.  0 or -1. */
static int dict_uint(const struct pdf_doc *d, struct pdf_span dict, const char *key, uint64_t def, uint64_t *out)
{
	struct pdf_span v;
	int r = pdf_dict_get(d, dict, key, &v);

	*out = def;
	return r == 1 ? 0 : r == 0 ? pdf_span_val_uint(d, v, out) : -1;
}

/* Up to max unsigned integers of an array value into out; their count, or -1. */
static long uint_array(const struct pdf_doc *d, struct pdf_span v, uint64_t *out, size_t max)
{
	struct pdf_span items, x;
	size_t pos, n = 0;

	if (pdf_array_items(d, v, &items) != 0)
		return -1;
	for (pos = items.a; pdf_skip_ws(d, pos, items.b) < items.b; n++)
		if (n == max || pdf_val_next(d, items.b, &pos, &x, 1) != 0 || pdf_span_val_uint(d, x, &out[n]) != 0)
			return -1;
	return (long)n;
}

/* The decoding a cross-reference stream asks for: FlateDecode or none,
 * with PNG predictors (10-15) over rows of `columns` bytes.  Returns NULL,
 * or the rule for a filter we do not read. */
static const char *xstream_filter(const struct pdf_doc *d, struct pdf_span dict, bool *flate, uint64_t *predictor,
				  uint64_t *columns)
{
	struct pdf_span v, items, parms;
	size_t pos;
	int r = pdf_dict_get(d, dict, "Filter", &v);

	*flate = false;
	if (r == 0) {
		if (d->p[v.a] == '[' && pdf_array_items(d, v, &items) == 0) {
			pos = items.a;
			if (pdf_val_next(d, items.b, &pos, &v, 1) != 0 || pdf_skip_ws(d, pos, items.b) != items.b)
				return "upload.pdf_unsupported";
		}
		if (!pdf_span_is(d, v.a, v.b, "/FlateDecode"))
			return "upload.pdf_unsupported";
		*flate = true;
	} else if (r < 0) {
		return "upload.pdf_bad_xref";
	}
	*predictor = 1;
	*columns = 1;
	r = pdf_dict_get(d, dict, "DecodeParms", &parms);
	if (r == 0 && d->p[parms.a] == '[' && pdf_array_items(d, parms, &items) == 0) {
		pos = items.a;
		if (pdf_val_next(d, items.b, &pos, &parms, 1) != 0)
			return "upload.pdf_bad_xref";
	}
	if (r == 0 && (dict_uint(d, parms, "Predictor", 1, predictor) != 0 || dict_uint(d, parms, "Columns", 1, columns) != 0))
		return "upload.pdf_bad_xref";
	if (*predictor != 1 && (*predictor < 10 || *predictor > 15))
		return "upload.pdf_unsupported";
	return r < 0 ? "upload.pdf_bad_xref" : NULL;
}

/* Inflates src into exactly need bytes of out.  0, or -1 when the data do
 * not inflate or give fewer bytes. */
static int inflate_to(const unsigned char *src, size_t n, unsigned char *out, size_t need)
{
	z_stream z;
	int rc;

	memset(&z, 0, sizeof z);
	if (inflateInit(&z) != Z_OK)
		return -1;
	z.next_in = (unsigned char *)src;
	z.avail_in = (uInt)(n > UINT32_MAX ? UINT32_MAX : n);
	z.next_out = out;
	z.avail_out = (uInt)need;
	do
		rc = inflate(&z, Z_NO_FLUSH);
	while (rc == Z_OK && z.avail_out > 0 && z.avail_in > 0);
	inflateEnd(&z);
	return z.avail_out == 0 && (rc == Z_OK || rc == Z_STREAM_END || rc == Z_BUF_ERROR) ? 0 : -1;
}

/* Undoes PNG row prediction in place: rows of 1 filter byte + cols bytes. */
static int unpredict(unsigned char *buf, size_t rows, size_t cols)
{
	unsigned char *prev = NULL;

	for (size_t r = 0; r < rows; r++) {
		unsigned char *row = buf + r * (cols + 1), f = row[0], *x = row + 1;

		for (size_t i = 0; i < cols; i++) {
			unsigned a = i ? x[i - 1] : 0, b = prev ? prev[i] : 0, c = prev && i ? prev[i - 1] : 0;
			int p = (int)a + (int)b - (int)c, pa = abs(p - (int)a), pb = abs(p - (int)b), pc = abs(p - (int)c);

			switch (f) {
			case 0: break;
			case 1: x[i] = (unsigned char)(x[i] + a); break;
			case 2: x[i] = (unsigned char)(x[i] + b); break;
			case 3: x[i] = (unsigned char)(x[i] + (a + b) / 2); break;
			case 4: x[i] = (unsigned char)(x[i] + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c)); break;
			default: return -1;
			}
		}
		prev = x;
	}
	return 0;
}

/* A big-endian field of w bytes. */
static uint64_t field(const unsigned char *p, uint64_t w)
{
	uint64_t v = 0;

	for (uint64_t i = 0; i < w; i++)
		v = v << 8 | p[i];
	return v;
}

/* The cross-reference stream object at off ("num gen obj <</Type /XRef
 * ...>> stream ... endstream"): decoded, and every entry checked.  *dict
 * is its dictionary (the trailer of this section).  Returns NULL or the
 * rule broken. */
static const char *xstream(struct xwalk *w, size_t off, bool newest, struct pdf_span *dict)
{
	const struct pdf_doc *d = w->d;
	struct pdf_tok t;
	struct pdf_span v;
	uint64_t num, gen, len, size, wd[4], idx[2 * XSTREAM_RANGES], predictor, columns, total = 0;
	size_t pos;
	long nw, nidx;
	bool flate;
	const char *rule;

	if (pdf_obj_at(d, off, &num, &gen, &pos) != 0 || pdf_val_next(d, d->len, &pos, dict, 1) != 0 ||
	    !pdf_dict_name_is(d, *dict, "Type", "/XRef"))
		return "upload.pdf_no_xref";
	if (newest && (rule = take_root(w, *dict)) != NULL)
		return rule;
	/* the data start after the end of the "stream" line (CR LF or LF) */
	if (pdf_tok_next(d, d->len, &pos, &t) != PDF_TK_KW || !pdf_span_is(d, t.a, t.b, "stream"))
		return "upload.pdf_bad_xref";
	pos = t.b + (t.b < d->len && d->p[t.b] == '\r');
	if (pos >= d->len || d->p[pos++] != '\n' || pdf_dict_get(d, *dict, "Length", &v) != 0 ||
	    pdf_span_val_uint(d, v, &len) != 0 || len > d->len - pos)
		return "upload.pdf_bad_xref";
	const unsigned char *data = d->p + pos;
	pos += (size_t)len;
	if (pdf_tok_next(d, d->len, &pos, &t) != PDF_TK_KW || !pdf_span_is(d, t.a, t.b, "endstream"))
		return "upload.pdf_bad_xref";
	if (pdf_dict_get(d, *dict, "W", &v) != 0 || (nw = uint_array(d, v, wd, 4)) != 3 || wd[0] > 8 || wd[1] < 1 ||
	    wd[1] > 8 || wd[2] > 8 || dict_uint(d, *dict, "Size", 0, &size) != 0 || size > PDF_MAX_OBJECTS)
		return "upload.pdf_bad_xref";
	if (pdf_dict_get(d, *dict, "Index", &v) == 0) {
		if ((nidx = uint_array(d, v, idx, 2 * XSTREAM_RANGES)) < 0 || nidx % 2)
			return "upload.pdf_bad_xref";
	} else {
		idx[0] = 0;
		idx[1] = size;
		nidx = 2;
	}
	for (long k = 0; k < nidx; k += 2) {
		if (idx[k] > PDF_MAX_OBJECTS || idx[k + 1] > PDF_MAX_OBJECTS || total + idx[k + 1] > PDF_MAX_OBJECTS)
			return "upload.pdf_bad_xref";
		total += idx[k + 1];
	}
	if ((rule = xstream_filter(d, *dict, &flate, &predictor, &columns)) != NULL)
		return rule;
	size_t cols = (size_t)(wd[0] + wd[1] + wd[2]), stride = cols + (predictor >= 10);
	if (predictor >= 10 && columns != cols)
		return "upload.pdf_bad_xref";
	if (total == 0 || total > XSTREAM_MAX / stride)
		return total ? "upload.pdf_bad_xref" : NULL;
	size_t need = (size_t)total * stride;
	unsigned char *buf = malloc(need);
	if (!buf)
		return "upload.pdf_bad_xref";
	rule = NULL;
	if (flate ? inflate_to(data, (size_t)len, buf, need) != 0 : len < need)
		rule = "upload.pdf_bad_xref";
	else if (!flate)
		memcpy(buf, data, need);
	if (!rule && predictor >= 10 && unpredict(buf, (size_t)total, cols) != 0)
		rule = "upload.pdf_bad_xref";
	const unsigned char *e = buf + (predictor >= 10);
	for (long k = 0; !rule && k < nidx; k += 2)
		for (uint64_t i = 0; !rule && i < idx[k + 1]; i++, e += stride) {
			uint64_t type = wd[0] ? field(e, wd[0]) : 1, f2 = field(e + wd[0], wd[1]);
			uint64_t f3 = field(e + wd[0] + wd[1], wd[2]);
			/* types other than 0-2 are to be read as null references */
			if (type <= 2 && entry(w, idx[k] + i, (int)type, f2, type == 1 ? f3 : 0) != 0)
				rule = w->rule;
		}
	free(buf);
	return rule;
}

/* One section at off, classic or stream, with a classic one's /XRefStm. */
static const char *section(struct xwalk *w, size_t off, bool newest, struct pdf_span *trailer)
{
	const struct pdf_doc *d = w->d;
	struct pdf_tok t;
	struct pdf_span v, stm;
	size_t pos = off;
	uint64_t u;
	const char *rule;

	if (pdf_tok_next(d, d->len, &pos, &t) != PDF_TK_KW || t.a != off || !pdf_span_is(d, t.a, t.b, "xref"))
		return xstream(w, off, newest, trailer);
	if (pdf_xref_each(d, off, NULL, NULL, trailer) != 0)
		return "upload.pdf_bad_xref";
	if (newest && (rule = take_root(w, *trailer)) != NULL)
		return rule;
	int r = pdf_xref_each(d, off, classic_entry, w, trailer);
	if (r != 0)
		return r < 0 ? "upload.pdf_bad_xref" : w->rule;
	/* a hybrid file: the stream holds the objects of the same revision */
	if (pdf_dict_get(d, *trailer, "XRefStm", &v) == 0)
		return pdf_span_val_uint(d, v, &u) != 0 || u >= d->len ? "upload.pdf_bad_xref" : xstream(w, (size_t)u, false, &stm);
	return NULL;
}

/* NULL when p[0..n) is a PDF whose cross-reference sections, objects and
 * catalog are where they say, else the rule it broke. */
static const char *pdf_rule(const unsigned char *p, size_t n)
{
	struct pdf_doc d = { p, n, 0, { 0, 0 } };
	struct xwalk w = { .d = &d, .root_kind = -1 };
	struct pdf_span trailer, v;
	size_t off, pos, seen[PDF_MAX_SECTIONS];
	uint64_t u;
	const char *rule;

	if (pdf_startxref(p, n, &off) != 0)
		return "upload.pdf_no_startxref";
	for (int hop = 0;; hop++) {
		for (int k = 0; k < hop; k++)
			if (seen[k] == off)
				return "upload.pdf_bad_xref";	/* /Prev goes round in a circle */
		if (hop == PDF_MAX_SECTIONS)
			return "upload.pdf_bad_xref";
		seen[hop] = off;
		if ((rule = section(&w, off, hop == 0, &trailer)) != NULL)
			return rule;
		int r = pdf_dict_get(&d, trailer, "Prev", &v);
		if (r == 1)
			break;
		if (r < 0 || pdf_span_val_uint(&d, v, &u) != 0 || u >= n)
			return "upload.pdf_bad_xref";
		off = (size_t)u;
	}
	if (w.root_kind == 2)
		return NULL;	/* in an object stream: its entry was checked, its bytes are compressed */
	if (w.root_kind != 1 || pdf_obj_head(&d, (size_t)w.root_off, w.root, w.root_gen, &pos) != 0 ||
	    pdf_val_next(&d, n, &pos, &v, 1) != 0 || !pdf_dict_name_is(&d, v, "Type", "/Catalog"))
		return "upload.pdf_no_catalog";
	return NULL;
}

/* ---- images ---- */

static bool too_big(uint64_t width, uint64_t height)
{
	return width > UPCHECK_MAX_SIDE || height > UPCHECK_MAX_SIDE || width * height > (uint64_t)UPCHECK_MAX_PIXELS;
}

/* The bytes libpng reads, and how far it got. */
struct png_src {
	const unsigned char *p;	/* the file */
	size_t n, pos;		/* its length; bytes read */
};

static void png_src_read(png_structp png, png_bytep out, size_t len)
{
	struct png_src *s = png_get_io_ptr(png);

	if (len > s->n - s->pos)
		png_error(png, "truncated");
	memcpy(out, s->p + s->pos, len);
	s->pos += len;
}

static void png_fail(png_structp png, png_const_charp msg)
{
	(void)msg;
	png_longjmp(png, 1);
}

static void png_quiet(png_structp png, png_const_charp msg)
{
	(void)png;
	(void)msg;	/* warnings (an odd colour profile, say) do not make a file unreadable */
}

/* NULL when libpng decodes every row of p[0..n) and IEND is its end. */
static const char *png_rule(const unsigned char *p, size_t n)
{
	struct png_src src = { p, n, 0 };
	png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, NULL, png_fail, png_quiet);
	png_infop info = png ? png_create_info_struct(png) : NULL;
	unsigned char *volatile row = NULL;
	const char *volatile rule = "upload.png_decode";

	if (!info || setjmp(png_jmpbuf(png)))
		goto out;
	png_set_crc_action(png, PNG_CRC_ERROR_QUIT, PNG_CRC_ERROR_QUIT);
	png_set_read_fn(png, &src, png_src_read);
	png_read_info(png, info);
	png_uint_32 width = png_get_image_width(png, info), height = png_get_image_height(png, info);
	if (too_big(width, height)) {
		rule = "upload.image_too_big";
		goto out;
	}
	int passes = png_set_interlace_handling(png);
	png_read_update_info(png, info);
	row = malloc(png_get_rowbytes(png, info) + 1);
	if (!row)
		goto out;
	for (int pass = 0; pass < passes; pass++)
		for (png_uint_32 y = 0; y < height; y++)
			png_read_row(png, row, NULL);
	png_read_end(png, NULL);
	rule = src.pos == n ? NULL : "upload.trailing_data";
out:
	png_destroy_read_struct(&png, &info, NULL);
	free(row);
	return rule;
}

/* libjpeg's error manager, with a way out and a count of warnings. */
struct jpeg_err {
	struct jpeg_error_mgr mgr;	/* libjpeg's own */
	jmp_buf out;			/* where a fatal error goes */
	int warnings;			/* corrupt data, premature end ... */
};

static void jpeg_fail(j_common_ptr c)
{
	longjmp(((struct jpeg_err *)c->err)->out, 1);
}

static void jpeg_note(j_common_ptr c, int level)
{
	if (level < 0)
		((struct jpeg_err *)c->err)->warnings++;
}

/* NULL when libjpeg decodes every scanline of p[0..n) without a warning
 * and EOI is its end. */
static const char *jpeg_rule(const unsigned char *p, size_t n)
{
	struct jpeg_decompress_struct ci;
	struct jpeg_err je;
	unsigned char *volatile row = NULL;
	const char *volatile rule = "upload.jpeg_decode";

	ci.err = jpeg_std_error(&je.mgr);
	je.mgr.error_exit = jpeg_fail;
	je.mgr.emit_message = jpeg_note;
	je.warnings = 0;
	jpeg_create_decompress(&ci);
	if (setjmp(je.out))
		goto out;
	ci.mem->max_memory_to_use = 256L << 20;	/* beyond it libjpeg fails: no backing store */
	jpeg_mem_src(&ci, p, (unsigned long)n);
	jpeg_read_header(&ci, TRUE);
	if (too_big(ci.image_width, ci.image_height)) {
		rule = "upload.image_too_big";
		goto out;
	}
	ci.dct_method = JDCT_IFAST;	/* only whether it decodes matters, not how well */
	jpeg_start_decompress(&ci);
	row = malloc((size_t)ci.output_width * (size_t)ci.output_components + 1);
	if (!row)
		goto out;
	while (ci.output_scanline < ci.output_height) {
		JSAMPROW rp = row;
		jpeg_read_scanlines(&ci, &rp, 1);
	}
	jpeg_finish_decompress(&ci);
	rule = je.warnings ? "upload.jpeg_decode" : ci.src->bytes_in_buffer ? "upload.trailing_data" : NULL;
out:
	jpeg_destroy_decompress(&ci);
	free(row);
	return rule;
}

const char *upcheck_file(const unsigned char *p, size_t n, const char **rule)
{
	static const unsigned char png_sig[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
	const char *mime;

	if (n >= 8 && (memcmp(p, "%PDF-1.", 7) == 0 || memcmp(p, "%PDF-2.", 7) == 0)) {
		mime = "application/pdf";
		*rule = pdf_rule(p, n);
	} else if (n >= 4 && p[0] == 0xFF && p[1] == 0xD8 && p[2] == 0xFF) {
		mime = "image/jpeg";
		*rule = jpeg_rule(p, n);
	} else if (n >= 8 && memcmp(p, png_sig, 8) == 0) {
		mime = "image/png";
		*rule = png_rule(p, n);
	} else {
		*rule = "locker.bad_type";
		return NULL;
	}
	return *rule ? NULL : mime;
}
