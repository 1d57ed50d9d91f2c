/*
 * tap.h — runs Check suites printing one TAP line per test to stdout
 * ("ok 3 - test_core.c:json:json_roundtrip: Passed" / "not ok ..."), and
 * returns the number of failures.  Include once per test program.
 */
#ifndef GS_TAP_H
#define GS_TAP_H
#include <check.h>
#include <stdio.h>

static int tap_run(Suite *s)
{
	SRunner *sr = srunner_create(s);
	srunner_set_tap(sr, "-");
	srunner_run_all(sr, CK_SILENT);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	fflush(stdout);
	return failed;
}
#endif
