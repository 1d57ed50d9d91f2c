/*
 * locker.c — documents and content-addressed blobs: whose locker a user
 * works on, uploads, and who sees, attaches and reads which document.
 */
#include "locker.h"
#include "audit.h"
#include "auth.h"
#include "config.h"
#include "db.h"
#include "log.h"
#include "photo.h"
#include "upcheck.h"
#include "user.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

char *locker_blob_path(const char *hex)
{
	char *dir = config_path(cfg.data_dir);
	char *p = xasprintf("%s/blobs/%.2s/%.2s/%s", dir, hex, hex + 2, hex);
	free(dir);
	return p;
}

static int mkdirs(char *path)
{
	for (char *s = path + 1; *s; s++)
		if (*s == '/') {
			*s = '\0';
			if (mkdir(path, 0750) != 0 && errno != EEXIST) {
				*s = '/';
				return -1;
			}
			*s = '/';
		}
	return 0;
}

char *locker_put_blob(struct arena *a, const unsigned char *p, size_t n)
{
	unsigned char h[32];
	crypto_hash_sha256(h, p, n);
	char hex[65];
	sodium_bin2hex(hex, sizeof hex, h, sizeof h);
	char *path = locker_blob_path(hex);
	struct stat st;
	char *res = NULL;
	if (stat(path, &st) == 0 && (size_t)st.st_size == n) {
		res = arena_strdup(a, hex);	/* already stored */
		goto out;
	}
	if (mkdirs(path) != 0)
		goto out;
	char *tmp = xasprintf("%s.%d.tmp", path, (int)getpid());
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0640);
	if (fd >= 0) {
		size_t off = 0;
		while (off < n) {
			ssize_t w = write(fd, p + off, n - off);
			if (w <= 0)
				break;
			off += (size_t)w;
		}
		bool ok = off == n && fsync(fd) == 0;
		close(fd);
		if (ok && rename(tmp, path) == 0)
			res = arena_strdup(a, hex);
		else
			unlink(tmp);
	}
	free(tmp);
out:
	if (!res)
		log_error("blob write failed for %s: %s", path, strerror(errno));
	free(path);
	return res;
}

const char *locker_label(struct arena *a, const char *label)
{
	char *clean = arena_strdup(a, label && utf8_valid(label, strlen(label)) ? label : "document");
	if (utf8_chars(clean) > 100)
		clean[100] = '\0';	/* byte cut is fine for display; re-validated below */
	if (!utf8_valid(clean, strlen(clean)))
		clean = "document";
	return clean;
}

const char *locker_store(struct arena *a, const unsigned char *p, size_t n, size_t max, const char **mime,
			 size_t *stored, struct photo_meta *m, const char **err)
{
	if (n == 0) {
		*err = "locker.empty";
		return NULL;
	}
	if (n > max) {
		*err = "locker.too_big";
		return NULL;
	}
	*mime = upcheck_file(p, n, err);	/* *err: the rule it broke */
	if (!*mime)
		return NULL;
	/* pictures are kept without their metadata (EXIF places, camera
	 * serials, comments); what the camera recorded of time and place is
	 * kept as columns for photo answers (photo.h) */
	memset(m, 0, sizeof *m);
	unsigned char *clean_img = NULL;
	size_t clean_len = 0;
	if (!str_eq(*mime, "application/pdf")) {
		if (!photo_clean(p, n, *mime, &clean_img, &clean_len, m)) {
			*err = "locker.bad_type";
			return NULL;
		}
		p = clean_img;
		n = clean_len;
	}
	char *hex = locker_put_blob(a, p, n);
	free(clean_img);
	if (!hex)
		*err = "locker.store_failed";
	*stored = n;
	return hex;
}

long locker_add(struct arena *a, long owner, long uploader, const char *doc_type, const char *label,
		const unsigned char *p, size_t n, size_t max, const char **err)
{
	if (n > 0 && n <= max && (str_empty(doc_type) || strlen(doc_type) > 40 ||
				  strspn(doc_type, "abcdefghijklmnopqrstuvwxyz0123456789_") != strlen(doc_type))) {
		*err = "locker.type_missing";
		return 0;
	}
	struct photo_meta m;
	const char *mime;
	const char *hex = locker_store(a, p, n, max, &mime, &n, &m, err);
	if (!hex)
		return 0;
	const char *clean = locker_label(a, label);
	char lat[24] = "", lon[24] = "";
	if (m.has_gps) {
		snprintf(lat, sizeof lat, "%.6f", m.lat);
		snprintf(lon, sizeof lon, "%.6f", m.lon);
	}
	if (db_exec("INSERT INTO documents (owner_id, uploaded_by, doc_type, label, mime, size, sha256, exif_at, exif_lat, exif_lon) "
		    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", "iisssissss", (long long)owner, (long long)uploader, doc_type, clean,
		    mime, (long long)n, hex, m.taken_at[0] ? m.taken_at : NULL, m.has_gps ? lat : NULL, m.has_gps ? lon : NULL) != 1) {
		*err = "locker.store_failed";
		return 0;
	}
	return (long)db_last_id();
}

long locker_add_issued(long owner, long issuer, const char *label, const char *sha_hex, size_t size)
{
	if (db_exec("INSERT INTO documents (owner_id, uploaded_by, doc_type, label, mime, size, sha256, source) "
		    "VALUES (?, ?, 'certificate', ?, 'application/pdf', ?, ?, 'certificate')", "iisis", (long long)owner,
		    (long long)issuer, label, (long long)size, sha_hex) != 1)
		return 0;
	return (long)db_last_id();
}

/* Does the user (bound three times) see document d of a citizen's locker?
 * The citizen does, whoever uploaded it does (an operator acting for the
 * villager), and an operator the citizen let in with a live consent
 * (consent.h) sees the whole locker.  Nobody else, whatever the mobile. */
#define LOCKER_SEES "(d.owner_id = ? OR d.uploaded_by = ? OR EXISTS (SELECT 1 FROM locker_consents c " \
	"WHERE c.citizen_id = d.owner_id AND c.operator_id = ? AND c.withdrawn_at IS NULL AND c.expires_at > NOW()))"

struct dbres *locker_list(struct arena *a, const struct user *u, long owner)
{
	return db_query(a, "SELECT d.id, d.doc_type, d.mime, d.size, d.sha256, d.label, CEIL(d.size / 1024), "
			   "DATE(d.created_at) FROM documents d "
			   "WHERE d.owner_id = ? AND " LOCKER_SEES " ORDER BY d.id DESC LIMIT 100",
			"iiii", (long long)owner, (long long)u->id, (long long)u->id, (long long)u->id);
}

bool locker_may_use(struct arena *a, const struct user *u, long owner, long id)
{
	return db_scalar(a, "SELECT d.id FROM documents d WHERE d.id = ? AND d.owner_id = ? AND " LOCKER_SEES,
			 "iiiii", (long long)id, (long long)owner, (long long)u->id, (long long)u->id, (long long)u->id) != NULL;
}

bool locker_may_read(struct arena *a, const struct user *u, long id)
{
	if (!u)
		return false;
	if (db_scalar(a, "SELECT d.id FROM documents d WHERE d.id = ? AND " LOCKER_SEES, "iiii", (long long)id,
		      (long long)u->id, (long long)u->id, (long long)u->id))
		return true;
	/* officers: an application using the document lies in their jurisdiction (app_visible's rule) */
	struct dbres *apps = db_query(a, "SELECT a.office_path, s.department_id FROM app_documents d JOIN applications a ON a.id = d.app_id "
					 "JOIN services s ON s.id = a.service_id WHERE d.document_id = ? AND a.status <> 'draft'",
				      "i", (long long)id);
	for (size_t i = 0; apps && i < apps->nrows; i++)
		if (juris_holding(u, RB_OFFICERS, 0, db_val(apps, i, 0), (long)db_int(apps, i, 1)))
			return true;
	return false;
}

unsigned char *locker_read(struct arena *a, long id, size_t *len, const char **mime, const char **label)
{
	struct dbres *d = db_query(a, "SELECT sha256, mime, label FROM documents WHERE id = ?", "i", (long long)id);
	if (!d || d->nrows != 1)
		return NULL;
	*mime = db_val(d, 0, 1);
	*label = db_val(d, 0, 2);
	return locker_read_blob(db_val(d, 0, 0), len);
}

unsigned char *locker_read_blob(const char *sha_hex, size_t *len)
{
	char *path = locker_blob_path(sha_hex);
	FILE *f = fopen(path, "rb");
	free(path);
	if (!f)
		return NULL;
	struct sbuf b;
	sbuf_init(&b);
	char buf[65536];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		sbuf_add(&b, buf, n);
	fclose(f);
	*len = b.len;
	return (unsigned char *)sbuf_detach(&b);
}

long locker_owner(struct arena *a, const struct user *u, const char *mobile)
{
	if (user_has(u, ROLE_CITIZEN))
		return u->id;
	if (!u || !(u->roles & RB_OPERATORS) || !valid_mobile(mobile))
		return 0;
	long id = user_citizen_id(a, mobile);
	return id > 0 ? id : -1;	/* not registered yet: the first upload registers the villager */
}

struct upload_ctx {
	struct arena *a;		/* memory */
	const struct actor *who;	/* the uploader */
	const struct locker_file *in;	/* the file */
	struct outcome *out;		/* problems */
	long id;			/* the document made */
};

static int upload_txn(void *p)
{
	struct upload_ctx *c = p;
	struct arena *a = c->a;
	out_init(c->out, a);	/* a retried transaction starts again */
	long owner = locker_owner(a, c->who->user, c->in->mobile);
	/* a villager new to the system is registered by the first upload
	 * (audited; rolled back with the upload when it is refused) */
	if (owner < 0 && (owner = user_citizen(a, c->who, c->in->mobile, NULL, c->in->lang)) <= 0)
		return -1;
	const char *err = NULL;
	c->id = locker_add(a, owner, actor_id(c->who), c->in->doc_type, c->in->label, c->in->data, c->in->len,
			   (size_t)cfg.max_upload, &err);
	if (!c->id && str_eq(err, "locker.store_failed"))
		return -1;	/* the database or the file store, not the file: 503, sent again */
	if (!c->id) {
		out_field(c->out, str_eq(err, "locker.type_missing") ? "doc_type" : "file", err, NULL);
		out_fail(c->out, str_eq(err, "locker.too_big") ? 413 : 422, NULL);
		return 1;	/* refused: rolled back, the villager too */
	}
	struct audit_entry e = { .action = "locker.add", .entity = "document", .entity_id = arena_printf(a, "%ld", c->id) };
	return audit_write(c->who, &e) == 0 ? 0 : -1;
}

long locker_upload(struct arena *a, const struct actor *who, const struct locker_file *in, struct outcome *out)
{
	/* both missing pieces at once: whose locker, and the file */
	if (!locker_owner(a, who->user, in->mobile))
		out_field(out, "mobile", "locker.mobile_needed", NULL);
	if (!in->data)
		out_field(out, "file", "locker.empty", NULL);
	if (out->nerrs) {
		out_fail(out, 422, NULL);
		return 0;
	}
	struct upload_ctx c = { .a = a, .who = who, .in = in, .out = out };
	return out_txn(out, upload_txn, &c) == 0 ? c.id : 0;
}

bool locker_photo(struct arena *a, long id, struct form_photo *m)
{
	struct dbres *r = db_query(a, "SELECT DATE_FORMAT(exif_at, '%Y-%m-%d %H:%i:%s'), exif_lat, exif_lon FROM documents "
				      "WHERE id = ? AND mime IN ('image/jpeg', 'image/png')", "i", (long long)id);
	memset(m, 0, sizeof *m);
	if (!r || r->nrows != 1)
		return false;
	m->exif_at = db_val(r, 0, 0);
	if (db_val(r, 0, 1) && db_val(r, 0, 2)) {
		m->has_gps = true;
		m->lat = strtod(db_val(r, 0, 1), NULL);
		m->lon = strtod(db_val(r, 0, 2), NULL);
	}
	return true;
}
