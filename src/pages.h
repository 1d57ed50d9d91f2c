/*
 * pages.h — every handler named in the route table, grouped by the file
 * that defines it.
 */
#ifndef GS_PAGES_H
#define GS_PAGES_H
#include "router.h"

/* page_core.c */
int page_home(struct req *r);
int page_healthz(struct req *r);
int page_lang(struct req *r);
#endif
