/*
 * geo.h — small, pure geometry for places on the ground, and a map drawn
 * as SVG on the server.
 *
 * Distances are great-circle (haversine on a sphere of the Earth's mean
 * radius): within a few metres of the ellipsoid at the scale of a
 * panchayat, which is far below what a phone's GPS reports as its own
 * accuracy.  The map is an equirectangular projection corrected by the
 * cosine of the middle latitude, good for a district or a state (no tiles:
 * we draw only our own points and outlines).  Nothing here touches the
 * database or the request; attendance (check-ins, geofences) and the
 * registers/amenities maps use it.
 */
#ifndef GS_GEO_H
#define GS_GEO_H
#include "util.h"

struct geo_pt {
	double lat;	/* degrees north */
	double lon;	/* degrees east */
};

/* Metres between a and b along the surface (haversine). */
double geo_distance_m(struct geo_pt a, struct geo_pt b);
/* Speed in km/h to go from a at t_a to b at t_b (unix seconds).  Events at
 * the same second count as one second apart, so two places far apart at
 * once give a huge speed rather than a division by zero. */
double geo_speed_kmh(struct geo_pt a, long long t_a, struct geo_pt b, long long t_b);
/* The geofence rule: a fix reported with accuracy_m metres of uncertainty
 * at distance_m from the reference point is inside a circle of radius_m
 * when distance - accuracy <= radius (the benefit of the doubt goes to the
 * person; how much doubt is allowed is checked separately). */
bool geo_within(double distance_m, double accuracy_m, double radius_m);
/* A valid coordinate pair (finite, lat in [-90, 90], lon in [-180, 180]). */
bool geo_valid(struct geo_pt p);

/* Convex hull of p[0..n) in place (Andrew's monotone chain), counter-
 * clockwise from the lowest-left point, collinear points dropped.
 * Returns the number of hull points now at the start of p (n when n < 3). */
size_t geo_hull(struct geo_pt *p, size_t n);

/* A bounding box; start it with geo_box_init. */
struct geo_box {
	double min_lat, min_lon, max_lat, max_lon;	/* corners, degrees */
	bool empty;					/* nothing added yet */
};
void geo_box_init(struct geo_box *b);
void geo_box_add(struct geo_box *b, struct geo_pt p);

/* A deterministic point near centre: up to spread degrees of latitude away
 * (longitude scaled so the spread is about round on the ground), chosen by
 * seed.  For demonstration and benchmark data only (places whose LGD entry
 * has no coordinates). */
struct geo_pt geo_synth(struct geo_pt centre, double spread, unsigned long seed);

/* ---- the SVG map ---- */

/* A point on the map: a dot coloured by its state. */
struct map_point {
	struct geo_pt at;	/* where */
	const char *color;	/* CSS colour of the dot */
	const char *label;	/* tooltip (<title>), or NULL */
	const char *href;	/* link target (a path on this site), or NULL */
};

/* An outline: a closed polygon with an optional label at its centre. */
struct map_shape {
	const struct geo_pt *pts;	/* vertices in order (at least 3 to be drawn) */
	size_t n;			/* vertex count */
	const char *fill;		/* CSS colour, or NULL for none */
	const char *stroke;		/* outline colour, or NULL for grey */
	const char *label;		/* text at the centroid, or NULL */
};

/* One legend entry. */
struct map_key {
	const char *color;	/* swatch colour */
	const char *label;	/* what it means (with a count, if the caller wants one) */
};

struct map_spec {
	const char *title;		/* aria-label and <title> of the drawing */
	const struct map_shape *shapes;	/* outlines, drawn first */
	size_t nshapes;
	const struct map_point *points;	/* dots, drawn over the outlines */
	size_t npoints;
	const struct map_key *keys;	/* legend under the map */
	size_t nkeys;
	double dot;			/* dot radius in drawing units (0: 5) */
};

/* Appends the map as one <svg> element (width 100%, viewBox 640 wide, the
 * height from the area's shape) to b.  Every text (title, labels, legend,
 * links) is escaped for XML here, so the caller may print b raw.  An empty
 * map (nothing to draw) is a box with the title only. */
void geo_map_svg(struct sbuf *b, const struct map_spec *m);
#endif
