/*
 * db.h — the one database module.  All SQL goes through prepared statements
 * with bound parameters; statements are prepared once per connection and
 * cached.  SQL text must be a string literal (tools/check-sources enforces
 * it); values travel only as parameters.
 *
 * Parameter format letters:  s = const char * (NULL binds SQL NULL)
 *                            i = long long
 *                            b = const void *, size_t (binary)
 */
#ifndef GS_DB_H
#define GS_DB_H
#include "util.h"

struct dbres {
	size_t nrows;		/* rows fetched */
	size_t ncols;		/* columns per row */
	char **cells;		/* nrows*ncols values, NULL for SQL NULL; arena memory */
	unsigned long *lens;	/* byte length of each cell */
};

/* Connect using cfg; returns 0 or -1 (logged).  Called lazily by queries. */
int db_connect(void);
void db_close(void);
bool db_ping(void);			/* true when the server answers */

/* Execute; returns matched rows (>= 0; CLIENT_FOUND_ROWS) or -1 on error. */
long long db_exec(const char *sql, const char *fmt, ...);
/* Query into an arena-allocated result; NULL on error. */
struct dbres *db_query(struct arena *a, const char *sql, const char *fmt, ...);
/* First column of the first row, or NULL (no row, NULL value, or error). */
const char *db_scalar(struct arena *a, const char *sql, const char *fmt, ...);
long long db_last_id(void);
unsigned db_errno(void);		/* last server error number (0 = none) */
const char *db_error(void);
bool db_err_dup(void);			/* last error was a duplicate key */
bool db_err_retry(void);		/* deadlock or lock wait timeout */
bool db_down(void);			/* last failure was the connection */

/* Multi-statement script (migrations only; not for user data). */
int db_exec_script(const char *script);

/* Transactions.  db_txn runs fn inside BEGIN/COMMIT, rolls back when fn
 * returns non-zero, and runs the whole function again (up to 4 times in all)
 * when the server reports a deadlock (a Galera certification conflict is
 * one) or the connection was lost before COMMIT; after either, every
 * statement of the transaction fails until it ends.  A COMMIT whose answer
 * is lost is not retried.  Returns fn's result, or -1 on DB error. */
int db_begin(void);
int db_commit(void);
void db_rollback(void);
bool db_in_txn(void);
int db_txn(int (*fn)(void *ctx), void *ctx);

/* Cell access helpers; row/col out of range give NULL. */
const char *db_val(const struct dbres *r, size_t row, size_t col);
long long db_int(const struct dbres *r, size_t row, size_t col);	/* 0 for NULL */
/* Drops the rows i of r with !keep[i], keeping the others in order (a
 * filter SQL cannot express, such as a jurisdiction rule). */
void db_rows_keep(struct dbres *r, const bool *keep);
#endif
