/*
 * test_money.c — unit tests for amounts of money: reading what people type,
 * the plain and shown forms (sign, Indian digit grouping), the amount in
 * words in English and Hindi; and the rule for a top-up's or refund's
 * reference.
 */
#include "../../src/money.h"
#include "../../src/wallet.h"
#include "tap.h"

#include <string.h>

static struct arena A;

static void setup(void) { arena_init(&A); }
static void teardown(void) { arena_free(&A); }

static long long parsed(const char *s)
{
	long long p = -999;
	ck_assert_msg(money_parse(s, true, &p), "refused %s", s);
	return p;
}

START_TEST(parse_accepts_what_people_type)
{
	ck_assert_int_eq(parsed("30"), 3000);
	ck_assert_int_eq(parsed("30.5"), 3050);
	ck_assert_int_eq(parsed("30.50"), 3050);
	ck_assert_int_eq(parsed("0.05"), 5);
	ck_assert_int_eq(parsed(" 1,23,456.75 "), 12345675);
	ck_assert_int_eq(parsed("1,000"), 100000);
	ck_assert_int_eq(parsed("\xe2\x82\xb9 30"), 3000);
	ck_assert_int_eq(parsed("Rs. 30.50"), 3050);
	ck_assert_int_eq(parsed("Rs30"), 3000);
	ck_assert_int_eq(parsed("-1.50"), -150);
	ck_assert_int_eq(parsed("100000000"), 10000000000LL);
}
END_TEST

START_TEST(parse_refuses_the_rest)
{
	static const char *const bad[] = {
		"", " ", "abc", "30.", ".5", "30.505", "1,2", "1,", ",100", "1,,000", "30 50", "30.5x", "--1",
		"1e3", "0x10", "+5", "100000000.01", "99999999999999999999", "3 0", NULL,
	};
	long long p;
	for (size_t i = 0; bad[i]; i++)
		ck_assert_msg(!money_parse(bad[i], true, &p), "accepted \"%s\"", bad[i]);
	ck_assert(!money_parse(NULL, true, &p));
	ck_assert(!money_parse("-1", false, &p));
	ck_assert(money_parse("1", false, &p));
}
END_TEST

START_TEST(plain_keeps_paise_and_sign)
{
	ck_assert_str_eq(money_plain(&A, 0), "0");
	ck_assert_str_eq(money_plain(&A, 3000), "30");
	ck_assert_str_eq(money_plain(&A, 3050), "30.50");
	ck_assert_str_eq(money_plain(&A, 5), "0.05");
	ck_assert_str_eq(money_plain(&A, -150), "-1.50");	/* once printed "-1.-50" */
	ck_assert_str_eq(money_plain(&A, -5), "-0.05");
	ck_assert_str_eq(money_plain(&A, 12345675), "123456.75");
}
END_TEST

START_TEST(plain_round_trips_through_parse)
{
	static const long long v[] = { 0, 1, 5, 99, 100, 3050, 3000, 123456789, 10000000000LL, -1, -150, -3000 };
	for (size_t i = 0; i < ARRAY_LEN(v); i++) {
		long long back;
		ck_assert(money_parse(money_plain(&A, v[i]), true, &back));
		ck_assert_int_eq(back, v[i]);
		ck_assert(money_parse(money_fmt(&A, v[i]) + (v[i] < 0), false, &back));
		ck_assert_int_eq(back, v[i] < 0 ? -v[i] : v[i]);
	}
}
END_TEST

START_TEST(shown_with_indian_grouping)
{
	ck_assert_str_eq(money_fmt(&A, 0), "\xe2\x82\xb9" "0");
	ck_assert_str_eq(money_fmt(&A, 5000), "\xe2\x82\xb9" "50");
	ck_assert_str_eq(money_fmt(&A, 99999), "\xe2\x82\xb9" "999.99");
	ck_assert_str_eq(money_fmt(&A, 100000), "\xe2\x82\xb9" "1,000");
	ck_assert_str_eq(money_fmt(&A, 6000000), "\xe2\x82\xb9" "60,000");
	ck_assert_str_eq(money_fmt(&A, 12345675), "\xe2\x82\xb9" "1,23,456.75");
	ck_assert_str_eq(money_fmt(&A, 1234567800), "\xe2\x82\xb9" "1,23,45,678");
	ck_assert_str_eq(money_fmt(&A, 10000000000LL), "\xe2\x82\xb9" "10,00,00,000");
	ck_assert_str_eq(money_fmt(&A, 1000000000000LL), "\xe2\x82\xb9" "10,00,00,00,000");
	ck_assert_str_eq(money_fmt(&A, -150), "-\xe2\x82\xb9" "1.50");
	ck_assert_str_eq(money_fmt(&A, -10000000), "-\xe2\x82\xb9" "1,00,000");
}
END_TEST

START_TEST(words_in_english)
{
	ck_assert_str_eq(money_words(&A, 0, "en"), "Rupees Zero Only");
	ck_assert_str_eq(money_words(&A, 5000, "en"), "Rupees Fifty Only");
	ck_assert_str_eq(money_words(&A, 6000000, "en"), "Rupees Sixty Thousand Only");
	ck_assert_str_eq(money_words(&A, 12345650, "en"),
			 "Rupees One Lakh Twenty-Three Thousand Four Hundred Fifty-Six and Fifty Paise Only");
	ck_assert_str_eq(money_words(&A, 50, "en"), "Fifty Paise Only");
	ck_assert_str_eq(money_words(&A, 1000000000, "en"), "Rupees One Crore Only");
	ck_assert_str_eq(money_words(&A, 10000000000LL, "en"), "Rupees Ten Crore Only");
	ck_assert_str_eq(money_words(&A, 1234500000000LL, "en"), "Rupees One Thousand Two Hundred Thirty-Four Crore Fifty Lakh Only");
	ck_assert_str_eq(money_words(&A, 1101100, "en"), "Rupees Eleven Thousand Eleven Only");
	ck_assert_str_eq(money_words(&A, -150, "en"), "Minus Rupees One and Fifty Paise Only");
}
END_TEST

START_TEST(words_in_hindi)
{
	ck_assert_str_eq(money_words(&A, 0, "hi"), "शून्य रुपये मात्र");
	ck_assert_str_eq(money_words(&A, 6000000, "hi"), "साठ हज़ार रुपये मात्र");
	ck_assert_str_eq(money_words(&A, 12345650, "hi"), "एक लाख तेईस हज़ार चार सौ छप्पन रुपये और पचास पैसे मात्र");
	ck_assert_str_eq(money_words(&A, 9999, "hi"), "निन्यानवे रुपये और निन्यानवे पैसे मात्र");
	ck_assert_str_eq(money_words(&A, 250000000, "hi"), "पच्चीस लाख रुपये मात्र");
	ck_assert_str_eq(money_words(&A, 50, "hi"), "पचास पैसे मात्र");
}
END_TEST

START_TEST(reference_is_three_to_a_hundred_characters)
{
	ck_assert(!wallet_reference_ok(NULL));
	ck_assert(!wallet_reference_ok("ab"));
	ck_assert(wallet_reference_ok("SBI"));
	char ref[202];
	memset(ref, 'x', 101);
	ref[101] = '\0';
	ck_assert(!wallet_reference_ok(ref));
	ref[100] = '\0';
	ck_assert(wallet_reference_ok(ref));
	/* characters, not bytes: 100 Devanagari letters are 300 bytes */
	struct sbuf b;
	sbuf_init(&b);
	for (int i = 0; i < 100; i++)
		sbuf_adds(&b, "\xe0\xa4\x95");	/* क */
	ck_assert(wallet_reference_ok(b.data));
	sbuf_adds(&b, "\xe0\xa4\x95");
	ck_assert(!wallet_reference_ok(b.data));
	sbuf_free(&b);
	ck_assert(!wallet_reference_ok("SBI \xff slip"));	/* not UTF-8 (a command line can send anything) */
}
END_TEST

int main(void)
{
	Suite *s = suite_create("money");
	TCase *tc = tcase_create("money");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, parse_accepts_what_people_type);
	tcase_add_test(tc, parse_refuses_the_rest);
	tcase_add_test(tc, plain_keeps_paise_and_sign);
	tcase_add_test(tc, plain_round_trips_through_parse);
	tcase_add_test(tc, shown_with_indian_grouping);
	tcase_add_test(tc, words_in_english);
	tcase_add_test(tc, words_in_hindi);
	tcase_add_test(tc, reference_is_three_to_a_hundred_characters);
	suite_add_tcase(s, tc);
	return tap_run(s) ? 1 : 0;
}
