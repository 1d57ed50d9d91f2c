/*
 * csv.c — the CSV reader.
 */
#include "csv.h"

#include <stdio.h>
#include <string.h>

void csv_init(struct csv *c, const char *s, size_t len)
{
	memset(c, 0, sizeof *c);
	c->s = s;
	c->len = len;
	c->line = 1;
	if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
		c->pos = 3;
}

/* Skips to the start of the next line after an error. */
static void skip_line(struct csv *c)
{
	while (c->pos < c->len && c->s[c->pos] != '\n')
		c->pos++;
	if (c->pos < c->len) {
		c->pos++;
		c->line++;
	}
}

int csv_next(struct csv *c, struct arena *a, char ***fields, size_t *nfields)
{
	/* skip blank lines */
	while (c->pos < c->len && (c->s[c->pos] == '\n' || c->s[c->pos] == '\r')) {
		if (c->s[c->pos] == '\n')
			c->line++;
		c->pos++;
	}
	if (c->pos >= c->len)
		return 0;
	c->rec_line = c->line;
	size_t cap = 8, n = 0;
	char **f = arena_alloc(a, cap * sizeof *f);
	struct sbuf b;
	sbuf_init(&b);
	for (;;) {
		sbuf_reset(&b);
		bool quoted = false;
		if (c->pos < c->len && c->s[c->pos] == '"') {
			quoted = true;
			c->pos++;
			for (;;) {
				if (c->pos >= c->len) {
					snprintf(c->err, sizeof c->err, "unterminated quoted field");
					goto fail;
				}
				char ch = c->s[c->pos++];
				if (ch == '"') {
					if (c->pos < c->len && c->s[c->pos] == '"') {
						sbuf_addc(&b, '"');
						c->pos++;
						continue;
					}
					break;
				}
				if (ch == '\n')
					c->line++;
				sbuf_addc(&b, ch);
			}
		} else {
			while (c->pos < c->len && c->s[c->pos] != ',' && c->s[c->pos] != '\n' &&
			       !(c->s[c->pos] == '\r' && c->pos + 1 < c->len && c->s[c->pos + 1] == '\n') &&
			       !(c->s[c->pos] == '\r' && c->pos + 1 == c->len)) {
				if (c->s[c->pos] == '"') {
					snprintf(c->err, sizeof c->err, "quote inside an unquoted field");
					goto fail;
				}
				sbuf_addc(&b, c->s[c->pos++]);
			}
		}
		if (!utf8_valid(b.data, b.len)) {
			snprintf(c->err, sizeof c->err, "field %zu is not valid UTF-8 (or has a NUL byte)", n + 1);
			goto fail;
		}
		if (n == cap) {
			char **g = arena_alloc(a, cap * 2 * sizeof *g);
			memcpy(g, f, n * sizeof *f);
			f = g;
			cap *= 2;
		}
		f[n++] = arena_strndup(a, b.data, b.len);
		if (n > 64) {
			snprintf(c->err, sizeof c->err, "too many fields");
			goto fail;
		}
		if (c->pos >= c->len)
			break;
		char ch = c->s[c->pos];
		if (ch == ',') {
			c->pos++;
			continue;
		}
		if (ch == '\r')
			c->pos++;
		if (c->pos < c->len && c->s[c->pos] == '\n') {
			c->pos++;
			c->line++;
			break;
		}
		if (c->pos >= c->len)
			break;
		snprintf(c->err, sizeof c->err, quoted ? "text after a closing quote" : "bad line ending");
		goto fail;
	}
	sbuf_free(&b);
	*fields = f;
	*nfields = n;
	return 1;
fail:
	sbuf_free(&b);
	skip_line(c);
	return -1;
}

void csv_cell(struct sbuf *b, const char *s)
{
	sbuf_addc(b, '"');
	if (s && *s && strchr("=+-@", s[0]))
		sbuf_addc(b, '\'');
	for (; s && *s; s++) {
		if (*s == '"')
			sbuf_addc(b, '"');
		sbuf_addc(b, *s);
	}
	sbuf_addc(b, '"');
}
