/*
 * router.h — the route table and the gate every request passes.
 *
 * A route names method, path pattern, handler, the roles allowed and flags.
 * Patterns are literal segments, ":name" (one segment) or "@name" (an
 * application number: five segments, JH/358/INC/2026-27/000123).  The
 * dispatcher checks method (405), log-in (redirect or 401), role (403) and
 * CSRF (403) before the handler runs, and renders every error page.
 */
#ifndef GS_ROUTER_H
#define GS_ROUTER_H
#include "req.h"

/* Handlers return 0 when they produced a response, or an HTTP status
 * (400, 403, 404, 409, 422, 500, 503 ...) for the dispatcher to render. */
typedef int (*handler_fn)(struct req *r);

enum route_flags {
	F_PUBLIC = 1 << 0,	/* no log-in needed */
	F_NOCSRF = 1 << 1,	/* POST authenticated by other means (HMAC callbacks); say why at the route */
	F_SANDBOX = 1 << 2,	/* test-only sandbox route, served only when pay_sandbox = true */
	F_DIRECT = 1 << 3,	/* a GET page written without a template for anyone not logged in:
				 * no CSRF token is made for it (it has no form) */
};

struct route {
	const char *method;	/* "GET", "POST", ... */
	const char *pattern;	/* "/desk/app/@no" */
	handler_fn fn;		/* the page or API call */
	unsigned roles;		/* RB() mask; 0 = any logged-in user (ignored with F_PUBLIC) */
	unsigned flags;		/* enum route_flags */
};

extern const struct route routes[];
extern const size_t nroutes;

/* Runs one parsed request through the gate and its handler; always leaves a
 * complete response in r (status, type, headers, body). */
void dispatch(struct req *r);
/* Renders the error page / JSON error for status into r. */
void render_error(struct req *r, int status);
/* Path parameter by position. */
const char *rp(const struct req *r, size_t i);
#endif
