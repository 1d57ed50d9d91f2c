/*
 * apiutil.c — JSON API helpers.
 */
#include "apiutil.h"

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
