/*
 * designer.c — the service designer's rules and writes (see designer.h).
 * Each change is a function that checks its inputs against the draft's
 * definition and applies them (apply_*); edit() runs one in a transaction
 * with the ownership rule, the save, the change line and the audit row.
 */
#include "designer.h"
#include "fieldedit.h"
#include "audit.h"
#include "db.h"
#include "money.h"
#include "user.h"

#include <stdlib.h>
#include <string.h>

const char *const designer_events[DESIGNER_NEVENTS] = { "submit", "return", "reject", "approve", "escalate" };

const struct svc_actor *designer_actor(struct arena *a, const struct actor *who)
{
	const struct user *u = who->user;
	struct svc_actor *w = arena_alloc(a, sizeof *w);
	long *d = arena_alloc(a, ((u ? u->nh : 0) + 1) * sizeof *d);
	w->state = u && user_has(u, ROLE_STATE_ADMIN);
	for (size_t i = 0; u && i < u->nh; i++)
		if (u->h[i].role == ROLE_DEPT_ADMIN)
			d[w->ndepts++] = u->h[i].department_id;
	w->depts = d;
	return w;
}

struct svc_ver *designer_current(struct arena *a, const char *code)
{
	const char *id = db_scalar(a, "SELECT v.id FROM service_versions v JOIN services s ON s.id = v.service_id "
				      "WHERE s.code = ? ORDER BY (v.status = 'draft') DESC, v.version DESC LIMIT 1", "s", code);
	return id ? svcstore_version(a, strtol(id, NULL, 10)) : NULL;
}

int designer_may_write(struct arena *a, const struct actor *who, const char *code, const char *dept)
{
	struct sbuf why;
	sbuf_init(&why);
	int rc = svcstore_may_write(a, designer_actor(a, who), code, dept, &why);
	sbuf_free(&why);
	return rc == 0 ? 0 : rc > 0 ? 403 : 503;
}

static int audit_svc(const struct actor *who, const char *action, const char *code, const char *remarks)
{
	/* the command line (no user) acts in no role */
	const char *role = !who->user ? NULL : user_has(who->user, ROLE_STATE_ADMIN) ? "state_admin" : "dept_admin";
	struct audit_entry e = { .action = action, .entity = "service", .entity_id = code, .role = role, .remarks = remarks };
	return audit_write(who, &e);
}

/* ---- reading typed values ---- */

/* The editor's input rules (fieldedit.h), for the designer's other inputs. */
static const char *text(struct arena *a, struct outcome *out, const char *field, const char *v, size_t max, bool required)
{
	return fieldedit_text(a, out, field, v, max, required);
}

static bool number(struct outcome *out, const char *field, const char *v, long min, long max, long *n)
{
	return fieldedit_number(out, field, v, min, max, n);
}

/* A fee in rupees as typed ("30", "30.50", "₹1,234.50"): 0 to ₹1,00,000,
 * kept in paise; empty means 0. */
static void fee(struct outcome *out, const char *field, const char *v, long *paise)
{
	long long p = 0;
	if (!str_empty(v) && (!money_parse(v, false, &p) || p > 10000000)) {
		out_field(out, field, "svc.fee_bad", NULL);
		return;
	}
	*paise = (long)p;
}

/* A role by code; -1 when none was chosen (a problem when required). */
static int role(struct outcome *out, const char *field, const char *v, bool required)
{
	if (str_empty(v)) {
		if (required)
			out_field(out, field, "svc.role_bad", NULL);
		return -1;
	}
	int r = role_from_code(v);
	if (r < 0)
		out_field(out, field, "svc.role_bad", NULL);
	return r;
}

/* A copy of the n items of size bytes at old, with room for one more at
 * the end (arena memory): definitions are arena data, never grown in place. */
static void *one_more(struct arena *a, const void *old, size_t n, size_t size)
{
	void *p = arena_alloc(a, (n + 1) * size);
	if (n)
		memcpy(p, old, n * size);
	return p;
}

/* ---- one change to the draft, in one transaction ---- */

/* Applies in to the draft's definition s: 0, or a status with the
 * problems in out; may set a more precise change line. */
typedef int (*apply_fn)(struct arena *a, struct svc *s, const void *in, struct outcome *out, const char **summary);

struct edit {
	struct arena *a;		/* memory */
	const struct actor *who;	/* the designer */
	const char *code;		/* service */
	const char *summary;		/* change line */
	apply_fn apply;			/* the change */
	const void *in;			/* its input */
	struct outcome *out;		/* problems */
	int result;			/* status */
};

static int edit_txn(void *p)
{
	struct edit *e = p;
	struct svc_ver *v = svcstore_draft(e->a, e->code, actor_id(e->who));
	if (!v)
		return -1;
	e->result = designer_may_write(e->a, e->who, e->code, v->def->dept);
	if (!e->result) {
		e->result = e->apply(e->a, v->def, e->in, e->out, &e->summary);
		/* the JSON editor may name another department: the same rule */
		if (!e->result)
			e->result = designer_may_write(e->a, e->who, e->code, v->def->dept);
	}
	if (e->result == 503)
		return -1;
	if (e->result)
		return 1;
	if (svcstore_save(v, actor_id(e->who), e->summary) != 0 || audit_svc(e->who, "service.edit", e->code, e->summary) != 0)
		return -1;
	return 0;
}

/* Runs one change of service code's draft.  0 or a status (also in out). */
static int edit(struct arena *a, const struct actor *who, const char *code, const char *summary, apply_fn apply,
		const void *in, struct outcome *out)
{
	if (!designer_current(a, code))
		return out_fail(out, 404, NULL);
	struct edit e = { .a = a, .who = who, .code = code, .summary = summary, .apply = apply, .in = in, .out = out };
	if (db_txn(edit_txn, &e) == 0)
		return 0;
	return out_fail(out, e.result ? e.result : 503, NULL);
}

/* ---- general ---- */

static int apply_general(struct arena *a, struct svc *s, const void *p, struct outcome *out, const char **summary)
{
	const struct designer_general *in = p;
	(void)summary;
	s->name.en = text(a, out, "name_en", in->name_en, 200, true);
	s->name.hi = text(a, out, "name_hi", in->name_hi, 200, true);
	s->desc.en = text(a, out, "desc_en", in->desc_en, 2000, false);
	s->desc.hi = text(a, out, "desc_hi", in->desc_hi, 2000, false);
	s->elig.en = text(a, out, "elig_en", in->elig_en, 2000, false);
	s->elig.hi = text(a, out, "elig_hi", in->elig_hi, 2000, false);
	s->channels = 0;
	for (size_t i = 0; i < in->channels.n; i++) {
		int c = channel_from(in->channels.v[i]);
		if (c >= 0)
			s->channels |= 1u << c;
	}
	if (!s->channels)
		out_field(out, "channels", "svc.channels_none", NULL);
	return out->nerrs ? 422 : 0;
}

int designer_general(struct arena *a, const struct actor *who, const char *code, const struct designer_general *in,
		     struct outcome *out)
{
	return edit(a, who, code, "general details changed", apply_general, in, out);
}

/* ---- fields ---- */

static int apply_field_add(struct arena *a, struct svc *s, const void *p, struct outcome *out, const char **summary)
{
	const struct field_input *in = p;
	int rc = fieldedit_add(a, &s->form, in, svc_type_allowed, out);
	if (!rc)
		*summary = arena_printf(a, "field '%s' added", s->form.fields[s->form.nfields - 1].name);
	return rc;
}

int designer_field_add(struct arena *a, const struct actor *who, const char *code, const struct field_input *in,
		       struct outcome *out)
{
	return edit(a, who, code, "field added", apply_field_add, in, out);
}

static int apply_field_change(struct arena *a, struct svc *s, const void *p, struct outcome *out, const char **summary)
{
	const struct designer_field_change *in = p;
	const char *name = in->name, *action = in->action;
	const struct field *found = svc_field(s, name);
	if (!found)
		return 404;
	if (str_eq(action, "print")) {
		long pos;
		if (!number(out, "position", in->position, 0, 50, &pos))
			return 422;
		const char **np = arena_alloc(a, (s->nprint + 2) * sizeof *np);
		size_t k = 0;
		for (size_t q = 0; q < s->nprint; q++)
			if (!str_eq(s->print[q], name))
				np[k++] = s->print[q];
		if (pos > 0) {
			size_t at = (size_t)pos - 1 > k ? k : (size_t)pos - 1;
			memmove(&np[at + 1], &np[at], (k - at) * sizeof *np);
			np[at] = found->name;
			k++;
		}
		s->print = np;
		s->nprint = k;
	} else {
		int rc = fieldedit_change(a, &s->form, name, action, &in->props, svc_type_allowed, out);
		if (rc)
			return rc;
		if (str_eq(action, "delete")) {	/* a deleted field is no longer printed */
			size_t k = 0;
			for (size_t q = 0; q < s->nprint; q++)
				if (!str_eq(s->print[q], name))
					s->print[k++] = s->print[q];
			s->nprint = k;
		}
	}
	*summary = arena_printf(a, "field '%s': %s", name, action ? action : "?");
	return 0;
}

int designer_field_change(struct arena *a, const struct actor *who, const char *code,
			  const struct designer_field_change *in, struct outcome *out)
{
	return edit(a, who, code, "field changed", apply_field_change, in, out);
}

/* ---- documents ---- */

static int apply_docs(struct arena *a, struct svc *s, const void *p, struct outcome *out, const char **summary)
{
	const struct designer_doc *in = p;
	if (str_eq(in->action, "delete")) {
		size_t k = 0;
		for (size_t i = 0; i < s->ndocs; i++)
			if (!str_eq(s->docs[i].code, in->doc))
				s->docs[k++] = s->docs[i];
		if (k == s->ndocs)
			return 404;
		s->ndocs = k;
		*summary = arena_printf(a, "document '%s' removed", in->doc);
		return 0;
	}
	struct docreq d = { 0 };
	d.code = text(a, out, "doc_code", in->code, 40, true);
	if (d.code && !fieldedit_ident(d.code))
		out_field(out, "doc_code", "svc.ident_bad", NULL);
	d.label.en = text(a, out, "doc_en", in->label_en, 200, true);
	d.label.hi = text(a, out, "doc_hi", in->label_hi, 200, true);
	d.required = in->required;
	number(out, "doc_max_kb", in->max_kb, 10, 10240, &d.max_kb);
	if (!d.max_kb)
		d.max_kb = 2048;
	for (size_t i = 0; i < in->types.n; i++) {
		const char *t = in->types.v[i];
		d.types |= str_eq(t, "pdf") ? DOC_PDF : str_eq(t, "jpeg") ? DOC_JPEG : str_eq(t, "png") ? DOC_PNG : 0;
	}
	if (!d.types)
		out_field(out, "doc_types", "svc.types_none", NULL);
	for (size_t i = 0; d.code && i < s->ndocs; i++)
		if (str_eq(s->docs[i].code, d.code))
			out_field(out, "doc_code", "svc.name_taken", NULL);
	if (out->nerrs)
		return 422;
	struct docreq *nd = one_more(a, s->docs, s->ndocs, sizeof *nd);
	nd[s->ndocs++] = d;
	s->docs = nd;
	*summary = arena_printf(a, "document '%s' added", d.code);
	return 0;
}

int designer_docs(struct arena *a, const struct actor *who, const char *code, const struct designer_doc *in,
		  struct outcome *out)
{
	return edit(a, who, code, "documents changed", apply_docs, in, out);
}

/* ---- fees, processing and output settings ---- */

static int apply_settings(struct arena *a, struct svc *s, const void *p, struct outcome *out, const char **summary)
{
	const struct designer_settings *in = p;
	(void)summary;
	long v;
	fee(out, "fee_gov", in->fee_gov, &s->fee_gov);
	fee(out, "fee_csc", in->fee_csc, &s->fee_csc);
	fee(out, "fee_tatkal", in->fee_tatkal, &s->fee_tatkal);
	s->free_jsk = in->free_jsk;
	static const char *const levels[] = { "panchayat", "circle", "block", "subdivision", "district", "hq" };
	bool ok = false;
	for (size_t i = 0; i < ARRAY_LEN(levels); i++)
		if (str_eq(in->level, levels[i])) {
			s->level = levels[i];
			ok = true;
		}
	if (!ok)
		out_field(out, "level", "svc.level_bad", NULL);
	const char *rf = text(a, out, "route_field", in->route_field, 40, false);
	if (rf)
		s->route_field = rf;
	if (number(out, "rtps_days", in->rtps_days, 1, 365, &v))
		s->rtps_days = v;
	s->tatkal = in->tatkal;
	if (number(out, "tatkal_days", in->tatkal_days, 0, 365, &v))
		s->tatkal_days = v;
	s->weekly_off = 0;
	for (size_t i = 0; i < in->weekly_off.n; i++) {
		long d;
		if (parse_long(in->weekly_off.v[i], 0, 6, &d))
			s->weekly_off |= 1u << d;
	}
	s->designated = role(out, "designated", in->designated, true);
	s->appeal1 = role(out, "appeal1", in->appeal1, true);
	s->appeal2 = role(out, "appeal2", in->appeal2, false);
	s->title.en = text(a, out, "title_en", in->title_en, 200, true);
	s->title.hi = text(a, out, "title_hi", in->title_hi, 200, true);
	if (number(out, "validity", in->validity, 0, 36500, &v))
		s->validity_days = v;
	s->signing = role(out, "signing", in->signing, true);
	return out->nerrs ? 422 : 0;
}

int designer_settings(struct arena *a, const struct actor *who, const char *code, const struct designer_settings *in,
		      struct outcome *out)
{
	return edit(a, who, code, "fees, processing or output changed", apply_settings, in, out);
}

/* ---- workflow stages ---- */

static int apply_stages(struct arena *a, struct svc *s, const void *p, struct outcome *out, const char **summary)
{
	const struct designer_stage *in = p;
	const char *action = in->action, *code = in->stage;
	int i = -1;
	for (size_t k = 0; code && k < s->nstages; k++)
		if (str_eq(s->stages[k].code, code))
			i = (int)k;
	if (str_eq(action, "up") || str_eq(action, "down") || str_eq(action, "delete")) {
		if (i < 0)
			return 404;
		if (str_eq(action, "delete")) {
			memmove(&s->stages[i], &s->stages[i + 1], (s->nstages - (size_t)i - 1) * sizeof *s->stages);
			s->nstages--;
		} else {
			int j = str_eq(action, "up") ? i - 1 : i + 1;
			if (j >= 0 && (size_t)j < s->nstages) {
				struct stage t = s->stages[i];
				s->stages[i] = s->stages[j];
				s->stages[j] = t;
			}
		}
		*summary = arena_printf(a, "stage '%s': %s", code, action);
		return 0;
	}
	/* add or save */
	struct stage x = i >= 0 ? s->stages[i] : (struct stage){ 0 };
	if (i < 0) {
		x.code = text(a, out, "stage_code", in->code, 30, true);
		if (x.code && !fieldedit_ident(x.code))
			out_field(out, "stage_code", "svc.ident_bad", NULL);
		for (size_t k = 0; x.code && k < s->nstages; k++)
			if (str_eq(s->stages[k].code, x.code))
				out_field(out, "stage_code", "svc.name_taken", NULL);
	}
	x.name.en = text(a, out, "stage_en", in->name_en, 200, true);
	x.name.hi = text(a, out, "stage_hi", in->name_hi, 200, true);
	int r = role(out, "stage_role", in->role, true);
	x.role = r < 0 ? ROLE_COUNT : (enum role)r;
	if (r >= 0 && !level_role_level(x.role))
		out_field(out, "stage_role", "svc.role_player", NULL);
	x.actions = 0;
	for (size_t k = 0; k < in->actions.n; k++) {
		int act = action_from(in->actions.v[k]);
		if (act >= 0)
			x.actions |= AB(act);
	}
	if (!x.actions)
		out_field(out, "stage_actions", "svc.actions_none", NULL);
	x.editable = in->editable;
	long sla;
	if (number(out, "stage_sla", in->sla, 1, 365, &sla))
		x.sla_days = sla;
	if (!x.sla_days)
		out_field(out, "stage_sla", "svc.number_bad", NULL);
	if (out->nerrs)
		return 422;
	if (i >= 0) {
		s->stages[i] = x;
	} else {
		struct stage *ns = one_more(a, s->stages, s->nstages, sizeof *ns);
		ns[s->nstages++] = x;
		s->stages = ns;
	}
	*summary = arena_printf(a, "stage '%s' %s", x.code, i >= 0 ? "changed" : "added");
	return 0;
}

int designer_stages(struct arena *a, const struct actor *who, const char *code, const struct designer_stage *in,
		    struct outcome *out)
{
	return edit(a, who, code, "workflow changed", apply_stages, in, out);
}

/* ---- notifications ---- */

static int apply_notifs(struct arena *a, struct svc *s, const void *p, struct outcome *out, const char **summary)
{
	const struct designer_notif *in = p;
	(void)summary;
	struct notif *nn = arena_alloc(a, DESIGNER_NEVENTS * sizeof *nn);
	size_t n = 0;
	for (size_t i = 0; i < DESIGNER_NEVENTS; i++) {
		const char *ev = designer_events[i];
		const char *f_en = arena_printf(a, "n_%s_en", ev);
		const char *en = text(a, out, f_en, in[i].en, 500, false);
		const char *hi = text(a, out, arena_printf(a, "n_%s_hi", ev), in[i].hi, 500, false);
		const char *dlt = text(a, out, arena_printf(a, "n_%s_dlt", ev), in[i].dlt, 25, false);
		if (!en && !hi && !dlt)
			continue;
		if (!en || !hi)
			out_field(out, f_en, "svc.both_langs", NULL);
		if (!str_digits(dlt, 10, 25))
			out_field(out, arena_printf(a, "n_%s_dlt", ev), "svc.dlt_bad", NULL);
		nn[n++] = (struct notif){ .event = ev, .sms = { en, hi }, .dlt = dlt, .email = in[i].email };
	}
	if (out->nerrs)
		return 422;
	s->notifs = nn;
	s->nnotifs = n;
	return 0;
}

int designer_notifs(struct arena *a, const struct actor *who, const char *code,
		    const struct designer_notif in[DESIGNER_NEVENTS], struct outcome *out)
{
	return edit(a, who, code, "notifications changed", apply_notifs, in, out);
}

/* ---- the whole definition as JSON ---- */

static int apply_json(struct arena *a, struct svc *s, const void *p, struct outcome *out, const char **summary)
{
	const char *text_in = p;
	(void)summary;
	const char *err = NULL;
	struct jval *j = text_in ? json_parse(a, text_in, strlen(text_in), &err) : NULL;
	struct sbuf probs;
	sbuf_init(&probs);
	struct svc *ns = j ? svc_from_json(a, j, &probs) : NULL;
	if (!j)
		sbuf_printf(&probs, "not valid JSON: %s\n", err ? err : "empty");
	else if (ns && !str_eq(ns->code, s->code))
		sbuf_adds(&probs, "the code cannot be changed here\n");
	if (!ns || probs.len) {
		/* the definition checker's own words (svc_from_json) */
		out_field(out, "definition", "svc.definition_bad", arena_strdup(a, probs.data ? probs.data : ""));
		sbuf_free(&probs);
		return 422;
	}
	sbuf_free(&probs);
	*s = *ns;
	return 0;
}

int designer_json(struct arena *a, const struct actor *who, const char *code, const char *definition,
		  struct outcome *out)
{
	return edit(a, who, code, "definition edited as JSON", apply_json, definition, out);
}

/* ---- create, publish, retire, import ---- */

/* designer_create's transaction. */
struct create_ctx {
	struct arena *a;		/* memory */
	const struct actor *who;	/* the designer */
	struct svc *def;		/* the new service */
	struct sbuf probs;		/* svcstore_create's refusal */
	int rc;				/* its answer */
};

static int create_txn(void *p)
{
	struct create_ctx *c = p;
	sbuf_reset(&c->probs);
	c->rc = svcstore_create(c->a, c->def, actor_id(c->who), &c->probs);
	if (c->rc)
		return c->rc < 0 ? -1 : 1;
	return audit_svc(c->who, "service.create", c->def->code, NULL);
}

int designer_create(struct arena *a, const struct actor *who, const char *code, const char *name_en, const char *name_hi,
		    const char *dept, struct outcome *out)
{
	if (!code || strlen(code) < 2 || strlen(code) > 10 || strspn(code, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") != strlen(code))
		out_field(out, "code", "svc.code_bad", NULL);
	if (str_empty(name_en) || utf8_chars(name_en) > 200)
		out_field(out, "name_en", "svc.name_bad", NULL);
	if (str_empty(name_hi) || utf8_chars(name_hi) > 200)
		out_field(out, "name_hi", "svc.name_bad", NULL);
	if (!svcstore_dept(a, dept))
		out_field(out, "dept", "svc.dept_bad", NULL);
	else if (!svcstore_actor_has(designer_actor(a, who), svcstore_dept(a, dept)))
		return out_fail(out, 403, NULL);
	if (out->nerrs)
		return out->status;
	struct create_ctx c = { .a = a, .who = who, .def = svc_new(a, code, name_en, name_hi, dept) };
	sbuf_init(&c.probs);
	int rc = db_txn(create_txn, &c);
	if (rc > 0)
		out_field(out, "code", "svc.definition_bad", arena_strdup(a, c.probs.data ? c.probs.data : ""));
	else if (rc != 0)
		out_fail(out, 503, NULL);
	sbuf_free(&c.probs);
	return rc ? out->status : 0;
}

/* designer_publish's and designer_retire's transaction. */
struct whole_ctx {
	struct arena *a;		/* memory */
	const struct actor *who;	/* the designer */
	const char *code;		/* the service */
	bool publish;			/* publish, else retire */
	int status;			/* a refusal: 403, 422 */
};

static int whole_txn(void *p)
{
	struct whole_ctx *c = p;
	struct svc_ver *v = designer_current(c->a, c->code);
	if (!v)
		return -1;
	c->status = designer_may_write(c->a, c->who, c->code, v->def->dept);
	if (c->status)
		return c->status == 503 ? -1 : 1;
	if (c->publish) {
		struct sbuf probs;
		sbuf_init(&probs);
		int rc = svcstore_publish(c->a, c->code, actor_id(c->who), &probs);
		sbuf_free(&probs);
		if (rc) {
			c->status = 422;	/* the designer page lists the problems */
			return rc < 0 ? -1 : 1;
		}
	} else if (svcstore_retire(c->code, actor_id(c->who)) != 0) {
		return -1;
	}
	return audit_svc(c->who, c->publish ? "service.publish" : "service.retire", c->code, NULL);
}

/* Publishes or retires a whole service.  0 or a status (also in out). */
static int whole(struct arena *a, const struct actor *who, const char *code, bool publish, struct outcome *out)
{
	if (!designer_current(a, code))
		return out_fail(out, 404, NULL);
	struct whole_ctx c = { .a = a, .who = who, .code = code, .publish = publish };
	int rc = db_txn(whole_txn, &c);
	if (rc == 0)
		return 0;
	return out_fail(out, rc > 0 && c.status ? c.status : 503, NULL);
}

int designer_publish(struct arena *a, const struct actor *who, const char *code, struct outcome *out)
{
	return whole(a, who, code, true, out);
}

int designer_retire(struct arena *a, const struct actor *who, const char *code, struct outcome *out)
{
	return whole(a, who, code, false, out);
}

/* designer_import's transaction. */
struct imp {
	struct arena *a;		/* memory */
	const struct actor *who;	/* the designer */
	const struct svc_actor *as;	/* whose services it may write */
	const char *text;		/* JSON */
	size_t len;			/* bytes */
	bool publish;			/* publish after import */
	struct sbuf *probs;		/* problems */
	int rc;				/* svcstore_import's answer */
};

static int import_txn(void *p)
{
	struct imp *x = p;
	sbuf_reset(x->probs);
	/* permission: the department that owns the code (svcstore_may_write) */
	x->rc = svcstore_import(x->a, x->text, x->len, x->publish, actor_id(x->who), x->as, x->probs);
	if (x->rc != 0)
		return x->rc < 0 ? -1 : 1;	/* 1: refused (x->rc 1 or 2) */
	struct jval *j = json_parse(x->a, x->text, x->len, NULL);
	return audit_svc(x->who, "service.import", json_get_str(j, "code"),
			 arena_printf(x->a, "%s%s", x->publish ? "published" : "draft", x->who->user ? "" : " (command line)"));
}

int designer_import(struct arena *a, const struct actor *who, const struct svc_actor *as, const char *json, size_t len,
		    bool publish, struct sbuf *probs, struct outcome *out)
{
	struct imp x = { .a = a, .who = who, .as = as ? as : designer_actor(a, who), .text = json, .len = len,
			 .publish = publish, .probs = probs };
	int rc = db_txn(import_txn, &x);
	if (rc == 0)
		return 0;
	return out_fail(out, rc < 0 ? 503 : x.rc == 2 ? 403 : 422, NULL);
}
