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
#include "req.h"
#include <stdio.h>

char *pay_mac(struct arena *a, const char *msg);	/* hex HMAC-SHA256(pay_key, msg) */
bool pay_mac_ok(struct arena *a, const char *msg, const char *given);

/* Creates a pending order (inside the caller's transaction); returns its
 * number (arena) or NULL. */
const char *pay_order_create(struct arena *a, const char *purpose, long app_id, long user_id, long amount);

enum settle_rc { SETTLE_DONE = 0, SETTLE_ALREADY = 1, SETTLE_UNKNOWN = 2, SETTLE_MISMATCH = 3, SETTLE_ERROR = -1 };
/* Settles an order from a verified gateway answer (source: return,
 * callback, reconcile).  The first answer wins; later ones change nothing.
 * Every call is recorded in payment_events. */
enum settle_rc pay_settle(struct req *r, const char *order_no, const char *status, const char *txn, long amount,
			  const char *source);
/* Pending orders older than 15 minutes: ask the gateway.  Returns count
 * settled or -1. */
long pay_reconcile(FILE *report);

/* Issues a numbered receipt (inside the caller's transaction); returns the
 * number or NULL.  details: JSON object of printed lines. */
const char *receipt_issue(struct arena *a, const char *kind, const char *ref, long user_id, long app_id, long amount,
			  const char *details);
/* The receipt's QR verification link. */
char *receipt_url(struct arena *a, const char *no, long amount);
#endif
