/*
 * test_router.c — the route matcher and the gate, without a database: a
 * route table of its own (it replaces routes.c at link time) with handlers
 * that record what they saw, driven through req_run like a FastCGI request.
 * Includes router.c to reach the static matcher.
 */
#include "../../src/router.c"
#include "../../src/config.h"
#include "../../src/server.h"
#include "../../src/cert.h"
#include "../../src/pages.h"
#include "tap.h"

#include <stdlib.h>
#include <string.h>

static int calls;		/* handler calls since the last request */
static const char *seen[6];	/* path parameters the handler saw */
static size_t nseen;

static int h_ok(struct req *r)
{
	calls++;
	nseen = r->nrp;
	for (size_t i = 0; i < r->nrp; i++)
		seen[i] = r->rp[i];
	sbuf_adds(&r->out, "handled");
	r->out_ctype = "text/plain";
	r->sent = true;
	return 0;
}

static int h_409(struct req *r)
{
	calls++;
	r->err_code = "out_of_order";
	return 409;
}

static int h_silent(struct req *r)
{
	calls++;
	(void)r;
	return 0;	/* produced nothing: a bug the gate turns into a 500 */
}

const struct route routes[] = {
	{ "GET", "/", h_ok, 0, F_PUBLIC },
	{ "GET", "/things/:id", h_ok, 0, F_PUBLIC },
	{ "POST", "/things/:id", h_ok, 0, F_PUBLIC },
	{ "GET", "/things/:id/parts/:part", h_ok, 0, F_PUBLIC },
	{ "GET", "/app/@no", h_ok, 0, F_PUBLIC },
	{ "GET", "/app/@no/pdf", h_ok, 0, F_PUBLIC },
	{ "GET", "/mine", h_ok, 0, 0 },
	{ "GET", "/api/v1/mine", h_ok, 0, 0 },
	{ "POST", "/api/v1/things", h_409, 0, F_PUBLIC },
	{ "GET", "/api/v1/silent", h_silent, 0, F_PUBLIC },
	{ "POST", "/hook", h_ok, 0, F_PUBLIC | F_NOCSRF },
	{ "GET", "/sandbox", h_ok, 0, F_PUBLIC | F_SANDBOX },
};
const size_t nroutes = sizeof routes / sizeof routes[0];

static struct arena A;
static struct req R;

/* One request through req_run; the response stays in R. */
static void run(const char *method, const char *uri, const char *body)
{
	calls = 0;
	nseen = 0;
	if (R.hdf)
		req_release(&R);
	arena_reset(&A);
	memset(&R, 0, sizeof R);
	R.a = &A;
	struct cgi_in in = { .method = method, .uri = uri, .remote_ip = "127.0.0.1",
			     .ctype = body ? "application/x-www-form-urlencoded" : NULL };
	req_run(&R, &in, body, body ? strlen(body) : 0);
}

static const char *header(const char *name)
{
	const char *h = R.headers.data ? strstr(R.headers.data, name) : NULL;
	return h ? h + strlen(name) + 2 : NULL;
}

static void setup(void)
{
	arena_init(&A);
	static bool once;
	if (!once) {
		once = true;
		char tpl[4096];
		snprintf(tpl, sizeof tpl, "%s/templates", getenv("SRCDIR") ? getenv("SRCDIR") : "..");
		cfg.helpline = "1800-<0>&'\"";	/* escaped in the footer like any value */
		ck_assert_int_eq(tmpl_init(tpl), 0);
		cfg.secret = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
		cfg.default_lang = "en";
		cfg.max_fields = 100;
		cfg.max_body = 1 << 20;
		cfg.max_cookie = 4096;
	}
}

static void teardown(void)
{
	if (R.hdf)
		req_release(&R);
	memset(&R, 0, sizeof R);
	arena_free(&A);
}

START_TEST(match_literal_and_parameters)
{
	struct req r = { .a = &A };
	ck_assert(match(&r, "/", "/"));
	ck_assert(!match(&r, "/", "/x"));
	ck_assert(match(&r, "/things/:id", "/things/42"));
	ck_assert_uint_eq(r.nrp, 1);
	ck_assert_str_eq(r.rp[0], "42");
	ck_assert(!match(&r, "/things/:id", "/things/"));	/* an empty segment is no parameter */
	ck_assert(!match(&r, "/things/:id", "/things/42/"));
	ck_assert(!match(&r, "/things/:id", "/things"));
	ck_assert(!match(&r, "/things/:id", "/thingsx/42"));
	ck_assert(match(&r, "/things/:id/parts/:part", "/things/7/parts/wheel"));
	ck_assert_uint_eq(r.nrp, 2);
	ck_assert_str_eq(r.rp[1], "wheel");
}
END_TEST

START_TEST(match_application_numbers)
{
	struct req r = { .a = &A };
	ck_assert(match(&r, "/app/@no", "/app/JH/358/INC/2026-27/000123"));
	ck_assert_str_eq(r.rp[0], "JH/358/INC/2026-27/000123");
	ck_assert(match(&r, "/app/@no/pdf", "/app/JH/358/INC/2026-27/000123/pdf"));
	ck_assert_str_eq(r.rp[0], "JH/358/INC/2026-27/000123");
	ck_assert(!match(&r, "/app/@no", "/app/JH/358/INC/2026-27"));		/* four segments */
	ck_assert(!match(&r, "/app/@no", "/app/JH/358//2026-27/000123"));	/* an empty one */
	ck_assert(!match(&r, "/app/@no", "/app/JH/358/INC/2026-27/000123/x"));
}
END_TEST

START_TEST(match_refuses_overlong_segments)
{
	struct req r = { .a = &A };
	char path[200] = "/things/";
	memset(path + 8, 'a', 64);
	ck_assert(match(&r, "/things/:id", path));
	path[8 + 64] = 'a';
	ck_assert(!match(&r, "/things/:id", path));
}
END_TEST

START_TEST(dispatch_unknown_path_is_404)
{
	run("GET", "/nowhere", NULL);
	ck_assert_int_eq(R.status, 404);
	ck_assert_int_eq(calls, 0);
	run("GET", "/api/v1/nowhere", NULL);
	ck_assert_int_eq(R.status, 404);
	ck_assert_ptr_nonnull(strstr(R.out.data, "\"code\":\"not_found\""));
}
END_TEST

START_TEST(dispatch_wrong_method_is_405_with_allow)
{
	run("DELETE", "/things/3", NULL);
	ck_assert_int_eq(R.status, 405);
	ck_assert_int_eq(calls, 0);
	const char *allow = header("Allow");
	ck_assert_ptr_nonnull(allow);
	ck_assert(str_starts(allow, "GET, POST"));
}
END_TEST

START_TEST(dispatch_head_runs_the_get_route)
{
	run("HEAD", "/things/9", NULL);
	ck_assert_int_eq(calls, 1);
	ck_assert_int_eq(R.status, 200);
	ck_assert_str_eq(seen[0], "9");
}
END_TEST

START_TEST(dispatch_captures_parameters_of_the_matched_route)
{
	/* /things/:id is tried (and fails) before the longer route matches */
	run("GET", "/things/5/parts/axle", NULL);
	ck_assert_int_eq(calls, 1);
	ck_assert_uint_eq(nseen, 2);
	ck_assert_str_eq(seen[0], "5");
	ck_assert_str_eq(seen[1], "axle");
}
END_TEST

START_TEST(dispatch_login_needed)
{
	run("GET", "/mine", NULL);
	ck_assert_int_eq(R.status, 303);
	ck_assert_int_eq(calls, 0);
	ck_assert_ptr_nonnull(header("Location"));
	ck_assert(str_starts(header("Location"), "/login?next=%2Fmine"));
	run("GET", "/api/v1/mine", NULL);
	ck_assert_int_eq(R.status, 401);
	ck_assert_int_eq(calls, 0);
	ck_assert_ptr_nonnull(strstr(R.out.data, "\"code\":\"unauthorized\""));
}
END_TEST

START_TEST(dispatch_page_post_needs_csrf)
{
	run("POST", "/things/1", "name=x");
	ck_assert_int_eq(R.status, 403);
	ck_assert_int_eq(calls, 0);
	run("POST", "/things/1", "name=x&csrf=forged");
	ck_assert_int_eq(R.status, 403);
	ck_assert_int_eq(calls, 0);
	run("POST", "/hook", "name=x");		/* F_NOCSRF: authenticated another way */
	ck_assert_int_eq(calls, 1);
	ck_assert_int_eq(R.status, 200);
}
END_TEST

START_TEST(dispatch_handler_status_becomes_the_api_error)
{
	run("POST", "/api/v1/things", NULL);
	ck_assert_int_eq(calls, 1);
	ck_assert_int_eq(R.status, 409);
	ck_assert_ptr_nonnull(strstr(R.out.data, "\"code\":\"out_of_order\""));
	ck_assert_ptr_nonnull(strstr(R.out.data, "\"request_id\""));
}
END_TEST

START_TEST(dispatch_handler_without_answer_is_500)
{
	run("GET", "/api/v1/silent", NULL);
	ck_assert_int_eq(calls, 1);
	ck_assert_int_eq(R.status, 500);
}
END_TEST

START_TEST(dispatch_sandbox_routes_only_when_configured)
{
	cfg.pay_sandbox = false;
	run("GET", "/sandbox", NULL);
	ck_assert_int_eq(R.status, 404);
	cfg.pay_sandbox = true;
	run("GET", "/sandbox", NULL);
	ck_assert_int_eq(R.status, 200);
	cfg.pay_sandbox = false;
}
END_TEST

/* The QR page written directly is byte for byte the template's page:
 * every status, both languages, with and without the signed facts, a
 * newer certificate or not, and values full of what HTML escapes. */
START_TEST(verify_page_direct_is_the_template_page)
{
	static const char *const langs[] = { "en", "hi" };
	const char *hostile = "A<b>&amp;\"quoted\" 'single'\r\nend";
	const char *facts = "[{\"en\":\"Child's <b>name</b>\",\"hi\":\"\u0928\u093e\u092e & \\\"x\\\"\",\"value\":\"A<script>\\r'\\\"\"},"
			    "{\"en\":\"Only English\",\"value\":\"\"},{\"hi\":\"x\"}]";
	size_t compared = 0;
	for (size_t l = 0; l < 2; l++)
		for (int st = V_VALID; st <= V_BAD; st++)
			for (int variant = 0; variant < 4; variant++) {
				struct cert_view v = { .status = (enum vstatus)st, .number = variant & 2 ? hostile : "JH-INC-2612-ABCDEFGH" };
				v.facts_ok = variant & 1;
				if (st != V_NOT_FOUND && st != V_BAD) {
					v.issued = "2026-12-03";
					v.valid_until = variant & 2 ? "2027-12-02" : NULL;
				}
				if (st == V_REVOKED) {
					v.revoked_at = "2026-12-04";
					v.revoke_reason = hostile;
				}
				if (st == V_SUPERSEDED)
					v.superseded_by = "JH-INC-2612-NEWER234";
				if (v.facts_ok) {
					v.holder = hostile;
					v.service_en = "Income <Certificate>";
					v.service_hi = "\u0906\u092f & \"\u092a\u094d\u0930\"";
					v.issuer = hostile;
					v.facts = variant & 2 ? facts : "[]";
				}
				if (R.hdf)
					req_release(&R);
				arena_reset(&A);
				memset(&R, 0, sizeof R);
				R.a = &A;
				R.lang = langs[l];
				R.path = "/v/JH-INC-2612-ABCDEFGH";
				sbuf_init(&R.out);
				sbuf_init(&R.headers);
				hdf_init(&R.hdf);
				ck_assert(verify_page_direct_fits(&R, &v));
				ck_assert_int_eq(verify_page_cs(&R, &v), 0);
				char *want = arena_strndup(&A, R.out.data, R.out.len);
				ck_assert_int_eq(verify_page_direct(&R, &v), 0);
				char *got = arena_strndup(&A, R.out.data, R.out.len);
				if (strcmp(want, got) != 0) {
					size_t i = 0;
					while (want[i] && want[i] == got[i])
						i++;
					ck_abort_msg("%s, status %d, variant %d: differs at byte %zu:\ntemplate: ...%.80s\ndirect:   ...%.80s",
						     langs[l], st, variant, i, want + (i > 40 ? i - 40 : 0), got + (i > 40 ? i - 40 : 0));
				}
				compared++;
			}
	ck_assert_int_eq(compared, 2 * (V_BAD + 1) * 4);
	/* a logged-in user's page (the head names them) or a path url_escape
	 * would change beyond '/' stays the template's */
	R.path = "/v/JH \"x\"";
	struct cert_view v = { .status = V_NOT_FOUND, .number = "X" };
	ck_assert(!verify_page_direct_fits(&R, &v));
}
END_TEST

int main(void)
{
	Suite *s = suite_create("router");
	TCase *tc = tcase_create("router");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, match_literal_and_parameters);
	tcase_add_test(tc, match_application_numbers);
	tcase_add_test(tc, match_refuses_overlong_segments);
	tcase_add_test(tc, dispatch_unknown_path_is_404);
	tcase_add_test(tc, dispatch_wrong_method_is_405_with_allow);
	tcase_add_test(tc, dispatch_head_runs_the_get_route);
	tcase_add_test(tc, dispatch_captures_parameters_of_the_matched_route);
	tcase_add_test(tc, dispatch_login_needed);
	tcase_add_test(tc, dispatch_page_post_needs_csrf);
	tcase_add_test(tc, dispatch_handler_status_becomes_the_api_error);
	tcase_add_test(tc, dispatch_handler_without_answer_is_500);
	tcase_add_test(tc, dispatch_sandbox_routes_only_when_configured);
	tcase_add_test(tc, verify_page_direct_is_the_template_page);
	suite_add_tcase(s, tc);
	return tap_run(s) ? 1 : 0;
}
