/*
 * cert_pdf.c — certificate and acknowledgement PDFs (see cert_pdf.h).
 *
 * Both documents are one layout described by struct spec: a header
 * (seal, government, department, office, title), a grid of reference
 * numbers and dates, an optional statement, the facts table, and a footer
 * with the QR code on the left and a block of lines on the right (the
 * officer's signature block, or a note on the receipt).  The public
 * functions only fill a spec.
 *
 * Every block is drawn by a function that takes the page or NULL: with
 * NULL it only measures.  So the page layout is computed with the very
 * code that draws it, the table is paginated before anything is drawn
 * ("Page 1 of 2" is known up front) and nothing can overlap.
 *
 * Coordinates are PDF points, origin bottom-left; y values named top are
 * the top edge of a block, and blocks grow downwards.
 */
#include "cert_pdf.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>

#include <hpdf.h>

#include "pdf_text.h"
#include "qr.h"

/* A4 portrait and the frame. */
#define PAGE_W 595.276
#define PAGE_H 841.89
#define OUTER 18.0		/* outer border inset */
#define INNER 23.5		/* inner border inset */
#define MARGIN 40.0		/* text inset from the page edge */
#define CONTENT_W (PAGE_W - 2 * MARGIN)
#define LEAD 1.45		/* line height / font size */
#define QR_MAX_SIDE 120.0	/* QR incl. quiet zone, points */
#define FACT_SIZE_MAX 10.5	/* value font size to start from */
#define FACT_SIZE_STACKED 9.0	/* smallest size with stacked labels */
#define FACT_SIZE_MIN 8.0	/* the floor; below it we paginate */
#define PAD_X 5.0		/* cell padding */
#define PAD_Y 3.5
#define LABEL_COL 0.40		/* share of the table width for labels */

struct rgb { double r, g, b; };
static const struct rgb C_NAVY = { 0.09, 0.16, 0.36 };
static const struct rgb C_TEXT = { 0.08, 0.08, 0.10 };
static const struct rgb C_GREY = { 0.33, 0.35, 0.40 };
static const struct rgb C_RULE = { 0.55, 0.60, 0.70 };
static const struct rgb C_TINT = { 0.93, 0.95, 0.98 };

#define SIGN_ROOM 33.0		/* above the signature block: room to sign */

/* A line of the footer's right-hand block. */
struct fline {
	const char *text;	/* NULL or "" is skipped */
	enum pdft_style st;
	double size;
	const struct rgb *col;
};

#define MAX_REFS 4
#define MAX_FLINES 6

/* Everything the layout needs; filled by the public entry points. */
struct spec {
	const struct cert_pdf_text *state, *department, *office, *title;
	const struct cert_pdf_text *statement;	/* may be NULL */
	struct cert_fact refs[MAX_REFS];	/* reference grid, value may be NULL */
	size_t n_refs;
	const struct cert_fact *facts;
	size_t n_facts;
	const char *no_label;		/* continuation header: "No." label */
	const char *no;			/*   and value */
	const char *qr_payload;		/* ASCII */
	const char *qr_caption;		/* under the QR */
	const char *qr_line;		/* under the caption */
	struct fline right[MAX_FLINES];	/* footer, right-hand block */
	bool sign_rule;			/* rule above the right block */
	const char *note;		/* one line at the very bottom */
	time_t at;			/* PDF dates */
};

/* A table row (one fact) wrapped at the current size. */
struct row {
	const struct cert_fact *f;
	char *inl;			/* "hi / en" label when inline, owned */
	struct pdft_lines hi, en, val;	/* wrapped label and value lines;
					   hi holds inl's lines if inline */
	double label_h;			/* height of both label parts */
};

/* A slice of a row placed on a page: value lines [v0, v0+vn). */
struct piece {
	size_t row;
	size_t v0, vn;
	bool label;		/* first slice: carries the label */
	int page;		/* 0-based */
	double top;		/* y of its top edge */
	double h;
};

/* Rendering state of one document. */
struct rctx {
	const struct spec *sp;
	HPDF_Doc pdf;
	struct pdft_doc *t;
	struct qr_code qr;
	double qr_mod;			/* module size, points */
	double fs;			/* fact value size in use */
	struct row *rows;		/* n_facts */
	struct piece *pc;		/* pieces, at most rows + page splits */
	size_t npc, cappc;
	int npages;
	struct pdft_lines ln;		/* scratch for para() */
	bool failed;			/* a drawing call failed */
	HPDF_STATUS herr;		/* first libharu error */
};

/* Allocation that aborts on out-of-memory (the supervisor restarts). */
static void *cp_check(void *p)
{
	if (!p) {
		fputs("cert_pdf: out of memory\n", stderr);
		abort();
	}
	return p;
}

static void *cp_xcalloc(size_t n, size_t size)
{
	return cp_check(calloc(n ? n : 1, size ? size : 1));
}

static void *cp_xrealloc(void *p, size_t n)
{
	return cp_check(realloc(p, n ? n : 1));
}

static void on_hpdf_error(HPDF_STATUS err, HPDF_STATUS detail, void *ud)
{
	struct rctx *r = ud;
	if (!r->herr) {
		r->herr = err;
		fprintf(stderr, "cert_pdf: libharu error 0x%04X (detail %u)\n",
			(unsigned)err, (unsigned)detail);
	}
}

static bool empty(const char *s)
{
	return !s || !*s;
}

static double lead(double size)
{
	return size * LEAD;
}

static void fill(HPDF_Page pg, const struct rgb *c)
{
	HPDF_Page_SetRGBFill(pg, (HPDF_REAL)c->r, (HPDF_REAL)c->g,
			     (HPDF_REAL)c->b);
}

static void stroke_col(HPDF_Page pg, const struct rgb *c, double width)
{
	HPDF_Page_SetRGBStroke(pg, (HPDF_REAL)c->r, (HPDF_REAL)c->g,
			       (HPDF_REAL)c->b);
	HPDF_Page_SetLineWidth(pg, (HPDF_REAL)width);
}

static void hline(HPDF_Page pg, double x0, double x1, double y)
{
	HPDF_Page_MoveTo(pg, (HPDF_REAL)x0, (HPDF_REAL)y);
	HPDF_Page_LineTo(pg, (HPDF_REAL)x1, (HPDF_REAL)y);
	HPDF_Page_Stroke(pg);
}

/*
 * Draw n wrapped lines of s in colour col, the top of the first line at
 * `top`, each line LEAD * size high.  Returns the height they take.
 */
static double draw_lines(struct rctx *r, HPDF_Page pg, const char *s,
			 const struct pdft_line *l, size_t n,
			 enum pdft_style st, double size,
			 const struct rgb *col, double x, double top, double w,
			 enum pdft_align al)
{
	if (!n)
		return 0;
	fill(pg, col);
	if (pdft_draw_lines(r->t, pg, st, size, x, top - 0.75 * lead(size), w,
			    lead(size), al, s, l, n) < 0)
		r->failed = true;
	return (double)n * lead(size);
}

/*
 * Wrap s into width w and, if pg is not NULL, draw it (see draw_lines).
 * Returns the height taken (0 for an empty string).
 */
static double para(struct rctx *r, HPDF_Page pg, const char *s,
		   enum pdft_style st, double size, const struct rgb *col,
		   double x, double top, double w, enum pdft_align al)
{
	if (empty(s))
		return 0;
	size_t n = pdft_wrap(r->t, st, size, s, w, &r->ln);
	if (pg)
		draw_lines(r, pg, s, r->ln.v, n, st, size, col, x, top, w, al);
	return (double)n * lead(size);
}

/* Hindi over English, centred or not; returns the height taken. */
static double bilingual(struct rctx *r, HPDF_Page pg,
			const struct cert_pdf_text *t, enum pdft_style st,
			double size_hi, double size_en, const struct rgb *col,
			double x, double top, double w, enum pdft_align al)
{
	double h;

	if (!t)
		return 0;
	h = para(r, pg, t->hi, st, size_hi, col, x, top, w, al);
	return h + para(r, pg, t->en, st, size_en, col, x, top - h, w, al);
}

/*
 * Join two strings with sep between them if both are non-empty, e.g.
 * "हिन्दी / English" for one-line bilingual labels.  Caller frees.
 */
static char *label_join(const char *hi, const char *sep, const char *en)
{
	size_t a = empty(hi) ? 0 : strlen(hi), b = empty(en) ? 0 : strlen(en);
	size_t n = a + b + strlen(sep) + 1;
	char *s = cp_xcalloc(n, 1);

	snprintf(s, n, "%s%s%s", a ? hi : "", a && b ? sep : "", b ? en : "");
	return s;
}

/* ---- frame, seal ------------------------------------------------------ */

static void frame(HPDF_Page pg)
{
	stroke_col(pg, &C_NAVY, 2.2);
	HPDF_Page_Rectangle(pg, OUTER, OUTER, PAGE_W - 2 * OUTER,
			    PAGE_H - 2 * OUTER);
	HPDF_Page_Stroke(pg);
	stroke_col(pg, &C_NAVY, 0.7);
	HPDF_Page_Rectangle(pg, INNER, INNER, PAGE_W - 2 * INNER,
			    PAGE_H - 2 * INNER);
	HPDF_Page_Stroke(pg);
}

/*
 * A round seal placeholder (not the national emblem): double ring, a ring
 * of dots and an eight-pointed star.
 */
static void seal(HPDF_Page pg, double cx, double cy, double rad)
{
	stroke_col(pg, &C_NAVY, 1.4);
	HPDF_Page_Circle(pg, (HPDF_REAL)cx, (HPDF_REAL)cy, (HPDF_REAL)rad);
	HPDF_Page_Stroke(pg);
	stroke_col(pg, &C_NAVY, 0.5);
	HPDF_Page_Circle(pg, (HPDF_REAL)cx, (HPDF_REAL)cy,
			 (HPDF_REAL)(rad - 3.2));
	HPDF_Page_Circle(pg, (HPDF_REAL)cx, (HPDF_REAL)cy,
			 (HPDF_REAL)(rad * 0.62));
	HPDF_Page_Stroke(pg);
	/* a ring of 30 dots: a dashed circle with round caps, drawn in a
	   unit where the circumference is exactly 30 * 100 */
	double s = 2 * M_PI * rad * 0.81 / 3000, lw = 1.9 / s;
	HPDF_UINT16 dash[2] = { 1, 99 };
	HPDF_Page_GSave(pg);
	HPDF_Page_Concat(pg, (HPDF_REAL)s, 0, 0, (HPDF_REAL)s, (HPDF_REAL)cx,
			 (HPDF_REAL)cy);
	stroke_col(pg, &C_NAVY, lw);
	HPDF_Page_SetLineCap(pg, HPDF_ROUND_END);
	HPDF_Page_SetDash(pg, dash, 2, 0);
	HPDF_Page_Circle(pg, 0, 0, (HPDF_REAL)(rad * 0.81 / s));
	HPDF_Page_Stroke(pg);
	HPDF_Page_GRestore(pg);
	fill(pg, &C_NAVY);
	for (int i = 0; i < 16; i++) {
		double a = M_PI / 2 + M_PI * i / 8;
		double rr = (i % 2 ? 0.22 : 0.5) * rad;
		HPDF_REAL px = (HPDF_REAL)(cx + rr * cos(a));
		HPDF_REAL py = (HPDF_REAL)(cy + rr * sin(a));
		if (i == 0)
			HPDF_Page_MoveTo(pg, px, py);
		else
			HPDF_Page_LineTo(pg, px, py);
	}
	HPDF_Page_ClosePathFillStroke(pg);
}

/* ---- header ----------------------------------------------------------- */

/* Reference grid: two cells per row, label over value. */
static double ref_grid(struct rctx *r, HPDF_Page pg, double top)
{
	const struct spec *sp = r->sp;
	double y = top;

	for (size_t i = 0; i < sp->n_refs; i += 2) {
		bool two = i + 1 < sp->n_refs;	/* a lone last cell spans */
		double cw = two ? CONTENT_W / 2 : CONTENT_W, h = 0;
		for (size_t k = i; k < i + (two ? 2 : 1); k++) {
			const struct cert_fact *f = &sp->refs[k];
			double x = MARGIN + (double)(k - i) * cw + PAD_X;
			char *lab = label_join(f->label_hi, " / ", f->label_en);
			double hh = para(r, pg, lab, PDFT_REGULAR, 8, &C_GREY, x,
					 y - PAD_Y, cw - 2 * PAD_X, PDFT_LEFT);
			hh += para(r, pg, f->value, PDFT_BOLD, 10.5, &C_TEXT, x,
				   y - PAD_Y - hh, cw - 2 * PAD_X, PDFT_LEFT);
			free(lab);
			if (hh > h)
				h = hh;
		}
		h += 2 * PAD_Y;
		if (pg) {
			stroke_col(pg, &C_RULE, 0.5);
			HPDF_Page_Rectangle(pg, MARGIN, (HPDF_REAL)(y - h),
					    (HPDF_REAL)CONTENT_W, (HPDF_REAL)h);
			if (two) {
				HPDF_Page_MoveTo(pg, (HPDF_REAL)(MARGIN + cw),
						 (HPDF_REAL)y);
				HPDF_Page_LineTo(pg, (HPDF_REAL)(MARGIN + cw),
						 (HPDF_REAL)(y - h));
			}
			HPDF_Page_Stroke(pg);
		}
		y -= h;
	}
	return top - y;
}

/* First-page header; returns the y below it. */
static double header(struct rctx *r, HPDF_Page pg, double top)
{
	const struct spec *sp = r->sp;
	double seal_r = 31, side = 2 * seal_r + 18;
	double x = MARGIN + side, w = CONTENT_W - 2 * side, y = top;

	if (pg)
		seal(pg, MARGIN + seal_r + 4, top - seal_r - 2, seal_r);
	y -= bilingual(r, pg, sp->state, PDFT_BOLD, 15, 12.5, &C_NAVY, x, y, w,
		       PDFT_CENTER);
	y -= 2;
	y -= bilingual(r, pg, sp->department, PDFT_REGULAR, 10.5, 10, &C_TEXT,
		       x, y, w, PDFT_CENTER);
	y -= bilingual(r, pg, sp->office, PDFT_REGULAR, 10, 9.5, &C_TEXT, x, y,
		       w, PDFT_CENTER);
	if (y > top - 2 * seal_r - 6)
		y = top - 2 * seal_r - 6;
	y -= 5;
	if (pg) {
		stroke_col(pg, &C_NAVY, 1.2);
		hline(pg, MARGIN, PAGE_W - MARGIN, y);
		stroke_col(pg, &C_NAVY, 0.4);
		hline(pg, MARGIN, PAGE_W - MARGIN, y - 2.2);
	}
	y -= 8;
	y -= bilingual(r, pg, sp->title, PDFT_BOLD, 17, 13.5, &C_NAVY, MARGIN,
		       y, CONTENT_W, PDFT_CENTER);
	y -= 6;
	y -= ref_grid(r, pg, y);
	if (sp->statement) {
		y -= 5;
		y -= bilingual(r, pg, sp->statement, PDFT_REGULAR, 9.5, 9,
			       &C_TEXT, MARGIN, y, CONTENT_W, PDFT_LEFT);
	}
	return y - 6;
}

/* Header of continuation pages: title and number on one line each. */
static double cont_header(struct rctx *r, HPDF_Page pg, double top)
{
	const struct spec *sp = r->sp;
	char *t = label_join(sp->title->hi, " / ", sp->title->en);
	char *n = label_join(sp->no_label, " ", sp->no);
	double y = top;

	y -= para(r, pg, t, PDFT_BOLD, 12, &C_NAVY, MARGIN, y, CONTENT_W,
		  PDFT_CENTER);
	y -= para(r, pg, n, PDFT_REGULAR, 9, &C_TEXT, MARGIN, y, CONTENT_W,
		  PDFT_CENTER);
	free(t);
	free(n);
	y -= 4;
	if (pg) {
		stroke_col(pg, &C_NAVY, 0.8);
		hline(pg, MARGIN, PAGE_W - MARGIN, y);
	}
	return y - 8;
}

/* ---- footer ----------------------------------------------------------- */

/* Page-number line and the bottom note; returns their height. */
static double bottom_lines(struct rctx *r, HPDF_Page pg, int page)
{
	double y = INNER + 6, h = 0;
	char num[96];

	/* the page-number line is reserved even on a single page, so the
	   geometry does not depend on the page count */
	snprintf(num, sizeof num, "पृष्ठ %d / %d  ·  Page %d of %d",
		 page + 1, r->npages, page + 1, r->npages);
	h += lead(7.5);
	if (r->npages > 1)
		para(r, pg, num, PDFT_REGULAR, 7.5, &C_GREY, MARGIN, y + h,
		     CONTENT_W, PDFT_RIGHT);
	if (!empty(r->sp->note)) {
		double nh = para(r, NULL, r->sp->note, PDFT_REGULAR, 7.5,
				 &C_GREY, MARGIN, 0, CONTENT_W, PDFT_CENTER);
		para(r, pg, r->sp->note, PDFT_REGULAR, 7.5, &C_GREY, MARGIN,
		     y + h + nh, CONTENT_W, PDFT_CENTER);
		h += nh;
	}
	return h + 6;
}

/*
 * Footer of the last page: QR with caption on the left, the right-hand
 * block (signature) on the right, bottom-aligned above the note.
 * Returns the y of its top edge.
 */
static double footer(struct rctx *r, HPDF_Page pg, int page)
{
	const struct spec *sp = r->sp;
	double base = INNER + 6 + bottom_lines(r, pg, page);
	double qs = qr_side(&r->qr, r->qr_mod);
	double rw = CONTENT_W * 0.45, capw = CONTENT_W - rw - 12;
	double rx = PAGE_W - MARGIN - rw;
	double ch, rh = 0, lh, top;

	/* left: caption lines under the QR, quiet zone flush with MARGIN */
	ch = para(r, NULL, sp->qr_caption, PDFT_REGULAR, 8, &C_TEXT, 0, 0,
		  capw, PDFT_LEFT) +
	     para(r, NULL, sp->qr_line, PDFT_REGULAR, 7.5, &C_TEXT, 0, 0, capw,
		  PDFT_LEFT);
	lh = qs + ch;
	for (int i = 0; i < MAX_FLINES; i++)	/* empty lines take no room */
		rh += para(r, NULL, sp->right[i].text, sp->right[i].st,
			   sp->right[i].size, sp->right[i].col, 0, 0, rw,
			   PDFT_CENTER);
	rh += sp->sign_rule ? SIGN_ROOM : 0;
	top = base + (lh > rh ? lh : rh);
	if (!pg)
		return top;
	if (qr_draw(pg, &r->qr, MARGIN - QR_QUIET * r->qr_mod + 2,
		    base + ch, r->qr_mod) < 0)
		r->failed = true;
	double y = base + ch;
	y -= para(r, pg, sp->qr_caption, PDFT_REGULAR, 8, &C_TEXT, MARGIN, y,
		  capw, PDFT_LEFT);
	para(r, pg, sp->qr_line, PDFT_REGULAR, 7.5, &C_TEXT, MARGIN, y, capw,
	     PDFT_LEFT);
	y = base + rh;
	if (sp->sign_rule) {
		y -= SIGN_ROOM - 3;
		stroke_col(pg, &C_GREY, 0.5);
		hline(pg, rx + 20, rx + rw - 20, y);
		y -= 3;
	}
	for (int i = 0; i < MAX_FLINES; i++)
		y -= para(r, pg, sp->right[i].text, sp->right[i].st,
			  sp->right[i].size, sp->right[i].col, rx, y, rw,
			  PDFT_CENTER);
	return top;
}

/* ---- the facts table -------------------------------------------------- */

/*
 * Layouts tried in order until the table fits the first page: labels
 * stacked (Hindi over smaller English) at falling sizes, then labels on
 * one line ("हिन्दी / English") down to the floor.  The last one is used
 * for pagination when nothing fits.
 */
static const struct fit {
	bool inline_label;
	double fs;			/* value size; labels follow */
} fits[] = {
	{ false, FACT_SIZE_MAX }, { false, 10 }, { false, 9.5 },
	{ false, FACT_SIZE_STACKED },
	{ true, 10 }, { true, 9.5 }, { true, 9 }, { true, 8.5 },
	{ true, FACT_SIZE_MIN },
};

static double label_w(void)
{
	return CONTENT_W * LABEL_COL - 2 * PAD_X;
}

static double value_w(void)
{
	return CONTENT_W * (1 - LABEL_COL) - 2 * PAD_X;
}

/* Label sizes follow the value size. */
static double hi_size(double fs) { return fs - 0.5; }
static double en_size(double fs) { return fs - 1.5; }

/* The text of the first label part: the Hindi label, or both inline. */
static const char *label_text(const struct row *rw)
{
	return rw->inl ? rw->inl : empty(rw->f->label_hi) ? "" : rw->f->label_hi;
}

/* Wrap every row for layout ft; returns the table's total height. */
static double wrap_rows(struct rctx *r, const struct fit *ft)
{
	double fs = ft->fs, total = 0;

	r->fs = fs;
	for (size_t i = 0; i < r->sp->n_facts; i++) {
		struct row *rw = &r->rows[i];
		rw->f = &r->sp->facts[i];
		free(rw->inl);
		rw->inl = ft->inline_label ? label_join(rw->f->label_hi,
							" / ", rw->f->label_en) : NULL;
		pdft_wrap(r->t, PDFT_REGULAR, hi_size(fs), label_text(rw),
			  label_w(), &rw->hi);
		pdft_wrap(r->t, PDFT_REGULAR, en_size(fs),
			  rw->inl || empty(rw->f->label_en) ? "" : rw->f->label_en,
			  label_w(), &rw->en);
		pdft_wrap(r->t, PDFT_BOLD, fs,
			  empty(rw->f->value) ? "" : rw->f->value, value_w(),
			  &rw->val);
		rw->label_h = (double)rw->hi.n * lead(hi_size(fs)) +
			      (double)rw->en.n * lead(en_size(fs));
		double vh = (double)(rw->val.n ? rw->val.n : 1) * lead(fs);
		total += 2 * PAD_Y + (rw->label_h > vh ? rw->label_h : vh);
	}
	return total;
}

static double piece_h(const struct rctx *r, const struct row *rw, bool label,
		      size_t vn)
{
	double vh = (double)(vn ? vn : 1) * lead(r->fs);
	double lh = label ? rw->label_h : 0;
	return 2 * PAD_Y + (lh > vh ? lh : vh);
}

static void add_piece(struct rctx *r, struct piece p)
{
	if (r->npc == r->cappc) {
		r->cappc = r->cappc ? 2 * r->cappc : 16;
		r->pc = cp_xrealloc(r->pc, r->cappc * sizeof *r->pc);
	}
	r->pc[r->npc++] = p;
}

/* Table geometry: where the table may run on each page. */
struct frame_geo {
	double top1, topn;	/* top on the first / later pages */
	double b_other;		/* bottom on pages without the footer */
	double b_last;		/* bottom on the page with the footer */
	int last_from;		/* pages >= this one use b_last */
};

/*
 * Place the rows on pages.  A row that does not fit moves to the next
 * page; a row taller than a whole page is split between value lines.
 * Sets r->pc, r->npc and r->npages.
 */
static void paginate(struct rctx *r, const struct frame_geo *g)
{
	int page = 0;
	double y = g->top1;

	r->npc = 0;
	for (size_t i = 0; i < r->sp->n_facts; i++) {
		struct row *rw = &r->rows[i];
		size_t nv = rw->val.n ? rw->val.n : 1, v0 = 0;
		bool label = true;
		while (v0 < nv || label) {
			size_t vn = nv - v0;
			double page_top = page ? g->topn : g->top1;
			double bottom = page >= g->last_from ? g->b_last
							     : g->b_other;
			if (y - piece_h(r, rw, label, vn) < bottom) {
				/* how many value lines fit here? */
				size_t k = 0;
				while (k < vn && y - piece_h(r, rw, label, k + 1)
						 >= bottom)
					k++;
				bool fits_empty = g->topn -
					piece_h(r, rw, label, vn) >= g->b_last;
				if (k < 2 || fits_empty) {
					if (y < page_top) {	/* page not empty */
						page++;
						y = g->topn;
						continue;
					}
					if (!k)
						k = 1;	/* cannot do better */
				}
				vn = k;
			}
			double h = piece_h(r, rw, label, vn);
			add_piece(r, (struct piece){ .row = i, .v0 = v0,
				.vn = vn, .label = label, .page = page,
				.top = y, .h = h });
			y -= h;
			v0 += vn;
			label = false;
		}
	}
	r->npages = page + 1;
}

static void draw_piece(struct rctx *r, HPDF_Page pg, const struct piece *p)
{
	const struct row *rw = &r->rows[p->row];
	double lw = CONTENT_W * LABEL_COL, bot = p->top - p->h;
	double fs = r->fs, y = p->top - PAD_Y;

	fill(pg, &C_TINT);
	HPDF_Page_Rectangle(pg, MARGIN, (HPDF_REAL)bot, (HPDF_REAL)lw,
			    (HPDF_REAL)p->h);
	HPDF_Page_Fill(pg);
	stroke_col(pg, &C_RULE, 0.5);
	HPDF_Page_Rectangle(pg, MARGIN, (HPDF_REAL)bot, (HPDF_REAL)CONTENT_W,
			    (HPDF_REAL)p->h);
	HPDF_Page_MoveTo(pg, (HPDF_REAL)(MARGIN + lw), (HPDF_REAL)bot);
	HPDF_Page_LineTo(pg, (HPDF_REAL)(MARGIN + lw), (HPDF_REAL)p->top);
	HPDF_Page_Stroke(pg);
	if (!p->label) {
		para(r, pg, "(जारी / contd.)", PDFT_REGULAR, en_size(fs), &C_GREY,
		     MARGIN + PAD_X, y, label_w(), PDFT_LEFT);
	} else {
		y -= draw_lines(r, pg, label_text(rw), rw->hi.v, rw->hi.n,
				PDFT_REGULAR, hi_size(fs), &C_TEXT,
				MARGIN + PAD_X, y, label_w(), PDFT_LEFT);
		draw_lines(r, pg, rw->f->label_en, rw->en.v, rw->en.n,
			   PDFT_REGULAR, en_size(fs), &C_GREY, MARGIN + PAD_X, y,
			   label_w(), PDFT_LEFT);
	}
	draw_lines(r, pg, rw->f->value, rw->val.v + p->v0,
		   rw->val.n ? p->vn : 0, PDFT_BOLD, fs, &C_TEXT,
		   MARGIN + lw + PAD_X, p->top - PAD_Y, value_w(), PDFT_LEFT);
}

/* ---- document --------------------------------------------------------- */

static void set_info(struct rctx *r)
{
	struct tm tm;
	HPDF_Date dt = { 0 };
	const char *t = r->sp->title->en;
	bool ascii = !empty(t);

	gmtime_r(&r->sp->at, &tm);
	dt.year = tm.tm_year + 1900;
	dt.month = tm.tm_mon + 1;
	dt.day = tm.tm_mday;
	dt.hour = tm.tm_hour;
	dt.minutes = tm.tm_min;
	dt.seconds = tm.tm_sec;
	dt.ind = 'Z';
	HPDF_SetInfoDateAttr(r->pdf, HPDF_INFO_CREATION_DATE, dt);
	HPDF_SetInfoDateAttr(r->pdf, HPDF_INFO_MOD_DATE, dt);
	HPDF_SetInfoAttr(r->pdf, HPDF_INFO_CREATOR, "GramSewa");
	for (const char *p = t; ascii && *p; p++)
		ascii = (unsigned char)*p >= 0x20 && (unsigned char)*p < 0x7F;
	if (ascii)
		HPDF_SetInfoAttr(r->pdf, HPDF_INFO_TITLE, t);
}

/*
 * Pick the table layout and paginate.  The first fitting entry of fits[]
 * wins; if none fits one page, the last is paginated.  Only the last page
 * carries the footer, so pages before it may run lower: try the footer on
 * page 0, 1, ... until the rows end on that page; if they end earlier
 * (the extra room sufficed) and too low for the footer, the footer gets
 * a page of its own.
 */
static void plan(struct rctx *r)
{
	double top = PAGE_H - INNER - 10;
	struct frame_geo g = {
		.top1 = header(r, NULL, top) - 2,
		.topn = cont_header(r, NULL, top) - 2,
		.b_other = INNER + 6 + bottom_lines(r, NULL, 0) + 16,
		.b_last = footer(r, NULL, 0) + 10,
	};
	size_t i = 0, nfits = sizeof fits / sizeof fits[0];

	while (i + 1 < nfits && wrap_rows(r, &fits[i]) > g.top1 - g.b_last)
		i++;
	if (i + 1 == nfits)
		wrap_rows(r, &fits[i]);
	for (g.last_from = 0;; g.last_from++) {
		paginate(r, &g);
		if (r->npages - 1 > g.last_from)
			continue;
		if (r->npages - 1 < g.last_from && r->npc &&
		    r->pc[r->npc - 1].top - r->pc[r->npc - 1].h < g.b_last)
			r->npages++;
		break;
	}
}

/* "Continued" mark at the bottom of a non-final page. */
static void continued(struct rctx *r, HPDF_Page pg, double y)
{
	para(r, pg, "क्रमशः अगले पृष्ठ पर  ·  Continued on next page",
	     PDFT_REGULAR, 8, &C_GREY, MARGIN, y, CONTENT_W, PDFT_RIGHT);
}

/* A new document for r (its spec's title and date in the PDF's info);
 * *out and *len cleared.  0 or -1. */
static int doc_open(struct rctx *r, unsigned char **out, size_t *len)
{
	*out = NULL;
	*len = 0;
	r->pdf = HPDF_New(on_hpdf_error, r);
	if (!r->pdf)
		return -1;
	HPDF_SetCompressionMode(r->pdf, HPDF_COMP_ALL);
	if (!(r->t = pdft_doc_new(r->pdf, NULL)))
		return -1;
	set_info(r);
	return 0;
}

/* The drawn document into a malloc'd buffer (*out, *len).  0 or -1. */
static int doc_save(struct rctx *r, unsigned char **out, size_t *len)
{
	HPDF_UINT32 sz = 0;
	if (pdft_doc_finish(r->t) < 0 || r->failed || r->herr || HPDF_SaveToStream(r->pdf) != HPDF_OK)
		return -1;
	sz = HPDF_GetStreamSize(r->pdf);
	*out = cp_xrealloc(NULL, sz);
	if (HPDF_ReadFromStream(r->pdf, *out, &sz) != HPDF_OK || r->herr) {
		free(*out);
		*out = NULL;
		return -1;
	}
	*len = sz;
	return 0;
}

/* Frees what doc_open made (and para's scratch lines). */
static void doc_free(struct rctx *r)
{
	pdft_lines_free(&r->ln);
	pdft_doc_free(r->t);
	if (r->pdf)
		HPDF_Free(r->pdf);
}

/*
 * Lay out and render spec sp into a malloc'd PDF (*out, *len).
 * Returns 0 or -1.
 */
static int render(const struct spec *sp, unsigned char **out, size_t *len)
{
	struct rctx r = { .sp = sp };
	int rc = -1;

	if (doc_open(&r, out, len) != 0)
		goto fail;
	if (empty(sp->qr_payload) ||
	    qr_encode(sp->qr_payload, strlen(sp->qr_payload), &r.qr) < 0) {
		fputs("cert_pdf: QR payload empty or too long\n", stderr);
		goto fail;
	}
	r.qr_mod = QR_MAX_SIDE / (r.qr.width + 2 * QR_QUIET);
	r.qr_mod = r.qr_mod > 2.0 ? 2.0 : r.qr_mod < 1.5 ? 1.5 : r.qr_mod;
	r.rows = cp_xcalloc(sp->n_facts, sizeof *r.rows);
	plan(&r);

	size_t k = 0;
	for (int p = 0; p < r.npages; p++) {
		HPDF_Page pg = HPDF_AddPage(r.pdf);
		double top = PAGE_H - INNER - 10, low = PAGE_H;
		if (!pg)
			goto fail;
		HPDF_Page_SetSize(pg, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
		frame(pg);
		if (p == 0)
			header(&r, pg, top);
		else
			cont_header(&r, pg, top);
		for (; k < r.npc && r.pc[k].page == p; k++) {
			draw_piece(&r, pg, &r.pc[k]);
			low = r.pc[k].top - r.pc[k].h;
		}
		if (p == r.npages - 1) {
			footer(&r, pg, p);
		} else {
			bottom_lines(&r, pg, p);
			continued(&r, pg, low - 3);
		}
	}
	rc = doc_save(&r, out, len);
fail:
	for (size_t i = 0; r.rows && i < sp->n_facts; i++) {
		pdft_lines_free(&r.rows[i].hi);
		pdft_lines_free(&r.rows[i].en);
		pdft_lines_free(&r.rows[i].val);
		free(r.rows[i].inl);
	}
	free(r.rows);
	free(r.pc);
	qr_free(&r.qr);
	doc_free(&r);
	return rc;
}

int cert_pdf_render(const struct cert_layout *c, unsigned char **out,
		    size_t *len)
{
	bool st = c->statement.en || c->statement.hi;
	struct spec sp = {
		.state = &c->state, .department = &c->department,
		.office = &c->office, .title = &c->title,
		.statement = st ? &c->statement : NULL,
		.refs = {
			{ "Certificate No.", "प्रमाण पत्र संख्या", c->cert_no },
			{ "Date of Issue", "निर्गत तिथि", c->issue_date },
			{ c->ref.en ? c->ref.en : "Application No.", c->ref.hi ? c->ref.hi : "आवेदन संख्या", c->app_no },
			{ "Valid Until", "वैधता",
			  empty(c->valid_until) ? "आजीवन / No expiry"
						: c->valid_until },
		},
		.n_refs = 4,
		.facts = c->facts, .n_facts = c->n_facts,
		.no_label = "प्रमाण पत्र संख्या / Certificate No.:",
		.no = c->cert_no,
		.qr_payload = c->verify_url,
		.qr_caption = "सत्यापन हेतु स्कैन करें / Scan to verify",
		.qr_line = c->verify_line,
		.right = {
			{ "डिजिटल हस्ताक्षरित / Digitally signed", PDFT_REGULAR,
			  8, &C_GREY },
			{ c->officer_name, PDFT_BOLD, 11, &C_TEXT },
			{ c->officer_designation, PDFT_REGULAR, 9.5, &C_TEXT },
			{ c->office.en, PDFT_REGULAR, 8.5, &C_GREY },
		},
		.sign_rule = true,
		.note = "यह डिजिटल हस्ताक्षरित इलेक्ट्रॉनिक प्रमाण पत्र है; "
			"भौतिक हस्ताक्षर आवश्यक नहीं।  This is a digitally "
			"signed electronic certificate; no physical signature "
			"is required.",
		.at = c->issued_at,
	};
	return render(&sp, out, len);
}

int cert_pdf_render_ack(const struct ack_layout *a, unsigned char **out,
			size_t *len)
{
	struct spec sp = {
		.state = &a->state, .department = &a->department,
		.office = &a->office, .title = &a->title,
		.refs = {
			{ "Application No.", "आवेदन संख्या", a->app_no },
			{ "Date of Application", "आवेदन तिथि", a->filed_date },
			{ "Service Due By", "सेवा प्रदान करने की नियत तिथि",
			  a->due_date },
		},
		.n_refs = 3,
		.facts = a->facts, .n_facts = a->n_facts,
		.no_label = "आवेदन संख्या / Application No.:",
		.no = a->app_no,
		.qr_payload = a->track_url,
		.qr_caption = "स्थिति जानने हेतु स्कैन करें / Scan to track",
		.qr_line = a->track_line,
		.right = {
			{ "यह कंप्यूटर जनित पावती है, हस्ताक्षर आवश्यक नहीं।",
			  PDFT_REGULAR, 8.5, &C_GREY },
			{ "This is a computer-generated acknowledgement; no "
			  "signature is required.", PDFT_REGULAR, 8.5, &C_GREY },
		},
		.note = "कृपया आवेदन संख्या सुरक्षित रखें।  Please keep the "
			"application number for tracking.",
		.at = a->filed_at,
	};
	return render(&sp, out, len);
}

int cert_pdf_render_doc(const struct doc_layout *d, unsigned char **out,
			size_t *len)
{
	struct spec sp = {
		.state = &d->state, .department = &d->department,
		.office = &d->office, .title = &d->title,
		.n_refs = d->n_refs > MAX_REFS ? MAX_REFS : d->n_refs,
		.facts = d->facts, .n_facts = d->n_facts,
		.no_label = d->no_label,
		.no = d->no,
		.qr_payload = d->qr_payload,
		.qr_caption = d->qr_caption,
		.qr_line = d->qr_line,
		.right = {
			{ d->foot.hi, PDFT_REGULAR, 8.5, &C_GREY },
			{ d->foot.en, PDFT_REGULAR, 8.5, &C_GREY },
		},
		.note = d->note,
		.at = d->at,
	};
	for (size_t i = 0; i < sp.n_refs; i++)
		sp.refs[i] = d->refs[i];
	return render(&sp, out, len);
}

/* ---- statements: a table of entries ------------------------------------ */

/* Columns of a statement: date, particulars, debit, credit, balance. */
#define STMT_COLS 5
static const double stmt_w[STMT_COLS] = { 0.17, 0.38, 0.15, 0.15, 0.15 };
#define STMT_SIZE 8.5

/* One table row of cells (NULL or "" leaves a cell empty), bold for the
 * head and the balances; drawn when pg is not NULL.  Returns its height. */
static double stmt_row(struct rctx *r, HPDF_Page pg, const char *const *cell, bool bold, double top)
{
	double h = 0, x = MARGIN;
	for (int c = 0; c < STMT_COLS; c++) {
		double w = CONTENT_W * stmt_w[c] - 2 * PAD_X;
		double ch = para(r, NULL, cell[c], bold ? PDFT_BOLD : PDFT_REGULAR, STMT_SIZE, &C_TEXT, 0, 0, w, PDFT_LEFT);
		if (ch > h)
			h = ch;
	}
	h += 2 * PAD_Y;
	if (h < lead(STMT_SIZE) + 2 * PAD_Y)
		h = lead(STMT_SIZE) + 2 * PAD_Y;
	if (!pg)
		return h;
	if (bold) {
		fill(pg, &C_TINT);
		HPDF_Page_Rectangle(pg, MARGIN, (HPDF_REAL)(top - h), (HPDF_REAL)CONTENT_W, (HPDF_REAL)h);
		HPDF_Page_Fill(pg);
	}
	stroke_col(pg, &C_RULE, 0.5);
	HPDF_Page_Rectangle(pg, MARGIN, (HPDF_REAL)(top - h), (HPDF_REAL)CONTENT_W, (HPDF_REAL)h);
	HPDF_Page_Stroke(pg);
	for (int c = 0; c < STMT_COLS; c++) {
		double w = CONTENT_W * stmt_w[c];
		/* amounts line up on the right, as in a passbook */
		para(r, pg, cell[c], bold ? PDFT_BOLD : PDFT_REGULAR, STMT_SIZE, &C_TEXT, x + PAD_X, top - PAD_Y,
		     w - 2 * PAD_X, c >= 2 ? PDFT_RIGHT : PDFT_LEFT);
		if (c) {
			stroke_col(pg, &C_RULE, 0.5);
			HPDF_Page_MoveTo(pg, (HPDF_REAL)x, (HPDF_REAL)top);
			HPDF_Page_LineTo(pg, (HPDF_REAL)x, (HPDF_REAL)(top - h));
			HPDF_Page_Stroke(pg);
		}
		x += w;
	}
	return h;
}

/* The cells of statement row i: the head (i == -1), an entry, or the
 * opening (i == -2) and closing (i == n) balances. */
static void stmt_cells(const struct statement_layout *s, long i, const char **cell)
{
	static const char *const head[STMT_COLS] = { "तिथि / Date", "विवरण / Particulars", "नामे / Debit",
						     "जमा / Credit", "शेष / Balance" };
	memset(cell, 0, STMT_COLS * sizeof *cell);
	if (i == -1) {
		memcpy(cell, head, sizeof head);
	} else if (i == -2 || i == (long)s->n_rows) {
		cell[1] = i == -2 ? "प्रारंभिक शेष / Opening balance" : "अंतिम शेष / Closing balance";
		cell[4] = i == -2 ? s->opening : s->closing;
	} else {
		const struct stmt_row *e = &s->rows[i];
		cell[0] = e->when;
		cell[1] = e->what;
		cell[2] = e->debit;
		cell[3] = e->credit;
		cell[4] = e->balance;
	}
}

/*
 * Place (pg NULL: count) the statement's pages: the header on the first,
 * the short header on the others, the column heads on each, then the rows
 * in order while they fit above the page number.  Returns the page count.
 */
static int stmt_pages(struct rctx *r, const struct statement_layout *s, bool draw)
{
	double top = PAGE_H - INNER - 10, bottom = INNER + 6 + bottom_lines(r, NULL, 0) + 12;
	int page = -1;
	double y = 0;
	HPDF_Page pg = NULL;
	const char *cell[STMT_COLS], *headc[STMT_COLS];
	double foot_h = bilingual(r, NULL, &s->foot, PDFT_REGULAR, 8.5, 8, &C_GREY, 0, 0, CONTENT_W, PDFT_LEFT);
	stmt_cells(s, -1, headc);
	for (long i = -2; i <= (long)s->n_rows; i++) {
		if (i == -1)	/* the column heads: on top of each page, below */
			continue;
		stmt_cells(s, i, cell);
		bool bal = i == -2 || i == (long)s->n_rows;
		double h = stmt_row(r, NULL, cell, bal, 0);
		/* the closing balance keeps the foot lines with it */
		double need = h + (i == (long)s->n_rows ? 8 + foot_h : 0);
		if (page < 0 || y - need < bottom) {
			if (pg) {
				bottom_lines(r, pg, page);
				continued(r, pg, y - 3);
			}
			page++;
			pg = draw ? HPDF_AddPage(r->pdf) : NULL;
			if (draw && !pg)
				return -1;
			if (pg) {
				HPDF_Page_SetSize(pg, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
				frame(pg);
			}
			y = page ? cont_header(r, pg, top) : header(r, pg, top);
			y -= stmt_row(r, pg, headc, true, y);
		}
		y -= stmt_row(r, pg, cell, bal, y);
	}
	if (pg) {
		y -= 8;
		y -= bilingual(r, pg, &s->foot, PDFT_REGULAR, 8.5, 8, &C_GREY, MARGIN, y, CONTENT_W, PDFT_LEFT);
		bottom_lines(r, pg, page);
	}
	return page + 1;
}

int cert_pdf_render_statement(const struct statement_layout *s, unsigned char **out, size_t *len)
{
	struct spec sp = {
		.state = &s->state, .department = &s->department,
		.office = &s->office, .title = &s->title,
		.n_refs = s->n_refs > MAX_REFS ? MAX_REFS : s->n_refs,
		.no_label = s->no_label, .no = s->no,
		.at = s->at,
	};
	for (size_t i = 0; i < sp.n_refs; i++)
		sp.refs[i] = s->refs[i];
	struct rctx r = { .sp = &sp };
	int rc = -1;
	if (doc_open(&r, out, len) != 0)
		goto fail;
	/* counted first: "Page 1 of N" is printed on every page */
	r.npages = stmt_pages(&r, s, false);
	if (r.npages > 0 && stmt_pages(&r, s, true) == r.npages)
		rc = doc_save(&r, out, len);
fail:
	doc_free(&r);
	return rc;
}
