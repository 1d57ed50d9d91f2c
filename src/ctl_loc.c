/*
 * ctl_loc.c — gramsewactl commands for the location tree.
 */
#include "ctl.h"
#include "db.h"
#include "location.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* import-lgd FILE.csv [--dry-run] [--skip-bad] */
int ctl_import_lgd(int argc, char **argv)
{
	const char *file = NULL;
	bool dry = false, skip = false;
	for (int i = 1; i < argc; i++) {
		if (str_eq(argv[i], "--dry-run"))
			dry = true;
		else if (str_eq(argv[i], "--skip-bad"))
			skip = true;
		else if (!file)
			file = argv[i];
		else
			goto usage;
	}
	if (!file)
		goto usage;
	size_t len;
	char *text = ctl_slurp(file, &len);
	if (!text) {
		fprintf(stderr, "import-lgd: cannot read %s\n", file);
		return 1;
	}
	struct import_stats st;
	int rc = loc_import(text, len, skip, dry, stdout, &st);
	free(text);
	/* every new place gets its offices, so applications can route there */
	if (rc == 0 && !dry && st.created > 0) {
		struct arena a;
		arena_init(&a);
		struct dbres *states = db_query(&a, "SELECT id FROM locations WHERE type = 'state'", NULL);
		long made = 0;
		for (size_t i = 0; states && i < states->nrows; i++) {
			long n = office_seed_all((long)db_int(states, i, 0));
			made += n > 0 ? n : 0;
		}
		printf("offices created for new locations: %ld\n", made);
		arena_free(&a);
	}
	printf("%s: %ld rows: %ld created, %ld updated, %ld unchanged, %ld rejected%s\n", file, st.rows, st.created,
	       st.updated, st.unchanged, st.rejected, dry ? " (dry run: nothing written)" : "");
	return rc == 0 ? 0 : 1;
usage:
	fprintf(stderr, "usage: gramsewactl import-lgd FILE.csv [--dry-run] [--skip-bad]\n");
	return 2;
}

/* gen-state [--districts N] [--blocks N] [--panchayats N] [--villages N] [--name NAME] */
int ctl_gen_state(int argc, char **argv)
{
	struct gen_spec g = { 24, 263, 4398, 32811, "Generated State" };
	for (int i = 1; i + 1 < argc; i += 2) {
		long *dst = str_eq(argv[i], "--districts") ? &g.districts : str_eq(argv[i], "--blocks") ? &g.blocks
			  : str_eq(argv[i], "--panchayats") ? &g.panchayats : str_eq(argv[i], "--villages") ? &g.villages : NULL;
		if (str_eq(argv[i], "--name")) {
			g.name = argv[i + 1];
			continue;
		}
		if (!dst || !parse_long(argv[i + 1], 1, 10000000, dst)) {
			fprintf(stderr, "usage: gramsewactl gen-state [--districts N] [--blocks N] [--panchayats N] [--villages N] [--name NAME]\n");
			return 2;
		}
	}
	if (argc % 2 == 0) {
		fprintf(stderr, "gen-state: an option is missing its value\n");
		return 2;
	}
	return loc_generate(&g, stdout) == 0 ? 0 : 1;
}
