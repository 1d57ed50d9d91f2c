/*
 * test_campaign.c — unit tests for the pure parts of campaign.c: the 95%
 * Wilson score interval the Jan Samvad reports print for each answer's
 * share (at a half, at the edges 0 and n, with no answers at all).
 */
#include "../../src/campaign.h"
#include "tap.h"

START_TEST(wilson_at_one_half_of_a_hundred)
{
	double lo, hi;
	campaign_wilson(50, 100, &lo, &hi);
	ck_assert_double_eq_tol(lo, 40.38, 0.01);
	ck_assert_double_eq_tol(hi, 59.62, 0.01);
}
END_TEST

START_TEST(wilson_at_the_edges_stays_inside_zero_and_a_hundred)
{
	double lo, hi;
	campaign_wilson(0, 10, &lo, &hi);
	ck_assert_double_eq_tol(lo, 0, 1e-9);
	ck_assert_double_eq_tol(hi, 27.75, 0.01);
	campaign_wilson(10, 10, &lo, &hi);
	ck_assert_double_eq_tol(lo, 72.25, 0.01);
	ck_assert_double_eq_tol(hi, 100, 1e-9);
}
END_TEST

START_TEST(wilson_of_nothing_is_nothing)
{
	double lo = 1, hi = 1;
	campaign_wilson(0, 0, &lo, &hi);
	ck_assert_double_eq_tol(lo, 0, 1e-9);
	ck_assert_double_eq_tol(hi, 0, 1e-9);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("campaign");
	TCase *tc = tcase_create("campaign");
	tcase_add_test(tc, wilson_at_one_half_of_a_hundred);
	tcase_add_test(tc, wilson_at_the_edges_stays_inside_zero_and_a_hundred);
	tcase_add_test(tc, wilson_of_nothing_is_nothing);
	suite_add_tcase(s, tc);
	return tap_run(s) ? 1 : 0;
}
