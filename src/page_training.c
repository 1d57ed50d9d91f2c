/*
 * page_training.c — the training calendar's pages and JSON API
 * (training.h decides and writes; this file only translates).
 *
 * Everything works without JavaScript: the month calendar is an HTML
 * table, the trainer's check-in screen refreshes itself (meta refresh)
 * to show the code of the current minute as a server-drawn SVG QR, and a
 * participant's phone camera opens /training/ID/checkin?t=CODE, a page
 * with one button.  A participant's calendar takes /training/ID.ics.
 */
#include "pages.h"
#include "apiutil.h"
#include "config.h"
#include "csv.h"
#include "db.h"
#include "json.h"
#include "learning.h"
#include "qr.h"
#include "tmpl.h"
#include "training.h"
#include "user.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

static bool is_hi(const struct req *r)
{
	return str_eq(r->lang, "hi");
}

/* The training id of the path (":id", or ":id.ics" when ics is set). */
static long path_training(struct req *r, bool *ics)
{
	const char *s = rp(r, 0);
	size_t n = s ? strlen(s) : 0;
	bool dot = n > 4 && str_ends_with(s, ".ics");
	if (ics)
		*ics = dot;
	long id;
	return parse_long(dot ? arena_strndup(r->a, s, n - 4) : s, 1, 2000000000L, &id) ? id : 0;
}

/* A domain refusal on a page: back to the training with the message. */
static int refused(struct req *r, struct outcome *o)
{
	return page_outcome(r, o);
}

/* ---- the calendar ---- */

/* ?month=YYYY-MM (default this month) into y, m; false when malformed. */
static bool month_of(struct req *r, int *y, int *m)
{
	const char *q = req_query(r, "month");
	const char *t = str_empty(q) ? ist_today(r->a) : q;
	return strlen(t) >= 7 && sscanf(t, "%4d-%2d", y, m) == 2 && *y >= 2000 && *y <= 9999 && *m >= 1 && *m <= 12 &&
	       (str_empty(q) || strlen(q) == 7);
}

/* GET /training?month=YYYY-MM — the month as a table of weeks, and a list */
int page_training(struct req *r)
{
	int y, m;
	if (!month_of(r, &y, &m))
		return 400;
	char from[24], to[24];
	snprintf(from, sizeof from, "%04d-%02d-01", y, m);
	snprintf(to, sizeof to, "%04d-%02d-01", m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1);
	struct dbres *l = training_list(r->a, r->user, from, to);
	if (!l)
		return 503;
	/* weeks from Monday: the first day's weekday and the month's length */
	struct tm tm = { .tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = 1, .tm_hour = 12 };
	time_t t0 = timegm(&tm);
	struct tm first;
	gmtime_r(&t0, &first);
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int days = mdays[m - 1] + (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
	int lead = (first.tm_wday + 6) % 7;
	for (int cell = 0; cell < lead + days; cell++) {
		int d = cell - lead + 1, w = cell / 7, k = cell % 7;
		if (d < 1)
			continue;
		hset_int(r, arena_printf(r->a, "Weeks.%d.%d.day", w, k), d);
		size_t n = 0;
		for (size_t i = 0; i < l->nrows; i++)
			if (db_int(l, i, 8) == d) {
				const char *p = arena_printf(r->a, "Weeks.%d.%d.items.%zu", w, k, n++);
				hset(r, arena_printf(r->a, "%s.id", p), db_val(l, i, 0));
				hset(r, arena_printf(r->a, "%s.title", p), db_val(l, i, is_hi(r) ? 3 : 2));
				hset(r, arena_printf(r->a, "%s.status", p), db_val(l, i, 7));
			}
	}
	for (int w = 0; w * 7 < lead + days; w++)
		for (int k = 0; k < 7; k++)
			if (w * 7 + k < lead || w * 7 + k >= lead + days)
				hset(r, arena_printf(r->a, "Weeks.%d.%d.blank", w, k), "1");
	for (size_t i = 0; i < l->nrows; i++) {
		const char *p = arena_printf(r->a, "List.%zu", i);
		hset(r, arena_printf(r->a, "%s.id", p), db_val(l, i, 0));
		hset(r, arena_printf(r->a, "%s.type", p), db_val(l, i, 1));
		hset(r, arena_printf(r->a, "%s.title", p), db_val(l, i, is_hi(r) ? 3 : 2));
		hset(r, arena_printf(r->a, "%s.when", p), date_long(r->a, db_val(l, i, 4), r->lang));
		hset(r, arena_printf(r->a, "%s.venue", p), db_val(l, i, 6));
		hset(r, arena_printf(r->a, "%s.status", p), db_val(l, i, 7));
	}
	hset(r, "Month.name", arena_printf(r->a, "%s %d", month_name(m, r->lang), y));
	hsetf(r, "Month.prev", "%04d-%02d", m == 1 ? y - 1 : y, m == 1 ? 12 : m - 1);
	hsetf(r, "Month.next", "%04d-%02d", m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1);
	hset(r, "Organiser", r->user->roles & TRN_ORGANISERS ? "1" : "");
	hset(r, "Overseer", r->user->roles & (RB_OFFICERS | RB(ROLE_MASTER_TRAINER)) ? "1" : "");
	return tmpl_render(r, "training.cs");
}

/* ---- scheduling ---- */

static const char *const SCHED_FIELDS[] = { "type", "title_en", "title_hi", "location", "audience", "venue", "lat", "lon",
					    "starts_at", "ends_at", "trainers", "materials", NULL };

/* The planning screen, with what participants said last time of each
 * type in the organiser's area (Lessons.*: the means, low-scoring items
 * marked, the comments of low ratings). */
static int render_new(struct req *r)
{
	const struct juris_root *roots = juris_prefixes(r->a, r->user, TRN_ORGANISERS);
	struct dbres *l = roots && roots[0].path ? training_lessons(r->a, roots[0].path) : NULL;
	static const char *const cols[] = { "type", "id", "title_en", "title_hi", "date", "n", "rating", "content", "trainer",
					    "hands_on", "venue", "low_comments", NULL };
	if (l) {
		hset_rows(r, "Lessons", l, cols);
		for (size_t i = 0; i < l->nrows; i++) {
			hset(r, arena_printf(r->a, "Lessons.%zu.title", i), db_val(l, i, is_hi(r) ? 3 : 2));
			for (size_t c = 6; c <= 10; c++)
				if (db_val(l, i, c) && strtod(db_val(l, i, c), NULL) < TRN_LOW_SCORE)
					hset(r, arena_printf(r->a, "Lessons.%zu.low.%s", i, cols[c]), "1");
		}
	}
	return tmpl_render(r, "training_new.cs");
}

/* GET /training/new */
int page_training_new(struct req *r)
{
	if (!req_form(r, "type")) {
		/* defaults: the organiser's own area, VLEs */
		for (size_t i = 0; i < r->user->nh; i++)
			if (RB(r->user->h[i].role) & TRN_ORGANISERS) {
				hset_int(r, "Form.val.location", r->user->h[i].location_id);
				break;
			}
		hset(r, "Form.val.audience", "csc");
	}
	return render_new(r);
}

/* The schedule input from a form or a JSON object. */
static void sched_input(struct req *r, const struct jval *j, struct trn_input *in)
{
	const char *v[12];
	for (size_t i = 0; SCHED_FIELDS[i]; i++) {
		const struct jval *x = j ? json_get(j, SCHED_FIELDS[i]) : NULL;
		v[i] = j ? (x && (x->type == J_STR || x->type == J_NUM) ? x->str : NULL) : req_form(r, SCHED_FIELDS[i]);
	}
	*in = (struct trn_input){ v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11] };
}

/* POST /training/new */
int page_training_create(struct req *r)
{
	struct trn_input in;
	struct outcome o;
	long id;
	sched_input(r, NULL, &in);
	out_init(&o, r->a);
	if (training_schedule(r->a, &r->actor, &in, &id, &o) != 0) {
		int st = page_outcome(r, &o);
		if (st != 422)
			return st;
		form_keep(r, SCHED_FIELDS);
		r->status = 422;
		return render_new(r);
	}
	resp_redirect(r, arena_printf(r->a, "/training/%ld", id));
	return 0;
}

/* ---- one training ---- */

/* ICS text: backslash, semicolon, comma and newlines escaped. */
static void ics_text(struct sbuf *b, const char *s)
{
	for (; s && *s; s++) {
		if (*s == '\\' || *s == ';' || *s == ',')
			sbuf_addc(b, '\\');
		if (*s == '\n') {
			sbuf_adds(b, "\\n");
			continue;
		}
		if (*s != '\r')
			sbuf_addc(b, *s);
	}
}

/* The training as an iCalendar entry (times in UTC). */
static int training_ics(struct req *r, long id)
{
	struct dbres *t = db_query(r->a, "SELECT title_en, venue, DATE_FORMAT(starts_at - INTERVAL 330 MINUTE, '%Y%m%dT%H%i%sZ'), "
					 "DATE_FORMAT(ends_at - INTERVAL 330 MINUTE, '%Y%m%dT%H%i%sZ'), trainers, status, "
					 "DATE_FORMAT(NOW() - INTERVAL 330 MINUTE, '%Y%m%dT%H%i%sZ'), title_hi FROM trainings WHERE id = ?",
				   "i", (long long)id);
	if (!t || t->nrows != 1)
		return 503;
	struct sbuf b;
	sbuf_init(&b);
	sbuf_printf(&b, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//GramSewa//Training//EN\r\nMETHOD:PUBLISH\r\nBEGIN:VEVENT\r\n"
			"UID:training-%ld@gramsewa\r\nDTSTAMP:%s\r\nDTSTART:%s\r\nDTEND:%s\r\nSUMMARY:", id, db_val(t, 0, 6),
		    db_val(t, 0, 2), db_val(t, 0, 3));
	ics_text(&b, arena_printf(r->a, "%s / %s", db_val(t, 0, 0), db_val(t, 0, 7)));
	sbuf_adds(&b, "\r\nLOCATION:");
	ics_text(&b, db_val(t, 0, 1));
	sbuf_adds(&b, "\r\nDESCRIPTION:");
	ics_text(&b, arena_printf(r->a, "Trainers: %s\n%s/training/%ld", db_val(t, 0, 4), cfg.base_url, id));
	sbuf_printf(&b, "\r\nSTATUS:%s\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", str_eq(db_val(t, 0, 5), "cancelled") ? "CANCELLED" : "CONFIRMED");
	resp_bytes(r, "text/calendar; charset=utf-8", b.data, b.len, arena_printf(r->a, "training-%ld.ics", id));
	sbuf_free(&b);
	return 0;
}

/* The training's data for its page (T.*, People.*, Photos.*, Count.*). */
static int training_hdf(struct req *r, long id, bool organiser)
{
	struct dbres *t = training_get(r->a, id);
	if (!t)
		return 503;
	if (t->nrows != 1)
		return 404;
	static const char *const cols[] = { "id", "type", "title_en", "title_hi", "organiser", "organiser_name", "location", "place",
					    "audience", "venue", "lat", "lon", "starts_at", "ends_at", "trainers", "materials", "status",
					    "status_reason", "report", "invited", "present", "feedback_open", "feedback_until", NULL };
	hset_rows(r, "T", t, cols);
	hset(r, "T.0.title", db_val(t, 0, is_hi(r) ? 3 : 2));
	hset(r, "T.0.starts", date_long(r->a, db_val(t, 0, 12), r->lang));
	hset(r, "T.0.ends", date_long(r->a, db_val(t, 0, 13), r->lang));
	hset(r, "T.0.feedback_until_long", date_long(r->a, db_val(t, 0, 22), r->lang));
	struct dbres *me = db_query(r->a, "SELECT (SELECT method FROM training_attendance WHERE training_id = ? AND user_id = ?), "
					  "(SELECT rating FROM training_feedback WHERE training_id = ? AND user_id = ?), "
					  "(SELECT c.number FROM training_attendance x JOIN certificates c ON c.id = x.certificate_id "
					  " WHERE x.training_id = ? AND x.user_id = ?), "
					  "(SELECT 1 FROM training_invites WHERE training_id = ? AND user_id = ?)",
				    "iiiiiiii", (long long)id, (long long)r->user->id, (long long)id, (long long)r->user->id,
				    (long long)id, (long long)r->user->id, (long long)id, (long long)r->user->id);
	if (!me)
		return 503;
	hset(r, "Me.present", db_val(me, 0, 0));
	hset(r, "Me.feedback", db_val(me, 0, 1));
	hset(r, "Me.certificate", db_val(me, 0, 2));
	hset(r, "Me.invited", db_val(me, 0, 3));
	hset(r, "Me.organiser", organiser ? "1" : "");
	if (!organiser)
		return 0;
	struct dbres *p = db_query(r->a, "SELECT u.username, TRIM(CONCAT_WS(' ', u.first_name, u.last_name)), i.role, x.method, x.at, "
					 "x.distance_m, IF(x.method = 'qr' AND x.lat IS NULL, 1, NULL) "
					 "FROM training_invites i JOIN users u ON u.id = i.user_id "
					 "LEFT JOIN training_attendance x ON x.training_id = i.training_id AND x.user_id = i.user_id "
					 "WHERE i.training_id = ? ORDER BY x.at IS NULL, u.first_name LIMIT 1000", "i", (long long)id);
	struct dbres *ph = db_query(r->a, "SELECT sha256, exif_at, in_session FROM training_photos WHERE training_id = ? ORDER BY id", "i",
				    (long long)id);
	struct trn_count c;
	if (!p || !ph || training_counts(r->a, id, &c) != 0)
		return 503;
	static const char *const pcols[] = { "username", "name", "role", "method", "at", "distance", "no_point", NULL };
	static const char *const phcols[] = { "sha", "exif_at", "in_session", NULL };
	hset_rows(r, "People", p, pcols);
	hset_rows(r, "Photos", ph, phcols);
	hset(r, "Count.countable", c.countable ? "1" : "");
	hset(r, "Count.vles_invited", c.vles_invited ? "1" : "");
	hset(r, "Count.reported", c.reported ? "1" : "");
	hset(r, "Count.long_enough", c.long_enough ? "1" : "");
	hset(r, "Count.enough_people", c.enough_people ? "1" : "");
	hset(r, "Count.enough_photos", c.enough_photos ? "1" : "");
	hset(r, "Count.counts", c.counts ? "1" : "");
	hset_int(r, "Count.attendees", c.attendees);
	hset_int(r, "Count.photos", c.photos_in_session);
	hset_int(r, "Count.min_attendees", cfg.training_min_attendees);
	hset_int(r, "Count.min_hours", cfg.training_min_hours);
	return 0;
}

/* GET /training/:id and /training/:id.ics */
int page_training_one(struct req *r)
{
	bool ics;
	long id = path_training(r, &ics);
	if (!id || !training_visible(r->a, r->user, id))
		return 404;
	if (ics)
		return training_ics(r, id);
	int st = training_hdf(r, id, training_is_organiser(r->a, r->user, id));
	return st ? st : tmpl_render(r, "training_one.cs");
}

/* Re-renders the training page after a refusal of one of its forms (422)
 * or answers the refusal's status. */
static int again(struct req *r, long id, struct outcome *o)
{
	int st = refused(r, o);
	if (st != 422)
		return st;
	if ((st = training_hdf(r, id, training_is_organiser(r->a, r->user, id))) != 0)
		return st;
	r->status = 422;
	return tmpl_render(r, "training_one.cs");
}

/* POST /training/:id/action {action, reason, report, starts_at, ends_at} */
int page_training_action(struct req *r)
{
	long id = path_training(r, NULL);
	struct outcome o;
	out_init(&o, r->a);
	if (training_act(r->a, &r->actor, id, req_form(r, "action"), req_form(r, "reason"), req_form(r, "report"),
			 req_form(r, "starts_at"), req_form(r, "ends_at"), &o) != 0)
		return again(r, id, &o);
	resp_redirect(r, arena_printf(r->a, "/training/%ld", id));
	return 0;
}

/* GET /training/:id/qr — the trainer's screen: this minute's code */
int page_training_qr(struct req *r)
{
	long id = path_training(r, NULL);
	if (!id || !training_visible(r->a, r->user, id))
		return 404;
	if (!training_is_organiser(r->a, r->user, id))
		return 403;
	const char *url = arena_printf(r->a, "%s/training/%ld/checkin?t=%s", cfg.base_url, id, training_qr_token(r->a, id, now_secs()));
	char *svg = qr_svg(url);
	if (!svg)
		return 500;
	hset(r, "Qr.svg_b64", b64_encode(r->a, (const unsigned char *)svg, strlen(svg)));
	free(svg);
	hset(r, "Qr.url", url);
	hset_int(r, "Qr.id", id);
	/* the next code comes with the next minute */
	hset_int(r, "Qr.refresh", 60 - (long long)(now_secs() % 60) + 1);
	return tmpl_render(r, "training_qr.cs");
}

/* GET /training/:id/checkin?t=CODE — one button (GET never writes) */
int page_training_checkin(struct req *r)
{
	long id = path_training(r, NULL);
	if (!id || !training_visible(r->a, r->user, id))
		return 404;
	int st = training_hdf(r, id, false);
	if (st)
		return st;
	hset(r, "Checkin.t", req_query(r, "t"));
	hset(r, "Page.att_js", "1");	/* attendance.js takes the phone's point on the press */
	return tmpl_render(r, "training_checkin.cs");
}

/* POST /training/:id/checkin {t, lat?, lon?, accuracy_m?} */
int page_training_checkin_post(struct req *r)
{
	long id = path_training(r, NULL);
	struct outcome o;
	struct trn_fix fix = { req_form(r, "lat"), req_form(r, "lon"), req_form(r, "accuracy_m") };
	out_init(&o, r->a);
	if (training_checkin(r->a, &r->actor, id, req_form(r, "t"), &fix, &o) != 0)
		return refused(r, &o);
	resp_redirect(r, arena_printf(r->a, "/training/%ld?checked_in=1", id));
	return 0;
}

/* POST /training/:id/attendance {person} */
int page_training_mark(struct req *r)
{
	long id = path_training(r, NULL);
	struct outcome o;
	out_init(&o, r->a);
	if (training_mark(r->a, &r->actor, id, req_form(r, "person"), &o) != 0)
		return again(r, id, &o);
	resp_redirect(r, arena_printf(r->a, "/training/%ld", id));
	return 0;
}

/* POST /training/:id/photos (multipart: photo) */
int page_training_photo(struct req *r)
{
	long id = path_training(r, NULL);
	const struct upload *u = req_upload(r, "photo");
	struct outcome o;
	out_init(&o, r->a);
	if (training_photo_add(r->a, &r->actor, id, u ? u->data : NULL, u ? u->len : 0, &o) != 0)
		return again(r, id, &o);
	resp_redirect(r, arena_printf(r->a, "/training/%ld", id));
	return 0;
}

/* A number or string member as its text, or NULL. */
static const char *json_text(const struct jval *in, const char *key)
{
	const struct jval *v = json_get(in, key);
	return v && (v->type == J_NUM || v->type == J_STR) ? v->str : NULL;
}

/* The feedback questions: the overall rating, the rated items, the comment. */
static const char *const FEEDBACK_KEYS[] = { "rating", "content", "trainer", "hands_on", "venue", "comment", NULL };

/* The feedback answers from a form or a JSON body, as the JSON object the
 * form checker reads. */
static struct jval *feedback_answers(struct req *r, const struct jval *j)
{
	struct sbuf b;
	struct jw w;
	sbuf_init(&b);
	jw_init(&w, &b);
	jw_obj(&w);
	for (size_t i = 0; FEEDBACK_KEYS[i]; i++) {
		const char *v = j ? json_text(j, FEEDBACK_KEYS[i]) : req_form(r, FEEDBACK_KEYS[i]);
		if (!str_empty(v))
			jw_kstr(&w, FEEDBACK_KEYS[i], v);
	}
	jw_obj_end(&w);
	const char *err;
	struct jval *v = json_parse(r->a, b.data, b.len, &err);
	sbuf_free(&b);
	return v;
}

/* POST /training/:id/feedback {rating, comment} */
int page_training_feedback(struct req *r)
{
	long id = path_training(r, NULL);
	struct outcome o;
	const char *cert = NULL;
	out_init(&o, r->a);
	if (training_feedback(r->a, &r->actor, id, feedback_answers(r, NULL), &cert, &o) != 0) {
		form_keep(r, FEEDBACK_KEYS);
		return again(r, id, &o);
	}
	resp_redirect(r, arena_printf(r->a, "/training/%ld?thanks=1", id));
	return 0;
}

/* ---- compliance ---- */

/* The matrix of the six months ending with month under path into HDF
 * (Matrix.*).  0, or 400 for a bad month, 503. */
static int matrix_fill(struct req *r, const char *path, const char *month, struct trn_matrix *m)
{
	if (str_empty(month))
		month = arena_strndup(r->a, ist_today(r->a), 7);
	if (training_matrix(r->a, path, month, 6, m) != 0)
		return m->months ? 503 : 400;
	for (int k = 0; k < m->nmonths; k++)
		hset(r, arena_printf(r->a, "Matrix.months.%d", k), m->months[k]);
	for (size_t p = 0; p < m->people->nrows; p++) {
		const char *pre = arena_printf(r->a, "Matrix.rows.%zu", p);
		hset(r, arena_printf(r->a, "%s.name", pre), db_val(m->people, p, 1));
		hset(r, arena_printf(r->a, "%s.role", pre), tmpl_str(r->lang, arena_printf(r->a, "role.%s", db_val(m->people, p, 2))));
		hset(r, arena_printf(r->a, "%s.place", pre), db_val(m->people, p, 3));
		for (int k = 0; k < m->nmonths; k++) {
			long n = m->counts[p * (size_t)m->nmonths + (size_t)k];
			hset_int(r, arena_printf(r->a, "%s.c.%d.n", pre, k), n);
			hset(r, arena_printf(r->a, "%s.c.%d.ok", pre, k), n >= cfg.training_per_month ? "1" : "");
		}
	}
	hset_int(r, "Matrix.per_month", cfg.training_per_month);
	return 0;
}

/* The place a compliance or report page is about: ?location= (one the
 * viewer oversees) or the viewer's first area.  0 with *path (arena), or
 * 403/404. */
static int overseen_place(struct req *r, const char **path)
{
	const char *loc = req_query(r, "location");
	const struct juris_root *roots = juris_prefixes(r->a, r->user, TRN_OVERSEERS);
	long id;
	*path = roots && roots[0].path ? roots[0].path : NULL;
	if (!str_empty(loc)) {
		*path = parse_long(loc, 1, 2000000000L, &id) ? db_scalar(r->a, "SELECT path FROM locations WHERE id = ?", "i", (long long)id)
							    : NULL;
		if (!*path)
			return 404;
		if (!training_oversees(r->user, *path))
			return 403;
	}
	return *path ? 0 : 403;
}

/* The matrix under the place ?location= (default the viewer's first
 * area) for ?month= and the 5 months before, into HDF (Matrix.*). */
static int matrix_hdf(struct req *r, struct trn_matrix *m)
{
	const char *path;
	int st = overseen_place(r, &path);
	return st ? st : matrix_fill(r, path, req_query(r, "month"), m);
}

int page_training_dash(struct req *r, const char *path)
{
	struct trn_matrix m;
	if (!path || !training_oversees(r->user, path))
		return 0;	/* the dashboard's own check decided who sees the place */
	return matrix_fill(r, path, NULL, &m);
}

/* ---- reports ---- */

/* The groupings of the training report and the columns of its rows. */
static const char *const REPORT_BY[] = { "place", "type", "trainer", "topic", NULL };
static const char *const REPORT_COLS[] = { "key", "label", "trainings", "invited", "present", "hours", "pct", "feedback", "rating",
					   NULL };

/* The report's place and months from the query (?location=, ?from=,
 * ?to= as YYYY-MM; default the twelve months ending with this one) into
 * HDF (Rep.*).  0, or 403/404. */
static int report_scope(struct req *r, const char **path, const char **from, const char **to)
{
	int st = overseen_place(r, path);
	if (st)
		return st;
	const char *today = ist_today(r->a);
	int y = atoi(today), m = atoi(today + 5);
	*to = str_empty(req_query(r, "to")) ? arena_strndup(r->a, today, 7) : req_query(r, "to");
	*from = str_empty(req_query(r, "from")) ? arena_printf(r->a, "%04d-%02d", m == 12 ? y : y - 1, m == 12 ? 1 : m + 1)
						: req_query(r, "from");
	struct dbres *place = db_query(r->a, "SELECT id, name_en, name_hi FROM locations WHERE path = ?", "s", *path);
	if (place && place->nrows == 1) {
		hset(r, "Rep.location", db_val(place, 0, 0));
		hset(r, "Rep.place_name", db_val(place, 0, is_hi(r) ? 2 : 1));
	}
	hset(r, "Rep.from", *from);
	hset(r, "Rep.to", *to);
	return 0;
}

/* GET /training/report?location=&from=&to= — trainings, participant-hours,
 * attendance and feedback by place (drill-down), type, trainer and topic;
 * the completion of mandatory e-learning in the place. */
int page_training_report(struct req *r)
{
	const char *path, *from, *to;
	int st = report_scope(r, &path, &from, &to);
	if (st)
		return st;
	for (size_t i = 0; REPORT_BY[i]; i++) {
		struct dbres *rows;
		if ((st = training_report(r->a, path, from, to, REPORT_BY[i], &rows)))
			return st;
		hset_rows(r, arena_printf(r->a, "Rep.%s", REPORT_BY[i]), rows, REPORT_COLS);
	}
	struct dbres *learn = learning_report(r->a, path);
	if (!learn)
		return 503;
	static const char *const lcols[] = { "id", "title", "lang", "people", "completed", NULL };
	hset_rows(r, "Report", learn, lcols);
	return tmpl_render(r, "training_report.cs");
}

/* GET /training/report/csv?by=place|type|trainer|topic|elearning&location=&from=&to=
 * (elearning: the mandatory items' completion in the place, whatever the months) */
int page_training_report_csv(struct req *r)
{
	static const char *const LEARN_COLS[] = { "item", "title", "lang", "people", "completed", NULL };
	const char *path, *from, *to, *by = req_query(r, "by");
	struct dbres *rows = NULL;
	int st = report_scope(r, &path, &from, &to);
	bool learn = str_eq(by, "elearning");
	if (!st && learn)
		st = (rows = learning_report(r->a, path)) ? 0 : 503;
	else if (!st)
		st = training_report(r->a, path, from, to, by, &rows);
	if (st)
		return st;
	const char *const *cols = learn ? LEARN_COLS : REPORT_COLS;
	struct sbuf b;
	sbuf_init(&b);
	for (size_t c = 0; cols[c]; c++)
		sbuf_printf(&b, "%s%s", c ? "," : "", cols[c]);
	sbuf_adds(&b, "\r\n");
	for (size_t i = 0; i < rows->nrows; i++) {
		for (size_t c = 0; cols[c]; c++) {
			if (c)
				sbuf_addc(&b, ',');
			csv_cell(&b, db_val(rows, i, c) ? db_val(rows, i, c) : "");
		}
		sbuf_adds(&b, "\r\n");
	}
	resp_bytes(r, "text/csv; charset=utf-8", b.data, b.len, arena_printf(r->a, "trainings-by-%s-%s-%s.csv", by, from, to));
	sbuf_free(&b);
	return 0;
}

/* GET /training/compliance?location=&month= */
int page_training_compliance(struct req *r)
{
	struct trn_matrix m;
	int st = matrix_hdf(r, &m);
	return st ? st : tmpl_render(r, "training_compliance.cs");
}

/* ---- JSON API ---- */

static const struct api_col training_cols[] = {
	{"type", 1, AK_STR},
	{"title_en", 2, AK_STR},
	{"title_hi", 3, AK_STR},
	{"organiser", 4, AK_INT},
	{"location", 6, AK_INT},
	{"audience", 8, AK_STR},
	{"venue", 9, AK_STR},
	{"lat", 10, AK_STR},
	{"lon", 11, AK_STR},
	{"starts_at", 12, AK_TIME},
	{"ends_at", 13, AK_TIME},
	{"trainers", 14, AK_STR},
	{"materials", 15, AK_STR},
	{"status", 16, AK_STR},
	{"status_reason", 17, AK_STR},
	{"invited", 19, AK_INT},
	{"present", 20, AK_INT},
	{"present_without_point", 23, AK_INT},
};

/* One training as JSON (for organisers with the rule's view). */
static int training_json(struct req *r, long id, int status)
{
	struct dbres *t = training_get(r->a, id);
	if (!t)
		return 503;
	if (t->nrows != 1)
		return 404;
	struct trn_count c;
	if (training_counts(r->a, id, &c) != 0)
		return 503;
	struct sbuf b;
	struct jw w;
	sbuf_init(&b);
	jw_init(&w, &b);
	jw_obj(&w);
	jw_kint(&w, "id", id);
	API_COLS(r->a, &w, t, 0, training_cols);
	jw_kbool(&w, "feedback_open", db_int(t, 0, 21) == 1);
	jw_key(&w, "counts");
	jw_obj(&w);
	jw_kbool(&w, "countable", c.countable);
	jw_kbool(&w, "vles_invited", c.vles_invited);
	jw_kbool(&w, "reported", c.reported);
	jw_kint(&w, "minutes", c.minutes);
	jw_kint(&w, "attendees", c.attendees);
	jw_kint(&w, "photos_in_session", c.photos_in_session);
	jw_kbool(&w, "counts", c.counts);
	jw_obj_end(&w);
	jw_obj_end(&w);
	return api_send(r, status, &b);
}

static const struct api_col training_row_cols[] = {
	{"id", 0, AK_INT},
	{"type", 1, AK_STR},
	{"title_en", 2, AK_STR},
	{"title_hi", 3, AK_STR},
	{"starts_at", 4, AK_TIME},
	{"ends_at", 5, AK_TIME},
	{"venue", 6, AK_STR},
	{"status", 7, AK_STR},
};

/* GET /api/v1/trainings?month=YYYY-MM */
int api_trainings(struct req *r)
{
	int y, m;
	if (!month_of(r, &y, &m))
		return 400;
	char from[24], to[24];
	snprintf(from, sizeof from, "%04d-%02d-01", y, m);
	snprintf(to, sizeof to, "%04d-%02d-01", m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1);
	struct dbres *l = training_list(r->a, r->user, from, to);
	if (!l)
		return 503;
	struct sbuf b;
	struct jw w;
	api_list_open(&b, &w);
	API_ROWS(r->a, &w, l, training_row_cols);
	return api_list_send(r, &b, &w, NULL);
}

/* POST /api/v1/trainings */
int api_training_create(struct req *r)
{
	struct jval *j = api_body(r);
	if (!j)
		return 400;
	struct trn_input in;
	struct outcome o;
	long id;
	sched_input(r, j, &in);
	out_init(&o, r->a);
	if (training_schedule(r->a, &r->actor, &in, &id, &o) != 0)
		return page_outcome(r, &o);
	return training_json(r, id, 201);
}

/* GET /api/v1/trainings/:id */
int api_training(struct req *r)
{
	long id = path_training(r, NULL);
	if (!id || !training_visible(r->a, r->user, id))
		return 404;
	return training_json(r, id, 200);
}

/* POST /api/v1/trainings/:id/actions {action, reason?, report?, starts_at?, ends_at?} */
int api_training_action(struct req *r)
{
	struct jval *j = api_body(r);
	if (!j)
		return 400;
	long id = path_training(r, NULL);
	struct outcome o;
	out_init(&o, r->a);
	if (training_act(r->a, &r->actor, id, json_get_str(j, "action"), json_get_str(j, "reason"), json_get_str(j, "report"),
			 json_get_str(j, "starts_at"), json_get_str(j, "ends_at"), &o) != 0)
		return page_outcome(r, &o);
	return training_json(r, id, 200);
}

/* GET /api/v1/trainings/:id/qr — the organiser's current code */
int api_training_qr(struct req *r)
{
	long id = path_training(r, NULL);
	if (!id || !training_visible(r->a, r->user, id))
		return 404;
	if (!training_is_organiser(r->a, r->user, id))
		return 403;
	const char *tok = training_qr_token(r->a, id, now_secs());
	struct sbuf b;
	struct jw w;
	sbuf_init(&b);
	jw_init(&w, &b);
	jw_obj(&w);
	jw_kstr(&w, "token", tok);
	jw_kstr(&w, "url", arena_printf(r->a, "%s/training/%ld/checkin?t=%s", cfg.base_url, id, tok));
	jw_kint(&w, "seconds_left", 60 - (long long)(now_secs() % 60));
	jw_obj_end(&w);
	return api_send(r, 200, &b);
}

/* A presence call, 201 {"present": true}: the participant's check-in
 * {token, lat?, lon?, accuracy_m?} or the organiser's mark {person}. */
static int api_present(struct req *r, bool checkin)
{
	struct jval *j = api_body(r);
	if (!j)
		return 400;
	struct outcome o;
	out_init(&o, r->a);
	long id = path_training(r, NULL);
	struct trn_fix fix = { json_text(j, "lat"), json_text(j, "lon"), json_text(j, "accuracy_m") };
	if ((checkin ? training_checkin(r->a, &r->actor, id, json_get_str(j, "token"), &fix, &o)
		     : training_mark(r->a, &r->actor, id, json_get_str(j, "person"), &o)) != 0)
		return page_outcome(r, &o);
	return api_ok(r, 201, "{\"present\":true}");
}

/* POST /api/v1/trainings/:id/checkin {token, lat?, lon?, accuracy_m?} */
int api_training_checkin(struct req *r)
{
	return api_present(r, true);
}

/* POST /api/v1/trainings/:id/attendance {person} */
int api_training_mark(struct req *r)
{
	return api_present(r, false);
}

/* POST /api/v1/trainings/:id/photos (multipart: photo) */
int api_training_photo(struct req *r)
{
	long id = path_training(r, NULL);
	const struct upload *u = req_upload(r, "photo");
	struct outcome o;
	out_init(&o, r->a);
	if (training_photo_add(r->a, &r->actor, id, u ? u->data : NULL, u ? u->len : 0, &o) != 0)
		return page_outcome(r, &o);
	return training_json(r, id, 201);
}

/* POST /api/v1/trainings/:id/feedback {rating, comment?} */
int api_training_feedback(struct req *r)
{
	struct jval *j = api_body(r);
	if (!j)
		return 400;
	struct outcome o;
	const char *cert = NULL;
	out_init(&o, r->a);
	if (training_feedback(r->a, &r->actor, path_training(r, NULL), feedback_answers(r, j), &cert, &o) != 0)
		return page_outcome(r, &o);
	return api_send_str(r, 201, "certificate", cert);
}

static const struct api_col compliance_person_cols[] = {
	{"id", 0, AK_INT},
	{"name", 1, AK_STR},
	{"role", 2, AK_STR},
	{"place", 3, AK_STR},
};

/* GET /api/v1/trainings/compliance?location=&month= */
int api_training_compliance(struct req *r)
{
	struct trn_matrix m;
	int st = matrix_hdf(r, &m);
	if (st)
		return st;
	struct sbuf b;
	struct jw w;
	sbuf_init(&b);
	jw_init(&w, &b);
	jw_obj(&w);
	jw_kint(&w, "per_month", cfg.training_per_month);
	jw_key(&w, "months");
	jw_arr(&w);
	for (int k = 0; k < m.nmonths; k++)
		jw_str(&w, m.months[k]);
	jw_arr_end(&w);
	jw_key(&w, "people");
	jw_arr(&w);
	for (size_t p = 0; p < m.people->nrows; p++) {
		jw_obj(&w);
		API_COLS(r->a, &w, m.people, p, compliance_person_cols);
		jw_key(&w, "counted");
		jw_arr(&w);
		for (int k = 0; k < m.nmonths; k++)
			jw_int(&w, m.counts[p * (size_t)m.nmonths + (size_t)k]);
		jw_arr_end(&w);
		jw_obj_end(&w);
	}
	jw_arr_end(&w);
	jw_obj_end(&w);
	return api_send(r, 200, &b);
}
