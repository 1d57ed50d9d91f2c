/*
 * attendance.h — GIS attendance of VLEs (CSC operators): gram panchayat
 * reference points, enrolled devices, check-ins and their rules, the
 * server's spoofing checks, leave and on-duty, BI review, the daily
 * summary rows, and the jobs (roll-up, absence SMS and digest, purge).
 *
 * A VLE's gram panchayat (GP) is the panchayat of the VLE's active CSC
 * holding (the holding's place, or the panchayat above a village).  A
 * check-in is accepted when the approved reference point of that GP is
 * within reach (distance - accuracy <= radius), the accuracy is at most
 * attendance_max_accuracy_m, the fix is at most attendance_max_fix_age_s
 * old and the device says it is not a mock location; anything else short
 * of a mock location is kept and *flagged* for the block in-charge (BI)
 * with the evidence, never silently dropped (weak GPS is common in the
 * field).  A mock location is refused outright, and recorded as refused.
 * Signed offline records count as offline-verified when they reach the
 * server within attendance_offline_sync_hours.  Every flag names its
 * reason; docs/architecture.md §"Attendance" has the list.
 *
 * Privacy: only the point events a VLE makes are stored (no tracking);
 * `attendance-purge` deletes check-ins older than checkin_retention_days.
 *
 * Domain functions take (arena, actor, typed input, outcome) and return 0
 * or the HTTP-style status also left in the outcome (domain.h).
 */
#ifndef GS_ATTENDANCE_H
#define GS_ATTENDANCE_H
#include "domain.h"
#include <stdio.h>

struct dbres;
struct user;

/* Roles that see availability, the muster and the map of their area. */
#define ATT_VIEWERS (RB(ROLE_BI) | RB(ROLE_DI) | RB(ROLE_BDO) | RB(ROLE_SDO) | RB(ROLE_DM) | RB(ROLE_STATE_ADMIN))
/* Roles that review flags, enrol devices and decide leave (the BI, and
 * above the BI the DI and the state administrator). */
#define ATT_REVIEWERS (RB(ROLE_BI) | RB(ROLE_DI) | RB(ROLE_STATE_ADMIN))

/* A check-in as sent by the page or the app; text exactly as sent (an
 * offline record's signature covers these very characters). */
struct att_checkin_in {
	const char *source;	/* "web" (the page), "app" (the API), "no_gps" (the page's button without GPS) */
	bool offline;		/* a device-signed record made earlier, synced now (app only) */
	const char *lat;	/* decimal degrees */
	const char *lon;
	const char *accuracy_m;	/* metres, as the phone reported it */
	const char *fix_at;	/* ISO 8601 with offset or Z: when the phone took the fix */
	bool is_mock;		/* the phone said it came from a mock provider */
	const char *device_id;	/* the enrolled device's id (app) */
	const char *nonce;	/* offline: the record's unique id (8-64 of [A-Za-z0-9_-]) */
	const char *signature;	/* offline: hex HMAC-SHA256 of the canonical record with the device key */
	const char *elapsed_ms;	/* offline: the device's monotonic clock at the fix */
};

/* What became of a check-in. */
struct att_checkin_out {
	long id;		/* checkins.id */
	const char *status;	/* accepted, offline_verified, flagged, rejected */
	bool late;		/* after attendance_on_time_until */
	const char *reasons;	/* comma-separated flag reasons ("" when none) */
	long distance_m;	/* from the reference point, or -1 when unknown */
	const char *day;	/* YYYY-MM-DD (IST) it counts for */
	const char *day_status;	/* that day's status after it (attendance_days), or NULL */
	const char *server_at;	/* when the server took it (IST wall time) */
};

/* Records a check-in of the acting VLE (see the rules above).  Refusals:
 * 409 attendance.no_gp (not placed at a gram panchayat); 422 with the
 * fields (lat, lon, accuracy_m, fix_at, device_id, nonce, signature,
 * elapsed_ms) for input that is missing or malformed, an offline record
 * whose signature does not verify, or a device not enrolled to the VLE;
 * 409 code "replayed" for an offline record already received (same device
 * and nonce); 422 code "mock_location" (field is_mock) for a mock fix,
 * which is still stored, as rejected, with its audit row. */
int attendance_checkin(struct arena *a, const struct actor *who, const struct att_checkin_in *in,
		       struct att_checkin_out *res, struct outcome *out);

/* A VLE is on duty elsewhere on day (YYYY-MM-DD) because of a training
 * (its QR check-in), a camp or a survey task: source_kind "training",
 * "camp" or "survey", source_id that record's id.  Call inside the
 * caller's transaction (the event that proves it); writes the on-duty
 * check-in, the day's summary and an audit row.  Repeating the same
 * (user, day, kind, id) changes nothing.  Returns 0, 404 (no such VLE or
 * not placed at a GP), 422 (bad day or kind) or 503. */
int attendance_on_duty(struct arena *a, const struct actor *who, long user, const char *day, const char *source_kind,
		       const char *source_id, struct outcome *out);

/* The BI whose area covers gp captures its reference point on site: lat,
 * lon, accuracy_m (at most attendance_capture_accuracy_m) and radius_m
 * (50-300; empty: attendance_radius_m).  It waits for a DI's approval;
 * the point in force (if any) stays until then.  403/404/422. */
int attendance_geofence_capture(struct arena *a, const struct actor *who, long gp, const char *lat, const char *lon,
				const char *accuracy_m, const char *radius_m, struct outcome *out);
/* A DI (or the state administrator) whose area covers gp approves the
 * captured point; someone else than the one who captured it.  403/404, 409
 * when nothing waits or the approver captured it. */
int attendance_geofence_approve(struct arena *a, const struct actor *who, long gp, struct outcome *out);

/* A reviewer enrols a phone (device_uid, 4-64 of [A-Za-z0-9._:-]) for the
 * VLE named by vle (log-in name or CSC ID) and gets the new HMAC key as 64
 * hex characters in key_hex (shown once, never again).  The VLE's earlier
 * device is unbound.  404 (no such VLE in the reviewer's area), 409
 * attendance.device_taken (the phone serves another VLE), 422. */
int attendance_device_enrol(struct arena *a, const struct actor *who, const char *vle, const char *device_uid,
			    char key_hex[65], long *device_id, struct outcome *out);
/* Unbinds an enrolled device (404 outside the reviewer's area, 409 when
 * already unbound). */
int attendance_device_unbind(struct arena *a, const struct actor *who, long device_id, struct outcome *out);

/* The acting VLE asks for leave or on duty (kind "leave" / "on_duty")
 * from..to (YYYY-MM-DD, at most 31 days, not ending before 7 days ago),
 * with a reason of 3-300 characters.  *id gets the request. */
int attendance_leave_request(struct arena *a, const struct actor *who, const char *kind, const char *from,
			     const char *to, const char *reason, long *id, struct outcome *out);
/* A reviewer over the VLE's GP approves or refuses a pending request;
 * approval rewrites the days it covers.  The VLE gets an SMS.  404, 409
 * when already decided, 422 for a note over 300 characters. */
int attendance_leave_decide(struct arena *a, const struct actor *who, long id, bool approve, const char *note,
			    struct outcome *out);

/* A reviewer over the check-in's GP accepts (it counts, on time or late by
 * its time) or rejects a flagged check-in, with a note (required to
 * reject, at most 500 characters).  404, 409 when not waiting for review. */
int attendance_review(struct arena *a, const struct actor *who, long checkin, bool accept, const char *note,
		      struct outcome *out);

/* ---- jobs (gramsewactl) ---- */

/* Refreshes the roster from the CSC holdings, then gives every VLE with no
 * row for day a 'holiday' (weekly off, state or district holiday) or
 * 'absent' row.  day must be before today, or today after
 * attendance_absent_sms_at.  Returns rows written, -2 when day is too
 * early, -1 on a database error; prints a line on report. */
long attendance_rollup(struct arena *a, const char *day, FILE *report);
/* From attendance_absent_sms_at on day (today unless given): the roll-up,
 * then an SMS to every VLE absent that day and a digest to every BI with
 * the counts of their area, each once per day (attendance_sent), through
 * the outbox.  Returns messages queued, -2 too early, -1 on error. */
long attendance_absent_sms(struct arena *a, const char *day, FILE *report);
/* Deletes check-ins older than checkin_retention_days (in batches) with
 * an audit row; the day summaries (no coordinates) stay.  Returns the
 * number deleted or -1. */
long attendance_purge(struct arena *a, const struct actor *who, FILE *report);
/* DEMO AND BENCHMARK DATA ONLY: gives every panchayat under location
 * `under` without coordinates a deterministic synthetic point (near its
 * block, near its district, inside the state; see docs) and, with
 * approve, an approved geofence of attendance_radius_m there.  Returns the
 * number of places given a point, or -1. */
long attendance_points(struct arena *a, long under, bool approve, FILE *report);

/* ---- reads for pages, the API and the map ---- */

/* The place a viewer asks about: location (0 = the viewer's first area),
 * checked against ATT_VIEWERS.  Fills id, type, names and path; returns 0,
 * 403 or 404. */
struct att_place {
	long id;		/* locations.id */
	const char *type;	/* state, district, block, panchayat ... */
	const char *name_en, *name_hi;
	const char *path;	/* materialised path */
	long parent_id;		/* 0 for the state */
};
int attendance_place(struct arena *a, const struct user *u, long location, struct att_place *p);

/* Per block under path, for day: block id, name_en, name_hi, VLEs,
 * present, late, on_duty, leave, flagged, holiday, absent (rows marked so),
 * not yet (no row).  NULL on error. */
struct dbres *attendance_blocks(struct arena *a, const char *path, const char *day);
/* Per VLE under path for day: user id, name, log-in, CSC ID, GP name_en,
 * GP name_hi, day status (NULL: not yet), first counted check-in time,
 * last check-in time.  At most 2,000 rows.  NULL on error. */
struct dbres *attendance_muster(struct arena *a, const char *path, const char *day);
/* Per GP under path that has a point: id, name_en, name_hi, lat, lon
 * (point in force, else the place's own), block id, block name_en, VLEs,
 * best day status among its VLEs (NULL: none yet), block name_hi.  NULL
 * on error. */
struct dbres *attendance_gps(struct arena *a, const char *path, const char *day);
/* Per VLE under path for the days from..to: user id, name, GP name_en, GP
 * name_hi, present, late, on_duty, leave, flagged, holiday, absent.
 * NULL on error. */
struct dbres *attendance_month(struct arena *a, const char *path, const char *from, const char *to);
/* Per day from..to under path: day, VLE-days counted present (present,
 * late, on duty), VLE-days expected (all rows less holidays and leave).
 * NULL on error. */
struct dbres *attendance_trend(struct arena *a, const char *path, const char *from, const char *to);
/* Check-ins waiting for review under path, oldest first, at most 200: id,
 * VLE name, log-in, GP name_en, server_at, event_at, source, reasons,
 * evidence JSON, lat, lon, accuracy_m, distance_m, GP name_hi.  NULL on error. */
struct dbres *attendance_flags(struct arena *a, const char *path);
/* The acting VLE today: GP id, GP name_en, GP name_hi, ref lat, ref lon,
 * radius (NULLs without an approved point), today's status, last check-in
 * time, last status.  NULL when not placed at a GP or on error. */
struct dbres *attendance_me(struct arena *a, long user);
/* Leave requests: the VLE's own (user > 0), or those waiting under path
 * (user = 0): id, VLE name, kind, from, to, reason, status, requested_at,
 * decision_note.  NULL on error. */
struct dbres *attendance_leaves(struct arena *a, long user, const char *path);
/* Devices enrolled under path: id, VLE log-in, VLE name, device_uid,
 * bound_at, unbound_at.  NULL on error. */
struct dbres *attendance_devices(struct arena *a, const char *path);
/* The blocks of (or above) path with an outline, for day: block id,
 * name_en, name_hi, hull ("lat lon,lat lon,..."), VLEs, counted present
 * (present, late, on duty), not expected (leave, holiday).  NULL on error. */
struct dbres *attendance_block_map(struct arena *a, const char *path, const char *day);
/* Rows of attendance_block_map as map outlines (arena memory) labelled in
 * lang and filled by the share present: green 90% and more, olive 75%,
 * orange 50%, red below, grey with nobody expected.  Returns the count. */
struct map_shape;
size_t attendance_shapes(struct arena *a, const struct dbres *blocks, const char *lang, struct map_shape **out);
/* The colour of a day status on the maps ("present" ...; NULL: not yet). */
const char *attendance_colour(const char *status);
#endif
