/*
 * attendance.c — the rules and the SQL of VLE attendance (attendance.h):
 * check-ins and their verdict, the spoofing checks, offline records signed
 * by an enrolled device, GP reference points, leave and on duty, review,
 * the day summaries and the daily jobs.
 */
#include "attendance.h"
#include "audit.h"
#include "config.h"
#include "db.h"
#include "geo.h"
#include "json.h"
#include "notify.h"
#include "session.h"
#include "sla.h"
#include "user.h"

#include <ctype.h>
#include <math.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#define ACTIVE_CSC "rh.role = 'csc' AND rh.active = 1 AND rh.work_from <= CURDATE() " \
	"AND (rh.work_to IS NULL OR rh.work_to >= CURDATE())"

/* ---- small parsers ---- */

/* A decimal number (as a phone or a form sends it) within [lo, hi]. */
static bool num_in(const char *s, double lo, double hi, double *out)
{
	if (str_empty(s) || strlen(s) > 32)
		return false;
	char *end;
	double v = strtod(s, &end);
	if (*end || !isfinite(v) || v < lo || v > hi)
		return false;
	*out = v;
	return true;
}

/* ISO 8601 "YYYY-MM-DDTHH:MM:SS[.fff](Z|+HH:MM|-HH:MM)" as unix seconds. */
static bool iso_time(const char *s, time_t *out)
{
	int y, mo, d, h, mi, sec, n = 0;
	if (!s || strlen(s) > 40 || sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &sec, &n) != 6 || n != 19)
		return false;
	const char *p = s + n;
	if (*p == '.')
		for (p++; isdigit((unsigned char)*p); p++)
			;
	long off = 0;
	if (*p == 'Z') {
		p++;
	} else if ((*p == '+' || *p == '-') && isdigit((unsigned char)p[1]) && isdigit((unsigned char)p[2]) && p[3] == ':' &&
		   isdigit((unsigned char)p[4]) && isdigit((unsigned char)p[5])) {
		off = ((p[1] - '0') * 10 + (p[2] - '0')) * 3600 + ((p[4] - '0') * 10 + (p[5] - '0')) * 60;
		if (*p == '-')
			off = -off;
		p += 6;
	} else {
		return false;
	}
	char date[11];
	snprintf(date, sizeof date, "%04d-%02d-%02d", y, mo, d);
	if (*p || !parse_date(date, &y, &mo, &d) || h > 23 || mi > 59 || sec > 60)
		return false;
	struct tm tm = { .tm_year = y - 1900, .tm_mon = mo - 1, .tm_mday = d, .tm_hour = h, .tm_min = mi, .tm_sec = sec };
	*out = timegm(&tm) - off;
	return true;
}

/* Seconds after IST midnight of "HH:MM". */
static long hhmm_secs(const char *s)
{
	return s && strlen(s) == 5 ? atol(s) * 3600 + atol(s + 3) * 60 : 0;
}

/* Is t (unix) after the configured HH:MM on its IST day? */
static bool after_time_of_day(time_t t, const char *hhmm)
{
	long secs = (long)((t + IST_OFFSET) % 86400);
	return secs > hhmm_secs(hhmm);
}

static const char *day_of(struct arena *a, time_t t)
{
	char d[11];
	sla_date(ist_day(t), d);
	return arena_strdup(a, d);
}

static const char *sql_time(struct arena *a, time_t t)
{
	char s[20];
	fmt_sql_time(s, t);
	return arena_strdup(a, s);
}

static bool token_ok(const char *s, size_t min, size_t max, const char *extra)
{
	size_t n = s ? strlen(s) : 0;
	if (n < min || n > max)
		return false;
	for (const char *p = s; *p; p++)
		if (!isalnum((unsigned char)*p) && !strchr(extra, *p))
			return false;
	return true;
}

static long to_long(const char *s)
{
	return s ? strtol(s, NULL, 10) : 0;
}

/* The answer of a domain call after its transaction: 0, the refusal the
 * transaction recorded, or 503 for a database failure. */
static int txn_status(int rc, struct outcome *out)
{
	return rc == 0 ? 0 : out->status ? out->status : out_fail(out, 503, NULL);
}

/* ---- places ---- */

/* The VLE's gram panchayat: from the active CSC holding at a panchayat or
 * a village of one.  Fills gp, block and the GP's path; false when none. */
struct vle_gp {
	long gp, block;		/* locations ids */
	const char *path;	/* the GP's materialised path */
};

static bool vle_gp(struct arena *a, long user, struct vle_gp *g)
{
	struct dbres *r = db_query(a, "SELECT g.id, g.parent_id, g.path FROM role_holdings rh "
				      "JOIN locations l ON l.id = rh.location_id "
				      "JOIN locations g ON g.id = IF(l.type = 'village', l.parent_id, l.id) AND g.type = 'panchayat' "
				      "WHERE rh.user_id = ? AND " ACTIVE_CSC " ORDER BY rh.id LIMIT 1",
				   "i", (long long)user);
	if (!r || r->nrows != 1)
		return false;
	g->gp = (long)db_int(r, 0, 0);
	g->block = (long)db_int(r, 0, 1);
	g->path = db_val(r, 0, 2);
	return true;
}

/* The path of a location of type (NULL: any type), or NULL. */
static const char *loc_path_of(struct arena *a, long id, const char *type)
{
	return db_scalar(a, "SELECT path FROM locations WHERE id = ? AND (? IS NULL OR type = ?)", "iss", (long long)id,
			 type, type);
}

/* The holding of who that gives one of roles over path, or NULL. */
static const struct holding *over(const struct actor *who, unsigned roles, const char *path)
{
	return who && who->user && path ? juris_holding(who->user, roles, 0, path, 0) : NULL;
}

/* ---- the day summary ---- */

static int rank(const char *status)
{
	static const char *const order[] = { "flagged", "leave", "late", "on_duty", "present" };
	for (int i = 0; i < (int)ARRAY_LEN(order); i++)
		if (str_eq(order[i], status))
			return i + 1;
	return 0;
}

/* Writes user's attendance_days row for day from that day's check-ins and
 * approved leave: the best of present > on duty > late > leave > flagged.
 * With none of them, a row the roll-up wrote (absent, holiday) stays and
 * any other goes.  Inside the caller's transaction. */
static int day_refresh(struct arena *a, long user, const char *day, const struct vle_gp *g, const char **status_out)
{
	struct dbres *c = db_query(a, "SELECT source, status, late, IFNULL(review, ''), event_at FROM checkins "
				      "WHERE user_id = ? AND day = ? ORDER BY event_at", "is", (long long)user, day);
	struct dbres *l = db_query(a, "SELECT kind FROM leave_requests WHERE user_id = ? AND status = 'approved' "
				      "AND ? BETWEEN from_day AND to_day ORDER BY kind = 'on_duty' DESC LIMIT 1",
				   "is", (long long)user, day);
	if (!c || !l)
		return -1;
	const char *best = NULL, *first = NULL;
	for (size_t i = 0; i < c->nrows; i++) {	/* in event order: the first that counts is first_at */
		const char *src = db_val(c, i, 0), *st = db_val(c, i, 1), *rv = db_val(c, i, 3), *cand = NULL;
		bool counts = str_eq(st, "accepted") || str_eq(st, "offline_verified") ||
			      (str_eq(st, "flagged") && str_eq(rv, "accepted"));
		if (counts && (str_eq(src, "training") || str_eq(src, "camp") || str_eq(src, "survey")))
			cand = "on_duty";
		else if (counts)
			cand = db_int(c, i, 2) ? "late" : "present";
		else if (str_eq(st, "flagged") && str_eq(rv, "pending"))
			cand = "flagged";
		if (counts && !first)
			first = db_val(c, i, 4);
		if (cand && rank(cand) > rank(best))
			best = cand;
	}
	if (l->nrows) {
		const char *lv = str_eq(db_val(l, 0, 0), "on_duty") ? "on_duty" : "leave";
		if (rank(lv) > rank(best))
			best = lv;
	}
	if (status_out)
		*status_out = best;
	if (!best)
		return db_exec("DELETE FROM attendance_days WHERE user_id = ? AND day = ? AND status NOT IN ('absent', 'holiday')",
			       "is", (long long)user, day) < 0 ? -1 : 0;
	return db_exec("INSERT INTO attendance_days (user_id, day, gp_id, block_id, status, first_at) VALUES (?, ?, ?, ?, ?, ?) "
		       "ON DUPLICATE KEY UPDATE gp_id = VALUES(gp_id), block_id = VALUES(block_id), status = VALUES(status), "
		       "first_at = VALUES(first_at)",
		       "isiiss", (long long)user, day, (long long)g->gp, (long long)g->block, best, first) < 0 ? -1 : 0;
}

/* Puts the VLE on the roster (or moves them) and notes the last check-in. */
static int roster_touch(long user, const struct vle_gp *g, const char *at)
{
	return db_exec("INSERT INTO attendance_vles (user_id, gp_id, block_id, gp_path, last_at) VALUES (?, ?, ?, ?, ?) "
		       "ON DUPLICATE KEY UPDATE gp_id = VALUES(gp_id), block_id = VALUES(block_id), gp_path = VALUES(gp_path), "
		       "last_at = GREATEST(IFNULL(last_at, VALUES(last_at)), IFNULL(VALUES(last_at), last_at))",
		       "iiiss", (long long)user, (long long)g->gp, (long long)g->block, g->path, at) < 0 ? -1 : 0;
}

/* Recomputes a block's outline (attendance_outlines) from its panchayats'
 * points: the approved reference point, else the place's own.  Inside the
 * caller's transaction. */
static int outline_refresh(struct arena *a, long block)
{
	struct dbres *p = db_query(a, "SELECT IFNULL(f.lat, g.lat), IFNULL(f.lon, g.lon) FROM locations g "
				      "LEFT JOIN geofences f ON f.location_id = g.id AND f.lat IS NOT NULL "
				      "WHERE g.parent_id = ? AND g.type = 'panchayat' AND IFNULL(f.lat, g.lat) IS NOT NULL",
				   "i", (long long)block);
	if (!p)
		return -1;
	if (!p->nrows)
		return db_exec("DELETE FROM attendance_outlines WHERE block_id = ?", "i", (long long)block) < 0 ? -1 : 0;
	struct geo_pt *pts = arena_alloc(a, p->nrows * sizeof *pts);
	for (size_t i = 0; i < p->nrows; i++)
		pts[i] = (struct geo_pt){ strtod(db_val(p, i, 0), NULL), strtod(db_val(p, i, 1), NULL) };
	size_t n = geo_hull(pts, p->nrows);
	struct sbuf hull;
	sbuf_init(&hull);
	for (size_t i = 0; i < n; i++)
		sbuf_printf(&hull, "%s%.6f %.6f", i ? "," : "", pts[i].lat, pts[i].lon);
	long long rc = db_exec("INSERT INTO attendance_outlines (block_id, hull, gps, updated_at) VALUES (?, ?, ?, NOW()) "
			       "ON DUPLICATE KEY UPDATE hull = VALUES(hull), gps = VALUES(gps), updated_at = VALUES(updated_at)",
			       "isi", (long long)block, hull.data, (long long)p->nrows);
	sbuf_free(&hull);
	return rc < 0 ? -1 : 0;
}

/* ---- device keys ---- */

/* The key that seals device keys at rest: derived from the deployment
 * secret, so a database copy alone cannot forge offline records. */
static void seal_key(struct arena *a, unsigned char k[crypto_secretbox_KEYBYTES])
{
	const char *m = secret_mac(a, "attendance-device-key/1");
	unsigned char buf[48];
	long n = b64url_decode(m, strlen(m), buf, sizeof buf);
	memset(k, 0, crypto_secretbox_KEYBYTES);
	if (n == crypto_secretbox_KEYBYTES)
		memcpy(k, buf, crypto_secretbox_KEYBYTES);
	sodium_memzero(buf, sizeof buf);
}

/* Opens a stored key box into key[32]; false when it does not open. */
static bool key_open(struct arena *a, const char *box, size_t len, unsigned char key[32])
{
	unsigned char k[crypto_secretbox_KEYBYTES];
	if (len != crypto_secretbox_NONCEBYTES + 32 + crypto_secretbox_MACBYTES)
		return false;
	seal_key(a, k);
	bool ok = crypto_secretbox_open_easy(key, (const unsigned char *)box + crypto_secretbox_NONCEBYTES,
					     len - crypto_secretbox_NONCEBYTES, (const unsigned char *)box, k) == 0;
	sodium_memzero(k, sizeof k);
	return ok;
}

/* The canonical text an offline record's signature covers: every value
 * exactly as the device sent it, so no re-formatting can break it. */
static const char *canonical(struct arena *a, const struct att_checkin_in *in)
{
	return arena_printf(a, "GSA1|%s|%s|%s|%s|%s|%s|%d|%s", in->device_id, in->nonce, in->fix_at, in->lat, in->lon,
			    in->accuracy_m, in->is_mock ? 1 : 0, in->elapsed_ms ? in->elapsed_ms : "");
}

/* ---- check-in ---- */

/* Everything one check-in decision needs and produces. */
struct ci {
	struct arena *a;
	const struct actor *who;
	const struct att_checkin_in *in;
	struct att_checkin_out *res;
	struct outcome *out;
	long user;
	struct vle_gp g;
	bool has_fix;
	struct geo_pt at;		/* the fix */
	double acc;			/* its accuracy, m */
	time_t fix, now, event;		/* fix time, server time, when it counts */
	long device;			/* enrolment it matched (0: none) */
	long long elapsed;		/* offline: monotonic ms */
	struct sbuf reasons;		/* comma list */
	struct sbuf ev;			/* evidence JSON */
	struct jw w;
	bool rejected;			/* mock location */
};

/* Adds a flag reason; its evidence object follows in ev (jw key open). */
static void flag(struct ci *c, const char *reason)
{
	if (c->reasons.len)
		sbuf_addc(&c->reasons, ',');
	sbuf_adds(&c->reasons, reason);
	jw_key(&c->w, reason);
}

static void jw_knum(struct jw *w, const char *k, double v, int decimals)
{
	char s[48];
	snprintf(s, sizeof s, "%.*f", decimals, v);
	jw_key(w, k);
	jw_raw(w, s);
}

/* Checks and parses the input; field problems go to the outcome. */
static void ci_parse(struct ci *c)
{
	const struct att_checkin_in *in = c->in;
	struct outcome *o = c->out;
	c->has_fix = !str_eq(in->source, "no_gps");
	if (!c->has_fix)
		return;
	if (!num_in(in->lat, -90, 90, &c->at.lat))
		out_field(o, "lat", "attendance.err.lat", NULL);
	if (!num_in(in->lon, -180, 180, &c->at.lon))
		out_field(o, "lon", "attendance.err.lon", NULL);
	if (!num_in(in->accuracy_m, 0, 100000, &c->acc))
		out_field(o, "accuracy_m", "attendance.err.accuracy", NULL);
	if (!iso_time(in->fix_at, &c->fix))
		out_field(o, "fix_at", "attendance.err.fix_at", NULL);
	if (str_eq(in->source, "app") && !token_ok(in->device_id, 4, 64, "._:-"))
		out_field(o, "device_id", "attendance.err.device", NULL);
	if (in->offline) {
		long e;
		if (!token_ok(in->nonce, 8, 64, "_-"))
			out_field(o, "nonce", "attendance.err.nonce", NULL);
		if (!in->signature || strlen(in->signature) != 64 || strspn(in->signature, "0123456789abcdef") != 64)
			out_field(o, "signature", "attendance.err.signature", NULL);
		if (in->elapsed_ms && !parse_long(in->elapsed_ms, 0, 9007199254740991L, &e))
			out_field(o, "elapsed_ms", "attendance.err.elapsed", NULL);
		else
			c->elapsed = in->elapsed_ms ? strtoll(in->elapsed_ms, NULL, 10) : -1;
	}
}

/* The device part: the enrolment the record names.  An offline record
 * must come from the VLE's own enrolled device and verify; a live app
 * check-in from an unknown or someone else's device is flagged. */
static int ci_device(struct ci *c)
{
	const struct att_checkin_in *in = c->in;
	if (!str_eq(in->source, "app"))
		return 0;
	struct dbres *d = db_query(c->a, "SELECT id, user_id, key_box FROM attendance_devices WHERE active_uid = ?", "s",
				   in->device_id);
	if (!d)
		return -1;
	long owner = d->nrows ? (long)db_int(d, 0, 1) : 0;
	if (owner == c->user)
		c->device = (long)db_int(d, 0, 0);
	if (in->offline) {
		unsigned char key[32], mac[32], want[32];
		if (owner != c->user) {
			out_field(c->out, "device_id", "attendance.err.not_enrolled", NULL);
			return 1;
		}
		const char *msg = canonical(c->a, in);
		bool ok = key_open(c->a, db_val(d, 0, 2), d->lens[2], key);
		if (ok) {
			crypto_auth_hmacsha256(mac, (const unsigned char *)msg, strlen(msg), key);
			ok = sodium_hex2bin(want, sizeof want, in->signature, 64, NULL, NULL, NULL) == 0 &&
			     sodium_memcmp(mac, want, sizeof mac) == 0;
		}
		sodium_memzero(key, sizeof key);
		if (!ok) {
			out_field(c->out, "signature", "attendance.err.bad_signature", NULL);
			return 1;
		}
		if (db_scalar(c->a, "SELECT id FROM checkins WHERE device_id = ? AND nonce = ?", "is", (long long)c->device,
			      in->nonce)) {
			out_fail(c->out, 409, "attendance.replayed");
			c->out->code = "replayed";
			return 1;
		}
		return 0;
	}
	if (owner != c->user) {
		flag(c, owner ? "shared_device" : "unenrolled_device");
		jw_obj(&c->w);
		jw_kstr(&c->w, "device_id", in->device_id);
		if (owner)
			jw_kint(&c->w, "enrolled_to_user", owner);
		jw_obj_end(&c->w);
	}
	return 0;
}

/* The geofence and GPS quality part. */
static int ci_fence(struct ci *c)
{
	struct dbres *f = db_query(c->a, "SELECT lat, lon, radius_m FROM geofences WHERE location_id = ? AND lat IS NOT NULL",
				   "i", (long long)c->g.gp);
	if (!f)
		return -1;
	if (!f->nrows) {
		flag(c, "no_geofence");
		jw_obj(&c->w);
		jw_kint(&c->w, "gp_id", c->g.gp);
		jw_obj_end(&c->w);
		return 0;
	}
	struct geo_pt ref = { strtod(db_val(f, 0, 0), NULL), strtod(db_val(f, 0, 1), NULL) };
	double radius = (double)db_int(f, 0, 2), d = geo_distance_m(ref, c->at);
	c->res->distance_m = lround(d);
	if (!geo_within(d, c->acc, radius)) {
		flag(c, "outside");
		jw_obj(&c->w);
		jw_knum(&c->w, "distance_m", d, 1);
		jw_knum(&c->w, "accuracy_m", c->acc, 1);
		jw_kint(&c->w, "radius_m", (long long)radius);
		jw_obj_end(&c->w);
	}
	if (c->acc > (double)cfg.attendance_max_accuracy_m) {
		flag(c, "weak_gps");
		jw_obj(&c->w);
		jw_knum(&c->w, "accuracy_m", c->acc, 1);
		jw_kint(&c->w, "max_m", cfg.attendance_max_accuracy_m);
		jw_obj_end(&c->w);
	}
	return 0;
}

/* The clock part: a live fix must be fresh; an offline one must have
 * reached us in time; no fix may come from the future. */
static void ci_clock(struct ci *c)
{
	long long age = (long long)(c->now - c->fix);
	if (age < -120) {
		flag(c, "clock_ahead");
		jw_obj(&c->w);
		jw_kint(&c->w, "fix_ahead_s", -age);
		jw_obj_end(&c->w);
	} else if (c->in->offline && age > cfg.attendance_offline_sync_hours * 3600) {
		flag(c, "late_sync");
		jw_obj(&c->w);
		jw_kint(&c->w, "synced_after_s", age);
		jw_kint(&c->w, "max_s", cfg.attendance_offline_sync_hours * 3600);
		jw_obj_end(&c->w);
	} else if (!c->in->offline && age > cfg.attendance_max_fix_age_s) {
		flag(c, "stale_fix");
		jw_obj(&c->w);
		jw_kint(&c->w, "fix_age_s", age);
		jw_kint(&c->w, "max_s", cfg.attendance_max_fix_age_s);
		jw_obj_end(&c->w);
	}
}

/* Travel from or to the nearest other event of the VLE: the distance
 * less both accuracies (weak GPS gets the benefit of the doubt) over the
 * time between them. */
static int ci_travel(struct ci *c, const char *cmp)
{
	struct dbres *p = str_eq(cmp, "before")
		? db_query(c->a, "SELECT id, lat, lon, IFNULL(accuracy_m, 0), UNIX_TIMESTAMP(event_at) FROM checkins "
				 "WHERE user_id = ? AND lat IS NOT NULL AND status <> 'rejected' AND event_at <= ? "
				 "ORDER BY event_at DESC LIMIT 1", "is", (long long)c->user, sql_time(c->a, c->event))
		: db_query(c->a, "SELECT id, lat, lon, IFNULL(accuracy_m, 0), UNIX_TIMESTAMP(event_at) FROM checkins "
				 "WHERE user_id = ? AND lat IS NOT NULL AND status <> 'rejected' AND event_at > ? "
				 "ORDER BY event_at LIMIT 1", "is", (long long)c->user, sql_time(c->a, c->event));
	if (!p)
		return -1;
	if (!p->nrows)
		return 0;
	struct geo_pt q = { strtod(db_val(p, 0, 1), NULL), strtod(db_val(p, 0, 2), NULL) };
	double d = geo_distance_m(q, c->at), eff = d - c->acc - (double)db_int(p, 0, 3);
	long long dt = llabs((long long)c->event - db_int(p, 0, 4));
	if (eff <= 1000)
		return 0;	/* within a village: GPS wander, not travel */
	double kmh = geo_speed_kmh(q, 0, c->at, dt) * (eff / d);
	if (kmh <= (double)cfg.attendance_max_speed_kmh || strstr(c->reasons.data ? c->reasons.data : "", "fast_travel"))
		return 0;
	flag(c, "fast_travel");
	jw_obj(&c->w);
	jw_kint(&c->w, "other_checkin", db_int(p, 0, 0));
	jw_knum(&c->w, "km", d / 1000, 2);
	jw_kint(&c->w, "seconds", dt);
	jw_knum(&c->w, "kmh", kmh, 0);
	jw_kint(&c->w, "max_kmh", cfg.attendance_max_speed_kmh);
	jw_obj_end(&c->w);
	return 0;
}

/* The server's spoofing heuristics over the VLE's recent history. */
static int ci_history(struct ci *c, const char *day)
{
	const char *lat = arena_printf(c->a, "%.6f", c->at.lat), *lon = arena_printf(c->a, "%.6f", c->at.lon);
	/* a real fix wanders by metres from day to day: the very same six
	 * decimals on another day is a replayed or typed-in position */
	struct dbres *same = db_query(c->a, "SELECT id, day FROM checkins WHERE user_id = ? AND lat = ? AND lon = ? AND day <> ? "
					    "AND source IN ('web', 'app', 'offline') AND server_at > NOW() - INTERVAL 30 DAY "
					    "ORDER BY id DESC LIMIT 5", "isss", (long long)c->user, lat, lon, day);
	/* phones report accuracy that changes with every fix: the lowest and
	 * highest of each of the last four other days */
	struct dbres *accs = db_query(c->a, "SELECT day, MIN(accuracy_m), MAX(accuracy_m) FROM checkins WHERE user_id = ? "
					    "AND accuracy_m IS NOT NULL AND day <> ? AND source IN ('web', 'app', 'offline') "
					    "GROUP BY day ORDER BY day DESC LIMIT 4", "is", (long long)c->user, day);
	if (!same || !accs)
		return -1;
	if (same->nrows) {
		flag(c, "same_coordinates");
		jw_obj(&c->w);
		jw_kstr(&c->w, "lat", lat);
		jw_kstr(&c->w, "lon", lon);
		jw_key(&c->w, "days");
		jw_arr(&c->w);
		for (size_t i = 0; i < same->nrows; i++)
			jw_str(&c->w, db_val(same, i, 1));
		jw_arr_end(&c->w);
		jw_obj_end(&c->w);
	}
	long acc = lround(c->acc);
	bool constant = accs->nrows == 4;
	for (size_t i = 0; constant && i < accs->nrows; i++)
		constant = db_int(accs, i, 1) == acc && db_int(accs, i, 2) == acc;
	if (constant) {
		flag(c, "constant_accuracy");
		jw_obj(&c->w);
		jw_kint(&c->w, "accuracy_m", acc);
		jw_key(&c->w, "days");
		jw_arr(&c->w);
		for (size_t i = 0; i < accs->nrows; i++)
			jw_str(&c->w, db_val(accs, i, 0));
		jw_arr_end(&c->w);
		jw_obj_end(&c->w);
	}
	if (ci_travel(c, "before") != 0 || ci_travel(c, "after") != 0)
		return -1;
	if (!str_eq(c->in->source, "app"))
		return 0;
	/* one VLE, one phone; one phone, one VLE */
	struct dbres *devs = db_query(c->a, "SELECT DISTINCT device_uid FROM checkins WHERE user_id = ? AND device_uid <> ? "
					    "AND server_at > NOW() - INTERVAL 30 DAY LIMIT 5", "is", (long long)c->user,
				      c->in->device_id);
	struct dbres *users = db_query(c->a, "SELECT DISTINCT user_id FROM checkins WHERE device_uid = ? AND user_id <> ? "
					     "AND server_at > NOW() - INTERVAL 30 DAY LIMIT 5", "si", c->in->device_id,
				       (long long)c->user);
	if (!devs || !users)
		return -1;
	if (devs->nrows) {
		flag(c, "several_devices");
		jw_obj(&c->w);
		jw_key(&c->w, "other_devices");
		jw_arr(&c->w);
		for (size_t i = 0; i < devs->nrows; i++)
			jw_str(&c->w, db_val(devs, i, 0));
		jw_arr_end(&c->w);
		jw_obj_end(&c->w);
	}
	if (users->nrows && !strstr(c->reasons.data ? c->reasons.data : "", "shared_device")) {
		flag(c, "shared_device");
		jw_obj(&c->w);
		jw_kstr(&c->w, "device_id", c->in->device_id);
		jw_key(&c->w, "other_users");
		jw_arr(&c->w);
		for (size_t i = 0; i < users->nrows; i++)
			jw_int(&c->w, db_int(users, i, 0));
		jw_arr_end(&c->w);
		jw_obj_end(&c->w);
	}
	return 0;
}

static int ci_txn(void *p)
{
	struct ci *c = p;
	/* a retried transaction starts its verdict again */
	sbuf_reset(&c->reasons);
	sbuf_reset(&c->ev);
	jw_init(&c->w, &c->ev);
	jw_obj(&c->w);
	c->device = 0;
	c->rejected = false;
	c->res->distance_m = -1;
	c->now = now_secs();
	c->event = c->in->offline ? c->fix : c->now;
	int rc = ci_device(c);
	if (rc)
		return rc;
	if (c->has_fix && c->in->is_mock) {
		c->rejected = true;
		flag(c, "mock_location");
		jw_bool(&c->w, true);
	}
	if (c->has_fix && !c->rejected) {
		ci_clock(c);
		if (ci_fence(c) != 0)
			return -1;
	}
	if (!c->has_fix) {
		flag(c, "no_gps");
		jw_bool(&c->w, true);
	}
	const char *day = day_of(c->a, c->event);
	if (c->has_fix && !c->rejected && ci_history(c, day) != 0)
		return -1;
	jw_obj_end(&c->w);
	const char *status = c->rejected ? "rejected" : c->reasons.len ? "flagged" : c->in->offline ? "offline_verified" : "accepted";
	bool late = after_time_of_day(c->event, cfg.attendance_on_time_until);
	const char *server_at = sql_time(c->a, c->now);
	const char *lat = c->has_fix ? arena_printf(c->a, "%.6f", c->at.lat) : NULL;
	const char *lon = c->has_fix ? arena_printf(c->a, "%.6f", c->at.lon) : NULL;
	const char *src = c->in->offline ? "offline" : c->in->source;
	if (db_exec("INSERT INTO checkins (user_id, gp_id, day, source, server_at, event_at, fix_at, lat, lon, accuracy_m, "
		    "distance_m, is_mock, device_uid, device_id, nonce, elapsed_ms, status, late, reasons, evidence, review) "
		    "VALUES (?, ?, ?, ?, NOW(3), ?, ?, ?, ?, ?, ?, ?, ?, NULLIF(?, 0), ?, NULLIF(?, -1), ?, ?, ?, ?, ?)",
		    "iissssssssisisisisss", (long long)c->user, (long long)c->g.gp, day, src, sql_time(c->a, c->event),
		    c->has_fix ? sql_time(c->a, c->fix) : NULL, lat, lon,
		    c->has_fix ? arena_printf(c->a, "%ld", lround(c->acc)) : NULL,
		    c->res->distance_m >= 0 ? arena_printf(c->a, "%ld", c->res->distance_m) : NULL, (long long)(c->in->is_mock ? 1 : 0),
		    c->in->device_id, (long long)c->device, c->in->offline ? c->in->nonce : NULL,
		    (long long)(c->in->offline ? c->elapsed : -1), status, (long long)(late ? 1 : 0), c->reasons.data ? c->reasons.data : "",
		    c->reasons.len ? c->ev.data : NULL, str_eq(status, "flagged") ? "pending" : NULL) != 1) {
		if (db_err_dup()) {	/* the same offline record at the same moment from two connections */
			out_fail(c->out, 409, "attendance.replayed");
			c->out->code = "replayed";
			return 1;
		}
		return -1;
	}
	c->res->id = (long)db_last_id();
	c->res->status = status;
	c->res->late = late;
	c->res->reasons = arena_strdup(c->a, c->reasons.data ? c->reasons.data : "");
	c->res->day = day;
	c->res->server_at = server_at;
	if (day_refresh(c->a, c->user, day, &c->g, &c->res->day_status) != 0 || roster_touch(c->user, &c->g, server_at) != 0)
		return -1;
	struct audit_entry e = { .action = c->rejected ? "attendance.refused" : "attendance.checkin", .entity = "checkin",
				 .entity_id = arena_printf(c->a, "%ld", c->res->id),
				 .remarks = arena_printf(c->a, "%s %s%s%s", src, status, c->reasons.len ? " " : "",
							 c->reasons.data ? c->reasons.data : "") };
	return audit_write(c->who, &e) == 0 ? 0 : -1;
}

int attendance_checkin(struct arena *a, const struct actor *who, const struct att_checkin_in *in,
		       struct att_checkin_out *res, struct outcome *out)
{
	memset(res, 0, sizeof *res);
	struct ci c = { .a = a, .who = who, .in = in, .res = res, .out = out, .user = actor_id(who) };
	if (!vle_gp(a, c.user, &c.g))
		return out_fail(out, 409, "attendance.no_gp");
	ci_parse(&c);
	if (out->status)
		return out->status;
	sbuf_init(&c.reasons);
	sbuf_init(&c.ev);
	int rc = db_txn(ci_txn, &c);
	sbuf_free(&c.reasons);
	sbuf_free(&c.ev);
	if (rc != 0)
		return out->status ? out->status : out_fail(out, 503, NULL);
	if (c.rejected) {
		out_field(out, "is_mock", "attendance.err.mock", NULL);
		out->code = "mock_location";
		return out->status;
	}
	return 0;
}

/* ---- on duty ---- */

int attendance_on_duty(struct arena *a, const struct actor *who, long user, const char *day, const char *source_kind,
		       const char *source_id, struct outcome *out)
{
	struct vle_gp g;
	if (!str_eq(source_kind, "training") && !str_eq(source_kind, "camp") && !str_eq(source_kind, "survey"))
		out_field(out, "source_kind", "attendance.err.kind", NULL);
	if (sla_day(day) < 0)
		out_field(out, "day", "attendance.err.day", NULL);
	if (!token_ok(source_id, 1, 64, "_-:/."))
		out_field(out, "source_id", "attendance.err.source", NULL);
	if (out->status)
		return out->status;
	if (!vle_gp(a, user, &g))
		return out_fail(out, 404, "attendance.no_gp");
	if (db_scalar(a, "SELECT id FROM checkins WHERE user_id = ? AND day = ? AND source = ? AND source_ref = ?", "isss",
		      (long long)user, day, source_kind, source_id))
		return 0;
	/* it counts at noon of that day: the event proves presence, not a time */
	if (db_exec("INSERT INTO checkins (user_id, gp_id, day, source, source_ref, server_at, event_at, status) "
		    "VALUES (?, ?, ?, ?, ?, NOW(3), CONCAT(?, ' 12:00:00'), 'accepted')",
		    "iissss", (long long)user, (long long)g.gp, day, source_kind, source_id, day) != 1)
		return out_fail(out, 503, NULL);
	long id = (long)db_last_id();
	if (day_refresh(a, user, day, &g, NULL) != 0 || roster_touch(user, &g, NULL) != 0)
		return out_fail(out, 503, NULL);
	struct audit_entry e = { .action = "attendance.on_duty", .entity = "checkin", .entity_id = arena_printf(a, "%ld", id),
				 .remarks = arena_printf(a, "user %ld on %s: %s %s", user, day, source_kind, source_id) };
	return audit_write(who, &e) == 0 ? 0 : out_fail(out, 503, NULL);
}

/* ---- reference points ---- */

struct gf_ctx {
	struct arena *a;
	const struct actor *who;
	long gp;
	double lat, lon, acc;
	long radius;
	struct outcome *out;
};

static int capture_txn(void *p)
{
	struct gf_ctx *c = p;
	if (db_exec("INSERT INTO geofences (location_id, p_lat, p_lon, p_accuracy_m, p_radius_m, captured_by, captured_at) "
		    "VALUES (?, ?, ?, ?, ?, ?, NOW()) ON DUPLICATE KEY UPDATE p_lat = VALUES(p_lat), p_lon = VALUES(p_lon), "
		    "p_accuracy_m = VALUES(p_accuracy_m), p_radius_m = VALUES(p_radius_m), captured_by = VALUES(captured_by), "
		    "captured_at = VALUES(captured_at)",
		    "issiii", (long long)c->gp, arena_printf(c->a, "%.6f", c->lat), arena_printf(c->a, "%.6f", c->lon),
		    (long long)lround(c->acc), (long long)c->radius, (long long)actor_id(c->who)) < 0)
		return -1;
	struct audit_entry e = { .action = "attendance.geofence_capture", .entity = "location",
				 .entity_id = arena_printf(c->a, "%ld", c->gp), .role = "bi",
				 .remarks = arena_printf(c->a, "%.6f,%.6f ±%.0f m, radius %ld m", c->lat, c->lon, c->acc, c->radius) };
	return audit_write(c->who, &e) == 0 ? 0 : -1;
}

int attendance_geofence_capture(struct arena *a, const struct actor *who, long gp, const char *lat, const char *lon,
				const char *accuracy_m, const char *radius_m, struct outcome *out)
{
	const char *path = loc_path_of(a, gp, "panchayat");
	if (!path)
		return out_fail(out, 404, NULL);
	if (!over(who, RB(ROLE_BI), path))
		return out_fail(out, 403, "attendance.not_bi");
	struct gf_ctx c = { .a = a, .who = who, .gp = gp, .radius = cfg.attendance_radius_m, .out = out };
	if (!num_in(lat, -90, 90, &c.lat))
		out_field(out, "lat", "attendance.err.lat", NULL);
	if (!num_in(lon, -180, 180, &c.lon))
		out_field(out, "lon", "attendance.err.lon", NULL);
	if (!num_in(accuracy_m, 0, 100000, &c.acc))
		out_field(out, "accuracy_m", "attendance.err.accuracy", NULL);
	else if (c.acc > (double)cfg.attendance_capture_accuracy_m)
		out_field(out, "accuracy_m", "attendance.err.capture_accuracy",
			  arena_printf(a, "%ld", cfg.attendance_capture_accuracy_m));
	if (!str_empty(radius_m) && !parse_long(radius_m, 50, 300, &c.radius))
		out_field(out, "radius_m", "attendance.err.radius", NULL);
	if (out->status)
		return out->status;
	return db_txn(capture_txn, &c) == 0 ? 0 : out_fail(out, 503, NULL);
}

static int approve_txn(void *p)
{
	struct gf_ctx *c = p;
	struct dbres *g = db_query(c->a, "SELECT p_lat, IFNULL(captured_by, 0) FROM geofences WHERE location_id = ? FOR UPDATE", "i",
				   (long long)c->gp);
	if (!g)
		return -1;
	if (!g->nrows || !db_val(g, 0, 0)) {
		out_fail(c->out, 409, "attendance.nothing_to_approve");
		return 1;
	}
	if (db_int(g, 0, 1) == actor_id(c->who)) {
		out_fail(c->out, 409, "attendance.own_capture");	/* four eyes */
		return 1;
	}
	if (db_exec("UPDATE geofences SET lat = p_lat, lon = p_lon, radius_m = p_radius_m, approved_by = ?, approved_at = NOW(), "
		    "p_lat = NULL, p_lon = NULL, p_accuracy_m = NULL, p_radius_m = NULL WHERE location_id = ?",
		    "ii", (long long)actor_id(c->who), (long long)c->gp) != 1)
		return -1;
	if (outline_refresh(c->a, to_long(db_scalar(c->a, "SELECT parent_id FROM locations WHERE id = ?", "i", (long long)c->gp))) != 0)
		return -1;
	struct audit_entry e = { .action = "attendance.geofence_approve", .entity = "location",
				 .entity_id = arena_printf(c->a, "%ld", c->gp), .role = "di" };
	return audit_write(c->who, &e) == 0 ? 0 : -1;
}

int attendance_geofence_approve(struct arena *a, const struct actor *who, long gp, struct outcome *out)
{
	const char *path = loc_path_of(a, gp, "panchayat");
	if (!path)
		return out_fail(out, 404, NULL);
	if (!over(who, RB(ROLE_DI) | RB(ROLE_STATE_ADMIN), path))
		return out_fail(out, 403, "attendance.not_di");
	struct gf_ctx c = { .a = a, .who = who, .gp = gp, .out = out };
	return txn_status(db_txn(approve_txn, &c), out);
}

/* ---- devices ---- */

/* A VLE by log-in name, CSC ID or id whom who reviews; 0 when none. */
static long vle_of(struct arena *a, const struct actor *who, const char *ref, struct vle_gp *g)
{
	if (str_empty(ref) || strlen(ref) > 64)
		return 0;
	const char *id = db_scalar(a, "SELECT id FROM users WHERE (username = ? OR csc_id = ? OR id = ?) AND user_type = 'csc' "
				      "AND active = 1 LIMIT 1", "sss", ref, ref, ref);
	long user = to_long(id);
	if (!user || !vle_gp(a, user, g) || !over(who, ATT_REVIEWERS, g->path))
		return 0;
	return user;
}

struct dev_ctx {
	struct arena *a;
	const struct actor *who;
	struct vle_gp g;	/* the VLE's place */
	long user, device;
	const char *uid;
	unsigned char key[32];
	struct outcome *out;
};

static int enrol_txn(void *p)
{
	struct dev_ctx *c = p;
	const char *taken = db_scalar(c->a, "SELECT user_id FROM attendance_devices WHERE active_uid = ? FOR UPDATE", "s", c->uid);
	if (taken && to_long(taken) != c->user) {
		out_fail(c->out, 409, "attendance.device_taken");
		return 1;
	}
	if (db_exec("UPDATE attendance_devices SET unbound_at = NOW(), unbound_by = ? WHERE user_id = ? AND unbound_at IS NULL",
		    "ii", (long long)actor_id(c->who), (long long)c->user) < 0)
		return -1;
	unsigned char k[crypto_secretbox_KEYBYTES], box[crypto_secretbox_NONCEBYTES + 32 + crypto_secretbox_MACBYTES];
	randombytes_buf(box, crypto_secretbox_NONCEBYTES);
	seal_key(c->a, k);
	crypto_secretbox_easy(box + crypto_secretbox_NONCEBYTES, c->key, 32, box, k);
	sodium_memzero(k, sizeof k);
	if (db_exec("INSERT INTO attendance_devices (user_id, device_uid, key_box, bound_by, bound_at) VALUES (?, ?, ?, ?, NOW())",
		    "isbi", (long long)c->user, c->uid, box, sizeof box, (long long)actor_id(c->who)) != 1)
		return -1;
	c->device = (long)db_last_id();
	if (roster_touch(c->user, &c->g, NULL) != 0)
		return -1;
	struct audit_entry e = { .action = "attendance.device_enrol", .entity = "user", .entity_id = arena_printf(c->a, "%ld", c->user),
				 .remarks = arena_printf(c->a, "device %s (enrolment %ld)", c->uid, c->device) };
	return audit_write(c->who, &e) == 0 ? 0 : -1;
}

int attendance_device_enrol(struct arena *a, const struct actor *who, const char *vle, const char *device_uid,
			    char key_hex[65], long *device_id, struct outcome *out)
{
	struct dev_ctx c = { .a = a, .who = who, .uid = device_uid, .out = out };
	if (!token_ok(device_uid, 4, 64, "._:-"))
		out_field(out, "device_id", "attendance.err.device", NULL);
	c.user = vle_of(a, who, vle, &c.g);
	if (!c.user)
		out_field(out, "vle", "attendance.err.vle", NULL);
	if (out->status)
		return out->status;
	randombytes_buf(c.key, sizeof c.key);
	int rc = db_txn(enrol_txn, &c);
	if (rc == 0) {
		sodium_bin2hex(key_hex, 65, c.key, sizeof c.key);
		*device_id = c.device;
	}
	sodium_memzero(c.key, sizeof c.key);
	return txn_status(rc, out);
}

static int unbind_txn(void *p)
{
	struct dev_ctx *c = p;
	long long n = db_exec("UPDATE attendance_devices SET unbound_at = NOW(), unbound_by = ? WHERE id = ? AND unbound_at IS NULL",
			      "ii", (long long)actor_id(c->who), (long long)c->device);
	if (n < 0)
		return -1;
	if (n == 0) {
		out_fail(c->out, 409, "attendance.device_unbound");
		return 1;
	}
	struct audit_entry e = { .action = "attendance.device_unbind", .entity = "user", .entity_id = arena_printf(c->a, "%ld", c->user),
				 .remarks = arena_printf(c->a, "enrolment %ld", c->device) };
	return audit_write(c->who, &e) == 0 ? 0 : -1;
}

int attendance_device_unbind(struct arena *a, const struct actor *who, long device_id, struct outcome *out)
{
	const char *user = db_scalar(a, "SELECT user_id FROM attendance_devices WHERE id = ?", "i", (long long)device_id);
	struct dev_ctx c = { .a = a, .who = who, .device = device_id, .out = out };
	c.user = user ? vle_of(a, who, user, &c.g) : 0;
	if (!c.user)
		return out_fail(out, 404, NULL);
	return txn_status(db_txn(unbind_txn, &c), out);
}

/* ---- leave and on duty ---- */

struct leave_ctx {
	struct arena *a;
	const struct actor *who;
	long id, user;
	const char *kind, *from, *to, *reason, *note;
	bool approve;
	struct vle_gp g;
	struct outcome *out;
};

static int request_txn(void *p)
{
	struct leave_ctx *c = p;
	if (roster_touch(c->user, &c->g, NULL) != 0)	/* the BI's queue reads the roster */
		return -1;
	if (db_exec("INSERT INTO leave_requests (user_id, kind, from_day, to_day, reason, requested_at) VALUES (?, ?, ?, ?, ?, NOW())",
		    "issss", (long long)c->user, c->kind, c->from, c->to, c->reason) != 1)
		return -1;
	c->id = (long)db_last_id();
	struct audit_entry e = { .action = "attendance.leave_request", .entity = "leave", .entity_id = arena_printf(c->a, "%ld", c->id),
				 .remarks = arena_printf(c->a, "%s %s..%s", c->kind, c->from, c->to) };
	return audit_write(c->who, &e) == 0 ? 0 : -1;
}

int attendance_leave_request(struct arena *a, const struct actor *who, const char *kind, const char *from,
			     const char *to, const char *reason, long *id, struct outcome *out)
{
	struct leave_ctx c = { .a = a, .who = who, .user = actor_id(who), .kind = kind, .from = from, .to = to,
			       .reason = reason, .out = out };
	if (!vle_gp(a, c.user, &c.g))
		return out_fail(out, 409, "attendance.no_gp");
	long f = sla_day(from), t = sla_day(to), today = sla_today();
	if (!str_eq(kind, "leave") && !str_eq(kind, "on_duty"))
		out_field(out, "kind", "attendance.err.kind", NULL);
	if (f < 0)
		out_field(out, "from", "attendance.err.day", NULL);
	if (t < 0)
		out_field(out, "to", "attendance.err.day", NULL);
	else if (f >= 0 && (t < f || t - f > 30 || t < today - 7))
		out_field(out, "to", "attendance.err.range", NULL);
	if (!reason || utf8_chars(reason) < 3 || utf8_chars(reason) > 300)
		out_field(out, "reason", "attendance.err.reason", NULL);
	if (out->status)
		return out->status;
	int rc = db_txn(request_txn, &c);
	*id = c.id;
	return rc == 0 ? 0 : out_fail(out, 503, NULL);
}

static int decide_txn(void *p)
{
	struct leave_ctx *c = p;
	struct dbres *l = db_query(c->a, "SELECT user_id, kind, from_day, to_day, status FROM leave_requests WHERE id = ? FOR UPDATE",
				   "i", (long long)c->id);
	if (!l || l->nrows != 1)
		return -1;
	if (!str_eq(db_val(l, 0, 4), "pending")) {
		out_fail(c->out, 409, "attendance.decided");
		return 1;
	}
	const char *status = c->approve ? "approved" : "refused";
	if (db_exec("UPDATE leave_requests SET status = ?, decided_by = ?, decided_at = NOW(), decision_note = NULLIF(?, '') "
		    "WHERE id = ?", "sisi", status, (long long)actor_id(c->who), c->note ? c->note : "", (long long)c->id) != 1)
		return -1;
	long from = sla_day(db_val(l, 0, 2)), to = sla_day(db_val(l, 0, 3));
	for (long d = from; c->approve && d <= to; d++) {
		char day[11];
		sla_date(d, day);
		if (day_refresh(c->a, c->user, day, &c->g, NULL) != 0)
			return -1;
	}
	const char *mobile = db_scalar(c->a, "SELECT mobile FROM users WHERE id = ?", "i", (long long)c->user);
	const char *what = str_eq(db_val(l, 0, 1), "on_duty") ? "on-duty" : "leave";
	if (mobile && !notify_queue("sms", mobile,
				    arena_printf(c->a, "Your %s request for %s to %s was %s by the block in-charge. - GramSewa", what,
						 db_val(l, 0, 2), db_val(l, 0, 3), status),
				    cfg.attendance_leave_dlt, "attendance.leave", arena_printf(c->a, "%ld", c->id)))
		return -1;
	struct audit_entry e = { .action = c->approve ? "attendance.leave_approve" : "attendance.leave_refuse", .entity = "leave",
				 .entity_id = arena_printf(c->a, "%ld", c->id), .remarks = c->note };
	return audit_write(c->who, &e) == 0 ? 0 : -1;
}

/* The VLE (user, the id as text) a reviewer's decision is about, in who's
 * area, into *uid and g, and the note at most max characters: 0, or 404
 * (no such record, or outside the area) or 422 in out. */
static int decision_of(struct arena *a, const struct actor *who, const char *user, const char *note, size_t max,
		       long *uid, struct vle_gp *g, struct outcome *out)
{
	*uid = user ? vle_of(a, who, user, g) : 0;
	if (!*uid)
		return out_fail(out, 404, NULL);
	if (note && utf8_chars(note) > max)
		out_field(out, "note", "attendance.err.note", NULL);
	return out->status;
}

int attendance_leave_decide(struct arena *a, const struct actor *who, long id, bool approve, const char *note,
			    struct outcome *out)
{
	struct leave_ctx c = { .a = a, .who = who, .id = id, .approve = approve, .note = note, .out = out };
	const char *user = db_scalar(a, "SELECT user_id FROM leave_requests WHERE id = ?", "i", (long long)id);
	if (decision_of(a, who, user, note, 300, &c.user, &c.g, out))
		return out->status;
	return txn_status(db_txn(decide_txn, &c), out);
}

/* ---- review ---- */

struct review_ctx {
	struct arena *a;
	const struct actor *who;
	long id, user;
	bool accept;
	const char *note;
	struct vle_gp g;
	struct outcome *out;
};

static int review_txn(void *p)
{
	struct review_ctx *c = p;
	struct dbres *ci = db_query(c->a, "SELECT day, status, IFNULL(review, '') FROM checkins WHERE id = ? FOR UPDATE", "i",
				    (long long)c->id);
	if (!ci || ci->nrows != 1)
		return -1;
	if (!str_eq(db_val(ci, 0, 1), "flagged") || !str_eq(db_val(ci, 0, 2), "pending")) {
		out_fail(c->out, 409, "attendance.reviewed");
		return 1;
	}
	if (db_exec("UPDATE checkins SET review = ?, reviewed_by = ?, reviewed_at = NOW(), review_note = NULLIF(?, '') WHERE id = ?",
		    "sisi", c->accept ? "accepted" : "rejected", (long long)actor_id(c->who), c->note ? c->note : "",
		    (long long)c->id) != 1)
		return -1;
	if (day_refresh(c->a, c->user, db_val(ci, 0, 0), &c->g, NULL) != 0)
		return -1;
	struct audit_entry e = { .action = c->accept ? "attendance.review_accept" : "attendance.review_reject", .entity = "checkin",
				 .entity_id = arena_printf(c->a, "%ld", c->id), .remarks = c->note };
	return audit_write(c->who, &e) == 0 ? 0 : -1;
}

int attendance_review(struct arena *a, const struct actor *who, long checkin, bool accept, const char *note,
		      struct outcome *out)
{
	struct review_ctx c = { .a = a, .who = who, .id = checkin, .accept = accept, .note = note, .out = out };
	const char *user = db_scalar(a, "SELECT user_id FROM checkins WHERE id = ?", "i", (long long)checkin);
	if (decision_of(a, who, user, note, 500, &c.user, &c.g, out))
		return out->status;
	if (!accept && (!note || utf8_chars(note) < 3))
		return out_field(out, "note", "attendance.err.note_needed", NULL), out->status;
	return txn_status(db_txn(review_txn, &c), out);
}

/* ---- jobs ---- */

/* Is day (YYYY-MM-DD) ready to be closed: before today, or today after at? */
static bool day_closable(const char *day, const char *at)
{
	long d = sla_day(day), today = sla_today();
	return d >= 0 && (d < today || (d == today && after_time_of_day(now_secs(), at)));
}

static long roster_refresh(void)
{
	if (db_exec("INSERT INTO attendance_vles (user_id, gp_id, block_id, gp_path) "
		    "SELECT rh.user_id, g.id, g.parent_id, g.path FROM role_holdings rh JOIN users u ON u.id = rh.user_id AND u.active = 1 "
		    "JOIN locations l ON l.id = rh.location_id "
		    "JOIN locations g ON g.id = IF(l.type = 'village', l.parent_id, l.id) AND g.type = 'panchayat' "
		    "WHERE " ACTIVE_CSC " ON DUPLICATE KEY UPDATE gp_id = VALUES(gp_id), block_id = VALUES(block_id), "
		    "gp_path = VALUES(gp_path)", NULL) < 0)
		return -1;
	return db_exec("DELETE FROM attendance_vles WHERE user_id NOT IN (SELECT rh.user_id FROM role_holdings rh "
		       "JOIN users u ON u.id = rh.user_id AND u.active = 1 WHERE " ACTIVE_CSC ")", NULL);
}

long attendance_rollup(struct arena *a, const char *day, FILE *report)
{
	if (!day_closable(day, cfg.attendance_absent_sms_at))
		return -2;
	if (roster_refresh() < 0)
		return -1;
	/* weekday of day: 1970-01-01 was a Thursday (4) */
	long wd = ((sla_day(day) % 7) + 4) % 7;
	bool off = (cfg.attendance_weekly_off >> wd) & 1;
	long long n = db_exec("INSERT INTO attendance_days (user_id, day, gp_id, block_id, status) "
			      "SELECT v.user_id, ?, v.gp_id, v.block_id, IF(? = 1 OR EXISTS (SELECT 1 FROM holidays h WHERE h.day = ? "
			      "AND (h.location_id IS NULL OR v.gp_path LIKE CONCAT('%/', h.location_id, '/%'))), 'holiday', 'absent') "
			      "FROM attendance_vles v LEFT JOIN attendance_days d ON d.user_id = v.user_id AND d.day = ? "
			      "WHERE d.user_id IS NULL", "siss", day, (long long)(off ? 1 : 0), day, day);
	if (n < 0)
		return -1;
	if (report)
		fprintf(report, "attendance-rollup %s: %lld VLE-days marked %s\n", day, n, off ? "holiday (weekly off)" : "absent or holiday");
	(void)a;
	return (long)n;
}

/* Queues one message once per (kind, day, user); false on DB error. */
static bool send_once(struct arena *a, const char *kind, const char *day, long user, const char *mobile, const char *text,
		      const char *dlt, long *queued)
{
	long long got = db_exec("INSERT IGNORE INTO attendance_sent (kind, day, user_id) VALUES (?, ?, ?)", "ssi", kind, day,
				(long long)user);
	if (got < 0)
		return false;
	if (got == 0 || str_empty(mobile))
		return true;
	if (!notify_queue("sms", mobile, text, dlt, arena_printf(a, "attendance.%s", kind), day))
		return false;
	(*queued)++;
	return true;
}

long attendance_absent_sms(struct arena *a, const char *day, FILE *report)
{
	long n = attendance_rollup(a, day, report);
	if (n < 0)
		return n;
	long queued = 0;
	struct dbres *abs = db_query(a, "SELECT d.user_id, u.mobile FROM attendance_days d JOIN users u ON u.id = d.user_id "
				       "LEFT JOIN attendance_sent s ON s.kind = 'absent' AND s.day = d.day AND s.user_id = d.user_id "
				       "WHERE d.day = ? AND d.status = 'absent' AND s.user_id IS NULL", "s", day);
	struct dbres *bis = db_query(a, "SELECT rh.user_id, u.mobile, l.path FROM role_holdings rh JOIN users u ON u.id = rh.user_id "
				       "AND u.active = 1 JOIN locations l ON l.id = rh.location_id WHERE rh.role = 'bi' AND rh.active = 1 "
				       "AND rh.work_from <= CURDATE() AND (rh.work_to IS NULL OR rh.work_to >= CURDATE())", NULL);
	if (!abs || !bis)
		return -1;
	const char *absent_text = arena_printf(a, "You have not marked attendance at your gram panchayat for %s. Check in with GPS "
						  "on, or ask your block in-charge for leave or on duty. - GramSewa", day);
	for (size_t i = 0; i < abs->nrows; i++) {
		if (db_begin() != 0)
			return -1;
		if (!send_once(a, "absent", day, (long)db_int(abs, i, 0), db_val(abs, i, 1), absent_text, cfg.attendance_absent_dlt,
			       &queued) || db_commit() != 0) {
			db_rollback();
			return -1;
		}
	}
	for (size_t i = 0; i < bis->nrows; i++) {
		struct dbres *k = db_query(a, "SELECT COUNT(*), SUM(d.status IN ('present', 'late')), SUM(d.status = 'on_duty'), "
					     "SUM(d.status = 'leave'), SUM(d.status = 'flagged'), SUM(d.status = 'absent') "
					     "FROM attendance_vles v LEFT JOIN attendance_days d ON d.user_id = v.user_id AND d.day = ? "
					     "WHERE v.gp_path LIKE CONCAT(?, '%')", "ss", day, db_val(bis, i, 2));
		if (!k || k->nrows != 1)
			return -1;
		const char *text = arena_printf(a, "GramSewa attendance %s: %lld VLEs, %lld present, %lld on duty, %lld on leave, "
						   "%lld flagged for your review, %lld absent.", day, db_int(k, 0, 0), db_int(k, 0, 1),
						db_int(k, 0, 2), db_int(k, 0, 3), db_int(k, 0, 4), db_int(k, 0, 5));
		if (db_begin() != 0)
			return -1;
		if (!send_once(a, "digest", day, (long)db_int(bis, i, 0), db_val(bis, i, 1), text, cfg.attendance_digest_dlt, &queued) ||
		    db_commit() != 0) {
			db_rollback();
			return -1;
		}
	}
	if (report)
		fprintf(report, "attendance-absent-sms %s: %ld messages queued\n", day, queued);
	return queued;
}

long attendance_purge(struct arena *a, const struct actor *who, FILE *report)
{
	long total = 0;
	for (;;) {
		/* batches keep each transaction and its locks short */
		if (db_begin() != 0)
			return -1;
		long long n = db_exec("DELETE FROM checkins WHERE server_at < NOW() - INTERVAL ? DAY ORDER BY id LIMIT 5000", "i",
				      (long long)cfg.checkin_retention_days);
		struct audit_entry e = { .action = "attendance.purge", .entity = "checkin", .entity_id = "*",
					 .remarks = arena_printf(a, "%lld check-ins older than %ld days", n, cfg.checkin_retention_days) };
		if (n < 0 || (n > 0 && audit_write(who, &e) != 0) || db_commit() != 0) {
			db_rollback();
			return -1;
		}
		total += (long)n;
		if (n < 5000)
			break;
	}
	if (report)
		fprintf(report, "attendance-purge: %ld check-ins older than %ld days deleted\n", total, cfg.checkin_retention_days);
	return total;
}

/* The point of a location: its own, else its parent's point moved by a
 * deterministic offset of a size fitting the level. */
static struct geo_pt place_point(struct arena *a, long id, int depth_left)
{
	struct dbres *r = db_query(a, "SELECT lat, lon, IFNULL(parent_id, 0), type FROM locations WHERE id = ?", "i", (long long)id);
	struct geo_pt jharkhand = { 23.65, 85.55 };
	if (!r || r->nrows != 1 || depth_left <= 0)
		return jharkhand;
	if (db_val(r, 0, 0) && db_val(r, 0, 1))
		return (struct geo_pt){ strtod(db_val(r, 0, 0), NULL), strtod(db_val(r, 0, 1), NULL) };
	const char *type = db_val(r, 0, 3);
	if (str_eq(type, "state") || !db_int(r, 0, 2))
		return jharkhand;
	double spread = str_eq(type, "district") ? 1.3 : str_eq(type, "block") ? 0.22 : str_eq(type, "panchayat") ? 0.06 : 0.0;
	struct geo_pt parent = place_point(a, (long)db_int(r, 0, 2), depth_left - 1);
	return spread > 0 ? geo_synth(parent, spread, (unsigned long)id) : parent;
}

long attendance_points(struct arena *a, long under, bool approve, FILE *report)
{
	const char *path = loc_path_of(a, under, NULL);
	if (!path)
		return -1;
	struct dbres *gps = db_query(a, "SELECT id FROM locations WHERE type = 'panchayat' AND path LIKE CONCAT(?, '%') "
				       "AND lat IS NULL ORDER BY id", "s", path);
	if (!gps)
		return -1;
	long n = 0;
	for (size_t i = 0; i < gps->nrows; i++) {
		long id = (long)db_int(gps, i, 0);
		struct arena t;
		arena_init(&t);
		/* blocks and districts get their points first, so GPs cluster round them */
		struct geo_pt p = place_point(&t, id, 8);
		const char *lat = arena_printf(&t, "%.6f", p.lat), *lon = arena_printf(&t, "%.6f", p.lon);
		bool ok = db_exec("UPDATE locations SET lat = ?, lon = ? WHERE id = ?", "ssi", lat, lon, (long long)id) >= 0;
		if (ok && approve)
			ok = db_exec("INSERT INTO geofences (location_id, lat, lon, radius_m, approved_at) VALUES (?, ?, ?, ?, NOW()) "
				     "ON DUPLICATE KEY UPDATE lat = VALUES(lat), lon = VALUES(lon), radius_m = VALUES(radius_m), "
				     "approved_at = VALUES(approved_at)", "issi", (long long)id, lat, lon,
				     (long long)cfg.attendance_radius_m) >= 0;
		arena_free(&t);
		if (!ok)
			return -1;
		n++;
	}
	struct dbres *blocks = db_query(a, "SELECT id FROM locations WHERE type = 'block' AND path LIKE CONCAT(?, '%')", "s", path);
	if (!blocks)
		return -1;
	for (size_t i = 0; i < blocks->nrows; i++) {
		struct arena t;
		arena_init(&t);
		int rc = outline_refresh(&t, (long)db_int(blocks, i, 0));
		arena_free(&t);
		if (rc != 0)
			return -1;
	}
	if (report)
		fprintf(report, "attendance-points: %ld gram panchayats given a demonstration point%s; %zu block outlines drawn\n", n,
			approve ? " and an approved geofence" : "", blocks->nrows);
	return n;
}

/* ---- reads ---- */

int attendance_place(struct arena *a, const struct user *u, long location, struct att_place *p)
{
	if (location <= 0) {
		const struct juris_root *roots = juris_prefixes(a, u, ATT_VIEWERS);
		if (!roots[0].path)
			return 403;
		const char *id = str_eq(roots[0].path, "/") ? db_scalar(a, "SELECT id FROM locations WHERE type = 'state' ORDER BY id LIMIT 1", NULL)
							     : db_scalar(a, "SELECT id FROM locations WHERE path = ?", "s", roots[0].path);
		location = to_long(id);
	}
	struct dbres *r = db_query(a, "SELECT id, type, name_en, name_hi, path, IFNULL(parent_id, 0) FROM locations WHERE id = ?", "i",
				   (long long)location);
	if (!r)
		return 503;
	if (r->nrows != 1)
		return 404;
	if (!juris_holding(u, ATT_VIEWERS, 0, db_val(r, 0, 4), 0))
		return 403;
	p->id = (long)db_int(r, 0, 0);
	p->type = db_val(r, 0, 1);
	p->name_en = db_val(r, 0, 2);
	p->name_hi = db_val(r, 0, 3);
	p->path = db_val(r, 0, 4);
	p->parent_id = (long)db_int(r, 0, 5);
	return 0;
}

struct dbres *attendance_blocks(struct arena *a, const char *path, const char *day)
{
	return db_query(a, "SELECT b.id, b.name_en, b.name_hi, COUNT(v.user_id), SUM(d.status = 'present'), SUM(d.status = 'late'), "
			   "SUM(d.status = 'on_duty'), SUM(d.status = 'leave'), SUM(d.status = 'flagged'), SUM(d.status = 'holiday'), "
			   "SUM(d.status = 'absent'), SUM(v.user_id IS NOT NULL AND d.status IS NULL) "
			   "FROM locations b LEFT JOIN attendance_vles v ON v.block_id = b.id "
			   "LEFT JOIN attendance_days d ON d.user_id = v.user_id AND d.day = ? "
			   "WHERE b.type = 'block' AND (b.path LIKE CONCAT(?, '%') OR ? LIKE CONCAT(b.path, '%')) "
			   "GROUP BY b.id ORDER BY b.name_en LIMIT 500", "sss", day, path, path);
}

struct dbres *attendance_muster(struct arena *a, const char *path, const char *day)
{
	return db_query(a, "SELECT u.id, TRIM(CONCAT_WS(' ', u.first_name, u.last_name)), u.username, u.csc_id, g.name_en, "
			   "IFNULL(g.name_hi, g.name_en), d.status, d.first_at, v.last_at "
			   "FROM attendance_vles v JOIN users u ON u.id = v.user_id JOIN locations g ON g.id = v.gp_id "
			   "LEFT JOIN attendance_days d ON d.user_id = v.user_id AND d.day = ? "
			   "WHERE v.gp_path LIKE CONCAT(?, '%') ORDER BY g.name_en, u.first_name LIMIT 2000", "ss", day, path);
}

struct dbres *attendance_gps(struct arena *a, const char *path, const char *day)
{
	/* best status of the GP's VLEs: the highest rank of attendance_days */
	return db_query(a, "SELECT g.id, g.name_en, IFNULL(g.name_hi, g.name_en), IFNULL(f.lat, g.lat), IFNULL(f.lon, g.lon), "
			   "b.id, b.name_en, COUNT(v.user_id), "
			   "ELT(MAX(FIELD(d.status, 'absent', 'flagged', 'leave', 'late', 'on_duty', 'present')), "
			   "'absent', 'flagged', 'leave', 'late', 'on_duty', 'present'), IFNULL(b.name_hi, b.name_en) "
			   "FROM locations g JOIN locations b ON b.id = g.parent_id "
			   "LEFT JOIN geofences f ON f.location_id = g.id AND f.lat IS NOT NULL "
			   "LEFT JOIN attendance_vles v ON v.gp_id = g.id "
			   "LEFT JOIN attendance_days d ON d.user_id = v.user_id AND d.day = ? "
			   "WHERE g.type = 'panchayat' AND g.path LIKE CONCAT(?, '%') AND IFNULL(f.lat, g.lat) IS NOT NULL "
			   "GROUP BY g.id ORDER BY b.id, g.id LIMIT 20000", "ss", day, path);
}

struct dbres *attendance_month(struct arena *a, const char *path, const char *from, const char *to)
{
	return db_query(a, "SELECT u.id, TRIM(CONCAT_WS(' ', u.first_name, u.last_name)), g.name_en, IFNULL(g.name_hi, g.name_en), "
			   "SUM(d.status = 'present'), SUM(d.status = 'late'), SUM(d.status = 'on_duty'), SUM(d.status = 'leave'), "
			   "SUM(d.status = 'flagged'), SUM(d.status = 'holiday'), SUM(d.status = 'absent') "
			   "FROM attendance_vles v JOIN users u ON u.id = v.user_id JOIN locations g ON g.id = v.gp_id "
			   "LEFT JOIN attendance_days d ON d.user_id = v.user_id AND d.day BETWEEN ? AND ? "
			   "WHERE v.gp_path LIKE CONCAT(?, '%') GROUP BY u.id ORDER BY g.name_en, u.first_name LIMIT 2000",
			"sss", from, to, path);
}

struct dbres *attendance_trend(struct arena *a, const char *path, const char *from, const char *to)
{
	return db_query(a, "SELECT d.day, SUM(d.status IN ('present', 'late', 'on_duty')), SUM(d.status NOT IN ('holiday', 'leave')) "
			   "FROM attendance_days d JOIN attendance_vles v ON v.user_id = d.user_id "
			   "WHERE d.day BETWEEN ? AND ? AND v.gp_path LIKE CONCAT(?, '%') GROUP BY d.day ORDER BY d.day",
			"sss", from, to, path);
}

struct dbres *attendance_flags(struct arena *a, const char *path)
{
	return db_query(a, "SELECT c.id, TRIM(CONCAT_WS(' ', u.first_name, u.last_name)), u.username, g.name_en, c.server_at, "
			   "c.event_at, c.source, c.reasons, c.evidence, c.lat, c.lon, c.accuracy_m, c.distance_m, "
			   "IFNULL(g.name_hi, g.name_en) "
			   "FROM checkins c JOIN users u ON u.id = c.user_id JOIN locations g ON g.id = c.gp_id "
			   "WHERE c.review = 'pending' AND g.path LIKE CONCAT(?, '%') ORDER BY c.id LIMIT 200", "s", path);
}

struct dbres *attendance_me(struct arena *a, long user)
{
	struct vle_gp g;
	if (!vle_gp(a, user, &g))
		return NULL;
	return db_query(a, "SELECT g.id, g.name_en, IFNULL(g.name_hi, g.name_en), f.lat, f.lon, f.radius_m, d.status, "
			   "(SELECT MAX(server_at) FROM checkins WHERE user_id = ?), "
			   "(SELECT status FROM checkins WHERE user_id = ? ORDER BY id DESC LIMIT 1) "
			   "FROM locations g LEFT JOIN geofences f ON f.location_id = g.id AND f.lat IS NOT NULL "
			   "LEFT JOIN attendance_days d ON d.user_id = ? AND d.day = CURDATE() WHERE g.id = ?",
			"iiii", (long long)user, (long long)user, (long long)user, (long long)g.gp);
}

struct dbres *attendance_leaves(struct arena *a, long user, const char *path)
{
	return db_query(a, "SELECT l.id, TRIM(CONCAT_WS(' ', u.first_name, u.last_name)), l.kind, l.from_day, l.to_day, l.reason, "
			   "l.status, l.requested_at, l.decision_note FROM leave_requests l JOIN users u ON u.id = l.user_id "
			   "LEFT JOIN attendance_vles v ON v.user_id = l.user_id "
			   "WHERE (? > 0 AND l.user_id = ?) OR (? = 0 AND l.status = 'pending' AND v.gp_path LIKE CONCAT(?, '%')) "
			   "ORDER BY l.id DESC LIMIT 200",
			"iiis", (long long)user, (long long)user, (long long)user, path ? path : "/none/");
}

struct dbres *attendance_devices(struct arena *a, const char *path)
{
	return db_query(a, "SELECT dv.id, u.username, TRIM(CONCAT_WS(' ', u.first_name, u.last_name)), dv.device_uid, dv.bound_at, "
			   "dv.unbound_at FROM attendance_devices dv JOIN users u ON u.id = dv.user_id "
			   "JOIN attendance_vles v ON v.user_id = dv.user_id WHERE v.gp_path LIKE CONCAT(?, '%') "
			   "ORDER BY dv.unbound_at IS NULL DESC, dv.id DESC LIMIT 500", "s", path);
}

struct dbres *attendance_block_map(struct arena *a, const char *path, const char *day)
{
	/* the outlines table holds one short row per block: scanning it beats an index on a path OR */
	return db_query(a, "SELECT b.id, b.name_en, IFNULL(b.name_hi, b.name_en), o.hull, COUNT(v.user_id), "
			   "SUM(d.status IN ('present', 'late', 'on_duty')), SUM(d.status IN ('leave', 'holiday')) "
			   "FROM attendance_outlines o JOIN locations b ON b.id = o.block_id "
			   "LEFT JOIN attendance_vles v ON v.block_id = b.id "
			   "LEFT JOIN attendance_days d ON d.user_id = v.user_id AND d.day = ? "
			   "WHERE b.path LIKE CONCAT(?, '%') OR ? LIKE CONCAT(b.path, '%') GROUP BY b.id ORDER BY b.id LIMIT 2000",
			"sss", day, path, path);
}

/* The fill of a block: its share present of the VLEs expected today. */
static const char *share_colour(long vles, long present, long off)
{
	long due = vles - off;
	if (due <= 0)
		return "#dee0e2";
	long pct = 100 * present / due;
	return pct >= 90 ? "#00703c" : pct >= 75 ? "#85994b" : pct >= 50 ? "#f47738" : "#d4351c";
}

size_t attendance_shapes(struct arena *a, const struct dbres *blocks, const char *lang, struct map_shape **out)
{
	struct map_shape *s = arena_alloc(a, (blocks->nrows + 1) * sizeof *s);
	for (size_t i = 0; i < blocks->nrows; i++) {
		const char *hull = db_val(blocks, i, 3);
		size_t n = 1;
		for (const char *c = hull; *c; c++)
			n += *c == ',';
		struct geo_pt *p = arena_alloc(a, n * sizeof *p);
		size_t k = 0;
		for (const char *c = hull; c && *c && k < n;) {
			char *end;
			p[k].lat = strtod(c, &end);
			p[k].lon = strtod(end, &end);
			k++;
			c = *end == ',' ? end + 1 : NULL;
		}
		s[i] = (struct map_shape){ .pts = p, .n = k, .label = db_val(blocks, i, str_eq(lang, "hi") ? 2 : 1),
					   .fill = share_colour((long)db_int(blocks, i, 4), (long)db_int(blocks, i, 5),
								(long)db_int(blocks, i, 6)) };
	}
	*out = s;
	return blocks->nrows;
}

const char *attendance_colour(const char *status)
{
	if (str_eq(status, "present"))
		return "#00703c";
	if (str_eq(status, "late"))
		return "#f47738";
	if (str_eq(status, "on_duty"))
		return "#1d70b8";
	if (str_eq(status, "leave"))
		return "#912b88";
	if (str_eq(status, "flagged"))
		return "#ffdd00";
	if (str_eq(status, "absent"))
		return "#d4351c";
	return "#b1b4b6";	/* not yet checked in, holiday */
}
