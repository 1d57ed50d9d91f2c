/*
 * audit.c — audit rows chained by SHA-256: hash = H(prev_hash | id | at |
 * actor | role | office | ip | action | entity | entity_id | remarks |
 * detail).  The single audit_head row is locked to order writers, so the
 * chain order equals id order.  Triggers refuse UPDATE and DELETE.
 */
#include "audit.h"
#include "db.h"
#include "log.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

static void field(crypto_hash_sha256_state *st, const char *s)
{
	static const unsigned char sep = 0x1f;
	if (s)
		crypto_hash_sha256_update(st, (const unsigned char *)s, strlen(s));
	crypto_hash_sha256_update(st, &sep, 1);
}

/* Hash of one row given as text fields in chain order. */
static void row_hash(const char *const f[12], char out[65])
{
	crypto_hash_sha256_state st;
	unsigned char h[32];
	crypto_hash_sha256_init(&st);
	for (int i = 0; i < 12; i++)
		field(&st, f[i]);
	crypto_hash_sha256_final(&st, h);
	sodium_bin2hex(out, 65, h, sizeof h);
}

int audit_write(const struct actor *who, const struct audit_entry *e)
{
	struct arena tmp, *a = &tmp;
	arena_init(&tmp);
	int rc = -1;
	struct dbres *head = db_query(a, "SELECT last_id, last_hash, DATE_FORMAT(NOW(6), '%Y-%m-%d %H:%i:%s.%f') "
					 "FROM audit_head WHERE id = 1 FOR UPDATE", NULL);
	if (!head || head->nrows != 1)
		goto out;
	long long id = db_int(head, 0, 0) + 1;
	const char *prev = db_val(head, 0, 1), *at = db_val(head, 0, 2);
	long actor = e->actor_id ? e->actor_id : actor_id(who);
	char sid[24], sactor[24], soffice[24], hash[65];
	snprintf(sid, sizeof sid, "%lld", id);
	snprintf(sactor, sizeof sactor, "%ld", actor);
	snprintf(soffice, sizeof soffice, "%ld", e->office_id);
	const char *ip = who ? who->ip : "cli";
	const char *f[12] = { prev, sid, at, sactor, e->role, soffice, ip, e->action, e->entity,
			      e->entity_id, e->remarks, e->detail };
	row_hash(f, hash);
	if (db_exec("INSERT INTO audit_log (id, at, actor_id, role, office_id, ip, request_id, action, entity, "
		    "entity_id, remarks, detail, prev_hash, hash) VALUES (?, ?, NULLIF(?, 0), ?, NULLIF(?, 0), ?, ?, ?, ?, ?, ?, ?, ?, ?)",
		    "isisisssssssss", id, at, (long long)actor, e->role, (long long)e->office_id, ip,
		    who ? who->req_id : "cli", e->action, e->entity, e->entity_id, e->remarks, e->detail, prev, hash) != 1)
		goto out;
	if (db_exec("UPDATE audit_head SET last_id = ?, last_hash = ? WHERE id = 1", "is", id, hash) != 1)
		goto out;
	rc = 0;
out:
	arena_free(&tmp);
	return rc;
}

long audit_verify(struct arena *a)
{
	char prev[65] = "0000000000000000000000000000000000000000000000000000000000000000";
	long long after = 0, expect = 1;
	for (;;) {
		struct dbres *rows = db_query(a,
			"SELECT id, DATE_FORMAT(at, '%Y-%m-%d %H:%i:%s.%f'), IFNULL(actor_id, 0), role, IFNULL(office_id, 0), "
			"ip, action, entity, entity_id, remarks, detail, prev_hash, hash "
			"FROM audit_log WHERE id > ? ORDER BY id LIMIT 5000", "i", after);
		if (!rows)
			return -1;
		if (rows->nrows == 0)
			break;
		for (size_t i = 0; i < rows->nrows; i++) {
			long long id = db_int(rows, i, 0);
			const char *f[12] = { prev, db_val(rows, i, 0), db_val(rows, i, 1), db_val(rows, i, 2),
					      db_val(rows, i, 3), db_val(rows, i, 4), db_val(rows, i, 5), db_val(rows, i, 6),
					      db_val(rows, i, 7), db_val(rows, i, 8), db_val(rows, i, 9), db_val(rows, i, 10) };
			char h[65];
			row_hash(f, h);
			if (id != expect || !str_eq(db_val(rows, i, 11), prev) || !str_eq(db_val(rows, i, 12), h))
				return (long)id;
			memcpy(prev, h, 65);
			expect = id + 1;
			after = id;
		}
		arena_reset(a);
	}
	const char *head = db_scalar(a, "SELECT last_hash FROM audit_head WHERE id = 1", NULL);
	if (!head)
		return -1;
	return str_eq(head, prev) ? 0 : (long)expect;
}
