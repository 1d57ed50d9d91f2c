/*
 * sla.h — working days.  A service's calendar has weekly offs; holidays
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
#endif
