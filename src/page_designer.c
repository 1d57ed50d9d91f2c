/*
 * page_designer.c — the service designer: department administrators build
 * and publish services in the browser.  Every change edits the service's
 * draft version (made from the published one on the first change), is
 * saved whole in one transaction with a change line and an audit row, and
 * goes live only when "Publish" finds no structural problems.
 */
#include "pages.h"
#include "apiutil.h"
#include "audit.h"
#include "db.h"
#include "formview.h"
#include "svcstore.h"
#include "tmpl.h"
#include "user.h"

#include <stdlib.h>
#include <string.h>

/* The user as a service designer: a state administrator, or the
 * departments they administer today (arena memory). */
static const struct svc_actor *designer(struct req *r)
{
	struct svc_actor *w = arena_alloc(r->a, sizeof *w);
	long *d = arena_alloc(r->a, (r->user->nh + 1) * sizeof *d);
	w->state = user_has(r->user, ROLE_STATE_ADMIN);
	for (size_t i = 0; i < r->user->nh; i++)
		if (r->user->h[i].role == ROLE_DEPT_ADMIN)
			d[w->ndepts++] = r->user->h[i].department_id;
	w->depts = d;
	return w;
}

/* May this user design services of department dept (code)? */
static bool may_design(struct req *r, const char *dept)
{
	return svcstore_actor_has(designer(r), svcstore_dept(r->a, dept));
}

/* May this user write service code's definition naming department dept
 * (the ownership rule of svcstore_may_write)?  0, 403, or 503. */
static int may_write(struct req *r, const char *code, const char *dept, struct sbuf *why)
{
	int rc = svcstore_may_write(r->a, designer(r), code, dept, why);
	return rc == 0 ? 0 : rc > 0 ? 403 : 503;
}

/* The version to show: the draft if there is one, else the published one. */
static struct svc_ver *current(struct req *r, const char *code)
{
	const char *id = db_scalar(r->a, "SELECT v.id FROM service_versions v JOIN services s ON s.id = v.service_id "
					 "WHERE s.code = ? ORDER BY (v.status = 'draft') DESC, v.version DESC LIMIT 1", "s", code);
	return id ? svcstore_version(r->a, strtol(id, NULL, 10)) : NULL;
}

/* The departments this user designs for, as "3,7" for FIND_IN_SET; NULL
 * for a state administrator (all of them). */
static const char *design_depts(struct req *r)
{
	const struct svc_actor *w = designer(r);
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

static int audit_svc(struct req *r, const char *action, const char *code, const char *remarks)
{
	struct audit_entry e = { .action = action, .entity = "service", .entity_id = code,
				 .role = user_has(r->user, ROLE_STATE_ADMIN) ? "state_admin" : "dept_admin", .remarks = remarks };
	return audit_write(req_actor(r), &e);
}

/* POST /admin/services — a new service with a first draft */
int page_designer_create(struct req *r)
{
	const char *code = req_form(r, "code"), *en = req_form(r, "name_en"), *hi = req_form(r, "name_hi");
	const char *dept = req_form(r, "dept");
	static const char *const keep[] = { "code", "name_en", "name_hi", "dept", NULL };
	form_keep(r, keep);
	if (!code || strlen(code) < 2 || strlen(code) > 10 || strspn(code, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") != strlen(code))
		form_error(r, "code", "svc.code_bad");
	if (str_empty(en) || utf8_chars(en) > 200)
		form_error(r, "name_en", "svc.name_bad");
	if (str_empty(hi) || utf8_chars(hi) > 200)
		form_error(r, "name_hi", "svc.name_bad");
	if (!svcstore_dept(r->a, dept))
		form_error(r, "dept", "svc.dept_bad");
	else if (!may_design(r, dept))
		return 403;
	if (form_has_errors(r)) {
		r->status = 422;
		return page_designer_list(r);
	}
	struct svc *s = svc_new(r->a, code, en, hi, dept);
	struct sbuf probs;
	sbuf_init(&probs);
	if (db_begin() != 0) {
		sbuf_free(&probs);
		return 503;
	}
	int rc = svcstore_create(r->a, s, r->user->id, &probs);
	if (rc == 0 && audit_svc(r, "service.create", code, NULL) == 0 && db_commit() == 0) {
		sbuf_free(&probs);
		resp_redirect(r, arena_printf(r->a, "/admin/services/%s", code));
		return 0;
	}
	db_rollback();
	if (rc == 1) {
		hset(r, "Form.err.code", probs.data);
		hset(r, "Form.has_errors", "1");
		sbuf_free(&probs);
		r->status = 422;
		return page_designer_list(r);
	}
	sbuf_free(&probs);
	return 503;
}

/* Loads the service for a designer page; sets D.* and checks permission. */
static int load(struct req *r, struct svc_ver **out)
{
	const char *code = rp(r, 0);
	struct svc_ver *v = current(r, code);
	if (!v)
		return 404;
	struct sbuf why;
	sbuf_init(&why);
	int st = may_write(r, code, v->def->dept, &why);
	sbuf_free(&why);
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
static void problems_to_hdf(struct req *r, const char *text)
{
	size_t k = 0;
	for (const char *p = text; p && *p;) {
		const char *e = strchr(p, '\n');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		if (n)
			hset(r, arena_printf(r->a, "Problems.%zu", k++), arena_strndup(r->a, p, n));
		p = e ? e + 1 : p + n;
	}
}

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
	for (int i = 0; i < FT_COUNT; i++)
		hset(r, arena_printf(r->a, "Types.%d", i), ftype_code((enum ftype)i));
	for (int i = ROLE_PSEWAK; i <= ROLE_DEPT_ADMIN; i++) {
		hset(r, arena_printf(r->a, "PRoles.%d.code", i), role_code((enum role)i));
		hset(r, arena_printf(r->a, "PRoles.%d.name", i), tmpl_str(r->lang, arena_printf(r->a, "role.%s", role_code((enum role)i))));
	}
	for (int a = 0; a < ACT_COUNT; a++)
		hset(r, arena_printf(r->a, "Actions.%d", a), action_code((enum wf_action)a));
}

/* GET /admin/services/:code — the overview and every section's form */
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
	problems_to_hdf(r, probs.data);
	sbuf_free(&probs);
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
	for (size_t i = 0; i < s->nfields; i++) {
		const struct field *f = &s->fields[i];
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
	hset_int(r, "P.fee_gov", s->fee_gov / 100);
	hset_int(r, "P.fee_csc", s->fee_csc / 100);
	hset_int(r, "P.fee_tatkal", s->fee_tatkal / 100);
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
	struct sbuf js;
	sbuf_init(&js);
	svc_to_json(s, &js);
	hset(r, "Json", js.data);
	sbuf_free(&js);
	/* the live preview of the citizen form */
	formview_fill(r, s, NULL, NULL);
	hset(r, "Page.svcform", "1");
	return tmpl_render(r, "designer.cs");
}

struct edit {
	struct req *r;		/* request */
	const char *code;	/* service */
	const char *summary;	/* change line */
	/* applies the change to the draft; returns 0, or 422 with Form.err set */
	int (*apply)(struct edit *e, struct svc *s);
	int result;		/* status from apply */
};

static int edit_txn(void *p)
{
	struct edit *e = p;
	struct svc_ver *v = svcstore_draft(e->r->a, e->code, e->r->user->id);
	if (!v)
		return -1;
	struct sbuf why;
	sbuf_init(&why);
	e->result = may_write(e->r, e->code, v->def->dept, &why);
	if (!e->result) {
		e->result = e->apply(e, v->def);
		/* the JSON editor may name another department: the same rule */
		if (!e->result)
			e->result = may_write(e->r, e->code, v->def->dept, &why);
	}
	sbuf_free(&why);
	if (e->result == 503)
		return -1;
	if (e->result)
		return 1;
	if (svcstore_save(v, e->r->user->id, e->summary) != 0 || audit_svc(e->r, "service.edit", e->code, e->summary) != 0)
		return -1;
	return 0;
}

/* Runs one designer change and answers with a redirect to the anchor. */
static int run_edit(struct req *r, const char *summary, int (*apply)(struct edit *, struct svc *), const char *anchor)
{
	struct edit e = { .r = r, .code = rp(r, 0), .summary = summary, .apply = apply };
	if (!current(r, e.code))
		return 404;
	int rc = db_txn(edit_txn, &e);
	if (rc == 0) {
		resp_redirect(r, arena_printf(r->a, "/admin/services/%s#%s", e.code, anchor));
		return 0;
	}
	if (e.result == 422) {
		r->status = 422;
		int st = page_designer(r);
		r->status = 422;
		return st;
	}
	return e.result ? e.result : 503;
}

static const char *opt_text(struct req *r, const char *name, size_t max, bool required, const char *errfield)
{
	const char *v = req_form(r, name);
	if (v)
		v = str_trim(arena_strdup(r->a, v));
	if ((required && str_empty(v)) || (v && utf8_chars(v) > max)) {
		form_error(r, errfield ? errfield : name, required && str_empty(v) ? "form.err.required" : "svc.too_long");
		return NULL;
	}
	return str_empty(v) ? NULL : v;
}

static bool read_long(struct req *r, const char *name, long min, long max, long *out)
{
	const char *v = req_form(r, name);
	if (str_empty(v)) {
		*out = 0;
		return true;
	}
	if (!parse_long(v, min, max, out)) {
		form_error(r, name, "svc.number_bad");
		return false;
	}
	return true;
}

/* ---- general ---- */

static int apply_general(struct edit *e, struct svc *s)
{
	struct req *r = e->r;
	s->name.en = opt_text(r, "name_en", 200, true, NULL);
	s->name.hi = opt_text(r, "name_hi", 200, true, NULL);
	s->desc.en = opt_text(r, "desc_en", 2000, false, NULL);
	s->desc.hi = opt_text(r, "desc_hi", 2000, false, NULL);
	s->elig.en = opt_text(r, "elig_en", 2000, false, NULL);
	s->elig.hi = opt_text(r, "elig_hi", 2000, false, NULL);
	s->channels = 0;
	const char *ch[8];
	size_t n = req_form_all(r, "channels", ch, 8);
	for (size_t i = 0; i < n; i++) {
		int c = channel_from(ch[i]);
		if (c >= 0)
			s->channels |= 1u << c;
	}
	if (!s->channels)
		form_error(r, "channels", "svc.channels_none");
	return form_has_errors(r) ? 422 : 0;
}

int page_designer_general(struct req *r)
{
	return run_edit(r, "general details changed", apply_general, "general");
}

/* ---- fields ---- */

/* Parses "value|English|Hindi" lines into options. */
static bool parse_options(struct req *r, const char *text, struct opt **out, size_t *n)
{
	*n = 0;
	*out = NULL;
	if (str_empty(text))
		return true;
	size_t cap = 1;
	for (const char *p = text; *p; p++)
		cap += *p == '\n';
	*out = arena_alloc(r->a, (cap + 1) * sizeof **out);
	char *copy = arena_strdup(r->a, text), *save = NULL;
	for (char *line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		line = str_trim(line);
		if (!*line)
			continue;
		char *b1 = strchr(line, '|'), *b2 = b1 ? strchr(b1 + 1, '|') : NULL;
		if (!b1 || !b2)
			return false;
		*b1 = *b2 = '\0';
		struct opt *o = &(*out)[(*n)++];
		o->value = str_trim(line);
		o->label.en = str_trim(b1 + 1);
		o->label.hi = str_trim(b2 + 1);
	}
	return true;
}

/* Reads the field form into f (all properties). */
static void read_field_form(struct req *r, struct field *f, const struct svc *s)
{
	int t = ftype_from(req_form(r, "type"));
	if (t < 0) {
		form_error(r, "type", "svc.type_bad");
		t = FT_TEXT;
	}
	f->type = (enum ftype)t;
	f->label.en = opt_text(r, "label_en", 300, true, NULL);
	f->label.hi = opt_text(r, "label_hi", 300, true, NULL);
	f->help.en = opt_text(r, "help_en", 500, false, NULL);
	f->help.hi = opt_text(r, "help_hi", 500, false, NULL);
	f->required = req_form(r, "required") != NULL;
	const char *mn = req_form(r, "min"), *mx = req_form(r, "max");
	f->has_min = !str_empty(mn);
	f->has_max = !str_empty(mx);
	read_long(r, "min", -999999999999L, 999999999999L, &f->min);
	read_long(r, "max", -999999999999L, 999999999999L, &f->max);
	read_long(r, "min_length", 0, 5000, &f->min_len);
	read_long(r, "max_length", 0, 5000, &f->max_len);
	f->pattern = opt_text(r, "pattern", 200, false, NULL);
	f->min_date = opt_text(r, "min_date", 10, false, NULL);
	f->max_date = opt_text(r, "max_date", 10, false, NULL);
	f->def = opt_text(r, "default", 200, false, NULL);
	f->show_field = opt_text(r, "show_field", 40, false, NULL);
	f->show_equals = opt_text(r, "show_equals", 60, false, NULL);
	if (!parse_options(r, req_form(r, "options"), &f->opts, &f->nopts))
		form_error(r, "options", "svc.options_bad");
	if (f->type == FT_GROUP) {
		read_long(r, "min_items", 0, 50, &f->min_items);
		read_long(r, "max_items", 1, 50, &f->max_items);
		if (!f->max_items)
			f->max_items = 5;
	}
	(void)s;
}

/* The field problems the designer can see at once (a subset of
 * svc_validate, reported at the form's inputs). */
static void check_field_now(struct req *r, const struct field *f)
{
	if (f->has_min && f->has_max && f->min > f->max)
		form_error(r, "max", "svc.min_max");
	bool choices = f->type == FT_SELECT || f->type == FT_MULTISELECT || f->type == FT_RADIO;
	if (choices && f->nopts == 0)
		form_error(r, "options", "svc.options_needed");
	if (f->max_len && f->min_len > f->max_len)
		form_error(r, "max_length", "svc.min_max");
}

static int apply_field_add(struct edit *e, struct svc *s)
{
	struct req *r = e->r;
	struct field f = { 0 };
	f.name = opt_text(r, "name", 40, true, NULL);
	if (f.name && (!strchr("abcdefghijklmnopqrstuvwxyz", f.name[0]) ||
		       strspn(f.name, "abcdefghijklmnopqrstuvwxyz0123456789_") != strlen(f.name)))
		form_error(r, "name", "svc.ident_bad");
	if (f.name && svc_field(s, f.name))
		form_error(r, "name", "svc.name_taken");
	read_field_form(r, &f, s);
	check_field_now(r, &f);
	if (form_has_errors(r))
		return 422;
	struct field *nf = arena_alloc(r->a, (s->nfields + 1) * sizeof *nf);
	if (s->nfields)
		memcpy(nf, s->fields, s->nfields * sizeof *nf);
	nf[s->nfields] = f;
	if (f.type == FT_GROUP && f.nsub == 0) {
		/* a group starts with one text column; more are added on its page */
		nf[s->nfields].sub = arena_alloc(r->a, sizeof(struct field));
		nf[s->nfields].sub[0] = (struct field){ .name = "name", .type = FT_TEXT, .label = { "Name", "नाम" }, .required = true };
		nf[s->nfields].nsub = 1;
	}
	s->fields = nf;
	s->nfields++;
	e->summary = arena_printf(r->a, "field '%s' added", f.name);
	return 0;
}

int page_designer_field_add(struct req *r)
{
	return run_edit(r, "field added", apply_field_add, "fields");
}

static int field_index(const struct svc *s, const char *name)
{
	for (size_t i = 0; i < s->nfields; i++)
		if (str_eq(s->fields[i].name, name))
			return (int)i;
	return -1;
}

/* POST /admin/services/:code/fields/:name — action = save | up | down | delete | print */
static int apply_field_change(struct edit *e, struct svc *s)
{
	struct req *r = e->r;
	const char *name = rp(r, 1), *action = req_form(r, "action");
	int i = field_index(s, name);
	if (i < 0)
		return 404;
	if (str_eq(action, "up") || str_eq(action, "down")) {
		int j = str_eq(action, "up") ? i - 1 : i + 1;
		if (j >= 0 && (size_t)j < s->nfields) {
			struct field t = s->fields[i];
			s->fields[i] = s->fields[j];
			s->fields[j] = t;
		}
	} else if (str_eq(action, "delete")) {
		memmove(&s->fields[i], &s->fields[i + 1], (s->nfields - (size_t)i - 1) * sizeof *s->fields);
		s->nfields--;
		/* a deleted field is no longer printed */
		size_t k = 0;
		for (size_t p = 0; p < s->nprint; p++)
			if (!str_eq(s->print[p], name))
				s->print[k++] = s->print[p];
		s->nprint = k;
	} else if (str_eq(action, "print")) {
		long pos;
		if (!read_long(r, "position", 0, 50, &pos))
			return 422;
		const char **np = arena_alloc(r->a, (s->nprint + 2) * sizeof *np);
		size_t k = 0;
		for (size_t p = 0; p < s->nprint; p++)
			if (!str_eq(s->print[p], name))
				np[k++] = s->print[p];
		if (pos > 0) {
			size_t at = (size_t)pos - 1 > k ? k : (size_t)pos - 1;
			memmove(&np[at + 1], &np[at], (k - at) * sizeof *np);
			np[at] = s->fields[i].name;
			k++;
		}
		s->print = np;
		s->nprint = k;
	} else if (str_eq(action, "save")) {
		struct field f = s->fields[i];
		read_field_form(r, &f, s);
		check_field_now(r, &f);
		if (form_has_errors(r))
			return 422;
		s->fields[i] = f;
	} else {
		return 400;
	}
	e->summary = arena_printf(r->a, "field '%s': %s", name, action ? action : "?");
	return 0;
}

int page_designer_field(struct req *r)
{
	return run_edit(r, "field changed", apply_field_change, "fields");
}

/* GET /admin/services/:code/fields/:name — the full edit form of one field */
int page_designer_field_form(struct req *r)
{
	struct svc_ver *v;
	int st = load(r, &v);
	if (st)
		return st;
	int i = field_index(v->def, rp(r, 1));
	if (i < 0)
		return 404;
	const struct field *f = &v->def->fields[i];
	hset(r, "F.name", f->name);
	if (!form_has_errors(r)) {
		hset(r, "Form.val.type", ftype_code(f->type));
		hset(r, "Form.val.label_en", f->label.en);
		hset(r, "Form.val.label_hi", f->label.hi);
		hset(r, "Form.val.help_en", f->help.en);
		hset(r, "Form.val.help_hi", f->help.hi);
		if (f->required)
			hset(r, "Form.val.required", "1");
		if (f->has_min)
			hset_int(r, "Form.val.min", f->min);
		if (f->has_max)
			hset_int(r, "Form.val.max", f->max);
		if (f->min_len)
			hset_int(r, "Form.val.min_length", f->min_len);
		if (f->max_len)
			hset_int(r, "Form.val.max_length", f->max_len);
		hset(r, "Form.val.pattern", f->pattern);
		hset(r, "Form.val.min_date", f->min_date);
		hset(r, "Form.val.max_date", f->max_date);
		hset(r, "Form.val.default", f->def);
		hset(r, "Form.val.show_field", f->show_field);
		hset(r, "Form.val.show_equals", f->show_equals);
		struct sbuf o;
		sbuf_init(&o);
		for (size_t k = 0; k < f->nopts; k++)
			sbuf_printf(&o, "%s|%s|%s\n", f->opts[k].value, f->opts[k].label.en ? f->opts[k].label.en : "",
				    f->opts[k].label.hi ? f->opts[k].label.hi : "");
		hset(r, "Form.val.options", o.data);
		sbuf_free(&o);
	}
	options_to_hdf(r);
	return tmpl_render(r, "designer_field.cs");
}

/* POST variant that re-renders the field page on errors */
int page_designer_field_save(struct req *r)
{
	struct edit e = { .r = r, .code = rp(r, 0), .summary = "field changed", .apply = apply_field_change };
	if (!current(r, e.code))
		return 404;
	int rc = db_txn(edit_txn, &e);
	if (rc == 0) {
		resp_redirect(r, arena_printf(r->a, "/admin/services/%s#fields", e.code));
		return 0;
	}
	if (e.result == 422) {
		static const char *const keep[] = { "type", "label_en", "label_hi", "help_en", "help_hi", "required", "min", "max",
						    "min_length", "max_length", "pattern", "min_date", "max_date", "default",
						    "show_field", "show_equals", "options", NULL };
		form_keep(r, keep);
		r->status = 422;
		int st = page_designer_field_form(r);
		r->status = 422;
		return st;
	}
	return e.result ? e.result : 503;
}

/* ---- documents ---- */

static int apply_docs(struct edit *e, struct svc *s)
{
	struct req *r = e->r;
	const char *action = req_form(r, "action");
	if (str_eq(action, "delete")) {
		const char *code = req_form(r, "doc");
		size_t k = 0;
		for (size_t i = 0; i < s->ndocs; i++)
			if (!str_eq(s->docs[i].code, code))
				s->docs[k++] = s->docs[i];
		if (k == s->ndocs)
			return 404;
		s->ndocs = k;
		e->summary = arena_printf(r->a, "document '%s' removed", code);
		return 0;
	}
	struct docreq d = { 0 };
	d.code = opt_text(r, "doc_code", 40, true, NULL);
	if (d.code && (!strchr("abcdefghijklmnopqrstuvwxyz", d.code[0]) ||
		       strspn(d.code, "abcdefghijklmnopqrstuvwxyz0123456789_") != strlen(d.code)))
		form_error(r, "doc_code", "svc.ident_bad");
	d.label.en = opt_text(r, "doc_en", 200, true, NULL);
	d.label.hi = opt_text(r, "doc_hi", 200, true, NULL);
	d.required = req_form(r, "doc_required") != NULL;
	read_long(r, "doc_max_kb", 10, 10240, &d.max_kb);
	if (!d.max_kb)
		d.max_kb = 2048;
	const char *t[4];
	size_t nt = req_form_all(r, "doc_types", t, 4);
	for (size_t i = 0; i < nt; i++)
		d.types |= str_eq(t[i], "pdf") ? DOC_PDF : str_eq(t[i], "jpeg") ? DOC_JPEG : str_eq(t[i], "png") ? DOC_PNG : 0;
	if (!d.types)
		form_error(r, "doc_types", "svc.types_none");
	for (size_t i = 0; d.code && i < s->ndocs; i++)
		if (str_eq(s->docs[i].code, d.code))
			form_error(r, "doc_code", "svc.name_taken");
	if (form_has_errors(r))
		return 422;
	struct docreq *nd = arena_alloc(r->a, (s->ndocs + 1) * sizeof *nd);
	if (s->ndocs)
		memcpy(nd, s->docs, s->ndocs * sizeof *nd);
	nd[s->ndocs++] = d;
	s->docs = nd;
	e->summary = arena_printf(r->a, "document '%s' added", d.code);
	return 0;
}

int page_designer_docs(struct req *r)
{
	return run_edit(r, "documents changed", apply_docs, "documents");
}

/* ---- fees, processing and output settings ---- */

static int role_field(struct req *r, const char *name, bool required)
{
	const char *v = req_form(r, name);
	if (str_empty(v)) {
		if (required)
			form_error(r, name, "svc.role_bad");
		return -1;
	}
	int role = role_from_code(v);
	if (role < 0)
		form_error(r, name, "svc.role_bad");
	return role;
}

static int apply_settings(struct edit *e, struct svc *s)
{
	struct req *r = e->r;
	long v;
	if (read_long(r, "fee_gov", 0, 100000, &v)) s->fee_gov = v * 100;
	if (read_long(r, "fee_csc", 0, 100000, &v)) s->fee_csc = v * 100;
	if (read_long(r, "fee_tatkal", 0, 100000, &v)) s->fee_tatkal = v * 100;
	s->free_jsk = req_form(r, "free_jsk") != NULL;
	const char *level = req_form(r, "level");
	static const char *const levels[] = { "panchayat", "circle", "block", "subdivision", "district", "hq" };
	bool ok = false;
	for (size_t i = 0; i < ARRAY_LEN(levels); i++)
		if (str_eq(level, levels[i])) {
			s->level = levels[i];
			ok = true;
		}
	if (!ok)
		form_error(r, "level", "svc.level_bad");
	const char *rf = opt_text(r, "route_field", 40, false, NULL);
	if (rf)
		s->route_field = rf;
	if (read_long(r, "rtps_days", 1, 365, &v)) s->rtps_days = v;
	s->tatkal = req_form(r, "tatkal") != NULL;
	if (read_long(r, "tatkal_days", 0, 365, &v)) s->tatkal_days = v;
	s->weekly_off = 0;
	const char *days[8];
	size_t nd = req_form_all(r, "weekly_off", days, 8);
	for (size_t i = 0; i < nd; i++) {
		long d;
		if (parse_long(days[i], 0, 6, &d))
			s->weekly_off |= 1u << d;
	}
	s->designated = role_field(r, "designated", true);
	s->appeal1 = role_field(r, "appeal1", true);
	s->appeal2 = role_field(r, "appeal2", false);
	s->title.en = opt_text(r, "title_en", 200, true, NULL);
	s->title.hi = opt_text(r, "title_hi", 200, true, NULL);
	if (read_long(r, "validity", 0, 36500, &v)) s->validity_days = v;
	s->signing = role_field(r, "signing", true);
	return form_has_errors(r) ? 422 : 0;
}

int page_designer_settings(struct req *r)
{
	return run_edit(r, "fees, processing or output changed", apply_settings, "settings");
}

/* ---- workflow stages ---- */

static int apply_stages(struct edit *e, struct svc *s)
{
	struct req *r = e->r;
	const char *action = req_form(r, "action"), *code = req_form(r, "stage");
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
		e->summary = arena_printf(r->a, "stage '%s': %s", code, action);
		return 0;
	}
	/* add or save */
	struct stage x = i >= 0 ? s->stages[i] : (struct stage){ 0 };
	if (i < 0) {
		x.code = opt_text(r, "stage_code", 30, true, "stage_code");
		if (x.code && (!strchr("abcdefghijklmnopqrstuvwxyz", x.code[0]) ||
			       strspn(x.code, "abcdefghijklmnopqrstuvwxyz0123456789_") != strlen(x.code)))
			form_error(r, "stage_code", "svc.ident_bad");
		for (size_t k = 0; x.code && k < s->nstages; k++)
			if (str_eq(s->stages[k].code, x.code))
				form_error(r, "stage_code", "svc.name_taken");
	}
	x.name.en = opt_text(r, "stage_en", 200, true, NULL);
	x.name.hi = opt_text(r, "stage_hi", 200, true, NULL);
	int role = role_field(r, "stage_role", true);
	x.role = role < 0 ? ROLE_COUNT : (enum role)role;
	if (role >= 0 && !level_role_level(x.role))
		form_error(r, "stage_role", "svc.role_player");
	x.actions = 0;
	const char *acts[ACT_COUNT + 1];
	size_t na = req_form_all(r, "stage_actions", acts, ACT_COUNT + 1);
	for (size_t k = 0; k < na; k++) {
		int a = action_from(acts[k]);
		if (a >= 0)
			x.actions |= AB(a);
	}
	if (!x.actions)
		form_error(r, "stage_actions", "svc.actions_none");
	x.editable = req_form(r, "stage_editable") != NULL;
	long sla;
	if (read_long(r, "stage_sla", 1, 365, &sla))
		x.sla_days = sla;
	if (!x.sla_days)
		form_error(r, "stage_sla", "svc.number_bad");
	if (form_has_errors(r))
		return 422;
	if (i >= 0) {
		s->stages[i] = x;
	} else {
		struct stage *ns = arena_alloc(r->a, (s->nstages + 1) * sizeof *ns);
		if (s->nstages)
			memcpy(ns, s->stages, s->nstages * sizeof *ns);
		ns[s->nstages++] = x;
		s->stages = ns;
	}
	e->summary = arena_printf(r->a, "stage '%s' %s", x.code, i >= 0 ? "changed" : "added");
	return 0;
}

int page_designer_stages(struct req *r)
{
	return run_edit(r, "workflow changed", apply_stages, "stages");
}

/* ---- notifications ---- */

static int apply_notifs(struct edit *e, struct svc *s)
{
	struct req *r = e->r;
	static const char *const events[] = { "submit", "return", "reject", "approve", "escalate" };
	struct notif *nn = arena_alloc(r->a, ARRAY_LEN(events) * sizeof *nn);
	size_t n = 0;
	for (size_t i = 0; i < ARRAY_LEN(events); i++) {
		const char *en = opt_text(r, arena_printf(r->a, "n_%s_en", events[i]), 500, false, NULL);
		const char *hi = opt_text(r, arena_printf(r->a, "n_%s_hi", events[i]), 500, false, NULL);
		const char *dlt = opt_text(r, arena_printf(r->a, "n_%s_dlt", events[i]), 25, false, NULL);
		if (!en && !hi && !dlt)
			continue;
		if (!en || !hi)
			form_error(r, arena_printf(r->a, "n_%s_en", events[i]), "svc.both_langs");
		if (!str_digits(dlt, 10, 25))
			form_error(r, arena_printf(r->a, "n_%s_dlt", events[i]), "svc.dlt_bad");
		nn[n++] = (struct notif){ .event = events[i], .sms = { en, hi }, .dlt = dlt,
					  .email = req_form(r, arena_printf(r->a, "n_%s_email", events[i])) != NULL };
	}
	if (form_has_errors(r))
		return 422;
	s->notifs = nn;
	s->nnotifs = n;
	return 0;
}

int page_designer_notifs(struct req *r)
{
	return run_edit(r, "notifications changed", apply_notifs, "notifications");
}

/* ---- JSON (advanced), publish, retire, export, import ---- */

static int apply_json(struct edit *e, struct svc *s)
{
	struct req *r = e->r;
	const char *text = req_form(r, "definition");
	const char *err = NULL;
	struct jval *j = text ? json_parse(r->a, text, strlen(text), &err) : NULL;
	struct sbuf probs;
	sbuf_init(&probs);
	struct svc *ns = j ? svc_from_json(r->a, j, &probs) : NULL;
	if (!j)
		sbuf_printf(&probs, "not valid JSON: %s\n", err ? err : "empty");
	else if (ns && !str_eq(ns->code, s->code))
		sbuf_adds(&probs, "the code cannot be changed here\n");
	if (!ns || probs.len) {
		hset(r, "Form.err.definition", probs.data);
		hset(r, "Form.has_errors", "1");
		sbuf_free(&probs);
		return 422;
	}
	sbuf_free(&probs);
	*s = *ns;
	return 0;
}

int page_designer_json(struct req *r)
{
	return run_edit(r, "definition edited as JSON", apply_json, "json");
}

struct pub {
	struct req *r;		/* request */
	struct sbuf probs;	/* problems */
	int rc;			/* svcstore_publish result */
};

static int publish_txn(void *p)
{
	struct pub *x = p;
	sbuf_reset(&x->probs);
	x->rc = svcstore_publish(x->r->a, rp(x->r, 0), x->r->user->id, &x->probs);
	if (x->rc != 0)
		return 1;
	return audit_svc(x->r, "service.publish", rp(x->r, 0), NULL);
}

/* POST /admin/services/:code/publish */
int page_designer_publish(struct req *r)
{
	struct svc_ver *v;
	int st = load(r, &v);
	if (st)
		return st;
	struct pub x = { .r = r };
	sbuf_init(&x.probs);
	int rc = db_txn(publish_txn, &x);
	if (rc == 0) {
		sbuf_free(&x.probs);
		resp_redirect(r, arena_printf(r->a, "/admin/services/%s?published=1", rp(r, 0)));
		return 0;
	}
	if (x.rc == 1) {
		hset(r, "PublishRefused", "1");
		sbuf_free(&x.probs);
		r->status = 422;
		st = page_designer(r);
		r->status = 422;
		return st;
	}
	sbuf_free(&x.probs);
	return 503;
}

/* POST /admin/services/:code/retire */
int page_designer_retire(struct req *r)
{
	struct svc_ver *v;
	int st = load(r, &v);
	if (st)
		return st;
	if (db_begin() != 0)
		return 503;
	if (svcstore_retire(rp(r, 0), r->user->id) != 0 || audit_svc(r, "service.retire", rp(r, 0), NULL) != 0 ||
	    db_commit() != 0) {
		db_rollback();
		return 503;
	}
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

struct imp {
	struct req *r;		/* request */
	const char *text;	/* JSON */
	size_t len;		/* bytes */
	bool publish;		/* publish after import */
	struct sbuf probs;	/* problems */
	int rc;			/* svcstore_import result */
};

static int import_txn(void *p)
{
	struct imp *x = p;
	sbuf_reset(&x->probs);
	/* permission: the department that owns the code (svcstore_may_write) */
	x->rc = svcstore_import(x->r->a, x->text, x->len, x->publish, x->r->user->id, designer(x->r), &x->probs);
	if (x->rc != 0)
		return 1;
	struct jval *j = json_parse(x->r->a, x->text, x->len, NULL);
	return audit_svc(x->r, "service.import", json_get_str(j, "code"), x->publish ? "published" : "draft");
}

/* POST /admin/services/import (multipart: file, publish) */
int page_designer_import(struct req *r)
{
	const struct upload *u = req_upload(r, "file");
	struct imp x = { .r = r, .publish = req_form(r, "publish") != NULL };
	sbuf_init(&x.probs);
	if (!u || u->len == 0) {
		sbuf_adds(&x.probs, "choose a JSON file\n");
		x.rc = 1;
	} else if (u->len > 1024 * 1024) {
		sbuf_free(&x.probs);
		return 413;
	} else {
		x.text = (const char *)u->data;
		x.len = u->len;
		if (db_txn(import_txn, &x) == 0) {
			sbuf_free(&x.probs);
			resp_redirect(r, "/admin/services?imported=1");
			return 0;
		}
	}
	if (x.rc < 0) {
		sbuf_free(&x.probs);
		return 503;
	}
	/* refused (422) or not this user's to import (403): the list with the reasons */
	int status = x.rc == 2 ? 403 : 422;
	problems_to_hdf(r, x.probs.data);
	hset(r, "ImportRefused", "1");
	sbuf_free(&x.probs);
	r->status = status;
	int st = page_designer_list(r);
	r->status = status;
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
	formview_fill(r, v->def, NULL, NULL);
	hset(r, "Preview", "1");
	hset(r, "Page.svcform", "1");
	return tmpl_render(r, "apply.cs");
}
