/*
 * page_digilocker.c — the DigiLocker issuer API: Pull URI and Pull Doc
 * requests (XML), authenticated by the x-digilocker-hmac header (base64
 * HMAC-SHA256 of the body with the shared key; the hex digest is accepted
 * too), with a timestamp freshness check.  A document is returned only when
 * the name and date of birth in the request match the certificate holder.
 * URIs are <issuer id>-<doc type>-<certificate no>; the doc type is the
 * service code.  Status 1 = found, 0 = not found / refused, 9 = error in
 * the request.  The rules are digilocker.c's (dl_*); this file reads and
 * writes the XML.
 */
#include "pages.h"
#include "digilocker.h"
#include "json.h"
#include "log.h"
#include "xmlmini.h"

#include <stdlib.h>
#include <string.h>

/* <tag>val</tag>, val escaped (html_escape's entities are XML's too). */
static void elem(struct sbuf *b, const char *tag, const char *val)
{
	sbuf_printf(b, "<%s>", tag);
	html_escape(b, val);
	sbuf_printf(b, "</%s>", tag);
}

/* The issued data as XML (DataContent). */
static char *data_xml(struct arena *a, const struct dl_doc *doc)
{
	struct sbuf b;
	sbuf_init(&b);
	sbuf_adds(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Certificate>");
	elem(&b, "Number", doc->number);
	elem(&b, "Service", doc->service);
	elem(&b, "HolderName", doc->holder);
	elem(&b, "IssuedOn", doc->issued);
	elem(&b, "ValidUntil", doc->valid_until);
	elem(&b, "Status", doc->status);
	const char *err;
	struct jval *facts = doc->facts ? json_parse(a, doc->facts, strlen(doc->facts), &err) : NULL;
	sbuf_adds(&b, "<Facts>");
	for (size_t i = 0; facts && facts->type == J_ARR && i < facts->n; i++) {
		sbuf_adds(&b, "<Fact name=\"");
		html_escape(&b, json_get_str(facts->kids[i], "en"));
		sbuf_adds(&b, "\">");
		html_escape(&b, json_get_str(facts->kids[i], "value"));
		sbuf_adds(&b, "</Fact>");
	}
	sbuf_adds(&b, "</Facts></Certificate>");
	char *s = arena_strdup(a, b.data);
	sbuf_free(&b);
	return s;
}

static int respond(struct req *r, const char *root, int status, const char *txn, const char *details)
{
	struct sbuf b;
	sbuf_init(&b);
	char ts[32];
	fmt_iso_time(ts, now_secs());
	sbuf_printf(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><%s xmlns:ns2=\"http://tempuri.org/\">"
			"<ResponseStatus Status=\"%d\" ts=\"%s\" txn=\"", root, status, ts);
	html_escape(&b, txn ? txn : "");
	sbuf_printf(&b, "\">%d</ResponseStatus>%s</%s>", status, details ? details : "", root);
	r->status = 200;
	r->out_ctype = "application/xml; charset=utf-8";
	sbuf_reset(&r->out);
	sbuf_add(&r->out, b.data, b.len);
	r->sent = true;
	sbuf_free(&b);
	return 0;
}

/* Shared by both calls: authenticate, read the request, answer. */
static int pull(struct req *r, bool by_uri)
{
	const char *root = by_uri ? "PullURIResponse" : "PullDocResponse";
	const char *txn = xml_attr(r->a, r->body, r->body_len, by_uri ? "PullURIRequest" : "PullDocRequest", "txn");
	const char *ts = xml_attr(r->a, r->body, r->body_len, by_uri ? "PullURIRequest" : "PullDocRequest", "ts");
	if (!dl_signed(r->body, r->body_len, r->hmac_header)) {
		log_warn("digilocker: bad HMAC");
		return respond(r, root, 9, txn, NULL);
	}
	if (!dl_fresh(r->a, ts))
		return respond(r, root, 9, txn, NULL);
	struct dl_request in = { .by_uri = by_uri };
	if (by_uri) {
		in.doctype = xml_text_of(r->a, r->body, r->body_len, "DocType");
		in.number = xml_text_of(r->a, r->body, r->body_len, "certificate_no");
	} else if (!dl_uri_read(r->a, xml_text_of(r->a, r->body, r->body_len, "URI"), &in.doctype, &in.number)) {
		in.doctype = in.number = NULL;
	}
	if (!in.number || !in.doctype || strlen(in.number) > 32)
		return respond(r, root, 9, txn, NULL);
	in.name = xml_text_of(r->a, r->body, r->body_len, "FullName");
	in.dob = xml_text_of(r->a, r->body, r->body_len, "DOB");
	struct dl_doc doc;
	int found = dl_pull(r->a, &r->actor, &in, &doc);
	if (found < 0)
		return 503;
	if (!found)
		return respond(r, root, 0, txn, NULL);
	struct sbuf d;
	sbuf_init(&d);
	sbuf_adds(&d, "<DocDetails>");
	if (by_uri) {
		elem(&d, "DocType", in.doctype);
		elem(&d, "DigiLockerId", xml_text_of(r->a, r->body, r->body_len, "DigiLockerId"));
		elem(&d, "FullName", doc.holder);
		elem(&d, "DOB", in.dob);
	}
	elem(&d, "URI", dl_uri(r->a, in.doctype, in.number));
	elem(&d, "DocContent", b64_encode(r->a, doc.pdf, doc.pdf_len));
	const char *x = data_xml(r->a, &doc);
	elem(&d, "DataContent", b64_encode(r->a, (const unsigned char *)x, strlen(x)));
	sbuf_adds(&d, "</DocDetails>");
	free(doc.pdf);
	int rc = respond(r, root, 1, txn, d.data);
	sbuf_free(&d);
	return rc;
}

/* POST /digilocker/pulluri */
int page_dl_pulluri(struct req *r)
{
	return pull(r, true);
}

/* POST /digilocker/pulldoc */
int page_dl_pulldoc(struct req *r)
{
	return pull(r, false);
}
