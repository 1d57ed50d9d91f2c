/*
 * cert_render.c — how a certificate prints (cert_render.h): its facts'
 * printed values and the PDF drawn from its stored row.
 */
#include "cert_render.h"
#include "formtext.h"
#include "cert_pdf.h"
#include "cert_qr.h"
#include "config.h"
#include "db.h"
#include "location.h"
#include "money.h"
#include "tmpl.h"

#include <string.h>

/* The place of a location answer ({id, name} or the id) as village,
 * panchayat, block, district in lang (English where a Hindi name is
 * missing); with lang "hi/en", as a certificate prints it: the Hindi path
 * and the English path when every place has a Hindi name, else the
 * English names each followed by its Hindi one where there is one
 * ("Jamune, Palamu (पलामू)").  NULL when there is no such place. */
static const char *place_text(struct arena *a, const struct jval *v, const char *lang)
{
	long id = 0;
	if (v->type == J_OBJ)
		json_get_long(v, "id", &id);
	else if (v->type == J_STR || v->type == J_NUM)
		parse_long(v->str, 1, 2000000000000L, &id);
	struct loc *l = id ? loc_get(a, id) : NULL;
	if (!l)
		return v->type == J_OBJ ? json_get_str(v, "name") : NULL;
	struct loc *chain[LOC_DEPTH_MAX];
	size_t n = loc_chain(a, l->path, chain, LOC_DEPTH_MAX);
	bool both = str_eq(lang, "hi/en"), all_hi = true;
	struct sbuf hi, en, mixed;
	sbuf_init(&hi);
	sbuf_init(&en);
	sbuf_init(&mixed);
	for (size_t i = n; i-- > 0;) {
		const struct loc *x = chain[i];
		if (x->type == LT_STATE || x->type == LT_DIVISION || x->type == LT_SUBDIVISION)
			continue;
		bool has_hi = !str_empty(x->name_hi);
		all_hi = all_hi && has_hi;
		const char *sep = en.len ? ", " : "";
		sbuf_printf(&hi, "%s%s", sep, has_hi ? x->name_hi : x->name_en);
		sbuf_printf(&en, "%s%s", sep, x->name_en);
		sbuf_printf(&mixed, "%s%s", sep, x->name_en);
		if (has_hi)
			sbuf_printf(&mixed, " (%s)", x->name_hi);
	}
	const char *s = !both ? arena_strdup(a, str_eq(lang, "hi") ? hi.data : en.data)
		      : all_hi ? arena_printf(a, "%s / %s", hi.data, en.data) : arena_strdup(a, mixed.data);
	sbuf_free(&hi);
	sbuf_free(&en);
	sbuf_free(&mixed);
	return s;
}

const char *cert_answer_text(struct arena *a, const struct form_def *d, const struct field *f, const struct jval *v,
			     const char *lang)
{
	if (!v || v->type == J_NULL || f->type == FT_GROUP || f->type == FT_FILE)
		return NULL;	/* rows are the caller's; a document is shown as a document */
	if (f->type == FT_LOCATION)
		return place_text(a, v, lang);	/* the path from the tree, in lang */
	const char *t = form_answer_text(a, d, f, v, lang);
	return str_eq(t, "—") ? NULL : t;
}

const char *cert_print_value(struct arena *a, const struct form_def *d, const struct field *f, const struct jval *v)
{
	const char *hi = cert_answer_text(a, d, f, v, "hi"), *en = cert_answer_text(a, d, f, v, "en");
	long long paise;
	if (str_empty(en))
		return "—";
	/* an amount also in words, as on a cheque */
	if (f->type == FT_NUMBER && f->rupees && money_parse(v->str, false, &paise))
		return arena_printf(a, "%s (%s / %s)", en, money_words(a, paise, "hi"), money_words(a, paise, "en"));
	if (f->type == FT_LOCATION)
		return place_text(a, v, "hi/en");
	return str_eq(hi, en) ? en : arena_printf(a, "%s / %s", hi, en);
}

const char *cert_date(struct arena *a, const char *stored)
{
	return stored ? arena_printf(a, "%s / %s", date_long(a, stored, "hi"), date_long(a, stored, "en")) : NULL;
}

/* A certificate without an application (exam pass, training attended),
 * issued and signed for the PMU: c is cert_render_stored's row.  The
 * reference printed under the number is the exam attempt or the training. */
static int cert_render_pmu(struct arena *a, const struct dbres *c, const struct cert_fact *facts, size_t nf, unsigned char **out,
			   size_t *len)
{
	const char *number = db_val(c, 0, 0), *expiry = db_val(c, 0, 3);
	bool exam = str_eq(db_val(c, 0, 14), "exam");
	struct cert_layout cl = {
		.state = { cfg.state_name_en, cfg.state_name_hi },
		.department = { "Digital Panchayat", "डिजिटल पंचायत" },
		.office = { "Project Management Unit", "परियोजना प्रबंधन इकाई" },
		.title = { db_val(c, 0, 11), db_val(c, 0, 12) },
		.statement = exam ? (struct cert_pdf_text){ "This is to certify that the person below has passed the online examination.",
							    "प्रमाणित किया जाता है कि नीचे दिए गए व्यक्ति ने ऑनलाइन परीक्षा उत्तीर्ण की है।" }
				  : (struct cert_pdf_text){ "This is to certify that the person below has attended the training.",
							    "प्रमाणित किया जाता है कि नीचे दिए गए व्यक्ति ने प्रशिक्षण में भाग लिया है।" },
		.facts = facts, .n_facts = nf,
		.cert_no = number,
		.ref = exam ? (struct cert_pdf_text){ "Attempt No.", "प्रयास संख्या" } : (struct cert_pdf_text){ "Training No.", "प्रशिक्षण संख्या" },
		.app_no = db_val(c, 0, 15),
		.issue_date = cert_date(a, db_val(c, 0, 2)),
		.valid_until = cert_date(a, expiry),
		.officer_name = "Project Management Unit",
		.officer_designation = "परियोजना प्रबंधन इकाई / Digital Panchayat",
		.verify_url = cert_verify_url(a, number, db_val(c, 0, 4), c->lens[4], db_val(c, 0, 5)),
		.verify_line = arena_printf(a, "Verify at %s/v/%s", cfg.base_url, number),
		.issued_at = (time_t)db_int(c, 0, 7),
	};
	return cert_pdf_render(&cl, out, len);
}

int cert_render_stored(struct arena *a, const char *number, unsigned char **out, size_t *len)
{
	struct dbres *c = db_query(a,
		"SELECT c.number, ap.number, DATE_FORMAT(c.issued_at, '%Y-%m-%d'), c.valid_until, c.record, c.sig, c.facts, "
		"UNIX_TIMESTAMP(c.issued_at), TRIM(CONCAT_WS(' ', u.first_name, u.last_name)), c.signer_role, c.office_id, "
		"c.title_en, c.title_hi, c.dept_code, c.source_kind, c.source_id, TRIM(CONCAT_WS(' ', h.first_name, h.last_name)) "
		"FROM certificates c LEFT JOIN applications ap ON ap.id = c.app_id LEFT JOIN users u ON u.id = c.issued_by "
		"LEFT JOIN users h ON h.id = c.holder_id WHERE c.number = ?",
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
	if (!str_eq(db_val(c, 0, 14), "application"))
		return cert_render_pmu(a, c, facts, nf, out, len);
	struct cert_layout cl = {
		.state = { cfg.state_name_en, cfg.state_name_hi },
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
		.issue_date = cert_date(a, today),
		.valid_until = expiry ? cert_date(a, expiry) : NULL,
		.officer_name = db_val(c, 0, 8),
		.officer_designation = arena_printf(a, "%s / %s", tmpl_str("hi", arena_printf(a, "role.%s", role)),
						    tmpl_str("en", arena_printf(a, "role.%s", role))),
		.verify_url = cert_verify_url(a, number, db_val(c, 0, 4), c->lens[4], db_val(c, 0, 5)),
		.verify_line = arena_printf(a, "Verify at %s/v/%s", cfg.base_url, number),
		.issued_at = (time_t)db_int(c, 0, 7),
	};
	return cert_pdf_render(&cl, out, len);
}
