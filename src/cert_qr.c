/*
 * cert_qr.c — the QR record and verify URL of a certificate (cert_qr.h).
 */
#include "cert_qr.h"
#include "config.h"

#include <string.h>

#define RECORD_MAX 1000		/* bytes of a decoded record we accept */
#define RECORD_PARTS 9

char *cert_record_part(struct arena *a, const char *s, size_t max)
{
	char *o = arena_strdup(a, s ? s : "");
	for (char *p = o; *p; p++)
		if (*p == '|' || *p == '\n')
			*p = ' ';
	size_t n = strlen(o);
	if (n > max) {
		n = max;
		while (n > 0 && ((unsigned char)o[n] & 0xC0) == 0x80)
			n--;
		o[n] = '\0';
	}
	return o;
}

char *cert_record_text(struct arena *a, const struct cert_record *rec, size_t name_max)
{
	return arena_printf(a, "GS1|%s|%s|%s|%s|%s|%s|%s|%s", rec->kid, rec->number, rec->service,
			    cert_record_part(a, rec->holder, name_max), cert_record_part(a, rec->fact, name_max / 2), rec->issued,
			    rec->expires ? rec->expires : "-", rec->issuer);
}

char *cert_verify_url(struct arena *a, const char *number, const char *record, size_t len, const char *sig_b64)
{
	return arena_printf(a, "%s/v/%s?d=%s&s=%s", cfg.base_url, number, b64url_encode(a, (const unsigned char *)record, len),
			    sig_b64);
}

bool cert_parse_qr(struct arena *a, const char *text, const char **number, const char **d, const char **s)
{
	const char *v = text ? strstr(text, "/v/") : NULL;
	if (!v || strlen(text) > 2000)
		return false;
	v += 3;
	const char *q = strchr(v, '?');
	if (!q)
		return false;
	*number = arena_strndup(a, v, (size_t)(q - v));
	*d = *s = NULL;
	for (const char *p = q + 1; *p;) {
		const char *e = strchr(p, '&');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		if (n > 2 && p[0] == 'd' && p[1] == '=')
			*d = arena_strndup(a, p + 2, n - 2);
		else if (n > 2 && p[0] == 's' && p[1] == '=')
			*s = arena_strndup(a, p + 2, n - 2);
		p += n + (e ? 1 : 0);
	}
	return *d && *s;
}

bool cert_record_read(struct arena *a, const char *number, const char *d, const char *s, struct cert_record *rec,
		      const unsigned char **raw, size_t *rawlen, unsigned char sig[64])
{
	if (!number || !d || !s || strlen(d) > 1200 || strlen(s) != CERT_SIG_B64_LEN)
		return false;
	unsigned char *buf = arena_alloc(a, RECORD_MAX + 1), sb[70];
	long rn = b64url_decode(d, strlen(d), buf, RECORD_MAX);
	long sn = b64url_decode(s, strlen(s), sb, sizeof sb);
	if (rn <= 0 || sn != 64)
		return false;
	buf[rn] = '\0';
	if (!utf8_valid((char *)buf, (size_t)rn))
		return false;
	/* exactly nine parts, empty ones kept: a record without a fact has "||" */
	char *copy = arena_strdup(a, (char *)buf), *p[RECORD_PARTS];
	size_t n = 0;
	for (const char *c = copy; *c; c++)
		n += *c == '|';
	if (n != RECORD_PARTS - 1)
		return false;
	p[0] = copy;
	for (n = 1; n < RECORD_PARTS; n++) {
		char *bar = strchr(p[n - 1], '|');
		*bar = '\0';
		p[n] = bar + 1;
	}
	if (!str_eq(p[0], "GS1") || !str_eq(p[2], number))
		return false;
	*rec = (struct cert_record){ p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8] };
	*raw = buf;
	*rawlen = (size_t)rn;
	memcpy(sig, sb, 64);
	return true;
}
