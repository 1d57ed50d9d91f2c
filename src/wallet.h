/*
 * wallet.h — CSC wallets on a double-entry ledger.  Amounts are integer
 * paise.  Every movement is one ledger transaction whose entries sum to
 * zero; no row is ever changed.  A wallet's balance is the sum of its
 * entries (cached in accounts.balance_paise under the wallet's row lock and
 * checked by `gramsewactl ledger-verify`).  Every debit carries an
 * idempotency key, so a retried request debits once.  Call these inside the
 * caller's transaction.
 */
#ifndef GS_WALLET_H
#define GS_WALLET_H
#include "domain.h"
#include <stdio.h>

enum wallet_rc {
	WALLET_OK = 0,		/* moved */
	WALLET_REPEAT = 1,	/* this idempotency key was already used: nothing moved again */
	WALLET_SHORT = 2,	/* not enough balance: nothing moved */
	WALLET_BAD = 3,		/* bad amount or account */
	WALLET_ERROR = -1,	/* database error */
};

/* The wallet account of a user (created on first use). 0 on error. */
long wallet_account(struct arena *a, long user_id);
/* A named book account (department fees, CSC charges, top-ups...). */
long book_account(struct arena *a, const char *kind, const char *name, long department_id);
/* Moves amount from one account to another as one transaction of kind.
 * from_wallet: refuse if from's balance would go below zero. */
enum wallet_rc ledger_move(struct arena *a, const char *kind, const char *idem, long from, long to, long amount,
			   long app_id, const char *reference, long by, bool from_wallet);
long wallet_balance(struct arena *a, long user_id);
/* Credits a CSC wallet against a deposit reference, inside the caller's
 * transaction: one reference credits a wallet once (WALLET_REPEAT after),
 * whether it comes from the page, the API or the command line; audited
 * when money moved.  who may be NULL (the command line). */
enum wallet_rc wallet_topup(struct arena *a, const struct actor *who, long user_id, long paise, const char *ref);
/* Sum of entries vs cached balance for every account; prints mismatches.
 * Returns mismatching accounts + unbalanced transactions (0 = clean). */
long ledger_verify(FILE *out);
#endif
