/*
 * learning.c — the e-learning library (learning.h): items and versions,
 * what a file really is, progress, the completion report.
 */
#include "learning.h"
#include "audit.h"
#include "db.h"
#include "json.h"
#include "locker.h"
#include "upcheck.h"
#include "user.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

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
	return db_query(a, "SELECT id, kind, lang, title, description, tags, mandatory, version, sha256, size, mime, ikey, status, "
			   "JSON_VALUE(renditions, '$.\"360p\".sha256'), JSON_VALUE(renditions, '$.\"360p\".size') "
			   "FROM learning_items WHERE id = ?", "i", (long long)id);
}

/* ---- renditions ---- */

/* Runs ffmpeg to make a 360-line H.264/AAC MP4 of src at dst (no shell:
 * the paths are arguments).  true when it exited 0. */
static bool ffmpeg_360p(const char *src, const char *dst)
{
	/* at most 360 lines, even (x264 wants even sizes), width by the aspect;
	 * faststart puts the index first so a phone starts playing at once */
	char *const argv[] = { "ffmpeg", "-nostdin", "-v", "error", "-y", "-i", (char *)src, "-vf",
			       "scale=-2:'min(360,trunc(ih/2)*2)'", "-c:v", "libx264", "-preset", "veryfast", "-crf", "28",
			       "-c:a", "aac", "-b:a", "64k", "-movflags", "+faststart", "-f", "mp4", (char *)dst, NULL };
	pid_t pid = fork();
	if (pid < 0)
		return false;
	if (pid == 0) {
		int null = open("/dev/null", O_RDWR);
		if (null >= 0) {
			dup2(null, 0);
			dup2(null, 1);
		}
		execvp(argv[0], argv);
		_exit(127);
	}
	int st;
	while (waitpid(pid, &st, 0) < 0)
		;
	return WIFEXITED(st) && WEXITSTATUS(st) == 0;
}

/* {"360p": {"sha256": hex, "size": len}} in the arena. */
static const char *rendition_json(struct arena *a, const char *hex, size_t len)
{
	struct sbuf b;
	struct jw w;
	sbuf_init(&b);
	jw_init(&w, &b);
	jw_obj(&w);
	jw_key(&w, "360p");
	jw_obj(&w);
	jw_kstr(&w, "sha256", hex);
	jw_kint(&w, "size", (long long)len);
	jw_obj_end(&w);
	jw_obj_end(&w);
	const char *s = arena_strndup(a, b.data, b.len);
	sbuf_free(&b);
	return s;
}

/* The rendition of one video (sha256 hex) as the renditions JSON: its
 * blob recorded, or "{}" when ffmpeg could not make one.  NULL when the
 * blob store failed (try again next run). */
static const char *rendition_of(struct arena *a, const char *hex, FILE *log)
{
	char *src = locker_blob_path(hex);
	char dst[] = "/tmp/gs-rendition-XXXXXX";
	int fd = mkstemp(dst);
	const char *json = "{}";
	if (!src || fd < 0) {
		free(src);
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	close(fd);
	struct stat sb;
	if (ffmpeg_360p(src, dst) && stat(dst, &sb) == 0 && sb.st_size > 0) {
		size_t len = 0;
		unsigned char *data = NULL;
		FILE *f = fopen(dst, "rb");
		if (f) {
			data = malloc((size_t)sb.st_size);
			len = fread(data, 1, (size_t)sb.st_size, f);
			fclose(f);
		}
		const char *out = data && len == (size_t)sb.st_size ? locker_put_blob(a, data, len) : NULL;
		free(data);
		json = out ? rendition_json(a, out, len) : NULL;
	} else if (log) {
		fprintf(log, "learn-renditions: ffmpeg made nothing of %s\n", hex);
	}
	unlink(dst);
	free(src);
	return json;
}

long learning_renditions(struct arena *a, long limit, FILE *log)
{
	struct dbres *v = db_query(a, "SELECT id, sha256 FROM learning_items WHERE kind = 'video' AND status = 'active' "
				      "AND renditions IS NULL ORDER BY id LIMIT ?", "i", (long long)limit);
	if (!v)
		return -1;
	long made = 0;
	for (size_t i = 0; i < v->nrows; i++) {
		const char *json = rendition_of(a, db_val(v, i, 1), log);
		if (!json)
			return -1;
		struct audit_entry e = { .action = "learning.rendition", .entity = "learning_item", .entity_id = db_val(v, i, 0),
					 .remarks = json };
		if (db_begin() != 0)
			return -1;
		if (db_exec("UPDATE learning_items SET renditions = ? WHERE id = ? AND renditions IS NULL", "si", json,
			    db_int(v, i, 0)) < 0 || audit_write(NULL, &e) != 0 || db_commit() != 0) {
			db_rollback();
			return -1;
		}
		made += str_eq(json, "{}") ? 0 : 1;
		if (log)
			fprintf(log, "learn-renditions: item %s: %s\n", db_val(v, i, 0), json);
	}
	if (log)
		fprintf(log, "learn-renditions: %ld made\n", made);
	return made;
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
