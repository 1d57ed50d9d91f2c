/*
 * page_ticket_sms.c — the SMS texts of ticket and grievance sub types
 * (state administrators): /admin/ticket-sms lists every active sub type
 * with its acknowledgement and resolution texts in English and Hindi (or
 * that it uses the generic one); /admin/ticket-sms/CODE edits the four,
 * with the placeholders listed, an unknown one refused at its input, and
 * a preview with sample values; and the same in the JSON API.  Rules and
 * writes are in ticket_sms.c.
 */
#include "pages.h"
#include "apiutil.h"
#include "ticket.h"
#include "tmpl.h"

/* GET /admin/ticket-sms */
int page_ticket_sms_list(struct req *r)
{
	struct dbres *d = ticket_sms_list(r->a);
	if (!d)
		return 503;
	static const char *const cols[] = { "code", "name_en", "name_hi", "kind", "raised_en", "raised_hi", "resolved_en",
					    "resolved_hi", NULL };
	hset_rows(r, "Types", d, cols);
	if (req_query(r, "saved"))
		hset(r, "Flash", tmpl_str(r->lang, "ticket.sms_admin.saved"));
	return tmpl_render(r, "admin_ticket_sms.cs");
}

/* The four texts typed (page) into t. */
static void texts_of(struct req *r, const char *t[4])
{
	for (int i = 0; i < 4; i++)
		t[i] = req_form(r, ticket_sms_fields[i]);
}

/* The edit page of sub type code with the texts t (stored, or as typed)
 * and each one's preview. */
static int edit_page(struct req *r, const char *code, const char *const t[4])
{
	struct dbres *d = db_query(r->a, "SELECT name_en, name_hi, kind FROM ticket_types WHERE code = ? AND level = 'sub'", "s",
				   code);
	if (!d || d->nrows != 1)
		return d ? 404 : 503;
	hset(r, "T.code", code);
	hset(r, "T.name", db_val(d, 0, str_eq(r->lang, "hi") ? 1 : 0));
	hset(r, "T.kind", db_val(d, 0, 2));
	for (int i = 0; i < 4; i++) {
		const char *f = ticket_sms_fields[i];
		hset(r, arena_printf(r->a, "Form.val.%s", f), t[i]);
		/* the generic text of the language when the field is empty */
		const char *tpl = str_empty(t[i]) ? tmpl_str(i % 2 ? "hi" : "en", i < 2 ? "ticket.sms.raised" : "ticket.sms.resolved")
						  : t[i];
		if (!ticket_sms_unknown(r->a, tpl))
			hset(r, arena_printf(r->a, "Preview.%s", f), ticket_sms_sample(r->a, tpl, i % 2 ? "hi" : "en"));
	}
	if (req_query(r, "saved"))
		hset(r, "Flash", tmpl_str(r->lang, "ticket.sms_admin.saved"));
	return tmpl_render(r, "admin_ticket_sms_edit.cs");
}

/* GET /admin/ticket-sms/:code */
int page_ticket_sms(struct req *r)
{
	struct dbres *d = db_query(r->a, "SELECT sms_raised_en, sms_raised_hi, sms_resolved_en, sms_resolved_hi FROM ticket_types "
				      "WHERE code = ? AND level = 'sub'", "s", rp(r, 0));
	if (!d || d->nrows != 1)
		return d ? 404 : 503;
	const char *t[4] = { db_val(d, 0, 0), db_val(d, 0, 1), db_val(d, 0, 2), db_val(d, 0, 3) };
	return edit_page(r, rp(r, 0), t);
}

/* POST /admin/ticket-sms/:code — action preview (nothing saved) or save */
int page_ticket_sms_post(struct req *r)
{
	const char *t[4];
	texts_of(r, t);
	if (str_eq(req_form(r, "action"), "preview")) {
		/* the problems shown as a save would, nothing kept */
		for (int i = 0; i < 4; i++) {
			const char *bad = ticket_sms_unknown(r->a, t[i]);
			if (bad)
				hset(r, arena_printf(r->a, "Form.err.%s", ticket_sms_fields[i]),
				     tmpl_str_n(r->a, r->lang, "ticket.sms_admin.err_placeholder", bad));
		}
		return edit_page(r, rp(r, 0), t);
	}
	struct outcome out;
	out_init(&out, r->a);
	int st = ticket_sms_save(r->a, &r->actor, rp(r, 0), t, &out);
	if (st == 422) {
		r->status = page_outcome(r, &out);
		return edit_page(r, rp(r, 0), t);
	}
	if (st)
		return page_outcome(r, &out);
	resp_redirect(r, arena_printf(r->a, "/admin/ticket-sms/%s?saved=1", url_encode(r->a, rp(r, 0))));
	return 0;
}

static const struct api_col ticket_sms_cols[] = {
	{"code", 0, AK_STR},
	{"name_en", 1, AK_STR},
	{"kind", 3, AK_STR},
};

/* GET /api/v1/ticket-sms — every active sub type's texts (null: the generic one) */
int api_ticket_sms_list(struct req *r)
{
	struct dbres *d = ticket_sms_list(r->a);
	if (!d)
		return 503;
	struct sbuf b;
	struct jw w;
	api_list_open(&b, &w);
	for (size_t i = 0; i < d->nrows; i++) {
		jw_obj(&w);
		API_COLS(r->a, &w, d, i, ticket_sms_cols);
		for (int k = 0; k < 4; k++)
			jw_kstr(&w, ticket_sms_fields[k], db_val(d, i, 4 + (size_t)k));
		jw_obj_end(&w);
	}
	return api_list_send(r, &b, &w, NULL);
}

/* POST /api/v1/ticket-sms/:code {raised_en, raised_hi, resolved_en,
 * resolved_hi} — all four (null or "": the generic one) */
int api_ticket_sms_save(struct req *r)
{
	struct jval *in = api_body(r);
	if (!in)
		return 400;
	const char *t[4];
	for (int i = 0; i < 4; i++)
		t[i] = json_get_str(in, ticket_sms_fields[i]);
	struct outcome out;
	out_init(&out, r->a);
	if (ticket_sms_save(r->a, &r->actor, rp(r, 0), t, &out))
		return page_outcome(r, &out);
	return api_send_str(r, 200, "code", rp(r, 0));
}
