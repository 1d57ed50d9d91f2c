/*
 * money.c — reading and writing amounts of money (see money.h).  Pure
 * functions over paise; nothing here touches the database.
 */
#include "money.h"

#include <stdio.h>
#include <string.h>

bool money_parse(const char *s, bool allow_negative, long long *paise)
{
	if (!s)
		return false;
	while (*s == ' ')
		s++;
	bool neg = false;
	if (*s == '-') {
		if (!allow_negative)
			return false;
		neg = true;
		s++;
	}
	if (str_starts(s, "\xe2\x82\xb9"))	/* ₹ */
		s += 3;
	else if (str_starts(s, "Rs.") || str_starts(s, "rs."))
		s += 3;
	else if (str_starts(s, "Rs") || str_starts(s, "rs"))
		s += 2;
	while (*s == ' ')
		s++;
	long long rupees = 0;
	int digits = 0, since_comma = -1;
	for (; *s && *s != '.'; s++) {
		if (*s == ',') {
			/* grouping only: a comma needs digits before it and no empty group */
			if (digits == 0 || since_comma == 0)
				return false;
			since_comma = 0;
			continue;
		}
		if (*s < '0' || *s > '9')
			break;
		rupees = rupees * 10 + (*s - '0');
		if (rupees > MONEY_MAX / 100)
			return false;
		digits++;
		if (since_comma >= 0)
			since_comma++;
	}
	if (since_comma == 0 || (since_comma > 0 && since_comma != 3))
		return false;	/* "1," or "1,23" */
	long long p = 0;
	int decimals = 0;
	if (*s == '.') {
		s++;
		for (; *s >= '0' && *s <= '9'; s++) {
			if (++decimals > 2)
				return false;
			p = p * 10 + (*s - '0');
		}
		if (decimals == 0)
			return false;
		if (decimals == 1)
			p *= 10;
	}
	while (*s == ' ')
		s++;
	if (*s || digits == 0)
		return false;
	long long total = rupees * 100 + p;
	if (total > MONEY_MAX)
		return false;
	*paise = neg ? -total : total;
	return true;
}

/* Absolute value split into rupees and paise, sign apart. */
static unsigned long long split(long long paise, bool *neg, unsigned *frac)
{
	*neg = paise < 0;
	unsigned long long m = *neg ? 0ULL - (unsigned long long)paise : (unsigned long long)paise;
	*frac = (unsigned)(m % 100);
	return m / 100;
}

const char *money_plain(struct arena *a, long long paise)
{
	bool neg;
	unsigned frac;
	unsigned long long r = split(paise, &neg, &frac);
	return frac ? arena_printf(a, "%s%llu.%02u", neg ? "-" : "", r, frac) : arena_printf(a, "%s%llu", neg ? "-" : "", r);
}

const char *money_fmt(struct arena *a, long long paise)
{
	bool neg;
	unsigned frac;
	unsigned long long r = split(paise, &neg, &frac);
	char digits[24], grouped[40];
	int n = snprintf(digits, sizeof digits, "%llu", r);
	size_t o = 0;
	for (int i = 0; i < n; i++) {
		int left = n - i;	/* digits from here to the end */
		if (i > 0 && (left == 3 || (left > 3 && (left - 3) % 2 == 0)))
			grouped[o++] = ',';
		grouped[o++] = digits[i];
	}
	grouped[o] = '\0';
	return frac ? arena_printf(a, "%s\xe2\x82\xb9%s.%02u", neg ? "-" : "", grouped, frac)
		    : arena_printf(a, "%s\xe2\x82\xb9%s", neg ? "-" : "", grouped);
}

/* ---- in words ---- */

static const char *const en_ones[20] = {
	"Zero", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten",
	"Eleven", "Twelve", "Thirteen", "Fourteen", "Fifteen", "Sixteen", "Seventeen", "Eighteen", "Nineteen",
};
static const char *const en_tens[10] = {
	"", "", "Twenty", "Thirty", "Forty", "Fifty", "Sixty", "Seventy", "Eighty", "Ninety",
};

/* Hindi has a word of its own for every number below a hundred. */
static const char *const hi_upto99[100] = {
	"शून्य", "एक", "दो", "तीन", "चार", "पाँच", "छह", "सात", "आठ", "नौ",
	"दस", "ग्यारह", "बारह", "तेरह", "चौदह", "पंद्रह", "सोलह", "सत्रह", "अठारह", "उन्नीस",
	"बीस", "इक्कीस", "बाईस", "तेईस", "चौबीस", "पच्चीस", "छब्बीस", "सत्ताईस", "अट्ठाईस", "उनतीस",
	"तीस", "इकतीस", "बत्तीस", "तैंतीस", "चौंतीस", "पैंतीस", "छत्तीस", "सैंतीस", "अड़तीस", "उनतालीस",
	"चालीस", "इकतालीस", "बयालीस", "तैंतालीस", "चवालीस", "पैंतालीस", "छियालीस", "सैंतालीस", "अड़तालीस", "उनचास",
	"पचास", "इक्यावन", "बावन", "तिरेपन", "चौवन", "पचपन", "छप्पन", "सत्तावन", "अट्ठावन", "उनसठ",
	"साठ", "इकसठ", "बासठ", "तिरेसठ", "चौंसठ", "पैंसठ", "छियासठ", "सड़सठ", "अड़सठ", "उनहत्तर",
	"सत्तर", "इकहत्तर", "बहत्तर", "तिहत्तर", "चौहत्तर", "पचहत्तर", "छिहत्तर", "सतहत्तर", "अठहत्तर", "उन्यासी",
	"अस्सी", "इक्यासी", "बयासी", "तिरासी", "चौरासी", "पचासी", "छियासी", "सत्तासी", "अट्ठासी", "नवासी",
	"नब्बे", "इक्यानवे", "बानवे", "तिरानवे", "चौरानवे", "पचानवे", "छियानवे", "सत्तानवे", "अट्ठानवे", "निन्यानवे",
};

static void word(struct sbuf *b, const char *w)
{
	if (b->len)
		sbuf_addc(b, ' ');
	sbuf_adds(b, w);
}

/* 1..99 */
static void below100(struct sbuf *b, unsigned n, bool hi)
{
	if (hi) {
		word(b, hi_upto99[n]);
	} else if (n < 20) {
		word(b, en_ones[n]);
	} else {
		word(b, en_tens[n / 10]);
		if (n % 10) {
			sbuf_addc(b, '-');
			sbuf_adds(b, en_ones[n % 10]);
		}
	}
}

/* n > 0 in the Indian system: crore, lakh, thousand, hundred. */
static void number_words(struct sbuf *b, unsigned long long n, bool hi)
{
	static const struct {
		unsigned long long size;
		const char *en, *hi;
	} scales[] = {
		{ 10000000ULL, "Crore", "करोड़" }, { 100000ULL, "Lakh", "लाख" },
		{ 1000ULL, "Thousand", "हज़ार" }, { 100ULL, "Hundred", "सौ" },
	};
	for (size_t i = 0; i < ARRAY_LEN(scales); i++) {
		unsigned long long q = n / scales[i].size;
		if (!q)
			continue;
		if (q >= 100)
			number_words(b, q, hi);	/* a hundred crore and more */
		else
			below100(b, (unsigned)q, hi);
		word(b, hi ? scales[i].hi : scales[i].en);
		n %= scales[i].size;
	}
	if (n)
		below100(b, (unsigned)n, hi);
}

const char *money_words(struct arena *a, long long paise, const char *lang)
{
	bool hi = str_eq(lang, "hi"), neg;
	unsigned frac;
	unsigned long long r = split(paise, &neg, &frac);
	struct sbuf b;
	sbuf_init(&b);
	if (neg)
		word(&b, hi ? "ऋण" : "Minus");
	if (r || !frac) {	/* the rupees, "Zero" when there is nothing at all */
		if (!hi)
			word(&b, "Rupees");
		if (r)
			number_words(&b, r, hi);
		else
			word(&b, hi ? hi_upto99[0] : en_ones[0]);
		if (hi)
			word(&b, "रुपये");
	}
	if (frac) {
		if (r)
			word(&b, hi ? "और" : "and");
		below100(&b, frac, hi);
		word(&b, hi ? "पैसे" : "Paise");
	}
	word(&b, hi ? "मात्र" : "Only");
	const char *s = arena_strdup(a, b.data);
	sbuf_free(&b);
	return s;
}
