/*
 * test_people.c — unit tests for pure people-and-places logic: the
 * jurisdiction check, CSV reading, location type rules, path parsing,
 * mobile and password rules.
 */
#include "../../src/user.h"
#include "../../src/location.h"
#include "../../src/csv.h"
#include "../../src/auth.h"
#include "tap.h"

#include <string.h>

static struct holding co_medininagar = { .id = 1, .role = ROLE_CO, .office_id = 7, .location_id = 32, .loc_path = "/1/2/3/31/32/" };
static struct holding dm_palamu = { .id = 2, .role = ROLE_DM, .office_id = 9, .location_id = 3, .loc_path = "/1/2/3/" };
static struct holding csc_jamune = { .id = 3, .role = ROLE_CSC, .location_id = 40, .loc_path = "/1/2/3/31/32/40/" };

START_TEST(juris_officer_subtree)
{
	struct user u = { .id = 5, .roles = RB(ROLE_CO), .h = &co_medininagar, .nh = 1 };
	ck_assert(juris_path(&u, "/1/2/3/31/32/"));		/* own circle */
	ck_assert(juris_path(&u, "/1/2/3/31/32/40/411/"));	/* a village inside */
	ck_assert(!juris_path(&u, "/1/2/3/31/33/"));		/* the next circle */
	ck_assert(!juris_path(&u, "/1/2/3/31/320/"));		/* id prefix is not a path prefix */
	ck_assert(!juris_path(&u, "/1/2/3/"));			/* the district above */
	ck_assert(!juris_path(&u, NULL));
	ck_assert(!juris_path(NULL, "/1/"));
}
END_TEST

START_TEST(juris_overlapping_holdings)
{
	struct holding two[2] = { co_medininagar, dm_palamu };
	struct user u = { .id = 6, .roles = RB(ROLE_CO) | RB(ROLE_DM), .h = two, .nh = 2 };
	ck_assert(juris_path(&u, "/1/2/3/31/33/"));		/* through the district holding */
	ck_assert(!juris_path(&u, "/1/2/4/"));
	ck_assert(juris_office_role(&u, 7, ROLE_CO));
	ck_assert(!juris_office_role(&u, 7, ROLE_DM));
	ck_assert(!juris_office_role(&u, 8, ROLE_CO));
}
END_TEST

START_TEST(juris_filers_have_no_area)
{
	struct user u = { .id = 7, .roles = RB(ROLE_CSC), .h = &csc_jamune, .nh = 1 };
	ck_assert(!juris_path(&u, "/1/2/3/31/32/40/"));
	struct user admin = { .id = 8, .roles = RB(ROLE_STATE_ADMIN) };
	ck_assert(juris_path(&admin, "/9/9/"));
}
END_TEST

START_TEST(roles_codes_roundtrip)
{
	for (int i = 0; i < ROLE_COUNT; i++)
		ck_assert_int_eq(role_from_code(role_code((enum role)i)), i);
	ck_assert_int_eq(role_from_code("emperor"), -1);
}
END_TEST

START_TEST(location_rules)
{
	ck_assert(loc_parent_ok(LT_VILLAGE, LT_PANCHAYAT));
	ck_assert(loc_parent_ok(LT_BLOCK, LT_SUBDIVISION));
	ck_assert(loc_parent_ok(LT_BLOCK, LT_DISTRICT));
	ck_assert(!loc_parent_ok(LT_VILLAGE, LT_DISTRICT));
	ck_assert(!loc_parent_ok(LT_STATE, LT_STATE));
	ck_assert(loc_parent_ok(LT_WARD, LT_ULB));
	long ids[8];
	ck_assert_uint_eq(loc_path_ids("/1/22/333/", ids, 8), 3);
	ck_assert_int_eq(ids[2], 333);
	ck_assert_uint_eq(loc_path_ids("/", ids, 8), 0);
}
END_TEST

START_TEST(csv_records)
{
	struct arena a;
	arena_init(&a);
	const char *text = "\xEF\xBB\xBFh1,h2\r\n\"a, \"\"b\"\"\",\"multi\nline\"\r\n\r\nx,\"bad\"tail\nok,1";
	struct csv c;
	csv_init(&c, text, strlen(text));
	char **f;
	size_t n;
	ck_assert_int_eq(csv_next(&c, &a, &f, &n), 1);
	ck_assert_str_eq(f[0], "h1");
	ck_assert_int_eq(csv_next(&c, &a, &f, &n), 1);
	ck_assert_str_eq(f[0], "a, \"b\"");
	ck_assert_str_eq(f[1], "multi\nline");
	ck_assert_int_eq(c.rec_line, 2);
	ck_assert_int_eq(csv_next(&c, &a, &f, &n), -1);
	ck_assert_int_eq(c.rec_line, 5);
	ck_assert_int_eq(csv_next(&c, &a, &f, &n), 1);
	ck_assert_str_eq(f[0], "ok");
	ck_assert_int_eq(c.rec_line, 6);
	ck_assert_int_eq(csv_next(&c, &a, &f, &n), 0);
	arena_free(&a);
}
END_TEST

START_TEST(mobile_and_password_rules)
{
	ck_assert(valid_mobile("9876543210"));
	ck_assert(!valid_mobile("5876543210"));
	ck_assert(!valid_mobile("987654321"));
	ck_assert(!valid_mobile("98765432101"));
	ck_assert(!valid_mobile("98765x3210"));
	ck_assert_ptr_null(password_problem("demo-pass-2026"));
	ck_assert_str_eq(password_problem("short1"), "auth.pw_short");
	ck_assert_str_eq(password_problem("abcdefghijkl"), "auth.pw_simple");
}
END_TEST

/* Age is counted in the Indian year: at 00:01 IST on 1 January 2027 (still
 * 2026 in UTC) someone born in 2009 is 18 by the year rule. */
START_TEST(staff_age_by_the_ist_year)
{
	struct staff_input in = { .username = "agetest", .first = "Asha", .mobile = "9123456780", .dob = "2009-06-01",
				  .user_type = "staff" };
	setenv("GS_FAKE_NOW", "1798741860", 1);
	ck_assert(staff_validate(NULL, &in, true));
	in.dob = "2010-01-01";
	ck_assert(!staff_validate(NULL, &in, true));
	unsetenv("GS_FAKE_NOW");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("people");
	TCase *tc = tcase_create("people");
	tcase_add_test(tc, juris_officer_subtree);
	tcase_add_test(tc, juris_overlapping_holdings);
	tcase_add_test(tc, juris_filers_have_no_area);
	tcase_add_test(tc, roles_codes_roundtrip);
	tcase_add_test(tc, location_rules);
	tcase_add_test(tc, csv_records);
	tcase_add_test(tc, mobile_and_password_rules);
	tcase_add_test(tc, staff_age_by_the_ist_year);
	suite_add_tcase(s, tc);
	return tap_run(s) ? 1 : 0;
}
