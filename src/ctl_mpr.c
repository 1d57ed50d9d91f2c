/*
 * ctl_mpr.c — the daily reminder jobs of the field work: `gramsewactl
 * mpr-remind` reminds VLEs of monthly progress reports not submitted
 * (mpr.h mpr_remind_run), `gramsewactl survey-remind` of survey tasks due
 * soon or overdue, with a digest to each block's BI (survey.h
 * survey_remind_run).  Both are idempotent per day and safe to run twice
 * at once.
 */
#include "ctl.h"
#include "db.h"
#include "mpr.h"
#include "survey.h"

#include <stdio.h>

/* Runs a reminder job over --day YYYY-MM-DD (or today, IST): 0, 1 on a
 * database error, 2 on a usage error. */
static int reminder_job(int argc, char **argv, const char *name, long (*run)(struct arena *, const char *, FILE *))
{
	int y, m, d;
	if (!(argc == 1 || (argc == 3 && str_eq(argv[1], "--day") && parse_date(argv[2], &y, &m, &d)))) {
		fprintf(stderr, "usage: %s [--day YYYY-MM-DD]\n", name);
		return 2;
	}
	struct arena a;
	arena_init(&a);
	long n = run(&a, argc == 3 ? argv[2] : NULL, stdout);
	if (n < 0)
		fprintf(stderr, "%s: %s\n", name, db_error());
	arena_free(&a);
	return n < 0 ? 1 : 0;
}

int ctl_mpr_remind(int argc, char **argv)
{
	return reminder_job(argc, argv, "mpr-remind", mpr_remind_run);
}

int ctl_survey_remind(int argc, char **argv)
{
	return reminder_job(argc, argv, "survey-remind", survey_remind_run);
}
