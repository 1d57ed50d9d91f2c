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

int verify_page_cs(struct req *r, const struct cert_view *v)
{
	hset(r, "Lang", r->lang);
	hset(r, "Path", r->path);
	view_to_hdf(r, v);
	return tmpl_render(r, "verify_result.cs");
}

/* ---- the QR page written directly ----
 * The page a certificate's QR opens is the busiest page anyone without an
 * account asks for (issue 17: a fair share of nginx's static rate).  The
 * same HTML as templates/verify_result.cs in inc/head.cs and inc/foot.cs
 * with nobody logged in, written straight into the answer: no HDF tree
 * built and no template walked.  Every value is escaped as ClearSilver's
 * html mode does (html_put); tests/unit/test_router.c compares the two
 * renderings for every status, both languages and hostile values, so a
 * change to those templates must come here too (the test fails until
 * it does). */

/* Text as <?cs var: ?> writes it in html mode (ClearSilver's
 * neos_html_escape: & < > " ' as entities, CR dropped). */
static void html_put(struct sbuf *b, const char *s)
{
	for (const char *p = s ? s : ""; *p;) {
		size_t n = strcspn(p, "&<>\"'\r");
		sbuf_add(b, p, n);
		p += n;
		if (!*p)
			break;
		switch (*p++) {
		case '&': sbuf_adds(b, "&amp;"); break;
		case '<': sbuf_adds(b, "&lt;"); break;
		case '>': sbuf_adds(b, "&gt;"); break;
		case '"': sbuf_adds(b, "&quot;"); break;
		case '\'': sbuf_adds(b, "&#39;"); break;
		default: break;	/* CR */
		}
	}
}

/* A language string (L.key) escaped. */
static void lang_put(struct req *r, const char *key)
{
	html_put(&r->out, tmpl_str(r->lang, key));
}

/* Text between fixed pieces: lang_put(key) after `before`. */
static void piece(struct req *r, const char *before, const char *key)
{
	sbuf_adds(&r->out, before);
	lang_put(r, key);
}

/* Only letters, digits, '-' and '/': url_escape leaves them be, but '/'. */
static bool url_plain(const char *s)
{
	return s && strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-/") == strlen(s);
}

static void url_put(struct sbuf *b, const char *s)
{
	for (; *s; s++)
		if (*s == '/')
			sbuf_adds(b, "%2F");
		else
			sbuf_addc(b, *s);
}

/* ": <a href="tel:...">helpline" (the caller closes the link) */
static void helpline_link(struct req *r)
{
	sbuf_adds(&r->out, ": <a href=\"tel:");
	html_put(&r->out, tmpl_site(r->lang, "Site.helpline_tel"));
	sbuf_adds(&r->out, "\">");
	html_put(&r->out, tmpl_site(r->lang, "Site.helpline"));
}

/* The services, tracking and verify links, sep between them */
static void nav_links(struct req *r, const char *sep)
{
	static const char *const links[][2] = { { "/services", "nav.services" }, { "/track", "nav.track" }, { "/verify", "nav.verify" } };
	for (size_t i = 0; i < ARRAY_LEN(links); i++) {
		if (i)
			sbuf_adds(&r->out, sep);
		sbuf_adds(&r->out, "<a href=\"");
		sbuf_adds(&r->out, links[i][0]);
		piece(r, "\">", links[i][1]);
		sbuf_adds(&r->out, "</a>");
	}
}

/* inc/head.cs with nobody logged in, no flash and no form errors */
static void head_anon(struct req *r, const char *title)
{
	struct sbuf *b = &r->out;
	bool hi = str_eq(r->lang, "hi");
	sbuf_adds(b, "<!DOCTYPE html>\n<html lang=\"");
	html_put(b, r->lang);
	sbuf_adds(b, "\">\n<head>\n<meta charset=\"utf-8\">\n"
		  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\n<title>");
	if (!str_empty(title)) {
		html_put(b, title);
		sbuf_adds(b, " – ");
	}
	lang_put(r, "site");
	piece(r, "</title>\n<link rel=\"stylesheet\" href=\"/static/gs.css\">\n\n\n</head>\n<body>\n"
		 "<a class=\"skip\" href=\"#main\">", "skip");
	piece(r, "</a>\n<header class=\"top\">\n <div class=\"wrap top-row\">\n  <a class=\"brand\" href=\"/\">", "site");
	sbuf_adds(b, hi ? "</a>\n  <a class=\"lang\" lang=\"en\" href=\"/lang?lang=en&amp;next="
			: "</a>\n  <a class=\"lang\" lang=\"hi\" href=\"/lang?lang=hi&amp;next=");
	url_put(b, r->path);
	sbuf_adds(b, hi ? "\">English</a>\n" : "\">हिन्दी</a>\n");
	piece(r, " </div>\n <nav class=\"wrap nav\" aria-label=\"", "nav.label");
	sbuf_adds(b, "\">\n  \n   ");
	nav_links(r, "\n   ");
	piece(r, "\n   <a href=\"/login\">", "nav.login");
	sbuf_adds(b, "</a>\n  \n </nav>\n</header>\n<main id=\"main\" class=\"wrap\">\n\n\n\n\n\n");
}

/* inc/foot.cs with none of the page's scripts */
static void foot_plain(struct req *r)
{
	struct sbuf *b = &r->out;
	piece(r, "</main>\n<footer class=\"foot\"><div class=\"wrap\">\n <p class=\"helpline\">", "footer.help");
	helpline_link(r);
	piece(r, "</a></p>\n <p>", "footer.line");
	sbuf_adds(b, "</p>\n <p>");
	nav_links(r, " · ");
	piece(r, " · <a href=\"/transparency\">", "nav.transparency");
	piece(r, "</a></p>\n <nav aria-label=\"", "footer.support");
	piece(r, "\"><p><a href=\"/accessibility\">", "footer.a11y");
	piece(r, "</a> · <a href=\"/privacy\">", "footer.privacy");
	sbuf_adds(b, "</a></p></nav>\n</div></footer>\n\n\n\n\n\n\n\n</body>\n</html>\n\n");
}

/* <dt>L.key</dt><dd>value</dd> */
static void row(struct req *r, const char *key, const char *value)
{
	piece(r, "<dt>", key);
	sbuf_adds(&r->out, "</dt><dd>");
	html_put(&r->out, value);
	sbuf_adds(&r->out, "</dd>");
}

int verify_page_direct(struct req *r, const struct cert_view *v)
{
	struct sbuf *b = &r->out;
	const char *code = vstatus_code(v->status);
	bool valid = v->status == V_VALID, revoked = v->status == V_REVOKED;
	sbuf_reset(b);
	head_anon(r, tmpl_str(r->lang, arena_printf(r->a, "verify.st.%s", code)));
	sbuf_adds(b, "<div class=\"panel panel-");
	sbuf_adds(b, valid ? "ok" : v->status == V_EXPIRED || v->status == V_SUPERSEDED ? "warn" : "bad");
	sbuf_adds(b, "\">\n <h1 class=\"panel-title\">");
	lang_put(r, arena_printf(r->a, "verify.st.%s", code));
	sbuf_adds(b, "</h1>\n ");
	if (v->status != V_BAD) {
		piece(r, "<div class=\"panel-body\">", "verify.number");
		sbuf_adds(b, "<br><strong>");
		html_put(b, v->number);
		sbuf_adds(b, "</strong></div>");
	}
	piece(r, "\n</div>\n<h2>", "verify.next_h");
	piece(r, "</h2>\n<p>", valid && v->facts_ok ? "verify.next.VALID_QR" : arena_printf(r->a, "verify.next.%s", code));
	sbuf_adds(b, "</p>\n");
	if (v->status == V_NOT_FOUND || v->status == V_MISMATCH) {
		piece(r, "<p>", "verify.helpline");
		helpline_link(r);
		sbuf_adds(b, "</a></p>");
	}
	sbuf_adds(b, "\n");
	if (v->facts_ok) {
		sbuf_adds(b, "\n<h2>");
		html_put(b, str_eq(r->lang, "hi") ? v->service_hi : v->service_en);
		sbuf_adds(b, "</h2>\n<dl class=\"summary\">");
		const char *err;
		struct jval *f = v->facts ? json_parse(r->a, v->facts, strlen(v->facts), &err) : NULL;
		for (size_t i = 0; f && f->type == J_ARR && i < f->n; i++) {
			sbuf_adds(b, "<dt>");
			html_put(b, json_get_str(f->kids[i], str_eq(r->lang, "hi") ? "hi" : "en"));
			sbuf_adds(b, "</dt><dd>");
			html_put(b, json_get_str(f->kids[i], "value"));
			sbuf_adds(b, "</dd>");
		}
		row(r, "verify.issuer", v->issuer);
		sbuf_adds(b, "</dl>\n");
	}
	sbuf_adds(b, "\n");
	if (!str_empty(v->issued) || !str_empty(v->valid_until) || revoked || !str_empty(v->superseded_by)) {
		sbuf_adds(b, "\n<dl class=\"summary\">\n ");
		if (!str_empty(v->issued))
			row(r, "verify.issued", v->issued);
		sbuf_adds(b, "\n ");
		if (!str_empty(v->valid_until))
			row(r, "verify.valid_until", v->valid_until);
		sbuf_adds(b, "\n ");
		if (revoked) {
			row(r, "verify.revoked_on", v->revoked_at);
			row(r, "verify.reason", v->revoke_reason);
		}
		sbuf_adds(b, "\n ");
		if (!str_empty(v->superseded_by)) {
			piece(r, "<dt>", "verify.replaced_by");
			sbuf_adds(b, "</dt><dd><a href=\"/verify?number=");
			url_put(b, v->superseded_by);
			sbuf_adds(b, "\">");
			html_put(b, v->superseded_by);
			sbuf_adds(b, "</a></dd>");
		}
		sbuf_adds(b, "\n</dl>\n");
	}
	sbuf_adds(b, "\n");
	if (revoked) {
		piece(r, "<p class=\"small\">", "verify.revoked_text");
		sbuf_adds(b, "</p>");
	}
	piece(r, "\n<p><a class=\"button secondary\" href=\"/verify\">", "verify.another");
	sbuf_adds(b, "</a></p>\n");
	foot_plain(r);
	if (!r->status)
		r->status = 200;
	r->out_ctype = "text/html; charset=utf-8";
	r->sent = true;
	return 0;
}

bool verify_page_direct_fits(const struct req *r, const struct cert_view *v)
{
	return !r->user && url_plain(r->path) && (str_empty(v->superseded_by) || url_plain(v->superseded_by));
}

/* GET /v/:no?d=&s= — what a phone camera opens */
int page_verify_qr(struct req *r)
{
	struct cert_view v;
	const char *d = req_query(r, "d"), *s = req_query(r, "s");
	if (cert_verify(r->a, rp(r, 0), d, s, &v) != 0)
		return 503;
	cert_count_verify(v.status);
	return verify_page_direct_fits(r, &v) ? verify_page_direct(r, &v) : verify_page_cs(r, &v);
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
