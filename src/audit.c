/*
 * audit.c — the audit trail as several SHA-256 hash chains ("shards") tied
 * together by anchors.
 *
 * Why shards: one chain needs one head row, and every audited change in
 * the state then waits on that row's lock until its commit (on Galera, a
 * certification conflict between nodes).  A row goes to shard
 * 1 + (office or, without one, acting user) % audit_shards instead, and
 * chains to that shard's head only, so unrelated offices and users never
 * wait on each other.  Within a shard, seq numbers the rows 1, 2, 3... and
 * hash = H(prev_hash | seq | at | actor | role | office | ip | action |
 * entity | entity_id | remarks | detail | shard).  Shard 0 is the single
 * chain written before migration 080: its seq is its old id and its hash
 * the old formula (the same fields without the shard).
 *
 * Why anchors: a chain only proves that its rows follow one another; one
 * that lost its last rows (and whose head row was set back) still looks
 * whole.  audit_anchor (cron, every minute) records each shard head that
 * moved since the last anchor, in an anchor chained to the one before;
 * audit_verify checks that every row an anchor saw is still there with the
 * hash the anchor saw.  Triggers refuse UPDATE and DELETE on both tables.
 */
#include "audit.h"
#include "config.h"
#include "db.h"
#include "log.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ZERO_HASH "0000000000000000000000000000000000000000000000000000000000000000"
#define BATCH 5000	/* rows read per query while verifying */

static void field(crypto_hash_sha256_state *st, const char *s)
{
	static const unsigned char sep = 0x1f;
	if (s)
		crypto_hash_sha256_update(st, (const unsigned char *)s, strlen(s));
	crypto_hash_sha256_update(st, &sep, 1);
}

/* Hash of n text fields in chain order, as 64 hex digits into out. */
static void fields_hash(const char *const *f, int n, char out[65])
{
	crypto_hash_sha256_state st;
	unsigned char h[32];
	crypto_hash_sha256_init(&st);
	for (int i = 0; i < n; i++)
		field(&st, f[i]);
	crypto_hash_sha256_final(&st, h);
	sodium_bin2hex(out, 65, h, sizeof h);
}

/* Hash of one audit row: f holds prev_hash, seq, at, actor, role, office,
 * ip, action, entity, entity_id, remarks, detail, shard.  Shard 0 rows
 * (before migration 080) were hashed without the shard. */
static void row_hash(const char *const f[13], int shard, char out[65])
{
	fields_hash(f, shard ? 13 : 12, out);
}

int audit_shard(long office_id, long actor)
{
	long key = office_id ? office_id : actor;
	unsigned long n = cfg.audit_shards > 0 ? (unsigned long)cfg.audit_shards : 1;	/* 0 before config_load */
	return 1 + (int)((unsigned long)(key < 0 ? -key : key) % n);
}

int audit_write(const struct actor *who, const struct audit_entry *e)
{
	struct arena tmp, *a = &tmp;
	arena_init(&tmp);
	int rc = -1;
	long actor = e->actor_id ? e->actor_id : actor_id(who);
	int shard = audit_shard(e->office_id, actor);
	struct dbres *head = db_query(a, "SELECT last_id, last_hash, DATE_FORMAT(NOW(6), '%Y-%m-%d %H:%i:%s.%f') "
					 "FROM audit_head WHERE id = ? FOR UPDATE", "i", (long long)shard);
	if (!head || head->nrows != 1)
		goto out;
	long long seq = db_int(head, 0, 0) + 1;
	const char *prev = db_val(head, 0, 1), *at = db_val(head, 0, 2);
	char sseq[24], sactor[24], soffice[24], sshard[12], hash[65];
	snprintf(sseq, sizeof sseq, "%lld", seq);
	snprintf(sactor, sizeof sactor, "%ld", actor);
	snprintf(soffice, sizeof soffice, "%ld", e->office_id);
	snprintf(sshard, sizeof sshard, "%d", shard);
	const char *ip = who ? who->ip : "cli";
	const char *f[13] = { prev, sseq, at, sactor, e->role, soffice, ip, e->action, e->entity,
			      e->entity_id, e->remarks, e->detail, sshard };
	row_hash(f, shard, hash);
	if (db_exec("INSERT INTO audit_log (shard, seq, at, actor_id, role, office_id, ip, request_id, action, entity, "
		    "entity_id, remarks, detail, prev_hash, hash) "
		    "VALUES (?, ?, ?, NULLIF(?, 0), ?, NULLIF(?, 0), ?, ?, ?, ?, ?, ?, ?, ?, ?)",
		    "iisisisssssssss", (long long)shard, (long long)seq, at, (long long)actor, e->role, (long long)e->office_id, ip,
		    who ? who->req_id : "cli", e->action, e->entity, e->entity_id, e->remarks, e->detail, prev, hash) != 1)
		goto out;
	if (db_exec("UPDATE audit_head SET last_id = ?, last_hash = ? WHERE id = ?", "isi", (long long)seq, hash, (long long)shard) != 1)
		goto out;
	rc = 0;
out:
	arena_free(&tmp);
	return rc;
}

/* audit_anchor's transaction. */
struct anchor_ctx {
	struct arena *a;	/* memory */
	long long id;		/* out: the anchor written, 0 when no head moved */
};

static int anchor_txn(void *p)
{
	struct anchor_ctx *c = p;
	struct arena *a = c->a;
	c->id = 0;
	/* one anchor writer at a time: a second run waits here, then finds
	 * the heads it would record already recorded */
	struct dbres *ah = db_query(a, "SELECT last_id, last_hash, DATE_FORMAT(NOW(6), '%Y-%m-%d %H:%i:%s.%f') "
				       "FROM audit_anchor_head WHERE id = 1 FOR UPDATE", NULL);
	/* heads as of this transaction's snapshot (each one a committed row),
	 * those that moved past what the anchors already hold */
	struct dbres *moved = ah && ah->nrows == 1 ? db_query(a,
		"SELECT h.id, h.last_id, h.last_hash FROM audit_head h LEFT JOIN "
		"(SELECT shard, MAX(seq) AS seq FROM audit_anchor_heads GROUP BY shard) k ON k.shard = h.id "
		"WHERE h.last_id > IFNULL(k.seq, 0) ORDER BY h.id", NULL) : NULL;
	if (!moved)
		return -1;
	if (moved->nrows == 0)
		return 0;
	long long id = db_int(ah, 0, 0) + 1;
	const char *prev = db_val(ah, 0, 1), *at = db_val(ah, 0, 2);
	size_t n = 3 + 3 * moved->nrows;
	const char **f = arena_alloc(a, n * sizeof *f);
	f[0] = prev;
	f[1] = arena_printf(a, "%lld", id);
	f[2] = at;
	for (size_t i = 0; i < moved->nrows; i++) {
		f[3 + 3 * i] = db_val(moved, i, 0);
		f[4 + 3 * i] = db_val(moved, i, 1);
		f[5 + 3 * i] = db_val(moved, i, 2);
	}
	char hash[65];
	fields_hash(f, (int)n, hash);
	if (db_exec("INSERT INTO audit_anchors (id, at, prev_hash, hash) VALUES (?, ?, ?, ?)", "isss", id, at, prev, hash) != 1)
		return -1;
	for (size_t i = 0; i < moved->nrows; i++)
		if (db_exec("INSERT INTO audit_anchor_heads (anchor_id, shard, seq, hash) VALUES (?, ?, ?, ?)", "iiis", id,
			    db_int(moved, i, 0), db_int(moved, i, 1), db_val(moved, i, 2)) != 1)
			return -1;
	if (db_exec("UPDATE audit_anchor_head SET last_id = ?, last_hash = ? WHERE id = 1", "is", id, hash) != 1)
		return -1;
	c->id = id;
	return 0;
}

long long audit_anchor(struct arena *a)
{
	struct anchor_ctx c = { .a = a };
	return db_txn(anchor_txn, &c) == 0 ? c.id : -1;
}

/* Records the first fault found; returns 1 (broken) for the caller to pass on. */
static int broken(struct audit_check *out, int shard, long long seq, long long anchor, const char *why)
{
	out->bad_shard = shard;
	out->bad_seq = seq;
	out->bad_anchor = anchor;
	out->why = why;
	return 1;
}

/* Walks shard s: seq from 1 without a gap, each row's prev_hash the hash of
 * the row before, each hash recomputed; the anchors' record of the shard
 * matches the rows; the head row is the chain's end.  Returns 0, 1 (out
 * says where), or -1 on a database error. */
static int verify_shard(struct arena *a, int s, struct audit_check *out)
{
	char prev[65] = ZERO_HASH, sshard[12];
	snprintf(sshard, sizeof sshard, "%d", s);
	long long after = 0;
	char (*hashes)[65] = xmalloc(BATCH * sizeof *hashes);
	int rc = -1;
	for (;;) {
		struct dbres *rows = db_query(a,
			"SELECT seq, DATE_FORMAT(at, '%Y-%m-%d %H:%i:%s.%f'), IFNULL(actor_id, 0), role, IFNULL(office_id, 0), "
			"ip, action, entity, entity_id, remarks, detail, prev_hash, hash "
			"FROM audit_log WHERE shard = ? AND seq > ? ORDER BY seq LIMIT 5000", "ii", (long long)s, after);
		if (!rows)
			goto out;
		if (rows->nrows == 0)
			break;
		for (size_t i = 0; i < rows->nrows; i++) {
			long long seq = db_int(rows, i, 0);
			const char *f[13] = { prev, db_val(rows, i, 0), db_val(rows, i, 1), db_val(rows, i, 2),
					      db_val(rows, i, 3), db_val(rows, i, 4), db_val(rows, i, 5), db_val(rows, i, 6),
					      db_val(rows, i, 7), db_val(rows, i, 8), db_val(rows, i, 9), db_val(rows, i, 10),
					      sshard };
			row_hash(f, s, hashes[i]);
			if (seq != after + 1) {
				rc = broken(out, s, after + 1, 0, "a row is missing");
				goto out;
			}
			if (!str_eq(db_val(rows, i, 11), prev) || !str_eq(db_val(rows, i, 12), hashes[i])) {
				rc = broken(out, s, seq, 0, "the row was changed");
				goto out;
			}
			memcpy(prev, hashes[i], 65);
			after = seq;
			out->rows++;
		}
		/* what the anchors saw of these rows */
		long long lo = db_int(rows, 0, 0);
		struct dbres *seen = db_query(a, "SELECT anchor_id, seq, hash FROM audit_anchor_heads "
						 "WHERE shard = ? AND seq BETWEEN ? AND ?", "iii", (long long)s, (long long)lo, after);
		if (!seen)
			goto out;
		for (size_t i = 0; i < seen->nrows; i++)
			if (!str_eq(db_val(seen, i, 2), hashes[db_int(seen, i, 1) - lo])) {
				rc = broken(out, s, db_int(seen, i, 1), db_int(seen, i, 0), "the row differs from what an anchor saw");
				goto out;
			}
		arena_reset(a);
	}
	struct dbres *gone = db_query(a, "SELECT anchor_id, seq FROM audit_anchor_heads WHERE shard = ? AND seq > ? "
					 "ORDER BY seq LIMIT 1", "ii", (long long)s, after);
	struct dbres *head = gone ? db_query(a, "SELECT last_id, last_hash FROM audit_head WHERE id = ?", "i", (long long)s) : NULL;
	if (!head)
		goto out;
	if (gone->nrows)
		rc = broken(out, s, db_int(gone, 0, 1), db_int(gone, 0, 0), "rows an anchor saw are gone");
	else if (head->nrows != 1 ? after != 0 : db_int(head, 0, 0) != after || !str_eq(db_val(head, 0, 1), prev))
		rc = broken(out, s, after, 0, "the head row is not the chain's last row");
	else
		rc = 0;
out:
	free(hashes);
	return rc;
}

/* Walks the anchors: each one's prev_hash the hash of the one before, each
 * hash recomputed over the heads it recorded; the anchor head row is the
 * last.  Returns 0, 1 (out says where), or -1 on a database error. */
static int verify_anchors(struct arena *a, struct audit_check *out)
{
	char prev[65] = ZERO_HASH;
	long long after = 0;
	for (;;) {
		struct dbres *r = db_query(a, "SELECT a.id, DATE_FORMAT(a.at, '%Y-%m-%d %H:%i:%s.%f'), a.prev_hash, a.hash, "
					      "h.shard, h.seq, h.hash FROM audit_anchors a LEFT JOIN audit_anchor_heads h "
					      "ON h.anchor_id = a.id WHERE a.id > ? AND a.id <= ? + 1000 ORDER BY a.id, h.shard",
					   "ii", after, after);
		if (!r)
			return -1;
		if (r->nrows == 0) {
			const char *more = db_scalar(a, "SELECT MIN(id) FROM audit_anchors WHERE id > ?", "i", after);
			if (!more && db_errno())
				return -1;
			if (!more)
				break;
			after = strtoll(more, NULL, 10) - 1;
			continue;
		}
		for (size_t i = 0; i < r->nrows;) {
			long long id = db_int(r, i, 0);
			size_t j = i;
			while (j < r->nrows && db_int(r, j, 0) == id)
				j++;
			size_t n = 3 + 3 * (j - i);
			const char **f = arena_alloc(a, n * sizeof *f);
			f[0] = prev;
			f[1] = db_val(r, i, 0);
			f[2] = db_val(r, i, 1);
			for (size_t k = i; k < j; k++) {
				f[3 + 3 * (k - i)] = db_val(r, k, 4);
				f[4 + 3 * (k - i)] = db_val(r, k, 5);
				f[5 + 3 * (k - i)] = db_val(r, k, 6);
			}
			char h[65];
			fields_hash(f, (int)n, h);
			if (!str_eq(db_val(r, i, 2), prev) || !str_eq(db_val(r, i, 3), h))
				return broken(out, -1, 0, id, "the anchor was changed, or one before it removed");
			memcpy(prev, h, 65);
			out->anchors++;
			after = id;
			i = j;
		}
		arena_reset(a);
	}
	struct dbres *head = db_query(a, "SELECT last_id, last_hash FROM audit_anchor_head WHERE id = 1", NULL);
	if (!head)
		return -1;
	if (head->nrows != 1 || db_int(head, 0, 0) != after || !str_eq(db_val(head, 0, 1), prev))
		return broken(out, -1, 0, after, "the last anchors are gone");
	return 0;
}

/* audit_verify's walk, inside its snapshot. */
static int verify_all(struct arena *a, struct audit_check *out)
{
	for (int s = 0; s <= AUDIT_MAX_SHARDS; s++) {
		int rc = verify_shard(a, s, out);
		if (rc != 0)
			return rc;
		out->shards++;
	}
	/* rows outside any shard a head can have were not written by us */
	const char *stray = db_scalar(a, "SELECT MIN(shard) FROM audit_log WHERE shard > ?", "i", (long long)AUDIT_MAX_SHARDS);
	if (stray)
		return broken(out, (int)strtol(stray, NULL, 10), 0, 0, "rows in a shard that does not exist");
	if (db_errno())
		return -1;
	return verify_anchors(a, out);
}

int audit_verify(struct arena *a, struct audit_check *out)
{
	*out = (struct audit_check){ .bad_shard = -1 };
	/* one snapshot for the whole walk: rows, heads and anchors written
	 * meanwhile (the trail is live, and audit-anchor runs every minute)
	 * would otherwise look like a head past its chain's end, or an anchor
	 * that saw rows that are not there (the connection reads committed
	 * rows per statement otherwise: db.c) */
	if (db_exec("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ", NULL) < 0 || db_begin() != 0)
		return -1;
	int rc = verify_all(a, out);
	db_rollback();
	return rc;
}
