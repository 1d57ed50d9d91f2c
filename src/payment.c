/*
 * payment.c — gateway orders (start, settlement, reconciliation, refunds of
 * payments owed back), the test-only sandbox gateway's book, receipts.
 */
#include "payment.h"
#include "stats.h"
#include "application.h"
#include "audit.h"
#include "config.h"
#include "db.h"
#include "lengths.h"
#include "log.h"
#include "net.h"
#include "sla.h"
#include "user.h"
#include "wallet.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

char *pay_mac(struct arena *a, const char *msg)
{
	unsigned char mac[32];
	crypto_auth_hmacsha256_state st;
	crypto_auth_hmacsha256_init(&st, (const unsigned char *)cfg.pay_key, strlen(cfg.pay_key));
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)msg, strlen(msg));
	crypto_auth_hmacsha256_final(&st, mac);
	return hex_encode(a, mac, sizeof mac);
}

bool pay_mac_ok(struct arena *a, const char *msg, const char *given)
{
	if (str_empty(cfg.pay_key) || !given || strlen(given) != 64)
		return false;
	const char *want = pay_mac(a, msg);
	return sodium_memcmp(want, given, 64) == 0;
}

const char *pay_order_create(struct arena *a, const char *purpose, long app_id, long user_id, long amount)
{
	unsigned char rnd[6];
	randombytes_buf(rnd, sizeof rnd);
	char *no = arena_printf(a, "GSO%lld%s", (long long)now_secs(), hex_encode(a, rnd, sizeof rnd));
	if (db_exec("INSERT INTO payment_orders (order_no, purpose, app_id, user_id, amount_paise) VALUES (?, ?, NULLIF(?, 0), ?, ?)",
		    "ssiii", no, purpose, (long long)app_id, (long long)user_id, (long long)amount) != 1)
		return NULL;
	return no;
}

/* pay_start's transaction. */
struct start_ctx {
	struct arena *a;		/* memory */
	const struct actor *who;	/* the payer */
	const char *purpose;		/* app_fee, topup */
	long app_id;			/* the application, or 0 */
	struct pay_order *order;	/* the answer */
};

static int start_txn(void *p)
{
	struct start_ctx *c = p;
	c->order->no = pay_order_create(c->a, c->purpose, c->app_id, actor_id(c->who), (long)c->order->amount);
	if (!c->order->no)
		return -1;
	struct audit_entry e = { .action = "pay.start", .entity = "payment", .entity_id = c->order->no,
				 .remarks = arena_printf(c->a, "%s %lld paise", c->purpose, c->order->amount) };
	return audit_write(c->who, &e);
}

int pay_start(struct arena *a, const struct actor *who, const struct pay_for *in, struct pay_order *order,
	      struct outcome *out)
{
	struct start_ctx c = { .a = a, .who = who, .order = order };
	order->no = NULL;
	if (in->app_number) {
		struct app *ap = app_load(a, in->app_number, 0, false);
		if (!ap || ap->applicant_id != actor_id(who))
			return out_fail(out, 404, NULL);
		if (!str_eq(ap->status, "unpaid"))
			return out_fail(out, 409, NULL);
		const struct svc *s = ap->ver->def;
		order->amount = s->fee_gov + (ap->tatkal ? s->fee_tatkal : 0);
		c.app_id = ap->id;
		c.purpose = "app_fee";
	} else {
		if (!who->user || !user_has(who->user, ROLE_CSC) || in->topup_paise < 100 || in->topup_paise > 10000000)
			return out_fail(out, 422, "wallet.amount_bad");
		order->amount = in->topup_paise;
		c.purpose = "topup";
	}
	if (db_txn(start_txn, &c) != 0)
		return out_fail(out, 503, NULL);
	return 0;
}

static void pay_event(const char *order_no, const char *source, const char *status, const char *outcome,
		      const struct actor *who)
{
	db_exec("INSERT INTO payment_events (order_no, source, status, outcome, ip) VALUES (LEFT(?, 64), ?, LEFT(?, 16), ?, ?)",
		"sssss", order_no ? order_no : "", source, status, outcome, who ? who->ip : "cli");
}

void pay_refused(const struct actor *who, const char *source, const char *order_no)
{
	pay_event(order_no, source, NULL, "bad checksum", who);
}

/* What a successful payment does. */
static int on_success(struct arena *a, const struct actor *who, struct dbres *o)
{
	const char *purpose = db_val(o, 0, 1);
	long long id = db_int(o, 0, 0), app_id = db_int(o, 0, 2), user = db_int(o, 0, 3), amount = db_int(o, 0, 4);
	const char *order_no = db_val(o, 0, 6);
	long gw = book_account(a, "gateway", "gateway-receipts", 0);
	if (!gw)
		return -1;
	if (str_eq(purpose, "topup")) {
		long w = wallet_account(a, (long)user);
		enum wallet_rc wr = ledger_move(a, "payment", arena_printf(a, "order:%s", order_no), gw, w, (long)amount, 0, order_no,
						(long)user, false);
		if (wr != WALLET_OK && wr != WALLET_REPEAT)
			return -1;
		return receipt_issue(a, "topup", order_no, (long)user, 0, (long)amount,
				     json_strobj(a, "order", order_no, "purpose", "wallet top-up", NULL)) ? 0 : -1;
	}
	struct app *ap = app_load(a, NULL, (long)app_id, true);
	if (!ap)
		return -1;
	if (!str_eq(ap->status, "unpaid")) {
		/* paid already (another order went through first): the money is
		 * held as owed back to the payer, listed for a refund, not kept */
		long owed = book_account(a, "gateway", "refunds-due", 0);
		enum wallet_rc dr = owed ? ledger_move(a, "payment", arena_printf(a, "order:%s", order_no), gw, owed, (long)amount,
							ap->id, ap->number, (long)user, false) : WALLET_ERROR;
		if ((dr != WALLET_OK && dr != WALLET_REPEAT) ||
		    db_exec("UPDATE payment_orders SET status = 'refund_due' WHERE id = ?", "i", id) != 1)
			return -1;
		struct audit_entry e = { .action = "pay.refund_due", .entity = "payment", .entity_id = order_no,
					 .remarks = arena_printf(a, "%s already paid", ap->number), .actor_id = (long)user };
		return audit_write(who, &e);
	}
	long dept = book_account(a, "department", arena_printf(a, "fees:%s", ap->ver->def->dept), 0);
	enum wallet_rc wr = ledger_move(a, "payment", arena_printf(a, "order:%s", order_no), gw, dept, (long)amount, ap->id,
					ap->number, (long)user, false);
	if (wr != WALLET_OK && wr != WALLET_REPEAT)
		return -1;
	/* paid: the application is complete now, so it is received now: it
	 * joins its first stage's queue and its time limits start today */
	char due[11], sdue[11];
	app_due_dates(a, ap->ver->def, ap->tatkal, ap->district_id, due, sdue);
	if (db_exec("UPDATE applications SET status = 'pending', queued_at = NOW(6), submitted_at = NOW(), due_date = ?, "
		    "stage_due = ?, fee_paise = ? WHERE id = ?", "ssii", due, sdue, (long long)amount, (long long)ap->id) != 1 ||
	    app_event(who, ap, "payment", NULL, 0, ap->stage_idx, ap->stage_idx, "pending", order_no, NULL, NULL) != 0)
		return -1;
	ap->status = "pending";
	ap->due_date = arena_strdup(a, due);
	if (app_notify(a, ap, "submit", NULL) != 0 || stats_submit(a, app_stats(ap)) != 0)
		return -1;
	return receipt_issue(a, "payment", order_no, ap->applicant_id, ap->id, (long)amount,
			     json_strobj(a, "order", order_no, "application", ap->number, NULL)) ? 0 : -1;
}

struct settle_ctx {
	const struct actor *who;	/* NULL: the reconciliation job */
	struct arena *a;		/* memory */
	const char *order_no, *status, *txn, *source;	/* the gateway's answer */
	long amount;			/* paise */
	enum settle_rc rc;		/* result */
};

static int settle_txn(void *p)
{
	struct settle_ctx *c = p;
	struct dbres *o = db_query(c->a, "SELECT id, purpose, IFNULL(app_id, 0), user_id, amount_paise, status, order_no, "
					 "IFNULL(gateway_txn, '') FROM payment_orders WHERE order_no = ? FOR UPDATE", "s", c->order_no);
	if (!o)
		return -1;
	if (o->nrows != 1) {
		c->rc = SETTLE_UNKNOWN;
		return 1;
	}
	if (db_int(o, 0, 4) != c->amount) {
		c->rc = SETTLE_MISMATCH;
		return 1;
	}
	bool ok = str_eq(c->status, "SUCCESS");
	/* settled once; except that a success for an order we gave up on (the
	 * gateway had not heard of it for two hours) is money taken: it counts */
	bool late = ok && str_eq(db_val(o, 0, 5), "failed") && str_eq(db_val(o, 0, 7), "not-paid");
	if (!str_eq(db_val(o, 0, 5), "pending") && !late) {
		c->rc = SETTLE_ALREADY;
		return 1;
	}
	if (db_exec("UPDATE payment_orders SET status = ?, gateway_txn = LEFT(?, 64), settled_by = ?, settled_at = NOW() WHERE id = ?",
		    "sssi", ok ? "success" : "failed", c->txn ? c->txn : "", c->source, db_int(o, 0, 0)) != 1)
		return -1;
	if (ok && on_success(c->a, c->who, o) != 0)
		return -1;
	struct audit_entry e = { .action = ok ? "pay.success" : "pay.failed", .entity = "payment", .entity_id = c->order_no,
				 .remarks = c->source, .actor_id = (long)db_int(o, 0, 3) };
	if (audit_write(c->who, &e) != 0)
		return -1;
	c->rc = SETTLE_DONE;
	return 0;
}

enum settle_rc pay_settle(struct arena *a, const struct actor *who, const char *order_no, const char *status,
			  const char *txn, long amount, const char *source)
{
	struct settle_ctx c = { .who = who, .a = a, .order_no = order_no, .status = status, .txn = txn,
				.source = source, .amount = amount, .rc = SETTLE_ERROR };
	if (!str_eq(status, "SUCCESS") && !str_eq(status, "FAILED"))
		c.rc = SETTLE_MISMATCH;
	else if (db_txn(settle_txn, &c) != 0 && c.rc == SETTLE_DONE)
		c.rc = SETTLE_ERROR;
	static const char *const outcomes[] = { "settled", "already settled (replay ignored)", "unknown order", "amount or status mismatch" };
	pay_event(order_no, source, status, c.rc >= 0 ? outcomes[c.rc] : "error", who);
	if (c.rc != SETTLE_DONE && c.rc != SETTLE_ALREADY)
		log_warn("payment %s from %s: %s", order_no ? order_no : "?", source, c.rc >= 0 ? outcomes[c.rc] : "error");
	return c.rc;
}

/* ---- reconciliation ---- */

/* Asks the gateway about an order.  status "SUCCESS"/"FAILED"/"PENDING"
 * or NULL when it could not be asked. */
static const char *query_gateway(struct arena *a, const char *order_no, const char **txn, long *amount)
{
	if (cfg.pay_sandbox && strstr(cfg.pay_gateway_url, "/sandbox/pay")) {
		/* the test-only sandbox keeps its book in this database */
		struct dbres *s = db_query(a, "SELECT status, txn, amount_paise FROM sandbox_orders WHERE order_no = ?", "s", order_no);
		if (!s)
			return NULL;
		if (s->nrows == 0)
			return "PENDING";
		*txn = db_val(s, 0, 1);
		*amount = (long)db_int(s, 0, 2);
		return db_val(s, 0, 0);
	}
	char *url = arena_printf(a, "%s/query?merchant_id=%s&order_no=%s&checksum=%s", cfg.pay_gateway_url, cfg.pay_merchant,
				 order_no, pay_mac(a, arena_printf(a, "%s|%s", cfg.pay_merchant, order_no)));
	struct jval *j = net_json(a, url, NULL, 10);
	const char *st = NULL;
	long amt;
	const char *s = json_get_str(j, "status"), *t = json_get_str(j, "gateway_txn"), *sum = json_get_str(j, "checksum");
	if (s && t && json_get_long(j, "amount_paise", &amt) &&
	    pay_mac_ok(a, arena_printf(a, "%s|%s|%s|%s|%ld", cfg.pay_merchant, order_no, s, t, amt), sum)) {
		st = s;
		*txn = t;
		*amount = amt;
	}
	return st;
}

long pay_reconcile(FILE *report)
{
	struct arena a;
	arena_init(&a);
	long settled = 0;
	struct dbres *p = db_query(&a, "SELECT order_no, amount_paise, created_at < NOW() - INTERVAL 2 HOUR FROM payment_orders "
				       "WHERE status = 'pending' AND created_at < NOW() - INTERVAL 15 MINUTE ORDER BY id LIMIT 1000", NULL);
	if (!p) {
		arena_free(&a);
		return -1;
	}
	for (size_t i = 0; i < p->nrows; i++) {
		const char *no = db_val(p, i, 0), *txn = NULL;
		long amount = (long)db_int(p, i, 1);
		const char *st = query_gateway(&a, no, &txn, &amount);
		if (!st) {
			if (report)
				fprintf(report, "%s: gateway did not answer; will ask again\n", no);
			continue;
		}
		if (str_eq(st, "PENDING")) {
			/* never reached the gateway: give up after two hours */
			if (db_int(p, i, 2) != 1)
				continue;
			st = "FAILED";
			txn = "not-paid";
		}
		enum settle_rc rc = pay_settle(&a, NULL, no, st, txn, amount, "reconcile");
		if (rc == SETTLE_DONE)
			settled++;
		if (report)
			fprintf(report, "%s: %s -> %s\n", no, st, rc == SETTLE_DONE ? "settled" : "unchanged");
	}
	if (report)
		fprintf(report, "pay-reconcile: %ld settled of %zu pending\n", settled, p->nrows);
	arena_free(&a);
	return settled;
}

/* ---- refunds of payments owed back ---- */

/* pay_refund's transaction. */
struct refund_ctx {
	struct arena *a;		/* memory */
	const struct actor *who;	/* the administrator */
	const char *order_no, *ref;	/* the order, the gateway's refund reference */
	int status;			/* 404 when the order is not owed */
};

static int refund_txn(void *p)
{
	struct refund_ctx *c = p;
	struct dbres *o = db_query(c->a, "SELECT id, amount_paise, IFNULL(app_id, 0) FROM payment_orders "
					 "WHERE order_no = ? AND status = 'refund_due' FOR UPDATE", "s", c->order_no);
	if (!o)
		return -1;
	if (o->nrows != 1) {
		c->status = 404;
		return 1;
	}
	long owed = book_account(c->a, "gateway", "refunds-due", 0), gw = book_account(c->a, "gateway", "gateway-receipts", 0);
	enum wallet_rc wr = ledger_move(c->a, "refund", arena_printf(c->a, "refund:%s", c->order_no), owed, gw, (long)db_int(o, 0, 1),
					(long)db_int(o, 0, 2), c->ref, actor_id(c->who), false);
	struct audit_entry e = { .action = "pay.refunded", .entity = "payment", .entity_id = c->order_no, .remarks = c->ref };
	if ((wr != WALLET_OK && wr != WALLET_REPEAT) ||
	    db_exec("UPDATE payment_orders SET status = 'refunded', refund_ref = ? WHERE id = ?", "si", c->ref, db_int(o, 0, 0)) != 1 ||
	    audit_write(c->who, &e) != 0)
		return -1;
	return 0;
}

int pay_refund(struct arena *a, const struct actor *who, const char *order_no, const char *ref, struct outcome *out)
{
	ref = ref ? str_trim(arena_strdup(a, ref)) : NULL;
	if (!wallet_reference_ok(ref)) {
		out_field(out, "reference", "wallet.reference_bad", NULL);
		return out_fail(out, 422, "wallet.reference_bad");
	}
	struct refund_ctx c = { .a = a, .who = who, .order_no = order_no, .ref = ref };
	int rc = db_txn(refund_txn, &c);
	if (rc == 0)
		return 0;
	return out_fail(out, rc > 0 ? c.status : 503, NULL);
}

/* ---- the test-only sandbox gateway's book (the gateway's state, not
 * ours: one row per order, written once, nothing of ours changes) ---- */

int pay_sandbox_decide(struct arena *a, const char *order_no, long amount, const char *decision, const char **status,
		       const char **txn)
{
	unsigned char rnd[6];
	randombytes_buf(rnd, sizeof rnd);
	if (db_exec("INSERT IGNORE INTO sandbox_orders (order_no, amount_paise, status, txn) VALUES (?, ?, ?, ?)", "siss", order_no,
		    (long long)amount, str_eq(decision, "pay") ? "SUCCESS" : "FAILED",
		    arena_printf(a, "SBX%s", hex_encode(a, rnd, sizeof rnd))) < 0)
		return -1;
	struct dbres *s = db_query(a, "SELECT status, txn FROM sandbox_orders WHERE order_no = ?", "s", order_no);
	if (!s || s->nrows != 1)
		return -1;
	*status = db_val(s, 0, 0);
	*txn = db_val(s, 0, 1);
	return 0;
}

/* ---- receipts ---- */

const char *receipt_issue(struct arena *a, const char *kind, const char *ref, long user_id, long app_id, long amount,
			  const char *details)
{
	const char *have = db_scalar(a, "SELECT receipt_no FROM receipts WHERE kind = ? AND ref = ?", "ss", kind, ref);
	if (have)
		return have;
	char fy[8];
	fin_year(now_secs(), fy);
	if (db_exec("INSERT INTO receipt_seq (fy, last) VALUES (?, 1) ON DUPLICATE KEY UPDATE last = last + 1", "s", fy) < 0)
		return NULL;
	const char *seq = db_scalar(a, "SELECT last FROM receipt_seq WHERE fy = ?", "s", fy);
	if (!seq)
		return NULL;
	char *no = arena_printf(a, "R-%s-%07ld", fy, strtol(seq, NULL, 10));
	if (db_exec("INSERT INTO receipts (receipt_no, kind, ref, user_id, app_id, amount_paise, details) VALUES (?, ?, ?, ?, NULLIF(?, 0), ?, ?)",
		    "sssiiis", no, kind, ref, (long long)user_id, (long long)app_id, (long long)amount, details) != 1)
		return NULL;
	return no;
}

char *receipt_url(struct arena *a, const char *no, long amount)
{
	return arena_printf(a, "%s/receipt/%s?s=%s", cfg.base_url, no,
			    pay_mac(a, arena_printf(a, "receipt|%s|%ld", no, amount)));
}
