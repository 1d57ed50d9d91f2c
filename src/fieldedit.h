/*
 * fieldedit.h — the form engine's field editor, shared by every designer:
 * the service designer now, the register, survey and feedback designers
 * next.  A designer page reads one field's properties as typed
 * (formview.h: formview_field_input), this module checks them into a
 * struct field (reporting each problem at its input), and the page shows
 * the editor with templates/inc/field_editor.cs (formview_field_fill,
 * formview_field_types).  The owner (a service, a register) decides which
 * types it offers and where the field goes.
 */
#ifndef GS_FIELDEDIT_H
#define GS_FIELDEDIT_H
#include "domain.h"
#include "formdef.h"

/* One field's properties as typed in the editor (adding, or saving one). */
struct field_input {
	const char *name;		/* [a-z][a-z0-9_]*, when adding */
	const char *type;		/* ftype code */
	const char *label_en, *label_hi, *help_en, *help_hi;	/* texts */
	bool required;			/* must be answered */
	const char *min, *max;		/* number bounds ("" or NULL: none); money in rupees */
	const char *min_length, *max_length;	/* text lengths */
	const char *pattern, *min_date, *max_date, *def;	/* texts */
	const char *show_field, *show_equals;	/* the condition */
	const char *options;		/* "value|English|Hindi" lines */
	const char *min_items, *max_items;	/* a group's rows */
	const char *compute_op;		/* computed: "sum" or "count" */
	const char *compute_of;		/* computed: field names, "group.column", separated by commas or spaces */
	const char *accuracy_max;	/* geopoint: threshold in metres */
	bool accuracy_flag;		/* geopoint: flag instead of refusing */
	const char *ref_kind;		/* ref: what it points at */
	const char *scope;		/* user: which list of users */
};

/* Which types an owner offers (svc_type_allowed for services). */
typedef bool (*fieldedit_types_fn)(enum ftype t);

/* Reads in into f (its name is the caller's business), checking what the
 * editor can see at once — a subset of form_def_validate — with each
 * problem at its input in out ("type", "label_en", "min", "options",
 * "compute_of", ...).  allowed limits the types.  Arena memory. */
void fieldedit_read(struct arena *a, const struct field_input *in, struct field *f, fieldedit_types_fn allowed,
		    struct outcome *out);

/* A new field at the end of form: in->name ([a-z][a-z0-9_]*, not taken)
 * and its properties read by fieldedit_read; a computed field's sources
 * must be fields of form; a group starts with one text column.  Problems
 * at their inputs ("name", "type", "compute_of", ...).  0 or 422. */
int fieldedit_add(struct arena *a, struct form_def *form, const struct field_input *in, fieldedit_types_fn allowed,
		  struct outcome *out);
/* One change to form's field name: action "save" (props read by
 * fieldedit_read, its name kept), "up", "down" or "delete".  Returns 0,
 * 404 (no such field), 400 (an unknown action) or 422 (problems in out). */
int fieldedit_change(struct arena *a, struct form_def *form, const char *name, const char *action,
		     const struct field_input *props, fieldedit_types_fn allowed, struct outcome *out);

/* The editor's input helpers, for the owner's other inputs too: text
 * trimmed, at most max characters (required: not empty), NULL when empty;
 * a whole number in [min, max] (empty = 0).  Problems go to out at field. */
const char *fieldedit_text(struct arena *a, struct outcome *out, const char *field, const char *v, size_t max,
			   bool required);
bool fieldedit_number(struct outcome *out, const char *field, const char *v, long min, long max, long *n);
/* [a-z][a-z0-9_]*: a field's (and other designer codes') name. */
bool fieldedit_ident(const char *s);
#endif
