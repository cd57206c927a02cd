/*
 * Unit tests for runtime/compare.c: numbers with size suffixes and percent
 * signs, and Debian versions in dpkg's order (epochs, ~ before the end,
 * letters before other characters, numeric parts compared as numbers, the
 * revision after the last hyphen).  The version pairs come from the cases
 * dpkg's own test suite and Debian Policy 5.6.12 give.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compare.h"

static double number(const char *s)
{
	double v = -1;
	assert_true(tst_number(s, strlen(s), &v));
	return v;
}

static void test_numbers(void **state)
{
	(void)state;
	assert_true(number("4") == 4);
	assert_true(number("-1") == -1);
	assert_true(number("0.5") == 0.5);
	assert_true(number("128M") == 128.0 * 1024 * 1024);
	assert_true(number("2g") == 2.0 * 1024 * 1024 * 1024);
	assert_true(number("512K") == 512.0 * 1024);
	assert_true(number("1T") == 1024.0 * 1024 * 1024 * 1024);
	assert_true(number("85%") == 85);
	assert_true(number("+5") == 5);
	assert_true(number(".5") == 0.5);
	assert_true(number("5.") == 5);
	assert_true(number("-.25") == -0.25);
	assert_true(number("1.5G") == 1.5 * 1024 * 1024 * 1024);
	assert_true(number("0010") == 10);
	assert_true(number("9007199254740993") >= 9007199254740992.0);
	assert_true(number("123456789012345678901234567890") > number("123456789012345678901234567"));
}

/*
 * Whatever LC_NUMERIC says: under de_DE, strtod would read "1,5" as 1.5
 * and "1.5" as 1.  The locale is built with localedef where none is
 * installed; without either the test is skipped.
 */
static void test_numbers_ignore_locale(void **state)
{
	static char dir[] = "/tmp/tst-locale-XXXXXX";
	char cmd[128];
	double v;
	bool built = false;

	(void)state;
	if (!setlocale(LC_NUMERIC, "de_DE.UTF-8") && mkdtemp(dir)) {
		snprintf(cmd, sizeof(cmd), "localedef -i de_DE -f UTF-8 %s/de_DE.UTF-8 2>/dev/null", dir);
		built = system(cmd) == 0 && setenv("LOCPATH", dir, 1) == 0 && setlocale(LC_NUMERIC, "de_DE.UTF-8");
		snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
		if (system(cmd) != 0 || !built)
			skip();
	}
	assert_string_equal(localeconv()->decimal_point, ",");
	assert_true(number("1.5") == 1.5);
	assert_true(number("2.5M") == 2.5 * 1024 * 1024);
	assert_false(tst_number("1,5", 3, &v));
	setlocale(LC_NUMERIC, "C");
}

static void test_not_numbers(void **state)
{
	static const char *const bad[] = {"", "M", "%", "-", "inf", "nan", "0x10", " 4", "4 ", "4MB", "1.2.3",
					  "4%%", "yes", "+", "12M%", "1e3", "1E3", "1,5", "1.5.", ".", "+-1", "--1", "1 000", "0x1p3",
					  "infinity", "1,024", "1234567890123456789012345678901234567890123456789012345678901234"};
	double v;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (tst_number(bad[i], strlen(bad[i]), &v))
			fail_msg("'%s' taken for a number", bad[i]);
	}
	/* Only the first n bytes count. */
	assert_true(tst_number("42xyz", 2, &v) && v == 42);
}

static int cmp(const char *a, const char *b)
{
	int r = tst_version_compare(a, strlen(a), b, strlen(b));
	return r < 0 ? -1 : r > 0;
}

static void test_versions(void **state)
{
	static const struct {
		const char *a, *b;
		int want;
	} cases[] = {
		{"1.0", "1.0", 0},
		{"1.0", "1.0-0", 0},
		{"0:1.0", "1.0", 0},
		{"1.0", "1.1", -1},
		{"1.2", "1.10", -1},
		{"1.0~rc1", "1.0", -1},
		{"1.0~~", "1.0~", -1},
		{"1.0~", "1.0", -1},
		{"1.0", "1.0a", -1},
		{"1.0a", "1.0+", -1},
		{"1.0+", "1.0.1", -1},
		{"1:0.1", "9.9", 1},
		{"2:1.0", "10:0.1", -1},
		{"1.0-1", "1.0-2", -1},
		{"1.0-10", "1.0-9", 1},
		{"1.0-1~bpo1", "1.0-1", -1},
		{"1:9.2p1-2+deb12u3", "1:9.2p1-2+deb12u10", -1},
		{"1:9.2p1-2+deb12u3", "1:9.2p1-2", 1},
		{"9.2p1", "9.2", 1},
		{"1.2-3-4", "1.2-3-5", -1},
		{"007", "7", 0},
		{"1.001", "1.1", 0},
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		if (cmp(cases[i].a, cases[i].b) != cases[i].want || cmp(cases[i].b, cases[i].a) != -cases[i].want)
			fail_msg("%s against %s: %d, expected %d", cases[i].a, cases[i].b, cmp(cases[i].a, cases[i].b),
				 cases[i].want);
	}
}

static void test_version_syntax(void **state)
{
	static const char *const good[] = {"1", "1.0", "1:2.3-4", "0:1~rc1", "2.36.1-8+deb12u1", "9.2p1-2",
					    "2147483647:1"};
	static const char *const bad[] = {"", "a1", ":1", "x:1", "1:", "1:a", "1.0 2", "1.0_1", "1:2:3", "1.0-",
					   "2147483648:1.0", "99999999999999999999:1"};

	(void)state;
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		if (!tst_version_valid(good[i]))
			fail_msg("'%s' refused", good[i]);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (tst_version_valid(bad[i]))
			fail_msg("'%s' taken for a version", bad[i]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_not_numbers),
		cmocka_unit_test(test_numbers_ignore_locale),
		cmocka_unit_test(test_versions),
		cmocka_unit_test(test_version_syntax),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
