/*
 * ticket.h — smart support tickets (issue 15): the catalogue (type → main
 * type → sub type, configuration loaded from CSV), raising with routing to
 * a resolver in jurisdiction, the lifecycle (new → assigned → in_progress
 * ⇄ awaiting_info → resolved → closed; reopen, reassign, reject,
 * duplicate, rating, public replies and internal notes), due times in
 * working hours (sla.c) with the clock paused while information is
 * awaited, escalation BI → DI → PMU and auto-close (the ticket-escalate
 * job), and the reads of the lists, tiles and thread.
 *
 * Every change is one transaction with its thread row (ticket_events), its
 * audit row and its SMS in the outbox.
 */
#ifndef GS_TICKET_H
#define GS_TICKET_H
#include "domain.h"
#include "db.h"
#include "user.h"
#include <stdio.h>

/* Who resolves tickets (an assignee must hold one of these over the
 * ticket's place), and who may act on any ticket of their area. */
#define TICKET_RESOLVERS (RB(ROLE_BI) | RB(ROLE_DI) | RB(ROLE_PMU) | RB(ROLE_RESOLVER))
#define TICKET_SUPERVISORS (TICKET_RESOLVERS | RB(ROLE_STATE_ADMIN))
/* Who raises tickets: VLEs and other operators, officers, in-charges,
 * call-centre agents (for a caller), and the resolvers themselves. */
#define TICKET_RAISERS (RB_OPERATORS | RB_OFFICERS | RB(ROLE_CC_AGENT) | TICKET_RESOLVERS)
/* Who files grievances (kind grievance): citizens online, operators at a
 * CSC or a Swayam Sewak's door, agents for a caller; and everyone who uses
 * tickets at all (citizens follow their grievances on the same pages). */
#define GRIEVANCE_FILERS (RB_FILERS | RB(ROLE_CC_AGENT))
#define TICKET_USERS (TICKET_RAISERS | RB(ROLE_CITIZEN))

/* Statuses, as SQL lists: the clock runs (escalation may come); open. */
#define TICKET_RUNNING_SQL "'new','assigned','in_progress'"
#define TICKET_OPEN_SQL "'new','assigned','in_progress','awaiting_info'"

/* A file sent with a ticket or a message. */
struct ticket_file {
	const char *label;		/* the client's file name (display only) */
	const unsigned char *data;	/* the bytes (inside the request) */
	size_t len;			/* byte count */
};

/* A ticket as typed on the form or sent to the API. */
struct ticket_input {
	const char *type;	/* the sub type's code */
	long priority;		/* 1 (critical) .. 4 (low); 0: the sub type's default */
	long location_id;	/* the panchayat, village, block or ward it is about */
	const char *subject;	/* one line */
	const char *body;	/* the description */
	const char *mobile;	/* the caller's or citizen's mobile, or NULL */
	const char *channel;	/* web, app, call, csc, sewak; NULL: web */
	const char *link_kind;	/* application, certificate, wallet, bill, or NULL */
	const char *link_ref;	/* its number or id */
	const char *assignee;	/* CSC ID or log-in name of the resolver; NULL: routing decides */
	const struct jval *answers;	/* the sub type's extra fields, a JSON object (or NULL) */
	const struct ticket_file *file;	/* an attachment, or NULL */
};

/* Raises a ticket or a grievance (the sub type's kind) in its own
 * transaction, or in the caller's when one is open: checks the input,
 * routes it (the sub type's resolver
 * role over the place, the deepest holding first, then the one with
 * fewest open tickets) unless an assignee in jurisdiction is named, sets
 * the due time in working hours and queues the acknowledgement SMS.  A
 * support ticket needs a staff, operator or agent raiser; a grievance
 * needs the citizen's mobile (a citizen's own by default), and one filed
 * by a CSC operator costs grievance_csc_fee_paise from the wallet, with the
 * commission of kind "grievance" back, in the same transaction.  *number
 * gets the new number (arena).  Returns 0, 409 (the wallet is short), 422
 * (problems at their inputs) or 503. */
int ticket_raise(struct arena *a, const struct actor *who, const struct ticket_input *in, const char **number,
		 struct outcome *out);

/* One action on a ticket. */
struct ticket_action {
	const char *action;	/* assign, start, ask_info, reply, note, resolve, close, reopen, reject, duplicate, rate, appeal */
	const char *body;	/* the message, reason or resolution text */
	const char *assignee;	/* assign: CSC ID or log-in name */
	bool misrouted;		/* assign: it was misrouted, so the clock starts again */
	const char *code;	/* resolve: a resolution code (ticket_resolution_codes) */
	const char *of;		/* duplicate: the number of the ticket it duplicates */
	long rating;		/* rate: 1..5 */
	const struct ticket_file *file;	/* an attachment to the message (actions with a body), or NULL */
};

/* Applies one action by who on ticket `number`.  Returns 0, 403 (who may
 * not), 404 (no such ticket, or not visible), 409 (not in a state that
 * allows it: out->key says why), 422 or 503. */
int ticket_act(struct arena *a, const struct actor *who, const char *number, const struct ticket_action *in,
	       struct outcome *out);

/* The resolution codes, NULL-terminated ("fixed", "advice", ...). */
extern const char *const ticket_resolution_codes[];
/* The actions, NULL-terminated, in the order pages offer them. */
extern const char *const ticket_actions[];

/* A ticket as read for display and for the rules. */
struct ticket {
	long id;
	const char *number, *kind, *status, *subject, *body, *channel;
	const char *type_code, *type_en, *type_hi;	/* the sub type */
	long type_id, priority, location_id, department_id;
	const char *loc_path, *place_en, *place_hi;
	long raised_by, assignee_id;
	const char *raiser_name, *raiser_mobile, *mobile;	/* mobile: raised for */
	const char *assignee_name, *assignee_csc, *resolver_role;
	const char *created_at, *due_at, *paused_at, *resolved_at, *closed_at, *updated_at;
	const char *resolution_code, *link_kind, *link_ref, *parent_number;
	const char *answers;	/* the extra fields' answers (JSON), or NULL */
	long rating, escalation_level, reopened, reassigned, paused_s;
	bool breached, overdue;	/* overdue: open and past due now */
};
/* Reads ticket `number`, or NULL (unknown, or a database error). */
struct ticket *ticket_get(struct arena *a, const char *number);

/* How u stands to t. */
enum ticket_seat {
	TS_NONE,	/* may not see it */
	TS_RAISER,	/* raised it (or it was raised for u's mobile): public thread only */
	TS_AGENT,	/* a call-centre agent: sees all, acts as a raiser for the caller */
	TS_HANDLER,	/* the assignee or a supervisor over its place: everything */
};
enum ticket_seat ticket_seat(const struct user *u, const struct ticket *t);

/* The thread of t (ticket_events joined with actor names), oldest first;
 * internal notes only when with_internal.  Columns: at, actor name,
 * action, from, to, body, internal, assignee-to name. */
struct dbres *ticket_thread(struct arena *a, const struct ticket *t, bool with_internal);

/* The lists of the tickets page and the API. */
enum ticket_list { TL_MY, TL_NEW, TL_OPEN, TL_CLOSED, TL_REASSIGNED, TL_REPLIES, TL_RAISED, TL_COUNT };
extern const char *const ticket_list_codes[];	/* "my", "new", ... by enum */
int ticket_list_from(const char *code);		/* -1 when unknown */
/* One page (limit rows) of list l for u, newest first, before id `before`
 * (0: from the newest).  Columns: id, number, status, priority, subject,
 * type name en, type name hi, place en, place hi, due_at, assignee name,
 * created_at, overdue (0/1).  NULL on a database error. */
struct dbres *ticket_list(struct arena *a, const struct user *u, enum ticket_list l, long before, long limit);

/* The seed app's tiles for u: raised (all, open, closed) and assigned
 * (all, open, closed). */
struct ticket_tiles {
	long raised, raised_open, raised_closed;
	long assigned, assigned_open, assigned_closed;
};
int ticket_tiles(struct arena *a, const struct user *u, struct ticket_tiles *t);

/* The extra fields of a sub type (its form_fields, a gramsewa.service/1
 * definition read by the service form model) as a service, or NULL when
 * it has none. */
struct svc;
struct svc *ticket_type_form(struct arena *a, const char *code);

/* The active sub types of kind ("support" or "grievance") with their main
 * type and type: code, name en, name hi, main en, main hi, type en, type
 * hi, default priority, resolver role. */
struct dbres *ticket_catalogue(struct arena *a, const char *kind);

/* ---- attachments (ticket_file.c) ---- */

/* A checked and stored attachment, waiting for its row. */
struct ticket_blob {
	const char *sha, *mime, *label;	/* blob digest, type by content, display name (arena) */
	size_t size;			/* bytes kept */
};
/* Checks f by content (locker_store) and stores its blob, before the
 * change's transaction.  Returns 0, or 413/422 with the rule it broke at
 * field "file", or 503. */
int ticket_file_check(struct arena *a, const struct ticket_file *f, struct ticket_blob *b, struct outcome *out);
/* Inside the change's transaction: b belongs to the latest thread row of
 * `action` on ticket (internal: it came with an internal note).  0 or -1. */
int ticket_file_add(long ticket, const char *action, long uploader, bool internal, const struct ticket_blob *b);
/* The files of t that a seat sees (with_internal: not the raiser's):
 * id, label, mime, KB, internal, created_at, uploader name.  Arena; NULL on
 * a database error. */
struct dbres *ticket_files(struct arena *a, const struct ticket *t, bool with_internal);
/* The bytes (malloc'd: free them) of file id of t as seat may read it, with
 * its type and name; NULL when it is not t's, is internal and seat is the
 * raiser's, or is missing. */
unsigned char *ticket_file_read(struct arena *a, const struct ticket *t, enum ticket_seat seat, long id, size_t *len,
				const char **mime, const char **label);

/* ---- linked objects (ticket_link.c) ---- */

/* Does the object of link kind (application, certificate, wallet, bill,
 * csc, training, exam) numbered ref exist, and may u see it? */
bool ticket_link_seen(struct arena *a, const struct user *u, const char *kind, const char *ref);
/* The page of the object for viewer u (arena), or NULL when u may not see
 * it or it has no page. */
const char *ticket_link_href(struct arena *a, const struct user *u, const char *kind, const char *ref);

/* ---- SMS in the recipient's language (ticket_sms.c) ---- */

/* The values of an SMS template's placeholders. */
struct ticket_sms {
	const char *number, *subject;	/* {number}, {subject} */
	const char *due;		/* {due}: a stored time, written out in the language; or NULL */
	const char *text;		/* {text}: the resolution text, or "" */
	long days;			/* {days}: days to reopen */
};
/* The language of the SMS recipient: the user who has `mobile` (a citizen
 * first) when the ticket was raised for one, else the raiser; "en" or
 * "hi" ("en" when unknown). */
const char *ticket_sms_lang(struct arena *a, long raised_by, const char *mobile);
/* The acknowledgement (resolved false) or resolution SMS of sub type
 * type_id in lang: its own text, else the generic one; placeholders
 * filled (arena). */
const char *ticket_sms_text(struct arena *a, long type_id, bool resolved, const char *lang, const struct ticket_sms *v);
/* Is tpl fit as a catalogue SMS text (empty; or at most TICKET_SMS_MAX
 * characters using only the placeholders above)? */
#define TICKET_SMS_MAX 300
bool ticket_sms_template_ok(const char *tpl);
/* The first "{...}" of tpl that is not a placeholder, as typed (arena), or
 * NULL when there is none. */
const char *ticket_sms_unknown(struct arena *a, const char *tpl);
/* tpl filled with sample values in lang, for a preview (arena). */
const char *ticket_sms_sample(struct arena *a, const char *tpl, const char *lang);
/* The inputs of the four texts, in the columns' order: raised_en,
 * raised_hi, resolved_en, resolved_hi; NULL-terminated. */
extern const char *const ticket_sms_fields[];
/* The active sub types with their texts: code, name en, name hi, kind,
 * then the four texts (NULL: the generic one). */
struct dbres *ticket_sms_list(struct arena *a);
/* Saves the four texts of sub type code (NULL or "": the generic one) in
 * one transaction with its audit row (ticket.sms_templates).  0, 404, 422
 * (an unknown placeholder, named, or too long: at its input) or 503. */
int ticket_sms_save(struct arena *a, const struct actor *who, const char *code, const char *const texts[4],
		    struct outcome *out);

/* ---- help with a kind of problem (ticket_help.c) ---- */

/* The e-learning items tagged with sub type `code` that u may open, of
 * kind sop, pdf or video: learning_list's columns (id, kind, lang, title,
 * ...).  NULL when none can be read. */
struct dbres *ticket_help_items(struct arena *a, const struct user *u, const char *code);
/* The three resolution codes most used for sub type `code` in the last
 * 180 days: code, count.  NULL on a database error. */
struct dbres *ticket_help_codes(struct arena *a, const char *code);

/* An open ticket like the one being raised. */
struct ticket_like {
	long id;
	const char *number, *subject, *status, *created_at;
	int score;	/* subject words in common */
};
/* Up to max open tickets of sub type `code` at place `location` or raised
 * by u that u may open (ticket_seat), into out: most words in common with
 * subject first, then newest.  Two index ranges of at most 50 rows.
 * Returns the count, or -1 on a database error. */
long ticket_similar(struct arena *a, const struct user *u, const char *code, long location, const char *subject,
		    struct ticket_like *out, long max);

/* ---- grievances in public ---- */

/* The grievance `number` when mobile is the citizen's (raised for it, or
 * by its owner), for /track; NULL otherwise. */
struct ticket *ticket_track(struct arena *a, const char *number, const char *mobile);

/* Counts of one kind raised from `from` to `to` (YYYY-MM-DD, IST) for the
 * transparency page. */
struct ticket_counts {
	long received, resolved, in_sla, open;
};
int ticket_counts(struct arena *a, const char *kind, const char *from, const char *to, struct ticket_counts *c);

/* ---- dashboards ---- */

/* Who sees ticket dashboards: officers and the resolvers, over their areas. */
#define TICKET_DASH (RB_OFFICERS | TICKET_RESOLVERS)
enum ticket_dash_by { TD_PLACE, TD_TYPE, TD_PRIORITY, TD_RESOLVER, TD_COUNT };
extern const char *const ticket_dash_codes[];	/* "place", "type", "priority", "resolver" */
/* One row of a dashboard: the tickets raised in the window under one key. */
struct ticket_dash_row {
	long key;		/* child place id (0: the place itself), sub type id, priority, resolver id (0: nobody) */
	const char *name_en, *name_hi;	/* the key's name (NULL for a priority) */
	long total, open, overdue;	/* raised; still open; open and past due now */
	long resolved, in_sla;		/* resolved (or closed after it); of them without a breach */
	long reopened;			/* of the resolved, reopened at least once */
	long age[4];			/* open tickets by whole days since the day raised: 0, 1-2, 3-6, 7 and more */
	long median_min;		/* median minutes from raising to resolution (from √2-wide buckets), -1 when none resolved */
};
/* The figures of the tickets at or below `path` (a place of depth `depth`)
 * raised since the start of the day `days` days ago, from the summary rows, one row per key of `by`, into *rows
 * (arena).  Returns the row count, or -1. */
long ticket_dash(struct arena *a, const char *path, int depth, enum ticket_dash_by by, long days,
		 struct ticket_dash_row **rows);

/* ---- per-worker copies of the catalogue and calendars (ticket_cache.c) ---- */

/* A sub type of the catalogue. */
struct ticket_subtype {
	long id, department_id, default_priority, sla[4];	/* sla: hours at priority 1..4 */
	const char *code, *kind, *resolver_role;
	const char *raised_dlt, *resolved_dlt;	/* the SMS' DLT template ids, or NULL (the configured ones) */
	const char *sms[4];	/* own SMS texts: raised en, raised hi, resolved en, resolved hi; NULL each when none */
	const char *form_fields;	/* the extra fields (JSON), or NULL */
	bool active;
};
/* The sub type of code (NULL: of id), active or not, copied into the
 * arena; NULL when there is none (or the database failed).  From the
 * worker's copy of the catalogue while its version is unchanged. */
const struct ticket_subtype *ticket_subtype(struct arena *a, const char *code, long id);
struct calendar;
/* The working calendar of the place at path: the office weekly offs and
 * the state's and its district's holidays (sla_calendar), from the
 * worker's copy of the district's while the holidays are unchanged. */
void ticket_calendar(struct arena *a, const char *path, struct calendar *cal);

/* ---- the dashboards' summary rows (ticket_sum.c) ---- */

/* Adds ticket id's contribution to its summary row (sign 1), or takes it
 * away (sign -1): every change of a ticket calls it with -1 before and 1
 * after, in the change's transaction.  0 or -1. */
int ticket_sum_add(long id, int sign);
/* The plan of a chunk of the ticket-escalate job, JSON_TABLE(?, TICKET_PLAN_COLS
 * aliased j: one array per ticket, [id, role, assignee, due, status,
 * assignee before, status before]; a chunk of auto-closes has the ids
 * alone. */
#define TICKET_PLAN_COLS "'$[*]' COLUMNS (id BIGINT UNSIGNED PATH '$[0]', role VARCHAR(24) PATH '$[1]', " \
	"ato INT UNSIGNED PATH '$[2]', due DATETIME PATH '$[3]', st VARCHAR(16) PATH '$[4]', afrom INT UNSIGNED PATH '$[5]', " \
	"fst VARCHAR(16) PATH '$[6]')) j"
/* The summary rows of a chunk of escalations (plan: TICKET_PLAN_COLS) or of
 * auto-closes, before its tickets are updated: one write of the net
 * change per key.  0 or -1. */
int ticket_sum_escalate(const char *plan);
int ticket_sum_close(const char *plan);
/* Recomputes every summary row from the tickets in one transaction
 * (gramsewactl ticket-sums rebuild).  Returns the rows written, or -1. */
long ticket_sums_rebuild(void);

/* ---- the catalogue as configuration (gramsewactl ticket-catalogue) ---- */

/* Loads a catalogue CSV (header row; columns in docs/operations.md):
 * inserts new codes and updates existing ones, all in one transaction with
 * one audit row.  Returns rows loaded, or -1 with the problem printed to
 * err (nothing changed). */
long ticket_catalogue_import(struct arena *a, const struct actor *who, const char *csv, size_t len, FILE *err);

/* ---- jobs ---- */

/* The tickets one transaction of the job takes by default (bench/README.md:
 * the cost per ticket against the chunk size), and at most: a chunk's
 * audit row names its tickets with their new role and resolver in its
 * detail, a TEXT of 64 KB (about 25 bytes a ticket). */
#define TICKET_JOB_CHUNK 1000
#define TICKET_JOB_CHUNK_MAX 2000
/* Escalates open tickets past their due time to the next level (BI → DI →
 * PMU; a department resolver → PMU), in chunks of `chunk` tickets (0: the
 * default), each in its own transaction under row locks taken with SKIP
 * LOCKED, so two runs at once escalate each ticket once; then closes
 * resolved tickets whose auto-close days have passed.  Returns the number
 * of tickets changed, or -1; prints a line per kind to report when not
 * NULL. */
long ticket_escalate_run(struct arena *a, long chunk, FILE *report);
#endif
