/*
 * ticket.c — smart support tickets: catalogue, raising and routing, the
 * lifecycle, working-hour due times, escalation and auto-close, and the
 * reads the pages and the API show (see ticket.h).
 */
#include "ticket.h"
#include "audit.h"
#include "config.h"
#include "csv.h"
#include "form.h"
#include "application.h"
#include "json.h"
#include "lengths.h"
#include "location.h"
#include "notify.h"
#include "sla.h"
#include "tmpl.h"
#include "wallet.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

const char *const ticket_resolution_codes[] = { "fixed", "advice", "workaround", "data_corrected", "referred",
						"not_reproducible", "out_of_scope", NULL };
const char *const ticket_actions[] = { "start", "reply", "note", "ask_info", "assign", "resolve", "reject", "duplicate",
				       "close", "reopen", "rate", "appeal", NULL };
const char *const ticket_list_codes[] = { "my", "new", "open", "closed", "reassigned", "replies", "raised", NULL };

static const char *const channels[] = { "web", "app", "call", "csc", "sewak", NULL };
static const char *const link_kinds[] = { "application", "certificate", "wallet", "bill", "csc", "training", "exam", NULL };
/* The escalation ladder: a ticket with a role not on it goes to the top. */
static const char *const ladder[] = { "bi", "di", "pmu", NULL };

/* Statuses in which the clock runs (and escalation may come). */
#define RUNNING TICKET_RUNNING_SQL

static bool in_list(const char *const *list, const char *s)
{
	for (size_t i = 0; list[i]; i++)
		if (str_eq(list[i], s))
			return true;
	return false;
}

int ticket_list_from(const char *code)
{
	for (int i = 0; ticket_list_codes[i]; i++)
		if (str_eq(ticket_list_codes[i], code))
			return i;
	return -1;
}

/* ---- time ---- */

/* The working calendar of a place (ticket_calendar) and the office hours. */
static void place_calendar(struct arena *a, const char *path, struct calendar *cal, struct office_hours *oh)
{
	ticket_calendar(a, path, cal);
	if (!sla_hours_parse(cfg.office_hours, oh))
		*oh = (struct office_hours){ 10 * 3600, 18 * 3600 };	/* config.c refuses a bad value; never here */
}

/* A unix time as the stored IST wall time (arena). */
static const char *stored(struct arena *a, time_t t)
{
	char s[20];
	fmt_sql_time(s, t);
	return arena_strdup(a, s);
}

/* The due time of a clock of `hours` working hours started now at path. */
static const char *due_from_now(struct arena *a, const char *path, long hours)
{
	struct calendar cal;
	struct office_hours oh;
	place_calendar(a, path, &cal, &oh);
	return stored(a, sla_work_add(&cal, &oh, now_secs(), hours * 3600));
}

/* ---- who ---- */

/* The user named by CSC ID or log-in name, or NULL. */
static struct user *user_by_ref(struct arena *a, const char *ref)
{
	if (str_empty(ref) || strlen(ref) > 64)
		return NULL;
	const char *id = db_scalar(a, "SELECT id FROM users WHERE (csc_id = ? OR username = ?) AND active = 1 "
				      "ORDER BY csc_id = ? DESC LIMIT 1", "sss", ref, ref, ref);
	return id ? user_load(a, strtol(id, NULL, 10)) : NULL;
}

/* The holding by which u may resolve a ticket at path of department dept:
 * a resolver role over the place (the one jurisdiction rule), and for a
 * department resolver, of that department.  NULL when none. */
static const struct holding *resolver_holding(const struct user *u, const char *path, long dept)
{
	for (size_t i = 0; u && i < u->nh; i++) {
		const struct holding *h = &u->h[i];
		if (!(TICKET_RESOLVERS & RB(h->role)) || juris_holding(u, RB(h->role), 0, path, 0) != h)
			continue;
		if (h->role == ROLE_RESOLVER && dept && h->department_id != dept)
			continue;
		return h;
	}
	return NULL;
}

/* Routing: the holder of `role` over path (department dept for a
 * department resolver) with the deepest holding, then the fewest open
 * tickets.  Returns the user id, 0 when nobody holds it, -1 on error;
 * *mobile (when not NULL) gets the holder's registered mobile or NULL. */
static long route(struct arena *a, const char *role, const char *path, long dept, const char **mobile)
{
	struct dbres *r = db_query(a,
		"SELECT rh.user_id, l.depth, u.mobile FROM role_holdings rh JOIN locations l ON l.id = rh.location_id "
		"JOIN users u ON u.id = rh.user_id "
		"WHERE rh.role = ? AND rh.active = 1 AND rh.work_from <= CURDATE() AND (rh.work_to IS NULL OR rh.work_to >= CURDATE()) "
		"AND u.active = 1 AND ? LIKE CONCAT(l.path, '%') AND (? = 0 OR rh.role <> 'resolver' OR rh.department_id = ?) "
		"ORDER BY l.depth DESC, rh.user_id LIMIT 20",
		"ssii", role, path, (long long)dept, (long long)dept);
	if (mobile)
		*mobile = NULL;
	if (!r)
		return -1;
	if (r->nrows < 2 || db_int(r, 1, 1) != db_int(r, 0, 1)) {
		if (mobile && r->nrows)
			*mobile = db_val(r, 0, 2);
		return r->nrows ? (long)db_int(r, 0, 0) : 0;
	}
	/* several hold the deepest place: the one with the fewest open tickets
	 * (counted only then: a resolver's open tickets may be many) */
	long best = 0, least = -1;
	for (size_t i = 0; i < r->nrows && db_int(r, i, 1) == db_int(r, 0, 1); i++) {
		const char *n = db_scalar(a, "SELECT COUNT(*) FROM tickets WHERE assignee_id = ? "
					     "AND status IN ('assigned','in_progress','awaiting_info')", "i", (long long)db_int(r, i, 0));
		if (!n)
			return -1;
		if (least < 0 || strtol(n, NULL, 10) < least) {
			least = strtol(n, NULL, 10);
			best = (long)db_int(r, i, 0);
			if (mobile)
				*mobile = db_val(r, i, 2);
		}
	}
	return best;
}

/* ---- writes shared by every change ---- */

/* One row of the thread. */
static int event(long ticket, long actor, const char *action, const char *from, const char *to, long asg_from,
		 long asg_to, const char *body, bool internal)
{
	return db_exec("INSERT INTO ticket_events (ticket_id, at, actor_id, action, from_status, to_status, assignee_from, "
		       "assignee_to, body, internal) VALUES (?, NOW(6), NULLIF(?, 0), ?, ?, ?, NULLIF(?, 0), NULLIF(?, 0), ?, ?)",
		       "iisssiisi", (long long)ticket, (long long)actor, action, from, to, (long long)asg_from,
		       (long long)asg_to, body, (long long)internal) == 1 ? 0 : -1;
}

static int audit(struct arena *a, const struct actor *who, const char *action, const char *number, const char *remarks)
{
	struct audit_entry e = { .action = arena_printf(a, "ticket.%s", action), .entity = "ticket", .entity_id = number,
				 .remarks = remarks };
	return audit_write(who, &e);
}

/* An SMS to a user's registered mobile (none: nothing). */
static int sms_user(struct arena *a, long user, const char *text, const char *dlt, const char *what, const char *number)
{
	const char *m = user ? db_scalar(a, "SELECT mobile FROM users WHERE id = ?", "i", (long long)user) : NULL;
	if (str_empty(m))
		return 0;
	return notify_queue("sms", m, text, dlt, what, number) ? 0 : -1;
}

/* The SMS to whoever the ticket is for: the mobile it was raised for, else
 * the raiser's. */
static int sms_raiser(struct arena *a, const struct ticket *t, const char *text, const char *dlt, const char *what)
{
	if (!str_empty(t->mobile))
		return notify_queue("sms", t->mobile, text, dlt, what, t->number) ? 0 : -1;
	return sms_user(a, t->raised_by, text, dlt, what, t->number);
}

/* ---- raising ---- */

/* The SLA hours of a ticket's sub type at its priority. */
static long sla_hours(struct arena *a, long type_id, long priority)
{
	const struct ticket_subtype *s = ticket_subtype(a, NULL, type_id);
	return s && priority >= 1 && priority <= 4 ? s->sla[priority - 1] : 24;
}

struct raise_ctx {
	struct arena *a;
	const struct actor *who;
	const struct ticket_input *in;
	const struct ticket_subtype *st;
	const struct loc *place;
	long priority, assignee;
	const char *role, *due, *number;
	const char *mobile;	/* whom the SMS goes to: the caller's or citizen's; NULL: the raiser's */
	const char *assignee_mobile;	/* the assignee's registered mobile, or NULL */
	long fee;		/* a grievance filed at a CSC: paise from the operator's wallet */
	struct outcome *out;	/* a short wallet is a refusal */
	const char *answers;	/* the extra fields, checked and normalised (JSON), or NULL */
	const struct ticket_blob *blob;	/* an attachment, stored, waiting for its row; or NULL */
};

/* A CSC's grievance fee: from the operator's wallet to the service
 * charges, and the operator's commission (kind "grievance") back, as
 * applications at a CSC do.  0, 1 (the wallet is short: refused) or -1. */
static int grievance_fee(struct raise_ctx *c, long id)
{
	long me = actor_id(c->who), wallet = wallet_account(c->a, me);
	long charges = book_account(c->a, "commission", "csc-service-charges", 0);
	if (!wallet || !charges)
		return -1;
	enum wallet_rc wr = ledger_move(c->a, "debit", arena_printf(c->a, "grievance:%ld:fee", id), wallet, charges, c->fee, 0,
					c->number, me, true);
	if (wr == WALLET_SHORT) {
		out_fail(c->out, 409, "ticket.err.wallet_short");
		return 1;
	}
	if (wr != WALLET_OK)
		return -1;
	const char *cm = db_scalar(c->a, "SELECT amount_paise FROM commission_rules WHERE kind = 'grievance' AND key_code IS NULL", NULL);
	long commission = cm ? strtol(cm, NULL, 10) : 0;
	if (commission > 0 && ledger_move(c->a, "commission", arena_printf(c->a, "grievance:%ld:commission", id), charges, wallet,
					  commission, 0, c->number, me, false) != WALLET_OK)
		return -1;
	return db_exec("UPDATE tickets SET fee_paise = ? WHERE id = ?", "ii", (long long)c->fee, (long long)id) == 1 ? 0 : -1;
}

static int raise_txn(void *p)
{
	struct raise_ctx *c = p;
	const struct ticket_input *in = c->in;
	long me = actor_id(c->who);
	const char *status = c->assignee ? "assigned" : "new";
	if (db_exec("INSERT INTO tickets (kind, type_id, priority, location_id, loc_path, raised_by, raised_for_mobile, channel, "
		    "subject, body, link_kind, link_ref, assignee_id, resolver_role, status, created_at, due_at, updated_at, answers) "
		    "VALUES (?, ?, ?, ?, ?, ?, NULLIF(?, ''), ?, ?, ?, NULLIF(?, ''), NULLIF(?, ''), NULLIF(?, 0), ?, ?, NOW(), ?, NOW(), ?)",
		    "siiisissssssissss", c->st->kind, (long long)c->st->id, (long long)c->priority, (long long)c->place->id,
		    c->place->path, (long long)me, c->mobile ? c->mobile : "", in->channel ? in->channel : "web",
		    in->subject, in->body, in->link_kind ? in->link_kind : "", in->link_ref ? in->link_ref : "",
		    (long long)c->assignee, c->role, status, c->due, c->answers) != 1)
		return -1;
	long id = (long)db_last_id();
	c->number = arena_printf(c->a, "%s%07ld", str_eq(c->st->kind, "grievance") ? "GR" : "TK", id);
	if (db_exec("UPDATE tickets SET number = ? WHERE id = ?", "si", c->number, (long long)id) != 1)
		return -1;
	int fee = c->fee > 0 ? grievance_fee(c, id) : 0;
	if (fee)
		return fee;
	/* the thread: raised, and assigned when someone was found (one statement) */
	if ((c->assignee ? db_exec("INSERT INTO ticket_events (ticket_id, at, actor_id, action, from_status, to_status, "
				   "assignee_from, assignee_to, body, internal) VALUES "
				   "(?, NOW(6), NULLIF(?, 0), 'raise', NULL, 'new', NULL, NULL, ?, 0), "
				   "(?, NOW(6), NULLIF(?, 0), 'assign', 'new', 'assigned', NULL, ?, NULL, 0)", "iisiii",
				   (long long)id, (long long)me, in->body, (long long)id, (long long)me,
				   (long long)c->assignee) != 2
			 : event(id, me, "raise", NULL, "new", 0, 0, in->body, false) != 0) ||
	    (c->blob && ticket_file_add(id, "raise", me, false, c->blob) != 0))
		return -1;
	/* the acknowledgement: to the mobile it was raised for, else to the
	 * raiser, whose language and mobile the request has loaded */
	const struct user *u = c->who->user;
	bool for_other = !str_empty(c->mobile);
	const char *to = for_other ? c->mobile : u->mobile;
	struct ticket_sms sv = { .number = c->number, .subject = in->subject, .due = c->due, .text = "" };
	const char *ack = ticket_sms_text(c->a, c->st->id, false, for_other ? ticket_sms_lang(c->a, me, c->mobile)
									    : str_eq(u->lang, "hi") ? "hi" : "en", &sv);
	if (!str_empty(to) && !notify_queue("sms", to, ack, c->st->raised_dlt ? c->st->raised_dlt : cfg.ticket_raised_dlt,
					    "ticket.raise", c->number))
		return -1;
	if (c->assignee && !str_empty(c->assignee_mobile) &&
	    !notify_queue("sms", c->assignee_mobile, arena_printf(c->a, "Ticket %s is assigned to you: %s. Due %s. - GramSewa",
								  c->number, in->subject, date_long(c->a, c->due, "en")),
			  cfg.ticket_update_dlt, "ticket.assign", c->number))
		return -1;
	/* the summary row and the audit shard head are the rows other raises
	 * may wait on: written last, so they are held only until the commit */
	if (ticket_sum_add(id, 1) != 0)
		return -1;
	return audit(c->a, c->who, "raise", c->number, arena_printf(c->a, "type %ld priority %ld to %ld", c->st->id, c->priority,
								    c->assignee));
}

/* The place a ticket is about: an active panchayat, village, block, ULB
 * or ward. */
static const struct loc *ticket_place(struct arena *a, long id)
{
	struct loc *l = id > 0 ? loc_get(a, id) : NULL;
	if (!l || !l->active)
		return NULL;
	return l->type >= LT_BLOCK ? l : NULL;
}

int ticket_raise(struct arena *a, const struct actor *who, const struct ticket_input *in, const char **number,
		 struct outcome *out)
{
	const struct ticket_subtype *st = ticket_subtype(a, in->type ? in->type : "", 0);
	struct raise_ctx c = { .a = a, .who = who, .in = in, .st = st, .mobile = in->mobile, .out = out };
	const struct user *u = who ? who->user : NULL;
	bool grievance = false;
	/* support tickets are the staff's; citizens file grievances */
	if (!st || !st->active || !u ||
	    !((grievance = str_eq(st->kind, "grievance")) ? (u->roles & (GRIEVANCE_FILERS | TICKET_RAISERS)) != 0
							  : (u->roles & TICKET_RAISERS) != 0))
		out_field(out, "type", "ticket.err.type", NULL);
	if (grievance && user_has(u, ROLE_CITIZEN) && str_empty(in->mobile))
		c.mobile = u->mobile;	/* a citizen files for themself */
	if (grievance && str_empty(c.mobile))
		out_field(out, "mobile", "ticket.err.citizen_mobile", NULL);
	if (in->priority && (in->priority < 1 || in->priority > 4))
		out_field(out, "priority", "ticket.err.priority", NULL);
	if (!(c.place = ticket_place(a, in->location_id)))
		out_field(out, "location", "ticket.err.location", NULL);
	if (str_empty(in->subject) || utf8_chars(in->subject) < 3)
		out_field(out, "subject", "ticket.err.subject", NULL);
	out_max_len(out, "subject", in->subject, LIM_TICKET_SUBJECT);
	if (str_empty(in->body) || utf8_chars(in->body) < 3)
		out_field(out, "body", "ticket.err.body", NULL);
	out_max_len(out, "body", in->body, LIM_TICKET_TEXT);
	if (!str_empty(in->mobile) && !valid_mobile(in->mobile))
		out_field(out, "mobile", "auth.mobile_bad", NULL);
	if (in->channel && !in_list(channels, in->channel))
		out_field(out, "channel", "ticket.err.channel", NULL);
	if (!str_empty(in->link_kind) && !in_list(link_kinds, in->link_kind))
		out_field(out, "link_kind", "ticket.err.link", NULL);
	if (!str_empty(in->link_kind) && str_empty(in->link_ref))
		out_field(out, "link_ref", "ticket.err.link_ref", NULL);
	if (out_max_len(out, "link_ref", in->link_ref, LIM_TICKET_LINK) && in_list(link_kinds, in->link_kind) &&
	    !str_empty(in->link_ref) && !ticket_link_seen(a, u, in->link_kind, in->link_ref))
		out_field(out, "link_ref", "ticket.err.link_unknown", NULL);
	if (out->status)
		return out->status;
	c.priority = in->priority ? in->priority : st->default_priority;
	c.role = st->resolver_role;
	if (!str_empty(in->assignee)) {
		struct user *to = user_by_ref(a, in->assignee);
		const struct holding *h = resolver_holding(to, c.place->path, st->department_id);
		if (!h) {
			out_field(out, "assignee", "ticket.err.assignee", NULL);
			return out->status;
		}
		c.assignee = to->id;
		c.assignee_mobile = to->mobile;
		c.role = role_code(h->role);
	} else if ((c.assignee = route(a, st->resolver_role, c.place->path, st->department_id, &c.assignee_mobile)) < 0) {
		return out_fail(out, 503, NULL);
	}
	/* the sub type's extra fields, checked by the service form model */
	struct svc *form = ticket_type_form(a, in->type);
	if (form) {
		struct form_env env;
		app_form_env(a, u, 0, &env);
		if (form_check(a, &form->form, in->answers, &env, out, &c.answers))
			return out->status;
	}
	c.due = due_from_now(a, c.place->path, st->sla[c.priority - 1]);
	if (grievance && user_has(u, ROLE_CSC))
		c.fee = cfg.grievance_csc_fee_paise;
	struct ticket_blob blob;
	if (in->file && ticket_file_check(a, in->file, &blob, out))
		return out->status;
	c.blob = in->file ? &blob : NULL;
	int rc;
	if (db_in_txn()) {
		/* inside the caller's transaction (a campaign answer opening a grievance): its change */
		int t = raise_txn(&c);
		rc = t == 0 ? 0 : t > 0 ? out->status : out_fail(out, 503, NULL);
	} else {
		rc = out_txn(out, raise_txn, &c);
	}
	if (!rc)
		*number = c.number;
	return rc;
}

/* ---- reading ---- */

struct ticket *ticket_get(struct arena *a, const char *number)
{
	if (str_empty(number) || strlen(number) > 20)
		return NULL;
	struct dbres *r = db_query(a,
		"SELECT t.id, t.number, t.kind, t.status, t.subject, t.body, t.channel, ty.code, ty.name_en, ty.name_hi, t.type_id, "
		"t.priority, t.location_id, IFNULL(ty.department_id, 0), t.loc_path, l.name_en, l.name_hi, t.raised_by, "
		"IFNULL(t.assignee_id, 0), TRIM(CONCAT_WS(' ', ru.first_name, ru.last_name)), ru.mobile, t.raised_for_mobile, "
		"TRIM(CONCAT_WS(' ', au.first_name, au.last_name)), IFNULL(au.csc_id, au.username), t.resolver_role, "
		"t.created_at, t.due_at, t.paused_at, t.resolved_at, t.closed_at, t.updated_at, t.resolution_code, t.link_kind, "
		"t.link_ref, p.number, IFNULL(t.rating, 0), t.escalation_level, t.reopened, t.reassigned, t.paused_s, t.breached, "
		"t.status IN (" RUNNING ") AND t.due_at < NOW(), t.answers "
		"FROM tickets t JOIN ticket_types ty ON ty.id = t.type_id JOIN locations l ON l.id = t.location_id "
		"JOIN users ru ON ru.id = t.raised_by LEFT JOIN users au ON au.id = t.assignee_id "
		"LEFT JOIN tickets p ON p.id = t.parent_id WHERE t.number = ?", "s", number);
	if (!r || r->nrows != 1)
		return NULL;
	struct ticket *t = arena_alloc(a, sizeof *t);
	size_t i = 0;
	t->id = (long)db_int(r, 0, i++);
	t->number = db_val(r, 0, i++);
	t->kind = db_val(r, 0, i++);
	t->status = db_val(r, 0, i++);
	t->subject = db_val(r, 0, i++);
	t->body = db_val(r, 0, i++);
	t->channel = db_val(r, 0, i++);
	t->type_code = db_val(r, 0, i++);
	t->type_en = db_val(r, 0, i++);
	t->type_hi = db_val(r, 0, i++);
	t->type_id = (long)db_int(r, 0, i++);
	t->priority = (long)db_int(r, 0, i++);
	t->location_id = (long)db_int(r, 0, i++);
	t->department_id = (long)db_int(r, 0, i++);
	t->loc_path = db_val(r, 0, i++);
	t->place_en = db_val(r, 0, i++);
	t->place_hi = db_val(r, 0, i++);
	t->raised_by = (long)db_int(r, 0, i++);
	t->assignee_id = (long)db_int(r, 0, i++);
	t->raiser_name = db_val(r, 0, i++);
	t->raiser_mobile = db_val(r, 0, i++);
	t->mobile = db_val(r, 0, i++);
	t->assignee_name = db_val(r, 0, i++);
	t->assignee_csc = db_val(r, 0, i++);
	t->resolver_role = db_val(r, 0, i++);
	t->created_at = db_val(r, 0, i++);
	t->due_at = db_val(r, 0, i++);
	t->paused_at = db_val(r, 0, i++);
	t->resolved_at = db_val(r, 0, i++);
	t->closed_at = db_val(r, 0, i++);
	t->updated_at = db_val(r, 0, i++);
	t->resolution_code = db_val(r, 0, i++);
	t->link_kind = db_val(r, 0, i++);
	t->link_ref = db_val(r, 0, i++);
	t->parent_number = db_val(r, 0, i++);
	t->rating = (long)db_int(r, 0, i++);
	t->escalation_level = (long)db_int(r, 0, i++);
	t->reopened = (long)db_int(r, 0, i++);
	t->reassigned = (long)db_int(r, 0, i++);
	t->paused_s = (long)db_int(r, 0, i++);
	t->breached = db_int(r, 0, i++) != 0;
	t->overdue = db_int(r, 0, i++) != 0;
	t->answers = db_val(r, 0, i++);
	return t;
}

enum ticket_seat ticket_seat(const struct user *u, const struct ticket *t)
{
	if (!u || !t)
		return TS_NONE;
	if (u->id == t->assignee_id || juris_holding(u, TICKET_SUPERVISORS, 0, t->loc_path, t->department_id))
		return TS_HANDLER;
	if (user_has(u, ROLE_CC_AGENT))
		return TS_AGENT;
	if (u->id == t->raised_by || (user_has(u, ROLE_CITIZEN) && !str_empty(t->mobile) && str_eq(u->mobile, t->mobile)))
		return TS_RAISER;
	return TS_NONE;
}

struct dbres *ticket_thread(struct arena *a, const struct ticket *t, bool with_internal)
{
	return db_query(a, "SELECT e.at, IFNULL(TRIM(CONCAT_WS(' ', u.first_name, u.last_name)), ''), e.action, e.from_status, "
			   "e.to_status, e.body, e.internal, TRIM(CONCAT_WS(' ', x.first_name, x.last_name)) "
			   "FROM ticket_events e LEFT JOIN users u ON u.id = e.actor_id LEFT JOIN users x ON x.id = e.assignee_to "
			   "WHERE e.ticket_id = ? AND (e.internal = 0 OR ? = 1) ORDER BY e.id",
			"ii", (long long)t->id, (long long)with_internal);
}

/* ---- the lifecycle ---- */

struct act_ctx {
	struct arena *a;
	const struct actor *who;
	const struct ticket_action *in;
	struct ticket *t;		/* as read before the change (locked again inside) */
	struct outcome *out;
	long assignee;			/* assign: the new assignee */
	const char *role;		/* assign: the role it now sits with */
	long parent;			/* duplicate: the ticket kept */
	const char *parent_number;	/* ... and its number */
	const struct ticket_blob *blob;	/* the message's attachment, stored, waiting for its row; or NULL */
};

/* Moves t to `to` with the thread row, the audit row and the timestamps
 * that status implies; the pause ends when t leaves awaiting_info (the due
 * time moves on by the working time paused). */
/* When t leaves awaiting_info now: the working seconds it was paused
 * (*paused) and its due time moved on by them (*due); else t's due time
 * and 0. */
static void pause_end(struct arena *a, const struct ticket *t, const char **due, long *paused)
{
	*due = t->due_at;
	*paused = 0;
	if (!str_eq(t->status, "awaiting_info") || !t->paused_at)
		return;
	struct calendar cal;
	struct office_hours oh;
	place_calendar(a, t->loc_path, &cal, &oh);
	*paused = sla_work_between(&cal, &oh, sla_time(t->paused_at), now_secs());
	*due = stored(a, sla_work_add(&cal, &oh, sla_time(t->due_at), *paused));
}

static int move(struct act_ctx *c, const char *to, const char *body, bool internal)
{
	struct ticket *t = c->t;
	long me = actor_id(c->who);
	const char *due = t->due_at;
	long paused = 0;
	if (!str_eq(to, "awaiting_info"))
		pause_end(c->a, t, &due, &paused);
	if (str_eq(to, "awaiting_info") && !str_eq(t->status, "awaiting_info"))
		t->paused_at = stored(c->a, now_secs());
	else if (!str_eq(to, "awaiting_info"))
		t->paused_at = NULL;
	if (db_exec("UPDATE tickets SET status = ?, due_at = ?, paused_at = ?, paused_s = paused_s + ?, updated_at = NOW(), "
		    "resolved_at = IF(? = 'resolved', NOW(), IF(? IN ('assigned','in_progress'), NULL, resolved_at)), "
		    "closed_at = IF(? IN ('closed','rejected','duplicate'), NOW(), NULL), "
		    "breached = breached OR (? = 'resolved' AND NOW() > ?) WHERE id = ?",
		    "sssisssssi", to, due, t->paused_at, (long long)paused, to, to, to, to, due, (long long)t->id) != 1)
		return -1;
	if (event(t->id, me, c->in->action, t->status, to, 0, 0, body, internal) != 0)
		return -1;
	t->status = to;
	t->due_at = due;
	return audit(c->a, c->who, c->in->action, t->number, NULL);
}

/* A refusal inside the transaction: recorded, and 1 to roll back. */
static int refuse(struct act_ctx *c, int status, const char *key)
{
	out_fail(c->out, status, key);
	return 1;
}

/* Days after the resolution in which the raiser may reopen or appeal. */
static long reopen_days(const struct ticket *t)
{
	return str_eq(t->kind, "grievance") ? cfg.grievance_reopen_days : cfg.ticket_reopen_days;
}

static const char *next_rung(const char *role);

/* A citizen appeals a grievance's resolution or rejection: within
 * grievance_reopen_days it goes one rung up (the holder of the next role
 * over the place) with a fresh clock; at the top there is no appeal. */
static int appeal(struct act_ctx *c)
{
	struct ticket *t = c->t;
	const char *ok = db_scalar(c->a, "SELECT IFNULL(resolved_at, closed_at) + INTERVAL ? DAY >= NOW() FROM tickets WHERE id = ?",
				   "ii", (long long)reopen_days(t), (long long)t->id);
	if (!ok)
		return -1;
	if (!str_eq(ok, "1"))
		return refuse(c, 409, "ticket.err.reopen_late");
	if (str_eq(t->resolver_role, "pmu"))
		return refuse(c, 409, "ticket.err.no_appeal");
	const char *role = next_rung(t->resolver_role);
	long to = route(c->a, role, t->loc_path, t->department_id, NULL);
	if (to < 0)
		return -1;
	const char *due = due_from_now(c->a, t->loc_path, sla_hours(c->a, t->type_id, t->priority));
	if (db_exec("UPDATE tickets SET resolver_role = ?, assignee_id = NULLIF(?, 0), appeals = appeals + 1, due_at = ?, "
		    "resolution_code = NULL WHERE id = ?", "sisi", role, (long long)to, due, (long long)t->id) != 1)
		return -1;
	t->due_at = due;
	t->paused_at = NULL;
	if (move(c, to ? "assigned" : "new", c->in->body, false) != 0)
		return -1;
	return to ? sms_user(c->a, to, arena_printf(c->a, "Grievance %s is appealed to you: %s - GramSewa", t->number, t->subject),
			     cfg.ticket_escalated_dlt, "ticket.appeal", t->number) : 0;
}

/* A duplicate merged: its raiser (or the mobile it was raised for) is
 * told by SMS, and the raiser on the portal, in their language, which
 * ticket to follow instead — in the merge's transaction (the outbox). */
static int merged_notice(struct act_ctx *c)
{
	const struct ticket *t = c->t;
	const char *lang = ticket_sms_lang(c->a, t->raised_by, t->mobile);
	static const char *const keys[] = { "{number}", "{into}" };
	const char *vals[] = { t->number, c->parent_number };
	const char *text = str_fill(c->a, tmpl_str(lang, "ticket.sms.merged"), keys, vals, ARRAY_LEN(keys), false);
	if (sms_raiser(c->a, t, text, cfg.ticket_update_dlt, "ticket.merged") != 0)
		return -1;
	return t->raised_by && !notify_queue("portal", arena_printf(c->a, "%ld", t->raised_by), text, NULL, "ticket.merged",
					     t->number) ? -1 : 0;
}

static int act_apply(struct act_ctx *c);

/* One action: the row locked and re-checked, its dashboard contribution
 * taken away, the change, the contribution added back. */
static int act_txn(void *p)
{
	struct act_ctx *c = p;
	/* the row as it is now, locked: a concurrent change went first */
	const char *now_status = db_scalar(c->a, "SELECT status FROM tickets WHERE id = ? FOR UPDATE", "i", (long long)c->t->id);
	if (!now_status)
		return -1;
	if (!str_eq(now_status, c->t->status))
		return refuse(c, 409, "ticket.err.changed");
	if (ticket_sum_add(c->t->id, -1) != 0)
		return -1;
	int rc = act_apply(c);
	return rc == 0 && ticket_sum_add(c->t->id, 1) != 0 ? -1 : rc;
}

static int act_apply(struct act_ctx *c)
{
	const struct ticket_action *in = c->in;
	struct ticket *t = c->t;
	const char *a = in->action;
	long me = actor_id(c->who);
	const char *body = str_empty(in->body) ? NULL : in->body;
	if (str_eq(a, "start"))
		return move(c, "in_progress", body, false);
	if (str_eq(a, "ask_info")) {
		if (move(c, "awaiting_info", body, false) != 0)
			return -1;
		return sms_raiser(c->a, t, arena_printf(c->a, "Ticket %s needs more information from you: %s - GramSewa", t->number,
							body), cfg.ticket_update_dlt, "ticket.ask_info");
	}
	if (str_eq(a, "reply") || str_eq(a, "note")) {
		bool internal = str_eq(a, "note");
		/* the raiser's answer to a question ends the pause */
		if (!internal && str_eq(t->status, "awaiting_info") && me != t->assignee_id && me == t->raised_by)
			return move(c, "in_progress", body, false);
		if (event(t->id, me, a, t->status, t->status, 0, 0, body, internal) != 0 ||
		    db_exec("UPDATE tickets SET updated_at = NOW() WHERE id = ?", "i", (long long)t->id) != 1)
			return -1;
		return audit(c->a, c->who, a, t->number, NULL);
	}
	if (str_eq(a, "assign")) {
		bool re = t->assignee_id != 0;
		long hours = in->misrouted ? sla_hours(c->a, t->type_id, t->priority) : 0;
		/* assignment ends a pause (the new resolver's clock runs); a
		 * misrouted ticket's clock starts again */
		const char *due;
		long paused;
		pause_end(c->a, t, &due, &paused);
		if (in->misrouted)
			due = due_from_now(c->a, t->loc_path, hours);
		if (db_exec("UPDATE tickets SET assignee_id = ?, resolver_role = ?, status = 'assigned', reassigned = reassigned + ?, "
			    "due_at = ?, paused_at = NULL, paused_s = paused_s + ?, updated_at = NOW() WHERE id = ?", "isisii",
			    (long long)c->assignee, c->role, (long long)re, due, (long long)paused, (long long)t->id) != 1)
			return -1;
		if (event(t->id, me, re ? "reassign" : "assign", t->status, "assigned", t->assignee_id, c->assignee, body, false) != 0)
			return -1;
		if (sms_user(c->a, c->assignee, arena_printf(c->a, "Ticket %s is assigned to you: %s - GramSewa", t->number, t->subject),
			     cfg.ticket_update_dlt, "ticket.assign", t->number) != 0)
			return -1;
		return audit(c->a, c->who, re ? "reassign" : "assign", t->number,
			     arena_printf(c->a, "%ld to %ld%s: %s", t->assignee_id, c->assignee, in->misrouted ? " (misrouted)" : "",
					  body ? body : ""));
	}
	if (str_eq(a, "resolve")) {
		if (db_exec("UPDATE tickets SET resolution_code = ? WHERE id = ?", "si", in->code, (long long)t->id) != 1 ||
		    move(c, "resolved", body, false) != 0)
			return -1;
		const struct ticket_subtype *st = ticket_subtype(c->a, NULL, t->type_id);
		const char *dlt = st && st->resolved_dlt ? st->resolved_dlt : cfg.ticket_resolved_dlt;
		struct ticket_sms sv = { .number = t->number, .subject = t->subject, .text = body, .days = reopen_days(t) };
		return sms_raiser(c->a, t, ticket_sms_text(c->a, t->type_id, true, ticket_sms_lang(c->a, t->raised_by, t->mobile), &sv),
				  dlt, "ticket.resolve");
	}
	if (str_eq(a, "reopen")) {
		const char *ok = db_scalar(c->a, "SELECT resolved_at + INTERVAL ? DAY >= NOW() FROM tickets WHERE id = ?", "ii",
					   (long long)reopen_days(t), (long long)t->id);
		if (!ok)
			return -1;
		if (!str_eq(ok, "1"))
			return refuse(c, 409, "ticket.err.reopen_late");
		const char *due = due_from_now(c->a, t->loc_path, sla_hours(c->a, t->type_id, t->priority));
		if (db_exec("UPDATE tickets SET reopened = reopened + 1, due_at = ?, resolution_code = NULL, rating = NULL WHERE id = ?",
			    "si", due, (long long)t->id) != 1)
			return -1;
		t->due_at = due;
		return move(c, t->assignee_id ? "assigned" : "new", body, false);
	}
	if (str_eq(a, "appeal"))
		return appeal(c);
	if (str_eq(a, "close") || str_eq(a, "reject"))
		return move(c, str_eq(a, "close") ? "closed" : "rejected", body, false);
	if (str_eq(a, "duplicate")) {
		if (db_exec("UPDATE tickets SET parent_id = ? WHERE id = ?", "ii", (long long)c->parent, (long long)t->id) != 1)
			return -1;
		if (move(c, "duplicate", body ? body : c->parent_number, false) != 0)
			return -1;
		return merged_notice(c);
	}
	if (str_eq(a, "rate")) {
		if (db_exec("UPDATE tickets SET rating = ?, updated_at = NOW() WHERE id = ? AND rating IS NULL", "ii",
			    (long long)in->rating, (long long)t->id) != 1)
			return refuse(c, 409, "ticket.err.rated");
		if (event(t->id, me, "rate", t->status, t->status, 0, 0, arena_printf(c->a, "%ld", in->rating), false) != 0)
			return -1;
		return audit(c->a, c->who, "rate", t->number, arena_printf(c->a, "%ld", in->rating));
	}
	return refuse(c, 422, NULL);
}

/* An action with an attachment: the change, then the file's row on the
 * thread row the change wrote (a note's file is internal). */
static int act_file_txn(void *p)
{
	struct act_ctx *c = p;
	int rc = act_txn(p);
	if (rc)
		return rc;
	return ticket_file_add(c->t->id, c->in->action, actor_id(c->who), str_eq(c->in->action, "note"), c->blob);
}

/* Which seat an action needs, and from which statuses it may be taken. */
struct rule {
	const char *action;
	bool handler;		/* the assignee or a supervisor (else the raiser, or an agent for the caller) */
	const char *from;	/* statuses, comma-separated */
	bool needs_body;	/* a message, reason or text is required */
};
static const struct rule rules[] = {
	{ "start", true, "assigned", false },
	{ "ask_info", true, "assigned,in_progress", true },
	{ "note", true, "new,assigned,in_progress,awaiting_info,resolved,closed,rejected,duplicate", true },
	{ "assign", true, "new,assigned,in_progress,awaiting_info", false },
	{ "resolve", true, "assigned,in_progress,awaiting_info", true },
	{ "reject", true, "new,assigned,in_progress,awaiting_info", true },
	{ "duplicate", true, "new,assigned,in_progress,awaiting_info", false },
	{ "reply", false, "new,assigned,in_progress,awaiting_info,resolved", true },
	{ "close", false, "resolved", false },
	{ "reopen", false, "resolved,closed", true },
	{ "rate", false, "resolved,closed", false },
	{ "appeal", false, "resolved,closed,rejected", true },
};

static bool status_in(const char *list, const char *status)
{
	size_t n = strlen(status);
	for (const char *p = list; p && *p;) {
		const char *e = strchr(p, ',');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		if (len == n && !strncmp(p, status, n))
			return true;
		p = e ? e + 1 : NULL;
	}
	return false;
}

int ticket_act(struct arena *a, const struct actor *who, const char *number, const struct ticket_action *in,
	       struct outcome *out)
{
	struct ticket *t = ticket_get(a, number);
	const struct user *u = who ? who->user : NULL;
	enum ticket_seat seat = ticket_seat(u, t);
	if (seat == TS_NONE)
		return out_fail(out, 404, NULL);
	const struct rule *r = NULL;
	for (size_t i = 0; i < ARRAY_LEN(rules) && !r; i++)
		if (str_eq(rules[i].action, in->action))
			r = &rules[i];
	if (!r) {
		out_field(out, "action", "ticket.err.action", NULL);
		return out->status;
	}
	/* a handler replies too; the raiser's side is the raiser's (or the
	 * agent's, speaking for the caller) */
	if (r->handler ? seat != TS_HANDLER : (seat == TS_HANDLER ? !str_eq(in->action, "reply") : false))
		return out_fail(out, 403, "ticket.err.not_yours");
	if (str_eq(in->action, "start") && actor_id(who) != t->assignee_id)
		return out_fail(out, 403, "ticket.err.not_assignee");
	if (!status_in(r->from, t->status))
		return out_fail(out, 409, "ticket.err.state");
	if (str_eq(in->action, "appeal") && !str_eq(t->kind, "grievance"))
		return out_fail(out, 409, "ticket.err.not_grievance");
	struct act_ctx c = { .a = a, .who = who, .in = in, .t = t, .out = out };
	if (r->needs_body && (str_empty(in->body) || utf8_chars(in->body) < 2))
		out_field(out, "body", str_eq(in->action, "resolve") ? "ticket.err.resolution" : "ticket.err.message", NULL);
	out_max_len(out, "body", in->body, LIM_TICKET_TEXT);
	if (str_eq(in->action, "resolve") && !in_list(ticket_resolution_codes, in->code))
		out_field(out, "code", "ticket.err.code", NULL);
	if (str_eq(in->action, "rate") && (in->rating < 1 || in->rating > 5))
		out_field(out, "rating", "ticket.err.rating", NULL);
	if (str_eq(in->action, "assign")) {
		struct user *to = user_by_ref(a, in->assignee);
		const struct holding *h = resolver_holding(to, t->loc_path, t->department_id);
		if (!h)
			out_field(out, "assignee", "ticket.err.assignee", NULL);
		else if (to->id == t->assignee_id)
			out_field(out, "assignee", "ticket.err.same_assignee", NULL);
		else {
			c.assignee = to->id;
			c.role = role_code(h->role);
		}
		/* a reassignment says why */
		if (t->assignee_id && (str_empty(in->body) || utf8_chars(in->body) < 2))
			out_field(out, "body", "ticket.err.reason", NULL);
	}
	if (str_eq(in->action, "duplicate")) {
		struct ticket *p = ticket_get(a, in->of);
		if (!p || p->id == t->id || str_eq(p->status, "duplicate") || ticket_seat(u, p) != TS_HANDLER)
			out_field(out, "of", "ticket.err.of", NULL);
		else {
			c.parent = p->id;
			c.parent_number = p->number;
		}
	}
	if (in->file && !r->needs_body)
		out_field(out, "file", "ticket.err.file_action", NULL);
	if (out->status)
		return out->status;
	struct ticket_blob blob;
	if (in->file && ticket_file_check(a, in->file, &blob, out))
		return out->status;
	c.blob = in->file ? &blob : NULL;
	return out_txn(out, c.blob ? act_file_txn : act_txn, &c);
}

/* ---- lists and tiles ---- */

/* Up to four jurisdiction roots of u as LIKE patterns (the rest repeat the
 * first; "-" matches nothing when u has none). */
static void roots4(struct arena *a, const struct user *u, const char *p[4])
{
	const struct juris_root *r = juris_prefixes(a, u, TICKET_SUPERVISORS);
	size_t n = 0;
	for (; r && r[n].path && n < 4; n++)
		p[n] = arena_printf(a, "%s%%", r[n].path);
	for (size_t i = n; i < 4; i++)
		p[i] = n ? p[0] : "-";
}

struct dbres *ticket_list(struct arena *a, const struct user *u, enum ticket_list l, long before, long limit)
{
	const char *p[4];
	roots4(a, u, p);
	long me = u->id, b = before > 0 ? before : LONG_MAX, n = limit;
	/* a citizen's own: also those a CSC, a sewak or an agent filed for their mobile */
	const char *mine = user_has(u, ROLE_CITIZEN) && !str_empty(u->mobile) ? u->mobile : "-";
	/* one statement per list: each is an index range (assignee, raiser, or the places' paths) */
	switch (l) {
	case TL_MY:
		return db_query(a, "SELECT t.id, t.number, t.status, t.priority, t.subject, ty.name_en, ty.name_hi, lo.name_en, lo.name_hi, "
				   "t.due_at, TRIM(CONCAT_WS(' ', au.first_name, au.last_name)), t.created_at, "
				   "t.status IN (" RUNNING ") AND t.due_at < NOW() FROM tickets t JOIN ticket_types ty ON ty.id = t.type_id "
				   "JOIN locations lo ON lo.id = t.location_id LEFT JOIN users au ON au.id = t.assignee_id "
				   "WHERE t.assignee_id = ? AND t.status IN ('assigned','in_progress','awaiting_info') AND t.id < ? "
				   "ORDER BY t.id DESC LIMIT ?", "iii", (long long)me, (long long)b, (long long)n);
	case TL_RAISED:
		return db_query(a, "SELECT t.id, t.number, t.status, t.priority, t.subject, ty.name_en, ty.name_hi, lo.name_en, lo.name_hi, "
				   "t.due_at, TRIM(CONCAT_WS(' ', au.first_name, au.last_name)), t.created_at, "
				   "t.status IN (" RUNNING ") AND t.due_at < NOW() FROM tickets t JOIN ticket_types ty ON ty.id = t.type_id "
				   "JOIN locations lo ON lo.id = t.location_id LEFT JOIN users au ON au.id = t.assignee_id "
				   "WHERE (t.raised_by = ? OR t.raised_for_mobile = ?) AND t.id < ? ORDER BY t.id DESC LIMIT ?", "isii",
				(long long)me, mine, (long long)b, (long long)n);
	case TL_REPLIES:
		/* tickets of mine whose latest public word is someone else's */
		return db_query(a, "SELECT t.id, t.number, t.status, t.priority, t.subject, ty.name_en, ty.name_hi, lo.name_en, lo.name_hi, "
				   "t.due_at, TRIM(CONCAT_WS(' ', au.first_name, au.last_name)), t.created_at, "
				   "t.status IN (" RUNNING ") AND t.due_at < NOW() FROM tickets t JOIN ticket_types ty ON ty.id = t.type_id "
				   "JOIN locations lo ON lo.id = t.location_id LEFT JOIN users au ON au.id = t.assignee_id "
				   "WHERE (t.raised_by = ? OR t.assignee_id = ?) AND t.id < ? AND t.status <> 'closed' "
				   "AND (SELECT e.actor_id FROM ticket_events e WHERE e.ticket_id = t.id AND e.internal = 0 "
				   "AND e.action IN ('reply','ask_info','resolve') ORDER BY e.id DESC LIMIT 1) <> ? "
				   "ORDER BY t.id DESC LIMIT ?", "iiiii", (long long)me, (long long)me, (long long)b, (long long)me, (long long)n);
	case TL_NEW:
	case TL_OPEN:
	case TL_CLOSED:
	case TL_REASSIGNED:
	default:
		return db_query(a, "SELECT t.id, t.number, t.status, t.priority, t.subject, ty.name_en, ty.name_hi, lo.name_en, lo.name_hi, "
				   "t.due_at, TRIM(CONCAT_WS(' ', au.first_name, au.last_name)), t.created_at, "
				   "t.status IN (" RUNNING ") AND t.due_at < NOW() FROM tickets t JOIN ticket_types ty ON ty.id = t.type_id "
				   "JOIN locations lo ON lo.id = t.location_id LEFT JOIN users au ON au.id = t.assignee_id "
				   "WHERE (t.loc_path LIKE ? OR t.loc_path LIKE ? OR t.loc_path LIKE ? OR t.loc_path LIKE ? OR t.assignee_id = ?) "
				   "AND t.id < ? AND CASE ? WHEN 1 THEN t.status = 'new' "
				   "WHEN 2 THEN t.status IN ('new','assigned','in_progress','awaiting_info') "
				   "WHEN 3 THEN t.status IN ('resolved','closed','rejected','duplicate') "
				   "ELSE t.reassigned > 0 AND t.status IN ('assigned','in_progress','awaiting_info') END "
				   "ORDER BY t.id DESC LIMIT ?", "ssssiiii", p[0], p[1], p[2], p[3], (long long)me, (long long)b, (long long)l, (long long)n);
	}
}

int ticket_tiles(struct arena *a, const struct user *u, struct ticket_tiles *t)
{
	struct dbres *r = db_query(a,
		"SELECT COUNT(*), IFNULL(SUM(status IN ('new','assigned','in_progress','awaiting_info')), 0), "
		"IFNULL(SUM(status IN ('resolved','closed','rejected','duplicate')), 0) FROM tickets WHERE raised_by = ? "
		"UNION ALL SELECT COUNT(*), IFNULL(SUM(status IN ('assigned','in_progress','awaiting_info')), 0), "
		"IFNULL(SUM(status IN ('resolved','closed','rejected','duplicate')), 0) FROM tickets WHERE assignee_id = ?",
		"ii", (long long)u->id, (long long)u->id);
	if (!r || r->nrows != 2)
		return -1;
	*t = (struct ticket_tiles){ (long)db_int(r, 0, 0), (long)db_int(r, 0, 1), (long)db_int(r, 0, 2),
				    (long)db_int(r, 1, 0), (long)db_int(r, 1, 1), (long)db_int(r, 1, 2) };
	return 0;
}

struct svc *ticket_type_form(struct arena *a, const char *code)
{
	const struct ticket_subtype *t = code && strlen(code) <= 32 ? ticket_subtype(a, code, 0) : NULL;
	const char *f = t ? t->form_fields : NULL, *err;
	struct jval *v = f ? json_parse(a, f, strlen(f), &err) : NULL;
	struct sbuf probs;
	sbuf_init(&probs);
	struct svc *s = v ? svc_from_json(a, v, &probs) : NULL;
	sbuf_free(&probs);
	return s && s->form.nfields ? s : NULL;
}

struct dbres *ticket_catalogue(struct arena *a, const char *kind)
{
	return db_query(a, "SELECT s.code, s.name_en, s.name_hi, m.name_en, m.name_hi, ty.name_en, ty.name_hi, s.default_priority, "
			   "s.resolver_role FROM ticket_types s JOIN ticket_types m ON m.id = s.parent_id "
			   "JOIN ticket_types ty ON ty.id = m.parent_id WHERE s.level = 'sub' AND s.active = 1 AND s.kind = ? "
			   "ORDER BY ty.name_en, m.name_en, s.name_en", "s", kind);
}

/* ---- grievances in public ---- */

struct ticket *ticket_track(struct arena *a, const char *number, const char *mobile)
{
	struct ticket *t = valid_mobile(mobile) ? ticket_get(a, number) : NULL;
	if (!t || !str_eq(t->kind, "grievance"))
		return NULL;
	return str_eq(t->mobile, mobile) || (str_empty(t->mobile) && str_eq(t->raiser_mobile, mobile)) ? t : NULL;
}

int ticket_counts(struct arena *a, const char *kind, const char *from, const char *to, struct ticket_counts *c)
{
	struct dbres *r = db_query(a, "SELECT COUNT(*), IFNULL(SUM(resolved_at IS NOT NULL), 0), "
				      "IFNULL(SUM(resolved_at IS NOT NULL AND breached = 0), 0), "
				      "IFNULL(SUM(status IN ('new','assigned','in_progress','awaiting_info')), 0) FROM tickets "
				      "WHERE kind = ? AND created_at >= ? AND created_at < ? + INTERVAL 1 DAY", "sss", kind, from, to);
	if (!r || r->nrows != 1)
		return -1;
	*c = (struct ticket_counts){ (long)db_int(r, 0, 0), (long)db_int(r, 0, 1), (long)db_int(r, 0, 2), (long)db_int(r, 0, 3) };
	return 0;
}

/* ---- the catalogue import ---- */

static const char *const cat_cols[] = { "code", "parent", "level", "kind", "name_en", "name_hi", "department", "resolver_role",
					"default_priority", "sla_p1", "sla_p2", "sla_p3", "sla_p4", "auto_close_days",
					"sms_raised_dlt", "sms_resolved_dlt", "active", "form", "sms_raised_en", "sms_raised_hi",
					"sms_resolved_en", "sms_resolved_hi", NULL };

struct cat_ctx {
	struct arena *a;
	const struct actor *who;
	const char *csv;
	size_t len;
	FILE *err;
	long rows;
};

/* A row's SMS texts (cells sms_raised_en .. sms_resolved_hi, NULL when the
 * file has no such column: then the stored texts stay; an empty cell
 * clears one, back to the generic text).  0, 1 (bad text, printed) or -1. */
static int cat_sms(struct cat_ctx *c, int line, const char *code, char *const *t)
{
	if (!t[0] && !t[1] && !t[2] && !t[3])
		return 0;
	for (int i = 0; i < 4; i++)
		if (!ticket_sms_template_ok(t[i])) {
			fprintf(c->err, "line %d: %s: at most 300 characters, placeholders only {number} {subject} {due} {text} {days}\n",
				line, cat_cols[18 + i]);
			return 1;
		}
	return db_exec("UPDATE ticket_types SET sms_raised_en = NULLIF(?, ''), sms_raised_hi = NULLIF(?, ''), "
		       "sms_resolved_en = NULLIF(?, ''), sms_resolved_hi = NULLIF(?, '') WHERE code = ?", "sssss",
		       t[0] ? t[0] : "", t[1] ? t[1] : "", t[2] ? t[2] : "", t[3] ? t[3] : "", code) < 0 ? -1 : 0;
}

/* One catalogue row (cells by cat_cols) checked and written; 0, 1 (bad
 * row, printed) or -1. */
static int cat_row(struct cat_ctx *c, int line, char **v)
{
	const char *level = v[2], *parent = v[1];
	long nums[7];	/* default_priority, sla_p1..4, auto_close_days, active */
	static const long lo[7] = { 1, 1, 1, 1, 1, 0, 0 }, hi[7] = { 4, 2000, 2000, 2000, 2000, 365, 1 };
	for (int i = 0; i < 7; i++)
		if (!parse_long(v[8 + i < 14 ? 8 + i : 16], lo[i], hi[i], &nums[i])) {
			fprintf(c->err, "line %d: %s must be a number from %ld to %ld\n", line, cat_cols[8 + i < 14 ? 8 + i : 16],
				lo[i], hi[i]);
			return 1;
		}
	if (!str_eq(level, "type") && !str_eq(level, "main") && !str_eq(level, "sub")) {
		fprintf(c->err, "line %d: level must be type, main or sub\n", line);
		return 1;
	}
	if (!str_eq(v[3], "support") && !str_eq(v[3], "grievance")) {
		fprintf(c->err, "line %d: kind must be support or grievance\n", line);
		return 1;
	}
	int role = role_from_code(v[7]);
	if (role < 0 || !(TICKET_RESOLVERS & RB(role))) {
		fprintf(c->err, "line %d: resolver_role must be bi, di, pmu or resolver\n", line);
		return 1;
	}
	if (str_empty(v[0]) || strlen(v[0]) > 32 || str_empty(v[4]) || str_empty(v[5]) || utf8_chars(v[4]) > 150 ||
	    utf8_chars(v[5]) > 150) {
		fprintf(c->err, "line %d: code (up to 32) and both names (up to 150) are required\n", line);
		return 1;
	}
	/* the parent is a type for a main type, a main type for a sub type, and already loaded (earlier rows) */
	long parent_id = 0;
	if (!str_eq(level, "type")) {
		const char *pid = db_scalar(c->a, "SELECT id FROM ticket_types WHERE code = ? AND level = ?", "ss", parent,
					    str_eq(level, "main") ? "type" : "main");
		if (!pid) {
			fprintf(c->err, "line %d: parent %s is not a %s above it\n", line, parent, str_eq(level, "main") ? "type" : "main type");
			return 1;
		}
		parent_id = strtol(pid, NULL, 10);
	}
	/* the extra fields: a gramsewa.service/1 definition, kept canonical */
	const char *form = NULL;
	if (!str_empty(v[17])) {
		const char *perr;
		struct jval *fj = json_parse(c->a, v[17], strlen(v[17]), &perr);
		struct sbuf probs, canon;
		sbuf_init(&probs);
		sbuf_init(&canon);
		struct svc *s = fj ? svc_from_json(c->a, fj, &probs) : NULL;
		if (!s || probs.len || !s->form.nfields || !str_eq(level, "sub")) {
			fprintf(c->err, "line %d: form must be a gramsewa.service/1 definition with fields, on a sub type: %s\n", line,
				probs.len ? probs.data : "");
			sbuf_free(&probs);
			return 1;
		}
		struct jw w;
		jw_init(&w, &canon);
		jw_value(&w, fj);
		form = arena_strdup(c->a, canon.data);
		sbuf_free(&probs);
		sbuf_free(&canon);
	}
	long dept = 0;
	if (!str_empty(v[6])) {
		const char *d = db_scalar(c->a, "SELECT id FROM departments WHERE code = ?", "s", v[6]);
		if (!d) {
			fprintf(c->err, "line %d: no department %s\n", line, v[6]);
			return 1;
		}
		dept = strtol(d, NULL, 10);
	}
	if (db_exec("INSERT INTO ticket_types (parent_id, level, code, kind, name_en, name_hi, department_id, resolver_role, "
		    "default_priority, sla_p1, sla_p2, sla_p3, sla_p4, auto_close_days, sms_raised_dlt, sms_resolved_dlt, active, "
		    "form_fields) VALUES (NULLIF(?, 0), ?, ?, ?, ?, ?, NULLIF(?, 0), ?, ?, ?, ?, ?, ?, ?, NULLIF(?, ''), NULLIF(?, ''), ?, ?) "
		    "ON DUPLICATE KEY UPDATE parent_id = VALUES(parent_id), level = VALUES(level), kind = VALUES(kind), "
		    "name_en = VALUES(name_en), name_hi = VALUES(name_hi), department_id = VALUES(department_id), "
		    "resolver_role = VALUES(resolver_role), default_priority = VALUES(default_priority), sla_p1 = VALUES(sla_p1), "
		    "sla_p2 = VALUES(sla_p2), sla_p3 = VALUES(sla_p3), sla_p4 = VALUES(sla_p4), auto_close_days = VALUES(auto_close_days), "
		    "sms_raised_dlt = VALUES(sms_raised_dlt), sms_resolved_dlt = VALUES(sms_resolved_dlt), active = VALUES(active), "
		    "form_fields = VALUES(form_fields)",
		    "isssssisiiiiiissis", (long long)parent_id, level, v[0], v[3], v[4], v[5], (long long)dept, v[7],
		    (long long)nums[0], (long long)nums[1], (long long)nums[2], (long long)nums[3], (long long)nums[4],
		    (long long)nums[5], v[14] ? v[14] : "", v[15] ? v[15] : "", (long long)nums[6], form) < 0)
		return -1;
	return cat_sms(c, line, v[0], v + 18);
}

static int cat_txn(void *p)
{
	struct cat_ctx *c = p;
	struct csv in;
	char **f;
	size_t nf;
	csv_init(&in, c->csv, c->len);
	c->rows = 0;
	if (csv_next(&in, c->a, &f, &nf) != 1) {
		fprintf(c->err, "no header row\n");
		return 1;
	}
	int idx[ARRAY_LEN(cat_cols)];
	for (size_t k = 0; cat_cols[k]; k++) {
		idx[k] = -1;
		for (size_t j = 0; j < nf; j++)
			if (str_eq(str_trim(f[j]), cat_cols[k]))
				idx[k] = (int)j;
		if (idx[k] < 0 && k < 14) {
			fprintf(c->err, "header: no column %s\n", cat_cols[k]);
			return 1;
		}
	}
	int rc;
	while ((rc = csv_next(&in, c->a, &f, &nf)) != 0) {
		if (rc < 0) {
			fprintf(c->err, "line %d: %s\n", in.rec_line, in.err);
			return 1;
		}
		char *v[ARRAY_LEN(cat_cols)];
		for (size_t k = 0; cat_cols[k]; k++)
			v[k] = idx[k] >= 0 && (size_t)idx[k] < nf ? str_trim(f[idx[k]]) : NULL;
		if (!v[16] || !*v[16])
			v[16] = "1";	/* active unless said otherwise */
		int r = cat_row(c, in.rec_line, v);
		if (r)
			return r;
		c->rows++;
	}
	struct audit_entry e = { .action = "ticket.catalogue", .entity = "ticket_types", .entity_id = "*",
				 .remarks = arena_printf(c->a, "%ld rows", c->rows) };
	return audit_write(c->who, &e);
}

long ticket_catalogue_import(struct arena *a, const struct actor *who, const char *csv, size_t len, FILE *err)
{
	struct cat_ctx c = { .a = a, .who = who, .csv = csv, .len = len, .err = err };
	int rc = db_txn(cat_txn, &c);
	if (rc < 0)
		fprintf(err, "database: %s\n", db_error());
	return rc ? -1 : c.rows;
}

/* ---- jobs ---- */

/* The role above `role` on the ladder (pmu stays pmu). */
static const char *next_rung(const char *role)
{
	for (size_t i = 0; ladder[i]; i++)
		if (str_eq(ladder[i], role))
			return ladder[i + 1] ? ladder[i + 1] : ladder[i];
	return "pmu";
}

/* A run's memo of strings by key (the routing and the due time repeat for
 * every ticket of a place and sub type): open addressing over a fixed
 * table; when it is full, values are simply not kept. */
#define MEMO_SIZE 4096
struct memo {
	const char *k[MEMO_SIZE], *v[MEMO_SIZE];
};

/* The slot of key in m (its value NULL when new), or NULL when m is full. */
static const char **memo_slot(struct memo *m, const char *key)
{
	unsigned long h = 2166136261u;
	for (const char *p = key; *p; p++)
		h = (h ^ (unsigned char)*p) * 16777619u;
	for (size_t i = 0; i < MEMO_SIZE; i++) {
		size_t j = (h + i) % MEMO_SIZE;
		if (!m->k[j])
			m->k[j] = key;
		if (str_eq(m->k[j], key))
			return &m->v[j];
	}
	return NULL;
}

struct job {
	struct arena *a;	/* the run's: memo keys and values live as long as it */
	struct memo *routes;	/* "role|path|dept" → the routed user id */
	struct memo *dues;	/* "path|hours" → the due time from the run's start */
	struct dbres *types;	/* the sub types: id, department, sla_p1..4, auto_close_days */
	long after;		/* the chunk starts after this ticket id */
	long next;		/* set by a chunk that committed: where the next starts (0: none left) */
	long changed;		/* tickets the chunk changed */
	long type_id;		/* auto-close: the sub type of this pass */
	long chunk;		/* tickets a chunk takes at most */
};

/* Column col of sub type id in j->types, or 0. */
static long job_type(const struct job *j, long id, size_t col)
{
	for (size_t i = 0; i < j->types->nrows; i++)
		if (db_int(j->types, i, 0) == id)
			return (long)db_int(j->types, i, col);
	return 0;
}

/* route() through the run's memo; -1 on a database error. */
static long job_route(struct job *j, const char *role, const char *path, long dept)
{
	const char *key = arena_printf(j->a, "%s|%s|%ld", role, path, dept);
	const char **v = memo_slot(j->routes, key);
	if (v && *v)
		return strtol(*v, NULL, 10);
	long to = route(j->a, role, path, dept, NULL);
	if (v && to >= 0)
		*v = arena_printf(j->a, "%ld", to);
	return to;
}

/* due_from_now() through the run's memo. */
static const char *job_due(struct job *j, const char *path, long hours)
{
	const char *key = arena_printf(j->a, "%s|%ld", path, hours);
	const char **v = memo_slot(j->dues, key);
	if (v && *v)
		return *v;
	const char *due = due_from_now(j->a, path, hours);
	if (v)
		*v = due;
	return due;
}

/* A chunk's plan as JSON: rows (one array per ticket, for PLAN) and the
 * ticket numbers with what happened to them (the audit row's detail). */
struct plan {
	struct sbuf rows, numbers;
	struct jw w, wn;
};

static void plan_open(struct plan *p)
{
	sbuf_init(&p->rows);
	sbuf_init(&p->numbers);
	jw_init(&p->w, &p->rows);
	jw_init(&p->wn, &p->numbers);
	jw_arr(&p->w);
	jw_arr(&p->wn);
}

static void plan_close(struct plan *p)
{
	jw_arr_end(&p->w);
	jw_arr_end(&p->wn);
}

/* The end of a chunk whose changes are written: its audit row (action,
 * numbers r's column 1 in the remarks, the plan's numbers in the detail),
 * and where the next chunk starts.  Frees the plan.  0 or -1. */
static int chunk_done(struct job *j, struct dbres *r, struct plan *p, const char *action, const char *what, int rc)
{
	if (rc == 0) {
		struct audit_entry e = { .action = action, .entity = "ticket", .entity_id = db_val(r, 0, 1),
					 .remarks = arena_printf(j->a, "%s, %zu tickets, %s to %s", what, r->nrows, db_val(r, 0, 1),
								 db_val(r, r->nrows - 1, 1)),
					 .detail = p->numbers.data };
		rc = audit_write(NULL, &e);
	}
	if (rc == 0) {
		j->next = (long)db_int(r, r->nrows - 1, 0);
		j->changed = (long)r->nrows;
	}
	sbuf_free(&p->rows);
	sbuf_free(&p->numbers);
	return rc;
}

/* One chunk of escalations, set-based: the overdue tickets after j->after
 * locked with SKIP LOCKED (a concurrent run takes the others, and a
 * ticket once escalated no longer matches), each one rung up with a new
 * due time, a thread row each, an SMS each to the new resolver, the
 * summary rows moved, one audit row naming them all. */
static int esc_chunk_txn(void *ctx)
{
	struct job *j = ctx;
	struct arena *a = j->a;
	j->next = 0;
	j->changed = 0;
	struct dbres *r = db_query(a, "SELECT id, number, resolver_role, loc_path, IFNULL(assignee_id, 0), type_id, priority, status "
				      "FROM tickets WHERE id > ? AND status IN (" RUNNING ") AND due_at < NOW() AND resolver_role <> 'pmu' "
				      "ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED", "ii", (long long)j->after, (long long)j->chunk);
	if (!r)
		return -1;
	if (!r->nrows)
		return 0;
	struct plan p;
	plan_open(&p);
	struct jw *w = &p.w, *wn = &p.wn;
	int rc;
	for (size_t i = 0; i < r->nrows; i++) {
		const char *role = next_rung(db_val(r, i, 2)), *path = db_val(r, i, 3), *was = db_val(r, i, 7);
		long type = (long)db_int(r, i, 5), priority = (long)db_int(r, i, 6), from = (long)db_int(r, i, 4);
		long to = job_route(j, role, path, job_type(j, type, 1));
		if (to < 0)
			return chunk_done(j, r, &p, NULL, NULL, -1);
		if (!to)
			to = from;	/* nobody holds the next rung here: it stays, but is marked and told upward later */
		const char *status = to ? (str_eq(was, "new") || to != from ? "assigned" : was) : "new";
		long hours = priority >= 1 && priority <= 4 ? job_type(j, type, 1 + (size_t)priority) : 24;
		jw_arr(w);
		jw_int(w, db_int(r, i, 0));
		jw_str(w, role);
		jw_int(w, to);
		jw_str(w, job_due(j, path, hours));
		jw_str(w, status);
		jw_int(w, from);
		jw_str(w, was);
		jw_arr_end(w);
		jw_arr(wn);
		jw_str(wn, db_val(r, i, 1));
		jw_str(wn, role);
		jw_int(wn, to);
		jw_arr_end(wn);
	}
	plan_close(&p);
	rc = ticket_sum_escalate(p.rows.data) != 0 ||
	    db_exec("UPDATE tickets t JOIN JSON_TABLE(?, " TICKET_PLAN_COLS " ON t.id = j.id SET t.resolver_role = j.role, t.assignee_id = NULLIF(j.ato, 0), "
		    "t.status = j.st, t.due_at = j.due, t.breached = 1, t.escalation_level = t.escalation_level + 1, "
		    "t.updated_at = NOW()", "s", p.rows.data) != (long long)r->nrows ||
	    db_exec("INSERT INTO ticket_events (ticket_id, at, actor_id, action, from_status, to_status, assignee_from, assignee_to, "
		    "body, internal) SELECT j.id, NOW(6), NULL, 'escalate', j.fst, j.st, NULLIF(j.afrom, 0), NULLIF(j.ato, 0), j.role, 0 "
		    "FROM JSON_TABLE(?, " TICKET_PLAN_COLS, "s", p.rows.data) != (long long)r->nrows ||
	    /* the SMS of esc_sms, one per ticket with a resolver who has a mobile */
	    db_exec("INSERT INTO notifications (channel, recipient, body, dlt_template_id, event, ref, next_attempt_at) "
		    "SELECT 'sms', u.mobile, CONCAT('Ticket ', t.number, ' is overdue and escalated to you: ', t.subject, ' - GramSewa'), "
		    "?, 'ticket.escalate', t.number, NOW() FROM JSON_TABLE(?, " TICKET_PLAN_COLS " JOIN tickets t ON t.id = j.id "
		    "JOIN users u ON u.id = j.ato WHERE u.mobile IS NOT NULL AND u.mobile <> ''",
		    "ss", cfg.ticket_escalated_dlt, p.rows.data) < 0 ? -1 : 0;
	return chunk_done(j, r, &p, "ticket.escalate", "escalated", rc);
}

/* One chunk of auto-closes of sub type j->type_id: its resolved tickets
 * whose auto_close_days have passed, locked with SKIP LOCKED, closed with
 * a thread row each, the summary rows moved, one audit row. */
static int close_chunk_txn(void *ctx)
{
	struct job *j = ctx;
	j->next = 0;
	j->changed = 0;
	struct dbres *r = db_query(j->a, "SELECT id, number FROM tickets WHERE id > ? AND type_id = ? AND status = 'resolved' "
					 "AND resolved_at + INTERVAL ? DAY < NOW() ORDER BY id LIMIT ? "
					 "FOR UPDATE SKIP LOCKED", "iiii", (long long)j->after, (long long)j->type_id,
				   (long long)job_type(j, j->type_id, 6), (long long)j->chunk);
	if (!r)
		return -1;
	if (!r->nrows)
		return 0;
	struct plan p;
	plan_open(&p);
	for (size_t i = 0; i < r->nrows; i++) {
		jw_arr(&p.w);
		jw_int(&p.w, db_int(r, i, 0));
		jw_arr_end(&p.w);
		jw_str(&p.wn, db_val(r, i, 1));
	}
	plan_close(&p);
	int rc = ticket_sum_close(p.rows.data) != 0 ||
	    db_exec("UPDATE tickets t JOIN JSON_TABLE(?, " TICKET_PLAN_COLS " ON t.id = j.id SET t.status = 'closed', t.closed_at = NOW(), t.updated_at = NOW()",
		    "s", p.rows.data) != (long long)r->nrows ||
	    db_exec("INSERT INTO ticket_events (ticket_id, at, actor_id, action, from_status, to_status, body, internal) "
		    "SELECT j.id, NOW(6), NULL, 'close', 'resolved', 'closed', 'auto', 0 FROM JSON_TABLE(?, " TICKET_PLAN_COLS, "s", p.rows.data) != (long long)r->nrows ? -1 : 0;
	return chunk_done(j, r, &p, "ticket.close", "auto-close", rc);
}

/* Runs chunk (a transaction) from the first ticket id until a chunk finds
 * nothing; a failed chunk counts in *failed and the run goes on after it
 * (the next run retries it).  Returns the tickets changed. */
static long each_chunk(struct job *j, int (*chunk)(void *), long *failed)
{
	long changed = 0;
	j->after = 0;
	for (;;) {
		if (db_txn(chunk, j) != 0) {
			(*failed)++;
			/* skip past the chunk that failed: the next run retries it */
			const char *last = db_scalar(j->a, "SELECT MAX(id) FROM (SELECT id FROM tickets WHERE id > ? ORDER BY id "
							    "LIMIT ?) x", "ii", (long long)j->after, (long long)j->chunk);
			if (!last || !(j->after = strtol(last, NULL, 10)))
				return changed;
			continue;
		}
		if (!j->next)
			return changed;
		changed += j->changed;
		j->after = j->next;
	}
}

long ticket_escalate_run(struct arena *a, long chunk, FILE *report)
{
	long failed = 0, esc = 0, closed = 0;
	struct job j = { .a = a, .chunk = chunk > 0 ? chunk : TICKET_JOB_CHUNK, .routes = arena_alloc(a, sizeof(struct memo)), .dues = arena_alloc(a, sizeof(struct memo)) };
	memset(j.routes, 0, sizeof *j.routes);
	memset(j.dues, 0, sizeof *j.dues);
	j.types = db_query(a, "SELECT id, IFNULL(department_id, 0), sla_p1, sla_p2, sla_p3, sla_p4, auto_close_days "
			      "FROM ticket_types WHERE level = 'sub'", NULL);
	if (!j.types) {
		failed++;
	} else {
		esc = each_chunk(&j, esc_chunk_txn, &failed);
		for (size_t i = 0; i < j.types->nrows; i++) {
			j.type_id = (long)db_int(j.types, i, 0);
			closed += each_chunk(&j, close_chunk_txn, &failed);
		}
	}
	if (report)
		fprintf(report, "tickets: %ld escalated, %ld closed, %ld failed\n", esc, closed, failed);
	return failed ? -1 : esc + closed;
}
