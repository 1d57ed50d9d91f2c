/*
 * test_register.c — unit tests for register.c without a database: the
 * chain hash (a known answer that pins the canonical entry JSON, and each
 * field it covers), the built-in register definitions (each parses,
 * validates, and writes back to the same canonical text), and the
 * definition rules that refuse a register which could not keep its books.
 */
#include "../../src/register.h"
#include "tap.h"

#include <stdlib.h>
#include <string.h>

#define DATA1 "{\"a\":1}"

START_TEST(chain_hash_known_answer)
{
	struct arena a;
	arena_init(&a);
	/* sha256("\n" + {"book":1,"serial":1,"date":"2026-12-03","corrects":null,"by":7,"data":{"a":1}}) */
	const char *h1 = reg_entry_hash(&a, "", 1, 1, "2026-12-03", 0, 7, DATA1);
	ck_assert_str_eq(h1, "ed1e0c20d07449446304d1ede4a8708b055987053d0f755c0e0a061ac0809e7c");
	/* the next entry is chained to it, and a correction names its original */
	const char *h2 = reg_entry_hash(&a, h1, 1, 2, "2026-12-03", 1, 7, "{\"a\":2}");
	ck_assert_str_eq(h2, "0e9e110f895548d77b47dce6040872639e9155d4d4e68001afe7c4d605dc5bb3");
	arena_free(&a);
}
END_TEST

START_TEST(chain_hash_covers_every_field)
{
	struct arena a;
	arena_init(&a);
	const char *base = reg_entry_hash(&a, "", 1, 1, "2026-12-03", 0, 7, DATA1);
	const char *other[] = {
		reg_entry_hash(&a, "00", 1, 1, "2026-12-03", 0, 7, DATA1),	/* another predecessor: reordered */
		reg_entry_hash(&a, "", 2, 1, "2026-12-03", 0, 7, DATA1),	/* moved to another book */
		reg_entry_hash(&a, "", 1, 2, "2026-12-03", 0, 7, DATA1),	/* another serial: renumbered */
		reg_entry_hash(&a, "", 1, 1, "2026-12-04", 0, 7, DATA1),	/* another day */
		reg_entry_hash(&a, "", 1, 1, "2026-12-03", 9, 7, DATA1),	/* made a correction */
		reg_entry_hash(&a, "", 1, 1, "2026-12-03", 0, 8, DATA1),	/* another maker */
		reg_entry_hash(&a, "", 1, 1, "2026-12-03", 0, 7, "{\"a\":2}"),	/* edited answers */
	};
	for (size_t i = 0; i < ARRAY_LEN(other); i++) {
		ck_assert_uint_eq(strlen(other[i]), 64);
		ck_assert_str_ne(other[i], base);
	}
	/* the same row hashes the same way every time */
	ck_assert_str_eq(reg_entry_hash(&a, "", 1, 1, "2026-12-03", 0, 7, DATA1), base);
	arena_free(&a);
}
END_TEST

static char *slurp(const char *name)
{
	char path[512];
	snprintf(path, sizeof path, "%s/data/registers/%s", getenv("SRCDIR") ? getenv("SRCDIR") : "..", name);
	FILE *f = fopen(path, "rb");
	ck_assert_msg(f != NULL, "cannot open %s", path);
	static char buf[65536];
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = 0;
	return buf;
}

/* Parses text as a definition; problems (parse and rules) into probs. */
static struct regdef *parse(struct arena *a, const char *text, struct sbuf *probs)
{
	struct jval *v = json_parse(a, text, strlen(text), NULL);
	ck_assert(v != NULL);
	struct regdef *d = regdef_from_json(a, v, probs);
	if (d)
		regdef_validate(d, probs);
	return d;
}

START_TEST(built_in_registers_are_valid_and_canonical)
{
	static const char *const files[] = { "01_cashbook.json", "02_dcb.json", "03_immovable.json", "04_movable.json",
					     "05_stock.json", "06_works.json", "07_gram_sabha.json", "08_proceedings.json",
					     "09_grants.json", "10_dak_in.json", "11_dak_out.json", "12_inspection.json" };
	for (size_t i = 0; i < ARRAY_LEN(files); i++) {
		struct arena a;
		struct sbuf probs, once, twice;
		arena_init(&a);
		sbuf_init(&probs);
		sbuf_init(&once);
		sbuf_init(&twice);
		struct regdef *d = parse(&a, slurp(files[i]), &probs);
		ck_assert_msg(d && probs.len == 0, "%s: %s", files[i], probs.data ? probs.data : "");
		ck_assert_msg(!d->confirmed, "%s: built-in columns still await the department", files[i]);
		regdef_to_json(d, &once);
		struct regdef *d2 = parse(&a, once.data, &probs);
		ck_assert(d2 && probs.len == 0);
		regdef_to_json(d2, &twice);
		ck_assert_str_eq(once.data, twice.data);
		sbuf_free(&probs);
		sbuf_free(&once);
		sbuf_free(&twice);
		arena_free(&a);
	}
}
END_TEST

START_TEST(cash_book_keeps_two_balances_that_never_go_negative)
{
	struct arena a;
	struct sbuf probs;
	arena_init(&a);
	sbuf_init(&probs);
	struct regdef *d = parse(&a, slurp("01_cashbook.json"), &probs);
	ck_assert(d && probs.len == 0);
	ck_assert(d->never_negative && d->daily_close && d->carry_forward);
	ck_assert_uint_eq(d->nbal, 2);
	ck_assert_str_eq(d->bal[0].name, "cash");
	ck_assert_str_eq(d->bal[0].in[0], "receipt_cash");
	ck_assert_str_eq(d->bal[0].out[0], "payment_cash");
	ck_assert(regdef_is_amount(d, "payment_bank") && !regdef_is_amount(d, "particulars"));
	ck_assert_int_eq(d->verify_role, ROLE_PSEWAK);
	ck_assert_int_eq(d->sign_role, ROLE_MUKHIYA);
	ck_assert(d->enter_roles == (RB(ROLE_CSC) | RB(ROLE_PSEWAK)));
	sbuf_free(&probs);
	arena_free(&a);
}
END_TEST

/* A definition refused: the problem text contains want. */
static void refused(const char *text, const char *want)
{
	struct arena a;
	struct sbuf probs;
	arena_init(&a);
	sbuf_init(&probs);
	parse(&a, text, &probs);
	ck_assert_msg(probs.data && strstr(probs.data, want), "wanted '%s' in: %s", want, probs.data ? probs.data : "(none)");
	sbuf_free(&probs);
	arena_free(&a);
}

#define HEAD "{\"format\":\"gramsewa.register/1\",\"code\":\"T1\",\"name\":{\"en\":\"T\",\"hi\":\"टी\"},"
#define COLS "\"columns\":[{\"name\":\"d\",\"type\":\"date\",\"label\":{\"en\":\"D\",\"hi\":\"दि\"}}," \
	"{\"name\":\"amt\",\"type\":\"number\",\"label\":{\"en\":\"A\",\"hi\":\"रा\"}}," \
	"{\"name\":\"note\",\"type\":\"text\",\"label\":{\"en\":\"N\",\"hi\":\"टि\"}}]"

START_TEST(definitions_that_could_not_keep_books_are_refused)
{
	refused(HEAD "\"columns\":[]}", "a register needs columns");
	refused("{\"format\":\"gramsewa.service/1\"}", "gramsewa.register/1");
	refused(HEAD COLS ",\"totals\":[\"note\"]}", "totals: 'note' is not a number column");
	refused(HEAD COLS ",\"totals\":[\"nothing\"]}", "totals: 'nothing'");
	refused(HEAD COLS ",\"never_negative\":true}", "never_negative needs balances");
	refused(HEAD COLS ",\"balances\":[{\"name\":\"cash\",\"in\":[\"amt\"]}]}", "'amt' is not an amount column");
	refused(HEAD COLS ",\"daily_close\":true}", "daily_close needs a date_column");
	refused(HEAD COLS ",\"date_column\":\"note\"}", "date_column: 'note' is not a date column");
	refused(HEAD COLS ",\"signoff\":{\"verify\":\"mukhiya\",\"sign\":\"mukhiya\"}}", "must differ");
	refused(HEAD COLS ",\"signoff\":{\"enter\":[\"co\"]}}", "signoff.enter");
	refused(HEAD COLS ",\"signoff\":{\"verify\":\"king\"}}", "unknown role 'king'");
	refused("{\"format\":\"gramsewa.register/1\",\"code\":\"bad code\"," COLS "}", "register code");
	refused(HEAD "\"columns\":[{\"name\":\"Bad\",\"type\":\"text\",\"label\":{\"en\":\"B\",\"hi\":\"ब\"}}]}", "small letter");
	refused(HEAD "\"columns\":[{\"name\":\"f\",\"type\":\"file\",\"label\":{\"en\":\"F\",\"hi\":\"फ\"}}]}", "not kept in registers");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("register");
	TCase *tc = tcase_create("register");
	tcase_add_test(tc, chain_hash_known_answer);
	tcase_add_test(tc, chain_hash_covers_every_field);
	tcase_add_test(tc, built_in_registers_are_valid_and_canonical);
	tcase_add_test(tc, cash_book_keeps_two_balances_that_never_go_negative);
	tcase_add_test(tc, definitions_that_could_not_keep_books_are_refused);
	suite_add_tcase(s, tc);
	return tap_run(s) ? 1 : 0;
}
