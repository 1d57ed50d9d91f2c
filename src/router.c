/*
 * router.c — route matching and the request gate.
 */
#include "router.h"
#include "apiutil.h"
#include "config.h"
#include "db.h"
#include "json.h"
#include "log.h"
#include "session.h"
#include "ticket.h"
#include "tmpl.h"
#include "user.h"

#include <string.h>

const char *rp(const struct req *r, size_t i)
{
	return i < r->nrp ? r->rp[i] : NULL;
}

/* Matches path against pattern, capturing parameters into r->rp. */
static bool match(struct req *r, const char *pattern, const char *path)
{
	const char *p = pattern, *s = path;
	r->nrp = 0;
	while (*p && *s) {
		if (*p != '/' || *s != '/')
			return false;
		p++;
		s++;
		const char *pe = strchr(p, '/'), *se = strchr(s, '/');
		size_t pl = pe ? (size_t)(pe - p) : strlen(p);
		size_t sl = se ? (size_t)(se - s) : strlen(s);
		if (*p == ':' || *p == '@') {
			size_t segs = *p == '@' ? 5 : 1;
			const char *end = s;
			for (size_t k = 0; k < segs; k++) {
				const char *e = strchr(end, '/');
				size_t l = e ? (size_t)(e - end) : strlen(end);
				if (l == 0 || l > 64)
					return false;
				end += l;
				if (k + 1 < segs) {
					if (*end != '/')
						return false;
					end++;
				}
			}
			if (r->nrp >= ARRAY_LEN(r->rp))
				return false;
			r->rp[r->nrp++] = arena_strndup(r->a, s, (size_t)(end - s));
			s = end;
			p += pl;
			continue;
		}
		if (pl != sl || strncmp(p, s, pl) != 0)
			return false;
		p += pl;
		s += sl;
	}
	return *p == '\0' && *s == '\0';
}

static const struct {
	int status;		/* HTTP status */
	const char *code;	/* API error code */
	const char *reason;	/* reason phrase */
} statuses[] = {
	{ 400, "bad_request", "Bad Request" },
	{ 401, "unauthorized", "Unauthorized" },
	{ 403, "forbidden", "Forbidden" },
	{ 404, "not_found", "Not Found" },
	{ 405, "method_not_allowed", "Method Not Allowed" },
	{ 409, "conflict", "Conflict" },
	{ 413, "too_large", "Payload Too Large" },
	{ 422, "validation_failed", "Unprocessable Entity" },
	{ 429, "rate_limited", "Too Many Requests" },
	{ 500, "internal", "Internal Server Error" },
	{ 503, "unavailable", "Service Unavailable" },
};

static size_t status_index(int status)
{
	for (size_t i = 0; i < ARRAY_LEN(statuses); i++)
		if (statuses[i].status == status)
			return i;
	return ARRAY_LEN(statuses) - 2;	/* 500 */
}

/* Field errors as flat "a.b.c": message pairs (group rows nest in HDF). */
static void errors_json(struct req *r, struct jw *w, HDF *node, const char *prefix)
{
	for (HDF *c = hdf_obj_child(node); c; c = hdf_obj_next(c)) {
		const char *name = prefix ? arena_printf(r->a, "%s.%s", prefix, hdf_obj_name(c)) : hdf_obj_name(c);
		if (hdf_obj_value(c))
			jw_kstr(w, name, hdf_obj_value(c));
		if (hdf_obj_child(c))
			errors_json(r, w, c, name);
	}
}

void render_error(struct req *r, int status)
{
	size_t i = status_index(status);
	status = statuses[i].status;
	const char *msg = r->err_detail ? r->err_detail
			  : tmpl_str(r->lang, arena_printf(r->a, "err.%d.text", status));
	sbuf_reset(&r->headers);
	if (r->api) {
		struct sbuf b;
		struct jw w;
		sbuf_init(&b);
		jw_init(&w, &b);
		jw_obj(&w);
		jw_key(&w, "error");
		jw_obj(&w);
		jw_kstr(&w, "code", r->err_code ? r->err_code : statuses[i].code);
		jw_kstr(&w, "message", msg);
		jw_kstr(&w, "request_id", r->id);
		HDF *errs = r->hdf ? hdf_get_obj(r->hdf, "Form.err") : NULL;
		if (errs) {
			jw_key(&w, "fields");
			jw_obj(&w);
			errors_json(r, &w, errs, NULL);
			jw_obj_end(&w);
		}
		jw_obj_end(&w);
		jw_obj_end(&w);
		resp_json(r, status, &b);
		sbuf_free(&b);
		return;
	}
	/* an error before a route matched (404, 405) has not set these yet:
	 * without Lang the page has no language for a screen reader */
	hset(r, "Lang", r->lang);
	hset(r, "Path", r->path);
	hset_int(r, "Err.code", status);
	hset(r, "Err.title", tmpl_str(r->lang, arena_printf(r->a, "err.%d.title", status)));
	hset(r, "Err.text", msg);
	hset(r, "Err.ref", r->id);
	r->status = status;
	r->sent = false;
	if (tmpl_render(r, "error.cs") != 0) {
		/* the template itself failed: plain text, still a complete answer */
		sbuf_reset(&r->out);
		sbuf_printf(&r->out, "%d %s (reference %s)\n", status, statuses[i].reason, r->id);
		r->out_ctype = "text/plain; charset=utf-8";
	}
	r->status = status;
	r->sent = true;
}

/* What the layout needs to know about who is logged in. */
static void user_to_hdf(struct req *r)
{
	const struct user *u = r->user;
	hset_int(r, "User.id", u->id);
	hset(r, "User.name", u->name);
	if (u->roles & RB(ROLE_CITIZEN))
		hset(r, "User.r.citizen", "1");
	if (u->roles & RB_OPERATORS)
		hset(r, "User.r.operator", "1");
	if (u->roles & RB_PLAYERS)
		hset(r, "User.r.player", "1");
	if (u->roles & (RB_OFFICERS & ~RB(ROLE_SUPPORT)))
		hset(r, "User.r.dash", "1");
	if (u->roles & RB_ADMINS)
		hset(r, "User.r.admin", "1");
	if (u->roles & TICKET_USERS)
		hset(r, "User.r.tickets", "1");
	for (int i = 0; i < ROLE_COUNT; i++)
		if (u->roles & RB(i))
			hset(r, arena_printf(r->a, "User.role.%s", role_code((enum role)i)), "1");
}

static bool role_allowed(const struct req *r, const struct route *rt)
{
	return rt->roles == 0 || (r->user && (r->user->roles & rt->roles));
}

void dispatch(struct req *r)
{
	const struct route *found = NULL;
	bool path_matched = false;
	char allow[64] = "";
	for (size_t i = 0; i < nroutes; i++) {
		const struct route *rt = &routes[i];
		if ((rt->flags & F_SANDBOX) && !cfg.pay_sandbox)
			continue;
		if (!match(r, rt->pattern, r->path))
			continue;
		path_matched = true;
		if (str_eq(rt->method, r->method) || (str_eq(r->method, "HEAD") && str_eq(rt->method, "GET"))) {
			found = rt;
			break;
		}
		if (strlen(allow) + strlen(rt->method) + 3 < sizeof allow) {
			if (allow[0])
				strcat(allow, ", ");
			strcat(allow, rt->method);
		}
	}
	int status = 0;
	if (!found) {
		status = path_matched ? 405 : 404;
		render_error(r, status);
		if (status == 405)
			resp_header(r, "Allow", allow);
		return;
	}
	/* re-match to restore this route's captures (the loop may have overwritten them) */
	match(r, found->pattern, r->path);
	r->route = found;

	r->actor = (struct actor){ .ip = r->remote_ip, .req_id = r->id };
	status = session_resolve(r);
	if (status)
		goto error;
	if (r->user && str_eq(r->user->lang, "hi") && !req_cookie(r, "lang") && !req_query(r, "lang"))
		r->lang = "hi";
	hset(r, "Lang", r->lang);
	hset(r, "Path", r->path);
	if (r->user)
		user_to_hdf(r);
	if (!(found->flags & F_PUBLIC)) {
		if (!r->user) {
			if (r->api) {
				status = 401;
				goto error;
			}
			/* citizens start with their mobile number; a page no citizen
			 * may open sends to the staff's own log-in */
			bool citizen = !found->roles || (found->roles & RB(ROLE_CITIZEN));
			resp_redirect(r, arena_printf(r->a, "%s?next=%s", citizen ? "/login" : "/staff/login",
						      url_encode(r->a, r->path)));
			return;
		}
		if (!role_allowed(r, found)) {
			status = 403;
			goto error;
		}
	}
	if (!r->api && !str_eq(r->method, "GET") && !str_eq(r->method, "HEAD") && !(found->flags & F_NOCSRF) &&
	    !csrf_ok(r)) {
		r->err_detail = tmpl_str(r->lang, "err.csrf");
		status = 403;
		goto error;
	}
	/* (a logged-in user's pages carry it in the log-out form) */
	if (!r->api && (!(found->flags & F_DIRECT) || r->user))
		hset(r, "CSRF", csrf_masked(r));
	/* an API change sent again with the same Idempotency-Key gets the first answer */
	if (r->api && api_replay(r, &status)) {
		if (status == 0)
			return;
		goto error;
	}
	status = found->fn(r);
	if (status == 0 && !r->sent) {
		log_error("handler for %s %s produced no response", r->method, r->path);
		status = 500;
	}
	if (status == 0) {
		if (r->api)
			api_remember(r);
		return;
	}
error:
	db_rollback();		/* a no-op unless a handler left one open; clears a broken one */
	if (status >= 500 && db_down())
		status = 503;
	if (status >= 500)
		log_error("%s %s -> %d", r->method, r->path, status);
	render_error(r, status);
}
