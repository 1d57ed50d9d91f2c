/*
 * money.h — amounts of money.  Every amount is a whole number of paise in a
 * long long; this module is the one place that reads an amount typed by a
 * person and the one place that writes one for people: plain ("30.50", for
 * form inputs and CSV), shown ("₹1,23,456.50", Indian digit grouping) and in
 * words (English and Hindi, for certificates and receipts).
 */
#ifndef GS_MONEY_H
#define GS_MONEY_H
#include "util.h"

/* The largest amount the product handles: ₹10,00,00,000 (ten crore). */
#define MONEY_MAX 10000000000LL

/* Reads an amount in rupees as a person types it: "30", "30.5", "30.50",
 * "1,23,456.50", "₹ 30", "Rs. 30".  At most two decimals; commas only as
 * digit grouping; a leading '-' only when allow_negative.  Returns false for
 * anything else or beyond MONEY_MAX. */
bool money_parse(const char *s, bool allow_negative, long long *paise);

/* "30", "30.50", "-1.50", "123456.75": no grouping, no symbol; paise shown
 * only when there are any.  For form inputs, CSV cells and plain text. */
const char *money_plain(struct arena *a, long long paise);

/* "₹30", "₹1,23,456.50", "-₹1.50": the rupee sign and Indian grouping
 * (last three digits, then pairs). */
const char *money_fmt(struct arena *a, long long paise);

/* The amount in words: en "Rupees One Lakh Twenty-Three Thousand Four
 * Hundred Fifty-Six and Fifty Paise Only", hi "एक लाख तेईस हज़ार चार सौ
 * छप्पन रुपये और पचास पैसे मात्र".  lang other than "hi" gives English. */
const char *money_words(struct arena *a, long long paise, const char *lang);
#endif
