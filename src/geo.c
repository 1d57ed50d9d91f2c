/*
 * geo.c — distances, hulls, boxes and the server-drawn SVG map (geo.h).
 */
#include "geo.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define EARTH_R 6371008.8	/* mean radius, metres (IUGG) */
#define DEG (M_PI / 180.0)

double geo_distance_m(struct geo_pt a, struct geo_pt b)
{
	double dlat = (b.lat - a.lat) * DEG, dlon = (b.lon - a.lon) * DEG;
	double h = sin(dlat / 2) * sin(dlat / 2) + cos(a.lat * DEG) * cos(b.lat * DEG) * sin(dlon / 2) * sin(dlon / 2);
	if (h > 1)
		h = 1;	/* rounding at antipodes */
	return 2 * EARTH_R * asin(sqrt(h));
}

double geo_speed_kmh(struct geo_pt a, long long t_a, struct geo_pt b, long long t_b)
{
	long long dt = llabs(t_b - t_a);
	if (dt < 1)
		dt = 1;
	return geo_distance_m(a, b) / 1000.0 / ((double)dt / 3600.0);
}

bool geo_within(double distance_m, double accuracy_m, double radius_m)
{
	return distance_m - accuracy_m <= radius_m;
}

bool geo_valid(struct geo_pt p)
{
	return isfinite(p.lat) && isfinite(p.lon) && p.lat >= -90 && p.lat <= 90 && p.lon >= -180 && p.lon <= 180;
}

static int pt_cmp(const void *x, const void *y)
{
	const struct geo_pt *a = x, *b = y;
	if (a->lon != b->lon)
		return a->lon < b->lon ? -1 : 1;
	if (a->lat != b->lat)
		return a->lat < b->lat ? -1 : 1;
	return 0;
}

/* > 0 when o→a→b turns left (counter-clockwise), in lon/lat as x/y */
static double cross(struct geo_pt o, struct geo_pt a, struct geo_pt b)
{
	return (a.lon - o.lon) * (b.lat - o.lat) - (a.lat - o.lat) * (b.lon - o.lon);
}

size_t geo_hull(struct geo_pt *p, size_t n)
{
	if (n < 3)
		return n;
	qsort(p, n, sizeof *p, pt_cmp);
	struct geo_pt *h = xmalloc(2 * n * sizeof *h);
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {	/* lower hull */
		while (k >= 2 && cross(h[k - 2], h[k - 1], p[i]) <= 0)
			k--;
		h[k++] = p[i];
	}
	for (size_t i = n - 1, t = k + 1; i-- > 0;) {	/* upper hull */
		while (k >= t && cross(h[k - 2], h[k - 1], p[i]) <= 0)
			k--;
		h[k++] = p[i];
	}
	k--;	/* the last point is the first again */
	memcpy(p, h, k * sizeof *p);
	free(h);
	return k;
}

void geo_box_init(struct geo_box *b)
{
	memset(b, 0, sizeof *b);
	b->empty = true;
}

void geo_box_add(struct geo_box *b, struct geo_pt p)
{
	if (b->empty) {
		b->min_lat = b->max_lat = p.lat;
		b->min_lon = b->max_lon = p.lon;
		b->empty = false;
		return;
	}
	b->min_lat = fmin(b->min_lat, p.lat);
	b->max_lat = fmax(b->max_lat, p.lat);
	b->min_lon = fmin(b->min_lon, p.lon);
	b->max_lon = fmax(b->max_lon, p.lon);
}

/* splitmix64: a well-spread number from a seed, the same everywhere */
static unsigned long long mix(unsigned long long x)
{
	x += 0x9E3779B97F4A7C15ULL;
	x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
	x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
	return x ^ (x >> 31);
}

struct geo_pt geo_synth(struct geo_pt centre, double spread, unsigned long seed)
{
	unsigned long long r1 = mix(seed), r2 = mix(r1);
	/* a point in the disc: radius by square root, so the area fills evenly */
	double rad = spread * sqrt((double)(r1 >> 11) / 9007199254740992.0);
	double ang = 2 * M_PI * ((double)(r2 >> 11) / 9007199254740992.0);
	struct geo_pt p = { centre.lat + rad * sin(ang), centre.lon + rad * cos(ang) / cos(centre.lat * DEG) };
	return p;
}

/* ---- SVG ---- */

/* XML text and attribute escaping (the five special characters). */
static void esc(struct sbuf *b, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '&': sbuf_adds(b, "&amp;"); break;
		case '<': sbuf_adds(b, "&lt;"); break;
		case '>': sbuf_adds(b, "&gt;"); break;
		case '"': sbuf_adds(b, "&quot;"); break;
		case '\'': sbuf_adds(b, "&#39;"); break;
		default: sbuf_addc(b, *s);
		}
	}
}

/* A colour is written into an attribute: only #hex and names pass. */
static const char *colour(const char *c, const char *dflt)
{
	if (!c || !*c || strlen(c) > 24 || strspn(c, "#0123456789abcdefABCDEFghijklmnopqrstuvwxyz") != strlen(c))
		return dflt;
	return c;
}

/* The projection of one map: degrees to drawing units. */
struct proj {
	double min_lon, max_lat;	/* top-left corner */
	double kx, ky;			/* units per degree */
	double pad;			/* margin, units */
};

static double px(const struct proj *p, struct geo_pt g) { return p->pad + (g.lon - p->min_lon) * p->kx; }
static double py(const struct proj *p, struct geo_pt g) { return p->pad + (p->max_lat - g.lat) * p->ky; }

enum { MAP_W = 640, MAP_PAD = 16, KEY_ROW = 32 };

void geo_map_svg(struct sbuf *b, const struct map_spec *m)
{
	struct geo_box box;
	geo_box_init(&box);
	for (size_t i = 0; i < m->nshapes; i++)
		for (size_t k = 0; k < m->shapes[i].n; k++)
			geo_box_add(&box, m->shapes[i].pts[k]);
	for (size_t i = 0; i < m->npoints; i++)
		geo_box_add(&box, m->points[i].at);
	if (box.empty) {
		box.min_lat = box.max_lat = 0;
		box.min_lon = box.max_lon = 0;
	}
	double mid = (box.min_lat + box.max_lat) / 2;
	double wdeg = (box.max_lon - box.min_lon) * cos(mid * DEG), hdeg = box.max_lat - box.min_lat;
	if (wdeg < 1e-4)
		wdeg = 1e-4;
	if (hdeg < 1e-4)
		hdeg = 1e-4;
	double inner = MAP_W - 2 * MAP_PAD, scale = inner / wdeg;
	if (hdeg * scale > 1.4 * inner)	/* very tall areas: keep the page short */
		scale = 1.4 * inner / hdeg;
	struct proj p = { box.min_lon, box.max_lat, scale * cos(mid * DEG), scale, MAP_PAD };
	int map_h = (int)(hdeg * scale) + 2 * MAP_PAD;
	int keys_h = m->nkeys ? KEY_ROW * (int)((m->nkeys + 1) / 2) + 8 : 0;
	double dot = m->dot > 0 ? m->dot : 7;

	sbuf_printf(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"map\" width=\"100%%\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"",
		    MAP_W, map_h + keys_h);
	esc(b, m->title);
	sbuf_adds(b, "\"><title>");
	esc(b, m->title);
	sbuf_printf(b, "</title><rect x=\"0\" y=\"0\" width=\"%d\" height=\"%d\" fill=\"#f7f7f2\" stroke=\"#b1b4b6\"/>", MAP_W, map_h);
	for (size_t i = 0; i < m->nshapes; i++) {
		const struct map_shape *s = &m->shapes[i];
		if (s->n < 3)
			continue;
		sbuf_adds(b, "<polygon points=\"");
		double cx = 0, cy = 0;
		for (size_t k = 0; k < s->n; k++) {
			double x = px(&p, s->pts[k]), y = py(&p, s->pts[k]);
			sbuf_printf(b, "%s%.1f,%.1f", k ? " " : "", x, y);
			cx += x;
			cy += y;
		}
		sbuf_printf(b, "\" fill=\"%s\" fill-opacity=\"0.35\" stroke=\"%s\" stroke-width=\"1.5\">",
			    colour(s->fill, "none"), colour(s->stroke, "#6f777b"));
		if (s->label) {
			sbuf_adds(b, "<title>");
			esc(b, s->label);
			sbuf_adds(b, "</title></polygon>");
			sbuf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"16\" text-anchor=\"middle\" fill=\"#0b0c0c\">",
				    cx / (double)s->n, cy / (double)s->n);
			esc(b, s->label);
			sbuf_adds(b, "</text>");
		} else {
			sbuf_adds(b, "</polygon>");
		}
	}
	for (size_t i = 0; i < m->npoints; i++) {
		const struct map_point *pt = &m->points[i];
		if (pt->href) {
			sbuf_adds(b, "<a href=\"");
			esc(b, pt->href);
			sbuf_adds(b, "\">");
		}
		sbuf_printf(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"%s\" stroke=\"#0b0c0c\" stroke-width=\"0.5\">",
			    px(&p, pt->at), py(&p, pt->at), dot, colour(pt->color, "#6f777b"));
		if (pt->label) {
			sbuf_adds(b, "<title>");
			esc(b, pt->label);
			sbuf_adds(b, "</title>");
		}
		sbuf_adds(b, "</circle>");
		if (pt->href)
			sbuf_adds(b, "</a>");
	}
	for (size_t i = 0; i < m->nkeys; i++) {
		int x = 8 + (int)(i % 2) * (MAP_W / 2), y = map_h + 8 + (int)(i / 2) * KEY_ROW;
		sbuf_printf(b, "<circle cx=\"%d\" cy=\"%d\" r=\"9\" fill=\"%s\" stroke=\"#0b0c0c\" stroke-width=\"0.5\"/>", x + 9,
			    y + 7, colour(m->keys[i].color, "#6f777b"));
		sbuf_printf(b, "<text x=\"%d\" y=\"%d\" font-size=\"21\" fill=\"#0b0c0c\">", x + 24, y + 14);
		esc(b, m->keys[i].label);
		sbuf_adds(b, "</text>");
	}
	sbuf_adds(b, "</svg>");
}
