/*
 * test_upload.c — the upload checks (src/upcheck.c): PDFs by their
 * cross-reference tables and streams, PNG and JPEG by decoding, each
 * refusal naming its rule.  The files are made here: by libharu, libpng
 * and libjpeg for real ones, by hand for the broken ones.
 */
#include "../../src/util.h"
#include "../../src/upcheck.h"
#include "tap.h"

#include <hpdf.h>
#include <jpeglib.h>
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

/* The rule for p[0..n), or "ok" when the file is accepted as want. */
static const char *verdict(const void *p, size_t n, const char *want)
{
	const char *rule = NULL;
	const char *mime = upcheck_file(p, n, &rule);
	if (mime)
		return str_eq(mime, want) ? "ok" : mime;
	return rule ? rule : "(no rule)";
}

static const char *sb_verdict(const struct sbuf *b, const char *want)
{
	return verdict(b->data, b->len, want);
}

/* ---- PDFs made by hand ---- */

static const char *const OBJS[] = {
	"<< /Type /Catalog /Pages 2 0 R >>",
	"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
	"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
};

/* Objects 1..n after a header, each at an offset recorded in off[]. */
static void put_objects(struct sbuf *b, const char *const *objs, size_t n, size_t *off)
{
	sbuf_adds(b, "%PDF-1.5\n%\xe2\xe3\xcf\xd3\n");
	for (size_t i = 0; i < n; i++) {
		off[i] = b->len;
		sbuf_printf(b, "%zu 0 obj\n%s\nendobj\n", i + 1, objs[i]);
	}
}

/* A PDF with a classic xref table; trailer_extra goes into the trailer. */
static void pdf_classic(struct sbuf *b, const char *const *objs, size_t n, const char *trailer_extra)
{
	size_t off[8];
	put_objects(b, objs, n, off);
	size_t x = b->len;
	sbuf_printf(b, "xref\n0 %zu\n0000000000 65535 f\r\n", n + 1);
	for (size_t i = 0; i < n; i++)
		sbuf_printf(b, "%010zu 00000 n\r\n", off[i]);
	sbuf_printf(b, "trailer\n<< /Size %zu /Root 1 0 R %s>>\nstartxref\n%zu\n%%%%EOF\n", n + 1, trailer_extra, x);
}

/* A PDF whose objects are listed by a cross-reference stream (W [1 4 2]),
 * raw or Flate-compressed, with or without the PNG Up predictor. */
static void pdf_xstream(struct sbuf *b, bool flate, bool predict)
{
	size_t off[8], n = ARRAY_LEN(OBJS);
	put_objects(b, OBJS, n, off);
	size_t x = b->len, cols = 7, stride = cols + predict;
	unsigned char rows[8 * 8] = { 0 }, prev[7] = { 0 };
	for (size_t i = 0; i <= n + 1; i++) {
		unsigned char e[7] = { 1, 0, 0, 0, 0, 0, 0 };
		size_t o = i == 0 ? 0 : i <= n ? off[i - 1] : x;
		e[0] = i == 0 ? 0 : 1;
		e[1] = (unsigned char)(o >> 24), e[2] = (unsigned char)(o >> 16), e[3] = (unsigned char)(o >> 8), e[4] = (unsigned char)o;
		if (i == 0)
			e[5] = 0xFF, e[6] = 0xFF;
		unsigned char *row = rows + i * stride;
		if (predict)
			row[0] = 2;	/* Up: each byte minus the one above */
		for (size_t k = 0; k < cols; k++)
			row[k + predict] = predict ? (unsigned char)(e[k] - prev[k]) : e[k];
		memcpy(prev, e, cols);
	}
	size_t raw = (n + 2) * stride;
	unsigned char z[256];
	uLongf zn = sizeof z;
	if (flate)
		ck_assert_int_eq(compress2(z, &zn, rows, raw, 9), Z_OK);
	sbuf_printf(b, "%zu 0 obj\n<< /Type /XRef /Size %zu /W [1 4 2] /Root 1 0 R /Length %zu%s%s >>\nstream\n", n + 1, n + 2,
		    flate ? (size_t)zn : raw, flate ? " /Filter /FlateDecode" : "",
		    predict ? " /DecodeParms << /Predictor 12 /Columns 7 >>" : "");
	sbuf_add(b, flate ? z : rows, flate ? (size_t)zn : raw);
	sbuf_printf(b, "\nendstream\nendobj\nstartxref\n%zu\n%%%%EOF\n", x);
}

START_TEST(pdf_from_libharu_is_accepted)
{
	HPDF_Doc pdf = HPDF_New(NULL, NULL);
	ck_assert_ptr_nonnull(pdf);
	HPDF_Page page = HPDF_AddPage(pdf);
	HPDF_Page_SetWidth(page, 300);
	ck_assert_int_eq(HPDF_SaveToStream(pdf), HPDF_OK);
	HPDF_UINT32 n = HPDF_GetStreamSize(pdf);
	unsigned char *buf = malloc(n);
	ck_assert_int_eq(HPDF_ReadFromStream(pdf, buf, &n), HPDF_OK);
	HPDF_Free(pdf);
	ck_assert_str_eq(verdict(buf, n, "application/pdf"), "ok");
	free(buf);
}
END_TEST

START_TEST(pdf_with_xref_table_or_stream_is_accepted)
{
	struct sbuf b;
	sbuf_init(&b);
	pdf_classic(&b, OBJS, ARRAY_LEN(OBJS), "");
	ck_assert_str_eq(sb_verdict(&b, "application/pdf"), "ok");
	for (int v = 0; v < 4; v++) {
		sbuf_reset(&b);
		pdf_xstream(&b, v & 1, v & 2);
		ck_assert_msg(str_eq(sb_verdict(&b, "application/pdf"), "ok"), "xref stream flate=%d predictor=%d: %s", v & 1, v & 2,
			      sb_verdict(&b, "application/pdf"));
	}
	sbuf_free(&b);
}
END_TEST

START_TEST(pdf_incremental_update_follows_prev)
{
	struct sbuf b;
	sbuf_init(&b);
	pdf_classic(&b, OBJS, ARRAY_LEN(OBJS), "");
	size_t first = (size_t)strtoul(strstr(b.data, "startxref\n") + 10, NULL, 10);
	size_t o = b.len;
	sbuf_adds(&b, "3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 300] >>\nendobj\n");
	size_t x = b.len;
	sbuf_printf(&b, "xref\n3 1\n%010zu 00000 n\r\ntrailer\n<< /Size 4 /Root 1 0 R /Prev %zu >>\nstartxref\n%zu\n%%%%EOF\n", o, first, x);
	ck_assert_str_eq(sb_verdict(&b, "application/pdf"), "ok");
	/* a /Prev pointing at its own section goes round in a circle */
	char prev[32];
	snprintf(prev, sizeof prev, "/Prev %zu ", first);
	sbuf_reset(&b);
	pdf_classic(&b, OBJS, ARRAY_LEN(OBJS), prev);
	ck_assert_str_eq(sb_verdict(&b, "application/pdf"), "upload.pdf_bad_xref");
	sbuf_free(&b);
}
END_TEST

START_TEST(executable_between_pdf_header_and_eof_is_refused)
{
	/* the probe's file: a DOS program dressed as a PDF */
	struct sbuf b;
	sbuf_init(&b);
	sbuf_adds(&b, "%PDF-1.4\n");
	static const unsigned char mz[] = { 'M', 'Z', 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xFF, 0xFF, 0, 0, 0xB8 };
	for (int i = 0; i < 64; i++)
		sbuf_add(&b, mz, sizeof mz);
	sbuf_adds(&b, "\nThis program cannot be run in DOS mode.\n%%EOF\n");
	ck_assert_str_eq(sb_verdict(&b, "application/pdf"), "upload.pdf_no_startxref");
	/* the same with a startxref that points into the program */
	sbuf_adds(&b, "startxref\n20\n%%EOF\n");
	ck_assert_str_eq(sb_verdict(&b, "application/pdf"), "upload.pdf_no_xref");
	sbuf_free(&b);
}
END_TEST

START_TEST(broken_pdfs_name_the_rule)
{
	struct sbuf b;
	sbuf_init(&b);
	/* an entry that points next to its object */
	pdf_classic(&b, OBJS, ARRAY_LEN(OBJS), "");
	char *e = strstr(b.data, " 00000 n\r\n");
	e[-1] = (char)(e[-1] + 1);
	ck_assert_str_eq(sb_verdict(&b, "application/pdf"), "upload.pdf_bad_object");
	/* a damaged entry */
	sbuf_reset(&b);
	pdf_classic(&b, OBJS, ARRAY_LEN(OBJS), "");
	e = strstr(b.data, " 00000 n\r\n");
	e[1] = 'x';
	ck_assert_str_eq(sb_verdict(&b, "application/pdf"), "upload.pdf_bad_xref");
	/* no catalog: /Root names the page tree */
	static const char *const noroot[] = { "<< /Type /Pages /Kids [] /Count 0 >>" };
	sbuf_reset(&b);
	pdf_classic(&b, noroot, 1, "");
	ck_assert_str_eq(sb_verdict(&b, "application/pdf"), "upload.pdf_no_catalog");
	/* something after %%EOF */
	sbuf_reset(&b);
	pdf_classic(&b, OBJS, ARRAY_LEN(OBJS), "");
	sbuf_adds(&b, "MZ\x90");
	ck_assert_str_eq(sb_verdict(&b, "application/pdf"), "upload.pdf_no_startxref");
	/* a compressed stream that does not inflate */
	sbuf_reset(&b);
	pdf_xstream(&b, true, false);
	e = strstr(b.data, "stream\n") + 7;
	e[2] ^= 0x55, e[3] ^= 0x55;
	ck_assert_str_eq(sb_verdict(&b, "application/pdf"), "upload.pdf_bad_xref");
	/* a filter we do not read */
	sbuf_reset(&b);
	pdf_xstream(&b, false, false);
	struct sbuf lzw;
	sbuf_init(&lzw);
	size_t at = (size_t)(strstr(b.data, " >>\nstream") - b.data);	/* after every offset in the file */
	sbuf_add(&lzw, b.data, at);
	sbuf_adds(&lzw, " /Filter /LZWDecode");
	sbuf_add(&lzw, b.data + at, b.len - at);
	ck_assert_str_eq(sb_verdict(&lzw, "application/pdf"), "upload.pdf_unsupported");
	sbuf_free(&lzw);
	sbuf_free(&b);
}
END_TEST

START_TEST(truncated_pdfs_never_crash)
{
	struct sbuf b;
	sbuf_init(&b);
	pdf_xstream(&b, true, true);
	for (size_t n = 0; n < b.len - 1; n++) {	/* all but the last newline */
		const char *rule = NULL;
		ck_assert_ptr_null(upcheck_file((const unsigned char *)b.data, n, &rule));
		ck_assert_ptr_nonnull(rule);
	}
	sbuf_free(&b);
}
END_TEST

/* ---- images ---- */

static void png_put(png_structp png, png_bytep p, size_t n)
{
	sbuf_add(png_get_io_ptr(png), p, n);
}

static void png_flush(png_structp png)
{
	(void)png;
}

/* A w x h RGB PNG (interlaced when asked) into b. */
static void make_png(struct sbuf *b, unsigned w, unsigned h, bool interlace)
{
	png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
	png_infop info = png_create_info_struct(png);
	png_set_write_fn(png, b, png_put, png_flush);
	png_set_IHDR(png, info, w, h, 8, PNG_COLOR_TYPE_RGB, interlace ? PNG_INTERLACE_ADAM7 : PNG_INTERLACE_NONE,
		     PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
	png_write_info(png, info);
	unsigned char *row = calloc(w, 3);
	int passes = png_set_interlace_handling(png);
	for (int p = 0; p < passes; p++)
		for (unsigned y = 0; y < h; y++) {
			memset(row, (int)(y * 7), (size_t)w * 3);
			png_write_row(png, row);
		}
	png_write_end(png, info);
	png_destroy_write_struct(&png, &info);
	free(row);
}

static void make_jpeg(struct sbuf *b, unsigned w, unsigned h, bool progressive)
{
	struct jpeg_compress_struct c;
	struct jpeg_error_mgr err;
	unsigned char *out = NULL;
	unsigned long n = 0;
	c.err = jpeg_std_error(&err);
	jpeg_create_compress(&c);
	jpeg_mem_dest(&c, &out, &n);
	c.image_width = w;
	c.image_height = h;
	c.input_components = 3;
	c.in_color_space = JCS_RGB;
	jpeg_set_defaults(&c);
	if (progressive)
		jpeg_simple_progression(&c);
	jpeg_start_compress(&c, TRUE);
	unsigned char *row = calloc(w, 3);
	while (c.next_scanline < h) {
		memset(row, (int)(c.next_scanline * 5), (size_t)w * 3);
		JSAMPROW r = row;
		jpeg_write_scanlines(&c, &r, 1);
	}
	jpeg_finish_compress(&c);
	jpeg_destroy_compress(&c);
	sbuf_add(b, out, n);
	free(out);
	free(row);
}

START_TEST(images_that_decode_are_accepted)
{
	struct sbuf b;
	sbuf_init(&b);
	make_png(&b, 33, 17, false);
	ck_assert_str_eq(sb_verdict(&b, "image/png"), "ok");
	sbuf_reset(&b);
	make_png(&b, 33, 17, true);
	ck_assert_str_eq(sb_verdict(&b, "image/png"), "ok");
	sbuf_reset(&b);
	make_jpeg(&b, 40, 30, false);
	ck_assert_str_eq(sb_verdict(&b, "image/jpeg"), "ok");
	sbuf_reset(&b);
	make_jpeg(&b, 40, 30, true);
	ck_assert_str_eq(sb_verdict(&b, "image/jpeg"), "ok");
	sbuf_free(&b);
}
END_TEST

START_TEST(images_that_do_not_decode_name_the_rule)
{
	struct sbuf b;
	sbuf_init(&b);
	/* a PNG with one bit of its image data flipped: the CRC no longer matches */
	make_png(&b, 33, 17, false);
	char *idat = memmem(b.data, b.len, "IDAT", 4);
	idat[6] ^= 0x01;
	ck_assert_str_eq(sb_verdict(&b, "image/png"), "upload.png_decode");
	/* anything after IEND */
	sbuf_reset(&b);
	make_png(&b, 33, 17, false);
	sbuf_adds(&b, "MZ");
	ck_assert_str_eq(sb_verdict(&b, "image/png"), "upload.trailing_data");
	/* the signature and then a program */
	sbuf_reset(&b);
	sbuf_add(&b, "\x89PNG\r\n\x1a\n\0\0\0\rIHDRMZ\x90\0\3\0\0\0\4\0\0\0\xff\xff\0\0", 32);
	ck_assert_str_eq(sb_verdict(&b, "image/png"), "upload.png_decode");
	/* a JPEG cut short */
	sbuf_reset(&b);
	make_jpeg(&b, 40, 30, false);
	b.len = b.len * 2 / 3;
	ck_assert_str_eq(sb_verdict(&b, "image/jpeg"), "upload.jpeg_decode");
	/* the JPEG start and then a program; and one with a program after EOI */
	sbuf_reset(&b);
	sbuf_add(&b, "\xff\xd8\xff\xe0MZ\x90\0\3\0\0\0\4\0\0\0\xff\xff\0\0\xff\xd9", 22);
	ck_assert_str_eq(sb_verdict(&b, "image/jpeg"), "upload.jpeg_decode");
	sbuf_reset(&b);
	make_jpeg(&b, 40, 30, false);
	sbuf_adds(&b, "MZ");
	ck_assert_str_eq(sb_verdict(&b, "image/jpeg"), "upload.trailing_data");
	sbuf_free(&b);
}
END_TEST

START_TEST(a_small_file_cannot_claim_a_huge_image)
{
	struct sbuf b;
	sbuf_init(&b);
	make_png(&b, 1, 1, false);
	/* IHDR says 30000 x 30000; its CRC is made right again */
	unsigned char *ihdr = (unsigned char *)memmem(b.data, b.len, "IHDR", 4);
	ihdr[4] = 0, ihdr[5] = 0, ihdr[6] = 0x75, ihdr[7] = 0x30, ihdr[8] = 0, ihdr[9] = 0, ihdr[10] = 0x75, ihdr[11] = 0x30;
	uLong crc = crc32(0, ihdr, 17);
	ihdr[17] = (unsigned char)(crc >> 24), ihdr[18] = (unsigned char)(crc >> 16), ihdr[19] = (unsigned char)(crc >> 8),
	ihdr[20] = (unsigned char)crc;
	ck_assert_str_eq(sb_verdict(&b, "image/png"), "upload.image_too_big");
	sbuf_free(&b);
}
END_TEST

START_TEST(other_kinds_are_refused)
{
	ck_assert_str_eq(verdict("GIF89a\1\0\1\0", 10, ""), "locker.bad_type");
	ck_assert_str_eq(verdict("MZ\x90\0", 4, ""), "locker.bad_type");
	ck_assert_str_eq(verdict("", 0, ""), "locker.bad_type");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("upload");
	TCase *tc = tcase_create("upcheck");
	tcase_add_test(tc, pdf_from_libharu_is_accepted);
	tcase_add_test(tc, pdf_with_xref_table_or_stream_is_accepted);
	tcase_add_test(tc, pdf_incremental_update_follows_prev);
	tcase_add_test(tc, executable_between_pdf_header_and_eof_is_refused);
	tcase_add_test(tc, broken_pdfs_name_the_rule);
	tcase_add_test(tc, truncated_pdfs_never_crash);
	tcase_add_test(tc, images_that_decode_are_accepted);
	tcase_add_test(tc, images_that_do_not_decode_name_the_rule);
	tcase_add_test(tc, a_small_file_cannot_claim_a_huge_image);
	tcase_add_test(tc, other_kinds_are_refused);
	suite_add_tcase(s, tc);
	return tap_run(s) ? 1 : 0;
}
