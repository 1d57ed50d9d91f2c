/*
 * req.c — request parsers (query strings, form bodies, cookies, multipart),
 * parameter lookup, output escaping and response helpers.  The parsers treat
 * every byte as hostile: bounded counts, strict %-decoding, strict UTF-8, no
 * NUL bytes, and no reads past the input.
 */
#include "req.h"
#include "config.h"
#include "json.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

static int hexdig(int c)
{
	if (c >= '0' && c <= '9') return c - '0';
	if (c >= 'a' && c <= 'f') return c - 'a' + 10;
	if (c >= 'A' && c <= 'F') return c - 'A' + 10;
	return -1;
}

char *url_decode(struct arena *a, const char *s, size_t n, bool plus)
{
	char *o = arena_alloc(a, n + 1);
	size_t j = 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == '%') {
			if (i + 2 >= n)
				return NULL;
			int h = hexdig((unsigned char)s[i + 1]), l = hexdig((unsigned char)s[i + 2]);
			if (h < 0 || l < 0)
				return NULL;
			c = (char)(h << 4 | l);
			i += 2;
		} else if (c == '+' && plus) {
			c = ' ';
		}
		o[j++] = c;
	}
	o[j] = '\0';
	if (!utf8_valid(o, j))	/* rejects NUL too */
		return NULL;
	return o;
}

/* Appends one pair to a growing arena array. */
static void push_param(struct arena *a, struct param **arr, size_t *n, size_t *cap, const char *k, const char *v)
{
	if (*n == *cap) {
		size_t nc = *cap ? *cap * 2 : 16;
		struct param *p = arena_alloc(a, nc * sizeof *p);
		if (*n)
			memcpy(p, *arr, *n * sizeof *p);
		*arr = p;
		*cap = nc;
	}
	(*arr)[*n].name = k;
	(*arr)[*n].value = v;
	(*n)++;
}

int parse_urlencoded(struct arena *a, const char *s, size_t n, size_t max,
		     struct param **out, size_t *nout)
{
	size_t cap = 0, cnt = 0;
	struct param *arr = NULL;
	size_t i = 0;
	while (i < n) {
		size_t end = i;
		while (end < n && s[end] != '&' && s[end] != ';')
			end++;
		if (end > i) {
			const char *eq = memchr(s + i, '=', end - i);
			size_t klen = eq ? (size_t)(eq - (s + i)) : end - i;
			char *k = url_decode(a, s + i, klen, true);
			char *v = eq ? url_decode(a, eq + 1, (size_t)(s + end - eq - 1), true) : arena_strdup(a, "");
			if (!k || !v)
				return PARSE_BAD;
			if (cnt >= max)
				return PARSE_TOO_MANY;
			push_param(a, &arr, &cnt, &cap, k, v);
		}
		i = end + 1;
	}
	*out = arr;
	*nout = cnt;
	return PARSE_OK;
}

int parse_cookies(struct arena *a, const char *hdr, size_t max, struct param **out, size_t *nout)
{
	size_t cap = 0, cnt = 0, n = strlen(hdr);
	struct param *arr = NULL;
	size_t i = 0;
	while (i < n) {
		while (i < n && (hdr[i] == ' ' || hdr[i] == '\t'))
			i++;
		size_t end = i;
		while (end < n && hdr[end] != ';')
			end++;
		const char *eq = memchr(hdr + i, '=', end - i);
		if (eq && eq > hdr + i) {
			size_t klen = (size_t)(eq - (hdr + i));
			while (klen > 0 && hdr[i + klen - 1] == ' ')
				klen--;
			const char *v = eq + 1;
			size_t vlen = (size_t)(hdr + end - v);
			while (vlen > 0 && v[vlen - 1] == ' ')
				vlen--;
			if (vlen >= 2 && v[0] == '"' && v[vlen - 1] == '"') {
				v++;
				vlen -= 2;
			}
			if (!utf8_valid(hdr + i, klen) || !utf8_valid(v, vlen))
				return PARSE_BAD;
			if (cnt >= max)
				return PARSE_TOO_MANY;
			push_param(a, &arr, &cnt, &cap, arena_strndup(a, hdr + i, klen), arena_strndup(a, v, vlen));
		}
		i = end + 1;
	}
	*out = arr;
	*nout = cnt;
	return PARSE_OK;
}

/* Finds needle in hay (binary-safe); NULL when absent. */
static const char *memfind(const char *hay, size_t hn, const char *needle, size_t nn)
{
	if (nn == 0 || hn < nn)
		return NULL;
	return memmem(hay, hn, needle, nn);
}

/* Extracts a parameter (name="value" or name=value) from a header value. */
static char *header_attr(struct arena *a, const char *h, size_t hn, const char *attr)
{
	size_t an = strlen(attr);
	for (size_t i = 0; i + an < hn; i++) {
		if ((i == 0 || h[i - 1] == ';' || h[i - 1] == ' ') && strncasecmp(h + i, attr, an) == 0 && h[i + an] == '=') {
			const char *v = h + i + an + 1, *end = h + hn;
			if (v < end && *v == '"') {
				v++;
				const char *q = memchr(v, '"', (size_t)(end - v));
				if (!q)
					return NULL;
				return arena_strndup(a, v, (size_t)(q - v));
			}
			const char *e = v;
			while (e < end && *e != ';' && *e != ' ')
				e++;
			return arena_strndup(a, v, (size_t)(e - v));
		}
	}
	return NULL;
}

int parse_multipart(struct arena *a, const char *ctype, const char *body, size_t n, size_t max,
		    struct param **fields, size_t *nfields, struct upload **ups, size_t *nups)
{
	char *bnd = ctype ? header_attr(a, ctype, strlen(ctype), "boundary") : NULL;
	size_t bl = bnd ? strlen(bnd) : 0;
	if (bl == 0 || bl > 70)
		return PARSE_BAD;
	char *delim = arena_printf(a, "--%s", bnd);
	size_t dl = bl + 2;
	size_t fcap = 0, fcnt = 0, ucap = 0, ucnt = 0;
	struct param *farr = NULL;
	struct upload *uarr = NULL;

	const char *p = memfind(body, n, delim, dl);
	if (!p)
		return PARSE_BAD;
	const char *end = body + n;
	for (;;) {
		p += dl;
		if (end - p >= 2 && p[0] == '-' && p[1] == '-')
			break;	/* closing delimiter */
		if (end - p < 2 || p[0] != '\r' || p[1] != '\n')
			return PARSE_BAD;
		p += 2;
		const char *hend = memfind(p, (size_t)(end - p), "\r\n\r\n", 4);
		if (!hend)
			return PARSE_BAD;
		const char *data = hend + 4;
		char *d2 = arena_printf(a, "\r\n%s", delim);
		const char *next = memfind(data, (size_t)(end - data), d2, dl + 2);
		if (!next)
			return PARSE_BAD;
		/* headers of this part */
		char *name = NULL, *filename = NULL, *pct = NULL;
		const char *h = p;
		while (h < hend) {
			const char *le = memfind(h, (size_t)(hend + 2 - h), "\r\n", 2);
			if (!le)
				le = hend;
			size_t hl = (size_t)(le - h);
			if (hl > 20 && strncasecmp(h, "Content-Disposition:", 20) == 0) {
				name = header_attr(a, h + 20, hl - 20, "name");
				filename = header_attr(a, h + 20, hl - 20, "filename");
			} else if (hl > 13 && strncasecmp(h, "Content-Type:", 13) == 0) {
				pct = str_trim(arena_strndup(a, h + 13, hl - 13));
			}
			h = le + 2;
		}
		if (!name || !utf8_valid(name, strlen(name)) || (filename && !utf8_valid(filename, strlen(filename))))
			return PARSE_BAD;
		size_t dlen = (size_t)(next - data);
		if (fcnt + ucnt >= max)
			return PARSE_TOO_MANY;
		if (filename) {
			if (ucnt == ucap) {
				size_t nc = ucap ? ucap * 2 : 4;
				struct upload *u = arena_alloc(a, nc * sizeof *u);
				if (ucnt)
					memcpy(u, uarr, ucnt * sizeof *u);
				uarr = u;
				ucap = nc;
			}
			/* keep only the last path component of the client's name */
			const char *base = filename;
			for (const char *s = filename; *s; s++)
				if (*s == '/' || *s == '\\')
					base = s + 1;
			uarr[ucnt].field = name;
			uarr[ucnt].filename = base;
			uarr[ucnt].ctype = pct ? pct : "application/octet-stream";
			uarr[ucnt].data = (const unsigned char *)data;
			uarr[ucnt].len = dlen;
			ucnt++;
		} else {
			if (!utf8_valid(data, dlen))
				return PARSE_BAD;
			push_param(a, &farr, &fcnt, &fcap, name, arena_strndup(a, data, dlen));
		}
		p = next + 2;
	}
	*fields = farr;
	*nfields = fcnt;
	*ups = uarr;
	*nups = ucnt;
	return PARSE_OK;
}

static const char *lookup(const struct param *p, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(p[i].name, name) == 0)
			return p[i].value;
	return NULL;
}

void req_join_dates(struct arena *a, struct param **p, size_t *n)
{
	size_t add = 0;
	for (size_t i = 0; i < *n; i++)
		add += str_ends_with((*p)[i].name, "-day");
	if (!add)
		return;
	struct param *out = arena_alloc(a, (*n + add) * sizeof *out);
	memcpy(out, *p, *n * sizeof *out);
	size_t k = *n;
	for (size_t i = 0; i < *n; i++) {
		const char *nm = (*p)[i].name;
		if (!str_ends_with(nm, "-day"))
			continue;
		const char *base = arena_strndup(a, nm, strlen(nm) - 4);
		if (lookup(out, k, base))
			continue;
		out[k++] = (struct param){ base, date_join(a, (*p)[i].value, lookup(*p, *n, arena_printf(a, "%s-month", base)),
							   lookup(*p, *n, arena_printf(a, "%s-year", base))) };
	}
	*p = out;
	*n = k;
}

const char *req_query(const struct req *r, const char *name) { return lookup(r->q, r->nq, name); }
const char *req_form(const struct req *r, const char *name) { return lookup(r->f, r->nf, name); }
const char *req_cookie(const struct req *r, const char *name) { return lookup(r->c, r->nc, name); }

const char *req_param(const struct req *r, const char *name)
{
	const char *v = req_form(r, name);
	return v ? v : req_query(r, name);
}

size_t req_form_all(const struct req *r, const char *name, const char **out, size_t max)
{
	size_t k = 0;
	for (size_t i = 0; i < r->nf && k < max; i++)
		if (strcmp(r->f[i].name, name) == 0)
			out[k++] = r->f[i].value;
	return k;
}

const struct upload *req_upload(const struct req *r, const char *field)
{
	for (size_t i = 0; i < r->nu; i++)
		if (strcmp(r->u[i].field, field) == 0)
			return &r->u[i];
	return NULL;
}

void html_escape(struct sbuf *b, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '<': sbuf_adds(b, "&lt;"); break;
		case '>': sbuf_adds(b, "&gt;"); break;
		case '&': sbuf_adds(b, "&amp;"); break;
		case '"': sbuf_adds(b, "&quot;"); break;
		case '\'': sbuf_adds(b, "&#39;"); break;
		default: sbuf_addc(b, *s);
		}
	}
}

char *url_encode(struct arena *a, const char *s)
{
	static const char hx[] = "0123456789ABCDEF";
	size_t n = strlen(s);
	char *o = arena_alloc(a, n * 3 + 1), *q = o;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		    *p == '-' || *p == '_' || *p == '.' || *p == '~') {
			*q++ = (char)*p;
		} else {
			*q++ = '%';
			*q++ = hx[*p >> 4];
			*q++ = hx[*p & 15];
		}
	}
	*q = '\0';
	return o;
}

/* The byte a URL reader may see at s: a %XX escape decoded, else the byte
 * itself.  *len gets the bytes it took (1 or 3). */
static int url_byte(const char *s, size_t *len)
{
	int h = s[0] == '%' ? hexdig((unsigned char)s[1]) : -1;
	int l = h >= 0 ? hexdig((unsigned char)s[2]) : -1;
	if (l >= 0) {
		*len = 3;
		return h << 4 | l;
	}
	*len = 1;
	return (unsigned char)s[0];
}

/* A local path of at most 512 bytes: one '/', then a byte that is not '/',
 * '\\' or a control character, and no control character anywhere, both as
 * written and %-decoded.  Browsers drop tab, CR and LF inside a URL and read
 * '\\' as '/', so "/\t/evil.example" would be followed as "//evil.example",
 * another site; CR/LF would also split the header. */
bool url_is_local(const char *s)
{
	if (!s || s[0] != '/' || strlen(s) > 512)
		return false;
	size_t n;
	for (size_t i = 0; s[i]; i += n) {
		int c = url_byte(s + i, &n);
		if (c < 0x20 || c == 0x7f || (i == 1 && (c == '/' || c == '\\')))
			return false;
	}
	return true;
}

void resp_header(struct req *r, const char *name, const char *value)
{
	/* header values never carry CR/LF: drop any */
	sbuf_adds(&r->headers, name);
	sbuf_adds(&r->headers, ": ");
	for (const char *p = value; *p; p++)
		if (*p != '\r' && *p != '\n')
			sbuf_addc(&r->headers, *p);
	sbuf_adds(&r->headers, "\r\n");
}

void resp_cookie(struct req *r, const char *name, const char *value, long max_age)
{
	char *v = arena_printf(r->a, "%s=%s; Path=/; HttpOnly; SameSite=Lax%s; Max-Age=%ld", name, value,
			       cfg.secure_cookies ? "; Secure" : "", max_age);
	resp_header(r, "Set-Cookie", v);
}

void resp_redirect(struct req *r, const char *location)
{
	r->status = 303;
	resp_header(r, "Location", location);
	r->out_ctype = "text/plain; charset=utf-8";
	sbuf_reset(&r->out);
	r->sent = true;
}

void resp_json(struct req *r, int status, const struct sbuf *json)
{
	r->status = status;
	r->out_ctype = "application/json; charset=utf-8";
	sbuf_reset(&r->out);
	sbuf_add(&r->out, json->data, json->len);
	r->sent = true;
}

/* The body and a Content-Disposition of kind ("attachment", "inline")
 * naming the file, when name is given. */
static void resp_file(struct req *r, const char *ctype, const void *p, size_t n, const char *kind, const char *name)
{
	r->status = 200;
	r->out_ctype = ctype;
	sbuf_reset(&r->out);
	sbuf_add(&r->out, p, n);
	if (name) {
		/* the name is ours (certificate/application numbers), but keep it to safe bytes */
		char *safe = arena_strdup(r->a, name);
		for (char *s = safe; *s; s++)
			if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '.' || *s == '-'))
				*s = '_';
		resp_header(r, "Content-Disposition", arena_printf(r->a, "%s; filename=\"%s\"", kind, safe));
	}
	r->sent = true;
}

void resp_bytes(struct req *r, const char *ctype, const void *p, size_t n, const char *download_name)
{
	resp_file(r, ctype, p, n, "attachment", download_name);
}

void resp_inline(struct req *r, const char *ctype, const void *p, size_t n, const char *name)
{
	resp_file(r, ctype, p, n, "inline", name);
}
