/*
 * cert.c — certificate issue and verification.
 */
#include "cert.h"
#include "application.h"
#include "audit.h"
#include "cert_pdf.h"
#include "cert_qr.h"
#include "cert_render.h"
#include "config.h"
#include "db.h"
#include "keys.h"
#include "locker.h"
#include "log.h"
#include "notify.h"
#include "pdf_sign.h"
#include "register.h"
#include "user.h"

#include <ctype.h>
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

/* Bytes of the separator people type inside a number at s (space, tab,
 * no-break space, ASCII and Unicode hyphens and dashes, the minus sign),
 * or 0. */
static size_t number_sep(const char *s)
{
	static const char *const seps[] = { " ", "\t", "-", "\xc2\xa0", "\xe2\x80\x90", "\xe2\x80\x91", "\xe2\x80\x92",
					    "\xe2\x80\x93", "\xe2\x80\x94", "\xe2\x88\x92", "\xe2\x80\xaf" };
	for (size_t i = 0; i < ARRAY_LEN(seps); i++)
		if (str_starts(s, seps[i]))
			return strlen(seps[i]);
	return 0;
}

/* s[0..n) is made of A-Z (and 0-9 when digits_too) only. */
static bool number_part(const char *s, size_t n, size_t min, size_t max, bool letters, bool digits)
{
	if (n < min || n > max)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((letters && s[i] >= 'A' && s[i] <= 'Z') || (digits && s[i] >= '0' && s[i] <= '9')))
			return false;
	return true;
}

bool cert_number_shape(const char *n)
{
	if (!n || strlen(n) > 32)
		return false;
	const char *d1 = strchr(n, '-'), *d2 = d1 ? strchr(d1 + 1, '-') : NULL, *d3 = d2 ? strchr(d2 + 1, '-') : NULL;
	if (!d3 || strchr(d3 + 1, '-'))
		return false;
	return number_part(n, (size_t)(d1 - n), 1, 10, true, false) &&
	       number_part(d1 + 1, (size_t)(d2 - d1 - 1), 2, 10, true, true) &&
	       number_part(d2 + 1, (size_t)(d3 - d2 - 1), 4, 4, false, true) && number_part(d3 + 1, strlen(d3 + 1), 8, 8, true, true);
}

const char *cert_number_clean(struct arena *a, const char *typed)
{
	if (!typed)
		return NULL;
	size_t n = strlen(typed), g = 0, c = 0;
	char *groups = arena_alloc(a, n + 1);	/* upper case, each run of separators one '-' */
	char *compact = arena_alloc(a, n + 1);	/* the same without separators */
	for (const char *p = typed; *p;) {
		size_t k = number_sep(p);
		if (k) {
			if (g && groups[g - 1] != '-')
				groups[g++] = '-';
			p += k;
			continue;
		}
		char ch = (char)toupper((unsigned char)*p);
		/* Devanagari digits (U+0966..U+096F), as a Hindi keyboard types them */
		if ((unsigned char)p[0] == 0xe0 && (unsigned char)p[1] == 0xa5 && (unsigned char)p[2] >= 0xa6 &&
		    (unsigned char)p[2] <= 0xaf) {
			ch = (char)('0' + ((unsigned char)p[2] - 0xa6));
			p += 3;
		} else {
			p++;
		}
		groups[g++] = compact[c++] = ch;
	}
	while (g && groups[g - 1] == '-')
		g--;
	groups[g] = compact[c] = '\0';
	if (cert_number_shape(groups))
		return groups;
	/* no dashes, or spaces inside a group: <state><service><YYMM><8 characters> */
	size_t sl = strlen(cfg.state_code);
	if (c >= sl + 2 + 4 + 8 && strncmp(compact, cfg.state_code, sl) == 0) {
		char *cand = arena_printf(a, "%s-%.*s-%.4s-%s", cfg.state_code, (int)(c - sl - 12), compact + sl, compact + c - 12,
					  compact + c - 8);
		if (cert_number_shape(cand))
			return cand;
	}
	return groups;
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
	long user;			/* officer, or SYSTEM_SIGNER */
	struct pdf_signer s;		/* loaded key + certificate + chain */
} signers[SIGNER_SLOTS];

/* The cache key of the PMU's system key (no user has a negative id). */
#define SYSTEM_SIGNER (-1L)

/* The signing key of an officer (user_id > 0) or of the PMU
 * (SYSTEM_SIGNER: keys/system/pmu.*), loaded once per worker. */
const struct pdf_signer *cert_officer_signer(long user_id)
{
	for (int i = 0; i < SIGNER_SLOTS; i++)
		if (signers[i].user == user_id)
			return &signers[i].s;
	char *dir = cert_keys_dir();
	char *key = user_id == SYSTEM_SIGNER ? xasprintf("%s/system/pmu.key.pem", dir)
					     : xasprintf("%s/officers/%ld.key.pem", dir, user_id);
	char *crt = user_id == SYSTEM_SIGNER ? xasprintf("%s/system/pmu.cert.pem", dir)
					     : xasprintf("%s/officers/%ld.cert.pem", dir, user_id);
	char *ca = xasprintf("%s/ca.cert.pem", dir);
	int slot = (int)((unsigned long)user_id % SIGNER_SLOTS);
	if (signers[slot].user)
		pdf_signer_free(&signers[slot].s);
	signers[slot].user = 0;
	int rc = keys_load_signer(key, crt, ca, cfg.key_passphrase, &signers[slot].s);
	free(dir);
	free(key);
	free(crt);
	free(ca);
	if (rc != KEYS_OK) {
		log_error("signing key of %s %ld: %s", user_id == SYSTEM_SIGNER ? "the PMU" : "officer", user_id, keys_strerror(rc));
		return NULL;
	}
	signers[slot].user = user_id;
	return &signers[slot].s;
}

/* ---- issue ---- */

/* One issue, carried through its phases.  An application's certificate
 * fills the "what is certified" part from the application and its
 * service; an exam pass or a training attended fills it from the caller's
 * cert_subject (cert_issue_subject). */
struct issue {
	struct arena *a;			/* request memory */
	const struct actor *who;		/* the approving officer, or whoever closed the attempt (NULL: the system) */
	const struct app *ap;			/* the approved application, or NULL */
	struct outcome *out;			/* a refusal's key */
	const struct pdf_signer *signer;	/* the PDF signing key: the officer's, or the PMU's */
	const struct qrkey *qk;			/* the QR signing key */
	struct jval *form;			/* ap's answers */
	const struct app *src;			/* whose answers are printed: ap, or the corrected certificate's application */
	const struct svc *os;			/* whose certificate is issued: ap's service, or the corrected one's */
	struct jval *sform;			/* src's answers */
	struct dbres *orig;			/* a correction: the certificate it supersedes (id, app_id, number, status) */
	/* what is certified, whatever the source */
	const char *source_kind;		/* application, exam, training */
	long source_id;				/* its id */
	const char *code;			/* in the number and the record: the service code, EXM, TRN */
	const char *title_en, *title_hi;	/* the certificate's title */
	const char *dept;			/* department code ("" for the PMU) */
	long office_id;				/* issuing office, 0 for the PMU */
	const char *signer_role;		/* role code printed under the signature */
	long holder_id;				/* whose certificate */
	const char *holder_name;		/* first printed fact, or this when there is none */
	const char *holder_dob;			/* YYYY-MM-DD or NULL */
	long validity_days;			/* 0: no expiry */
	const char *sign_reason;		/* the PDF signature's reason */
	const char *sign_location;		/* and location */
	long issuer;				/* the issuer's user id in the record (0: the system) */
	struct cert_fact *facts;		/* printed facts */
	size_t nf;
	struct cert_fact *extract;		/* a register extract's facts, printed after the service's */
	size_t nextract;
	struct sbuf facts_json;			/* the same as stored JSON (freed by the issuer) */
	const char *number;			/* the new certificate's number */
	const char *today, *expiry;		/* issue date; expiry date or NULL */
	const char *record, *sig, *url;		/* the signed QR record, its signature (base64url), the verify URL */
	long id;				/* certificates.id */
};

/* A refusal of the issue: its key for the answer; the caller rolls back. */
static int issue_refused(struct issue *is, const char *key)
{
	is->out->key = key;
	return -1;
}

/* The PDF signing key (the officer's, or the PMU's for system
 * certificates) and the QR key. */
static int issue_keys(struct issue *is, long signer)
{
	is->signer = cert_officer_signer(signer);
	is->qk = qr_active();
	return is->signer && is->qk ? 0 : issue_refused(is, "cert.no_key");
}

/* A correction re-issues the original service's certificate, of the same
 * holder, while it is valid (locked: it is superseded below). */
static int issue_source(struct issue *is)
{
	const char *err;
	is->form = json_parse(is->a, is->ap->form, strlen(is->ap->form), &err);
	is->src = is->ap;
	is->os = is->ap->ver->def;
	is->sform = is->form;
	if (!is->os->corrects)
		return 0;
	const char *on = json_get_str(is->form, "original_certificate");
	is->orig = on ? db_query(is->a, "SELECT id, app_id, number, status FROM certificates WHERE number = ? FOR UPDATE", "s", on) : NULL;
	if (!is->orig || is->orig->nrows != 1 || !str_eq(db_val(is->orig, 0, 3), "valid"))
		return issue_refused(is, "cert.original_bad");
	struct app *oa = app_load(is->a, NULL, (long)db_int(is->orig, 0, 1), false);
	if (!oa || oa->applicant_id != is->ap->applicant_id)
		return issue_refused(is, "cert.original_bad");
	is->src = oa;
	is->os = oa->ver->def;
	is->sform = json_parse(is->a, oa->form, strlen(oa->form), &err);
	return 0;
}

/* A register extract (output.register_extract): the entry the answers
 * name in the book of the GP the application was routed to, as facts
 * (register.c reg_extract_app).  0, or -1: refused (409 with the reason
 * in out) or failed. */
static int issue_extract(struct issue *is)
{
	const char *why = NULL;
	int rc = reg_extract_app(is->a, is->ap->stage_office_id, is->form, &is->extract, &is->nextract, &why);
	if (rc > 0)	/* a conflict with the register, not a missing key: 409 */
		out_fail(is->out, 409, why);
	return rc == 0 ? 0 : -1;
}

/* Starts the stored facts JSON list. */
static void facts_open(struct issue *is, struct jw *w, size_t n)
{
	is->nf = n;
	is->facts = arena_alloc(is->a, (n + 1) * sizeof *is->facts);
	sbuf_init(&is->facts_json);
	jw_init(w, &is->facts_json);
	jw_arr(w);
}

/* One printed fact, into both the PDF's list and the stored JSON. */
static void fact_add(struct issue *is, struct jw *w, size_t i, const char *en, const char *hi, const char *val)
{
	is->facts[i] = (struct cert_fact){ en, hi, val };
	jw_obj(w);
	jw_kstr(w, "en", en);
	jw_kstr(w, "hi", hi);
	jw_kstr(w, "value", val);
	jw_obj_end(w);
}

/* The printed facts, as the PDF prints them and as stored; a correction's
 * new_<field> answers replace the original's. */
static void issue_facts(struct issue *is)
{
	struct arena *a = is->a;
	const struct svc *os = is->os;
	struct jw w;
	facts_open(is, &w, os->nprint + is->nextract);
	for (size_t i = 0; i < os->nprint; i++) {
		const struct field *f = svc_field(os, os->print[i]);
		if (!f)
			continue;
		const struct jval *v = json_get(is->sform, f->name);
		const struct jval *nv = is->src != is->ap ? json_get(is->form, arena_printf(a, "new_%s", f->name)) : NULL;
		if (nv && nv->type == J_STR && *nv->str)
			v = nv;
		/* the question ("Village where you live") reads badly as a label */
		const struct i18n *lb = f->print_label.en || f->print_label.hi ? &f->print_label : &f->label;
		fact_add(is, &w, i, lb->en, lb->hi, cert_print_value(a, &os->form, f, v));
	}
	for (size_t i = 0; i < is->nextract; i++)
		fact_add(is, &w, os->nprint + i, is->extract[i].label_en, is->extract[i].label_hi, is->extract[i].value);
	jw_arr_end(&w);
}

/* A number nobody can guess, not used before: <state>-<code>-<YYMM>-<8 random>. */
static int issue_number(struct issue *is)
{
	for (int tries = 0; tries < 5 && !is->number; tries++) {
		char tail[9];
		cert_random_tail(tail);
		char ym[8];
		struct tm tm;
		ist_tm(now_secs(), &tm);
		snprintf(ym, sizeof ym, "%02u%02u", (unsigned)(tm.tm_year % 100), (unsigned)(tm.tm_mon + 1) % 100);
		char *cand = arena_printf(is->a, "%s-%s-%s-%s", cfg.state_code, is->code, ym, tail);
		if (!db_scalar(is->a, "SELECT id FROM certificates WHERE number = ?", "s", cand))
			is->number = cand;
	}
	return is->number ? 0 : -1;
}

/* The signed compact record and the URL the QR holds, the names cut until
 * it fits a QR of version 13 or less. */
static int issue_record(struct issue *is)
{
	struct arena *a = is->a;
	is->today = ist_today(a);
	is->expiry = is->validity_days > 0
		     ? db_scalar(a, "SELECT CURDATE() + INTERVAL ? DAY", "i", (long long)is->validity_days) : NULL;
	struct cert_record rec = { is->qk->kid, is->number, is->code, is->nf ? is->facts[0].value : is->holder_name,
				   is->nf > 1 ? is->facts[1].value : NULL, is->today, is->expiry,
				   arena_printf(a, "%ld", is->issuer) };
	unsigned char sig[64];
	for (size_t name_max = 48;; name_max -= 8) {
		is->record = cert_record_text(a, &rec, name_max);
		if (qrkey_sign(is->qk, (const unsigned char *)is->record, strlen(is->record), sig) != KEYS_OK)
			return -1;
		is->sig = b64url_encode(a, sig, sizeof sig);
		is->url = cert_verify_url(a, is->number, is->record, strlen(is->record), is->sig);
		if (strlen(is->url) <= 330 || name_max < 8)
			return 0;
	}
}

/* The row, then the PDF rendered from it, signed, stored by its digest
 * and (an application's) filed in the holder's locker; the corrected
 * certificate superseded. */
static int issue_store(struct issue *is)
{
	struct arena *a = is->a;
	unsigned char *pdf = NULL, *signed_pdf = NULL;
	size_t plen = 0, slen = 0;
	int rc = -1;
	if (db_exec("INSERT INTO certificates (number, app_id, service_id, holder_id, holder_name, holder_dob, record, sig, kid, facts, "
		    "title_en, title_hi, dept_code, office_id, signer_role, pdf_sha256, pdf_size, issued_by, issued_at, valid_until, "
		    "source_kind, source_id) "
		    "VALUES (?, NULLIF(?, 0), NULLIF(?, 0), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULLIF(?, 0), ?, '', 0, ?, NOW(), ?, ?, ?)",
		    "siiisssssssssisissi", is->number, (long long)(is->ap ? is->ap->id : 0),
		    (long long)(is->src ? is->src->service_id : 0), (long long)is->holder_id,
		    cert_record_part(a, is->nf ? is->facts[0].value : is->holder_name, 100), is->holder_dob,
		    is->record, is->sig, is->qk->kid, is->facts_json.data, is->title_en, is->title_hi, is->dept,
		    (long long)is->office_id, is->signer_role, (long long)is->issuer, is->expiry, is->source_kind,
		    (long long)is->source_id) != 1)
		return -1;
	is->id = (long)db_last_id();
	if (cert_render_stored(a, is->number, &pdf, &plen) != 0)
		goto out;
	struct pdf_sig_info info = { .reason = is->sign_reason, .location = is->sign_location,
				     .name = is->who && is->who->user ? is->who->user->name : "GramSewa PMU", .when = now_secs() };
	int sr = pdf_sign(pdf, plen, is->signer, &info, &signed_pdf, &slen);
	if (sr != PDF_SIGN_OK) {
		log_error("pdf_sign: %s", pdf_sign_strerror(sr));
		goto out;
	}
	char *hex = locker_put_blob(a, signed_pdf, slen);
	if (!hex || db_exec("UPDATE certificates SET pdf_sha256 = ?, pdf_size = ? WHERE id = ?", "sii", hex, (long long)slen,
			    (long long)is->id) != 1)
		goto out;
	if (is->ap && !locker_add_issued(is->holder_id, is->issuer, arena_printf(a, "%s %s", is->title_en, is->number), hex, slen))
		goto out;
	if (is->orig && db_exec("UPDATE certificates SET status = 'superseded', superseded_by = ? WHERE id = ?", "ii",
				(long long)is->id, db_int(is->orig, 0, 0)) != 1)
		goto out;
	rc = 0;
out:
	free(pdf);
	free(signed_pdf);
	return rc;
}

/* The common phases after the facts: number, record, row and PDF, audit. */
static int issue_finish(struct issue *is, struct cert_issued *res)
{
	struct arena *a = is->a;
	if (issue_number(is) != 0 || issue_record(is) != 0 || issue_store(is) != 0)
		return -1;
	struct audit_entry e = { .action = "cert.issue", .entity = "certificate", .entity_id = is->number, .role = is->signer_role,
				 .office_id = is->office_id,
				 .remarks = is->orig ? arena_printf(a, "supersedes %s", db_val(is->orig, 0, 2))
					  : is->ap ? NULL : arena_printf(a, "%s %ld", is->source_kind, is->source_id) };
	if (audit_write(is->who, &e) != 0)
		return -1;
	res->number = is->number;
	res->verify_url = is->url;
	res->id = is->id;
	return 0;
}

int cert_issue(struct arena *a, const struct actor *who, const struct app *ap, struct cert_issued *res, struct outcome *out)
{
	struct issue is = { .a = a, .who = who, .ap = ap, .out = out };
	sbuf_init(&is.facts_json);
	if (issue_keys(&is, actor_id(who)) != 0 || issue_source(&is) != 0 || (is.os->reg_extract && issue_extract(&is) != 0))
		return -1;
	is.source_kind = "application";
	is.source_id = ap->id;
	is.code = is.os->code;
	is.title_en = is.os->title.en;
	is.title_hi = is.os->title.hi;
	is.dept = is.os->dept;
	is.office_id = ap->stage_office_id;
	is.signer_role = ap->stage_role;
	is.holder_id = ap->applicant_id;
	is.holder_name = ap->applicant_name;
	is.validity_days = is.os->validity_days;
	is.issuer = actor_id(who);
	is.sign_reason = arena_printf(a, "Certificate issued under the %s", cfg.rts_act_en);
	is.sign_location = db_scalar(a, "SELECT name_en FROM offices WHERE id = ?", "i", (long long)ap->stage_office_id);
	issue_facts(&is);
	is.holder_dob = json_get_str(is.sform, "dob");
	int rc = issue_finish(&is, res);
	sbuf_free(&is.facts_json);
	return rc;
}

int cert_issue_subject(struct arena *a, const struct actor *who, const struct cert_subject *s, struct cert_issued *res,
		       struct outcome *out)
{
	struct issue is = { .a = a, .who = who, .out = out, .source_kind = s->kind, .source_id = s->source_id, .code = s->code,
			    .title_en = s->title_en, .title_hi = s->title_hi, .dept = "", .signer_role = "pmu",
			    .holder_id = s->holder_id, .holder_name = s->holder_name, .validity_days = s->validity_days,
			    .issuer = 0, .sign_reason = s->sign_reason, .sign_location = "Project Management Unit, Digital Panchayat" };
	sbuf_init(&is.facts_json);
	if (issue_keys(&is, SYSTEM_SIGNER) != 0)
		return -1;
	struct jw w;
	facts_open(&is, &w, s->nfacts);
	for (size_t i = 0; i < s->nfacts; i++)
		fact_add(&is, &w, i, s->facts[i].label_en, s->facts[i].label_hi, s->facts[i].value);
	jw_arr_end(&w);
	int rc = issue_finish(&is, res);
	sbuf_free(&is.facts_json);
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

/* Reads the QR's record and checks its signature against the published
 * keys.  true if genuine; *rec and the record as signed filled. */
static bool record_ok(struct arena *a, const char *number, const char *d, const char *s, struct cert_record *rec,
		      const unsigned char **raw, size_t *rawlen)
{
	unsigned char sig[64];
	if (!cert_record_read(a, number, d, s, rec, raw, rawlen, sig))
		return false;
	const struct qrkey_set *set = published_keys();
	return set && qrkey_verify(set, rec->kid, *raw, *rawlen, sig) == KEYS_OK;
}

int cert_verify(struct arena *a, const char *number, const char *d, const char *s, struct cert_view *v)
{
	memset(v, 0, sizeof *v);
	v->number = number;
	if (!number || strlen(number) > 32 || strspn(number, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-") != strlen(number)) {
		v->status = V_BAD;
		return 0;
	}
	struct cert_record rec;
	const unsigned char *raw = NULL;
	size_t rawlen = 0;
	bool have_qr = d || s;
	if (have_qr && !record_ok(a, number, d, s, &rec, &raw, &rawlen)) {
		v->status = V_MISMATCH;
		return 0;
	}
	struct dbres *c = db_query(a,
		"SELECT c.status, DATE_FORMAT(c.issued_at, '%Y-%m-%d'), c.valid_until, c.valid_until < CURDATE(), "
		"DATE_FORMAT(c.revoked_at, '%Y-%m-%d'), c.revoke_reason, n.number, c.holder_name, c.facts, "
		"IFNULL(v.name_en, c.title_en), IFNULL(v.name_hi, c.title_hi), "
		"IFNULL(TRIM(CONCAT_WS(' ', u.first_name, u.last_name)), 'Project Management Unit'), c.app_id, c.record "
		"FROM certificates c LEFT JOIN applications ap ON ap.id = c.app_id LEFT JOIN service_versions v ON v.id = ap.version_id "
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
		if (!mine || rawlen != strlen(mine) || memcmp(raw, mine, rawlen) != 0) {
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

const struct holding *cert_revoker(const struct user *u, const struct app *ap)
{
	const struct svc *s = ap->ver->def;
	unsigned roles = RB(ROLE_STATE_ADMIN);
	int up[3] = { s->signing, s->appeal1, s->appeal2 };
	for (int i = 0; i < 3; i++)
		if (up[i] >= 0)
			roles |= RB(up[i]);
	return u ? juris_holding(u, roles, 0, ap->office_path, ap->dept_id) : NULL;
}

/* Revokes a certificate the PMU issued (c: id, status, app_id NULL,
 * holder_id, locked): only a state administrator may; the holder gets an
 * SMS.  0, a refusal's status (in out), or -1. */
static int revoke_pmu(struct arena *a, const struct actor *who, const char *number, const char *reason, const struct dbres *c,
		      bool check_only, struct outcome *out)
{
	if (!who->user || !user_has(who->user, ROLE_STATE_ADMIN))
		return out_fail(out, 403, NULL);
	if (!str_eq(db_val(c, 0, 1), "valid"))
		return out_fail(out, 409, NULL);
	if (check_only)
		return 0;
	if (db_exec("UPDATE certificates SET status = 'revoked', revoked_at = NOW(), revoked_by = ?, revoke_reason = ? WHERE id = ?",
		    "isi", (long long)actor_id(who), reason, db_int(c, 0, 0)) != 1)
		return -1;
	const char *mobile = db_scalar(a, "SELECT mobile FROM users WHERE id = ?", "i", db_int(c, 0, 3));
	struct audit_entry e = { .action = "cert.revoke", .entity = "certificate", .entity_id = number, .role = "state_admin",
				 .remarks = reason };
	if ((mobile && !notify_queue("sms", mobile, arena_printf(a, "Your certificate %s has been revoked: %s - GramSewa", number, reason),
				     "1107161000000000901", "cert.revoke", number)) ||
	    audit_write(who, &e) != 0)
		return -1;
	return 0;
}

/* cert_revoke, or with check_only its checks alone (rolled back). */
static int revoke(struct arena *a, const struct actor *who, const char *number, const char *reason, bool check_only,
		  struct outcome *out)
{
	if (!reason || utf8_chars(reason) < 5 || utf8_chars(reason) > 500) {
		out_field(out, "reason", "cert.reason_bad", NULL);
		return out->status;
	}
	if (db_begin() != 0)
		return out_fail(out, 503, NULL);
	struct dbres *c = db_query(a, "SELECT id, status, app_id, holder_id FROM certificates WHERE number = ? FOR UPDATE", "s", number);
	if (!c)
		goto failed;
	if (c->nrows == 1 && !db_val(c, 0, 2)) {	/* an exam pass or a training: the PMU's */
		int st = revoke_pmu(a, who, number, reason, c, check_only, out);
		if (st == 0 && check_only) {
			db_rollback();
			return 0;
		}
		if (st == 0)
			return db_commit() == 0 ? 0 : out_fail(out, 503, NULL);
		if (st < 0)
			goto failed;
		goto refused;
	}
	struct app *ap = c->nrows == 1 ? app_load(a, NULL, (long)db_int(c, 0, 2), true) : NULL;
	if (c->nrows == 1 && !ap)
		goto failed;
	if (!app_visible(who->user, ap)) {
		out_fail(out, 404, NULL);
		goto refused;
	}
	const struct holding *h = cert_revoker(who->user, ap);
	if (!h) {
		out_fail(out, 403, NULL);
		goto refused;
	}
	if (!str_eq(db_val(c, 0, 1), "valid")) {
		out_fail(out, 409, NULL);
		goto refused;
	}
	if (check_only) {
		db_rollback();
		return 0;
	}
	/* the application carries the mark; the event and the audit row say
	 * who revoked, in which role and at which office */
	const char *role = role_code(h->role);
	if (db_exec("UPDATE certificates SET status = 'revoked', revoked_at = NOW(), revoked_by = ?, revoke_reason = ? WHERE id = ?",
		    "isi", (long long)actor_id(who), reason, db_int(c, 0, 0)) != 1 ||
	    (str_eq(ap->status, "approved") &&
	     db_exec("UPDATE applications SET status = 'revoked' WHERE id = ?", "i", (long long)ap->id) != 1))
		goto failed;
	const char *text = arena_printf(a, "Your certificate %s (application %s) has been revoked: %s - GramSewa", number,
					ap->number, reason);
	struct audit_entry e = { .action = "cert.revoke", .entity = "certificate", .entity_id = number, .role = role,
				 .office_id = h->office_id, .remarks = reason };
	if (!notify_queue("sms", ap->applicant_mobile, text, "1107161000000000901", "cert.revoke", number) ||
	    app_event(who, ap, "revoke", role, h->office_id, ap->stage_idx, ap->stage_idx,
		      str_eq(ap->status, "approved") ? "revoked" : ap->status, reason, NULL, NULL) != 0 ||
	    audit_write(who, &e) != 0)
		goto failed;
	return db_commit() == 0 ? 0 : out_fail(out, 503, NULL);
failed:
	out_fail(out, 503, NULL);
refused:
	db_rollback();
	return out->status;
}

int cert_revoke(struct arena *a, const struct actor *who, const char *number, const char *reason, struct outcome *out)
{
	return revoke(a, who, number, reason, false, out);
}

int cert_revoke_check(struct arena *a, const struct actor *who, const char *number, const char *reason,
		      struct outcome *out)
{
	return revoke(a, who, number, reason, true, out);
}

/* ---- keys (gramsewactl) ---- */

int cert_ca_init(FILE *out)
{
	char *dir = cert_keys_dir();
	char *d = config_path(cfg.data_dir);
	mkdir(d, 0750);
	free(d);
	mkdir(dir, 0700);
	int rc = ca_init(dir, cfg.key_passphrase, cfg.ca_name, 3650);
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

int cert_ca_issue_system(FILE *out)
{
	char *dir = cert_keys_dir();
	char *sd = xasprintf("%s/system", dir);
	mkdir(sd, 0700);
	char *key = xasprintf("%s/pmu.key.pem", sd), *crt = xasprintf("%s/pmu.cert.pem", sd);
	int k = ca_issue(dir, cfg.key_passphrase, "pmu", "Project Management Unit, Digital Panchayat", NULL, 1095, key, crt);
	fprintf(out, "ca issue for the PMU (system key): %s\n", keys_strerror(k));
	free(key);
	free(crt);
	free(sd);
	free(dir);
	return k == KEYS_OK || k == KEYS_EEXIST ? 0 : 1;
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

int cert_pdf_check(const unsigned char *pdf, size_t len, struct pdf_sig_result *res)
{
	char *dir = cert_keys_dir();
	char *ca = xasprintf("%s/ca.cert.pem", dir);
	X509_STORE *trust = NULL;
	int rc = keys_load_trust(ca, &trust) == KEYS_OK ? 0 : -1;
	free(ca);
	free(dir);
	memset(res, 0, sizeof *res);
	if (rc == 0) {
		pdf_sig_verify(pdf, len, trust, res);
		X509_STORE_free(trust);
	}
	return rc;
}

int cert_offline_verify(const char *arg, FILE *out)
{
	struct arena a;
	arena_init(&a);
	int rc = 1;
	const char *number, *d, *s;
	struct cert_record rec;
	const unsigned char *raw;
	size_t rawlen;
	if (cert_parse_qr(&a, arg, &number, &d, &s)) {
		if (record_ok(&a, number, d, s, &rec, &raw, &rawlen)) {
			fprintf(out, "QR record: signature valid (key %s)\ncertificate %s, service %s, holder %s, issued %s, expires %s\n",
				rec.kid, rec.number, rec.service, rec.holder, rec.issued, rec.expires);
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
	struct pdf_sig_result res;
	if (cert_pdf_check((unsigned char *)b.data, b.len, &res) != 0) {
		fprintf(out, "verify: cannot load the CA certificate (keys/ca.cert.pem)\n");
	} else {
		fprintf(out, "PDF signature: %s (signer %s)\n", pdf_sig_status_str(res.status), res.signer_cn);
		rc = res.status == PDF_SIG_VALID ? 0 : 1;
	}
	sbuf_free(&b);
out:
	arena_free(&a);
	return rc;
}
