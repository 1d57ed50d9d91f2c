/*
 * payment.c — gateway orders, settlement, reconciliation, receipts.
 */
#include "payment.h"
#include "stats.h"
#include "application.h"
#include "audit.h"
#include "config.h"
#include "db.h"
#include "log.h"
#include "sla.h"
#include "user.h"
#include "wallet.h"

#include <curl/curl.h>
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

static void pay_event(const char *order_no, const char *source, const char *status, const char *outcome, const char *ip)
{
	db_exec("INSERT INTO payment_events (order_no, source, status, outcome, ip) VALUES (LEFT(?, 64), ?, LEFT(?, 16), ?, ?)",
		"sssss", order_no ? order_no : "", source, status, outcome, ip);
}

/* What a successful payment does. */
static int on_success(struct req *r, struct arena *a, struct dbres *o)
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
		return audit_write(r ? &r->actor : NULL, &e);
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
	    app_event(r ? &r->actor : NULL, ap, "payment", NULL, 0, ap->stage_idx, ap->stage_idx, "pending", order_no, NULL, NULL) != 0)
		return -1;
	ap->status = "pending";
	ap->due_date = arena_strdup(a, due);
	if (app_notify(a, ap, "submit", NULL) != 0 || stats_submit(a, app_stats(ap)) != 0)
		return -1;
	return receipt_issue(a, "payment", order_no, ap->applicant_id, ap->id, (long)amount,
			     json_strobj(a, "order", order_no, "application", ap->number, NULL)) ? 0 : -1;
}

struct settle_ctx {
	struct req *r;			/* may be NULL (CLI) */
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
	if (ok && on_success(c->r, c->a, o) != 0)
		return -1;
	struct audit_entry e = { .action = ok ? "pay.success" : "pay.failed", .entity = "payment", .entity_id = c->order_no,
				 .remarks = c->source, .actor_id = (long)db_int(o, 0, 3) };
	if (audit_write(c->r ? &c->r->actor : NULL, &e) != 0)	/* no request: pay-reconcile */
		return -1;
	c->rc = SETTLE_DONE;
	return 0;
}

enum settle_rc pay_settle(struct req *r, const char *order_no, const char *status, const char *txn, long amount,
			  const char *source)
{
	struct arena tmp;
	arena_init(&tmp);
	struct settle_ctx c = { .r = r, .a = r ? r->a : &tmp, .order_no = order_no, .status = status, .txn = txn,
				.source = source, .amount = amount, .rc = SETTLE_ERROR };
	if (!str_eq(status, "SUCCESS") && !str_eq(status, "FAILED"))
		c.rc = SETTLE_MISMATCH;
	else if (db_txn(settle_txn, &c) != 0 && c.rc == SETTLE_DONE)
		c.rc = SETTLE_ERROR;
	static const char *const outcomes[] = { "settled", "already settled (replay ignored)", "unknown order", "amount or status mismatch" };
	pay_event(order_no, source, status, c.rc >= 0 ? outcomes[c.rc] : "error", r ? r->remote_ip : "cli");
	if (c.rc != SETTLE_DONE && c.rc != SETTLE_ALREADY)
		log_warn("payment %s from %s: %s", order_no ? order_no : "?", source, c.rc >= 0 ? outcomes[c.rc] : "error");
	arena_free(&tmp);
	return c.rc;
}

/* ---- reconciliation ---- */

static size_t sink(char *p, size_t s, size_t n, void *u)
{
	sbuf_add(u, p, s * n);
	return ((struct sbuf *)u)->len > 65536 ? 0 : s * n;
}

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
	CURL *c = curl_easy_init();
	if (!c)
		return NULL;
	char *url = arena_printf(a, "%s/query?merchant_id=%s&order_no=%s&checksum=%s", cfg.pay_gateway_url, cfg.pay_merchant,
				 order_no, pay_mac(a, arena_printf(a, "%s|%s", cfg.pay_merchant, order_no)));
	struct sbuf b;
	sbuf_init(&b);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 10L);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, sink);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &b);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	CURLcode rc = curl_easy_perform(c);
	curl_easy_cleanup(c);
	const char *st = NULL;
	const char *err;
	struct jval *j = rc == CURLE_OK ? json_parse(a, b.data, b.len, &err) : NULL;
	sbuf_free(&b);
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
		enum settle_rc rc = pay_settle(NULL, no, st, txn, amount, "reconcile");
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
