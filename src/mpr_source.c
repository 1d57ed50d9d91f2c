/*
 * mpr_source.c — the names of the figures an MPR takes from the system
 * (mpr_source.h); their queries are in mpr.c (mpr_compute).
 */
#include "mpr_source.h"

#include <string.h>

const struct mpr_source_info mpr_sources[MS_COUNT] = {
	[MS_REGISTER_ENTRIES] = { "register_entries", true, false, false, false,
				  "entries put in the place's books in the month (all registers, or \"register\")" },
	[MS_REGISTER_AMOUNT] = { "register_amount", true, true, true, true,
				 "sum of money column \"column\" of register \"register\" over the standing entries put in the month" },
	[MS_TICKETS_RAISED] = { "tickets_raised", false, false, false, false, "support tickets and grievances raised in the month" },
	[MS_TICKETS_RESOLVED] = { "tickets_resolved", false, false, false, false, "tickets resolved in the month" },
	[MS_TRAININGS_HELD] = { "trainings_held", false, false, false, false,
				"trainings held (held, reported or closed) starting in the month, audience in the place" },
	[MS_TRAININGS_ATTENDED] = { "trainings_attended", false, false, false, false,
				    "attendances at trainings starting in the month by people holding a role in the place" },
	[MS_SURVEY_TASKS] = { "survey_tasks_completed", false, false, false, false, "survey tasks approved in the month" },
	[MS_CSC_APPLICATIONS] = { "csc_applications", false, false, false, false,
				  "applications submitted in the month at a CSC by the place's VLEs" },
};

int mpr_source_find(const char *name)
{
	for (int i = 0; name && i < MS_COUNT; i++)
		if (strcmp(name, mpr_sources[i].name) == 0)
			return i;
	return -1;
}
