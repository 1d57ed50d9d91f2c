/*
 * ctl_mpr.c — `gramsewactl mpr-remind`: the daily job that reminds VLEs of
 * monthly progress reports not submitted (mpr.h mpr_remind_run).
 */
#include "ctl.h"
#include "db.h"
#include "mpr.h"

#include <stdio.h>

int ctl_mpr_remind(int argc, char **argv)
{
	int y, m, d;
	if (!(argc == 1 || (argc == 3 && str_eq(argv[1], "--day") && parse_date(argv[2], &y, &m, &d)))) {
		fprintf(stderr, "usage: mpr-remind [--day YYYY-MM-DD]\n");
		return 2;
	}
	struct arena a;
	arena_init(&a);
	long n = mpr_remind_run(&a, argc == 3 ? argv[2] : NULL, stdout);
	if (n < 0)
		fprintf(stderr, "mpr-remind: %s\n", db_error());
	arena_free(&a);
	return n < 0 ? 1 : 0;
}
