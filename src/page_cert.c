/*
 * page_cert.c — certificate verification (QR page, verify form with number,
 * QR text or PDF upload, API), downloads, revocation, the published keys.
 */
#include "pages.h"
#include "apiutil.h"
#include "application.h"
#include "cert.h"
#include "cert_qr.h"
#include "db.h"
#include "pdf_sign.h"
#include "tmpl.h"
#include "user.h"

#include <stdlib.h>
#include <string.h>

static void view_to_hdf(struct req *r, const struct cert_view *v)
{
	hset(r, "V.status", vstatus_code(v->status));
	hset(r, "V.status_text", tmpl_str(r->lang, arena_printf(r->a, "verify.st.%s", vstatus_code(v->status))));
	hset(r, "V.number", v->number);
	hset(r, "V.issued", v->issued);
	hset(r, "V.valid_until", v->valid_until);
	hset(r, "V.revoked_at", v->revoked_at);
	hset(r, "V.revoke_reason", v->revoke_reason);
	hset(r, "V.superseded_by", v->superseded_by);
	if (!v->facts_ok)
		return;
	hset(r, "V.facts_ok", "1");
	hset(r, "V.holder", v->holder);
	hset(r, "V.service", str_eq(r->lang, "hi") ? v->service_hi : v->service_en);
	hset(r, "V.issuer", v->issuer);
	const char *err;
	struct jval *f = v->facts ? json_parse(r->a, v->facts, strlen(v->facts), &err) : NULL;
	for (size_t i = 0; f && f->type == J_ARR && i < f->n; i++) {
		const char *p = arena_printf(r->a, "V.facts.%zu", i);
		hset(r, arena_printf(r->a, "%s.label", p), json_get_str(f->kids[i], str_eq(r->lang, "hi") ? "hi" : "en"));
		hset(r, arena_printf(r->a, "%s.value", p), json_get_str(f->kids[i], "value"));
	}
}

/* GET /v/:no?d=&s= — what a phone camera opens */
int page_verify_qr(struct req *r)
{
	struct cert_view v;
	const char *d = req_query(r, "d"), *s = req_query(r, "s");
	if (cert_verify(r->a, rp(r, 0), d, s, &v) != 0)
		return 503;
	cert_count_verify(v.status);
	view_to_hdf(r, &v);
	return tmpl_render(r, "verify_result.cs");
}

/* GET /verify — the verify form (with ?number=, that number's answer:
 * the "replaced by" link); POST with number, QR text or a PDF */
int page_verify(struct req *r)
{
	const char *number = req_form(r, "number"), *qr = req_form(r, "qr");
	if (str_eq(r->method, "GET") && !(number = req_query(r, "number")))
		return tmpl_render(r, "verify.cs");
	const struct upload *u = req_upload(r, "pdf");
	struct cert_view v;
	if (u && u->len > 0) {
		if (u->len > 2 * 1024 * 1024)
			return 413;
		if (u->len < 8 || memcmp(u->data, "%PDF-", 5) != 0) {
			form_error(r, "pdf", "verify.not_pdf");
			r->status = 422;
			return tmpl_render(r, "verify.cs");
		}
		/* the PDF's own signature against the deployment CA */
		struct pdf_sig_result res;
		if (cert_pdf_check(u->data, u->len, &res) != 0)
			return 503;
		hset(r, "P.status", pdf_sig_status_str(res.status));
		hset(r, "P.valid", res.status == PDF_SIG_VALID ? "1" : "");
		hset(r, "P.signer", res.signer_cn);
		return tmpl_render(r, "verify_pdf.cs");
	}
	const char *d = NULL, *s = NULL;
	if (qr && *qr) {
		if (!cert_parse_qr(r->a, str_trim(arena_strdup(r->a, qr)), &number, &d, &s)) {
			form_error(r, "qr", "verify.qr_bad");
			r->status = 422;
			return tmpl_render(r, "verify.cs");
		}
	}
	/* a typing slip is the form's to show, with what was typed; only a
	 * number of the right shape gets an answer about a certificate */
	const char *clean = cert_number_clean(r->a, number);
	if (str_empty(clean) || !cert_number_shape(clean)) {
		static const char *const keep[] = { "number", NULL };
		form_keep(r, keep);
		form_error(r, "number", str_empty(clean) ? "verify.number_missing" : "verify.number_bad");
		r->status = 422;
		return tmpl_render(r, "verify.cs");
	}
	if (cert_verify(r->a, clean, d, s, &v) != 0)
		return 503;
	cert_count_verify(v.status);
	view_to_hdf(r, &v);
	return tmpl_render(r, "verify_result.cs");
}

/* GET /api/v1/verify?no=&d=&s= */
int api_verify(struct req *r)
{
	struct cert_view v;
	const char *no = cert_number_clean(r->a, req_query(r, "no"));	/* typed as on paper, or not quite */
	if (!no)
		return 400;
	if (cert_verify(r->a, no, req_query(r, "d"), req_query(r, "s"), &v) != 0)
		return 503;
	cert_count_verify(v.status);
	struct sbuf b;
	struct jw w;
	sbuf_init(&b);
	jw_init(&w, &b);
	jw_obj(&w);
	jw_kstr(&w, "status", vstatus_code(v.status));
	jw_kstr(&w, "number", v.number);
	if (v.status == V_REVOKED) {
		jw_kstr(&w, "revoked_at", v.revoked_at);
		jw_kstr(&w, "reason", v.revoke_reason);
	}
	if (v.superseded_by)
		jw_kstr(&w, "superseded_by", v.superseded_by);
	if (v.facts_ok) {
		jw_key(&w, "facts");
		jw_obj(&w);
		jw_kstr(&w, "holder", v.holder);
		jw_kstr(&w, "service", v.service_en);
		jw_kstr(&w, "issued", v.issued);
		jw_kstr(&w, "valid_until", v.valid_until);
		jw_key(&w, "printed");
		const char *err;
		jw_value(&w, json_parse(r->a, v.facts, strlen(v.facts), &err));
		jw_obj_end(&w);
	}
	jw_obj_end(&w);
	return api_send(r, 200, &b);
}

/* GET /.well-known/gramsewa-keys.json */
int page_keys(struct req *r)
{
	char *dir = cert_keys_dir();
	char *path = xasprintf("%s/qr-keys.json", dir);
	FILE *f = fopen(path, "rb");
	free(dir);
	free(path);
	if (!f)
		return 404;
	struct sbuf b;
	sbuf_init(&b);
	char buf[8192];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		sbuf_add(&b, buf, n);
	fclose(f);
	resp_json(r, 200, &b);
	resp_header(r, "Cache-Control", "public, max-age=300");
	sbuf_free(&b);
	return 0;
}

/* May the user download certificate number?  Holder, filer, officers. */
static struct app *cert_app(struct req *r, const char *number)
{
	const char *app = db_scalar(r->a, "SELECT app_id FROM certificates WHERE number = ?", "s", number);
	struct app *ap = app ? app_load(r->a, NULL, strtol(app, NULL, 10), false) : NULL;
	return ap && app_visible(r->user, ap) ? ap : NULL;
}

/* A certificate the PMU issued (exam pass, training) that the user may
 * download: the holder's own, or any for a state administrator. */
static bool cert_pmu_mine(struct req *r, const char *number)
{
	const char *holder = db_scalar(r->a, "SELECT holder_id FROM certificates WHERE number = ? AND app_id IS NULL", "s", number);
	return holder && (strtol(holder, NULL, 10) == r->user->id || user_has(r->user, ROLE_STATE_ADMIN));
}

/* GET /certificates/:no/pdf (page and API) */
int page_cert_pdf(struct req *r)
{
	const char *no = rp(r, 0);
	if (!cert_pmu_mine(r, no) && !cert_app(r, no))
		return 404;
	size_t len;
	unsigned char *pdf = cert_pdf(r->a, no, &len);
	if (!pdf)
		return 404;
	resp_bytes(r, "application/pdf", pdf, len, arena_printf(r->a, "%s.pdf", no));
	free(pdf);
	return 0;
}

/* GET /api/v1/certificates/:no */
int api_certificate(struct req *r)
{
	struct app *ap = cert_app(r, rp(r, 0));
	if (!ap)
		return 404;
	struct dbres *c = db_query(r->a, "SELECT number, status, DATE_FORMAT(issued_at, '%Y-%m-%d'), valid_until, record, sig, "
					 "IFNULL(valid_until < CURDATE(), 0) FROM certificates WHERE number = ?", "s", rp(r, 0));
	if (!c || c->nrows != 1)
		return 503;
	struct sbuf b;
	struct jw w;
	sbuf_init(&b);
	jw_init(&w, &b);
	jw_obj(&w);
	jw_kstr(&w, "number", db_val(c, 0, 0));
	jw_kstr(&w, "status", vstatus_code(cert_vstatus(db_val(c, 0, 1), db_int(c, 0, 6) == 1)));	/* as /verify says it */
	jw_kstr(&w, "application", ap->number);
	jw_kstr(&w, "issued", db_val(c, 0, 2));
	jw_kstr(&w, "valid_until", db_val(c, 0, 3));
	jw_kstr(&w, "verify_url", cert_verify_url(r->a, db_val(c, 0, 0), db_val(c, 0, 4), c->lens[4], db_val(c, 0, 5)));
	jw_obj_end(&w);
	return api_send(r, 200, &b);
}

/* POST /desk/cert/:no/revoke (page) */
int page_cert_revoke(struct req *r)
{
	struct outcome out;
	out_init(&out, r->a);
	const char *reason = req_form(r, "reason");
	bool sure = page_confirmed(r);
	/* a revocation cannot be taken back: every check first, then "Are you sure?" */
	int st = sure ? cert_revoke(r->a, &r->actor, rp(r, 0), reason, &out) : cert_revoke_check(r->a, &r->actor, rp(r, 0), reason, &out);
	if (st == 0 && !sure) {
		static const char *const keep[] = { "reason", NULL };
		const char *what[] = { tmpl_str(r->lang, "cert.revoke_what1"), tmpl_str(r->lang, "cert.revoke_what2"),
				       tmpl_str(r->lang, "cert.revoke_what3"), NULL };
		const char *app = db_scalar(r->a, "SELECT a.number FROM certificates c JOIN applications a ON a.id = c.app_id "
						  "WHERE c.number = ?", "s", rp(r, 0));
		struct confirm c = { .title = tmpl_str_n(r->a, r->lang, "cert.revoke_q", rp(r, 0)), .what = what,
				     .said_label = tmpl_str(r->lang, "cert.reason"), .said = reason,
				     .action = arena_printf(r->a, "/desk/cert/%s/revoke", rp(r, 0)), .keep = keep,
				     .yes = tmpl_str(r->lang, "cert.revoke_yes"),
				     .back = app ? arena_printf(r->a, "/desk/app/%s", app) : "/desk" };
		return page_confirm(r, &c);
	}
	if (st == 422) {
		page_outcome(r, &out);
		r->err_detail = tmpl_str(r->lang, "cert.reason_bad");
		return 422;
	}
	if (st)
		return page_outcome(r, &out);
	const char *app = db_scalar(r->a, "SELECT a.number FROM certificates c JOIN applications a ON a.id = c.app_id WHERE c.number = ?",
				    "s", rp(r, 0));
	resp_redirect(r, app ? arena_printf(r->a, "/desk/app/%s?revoked=1", app) : "/desk");
	return 0;
}

/* POST /api/v1/certificates/:no/revoke {reason} */
int api_cert_revoke(struct req *r)
{
	struct jval *in = api_body(r);
	if (!in)
		return 400;
	struct outcome out;
	out_init(&out, r->a);
	if (cert_revoke(r->a, &r->actor, rp(r, 0), json_get_str(in, "reason"), &out))
		return page_outcome(r, &out);
	return api_ok(r, 200, "{\"status\":\"REVOKED\"}");
}
