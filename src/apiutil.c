/*
 * apiutil.c — JSON API helpers.
 */
#include "apiutil.h"
#include "db.h"
#include "session.h"
#include "tmpl.h"
#include "user.h"

#include <sodium.h>

#include <string.h>

struct jval *api_body(struct req *r)
{
	if (!str_starts(r->ctype, "application/json")) {
		r->err_detail = "send a JSON body with Content-Type: application/json";
		return NULL;
	}
	const char *err = NULL;
	struct jval *v = json_parse(r->a, r->body, r->body_len, &err);
	if (!v || v->type != J_OBJ) {
		r->err_detail = v ? "the body must be a JSON object" : arena_printf(r->a, "malformed JSON: %s", err);
		return NULL;
	}
	return v;
}

int api_ok(struct req *r, int status, const char *json)
{
	struct sbuf b;
	sbuf_init(&b);
	sbuf_adds(&b, json);
	return api_send(r, status, &b);
}

int api_send(struct req *r, int status, struct sbuf *b)
{
	resp_json(r, status, b);
	sbuf_free(b);
	return 0;
}

int api_send_str(struct req *r, int status, const char *key, const char *v)
{
	struct sbuf b;
	struct jw w;
	sbuf_init(&b);
	jw_init(&w, &b);
	jw_obj(&w);
	jw_kstr(&w, key, v);
	jw_obj_end(&w);
	return api_send(r, status, &b);
}

int api_send_int(struct req *r, int status, const char *key, long long v)
{
	struct sbuf b;
	struct jw w;
	sbuf_init(&b);
	jw_init(&w, &b);
	jw_obj(&w);
	jw_kint(&w, key, v);
	jw_obj_end(&w);
	return api_send(r, status, &b);
}

int api_limit(struct req *r, long max, long *limit)
{
	const char *lim = req_query(r, "limit");
	if (lim && !parse_long(lim, 1, max, limit)) {
		form_error(r, "limit", "api.limit_bad");
		return 422;
	}
	return 0;
}

void api_list_open(struct sbuf *b, struct jw *w)
{
	sbuf_init(b);
	jw_init(w, b);
	jw_obj(w);
	jw_key(w, "items");
	jw_arr(w);
}

int api_list_send(struct req *r, struct sbuf *b, struct jw *w, const char *next)
{
	jw_arr_end(w);
	jw_key(w, "next");
	jw_str(w, next);	/* NULL writes null */
	jw_obj_end(w);
	return api_send(r, 200, b);
}

void api_cols(struct arena *a, struct jw *w, const struct dbres *d, size_t row,
	      const struct api_col *cols, size_t ncols)
{
	for (size_t i = 0; i < ncols; i++) {
		const struct api_col *c = &cols[i];
		switch (c->kind) {
		case AK_INT:
			jw_kint(w, c->key, db_int(d, row, c->col));
			break;
		case AK_BOOL:
			jw_kbool(w, c->key, db_int(d, row, c->col) != 0);
			break;
		case AK_TIME:
			jw_kstr(w, c->key, sql_time_iso(a, db_val(d, row, c->col)));
			break;
		default:
			jw_kstr(w, c->key, db_val(d, row, c->col));
		}
	}
}

void api_rows(struct arena *a, struct jw *w, const struct dbres *d,
	      const struct api_col *cols, size_t ncols)
{
	for (size_t i = 0; i < d->nrows; i++) {
		jw_obj(w);
		api_cols(a, w, d, i, cols, ncols);
		jw_obj_end(w);
	}
}

static char *request_hash(struct req *r)
{
	crypto_hash_sha256_state st;
	unsigned char h[32];
	crypto_hash_sha256_init(&st);
	crypto_hash_sha256_update(&st, (const unsigned char *)r->method, strlen(r->method));
	crypto_hash_sha256_update(&st, (const unsigned char *)r->path, strlen(r->path) + 1);
	crypto_hash_sha256_update(&st, (const unsigned char *)r->body, r->body_len);
	crypto_hash_sha256_final(&st, h);
	return hex_encode(r->a, h, sizeof h);
}

bool api_replay(struct req *r, int *status)
{
	*status = 0;
	if (!r->idem_key || !r->user || str_eq(r->method, "GET"))
		return false;
	if (strlen(r->idem_key) > 80) {
		*status = 400;
		return true;
	}
	struct dbres *x = db_query(r->a, "SELECT request_hash, status, body FROM idempotency WHERE user_id = ? AND k = ?", "is",
				   (long long)r->user->id, r->idem_key);
	if (!x || x->nrows == 0)
		return false;
	if (!str_eq(db_val(x, 0, 0), request_hash(r))) {
		r->err_detail = "this Idempotency-Key was used for a different request";
		*status = 409;
		return true;
	}
	struct sbuf b;
	sbuf_init(&b);
	sbuf_adds(&b, db_val(x, 0, 2));
	resp_json(r, (int)db_int(x, 0, 1), &b);
	resp_header(r, "Idempotent-Replay", "true");
	sbuf_free(&b);
	return true;
}

void api_remember(struct req *r)
{
	/* only what was done: a refusal (claimed, throttled, short of money)
	 * changed nothing and may go through when asked again */
	if (!r->idem_key || !r->user || strlen(r->idem_key) > 80 || r->status < 200 || r->status >= 300 || str_eq(r->method, "GET"))
		return;
	db_exec("INSERT IGNORE INTO idempotency (user_id, k, request_hash, status, body) VALUES (?, ?, ?, ?, ?)", "issis",
		(long long)r->user->id, r->idem_key, request_hash(r), (long long)r->status, r->out.data ? r->out.data : "");
}
