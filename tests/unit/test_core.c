/*
 * test_core.c — unit tests for the pure parts of the request core: the
 * parsers, JSON, UTF-8, dates, base64, the arena, config, route matching.
 */
#include "../../src/util.h"
#include "../../src/json.h"
#include "../../src/req.h"
#include "../../src/config.h"
#include "tap.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static struct arena A;

static void setup(void) { arena_init(&A); }
static void teardown(void) { arena_free(&A); }

START_TEST(urlencoded_basic)
{
	struct param *p;
	size_t n;
	const char *s = "a=1&b=hello+world&c=%E0%A4%A8%E0%A4%BE%E0%A4%AE&d&e=";
	ck_assert_int_eq(parse_urlencoded(&A, s, strlen(s), 10, &p, &n), PARSE_OK);
	ck_assert_uint_eq(n, 5);
	ck_assert_str_eq(p[1].value, "hello world");
	ck_assert_str_eq(p[2].value, "नाम");
	ck_assert_str_eq(p[3].name, "d");
	ck_assert_str_eq(p[3].value, "");
}
END_TEST

START_TEST(urlencoded_bad)
{
	struct param *p;
	size_t n;
	const char *bad[] = { "a=%", "a=%4", "a=%zz", "a=%00", "a=%C3%28", "%FF=1", "a=%ED%A0%80" };
	for (size_t i = 0; i < ARRAY_LEN(bad); i++)
		ck_assert_msg(parse_urlencoded(&A, bad[i], strlen(bad[i]), 10, &p, &n) == PARSE_BAD, "%s", bad[i]);
	ck_assert_int_eq(parse_urlencoded(&A, "a=1&b=2&c=3", 11, 2, &p, &n), PARSE_TOO_MANY);
}
END_TEST

START_TEST(cookies)
{
	struct param *p;
	size_t n;
	ck_assert_int_eq(parse_cookies(&A, "gs_s=abc; lang=hi;junk; x=\"q\"", 10, &p, &n), PARSE_OK);
	ck_assert_uint_eq(n, 3);
	ck_assert_str_eq(p[1].name, "lang");
	ck_assert_str_eq(p[1].value, "hi");
	ck_assert_str_eq(p[2].value, "q");
	ck_assert_int_eq(parse_cookies(&A, "a=\xff", 10, &p, &n), PARSE_BAD);
}
END_TEST

START_TEST(multipart_ok)
{
	const char *ct = "multipart/form-data; boundary=XyZ";
	const char body[] = "--XyZ\r\nContent-Disposition: form-data; name=\"doc_type\"\r\n\r\nincome\r\n"
			    "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"C:\\\\tmp\\\\a.pdf\"\r\n"
			    "Content-Type: application/pdf\r\n\r\n%PDF-1.4\x00\x01\r\n--XyZ--\r\n";
	struct param *f;
	struct upload *u;
	size_t nf, nu;
	ck_assert_int_eq(parse_multipart(&A, ct, body, sizeof body - 1, 10, &f, &nf, &u, &nu), PARSE_OK);
	ck_assert_uint_eq(nf, 1);
	ck_assert_str_eq(f[0].value, "income");
	ck_assert_uint_eq(nu, 1);
	ck_assert_uint_eq(u[0].len, 10);
	ck_assert_str_eq(u[0].filename, "a.pdf");
}
END_TEST

START_TEST(multipart_bad)
{
	struct param *f;
	struct upload *u;
	size_t nf, nu;
	const char *cases[][2] = {
		{ "multipart/form-data", "--a\r\n\r\n" },
		{ "multipart/form-data; boundary=a", "garbage" },
		{ "multipart/form-data; boundary=a", "--a\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\nno end" },
		{ "multipart/form-data; boundary=a", "--a\r\nContent-Disposition: form-data\r\n\r\nv\r\n--a--" },
		{ "multipart/form-data; boundary=a", "--a\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\n\xff\r\n--a--" },
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++)
		ck_assert_msg(parse_multipart(&A, cases[i][0], cases[i][1], strlen(cases[i][1]), 10, &f, &nf, &u, &nu) ==
			      PARSE_BAD, "case %zu", i);
}
END_TEST

START_TEST(json_roundtrip)
{
	const char *err = NULL;
	const char *s = "{\"a\": [1, 2.5, -3e2, true, false, null], \"b\": \"x\\u0928\\\"\\n\", \"c\": {}}";
	struct jval *v = json_parse(&A, s, strlen(s), &err);
	ck_assert_ptr_nonnull(v);
	ck_assert_uint_eq(json_get(v, "a")->n, 6);
	ck_assert_str_eq(json_get_str(v, "b"), "xन\"\n");
	struct sbuf b;
	struct jw w;
	sbuf_init(&b);
	jw_init(&w, &b);
	jw_value(&w, v);
	ck_assert_str_eq(b.data, "{\"a\":[1,2.5,-3e2,true,false,null],\"b\":\"xन\\\"\\n\",\"c\":{}}");
	sbuf_free(&b);
}
END_TEST

START_TEST(json_bad)
{
	const char *bad[] = { "", "{", "[1,]", "{\"a\":1,}", "\"\\u0000\"", "\"\\ud800\"", "01", "1.", "[1] x",
			      "\"\xff\"", "{a:1}", "nul", "\"a\nb\"" };
	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		const char *err = NULL;
		ck_assert_msg(json_parse(&A, bad[i], strlen(bad[i]), &err) == NULL, "accepted %s", bad[i]);
		ck_assert_ptr_nonnull(err);
	}
	char deep[200];
	memset(deep, '[', 100);
	memset(deep + 100, ']', 100);
	ck_assert_ptr_null(json_parse(&A, deep, 200, NULL));
}
END_TEST

START_TEST(json_escape_html)
{
	struct sbuf b;
	sbuf_init(&b);
	json_escape(&b, "</script>&\x01");
	ck_assert_str_eq(b.data, "\"\\u003c/script\\u003e\\u0026\\u0001\"");
	sbuf_free(&b);
}
END_TEST

START_TEST(utf8_rules)
{
	ck_assert(utf8_valid("नमस्ते", strlen("नमस्ते")));
	ck_assert(!utf8_valid("\xc0\xaf", 2));		/* overlong */
	ck_assert(!utf8_valid("\xed\xa0\x80", 3));	/* surrogate */
	ck_assert(!utf8_valid("\xe0\xa4", 2));		/* truncated */
	ck_assert(!utf8_valid("a\0b", 3));
	ck_assert(!utf8_valid("\xf4\x90\x80\x80", 4));	/* > U+10FFFF */
	ck_assert_uint_eq(utf8_chars("नाम"), 3);
}
END_TEST

START_TEST(dates)
{
	int y, m, d;
	ck_assert(parse_date("2024-02-29", &y, &m, &d));
	ck_assert(!parse_date("2023-02-29", &y, &m, &d));
	ck_assert(!parse_date("2023-13-01", &y, &m, &d));
	ck_assert(!parse_date("2023-1-01", &y, &m, &d));
	ck_assert(!parse_date("1899-12-31", &y, &m, &d));
	ck_assert_str_eq(sql_time_iso(&A, "2026-11-23 08:21:09"), "2026-11-23T08:21:09+05:30");
	ck_assert_str_eq(sql_time_iso(&A, "2026-11-23 08:21:09.123456"), "2026-11-23T08:21:09+05:30");
	ck_assert_str_eq(sql_time_iso(&A, "2026-11-23 08:21"), "2026-11-23T08:21:00+05:30");
	ck_assert_str_eq(sql_time_iso(&A, "2026-11-23"), "2026-11-23");
	ck_assert(sql_time_iso(&A, NULL) == NULL);
	long v;
	ck_assert(parse_long("-12", -100, 100, &v) && v == -12);
	ck_assert(!parse_long("12a", 0, 100, &v));
	ck_assert(!parse_long("101", 0, 100, &v));
	ck_assert(!parse_long("99999999999999999999", 0, 100, &v));
}
END_TEST

/* The test clock: GS_FAKE_NOW="T@A" reads T at real time A and runs on;
 * "T" alone starts at the first reading.  Dates are IST dates. */
START_TEST(fake_clock_runs_and_dates_are_ist)
{
	char env[64];
	time_t real = time(NULL);
	/* 2027-03-31 23:59:00 IST (18:29 UTC), anchored 10 s ago */
	snprintf(env, sizeof env, "1806517740@%lld", (long long)real - 10);
	setenv("GS_FAKE_NOW", env, 1);
	ck_assert(clock_faked());
	time_t t = now_secs();
	ck_assert(t >= 1806517750 && t <= 1806517752);
	ck_assert(now_usecs() / 1000000 >= t);				/* it runs, never back */
	ck_assert_str_eq(ist_today(&A), "2027-03-31");
	char iso[32];
	fmt_iso_time(iso, 1806517860);					/* two minutes later */
	ck_assert_str_eq(iso, "2027-04-01T00:01:00+05:30");
	ck_assert_int_eq(ist_day(1806517860) - ist_day(1806517740), 1);	/* the next IST day, the same UTC day */
	setenv("GS_FAKE_NOW", "1806517860", 1);				/* re-read when it changes */
	ck_assert_str_eq(ist_today(&A), "2027-04-01");
	unsetenv("GS_FAKE_NOW");
	ck_assert(!clock_faked());
	ck_assert(now_secs() >= real);
}
END_TEST

START_TEST(base64)
{
	unsigned char out[64];
	const char *e = b64url_encode(&A, (const unsigned char *)"\xff\xfe\x00hi", 5);
	ck_assert_str_eq(e, "__4AaGk");
	ck_assert_int_eq(b64url_decode(e, strlen(e), out, sizeof out), 5);
	ck_assert(memcmp(out, "\xff\xfe\x00hi", 5) == 0);
	ck_assert_int_eq(b64url_decode("a", 1, out, sizeof out), -1);
	ck_assert_int_eq(b64url_decode("ab+c", 4, out, sizeof out), -1);
	ck_assert_str_eq(b64_encode(&A, (const unsigned char *)"ab", 2), "YWI=");
}
END_TEST

START_TEST(arena_growth)
{
	for (int i = 0; i < 1000; i++) {
		char *p = arena_alloc(&A, 1000);
		memset(p, 1, 1000);
	}
	ck_assert_uint_ge(A.total, 1000000);
	arena_reset(&A);
	ck_assert_uint_eq(A.total, 0);
	char *s = arena_printf(&A, "%s-%d", "x", 5);
	ck_assert_str_eq(s, "x-5");
}
END_TEST

START_TEST(config_unknown_key)
{
	char path[] = "/tmp/gs-conf-XXXXXX", err[256];
	int fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	FILE *f = fdopen(fd, "w");
	fputs("workers = 3\nno_such_key = 1\n", f);
	fclose(f);
	ck_assert_int_eq(config_load(path, err, sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, "unknown key 'no_such_key'"));
	f = fopen(path, "w");
	fputs("# comment\nworkers = 3\n", f);
	fclose(f);
	ck_assert_int_eq(config_load(path, err, sizeof err), 0);
	ck_assert_int_eq(cfg.workers, 3);
	f = fopen(path, "w");
	fputs("workers = 0\n", f);
	fclose(f);
	ck_assert_int_eq(config_load(path, err, sizeof err), -1);
	ck_assert_int_eq(cfg.workers, 3);		/* a refused load changes nothing */
	/* the server refuses a config without a secret, keeping the running one */
	config_need_secret = true;
	f = fopen(path, "w");
	fputs("workers = 5\nsecret = 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n", f);
	fclose(f);
	ck_assert_int_eq(config_load(path, err, sizeof err), 0);
	f = fopen(path, "w");
	fputs("workers = 7\n", f);
	fclose(f);
	ck_assert_int_eq(config_load(path, err, sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, "secret"));
	ck_assert_int_eq(cfg.workers, 5);
	ck_assert_str_eq(cfg.secret, "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
	config_need_secret = false;
	unlink(path);
	config_free();
}
END_TEST

START_TEST(local_redirect_targets)
{
	char longest[514];
	memset(longest, 'a', sizeof longest);
	longest[0] = '/';
	longest[512] = '\0';	/* 512 bytes: the longest accepted */
	const char *good[] = { "/", "/desk", "/services/INC?x=1#fees", "/a%20b", "/%41bc", "/\xe0\xa4\xb9\xe0\xa4\xbf", "/a/b//c",
			       "/a\\b", "/@evil.example", longest };
	for (size_t i = 0; i < ARRAY_LEN(good); i++)
		ck_assert_msg(url_is_local(good[i]), "refused %s", good[i]);
	longest[512] = 'a';
	longest[513] = '\0';
	/* browsers drop tab/CR/LF inside a URL and read '\' as '/': each of
	 * these could become "//host" (another site) or split a header */
	const char *bad[] = { NULL, "", "x", "//evil.example", "/\\evil.example", "/\t/evil.example", "/\r/evil.example",
			      "/\n/evil.example", "/%09/evil.example", "/%0d/evil.example", "/%0A/evil.example", "/%2F/evil.example",
			      "/%2f/evil.example", "/%5C/evil.example", "\t//evil.example", " /x", "\t", "/a\tb", "/a\rb", "/a\nb",
			      "/ok\r\nSet-Cookie: x=1", "/a%0db", "/a%7Fb", "/a\x7f", "/\x1b", "http://evil.example/",
			      "https:evil.example", "javascript:alert(1)", "data:text/html,x", "\\\\evil.example", longest };
	for (size_t i = 0; i < ARRAY_LEN(bad); i++)
		ck_assert_msg(!url_is_local(bad[i]), "accepted bad[%zu] %s", i, bad[i] ? bad[i] : "(null)");
}
END_TEST

/* Writes text to a new temporary file with the given mode; its path. */
static char *conf_file(const char *text, mode_t mode)
{
	static char path[32];
	strcpy(path, "/tmp/gs-conf-XXXXXX");
	int fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(fchmod(fd, mode), 0);
	ck_assert_int_eq(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	return path;
}

START_TEST(config_with_secrets_must_be_private)
{
	char err[512];
	static const char *const secrets[] = {
		"secret = 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n",
		"key_passphrase = hunter2hunter2\n", "pay_key = k\n", "digilocker_key = k\n", "db_password = p\n",
	};
	for (size_t i = 0; i < ARRAY_LEN(secrets); i++) {
		for (mode_t m = 0; m < 3; m++) {
			mode_t mode = (mode_t[]){ 0644, 0640, 0602 }[m];
			char *path = conf_file(secrets[i], mode);
			ck_assert_msg(config_load(path, err, sizeof err) == -1, "mode %o with %s", (unsigned)mode, secrets[i]);
			ck_assert_msg(strstr(err, path) && strstr(err, "chmod 600"), "message: %s", err);
			unlink(path);
		}
		char *path = conf_file(secrets[i], 0600);
		ck_assert_msg(config_load(path, err, sizeof err) == 0, "%s", err);
		unlink(path);
	}
	/* readable by all is fine when it holds no secret (nor an empty one) */
	char *path = conf_file("workers = 2\nsecret =\npay_key = \n", 0644);
	ck_assert_msg(config_load(path, err, sizeof err) == 0, "%s", err);
	unlink(path);
	config_free();
}
END_TEST

START_TEST(dates_as_people_read_them)
{
	struct arena a;
	arena_init(&a);
	ck_assert_str_eq(date_long(&a, "2027-01-08", "en"), "8 January 2027");
	ck_assert_str_eq(date_long(&a, "2027-01-08", "hi"), "8 जनवरी 2027");
	ck_assert_str_eq(date_long(&a, "2026-12-31 23:59:07.123456", "en"), "31 December 2026, 23:59");
	ck_assert_str_eq(date_long(&a, "2026-02-03T09:05:00+05:30", "hi"), "3 फ़रवरी 2026, 09:05");
	ck_assert_str_eq(date_long(&a, "2026-02-30", "en"), "2026-02-30");	/* not a date: as it was */
	ck_assert_str_eq(date_long(&a, "soon", "en"), "soon");
	ck_assert_ptr_null(date_long(&a, NULL, "en"));
	ck_assert_ptr_null(month_name(13, "en"));
	arena_free(&a);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("core");
	TCase *tc = tcase_create("core");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, urlencoded_basic);
	tcase_add_test(tc, urlencoded_bad);
	tcase_add_test(tc, cookies);
	tcase_add_test(tc, multipart_ok);
	tcase_add_test(tc, multipart_bad);
	tcase_add_test(tc, json_roundtrip);
	tcase_add_test(tc, json_bad);
	tcase_add_test(tc, json_escape_html);
	tcase_add_test(tc, utf8_rules);
	tcase_add_test(tc, dates);
	tcase_add_test(tc, fake_clock_runs_and_dates_are_ist);
	tcase_add_test(tc, base64);
	tcase_add_test(tc, arena_growth);
	tcase_add_test(tc, config_unknown_key);
	tcase_add_test(tc, local_redirect_targets);
	tcase_add_test(tc, config_with_secrets_must_be_private);
	tcase_add_test(tc, dates_as_people_read_them);
	suite_add_tcase(s, tc);
	return tap_run(s) ? 1 : 0;
}
