/*
 * bills.h — e-Mitra style bill payments at a CSC: fetch a bill from the
 * biller, collect cash, pay from the operator's wallet, track the biller's
 * confirmation; a failed payment refunds the wallet automatically.
 * Billers are metadata rows; each speaks through an adapter: the built-in
 * test-only sandbox ("sandbox:"), or an HTTP JSON adapter at a URL.
 */
#ifndef GS_BILLS_H
#define GS_BILLS_H
#include "domain.h"
#include <stdio.h>

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

/* Fetches a consumer's bill from the biller for who (a CSC operator) and
 * stores it, in one transaction: 0 with *id; 422 with the reason on the
 * field "consumer" (no such biller, a number the biller does not use, no
 * such bill, an amount outside the biller's range, the biller down); 503. */
int bill_fetch(struct arena *a, const struct actor *who, const char *biller_code, const char *consumer, long *id,
	       struct outcome *out);
/* Pays who's fetched bill from who's wallet: debit (one transaction), the
 * biller's call (outside any), then confirmation with commission and
 * receipt, or a refund (another).  idem: the form's key (at most
 * LIM_IDEM_KEY characters, field "idem").  0 with *status where the bill
 * stands ("paid" while the biller's answer is unknown, "confirmed",
 * "refunded"; a repeat answers with where it stands); 404 (not who's
 * bill); 422 (the wallet is short, or idem too long); 503.  The refusal's
 * message key is out->key. */
int bill_pay(struct arena *a, const struct actor *who, long bill_id, const char *idem, const char **status,
	     struct outcome *out);
/* Bills left 'paid' (no confirmation seen): ask again; refund refusals. */
long bill_reconcile(FILE *report);
#endif
