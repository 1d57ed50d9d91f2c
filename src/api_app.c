/*
 * api_app.c — the JSON API for applications and documents
 * (docs/api.md).  Same domain code, validation and permissions as
 * the pages; state-changing calls honour Idempotency-Key.
 */
#include "pages.h"
#include "apiutil.h"
#include "application.h"
#include "config.h"
#include "db.h"
#include "lengths.h"
#include "locker.h"
#include "session.h"
#include "tmpl.h"
#include "user.h"
#include "audit.h"

#include <stdlib.h>
#include <string.h>

/* Field errors from a form result into Form.err (for the JSON error). */
static void api_field_errors(struct req *r, const struct form_result *fr)
{
	for (size_t i = 0; i < fr->nerrs; i++) {
		hset(r, arena_printf(r->a, "Form.err.%s", fr->errs[i].field), fr->errs[i].message);
		hset(r, "Form.has_errors", "1");
	}
}

static void app_json(struct req *r, struct jw *w, const struct app *ap, bool full)
{
	const struct svc *s = ap->ver->def;
	jw_obj(w);
	if (ap->number)
		jw_kstr(w, "number", ap->number);
	else
		jw_kstr(w, "number", arena_printf(r->a, "D%ld", ap->id));
	jw_kstr(w, "service", s->code);
	jw_kint(w, "service_version", ap->ver->version);
	jw_kstr(w, "status", ap->status);
	const struct stage *st = svc_stage(s, (size_t)ap->stage_idx);
	if (st && (str_eq(ap->status, "pending") || str_eq(ap->status, "returned"))) {
		jw_key(w, "stage");
		jw_obj(w);
		jw_kstr(w, "code", st->code);
		jw_kstr(w, "name", i18n_get(&st->name, r->lang));
		jw_kstr(w, "role", ap->stage_role);
		jw_obj_end(w);
	}
	jw_kstr(w, "channel", ap->channel);
	jw_kbool(w, "tatkal", ap->tatkal);
	jw_kstr(w, "submitted_at", sql_time_iso(r->a, ap->submitted_at));
	jw_kstr(w, "due_date", ap->due_date);
	jw_kstr(w, "stage_due", ap->stage_due);
	if (ap->office_id) {
		jw_key(w, "office");
		jw_obj(w);
		jw_kint(w, "id", ap->office_id);
		jw_kstr(w, "name", db_scalar(r->a, "SELECT name_en FROM offices WHERE id = ?", "i", (long long)ap->office_id));
		jw_obj_end(w);
	}
	jw_key(w, "fee");
	jw_obj(w);
	jw_kint(w, "amount_paise", ap->fee_paise);
	jw_obj_end(w);
	if (ap->return_remarks) {
		jw_kstr(w, "return_remarks", ap->return_remarks);
		jw_key(w, "return_fields");
		const char *err;
		jw_value(w, ap->return_fields ? json_parse(r->a, ap->return_fields, strlen(ap->return_fields), &err) : NULL);
	}
	if (full) {
		jw_kstr(w, "applicant_name", ap->applicant_name);
		jw_key(w, "fields");
		const char *err;
		jw_value(w, json_parse(r->a, ap->form, strlen(ap->form), &err));
		jw_key(w, "history");
		jw_arr(w);
		struct dbres *ev = db_query(r->a, "SELECT DATE_FORMAT(at, '%Y-%m-%dT%H:%i:%s+05:30'), action, role, remarks, "
						  "out_of_order_reason FROM app_events WHERE app_id = ? ORDER BY id", "i", (long long)ap->id);
		for (size_t i = 0; ev && i < ev->nrows; i++) {
			jw_obj(w);
			jw_kstr(w, "at", db_val(ev, i, 0));
			jw_kstr(w, "action", db_val(ev, i, 1));
			jw_kstr(w, "role", db_val(ev, i, 2));
			jw_kstr(w, "remarks", db_val(ev, i, 3));
			if (db_val(ev, i, 4))
				jw_kstr(w, "out_of_order_reason", db_val(ev, i, 4));
			jw_obj_end(w);
		}
		jw_arr_end(w);
		const char *cert = db_scalar(r->a, "SELECT number FROM certificates WHERE app_id = ? ORDER BY id DESC LIMIT 1", "i",
					     (long long)ap->id);
		if (cert)
			jw_kstr(w, "certificate", cert);
	}
	jw_obj_end(w);
}

static int send_app(struct req *r, int status, const struct app *ap, bool full)
{
	struct sbuf b;
	struct jw w;
	sbuf_init(&b);
	jw_init(&w, &b);
	app_json(r, &w, ap, full);
	api_send(r, status, &b);
	return 0;
}

/* The channel the API caller files through (explicit, or by role). */
static const char *api_channel(struct req *r, const char *want)
{
	static const struct { const char *ch; enum role role; } map[] = {
		{ "online", ROLE_CITIZEN }, { "csc", ROLE_CSC }, { "sewak", ROLE_SEWAK }, { "jsk", ROLE_JSK },
	};
	for (size_t i = 0; i < ARRAY_LEN(map); i++)
		if ((!want || str_eq(want, map[i].ch)) && user_has(r->user, map[i].role))
			return map[i].ch;
	if ((!want || str_eq(want, "counter")) && (r->user->roles & RB_PLAYERS))
		return "counter";
	return NULL;
}

/* Locker document ids per service document from {doc_type: id}. */
static long *api_docs(struct req *r, const struct svc *s, const struct jval *docs)
{
	long *ids = arena_alloc(r->a, (s->ndocs + 1) * sizeof *ids);
	for (size_t i = 0; i < s->ndocs; i++) {
		long id;
		if (json_get_long(docs, s->docs[i].code, &id))
			ids[i] = id;
	}
	return ids;
}

/* fields plus name = value when fields has no answer for name yet. */
static struct jval *with_answer(struct req *r, struct jval *fields, const char *name, const char *value)
{
	if (!name || !value || json_get(fields, name))
		return fields;
	struct jval *o = arena_alloc(r->a, sizeof *o);
	*o = *fields;
	o->keys = arena_alloc(r->a, (fields->n + 1) * sizeof *o->keys);
	o->kids = arena_alloc(r->a, (fields->n + 1) * sizeof *o->kids);
	memcpy(o->keys, fields->keys, fields->n * sizeof *o->keys);
	memcpy(o->kids, fields->kids, fields->n * sizeof *o->kids);
	struct jval *v = arena_alloc(r->a, sizeof *v);
	v->type = J_STR;
	v->str = (char *)value;
	o->keys[o->n] = (char *)name;
	o->kids[o->n++] = v;
	return o;
}

/* The answers of a filing: "fields", completed from the envelope's
 * address_location_id (the routing field) and applicant.name (the
 * applicant_name field) when the service has those fields. */
static struct jval *api_answers(struct req *r, struct jval *fields, const struct svc *s, const struct jval *in)
{
	if (!fields || fields->type != J_OBJ)
		return fields;
	long loc;
	if (json_get_long(in, "address_location_id", &loc))
		fields = with_answer(r, fields, s->route_field, arena_printf(r->a, "%ld", loc));
	if (svc_field(s, "applicant_name"))
		fields = with_answer(r, fields, "applicant_name", json_get_str(json_get(in, "applicant"), "name"));
	return fields;
}

/* POST /api/v1/applications */
int api_app_create(struct req *r)
{
	int st;
	struct jval *in = api_body(r);
	if (!in)
		return 400;
	struct svc_ver *v = svcstore_published(r->a, json_get_str(in, "service") ? json_get_str(in, "service") : "");
	if (!v) {
		form_error(r, "service", "api.service_unknown");
		return 422;
	}
	const char *ch = api_channel(r, json_get_str(in, "channel"));
	if (!ch)
		return 403;
	struct jval *applicant = json_get(in, "applicant");
	struct filing fl = { .filer = r->user->id, .channel = ch, .applicant_mobile = json_get_str(applicant, "mobile") };
	struct jval *fields = api_answers(r, json_get(in, "fields"), v->def, in);
	struct app_input ai = { .ver = v, .answers = fields, .doc_ids = api_docs(r, v->def, json_get(in, "documents")),
				.tatkal = json_get_bool(in, "tatkal", false), .idem = r->idem_key,
				.submit = json_get_bool(in, "submit", true) };
	struct app_result res;
	st = app_file(r, &fl, &ai, &res);
	if (st) {
		api_field_errors(r, &res.form);
		if (res.message)
			r->err_detail = tmpl_str(r->lang, res.message);
		sbuf_free(&res.form.json);
		return st;
	}
	sbuf_free(&res.form.json);
	struct app *ap = app_load(r->a, NULL, res.id, false);
	return ap ? send_app(r, res.repeat ? 200 : 201, ap, false) : 503;
}

/* Finds an application by NO (a number, or D<id> for a draft) visible to the user. */
static struct app *api_find(struct req *r, const char *no)
{
	struct app *ap;
	long id;
	if (no && no[0] == 'D' && parse_long(no + 1, 1, 2000000000000L, &id))
		ap = app_load(r->a, NULL, id, false);
	else
		ap = app_load(r->a, no, 0, false);
	return ap && app_visible(r->user, ap) ? ap : NULL;
}

/* GET /api/v1/applications/NO */
int api_app_get(struct req *r)
{
	struct app *ap = api_find(r, rp(r, 0));
	return ap ? send_app(r, 200, ap, true) : 404;
}

/* PATCH /api/v1/applications/NO — edit a draft (or correct a returned one) */
int api_app_patch(struct req *r)
{
	int st;
	struct app *ap = api_find(r, rp(r, 0));
	if (!ap || (ap->filed_by != r->user->id && ap->applicant_id != r->user->id))
		return 404;
	struct jval *in = api_body(r);
	if (!in)
		return 400;
	bool submit = str_ends_with(r->path, "/submit");
	struct jval *fields = api_answers(r, json_get(in, "fields"), ap->ver->def, in);
	if (str_eq(ap->status, "returned")) {
		if (!submit) {
			/* corrections go back into the queue at once: one call, not two */
			r->err_code = "use_submit";
			r->err_detail = tmpl_str(r->lang, "app.patch_returned");
			return 409;
		}
		struct app_result res;
		st = app_resubmit(r, ap->number, fields, api_docs(r, ap->ver->def, json_get(in, "documents")), &res);
		api_field_errors(r, &res.form);
		sbuf_free(&res.form.json);
		if (st)
			return st;
	} else if (str_eq(ap->status, "draft")) {
		struct svc_ver *v = svcstore_published(r->a, ap->ver->def->code);
		if (!v)
			return 409;
		if (!fields) {
			const char *err;
			fields = json_parse(r->a, ap->form, strlen(ap->form), &err);
		}
		struct filing fl = { .filer = r->user->id, .channel = ap->channel, .applicant_mobile = ap->applicant_mobile };
		struct app_input ai = { .ver = v, .answers = fields, .doc_ids = api_docs(r, v->def, json_get(in, "documents")),
					.tatkal = json_get_bool(in, "tatkal", ap->tatkal), .submit = submit, .draft_id = ap->id };
		struct app_result res;
		st = app_file(r, &fl, &ai, &res);
		api_field_errors(r, &res.form);
		if (res.message)
			r->err_detail = tmpl_str(r->lang, res.message);
		sbuf_free(&res.form.json);
		if (st)
			return st;
	} else {
		return 409;
	}
	ap = app_load(r->a, NULL, ap->id, false);
	return ap ? send_app(r, 200, ap, false) : 503;
}

/* GET /api/v1/applications?mine=1&status=S&limit=N */
int api_app_list(struct req *r)
{
	const char *status = req_query(r, "status"), *lim = req_query(r, "limit"), *before = req_query(r, "before");
	long limit = 50, cursor = 0;
	if ((lim && !parse_long(lim, 1, 100, &limit)) || (before && !parse_long(before, 1, 2000000000000L, &cursor)))
		return 400;
	/* mine=0: an officer's whole jurisdiction (offices under up to four
	 * holding roots, each with its department for a department-scoped
	 * holding); otherwise what the caller filed or applied for */
	struct juris_root roots[4] = { { "\x01", 0 }, { "\x01", 0 }, { "\x01", 0 }, { "\x01", 0 } };
	bool area = str_eq(req_query(r, "mine"), "0");
	if (area) {
		const struct juris_root *pre = juris_prefixes(r->a, r->user, RB_OFFICERS);
		for (size_t i = 0; pre[i].path && i < 4; i++)
			roots[i] = pre[i];
		if (!pre[0].path) {
			r->err_detail = tmpl_str(r->lang, "api.no_area");
			return 403;
		}
	}
#define ROOT_MATCH "(l.path LIKE CONCAT(?, '%') AND (? = 0 OR s.department_id = ?))"
	struct dbres *rows = db_query(r->a,
		"SELECT a.id FROM applications a JOIN services s ON s.id = a.service_id LEFT JOIN offices o ON o.id = a.office_id "
		"LEFT JOIN locations l ON l.id = o.location_id "
		"WHERE (? = 0 AND (a.applicant_id = ? OR a.filed_by = ?) OR ? = 1 AND a.status <> 'draft' AND "
		"(" ROOT_MATCH " OR " ROOT_MATCH " OR " ROOT_MATCH " OR " ROOT_MATCH ")) "
		"AND (? = '' OR a.status = ?) AND (? = 0 OR a.id < ?) ORDER BY a.id DESC LIMIT ?",
		"iiiisiisiisiisiissiii", (long long)area, (long long)r->user->id, (long long)r->user->id, (long long)area,
		roots[0].path, (long long)roots[0].dept, (long long)roots[0].dept, roots[1].path, (long long)roots[1].dept,
		(long long)roots[1].dept, roots[2].path, (long long)roots[2].dept, (long long)roots[2].dept, roots[3].path,
		(long long)roots[3].dept, (long long)roots[3].dept, status ? status : "", status ? status : "", (long long)cursor,
		(long long)cursor, (long long)limit);
#undef ROOT_MATCH
	if (!rows)
		return 503;
	struct sbuf b;
	struct jw w;
	api_list_open(&b, &w);
	for (size_t i = 0; i < rows->nrows; i++) {
		struct app *ap = app_load(r->a, NULL, (long)db_int(rows, i, 0), false);
		if (ap)
			app_json(r, &w, ap, false);
	}
	/* a full page may have more behind it: ask again with before=<next> */
	return api_list_send(r, &b, &w, rows->nrows == (size_t)limit ? db_val(rows, rows->nrows - 1, 0) : NULL);
}

/* GET /api/v1/track?number=&mobile= (public: status and stage only) */
int api_track(struct req *r)
{
	const char *number = req_query(r, "number"), *mobile = req_query(r, "mobile");
	if (!number || !mobile)
		return 400;
	struct app *ap = app_load(r->a, number, 0, false);
	if (!ap || !str_eq(ap->applicant_mobile, mobile) || str_eq(ap->status, "draft"))
		return 404;
	struct sbuf b;
	struct jw w;
	sbuf_init(&b);
	jw_init(&w, &b);
	jw_obj(&w);
	jw_kstr(&w, "number", ap->number);
	jw_kstr(&w, "service", ap->ver->def->code);
	jw_kstr(&w, "status", ap->status);
	const struct stage *st = svc_stage(ap->ver->def, (size_t)ap->stage_idx);
	jw_kstr(&w, "stage", st && str_eq(ap->status, "pending") ? i18n_get(&st->name, r->lang) : NULL);
	jw_kstr(&w, "due_date", ap->due_date);
	jw_obj_end(&w);
	return api_send(r, 200, &b);
}

/* The locker an API call works on; 0 with the field error set when none. */
static long api_locker_owner(struct req *r, const char *mobile, bool create)
{
	long owner = locker_owner(r, mobile, create);
	if (owner <= 0)
		form_error(r, "mobile", "locker.mobile_needed");
	return owner > 0 ? owner : 0;
}

struct upload_ctx {
	struct req *r;			/* request */
	const struct upload *file;	/* the uploaded file */
	long id;			/* out: the document */
	int status;			/* out: 4xx when the input is refused */
};

/* One upload: the owner (registered by a first upload), the document, the
 * audit row.  0, 1 with c->status for refused input, -1 on a database or
 * storage failure (db_txn retries it when it was a lost connection or a
 * deadlock; otherwise the client gets 503 and may retry). */
static int upload_txn(void *p)
{
	struct upload_ctx *c = p;
	struct req *r = c->r;
	long owner = locker_owner(r, req_form(r, "mobile"), true);
	if (owner <= 0) {
		/* no owner because a statement failed is not the client's fault */
		if (db_errno())
			return -1;
		form_error(r, "mobile", "locker.mobile_needed");
		c->status = 422;
		return 1;
	}
	const char *err = NULL;
	c->id = locker_add(r->a, owner, r->user->id, req_form(r, "doc_type"), c->file->filename, c->file->data, c->file->len,
			   (size_t)cfg.max_upload, &err);
	if (!c->id && str_eq(err, "locker.store_failed"))
		return -1;
	if (!c->id) {
		form_error(r, str_eq(err, "locker.type_missing") ? "doc_type" : "file", err);
		c->status = str_eq(err, "locker.too_big") ? 413 : 422;
		return 1;
	}
	struct audit_entry e = { .action = "locker.add", .entity = "document", .entity_id = arena_printf(r->a, "%ld", c->id) };
	return audit_write(req_actor(r), &e) == 0 ? 0 : -1;
}

/* POST /api/v1/documents (multipart: file, doc_type[, mobile]) */
int api_doc_upload(struct req *r)
{
	struct upload_ctx c = { .r = r, .file = req_upload(r, "file") };
	if (!c.file) {
		form_error(r, "file", "locker.empty");
		return 422;
	}
	int rc = db_txn(upload_txn, &c);
	if (rc != 0)
		return rc > 0 ? c.status : 503;
	struct dbres *d = db_query(r->a, "SELECT id, doc_type, mime, size, sha256 FROM documents WHERE id = ?", "i", (long long)c.id);
	if (!d || d->nrows != 1)
		return 503;	/* stored, but unreadable now (the database went away): the client tries again */
	struct sbuf b;
	struct jw w;
	sbuf_init(&b);
	jw_init(&w, &b);
	jw_obj(&w);
	jw_kint(&w, "id", db_int(d, 0, 0));
	jw_kstr(&w, "doc_type", db_val(d, 0, 1));
	jw_kstr(&w, "mime", db_val(d, 0, 2));
	jw_kint(&w, "size", db_int(d, 0, 3));
	jw_kstr(&w, "sha256", db_val(d, 0, 4));
	jw_obj_end(&w);
	api_send(r, 201, &b);
	return 0;
}

/* GET /api/v1/documents (operators: ?mobile= of the villager; what they
 * uploaded, or everything with the villager's consent) */
int api_doc_list(struct req *r)
{
	long owner = api_locker_owner(r, req_query(r, "mobile"), false);
	if (!owner)
		return 422;
	/* an operator without the citizen's consent: its own uploads only */
	struct dbres *d = locker_list(r->a, r->user, owner);
	if (!d)
		return 503;
	struct sbuf b;
	struct jw w;
	api_list_open(&b, &w);
	for (size_t i = 0; i < d->nrows; i++) {
		jw_obj(&w);
		jw_kint(&w, "id", db_int(d, i, 0));
		jw_kstr(&w, "doc_type", db_val(d, i, 1));
		jw_kstr(&w, "mime", db_val(d, i, 2));
		jw_kint(&w, "size", db_int(d, i, 3));
		jw_kstr(&w, "sha256", db_val(d, i, 4));
		jw_obj_end(&w);
	}
	return api_list_send(r, &b, &w, NULL);
}

/* GET /api/v1/applications/NO/acknowledgement */
int api_app_ack(struct req *r)
{
	return page_ack_pdf(r);
}
