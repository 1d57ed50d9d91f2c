/*
 * test_txn.c — db.c's transactions when the connection dies inside one, as
 * it does when a Galera node or the proxy in front of it goes away.  Runs
 * against a real MariaDB (the test stack's): tests/run-all.sh passes the
 * stack's config.  The connection is lost on purpose by a session killing
 * itself (KILL CONNECTION CONNECTION_ID()), which the client sees exactly
 * like a server that went away.  Rows are test keys in `throttles`, removed
 * at the end.  Prints one "ok - name" / "not ok - name: why" line per test.
 *
 *   test_txn CONFIG
 */
#include "config.h"
#include "db.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static int failures;
static struct arena A;
static char key_a[64], key_b[64];

static void report(const char *name, const char *why)
{
	if (why) {
		printf("not ok - %s: %s\n", name, why);
		failures++;
	} else {
		printf("ok - %s\n", name);
	}
	fflush(stdout);
}

/* Rows stored under a test key (read on a fresh statement, after the unit). */
static long stored(const char *key)
{
	const char *n = db_scalar(&A, "SELECT COUNT(*) FROM throttles WHERE k = ?", "s", key);
	return n ? strtol(n, NULL, 10) : -1;
}

static long long put(const char *key)
{
	return db_exec("INSERT INTO throttles (k, window_start, hits) VALUES (?, NOW(), 1)", "s", key);
}

/* The server ends this session, as a dying node or proxy would. */
static void lose_connection(void)
{
	const char *id = db_scalar(&A, "SELECT CONNECTION_ID()", NULL);
	if (id)
		db_exec("KILL CONNECTION ?", "i", (long long)strtoll(id, NULL, 10));
}

static void clean(void)
{
	db_exec("DELETE FROM throttles WHERE k IN (?, ?)", "ss", key_a, key_b);
}

/* A statement after the loss must not run on a new connection on its own
 * (autocommitted, while the first half was rolled back), and the commit of
 * such a transaction must fail. */
static void test_statement_after_loss_does_not_autocommit(void)
{
	const char *name = "statement_after_lost_connection_does_not_run_outside_the_transaction";
	clean();
	if (db_begin() != 0 || put(key_a) != 1) {
		report(name, "setup failed");
		return;
	}
	lose_connection();
	long long second = put(key_b);
	int commit = db_commit();
	db_rollback();
	long a = stored(key_a), b = stored(key_b);
	if (second != -1)
		report(name, "the statement after the loss ran (on a new connection, autocommitted)");
	else if (commit != -1)
		report(name, "the commit of the broken transaction reported success");
	else if (a != 0 || b != 0)
		report(name, arena_printf(&A, "half a transaction was stored (first %ld, second %ld)", a, b));
	else
		report(name, NULL);
}

struct unit {
	int runs;		/* times db_txn ran the function */
};

/* Two inserts; the first run loses the connection between them and, like
 * code that ignores a failed read, carries on. */
static int two_inserts(void *p)
{
	struct unit *u = p;
	u->runs++;
	if (put(key_a) != 1)
		return -1;
	if (u->runs == 1)
		lose_connection();
	put(key_b);
	return 0;
}

/* The server rolled the unit back before COMMIT, so db_txn may and should
 * run it again on a new connection: all of it, once. */
static void test_txn_reruns_unit_after_loss_before_commit(void)
{
	const char *name = "db_txn_runs_the_unit_again_after_a_connection_lost_before_commit";
	clean();
	struct unit u = { 0 };
	int rc = db_txn(two_inserts, &u);
	long a = stored(key_a), b = stored(key_b);
	if (rc != 0)
		report(name, arena_printf(&A, "db_txn returned %d (%s)", rc, db_error()));
	else if (u.runs != 2)
		report(name, arena_printf(&A, "the unit ran %d times, expected 2", u.runs));
	else if (a != 1 || b != 1)
		report(name, arena_printf(&A, "stored first %ld, second %ld times; expected once each", a, b));
	else
		report(name, NULL);
}

int main(int argc, char **argv)
{
	char err[256];
	if (argc != 2) {
		fprintf(stderr, "usage: test_txn CONFIG\n");
		return 2;
	}
	if (config_load(argv[1], err, sizeof err) != 0) {
		fprintf(stderr, "test_txn: %s\n", err);
		return 2;
	}
	arena_init(&A);
	snprintf(key_a, sizeof key_a, "test-txn:%ld:a", (long)getpid());
	snprintf(key_b, sizeof key_b, "test-txn:%ld:b", (long)getpid());
	if (db_connect() != 0) {
		printf("not ok - database reachable: %s\n", db_error());
		return 1;
	}
	test_statement_after_loss_does_not_autocommit();
	test_txn_reruns_unit_after_loss_before_commit();
	clean();
	db_close();
	arena_free(&A);
	config_free();
	return failures ? 1 : 0;
}
