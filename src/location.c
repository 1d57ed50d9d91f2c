/*
 * location.c — the location tree: create, look up, import, generate.
 */
#include "location.h"
#include "audit.h"
#include "csv.h"
#include "json.h"
#include "lengths.h"
#include "log.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const type_codes[LT_COUNT] = {
	"state", "division", "district", "subdivision", "block", "panchayat", "village", "ulb", "ward",
};
/* Hindi level names, for generated and office names */
static const char *const type_hi[LT_COUNT] = {
	"राज्य", "प्रमंडल", "जिला", "अनुमंडल", "प्रखंड", "पंचायत", "गाँव", "नगर निकाय", "वार्ड",
};
/* Order in which a flat import creates levels (parents always earlier). */
static const int type_rank[LT_COUNT] = { 0, 1, 2, 3, 5, 7, 8, 4, 6 };

const char *loc_type_code(enum loc_type t)
{
	return (unsigned)t < LT_COUNT ? type_codes[t] : "?";
}

int loc_type_from(const char *s)
{
	for (int i = 0; i < LT_COUNT; i++)
		if (str_eq(type_codes[i], s))
			return i;
	return -1;
}

bool loc_parent_ok(enum loc_type c, enum loc_type p)
{
	switch (c) {
	case LT_STATE: return false;
	case LT_DIVISION: return p == LT_STATE;
	case LT_DISTRICT: return p == LT_DIVISION || p == LT_STATE;
	case LT_SUBDIVISION: return p == LT_DISTRICT;
	case LT_BLOCK: return p == LT_SUBDIVISION || p == LT_DISTRICT;
	case LT_PANCHAYAT: return p == LT_BLOCK;
	case LT_VILLAGE: return p == LT_PANCHAYAT;
	case LT_ULB: return p == LT_DISTRICT || p == LT_SUBDIVISION;
	case LT_WARD: return p == LT_ULB;
	default: return false;
	}
}

static struct loc *loc_from_row(struct arena *a, struct dbres *r, size_t i)
{
	struct loc *l = arena_alloc(a, sizeof *l);
	l->id = (long)db_int(r, i, 0);
	l->parent_id = (long)db_int(r, i, 1);
	l->type = (enum loc_type)loc_type_from(db_val(r, i, 2));
	l->code = db_val(r, i, 3);
	l->name_en = db_val(r, i, 4);
	l->name_hi = db_val(r, i, 5);
	l->path = db_val(r, i, 6);
	l->active = db_int(r, i, 7) != 0;
	return l;
}

#define LOC_COLS "id, IFNULL(parent_id, 0), type, lgd_code, name_en, name_hi, path, active"

struct loc *loc_get(struct arena *a, long id)
{
	struct dbres *r = db_query(a, "SELECT " LOC_COLS " FROM locations WHERE id = ?", "i", (long long)id);
	return r && r->nrows == 1 ? loc_from_row(a, r, 0) : NULL;
}

size_t loc_chain(struct arena *a, const char *path, struct loc **out, size_t max)
{
	long ids[LOC_DEPTH_MAX] = { 0 };
	size_t n = loc_path_ids(path, ids, LOC_DEPTH_MAX), k = 0;
	/* one query for the whole path (ids past its end stay 0, no place);
	 * a path's prefix is its ancestor's path, so the shorter comes first */
	struct dbres *r = db_query(a, "SELECT " LOC_COLS " FROM locations WHERE id IN (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
				      "ORDER BY LENGTH(path)", "iiiiiiiiiiii", (long long)ids[0], (long long)ids[1],
				   (long long)ids[2], (long long)ids[3], (long long)ids[4], (long long)ids[5], (long long)ids[6],
				   (long long)ids[7], (long long)ids[8], (long long)ids[9], (long long)ids[10], (long long)ids[11]);
	for (size_t i = 0; n && r && i < r->nrows && k < max; i++)
		out[k++] = loc_from_row(a, r, i);
	return k;
}

size_t loc_path_ids(const char *path, long *ids, size_t max)
{
	size_t n = 0;
	const char *p = path;
	while (p && *p && n < max) {
		while (*p == '/')
			p++;
		if (!*p)
			break;
		ids[n++] = strtol(p, (char **)&p, 10);
	}
	return n;
}

const char *loc_name(const struct loc *l, const char *lang)
{
	return str_eq(lang, "hi") && !str_empty(l->name_hi) ? l->name_hi : l->name_en;
}

/* Checks a name: 1..150 characters, no control characters. */
static bool name_ok(const char *s)
{
	if (str_empty(s) || utf8_chars(s) > 150)
		return false;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			return false;
	return true;
}

static bool code_ok(const char *s)
{
	if (str_empty(s))
		return true;
	if (strlen(s) > 20)
		return false;
	for (const char *p = s; *p; p++)
		if (!isalnum((unsigned char)*p) && *p != '-')
			return false;
	return true;
}

static bool coord_ok(const char *s, double lim)
{
	if (str_empty(s))
		return true;
	char *end;
	double v = strtod(s, &end);
	return *end == '\0' && v >= -lim && v <= lim && strlen(s) < 16;
}

long loc_create(struct arena *a, long parent_id, enum loc_type type, const char *code, const char *name_en,
		const char *name_hi, const char *lat, const char *lon, char *err, size_t errlen)
{
	struct loc *p = NULL;
	if (!name_ok(name_en) || (!str_empty(name_hi) && !name_ok(name_hi))) {
		snprintf(err, errlen, "a name must be 1 to 150 characters without control characters");
		return 0;
	}
	if (!code_ok(code)) {
		snprintf(err, errlen, "an LGD code is up to 20 letters, digits or '-'");
		return 0;
	}
	if (!coord_ok(lat, 90) || !coord_ok(lon, 180)) {
		snprintf(err, errlen, "latitude/longitude out of range");
		return 0;
	}
	if (parent_id) {
		p = loc_get(a, parent_id);
		if (!p) {
			snprintf(err, errlen, "parent location %ld does not exist", parent_id);
			return 0;
		}
		if (!loc_parent_ok(type, p->type)) {
			snprintf(err, errlen, "a %s cannot sit under a %s", loc_type_code(type), loc_type_code(p->type));
			return 0;
		}
	} else if (type != LT_STATE) {
		snprintf(err, errlen, "only a state can be a root");
		return 0;
	}
	if (db_exec("INSERT INTO locations (parent_id, type, lgd_code, name_en, name_hi, path, depth, lat, lon) "
		    "VALUES (NULLIF(?, 0), ?, NULLIF(?, ''), ?, NULLIF(?, ''), '', 0, NULLIF(?, ''), NULLIF(?, ''))",
		    "issssss", (long long)parent_id, loc_type_code(type), code ? code : "", name_en,
		    name_hi ? name_hi : "", lat ? lat : "", lon ? lon : "") != 1) {
		snprintf(err, errlen, db_err_dup() ? "a %s with this name or code already exists there"
						   : "database error", loc_type_code(type));
		return 0;
	}
	long id = (long)db_last_id();
	char *path = arena_printf(a, "%s%ld/", p ? p->path : "/", id);
	int depth = 0;
	for (const char *s = path + 1; *s; s++)
		depth += *s == '/';
	if (db_exec("UPDATE locations SET path = ?, depth = ? WHERE id = ?", "sii", path, (long long)(depth - 1),
		    (long long)id) != 1) {
		snprintf(err, errlen, "database error");
		return 0;
	}
	return id;
}

/* ---- changes from the location pages ---- */

/* A change to one location and where its outcome goes (db_txn's context). */
struct change_ctx {
	struct arena *a;		/* the caller's arena */
	const struct actor *who;	/* who changes it */
	struct outcome *out;		/* problems and refusals */
	long id;			/* the location (for loc_add: the parent, then the new one) */
	bool on;			/* loc_set_active: activate */
	enum loc_type type;		/* loc_add: the new location's type */
	const char *en, *hi, *code;	/* names and LGD code as typed */
};

/* The audit row of a change to location c->id (by a state admin: only they
 * reach the location pages). */
static int change_audit(struct change_ctx *c, const char *action, const char *detail)
{
	struct audit_entry e = { .action = action, .entity = "location", .entity_id = arena_printf(c->a, "%ld", c->id),
				 .role = "state_admin", .detail = detail };
	return audit_write(c->who, &e) == 0 ? 0 : -1;
}

static int active_txn(void *p)
{
	struct change_ctx *c = p;
	long long n = db_exec("UPDATE locations SET active = ? WHERE id = ?", "ii", (long long)c->on, (long long)c->id);
	if (n < 0)
		return -1;
	if (n == 0) {
		out_fail(c->out, 404, NULL);
		return 1;
	}
	return change_audit(c, c->on ? "location.activate" : "location.deactivate", NULL);
}

int loc_set_active(struct arena *a, const struct actor *who, long id, bool on, struct outcome *out)
{
	struct change_ctx c = { .a = a, .who = who, .out = out, .id = id, .on = on };
	return out_txn(out, active_txn, &c);
}

/* key: {"name_en", "name_hi", "code"} */
static void names_json(struct jw *w, const char *key, const char *en, const char *hi, const char *code)
{
	jw_key(w, key);
	jw_obj(w);
	jw_kstr(w, "name_en", en);
	jw_kstr(w, "name_hi", hi);
	jw_kstr(w, "code", code);
	jw_obj_end(w);
}

/* {"before": {...}, "after": {...}} of a rename, for the audit row (arena). */
static const char *rename_detail(struct arena *a, const struct loc *l, const struct change_ctx *c)
{
	struct sbuf b;
	struct jw w;
	sbuf_init(&b);
	jw_init(&w, &b);
	jw_obj(&w);
	names_json(&w, "before", l->name_en, l->name_hi, l->code);
	names_json(&w, "after", c->en, c->hi, c->code);
	jw_obj_end(&w);
	const char *detail = arena_strdup(a, b.data);
	sbuf_free(&b);
	return detail;
}

static int rename_txn(void *p)
{
	struct change_ctx *c = p;
	struct loc *l = loc_get(c->a, c->id);
	if (!l) {
		out_fail(c->out, 404, NULL);
		return 1;
	}
	if (db_exec("UPDATE locations SET name_en = ?, name_hi = NULLIF(?, ''), lgd_code = NULLIF(?, '') WHERE id = ?",
		    "sssi", c->en, c->hi ? c->hi : "", c->code ? c->code : "", (long long)c->id) < 0) {
		if (!db_err_dup())
			return -1;
		out_field(c->out, "name_en", "loc.duplicate", NULL);
		return 1;
	}
	return change_audit(c, "location.rename", rename_detail(c->a, l, c));
}

int loc_rename(struct arena *a, const struct actor *who, long id, const char *name_en, const char *name_hi,
	       const char *code, struct outcome *out)
{
	if (str_empty(name_en) || utf8_chars(name_en) > LIM_LOC_NAME)
		out_field(out, "name_en", "loc.name_bad", NULL);
	if (name_hi && utf8_chars(name_hi) > LIM_LOC_NAME)
		out_field(out, "name_hi", "loc.name_bad", NULL);
	if (!str_empty(code) && !code_ok(code))
		out_field(out, "code", "loc.code_bad", NULL);
	if (out->nerrs)
		return out->status;
	struct change_ctx c = { .a = a, .who = who, .out = out, .id = id, .en = name_en, .hi = name_hi, .code = code };
	return out_txn(out, rename_txn, &c);
}

static int add_txn(void *p)
{
	struct change_ctx *c = p;
	char err[200] = "";
	long id = loc_create(c->a, c->id, c->type, c->code, c->en, c->hi, NULL, NULL, err, sizeof err);
	if (!id) {
		/* loc_create's own words, as the import reports them */
		out_field(c->out, "child", "loc.refused", arena_strdup(c->a, err));
		return 1;
	}
	c->id = id;
	return change_audit(c, "location.create", NULL);
}

int loc_add(struct arena *a, const struct actor *who, long parent, enum loc_type type, const char *code,
	    const char *name_en, const char *name_hi, long *id, struct outcome *out)
{
	/* lengths at their inputs (all three reported); loc_create says what
	 * else is wrong */
	out_max_len(out, "name_en", name_en, LIM_LOC_NAME);
	out_max_len(out, "name_hi", name_hi, LIM_LOC_NAME);
	out_max_len(out, "code", code, LIM_LGD_CODE);
	if (out->nerrs)
		return out->status;
	struct change_ctx c = { .a = a, .who = who, .out = out, .id = parent, .type = type, .en = name_en, .hi = name_hi,
				.code = code };
	int st = out_txn(out, add_txn, &c);
	if (!st)
		*id = c.id;
	return st;
}

/* ---- import ---- */

struct imp {
	struct arena *a;		/* per-row scratch */
	FILE *report;			/* where rejected rows are described */
	struct import_stats *st;	/* counters */
	char err[256];			/* reason for the current row */
};

/* Finds or creates the node (parent, type, code?, name); updates name_hi,
 * code and coordinates when given and different.  Returns id or 0 (err). */
static long upsert(struct imp *im, long parent, enum loc_type t, const char *name, const char *hi,
		   const char *code, const char *lat, const char *lon)
{
	struct dbres *r = NULL;
	if (!str_empty(code)) {
		r = db_query(im->a, "SELECT " LOC_COLS " FROM locations WHERE type = ? AND lgd_code = ?", "ss",
			     loc_type_code(t), code);
		if (r && r->nrows == 1 && db_int(r, 0, 1) != parent) {
			snprintf(im->err, sizeof im->err, "LGD code %s already belongs to %s '%s' under another parent",
				 code, loc_type_code(t), db_val(r, 0, 4));
			return 0;
		}
	}
	if (!r || r->nrows == 0)
		r = db_query(im->a, "SELECT " LOC_COLS " FROM locations WHERE parent_id <=> NULLIF(?, 0) AND type = ? "
				    "AND name_en = ?", "iss", (long long)parent, loc_type_code(t), name);
	if (r && r->nrows == 0 && parent) {
		/* LGD files skip levels (a village file names no sub-division):
		 * accept a unique node of this type and name deeper under parent */
		struct loc *p = loc_get(im->a, parent);
		struct dbres *d = p ? db_query(im->a, "SELECT " LOC_COLS " FROM locations WHERE type = ? AND name_en = ? "
						      "AND path LIKE CONCAT(?, '%') LIMIT 2", "sss", loc_type_code(t), name, p->path)
				    : NULL;
		if (d && d->nrows == 1 && (str_empty(code) || str_eq(db_val(d, 0, 3), code)))
			r = d;
	}
	if (!r) {
		snprintf(im->err, sizeof im->err, "database error");
		return 0;
	}
	if (r->nrows == 0) {
		long id = loc_create(im->a, parent, t, code, name, hi, lat, lon, im->err, sizeof im->err);
		if (id)
			im->st->created++;
		return id;
	}
	struct loc *l = loc_from_row(im->a, r, 0);
	if (!str_empty(code) && !str_empty(l->code) && !str_eq(code, l->code)) {
		snprintf(im->err, sizeof im->err, "%s '%s' exists with LGD code %s, not %s", loc_type_code(t), name,
			 l->code, code);
		return 0;
	}
	bool change = (!str_empty(code) && str_empty(l->code)) || (!str_empty(hi) && !str_eq(hi, l->name_hi)) ||
		      (!str_empty(code) && !str_eq(name, l->name_en)) || !str_empty(lat) || !str_empty(lon);
	if (change) {
		if ((!str_empty(hi) && !name_ok(hi)) || !coord_ok(lat, 90) || !coord_ok(lon, 180)) {
			snprintf(im->err, sizeof im->err, "bad Hindi name or coordinates");
			return 0;
		}
		long long n = db_exec("UPDATE locations SET lgd_code = IFNULL(NULLIF(?, ''), lgd_code), "
				      "name_hi = IFNULL(NULLIF(?, ''), name_hi), name_en = ?, "
				      "lat = IFNULL(NULLIF(?, ''), lat), lon = IFNULL(NULLIF(?, ''), lon) WHERE id = ?",
				      "sssssi", code ? code : "", hi ? hi : "", name, lat ? lat : "", lon ? lon : "",
				      (long long)l->id);
		if (n < 0) {
			snprintf(im->err, sizeof im->err, "database error");
			return 0;
		}
		if (n > 0)
			im->st->updated++;
		else
			im->st->unchanged++;
	} else {
		im->st->unchanged++;
	}
	return l->id;
}

/* Column layout of a hierarchical file. */
struct hcols {
	int name[LT_COUNT], hi[LT_COUNT], code[LT_COUNT];	/* column index or -1 */
	int lat, lon;						/* column index or -1 */
	int levels[LT_COUNT];					/* present levels, top first */
	int nlevels;
};

static int col_of(char **hdr, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (str_eq(hdr[i], name))
			return (int)i;
	return -1;
}

static const char *cell(char **row, int col)
{
	return col >= 0 ? row[col] : NULL;
}

/* Resolves the first level of a row that names no ancestors. */
static long resolve_top(struct imp *im, enum loc_type t, const char *name, const char *code)
{
	struct dbres *r = !str_empty(code)
		? db_query(im->a, "SELECT id FROM locations WHERE type = ? AND lgd_code = ?", "ss", loc_type_code(t), code)
		: db_query(im->a, "SELECT id FROM locations WHERE type = ? AND name_en = ? LIMIT 2", "ss",
			   loc_type_code(t), name);
	if (!r) {
		snprintf(im->err, sizeof im->err, "database error");
		return -1;
	}
	if (r->nrows == 1)
		return (long)db_int(r, 0, 0);
	if (r->nrows > 1) {
		snprintf(im->err, sizeof im->err, "more than one %s is named '%s'; add its code or parent column",
			 loc_type_code(t), name);
		return -1;
	}
	return 0;
}

static int import_hier_row(struct imp *im, const struct hcols *h, char **row)
{
	long parent = 0;
	int deepest = -1;
	for (int k = 0; k < h->nlevels; k++)
		if (!str_empty(row[h->name[h->levels[k]]]))
			deepest = k;
	if (deepest < 0) {
		snprintf(im->err, sizeof im->err, "no location named in this row");
		return -1;
	}
	for (int k = 0; k <= deepest; k++) {
		enum loc_type t = (enum loc_type)h->levels[k];
		const char *name = row[h->name[t]], *hi = cell(row, h->hi[t]), *code = cell(row, h->code[t]);
		const char *lat = k == deepest ? cell(row, h->lat) : NULL, *lon = k == deepest ? cell(row, h->lon) : NULL;
		if (str_empty(name)) {
			snprintf(im->err, sizeof im->err, "%s is empty but a lower level is given", loc_type_code(t));
			return -1;
		}
		if (k == 0 && t != LT_STATE) {
			long id = resolve_top(im, t, name, code);
			if (id < 0)
				return -1;
			if (id == 0) {
				/* not there yet: it may sit directly under the (single) state,
				 * unless that state already has the levels between (divisions) */
				struct dbres *s = db_query(im->a, "SELECT id FROM locations WHERE type = 'state' AND active = 1 LIMIT 2", NULL);
				const char *between = s && s->nrows == 1 && t == LT_DISTRICT
					? db_scalar(im->a, "SELECT id FROM locations WHERE parent_id = ? AND type = 'division' LIMIT 1", "s",
						    db_val(s, 0, 0)) : NULL;
				if (!s || s->nrows != 1 || !loc_parent_ok(t, LT_STATE) || between) {
					snprintf(im->err, sizeof im->err, "unknown %s '%s'", loc_type_code(t), name);
					return -1;
				}
				parent = (long)db_int(s, 0, 0);
			} else {
				parent = upsert(im, (long)db_int(db_query(im->a, "SELECT IFNULL(parent_id, 0) FROM locations WHERE id = ?",
									   "i", (long long)id), 0, 0), t, name, hi, code, lat, lon);
				if (!parent)
					return -1;
				continue;
			}
		}
		parent = upsert(im, parent, t, name, hi, code, lat, lon);
		if (!parent)
			return -1;
	}
	return 0;
}

struct flat_row {
	int line;		/* line number in the file */
	enum loc_type type;	/* level */
	char **f;		/* fields */
	bool rejected;		/* refused (parents of later rows check this) */
};

static int cmp_rank(const void *a, const void *b)
{
	const struct flat_row *x = a, *y = b;
	int d = type_rank[x->type] - type_rank[y->type];
	return d ? d : x->line - y->line;
}

/* Row transaction: a savepoint so a failed row leaves nothing behind. */
static int row_begin(void) { return db_exec("SAVEPOINT gs_row", NULL) < 0 ? -1 : 0; }
static void row_undo(void) { db_exec("ROLLBACK TO SAVEPOINT gs_row", NULL); }

static void reject(struct imp *im, int line, const char *why)
{
	im->st->rejected++;
	fprintf(im->report, "line %d: rejected: %s\n", line, why);
}

static int import_flat(struct imp *im, struct csv *c, char **hdr, size_t nh)
{
	static const char *const need[] = { "type", "lgd_code", "name_en", "name_hi", "parent_type", "parent_lgd_code" };
	int col[6];
	for (int i = 0; i < 6; i++)
		if ((col[i] = col_of(hdr, nh, need[i])) < 0) {
			fprintf(im->report, "line 1: missing column '%s'\n", need[i]);
			return -1;
		}
	int clat = col_of(hdr, nh, "lat"), clon = col_of(hdr, nh, "lon");
	struct arena rows;
	arena_init(&rows);
	struct flat_row *v = NULL;
	size_t n = 0;
	char **f;
	size_t nf;
	int rc;
	while ((rc = csv_next(c, &rows, &f, &nf)) != 0) {
		im->st->rows++;
		if (rc < 0) {
			reject(im, c->rec_line, c->err);
			continue;
		}
		if (nf != nh) {
			reject(im, c->rec_line, arena_printf(im->a, "%zu fields, the header has %zu", nf, nh));
			continue;
		}
		int t = loc_type_from(f[col[0]]);
		if (t < 0) {
			reject(im, c->rec_line, arena_printf(im->a, "unknown type '%s'", f[col[0]]));
			continue;
		}
		if (str_empty(f[col[1]])) {
			reject(im, c->rec_line, "lgd_code is empty");
			continue;
		}
		v = xrealloc(v, (n + 1) * sizeof *v);
		v[n] = (struct flat_row){ .line = c->rec_line, .type = (enum loc_type)t, .f = f };
		n++;
	}
	/* duplicate codes inside the file */
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < i; j++)
			if (!v[j].rejected && v[i].type == v[j].type && str_eq(v[i].f[col[1]], v[j].f[col[1]])) {
				reject(im, v[i].line, arena_printf(im->a, "duplicate LGD code %s (also on line %d)",
								   v[i].f[col[1]], v[j].line));
				v[i].rejected = true;
				break;
			}
	qsort(v, n, sizeof *v, cmp_rank);
	for (size_t i = 0; i < n; i++) {
		struct flat_row *x = &v[i];
		if (x->rejected)
			continue;
		const char *code = x->f[col[1]], *ptype = x->f[col[4]], *pcode = x->f[col[5]];
		long parent = 0;
		im->err[0] = '\0';
		if (x->type != LT_STATE || !str_empty(pcode)) {
			int pt = loc_type_from(ptype);
			if (pt < 0) {
				snprintf(im->err, sizeof im->err, "unknown parent type '%s'", ptype);
			} else if (pt == (int)x->type && str_eq(pcode, code)) {
				snprintf(im->err, sizeof im->err, "location %s is its own parent (cycle)", code);
			} else if (!loc_parent_ok(x->type, (enum loc_type)pt)) {
				snprintf(im->err, sizeof im->err, "a %s cannot sit under a %s (wrong parent type)",
					 loc_type_code(x->type), ptype);
			} else {
				const char *pid = db_scalar(im->a, "SELECT id FROM locations WHERE type = ? AND lgd_code = ?",
							    "ss", ptype, pcode);
				if (pid) {
					parent = strtol(pid, NULL, 10);
				} else {
					int pl = 0;
					for (size_t j = 0; j < n; j++)
						if (v[j].rejected && (int)v[j].type == pt && str_eq(v[j].f[col[1]], pcode))
							pl = v[j].line;
					if (pl)
						snprintf(im->err, sizeof im->err, "its parent (line %d) was rejected", pl);
					else
						snprintf(im->err, sizeof im->err, "unknown parent %s %s (orphan)", ptype, pcode);
				}
			}
		}
		if (!im->err[0] && row_begin() == 0) {
			if (!upsert(im, parent, x->type, x->f[col[2]], x->f[col[3]], code, cell(x->f, clat), cell(x->f, clon)))
				row_undo();
		}
		if (im->err[0]) {
			x->rejected = true;
			reject(im, x->line, im->err);
		}
		arena_reset(im->a);
	}
	free(v);
	arena_free(&rows);
	return 0;
}

static int import_hier(struct imp *im, struct csv *c, char **hdr, size_t nh)
{
	struct hcols h;
	memset(&h, -1, sizeof h);
	h.nlevels = 0;
	for (size_t i = 0; i < nh; i++) {
		const char *name = hdr[i];
		bool known = false;
		for (int t = 0; t < LT_COUNT; t++) {
			const char *tc = type_codes[t];
			size_t l = strlen(tc);
			if (str_eq(name, tc)) {
				h.name[t] = (int)i;
				known = true;
			} else if (strncmp(name, tc, l) == 0 && str_eq(name + l, "_hi")) {
				h.hi[t] = (int)i;
				known = true;
			} else if (strncmp(name, tc, l) == 0 && (str_eq(name + l, "_code") || str_eq(name + l, "_lgd_code"))) {
				h.code[t] = (int)i;
				known = true;
			}
		}
		if (str_eq(name, "census2011_code")) {	/* the district code in our Jharkhand file */
			h.code[LT_DISTRICT] = (int)i;
			known = true;
		} else if (str_eq(name, "lat")) {
			h.lat = (int)i;
			known = true;
		} else if (str_eq(name, "lon")) {
			h.lon = (int)i;
			known = true;
		}
		if (!known) {
			fprintf(im->report, "line 1: unknown column '%s' (see docs/lgd-import.md)\n", name);
			return -1;
		}
	}
	static const int order[] = { LT_STATE, LT_DIVISION, LT_DISTRICT, LT_SUBDIVISION, LT_ULB, LT_WARD, LT_BLOCK,
				     LT_PANCHAYAT, LT_VILLAGE };
	for (size_t k = 0; k < ARRAY_LEN(order); k++)
		if (h.name[order[k]] >= 0)
			h.levels[h.nlevels++] = order[k];
	for (int k = 1; k < h.nlevels; k++)
		if (!loc_parent_ok((enum loc_type)h.levels[k], (enum loc_type)h.levels[k - 1])) {
			fprintf(im->report, "line 1: column '%s' cannot follow '%s'\n", type_codes[h.levels[k]],
				type_codes[h.levels[k - 1]]);
			return -1;
		}
	struct arena rows;
	arena_init(&rows);
	char **f;
	size_t nf;
	int rc;
	while ((rc = csv_next(c, &rows, &f, &nf)) != 0) {
		im->st->rows++;
		if (rc < 0) {
			reject(im, c->rec_line, c->err);
		} else if (nf != nh) {
			reject(im, c->rec_line, arena_printf(im->a, "%zu fields, the header has %zu", nf, nh));
		} else if (row_begin() == 0) {
			im->err[0] = '\0';
			if (import_hier_row(im, &h, f) != 0) {
				row_undo();
				reject(im, c->rec_line, im->err[0] ? im->err : "database error");
			}
		} else {
			arena_free(&rows);
			return -1;
		}
		arena_reset(&rows);
		arena_reset(im->a);
	}
	arena_free(&rows);
	return 0;
}

int loc_import(const char *text, size_t len, bool skip_bad, bool dry_run, FILE *report, struct import_stats *st)
{
	struct arena a;
	arena_init(&a);
	struct imp im = { .a = &a, .report = report, .st = st };
	memset(st, 0, sizeof *st);
	struct csv c;
	csv_init(&c, text, len);
	char **hdr;
	size_t nh;
	int rc = -1;
	if (csv_next(&c, &a, &hdr, &nh) != 1) {
		fprintf(report, "line 1: no header row%s%s\n", c.err[0] ? ": " : "", c.err);
		arena_free(&a);
		return 1;
	}
	for (size_t i = 0; i < nh; i++) {
		hdr[i] = str_trim(hdr[i]);
		for (char *p = hdr[i]; *p; p++)
			*p = (char)tolower((unsigned char)*p);
	}
	if (db_begin() != 0)
		goto out;
	bool flat = col_of(hdr, nh, "type") >= 0 && col_of(hdr, nh, "parent_type") >= 0;
	int r = flat ? import_flat(&im, &c, hdr, nh) : import_hier(&im, &c, hdr, nh);
	if (r != 0) {
		db_rollback();
		rc = 1;
		goto out;
	}
	if (dry_run || (st->rejected && !skip_bad)) {
		db_rollback();
		rc = st->rejected ? 1 : 0;
		if (st->rejected && !skip_bad)
			fprintf(report, "%ld row(s) rejected: nothing was imported (use --skip-bad to import the good rows)\n",
				st->rejected);
		goto out;
	}
	rc = db_commit() == 0 ? 0 : -1;
out:
	arena_free(&a);
	return rc;
}

/* ---- offices ---- */

long office_seed_all(long root_id)
{
	struct arena a;
	arena_init(&a);
	long total = -1;
	struct loc *root = loc_get(&a, root_id);
	if (!root)
		goto out;
	const char *like = arena_printf(&a, "%s%%", root->path);
	long long n, sum = 0;
#define OFFICES(level, ltype, en, hi) \
	n = db_exec("INSERT IGNORE INTO offices (location_id, level, name_en, name_hi) " \
		    "SELECT id, '" level "', CONCAT('" en "', name_en), CONCAT('" hi "', IFNULL(name_hi, name_en)) " \
		    "FROM locations WHERE type = '" ltype "' AND path LIKE ?", "s", like); \
	if (n < 0) goto out; \
	sum += n;
	OFFICES("panchayat", "panchayat", "Gram Panchayat Office, ", "ग्राम पंचायत कार्यालय, ")
	OFFICES("circle", "block", "Circle Office, ", "अंचल कार्यालय, ")
	OFFICES("block", "block", "Block Office, ", "प्रखंड कार्यालय, ")
	OFFICES("subdivision", "subdivision", "Sub-Divisional Office, ", "अनुमंडल कार्यालय, ")
	OFFICES("district", "district", "Collectorate, ", "समाहरणालय, ")
	OFFICES("ulb", "ulb", "Municipal Office, ", "नगर निकाय कार्यालय, ")
	OFFICES("hq", "state", "Department Headquarters, ", "विभागीय मुख्यालय, ")
#undef OFFICES
	total = (long)sum;
out:
	arena_free(&a);
	return total;
}

/* ---- synthetic state ---- */

/* One synthetic node named by its position: "District 7" / "जिला 7". */
static long gen_node(struct arena *a, long parent, enum loc_type t, long idx, long state, long *made)
{
	char err[200];
	char *code = arena_printf(a, "G%ld-%ld", state, idx);
	char *en = arena_printf(a, "%c%s %ld", toupper((unsigned char)type_codes[t][0]), type_codes[t] + 1, idx);
	char *hi = arena_printf(a, "%s %ld", type_hi[t], idx);
	long id = loc_create(a, parent, t, code, en, hi, NULL, NULL, err, sizeof err);
	if (!id)
		log_error("gen-state: %s", err);
	else
		(*made)++;
	return id;
}

int loc_generate(const struct gen_spec *g, FILE *report)
{
	struct arena a;
	arena_init(&a);
	double t0 = now_mono();
	long made = 0, ndiv = g->districts >= 5 ? g->districts / 5 : 1;
	int rc = -1;
	if (g->districts < 1 || g->blocks < g->districts || g->panchayats < g->blocks || g->villages < g->panchayats) {
		fprintf(report, "gen-state: counts must grow level by level (districts <= blocks <= panchayats <= villages)\n");
		arena_free(&a);
		return 1;
	}
	if (db_begin() != 0)
		goto out;
	char err[200];
	long state = loc_create(&a, 0, LT_STATE, NULL, g->name, g->name, NULL, NULL, err, sizeof err);
	if (!state) {
		fprintf(report, "gen-state: %s\n", err);
		db_rollback();
		rc = 1;
		goto out;
	}
	long *div = xcalloc((size_t)ndiv, sizeof *div);
	for (long i = 0; i < ndiv; i++)
		div[i] = gen_node(&a, state, LT_DIVISION, i + 1, state, &made);
	long b = 0, p = 0, v = 0;
	for (long d = 0; d < g->districts; d++) {
		long did = gen_node(&a, div[d % ndiv], LT_DISTRICT, d + 1, state, &made);
		long sub[2] = { gen_node(&a, did, LT_SUBDIVISION, 2 * d + 1, state, &made),
				gen_node(&a, did, LT_SUBDIVISION, 2 * d + 2, state, &made) };
		long bend = g->blocks * (d + 1) / g->districts;
		for (long bi = 0; b < bend; b++, bi++) {
			long bid = gen_node(&a, sub[bi % 2], LT_BLOCK, b + 1, state, &made);
			long pend = g->panchayats * (b + 1) / g->blocks;
			for (; p < pend; p++) {
				long pid = gen_node(&a, bid, LT_PANCHAYAT, p + 1, state, &made);
				long vend = g->villages * (p + 1) / g->panchayats;
				for (; v < vend; v++)
					gen_node(&a, pid, LT_VILLAGE, v + 1, state, &made);
			}
			arena_reset(&a);
		}
	}
	free(div);
	long offices = office_seed_all(state);
	const char *expected = arena_printf(&a, "%ld", ndiv + 3 * g->districts + g->blocks + g->panchayats + g->villages);
	if (offices < 0 || made != strtol(expected, NULL, 10) || db_commit() != 0) {
		fprintf(report, "gen-state: only %ld of %s locations could be made; nothing kept\n", made, expected);
		db_rollback();
		goto out;
	}
	fprintf(report, "generated state '%s' (id %ld): %ld locations and %ld offices in %.1fs\n", g->name, state, made,
		offices, now_mono() - t0);
	rc = 0;
out:
	arena_free(&a);
	return rc;
}
