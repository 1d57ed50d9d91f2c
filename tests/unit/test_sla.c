/*
 * test_sla.c — unit tests for the working-hours arithmetic of sla.c that
 * ticket due times use: office hours, nights, weekly offs and holidays, a
 * pause (awaiting information) and its resume across them, and the
 * phase-1 working-day functions left as they were.
 */
#include "../../src/sla.h"
#include "tap.h"

#include <string.h>

/* Office hours 10:00-18:00, Sunday off, and Monday 16 November 2026 a
 * holiday.  13 November 2026 is a Friday. */
static long holidays[1];
static struct calendar cal;
static struct office_hours oh;

static void setup(void)
{
	holidays[0] = sla_day("2026-11-16");
	cal = (struct calendar){ .weekly_off = 1u << 0, .holidays = holidays, .nholidays = 1 };
	ck_assert(sla_hours_parse("10:00-18:00", &oh));
}

/* "2026-11-13 17:00" (IST) as a unix time. */
static time_t at(const char *day, int hh, int mm)
{
	return (time_t)sla_day(day) * 86400 + hh * 3600 + mm * 60 - IST_OFFSET;
}

START_TEST(office_hours_are_parsed_strictly)
{
	struct office_hours h;
	ck_assert(sla_hours_parse("09:30-17:45", &h));
	ck_assert_int_eq(h.open_s, 9 * 3600 + 1800);
	ck_assert_int_eq(h.close_s, 17 * 3600 + 2700);
	ck_assert(!sla_hours_parse("18:00-10:00", &h));
	ck_assert(!sla_hours_parse("10:00-10:00", &h));
	ck_assert(!sla_hours_parse("10:00-18:00x", &h));
	ck_assert(!sla_hours_parse("10-18", &h));
	ck_assert(!sla_hours_parse(NULL, &h));
}
END_TEST

START_TEST(hours_inside_one_day)
{
	setup();
	ck_assert(sla_work_add(&cal, &oh, at("2026-11-13", 10, 30), 4 * 3600) == at("2026-11-13", 14, 30));
	/* exactly to closing time stays that day */
	ck_assert(sla_work_add(&cal, &oh, at("2026-11-13", 10, 0), 8 * 3600) == at("2026-11-13", 18, 0));
}
END_TEST

START_TEST(a_night_does_not_count)
{
	setup();
	/* Friday 17:00 + 2 h: one hour Friday, one Saturday morning */
	ck_assert(sla_work_add(&cal, &oh, at("2026-11-13", 17, 0), 2 * 3600) == at("2026-11-14", 11, 0));
	/* raised at night: the clock starts at the next opening */
	ck_assert(sla_work_add(&cal, &oh, at("2026-11-13", 22, 0), 3600) == at("2026-11-14", 11, 0));
	ck_assert(sla_work_add(&cal, &oh, at("2026-11-14", 6, 0), 3600) == at("2026-11-14", 11, 0));
}
END_TEST

START_TEST(weekly_off_and_holiday_are_skipped)
{
	setup();
	/* Saturday 17:00 + 2 h: Sunday off, Monday a holiday, so Tuesday 11:00 */
	ck_assert(sla_work_add(&cal, &oh, at("2026-11-14", 17, 0), 2 * 3600) == at("2026-11-17", 11, 0));
	/* and the working time between those is the 2 h */
	ck_assert_int_eq(sla_work_between(&cal, &oh, at("2026-11-14", 17, 0), at("2026-11-17", 11, 0)), 2 * 3600);
	/* a whole holiday weekend counts nothing */
	ck_assert_int_eq(sla_work_between(&cal, &oh, at("2026-11-14", 18, 0), at("2026-11-17", 10, 0)), 0);
}
END_TEST

START_TEST(pause_across_a_holiday_moves_the_due_time_by_the_working_time_paused)
{
	setup();
	/* raised Friday 15:00 with 8 working hours: due Saturday 15:00 */
	time_t raised = at("2026-11-13", 15, 0);
	time_t due = sla_work_add(&cal, &oh, raised, 8 * 3600);
	ck_assert(due == at("2026-11-14", 15, 0));
	/* paused (awaiting information) Friday 16:00, resumed Tuesday 12:00:
	 * paused 2 h Friday + 8 h Saturday + 2 h Tuesday = 12 working hours
	 * (Sunday off, Monday the holiday, nights) */
	long paused = sla_work_between(&cal, &oh, at("2026-11-13", 16, 0), at("2026-11-17", 12, 0));
	ck_assert_int_eq(paused, 12 * 3600);
	/* the due time moves by the paused working time: Saturday 15:00 + 12 h
	 * = Saturday 18:00 (3 h), Tuesday 10:00-18:00 (8 h), Wednesday 11:00 */
	time_t resumed_due = sla_work_add(&cal, &oh, due, paused);
	ck_assert(resumed_due == at("2026-11-18", 11, 0));
	/* so the remaining working time at resume is what was left at the pause */
	ck_assert_int_eq(sla_work_between(&cal, &oh, at("2026-11-17", 12, 0), resumed_due),
			 sla_work_between(&cal, &oh, at("2026-11-13", 16, 0), due));
}
END_TEST

START_TEST(a_pause_within_a_night_costs_nothing)
{
	setup();
	ck_assert_int_eq(sla_work_between(&cal, &oh, at("2026-11-13", 19, 0), at("2026-11-14", 9, 59)), 0);
	ck_assert_int_eq(sla_work_between(&cal, &oh, at("2026-11-13", 12, 0), at("2026-11-13", 11, 0)), 0);
}
END_TEST

START_TEST(no_working_days_falls_back_to_wall_clock)
{
	struct calendar none = { .weekly_off = 0x7f };
	struct office_hours h = { 10 * 3600, 18 * 3600 };
	ck_assert(sla_work_add(&none, &h, 1000, 3600) == 4600);
	ck_assert_int_eq(sla_work_between(&none, &h, 1000, 4600), 3600);
}
END_TEST

START_TEST(working_days_are_unchanged)
{
	setup();
	/* phase 1: 2 working days after Friday: Saturday, then Tuesday (Sunday off, Monday holiday) */
	ck_assert_int_eq(sla_add(&cal, sla_day("2026-11-13"), 2), sla_day("2026-11-17"));
	ck_assert_int_eq(sla_between(&cal, sla_day("2026-11-13"), sla_day("2026-11-17")), 2);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("sla");
	TCase *tc = tcase_create("sla");
	tcase_add_test(tc, office_hours_are_parsed_strictly);
	tcase_add_test(tc, hours_inside_one_day);
	tcase_add_test(tc, a_night_does_not_count);
	tcase_add_test(tc, weekly_off_and_holiday_are_skipped);
	tcase_add_test(tc, pause_across_a_holiday_moves_the_due_time_by_the_working_time_paused);
	tcase_add_test(tc, a_pause_within_a_night_costs_nothing);
	tcase_add_test(tc, no_working_days_falls_back_to_wall_clock);
	tcase_add_test(tc, working_days_are_unchanged);
	suite_add_tcase(s, tc);
	return tap_run(s) ? 1 : 0;
}
