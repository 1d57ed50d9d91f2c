/*
 * campaign_admin.c — Jan Samvad administration without SQL (issue 15): the
 * do-not-call list (add and remove a number with a reason, load many from
 * CSV; each change audited, and a number added is taken off every call
 * list still waiting) and a campaign's definition edited on pages
 * (settings, questions through the form engine's field editor, status).
 */
#include "campaign.h"
#include "audit.h"
#include "csv.h"
#include "db.h"
#include "fieldedit.h"
#include "service.h"
#include "json.h"
#include "user.h"

#include <stdlib.h>
#include <string.h>

/* ---- do not call ---- */

/* The reason typed: 3 to 100 characters (problems at "reason"). */
static const char *dnc_reason(struct arena *a, struct outcome *out, const char *reason)
{
	const char *r = fieldedit_text(a, out, "reason", reason, 100, true);
	if (r && utf8_chars(r) < 3)
		out_field(out, "reason", "campaign.err.reason", NULL);
	return r;
}

/* Puts mobile on the list (or gives it the new reason) and leaves it out
 * of every call list still waiting to be called; inside a transaction. */
static int dnc_put(const char *mobile, const char *reason)
{
	if (db_exec("INSERT INTO dnc (mobile, added_at, reason) VALUES (?, NOW(), ?) ON DUPLICATE KEY UPDATE reason = VALUES(reason)",
		    "ss", mobile, reason) < 0)
		return -1;
	return db_exec("UPDATE campaign_contacts SET status = 'excluded', updated_at = NOW() WHERE mobile = ? AND status = 'pending'",
		       "s", mobile) < 0 ? -1 : 0;
}

struct dnc_ctx {
	const struct actor *who;
	const char *mobile, *reason;
	bool add;
	struct arena *a;
	const char *csv;	/* import: the file */
	size_t len;
	long added, bad;	/* import: numbers listed, rows refused */
};

static int dnc_txn(void *p)
{
	struct dnc_ctx *c = p;
	if (c->add ? dnc_put(c->mobile, c->reason) != 0
		   : db_exec("DELETE FROM dnc WHERE mobile = ?", "s", c->mobile) < 0)
		return -1;
	struct audit_entry e = { .action = c->add ? "campaign.dnc_add" : "campaign.dnc_remove", .entity = "dnc",
				 .entity_id = c->mobile, .remarks = c->reason };
	return audit_write(c->who, &e);
}

int campaign_dnc_change(struct arena *a, const struct actor *who, bool add, const char *mobile, const char *reason,
			struct outcome *out)
{
	struct dnc_ctx c = { .who = who, .mobile = mobile, .add = add, .a = a };
	if (!valid_mobile(mobile))
		out_field(out, "mobile", "auth.mobile_bad", NULL);
	c.reason = dnc_reason(a, out, reason);
	if (out->status)
		return out->status;
	if (!add && !db_scalar(a, "SELECT mobile FROM dnc WHERE mobile = ?", "s", mobile)) {
		out_field(out, "mobile", "campaign.err.not_listed", NULL);
		return out->status;
	}
	return out_txn(out, dnc_txn, &c);
}

static int dnc_import_txn(void *p)
{
	struct dnc_ctx *c = p;
	struct csv in;
	char **f;
	size_t nf;
	int rc;
	csv_init(&in, c->csv, c->len);
	c->added = c->bad = 0;
	if (csv_next(&in, c->a, &f, &nf) != 1)
		return 1;
	int im = -1, ir = -1;
	for (size_t j = 0; j < nf; j++) {
		if (str_eq(str_trim(f[j]), "mobile"))
			im = (int)j;
		if (str_eq(str_trim(f[j]), "reason"))
			ir = (int)j;
	}
	if (im < 0)
		return 1;
	while ((rc = csv_next(&in, c->a, &f, &nf)) != 0) {
		const char *m = rc > 0 && (size_t)im < nf ? str_trim(f[im]) : NULL;
		const char *why = ir >= 0 && (size_t)ir < nf && !str_empty(str_trim(f[ir])) ? str_trim(f[ir]) : c->reason;
		if (!m || !valid_mobile(m) || utf8_chars(why) > 100) {
			c->bad++;
			continue;
		}
		if (dnc_put(m, why) != 0)
			return -1;
		c->added++;
	}
	struct audit_entry e = { .action = "campaign.dnc_import", .entity = "dnc", .entity_id = "*",
				 .remarks = arena_printf(c->a, "%ld listed, %ld refused: %s", c->added, c->bad, c->reason) };
	return audit_write(c->who, &e);
}

int campaign_dnc_import(struct arena *a, const struct actor *who, const char *csv, size_t len, const char *reason,
			long *added, long *bad, struct outcome *out)
{
	struct dnc_ctx c = { .who = who, .a = a, .csv = csv, .len = len };
	c.reason = dnc_reason(a, out, reason);
	if (!csv || !len)
		out_field(out, "file", "campaign.err.dnc_header", NULL);
	if (out->status)
		return out->status;
	int rc = db_txn(dnc_import_txn, &c);
	if (rc > 0) {
		out_field(out, "file", "campaign.err.dnc_header", NULL);
		return out->status;
	}
	if (rc < 0)
		return out_fail(out, 503, NULL);
	*added = c.added;
	*bad = c.bad;
	return 0;
}

struct dbres *campaign_dnc_list(struct arena *a, const char *prefix)
{
	return db_query(a, "SELECT mobile, added_at, reason FROM dnc WHERE ? = '' OR mobile LIKE CONCAT(?, '%') "
			   "ORDER BY added_at DESC, mobile LIMIT 100", "ss", prefix ? prefix : "", prefix ? prefix : "");
}

/* ---- a campaign's definition on pages ---- */

/* The settings as checked, ready to store. */
struct settings {
	const char *code, *name_en, *name_hi, *scheme, *consent_en, *consent_hi, *g_type, *g_field, *g_value;
	long attempts, gap, per_gp;
	const char *call_from, *call_to;	/* HH:MM:00, or NULL (both): campaign_hours */
	long call_days;
};

/* "HH:MM" as seconds after midnight, or -1. */
static long hm_secs(const char *s)
{
	if (!s || strlen(s) != 5 || s[2] != ':' || strspn(s, "0123456789:") != 5)
		return -1;
	long h = (s[0] - '0') * 10 + (s[1] - '0'), m = (s[3] - '0') * 10 + (s[4] - '0');
	return h < 24 && m < 60 ? h * 3600 + m * 60 : -1;
}

/* The calling window of in into *s: hours HH:MM both or neither, from
 * 07:00 to 21:00 (nobody is rung at night), the end after the start, at
 * least one day. */
static void window_read(struct arena *a, const struct campaign_settings *in, struct settings *s, struct outcome *out)
{
	const char *from = str_empty(in->call_from) ? NULL : in->call_from, *to = str_empty(in->call_to) ? NULL : in->call_to;
	long f = hm_secs(from), t = hm_secs(to);
	if (from && f < 0)
		out_field(out, "call_from", "campaign.err.time", NULL);
	if (to && t < 0)
		out_field(out, "call_to", "campaign.err.time", NULL);
	if (!from != !to)
		out_field(out, from ? "call_to" : "call_from", "campaign.err.both_times", NULL);
	if (from && to && f >= 0 && t >= 0) {
		if (f < 7 * 3600 || f > 21 * 3600)
			out_field(out, "call_from", "campaign.err.night", NULL);
		if (t < 7 * 3600 || t > 21 * 3600)
			out_field(out, "call_to", "campaign.err.night", NULL);
		else if (t <= f)
			out_field(out, "call_to", "campaign.err.end_first", NULL);
	}
	s->call_from = from ? arena_printf(a, "%s:00", from) : NULL;
	s->call_to = to ? arena_printf(a, "%s:00", to) : NULL;
	s->call_days = (long)(in->call_days & 0x7f);
	if (!s->call_days)
		out_field(out, "call_days", "campaign.err.days", NULL);
}

/* Checks in (create: also the code) into *s with each problem at its
 * input; q is the questionnaire the grievance rule's question must be in
 * (NULL when creating: no questions yet, so no rule). */
static void settings_read(struct arena *a, const struct campaign_settings *in, bool create, const struct svc *q,
			  struct settings *s, struct outcome *out)
{
	if (create) {
		s->code = fieldedit_text(a, out, "code", in->code, 32, true);
		if (s->code && strspn(s->code, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") != strlen(s->code))
			out_field(out, "code", "campaign.err.code", NULL);
		else if (s->code && db_scalar(a, "SELECT id FROM campaigns WHERE code = ?", "s", s->code))
			out_field(out, "code", "campaign.err.code_taken", NULL);
	}
	s->name_en = fieldedit_text(a, out, "name_en", in->name_en, 150, true);
	s->name_hi = fieldedit_text(a, out, "name_hi", in->name_hi, 150, true);
	s->scheme = fieldedit_text(a, out, "scheme", in->scheme, 32, true);
	s->consent_en = fieldedit_text(a, out, "consent_en", in->consent_en, 500, true);
	s->consent_hi = fieldedit_text(a, out, "consent_hi", in->consent_hi, 500, true);
	fieldedit_number(out, "max_attempts", in->max_attempts, 1, 3, &s->attempts);
	fieldedit_number(out, "retry_gap_min", in->retry_gap_min, 5, 10080, &s->gap);
	fieldedit_number(out, "sample_per_gp", in->sample_per_gp, 1, 10000, &s->per_gp);
	if (!out_has(out, "max_attempts") && s->attempts < 1)
		out_field(out, "max_attempts", "campaign.err.attempts", NULL);
	if (!out_has(out, "retry_gap_min") && s->gap < 5)
		out_field(out, "retry_gap_min", "campaign.err.gap", NULL);
	if (!out_has(out, "sample_per_gp") && s->per_gp < 1)
		out_field(out, "sample_per_gp", "campaign.err.per_gp", NULL);
	window_read(a, in, s, out);
	/* the grievance rule: all three parts or none */
	s->g_type = fieldedit_text(a, out, "g_type", in->g_type, 32, false);
	s->g_field = fieldedit_text(a, out, "g_field", in->g_field, 40, false);
	s->g_value = fieldedit_text(a, out, "g_value", in->g_value, 60, false);
	if (s->g_type || s->g_field || s->g_value) {
		if (!s->g_type || !db_scalar(a, "SELECT id FROM ticket_types WHERE code = ? AND kind = 'grievance' AND level = 'sub' "
						"AND active = 1", "s", s->g_type))
			out_field(out, "g_type", "campaign.err.g_type", NULL);
		if (!s->g_field || !q || !svc_field(q, s->g_field))
			out_field(out, "g_field", "campaign.err.g_field", NULL);
		if (!s->g_value)
			out_field(out, "g_value", "campaign.err.g_value", NULL);
	}
}

struct def_ctx {
	const struct actor *who;
	struct settings s;
	long id;
	const char *questions;	/* the questionnaire JSON to store, or NULL to keep it */
	const char *status;	/* a status to set, or NULL */
	const char *what;	/* audit action: campaign.<what> */
	const char *remarks;
	struct arena *a;
};

static int create_txn(void *p)
{
	struct def_ctx *c = p;
	const struct settings *s = &c->s;
	if (db_exec("INSERT INTO campaigns (code, name_en, name_hi, scheme_code, consent_en, consent_hi, questionnaire, max_attempts, "
		    "retry_gap_min, sample_per_gp, call_from, call_to, call_days, status, created_at) "
		    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'draft', NOW())",
		    "sssssssiiissi", s->code, s->name_en, s->name_hi, s->scheme, s->consent_en, s->consent_hi, c->questions,
		    (long long)s->attempts, (long long)s->gap, (long long)s->per_gp, s->call_from, s->call_to,
		    (long long)s->call_days) != 1)
		return -1;
	c->id = (long)db_last_id();
	struct audit_entry e = { .action = "campaign.create", .entity = "campaign", .entity_id = s->code };
	return audit_write(c->who, &e);
}

int campaign_create(struct arena *a, const struct actor *who, const struct campaign_settings *in, long *id, struct outcome *out)
{
	struct def_ctx c = { .who = who, .a = a };
	settings_read(a, in, true, NULL, &c.s, out);
	if (out->status)
		return out->status;
	/* an empty questionnaire: the questions are added one by one */
	struct svc *q = svc_new(a, c.s.code, c.s.name_en, c.s.name_hi, NULL);
	struct sbuf b;
	sbuf_init(&b);
	svc_to_json(q, &b);
	c.questions = arena_strdup(a, b.data);
	sbuf_free(&b);
	int rc = out_txn(out, create_txn, &c);
	if (!rc)
		*id = c.id;
	return rc;
}

/* Stores what c carries (settings, questionnaire, status: each when set)
 * with its audit row. */
static int save_txn(void *p)
{
	struct def_ctx *c = p;
	const struct settings *s = &c->s;
	if (s->name_en &&
	    db_exec("UPDATE campaigns SET name_en = ?, name_hi = ?, scheme_code = ?, consent_en = ?, consent_hi = ?, max_attempts = ?, "
		    "retry_gap_min = ?, sample_per_gp = ?, grievance_type = ?, grievance_field = ?, grievance_value = ?, call_from = ?, "
		    "call_to = ?, call_days = ? WHERE id = ?",
		    "sssssiiisssssii", s->name_en, s->name_hi, s->scheme, s->consent_en, s->consent_hi, (long long)s->attempts,
		    (long long)s->gap, (long long)s->per_gp, s->g_type, s->g_field, s->g_value, s->call_from, s->call_to,
		    (long long)s->call_days, (long long)c->id) < 0)
		return -1;
	if (c->questions && db_exec("UPDATE campaigns SET questionnaire = ? WHERE id = ?", "si", c->questions, (long long)c->id) < 0)
		return -1;
	if (c->status && db_exec("UPDATE campaigns SET status = ? WHERE id = ?", "si", c->status, (long long)c->id) < 0)
		return -1;
	const char *code = db_scalar(c->a, "SELECT code FROM campaigns WHERE id = ?", "i", (long long)c->id);
	struct audit_entry e = { .action = arena_printf(c->a, "campaign.%s", c->what), .entity = "campaign", .entity_id = code,
				 .remarks = c->remarks };
	return code ? audit_write(c->who, &e) : -1;
}

/* The campaign's status and questionnaire, or 404/503 in out. */
static int load_def(struct arena *a, long id, const char **status, struct svc **q, struct outcome *out)
{
	struct dbres *r = db_query(a, "SELECT status, grievance_field FROM campaigns WHERE id = ?", "i", (long long)id);
	if (!r)
		return out_fail(out, 503, NULL);
	if (r->nrows != 1)
		return out_fail(out, 404, NULL);
	*status = db_val(r, 0, 0);
	*q = campaign_questions(a, id);
	return *q ? 0 : out_fail(out, 503, NULL);
}

int campaign_settings_save(struct arena *a, const struct actor *who, long id, const struct campaign_settings *in,
			   struct outcome *out)
{
	const char *status;
	struct svc *q;
	if (load_def(a, id, &status, &q, out))
		return out->status;
	struct def_ctx c = { .who = who, .a = a, .id = id, .what = "settings" };
	settings_read(a, in, false, q, &c.s, out);
	if (out->status)
		return out->status;
	return out_txn(out, save_txn, &c);
}

/* The questionnaire q as JSON to store (arena). */
static const char *questions_json(struct arena *a, const struct svc *q)
{
	struct sbuf b;
	sbuf_init(&b);
	svc_to_json(q, &b);
	const char *j = arena_strdup(a, b.data);
	sbuf_free(&b);
	return j;
}

/* May a questionnaire ask fields of type t?  What a caller can ask on the
 * phone: a service form's types (svc_type_allowed) but no files, rows of a
 * group or a position on a map. */
bool campaign_question_type_ok(enum ftype t)
{
	return svc_type_allowed(t) && t != FT_FILE && t != FT_GROUP && t != FT_GEOPOINT;
}

/* The questionnaire of draft id into *q; 0, or 404/409/503 in out (the
 * questions of an active or closed campaign are fixed). */
static int load_draft(struct arena *a, long id, struct svc **q, struct outcome *out)
{
	const char *status;
	if (load_def(a, id, &status, q, out))
		return out->status;
	return str_eq(status, "draft") ? 0 : out_fail(out, 409, "campaign.err.not_draft");
}

/* Stores questionnaire q of campaign id with the audit row campaign.<what>. */
static int save_questions(struct arena *a, const struct actor *who, long id, const struct svc *q, const char *what,
			  const char *name, struct outcome *out)
{
	struct def_ctx c = { .who = who, .a = a, .id = id, .questions = questions_json(a, q), .what = what, .remarks = name };
	return out_txn(out, save_txn, &c);
}

int campaign_question_add(struct arena *a, const struct actor *who, long id, const struct field_input *in, struct outcome *out)
{
	struct svc *q;
	if (load_draft(a, id, &q, out))
		return out->status;
	if (fieldedit_add(a, &q->form, in, campaign_question_type_ok, out))
		return out->status;
	/* branching: the condition names an earlier question */
	const struct field *f = &q->form.fields[q->form.nfields - 1];
	const struct form_def earlier = { q->form.fields, q->form.nfields - 1 };
	if (f->show_field && !form_field(&earlier, f->show_field)) {
		out_field(out, "show_field", "campaign.err.show_field", NULL);
		return out->status;
	}
	return save_questions(a, who, id, q, "question_add", f->name, out);
}

/* Does g ask something else than f: another type, other option values,
 * another condition or whether it must be answered?  (The wording — the
 * question's and the options' labels, the help — is not the meaning.) */
static bool meaning_changed(const struct field *f, const struct field *g)
{
	if (f->type != g->type || f->required != g->required || f->nopts != g->nopts ||
	    !str_eq(f->show_field, g->show_field) || !str_eq(f->show_equals, g->show_equals))
		return true;
	for (size_t i = 0; i < f->nopts; i++)
		if (!str_eq(f->opts[i].value, g->opts[i].value))
			return true;
	return false;
}

int campaign_question_edit(struct arena *a, const struct actor *who, long id, const char *name, const struct field_input *in,
			   struct outcome *out)
{
	const char *status;
	struct svc *q;
	if (load_def(a, id, &status, &q, out))
		return out->status;
	struct field *old = name ? (struct field *)svc_field(q, name) : NULL;
	if (!old)
		return out_fail(out, 404, NULL);
	struct field f = { 0 };
	fieldedit_read(a, in, &f, campaign_question_type_ok, out);
	f.name = old->name;	/* the answers are kept by it: never renamed */
	/* branching: the condition names a question before this one */
	size_t at = (size_t)(old - q->form.fields);
	if (!out->status && f.show_field) {
		const struct field *c = svc_field(q, f.show_field);
		if (!c || (size_t)(c - q->form.fields) >= at)
			out_field(out, "show_field", "campaign.err.show_field", NULL);
	}
	if (out->status)
		return out->status;
	if (meaning_changed(old, &f)) {
		/* a draft is never called: anything may change; afterwards the
		 * answers (collected or to come) follow the question as it was */
		bool answered = db_scalar(a, "SELECT 1 FROM campaign_contacts WHERE campaign_id = ? AND answers IS NOT NULL LIMIT 1",
					  "i", (long long)id) != NULL;
		if (answered || !str_eq(status, "draft"))
			return out_fail(out, 409, answered ? "campaign.err.answered" : "campaign.err.not_draft_meaning");
	}
	const char *before = i18n_get(&old->label, "en");
	*old = f;
	struct def_ctx c = { .who = who, .a = a, .id = id, .questions = questions_json(a, q), .what = "question_edit",
			     .remarks = arena_printf(a, "%s: %s -> %s", name, before, i18n_get(&f.label, "en")) };
	return out_txn(out, save_txn, &c);
}

int campaign_question_remove(struct arena *a, const struct actor *who, long id, const char *name, struct outcome *out)
{
	struct svc *q;
	if (load_draft(a, id, &q, out))
		return out->status;
	const struct field *f = name ? svc_field(q, name) : NULL;
	if (!f)
		return out_fail(out, 404, NULL);
	/* nothing may point at it: a later question's condition, the grievance rule */
	bool used = db_scalar(a, "SELECT id FROM campaigns WHERE id = ? AND grievance_field = ?", "is", (long long)id, name) != NULL;
	for (size_t i = 0; i < q->form.nfields && !used; i++)
		used = str_eq(q->form.fields[i].show_field, name);
	if (used)
		return out_fail(out, 409, "campaign.err.question_used");
	size_t at = (size_t)(f - q->form.fields);
	memmove(&q->form.fields[at], &q->form.fields[at + 1], (q->form.nfields - at - 1) * sizeof *f);
	q->form.nfields--;
	return save_questions(a, who, id, q, "question_remove", name, out);
}

int campaign_status_set(struct arena *a, const struct actor *who, long id, const char *to, struct outcome *out)
{
	const char *status;
	struct svc *q;
	if (load_def(a, id, &status, &q, out))
		return out->status;
	if (!str_eq(to, "active") && !str_eq(to, "closed"))
		return out_fail(out, 400, NULL);
	if (str_eq(to, status) || (str_eq(to, "closed") && str_eq(status, "draft")))
		return out_fail(out, 409, "campaign.err.status");
	if (str_eq(to, "active") && q->form.nfields == 0)
		return out_fail(out, 409, "campaign.err.no_questions");
	struct def_ctx c = { .who = who, .a = a, .id = id, .status = to, .what = to, .remarks = arena_printf(a, "%s to %s", status, to) };
	return out_txn(out, save_txn, &c);
}
