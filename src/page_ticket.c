/*
 * page_ticket.c — smart support tickets on pages and in the JSON API: the
 * tiles and lists (/tickets), raising (/tickets/new), the thread with its
 * actions (/tickets/NO), and /api/v1/tickets….  The rules and every write
 * are in ticket.c.
 */
#include "pages.h"
#include "apiutil.h"
#include "formview.h"
#include "location.h"
#include "locker.h"
#include "config.h"
#include "money.h"
#include "notify.h"
#include "picker.h"
#include "ticket.h"
#include "service.h"
#include "tmpl.h"

#include <stdlib.h>
#include <string.h>

/* ---- shared ---- */

/* The list a user lands on: their own queue for resolvers, else what they
 * raised. */
static enum ticket_list default_list(const struct user *u)
{
	return (u->roles & TICKET_SUPERVISORS) ? TL_MY : TL_RAISED;
}

/* The list named by ?list=, or the default; -1 when unknown. */
static int list_of(struct req *r)
{
	const char *l = req_query(r, "list");
	return str_empty(l) ? (int)default_list(r->user) : ticket_list_from(l);
}

/* ---- pages ---- */

static void tiles_to_hdf(struct req *r)
{
	struct ticket_tiles t;
	if (ticket_tiles(r->a, r->user, &t) != 0)
		return;
	hset_int(r, "Tiles.raised", t.raised);
	hset_int(r, "Tiles.raised_open", t.raised_open);
	hset_int(r, "Tiles.raised_closed", t.raised_closed);
	hset_int(r, "Tiles.assigned", t.assigned);
	hset_int(r, "Tiles.assigned_open", t.assigned_open);
	hset_int(r, "Tiles.assigned_closed", t.assigned_closed);
}

/* GET /tickets — tiles and one list (?list=my|new|open|closed|reassigned|replies|raised) */
int page_tickets(struct req *r)
{
	int l = list_of(r);
	if (l < 0)
		return 404;
	long before = 0;
	parse_long(req_query(r, "before"), 1, 9000000000000000000L, &before);
	struct dbres *d = ticket_list(r->a, r->user, (enum ticket_list)l, before, 50);
	if (!d)
		return 503;
	static const char *const cols[] = { "id", "number", "status", "priority", "subject", "type_en", "type_hi", "place_en",
					    "place_hi", "due", "assignee", "created", "overdue", NULL };
	hset_rows(r, "Tickets", d, cols);
	for (size_t i = 0; i < d->nrows; i++) {
		hset(r, arena_printf(r->a, "Tickets.%zu.due_text", i), date_long(r->a, db_val(d, i, 9), r->lang));
		hset(r, arena_printf(r->a, "Tickets.%zu.status_text", i),
		     tmpl_str(r->lang, arena_printf(r->a, "ticket.st.%s", db_val(d, i, 2))));
	}
	if (d->nrows == 50)
		hset(r, "Next", db_val(d, 49, 0));
	for (int i = 0; ticket_list_codes[i]; i++)
		hset(r, arena_printf(r->a, "Lists.%d.code", i), ticket_list_codes[i]);
	hset(r, "List", ticket_list_codes[l]);
	if (r->user->roles & TICKET_SUPERVISORS)
		hset(r, "Handler", "1");
	if (r->user->roles & TICKET_DASH)
		hset(r, "Dash", "1");
	if (r->user->roles & TICKET_RAISERS)
		hset(r, "Raise", "1");
	if (r->user->roles & GRIEVANCE_FILERS)
		hset(r, "File", "1");
	tiles_to_hdf(r);
	/* what the portal told this user lately (a merged duplicate ...) */
	struct dbres *n = notify_portal(r->a, r->user->id, 5);
	static const char *const ncols[] = { "id", "body", "event", "ref", "at", NULL };
	hset_rows(r, "Notices", n, ncols);
	for (size_t i = 0; n && i < n->nrows; i++)
		hset(r, arena_printf(r->a, "Notices.%zu.when", i), date_long(r->a, db_val(n, i, 4), r->lang));
	return tmpl_render(r, "tickets.cs");
}

static const char *const new_fields[] = { "type", "priority", "subject", "body", "mobile", "link_kind", "link_ref", "assignee",
					  NULL };

/* What helps with sub type `code` (ticket_help.c) under Help: the
 * e-learning items the viewer may open and the resolution codes most used
 * for it, by name. */
static void help_to_hdf(struct req *r, const char *code)
{
	struct dbres *items = ticket_help_items(r->a, r->user, code);
	static const char *const icols[] = { "id", "kind", "lang", "title", NULL };
	hset_rows(r, "Help.items", items, icols);
	struct dbres *codes = ticket_help_codes(r->a, code);
	for (size_t i = 0; codes && i < codes->nrows; i++) {
		hset(r, arena_printf(r->a, "Help.codes.%zu.name", i),
		     tmpl_str(r->lang, arena_printf(r->a, "ticket.code.%s", db_val(codes, i, 0))));
		hset(r, arena_printf(r->a, "Help.codes.%zu.n", i), db_val(codes, i, 1));
	}
}

/* The open tickets like the one being raised (the sub type and place
 * chosen) under Similar, so that the raiser may add to one instead. */
static void similar_to_hdf(struct req *r, const char *code, long location, const char *subject)
{
	struct ticket_like like[5];
	long n = location > 0 ? ticket_similar(r->a, r->user, code, location, subject, like, ARRAY_LEN(like)) : 0;
	for (long i = 0; i < n; i++) {
		hset(r, arena_printf(r->a, "Similar.%ld.number", i), like[i].number);
		hset(r, arena_printf(r->a, "Similar.%ld.subject", i), like[i].subject);
		hset(r, arena_printf(r->a, "Similar.%ld.status", i),
		     tmpl_str(r->lang, arena_printf(r->a, "ticket.st.%s", like[i].status)));
		hset(r, arena_printf(r->a, "Similar.%ld.when", i), date_long(r->a, like[i].created_at, r->lang));
	}
}

/* The raise form of a kind ("support" or "grievance"), again with the
 * values typed. */
static int new_form(struct req *r, const char *kind, const struct outcome *errs)
{
	form_keep(r, new_fields);
	/* from the call-centre console: the caller's number */
	if (!req_form(r, "mobile") && req_query(r, "mobile"))
		hset(r, "Form.val.mobile", req_query(r, "mobile"));
	bool grievance = str_eq(kind, "grievance");
	hset(r, "Kind", kind);
	if (!grievance)
		hset(r, "Ask.assignee", "1");
	if (!user_has(r->user, ROLE_CITIZEN))
		hset(r, "Ask.mobile", "1");
	if (grievance && user_has(r->user, ROLE_CSC) && cfg.grievance_csc_fee_paise > 0)
		hset(r, "Fee", money_fmt(r->a, cfg.grievance_csc_fee_paise));
	/* the chosen sub type's extra fields (the service form model) */
	struct svc *form = ticket_type_form(r->a, req_param(r, "type"));
	help_to_hdf(r, req_param(r, "type"));	/* the step after the kind is chosen */
	if (form)
		formview_fill(r, &form->form, "Svc.fields", str_eq(r->method, "POST") ? formview_answers(r, &form->form) : NULL, r->status == 422 ? errs : NULL);
	struct dbres *cat = ticket_catalogue(r->a, kind);
	static const char *const cols[] = { "code", "name_en", "name_hi", "main_en", "main_hi", "type_en", "type_hi", "priority",
					    "role", NULL };
	hset_rows(r, "Types", cat, cols);
	hset(r, "Page.picker", "1");
	hset_int(r, "MaxKB", cfg.max_upload / 1024);
	long location = picker_fill(r, "location", 0, LT_VILLAGE);
	similar_to_hdf(r, req_param(r, "type"), location, req_param(r, "subject"));
	return tmpl_render(r, "ticket_new.cs");
}

/* GET /tickets/new */
int page_ticket_new(struct req *r)
{
	return new_form(r, "support", NULL);
}

/* GET /grievance/new */
int page_grievance_new(struct req *r)
{
	return new_form(r, "grievance", NULL);
}

/* The file sent in field "file", or NULL when none was chosen (a form
 * without one sends an empty part with no name). */
static const struct ticket_file *file_of(struct req *r)
{
	const struct upload *u = req_upload(r, "file");
	if (!u || (u->len == 0 && str_empty(u->filename)))
		return NULL;
	struct ticket_file *f = arena_alloc(r->a, sizeof *f);
	*f = (struct ticket_file){ .label = u->filename, .data = u->data, .len = u->len };
	return f;
}

/* The ticket typed on the form. */
static void read_input(struct req *r, struct ticket_input *in, long location)
{
	struct svc *form = ticket_type_form(r->a, req_form(r, "type"));
	long prio = 0;
	parse_long(req_form(r, "priority"), 1, 4, &prio);
	*in = (struct ticket_input){
		.type = req_form(r, "type"), .priority = prio, .location_id = location, .subject = req_form(r, "subject"),
		.body = req_form(r, "body"), .mobile = req_form(r, "mobile"), .link_kind = req_form(r, "link_kind"),
		.link_ref = req_form(r, "link_ref"), .assignee = req_form(r, "assignee"),
		.answers = form ? formview_answers(r, &form->form) : NULL, .file = file_of(r),
		/* an agent raises for a caller; a sewak at the door; an operator at the counter */
		.channel = user_has(r->user, ROLE_CC_AGENT) ? "call" : user_has(r->user, ROLE_SEWAK) ? "sewak"
			 : (r->user->roles & RB_OPERATORS) ? "csc" : "web",
	};
}

/* Raising from the form of a kind. */
static int create(struct req *r, const char *kind)
{
	long location = picker_fill(r, "location", 0, LT_VILLAGE);
	if (picker_refresh(r) || req_form(r, "show_form"))
		return new_form(r, kind, NULL);
	struct ticket_input in;
	read_input(r, &in, location);
	const char *number;
	struct outcome out;
	out_init(&out, r->a);
	int st = ticket_raise(r->a, &r->actor, &in, &number, &out);
	if (st == 422 || st == 409) {
		r->status = page_outcome(r, &out);
		if (out.key)
			hset(r, "Flash", tmpl_str(r->lang, out.key));
		return new_form(r, kind, &out);
	}
	if (st)
		return page_outcome(r, &out);
	resp_redirect(r, arena_printf(r->a, "/tickets/%s?raised=1", number));
	return 0;
}

/* POST /tickets/new */
int page_ticket_create(struct req *r)
{
	return create(r, "support");
}

/* POST /grievance/new */
int page_grievance_create(struct req *r)
{
	return create(r, "grievance");
}

/* The ticket of the path as its viewer may see it, or NULL (404). */
static struct ticket *visible(struct req *r, const char *number, enum ticket_seat *seat)
{
	struct ticket *t = ticket_get(r->a, number);
	*seat = ticket_seat(r->user, t);
	return *seat == TS_NONE ? NULL : t;
}

static void ticket_to_hdf(struct req *r, const struct ticket *t, enum ticket_seat seat)
{
	hset(r, "T.number", t->number);
	hset(r, "T.kind", t->kind);
	hset(r, "T.status", t->status);
	hset(r, "T.status_text", tmpl_str(r->lang, arena_printf(r->a, "ticket.st.%s", t->status)));
	hset_int(r, "T.priority", t->priority);
	hset(r, "T.subject", t->subject);
	hset(r, "T.body", t->body);
	hset(r, "T.type", str_eq(r->lang, "hi") ? t->type_hi : t->type_en);
	hset(r, "T.place", str_eq(r->lang, "hi") && t->place_hi ? t->place_hi : t->place_en);
	hset(r, "T.raiser", t->raiser_name);
	hset(r, "T.mobile", t->mobile);
	hset(r, "T.assignee", t->assignee_name);
	hset(r, "T.assignee_ref", t->assignee_csc);
	hset(r, "T.role", tmpl_str(r->lang, arena_printf(r->a, "role.%s", t->resolver_role)));
	hset(r, "T.created", date_long(r->a, t->created_at, r->lang));
	hset(r, "T.due", date_long(r->a, t->due_at, r->lang));
	hset(r, "T.paused", t->paused_at ? date_long(r->a, t->paused_at, r->lang) : NULL);
	hset(r, "T.resolution_code", t->resolution_code ? tmpl_str(r->lang, arena_printf(r->a, "ticket.code.%s", t->resolution_code)) : NULL);
	hset(r, "T.link_kind", t->link_kind);
	hset(r, "T.link_ref", t->link_ref);
	hset(r, "T.link_href", t->link_kind ? ticket_link_href(r->a, r->user, t->link_kind, t->link_ref) : NULL);
	struct dbres *files = ticket_files(r->a, t, seat != TS_RAISER);
	static const char *const fcols[] = { "id", "label", "mime", "kb", "internal", "at", "who", NULL };
	hset_rows(r, "Files", files, fcols);
	hset_int(r, "MaxKB", cfg.max_upload / 1024);
	hset(r, "T.parent", t->parent_number);
	hset_int(r, "T.rating", t->rating);
	hset_int(r, "T.escalation", t->escalation_level);
	if (t->overdue)
		hset(r, "T.overdue", "1");
	hset(r, "Seat", seat == TS_HANDLER ? "handler" : seat == TS_AGENT ? "agent" : "raiser");
	/* the extra fields' answers, by their questions */
	struct svc *form = t->answers ? ticket_type_form(r->a, t->type_code) : NULL;
	const char *err;
	struct jval *ans = form ? json_parse(r->a, t->answers, strlen(t->answers), &err) : NULL;
	if (ans)
		formview_summary(r, &form->form, ans, "Answers", false);
	if (r->user->id == t->assignee_id)
		hset(r, "T.mine", "1");
	if (seat == TS_HANDLER)
		help_to_hdf(r, t->type_code);	/* beside the resolution form */
	struct dbres *e = ticket_thread(r->a, t, seat != TS_RAISER);
	static const char *const cols[] = { "at", "who", "action", "from", "to", "body", "internal", "to_name", NULL };
	hset_rows(r, "Events", e, cols);
	for (size_t i = 0; e && i < e->nrows; i++) {
		hset(r, arena_printf(r->a, "Events.%zu.when", i), date_long(r->a, db_val(e, i, 0), r->lang));
		hset(r, arena_printf(r->a, "Events.%zu.what", i),
		     tmpl_str(r->lang, arena_printf(r->a, "ticket.ev.%s", db_val(e, i, 2))));
	}
	for (int i = 0; ticket_resolution_codes[i]; i++) {
		hset(r, arena_printf(r->a, "Codes.%d.code", i), ticket_resolution_codes[i]);
		hset(r, arena_printf(r->a, "Codes.%d.name", i),
		     tmpl_str(r->lang, arena_printf(r->a, "ticket.code.%s", ticket_resolution_codes[i])));
	}
}

static int show(struct req *r, const struct ticket *t, enum ticket_seat seat)
{
	ticket_to_hdf(r, t, seat);
	if (req_query(r, "raised"))
		hset(r, "Flash", tmpl_str(r->lang, "ticket.raised"));
	else if (req_query(r, "done"))
		hset(r, "Flash", tmpl_str(r->lang, "ticket.done"));
	return tmpl_render(r, "ticket.cs");
}

/* GET /tickets/:no */
int page_ticket(struct req *r)
{
	enum ticket_seat seat;
	struct ticket *t = visible(r, rp(r, 0), &seat);
	return t ? show(r, t, seat) : 404;
}

/* The action typed on one of the thread's forms. */
static void read_action(struct req *r, struct ticket_action *in)
{
	long rating = 0;
	parse_long(req_form(r, "rating"), 1, 5, &rating);
	*in = (struct ticket_action){ .action = req_form(r, "action"), .body = req_form(r, "body"),
				      .assignee = req_form(r, "assignee"), .misrouted = str_eq(req_form(r, "misrouted"), "1"),
				      .code = req_form(r, "code"), .of = req_form(r, "of"), .rating = rating,
				      .file = file_of(r) };
}

/* POST /tickets/:no — one action */
int page_ticket_act(struct req *r)
{
	struct ticket_action in;
	read_action(r, &in);
	struct outcome out;
	out_init(&out, r->a);
	int st = ticket_act(r->a, &r->actor, rp(r, 0), &in, &out);
	if (st == 422) {
		enum ticket_seat seat;
		struct ticket *t = visible(r, rp(r, 0), &seat);
		if (!t)
			return 404;
		static const char *const keep[] = { "body", "assignee", "code", "of", NULL };
		form_keep(r, keep);
		hset(r, "Form.action", in.action);
		r->status = page_outcome(r, &out);
		return show(r, t, seat);
	}
	if (st)
		return page_outcome(r, &out);
	resp_redirect(r, arena_printf(r->a, "/tickets/%s?done=1", rp(r, 0)));
	return 0;
}

/* GET /tickets/:no/files/:id and /api/v1/tickets/:no/files/:id — an attachment, to those who see the
 * ticket (an internal note's not to the raiser); 404 otherwise, so a
 * stranger learns nothing of which files exist. */
int page_ticket_file(struct req *r)
{
	enum ticket_seat seat;
	struct ticket *t = visible(r, rp(r, 0), &seat);
	long id = 0;
	if (!t || !parse_long(rp(r, 1), 1, 1L << 50, &id))
		return 404;
	size_t len = 0;
	const char *mime, *label;
	unsigned char *p = ticket_file_read(r->a, t, seat, id, &len, &mime, &label);
	if (!p)
		return 404;
	resp_bytes(r, mime, p, len, label);
	free(p);
	return 0;
}

/* ---- dashboards ---- */

/* What a dashboard request asks: the place (default: the viewer's first
 * area), the grouping and the window. */
struct dash_ask {
	struct loc *loc;
	int depth;
	enum ticket_dash_by by;
	long days;
};

/* Reads ?location=&by=&days=; 0, or 404 (no such place or grouping), 403
 * (outside the viewer's areas) or 422 (a window other than 1-730 days). */
static int dash_ask(struct req *r, struct dash_ask *q)
{
	long id = 0;
	q->days = 30;
	q->by = TD_PLACE;
	const char *by = req_query(r, "by");
	if (!str_empty(by)) {
		int i = 0;
		while (ticket_dash_codes[i] && !str_eq(ticket_dash_codes[i], by))
			i++;
		if (!ticket_dash_codes[i])
			return 404;
		q->by = (enum ticket_dash_by)i;
	}
	if (req_query(r, "days") && !parse_long(req_query(r, "days"), 1, 730, &q->days)) {
		form_error(r, "days", "ticket.err.days");
		return 422;
	}
	if (req_query(r, "location") && !parse_long(req_query(r, "location"), 1, 4294967295L, &id))
		return 404;
	for (size_t i = 0; !id && i < r->user->nh; i++)
		if (RB(r->user->h[i].role) & TICKET_DASH)
			id = r->user->h[i].role == ROLE_STATE_ADMIN ? 0 : r->user->h[i].location_id;
	if (!id) {
		const char *st = db_scalar(r->a, "SELECT id FROM locations WHERE type = 'state' ORDER BY id LIMIT 1", NULL);
		id = st ? strtol(st, NULL, 10) : 0;
	}
	if (!(q->loc = loc_get(r->a, id)))
		return 404;
	if (!juris_holding(r->user, TICKET_DASH, 0, q->loc->path, 0))
		return 403;
	long ids[LOC_MAX_DEPTH + 2];
	q->depth = (int)loc_path_ids(q->loc->path, ids, ARRAY_LEN(ids)) - 1;
	return 0;
}

/* a percentage of part in whole, or -1 when whole is 0 */
static long pct(long part, long whole)
{
	return whole ? (part * 100 + whole / 2) / whole : -1;
}

/* GET /tickets/dash?location=&by=place|type|priority|resolver&days= */
int page_ticket_dash(struct req *r)
{
	struct dash_ask q;
	int st = dash_ask(r, &q);
	if (st)
		return st;
	struct ticket_dash_row *rows;
	long n = ticket_dash(r->a, q.loc->path, q.depth, q.by, q.days, &rows);
	if (n < 0)
		return 503;
	hset_int(r, "Dash.location", q.loc->id);
	hset(r, "Dash.place", str_eq(r->lang, "hi") && q.loc->name_hi ? q.loc->name_hi : q.loc->name_en);
	hset(r, "Dash.by", ticket_dash_codes[q.by]);
	hset_int(r, "Dash.days", q.days);
	if (q.loc->parent_id)
		hset_int(r, "Dash.parent", q.loc->parent_id);
	for (int i = 0; ticket_dash_codes[i]; i++)
		hset(r, arena_printf(r->a, "Dash.bys.%d", i), ticket_dash_codes[i]);
	for (long i = 0; i < n; i++) {
		const struct ticket_dash_row *o = &rows[i];
		const char *k = arena_printf(r->a, "Rows.%ld.", i);
		const char *name = str_eq(r->lang, "hi") && o->name_hi ? o->name_hi : o->name_en;
		if (q.by == TD_PRIORITY)
			name = tmpl_str(r->lang, arena_printf(r->a, "ticket.prio.%ld", o->key));
		else if (!o->key)
			name = tmpl_str(r->lang, q.by == TD_PLACE ? "ticket.dash.here" : "ticket.dash.nobody");
		hset(r, arena_printf(r->a, "%sname", k), name);
		if (q.by == TD_PLACE && o->key)
			hset_int(r, arena_printf(r->a, "%sdrill", k), o->key);
		long v[] = { o->total, o->open, o->overdue, o->resolved, pct(o->in_sla, o->resolved), pct(o->reopened, o->resolved),
			     o->median_min < 0 ? -1 : (o->median_min + 30) / 60, o->age[0], o->age[1], o->age[2], o->age[3] };
		static const char *const f[] = { "total", "open", "overdue", "resolved", "sla", "reopen", "median_h", "age0", "age1",
						 "age2", "age3" };
		for (size_t j = 0; j < ARRAY_LEN(v); j++)
			if (v[j] >= 0)
				hset_int(r, arena_printf(r->a, "%s%s", k, f[j]), v[j]);
	}
	return tmpl_render(r, "tickets_dash.cs");
}

/* ---- API ---- */

static const struct api_col ticket_file_cols[] = {
	{"id", 0, AK_INT},
	{"name", 1, AK_STR},
	{"mime", 2, AK_STR},
	{"kb", 3, AK_INT},
	{"internal", 4, AK_BOOL},
	{"at", 5, AK_TIME},
	{"by", 6, AK_STR},
};

/* The files of t in f (ticket_files' columns) as JSON objects: all of
 * them, or only the one numbered only (0: all). */
static void files_json(struct req *r, struct jw *w, const struct ticket *t, const struct dbres *f, long only)
{
	for (size_t i = 0; f && i < f->nrows; i++) {
		if (only && db_int(f, i, 0) != only)
			continue;
		jw_obj(w);
		API_COLS(r->a, w, f, i, ticket_file_cols);
		jw_kstr(w, "url", arena_printf(r->a, "/api/v1/tickets/%s/files/%s", t->number, db_val(f, i, 0)));
		jw_obj_end(w);
	}
}

static const struct api_col ticket_cols[] = {
	{"at", 0, AK_TIME},
	{"by", 1, AK_STR},
	{"action", 2, AK_STR},
	{"from", 3, AK_STR},
	{"to", 4, AK_STR},
	{"body", 5, AK_STR},
	{"internal", 6, AK_BOOL},
};

static void ticket_json(struct req *r, struct jw *w, const struct ticket *t, enum ticket_seat seat)
{
	jw_obj(w);
	jw_kstr(w, "number", t->number);
	jw_kstr(w, "kind", t->kind);
	jw_kstr(w, "status", t->status);
	jw_kint(w, "priority", t->priority);
	jw_kstr(w, "subject", t->subject);
	jw_kstr(w, "body", t->body);
	jw_key(w, "type");
	jw_obj(w);
	jw_kstr(w, "code", t->type_code);
	jw_kstr(w, "name_en", t->type_en);
	jw_kstr(w, "name_hi", t->type_hi);
	jw_obj_end(w);
	jw_key(w, "place");
	jw_obj(w);
	jw_kint(w, "id", t->location_id);
	jw_kstr(w, "name_en", t->place_en);
	jw_obj_end(w);
	jw_kstr(w, "channel", t->channel);
	jw_kstr(w, "raised_by", t->raiser_name);
	jw_kstr(w, "raised_for_mobile", t->mobile);
	jw_key(w, "assignee");
	if (t->assignee_id) {
		jw_obj(w);
		jw_kstr(w, "name", t->assignee_name);
		jw_kstr(w, "ref", t->assignee_csc);
		jw_obj_end(w);
	} else {
		jw_null(w);
	}
	jw_kstr(w, "resolver_role", t->resolver_role);
	jw_kstr(w, "created_at", sql_time_iso(r->a, t->created_at));
	jw_kstr(w, "due_at", sql_time_iso(r->a, t->due_at));
	jw_kstr(w, "paused_since", sql_time_iso(r->a, t->paused_at));
	jw_kbool(w, "overdue", t->overdue);
	jw_kint(w, "escalation_level", t->escalation_level);
	jw_kstr(w, "resolution_code", t->resolution_code);
	jw_kstr(w, "resolved_at", sql_time_iso(r->a, t->resolved_at));
	jw_kstr(w, "closed_at", sql_time_iso(r->a, t->closed_at));
	jw_key(w, "rating");
	if (t->rating)
		jw_int(w, t->rating);
	else
		jw_null(w);
	jw_key(w, "link");
	if (t->link_kind) {
		jw_obj(w);
		jw_kstr(w, "kind", t->link_kind);
		jw_kstr(w, "ref", t->link_ref);
		jw_obj_end(w);
	} else {
		jw_null(w);
	}
	jw_kstr(w, "duplicate_of", t->parent_number);
	jw_key(w, "answers");
	if (t->answers)
		jw_raw(w, t->answers);
	else
		jw_null(w);
	struct dbres *e = ticket_thread(r->a, t, seat != TS_RAISER);
	jw_key(w, "events");
	jw_arr(w);
	for (size_t i = 0; e && i < e->nrows; i++) {
		jw_obj(w);
		API_COLS(r->a, w, e, i, ticket_cols);
		jw_obj_end(w);
	}
	jw_arr_end(w);
	/* the files this viewer may read, and where */
	jw_key(w, "files");
	jw_arr(w);
	files_json(r, w, t, ticket_files(r->a, t, seat != TS_RAISER), 0);
	jw_arr_end(w);
	jw_obj_end(w);
}

static int send_ticket(struct req *r, int status, const char *number)
{
	enum ticket_seat seat;
	struct ticket *t = visible(r, number, &seat);
	if (!t)
		return 404;
	struct sbuf b;
	struct jw w;
	sbuf_init(&b);
	jw_init(&w, &b);
	ticket_json(r, &w, t, seat);
	return api_send(r, status, &b);
}

static const struct api_col ticket_row_cols[] = {
	{"number", 1, AK_STR},
	{"status", 2, AK_STR},
	{"priority", 3, AK_INT},
	{"subject", 4, AK_STR},
	{"type", 5, AK_STR},
	{"place", 7, AK_STR},
	{"due_at", 9, AK_TIME},
	{"assignee", 10, AK_STR},
	{"created_at", 11, AK_TIME},
	{"overdue", 12, AK_BOOL},
};

/* GET /api/v1/tickets?list=&before=&limit= */
int api_tickets(struct req *r)
{
	int l = list_of(r);
	long before = 0, limit = 50;
	if (l < 0) {
		form_error(r, "list", "ticket.err.list");
		return 422;
	}
	if (api_limit(r, 500, &limit))
		return 422;
	parse_long(req_query(r, "before"), 1, 9000000000000000000L, &before);
	struct dbres *d = ticket_list(r->a, r->user, (enum ticket_list)l, before, limit);
	if (!d)
		return 503;
	struct sbuf b;
	struct jw w;
	api_list_open(&b, &w);
	API_ROWS(r->a, &w, d, ticket_row_cols);
	const char *next = (long)d->nrows == limit ? db_val(d, d->nrows - 1, 0) : NULL;
	return api_list_send(r, &b, &w, next);
}

/* One tile of the app: {"all", "open", "closed"} under key. */
static void tile_json(struct jw *w, const char *key, long all, long open, long closed)
{
	jw_key(w, key);
	jw_obj(w);
	jw_kint(w, "all", all);
	jw_kint(w, "open", open);
	jw_kint(w, "closed", closed);
	jw_obj_end(w);
}

/* GET /api/v1/tickets/tiles */
int api_ticket_tiles(struct req *r)
{
	struct ticket_tiles t;
	if (ticket_tiles(r->a, r->user, &t) != 0)
		return 503;
	struct sbuf b;
	struct jw w;
	sbuf_init(&b);
	jw_init(&w, &b);
	jw_obj(&w);
	tile_json(&w, "raised", t.raised, t.raised_open, t.raised_closed);
	tile_json(&w, "assigned", t.assigned, t.assigned_open, t.assigned_closed);
	jw_obj_end(&w);
	return api_send(r, 200, &b);
}

/* GET /api/v1/tickets/similar?type=&location=&subject= — up to 5 open
 * tickets like the one about to be raised */
int api_ticket_similar(struct req *r)
{
	long location = 0;
	if (!parse_long(req_query(r, "location"), 1, 2000000000L, &location)) {
		form_error(r, "location", "ticket.err.location");
		return 422;
	}
	if (str_empty(req_query(r, "type"))) {
		form_error(r, "type", "ticket.err.type");
		return 422;
	}
	struct ticket_like like[5];
	long n = ticket_similar(r->a, r->user, req_query(r, "type"), location, req_query(r, "subject"), like, ARRAY_LEN(like));
	if (n < 0)
		return 503;
	struct sbuf b;
	struct jw w;
	api_list_open(&b, &w);
	for (long i = 0; i < n; i++) {
		jw_obj(&w);
		jw_kstr(&w, "number", like[i].number);
		jw_kstr(&w, "subject", like[i].subject);
		jw_kstr(&w, "status", like[i].status);
		jw_kstr(&w, "created_at", sql_time_iso(r->a, like[i].created_at));
		jw_kint(&w, "words_in_common", like[i].score);
		jw_kstr(&w, "url", arena_printf(r->a, "/api/v1/tickets/%s", like[i].number));
		jw_obj_end(&w);
	}
	return api_list_send(r, &b, &w, NULL);
}

static const struct api_col ticket_type_cols[] = {
	{"code", 0, AK_STR},
	{"name_en", 1, AK_STR},
	{"name_hi", 2, AK_STR},
	{"main_en", 3, AK_STR},
	{"type_en", 5, AK_STR},
	{"default_priority", 7, AK_INT},
	{"resolver_role", 8, AK_STR},
};

/* GET /api/v1/ticket-types?kind=support|grievance — the sub types to raise */
int api_ticket_types(struct req *r)
{
	const char *kind = req_query(r, "kind");
	struct dbres *d = ticket_catalogue(r->a, str_empty(kind) ? "support" : kind);
	if (!d)
		return 503;
	struct sbuf b;
	struct jw w;
	api_list_open(&b, &w);
	API_ROWS(r->a, &w, d, ticket_type_cols);
	return api_list_send(r, &b, &w, NULL);
}

/* POST /api/v1/tickets {type, priority, location, subject, body, mobile,
 * channel, link: {kind, ref}, assignee} */
int api_ticket_create(struct req *r)
{
	struct jval *in = api_body(r);
	if (!in)
		return 400;
	long prio = 0, loc = 0;
	if (json_get(in, "priority") && !json_get_long(in, "priority", &prio))
		prio = -1;
	json_get_long(in, "location", &loc);
	struct jval *link = json_get(in, "link");
	struct ticket_input t = { .type = json_get_str(in, "type"), .priority = prio, .location_id = loc,
				  .subject = json_get_str(in, "subject"), .body = json_get_str(in, "body"),
				  .mobile = json_get_str(in, "mobile"), .channel = json_get_str(in, "channel"),
				  .link_kind = link ? json_get_str(link, "kind") : NULL, .link_ref = link ? json_get_str(link, "ref") : NULL,
				  .assignee = json_get_str(in, "assignee"), .answers = json_get(in, "answers") };
	if (!t.channel)	/* an agent raises for a caller */
		t.channel = user_has(r->user, ROLE_CC_AGENT) ? "call" : "app";
	const char *number;
	struct outcome out;
	out_init(&out, r->a);
	if (ticket_raise(r->a, &r->actor, &t, &number, &out))
		return page_outcome(r, &out);
	return send_ticket(r, 201, number);
}

/* GET /api/v1/tickets/:no */
int api_ticket(struct req *r)
{
	return send_ticket(r, 200, rp(r, 0));
}

/* POST /api/v1/tickets/:no/actions {action, body, assignee, misrouted, code, of, rating} */
int api_ticket_act(struct req *r)
{
	struct jval *in = api_body(r);
	if (!in)
		return 400;
	long rating = 0;
	json_get_long(in, "rating", &rating);
	struct ticket_action a = { .action = json_get_str(in, "action"), .body = json_get_str(in, "body"),
				   .assignee = json_get_str(in, "assignee"), .misrouted = json_get_bool(in, "misrouted", false),
				   .code = json_get_str(in, "code"), .of = json_get_str(in, "of"), .rating = rating };
	struct outcome out;
	out_init(&out, r->a);
	if (ticket_act(r->a, &r->actor, rp(r, 0), &a, &out))
		return page_outcome(r, &out);
	return send_ticket(r, 200, rp(r, 0));
}

/* GET /api/v1/tickets/:no/files — the files this viewer may read */
int api_ticket_files(struct req *r)
{
	enum ticket_seat seat;
	struct ticket *t = visible(r, rp(r, 0), &seat);
	if (!t)
		return 404;
	struct dbres *f = ticket_files(r->a, t, seat != TS_RAISER);
	if (!f)
		return 503;
	struct sbuf b;
	struct jw w;
	api_list_open(&b, &w);
	files_json(r, &w, t, f, 0);
	return api_list_send(r, &b, &w, NULL);
}

/* POST /api/v1/tickets/:no/files (multipart: file, body, action) — a file
 * on the thread: with a reply (public; the default) or, for a handler, an
 * internal note; body is the message (default: "File: NAME").  The same
 * checks as the page's (ticket_act: content, size, kinds; the action's
 * seat and the ticket's state).  403 when the viewer is no party to it. */
int api_ticket_file_add(struct req *r)
{
	struct ticket *t = ticket_get(r->a, rp(r, 0));
	if (!t)
		return 404;
	if (ticket_seat(r->user, t) == TS_NONE)
		return 403;
	const struct ticket_file *file = file_of(r);
	if (!file) {
		form_error(r, "file", "ticket.err.file_missing");
		return 422;
	}
	const char *action = req_form(r, "action");
	const char *body = req_form(r, "body");
	struct ticket_action in = { .action = str_empty(action) ? "reply" : action,
				    .body = str_empty(body) ? arena_printf(r->a, "File: %s", locker_label(r->a, file->label)) : body,
				    .file = file };
	if (!str_eq(in.action, "reply") && !str_eq(in.action, "note")) {
		form_error(r, "action", "ticket.err.file_action");
		return 422;
	}
	struct outcome out;
	out_init(&out, r->a);
	if (ticket_act(r->a, &r->actor, t->number, &in, &out))
		return page_outcome(r, &out);
	/* the row just written: the newest of this uploader's on the ticket */
	const char *id = db_scalar(r->a, "SELECT MAX(id) FROM ticket_attachments WHERE ticket_id = ? AND uploaded_by = ?", "ii",
				   (long long)t->id, (long long)r->user->id);
	struct dbres *f = ticket_files(r->a, t, true);
	if (!id || !f)
		return 503;
	struct sbuf b;
	struct jw w;
	sbuf_init(&b);
	jw_init(&w, &b);
	files_json(r, &w, t, f, strtol(id, NULL, 10));
	return api_send(r, 201, &b);
}

/* GET /api/v1/tickets/dash?location=&by=&days= */
int api_ticket_dash(struct req *r)
{
	struct dash_ask q;
	int st = dash_ask(r, &q);
	if (st)
		return st;
	struct ticket_dash_row *rows;
	long n = ticket_dash(r->a, q.loc->path, q.depth, q.by, q.days, &rows);
	if (n < 0)
		return 503;
	struct sbuf b;
	struct jw w;
	sbuf_init(&b);
	jw_init(&w, &b);
	jw_obj(&w);
	jw_kint(&w, "location", q.loc->id);
	jw_kstr(&w, "by", ticket_dash_codes[q.by]);
	jw_kint(&w, "days", q.days);
	jw_key(&w, "items");
	jw_arr(&w);
	for (long i = 0; i < n; i++) {
		const struct ticket_dash_row *o = &rows[i];
		jw_obj(&w);
		jw_kint(&w, "key", o->key);
		jw_kstr(&w, "name_en", o->name_en);
		jw_kint(&w, "raised", o->total);
		jw_kint(&w, "open", o->open);
		jw_kint(&w, "overdue", o->overdue);
		jw_kint(&w, "resolved", o->resolved);
		jw_kint(&w, "resolved_in_sla", o->in_sla);
		jw_kint(&w, "reopened", o->reopened);
		jw_key(&w, "median_resolution_minutes");
		if (o->median_min >= 0)
			jw_int(&w, o->median_min);
		else
			jw_null(&w);
		jw_key(&w, "open_by_age");
		jw_obj(&w);
		jw_kint(&w, "under_1d", o->age[0]);
		jw_kint(&w, "1d_3d", o->age[1]);
		jw_kint(&w, "3d_7d", o->age[2]);
		jw_kint(&w, "over_7d", o->age[3]);
		jw_obj_end(&w);
		jw_obj_end(&w);
	}
	jw_arr_end(&w);
	jw_obj_end(&w);
	return api_send(r, 200, &b);
}
