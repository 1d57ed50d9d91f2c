/*
 * util.h — memory and string helpers shared by every module.
 *
 * xmalloc and friends abort on out-of-memory: the supervisor restarts the
 * worker, so no caller carries half-handled NULL checks.  An arena owns all
 * per-request allocations and is reset when the response has been sent.
 * sbuf is a growable byte buffer used for response bodies, JSON and SQL-free
 * text building.
 */
#ifndef GS_UTIL_H
#define GS_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include <time.h>

#define GS_PRINTF(a, b) __attribute__((format(printf, a, b)))
#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) GS_PRINTF(1, 2);

/* A bump allocator made of chunks; arena_reset keeps the first chunk. */
struct arena_chunk;
struct arena {
	struct arena_chunk *head;	/* newest chunk first */
	size_t total;			/* bytes handed out since the last reset */
};
void arena_init(struct arena *a);
void *arena_alloc(struct arena *a, size_t n);	/* zeroed, 16-byte aligned */
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_printf(struct arena *a, const char *fmt, ...) GS_PRINTF(2, 3);
char *arena_vprintf(struct arena *a, const char *fmt, va_list ap);
void arena_reset(struct arena *a);	/* frees all but the first chunk */
void arena_free(struct arena *a);

/* Growable buffer; data is always NUL-terminated. */
struct sbuf {
	char *data;	/* malloc'd, owned */
	size_t len;	/* bytes used, excluding the terminator */
	size_t cap;	/* bytes allocated */
};
void sbuf_init(struct sbuf *b);
void sbuf_add(struct sbuf *b, const void *p, size_t n);
void sbuf_adds(struct sbuf *b, const char *s);
void sbuf_addc(struct sbuf *b, char c);
void sbuf_printf(struct sbuf *b, const char *fmt, ...) GS_PRINTF(2, 3);
void sbuf_reset(struct sbuf *b);	/* keeps the allocation */
void sbuf_free(struct sbuf *b);
char *sbuf_detach(struct sbuf *b);	/* caller frees */

/* Strings */
bool str_eq(const char *a, const char *b);		/* NULL-safe */
bool str_starts(const char *s, const char *prefix);
bool str_ends_with(const char *s, const char *suffix);
bool str_empty(const char *s);				/* NULL or "" */
bool utf8_valid(const char *s, size_t n);		/* strict, no NUL, no overlongs */
size_t utf8_chars(const char *s);			/* code points in a valid string */
char *str_trim(char *s);				/* in place */
bool str_digits(const char *s, size_t min, size_t max);	/* only ASCII digits, length in range */
/* tpl with every {key} of keys[i] replaced by vals[i] (NULL: ""), percent-
 * encoded when url (all but letters, digits and - . _ ~, as libcurl does):
 * SMS texts and the SMS gateway's URL.  Arena memory. */
char *str_fill(struct arena *a, const char *tpl, const char *const *keys, const char *const *vals, size_t n, bool url);
bool parse_long(const char *s, long min, long max, long *out);
bool parse_date(const char *s, int *y, int *m, int *d);	/* YYYY-MM-DD, calendar-checked */
/* "10:00-18:00": seconds after midnight of the start and the end (end after
 * start, at most 24:00).  False when malformed. */
bool parse_hours_range(const char *s, int *from_s, int *to_s);

/* Encoding */
char *hex_encode(struct arena *a, const unsigned char *p, size_t n);
char *b64url_encode(struct arena *a, const unsigned char *p, size_t n);
/* Returns decoded length or -1 on malformed input; out must hold n*3/4+3. */
long b64url_decode(const char *s, size_t n, unsigned char *out, size_t outcap);
char *b64_encode(struct arena *a, const unsigned char *p, size_t n);
long b64_decode(const char *s, size_t n, unsigned char *out, size_t outcap);

/* Time.  India has one time zone, IST (UTC+05:30, no daylight saving), and
 * every date the product shows, stores or counts by is an IST date: "today"
 * is ist_day(now_secs()) in C and CURDATE() in SQL, which agree because
 * db.c puts each session in +05:30 and, under the test clock, on the same
 * instant.  The test clock: GS_FAKE_NOW="T[@A]" (unix seconds) makes the
 * clock read T at real time A (default: the first reading in this process)
 * and run on from there; never set in production. */
#define IST_OFFSET (5 * 3600 + 30 * 60)
time_t now_secs(void);
long long now_usecs(void);	/* the same clock in microseconds */
bool clock_faked(void);		/* GS_FAKE_NOW is in force */
double now_mono(void);		/* monotonic seconds, for measuring */
void ist_tm(time_t t, struct tm *tm);		/* t as IST wall time */
long ist_day(time_t t);				/* t's IST date as days since 1970-01-01 */
const char *ist_today(struct arena *a);		/* today's IST date, YYYY-MM-DD */
void fmt_iso_time(char out[32], time_t t);	/* 2026-11-22T10:15:00+05:30 (IST) */
void fmt_sql_time(char out[20], time_t t);	/* 2026-11-22 10:15:00 (IST wall) */
/* A stored IST wall time ("2026-11-22 10:15[:00[.000000]]") as ISO 8601 with
 * +05:30; anything else (NULL, a plain date) is returned unchanged. */
const char *sql_time_iso(struct arena *a, const char *s);
/* Dates and times as people read them: a stored "2027-01-08" or
 * "2027-01-08 10:15[:00[.000000]]" as "8 January 2027" / "8 जनवरी 2027",
 * with ", 10:15" when there is a time (to the minute).  NULL or anything
 * that is not a date is returned unchanged. */
const char *date_long(struct arena *a, const char *stored, const char *lang);
/* A date typed in three boxes (GOV.UK's date input: Day, Month, Year; any
 * may be NULL): "" when all are blank, YYYY-MM-DD when they make one (1-2
 * digits, 1-2, 4), else the parts as typed joined "year-month-day", which
 * no date check accepts.  Arena string. */
const char *date_join(struct arena *a, const char *day, const char *month, const char *year);
/* A date and time typed or sent as "YYYY-MM-DD HH:MM[:SS]" or ISO 8601
 * with +05:30 (IST) in the stored form "YYYY-MM-DD HH:MM:SS", or NULL when
 * it is not one.  Arena string. */
const char *ist_datetime_in(struct arena *a, const char *s);
/* The month's name, 1..12, or NULL. */
const char *month_name(int month, const char *lang);

#endif
