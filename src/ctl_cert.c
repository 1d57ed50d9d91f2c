/*
 * ctl_cert.c — gramsewactl commands of certificates (cert.h): ca init and
 * issue, keys rotate, the offline verify, cert-render.
 */
#include "ctl.h"
#include "cert.h"
#include "cert_render.h"
#include "db.h"
#include "pdf_text.h"

#include <stdio.h>
#include <stdlib.h>

/* ca init | ca issue --user U (id or username) */
int ctl_ca(int argc, char **argv)
{
	if (argc == 2 && str_eq(argv[1], "init"))
		return cert_ca_init(stdout);
	if (argc == 4 && str_eq(argv[1], "issue") && str_eq(argv[2], "--user")) {
		struct arena a;
		arena_init(&a);
		long id;
		const char *u = parse_long(argv[3], 1, 2000000000L, &id) ? argv[3]
				: db_scalar(&a, "SELECT id FROM users WHERE username = ?", "s", argv[3]);
		int rc = u ? cert_ca_issue(strtol(u, NULL, 10), stdout) : (fprintf(stderr, "ca issue: no such user\n"), 1);
		arena_free(&a);
		return rc;
	}
	if (argc == 3 && str_eq(argv[1], "issue") && str_eq(argv[2], "--system"))
		return cert_ca_issue_system(stdout);
	fprintf(stderr, "usage: gramsewactl ca init | ca issue --user USER | ca issue --system\n");
	return 2;
}

int ctl_keys(int argc, char **argv)
{
	if (argc == 2 && str_eq(argv[1], "rotate"))
		return cert_keys_rotate(stdout);
	fprintf(stderr, "usage: gramsewactl keys rotate\n");
	return 2;
}

/* verify FILE.pdf | QRTEXT — offline: no database needed */
int ctl_verify(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: gramsewactl verify FILE.pdf|QRTEXT\n");
		return 2;
	}
	return cert_offline_verify(argv[1], stdout);
}

/* prints "RUN<TAB>font<TAB>text<TAB>gid gid ..." like tests/pdf/pdf_demo */
static void trace_run(void *ctx, const char *font, const char *text, size_t len, const uint32_t *gids, size_t n)
{
	(void)ctx;
	printf("RUN\t%s\t%.*s\t", font, (int)len, text);
	for (size_t i = 0; i < n; i++)
		printf(i ? " %u" : "%u", (unsigned)gids[i]);
	putchar('\n');
}

/* cert-render NUMBER OUT.pdf [--glyphs] — the certificate drawn again from
 * its stored row (unsigned); --glyphs prints every text run's glyph ids */
int ctl_cert_render(int argc, char **argv)
{
	if (argc < 3 || (argc == 4 && !str_eq(argv[3], "--glyphs")) || argc > 4) {
		fprintf(stderr, "usage: gramsewactl cert-render NUMBER OUT.pdf [--glyphs]\n");
		return 2;
	}
	struct arena a;
	arena_init(&a);
	if (argc == 4)
		pdft_set_trace(trace_run, NULL);
	unsigned char *pdf = NULL;
	size_t len = 0;
	int rc = cert_render_stored(&a, argv[1], &pdf, &len);
	pdft_set_trace(NULL, NULL);
	if (rc == 0) {
		FILE *f = fopen(argv[2], "wb");
		rc = !f || fwrite(pdf, 1, len, f) != len;
		if (f)
			fclose(f);
	}
	free(pdf);
	arena_free(&a);
	if (rc)
		fprintf(stderr, "cert-render: no such certificate or render failed\n");
	return rc ? 1 : 0;
}
