/*
 * pdf_lex.c — the PDF reader shared by signing and upload checks (pdf_lex.h).
 * Every read goes through the tokenizer below, which never looks outside
 * [0, len); numbers taken from the file are range-checked before use.
 */
#include "pdf_lex.h"

#include <string.h>

int pdf_is_ws(unsigned char c)
{
	return c == 0 || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' ';
}

static int is_delim(unsigned char c)
{
	return c != 0 && strchr("()<>[]{}/%", c) != NULL;
}

int pdf_is_hex(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* Skip whitespace and comments; return the new position (<= end). */
size_t pdf_skip_ws(const struct pdf_doc *d, size_t pos, size_t end)
{
	while (pos < end) {
		if (pdf_is_ws(d->p[pos])) {
			pos++;
		} else if (d->p[pos] == '%') {
			while (pos < end && d->p[pos] != '\r' && d->p[pos] != '\n')
				pos++;
		} else {
			break;
		}
	}
	return pos;
}

/*
 * Read the next token from [*pos, end) into t and advance *pos past it.
 * Returns t->t; PDF_TK_ERR for anything malformed or unterminated.
 */
enum pdf_tok_type pdf_tok_next(const struct pdf_doc *d, size_t end, size_t *pos, struct pdf_tok *t)
{
	const unsigned char *p = d->p;
	size_t i = pdf_skip_ws(d, *pos, end);
	int depth, num;

	t->a = t->b = i;
	if (i >= end)
		return t->t = PDF_TK_EOF;
	switch (p[i]) {
	case '<':
		if (i + 1 < end && p[i + 1] == '<') {
			t->t = PDF_TK_DICT;
			i += 2;
			break;
		}
		for (i++; i < end && p[i] != '>'; i++)
			if (!pdf_is_hex(p[i]) && !pdf_is_ws(p[i]))
				return t->t = PDF_TK_ERR;
		if (i >= end)
			return t->t = PDF_TK_ERR;
		t->t = PDF_TK_HEX;
		i++;
		break;
	case '>':
		if (i + 1 >= end || p[i + 1] != '>')
			return t->t = PDF_TK_ERR;
		t->t = PDF_TK_DICT_END;
		i += 2;
		break;
	case '[':
		t->t = PDF_TK_ARR;
		i++;
		break;
	case ']':
		t->t = PDF_TK_ARR_END;
		i++;
		break;
	case '(':
		for (depth = 1, i++; i < end && depth > 0; i++) {
			if (p[i] == '\\')
				i++;
			else if (p[i] == '(')
				depth++;
			else if (p[i] == ')')
				depth--;
		}
		if (depth != 0 || i > end)
			return t->t = PDF_TK_ERR;
		t->t = PDF_TK_STR;
		break;
	case '/':
		for (i++; i < end && !pdf_is_ws(p[i]) && !is_delim(p[i]); i++)
			;
		t->t = PDF_TK_NAME;
		break;
	case ')': case '{': case '}':
		return t->t = PDF_TK_ERR;
	default:
		for (num = 1; i < end && !pdf_is_ws(p[i]) && !is_delim(p[i]); i++)
			if (!strchr("0123456789+-.", p[i]))
				num = 0;
		t->t = num ? PDF_TK_NUM : PDF_TK_KW;
		break;
	}
	t->b = i;
	*pos = i;
	return t->t;
}

/* Does token/span [a, b) hold exactly the string s? */
int pdf_span_is(const struct pdf_doc *d, size_t a, size_t b, const char *s)
{
	size_t n = strlen(s);

	return b - a == n && memcmp(d->p + a, s, n) == 0;
}

/* Parse an unsigned decimal integer filling [a, b) exactly. 0 ok, -1 not. */
int pdf_span_uint(const struct pdf_doc *d, size_t a, size_t b, uint64_t *out)
{
	uint64_t v = 0;
	size_t i;

	if (a >= b || b - a > 18)
		return -1;
	for (i = a; i < b; i++) {
		if (d->p[i] < '0' || d->p[i] > '9')
			return -1;
		v = v * 10 + (uint64_t)(d->p[i] - '0');
	}
	*out = v;
	return 0;
}

/*
 * Read one complete value (number, name, string, array, dict, "n g R",
 * true/false/null) from [*pos, end) into v.  Returns 0 or -1.
 */
int pdf_val_next(const struct pdf_doc *d, size_t end, size_t *pos, struct pdf_span *v, int depth)
{
	struct pdf_tok t, t2, t3;
	struct pdf_span inner;
	size_t save;
	uint64_t u;

	if (depth > PDF_MAX_DEPTH)
		return -1;
	switch (pdf_tok_next(d, end, pos, &t)) {
	case PDF_TK_DICT:
		for (;;) {
			if (pdf_tok_next(d, end, pos, &t2) == PDF_TK_DICT_END)
				break;
			if (t2.t != PDF_TK_NAME || pdf_val_next(d, end, pos, &inner, depth + 1) != 0)
				return -1;
		}
		break;
	case PDF_TK_ARR:
		for (;;) {
			save = *pos;
			if (pdf_tok_next(d, end, pos, &t2) == PDF_TK_ARR_END)
				break;
			*pos = save;
			if (pdf_val_next(d, end, pos, &inner, depth + 1) != 0)
				return -1;
		}
		break;
	case PDF_TK_NUM:
		/* "n g R" is one value: look ahead, and step back if it is not. */
		save = *pos;
		if (pdf_span_uint(d, t.a, t.b, &u) == 0 &&
		    pdf_tok_next(d, end, pos, &t2) == PDF_TK_NUM && pdf_span_uint(d, t2.a, t2.b, &u) == 0 &&
		    pdf_tok_next(d, end, pos, &t3) == PDF_TK_KW && pdf_span_is(d, t3.a, t3.b, "R"))
			break;
		*pos = save;
		break;
	case PDF_TK_NAME: case PDF_TK_STR: case PDF_TK_HEX:
		break;
	case PDF_TK_KW:
		if (pdf_span_is(d, t.a, t.b, "true") || pdf_span_is(d, t.a, t.b, "false") ||
		    pdf_span_is(d, t.a, t.b, "null"))
			break;
		return -1;
	default:
		return -1;
	}
	v->a = t.a;
	v->b = *pos;
	return 0;
}

/* If v is "n g R", store n and g and return 0; else -1. */
int pdf_span_ref(const struct pdf_doc *d, struct pdf_span v, uint64_t *num, uint64_t *gen)
{
	struct pdf_tok t1, t2, t3, t4;
	size_t pos = v.a;

	if (pdf_tok_next(d, v.b, &pos, &t1) != PDF_TK_NUM || pdf_tok_next(d, v.b, &pos, &t2) != PDF_TK_NUM ||
	    pdf_tok_next(d, v.b, &pos, &t3) != PDF_TK_KW || !pdf_span_is(d, t3.a, t3.b, "R") ||
	    pdf_tok_next(d, v.b, &pos, &t4) != PDF_TK_EOF)
		return -1;
	if (pdf_span_uint(d, t1.a, t1.b, num) != 0 || pdf_span_uint(d, t2.a, t2.b, gen) != 0)
		return -1;
	if (*num == 0 || *num > PDF_MAX_OBJECTS || *gen > 65535)
		return -1;
	return 0;
}

/* A value that is a single unsigned integer. */
int pdf_span_val_uint(const struct pdf_doc *d, struct pdf_span v, uint64_t *out)
{
	struct pdf_tok t1, t2;
	size_t pos = v.a;

	if (pdf_tok_next(d, v.b, &pos, &t1) != PDF_TK_NUM || pdf_tok_next(d, v.b, &pos, &t2) != PDF_TK_EOF)
		return -1;
	return pdf_span_uint(d, t1.a, t1.b, out);
}

/* Begin iterating dict v: *pos is set inside it.  0 or -1 if v is no dict. */
int pdf_dict_open(const struct pdf_doc *d, struct pdf_span v, size_t *pos)
{
	struct pdf_tok t;

	*pos = v.a;
	return pdf_tok_next(d, v.b, pos, &t) == PDF_TK_DICT ? 0 : -1;
}

/* Next entry of a dict opened with dict_open.  1 entry, 0 end, -1 error. */
int pdf_dict_next(const struct pdf_doc *d, struct pdf_span v, size_t *pos, struct pdf_span *key, struct pdf_span *val)
{
	struct pdf_tok t;

	if (pdf_tok_next(d, v.b, pos, &t) == PDF_TK_DICT_END)
		return 0;
	if (t.t != PDF_TK_NAME || pdf_val_next(d, v.b, pos, val, 1) != 0)
		return -1;
	key->a = t.a;
	key->b = t.b;
	return 1;
}

/* Find /key in dict v.  0 found (*val set), 1 absent, -1 malformed. */
int pdf_dict_get(const struct pdf_doc *d, struct pdf_span v, const char *key, struct pdf_span *val)
{
	struct pdf_span k, x;
	size_t pos;
	int r;

	if (pdf_dict_open(d, v, &pos) != 0)
		return -1;
	while ((r = pdf_dict_next(d, v, &pos, &k, &x)) == 1) {
		if (k.b - k.a - 1 == strlen(key) && memcmp(d->p + k.a + 1, key, k.b - k.a - 1) == 0) {
			*val = x;
			return 0;
		}
	}
	return r == 0 ? 1 : -1;
}

/* Is /key in dict v a name equal to name (e.g. "/Page")? */
int pdf_dict_name_is(const struct pdf_doc *d, struct pdf_span v, const char *key, const char *name)
{
	struct pdf_span x;

	return pdf_dict_get(d, v, key, &x) == 0 && pdf_span_is(d, x.a, x.b, name);
}

/* ------------------------------------------------------------------ */
/* xref tables and objects.                                            */

/*
 * Walk the classic xref section at off ("xref", subsections "start count"
 * of fixed 20-byte entries "oooooooooo ggggg n\r\n", "trailer <<...>>"):
 * fn (when not NULL) sees every entry, in use or free, until it returns
 * non-zero.  Sets
 * *trailer to the section's trailer dict.  Returns fn's non-zero value, 0
 * after the whole section, or -1 if malformed.
 */
int pdf_xref_each(const struct pdf_doc *d, size_t off, pdf_xref_fn fn, void *ctx, struct pdf_span *trailer)
{
	struct pdf_tok t, t2;
	size_t pos = off, ent;
	uint64_t start, count, v, gen, k;
	const unsigned char *e;
	int stop = 0;

	if (off >= d->len || pdf_tok_next(d, d->len, &pos, &t) != PDF_TK_KW || t.a != off ||
	    !pdf_span_is(d, t.a, t.b, "xref"))
		return -1;
	for (;;) {
		if (pdf_tok_next(d, d->len, &pos, &t) == PDF_TK_KW && pdf_span_is(d, t.a, t.b, "trailer"))
			break;
		if (t.t != PDF_TK_NUM || pdf_span_uint(d, t.a, t.b, &start) != 0 ||
		    pdf_tok_next(d, d->len, &pos, &t2) != PDF_TK_NUM || pdf_span_uint(d, t2.a, t2.b, &count) != 0)
			return -1;
		ent = pdf_skip_ws(d, pos, d->len);
		if (start > PDF_MAX_OBJECTS || count > PDF_MAX_OBJECTS || count > (d->len - ent) / 20)
			return -1;
		for (k = 0; k < count && !stop; k++) {
			e = d->p + ent + k * 20;
			if (e[10] != ' ' || e[16] != ' ' || (e[17] != 'n' && e[17] != 'f') ||
			    !pdf_is_ws(e[18]) || !pdf_is_ws(e[19]) ||
			    pdf_span_uint(d, (size_t)(e - d->p), (size_t)(e - d->p) + 10, &v) != 0 ||
			    pdf_span_uint(d, (size_t)(e - d->p) + 11, (size_t)(e - d->p) + 16, &gen) != 0)
				return -1;
			stop = fn ? fn(ctx, start + k, v, gen, e[17] == 'n') : 0;
		}
		if (stop)
			return stop;
		pos = ent + count * 20;
	}
	if (pdf_val_next(d, d->len, &pos, trailer, 1) != 0 || trailer->b - trailer->a < 4 ||
	    d->p[trailer->a] != '<' || d->p[trailer->a + 1] != '<')
		return -1;
	return 0;
}

/* What a lookup of one object number is after. */
struct xref_want {
	uint64_t num;         /* the object */
	int found;            /* 1 in use, -1 free, 0 not in the section */
	uint64_t off, gen;    /* where, when in use */
};

static int xref_match(void *ctx, uint64_t num, uint64_t off, uint64_t gen, int in_use)
{
	struct xref_want *w = ctx;

	if (num != w->num)
		return 0;
	w->found = in_use ? 1 : -1;
	w->off = off;
	w->gen = gen;
	return 1;
}

/* Find the offset of object num (newest section first).  0 or -1. */
int pdf_xref_lookup(const struct pdf_doc *d, uint64_t num, uint64_t *gen, size_t *obj_off)
{
	struct pdf_span trailer, prev;
	size_t off = d->xref_off;
	uint64_t u;
	int hops;

	for (hops = 0; hops < PDF_MAX_SECTIONS; hops++) {
		struct xref_want w = { num, 0, 0, 0 };

		if (pdf_xref_each(d, off, xref_match, &w, &trailer) < 0)
			return -1;
		if (w.found != 0) {
			*gen = w.gen;
			*obj_off = (size_t)w.off;
			return w.found == 1 && w.off < d->len ? 0 : -1;
		}
		if (pdf_dict_get(d, trailer, "Prev", &prev) != 0 || pdf_span_val_uint(d, prev, &u) != 0 ||
		    u >= d->len)
			return -1;
		off = (size_t)u;
	}
	return -1;
}

/* "num gen obj" at off (white-space and comments before it allowed): its
 * number and generation; *pos is set after "obj".  0 or -1. */
int pdf_obj_at(const struct pdf_doc *d, size_t off, uint64_t *num, uint64_t *gen, size_t *pos)
{
	struct pdf_tok t1, t2, t3;

	*pos = off;
	if (off >= d->len ||
	    pdf_tok_next(d, d->len, pos, &t1) != PDF_TK_NUM || pdf_span_uint(d, t1.a, t1.b, num) != 0 ||
	    pdf_tok_next(d, d->len, pos, &t2) != PDF_TK_NUM || pdf_span_uint(d, t2.a, t2.b, gen) != 0 ||
	    pdf_tok_next(d, d->len, pos, &t3) != PDF_TK_KW || !pdf_span_is(d, t3.a, t3.b, "obj"))
		return -1;
	return 0;
}

/* pdf_obj_at for a known object: its number and generation must match. */
int pdf_obj_head(const struct pdf_doc *d, size_t off, uint64_t num, uint64_t gen, size_t *pos)
{
	uint64_t n, g;

	return pdf_obj_at(d, off, &n, &g, pos) == 0 && n == num && g == gen ? 0 : -1;
}

/* Value of indirect object num gen ("num gen obj <value> endobj"). */
int pdf_obj_get(const struct pdf_doc *d, uint64_t num, uint64_t gen, struct pdf_span *val)
{
	struct pdf_tok t4;
	uint64_t xgen;
	size_t pos;

	if (pdf_xref_lookup(d, num, &xgen, &pos) != 0 || xgen != gen || pdf_obj_head(d, pos, num, gen, &pos) != 0)
		return -1;
	if (pdf_val_next(d, d->len, &pos, val, 1) != 0 ||
	    pdf_tok_next(d, d->len, &pos, &t4) != PDF_TK_KW || !pdf_span_is(d, t4.a, t4.b, "endobj"))
		return -1;
	return 0;
}

/* Follow v if it is a reference; *out is the direct value.  0 or -1. */
int pdf_val_resolve(const struct pdf_doc *d, struct pdf_span v, struct pdf_span *out)
{
	uint64_t num, gen;

	if (pdf_span_ref(d, v, &num, &gen) != 0) {
		*out = v;
		return 0;
	}
	return pdf_obj_get(d, num, gen, out);
}

/* The items of array value v (direct or via a reference), without brackets. */
int pdf_array_items(const struct pdf_doc *d, struct pdf_span v, struct pdf_span *items)
{
	struct pdf_span arr;

	if (pdf_val_resolve(d, v, &arr) != 0 || arr.b - arr.a < 2 ||
	    d->p[arr.a] != '[' || d->p[arr.b - 1] != ']')
		return -1;
	items->a = arr.a + 1;
	items->b = arr.b - 1;
	return 0;
}

/* The offset startxref gives: "startxref", the offset and "%%EOF" must be
 * in the last PDF_TAIL_WINDOW bytes, with nothing but white-space after.
 * 0 or -1. */
int pdf_startxref(const unsigned char *p, size_t len, size_t *xref_off)
{
	static const char sx[] = "startxref";
	struct pdf_doc d = { p, len, 0, { 0, 0 } };
	struct pdf_tok t;
	size_t i, lo, pos;
	uint64_t off;

	if (len < 32)
		return -1;
	lo = len > PDF_TAIL_WINDOW ? len - PDF_TAIL_WINDOW : 0;
	for (i = len - (sizeof sx - 1); i > lo && memcmp(p + i, sx, sizeof sx - 1) != 0; i--)
		;
	if (memcmp(p + i, sx, sizeof sx - 1) != 0)
		return -1;
	pos = i + sizeof sx - 1;
	if (pdf_tok_next(&d, len, &pos, &t) != PDF_TK_NUM || pdf_span_uint(&d, t.a, t.b, &off) != 0 || off >= len)
		return -1;
	/* "%%EOF" reads as a comment to the tokenizer: look for it literally. */
	pos = t.b;
	while (pos < len && pdf_is_ws(p[pos]))
		pos++;
	if (len - pos < 5 || memcmp(p + pos, "%%EOF", 5) != 0)
		return -1;
	for (pos += 5; pos < len; pos++)
		if (!pdf_is_ws(p[pos]))
			return -1;
	*xref_off = (size_t)off;
	return 0;
}

/* Locate startxref and the newest trailer.  0 or -1. */
int pdf_doc_open(struct pdf_doc *d, const unsigned char *p, size_t len)
{
	d->p = p;
	d->len = len;
	if (len < 32 || memcmp(p, "%PDF-1.", 7) != 0 || pdf_startxref(p, len, &d->xref_off) != 0)
		return -1;
	return pdf_xref_each(d, d->xref_off, NULL, NULL, &d->trailer) == 0 ? 0 : -1;
}
