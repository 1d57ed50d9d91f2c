/*
 * json.c — recursive-descent JSON reader (RFC 8259, strict) and writer.
 */
#include "json.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct jp {
	struct arena *a;	/* where the tree goes */
	const char *s;		/* input */
	size_t len, pos;	/* input length, cursor */
	const char *err;	/* first error */
	int depth;		/* current nesting */
};

static struct jval *jp_value(struct jp *p);

static void jp_fail(struct jp *p, const char *what)
{
	if (!p->err)
		p->err = arena_printf(p->a, "%s at byte %zu", what, p->pos);
}

static void jp_ws(struct jp *p)
{
	while (p->pos < p->len) {
		char c = p->s[p->pos];
		if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
			break;
		p->pos++;
	}
}

static bool jp_lit(struct jp *p, const char *lit)
{
	size_t n = strlen(lit);
	if (p->len - p->pos < n || memcmp(p->s + p->pos, lit, n) != 0)
		return false;
	p->pos += n;
	return true;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9') return c - '0';
	if (c >= 'a' && c <= 'f') return c - 'a' + 10;
	if (c >= 'A' && c <= 'F') return c - 'A' + 10;
	return -1;
}

static bool jp_hex4(struct jp *p, unsigned *out)
{
	if (p->len - p->pos < 4)
		return false;
	unsigned v = 0;
	for (int i = 0; i < 4; i++) {
		int h = hexval(p->s[p->pos + (size_t)i]);
		if (h < 0)
			return false;
		v = v << 4 | (unsigned)h;
	}
	p->pos += 4;
	*out = v;
	return true;
}

static void put_utf8(struct sbuf *b, unsigned c)
{
	char u[4];
	size_t n;
	if (c < 0x80) { u[0] = (char)c; n = 1; }
	else if (c < 0x800) { u[0] = (char)(0xC0 | c >> 6); u[1] = (char)(0x80 | (c & 63)); n = 2; }
	else if (c < 0x10000) { u[0] = (char)(0xE0 | c >> 12); u[1] = (char)(0x80 | (c >> 6 & 63)); u[2] = (char)(0x80 | (c & 63)); n = 3; }
	else { u[0] = (char)(0xF0 | c >> 18); u[1] = (char)(0x80 | (c >> 12 & 63)); u[2] = (char)(0x80 | (c >> 6 & 63)); u[3] = (char)(0x80 | (c & 63)); n = 4; }
	sbuf_add(b, u, n);
}

/* Reads a string literal (cursor on the opening quote) into the arena. */
static char *jp_string(struct jp *p, size_t *outlen)
{
	/* most strings have no escape: copied from the text in one piece
	 * (character by character through a buffer was half the QR page's
	 * instructions, parsing the certificate's facts) */
	size_t start = p->pos + 1, end = start;
	while (end < p->len && p->s[end] != '"' && p->s[end] != '\\' && (unsigned char)p->s[end] >= 0x20)
		end++;
	if (end < p->len && p->s[end] == '"') {
		p->pos = end + 1;
		if (!utf8_valid(p->s + start, end - start)) {
			jp_fail(p, "invalid UTF-8 in string");
			return NULL;
		}
		if (outlen)
			*outlen = end - start;
		return arena_strndup(p->a, p->s + start, end - start);
	}
	struct sbuf b;
	sbuf_init(&b);
	p->pos++;
	while (p->pos < p->len) {
		unsigned char c = (unsigned char)p->s[p->pos];
		if (c == '"') {
			p->pos++;
			if (!utf8_valid(b.data, b.len)) {
				jp_fail(p, "invalid UTF-8 in string");
				goto fail;
			}
			char *r = arena_strndup(p->a, b.data, b.len);
			if (outlen)
				*outlen = b.len;
			sbuf_free(&b);
			return r;
		}
		if (c < 0x20) {
			jp_fail(p, "control character in string");
			goto fail;
		}
		if (c != '\\') {
			sbuf_addc(&b, (char)c);
			p->pos++;
			continue;
		}
		p->pos++;
		if (p->pos >= p->len)
			break;
		char e = p->s[p->pos++];
		unsigned u, lo;
		switch (e) {
		case '"': sbuf_addc(&b, '"'); break;
		case '\\': sbuf_addc(&b, '\\'); break;
		case '/': sbuf_addc(&b, '/'); break;
		case 'b': sbuf_addc(&b, '\b'); break;
		case 'f': sbuf_addc(&b, '\f'); break;
		case 'n': sbuf_addc(&b, '\n'); break;
		case 'r': sbuf_addc(&b, '\r'); break;
		case 't': sbuf_addc(&b, '\t'); break;
		case 'u':
			if (!jp_hex4(p, &u))
				goto bad_escape;
			if (u >= 0xD800 && u <= 0xDBFF) {
				if (!jp_lit(p, "\\u") || !jp_hex4(p, &lo) || lo < 0xDC00 || lo > 0xDFFF)
					goto bad_escape;
				u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
			} else if (u >= 0xDC00 && u <= 0xDFFF) {
				goto bad_escape;
			}
			if (u == 0) {
				jp_fail(p, "NUL character in string");
				goto fail;
			}
			put_utf8(&b, u);
			break;
		default:
			goto bad_escape;
		}
	}
	jp_fail(p, "unterminated string");
	goto fail;
bad_escape:
	jp_fail(p, "bad escape in string");
fail:
	sbuf_free(&b);
	return NULL;
}

static struct jval *jp_new(struct jp *p, enum jtype t)
{
	struct jval *v = arena_alloc(p->a, sizeof *v);
	v->type = t;
	return v;
}

static struct jval *jp_number(struct jp *p)
{
	size_t start = p->pos;
	if (p->s[p->pos] == '-')
		p->pos++;
	if (p->pos >= p->len)
		goto bad;
	if (p->s[p->pos] == '0') {
		p->pos++;
	} else if (p->s[p->pos] >= '1' && p->s[p->pos] <= '9') {
		while (p->pos < p->len && p->s[p->pos] >= '0' && p->s[p->pos] <= '9')
			p->pos++;
	} else {
		goto bad;
	}
	if (p->pos < p->len && p->s[p->pos] == '.') {
		p->pos++;
		size_t d = p->pos;
		while (p->pos < p->len && p->s[p->pos] >= '0' && p->s[p->pos] <= '9')
			p->pos++;
		if (p->pos == d)
			goto bad;
	}
	if (p->pos < p->len && (p->s[p->pos] == 'e' || p->s[p->pos] == 'E')) {
		p->pos++;
		if (p->pos < p->len && (p->s[p->pos] == '+' || p->s[p->pos] == '-'))
			p->pos++;
		size_t d = p->pos;
		while (p->pos < p->len && p->s[p->pos] >= '0' && p->s[p->pos] <= '9')
			p->pos++;
		if (p->pos == d)
			goto bad;
	}
	if (p->pos - start > 40)
		goto bad;
	struct jval *v = jp_new(p, J_NUM);
	v->str = arena_strndup(p->a, p->s + start, p->pos - start);
	v->num = strtod(v->str, NULL);
	if (!isfinite(v->num))
		goto bad;
	return v;
bad:
	jp_fail(p, "malformed number");
	return NULL;
}

/* Reads an array or object; `close` is ']' or '}'. */
static struct jval *jp_container(struct jp *p, enum jtype t)
{
	char close = t == J_ARR ? ']' : '}';
	if (++p->depth > JSON_MAX_DEPTH) {
		jp_fail(p, "nesting too deep");
		return NULL;
	}
	p->pos++;
	size_t cap = 8, n = 0;
	struct jval **kids = xmalloc(cap * sizeof *kids);
	char **keys = t == J_OBJ ? xmalloc(cap * sizeof *keys) : NULL;
	struct jval *v = NULL;
	jp_ws(p);
	if (p->pos < p->len && p->s[p->pos] == close) {
		p->pos++;
		goto done;
	}
	for (;;) {
		char *key = NULL;
		jp_ws(p);
		if (t == J_OBJ) {
			if (p->pos >= p->len || p->s[p->pos] != '"') {
				jp_fail(p, "expected a string key");
				goto fail;
			}
			if (!(key = jp_string(p, NULL)))
				goto fail;
			jp_ws(p);
			if (p->pos >= p->len || p->s[p->pos] != ':') {
				jp_fail(p, "expected ':'");
				goto fail;
			}
			p->pos++;
		}
		struct jval *item = jp_value(p);
		if (!item)
			goto fail;
		if (n == cap) {
			cap *= 2;
			kids = xrealloc(kids, cap * sizeof *kids);
			if (keys)
				keys = xrealloc(keys, cap * sizeof *keys);
		}
		kids[n] = item;
		if (keys)
			keys[n] = key;
		n++;
		jp_ws(p);
		if (p->pos < p->len && p->s[p->pos] == ',') {
			p->pos++;
			continue;
		}
		if (p->pos < p->len && p->s[p->pos] == close) {
			p->pos++;
			break;
		}
		jp_fail(p, t == J_ARR ? "expected ',' or ']'" : "expected ',' or '}'");
		goto fail;
	}
done:
	v = jp_new(p, t);
	v->n = n;
	v->kids = arena_alloc(p->a, (n ? n : 1) * sizeof *kids);
	memcpy(v->kids, kids, n * sizeof *kids);
	if (keys) {
		v->keys = arena_alloc(p->a, (n ? n : 1) * sizeof *keys);
		memcpy(v->keys, keys, n * sizeof *keys);
	}
fail:
	free(kids);
	free(keys);
	p->depth--;
	return v;
}

static struct jval *jp_value(struct jp *p)
{
	jp_ws(p);
	if (p->pos >= p->len) {
		jp_fail(p, "unexpected end of input");
		return NULL;
	}
	char c = p->s[p->pos];
	struct jval *v;
	switch (c) {
	case '{': return jp_container(p, J_OBJ);
	case '[': return jp_container(p, J_ARR);
	case '"':
		v = jp_new(p, J_STR);
		v->str = jp_string(p, &v->n);
		return v->str ? v : NULL;
	case 't':
	case 'f':
		if (jp_lit(p, "true") || jp_lit(p, "false")) {
			v = jp_new(p, J_BOOL);
			v->b = c == 't';
			return v;
		}
		break;
	case 'n':
		if (jp_lit(p, "null"))
			return jp_new(p, J_NULL);
		break;
	default:
		if (c == '-' || (c >= '0' && c <= '9'))
			return jp_number(p);
	}
	jp_fail(p, "unexpected character");
	return NULL;
}

struct jval *json_parse(struct arena *a, const char *text, size_t len, const char **err)
{
	struct jp p = { .a = a, .s = text, .len = len };
	struct jval *v = jp_value(&p);
	if (v) {
		jp_ws(&p);
		if (p.pos != p.len) {
			jp_fail(&p, "trailing characters");
			v = NULL;
		}
	}
	if (!v && err)
		*err = p.err ? p.err : "invalid JSON";
	return v;
}

struct jval *json_get(const struct jval *obj, const char *key)
{
	if (!obj || obj->type != J_OBJ)
		return NULL;
	for (size_t i = 0; i < obj->n; i++)
		if (strcmp(obj->keys[i], key) == 0)
			return obj->kids[i];
	return NULL;
}

const char *json_get_str(const struct jval *obj, const char *key)
{
	struct jval *v = json_get(obj, key);
	return v && v->type == J_STR ? v->str : NULL;
}

bool json_is_int(const struct jval *v, long *out)
{
	if (!v || v->type != J_NUM || strpbrk(v->str, ".eE"))
		return false;
	return parse_long(v->str, -999999999999999L, 999999999999999L, out);
}

bool json_get_long(const struct jval *obj, const char *key, long *out)
{
	return json_is_int(json_get(obj, key), out);
}

bool json_get_bool(const struct jval *obj, const char *key, bool def)
{
	struct jval *v = json_get(obj, key);
	return v && v->type == J_BOOL ? v->b : def;
}

/* ---- writer ---- */

void json_escape(struct sbuf *b, const char *s)
{
	static const char hx[] = "0123456789abcdef";
	sbuf_addc(b, '"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		unsigned char c = *p;
		switch (c) {
		case '"': sbuf_adds(b, "\\\""); break;
		case '\\': sbuf_adds(b, "\\\\"); break;
		case '\n': sbuf_adds(b, "\\n"); break;
		case '\r': sbuf_adds(b, "\\r"); break;
		case '\t': sbuf_adds(b, "\\t"); break;
		case '<': sbuf_adds(b, "\\u003c"); break;	/* safe inside <script> */
		case '>': sbuf_adds(b, "\\u003e"); break;
		case '&': sbuf_adds(b, "\\u0026"); break;
		default:
			if (c < 0x20) {
				char u[6] = { '\\', 'u', '0', '0', hx[c >> 4], hx[c & 15] };
				sbuf_add(b, u, 6);
			} else {
				sbuf_addc(b, (char)c);
			}
		}
	}
	sbuf_addc(b, '"');
}

void jw_init(struct jw *w, struct sbuf *b)
{
	memset(w, 0, sizeof *w);
	w->b = b;
	w->first[0] = true;
}

static void jw_sep(struct jw *w)
{
	if (w->after_key) {
		w->after_key = false;
		return;
	}
	if (!w->first[w->depth])
		sbuf_addc(w->b, ',');
	w->first[w->depth] = false;
}

static void jw_open(struct jw *w, char c)
{
	jw_sep(w);
	sbuf_addc(w->b, c);
	if (w->depth < JSON_MAX_DEPTH - 1)
		w->depth++;
	w->first[w->depth] = true;
}

static void jw_close(struct jw *w, char c)
{
	sbuf_addc(w->b, c);
	if (w->depth > 0)
		w->depth--;
}

void jw_obj(struct jw *w) { jw_open(w, '{'); }
void jw_obj_end(struct jw *w) { jw_close(w, '}'); }
void jw_arr(struct jw *w) { jw_open(w, '['); }
void jw_arr_end(struct jw *w) { jw_close(w, ']'); }

void jw_key(struct jw *w, const char *k)
{
	jw_sep(w);
	json_escape(w->b, k);
	sbuf_addc(w->b, ':');
	w->after_key = true;
}

void jw_str(struct jw *w, const char *s)
{
	jw_sep(w);
	if (s)
		json_escape(w->b, s);
	else
		sbuf_adds(w->b, "null");
}

void jw_int(struct jw *w, long long v)
{
	jw_sep(w);
	sbuf_printf(w->b, "%lld", v);
}

void jw_bool(struct jw *w, bool v)
{
	jw_sep(w);
	sbuf_adds(w->b, v ? "true" : "false");
}

void jw_null(struct jw *w)
{
	jw_sep(w);
	sbuf_adds(w->b, "null");
}

void jw_raw(struct jw *w, const char *json)
{
	jw_sep(w);
	sbuf_adds(w->b, json);
}

void jw_value(struct jw *w, const struct jval *v)
{
	if (!v) {
		jw_null(w);
		return;
	}
	switch (v->type) {
	case J_NULL: jw_null(w); break;
	case J_BOOL: jw_bool(w, v->b); break;
	case J_NUM: jw_raw(w, v->str); break;
	case J_STR: jw_str(w, v->str); break;
	case J_ARR:
		jw_arr(w);
		for (size_t i = 0; i < v->n; i++)
			jw_value(w, v->kids[i]);
		jw_arr_end(w);
		break;
	case J_OBJ:
		jw_obj(w);
		for (size_t i = 0; i < v->n; i++) {
			jw_key(w, v->keys[i]);
			jw_value(w, v->kids[i]);
		}
		jw_obj_end(w);
		break;
	}
}

void jw_kstr(struct jw *w, const char *k, const char *s) { jw_key(w, k); jw_str(w, s); }

char *json_strobj(struct arena *a, const char *key, ...)
{
	struct sbuf b;
	struct jw w;
	va_list ap;
	sbuf_init(&b);
	jw_init(&w, &b);
	jw_obj(&w);
	va_start(ap, key);
	for (const char *k = key; k; k = va_arg(ap, const char *))
		jw_kstr(&w, k, va_arg(ap, const char *));
	va_end(ap);
	jw_obj_end(&w);
	char *out = arena_strdup(a, b.data);
	sbuf_free(&b);
	return out;
}
void jw_kint(struct jw *w, const char *k, long long v) { jw_key(w, k); jw_int(w, v); }
void jw_kbool(struct jw *w, const char *k, bool v) { jw_key(w, k); jw_bool(w, v); }
