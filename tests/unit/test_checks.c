/*
 * Unit tests for runtime/checks.c: how reports name a check ("ID TITLE
 * (SEVERITY)", each part only when there is one), and the verdict of each
 * check tallied from its assertions: FAIL when one failed on a source read
 * whole, PASS when every one passed, NOT CHECKED otherwise (an assertion on
 * a source that could not be read whole, or one the run never reached).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdlib.h>

#include "report.h"

static void expect_name(const struct tst_meta *m, const char *want)
{
	char *name = tst_check_name(m);

	assert_string_equal(name, want);
	free(name);
}

static void test_name(void **state)
{
	const struct tst_meta full = {1, "CIS 5.2.8", "Ensure root login is off", TST_SEVERITY_HIGH};
	const struct tst_meta bare = {1, "5.2.6", "", TST_SEVERITY_NONE};
	const struct tst_meta no_title = {1, "x", "", TST_SEVERITY_CRITICAL};
	const struct tst_meta no_severity = {1, "x", "\"a\" # <b> \xc3\xa9", TST_SEVERITY_NONE};

	(void)state;
	expect_name(&full, "CIS 5.2.8 Ensure root login is off (high)");
	expect_name(&bare, "5.2.6");
	expect_name(&no_title, "x (critical)");
	expect_name(&no_severity, "x \"a\" # <b> \xc3\xa9");
	assert_null(tst_severity_name(TST_SEVERITY_NONE));
	assert_string_equal(tst_severity_name(TST_SEVERITY_INFO), "info");
	assert_string_equal(tst_severity_name(TST_SEVERITY_CRITICAL), "critical");
}

static const struct tst_meta metas[] = {
	{1, "a", "", TST_SEVERITY_NONE},
	{5, "b", "", TST_SEVERITY_NONE},
	{9, "c", "", TST_SEVERITY_NONE},
	{12, "d", "", TST_SEVERITY_NONE},
};

/* Checks a (two assertions), b (one), an assertion outside any, c (two), d (one). */
static const struct tst_check checks[] = {
	{.line = 2, .meta = &metas[0]}, {.line = 3, .meta = &metas[0]}, {.line = 6, .meta = &metas[1]},
	{.line = 7}, {.line = 10, .meta = &metas[2]}, {.line = 11, .meta = &metas[2]},
	{.line = 13, .meta = &metas[3]},
};

static const struct tst_step steps[] = {
	{TST_OP_SOURCE, 1, 0}, {TST_OP_ASSERT, 2, 0}, {TST_OP_ASSERT, 3, 1}, {TST_OP_ASSERT, 6, 2},
	{TST_OP_ASSERT, 7, 3}, {TST_OP_ASSERT, 10, 4}, {TST_OP_ASSERT, 11, 5}, {TST_OP_ASSERT, 13, 6},
};

static const struct tst_definition def = {.name = "t", .checks = checks, .steps = steps, .nsteps = 8};

static void tell(struct tst_tally *t, size_t check, bool passed, const char *not_checked)
{
	struct tst_assertion_event e = {.def = &def, .check = &checks[check], .passed = passed,
					.not_checked = not_checked};

	tst_tally_add(t, &e);
}

static void test_tally(void **state)
{
	struct tst_tally t;

	(void)state;
	tst_tally_init(&t, &def, 1);
	assert_int_equal(t.n, 4);
	assert_int_equal(t.v[0].assertions, 2);
	assert_int_equal(t.v[1].assertions, 1);
	assert_int_equal(t.v[2].assertions, 2);
	assert_ptr_equal(t.v[3].meta, &metas[3]);
	tell(&t, 0, true, NULL);
	tell(&t, 1, false, NULL);
	tell(&t, 2, true, NULL);
	tell(&t, 3, false, NULL);       /* in no check: counted nowhere */
	tell(&t, 4, true, NULL);
	tell(&t, 5, false, "cannot read");
	/* d's assertion never ran (the deadline passed). */
	assert_int_equal(tst_check_verdict(&t.v[0]), TST_CHECK_FAILED);
	assert_int_equal(tst_check_verdict(&t.v[1]), TST_CHECK_PASSED);
	assert_int_equal(tst_check_verdict(&t.v[2]), TST_CHECK_NOT_CHECKED);
	assert_int_equal(t.v[2].not_checked, 1);
	assert_int_equal(tst_check_verdict(&t.v[3]), TST_CHECK_NOT_CHECKED);
	assert_int_equal(t.v[1].passed + t.v[1].failed, 1);
	tst_tally_free(&t);
}

/* A check whose assertion failed on a source read whole failed, whatever else could not be checked. */
static void test_failed_wins(void **state)
{
	struct tst_tally t;

	(void)state;
	tst_tally_init(&t, &def, 1);
	tell(&t, 4, false, "cannot read");
	tell(&t, 5, false, NULL);
	assert_int_equal(tst_check_verdict(&t.v[2]), TST_CHECK_FAILED);
	tst_tally_free(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_name),
		cmocka_unit_test(test_tally),
		cmocka_unit_test(test_failed_wins),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
