/*
 * util.c — allocation wrappers, the per-request arena, growable buffers,
 * strict UTF-8 and number/date parsing, base64/hex, and IST time formatting.
 */
#include "util.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void oom(void)
{
	fputs("gramsewa: out of memory\n", stderr);
	abort();
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		oom();
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		oom();
	return p;
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		oom();
	return p;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char tmp[256];
	int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	if (n < 0)
		oom();
	if ((size_t)n < sizeof tmp)
		return xstrndup(tmp, (size_t)n);
	char *p = xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

/* ---- arena ---- */

struct arena_chunk {
	struct arena_chunk *next;	/* older chunk */
	size_t size;			/* usable bytes in data */
	size_t used;			/* bytes handed out */
	max_align_t data[];		/* storage */
};

#define ARENA_CHUNK (64 * 1024)

static struct arena_chunk *chunk_new(size_t size)
{
	struct arena_chunk *c = xmalloc(sizeof *c + size);
	c->next = NULL;
	c->size = size;
	c->used = 0;
	return c;
}

void arena_init(struct arena *a)
{
	a->head = chunk_new(ARENA_CHUNK);
	a->total = 0;
}

void *arena_alloc(struct arena *a, size_t n)
{
	n = (n + 15) & ~(size_t)15;
	if (!a->head)
		arena_init(a);
	struct arena_chunk *c = a->head;
	if (c->size - c->used < n) {
		size_t size = n > ARENA_CHUNK ? n : ARENA_CHUNK;
		struct arena_chunk *nc = chunk_new(size);
		nc->next = c;
		a->head = c = nc;
	}
	void *p = (char *)c->data + c->used;
	c->used += n;
	a->total += n;
	memset(p, 0, n);
	return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *arena_vprintf(struct arena *a, const char *fmt, va_list ap)
{
	/* most results are short (HDF names, dates): formatted once on the
	 * stack and copied; a longer one is measured by that pass and
	 * formatted again into its place (printing twice was a quarter of
	 * the desk page's instructions) */
	char buf[256];
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(buf, sizeof buf, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		oom();
	char *p = arena_alloc(a, (size_t)n + 1);
	if ((size_t)n < sizeof buf)
		memcpy(p, buf, (size_t)n + 1);
	else
		vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *p = arena_vprintf(a, fmt, ap);
	va_end(ap);
	return p;
}

void arena_reset(struct arena *a)
{
	struct arena_chunk *c = a->head;
	if (!c)
		return;
	/* keep the oldest (first) chunk: walk to it, free the rest */
	while (c->next) {
		struct arena_chunk *next = c->next;
		free(c);
		c = next;
	}
	c->used = 0;
	a->head = c;
	a->total = 0;
}

void arena_free(struct arena *a)
{
	struct arena_chunk *c = a->head;
	while (c) {
		struct arena_chunk *next = c->next;
		free(c);
		c = next;
	}
	a->head = NULL;
	a->total = 0;
}

/* ---- sbuf ---- */

void sbuf_init(struct sbuf *b)
{
	b->cap = 256;
	b->len = 0;
	b->data = xmalloc(b->cap);
	b->data[0] = '\0';
}

static void sbuf_grow(struct sbuf *b, size_t n)
{
	if (!b->data)
		sbuf_init(b);
	if (b->len + n + 1 <= b->cap)
		return;
	while (b->len + n + 1 > b->cap)
		b->cap *= 2;
	b->data = xrealloc(b->data, b->cap);
}

void sbuf_add(struct sbuf *b, const void *p, size_t n)
{
	sbuf_grow(b, n);
	memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void sbuf_adds(struct sbuf *b, const char *s)
{
	sbuf_add(b, s, strlen(s));
}

void sbuf_addc(struct sbuf *b, char c)
{
	sbuf_add(b, &c, 1);
}

void sbuf_printf(struct sbuf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		oom();
	sbuf_grow(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void sbuf_reset(struct sbuf *b)
{
	if (!b->data)
		sbuf_init(b);
	b->len = 0;
	b->data[0] = '\0';
}

void sbuf_free(struct sbuf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

char *sbuf_detach(struct sbuf *b)
{
	if (!b->data)
		sbuf_init(b);
	char *p = b->data;
	b->data = NULL;
	b->len = b->cap = 0;
	return p;
}

/* ---- strings ---- */

bool str_eq(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return strcmp(a, b) == 0;
}

bool str_starts(const char *s, const char *prefix)
{
	return s && strncmp(s, prefix, strlen(prefix)) == 0;
}

bool str_ends_with(const char *s, const char *suffix)
{
	size_t n = s ? strlen(s) : 0, m = strlen(suffix);
	return n >= m && strcmp(s + n - m, suffix) == 0;
}

bool str_empty(const char *s)
{
	return !s || !*s;
}

bool utf8_valid(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;
	while (i < n) {
		unsigned c = s[i];
		size_t need;
		unsigned min;
		if (c == 0)
			return false;
		if (c < 0x80) {
			i++;
			continue;
		} else if ((c & 0xE0) == 0xC0) {
			need = 1; min = 0x80; c &= 0x1F;
		} else if ((c & 0xF0) == 0xE0) {
			need = 2; min = 0x800; c &= 0x0F;
		} else if ((c & 0xF8) == 0xF0) {
			need = 3; min = 0x10000; c &= 0x07;
		} else {
			return false;
		}
		if (i + need >= n)
			return false;
		for (size_t k = 1; k <= need; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return false;
			c = (c << 6) | (s[i + k] & 0x3F);
		}
		if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
			return false;
		i += need + 1;
	}
	return true;
}

size_t utf8_chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

char *str_trim(char *s)
{
	while (*s && isspace((unsigned char)*s))
		s++;
	size_t n = strlen(s);
	while (n > 0 && isspace((unsigned char)s[n - 1]))
		s[--n] = '\0';
	return s;
}

bool str_digits(const char *s, size_t min, size_t max)
{
	if (!s)
		return false;
	size_t n = 0;
	for (; s[n]; n++)
		if (s[n] < '0' || s[n] > '9')
			return false;
	return n >= min && n <= max;
}

char *str_fill(struct arena *a, const char *tpl, const char *const *keys, const char *const *vals, size_t n, bool url)
{
	struct sbuf b;
	sbuf_init(&b);
	for (const char *p = tpl; *p;) {
		size_t k = 0;
		while (k < n && strncmp(p, keys[k], strlen(keys[k])) != 0)
			k++;
		if (k == n) {
			sbuf_addc(&b, *p++);
			continue;
		}
		const unsigned char *v = (const unsigned char *)(vals[k] ? vals[k] : "");
		for (; *v; v++)
			if (!url || (*v >= 'A' && *v <= 'Z') || (*v >= 'a' && *v <= 'z') || (*v >= '0' && *v <= '9') ||
			    strchr("-._~", *v))
				sbuf_addc(&b, (char)*v);
			else
				sbuf_printf(&b, "%%%02X", *v);
		p += strlen(keys[k]);
	}
	char *s = arena_strndup(a, b.data ? b.data : "", b.len);
	sbuf_free(&b);
	return s;
}

bool parse_long(const char *s, long min, long max, long *out)
{
	if (str_empty(s))
		return false;
	const char *p = s;
	if (*p == '-')
		p++;
	if (!*p || strlen(p) > 18)
		return false;
	for (const char *q = p; *q; q++)
		if (*q < '0' || *q > '9')
			return false;
	errno = 0;
	long v = strtol(s, NULL, 10);
	if (errno || v < min || v > max)
		return false;
	*out = v;
	return true;
}

bool parse_hours_range(const char *s, int *from_s, int *to_s)
{
	int h1, m1, h2, m2;
	char tail;
	if (!s || sscanf(s, "%2d:%2d-%2d:%2d%c", &h1, &m1, &h2, &m2, &tail) != 4)
		return false;
	if (h1 < 0 || h1 > 24 || h2 < 0 || h2 > 24 || m1 < 0 || m1 > 59 || m2 < 0 || m2 > 59)
		return false;
	*from_s = h1 * 3600 + m1 * 60;
	*to_s = h2 * 3600 + m2 * 60;
	return *from_s < *to_s && *to_s <= 86400;
}

bool parse_date(const char *s, int *y, int *m, int *d)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return false;
	int yy = atoi(s), mm = atoi(s + 5), dd = atoi(s + 8);
	if (yy < 1900 || yy > 2200 || mm < 1 || mm > 12 || dd < 1)
		return false;
	int lim = mdays[mm - 1];
	if (mm == 2 && ((yy % 4 == 0 && yy % 100 != 0) || yy % 400 == 0))
		lim = 29;
	if (dd > lim)
		return false;
	*y = yy; *m = mm; *d = dd;
	return true;
}

/* ---- encodings ---- */

char *hex_encode(struct arena *a, const unsigned char *p, size_t n)
{
	static const char hx[] = "0123456789abcdef";
	char *o = arena_alloc(a, n * 2 + 1);
	for (size_t i = 0; i < n; i++) {
		o[2 * i] = hx[p[i] >> 4];
		o[2 * i + 1] = hx[p[i] & 15];
	}
	return o;
}

static char *b64_enc(struct arena *a, const unsigned char *p, size_t n, const char *alpha, bool pad)
{
	char *o = arena_alloc(a, (n + 2) / 3 * 4 + 1), *q = o;
	size_t i = 0;
	for (; i + 2 < n; i += 3) {
		unsigned v = (unsigned)p[i] << 16 | (unsigned)p[i + 1] << 8 | p[i + 2];
		*q++ = alpha[v >> 18 & 63]; *q++ = alpha[v >> 12 & 63];
		*q++ = alpha[v >> 6 & 63]; *q++ = alpha[v & 63];
	}
	if (i < n) {
		unsigned v = (unsigned)p[i] << 16 | (i + 1 < n ? (unsigned)p[i + 1] << 8 : 0);
		*q++ = alpha[v >> 18 & 63]; *q++ = alpha[v >> 12 & 63];
		if (i + 1 < n)
			*q++ = alpha[v >> 6 & 63];
		else if (pad)
			*q++ = '=';
		if (pad)
			*q++ = '=';
	}
	*q = '\0';
	return o;
}

static long b64_dec(const char *s, size_t n, unsigned char *out, size_t outcap, bool url)
{
	unsigned v = 0;
	int bits = 0;
	size_t o = 0;
	while (n > 0 && s[n - 1] == '=')
		n--;
	if (n % 4 == 1)
		return -1;
	for (size_t i = 0; i < n; i++) {
		int c = (unsigned char)s[i], d;
		if (c >= 'A' && c <= 'Z') d = c - 'A';
		else if (c >= 'a' && c <= 'z') d = c - 'a' + 26;
		else if (c >= '0' && c <= '9') d = c - '0' + 52;
		else if (c == (url ? '-' : '+')) d = 62;
		else if (c == (url ? '_' : '/')) d = 63;
		else return -1;
		v = (v << 6) | (unsigned)d;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			if (o >= outcap)
				return -1;
			out[o++] = (unsigned char)(v >> bits);
		}
	}
	return (long)o;
}

char *b64url_encode(struct arena *a, const unsigned char *p, size_t n)
{
	return b64_enc(a, p, n, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", false);
}

long b64url_decode(const char *s, size_t n, unsigned char *out, size_t outcap)
{
	return b64_dec(s, n, out, outcap, true);
}

char *b64_encode(struct arena *a, const unsigned char *p, size_t n)
{
	return b64_enc(a, p, n, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", true);
}

long b64_decode(const char *s, size_t n, unsigned char *out, size_t outcap)
{
	return b64_dec(s, n, out, outcap, false);
}

/* ---- time ---- */

/* The test clock (see util.h): the GS_FAKE_NOW text last seen and the
 * offset it gives from the real clock.  Re-read when the variable changes,
 * so a unit test may set it more than once. */
static char fake_seen[64];
static long long fake_offset_us;

static long long real_usecs(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

long long now_usecs(void)
{
	long long real = real_usecs();
	const char *fake = getenv("GS_FAKE_NOW");
	if (!fake || !*fake)
		return real;
	if (strcmp(fake, fake_seen) != 0) {
		/* "T" or "T@A": T at real time A, or at this first reading */
		char *end;
		long long t = strtoll(fake, &end, 10);
		long long anchor = *end == '@' ? strtoll(end + 1, NULL, 10) * 1000000 : real;
		fake_offset_us = t * 1000000 - anchor;
		snprintf(fake_seen, sizeof fake_seen, "%s", fake);
	}
	return real + fake_offset_us;
}

time_t now_secs(void)
{
	return (time_t)(now_usecs() / 1000000);
}

bool clock_faked(void)
{
	const char *fake = getenv("GS_FAKE_NOW");
	return fake && *fake;
}

double now_mono(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void ist_tm(time_t t, struct tm *tm)
{
	time_t l = t + IST_OFFSET;
	gmtime_r(&l, tm);
}

long ist_day(time_t t)
{
	long long l = (long long)t + IST_OFFSET;
	return (long)(l >= 0 ? l / 86400 : -((-l + 86399) / 86400));
}

const char *ist_today(struct arena *a)
{
	struct tm tm;
	ist_tm(now_secs(), &tm);
	char *out = arena_alloc(a, 11);
	strftime(out, 11, "%Y-%m-%d", &tm);
	return out;
}

void fmt_iso_time(char out[32], time_t t)
{
	struct tm tm;
	ist_tm(t, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%S+05:30", &tm);
}

const char *month_name(int month, const char *lang)
{
	static const char *const en[12] = { "January", "February", "March", "April", "May", "June", "July",
					    "August", "September", "October", "November", "December" };
	static const char *const hi[12] = { "जनवरी", "फ़रवरी", "मार्च", "अप्रैल", "मई", "जून", "जुलाई",
					    "अगस्त", "सितंबर", "अक्टूबर", "नवंबर", "दिसंबर" };
	if (month < 1 || month > 12)
		return NULL;
	return str_eq(lang, "hi") ? hi[month - 1] : en[month - 1];
}

const char *date_long(struct arena *a, const char *stored, const char *lang)
{
	int y, m, d;
	if (!stored || strlen(stored) < 10)
		return stored;
	char ymd[11];
	memcpy(ymd, stored, 10);
	ymd[10] = '\0';
	if (!parse_date(ymd, &y, &m, &d))
		return stored;
	const char *rest = stored + 10;
	if (*rest == '\0')
		return arena_printf(a, "%d %s %d", d, month_name(m, lang), y);
	if ((*rest == ' ' || *rest == 'T') && strlen(rest) >= 6 && rest[1] >= '0' && rest[1] <= '2' && rest[3] == ':')
		return arena_printf(a, "%d %s %d, %.5s", d, month_name(m, lang), y, rest + 1);
	return stored;
}

const char *date_join(struct arena *a, const char *day, const char *month, const char *year)
{
	const char *t[] = { day ? day : "", month ? month : "", year ? year : "" };
	for (size_t i = 0; i < 3; i++)
		t[i] = str_trim(arena_strdup(a, t[i]));
	if (!*t[0] && !*t[1] && !*t[2])
		return "";
	long d, m, y;
	if (str_digits(t[0], 1, 2) && str_digits(t[1], 1, 2) && str_digits(t[2], 4, 4) && parse_long(t[0], 1, 31, &d) &&
	    parse_long(t[1], 1, 12, &m) && parse_long(t[2], 1000, 9999, &y))
		return arena_printf(a, "%04ld-%02ld-%02ld", y, m, d);
	/* not a date: form_check says so on the field */
	return arena_printf(a, "%s-%s-%s", t[2], t[1], t[0]);
}

const char *sql_time_iso(struct arena *a, const char *s)
{
	size_t n = s ? strlen(s) : 0;
	if (n < 16 || s[10] != ' ')
		return s;
	return arena_printf(a, "%.10sT%.5s:%.2s+05:30", s, s + 11, n >= 19 ? s + 17 : "00");
}

void fmt_sql_time(char out[20], time_t t)
{
	struct tm tm;
	ist_tm(t, &tm);
	strftime(out, 20, "%Y-%m-%d %H:%M:%S", &tm);
}

/* "YYYY-MM-DD HH:MM[:SS]" or ISO 8601 with +05:30 (IST) to the stored
 * form, or NULL. */
const char *ist_datetime_in(struct arena *a, const char *s)
{
	int y, mo, d, h, mi, sec = 0;
	size_t n = s ? strlen(s) : 0;
	if (n < 16 || !parse_date(arena_strndup(a, s, 10), &y, &mo, &d) || (s[10] != ' ' && s[10] != 'T'))
		return NULL;
	if (sscanf(s + 11, "%2d:%2d", &h, &mi) != 2 || h > 23 || mi > 59 || h < 0 || mi < 0)
		return NULL;
	const char *rest = s + 16;
	if (*rest == ':') {
		if (sscanf(rest + 1, "%2d", &sec) != 1 || sec < 0 || sec > 59)
			return NULL;
		rest += 3;
	}
	if (*rest && !str_eq(rest, "+05:30"))
		return NULL;
	return arena_printf(a, "%04d-%02d-%02d %02d:%02d:%02d", y, mo, d, h, mi, sec);
}
