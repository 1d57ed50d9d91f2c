/*
 * page_locker.c — the document locker, pages and JSON API: a citizen's own
 * locker, an operator's villager's by mobile (/locker, /api/v1/documents),
 * uploads and downloads.  Whose locker, who sees which document and every
 * write are locker.c's; consent to see a whole locker is page_consent.c's.
 */
#include "pages.h"
#include "apiutil.h"
#include "config.h"
#include "db.h"
#include "locker.h"
#include "tmpl.h"
#include "user.h"

#include <stdlib.h>

void page_locker_docs(struct req *r, long owner)
{
	static const char *const cols[] = { "id", "doc_type", "mime", "size", "sha256", "label", "kb", NULL };
	struct dbres *d = locker_list(r->a, r->user, owner);
	hset_rows(r, "Locker", d, cols);
	hset_rows_date(r, "Locker", d, 7, "added");
}

int page_locker_show(struct req *r, long owner)
{
	if (owner > 0)
		page_locker_docs(r, owner);
	if (owner != 0 || user_has(r->user, ROLE_CITIZEN))
		hset(r, "Owner", "1");
	hset_int(r, "MaxKB", cfg.max_upload / 1024);
	consent_to_hdf(r, owner);
	return tmpl_render(r, "locker.cs");
}

/* GET /locker */
int page_locker(struct req *r)
{
	const char *mobile = req_param(r, "mobile");
	long owner = locker_owner(r->a, r->user, mobile);
	hset(r, "Form.val.mobile", mobile);
	static const char *const done[] = { "consent", "granted", "withdrawn", NULL };
	for (size_t i = 0; done[i]; i++)
		if (req_query(r, done[i]))
			hset(r, "Flash", tmpl_str(r->lang, arena_printf(r->a, "consent.done_%s", done[i])));
	return page_locker_show(r, owner);
}

/* The upload a request carries (multipart: file, doc_type), into the
 * locker of mobile. */
static struct locker_file upload_of(struct req *r, const char *mobile)
{
	const struct upload *u = req_upload(r, "file");
	return (struct locker_file){ .mobile = mobile, .doc_type = req_form(r, "doc_type"), .label = u ? u->filename : NULL,
				     .data = u ? u->data : NULL, .len = u ? u->len : 0, .lang = r->lang };
}

/* POST /locker (multipart: file, doc_type, mobile for operators) */
int page_locker_post(struct req *r)
{
	const char *mobile = req_param(r, "mobile");
	hset(r, "Form.val.mobile", mobile);
	struct locker_file in = upload_of(r, mobile);
	struct outcome out;
	out_init(&out, r->a);
	if (!locker_upload(r->a, &r->actor, &in, &out)) {
		if (!out.nerrs)
			return page_outcome(r, &out);
		/* the form again, whatever the refusal (a file too large too) */
		page_outcome(r, &out);
		r->status = 422;
		return page_locker_show(r, locker_owner(r->a, r->user, mobile));
	}
	resp_redirect(r, mobile ? arena_printf(r->a, "/locker?mobile=%s&added=1", url_encode(r->a, mobile)) : "/locker?added=1");
	return 0;
}

/* GET /locker/:id[?inline=1] — download (or preview): whoever sees it in the locker (locker_list),
 * or officers with an application using it */
int page_locker_get(struct req *r)
{
	long id;
	if (!parse_long(rp(r, 0), 1, 2000000000000L, &id))
		return 404;
	if (!locker_may_read(r->a, r->user, id))
		return 404;
	size_t len;
	const char *mime, *label;
	unsigned char *p = locker_read(r->a, id, &len, &mime, &label);
	if (!p)
		return 404;
	if (req_query(r, "inline"))	/* the desk's preview link: shown, not saved */
		resp_inline(r, mime, p, len, label);
	else
		resp_bytes(r, mime, p, len, label);
	free(p);
	return 0;
}

static const struct api_col doc_cols[] = {
	{"id", 0, AK_INT},
	{"doc_type", 1, AK_STR},
	{"mime", 2, AK_STR},
	{"size", 3, AK_INT},
	{"sha256", 4, AK_STR},
};

/* One locker document as JSON: {id, doc_type, mime, size, sha256} from a
 * row whose first five columns are those. */
static void doc_json(struct jw *w, const struct dbres *d, size_t row)
{
	jw_obj(w);
	API_COLS(NULL, w, d, row, doc_cols);
	jw_obj_end(w);
}

/* POST /api/v1/documents (multipart: file, doc_type[, mobile]) */
int api_doc_upload(struct req *r)
{
	struct locker_file in = upload_of(r, req_form(r, "mobile"));
	struct outcome out;
	out_init(&out, r->a);
	long id = locker_upload(r->a, &r->actor, &in, &out);
	if (!id)
		return page_outcome(r, &out);
	struct dbres *d = db_query(r->a, "SELECT id, doc_type, mime, size, sha256 FROM documents WHERE id = ?", "i", (long long)id);
	if (!d || d->nrows != 1)
		return 503;	/* stored, but unreadable now (the database went away): the client tries again */
	struct sbuf b;
	struct jw w;
	sbuf_init(&b);
	jw_init(&w, &b);
	doc_json(&w, d, 0);
	api_send(r, 201, &b);
	return 0;
}

/* GET /api/v1/documents (operators: ?mobile= of the villager; what they
 * uploaded, or everything with the villager's consent) */
int api_doc_list(struct req *r)
{
	long owner = locker_owner(r->a, r->user, req_query(r, "mobile"));
	if (owner <= 0) {
		form_error(r, "mobile", "locker.mobile_needed");
		return 422;
	}
	/* an operator without the citizen's consent: its own uploads only */
	struct dbres *d = locker_list(r->a, r->user, owner);
	if (!d)
		return 503;
	struct sbuf b;
	struct jw w;
	api_list_open(&b, &w);
	for (size_t i = 0; i < d->nrows; i++)
		doc_json(&w, d, i);
	return api_list_send(r, &b, &w, NULL);
}
