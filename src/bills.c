/*
 * bills.c — bill payments and the biller adapters.
 */
#include "bills.h"
#include "audit.h"
#include "config.h"
#include "db.h"
#include "json.h"
#include "lengths.h"
#include "log.h"
#include "net.h"
#include "payment.h"
#include "user.h"
#include "wallet.h"

#include <regex.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

/* ---- the test-only sandbox biller ---- */

static int sbx_fetch(struct arena *a, const char *url, const char *consumer, struct bill_info *out)
{
	(void)a;
	(void)url;
	if (str_starts(consumer, "000"))
		return 1;	/* "no such consumer" (a single leading 0 is an STD code) */
	unsigned long sum = 0;
	for (const char *p = consumer; *p; p++)
		sum = sum * 31 + (unsigned char)*p;
	out->amount = (long)(10000 + sum % 190000);	/* Rs 100 .. Rs 2000 */
	snprintf(out->name, sizeof out->name, "Consumer %s", consumer + (strlen(consumer) > 4 ? strlen(consumer) - 4 : 0));
	snprintf(out->ref, sizeof out->ref, "SBX-%s", consumer);
	snprintf(out->due, sizeof out->due, "%s", "");
	return 0;
}

static int sbx_pay(struct arena *a, const char *url, const char *ref, long amount, char txn[65])
{
	(void)a;
	(void)url;
	(void)amount;
	size_t n = strlen(ref);
	if (n && ref[n - 1] == '9')
		return 1;	/* consumers ending in 9: the biller refuses */
	unsigned char r[6];
	randombytes_buf(r, sizeof r);
	snprintf(txn, 65, "SBXTXN-%02x%02x%02x%02x%02x%02x", r[0], r[1], r[2], r[3], r[4], r[5]);
	return 0;
}

static int sbx_status(struct arena *a, const char *url, const char *ref, char txn[65])
{
	(void)a;
	(void)url;
	size_t n = strlen(ref);
	if (n && ref[n - 1] == '9')
		return 1;
	snprintf(txn, 65, "SBXTXN-%s", ref);
	return 0;
}

static const struct biller_adapter sandbox_adapter = { sbx_fetch, sbx_pay, sbx_status };

/* ---- HTTP JSON adapter: POST url/fetch {consumer} and url/pay {ref, amount_paise} ---- */

static int http_fetch(struct arena *a, const char *url, const char *consumer, struct bill_info *out)
{
	struct sbuf q;
	struct jw w;
	sbuf_init(&q);
	jw_init(&w, &q);
	jw_obj(&w);
	jw_kstr(&w, "consumer", consumer);
	jw_obj_end(&w);
	struct jval *j = net_json(a, arena_printf(a, "%s/fetch", url), q.data, 15);
	sbuf_free(&q);
	if (!j)
		return -1;
	if (!json_get_bool(j, "found", false))
		return 1;
	const char *name = json_get_str(j, "name"), *ref = json_get_str(j, "ref"), *due = json_get_str(j, "due_date");
	if (!ref || !json_get_long(j, "amount_paise", &out->amount))
		return -1;
	snprintf(out->name, sizeof out->name, "%s", name ? name : "");
	snprintf(out->ref, sizeof out->ref, "%s", ref);
	snprintf(out->due, sizeof out->due, "%s", due ? due : "");
	return 0;
}

/* POST url/op {ref[, amount_paise]}: {status: confirmed, txn} -> 0;
 * refused or not_paid -> 1; anything else -> -1 (ask again later). */
static int http_settle(struct arena *a, const char *url, const char *op, const char *ref, long amount, char txn[65])
{
	struct sbuf q;
	struct jw w;
	sbuf_init(&q);
	jw_init(&w, &q);
	jw_obj(&w);
	jw_kstr(&w, "ref", ref);
	if (amount >= 0)
		jw_kint(&w, "amount_paise", amount);
	jw_obj_end(&w);
	struct jval *j = net_json(a, arena_printf(a, "%s/%s", url, op), q.data, 15);
	sbuf_free(&q);
	const char *st = json_get_str(j, "status"), *t = json_get_str(j, "txn");
	if (str_eq(st, "confirmed") && t) {
		snprintf(txn, 65, "%s", t);
		return 0;
	}
	return str_eq(st, "refused") || str_eq(st, "not_paid") ? 1 : -1;
}

static int http_pay(struct arena *a, const char *url, const char *ref, long amount, char txn[65])
{
	return http_settle(a, url, "pay", ref, amount, txn);
}

static int http_status(struct arena *a, const char *url, const char *ref, char txn[65])
{
	return http_settle(a, url, "status", ref, -1, txn);
}

static const struct biller_adapter http_adapter = { http_fetch, http_pay, http_status };

const struct biller_adapter *biller_adapter_for(const char *adapter)
{
	if (str_eq(adapter, "sandbox:"))
		return cfg.pay_sandbox ? &sandbox_adapter : NULL;	/* never in production */
	if (str_starts(adapter, "https://") || str_starts(adapter, "http://"))
		return &http_adapter;
	return NULL;
}

/* ---- fetch and pay ---- */

/* bill_fetch's transaction. */
struct fetch_ctx {
	struct arena *a;		/* memory */
	const struct actor *who;	/* the operator */
	long long biller_id;		/* billers.id */
	const char *consumer;		/* the consumer number */
	const struct bill_info *info;	/* the biller's answer */
	long id;			/* the stored bill */
};

static int fetch_txn(void *p)
{
	struct fetch_ctx *c = p;
	if (db_exec("INSERT INTO bills (biller_id, consumer_no, consumer_name, amount_paise, due_date, bill_ref, operator_id) "
		    "VALUES (?, ?, ?, ?, NULLIF(?, ''), ?, ?)", "ississi", (long long)c->biller_id, c->consumer, c->info->name,
		    (long long)c->info->amount, c->info->due, c->info->ref, (long long)actor_id(c->who)) != 1)
		return -1;
	c->id = (long)db_last_id();
	struct audit_entry e = { .action = "bill.fetch", .entity = "bill", .entity_id = arena_printf(c->a, "%ld", c->id),
				 .remarks = arena_printf(c->a, "%ld paise", c->info->amount) };
	return audit_write(c->who, &e);
}

int bill_fetch(struct arena *a, const struct actor *who, const char *code, const char *consumer, long *id,
	       struct outcome *out)
{
	*id = 0;
	struct dbres *b = db_query(a, "SELECT id, fetch_pattern, min_paise, max_paise, adapter FROM billers WHERE code = ? AND active = 1",
				   "s", code ? code : "");
	if (!b || b->nrows != 1) {
		out_field(out, "consumer", "bill.biller_bad", NULL);
		return out->status;
	}
	regex_t re;
	char *anch = arena_printf(a, "^(%s)$", db_val(b, 0, 1));
	bool ok = consumer && strlen(consumer) <= 40 && regcomp(&re, anch, REG_EXTENDED | REG_NOSUB) == 0;
	if (ok) {
		ok = regexec(&re, consumer, 0, NULL, 0) == 0;
		regfree(&re);
	}
	if (!ok) {
		out_field(out, "consumer", "bill.consumer_bad", NULL);
		return out->status;
	}
	/* the biller is asked outside any transaction: nothing is held open
	 * over the network */
	const struct biller_adapter *ad = biller_adapter_for(db_val(b, 0, 4));
	struct bill_info info = { 0 };
	int rc = ad ? ad->fetch(a, db_val(b, 0, 4), consumer, &info) : -1;
	if (rc != 0)
		out_field(out, "consumer", rc == 1 ? "bill.not_found" : "bill.biller_down", NULL);
	else if (info.amount < db_int(b, 0, 2) || info.amount > db_int(b, 0, 3))
		out_field(out, "consumer", "bill.amount_bad", NULL);
	if (out->status)
		return out->status;
	struct fetch_ctx c = { .a = a, .who = who, .biller_id = db_int(b, 0, 0), .consumer = consumer, .info = &info };
	if (db_txn(fetch_txn, &c) != 0) {
		out_field(out, "consumer", "bill.store_failed", NULL);	/* shown at the form, as a refusal */
		return out->status;
	}
	*id = c.id;
	return 0;
}

/* Confirms or refunds a paid bill after the biller's answer (own
 * transaction), as who (NULL: the reconciliation job).  The bill's status
 * afterwards, or NULL on a database error. */
static const char *bill_finish(struct arena *a, const struct actor *who, long bill_id, int rc, const char *txn)
{
	if (db_begin() != 0)
		return NULL;
	struct dbres *b = db_query(a, "SELECT b.status, b.operator_id, b.amount_paise, bl.code, b.consumer_no, b.bill_ref "
				      "FROM bills b JOIN billers bl ON bl.id = b.biller_id WHERE b.id = ? FOR UPDATE", "i", (long long)bill_id);
	if (!b || b->nrows != 1 || !str_eq(db_val(b, 0, 0), "paid")) {
		db_rollback();
		return b && b->nrows == 1 ? db_val(b, 0, 0) : NULL;
	}
	long op = (long)db_int(b, 0, 1), amount = (long)db_int(b, 0, 2);
	long wallet = wallet_account(a, op), pool = book_account(a, "department", arena_printf(a, "biller:%s", db_val(b, 0, 3)), 0);
	const char *status;
	if (rc == 0) {
		status = "confirmed";
		const char *cm = db_scalar(a, "SELECT amount_paise FROM commission_rules WHERE kind = 'bill' AND (key_code = ? OR key_code IS NULL) "
					      "ORDER BY key_code IS NULL LIMIT 1", "s", db_val(b, 0, 3));
		long commission = cm ? strtol(cm, NULL, 10) : 0;
		long cpool = book_account(a, "commission", "commission-pool", 0);
		const char *rno = receipt_issue(a, "bill", arena_printf(a, "%ld", bill_id), op, 0, amount,
						json_strobj(a, "biller", db_val(b, 0, 3), "consumer", db_val(b, 0, 4),
							    "biller_txn", txn, NULL));
		if (db_exec("UPDATE bills SET status = 'confirmed', biller_txn = ? WHERE id = ?", "si", txn, (long long)bill_id) != 1 || !rno ||
		    (commission > 0 && ledger_move(a, "commission", arena_printf(a, "bill:%ld:commission", bill_id), cpool, wallet, commission,
						   0, db_val(b, 0, 5), op, false) < 0))
			goto fail;
	} else {
		status = "refunded";
		enum wallet_rc wr = ledger_move(a, "refund", arena_printf(a, "bill:%ld:refund", bill_id), pool, wallet, amount, 0,
						db_val(b, 0, 5), op, false);
		if ((wr != WALLET_OK && wr != WALLET_REPEAT) ||
		    db_exec("UPDATE bills SET status = 'refunded' WHERE id = ?", "i", (long long)bill_id) != 1)
			goto fail;
	}
	struct audit_entry e = { .action = rc == 0 ? "bill.confirmed" : "bill.refunded", .entity = "bill",
				 .entity_id = arena_printf(a, "%ld", bill_id), .actor_id = op };
	if (audit_write(who, &e) != 0 || db_commit() != 0)
		goto fail;
	return status;
fail:
	db_rollback();
	return NULL;
}

int bill_pay(struct arena *a, const struct actor *who, long bill_id, const char *idem, const char **status,
	     struct outcome *out)
{
	*status = NULL;
	if (idem && utf8_chars(idem) > LIM_IDEM_KEY) {
		out_field(out, "idem", "form.err.too_long", arena_printf(a, "%d", LIM_IDEM_KEY));
		return out_fail(out, 422, "bill.store_failed");
	}
	/* 1: debit the wallet and mark paid, in one transaction */
	if (db_begin() != 0)
		return out_fail(out, 422, "bill.store_failed");
	struct dbres *b = db_query(a, "SELECT b.status, b.amount_paise, bl.code, bl.adapter, b.bill_ref, b.operator_id "
				      "FROM bills b JOIN billers bl ON bl.id = b.biller_id WHERE b.id = ? FOR UPDATE", "i",
				   (long long)bill_id);
	if (!b || b->nrows != 1 || db_int(b, 0, 5) != actor_id(who)) {
		db_rollback();
		return out_fail(out, 404, "bill.not_found");
	}
	const char *st = db_val(b, 0, 0);
	if (!str_eq(st, "fetched")) {
		db_rollback();
		*status = st;	/* a repeat: answer with where it stands */
		return 0;
	}
	long amount = (long)db_int(b, 0, 1);
	long wallet = wallet_account(a, actor_id(who));
	long pool = book_account(a, "department", arena_printf(a, "biller:%s", db_val(b, 0, 2)), 0);
	enum wallet_rc wr = ledger_move(a, "bill", arena_printf(a, "bill:%ld", bill_id), wallet, pool, amount, 0,
					db_val(b, 0, 4), actor_id(who), true);
	struct audit_entry e = { .action = "bill.pay", .entity = "bill", .entity_id = arena_printf(a, "%ld", bill_id),
				 .remarks = arena_printf(a, "%ld paise", amount) };
	if (wr == WALLET_SHORT) {
		db_rollback();
		return out_fail(out, 422, "app.wallet_short");
	}
	if (wr != WALLET_OK || db_exec("UPDATE bills SET status = 'paid', paid_at = NOW(), idem_key = ? WHERE id = ?", "si", idem,
				       (long long)bill_id) != 1 || audit_write(who, &e) != 0 || db_commit() != 0) {
		db_rollback();
		return out_fail(out, 422, "bill.store_failed");
	}
	/* 2: the biller, outside any transaction (no locks held over the network) */
	const struct biller_adapter *ad = biller_adapter_for(db_val(b, 0, 3));
	char txn[65] = "";
	int rc = ad ? ad->pay(a, db_val(b, 0, 3), db_val(b, 0, 4), amount, txn) : -1;
	if (rc < 0) {
		*status = "paid";	/* unknown: bill-reconcile asks again */
		return 0;
	}
	/* 3: confirm with commission and receipt, or refund */
	*status = bill_finish(a, who, bill_id, rc, txn);
	return *status ? 0 : out_fail(out, 422, "bill.store_failed");
}

long bill_reconcile(FILE *report)
{
	struct arena a;
	arena_init(&a);
	struct dbres *p = db_query(&a, "SELECT b.id, bl.adapter, b.bill_ref, b.amount_paise FROM bills b JOIN billers bl ON bl.id = b.biller_id "
				       "WHERE b.status = 'paid' AND b.paid_at < NOW() - INTERVAL 2 MINUTE ORDER BY b.id LIMIT 500", NULL);
	long done = 0;
	for (size_t i = 0; p && i < p->nrows; i++) {
		const struct biller_adapter *ad = biller_adapter_for(db_val(p, i, 1));
		char txn[65] = "";
		/* ask what became of it; never pay again (a biller that does not
		 * treat a repeated reference as the same payment would be paid twice) */
		int rc = ad ? ad->status(&a, db_val(p, i, 1), db_val(p, i, 2), txn) : -1;
		if (rc < 0)
			continue;
		if (bill_finish(&a, NULL, (long)db_int(p, i, 0), rc, txn))
			done++;
	}
	if (report)
		fprintf(report, "bill-reconcile: %ld settled of %zu waiting\n", done, p ? p->nrows : 0);
	arena_free(&a);
	return p ? done : -1;
}
