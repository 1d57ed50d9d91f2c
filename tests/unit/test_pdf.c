/*
 * test_pdf.c — unit tests for the PDF layer: shaping (pdf_text), line
 * breaking, QR encoding (qr) and certificate rendering (cert_pdf).
 *
 * The shaping tests compare the glyph ids pdf_text writes into the page
 * (seen through the trace hook) with an independent HarfBuzz run that
 * guesses script and language the way the hb-shape tool does; they also
 * check the visible symptoms of broken Hindi: a halant glyph where a
 * conjunct should be, ि after its consonant, .notdef boxes.
 * tests/pdf/check_pdf.sh does the same against the real hb-shape,
 * pdftotext, pdffonts and zbarimg.
 *
 * Prints "ok - name" / "not ok - name: reason" per test, then
 * "N passed, N failed"; exits non-zero on any failure.
 *
 * Build (from the top directory):
 *   gcc -std=c11 -D_GNU_SOURCE -O2 -g -Isrc $(pkg-config --cflags harfbuzz \
 *     harfbuzz-subset libqrencode check) tests/unit/test_pdf.c \
 *     src/pdf_text.c src/qr.c src/cert_pdf.c -o test_pdf -lhpdf \
 *     $(pkg-config --libs harfbuzz harfbuzz-subset libqrencode check) -lm
 */
#include <check.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hb.h>
#include <hpdf.h>

#include "cert_pdf.h"
#include "pdf_text.h"
#include "qr.h"

/* sample data shared with the demo */
#define PDF_DEMO_NO_MAIN
#include "../pdf/pdf_demo.c"

#define NWORDS (sizeof demo_words / sizeof demo_words[0])
#define MAX_RUNS 64
#define MAX_GLYPHS 256

/* ---- capture of the runs pdf_text writes -------------------------- */

struct run {
	char font[256];
	char text[512];
	uint32_t gids[MAX_GLYPHS];
	size_t n;
};

static struct run runs[MAX_RUNS];
static size_t nruns;

static void capture(void *ctx, const char *font, const char *text,
		    size_t len, const uint32_t *gids, size_t n)
{
	struct run *r;

	(void)ctx;
	ck_assert_uint_lt(nruns, MAX_RUNS);
	ck_assert_uint_lt(len, sizeof runs[0].text);
	ck_assert_uint_le(n, MAX_GLYPHS);
	r = &runs[nruns++];
	snprintf(r->font, sizeof r->font, "%s", font);
	memcpy(r->text, text, len);
	r->text[len] = '\0';
	memcpy(r->gids, gids, n * sizeof *gids);
	r->n = n;
}

/* A one-page document with a text context; freed by doc_close. */
struct tdoc {
	HPDF_Doc pdf;
	HPDF_Page page;
	struct pdft_doc *t;
};

static void doc_open(struct tdoc *d)
{
	d->pdf = HPDF_New(NULL, NULL);
	ck_assert_ptr_nonnull(d->pdf);
	d->page = HPDF_AddPage(d->pdf);
	ck_assert_ptr_nonnull(d->page);
	d->t = pdft_doc_new(d->pdf, NULL);
	ck_assert_msg(d->t != NULL, "fonts of the default family not found");
}

static void doc_close(struct tdoc *d)
{
	pdft_doc_free(d->t);
	HPDF_Free(d->pdf);
}

/* Glyph ids HarfBuzz gives for text with font file path, as hb-shape. */
static size_t hb_reference(const char *path, const char *text,
			   uint32_t *out, size_t max)
{
	hb_blob_t *blob = hb_blob_create_from_file_or_fail(path);
	hb_face_t *face;
	hb_font_t *font;
	hb_buffer_t *buf = hb_buffer_create();
	unsigned n;

	ck_assert_ptr_nonnull(blob);
	face = hb_face_create(blob, 0);
	font = hb_font_create(face);
	hb_buffer_add_utf8(buf, text, -1, 0, -1);
	hb_buffer_guess_segment_properties(buf);
	hb_shape(font, buf, NULL, 0);
	hb_glyph_info_t *gi = hb_buffer_get_glyph_infos(buf, &n);
	ck_assert_uint_le(n, max);
	for (unsigned i = 0; i < n; i++)
		out[i] = gi[i].codepoint;
	hb_buffer_destroy(buf);
	hb_font_destroy(font);
	hb_face_destroy(face);
	hb_blob_destroy(blob);
	return n;
}

/* The nominal glyph of code point cp in font file path (0 if none). */
static uint32_t nominal(const char *path, uint32_t cp)
{
	hb_blob_t *blob = hb_blob_create_from_file_or_fail(path);
	hb_face_t *face = hb_face_create(blob, 0);
	hb_font_t *font = hb_font_create(face);
	hb_codepoint_t g = 0;

	hb_font_get_nominal_glyph(font, cp, &g);
	hb_font_destroy(font);
	hb_face_destroy(face);
	hb_blob_destroy(blob);
	return g;
}

static bool has_gid(const struct run *r, uint32_t g)
{
	for (size_t i = 0; i < r->n; i++)
		if (r->gids[i] == g)
			return true;
	return false;
}

/* Draw s and check every run against HarfBuzz; returns the run count. */
static size_t draw_and_compare(const char *s)
{
	struct tdoc d;
	char joined[1024] = "";

	doc_open(&d);
	nruns = 0;
	pdft_set_trace(capture, NULL);
	ck_assert(pdft_draw(d.t, d.page, PDFT_REGULAR, 12, 50, 700, s,
			    strlen(s)) > 0);
	pdft_set_trace(NULL, NULL);
	for (size_t i = 0; i < nruns; i++) {
		uint32_t ref[MAX_GLYPHS];
		size_t n = hb_reference(runs[i].font, runs[i].text, ref,
					MAX_GLYPHS);
		ck_assert_msg(n == runs[i].n &&
			      !memcmp(ref, runs[i].gids, n * sizeof *ref),
			      "run '%s': glyph ids differ from HarfBuzz",
			      runs[i].text);
		for (size_t k = 0; k < runs[i].n; k++)
			ck_assert_msg(runs[i].gids[k] != 0,
				      "run '%s' has .notdef", runs[i].text);
		strcat(joined, runs[i].text);
	}
	ck_assert_str_eq(joined, s);
	ck_assert_int_eq(pdft_doc_finish(d.t), 0);
	doc_close(&d);
	return nruns;
}

/* ---- shaping -------------------------------------------------------- */

START_TEST(test_shape_word)
{
	const char *w = demo_words[_i];
	const char *deva = pdft_family_default.deva[PDFT_REGULAR];
	uint32_t virama = nominal(deva, 0x094D);

	draw_and_compare(w);
	for (size_t i = 0; i < nruns; i++) {
		ck_assert_msg(strstr(runs[i].font, "Devanagari") != NULL,
			      "'%s' drawn with %s", runs[i].text, runs[i].font);
		/* conjuncts and reph must not show a visible halant */
		ck_assert_msg(!has_gid(&runs[i], virama),
			      "'%s' shows a halant glyph", runs[i].text);
	}
}
END_TEST

/* The glyph's name in the font's post table ("uni0924094D0930"). */
static const char *gname(const char *path, uint32_t gid)
{
	static char name[64];
	hb_blob_t *blob = hb_blob_create_from_file_or_fail(path);
	hb_face_t *face = hb_face_create(blob, 0);
	hb_font_t *font = hb_font_create(face);

	if (!hb_font_get_glyph_name(font, gid, name, sizeof name))
		name[0] = '\0';
	hb_font_destroy(font);
	hb_face_destroy(face);
	hb_blob_destroy(blob);
	return name;
}

START_TEST(test_shape_reph_and_i_matra)
{
	const char *deva = pdft_family_default.deva[PDFT_REGULAR];

	/* त्रिपाठी: the ि matra is placed first, then the त्र conjunct as
	   one glyph */
	draw_and_compare("त्रिपाठी");
	ck_assert_str_eq(gname(deva, runs[0].gids[0]), "uni093F.05");
	ck_assert_str_eq(gname(deva, runs[0].gids[1]), "uni0924094D0930");
	/* कार्यालय: र् becomes a reph glyph; no standalone र or halant */
	draw_and_compare("कार्यालय");
	bool reph = false;
	for (size_t i = 0; i < runs[0].n; i++) {
		const char *g = gname(deva, runs[0].gids[i]);
		reph |= !strcmp(g, "uni0930094D");
		ck_assert_str_ne(g, "uni0930");
		ck_assert_str_ne(g, "uni094D");
	}
	ck_assert_msg(reph, "no reph glyph in कार्यालय");
	/* क्ष and श्र are single conjunct glyphs */
	draw_and_compare("क्षेत्र");
	ck_assert_str_eq(gname(deva, runs[0].gids[0]), "uni0915094D0937");
	draw_and_compare("श्रीमती");
	ck_assert_str_eq(gname(deva, runs[0].gids[0]), "uni0936094D0930");
}
END_TEST

START_TEST(test_shape_mixed_runs)
{
	size_t n = draw_and_compare("Name / नाम");

	ck_assert_uint_eq(n, 3);	/* "Name ", "/ ", "नाम" */
	ck_assert_str_eq(runs[0].text, "Name ");
	ck_assert_ptr_null(strstr(runs[0].font, "Devanagari"));
	ck_assert_str_eq(runs[2].text, "नाम");
	ck_assert_ptr_nonnull(strstr(runs[2].font, "Devanagari"));
	draw_and_compare("झारखण्ड 834006, Ranchi (₹ 1,20,000)");
}
END_TEST

/* Save d's document uncompressed into a malloc'd NUL-terminated buffer. */
static char *doc_bytes(struct tdoc *d, size_t *len)
{
	HPDF_UINT32 n;
	char *p;

	ck_assert_int_eq(pdft_doc_finish(d->t), 0);
	ck_assert_int_eq(HPDF_SaveToStream(d->pdf), HPDF_OK);
	n = HPDF_GetStreamSize(d->pdf);
	p = malloc(n + 1);
	ck_assert_ptr_nonnull(p);
	ck_assert_int_eq(HPDF_ReadFromStream(d->pdf, (HPDF_BYTE *)p, &n),
			 HPDF_OK);
	p[n] = '\0';
	*len = n;
	return p;
}

/* memmem: the document holds binary font data with NUL bytes. */
static bool has(const char *p, size_t len, const char *needle)
{
	return memmem(p, len, needle, strlen(needle)) != NULL;
}

/* v as pdf_text writes numbers: up to 3 decimals, no trailing zeros. */
static void fmt3(char *buf, size_t size, double v)
{
	snprintf(buf, size, "%.3f", v);
	char *e = buf + strlen(buf) - 1;
	while (*e == '0')
		*e-- = '\0';
	if (*e == '.')
		*e = '\0';
}

START_TEST(test_draw_aligned_and_actualtext)
{
	struct tdoc d;
	const char *s = "प्रमाण पत्र";
	char want[128], x[32];
	size_t len;

	doc_open(&d);
	double tw = pdft_width(d.t, PDFT_BOLD, 12, s, strlen(s));
	ck_assert(pdft_draw_aligned(d.t, d.page, PDFT_BOLD, 12, 100, 500, 200,
				    PDFT_CENTER, s) == tw);
	ck_assert(pdft_draw_aligned(d.t, d.page, PDFT_BOLD, 12, 100, 480, 200,
				    PDFT_RIGHT, s) == tw);
	ck_assert(pdft_draw_aligned(d.t, d.page, PDFT_BOLD, 12, 100, 460, 200,
				    PDFT_LEFT, "Income (Wife)") > 0);
	char *pdf = doc_bytes(&d, &len);
	fmt3(x, sizeof x, 100 + (200 - tw) / 2);
	snprintf(want, sizeof want, "BT\n%s 500 Td\n", x);
	ck_assert_msg(has(pdf, len, want), "centred text not at x=%s", x);
	fmt3(x, sizeof x, 300 - tw);
	snprintf(want, sizeof want, "BT\n%s 480 Td\n", x);
	ck_assert_msg(has(pdf, len, want), "right-aligned text not at x=%s", x);
	/* exact text for extraction: UTF-16BE ActualText, literal if ASCII */
	ck_assert(has(pdf, len, "/ActualText <FEFF092A094D0930092E093E09230020"
			      "092A0924094D0930>>> BDC"));
	ck_assert(has(pdf, len, "/ActualText (Income \\(Wife\\))>> BDC"));
	ck_assert(has(pdf, len, "/CIDToGIDMap /Identity"));
	ck_assert(has(pdf, len, "/ToUnicode"));
	free(pdf);
	doc_close(&d);
}
END_TEST

/* ---- width and wrapping -------------------------------------------- */

static bool is_mark_start(const char *s, size_t len)
{
	/* a line must not start with a matra, virama, nukta or anusvara */
	if (len < 3)
		return false;
	unsigned char a = (unsigned char)s[0], b = (unsigned char)s[1],
		      c = (unsigned char)s[2];
	if (a != 0xE0 || (b != 0xA4 && b != 0xA5))
		return false;
	unsigned cp = ((a & 0x0F) << 12) | ((b & 0x3F) << 6) | (c & 0x3F);
	return (cp >= 0x0900 && cp <= 0x0903) || cp == 0x093C ||
	       (cp >= 0x093E && cp <= 0x094D);
}

/* Wrap s at width w and check the invariants; returns the line count. */
static size_t wrap_check(struct tdoc *d, const char *s, double w)
{
	struct pdft_lines l = { 0 };
	size_t n = pdft_wrap(d->t, PDFT_BOLD, 10, s, w, &l);
	char rebuilt[4096] = "", orig[4096] = "";

	for (size_t i = 0; i < n; i++) {
		double real = pdft_width(d->t, PDFT_BOLD, 10, s + l.v[i].off,
					 l.v[i].len);
		ck_assert_msg(real <= w + 1e-6 || l.v[i].len == 0 ||
			      pdft_width(d->t, PDFT_BOLD, 10, s + l.v[i].off,
					 1) > w,
			      "line %zu is %.3f pt wide in a %.3f pt box", i,
			      real, w);
		ck_assert_msg(l.v[i].width <= w + 1e-6 || real > w,
			      "line %zu width %.3f > box %.3f", i,
			      l.v[i].width, w);
		ck_assert_msg(!is_mark_start(s + l.v[i].off, l.v[i].len),
			      "line %zu starts inside a cluster", i);
		strncat(rebuilt, s + l.v[i].off, l.v[i].len);
	}
	/* the lines hold every non-space byte, in order */
	for (const char *p = s; *p; p++)
		if (*p != ' ' && *p != '\n')
			strncat(orig, p, 1);
	char *q = rebuilt;
	for (char *p = rebuilt; *p; p++)
		if (*p != ' ')
			*q++ = *p;
	*q = '\0';
	ck_assert_str_eq(rebuilt, orig);
	pdft_lines_free(&l);
	return n;
}

START_TEST(test_wrap_empty)
{
	struct tdoc d;
	struct pdft_lines l = { 0 };

	doc_open(&d);
	ck_assert(pdft_width(d.t, PDFT_REGULAR, 10, "", 0) == 0);
	ck_assert_uint_eq(pdft_wrap(d.t, PDFT_REGULAR, 10, "", 100, &l), 0);
	ck_assert_int_eq(pdft_draw_box(d.t, d.page, PDFT_REGULAR, 10, 10, 10,
				       100, 12, PDFT_LEFT, ""), 0);
	pdft_lines_free(&l);
	doc_close(&d);
}
END_TEST

START_TEST(test_wrap_long_word)
{
	struct tdoc d;

	doc_open(&d);
	ck_assert_uint_ge(wrap_check(&d, "Supercalifragilisticexpialidocious",
				     50), 4);
	ck_assert_uint_ge(wrap_check(&d, "प्रमाणपत्रक्षेत्रत्रिपाठीश्रीमतीकार्यालय",
				     40), 4);
	/* narrower than any cluster: one cluster per line, no hang */
	ck_assert_uint_eq(wrap_check(&d, "क्षेत्र", 1), 2);
	/* a long word among short ones */
	ck_assert_uint_ge(wrap_check(&d, "ग्राम JH/RAN/INC/2025-26/004567/000123 "
				     "Kanke", 60), 3);
	doc_close(&d);
}
END_TEST

START_TEST(test_wrap_exact_fit)
{
	struct tdoc d;
	struct pdft_lines l = { 0 };
	const char *s = "आय प्रमाण पत्र Income Certificate";

	doc_open(&d);
	double w = pdft_width(d.t, PDFT_BOLD, 10, s, strlen(s));
	ck_assert(w > 0);
	ck_assert_uint_eq(pdft_wrap(d.t, PDFT_BOLD, 10, s, w, &l), 1);
	ck_assert_uint_eq(l.v[0].len, strlen(s));
	ck_assert_uint_eq(pdft_wrap(d.t, PDFT_BOLD, 10, s, w - 0.01, &l), 2);
	/* the break lands at the last space */
	ck_assert_str_eq(s + l.v[1].off, "Certificate");
	ck_assert_uint_eq(wrap_check(&d, s, w - 0.01), 2);
	pdft_lines_free(&l);
	doc_close(&d);
}
END_TEST

START_TEST(test_wrap_never_overflows)
{
	struct tdoc d;

	doc_open(&d);
	for (double w = 40; w < 420; w += 13.7)
		wrap_check(&d, demo_address300, w);
	ck_assert_uint_eq(wrap_check(&d, "पहली पंक्ति\nदूसरी पंक्ति", 400), 2);
	ck_assert_uint_eq(wrap_check(&d, "a\n\nb", 400), 3);
	doc_close(&d);
}
END_TEST

/* ---- QR --------------------------------------------------------------- */

START_TEST(test_qr_version_bound)
{
	struct qr_code q;

	demo_make_url();
	ck_assert_uint_eq(strlen(demo_url), 320);
	ck_assert_int_eq(qr_encode(demo_url, strlen(demo_url), &q), 0);
	ck_assert_int_le(q.version, 13);
	ck_assert_int_eq(q.width, 17 + 4 * q.version);
	ck_assert(qr_side(&q, 1.5) <= 120);
	qr_free(&q);

	char big[3000];
	memset(big, 'A', sizeof big);
	ck_assert_int_eq(qr_encode(big, sizeof big, &q), -1);
	ck_assert_ptr_null(q.dark);
}
END_TEST

/* ---- rendering ---------------------------------------------------------- */

static size_t count(const unsigned char *p, size_t len, const char *needle)
{
	size_t n = 0, nl = strlen(needle);

	for (size_t i = 0; i + nl <= len; i++)
		if (!memcmp(p + i, needle, nl))
			n++;
	return n;
}

static size_t pages(const unsigned char *p, size_t len)
{
	return count(p, len, "/Type /Page\n") + count(p, len, "/Type /Page ");
}

START_TEST(test_render_deterministic)
{
	struct cert_layout c, other;
	unsigned char *a, *b, *x;
	size_t la, lb, lx;

	demo_cert(&c, DEMO_NORMAL);
	demo_cert(&other, DEMO_LONG);
	ck_assert_int_eq(cert_pdf_render(&c, &a, &la), 0);
	/* whatever the caches hold in between, the bytes are the same */
	ck_assert_int_eq(cert_pdf_render(&other, &x, &lx), 0);
	demo_cert(&c, DEMO_NORMAL);
	ck_assert_int_eq(cert_pdf_render(&c, &b, &lb), 0);
	ck_assert_uint_eq(la, lb);
	ck_assert_msg(!memcmp(a, b, la), "two renders differ");
	ck_assert_msg(count(a, la, "/CreationDate (D:20251123064000Z") == 1,
		      "CreationDate not taken from issued_at");
	c.issued_at += 60;
	free(b);
	ck_assert_int_eq(cert_pdf_render(&c, &b, &lb), 0);
	ck_assert_msg(la != lb || memcmp(a, b, la), "issued_at ignored");
	free(a);
	free(b);
	free(x);
}
END_TEST

START_TEST(test_render_size)
{
	struct cert_layout c;
	struct ack_layout k;
	unsigned char *p;
	size_t len;

	demo_cert(&c, DEMO_NORMAL);
	ck_assert_int_eq(cert_pdf_render(&c, &p, &len), 0);
	ck_assert_msg(len <= 40 * 1024, "typical certificate is %zu bytes",
		      len);
	ck_assert_uint_eq(pages(p, len), 1);
	free(p);
	demo_ack(&k);
	ck_assert_int_eq(cert_pdf_render_ack(&k, &p, &len), 0);
	ck_assert_msg(len <= 40 * 1024, "receipt is %zu bytes", len);
	free(p);
}
END_TEST

START_TEST(test_render_stress_fits_one_page)
{
	struct cert_layout c;
	unsigned char *p;
	size_t len;

	demo_cert(&c, DEMO_LONG);
	ck_assert_uint_eq(c.n_facts, 12);
	ck_assert_uint_ge(strlen(demo_address300), 300);
	ck_assert_int_eq(cert_pdf_render(&c, &p, &len), 0);
	ck_assert_uint_eq(pages(p, len), 1);
	ck_assert_msg(len <= 40 * 1024, "stress certificate is %zu bytes", len);
	free(p);
}
END_TEST

START_TEST(test_render_paginates)
{
	struct cert_layout c;
	unsigned char *p;
	size_t len;

	demo_cert(&c, DEMO_HUGE);
	ck_assert_int_eq(cert_pdf_render(&c, &p, &len), 0);
	ck_assert_uint_ge(pages(p, len), 2);
	free(p);
}
END_TEST

START_TEST(test_render_classic_xref)
{
	struct cert_layout c;
	unsigned char *p;
	size_t len;

	demo_cert(&c, DEMO_NORMAL);
	ck_assert_int_eq(cert_pdf_render(&c, &p, &len), 0);
	ck_assert(len > 8 && !memcmp(p, "%PDF-1.", 7));
	ck_assert_uint_eq(count(p, len, "\nxref\n"), 1);
	ck_assert_uint_eq(count(p, len, "trailer"), 1);
	ck_assert_uint_eq(count(p, len, "/XRef"), 0);
	ck_assert_uint_eq(count(p, len, "/ObjStm"), 0);
	ck_assert_uint_eq(count(p, len, "/FontFile2"), 4);
	ck_assert_uint_eq(count(p, len, "/Identity-H"), 4);
	ck_assert(len > 6 && !memcmp(p + len - 6, "%%EOF\n", 6));
	free(p);
}
END_TEST

START_TEST(test_render_bad_input)
{
	struct cert_layout c;
	unsigned char *p = (unsigned char *)"x";
	size_t len = 1;

	demo_cert(&c, DEMO_NORMAL);
	c.verify_url = "";
	ck_assert_int_eq(cert_pdf_render(&c, &p, &len), -1);
	ck_assert_ptr_null(p);
	ck_assert_uint_eq(len, 0);
	/* missing optional strings are fine */
	demo_cert(&c, DEMO_NORMAL);
	c.statement = (struct cert_pdf_text){ NULL, NULL };
	c.valid_until = NULL;
	c.officer_designation = NULL;
	c.department.en = NULL;
	ck_assert_int_eq(cert_pdf_render(&c, &p, &len), 0);
	free(p);
}
END_TEST

/* ---- runner --------------------------------------------------------- */

/* One TCase per test so each result line carries the test's name. */
static void add(Suite *s, const char *name, const TTest *fn, int i)
{
	TCase *tc = tcase_create(name);

	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, fn, i, i + 1);
	suite_add_tcase(s, tc);
}

int main(void)
{
	Suite *s = suite_create("pdf");
	SRunner *sr;
	char names[NWORDS][64];
	int failed = 0, passed = 0;

	for (size_t i = 0; i < NWORDS; i++) {
		snprintf(names[i], sizeof names[i], "shape %s", demo_words[i]);
		add(s, names[i], test_shape_word, (int)i);
	}
	add(s, "shape reph and i-matra order", test_shape_reph_and_i_matra, 0);
	add(s, "shape mixed script runs", test_shape_mixed_runs, 0);
	add(s, "draw aligned, ActualText exact", test_draw_aligned_and_actualtext,
	    0);
	add(s, "wrap empty string", test_wrap_empty, 0);
	add(s, "wrap word longer than the box", test_wrap_long_word, 0);
	add(s, "wrap exact fit", test_wrap_exact_fit, 0);
	add(s, "wrap never overflows", test_wrap_never_overflows, 0);
	add(s, "qr version <= 13 for 320-byte url", test_qr_version_bound, 0);
	add(s, "render deterministic", test_render_deterministic, 0);
	add(s, "render size <= 40 KB", test_render_size, 0);
	add(s, "render 12 facts + 300-char address on one page",
	    test_render_stress_fits_one_page, 0);
	add(s, "render paginates a huge value", test_render_paginates, 0);
	add(s, "render classic xref, fonts embedded",
	    test_render_classic_xref, 0);
	add(s, "render bad and missing input", test_render_bad_input, 0);

	sr = srunner_create(s);
	srunner_run_all(sr, CK_SILENT);
	TestResult **res = srunner_results(sr);
	int n = srunner_ntests_run(sr);
	for (int i = 0; i < n; i++) {
		if (tr_rtype(res[i]) == CK_PASS) {
			printf("ok - %s\n", tr_tcname(res[i]));
			passed++;
		} else {
			printf("not ok - %s: %s\n", tr_tcname(res[i]),
			       tr_msg(res[i]));
			failed++;
		}
	}
	free(res);
	printf("%d passed, %d failed\n", passed, failed);
	srunner_free(sr);
	pdft_cache_free();
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
