/*
 * api_app.c — the JSON API calls of the desk, until they move to their
 * feature's page file as the applications' (page_app.c), the documents'
 * (page_locker.c) and the wallet's (page_wallet.c) did (docs/api.md).  Same domain code,
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
