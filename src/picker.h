/*
 * picker.h — the cascading location picker (district > block > panchayat >
 * village) used by every form that asks "where?".  It works without
 * JavaScript: each select has an "Update list" button that re-renders the
 * same form with the next level filled; static/picker.js does the same in
 * place through /api/v1/locations.
 */
#ifndef GS_PICKER_H
#define GS_PICKER_H
#include "req.h"
#include "location.h"

/* Fills Picker.<name>.* for template macro picker(name).  The chosen ids
 * come from form/query fields <name>_district, <name>_block, ... or, when
 * none is given, from preset_id (a location whose ancestors are chosen).
 * deepest is the last level offered.  Returns the deepest chosen location
 * id that is consistent (each a descendant of the one above), or 0. */
long picker_fill(struct req *r, const char *name, long preset_id, enum loc_type deepest);
/* picker_fill's answer for the chosen fields alone, without the lists: one
 * statement where picker_fill reads a list per level (reading a filed
 * form; the form's page fills the lists when it is shown again). */
long picker_pick(struct req *r, const char *name, enum loc_type deepest);
/* True when the user pressed an "Update list" button (re-render only). */
bool picker_refresh(const struct req *r);
#endif
