/*
 * workflow.h — officers at work: queues per (office, role) served Tatkal
 * first then first-in-first-out, claims (an opened application is held by
 * one officer until acted on or the claim times out), the actions a stage
 * allows, appeals and SLA escalation.  Each action is one transaction with
 * its event, audit row, notification and summary counts.
 */
#ifndef GS_WORKFLOW_H
#define GS_WORKFLOW_H
#include "application.h"
#include "req.h"
#include "user.h"

struct act_in {
	const char *action;		/* forward, field_verify, return, recall, reject, approve */
	const char *remarks;		/* required for return, reject, field_verify */
	const char *ooo_reason;		/* why a later application is taken before the head */
	const char **return_fields;	/* fields (and doc_<code>) flagged for correction */
	size_t nreturn;
	const char *attachments;	/* comma-separated locker document ids */
	const struct jval *corrections;	/* corrected answers at an editable stage */
};

struct act_out {
	int status;			/* 0 or HTTP status */
	const char *message;		/* lang key when refused */
	const char *new_status;		/* application status after */
	int new_stage;			/* stage index after */
	const char *cert_no;		/* approve: the certificate issued */
};

int wf_act(struct req *r, const char *number, const struct act_in *in, struct act_out *out);

/* Queues belong to one holding: its office and role, and for a
 * department-scoped holding only its department's applications. */
/* The first `limit` of the queue in serving order; *head is the first of
 * them the user may take. */
struct dbres *wf_queue(struct req *r, const struct holding *h, long limit, long *head);
/* How many wait in the queue, Tatkal and in order of arrival. */
int wf_counts(struct req *r, const struct holding *h, long *tatkal, long *fifo);
/* The application the user should take next from the queue (0 if none). */
long wf_head(struct req *r, const struct holding *h);
/* Claims the head of the queue of (office, role) for the user; returns the
 * number or NULL (empty queue, or *status set: 403 when the user does not
 * hold the role there). */
const char *wf_next(struct req *r, long office, const char *role, int *status);
/* Opens (claims) a specific application; a later one needs a reason.
 * Returns 0 or an HTTP status in the order of wf_gate, then 409 (+
 * r->err_code "out_of_order" or "claimed"). */
int wf_open(struct req *r, const char *number, const char *reason);

/* The one order of checks before an officer acts on or opens an
 * application: 404 when it does not exist or the user may not see it; 403
 * when the user holds no role that could ever act on it (a stage role at
 * the office that stage has for this application, in one holding, of its
 * department); 0 otherwise.  Everything refused after this gate (not
 * pending, not at the user's stage, already acted, claimed, out of turn,
 * stale) is 409 conflict. */
int wf_gate(const struct req *r, const struct app *ap);
/* The user's holding at the application's current stage (its role at its
 * office, of its department), or NULL, also when it is not pending. */
const struct holding *wf_stage_holding(const struct req *r, const struct app *ap);

/* Appeals */
int wf_appeal_file(struct req *r, const char *number, const char *grounds, int *level);
int wf_appeal_decide(struct req *r, long appeal_id, bool allow, const char *order);

/* Escalation job: marks overdue stages, notifies, records; one failing
 * item never stops the rest.  Returns the number escalated, -1 on DB error. */
long wf_escalate(FILE *report);

/* Certificate issue hook (cert.c): called inside the approve transaction. */
int cert_issue(struct req *r, const struct app *ap, const char **cert_no);
#endif
