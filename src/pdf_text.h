/*
 * pdf_text.h — shaped Hindi (Devanagari) and English text in libharu PDFs.
 *
 * libharu does no shaping: with its own TrueType support the ि matra lands
 * after its consonant and conjuncts fall apart.  This module shapes every run
 * with HarfBuzz, places glyphs by id through a Type0/CIDFontType2 font with
 * Identity-H encoding that it builds itself inside the libharu document, and
 * embeds a per-document subset of each font (hb_subset, glyph ids retained)
 * when pdft_doc_finish() is called.  Every drawn string is wrapped in an
 * /ActualText span, so text extraction returns exactly the input string; a
 * ToUnicode CMap serves copy-paste in viewers that ignore ActualText.
 *
 * Mixed strings ("Name / नाम") are split into script runs automatically:
 * Devanagari goes to the family's Devanagari font, everything else to its
 * Latin font; spaces, digits and punctuation stay with the surrounding run.
 *
 * Fonts (HarfBuzz blob/face/font) are loaded once per process and cached;
 * a worker is single-threaded, so the cache has no lock.  Per document only
 * the used glyph sets and the subsets are built.
 */
#ifndef GS_PDF_TEXT_H
#define GS_PDF_TEXT_H

#include <stddef.h>
#include <stdint.h>
#include <hpdf.h>

/* The four faces of a family: regular/bold for Devanagari and Latin. */
enum pdft_style {
	PDFT_REGULAR = 0,
	PDFT_BOLD = 1,
};

enum pdft_align {
	PDFT_LEFT = 0,
	PDFT_CENTER,
	PDFT_RIGHT,
};

/* Paths of the TrueType files of a family (glyf outlines, not CFF). */
struct pdft_family {
	const char *deva[2];	/* Devanagari font, indexed by enum pdft_style */
	const char *latn[2];	/* Latin font, indexed by enum pdft_style */
	double deva_scale;	/* Devanagari size / Latin size (0 = 1): Noto
				   Devanagari looks small next to Noto Serif */
};

/* Noto Serif Devanagari (drawn 10% larger) + Noto Serif (fonts-noto-core). */
extern const struct pdft_family pdft_family_default;

/* One line of wrapped text: a byte range of the caller's string. */
struct pdft_line {
	size_t off;		/* byte offset of the first character */
	size_t len;		/* bytes, trailing spaces excluded */
	double width;		/* points, at the size given to pdft_wrap */
};

/* Lines produced by pdft_wrap; reuse across calls, release with pdft_lines_free. */
struct pdft_lines {
	struct pdft_line *v;	/* owned array */
	size_t n;		/* lines in use */
	size_t cap;		/* lines allocated */
};

/*
 * Called for every single-font run written into a page: the run's text,
 * the font file it was shaped with and the glyph ids placed in the TJ
 * operator, in order.  For tests and the demo's --glyphs output.
 */
typedef void (*pdft_trace_fn)(void *ctx, const char *font_path,
			      const char *text, size_t len,
			      const uint32_t *gids, size_t n);

struct pdft_doc;

/*
 * Attach a text context to a libharu document, loading the family's fonts
 * into the process-wide cache on first use (family NULL = the default).
 * Returns NULL if a font file cannot be loaded (reason on stderr).
 * The caller owns the context: call pdft_doc_finish() before saving the
 * document and pdft_doc_free() before or after HPDF_Free().
 */
struct pdft_doc *pdft_doc_new(HPDF_Doc pdf, const struct pdft_family *family);

/*
 * Install a process-wide trace callback (NULL to remove).  It sees the
 * runs of every document, including those drawn inside cert_pdf.
 */
void pdft_set_trace(pdft_trace_fn fn, void *ctx);

/*
 * Build and attach the embedded font subsets, /W arrays and ToUnicode
 * CMaps of every font used so far.  Call exactly once, after the last
 * draw and before HPDF_SaveToStream/HPDF_SaveToFile.  Returns 0 or -1.
 */
int pdft_doc_finish(struct pdft_doc *d);

/* Free the context (not the HPDF document, whose objects libharu owns). */
void pdft_doc_free(struct pdft_doc *d);

/* Advance width in points of UTF-8 text s[0..len) at the given size. */
double pdft_width(struct pdft_doc *d, enum pdft_style st, double size,
		  const char *s, size_t len);

/*
 * Draw UTF-8 text s[0..len) with its baseline starting at (x, y) in the
 * page's current fill colour.  Returns the advance width in points, or a
 * negative value if libharu reports an error.
 */
double pdft_draw(struct pdft_doc *d, HPDF_Page page, enum pdft_style st,
		 double size, double x, double y, const char *s, size_t len);

/*
 * Draw NUL-terminated text aligned within [x, x + w] on baseline y.
 * Text wider than w is not wrapped (use pdft_draw_box).  Returns the
 * width drawn, or a negative value on error.
 */
double pdft_draw_aligned(struct pdft_doc *d, HPDF_Page page,
			 enum pdft_style st, double size, double x, double y,
			 double w, enum pdft_align align, const char *s);

/*
 * Break NUL-terminated text s into lines no wider than box_w points at
 * the given size: at spaces, after - / , when no space follows, at '\n';
 * a word wider than the box is broken between grapheme clusters.  An empty
 * string gives zero lines.  Lines point into s and are stored in out (its
 * previous contents are replaced; out must be zeroed before first use).
 * Returns the number of lines.
 */
size_t pdft_wrap(struct pdft_doc *d, enum pdft_style st, double size,
		 const char *s, double box_w, struct pdft_lines *out);

void pdft_lines_free(struct pdft_lines *l);

/*
 * Draw lines produced by pdft_wrap(s): the first baseline at y, each
 * following one `leading` points lower, aligned within [x, x + w].
 * Returns 0 or -1.
 */
int pdft_draw_lines(struct pdft_doc *d, HPDF_Page page, enum pdft_style st,
		    double size, double x, double y, double w, double leading,
		    enum pdft_align align, const char *s,
		    const struct pdft_line *lines, size_t n);

/*
 * Wrap s into the box of width w and draw it, first baseline at y.
 * Returns the number of lines drawn (0 for an empty string) or -1.
 */
int pdft_draw_box(struct pdft_doc *d, HPDF_Page page, enum pdft_style st,
		  double size, double x, double y, double w, double leading,
		  enum pdft_align align, const char *s);

/*
 * Append raw content-stream operators to a page, for callers that emit
 * many simple operators (QR modules).  The caller leaves no path or text
 * object open and keeps q/Q balanced.  Returns 0 or -1.
 */
int pdft_page_write(HPDF_Page page, const char *ops, size_t len);

/* Release the process-wide font and shaping caches (for leak checkers). */
void pdft_cache_free(void);

#endif
