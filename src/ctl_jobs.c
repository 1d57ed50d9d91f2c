/*
 * ctl_jobs.c — gramsewactl background jobs meant for cron, and the hook
 * where feature modules add their demo data.
 */
#include "ctl.h"
#include "notify.h"

#include <stdio.h>

/* send-notifications [--limit N] */
int ctl_send_notifications(int argc, char **argv)
{
	long limit = 1000;
	if (argc == 3 && str_eq(argv[1], "--limit") && parse_long(argv[2], 1, 1000000, &limit))
		;
	else if (argc != 1) {
		fprintf(stderr, "usage: gramsewactl send-notifications [--limit N]\n");
		return 2;
	}
	return notify_run(limit, stdout) < 0 ? 1 : 0;
}

int ctl_seed_more(struct arena *a)
{
	return ctl_seed_services(a) == 0 && ctl_seed_apps(a) == 0 && ctl_seed_attendance(a) == 0 &&
	       ctl_seed_registers(a) == 0 && ctl_seed_exams(a) == 0 && ctl_seed_tickets(a) == 0 &&
	       ctl_seed_campaigns(a) == 0 ? 0 : 1;
}
