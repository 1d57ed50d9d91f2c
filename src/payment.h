/*
 * payment.h — online payment through a gateway modelled on Indian
 * government gateways: the browser is sent to the gateway with an order
 * number, amount and an HMAC-SHA256 checksum; the gateway sends the result
 * back through the browser (return) and server to server (callback), both
 * checksummed; an order moves pending -> success/failed exactly once
 * whichever arrives first; `gramsewactl pay-reconcile` asks the gateway
 * about orders left pending.  Numbered receipts with a verifiable QR.
 *
 * Checksums (hex HMAC-SHA256 with pay_key):
 *   request:  merchant|order_no|amount_paise|return_url|callback_url
 *   response: merchant|order_no|status|gateway_txn|amount_paise
 */
#ifndef GS_PAYMENT_H
#define GS_PAYMENT_H
#include "domain.h"
#include <stdio.h>

char *pay_mac(struct arena *a, const char *msg);	/* hex HMAC-SHA256(pay_key, msg) */
bool pay_mac_ok(struct arena *a, const char *msg, const char *given);

/* What an online payment is for: the fee of one of the payer's unpaid
 * applications, or else a top-up of the payer's CSC wallet. */
struct pay_for {
	const char *app_number;	/* the application, or NULL for a top-up */
	long long topup_paise;	/* the top-up (₹1 to ₹1,00,000) */
};

/* An order made, for the page that sends the browser to the gateway. */
struct pay_order {
	const char *no;		/* order number (arena) */
	long long amount;	/* paise */
};

/* Starts an online payment for who: a pending order and its audit row, in
 * one transaction.  0 with *order; 404 (no such application of who's), 409
 * (not waiting for its fee), 422 (a top-up amount out of range, or who is
 * no CSC operator) or 503, each also in out. */
int pay_start(struct arena *a, const struct actor *who, const struct pay_for *in, struct pay_order *order,
	      struct outcome *out);

/* Creates a pending order (inside the caller's transaction); returns its
 * number (arena) or NULL. */
const char *pay_order_create(struct arena *a, const char *purpose, long app_id, long user_id, long amount);

enum settle_rc { SETTLE_DONE = 0, SETTLE_ALREADY = 1, SETTLE_UNKNOWN = 2, SETTLE_MISMATCH = 3, SETTLE_ERROR = -1 };
/* Settles an order from a verified gateway answer (source: return,
 * callback, reconcile), as who (NULL: the reconciliation job).  The first
 * answer wins; later ones change nothing.  Every call is recorded in
 * payment_events. */
enum settle_rc pay_settle(struct arena *a, const struct actor *who, const char *order_no, const char *status,
			  const char *txn, long amount, const char *source);
/* Records a gateway answer whose checksum failed (source: return,
 * callback), from who's address, in payment_events. */
void pay_refused(const struct actor *who, const char *source, const char *order_no);
/* Pending orders older than 15 minutes: ask the gateway.  Returns count
 * settled or -1. */
long pay_reconcile(FILE *report);

/* Records the refund of an order held as owed back (refund_due), made at
 * the gateway's refund desk under reference ref: the money leaves the
 * refunds-due account and the order is closed, in one transaction with its
 * audit row.  0; 404 (no such order owed); 422 (ref: 3 to LIM_REFERENCE
 * characters once trimmed, field "reference"); 503. */
int pay_refund(struct arena *a, const struct actor *who, const char *order_no, const char *ref, struct outcome *out);

/* The test-only sandbox gateway's book: records the payer's decision
 * ("pay" or anything else: fail) for an order once, and answers with what
 * its book holds (*status SUCCESS/FAILED, *txn).  0 or -1. */
int pay_sandbox_decide(struct arena *a, const char *order_no, long amount, const char *decision, const char **status,
		       const char **txn);

/* Issues a numbered receipt (inside the caller's transaction); returns the
 * number or NULL.  details: JSON object of printed lines. */
const char *receipt_issue(struct arena *a, const char *kind, const char *ref, long user_id, long app_id, long amount,
			  const char *details);
/* The receipt's QR verification link. */
char *receipt_url(struct arena *a, const char *no, long amount);
#endif
