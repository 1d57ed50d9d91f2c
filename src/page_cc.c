/*
 * page_cc.c — the call-centre console (/cc): number lookup (the people
 * with the number, their open tickets and applications, past calls),
 * click-to-call, the call log with the agent's disposition, raising a
 * ticket for the caller (/tickets/new?mobile=), the provider's CDR webhook
 * (/cc/cdr) and their JSON API.  The rules and writes are in cc.c.
 */
#include "pages.h"
#include "apiutil.h"
#include "cc.h"
#include "tmpl.h"
#include "user.h"

#include <stdlib.h>

static const char *const call_cols[] = { "id", "direction", "number", "agent", "status", "started", "duration", "disposition",
					  "ticket", "cdrs", NULL };

/* The console for a number (or the agent's own recent calls). */
static int console(struct req *r, const char *number)
{
	if (!str_empty(number) && cc_number_ok(number)) {
		static const char *const pcols[] = { "id", "name", "type", "ref", NULL };
		static const char *const tcols[] = { "number", "status", "subject", "due", NULL };
		static const char *const acols[] = { "number", "status", "service", "submitted", NULL };
		struct dbres *p = cc_people(r->a, number), *t = cc_tickets(r->a, number), *ap = cc_apps(r->a, number);
		struct dbres *c = cc_calls(r->a, number, 0);
		if (!p || !t || !ap || !c)
			return 503;
		hset(r, "Number", number);
		hset_rows(r, "People", p, pcols);
		hset_rows(r, "Tickets", t, tcols);
		hset_rows(r, "Apps", ap, acols);
		hset_rows(r, "Calls", c, call_cols);
	} else {
		if (!str_empty(number))
			form_error(r, "number", "cc.err.number");
		struct dbres *c = cc_calls(r->a, NULL, r->user->id);
		if (!c)
			return 503;
		hset_rows(r, "Calls", c, call_cols);
	}
	hset(r, "Form.val.number", number);
	return tmpl_render(r, "cc.cs");
}

/* GET /cc?number= */
int page_cc(struct req *r)
{
	const char *n = req_query(r, "number");
	int st = console(r, n);
	if (!st && form_has_errors(r))
		r->status = 422;
	return st;
}

/* POST /cc/call — click-to-call {number, ticket} */
int page_cc_call(struct req *r)
{
	long id;
	struct outcome out;
	out_init(&out, r->a);
	const char *number = req_form(r, "number");
	if (cc_call(r->a, &r->actor, number, req_form(r, "ticket"), &id, &out)) {
		int st = page_outcome(r, &out);
		if (st != 422 && !(st == 503 && out.key))
			return st;
		r->status = st;
		if (out.key)
			hset(r, "Flash", tmpl_str(r->lang, out.key));
		return console(r, number);
	}
	resp_redirect(r, arena_printf(r->a, "/cc/call/%ld", id));
	return 0;
}

static int call_page(struct req *r, long id)
{
	struct dbres *c = cc_call_get(r->a, id);
	if (!c)
		return 404;
	static const char *const cols[] = { "id", "direction", "number", "agent", "status", "started", "duration", "disposition",
					    "ticket", "cdrs", "requested", "ended", "note", "recording", "ref", NULL };
	hset_rows(r, "Call", c, cols);
	hset(r, "Call.0.when", date_long(r->a, db_val(c, 0, 5), r->lang));
	for (int i = 0; cc_dispositions[i]; i++) {
		hset(r, arena_printf(r->a, "Dispositions.%d.code", i), cc_dispositions[i]);
		hset(r, arena_printf(r->a, "Dispositions.%d.name", i),
		     tmpl_str(r->lang, arena_printf(r->a, "cc.disp.%s", cc_dispositions[i])));
	}
	if (!form_has_errors(r)) {
		hset(r, "Form.val.disposition", db_val(c, 0, 7));
		hset(r, "Form.val.ticket", db_val(c, 0, 8));
		hset(r, "Form.val.note", db_val(c, 0, 12));
	}
	return tmpl_render(r, "cc_call.cs");
}

/* GET /cc/call/:id */
int page_cc_call_get(struct req *r)
{
	long id;
	return parse_long(rp(r, 0), 1, 9000000000000000000L, &id) ? call_page(r, id) : 404;
}

/* POST /cc/call/:id — the disposition */
int page_cc_dispose(struct req *r)
{
	long id;
	if (!parse_long(rp(r, 0), 1, 9000000000000000000L, &id))
		return 404;
	struct outcome out;
	out_init(&out, r->a);
	if (cc_dispose(r->a, &r->actor, id, req_form(r, "disposition"), req_form(r, "ticket"), req_form(r, "note"), &out)) {
		int st = page_outcome(r, &out);
		if (st != 422)
			return st;
		static const char *const keep[] = { "disposition", "ticket", "note", NULL };
		form_keep(r, keep);
		r->status = 422;
		return call_page(r, id);
	}
	resp_redirect(r, arena_printf(r->a, "/cc/call/%ld?saved=1", id));
	return 0;
}

/* POST /cc/cdr — the provider's signed CDR webhook (no session, no CSRF:
 * the HMAC of the body in X-Telephony-Signature authenticates it) */
int page_cc_cdr(struct req *r)
{
	bool dup;
	struct outcome out;
	out_init(&out, r->a);
	int st = cc_cdr(r->a, r->body, r->body_len, r->tel_signature, &dup, &out);
	if (st)
		return page_outcome(r, &out);
	return api_ok(r, 200, dup ? "{\"result\":\"duplicate\"}" : "{\"result\":\"recorded\"}");
}

/* ---- API ---- */

static const struct api_col call_head_cols[] = {
	{"id", 0, AK_INT},
	{"direction", 1, AK_STR},
	{"number", 2, AK_STR},
	{"agent", 3, AK_STR},
	{"status", 4, AK_STR},
	{"started_at", 5, AK_TIME},
};

static const struct api_col call_tail_cols[] = {
	{"disposition", 7, AK_STR},
	{"ticket", 8, AK_STR},
	{"cdr_events", 9, AK_INT},
};

static void call_json(struct req *r, struct jw *w, const struct dbres *c, size_t i)
{
	jw_obj(w);
	API_COLS(r->a, w, c, i, call_head_cols);
	jw_key(w, "duration_s");
	if (db_val(c, i, 6))
		jw_int(w, db_int(c, i, 6));
	else
		jw_null(w);
	API_COLS(r->a, w, c, i, call_tail_cols);
	jw_obj_end(w);
}

static int send_call(struct req *r, int status, long id)
{
	struct dbres *c = cc_call_get(r->a, id);
	if (!c)
		return 404;
	struct sbuf b;
	struct jw w;
	sbuf_init(&b);
	jw_init(&w, &b);
	call_json(r, &w, c, 0);
	return api_send(r, status, &b);
}

static const struct api_col cc_person_cols[] = {
	{"id", 0, AK_INT},
	{"name", 1, AK_STR},
	{"type", 2, AK_STR},
	{"ref", 3, AK_STR},
};

static const struct api_col cc_ticket_cols[] = {
	{"number", 0, AK_STR},
	{"status", 1, AK_STR},
	{"subject", 2, AK_STR},
	{"due_at", 3, AK_TIME},
};

static const struct api_col cc_app_cols[] = {
	{"number", 0, AK_STR},
	{"status", 1, AK_STR},
	{"service", 2, AK_STR},
	{"submitted_at", 3, AK_TIME},
};

/* GET /api/v1/cc/lookup?number= */
int api_cc_lookup(struct req *r)
{
	const char *n = req_query(r, "number");
	if (!cc_number_ok(n)) {
		form_error(r, "number", "cc.err.number");
		return 422;
	}
	struct dbres *p = cc_people(r->a, n), *t = cc_tickets(r->a, n), *ap = cc_apps(r->a, n), *c = cc_calls(r->a, n, 0);
	if (!p || !t || !ap || !c)
		return 503;
	struct sbuf b;
	struct jw w;
	sbuf_init(&b);
	jw_init(&w, &b);
	jw_obj(&w);
	jw_kstr(&w, "number", n);
	jw_key(&w, "people");
	jw_arr(&w);
	API_ROWS(r->a, &w, p, cc_person_cols);
	jw_arr_end(&w);
	jw_key(&w, "open_tickets");
	jw_arr(&w);
	API_ROWS(r->a, &w, t, cc_ticket_cols);
	jw_arr_end(&w);
	jw_key(&w, "applications");
	jw_arr(&w);
	API_ROWS(r->a, &w, ap, cc_app_cols);
	jw_arr_end(&w);
	jw_key(&w, "calls");
	jw_arr(&w);
	for (size_t i = 0; i < c->nrows; i++)
		call_json(r, &w, c, i);
	jw_arr_end(&w);
	jw_obj_end(&w);
	return api_send(r, 200, &b);
}

/* POST /api/v1/cc/calls {number, ticket} — click-to-call */
int api_cc_call(struct req *r)
{
	struct jval *in = api_body(r);
	if (!in)
		return 400;
	long id;
	struct outcome out;
	out_init(&out, r->a);
	if (cc_call(r->a, &r->actor, json_get_str(in, "number"), json_get_str(in, "ticket"), &id, &out))
		return page_outcome(r, &out);
	return send_call(r, 201, id);
}

/* GET /api/v1/cc/calls/:id */
int api_cc_call_get(struct req *r)
{
	long id;
	return parse_long(rp(r, 0), 1, 9000000000000000000L, &id) ? send_call(r, 200, id) : 404;
}

/* POST /api/v1/cc/calls/:id/disposition {disposition, ticket, note} */
int api_cc_dispose(struct req *r)
{
	long id;
	if (!parse_long(rp(r, 0), 1, 9000000000000000000L, &id))
		return 404;
	struct jval *in = api_body(r);
	if (!in)
		return 400;
	struct outcome out;
	out_init(&out, r->a);
	if (cc_dispose(r->a, &r->actor, id, json_get_str(in, "disposition"), json_get_str(in, "ticket"), json_get_str(in, "note"),
		       &out))
		return page_outcome(r, &out);
	return send_call(r, 200, id);
}
