/*
 * survey.h — amenities and survey tasks (the CHiPS model of Digital
 * Panchayat).  An amenity is a typed point of a gram panchayat (school,
 * anganwadi, handpump ...; the kinds are rows of amenity_types) with a
 * geopoint and a photo.  A survey project is a form of the form engine
 * (gramsewa.form/1: surveys have no field model of their own) with
 * targets (each GP, or each amenity of some kinds in each GP) and a
 * window; BIs and DIs allocate its tasks to VLEs in bulk and reassign
 * them; a VLE fills and submits; a submission whose fix is less accurate
 * than the form's threshold (ODK's accuracyThreshold) or whose photo was
 * not taken inside the window is accepted but flagged with the reasons;
 * the BI approves or returns it, and a returned task is filled again.
 *
 * Domain functions (arena, actor, typed input, outcome) as everywhere:
 * page_survey.c translates pages and the JSON API.
 */
#ifndef GS_SURVEY_H
#define GS_SURVEY_H
#include "domain.h"
#include "formdef.h"
#include "json.h"
#include "user.h"

#include <stdio.h>

struct dbres;

/* Who allocates, reassigns, approves and reads the reports: BIs and DIs
 * over their area, the state admin everywhere. */
#define SURVEY_OFFICERS (RB(ROLE_BI) | RB(ROLE_DI) | RB(ROLE_STATE_ADMIN))
/* Who uses survey routes at all: those, and the VLEs (the csc role) who fill. */
#define SURVEY_ROLES (RB(ROLE_CSC) | SURVEY_OFFICERS)
/* Who adds amenities (VLEs of the GP, officers over it) and who sees them. */
#define AMENITY_ROLES (SURVEY_ROLES | RB(ROLE_PSEWAK) | RB(ROLE_MUKHIYA) | RB(ROLE_BDO) | RB(ROLE_SDO) | RB(ROLE_DM))

/* A project as stored. */
struct survey {
	long id;			/* survey_projects.id */
	const char *code;		/* [A-Z0-9_]{2,20} */
	struct i18n title;		/* shown */
	struct form_def *form;		/* what every task fills */
	const char *target_kind;	/* "gp" or "amenity" */
	const char *amenity_types;	/* comma list (target_kind amenity) */
	const char *window_from;	/* "YYYY-MM-DD HH:MM:SS": photos must be taken from ... */
	const char *window_to;		/* ... to this */
	const char *status;		/* open, closed */
	long version_id;		/* the published version (survey_versions.id) form is */
};

/* A new project as typed or sent. */
struct survey_input {
	const char *code;
	const char *title_en, *title_hi;
	const struct jval *form;	/* a gramsewa.form/1 object */
	const char *target_kind;	/* gp (default) or amenity */
	const char *amenity_types;	/* comma list, for amenity targets */
	const char *window_from;	/* YYYY-MM-DD[ HH:MM[:SS]] (IST) */
	const char *window_to;
};

/* Creates a project (a DI or the state admin).  The form must be a valid
 * gramsewa.form/1 with at least one geopoint and one photo question; its
 * geopoints flag rather than refuse a poor fix.  Problems of the form go
 * to probs, one a line.  Returns 0 (*id set), 403, 409 (code taken), 422
 * or 503.  Audited (survey.create). */
int survey_create(struct arena *a, const struct actor *who, const struct survey_input *in, struct sbuf *probs, long *id,
		  struct outcome *out);
/* Closes a project (a DI or the state admin): its tasks not yet submitted
 * are cancelled, submitted ones still wait for a decision; no task is
 * allocated or submitted afterwards.  Returns 0, 403, 404, 409 (closed
 * already), 503.  Audited (survey.close, with the count cancelled). */
int survey_close(struct arena *a, const struct actor *who, long id, struct outcome *out);
/* The project id, or NULL (absent or a database error). */
struct survey *survey_load(struct arena *a, long id);

/* ---- form versions (draft -> published -> superseded) ---- */

/* One version of a project's form. */
struct survey_version {
	long id;			/* survey_versions.id */
	long version;			/* 1, 2, ... within the project */
	const char *status;		/* draft, published, superseded */
	const char *form_text;		/* canonical gramsewa.form/1 JSON */
	struct form_def *form;		/* the same, parsed */
};
/* Puts form (checked as survey_create checks it) in the project's draft:
 * the draft is changed in place when there is one, else a new one is
 * numbered after the last version (a published version is never
 * changed).  A DI or the state admin; the project open.  Returns 0 (*vid:
 * the draft's id), 403, 404, 409 (closed), 422 (problems in probs), 503.
 * Audited (survey.draft). */
int survey_draft(struct arena *a, const struct actor *who, long project, const struct jval *form, struct sbuf *probs, long *vid,
		 struct outcome *out);
/* Publishes draft vid of project: the version published before is
 * superseded and the project's form becomes vid's, what tasks are filled
 * in from now on (answers already stored keep their version).  Returns 0,
 * 403, 404, 409 (not a draft, or the project closed), 503.  Audited
 * (survey.publish). */
int survey_publish(struct arena *a, const struct actor *who, long project, long vid, struct outcome *out);
/* Version vid of project (arena), NULL when it is not one of its (or on a
 * database error). */
struct survey_version *survey_version_load(struct arena *a, long project, long vid);
/* A project's versions, newest first: id, version, status, created_at,
 * published_at or "", creator's name.  NULL on a database error. */
struct dbres *survey_versions(struct arena *a, long project);

/* What a bulk allocation did. */
struct survey_alloc {
	long made;		/* tasks allocated now */
	long existing;		/* targets that already had a task (left as they were) */
	long no_vle;		/* GPs skipped: no VLE holds a post there (and no assignee was named) */
};
/* Allocates the project's tasks in the places listed (GPs, or blocks and
 * districts meaning every GP under them): each target of each GP goes to
 * assignee, or when assignee is 0 to the GP's own VLE.  Every place must be
 * in the allocator's area (else 403 and nothing is allocated); assignee
 * must be a VLE there (422).  One transaction, one audit row
 * (survey.allocate).  Returns 0, 403, 404, 409 (project closed), 422, 503. */
int survey_allocate(struct arena *a, const struct actor *who, long project, const long *places, size_t n, long assignee,
		    struct survey_alloc *res, struct outcome *out);

/* May who see task id (its assignee, or an officer over its GP)?  Fills
 * *gp_path (arena) when not NULL. */
bool task_visible(struct arena *a, const struct actor *who, long id, const char **gp_path);
/* Gives a task not yet submitted to another VLE of the officer's area,
 * with a reason (audited: task.reassign).  404 (not in the officer's
 * area), 409 (submitted or done), 422 (no reason; not a VLE there). */
int task_reassign(struct arena *a, const struct actor *who, long id, long assignee, const char *reason, struct outcome *out);
/* The assignee starts an allocated or returned task (in_progress). */
int task_start(struct arena *a, const struct actor *who, long id, struct outcome *out);

/* A photo sent with a submission, for the form's photo question field. */
struct task_photo {
	const char *field;		/* the question's name */
	const char *filename;		/* the client's file name (display only) */
	const unsigned char *data;	/* the bytes */
	size_t len;
};
/* The assignee submits answers (a JSON object; a photo question answered
 * by one of photos, or by the id of a picture this person uploaded
 * before) in the project's published version, which the stored answers
 * keep for good (version: the survey_versions.id the client filled in, 0
 * when it does not say; another one is 409, the form changed since it was
 * fetched).  The photos are stored without metadata (photo.c) and the
 * answers checked by the form engine inside one transaction: any problem
 * (422: wrong type, coordinates out of range, a file that is not a
 * picture) changes nothing.  A fix over the accuracy threshold or a photo
 * taken outside the window is kept and flagged (*flags: "accuracy",
 * "photo_time", comma-joined, "" when clean).  Returns 0, 404 (not the
 * assignee's), 409 (already submitted or done, project closed, a stale
 * version), 422, 503. */
int task_submit(struct arena *a, const struct actor *who, long id, long version, const struct jval *answers,
		const struct task_photo *photos, size_t nphotos, const char **flags, struct outcome *out);
/* An officer over the task's GP approves (completed) or returns it with a
 * reason (returned: the VLE fills it again).  404, 409 (not pending
 * approval), 422 (a return without reason).  Audited (task.approve,
 * task.return). */
int task_decide(struct arena *a, const struct actor *who, long id, bool approve, const char *reason, struct outcome *out);

/* ---- reminders ---- */

/* gramsewactl survey-remind: on day (YYYY-MM-DD, IST; NULL for today)
 * the VLE of each open task of an open survey due within
 * survey_remind_days, or overdue, gets an SMS in the VLE's language
 * (en/hi), once per task per day; each BI of a block with overdue tasks
 * gets one digest SMS a day.  Each SMS is queued in the outbox in the
 * transaction that writes its mark (tasks.reminded_on, survey_digests),
 * so a second run, or two at once, queues nothing more.  A line to report
 * when not NULL.  Returns the number queued, -1 on a database error. */
long survey_remind_run(struct arena *a, const char *day, FILE *report);

/* ---- amenities ---- */

/* A new amenity as typed or sent. */
struct amenity_input {
	const char *type;		/* amenity_types.code */
	long location;			/* a GP or one of its villages */
	const char *name;		/* what people call it */
	const struct jval *point;	/* geopoint answer {lat, lon, accuracy_m, fix_at, source} */
	const struct task_photo *photo;	/* its photo, or NULL */
};
/* Adds an amenity (a VLE of its GP or an officer over it): name, point
 * and photo are checked by the form engine (one field model); a photo that
 * is not a picture or a point out of range is 422 and nothing is stored.
 * Returns 0 (*id set), 403, 404, 422, 503.  Audited (amenity.add). */
int amenity_add(struct arena *a, const struct actor *who, const struct amenity_input *in, long *id, struct outcome *out);
/* May who see the amenities of the GP at gp_path? */
bool amenity_may_see(const struct actor *who, const char *gp_path);

/* ---- reports ---- */

/* The answer distributions of a project's submitted tasks (pending
 * approval or completed) in the places rows keeps: for each choice
 * question the count per option, for each number or money question count,
 * sum and average, written as a JSON list to w (label in lang). */
struct jw;
void survey_distributions(struct arena *a, const struct survey *s, const struct dbres *answers, const char *lang, struct jw *w);
#endif

/* The report rows of a project under the place path root (a "/1/4/"
 * jurisdiction root; "/" for all), arena results, NULL on error:
 *  by_place: GP id, GP name_en, name_hi, block name_en, allocated,
 *            in_progress, pending_approval, completed, returned, flagged, total
 *  by_vle:   user id, name, the same counts
 *  by_day:   submission day, count
 *  ageing:   open tasks (allocated, in progress, returned) by days since
 *            allocation: 0-3, 4-7, 8-15, over 15, and the oldest (days)
 *  answers:  the answers (JSON) of submitted tasks (pending approval or completed) */
enum survey_report { SR_BY_PLACE, SR_BY_VLE, SR_BY_DAY, SR_AGEING, SR_ANSWERS };
struct dbres *survey_report(struct arena *a, long project, const char *root, enum survey_report which);
/* Tasks under root (NULL root: assignee's own): id, project id, project
 * code, title_en, title_hi, target kind, target name, GP name_en, name_hi,
 * assignee name, status, flags, due date, allocated_at, submitted_at, lat,
 * lon, assignee id, the version to fill in (the project's published one),
 * the version allocated against, the version of the stored answers.  status NULL or "" for every state.  At most 500,
 * newest first. */
struct dbres *task_list(struct arena *a, long assignee, const char *root, long project, const char *status);
/* Amenities under root: id, type code, type name_en, name_hi, colour, name,
 * lat, lon, GP id, GP name_en, name_hi, photo doc id, last_surveyed_at.
 * type NULL or "" for every type.  At most 2,000. */
struct dbres *amenity_list(struct arena *a, const char *root, const char *type);
