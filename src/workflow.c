/*
 * workflow.c — queues, claims, actions, appeals, escalation.
 */
#include "workflow.h"
#include "audit.h"
#include "config.h"
#include "db.h"
#include "form.h"
#include "formview.h"
#include "log.h"
#include "notify.h"
#include "sla.h"
#include "stats.h"
#include "tmpl.h"
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

struct dbres *wf_queue(struct req *r, const struct holding *h, long limit, long *head)
{
	long dept = holding_dept(h);
	struct dbres *q = db_query(r->a, QUEUE_SQL, "isiii", (long long)h->office_id, role_code(h->role), (long long)dept,
				   (long long)dept, (long long)limit);
	*head = 0;
	for (size_t i = 0; q && i < q->nrows && !*head; i++)
		if (!(db_int(q, i, 9) == 1 && db_int(q, i, 8) != r->user->id))
			*head = (long)db_int(q, i, 0);
	return q;
}

int wf_counts(struct req *r, const struct holding *h, long *tatkal, long *fifo)
{
	*tatkal = *fifo = 0;
	long dept = holding_dept(h);
	struct dbres *c = db_query(r->a, "SELECT a.tatkal, COUNT(*) FROM applications a WHERE a.stage_office_id = ? AND a.stage_role = ? "
					 "AND a.status = 'pending' AND " DEPT_ONLY " GROUP BY a.tatkal", "isii", (long long)h->office_id,
				   role_code(h->role), (long long)dept, (long long)dept);
	for (size_t i = 0; c && i < c->nrows; i++)
		*(db_int(c, i, 0) ? tatkal : fifo) = (long)db_int(c, i, 1);
	return c ? 0 : -1;
}

long wf_head(struct req *r, const struct holding *h)
{
	long dept = holding_dept(h);
	const char *id = db_scalar(r->a, "SELECT a.id FROM applications a WHERE a.stage_office_id = ? AND a.stage_role = ? "
					 "AND a.status = 'pending' AND " DEPT_ONLY " AND " TAKEABLE " ORDER BY a.tatkal DESC, a.queued_at, a.id "
					 "LIMIT 1", "isiii", (long long)h->office_id, role_code(h->role), (long long)dept, (long long)dept,
				   (long long)r->user->id);
	return id ? strtol(id, NULL, 10) : 0;
}

const char *wf_next(struct req *r, long office, const char *role, int *status)
{
	int ro = role_from_code(role);
	*status = 0;
	const struct holding *hd = ro < 0 ? NULL : juris_holding(r->user, RB(ro), office, NULL, 0);
	if (!hd) {
		*status = 403;
		return NULL;
	}
	long dept = holding_dept(hd);
	/* Pick candidates by a plain read in serving order, then lock just one
	 * row by id (SKIP LOCKED: someone else is taking it, try the next).  A
	 * locking read of the queue itself would lock every row it passes. */
	for (int round = 0; round < 4; round++) {
		/* each round looks further down: the ones tried are being taken */
		struct dbres *cand = db_query(r->a, "SELECT a.id FROM applications a WHERE a.stage_office_id = ? AND a.stage_role = ? "
						    "AND a.status = 'pending' AND " DEPT_ONLY " AND " TAKEABLE " ORDER BY a.tatkal DESC, "
						    "a.queued_at, a.id LIMIT 8 OFFSET ?", "isiiii", (long long)office, role, (long long)dept, (long long)dept,
					      (long long)r->user->id, (long long)(round * 8));
		if (!cand) {
			*status = 503;
			return NULL;
		}
		if (cand->nrows == 0)
			return NULL;
		for (size_t i = 0; i < cand->nrows; i++) {
			if (db_begin() != 0) {
				*status = 503;
				return NULL;
			}
			struct dbres *h = db_query(r->a, "SELECT a.id, a.number FROM applications a WHERE a.id = ? AND a.stage_office_id = ? "
							 "AND a.stage_role = ? AND a.status = 'pending' AND " TAKEABLE " FOR UPDATE SKIP LOCKED",
						   "iisi", db_int(cand, i, 0), (long long)office, role, (long long)r->user->id);
			if (!h || h->nrows == 0) {
				db_rollback();
				if (!h && !db_err_retry()) {
					*status = 503;
					return NULL;
				}
				continue;	/* taken meanwhile, or locked by someone taking it */
			}
			if (db_exec("UPDATE applications SET claimed_by = ?, claimed_until = NOW() + INTERVAL ? SECOND WHERE id = ?", "iii",
				    (long long)r->user->id, (long long)cfg.claim_timeout, db_int(h, 0, 0)) != 1 || db_commit() != 0) {
				db_rollback();
				*status = 503;
				return NULL;
			}
			return db_val(h, 0, 1);
		}
	}
	*status = 503;	/* the first 32 all taken under us */
	return NULL;
}

/* Officer's office for a stage, from the application's address. */
static long stage_office(struct arena *a, const struct app *ap, const struct stage *st)
{
	return office_for(a, ap->address_location_id, level_role_level(st->role));
}

const struct holding *wf_stage_holding(const struct req *r, const struct app *ap)
{
	int ro = role_from_code(ap->stage_role);
	if (!str_eq(ap->status, "pending") || ro < 0)
		return NULL;
	return juris_holding(r->user, RB(ro), ap->stage_office_id, NULL, ap->dept_id);
}

int wf_gate(const struct req *r, const struct app *ap)
{
	if (!ap || !app_visible(r->user, ap))
		return 404;
	const struct svc *s = ap->ver->def;
	int ro = role_from_code(ap->stage_role);
	if (ro >= 0 && juris_holding(r->user, RB(ro), ap->stage_office_id, NULL, ap->dept_id))
		return 0;	/* the current stage's office: no need to route again */
	for (size_t i = 0; i < s->nstages; i++) {
		const struct stage *st = &s->stages[i];
		if (!(r->user->roles & RB(st->role)))
			continue;	/* the office need not be found for a role the user never holds */
		long office = stage_office(r->a, ap, st);
		if (office && juris_holding(r->user, RB(st->role), office, NULL, ap->dept_id))
			return 0;
	}
	return 403;
}

static bool ooo_ok(const char *reason)
{
	return reason && utf8_chars(str_trim((char *)reason)) >= 5 && utf8_chars(reason) <= 1000;
}

int wf_open(struct req *r, const char *number, const char *reason)
{
	if (db_begin() != 0)
		return 503;
	struct app *ap = app_load(r->a, number, 0, true);
	int st = wf_gate(r, ap);
	if (st)
		goto out;
	const struct holding *mine = wf_stage_holding(r, ap);
	if (!mine) {
		r->err_detail = tmpl_str(r->lang, str_eq(ap->status, "pending") ? "wf.not_your_stage" : "wf.not_pending");
		st = 409;
		goto out;
	}
	if (ap->claim_active && ap->claimed_by != r->user->id) {
		r->err_code = "claimed";
		r->err_detail = tmpl_str(r->lang, "wf.claimed");
		st = 409;
		goto out;
	}
	if (ap->claim_active && ap->claimed_by == r->user->id)
		goto out;	/* already mine */
	if (wf_head(r, mine) != ap->id) {
		if (!ooo_ok(reason)) {
			r->err_code = "out_of_order";
			r->err_detail = tmpl_str(r->lang, "wf.need_reason");
			st = 409;
			goto out;
		}
		if (app_event(&r->actor, ap, "open_out_of_order", ap->stage_role, ap->stage_office_id, ap->stage_idx, ap->stage_idx,
			      ap->status, NULL, reason, NULL) != 0) {
			st = 503;
			goto out;
		}
	}
	if (db_exec("UPDATE applications SET claimed_by = ?, claimed_until = NOW() + INTERVAL ? SECOND WHERE id = ?", "iii",
		    (long long)r->user->id, (long long)cfg.claim_timeout, (long long)ap->id) != 1)
		st = 503;
out:
	if (st) {
		if (st == 403 && !r->err_detail)
			r->err_detail = tmpl_str(r->lang, "wf.no_role");
		db_rollback();
		return st;
	}
	return db_commit() == 0 ? 0 : 503;
}

struct act_ctx {
	struct req *r;			/* request */
	const char *number;		/* application */
	const struct act_in *in;	/* what to do */
	struct act_out *out;		/* result */
};

static int refuse(struct act_ctx *c, int status, const char *key)
{
	c->out->status = status;
	c->out->message = key;
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
static int refund_if_due(struct req *r, const struct app *ap)
{
	if (!str_eq(ap->channel, "csc") || ap->stage_idx != 0 || ap->fee_paise <= 0)
		return 0;
	const char *forwarded = db_scalar(r->a, "SELECT id FROM app_events WHERE app_id = ? AND action = 'forward' LIMIT 1", "i",
					  (long long)ap->id);
	if (forwarded)
		return 0;
	struct dbres *tx = db_query(r->a, "SELECT e.account_id, -e.amount_paise, t.idem_key FROM ledger_txns t JOIN ledger_entries e "
					  "ON e.txn_id = t.id JOIN accounts ac ON ac.id = e.account_id WHERE t.app_id = ? AND t.kind = 'debit' "
					  "AND ac.kind = 'wallet'", "i", (long long)ap->id);
	long wallet = wallet_account(r->a, ap->filed_by);
	for (size_t i = 0; tx && i < tx->nrows; i++) {
		/* the credit side of each debit pays back */
		const char *to = db_scalar(r->a, "SELECT e.account_id FROM ledger_entries e JOIN ledger_txns t ON t.id = e.txn_id "
						 "WHERE t.idem_key = ? AND e.amount_paise > 0", "s", db_val(tx, i, 2));
		if (!to)
			return -1;
		enum wallet_rc wr = ledger_move(r->a, "refund", arena_printf(r->a, "refund:%s", db_val(tx, i, 2)), strtol(to, NULL, 10),
						wallet, (long)db_int(tx, i, 1), ap->id, ap->number, r->user->id, false);
		if (wr != WALLET_OK && wr != WALLET_REPEAT)
			return -1;
	}
	return tx ? 0 : -1;
}

static int act_txn(void *p)
{
	struct act_ctx *c = p;
	struct req *r = c->r;
	const struct act_in *in = c->in;
	int act = action_from(in->action);
	if (act < 0)
		return refuse(c, 422, "wf.bad_action");
	struct app *ap = app_load(r->a, c->number, 0, true);
	int gate = wf_gate(r, ap);
	if (gate)
		return refuse(c, gate, gate == 403 ? "wf.no_role" : NULL);
	/* from here on every refusal is a conflict with the application's state */
	const struct svc *s = ap->ver->def;
	if (!str_eq(ap->status, "pending"))
		return refuse(c, 409, "wf.not_pending");
	const struct stage *st = svc_stage(s, (size_t)ap->stage_idx);
	const char *remarks = in->remarks ? str_trim(arena_strdup(r->a, in->remarks)) : NULL;
	if (remarks && utf8_chars(remarks) > 2000)
		return refuse(c, 422, "wf.remarks_long");

	if (act == ACT_RECALL) {
		/* the officer who forwarded takes it back while the next stage has not acted */
		const struct stage *prev = svc_stage(s, (size_t)ap->stage_idx - 1);
		if (ap->stage_idx == 0 || !prev || !(st->actions & AB(ACT_RECALL)))
			return refuse(c, 409, "wf.cannot_recall");
		long prev_office = stage_office(r->a, ap, prev);
		if (ap->forwarded_by != r->user->id || !juris_holding(r->user, RB(prev->role), prev_office, NULL, ap->dept_id))
			return refuse(c, 409, "wf.not_yours");
		if (ap->stage_acted || (ap->claim_active && ap->claimed_by != r->user->id))
			return refuse(c, 409, "wf.already_taken");
		if (db_exec("UPDATE applications SET stage_idx = ?, stage_office_id = ?, stage_role = ?, claimed_by = ?, "
			    "claimed_until = NOW() + INTERVAL ? SECOND, stage_acted = 0, forwarded_by = NULL WHERE id = ?",
			    "iisiii", (long long)ap->stage_idx - 1, (long long)prev_office, role_code(prev->role), (long long)r->user->id,
			    (long long)cfg.claim_timeout, (long long)ap->id) != 1 ||
		    app_event(&r->actor, ap, "recall", role_code(prev->role), prev_office, ap->stage_idx, ap->stage_idx - 1, "pending",
			      remarks, NULL, NULL) != 0)
			return -1;
		c->out->new_status = "pending";
		c->out->new_stage = ap->stage_idx - 1;
		goto audit;
	}

	const struct holding *mine = wf_stage_holding(r, ap);
	if (!mine)
		return refuse(c, 409, "wf.not_your_stage");
	if (!(st->actions & AB(act)))
		return refuse(c, 409, "wf.not_allowed_here");
	if (ap->claim_active && ap->claimed_by != r->user->id)
		return refuse(c, 409, "wf.claimed");
	const char *ooo = NULL;
	if (!(ap->claim_active && ap->claimed_by == r->user->id) && wf_head(r, mine) != ap->id) {
		if (!ooo_ok(in->ooo_reason)) {
			r->err_code = "out_of_order";
			return refuse(c, 409, "wf.need_reason");
		}
		ooo = in->ooo_reason;
	}
	if ((act == ACT_RETURN || act == ACT_REJECT || act == ACT_VERIFY) && (!remarks || utf8_chars(remarks) < 3))
		return refuse(c, 422, "wf.remarks_needed");
	/* corrections by the officer at an editable stage */
	if (in->corrections && in->corrections->type == J_OBJ && in->corrections->n) {
		if (!st->editable)
			return refuse(c, 409, "wf.not_editable");
		const char *err;
		struct jval *old = json_parse(r->a, ap->form, strlen(ap->form), &err);
		struct jval *m = form_merge(r->a, s->fields, s->nfields, old, in->corrections, NULL);
		struct form_env env;
		app_form_env(r->a, r->user, ap->applicant_id, &env);
		env.prior = old;
		struct outcome fo;
		out_init(&fo, r->a);
		const char *norm;
		if (form_check(r->a, s->fields, s->nfields, m, &env, &fo, &norm)) {
			formview_outcome(r, s, &fo);
			return refuse(c, 422, "wf.corrections_bad");
		}
		int urc = (int)db_exec("UPDATE applications SET form = ? WHERE id = ?", "si", norm, (long long)ap->id);
		if (urc != 1 || app_event(&r->actor, ap, "correct", ap->stage_role, ap->stage_office_id, ap->stage_idx, ap->stage_idx,
					  ap->status, "form corrected by the officer", NULL, NULL) != 0)
			return -1;
	}
	const char *role = ap->stage_role;
	long office = ap->stage_office_id;
	switch (act) {
	case ACT_FORWARD: {
		const struct stage *next = svc_stage(s, (size_t)ap->stage_idx + 1);
		long noff = next ? stage_office(r->a, ap, next) : 0;
		if (!next || !noff)
			return refuse(c, 409, "app.no_office");
		if (db_exec("UPDATE applications SET stage_idx = stage_idx + 1, stage_office_id = ?, stage_role = ?, queued_at = NOW(6), "
			    "stage_due = ?, overdue = 0, claimed_by = NULL, claimed_until = NULL, forwarded_by = ?, stage_acted = 0 "
			    "WHERE id = ?", "issii", (long long)noff, role_code(next->role), due_after(r->a, ap, next->sla_days),
			    (long long)r->user->id, (long long)ap->id) != 1)
			return -1;
		c->out->new_status = "pending";
		c->out->new_stage = ap->stage_idx + 1;
		break;
	}
	case ACT_VERIFY:
		/* a field-verification report: stays here with the officer */
		if (db_exec("UPDATE applications SET stage_acted = 1 WHERE id = ?", "i", (long long)ap->id) != 1)
			return -1;
		c->out->new_status = "pending";
		c->out->new_stage = ap->stage_idx;
		break;
	case ACT_RETURN: {
		struct sbuf f;
		struct jw w;
		sbuf_init(&f);
		jw_init(&w, &f);
		jw_arr(&w);
		for (size_t i = 0; i < in->nreturn; i++)
			if (svc_field(s, in->return_fields[i]) || str_starts(in->return_fields[i], "doc_"))
				jw_str(&w, in->return_fields[i]);
		if (in->nreturn == 0)
			jw_str(&w, "*");	/* nothing flagged: everything may be corrected */
		jw_arr_end(&w);
		long long n = db_exec("UPDATE applications SET status = 'returned', return_remarks = ?, return_fields = ?, "
				      "claimed_by = NULL, claimed_until = NULL, stage_acted = 1 WHERE id = ?", "ssi", remarks, f.data, (long long)ap->id);
		sbuf_free(&f);
		if (n != 1 || stats_status(r->a, app_stats(ap), "pending", "returned") != 0)
			return -1;
		c->out->new_status = "returned";
		c->out->new_stage = ap->stage_idx;
		break;
	}
	case ACT_REJECT:
	case ACT_APPROVE: {
		long days = stats_days_taken(r->a, app_stats(ap), ist_today(r->a));
		const char *ns = act == ACT_APPROVE ? "approved" : "rejected";
		if (db_exec("UPDATE applications SET status = ?, decided_at = NOW(), claimed_by = NULL, claimed_until = NULL, "
			    "stage_acted = 1 WHERE id = ?", "si", ns, (long long)ap->id) != 1 ||
		    stats_decide(r->a, app_stats(ap), act == ACT_APPROVE, days) != 0)
			return -1;
		if (act == ACT_REJECT && refund_if_due(r, ap) != 0)
			return -1;
		if (act == ACT_APPROVE && cert_issue(r, ap, &c->out->cert_no) != 0)
			return -1;
		c->out->new_status = ns;
		c->out->new_stage = ap->stage_idx;
		break;
	}
	default:
		return refuse(c, 422, "wf.bad_action");
	}
	if (app_event(&r->actor, ap, action_code((enum wf_action)act), role, office, ap->stage_idx, c->out->new_stage,
		      c->out->new_status, remarks, ooo, in->attachments) != 0)
		return -1;
	if (ooo && stats_count(r->a, app_stats(ap), "out_of_order") != 0)
		return -1;
	if (act == ACT_RETURN || act == ACT_REJECT || act == ACT_APPROVE) {
		struct app *now = app_load(r->a, NULL, ap->id, false);
		if (!now || app_notify(r->a, now, act == ACT_RETURN ? "return" : act == ACT_REJECT ? "reject" : "approve", remarks) != 0)
			return -1;
	}
audit:;
	struct audit_entry e = { .action = arena_printf(r->a, "wf.%s", in->action), .entity = "application",
				 .entity_id = ap->number, .role = ap->stage_role, .office_id = ap->stage_office_id,
				 .remarks = remarks };
	return audit_write(req_actor(r), &e) == 0 ? 0 : -1;
}

int wf_act(struct req *r, const char *number, const struct act_in *in, struct act_out *out)
{
	memset(out, 0, sizeof *out);
	struct act_ctx c = { r, number, in, out };
	if (db_txn(act_txn, &c) == 0)
		return 0;
	if (!out->status)
		out->status = db_err_retry() ? 409 : 503;
	if (out->message && !r->err_detail)
		r->err_detail = tmpl_str(r->lang, out->message);
	return out->status;
}

/* ---- appeals ---- */

struct appeal_ctx {
	struct req *r;		/* request */
	const char *number;	/* application */
	const char *grounds;	/* text */
	int level;		/* result */
	int status;		/* refusal */
	long id;		/* appeal (decide) */
	bool allow;		/* decision */
	const char *order;	/* order text */
};

static int appeal_file_txn(void *p)
{
	struct appeal_ctx *c = p;
	struct req *r = c->r;
	struct app *ap = app_load(r->a, c->number, 0, true);
	if (!ap || (ap->applicant_id != r->user->id && ap->filed_by != r->user->id)) {
		c->status = 404;
		return 1;
	}
	const struct svc *s = ap->ver->def;
	bool late = str_eq(ap->status, "pending") && ap->due_date && sla_day(ap->due_date) < sla_today();
	struct dbres *prev = db_query(r->a, "SELECT level, status, filed_at < NOW() - INTERVAL 30 DAY FROM appeals WHERE app_id = ? "
					    "ORDER BY level DESC LIMIT 1 FOR UPDATE", "i", (long long)ap->id);
	if (!prev)
		return -1;
	int level = 1;
	if (prev->nrows == 1) {
		/* a second appeal after the first was dismissed, or not decided in 30 days */
		if (db_int(prev, 0, 0) >= 2 || !(str_eq(db_val(prev, 0, 1), "dismissed") || db_int(prev, 0, 2) == 1)) {
			c->status = 409;
			r->err_detail = tmpl_str(r->lang, "appeal.not_now");
			return 1;
		}
		level = 2;
	} else if (!str_eq(ap->status, "rejected") && !late) {
		c->status = 409;
		r->err_detail = tmpl_str(r->lang, "appeal.not_now");
		return 1;
	}
	int role = level == 1 ? s->appeal1 : s->appeal2;
	long office = role >= 0 ? office_for(r->a, ap->address_location_id, level_role_level((enum role)role)) : 0;
	if (!office) {
		c->status = 409;
		r->err_detail = tmpl_str(r->lang, "app.no_office");
		return 1;
	}
	if (db_exec("INSERT INTO appeals (app_id, level, grounds, office_id, role, filed_at, filed_by) VALUES (?, ?, ?, ?, ?, NOW(), ?)",
		    "iisisi", (long long)ap->id, (long long)level, c->grounds, (long long)office, role_code((enum role)role),
		    (long long)r->user->id) != 1 ||
	    app_event(&r->actor, ap, "appeal", NULL, office, ap->stage_idx, ap->stage_idx, ap->status, c->grounds, NULL, NULL) != 0 ||
	    stats_count(r->a, app_stats(ap), "appeals") != 0)
		return -1;
	c->level = level;
	struct audit_entry e = { .action = "appeal.file", .entity = "application", .entity_id = ap->number,
				 .remarks = arena_printf(r->a, "level %d", level) };
	return audit_write(req_actor(r), &e) == 0 ? 0 : -1;
}

int wf_appeal_file(struct req *r, const char *number, const char *grounds, int *level)
{
	if (!grounds || utf8_chars(grounds) < 10 || utf8_chars(grounds) > 4000) {
		form_error(r, "grounds", "appeal.grounds_bad");
		return 422;
	}
	struct appeal_ctx c = { .r = r, .number = number, .grounds = grounds };
	if (db_txn(appeal_file_txn, &c) == 0) {
		*level = c.level;
		return 0;
	}
	return c.status ? c.status : 503;
}

static int appeal_decide_txn(void *p)
{
	struct appeal_ctx *c = p;
	struct req *r = c->r;
	struct dbres *a = db_query(r->a, "SELECT app_id, office_id, role, status, level FROM appeals WHERE id = ? FOR UPDATE", "i",
				   (long long)c->id);
	if (!a || a->nrows != 1) {
		c->status = a ? 404 : 503;
		return 1;
	}
	struct app *ap = app_load(r->a, NULL, (long)db_int(a, 0, 0), true);
	if (!ap)
		return -1;
	/* the appellate role at the appeal's office, in one holding, of the
	 * application's department; nobody else learns the appeal exists */
	int role = role_from_code(db_val(a, 0, 2));
	if (role < 0 || !juris_holding(r->user, RB(role), (long)db_int(a, 0, 1), NULL, ap->dept_id)) {
		c->status = 404;
		return 1;
	}
	if (!str_eq(db_val(a, 0, 3), "pending")) {
		c->status = 409;
		return 1;
	}
	if (db_exec("UPDATE appeals SET status = ?, decided_by = ?, decided_at = NOW(), order_text = ? WHERE id = ?", "sisi",
		    c->allow ? "allowed" : "dismissed", (long long)r->user->id, c->order, (long long)c->id) != 1)
		return -1;
	/* an allowed appeal sends a rejected application back to the deciding stage */
	if (c->allow && str_eq(ap->status, "rejected")) {
		const struct stage *last = svc_stage(ap->ver->def, ap->ver->def->nstages - 1);
		long off = office_for(r->a, ap->address_location_id, level_role_level(last->role));
		if (!off || db_exec("UPDATE applications SET status = 'pending', stage_idx = ?, stage_office_id = ?, stage_role = ?, "
				    "queued_at = NOW(6), stage_acted = 0, decided_at = NULL WHERE id = ?", "iisi",
				    (long long)ap->ver->def->nstages - 1, (long long)off, role_code(last->role), (long long)ap->id) != 1)
			return -1;
	}
	if (app_event(&r->actor, ap, c->allow ? "appeal_allowed" : "appeal_dismissed", db_val(a, 0, 2), (long)db_int(a, 0, 1),
		      ap->stage_idx, ap->stage_idx, ap->status, c->order, NULL, NULL) != 0)
		return -1;
	struct audit_entry e = { .action = c->allow ? "appeal.allow" : "appeal.dismiss", .entity = "application",
				 .entity_id = ap->number, .role = db_val(a, 0, 2), .office_id = (long)db_int(a, 0, 1),
				 .remarks = c->order };
	return audit_write(req_actor(r), &e) == 0 ? 0 : -1;
}

int wf_appeal_decide(struct req *r, long appeal_id, bool allow, const char *order)
{
	if (!order || utf8_chars(order) < 10 || utf8_chars(order) > 4000) {
		form_error(r, "order", "appeal.order_bad");
		return 422;
	}
	struct appeal_ctx c = { .r = r, .id = appeal_id, .allow = allow, .order = order };
	if (db_txn(appeal_decide_txn, &c) == 0)
		return 0;
	return c.status ? c.status : 503;
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
	/* tell the next level: the designated officer, and the first appellate authority */
	const struct svc *s = ap->ver->def;
	const struct stage *st = svc_stage(s, (size_t)ap->stage_idx);
	int roles[2] = { s->designated, s->appeal1 };
	for (int k = 0; k < 2; k++) {
		if (roles[k] < 0)
			continue;
		long off = office_for(a, ap->address_location_id, level_role_level((enum role)roles[k]));
		struct dbres *who = db_query(a, "SELECT u.mobile FROM role_holdings rh JOIN users u ON u.id = rh.user_id "
						"WHERE rh.office_id = ? AND rh.role = ? AND rh.active = 1 AND u.active = 1 "
						"AND rh.work_from <= CURDATE() AND (rh.work_to IS NULL OR rh.work_to >= CURDATE())",
					     "is", (long long)off, role_code((enum role)roles[k]));
		for (size_t i = 0; who && i < who->nrows; i++) {
			const char *text = NULL, *dlt = NULL;
			for (size_t n = 0; n < s->nnotifs; n++)
				if (str_eq(s->notifs[n].event, "escalate")) {
					text = s->notifs[n].sms.en;
					dlt = s->notifs[n].dlt;
				}
			if (!text)
				text = "Application {number} is overdue at {stage}. Please act - GramSewa";
			struct sbuf b;
			sbuf_init(&b);
			for (const char *p = text; *p; p++) {
				if (str_starts(p, "{number}")) { sbuf_adds(&b, ap->number); p += 7; }
				else if (str_starts(p, "{stage}")) { sbuf_adds(&b, st ? i18n_get(&st->name, "en") : ""); p += 6; }
				else sbuf_addc(&b, *p);
			}
			long nid = notify_queue("sms", db_val(who, i, 0), b.data, dlt, "app.escalate", ap->number);
			sbuf_free(&b);
			if (!nid)
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
