/*
 * application.c — the rules of applications: filing (drafts, submission,
 * routing, numbering, fees, due dates), resubmission after a return,
 * feedback, tracking, who sees one, and its events and messages.  Every
 * write of an application by its applicant or filer is here; officers'
 * decisions are in workflow.c.
 */
#include "application.h"
#include "audit.h"
#include "auth.h"
#include "config.h"
#include "db.h"
#include "lengths.h"
#include "location.h"
#include "locker.h"
#include "log.h"
#include "notify.h"
#include "sla.h"
#include "user.h"
#include "wallet.h"

#include <stdlib.h>
#include <string.h>

#define APP_COLS "id, number, service_id, version_id, applicant_id, applicant_name, applicant_mobile, channel, filed_by, " \
	"IFNULL(address_location_id, 0), IFNULL(district_id, 0), IFNULL(office_id, 0), office_path, status, stage_idx, " \
	"IFNULL(stage_office_id, 0), stage_role, tatkal, form, submitted_at, DATE_FORMAT(queued_at, '%Y-%m-%d %H:%i:%s.%f'), " \
	"stage_due, due_date, decided_at, overdue, IFNULL(claimed_by, 0), (claimed_until > NOW()), IFNULL(forwarded_by, 0), " \
	"stage_acted, return_remarks, return_fields, fee_paise"
/* a plain read has the service's department in the same statement; a
 * locking one must not lock the service row (FOR UPDATE locks every row
 * its statement reads), so it reads the department apart */
#define APP_COLS_DEPT APP_COLS ", (SELECT s.department_id FROM services s WHERE s.id = applications.service_id)"

static struct app *app_row(struct arena *a, struct dbres *r)
{
	struct app *x = arena_alloc(a, sizeof *x);
	size_t c = 0;
	x->id = (long)db_int(r, 0, c++);
	x->number = db_val(r, 0, c++);
	x->service_id = (long)db_int(r, 0, c++);
	x->version_id = (long)db_int(r, 0, c++);
	x->applicant_id = (long)db_int(r, 0, c++);
	x->applicant_name = db_val(r, 0, c++);
	x->applicant_mobile = db_val(r, 0, c++);
	x->channel = db_val(r, 0, c++);
	x->filed_by = (long)db_int(r, 0, c++);
	x->address_location_id = (long)db_int(r, 0, c++);
	x->district_id = (long)db_int(r, 0, c++);
	x->office_id = (long)db_int(r, 0, c++);
	x->office_path = db_val(r, 0, c++);
	x->status = db_val(r, 0, c++);
	x->stage_idx = (int)db_int(r, 0, c++);
	x->stage_office_id = (long)db_int(r, 0, c++);
	x->stage_role = db_val(r, 0, c++);
	x->tatkal = db_int(r, 0, c++) != 0;
	x->form = db_val(r, 0, c++);
	x->submitted_at = db_val(r, 0, c++);
	x->queued_at = db_val(r, 0, c++);
	x->stage_due = db_val(r, 0, c++);
	x->due_date = db_val(r, 0, c++);
	x->decided_at = db_val(r, 0, c++);
	x->overdue = db_int(r, 0, c++) != 0;
	x->claimed_by = (long)db_int(r, 0, c++);
	x->claim_active = db_int(r, 0, c++) == 1;
	x->forwarded_by = (long)db_int(r, 0, c++);
	x->stage_acted = db_int(r, 0, c++) != 0;
	x->return_remarks = db_val(r, 0, c++);
	x->return_fields = db_val(r, 0, c++);
	x->fee_paise = (long)db_int(r, 0, c++);
	x->ver = svcstore_version(a, x->version_id);
	const char *dept = r->ncols > c ? db_val(r, 0, c)
		: db_scalar(a, "SELECT department_id FROM services WHERE id = ?", "i", (long long)x->service_id);
	x->dept_id = dept ? strtol(dept, NULL, 10) : 0;
	return x->ver && dept ? x : NULL;
}

struct app *app_load(struct arena *a, const char *number, long id, bool lock)
{
	struct dbres *r;
	if (number)
		r = lock ? db_query(a, "SELECT " APP_COLS " FROM applications WHERE number = ? FOR UPDATE", "s", number)
			 : db_query(a, "SELECT " APP_COLS_DEPT " FROM applications WHERE number = ?", "s", number);
	else
		r = lock ? db_query(a, "SELECT " APP_COLS " FROM applications WHERE id = ? FOR UPDATE", "i", (long long)id)
			 : db_query(a, "SELECT " APP_COLS_DEPT " FROM applications WHERE id = ?", "i", (long long)id);
	return r && r->nrows == 1 ? app_row(a, r) : NULL;
}

bool app_mine(const struct user *u, const struct app *ap)
{
	return u && ap && (ap->applicant_id == u->id || ap->filed_by == u->id);
}

bool app_visible(const struct user *u, const struct app *ap)
{
	if (!u || !ap)
		return false;
	if (app_mine(u, ap))
		return true;
	if (str_eq(ap->status, "draft"))
		return false;
	return juris_holding(u, RB_OFFICERS, 0, ap->office_path, ap->dept_id) != NULL;
}

const char *app_channel(const struct user *u, const char *want)
{
	/* operators first: an operator files for villagers, never as one */
	static const struct { const char *ch; enum role role; } map[] = {
		{ "csc", ROLE_CSC }, { "sewak", ROLE_SEWAK }, { "jsk", ROLE_JSK }, { "online", ROLE_CITIZEN },
	};
	if (!u)
		return NULL;
	for (size_t i = 0; i < ARRAY_LEN(map); i++)
		if ((!want || str_eq(want, map[i].ch)) && user_has(u, map[i].role))
			return map[i].ch;
	if ((!want || str_eq(want, "counter")) && (u->roles & RB_PLAYERS))
		return "counter";
	return NULL;
}

struct app *app_track(struct arena *a, const char *number, const char *mobile)
{
	struct app *ap = number ? app_load(a, number, 0, false) : NULL;
	if (!ap || !str_eq(ap->applicant_mobile, mobile) || str_eq(ap->status, "draft"))
		return NULL;
	return ap;
}

struct stats_app app_stats(const struct app *ap)
{
	return (struct stats_app){ .office_id = ap->office_id, .service_id = ap->service_id, .channel = ap->channel,
				   .tatkal = ap->tatkal, .district_id = ap->district_id, .weekly_off = ap->ver->def->weekly_off,
				   .submitted_at = ap->submitted_at, .due_date = ap->due_date };
}

/* form_check's look-ups (app_form_env). */
struct env_ctx {
	struct arena *a;		/* memory */
	const struct user *u;		/* who attaches documents */
	long owner;			/* whose locker */
};

static bool env_location(void *ctx, long id, const char **name)
{
	struct env_ctx *c = ctx;
	struct dbres *l = db_query(c->a, "SELECT name_en FROM locations WHERE id = ? AND active = 1 "
					 "AND type IN ('village', 'ward')", "i", (long long)id);
	if (!l || l->nrows != 1)
		return false;
	*name = db_val(l, 0, 0);
	return true;
}

/* A document answer must be in the applicant's locker and seen there by
 * the one filing (locker_may_use: an operator needs the citizen's consent
 * for documents it did not upload). */
static bool env_document(void *ctx, long id)
{
	struct env_ctx *c = ctx;
	return c->u && locker_may_use(c->a, c->u, c->owner, id);
}

void app_form_env(struct arena *a, const struct user *u, long owner, struct form_env *env)
{
	struct env_ctx *c = arena_alloc(a, sizeof *c);
	*c = (struct env_ctx){ a, u, owner };
	char *today = arena_alloc(a, 20);
	fmt_sql_time(today, now_secs());
	today[10] = '\0';
	*env = (struct form_env){ .today = today, .location_ok = env_location, .document_ok = env_document, .ctx = c };
}

/* The office of `level` nearest to place l (l itself, then up its path)
 * and, when opath, that office's place's path: one statement for the
 * whole path (it was one per level of the path). */
static long office_near(struct arena *a, const struct loc *l, const char *level, const char **opath)
{
	long ids[LOC_DEPTH_MAX] = { 0 };	/* unused places: 0, no such place */
	size_t n = loc_path_ids(l->path, ids, LOC_DEPTH_MAX);
	struct dbres *o = db_query(a, "SELECT o.id, o.location_id, l.path FROM offices o JOIN locations l ON l.id = o.location_id "
				      "WHERE o.location_id IN (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) AND o.level = ? AND o.active = 1 ORDER BY o.id",
				   "iiiiiiiiiiiis", (long long)ids[0], (long long)ids[1], (long long)ids[2], (long long)ids[3],
				   (long long)ids[4], (long long)ids[5], (long long)ids[6], (long long)ids[7], (long long)ids[8],
				   (long long)ids[9], (long long)ids[10], (long long)ids[11], level);
	for (size_t i = n; o && i-- > 0;)	/* nearest first */
		for (size_t j = 0; j < o->nrows; j++)
			if (db_int(o, j, 1) == ids[i]) {
				if (opath)
					*opath = db_val(o, j, 2);
				return (long)db_int(o, j, 0);
			}
	return 0;
}

long office_for(struct arena *a, long location_id, const char *level)
{
	struct loc *l = loc_get(a, location_id);
	return l && level ? office_near(a, l, level, NULL) : 0;
}

void fin_year(time_t t, char out[8])
{
	struct tm tm;
	ist_tm(t, &tm);
	int y = tm.tm_year + 1900;
	if (tm.tm_mon < 3)	/* January to March belong to the year that began last April */
		y--;
	snprintf(out, 8, "%04u-%02u", (unsigned)y % 10000, (unsigned)(y + 1) % 100);
}

int app_event(const struct actor *who, const struct app *ap, const char *action, const char *role, long office, int from_stage,
	      int to_stage, const char *to_status, const char *remarks, const char *ooo, const char *attachments)
{
	return db_exec("INSERT INTO app_events (app_id, at, actor_id, role, office_id, action, from_stage, to_stage, from_status, "
		       "to_status, remarks, out_of_order_reason, attachments, ip) VALUES (?, NOW(6), NULLIF(?, 0), ?, NULLIF(?, 0), ?, ?, ?, ?, ?, ?, ?, ?, ?)",
		       "iisisiissssss", (long long)ap->id, (long long)actor_id(who), role, (long long)office, action,
		       (long long)from_stage, (long long)to_stage, ap->status, to_status, remarks, ooo, attachments,
		       who ? who->ip : "cli") == 1 ? 0 : -1;
}

int app_notify(struct arena *a, const struct app *ap, const char *event, const char *remarks)
{
	int rc = 0;
	const struct svc *s = ap->ver->def;
	/* the applicant's language and e-mail address in one read */
	struct dbres *u = db_query(a, "SELECT lang, email FROM users WHERE id = ?", "i", (long long)ap->applicant_id);
	const char *lang = u && u->nrows == 1 ? db_val(u, 0, 0) : NULL;
	const char *email = u && u->nrows == 1 ? db_val(u, 0, 1) : NULL;
	for (size_t i = 0; i < s->nnotifs; i++) {
		const struct notif *n = &s->notifs[i];
		if (!str_eq(n->event, event))
			continue;
		const struct stage *st = svc_stage(s, (size_t)ap->stage_idx);
		static const char *const keys[] = { "{number}", "{service}", "{due}", "{remarks}", "{stage}", "{track}" };
		const char *vals[] = { ap->number, i18n_get(&s->name, lang), ap->due_date, remarks,
				       st ? i18n_get(&st->name, lang) : "", arena_printf(a, "%s/track", cfg.base_url) };
		char *text = str_fill(a, i18n_get(&n->sms, lang), keys, vals, ARRAY_LEN(keys), false);
		if (!notify_queue("sms", ap->applicant_mobile, text, n->dlt, arena_printf(a, "app.%s", event), ap->number))
			rc = -1;
		if (n->email && email && !notify_queue("email", email, text, NULL, arena_printf(a, "app.%s", event), ap->number))
			rc = -1;
	}
	return rc;
}

/* A refusal inside a transaction function: records it in o and returns 1,
 * which rolls the transaction back (db_txn) without a retry. */
static int refuse(struct outcome *o, int status, const char *key)
{
	out_fail(o, status, key);
	return 1;
}

/* The citizen who is the applicant: the filer for online filing, else found
 * (or registered) by mobile. */
static long applicant_for(struct arena *a, const struct actor *who, const struct filing *fl, const char *name)
{
	if (str_eq(fl->channel, "online"))
		return actor_id(who);
	long id = user_citizen(a, who, fl->applicant_mobile, name, fl->lang);
	return id > 0 ? id : 0;
}

/* Checks chosen documents against the service's list: a problem with
 * doc_<code> for each.  Returns the number of problems. */
static size_t check_docs(struct arena *a, const struct svc *s, long applicant, const long *ids, struct outcome *out)
{
	size_t before = out->nerrs;
	for (size_t i = 0; i < s->ndocs; i++) {
		const struct docreq *d = &s->docs[i];
		const char *field = arena_printf(a, "doc_%s", d->code);
		if (!ids || !ids[i]) {
			if (d->required)
				out_field(out, field, "app.doc_missing", NULL);
			continue;
		}
		struct dbres *doc = db_query(a, "SELECT mime, size FROM documents WHERE id = ? AND owner_id = ?", "ii",
					     (long long)ids[i], (long long)applicant);
		if (!doc || doc->nrows != 1) {
			out_field(out, field, "form.err.document", NULL);
			continue;
		}
		const char *mime = db_val(doc, 0, 0);
		unsigned want = str_eq(mime, "application/pdf") ? DOC_PDF : str_eq(mime, "image/jpeg") ? DOC_JPEG : DOC_PNG;
		if (!(d->types & want))
			out_field(out, field, "app.doc_type", NULL);
		else if (db_int(doc, 0, 1) > d->max_kb * 1024)
			out_field(out, field, "app.doc_size", NULL);
	}
	return out->nerrs - before;
}

long *app_docs(struct arena *a, const struct svc *s, long app_id)
{
	long *docs = arena_alloc(a, (s->ndocs + 1) * sizeof *docs);
	for (size_t i = 0; i < s->ndocs; i++) {
		const char *d = db_scalar(a, "SELECT document_id FROM app_documents WHERE app_id = ? AND doc_type = ?", "is",
					  (long long)app_id, s->docs[i].code);
		docs[i] = d ? strtol(d, NULL, 10) : 0;
	}
	return docs;
}

void app_due_dates(struct arena *a, const struct svc *s, bool tatkal, long district, char due[11], char stage_due[11])
{
	struct calendar cal;
	sla_calendar(a, &cal, s->weekly_off, district);
	long today = sla_today();
	sla_date(sla_add(&cal, today, tatkal ? s->tatkal_days : s->rtps_days), due);
	const struct stage *st0 = svc_stage(s, 0);
	sla_date(sla_add(&cal, today, st0 ? st0->sla_days : 0), stage_due);
	if (strcmp(stage_due, due) > 0)
		memcpy(stage_due, due, 11);	/* no stage is due after the application (Tatkal above all) */
}

/* The applicant's name from the answers (field applicant_name, trimmed as
 * the form check trims it) or NULL. */
static const char *answer_name(struct arena *a, const struct jval *ans)
{
	const char *n = json_get_str(ans, FORM_NAME_FIELD);
	char *t = n ? str_trim(arena_strdup(a, n)) : NULL;
	return t && *t ? t : NULL;
}

/* Puts document doc into slot code of an application, replacing the one
 * chosen before.  Inside the caller's transaction; 0 or -1. */
static int app_doc_set(long app_id, const char *code, long doc)
{
	return db_exec("INSERT INTO app_documents (app_id, doc_type, document_id) VALUES (?, ?, ?) "
		       "ON DUPLICATE KEY UPDATE document_id = VALUES(document_id)", "isi", (long long)app_id, code,
		       (long long)doc) < 0 ? -1 : 0;
}

struct file_ctx {
	struct arena *a;		/* memory */
	const struct actor *who;	/* the filer */
	const struct filing *fl;	/* how */
	struct app_input *in;		/* what */
	struct app_filed *done;		/* result */
	struct outcome *out;		/* problems */
	const char *norm;		/* normalised answers JSON */
};

/* Routing, numbering, fees and dates for a validated application. */
static int do_submit(struct file_ctx *c, long app_id, long applicant, const char *name)
{
	struct arena *a = c->a;
	const struct svc *s = c->in->ver->def;
	long filer = actor_id(c->who);
	struct jval *addr = json_get(json_parse(a, c->norm, strlen(c->norm), NULL), s->route_field);
	long loc = 0;
	json_get_long(addr, "id", &loc);
	struct loc *l = loc ? loc_get(a, loc) : NULL;
	const struct stage *st0 = svc_stage(s, 0);
	const char *opath = NULL;
	long office = l && s->level ? office_near(a, l, s->level, &opath) : 0;
	const char *st0_level = st0 ? level_role_level(st0->role) : NULL;
	long stage_office = l && st0_level ? office_near(a, l, st0_level, NULL) : 0;
	if (!office || !stage_office)
		return refuse(c->out, 422, "app.no_office");
	/* the district above the place (one statement for the whole path) */
	long district = 0;
	const char *dcode = NULL;
	struct loc *chain[LOC_DEPTH_MAX];
	size_t n = loc_chain(a, l->path, chain, LOC_DEPTH_MAX);
	for (size_t i = 0; i < n && !district; i++)
		if (chain[i]->type == LT_DISTRICT) {
			district = chain[i]->id;
			dcode = chain[i]->code ? chain[i]->code : arena_printf(a, "%ld", chain[i]->id);
		}
	if (!district || !opath)
		return refuse(c->out, 422, "app.no_office");
	/* gap-free number: the sequence row stays locked until commit */
	char fy[8];
	fin_year(now_secs(), fy);
	if (db_exec("INSERT INTO app_seq (district_id, service_id, fy, last) VALUES (?, ?, ?, 1) "
		    "ON DUPLICATE KEY UPDATE last = last + 1", "iis", (long long)district, (long long)c->in->ver->service_id, fy) < 0)
		return -1;
	const char *seq = db_scalar(a, "SELECT last FROM app_seq WHERE district_id = ? AND service_id = ? AND fy = ?", "iis",
				    (long long)district, (long long)c->in->ver->service_id, fy);
	if (!seq)
		return -1;
	char *number = arena_printf(a, "%s/%s/%s/%s/%06ld", cfg.state_code, dcode, s->code, fy, strtol(seq, NULL, 10));
	/* fees */
	bool tatkal = c->in->tatkal && s->tatkal;
	const char *ch = c->fl->channel;
	struct app_fee af = app_fee_of(s, ch, tatkal);
	long fee = af.gov;
	if (str_eq(ch, "csc")) {
		long total = af.total;
		if (total > 0) {
			long from = wallet_account(a, filer);
			long dept = book_account(a, "department", arena_printf(a, "fees:%s", s->dept), 0);
			long charges = book_account(a, "commission", "csc-service-charges", 0);
			const char *key = arena_printf(a, "app:%ld:fee", app_id);
			enum wallet_rc wr = fee > 0 ? ledger_move(a, "debit", key, from, dept, fee, app_id, number, filer, true)
						    : WALLET_OK;
			if (wr == WALLET_OK && s->fee_csc > 0)
				wr = ledger_move(a, "debit", arena_printf(a, "app:%ld:charge", app_id), from, charges, s->fee_csc,
						 app_id, number, filer, true);
			if (wr == WALLET_SHORT)
				return refuse(c->out, 422, "app.wallet_short");
			if (wr != WALLET_OK && wr != WALLET_REPEAT)
				return -1;
			/* the operator's commission, per the configured schedule */
			const char *cm = db_scalar(a, "SELECT amount_paise FROM commission_rules WHERE kind = 'app' "
							 "AND (key_code = ? OR key_code IS NULL) ORDER BY key_code IS NULL LIMIT 1", "s", s->code);
			long commission = cm ? strtol(cm, NULL, 10) : 0;
			if (commission > 0) {
				wr = ledger_move(a, "commission", arena_printf(a, "app:%ld:commission", app_id), charges, from,
						 commission, app_id, number, filer, false);
				if (wr != WALLET_OK && wr != WALLET_REPEAT)
					return -1;
			}
		}
		fee = total;
	}
	/* a citizen online pays the government fee at the gateway first */
	bool unpaid = str_eq(ch, "online") && fee > 0;
	char due[11], sdue[11];
	app_due_dates(a, s, tatkal, district, due, sdue);
	if (db_exec("UPDATE applications SET number = ?, applicant_id = ?, applicant_name = ?, address_location_id = ?, "
		    "district_id = ?, office_id = ?, office_path = ?, status = ?, stage_idx = 0, stage_office_id = ?, "
		    "stage_role = ?, tatkal = ?, form = ?, submitted_at = NOW(), queued_at = NOW(6), stage_due = ?, due_date = ?, "
		    "fee_paise = ?, version_id = ?, forwarded_by = NULL, stage_acted = 0 WHERE id = ? AND status = 'draft'",
		    "sisiiissisisssiii", number, (long long)applicant, name ? name : "", (long long)loc, (long long)district,
		    (long long)office, opath, unpaid ? "unpaid" : "pending", (long long)stage_office, role_code(st0->role), (long long)tatkal, c->norm, sdue, due,
		    (long long)fee, (long long)c->in->ver->id, (long long)app_id) != 1)
		return -1;
	c->done->number = number;
	struct app *ap = app_load(a, NULL, app_id, false);
	if (!ap)
		return -1;
	ap->status = "draft";	/* the event records the move from draft */
	if (app_event(c->who, ap, "submit", role_code(str_eq(ch, "online") ? ROLE_CITIZEN : str_eq(ch, "csc") ? ROLE_CSC
						  : str_eq(ch, "sewak") ? ROLE_SEWAK : str_eq(ch, "jsk") ? ROLE_JSK : ROLE_KARMACHARI),
		      0, -1, 0, unpaid ? "unpaid" : "pending", NULL, NULL, NULL) != 0)
		return -1;
	ap->status = unpaid ? "unpaid" : "pending";
	/* an unpaid application is received (and counted) when it is paid */
	if (!unpaid && (app_notify(a, ap, "submit", NULL) != 0 || stats_submit(a, app_stats(ap)) != 0))
		return -1;
	struct audit_entry e = { .action = "app.submit", .entity = "application", .entity_id = number,
				 .remarks = arena_printf(a, "%s via %s", s->code, ch) };
	return audit_write(c->who, &e) == 0 ? 0 : -1;
}

struct app_fee app_fee_of(const struct svc *s, const char *channel, bool tatkal)
{
	struct app_fee f = { .gov = s->fee_gov + (tatkal && s->tatkal ? s->fee_tatkal : 0) };
	if (str_eq(channel, "jsk") && s->free_jsk)
		f.gov = 0;
	if (str_eq(channel, "csc"))
		f.charge = s->fee_csc;
	f.total = f.gov + f.charge;
	f.payer = f.total == 0 ? "none" : str_eq(channel, "online") ? "online" : str_eq(channel, "csc") ? "wallet" : "counter";
	return f;
}

/* May the filer continue application app_id as a draft of service
 * service_id?  Locks the row until commit, so two submissions of one draft
 * cannot both number it.  Returns 0, or 1 with out->status: 404 when the
 * caller may not even see it (someone else's draft does not exist for
 * them), 403 when they may see it but did not start it (the applicant of an
 * operator's draft), 409 when it is no longer a draft or belongs to another
 * service; -1 on a database error. */
static int draft_take(struct arena *a, const struct actor *who, long app_id, long service_id, struct outcome *out)
{
	struct app *ap = app_load(a, NULL, app_id, true);
	if (!ap && db_errno())
		return -1;
	if (!ap || !app_visible(who->user, ap))
		return refuse(out, 404, NULL);
	if (ap->filed_by != actor_id(who))
		return refuse(out, 403, "app.draft_not_yours");
	if (!str_eq(ap->status, "draft") || ap->service_id != service_id)
		return refuse(out, 409, str_eq(ap->status, "draft") ? "app.draft_other_service" : "app.not_draft");
	return 0;
}

static int file_txn(void *p)
{
	struct file_ctx *c = p;
	struct arena *a = c->a;
	struct app_input *in = c->in;
	const struct svc *s = in->ver->def;
	const char *name = answer_name(a, in->answers);
	long filer = actor_id(c->who);
	long app_id = in->draft_id;
	/* a retried transaction starts again with no problems found */
	out_init(c->out, a);
	*c->done = (struct app_filed){ 0 };
	/* the same idempotency key from the same filer is the same application */
	if (!app_id && in->idem) {
		struct dbres *dup = db_query(a, "SELECT id, number, status FROM applications WHERE filed_by = ? AND idem_key = ? FOR UPDATE",
					     "is", (long long)filer, in->idem);
		if (!dup)
			return -1;
		if (dup->nrows == 1) {
			app_id = (long)db_int(dup, 0, 0);
			if (!str_eq(db_val(dup, 0, 2), "draft")) {
				*c->done = (struct app_filed){ app_id, db_val(dup, 0, 1), true };
				return 0;
			}
		}
	}
	if (app_id) {
		int rc = draft_take(a, c->who, app_id, in->ver->service_id, c->out);
		if (rc)
			return rc;
	}
	long applicant = applicant_for(a, c->who, c->fl, name);
	if (!applicant)
		return -1;
	struct sbuf raw;
	sbuf_init(&raw);
	struct jw w;
	jw_init(&w, &raw);
	jw_value(&w, in->answers);
	const char *rawj = arena_strdup(a, raw.data);
	sbuf_free(&raw);
	const char *mobile = str_eq(c->fl->channel, "online") ? db_scalar(a, "SELECT mobile FROM users WHERE id = ?", "i",
									  (long long)applicant) : c->fl->applicant_mobile;
	if (!app_id) {
		if (db_exec("INSERT INTO applications (service_id, version_id, applicant_id, applicant_name, applicant_mobile, channel, "
			    "filed_by, form, idem_key, tatkal) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
			    "iiisssissi", (long long)in->ver->service_id, (long long)in->ver->id, (long long)applicant,
			    name ? name : "", mobile ? mobile : "", c->fl->channel, (long long)filer, rawj, in->idem,
			    (long long)in->tatkal) != 1)
			return -1;
		app_id = (long)db_last_id();
	} else if (db_exec("UPDATE applications SET form = ?, applicant_id = ?, applicant_name = ?, applicant_mobile = ?, tatkal = ?, "
			   "version_id = ? WHERE id = ? AND status = 'draft'", "sissiii", rawj, (long long)applicant, name ? name : "",
			   mobile ? mobile : "", (long long)in->tatkal, (long long)in->ver->id, (long long)app_id) != 1) {
		return -1;	/* the row is locked as a draft (draft_take): anything else is a fault */
	}
	c->done->id = app_id;
	/* the chosen documents travel with the draft too; a document not sent
	 * again keeps the one chosen before.  Only what the filer sees in the
	 * applicant's locker can be chosen (an operator: own uploads, or all
	 * with the citizen's consent) */
	for (size_t i = 0; in->doc_ids && i < s->ndocs; i++) {
		if (in->doc_ids[i] < 0) {	/* "Remove": the slot is empty again */
			if (db_exec("DELETE FROM app_documents WHERE app_id = ? AND doc_type = ?", "is", (long long)app_id,
				    s->docs[i].code) < 0)
				return -1;
		} else if (in->doc_ids[i] && locker_may_use(a, c->who->user, applicant, in->doc_ids[i]) &&
			   app_doc_set(app_id, s->docs[i].code, in->doc_ids[i]) != 0) {
			return -1;
		}
	}
	in->doc_ids = app_docs(a, s, app_id);
	if (!in->submit) {
		struct audit_entry e = { .action = "app.draft", .entity = "application", .entity_id = arena_printf(a, "%ld", app_id) };
		return audit_write(c->who, &e) == 0 ? 0 : -1;
	}
	/* submit: the documents, then every field (the order the problems
	 * are listed in) */
	struct form_env env;
	app_form_env(a, c->who->user, applicant, &env);
	size_t bad = check_docs(a, s, applicant, in->doc_ids, c->out);
	bad += form_check(a, &s->form, in->answers, &env, c->out, &c->norm);
	if (bad)
		return refuse(c->out, 422, NULL);
	return do_submit(c, app_id, applicant, name);
}

int app_file(struct arena *a, const struct actor *who, const struct filing *fl, struct app_input *in, struct app_filed *done,
	     struct outcome *out)
{
	*done = (struct app_filed){ 0 };
	const struct svc *s = in->ver->def;
	if (!str_eq(fl->channel, "online") && !valid_mobile(fl->applicant_mobile))
		out_field(out, "applicant_mobile", "auth.mobile_bad", NULL);
	/* nothing longer than its column reaches the database, not even in a
	 * draft, which is otherwise stored unchecked */
	out_max_len(out, "idem", in->idem, LIM_IDEM_KEY);
	if (out->nerrs) {
		/* the answers are checked too, so every problem shows at once */
		struct form_env env;
		const char *norm;
		app_form_env(a, who->user, 0, &env);
		form_check(a, &s->form, in->answers, &env, out, &norm);
		return out_fail(out, 422, NULL);
	}
	if (form_check_lengths(a, &s->form, in->answers, out))
		return out_fail(out, 422, NULL);
	if (!(s->channels & (1u << channel_from(fl->channel))))
		return out_fail(out, 403, "app.channel_closed");
	struct file_ctx c = { .a = a, .who = who, .fl = fl, .in = in, .done = done, .out = out };
	return out_txn(out, file_txn, &c);
}

/* ---- resubmission after a return ---- */

struct resub_ctx {
	struct arena *a;		/* memory */
	const struct actor *who;	/* the applicant or filer */
	const char *number;		/* application */
	const struct jval *answers;	/* corrections */
	const long *doc_ids;		/* documents (per service doc) */
	struct outcome *out;		/* problems */
};

static int resub_txn(void *p)
{
	struct resub_ctx *c = p;
	struct arena *a = c->a;
	out_init(c->out, a);	/* a retried transaction starts again */
	struct app *ap = app_load(a, c->number, 0, true);
	if (!ap || !app_mine(c->who->user, ap))
		return refuse(c->out, 404, NULL);
	if (!str_eq(ap->status, "returned"))
		return refuse(c->out, 409, "app.not_returned");
	const struct svc *s = ap->ver->def;
	/* start from what was filed; only flagged fields take the new answers */
	const char *err;
	struct jval *old = json_parse(a, ap->form, strlen(ap->form), &err);
	struct jval *flags = ap->return_fields ? json_parse(a, ap->return_fields, strlen(ap->return_fields), &err) : NULL;
	if (!flags)
		flags = &(struct jval){ .type = J_ARR };	/* nothing flagged: nothing changes */
	struct jval *merged = form_merge(a, &s->form, old, c->answers, flags);
	long *docs = app_docs(a, s, ap->id);
	for (size_t i = 0; i < s->ndocs; i++) {
		const char *field = arena_printf(a, "doc_%s", s->docs[i].code);
		if (!c->doc_ids || !c->doc_ids[i] || c->doc_ids[i] == docs[i] || !form_listed(flags, field))
			continue;
		/* a new choice must be one the filer sees in the locker */
		if (locker_may_use(a, c->who->user, ap->applicant_id, c->doc_ids[i]))
			docs[i] = c->doc_ids[i];
		else
			out_field(c->out, field, "form.err.document", NULL);
	}
	check_docs(a, s, ap->applicant_id, docs, c->out);
	struct form_env env;
	app_form_env(a, c->who->user, ap->applicant_id, &env);
	env.prior = old;
	const char *norm;
	form_check(a, &s->form, merged, &env, c->out, &norm);
	if (c->out->nerrs)
		return refuse(c->out, 422, NULL);
	for (size_t i = 0; i < s->ndocs; i++)
		if (docs[i] && app_doc_set(ap->id, s->docs[i].code, docs[i]) != 0)
			return -1;
	/* back into the same stage's queue at its original position (queued_at kept) */
	if (db_exec("UPDATE applications SET status = 'pending', form = ?, return_remarks = NULL, return_fields = NULL, "
		    "claimed_by = NULL, claimed_until = NULL WHERE id = ?", "si", norm, (long long)ap->id) != 1 ||
	    app_event(c->who, ap, "resubmit", NULL, 0, ap->stage_idx, ap->stage_idx, "pending", NULL, NULL, NULL) != 0 ||
	    stats_status(a, app_stats(ap), "returned", "pending") != 0)
		return -1;
	struct audit_entry e = { .action = "app.resubmit", .entity = "application", .entity_id = ap->number };
	return audit_write(c->who, &e) == 0 ? 0 : -1;
}

int app_resubmit(struct arena *a, const struct actor *who, const char *number, const struct jval *answers, const long *doc_ids,
		 struct outcome *out)
{
	struct resub_ctx c = { a, who, number, answers, doc_ids, out };
	return out_txn(out, resub_txn, &c);
}

/* ---- feedback ---- */

bool app_feedback_open(const struct app *ap, bool rated)
{
	return (str_eq(ap->status, "approved") || str_eq(ap->status, "rejected")) && !rated;
}

struct feedback_ctx {
	struct arena *a;		/* memory */
	const struct actor *who;	/* the applicant or filer */
	const char *number;		/* application */
	long rating;			/* 1..5 */
	const char *comment;		/* or NULL */
	struct outcome *out;		/* problems */
};

static int feedback_txn(void *p)
{
	struct feedback_ctx *c = p;
	struct app *ap = app_load(c->a, c->number, 0, true);
	if (!ap || !app_mine(c->who->user, ap))
		return refuse(c->out, 404, NULL);
	if (!str_eq(ap->status, "approved") && !str_eq(ap->status, "rejected"))
		return refuse(c->out, 409, NULL);
	long long n = db_exec("INSERT IGNORE INTO feedback (app_id, rating, comment) VALUES (?, ?, NULLIF(?, ''))", "iis",
			      (long long)ap->id, (long long)c->rating, c->comment ? c->comment : "");
	if (n < 0)
		return -1;
	if (n == 0)
		return 0;	/* rated before: the first rating stands, and nothing happened to audit */
	struct audit_entry e = { .action = "app.feedback", .entity = "application", .entity_id = ap->number };
	return audit_write(c->who, &e) == 0 ? 0 : -1;
}

int app_feedback(struct arena *a, const struct actor *who, const char *number, long rating, const char *comment,
		 struct outcome *out)
{
	if (!app_mine(who->user, app_load(a, number, 0, false)))
		return out_fail(out, 404, NULL);
	if (rating < 1 || rating > 5)
		return out_fail(out, 400, NULL);
	if (!out_max_len(out, "comment", comment, LIM_FEEDBACK))
		return out_fail(out, 422, NULL);
	struct feedback_ctx c = { a, who, number, rating, comment, out };
	return out_txn(out, feedback_txn, &c);
}
