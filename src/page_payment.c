/*
 * page_payment.c — paying online on pages: the start (an application's fee
 * or a CSC's top-up), the browser's return and the gateway's server
 * callback, the test-only sandbox gateway, receipts (the public QR check
 * and the PDF), and the administrators' record of a refund owed back.
 * The rules and every write are in payment.c.
 */
#include "pages.h"
#include "application.h"
#include "cert_pdf.h"
#include "cert_render.h"
#include "config.h"
#include "db.h"
#include "money.h"
#include "payment.h"
#include "tmpl.h"

#include <stdlib.h>
#include <string.h>

/* ---- paying ---- */

/* Renders the form that carries the browser to the gateway. */
static int to_gateway(struct req *r, const struct pay_order *o)
{
	const char *ret = arena_printf(r->a, "%s/pay/return", cfg.base_url);
	const char *cb = arena_printf(r->a, "%s/pay/callback", cfg.base_url);
	hset(r, "Pay.url", cfg.pay_gateway_url);
	hset(r, "Pay.merchant", cfg.pay_merchant);
	hset(r, "Pay.order", o->no);
	hset_int(r, "Pay.amount", o->amount);
	hset(r, "Pay.rupees", money_fmt(r->a, o->amount));
	hset(r, "Pay.return", ret);
	hset(r, "Pay.callback", cb);
	hset(r, "Pay.checksum", pay_mac(r->a, arena_printf(r->a, "%s|%s|%lld|%s|%s", cfg.pay_merchant, o->no, o->amount, ret, cb)));
	return tmpl_render(r, "pay_redirect.cs");
}

/* POST /pay/start — app=<number> (an unpaid application) or topup=<rupees> */
int page_pay_start(struct req *r)
{
	struct pay_for in = { .app_number = req_form(r, "app") };
	if (!in.app_number && !money_parse(req_form(r, "topup"), false, &in.topup_paise))
		in.topup_paise = 0;	/* refused as out of range */
	struct pay_order o;
	struct outcome out;
	out_init(&out, r->a);
	if (pay_start(r->a, &r->actor, &in, &o, &out) != 0)
		return page_outcome(r, &out);
	return to_gateway(r, &o);
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

/* POST /pay/return — the browser back from the gateway */
int page_pay_return(struct req *r)
{
	const char *order, *txn;
	long amount;
	const char *st = gateway_answer(r, &order, &txn, &amount);
	if (!st) {
		pay_refused(&r->actor, "return", order);
		r->err_detail = tmpl_str(r->lang, "pay.tampered");
		return 400;
	}
	enum settle_rc rc = pay_settle(r->a, &r->actor, order, st, txn, amount, "return");
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
		pay_refused(&r->actor, "callback", order);
		sbuf_adds(&b, "{\"result\":\"bad checksum\"}");
		status = 400;
	} else {
		enum settle_rc rc = pay_settle(r->a, &r->actor, order, st, txn, amount, "callback");
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
	hset(r, "S.rupees", money_fmt(r->a, amount));
	hset(r, "S.return", ret);
	hset(r, "S.callback", cb);
	hset(r, "S.checksum", sum);
	return tmpl_render(r, "sandbox_pay.cs");
}

/* POST /sandbox/pay/decide — the sandbox records the outcome, calls back
 * (unless mode=nocallback) and sends the browser back with a signed result */
int page_sandbox_decide(struct req *r)
{
	const char *o = req_form(r, "order_no"), *ret = req_form(r, "return_url");
	long amount;
	if (!o || !ret || !parse_long(req_form(r, "amount"), 1, 1000000000L, &amount))
		return 400;
	const char *st, *txn;
	if (pay_sandbox_decide(r->a, o, amount, req_form(r, "decision"), &st, &txn) != 0)
		return 503;
	if (!str_eq(req_form(r, "mode"), "nocallback"))
		pay_settle(r->a, &r->actor, o, st, txn, amount, "callback");	/* stands in for the server-to-server call */
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
		hset(r, "Rc.amount", money_fmt(r->a, db_int(x, 0, 4)));
		hset(r, "Rc.at", date_long(r->a, db_val(x, 0, 6), r->lang));
		hset(r, "Rc.kind", tmpl_str(r->lang, arena_printf(r->a, "pay.kinds.%s", db_val(x, 0, 1))));
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
	long long amount = db_int(x, 0, 4);
	const char *kind = db_val(x, 0, 1), *at = db_val(x, 0, 6);
	struct dbres *payer = db_query(r->a, "SELECT TRIM(CONCAT_WS(' ', first_name, middle_name, last_name)), IFNULL(mobile, '') "
					     "FROM users WHERE id = ?", "i", db_int(x, 0, 3));
	const char *who = payer && payer->nrows == 1 ? db_val(payer, 0, 0) : "";
	if (str_empty(who) && ap && ap->applicant_id == db_int(x, 0, 3))
		who = ap->applicant_name;	/* a citizen who has not given a name yet: the one on the form */
	if (payer && payer->nrows == 1 && !str_empty(db_val(payer, 0, 1)))
		who = arena_printf(r->a, "%s (%s)", str_empty(who) ? "—" : who, db_val(payer, 0, 1));
	/* what was paid for, as people say it, in both languages */
	const char *for_text, *through;
	if (str_eq(kind, "payment") && ap) {
		const struct svc *sv = ap->ver->def;
		for_text = arena_printf(r->a, "आवेदन %s का शुल्क — %s / Fee for application %s — %s", ap->number, sv->name.hi,
					ap->number, sv->name.en);
		through = "ऑनलाइन भुगतान / Online payment";
	} else if (str_eq(kind, "bill")) {
		const char *code = json_get_str(d, "biller");
		struct dbres *b = db_query(r->a, "SELECT name_hi, name_en FROM billers WHERE code = ?", "s", code ? code : "");
		const char *hi = b && b->nrows == 1 ? db_val(b, 0, 0) : code, *en = b && b->nrows == 1 ? db_val(b, 0, 1) : code;
		for_text = arena_printf(r->a, "%s बिल, उपभोक्ता %s / %s bill, consumer %s", hi, json_get_str(d, "consumer"), en,
					json_get_str(d, "consumer"));
		through = "CSC वॉलेट / CSC wallet";
	} else {
		for_text = "CSC वॉलेट में राशि जमा / CSC wallet top-up";
		through = "ऑनलाइन भुगतान / Online payment";
	}
	struct cert_fact facts[] = {
		{ "Received from", "भुगतानकर्ता", who },
		{ "Paid for", "किस लिए", for_text },
		{ "Amount in words", "राशि शब्दों में",
		  arena_printf(r->a, "%s / %s", money_words(r->a, amount, "hi"), money_words(r->a, amount, "en")) },
		{ "Paid through", "भुगतान का माध्यम", through },
		{ "Reference", "संदर्भ", db_val(x, 0, 2) },
	};
	struct doc_layout al = {
		.state = { cfg.state_name_en, cfg.state_name_hi },
		.department = { "GramSewa", "ग्रामसेवा" },
		.title = { "Payment Receipt", "भुगतान रसीद" },
		.refs = { { "Receipt No.", "रसीद संख्या", db_val(x, 0, 0) },
			  { "Date and time of payment", "भुगतान की तिथि और समय", cert_date(r->a, at) },
			  { "Amount paid", "भुगतान राशि", money_fmt(r->a, amount) } },
		.n_refs = 3,
		.facts = facts, .n_facts = ARRAY_LEN(facts),
		.no_label = "रसीद संख्या / Receipt No.:",
		.no = db_val(x, 0, 0),
		.qr_payload = receipt_url(r->a, db_val(x, 0, 0), (long)amount),
		.qr_caption = "रसीद जाँचने हेतु स्कैन करें / Scan to check this receipt",
		.qr_line = arena_printf(r->a, "%s/receipt/%s", cfg.base_url, db_val(x, 0, 0)),
		.foot = { "This is a computer-generated receipt; no signature is required.",
			  "यह कंप्यूटर जनित रसीद है, हस्ताक्षर आवश्यक नहीं।" },
		.note = "कृपया यह रसीद सुरक्षित रखें।  Please keep this receipt.",
		.at = now_secs(),
	};
	unsigned char *pdf = NULL;
	size_t len = 0;
	if (cert_pdf_render_doc(&al, &pdf, &len) != 0)
		return 500;
	resp_bytes(r, "application/pdf", pdf, len, arena_printf(r->a, "%s.pdf", db_val(x, 0, 0)));
	free(pdf);
	return 0;
}

/* ---- administrators ---- */

/* POST /admin/money/refund/:order {reference} — records the refund of an
 * owed payment, made at the gateway's refund desk (pay_refund) */
int page_admin_refund(struct req *r)
{
	struct outcome out;
	out_init(&out, r->a);
	if (pay_refund(r->a, &r->actor, rp(r, 0), req_form(r, "reference"), &out) != 0)
		return page_outcome(r, &out);
	resp_redirect(r, "/admin/money?refunded=1#owed");
	return 0;
}
