/*
 * svcstore.c — service versions in MariaDB.
 */
#include "svcstore.h"
#include "db.h"
#include "log.h"

#include <stdlib.h>
#include <string.h>

#define CACHE_SLOTS 64

struct cached {
	long id;		/* version id, 0 = empty */
	struct arena mem;	/* owns def */
	struct svc_ver v;	/* parsed */
};
static struct cached cache[CACHE_SLOTS];

static struct svc_ver *parse_row(struct arena *a, struct dbres *r)
{
	const char *err;
	struct jval *j = json_parse(a, db_val(r, 0, 4), r->lens[4], &err);
	struct sbuf probs;
	sbuf_init(&probs);
	struct svc *def = j ? svc_from_json(a, j, &probs) : NULL;
	if (!def)
		log_error("service version %s does not parse: %s", db_val(r, 0, 0), j ? probs.data : err);
	sbuf_free(&probs);
	if (!def)
		return NULL;
	struct svc_ver *v = arena_alloc(a, sizeof *v);
	v->id = (long)db_int(r, 0, 0);
	v->service_id = (long)db_int(r, 0, 1);
	v->version = (long)db_int(r, 0, 2);
	v->status = arena_strdup(a, db_val(r, 0, 3));
	v->svc_status = arena_strdup(a, db_val(r, 0, 5));
	v->def = def;
	return v;
}

#define VER_COLS "v.id, v.service_id, v.version, v.status, v.definition, s.status"

struct svc_ver *svcstore_version(struct arena *a, long id)
{
	for (int i = 0; i < CACHE_SLOTS; i++)
		if (cache[i].id == id) {
			struct svc_ver *v = arena_alloc(a, sizeof *v);
			*v = cache[i].v;	/* the parsed definition stays in the cache arena */
			return v;
		}
	struct dbres *r = db_query(a, "SELECT " VER_COLS " FROM service_versions v JOIN services s ON s.id = v.service_id "
				      "WHERE v.id = ?", "i", (long long)id);
	if (!r || r->nrows != 1)
		return NULL;
	if (str_eq(db_val(r, 0, 3), "draft"))
		return parse_row(a, r);
	/* published or superseded: immutable, keep a parsed copy */
	int slot = (int)((unsigned long)id % CACHE_SLOTS);
	if (cache[slot].id)
		arena_free(&cache[slot].mem);
	arena_init(&cache[slot].mem);
	struct svc_ver *pv = parse_row(&cache[slot].mem, r);
	if (!pv) {
		arena_free(&cache[slot].mem);
		cache[slot].id = 0;
		return NULL;
	}
	cache[slot].v = *pv;
	cache[slot].id = id;
	struct svc_ver *v = arena_alloc(a, sizeof *v);
	*v = *pv;
	return v;
}

struct svc_ver *svcstore_published(struct arena *a, const char *code)
{
	const char *id = db_scalar(a, "SELECT published_version_id FROM services WHERE code = ? AND status = 'active'",
				   "s", code);
	struct svc_ver *v = id ? svcstore_version(a, strtol(id, NULL, 10)) : NULL;
	return v;
}

struct svc_ver *svcstore_draft(struct arena *a, const char *code, long user_id)
{
	struct dbres *r = db_query(a, "SELECT " VER_COLS " FROM service_versions v JOIN services s ON s.id = v.service_id "
				      "WHERE s.code = ? AND v.status = 'draft' FOR UPDATE", "s", code);
	if (!r)
		return NULL;
	if (r->nrows == 1)
		return parse_row(a, r);
	/* no draft: copy the published version into version N+1 */
	r = db_query(a, "SELECT " VER_COLS " FROM service_versions v JOIN services s ON s.id = v.service_id "
			"WHERE s.code = ? AND v.id = s.published_version_id FOR UPDATE", "s", code);
	if (!r || r->nrows != 1)
		return NULL;
	const char *next = db_scalar(a, "SELECT MAX(version) + 1 FROM service_versions WHERE service_id = ?", "i",
				     db_int(r, 0, 1));
	if (!next || db_exec("INSERT INTO service_versions (service_id, version, status, definition, name_en, name_hi, created_by) "
			     "SELECT service_id, ?, 'draft', definition, name_en, name_hi, NULLIF(?, 0) FROM service_versions WHERE id = ?",
			     "iii", strtoll(next, NULL, 10), (long long)user_id, db_int(r, 0, 0)) != 1)
		return NULL;
	long nid = (long)db_last_id();
	db_exec("INSERT INTO service_changes (service_id, version, user_id, summary) VALUES (?, ?, NULLIF(?, 0), ?)",
		"iiis", db_int(r, 0, 1), strtoll(next, NULL, 10), (long long)user_id, "new draft from the published version");
	r = db_query(a, "SELECT " VER_COLS " FROM service_versions v JOIN services s ON s.id = v.service_id WHERE v.id = ?",
		     "i", (long long)nid);
	return r && r->nrows == 1 ? parse_row(a, r) : NULL;
}

int svcstore_save(struct svc_ver *v, long user_id, const char *summary)
{
	struct sbuf b;
	sbuf_init(&b);
	svc_to_json(v->def, &b);
	long long n = db_exec("UPDATE service_versions SET definition = ?, name_en = ?, name_hi = ?, updated_by = NULLIF(?, 0) "
			      "WHERE id = ? AND status = 'draft'", "sssii", b.data, v->def->name.en ? v->def->name.en : "",
			      v->def->name.hi ? v->def->name.hi : "", (long long)user_id, (long long)v->id);
	sbuf_free(&b);
	if (n < 0)
		return -1;
	return db_exec("INSERT INTO service_changes (service_id, version, user_id, summary) VALUES (?, ?, NULLIF(?, 0), LEFT(?, 255))",
		       "iiis", (long long)v->service_id, (long long)v->version, (long long)user_id, summary) == 1 ? 0 : -1;
}

long svcstore_dept(struct arena *a, const char *code)
{
	const char *id = code ? db_scalar(a, "SELECT id FROM departments WHERE code = ?", "s", code) : NULL;
	return id ? strtol(id, NULL, 10) : 0;
}

int svcstore_publish(struct arena *a, const char *code, long user_id, struct sbuf *probs)
{
	struct dbres *r = db_query(a, "SELECT " VER_COLS " FROM service_versions v JOIN services s ON s.id = v.service_id "
				      "WHERE s.code = ? AND v.status = 'draft' FOR UPDATE", "s", code);
	if (!r)
		return -1;
	if (r->nrows != 1) {
		sbuf_adds(probs, "there is no draft to publish\n");
		return 1;
	}
	struct svc_ver *v = parse_row(a, r);
	if (!v) {
		sbuf_adds(probs, "the draft does not parse\n");
		return 1;
	}
	if (svc_validate(v->def, probs) > 0)
		return 1;
	if (!str_eq(v->def->code, code)) {
		sbuf_adds(probs, "the code inside the definition differs from the service code\n");
		return 1;
	}
	long dept = svcstore_dept(a, v->def->dept);
	if (!dept) {
		sbuf_printf(probs, "unknown department '%s'\n", v->def->dept);
		return 1;
	}
	if (db_exec("UPDATE service_versions SET status = 'superseded' WHERE service_id = ? AND status = 'published'", "i",
		    (long long)v->service_id) < 0 ||
	    db_exec("UPDATE service_versions SET status = 'published', published_by = NULLIF(?, 0), published_at = NOW() "
		    "WHERE id = ?", "ii", (long long)user_id, (long long)v->id) != 1 ||
	    db_exec("UPDATE services SET published_version_id = ?, department_id = ?, status = 'active', retired_at = NULL "
		    "WHERE id = ?", "iii", (long long)v->id, (long long)dept, (long long)v->service_id) != 1 ||
	    db_exec("INSERT INTO service_changes (service_id, version, user_id, summary) VALUES (?, ?, NULLIF(?, 0), 'published')",
		    "iii", (long long)v->service_id, (long long)v->version, (long long)user_id) != 1)
		return -1;
	return 0;
}

int svcstore_create(struct arena *a, struct svc *def, long user_id, struct sbuf *probs)
{
	long dept = svcstore_dept(a, def->dept);
	if (!dept) {
		sbuf_printf(probs, "unknown department '%s'\n", def->dept ? def->dept : "");
		return 1;
	}
	if (db_exec("INSERT INTO services (code, department_id, created_by) VALUES (?, ?, NULLIF(?, 0))", "sii", def->code,
		    (long long)dept, (long long)user_id) != 1) {
		if (db_err_dup()) {
			sbuf_printf(probs, "a service with code %s already exists\n", def->code);
			return 1;
		}
		return -1;
	}
	long sid = (long)db_last_id();
	struct sbuf b;
	sbuf_init(&b);
	svc_to_json(def, &b);
	long long n = db_exec("INSERT INTO service_versions (service_id, version, status, definition, name_en, name_hi, created_by) "
			      "VALUES (?, 1, 'draft', ?, ?, ?, NULLIF(?, 0))", "isssi", (long long)sid, b.data,
			      def->name.en ? def->name.en : "", def->name.hi ? def->name.hi : "", (long long)user_id);
	sbuf_free(&b);
	if (n != 1)
		return -1;
	return db_exec("INSERT INTO service_changes (service_id, version, user_id, summary) VALUES (?, 1, NULLIF(?, 0), 'created')",
		       "ii", (long long)sid, (long long)user_id) == 1 ? 0 : -1;
}

bool svcstore_actor_has(const struct svc_actor *who, long dept_id)
{
	if (who->state)
		return true;
	for (size_t i = 0; dept_id > 0 && i < who->ndepts; i++)
		if (who->depts[i] == dept_id)
			return true;
	return false;
}

int svcstore_may_write(struct arena *a, const struct svc_actor *who, const char *code, const char *dept, struct sbuf *why)
{
	if (who->state)
		return 0;
	/* locked until the writing transaction ends: the owner cannot change under it */
	struct dbres *o = db_query(a, "SELECT s.department_id, d.code FROM services s JOIN departments d ON d.id = s.department_id "
				      "WHERE s.code = ? FOR UPDATE", "s", code ? code : "");
	if (!o)
		return -1;
	if (o->nrows == 1 && !svcstore_actor_has(who, (long)db_int(o, 0, 0))) {
		sbuf_printf(why, "service %s belongs to department %s\n", code, db_val(o, 0, 1));
		return 1;
	}
	long id = dept ? svcstore_dept(a, dept) : 0;
	if (dept && !svcstore_actor_has(who, id)) {
		sbuf_printf(why, id ? "the definition names department %s, which is not yours\n" : "unknown department '%s'\n", dept);
		return 1;
	}
	return 0;
}

int svcstore_import(struct arena *a, const char *json, size_t len, bool publish, long user_id,
		    const struct svc_actor *who, struct sbuf *probs)
{
	const char *err = NULL;
	struct jval *j = json_parse(a, json, len, &err);
	if (!j) {
		sbuf_printf(probs, "the file is not valid JSON: %s\n", err);
		return 1;
	}
	size_t before = probs->len;
	struct svc *def = svc_from_json(a, j, probs);
	if (!def || probs->len != before)
		return 1;
	int may = svcstore_may_write(a, who, def->code, def->dept ? def->dept : "", probs);
	if (may != 0)
		return may < 0 ? -1 : 2;
	if (svc_validate(def, probs) > 0)
		return 1;
	const char *exists = db_scalar(a, "SELECT id FROM services WHERE code = ?", "s", def->code);
	int rc;
	if (!exists) {
		rc = svcstore_create(a, def, user_id, probs);
	} else {
		struct svc_ver *v = svcstore_draft(a, def->code, user_id);
		if (!v)
			return -1;
		v->def = def;
		rc = svcstore_save(v, user_id, "imported from a JSON file");
	}
	if (rc == 0 && publish)
		rc = svcstore_publish(a, def->code, user_id, probs);
	return rc;
}

int svcstore_retire(const char *code, long user_id)
{
	struct arena a;
	arena_init(&a);
	const char *sid = db_scalar(&a, "SELECT id FROM services WHERE code = ?", "s", code);
	int rc = -1;
	if (sid && db_exec("UPDATE services SET status = 'retired', retired_at = NOW() WHERE id = ?", "s", sid) >= 0 &&
	    db_exec("INSERT INTO service_changes (service_id, version, user_id, summary) "
		    "SELECT id, IFNULL((SELECT version FROM service_versions WHERE id = published_version_id), 0), NULLIF(?, 0), 'retired' "
		    "FROM services WHERE id = ?", "is", (long long)user_id, sid) == 1)
		rc = 0;
	arena_free(&a);
	return rc;
}
