/*
 * test_geo.c — unit tests for geo.c: haversine distances, the geofence rule
 * at its edges (on the circle, accuracy straddling it), speeds between
 * events, the convex hull that outlines a block, the deterministic demo
 * points, and the SVG map's escaping.
 */
#include "../../src/geo.h"
#include "tap.h"

#include <math.h>
#include <string.h>

/* one degree of latitude on the mean sphere: pi/180 * 6371008.8 m */
#define DEG_M 111195.08

START_TEST(distance_one_degree_of_latitude)
{
	struct geo_pt a = { 24.0, 84.0 }, b = { 25.0, 84.0 };
	ck_assert_double_eq_tol(geo_distance_m(a, b), DEG_M, 0.5);
	ck_assert_double_eq_tol(geo_distance_m(a, a), 0, 1e-9);
	/* symmetric */
	struct geo_pt c = { 23.34, 85.31 };
	ck_assert_double_eq_tol(geo_distance_m(a, c), geo_distance_m(c, a), 1e-6);
}
END_TEST

START_TEST(distance_small_offsets_in_metres)
{
	/* 100 m north of a point is 100/DEG_M degrees of latitude */
	struct geo_pt gp = { 24.03, 84.07 }, n = { 24.03 + 100.0 / DEG_M, 84.07 };
	ck_assert_double_eq_tol(geo_distance_m(gp, n), 100.0, 0.01);
	/* east: a degree of longitude shrinks with cos(latitude) */
	struct geo_pt e = { 24.03, 84.07 + 100.0 / (DEG_M * cos(24.03 * M_PI / 180)) };
	ck_assert_double_eq_tol(geo_distance_m(gp, e), 100.0, 0.05);
}
END_TEST

START_TEST(geofence_exactly_on_the_circle_is_inside)
{
	ck_assert(geo_within(100.0, 0.0, 100.0));
	ck_assert(!geo_within(100.01, 0.0, 100.0));
	ck_assert(geo_within(99.99, 0.0, 100.0));
}
END_TEST

START_TEST(geofence_accuracy_straddling_the_circle)
{
	/* 130 m away with 40 m accuracy: the circle of uncertainty reaches in */
	ck_assert(geo_within(130.0, 40.0, 100.0));
	/* exactly reaching the edge */
	ck_assert(geo_within(150.0, 50.0, 100.0));
	/* 160 m with 50 m: the nearest possible place is still 10 m out */
	ck_assert(!geo_within(160.0, 50.0, 100.0));
	/* a bigger radius takes it in */
	ck_assert(geo_within(160.0, 50.0, 110.0));
}
END_TEST

START_TEST(speed_between_events)
{
	struct geo_pt a = { 24.0, 84.0 }, b = { 25.0, 84.0 };
	/* one degree (111.2 km) in one hour */
	ck_assert_double_eq_tol(geo_speed_kmh(a, 1000, b, 1000 + 3600), DEG_M / 1000, 0.01);
	/* order does not matter */
	ck_assert_double_eq_tol(geo_speed_kmh(b, 1000 + 3600, a, 1000), DEG_M / 1000, 0.01);
	/* the same second counts as one second: huge, not infinite */
	double v = geo_speed_kmh(a, 5, b, 5);
	ck_assert(isfinite(v) && v > 100000);
	/* standing still */
	ck_assert_double_eq_tol(geo_speed_kmh(a, 0, a, 60), 0, 1e-9);
}
END_TEST

START_TEST(valid_coordinates)
{
	ck_assert(geo_valid((struct geo_pt){ 24.0, 84.0 }));
	ck_assert(geo_valid((struct geo_pt){ -90, 180 }));
	ck_assert(!geo_valid((struct geo_pt){ 90.0001, 0 }));
	ck_assert(!geo_valid((struct geo_pt){ 0, -180.5 }));
	ck_assert(!geo_valid((struct geo_pt){ NAN, 0 }));
}
END_TEST

START_TEST(hull_of_a_square_with_inner_and_edge_points)
{
	struct geo_pt p[] = { { 0, 0 }, { 1, 1 }, { 0.5, 0.5 }, { 0, 1 }, { 1, 0 }, { 0, 0.5 }, { 0.2, 0.7 } };
	size_t n = geo_hull(p, ARRAY_LEN(p));
	ck_assert_uint_eq(n, 4);
	/* every corner once, nothing inside or on an edge */
	int corners = 0;
	for (size_t i = 0; i < n; i++)
		corners += (p[i].lat == 0 || p[i].lat == 1) && (p[i].lon == 0 || p[i].lon == 1);
	ck_assert_int_eq(corners, 4);
	/* counter-clockwise: positive area (shoelace, lon as x) */
	double area = 0;
	for (size_t i = 0; i < n; i++)
		area += p[i].lon * p[(i + 1) % n].lat - p[(i + 1) % n].lon * p[i].lat;
	ck_assert(area > 0);
}
END_TEST

START_TEST(hull_of_few_or_collinear_points)
{
	struct geo_pt two[] = { { 1, 1 }, { 2, 2 } };
	ck_assert_uint_eq(geo_hull(two, 2), 2);
	struct geo_pt line[] = { { 0, 0 }, { 1, 1 }, { 2, 2 }, { 3, 3 } };
	ck_assert_uint_eq(geo_hull(line, 4), 2);	/* a line has two ends and no area */
}
END_TEST

START_TEST(box_grows_with_points)
{
	struct geo_box b;
	geo_box_init(&b);
	ck_assert(b.empty);
	geo_box_add(&b, (struct geo_pt){ 24, 84 });
	geo_box_add(&b, (struct geo_pt){ 23.5, 84.5 });
	ck_assert(!b.empty);
	ck_assert_double_eq(b.min_lat, 23.5);
	ck_assert_double_eq(b.max_lat, 24);
	ck_assert_double_eq(b.min_lon, 84);
	ck_assert_double_eq(b.max_lon, 84.5);
}
END_TEST

START_TEST(synthetic_points_are_deterministic_and_near)
{
	struct geo_pt c = { 24.03, 84.07 };
	struct geo_pt a = geo_synth(c, 0.05, 42), b = geo_synth(c, 0.05, 42), d = geo_synth(c, 0.05, 43);
	ck_assert(a.lat == b.lat && a.lon == b.lon);
	ck_assert(a.lat != d.lat || a.lon != d.lon);
	for (unsigned long s = 0; s < 500; s++) {
		struct geo_pt p = geo_synth(c, 0.05, s);
		ck_assert(geo_distance_m(c, p) <= 0.05 * DEG_M * 1.01);
	}
}
END_TEST

START_TEST(map_escapes_labels_and_refuses_odd_colours)
{
	struct geo_pt sq[] = { { 24, 84 }, { 24, 84.1 }, { 24.1, 84.1 }, { 24.1, 84 } };
	struct map_shape s = { sq, 4, "#ffdd00", NULL, "Block <b>&\"x\"" };
	struct map_point pt[] = {
		{ { 24.05, 84.05 }, "red\" onload=\"alert(1)", "GP <script>alert(1)</script>", "/attendance?x=1&y=\"2\"" },
		{ { 24.02, 84.02 }, "#00703c", NULL, NULL },
	};
	struct map_key k = { "#00703c", "Present: 1 & more" };
	struct map_spec m = { .title = "Map <of> 'blocks'", .shapes = &s, .nshapes = 1, .points = pt, .npoints = 2,
			      .keys = &k, .nkeys = 1 };
	struct sbuf b;
	sbuf_init(&b);
	geo_map_svg(&b, &m);
	ck_assert(str_starts(b.data, "<svg "));
	ck_assert(str_ends_with(b.data, "</svg>"));
	ck_assert(!strstr(b.data, "<script"));
	ck_assert(!strstr(b.data, "<b>"));
	ck_assert(!strstr(b.data, "onload"));
	ck_assert(strstr(b.data, "GP &lt;script&gt;"));
	ck_assert(strstr(b.data, "Block &lt;b&gt;&amp;&quot;x&quot;"));
	ck_assert(strstr(b.data, "href=\"/attendance?x=1&amp;y=&quot;2&quot;\""));
	ck_assert(strstr(b.data, "Present: 1 &amp; more"));
	ck_assert(strstr(b.data, "fill=\"#00703c\""));
	ck_assert(strstr(b.data, "<polygon "));
	/* two dots in the map, one in the legend */
	size_t circles = 0;
	for (const char *p = b.data; (p = strstr(p, "<circle")); p++)
		circles++;
	ck_assert_uint_eq(circles, 3);
	sbuf_free(&b);
}
END_TEST

START_TEST(map_projection_keeps_points_inside_the_drawing)
{
	struct map_point pt[] = { { { 23.8, 83.7 }, "#000", NULL, NULL }, { { 24.5, 84.5 }, "#000", NULL, NULL } };
	struct map_spec m = { .title = "t", .points = pt, .npoints = 2 };
	struct sbuf b;
	sbuf_init(&b);
	geo_map_svg(&b, &m);
	int w, h;
	const char *vb = strstr(b.data, "viewBox=\"0 0 ");
	ck_assert(vb && sscanf(vb, "viewBox=\"0 0 %d %d", &w, &h) == 2);
	ck_assert_int_eq(w, 640);
	/* the south-west dot at the left edge and bottom, the north-east one at the right edge and top */
	double x1, y1, x2, y2;
	const char *c1 = strstr(b.data, "<circle"), *c2 = c1 ? strstr(c1 + 1, "<circle") : NULL;
	ck_assert(c1 && c2);
	ck_assert(sscanf(c1, "<circle cx=\"%lf\" cy=\"%lf\"", &x1, &y1) == 2);
	ck_assert(sscanf(c2, "<circle cx=\"%lf\" cy=\"%lf\"", &x2, &y2) == 2);
	ck_assert_double_eq_tol(x1, 16, 0.1);
	ck_assert_double_eq_tol(x2, 624, 0.1);
	ck_assert(y1 > y2);
	ck_assert(y1 <= h && y2 >= 0);
	/* nothing to draw: still one well-formed svg */
	struct map_spec none = { .title = "empty" };
	sbuf_reset(&b);
	geo_map_svg(&b, &none);
	ck_assert(str_starts(b.data, "<svg ") && str_ends_with(b.data, "</svg>"));
	sbuf_free(&b);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("geo");
	TCase *tc = tcase_create("geo");
	tcase_add_test(tc, distance_one_degree_of_latitude);
	tcase_add_test(tc, distance_small_offsets_in_metres);
	tcase_add_test(tc, geofence_exactly_on_the_circle_is_inside);
	tcase_add_test(tc, geofence_accuracy_straddling_the_circle);
	tcase_add_test(tc, speed_between_events);
	tcase_add_test(tc, valid_coordinates);
	tcase_add_test(tc, hull_of_a_square_with_inner_and_edge_points);
	tcase_add_test(tc, hull_of_few_or_collinear_points);
	tcase_add_test(tc, box_grows_with_points);
	tcase_add_test(tc, synthetic_points_are_deterministic_and_near);
	tcase_add_test(tc, map_escapes_labels_and_refuses_odd_colours);
	tcase_add_test(tc, map_projection_keeps_points_inside_the_drawing);
	suite_add_tcase(s, tc);
	return tap_run(s) ? 1 : 0;
}
