/*
 * ctl_app.c — gramsewactl commands for applications and certificates:
 * escalate, rebuild-stats, ca init/issue, keys rotate, verify, cert-render;
 * and the demo data of applications and money.
 */
#include "ctl.h"
#include "cert.h"
#include "db.h"
#include "money.h"
#include "stats.h"
#include "wallet.h"
#include "workflow.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int ctl_escalate(int argc, char **argv)
{
	return wf_escalate(stdout) < 0 ? 1 : 0;
}

int ctl_rebuild_stats(int argc, char **argv)
{
	return stats_rebuild(stdout) == 0 ? 0 : 1;
}

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
	fprintf(stderr, "usage: gramsewactl ca init | ca issue --user USER\n");
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

/* Demo: keys, officer certificates for the signing roles, CSC wallets. */
int ctl_seed_apps(struct arena *a)
{
	if (cert_ca_init(stdout) != 0)
		return -1;
	struct dbres *signers = db_query(a, "SELECT DISTINCT u.id FROM users u JOIN role_holdings rh ON rh.user_id = u.id "
					    "WHERE u.username IS NOT NULL AND rh.role IN ('co', 'panchayat_sewak', 'sdo', 'dm', 'bdo')", NULL);
	for (size_t i = 0; signers && i < signers->nrows; i++)
		if (cert_ca_issue((long)db_int(signers, i, 0), stdout) != 0)
			return -1;
	static const char *const cscs[] = { "csc1", "csc2" };
	for (size_t i = 0; i < 2; i++) {
		const char *uid = db_scalar(a, "SELECT id FROM users WHERE username = ?", "s", cscs[i]);
		if (!uid || db_begin() != 0)
			return -1;
		long to = wallet_account(a, strtol(uid, NULL, 10)), from = book_account(a, "topup", "topups", 0);
		enum wallet_rc wr = ledger_move(a, "topup", arena_printf(a, "seed:%s", cscs[i]), from, to, 500000, 0,
						"demo opening balance", 0, false);
		if ((wr != WALLET_OK && wr != WALLET_REPEAT) || db_commit() != 0) {
			db_rollback();
			return -1;
		}
	}
	if (db_exec("INSERT IGNORE INTO commission_rules (kind, key_code, amount_paise) VALUES ('app', NULL, 1000), ('bill', NULL, 500)", NULL) < 0 ||
	    db_exec("INSERT IGNORE INTO billers (code, name_en, name_hi, category, fetch_label_en, fetch_label_hi, fetch_pattern, adapter) VALUES "
		    "('JBVNL', 'Jharkhand Bijli Vitran Nigam (electricity)', 'झारखण्ड बिजली वितरण निगम (बिजली)', 'electricity', "
		    "'Consumer number', 'उपभोक्ता संख्या', '[A-Z0-9]{6,15}', 'sandbox:'), "
		    "('DWS', 'Drinking Water and Sanitation (water)', 'पेयजल एवं स्वच्छता (पानी)', 'water', 'Connection number', "
		    "'कनेक्शन संख्या', '[0-9]{6,12}', 'sandbox:'), "
		    "('BSNL', 'BSNL landline', 'BSNL लैंडलाइन', 'telephone', 'Telephone number with STD code', 'STD कोड सहित फ़ोन नंबर', "
		    "'0[0-9]{9,11}', 'sandbox:')", NULL) < 0)
		return -1;
	printf("  wallets: csc1 and csc2 hold %s each\n", money_fmt(a, wallet_balance(a, strtol(db_scalar(a,
		"SELECT id FROM users WHERE username = 'csc1'", NULL), NULL, 10))));
	return 0;
}

#include "pdf_text.h"

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
