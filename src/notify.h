/*
 * notify.h — SMS and e-mail through an outbox.  Messages are written in the
 * same transaction as the event that causes them; `gramsewactl
 * send-notifications` (or notify_send_now for OTPs, after commit) delivers
 * them through a driver: log (development), HTTP SMS gateway (URL template
 * with the DLT template id), SMTP; a "portal" message (recipient: a user
 * id) is shown on the user's pages and needs no driver.  A message is claimed before it is sent
 * and never sent twice; failures retry with backoff and stay visible.
 */
#ifndef GS_NOTIFY_H
#define GS_NOTIFY_H
#include "util.h"
#include <stdio.h>

/* Queue one message; returns its id, or 0 on DB error. */
long notify_queue(const char *channel, const char *recipient, const char *body, const char *dlt_template_id,
		  const char *event, const char *ref);
/* The portal messages of user (channel "portal", recipient the user's
 * id), newest first, at most limit: id, body, event, ref, created_at.
 * NULL on a database error. */
struct dbres;
struct dbres *notify_portal(struct arena *a, long user, long limit);
/* Deliver one queued message now (call after the queuing transaction
 * committed).  Returns 0 when sent, -1 otherwise (the job retries). */
int notify_send_now(long id);
/* Deliver due messages, at most limit.  Returns the number processed or -1.
 * Safe to run concurrently (rows are claimed with SKIP LOCKED). */
long notify_run(long limit, FILE *report);
#endif
