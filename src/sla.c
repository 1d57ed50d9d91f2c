/*
 * sla.c — working-day arithmetic.
 */
#include "sla.h"
#include "db.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

long sla_day(const char *s)
{
	int y, m, d;
	if (!parse_date(s, &y, &m, &d))
		return -1;
	/* days from civil (Howard Hinnant's algorithm) */
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void sla_date(long z, char out[11])
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long y = yoe + era * 400;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	long d = doy - (153 * mp + 2) / 5 + 1;
	long m = mp + (mp < 10 ? 3 : -9);
	unsigned yy = (unsigned)((y + (m <= 2)) % 10000), mm = (unsigned)m % 100, dd = (unsigned)d % 100;
	snprintf(out, 11, "%04u-%02u-%02u", yy % 10000, mm % 13, dd % 32);
}

long sla_today(void)
{
	return ist_day(now_secs());
}

static int cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;
	return x < y ? -1 : x > y;
}

void sla_calendar(struct arena *a, struct calendar *c, unsigned weekly_off, long district_id)
{
	c->weekly_off = weekly_off & 0x7f;
	c->holidays = NULL;
	c->nholidays = 0;
	struct dbres *h = db_query(a, "SELECT DATE_FORMAT(day, '%Y-%m-%d') FROM holidays WHERE (location_id IS NULL OR location_id = ?) "
				      "AND day >= CURDATE() - INTERVAL 400 DAY AND day <= CURDATE() + INTERVAL 800 DAY", "i",
				 (long long)district_id);
	if (!h)
		return;
	c->holidays = arena_alloc(a, (h->nrows + 1) * sizeof *c->holidays);
	for (size_t i = 0; i < h->nrows; i++)
		c->holidays[c->nholidays++] = sla_day(db_val(h, i, 0));
	qsort(c->holidays, c->nholidays, sizeof *c->holidays, cmp_long);
}

bool sla_working(const struct calendar *c, long day)
{
	int wd = (int)(((day % 7) + 7 + 4) % 7);	/* 1970-01-01 was a Thursday */
	if (c->weekly_off & (1u << wd))
		return false;
	return !bsearch(&day, c->holidays, c->nholidays, sizeof *c->holidays, cmp_long);
}

long sla_add(const struct calendar *c, long from, long n)
{
	long d = from;
	if (c->weekly_off == 0x7f)
		return from + n;	/* a calendar with no working days: fall back to plain days */
	while (n > 0) {
		d++;
		if (sla_working(c, d))
			n--;
	}
	return d;
}

long sla_between(const struct calendar *c, long a, long b)
{
	long n = 0;
	for (long d = a + 1; d <= b && d - a < 5000; d++)
		n += sla_working(c, d);
	return n;
}

/* ---- working hours ---- */

bool sla_hours_parse(const char *s, struct office_hours *h)
{
	return parse_hours_range(s, &h->open_s, &h->close_s);
}

/* The IST day of t and the seconds since that day's IST midnight. */
static long ist_split(time_t t, long *sod)
{
	long long l = (long long)t + IST_OFFSET;
	long day = (long)(l >= 0 ? l / 86400 : -((-l + 86399) / 86400));
	*sod = (long)(l - (long long)day * 86400);
	return day;
}

static time_t ist_join(long day, long sod)
{
	return (time_t)((long long)day * 86400 + sod - IST_OFFSET);
}

time_t sla_work_add(const struct calendar *c, const struct office_hours *h, time_t t, long secs)
{
	if (secs <= 0)
		return t;
	if (c->weekly_off == 0x7f)
		return t + secs;	/* no working days: plain seconds, as sla_add falls back to plain days */
	long sod, day = ist_split(t, &sod);
	/* 20 years of days at most: an SLA is hours, a hostile calendar cannot loop us */
	for (long n = 0; n < 7300; n++, day++, sod = 0) {
		if (!sla_working(c, day))
			continue;
		long start = sod > h->open_s ? sod : h->open_s;
		if (start >= h->close_s)
			continue;
		long avail = h->close_s - start;
		if (secs <= avail)
			return ist_join(day, start + secs);
		secs -= avail;
	}
	return ist_join(day, h->close_s);
}

long sla_work_between(const struct calendar *c, const struct office_hours *h, time_t t0, time_t t1)
{
	if (t1 <= t0)
		return 0;
	if (c->weekly_off == 0x7f)
		return (long)(t1 - t0);
	long s0, s1, d0 = ist_split(t0, &s0), d1 = ist_split(t1, &s1), n = 0;
	for (long day = d0; day <= d1 && day - d0 < 7300; day++) {
		if (!sla_working(c, day))
			continue;
		long from = day == d0 && s0 > h->open_s ? s0 : h->open_s;
		long to = day == d1 && s1 < h->close_s ? s1 : h->close_s;
		if (to > from)
			n += to - from;
	}
	return n;
}

time_t sla_time(const char *s)
{
	int hh, mm, ss;
	if (!s || strlen(s) < 19 || s[10] != ' ' || sscanf(s + 11, "%2d:%2d:%2d", &hh, &mm, &ss) != 3)
		return -1;
	char day[11];
	memcpy(day, s, 10);
	day[10] = '\0';
	int y, m, dd;
	if (!parse_date(day, &y, &m, &dd) || hh > 23 || mm > 59 || ss > 60)
		return -1;
	return ist_join(sla_day(day), hh * 3600 + mm * 60 + ss);
}
