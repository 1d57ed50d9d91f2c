/*
 * gramsewactl.c — the admin command line: one table of commands, each a
 * function taking its own arguments.  Jobs meant for cron (escalate,
 * send-notifications, pay-reconcile) are idempotent and safe to run twice
 * at once.
 */
#include "ctl.h"
#include "audit.h"
#include "config.h"
#include "db.h"
#include "log.h"

#include <dirent.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int cmd_config(int argc, char **argv)
{
	config_print(stdout);
	return 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Reads a whole file into a malloc'd NUL-terminated buffer. */
char *ctl_slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	struct sbuf b;
	sbuf_init(&b);
	char buf[65536];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		sbuf_add(&b, buf, n);
	fclose(f);
	if (len)
		*len = b.len;
	return sbuf_detach(&b);
}

/* migrate [--dir sql] — apply sql/NNN_*.sql in order, once each. */
static int cmd_migrate(int argc, char **argv)
{
	const char *dir = argc > 2 && str_eq(argv[1], "--dir") ? argv[2] : NULL;
	char *sqldir = dir ? xstrdup(dir) : config_path("sql");
	struct arena a;
	arena_init(&a);
	int rc = 1;
	char **names = NULL;
	size_t nnames = 0;
	if (db_exec("CREATE TABLE IF NOT EXISTS schema_migrations (name VARCHAR(200) PRIMARY KEY, "
		    "checksum CHAR(64) NOT NULL, applied_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP) ENGINE=InnoDB",
		    NULL) < 0) {
		fprintf(stderr, "migrate: %s\n", db_error());
		goto out;
	}
	DIR *d = opendir(sqldir);
	if (!d) {
		fprintf(stderr, "migrate: cannot open %s\n", sqldir);
		goto out;
	}
	struct dirent *e;
	while ((e = readdir(d))) {
		size_t l = strlen(e->d_name);
		if (l > 8 && e->d_name[0] >= '0' && e->d_name[0] <= '9' && strcmp(e->d_name + l - 4, ".sql") == 0) {
			names = xrealloc(names, (nnames + 1) * sizeof *names);
			names[nnames++] = xstrdup(e->d_name);
		}
	}
	closedir(d);
	qsort(names, nnames, sizeof *names, cmp_str);
	int applied = 0;
	for (size_t i = 0; i < nnames; i++) {
		char *path = xasprintf("%s/%s", sqldir, names[i]);
		size_t len;
		char *text = ctl_slurp(path, &len);
		free(path);
		if (!text) {
			fprintf(stderr, "migrate: cannot read %s\n", names[i]);
			goto out;
		}
		unsigned char h[32];
		crypto_hash_sha256(h, (unsigned char *)text, len);
		char hex[65];
		sodium_bin2hex(hex, sizeof hex, h, sizeof h);
		const char *have = db_scalar(&a, "SELECT checksum FROM schema_migrations WHERE name = ?", "s", names[i]);
		if (have) {
			free(text);
			if (!str_eq(have, hex)) {
				fprintf(stderr, "migrate: %s was changed after it was applied (checksum %s, now %s); "
					"write a new migration instead\n", names[i], have, hex);
				goto out;
			}
			continue;
		}
		if (db_exec_script(text) != 0) {
			fprintf(stderr, "migrate: %s failed: %s\n", names[i], db_error());
			free(text);
			goto out;
		}
		free(text);
		if (db_exec("INSERT INTO schema_migrations (name, checksum) VALUES (?, ?)", "ss", names[i], hex) != 1) {
			fprintf(stderr, "migrate: recording %s failed: %s\n", names[i], db_error());
			goto out;
		}
		printf("applied %s\n", names[i]);
		applied++;
	}
	printf("migrations up to date (%d applied now, %zu in all)\n", applied, nnames);
	rc = 0;
out:
	for (size_t i = 0; i < nnames; i++)
		free(names[i]);
	free(names);
	free(sqldir);
	arena_free(&a);
	return rc;
}

static int cmd_audit_verify(int argc, char **argv)
{
	struct arena a;
	arena_init(&a);
	struct audit_check c;
	int bad = audit_verify(&a, &c);
	if (bad == 0)
		printf("audit chain intact (%lld rows in %d shards, %lld anchors)\n", c.rows, c.shards, c.anchors);
	else if (bad < 0)
		fprintf(stderr, "audit-verify: database error: %s\n", db_error());
	else if (c.bad_shard < 0)
		printf("audit chain BROKEN at anchor %lld: %s\n", c.bad_anchor, c.why);
	else if (c.bad_anchor)
		printf("audit chain BROKEN in shard %d at row %lld: %s (anchor %lld)\n", c.bad_shard, c.bad_seq, c.why,
		       c.bad_anchor);
	else
		printf("audit chain BROKEN in shard %d at row %lld: %s\n", c.bad_shard, c.bad_seq, c.why);
	arena_free(&a);
	return bad == 0 ? 0 : 1;
}

/* cron, every minute: one anchor over the shard heads that moved */
static int cmd_audit_anchor(int argc, char **argv)
{
	struct arena a;
	arena_init(&a);
	long long id = audit_anchor(&a);
	if (id < 0)
		fprintf(stderr, "audit-anchor: database error: %s\n", db_error());
	else if (id == 0)
		printf("audit anchor: no shard moved since the last anchor\n");
	else
		printf("audit anchor %lld written\n", id);
	arena_free(&a);
	return id < 0 ? 1 : 0;
}

static int cmd_help(int argc, char **argv);

static const struct ctl_cmd cmds[] = {
	{ "config", cmd_config, "", "print the effective configuration", false },
	{ "migrate", cmd_migrate, "[--dir DIR]", "apply new sql/NNN_*.sql migrations in order", true },
	{ "audit-verify", cmd_audit_verify, "", "check the audit trail's hash chains and anchors", true },
	{ "audit-anchor", cmd_audit_anchor, "", "anchor the audit chains' heads (cron, every minute; idempotent)", true },
	CTL_COMMANDS
	{ "help", cmd_help, "", "this list", false },
};

static int cmd_help(int argc, char **argv)
{
	printf("usage: gramsewactl [-c CONFIG] COMMAND [ARGS]\n\n");
	for (size_t i = 0; i < ARRAY_LEN(cmds); i++)
		printf("  %-20s %-32s %s\n", cmds[i].name, cmds[i].usage, cmds[i].help);
	return 0;
}

int main(int argc, char **argv)
{
	const char *conf = getenv("GS_CONFIG");
	int i = 1;
	if (argc > 2 && str_eq(argv[1], "-c")) {
		conf = argv[2];
		i = 3;
	}
	if (sodium_init() < 0)
		return 1;
	char err[512];
	if (config_load(conf, err, sizeof err) != 0) {
		fprintf(stderr, "gramsewactl: %s\n", err);
		return 1;
	}
	if (i >= argc)
		return cmd_help(0, NULL), 2;
	for (size_t k = 0; k < ARRAY_LEN(cmds); k++) {
		if (!str_eq(cmds[k].name, argv[i]))
			continue;
		if (cmds[k].needs_db && db_connect() != 0) {
			fprintf(stderr, "gramsewactl: cannot connect to the database: %s\n", db_error());
			return 1;
		}
		int rc = cmds[k].fn(argc - i, argv + i);
		db_close();
		config_free();
		return rc;
	}
	fprintf(stderr, "gramsewactl: unknown command '%s' (try help)\n", argv[i]);
	return 2;
}
