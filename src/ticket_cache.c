/*
 * ticket_cache.c — per-worker copies of what every raise read from the
 * database and almost nothing changes (issue 15): the sub types of the
 * catalogue (kind, resolver role, SLA hours, SMS texts, extra fields) and
 * the working calendar of each district.  A copy is good while the
 * version of its table in cache_versions (sql/089, bumped by triggers on
 * every change) is the one it was read at; the versions are read once per
 * request that uses a copy (outside a request, at every use).
 */
#include "ticket.h"
#include "config.h"
#include "location.h"
#include "sla.h"
#include "log.h"

#include <stdlib.h>
#include <string.h>

/* ---- versions ---- */

static long long ver_types = -1, ver_holidays = -1;
static char checked_in[40];	/* the request the versions were last read in */

static struct arena types_mem;
static struct ticket_subtype *types;
static size_t ntypes;
static bool types_loaded;

/* The calendars of districts read so far, and which place ids are districts
 * (a place's type never changes, so that is kept for good). */
#define CAL_MAX 64
struct cal_entry {
	long district, day;	/* day: read on (holidays are read in a window around it) */
	struct calendar cal;
};
static struct arena cal_mem;
static struct cal_entry cals[CAL_MAX];
static size_t ncals;
#define KIND_MAX 4096
static struct {
	long id;
	bool district;
} kinds[KIND_MAX];
static size_t nkinds;

static void drop_types(void)
{
	if (types_loaded)
		arena_free(&types_mem);
	types = NULL;
	ntypes = 0;
	types_loaded = false;
}

static void drop_calendars(void)
{
	if (ncals)
		arena_free(&cal_mem);
	ncals = 0;
}

/* Reads the versions unless this request did; drops the copies of a table
 * whose version moved.  A failed read drops everything (nothing is kept
 * that cannot be checked). */
static void check(struct arena *a)
{
	const char *rid = log_request_id();
	if (rid[0] && str_eq(rid, checked_in))
		return;
	struct dbres *r = db_query(a, "SELECT name, version FROM cache_versions WHERE name IN ('ticket_types', 'holidays')", NULL);
	long long t = -1, h = -1;
	for (size_t i = 0; r && i < r->nrows; i++)
		*(str_eq(db_val(r, i, 0), "holidays") ? &h : &t) = db_int(r, i, 1);
	if (t < 0 || t != ver_types)
		drop_types();
	if (h < 0 || h != ver_holidays)
		drop_calendars();
	ver_types = t;
	ver_holidays = h;
	snprintf(checked_in, sizeof checked_in, "%s", r ? rid : "");
}

/* ---- sub types ---- */

static const char *keep(const struct dbres *r, size_t i, size_t col)
{
	const char *v = db_val(r, i, col);
	return v ? arena_strdup(&types_mem, v) : NULL;
}

static bool load_types(struct arena *a)
{
	struct dbres *r = db_query(a, "SELECT id, code, kind, resolver_role, default_priority, sla_p1, sla_p2, sla_p3, sla_p4, "
				      "IFNULL(department_id, 0), sms_raised_dlt, sms_resolved_dlt, sms_raised_en, sms_raised_hi, "
				      "sms_resolved_en, sms_resolved_hi, form_fields, active FROM ticket_types WHERE level = 'sub'", NULL);
	if (!r)
		return false;
	arena_init(&types_mem);
	types_loaded = true;
	types = arena_alloc(&types_mem, (r->nrows + 1) * sizeof *types);
	for (size_t i = 0; i < r->nrows; i++) {
		struct ticket_subtype *s = &types[i];
		s->id = (long)db_int(r, i, 0);
		s->code = keep(r, i, 1);
		s->kind = keep(r, i, 2);
		s->resolver_role = keep(r, i, 3);
		s->default_priority = (long)db_int(r, i, 4);
		for (int k = 0; k < 4; k++)
			s->sla[k] = (long)db_int(r, i, 5 + (size_t)k);
		s->department_id = (long)db_int(r, i, 9);
		s->raised_dlt = keep(r, i, 10);
		s->resolved_dlt = keep(r, i, 11);
		for (int k = 0; k < 4; k++)
			s->sms[k] = keep(r, i, 12 + (size_t)k);
		s->form_fields = keep(r, i, 16);
		s->active = db_int(r, i, 17) != 0;
	}
	ntypes = r->nrows;
	return true;
}

/* A copy of s in the arena: the cache may be dropped by a later request
 * (or, outside one, by the next use) while the caller still holds it. */
static const struct ticket_subtype *copy(struct arena *a, const struct ticket_subtype *s)
{
	struct ticket_subtype *c = arena_alloc(a, sizeof *c);
	*c = *s;
	const char **str[] = { &c->code, &c->kind, &c->resolver_role, &c->raised_dlt, &c->resolved_dlt, &c->sms[0], &c->sms[1],
			       &c->sms[2], &c->sms[3], &c->form_fields };
	for (size_t i = 0; i < ARRAY_LEN(str); i++)
		if (*str[i])
			*str[i] = arena_strdup(a, *str[i]);
	return c;
}

const struct ticket_subtype *ticket_subtype(struct arena *a, const char *code, long id)
{
	check(a);
	if (!types_loaded && !load_types(a))
		return NULL;
	for (size_t i = 0; i < ntypes; i++)
		if (code ? str_eq(types[i].code, code) : types[i].id == id)
			return copy(a, &types[i]);
	return NULL;
}

/* ---- working calendars ---- */

/* Whether place id is a district: from what is known, else NULL. */
static const bool *kind_of(long id)
{
	for (size_t i = 0; i < nkinds; i++)
		if (kinds[i].id == id)
			return &kinds[i].district;
	return NULL;
}

/* The district on a place's path (0: none), learning the types of its
 * places in one query when one is not known yet. */
static long district_of(struct arena *a, const char *path)
{
	long ids[LOC_MAX_DEPTH + 2];
	size_t n = loc_path_ids(path, ids, ARRAY_LEN(ids));
	bool known = true;
	for (size_t i = 0; i < n; i++) {
		const bool *d = kind_of(ids[i]);
		if (!d) {
			known = false;
			break;
		}
		if (*d)
			return ids[i];
	}
	if (known)
		return 0;
	struct loc *chain[LOC_MAX_DEPTH + 2];
	size_t m = loc_chain(a, path, chain, ARRAY_LEN(chain));
	long district = 0;
	for (size_t i = 0; i < m; i++) {
		if (chain[i]->type == LT_DISTRICT && !district)
			district = chain[i]->id;
		if (!kind_of(chain[i]->id) && nkinds < KIND_MAX) {
			kinds[nkinds].id = chain[i]->id;
			kinds[nkinds++].district = chain[i]->type == LT_DISTRICT;
		}
	}
	return district;
}

/* A copy of c in the arena (the copies may go before the caller is done). */
static void give(struct arena *a, const struct calendar *c, struct calendar *out)
{
	*out = *c;
	out->holidays = arena_alloc(a, (c->nholidays + 1) * sizeof *out->holidays);
	memcpy(out->holidays, c->holidays, c->nholidays * sizeof *out->holidays);
}

void ticket_calendar(struct arena *a, const char *path, struct calendar *cal)
{
	check(a);
	long district = district_of(a, path), today = sla_today();
	for (size_t i = 0; i < ncals; i++)
		if (cals[i].district == district && cals[i].day == today) {
			give(a, &cals[i].cal, cal);
			return;
		}
	if (ncals == CAL_MAX)
		drop_calendars();
	sla_calendar(a, cal, (unsigned)cfg.office_weekly_off, district);
	if (!cal->holidays)
		return;	/* not read: no copy */
	if (!ncals)
		arena_init(&cal_mem);
	cals[ncals] = (struct cal_entry){ .district = district, .day = today };
	give(&cal_mem, cal, &cals[ncals].cal);
	ncals++;
}
