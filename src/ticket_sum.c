/*
 * ticket_sum.c — the summary rows behind the ticket dashboards (issue 15,
 * sql/076_ticket_sums.sql): kept in step with every ticket change, rebuilt
 * from the tickets on demand, and read by ticket_dash.
 *
 * A ticket counts in exactly one row, whose key and counters are
 * expressions of the ticket's own columns (TSUM_KEY, TSUM_COUNTS).  A
 * change takes the ticket's contribution away before it and adds it back
 * after it, in the same transaction, so whichever columns the change
 * touches the rows equal a count of the tickets; the rebuild groups the
 * tickets by the same expressions, so rebuild and incremental agree by
 * construction.
 */
#include "ticket.h"

#include <stdlib.h>
#include <string.h>

/* Minutes from raising to resolution. */
#define TSUM_MINS "TIMESTAMPDIFF(MINUTE, created_at, resolved_at)"
/* A ticket's resolution-time bucket: 0 unresolved; 1 under 15 minutes;
 * then √2 steps, 24 from 21 days (see the migration). */
#define TSUM_BUCKET "IF(resolved_at IS NULL, 0, IF(" TSUM_MINS " < 15, 1, LEAST(24, 2 + FLOOR(2 * LOG2(" TSUM_MINS " / 15)))))"
#define TSUM_BUCKETS 24
/* A ticket counts at every level of its place's path, from the state
 * down to the place itself: the levels, over a table t of tickets with its
 * depth td (one less than the ids in loc_path). */
#define TSUM_FROM(WHERE) "FROM (SELECT *, " TSUM_BUCKET " AS b, LENGTH(loc_path) - LENGTH(REPLACE(loc_path, '/', '')) - 2 AS td " \
	"FROM tickets " WHERE ") t JOIN seq_0_to_15 lv ON lv.seq <= t.td "
/* The key of a ticket's row at level lv: the depth and path of its place's
 * ancestor there, whether that is its place itself, the day raised, sub
 * type, priority, assignee, the day a running ticket falls due, and a
 * slot: at the state, division and district levels, whose rows every
 * block below shares, the id modulo 8, so a busy day, type and resolver
 * there is eight rows and raises at once do not queue on one (below, a
 * row is one block's, and the reads of the district by place stay small). */
#define TSUM_KEY "lv.seq, CONCAT(SUBSTRING_INDEX(t.loc_path, '/', lv.seq + 2), '/'), lv.seq = t.td, DATE(t.created_at), " \
	"t.type_id, t.priority, IFNULL(t.assignee_id, 0), IF(t.status IN (" TICKET_RUNNING_SQL "), DATE(t.due_at), '9999-12-31'), " \
	"IF(lv.seq < 3, t.id % 8, 0)"
#define TSUM_GROUP "GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9"
/* The counters of one ticket (0 or 1 each): open, resolved, resolved in
 * SLA, resolved and reopened. */
#define TSUM_OPEN "status IN (" TICKET_OPEN_SQL ")"
#define TSUM_RESOLVED "resolved_at IS NOT NULL"
#define TSUM_IN_SLA "resolved_at IS NOT NULL AND breached = 0"
#define TSUM_REOPENED "resolved_at IS NOT NULL AND reopened > 0"
/* The 24 histogram columns, each through F (a string-literal macro). */
#define TSUM_H(F) F(1) F(2) F(3) F(4) F(5) F(6) F(7) F(8) F(9) F(10) F(11) F(12) \
	F(13) F(14) F(15) F(16) F(17) F(18) F(19) F(20) F(21) F(22) F(23) F(24)
#define H_COL(k) ", h" #k
#define H_ADD(k) ", s.k * (b = " #k ")"
#define H_UPD(k) ", h" #k " = ticket_sums.h" #k " + VALUES(h" #k ")"
#define H_COUNT(k) ", SUM(b = " #k ")"
#define H_SUM(k) ", SUM(t.h" #k ")"
#define TSUM_COLS "depth, loc_path, exact, day, type_id, priority, assignee_id, due_day, slot, n, open, resolved, in_sla, reopened" \
	TSUM_H(H_COL)

/* The ON DUPLICATE KEY clause of the writes below: the row's counters
 * plus the new row's. */
#define TSUM_ADD "ON DUPLICATE KEY UPDATE n = ticket_sums.n + VALUES(n), open = ticket_sums.open + VALUES(open), " \
	"resolved = ticket_sums.resolved + VALUES(resolved), in_sla = ticket_sums.in_sla + VALUES(in_sla), " \
	"reopened = ticket_sums.reopened + VALUES(reopened)" TSUM_H(H_UPD)

int ticket_sum_add(long id, int sign)
{
	/* one ticket: a row per level, all keys distinct, no grouping (its
	 * scratch table would cost more than the write) */
	return db_exec("INSERT INTO ticket_sums (" TSUM_COLS ") SELECT " TSUM_KEY ", s.k, s.k * (" TSUM_OPEN "), "
		       "s.k * (" TSUM_RESOLVED "), s.k * (" TSUM_IN_SLA "), s.k * (" TSUM_REOPENED ")" TSUM_H(H_ADD) " "
		       TSUM_FROM("WHERE id = ?") "JOIN (SELECT ? AS k) s ON TRUE " TSUM_ADD,
		       "ii", (long long)id, (long long)sign) >= 0 ? 0 : -1;
}

/* ---- a set change's net change per key ---- */

/* The ticket columns the key and the counters read (TSUM_KEY, TSUM_OPEN ...). */
#define TSUM_IN "t.id, t.loc_path, t.created_at, t.type_id, t.priority, t.assignee_id, t.status, t.due_at, t.resolved_at, " \
	"t.breached, t.reopened"
#define H_DSUM(k) ", SUM(t.k * (b = " #k ")) AS dh" #k
#define H_NZ(k) " OR dh" #k " <> 0"
/* One write of a set change's summary rows: the tickets of a plan (the
 * JSON of TICKET_PLAN_COLS) count -1 (k) as they are and +1 as they will
 * be after the change, and only the keys whose counters move are written.
 * Grouped first, so each key is one row written however many tickets
 * leave or enter it, and a key that tickets leave and enter alike (an
 * auto-close moves no counter) is not written at all.  Between HEAD and
 * TAIL, a UNION of the TSUM_IN columns, TSUM_BT and k: the bucket and
 * depth computed once a ticket in the union's scratch table (in a
 * merged derived table, every use would compute them again: 24 buckets
 * and 16 levels a row made this write cost ten times the rest of a
 * chunk).  Runs before the tickets are updated. */
#define TSUM_BT TSUM_BUCKET " AS b, LENGTH(t.loc_path) - LENGTH(REPLACE(t.loc_path, '/', '')) - 2 AS td"
#define TSUM_MOVE_HEAD "INSERT INTO ticket_sums (" TSUM_COLS ") SELECT " TSUM_KEY ", SUM(t.k) AS dn, " \
	"SUM(t.k * (" TSUM_OPEN ")) AS dopen, SUM(t.k * (" TSUM_RESOLVED ")) AS dres, SUM(t.k * (" TSUM_IN_SLA ")) AS dsla, " \
	"SUM(t.k * (" TSUM_REOPENED ")) AS dreo" TSUM_H(H_DSUM) " FROM "
#define TSUM_MOVE_TAIL " t JOIN seq_0_to_15 lv ON lv.seq <= t.td " TSUM_GROUP " " \
	"HAVING dn <> 0 OR dopen <> 0 OR dres <> 0 OR dsla <> 0 OR dreo <> 0" TSUM_H(H_NZ) " " TSUM_ADD

int ticket_sum_escalate(const char *plan)
{
	/* one rung up: a new resolver, status and due time; breached */
	return db_exec(TSUM_MOVE_HEAD "(SELECT " TSUM_IN ", " TSUM_BT ", -1 AS k FROM tickets t "
		       "JOIN JSON_TABLE(?, " TICKET_PLAN_COLS " ON t.id = j.id "
		       "UNION ALL SELECT t.id, t.loc_path, t.created_at, t.type_id, t.priority, NULLIF(j.ato, 0), j.st, j.due, "
		       "t.resolved_at, 1, t.reopened, " TSUM_BT ", 1 FROM tickets t JOIN JSON_TABLE(?, " TICKET_PLAN_COLS " ON t.id = j.id)"
		       TSUM_MOVE_TAIL, "ss", plan, plan) >= 0 ? 0 : -1;
}

int ticket_sum_close(const char *plan)
{
	return db_exec(TSUM_MOVE_HEAD "(SELECT " TSUM_IN ", " TSUM_BT ", -1 AS k FROM tickets t "
		       "JOIN JSON_TABLE(?, " TICKET_PLAN_COLS " ON t.id = j.id "
		       "UNION ALL SELECT t.id, t.loc_path, t.created_at, t.type_id, t.priority, t.assignee_id, 'closed', t.due_at, "
		       "t.resolved_at, t.breached, t.reopened, " TSUM_BT ", 1 FROM tickets t JOIN JSON_TABLE(?, " TICKET_PLAN_COLS " ON t.id = j.id)"
		       TSUM_MOVE_TAIL, "ss", plan, plan) >= 0 ? 0 : -1;
}

/* The deepest level a place may have (seq_0_to_15 above). */
#define TSUM_LEVELS 16

static int rebuild_txn(void *p)
{
	long long *rows = p;
	*rows = 0;
	if (db_exec("DELETE FROM ticket_sums", NULL) < 0)
		return -1;
	/* a level at a time: the grouping's scratch table stays one level's size */
	for (int level = 0; level < TSUM_LEVELS; level++) {
		long long n = db_exec("INSERT INTO ticket_sums (" TSUM_COLS ") SELECT " TSUM_KEY ", COUNT(*), SUM(" TSUM_OPEN "), "
				      "SUM(" TSUM_RESOLVED "), SUM(" TSUM_IN_SLA "), SUM(" TSUM_REOPENED ")" TSUM_H(H_COUNT) " "
				      TSUM_FROM("") "AND lv.seq = ? " TSUM_GROUP, "i", (long long)level);
		if (n < 0)
			return -1;
		*rows += n;
	}
	return 0;
}

long ticket_sums_rebuild(void)
{
	long long rows = 0;
	return db_txn(rebuild_txn, &rows) ? -1 : (long)rows;
}

/* ---- dashboards ---- */

const char *const ticket_dash_codes[] = { "place", "type", "priority", "resolver", NULL };

/* The key of a row for each grouping, as SQL over a table aliased t with
 * loc_path, type_id, priority and assignee_id (tickets or ticket_sums):
 * the child of the place the dashboard is at (the (depth+2)-th id of the
 * path), the sub type, the priority, the assignee.  Parameters: by, depth. */
#define DASH_KEY "CASE ? WHEN 0 THEN CAST(SUBSTRING_INDEX(SUBSTRING_INDEX(t.loc_path, '/', ? + 3), '/', -1) AS UNSIGNED) " \
		 "WHEN 1 THEN t.type_id WHEN 2 THEN t.priority ELSE IFNULL(t.assignee_id, 0) END"

/* The minutes at which resolution-time bucket b (1..TSUM_BUCKETS) starts. */
static double bucket_lo(int b)
{
	double lo = 15;
	if (b <= 1)
		return 0;
	for (int k = 2; k < b; k++)
		lo *= 1.4142135623730951;	/* √2 */
	return lo;
}

/* The estimated median of a histogram h[1..TSUM_BUCKETS] (counts), by
 * linear interpolation inside the bucket that holds the middle ticket; -1
 * when empty.  The true median lies in that bucket, so the estimate is off
 * by less than the bucket's width (41% of its start; 15 minutes in the
 * first); the last bucket (21 days and more) answers its start. */
static long hist_median(const long *h)
{
	long total = 0;
	for (int b = 1; b <= TSUM_BUCKETS; b++)
		total += h[b];
	if (!total)
		return -1;
	double half = total / 2.0, cum = 0;
	for (int b = 1; b <= TSUM_BUCKETS; b++) {
		if (!h[b] || cum + (double)h[b] < half) {
			cum += (double)h[b];
			continue;
		}
		if (b == TSUM_BUCKETS)
			return (long)bucket_lo(b);
		double lo = bucket_lo(b), hi = bucket_lo(b + 1);
		return (long)(lo + (hi - lo) * (half - cum) / (double)h[b] + 0.5);
	}
	return (long)bucket_lo(TSUM_BUCKETS);
}

/* Index of key in rows[0..n), or -1. */
static long row_of(const struct ticket_dash_row *rows, size_t n, long key)
{
	for (size_t i = 0; i < n; i++)
		if (rows[i].key == key)
			return (long)i;
	return -1;
}

long ticket_dash(struct arena *a, const char *path, int depth, enum ticket_dash_by by, long days,
		 struct ticket_dash_row **rows)
{
	const char *like = arena_printf(a, "%s%%", path);
	/* ages in whole days since the day raised: 0, 1-2, 3-6, 7 and more */
	struct dbres *r = db_query(a,
		"SELECT x.k, COALESCE(l.name_en, ty.name_en, TRIM(CONCAT_WS(' ', u.first_name, u.last_name))), "
		"COALESCE(l.name_hi, ty.name_hi), x.* "
		"FROM (SELECT " DASH_KEY " AS k, SUM(t.n) AS n, SUM(t.open) AS open, "
		"SUM(IF(t.due_day < CURDATE(), t.n, 0)) AS overdue, SUM(t.resolved) AS resolved, SUM(t.in_sla) AS in_sla, "
		"SUM(t.reopened) AS reopened, SUM(IF(t.day >= CURDATE(), t.open, 0)) AS a0, "
		"SUM(IF(t.day < CURDATE() AND t.day >= CURDATE() - INTERVAL 2 DAY, t.open, 0)) AS a1, "
		"SUM(IF(t.day < CURDATE() - INTERVAL 2 DAY AND t.day >= CURDATE() - INTERVAL 6 DAY, t.open, 0)) AS a2, "
		"SUM(IF(t.day < CURDATE() - INTERVAL 6 DAY, t.open, 0)) AS a3" TSUM_H(H_SUM) " "
		"FROM ticket_sums t WHERE t.day >= CURDATE() - INTERVAL ? DAY AND (t.depth = ? + 1 AND t.loc_path LIKE ? AND ? = 0 "
		"OR t.depth = ? AND t.loc_path = ? AND (t.exact = 1 OR ? <> 0)) GROUP BY k HAVING n > 0) x "
		"LEFT JOIN locations l ON ? = 0 AND l.id = x.k LEFT JOIN ticket_types ty ON ? = 1 AND ty.id = x.k "
		"LEFT JOIN users u ON ? = 3 AND u.id = x.k ORDER BY x.n DESC, x.k",
		"iiiisiisiiii", (long long)by, (long long)depth, (long long)days, (long long)depth, like, (long long)by,
		(long long)depth, path, (long long)by, (long long)by, (long long)by, (long long)by);
	/* overdue now: the rows due before today counted above, plus the
	 * running tickets due earlier today (a short range of k_ticket_due) */
	struct dbres *today = r ? db_query(a,
		"SELECT " DASH_KEY " AS k, COUNT(*) FROM tickets t WHERE t.status IN (" TICKET_RUNNING_SQL ") "
		"AND t.due_at >= CURDATE() AND t.due_at < NOW() AND t.loc_path LIKE ? "
		"AND t.created_at >= CURDATE() - INTERVAL ? DAY GROUP BY k",
		"iisi", (long long)by, (long long)depth, like, (long long)days) : NULL;
	if (!today)
		return -1;
	struct ticket_dash_row *out = arena_alloc(a, (r->nrows + 1) * sizeof *out);
	for (size_t i = 0; i < r->nrows; i++) {
		struct ticket_dash_row *o = &out[i];
		o->key = (long)db_int(r, i, 0);
		o->name_en = db_val(r, i, 1);
		o->name_hi = db_val(r, i, 2);
		long *n[] = { &o->total, &o->open, &o->overdue, &o->resolved, &o->in_sla, &o->reopened,
			      &o->age[0], &o->age[1], &o->age[2], &o->age[3] };
		for (size_t j = 0; j < ARRAY_LEN(n); j++)
			*n[j] = (long)db_int(r, i, 4 + j);
		long hist[TSUM_BUCKETS + 1] = { 0 };
		for (int b = 1; b <= TSUM_BUCKETS; b++)
			hist[b] = (long)db_int(r, i, 13 + (size_t)b);
		o->median_min = hist_median(hist);
	}
	for (size_t j = 0; j < today->nrows; j++) {
		long i = row_of(out, r->nrows, (long)db_int(today, j, 0));
		if (i >= 0)
			out[i].overdue += (long)db_int(today, j, 1);
	}
	*rows = out;
	return (long)r->nrows;
}
