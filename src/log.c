/*
 * log.c — the log line writer.  Lines are written with one write(2) so lines
 * from several workers sharing a file never interleave.
 */
#include "log.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

static char request_id[40];
static enum log_level min_level = LOG_INFO;

void log_set_request_id(const char *id)
{
	if (id)
		snprintf(request_id, sizeof request_id, "%s", id);
	else
		request_id[0] = '\0';
}

const char *log_request_id(void)
{
	return request_id;
}

void log_set_level(enum log_level min)
{
	min_level = min;
}

void log_msg(enum log_level lvl, const char *fmt, ...)
{
	static const char *names[] = { "debug", "info", "warn", "error" };
	if (lvl < min_level)
		return;
	char line[2048], ts[32];
	fmt_iso_time(ts, time(NULL));
	int n = snprintf(line, sizeof line, "%s %s pid=%d%s%s ", ts, names[lvl], (int)getpid(),
			 request_id[0] ? " req=" : "", request_id);
	if (n < 0 || (size_t)n >= sizeof line)
		return;
	va_list ap;
	va_start(ap, fmt);
	int m = vsnprintf(line + n, sizeof line - (size_t)n - 1, fmt, ap);
	va_end(ap);
	if (m < 0)
		return;
	size_t len = (size_t)n + ((size_t)m < sizeof line - (size_t)n - 1 ? (size_t)m : sizeof line - (size_t)n - 2);
	/* newlines inside a message would forge log lines: fold them */
	for (size_t i = (size_t)n; i < len; i++)
		if (line[i] == '\n' || line[i] == '\r')
			line[i] = ' ';
	line[len++] = '\n';
	ssize_t w = write(STDERR_FILENO, line, len);
	(void)w;
}
