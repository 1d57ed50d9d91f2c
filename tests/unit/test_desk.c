/*
 * test_desk.c — unit tests for the desk's rules that need no database: the
 * may-appeal rule (workflow.c) and the certificate's QR record and verify
 * URL (cert_qr.c); answers as people read them (cert_render.c), the
 * date typed in Day, Month and Year boxes (formview.c), a number field in
 * rupees and a certificate's own label (service.c).
 */
#include "../../src/cert_qr.h"
#include "../../src/cert_render.h"
#include "../../src/req.h"
#include "../../src/config.h"
#include "../../src/workflow.h"
#include "tap.h"

#include <string.h>

static struct arena A;

static void setup(void)
{
	char err[200];
	arena_init(&A);
	ck_assert_int_eq(config_load(NULL, err, sizeof err), 0);
}

static void teardown(void)
{
	arena_free(&A);
	config_free();
}

/* The level the rule allows for an application in status, past its due
 * date or not, whose latest appeal is (level, status, filed > 30 days ago). */
static int may(const char *status, bool past_due, int level, const char *last, bool over_30)
{
	struct appeal_state st = { status, past_due, level, last, over_30 };
	return wf_appeal_may(&st);
}

START_TEST(first_appeal_after_rejection_or_delay)
{
	ck_assert_int_eq(may("rejected", false, 0, NULL, false), 1);
	ck_assert_int_eq(may("pending", true, 0, NULL, false), 1);
	ck_assert_int_eq(may("pending", false, 0, NULL, false), 0);
	ck_assert_int_eq(may("approved", false, 0, NULL, false), 0);
	ck_assert_int_eq(may("returned", true, 0, NULL, false), 0);	/* with the applicant, not late at the office */
	ck_assert_int_eq(may("draft", false, 0, NULL, false), 0);
}
END_TEST

START_TEST(second_appeal_after_dismissal_or_thirty_days_undecided)
{
	ck_assert_int_eq(may("rejected", false, 1, "dismissed", false), 2);
	ck_assert_int_eq(may("rejected", false, 1, "pending", true), 2);
	ck_assert_int_eq(may("rejected", false, 1, "pending", false), 0);	/* the first is still being heard */
	ck_assert_int_eq(may("pending", true, 1, "allowed", false), 0);
	/* an allowed appeal stays allowed however old it is (the page and the
	 * API once let a second appeal through 30 days after any first one) */
	ck_assert_int_eq(may("rejected", false, 1, "allowed", true), 0);
}
END_TEST

START_TEST(never_a_third_appeal)
{
	ck_assert_int_eq(may("rejected", false, 2, "dismissed", true), 0);
	ck_assert_int_eq(may("rejected", false, 2, "pending", true), 0);
}
END_TEST

static const char SIG[] = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7PD0-Pw";

/* d for a record text */
static const char *d_of(const char *record)
{
	return b64url_encode(&A, (const unsigned char *)record, strlen(record));
}

START_TEST(record_reads_back_with_an_empty_fact)
{
	struct cert_record rec = { "Ab3dEf_h", "JH-ONE-2612-ABCDEFGH", "ONE", "Sita Devi", NULL, "2026-12-01", NULL, "17" };
	const char *text = cert_record_text(&A, &rec, 48);
	ck_assert_str_eq(text, "GS1|Ab3dEf_h|JH-ONE-2612-ABCDEFGH|ONE|Sita Devi||2026-12-01|-|17");
	struct cert_record back;
	const unsigned char *raw;
	size_t len;
	unsigned char sig[64];
	ck_assert(cert_record_read(&A, "JH-ONE-2612-ABCDEFGH", d_of(text), SIG, &back, &raw, &len, sig));
	ck_assert_str_eq(back.holder, "Sita Devi");
	ck_assert_str_eq(back.fact, "");
	ck_assert_str_eq(back.expires, "-");
	ck_assert_str_eq(back.issuer, "17");
	ck_assert_uint_eq(len, strlen(text));
	ck_assert_int_eq(sig[63], 63);
}
END_TEST

START_TEST(record_refuses_what_is_not_one)
{
	static const char *const bad[] = {
		"GS1|k|JH-A-1|A|n|f|2026-12-01|-",		/* eight parts */
		"GS1|k|JH-A-1|A|n|f|2026-12-01|-|17|x",		/* ten */
		"GS2|k|JH-A-1|A|n|f|2026-12-01|-|17",		/* not ours */
		"GS1|k|JH-B-1|A|n|f|2026-12-01|-|17",		/* another certificate's */
		"GS1|k|JH-A-1|A|n\xff|f|2026-12-01|-|17",	/* not UTF-8 */
		"",
	};
	struct cert_record rec;
	const unsigned char *raw;
	size_t len;
	unsigned char sig[64];
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		ck_assert_msg(!cert_record_read(&A, "JH-A-1", d_of(bad[i]), SIG, &rec, &raw, &len, sig), "read %s", bad[i]);
	const char *good = d_of("GS1|k|JH-A-1|A|n|f|2026-12-01|-|17");
	ck_assert(cert_record_read(&A, "JH-A-1", good, SIG, &rec, &raw, &len, sig));
	ck_assert(!cert_record_read(&A, "JH-A-1", good, "AAAA", &rec, &raw, &len, sig));	/* short signature */
	ck_assert(!cert_record_read(&A, "JH-A-1", good, NULL, &rec, &raw, &len, sig));
	ck_assert(!cert_record_read(&A, "JH-A-1", "%%%", SIG, &rec, &raw, &len, sig));
}
END_TEST

START_TEST(record_parts_lose_bars_and_fit)
{
	struct cert_record rec = { "k", "JH-A-1", "A", "Ram|Shyam", "सीता देवी", "2026-12-01", "2027-12-01", "5" };
	/* the fact is cut to half of 8 bytes at a character boundary: one
	 * three-byte Devanagari letter */
	ck_assert_str_eq(cert_record_text(&A, &rec, 8), "GS1|k|JH-A-1|A|Ram Shya|स|2026-12-01|2027-12-01|5");
	ck_assert_str_eq(cert_record_part(&A, "a\nb|c", 100), "a b c");
	ck_assert_str_eq(cert_record_part(&A, NULL, 10), "");
}
END_TEST

START_TEST(one_verify_url_read_back_by_the_qr_reader)
{
	const char *rec = "GS1|k|JH-A-1|A|n|f|2026-12-01|-|17";
	const char *url = cert_verify_url(&A, "JH-A-1", rec, strlen(rec), SIG);
	ck_assert_str_eq(url, arena_printf(&A, "http://127.0.0.1:8080/v/JH-A-1?d=%s&s=%s", d_of(rec), SIG));
	const char *no, *d, *s;
	ck_assert(cert_parse_qr(&A, url, &no, &d, &s));
	ck_assert_str_eq(no, "JH-A-1");
	ck_assert_str_eq(d, d_of(rec));
	ck_assert_str_eq(s, SIG);
	ck_assert(!cert_parse_qr(&A, "https://example.in/v/JH-A-1", &no, &d, &s));
	ck_assert(!cert_parse_qr(&A, "https://example.in/x/JH-A-1?d=a", &no, &d, &s));
}
END_TEST

START_TEST(a_request_gets_the_date_of_its_three_boxes)
{
	const char *q = "from-day=8&from-month=1&from-year=2027&to=2027-02-01&to-day=9&to-month=2&to-year=2027&x-day=";
	struct param *p;
	size_t n;
	ck_assert_int_eq(parse_urlencoded(&A, q, strlen(q), 100, &p, &n), PARSE_OK);
	req_join_dates(&A, &p, &n);
	struct req r = { .q = p, .nq = n };
	ck_assert_str_eq(req_query(&r, "from"), "2027-01-08");
	ck_assert_str_eq(req_query(&r, "to"), "2027-02-01");	/* sent itself: kept */
	ck_assert_str_eq(req_query(&r, "x"), "");		/* blank boxes: blank */
	ck_assert_str_eq(req_query(&r, "from-day"), "8");	/* the boxes stay for the page */
}
END_TEST

START_TEST(date_boxes_join_into_one_date_or_stay_as_typed)
{
	ck_assert_str_eq(date_join(&A, "8", "1", "2027"), "2027-01-08");
	ck_assert_str_eq(date_join(&A, " 08 ", "01", "2027"), "2027-01-08");
	ck_assert_str_eq(date_join(&A, "", " ", NULL), "");	/* nothing typed: unanswered */
	/* anything else is passed on as typed for form_check to refuse */
	ck_assert_str_eq(date_join(&A, "8", "", "2027"), "2027--8");
	ck_assert_str_eq(date_join(&A, "32", "1", "2027"), "2027-1-32");
	ck_assert_str_eq(date_join(&A, "8", "1", "27"), "27-1-8");
	ck_assert_str_eq(date_join(&A, "8", "Jan", "2027"), "2027-Jan-8");
}
END_TEST

/* A service with a rupee amount, a date, a choice and a printed label. */
static struct svc *answers_svc(void)
{
	const char *def = "{\"format\": \"gramsewa.service/1\", \"code\": \"TST\", \"name\": {\"en\": \"T\", \"hi\": \"टी\"}, "
			  "\"fields\": [{\"name\": \"income\", \"type\": \"number\", \"unit\": \"rupees\", "
			  "\"label\": {\"en\": \"Income in a year (rupees)\", \"hi\": \"वार्षिक आय (रुपये)\"}, "
			  "\"print_label\": {\"en\": \"Annual income\", \"hi\": \"वार्षिक आय\"}}, "
			  "{\"name\": \"born\", \"type\": \"date\", \"label\": \"Born\"}, "
			  "{\"name\": \"rel\", \"type\": \"select\", \"label\": \"Relation\", \"options\": "
			  "[{\"value\": \"father\", \"label\": {\"en\": \"Father\", \"hi\": \"पिता\"}}]}]}";
	const char *err;
	struct sbuf probs;
	sbuf_init(&probs);
	struct svc *s = svc_from_json(&A, json_parse(&A, def, strlen(def), &err), &probs);
	ck_assert_msg(s && probs.len == 0, "parsed: %s", probs.data ? probs.data : "");
	sbuf_free(&probs);
	return s;
}

static struct jval *jv(const char *text)
{
	const char *err;
	return json_parse(&A, text, strlen(text), &err);
}

START_TEST(answers_read_as_people_write_them)
{
	struct svc *s = answers_svc();
	ck_assert(s->form.fields[0].rupees);
	ck_assert_str_eq(s->form.fields[0].print_label.hi, "वार्षिक आय");
	ck_assert_str_eq(cert_answer_text(&A, &s->form, &s->form.fields[0], jv("\"120000\""), "en"), "₹1,20,000");
	ck_assert_str_eq(cert_answer_text(&A, &s->form, &s->form.fields[1], jv("\"2027-01-08\""), "en"), "8 January 2027");
	ck_assert_str_eq(cert_answer_text(&A, &s->form, &s->form.fields[1], jv("\"2027-01-08\""), "hi"), "8 जनवरी 2027");
	ck_assert_str_eq(cert_answer_text(&A, &s->form, &s->form.fields[2], jv("\"father\""), "hi"), "पिता");
	ck_assert_ptr_null(cert_answer_text(&A, &s->form, &s->form.fields[2], NULL, "en"));
	/* the certificate: both languages, an amount also in words */
	ck_assert_str_eq(cert_print_value(&A, &s->form, &s->form.fields[2], jv("\"father\"")), "पिता / Father");
	ck_assert_str_eq(cert_print_value(&A, &s->form, &s->form.fields[0], jv("\"60000\"")),
			 "₹60,000 (साठ हज़ार रुपये मात्र / Rupees Sixty Thousand Only)");
	ck_assert_str_eq(cert_print_value(&A, &s->form, &s->form.fields[1], NULL), "—");
	/* "unit" and "print_label" survive a write and a read */
	struct sbuf b;
	sbuf_init(&b);
	svc_to_json(s, &b);
	ck_assert_ptr_nonnull(strstr(b.data, "\"unit\":\"rupees\""));
	ck_assert_ptr_nonnull(strstr(b.data, "\"print_label\""));
	sbuf_free(&b);
}
END_TEST

START_TEST(a_unit_other_than_rupees_is_a_problem)
{
	const char *def = "{\"format\": \"gramsewa.service/1\", \"code\": \"TST\", \"name\": \"T\", \"fields\": "
			  "[{\"name\": \"n\", \"type\": \"text\", \"label\": \"N\", \"unit\": \"rupees\"}, "
			  "{\"name\": \"m\", \"type\": \"number\", \"label\": \"M\", \"unit\": \"kg\"}]}";
	const char *err;
	struct sbuf probs;
	sbuf_init(&probs);
	svc_from_json(&A, json_parse(&A, def, strlen(def), &err), &probs);
	ck_assert_ptr_nonnull(probs.data);
	ck_assert_ptr_nonnull(strstr(probs.data, "'n': 'unit' may only be"));
	ck_assert_ptr_nonnull(strstr(probs.data, "'m': 'unit' may only be"));
	sbuf_free(&probs);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("desk");
	TCase *tc = tcase_create("desk");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, first_appeal_after_rejection_or_delay);
	tcase_add_test(tc, second_appeal_after_dismissal_or_thirty_days_undecided);
	tcase_add_test(tc, never_a_third_appeal);
	tcase_add_test(tc, record_reads_back_with_an_empty_fact);
	tcase_add_test(tc, record_refuses_what_is_not_one);
	tcase_add_test(tc, record_parts_lose_bars_and_fit);
	tcase_add_test(tc, one_verify_url_read_back_by_the_qr_reader);
	tcase_add_test(tc, date_boxes_join_into_one_date_or_stay_as_typed);
	tcase_add_test(tc, a_request_gets_the_date_of_its_three_boxes);
	tcase_add_test(tc, answers_read_as_people_write_them);
	tcase_add_test(tc, a_unit_other_than_rupees_is_a_problem);
	suite_add_tcase(s, tc);
	return tap_run(s) ? 1 : 0;
}
