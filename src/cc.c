/*
 * cc.c — the call centre: click-to-call through a telephony provider,
 * signed CDR webhooks counted once, the agent's dispositions, and the
 * reads of the console (see cc.h).
 */
#include "cc.h"
#include "audit.h"
#include "config.h"
#include "json.h"
#include "net.h"
#include "user.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

const char *const cc_dispositions[] = { "resolved_on_call", "ticket_raised", "info_given", "callback", "wrong_number",
					"no_answer", "dropped", NULL };

static bool in_list(const char *const *list, const char *s)
{
	for (size_t i = 0; list[i]; i++)
		if (str_eq(list[i], s))
			return true;
	return false;
}

bool cc_number_ok(const char *s)
{
	return str_digits(s, 10, 12);
}

/* ---- providers ---- */

/* A telephony provider: asks it to ring the agent (agent_mobile) and
 * connect `number`; our_ref is our call log id.  0 with *ref (the
 * provider's call id, arena), or -1 with err. */
struct tel_provider {
	const char *name;
	int (*call)(struct arena *a, const char *agent_mobile, const char *number, long our_ref, const char **ref, char err[120]);
};

/* TEST ONLY: answers at once with a call id of its own; the test then
 * plays the provider's CDRs to /cc/cdr. */
static int sandbox_call(struct arena *a, const char *agent_mobile, const char *number, long our_ref, const char **ref,
			char err[120])
{
	(void)agent_mobile;
	if (str_ends_with(number, "0000000")) {
		snprintf(err, 120, "sandbox: number unreachable");
		return -1;	/* a way for tests to see a provider failure */
	}
	*ref = arena_printf(a, "SBX%ld", our_ref);
	return 0;
}

/* An HTTP JSON provider: POST {"agent", "to", "ref"} to the URL, answer
 * {"call_id": "..."}. */
static int http_call(struct arena *a, const char *agent_mobile, const char *number, long our_ref, const char **ref,
		     char err[120])
{
	char *body = json_strobj(a, "agent", agent_mobile, "to", number, "ref", arena_printf(a, "%ld", our_ref), NULL);
	struct jval *ans = net_json(a, cfg.telephony_click_to_call_url, body, 10);
	const char *id = ans ? json_get_str(ans, "call_id") : NULL;
	if (!id || !*id || strlen(id) > 64) {
		snprintf(err, 120, "provider: no call id in the answer");
		return -1;
	}
	*ref = id;
	return 0;
}

static const struct tel_provider sandbox_provider = { "sandbox", sandbox_call };
static const struct tel_provider http_provider = { "http", http_call };

/* The configured provider, or NULL (none; the sandbox outside tests). */
static const struct tel_provider *provider(void)
{
	const char *u = cfg.telephony_click_to_call_url;
	if (str_eq(u, "sandbox:"))
		return cfg.pay_sandbox ? &sandbox_provider : NULL;	/* never in production */
	return str_starts(u, "http://") || str_starts(u, "https://") ? &http_provider : NULL;
}

/* ---- click-to-call ---- */

struct call_ctx {
	struct arena *a;
	const struct actor *who;
	const char *number;
	long ticket, id;
	const char *ref;	/* set: the provider's id (second step); NULL: log the request (first step) */
	bool failed;		/* second step: the provider refused */
	const char *why;
};

static int call_txn(void *p)
{
	struct call_ctx *c = p;
	if (!c->id) {
		if (db_exec("INSERT INTO call_logs (direction, number, agent_id, status, requested_at, ticket_id, created_at) "
			    "VALUES ('outbound', ?, ?, 'requested', NOW(), NULLIF(?, 0), NOW())", "sii", c->number,
			    (long long)actor_id(c->who), (long long)c->ticket) != 1)
			return -1;
		c->id = (long)db_last_id();
		struct audit_entry e = { .action = "call.request", .entity = "call", .entity_id = arena_printf(c->a, "%ld", c->id),
					 .remarks = c->number };
		return audit_write(c->who, &e);
	}
	if (db_exec("UPDATE call_logs SET provider_ref = ?, status = IF(? = 1, 'failed', status), note = ? WHERE id = ?", "sisi",
		    c->ref, (long long)c->failed, c->why, (long long)c->id) != 1)
		return -1;
	struct audit_entry e = { .action = c->failed ? "call.failed" : "call.placed", .entity = "call",
				 .entity_id = arena_printf(c->a, "%ld", c->id), .remarks = c->failed ? c->why : c->ref };
	return audit_write(c->who, &e);
}

/* The ticket id of a number, 0 when none was given, -1 when unknown. */
static long ticket_id(struct arena *a, const char *no)
{
	if (str_empty(no))
		return 0;
	const char *id = strlen(no) <= 20 ? db_scalar(a, "SELECT id FROM tickets WHERE number = ?", "s", no) : NULL;
	return id ? strtol(id, NULL, 10) : -1;
}

int cc_call(struct arena *a, const struct actor *who, const char *number, const char *ticket_no, long *call,
	    struct outcome *out)
{
	if (!cc_number_ok(number))
		out_field(out, "number", "cc.err.number", NULL);
	long ticket = ticket_id(a, ticket_no);
	if (ticket < 0)
		out_field(out, "ticket", "cc.err.ticket", NULL);
	if (out->status)
		return out->status;
	const struct tel_provider *p = provider();
	if (!p)
		return out_fail(out, 503, "cc.err.no_provider");
	const char *agent = who && who->user ? who->user->mobile : NULL;
	if (str_empty(agent)) {
		out_field(out, "number", "cc.err.agent_mobile", NULL);
		return out->status;
	}
	/* logged before the provider is asked, so a call always has its row */
	struct call_ctx c = { .a = a, .who = who, .number = number, .ticket = ticket };
	int rc = out_txn(out, call_txn, &c);
	if (rc)
		return rc;
	*call = c.id;
	char err[120] = "";
	c.failed = p->call(a, agent, number, c.id, &c.ref, err) != 0;
	if (c.failed) {
		c.ref = NULL;
		c.why = arena_strdup(a, err);
	}
	rc = out_txn(out, call_txn, &c);
	if (!rc && c.failed)
		return out_fail(out, 503, "cc.err.provider");
	return rc;
}

/* ---- the CDR webhook ---- */

/* Does signature (hex) match the body under telephony_webhook_secret? */
static bool cdr_signed(struct arena *a, const char *body, size_t len, const char *signature)
{
	const char *k = cfg.telephony_webhook_secret;
	if (str_empty(k) || !signature || strlen(signature) != 64)
		return false;
	unsigned char mac[32];
	crypto_auth_hmacsha256_state st;
	crypto_auth_hmacsha256_init(&st, (const unsigned char *)k, strlen(k));
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)body, len);
	crypto_auth_hmacsha256_final(&st, mac);
	const char *want = hex_encode(a, mac, sizeof mac);
	/* compared case-blind: hex from providers comes in either case */
	char given[65];
	for (int i = 0; i < 64; i++)
		given[i] = (char)(signature[i] >= 'A' && signature[i] <= 'F' ? signature[i] + 32 : signature[i]);
	given[64] = '\0';
	return sodium_memcmp(want, given, 64) == 0;
}

/* The statuses a CDR may report, in the order a call moves through them;
 * the last three are final. */
static const char *const cdr_statuses[] = { "ringing", "answered", "completed", "missed", "failed", NULL };

struct cdr_ctx {
	struct arena *a;
	const char *body, *event, *ref, *direction, *from, *to, *agent, *status, *recording;
	long started, answered, ended, duration;
	bool duplicate;
	struct outcome *out;
};

/* An epoch second as the stored IST wall time, or NULL for 0. */
static const char *when(struct arena *a, long t)
{
	if (t <= 0)
		return NULL;
	char s[20];
	fmt_sql_time(s, (time_t)t);
	return arena_strdup(a, s);
}

static int cdr_txn(void *p)
{
	struct cdr_ctx *c = p;
	c->duplicate = false;
	struct dbres *call = db_query(c->a, "SELECT id FROM call_logs WHERE provider_ref = ? FOR UPDATE", "s", c->ref);
	if (!call)
		return -1;
	long id;
	if (call->nrows) {
		id = (long)db_int(call, 0, 0);
	} else if (str_eq(c->direction, "inbound")) {
		/* an inbound call is known from its first event; the agent by the mobile the provider rang */
		const char *agent = str_empty(c->agent) ? NULL
			: db_scalar(c->a, "SELECT u.id FROM users u JOIN role_holdings rh ON rh.user_id = u.id AND rh.role = 'cc_agent' "
					  "AND rh.active = 1 WHERE u.mobile = ? AND u.active = 1 LIMIT 1", "s", c->agent);
		if (db_exec("INSERT INTO call_logs (direction, number, agent_id, status, provider_ref, created_at) "
			    "VALUES ('inbound', ?, NULLIF(?, 0), 'ringing', ?, NOW())", "sis", c->from,
			    (long long)(agent ? strtol(agent, NULL, 10) : 0), c->ref) != 1)
			return -1;
		id = (long)db_last_id();
	} else {
		out_fail(c->out, 404, NULL);
		return 1;
	}
	long long n = db_exec("INSERT IGNORE INTO call_cdr_events (event_id, call_id, received_at, body) VALUES (?, ?, NOW(), ?)",
			      "sis", c->event, (long long)id, c->body);
	if (n < 0)
		return -1;
	if (n == 0) {
		c->duplicate = true;	/* the provider sent it again: answered, counted once */
		return 0;
	}
	if (db_exec("UPDATE call_logs SET status = IF(status IN ('completed','missed','failed'), status, ?), "
		    "started_at = IFNULL(?, started_at), answered_at = IFNULL(?, answered_at), ended_at = IFNULL(?, ended_at), "
		    "duration_s = IF(? > 0, ?, duration_s), recording_url = IFNULL(NULLIF(?, ''), recording_url), "
		    "cdr_count = cdr_count + 1 WHERE id = ?",
		    "ssssiisi", c->status, when(c->a, c->started), when(c->a, c->answered), when(c->a, c->ended),
		    (long long)c->duration, (long long)c->duration, c->recording ? c->recording : "", (long long)id) != 1)
		return -1;
	struct audit_entry e = { .action = "call.cdr", .entity = "call", .entity_id = arena_printf(c->a, "%ld", id),
				 .remarks = arena_printf(c->a, "%s %s", c->event, c->status) };
	return audit_write(NULL, &e);
}

/* A text field of the CDR: present, 1..max bytes, printable. */
static const char *cdr_text(const struct jval *v, const char *key, size_t max, bool required, struct outcome *out)
{
	const char *s = json_get_str(v, key);
	if (!s && !required)
		return NULL;
	bool ok = s && *s && strlen(s) <= max;
	for (const char *q = s; ok && *q; q++)
		ok = (unsigned char)*q >= 0x20;
	if (!ok)
		out_field(out, key, "cc.err.cdr", NULL);
	return ok ? s : NULL;
}

int cc_cdr(struct arena *a, const char *body, size_t len, const char *signature, bool *duplicate, struct outcome *out)
{
	*duplicate = false;
	if (!cdr_signed(a, body ? body : "", body ? len : 0, signature))
		return out_fail(out, 401, "cc.err.signature");
	const char *err;
	struct jval *v = json_parse(a, body, len, &err);
	if (!v || v->type != J_OBJ)
		return out_fail(out, 400, NULL);
	struct cdr_ctx c = { .a = a, .body = arena_strndup(a, body, len), .out = out };
	c.event = cdr_text(v, "event_id", 64, true, out);
	c.ref = cdr_text(v, "call_id", 64, true, out);
	c.direction = cdr_text(v, "direction", 8, true, out);
	c.from = cdr_text(v, "from", 15, false, out);
	c.to = cdr_text(v, "to", 15, false, out);
	c.agent = cdr_text(v, "agent", 15, false, out);
	c.status = cdr_text(v, "status", 16, true, out);
	c.recording = cdr_text(v, "recording_url", 255, false, out);
	if (c.status && !in_list(cdr_statuses, c.status))
		out_field(out, "status", "cc.err.cdr", NULL);
	if (c.direction && !str_eq(c.direction, "inbound") && !str_eq(c.direction, "outbound"))
		out_field(out, "direction", "cc.err.cdr", NULL);
	if (str_eq(c.direction, "inbound") && !cc_number_ok(c.from))
		out_field(out, "from", "cc.err.cdr", NULL);
	json_get_long(v, "started_at", &c.started);
	json_get_long(v, "answered_at", &c.answered);
	json_get_long(v, "ended_at", &c.ended);
	json_get_long(v, "duration_s", &c.duration);
	if (c.duration < 0 || c.duration > 86400)
		out_field(out, "duration_s", "cc.err.cdr", NULL);
	if (out->status)
		return out_fail(out, 400, NULL);
	int rc = out_txn(out, cdr_txn, &c);
	*duplicate = c.duplicate;
	return rc;
}

/* ---- dispositions ---- */

struct dispose_ctx {
	struct arena *a;
	const struct actor *who;
	long id, ticket;
	const char *disposition, *note;
	struct outcome *out;
};

static int dispose_txn(void *p)
{
	struct dispose_ctx *c = p;
	long long n = db_exec("UPDATE call_logs SET disposition = ?, ticket_id = IF(? > 0, ?, ticket_id), note = NULLIF(?, ''), "
			      "agent_id = IFNULL(agent_id, ?) WHERE id = ?", "siisii", c->disposition, (long long)c->ticket,
			      (long long)c->ticket, c->note ? c->note : "", (long long)actor_id(c->who), (long long)c->id);
	if (n < 0)
		return -1;
	if (n == 0) {
		out_fail(c->out, 404, NULL);
		return 1;
	}
	struct audit_entry e = { .action = "call.dispose", .entity = "call", .entity_id = arena_printf(c->a, "%ld", c->id),
				 .remarks = c->disposition };
	return audit_write(c->who, &e);
}

int cc_dispose(struct arena *a, const struct actor *who, long id, const char *disposition, const char *ticket_no,
	       const char *note, struct outcome *out)
{
	if (!in_list(cc_dispositions, disposition))
		out_field(out, "disposition", "cc.err.disposition", NULL);
	long ticket = ticket_id(a, ticket_no);
	if (ticket < 0)
		out_field(out, "ticket", "cc.err.ticket", NULL);
	if (str_eq(disposition, "ticket_raised") && ticket == 0)
		out_field(out, "ticket", "cc.err.ticket", NULL);
	out_max_len(out, "note", note, 500);
	if (out->status)
		return out->status;
	struct dispose_ctx c = { .a = a, .who = who, .id = id, .ticket = ticket, .disposition = disposition, .note = note,
				 .out = out };
	return out_txn(out, dispose_txn, &c);
}

/* ---- reads ---- */

struct dbres *cc_people(struct arena *a, const char *number)
{
	return db_query(a, "SELECT id, TRIM(CONCAT_WS(' ', first_name, last_name)), user_type, IFNULL(csc_id, username) FROM users "
			   "WHERE (citizen_mobile = ? OR mobile = ?) AND active = 1 ORDER BY user_type = 'citizen' DESC, id LIMIT 10",
			"ss", number, number);
}

struct dbres *cc_tickets(struct arena *a, const char *number)
{
	return db_query(a, "SELECT t.number, t.status, t.subject, t.due_at FROM tickets t WHERE (t.raised_for_mobile = ? "
			   "OR t.raised_by IN (SELECT id FROM users WHERE citizen_mobile = ? OR mobile = ?)) "
			   "AND t.status IN ('new','assigned','in_progress','awaiting_info') ORDER BY t.id DESC LIMIT 20",
			"sss", number, number, number);
}

struct dbres *cc_apps(struct arena *a, const char *number)
{
	return db_query(a, "SELECT a.number, a.status, s.code, a.submitted_at FROM applications a JOIN services s ON s.id = a.service_id "
			   "WHERE a.applicant_mobile = ? AND a.number IS NOT NULL ORDER BY a.id DESC LIMIT 20", "s", number);
}

struct dbres *cc_calls(struct arena *a, const char *number, long agent)
{
	return db_query(a, "SELECT c.id, c.direction, c.number, TRIM(CONCAT_WS(' ', u.first_name, u.last_name)), c.status, "
			   "IFNULL(c.started_at, c.requested_at), c.duration_s, c.disposition, t.number, c.cdr_count "
			   "FROM call_logs c LEFT JOIN users u ON u.id = c.agent_id LEFT JOIN tickets t ON t.id = c.ticket_id "
			   "WHERE (? = '' OR c.number = ?) AND (? = 0 OR c.agent_id = ?) ORDER BY c.id DESC LIMIT 30",
			"ssii", number ? number : "", number ? number : "", (long long)agent, (long long)agent);
}

struct dbres *cc_call_get(struct arena *a, long id)
{
	struct dbres *r = db_query(a, "SELECT c.id, c.direction, c.number, TRIM(CONCAT_WS(' ', u.first_name, u.last_name)), c.status, "
				      "IFNULL(c.started_at, c.requested_at), c.duration_s, c.disposition, t.number, c.cdr_count, "
				      "c.requested_at, c.ended_at, c.note, c.recording_url, c.provider_ref "
				      "FROM call_logs c LEFT JOIN users u ON u.id = c.agent_id LEFT JOIN tickets t ON t.id = c.ticket_id "
				      "WHERE c.id = ?", "i", (long long)id);
	return r && r->nrows == 1 ? r : NULL;
}
