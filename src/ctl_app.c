/*
 * ctl_app.c — gramsewactl commands for applications: rebuild-stats; and
 * the demo data of applications and money (with the demo signing keys).
 */
#include "ctl.h"
#include "cert.h"
#include "db.h"
#include "money.h"
#include "stats.h"
#include "wallet.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int ctl_rebuild_stats(int argc, char **argv)
{
	return stats_rebuild(stdout) == 0 ? 0 : 1;
}

/* Demo: keys, officer certificates for the signing roles, CSC wallets. */
int ctl_seed_apps(struct arena *a)
{
	if (cert_ca_init(stdout) != 0 || cert_ca_issue_system(stdout) != 0)
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
	if (db_exec("INSERT IGNORE INTO commission_rules (kind, key_code, amount_paise) VALUES ('app', NULL, 1000), ('bill', NULL, 500), ('grievance', NULL, 200)", NULL) < 0 ||
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
