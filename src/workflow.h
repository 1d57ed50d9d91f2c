/*
 * workflow.h — officers at work: queues per (office, role) served Tatkal
 * first then first-in-first-out, claims (an opened application is held by
 * one officer until acted on or the claim times out), the actions a stage
 * allows (one table, workflow.c), appeals and SLA escalation.  Each action
 * is one transaction with its event, audit row, notification and summary
 * counts.
 *
 * These are domain functions (docs/architecture.md §3): they take the
 * arena, the actor and typed input, and answer with an outcome (status,
 * language key, API code, per-input problems) that the desk pages, the API
 * and gramsewactl turn into their own answers.
 */
#ifndef GS_WORKFLOW_H
#define GS_WORKFLOW_H
#include "application.h"
#include "domain.h"
#include "user.h"

struct act_in {
	const char *action;		/* forward, field_verify, return, recall, reject, approve */
	const char *remarks;		/* required for return, reject, field_verify */
	const char *ooo_reason;		/* why a later application is taken before the head */
	const char **return_fields;	/* fields (and doc_<code>) flagged for correction */
	size_t nreturn;
	const char *attachments;	/* comma-separated locker document ids */
	const struct jval *corrections;	/* corrected answers at an editable stage */
	bool check_only;		/* run every check, change nothing: the "Are you sure?" page */
};

struct act_out {
	const char *new_status;		/* application status after */
	int new_stage;			/* stage index after */
	const char *cert_no;		/* approve: the certificate issued */
	const char *cert_url;		/* approve: its verify URL (the QR) */
};

/* Acts on application number.  0, or the status also left in out: 404 (not
 * there or not visible), 403 (no role that could ever act on it: key
 * wf.no_role), 409 (its state: key wf.*, code "out_of_order" when a reason
 * is needed), 422 (bad action, remarks, or corrections: one field_err per
 * corrected answer refused), 503.  The caller checks input lengths.  With
 * in->check_only, 0 means the action would be taken as asked; nothing is
 * written either way (the page asks "Are you sure?" only then). */
int wf_act(struct arena *a, const struct actor *who, const char *number, const struct act_in *in, struct act_out *res,
	   struct outcome *out);

/* Queues belong to one holding: its office and role, and for a
 * department-scoped holding only its department's applications. */
/* The first `limit` of the queue in serving order; *head is the first of
 * them the actor may take.  Arena result, NULL on DB error. */
struct dbres *wf_queue(struct arena *a, const struct actor *who, const struct holding *h, long limit, long *head);
/* How many wait in the queue, Tatkal and in order of arrival.  0 or -1. */
int wf_counts(struct arena *a, const struct holding *h, long *tatkal, long *fifo);
/* The application the actor should take next from the queue (0 if none). */
long wf_head(struct arena *a, const struct actor *who, const struct holding *h);
/* Claims the head of the queue of (office, role) for the actor: 0 with
 * *number set (NULL for an empty queue), or 403 when the actor does not
 * hold the role there, 503. */
int wf_next(struct arena *a, const struct actor *who, long office, const char *role, const char **number,
	    struct outcome *out);
/* Opens (claims) a specific application; a later one needs a reason.
 * 0, or a status in the order of wf_gate, then 409 (code "out_of_order"
 * or "claimed"). */
int wf_open(struct arena *a, const struct actor *who, const char *number, const char *reason, struct outcome *out);

/* The one order of checks before an officer acts on or opens an
 * application: 404 when it does not exist or the user may not see it; 403
 * when the user holds no role that could ever act on it (a stage role at
 * the office that stage has for this application, in one holding, of its
 * department); 0 otherwise.  Everything refused after this gate (not
 * pending, not at the user's stage, already acted, claimed, out of turn,
 * stale) is 409 conflict. */
int wf_gate(struct arena *a, const struct user *u, const struct app *ap);
/* The user's holding at the application's current stage (its role at its
 * office, of its department), or NULL, also when it is not pending. */
const struct holding *wf_stage_holding(const struct user *u, const struct app *ap);

/* ---- appeals ---- */

/* What the may-appeal rule looks at. */
struct appeal_state {
	const char *app_status;		/* the application's status */
	bool past_due;			/* pending past its due date */
	int last_level;			/* the latest appeal's level, 0 when none */
	const char *last_status;	/* its status: pending, allowed, dismissed */
	bool last_over_30;		/* it was filed more than 30 days ago */
};
/* The may-appeal rule: the level of the appeal that may be filed now, or 0.
 * A first appeal when the application is rejected or pending past its due
 * date; a second when the first was dismissed, or is still undecided after
 * 30 days; never a third. */
int wf_appeal_may(const struct appeal_state *st);
/* The rule for an application, reading its latest appeal (locked when
 * lock, inside the caller's transaction): 0, 1, 2, or -1 on DB error. */
int wf_appeal_level(struct arena *a, const struct app *ap, bool lock);
/* The same rule from row `row` of appeals (columns level, status, ...,
 * and last "filed more than 30 days ago"; no such row: no appeal yet). */
int wf_appeal_of(const struct app *ap, const struct dbres *appeals, size_t row);
/* Does u hear appeals heard by role at office, for applications of
 * department dept?  The appellate role there, in one holding, of that
 * department (juris_holding).  Only they see or decide such an appeal. */
bool wf_appeal_hears(const struct user *u, const char *role, long office, long dept);
/* Files the applicant's (or filer's) appeal: 0 with *level set; 422
 * (field "grounds", 10-4000 characters), 404 (not theirs), 409
 * (appeal.not_now, app.no_office), 503. */
int wf_appeal_file(struct arena *a, const struct actor *who, const char *number, const char *grounds, int *level,
		   struct outcome *out);
/* Decides an appeal as its appellate officer: 0; 422 (field "order",
 * 10-4000 characters), 404 (no such appeal, or not the actor's), 409 (decided
 * already), 503. */
int wf_appeal_decide(struct arena *a, const struct actor *who, long appeal_id, bool allow, const char *order,
		     struct outcome *out);

/* Escalation job: marks overdue stages, notifies, records; one failing
 * item never stops the rest.  Returns the number escalated, -1 on DB error. */
long wf_escalate(FILE *report);
#endif
