/*
 * campaign.c — Jan Samvad campaigns: definitions, call lists, the sample,
 * the agents' queue, attempts and answers, and the reports (campaign.h).
 */
#include "campaign.h"
#include "application.h"
#include "audit.h"
#include "config.h"
#include "csv.h"
#include "form.h"
#include "json.h"
#include "location.h"
#include "sla.h"
#include "ticket.h"
#include "user.h"

#include <math.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

const char *const campaign_dispositions[] = { "completed", "busy", "no_answer", "switched_off", "wrong_number", "callback",
					      "refused", "do_not_call", "language_barrier", NULL };

static bool in_list(const char *const *list, const char *s)
{
	for (size_t i = 0; list[i]; i++)
		if (str_eq(list[i], s))
			return true;
	return false;
}

static long campaign_id(struct arena *a, const char *code)
{
	const char *id = code && strlen(code) <= 32 ? db_scalar(a, "SELECT id FROM campaigns WHERE code = ?", "s", code) : NULL;
	return id ? strtol(id, NULL, 10) : 0;
}

/* ---- definitions ---- */

struct svc *campaign_questions(struct arena *a, long campaign)
{
	const char *q = db_scalar(a, "SELECT questionnaire FROM campaigns WHERE id = ?", "i", (long long)campaign);
	const char *err;
	struct jval *v = q ? json_parse(a, q, strlen(q), &err) : NULL;
	struct sbuf probs;
	sbuf_init(&probs);
	struct svc *s = v ? svc_from_json(a, v, &probs) : NULL;
	sbuf_free(&probs);
	return s;
}

struct import_ctx {
	struct arena *a;
	const struct actor *who;
	const char *code, *name_en, *name_hi, *scheme, *consent_en, *consent_hi, *questions, *g_type, *g_field, *g_value;
	long attempts, gap, per_gp, id;
};

static int import_txn(void *p)
{
	struct import_ctx *c = p;
	if (db_exec("INSERT INTO campaigns (code, name_en, name_hi, scheme_code, consent_en, consent_hi, questionnaire, max_attempts, "
		    "retry_gap_min, sample_per_gp, grievance_type, grievance_field, grievance_value, created_at) "
		    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NOW()) ON DUPLICATE KEY UPDATE name_en = VALUES(name_en), "
		    "name_hi = VALUES(name_hi), scheme_code = VALUES(scheme_code), consent_en = VALUES(consent_en), "
		    "consent_hi = VALUES(consent_hi), questionnaire = VALUES(questionnaire), max_attempts = VALUES(max_attempts), "
		    "retry_gap_min = VALUES(retry_gap_min), sample_per_gp = VALUES(sample_per_gp), "
		    "grievance_type = VALUES(grievance_type), grievance_field = VALUES(grievance_field), "
		    "grievance_value = VALUES(grievance_value)",
		    "sssssssiiisss", c->code, c->name_en, c->name_hi, c->scheme, c->consent_en, c->consent_hi, c->questions,
		    (long long)c->attempts, (long long)c->gap, (long long)c->per_gp, c->g_type, c->g_field, c->g_value) < 0)
		return -1;
	c->id = campaign_id(c->a, c->code);
	struct audit_entry e = { .action = "campaign.define", .entity = "campaign", .entity_id = c->code };
	return c->id && audit_write(c->who, &e) == 0 ? 0 : -1;
}

/* A text member of the definition, 1..max characters; NULL (printed) otherwise. */
static const char *def_text(const struct jval *v, const char *key, size_t max, bool required, FILE *err, int *bad)
{
	const char *s = json_get_str(v, key);
	if (!s && !required)
		return NULL;
	if (!s || !*s || utf8_chars(s) > max) {
		fprintf(err, "%s: %s, up to %zu characters\n", key, required ? "required" : "too long", max);
		(*bad)++;
		return NULL;
	}
	return s;
}

long campaign_import(struct arena *a, const struct actor *who, const char *json, size_t len, FILE *err)
{
	const char *perr;
	struct jval *v = json_parse(a, json, len, &perr);
	if (!v || v->type != J_OBJ) {
		fprintf(err, "not a JSON object: %s\n", v ? "" : perr);
		return -1;
	}
	int bad = 0;
	struct import_ctx c = { .a = a, .who = who, .attempts = 3, .gap = 120, .per_gp = 10 };
	c.code = def_text(v, "code", 32, true, err, &bad);
	c.name_en = def_text(v, "name_en", 150, true, err, &bad);
	c.name_hi = def_text(v, "name_hi", 150, true, err, &bad);
	c.scheme = def_text(v, "scheme", 32, true, err, &bad);
	c.consent_en = def_text(v, "consent_en", 500, true, err, &bad);
	c.consent_hi = def_text(v, "consent_hi", 500, true, err, &bad);
	if ((json_get(v, "max_attempts") && (!json_get_long(v, "max_attempts", &c.attempts) || c.attempts < 1 || c.attempts > 3)) ||
	    (json_get(v, "retry_gap_min") && (!json_get_long(v, "retry_gap_min", &c.gap) || c.gap < 5 || c.gap > 10080)) ||
	    (json_get(v, "sample_per_gp") && (!json_get_long(v, "sample_per_gp", &c.per_gp) || c.per_gp < 1 || c.per_gp > 10000))) {
		fprintf(err, "max_attempts 1-3, retry_gap_min 5-10080, sample_per_gp 1-10000\n");
		bad++;
	}
	/* the questionnaire: a service definition, read by the one form model */
	struct jval *q = json_get(v, "questionnaire");
	struct sbuf probs, canon;
	sbuf_init(&probs);
	sbuf_init(&canon);
	struct svc *s = q ? svc_from_json(a, q, &probs) : NULL;
	if (!s || probs.len || !s->form.nfields) {
		fprintf(err, "questionnaire: a gramsewa.service/1 definition with fields: %s\n", probs.len ? probs.data : "");
		bad++;
	} else {
		struct jw w;
		jw_init(&w, &canon);
		jw_value(&w, q);
		c.questions = arena_strdup(a, canon.data);
	}
	struct jval *g = json_get(v, "grievance");
	if (g) {
		c.g_type = def_text(g, "type", 32, true, err, &bad);
		c.g_field = def_text(g, "field", 40, true, err, &bad);
		c.g_value = def_text(g, "equals", 60, true, err, &bad);
		if (c.g_field && s && !svc_field(s, c.g_field)) {
			fprintf(err, "grievance.field: no question %s\n", c.g_field);
			bad++;
		}
		if (c.g_type && !db_scalar(a, "SELECT id FROM ticket_types WHERE code = ? AND kind = 'grievance' AND level = 'sub'", "s",
					   c.g_type)) {
			fprintf(err, "grievance.type: no grievance sub type %s\n", c.g_type);
			bad++;
		}
	}
	sbuf_free(&probs);
	sbuf_free(&canon);
	if (bad)
		return -1;
	if (db_txn(import_txn, &c) != 0) {
		fprintf(err, "database: %s\n", db_error());
		return -1;
	}
	return c.id;
}

/* ---- the call list ---- */

struct list_ctx {
	struct arena *a;
	const struct actor *who;
	long campaign;
	const char *csv;
	size_t len;
	struct contact_stats *st;
	FILE *err;
};

/* The village with this LGD code, or else with our location id (places
 * imported without LGD codes), or NULL. */
static struct loc *village_of(struct arena *a, const char *lgd, const char *our_id)
{
	long n = 0;
	const char *id = !str_empty(lgd) && strlen(lgd) <= 20
		? db_scalar(a, "SELECT id FROM locations WHERE type = 'village' AND lgd_code = ? AND active = 1", "s", lgd)
		: parse_long(our_id, 1, 4294967295L, &n)
		? db_scalar(a, "SELECT id FROM locations WHERE type = 'village' AND id = ? AND active = 1", "i", (long long)n) : NULL;
	return id ? loc_get(a, strtol(id, NULL, 10)) : NULL;
}

static int list_txn(void *p)
{
	struct list_ctx *c = p;
	struct csv in;
	char **f;
	size_t nf;
	memset(c->st, 0, sizeof *c->st);
	csv_init(&in, c->csv, c->len);
	static const char *const cols[] = { "name", "mobile", "scheme_ref", "village_lgd", "village_id", "benefit_date", "benefit_paise",
					    NULL };
	int idx[7];
	if (csv_next(&in, c->a, &f, &nf) != 1)
		return 1;
	for (int k = 0; cols[k]; k++) {
		idx[k] = -1;
		for (size_t j = 0; j < nf; j++)
			if (str_eq(str_trim(f[j]), cols[k]))
				idx[k] = (int)j;
		if (idx[k] < 0 && k < 3)
			return 1;
	}
	if (idx[3] < 0 && idx[4] < 0)
		return 1;	/* a village by LGD code or by id */
	int rc;
	while ((rc = csv_next(&in, c->a, &f, &nf)) != 0) {
		c->st->rows++;
		const char *v[7] = { 0 };
		for (int k = 0; k < 7; k++)
			v[k] = rc > 0 && idx[k] >= 0 && (size_t)idx[k] < nf ? str_trim(f[idx[k]]) : NULL;
		struct loc *vil = rc > 0 ? village_of(c->a, v[3], v[4]) : NULL;
		long paise = 0;
		int y, m, d;
		bool ok = rc > 0 && vil && !str_empty(v[0]) && utf8_chars(v[0]) <= 100 && valid_mobile(v[1]) && !str_empty(v[2]) &&
			  strlen(v[2]) <= 40 && (str_empty(v[5]) || parse_date(v[5], &y, &m, &d)) &&
			  (str_empty(v[6]) || parse_long(v[6], 0, 100000000000L, &paise));
		if (!ok) {
			c->st->bad++;
			if (c->err)
				fprintf(c->err, "line %d: %s\n", in.rec_line, rc < 0 ? in.err : "needs a name, a mobile, a village (LGD code "
												 "or id) and a scheme reference");
			continue;
		}
		if (db_scalar(c->a, "SELECT 1 FROM dnc WHERE mobile = ?", "s", v[1])) {
			c->st->do_not_call++;
			continue;
		}
		long long n = db_exec("INSERT IGNORE INTO campaign_contacts (campaign_id, name, mobile, location_id, gp_id, loc_path, "
				      "scheme_ref, benefit_date, benefit_paise, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, NULLIF(?, ''), "
				      "NULLIF(?, 0), NOW())", "issiisssi", (long long)c->campaign, v[0], v[1], (long long)vil->id,
				      (long long)vil->parent_id, vil->path, v[2], v[5] ? v[5] : "", (long long)paise);
		if (n < 0)
			return -1;
		if (n)
			c->st->added++;
		else
			c->st->duplicate++;
	}
	struct audit_entry e = { .action = "campaign.list", .entity = "campaign", .entity_id = arena_printf(c->a, "%ld", c->campaign),
				 .remarks = arena_printf(c->a, "%ld rows: %ld added, %ld duplicate, %ld do-not-call, %ld bad",
							 c->st->rows, c->st->added, c->st->duplicate, c->st->do_not_call, c->st->bad) };
	return audit_write(c->who, &e);
}

int campaign_contacts_import(struct arena *a, const struct actor *who, const char *code, const char *csv, size_t len,
			     struct contact_stats *st, FILE *err, struct outcome *out)
{
	struct list_ctx c = { .a = a, .who = who, .campaign = campaign_id(a, code), .csv = csv, .len = len, .st = st, .err = err };
	if (!c.campaign)
		return out_fail(out, 404, NULL);
	int rc = db_txn(list_txn, &c);
	if (rc > 0) {
		out_field(out, "file", "campaign.err.header", NULL);
		return out->status;
	}
	return rc ? out_fail(out, 503, NULL) : 0;
}

/* ---- the sample ---- */

struct sample_ctx {
	struct arena *a;
	const struct actor *who;
	long campaign, per_gp, drawn;
};

static int sample_txn(void *p)
{
	struct sample_ctx *c = p;
	c->drawn = 0;
	struct dbres *gps = db_query(c->a, "SELECT gp_id, SUM(sampled) FROM campaign_contacts WHERE campaign_id = ? "
					   "AND status <> 'excluded' GROUP BY gp_id FOR UPDATE", "i", (long long)c->campaign);
	if (!gps)
		return -1;
	for (size_t g = 0; g < gps->nrows; g++) {
		long want = c->per_gp - (long)db_int(gps, g, 1);
		if (want <= 0)
			continue;
		struct dbres *ids = db_query(c->a, "SELECT id FROM campaign_contacts WHERE campaign_id = ? AND gp_id = ? AND sampled = 0 "
						   "AND status = 'pending' ORDER BY id", "ii", (long long)c->campaign,
					     (long long)db_int(gps, g, 0));
		if (!ids)
			return -1;
		/* a partial Fisher-Yates shuffle with the system's random numbers: each contact equally likely */
		size_t n = ids->nrows;
		long *pick = arena_alloc(c->a, (n + 1) * sizeof *pick);
		for (size_t i = 0; i < n; i++)
			pick[i] = (long)db_int(ids, i, 0);
		for (size_t i = 0; i < n && (long)i < want; i++) {
			size_t j = i + randombytes_uniform((uint32_t)(n - i));
			long t = pick[i];
			pick[i] = pick[j];
			pick[j] = t;
			if (db_exec("UPDATE campaign_contacts SET sampled = 1, updated_at = NOW() WHERE id = ?", "i", (long long)pick[i]) != 1)
				return -1;
			c->drawn++;
		}
	}
	struct audit_entry e = { .action = "campaign.sample", .entity = "campaign", .entity_id = arena_printf(c->a, "%ld", c->campaign),
				 .remarks = arena_printf(c->a, "%ld drawn, up to %ld per GP", c->drawn, c->per_gp) };
	return audit_write(c->who, &e);
}

int campaign_sample(struct arena *a, const struct actor *who, const char *code, long per_gp, long *drawn,
		    struct outcome *out)
{
	struct sample_ctx c = { .a = a, .who = who, .campaign = campaign_id(a, code), .per_gp = per_gp };
	if (!c.campaign)
		return out_fail(out, 404, NULL);
	if (per_gp <= 0) {
		const char *d = db_scalar(a, "SELECT sample_per_gp FROM campaigns WHERE id = ?", "i", (long long)c.campaign);
		c.per_gp = d ? strtol(d, NULL, 10) : 10;
	}
	int rc = out_txn(out, sample_txn, &c);
	*drawn = c.drawn;
	return rc;
}

/* ---- calling ---- */

bool campaign_window(struct arena *a, long campaign, struct campaign_window *w)
{
	struct dbres *r = db_query(a, "SELECT TIME_TO_SEC(call_from), TIME_TO_SEC(call_to), call_days FROM campaigns WHERE id = ?",
				   "i", (long long)campaign);
	if (!r || r->nrows != 1)
		return false;
	*w = (struct campaign_window){ .days = { .weekly_off = ~(unsigned)db_int(r, 0, 2) & 0x7f } };
	if (db_val(r, 0, 0) && db_val(r, 0, 1))
		w->hours = (struct office_hours){ (int)db_int(r, 0, 0), (int)db_int(r, 0, 1) };
	else if (!sla_hours_parse(cfg.campaign_hours, &w->hours))
		w->hours = (struct office_hours){ 9 * 3600, 19 * 3600 };	/* config.c refuses a bad value */
	return true;
}

/* t itself when inside the campaign's calling window, else its next
 * opening (holidays are calling days too: beneficiaries are at home). */
static time_t in_hours(const struct campaign_window *w, time_t t)
{
	return sla_work_add(&w->days, &w->hours, t - 1, 1);
}

/* The GP of one of who's CSC holdings, for a VLE calling; NULL for an agent. */
static const char *vle_area(const struct user *u)
{
	if (user_has(u, ROLE_CC_AGENT))
		return NULL;
	for (size_t i = 0; u && i < u->nh; i++)
		if (u->h[i].role == ROLE_CSC)
			return u->h[i].loc_path;
	return "-";
}

struct next_ctx {
	struct arena *a;
	const struct actor *who;
	long campaign, contact;
	const char *area;
	struct outcome *out;
};

static int next_txn(void *p)
{
	struct next_ctx *c = p;
	long me = actor_id(c->who);
	/* a contact this agent already holds comes first; then due ones, oldest first */
	struct dbres *r = db_query(c->a,
		"SELECT id FROM campaign_contacts WHERE campaign_id = ? AND sampled = 1 "
		"AND ((status = 'calling' AND assignee_id = ?) OR (status = 'pending' AND (next_attempt_at IS NULL OR next_attempt_at <= NOW()) "
		"AND (assignee_id IS NULL OR assignee_id = ?))) AND (? = '' OR loc_path LIKE CONCAT(?, '%')) "
		"ORDER BY status = 'calling' DESC, next_attempt_at IS NOT NULL, next_attempt_at, id LIMIT 1 FOR UPDATE SKIP LOCKED",
		"iiiss", (long long)c->campaign, (long long)me, (long long)me, c->area ? c->area : "", c->area ? c->area : "");
	if (!r)
		return -1;
	if (!r->nrows) {
		out_fail(c->out, 404, "campaign.err.none_left");
		return 1;
	}
	c->contact = (long)db_int(r, 0, 0);
	if (db_exec("UPDATE campaign_contacts SET status = 'calling', assignee_id = ?, updated_at = NOW() WHERE id = ?", "ii",
		    (long long)me, (long long)c->contact) != 1)
		return -1;
	struct audit_entry e = { .action = "campaign.take", .entity = "campaign_contact",
				 .entity_id = arena_printf(c->a, "%ld", c->contact) };
	return audit_write(c->who, &e);
}

int campaign_next(struct arena *a, const struct actor *who, long campaign, long *contact, struct outcome *out)
{
	if (!db_scalar(a, "SELECT 1 FROM campaigns WHERE id = ? AND status = 'active'", "i", (long long)campaign))
		return out_fail(out, 404, NULL);
	struct campaign_window w;
	if (!campaign_window(a, campaign, &w))
		return out_fail(out, 503, NULL);
	time_t now = now_secs();
	if (in_hours(&w, now) != now)
		return out_fail(out, 409, "campaign.err.hours");
	struct next_ctx c = { .a = a, .who = who, .campaign = campaign, .area = vle_area(who ? who->user : NULL), .out = out };
	int rc = out_txn(out, next_txn, &c);
	if (!rc)
		*contact = c.contact;
	return rc;
}

struct record_ctx {
	struct arena *a;
	const struct actor *who;
	long contact;
	const struct attempt_input *in;
	const char *answers;		/* completed: the checked answers (JSON) */
	const char *callback;		/* callback: stored IST time */
	bool grievance;			/* the answers open a grievance */
	const char *ticket;		/* its number */
	struct campaign_window window;	/* the campaign's calling window */
	struct outcome *out;
};

static int record_txn(void *p)
{
	struct record_ctx *c = p;
	const char *d = c->in->disposition;
	struct dbres *r = db_query(c->a, "SELECT k.status, IFNULL(k.assignee_id, 0), k.attempts, m.max_attempts, m.retry_gap_min, "
					 "k.mobile, k.location_id, k.name, m.grievance_type, m.name_en FROM campaign_contacts k "
					 "JOIN campaigns m ON m.id = k.campaign_id WHERE k.id = ? FOR UPDATE", "i", (long long)c->contact);
	if (!r)
		return -1;
	if (!r->nrows) {
		out_fail(c->out, 404, NULL);
		return 1;
	}
	if (!str_eq(db_val(r, 0, 0), "calling")) {
		out_fail(c->out, 409, "campaign.err.not_calling");
		return 1;
	}
	if (db_int(r, 0, 1) != actor_id(c->who)) {
		out_fail(c->out, 403, NULL);
		return 1;
	}
	long attempts = (long)db_int(r, 0, 2) + 1, max = (long)db_int(r, 0, 3), gap = (long)db_int(r, 0, 4);
	const char *status = "done", *next = NULL;
	if (str_eq(d, "busy") || str_eq(d, "no_answer") || str_eq(d, "switched_off")) {
		status = attempts >= max ? "exhausted" : "pending";
		char s[20];
		fmt_sql_time(s, in_hours(&c->window, now_secs() + gap * 60));
		next = arena_strdup(c->a, s);
	} else if (str_eq(d, "callback")) {
		status = attempts >= max ? "exhausted" : "pending";
		next = c->callback;
	} else if (str_eq(d, "do_not_call")) {
		status = "excluded";
		if (db_exec("INSERT IGNORE INTO dnc (mobile, added_at, reason) VALUES (?, NOW(), 'asked on a campaign call')", "s",
			    db_val(r, 0, 5)) < 0)
			return -1;
	}
	if (db_exec("INSERT INTO campaign_attempts (contact_id, agent_id, at, disposition, callback_at) VALUES (?, ?, NOW(), ?, ?)",
		    "iiss", (long long)c->contact, (long long)actor_id(c->who), d, c->callback) != 1 ||
	    db_exec("UPDATE campaign_contacts SET status = ?, attempts = ?, disposition = ?, next_attempt_at = ?, answers = ?, "
		    "assignee_id = IF(? = 'pending' AND ? = 'callback', assignee_id, NULL), updated_at = NOW() WHERE id = ?",
		    "sisssssi", status, (long long)attempts, d, next, c->answers, status, d, (long long)c->contact) != 1)
		return -1;
	if (c->grievance) {
		/* closed loop: the negative answer becomes a grievance with its SLA, in this transaction */
		struct ticket_input t = { .type = db_val(r, 0, 8), .location_id = (long)db_int(r, 0, 6), .mobile = db_val(r, 0, 5),
					  .channel = "call", .subject = arena_printf(c->a, "%s: benefit not received", db_val(r, 0, 9)),
					  .body = arena_printf(c->a, "Raised from a Jan Samvad call with %s (%s): %s", db_val(r, 0, 7),
							       db_val(r, 0, 5), c->answers) };
		if (utf8_chars(t.subject) > 150)
			t.subject = "Jan Samvad: benefit not received";
		if (ticket_raise(c->a, c->who, &t, &c->ticket, c->out) != 0)
			return c->out->status == 503 ? -1 : 1;
		if (db_exec("UPDATE campaign_contacts SET ticket_id = (SELECT id FROM tickets WHERE number = ?) WHERE id = ?", "si",
			    c->ticket, (long long)c->contact) != 1)
			return -1;
	}
	struct audit_entry e = { .action = "campaign.attempt", .entity = "campaign_contact",
				 .entity_id = arena_printf(c->a, "%ld", c->contact), .remarks = d };
	return audit_write(c->who, &e);
}

int campaign_record(struct arena *a, const struct actor *who, long contact, const struct attempt_input *in,
		    const char **ticket, struct outcome *out)
{
	*ticket = NULL;
	struct record_ctx c = { .a = a, .who = who, .contact = contact, .in = in, .out = out };
	if (!in_list(campaign_dispositions, in->disposition)) {
		out_field(out, "disposition", "campaign.err.disposition", NULL);
		return out->status;
	}
	const char *cid = db_scalar(a, "SELECT campaign_id FROM campaign_contacts WHERE id = ?", "i", (long long)contact);
	if (!cid)
		return out_fail(out, 404, NULL);
	if (!campaign_window(a, strtol(cid, NULL, 10), &c.window))
		return out_fail(out, 503, NULL);
	if (str_eq(in->disposition, "completed")) {
		/* the answers, checked by the service form model like an application's */
		struct svc *s = campaign_questions(a, strtol(cid, NULL, 10));
		if (!s)
			return out_fail(out, 503, NULL);
		struct form_env env;
		app_form_env(a, who ? who->user : NULL, 0, &env);
		if (form_check(a, &s->form, in->answers, &env, out, &c.answers))
			return out->status;
		struct dbres *g = db_query(a, "SELECT grievance_field, grievance_value FROM campaigns WHERE id = ? "
					      "AND grievance_type IS NOT NULL", "i", (long long)strtol(cid, NULL, 10));
		if (!g)
			return out_fail(out, 503, NULL);
		if (g->nrows) {
			const struct jval *v = json_get(in->answers, db_val(g, 0, 0));
			c.grievance = v && v->type == J_STR && str_eq(v->str, db_val(g, 0, 1));
		}
	}
	if (str_eq(in->disposition, "callback")) {
		char s[20];
		time_t t = in->callback_at && strlen(in->callback_at) == 16
			? sla_time(arena_printf(a, "%s:00", in->callback_at)) : -1;
		if (t <= now_secs() || in_hours(&c.window, t) != t) {
			out_field(out, "callback_at", "campaign.err.callback", NULL);
			return out->status;
		}
		fmt_sql_time(s, t);
		c.callback = arena_strdup(a, s);
	}
	int rc = out_txn(out, record_txn, &c);
	if (!rc)
		*ticket = c.ticket;
	return rc;
}

/* ---- reports ---- */

void campaign_wilson(long k, long n, double *lo, double *hi)
{
	if (n <= 0) {
		*lo = *hi = 0;
		return;
	}
	const double z = 1.959964;
	double p = (double)k / (double)n, z2 = z * z / (double)n;
	double mid = (p + z2 / 2) / (1 + z2), half = z * sqrt(p * (1 - p) / (double)n + z * z / (4.0 * (double)n * (double)n)) / (1 + z2);
	*lo = 100 * (mid - half < 0 ? 0 : mid - half);
	*hi = 100 * (mid + half > 1 ? 1 : mid + half);
}

long campaign_report(struct arena *a, long campaign, bool by_district, struct campaign_row **rows)
{
	/* the GP's block is its parent; the block's district is the district whose path it lies under */
	struct dbres *r = db_query(a,
		"SELECT p.id, p.name_en, SUM(k.sampled), SUM(k.attempts > 0), "
		"SUM(k.disposition IN ('completed','refused','callback','do_not_call','language_barrier')), "
		"SUM(k.disposition = 'completed') FROM campaign_contacts k JOIN locations g ON g.id = k.gp_id "
		"JOIN locations b ON b.id = g.parent_id JOIN locations p ON p.id = IF(? = 1, "
		"(SELECT d.id FROM locations d WHERE d.type = 'district' AND b.path LIKE CONCAT(d.path, '%') LIMIT 1), b.id) "
		"WHERE k.campaign_id = ? AND k.sampled = 1 GROUP BY p.id, p.name_en ORDER BY p.name_en",
		"ii", (long long)by_district, (long long)campaign);
	if (!r)
		return -1;
	struct campaign_row *out = arena_alloc(a, (r->nrows + 1) * sizeof *out);
	for (size_t i = 0; i < r->nrows; i++)
		out[i] = (struct campaign_row){ (long)db_int(r, i, 0), db_val(r, i, 1), (long)db_int(r, i, 2), (long)db_int(r, i, 3),
						(long)db_int(r, i, 4), (long)db_int(r, i, 5) };
	*rows = out;
	return (long)r->nrows;
}

long campaign_shares(struct arena *a, long campaign, const char *field, bool by_district, struct campaign_share **rows)
{
	for (const char *p = field; p && *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_'))
			return -1;
	if (str_empty(field) || strlen(field) > 40)
		return -1;
	const char *path = arena_printf(a, "$.%s", field);
	struct dbres *r = db_query(a,
		"SELECT x.pid, x.pname, x.v, x.n, SUM(x.n) OVER (PARTITION BY x.pid) FROM (SELECT p.id AS pid, p.name_en AS pname, "
		"JSON_VALUE(k.answers, ?) AS v, COUNT(*) AS n FROM campaign_contacts k JOIN locations g ON g.id = k.gp_id "
		"JOIN locations b ON b.id = g.parent_id JOIN locations p ON p.id = IF(? = 1, "
		"(SELECT d.id FROM locations d WHERE d.type = 'district' AND b.path LIKE CONCAT(d.path, '%') LIMIT 1), b.id) "
		"WHERE k.campaign_id = ? AND k.disposition = 'completed' AND JSON_VALUE(k.answers, ?) IS NOT NULL "
		"GROUP BY p.id, p.name_en, v) x ORDER BY x.pname, x.v",
		"siis", path, (long long)by_district, (long long)campaign, path);
	if (!r)
		return -1;
	struct campaign_share *out = arena_alloc(a, (r->nrows + 1) * sizeof *out);
	for (size_t i = 0; i < r->nrows; i++) {
		struct campaign_share *o = &out[i];
		*o = (struct campaign_share){ .place = (long)db_int(r, i, 0), .name = db_val(r, i, 1), .value = db_val(r, i, 2),
					      .n = (long)db_int(r, i, 3), .total = (long)db_int(r, i, 4) };
		o->pct = o->total ? 100.0 * (double)o->n / (double)o->total : 0;
		campaign_wilson(o->n, o->total, &o->lo, &o->hi);
	}
	*rows = out;
	return (long)r->nrows;
}
