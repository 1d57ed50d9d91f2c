/*
 * test_figures.c — unit tests for the counting parts: working-day due dates,
 * dashboard percentages and averages, the SVG charts (escaping, label
 * cutting on character boundaries), the payment message MAC, and the SMS
 * gateway's URL template.
 */
#include "../../src/util.h"
#include "../../src/sla.h"
#include "../../src/chart.h"
#include "../../src/dash.h"
#include "../../src/config.h"
#include "../../src/payment.h"
#include "../../src/application.h"
#include "tap.h"

#include <curl/curl.h>
#include <stdlib.h>
#include <string.h>

static struct arena A;

static void setup(void) { arena_init(&A); }
static void teardown(void) { arena_free(&A); }

START_TEST(sla_dates_round_trip)
{
	char out[11];
	long d = sla_day("2026-11-23");
	ck_assert_int_ge(d, 0);
	sla_date(d, out);
	ck_assert_str_eq(out, "2026-11-23");
	sla_date(sla_day("2028-02-29") + 1, out);
	ck_assert_str_eq(out, "2028-03-01");
	ck_assert_int_eq(sla_day("2026-02-30"), -1);
	ck_assert_int_eq(sla_day("yesterday"), -1);
}
END_TEST

START_TEST(sla_skips_sundays_and_holidays)
{
	/* 2026-11-23 is a Monday; Sunday off; 2026-11-25 a holiday */
	long hol[] = { sla_day("2026-11-25") };
	struct calendar c = { .weekly_off = 1u << 0, .holidays = hol, .nholidays = 1 };
	long mon = sla_day("2026-11-23");
	ck_assert(sla_working(&c, mon));
	ck_assert(!sla_working(&c, hol[0]));
	ck_assert(!sla_working(&c, sla_day("2026-11-29")));
	char out[11];
	/* Tue 24, (Wed 25 holiday), Thu 26, Fri 27, Sat 28, (Sun 29), Mon 30 */
	sla_date(sla_add(&c, mon, 5), out);
	ck_assert_str_eq(out, "2026-11-30");
	ck_assert_int_eq(sla_between(&c, mon, sla_day("2026-11-30")), 5);
	ck_assert_int_eq(sla_between(&c, mon, mon), 0);
	ck_assert_int_eq(sla_between(&c, mon, mon - 3), 0);
	/* a calendar with every day off falls back to plain days, never loops */
	struct calendar none = { .weekly_off = 0x7f };
	ck_assert_int_eq(sla_add(&none, mon, 3), mon + 3);
}
END_TEST

/* The last minute of a financial year and the first of the next, in IST
 * (the UTC date is 31 March at both). */
START_TEST(financial_year_and_today_turn_at_ist_midnight)
{
	char fy[8], day[11];
	fin_year(1806517740, fy);				/* 2027-03-31 23:59 IST */
	ck_assert_str_eq(fy, "2026-27");
	fin_year(1806517860, fy);				/* 2027-04-01 00:01 IST */
	ck_assert_str_eq(fy, "2027-28");
	setenv("GS_FAKE_NOW", "1806517860", 1);
	sla_date(sla_today(), day);
	ck_assert_str_eq(day, "2027-04-01");
	unsetenv("GS_FAKE_NOW");
}
END_TEST

START_TEST(dash_rates_round_and_say_no_data)
{
	ck_assert_int_eq(dash_pct(1, 3), 33);
	ck_assert_int_eq(dash_pct(2, 3), 67);
	ck_assert_int_eq(dash_pct(0, 5), 0);
	ck_assert_int_eq(dash_pct(3, 0), -1);
	struct figures f = { .approved = 2, .rejected = 1, .days_sum = 10 };
	ck_assert_int_eq(dash_avg10(&f), 33);		/* 3.3 working days, in tenths */
	struct figures none = { 0 };
	ck_assert_int_eq(dash_avg10(&none), -1);
}
END_TEST

START_TEST(chart_labels_escaped_and_cut_on_characters)
{
	struct sbuf b;
	sbuf_init(&b);
	const char *labels[] = { "<script>alert(1)</script>", "मेदिनीनगर (डालटनगंज) अंचल कार्यालय, पलामू", "Chainpur" };
	long v1[] = { 5, 0, 12 }, v2[] = { 1, 2, 0 };
	struct series s[] = { { "Decided", v1, "#00703c" }, { "Pending & <late>", v2, "#f47738" } };
	chart_bars(&b, "By \"place\"", labels, 3, s, 2);
	ck_assert(strstr(b.data, "<script>") == NULL);
	ck_assert(strstr(b.data, "&lt;script&gt;") != NULL);
	ck_assert(strstr(b.data, "Pending &amp; &lt;late&gt;") != NULL);
	ck_assert(strstr(b.data, "aria-label=\"By &quot;place&quot;\"") != NULL);
	ck_assert(strstr(b.data, "…") != NULL);		/* the long Hindi name is cut */
	ck_assert(utf8_valid(b.data, b.len));		/* and cut between characters */
	ck_assert(strstr(b.data, ">12<") != NULL);	/* row totals: 5+1, 0+2, 12+0 */
	ck_assert(strstr(b.data, ">6<") != NULL);
	sbuf_reset(&b);
	long pct[] = { 100, 41, -1 };
	chart_tiles(&b, "SLA", labels, pct, 3);
	ck_assert(utf8_valid(b.data, b.len));
	ck_assert(strstr(b.data, "41%") != NULL);
	ck_assert(strstr(b.data, "—") != NULL);		/* no data is not shown as 0% */
	sbuf_reset(&b);
	const char *days[] = { "2026-11-21", "2026-11-22", "2026-11-23" };
	chart_lines(&b, "Per day", days, 3, s, 2);
	ck_assert(strstr(b.data, "11-23") != NULL);
	ck_assert(strstr(b.data, "<polyline") != NULL || strstr(b.data, "<path") != NULL);
	sbuf_reset(&b);
	chart_bars(&b, "Empty", NULL, 0, s, 2);		/* nothing to draw is still a valid picture */
	ck_assert(strstr(b.data, "</svg>") != NULL);
	sbuf_free(&b);
}
END_TEST

START_TEST(payment_mac_checks)
{
	cfg.pay_key = "test-key-0123456789";
	const char *m = "GSO1|1500|SUCCESS|TXN9";
	char *mac = pay_mac(&A, m);
	ck_assert_uint_eq(strlen(mac), 64);
	ck_assert(pay_mac_ok(&A, m, mac));
	ck_assert(!pay_mac_ok(&A, "GSO1|15000|SUCCESS|TXN9", mac));	/* amount changed */
	ck_assert(!pay_mac_ok(&A, m, "abc"));
	ck_assert(!pay_mac_ok(&A, m, NULL));
	cfg.pay_key = "";
	ck_assert(!pay_mac_ok(&A, m, mac));			/* no key configured: nothing verifies */
}
END_TEST

START_TEST(sms_url_template_is_percent_encoded_like_libcurl)
{
	static const char *const keys[] = { "{mobile}", "{text}" };
	const char *vals[] = { "9000000001", "OTP 123456: आवेदन JH/358 & more~_.-" };
	char *url = str_fill(&A, "https://sms.example/send?to={mobile}&msg={text}&x={text", keys, vals, 2, true);
	char *want = curl_easy_escape(NULL, vals[1], 0);
	ck_assert_str_eq(url, arena_printf(&A, "https://sms.example/send?to=9000000001&msg=%s&x={text", want));
	curl_free(want);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("figures");
	TCase *tc = tcase_create("figures");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, sla_dates_round_trip);
	tcase_add_test(tc, sla_skips_sundays_and_holidays);
	tcase_add_test(tc, financial_year_and_today_turn_at_ist_midnight);
	tcase_add_test(tc, dash_rates_round_and_say_no_data);
	tcase_add_test(tc, chart_labels_escaped_and_cut_on_characters);
	tcase_add_test(tc, payment_mac_checks);
	tcase_add_test(tc, sms_url_template_is_percent_encoded_like_libcurl);
	suite_add_tcase(s, tc);
	return tap_run(s) ? 1 : 0;
}
