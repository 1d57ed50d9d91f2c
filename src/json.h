/*
 * json.h — a strict JSON reader into an arena-allocated tree, and a writer
 * that escapes correctly.  Used by the API, service definitions and the
 * key set.  The reader rejects NUL (\u0000), invalid UTF-8, lone
 * surrogates, trailing garbage and nesting deeper than JSON_MAX_DEPTH.
 */
#ifndef GS_JSON_H
#define GS_JSON_H
#include "util.h"

#define JSON_MAX_DEPTH 64

enum jtype { J_NULL, J_BOOL, J_NUM, J_STR, J_ARR, J_OBJ };

struct jval {
	enum jtype type;	/* which of the fields below holds the value */
	bool b;			/* J_BOOL */
	double num;		/* J_NUM */
	char *str;		/* J_STR: NUL-terminated UTF-8 (no embedded NUL); J_NUM: the literal text */
	size_t n;		/* J_ARR/J_OBJ: number of items */
	char **keys;		/* J_OBJ: keys[i] names kids[i] */
	struct jval **kids;	/* J_ARR/J_OBJ items */
};

/* Parse text (len bytes).  Returns the root, or NULL with a message (arena
 * string) in *err.  Everything lives in the arena. */
struct jval *json_parse(struct arena *a, const char *text, size_t len, const char **err);

struct jval *json_get(const struct jval *obj, const char *key);	/* NULL if absent or not an object */
const char *json_get_str(const struct jval *obj, const char *key);	/* NULL unless a string */
bool json_get_long(const struct jval *obj, const char *key, long *out);	/* integer-valued number */
bool json_get_bool(const struct jval *obj, const char *key, bool def);
bool json_is_int(const struct jval *v, long *out);

/* Writer: appends to an sbuf, keeps track of commas. */
struct jw {
	struct sbuf *b;		/* output */
	int depth;		/* current nesting */
	bool first[JSON_MAX_DEPTH];	/* no comma needed before the next item at this depth */
	bool after_key;		/* a key was just written: no comma before its value */
};
void jw_init(struct jw *w, struct sbuf *b);
void jw_obj(struct jw *w);
void jw_obj_end(struct jw *w);
void jw_arr(struct jw *w);
void jw_arr_end(struct jw *w);
void jw_key(struct jw *w, const char *k);
void jw_str(struct jw *w, const char *s);	/* NULL writes null */
void jw_int(struct jw *w, long long v);
void jw_bool(struct jw *w, bool v);
void jw_null(struct jw *w);
void jw_raw(struct jw *w, const char *json);	/* pre-serialised value */
void jw_value(struct jw *w, const struct jval *v);	/* re-serialise a parsed value */
/* key + value in one call */
void jw_kstr(struct jw *w, const char *k, const char *s);
void jw_kint(struct jw *w, const char *k, long long v);
void jw_kbool(struct jw *w, const char *k, bool v);
/* A flat object of strings, {"k1":"v1",...}, from key, value pairs ended
 * by a NULL key (a NULL value writes null); arena string.  For small
 * records such as receipt lines, where a format string would let a quote
 * in outside data add or change keys. */
char *json_strobj(struct arena *a, const char *key, ...);
/* Escape s as a JSON string literal (with quotes) onto b. */
void json_escape(struct sbuf *b, const char *s);
#endif
