/*
 * register_pdf.c — a register book as a PDF (register_pdf.h): the paper
 * book an auditor expects, with every page numbered "n of N", the
 * register's name in both languages on each page, one row per entry in
 * serial order, corrected entries struck through with the serial of their
 * correction, totals and balances after the last row, and the closing line.
 * No database: register.c reads the book and signs the result.
 */
#include "register_pdf.h"
#include "pdf_text.h"

#include <hpdf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MARGIN 28.0		/* page margin, points */
#define SIZE 7.5		/* cell text size */
#define LEAD (SIZE * 1.35)	/* line height */
#define PAD 2.5			/* cell padding */
#define HEAD_H 46.0		/* page header above the table */
#define FOOT_H 22.0		/* page footer below the table */

struct rp {
	const struct regpdf *in;
	HPDF_Doc pdf;
	struct pdft_doc *t;
	HPDF_STATUS herr;	/* first libharu error */
	double pw, ph;		/* page size */
	double *colw;		/* width of each column (0 = serial, 1..ncols, last = state) */
	double size;		/* cell text size: SIZE, less when the words would not fit */
	size_t ncol;		/* columns drawn: serial + cols + state */
	double *rowh;		/* height of each row */
	int *page;		/* page of each row */
	int npages;
};

static void on_err(HPDF_STATUS err, HPDF_STATUS detail, void *ud)
{
	struct rp *r = ud;
	(void)detail;
	if (!r->herr)
		r->herr = err;
}

/* The text of cell c of row i (0: serial, last: state). */
static const char *cell(const struct rp *r, size_t i, size_t c)
{
	const struct regpdf_row *row = &r->in->rows[i];
	if (c == 0)
		return row->serial;
	if (c == r->ncol - 1)
		return row->state;
	return row->cells[c - 1] ? row->cells[c - 1] : "";
}

static double cell_height(struct rp *r, const char *s, double w, enum pdft_style st)
{
	struct pdft_lines l = { 0 };
	size_t n = pdft_wrap(r->t, st, r->size, s, w - 2 * PAD, &l);
	pdft_lines_free(&l);
	return (n ? (double)n : 1.0) * r->size * 1.35 + 2 * PAD;
}

/* The width of the longest word of s (a cell wraps at spaces only;
 * a narrower column breaks the word). */
static double longest_word(struct rp *r, enum pdft_style st, const char *s)
{
	double w = 0;
	while (*s) {
		size_t n = strcspn(s, " ");
		double x = pdft_width(r->t, st, r->size, s, n) + 2 * PAD + 1;
		if (x > w)
			w = x;
		s += n + (s[n] == ' ');
	}
	return w;
}

/* The first column's width: a book's serials fit 30 pt; an MPR puts
 * place names there ("Total: Medininagar(Daltonganj)"), given room for
 * their longest word (up to 150 pt) so no name breaks mid-word. */
static double first_width(struct rp *r)
{
	double w = 30;
	for (size_t i = 0; i < r->in->nrows; i++) {
		double x = longest_word(r, PDFT_REGULAR, cell(r, i, 0));
		if (x > w)
			w = x;
	}
	return w < 150 ? w : 150;
}

/* Column widths: the serial and state columns narrow, the rest shared in
 * proportion to their longest text (at least a fair minimum each).  When
 * the page is too narrow for every column's want, each keeps at least
 * the longest word of its heading and cells, and the room left over is
 * shared in proportion to what each wanted beyond that. */
static void widths(struct rp *r)
{
	double first = first_width(r), last = 70, avail, need = 0, floor = 0;
	double *want = calloc(2 * r->ncol, sizeof *want), *least = want + r->ncol;
	for (size_t c = 1; c + 1 < r->ncol; c++) {
		const char *l = r->in->labels[c - 1];
		double m = pdft_width(r->t, PDFT_BOLD, r->size, l, strlen(l)) / 2 + 2 * PAD, w = longest_word(r, PDFT_BOLD, l);
		for (size_t i = 0; i < r->in->nrows; i++) {
			const char *s = cell(r, i, c);
			double x = pdft_width(r->t, PDFT_REGULAR, r->size, s, strlen(s)) + 2 * PAD, y = longest_word(r, PDFT_REGULAR, s);
			if (x > m)
				m = x;
			if (y > w)
				w = y;
		}
		want[c] = m < 40 ? 40 : m > 220 ? 220 : m;
		least[c] = w < 220 ? w : 220;
		if (least[c] > want[c])
			want[c] = least[c];
		need += want[c];
		floor += least[c];
	}
	/* too many columns for the page: the state column gives up what its
	   longest word does not need, and if the words still do not fit,
	   the text is made smaller (not below 6 pt) */
	if (floor + first + last > r->pw - 2 * MARGIN) {
		double w = longest_word(r, PDFT_BOLD, r->in->state_label);
		for (size_t i = 0; i < r->in->nrows; i++) {
			double x = longest_word(r, PDFT_REGULAR, cell(r, i, r->ncol - 1));
			if (x > w)
				w = x;
		}
		last = w < 30 ? 30 : w < last ? w : last;
	}
	avail = r->pw - 2 * MARGIN - first - last;
	if (floor > avail && r->size == SIZE) {
		double k = 0.97 * (r->pw - 2 * MARGIN) / (floor + first + last);
		r->size = SIZE * k < 6 ? 6 : SIZE * k;
		free(want);
		widths(r);
		return;
	}
	r->colw[0] = first;
	r->colw[r->ncol - 1] = last;
	for (size_t c = 1; c + 1 < r->ncol; c++)
		r->colw[c] = need <= avail ? want[c] * avail / (need > 0 ? need : 1)
			: floor >= avail ? least[c] * avail / (floor > 0 ? floor : 1)
			: least[c] + (want[c] - least[c]) * (avail - floor) / (need - floor);
	free(want);
}

/* Row heights and the page of each row; the last page also holds the
 * totals and balances block. */
static void paginate(struct rp *r)
{
	double room = r->ph - 2 * MARGIN - HEAD_H - FOOT_H, y = 0;
	double headrow = 0;
	for (size_t c = 0; c < r->ncol; c++) {
		const char *l = c == 0 ? r->in->serial_label : c == r->ncol - 1 ? r->in->state_label : r->in->labels[c - 1];
		double h = cell_height(r, l, r->colw[c], PDFT_BOLD);
		if (h > headrow)
			headrow = h;
	}
	r->npages = 1;
	y = headrow;
	for (size_t i = 0; i < r->in->nrows; i++) {
		double h = 0;
		for (size_t c = 0; c < r->ncol; c++) {
			double x = cell_height(r, cell(r, i, c), r->colw[c], PDFT_REGULAR);
			if (x > h)
				h = x;
		}
		r->rowh[i] = h;
		if (y + h > room) {
			r->npages++;
			y = headrow;
		}
		r->page[i] = r->npages - 1;
		y += h;
	}
	/* the closing block: totals, balances, closing line */
	double block = (double)(3 + r->in->nsums) * LEAD * 1.4;
	if (y + block > room)
		r->npages++;
}

static void text(struct rp *r, HPDF_Page pg, enum pdft_style st, double size, double x, double y, const char *s)
{
	pdft_draw(r->t, pg, st, size, x, y, s, strlen(s));
}

static void header(struct rp *r, HPDF_Page pg, int p)
{
	double y = r->ph - MARGIN - 12;
	text(r, pg, PDFT_BOLD, 12, MARGIN, y, r->in->title_en);
	pdft_draw_aligned(r->t, pg, PDFT_BOLD, 12, MARGIN, y, r->pw - 2 * MARGIN, PDFT_RIGHT, r->in->title_hi);
	text(r, pg, PDFT_REGULAR, 9, MARGIN, y - 16, r->in->subtitle);
	char pn[80];
	snprintf(pn, sizeof pn, "%s %d / %d", r->in->page_label, p + 1, r->npages);
	pdft_draw_aligned(r->t, pg, PDFT_REGULAR, 9, MARGIN, y - 16, r->pw - 2 * MARGIN, PDFT_RIGHT, pn);
}

static void footer(struct rp *r, HPDF_Page pg, int p)
{
	char pn[80];
	snprintf(pn, sizeof pn, "%s %d / %d", r->in->page_label, p + 1, r->npages);
	HPDF_Page_SetLineWidth(pg, 0.4);
	HPDF_Page_MoveTo(pg, MARGIN, MARGIN + FOOT_H - 6);
	HPDF_Page_LineTo(pg, r->pw - MARGIN, MARGIN + FOOT_H - 6);
	HPDF_Page_Stroke(pg);
	pdft_draw_box(r->t, pg, PDFT_REGULAR, 6.5, MARGIN, MARGIN + 8, r->pw - 2 * MARGIN - 90, 8, PDFT_LEFT, r->in->footer);
	pdft_draw_aligned(r->t, pg, PDFT_REGULAR, 8, MARGIN, MARGIN + 8, r->pw - 2 * MARGIN, PDFT_RIGHT, pn);
}

/* One row of cells (a header row when i is SIZE_MAX) with its top at y;
 * returns its height. */
static double draw_row(struct rp *r, HPDF_Page pg, size_t i, double y, double h)
{
	double x = MARGIN;
	bool head = i == (size_t)-1;
	bool struck = !head && r->in->rows[i].struck;
	for (size_t c = 0; c < r->ncol; c++) {
		const char *s = head ? (c == 0 ? r->in->serial_label : c == r->ncol - 1 ? r->in->state_label : r->in->labels[c - 1])
				     : cell(r, i, c);
		HPDF_Page_SetLineWidth(pg, 0.3);
		HPDF_Page_Rectangle(pg, x, y - h, r->colw[c], h);
		HPDF_Page_Stroke(pg);
		pdft_draw_box(r->t, pg, head ? PDFT_BOLD : PDFT_REGULAR, r->size, x + PAD, y - PAD - r->size, r->colw[c] - 2 * PAD, r->size * 1.35,
			      PDFT_LEFT, s);
		x += r->colw[c];
	}
	if (struck) {	/* struck through, not erased: the paper rule */
		HPDF_Page_SetLineWidth(pg, 0.8);
		HPDF_Page_MoveTo(pg, MARGIN + r->colw[0], y - h / 2);
		HPDF_Page_LineTo(pg, x - r->colw[r->ncol - 1], y - h / 2);
		HPDF_Page_Stroke(pg);
	}
	return h;
}

static double header_row_height(struct rp *r)
{
	double hh = 0;
	for (size_t c = 0; c < r->ncol; c++) {
		const char *l = c == 0 ? r->in->serial_label : c == r->ncol - 1 ? r->in->state_label : r->in->labels[c - 1];
		double h = cell_height(r, l, r->colw[c], PDFT_BOLD);
		if (h > hh)
			hh = h;
	}
	return hh;
}

int register_pdf_render(const struct regpdf *in, unsigned char **out, size_t *len)
{
	struct rp r = { .in = in, .size = SIZE };
	int rc = -1;
	*out = NULL;
	*len = 0;
	r.ncol = in->ncols + 2;
	r.colw = calloc(r.ncol, sizeof *r.colw);
	r.rowh = calloc(in->nrows + 1, sizeof *r.rowh);
	r.page = calloc(in->nrows + 1, sizeof *r.page);
	r.pdf = HPDF_New(on_err, &r);
	if (!r.colw || !r.rowh || !r.page || !r.pdf)
		goto fail;
	HPDF_SetCompressionMode(r.pdf, HPDF_COMP_ALL);
	if (!(r.t = pdft_doc_new(r.pdf, NULL)))
		goto fail;
	HPDF_PageSizes size = in->a3 ? HPDF_PAGE_SIZE_A3 : HPDF_PAGE_SIZE_A4;
	HPDF_PageDirection dir = in->landscape ? HPDF_PAGE_LANDSCAPE : HPDF_PAGE_PORTRAIT;
	{
		HPDF_Page probe = HPDF_AddPage(r.pdf);
		if (!probe)
			goto fail;
		HPDF_Page_SetSize(probe, size, dir);
		r.pw = HPDF_Page_GetWidth(probe);
		r.ph = HPDF_Page_GetHeight(probe);
	}
	widths(&r);
	paginate(&r);
	double hh = header_row_height(&r);
	size_t i = 0;
	for (int p = 0; p < r.npages; p++) {
		HPDF_Page pg = p == 0 ? HPDF_GetCurrentPage(r.pdf) : HPDF_AddPage(r.pdf);
		if (!pg)
			goto fail;
		HPDF_Page_SetSize(pg, size, dir);
		header(&r, pg, p);
		footer(&r, pg, p);
		double y = r.ph - MARGIN - HEAD_H;
		y -= draw_row(&r, pg, (size_t)-1, y, hh);
		for (; i < in->nrows && r.page[i] == p; i++)
			y -= draw_row(&r, pg, i, y, r.rowh[i]);
		if (p == r.npages - 1) {
			y -= LEAD * 1.5;
			for (size_t k = 0; k < in->nsums; k++, y -= LEAD * 1.4)
				text(&r, pg, k == 0 ? PDFT_BOLD : PDFT_REGULAR, 9, MARGIN, y, in->sums[k]);
			y -= LEAD;
			text(&r, pg, PDFT_BOLD, 9, MARGIN, y, in->closing);
		}
	}
	if (pdft_doc_finish(r.t) < 0 || r.herr || HPDF_SaveToStream(r.pdf) != HPDF_OK)
		goto fail;
	HPDF_UINT32 sz = HPDF_GetStreamSize(r.pdf);
	*out = malloc(sz ? sz : 1);
	if (!*out || HPDF_ReadFromStream(r.pdf, *out, &sz) != HPDF_OK || r.herr) {
		free(*out);
		*out = NULL;
		goto fail;
	}
	*len = sz;
	rc = 0;
fail:
	free(r.colw);
	free(r.rowh);
	free(r.page);
	pdft_doc_free(r.t);
	if (r.pdf)
		HPDF_Free(r.pdf);
	return rc;
}
