/*
 * ctl_campaign.c — gramsewactl campaign: define a Jan Samvad campaign from
 * JSON, load its call list from a beneficiary CSV, draw the sample
 * (campaign.h); the demo campaign.
 */
#include "ctl.h"
#include "campaign.h"
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* campaign define FILE.json | list CODE FILE.csv | sample CODE [PER_GP] */
int ctl_campaign(int argc, char **argv)
{
	const char *op = argc > 1 ? argv[1] : "";
	bool define = str_eq(op, "define") && argc == 3, list = str_eq(op, "list") && argc == 4;
	bool sample = str_eq(op, "sample") && (argc == 3 || argc == 4);
	if (!define && !list && !sample) {
		fprintf(stderr, "usage: gramsewactl campaign define FILE.json | list CODE FILE.csv | sample CODE [PER_GP]\n");
		return 2;
	}
	struct arena a;
	arena_init(&a);
	struct actor who = actor_cli(NULL);
	struct outcome out;
	out_init(&out, &a);
	int rc = 1;
	size_t len = 0;
	char *text = define || list ? ctl_slurp(argv[define ? 2 : 3], &len) : NULL;
	if ((define || list) && !text) {
		fprintf(stderr, "campaign: cannot read %s\n", argv[define ? 2 : 3]);
		goto out;
	}
	if (define) {
		long id = campaign_import(&a, &who, text, len, stderr);
		if (id > 0) {
			printf("campaign: defined (id %ld)\n", id);
			rc = 0;
		}
	} else if (list) {
		struct contact_stats st;
		if (campaign_contacts_import(&a, &who, argv[2], text, len, &st, stderr, &out) == 0) {
			printf("campaign %s: %ld rows, %ld added, %ld duplicate, %ld on the do-not-call list, %ld bad\n", argv[2], st.rows,
			       st.added, st.duplicate, st.do_not_call, st.bad);
			rc = 0;
		} else {
			fprintf(stderr, "campaign %s: %s\n", argv[2], out.status == 404 ? "no such campaign" : "not loaded");
		}
	} else {
		long per = 0, drawn = 0;
		if (argc == 4 && !parse_long(argv[3], 1, 10000, &per)) {
			fprintf(stderr, "campaign sample: PER_GP is 1 to 10000\n");
			goto out;
		}
		if (campaign_sample(&a, &who, argv[2], per, &drawn, &out) == 0) {
			printf("campaign %s: %ld contacts drawn\n", argv[2], drawn);
			rc = 0;
		} else {
			fprintf(stderr, "campaign %s: %s\n", argv[2], out.status == 404 ? "no such campaign" : "not drawn");
		}
	}
out:
	free(text);
	arena_free(&a);
	return rc;
}

int ctl_seed_campaigns(struct arena *a)
{
	char *path = config_path("data/demo/jan_samvad_pmay.json");
	size_t len;
	char *text = ctl_slurp(path, &len);
	struct actor who = actor_cli(NULL);
	long id = text ? campaign_import(a, &who, text, len, stderr) : -1;
	free(text);
	free(path);
	if (id > 0)
		printf("  campaign JSPMAY: defined\n");
	return id > 0 ? 0 : 1;
}
