/*
 * ctl_svc.c — gramsewactl service import/export, and the demo services
 * and holidays loaded by seed-demo.
 */
#include "ctl.h"
#include "config.h"
#include "db.h"
#include "designer.h"
#include "json.h"
#include "svcstore.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Who the command line acts for in an import: the department given with
 * --department (dept), else the department the file names.  Either way the
 * ownership rule of the designer applies (svcstore_may_write): a code owned
 * by another department is refused, and moving a service is left to a
 * state administrator on the designer page.  seed-demo passes state. */
static struct svc_actor cli_actor(struct arena *a, const char *text, size_t len, const char *dept, bool state, long *id)
{
	if (!dept)
		dept = json_get_str(json_parse(a, text, len, NULL), "department");
	*id = svcstore_dept(a, dept);
	return (struct svc_actor){ .state = state, .depts = id, .ndepts = 1 };
}

/* Imports one file for dept (NULL: the file's department), or as the
 * state when state is true; prints problems.  0 ok, 1 refused, -1 DB. */
static int import_file(const char *path, bool publish, bool quiet, const char *dept, bool state)
{
	size_t len;
	char *text = ctl_slurp(path, &len);
	if (!text) {
		fprintf(stderr, "service import: cannot read %s\n", path);
		return 1;
	}
	struct arena a;
	arena_init(&a);
	struct sbuf probs;
	sbuf_init(&probs);
	long dept_id;
	struct svc_actor as = cli_actor(&a, text, len, dept, state, &dept_id);
	struct actor who = actor_cli(NULL);
	struct outcome out;
	out_init(&out, &a);
	int rc = designer_import(&a, &who, &as, text, len, publish, &probs, &out);
	if (rc == 0) {
		if (!quiet)
			printf("%s: imported%s\n", path, publish ? " and published" : " as a draft");
	} else {
		fprintf(stderr, "%s: refused:\n%s", path, probs.len ? probs.data : "database error\n");
		rc = rc == 503 ? -1 : 1;
	}
	sbuf_free(&probs);
	arena_free(&a);
	free(text);
	return rc;
}

/* service import FILE.json [--publish] [--department DEPT] | service export CODE [--version N] */
int ctl_service(int argc, char **argv)
{
	if (argc >= 3 && str_eq(argv[1], "import")) {
		bool publish = false;
		const char *dept = NULL;
		for (int i = 3; i < argc; i++) {
			if (str_eq(argv[i], "--publish"))
				publish = true;
			else if (str_eq(argv[i], "--department") && i + 1 < argc)
				dept = argv[++i];
			else
				goto usage;
		}
		return import_file(argv[2], publish, false, dept, false) == 0 ? 0 : 1;
	}
	if (argc >= 3 && str_eq(argv[1], "export")) {
		struct arena a;
		arena_init(&a);
		struct svc_ver *v = NULL;
		long n;
		if (argc == 5 && str_eq(argv[3], "--version") && parse_long(argv[4], 1, 100000, &n)) {
			const char *id = db_scalar(&a, "SELECT v.id FROM service_versions v JOIN services s ON s.id = v.service_id "
						      "WHERE s.code = ? AND v.version = ?", "si", argv[2], (long long)n);
			v = id ? svcstore_version(&a, strtol(id, NULL, 10)) : NULL;
		} else {
			v = svcstore_published(&a, argv[2]);
		}
		if (!v) {
			fprintf(stderr, "service export: no such service or version\n");
			arena_free(&a);
			return 1;
		}
		struct sbuf b;
		sbuf_init(&b);
		svc_to_json(v->def, &b);
		puts(b.data);
		sbuf_free(&b);
		arena_free(&a);
		return 0;
	}
usage:
	fprintf(stderr, "usage: gramsewactl service import FILE.json [--publish] [--department DEPT]\n"
			"       gramsewactl service export CODE [--version N]\n");
	return 2;
}

static int cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Demo services (every JSON file in data/services, published) and 2026 holidays. */
int ctl_seed_services(struct arena *a)
{
	char *dir = config_path("data/services");
	DIR *d = opendir(dir);
	int rc = 0, n = 0;
	char *names[64];
	size_t nn = 0;
	struct dirent *e;
	while (d && (e = readdir(d)) && nn < 64)
		if (strstr(e->d_name, ".json"))
			names[nn++] = xstrdup(e->d_name);
	if (d)
		closedir(d);
	qsort(names, nn, sizeof *names, cmp);
	for (size_t i = 0; i < nn; i++) {
		char code[16];
		snprintf(code, sizeof code, "%.*s", (int)(strcspn(names[i], ".")), names[i]);
		if (!db_scalar(a, "SELECT id FROM services WHERE code = ?", "s", code)) {
			char *path = xasprintf("%s/%s", dir, names[i]);
			if (import_file(path, true, true, NULL, true) != 0)
				rc = -1;
			else
				n++;
			free(path);
		}
		free(names[i]);
	}
	free(dir);
	printf("  services: %d published\n", n);
	if (db_exec("INSERT IGNORE INTO holidays (location_id, day, name_en, name_hi) VALUES "
		    "(NULL, '2026-01-26', 'Republic Day', 'गणतंत्र दिवस'), (NULL, '2026-03-04', 'Holi', 'होली'), "
		    "(NULL, '2026-03-21', 'Sarhul', 'सरहुल'), (NULL, '2026-08-15', 'Independence Day', 'स्वतंत्रता दिवस'), "
		    "(NULL, '2026-09-22', 'Karma Puja', 'करमा पूजा'), (NULL, '2026-10-02', 'Gandhi Jayanti', 'गांधी जयंती'), "
		    "(NULL, '2026-10-20', 'Dussehra', 'दशहरा'), (NULL, '2026-11-08', 'Diwali', 'दीपावली'), "
		    "(NULL, '2026-11-15', 'Jharkhand Foundation Day', 'झारखण्ड स्थापना दिवस'), "
		    "(NULL, '2026-11-16', 'Chhath Puja', 'छठ पूजा'), (NULL, '2026-12-25', 'Christmas', 'क्रिसमस')", NULL) < 0)
		rc = -1;
	return rc;
}
