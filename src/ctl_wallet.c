/*
 * ctl_wallet.c — gramsewactl commands for CSC wallets and the ledger:
 * ledger-verify, wallet-topup, commission.  The rules and writes are in
 * wallet.c; these read the arguments, call them and print.
 */
#include "ctl.h"
#include "db.h"
#include "wallet.h"

#include <stdio.h>
#include <stdlib.h>

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

/* wallet-topup USER PAISE REFERENCE (wallet_topup, as the system) */
int ctl_wallet_topup(int argc, char **argv)
{
	long amount;
	if (argc != 4 || !parse_long(argv[2], 1, 10000000, &amount) || !wallet_reference_ok(argv[3])) {
		fprintf(stderr, "usage: gramsewactl wallet-topup USERNAME PAISE REFERENCE (3 to 100 characters)\n");
		return 2;
	}
	struct arena a;
	arena_init(&a);
	int rc = 1;
	const char *uid = db_scalar(&a, "SELECT id FROM users WHERE username = ? AND user_type = 'csc'", "s", argv[1]);
	if (!uid) {
		fprintf(stderr, "wallet-topup: no such CSC operator\n");
		goto out;
	}
	struct topup in = { .user_id = strtol(uid, NULL, 10), .paise = amount, .reference = argv[3] };
	struct actor who = actor_cli(NULL);
	struct outcome o;
	out_init(&o, &a);
	bool credited;
	if (wallet_topup(&a, &who, &in, &credited, &o) != 0) {
		fprintf(stderr, "wallet-topup: %s\n", o.status == 404 ? "no such CSC operator" : "the ledger could not be written");
		goto out;
	}
	printf("%s: %s (balance %ld paise)\n", argv[1], credited ? "topped up" : "already topped up with this reference",
	       wallet_balance(&a, in.user_id));
	rc = 0;
out:
	arena_free(&a);
	return rc;
}

/* commission KIND CODE|default PAISE — set what operators earn per
 * application (kind app, code = service), bill (kind bill, code = biller)
 * or grievance (kind grievance) */
int ctl_commission(int argc, char **argv)
{
	long paise;
	if (argc != 4 || !parse_long(argv[3], 0, 1000000, &paise)) {
		fprintf(stderr, "usage: gramsewactl commission app|bill|grievance CODE|default PAISE\n");
		return 2;
	}
	struct arena a;
	arena_init(&a);
	struct actor who = actor_cli(NULL);
	struct outcome o;
	out_init(&o, &a);
	int rc = wallet_commission_set(&who, argv[1], str_eq(argv[2], "default") ? NULL : argv[2], paise, &o);
	arena_free(&a);
	if (rc == 422) {
		fprintf(stderr, "usage: gramsewactl commission app|bill CODE|default PAISE\n");
		return 2;
	}
	if (rc != 0)
		return 1;
	printf("commission for %s %s: %ld paise\n", argv[1], argv[2], paise);
	return 0;
}
