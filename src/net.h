/*
 * net.h — the one outbound client (libcurl).  Every call this product makes
 * to another system goes through here: the SMS gateway and SMTP
 * (notifications), billers' HTTP adapters, the payment gateway's query
 * service.  One place sets what every call must have: a timeout, no
 * signals (libcurl's resolver would otherwise time out with SIGALRM inside
 * a worker), a cap on how much of an answer is kept, and an error text for
 * the caller's log or retry record.
 */
#ifndef GS_NET_H
#define GS_NET_H
#include "json.h"
#include "util.h"

/* The most of an answer kept; a longer one is a failed call. */
#define NET_MAX_ANSWER 65536

struct net_answer {
	long status;		/* HTTP status, 0 when no answer came */
	const char *body;	/* the answer (arena, NUL-terminated), "" when none */
	size_t len;		/* its length */
	char err[200];		/* why the call failed ("" when it did not) */
};

/* GET url, or POST body (Content-Type ctype) when body is not NULL, within
 * timeout seconds.  Returns 0 when an answer came (any HTTP status: see
 * ans->status), -1 when none did or it was longer than NET_MAX_ANSWER
 * (ans->err says why).  The answer lives in a; with a NULL it is not kept
 * (nor limited). */
int net_http(struct arena *a, const char *url, const char *body, const char *ctype, long timeout,
	     struct net_answer *ans);
/* net_http for a JSON service: POST body as application/json (GET when
 * NULL); the answer parsed whatever its status.  NULL when no answer came
 * or it is not JSON.  Arena memory. */
struct jval *net_json(struct arena *a, const char *url, const char *body, long timeout);
/* Sends one message (its headers and body, CRLF lines) by SMTP (url
 * smtp://host:port or smtps://...) from from to to.  0, or -1 with err. */
int net_smtp(const char *url, const char *from, const char *to, const char *message, long timeout, char err[200]);
#endif
