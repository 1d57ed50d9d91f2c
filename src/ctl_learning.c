/*
 * ctl_learning.c — e-learning commands of gramsewactl: learn-add, for
 * files larger than an upload may be (videos); learn-renditions, the
 * smaller copies of videos for phones.
 */
#include "ctl.h"
#include "learning.h"

#include <stdio.h>
#include <stdlib.h>

/* learn-add KEY KIND LANG AUDIENCE TITLE FILE [--mandatory] [--tags T] */
int ctl_learn_add(int argc, char **argv)
{
	if (argc < 7) {
		fprintf(stderr, "usage: gramsewactl learn-add KEY video|ppt|pdf|sop en|hi AUDIENCE TITLE FILE [--mandatory] [--tags T]\n");
		return 2;
	}
	struct learn_input in = { .key = argv[1], .kind = argv[2], .lang = argv[3], .audience = argv[4], .title = argv[5] };
	for (int i = 7; i < argc; i++) {
		if (str_eq(argv[i], "--mandatory"))
			in.mandatory = true;
		else if (str_eq(argv[i], "--tags") && i + 1 < argc)
			in.tags = argv[++i];
		else {
			fprintf(stderr, "learn-add: unknown argument %s\n", argv[i]);
			return 2;
		}
	}
	size_t len;
	char *data = ctl_slurp(argv[6], &len);
	if (!data) {
		fprintf(stderr, "learn-add: cannot read %s\n", argv[6]);
		return 1;
	}
	in.data = (const unsigned char *)data;
	in.len = len;
	struct arena a;
	arena_init(&a);
	struct outcome out;
	struct actor who = actor_cli(NULL);
	long id;
	out_init(&out, &a);
	int rc = learning_add(&a, &who, &in, &id, &out);
	if (rc)
		for (size_t i = 0; i < out.nerrs; i++)
			fprintf(stderr, "learn-add: %s: %s\n", out.errs[i].field, out.errs[i].key);
	else
		printf("learn-add: item %ld (%s, %zu bytes)\n", id, in.key, len);
	arena_free(&a);
	free(data);
	return rc ? 1 : 0;
}

/* learn-renditions [--limit N] — the 360p copies of library videos (cron) */
int ctl_learn_renditions(int argc, char **argv)
{
	long limit = 20;
	if (argc == 3 && str_eq(argv[1], "--limit") && parse_long(argv[2], 1, 10000, &limit))
		;
	else if (argc != 1) {
		fprintf(stderr, "usage: gramsewactl learn-renditions [--limit N]\n");
		return 2;
	}
	struct arena a;
	arena_init(&a);
	long made = learning_renditions(&a, limit, stdout);
	arena_free(&a);
	return made < 0 ? 1 : 0;
}
