/*
 * wallet.h — CSC wallets on a double-entry ledger.  Amounts are integer
 * paise.  Every movement is one ledger transaction whose entries sum to
 * zero; no row is ever changed.  A wallet's balance is the sum of its
 * entries (cached in accounts.balance_paise under the wallet's row lock and
 * checked by `gramsewactl ledger-verify`).  Every debit carries an
 * idempotency key, so a retried request debits once.  The ledger functions
 * (ledger_move, the accounts) run inside the caller's transaction; the
 * domain functions (wallet_topup, wallet_commission_set) are whole changes
 * with their own transaction and audit row.
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
/* A deposit slip or refund reference: 3 to LIM_REFERENCE characters of
 * valid UTF-8 (the rule of every top-up and refund). */
bool wallet_reference_ok(const char *ref);

/* A top-up of a CSC operator's wallet against a deposit slip. */
struct topup {
	long user_id;		/* the operator (users.id) */
	long long paise;	/* 1 to 1,00,00,000 (₹1 lakh) */
	const char *reference;	/* the slip's reference (wallet_reference_ok) */
};
/* Credits a CSC wallet, in one transaction with its audit row: one
 * reference credits a wallet once, whether it comes from the page, the API
 * or the command line (*credited false: already credited, nothing moved).
 * who may be a system actor (the command line).  0; 404 (no such CSC
 * operator); 422 (fields "amount_paise", "reference"); 503. */
int wallet_topup(struct arena *a, const struct actor *who, const struct topup *in, bool *credited, struct outcome *out);
/* Sets what operators earn per application (kind "app", code: a service),
 * bill (kind "bill", code: a biller) or grievance filed (kind "grievance",
 * the default only); code NULL sets the kind's default.
 * One transaction with its audit row.  0; 422 (a bad kind or amount); 503. */
int wallet_commission_set(const struct actor *who, const char *kind, const char *code, long paise, struct outcome *out);
/* Sum of entries vs cached balance for every account; prints mismatches.
 * Returns mismatching accounts + unbalanced transactions (0 = clean). */
long ledger_verify(FILE *out);
#endif
