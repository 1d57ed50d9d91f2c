/*
 * log.h — one-line log records to stderr (the supervisor points stderr at
 * var/log/gramsewa.log).  Every line carries the pid and, inside a request,
 * the request id, so a user's "reference" on an error page finds the line.
 */
#ifndef GS_LOG_H
#define GS_LOG_H
#include "util.h"

enum log_level { LOG_DEBUG, LOG_INFO, LOG_WARN, LOG_ERROR };

void log_set_request_id(const char *id);	/* NULL outside a request */
const char *log_request_id(void);		/* the current request's id; "" outside a request */
void log_set_level(enum log_level min);
void log_msg(enum log_level lvl, const char *fmt, ...) GS_PRINTF(2, 3);

#define log_info(...) log_msg(LOG_INFO, __VA_ARGS__)
#define log_warn(...) log_msg(LOG_WARN, __VA_ARGS__)
#define log_error(...) log_msg(LOG_ERROR, __VA_ARGS__)
/* An error with the function name, for "one failure path" handlers. */
#define log_fail(fmt, ...) log_msg(LOG_ERROR, "%s: " fmt, __func__, ##__VA_ARGS__)
#endif
