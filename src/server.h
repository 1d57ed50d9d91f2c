/*
 * server.h — turning one FastCGI request into a struct req, running it
 * through the gate, and writing the response.
 */
#ifndef GS_SERVER_H
#define GS_SERVER_H
#include "req.h"

/* Initialises per-request state from already-extracted CGI values.  Used by
 * the FastCGI worker and by tests.  Returns 0 or an HTTP status (400, 413)
 * for a request that cannot be parsed; the caller then renders that error. */
struct cgi_in {
	const char *method, *uri, *query, *ctype, *clen, *remote_ip, *cookie, *ua, *authz, *idem, *https, *dlhmac, *telsig;
};
int req_setup(struct req *r, const struct cgi_in *in, const char *body, size_t body_len);
/* Process one request end to end into r (dispatch + error rendering). */
void req_run(struct req *r, const struct cgi_in *in, const char *body, size_t body_len);
/* Serialise the response head (Status, headers) into b. */
void req_head(const struct req *r, struct sbuf *b);
void req_release(struct req *r);	/* frees the HDF and buffers (not the arena) */
extern time_t server_started;
#endif
