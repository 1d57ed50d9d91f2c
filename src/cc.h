/*
 * cc.h — the call centre (issue 15, item 4): number lookup, the call log
 * with the agent's disposition, and telephony as a provider behind one
 * interface: click-to-call (we ask the provider to ring the agent and
 * connect the number) and signed CDR webhooks (the provider tells us what
 * happened; a webhook sent twice is counted once).  Drivers: an HTTP JSON
 * provider (telephony_click_to_call_url) and the test-only sandbox
 * ("sandbox:", only with pay_sandbox = true), as payments and billers do.
 */
#ifndef GS_CC_H
#define GS_CC_H
#include "domain.h"
#include "db.h"

/* The agent's outcomes of a call, NULL-terminated. */
extern const char *const cc_dispositions[];

/* Asks the provider to connect the calling agent to number (an Indian
 * mobile or a landline of 10 to 12 digits), optionally about ticket
 * `ticket_no`.  The call is logged first (outbound, requested), then the
 * provider's call id kept; a provider failure marks the row failed.
 * *call gets the call log id.  Returns 0, 422 (number or ticket), 503 (no
 * provider configured, or it failed: out->key says which). */
int cc_call(struct arena *a, const struct actor *who, const char *number, const char *ticket_no, long *call,
	    struct outcome *out);

/* A CDR webhook: body (len bytes) signed with telephony_webhook_secret
 * (hex HMAC-SHA256 of the body in `signature`).  Records the event once
 * (call_cdr_events.event_id), creating the call log of an inbound call on
 * its first event and moving the status on (a final status is never moved
 * back), in one transaction with an audit row.  *duplicate is set when
 * the event was already received (nothing changes).  Returns 0, 401 (bad
 * signature), 400 (malformed), 404 (an outbound call we never placed) or
 * 503. */
int cc_cdr(struct arena *a, const char *body, size_t len, const char *signature, bool *duplicate, struct outcome *out);

/* The agent records the outcome of call `id`: a disposition, optionally a
 * ticket number and a note.  Audited.  Returns 0, 404, 422 or 503. */
int cc_dispose(struct arena *a, const struct actor *who, long id, const char *disposition, const char *ticket_no,
	       const char *note, struct outcome *out);

/* ---- reads for the console ---- */

/* People with this number: citizens and staff/VLEs.  Columns: id, name,
 * user_type, csc_id or username. */
struct dbres *cc_people(struct arena *a, const char *number);
/* Open tickets raised by those people or for the number.  Columns:
 * number, status, subject, due_at. */
struct dbres *cc_tickets(struct arena *a, const char *number);
/* The latest applications of the number.  Columns: number, status,
 * service code, submitted_at. */
struct dbres *cc_apps(struct arena *a, const char *number);
/* Calls, newest first: of the number (agent 0), or of the agent (number
 * NULL).  Columns: id, direction, number, agent name, status, started_at,
 * duration_s, disposition, ticket number, cdr_count. */
struct dbres *cc_calls(struct arena *a, const char *number, long agent);
/* One call (same columns plus requested_at, ended_at, note, recording
 * url, provider_ref), or NULL. */
struct dbres *cc_call_get(struct arena *a, long id);

/* A number as typed: 10 to 12 digits (a mobile, or a landline with its
 * STD code).  The one rule the console, the API and the webhook share. */
bool cc_number_ok(const char *s);
#endif
