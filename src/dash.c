/*
 * dash.c — dashboard figures.
 */
#include "dash.h"
#include "sla.h"

#include <stdlib.h>
#include <string.h>

#define SUMS "IFNULL(SUM(s.received), 0), IFNULL(SUM(s.tatkal), 0), IFNULL(SUM(s.approved), 0), IFNULL(SUM(s.rejected), 0), " \
	"IFNULL(SUM(s.returned), 0), IFNULL(SUM(s.out_of_order), 0), IFNULL(SUM(s.appeals), 0), IFNULL(SUM(s.escalated), 0), " \
	"IFNULL(SUM(s.disposed_in_sla), 0), IFNULL(SUM(s.days_sum), 0)"

static void read_sums(const struct dbres *r, size_t i, size_t c, struct figures *f)
{
	f->received = (long)db_int(r, i, c++);
	f->tatkal = (long)db_int(r, i, c++);
	f->approved = (long)db_int(r, i, c++);
	f->rejected = (long)db_int(r, i, c++);
	f->returned = (long)db_int(r, i, c++);
	f->out_of_order = (long)db_int(r, i, c++);
	f->appeals = (long)db_int(r, i, c++);
	f->escalated = (long)db_int(r, i, c++);
	f->in_sla = (long)db_int(r, i, c++);
	f->days_sum = (long)db_int(r, i, c++);
}

long dash_pct(long part, long whole)
{
	return whole > 0 ? (part * 100 + whole / 2) / whole : -1;
}

long dash_avg10(const struct figures *f)
{
	long d = f->approved + f->rejected;
	return d > 0 ? (f->days_sum * 10 + d / 2) / d : -1;
}

int dash_totals(struct arena *a, const char *path, const char *from, const char *to, struct figures *f)
{
	memset(f, 0, sizeof *f);
	struct dbres *r = db_query(a, "SELECT " SUMS " FROM stats_daily s JOIN offices o ON o.id = s.office_id "
				      "JOIN locations l ON l.id = o.location_id WHERE s.day BETWEEN ? AND ? AND l.path LIKE CONCAT(?, '%')",
				   "sss", from, to, path);
	if (!r)
		return -1;
	read_sums(r, 0, 0, f);
	struct dbres *p = db_query(a, "SELECT COUNT(*), IFNULL(SUM(due_date < CURDATE()), 0) FROM applications "
				      "WHERE status IN ('pending', 'returned') AND office_path LIKE CONCAT(?, '%')", "s", path);
	if (!p)
		return -1;
	f->pending = (long)db_int(p, 0, 0);
	f->overdue = (long)db_int(p, 0, 1);
	/* p90 of working days to decide, from the days histogram */
	struct dbres *h = db_query(a, "SELECT d.days, SUM(d.n) FROM stats_days d JOIN offices o ON o.id = d.office_id "
				      "JOIN locations l ON l.id = o.location_id WHERE d.day BETWEEN ? AND ? AND l.path LIKE CONCAT(?, '%') "
				      "GROUP BY d.days ORDER BY d.days", "sss", from, to, path);
	if (!h)
		return -1;
	long total = 0, seen = 0;
	for (size_t i = 0; i < h->nrows; i++)
		total += (long)db_int(h, i, 1);
	f->p90 = -1;
	for (size_t i = 0; i < h->nrows && total; i++) {
		seen += (long)db_int(h, i, 1);
		if (seen * 10 >= total * 9) {
			f->p90 = (long)db_int(h, i, 0);
			break;
		}
	}
	return 0;
}

struct dash_row *dash_breakdown(struct arena *a, const char *path, int depth, enum dash_by by, const char *from,
				const char *to, size_t *n)
{
	struct dbres *r = NULL, *p = NULL;
	/* the id of the office's ancestor at `depth` is path segment depth+1 */
	long long seg = depth + 2;
	switch (by) {
	case BY_PLACE:
		r = db_query(a, "SELECT k.key_id, IFNULL(c.name_en, ''), c.name_hi, k.r0, k.r1, k.r2, k.r3, k.r4, k.r5, k.r6, k.r7, k.r8, k.r9 "
				"FROM (SELECT SUBSTRING_INDEX(SUBSTRING_INDEX(l.path, '/', ?), '/', -1) AS key_id, "
				"SUM(s.received) r0, SUM(s.tatkal) r1, SUM(s.approved) r2, SUM(s.rejected) r3, SUM(s.returned) r4, "
				"SUM(s.out_of_order) r5, SUM(s.appeals) r6, SUM(s.escalated) r7, SUM(s.disposed_in_sla) r8, SUM(s.days_sum) r9 "
				"FROM stats_daily s JOIN offices o ON o.id = s.office_id JOIN locations l ON l.id = o.location_id "
				"WHERE s.day BETWEEN ? AND ? AND l.path LIKE CONCAT(?, '%') GROUP BY key_id) k "
				"LEFT JOIN locations c ON c.id = k.key_id ORDER BY c.name_en", "isss", (long long)seg, from, to, path);
		p = db_query(a, "SELECT SUBSTRING_INDEX(SUBSTRING_INDEX(office_path, '/', ?), '/', -1) AS key_id, COUNT(*), "
				"SUM(due_date < CURDATE()) FROM applications WHERE status IN ('pending', 'returned') "
				"AND office_path LIKE CONCAT(?, '%') GROUP BY key_id", "is", (long long)seg, path);
		break;
	case BY_SERVICE:
		r = db_query(a, "SELECT s.service_id, v.name_en, v.name_hi, " SUMS " FROM stats_daily s JOIN offices o ON o.id = s.office_id "
				"JOIN locations l ON l.id = o.location_id JOIN services sv ON sv.id = s.service_id "
				"JOIN service_versions v ON v.id = sv.published_version_id "
				"WHERE s.day BETWEEN ? AND ? AND l.path LIKE CONCAT(?, '%') GROUP BY s.service_id ORDER BY v.name_en",
			     "sss", from, to, path);
		p = db_query(a, "SELECT service_id, COUNT(*), SUM(due_date < CURDATE()) FROM applications WHERE status IN ('pending', 'returned') "
				"AND office_path LIKE CONCAT(?, '%') GROUP BY service_id", "s", path);
		break;
	case BY_CHANNEL:
		r = db_query(a, "SELECT s.channel, s.channel, s.channel, " SUMS " FROM stats_daily s JOIN offices o ON o.id = s.office_id "
				"JOIN locations l ON l.id = o.location_id WHERE s.day BETWEEN ? AND ? AND l.path LIKE CONCAT(?, '%') "
				"GROUP BY s.channel ORDER BY s.channel", "sss", from, to, path);
		p = db_query(a, "SELECT channel, COUNT(*), SUM(due_date < CURDATE()) FROM applications WHERE status IN ('pending', 'returned') "
				"AND office_path LIKE CONCAT(?, '%') GROUP BY channel", "s", path);
		break;
	case BY_OFFICE:
		r = db_query(a, "SELECT s.office_id, o.name_en, o.name_hi, " SUMS " FROM stats_daily s JOIN offices o ON o.id = s.office_id "
				"JOIN locations l ON l.id = o.location_id WHERE s.day BETWEEN ? AND ? AND l.path LIKE CONCAT(?, '%') "
				"GROUP BY s.office_id ORDER BY SUM(s.received) DESC, o.name_en LIMIT 100", "sss", from, to, path);
		p = db_query(a, "SELECT office_id, COUNT(*), SUM(due_date < CURDATE()) FROM applications WHERE status IN ('pending', 'returned') "
				"AND office_path LIKE CONCAT(?, '%') GROUP BY office_id", "s", path);
		break;
	}
	if (!r || !p)
		return NULL;
	struct dash_row *rows = arena_alloc(a, (r->nrows + p->nrows + 1) * sizeof *rows);
	size_t k = 0;
	for (size_t i = 0; i < r->nrows; i++) {
		rows[k].key = db_val(r, i, 0);
		rows[k].name_en = db_val(r, i, 1);
		rows[k].name_hi = db_val(r, i, 2);
		read_sums(r, i, 3, &rows[k].f);
		rows[k].f.p90 = -1;
		k++;
	}
	/* pending now, including places with nothing in the range */
	for (size_t j = 0; j < p->nrows; j++) {
		size_t i = 0;
		while (i < k && !str_eq(rows[i].key, db_val(p, j, 0)))
			i++;
		if (i == k) {
			if (by == BY_OFFICE && k >= 100)
				continue;
			rows[k].key = db_val(p, j, 0);
			const char *id = rows[k].key;
			struct dbres *nm = by == BY_PLACE ? db_query(a, "SELECT name_en, name_hi FROM locations WHERE id = ?", "s", id)
					   : by == BY_SERVICE ? db_query(a, "SELECT v.name_en, v.name_hi FROM services s JOIN service_versions v "
									"ON v.id = s.published_version_id WHERE s.id = ?", "s", id)
					   : by == BY_OFFICE ? db_query(a, "SELECT name_en, name_hi FROM offices WHERE id = ?", "s", id) : NULL;
			rows[k].name_en = nm && nm->nrows ? db_val(nm, 0, 0) : id;
			rows[k].name_hi = nm && nm->nrows ? db_val(nm, 0, 1) : id;
			rows[k].f.p90 = -1;
			k++;
		}
		rows[i].f.pending = (long)db_int(p, j, 1);
		rows[i].f.overdue = (long)db_int(p, j, 2);
	}
	*n = k;
	return rows;
}

int dash_daily(struct arena *a, const char *path, const char *from, const char *to, char ***days, long **received,
	       long **decided, size_t *n)
{
	long d0 = sla_day(from), d1 = sla_day(to);
	if (d0 < 0 || d1 < d0)
		return -1;
	size_t nd = (size_t)(d1 - d0 + 1);
	*days = arena_alloc(a, nd * sizeof **days);
	*received = arena_alloc(a, nd * sizeof **received);
	*decided = arena_alloc(a, nd * sizeof **decided);
	for (size_t i = 0; i < nd; i++) {
		(*days)[i] = arena_alloc(a, 11);
		sla_date(d0 + (long)i, (*days)[i]);
	}
	struct dbres *r = db_query(a, "SELECT DATE_FORMAT(s.day, '%Y-%m-%d'), SUM(s.received), SUM(s.approved + s.rejected) "
				      "FROM stats_daily s JOIN offices o ON o.id = s.office_id JOIN locations l ON l.id = o.location_id "
				      "WHERE s.day BETWEEN ? AND ? AND l.path LIKE CONCAT(?, '%') GROUP BY s.day", "sss", from, to, path);
	if (!r)
		return -1;
	for (size_t i = 0; i < r->nrows; i++) {
		long d = sla_day(db_val(r, i, 0)) - d0;
		if (d >= 0 && (size_t)d < nd) {
			(*received)[d] = (long)db_int(r, i, 1);
			(*decided)[d] = (long)db_int(r, i, 2);
		}
	}
	*n = nd;
	return 0;
}
