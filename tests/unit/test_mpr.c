/*
 * test_mpr.c — unit tests for mpr.c's arithmetic without a database: the
 * due day and the late flag at its boundary (the due day itself is on
 * time, the next day late; short months and December), the figures a
 * report adds to the summary rows (numbers summed, choices counted per
 * option, text left out), and the built-in MPR definition (valid,
 * canonical, kind mpr with BI then DI approving).
 */
#include "../../src/mpr.h"
#include "../../src/mpr_source.h"
#include "tap.h"

#include <stdlib.h>
#include <string.h>

START_TEST(due_day_is_in_the_next_month)
{
	struct arena a;
	arena_init(&a);
	ck_assert_str_eq(mpr_due_date(&a, 2026, 11, 5), "2026-12-05");
	ck_assert_str_eq(mpr_due_date(&a, 2026, 12, 5), "2027-01-05");	/* December's is due in the new year */
	ck_assert_str_eq(mpr_due_date(&a, 2027, 1, 28), "2027-02-28");
	ck_assert_str_eq(mpr_due_date(&a, 2027, 1, 31), "2027-02-28");	/* a short month: its last day */
	ck_assert_str_eq(mpr_due_date(&a, 2028, 1, 31), "2028-02-29");	/* a leap year */
	arena_free(&a);
}
END_TEST

START_TEST(late_only_after_the_due_day)
{
	ck_assert(!mpr_late("2026-12-05", "2026-12-04"));
	ck_assert(!mpr_late("2026-12-05", "2026-12-05"));	/* on the due day: on time */
	ck_assert(mpr_late("2026-12-05", "2026-12-06"));
	ck_assert(mpr_late("2026-12-05", "2027-01-01"));
	ck_assert(!mpr_late("2027-01-05", "2026-12-31"));
}
END_TEST

START_TEST(days_and_months_are_read_strictly)
{
	struct arena a;
	int y, m;
	arena_init(&a);
	ck_assert(mpr_period_parse("2026-11", &y, &m) && y == 2026 && m == 11);
	ck_assert(!mpr_period_parse("2026-13", &y, &m));
	ck_assert(!mpr_period_parse("2026-1", &y, &m));
	ck_assert(!mpr_period_parse("2026-11-01", &y, &m));
	ck_assert(!mpr_period_parse("", &y, &m));
	ck_assert(!mpr_period_parse(NULL, &y, &m));
	ck_assert_str_eq(mpr_day_add(&a, "2026-12-05", -2), "2026-12-03");
	ck_assert_str_eq(mpr_day_add(&a, "2027-03-01", -2), "2027-02-27");
	ck_assert_str_eq(mpr_day_add(&a, "2026-12-31", 1), "2027-01-01");
	ck_assert(mpr_day_add(&a, "2026-02-30", 1) == NULL);
	arena_free(&a);
}
END_TEST

/* The definition of the built-in MPR, parsed and checked. */
static struct regdef *builtin(struct arena *a, struct sbuf *probs)
{
	char path[512];
	snprintf(path, sizeof path, "%s/data/registers/13_mpr.json", getenv("SRCDIR") ? getenv("SRCDIR") : "..");
	FILE *f = fopen(path, "rb");
	ck_assert_msg(f != NULL, "cannot open %s", path);
	static char buf[65536];
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = 0;
	struct jval *v = json_parse(a, buf, n, NULL);
	ck_assert(v != NULL);
	struct regdef *d = regdef_from_json(a, v, probs);
	ck_assert(d != NULL);
	regdef_validate(d, probs);
	return d;
}

START_TEST(built_in_mpr_is_a_valid_monthly_definition)
{
	struct arena a;
	struct sbuf probs;
	arena_init(&a);
	sbuf_init(&probs);
	struct regdef *d = builtin(&a, &probs);
	ck_assert_msg(probs.len == 0, "%s", probs.data);
	ck_assert_str_eq(d->kind, "mpr");
	ck_assert_str_eq(d->periodicity, "monthly");
	ck_assert_int_eq(d->verify_role, ROLE_BI);
	ck_assert_int_eq(d->sign_role, ROLE_DI);
	ck_assert(!d->confirmed);
	/* an MPR must name both approvers */
	d->sign_role = -1;
	sbuf_reset(&probs);
	ck_assert_int_gt(regdef_validate(d, &probs), 0);
	ck_assert_ptr_nonnull(strstr(probs.data, "kind mpr"));
	sbuf_free(&probs);
	arena_free(&a);
}
END_TEST

/* A definition text parsed and checked: its problems in probs. */
static struct regdef *parsed(struct arena *a, const char *json, struct sbuf *probs)
{
	struct jval *v = json_parse(a, json, strlen(json), NULL);
	ck_assert(v != NULL);
	struct regdef *d = regdef_from_json(a, v, probs);
	ck_assert(d != NULL);
	regdef_validate(d, probs);
	return d;
}

/* A block's MPR definition with sources (",\"sources\":{...}" or ""). */
static const char *block_mpr(struct arena *a, const char *sources)
{
	static const char head[] =
		"{\"format\":\"gramsewa.register/1\",\"code\":\"BLK_MPR\",\"kind\":\"mpr\",\"name\":{\"en\":\"B\",\"hi\":\"B\"},"
		"\"level\":\"block\",\"periodicity\":\"monthly\",\"columns\":[{\"name\":\"n\",\"type\":\"number\","
		"\"label\":{\"en\":\"N\",\"hi\":\"N\"}},{\"name\":\"t\",\"type\":\"text\",\"label\":{\"en\":\"T\",\"hi\":\"T\"}}],"
		"\"signoff\":{\"enter\":[\"bi\"],\"verify\":\"di\"}";
	return arena_printf(a, "%s%s}", head, sources);
}

START_TEST(block_mpr_with_sources_reads_checks_and_writes_back)
{
	struct arena a;
	struct sbuf probs, out;
	arena_init(&a);
	sbuf_init(&probs);
	sbuf_init(&out);
	/* a block's report: one approver (the DI) is enough */
	struct regdef *d = parsed(&a, block_mpr(&a, ",\"sources\":{\"n\":{\"source\":\"register_entries\",\"editable\":true}}"), &probs);
	ck_assert_msg(probs.len == 0, "%s", probs.data);
	ck_assert_uint_eq(d->nsources, 1);
	ck_assert_int_eq(d->sources[0].src, MS_REGISTER_ENTRIES);
	ck_assert(d->sources[0].editable);
	/* written back canonically: parse, write, parse gives the same text */
	regdef_to_json(d, &out);
	struct regdef *again = parsed(&a, out.data, &probs);
	struct sbuf out2;
	sbuf_init(&out2);
	regdef_to_json(again, &out2);
	ck_assert_str_eq(out.data, out2.data);
	sbuf_free(&out2);
	/* refused: an unknown source, a text column, a register where none is taken, a missing column */
	static const char *const bad[][2] = {
		{ ",\"sources\":{\"n\":{\"source\":\"nope\"}}", "sources.n: unknown source 'nope'" },
		{ ",\"sources\":{\"t\":{\"source\":\"tickets_raised\"}}", "sources.t: fills a number column" },
		{ ",\"sources\":{\"n\":{\"source\":\"tickets_raised\",\"register\":\"CASHBOOK\"}}", "takes no 'register'" },
		{ ",\"sources\":{\"n\":{\"source\":\"register_entries\",\"column\":\"x\"}}", "takes no 'column'" },
	};
	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		sbuf_reset(&probs);
		parsed(&a, block_mpr(&a, bad[i][0]), &probs);
		ck_assert_msg(probs.len && strstr(probs.data, bad[i][1]), "%zu: %s", i, probs.len ? probs.data : "(none)");
	}
	sbuf_free(&probs);
	sbuf_free(&out);
	arena_free(&a);
}
END_TEST

/* The figure item adds, or -1 when it adds none. */
static long long figure(const struct mpr_item *it, size_t n, const char *item)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(it[i].item, item) == 0)
			return it[i].n;
	return -1;
}

START_TEST(a_report_adds_its_numbers_and_counts_its_choices)
{
	struct arena a;
	struct sbuf probs;
	arena_init(&a);
	sbuf_init(&probs);
	struct regdef *d = builtin(&a, &probs);
	const char *json = "{\"registers_updated\":7,\"entries_made\":120,\"gram_sabhas_held\":1,\"days_functional\":24,"
			   "\"internet\":\"intermittent\",\"remarks\":\"Power cuts\"}";
	struct jval *data = json_parse(&a, json, strlen(json), NULL);
	struct mpr_item *it;
	size_t n = mpr_items(&a, &d->form, data, &it);
	ck_assert_int_eq(figure(it, n, "_reports"), 1);
	ck_assert_int_eq(figure(it, n, "registers_updated"), 7);
	ck_assert_int_eq(figure(it, n, "entries_made"), 120);
	ck_assert_int_eq(figure(it, n, "days_functional"), 24);
	ck_assert_int_eq(figure(it, n, "internet=intermittent"), 1);
	ck_assert_int_eq(figure(it, n, "internet=good"), -1);	/* options not chosen add nothing */
	ck_assert_int_eq(figure(it, n, "remarks"), -1);		/* text is not added up */
	ck_assert_int_eq(figure(it, n, "services_other"), -1);	/* not answered */
	ck_assert_uint_eq(n, 6);
	/* two GPs' reports added item by item give the block's figures */
	const char *json2 = "{\"registers_updated\":3,\"entries_made\":30,\"internet\":\"intermittent\"}";
	struct mpr_item *it2;
	size_t n2 = mpr_items(&a, &d->form, json_parse(&a, json2, strlen(json2), NULL), &it2);
	ck_assert_int_eq(figure(it, n, "entries_made") + figure(it2, n2, "entries_made"), 150);
	ck_assert_int_eq(figure(it, n, "internet=intermittent") + figure(it2, n2, "internet=intermittent"), 2);
	ck_assert_int_eq(figure(it, n, "_reports") + figure(it2, n2, "_reports"), 2);
	sbuf_free(&probs);
	arena_free(&a);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("mpr");
	TCase *tc = tcase_create("mpr");
	tcase_add_test(tc, due_day_is_in_the_next_month);
	tcase_add_test(tc, late_only_after_the_due_day);
	tcase_add_test(tc, days_and_months_are_read_strictly);
	tcase_add_test(tc, built_in_mpr_is_a_valid_monthly_definition);
	tcase_add_test(tc, a_report_adds_its_numbers_and_counts_its_choices);
	tcase_add_test(tc, block_mpr_with_sources_reads_checks_and_writes_back);
	suite_add_tcase(s, tc);
	return tap_run(s) ? 1 : 0;
}
