/*
 * apiutil.h — small helpers shared by the JSON API handlers.
 */
#ifndef GS_APIUTIL_H
#define GS_APIUTIL_H
#include "json.h"
#include "req.h"

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
