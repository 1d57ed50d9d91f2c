/*
 * mpr.h — monthly progress reports (MPRs) of the gram panchayats.
 *
 * An MPR is a register definition of kind "mpr" (register.h: the same
 * designer, versions and form engine); its signoff names who fills it
 * (enter: the VLE), who approves first (verify: the block in-charge) and
 * who approves last (sign: the district in-charge).  A report is one GP's
 * answers for one month (mpr_reports, unique per definition, GP, month):
 * draft → submitted → bi_approved → approved, or returned (with a reason)
 * to the VLE, who corrects and submits again.  A report is due on
 * mpr_due_day of the next month; one first submitted later is flagged late.
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
 * PMU; mpr.c decides the place. */
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
	long gp;
	const char *gp_path;	/* /1/4/37/120/ */
	const char *gp_name_en, *gp_name_hi;
	const char *period;	/* YYYY-MM-01 */
	const char *month;	/* YYYY-MM */
	const char *due;	/* YYYY-MM-DD */
	const char *status;	/* "none" when nothing filed, else mpr_reports.status */
	const char *data;	/* normalised answers ("{}" when none) */
	bool late;
	const char *submitted_at, *bi_at, *di_at, *returned_at, *return_note;	/* NULL when not yet */
	bool can_fill, can_bi, can_di;	/* what the reader may do now */
};

/* Finds the report of definition code for GP gp (0: the reader's own GP)
 * and month (YYYY-MM): the definition, the GP, what the reader may do.
 * Returns 0 with *rep filled (arena), or 404 (no such MPR, month or GP,
 * or none of the reader's), 422 (month in the future) recorded in out. */
int mpr_get(struct arena *a, const struct actor *who, const char *code, const char *month, long gp,
	    struct mpr_report **rep, struct outcome *out);

/* Saves the VLE's answers (a JSON object) as a draft, or submits them.  A
 * draft may leave required answers out; a submission may not.  Returns 0,
 * 403/404, 409 (submitted and not returned), 422 (answers: per field in
 * out) or 503. */
int mpr_save(struct arena *a, const struct actor *who, struct mpr_report *rep, const struct jval *data, bool submit,
	     struct outcome *out);

enum mpr_action { MPR_SUBMIT, MPR_APPROVE, MPR_RETURN };
int mpr_action_from(const char *s);	/* -1 if unknown */
/* An action on a report: submit (the VLE; the saved answers must be
 * complete), approve (the BI when submitted, then the DI; the DI's
 * approval adds the figures to the summary rows), return (the approver
 * whose turn it is, with a note).  Audited.  Returns 0, 403/404, 409 (not
 * in the state the action needs), 422 (no note; incomplete answers) or 503. */
int mpr_act(struct arena *a, const struct actor *who, struct mpr_report *rep, enum mpr_action act, const char *note,
	    struct outcome *out);

/* May who see the MPR figures of the place at path (a GP: its report;
 * above: the consolidation)? */
bool mpr_may_see(const struct actor *who, const struct regdef *d, const char *path, const char *type);

/* The reminders of day (YYYY-MM-DD; NULL: today, IST): for each published
 * MPR, to the VLEs of GPs whose report is not submitted, two days before
 * the due day ("before") and the day after it ("after"), each once per
 * report, VLE and kind (recorded in mpr_reminders with the SMS).  Returns
 * the SMS queued, or -1.  A line to report when not NULL. */
long mpr_remind_run(struct arena *a, const char *day, FILE *report);
#endif
