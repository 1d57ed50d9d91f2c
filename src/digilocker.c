/*
 * digilocker.c — the DigiLocker issuer API: Pull URI and Pull Doc requests
 * (XML), authenticated by the x-digilocker-hmac header (base64 HMAC-SHA256
 * of the body with the shared key; the hex digest is accepted too), with a
 * timestamp freshness check.  A document is returned only when the name
 * and date of birth in the request match the certificate holder.  URIs are
 * <issuer id>-<doc type>-<certificate no>; the doc type is the service code.
 * Status 1 = found, 0 = not found / refused, 9 = error in the request.
 */
#include "pages.h"
#include "audit.h"
#include "cert.h"
#include "config.h"
#include "db.h"
#include "json.h"
#include "log.h"
#include "xmlmini.h"

#include <ctype.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Checks the HMAC header over the raw body. */
static bool hmac_ok(const struct req *r)
{
	if (str_empty(cfg.digilocker_key) || !r->hmac_header)
		return false;
	unsigned char mac[32];
	crypto_auth_hmacsha256_state st;
	crypto_auth_hmacsha256_init(&st, (const unsigned char *)cfg.digilocker_key, strlen(cfg.digilocker_key));
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)r->body, r->body_len);
	crypto_auth_hmacsha256_final(&st, mac);
	unsigned char given[64];
	size_t n = 0;
	const char *h = r->hmac_header;
	if (strlen(h) == 64) {
		if (sodium_hex2bin(given, sizeof given, h, 64, NULL, &n, NULL) != 0)
			return false;
	} else {
		long k = b64_decode(h, strlen(h), given, sizeof given);
		if (k < 0)
			return false;
		n = (size_t)k;
	}
	return n == 32 && sodium_memcmp(given, mac, 32) == 0;
}

/* ts within 15 minutes of now (ISO 8601 with offset, or Z). */
static bool fresh(struct arena *a, const char *ts)
{
	if (!ts || strlen(ts) < 19 || strlen(ts) > 40)
		return false;
	const char *ok = db_scalar(a, "SELECT ABS(TIMESTAMPDIFF(SECOND, CONVERT_TZ(STR_TO_DATE(LEFT(?, 19), '%Y-%m-%dT%H:%i:%s'), "
				      "IF(LENGTH(?) > 19 AND SUBSTR(?, 20, 1) <> 'Z', SUBSTR(?, 20, 6), '+00:00'), '+05:30'), NOW())) <= 900",
				   "ssss", ts, ts, ts, ts);
	return str_eq(ok, "1");
}

static void xml_text(struct sbuf *b, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '<': sbuf_adds(b, "&lt;"); break;
		case '>': sbuf_adds(b, "&gt;"); break;
		case '&': sbuf_adds(b, "&amp;"); break;
		case '"': sbuf_adds(b, "&quot;"); break;
		default: sbuf_addc(b, *s);
		}
	}
}

static void elem(struct sbuf *b, const char *tag, const char *val)
{
	sbuf_printf(b, "<%s>", tag);
	xml_text(b, val);
	sbuf_printf(b, "</%s>", tag);
}

/* The issued data as XML (DataContent). */
static char *data_xml(struct arena *a, struct dbres *c)
{
	struct sbuf b;
	sbuf_init(&b);
	sbuf_adds(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Certificate>");
	elem(&b, "Number", db_val(c, 0, 0));
	elem(&b, "Service", db_val(c, 0, 1));
	elem(&b, "HolderName", db_val(c, 0, 2));
	elem(&b, "IssuedOn", db_val(c, 0, 4));
	elem(&b, "ValidUntil", db_val(c, 0, 5));
	elem(&b, "Status", db_val(c, 0, 6));
	const char *err;
	struct jval *facts = json_parse(a, db_val(c, 0, 7), c->lens[7], &err);
	sbuf_adds(&b, "<Facts>");
	for (size_t i = 0; facts && facts->type == J_ARR && i < facts->n; i++) {
		sbuf_adds(&b, "<Fact name=\"");
		xml_text(&b, json_get_str(facts->kids[i], "en"));
		sbuf_adds(&b, "\">");
		xml_text(&b, json_get_str(facts->kids[i], "value"));
		sbuf_adds(&b, "</Fact>");
	}
	sbuf_adds(&b, "</Facts></Certificate>");
	char *s = arena_strdup(a, b.data);
	sbuf_free(&b);
	return s;
}

/* Same name (case and spaces ignored) and date of birth (DD-MM-YYYY). */
static bool person_matches(struct arena *a, struct dbres *c, const char *name, const char *dob)
{
	if (!name || !dob)
		return false;
	char *x = str_trim(arena_strdup(a, name)), *y = str_trim(arena_strdup(a, db_val(c, 0, 2)));
	if (strcasecmp(x, y) != 0)
		return false;
	const char *hd = db_val(c, 0, 3);	/* YYYY-MM-DD */
	return hd && strlen(dob) == 10 && strncmp(dob, hd + 8, 2) == 0 && strncmp(dob + 3, hd + 5, 2) == 0 &&
	       strncmp(dob + 6, hd, 4) == 0;
}

static int respond(struct req *r, const char *root, int status, const char *txn, const char *details)
{
	struct sbuf b;
	sbuf_init(&b);
	char ts[32];
	fmt_iso_time(ts, now_secs());
	sbuf_printf(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><%s xmlns:ns2=\"http://tempuri.org/\">"
			"<ResponseStatus Status=\"%d\" ts=\"%s\" txn=\"", root, status, ts);
	xml_text(&b, txn ? txn : "");
	sbuf_printf(&b, "\">%d</ResponseStatus>%s</%s>", status, details ? details : "", root);
	r->status = 200;
	r->out_ctype = "application/xml; charset=utf-8";
	sbuf_reset(&r->out);
	sbuf_add(&r->out, b.data, b.len);
	r->sent = true;
	sbuf_free(&b);
	return 0;
}

#define CERT_SQL "SELECT c.number, s.code, c.holder_name, DATE_FORMAT(c.holder_dob, '%Y-%m-%d'), DATE_FORMAT(c.issued_at, '%Y-%m-%d'), " \
	"c.valid_until, c.status, c.facts FROM certificates c JOIN services s ON s.id = c.service_id WHERE c.number = ?"

/* Shared by both calls: authenticate, parse, find the certificate. */
static int pull(struct req *r, bool by_uri)
{
	const char *root = by_uri ? "PullURIResponse" : "PullDocResponse";
	const char *txn = xml_attr(r->a, r->body, r->body_len, by_uri ? "PullURIRequest" : "PullDocRequest", "txn");
	const char *ts = xml_attr(r->a, r->body, r->body_len, by_uri ? "PullURIRequest" : "PullDocRequest", "ts");
	if (!hmac_ok(r)) {
		log_warn("digilocker: bad HMAC");
		return respond(r, root, 9, txn, NULL);
	}
	if (!fresh(r->a, ts))
		return respond(r, root, 9, txn, NULL);
	const char *number = NULL, *doctype = NULL;
	if (by_uri) {
		doctype = xml_text_of(r->a, r->body, r->body_len, "DocType");
		number = xml_text_of(r->a, r->body, r->body_len, "certificate_no");
	} else {
		const char *uri = xml_text_of(r->a, r->body, r->body_len, "URI");
		size_t il = strlen(cfg.digilocker_issuer);
		if (uri && strncmp(uri, cfg.digilocker_issuer, il) == 0 && uri[il] == '-') {
			const char *rest = uri + il + 1, *dash = strchr(rest, '-');
			if (dash) {
				doctype = arena_strndup(r->a, rest, (size_t)(dash - rest));
				number = dash + 1;
			}
		}
	}
	if (!number || !doctype || strlen(number) > 32)
		return respond(r, root, 9, txn, NULL);
	struct dbres *c = db_query(r->a, CERT_SQL, "s", number);
	if (!c)
		return 503;
	const char *name = xml_text_of(r->a, r->body, r->body_len, "FullName");
	const char *dob = xml_text_of(r->a, r->body, r->body_len, "DOB");
	bool found = c->nrows == 1 && str_eq(db_val(c, 0, 1), doctype) && str_eq(db_val(c, 0, 6), "valid");
	/* Pull URI is a search: the person must match.  Pull Doc names a URI
	 * DigiLocker got from us; the name/DOB are checked when sent. */
	if (found && (by_uri || name || dob) && !person_matches(r->a, c, name, dob))
		found = false;
	struct audit_entry e = { .action = by_uri ? "digilocker.pulluri" : "digilocker.pulldoc", .entity = "certificate",
				 .entity_id = number, .remarks = found ? "issued" : "refused" };
	if (db_begin() == 0) {
		if (audit_write(req_actor(r), &e) == 0)
			db_commit();
		else
			db_rollback();
	}
	if (!found)
		return respond(r, root, 0, txn, NULL);
	size_t len = 0;
	unsigned char *pdf = cert_pdf(r->a, number, &len);
	if (!pdf)
		return respond(r, root, 0, txn, NULL);
	struct sbuf d;
	sbuf_init(&d);
	sbuf_adds(&d, "<DocDetails>");
	if (by_uri) {
		elem(&d, "DocType", doctype);
		elem(&d, "DigiLockerId", xml_text_of(r->a, r->body, r->body_len, "DigiLockerId"));
		elem(&d, "FullName", db_val(c, 0, 2));
		elem(&d, "DOB", dob);
	}
	elem(&d, "URI", arena_printf(r->a, "%s-%s-%s", cfg.digilocker_issuer, doctype, number));
	elem(&d, "DocContent", b64_encode(r->a, pdf, len));
	const char *x = data_xml(r->a, c);
	elem(&d, "DataContent", b64_encode(r->a, (const unsigned char *)x, strlen(x)));
	sbuf_adds(&d, "</DocDetails>");
	free(pdf);
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
