/*
 * exam.h — the online exam of Digital Panchayat (PHASE2 §(c), after
 * Moodle's quiz): the question bank (versioned questions in categories:
 * single and multiple choice, true/false, numeric; Hindi and English;
 * marks and negative marks), exams (audience by role, window, time limit,
 * random N per category, shuffling, pass mark, attempts and waits, grading
 * by highest or last), attempts with a layout frozen at the start, grading,
 * the pass certificate (cert_issue_subject, signed by the PMU's key) and
 * the refresher mark after a failed last attempt.
 *
 * The deadline is the server's: an attempt's deadline_at is fixed when it
 * starts (the time limit, cut at the exam's close) and every save checks
 * it in the statement that writes, so no answer lands after it whatever
 * the client's clock says.  The candidate may submit until exam_grace_s
 * after it; `gramsewactl exam-close` finishes whatever is left (row locks,
 * SKIP LOCKED: safe twice at once).
 *
 * Answer saves are not audited one by one (an audit row locks the chain
 * head, and 200 candidates saving at once would queue on it): each save
 * keeps its server time in exam_answers, and the attempt's start and
 * finish are audited, the finish with a digest of every response.
 */
#ifndef GS_EXAM_H
#define GS_EXAM_H
#include "domain.h"
#include <stdio.h>

struct user;
struct dbres;

/* Who manages the question bank and exams and sees their reports. */
#define EXAM_ADMINS RB(ROLE_STATE_ADMIN)

/* What exam_import did. */
struct exam_import_res {
	long categories, questions, exams;	/* rows made or changed */
};
/* Loads a question bank and exam settings from JSON (docs/api.md
 * "Exams" has the format): categories by code, questions by key (a
 * changed question becomes its next version; an unchanged one is left),
 * exams by code (settings replaced; running attempts keep their layout).
 * A DI or BI (not the state admin) may send exams only (403
 * exam.bank_state_only otherwise), each for a place_id inside their
 * area, and replace only exams of their area (exams.N.place_id
 * exam.err.place_outside).
 * All or nothing, one transaction, audited.  422 with fields named like
 * "questions.3.answer" for what is wrong. */
int exam_import(struct arena *a, const struct actor *who, const char *json, size_t len, struct exam_import_res *res,
		struct outcome *out);

/* An attempt as started or found. */
struct exam_attempt_ref {
	long id;		/* exam_attempts.id */
	long attempt_no;	/* 1, 2, ... per person and exam */
	bool resumed;		/* an open attempt was found instead of starting one */
};
/* Starts an attempt of exam code for the acting person, or answers the
 * open one (resumed).  Refusals: 404 no such active exam; 403
 * exam.not_audience; 409 exam.not_open (outside the window),
 * exam.already_passed, exam.no_attempts (max reached), exam.wait (arg: the
 * time it may start), exam.no_questions; 422 (field venue_code) when the
 * exam has a venue code and venue is not it (not asked to resume). */
int exam_start(struct arena *a, const struct actor *who, const char *code, const char *venue, const char *user_agent,
	       struct exam_attempt_ref *res, struct outcome *out);

/* Saves the response to one slot of the acting person's attempt.
 * response is canonical: the question's option indices "0" or "0,2"
 * (whatever order they were shown in), "true"/"false", a number; "" clears
 * it.  404 for no such attempt or slot; 422 (field "response")
 * exam.err.response for a response that does not fit the question; 409
 * exam.deadline_passed after the deadline, exam.finished after the end;
 * with nav seq only the slot reached may be saved (409 exam.seq_back for
 * an earlier one, exam.seq_ahead for a later one) and saving it moves
 * the attempt on to the next. */
int exam_save(struct arena *a, const struct actor *who, const char *code, long attempt_no, long slot, const char *response,
	      struct outcome *out);

/* The outcome of a finished attempt. */
struct exam_result {
	const char *score, *max_score, *pct;	/* as stored (DECIMAL text) */
	bool passed;
	const char *certificate;		/* the pass certificate's number, or NULL */
	const char *verify_url;			/* its QR's URL, when just issued */
	bool refresher;				/* failed the last allowed attempt */
};
/* The acting person submits the attempt: graded, finished, and on a pass
 * the certificate issued, in one transaction with the audit row and the
 * result SMS.  Allowed until exam_grace_s after the deadline (answers
 * saved in time count); later 409 exam.closed_by_deadline (exam-close
 * finishes it).  409 exam.finished when it already is. */
int exam_submit(struct arena *a, const struct actor *who, const char *code, long attempt_no, struct exam_result *res,
		struct outcome *out);

/* The cron job: finishes every open attempt whose deadline plus
 * exam_grace_s has passed, each in its own transaction (graded,
 * certificate on a pass).  Prints one line per attempt to log.  Returns
 * the number finished, or -1 on a database failure. */
long exam_close(struct arena *a, FILE *log);

/* Per-person overrides (Moodle's user overrides): for each username in
 * users (separated by commas, spaces or new lines; 1..200 people) the
 * exam's time limit (time_limit_s), attempts (max_attempts) and close
 * (closes_at, "YYYY-MM-DD HH:MM" IST) become the given ones; 0 / NULL
 * leaves that setting as the exam has it.  Attempts started later honour
 * them (a running attempt keeps its deadline).  One transaction, one
 * audit row naming everybody.  422 on fields users (unknown username, arg
 * the name), time_limit_s, max_attempts, closes_at, reason; 404 no exam.
 * *n: people set. */
struct exam_override_in {
	const char *users;	/* usernames */
	long time_limit_s;	/* 0: the exam's */
	long max_attempts;	/* 0: the exam's */
	const char *closes_at;	/* NULL/"": the exam's */
	const char *reason;	/* why (required, audited) */
};
int exam_override_set(struct arena *a, const struct actor *who, const char *code, const struct exam_override_in *in, long *n,
		      struct outcome *out);
/* The overrides of an exam: username, name, time_limit_s, max_attempts,
 * closes_at, reason, set_at. */
struct dbres *exam_overrides_get(struct arena *a, const char *code);

/* A DI's reset of a person's attempts: the attempts used so far no longer
 * count against max_attempts (the next attempt is allowed again).  Once
 * per person and exam (409 exam.reset_done); the person must hold a role
 * of the exam's audience in the DI's district (403 exam.reset_outside);
 * 409 exam.already_passed, exam.reset_open (an attempt is running);
 * 422 field reason when empty; 404 no exam or person.  Audited. */
int exam_reset(struct arena *a, const struct actor *who, const char *code, const char *username, const char *reason,
	       struct outcome *out);

/* Reads for pages and the API (no writes). */
/* Exams the user may sit (audience), the user's overrides and reset
 * applied (close, time limit, attempts allowed), with the attempts count,
 * best/last grade and certificate: code, title_en, title_hi, opens_at,
 * closes_at, time_limit_s, pass_pct, max_attempts, open now (0/1),
 * attempts, open attempt no, grade pct, passed, certificate number,
 * audience, place path, venue code needed (0/1). */
struct dbres *exam_list_for(struct arena *a, const struct user *u);
/* One attempt of the user by exam code and number: id, state, attempt_no,
 * started_at, deadline_at, seconds left (negative after), score,
 * max_score, pct, passed, certificate number, refresher, exam title_en,
 * title_hi, pass_pct, nav, slots, the slot reached (nav seq), review
 * allowed now (1: finished, and the exam's review policy shows the
 * answers now); NULL/0 rows when none. */
struct dbres *exam_attempt_get(struct arena *a, long user_id, const char *code, long attempt_no);
/* Slot k of an attempt (layout order): question id, type, body_en,
 * body_hi, options JSON, response, the option order (JSON array). */
struct dbres *exam_slot_get(struct arena *a, long attempt_id, long slot);
/* A finished attempt's review, for when exam_attempt_get says it is
 * allowed: slot, type, body_en, body_hi, options JSON, response, the
 * right answer (canonical), mark, marks. */
struct dbres *exam_review(struct arena *a, long attempt_id);
/* Every slot of an attempt: slot, response, saved_at, mark. */
struct dbres *exam_slots(struct arena *a, long attempt_id);

/* Pass/fail of the people in the exam's audience whose holding is under
 * path ("/" everywhere), by role or by the child places of parent (0:
 * the districts): group (role code or location id), name, people, passed,
 * failed (every attempt failed, none open), in progress. */
struct dbres *exam_report_groups(struct arena *a, const char *code, bool by_role, long parent, const char *path);
/* Who of the audience under path has not passed (passing is mandatory):
 * username, name, roles, place, attempts, attempt open (0/1), reset given
 * (0/1); at most 1000 rows. */
struct dbres *exam_not_passed(struct arena *a, const char *code, const char *path);
/* Score distribution: bands[k] = people (under path) whose graded result
 * is in [10k, 10k + 10) percent (100 in the last band).  0 or -1. */
int exam_distribution(struct arena *a, const char *code, const char *path, long bands[10]);
/* Item analysis over first finished attempts: per question key and
 * version, attempts, facility % (mean mark / marks), discrimination %
 * (correlation of the item's mark with the rest of the test, Moodle's
 * discrimination index). */
struct exam_item {
	const char *qkey;	/* question key */
	long version;		/* its version */
	long n;			/* attempts that had it */
	double facility;	/* 0..100 */
	double discrimination;	/* -100..100; 0 when undefined */
};
/* items is an arena array; *n its length.  0 or -1. */
int exam_item_analysis(struct arena *a, const char *code, struct exam_item **items, size_t *n);
#endif
