/*
 * register_pdf.h — a register book drawn as a PDF: numbered pages, the
 * register's name in both languages, a row per entry (corrected ones
 * struck through), totals and balances, the closing line.  Everything it
 * prints comes in the struct; it reads no database and signs nothing.
 */
#ifndef GS_REGISTER_PDF_H
#define GS_REGISTER_PDF_H
#include <stdbool.h>
#include <stddef.h>

struct regpdf_row {
	const char *serial;	/* "12" */
	const char **cells;	/* one text per column */
	const char *state;	/* "Verified", "Corrected by 14" */
	bool struck;		/* a standing correction replaces it */
};

struct regpdf {
	const char *title_en, *title_hi;	/* the register's name */
	const char *subtitle;			/* "Gram panchayat Jamune · FY 2025-26 · book 7" */
	const char *page_label;			/* "Page" */
	const char *footer;			/* small print on every page */
	const char *serial_label, *state_label;	/* the first and last column heads */
	const char **labels;			/* column heads */
	size_t ncols;
	const struct regpdf_row *rows;
	size_t nrows;
	const char **sums;			/* lines after the table: totals, balances */
	size_t nsums;
	const char *closing;			/* "Closed by ... on ..." */
	bool a3, landscape;			/* the definition's print layout */
};

/* Renders the book into a malloc'd PDF (*out, *len; the caller frees).
 * Returns 0 or -1. */
int register_pdf_render(const struct regpdf *in, unsigned char **out, size_t *len);
#endif
