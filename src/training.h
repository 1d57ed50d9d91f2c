/*
 * training.h — the training calendar of Digital Panchayat (PHASE2 §(b)):
 * DIs and BIs schedule trainings for VLEs and others (audience by role and
 * place, invited through the outbox), take them through planned →
 * published → held → reported → closed (or cancelled / postponed with a
 * reason), take attendance that cannot be faked from home (a check-in QR
 * on the trainer's screen that changes every minute, or marking by the
 * organiser), collect at least two photos whose camera time lies inside
 * the session, and feedback from each participant (from the end to
 * training_feedback_days after), which brings the participation
 * certificate.  The two-per-month rule: a training *counts* for its DI/BI
 * when its type is countable (every type but e-learning), VLEs were
 * invited, it was held that month and reported, lasted at least
 * training_min_hours, had at least training_min_attendees present and at
 * least two photos with EXIF time inside the session.
 *
 * Domain functions take (arena, actor, typed input, outcome) and return 0
 * or the HTTP-style status also left in the outcome (domain.h).
 */
#ifndef GS_TRAINING_H
#define GS_TRAINING_H
#include "domain.h"
#include <stdio.h>
#include <time.h>

struct dbres;
struct jval;
struct user;

/* Who organises trainings (in their own area). */
#define TRN_ORGANISERS (RB(ROLE_DI) | RB(ROLE_BI) | RB(ROLE_STATE_ADMIN) | RB(ROLE_MASTER_TRAINER))
/* Who oversees the trainings of a place (their reports, the matrix): the
 * officers holding over it and the PMU's master trainers (the state).  A
 * department administrator's reach is its department's records, and a
 * training is no department's. */
#define TRN_OVERSEERS ((RB_OFFICERS & ~RB(ROLE_DEPT_ADMIN)) | RB(ROLE_MASTER_TRAINER))

/* A training as scheduled: text exactly as typed or sent. */
struct trn_input {
	const char *type;	/* orientation, workshop, tot, hands_on, refresher, need_based, elearning, personality */
	const char *title_en, *title_hi;
	const char *location;	/* audience place id (within the organiser's area) */
	const char *audience;	/* role codes, comma-separated ("csc,panchayat_sewak") */
	const char *venue;	/* where */
	const char *lat, *lon;	/* the venue's point, both or neither */
	const char *starts_at, *ends_at;	/* IST, "YYYY-MM-DD HH:MM" */
	const char *trainers;	/* names */
	const char *materials;	/* links or titles, optional */
};
/* Schedules a training (planned) organised by the acting DI/BI (a holding
 * over the place) or state administrator.  422 per field; 403 outside the
 * organiser's area.  *id set. */
int training_schedule(struct arena *a, const struct actor *who, const struct trn_input *in, long *id, struct outcome *out);

/* Moves training id on: action publish (planned or postponed → published:
 * everyone in the audience invited, an SMS each), held (published, from
 * its start), report (held → reported, report text 10–5000 characters),
 * close (reported → closed), cancel (reason), postpone (reason, new
 * starts_at and ends_at; published again by "publish").  Only its
 * organiser or a state administrator: 403; 409 training.bad_state in the wrong state. */
int training_act(struct arena *a, const struct actor *who, long id, const char *action, const char *reason,
		 const char *report, const char *starts_at, const char *ends_at, struct outcome *out);

/* The check-in code of training id for the minute of t: "<minute>.<mac>"
 * (the minute is unix time / 60; the mac binds training and minute under
 * the deployment secret).  Arena string. */
const char *training_qr_token(struct arena *a, long id, time_t t);
/* Where the participant's phone says it is at check-in: text as sent;
 * all empty (or the pointer NULL) when it sent none. */
struct trn_fix {
	const char *lat, *lon;	/* decimal degrees */
	const char *accuracy_m;	/* metres, as the phone reported it (empty: 0) */
};
/* The acting invitee checks in with the code from the trainer's screen:
 * refused 422 code "qr_bad" (not ours), 409 code "qr_expired" (older than
 * this minute and 15 s of the last), 409 code "replayed" (this person has
 * already checked in: a code is never used twice), 409 training.not_now
 * (outside 30 minutes before the start to the end, or not published),
 * 403 not invited, 422 field "lat" (a point that is no point).  With a
 * point and a venue point, 409 code "outside_venue" when the distance
 * less the accuracy (counted up to attendance_max_accuracy_m) exceeds
 * training_checkin_radius_m: the code was passed on to someone away from
 * the hall; the organiser's marking remains for a phone that is wrong.
 * Without a point the check-in is taken and shown to the organiser as
 * "no location" (a phone without JavaScript or with location refused must
 * not shut out someone in the hall).  A VLE's day counts as on duty
 * (attendance_on_duty) in the same transaction. */
int training_checkin(struct arena *a, const struct actor *who, long id, const char *token, const struct trn_fix *fix,
		     struct outcome *out);
/* The organiser marks an invitee present (by log-in name, CSC ID or id). */
int training_mark(struct arena *a, const struct actor *who, long id, const char *person, struct outcome *out);
/* The organiser adds a photo (a JPEG, checked by upcheck): stored by its
 * digest with its EXIF DateTimeOriginal and whether that lies inside the
 * session.  422 (field "photo") when it is not a JPEG. */
int training_photo_add(struct arena *a, const struct actor *who, long id, const unsigned char *p, size_t n,
		       struct outcome *out);
/* A participant who attended gives feedback (the fixed questions of
 * training_feedback_fields: rating 1–5, comment) from the end of the
 * training to training_feedback_days after, once; the participation
 * certificate is issued with it.  409 training.feedback_closed, 409
 * training.feedback_given, 403 training.not_attended, 422 per field.
 * *cert gets the certificate number. */
int training_feedback(struct arena *a, const struct actor *who, long id, const struct jval *answers, const char **cert,
		      struct outcome *out);

/* For the planning screen: per type, the latest training at or under
 * path with feedback: type, id, title_en, title_hi, date, feedback
 * count, mean rating and mean of each item (content, trainer, hands_on,
 * venue; NULL when nobody answered it), and the comments of those who
 * rated it 2 or less (joined by " · ", up to 1000 characters).  A mean
 * below TRN_LOW_SCORE is a low-scoring item. */
#define TRN_LOW_SCORE 3.0
struct dbres *training_lessons(struct arena *a, const char *path);

/* What the two-per-month rule saw of one training. */
struct trn_count {
	bool countable, vles_invited, reported, long_enough, enough_people, enough_photos;
	long attendees, photos_in_session, minutes;
	bool counts;		/* all of them */
};
/* The rule for training id.  0, or -1 (no such training or DB failure). */
int training_counts(struct arena *a, long id, struct trn_count *c);

/* The compliance matrix: every DI and BI holding at or under path, and
 * for each of the months months ending with month (YYYY-MM) the number of
 * trainings that count.  rows: user id, name, role, place; counts[i *
 * months + k].  0 or -1. */
struct trn_matrix {
	struct dbres *people;	/* user id, name, role, place name */
	long *counts;		/* people->nrows * months */
	char (*months)[8];	/* the months, oldest first */
	int nmonths;
};
int training_matrix(struct arena *a, const char *path, const char *month, int months, struct trn_matrix *m);

/* The training report: trainings held (held, reported or closed) that
 * started in the months from..to (YYYY-MM, inclusive, at most 36) at or
 * under path, grouped by by: "place" (the places one level under path;
 * key "" for trainings at path itself), "type", "trainer" (the trainers as
 * written) or "topic" (the English title).  Rows: key, label (the place's
 * name; else the key), trainings, invited, present, participant-hours
 * (present × length, one decimal), attendance % (present of invited, or
 * NULL), feedback given, mean rating (one decimal, or NULL); by
 * participant-hours, most first.  *rows arena.  0, 400 (a bad month or
 * by) or 503. */
int training_report(struct arena *a, const char *path, const char *from, const char *to, const char *by, struct dbres **rows);

/* The jobs: the reminder on the 20th (fewer than training_per_month
 * scheduled in month) and the shortfall at month end (fewer counted in
 * month: the organiser and the supervisor), each SMS once per person,
 * kind and month.  Return the messages queued or -1. */
long training_remind(struct arena *a, const char *month, FILE *log);
long training_shortfall(struct arena *a, const char *month, FILE *log);

/* Reads for pages and the API. */
/* May u see training id (organiser, invitee, or an officer over its place)? */
bool training_visible(struct arena *a, const struct user *u, long id);
/* Does u oversee the place at path (an officer's holding over it; not a
 * department administrator's, whose reach is its department's records)? */
bool training_oversees(const struct user *u, const char *path);
/* Is u the organiser of id or a state administrator? */
bool training_is_organiser(struct arena *a, const struct user *u, long id);
/* One training: id, type, title_en, title_hi, organiser, organiser name,
 * location, place name, audience, venue, lat, lon, starts_at, ends_at,
 * trainers, materials, status, status_reason, report, invited, present,
 * feedback window open (0/1), ends_at + feedback days, QR check-ins
 * without a point. */
struct dbres *training_get(struct arena *a, long id);
/* Trainings u may see starting in [from, to): id, type, title_en,
 * title_hi, starts_at, ends_at, venue, status, day of month. */
struct dbres *training_list(struct arena *a, const struct user *u, const char *from, const char *to);
#endif
