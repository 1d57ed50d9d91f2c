/*
 * test_designer.c — the service designer's rules without a database: each
 * section's change applied to a definition (designer.c's apply_*): fees
 * read in rupees and paise, codes and names, roles, stages, notifications,
 * every problem reported at its input.  Includes designer.c to reach its
 * static change functions.
 */
#include "../../src/designer.c"
#include "tap.h"

static struct arena A;
static struct outcome O;
static const char *chg;

static void setup(void)
{
	arena_init(&A);
	out_init(&O, &A);
	chg = "unchanged";
}
static void teardown(void) { arena_free(&A); }

static struct svc *fresh(void)
{
	return svc_new(&A, "TST", "Test service", "परीक्षण सेवा", "REV");
}

/* The settings as a filled-in form would send them. */
static struct designer_settings settings(void)
{
	return (struct designer_settings){ .fee_gov = "30", .fee_csc = "30.50", .fee_tatkal = "",
					   .level = "circle", .rtps_days = "30", .designated = "co", .appeal1 = "sdo",
					   .signing = "co", .title_en = "Certificate", .title_hi = "प्रमाण पत्र" };
}

START_TEST(fees_are_read_in_rupees_and_paise)
{
	struct svc *s = fresh();
	struct designer_settings in = settings();
	ck_assert_int_eq(apply_settings(&A, s, &in, &O, &chg), 0);
	ck_assert_int_eq(s->fee_gov, 3000);
	ck_assert_int_eq(s->fee_csc, 3050);
	ck_assert_int_eq(s->fee_tatkal, 0);	/* empty: nothing to pay */
	in.fee_csc = "\xe2\x82\xb9 1,00,000";
	ck_assert_int_eq(apply_settings(&A, s, &in, &O, &chg), 0);
	ck_assert_int_eq(s->fee_csc, 10000000);
}
END_TEST

START_TEST(bad_fees_are_refused_at_their_input)
{
	static const char *const bad[] = { "30.505", "-5", "1,00,000.01", "thirty", "1,0" };
	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		out_init(&O, &A);
		struct svc *s = fresh();
		struct designer_settings in = settings();
		in.fee_tatkal = bad[i];
		ck_assert_int_eq(apply_settings(&A, s, &in, &O, &chg), 422);
		ck_assert_uint_eq(O.nerrs, 1);
		ck_assert_str_eq(O.errs[0].field, "fee_tatkal");
		ck_assert_str_eq(O.errs[0].key, "svc.fee_bad");
	}
}
END_TEST

START_TEST(settings_problems_each_at_their_input)
{
	struct svc *s = fresh();
	struct designer_settings in = settings();
	in.level = "galaxy";
	in.rtps_days = "0";
	in.designated = "";
	in.appeal2 = "emperor";
	in.title_hi = "   ";
	ck_assert_int_eq(apply_settings(&A, s, &in, &O, &chg), 422);
	static const char *const want[][2] = { { "level", "svc.level_bad" }, { "rtps_days", "svc.number_bad" },
					      { "designated", "svc.role_bad" }, { "appeal2", "svc.role_bad" },
					      { "title_hi", "form.err.required" } };
	ck_assert_uint_eq(O.nerrs, ARRAY_LEN(want));
	for (size_t i = 0; i < ARRAY_LEN(want); i++) {
		ck_assert_str_eq(O.errs[i].field, want[i][0]);
		ck_assert_str_eq(O.errs[i].key, want[i][1]);
	}
}
END_TEST

START_TEST(field_names_are_codes_and_unique)
{
	struct svc *s = fresh();
	struct field_input f = { .name = "income", .type = "number", .label_en = "Income", .label_hi = "आय",
				    .min = "0", .max = "100" };
	ck_assert_int_eq(apply_field_add(&A, s, &f, &O, &chg), 0);
	ck_assert_uint_eq(s->form.nfields, 1);
	ck_assert_str_eq(chg, "field 'income' added");
	ck_assert_int_eq(apply_field_add(&A, s, &f, &O, &chg), 422);	/* the same name again */
	ck_assert_str_eq(O.errs[0].key, "svc.name_taken");
	out_init(&O, &A);
	f.name = "Bad Name";
	f.min = "200";	/* more than max */
	ck_assert_int_eq(apply_field_add(&A, s, &f, &O, &chg), 422);
	ck_assert(out_has(&O, "name") && out_has(&O, "max"));
	ck_assert_uint_eq(s->form.nfields, 1);	/* nothing added */
}
END_TEST

START_TEST(choices_need_options_in_both_languages)
{
	struct svc *s = fresh();
	struct field_input f = { .name = "caste", .type = "select", .label_en = "Category", .label_hi = "वर्ग" };
	ck_assert_int_eq(apply_field_add(&A, s, &f, &O, &chg), 422);
	ck_assert_str_eq(O.errs[0].field, "options");
	ck_assert_str_eq(O.errs[0].key, "svc.options_needed");
	out_init(&O, &A);
	f.options = "sc|Scheduled Caste|अनुसूचित जाति\nst|Scheduled Tribe|अनुसूचित जनजाति\n";
	ck_assert_int_eq(apply_field_add(&A, s, &f, &O, &chg), 0);
	ck_assert_uint_eq(s->form.fields[0].nopts, 2);
	ck_assert_str_eq(s->form.fields[0].opts[1].label.hi, "अनुसूचित जनजाति");
}
END_TEST

START_TEST(computed_sources_must_be_fields_of_the_form)
{
	struct svc *s = fresh();
	struct field_input g = { .name = "family", .type = "group", .label_en = "Family", .label_hi = "परिवार" };
	ck_assert_int_eq(apply_field_add(&A, s, &g, &O, &chg), 0);	/* starts with one column, name */
	struct field_input c = { .name = "members", .type = "computed", .label_en = "Members", .label_hi = "सदस्य",
				 .compute_op = "count", .compute_of = "family.name, nothere" };
	ck_assert_int_eq(apply_field_add(&A, s, &c, &O, &chg), 422);
	ck_assert_str_eq(O.errs[0].field, "compute_of");
	ck_assert_str_eq(O.errs[0].key, "svc.compute_of_unknown");
	ck_assert_str_eq(O.errs[0].arg, "nothere");
	ck_assert_uint_eq(s->form.nfields, 1);	/* nothing added */
	out_init(&O, &A);
	c.compute_of = "family.name";
	ck_assert_int_eq(apply_field_add(&A, s, &c, &O, &chg), 0);
	/* a computed field is not its own source */
	struct designer_field_change ch = { .name = "members", .action = "save", .props = c };
	ch.props.compute_of = "members";
	ck_assert_int_eq(apply_field_change(&A, s, &ch, &O, &chg), 422);
	ck_assert_str_eq(O.errs[0].field, "compute_of");
	/* the first field moved up stays first */
	out_init(&O, &A);
	ch = (struct designer_field_change){ .name = "family", .action = "up" };
	ck_assert_int_eq(apply_field_change(&A, s, &ch, &O, &chg), 0);
	ck_assert_str_eq(s->form.fields[0].name, "family");
}
END_TEST

START_TEST(field_changes_move_print_and_delete)
{
	struct svc *s = fresh();
	static const char *const names[] = { "a", "b", "c" };
	for (size_t i = 0; i < 3; i++) {
		struct field_input f = { .name = names[i], .type = "text", .label_en = "X", .label_hi = "क" };
		ck_assert_int_eq(apply_field_add(&A, s, &f, &O, &chg), 0);
	}
	struct designer_field_change c = { .name = "c", .action = "up" };
	ck_assert_int_eq(apply_field_change(&A, s, &c, &O, &chg), 0);
	ck_assert_str_eq(s->form.fields[1].name, "c");
	c = (struct designer_field_change){ .name = "b", .action = "print", .position = "1" };
	ck_assert_int_eq(apply_field_change(&A, s, &c, &O, &chg), 0);
	ck_assert_uint_eq(s->nprint, 1);
	c.action = "delete";
	ck_assert_int_eq(apply_field_change(&A, s, &c, &O, &chg), 0);
	ck_assert_uint_eq(s->form.nfields, 2);
	ck_assert_uint_eq(s->nprint, 0);	/* a deleted field is no longer printed */
	c = (struct designer_field_change){ .name = "zz", .action = "up" };
	ck_assert_int_eq(apply_field_change(&A, s, &c, &O, &chg), 404);
	c = (struct designer_field_change){ .name = "a", .action = "explode" };
	ck_assert_int_eq(apply_field_change(&A, s, &c, &O, &chg), 400);
}
END_TEST

START_TEST(stages_need_a_player_role_and_actions)
{
	struct svc *s = fresh();
	const char *acts[] = { "forward", "reject" };
	struct designer_stage in = { .action = "add", .code = "check", .name_en = "Check", .name_hi = "जाँच",
				     .role = "karmachari", .sla = "5", .actions = { acts, 2 } };
	ck_assert_int_eq(apply_stages(&A, s, &in, &O, &chg), 0);
	ck_assert_uint_eq(s->nstages, 1);
	ck_assert_uint_eq(s->stages[0].actions, AB(ACT_FORWARD) | AB(ACT_REJECT));
	in.code = "decide";
	in.role = "state_admin";	/* no desk of its own */
	in.actions.n = 0;
	ck_assert_int_eq(apply_stages(&A, s, &in, &O, &chg), 422);
	ck_assert(out_has(&O, "stage_role") && out_has(&O, "stage_actions"));
	ck_assert_uint_eq(s->nstages, 1);
}
END_TEST

START_TEST(notifications_need_both_languages_and_a_dlt_id)
{
	struct svc *s = fresh();
	struct designer_notif in[DESIGNER_NEVENTS] = { { .en = "Received {number}", .hi = "प्राप्त {number}",
							 .dlt = "1107160000000000001" } };
	in[2] = (struct designer_notif){ .en = "Rejected", .dlt = "12" };
	ck_assert_int_eq(apply_notifs(&A, s, in, &O, &chg), 422);
	ck_assert_str_eq(O.errs[0].field, "n_reject_en");
	ck_assert_str_eq(O.errs[0].key, "svc.both_langs");
	ck_assert_str_eq(O.errs[1].field, "n_reject_dlt");
	out_init(&O, &A);
	in[2] = (struct designer_notif){ 0 };
	ck_assert_int_eq(apply_notifs(&A, s, in, &O, &chg), 0);
	ck_assert_uint_eq(s->nnotifs, 1);
	ck_assert_str_eq(s->notifs[0].event, "submit");
}
END_TEST

START_TEST(json_edit_keeps_the_code_and_says_why)
{
	struct svc *s = fresh();
	ck_assert_int_eq(apply_json(&A, s, "{oops", &O, &chg), 422);
	ck_assert_str_eq(O.errs[0].field, "definition");
	ck_assert_str_eq(O.errs[0].key, "svc.definition_bad");
	ck_assert_ptr_nonnull(strstr(O.errs[0].arg, "not valid JSON"));
}
END_TEST

int main(void)
{
	Suite *s = suite_create("designer");
	TCase *tc = tcase_create("designer");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, fees_are_read_in_rupees_and_paise);
	tcase_add_test(tc, bad_fees_are_refused_at_their_input);
	tcase_add_test(tc, settings_problems_each_at_their_input);
	tcase_add_test(tc, field_names_are_codes_and_unique);
	tcase_add_test(tc, choices_need_options_in_both_languages);
	tcase_add_test(tc, field_changes_move_print_and_delete);
	tcase_add_test(tc, computed_sources_must_be_fields_of_the_form);
	tcase_add_test(tc, stages_need_a_player_role_and_actions);
	tcase_add_test(tc, notifications_need_both_languages_and_a_dlt_id);
	tcase_add_test(tc, json_edit_keeps_the_code_and_says_why);
	suite_add_tcase(s, tc);
	return tap_run(s) ? 1 : 0;
}
