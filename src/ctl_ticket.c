/*
 * ctl_ticket.c — gramsewactl commands of tickets (ticket.h):
 * ticket-catalogue (load the catalogue from CSV) and ticket-escalate (the
 * cron job: escalation on breach and auto-close), ticket-sums rebuild (the
 * dashboards' summary rows from the tickets); the demo catalogue.
 */
#include "ctl.h"
#include "config.h"
#include "db.h"
#include "ticket.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Loads a catalogue file; 0 or 1 (printed why). */
static int load(struct arena *a, const char *path, bool quiet)
{
	size_t len;
	char *text = ctl_slurp(path, &len);
	if (!text) {
		fprintf(stderr, "ticket-catalogue: cannot read %s\n", path);
		return 1;
	}
	struct actor who = actor_cli(NULL);
	long n = ticket_catalogue_import(a, &who, text, len, stderr);
	free(text);
	if (n < 0) {
		fprintf(stderr, "ticket-catalogue: nothing loaded\n");
		return 1;
	}
	if (!quiet)
		printf("ticket-catalogue: %ld rows loaded\n", n);
	else
		printf("  ticket catalogue: %ld rows\n", n);
	return 0;
}

int ctl_ticket_catalogue(int argc, char **argv)
{
	if (argc != 3 || strcmp(argv[1], "import") != 0) {
		fprintf(stderr, "usage: gramsewactl ticket-catalogue import FILE.csv\n");
		return 2;
	}
	struct arena a;
	arena_init(&a);
	int rc = load(&a, argv[2], false);
	arena_free(&a);
	return rc;
}

int ctl_ticket_escalate(int argc, char **argv)
{
	long chunk = 0;
	if (argc != 1 && (argc != 3 || strcmp(argv[1], "--chunk") != 0 || !parse_long(argv[2], 1, TICKET_JOB_CHUNK_MAX, &chunk))) {
		fprintf(stderr, "usage: gramsewactl ticket-escalate [--chunk TICKETS]\n");
		return 2;
	}
	struct arena a;
	arena_init(&a);
	long n = ticket_escalate_run(&a, chunk, stdout);
	arena_free(&a);
	return n < 0 ? 1 : 0;
}

int ctl_ticket_sums(int argc, char **argv)
{
	if (argc != 2 || strcmp(argv[1], "rebuild") != 0) {
		fprintf(stderr, "usage: gramsewactl ticket-sums rebuild\n");
		return 2;
	}
	long n = ticket_sums_rebuild();
	if (n < 0) {
		fprintf(stderr, "ticket-sums: %s\n", db_error());
		return 1;
	}
	printf("ticket-sums: %ld summary rows rebuilt\n", n);
	return 0;
}

int ctl_seed_tickets(struct arena *a)
{
	char *path = config_path("data/demo/ticket_catalogue.csv");
	int rc = load(a, path, true);
	free(path);
	return rc;
}
