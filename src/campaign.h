/*
 * campaign.h — Jan Samvad campaigns (issue 15, item 6): a scheme's
 * beneficiaries called to answer a questionnaire.  A campaign is
 * configuration (JSON: scheme, consent line, attempts, the questionnaire
 * as a gramsewa.service/1 definition whose fields and show_if branching
 * are the questions, checked by form.c); the call list comes from a
 * beneficiary CSV (de-duplicated, do-not-call numbers left out), sampled
 * at random per gram panchayat; agents (call centre or VLEs of the GP)
 * take the next contact inside calling hours, record the disposition and
 * the answers; at most max_attempts with retry spacing and callbacks; an
 * answer such as "benefit not received" opens a grievance in the same
 * transaction.  Reports per block and district with 95% intervals.
 */
#ifndef GS_CAMPAIGN_H
#define GS_CAMPAIGN_H
#include "domain.h"
#include "db.h"
#include "service.h"
#include "sla.h"
#include <stdio.h>

/* Who calls: call-centre agents anywhere, VLEs in their own GP. */
#define CAMPAIGN_CALLERS (RB(ROLE_CC_AGENT) | RB(ROLE_CSC))

extern const char *const campaign_dispositions[];	/* completed, busy, no_answer, ... */

/* Loads (or updates) a campaign from its JSON definition; audited.
 * Returns its id, or -1 with the problems printed to err. */
long campaign_import(struct arena *a, const struct actor *who, const char *json, size_t len, FILE *err);

/* What a call-list import did. */
struct contact_stats {
	long rows, added, duplicate, do_not_call, bad;
};
/* Adds beneficiaries from CSV (header: name, mobile, scheme_ref, the
 * village as village_lgd (LGD code) or village_id (our id), optional
 * benefit_date, benefit_paise) to campaign `code`, in one
 * transaction with one audit row: a (mobile, scheme_ref) already listed is
 * a duplicate, a number on the do-not-call list is kept out, a bad row is
 * counted and printed to err (when not NULL).  0, 404 or 503. */
int campaign_contacts_import(struct arena *a, const struct actor *who, const char *code, const char *csv, size_t len,
			     struct contact_stats *st, FILE *err, struct outcome *out);

/* Draws the sample: for every gram panchayat, up to `per_gp` (0: the
 * campaign's sample_per_gp) contacts at random among those listed, topping
 * up an earlier draw.  *drawn gets how many were added.  0, 404 or 503. */
int campaign_sample(struct arena *a, const struct actor *who, const char *code, long per_gp, long *drawn,
		    struct outcome *out);

/* The next contact for the calling agent (who): a sampled one whose next
 * attempt is due, in the agent's GP for a VLE, taken under SKIP LOCKED so
 * two agents never get the same one; only inside the campaign's calling
 * window (campaign_window).
 * *contact gets its id.  0, 404 (nobody left), 409 (outside calling
 * hours) or 503. */
int campaign_next(struct arena *a, const struct actor *who, long campaign, long *contact, struct outcome *out);

/* When a campaign calls: its hours of the day (IST; the campaign_hours
 * setting when it has none of its own) on its days of the week (the
 * calendar's weekly offs are the other days; no holidays).  Calls, retries
 * (placed at the next opening) and callbacks (refused outside) keep to it. */
struct campaign_window {
	struct calendar days;
	struct office_hours hours;
};
/* Reads campaign's window into *w; false when there is no such campaign or
 * on a database error. */
bool campaign_window(struct arena *a, long campaign, struct campaign_window *w);

/* One attempt on a contact the agent holds. */
struct attempt_input {
	const char *disposition;	/* one of campaign_dispositions */
	const struct jval *answers;	/* completed: the answers (a JSON object) */
	const char *callback_at;	/* callback: "YYYY-MM-DD HH:MM" IST, inside the calling window */
};
/* Records it: completed checks and keeps the answers (and opens the
 * grievance the campaign names when its answer is given); busy, no
 * answer, switched off retry after retry_gap_min until max_attempts;
 * callback at the time asked; do_not_call adds the number to the
 * do-not-call list.  *ticket gets the number of a grievance opened, or
 * NULL.  0, 403 (not the agent's), 404, 409 (not being called), 422. */
int campaign_record(struct arena *a, const struct actor *who, long contact, const struct attempt_input *in,
		    const char **ticket, struct outcome *out);

/* A campaign's questionnaire as a service definition (arena), or NULL. */
struct svc *campaign_questions(struct arena *a, long campaign);

/* ---- administration (campaign_admin.c) ---- */

/* Adds mobile to the do-not-call list with a reason (or gives it the new
 * reason), taking it off every call list still waiting; or removes it
 * (add false; 422 at "mobile" when it is not listed).  One transaction
 * with its audit row.  0, 422 (at "mobile", "reason") or 503. */
int campaign_dnc_change(struct arena *a, const struct actor *who, bool add, const char *mobile, const char *reason,
			struct outcome *out);
/* Adds the numbers of a CSV (header with "mobile", optional "reason"; a
 * row without one takes `reason`) in one transaction with one audit row;
 * rows that are not a mobile number are counted in *bad and skipped.  0,
 * 422 (at "file": no mobile column; at "reason") or 503. */
int campaign_dnc_import(struct arena *a, const struct actor *who, const char *csv, size_t len, const char *reason,
			long *added, long *bad, struct outcome *out);
/* The list, newest first, at most 100, of numbers starting with prefix
 * ("" or NULL: all): mobile, added_at, reason. */
struct dbres *campaign_dnc_list(struct arena *a, const char *prefix);

/* A campaign's settings as typed on its page (numbers as text). */
struct campaign_settings {
	const char *code;			/* creating: CODE ([A-Z0-9_], up to 32) */
	const char *name_en, *name_hi;		/* up to 150 */
	const char *scheme;			/* scheme code, up to 32 */
	const char *consent_en, *consent_hi;	/* the consent line read first, up to 500 */
	const char *max_attempts;		/* 1-3 */
	const char *retry_gap_min;		/* 5-10080 minutes */
	const char *sample_per_gp;		/* 1-10000 */
	const char *g_type, *g_field, *g_value;	/* the grievance rule: all three or none */
	const char *call_from, *call_to;	/* the calling hours, HH:MM (IST), 07:00-21:00, from before to; both empty: campaign_hours */
	unsigned call_days;			/* the days called: bit 0 Sunday ... bit 6 Saturday; at least one */
};
struct field_input;
/* Creates a draft campaign (no questions yet; nobody calls for it) with
 * its audit row; *id gets its id.  0, 422 (problems at their inputs) or
 * 503. */
int campaign_create(struct arena *a, const struct actor *who, const struct campaign_settings *in, long *id,
		    struct outcome *out);
/* Saves the settings of campaign id (the grievance rule's question must be
 * in its questionnaire).  0, 404, 422 or 503. */
int campaign_settings_save(struct arena *a, const struct actor *who, long id, const struct campaign_settings *in,
			   struct outcome *out);
/* Adds a question (the form engine's field editor: fieldedit_read; a
 * condition names an earlier question) to a draft's questionnaire, or
 * removes one nothing depends on (no later question's condition, not the
 * grievance rule).  0, 404, 409 (not a draft, or the question is used),
 * 422 or 503. */
int campaign_question_add(struct arena *a, const struct actor *who, long id, const struct field_input *in,
			  struct outcome *out);
int campaign_question_remove(struct arena *a, const struct actor *who, long id, const char *name, struct outcome *out);
/* Edits question `name` of campaign id in place (its name stays: answers
 * are kept by it): the wording (labels of the question and its options,
 * help) at any time; what it asks (type, option values, whether required,
 * the condition: an earlier question) only in a draft with no answers —
 * else 409 (campaign.err.answered, or .not_draft_meaning).  Audited
 * (campaign.question_edit, the old and new English wording).  0, 404,
 * 409, 422 or 503. */
int campaign_question_edit(struct arena *a, const struct actor *who, long id, const char *name, const struct field_input *in,
			   struct outcome *out);
/* May a questionnaire ask a question of type t (a service form's types
 * without files, groups or map positions)?  The field editor's list. */
bool campaign_question_type_ok(enum ftype t);
/* Makes campaign id active (a draft with at least one question, or a
 * closed one again) or closed.  0, 400, 404, 409 or 503. */
int campaign_status_set(struct arena *a, const struct actor *who, long id, const char *to, struct outcome *out);

/* ---- reports ---- */

/* One row of a report: a block or a district. */
struct campaign_row {
	long place;			/* block or district id */
	const char *name;		/* its English name */
	long sampled, dialled, reached, completed;
};
/* Call outcomes per block or district (by_district). */
long campaign_report(struct arena *a, long campaign, bool by_district, struct campaign_row **rows);
/* One answer's share with its 95% Wilson interval, per place. */
struct campaign_share {
	long place;
	const char *name;
	const char *value;		/* the answer */
	long n, total;			/* answered so, of the completed who answered the question */
	double pct, lo, hi;		/* percentage and its 95% interval */
};
long campaign_shares(struct arena *a, long campaign, const char *field, bool by_district, struct campaign_share **rows);
/* The 95% Wilson score interval of k out of n, in percent. */
void campaign_wilson(long k, long n, double *lo, double *hi);
#endif
