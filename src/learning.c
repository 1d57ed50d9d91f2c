/*
 * learning.c — the e-learning library (learning.h): items and versions,
 * what a file really is, progress, the completion report.
 */
#include "learning.h"
#include "audit.h"
#include "db.h"
#include "locker.h"
#include "upcheck.h"
#include "user.h"

#include <stdlib.h>
#include <string.h>

/* What the file is, for kind: its MIME type, or NULL.  A video must be an
 * MP4 (an ISO BMFF "ftyp" box first); a PDF or SOP a PDF that upcheck
 * accepts; slides a PPTX (zip) or PPT (OLE compound file). */
static const char *kind_mime(const char *kind, const unsigned char *p, size_t n)
{
	const char *rule;
	if (!p || n < 12)
		return NULL;
	if (str_eq(kind, "video"))
		return memcmp(p + 4, "ftyp", 4) == 0 ? "video/mp4" : NULL;
	if (str_eq(kind, "pdf") || str_eq(kind, "sop"))
		return str_eq(upcheck_file(p, n, &rule), "application/pdf") ? "application/pdf" : NULL;
	if (str_eq(kind, "ppt")) {
		if (memcmp(p, "PK\3\4", 4) == 0)
			return "application/vnd.openxmlformats-officedocument.presentationml.presentation";
		if (memcmp(p, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0)
			return "application/vnd.ms-powerpoint";
	}
	return NULL;
}

struct add_ctx {
	struct arena *a;
	const struct actor *who;
	const struct learn_input *in;
	const char *hex, *mime;
	long *id;
};

static int add_txn(void *p)
{
	struct add_ctx *c = p;
	const struct learn_input *in = c->in;
	const char *ver = db_scalar(c->a, "SELECT IFNULL(MAX(version), 0) + 1 FROM learning_items WHERE ikey = ? FOR UPDATE", "s", in->key);
	if (!ver || db_exec("UPDATE learning_items SET status = 'retired' WHERE ikey = ? AND status = 'active'", "s", in->key) < 0 ||
	    db_exec("INSERT INTO learning_items (ikey, version, kind, lang, title, description, tags, audience, mandatory, sha256, size, "
		    "mime, created_by, created_at) VALUES (?, ?, ?, ?, ?, NULLIF(?, ''), ?, ?, ?, ?, ?, ?, NULLIF(?, 0), NOW())",
		    "sissssssisisi", in->key, (long long)strtol(ver, NULL, 10), in->kind, in->lang, in->title, in->description,
		    in->tags ? in->tags : "", in->audience, (long long)in->mandatory, c->hex, (long long)in->len, c->mime,
		    (long long)actor_id(c->who)) != 1)
		return -1;
	*c->id = (long)db_last_id();
	struct audit_entry e = { .action = "learning.add", .entity = "learning_item", .entity_id = arena_printf(c->a, "%ld", *c->id),
				 .remarks = arena_printf(c->a, "%s v%s %s (%s)", in->key, ver, in->kind, c->hex) };
	return audit_write(c->who, &e) == 0 ? 0 : -1;
}

int learning_add(struct arena *a, const struct actor *who, const struct learn_input *in, long *id, struct outcome *out)
{
	static const char *const kinds[] = { "video", "ppt", "pdf", "sop" };
	bool kind_ok = false;
	for (size_t i = 0; i < ARRAY_LEN(kinds); i++)
		kind_ok |= str_eq(in->kind, kinds[i]);
	size_t kl = in->key ? strlen(in->key) : 0;
	if (kl < 1 || kl > 40 || strspn(in->key, "abcdefghijklmnopqrstuvwxyz0123456789_-") != kl)
		out_field(out, "key", "learn.err.key", NULL);
	if (!kind_ok)
		out_field(out, "kind", "learn.err.kind", NULL);
	if (!str_eq(in->lang, "en") && !str_eq(in->lang, "hi"))
		out_field(out, "lang", "learn.err.lang", NULL);
	if (str_empty(in->title))
		out_field(out, "title", "form.err.required", NULL);
	else
		out_max_len(out, "title", in->title, 200);
	out_max_len(out, "description", in->description, 1000);
	out_max_len(out, "tags", in->tags, 200);
	if (!role_list_ok(a, in->audience))
		out_field(out, "audience", "learn.err.audience", NULL);
	struct add_ctx c = { .a = a, .who = who, .in = in, .id = id, .mime = kind_ok ? kind_mime(in->kind, in->data, in->len) : NULL };
	if (kind_ok && !c.mime)
		out_field(out, "file", "learn.err.file", NULL);
	if (out->status)
		return out->status;
	c.hex = locker_put_blob(a, in->data, in->len);
	if (!c.hex)
		return out_fail(out, 503, NULL);
	return out_txn(out, add_txn, &c);
}

int learning_progress(struct arena *a, const struct actor *who, long id, long pct, struct outcome *out)
{
	if (!who->user || !learning_visible(a, who->user, id))
		return out_fail(out, 404, NULL);
	if (pct < 0 || pct > 100) {
		out_field(out, "pct", "learn.err.pct", NULL);
		return out->status;
	}
	/* progress only moves forward, and a completion stays: a beacon is a
	 * single statement, no audit row (like an answer save, it records a
	 * person's own reading; the completion time is kept) */
	if (db_exec("INSERT INTO learning_progress (item_id, user_id, pct, updated_at, completed_at) VALUES (?, ?, ?, NOW(), IF(? >= 100, NOW(), NULL)) "
		    "ON DUPLICATE KEY UPDATE pct = GREATEST(pct, VALUES(pct)), updated_at = NOW(), "
		    "completed_at = IFNULL(completed_at, VALUES(completed_at))",
		    "iiii", (long long)id, (long long)who->user->id, (long long)pct, (long long)pct) < 0)
		return out_fail(out, 503, NULL);
	return 0;
}

bool learning_admin(const struct user *u)
{
	return u && (user_has(u, ROLE_STATE_ADMIN) || user_has(u, ROLE_MASTER_TRAINER));
}

bool learning_visible(struct arena *a, const struct user *u, long id)
{
	const char *aud = u ? db_scalar(a, "SELECT audience FROM learning_items WHERE id = ?", "i", (long long)id) : NULL;
	return aud && (user_holds_any(a, u, aud) || learning_admin(u));
}

struct dbres *learning_list(struct arena *a, const struct user *u, const char *lang, const char *tag)
{
	struct dbres *r = db_query(a,
		"SELECT i.id, i.kind, i.lang, i.title, i.description, i.tags, i.mandatory, i.version, IFNULL(p.pct, 0), p.completed_at, "
		"i.size, i.audience FROM learning_items i LEFT JOIN learning_progress p ON p.item_id = i.id AND p.user_id = ? "
		"WHERE i.status = 'active' AND (? = '' OR i.lang = ?) AND (? = '' OR FIND_IN_SET(?, i.tags)) "
		"ORDER BY i.mandatory DESC, i.title LIMIT 1000",
		"issss", (long long)u->id, lang ? lang : "", lang ? lang : "", tag ? tag : "", tag ? tag : "");
	if (!r)
		return NULL;
	bool *keep = arena_alloc(a, (r->nrows + 1) * sizeof *keep);
	for (size_t i = 0; i < r->nrows; i++)
		keep[i] = user_holds_any(a, u, db_val(r, i, 11)) || learning_admin(u);
	db_rows_keep(r, keep);
	return r;
}

struct dbres *learning_get(struct arena *a, long id)
{
	return db_query(a, "SELECT id, kind, lang, title, description, tags, mandatory, version, sha256, size, mime, ikey, status "
			   "FROM learning_items WHERE id = ?", "i", (long long)id);
}

struct dbres *learning_report(struct arena *a, const char *path)
{
	return db_query(a,
		"SELECT i.id, i.title, i.lang, COUNT(DISTINCT rh.user_id), COUNT(DISTINCT IF(p.completed_at IS NOT NULL, rh.user_id, NULL)) "
		"FROM learning_items i JOIN role_holdings rh ON FIND_IN_SET(rh.role, i.audience) AND rh.active = 1 "
		"AND rh.work_from <= CURDATE() AND (rh.work_to IS NULL OR rh.work_to >= CURDATE()) "
		"JOIN locations l ON l.id = rh.location_id AND l.path LIKE CONCAT(?, '%') "
		"LEFT JOIN learning_progress p ON p.item_id = i.id AND p.user_id = rh.user_id "
		"WHERE i.status = 'active' AND i.mandatory = 1 GROUP BY i.id, i.title, i.lang ORDER BY i.title", "s", path);
}
