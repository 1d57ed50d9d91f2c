/*
 * mpr.h — monthly progress reports (MPRs) of gram panchayats, blocks and
 * districts.
 *
 * An MPR is a register definition of kind "mpr" (register.h: the same
 * designer, versions and form engine); its level says whose report it is
 * (panchayat, block or district) and its signoff who fills it (enter: a
 * GP's VLE, a block's in-charge, a district's in-charge), who approves
 * first (verify) and, when named, who approves last (sign): a GP's report
 * goes to the block and then the district in-charge, a block's to the
 * district in-charge, a district's to the state (PMU or state admin, who
 * stand in for each other).  A report is one place's answers for one
 * month (mpr_reports, unique per definition, place, month): draft →
 * submitted → (bi_approved →) approved, or returned (with a reason) to the
 * filer, who corrects and submits again.  A report is due on mpr_due_day
 * of the next month; one first submitted later is flagged late.
 *
 * Figures the system knows (register entries, tickets, trainings, survey
 * tasks, CSC applications: mpr_source.h) are filled in from one query
 * each when the definition's "sources" name them; the computed figures
 * are kept beside the answers (mpr_reports.computed), so a figure the
 * filer was allowed to change shows what the system had counted.
 *
 * The approved figures are added, in the approving transaction, to the
 * summary rows (mpr_sums) of the GP and of every place above it: numbers
 * summed, choices counted per option.  A consolidation at any level reads
 * those rows, never the reports.
 */
#ifndef GS_MPR_H
#define GS_MPR_H
#include "domain.h"
#include "formdef.h"
#include "register.h"

#include <stdio.h>

/* Who sees MPRs: the registers' people and the state's Digital Panchayat
 * PMU; mpr.c decides the place and the level. */
#define MPR_ROLES (REG_ROLES | RB(ROLE_PMU))

/* ---- the arithmetic (pure) ---- */

/* One figure a report adds to the summary rows. */
struct mpr_item {
	const char *item;	/* a number field's name, "field=option" for a choice, "_reports" */
	long long n;		/* what it adds */
};

/* "2026-11" as year and month; false unless a real month. */
bool mpr_period_parse(const char *s, int *y, int *m);
/* The day a report on month y-m is due: day due_day of the next month
 * (the month's last day when it is shorter), YYYY-MM-DD.  Arena text. */
const char *mpr_due_date(struct arena *a, int y, int m, long due_day);
/* Is a report first submitted on day (YYYY-MM-DD, IST) late for due?  On
 * the due day itself it is not. */
bool mpr_late(const char *due, const char *day);
/* The figures report data (normalised answers of form d) adds: "_reports"
 * 1, each number, money or computed answer by its name, each chosen option
 * of a select, radio, multiselect or checkbox field as "field=option" 1.
 * *items is an arena array; returns how many. */
size_t mpr_items(struct arena *a, const struct form_def *d, const struct jval *data, struct mpr_item **items);
/* YYYY-MM-DD plus days (negative: before).  Arena text, NULL when day is
 * not a date. */
const char *mpr_day_add(struct arena *a, const char *day, int days);

/* ---- reports ---- */

/* A report as its reader sees it (mpr_get). */
struct mpr_report {
	long id;		/* 0: nothing filed yet */
	long def_id, version_id;
	const struct regdef *d;	/* the definition its answers follow (the published one when none filed) */
	long place;		/* a place of the definition's level (d->level) */
	const char *place_path;	/* /1/4/37/120/ */
	const char *place_name_en, *place_name_hi;
	const char *period;	/* YYYY-MM-01 */
	const char *month;	/* YYYY-MM */
	const char *due;	/* YYYY-MM-DD */
	const char *status;	/* "none" when nothing filed, else mpr_reports.status */
	const char *data;	/* normalised answers as stored ("{}" when none) */
	const char *shown;	/* the answers to show: data, with the figures from the system filled in while open */
	const char *computed;	/* the figures from the system, {"field": n}: fresh while the report is open, else as saved */
	bool late;
	const char *submitted_at, *bi_at, *di_at, *returned_at, *return_note;	/* NULL when not yet */
	bool two_step;		/* approved twice (verify, then sign) */
	bool can_fill, can_bi, can_di;	/* what the reader may do now: fill, the first approval, the final one */
};

/* Finds the report of definition code for place (0: the reader's own
 * place of the definition's level) and month (YYYY-MM): the definition,
 * the place, what the reader may do, the figures from the system.
 * Returns 0 with *rep filled (arena), or 403 (a block's or district's MPR
 * and the reader holds no officer's role), 404 (no such MPR, month or
 * place, or none of the reader's), 422 (month in the future), 503,
 * recorded in out. */
int mpr_get(struct arena *a, const struct actor *who, const char *code, const char *month, long place,
	    struct mpr_report **rep, struct outcome *out);

/* Saves the filer's answers (a JSON object) as a draft, or submits them.
 * A draft may leave required answers out; a submission may not.  Figures
 * from the system are computed afresh and filled in where not answered;
 * one the definition does not let the filer change must be left out or
 * equal (else 422 on that field).  Returns 0, 403/404, 409 (submitted and
 * not returned), 422 (answers: per field in out) or 503. */
int mpr_save(struct arena *a, const struct actor *who, struct mpr_report *rep, const struct jval *data, bool submit,
	     struct outcome *out);

enum mpr_action { MPR_SUBMIT, MPR_APPROVE, MPR_RETURN };
int mpr_action_from(const char *s);	/* -1 if unknown */
/* An action on a report: submit (the filer; the saved answers must be
 * complete; figures from the system computed afresh), approve (verify's
 * role when submitted, then sign's when there is one; the final approval
 * adds the figures to the summary rows), return (the approver whose turn
 * it is, with a note).  Audited.  Returns 0, 403/404, 409 (not
 * in the state the action needs), 422 (no note; incomplete answers) or 503. */
int mpr_act(struct arena *a, const struct actor *who, struct mpr_report *rep, enum mpr_action act, const char *note,
	    struct outcome *out);

/* May who use an MPR of level at all?  A block's or a district's report is no
 * business of those without an officer's role (VLEs, GP staff): they are
 * refused by their role (403), whatever the place. */
bool mpr_may_use(const struct actor *who, const char *level);
/* May who see the MPR figures of the place at path of type (a place of
 * d's level: its report; above: the consolidation)? */
bool mpr_may_see(const struct actor *who, const struct regdef *d, const char *path, const char *type);

/* The figures d's sources give for the place at path and the month
 * starting on period (YYYY-MM-01): a JSON object {"field": n} (arena
 * text; "{}" without sources), one query per source; NULL on a database
 * error. */
const char *mpr_compute(struct arena *a, const struct regdef *d, const char *path, const char *period);
/* d's filer roles (signoff.enter) as role codes, comma-separated, for
 * FIND_IN_SET.  Arena text. */
const char *mpr_filer_roles(struct arena *a, const struct regdef *d);

/* The reminders of day (YYYY-MM-DD; NULL: today, IST): for each published
 * MPR, to its filers (a GP's VLEs, a block's or district's in-charges:
 * signoff.enter holding the place) whose report is not submitted, two days before
 * the due day ("before") and the day after it ("after"), each once per
 * report, VLE and kind (recorded in mpr_reminders with the SMS).  Returns
 * the SMS queued, or -1.  A line to report when not NULL. */
long mpr_remind_run(struct arena *a, const char *day, FILE *report);
#endif
