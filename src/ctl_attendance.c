/*
 * ctl_attendance.c — attendance commands of gramsewactl: the daily jobs
 * (attendance-rollup, attendance-absent-sms, attendance-purge; cron lines
 * in docs/operations.md), on-duty events from the command line, and
 * demonstration points for places without coordinates.
 */
#include "ctl.h"
#include "attendance.h"
#include "db.h"
#include "sla.h"

#include <stdio.h>
#include <stdlib.h>

/* --day YYYY-MM-DD from argv, or the default (days from today). */
static const char *day_arg(int argc, char **argv, long from_today, char buf[11])
{
	if (argc == 3 && str_eq(argv[1], "--day") && sla_day(argv[2]) >= 0)
		return argv[2];
	if (argc != 1)
		return NULL;
	sla_date(sla_today() + from_today, buf);
	return buf;
}

/* Reports what a job answered: -2 means the day cannot be closed yet. */
static int job_rc(long n, const char *name)
{
	if (n == -2)
		fprintf(stderr, "%s: that day is not over yet (today only after attendance_absent_sms_at)\n", name);
	else if (n < 0)
		fprintf(stderr, "%s: %s\n", name, db_error());
	return n < 0 ? 1 : 0;
}

/* A job over one day: --day D or the default (days from today). */
static int day_job(int argc, char **argv, long from_today, const char *name, long (*fn)(struct arena *, const char *, FILE *))
{
	char buf[11];
	const char *day = day_arg(argc, argv, from_today, buf);
	if (!day) {
		fprintf(stderr, "usage: gramsewactl %s [--day YYYY-MM-DD]\n", name);
		return 2;
	}
	struct arena a;
	arena_init(&a);
	long n = fn(&a, day, stdout);
	arena_free(&a);
	return job_rc(n, name);
}

/* attendance-rollup [--day D] — close a day (default yesterday) */
int ctl_attendance_rollup(int argc, char **argv)
{
	return day_job(argc, argv, -1, "attendance-rollup", attendance_rollup);
}

/* attendance-absent-sms [--day D] — absentees told, BIs' digests (default today) */
int ctl_attendance_absent_sms(int argc, char **argv)
{
	return day_job(argc, argv, 0, "attendance-absent-sms", attendance_absent_sms);
}

/* attendance-purge — delete check-ins past checkin_retention_days */
int ctl_attendance_purge(int argc, char **argv)
{
	(void)argv;
	if (argc != 1) {
		fprintf(stderr, "usage: gramsewactl attendance-purge\n");
		return 2;
	}
	struct arena a;
	arena_init(&a);
	struct actor who = actor_cli(NULL);
	long n = attendance_purge(&a, &who, stdout);
	arena_free(&a);
	return job_rc(n, "attendance-purge");
}

/* attendance-on-duty USER DAY training|camp|survey ID */
int ctl_attendance_on_duty(int argc, char **argv)
{
	if (argc != 5) {
		fprintf(stderr, "usage: gramsewactl attendance-on-duty USER DAY training|camp|survey SOURCE_ID\n");
		return 2;
	}
	struct arena a;
	arena_init(&a);
	struct actor who = actor_cli(NULL);
	struct outcome o;
	out_init(&o, &a);
	const char *id = db_scalar(&a, "SELECT id FROM users WHERE username = ? OR id = ?", "ss", argv[1], argv[1]);
	int rc = 1;
	if (!id) {
		fprintf(stderr, "attendance-on-duty: no user %s\n", argv[1]);
		goto out;
	}
	if (db_begin() != 0)
		goto out;
	if (attendance_on_duty(&a, &who, strtol(id, NULL, 10), argv[2], argv[3], argv[4], &o) != 0 || db_commit() != 0) {
		db_rollback();
		fprintf(stderr, "attendance-on-duty: refused (%d%s%s)\n", o.status, o.nerrs ? ", " : "", o.nerrs ? o.errs[0].field : "");
		goto out;
	}
	printf("attendance-on-duty: user %s on duty on %s (%s %s)\n", id, argv[2], argv[3], argv[4]);
	rc = 0;
out:
	arena_free(&a);
	return rc;
}

/* attendance-points LOCATION_ID [--approve] — demonstration points */
int ctl_attendance_points(int argc, char **argv)
{
	long under;
	bool approve = argc == 3 && str_eq(argv[2], "--approve");
	if ((argc != 2 && !approve) || !parse_long(argv[1], 1, 2000000000L, &under)) {
		fprintf(stderr, "usage: gramsewactl attendance-points LOCATION_ID [--approve]\n");
		return 2;
	}
	struct arena a;
	arena_init(&a);
	long n = attendance_points(&a, under, approve, stdout);
	arena_free(&a);
	return job_rc(n, "attendance-points");
}

/* The demo's attendance data: Palamu at Daltonganj's real place, its
 * gram panchayats given deterministic points round their blocks (the LGD
 * files carry no coordinates) with approved geofences.  Idempotent. */
int ctl_seed_attendance(struct arena *a)
{
	const char *palamu = db_scalar(a, "SELECT id FROM locations WHERE type = 'district' AND name_en = 'Palamu'", NULL);
	if (!palamu)
		return 0;
	if (db_exec("UPDATE locations SET lat = 24.030000, lon = 84.070000 WHERE id = ? AND lat IS NULL", "i",
		    (long long)strtol(palamu, NULL, 10)) < 0)
		return 1;
	return attendance_points(a, strtol(palamu, NULL, 10), true, stdout) < 0 ? 1 : 0;
}
