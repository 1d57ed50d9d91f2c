/*
 * ticket_help.c — what helps with a kind of problem (issue 15: SOPs
 * suggested while raising and resolving): the e-learning items tagged with
 * the sub type's code that the viewer may open (SOPs, PDFs, videos), and
 * the resolution codes most used for that sub type lately.
 */
#include "ticket.h"
#include "db.h"
#include "learning.h"

struct dbres *ticket_help_items(struct arena *a, const struct user *u, const char *code)
{
	if (!u || str_empty(code))
		return NULL;
	struct dbres *r = learning_list(a, u, NULL, code);	/* the viewer's audience only */
	if (!r)
		return NULL;
	bool *keep = arena_alloc(a, (r->nrows + 1) * sizeof *keep);
	for (size_t i = 0; i < r->nrows; i++)
		keep[i] = str_eq(db_val(r, i, 1), "sop") || str_eq(db_val(r, i, 1), "pdf") || str_eq(db_val(r, i, 1), "video");
	db_rows_keep(r, keep);
	return r;
}

struct dbres *ticket_help_codes(struct arena *a, const char *code)
{
	if (str_empty(code))
		return NULL;
	/* the last half year: what resolvers do now, not what they did once */
	return db_query(a, "SELECT t.resolution_code, COUNT(*) FROM tickets t JOIN ticket_types y ON y.id = t.type_id "
			   "WHERE y.code = ? AND t.resolution_code IS NOT NULL AND t.resolved_at > NOW() - INTERVAL 180 DAY "
			   "GROUP BY t.resolution_code ORDER BY COUNT(*) DESC, t.resolution_code LIMIT 3",
			"s", code);
}
