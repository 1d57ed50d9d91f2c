/*
 * dash.h — the figures behind the dashboards, from the per-day summary
 * rows (stats_daily, stats_days) for flows over a date range, and from the
 * live tables for what is pending now.  One scope = a location subtree
 * (every office whose location lies under it) and a date range.
 */
#ifndef GS_DASH_H
#define GS_DASH_H
#include "db.h"

struct figures {
	long received, tatkal, approved, rejected, returned, out_of_order, appeals, escalated, in_sla, days_sum;
	long pending, overdue;		/* now, not over the range */
	long p90;			/* working days, -1 when nothing was decided */
};

/* Scope totals. */
int dash_totals(struct arena *a, const char *path, const char *from, const char *to, struct figures *f);
/* Derived values: percentages rounded to whole numbers, -1 when undefined. */
long dash_pct(long part, long whole);
/* Average working days to decide (one decimal, as tenths), -1 when none. */
long dash_avg10(const struct figures *f);

/* A breakdown: rows keyed by a location at `depth` (children of the
 * scope), by service, by channel, or by office. */
enum dash_by { BY_PLACE, BY_SERVICE, BY_CHANNEL, BY_OFFICE };
struct dash_row {
	const char *key;		/* location/service/office id, or channel code */
	const char *name_en, *name_hi;	/* display */
	struct figures f;		/* counts */
};
/* Returns rows (arena) and their count in *n; -1 on DB error. */
struct dash_row *dash_breakdown(struct arena *a, const char *path, int depth, enum dash_by by, const char *from,
				const char *to, size_t *n);
/* Received and decided per day in the range (n days). */
int dash_daily(struct arena *a, const char *path, const char *from, const char *to, char ***days, long **received,
	       long **decided, size_t *n);
#endif
