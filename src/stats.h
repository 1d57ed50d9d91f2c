/*
 * stats.h — summary rows for dashboards (stats_daily, stats_days), bumped
 * in the same transaction as the state change they count.
 */
#ifndef GS_STATS_H
#define GS_STATS_H
#include "util.h"
#include <stdio.h>

struct app;
int stats_submit(struct arena *a, const struct app *ap);
/* returned (pending -> returned) is counted; other moves are not */
int stats_status(struct arena *a, const struct app *ap, const char *from, const char *to);
/* a decision: approved or rejected after `days` working days */
int stats_decide(struct arena *a, const struct app *ap, bool approved, long days);
int stats_count(struct arena *a, const struct app *ap, const char *what);	/* out_of_order, appeals, escalated */
/* Working days from submission to decided_day (YYYY-MM-DD). */
long stats_days_taken(struct arena *a, const struct app *ap, const char *decided_day);
/* Recomputes every summary row from applications and events. */
int stats_rebuild(FILE *report);
#endif
