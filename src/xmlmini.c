/*
 * xmlmini.c — tag text and attribute extraction.
 */
#include "xmlmini.h"

#include <string.h>

/* Finds "<tag" (optionally "<ns:tag") followed by space, '>' or '/'. */
static const char *find_open(const char *s, const char *end, const char *tag)
{
	size_t tl = strlen(tag);
	for (const char *p = s; p && p < end; p++) {
		p = memchr(p, '<', (size_t)(end - p));
		if (!p)
			return NULL;
		const char *name = p + 1;
		if (name < end && (*name == '/' || *name == '!' || *name == '?'))
			continue;
		/* skip a namespace prefix */
		const char *q = name;
		while (q < end && *q != ':' && *q != '>' && *q != ' ' && *q != '/' && *q != '\t' && *q != '\n' && *q != '\r')
			q++;
		if (q < end && *q == ':')
			name = q + 1;
		if ((size_t)(end - name) > tl && strncmp(name, tag, tl) == 0) {
			char c = name[tl];
			if (c == '>' || c == ' ' || c == '/' || c == '\t' || c == '\n' || c == '\r')
				return p;
		}
	}
	return NULL;
}

static char *decode(struct arena *a, const char *s, size_t n)
{
	struct sbuf b;
	sbuf_init(&b);
	for (size_t i = 0; i < n; i++) {
		if (s[i] != '&') {
			sbuf_addc(&b, s[i]);
			continue;
		}
		const char *semi = memchr(s + i, ';', n - i < 12 ? n - i : 12);
		if (!semi)
			goto bad;
		size_t el = (size_t)(semi - (s + i));
		if (el == 3 && strncmp(s + i, "&lt", 3) == 0) sbuf_addc(&b, '<');
		else if (el == 3 && strncmp(s + i, "&gt", 3) == 0) sbuf_addc(&b, '>');
		else if (el == 4 && strncmp(s + i, "&amp", 4) == 0) sbuf_addc(&b, '&');
		else if (el == 5 && strncmp(s + i, "&quot", 5) == 0) sbuf_addc(&b, '"');
		else if (el == 5 && strncmp(s + i, "&apos", 5) == 0) sbuf_addc(&b, '\'');
		else if (el >= 3 && s[i + 1] == '#') {
			unsigned long c = 0;
			bool hex = s[i + 2] == 'x';
			for (size_t k = hex ? 3 : 2; k < el; k++) {
				char d = s[i + k];
				int v = d >= '0' && d <= '9' ? d - '0' : hex && d >= 'a' && d <= 'f' ? d - 'a' + 10
					: hex && d >= 'A' && d <= 'F' ? d - 'A' + 10 : -1;
				if (v < 0 || c > 0x10FFFF)
					goto bad;
				c = c * (hex ? 16 : 10) + (unsigned long)v;
			}
			if (c == 0 || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
				goto bad;
			char u[4];
			size_t un;
			if (c < 0x80) { u[0] = (char)c; un = 1; }
			else if (c < 0x800) { u[0] = (char)(0xC0 | c >> 6); u[1] = (char)(0x80 | (c & 63)); un = 2; }
			else if (c < 0x10000) { u[0] = (char)(0xE0 | c >> 12); u[1] = (char)(0x80 | (c >> 6 & 63)); u[2] = (char)(0x80 | (c & 63)); un = 3; }
			else { u[0] = (char)(0xF0 | c >> 18); u[1] = (char)(0x80 | (c >> 12 & 63)); u[2] = (char)(0x80 | (c >> 6 & 63)); u[3] = (char)(0x80 | (c & 63)); un = 4; }
			sbuf_add(&b, u, un);
		} else {
			goto bad;
		}
		i += el;
	}
	if (!utf8_valid(b.data, b.len))
		goto bad;
	char *r = arena_strndup(a, b.data, b.len);
	sbuf_free(&b);
	return r;
bad:
	sbuf_free(&b);
	return NULL;
}

const char *xml_text_of(struct arena *a, const char *xml, size_t len, const char *tag)
{
	const char *end = xml + len;
	const char *o = find_open(xml, end, tag);
	if (!o)
		return NULL;
	const char *gt = memchr(o, '>', (size_t)(end - o));
	if (!gt || gt[-1] == '/')
		return gt ? arena_strdup(a, "") : NULL;
	const char *body = gt + 1;
	const char *close = memmem(body, (size_t)(end - body), "</", 2);
	if (!close)
		return NULL;
	if ((size_t)(close - body) > 9 && strncmp(body, "<![CDATA[", 9) == 0) {
		const char *ce = memmem(body + 9, (size_t)(end - body - 9), "]]>", 3);
		if (!ce || !utf8_valid(body + 9, (size_t)(ce - body - 9)))
			return NULL;
		return arena_strndup(a, body + 9, (size_t)(ce - body - 9));
	}
	return decode(a, body, (size_t)(close - body));
}

const char *xml_attr(struct arena *a, const char *xml, size_t len, const char *tag, const char *attr)
{
	const char *end = xml + len;
	const char *o = find_open(xml, end, tag);
	if (!o)
		return NULL;
	const char *gt = memchr(o, '>', (size_t)(end - o));
	if (!gt)
		return NULL;
	size_t al = strlen(attr);
	for (const char *p = o + 1; p + al + 2 < gt; p++) {
		if ((p[-1] == ' ' || p[-1] == '\t' || p[-1] == '\n') && strncmp(p, attr, al) == 0 && p[al] == '=' &&
		    (p[al + 1] == '"' || p[al + 1] == '\'')) {
			char q = p[al + 1];
			const char *v = p + al + 2;
			const char *ve = memchr(v, q, (size_t)(gt - v));
			if (!ve)
				return NULL;
			return decode(a, v, (size_t)(ve - v));
		}
	}
	return NULL;
}
