/*
 * page_wallet.c — CSC wallets on pages and in the API: the operator's
 * passbook (page, CSV, PDF; /api/v1/wallet and its entries), the
 * administrators' wallet list and top-ups (page and
 * /api/v1/admin/wallets/USER/topup), and the daily reconciliation of the
 * ledger.  The rules and every write are in wallet.c.
 */
#include "pages.h"
#include "apiutil.h"
#include "cert_pdf.h"
#include "config.h"
#include "csv.h"
#include "db.h"
#include "location.h"
#include "money.h"
#include "tmpl.h"
#include "user.h"
#include "wallet.h"

#include <stdlib.h>
#include <string.h>

/* An amount with its sign spelt out, as a ledger shows it: "+₹30", "−₹30"
 * (a true minus sign); with plus false a credit has no sign. */
static const char *signed_money(struct arena *a, long long paise, bool plus)
{
	return arena_printf(a, "%s%s", paise < 0 ? "−" : plus ? "+" : "", money_fmt(a, paise < 0 ? -paise : paise));
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
	struct stmt_row *srows = arena_alloc(r->a, (rows->nrows + 1) * sizeof *srows);
	/* the page shows the period's latest PASSBOOK_PAGE entries after the
	 * balance brought forward; the CSV and the PDF carry every entry */
	enum { PASSBOOK_PAGE = 30 };
	size_t first = rows->nrows > PASSBOOK_PAGE ? rows->nrows - PASSBOOK_PAGE : 0;
	long long forward = opening;
	for (size_t i = 0; i < rows->nrows; i++) {
		long long amt = db_int(rows, i, 2);
		if (i < first)
			forward += amt;
		bal += amt;
		if (i >= first) {
			const char *p = arena_printf(r->a, "Rows.%zu", i - first);
			hset(r, arena_printf(r->a, "%s.at", p), date_long(r->a, db_val(rows, i, 0), r->lang));
			hset(r, arena_printf(r->a, "%s.kind", p), tmpl_str(r->lang, arena_printf(r->a, "wallet.kind.%s", db_val(rows, i, 1))));
			hset(r, arena_printf(r->a, "%s.amount", p), signed_money(r->a, amt, true));
			hset(r, arena_printf(r->a, "%s.balance", p), money_fmt(r->a, bal));
			hset(r, arena_printf(r->a, "%s.ref", p), db_val(rows, i, 3));
			hset(r, arena_printf(r->a, "%s.app", p), db_val(rows, i, 4));
			if (amt < 0)
				hset(r, arena_printf(r->a, "%s.debit", p), "1");
		}
		sbuf_printf(&csv, "%s,%s,%lld,%lld,", db_val(rows, i, 0), db_val(rows, i, 1), amt, bal);
		csv_cell(&csv, db_val(rows, i, 3));
		sbuf_addc(&csv, ',');
		csv_cell(&csv, db_val(rows, i, 4));
		sbuf_adds(&csv, "\r\n");
		const char *key = arena_printf(r->a, "wallet.kind.%s", db_val(rows, i, 1));
		const char *what = str_empty(db_val(rows, i, 4)) ? db_val(rows, i, 3) : db_val(rows, i, 4);
		srows[i] = (struct stmt_row){ date_long(r->a, db_val(rows, i, 0), r->lang),
					      arena_printf(r->a, "%s / %s%s%s", tmpl_str("hi", key), tmpl_str("en", key),
							   str_empty(what) ? "" : " · ", what),
					      amt < 0 ? money_fmt(r->a, -amt) : NULL, amt >= 0 ? money_fmt(r->a, amt) : NULL,
					      money_fmt(r->a, bal) };
	}
	if (str_eq(fmt, "csv")) {
		resp_bytes(r, "text/csv; charset=utf-8", csv.data, csv.len, arena_printf(r->a, "wallet-%s-%s.csv", from, to));
		sbuf_free(&csv);
		return 0;
	}
	sbuf_free(&csv);
	if (str_eq(fmt, "pdf")) {
		struct statement_layout sl = {
			.state = { cfg.state_name_en, cfg.state_name_hi },
			.department = { "GramSewa — CSC wallet", "ग्रामसेवा — CSC वॉलेट" },
			.title = { "Wallet statement", "वॉलेट विवरण" },
			.refs = { { "CSC operator", "CSC संचालक", r->user->name },
				  { "Period", "अवधि", arena_printf(r->a, "%s – %s / %s – %s", date_long(r->a, from, "hi"),
								   date_long(r->a, to, "hi"), date_long(r->a, from, "en"),
								   date_long(r->a, to, "en")) } },
			.n_refs = 2,
			.opening = money_fmt(r->a, opening), .closing = money_fmt(r->a, bal),
			.rows = srows, .n_rows = rows->nrows,
			.no_label = "वॉलेट विवरण / Wallet statement:", .no = r->user->name,
			.foot = { "This is a computer-generated statement; no signature is required.",
				  "यह कंप्यूटर जनित विवरण है, हस्ताक्षर आवश्यक नहीं।" },
			.at = now_secs(),
		};
		unsigned char *pdf = NULL;
		size_t len = 0;
		if (cert_pdf_render_statement(&sl, &pdf, &len) != 0)
			return 500;
		resp_bytes(r, "application/pdf", pdf, len, arena_printf(r->a, "wallet-%s-%s.pdf", from, to));
		free(pdf);
		return 0;
	}
	hset(r, "W.from", from);
	hset(r, "W.from_long", date_long(r->a, from, r->lang));
	hset(r, "W.to", to);
	hset(r, "W.to_long", date_long(r->a, to, r->lang));
	hset(r, "W.opening", money_fmt(r->a, forward));
	if (first)
		hset_int(r, "W.earlier", (long long)first);
	hset(r, "W.closing", money_fmt(r->a, bal));
	hset(r, "W.balance", money_fmt(r->a, wallet_balance(r->a, r->user->id)));
	if (req_query(r, "paid"))
		hset(r, "Flash", tmpl_str(r->lang, str_eq(req_query(r, "paid"), "success") ? "pay.done" : "pay.failed"));
	return tmpl_render(r, "wallet.cs");
}

static const struct api_col wallet_entry_cols[] = {
	{"txn", 0, AK_INT},
	{"kind", 1, AK_STR},
	{"amount_paise", 2, AK_INT},
	{"at", 3, AK_STR},
	{"reference", 4, AK_STR},
	{"application", 5, AK_STR},
};

/* GET /api/v1/wallet and /api/v1/wallet/entries?from=&to= */
int api_wallet(struct req *r)
{
	bool entries = str_ends_with(r->path, "/entries");
	struct sbuf b;
	struct jw w;
	sbuf_init(&b);
	jw_init(&w, &b);
	jw_obj(&w);
	if (!entries) {
		jw_kint(&w, "balance_paise", wallet_balance(r->a, r->user->id));
	} else {
		const char *from = req_query(r, "from"), *to = req_query(r, "to");
		int y, m, d;
		if ((from && !parse_date(from, &y, &m, &d)) || (to && !parse_date(to, &y, &m, &d))) {
			sbuf_free(&b);
			form_error(r, "from", "form.err.date");
			return 422;
		}
		struct dbres *e = db_query(r->a,
			"SELECT t.id, t.kind, e.amount_paise, DATE_FORMAT(t.created_at, '%Y-%m-%dT%H:%i:%s+05:30'), t.reference, "
			"IFNULL(a.number, '') FROM ledger_entries e JOIN ledger_txns t ON t.id = e.txn_id JOIN accounts ac ON ac.id = e.account_id "
			"LEFT JOIN applications a ON a.id = t.app_id WHERE ac.kind = 'wallet' AND ac.user_id = ? "
			"AND (? = '' OR t.created_at >= ?) AND (? = '' OR t.created_at < ? + INTERVAL 1 DAY) ORDER BY e.id LIMIT 1000",
			"issss", (long long)r->user->id, from ? from : "", from ? from : "", to ? to : "", to ? to : "");
		jw_key(&w, "items");
		jw_arr(&w);
		for (size_t i = 0; e && i < e->nrows; i++) {
			jw_obj(&w);
			API_COLS(r->a, &w, e, i, wallet_entry_cols);
			jw_obj_end(&w);
		}
		jw_arr_end(&w);
		jw_key(&w, "next");
		jw_null(&w);
	}
	jw_obj_end(&w);
	return api_send(r, 200, &b);
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
		hset(r, arena_printf(r->a, "%s.balance", p), money_fmt(r->a, db_int(rows, i, 5)));
	}
	hset(r, "Loc", l ? l->name_en : "");
	hset(r, "Topped", req_query(r, "topped"));
	hset(r, "Repeat", req_query(r, "repeat"));
	return tmpl_render(r, "admin_wallets.cs");
}

/* POST /admin/wallets/:user — top-up by an administrator with a reference
 * (the amount in rupees, as typed) */
int page_admin_topup(struct req *r)
{
	struct topup in = { .reference = req_form(r, "reference") };
	if (!parse_long(rp(r, 0), 1, 2000000000L, &in.user_id))
		return 404;
	if (!money_parse(req_form(r, "rupees"), false, &in.paise))
		in.paise = 0;	/* refused as out of range */
	bool credited;
	struct outcome out;
	out_init(&out, r->a);
	if (wallet_topup(r->a, &r->actor, &in, &credited, &out) != 0) {
		if (out.status != 422)
			return page_outcome(r, &out);
		/* this form's amount is in rupees, and one message says what both
		 * inputs need */
		if (out_has(&out, "amount_paise"))
			form_error(r, "rupees", "wallet.topup_bad");
		if (out_has(&out, "reference"))
			form_error(r, "reference", "wallet.reference_bad");
		r->err_detail = tmpl_str(r->lang, "wallet.topup_bad");
		return 422;
	}
	resp_redirect(r, credited ? "/admin/wallets?topped=1" : "/admin/wallets?repeat=1");
	return 0;
}

/* POST /api/v1/admin/wallets/:user/topup {amount_paise, reference} */
int api_topup(struct req *r)
{
	struct jval *in = api_body(r);
	if (!in)
		return 400;
	struct topup t = { .reference = json_get_str(in, "reference") };
	if (!parse_long(rp(r, 0), 1, 2000000000L, &t.user_id))
		return 404;
	long amount;
	t.paise = json_get_long(in, "amount_paise", &amount) ? amount : 0;	/* not a whole number: refused as out of range */
	bool credited;
	struct outcome out;
	out_init(&out, r->a);
	if (wallet_topup(r->a, &r->actor, &t, &credited, &out) != 0)
		return page_outcome(r, &out);
	/* credited false: this reference had already credited this wallet */
	struct sbuf b;
	struct jw w;
	sbuf_init(&b);
	jw_init(&w, &b);
	jw_obj(&w);
	jw_kint(&w, "balance_paise", wallet_balance(r->a, t.user_id));
	jw_kbool(&w, "credited", credited);
	jw_obj_end(&w);
	return api_send(r, 200, &b);
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
		hset(r, arena_printf(r->a, "%s.amount", p), signed_money(r->a, v, false));
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
	hset(r, "M.day_long", date_long(r->a, day, r->lang));
	hset(r, "M.wallet_debits", money_fmt(r->a, wallet_debits));
	hset(r, "M.dept", money_fmt(r->a, dept));
	hset(r, "M.charges", money_fmt(r->a, charges));
	hset(r, "M.commissions", money_fmt(r->a, commissions));
	hset(r, "M.refunds", money_fmt(r->a, refunds));
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
		hset(r, arena_printf(r->a, "%s.amount", p), money_fmt(r->a, db_int(owed, i, 2)));
		hset(r, arena_printf(r->a, "%s.at", p), date_long(r->a, db_val(owed, i, 3), r->lang));
	}
	return tmpl_render(r, "admin_money.cs");
}
