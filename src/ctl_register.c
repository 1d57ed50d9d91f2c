/*
 * ctl_register.c — register commands of gramsewactl: importing and
 * publishing definitions (the built-in registers are JSON files under
 * data/registers/, loaded by seed-demo and by `register-import` on a real
 * install), and `register-verify`, the walk of every book's hash chain.
 */
#include "ctl.h"
#include "config.h"
#include "db.h"
#include "register.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Imports one file; 0 imported or unchanged, 1 refused. */
static int import_file(struct arena *a, const char *path, bool publish)
{
	size_t len;
	char *text = ctl_slurp(path, &len);
	if (!text) {
		fprintf(stderr, "register-import: cannot read %s\n", path);
		return 1;
	}
	struct actor who = actor_cli(NULL);
	struct outcome o;
	struct sbuf probs;
	long version = 0;
	out_init(&o, a);
	sbuf_init(&probs);
	int rc = reg_import(a, &who, text, len, publish, &probs, &version, &o);
	if (rc == 0)
		printf("  %s: version %ld%s\n", path, version, publish ? " published" : " (draft)");
	else if (rc == 409)
		printf("  %s: unchanged (version %ld)\n", path, version);
	else
		fprintf(stderr, "register-import: %s refused (%d):\n%s", path, rc, probs.data ? probs.data : "");
	sbuf_free(&probs);
	free(text);
	return rc == 0 || rc == 409 ? 0 : 1;
}

static int by_name(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

/* Imports every *.json of dir in name order. */
static int import_dir(struct arena *a, const char *dir, bool publish)
{
	DIR *d = opendir(dir);
	if (!d) {
		fprintf(stderr, "register-import: cannot open %s\n", dir);
		return 1;
	}
	char *names[256];
	size_t n = 0;
	for (struct dirent *e; (e = readdir(d)) && n < ARRAY_LEN(names);)
		if (str_ends_with(e->d_name, ".json"))
			names[n++] = arena_printf(a, "%s/%s", dir, e->d_name);
	closedir(d);
	qsort(names, n, sizeof *names, by_name);
	int bad = 0;
	for (size_t i = 0; i < n; i++)
		bad |= import_file(a, names[i], publish);
	return bad;
}

/* register-import FILE|DIR... [--publish] */
int ctl_register_import(int argc, char **argv)
{
	struct arena a;
	arena_init(&a);
	bool publish = false;
	int bad = 0, files = 0;
	for (int i = 1; i < argc; i++)
		publish |= str_eq(argv[i], "--publish");
	for (int i = 1; i < argc; i++) {
		if (str_eq(argv[i], "--publish"))
			continue;
		files++;
		bad |= str_ends_with(argv[i], ".json") ? import_file(&a, argv[i], publish) : import_dir(&a, argv[i], publish);
	}
	arena_free(&a);
	if (!files) {
		fprintf(stderr, "usage: register-import FILE.json|DIR... [--publish]\n");
		return 2;
	}
	return bad;
}

/* register-publish CODE */
int ctl_register_publish(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: register-publish CODE\n");
		return 2;
	}
	struct arena a;
	arena_init(&a);
	struct actor who = actor_cli(NULL);
	struct outcome o;
	out_init(&o, &a);
	struct sbuf probs;
	sbuf_init(&probs);
	int rc = reg_publish(&a, &who, argv[1], &probs, &o);
	if (rc)
		fprintf(stderr, "register-publish: %s\n%s", rc == 404 ? "no draft of that register"
							 : rc == 422 ? "the draft has problems:" : "database error", probs.data ? probs.data : "");
	else
		printf("register-publish: %s published\n", argv[1]);
	sbuf_free(&probs);
	arena_free(&a);
	return rc ? 1 : 0;
}

/* register-verify [--book ID] */
int ctl_register_verify(int argc, char **argv)
{
	long book = 0;
	if (!(argc == 1 || (argc == 3 && str_eq(argv[1], "--book") && parse_long(argv[2], 1, 2000000000L, &book)))) {
		fprintf(stderr, "usage: register-verify [--book ID]\n");
		return 2;
	}
	struct arena a;
	arena_init(&a);
	struct reg_verify_result res;
	int rc = reg_verify(&a, book, &res, NULL);
	if (rc < 0)
		fprintf(stderr, "register-verify: %s\n", db_error());
	else if (rc > 0)
		printf("register-verify: BROKEN at book %ld serial %ld (%s); %ld books, %ld entries walked\n", res.bad_book,
		       res.bad_serial, res.why, res.books, res.entries);
	else
		printf("register-verify: ok (%ld books, %ld entries)\n", res.books, res.entries);
	arena_free(&a);
	return rc == 0 ? 0 : 1;
}

int ctl_seed_registers(struct arena *a)
{
	char *dir = config_path("data/registers");
	int rc = import_dir(a, dir, true);
	free(dir);
	return rc;
}
