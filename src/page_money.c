/*
 * page_money.c — money on pages: paying online (start, browser return,
 * server callback), the test-only sandbox gateway, receipts, the CSC
 * passbook (page, CSV, PDF), wallet top-ups, bill payments, and the
 * administrators' wallet list and daily reconciliation.
 */
#include "pages.h"
#include "application.h"
#include "audit.h"
#include "bills.h"
#include "cert_pdf.h"
#include "config.h"
#include "csv.h"
#include "db.h"
#include "lengths.h"
#include "location.h"
#include "payment.h"
#include "tmpl.h"
#include "user.h"
#include "wallet.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

/* ---- paying ---- */

/* Renders the form that carries the browser to the gateway. */
static int to_gateway(struct req *r, const char *order_no, long amount)
{
	const char *ret = arena_printf(r->a, "%s/pay/return", cfg.base_url);
	const char *cb = arena_printf(r->a, "%s/pay/callback", cfg.base_url);
	hset(r, "Pay.url", cfg.pay_gateway_url);
	hset(r, "Pay.merchant", cfg.pay_merchant);
	hset(r, "Pay.order", order_no);
	hset_int(r, "Pay.amount", amount);
	hset(r, "Pay.rupees", rupees(r->a, amount));
	hset(r, "Pay.return", ret);
	hset(r, "Pay.callback", cb);
	hset(r, "Pay.checksum", pay_mac(r->a, arena_printf(r->a, "%s|%s|%ld|%s|%s", cfg.pay_merchant, order_no, amount, ret, cb)));
	return tmpl_render(r, "pay_redirect.cs");
}

/* POST /pay/start — app=<number> (an unpaid application) or topup=<rupees> */
int page_pay_start(struct req *r)
{
	const char *number = req_form(r, "app"), *topup = req_form(r, "topup");
	long amount = 0, app_id = 0;
	const char *purpose;
	if (number) {
		struct app *ap = app_load(r->a, number, 0, false);
		if (!ap || ap->applicant_id != r->user->id)
			return 404;
		if (!str_eq(ap->status, "unpaid"))
			return 409;
		const struct svc *s = ap->ver->def;
		amount = s->fee_gov + (ap->tatkal ? s->fee_tatkal : 0);
		app_id = ap->id;
		purpose = "app_fee";
	} else {
		if (!user_has(r->user, ROLE_CSC) || !parse_long(topup, 1, 100000, &amount)) {
			r->err_detail = tmpl_str(r->lang, "wallet.amount_bad");
			return 422;
		}
		amount *= 100;
		purpose = "topup";
	}
	if (db_begin() != 0)
		return 503;
	const char *no = pay_order_create(r->a, purpose, app_id, r->user->id, amount);
	struct audit_entry e = { .action = "pay.start", .entity = "payment", .entity_id = no,
				 .remarks = arena_printf(r->a, "%s %ld paise", purpose, amount) };
	if (!no || audit_write(&r->actor, &e) != 0 || db_commit() != 0) {
		db_rollback();
		return 503;
	}
	return to_gateway(r, no, amount);
}

/* Reads and checks a gateway answer; NULL status when the checksum fails. */
static const char *gateway_answer(struct req *r, const char **order, const char **txn, long *amount)
{
	*order = req_form(r, "order_no");
	const char *st = req_form(r, "status"), *sum = req_form(r, "checksum");
	*txn = req_form(r, "gateway_txn");
	if (!*order || !st || !*txn || !parse_long(req_form(r, "amount"), 1, 1000000000L, amount))
		return NULL;
	if (!pay_mac_ok(r->a, arena_printf(r->a, "%s|%s|%s|%s|%ld", cfg.pay_merchant, *order, st, *txn, *amount), sum))
		return NULL;
	return st;
}

static void bad_answer(struct req *r, const char *source, const char *order)
{
	db_exec("INSERT INTO payment_events (order_no, source, outcome, ip) VALUES (LEFT(?, 64), ?, 'bad checksum', ?)", "sss",
		order ? order : "", source, r->remote_ip);
}

/* POST /pay/return — the browser back from the gateway */
int page_pay_return(struct req *r)
{
	const char *order, *txn;
	long amount;
	const char *st = gateway_answer(r, &order, &txn, &amount);
	if (!st) {
		bad_answer(r, "return", order);
		r->err_detail = tmpl_str(r->lang, "pay.tampered");
		return 400;
	}
	enum settle_rc rc = pay_settle(r, order, st, txn, amount, "return");
	if (rc == SETTLE_UNKNOWN || rc == SETTLE_MISMATCH)
		return 400;
	if (rc == SETTLE_ERROR)
		return 503;
	struct dbres *o = db_query(r->a, "SELECT o.purpose, a.number, o.status FROM payment_orders o LEFT JOIN applications a "
					 "ON a.id = o.app_id WHERE o.order_no = ?", "s", order);
	if (!o || o->nrows != 1)
		return 503;
	if (str_eq(db_val(o, 0, 0), "topup"))
		resp_redirect(r, arena_printf(r->a, "/csc/wallet?paid=%s", db_val(o, 0, 2)));
	else
		resp_redirect(r, arena_printf(r->a, "/my/app/%s?paid=%s", db_val(o, 0, 1), db_val(o, 0, 2)));
	return 0;
}

/* POST /pay/callback — server to server from the gateway */
int page_pay_callback(struct req *r)
{
	const char *order, *txn;
	long amount;
	const char *st = gateway_answer(r, &order, &txn, &amount);
	struct sbuf b;
	sbuf_init(&b);
	int status = 200;
	if (!st) {
		bad_answer(r, "callback", order);
		sbuf_adds(&b, "{\"result\":\"bad checksum\"}");
		status = 400;
	} else {
		enum settle_rc rc = pay_settle(r, order, st, txn, amount, "callback");
		sbuf_adds(&b, rc == SETTLE_DONE ? "{\"result\":\"settled\"}" : rc == SETTLE_ALREADY ? "{\"result\":\"already settled\"}"
			  : rc == SETTLE_ERROR ? "{\"result\":\"try again\"}" : "{\"result\":\"refused\"}");
		status = rc == SETTLE_ERROR ? 503 : rc == SETTLE_DONE || rc == SETTLE_ALREADY ? 200 : 400;
	}
	resp_json(r, status, &b);
	sbuf_free(&b);
	return 0;
}

/* ---- the sandbox gateway (test only; off unless pay_sandbox = true) ---- */

/* GET/POST /sandbox/pay — the gateway's own page: Pay or Fail */
int page_sandbox_pay(struct req *r)
{
	const char *m = req_param(r, "merchant_id"), *o = req_param(r, "order_no"), *ret = req_param(r, "return_url");
	const char *cb = req_param(r, "callback_url"), *sum = req_param(r, "checksum");
	long amount;
	if (!m || !o || !ret || !cb || !parse_long(req_param(r, "amount"), 1, 1000000000L, &amount) ||
	    !pay_mac_ok(r->a, arena_printf(r->a, "%s|%s|%ld|%s|%s", m, o, amount, ret, cb), sum)) {
		r->err_detail = "Sandbox gateway: the request checksum does not match.";
		return 400;
	}
	hset(r, "S.merchant", m);
	hset(r, "S.order", o);
	hset_int(r, "S.amount", amount);
	hset(r, "S.rupees", rupees(r->a, amount));
	hset(r, "S.return", ret);
	hset(r, "S.callback", cb);
	hset(r, "S.checksum", sum);
	return tmpl_render(r, "sandbox_pay.cs");
}

/* POST /sandbox/pay/decide — the sandbox records the outcome, calls back
 * (unless mode=nocallback) and sends the browser back with a signed result */
int page_sandbox_decide(struct req *r)
{
	const char *o = req_form(r, "order_no"), *ret = req_form(r, "return_url"), *decision = req_form(r, "decision");
	long amount;
	if (!o || !ret || !parse_long(req_form(r, "amount"), 1, 1000000000L, &amount))
		return 400;
	const char *st = str_eq(decision, "pay") ? "SUCCESS" : "FAILED";
	unsigned char rnd[6];
	randombytes_buf(rnd, sizeof rnd);
	const char *txn = arena_printf(r->a, "SBX%s", hex_encode(r->a, rnd, sizeof rnd));
	db_exec("INSERT IGNORE INTO sandbox_orders (order_no, amount_paise, status, txn) VALUES (?, ?, ?, ?)", "siss", o,
		(long long)amount, st, txn);
	const char *ex = db_scalar(r->a, "SELECT status FROM sandbox_orders WHERE order_no = ?", "s", o);
	if (ex)
		st = ex;
	txn = db_scalar(r->a, "SELECT txn FROM sandbox_orders WHERE order_no = ?", "s", o);
	if (!str_eq(req_form(r, "mode"), "nocallback"))
		pay_settle(r, o, st, txn, amount, "callback");	/* stands in for the server-to-server call */
	hset(r, "S.return", ret);
	hset(r, "S.order", o);
	hset(r, "S.status", st);
	hset(r, "S.txn", txn);
	hset_int(r, "S.amount", amount);
	hset(r, "S.checksum", pay_mac(r->a, arena_printf(r->a, "%s|%s|%s|%s|%ld", cfg.pay_merchant, o, st, txn, amount)));
	return tmpl_render(r, "sandbox_return.cs");
}

/* GET /sandbox/pay/query?merchant_id=&order_no=&checksum= */
int page_sandbox_query(struct req *r)
{
	const char *m = req_query(r, "merchant_id"), *o = req_query(r, "order_no"), *sum = req_query(r, "checksum");
	if (!m || !o || !pay_mac_ok(r->a, arena_printf(r->a, "%s|%s", m, o), sum))
		return 400;
	struct dbres *s = db_query(r->a, "SELECT status, txn, amount_paise FROM sandbox_orders WHERE order_no = ?", "s", o);
	if (!s)
		return 503;
	struct sbuf b;
	struct jw w;
	sbuf_init(&b);
	jw_init(&w, &b);
	jw_obj(&w);
	jw_kstr(&w, "order_no", o);
	const char *st = s->nrows ? db_val(s, 0, 0) : "PENDING", *t = s->nrows ? db_val(s, 0, 1) : "-";
	long amt = s->nrows ? (long)db_int(s, 0, 2) : 0;
	jw_kstr(&w, "status", st);
	jw_kstr(&w, "gateway_txn", t);
	jw_kint(&w, "amount_paise", amt);
	jw_kstr(&w, "checksum", pay_mac(r->a, arena_printf(r->a, "%s|%s|%s|%s|%ld", m, o, st, t, amt)));
	jw_obj_end(&w);
	resp_json(r, 200, &b);
	sbuf_free(&b);
	return 0;
}

/* ---- receipts ---- */

static struct dbres *receipt_row(struct req *r, const char *no)
{
	return db_query(r->a, "SELECT receipt_no, kind, ref, user_id, amount_paise, details, DATE_FORMAT(created_at, '%Y-%m-%d %H:%i'), "
			      "IFNULL(app_id, 0) FROM receipts WHERE receipt_no = ?", "s", no);
}

/* GET /receipt/:no?s= — public check of a receipt's QR */
int page_receipt_verify(struct req *r)
{
	struct dbres *x = receipt_row(r, rp(r, 0));
	const char *s = req_query(r, "s");
	bool ok = x && x->nrows == 1 && s &&
		  pay_mac_ok(r->a, arena_printf(r->a, "receipt|%s|%lld", db_val(x, 0, 0), db_int(x, 0, 4)), s);
	hset(r, "Rc.ok", ok ? "1" : "");
	hset(r, "Rc.no", rp(r, 0));
	if (ok) {
		hset(r, "Rc.amount", rupees(r->a, (long)db_int(x, 0, 4)));
		hset(r, "Rc.at", db_val(x, 0, 6));
		hset(r, "Rc.kind", db_val(x, 0, 1));
	}
	return tmpl_render(r, "receipt.cs");
}

/* GET /receipts/:no/pdf — the receipt, for its owner */
int page_receipt_pdf(struct req *r)
{
	struct dbres *x = receipt_row(r, rp(r, 0));
	if (!x || x->nrows != 1)
		return 404;
	long app = (long)db_int(x, 0, 7);
	struct app *ap = app ? app_load(r->a, NULL, app, false) : NULL;
	if (db_int(x, 0, 3) != r->user->id && !(ap && app_visible(r->user, ap)))
		return 404;
	const char *err;
	struct jval *d = json_parse(r->a, db_val(x, 0, 5), x->lens[5], &err);
	struct cert_fact facts[8];
	size_t n = 0;
	facts[n++] = (struct cert_fact){ "Amount", "राशि", arena_printf(r->a, "Rs %s", rupees(r->a, (long)db_int(x, 0, 4))) };
	facts[n++] = (struct cert_fact){ "Paid on", "भुगतान तिथि", db_val(x, 0, 6) };
	facts[n++] = (struct cert_fact){ "For", "उद्देश्य", db_val(x, 0, 1) };
	facts[n++] = (struct cert_fact){ "Reference", "संदर्भ", db_val(x, 0, 2) };
	for (size_t i = 0; d && d->type == J_OBJ && i < d->n && n < 8; i++)
		if (d->kids[i]->type == J_STR)
			facts[n++] = (struct cert_fact){ d->keys[i], NULL, d->kids[i]->str };
	struct ack_layout al = {
		.state = { "Government of Jharkhand", "झारखण्ड सरकार" },
		.department = { "GramSewa", "ग्रामसेवा" },
		.title = { "Payment Receipt", "भुगतान रसीद" },
		.facts = facts, .n_facts = n,
		.app_no = db_val(x, 0, 0),
		.filed_date = db_val(x, 0, 6),
		.track_url = receipt_url(r->a, db_val(x, 0, 0), (long)db_int(x, 0, 4)),
		.track_line = arena_printf(r->a, "Verify at %s/receipt/%s", cfg.base_url, db_val(x, 0, 0)),
		.filed_at = now_secs(),
	};
	unsigned char *pdf = NULL;
	size_t len = 0;
	if (cert_pdf_render_ack(&al, &pdf, &len) != 0)
		return 500;
	resp_bytes(r, "application/pdf", pdf, len, arena_printf(r->a, "%s.pdf", db_val(x, 0, 0)));
	free(pdf);
	return 0;
}

/* ---- the CSC passbook ---- */

/* Statement rows for user between from and to (inclusive). */
static struct dbres *statement(struct req *r, long user, const char *from, const char *to, long long *opening)
{
	const char *o = db_scalar(r->a, "SELECT IFNULL(SUM(e.amount_paise), 0) FROM ledger_entries e JOIN ledger_txns t ON t.id = e.txn_id "
					"JOIN accounts ac ON ac.id = e.account_id WHERE ac.kind = 'wallet' AND ac.user_id = ? "
					"AND t.created_at < ?", "is", (long long)user, from);
	*opening = o ? strtoll(o, NULL, 10) : 0;
	return db_query(r->a, "SELECT DATE_FORMAT(t.created_at, '%Y-%m-%d %H:%i'), t.kind, e.amount_paise, IFNULL(t.reference, ''), "
			      "IFNULL(a.number, ''), t.id FROM ledger_entries e JOIN ledger_txns t ON t.id = e.txn_id "
			      "JOIN accounts ac ON ac.id = e.account_id LEFT JOIN applications a ON a.id = t.app_id "
			      "WHERE ac.kind = 'wallet' AND ac.user_id = ? AND t.created_at >= ? AND t.created_at < ? + INTERVAL 1 DAY "
			      "ORDER BY e.id LIMIT 5000", "iss", (long long)user, from, to);
}

/* GET /csc/wallet?from=&to=&format=csv|pdf */
int page_wallet(struct req *r)
{
	const char *from = req_query(r, "from"), *to = req_query(r, "to"), *fmt = req_query(r, "format");
	const char *today = ist_today(r->a);
	if (!from)
		from = db_scalar(r->a, "SELECT CURDATE() - INTERVAL 30 DAY", NULL);
	if (!to)
		to = today;
	int y, m, d;
	if (!parse_date(from, &y, &m, &d) || !parse_date(to, &y, &m, &d) || strcmp(from, to) > 0) {
		r->err_detail = tmpl_str(r->lang, "wallet.dates_bad");
		return 400;
	}
	long long bal;
	struct dbres *rows = statement(r, r->user->id, from, to, &bal);
	if (!rows)
		return 503;
	long long opening = bal;
	struct sbuf csv;
	sbuf_init(&csv);
	sbuf_adds(&csv, "date,kind,amount_paise,balance_paise,reference,application\r\n");
	struct cert_fact *facts = arena_alloc(r->a, (rows->nrows + 3) * sizeof *facts);
	size_t nf = 0;
	facts[nf++] = (struct cert_fact){ "Opening balance", "प्रारंभिक शेष", arena_printf(r->a, "Rs %s", rupees(r->a, (long)opening)) };
	for (size_t i = 0; i < rows->nrows; i++) {
		long long amt = db_int(rows, i, 2);
		bal += amt;
		const char *p = arena_printf(r->a, "Rows.%zu", i);
		hset(r, arena_printf(r->a, "%s.at", p), db_val(rows, i, 0));
		hset(r, arena_printf(r->a, "%s.kind", p), tmpl_str(r->lang, arena_printf(r->a, "wallet.kind.%s", db_val(rows, i, 1))));
		hset(r, arena_printf(r->a, "%s.amount", p), arena_printf(r->a, "%s%s", amt < 0 ? "−" : "+", rupees(r->a, (long)(amt < 0 ? -amt : amt))));
		hset(r, arena_printf(r->a, "%s.balance", p), rupees(r->a, (long)bal));
		hset(r, arena_printf(r->a, "%s.ref", p), db_val(rows, i, 3));
		hset(r, arena_printf(r->a, "%s.app", p), db_val(rows, i, 4));
		if (amt < 0)
			hset(r, arena_printf(r->a, "%s.debit", p), "1");
		sbuf_printf(&csv, "%s,%s,%lld,%lld,", db_val(rows, i, 0), db_val(rows, i, 1), amt, bal);
		csv_cell(&csv, db_val(rows, i, 3));
		sbuf_addc(&csv, ',');
		csv_cell(&csv, db_val(rows, i, 4));
		sbuf_adds(&csv, "\r\n");
		facts[nf++] = (struct cert_fact){ db_val(rows, i, 0), db_val(rows, i, 1),
						  arena_printf(r->a, "%s%s  (%s)  balance %s", amt < 0 ? "-" : "+",
							       rupees(r->a, (long)(amt < 0 ? -amt : amt)), db_val(rows, i, 3),
							       rupees(r->a, (long)bal)) };
	}
	facts[nf++] = (struct cert_fact){ "Closing balance", "अंतिम शेष", arena_printf(r->a, "Rs %s", rupees(r->a, (long)bal)) };
	if (str_eq(fmt, "csv")) {
		resp_bytes(r, "text/csv; charset=utf-8", csv.data, csv.len, arena_printf(r->a, "wallet-%s-%s.csv", from, to));
		sbuf_free(&csv);
		return 0;
	}
	sbuf_free(&csv);
	if (str_eq(fmt, "pdf")) {
		struct ack_layout al = {
			.state = { "Government of Jharkhand", "झारखण्ड सरकार" },
			.department = { "GramSewa CSC wallet", "ग्रामसेवा CSC वॉलेट" },
			.office = { r->user->name, NULL },
			.title = { "Wallet statement", "वॉलेट विवरण" },
			.facts = facts, .n_facts = nf,
			.app_no = arena_printf(r->a, "%s to %s", from, to),
			.filed_date = today,
			.track_url = arena_printf(r->a, "%s/csc/wallet", cfg.base_url),
			.track_line = arena_printf(r->a, "%s/csc/wallet", cfg.base_url),
			.filed_at = now_secs(),
		};
		unsigned char *pdf = NULL;
		size_t len = 0;
		if (cert_pdf_render_ack(&al, &pdf, &len) != 0)
			return 500;
		resp_bytes(r, "application/pdf", pdf, len, arena_printf(r->a, "wallet-%s-%s.pdf", from, to));
		free(pdf);
		return 0;
	}
	hset(r, "W.from", from);
	hset(r, "W.to", to);
	hset(r, "W.opening", rupees(r->a, (long)opening));
	hset(r, "W.closing", rupees(r->a, (long)bal));
	hset(r, "W.balance", rupees(r->a, wallet_balance(r->a, r->user->id)));
	if (req_query(r, "paid"))
		hset(r, "Flash", tmpl_str(r->lang, str_eq(req_query(r, "paid"), "success") ? "pay.done" : "pay.failed"));
	return tmpl_render(r, "wallet.cs");
}

/* ---- administrators ---- */

/* GET /admin/wallets?location=ID — CSC operators and balances */
int page_admin_wallets(struct req *r)
{
	const char *ls = req_query(r, "location");
	long loc = 0;
	if (ls && !parse_long(ls, 1, 2000000000L, &loc))
		return 400;
	struct loc *l = loc ? loc_get(r->a, loc) : NULL;
	if (loc && !l)
		return 404;
	if (l && !juris_path(r->user, l->path))
		return 403;
	/* without ?location: the whole state for a state admin, else the
	 * caller's own district or block */
	const char *prefix = l ? l->path : juris_prefixes(r->a, r->user, RB(ROLE_DI) | RB(ROLE_BI))[0].path;
	if (!prefix)
		return 403;
	struct dbres *rows = db_query(r->a,
		"SELECT u.id, u.username, TRIM(CONCAT_WS(' ', u.first_name, u.last_name)), u.csc_id, l.name_en, "
		"IFNULL((SELECT balance_paise FROM accounts WHERE kind = 'wallet' AND user_id = u.id), 0) "
		"FROM users u JOIN role_holdings rh ON rh.user_id = u.id AND rh.role = 'csc' AND rh.active = 1 "
		"JOIN locations l ON l.id = rh.location_id WHERE l.path LIKE CONCAT(?, '%') ORDER BY u.username LIMIT 500",
		"s", prefix);
	if (!rows)
		return 503;
	for (size_t i = 0; i < rows->nrows; i++) {
		const char *p = arena_printf(r->a, "Rows.%zu", i);
		hset(r, arena_printf(r->a, "%s.id", p), db_val(rows, i, 0));
		hset(r, arena_printf(r->a, "%s.username", p), db_val(rows, i, 1));
		hset(r, arena_printf(r->a, "%s.name", p), db_val(rows, i, 2));
		hset(r, arena_printf(r->a, "%s.csc_id", p), db_val(rows, i, 3));
		hset(r, arena_printf(r->a, "%s.place", p), db_val(rows, i, 4));
		hset(r, arena_printf(r->a, "%s.balance", p), rupees(r->a, (long)db_int(rows, i, 5)));
	}
	hset(r, "Loc", l ? l->name_en : "");
	hset(r, "Topped", req_query(r, "topped"));
	hset(r, "Repeat", req_query(r, "repeat"));
	return tmpl_render(r, "admin_wallets.cs");
}

/* POST /admin/wallets/:user — top-up by an administrator with a reference */
int page_admin_topup(struct req *r)
{
	long uid, amount;
	const char *ref = req_form(r, "reference");
	if (!parse_long(rp(r, 0), 1, 2000000000L, &uid))
		return 404;
	bool amount_ok = parse_long(req_form(r, "rupees"), 1, 100000, &amount);
	bool ref_ok = ref && utf8_chars(ref) >= 3 && utf8_chars(ref) <= LIM_REFERENCE;
	if (!amount_ok || !ref_ok) {
		if (!amount_ok)
			form_error(r, "rupees", "wallet.topup_bad");
		if (!ref_ok)
			form_error(r, "reference", "wallet.reference_bad");
		r->err_detail = tmpl_str(r->lang, "wallet.topup_bad");
		return 422;
	}
	if (!db_scalar(r->a, "SELECT id FROM users WHERE id = ? AND user_type = 'csc'", "i", (long long)uid))
		return 404;
	if (db_begin() != 0)
		return 503;
	enum wallet_rc wr = wallet_topup(r->a, &r->actor, uid, amount * 100, ref);
	if ((wr != WALLET_OK && wr != WALLET_REPEAT) || db_commit() != 0) {
		db_rollback();
		return 503;
	}
	resp_redirect(r, wr == WALLET_REPEAT ? "/admin/wallets?repeat=1" : "/admin/wallets?topped=1");
	return 0;
}

/* GET /admin/money?day=YYYY-MM-DD[&format=csv] — the daily reconciliation */
int page_admin_money(struct req *r)
{
	const char *day = req_query(r, "day");
	int y, m, d;
	if (!day)
		day = ist_today(r->a);
	if (!parse_date(day, &y, &m, &d))
		return 400;
	struct dbres *rows = db_query(r->a,
		"SELECT t.kind, ac.kind, ac.name, SUM(e.amount_paise), COUNT(DISTINCT t.id) FROM ledger_txns t "
		"JOIN ledger_entries e ON e.txn_id = t.id JOIN accounts ac ON ac.id = e.account_id "
		"WHERE t.created_at >= ? AND t.created_at < ? + INTERVAL 1 DAY GROUP BY t.kind, ac.kind, ac.name ORDER BY t.kind, ac.kind, ac.name",
		"ss", day, day);
	if (!rows)
		return 503;
	long long wallet_debits = 0, dept = 0, charges = 0, commissions = 0, refunds = 0, sum = 0;
	struct sbuf csv;
	sbuf_init(&csv);
	sbuf_adds(&csv, "transaction_kind,account_kind,account,amount_paise,transactions\r\n");
	for (size_t i = 0; i < rows->nrows; i++) {
		const char *tk = db_val(rows, i, 0), *ak = db_val(rows, i, 1), *name = db_val(rows, i, 2);
		long long v = db_int(rows, i, 3);
		sum += v;
		if ((str_eq(tk, "debit") || str_eq(tk, "bill")) && str_eq(ak, "wallet"))
			wallet_debits += -v;
		if (str_eq(ak, "department") && v > 0 && !str_eq(tk, "refund"))
			dept += v;
		if (str_eq(tk, "debit") && str_eq(ak, "commission") && v > 0)
			charges += v;
		if (str_eq(tk, "commission") && str_eq(ak, "wallet"))
			commissions += v;
		if (str_eq(tk, "refund") && str_eq(ak, "wallet"))
			refunds += v;
		const char *p = arena_printf(r->a, "Rows.%zu", i);
		hset(r, arena_printf(r->a, "%s.tkind", p), tk);
		hset(r, arena_printf(r->a, "%s.akind", p), ak);
		hset(r, arena_printf(r->a, "%s.name", p), name);
		hset(r, arena_printf(r->a, "%s.amount", p), arena_printf(r->a, "%s%s", v < 0 ? "−" : "", rupees(r->a, (long)(v < 0 ? -v : v))));
		hset(r, arena_printf(r->a, "%s.n", p), db_val(rows, i, 4));
		sbuf_printf(&csv, "%s,%s,", tk, ak);
		csv_cell(&csv, name);
		sbuf_printf(&csv, ",%lld,%s\r\n", v, db_val(rows, i, 4));
	}
	if (str_eq(req_query(r, "format"), "csv")) {
		resp_bytes(r, "text/csv; charset=utf-8", csv.data, csv.len, arena_printf(r->a, "reconciliation-%s.csv", day));
		sbuf_free(&csv);
		return 0;
	}
	sbuf_free(&csv);
	hset(r, "M.day", day);
	hset(r, "M.wallet_debits", rupees(r->a, (long)wallet_debits));
	hset(r, "M.dept", rupees(r->a, (long)dept));
	hset(r, "M.charges", rupees(r->a, (long)charges));
	hset(r, "M.commissions", rupees(r->a, (long)commissions));
	hset(r, "M.refunds", rupees(r->a, (long)refunds));
	hset(r, "M.balanced", sum == 0 ? "1" : "");
	hset(r, "Refunded", req_query(r, "refunded"));
	/* money the gateway took for applications already paid: to be refunded */
	struct dbres *owed = db_query(r->a, "SELECT o.order_no, IFNULL(a.number, ''), o.amount_paise, "
					    "DATE_FORMAT(o.settled_at, '%Y-%m-%d %H:%i') FROM payment_orders o "
					    "LEFT JOIN applications a ON a.id = o.app_id WHERE o.status = 'refund_due' ORDER BY o.id LIMIT 200", NULL);
	for (size_t i = 0; owed && i < owed->nrows; i++) {
		const char *p = arena_printf(r->a, "Owed.%zu", i);
		hset(r, arena_printf(r->a, "%s.order", p), db_val(owed, i, 0));
		hset(r, arena_printf(r->a, "%s.app", p), db_val(owed, i, 1));
		hset(r, arena_printf(r->a, "%s.amount", p), rupees(r->a, (long)db_int(owed, i, 2)));
		hset(r, arena_printf(r->a, "%s.at", p), db_val(owed, i, 3));
	}
	return tmpl_render(r, "admin_money.cs");
}

/* POST /admin/money/refund/:order {reference} — records the refund of an
 * owed payment, made at the gateway's refund desk: the money leaves the
 * refunds-due account and the order is closed. */
int page_admin_refund(struct req *r)
{
	const char *ref = req_form(r, "reference");
	if (!ref || utf8_chars(str_trim((char *)ref)) < 3 || utf8_chars(ref) > LIM_REFERENCE) {
		form_error(r, "reference", "wallet.reference_bad");
		r->err_detail = tmpl_str(r->lang, "wallet.reference_bad");
		return 422;
	}
	if (db_begin() != 0)
		return 503;
	struct dbres *o = db_query(r->a, "SELECT id, amount_paise, IFNULL(app_id, 0), user_id FROM payment_orders "
					 "WHERE order_no = ? AND status = 'refund_due' FOR UPDATE", "s", rp(r, 0));
	if (!o || o->nrows != 1) {
		db_rollback();
		return o ? 404 : 503;
	}
	long owed = book_account(r->a, "gateway", "refunds-due", 0), gw = book_account(r->a, "gateway", "gateway-receipts", 0);
	enum wallet_rc wr = ledger_move(r->a, "refund", arena_printf(r->a, "refund:%s", rp(r, 0)), owed, gw, (long)db_int(o, 0, 1),
					(long)db_int(o, 0, 2), ref, r->user->id, false);
	struct audit_entry e = { .action = "pay.refunded", .entity = "payment", .entity_id = rp(r, 0), .remarks = ref };
	if ((wr != WALLET_OK && wr != WALLET_REPEAT) ||
	    db_exec("UPDATE payment_orders SET status = 'refunded', refund_ref = ? WHERE id = ?", "si", ref, db_int(o, 0, 0)) != 1 ||
	    audit_write(&r->actor, &e) != 0 || db_commit() != 0) {
		db_rollback();
		return 503;
	}
	resp_redirect(r, "/admin/money?refunded=1#owed");
	return 0;
}

/* ---- bills at the CSC ---- */

/* GET /csc/bills */
int page_bills(struct req *r)
{
	struct dbres *b = db_query(r->a, "SELECT code, name_en, name_hi, fetch_label_en, fetch_label_hi, category FROM billers "
					 "WHERE active = 1 ORDER BY category, name_en", NULL);
	static const char *const cols[] = { "code", "name_en", "name_hi", "label_en", "label_hi", "category", NULL };
	hset_rows(r, "Billers", b, cols);
	struct dbres *recent = db_query(r->a, "SELECT b.id, bl.name_en, b.consumer_no, b.amount_paise, b.status FROM bills b "
					      "JOIN billers bl ON bl.id = b.biller_id WHERE b.operator_id = ? ORDER BY b.id DESC LIMIT 20",
					"i", (long long)r->user->id);
	static const char *const rcols[] = { "id", "biller", "consumer", "amount", "status", NULL };
	hset_rows(r, "Recent", recent, rcols);
	return tmpl_render(r, "bills.cs");
}

/* POST /csc/bills — fetch a bill */
int page_bill_fetch(struct req *r)
{
	const char *err = NULL;
	hset(r, "Form.val.biller", req_form(r, "biller"));
	hset(r, "Form.val.consumer", req_form(r, "consumer"));
	if (db_begin() != 0)
		return 503;
	long id = bill_fetch(r, req_form(r, "biller"), req_form(r, "consumer"), &err);
	if (!id || db_commit() != 0) {
		db_rollback();
		form_error(r, "consumer", err ? err : "bill.store_failed");
		r->status = 422;
		int rc = page_bills(r);
		r->status = 422;
		return rc;
	}
	resp_redirect(r, arena_printf(r->a, "/csc/bills/%ld", id));
	return 0;
}

/* GET /csc/bills/:id */
int page_bill(struct req *r)
{
	long id;
	if (!parse_long(rp(r, 0), 1, 2000000000000L, &id))
		return 404;
	struct dbres *b = db_query(r->a, "SELECT b.id, bl.name_en, bl.name_hi, b.consumer_no, b.consumer_name, b.amount_paise, b.due_date, "
					 "b.status, IFNULL(b.biller_txn, ''), (SELECT receipt_no FROM receipts WHERE kind = 'bill' AND ref = b.id) "
					 "FROM bills b JOIN billers bl ON bl.id = b.biller_id WHERE b.id = ? AND b.operator_id = ?", "ii",
				   (long long)id, (long long)r->user->id);
	if (!b || b->nrows != 1)
		return 404;
	static const char *const cols[] = { "id", "biller_en", "biller_hi", "consumer", "name", "amount", "due", "status", "txn", "receipt", NULL };
	hset_rows(r, "Bill", b, cols);
	hset(r, "Bill.0.rupees", rupees(r->a, (long)db_int(b, 0, 5)));
	hset(r, "Bill.0.status_text", tmpl_str(r->lang, arena_printf(r->a, "bill.st.%s", db_val(b, 0, 7))));
	hset(r, "Balance", rupees(r->a, wallet_balance(r->a, r->user->id)));
	return tmpl_render(r, "bill.cs");
}

/* POST /csc/bills/:id/pay */
int page_bill_pay(struct req *r)
{
	long id;
	if (!parse_long(rp(r, 0), 1, 2000000000000L, &id))
		return 404;
	const char *err = NULL;
	if (!form_max_len(r, "idem", req_form(r, "idem"), LIM_IDEM_KEY)) {
		r->err_detail = tmpl_str(r->lang, "bill.store_failed");
		return 422;
	}
	const char *st = bill_pay(r, id, req_form(r, "idem"), &err);
	if (!st) {
		r->err_detail = tmpl_str(r->lang, err ? err : "bill.store_failed");
		return str_eq(err, "bill.not_found") ? 404 : 422;
	}
	resp_redirect(r, arena_printf(r->a, "/csc/bills/%ld", id));
	return 0;
}
