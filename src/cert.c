/*
 * cert.c — certificate issue and verification.
 */
#include "cert.h"
#include "application.h"
#include "cert_pdf.h"
#include "config.h"
#include "db.h"
#include "keys.h"
#include "locker.h"
#include "location.h"
#include "log.h"
#include "notify.h"
#include "pdf_sign.h"
#include "tmpl.h"
#include "user.h"
#include "workflow.h"
#include "audit.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char *const vcodes[] = { "VALID", "REVOKED", "SUPERSEDED", "EXPIRED", "NOT_FOUND", "SIGNATURE_MISMATCH", "BAD_REQUEST" };

const char *vstatus_code(enum vstatus s)
{
	return (unsigned)s < ARRAY_LEN(vcodes) ? vcodes[s] : "BAD_REQUEST";
}

enum vstatus cert_vstatus(const char *stored, bool expired)
{
	return str_eq(stored, "revoked") ? V_REVOKED : str_eq(stored, "superseded") ? V_SUPERSEDED
	       : expired ? V_EXPIRED : V_VALID;
}

char *cert_keys_dir(void)
{
	char *d = config_path(cfg.data_dir);
	char *k = xasprintf("%s/keys", d);
	free(d);
	return k;
}

/* ---- per-worker key caches ---- */

static struct qrkey qr_cache;
static bool qr_loaded;

static const struct qrkey *qr_active(void)
{
	if (qr_loaded)
		return &qr_cache;
	char *dir = cert_keys_dir();
	int rc = qrkey_load_active(dir, cfg.key_passphrase, &qr_cache);
	free(dir);
	if (rc != KEYS_OK) {
		log_error("QR signing key: %s", keys_strerror(rc));
		return NULL;
	}
	qr_loaded = true;
	return &qr_cache;
}

void cert_random_tail(char out[9])
{
	static const char b32[] = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";	/* no 0/O, 1/I */
	unsigned char rnd[8];
	randombytes_buf(rnd, sizeof rnd);
	for (int i = 0; i < 8; i++)
		out[i] = b32[rnd[i] & 31];
	out[8] = '\0';
}

void cert_warm(void)
{
	/* the QR key is used by every certificate; a missing one is logged
	 * here and again when a certificate needs it */
	(void)qr_active();
}

#define SIGNER_SLOTS 16
static struct {
	long user;			/* officer */
	struct pdf_signer s;		/* loaded key + certificate + chain */
} signers[SIGNER_SLOTS];

static const struct pdf_signer *officer_signer(long user_id)
{
	for (int i = 0; i < SIGNER_SLOTS; i++)
		if (signers[i].user == user_id)
			return &signers[i].s;
	char *dir = cert_keys_dir();
	char *key = xasprintf("%s/officers/%ld.key.pem", dir, user_id);
	char *crt = xasprintf("%s/officers/%ld.cert.pem", dir, user_id);
	char *ca = xasprintf("%s/ca.cert.pem", dir);
	int slot = (int)(user_id % SIGNER_SLOTS);
	if (signers[slot].user)
		pdf_signer_free(&signers[slot].s);
	signers[slot].user = 0;
	int rc = keys_load_signer(key, crt, ca, cfg.key_passphrase, &signers[slot].s);
	free(dir);
	free(key);
	free(crt);
	free(ca);
	if (rc != KEYS_OK) {
		log_error("signing key of officer %ld: %s", user_id, keys_strerror(rc));
		return NULL;
	}
	signers[slot].user = user_id;
	return &signers[slot].s;
}

/* ---- facts ---- */

/* "2026-11-23" -> "23-11-2026" */
static const char *dmy(struct arena *a, const char *ymd)
{
	if (!ymd || strlen(ymd) < 10)
		return ymd;
	return arena_printf(a, "%.2s-%.2s-%.4s", ymd + 8, ymd + 5, ymd);
}

/* A printed value for field f from its stored answer. */
static const char *print_value(struct arena *a, const struct field *f, const struct jval *v)
{
	if (!v || v->type == J_NULL)
		return "—";
	switch (f->type) {
	case FT_LOCATION: {
		long id = 0;
		json_get_long(v, "id", &id);
		struct loc *l = loc_get(a, id);
		if (!l)
			return json_get_str(v, "name");
		/* village, panchayat, block, district */
		long ids[12];
		size_t n = loc_path_ids(l->path, ids, 12);
		struct sbuf b;
		sbuf_init(&b);
		for (size_t i = n; i-- > 0;) {
			struct loc *x = loc_get(a, ids[i]);
			if (!x || x->type == LT_STATE || x->type == LT_DIVISION || x->type == LT_SUBDIVISION)
				continue;
			if (b.len)
				sbuf_adds(&b, ", ");
			sbuf_adds(&b, x->name_en);
			if (x->type == LT_DISTRICT && x->name_hi)
				sbuf_printf(&b, " (%s)", x->name_hi);
		}
		char *s = arena_strdup(a, b.data);
		sbuf_free(&b);
		return s;
	}
	case FT_SELECT:
	case FT_RADIO:
		for (size_t i = 0; i < f->nopts; i++)
			if (v->type == J_STR && str_eq(f->opts[i].value, v->str))
				return arena_printf(a, "%s / %s", f->opts[i].label.hi ? f->opts[i].label.hi : "", f->opts[i].label.en);
		return v->str;
	case FT_DATE:
		return v->type == J_STR ? dmy(a, v->str) : "—";
	case FT_CHECKBOX:
		return v->type == J_BOOL ? (v->b ? "हाँ / Yes" : "नहीं / No") : "—";
	case FT_NUMBER:
		return v->type == J_NUM ? v->str : "—";
	default:
		return v->type == J_STR || v->type == J_NUM ? v->str : "—";
	}
}

/* Cuts s to at most max bytes at a character boundary and drops '|'. */
static char *record_part(struct arena *a, const char *s, size_t max)
{
	char *o = arena_strdup(a, s ? s : "");
	for (char *p = o; *p; p++)
		if (*p == '|' || *p == '\n')
			*p = ' ';
	size_t n = strlen(o);
	if (n > max) {
		n = max;
		while (n > 0 && ((unsigned char)o[n] & 0xC0) == 0x80)
			n--;
		o[n] = '\0';
	}
	return o;
}


/* ---- rendering from the stored row (issue and regeneration share it) ---- */

/* Renders the certificate PDF (unsigned) from its certificates row, so a
 * regeneration gives the same document.  *out is malloc'd.  0 or -1. */
int cert_render_stored(struct arena *a, const char *number, unsigned char **out, size_t *len)
{
	struct dbres *c = db_query(a,
		"SELECT c.number, ap.number, DATE_FORMAT(c.issued_at, '%Y-%m-%d'), c.valid_until, c.record, c.sig, c.facts, "
		"UNIX_TIMESTAMP(c.issued_at), TRIM(CONCAT_WS(' ', u.first_name, u.last_name)), c.signer_role, c.office_id, "
		"c.title_en, c.title_hi, c.dept_code "
		"FROM certificates c JOIN applications ap ON ap.id = c.app_id JOIN users u ON u.id = c.issued_by WHERE c.number = ?",
		"s", number);
	if (!c || c->nrows != 1)
		return -1;
	const char *title_en = db_val(c, 0, 11), *title_hi = db_val(c, 0, 12), *dept = db_val(c, 0, 13);
	const char *err;
	struct jval *fj = json_parse(a, db_val(c, 0, 6), c->lens[6], &err);
	size_t nf = fj && fj->type == J_ARR ? fj->n : 0;
	struct cert_fact *facts = arena_alloc(a, (nf + 1) * sizeof *facts);
	for (size_t i = 0; i < nf; i++)
		facts[i] = (struct cert_fact){ json_get_str(fj->kids[i], "en"), json_get_str(fj->kids[i], "hi"),
					       json_get_str(fj->kids[i], "value") };
	const char *role = db_val(c, 0, 9);
	long long office = db_int(c, 0, 10);
	const char *today = db_val(c, 0, 2), *expiry = db_val(c, 0, 3);
	struct cert_layout cl = {
		.state = { "Government of Jharkhand", "झारखण्ड सरकार" },
		.department = { db_scalar(a, "SELECT name_en FROM departments WHERE code = ?", "s", dept),
				db_scalar(a, "SELECT name_hi FROM departments WHERE code = ?", "s", dept) },
		.office = { db_scalar(a, "SELECT name_en FROM offices WHERE id = ?", "i", (long long)office),
			    db_scalar(a, "SELECT name_hi FROM offices WHERE id = ?", "i", (long long)office) },
		.title = { title_en, title_hi },
		.statement = { "This is to certify that the particulars below have been verified from the records of this office.",
			       "प्रमाणित किया जाता है कि नीचे दिए गए विवरण इस कार्यालय के अभिलेखों से सत्यापित हैं।" },
		.facts = facts, .n_facts = nf,
		.cert_no = number,
		.app_no = db_val(c, 0, 1),
		.issue_date = dmy(a, today),
		.valid_until = expiry ? dmy(a, expiry) : NULL,
		.officer_name = db_val(c, 0, 8),
		.officer_designation = arena_printf(a, "%s / %s", tmpl_str("hi", arena_printf(a, "role.%s", role)),
						    tmpl_str("en", arena_printf(a, "role.%s", role))),
		.verify_url = arena_printf(a, "%s/v/%s?d=%s&s=%s", cfg.base_url, number,
					   b64url_encode(a, (const unsigned char *)db_val(c, 0, 4), c->lens[4]), db_val(c, 0, 5)),
		.verify_line = arena_printf(a, "Verify at %s/v/%s", cfg.base_url, number),
		.issued_at = (time_t)db_int(c, 0, 7),
	};
	return cert_pdf_render(&cl, out, len);
}

/* ---- issue ---- */

int cert_issue(struct req *r, const struct app *ap, const char **cert_no)
{
	struct arena *a = r->a;
	const struct svc *s = ap->ver->def;
	const char *err;
	struct jval *form = json_parse(a, ap->form, strlen(ap->form), &err);
	long issuer = r->user->id;
	const struct pdf_signer *signer = officer_signer(issuer);
	const struct qrkey *qk = qr_active();
	if (!signer || !qk) {
		r->err_detail = tmpl_str(r->lang, "cert.no_key");
		return -1;
	}
	/* a correction re-issues the original service's certificate */
	const struct svc *os = s;
	const struct app *src = ap;
	struct dbres *orig = NULL;
	if (s->corrects) {
		const char *on = json_get_str(form, "original_certificate");
		orig = on ? db_query(a, "SELECT id, app_id, number, status FROM certificates WHERE number = ? FOR UPDATE", "s", on) : NULL;
		if (!orig || orig->nrows != 1 || !str_eq(db_val(orig, 0, 3), "valid")) {
			r->err_detail = tmpl_str(r->lang, "cert.original_bad");
			return -1;
		}
		struct app *oa = app_load(a, NULL, (long)db_int(orig, 0, 1), false);
		if (!oa || oa->applicant_id != ap->applicant_id) {
			r->err_detail = tmpl_str(r->lang, "cert.original_bad");
			return -1;
		}
		src = oa;
		os = oa->ver->def;
	}
	struct jval *sform = src == ap ? form : json_parse(a, src->form, strlen(src->form), &err);
	/* printed facts; a correction's new_<field> answers replace the original's */
	size_t nf = os->nprint;
	struct cert_fact *facts = arena_alloc(a, (nf + 1) * sizeof *facts);
	struct sbuf fj;
	struct jw w;
	sbuf_init(&fj);
	jw_init(&w, &fj);
	jw_arr(&w);
	const char *holder = NULL, *first_fact = NULL;
	for (size_t i = 0; i < nf; i++) {
		const struct field *f = svc_field(os, os->print[i]);
		if (!f)
			continue;
		const struct jval *v = json_get(sform, f->name);
		const struct jval *nv = src != ap ? json_get(form, arena_printf(a, "new_%s", f->name)) : NULL;
		if (nv && nv->type == J_STR && *nv->str)
			v = nv;
		const char *val = print_value(a, f, v);
		facts[i] = (struct cert_fact){ f->label.en, f->label.hi, val };
		jw_obj(&w);
		jw_kstr(&w, "en", f->label.en);
		jw_kstr(&w, "hi", f->label.hi);
		jw_kstr(&w, "value", val);
		jw_obj_end(&w);
	}
	jw_arr_end(&w);
	holder = nf ? facts[0].value : ap->applicant_name;
	if (nf > 1)
		first_fact = facts[1].value;
	/* number: not guessable, unique */
	char *number = NULL;
	for (int tries = 0; tries < 5 && !number; tries++) {
		char tail[9];
		cert_random_tail(tail);
		char ym[8];
		struct tm tm;
		ist_tm(now_secs(), &tm);
		snprintf(ym, sizeof ym, "%02u%02u", (unsigned)(tm.tm_year % 100), (unsigned)(tm.tm_mon + 1) % 100);
		char *cand = arena_printf(a, "%s-%s-%s-%s", cfg.state_code, os->code, ym, tail);
		if (!db_scalar(a, "SELECT id FROM certificates WHERE number = ?", "s", cand))
			number = cand;
	}
	if (!number)
		return -1;
	const char *today = ist_today(a);
	const char *expiry = os->validity_days > 0 ? db_scalar(a, "SELECT CURDATE() + INTERVAL ? DAY", "i", (long long)os->validity_days) : NULL;
	/* the signed compact record, kept short enough for QR version <= 13 */
	size_t name_max = 48;
	char *record = NULL, *url = NULL;
	unsigned char sig[64];
	for (;;) {
		record = arena_printf(a, "GS1|%s|%s|%s|%s|%s|%s|%s|%ld", qk->kid, number, os->code, record_part(a, holder, name_max),
				      record_part(a, first_fact, name_max / 2), today, expiry ? expiry : "-", issuer);
		if (qrkey_sign(qk, (const unsigned char *)record, strlen(record), sig) != KEYS_OK)
			return -1;
		url = arena_printf(a, "%s/v/%s?d=%s&s=%s", cfg.base_url, number,
				   b64url_encode(a, (const unsigned char *)record, strlen(record)), b64url_encode(a, sig, sizeof sig));
		if (strlen(url) <= 330 || name_max < 8)
			break;
		name_max -= 8;
	}
	/* the row, then the PDF rendered from it, signed, stored; all in this transaction */
	const char *dob = json_get_str(sform, "dob");
	unsigned char *pdf = NULL, *signed_pdf = NULL;
	size_t plen = 0, slen = 0;
	int rc = -1;
	if (db_exec("INSERT INTO certificates (number, app_id, service_id, holder_id, holder_name, holder_dob, record, sig, kid, facts, "
		    "title_en, title_hi, dept_code, office_id, signer_role, pdf_sha256, pdf_size, issued_by, issued_at, valid_until) "
		    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', 0, ?, NOW(), ?)",
		    "siiisssssssssisis", number, (long long)ap->id, (long long)(src->service_id), (long long)ap->applicant_id,
		    record_part(a, holder, 100), dob, record, b64url_encode(a, sig, sizeof sig), qk->kid, fj.data,
		    os->title.en, os->title.hi, os->dept, (long long)ap->stage_office_id, ap->stage_role,
		    (long long)issuer, expiry) != 1)
		goto out;
	long cid = (long)db_last_id();
	if (cert_render_stored(a, number, &pdf, &plen) != 0)
		goto out;
	struct pdf_sig_info info = { .reason = "Certificate issued under the Jharkhand Right to Service Act",
				     .location = db_scalar(a, "SELECT name_en FROM offices WHERE id = ?", "i", (long long)ap->stage_office_id),
				     .name = r->user->name, .when = now_secs() };
	int sr = pdf_sign(pdf, plen, signer, &info, &signed_pdf, &slen);
	if (sr != PDF_SIGN_OK) {
		log_error("pdf_sign: %s", pdf_sign_strerror(sr));
		goto out;
	}
	char *hex = locker_put_blob(a, signed_pdf, slen);
	if (!hex || db_exec("UPDATE certificates SET pdf_sha256 = ?, pdf_size = ? WHERE id = ?", "sii", hex, (long long)slen,
			    (long long)cid) != 1)
		goto out;
	if (db_exec("INSERT INTO documents (owner_id, uploaded_by, doc_type, label, mime, size, sha256, source) "
		    "VALUES (?, ?, 'certificate', ?, 'application/pdf', ?, ?, 'certificate')", "iisis", (long long)ap->applicant_id,
		    (long long)issuer, arena_printf(a, "%s %s", os->title.en, number), (long long)slen, hex) != 1)
		goto out;
	if (orig && (db_exec("UPDATE certificates SET status = 'superseded', superseded_by = ? WHERE id = ?", "ii", (long long)cid,
			     db_int(orig, 0, 0)) != 1))
		goto out;
	const char *role = ap->stage_role;
	long office = ap->stage_office_id;
	struct audit_entry e = { .action = "cert.issue", .entity = "certificate", .entity_id = number, .role = role,
				 .office_id = office, .remarks = orig ? arena_printf(a, "supersedes %s", db_val(orig, 0, 2)) : NULL };
	if (audit_write(req_actor(r), &e) != 0)
		goto out;
	*cert_no = number;
	rc = 0;
out:
	sbuf_free(&fj);
	free(pdf);
	free(signed_pdf);
	return rc;
}

/* ---- verification ---- */

static struct qrkey_set keyset;
static time_t keyset_loaded;

static const struct qrkey_set *published_keys(void)
{
	time_t now = time(NULL);
	if (keyset_loaded && now - keyset_loaded < 60)
		return &keyset;
	char *dir = cert_keys_dir();
	char *path = xasprintf("%s/qr-keys.json", dir);
	struct qrkey_set fresh;
	int rc = qrkey_set_load(path, &fresh);
	free(dir);
	free(path);
	if (rc != KEYS_OK)
		return keyset_loaded ? &keyset : NULL;
	qrkey_set_free(&keyset);
	keyset = fresh;
	keyset_loaded = now;
	return &keyset;
}

bool cert_parse_qr(struct arena *a, const char *text, const char **number, const char **d, const char **s)
{
	const char *v = text ? strstr(text, "/v/") : NULL;
	if (!v || strlen(text) > 2000)
		return false;
	v += 3;
	const char *q = strchr(v, '?');
	if (!q)
		return false;
	*number = arena_strndup(a, v, (size_t)(q - v));
	*d = *s = NULL;
	for (const char *p = q + 1; *p;) {
		const char *e = strchr(p, '&');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		if (n > 2 && p[0] == 'd' && p[1] == '=')
			*d = arena_strndup(a, p + 2, n - 2);
		else if (n > 2 && p[0] == 's' && p[1] == '=')
			*s = arena_strndup(a, p + 2, n - 2);
		p += n + (e ? 1 : 0);
	}
	return *d && *s;
}

/* Checks record + signature; fills the record's parts.  true if genuine. */
static bool record_ok(struct arena *a, const char *number, const char *d, const char *s, char ***parts)
{
	if (!d || !s || strlen(d) > 1200 || strlen(s) != 86)
		return false;
	unsigned char rec[1000], sig[70];
	long rn = b64url_decode(d, strlen(d), rec, sizeof rec - 1);
	long sn = b64url_decode(s, strlen(s), sig, sizeof sig);
	if (rn <= 0 || sn != 64)
		return false;
	rec[rn] = '\0';
	if (!utf8_valid((char *)rec, (size_t)rn) || strncmp((char *)rec, "GS1|", 4) != 0)
		return false;
	char **p = arena_alloc(a, 10 * sizeof *p);
	char *copy = arena_strdup(a, (char *)rec), *save = NULL;
	int n = 0;
	for (char *tok = strtok_r(copy, "|", &save); tok && n < 10; tok = strtok_r(NULL, "|", &save))
		p[n++] = tok;
	if (n != 9 || !str_eq(p[2], number))
		return false;
	const struct qrkey_set *set = published_keys();
	if (!set || qrkey_verify(set, p[1], rec, (size_t)rn, sig) != KEYS_OK)
		return false;
	*parts = p;
	return true;
}

int cert_verify(struct arena *a, const char *number, const char *d, const char *s, struct cert_view *v)
{
	memset(v, 0, sizeof *v);
	v->number = number;
	if (!number || strlen(number) > 32 || strspn(number, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-") != strlen(number)) {
		v->status = V_BAD;
		return 0;
	}
	char **parts = NULL;
	bool have_qr = d || s;
	if (have_qr && !record_ok(a, number, d, s, &parts)) {
		v->status = V_MISMATCH;
		return 0;
	}
	struct dbres *c = db_query(a,
		"SELECT c.status, DATE_FORMAT(c.issued_at, '%Y-%m-%d'), c.valid_until, c.valid_until < CURDATE(), "
		"DATE_FORMAT(c.revoked_at, '%Y-%m-%d'), c.revoke_reason, n.number, c.holder_name, c.facts, v.name_en, v.name_hi, "
		"TRIM(CONCAT_WS(' ', u.first_name, u.last_name)), c.app_id, c.record "
		"FROM certificates c JOIN applications ap ON ap.id = c.app_id JOIN service_versions v ON v.id = ap.version_id "
		"LEFT JOIN certificates n ON n.id = c.superseded_by LEFT JOIN users u ON u.id = c.issued_by WHERE c.number = ?",
		"s", number);
	if (!c)
		return -1;
	if (c->nrows != 1) {
		v->status = V_NOT_FOUND;
		return 0;
	}
	/* a genuine signature over a record that differs from ours is still a mismatch */
	if (have_qr) {
		const char *mine = db_val(c, 0, 13);
		unsigned char rec[1000];
		long rn = b64url_decode(d, strlen(d), rec, sizeof rec - 1);
		if (rn < 0 || !mine || (size_t)rn != strlen(mine) || memcmp(rec, mine, (size_t)rn) != 0) {
			v->status = V_MISMATCH;
			return 0;
		}
	}
	const char *st = db_val(c, 0, 0);
	v->issued = db_val(c, 0, 1);
	v->valid_until = db_val(c, 0, 2);
	v->revoked_at = db_val(c, 0, 4);
	v->revoke_reason = db_val(c, 0, 5);
	v->superseded_by = db_val(c, 0, 6);
	v->app_id = (long)db_int(c, 0, 12);
	v->status = cert_vstatus(st, db_int(c, 0, 3) == 1);
	if (v->status == V_REVOKED) {
		/* a revoked certificate is answered with its number, status, the
		 * date and the reason only: whatever it once said is not repeated */
		v->issued = v->valid_until = NULL;
		return 0;
	}
	if (have_qr) {	/* only a verified QR shows personal data */
		v->facts_ok = true;
		v->holder = db_val(c, 0, 7);
		v->facts = db_val(c, 0, 8);
		v->service_en = db_val(c, 0, 9);
		v->service_hi = db_val(c, 0, 10);
		v->issuer = db_val(c, 0, 11);
	}
	return 0;
}

/* Verifications are counted in the worker and written every few seconds:
 * one row per (day, result) written by every scan would be a row each
 * worker waits on, and a commit per scan.  A crashed worker loses at most
 * a few seconds of counts, which only feed a dashboard figure. */
static long verify_pending[V_BAD + 1];
static double verify_flushed;

void cert_count_verify(enum vstatus s)
{
	if ((unsigned)s <= V_BAD)
		verify_pending[s]++;
}

void cert_count_flush(bool now)
{
	if (!now && now_mono() - verify_flushed < 5)
		return;
	verify_flushed = now_mono();
	for (int k = 0; k <= V_BAD; k++)
		if (verify_pending[k] &&
		    db_exec("INSERT INTO verify_daily (day, result, n) VALUES (CURDATE(), ?, ?) ON DUPLICATE KEY UPDATE n = n + VALUES(n)",
			    "si", vstatus_code((enum vstatus)k), (long long)verify_pending[k]) >= 0)
			verify_pending[k] = 0;
}

unsigned char *cert_pdf(struct arena *a, const char *number, size_t *len)
{
	const char *hex = db_scalar(a, "SELECT pdf_sha256 FROM certificates WHERE number = ?", "s", number);
	return hex ? locker_read_blob(hex, len) : NULL;
}

const struct holding *cert_revoker(const struct req *r, const struct app *ap)
{
	const struct svc *s = ap->ver->def;
	unsigned roles = RB(ROLE_STATE_ADMIN);
	int up[3] = { s->signing, s->appeal1, s->appeal2 };
	for (int i = 0; i < 3; i++)
		if (up[i] >= 0)
			roles |= RB(up[i]);
	return juris_holding(r->user, roles, 0, ap->office_path, ap->dept_id);
}

int cert_revoke(struct req *r, const char *number, const char *reason)
{
	if (!reason || utf8_chars(reason) < 5 || utf8_chars(reason) > 500) {
		form_error(r, "reason", "cert.reason_bad");
		return 422;
	}
	if (db_begin() != 0)
		return 503;
	int st = 503;
	struct dbres *c = db_query(r->a, "SELECT id, status, app_id FROM certificates WHERE number = ? FOR UPDATE", "s", number);
	if (!c)
		goto out;
	struct app *ap = c->nrows == 1 ? app_load(r->a, NULL, (long)db_int(c, 0, 2), true) : NULL;
	if (!ap || !app_visible(r->user, ap)) {
		st = c->nrows == 1 && !ap ? 503 : 404;
		goto out;
	}
	const struct holding *h = cert_revoker(r, ap);
	if (!h) {
		st = 403;
		goto out;
	}
	if (!str_eq(db_val(c, 0, 1), "valid")) {
		st = 409;
		goto out;
	}
	/* the application carries the mark; the event and the audit row say
	 * who revoked, in which role and at which office */
	const char *role = role_code(h->role);
	if (db_exec("UPDATE certificates SET status = 'revoked', revoked_at = NOW(), revoked_by = ?, revoke_reason = ? WHERE id = ?",
		    "isi", (long long)r->user->id, reason, db_int(c, 0, 0)) != 1 ||
	    (str_eq(ap->status, "approved") &&
	     db_exec("UPDATE applications SET status = 'revoked' WHERE id = ?", "i", (long long)ap->id) != 1))
		goto out;
	const char *text = arena_printf(r->a, "Your certificate %s (application %s) has been revoked: %s - GramSewa", number,
					ap->number, reason);
	struct audit_entry e = { .action = "cert.revoke", .entity = "certificate", .entity_id = number, .role = role,
				 .office_id = h->office_id, .remarks = reason };
	if (!notify_queue("sms", ap->applicant_mobile, text, "1107161000000000901", "cert.revoke", number) ||
	    app_event(&r->actor, ap, "revoke", role, h->office_id, ap->stage_idx, ap->stage_idx,
		      str_eq(ap->status, "approved") ? "revoked" : ap->status, reason, NULL, NULL) != 0 ||
	    audit_write(req_actor(r), &e) != 0)
		goto out;
	st = 0;
out:
	if (st) {
		db_rollback();
		return st;
	}
	return db_commit() == 0 ? 0 : 503;
}

/* ---- keys (gramsewactl) ---- */

int cert_ca_init(FILE *out)
{
	char *dir = cert_keys_dir();
	char *d = config_path(cfg.data_dir);
	mkdir(d, 0750);
	free(d);
	mkdir(dir, 0700);
	int rc = ca_init(dir, cfg.key_passphrase, "GramSewa Jharkhand Certificate Authority", 3650);
	fprintf(out, "ca init: %s (%s)\n", keys_strerror(rc), dir);
	if (rc == KEYS_OK || rc == KEYS_EEXIST) {
		char *ks = xasprintf("%s/qr-keys.json", dir);
		struct stat st;
		if (stat(ks, &st) != 0) {
			char kid[QRKEY_KID_LEN + 1];
			int qr = qrkey_generate(dir, cfg.key_passphrase, kid);
			fprintf(out, "QR key: %s (kid %s)\n", keys_strerror(qr), qr == KEYS_OK ? kid : "-");
			if (qr != KEYS_OK)
				rc = qr;
		}
		free(ks);
	}
	free(dir);
	return rc == KEYS_OK || rc == KEYS_EEXIST ? 0 : 1;
}

int cert_ca_issue(long user_id, FILE *out)
{
	struct arena a;
	arena_init(&a);
	struct dbres *u = db_query(&a, "SELECT TRIM(CONCAT_WS(' ', first_name, last_name)), email FROM users WHERE id = ?", "i",
				   (long long)user_id);
	int rc = 1;
	if (!u || u->nrows != 1) {
		fprintf(out, "ca issue: no user %ld\n", user_id);
		goto done;
	}
	char *dir = cert_keys_dir();
	char *od = xasprintf("%s/officers", dir);
	mkdir(od, 0700);
	char *key = xasprintf("%s/%ld.key.pem", od, user_id), *crt = xasprintf("%s/%ld.cert.pem", od, user_id);
	char uid[24];
	snprintf(uid, sizeof uid, "%ld", user_id);
	int k = ca_issue(dir, cfg.key_passphrase, uid, db_val(u, 0, 0), db_val(u, 0, 1), 1095, key, crt);
	fprintf(out, "ca issue for user %ld (%s): %s\n", user_id, db_val(u, 0, 0), keys_strerror(k));
	rc = k == KEYS_OK || k == KEYS_EEXIST ? 0 : 1;
	free(key);
	free(crt);
	free(od);
	free(dir);
done:
	arena_free(&a);
	return rc;
}

int cert_keys_rotate(FILE *out)
{
	char *dir = cert_keys_dir();
	char kid[QRKEY_KID_LEN + 1];
	int rc = qrkey_generate(dir, cfg.key_passphrase, kid);
	fprintf(out, "keys rotate: %s%s%s\n", keys_strerror(rc), rc == KEYS_OK ? ", new key id " : "", rc == KEYS_OK ? kid : "");
	free(dir);
	return rc == KEYS_OK ? 0 : 1;
}

int cert_offline_verify(const char *arg, FILE *out)
{
	struct arena a;
	arena_init(&a);
	int rc = 1;
	const char *number, *d, *s;
	char **parts;
	if (cert_parse_qr(&a, arg, &number, &d, &s)) {
		if (record_ok(&a, number, d, s, &parts)) {
			fprintf(out, "QR record: signature valid (key %s)\ncertificate %s, service %s, holder %s, issued %s, expires %s\n",
				parts[1], parts[2], parts[3], parts[4], parts[6], parts[7]);
			rc = 0;
		} else {
			fprintf(out, "QR record: SIGNATURE MISMATCH\n");
		}
		goto out;
	}
	FILE *f = fopen(arg, "rb");
	if (!f) {
		fprintf(out, "verify: %s is neither a QR text nor a readable file\n", arg);
		goto out;
	}
	struct sbuf b;
	sbuf_init(&b);
	char buf[65536];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0 && b.len < 20 * 1024 * 1024)
		sbuf_add(&b, buf, n);
	fclose(f);
	char *dir = cert_keys_dir();
	char *ca = xasprintf("%s/ca.cert.pem", dir);
	X509_STORE *trust = NULL;
	if (keys_load_trust(ca, &trust) != KEYS_OK) {
		fprintf(out, "verify: cannot load the CA certificate %s\n", ca);
	} else {
		struct pdf_sig_result res;
		pdf_sig_verify((unsigned char *)b.data, b.len, trust, &res);
		fprintf(out, "PDF signature: %s (signer %s)\n", pdf_sig_status_str(res.status), res.signer_cn);
		rc = res.status == PDF_SIG_VALID ? 0 : 1;
		X509_STORE_free(trust);
	}
	free(ca);
	free(dir);
	sbuf_free(&b);
out:
	arena_free(&a);
	return rc;
}
