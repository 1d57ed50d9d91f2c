/*
 * test_service.c — service definitions and the answer checker: every field
 * type (good, bad, boundary), conditional fields, groups, Aadhaar,
 * definition validation errors, and the JSON round trip.
 */
#include "../../src/service.h"
#include "../../src/form.h"
#include "tap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct arena A;
static void setup(void) { arena_init(&A); }
static void teardown(void) { arena_free(&A); }

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	struct sbuf b;
	sbuf_init(&b);
	char buf[4096];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		sbuf_add(&b, buf, n);
	fclose(f);
	return sbuf_detach(&b);
}

static struct svc *load(const char *code)
{
	char path[256];
	snprintf(path, sizeof path, "%s/data/services/%s.json", getenv("SRCDIR") ? getenv("SRCDIR") : "..", code);
	char *text = slurp(path);
	ck_assert_msg(text != NULL, "cannot read %s", path);
	const char *err;
	struct jval *j = json_parse(&A, text, strlen(text), &err);
	ck_assert_ptr_nonnull(j);
	struct sbuf probs;
	sbuf_init(&probs);
	struct svc *s = svc_from_json(&A, j, &probs);
	ck_assert_msg(s && probs.len == 0, "%s", probs.data);
	sbuf_free(&probs);
	free(text);
	return s;
}

static bool loc_ok(void *ctx, long id, const char **name)
{
	(void)ctx;
	*name = "Pokhraha Kalan";
	return id == 411;
}

static bool doc_ok(void *ctx, long id)
{
	(void)ctx;
	return id == 7;
}

static const struct form_env ENV = { .today = "2026-11-23", .location_ok = loc_ok, .document_ok = doc_ok };

/* Checks answers (JSON text) against s: the problems in o (A), the
 * normalised answers returned. */
static const char *check(const struct svc *s, const char *answers, struct outcome *o)
{
	const char *err, *norm;
	out_init(o, &A);
	form_check(&A, &s->form, json_parse(&A, answers, strlen(answers), &err), &ENV, o, &norm);
	return norm;
}

/* Checks one field declared by JSON against one answer (JSON value text).
 * Returns the problem's message key or NULL, and the normalised value in
 * *norm. */
static const char *check1(const char *decl, const char *answer, const char **norm)
{
	char *fields = arena_printf(&A, "[%s]", decl);
	char *ans = arena_printf(&A, "{\"x\": %s}", answer);
	const char *err;
	struct jval *fj = json_parse(&A, fields, strlen(fields), &err);
	ck_assert_msg(fj != NULL, "bad decl %s", decl);
	struct jval *aj = json_parse(&A, ans, strlen(ans), &err);
	ck_assert_msg(aj != NULL, "bad answer %s", answer);
	char *def = arena_printf(&A, "{\"format\":\"gramsewa.service/1\",\"fields\":%s}", fields);
	struct sbuf probs;
	sbuf_init(&probs);
	struct svc *s = svc_from_json(&A, json_parse(&A, def, strlen(def), &err), &probs);
	sbuf_free(&probs);
	struct outcome o;
	out_init(&o, &A);
	const char *json;
	form_check(&A, &s->form, aj, &ENV, &o, &json);
	if (norm)
		*norm = json;
	return o.nerrs ? o.errs[0].key : NULL;
}

#define OK(decl, ans, want) do { const char *n_; const char *e_ = check1(decl, ans, &n_); \
	ck_assert_msg(e_ == NULL, "%s = %s refused: %s", decl, ans, e_); \
	if (want) ck_assert_str_eq(n_, want); } while (0)
#define BAD(decl, ans, key) do { const char *e_ = check1(decl, ans, NULL); \
	ck_assert_msg(e_ != NULL, "%s = %s accepted", decl, ans); \
	ck_assert_msg(strstr(e_, key) != NULL, "%s = %s: got '%s', want '%s'", decl, ans, e_, key); } while (0)

#define TXT "{\"name\":\"x\",\"type\":\"text\",\"required\":true,\"min_length\":2,\"max_length\":5,\"label\":\"X\"}"
START_TEST(field_text)
{
	OK(TXT, "\"ab\"", "{\"x\":\"ab\"}");
	OK(TXT, "\"  नमस्त  \"", "{\"x\":\"नमस्त\"}");	/* 5 code points, trimmed */
	BAD(TXT, "\"नमस्ते\"", "form.err.too_long");	/* 6 code points */
	BAD(TXT, "\"a\"", "form.err.too_short");
	BAD(TXT, "\"abcdef\"", "form.err.too_long");
	BAD(TXT, "\"\"", "form.err.required");
	BAD(TXT, "\"a\\u0001b\"", "form.err.not_text");
	BAD(TXT, "[\"ab\"]", "form.err.not_text");
	OK("{\"name\":\"x\",\"type\":\"text\",\"pattern\":\"[0-9]+[A-Z]?\",\"label\":\"X\"}", "\"12A\"", NULL);
	BAD("{\"name\":\"x\",\"type\":\"text\",\"pattern\":\"[0-9]+[A-Z]?\",\"label\":\"X\"}", "\"12AB\"", "form.err.pattern");
	OK("{\"name\":\"x\",\"type\":\"text\",\"label\":\"X\"}", "null", "{}");	/* optional, absent */
}
END_TEST

#define NUM "{\"name\":\"x\",\"type\":\"number\",\"required\":true,\"min\":0,\"max\":100,\"label\":\"X\"}"
START_TEST(field_number)
{
	OK(NUM, "\"0\"", "{\"x\":0}");
	OK(NUM, "100", "{\"x\":100}");
	BAD(NUM, "\"101\"", "form.err.max");
	BAD(NUM, "-1", "form.err.min");
	BAD(NUM, "\"12.5\"", "form.err.number");
	BAD(NUM, "\"1e3\"", "form.err.number");
	BAD(NUM, "\"ten\"", "form.err.number");
}
END_TEST

#define DATE "{\"name\":\"x\",\"type\":\"date\",\"required\":true,\"min_date\":\"1900-01-01\",\"max_date\":\"today\",\"label\":\"X\"}"
START_TEST(field_date)
{
	OK(DATE, "\"2026-11-23\"", NULL);	/* today is allowed */
	BAD(DATE, "\"2026-11-24\"", "form.err.date_max");
	BAD(DATE, "\"1899-12-31\"", "form.err.date");
	BAD(DATE, "\"2023-02-29\"", "form.err.date");
	OK(DATE, "\"2024-02-29\"", NULL);
	BAD(DATE, "\"29/02/2024\"", "form.err.date");
}
END_TEST

#define SEL(t) "{\"name\":\"x\",\"type\":\"" t "\",\"required\":true,\"label\":\"X\",\"options\":[{\"value\":\"a\",\"label\":\"A\"},{\"value\":\"b\",\"label\":\"B\"}]}"
START_TEST(field_choices)
{
	OK(SEL("select"), "\"a\"", "{\"x\":\"a\"}");
	BAD(SEL("select"), "\"c\"", "form.err.choice");
	BAD(SEL("select"), "\"\"", "form.err.choose_one");
	OK(SEL("radio"), "\"b\"", NULL);
	BAD(SEL("radio"), "\"A\"", "form.err.choice");
	OK(SEL("multiselect"), "[\"a\",\"b\"]", "{\"x\":[\"a\",\"b\"]}");
	BAD(SEL("multiselect"), "[\"a\",\"z\"]", "form.err.choice");
	BAD(SEL("multiselect"), "[]", "form.err.choose_one");
	OK(SEL("checkbox"), "\"a\"", "{\"x\":[\"a\"]}");
	OK("{\"name\":\"x\",\"type\":\"checkbox\",\"required\":true,\"label\":\"I agree\"}", "\"true\"", "{\"x\":true}");
	BAD("{\"name\":\"x\",\"type\":\"checkbox\",\"required\":true,\"label\":\"I agree\"}", "\"\"", "form.err.must_tick");
	BAD("{\"name\":\"x\",\"type\":\"checkbox\",\"label\":\"I agree\"}", "\"maybe\"", "form.err.choice");
}
END_TEST

START_TEST(field_mobile_email_pin)
{
	const char *m = "{\"name\":\"x\",\"type\":\"mobile\",\"required\":true,\"label\":\"X\"}";
	OK(m, "\"9876543210\"", NULL);
	BAD(m, "\"5876543210\"", "auth.mobile_bad");
	BAD(m, "\"98765 43210\"", "auth.mobile_bad");
	const char *e = "{\"name\":\"x\",\"type\":\"email\",\"required\":true,\"label\":\"X\"}";
	OK(e, "\"co.medininagar@jharkhand.gov.in\"", NULL);
	BAD(e, "\"no-at-sign\"", "hr.email_bad");
	BAD(e, "\"a@b\"", "hr.email_bad");
	BAD(e, "\"a@b.in<script>\"", "hr.email_bad");
	const char *p = "{\"name\":\"x\",\"type\":\"pin\",\"required\":true,\"label\":\"X\"}";
	OK(p, "\"822101\"", NULL);
	BAD(p, "\"022101\"", "form.err.pin");
	BAD(p, "\"82210\"", "form.err.pin");
}
END_TEST

START_TEST(field_aadhaar)
{
	const char *a = "{\"name\":\"x\",\"type\":\"aadhaar\",\"required\":true,\"label\":\"X\"}";
	/* 2345 6789 0124 has a valid Verhoeff check digit; only the last 4 are kept */
	ck_assert(verhoeff_ok("234567890124"));
	OK(a, "\"2345 6789 0124\"", "{\"x\":\"XXXXXXXX0124\"}");
	OK(a, "\"2345-6789-0124\"", NULL);
	BAD(a, "\"234567890123\"", "form.err.aadhaar");	/* one digit off */
	BAD(a, "\"134567890124\"", "form.err.aadhaar");	/* cannot start with 1 */
	BAD(a, "\"23456789012\"", "form.err.aadhaar");
	BAD(a, "\"23456789012x\"", "form.err.aadhaar");
	ck_assert(!verhoeff_ok(""));
	ck_assert(verhoeff_ok("2363"));	/* the textbook example */
	ck_assert(!verhoeff_ok("2364"));
}
END_TEST

START_TEST(field_location_and_file)
{
	const char *l = "{\"name\":\"x\",\"type\":\"location\",\"required\":true,\"label\":\"X\"}";
	OK(l, "\"411\"", "{\"x\":{\"id\":411,\"name\":\"Pokhraha Kalan\"}}");
	BAD(l, "\"412\"", "form.err.location");
	BAD(l, "\"-3\"", "form.err.location");
	const char *f = "{\"name\":\"x\",\"type\":\"file\",\"required\":true,\"label\":\"X\"}";
	OK(f, "7", "{\"x\":7}");
	BAD(f, "8", "form.err.document");
}
END_TEST

START_TEST(conditional_fields)
{
	const char *err;
	const char *def = "{\"format\":\"gramsewa.service/1\",\"fields\":["
		"{\"name\":\"occ\",\"type\":\"select\",\"required\":true,\"label\":\"O\",\"options\":[{\"value\":\"service\",\"label\":\"S\"},{\"value\":\"farm\",\"label\":\"F\"}]},"
		"{\"name\":\"employer\",\"type\":\"text\",\"required\":true,\"label\":\"E\",\"show_if\":{\"field\":\"occ\",\"equals\":\"service\"}}]}";
	struct sbuf p;
	sbuf_init(&p);
	struct svc *s = svc_from_json(&A, json_parse(&A, def, strlen(def), &err), &p);
	sbuf_free(&p);
	struct outcome o;
	ck_assert_str_eq(check(s, "{\"occ\":\"farm\",\"employer\":\"ignored\"}", &o), "{\"occ\":\"farm\"}");	/* hidden answer dropped */
	ck_assert_uint_eq(o.nerrs, 0);
	check(s, "{\"occ\":\"service\"}", &o);
	ck_assert_uint_eq(o.nerrs, 1);
	ck_assert_str_eq(o.errs[0].field, "employer");	/* shown, so required */
	ck_assert_int_eq(o.status, 422);
}
END_TEST

START_TEST(groups)
{
	struct svc *s = load("INC");
	const char *ans = "{\"family\":[{\"name\":\"Ram\",\"relation\":\"father\",\"income\":\"50000\"},"
			  "{\"name\":\"\",\"relation\":\"moon\",\"income\":\"x\"}]}";
	struct outcome o;
	const char *json = check(s, ans, &o);
	bool saw_rel = false, saw_inc = false;
	for (size_t i = 0; i < o.nerrs; i++) {
		saw_rel |= str_eq(o.errs[i].field, "family.1.relation");
		saw_inc |= str_eq(o.errs[i].field, "family.1.income");
		ck_assert(!str_starts(o.errs[i].field, "family.0"));
	}
	ck_assert(saw_rel && saw_inc);
	ck_assert_ptr_nonnull(strstr(json, "\"family\":[{\"name\":\"Ram\",\"relation\":\"father\",\"income\":50000}"));
	char many[2000] = "{\"family\":[";
	for (int i = 0; i < 7; i++)
		strcat(many, i ? ",{\"name\":\"A\",\"relation\":\"son\",\"income\":1}" : "{\"name\":\"A\",\"relation\":\"son\",\"income\":1}");
	strcat(many, "]}");
	check(s, many, &o);
	bool rows = false;
	for (size_t i = 0; i < o.nerrs; i++)
		rows |= str_eq(o.errs[i].field, "family");
	ck_assert(rows);
}
END_TEST

/* A problem is the answer's path, a message key and the number for its
 * {n}: no text, so the page and the API word it in the reader's language;
 * problems add to those the caller found before, in order. */
START_TEST(problems_are_keys_with_their_number)
{
	struct svc *s = load("INC");
	struct outcome o;
	out_init(&o, &A);
	out_field(&o, "applicant_mobile", "auth.mobile_bad", NULL);
	const char *err, *json;
	char *ans = arena_printf(&A, "{\"applicant_name\":\"%0*d\",\"family\":[{\"name\":\"\",\"relation\":\"son\",\"income\":1}]}", 101, 0);
	ck_assert_uint_eq(form_check(&A, &s->form, json_parse(&A, ans, strlen(ans), &err), &ENV, &o, &json), o.nerrs - 1);
	ck_assert_str_eq(o.errs[0].field, "applicant_mobile");
	bool name = false, row = false;
	for (size_t i = 1; i < o.nerrs; i++) {
		if (str_eq(o.errs[i].field, "applicant_name")) {
			name = true;
			ck_assert_str_eq(o.errs[i].key, "form.err.too_long");
			ck_assert_str_eq(o.errs[i].arg, "100");	/* its limit, for the message */
		}
		if (str_eq(o.errs[i].field, "family.0.name")) {
			row = true;
			ck_assert_str_eq(o.errs[i].key, "form.err.required");
			ck_assert_ptr_null(o.errs[i].arg);
		}
	}
	ck_assert(name && row);
	/* a draft's length check: only the lengths, on whatever was answered */
	out_init(&o, &A);
	ck_assert_uint_eq(form_check_lengths(&A, &s->form, json_parse(&A, ans, strlen(ans), &err), &o), 1);
	ck_assert_str_eq(o.errs[0].field, "applicant_name");
	ck_assert_int_eq(o.status, 422);
	/* answers that are not an object */
	out_init(&o, &A);
	ck_assert_str_eq(check(s, "[1]", &o), "{}");
	ck_assert_str_eq(o.errs[0].field, "fields");
}
END_TEST

/* Corrections after a return take only the flagged fields (a flagged one
 * left unanswered is cleared); an officer's corrections take what is
 * answered afresh and keep the rest. */
START_TEST(corrections_merge_only_what_may_change)
{
	struct svc *s = load("INC");
	const char *err;
	const char *o = "{\"applicant_name\":\"Sita\",\"father_name\":\"Ram\",\"purpose\":\"school\",\"address\":{\"id\":411,\"name\":\"P\"}}";
	const char *f = "{\"applicant_name\":\"Gita\",\"father_name\":\"Shyam\",\"address\":\"412\"}";
	struct jval *old = json_parse(&A, o, strlen(o), &err), *fresh = json_parse(&A, f, strlen(f), &err);
	const char *one = "[\"father_name\",\"purpose\"]";
	struct jval *m = form_merge(&A, &s->form, old, fresh, json_parse(&A, one, strlen(one), &err));
	ck_assert_str_eq(json_get_str(m, "applicant_name"), "Sita");	/* not flagged: kept */
	ck_assert_str_eq(json_get_str(m, "father_name"), "Shyam");	/* flagged: corrected */
	ck_assert_ptr_null(json_get(m, "purpose"));			/* flagged, not answered: cleared */
	ck_assert_str_eq(json_get(m, "address")->str, "411");		/* a stored place goes back to its id */
	const char *all = "[\"*\"]";
	m = form_merge(&A, &s->form, old, fresh, json_parse(&A, all, strlen(all), &err));
	ck_assert_str_eq(json_get_str(m, "applicant_name"), "Gita");
	ck_assert_str_eq(json_get(m, "address")->str, "412");
	m = form_merge(&A, &s->form, old, fresh, NULL);	/* an officer's corrections */
	ck_assert_str_eq(json_get_str(m, "applicant_name"), "Gita");
	ck_assert_str_eq(json_get_str(m, "purpose"), "school");	/* not corrected: kept */
	ck_assert(!form_listed(NULL, "purpose"));
}
END_TEST

START_TEST(seeded_services_valid_and_roundtrip)
{
	const char *codes[] = { "CST", "INC", "RES", "LPC", "BRT", "DTH" };
	for (size_t i = 0; i < 6; i++) {
		struct svc *s = load(codes[i]);
		struct sbuf p, j1, j2;
		sbuf_init(&p);
		ck_assert_msg(svc_validate(s, &p) == 0, "%s: %s", codes[i], p.data);
		sbuf_init(&j1);
		svc_to_json(s, &j1);
		const char *err;
		struct svc *s2 = svc_from_json(&A, json_parse(&A, j1.data, j1.len, &err), &p);
		sbuf_init(&j2);
		svc_to_json(s2, &j2);
		ck_assert_str_eq(j1.data, j2.data);	/* canonical: write(read(write(x))) == write(x) */
		sbuf_free(&p);
		sbuf_free(&j1);
		sbuf_free(&j2);
	}
}
END_TEST

/* Runs svc_validate after a mutation and expects a message fragment. */
static void expect_problem(struct svc *s, const char *fragment)
{
	struct sbuf p;
	sbuf_init(&p);
	svc_validate(s, &p);
	ck_assert_msg(strstr(p.data, fragment) != NULL, "want '%s' in:\n%s", fragment, p.data);
	sbuf_free(&p);
}

START_TEST(definition_problems)
{
	struct svc *s = load("INC");
	s->stages[0].role = ROLE_COUNT;
	expect_problem(s, "has no workflow role");
	s = load("INC");
	s->stages[0].actions &= ~AB(ACT_FORWARD);
	expect_problem(s, "can never be reached");
	s = load("INC");
	s->stages[2].actions &= ~AB(ACT_APPROVE);
	expect_problem(s, "no approve action");
	s = load("INC");
	s->print[0] = "no_such_field";
	expect_problem(s, "prints 'no_such_field', which is not a field");
	s = load("INC");
	s->stages[0].sla_days = 40;
	expect_problem(s, "add up to");
	s = load("INC");
	s->form.fields[1].name = s->form.fields[0].name;
	expect_problem(s, "used twice");
	s = load("INC");
	s->form.fields[0].pattern = "([unclosed";
	expect_problem(s, "not a valid regular expression");
	s = load("INC");
	s->signing = ROLE_KARMACHARI;
	expect_problem(s, "signing role must be the role that approves");
	s = load("INC");
	s->route_field = "pin";
	expect_problem(s, "needs a location field 'pin'");
	s = load("INC");
	s->notifs[0].dlt = "";
	expect_problem(s, "DLT template id");
}
END_TEST

START_TEST(unknown_format_refused)
{
	const char *err;
	const char *t = "{\"format\":\"gramsewa.service/9\"}";
	struct sbuf p;
	sbuf_init(&p);
	ck_assert_ptr_null(svc_from_json(&A, json_parse(&A, t, strlen(t), &err), &p));
	ck_assert_ptr_nonnull(strstr(p.data, "unknown format"));
	sbuf_free(&p);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("service");
	TCase *tc = tcase_create("service");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, field_text);
	tcase_add_test(tc, field_number);
	tcase_add_test(tc, field_date);
	tcase_add_test(tc, field_choices);
	tcase_add_test(tc, field_mobile_email_pin);
	tcase_add_test(tc, field_aadhaar);
	tcase_add_test(tc, field_location_and_file);
	tcase_add_test(tc, conditional_fields);
	tcase_add_test(tc, groups);
	tcase_add_test(tc, problems_are_keys_with_their_number);
	tcase_add_test(tc, corrections_merge_only_what_may_change);
	tcase_add_test(tc, seeded_services_valid_and_roundtrip);
	tcase_add_test(tc, definition_problems);
	tcase_add_test(tc, unknown_format_refused);
	suite_add_tcase(s, tc);
	return tap_run(s) ? 1 : 0;
}
