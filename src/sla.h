/*
 * sla.h — working days and working hours.  A service's calendar has weekly offs; holidays
 * come from the holidays table (state-wide, or for the application's
 * district).  Due dates are counted in working days, never wall-clock.
 */
#ifndef GS_SLA_H
#define GS_SLA_H
#include "util.h"

struct calendar {
	unsigned weekly_off;	/* bit per weekday, 0 = Sunday */
	long *holidays;		/* days since 1970-01-01, sorted */
	size_t nholidays;
};

/* Loads holidays for district (0 = state-wide only) from `from` for ~3 years. */
void sla_calendar(struct arena *a, struct calendar *c, unsigned weekly_off, long district_id);
/* YYYY-MM-DD -> day number, or -1. */
long sla_day(const char *date);
void sla_date(long day, char out[11]);
/* The date n working days after `from` (from itself does not count). */
long sla_add(const struct calendar *c, long from, long n);
/* Working days from a to b (b after a; 0 if b <= a). */
long sla_between(const struct calendar *c, long a, long b);
bool sla_working(const struct calendar *c, long day);
long sla_today(void);	/* IST */

/* ---- working hours (tickets) ----
 * The same calendar, with a daily window of office hours (IST): an SLA of
 * 8 hours raised at 17:00 with office hours 10:00-18:00 is due at 17:00 on
 * the next working day.  Nights, weekly offs and holidays do not count. */
struct office_hours {
	int open_s;		/* seconds after IST midnight the office opens */
	int close_s;		/* ... and closes (> open_s) */
};
/* "10:00-18:00" -> h; false when malformed or not open < close. */
bool sla_hours_parse(const char *s, struct office_hours *h);
/* The instant `secs` working seconds after t (t itself when secs <= 0).
 * Time outside office hours does not count, so a clock started at night
 * runs from the next opening.  A calendar with no working days falls back
 * to wall-clock seconds. */
time_t sla_work_add(const struct calendar *c, const struct office_hours *h, time_t t, long secs);
/* A stored IST wall time ("2026-11-22 10:15:00", fractions ignored) as
 * unix time, or -1. */
time_t sla_time(const char *stored);
/* Working seconds from t0 to t1 (0 when t1 <= t0). */
long sla_work_between(const struct calendar *c, const struct office_hours *h, time_t t0, time_t t1);
#endif
