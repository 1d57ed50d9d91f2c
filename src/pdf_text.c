/*
 * pdf_text.c — shaped Hindi/English text in libharu documents.
 *
 * See pdf_text.h for the contract.  How it works:
 *  - itemize(): split a UTF-8 string into segments of one face each
 *    (Devanagari or Latin, regular or bold); a segment also ends after a
 *    space, so widths are additive across words and the width that
 *    pdft_wrap measures for a line is exactly what pdft_draw places.
 *  - shape(): HarfBuzz turns each segment into glyph ids, advances and
 *    offsets, in font units; shaped words are cached process-wide, since
 *    the same labels and names are measured, wrapped and drawn repeatedly.
 *  - emit_text(): writes "/Span <</ActualText ..>> BDC BT ... [<gid>..] TJ
 *    ET EMC" straight into the page's content stream (libharu's own stream
 *    object); TJ adjustments reproduce HarfBuzz's positions wherever they
 *    differ from the font's default advance, Ts handles vertical offsets.
 *  - pdft_doc_finish(): for each face used in the document, a Type0 font
 *    (Identity-H) over a CIDFontType2 with CIDToGIDMap /Identity, /W from
 *    the default advances, a ToUnicode CMap and a FontFile2 made with
 *    hb_subset_or_fail keeping glyph ids (so CID = original glyph id).
 *    The Type0 dict itself is created on first use, because pages refer
 *    to it while they are drawn.
 *
 * libharu's internal object API (HPDF_Dict_*, HPDF_Xref_Add, page attr
 * streams) is used only in this file.  Numbers are formatted by hand so
 * the output does not depend on LC_NUMERIC and is byte-for-byte stable.
 */
#include "pdf_text.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>

#include <hb.h>
#include <hb-ot.h>
#include <hb-subset.h>

const struct pdft_family pdft_family_default = {
	.deva = {
		"/usr/share/fonts/truetype/noto/NotoSerifDevanagari-Regular.ttf",
		"/usr/share/fonts/truetype/noto/NotoSerifDevanagari-Bold.ttf",
	},
	.latn = {
		"/usr/share/fonts/truetype/noto/NotoSerif-Regular.ttf",
		"/usr/share/fonts/truetype/noto/NotoSerif-Bold.ttf",
	},
	.deva_scale = 1.1,
};

enum { SC_NEUTRAL = -1, SC_LATN = 0, SC_DEVA = 1 };
#define NFACES 4			/* script * 2 + style */
#define FACE_IX(sc, st) ((sc) * 2 + (int)(st))
#define TU_MAX 16			/* UTF-16 units kept per ToUnicode entry */

/* A font loaded once per process. */
struct pdft_face {
	char *path;			/* file it came from; cache key */
	hb_blob_t *blob;		/* the whole file */
	hb_face_t *face;		/* shaping source */
	hb_face_t *lean;		/* subsetting source: no layout/hints */
	hb_font_t *font;		/* scale = upem: positions in font units */
	unsigned upem;			/* units per em */
	unsigned nglyphs;		/* glyph count (maxp) */
	char psname[64];		/* PostScript name, [A-Za-z0-9-] only */
	int bbox[4];			/* head xMin yMin xMax yMax, font units */
	int ascent, descent, cap;	/* font units */
	struct pdft_face *next;		/* cache list */
};

static struct pdft_face *face_cache;
static void shape_cache_clear(void);

/* One ToUnicode entry: glyph -> UTF-16 text. */
struct tu_ent {
	uint16_t gid;			/* glyph id (= CID) */
	uint16_t n;			/* UTF-16 units in u */
	uint16_t u[TU_MAX];		/* the text */
};

/* A face as used in one document. */
struct face_use {
	struct pdft_face *f;		/* cached font, not owned */
	HPDF_Dict type0;		/* Type0 font dict, NULL until first draw */
	char res[8];			/* resource name in page /Font dicts */
	double scale;			/* size multiplier (see pdft_family) */
	uint8_t *used;			/* bitmap of glyph ids drawn */
	uint8_t *mapped;		/* bitmap of glyph ids with a tu entry */
	struct tu_ent *tu;		/* ToUnicode entries, owned */
	size_t ntu, captu;		/* entries used / allocated */
};

/* A single-face piece of a string. */
struct seg {
	size_t off, len;		/* bytes of the caller's string */
	int face;			/* index into face_use */
	size_t g0, ng;			/* its glyphs in doc->g, after shaping */
};

/* A decoded code point while itemizing. */
struct cpinfo {
	size_t off;			/* byte offset in the string */
	uint32_t c;			/* code point */
	int8_t sc;			/* script, SC_* */
};

/* A shaped glyph, positions in font units of its face. */
struct sglyph {
	uint32_t gid;
	uint32_t cluster;		/* byte offset in the caller's string */
	int32_t adv, xoff, yoff;
};

struct pdft_doc {
	HPDF_Doc pdf;			/* not owned */
	struct face_use fu[NFACES];	/* by FACE_IX */
	hb_buffer_t *buf;		/* reused for every shaping call */
	struct cpinfo *cp;		/* scratch: code points of the string */
	size_t capcp;
	struct seg *seg;		/* scratch: segments of the current string */
	size_t nseg, capseg;
	struct sglyph *g;		/* scratch: glyphs of the current string */
	size_t ng, capg;
	char *ob;			/* scratch: content-stream operators */
	size_t nob, capob;
	double *pre;			/* scratch for wrap: prefix widths by byte */
	uint8_t *bound;			/* scratch for wrap: cluster starts */
	size_t cappre;
	struct shape_ent *uncached;	/* last shaped segment too long to cache */
	uint32_t *gids;			/* scratch: glyph ids of one segment */
	size_t capgids;
	struct pdft_lines lines;	/* scratch for pdft_draw_box */
	bool finished;			/* pdft_doc_finish ran */
};

/* ---- memory ---------------------------------------------------------- */

/* Allocation aborts on out-of-memory: the supervisor restarts the worker. */
static void *pdft_check(void *p)
{
	if (!p) {
		fputs("pdf_text: out of memory\n", stderr);
		abort();
	}
	return p;
}

static void *pdft_xrealloc(void *p, size_t n)
{
	return pdft_check(realloc(p, n ? n : 1));
}

static void *pdft_xcalloc(size_t n, size_t size)
{
	return pdft_check(calloc(n ? n : 1, size ? size : 1));
}

/* Make room for `more` elements of size `el` in a growable array. */
static void *grow(void *p, size_t *cap, size_t used, size_t more, size_t el)
{
	if (used + more <= *cap)
		return p;
	size_t n = *cap ? *cap : 16;
	while (n < used + more)
		n *= 2;
	*cap = n;
	return pdft_xrealloc(p, n * el);
}

/* ---- the process-wide font cache -------------------------------------- */

static int be16s(const char *p)
{
	return (int16_t)(((unsigned)(uint8_t)p[0] << 8) | (uint8_t)p[1]);
}

/*
 * Subset src keeping glyph ids: the glyphs whose bit is set in used (all
 * if used is NULL), without layout tables (shaping is done, the PDF only
 * draws glyphs by id) or hinting.  Returns the font program as a blob the
 * caller destroys, or NULL.
 */
static hb_blob_t *subset_blob(hb_face_t *src, const uint8_t *used,
			      unsigned nglyphs)
{
	static const hb_tag_t drop[] = {
		HB_TAG('G', 'S', 'U', 'B'), HB_TAG('G', 'P', 'O', 'S'),
		HB_TAG('G', 'D', 'E', 'F'), HB_TAG('B', 'A', 'S', 'E'),
		HB_TAG('J', 'S', 'T', 'F'), HB_TAG('M', 'A', 'T', 'H'),
		HB_TAG('D', 'S', 'I', 'G'), HB_TAG('k', 'e', 'r', 'n'),
		HB_TAG('m', 'e', 't', 'a'), HB_TAG('S', 'T', 'A', 'T'),
		HB_TAG('g', 'a', 's', 'p'),
		/* glyphs are addressed by id (CIDToGIDMap /Identity), so the
		   character map is dead weight, and subsetting scans it */
		HB_TAG('c', 'm', 'a', 'p'),
	};
	hb_subset_input_t *in = hb_subset_input_create_or_fail();
	hb_face_t *sub = NULL;
	hb_blob_t *blob = NULL;

	if (!in)
		goto fail;
	hb_set_t *gs = hb_subset_input_glyph_set(in);
	for (unsigned g = 0; g < nglyphs; g++)
		if (!used || (used[g >> 3] & (1u << (g & 7))))
			hb_set_add(gs, g);
	hb_set_t *dt = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
	for (size_t i = 0; i < sizeof drop / sizeof drop[0]; i++)
		hb_set_add(dt, drop[i]);
	hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_RETAIN_GIDS |
				      HB_SUBSET_FLAGS_NO_HINTING);
	sub = hb_subset_or_fail(src, in);
	if (!sub)
		goto fail;
	blob = hb_face_reference_blob(sub);
	if (!hb_blob_get_length(blob)) {
		hb_blob_destroy(blob);
		blob = NULL;
	}
fail:
	hb_face_destroy(sub);
	hb_subset_input_destroy(in);
	return blob;
}

static void face_free(struct pdft_face *f)
{
	if (!f)
		return;
	hb_font_destroy(f->font);
	hb_face_destroy(f->lean);
	hb_face_destroy(f->face);
	hb_blob_destroy(f->blob);
	free(f->path);
	free(f);
}

/*
 * Return the cached font for path, loading it on first use.  NULL if the
 * file cannot be read or has no TrueType outlines.  The cache owns it.
 */
static struct pdft_face *face_get(const char *path)
{
	struct pdft_face *f;
	hb_blob_t *head = NULL, *glyf = NULL;
	unsigned n;

	for (f = face_cache; f; f = f->next)
		if (!strcmp(f->path, path))
			return f;
	f = pdft_xcalloc(1, sizeof *f);
	f->path = pdft_check(strdup(path));
	f->blob = hb_blob_create_from_file_or_fail(path);
	if (!f->blob)
		goto fail;
	f->face = hb_face_create(f->blob, 0);
	f->upem = hb_face_get_upem(f->face);
	f->nglyphs = hb_face_get_glyph_count(f->face);
	glyf = hb_face_reference_table(f->face, HB_TAG('g', 'l', 'y', 'f'));
	head = hb_face_reference_table(f->face, HB_TAG('h', 'e', 'a', 'd'));
	if (!f->nglyphs || f->nglyphs > 65535 || !hb_blob_get_length(glyf) ||
	    hb_blob_get_length(head) < 54)
		goto fail;
	const char *h = hb_blob_get_data(head, NULL);
	for (int i = 0; i < 4; i++)
		f->bbox[i] = be16s(h + 36 + 2 * i);
	f->font = hb_font_create(f->face);
	hb_font_set_scale(f->font, (int)f->upem, (int)f->upem);
	/* per-document subsets are made from a copy already stripped of
	   what they drop anyway: several times faster */
	hb_blob_t *lb = subset_blob(f->face, NULL, f->nglyphs);
	if (!lb)
		goto fail;
	f->lean = hb_face_create(lb, 0);
	hb_blob_destroy(lb);
	hb_position_t v;
	hb_ot_metrics_get_position_with_fallback(f->font,
		HB_OT_METRICS_TAG_HORIZONTAL_ASCENDER, &v);
	f->ascent = v;
	hb_ot_metrics_get_position_with_fallback(f->font,
		HB_OT_METRICS_TAG_HORIZONTAL_DESCENDER, &v);
	f->descent = v;
	hb_ot_metrics_get_position_with_fallback(f->font,
		HB_OT_METRICS_TAG_CAP_HEIGHT, &v);
	f->cap = v;
	n = sizeof f->psname;
	char name[64];
	if (!hb_ot_name_get_utf8(f->face, HB_OT_NAME_ID_POSTSCRIPT_NAME,
				 HB_LANGUAGE_INVALID, &n, name))
		name[0] = '\0';
	size_t k = 0;
	for (const char *p = name; *p && k + 1 < sizeof f->psname; p++)
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || *p == '-')
			f->psname[k++] = *p;
	if (!k)
		strcpy(f->psname, "GramSewaFont");
	hb_blob_destroy(glyf);
	hb_blob_destroy(head);
	f->next = face_cache;
	face_cache = f;
	return f;
fail:
	fprintf(stderr, "pdf_text: cannot load TrueType font %s\n", path);
	hb_blob_destroy(glyf);
	hb_blob_destroy(head);
	face_free(f);
	return NULL;
}

void pdft_cache_free(void)
{
	shape_cache_clear();
	while (face_cache) {
		struct pdft_face *f = face_cache;
		face_cache = f->next;
		face_free(f);
	}
}

/* ---- document context ------------------------------------------------- */

struct pdft_doc *pdft_doc_new(HPDF_Doc pdf, const struct pdft_family *fam)
{
	struct pdft_doc *d = pdft_xcalloc(1, sizeof *d);

	if (!fam)
		fam = &pdft_family_default;
	d->pdf = pdf;
	/* /ActualText in marked content is PDF 1.5; libharu says 1.3 */
	if (pdf->pdf_version < HPDF_VER_15)
		pdf->pdf_version = HPDF_VER_15;
	for (int sc = SC_LATN; sc <= SC_DEVA; sc++) {
		for (int st = PDFT_REGULAR; st <= PDFT_BOLD; st++) {
			struct face_use *u = &d->fu[FACE_IX(sc, st)];
			u->f = face_get(sc == SC_DEVA ? fam->deva[st]
						      : fam->latn[st]);
			if (!u->f)
				goto fail;
			snprintf(u->res, sizeof u->res, "GSF%d", FACE_IX(sc, st));
			u->scale = sc == SC_DEVA && fam->deva_scale > 0
				   ? fam->deva_scale : 1.0;
			u->used = pdft_xcalloc(u->f->nglyphs / 8 + 1, 1);
			u->mapped = pdft_xcalloc(u->f->nglyphs / 8 + 1, 1);
		}
	}
	d->buf = hb_buffer_create();
	if (!hb_buffer_allocation_successful(d->buf))
		pdft_check(NULL);
	return d;
fail:
	pdft_doc_free(d);
	return NULL;
}

/* Debug hook for tests and the demo; a worker never sets it. */
static pdft_trace_fn trace_fn;
static void *trace_ctx;

void pdft_set_trace(pdft_trace_fn fn, void *ctx)
{
	trace_fn = fn;
	trace_ctx = ctx;
}

void pdft_doc_free(struct pdft_doc *d)
{
	if (!d)
		return;
	for (int i = 0; i < NFACES; i++) {
		free(d->fu[i].used);
		free(d->fu[i].mapped);
		free(d->fu[i].tu);
	}
	hb_buffer_destroy(d->buf);
	free(d->cp);
	free(d->seg);
	free(d->g);
	free(d->ob);
	free(d->pre);
	free(d->bound);
	free(d->gids);
	free(d->uncached);
	pdft_lines_free(&d->lines);
	free(d);
}

/* ---- UTF-8 and script runs -------------------------------------------- */

/* Decode one code point at s[*i], advancing *i; bad bytes give U+FFFD. */
static uint32_t utf8_next(const char *str, size_t len, size_t *i)
{
	const unsigned char *s = (const unsigned char *)str;
	uint32_t c = s[*i], min;
	size_t n;

	if (c < 0x80) {
		(*i)++;
		return c;
	}
	if ((c & 0xE0) == 0xC0) {
		n = 1; c &= 0x1F; min = 0x80;
	} else if ((c & 0xF0) == 0xE0) {
		n = 2; c &= 0x0F; min = 0x800;
	} else if ((c & 0xF8) == 0xF0) {
		n = 3; c &= 0x07; min = 0x10000;
	} else {
		goto bad;
	}
	for (size_t k = 1; k <= n; k++) {
		if (*i + k >= len || (s[*i + k] & 0xC0) != 0x80)
			goto bad;
		c = (c << 6) | (s[*i + k] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		goto bad;
	*i += n + 1;
	return c;
bad:
	(*i)++;
	return 0xFFFD;
}

/* Which font a code point belongs to; SC_NEUTRAL follows its neighbours. */
static int script_of(uint32_t c)
{
	if ((c >= 0x0900 && c <= 0x097F) || (c >= 0xA8E0 && c <= 0xA8FF) ||
	    (c >= 0x1CD0 && c <= 0x1CFF))
		return SC_DEVA;
	if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))
		return SC_LATN;
	if (c < 0xC0 || (c >= 0x0300 && c <= 0x036F) ||
	    (c >= 0x2000 && c <= 0x20CF) || c == 0x25CC || c == 0xFFFD)
		return SC_NEUTRAL;	/* punctuation, digits, marks, ZWJ, ₹ */
	return SC_LATN;			/* other letters: Latin font or .notdef */
}

static bool has_glyph(const struct pdft_face *f, uint32_t c)
{
	hb_codepoint_t g;
	return hb_font_get_nominal_glyph(f->font, c, &g);
}

static void push_seg(struct pdft_doc *d, size_t off, size_t len, int face)
{
	d->seg = grow(d->seg, &d->capseg, d->nseg, 1, sizeof *d->seg);
	d->seg[d->nseg++] = (struct seg){ .off = off, .len = len, .face = face };
}

/*
 * Split s[0..len) into d->seg: maximal single-face pieces that also end
 * after a space.  Neutral characters (spaces, digits, punctuation) go
 * with the script before them, except that in a neutral stretch between
 * two scripts what follows its last space goes with the next script, so
 * "पत्नी (Wife)" puts "(" with "Wife".  A stretch at the start takes the
 * first script.  A character only the other script's font has goes there.
 */
static void itemize(struct pdft_doc *d, enum pdft_style st, const char *s,
		    size_t len)
{
	size_t n = 0, i = 0;
	int cur = -1;

	d->nseg = 0;
	while (i < len) {
		d->cp = grow(d->cp, &d->capcp, n, 1, sizeof *d->cp);
		d->cp[n].off = i;
		d->cp[n].c = utf8_next(s, len, &i);
		d->cp[n].sc = (int8_t)script_of(d->cp[n].c);
		n++;
	}
	for (i = 0; i < n; i++) {
		if (d->cp[i].sc != SC_NEUTRAL) {
			cur = d->cp[i].sc;
			continue;
		}
		size_t j = i, after = i;	/* after: past the last space */
		while (j < n && d->cp[j].sc == SC_NEUTRAL)
			if (d->cp[j++].c == ' ')
				after = j;
		int next = j < n ? d->cp[j].sc : cur < 0 ? SC_LATN : cur;
		for (size_t k = i; k < j; k++) {
			int sc = cur < 0 || (j < n && k >= after) ? next : cur;
			if (!has_glyph(d->fu[FACE_IX(sc, st)].f, d->cp[k].c) &&
			    has_glyph(d->fu[FACE_IX(!sc, st)].f, d->cp[k].c))
				sc = !sc;
			d->cp[k].sc = (int8_t)sc;
		}
		i = j - 1;
	}
	for (i = 0; i < n; i++) {
		int fx = FACE_IX(d->cp[i].sc, st);
		bool cut = i && (fx != d->seg[d->nseg - 1].face ||
				 (d->cp[i - 1].c == ' ' && d->cp[i].c != ' '));
		if (!i || cut) {
			if (i)
				d->seg[d->nseg - 1].len = d->cp[i].off -
							  d->seg[d->nseg - 1].off;
			push_seg(d, d->cp[i].off, 0, fx);
		}
	}
	if (d->nseg)
		d->seg[d->nseg - 1].len = len - d->seg[d->nseg - 1].off;
}

/*
 * Process-wide cache of shaped words.  Segments end after a space, so
 * most are one word, and the same words (labels, headings, names) are
 * shaped again and again: to choose a font size, to wrap, to draw, and
 * in every document.  Shaping is deterministic, so a hit gives exactly
 * what hb_shape would.  Bounded: when full it is emptied.
 */
#define SHAPE_BUCKETS 4096
#define SHAPE_MAX_ENTRIES 16384
#define SHAPE_MAX_TEXT 96		/* longer segments are not cached */

struct shape_ent {
	struct shape_ent *next;		/* hash chain */
	const struct pdft_face *f;	/* font shaped with */
	uint32_t hash;
	uint16_t len;			/* text bytes */
	uint16_t ng;			/* glyphs */
	bool deva;			/* script/language used */
	char *text;			/* points into the allocation */
	struct sglyph g[];		/* clusters relative to the segment */
};

static struct shape_ent *shape_tab[SHAPE_BUCKETS];
static size_t shape_count;

static void shape_cache_clear(void)
{
	for (size_t i = 0; i < SHAPE_BUCKETS; i++) {
		while (shape_tab[i]) {
			struct shape_ent *e = shape_tab[i];
			shape_tab[i] = e->next;
			free(e);
		}
	}
	shape_count = 0;
}

static uint32_t shape_hash(const struct pdft_face *f, bool deva,
			   const char *s, size_t len)
{
	uint32_t h = 2166136261u ^ (uint32_t)(uintptr_t)f ^ (deva ? 0x9e37u : 0);

	for (size_t i = 0; i < len; i++)
		h = (h ^ (uint8_t)s[i]) * 16777619u;
	return h;
}

/* Shape s[0..len) with HarfBuzz into d->buf. */
static void hb_run(struct pdft_doc *d, const struct pdft_face *f, bool deva,
		   const char *s, size_t len)
{
	static hb_language_t hi, en;

	if (!hi) {
		hi = hb_language_from_string("hi", -1);
		en = hb_language_from_string("en", -1);
	}
	hb_buffer_clear_contents(d->buf);
	hb_buffer_add_utf8(d->buf, s, (int)len, 0, (int)len);
	hb_buffer_set_direction(d->buf, HB_DIRECTION_LTR);
	hb_buffer_set_script(d->buf, deva ? HB_SCRIPT_DEVANAGARI
					  : HB_SCRIPT_LATIN);
	hb_buffer_set_language(d->buf, deva ? hi : en);
	hb_shape(f->font, d->buf, NULL, 0);
}

/*
 * The shaped glyphs of one segment, from the cache or from HarfBuzz
 * (then cached).  The entry belongs to the cache; *n gets the count.
 */
static const struct sglyph *shape_word(struct pdft_doc *d,
				       const struct pdft_face *f, bool deva,
				       const char *s, size_t len, size_t *n)
{
	uint32_t h = shape_hash(f, deva, s, len);
	struct shape_ent *e;
	unsigned ng;

	if (len <= SHAPE_MAX_TEXT)
		for (e = shape_tab[h % SHAPE_BUCKETS]; e; e = e->next)
			if (e->hash == h && e->f == f && e->deva == deva &&
			    e->len == len && !memcmp(e->text, s, len)) {
				*n = e->ng;
				return e->g;
			}
	hb_run(d, f, deva, s, len);
	hb_glyph_info_t *gi = hb_buffer_get_glyph_infos(d->buf, &ng);
	hb_glyph_position_t *gp = hb_buffer_get_glyph_positions(d->buf, NULL);
	if (shape_count >= SHAPE_MAX_ENTRIES)
		shape_cache_clear();
	e = pdft_xcalloc(1, sizeof *e + ng * sizeof e->g[0] + len + 1);
	e->f = f;
	e->hash = h;
	e->len = (uint16_t)len;
	e->ng = (uint16_t)ng;
	e->deva = deva;
	e->text = (char *)(e->g + ng);
	memcpy(e->text, s, len);
	for (unsigned j = 0; j < ng; j++)
		e->g[j] = (struct sglyph){ .gid = gi[j].codepoint,
			.cluster = gi[j].cluster, .adv = gp[j].x_advance,
			.xoff = gp[j].x_offset, .yoff = gp[j].y_offset };
	if (len <= SHAPE_MAX_TEXT && ng <= UINT16_MAX) {
		e->next = shape_tab[h % SHAPE_BUCKETS];
		shape_tab[h % SHAPE_BUCKETS] = e;
		shape_count++;
	} else {			/* too long to keep: park it in d */
		free(d->uncached);
		d->uncached = e;
	}
	*n = ng;
	return e->g;
}

/*
 * Shape every segment of s into d->g (clusters as offsets into s).
 * Script and language are set explicitly so the result does not depend
 * on the process locale.
 */
static void shape(struct pdft_doc *d, const char *s)
{
	d->ng = 0;
	for (size_t k = 0; k < d->nseg; k++) {
		struct seg *sg = &d->seg[k];
		size_t n;
		const struct sglyph *g = shape_word(d, d->fu[sg->face].f,
			sg->face >= FACE_IX(SC_DEVA, 0), s + sg->off, sg->len,
			&n);

		d->g = grow(d->g, &d->capg, d->ng, n, sizeof *d->g);
		sg->g0 = d->ng;
		sg->ng = n;
		for (size_t j = 0; j < n; j++) {
			d->g[d->ng] = g[j];
			d->g[d->ng++].cluster += (uint32_t)sg->off;
		}
	}
}

/* Itemize and shape; returns the total advance in points. */
static double layout(struct pdft_doc *d, enum pdft_style st, double size,
		     const char *s, size_t len)
{
	double w = 0;

	itemize(d, st, s, len);
	shape(d, s);
	for (size_t k = 0; k < d->nseg; k++) {
		const struct seg *sg = &d->seg[k];
		long units = 0;
		for (size_t j = sg->g0; j < sg->g0 + sg->ng; j++)
			units += d->g[j].adv;
		w += (double)units * size * d->fu[sg->face].scale /
		     d->fu[sg->face].f->upem;
	}
	return w;
}

double pdft_width(struct pdft_doc *d, enum pdft_style st, double size,
		  const char *s, size_t len)
{
	return layout(d, st, size, s, len);
}

/* ---- content stream output -------------------------------------------- */

static void ob_add(struct pdft_doc *d, const char *p, size_t n)
{
	d->ob = grow(d->ob, &d->capob, d->nob, n + 1, 1);
	memcpy(d->ob + d->nob, p, n);
	d->nob += n;
}

static void ob_str(struct pdft_doc *d, const char *s)
{
	ob_add(d, s, strlen(s));
}

/* Append a number with up to 3 decimals, locale-independent, then a space. */
static void ob_num(struct pdft_doc *d, double v)
{
	char buf[48];
	long long m = (long long)(v * 1000.0 + (v < 0 ? -0.5 : 0.5));
	long long a = m < 0 ? -m : m;
	int n = snprintf(buf, sizeof buf, "%s%lld.%03lld", m < 0 ? "-" : "",
			 a / 1000, a % 1000);

	while (buf[n - 1] == '0')	/* "12.500" -> "12.5", "3.000" -> "3" */
		n--;
	if (buf[n - 1] == '.')
		n--;
	buf[n++] = ' ';
	ob_add(d, buf, (size_t)n);
}

static void ob_hex16(struct pdft_doc *d, unsigned v)
{
	static const char hx[] = "0123456789ABCDEF";
	char b[4] = { hx[(v >> 12) & 15], hx[(v >> 8) & 15], hx[(v >> 4) & 15],
		      hx[v & 15] };
	ob_add(d, b, 4);
}

/* Code point c as UTF-16 code units in u[0..2); returns how many. */
static int utf16(uint32_t c, uint16_t u[2])
{
	if (c < 0x10000) {
		u[0] = (uint16_t)c;
		return 1;
	}
	c -= 0x10000;
	u[0] = (uint16_t)(0xD800 | (c >> 10));
	u[1] = (uint16_t)(0xDC00 | (c & 0x3FF));
	return 2;
}

/* Append s as UTF-16BE hex digits (no BOM). */
static void ob_utf16(struct pdft_doc *d, const char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		uint16_t u[2];
		int n = utf16(utf8_next(s, len, &i), u);
		for (int k = 0; k < n; k++)
			ob_hex16(d, u[k]);
	}
}

/* ---- per-document glyph bookkeeping ----------------------------------- */

static void tu_add(struct face_use *u, uint32_t gid, const char *s,
		   size_t len)
{
	struct tu_ent e = { .gid = (uint16_t)gid };
	size_t i = 0;

	if (u->mapped[gid >> 3] & (1u << (gid & 7)) || !len)
		return;
	while (i < len) {
		if (e.n + 2 > TU_MAX)
			return;
		e.n = (uint16_t)(e.n + utf16(utf8_next(s, len, &i), e.u + e.n));
	}
	u->mapped[gid >> 3] |= (uint8_t)(1u << (gid & 7));
	u->tu = grow(u->tu, &u->captu, u->ntu, 1, sizeof *u->tu);
	u->tu[u->ntu++] = e;
}

/*
 * Record the glyphs of segment sg as used and learn ToUnicode entries:
 * a one-glyph cluster maps to the cluster's text; in a multi-glyph
 * cluster each glyph that is some character's nominal glyph maps to that
 * character, and the characters left over (a reph's र्, say) go to the
 * first glyph left unmapped.  First mapping seen for a glyph wins.
 */
static void note_glyphs(struct pdft_doc *d, const struct seg *sg,
			const char *s)
{
	struct face_use *u = &d->fu[sg->face];
	size_t end = sg->g0 + sg->ng;

	for (size_t j = sg->g0; j < end; j++) {
		uint32_t gid = d->g[j].gid;
		if (gid < u->f->nglyphs)
			u->used[gid >> 3] |= (uint8_t)(1u << (gid & 7));
	}
	for (size_t a = sg->g0; a < end;) {
		size_t b = a + 1;
		while (b < end && d->g[b].cluster == d->g[a].cluster)
			b++;
		size_t c0 = d->g[a].cluster;
		size_t c1 = b < end ? d->g[b].cluster : sg->off + sg->len;
		if (c1 <= c0)		/* not monotone: give up on the group */
			goto next;
		if (b - a == 1) {
			tu_add(u, d->g[a].gid, s + c0, c1 - c0);
			goto next;
		}
		uint32_t cp[32];
		size_t cpoff[33], ncp = 0, i = c0;
		bool claimed[32] = { false }, done[64] = { false };
		while (i < c1 && ncp < 32) {
			cpoff[ncp] = i;
			cp[ncp++] = utf8_next(s, c1, &i);
		}
		cpoff[ncp] = i;
		if (i < c1 || b - a > 64)
			goto next;
		for (size_t j = a; j < b; j++) {
			for (size_t k = 0; k < ncp; k++) {
				hb_codepoint_t g;
				if (claimed[k] ||
				    !hb_font_get_nominal_glyph(u->f->font, cp[k], &g) ||
				    g != d->g[j].gid)
					continue;
				claimed[k] = done[j - a] = true;
				tu_add(u, g, s + cpoff[k], cpoff[k + 1] - cpoff[k]);
				break;
			}
		}
		char rest[128];
		size_t nrest = 0;
		for (size_t k = 0; k < ncp; k++) {
			size_t l = cpoff[k + 1] - cpoff[k];
			if (claimed[k] || nrest + l > sizeof rest)
				continue;
			memcpy(rest + nrest, s + cpoff[k], l);
			nrest += l;
		}
		for (size_t j = a; j < b && nrest; j++)
			if (!done[j - a]) {
				tu_add(u, d->g[j].gid, rest, nrest);
				break;
			}
next:
		a = b;
	}
}

/*
 * Make sure face u has its Type0 dict and that `page` lists it in its
 * /Resources /Font.  Returns 0 or -1 (libharu error).
 */
static int use_face_on_page(struct pdft_doc *d, struct face_use *u,
			    HPDF_Page page)
{
	HPDF_PageAttr attr = (HPDF_PageAttr)page->attr;

	if (!u->type0) {
		HPDF_Dict t0 = HPDF_Dict_New(d->pdf->mmgr);
		if (!t0 || HPDF_Xref_Add(d->pdf->xref, t0) != HPDF_OK)
			goto fail;
		u->type0 = t0;
		if (HPDF_Dict_AddName(t0, "Type", "Font") != HPDF_OK ||
		    HPDF_Dict_AddName(t0, "Subtype", "Type0") != HPDF_OK ||
		    HPDF_Dict_AddName(t0, "Encoding", "Identity-H") != HPDF_OK)
			goto fail;
	}
	if (!attr->fonts) {
		HPDF_Dict res = HPDF_Dict_GetItem(page, "Resources",
						  HPDF_OCLASS_DICT);
		HPDF_Dict fonts = HPDF_Dict_New(page->mmgr);
		if (!res || !fonts || HPDF_Dict_Add(res, "Font", fonts) != HPDF_OK)
			goto fail;
		attr->fonts = fonts;
	}
	if (!HPDF_Dict_GetItem(attr->fonts, u->res, HPDF_OCLASS_DICT) &&
	    HPDF_Dict_Add(attr->fonts, u->res, u->type0) != HPDF_OK)
		goto fail;
	return 0;
fail:
	return -1;
}

/*
 * Write the laid-out string (d->seg, d->g) at (x, y): one marked-content
 * span carrying the exact text, one BT/ET, a Tf per face change, TJ
 * arrays whose adjustments put each glyph where HarfBuzz placed it.
 */
/* PDF text string for /ActualText: a literal if printable ASCII, else
   UTF-16BE hex with a byte-order mark. */
static void ob_textstring(struct pdft_doc *d, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (s[i] < 0x20 || s[i] > 0x7E)
			break;
	if (i < len) {
		ob_str(d, "<FEFF");
		ob_utf16(d, s, len);
		ob_str(d, ">");
		return;
	}
	ob_str(d, "(");
	for (i = 0; i < len; i++) {
		if (s[i] == '(' || s[i] == ')' || s[i] == '\\')
			ob_str(d, "\\");
		ob_add(d, s + i, 1);
	}
	ob_str(d, ")");
}

/* TJ array state: whether "[" and a "<" hex string are open. */
struct tj {
	bool arr, hex;
};

static void tj_end_hex(struct pdft_doc *d, struct tj *t)
{
	if (t->hex)
		ob_str(d, ">");
	t->hex = false;
}

static void tj_end(struct pdft_doc *d, struct tj *t)
{
	tj_end_hex(d, t);
	if (t->arr)
		ob_str(d, "] TJ\n");
	t->arr = false;
}

/* A positioning number inside the array (thousandths of an em). */
static void tj_adjust(struct pdft_doc *d, struct tj *t, double v)
{
	tj_end_hex(d, t);
	if (!t->arr)
		ob_str(d, "[");
	t->arr = true;
	ob_num(d, v);
}

static void tj_glyph(struct pdft_doc *d, struct tj *t, uint32_t gid)
{
	if (!t->arr)
		ob_str(d, "[");
	if (!t->hex)
		ob_str(d, "<");
	t->arr = t->hex = true;
	ob_hex16(d, gid);
}

/*
 * Write the laid-out string (d->seg, d->g) at (x, y): one marked-content
 * span carrying the exact text, one BT/ET, a Tf per face change, TJ
 * arrays whose adjustments put each glyph where HarfBuzz placed it.
 */
static int emit_text(struct pdft_doc *d, HPDF_Page page, double size,
		     double x, double y, const char *s, size_t len)
{
	HPDF_PageAttr attr = (HPDF_PageAttr)page->attr;
	int face = -1;
	double cur = 0, pen = 0, rise = 0;	/* thousandths of an em */
	struct tj t = { false, false };

	if (d->finished || !d->nseg)
		return d->finished ? -1 : 0;
	d->nob = 0;
	ob_str(d, "/Span <</ActualText ");
	ob_textstring(d, s, len);
	ob_str(d, ">> BDC\nBT\n");
	ob_num(d, x);
	ob_num(d, y);
	ob_str(d, "Td\n");
	for (size_t k = 0; k < d->nseg; k++) {
		const struct seg *sg = &d->seg[k];
		struct face_use *u = &d->fu[sg->face];
		double fsize = size * u->scale, scale = 1000.0 / u->f->upem;

		if (!sg->ng)
			continue;
		note_glyphs(d, sg, s);
		if (sg->face != face) {
			if (use_face_on_page(d, u, page) < 0)
				goto fail;
			/* TJ numbers are in the current font size: settle the
			   position before the size may change */
			if (pen != cur)
				tj_adjust(d, &t, cur - pen);
			tj_end(d, &t);
			pen = cur = 0;
			ob_str(d, "/");
			ob_str(d, u->res);
			ob_str(d, " ");
			ob_num(d, fsize);
			ob_str(d, "Tf\n");
			face = sg->face;
		}
		d->gids = grow(d->gids, &d->capgids, 0, sg->ng,
			       sizeof *d->gids);
		for (size_t j = 0; j < sg->ng; j++) {
			const struct sglyph *g = &d->g[sg->g0 + j];
			double want = pen + g->xoff * scale;
			double r = g->yoff * fsize / u->f->upem;

			if (r != rise) {
				tj_end(d, &t);
				ob_num(d, r);
				ob_str(d, "Ts\n");
				rise = r;
			}
			if (want != cur)
				tj_adjust(d, &t, cur - want);
			tj_glyph(d, &t, g->gid);
			d->gids[j] = g->gid;
			cur = want + hb_font_get_glyph_h_advance(u->f->font,
						g->gid) * scale;
			pen += g->adv * scale;
		}
		if (trace_fn)
			trace_fn(trace_ctx, u->f->path, s + sg->off, sg->len,
				 d->gids, sg->ng);
	}
	if (pen != cur)
		tj_adjust(d, &t, cur - pen);
	tj_end(d, &t);
	if (rise != 0)
		ob_str(d, "0 Ts\n");
	ob_str(d, "ET\nEMC\n");
	if (HPDF_Stream_Write(attr->stream, (const HPDF_BYTE *)d->ob,
			      (HPDF_UINT)d->nob) != HPDF_OK)
		goto fail;
	return 0;
fail:
	return -1;
}

int pdft_page_write(HPDF_Page page, const char *ops, size_t len)
{
	HPDF_PageAttr attr = (HPDF_PageAttr)page->attr;

	if (HPDF_Stream_Write(attr->stream, (const HPDF_BYTE *)ops,
			      (HPDF_UINT)len) != HPDF_OK)
		return -1;
	return 0;
}

double pdft_draw(struct pdft_doc *d, HPDF_Page page, enum pdft_style st,
		 double size, double x, double y, const char *s, size_t len)
{
	double w = layout(d, st, size, s, len);

	if (emit_text(d, page, size, x, y, s, len) < 0)
		return -1;
	return w;
}

static double align_x(double x, double w, double tw, enum pdft_align a)
{
	if (a == PDFT_CENTER)
		return x + (w - tw) / 2;
	if (a == PDFT_RIGHT)
		return x + w - tw;
	return x;
}

double pdft_draw_aligned(struct pdft_doc *d, HPDF_Page page,
			 enum pdft_style st, double size, double x, double y,
			 double w, enum pdft_align align, const char *s)
{
	size_t len = strlen(s);
	double tw = layout(d, st, size, s, len);

	if (emit_text(d, page, size, align_x(x, w, tw, align), y, s, len) < 0)
		return -1;
	return tw;
}

/* ---- line breaking ---------------------------------------------------- */

static void lines_push(struct pdft_lines *l, size_t off, size_t len,
		       double w)
{
	l->v = grow(l->v, &l->cap, l->n, 1, sizeof *l->v);
	l->v[l->n++] = (struct pdft_line){ .off = off, .len = len, .width = w };
}

void pdft_lines_free(struct pdft_lines *l)
{
	free(l->v);
	*l = (struct pdft_lines){ 0 };
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/*
 * Next break opportunity after p, at most b: after a run of spaces, or
 * after - / , that is followed by neither a space nor (between digits, as
 * in dates) a digit.  Only cluster starts qualify.
 */
static size_t next_break(const struct pdft_doc *d, const char *s, size_t p,
			 size_t b)
{
	for (size_t i = p + 1; i < b; i++) {
		if (!d->bound[i] || is_space(s[i]))
			continue;
		char c = s[i - 1];
		if (is_space(c))
			return i;
		if ((c == '-' || c == '/' || c == ',') && i >= p + 2 &&
		    !(is_digit(s[i]) && is_digit(s[i - 2])))
			return i;
	}
	return b;
}

/* End of the text of a line that would stop at e (trailing spaces cut). */
static size_t trim_end(const char *s, size_t p, size_t e)
{
	while (e > p && is_space(s[e - 1]))
		e--;
	return e;
}

static double wsum(const struct pdft_doc *d, size_t a, size_t b)
{
	return d->pre[b] - d->pre[a];
}

/*
 * Break a word that is wider than the box between clusters: as many as
 * fit, at least one.  The fragment is re-measured on its own because
 * kerning with the next letter is lost when it is drawn alone.
 */
static size_t break_word(struct pdft_doc *d, enum pdft_style st,
			 double size, const char *s, size_t p, size_t e,
			 double w)
{
	size_t q = p + 1, best = 0;

	for (; q <= e; q++) {
		if (q < e && !d->bound[q])
			continue;
		if (wsum(d, p, q) > w)
			break;
		best = q;
	}
	/* d->seg and d->g are free to reuse: wrapping works on d->pre now */
	while (best > p && layout(d, st, size, s + p, best - p) > w + 1e-6) {
		do
			best--;
		while (best > p && !d->bound[best]);
	}
	if (best <= p) {		/* not even one cluster fits: take one */
		best = p + 1;
		while (best < e && !d->bound[best])
			best++;
	}
	return best;
}

/* Wrap s[a..b) (no '\n' inside) into out. */
static void wrap_para(struct pdft_doc *d, enum pdft_style st, double size,
		      const char *s, size_t a, size_t b, double w,
		      struct pdft_lines *out)
{
	size_t p = a;

	while (p < b && is_space(s[p]))
		p++;
	if (p == b) {
		lines_push(out, a, 0, 0);
		return;
	}
	while (p < b) {
		size_t best = 0, e = next_break(d, s, p, b);
		while (wsum(d, p, trim_end(s, p, e)) <= w + 1e-6) {
			best = e;
			if (e == b)
				break;
			e = next_break(d, s, e, b);
		}
		if (!best) {
			size_t q = break_word(d, st, size, s, p,
					      trim_end(s, p, e), w);
			lines_push(out, p, q - p, wsum(d, p, q));
			p = q;
		} else {
			size_t t = trim_end(s, p, best);
			lines_push(out, p, t - p, wsum(d, p, t));
			p = best;
		}
		while (p < b && is_space(s[p]))
			p++;
	}
}

size_t pdft_wrap(struct pdft_doc *d, enum pdft_style st, double size,
		 const char *s, double box_w, struct pdft_lines *out)
{
	size_t len = strlen(s);

	out->n = 0;
	if (!len)
		return 0;
	layout(d, st, size, s, len);
	if (len + 1 > d->cappre) {
		d->cappre = len + 1;
		d->pre = pdft_xrealloc(d->pre, d->cappre * sizeof *d->pre);
		d->bound = pdft_xrealloc(d->bound, d->cappre);
	}
	memset(d->pre, 0, (len + 1) * sizeof *d->pre);
	memset(d->bound, 0, len + 1);
	for (size_t k = 0; k < d->nseg; k++) {
		const struct seg *sg = &d->seg[k];
		double f = size * d->fu[sg->face].scale /
			   d->fu[sg->face].f->upem;
		d->bound[sg->off] = 1;
		for (size_t j = sg->g0; j < sg->g0 + sg->ng; j++) {
			d->pre[d->g[j].cluster + 1] += d->g[j].adv * f;
			d->bound[d->g[j].cluster] = 1;
		}
	}
	d->bound[len] = 1;
	for (size_t i = 0; i < len; i++)
		d->pre[i + 1] += d->pre[i];
	/* a paragraph break is a boundary even if it shaped oddly */
	for (size_t a = 0; a <= len;) {
		const char *nl = memchr(s + a, '\n', len - a);
		size_t b = nl ? (size_t)(nl - s) : len;
		if (b > a || nl)
			wrap_para(d, st, size, s, a, b, box_w, out);
		a = b + 1;
	}
	return out->n;
}

int pdft_draw_lines(struct pdft_doc *d, HPDF_Page page, enum pdft_style st,
		    double size, double x, double y, double w, double leading,
		    enum pdft_align align, const char *s,
		    const struct pdft_line *lines, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const struct pdft_line *l = &lines[i];
		double tw = layout(d, st, size, s + l->off, l->len);
		if (!l->len)
			continue;
		if (emit_text(d, page, size, align_x(x, w, tw, align),
			      y - (double)i * leading, s + l->off, l->len) < 0)
			return -1;
	}
	return 0;
}

int pdft_draw_box(struct pdft_doc *d, HPDF_Page page, enum pdft_style st,
		  double size, double x, double y, double w, double leading,
		  enum pdft_align align, const char *s)
{
	size_t n = pdft_wrap(d, st, size, s, w, &d->lines);

	if (pdft_draw_lines(d, page, st, size, x, y, w, leading, align, s,
			    d->lines.v, n) < 0)
		return -1;
	return (int)n;
}

/* ---- embedding at the end --------------------------------------------- */

/* Subset tag: six capitals from a hash of the glyph set (deterministic). */
static void subset_tag(const struct face_use *u, char tag[8])
{
	uint32_t h = 2166136261u;

	for (unsigned i = 0; i < u->f->nglyphs / 8 + 1; i++)
		h = (h ^ u->used[i]) * 16777619u;
	for (int i = 0; i < 6; i++) {
		tag[i] = (char)('A' + h % 26);
		h /= 26;
	}
	tag[6] = '+';
	tag[7] = '\0';
}

static bool glyph_used(const struct face_use *u, unsigned g)
{
	return u->used[g >> 3] & (1u << (g & 7));
}

/* A stream object in the document's xref, compressed. */
static HPDF_Dict new_stream(struct pdft_doc *d)
{
	HPDF_Dict s = HPDF_DictStream_New(d->pdf->mmgr, d->pdf->xref);
	if (s)
		s->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
	return s;
}

/* A dict registered as an indirect object; NULL on error. */
static HPDF_Dict new_indirect_dict(struct pdft_doc *d)
{
	HPDF_Dict o = HPDF_Dict_New(d->pdf->mmgr);

	if (o && HPDF_Xref_Add(d->pdf->xref, o) != HPDF_OK)
		o = NULL;	/* HPDF_Xref_Add freed it */
	return o;
}

static int cmp_tu(const void *a, const void *b)
{
	const struct tu_ent *x = a, *y = b;
	return (int)x->gid - (int)y->gid;
}

/* The ToUnicode CMap of face u as a stream object; NULL on error. */
static HPDF_Dict make_tounicode(struct pdft_doc *d, struct face_use *u)
{
	HPDF_Dict st = new_stream(d);

	if (!st)
		goto fail;
	qsort(u->tu, u->ntu, sizeof *u->tu, cmp_tu);
	d->nob = 0;
	ob_str(d, "/CIDInit /ProcSet findresource begin\n12 dict begin\n"
		  "begincmap\n/CIDSystemInfo << /Registry (Adobe) /Ordering "
		  "(UCS) /Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS "
		  "def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\n"
		  "endcodespacerange\n");
	for (size_t i = 0; i < u->ntu; i += 100) {
		size_t n = u->ntu - i < 100 ? u->ntu - i : 100;
		ob_num(d, (double)n);
		ob_str(d, "beginbfchar\n");
		for (size_t k = i; k < i + n; k++) {
			ob_str(d, "<");
			ob_hex16(d, u->tu[k].gid);
			ob_str(d, "> <");
			for (unsigned j = 0; j < u->tu[k].n; j++)
				ob_hex16(d, u->tu[k].u[j]);
			ob_str(d, ">\n");
		}
		ob_str(d, "endbfchar\n");
	}
	ob_str(d, "endcmap\nCMapName currentdict /CMap defineresource pop\n"
		  "end\nend\n");
	if (HPDF_Stream_Write(st->stream, (const HPDF_BYTE *)d->ob,
			      (HPDF_UINT)d->nob) != HPDF_OK)
		goto fail;
	return st;
fail:
	return NULL;	/* a stream in the xref is freed with the document */
}

/*
 * Fill the /W array w (already owned by its dict): runs of consecutive
 * used glyph ids with their default widths.  Returns 0 or -1.  Arrays
 * are attached before they are filled, so libharu owns them on error.
 */
static int fill_widths(struct pdft_doc *d, const struct face_use *u,
		       HPDF_Array w)
{
	double scale = 1000.0 / u->f->upem;

	for (unsigned g = 0; g < u->f->nglyphs;) {
		if (!glyph_used(u, g)) {
			g++;
			continue;
		}
		HPDF_Array run = HPDF_Array_New(d->pdf->mmgr);
		if (!run || HPDF_Array_AddNumber(w, (HPDF_INT32)g) != HPDF_OK ||
		    HPDF_Array_Add(w, run) != HPDF_OK)
			goto fail;
		for (; g < u->f->nglyphs && glyph_used(u, g); g++) {
			double adv = hb_font_get_glyph_h_advance(u->f->font, g)
				     * scale;
			if (HPDF_Array_AddReal(run, (HPDF_REAL)adv) != HPDF_OK)
				goto fail;
		}
	}
	return 0;
fail:
	return -1;
}

/* Fill in the Type0 font of face u and the objects it points to. */
static int embed_face(struct pdft_doc *d, struct face_use *u)
{
	const struct pdft_face *f = u->f;
	double k = 1000.0 / f->upem;
	char tag[8], name[80];
	hb_blob_t *blob = subset_blob(f->lean, u->used, f->nglyphs);
	HPDF_Dict ff, fd, cid, tu, si;
	HPDF_Array arr, w;
	unsigned len;

	if (!blob)
		goto fail;
	subset_tag(u, tag);
	snprintf(name, sizeof name, "%s%s", tag, f->psname);

	const char *data = hb_blob_get_data(blob, &len);
	if (!(ff = new_stream(d)) ||
	    HPDF_Stream_Write(ff->stream, (const HPDF_BYTE *)data, len) != HPDF_OK ||
	    HPDF_Dict_AddNumber(ff, "Length1", (HPDF_INT32)len) != HPDF_OK)
		goto fail;

	if (!(fd = new_indirect_dict(d)) || !(arr = HPDF_Array_New(d->pdf->mmgr)) ||
	    HPDF_Dict_AddName(fd, "Type", "FontDescriptor") != HPDF_OK ||
	    HPDF_Dict_AddName(fd, "FontName", name) != HPDF_OK ||
	    HPDF_Dict_AddNumber(fd, "Flags", 4) != HPDF_OK ||
	    HPDF_Dict_Add(fd, "FontBBox", arr) != HPDF_OK)
		goto fail;
	for (int i = 0; i < 4; i++)
		if (HPDF_Array_AddNumber(arr, (HPDF_INT32)(f->bbox[i] * k)) != HPDF_OK)
			goto fail;
	if (HPDF_Dict_AddNumber(fd, "ItalicAngle", 0) != HPDF_OK ||
	    HPDF_Dict_AddNumber(fd, "Ascent", (HPDF_INT32)(f->ascent * k)) != HPDF_OK ||
	    HPDF_Dict_AddNumber(fd, "Descent", (HPDF_INT32)(f->descent * k)) != HPDF_OK ||
	    HPDF_Dict_AddNumber(fd, "CapHeight", (HPDF_INT32)(f->cap * k)) != HPDF_OK ||
	    HPDF_Dict_AddNumber(fd, "StemV", 80) != HPDF_OK ||
	    HPDF_Dict_Add(fd, "FontFile2", ff) != HPDF_OK)
		goto fail;

	if (!(cid = new_indirect_dict(d)) || !(si = HPDF_Dict_New(d->pdf->mmgr)) ||
	    HPDF_Dict_AddName(cid, "Type", "Font") != HPDF_OK ||
	    HPDF_Dict_AddName(cid, "Subtype", "CIDFontType2") != HPDF_OK ||
	    HPDF_Dict_AddName(cid, "BaseFont", name) != HPDF_OK ||
	    HPDF_Dict_Add(cid, "CIDSystemInfo", si) != HPDF_OK)
		goto fail;
	if (HPDF_Dict_Add(si, "Registry",
			  HPDF_String_New(d->pdf->mmgr, "Adobe", NULL)) != HPDF_OK ||
	    HPDF_Dict_Add(si, "Ordering",
			  HPDF_String_New(d->pdf->mmgr, "Identity", NULL)) != HPDF_OK ||
	    HPDF_Dict_AddNumber(si, "Supplement", 0) != HPDF_OK ||
	    HPDF_Dict_Add(cid, "FontDescriptor", fd) != HPDF_OK ||
	    HPDF_Dict_AddName(cid, "CIDToGIDMap", "Identity") != HPDF_OK ||
	    !(w = HPDF_Array_New(d->pdf->mmgr)) ||
	    HPDF_Dict_Add(cid, "W", w) != HPDF_OK || fill_widths(d, u, w) < 0)
		goto fail;

	if (!(tu = make_tounicode(d, u)) || !(arr = HPDF_Array_New(d->pdf->mmgr)) ||
	    HPDF_Dict_Add(u->type0, "DescendantFonts", arr) != HPDF_OK ||
	    HPDF_Array_Add(arr, cid) != HPDF_OK ||
	    HPDF_Dict_AddName(u->type0, "BaseFont", name) != HPDF_OK ||
	    HPDF_Dict_Add(u->type0, "ToUnicode", tu) != HPDF_OK)
		goto fail;
	hb_blob_destroy(blob);
	return 0;
fail:
	hb_blob_destroy(blob);
	return -1;
}

int pdft_doc_finish(struct pdft_doc *d)
{
	if (d->finished)
		goto fail;
	d->finished = true;
	for (int i = 0; i < NFACES; i++)
		if (d->fu[i].type0 && embed_face(d, &d->fu[i]) < 0)
			goto fail;
	return 0;
fail:
	return -1;
}
