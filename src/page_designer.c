/*
 * page_designer.c — the service designer's pages: department
 * administrators build and publish services in the browser.  The pages
 * show a service's draft and read each section's form into the typed input
 * of its designer_* function (designer.c), which checks it and saves the
 * change; a refusal comes back as the page again with the problems at the
 * inputs.
 */
#include "pages.h"
#include "apiutil.h"
#include "db.h"
#include "designer.h"
#include "formview.h"
#include "money.h"
#include "svcstore.h"
#include "tmpl.h"
#include "user.h"

#include <stdlib.h>
#include <string.h>

/* The departments this user designs for, as "3,7" for FIND_IN_SET; NULL
 * for a state administrator (all of them). */
static const char *design_depts(struct req *r)
{
	const struct svc_actor *w = designer_actor(r->a, &r->actor);
	if (w->state)
		return NULL;
	const char *set = "0";
	for (size_t i = 0; i < w->ndepts; i++)
		set = arena_printf(r->a, "%s,%ld", set, w->depts[i]);
	return set;
}

/* GET /admin/services — only the services and departments this user may design */
int page_designer_list(struct req *r)
{
	const char *mine = design_depts(r);
	bool all = mine == NULL;
	struct dbres *rows = db_query(r->a,
		"SELECT s.code, IFNULL(p.name_en, d.name_en), IFNULL(p.name_hi, d.name_hi), s.status, IFNULL(p.version, 0), "
		"IFNULL(d.version, 0), dep.code FROM services s JOIN departments dep ON dep.id = s.department_id "
		"LEFT JOIN service_versions p ON p.id = s.published_version_id "
		"LEFT JOIN service_versions d ON d.service_id = s.id AND d.status = 'draft' "
		"WHERE ? OR FIND_IN_SET(s.department_id, ?) ORDER BY s.code", "is", (long long)all, mine ? mine : "");
	if (!rows)
		return 503;
	static const char *const cols[] = { "code", "name_en", "name_hi", "status", "published", "draft", "dept", NULL };
	hset_rows(r, "Rows", rows, cols);
	struct dbres *deps = db_query(r->a, "SELECT code, name_en FROM departments WHERE ? OR FIND_IN_SET(id, ?) ORDER BY name_en",
				      "is", (long long)all, mine ? mine : "");
	static const char *const dcols[] = { "code", "name", NULL };
	hset_rows(r, "Depts", deps, dcols);
	return tmpl_render(r, "designer_list.cs");
}

/* POST /admin/services — a new service with a first draft */
int page_designer_create(struct req *r)
{
	static const char *const keep[] = { "code", "name_en", "name_hi", "dept", NULL };
	form_keep(r, keep);
	const char *code = req_form(r, "code");
	struct outcome out;
	out_init(&out, r->a);
	if (designer_create(r->a, &r->actor, code, req_form(r, "name_en"), req_form(r, "name_hi"), req_form(r, "dept"), &out) == 0) {
		resp_redirect(r, arena_printf(r->a, "/admin/services/%s", code));
		return 0;
	}
	if (out.status != 422)
		return page_outcome(r, &out);
	page_outcome(r, &out);
	r->status = 422;
	return page_designer_list(r);
}

/* Loads the service for a designer page; sets D.* and checks permission. */
static int load(struct req *r, struct svc_ver **out)
{
	const char *code = rp(r, 0);
	struct svc_ver *v = designer_current(r->a, code);
	if (!v)
		return 404;
	int st = designer_may_write(r->a, &r->actor, code, v->def->dept);
	if (st)
		return st;
	hset(r, "D.code", code);
	hset_int(r, "D.version", v->version);
	hset(r, "D.status", v->status);
	hset(r, "D.svc_status", v->svc_status);
	hset(r, "D.name", i18n_get(&v->def->name, r->lang));
	*out = v;
	return 0;
}

/* Lines of a problems buffer into Problems.N */

static void stages_to_hdf(struct req *r, const struct svc *s)
{
	for (size_t i = 0; i < s->nstages; i++) {
		const struct stage *x = &s->stages[i];
		const char *p = arena_printf(r->a, "D.stages.%zu", i);
		hset(r, arena_printf(r->a, "%s.code", p), x->code);
		hset(r, arena_printf(r->a, "%s.name", p), i18n_get(&x->name, r->lang));
		hset(r, arena_printf(r->a, "%s.role", p), x->role < ROLE_COUNT ? tmpl_str(r->lang, arena_printf(r->a, "role.%s", role_code(x->role))) : "");
		hset(r, arena_printf(r->a, "%s.role_code", p), x->role < ROLE_COUNT ? role_code(x->role) : "");
		hset_int(r, arena_printf(r->a, "%s.sla", p), x->sla_days);
		struct sbuf acts;
		sbuf_init(&acts);
		for (int a = 0; a < ACT_COUNT; a++)
			if (x->actions & AB(a)) {
				if (acts.len)
					sbuf_adds(&acts, ", ");
				sbuf_adds(&acts, tmpl_str(r->lang, arena_printf(r->a, "wf.act.%s", action_code((enum wf_action)a))));
				hset(r, arena_printf(r->a, "%s.act.%s", p, action_code((enum wf_action)a)), "1");
			}
		hset(r, arena_printf(r->a, "%s.actions", p), acts.data);
		sbuf_free(&acts);
		if (x->editable)
			hset(r, arena_printf(r->a, "%s.editable", p), "1");
	}
}

static void options_to_hdf(struct req *r)
{
	formview_field_types(r, svc_type_allowed);
	for (int i = ROLE_PSEWAK; i <= ROLE_DEPT_ADMIN; i++) {
		hset(r, arena_printf(r->a, "PRoles.%d.code", i), role_code((enum role)i));
		hset(r, arena_printf(r->a, "PRoles.%d.name", i), tmpl_str(r->lang, arena_printf(r->a, "role.%s", role_code((enum role)i))));
	}
	for (int a = 0; a < ACT_COUNT; a++)
		hset(r, arena_printf(r->a, "Actions.%d", a), action_code((enum wf_action)a));
}

/* The designer's sections in task-list order: each has a page of its own
 * (GET /admin/services/:code/<section>) with one form, and its name in
 * the language file as svc.s_<key>. */
static const struct { const char *sec, *key; } sections[] = {
	{ "general", "general" }, { "fields", "fields" }, { "documents", "docs" }, { "settings", "settings" },
	{ "stages", "stages" }, { "notifications", "notifs" }, { "json", "json" }, { "history", "history" },
};

/* Tasks.N (sec, name, state: done | todo | optional) for the task list:
 * what a service needs before it can be published is "done" once the
 * definition has it; the rest is optional.  The full check is
 * svc_validate's, listed above the list. */
static void tasks_to_hdf(struct req *r, const struct svc *s)
{
	bool general = !str_empty(s->name.en) && !str_empty(s->name.hi) && s->channels;
	bool settings = s->designated >= 0 && s->rtps_days > 0 && !str_empty(s->title.en) && !str_empty(s->title.hi);
	const char *state[ARRAY_LEN(sections)] = {
		general ? "done" : "todo", s->form.nfields ? "done" : "todo", "optional", settings ? "done" : "todo",
		s->nstages ? "done" : "todo", "optional", NULL, NULL,	/* JSON and history: other views, no task */
	};
	for (size_t i = 0; i < ARRAY_LEN(sections); i++) {
		const char *p = arena_printf(r->a, "Tasks.%zu", i);
		hset(r, arena_printf(r->a, "%s.sec", p), sections[i].sec);
		hset(r, arena_printf(r->a, "%s.name", p), tmpl_str(r->lang, arena_printf(r->a, "svc.s_%s", sections[i].key)));
		hset(r, arena_printf(r->a, "%s.hint", p), tmpl_str(r->lang, arena_printf(r->a, "svc.task_hint.%s", sections[i].sec)));
		if (state[i])
			hset(r, arena_printf(r->a, "%s.state", p), state[i]);
	}
	hset_int(r, "D.nfields", (long long)s->form.nfields);
	hset_int(r, "D.ndocs", (long long)s->ndocs);
	hset_int(r, "D.nstages", (long long)s->nstages);
}

/* Section to show (Section, its name in Page.section) when sec names one;
 * false for a name that is not a section. */
static bool section_set(struct req *r, const char *sec)
{
	for (size_t i = 0; i < ARRAY_LEN(sections); i++)
		if (str_eq(sec, sections[i].sec)) {
			hset(r, "Section", sec);
			hset(r, "Page.section", tmpl_str(r->lang, arena_printf(r->a, "svc.s_%s", sections[i].key)));
			return true;
		}
	return false;
}

/* GET /admin/services/:code/:section — one section of the designer, with
 * its one form (the task list links here); /retire asks "Are you sure?" */
int page_designer_section(struct req *r)
{
	if (str_eq(rp(r, 1), "retire")) {
		/* "Are you sure?" with what retiring does; the form posts to
		 * page_designer_retire */
		hset(r, "Section", "retire");
		hset(r, "Page.section", tmpl_str(r->lang, "svc.retire"));
	} else if (!section_set(r, rp(r, 1))) {
		return 404;
	}
	return page_designer(r);
}

/* GET /admin/services/:code — the task list: status, problems, publish,
 * and each section with its state; with Section set (above), that
 * section's page instead */
int page_designer(struct req *r)
{
	struct svc_ver *v;
	int st = load(r, &v);
	if (st)
		return st;
	const struct svc *s = v->def;
	struct sbuf probs;
	sbuf_init(&probs);
	svc_validate(s, &probs);
	hset_lines(r, "Problems", probs.data);
	sbuf_free(&probs);
	tasks_to_hdf(r, s);
	service_to_hdf(r, s, "Svc");
	/* general */
	hset(r, "G.name_en", s->name.en);
	hset(r, "G.name_hi", s->name.hi);
	hset(r, "G.desc_en", s->desc.en);
	hset(r, "G.desc_hi", s->desc.hi);
	hset(r, "G.elig_en", s->elig.en);
	hset(r, "G.elig_hi", s->elig.hi);
	for (int c = 0; c < CH_COUNT; c++)
		if (s->channels & (1u << c))
			hset(r, arena_printf(r->a, "G.ch.%s", channel_code((enum channel)c)), "1");
	/* fields */
	for (size_t i = 0; i < s->form.nfields; i++) {
		const struct field *f = &s->form.fields[i];
		const char *p = arena_printf(r->a, "D.fields.%zu", i);
		hset(r, arena_printf(r->a, "%s.name", p), f->name);
		hset(r, arena_printf(r->a, "%s.type", p), ftype_code(f->type));
		hset(r, arena_printf(r->a, "%s.label", p), i18n_get(&f->label, r->lang));
		if (f->required)
			hset(r, arena_printf(r->a, "%s.required", p), "1");
		if (f->show_field)
			hset(r, arena_printf(r->a, "%s.cond", p), arena_printf(r->a, "%s = %s", f->show_field, f->show_equals));
		for (size_t k = 0; k < s->nprint; k++)
			if (str_eq(s->print[k], f->name))
				hset_int(r, arena_printf(r->a, "%s.print", p), (long long)k + 1);
	}
	for (size_t i = 0; i < s->ndocs; i++) {
		const char *p = arena_printf(r->a, "D.docs.%zu", i);
		hset(r, arena_printf(r->a, "%s.code", p), s->docs[i].code);
		hset(r, arena_printf(r->a, "%s.label_en", p), s->docs[i].label.en);
		hset(r, arena_printf(r->a, "%s.label_hi", p), s->docs[i].label.hi);
		hset_int(r, arena_printf(r->a, "%s.max_kb", p), s->docs[i].max_kb);
		if (s->docs[i].required)
			hset(r, arena_printf(r->a, "%s.required", p), "1");
	}
	stages_to_hdf(r, s);
	/* settings */
	/* in rupees as people type them, paise kept: 30.50 comes back as 30.50 */
	hset(r, "P.fee_gov", money_plain(r->a, s->fee_gov));
	hset(r, "P.fee_csc", money_plain(r->a, s->fee_csc));
	hset(r, "P.fee_tatkal", money_plain(r->a, s->fee_tatkal));
	if (s->free_jsk)
		hset(r, "P.free_jsk", "1");
	hset(r, "P.level", s->level);
	hset(r, "P.route_field", s->route_field);
	hset_int(r, "P.rtps_days", s->rtps_days);
	if (s->tatkal)
		hset(r, "P.tatkal", "1");
	hset_int(r, "P.tatkal_days", s->tatkal_days);
	for (int d = 0; d < 7; d++)
		if (s->weekly_off & (1u << d))
			hset(r, arena_printf(r->a, "P.off.%d", d), "1");
	if (s->designated >= 0)
		hset(r, "P.designated", role_code((enum role)s->designated));
	if (s->appeal1 >= 0)
		hset(r, "P.appeal1", role_code((enum role)s->appeal1));
	if (s->appeal2 >= 0)
		hset(r, "P.appeal2", role_code((enum role)s->appeal2));
	hset(r, "P.title_en", s->title.en);
	hset(r, "P.title_hi", s->title.hi);
	hset_int(r, "P.validity", s->validity_days);
	if (s->signing >= 0)
		hset(r, "P.signing", role_code((enum role)s->signing));
	static const char *const events[] = { "submit", "return", "reject", "approve", "escalate" };
	for (size_t e = 0; e < ARRAY_LEN(events); e++) {
		hset(r, arena_printf(r->a, "N.%zu.event", e), events[e]);
		for (size_t i = 0; i < s->nnotifs; i++)
			if (str_eq(s->notifs[i].event, events[e])) {
				hset(r, arena_printf(r->a, "N.%zu.en", e), s->notifs[i].sms.en);
				hset(r, arena_printf(r->a, "N.%zu.hi", e), s->notifs[i].sms.hi);
				hset(r, arena_printf(r->a, "N.%zu.dlt", e), s->notifs[i].dlt);
				if (s->notifs[i].email)
					hset(r, arena_printf(r->a, "N.%zu.email", e), "1");
			}
	}
	options_to_hdf(r);
	struct dbres *hist = db_query(r->a,
		"SELECT c.version, DATE_FORMAT(c.at, '%Y-%m-%d %H:%i'), IFNULL(u.username, '-'), c.summary FROM service_changes c "
		"JOIN services s ON s.id = c.service_id LEFT JOIN users u ON u.id = c.user_id WHERE s.code = ? "
		"ORDER BY c.id DESC LIMIT 50", "s", rp(r, 0));
	static const char *const hcols[] = { "version", "at", "user", "summary", NULL };
	hset_rows(r, "History", hist, hcols);
	hset_rows_date(r, "History", hist, 1, "at");
	struct sbuf js;
	sbuf_init(&js);
	svc_to_json(s, &js);
	hset(r, "Json", js.data);
	sbuf_free(&js);
	/* the live preview of the citizen form */
	formview_fill(r, &s->form, "Svc.fields", NULL, NULL);
	hset(r, "Page.svcform", "1");
	return tmpl_render(r, "designer.cs");
}

/* After a designer change: back to the section's page, or that page again
 * with the problems at the inputs (422), or the refusal. */
static int after_edit(struct req *r, struct outcome *out, const char *section)
{
	if (!out->status) {
		resp_redirect(r, arena_printf(r->a, "/admin/services/%s/%s", rp(r, 0), section));
		return 0;
	}
	int st = page_outcome(r, out);
	if (st != 422)
		return st;
	section_set(r, section);
	r->status = 422;
	st = page_designer(r);
	r->status = 422;
	return st;
}

/* Values of a multiple choice (ticked boxes), at most max. */
static struct designer_list form_list(struct req *r, const char *name, size_t max)
{
	const char **v = arena_alloc(r->a, max * sizeof *v);
	return (struct designer_list){ v, req_form_all(r, name, v, max) };
}

/* POST /admin/services/:code/general */
int page_designer_general(struct req *r)
{
	struct designer_general in = {
		.name_en = req_form(r, "name_en"), .name_hi = req_form(r, "name_hi"),
		.desc_en = req_form(r, "desc_en"), .desc_hi = req_form(r, "desc_hi"),
		.elig_en = req_form(r, "elig_en"), .elig_hi = req_form(r, "elig_hi"),
		.channels = form_list(r, "channels", 8),
	};
	struct outcome out;
	out_init(&out, r->a);
	designer_general(r->a, &r->actor, rp(r, 0), &in, &out);
	return after_edit(r, &out, "general");
}

/* POST /admin/services/:code/fields */
int page_designer_field_add(struct req *r)
{
	struct field_input in = formview_field_input(r);
	struct outcome out;
	out_init(&out, r->a);
	designer_field_add(r->a, &r->actor, rp(r, 0), &in, &out);
	return after_edit(r, &out, "fields");
}

/* A field change from the request (the field named in the path). */
static struct designer_field_change field_change(struct req *r)
{
	return (struct designer_field_change){ .name = rp(r, 1), .action = req_form(r, "action"),
					       .position = req_form(r, "position"), .props = formview_field_input(r) };
}

/* POST /admin/services/:code/fields/:name — action = save | up | down | delete | print */
int page_designer_field(struct req *r)
{
	struct designer_field_change in = field_change(r);
	struct outcome out;
	out_init(&out, r->a);
	designer_field_change(r->a, &r->actor, rp(r, 0), &in, &out);
	return after_edit(r, &out, "fields");
}

/* GET /admin/services/:code/fields/:name — the full edit form of one field */
int page_designer_field_form(struct req *r)
{
	struct svc_ver *v;
	int st = load(r, &v);
	if (st)
		return st;
	const struct field *f = svc_field(v->def, rp(r, 1));
	if (!f)
		return 404;
	hset(r, "F.name", f->name);
	formview_field_fill(r, f);
	options_to_hdf(r);
	return tmpl_render(r, "designer_field.cs");
}

/* POST variant that re-renders the field page on errors */
int page_designer_field_save(struct req *r)
{
	struct designer_field_change in = field_change(r);
	struct outcome out;
	out_init(&out, r->a);
	if (designer_field_change(r->a, &r->actor, rp(r, 0), &in, &out) == 0) {
		resp_redirect(r, arena_printf(r->a, "/admin/services/%s/fields", rp(r, 0)));
		return 0;
	}
	int st = page_outcome(r, &out);
	if (st != 422)
		return st;
	static const char *const keep[] = { "type", "label_en", "label_hi", "help_en", "help_hi", "required", "min", "max",
					    "min_length", "max_length", "pattern", "min_date", "max_date", "default",
					    "show_field", "show_equals", "options", NULL };
	form_keep(r, keep);
	r->status = 422;
	st = page_designer_field_form(r);
	r->status = 422;
	return st;
}

/* ---- documents, settings, stages, notifications, JSON ---- */

/* POST /admin/services/:code/documents */
int page_designer_docs(struct req *r)
{
	struct designer_doc in = {
		.action = req_form(r, "action"), .doc = req_form(r, "doc"),
		.code = req_form(r, "doc_code"), .label_en = req_form(r, "doc_en"), .label_hi = req_form(r, "doc_hi"),
		.max_kb = req_form(r, "doc_max_kb"), .required = req_form(r, "doc_required") != NULL,
		.types = form_list(r, "doc_types", 4),
	};
	struct outcome out;
	out_init(&out, r->a);
	designer_docs(r->a, &r->actor, rp(r, 0), &in, &out);
	return after_edit(r, &out, "documents");
}

/* POST /admin/services/:code/settings */
int page_designer_settings(struct req *r)
{
	struct designer_settings in = {
		.fee_gov = req_form(r, "fee_gov"), .fee_csc = req_form(r, "fee_csc"), .fee_tatkal = req_form(r, "fee_tatkal"),
		.free_jsk = req_form(r, "free_jsk") != NULL,
		.level = req_form(r, "level"), .route_field = req_form(r, "route_field"), .rtps_days = req_form(r, "rtps_days"),
		.tatkal = req_form(r, "tatkal") != NULL, .tatkal_days = req_form(r, "tatkal_days"),
		.weekly_off = form_list(r, "weekly_off", 8),
		.designated = req_form(r, "designated"), .appeal1 = req_form(r, "appeal1"), .appeal2 = req_form(r, "appeal2"),
		.signing = req_form(r, "signing"),
		.title_en = req_form(r, "title_en"), .title_hi = req_form(r, "title_hi"), .validity = req_form(r, "validity"),
	};
	struct outcome out;
	out_init(&out, r->a);
	designer_settings(r->a, &r->actor, rp(r, 0), &in, &out);
	return after_edit(r, &out, "settings");
}

/* POST /admin/services/:code/stages */
int page_designer_stages(struct req *r)
{
	struct designer_stage in = {
		.action = req_form(r, "action"), .stage = req_form(r, "stage"), .code = req_form(r, "stage_code"),
		.name_en = req_form(r, "stage_en"), .name_hi = req_form(r, "stage_hi"), .role = req_form(r, "stage_role"),
		.sla = req_form(r, "stage_sla"), .actions = form_list(r, "stage_actions", ACT_COUNT + 1),
		.editable = req_form(r, "stage_editable") != NULL,
	};
	struct outcome out;
	out_init(&out, r->a);
	designer_stages(r->a, &r->actor, rp(r, 0), &in, &out);
	return after_edit(r, &out, "stages");
}

/* POST /admin/services/:code/notifications: n_<event>_en, _hi, _dlt, _email */
int page_designer_notifs(struct req *r)
{
	struct designer_notif in[DESIGNER_NEVENTS];
	for (size_t i = 0; i < DESIGNER_NEVENTS; i++) {
		const char *ev = designer_events[i];
		in[i] = (struct designer_notif){
			.en = req_form(r, arena_printf(r->a, "n_%s_en", ev)), .hi = req_form(r, arena_printf(r->a, "n_%s_hi", ev)),
			.dlt = req_form(r, arena_printf(r->a, "n_%s_dlt", ev)),
			.email = req_form(r, arena_printf(r->a, "n_%s_email", ev)) != NULL,
		};
	}
	struct outcome out;
	out_init(&out, r->a);
	designer_notifs(r->a, &r->actor, rp(r, 0), in, &out);
	return after_edit(r, &out, "notifications");
}

/* POST /admin/services/:code/json — the definition as JSON (advanced) */
int page_designer_json(struct req *r)
{
	struct outcome out;
	out_init(&out, r->a);
	designer_json(r->a, &r->actor, rp(r, 0), req_form(r, "definition"), &out);
	return after_edit(r, &out, "json");
}

/* POST /admin/services/:code/publish */
int page_designer_publish(struct req *r)
{
	struct svc_ver *v;
	int st = load(r, &v);
	if (st)
		return st;
	struct outcome out;
	out_init(&out, r->a);
	if (designer_publish(r->a, &r->actor, rp(r, 0), &out) == 0) {
		resp_redirect(r, arena_printf(r->a, "/admin/services/%s?published=1", rp(r, 0)));
		return 0;
	}
	if (out.status != 422)
		return page_outcome(r, &out);
	hset(r, "PublishRefused", "1");	/* the page lists the problems */
	r->status = 422;
	st = page_designer(r);
	r->status = 422;
	return st;
}

/* POST /admin/services/:code/retire */
int page_designer_retire(struct req *r)
{
	struct svc_ver *v;
	int st = load(r, &v);
	if (st)
		return st;
	struct outcome out;
	out_init(&out, r->a);
	if (designer_retire(r->a, &r->actor, rp(r, 0), &out) != 0)
		return page_outcome(r, &out);
	resp_redirect(r, arena_printf(r->a, "/admin/services/%s", rp(r, 0)));
	return 0;
}

/* GET /admin/services/:code/export[?version=N] */
int page_designer_export(struct req *r)
{
	struct svc_ver *v;
	int st = load(r, &v);
	if (st)
		return st;
	const char *ver = req_query(r, "version");
	long n;
	if (ver) {
		if (!parse_long(ver, 1, 100000, &n))
			return 400;
		const char *id = db_scalar(r->a, "SELECT v.id FROM service_versions v JOIN services s ON s.id = v.service_id "
						 "WHERE s.code = ? AND v.version = ?", "si", rp(r, 0), (long long)n);
		if (!id || !(v = svcstore_version(r->a, strtol(id, NULL, 10))))
			return 404;
	}
	struct sbuf b;
	sbuf_init(&b);
	svc_to_json(v->def, &b);
	resp_bytes(r, "application/json; charset=utf-8", b.data, b.len,
		   arena_printf(r->a, "%s-v%ld.json", v->def->code, v->version));
	sbuf_free(&b);
	return 0;
}

/* POST /admin/services/import (multipart: file, publish) */
int page_designer_import(struct req *r)
{
	const struct upload *u = req_upload(r, "file");
	struct sbuf probs;
	sbuf_init(&probs);
	struct outcome out;
	out_init(&out, r->a);
	if (!u || u->len == 0) {
		sbuf_adds(&probs, "choose a JSON file\n");
		out_fail(&out, 422, NULL);
	} else if (u->len > 1024 * 1024) {
		sbuf_free(&probs);
		return 413;
	} else if (designer_import(r->a, &r->actor, NULL, (const char *)u->data, u->len, req_form(r, "publish") != NULL,
				   &probs, &out) == 0) {
		sbuf_free(&probs);
		resp_redirect(r, "/admin/services?imported=1");
		return 0;
	}
	if (out.status == 503) {
		sbuf_free(&probs);
		return 503;
	}
	/* refused (422) or not this user's to import (403): the list with the reasons */
	hset_lines(r, "Problems", probs.data);
	hset(r, "ImportRefused", "1");
	sbuf_free(&probs);
	r->status = out.status;
	int st = page_designer_list(r);
	r->status = out.status;
	return st;
}

/* GET /admin/services/:code/preview — the citizen form as it will look */
int page_designer_preview(struct req *r)
{
	struct svc_ver *v;
	int st = load(r, &v);
	if (st)
		return st;
	service_to_hdf(r, v->def, "Svc");
	formview_fill(r, &v->def->form, "Svc.fields", NULL, NULL);
	hset(r, "Preview", "1");
	hset(r, "Page.svcform", "1");
	return tmpl_render(r, "apply.cs");
}
