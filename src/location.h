/*
 * location.h — the Local Government Directory tree: one table, a
 * materialised path per node (/1/4/37/) so descendants are an index range
 * and ancestors are the ids in the path.  Import from CSV, a synthetic
 * full-size state for scale tests, and the lookups pages need.
 */
#ifndef GS_LOCATION_H
#define GS_LOCATION_H
#include "util.h"
#include "db.h"
#include "domain.h"
#include <stdio.h>

enum loc_type {
	LT_STATE, LT_DIVISION, LT_DISTRICT, LT_SUBDIVISION, LT_BLOCK, LT_PANCHAYAT, LT_VILLAGE, LT_ULB, LT_WARD,
	LT_COUNT
};
/* locations.depth (0 = the state) never exceeds this: one level per type */
#define LOC_MAX_DEPTH (LT_COUNT - 1)

struct loc {
	long id;		/* locations.id */
	long parent_id;		/* 0 for the state */
	enum loc_type type;	/* level */
	const char *code;	/* LGD code or NULL */
	const char *name_en;	/* English name */
	const char *name_hi;	/* Hindi name or NULL */
	const char *path;	/* /1/4/37/ */
	bool active;		/* false when deactivated */
};

const char *loc_type_code(enum loc_type t);	/* "district" */
int loc_type_from(const char *s);		/* -1 if unknown */
/* May a node of type child sit directly under a node of type parent? */
bool loc_parent_ok(enum loc_type child, enum loc_type parent);

/* One node, or NULL.  Arena memory. */
struct loc *loc_get(struct arena *a, long id);
/* Ancestor ids from a path, root first (self included); returns count. */
size_t loc_path_ids(const char *path, long *ids, size_t max);
#define LOC_DEPTH_MAX 12	/* levels loc_chain reads; a state's tree has 7 */
/* The places on path (a loc's path), root first, self included, in one
 * query (a page that names a place with its district and block asks for
 * all of them); returns how many went into out (at most max and
 * LOC_DEPTH_MAX).  Arena memory. */
size_t loc_chain(struct arena *a, const char *path, struct loc **out, size_t max);
/* Name in the request's language (Hindi falls back to English). */
const char *loc_name(const struct loc *l, const char *lang);

/* Creates a node under parent (0 = root state) and sets its path.  Returns
 * the id, or 0 with a message in err.  Call inside a transaction. */
long loc_create(struct arena *a, long parent_id, enum loc_type type, const char *code, const char *name_en,
		const char *name_hi, const char *lat, const char *lon, char *err, size_t errlen);

/* ---- changes from the location pages (page_loc.c), each audited ---- */

/* Activates or deactivates location id (its history stays).  Returns 0,
 * 404 or 503. */
int loc_set_active(struct arena *a, const struct actor *who, long id, bool on, struct outcome *out);
/* Renames location id (English, Hindi) and sets its LGD code; the audit
 * row keeps the values before and after.  Returns 0, 404, 422 (the
 * problems at name_en, name_hi, code) or 503. */
int loc_rename(struct arena *a, const struct actor *who, long id, const char *name_en, const char *name_hi,
	       const char *code, struct outcome *out);
/* Adds a location of type under parent (loc_create's rules).  Returns 0
 * with the new id in *id; 422 (a length at its input, or what loc_create
 * refuses at "child"); or 503. */
int loc_add(struct arena *a, const struct actor *who, long parent, enum loc_type type, const char *code,
	    const char *name_en, const char *name_hi, long *id, struct outcome *out);

/* Import statistics */
struct import_stats {
	long rows;		/* data rows read */
	long created;		/* nodes created */
	long updated;		/* nodes whose names/codes changed */
	long unchanged;		/* nodes already as described */
	long rejected;		/* rows refused */
};

/* Imports CSV text (hierarchical-columns or flat-LGD format, chosen by the
 * header; see docs/lgd-import.md).  Every rejected row is reported on
 * `report` with its line number.  Unless skip_bad, any rejected row means
 * nothing is written; with dry_run nothing is ever written.  Returns 0 on
 * success (including skip_bad with rejects), 1 when rows were rejected and
 * nothing written, -1 on a database error. */
int loc_import(const char *csv, size_t len, bool skip_bad, bool dry_run, FILE *report, struct import_stats *st);

/* Builds a synthetic state (with offices at every level). */
struct gen_spec {
	long districts, blocks, panchayats, villages;	/* counts */
	const char *name;				/* state name */
};
int loc_generate(const struct gen_spec *g, FILE *report);
/* Creates one office of each level that fits each location under root
 * (panchayat at panchayats, circle and block at blocks, subdivision,
 * district, hq at the state), skipping those that exist.  Returns count
 * created or -1. */
long office_seed_all(long root_id);
#endif
