/*
 * server.c — request set-up from CGI variables and response
 * serialisation, independent of the FastCGI library so tests can drive it.
 */
#include "server.h"
#include "config.h"
#include "log.h"
#include "router.h"
#include "session.h"
#include "tmpl.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

time_t server_started;

static const char *or_empty(const char *s)
{
	return s ? s : "";
}

int req_setup(struct req *r, const struct cgi_in *in, const char *body, size_t body_len)
{
	unsigned char rid[8];
	randombytes_buf(rid, sizeof rid);
	sodium_bin2hex(r->id, sizeof r->id, rid, sizeof rid);
	log_set_request_id(r->id);
	sbuf_init(&r->out);
	sbuf_init(&r->headers);
	hdf_init(&r->hdf);
	r->lang = cfg.default_lang;
	r->method = or_empty(in->method);
	r->remote_ip = in->remote_ip ? in->remote_ip : "0.0.0.0";
	r->user_agent = or_empty(in->ua);
	r->authz = in->authz;
	r->idem_key = in->idem;
	r->hmac_header = in->dlhmac;
	r->tel_signature = in->telsig;
	r->https = in->https && *in->https;
	r->ctype = or_empty(in->ctype);
	r->body = body;
	r->body_len = body_len;

	const char *uri = or_empty(in->uri);
	const char *qm = strchr(uri, '?');
	size_t plen = qm ? (size_t)(qm - uri) : strlen(uri);
	r->path = url_decode(r->a, uri, plen, false);
	r->api = str_starts(uri, "/api/");
	if (!r->path || r->path[0] != '/' || strlen(r->path) > 2048)
		return 400;
	r->query = in->query ? in->query : (qm ? qm + 1 : "");
	if (strlen(r->query) > 8192)
		return 400;
	int rc = parse_urlencoded(r->a, r->query, strlen(r->query), (size_t)cfg.max_fields, &r->q, &r->nq);
	if (rc == PARSE_TOO_MANY)
		return 413;
	if (rc != PARSE_OK)
		return 400;
	req_join_dates(r->a, &r->q, &r->nq);
	const char *ck = in->cookie;
	if (ck && strlen(ck) > (size_t)cfg.max_cookie)
		return 400;
	if (ck && !r->api && parse_cookies(r->a, ck, 64, &r->c, &r->nc) != PARSE_OK)
		return 400;
	const char *lq = req_query(r, "lang"), *lc = req_cookie(r, "lang");
	if (str_eq(lq, "en") || str_eq(lq, "hi")) {
		r->lang = lq;
		resp_cookie(r, "lang", lq, 86400 * 365);
	} else if (str_eq(lc, "en") || str_eq(lc, "hi")) {
		r->lang = lc;
	}
	const char *anon = req_cookie(r, ANON_COOKIE);
	if (anon && strlen(anon) == 43)
		r->anon = anon;

	if (in->clen && *in->clen) {
		long n;
		if (!parse_long(in->clen, 0, 1L << 40, &n))
			return 400;
		if (n > cfg.max_body)
			return 413;
	}
	if (body_len > 0) {
		if (str_starts(r->ctype, "application/x-www-form-urlencoded")) {
			rc = parse_urlencoded(r->a, body, body_len, (size_t)cfg.max_fields, &r->f, &r->nf);
		} else if (str_starts(r->ctype, "multipart/form-data")) {
			rc = parse_multipart(r->a, r->ctype, body, body_len, (size_t)cfg.max_fields, &r->f, &r->nf,
					     &r->u, &r->nu);
			for (size_t i = 0; rc == PARSE_OK && i < r->nu; i++)
				if (r->u[i].len > (size_t)cfg.max_upload)
					return 413;
		} else {
			rc = PARSE_OK;	/* JSON and others: the handler reads r->body */
		}
		if (rc == PARSE_TOO_MANY)
			return 413;
		if (rc != PARSE_OK)
			return 400;
		req_join_dates(r->a, &r->f, &r->nf);
	}
	return 0;
}

void req_run(struct req *r, const struct cgi_in *in, const char *body, size_t body_len)
{
	int st = req_setup(r, in, body, body_len);
	if (st) {
		if (!r->hdf)
			hdf_init(&r->hdf);
		if (!r->path)
			r->path = "/";
		render_error(r, st);
	} else {
		dispatch(r);
	}
	if (!r->status)
		r->status = 200;
}

static const char *reason(int status)
{
	switch (status) {
	case 200: return "OK";
	case 201: return "Created";
	case 303: return "See Other";
	case 304: return "Not Modified";
	case 400: return "Bad Request";
	case 401: return "Unauthorized";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 409: return "Conflict";
	case 413: return "Payload Too Large";
	case 422: return "Unprocessable Entity";
	case 429: return "Too Many Requests";
	case 503: return "Service Unavailable";
	default: return status >= 500 ? "Internal Server Error" : "OK";
	}
}

void req_head(const struct req *r, struct sbuf *b)
{
	sbuf_printf(b, "Status: %d %s\r\n", r->status, reason(r->status));
	sbuf_printf(b, "Content-Type: %s\r\n", r->out_ctype ? r->out_ctype : "text/html; charset=utf-8");
	sbuf_printf(b, "Content-Length: %zu\r\n", r->out.len);
	if (!strstr(r->headers.data ? r->headers.data : "", "Cache-Control:"))
		sbuf_adds(b, "Cache-Control: no-store\r\n");
	sbuf_printf(b, "X-Request-Id: %s\r\n", r->id);
	if (r->headers.len)
		sbuf_add(b, r->headers.data, r->headers.len);
	sbuf_adds(b, "\r\n");
}

void req_release(struct req *r)
{
	if (r->hdf)
		hdf_destroy(&r->hdf);
	sbuf_free(&r->out);
	sbuf_free(&r->headers);
	log_set_request_id(NULL);
}
