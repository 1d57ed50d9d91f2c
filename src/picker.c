/*
 * picker.c — server side of the location picker.
 */
#include "picker.h"
#include "db.h"
#include "tmpl.h"

#include <stdlib.h>
#include <string.h>

static const enum loc_type levels[] = { LT_DISTRICT, LT_BLOCK, LT_PANCHAYAT, LT_VILLAGE };

bool picker_refresh(const struct req *r)
{
	return req_form(r, "refresh") != NULL || req_query(r, "refresh") != NULL;
}

/* The ids chosen in fields <name>_district ... <name>_village; any chosen? */
static bool chosen_ids(struct req *r, const char *name, long chosen[4])
{
	bool any = false;
	for (size_t k = 0; k < 4; k++) {
		const char *v = req_param(r, arena_printf(r->a, "%s_%s", name, loc_type_code(levels[k])));
		long id;
		chosen[k] = 0;
		if (v && parse_long(v, 1, 2000000000L, &id)) {
			chosen[k] = id;
			any = true;
		}
	}
	return any;
}

long picker_pick(struct req *r, const char *name, enum loc_type deepest)
{
	long chosen[4];
	if (!chosen_ids(r, name, chosen) || !chosen[0])
		return 0;
	struct dbres *c = db_query(r->a, "SELECT id, type, path FROM locations WHERE id IN (?, ?, ?, ?) AND active = 1", "iiii",
				   (long long)chosen[0], (long long)chosen[1], (long long)chosen[2], (long long)chosen[3]);
	/* as picker_fill's lists: each level's choice of that level's type,
	 * under the choice above (its path begins with the one above's) */
	const char *parent_path = NULL;
	long result = 0;
	for (size_t k = 0; c && k < 4 && levels[k] <= deepest && chosen[k]; k++) {
		const char *path = NULL;
		for (size_t i = 0; i < c->nrows && !path; i++)
			if (db_int(c, i, 0) == chosen[k] && str_eq(db_val(c, i, 1), loc_type_code(levels[k])) &&
			    (k == 0 || str_starts(db_val(c, i, 2), parent_path)))
				path = db_val(c, i, 2);
		if (!path)
			break;
		result = chosen[k];
		parent_path = path;
	}
	return result;
}

long picker_fill(struct req *r, const char *name, long preset_id, enum loc_type deepest)
{
	long chosen[4];
	bool any = chosen_ids(r, name, chosen);
	if (!any && preset_id) {
		struct loc *l = loc_get(r->a, preset_id);
		struct loc *chain[LOC_DEPTH_MAX];
		size_t n = l ? loc_chain(r->a, l->path, chain, LOC_DEPTH_MAX) : 0;
		for (size_t i = 0; i < n; i++) {
			const struct loc *x = chain[i];
			for (size_t k = 0; k < 4; k++)
				if (x->type == levels[k])
					chosen[k] = x->id;
		}
	}
	const char *parent_path = NULL;
	long result = 0;
	const char *pre = arena_printf(r->a, "Picker.%s", name);
	hset(r, arena_printf(r->a, "%s.name", pre), name);
	for (size_t k = 0; k < 4 && levels[k] <= deepest; k++) {
		const char *lp = arena_printf(r->a, "%s.levels.%zu", pre, k);
		hset(r, arena_printf(r->a, "%s.type", lp), loc_type_code(levels[k]));
		hset(r, arena_printf(r->a, "%s.field", lp), arena_printf(r->a, "%s_%s", name, loc_type_code(levels[k])));
		hset(r, arena_printf(r->a, "%s.label", lp), tmpl_str(r->lang, arena_printf(r->a, "loc.type.%s", loc_type_code(levels[k]))));
		if (k > 0 && !parent_path)
			continue;	/* the level above is not chosen yet: shown empty, for the script to fill */
		struct dbres *opts = k == 0
			? db_query(r->a, "SELECT id, name_en, name_hi, path FROM locations WHERE type = 'district' AND active = 1 "
					 "ORDER BY name_en", NULL)
			: db_query(r->a, "SELECT id, name_en, name_hi, path FROM locations WHERE type = ? AND active = 1 "
					 "AND path LIKE CONCAT(?, '%') ORDER BY name_en", "ss", loc_type_code(levels[k]), parent_path);
		const char *next_path = NULL;
		for (size_t i = 0; opts && i < opts->nrows; i++) {
			const char *op = arena_printf(r->a, "%s.options.%zu", lp, i);
			const char *hi = db_val(opts, i, 2);
			hset(r, arena_printf(r->a, "%s.id", op), db_val(opts, i, 0));
			hset(r, arena_printf(r->a, "%s.name", op),
			     str_eq(r->lang, "hi") && !str_empty(hi) ? hi : db_val(opts, i, 1));
			if (chosen[k] && db_int(opts, i, 0) == chosen[k]) {
				hset(r, arena_printf(r->a, "%s.selected", lp), db_val(opts, i, 0));
				next_path = db_val(opts, i, 3);
				result = chosen[k];
			}
		}
		parent_path = next_path;
	}
	return result;
}
