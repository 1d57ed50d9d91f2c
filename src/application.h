/*
 * application.h — applications: drafts, submission (validation, routing,
 * numbering, fees, due dates), resubmission after a return, tracking, and
 * the events that make up an application's history.  Decisions by officers
 * are in workflow.h.
 */
#ifndef GS_APPLICATION_H
#define GS_APPLICATION_H
#include "domain.h"
#include "form.h"
#include "stats.h"
#include "svcstore.h"

struct user;

struct app {
	long id;			/* applications.id */
	const char *number;		/* NULL while a draft */
	long service_id, version_id;	/* what and which version */
	long dept_id;			/* the service's department (services.department_id) */
	long applicant_id;		/* citizen user */
	const char *applicant_name;	/* as filed */
	const char *applicant_mobile;	/* for tracking and SMS */
	const char *channel;		/* online, csc, sewak, jsk, counter */
	long filed_by;			/* user who filed */
	long address_location_id;	/* routing location */
	long district_id;		/* district of the address */
	long office_id;			/* designated office */
	const char *office_path;	/* its location path (jurisdiction) */
	const char *status;		/* draft, unpaid, pending, returned, approved, rejected, revoked */
	int stage_idx;			/* current stage */
	long stage_office_id;		/* where the current stage sits */
	const char *stage_role;		/* who acts now */
	bool tatkal;			/* Tatkal stack */
	const char *form;		/* JSON answers */
	const char *submitted_at, *queued_at, *stage_due, *due_date, *decided_at;	/* dates */
	bool overdue;			/* past the stage due date */
	long claimed_by;		/* officer holding it (when claim_active) */
	bool claim_active;		/* claim not yet expired */
	long forwarded_by;		/* who may recall */
	bool stage_acted;		/* current stage acted since arrival */
	const char *return_remarks;	/* why it was returned */
	const char *return_fields;	/* JSON list of flagged fields */
	long fee_paise;			/* charged */
	struct svc_ver *ver;		/* its service version */
};

/* Loads by number (or id when number is NULL); FOR UPDATE when locking. */
struct app *app_load(struct arena *a, const char *number, long id, bool lock);

/* The channel u files through: want when u may file through it, or with
 * want NULL the first u may of csc, sewak, jsk, online (a citizen) and
 * counter (a workflow player at the office counter).  NULL when none. */
const char *app_channel(const struct user *u, const char *want);

/* How the acting user files. */
struct filing {
	const char *channel;		/* app_channel's answer */
	const char *applicant_mobile;	/* operators: the citizen's mobile */
	const char *lang;		/* language of a citizen this filing registers */
};

/* Submission input. */
struct app_input {
	struct svc_ver *ver;		/* the published version */
	const struct jval *answers;	/* form answers */
	long *doc_ids;			/* per s->docs[i]: chosen document, 0 (keep), -1 (remove) */
	bool tatkal;			/* Tatkal requested */
	const char *idem;		/* idempotency key (form token or API header) */
	bool submit;			/* false = save as draft */
	long draft_id;			/* continue this draft (0 = new) */
};

/* What a filing made. */
struct app_filed {
	long id;			/* application id */
	const char *number;		/* when submitted */
	bool repeat;			/* the idempotency key was seen: nothing new done */
};

/* What a filing costs and who pays it. */
struct app_fee {
	long gov;		/* the government fee with the Tatkal fee, paise (0 at a free JSK) */
	long charge;		/* the CSC service charge, paise (CSC only) */
	long total;		/* gov + charge: what is paid */
	const char *payer;	/* "online" (the citizen at the gateway after sending),
				 * "wallet" (the CSC operator's wallet when sending),
				 * "counter" (the applicant where filed), "none" (nothing to pay) */
};
/* The fee of filing s through channel (Tatkal when asked and offered):
 * the one rule app_file charges by and "Check your answers" shows. */
struct app_fee app_fee_of(const struct svc *s, const char *channel, bool tatkal);

/* Saves a draft or submits for the acting user (the filer), in one
 * transaction with the audit row, the wallet debit (CSC) and the
 * notification.  Problems: applicant_mobile, idem, doc_<code> and the
 * answers' paths (form.h), in the order they would be put right; a
 * refusal's key (app.channel_closed 403, app.draft_not_yours 403,
 * app.not_draft 409, app.no_office 422, app.wallet_short 422, ...).
 * Returns 0 or the status left in out. */
int app_file(struct arena *a, const struct actor *who, const struct filing *fl, struct app_input *in, struct app_filed *done,
	     struct outcome *out);
/* The locker documents an application holds now, per document of s
 * (0 = none); arena memory. */
long *app_docs(struct arena *a, const struct svc *s, long app_id);
/* Due dates counted from today in working days: the application's and its
 * first stage's (YYYY-MM-DD). */
void app_due_dates(struct arena *a, const struct svc *s, bool tatkal, long district, char due[11], char stage_due[11]);
/* Resubmits a returned application of the acting user (applicant or
 * filer) with corrected answers: only flagged fields and documents change.
 * doc_ids: per service document, a new choice or 0.  Returns 0 or the
 * status left in out (404, 409 app.not_returned, 422 with the problems). */
int app_resubmit(struct arena *a, const struct actor *who, const char *number, const struct jval *answers, const long *doc_ids,
		 struct outcome *out);
/* May ap be rated now (decided, and not rated yet, `rated` says)? */
bool app_feedback_open(const struct app *ap, bool rated);
/* Records the acting user's rating (1..5) and comment of their decided
 * application, with its audit row; a second rating changes nothing.
 * Returns 0 or the status left in out (404, 409, 422 comment). */
int app_feedback(struct arena *a, const struct actor *who, const char *number, long rating, const char *comment,
		 struct outcome *out);
/* Public tracking: the submitted application with this number whose
 * applicant has this mobile, else NULL. */
struct app *app_track(struct arena *a, const char *number, const char *mobile);

/* Is u the applicant or the filer of ap? */
bool app_mine(const struct user *u, const struct app *ap);
/* May u see this application?  Applicant, filer, or (once submitted)
 * officers whose jurisdiction covers its designated office, department-
 * scoped ones only for their own department (juris_holding). */
bool app_visible(const struct user *u, const struct app *ap);
/* The look-ups form_check needs, from the database: active villages and
 * wards, and documents of owner's locker that u may attach (locker_may_use).
 * Lives in arena a. */
void app_form_env(struct arena *a, const struct user *u, long owner, struct form_env *env);

/* Appends an event row (inside the caller's transaction); who NULL = the
 * system (jobs). */
int app_event(const struct actor *who, const struct app *ap, const char *action, const char *role, long office,
	      int from_stage, int to_stage, const char *to_status, const char *remarks, const char *ooo,
	      const char *attachments);
/* Queues the service's SMS for event (submit/return/reject/approve/escalate)
 * to the applicant in the applicant's language, filling {number} {service}
 * {due} {remarks} {stage} {track}.  Inside the caller's transaction.
 * Returns 0 or -1. */
int app_notify(struct arena *a, const struct app *ap, const char *event, const char *remarks);
/* What the dashboard summary rows count ap by (stats.h). */
struct stats_app app_stats(const struct app *ap);

/* Nearest office of `level` at or above location (by path); 0 if none. */
long office_for(struct arena *a, long location_id, const char *level);
/* The financial year of a date: "2026-27". */
void fin_year(time_t t, char out[8]);
#endif
