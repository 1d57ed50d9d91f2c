/*
 * routes.c — the one route table.  Order matters only where two patterns
 * could match the same path: the first wins.
 */
#include "pages.h"
#include "user.h"

const struct route routes[] = {
	{ "GET", "/", page_home, 0, F_PUBLIC },
	{ "GET", "/healthz", page_healthz, 0, F_PUBLIC },
	{ "GET", "/lang", page_lang, 0, F_PUBLIC },
};

const size_t nroutes = sizeof routes / sizeof routes[0];
