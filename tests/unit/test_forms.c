/*
 * test_forms.c — the form engine on its own (gramsewa.form/1, as registers,
 * surveys and tickets use it): the definition's JSON round trip and
 * structural checks, and the types beyond a service's first set — money,
 * computed, geopoint, photo, user, ref — checked, normalised and shown as
 * text.
 */
#include "../../src/form.h"
#include "../../src/formtext.h"
#include "../../src/photo.h"
#include "../../src/upcheck.h"
#include "tap.h"

#include <libexif/exif-data.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jpeglib.h>

static struct arena A;
static void setup(void) { arena_init(&A); }
static void teardown(void) { arena_free(&A); }

/* The look-ups a caller supplies: staff 5 and 6 of this GP, cash-book
 * entry 41, and photos 70 (taken 2026-11-20 10:00 at a place) and 71 (no
 * EXIF). */
static bool user_ok(void *ctx, const struct field *f, long id, const char **name)
{
	(void)ctx;
	ck_assert_str_eq(f->scope, "gp_staff");
	*name = id == 5 ? "Sunita Devi" : "Ramesh Oraon";
	return id == 5 || id == 6;
}

static bool ref_ok(void *ctx, const struct field *f, long id, const char **label)
{
	(void)ctx;
	*label = "Cash book 2026-27 #41";
	return str_eq(f->ref_kind, "register:cash_book") && id == 41;
}

static bool photo_ok(void *ctx, long id, struct form_photo *m)
{
	(void)ctx;
	if (id == 70) {
		m->exif_at = "2026-11-20 10:00:00";
		m->has_gps = true;
		m->lat = 23.344123;
		m->lon = 85.309611;
	}
	return id == 70 || id == 71;
}

static struct form_env ENV = { .today = "2026-11-23", .user_ok = user_ok, .ref_ok = ref_ok, .photo_ok = photo_ok };

/* A form from its fields' JSON; fails the test on any parse problem. */
static struct form_def *def(const char *fields)
{
	const char *err;
	char *t = arena_printf(&A, "{\"format\":\"gramsewa.form/1\",\"fields\":[%s]}", fields);
	struct jval *j = json_parse(&A, t, strlen(t), &err);
	ck_assert_msg(j != NULL, "bad JSON %s", t);
	struct sbuf p;
	sbuf_init(&p);
	struct form_def *d = form_def_parse(&A, j, &p);
	ck_assert_msg(d && p.len == 0, "%s", p.data);
	sbuf_free(&p);
	return d;
}

/* Checks answers (JSON) against d: the first problem's "path key {n}" or
 * "" in *prob, the normalised answers returned. */
static const char *run(const struct form_def *d, const char *answers, const char **prob)
{
	const char *err, *norm;
	struct outcome o;
	out_init(&o, &A);
	form_check(&A, d, json_parse(&A, answers, strlen(answers), &err), &ENV, &o, &norm);
	*prob = o.nerrs ? arena_printf(&A, "%s %s%s%s", o.errs[0].field, o.errs[0].key, o.errs[0].arg ? " " : "",
				       o.errs[0].arg ? o.errs[0].arg : "")
			: "";
	return norm;
}

#define L "\"label\":{\"en\":\"L\",\"hi\":\"ल\"}"

START_TEST(money_typed_in_rupees_kept_in_paise)
{
	struct form_def *d = def("{\"name\":\"fee\",\"type\":\"money\"," L ",\"required\":true,\"min\":100,\"max\":1000000}");
	const char *p;
	ck_assert_str_eq(run(d, "{\"fee\":\"1,250.50\"}", &p), "{\"fee\":125050}");
	ck_assert_str_eq(p, "");
	ck_assert_str_eq(run(d, "{\"fee\":\"₹ 30\"}", &p), "{\"fee\":3000}");
	/* the API sends paise as a whole number */
	ck_assert_str_eq(run(d, "{\"fee\":125050}", &p), "{\"fee\":125050}");
	run(d, "{\"fee\":12.5}", &p);
	ck_assert_str_eq(p, "fee form.err.money");
	run(d, "{\"fee\":\"12.345\"}", &p);
	ck_assert_str_eq(p, "fee form.err.money");
	run(d, "{\"fee\":\"-5\"}", &p);
	ck_assert_str_eq(p, "fee form.err.money");
	run(d, "{\"fee\":\"0.50\"}", &p);
	ck_assert_str_eq(p, "fee form.err.min ₹1");
	run(d, "{\"fee\":\"10001\"}", &p);
	ck_assert_str_eq(p, "fee form.err.max ₹10,000");
	run(d, "{\"fee\":\"  \"}", &p);
	ck_assert_str_eq(p, "fee form.err.required");
	const char *err;
	ck_assert_str_eq(form_answer_text(&A, d, &d->fields[0], json_parse(&A, "12345650", 8, &err), "en"), "₹1,23,456.50");
}
END_TEST

/* A receipts form: amounts, a group of items, totals worked out. */
#define RECEIPTS \
	"{\"name\":\"cash\",\"type\":\"money\"," L "}," \
	"{\"name\":\"cheque\",\"type\":\"money\"," L "}," \
	"{\"name\":\"items\",\"type\":\"group\"," L ",\"max_items\":5,\"fields\":[" \
	"{\"name\":\"what\",\"type\":\"text\"," L "},{\"name\":\"amount\",\"type\":\"money\"," L "}," \
	"{\"name\":\"paid\",\"type\":\"checkbox\"," L "},{\"name\":\"qty\",\"type\":\"number\"," L "}]}," \
	"{\"name\":\"total\",\"type\":\"computed\"," L ",\"compute\":{\"op\":\"sum\",\"of\":[\"cash\",\"cheque\"]},\"min\":0}," \
	"{\"name\":\"items_total\",\"type\":\"computed\"," L ",\"compute\":{\"op\":\"sum\",\"of\":[\"items.amount\"]}}," \
	"{\"name\":\"n_items\",\"type\":\"computed\"," L ",\"compute\":{\"op\":\"count\",\"of\":[\"items\"]}}," \
	"{\"name\":\"n_paid\",\"type\":\"computed\"," L ",\"compute\":{\"op\":\"count\",\"of\":[\"items.paid\"]}}," \
	"{\"name\":\"qty_total\",\"type\":\"computed\"," L ",\"compute\":{\"op\":\"sum\",\"of\":[\"items.qty\"]}}"

START_TEST(computed_sums_and_counts_on_the_server)
{
	struct form_def *d = def(RECEIPTS);
	struct sbuf probs;
	sbuf_init(&probs);
	ck_assert_int_eq(form_def_validate(d, &probs), 0);
	sbuf_free(&probs);
	const char *p, *err;
	/* the answer given for a computed field is ignored */
	const char *n = run(d, "{\"cash\":\"100\",\"cheque\":\"20.50\",\"total\":999999,\"items\":["
			       "{\"what\":\"chalk\",\"amount\":\"10\",\"paid\":\"true\",\"qty\":\"3\"},"
			       "{\"what\":\"ink\",\"amount\":\"2.25\",\"qty\":\"4\"}]}", &p);
	ck_assert_str_eq(p, "");
	struct jval *j = json_parse(&A, n, strlen(n), &err);
	long v;
	ck_assert(json_get_long(j, "total", &v) && v == 12050);
	ck_assert(json_get_long(j, "items_total", &v) && v == 1225);
	ck_assert(json_get_long(j, "n_items", &v) && v == 2);
	ck_assert(json_get_long(j, "n_paid", &v) && v == 1);
	ck_assert(json_get_long(j, "qty_total", &v) && v == 7);
	/* a sum of money shows as money, a count as a number */
	ck_assert_str_eq(form_answer_text(&A, d, form_field(d, "total"), json_get(j, "total"), "en"), "₹120.50");
	ck_assert_str_eq(form_answer_text(&A, d, form_field(d, "n_items"), json_get(j, "n_items"), "en"), "2");
	/* nothing answered: totals are zero */
	j = json_parse(&A, run(d, "{}", &p), strlen(run(d, "{}", &p)), &err);
	ck_assert(json_get_long(j, "total", &v) && v == 0);
}
END_TEST

START_TEST(computed_bounds_and_sources_checked)
{
	const char *p;
	/* a balance that may not go below zero */
	struct form_def *d = def("{\"name\":\"opening\",\"type\":\"money\"," L ",\"min\":-100000000}, "
				 "{\"name\":\"spent\",\"type\":\"money\"," L ",\"min\":-100000000},"
				 "{\"name\":\"balance\",\"type\":\"computed\"," L ",\"compute\":{\"op\":\"sum\",\"of\":[\"opening\",\"spent\"]},\"min\":0}");
	run(d, "{\"opening\":\"100\",\"spent\":\"-150\"}", &p);
	ck_assert_str_eq(p, "balance form.err.computed_min ₹0");
	run(d, "{\"opening\":\"100\",\"spent\":\"-50\"}", &p);
	ck_assert_str_eq(p, "");
	/* sources must be earlier fields that can be added */
	struct sbuf probs;
	sbuf_init(&probs);
	d = def("{\"name\":\"t\",\"type\":\"computed\"," L ",\"compute\":{\"op\":\"sum\",\"of\":[\"later\",\"name\",\"nope.x\"]}},"
		"{\"name\":\"later\",\"type\":\"number\"," L "},{\"name\":\"name\",\"type\":\"text\"," L "}");
	ck_assert_int_eq(form_def_validate(d, &probs), 3);
	ck_assert_ptr_nonnull(strstr(probs.data, "'later', which is not an earlier field"));
	sbuf_free(&probs);
	/* a computed field inside a group, or without its rule, is refused */
	const char *err;
	const char *t = "{\"format\":\"gramsewa.form/1\",\"fields\":[{\"name\":\"g\",\"type\":\"group\"," L ",\"fields\":["
			"{\"name\":\"c\",\"type\":\"computed\"," L ",\"compute\":{\"op\":\"sum\",\"of\":[\"x\"]}}]},"
			"{\"name\":\"c2\",\"type\":\"computed\"," L "}]}";
	sbuf_init(&probs);
	form_def_parse(&A, json_parse(&A, t, strlen(t), &err), &probs);
	ck_assert_ptr_nonnull(strstr(probs.data, "a computed inside a group is not allowed"));
	ck_assert_ptr_nonnull(strstr(probs.data, "a computed field needs 'compute'"));
	sbuf_free(&probs);
}
END_TEST

#define GEO "{\"name\":\"at\",\"type\":\"geopoint\"," L ",\"required\":true,\"accuracy_max_m\":20}"

START_TEST(geopoint_ranges_source_and_threshold)
{
	struct form_def *d = def(GEO);
	const char *p;
	ck_assert_str_eq(run(d, "{\"at\":{\"lat\":23.3441234567,\"lon\":\"85.3096\",\"accuracy_m\":7.2,"
				"\"fix_at\":\"2026-11-23T10:15:00+05:30\",\"source\":\"gps\"}}", &p),
			 "{\"at\":{\"lat\":23.344123,\"lon\":85.309600,\"accuracy_m\":8,\"fix_at\":\"2026-11-23T10:15:00+05:30\",\"source\":\"gps\"}}");
	ck_assert_str_eq(p, "");
	run(d, "{\"at\":{\"lat\":91,\"lon\":85,\"accuracy_m\":5}}", &p);
	ck_assert_str_eq(p, "at form.err.geo");
	run(d, "{\"at\":{\"lat\":23,\"lon\":-180.5,\"accuracy_m\":5}}", &p);
	ck_assert_str_eq(p, "at form.err.geo");
	run(d, "{\"at\":{\"lat\":\"23x\",\"lon\":85,\"accuracy_m\":5}}", &p);
	ck_assert_str_eq(p, "at form.err.geo");
	run(d, "{\"at\":{\"lat\":\"nan\",\"lon\":85,\"accuracy_m\":5}}", &p);
	ck_assert_str_eq(p, "at form.err.geo");
	run(d, "{\"at\":\"23,85\"}", &p);
	ck_assert_str_eq(p, "at form.err.geo");
	run(d, "{\"at\":{\"lat\":23,\"lon\":85,\"accuracy_m\":5,\"source\":\"mock\"}}", &p);
	ck_assert_str_eq(p, "at form.err.geo_mock");
	run(d, "{\"at\":{\"lat\":23,\"lon\":85,\"accuracy_m\":5,\"source\":\"wifi\"}}", &p);
	ck_assert_str_eq(p, "at form.err.geo");
	run(d, "{\"at\":{\"lat\":23,\"lon\":85,\"accuracy_m\":5,\"fix_at\":\"yesterday\"}}", &p);
	ck_assert_str_eq(p, "at form.err.geo_time");
	run(d, "{\"at\":{\"lat\":23,\"lon\":85,\"accuracy_m\":-1}}", &p);
	ck_assert_str_eq(p, "at form.err.geo_accuracy_bad");
	/* over the threshold, or a typed point with no accuracy: refused */
	run(d, "{\"at\":{\"lat\":23,\"lon\":85,\"accuracy_m\":35,\"source\":\"gps\"}}", &p);
	ck_assert_str_eq(p, "at form.err.geo_accuracy 20");
	run(d, "{\"at\":{\"lat\":23,\"lon\":85}}", &p);
	ck_assert_str_eq(p, "at form.err.geo_accuracy 20");
	run(d, "{\"at\":{\"lat\":\"\",\"lon\":\"\"}}", &p);
	ck_assert_str_eq(p, "at form.err.geo_required");
	/* a survey's field flags instead: kept, marked */
	d = def("{\"name\":\"at\",\"type\":\"geopoint\"," L ",\"accuracy_max_m\":20,\"accuracy_flag_only\":true}");
	const char *n = run(d, "{\"at\":{\"lat\":23,\"lon\":85,\"accuracy_m\":35,\"source\":\"gps\"}}", &p);
	ck_assert_str_eq(p, "");
	ck_assert_ptr_nonnull(strstr(n, "\"accuracy_ok\":false"));
	const char *err;
	struct jval *j = json_parse(&A, n, strlen(n), &err);
	ck_assert_str_eq(form_answer_text(&A, d, &d->fields[0], json_get(j, "at"), "en"),
			 "23.000000, 85.000000 (±35 m), form.geo_src.gps — form.geo_flagged");
}
END_TEST

START_TEST(photo_facts_come_from_the_store)
{
	struct form_def *d = def("{\"name\":\"pic\",\"type\":\"photo\"," L ",\"required\":true}");
	const char *p;
	/* EXIF facts given with the answer are not believed */
	ck_assert_str_eq(run(d, "{\"pic\":{\"doc_id\":70,\"exif_at\":\"1999-01-01 00:00:00\"}}", &p),
			 "{\"pic\":{\"doc_id\":70,\"exif_at\":\"2026-11-20 10:00:00\",\"exif_lat\":23.344123,\"exif_lon\":85.309611}}");
	ck_assert_str_eq(run(d, "{\"pic\":\"71\"}", &p), "{\"pic\":{\"doc_id\":71}}");
	run(d, "{\"pic\":72}", &p);
	ck_assert_str_eq(p, "pic form.err.photo");
	run(d, "{\"pic\":\"\"}", &p);
	ck_assert_str_eq(p, "pic form.err.photo_required");
	/* a task window: inside, outside, unknown time */
	ENV.photo_from = "2026-11-20 09:00:00";
	ENV.photo_to = "2026-11-20 18:00:00";
	ck_assert_ptr_nonnull(strstr(run(d, "{\"pic\":70}", &p), "\"in_window\":true"));
	ck_assert_ptr_nonnull(strstr(run(d, "{\"pic\":71}", &p), "\"in_window\":false"));
	ENV.photo_to = "2026-11-20 09:30:00";
	ck_assert_ptr_nonnull(strstr(run(d, "{\"pic\":70}", &p), "\"in_window\":false"));
	ENV.photo_from = ENV.photo_to = NULL;
}
END_TEST

START_TEST(user_and_ref_through_the_callers_lookups)
{
	struct form_def *d = def("{\"name\":\"by\",\"type\":\"user\"," L ",\"scope\":\"gp_staff\",\"required\":true},"
				 "{\"name\":\"entry\",\"type\":\"ref\"," L ",\"ref_kind\":\"register:cash_book\"}");
	const char *p;
	ck_assert_str_eq(run(d, "{\"by\":\"5\",\"entry\":41}", &p),
			 "{\"by\":{\"id\":5,\"name\":\"Sunita Devi\"},\"entry\":{\"id\":41,\"label\":\"Cash book 2026-27 #41\"}}");
	run(d, "{\"by\":9}", &p);
	ck_assert_str_eq(p, "by form.err.user");
	run(d, "{\"by\":5,\"entry\":42}", &p);
	ck_assert_str_eq(p, "entry form.err.ref");
	run(d, "{}", &p);
	ck_assert_str_eq(p, "by form.err.choose_one");
	/* a stored answer ({id, name}) checks again as its id */
	ck_assert_str_eq(p = run(d, "{\"by\":{\"id\":6,\"name\":\"forged\"}}", &p), "{\"by\":{\"id\":6,\"name\":\"Ramesh Oraon\"}}");
	/* with no look-up, every answer is refused */
	struct form_env none = { .today = "2026-11-23" };
	struct outcome o;
	out_init(&o, &A);
	const char *err, *norm;
	form_check(&A, d, json_parse(&A, "{\"by\":5}", 8, &err), &none, &o, &norm);
	ck_assert_str_eq(o.errs[0].key, "form.err.user");
	/* a reference needs its kind */
	struct sbuf probs;
	sbuf_init(&probs);
	d = def("{\"name\":\"entry\",\"type\":\"ref\"," L "}");
	ck_assert_int_eq(form_def_validate(d, &probs), 1);
	sbuf_free(&probs);
}
END_TEST

START_TEST(definition_roundtrip_is_canonical)
{
	struct form_def *d = def(RECEIPTS "," GEO ",{\"name\":\"by\",\"type\":\"user\"," L ",\"scope\":\"gp_staff\"},"
				 "{\"name\":\"e\",\"type\":\"ref\"," L ",\"ref_kind\":\"register:works\"},"
				 "{\"name\":\"g2\",\"type\":\"geopoint\"," L ",\"accuracy_max_m\":50,\"accuracy_flag_only\":true,\"allow_mock\":true}");
	struct sbuf b;
	sbuf_init(&b);
	struct jw w;
	jw_init(&w, &b);
	form_def_write(d, &w);
	const char *err;
	char *first = arena_strdup(&A, b.data);
	struct sbuf p;
	sbuf_init(&p);
	struct form_def *d2 = form_def_parse(&A, json_parse(&A, first, strlen(first), &err), &p);
	ck_assert_msg(d2 && p.len == 0, "%s", p.data);
	sbuf_reset(&b);
	jw_init(&w, &b);
	form_def_write(d2, &w);
	ck_assert_str_eq(b.data, first);
	ck_assert_ptr_nonnull(strstr(first, "\"compute\":{\"op\":\"count\",\"of\":[\"items\"]}"));
	ck_assert_ptr_nonnull(strstr(first, "\"accuracy_flag_only\":true,\"allow_mock\":true"));
	ck_assert_int_eq(form_def_validate(d2, &p), 0);
	sbuf_free(&b);
	sbuf_free(&p);
	/* not a form */
	sbuf_init(&p);
	ck_assert_ptr_null(form_def_parse(&A, json_parse(&A, "{\"format\":\"x\"}", 14, &err), &p));
	sbuf_free(&p);
}
END_TEST

START_TEST(conditions_hide_new_types_too)
{
	struct form_def *d = def("{\"name\":\"has_land\",\"type\":\"radio\"," L ",\"options\":[{\"value\":\"y\"," L "},{\"value\":\"n\"," L "}]},"
				 "{\"name\":\"plot\",\"type\":\"geopoint\"," L ",\"required\":true,\"show_if\":{\"field\":\"has_land\",\"equals\":\"y\"}},"
				 "{\"name\":\"value\",\"type\":\"money\"," L ",\"required\":true,\"show_if\":{\"field\":\"has_land\",\"equals\":\"y\"}},"
				 "{\"name\":\"worth\",\"type\":\"computed\"," L ",\"compute\":{\"op\":\"sum\",\"of\":[\"value\"]},\"show_if\":{\"field\":\"has_land\",\"equals\":\"y\"}}");
	const char *p;
	/* hidden: neither required nor kept, and no total */
	ck_assert_str_eq(run(d, "{\"has_land\":\"n\",\"value\":\"500\"}", &p), "{\"has_land\":\"n\"}");
	ck_assert_str_eq(p, "");
	run(d, "{\"has_land\":\"y\"}", &p);
	ck_assert_str_eq(p, "plot form.err.geo_required");
	ck_assert_str_eq(run(d, "{\"has_land\":\"y\",\"value\":\"500\",\"plot\":{\"lat\":23.1,\"lon\":85.2}}", &p),
			 "{\"has_land\":\"y\",\"plot\":{\"lat\":23.100000,\"lon\":85.200000,\"source\":\"manual\"},\"value\":50000,\"worth\":50000}");
}
END_TEST

START_TEST(branching_on_a_list_answer)
{
	/* a questionnaire: "which schemes did you receive?", then a question
	 * for one of them */
	struct form_def *d = def("{\"name\":\"schemes\",\"type\":\"multiselect\"," L ",\"options\":[{\"value\":\"pmay\"," L "},{\"value\":\"ujjwala\"," L "}]},"
				 "{\"name\":\"pmay_amount\",\"type\":\"money\"," L ",\"required\":true,\"show_if\":{\"field\":\"schemes\",\"equals\":\"pmay\"}}");
	const char *p;
	run(d, "{\"schemes\":[\"ujjwala\",\"pmay\"]}", &p);
	ck_assert_str_eq(p, "pmay_amount form.err.required");
	ck_assert_str_eq(run(d, "{\"schemes\":[\"ujjwala\"],\"pmay_amount\":\"5\"}", &p), "{\"schemes\":[\"ujjwala\"]}");
	ck_assert_str_eq(p, "");
}
END_TEST

START_TEST(stored_answers_merge_back_to_ids)
{
	struct form_def *d = def("{\"name\":\"by\",\"type\":\"user\"," L ",\"scope\":\"gp_staff\"},{\"name\":\"pic\",\"type\":\"photo\"," L "}");
	const char *err;
	const char *old = "{\"by\":{\"id\":5,\"name\":\"Sunita Devi\"},\"pic\":{\"doc_id\":70,\"exif_at\":\"x\"}}";
	struct jval *m = form_merge(&A, d, json_parse(&A, old, strlen(old), &err), json_parse(&A, "{}", 2, &err), NULL);
	ck_assert_str_eq(json_get(m, "by")->str, "5");
	ck_assert_str_eq(json_get(m, "pic")->str, "70");
}
END_TEST

/* An EXIF entry of format fmt with n components of size sz each. */
static void exif_put(ExifData *ed, ExifIfd ifd, ExifTag tag, ExifFormat fmt, unsigned n, const void *data, size_t len)
{
	ExifEntry *e = exif_entry_new();
	e->tag = tag;
	e->format = fmt;
	e->components = n;
	e->size = (unsigned)len;
	e->data = malloc(len);
	memcpy(e->data, data, len);
	exif_content_add_entry(ed->ifd[ifd], e);
	exif_entry_unref(e);
}

/* A 16x16 grey JPEG carrying EXIF: taken 2026:11:20 10:05:30 at 23°20'39"N
 * 85°18'34.8"E, camera "SecretPhone", and a comment.  malloc'd. */
static unsigned char *jpeg_with_exif(unsigned long *len)
{
	ExifData *ed = exif_data_new();
	exif_data_set_byte_order(ed, EXIF_BYTE_ORDER_INTEL);
	exif_put(ed, EXIF_IFD_EXIF, EXIF_TAG_DATE_TIME_ORIGINAL, EXIF_FORMAT_ASCII, 20, "2026:11:20 10:05:30", 20);
	exif_put(ed, EXIF_IFD_0, EXIF_TAG_MODEL, EXIF_FORMAT_ASCII, 12, "SecretPhone", 12);
	unsigned char r[24];
	ExifRational lat[3] = { { 23, 1 }, { 20, 1 }, { 39, 1 } }, lon[3] = { { 85, 1 }, { 18, 1 }, { 348, 10 } };
	for (int i = 0; i < 3; i++)
		exif_set_rational(r + 8 * i, EXIF_BYTE_ORDER_INTEL, lat[i]);
	exif_put(ed, EXIF_IFD_GPS, (ExifTag)EXIF_TAG_GPS_LATITUDE_REF, EXIF_FORMAT_ASCII, 2, "N", 2);
	exif_put(ed, EXIF_IFD_GPS, (ExifTag)EXIF_TAG_GPS_LATITUDE, EXIF_FORMAT_RATIONAL, 3, r, 24);
	for (int i = 0; i < 3; i++)
		exif_set_rational(r + 8 * i, EXIF_BYTE_ORDER_INTEL, lon[i]);
	exif_put(ed, EXIF_IFD_GPS, (ExifTag)EXIF_TAG_GPS_LONGITUDE_REF, EXIF_FORMAT_ASCII, 2, "E", 2);
	exif_put(ed, EXIF_IFD_GPS, (ExifTag)EXIF_TAG_GPS_LONGITUDE, EXIF_FORMAT_RATIONAL, 3, r, 24);
	unsigned char *exif;
	unsigned int exif_len;
	exif_data_save_data(ed, &exif, &exif_len);
	exif_data_unref(ed);

	struct jpeg_compress_struct c;
	struct jpeg_error_mgr jerr;
	c.err = jpeg_std_error(&jerr);
	jpeg_create_compress(&c);
	unsigned char *out = NULL;
	jpeg_mem_dest(&c, &out, len);
	c.image_width = c.image_height = 16;
	c.input_components = 1;
	c.in_color_space = JCS_GRAYSCALE;
	jpeg_set_defaults(&c);
	jpeg_start_compress(&c, TRUE);
	jpeg_write_marker(&c, JPEG_APP0 + 1, exif, exif_len);
	jpeg_write_marker(&c, JPEG_COM, (const JOCTET *)"note: at Sunita's house", 23);
	unsigned char row[16];
	for (int y = 0; y < 16; y++) {
		memset(row, (unsigned char)(y * 16), sizeof row);
		JSAMPROW rp = row;
		jpeg_write_scanlines(&c, &rp, 1);
	}
	jpeg_finish_compress(&c);
	jpeg_destroy_compress(&c);
	free(exif);
	return out;
}

static bool has_bytes(const unsigned char *p, size_t n, const char *needle)
{
	return memmem(p, n, needle, strlen(needle)) != NULL;
}

START_TEST(photo_exif_read_then_metadata_stripped)
{
	unsigned long n;
	unsigned char *in = jpeg_with_exif(&n);
	const char *rule;
	ck_assert_str_eq(upcheck_file(in, n, &rule), "image/jpeg");
	ck_assert(has_bytes(in, n, "SecretPhone") && has_bytes(in, n, "Exif") && has_bytes(in, n, "Sunita"));
	unsigned char *out;
	size_t outlen;
	struct photo_meta m;
	ck_assert(photo_clean(in, n, "image/jpeg", &out, &outlen, &m));
	/* what the camera recorded was read */
	ck_assert_str_eq(m.taken_at, "2026-11-20 10:05:30");
	ck_assert(m.has_gps);
	ck_assert_msg(m.lat > 23.344166 && m.lat < 23.344168, "lat %f", m.lat);
	ck_assert_msg(m.lon > 85.309666 && m.lon < 85.309668, "lon %f", m.lon);
	/* and the stored picture has none of it, and still decodes */
	ck_assert(!has_bytes(out, outlen, "Exif") && !has_bytes(out, outlen, "SecretPhone") && !has_bytes(out, outlen, "Sunita"));
	ck_assert_str_eq(upcheck_file(out, outlen, &rule), "image/jpeg");
	struct photo_meta again;
	photo_exif(out, outlen, &again);
	ck_assert_str_eq(again.taken_at, "");
	ck_assert(!again.has_gps);
	/* same pixels: a lossless rewrite */
	struct jpeg_decompress_struct d;
	struct jpeg_error_mgr jerr;
	d.err = jpeg_std_error(&jerr);
	jpeg_create_decompress(&d);
	jpeg_mem_src(&d, out, outlen);
	jpeg_read_header(&d, TRUE);
	ck_assert_uint_eq(d.image_width, 16);
	jpeg_destroy_decompress(&d);
	free(out);
	/* a file that is not a JPEG is not rewritten */
	ck_assert(!photo_clean((const unsigned char *)"GIF89a....", 10, "image/jpeg", &out, &outlen, &m));
	ck_assert_ptr_null(out);
	free(in);
}
END_TEST

START_TEST(png_keeps_only_image_chunks)
{
	/* IHDR, tEXt (a comment), IDAT, IEND: one grey pixel */
	static const unsigned char png[] = {
		0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00,
		0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x00, 0x00, 0x00, 0x00, 0x3a, 0x7e, 0x9b, 0x55, 0x00, 0x00, 0x00,
		0x07, 0x74, 0x45, 0x58, 0x74, 0x43, 0x6f, 0x6d, 0x00, 0x78, 0x79, 0x7a, 0x45, 0x53, 0x22, 0x9f, 0x00, 0x00,
		0x00, 0x0a, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x68, 0x00, 0x00, 0x00, 0x82, 0x00, 0x81, 0x77, 0xcd,
		0x72, 0xb6, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82 };
	unsigned char *out;
	size_t outlen;
	struct photo_meta m;
	ck_assert(photo_clean(png, sizeof png, "image/png", &out, &outlen, &m));
	ck_assert_uint_eq(outlen, sizeof png - 19);
	ck_assert(!has_bytes(out, outlen, "tEXt"));
	const char *rule;
	ck_assert_str_eq(upcheck_file(out, outlen, &rule), "image/png");
	free(out);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("forms");
	TCase *tc = tcase_create("forms");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, money_typed_in_rupees_kept_in_paise);
	tcase_add_test(tc, computed_sums_and_counts_on_the_server);
	tcase_add_test(tc, computed_bounds_and_sources_checked);
	tcase_add_test(tc, geopoint_ranges_source_and_threshold);
	tcase_add_test(tc, photo_facts_come_from_the_store);
	tcase_add_test(tc, user_and_ref_through_the_callers_lookups);
	tcase_add_test(tc, definition_roundtrip_is_canonical);
	tcase_add_test(tc, conditions_hide_new_types_too);
	tcase_add_test(tc, branching_on_a_list_answer);
	tcase_add_test(tc, stored_answers_merge_back_to_ids);
	tcase_add_test(tc, photo_exif_read_then_metadata_stripped);
	tcase_add_test(tc, png_keeps_only_image_chunks);
	suite_add_tcase(s, tc);
	return tap_run(s) ? 1 : 0;
}
