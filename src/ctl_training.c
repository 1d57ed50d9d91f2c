/*
 * ctl_training.c — training commands of gramsewactl: training-compliance
 * (cron: the reminder on the 20th and the month-end shortfall SMS of the
 * two-per-month rule).
 */
#include "ctl.h"
#include "db.h"
#include "training.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

/* training-compliance remind|shortfall [--month YYYY-MM] — remind
 * defaults to this month, shortfall to the last one */
int ctl_training_compliance(int argc, char **argv)
{
	bool remind = argc >= 2 && str_eq(argv[1], "remind"), shortfall = argc >= 2 && str_eq(argv[1], "shortfall");
	if ((!remind && !shortfall) || (argc != 2 && !(argc == 4 && str_eq(argv[2], "--month")))) {
		fprintf(stderr, "usage: gramsewactl training-compliance remind|shortfall [--month YYYY-MM]\n");
		return 2;
	}
	struct arena a;
	arena_init(&a);
	const char *month = argc == 4 ? argv[3]
			    : remind ? db_scalar(&a, "SELECT DATE_FORMAT(CURDATE(), '%Y-%m')", NULL)
				     : db_scalar(&a, "SELECT DATE_FORMAT(CURDATE() - INTERVAL 1 MONTH, '%Y-%m')", NULL);
	long n = month ? (remind ? training_remind(&a, month, stdout) : training_shortfall(&a, month, stdout)) : -1;
	if (n < 0)
		fprintf(stderr, "training-compliance: bad month or database failure: %s\n", db_error());
	arena_free(&a);
	return n < 0 ? 1 : 0;
}
