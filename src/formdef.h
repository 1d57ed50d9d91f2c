/*
 * formdef.h — the form engine's model: one field model for every form in
 * the product (a service's application form, and the registers', MPRs',
 * surveys', feedback and ticket forms that embed the same thing).  A form
 * definition is JSON ("gramsewa.form/1": {"format", "fields": [...]}); a
 * service definition carries the same "fields" list inside its own JSON.
 * This module turns the list into structs and back (canonical: parse ->
 * write -> parse gives the same text) and finds its structural problems.
 * form.h checks answers against it, formview.h puts it on a page and
 * formtext.h shows stored answers as text.
 *
 * It also holds the small JSON-reading helpers (def_*) that every
 * definition reader shares (services, forms, and registers later), so each
 * reports a wrong type the same way.
 */
#ifndef GS_FORMDEF_H
#define GS_FORMDEF_H
#include "json.h"

#define FORM_FORMAT "gramsewa.form/1"

struct i18n {
	const char *en;		/* English text */
	const char *hi;		/* Hindi text */
};

/* The field types.  New types go at the end: the codes (ftype_code) are
 * what stored definitions hold, the numbers are never stored. */
enum ftype {
	FT_TEXT, FT_NUMBER, FT_DATE, FT_SELECT, FT_MULTISELECT, FT_RADIO, FT_CHECKBOX, FT_MOBILE, FT_EMAIL,
	FT_AADHAAR, FT_PIN, FT_LOCATION, FT_FILE, FT_GROUP,
	FT_MONEY,	/* an amount: typed in rupees, stored in paise */
	FT_COMPUTED,	/* sum or count over other answers, worked out by the server */
	FT_GEOPOINT,	/* {lat, lon, accuracy_m, fix_at, source} */
	FT_PHOTO,	/* a JPEG/PNG stored without metadata, with its EXIF time and place */
	FT_USER,	/* a user chosen from the caller's scope (staff of this GP) */
	FT_REF,		/* an entry of another register or kind, checked by the caller */
	FT_COUNT
};

/* What a computed field works out. */
enum form_op { FOP_SUM, FOP_COUNT };

struct opt {
	const char *value;	/* stored value */
	struct i18n label;	/* shown */
};

struct field {
	const char *name;	/* [a-z][a-z0-9_]* unique in its form */
	enum ftype type;	/* kind of input */
	struct i18n label;	/* question */
	struct i18n help;	/* hint under the question */
	bool required;		/* must be answered (when shown) */
	bool has_min, has_max;	/* numeric bounds present */
	long min, max;		/* number bounds; money: paise */
	long min_len, max_len;	/* text length in characters (0 = none) */
	const char *pattern;	/* POSIX extended regex the whole answer must match, or NULL */
	const char *min_date, *max_date;	/* YYYY-MM-DD or "today", or NULL */
	struct opt *opts;	/* select/radio/multiselect/checkbox choices */
	size_t nopts;
	const char *def;	/* default answer, or NULL */
	const char *show_field;	/* shown only when this field ... */
	const char *show_equals;	/* ... has this value */
	bool rupees;		/* number: an amount in whole rupees ("unit": "rupees"), shown ₹1,20,000 */
	struct i18n print_label;	/* the certificate's label when the question reads badly there, or empty */
	struct field *sub;	/* group: the fields of one row */
	size_t nsub;
	long min_items, max_items;	/* group: rows */
	enum form_op op;	/* computed: sum or count */
	const char **of;	/* computed: "field" or "group.column" names it works over */
	size_t nof;
	long accuracy_max;	/* geopoint: the largest accuracy radius in metres (0 = any), ODK's accuracyThreshold */
	bool accuracy_flag;	/* geopoint: a fix over accuracy_max is kept and flagged, not refused (surveys) */
	bool allow_mock;	/* geopoint: a fix from a mock provider is accepted (training only) */
	const char *ref_kind;	/* ref: what it points at ("register:cash_book"), passed to the look-up */
	const char *scope;	/* user: which list of users the caller offers ("gp_staff") */
};

/* A form: its fields in order. */
struct form_def {
	struct field *fields;	/* top-level fields; groups hold their rows' fields */
	size_t nfields;
};

const char *ftype_code(enum ftype t);
int ftype_from(const char *s);
/* Text in a language with English fallback. */
const char *i18n_get(const struct i18n *t, const char *lang);
/* The top-level field called name, or NULL. */
const struct field *form_field(const struct form_def *d, const char *name);
/* Is a computed field f an amount of money (a sum over money answers)? */
bool form_computed_money(const struct form_def *d, const struct field *f);

/* Parses a gramsewa.form/1 object.  Problems (wrong types, unknown field
 * types) go to probs, one per line; returns NULL only when v is not a
 * form definition at all.  Arena memory. */
struct form_def *form_def_parse(struct arena *a, const struct jval *v, struct sbuf *probs);
/* Writes d as a gramsewa.form/1 object. */
void form_def_write(const struct form_def *d, struct jw *w);
/* Structural problems of d (names, labels in both languages, bounds,
 * options, conditions, computed sources), one per line, each starting
 * with where ("form field 'income': ...").  Returns the count. */
int form_def_validate(const struct form_def *d, struct sbuf *probs);

/* ---- shared by every definition reader ---- */

/* A reader's state: where parsed text goes and where problems go. */
struct def_rd {
	struct arena *a;	/* output memory */
	struct sbuf *probs;	/* problems, one per line */
};
void def_prob(struct def_rd *rd, const char *fmt, ...) GS_PRINTF(2, 3);
/* Is v a JSON object whose "format" is format?  Else reports why ("the
 * <what> must be a JSON object", "unknown format ...") and returns false. */
bool def_format(struct def_rd *rd, const struct jval *v, const char *format, const char *what);
/* Member key of o as text / {"en","hi"} (plain text = English) / whole
 * number / true-false / list; absent or null gives the default, a wrong
 * type is reported "where: 'key' must be ...". */
const char *def_str(struct def_rd *rd, const struct jval *o, const char *key, const char *where);
struct i18n def_i18n(struct def_rd *rd, const struct jval *o, const char *key, const char *where);
long def_long(struct def_rd *rd, const struct jval *o, const char *key, long def, bool *has, const char *where);
bool def_bool(struct def_rd *rd, const struct jval *o, const char *key, bool def, const char *where);
struct jval *def_arr(struct def_rd *rd, const struct jval *o, const char *key, const char *where);
const char **def_strlist(struct def_rd *rd, const struct jval *o, const char *key, size_t *n, const char *where);
/* Reads a "fields" list into d (services embed it this way). */
void def_fields(struct def_rd *rd, const struct jval *arr, struct form_def *d);
/* Writes {"en","hi"} under key (nothing when both are unset). */
void def_w_i18n(struct jw *w, const char *key, const struct i18n *t);
/* Writes d's fields as a JSON list (the value of "fields"). */
void def_w_fields(struct jw *w, const struct form_def *d);

/* A validator's state: problems found so far. */
struct def_vd {
	struct arena a;		/* scratch */
	struct sbuf *probs;	/* output */
	int n;			/* problems found */
};
void def_vprob(struct def_vd *v, const char *fmt, ...) GS_PRINTF(2, 3);
/* [a-z][a-z0-9_]* of at most max characters. */
bool def_ident_ok(const char *s, size_t max);
/* Both languages present (when required), each at most 2000 characters. */
void def_check_i18n(struct def_vd *v, const struct i18n *t, const char *what, bool required);
/* Adds the problems of d's fields, named from where ("form"). */
void def_check_fields(struct def_vd *v, const struct form_def *d, const char *where);
#endif
