/*
 * workflow.c — queues, claims, actions, appeals, escalation.
 *
 * The actions an officer may take are one table (wf_actions below): a name,
 * flags the common checks read, and the function that makes the change.
 * act_txn runs the checks every action shares in their one order, then the
 * action's function, then what follows every action (event, counts, the
 * applicant's SMS, audit row).
 */
#include "workflow.h"
#include "audit.h"
#include "cert.h"
#include "config.h"
#include "db.h"
#include "form.h"
#include "log.h"
#include "notify.h"
#include "sla.h"
#include "stats.h"
#include "user.h"
#include "wallet.h"

#include <stdlib.h>
#include <string.h>

/* The serving order is the order of key k_app_queue (009): the Tatkal
 * stack first, then first-in-first-out by arrival; no query here sorts a
 * queue.  A department-scoped holding's queue holds only its department's
 * applications (the two parameters of DEPT_ONLY are holding_dept twice). */
#define DEPT_ONLY "(? = 0 OR a.service_id IN (SELECT id FROM services WHERE department_id = ?))"
#define QUEUE_SQL "SELECT a.id, a.number, a.service_id, a.tatkal, DATE_FORMAT(a.queued_at, '%Y-%m-%d %H:%i'), a.stage_due, " \
	"a.due_date, a.overdue, IFNULL(a.claimed_by, 0), (a.claimed_until > NOW()), a.applicant_name, " \
	"DATEDIFF(a.stage_due, CURDATE()), s.code FROM applications a JOIN services s ON s.id = a.service_id " \
	"WHERE a.stage_office_id = ? AND a.stage_role = ? AND a.status = 'pending' AND (? = 0 OR s.department_id = ?) " \
	"ORDER BY a.tatkal DESC, a.queued_at, a.id LIMIT ?"

/* Applications this user may take: unclaimed, claim lapsed, or their own. */
#define TAKEABLE "(a.claimed_until IS NULL OR a.claimed_until < NOW() OR a.claimed_by = ?)"

struct dbres *wf_queue(struct arena *a, const struct actor *who, const struct holding *h, long limit, long *head)
{
	long dept = holding_dept(h);
	struct dbres *q = db_query(a, QUEUE_SQL, "isiii", (long long)h->office_id, role_code(h->role), (long long)dept,
				   (long long)dept, (long long)limit);
	*head = 0;
	for (size_t i = 0; q && i < q->nrows && !*head; i++)
		if (!(db_int(q, i, 9) == 1 && db_int(q, i, 8) != actor_id(who)))
			*head = (long)db_int(q, i, 0);
	return q;
}

int wf_counts(struct arena *a, const struct holding *h, long *tatkal, long *fifo)
{
	*tatkal = *fifo = 0;
	long dept = holding_dept(h);
	/* The counts are kept as applications move (queue_counts, 094): a
	 * few rows per desk, where counting the queue read a key entry per
	 * waiting application (~3 ms of mariadbd per desk page at 4,000). */
	struct dbres *c = db_query(a, "SELECT q.tatkal, SUM(q.n) FROM queue_counts q WHERE q.office_id = ? AND q.role = ? AND "
				      "(? = 0 OR q.service_id IN (SELECT id FROM services WHERE department_id = ?)) GROUP BY q.tatkal",
				   "isii", (long long)h->office_id, role_code(h->role), (long long)dept, (long long)dept);
	for (size_t i = 0; c && i < c->nrows; i++)
		*(db_int(c, i, 0) ? tatkal : fifo) = (long)db_int(c, i, 1);
	return c ? 0 : -1;
}

long wf_head(struct arena *a, const struct actor *who, const struct holding *h)
{
	long dept = holding_dept(h);
	const char *id = db_scalar(a, "SELECT a.id FROM applications a WHERE a.stage_office_id = ? AND a.stage_role = ? "
				      "AND a.status = 'pending' AND " DEPT_ONLY " AND " TAKEABLE " ORDER BY a.tatkal DESC, a.queued_at, a.id "
				      "LIMIT 1", "isiii", (long long)h->office_id, role_code(h->role), (long long)dept, (long long)dept,
				   (long long)actor_id(who));
	return id ? strtol(id, NULL, 10) : 0;
}

/* Claims application id for the actor until the claim times out (inside
 * the caller's transaction).  0 or -1. */
static int claim(const struct actor *who, long long id)
{
	return db_exec("UPDATE applications SET claimed_by = ?, claimed_until = NOW() + INTERVAL ? SECOND WHERE id = ?", "iii",
		       (long long)actor_id(who), (long long)cfg.claim_timeout, id) == 1 ? 0 : -1;
}

int wf_next(struct arena *a, const struct actor *who, long office, const char *role, const char **number,
	    struct outcome *out)
{
	int ro = role_from_code(role);
	*number = NULL;
	const struct holding *hd = ro < 0 || !who->user ? NULL : juris_holding(who->user, RB(ro), office, NULL, 0);
	if (!hd)
		return out_fail(out, 403, NULL);
	long dept = holding_dept(hd);
	/* Pick candidates by a plain read in serving order, then lock just one
	 * row by id (SKIP LOCKED: someone else is taking it, try the next).  A
	 * locking read of the queue itself would lock every row it passes. */
	for (int round = 0; round < 4; round++) {
		/* each round looks further down: the ones tried are being taken */
		struct dbres *cand = db_query(a, "SELECT a.id FROM applications a WHERE a.stage_office_id = ? AND a.stage_role = ? "
						 "AND a.status = 'pending' AND " DEPT_ONLY " AND " TAKEABLE " ORDER BY a.tatkal DESC, "
						 "a.queued_at, a.id LIMIT 8 OFFSET ?", "isiiii", (long long)office, role, (long long)dept, (long long)dept,
					      (long long)actor_id(who), (long long)(round * 8));
		if (!cand)
			return out_fail(out, 503, NULL);
		if (cand->nrows == 0)
			return 0;
		for (size_t i = 0; i < cand->nrows; i++) {
			if (db_begin() != 0)
				return out_fail(out, 503, NULL);
			struct dbres *h = db_query(a, "SELECT a.id, a.number FROM applications a WHERE a.id = ? AND a.stage_office_id = ? "
						      "AND a.stage_role = ? AND a.status = 'pending' AND " TAKEABLE " FOR UPDATE SKIP LOCKED",
						   "iisi", db_int(cand, i, 0), (long long)office, role, (long long)actor_id(who));
			if (!h || h->nrows == 0) {
				db_rollback();
				if (!h && !db_err_retry())
					return out_fail(out, 503, NULL);
				continue;	/* taken meanwhile, or locked by someone taking it */
			}
			if (claim(who, db_int(h, 0, 0)) != 0 || db_commit() != 0) {
				db_rollback();
				return out_fail(out, 503, NULL);
			}
			*number = db_val(h, 0, 1);
			return 0;
		}
	}
	return out_fail(out, 503, NULL);	/* the first 32 all taken under us */
}

/* Officer's office for a stage, from the application's address. */
static long stage_office(struct arena *a, const struct app *ap, const struct stage *st)
{
	return office_for(a, ap->address_location_id, level_role_level(st->role));
}

const struct holding *wf_stage_holding(const struct user *u, const struct app *ap)
{
	int ro = role_from_code(ap->stage_role);
	if (!u || !str_eq(ap->status, "pending") || ro < 0)
		return NULL;
	return juris_holding(u, RB(ro), ap->stage_office_id, NULL, ap->dept_id);
}

int wf_gate(struct arena *a, const struct user *u, const struct app *ap)
{
	if (!ap || !app_visible(u, ap))
		return 404;
	const struct svc *s = ap->ver->def;
	int ro = role_from_code(ap->stage_role);
	if (ro >= 0 && juris_holding(u, RB(ro), ap->stage_office_id, NULL, ap->dept_id))
		return 0;	/* the current stage's office: no need to route again */
	for (size_t i = 0; i < s->nstages; i++) {
		const struct stage *st = &s->stages[i];
		if (!(u->roles & RB(st->role)))
			continue;	/* the office need not be found for a role the user never holds */
		long office = stage_office(a, ap, st);
		if (office && juris_holding(u, RB(st->role), office, NULL, ap->dept_id))
			return 0;
	}
	return 403;
}

/* wf_gate as an outcome: 403 says which role is missing. */
static int gate(struct arena *a, const struct actor *who, const struct app *ap, struct outcome *out)
{
	int st = wf_gate(a, who->user, ap);
	return st ? out_fail(out, st, st == 403 ? "wf.no_role" : NULL) : 0;
}

static bool ooo_ok(const char *reason)
{
	return reason && utf8_chars(str_trim((char *)reason)) >= 5 && utf8_chars(reason) <= 1000;
}

/* Out of turn without a reason: the answer that asks for one. */
static int need_reason(struct outcome *out)
{
	out->code = "out_of_order";
	return out_fail(out, 409, "wf.need_reason");
}

int wf_open(struct arena *a, const struct actor *who, const char *number, const char *reason, struct outcome *out)
{
	if (db_begin() != 0)
		return out_fail(out, 503, NULL);
	struct app *ap = app_load(a, number, 0, true);
	if (gate(a, who, ap, out))
		goto refused;
	const struct holding *mine = wf_stage_holding(who->user, ap);
	if (!mine) {
		out_fail(out, 409, str_eq(ap->status, "pending") ? "wf.not_your_stage" : "wf.not_pending");
		goto refused;
	}
	long me = actor_id(who);
	if (ap->claim_active && ap->claimed_by != me) {
		out->code = "claimed";
		out_fail(out, 409, "wf.claimed");
		goto refused;
	}
	if (ap->claim_active && ap->claimed_by == me)
		return db_commit() == 0 ? 0 : out_fail(out, 503, NULL);	/* already mine */
	if (wf_head(a, who, mine) != ap->id) {
		if (!ooo_ok(reason)) {
			need_reason(out);
			goto refused;
		}
		if (app_event(who, ap, "open_out_of_order", ap->stage_role, ap->stage_office_id, ap->stage_idx, ap->stage_idx,
			      ap->status, NULL, reason, NULL) != 0) {
			out_fail(out, 503, NULL);
			goto refused;
		}
	}
	if (claim(who, ap->id) != 0) {
		out_fail(out, 503, NULL);
		goto refused;
	}
	return db_commit() == 0 ? 0 : out_fail(out, 503, NULL);
refused:
	db_rollback();
	return out->status;
}

/* ---- actions ---- */

struct act_ctx {
	struct arena *a;		/* request memory */
	const struct actor *who;	/* the officer */
	const char *number;		/* application */
	const struct act_in *in;	/* what to do */
	struct act_out *res;		/* result */
	struct outcome *out;		/* refusal */
	struct app *ap;			/* the application, locked */
	const char *remarks;		/* trimmed remarks, or NULL */
	/* the event of the action (the action's function may change them) */
	const char *ev_role;		/* role acted in: the stage's */
	long ev_office;			/* office acted at: the stage's */
	bool checked;			/* check_only: every check passed (rolled back all the same) */
};

/* A refusal inside the transaction: status and key into the outcome, and
 * a non-zero return so db_txn rolls back. */
static int refuse(struct act_ctx *c, int status, const char *key)
{
	out_fail(c->out, status, key);
	return 1;
}

static char *due_after(struct arena *a, const struct app *ap, long days)
{
	struct calendar cal;
	sla_calendar(a, &cal, ap->ver->def->weekly_off, ap->district_id);
	char *d = arena_alloc(a, 11);
	sla_date(sla_add(&cal, sla_today(), days), d);
	/* no stage is due after the application itself (a Tatkal one above all) */
	if (ap->due_date && strcmp(d, ap->due_date) > 0)
		snprintf(d, 11, "%s", ap->due_date);
	return d;
}

/* Refund of a CSC fee when an application is rejected before processing
 * (at its first stage, nothing forwarded yet). */
static int refund_if_due(struct arena *a, const struct actor *who, const struct app *ap)
{
	if (!str_eq(ap->channel, "csc") || ap->stage_idx != 0 || ap->fee_paise <= 0)
		return 0;
	const char *forwarded = db_scalar(a, "SELECT id FROM app_events WHERE app_id = ? AND action = 'forward' LIMIT 1", "i",
					  (long long)ap->id);
	if (forwarded)
		return 0;
	struct dbres *tx = db_query(a, "SELECT e.account_id, -e.amount_paise, t.idem_key FROM ledger_txns t JOIN ledger_entries e "
				       "ON e.txn_id = t.id JOIN accounts ac ON ac.id = e.account_id WHERE t.app_id = ? AND t.kind = 'debit' "
				       "AND ac.kind = 'wallet'", "i", (long long)ap->id);
	long wallet = wallet_account(a, ap->filed_by);
	for (size_t i = 0; tx && i < tx->nrows; i++) {
		/* the credit side of each debit pays back */
		const char *to = db_scalar(a, "SELECT e.account_id FROM ledger_entries e JOIN ledger_txns t ON t.id = e.txn_id "
					      "WHERE t.idem_key = ? AND e.amount_paise > 0", "s", db_val(tx, i, 2));
		if (!to)
			return -1;
		enum wallet_rc wr = ledger_move(a, "refund", arena_printf(a, "refund:%s", db_val(tx, i, 2)), strtol(to, NULL, 10),
						wallet, (long)db_int(tx, i, 1), ap->id, ap->number, actor_id(who), false);
		if (wr != WALLET_OK && wr != WALLET_REPEAT)
			return -1;
	}
	return tx ? 0 : -1;
}

/* recall: the officer who forwarded takes it back while the next stage has
 * not acted.  The event is recorded in the earlier stage's role and office. */
static int act_recall(struct act_ctx *c)
{
	struct app *ap = c->ap;
	const struct svc *s = ap->ver->def;
	const struct stage *st = svc_stage(s, (size_t)ap->stage_idx);
	const struct stage *prev = svc_stage(s, (size_t)ap->stage_idx - 1);
	if (ap->stage_idx == 0 || !prev || !(st->actions & AB(ACT_RECALL)))
		return refuse(c, 409, "wf.cannot_recall");
	long prev_office = stage_office(c->a, ap, prev);
	if (ap->forwarded_by != actor_id(c->who) || !juris_holding(c->who->user, RB(prev->role), prev_office, NULL, ap->dept_id))
		return refuse(c, 409, "wf.not_yours");
	if (ap->stage_acted || (ap->claim_active && ap->claimed_by != actor_id(c->who)))
		return refuse(c, 409, "wf.already_taken");
	if (db_exec("UPDATE applications SET stage_idx = ?, stage_office_id = ?, stage_role = ?, claimed_by = ?, "
		    "claimed_until = NOW() + INTERVAL ? SECOND, stage_acted = 0, forwarded_by = NULL WHERE id = ?",
		    "iisiii", (long long)ap->stage_idx - 1, (long long)prev_office, role_code(prev->role), (long long)actor_id(c->who),
		    (long long)cfg.claim_timeout, (long long)ap->id) != 1)
		return -1;
	c->ev_role = role_code(prev->role);
	c->ev_office = prev_office;
	c->res->new_status = "pending";
	c->res->new_stage = ap->stage_idx - 1;
	return 0;
}

/* forward: to the next stage's queue at its office, due in its days */
static int act_forward(struct act_ctx *c)
{
	struct app *ap = c->ap;
	const struct stage *next = svc_stage(ap->ver->def, (size_t)ap->stage_idx + 1);
	long noff = next ? stage_office(c->a, ap, next) : 0;
	if (!next || !noff)
		return refuse(c, 409, "app.no_office");
	if (db_exec("UPDATE applications SET stage_idx = stage_idx + 1, stage_office_id = ?, stage_role = ?, queued_at = NOW(6), "
		    "stage_due = ?, overdue = 0, claimed_by = NULL, claimed_until = NULL, forwarded_by = ?, stage_acted = 0 "
		    "WHERE id = ?", "issii", (long long)noff, role_code(next->role), due_after(c->a, ap, next->sla_days),
		    (long long)actor_id(c->who), (long long)ap->id) != 1)
		return -1;
	c->res->new_status = "pending";
	c->res->new_stage = ap->stage_idx + 1;
	return 0;
}

/* field_verify: a field-verification report; it stays here with the officer */
static int act_verify(struct act_ctx *c)
{
	if (db_exec("UPDATE applications SET stage_acted = 1 WHERE id = ?", "i", (long long)c->ap->id) != 1)
		return -1;
	c->res->new_status = "pending";
	c->res->new_stage = c->ap->stage_idx;
	return 0;
}

/* return: to the applicant for corrections of the flagged fields (none
 * flagged: everything may be corrected) */
static int act_return(struct act_ctx *c)
{
	struct app *ap = c->ap;
	const struct act_in *in = c->in;
	struct sbuf f;
	struct jw w;
	sbuf_init(&f);
	jw_init(&w, &f);
	jw_arr(&w);
	for (size_t i = 0; i < in->nreturn; i++)
		if (svc_field(ap->ver->def, in->return_fields[i]) || str_starts(in->return_fields[i], "doc_"))
			jw_str(&w, in->return_fields[i]);
	if (in->nreturn == 0)
		jw_str(&w, "*");
	jw_arr_end(&w);
	long long n = db_exec("UPDATE applications SET status = 'returned', return_remarks = ?, return_fields = ?, "
			      "claimed_by = NULL, claimed_until = NULL, stage_acted = 1 WHERE id = ?", "ssi", c->remarks, f.data,
			      (long long)ap->id);
	sbuf_free(&f);
	if (n != 1 || stats_status(c->a, app_stats(ap), "pending", "returned") != 0)
		return -1;
	c->res->new_status = "returned";
	c->res->new_stage = ap->stage_idx;
	return 0;
}

/* A decision (approve, reject): the status, the time it took, counted. */
static int decide(struct act_ctx *c, bool approve)
{
	struct app *ap = c->ap;
	long days = stats_days_taken(c->a, app_stats(ap), ist_today(c->a));
	const char *ns = approve ? "approved" : "rejected";
	if (db_exec("UPDATE applications SET status = ?, decided_at = NOW(), claimed_by = NULL, claimed_until = NULL, "
		    "stage_acted = 1 WHERE id = ?", "si", ns, (long long)ap->id) != 1 ||
	    stats_decide(c->a, app_stats(ap), approve, days) != 0)
		return -1;
	c->res->new_status = ns;
	c->res->new_stage = ap->stage_idx;
	return 0;
}

/* reject: decided; a CSC fee is paid back when nothing was done yet */
static int act_reject(struct act_ctx *c)
{
	return decide(c, false) != 0 || refund_if_due(c->a, c->who, c->ap) != 0 ? -1 : 0;
}

/* approve: decided, and the certificate issued in the same transaction */
static int act_approve(struct act_ctx *c)
{
	struct cert_issued ci;
	if (decide(c, true) != 0 || cert_issue(c->a, c->who, c->ap, &ci, c->out) != 0)
		return -1;
	c->res->cert_no = ci.number;
	c->res->cert_url = ci.verify_url;
	return 0;
}

enum {
	AF_REMARKS = 1 << 0,	/* needs remarks (3 characters or more) */
	AF_FORWARDER = 1 << 1,	/* taken by the officer of the stage before, who forwarded: the
				 * function checks who; the stage's checks, turn and corrections do not apply */
};

/* The officer's actions, tmux-style: one entry each, the common checks
 * read the flags, the function makes the change. */
static const struct wf_action_def {
	enum wf_action act;		/* its code (service.h) */
	unsigned flags;			/* AF_* */
	const char *notify;		/* the applicant's SMS event, or NULL */
	int (*fn)(struct act_ctx *c);	/* the change, inside the transaction: 0, -1 (error) or refuse() */
} wf_actions[] = {
	{ ACT_FORWARD, 0, NULL, act_forward },
	{ ACT_VERIFY, AF_REMARKS, NULL, act_verify },
	{ ACT_RETURN, AF_REMARKS, "return", act_return },
	{ ACT_RECALL, AF_FORWARDER, NULL, act_recall },
	{ ACT_REJECT, AF_REMARKS, "reject", act_reject },
	{ ACT_APPROVE, 0, "approve", act_approve },
};

static const struct wf_action_def *action_def(const char *name)
{
	int act = action_from(name);
	for (size_t i = 0; act >= 0 && i < ARRAY_LEN(wf_actions); i++)
		if ((int)wf_actions[i].act == act)
			return &wf_actions[i];
	return NULL;
}

/* Corrected answers from the officer at an editable stage: the stored
 * answers with the corrected ones in their place, checked like the form.
 * 0, -1 (error) or refuse() with one problem per refused answer. */
static int correct(struct act_ctx *c, const struct stage *st)
{
	struct app *ap = c->ap;
	const struct svc *s = ap->ver->def;
	if (!st->editable)
		return refuse(c, 409, "wf.not_editable");
	const char *err;
	struct jval *old = json_parse(c->a, ap->form, strlen(ap->form), &err);
	struct jval *m = form_merge(c->a, &s->form, old, c->in->corrections, NULL);
	struct form_env env;
	app_form_env(c->a, c->who->user, ap->applicant_id, &env);
	env.prior = old;
	const char *norm;
	if (form_check(c->a, &s->form, m, &env, c->out, &norm))
		return refuse(c, 422, "wf.corrections_bad");
	if (db_exec("UPDATE applications SET form = ? WHERE id = ?", "si", norm, (long long)ap->id) != 1 ||
	    app_event(c->who, ap, "correct", ap->stage_role, ap->stage_office_id, ap->stage_idx, ap->stage_idx,
		      ap->status, "form corrected by the officer", NULL, NULL) != 0)
		return -1;
	return 0;
}

/* The checks every action at the actor's own stage shares, in their
 * order: the stage is the actor's, allows the action, is not claimed by
 * another, and the application is at the head of the queue or has a
 * reason (*ooo); remarks when the action needs them; corrections. */
static int at_my_stage(struct act_ctx *c, const struct wf_action_def *d, const char **ooo)
{
	struct app *ap = c->ap;
	const struct stage *st = svc_stage(ap->ver->def, (size_t)ap->stage_idx);
	long me = actor_id(c->who);
	const struct holding *mine = wf_stage_holding(c->who->user, ap);
	if (!mine)
		return refuse(c, 409, "wf.not_your_stage");
	if (!(st->actions & AB(d->act)))
		return refuse(c, 409, "wf.not_allowed_here");
	if (ap->claim_active && ap->claimed_by != me)
		return refuse(c, 409, "wf.claimed");
	if (!(ap->claim_active && ap->claimed_by == me) && wf_head(c->a, c->who, mine) != ap->id) {
		if (!ooo_ok(c->in->ooo_reason)) {
			need_reason(c->out);
			return 1;
		}
		*ooo = c->in->ooo_reason;
	}
	if ((d->flags & AF_REMARKS) && (!c->remarks || utf8_chars(c->remarks) < 3))
		return refuse(c, 422, "wf.remarks_needed");
	if (c->in->corrections && c->in->corrections->type == J_OBJ && c->in->corrections->n)
		return correct(c, st);
	return 0;
}

static int act_txn(void *p)
{
	struct act_ctx *c = p;
	struct arena *a = c->a;
	/* db_txn may run this again after a deadlock: start clean */
	out_init(c->out, a);
	c->checked = false;
	memset(c->res, 0, sizeof *c->res);
	const struct wf_action_def *d = action_def(c->in->action);
	if (!d)
		return refuse(c, 422, "wf.bad_action");
	struct app *ap = c->ap = app_load(a, c->number, 0, true);
	if (gate(a, c->who, ap, c->out))
		return 1;
	/* from here on every refusal is a conflict with the application's state */
	if (!str_eq(ap->status, "pending"))
		return refuse(c, 409, "wf.not_pending");
	c->remarks = c->in->remarks ? str_trim(arena_strdup(a, c->in->remarks)) : NULL;
	if (c->remarks && utf8_chars(c->remarks) > 2000)
		return refuse(c, 422, "wf.remarks_long");
	const char *ooo = NULL;
	int rc = (d->flags & AF_FORWARDER) ? 0 : at_my_stage(c, d, &ooo);
	if (rc)
		return rc;
	c->ev_role = ap->stage_role;
	c->ev_office = ap->stage_office_id;
	if (c->in->check_only) {	/* non-zero: db_txn rolls back what the checks locked */
		c->checked = true;
		return 1;
	}
	if ((rc = d->fn(c)) != 0)
		return rc;
	if (app_event(c->who, ap, action_code(d->act), c->ev_role, c->ev_office, ap->stage_idx, c->res->new_stage,
		      c->res->new_status, c->remarks, ooo, c->in->attachments) != 0)
		return -1;
	if (ooo && stats_count(a, app_stats(ap), "out_of_order") != 0)
		return -1;
	if (d->notify) {
		struct app *now = app_load(a, NULL, ap->id, false);
		if (!now || app_notify(a, now, d->notify, c->remarks) != 0)
			return -1;
	}
	struct audit_entry e = { .action = arena_printf(a, "wf.%s", c->in->action), .entity = "application",
				 .entity_id = ap->number, .role = ap->stage_role, .office_id = ap->stage_office_id,
				 .remarks = c->remarks };
	return audit_write(c->who, &e) == 0 ? 0 : -1;
}

int wf_act(struct arena *a, const struct actor *who, const char *number, const struct act_in *in, struct act_out *res,
	   struct outcome *out)
{
	struct act_ctx c = { .a = a, .who = who, .number = number, .in = in, .res = res, .out = out };
	if (db_txn(act_txn, &c) == 0 || c.checked)
		return 0;
	if (!out->status)	/* an error, not a refusal: a lost race is a conflict */
		out_fail(out, db_err_retry() ? 409 : 503, NULL);
	return out->status;
}

/* ---- appeals ---- */

int wf_appeal_may(const struct appeal_state *st)
{
	if (st->last_level == 0)
		return str_eq(st->app_status, "rejected") || (str_eq(st->app_status, "pending") && st->past_due) ? 1 : 0;
	if (st->last_level >= 2)
		return 0;
	return str_eq(st->last_status, "dismissed") || (str_eq(st->last_status, "pending") && st->last_over_30) ? 2 : 0;
}

int wf_appeal_of(const struct app *ap, const struct dbres *appeals, size_t row)
{
	struct appeal_state st = { .app_status = ap->status,
				   .past_due = ap->due_date && sla_day(ap->due_date) < sla_today() };
	if (row < appeals->nrows) {
		st.last_level = (int)db_int(appeals, row, 0);
		st.last_status = db_val(appeals, row, 1);
		st.last_over_30 = db_int(appeals, row, appeals->ncols - 1) == 1;
	}
	return wf_appeal_may(&st);
}

int wf_appeal_level(struct arena *a, const struct app *ap, bool lock)
{
	struct dbres *prev = lock ? db_query(a, "SELECT level, status, filed_at < NOW() - INTERVAL 30 DAY FROM appeals WHERE app_id = ? "
						"ORDER BY level DESC LIMIT 1 FOR UPDATE", "i", (long long)ap->id)
				  : db_query(a, "SELECT level, status, filed_at < NOW() - INTERVAL 30 DAY FROM appeals WHERE app_id = ? "
						"ORDER BY level DESC LIMIT 1", "i", (long long)ap->id);
	return prev ? wf_appeal_of(ap, prev, 0) : -1;
}

bool wf_appeal_hears(const struct user *u, const char *role, long office, long dept)
{
	int ro = role_from_code(role);
	return u && ro >= 0 && juris_holding(u, RB(ro), office, NULL, dept);
}

struct appeal_ctx {
	struct arena *a;		/* request memory */
	const struct actor *who;	/* applicant, or the appellate officer */
	struct outcome *out;		/* refusal */
	const char *number;		/* application (file) */
	const char *grounds;		/* text (file) */
	int level;			/* result (file) */
	long id;			/* appeal (decide) */
	bool allow;			/* decision */
	const char *order;		/* order text */
};

static int appeal_file_txn(void *p)
{
	struct appeal_ctx *c = p;
	struct arena *a = c->a;
	out_init(c->out, a);
	struct app *ap = app_load(a, c->number, 0, true);
	long me = actor_id(c->who);
	if (!ap || (ap->applicant_id != me && ap->filed_by != me)) {
		out_fail(c->out, 404, NULL);
		return 1;
	}
	int level = wf_appeal_level(a, ap, true);
	if (level < 0)
		return -1;
	if (level == 0) {
		out_fail(c->out, 409, "appeal.not_now");
		return 1;
	}
	const struct svc *s = ap->ver->def;
	int role = level == 1 ? s->appeal1 : s->appeal2;
	long office = role >= 0 ? office_for(a, ap->address_location_id, level_role_level((enum role)role)) : 0;
	if (!office) {
		out_fail(c->out, 409, "app.no_office");
		return 1;
	}
	if (db_exec("INSERT INTO appeals (app_id, level, grounds, office_id, role, filed_at, filed_by) VALUES (?, ?, ?, ?, ?, NOW(), ?)",
		    "iisisi", (long long)ap->id, (long long)level, c->grounds, (long long)office, role_code((enum role)role),
		    (long long)me) != 1 ||
	    app_event(c->who, ap, "appeal", NULL, office, ap->stage_idx, ap->stage_idx, ap->status, c->grounds, NULL, NULL) != 0 ||
	    stats_count(a, app_stats(ap), "appeals") != 0)
		return -1;
	c->level = level;
	struct audit_entry e = { .action = "appeal.file", .entity = "application", .entity_id = ap->number,
				 .remarks = arena_printf(a, "level %d", level) };
	return audit_write(c->who, &e) == 0 ? 0 : -1;
}

/* Appeal texts (grounds, orders) have 10 to 4000 characters. */
static bool appeal_text_ok(const char *text)
{
	return text && utf8_chars(text) >= 10 && utf8_chars(text) <= 4000;
}

int wf_appeal_file(struct arena *a, const struct actor *who, const char *number, const char *grounds, int *level,
		   struct outcome *out)
{
	if (!appeal_text_ok(grounds)) {
		out_field(out, "grounds", "appeal.grounds_bad", NULL);
		return out->status;
	}
	struct appeal_ctx c = { .a = a, .who = who, .out = out, .number = number, .grounds = grounds };
	int st = out_txn(out, appeal_file_txn, &c);
	if (st == 0)
		*level = c.level;
	return st;
}

static int appeal_decide_txn(void *p)
{
	struct appeal_ctx *c = p;
	struct arena *a = c->a;
	out_init(c->out, a);
	struct dbres *row = db_query(a, "SELECT app_id, office_id, role, status, level FROM appeals WHERE id = ? FOR UPDATE", "i",
				     (long long)c->id);
	if (!row || row->nrows != 1) {
		out_fail(c->out, row ? 404 : 503, NULL);
		return 1;
	}
	struct app *ap = app_load(a, NULL, (long)db_int(row, 0, 0), true);
	if (!ap)
		return -1;
	/* nobody but its appellate officer learns the appeal exists */
	if (!wf_appeal_hears(c->who->user, db_val(row, 0, 2), (long)db_int(row, 0, 1), ap->dept_id)) {
		out_fail(c->out, 404, NULL);
		return 1;
	}
	if (!str_eq(db_val(row, 0, 3), "pending")) {
		out_fail(c->out, 409, NULL);
		return 1;
	}
	if (db_exec("UPDATE appeals SET status = ?, decided_by = ?, decided_at = NOW(), order_text = ? WHERE id = ?", "sisi",
		    c->allow ? "allowed" : "dismissed", (long long)actor_id(c->who), c->order, (long long)c->id) != 1)
		return -1;
	/* an allowed appeal sends a rejected application back to the deciding stage */
	if (c->allow && str_eq(ap->status, "rejected")) {
		const struct stage *last = svc_stage(ap->ver->def, ap->ver->def->nstages - 1);
		long off = office_for(a, ap->address_location_id, level_role_level(last->role));
		if (!off || db_exec("UPDATE applications SET status = 'pending', stage_idx = ?, stage_office_id = ?, stage_role = ?, "
				    "queued_at = NOW(6), stage_acted = 0, decided_at = NULL WHERE id = ?", "iisi",
				    (long long)ap->ver->def->nstages - 1, (long long)off, role_code(last->role), (long long)ap->id) != 1)
			return -1;
	}
	if (app_event(c->who, ap, c->allow ? "appeal_allowed" : "appeal_dismissed", db_val(row, 0, 2), (long)db_int(row, 0, 1),
		      ap->stage_idx, ap->stage_idx, ap->status, c->order, NULL, NULL) != 0)
		return -1;
	struct audit_entry e = { .action = c->allow ? "appeal.allow" : "appeal.dismiss", .entity = "application",
				 .entity_id = ap->number, .role = db_val(row, 0, 2), .office_id = (long)db_int(row, 0, 1),
				 .remarks = c->order };
	return audit_write(c->who, &e) == 0 ? 0 : -1;
}

int wf_appeal_decide(struct arena *a, const struct actor *who, long appeal_id, bool allow, const char *order,
		     struct outcome *out)
{
	if (!appeal_text_ok(order)) {
		out_field(out, "order", "appeal.order_bad", NULL);
		return out->status;
	}
	struct appeal_ctx c = { .a = a, .who = who, .out = out, .id = appeal_id, .allow = allow, .order = order };
	return out_txn(out, appeal_decide_txn, &c);
}

/* ---- escalation ---- */

static int escalate_one(struct arena *a, long id, FILE *report)
{
	if (db_begin() != 0)
		return -1;
	struct dbres *row = db_query(a, "SELECT id FROM applications WHERE id = ? AND status = 'pending' AND stage_due < CURDATE() "
					"AND (escalated_stage IS NULL OR escalated_stage <> stage_idx) FOR UPDATE SKIP LOCKED",
				     "i", (long long)id);
	if (!row || row->nrows != 1) {
		db_rollback();
		return row ? 0 : -1;	/* someone else took it, or it is no longer due */
	}
	struct app *ap = app_load(a, NULL, id, false);
	if (!ap)
		goto fail;
	if (db_exec("UPDATE applications SET overdue = 1, escalated_stage = stage_idx WHERE id = ?", "i", (long long)id) != 1 ||
	    app_event(NULL, ap, "escalate", NULL, ap->stage_office_id, ap->stage_idx, ap->stage_idx, ap->status,
		      "stage time limit passed", NULL, NULL) != 0 ||
	    stats_count(a, app_stats(ap), "escalated") != 0)
		goto fail;
	/* tell the next level: the designated officer and the first appellate
	 * authority, each in their own language, by the service's escalation SMS */
	const struct svc *s = ap->ver->def;
	const struct stage *st = svc_stage(s, (size_t)ap->stage_idx);
	const struct notif *nt = NULL;
	for (size_t n = 0; n < s->nnotifs; n++)
		if (str_eq(s->notifs[n].event, "escalate"))
			nt = &s->notifs[n];
	static const char *const keys[] = { "{number}", "{stage}" };
	int roles[2] = { s->designated, s->appeal1 };
	for (int k = 0; k < 2; k++) {
		if (roles[k] < 0)
			continue;
		long off = office_for(a, ap->address_location_id, level_role_level((enum role)roles[k]));
		struct dbres *who = db_query(a, "SELECT u.mobile, u.lang FROM role_holdings rh JOIN users u ON u.id = rh.user_id "
						"WHERE rh.office_id = ? AND rh.role = ? AND rh.active = 1 AND u.active = 1 "
						"AND rh.work_from <= CURDATE() AND (rh.work_to IS NULL OR rh.work_to >= CURDATE())",
					     "is", (long long)off, role_code((enum role)roles[k]));
		for (size_t i = 0; who && i < who->nrows; i++) {
			const char *lang = db_val(who, i, 1);
			const char *vals[] = { ap->number, st ? i18n_get(&st->name, lang) : "" };
			const char *tpl = nt ? i18n_get(&nt->sms, lang) : NULL;
			if (str_empty(tpl))
				tpl = str_eq(lang, "hi") ? "आवेदन {number} {stage} पर समय-सीमा पार कर चुका है। कृपया कार्रवाई करें - ग्रामसेवा"
							 : "Application {number} is overdue at {stage}. Please act - GramSewa";
			if (!notify_queue("sms", db_val(who, i, 0), str_fill(a, tpl, keys, vals, ARRAY_LEN(keys), false),
					  nt ? nt->dlt : NULL, "app.escalate", ap->number))
				goto fail;
		}
	}
	struct audit_entry e = { .action = "wf.escalate", .entity = "application", .entity_id = ap->number };
	if (audit_write(NULL, &e) != 0 || db_commit() != 0)
		goto fail;
	if (report)
		fprintf(report, "escalated %s (stage %d, due %s)\n", ap->number, ap->stage_idx + 1, ap->stage_due);
	return 1;
fail:
	db_rollback();
	return -1;
}

long wf_escalate(FILE *report)
{
	struct arena a;
	arena_init(&a);
	long done = 0, failed = 0;
	long long after = 0;
	for (;;) {
		struct dbres *due = db_query(&a, "SELECT id FROM applications WHERE status = 'pending' AND stage_due < CURDATE() "
						 "AND (escalated_stage IS NULL OR escalated_stage <> stage_idx) AND id > ? ORDER BY id LIMIT 500",
					     "i", after);
		if (!due) {
			arena_free(&a);
			return -1;
		}
		if (due->nrows == 0)
			break;
		for (size_t i = 0; i < due->nrows; i++) {
			after = db_int(due, i, 0);
			struct arena one;
			arena_init(&one);
			int rc = escalate_one(&one, (long)after, report);
			arena_free(&one);
			if (rc > 0)
				done++;
			else if (rc < 0) {
				failed++;	/* keep going: one bad item never stops the rest */
				log_error("escalate: application %lld failed", after);
			}
		}
		arena_reset(&a);
	}
	if (report)
		fprintf(report, "escalation: %ld escalated, %ld failed\n", done, failed);
	arena_free(&a);
	return done;
}
