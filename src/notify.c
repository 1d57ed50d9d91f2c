/*
 * notify.c — the outbox and its delivery drivers.
 */
#include "notify.h"
#include "config.h"
#include "db.h"
#include "log.h"
#include "net.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <sys/file.h>
#include <unistd.h>

long notify_queue(const char *channel, const char *recipient, const char *body, const char *dlt, const char *event,
		  const char *ref)
{
	if (db_exec("INSERT INTO notifications (channel, recipient, body, dlt_template_id, event, ref, next_attempt_at) "
		    "VALUES (?, ?, ?, ?, ?, ?, NOW())", "ssssss", channel, recipient, body, dlt, event, ref) != 1)
		return 0;
	return (long)db_last_id();
}

struct dbres *notify_portal(struct arena *a, long user, long limit)
{
	return db_query(a, "SELECT id, body, event, ref, created_at FROM notifications WHERE recipient = ? AND channel = 'portal' "
			   "ORDER BY id DESC LIMIT ?", "si", arena_printf(a, "%ld", user), (long long)limit);
}

/* log driver: one line per message in cfg.notify_log, appended under a lock */
static int drv_log(const char *channel, const char *to, const char *body, const char *dlt, long id, char *err)
{
	char *path = config_path(cfg.notify_log);
	int fd = open(path, O_WRONLY | O_CREAT | O_APPEND, 0640);
	free(path);
	if (fd < 0) {
		snprintf(err, 200, "cannot open the notification log");
		return -1;
	}
	char ts[32];
	fmt_iso_time(ts, now_secs());
	char *line = xasprintf("%s %s to=%s dlt=%s id=%ld %s\n", ts, channel, to, dlt ? dlt : "-", id, body);
	for (char *p = line; p[1]; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
	flock(fd, LOCK_EX);
	ssize_t w = write(fd, line, strlen(line));
	flock(fd, LOCK_UN);
	close(fd);
	free(line);
	return w > 0 ? 0 : -1;
}

/* HTTP SMS gateway: sms_url with {mobile} {text} {dlt} {ref} substituted
 * (URL-encoded).  2xx = accepted. */
static int drv_sms_http(const char *to, const char *body, const char *dlt, long id, char *err)
{
	if (str_empty(cfg.sms_url)) {
		snprintf(err, 200, "sms_url is not configured");
		return -1;
	}
	struct arena a;
	arena_init(&a);
	const char *keys[] = { "{mobile}", "{text}", "{dlt}", "{ref}" };
	const char *vals[] = { to, body, dlt ? dlt : "", arena_printf(&a, "%ld", id) };
	struct net_answer ans;
	int rc = net_http(NULL, str_fill(&a, cfg.sms_url, keys, vals, ARRAY_LEN(keys), true), NULL, NULL, 10, &ans);
	arena_free(&a);
	if (rc != 0 || ans.status < 200 || ans.status > 299) {
		snprintf(err, 200, "gateway: %.150s (HTTP %ld)", rc != 0 ? ans.err : "refused", ans.status);
		return -1;
	}
	return 0;
}

static int drv_smtp(const char *to, const char *body, long id, char *err)
{
	if (str_empty(cfg.smtp_url)) {
		snprintf(err, 200, "smtp_url is not configured");
		return -1;
	}
	char *msg = xasprintf("From: %s\r\nTo: %s\r\nSubject: GramSewa\r\nMessage-ID: <%ld@gramsewa>\r\n"
			      "Content-Type: text/plain; charset=utf-8\r\n\r\n%s\r\n", cfg.smtp_from, to, id, body);
	int rc = net_smtp(cfg.smtp_url, cfg.smtp_from, to, msg, 15, err);
	free(msg);
	return rc;
}

static int deliver(const char *channel, const char *to, const char *body, const char *dlt, long id, char *err)
{
	if (str_eq(cfg.notify_driver, "log"))
		return drv_log(channel, to, body, dlt, id, err);
	if (str_eq(channel, "portal"))	/* the row is the message: nothing to send */
		return 0;
	if (str_eq(channel, "sms")) {
		if (str_empty(dlt)) {	/* Indian operators drop SMS without a DLT template id */
			snprintf(err, 200, "no DLT template id");
			return -1;
		}
		return drv_sms_http(to, body, dlt, id, err);
	}
	return drv_smtp(to, body, id, err);
}

/* Claims message id (pending and due, or forced), delivers, records. */
static int process(struct arena *a, long id, bool force)
{
	if (db_begin() != 0)
		return -1;
	struct dbres *r = db_query(a,
		"SELECT id, channel, recipient, body, dlt_template_id, attempts FROM notifications "
		"WHERE id = ? AND (status IN ('pending', 'failed') AND (? OR next_attempt_at <= NOW()) "
		"OR status = 'sending' AND next_attempt_at <= NOW()) AND attempts < 8 "
		"FOR UPDATE SKIP LOCKED", "ii", (long long)id, (long long)force);
	if (!r || r->nrows != 1) {
		db_rollback();
		return -1;
	}
	/* claim: once 'sending' is committed no other runner picks it up until
	 * the ten-minute lease runs out (a sender that died mid-way); such a
	 * message may then go twice, never zero times */
	if (db_exec("UPDATE notifications SET status = 'sending', attempts = attempts + 1, "
		    "next_attempt_at = NOW() + INTERVAL 10 MINUTE WHERE id = ?", "i",
		    (long long)id) != 1 || db_commit() != 0) {
		db_rollback();
		return -1;
	}
	char err[200] = "";
	int rc = deliver(db_val(r, 0, 1), db_val(r, 0, 2), db_val(r, 0, 3), db_val(r, 0, 4), id, err);
	long long attempts = db_int(r, 0, 5) + 1;
	if (rc == 0)
		db_exec("UPDATE notifications SET status = 'sent', sent_at = NOW(), last_error = NULL WHERE id = ?", "i",
			(long long)id);
	else
		/* backoff: 1, 2, 4 ... minutes */
		db_exec("UPDATE notifications SET status = 'failed', last_error = ?, "
			"next_attempt_at = NOW() + INTERVAL ? MINUTE WHERE id = ?", "sii", err, (long long)(1LL << (attempts - 1)),
			(long long)id);
	if (rc)
		log_warn("notification %ld not delivered: %s", id, err);
	return rc;
}

int notify_send_now(long id)
{
	struct arena a;
	arena_init(&a);
	int rc = process(&a, id, true);
	arena_free(&a);
	return rc;
}

long notify_run(long limit, FILE *report)
{
	struct arena a;
	arena_init(&a);
	long done = 0, sent = 0;
	struct dbres *due = db_query(&a, "SELECT id FROM notifications WHERE status IN ('pending', 'failed', 'sending') "
					 "AND next_attempt_at <= NOW() AND attempts < 8 ORDER BY id LIMIT ?", "i", (long long)limit);
	if (!due) {
		arena_free(&a);
		return -1;
	}
	for (size_t i = 0; i < due->nrows; i++) {
		struct arena one;
		arena_init(&one);
		if (process(&one, (long)db_int(due, i, 0), false) == 0)
			sent++;
		arena_free(&one);
		done++;
	}
	if (report)
		fprintf(report, "notifications: %ld due, %ld sent, %ld failed (will retry)\n", done, sent, done - sent);
	arena_free(&a);
	return done;
}
