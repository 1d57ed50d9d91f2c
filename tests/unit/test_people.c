/*
 * test_people.c — unit tests for pure people-and-places logic: the
 * jurisdiction check, CSV reading, location type rules, path parsing,
 * mobile and password rules, staff fields as outcome problems.
 */
#include "../../src/user.h"
#include "../../src/location.h"
#include "../../src/csv.h"
#include "../../src/auth.h"
#include "tap.h"

#include <stdlib.h>
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
	ck_assert(juris_holding(&u, RB(ROLE_CO), 7, NULL, 0) == &two[0]);
	ck_assert(!juris_holding(&u, RB(ROLE_DM), 7, NULL, 0));
	ck_assert(!juris_holding(&u, RB(ROLE_CO), 8, NULL, 0));
	ck_assert(juris_holding(&u, RB(ROLE_DM), 0, "/1/2/3/31/33/", 0) == &two[1]);
}
END_TEST

/* a karmachari of one circle who is the CO of the next: role and place
 * must come from one holding (issue 11, item 4) */
START_TEST(juris_role_and_place_from_one_holding)
{
	struct holding k = { .id = 4, .role = ROLE_KARMACHARI, .office_id = 7, .location_id = 32, .loc_path = "/1/2/3/31/32/" };
	struct holding co = { .id = 5, .role = ROLE_CO, .office_id = 8, .location_id = 33, .loc_path = "/1/2/3/31/33/" };
	struct holding two[2] = { k, co };
	struct user u = { .id = 9, .roles = RB(ROLE_KARMACHARI) | RB(ROLE_CO), .h = two, .nh = 2 };
	ck_assert(juris_path(&u, "/1/2/3/31/32/40/"));			/* sees Medininagar as karmachari */
	ck_assert(!juris_holding(&u, RB(ROLE_CO), 0, "/1/2/3/31/32/40/", 0));	/* but is not its CO */
	ck_assert(juris_holding(&u, RB(ROLE_CO), 0, "/1/2/3/31/33/50/", 0) == &two[1]);
	ck_assert(!juris_holding(&u, RB(ROLE_KARMACHARI), 8, NULL, 0));	/* nor Chainpur's karmachari */
}
END_TEST

/* a department administrator reaches the whole state, for one department */
START_TEST(juris_department_scoped_roles)
{
	struct holding rev = { .id = 6, .role = ROLE_DEPT_ADMIN, .office_id = 1, .location_id = 1, .loc_path = "/1/",
			       .department_id = 1 };
	struct user u = { .id = 10, .roles = RB(ROLE_DEPT_ADMIN), .h = &rev, .nh = 1 };
	ck_assert(juris_holding(&u, RB_OFFICERS, 0, "/1/2/3/31/32/", 1) == &rev);	/* own department */
	ck_assert(!juris_holding(&u, RB_OFFICERS, 0, "/1/2/3/31/32/", 2));		/* another's record */
	ck_assert(juris_path(&u, "/1/2/3/"));						/* a place: no department */
	ck_assert_int_eq(holding_dept(&rev), 1);
	ck_assert_int_eq(holding_dept(&co_medininagar), 0);
	struct holding none = rev;
	none.department_id = 0;
	ck_assert_int_eq(holding_dept(&none), -1);	/* scoped to no department: sees none */
	struct user v = { .id = 11, .roles = RB(ROLE_DEPT_ADMIN), .h = &none, .nh = 1 };
	ck_assert(!juris_holding(&v, RB_OFFICERS, 0, "/1/2/", 1));
	struct arena a;
	arena_init(&a);
	const struct juris_root *roots = juris_prefixes(&a, &u, RB_OFFICERS);
	ck_assert_str_eq(roots[0].path, "/1/");
	ck_assert_int_eq(roots[0].dept, 1);	/* lists filter by the department too */
	ck_assert(roots[1].path == NULL);
	arena_free(&a);
}
END_TEST

START_TEST(juris_filers_have_no_area)
{
	struct user u = { .id = 7, .roles = RB(ROLE_CSC), .h = &csc_jamune, .nh = 1 };
	ck_assert(!juris_path(&u, "/1/2/3/31/32/40/"));
	struct holding sa = { .id = 8, .role = ROLE_STATE_ADMIN, .office_id = 1, .location_id = 1, .loc_path = "/1/" };
	struct user admin = { .id = 8, .roles = RB(ROLE_STATE_ADMIN), .h = &sa, .nh = 1 };
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
	ck_assert(valid_mobile("6000000000"));		/* 6, 7, 8, 9 start a mobile number */
	ck_assert(!valid_mobile("0123456789"));		/* the track page once took this */
	ck_assert(!valid_mobile(""));
	ck_assert(!valid_mobile(NULL));
	ck_assert(valid_email("asha.kumari@jharkhand.gov.in"));
	ck_assert(!valid_email("asha@gov"));			/* no dot after the @ */
	ck_assert(!valid_email("@gov.in"));
	ck_assert(!valid_email("a@b@gov.in"));
	ck_assert(!valid_email("asha <a@gov.in>"));
	ck_assert(!valid_email(""));
	ck_assert(!valid_email(NULL));
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
	ck_assert(staff_validate(&in, true, NULL));
	in.dob = "2010-01-01";
	ck_assert(!staff_validate(&in, true, NULL));
	unsetenv("GS_FAKE_NOW");
}
END_TEST

/* Every problem of a staff form at its input, with its message key, in
 * the order of the form; nothing recorded for a good form. */
START_TEST(staff_problems_at_their_fields)
{
	struct arena a;
	arena_init(&a);
	struct outcome out;
	out_init(&out, &a);
	struct staff_input bad = { .username = "Bad Name!", .first = "", .email = "not-an-email", .mobile = "5123456789",
				   .dob = "2030-01-01", .user_type = "csc", .csc_id = "ab" };
	ck_assert(!staff_validate(&bad, true, &out));
	static const char *const want[][2] = { { "username", "hr.username_bad" }, { "first_name", "hr.name_bad" },
					       { "email", "hr.email_bad" }, { "mobile", "auth.mobile_bad" },
					       { "dob", "hr.dob_bad" }, { "csc_id", "hr.csc_bad" } };
	ck_assert_int_eq(out.status, 422);
	ck_assert_int_eq(out.nerrs, 6);
	for (size_t i = 0; i < 6; i++) {
		ck_assert_str_eq(out.errs[i].field, want[i][0]);
		ck_assert_str_eq(out.errs[i].key, want[i][1]);
	}
	struct outcome fine;
	out_init(&fine, &a);
	struct staff_input good = { .username = "asha.k", .first = "Asha", .mobile = "9123456780", .user_type = "csc",
				    .csc_id = "CSC123456" };
	ck_assert(staff_validate(&good, true, &fine));
	ck_assert_int_eq(fine.status, 0);
	ck_assert_int_eq(fine.nerrs, 0);
	/* editing never checks the username (it cannot change) */
	good.username = NULL;
	ck_assert(staff_validate(&good, false, &fine));
	arena_free(&a);
}
END_TEST

/* A text longer than its column is a problem at its input naming the limit. */
START_TEST(lengths_as_problems)
{
	struct arena a;
	arena_init(&a);
	struct outcome out;
	out_init(&out, &a);
	ck_assert(out_max_len(&out, "reason", NULL, 3));
	ck_assert(out_max_len(&out, "reason", "अबग", 3));	/* characters, not bytes */
	ck_assert(!out_max_len(&out, "reason", "abcd", 3));
	ck_assert_int_eq(out.status, 422);
	ck_assert_str_eq(out.errs[0].key, "form.err.too_long");
	ck_assert_str_eq(out.errs[0].arg, "3");
	arena_free(&a);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("people");
	TCase *tc = tcase_create("people");
	tcase_add_test(tc, juris_officer_subtree);
	tcase_add_test(tc, juris_overlapping_holdings);
	tcase_add_test(tc, juris_role_and_place_from_one_holding);
	tcase_add_test(tc, juris_department_scoped_roles);
	tcase_add_test(tc, juris_filers_have_no_area);
	tcase_add_test(tc, roles_codes_roundtrip);
	tcase_add_test(tc, location_rules);
	tcase_add_test(tc, csv_records);
	tcase_add_test(tc, mobile_and_password_rules);
	tcase_add_test(tc, staff_age_by_the_ist_year);
	tcase_add_test(tc, staff_problems_at_their_fields);
	tcase_add_test(tc, lengths_as_problems);
	suite_add_tcase(s, tc);
	return tap_run(s) ? 1 : 0;
}
