/*
 * pdf_lex.h — reading PDF syntax from bytes that may be hostile: tokens,
 * complete values, dictionaries, classic cross-reference sections and the
 * objects they point at.  Nothing reads outside [0, len) and every number
 * taken from the file is range-checked before it is used as an offset.
 * Shared by pdf_sign.c (our own libharu output, parsed as hostile anyway)
 * and pdf_check.c (uploaded documents).  Functions return 0 for success and
 * -1 for anything malformed unless they say otherwise.
 */
#ifndef GS_PDF_LEX_H
#define GS_PDF_LEX_H

#include <stddef.h>
#include <stdint.h>

/* Nesting depth of arrays/dicts we follow, and page-tree depth. */
#define PDF_MAX_DEPTH        32
/* How many xref sections (/Prev hops) we follow. */
#define PDF_MAX_SECTIONS     64
/* Largest /Size we accept (PDF's own implementation limit is 8,388,607). */
#define PDF_MAX_OBJECTS      8388607UL
/* "startxref" must sit in the last this-many bytes. */
#define PDF_TAIL_WINDOW      1024

/* A byte range [a, b) of the document: a token or a whole value. */
struct pdf_span {
	size_t a, b;          /* [a, b) byte offsets into the document */
};

struct pdf_doc {
	const unsigned char *p;   /* the whole file */
	size_t len;               /* its length */
	size_t xref_off;          /* newest xref section (from startxref) */
	struct pdf_span trailer;  /* newest trailer dictionary */
};

enum pdf_tok_type {
	PDF_TK_EOF, PDF_TK_ERR, PDF_TK_NUM, PDF_TK_NAME, PDF_TK_STR, PDF_TK_HEX, PDF_TK_KW,
	PDF_TK_DICT, PDF_TK_DICT_END, PDF_TK_ARR, PDF_TK_ARR_END
};

struct pdf_tok {
	enum pdf_tok_type t;   /* kind */
	size_t a, b;           /* [a, b) bytes of the token */
};

/* PDF white-space (NUL, TAB, LF, FF, CR, space). */
int pdf_is_ws(unsigned char c);
/* A hexadecimal digit. */
int pdf_is_hex(unsigned char c);
/* Skips white-space and comments from pos; returns the new position (<= end). */
size_t pdf_skip_ws(const struct pdf_doc *d, size_t pos, size_t end);
/* The next token of [*pos, end) into t; advances *pos past it.  Returns t->t,
 * PDF_TK_ERR for anything malformed or unterminated. */
enum pdf_tok_type pdf_tok_next(const struct pdf_doc *d, size_t end, size_t *pos, struct pdf_tok *t);
/* Does [a, b) hold exactly the string s?  1 or 0. */
int pdf_span_is(const struct pdf_doc *d, size_t a, size_t b, const char *s);
/* An unsigned decimal integer filling [a, b) exactly (at most 18 digits). */
int pdf_span_uint(const struct pdf_doc *d, size_t a, size_t b, uint64_t *out);
/* One complete value (number, name, string, array, dict, "n g R",
 * true/false/null) of [*pos, end) into v; depth counts nesting. */
int pdf_val_next(const struct pdf_doc *d, size_t end, size_t *pos, struct pdf_span *v, int depth);
/* If v is "n g R" (n 1..PDF_MAX_OBJECTS, g 0..65535), its n and g. */
int pdf_span_ref(const struct pdf_doc *d, struct pdf_span v, uint64_t *num, uint64_t *gen);
/* A value that is a single unsigned integer. */
int pdf_span_val_uint(const struct pdf_doc *d, struct pdf_span v, uint64_t *out);
/* Begins iterating dict v: *pos is set inside it. */
int pdf_dict_open(const struct pdf_doc *d, struct pdf_span v, size_t *pos);
/* The next entry of a dict opened with pdf_dict_open: 1 an entry, 0 the end,
 * -1 malformed. */
int pdf_dict_next(const struct pdf_doc *d, struct pdf_span v, size_t *pos, struct pdf_span *key, struct pdf_span *val);
/* /key of dict v into *val: 0 found, 1 absent, -1 malformed. */
int pdf_dict_get(const struct pdf_doc *d, struct pdf_span v, const char *key, struct pdf_span *val);
/* Is /key of dict v the name `name` (e.g. "/Page")?  1 or 0. */
int pdf_dict_name_is(const struct pdf_doc *d, struct pdf_span v, const char *key, const char *name);
/* Called for each entry of a classic xref section: object number, offset
 * (or next free object), generation, in use.  Non-zero stops the walk. */
typedef int (*pdf_xref_fn)(void *ctx, uint64_t num, uint64_t off, uint64_t gen, int in_use);
/* Walks the classic xref section at off (entries of exactly 20 bytes),
 * calling fn (unless NULL) for each entry until it returns non-zero; sets *trailer to
 * the section's trailer.  Returns fn's non-zero value, 0 after the whole
 * section, -1 when malformed. */
int pdf_xref_each(const struct pdf_doc *d, size_t off, pdf_xref_fn fn, void *ctx, struct pdf_span *trailer);
/* The offset of object num in the classic xref sections, newest first
 * (following /Prev). */
int pdf_xref_lookup(const struct pdf_doc *d, uint64_t num, uint64_t *gen, size_t *obj_off);
/* "num gen obj" at off: its number and generation; *pos is set after "obj". */
int pdf_obj_at(const struct pdf_doc *d, size_t off, uint64_t *num, uint64_t *gen, size_t *pos);
/* The same for a known object: num and gen must match. */
int pdf_obj_head(const struct pdf_doc *d, size_t off, uint64_t num, uint64_t gen, size_t *pos);
/* The value of indirect object "num gen obj <value> endobj". */
int pdf_obj_get(const struct pdf_doc *d, uint64_t num, uint64_t gen, struct pdf_span *val);
/* Follows v when it is a reference: *out is the direct value. */
int pdf_val_resolve(const struct pdf_doc *d, struct pdf_span v, struct pdf_span *out);
/* The items of array value v (direct or by reference), without brackets. */
int pdf_array_items(const struct pdf_doc *d, struct pdf_span v, struct pdf_span *items);
/* The offset "startxref" gives; it, the offset and %%EOF must be in the
 * last PDF_TAIL_WINDOW bytes, followed by nothing but white-space. */
int pdf_startxref(const unsigned char *p, size_t len, size_t *xref_off);
/* Opens p[0..len): the header, startxref in the last PDF_TAIL_WINDOW bytes
 * followed by %%EOF, and the newest classic xref section and trailer. */
int pdf_doc_open(struct pdf_doc *d, const unsigned char *p, size_t len);

#endif
