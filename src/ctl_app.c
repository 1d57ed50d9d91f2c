/*
 * ctl_app.c — gramsewactl commands for applications and money:
 * rebuild-stats, pay-reconcile, ledger-verify, wallet-topup, commission;
 * and their demo data (with the demo signing keys).
 */
#include "ctl.h"
#include "audit.h"
#include "bills.h"
#include "payment.h"
#include "cert.h"
#include "db.h"
#include "stats.h"
#include "wallet.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* pay-reconcile — pending gateway orders older than 15 minutes, and bills
 * waiting for their biller's confirmation */
int ctl_pay_reconcile(int argc, char **argv)
{
	long p = pay_reconcile(stdout), b = bill_reconcile(stdout);
	return p < 0 || b < 0 ? 1 : 0;
}

int ctl_rebuild_stats(int argc, char **argv)
{
	return stats_rebuild(stdout) == 0 ? 0 : 1;
}

int ctl_ledger_verify(int argc, char **argv)
{
	long bad = ledger_verify(stdout);
	if (bad == 0) {
		struct arena a;
		arena_init(&a);
		printf("ledger consistent: %s transactions, %s entries; every wallet balance equals its entries\n",
		       db_scalar(&a, "SELECT COUNT(*) FROM ledger_txns", NULL), db_scalar(&a, "SELECT COUNT(*) FROM ledger_entries", NULL));
		arena_free(&a);
	}
	return bad == 0 ? 0 : 1;
}

/* wallet-topup USER PAISE REFERENCE */
int ctl_wallet_topup(int argc, char **argv)
{
	long amount;
	if (argc != 4 || !parse_long(argv[2], 1, 10000000, &amount) || !utf8_valid(argv[3], strlen(argv[3])) ||
	    utf8_chars(argv[3]) < 3 || utf8_chars(argv[3]) > 100) {
		fprintf(stderr, "usage: gramsewactl wallet-topup USERNAME PAISE REFERENCE (3 to 100 characters)\n");
		return 2;
	}
	struct arena a;
	arena_init(&a);
	int rc = 1;
	const char *uid = db_scalar(&a, "SELECT id FROM users WHERE username = ? AND user_type = 'csc'", "s", argv[1]);
	if (!uid || db_begin() != 0) {
		fprintf(stderr, "wallet-topup: no such CSC operator\n");
		goto out;
	}
	enum wallet_rc wr = wallet_topup(&a, NULL, strtol(uid, NULL, 10), amount, argv[3]);
	if ((wr != WALLET_OK && wr != WALLET_REPEAT) || db_commit() != 0) {
		db_rollback();
		goto out;
	}
	printf("%s: %s (balance %ld paise)\n", argv[1], wr == WALLET_REPEAT ? "already topped up with this reference" : "topped up",
	       wallet_balance(&a, strtol(uid, NULL, 10)));
	rc = 0;
out:
	arena_free(&a);
	return rc;
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
	printf("  wallets: csc1 and csc2 hold Rs %ld.%02ld each\n", wallet_balance(a, strtol(db_scalar(a,
		"SELECT id FROM users WHERE username = 'csc1'", NULL), NULL, 10)) / 100, 0L);
	return 0;
}

/* commission KIND CODE|default PAISE — set what operators earn per
 * application (kind app, code = service) or bill (kind bill, code = biller) */
int ctl_commission(int argc, char **argv)
{
	long paise;
	if (argc != 4 || (!str_eq(argv[1], "app") && !str_eq(argv[1], "bill")) || !parse_long(argv[3], 0, 1000000, &paise)) {
		fprintf(stderr, "usage: gramsewactl commission app|bill CODE|default PAISE\n");
		return 2;
	}
	const char *code = str_eq(argv[2], "default") ? NULL : argv[2];
	if (db_begin() != 0)
		return 1;
	/* the default (NULL code) is unique per kind too (key_norm) */
	long long n = db_exec("INSERT INTO commission_rules (kind, key_code, amount_paise) VALUES (?, NULLIF(?, ''), ?) "
			      "ON DUPLICATE KEY UPDATE amount_paise = VALUES(amount_paise)", "ssi", argv[1], code ? code : "",
			      (long long)paise);
	struct audit_entry e2 = { .action = "commission.set", .entity = "commission", .entity_id = argv[2], .remarks = argv[1] };
	if (n < 0 || audit_write(NULL, &e2) != 0 || db_commit() != 0) {
		db_rollback();
		return 1;
	}
	printf("commission for %s %s: %ld paise\n", argv[1], argv[2], paise);
	return 0;
}
