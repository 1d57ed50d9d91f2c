/*
 * test_app.c — unit tests for the pure rules of applications: the channel
 * a user files through, whose application it is and who sees it, the
 * financial year in its number.
 */
#include "../../src/application.h"
#include "../../src/user.h"
#include "tap.h"

#include <string.h>

static struct holding co_medininagar = { .id = 1, .role = ROLE_CO, .office_id = 7, .location_id = 32, .loc_path = "/1/2/3/31/32/" };
static struct holding csc_jamune = { .id = 3, .role = ROLE_CSC, .location_id = 40, .loc_path = "/1/2/3/31/32/40/" };
static struct holding rev_admin = { .id = 6, .role = ROLE_DEPT_ADMIN, .office_id = 1, .location_id = 1, .loc_path = "/1/",
				    .department_id = 2 };

/* An operator files as an operator, a citizen online, an officer at the
 * counter; asking for a channel the user has not is refused. */
START_TEST(channel_by_role)
{
	struct user citizen = { .id = 1, .roles = RB(ROLE_CITIZEN) };
	struct user csc = { .id = 2, .roles = RB(ROLE_CSC), .h = &csc_jamune, .nh = 1 };
	struct user co = { .id = 3, .roles = RB(ROLE_CO), .h = &co_medininagar, .nh = 1 };
	struct user admin = { .id = 4, .roles = RB(ROLE_STATE_ADMIN) };
	ck_assert_str_eq(app_channel(&citizen, NULL), "online");
	ck_assert_str_eq(app_channel(&citizen, "online"), "online");
	ck_assert_ptr_null(app_channel(&citizen, "csc"));
	ck_assert_str_eq(app_channel(&csc, NULL), "csc");
	ck_assert_ptr_null(app_channel(&csc, "online"));
	ck_assert_str_eq(app_channel(&co, NULL), "counter");
	ck_assert_str_eq(app_channel(&co, "counter"), "counter");
	ck_assert_ptr_null(app_channel(&co, "jsk"));
	ck_assert_ptr_null(app_channel(&admin, NULL));	/* not a workflow player */
	ck_assert_ptr_null(app_channel(NULL, NULL));
	/* an operator who is also a citizen files as the operator */
	struct user both = { .id = 5, .roles = RB(ROLE_CITIZEN) | RB(ROLE_SEWAK) };
	ck_assert_str_eq(app_channel(&both, NULL), "sewak");
	ck_assert_str_eq(app_channel(&both, "online"), "online");
}
END_TEST

/* Its applicant and its filer see it always; officers only once it is
 * filed, and only where their holding covers its office (a department-
 * scoped one only for its own department). */
START_TEST(who_sees_an_application)
{
	struct app ap = { .id = 10, .applicant_id = 1, .filed_by = 2, .status = "pending", .office_path = "/1/2/3/31/32/",
			  .dept_id = 2 };
	struct user applicant = { .id = 1, .roles = RB(ROLE_CITIZEN) };
	struct user filer = { .id = 2, .roles = RB(ROLE_CSC), .h = &csc_jamune, .nh = 1 };
	struct user other_csc = { .id = 9, .roles = RB(ROLE_CSC), .h = &csc_jamune, .nh = 1 };
	struct user co = { .id = 3, .roles = RB(ROLE_CO), .h = &co_medininagar, .nh = 1 };
	struct user admin = { .id = 4, .roles = RB(ROLE_DEPT_ADMIN), .h = &rev_admin, .nh = 1 };
	ck_assert(app_mine(&applicant, &ap) && app_mine(&filer, &ap));
	ck_assert(!app_mine(&co, &ap) && !app_mine(&other_csc, &ap) && !app_mine(NULL, &ap) && !app_mine(&co, NULL));
	ck_assert(app_visible(&applicant, &ap) && app_visible(&filer, &ap));
	ck_assert(app_visible(&co, &ap) && app_visible(&admin, &ap));
	ck_assert(!app_visible(&other_csc, &ap));		/* an operator has no area */
	ap.office_path = "/1/2/3/31/33/";			/* the next circle */
	ck_assert(!app_visible(&co, &ap));
	ck_assert(app_visible(&admin, &ap));
	ap.dept_id = 3;						/* another department */
	ck_assert(!app_visible(&admin, &ap));
	ap = (struct app){ .id = 11, .applicant_id = 1, .filed_by = 2, .status = "draft", .office_path = "/1/2/3/31/32/" };
	ck_assert(!app_visible(&co, &ap));			/* a draft is the filer's own */
	ck_assert(app_visible(&filer, &ap) && app_visible(&applicant, &ap));
	ck_assert(!app_visible(NULL, &ap) && !app_visible(&co, NULL));
}
END_TEST

/* The year in an application number runs from April to March, by the IST
 * date. */
START_TEST(financial_year)
{
	char fy[8];
	fin_year(1775004000, fy);	/* 2026-04-01 06:10 IST */
	ck_assert_str_eq(fy, "2026-27");
	fin_year(1774981740, fy);	/* 2026-03-31 23:59 IST (18:29 UTC) */
	ck_assert_str_eq(fy, "2025-26");
	fin_year(1774982000, fy);	/* 2026-04-01 00:03 IST, still 31 March in UTC */
	ck_assert_str_eq(fy, "2026-27");
	fin_year(1798741860, fy);	/* 2027-01-01 */
	ck_assert_str_eq(fy, "2026-27");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("app");
	TCase *tc = tcase_create("app");
	tcase_add_test(tc, channel_by_role);
	tcase_add_test(tc, who_sees_an_application);
	tcase_add_test(tc, financial_year);
	suite_add_tcase(s, tc);
	return tap_run(s) ? 1 : 0;
}
