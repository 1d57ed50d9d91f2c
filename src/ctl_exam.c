/*
 * ctl_exam.c — exam commands of gramsewactl: exam-close (cron: finishes
 * attempts past their deadline and grace), exam-import (a question bank
 * and exam settings from JSON), and the demo's exam.
 */
#include "ctl.h"
#include "config.h"
#include "db.h"
#include "exam.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* exam-close — finish attempts whose deadline + exam_grace_s has passed */
int ctl_exam_close(int argc, char **argv)
{
	(void)argv;
	if (argc != 1) {
		fprintf(stderr, "usage: gramsewactl exam-close\n");
		return 2;
	}
	struct arena a;
	arena_init(&a);
	long n = exam_close(&a, stdout);
	arena_free(&a);
	if (n < 0)
		fprintf(stderr, "exam-close: %s\n", db_error());
	return n < 0 ? 1 : 0;
}

/* Imports the JSON in text as the system; prints the outcome.  0 or 1. */
static int import_text(struct arena *a, const char *text, size_t len)
{
	struct outcome out;
	struct exam_import_res res;
	struct actor who = actor_cli(NULL);
	out_init(&out, a);
	if (exam_import(a, &who, text, len, &res, &out) != 0) {
		fprintf(stderr, "exam-import: refused (%d)%s%s\n", out.status, out.key ? ": " : "", out.key ? out.key : "");
		for (size_t i = 0; i < out.nerrs; i++)
			fprintf(stderr, "  %s: %s%s%s\n", out.errs[i].field, out.errs[i].key, out.errs[i].arg ? " " : "",
				out.errs[i].arg ? out.errs[i].arg : "");
		return 1;
	}
	printf("exam-import: %ld categories, %ld questions, %ld exams\n", res.categories, res.questions, res.exams);
	return 0;
}

/* exam-import FILE.json — load a question bank and exam settings */
int ctl_exam_import(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: gramsewactl exam-import FILE.json\n");
		return 2;
	}
	size_t len;
	char *text = ctl_slurp(argv[1], &len);
	if (!text) {
		fprintf(stderr, "exam-import: cannot read %s\n", argv[1]);
		return 1;
	}
	struct arena a;
	arena_init(&a);
	int rc = import_text(&a, text, len);
	arena_free(&a);
	free(text);
	return rc;
}

/* Demo: the project exam from data/demo/exam.json, open for a year from
 * today for VLEs, BIs and DIs. */
int ctl_seed_exams(struct arena *a)
{
	size_t len;
	char *path = config_path("data/demo/exam.json");
	char *text = ctl_slurp(path, &len);
	free(path);
	if (!text) {
		fprintf(stderr, "seed: cannot read data/demo/exam.json\n");
		return -1;
	}
	const char *opens = db_scalar(a, "SELECT DATE_FORMAT(CURDATE() - INTERVAL 1 DAY, '%Y-%m-%d 00:00:00')", NULL);
	const char *closes = db_scalar(a, "SELECT DATE_FORMAT(CURDATE() + INTERVAL 1 YEAR, '%Y-%m-%d 23:59:00')", NULL);
	const char *keys[] = { "{opens}", "{closes}" }, *vals[] = { opens, closes };
	const char *filled = opens && closes ? str_fill(a, text, keys, vals, 2, false) : NULL;
	int rc = filled ? import_text(a, filled, strlen(filled)) : 1;
	free(text);
	return rc == 0 ? 0 : -1;
}
