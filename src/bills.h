/*
 * bills.h — e-Mitra style bill payments at a CSC: fetch a bill from the
 * biller, collect cash, pay from the operator's wallet, track the biller's
 * confirmation; a failed payment refunds the wallet automatically.
 * Billers are metadata rows; each speaks through an adapter: the built-in
 * test-only sandbox ("sandbox:"), or an HTTP JSON adapter at a URL.
 */
#ifndef GS_BILLS_H
#define GS_BILLS_H
#include "req.h"

struct bill_info {
	char name[101];		/* consumer name */
	long amount;		/* paise */
	char due[11];		/* YYYY-MM-DD or "" */
	char ref[65];		/* biller's bill reference */
};

struct biller_adapter {
	/* 0 found, 1 no such consumer/bill, -1 biller unreachable */
	int (*fetch)(struct arena *a, const char *url, const char *consumer, struct bill_info *out);
	/* 0 confirmed (txn set), 1 refused by the biller, -1 unreachable/unknown */
	int (*pay)(struct arena *a, const char *url, const char *ref, long amount, char txn[65]);
	/* what became of a payment sent earlier: 0 confirmed (txn set), 1 refused
	 * or never received, -1 unknown (ask again later) */
	int (*status)(struct arena *a, const char *url, const char *ref, char txn[65]);
};
const struct biller_adapter *biller_adapter_for(const char *adapter);

/* Fetches a bill; returns the bill id (0 with *err lang key). */
long bill_fetch(struct req *r, const char *biller_code, const char *consumer, const char **err);
/* Pays a fetched bill from the operator's wallet: debit, biller call,
 * confirm (commission + receipt) or refund.  Returns the final status
 * ("confirmed", "refunded") or NULL with *err. */
const char *bill_pay(struct req *r, long bill_id, const char *idem, const char **err);
/* Bills left 'paid' (no confirmation seen): ask again; refund refusals. */
long bill_reconcile(FILE *report);
#endif
