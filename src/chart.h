/*
 * chart.h — server-rendered SVG charts for the dashboards: no JavaScript,
 * readable on a 360-px phone (drawn at a width that fits it, text never
 * below 12 px), printable.  Every
 * label is escaped here; templates print the result with uvar.
 */
#ifndef GS_CHART_H
#define GS_CHART_H
#include "util.h"

struct series {
	const char *name;	/* legend */
	const long *v;		/* values, one per label */
	const char *color;	/* CSS colour */
};

/* Horizontal bars (one or more stacked series) with a label per row. */
void chart_bars(struct sbuf *b, const char *title, const char *const *labels, size_t n, const struct series *s,
		size_t ns);
/* Lines over time (x labels are dates, shown sparsely). */
void chart_lines(struct sbuf *b, const char *title, const char *const *labels, size_t n, const struct series *s,
		 size_t ns);
/* A tile grid, one tile per place with its percentage (0..100, or -1 for
 * no data, shown as "—") in a band colour: the choropleth-style view of
 * districts, as an HTML list (ul.tilemap) that reflows on a phone. */
void chart_tiles(struct sbuf *b, const char *title, const char *const *labels, const long *pct, size_t n);
#endif
