/*
 * api_app.c — the JSON API calls of the desk and the wallet, until they
 * move to their feature's page file as the applications' (page_app.c) and
 * the documents' (page_locker.c) did (docs/api.md).  Same domain code,
 * validation and permissions as the pages; state-changing calls honour
 * Idempotency-Key.
 */
#include "pages.h"
#include "apiutil.h"
#include "application.h"
#include "cert.h"
#include "config.h"
#include "db.h"
#include "lengths.h"
#include "session.h"
#include "tmpl.h"
#include "user.h"
#include "wallet.h"
#include "workflow.h"
#include "audit.h"

#include <stdlib.h>
#include <string.h>

static void queue_json(struct req *r, struct jw *w, struct dbres *q, bool tatkal)
{
	jw_arr(w);
	for (size_t i = 0; q && i < q->nrows; i++) {
		if ((db_int(q, i, 3) == 1) != tatkal)
			continue;
		jw_obj(w);
		jw_kstr(w, "number", db_val(q, i, 1));
		jw_kstr(w, "service", db_val(q, i, 12));
		jw_kstr(w, "arrived_at", sql_time_iso(r->a, db_val(q, i, 4)));
		jw_kstr(w, "due_at", db_val(q, i, 5));
		jw_kbool(w, "overdue", db_int(q, i, 11) < 0);
		jw_kbool(w, "claimed", db_int(q, i, 9) == 1);
		jw_obj_end(w);
	}
	jw_arr_end(w);
}

/* GET /api/v1/desk/queue?office=ID&role=R */
int api_desk_queue(struct req *r)
{
	long office;
	const char *role = req_query(r, "role");
	int ro = role_from_code(role);
	if (!parse_long(req_query(r, "office"), 1, 2000000000L, &office) || ro < 0)
		return 400;
	const struct holding *h = juris_holding(r->user, RB(ro), office, NULL, 0);
	if (!h)
		return 403;
	long head, limit = 100, nt, nf;
	const char *lim = req_query(r, "limit");
	if (lim && !parse_long(lim, 1, 500, &limit))
		return 400;
	struct dbres *q = wf_queue(r, h, limit, &head);
	if (!q || wf_counts(r, h, &nt, &nf) != 0)
		return 503;
	struct sbuf b;
	struct jw w;
	sbuf_init(&b);
	jw_init(&w, &b);
	jw_obj(&w);
	/* how many wait in all; the lists hold the first `limit` in serving order */
	jw_key(&w, "waiting");
	jw_obj(&w);
	jw_kint(&w, "tatkal", nt);
	jw_kint(&w, "fifo", nf);
	jw_obj_end(&w);
	jw_key(&w, "tatkal");
	queue_json(r, &w, q, true);
	jw_key(&w, "fifo");
	queue_json(r, &w, q, false);
	jw_obj_end(&w);
	return api_send(r, 200, &b);
}

/* POST /api/v1/desk/next {office, role} — claim the head */
int api_desk_next(struct req *r)
{
	struct jval *in = api_body(r);
	long office;
	if (!in || !json_get_long(in, "office", &office))
		return 400;
	int st;
	const char *no = wf_next(r, office, json_get_str(in, "role"), &st);
	if (st)
		return st;
	struct sbuf b;
	struct jw w;
	sbuf_init(&b);
	jw_init(&w, &b);
	jw_obj(&w);
	jw_kstr(&w, "number", no);
	jw_obj_end(&w);
	return api_send(r, 200, &b);
}

/* POST /api/v1/applications/NO/actions */
int api_app_act(struct req *r)
{
	int st;
	struct jval *in = api_body(r);
	if (!in)
		return 400;
	const char *flags[64];
	size_t nf = 0;
	struct jval *fl = json_get(in, "correct_fields");
	struct jval *ret = json_get(in, "return_fields");
	for (size_t i = 0; ret && ret->type == J_ARR && i < ret->n && nf < 64; i++)
		if (ret->kids[i]->type == J_STR)
			flags[nf++] = ret->kids[i]->str;
	struct act_in ai = { .action = json_get_str(in, "action"), .remarks = json_get_str(in, "remarks"),
			     .ooo_reason = json_get_str(in, "out_of_order_reason"), .return_fields = flags, .nreturn = nf,
			     .corrections = fl && fl->type == J_OBJ ? fl : NULL };
	if (!ai.action)
		return 400;
	bool fits = form_max_len(r, "remarks", ai.remarks, LIM_REMARKS);
	if (!form_max_len(r, "out_of_order_reason", ai.ooo_reason, LIM_OOO_REASON) || !fits)
		return 422;
	struct act_out out;
	st = wf_act(r, rp(r, 0), &ai, &out);
	if (st)
		return st;
	struct sbuf b;
	struct jw w;
	sbuf_init(&b);
	jw_init(&w, &b);
	jw_obj(&w);
	jw_kstr(&w, "status", out.new_status);
	jw_kint(&w, "stage", out.new_stage);
	if (out.cert_no) {
		jw_key(&w, "certificate");
		jw_obj(&w);
		jw_kstr(&w, "number", out.cert_no);
		const char *c = db_scalar(r->a, "SELECT CONCAT(record, '\\n', sig) FROM certificates WHERE number = ?", "s", out.cert_no);
		if (c) {
			const char *nl = strchr(c, '\n');
			jw_kstr(&w, "verify_url", arena_printf(r->a, "%s/v/%s?d=%s&s=%s", cfg.base_url, out.cert_no,
							       b64url_encode(r->a, (const unsigned char *)c, (size_t)(nl - c)), nl + 1));
		}
		jw_obj_end(&w);
	}
	jw_obj_end(&w);
	api_send(r, 200, &b);
	return 0;
}

/* POST /api/v1/applications/NO/appeal {grounds} */
int api_app_appeal(struct req *r)
{
	struct jval *in = api_body(r);
	if (!in)
		return 400;
	int level = 0;
	int st = wf_appeal_file(r, rp(r, 0), json_get_str(in, "grounds"), &level);
	if (st)
		return st;
	struct sbuf b;
	struct jw w;
	sbuf_init(&b);
	jw_init(&w, &b);
	jw_obj(&w);
	jw_kint(&w, "appeal_level", level);
	jw_kstr(&w, "status", "pending");
	jw_obj_end(&w);
	return api_send(r, 201, &b);
}

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
			jw_kint(&w, "txn", db_int(e, i, 0));
			jw_kstr(&w, "kind", db_val(e, i, 1));
			jw_kint(&w, "amount_paise", db_int(e, i, 2));
			jw_kstr(&w, "at", db_val(e, i, 3));
			jw_kstr(&w, "reference", db_val(e, i, 4));
			jw_kstr(&w, "application", db_val(e, i, 5));
			jw_obj_end(&w);
		}
		jw_arr_end(&w);
		jw_key(&w, "next");
		jw_null(&w);
	}
	jw_obj_end(&w);
	return api_send(r, 200, &b);
}

/* POST /api/v1/admin/wallets/:user/topup {amount_paise, reference} */
int api_topup(struct req *r)
{
	long uid, amount;
	struct jval *in = api_body(r);
	if (!in)
		return 400;
	if (!parse_long(rp(r, 0), 1, 2000000000L, &uid))
		return 404;
	const char *ref = json_get_str(in, "reference");
	if (!json_get_long(in, "amount_paise", &amount) || amount <= 0 || amount > 10000000) {
		form_error(r, "amount_paise", "wallet.amount_bad");
		return 422;
	}
	if (!ref || utf8_chars(ref) < 3 || utf8_chars(ref) > 100) {
		form_error(r, "reference", "wallet.reference_bad");
		return 422;
	}
	if (!db_scalar(r->a, "SELECT id FROM users WHERE id = ? AND user_type = 'csc'", "i", (long long)uid))
		return 404;
	if (db_begin() != 0)
		return 503;
	enum wallet_rc wr = wallet_topup(r->a, &r->actor, uid, amount, ref);
	if ((wr != WALLET_OK && wr != WALLET_REPEAT) || db_commit() != 0) {
		db_rollback();
		return 503;
	}
	/* credited false: this reference had already credited this wallet */
	struct sbuf b;
	struct jw w;
	sbuf_init(&b);
	jw_init(&w, &b);
	jw_obj(&w);
	jw_kint(&w, "balance_paise", wallet_balance(r->a, uid));
	jw_kbool(&w, "credited", wr == WALLET_OK);
	jw_obj_end(&w);
	return api_send(r, 200, &b);
}
