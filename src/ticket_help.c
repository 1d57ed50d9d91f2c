/*
 * ticket_help.c — what helps with a kind of problem (issue 15: SOPs
 * suggested while raising and resolving): the e-learning items tagged with
 * the sub type's code that the viewer may open (SOPs, PDFs, videos), and
 * the resolution codes most used for that sub type lately; and, while
 * raising, the open tickets of the same sub type at the same place or
 * from the same raiser that the raiser may open (most subject words in
 * common first), so that the raiser can add to one instead of raising it
 * again.
 */
#include "ticket.h"
#include "db.h"
#include "learning.h"

#include <ctype.h>

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

/* ---- similar open tickets, while raising ---- */

/* The words of s worth matching: lower-cased, split at anything but
 * letters and digits (bytes of other scripts are letters), three bytes or
 * more; at most max, into w (arena).  Returns the count. */
static size_t words_of(struct arena *a, const char *s, const char **w, size_t max)
{
	size_t n = 0;
	for (const char *p = s ? s : ""; *p && n < max;) {
		while (*p && !(isalnum((unsigned char)*p) || (unsigned char)*p >= 0x80))
			p++;
		const char *b = p;
		while (*p && (isalnum((unsigned char)*p) || (unsigned char)*p >= 0x80))
			p++;
		if (p - b < 3)
			continue;
		char *x = arena_strndup(a, b, (size_t)(p - b));
		for (char *q = x; *q; q++)
			*q = (char)tolower((unsigned char)*q);
		w[n++] = x;
	}
	return n;
}

/* How many of the words want appear among the words of s. */
static int shared_words(struct arena *a, const char *const *want, size_t nwant, const char *s)
{
	const char *have[32];
	size_t nhave = words_of(a, s, have, ARRAY_LEN(have));
	int score = 0;
	for (size_t i = 0; i < nwant; i++)
		for (size_t j = 0; j < nhave; j++)
			if (str_eq(want[i], have[j])) {
				score++;
				break;
			}
	return score;
}

long ticket_similar(struct arena *a, const struct user *u, const char *code, long location, const char *subject,
		    struct ticket_like *out, long max)
{
	if (!u || str_empty(code))
		return 0;
	struct dbres *y = db_query(a, "SELECT id, IFNULL(department_id, 0) FROM ticket_types WHERE code = ? AND level = 'sub'", "s",
				   code);
	if (!y)
		return -1;
	if (y->nrows != 1)
		return 0;
	long type = (long)db_int(y, 0, 0), dept = (long)db_int(y, 0, 1);
	/* two index ranges (k_ticket_similar; k_ticket_raiser_type) read
	 * newest first, the first 50 open of each: the place's tickets of the
	 * sub type, and the raiser's own anywhere.  Forced, with every leading
	 * column a constant (no join): otherwise a status range, a sort of all
	 * the raiser's rows or a scan of the whole table grows with it */
#define SIMILAR_COLS(idx) "SELECT t.id, t.number, t.subject, t.status, t.created_at, t.kind, t.raised_by, " \
		     "IFNULL(t.raised_for_mobile, ''), IFNULL(t.assignee_id, 0), t.loc_path FROM tickets t FORCE INDEX (" idx ") " \
		     "WHERE t.type_id = ? AND t.status IN (" TICKET_OPEN_SQL ") "
	struct dbres *r = db_query(a, "(" SIMILAR_COLS("k_ticket_similar") "AND t.location_id = ? ORDER BY t.id DESC LIMIT 50) "
				      "UNION (" SIMILAR_COLS("k_ticket_raiser_type") "AND t.raised_by = ? ORDER BY t.id DESC LIMIT 50)",
				   "iiii", (long long)type, (long long)location, (long long)type, (long long)u->id);
#undef SIMILAR_COLS
	if (!r)
		return -1;
	const char *want[16];
	size_t nwant = words_of(a, subject, want, ARRAY_LEN(want));
	long n = 0;
	for (size_t i = 0; i < r->nrows; i++) {
		struct ticket t = { .id = (long)db_int(r, i, 0), .number = db_val(r, i, 1), .kind = db_val(r, i, 5),
				    .raised_by = (long)db_int(r, i, 6), .mobile = db_val(r, i, 7),
				    .assignee_id = (long)db_int(r, i, 8), .loc_path = db_val(r, i, 9),
				    .department_id = dept };
		/* only what the viewer may open (and so add to): another
		 * raiser's subject is theirs */
		if (ticket_seat(u, &t) == TS_NONE)
			continue;
		struct ticket_like l = { .id = t.id, .number = t.number, .subject = db_val(r, i, 2), .status = db_val(r, i, 3),
					 .created_at = db_val(r, i, 4), .score = shared_words(a, want, nwant, db_val(r, i, 2)) };
		/* insertion into the best max: most shared words, then newest */
		long k = n < max ? n++ : max;
		while (k > 0 && (out[k - 1].score < l.score || (out[k - 1].score == l.score && out[k - 1].id < l.id))) {
			if (k < max)
				out[k] = out[k - 1];
			k--;
		}
		if (k < max)
			out[k] = l;
	}
	return n;
}
