/*
 * lengths.h — the longest text each input may have, in characters, declared
 * once next to the column that stores it.  Handlers check an input against
 * its limit (form_max_len in tmpl.h) before anything is written, so an
 * over-long value is a 422 naming the field and never a database error
 * (the server runs in strict mode: a value too long for its column is an
 * error, not a silent cut).  MariaDB's VARCHAR(n) counts characters, like
 * utf8_chars, so a Hindi name of 100 characters fits VARCHAR(100).
 *
 * Limits of a service's own form fields come from the service definition
 * (max_length, FORM_TEXT_MAX when it has none: form.h); the answers are
 * stored as JSON, except the applicant's name, which also has a column.
 */
#ifndef GS_LENGTHS_H
#define GS_LENGTHS_H

#define LIM_PERSON_NAME 100	/* users.first_name/middle_name/last_name, applications.applicant_name */
#define LIM_DESIGNATION 100	/* users.designation */
#define LIM_EMAIL 254		/* users.email (RFC 5321 path limit) */
#define LIM_ADDRESS_LINE 200	/* users.address_line (column 255; the profile asks for 200) */
#define LIM_IDEM_KEY 80		/* applications.idem_key, idempotency.k */
#define LIM_SERVICE_NAME 200	/* service_versions.name_en/name_hi: a service's name */
#define LIM_ENDED_REASON 200	/* role_holdings.ended_reason */
#define LIM_LOC_NAME 150	/* locations.name_en/name_hi */
#define LIM_LGD_CODE 20		/* locations.lgd_code */
#define LIM_REMARKS 2000	/* app_events.remarks: an officer's remarks on an action */
#define LIM_OOO_REASON 1000	/* app_events.out_of_order_reason */
#define LIM_FEEDBACK 1000	/* feedback.comment */
#define LIM_TICKET_SUBJECT 150	/* tickets.subject */
#define LIM_TICKET_TEXT 4000	/* tickets.body, ticket_events.body: a description, reply, note or resolution */
#define LIM_TICKET_LINK 64	/* tickets.link_ref: an application, certificate, ledger or bill reference */
#define LIM_REFERENCE 100	/* ledger_txns.reference: a deposit slip, a refund reference */

#endif
