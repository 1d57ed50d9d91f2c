/*
 * training.c — the training calendar (training.h): scheduling, states and
 * invitations, the rotating check-in QR, marked attendance, photos and
 * their camera time, feedback and the participation certificate, the
 * two-per-month rule, its matrix and its SMS jobs.
 */
#include "training.h"
#include "photo.h"
#include "attendance.h"
#include "audit.h"
#include "cert.h"
#include "cert_pdf.h"
#include "config.h"
#include "db.h"
#include "form.h"
#include "geo.h"
#include "json.h"
#include "locker.h"
#include "notify.h"
#include "session.h"
#include "upcheck.h"
#include "user.h"

#include <math.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

static const char *const TYPES[] = { "orientation", "workshop", "tot", "hands_on", "refresher", "need_based", "elearning",
				     "personality", NULL };

static bool type_ok(const char *t)
{
	for (size_t i = 0; TYPES[i]; i++)
		if (str_eq(t, TYPES[i]))
			return true;
	return false;
}

static const char *id_text(struct arena *a, long id)
{
	return arena_printf(a, "%ld", id);
}

/* Decimal degrees in [lo, hi] as stored text, or NULL. */
static const char *coord_in(struct arena *a, const char *s, double lo, double hi)
{
	if (str_empty(s) || strlen(s) > 20)
		return NULL;
	char *end;
	double v = strtod(s, &end);
	return *end == '\0' && isfinite(v) && v >= lo && v <= hi ? arena_printf(a, "%.6f", v) : NULL;
}

/* ---- scheduling ---- */

struct sched_ctx {
	struct arena *a;
	const struct actor *who;
	const struct trn_input *in;
	const char *role, *lat, *lon, *starts, *ends;
	long location;
	long *id;
};

static int sched_txn(void *p)
{
	struct sched_ctx *c = p;
	const struct trn_input *in = c->in;
	if (db_exec("INSERT INTO trainings (type, title_en, title_hi, organiser_id, organiser_role, location_id, audience, venue, lat, lon, "
		    "starts_at, ends_at, trainers, materials, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULLIF(?, ''), NOW())",
		    "sssisissssssss", in->type, in->title_en, in->title_hi, (long long)actor_id(c->who), c->role, (long long)c->location,
		    in->audience, in->venue, c->lat, c->lon, c->starts, c->ends, in->trainers, in->materials) != 1)
		return -1;
	*c->id = (long)db_last_id();
	struct audit_entry e = { .action = "training.schedule", .entity = "training", .entity_id = id_text(c->a, *c->id), .role = c->role,
				 .remarks = arena_printf(c->a, "%s %s – %s", in->type, c->starts, c->ends) };
	return audit_write(c->who, &e) == 0 ? 0 : -1;
}

/* A required text of 1..max characters into out as problems. */
static void need_text(struct outcome *out, const char *field, const char *v, long max)
{
	if (str_empty(v))
		out_field(out, field, "form.err.required", NULL);
	else
		out_max_len(out, field, v, max);
}

int training_schedule(struct arena *a, const struct actor *who, const struct trn_input *in, long *id, struct outcome *out)
{
	struct sched_ctx c = { .a = a, .who = who, .in = in, .id = id };
	if (!type_ok(in->type))
		out_field(out, "type", "training.err.type", NULL);
	need_text(out, "title_en", in->title_en, 200);
	need_text(out, "title_hi", in->title_hi, 200);
	need_text(out, "venue", in->venue, 200);
	need_text(out, "trainers", in->trainers, 300);
	out_max_len(out, "materials", in->materials, 1000);
	if (!role_list_ok(a, in->audience))
		out_field(out, "audience", "training.err.audience", NULL);
	c.lat = coord_in(a, in->lat, -90, 90);
	c.lon = coord_in(a, in->lon, -180, 180);
	if ((!str_empty(in->lat) || !str_empty(in->lon)) && (!c.lat || !c.lon))
		out_field(out, "lat", "training.err.point", NULL);
	c.starts = ist_datetime_in(a, in->starts_at);
	c.ends = ist_datetime_in(a, in->ends_at);
	if (!c.starts)
		out_field(out, "starts_at", "training.err.time", NULL);
	if (!c.ends || (c.starts && strcmp(c.ends, c.starts) <= 0))
		out_field(out, "ends_at", "training.err.time", NULL);
	if (!parse_long(in->location, 1, 2000000000L, &c.location))
		out_field(out, "location", "training.err.location", NULL);
	if (out->status)
		return out->status;
	const char *path = db_scalar(a, "SELECT path FROM locations WHERE id = ? AND active = 1", "i", (long long)c.location);
	if (!path) {
		out_field(out, "location", "training.err.location", NULL);
		return out->status;
	}
	const struct holding *h = who->user ? juris_holding(who->user, TRN_ORGANISERS, 0, path, 0) : NULL;
	if (!h)
		return out_fail(out, 403, "training.not_organiser");
	c.role = role_code(h->role);
	return out_txn(out, sched_txn, &c);
}

/* ---- states ---- */

bool training_is_organiser(struct arena *a, const struct user *u, long id)
{
	const char *org = u ? db_scalar(a, "SELECT organiser_id FROM trainings WHERE id = ?", "i", (long long)id) : NULL;
	return org && (strtol(org, NULL, 10) == u->id || user_has(u, ROLE_STATE_ADMIN));
}

struct act_ctx {
	struct arena *a;
	const struct actor *who;
	long id;
	const char *action, *reason, *report, *starts, *ends;
	struct outcome *out;
};

/* Invites everyone holding an audience role at or under the training's
 * place (again after a postponement: new people may have joined), for a
 * refresher also those the exam sent to one, and sends each invitee the
 * invitation SMS.  0 or -1. */
static int invite_all(struct act_ctx *c, const struct dbres *t)
{
	if (db_exec("INSERT IGNORE INTO training_invites (training_id, user_id, role, invited_at) "
		    "SELECT ?, rh.user_id, MIN(rh.role), NOW() FROM role_holdings rh JOIN locations l ON l.id = rh.location_id "
		    "JOIN users u ON u.id = rh.user_id AND u.active = 1 "
		    "WHERE FIND_IN_SET(rh.role, ?) AND rh.active = 1 AND rh.work_from <= CURDATE() "
		    "AND (rh.work_to IS NULL OR rh.work_to >= CURDATE()) AND l.path LIKE CONCAT(?, '%') GROUP BY rh.user_id",
		    "iss", (long long)c->id, db_val(t, 0, 2), db_val(t, 0, 3)) < 0)
		return -1;
	/* a refresher also invites whoever in the place failed the last allowed
	 * attempt of an exam they have not passed since (exam.c's mark) */
	if (str_eq(db_val(t, 0, 7), "refresher") &&
	    db_exec("INSERT IGNORE INTO training_invites (training_id, user_id, role, invited_at) "
		    "SELECT ?, rh.user_id, MIN(rh.role), NOW() FROM exam_attempts ea JOIN role_holdings rh ON rh.user_id = ea.user_id "
		    "JOIN locations l ON l.id = rh.location_id WHERE ea.refresher = 1 AND rh.active = 1 AND rh.work_from <= CURDATE() "
		    "AND (rh.work_to IS NULL OR rh.work_to >= CURDATE()) AND l.path LIKE CONCAT(?, '%') "
		    "AND NOT EXISTS (SELECT 1 FROM exam_attempts p WHERE p.user_id = ea.user_id AND p.exam_id = ea.exam_id AND p.passed = 1) "
		    "GROUP BY rh.user_id", "is", (long long)c->id, db_val(t, 0, 3)) < 0)
		return -1;
	struct dbres *inv = db_query(c->a, "SELECT u.mobile FROM training_invites i JOIN users u ON u.id = i.user_id "
					   "WHERE i.training_id = ? AND u.mobile IS NOT NULL", "i", (long long)c->id);
	if (!inv)
		return -1;
	const char *text = arena_printf(c->a, "Training \"%s\" on %s at %s. Details and calendar: %s/training/%ld - GramSewa",
					db_val(t, 0, 4), db_val(t, 0, 5), db_val(t, 0, 6), cfg.base_url, c->id);
	for (size_t i = 0; i < inv->nrows; i++)
		if (!notify_queue("sms", db_val(inv, i, 0), text, cfg.training_invite_dlt, "training.invite", id_text(c->a, c->id)))
			return -1;
	return 0;
}

/* Is the training's state one of the |-separated states? */
static bool in_state(const char *st, const char *states)
{
	size_t n = strlen(st);
	for (const char *p = states; p && *p;) {
		if (strncmp(p, st, n) == 0 && (p[n] == '|' || p[n] == '\0'))
			return true;
		p = strchr(p, '|');
		p = p ? p + 1 : NULL;
	}
	return false;
}

static int act_txn(void *p)
{
	struct act_ctx *c = p;
	struct dbres *t = db_query(c->a, "SELECT t.status, NOW() >= t.starts_at, t.audience, l.path, t.title_en, "
					 "DATE_FORMAT(t.starts_at, '%d-%m-%Y %H:%i'), t.venue, t.type FROM trainings t "
					 "JOIN locations l ON l.id = t.location_id WHERE t.id = ? FOR UPDATE", "i", (long long)c->id);
	if (!t)
		return -1;
	if (t->nrows != 1) {
		out_fail(c->out, 404, NULL);
		return 1;
	}
	/* action: from which states, to which */
	static const struct { const char *action, *from, *to; } moves[] = {
		{ "publish", "planned|postponed", "published" }, { "held", "published", "held" },
		{ "report", "held", "reported" }, { "close", "reported", "closed" },
		{ "cancel", "planned|published|postponed", "cancelled" }, { "postpone", "planned|published", "postponed" },
	};
	const char *st = db_val(t, 0, 0), *to = NULL;
	for (size_t i = 0; i < ARRAY_LEN(moves); i++)
		if (str_eq(c->action, moves[i].action) && in_state(st, moves[i].from))
			to = moves[i].to;
	if (!to || (str_eq(c->action, "held") && db_int(t, 0, 1) != 1)) {
		out_fail(c->out, 409, "training.bad_state");
		return 1;
	}
	if (db_exec("UPDATE trainings SET status = ?, status_reason = IF(? IN ('cancelled','postponed'), ?, status_reason), "
		    "report = IF(? = 'reported', ?, report), starts_at = IFNULL(?, starts_at), ends_at = IFNULL(?, ends_at) WHERE id = ?",
		    "sssssssi", to, to, c->reason, to, c->report, c->starts, c->ends, (long long)c->id) != 1)
		return -1;
	if (str_eq(to, "published") && invite_all(c, t) != 0)
		return -1;
	struct audit_entry e = { .action = arena_printf(c->a, "training.%s", c->action), .entity = "training",
				 .entity_id = id_text(c->a, c->id), .remarks = c->reason };
	return audit_write(c->who, &e) == 0 ? 0 : -1;
}

int training_act(struct arena *a, const struct actor *who, long id, const char *action, const char *reason, const char *report,
		 const char *starts_at, const char *ends_at, struct outcome *out)
{
	struct act_ctx c = { .a = a, .who = who, .id = id, .action = action, .out = out };
	if (!training_visible(a, who->user, id))
		return out_fail(out, 404, NULL);
	if (!training_is_organiser(a, who->user, id))
		return out_fail(out, 403, "training.not_organiser");
	if (str_eq(action, "cancel") || str_eq(action, "postpone")) {
		if (str_empty(reason) || utf8_chars(reason) < 5)
			out_field(out, "reason", "training.err.reason", NULL);
		else if (!out_max_len(out, "reason", reason, 300))
			return out->status;
		c.reason = reason;
	}
	if (str_eq(action, "postpone")) {
		c.starts = ist_datetime_in(a, starts_at);
		c.ends = ist_datetime_in(a, ends_at);
		if (!c.starts)
			out_field(out, "starts_at", "training.err.time", NULL);
		if (!c.ends || (c.starts && strcmp(c.ends, c.starts) <= 0))
			out_field(out, "ends_at", "training.err.time", NULL);
	}
	if (str_eq(action, "report")) {
		if (str_empty(report) || utf8_chars(report) < 10)
			out_field(out, "report", "training.err.report", NULL);
		else if (!out_max_len(out, "report", report, 5000))
			return out->status;
		c.report = report;
	}
	if (out->status)
		return out->status;
	return out_txn(out, act_txn, &c);
}

/* ---- attendance ---- */

const char *training_qr_token(struct arena *a, long id, time_t t)
{
	long long minute = (long long)t / 60;
	const char *mac = secret_mac(a, arena_printf(a, "training-qr|%ld|%lld", id, minute));
	return arena_printf(a, "%lld.%.22s", minute, mac);
}

/* The minute of a token that is ours for training id, or -1. */
static long long token_minute(struct arena *a, long id, const char *token)
{
	const char *dot = token ? strchr(token, '.') : NULL;
	long minute;
	if (!dot || strlen(token) > 64 || !parse_long(arena_strndup(a, token, (size_t)(dot - token)), 0, 100000000L, &minute))
		return -1;
	const char *want = training_qr_token(a, id, (time_t)minute * 60);
	return strlen(want) == strlen(token) && sodium_memcmp(want, token, strlen(want)) == 0 ? minute : -1;
}

struct att_ctx {
	struct arena *a;
	const struct actor *who;
	long id, user;
	long long minute;	/* -1: marked by the organiser */
	const char *lat, *lon;	/* the phone's point (stored text), or NULL */
	long acc, dist;		/* its accuracy and distance to the venue in metres, or -1 */
	struct outcome *out;
};

/* The attendance row and, for a VLE, the day on duty; the audit row. */
static int att_txn(void *p)
{
	struct att_ctx *c = p;
	long marker = c->minute >= 0 ? 0 : actor_id(c->who);
	long long n = db_exec("INSERT IGNORE INTO training_attendance (training_id, user_id, method, qr_slot, at, ip, marked_by, "
			      "lat, lon, accuracy_m, distance_m) VALUES (?, ?, ?, NULLIF(?, -1), NOW(), ?, NULLIF(?, 0), ?, ?, "
			      "NULLIF(?, -1), NULLIF(?, -1))",
			      "iisisissii", (long long)c->id, (long long)c->user, c->minute >= 0 ? "qr" : "marked", (long long)c->minute,
			      c->who->ip ? c->who->ip : "", (long long)marker, c->lat, c->lon, (long long)c->acc, (long long)c->dist);
	if (n < 0)
		return -1;
	if (n == 0) {	/* already present: the same code (or a second mark) again */
		out_fail(c->out, 409, "training.replayed");
		c->out->code = "replayed";
		return 1;
	}
	const char *day = db_scalar(c->a, "SELECT DATE(starts_at) FROM trainings WHERE id = ?", "i", (long long)c->id);
	bool vle = db_scalar(c->a, "SELECT role FROM training_invites WHERE training_id = ? AND user_id = ? AND role = 'csc'", "ii",
			     (long long)c->id, (long long)c->user) != NULL;
	if (vle && day) {
		struct outcome o;
		out_init(&o, c->a);
		int st = attendance_on_duty(c->a, c->who, c->user, day, "training", id_text(c->a, c->id), &o);
		if (st == 503)
			return -1;
		/* 404: a VLE not placed at a GP has no attendance day to credit */
	}
	struct audit_entry e = { .action = c->minute >= 0 ? "training.checkin" : "training.mark", .entity = "training",
				 .entity_id = id_text(c->a, c->id), .remarks = arena_printf(c->a, "user %ld", c->user) };
	return audit_write(c->who, &e) == 0 ? 0 : -1;
}

/* The phone's point into c (lat, lon, acc; dist when the venue at vlat,
 * vlon has a point).  Refuses 422 field "lat" for a point that is none,
 * 409 code "outside_venue" beyond the geofence; 0 when it may go on. */
static int checkin_where(struct att_ctx *c, const struct trn_fix *fix, const char *vlat, const char *vlon)
{
	struct outcome *out = c->out;
	c->acc = c->dist = -1;
	if (!fix || (str_empty(fix->lat) && str_empty(fix->lon) && str_empty(fix->accuracy_m)))
		return 0;
	c->lat = coord_in(c->a, fix->lat, -90, 90);
	c->lon = coord_in(c->a, fix->lon, -180, 180);
	long acc = 0;
	if (!c->lat || !c->lon || (!str_empty(fix->accuracy_m) && !parse_long(fix->accuracy_m, 0, 100000, &acc)))
		out_field(out, "lat", "training.err.point", NULL);
	if (out->status)
		return out->status;
	c->acc = acc;
	if (!vlat || !vlon)
		return 0;
	struct geo_pt venue = { strtod(vlat, NULL), strtod(vlon, NULL) }, at = { strtod(c->lat, NULL), strtod(c->lon, NULL) };
	double d = geo_distance_m(venue, at);
	c->dist = d < 2e9 ? (long)lround(d) : 2000000000L;
	/* the benefit of the doubt stops at the accuracy a GIS check-in may have */
	double doubt = acc < cfg.attendance_max_accuracy_m ? (double)acc : (double)cfg.attendance_max_accuracy_m;
	if (cfg.training_checkin_radius_m > 0 && !geo_within(d, doubt, (double)cfg.training_checkin_radius_m)) {
		out_fail(out, 409, "training.outside_venue");
		out->code = "outside_venue";
		return out->status;
	}
	return 0;
}

int training_checkin(struct arena *a, const struct actor *who, long id, const char *token, const struct trn_fix *fix,
		     struct outcome *out)
{
	if (!who->user || !training_visible(a, who->user, id))
		return out_fail(out, 404, NULL);
	long long minute = token_minute(a, id, token);
	if (minute < 0) {
		out_fail(out, 422, "training.qr_bad");
		out->code = "qr_bad";
		return out->status;
	}
	long long now = (long long)now_secs();
	if (minute > now / 60 || now - minute * 60 >= 75) {	/* this minute, or the last one for 15 s */
		out_fail(out, 409, "training.qr_expired");
		out->code = "qr_expired";
		return out->status;
	}
	struct dbres *t = db_query(a, "SELECT status, NOW() BETWEEN starts_at - INTERVAL 30 MINUTE AND ends_at, "
				      "(SELECT role FROM training_invites WHERE training_id = t.id AND user_id = ?), lat, lon "
				      "FROM trainings t WHERE id = ?",
				   "ii", (long long)who->user->id, (long long)id);
	if (!t || t->nrows != 1)
		return out_fail(out, 503, NULL);
	if (!db_val(t, 0, 2))
		return out_fail(out, 403, "training.not_invited");
	if (!in_state(db_val(t, 0, 0), "published|held") || db_int(t, 0, 1) != 1)
		return out_fail(out, 409, "training.not_now");
	struct att_ctx c = { .a = a, .who = who, .id = id, .user = who->user->id, .minute = minute, .out = out };
	if (checkin_where(&c, fix, db_val(t, 0, 3), db_val(t, 0, 4)) != 0)
		return out->status;
	return out_txn(out, att_txn, &c);
}

int training_mark(struct arena *a, const struct actor *who, long id, const char *person, struct outcome *out)
{
	if (!training_visible(a, who->user, id))
		return out_fail(out, 404, NULL);
	if (!training_is_organiser(a, who->user, id))
		return out_fail(out, 403, "training.not_organiser");
	const char *uid = str_empty(person) || strlen(person) > 64 ? NULL
			  : db_scalar(a, "SELECT u.id FROM users u JOIN training_invites i ON i.user_id = u.id AND i.training_id = ? "
					 "WHERE u.username = ? OR u.csc_id = ? OR u.id = ? LIMIT 1", "isss", (long long)id, person, person, person);
	if (!uid) {
		out_field(out, "person", "training.err.person", NULL);
		return out->status;
	}
	const char *st = db_scalar(a, "SELECT status FROM trainings WHERE id = ?", "i", (long long)id);
	if (!st || !in_state(st, "published|held"))
		return out_fail(out, 409, "training.bad_state");
	struct att_ctx c = { .a = a, .who = who, .id = id, .user = strtol(uid, NULL, 10), .minute = -1, .acc = -1, .dist = -1,
			     .out = out };
	return out_txn(out, att_txn, &c);
}

/* ---- photos ---- */

struct photo_ctx {
	struct arena *a;
	const struct actor *who;
	long id;
	const char *hex, *exif;
	size_t n;
};

static int photo_txn(void *p)
{
	struct photo_ctx *c = p;
	if (db_exec("INSERT INTO training_photos (training_id, sha256, size, exif_at, in_session, uploaded_by, uploaded_at) "
		    "SELECT ?, ?, ?, ?, IFNULL(? BETWEEN starts_at AND ends_at, 0), ?, NOW() FROM trainings WHERE id = ? "
		    "ON DUPLICATE KEY UPDATE uploaded_at = uploaded_at",
		    "isissii", (long long)c->id, c->hex, (long long)c->n, c->exif, c->exif, (long long)actor_id(c->who), (long long)c->id) < 0)
		return -1;
	struct audit_entry e = { .action = "training.photo", .entity = "training", .entity_id = id_text(c->a, c->id),
				 .remarks = arena_printf(c->a, "%s taken %s", c->hex, c->exif ? c->exif : "(no camera time)") };
	return audit_write(c->who, &e) == 0 ? 0 : -1;
}

int training_photo_add(struct arena *a, const struct actor *who, long id, const unsigned char *p, size_t n, struct outcome *out)
{
	if (!training_visible(a, who->user, id))
		return out_fail(out, 404, NULL);
	if (!training_is_organiser(a, who->user, id))
		return out_fail(out, 403, "training.not_organiser");
	const char *rule;
	const char *mime = p && n ? upcheck_file(p, n, &rule) : NULL;
	if (!str_eq(mime, "image/jpeg")) {
		out_field(out, "photo", "training.err.photo", NULL);
		return out->status;
	}
	/* the camera's time is read and the picture kept without its metadata
	 * (photo.c, as every photo the product stores) */
	unsigned char *clean = NULL;
	size_t clen = 0;
	struct photo_meta m;
	if (!photo_clean(p, n, mime, &clean, &clen, &m)) {
		out_field(out, "photo", "training.err.photo", NULL);
		return out->status;
	}
	struct photo_ctx c = { .a = a, .who = who, .id = id, .n = clen, .exif = m.taken_at[0] ? arena_strdup(a, m.taken_at) : NULL };
	c.hex = locker_put_blob(a, clean, clen);
	free(clean);
	if (!c.hex)
		return out_fail(out, 503, NULL);
	return out_txn(out, photo_txn, &c);
}

/* ---- feedback and the participation certificate ---- */

/* The feedback form: fixed questions, checked by the service form model's
 * checker (form.c).  To move to the shared form engine (gramsewa.form/1)
 * when it lands. */
static const struct opt RATINGS[] = {
	{ "1", { "1 — poor", "1 — खराब" } }, { "2", { "2", "2" } }, { "3", { "3", "3" } }, { "4", { "4", "4" } },
	{ "5", { "5 — excellent", "5 — उत्कृष्ट" } },
};
static struct field FEEDBACK_FIELDS[] = {
	{ .name = "rating", .type = FT_RADIO, .label = { "How useful was the training?", "प्रशिक्षण कितना उपयोगी था?" },
	  .required = true, .opts = (struct opt *)RATINGS, .nopts = ARRAY_LEN(RATINGS) },
	/* the items the next organiser of the topic sees the means of (optional) */
	{ .name = "content", .type = FT_RADIO, .label = { "Was the content what you needed?", "क्या विषय-वस्तु आपकी ज़रूरत की थी?" },
	  .opts = (struct opt *)RATINGS, .nopts = ARRAY_LEN(RATINGS) },
	{ .name = "trainer", .type = FT_RADIO, .label = { "How well did the trainer explain?", "प्रशिक्षक ने कितनी अच्छी तरह समझाया?" },
	  .opts = (struct opt *)RATINGS, .nopts = ARRAY_LEN(RATINGS) },
	{ .name = "hands_on", .type = FT_RADIO, .label = { "Was there enough hands-on practice?", "क्या पर्याप्त व्यावहारिक अभ्यास हुआ?" },
	  .opts = (struct opt *)RATINGS, .nopts = ARRAY_LEN(RATINGS) },
	{ .name = "venue", .type = FT_RADIO, .label = { "Venue and arrangements", "स्थान और व्यवस्था" },
	  .opts = (struct opt *)RATINGS, .nopts = ARRAY_LEN(RATINGS) },
	{ .name = "comment", .type = FT_TEXT, .label = { "What should be better next time?", "अगली बार क्या बेहतर होना चाहिए?" },
	  .max_len = 1000 },
};
/* the feedback form, as the form engine takes it */
static const struct form_def FEEDBACK_FORM = { FEEDBACK_FIELDS, ARRAY_LEN(FEEDBACK_FIELDS) };

static bool no_location(void *ctx, long id, const char **name)
{
	(void)ctx, (void)id, (void)name;
	return false;
}

static bool no_document(void *ctx, long id)
{
	(void)ctx, (void)id;
	return false;
}

struct fb_ctx {
	struct arena *a;
	const struct actor *who;
	long id;
	const char *answers;
	long rating;
	struct dbres *t;	/* title_en, title_hi, starts, venue, holder name */
	const char **cert;
	struct outcome *out;
};

static int fb_txn(void *p)
{
	struct fb_ctx *c = p;
	struct arena *a = c->a;
	long user = actor_id(c->who);
	long long n = db_exec("INSERT IGNORE INTO training_feedback (training_id, user_id, answers, rating, at) VALUES (?, ?, ?, ?, NOW())",
			      "iisi", (long long)c->id, (long long)user, c->answers, (long long)c->rating);
	if (n < 0)
		return -1;
	if (n == 0) {
		out_fail(c->out, 409, "training.feedback_given");
		return 1;
	}
	const char *name = db_val(c->t, 0, 4);
	struct cert_fact facts[] = {
		{ "Name", "नाम", name },
		{ "Training", "प्रशिक्षण", arena_printf(a, "%s / %s", db_val(c->t, 0, 1), db_val(c->t, 0, 0)) },
		{ "Date", "तिथि", db_val(c->t, 0, 2) },
		{ "Venue", "स्थान", db_val(c->t, 0, 3) },
	};
	struct cert_subject cs = { .kind = "training", .source_id = c->id, .code = "TRN", .title_en = "Participation Certificate",
				   .title_hi = "सहभागिता प्रमाण पत्र", .holder_id = user, .holder_name = name, .facts = facts,
				   .nfacts = ARRAY_LEN(facts), .validity_days = 0,
				   .sign_reason = "Participation certificate of a Digital Panchayat training" };
	struct cert_issued ci;
	if (cert_issue_subject(a, c->who, &cs, &ci, c->out) != 0 ||
	    db_exec("UPDATE training_attendance SET certificate_id = ? WHERE training_id = ? AND user_id = ?", "iii", (long long)ci.id,
		    (long long)c->id, (long long)user) != 1)
		return -1;
	*c->cert = ci.number;
	struct audit_entry e = { .action = "training.feedback", .entity = "training", .entity_id = id_text(a, c->id),
				 .remarks = arena_printf(a, "rating %ld; certificate %s", c->rating, ci.number) };
	return audit_write(c->who, &e) == 0 ? 0 : -1;
}

int training_feedback(struct arena *a, const struct actor *who, long id, const struct jval *answers, const char **cert,
		      struct outcome *out)
{
	if (!who->user || !training_visible(a, who->user, id))
		return out_fail(out, 404, NULL);
	struct dbres *t = db_query(a, "SELECT t.title_en, t.title_hi, DATE_FORMAT(t.starts_at, '%d-%m-%Y'), t.venue, "
				      "TRIM(CONCAT_WS(' ', u.first_name, u.middle_name, u.last_name)), "
				      "NOW() BETWEEN t.ends_at AND t.ends_at + INTERVAL ? DAY, "
				      "(SELECT 1 FROM training_attendance x WHERE x.training_id = t.id AND x.user_id = u.id) "
				      "FROM trainings t JOIN users u ON u.id = ? WHERE t.id = ?",
				   "iii", (long long)cfg.training_feedback_days, (long long)who->user->id, (long long)id);
	if (!t || t->nrows != 1)
		return out_fail(out, 503, NULL);
	if (!db_val(t, 0, 6))
		return out_fail(out, 403, "training.not_attended");
	if (db_int(t, 0, 5) != 1)
		return out_fail(out, 409, "training.feedback_closed");
	struct form_env env = { .today = ist_today(a), .location_ok = no_location, .document_ok = no_document };
	const char *norm = NULL;
	if (form_check(a, &FEEDBACK_FORM, answers, &env, out, &norm) || out->status)
		return out->status;
	const char *err;
	struct jval *nj = norm ? json_parse(a, norm, strlen(norm), &err) : NULL;
	const char *rating = nj ? json_get_str(nj, "rating") : NULL;
	struct fb_ctx c = { .a = a, .who = who, .id = id, .t = t, .cert = cert, .out = out, .answers = norm ? norm : "{}" };
	if (!rating || !parse_long(rating, 1, 5, &c.rating)) {
		out_field(out, "rating", "training.err.rating", NULL);
		return out->status;
	}
	return out_txn(out, fb_txn, &c);
}

/* ---- lessons for the planner ---- */

struct dbres *training_lessons(struct arena *a, const char *path)
{
	/* per type, the latest training at or under path that has feedback */
	return db_query(a,
		"SELECT t.type, t.id, t.title_en, t.title_hi, DATE_FORMAT(t.starts_at, '%d-%m-%Y'), COUNT(*), ROUND(AVG(f.rating), 1), "
		"ROUND(AVG(JSON_VALUE(f.answers, '$.content')), 1), ROUND(AVG(JSON_VALUE(f.answers, '$.trainer')), 1), "
		"ROUND(AVG(JSON_VALUE(f.answers, '$.hands_on')), 1), ROUND(AVG(JSON_VALUE(f.answers, '$.venue')), 1), "
		"SUBSTRING(GROUP_CONCAT(IF(f.rating <= 2 AND JSON_VALUE(f.answers, '$.comment') <> '', "
		"JSON_VALUE(f.answers, '$.comment'), NULL) ORDER BY f.at SEPARATOR ' · '), 1, 1000) "
		"FROM trainings t JOIN training_feedback f ON f.training_id = t.id "
		"WHERE t.id = (SELECT t2.id FROM trainings t2 JOIN locations l2 ON l2.id = t2.location_id "
		"WHERE t2.type = t.type AND l2.path LIKE CONCAT(?, '%') "
		"AND EXISTS (SELECT 1 FROM training_feedback f2 WHERE f2.training_id = t2.id) ORDER BY t2.starts_at DESC, t2.id DESC LIMIT 1) "
		"GROUP BY t.id ORDER BY t.type", "s", path);
}

/* ---- the two-per-month rule ---- */

/* Per training: id, organiser, month, type countable, VLEs invited,
 * reported, minutes, attendees, photos in session.  For one training
 * (id) or every training of organisers at or under path in [from, to). */
static struct dbres *criteria(struct arena *a, long id, const char *path, const char *from, const char *to)
{
	return db_query(a,
		"SELECT t.id, t.organiser_id, DATE_FORMAT(t.starts_at, '%Y-%m'), t.type <> 'elearning', "
		"EXISTS (SELECT 1 FROM training_invites i WHERE i.training_id = t.id AND i.role = 'csc'), "
		"t.status IN ('reported','closed'), TIMESTAMPDIFF(MINUTE, t.starts_at, t.ends_at), "
		"(SELECT COUNT(*) FROM training_attendance x WHERE x.training_id = t.id), "
		"(SELECT COUNT(*) FROM training_photos ph WHERE ph.training_id = t.id AND ph.in_session = 1) "
		"FROM trainings t JOIN locations l ON l.id = t.location_id "
		"WHERE (? = 0 AND l.path LIKE CONCAT(?, '%') AND t.starts_at >= ? AND t.starts_at < ?) OR t.id = ?",
		"issss", (long long)id, path ? path : "/", from ? from : "1970-01-01", to ? to : "1970-01-01",
		id_text(a, id));
}

/* The rule over one row of criteria(). */
static void count_row(const struct dbres *r, size_t i, struct trn_count *c)
{
	memset(c, 0, sizeof *c);
	c->countable = db_int(r, i, 3) == 1;
	c->vles_invited = db_int(r, i, 4) == 1;
	c->reported = db_int(r, i, 5) == 1;
	c->minutes = (long)db_int(r, i, 6);
	c->attendees = (long)db_int(r, i, 7);
	c->photos_in_session = (long)db_int(r, i, 8);
	c->long_enough = c->minutes >= cfg.training_min_hours * 60;
	c->enough_people = c->attendees >= cfg.training_min_attendees;
	c->enough_photos = c->photos_in_session >= 2;
	c->counts = c->countable && c->vles_invited && c->reported && c->long_enough && c->enough_people && c->enough_photos;
}

int training_counts(struct arena *a, long id, struct trn_count *c)
{
	struct dbres *r = criteria(a, id, NULL, NULL, NULL);
	if (!r || r->nrows != 1)
		return -1;
	count_row(r, 0, c);
	return 0;
}

/* "YYYY-MM" plus k months into out[8]. */
static void month_add(const char *month, int k, char out[8])
{
	int y = atoi(month), m = atoi(month + 5) - 1 + k;
	y += m >= 0 ? m / 12 : (m - 11) / 12;
	m = ((m % 12) + 12) % 12;
	snprintf(out, 8, "%04u-%02u", (unsigned)y % 10000u, (unsigned)(m + 1) % 100u);
}

static bool month_ok(const char *m)
{
	int y, mo;
	return m && strlen(m) == 7 && m[4] == '-' && sscanf(m, "%4d-%2d", &y, &mo) == 2 && y >= 2000 && mo >= 1 && mo <= 12;
}

int training_matrix(struct arena *a, const char *path, const char *month, int months, struct trn_matrix *m)
{
	memset(m, 0, sizeof *m);
	if (!month_ok(month) || months < 1 || months > 24)
		return -1;
	m->nmonths = months;
	m->months = arena_alloc(a, (size_t)months * sizeof *m->months);
	for (int k = 0; k < months; k++)
		month_add(month, k - months + 1, m->months[k]);
	char to[8];
	month_add(month, 1, to);
	m->people = db_query(a, "SELECT DISTINCT u.id, TRIM(CONCAT_WS(' ', u.first_name, u.last_name)), rh.role, l.name_en "
				"FROM role_holdings rh JOIN users u ON u.id = rh.user_id JOIN locations l ON l.id = rh.location_id "
				"WHERE rh.role IN ('di','bi') AND rh.active = 1 AND rh.work_from <= CURDATE() "
				"AND (rh.work_to IS NULL OR rh.work_to >= CURDATE()) AND l.path LIKE CONCAT(?, '%') ORDER BY rh.role DESC, l.name_en, u.id",
			     "s", path);
	struct dbres *r = m->people ? criteria(a, 0, path, arena_printf(a, "%s-01", m->months[0]), arena_printf(a, "%s-01", to)) : NULL;
	if (!r)
		return -1;
	m->counts = arena_alloc(a, (m->people->nrows * (size_t)months + 1) * sizeof *m->counts);
	for (size_t i = 0; i < r->nrows; i++) {
		struct trn_count c;
		count_row(r, i, &c);
		for (size_t p = 0; c.counts && p < m->people->nrows; p++)
			for (int k = 0; k < months; k++)
				if (db_int(m->people, p, 0) == db_int(r, i, 1) && str_eq(db_val(r, i, 2), m->months[k]))
					m->counts[p * (size_t)months + (size_t)k]++;
	}
	return 0;
}

int training_report(struct arena *a, const char *path, const char *from, const char *to, const char *by, struct dbres **rows)
{
	static const char *const BY[] = { "place", "type", "trainer", "topic" };
	bool by_ok = false;
	for (size_t i = 0; i < ARRAY_LEN(BY); i++)
		by_ok = by_ok || str_eq(by, BY[i]);
	char end[8];
	if (!by_ok || !month_ok(from) || !month_ok(to) || strcmp(from, to) > 0)
		return 400;
	month_add(from, 36, end);
	if (strcmp(to, end) >= 0)
		return 400;
	month_add(to, 1, end);
	/* per training (d), then per group; the place is the path segment
	 * after path, so a block's row sums its panchayats' trainings */
	*rows = db_query(a,
		"SELECT g.k, IFNULL(MAX(c.name_en), g.k), COUNT(*), SUM(g.inv), SUM(g.pres), ROUND(SUM(g.pres * g.mins) / 60, 1), "
		"ROUND(100 * SUM(g.pres) / NULLIF(SUM(g.inv), 0)), SUM(g.nfb), ROUND(SUM(g.sumfb) / NULLIF(SUM(g.nfb), 0), 1) "
		"FROM (SELECT CASE ? WHEN 'type' THEN t.type WHEN 'trainer' THEN t.trainers WHEN 'topic' THEN t.title_en "
		"ELSE SUBSTRING_INDEX(SUBSTRING(l.path, LENGTH(?) + 1), '/', 1) END AS k, "
		"(SELECT COUNT(*) FROM training_invites i WHERE i.training_id = t.id) AS inv, "
		"(SELECT COUNT(*) FROM training_attendance x WHERE x.training_id = t.id) AS pres, "
		"TIMESTAMPDIFF(MINUTE, t.starts_at, t.ends_at) AS mins, "
		"(SELECT COUNT(*) FROM training_feedback f WHERE f.training_id = t.id) AS nfb, "
		"(SELECT IFNULL(SUM(f.rating), 0) FROM training_feedback f WHERE f.training_id = t.id) AS sumfb "
		"FROM trainings t JOIN locations l ON l.id = t.location_id WHERE l.path LIKE CONCAT(?, '%') "
		"AND t.status IN ('held','reported','closed') AND t.starts_at >= ? AND t.starts_at < ?) g "
		"LEFT JOIN locations c ON ? = 'place' AND g.k <> '' AND c.id = g.k "
		"GROUP BY g.k ORDER BY 6 DESC, g.k LIMIT 1000",
		"ssssss", by, path, path, arena_printf(a, "%s-01", from), arena_printf(a, "%s-01", end), by);
	return *rows ? 0 : 503;
}

/* One SMS of a job to user about organiser about, once per (kind, month,
 * user, about): queued and recorded in one transaction.  1 queued, 0
 * already sent, -1 failure. */
static int job_sms(struct arena *a, const char *kind, const char *month, long user, long about, const char *mobile, const char *text,
		   const char *dlt)
{
	if (!mobile)
		return 0;
	if (db_begin() != 0)
		return -1;
	long long n = db_exec("INSERT IGNORE INTO training_sms_sent (kind, month, user_id, about_id, sent_at) VALUES (?, ?, ?, ?, NOW())",
			      "ssii", kind, month, (long long)user, (long long)about);
	struct audit_entry e = { .action = arena_printf(a, "training.%s", kind), .entity = "user", .entity_id = id_text(a, user),
				 .remarks = month };
	if (n < 0 || (n == 1 && (!notify_queue("sms", mobile, text, dlt, arena_printf(a, "training.%s", kind), month) ||
				 audit_write(NULL, &e) != 0)) ||
	    db_commit() != 0) {
		db_rollback();
		return -1;
	}
	return n == 1 ? 1 : 0;
}

/* DIs and BIs holding today: id, mobile, role, path. */
static struct dbres *organisers(struct arena *a)
{
	return db_query(a, "SELECT DISTINCT u.id, u.mobile, rh.role, l.path FROM role_holdings rh JOIN users u ON u.id = rh.user_id "
			   "JOIN locations l ON l.id = rh.location_id WHERE rh.role IN ('di','bi') AND rh.active = 1 "
			   "AND rh.work_from <= CURDATE() AND (rh.work_to IS NULL OR rh.work_to >= CURDATE()) AND u.active = 1 ORDER BY u.id",
			NULL);
}

long training_remind(struct arena *a, const char *month, FILE *log)
{
	struct dbres *o = month_ok(month) ? organisers(a) : NULL;
	if (!o)
		return -1;
	char next[8];
	month_add(month, 1, next);
	long sent = 0;
	for (size_t i = 0; i < o->nrows; i++) {
		const char *n = db_scalar(a, "SELECT COUNT(*) FROM trainings WHERE organiser_id = ? AND status NOT IN ('cancelled','postponed') "
					     "AND starts_at >= ? AND starts_at < ?", "iss", db_int(o, i, 0),
					  arena_printf(a, "%s-01", month), arena_printf(a, "%s-01", next));
		if (!n)
			return -1;
		if (strtol(n, NULL, 10) >= cfg.training_per_month)
			continue;
		const char *text = arena_printf(a, "Reminder: %s training(s) scheduled for %s; %ld are due each month. Schedule at %s/training - GramSewa",
						n, month, cfg.training_per_month, cfg.base_url);
		int rc = job_sms(a, "remind", month, (long)db_int(o, i, 0), (long)db_int(o, i, 0), db_val(o, i, 1), text,
				 cfg.training_remind_dlt);
		if (rc < 0)
			return -1;
		sent += rc;
	}
	if (log)
		fprintf(log, "training-compliance remind %s: %ld messages queued\n", month, sent);
	return sent;
}

long training_shortfall(struct arena *a, const char *month, FILE *log)
{
	struct trn_matrix m;
	struct dbres *o = month_ok(month) ? organisers(a) : NULL;
	if (!o || training_matrix(a, "/", month, 1, &m) != 0)
		return -1;
	long sent = 0;
	for (size_t p = 0; p < m.people->nrows; p++) {
		long counted = m.counts[p], user = (long)db_int(m.people, p, 0);
		if (counted >= cfg.training_per_month)
			continue;
		const char *text = arena_printf(a, "%s: %ld of %ld trainings counted in %s. - GramSewa", db_val(m.people, p, 1), counted,
						cfg.training_per_month, month);
		/* the organiser, and the supervisor: a BI's DI over the same place, a DI's state administrators */
		for (size_t i = 0; i < o->nrows; i++) {
			if (db_int(o, i, 0) != user)
				continue;
			int rc = job_sms(a, "shortfall", month, user, user, db_val(o, i, 1), text, cfg.training_shortfall_dlt);
			if (rc < 0)
				return -1;
			sent += rc;
			bool bi = str_eq(db_val(o, i, 2), "bi");
			struct dbres *sup = bi ? db_query(a, "SELECT DISTINCT u.id, u.mobile FROM role_holdings rh JOIN users u ON u.id = rh.user_id "
						       "JOIN locations l ON l.id = rh.location_id WHERE rh.role = 'di' AND rh.active = 1 "
						       "AND rh.work_from <= CURDATE() AND (rh.work_to IS NULL OR rh.work_to >= CURDATE()) "
						       "AND ? LIKE CONCAT(l.path, '%')", "s", db_val(o, i, 3))
					       : db_query(a, "SELECT DISTINCT u.id, u.mobile FROM role_holdings rh JOIN users u ON u.id = rh.user_id "
						       "WHERE rh.role = 'state_admin' AND rh.active = 1 AND rh.work_from <= CURDATE() "
						       "AND (rh.work_to IS NULL OR rh.work_to >= CURDATE())", NULL);
			for (size_t s = 0; sup && s < sup->nrows; s++) {
				int r2 = job_sms(a, "shortfall", month, (long)db_int(sup, s, 0), user, db_val(sup, s, 1), text,
						 cfg.training_shortfall_dlt);
				if (r2 < 0)
					return -1;
				sent += r2;
			}
			break;
		}
	}
	if (log)
		fprintf(log, "training-compliance shortfall %s: %ld messages queued\n", month, sent);
	return sent;
}

/* ---- reads ---- */

/* Does u oversee the place at path (a TRN_OVERSEERS holding over it)? */
bool training_oversees(const struct user *u, const char *path)
{
	return juris_holding(u, TRN_OVERSEERS, 0, path, 0) != NULL;
}

bool training_visible(struct arena *a, const struct user *u, long id)
{
	if (!u)
		return false;
	struct dbres *r = db_query(a, "SELECT t.organiser_id, l.path, (SELECT 1 FROM training_invites i WHERE i.training_id = t.id AND i.user_id = ?) "
				      "FROM trainings t JOIN locations l ON l.id = t.location_id WHERE t.id = ?",
				   "ii", (long long)u->id, (long long)id);
	return r && r->nrows == 1 && (db_int(r, 0, 0) == u->id || db_val(r, 0, 2) || training_oversees(u, db_val(r, 0, 1)));
}

struct dbres *training_get(struct arena *a, long id)
{
	return db_query(a,
		"SELECT t.id, t.type, t.title_en, t.title_hi, t.organiser_id, TRIM(CONCAT_WS(' ', u.first_name, u.last_name)), "
		"t.location_id, l.name_en, t.audience, t.venue, t.lat, t.lon, t.starts_at, t.ends_at, t.trainers, t.materials, t.status, "
		"t.status_reason, t.report, (SELECT COUNT(*) FROM training_invites i WHERE i.training_id = t.id), "
		"(SELECT COUNT(*) FROM training_attendance x WHERE x.training_id = t.id), "
		"NOW() BETWEEN t.ends_at AND t.ends_at + INTERVAL ? DAY, t.ends_at + INTERVAL ? DAY, "
		"(SELECT COUNT(*) FROM training_attendance x WHERE x.training_id = t.id AND x.method = 'qr' AND x.lat IS NULL) "
		"FROM trainings t JOIN users u ON u.id = t.organiser_id JOIN locations l ON l.id = t.location_id WHERE t.id = ?",
		"iii", (long long)cfg.training_feedback_days, (long long)cfg.training_feedback_days, (long long)id);
}

struct dbres *training_list(struct arena *a, const struct user *u, const char *from, const char *to)
{
	struct dbres *r = db_query(a,
		"SELECT t.id, t.type, t.title_en, t.title_hi, t.starts_at, t.ends_at, t.venue, t.status, DAY(t.starts_at), "
		"t.organiser_id, l.path, (SELECT 1 FROM training_invites i WHERE i.training_id = t.id AND i.user_id = ?) "
		"FROM trainings t JOIN locations l ON l.id = t.location_id WHERE t.starts_at >= ? AND t.starts_at < ? "
		"ORDER BY t.starts_at, t.id LIMIT 2000", "iss", (long long)u->id, from, to);
	if (!r)
		return NULL;
	bool *keep = arena_alloc(a, (r->nrows + 1) * sizeof *keep);
	for (size_t i = 0; i < r->nrows; i++)
		keep[i] = db_int(r, i, 9) == u->id || db_val(r, i, 11) || training_oversees(u, db_val(r, i, 10));
	db_rows_keep(r, keep);
	return r;
}
