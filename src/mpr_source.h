/*
 * mpr_source.h — the figures an MPR may take from what the system already
 * knows (issue 13 item 5): a fixed list, named in a definition's
 * "sources" ({"field": {"source": NAME, "register"?, "column"?,
 * "editable"?}}).  Each source is one prepared query (mpr.c, mpr_compute)
 * over the place's subtree (its materialised path) and one month.  This
 * file holds the names and what each takes, without a database, so the
 * definition reader (regdef.c, fuzzed on its own) can check them.
 */
#ifndef GS_MPR_SOURCE_H
#define GS_MPR_SOURCE_H
#include <stdbool.h>
#include <stddef.h>

enum mpr_src {
	MS_REGISTER_ENTRIES,	/* entries put in the books (a correction is an entry), optionally of one register */
	MS_REGISTER_AMOUNT,	/* sum of a money column of one register's standing entries */
	MS_TICKETS_RAISED,	/* tickets raised for places in the subtree */
	MS_TICKETS_RESOLVED,	/* of them, resolved in the month */
	MS_TRAININGS_HELD,	/* trainings held whose audience place is in the subtree */
	MS_TRAININGS_ATTENDED,	/* attendances of people holding a role in the subtree */
	MS_SURVEY_TASKS,	/* survey tasks of GPs in the subtree approved (completed) */
	MS_CSC_APPLICATIONS,	/* applications submitted by the subtree's VLEs at their CSCs */
	MS_COUNT
};

/* One source as a definition names it. */
struct mpr_source_info {
	const char *name;	/* "register_entries" */
	bool takes_register;	/* "register": a register code (required when needs_register) */
	bool needs_register;
	bool takes_column;	/* "column": a money column of that register */
	bool money;		/* the figure is paise: the MPR field must be a money field */
	const char *about;	/* one line, English (docs/registers.md lists them) */
};

extern const struct mpr_source_info mpr_sources[MS_COUNT];
/* The source called name, or -1. */
int mpr_source_find(const char *name);
#endif
