/*
 * db.c — MariaDB access over the MySQL C API.  One persistent connection per
 * process, a cache of prepared statements keyed by the SQL literal, string
 * results copied into the caller's arena, reconnect when the server went away
 * (outside a transaction), and a transaction helper that runs a unit again
 * after a deadlock or after losing the connection before COMMIT.
 */
#include "db.h"
#include "config.h"
#include "log.h"

#include <mysql.h>
#include <errmsg.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define STMT_CACHE 256
#define MAX_PARAMS 64

struct stmt_entry {
	const char *sql;	/* the literal, compared by content */
	MYSQL_STMT *stmt;	/* prepared on the current connection */
};

static MYSQL *conn;
static struct stmt_entry cache[STMT_CACHE];
static size_t ncache;
static int txn_depth;
static unsigned last_errno;
static char last_error[512];

/* Set when a statement inside a transaction hit a deadlock or lock wait
 * timeout, or lost the connection (a node or the proxy in front of it went
 * away): the server has rolled the transaction back, so nothing more may run
 * in it until db_rollback (it would run on its own, committed at once, on a
 * new connection); db_commit fails and db_txn runs the whole unit again.
 * broken_errno keeps the first error, which says which of the two it was. */
static bool txn_broken;
static unsigned broken_errno;

static bool retryable(unsigned no) { return no == 1213 || no == 1205; }
static bool conn_lost(unsigned no);

static void set_error(unsigned no, const char *msg)
{
	last_errno = no;
	snprintf(last_error, sizeof last_error, "%s", msg ? msg : "");
	if (txn_depth > 0 && !txn_broken && (retryable(no) || conn_lost(no))) {
		txn_broken = true;
		broken_errno = no;
	}
}

static void cache_clear(void)
{
	for (size_t i = 0; i < ncache; i++)
		mysql_stmt_close(cache[i].stmt);
	ncache = 0;
}

/* Drops a dead connection; an open transaction stays open (and broken) for
 * its caller to end, so that nothing reconnects in the middle of it. */
static void conn_drop(void)
{
	if (!conn)
		return;
	cache_clear();
	mysql_close(conn);
	conn = NULL;
}

void db_close(void)
{
	conn_drop();
	txn_depth = 0;
}

int db_connect(void)
{
	if (conn)
		return 0;
	conn = mysql_init(NULL);
	if (!conn)
		abort();
	unsigned timeout = 5;
	mysql_options(conn, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
	mysql_options(conn, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	const char *sock = str_empty(cfg.db_socket) ? NULL : cfg.db_socket;
	char *sockpath = sock ? config_path(sock) : NULL;
	if (!mysql_real_connect(conn, sock ? NULL : cfg.db_host, cfg.db_user, cfg.db_password, cfg.db_name,
				(unsigned)cfg.db_port, sockpath, CLIENT_FOUND_ROWS)) {
		set_error(mysql_errno(conn), mysql_error(conn));
		log_error("db connect failed: %s", last_error);
		free(sockpath);
		mysql_close(conn);
		conn = NULL;
		return -1;
	}
	free(sockpath);
	/* Times are Indian Standard Time everywhere, whatever the server's zone,
	 * so CURDATE() is the IST date that ist_today() gives in C. */
	if (mysql_query(conn, "SET time_zone = '+05:30', tx_isolation = 'READ-COMMITTED'") != 0)
		goto fail;
	return 0;
fail:
	set_error(mysql_errno(conn), mysql_error(conn));
	log_error("db session setup failed: %s", last_error);
	mysql_close(conn);
	conn = NULL;
	return -1;
}

/* Under the test clock, sets the session's timestamp to now_usecs() so
 * NOW(6) and CURDATE() follow the application's clock.  Called before every
 * statement: a timestamp set once would stand still, and rows stamped
 * NOW(6) (queue order) would tie.  Returns 0, or -1 (error recorded). */
static int sync_clock(void)
{
	if (!clock_faked())
		return 0;
	long long us = now_usecs();
	char q[64];
	snprintf(q, sizeof q, "SET timestamp = %lld.%06lld", us / 1000000, us % 1000000);
	if (mysql_query(conn, q) != 0) {	/* a number we formatted, not user data */
		set_error(mysql_errno(conn), mysql_error(conn));
		return -1;
	}
	return 0;
}

static bool conn_lost(unsigned no)
{
	return no == CR_SERVER_GONE_ERROR || no == CR_SERVER_LOST || no == 1927 /* ER_CONNECTION_KILLED */ ||
	       no == 4031 /* ER_CLIENT_INTERACTION_TIMEOUT */ || no == CR_CONN_HOST_ERROR || no == CR_CONNECTION_ERROR;
}

bool db_down(void)
{
	return conn_lost(last_errno) || (!conn && last_errno != 0);
}

bool db_ping(void)
{
	if (db_connect() != 0)
		return false;
	if (mysql_ping(conn) == 0)
		return true;
	set_error(mysql_errno(conn), mysql_error(conn));
	db_close();
	return db_connect() == 0 && mysql_ping(conn) == 0;
}

static MYSQL_STMT *prepare(const char *sql)
{
	/* the same literal is the same pointer: look for it first, and
	 * compare text (a literal the compiler did not merge) only then */
	for (size_t i = 0; i < ncache; i++)
		if (cache[i].sql == sql)
			return cache[i].stmt;
	for (size_t i = 0; i < ncache; i++)
		if (strcmp(cache[i].sql, sql) == 0)
			return cache[i].stmt;
	MYSQL_STMT *st = mysql_stmt_init(conn);
	if (!st)
		abort();
	if (mysql_stmt_prepare(st, sql, strlen(sql)) != 0) {
		set_error(mysql_stmt_errno(st), mysql_stmt_error(st));
		log_error("prepare failed: %s: %.200s", last_error, sql);
		mysql_stmt_close(st);
		return NULL;
	}
	my_bool on = 1;
	mysql_stmt_attr_set(st, STMT_ATTR_UPDATE_MAX_LENGTH, &on);
	if (ncache == STMT_CACHE) {	/* full: drop the oldest */
		mysql_stmt_close(cache[0].stmt);
		memmove(cache, cache + 1, (STMT_CACHE - 1) * sizeof cache[0]);
		ncache--;
	}
	cache[ncache].sql = sql;
	cache[ncache].stmt = st;
	ncache++;
	return st;
}

struct bound {
	MYSQL_BIND bind[MAX_PARAMS];
	long long ints[MAX_PARAMS];
	unsigned long lens[MAX_PARAMS];
	my_bool nulls[MAX_PARAMS];
};

static int bind_params(MYSQL_STMT *st, struct bound *b, const char *fmt, va_list ap)
{
	size_t n = fmt ? strlen(fmt) : 0;
	if (n > MAX_PARAMS || n != mysql_stmt_param_count(st)) {
		set_error(9999, "parameter count mismatch");
		log_error("bind: %zu params given, statement wants %lu", n, mysql_stmt_param_count(st));
		return -1;
	}
	memset(b->bind, 0, n * sizeof b->bind[0]);
	for (size_t i = 0; i < n; i++) {
		MYSQL_BIND *x = &b->bind[i];
		const char *s;
		switch (fmt[i]) {
		case 's':
			s = va_arg(ap, const char *);
			if (!s) {
				x->buffer_type = MYSQL_TYPE_NULL;
				break;
			}
			x->buffer_type = MYSQL_TYPE_STRING;
			x->buffer = (void *)s;
			b->lens[i] = strlen(s);
			x->buffer_length = b->lens[i];
			x->length = &b->lens[i];
			break;
		case 'i':
			b->ints[i] = va_arg(ap, long long);
			x->buffer_type = MYSQL_TYPE_LONGLONG;
			x->buffer = &b->ints[i];
			break;
		case 'b':
			x->buffer_type = MYSQL_TYPE_BLOB;
			x->buffer = (void *)va_arg(ap, const void *);
			b->lens[i] = va_arg(ap, size_t);
			x->buffer_length = b->lens[i];
			x->length = &b->lens[i];
			break;
		default:
			set_error(9999, "bad parameter format");
			log_error("bind: bad format letter '%c'", fmt[i]);
			return -1;
		}
	}
	if (n && mysql_stmt_bind_param(st, b->bind) != 0) {
		set_error(mysql_stmt_errno(st), mysql_stmt_error(st));
		return -1;
	}
	return 0;
}

/* Prepare, bind and execute; on a lost connection outside a transaction,
 * reconnect and try once more.  Returns the executed statement or NULL. */
static MYSQL_STMT *run(const char *sql, const char *fmt, va_list ap)
{
	struct bound b;
	if (txn_broken) {
		set_error(broken_errno, retryable(broken_errno) ? "statement after a deadlock in the same transaction"
							  : "statement after the transaction lost its connection");
		return NULL;
	}
	for (int attempt = 0; attempt < 2; attempt++) {
		va_list aq;
		if (db_connect() != 0)
			return NULL;
		MYSQL_STMT *st = prepare(sql);
		if (!st) {
			if (conn_lost(last_errno) && txn_depth == 0 && attempt == 0) {
				db_close();
				continue;
			}
			return NULL;
		}
		va_copy(aq, ap);
		int rc = bind_params(st, &b, fmt, aq);
		va_end(aq);
		if (rc != 0)
			return NULL;
		rc = sync_clock();
		if (rc == 0 && mysql_stmt_execute(st) == 0) {
			last_errno = 0;
			return st;
		}
		if (rc == 0)
			set_error(mysql_stmt_errno(st), mysql_stmt_error(st));
		if (conn_lost(last_errno) && txn_depth == 0 && attempt == 0) {
			log_warn("db connection lost (%s); reconnecting", last_error);
			db_close();
			continue;
		}
		if (conn_lost(last_errno))
			conn_drop();
		if (last_errno != 1062 && last_errno != 1213 && last_errno != 1205)
			log_error("execute failed: %u %s: %.200s", last_errno, last_error, sql);
		return NULL;
	}
	return NULL;
}

long long db_exec(const char *sql, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	MYSQL_STMT *st = run(sql, fmt, ap);
	va_end(ap);
	if (!st)
		return -1;
	long long n = (long long)mysql_stmt_affected_rows(st);
	mysql_stmt_free_result(st);
	return n < 0 ? 0 : n;
}

static struct dbres *fetch(struct arena *a, MYSQL_STMT *st)
{
	struct dbres *r = arena_alloc(a, sizeof *r);
	MYSQL_RES *meta = mysql_stmt_result_metadata(st);
	if (!meta)
		return r;	/* statement returns no rows */
	if (mysql_stmt_store_result(st) != 0) {
		set_error(mysql_stmt_errno(st), mysql_stmt_error(st));
		mysql_free_result(meta);
		return NULL;
	}
	size_t nc = mysql_num_fields(meta), nr = (size_t)mysql_stmt_num_rows(st);
	MYSQL_FIELD *fields = mysql_fetch_fields(meta);
	MYSQL_BIND *bind = xcalloc(nc, sizeof *bind);
	unsigned long *lens = xcalloc(nc, sizeof *lens);
	my_bool *nulls = xcalloc(nc, sizeof *nulls);
	char **bufs = xcalloc(nc, sizeof *bufs);
	for (size_t c = 0; c < nc; c++) {
		size_t cap = fields[c].max_length + 1;
		if (cap < 32)
			cap = 32;	/* numbers and dates report small max lengths */
		bufs[c] = xmalloc(cap);
		bind[c].buffer_type = MYSQL_TYPE_STRING;
		bind[c].buffer = bufs[c];
		bind[c].buffer_length = cap;
		bind[c].length = &lens[c];
		bind[c].is_null = &nulls[c];
	}
	r->ncols = nc;
	r->cells = arena_alloc(a, (nr * nc + 1) * sizeof *r->cells);
	r->lens = arena_alloc(a, (nr * nc + 1) * sizeof *r->lens);
	if (mysql_stmt_bind_result(st, bind) != 0)
		goto fail;
	size_t row = 0;
	int rc;
	while (row < nr && (rc = mysql_stmt_fetch(st)) != MYSQL_NO_DATA) {
		if (rc == 1)
			goto fail;
		for (size_t c = 0; c < nc; c++) {
			size_t i = row * nc + c;
			if (nulls[c])
				continue;
			unsigned long len = lens[c];
			if (len >= bind[c].buffer_length) {	/* truncated: fetch the column whole */
				char *big = arena_alloc(a, len + 1);
				MYSQL_BIND one = bind[c];
				one.buffer = big;
				one.buffer_length = len + 1;
				if (mysql_stmt_fetch_column(st, &one, (unsigned)c, 0) != 0)
					goto fail;
				big[len] = '\0';
				r->cells[i] = big;
			} else {
				r->cells[i] = arena_strndup(a, bufs[c], len);
			}
			r->lens[i] = len;
		}
		row++;
	}
	r->nrows = row;
	goto out;
fail:
	set_error(mysql_stmt_errno(st), mysql_stmt_error(st));
	log_error("fetch failed: %s", last_error);
	r = NULL;
out:
	for (size_t c = 0; c < nc; c++)
		free(bufs[c]);
	free(bufs);
	free(bind);
	free(lens);
	free(nulls);
	mysql_stmt_free_result(st);
	mysql_free_result(meta);
	return r;
}

struct dbres *db_query(struct arena *a, const char *sql, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	MYSQL_STMT *st = run(sql, fmt, ap);
	va_end(ap);
	return st ? fetch(a, st) : NULL;
}

const char *db_scalar(struct arena *a, const char *sql, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	MYSQL_STMT *st = run(sql, fmt, ap);
	va_end(ap);
	struct dbres *r = st ? fetch(a, st) : NULL;
	return r && r->nrows ? r->cells[0] : NULL;
}

long long db_last_id(void)
{
	return conn ? (long long)mysql_insert_id(conn) : 0;
}

unsigned db_errno(void) { return last_errno; }
const char *db_error(void) { return last_error; }
bool db_err_dup(void) { return last_errno == 1062; }
bool db_err_retry(void) { return retryable(last_errno); }

int db_exec_script(const char *script)
{
	if (db_connect() != 0)
		return -1;
	mysql_set_server_option(conn, MYSQL_OPTION_MULTI_STATEMENTS_ON);
	int rc = mysql_query(conn, script);
	if (rc == 0) {
		do {
			MYSQL_RES *res = mysql_store_result(conn);
			if (res)
				mysql_free_result(res);
		} while ((rc = mysql_next_result(conn)) == 0);
		rc = rc > 0 ? 1 : 0;
	}
	if (rc != 0)
		set_error(mysql_errno(conn), mysql_error(conn));
	mysql_set_server_option(conn, MYSQL_OPTION_MULTI_STATEMENTS_OFF);
	return rc ? -1 : 0;
}

static int simple(const char *q)
{
	if (db_connect() != 0)
		return -1;
	if (mysql_query(conn, q) != 0) {
		set_error(mysql_errno(conn), mysql_error(conn));
		if (conn_lost(last_errno))
			db_close();
		return -1;
	}
	return 0;
}

int db_begin(void)
{
	if (txn_depth > 0) {
		log_error("nested transaction");
		return -1;
	}
	/* a fresh connection is made here if needed, so the reconnect rule holds */
	if (simple("START TRANSACTION") != 0) {
		if (!conn_lost(last_errno) || simple("START TRANSACTION") != 0)
			return -1;
	}
	txn_depth = 1;
	txn_broken = false;
	return 0;
}

int db_commit(void)
{
	if (txn_broken) {
		unsigned why = broken_errno;
		db_rollback();
		set_error(why, retryable(why) ? "commit of a transaction a deadlock rolled back"
					      : "commit of a transaction that lost its connection (rolled back)");
		return -1;
	}
	int rc = simple("COMMIT");
	txn_depth = 0;
	txn_broken = false;	/* a failed COMMIT ends the transaction too */
	return rc;
}

void db_rollback(void)
{
	txn_broken = false;
	if (txn_depth == 0)
		return;
	txn_depth = 0;
	if (conn)
		simple("ROLLBACK");
}

bool db_in_txn(void)
{
	return txn_depth > 0;
}

int db_txn(int (*fn)(void *ctx), void *ctx)
{
	for (int attempt = 0; attempt < 4; attempt++) {
		if (db_begin() != 0)
			return -1;
		int rc = fn(ctx);
		/* lost before COMMIT was sent: the server rolled it all back, and
		 * whatever fn decided from reads that failed is void, so it runs
		 * again on a new connection.  A COMMIT whose answer is lost is not
		 * retried: it may have landed (the client retries with its
		 * Idempotency-Key). */
		bool lost = txn_broken && conn_lost(broken_errno);
		if (rc == 0) {
			if (db_commit() == 0)
				return 0;
		} else {
			unsigned saved = last_errno;
			db_rollback();
			last_errno = saved;
		}
		if (!db_err_retry() && !lost)
			return rc ? rc : -1;
		log_warn("transaction retry %d after %s", attempt + 1, last_error);
	}
	return -1;
}

const char *db_val(const struct dbres *r, size_t row, size_t col)
{
	if (!r || row >= r->nrows || col >= r->ncols)
		return NULL;
	return r->cells[row * r->ncols + col];
}

long long db_int(const struct dbres *r, size_t row, size_t col)
{
	const char *v = db_val(r, row, col);
	return v ? strtoll(v, NULL, 10) : 0;
}

void db_rows_keep(struct dbres *r, const bool *keep)
{
	size_t n = 0;
	for (size_t i = 0; i < r->nrows; i++) {
		if (!keep[i])
			continue;
		if (n != i) {
			memcpy(r->cells + n * r->ncols, r->cells + i * r->ncols, r->ncols * sizeof *r->cells);
			memcpy(r->lens + n * r->ncols, r->lens + i * r->ncols, r->ncols * sizeof *r->lens);
		}
		n++;
	}
	r->nrows = n;
}
