/*
 * fuzz_parsers.c — libFuzzer targets for every parser that reads untrusted
 * bytes.  One binary per target, chosen at compile time with -DTARGET_x:
 * query strings, cookies, multipart bodies, JSON, CSV imports, the
 * DigiLocker XML, uploaded documents (PDF cross-reference sections, PNG
 * and JPEG decoding), and a certificate's QR text and signed record.  Each
 * target also checks an
 * invariant of a successful parse (valid UTF-8 out, counts within limits).
 */
#include "../../src/util.h"
#include "../../src/req.h"
#include "../../src/json.h"
#include "../../src/csv.h"
#include "../../src/xmlmini.h"
#include "../../src/upcheck.h"
#include "../../src/cert_qr.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	struct arena a;
	arena_init(&a);
	/* NUL-terminated copy, as the server hands parsers */
	char *s = xmalloc(size + 1);
	memcpy(s, data, size);
	s[size] = '\0';
#if defined(TARGET_query)
	struct param *p;
	size_t n;
	if (parse_urlencoded(&a, s, size, 100, &p, &n) == PARSE_OK)
		for (size_t i = 0; i < n; i++)
			if (!utf8_valid(p[i].value, strlen(p[i].value)) || n > 100)
				abort();
#elif defined(TARGET_cookie)
	struct param *p;
	size_t n;
	if (parse_cookies(&a, s, 64, &p, &n) == PARSE_OK && n > 64)
		abort();
#elif defined(TARGET_multipart)
	/* first line is the Content-Type, the rest the body */
	char *nl = memchr(s, '\n', size);
	if (nl) {
		*nl = '\0';
		struct param *f;
		struct upload *u;
		size_t nf, nu;
		size_t off = (size_t)(nl + 1 - s);
		if (parse_multipart(&a, s, nl + 1, size - off, 50, &f, &nf, &u, &nu) == PARSE_OK)
			for (size_t i = 0; i < nu; i++)
				if (u[i].data < (unsigned char *)nl + 1 || u[i].data + u[i].len > (unsigned char *)s + size)
					abort();
	}
#elif defined(TARGET_json)
	const char *err;
	struct jval *v = json_parse(&a, s, size, &err);
	if (v) {
		struct sbuf b;
		struct jw w;
		sbuf_init(&b);
		jw_init(&w, &b);
		jw_value(&w, v);
		if (!json_parse(&a, b.data, b.len, &err))	/* what we write, we can read */
			abort();
		sbuf_free(&b);
	}
#elif defined(TARGET_csv)
	struct csv c;
	csv_init(&c, s, size);
	char **f;
	size_t nf;
	int rc, guard = 0;
	while ((rc = csv_next(&c, &a, &f, &nf)) != 0 && guard++ < 100000)
		if (rc > 0 && nf > 65)
			abort();
#elif defined(TARGET_xml)
	const char *t = xml_text_of(&a, s, size, "URI");
	const char *v = xml_attr(&a, s, size, "PullDocRequest", "ts");
	if ((t && !utf8_valid(t, strlen(t))) || (v && !utf8_valid(v, strlen(v))))
		abort();
#elif defined(TARGET_upload)
	/* accepted or refused with a rule, never both, never neither */
	const char *rule = NULL;
	const char *mime = upcheck_file(data, size, &rule);
	if ((mime == NULL) == (rule == NULL))
		abort();
#elif defined(TARGET_qr)
	/* the text a camera read: the URL, then its record; a record read
	 * back is valid UTF-8 for the URL's certificate, and its nine parts
	 * build the same record again */
	const char *number, *d, *sg;
	struct cert_record rec;
	const unsigned char *raw;
	size_t rawlen;
	unsigned char sig[64];
	if (cert_parse_qr(&a, s, &number, &d, &sg) && cert_record_read(&a, number, d, sg, &rec, &raw, &rawlen, sig)) {
		if (!str_eq(rec.number, number) || !utf8_valid((const char *)raw, rawlen))
			abort();
		/* (a newline in the name or fact is written as a space) */
		if (!memchr(raw, '\n', rawlen) &&
		    !str_eq(cert_record_text(&a, &rec, 2 * rawlen), arena_strndup(&a, (const char *)raw, rawlen)))
			abort();
	}
#else
#error "define TARGET_query, TARGET_cookie, TARGET_multipart, TARGET_json, TARGET_csv, TARGET_xml, TARGET_upload or TARGET_qr"
#endif
	free(s);
	arena_free(&a);
	return 0;
}
