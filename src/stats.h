/*
 * stats.h — summary rows for dashboards (stats_daily, stats_days), bumped
 * in the same transaction as the state change they count.
 */
#ifndef GS_STATS_H
#define GS_STATS_H
#include "util.h"
#include <stdio.h>

/* What the summary rows know of an application: the row it counts in and
 * what its days are measured by.  The application module fills one
 * (app_stats), so this module does not depend on it. */
struct stats_app {
	long office_id;			/* designated office (the row's office) */
	long service_id;		/* the row's service */
	const char *channel;		/* the row's channel */
	bool tatkal;			/* counted as tatkal when received */
	long district_id;		/* whose holidays count */
	unsigned weekly_off;		/* the service's weekly offs (bit per weekday) */
	const char *submitted_at;	/* days are counted from here */
	const char *due_date;		/* disposed within the SLA when decided by this date */
};

int stats_submit(struct arena *a, struct stats_app ap);
/* returned (pending -> returned) is counted; other moves are not */
int stats_status(struct arena *a, struct stats_app ap, const char *from, const char *to);
/* a decision: approved or rejected after `days` working days */
int stats_decide(struct arena *a, struct stats_app ap, bool approved, long days);
int stats_count(struct arena *a, struct stats_app ap, const char *what);	/* out_of_order, appeals, escalated */
/* Working days from submission to decided_day (YYYY-MM-DD). */
long stats_days_taken(struct arena *a, struct stats_app ap, const char *decided_day);
/* Recomputes every summary row from applications and events. */
int stats_rebuild(FILE *report);
#endif
