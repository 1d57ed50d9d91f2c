/*
 * apiutil.h — small helpers shared by the JSON API handlers.
 */
#ifndef GS_APIUTIL_H
#define GS_APIUTIL_H
#include "json.h"
#include "req.h"
#include "db.h"

/* The request body parsed as a JSON object, or NULL (r->err_detail set;
 * the handler returns 400). */
struct jval *api_body(struct req *r);
/* Sends a literal JSON body with a status. */
int api_ok(struct req *r, int status, const char *json);
/* Sends the JSON built in b (and frees it). */
int api_send(struct req *r, int status, struct sbuf *b);
/* The answer {"key": v}: a one-field object (an id, a number, a count). */
int api_send_str(struct req *r, int status, const char *key, const char *v);
int api_send_int(struct req *r, int status, const char *key, long long v);
/* Every API listing is {"items": [...], "next": cursor-or-null}: open it,
 * write the items with w, then send it (200). */
void api_list_open(struct sbuf *b, struct jw *w);
int api_list_send(struct req *r, struct sbuf *b, struct jw *w, const char *next);
/* A table of result columns written as JSON members: the API handlers
 * describe a row once ({key, column, kind}) instead of a jw_k* call per
 * column.  Kinds: text (NULL → null), integer (NULL → 0), boolean (non-zero),
 * time (MariaDB DATETIME → ISO 8601 with +05:30, NULL → null; needs the
 * arena: a table without times may pass NULL). */
enum api_kind { AK_STR, AK_INT, AK_BOOL, AK_TIME };
struct api_col {
	const char *key;
	unsigned short col;
	unsigned char kind;
};
/* Writes the members of row `row` of d (into an object the caller opened). */
void api_cols(struct arena *a, struct jw *w, const struct dbres *d, size_t row,
	      const struct api_col *cols, size_t ncols);
#define API_COLS(a, w, d, row, tab) api_cols(a, w, d, row, tab, sizeof(tab) / sizeof((tab)[0]))
/* Every row of d as one object each (inside an array the caller opened). */
void api_rows(struct arena *a, struct jw *w, const struct dbres *d,
	      const struct api_col *cols, size_t ncols);
#define API_ROWS(a, w, d, tab) api_rows(a, w, d, tab, sizeof(tab) / sizeof((tab)[0]))
/* ?limit= of a listing into *limit (left as it is when absent): 0, or 422
 * with the problem at "limit" when it is not a number from 1 to max. */
int api_limit(struct req *r, long max, long *limit);
/* Idempotency-Key: when this key was seen with the same request, send the
 * stored answer and return true (a different request with the key: 409).
 * Call before doing the work. */
bool api_replay(struct req *r, int *status);
/* Remember the answer just produced under the request's key (successes
 * only: a refusal changed nothing and may be asked again). */
void api_remember(struct req *r);
#endif
