/*
 * page_bills.c — bill payments at a CSC on pages: the billers and the
 * operator's recent bills, fetching a bill, one bill, paying it.  The rules,
 * the billers' adapters and every write are in bills.c.
 */
#include "pages.h"
#include "bills.h"
#include "db.h"
#include "money.h"
#include "tmpl.h"
#include "user.h"
#include "wallet.h"

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
	hset(r, "Form.val.biller", req_form(r, "biller"));
	hset(r, "Form.val.consumer", req_form(r, "consumer"));
	long id;
	struct outcome out;
	out_init(&out, r->a);
	if (bill_fetch(r->a, &r->actor, req_form(r, "biller"), req_form(r, "consumer"), &id, &out) != 0) {
		/* the list again, with the reason at the consumer number */
		int st = page_outcome(r, &out);
		r->status = st;
		int rc = page_bills(r);
		r->status = st;
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
	hset_rows_date(r, "Bill", b, 6, "due");
	hset(r, "Bill.0.rupees", money_fmt(r->a, db_int(b, 0, 5)));
	hset(r, "Bill.0.status_text", tmpl_str(r->lang, arena_printf(r->a, "bill.st.%s", db_val(b, 0, 7))));
	hset(r, "Balance", money_fmt(r->a, wallet_balance(r->a, r->user->id)));
	return tmpl_render(r, "bill.cs");
}

/* POST /csc/bills/:id/pay */
int page_bill_pay(struct req *r)
{
	long id;
	if (!parse_long(rp(r, 0), 1, 2000000000000L, &id))
		return 404;
	const char *status;
	struct outcome out;
	out_init(&out, r->a);
	if (bill_pay(r->a, &r->actor, id, req_form(r, "idem"), &status, &out) != 0)
		return page_outcome(r, &out);
	resp_redirect(r, arena_printf(r->a, "/csc/bills/%ld", id));
	return 0;
}
