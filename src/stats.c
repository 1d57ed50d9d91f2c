/*
 * stats.c — dashboard summary rows.  Live counting and the rebuild use the
 * same definitions, taken from application events:
 *   received, tatkal   'submit' events
 *   approved/rejected  'approve'/'reject' events; days and in-SLA from the
 *                      submission date, due date and decision date
 *   returned           'return' events
 *   out_of_order       actions taken with an out-of-order reason
 *   appeals            'appeal' events;  escalated  'escalate' events
 */
#include "stats.h"
#include "db.h"
#include "sla.h"
#include "svcstore.h"

#include <stdio.h>
#include <stdlib.h>

/* Adds deltas to the row of (today, office, service, channel). */
static int bump(const struct stats_app *ap, const char *day, long received, long tatkal, long approved, long rejected,
		long returned, long ooo, long appeals, long escalated, long in_sla, long days)
{
	return db_exec("INSERT INTO stats_daily (day, office_id, service_id, channel, received, tatkal, approved, rejected, returned, "
		       "out_of_order, appeals, escalated, disposed_in_sla, days_sum) VALUES (IFNULL(?, CURDATE()), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
		       "ON DUPLICATE KEY UPDATE received = received + VALUES(received), tatkal = tatkal + VALUES(tatkal), "
		       "approved = approved + VALUES(approved), rejected = rejected + VALUES(rejected), returned = returned + VALUES(returned), "
		       "out_of_order = out_of_order + VALUES(out_of_order), appeals = appeals + VALUES(appeals), "
		       "escalated = escalated + VALUES(escalated), disposed_in_sla = disposed_in_sla + VALUES(disposed_in_sla), "
		       "days_sum = days_sum + VALUES(days_sum)",
		       "siisiiiiiiiiii", day, (long long)ap->office_id, (long long)ap->service_id, ap->channel, (long long)received,
		       (long long)tatkal, (long long)approved, (long long)rejected, (long long)returned, (long long)ooo,
		       (long long)appeals, (long long)escalated, (long long)in_sla, (long long)days) < 0 ? -1 : 0;
}

int stats_submit(struct arena *a, struct stats_app ap)
{
	(void)a;
	return bump(&ap, NULL, 1, ap.tatkal, 0, 0, 0, 0, 0, 0, 0, 0);
}

int stats_status(struct arena *a, struct stats_app ap, const char *from, const char *to)
{
	(void)a;
	if (str_eq(from, "pending") && str_eq(to, "returned"))
		return bump(&ap, NULL, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0);
	return 0;
}

/* Working days from submission to decision with the service calendar. */
static long taken(struct arena *a, const struct stats_app *ap, const char *submitted, const char *decided)
{
	struct calendar cal;
	sla_calendar(a, &cal, ap->weekly_off, ap->district_id);
	long s = sla_day(submitted), d = sla_day(decided);
	return s < 0 || d < 0 ? 0 : sla_between(&cal, s, d);
}

int stats_decide(struct arena *a, struct stats_app ap, bool approved, long days)
{
	(void)a;
	bool in_sla = ap.due_date && sla_today() <= sla_day(ap.due_date);
	if (bump(&ap, NULL, 0, 0, approved, !approved, 0, 0, 0, 0, in_sla, days) != 0)
		return -1;
	return db_exec("INSERT INTO stats_days (day, office_id, service_id, days, n) VALUES (CURDATE(), ?, ?, ?, 1) "
		       "ON DUPLICATE KEY UPDATE n = n + 1", "iii", (long long)ap.office_id, (long long)ap.service_id,
		       (long long)days) < 0 ? -1 : 0;
}

int stats_count(struct arena *a, struct stats_app ap, const char *what)
{
	(void)a;
	return bump(&ap, NULL, 0, 0, 0, 0, 0, str_eq(what, "out_of_order"), str_eq(what, "appeals"),
		    str_eq(what, "escalated"), 0, 0);
}

/* The days figure the live path used for a decision event. */
long stats_days_taken(struct arena *a, struct stats_app ap, const char *decided_day)
{
	char sub[11];
	snprintf(sub, sizeof sub, "%.10s", ap.submitted_at ? ap.submitted_at : "");
	return taken(a, &ap, sub, decided_day);
}

/* The summary facts of a decided application, read for the rebuild (the
 * live path has them from app_stats).  false when it cannot be read. */
static bool decided_app(struct arena *a, long id, struct stats_app *ap)
{
	struct dbres *d = db_query(a, "SELECT IFNULL(office_id, 0), service_id, channel, tatkal, IFNULL(district_id, 0), version_id, "
				      "submitted_at, due_date FROM applications WHERE id = ?", "i", (long long)id);
	struct svc_ver *v = d && d->nrows == 1 ? svcstore_version(a, (long)db_int(d, 0, 5)) : NULL;
	if (!v)
		return false;
	*ap = (struct stats_app){ .office_id = (long)db_int(d, 0, 0), .service_id = (long)db_int(d, 0, 1), .channel = db_val(d, 0, 2),
				  .tatkal = db_int(d, 0, 3) != 0, .district_id = (long)db_int(d, 0, 4), .weekly_off = v->def->weekly_off,
				  .submitted_at = db_val(d, 0, 6), .due_date = db_val(d, 0, 7) };
	return true;
}

/* The event that makes an application received: its submission, or for
 * one filed online with a fee, its payment. */
#define RECEIVED "e.action = 'submit' AND e.to_status <> 'unpaid' OR e.action = 'payment'"

int stats_rebuild(FILE *report)
{
	struct arena a;
	arena_init(&a);
	int rc = -1;
	if (db_begin() != 0)
		goto out;
	if (db_exec("DELETE FROM stats_daily", NULL) < 0 || db_exec("DELETE FROM stats_days", NULL) < 0)
		goto fail;
	/* counts that need no calendar, straight from the events */
	if (db_exec("INSERT INTO stats_daily (day, office_id, service_id, channel, received, tatkal, returned, out_of_order, "
		    "appeals, escalated) SELECT DATE(e.at), a.office_id, a.service_id, a.channel, "
		    "SUM(" RECEIVED "), SUM((" RECEIVED ") AND a.tatkal = 1), SUM(e.action = 'return'), "
		    "SUM(e.out_of_order_reason IS NOT NULL AND e.action IN ('forward','field_verify','return','reject','approve')), "
		    "SUM(e.action = 'appeal'), SUM(e.action = 'escalate') "
		    "FROM app_events e JOIN applications a ON a.id = e.app_id WHERE a.office_id IS NOT NULL "
		    "GROUP BY DATE(e.at), a.office_id, a.service_id, a.channel", NULL) < 0)
		goto fail;
	/* decisions, one by one, for days taken and in-SLA */
	long long after = 0;
	for (;;) {
		struct dbres *d = db_query(&a, "SELECT e.id, a.id, e.action, DATE_FORMAT(e.at, '%Y-%m-%d') FROM app_events e "
					       "JOIN applications a ON a.id = e.app_id WHERE e.action IN ('approve', 'reject') "
					       "AND e.id > ? ORDER BY e.id LIMIT 2000", "i", after);
		if (!d)
			goto fail;
		if (d->nrows == 0)
			break;
		for (size_t i = 0; i < d->nrows; i++) {
			after = db_int(d, i, 0);
			struct stats_app ap;
			if (!decided_app(&a, (long)db_int(d, i, 1), &ap))
				goto fail;
			const char *day = db_val(d, i, 3);
			long days = stats_days_taken(&a, ap, day);
			bool approved = str_eq(db_val(d, i, 2), "approve");
			bool in_sla = ap.due_date && sla_day(day) <= sla_day(ap.due_date);
			if (bump(&ap, day, 0, 0, approved, !approved, 0, 0, 0, 0, in_sla, days) != 0 ||
			    db_exec("INSERT INTO stats_days (day, office_id, service_id, days, n) VALUES (?, ?, ?, ?, 1) "
				    "ON DUPLICATE KEY UPDATE n = n + 1", "siii", day, (long long)ap.office_id,
				    (long long)ap.service_id, (long long)days) < 0)
				goto fail;
		}
		arena_reset(&a);
	}
	if (db_commit() != 0)
		goto out;
	if (report) {
		struct arena b;
		arena_init(&b);
		fprintf(report, "stats rebuilt: %s summary rows\n", db_scalar(&b, "SELECT COUNT(*) FROM stats_daily", NULL));
		arena_free(&b);
	}
	rc = 0;
	goto out;
fail:
	db_rollback();
out:
	arena_free(&a);
	return rc;
}
