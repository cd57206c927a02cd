/*
 * Unit tests for runtime/assert.c and runtime/value.c: the nine assertions
 * of tstconfig(5), each passing and failing, over an undefined value (no
 * elements, no text), a defined empty value, values with empty strings, and
 * values with a missing item (a column beyond the map or the row: it equals
 * no string, "" included, but joins as empty text).  starts_with and
 * ends_with compare the space-joined texts (a fix of the original), so arguments
 * may straddle items; arguments longer than the value fail.  Also the
 * value operations themselves: push, clear, free, join, and the cutting of
 * split_values; and values_ignore_case (ASCII letters only) in every
 * assertion that compares text.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define STRS(...) ((const char *const[]){__VA_ARGS__})
#define NSTRS(...) (sizeof(STRS(__VA_ARGS__)) / sizeof(const char *))
/* Whether assertion `kind` with the given arguments passes on v. */
#define CHECK(kind, v, ...) \
	tst_check_value(&(struct tst_check){TST_ASSERT_##kind, 1, "", STRS(__VA_ARGS__), NSTRS(__VA_ARGS__), NULL, NULL, false, &tst_regex_ops, &tst_compare_ops}, (v))
#define CHECK0(kind, v) tst_check_value(&(struct tst_check){TST_ASSERT_##kind, 1, "", NULL, 0, NULL, NULL, false, &tst_regex_ops, &tst_compare_ops}, (v))
#define MAKE(v, ...) make((v), STRS(__VA_ARGS__), NSTRS(__VA_ARGS__))

/* Makes v a defined value of the given items; NULL is a missing item. */
static void make(struct tst_value *v, const char *const *items, size_t n)
{
	*v = (struct tst_value){0};
	tst_value_clear(v);
	for (size_t i = 0; i < n; i++) {
		struct tst_str s = {items[i], items[i] ? strlen(items[i]) : 0};
		tst_value_push(v, s);
	}
}

/* The value's items joined by one space, as a new string. */
static char *joined(const struct tst_value *v)
{
	size_t n = tst_value_joined_len(v);
	char *s = malloc(n + 1);

	assert_non_null(s);
	tst_value_join(v, s);
	s[n] = '\0';
	return s;
}

static void expect_joined(const struct tst_value *v, const char *want)
{
	char *s = joined(v);
	bool ok = strcmp(s, want) == 0;

	if (!ok)
		print_error("joined [%s], want [%s]\n", s, want);
	free(s);
	assert_true(ok);
}

/* Value operations */

static void test_value_push_copies(void **state)
{
	struct tst_value v = {0};
	char buf[] = "abc";

	(void)state;
	assert_false(v.defined);
	tst_value_push(&v, (struct tst_str){buf, 3});
	buf[0] = 'X';
	assert_true(v.defined);
	assert_int_equal(v.n, 1);
	assert_memory_equal(v.items[0].s, "abc", 3);
	tst_value_push(&v, (struct tst_str){NULL, 0});
	assert_null(v.items[1].s);
	for (int i = 0; i < 100; i++)
		tst_value_push(&v, (struct tst_str){"x", 1});
	assert_int_equal(v.n, 102);
	tst_value_free(&v);
	assert_false(v.defined);
	assert_int_equal(v.n, 0);
}

static void test_value_clear_keeps_defined(void **state)
{
	struct tst_value v;

	(void)state;
	MAKE(&v, "a", "b");
	tst_value_clear(&v);
	assert_true(v.defined);
	assert_int_equal(v.n, 0);
	tst_value_push(&v, (struct tst_str){"c", 1});
	assert_int_equal(v.n, 1);
	tst_value_free(&v);
}

static void test_value_join(void **state)
{
	struct tst_value v;

	(void)state;
	MAKE(&v, "a", "b c", "", "d");
	assert_int_equal(tst_value_joined_len(&v), 8);
	expect_joined(&v, "a b c  d");
	tst_value_free(&v);
	MAKE(&v, NULL, "x", NULL);
	expect_joined(&v, " x ");
	tst_value_free(&v);
	make(&v, NULL, 0);
	expect_joined(&v, "");
	tst_value_free(&v);
	expect_joined(&v, "");
}

/* The undefined value */

static void test_undefined_value(void **state)
{
	struct tst_value v = {0};

	(void)state;
	assert_false(CHECK0(EQ, &v));
	assert_false(CHECK(EQ, &v, ""));
	assert_false(CHECK0(DEFINED, &v));
	assert_true(CHECK0(UNDEFINED, &v));
	assert_true(CHECK0(EMPTY, &v));
	assert_false(CHECK0(NOT_EMPTY, &v));
	assert_false(CHECK(CONTAINS, &v, "a"));
	assert_false(CHECK(CONTAINS, &v, ""));
	assert_true(CHECK(NOT_CONTAINS, &v, "a"));
	assert_true(CHECK(NOT_CONTAINS, &v, "", "b"));
	assert_false(CHECK(STARTS_WITH, &v, "a"));
	assert_false(CHECK(STARTS_WITH, &v, ""));
	assert_false(CHECK(ENDS_WITH, &v, "a"));
	assert_false(CHECK(ENDS_WITH, &v, ""));
}

/* A defined value with no items */

static void test_defined_empty_value(void **state)
{
	struct tst_value v;

	(void)state;
	make(&v, NULL, 0);
	assert_true(CHECK0(EQ, &v));
	assert_false(CHECK(EQ, &v, ""));
	assert_true(CHECK0(DEFINED, &v));
	assert_false(CHECK0(UNDEFINED, &v));
	assert_true(CHECK0(EMPTY, &v));
	assert_false(CHECK0(NOT_EMPTY, &v));
	assert_false(CHECK(CONTAINS, &v, ""));
	assert_true(CHECK(NOT_CONTAINS, &v, ""));
	assert_true(CHECK(STARTS_WITH, &v, ""));
	assert_true(CHECK(ENDS_WITH, &v, ""));
	assert_false(CHECK(STARTS_WITH, &v, "a"));
	assert_false(CHECK(ENDS_WITH, &v, "a"));
	tst_value_free(&v);
}

/* assert_eq */

static void test_eq(void **state)
{
	struct tst_value v;

	(void)state;
	MAKE(&v, "a", "b c");
	assert_true(CHECK(EQ, &v, "a", "b c"));
	assert_false(CHECK(EQ, &v, "a", "b", "c"));
	assert_false(CHECK(EQ, &v, "a b c"));
	assert_false(CHECK(EQ, &v, "b c", "a"));
	assert_false(CHECK(EQ, &v, "a"));
	assert_false(CHECK(EQ, &v, "a", "b c", ""));
	assert_false(CHECK(EQ, &v, "a", "b"));
	assert_false(CHECK(EQ, &v, "A", "b c"));
	assert_false(CHECK0(EQ, &v));
	tst_value_free(&v);
}

static void test_eq_empty_strings(void **state)
{
	struct tst_value v;

	(void)state;
	MAKE(&v, "");
	assert_true(CHECK(EQ, &v, ""));
	assert_false(CHECK0(EQ, &v));
	tst_value_free(&v);
	MAKE(&v, "", "x", "");
	assert_true(CHECK(EQ, &v, "", "x", ""));
	assert_false(CHECK(EQ, &v, "x"));
	tst_value_free(&v);
}

/* An item holding a NUL equals no C string argument. */
static void test_eq_item_with_nul(void **state)
{
	struct tst_value v = {0};

	(void)state;
	tst_value_push(&v, (struct tst_str){"a\0b", 3});
	assert_false(CHECK(EQ, &v, "a"));
	assert_false(CHECK(CONTAINS, &v, "a"));
	assert_true(CHECK(NOT_CONTAINS, &v, "a"));
	assert_true(CHECK0(NOT_EMPTY, &v));
	tst_value_free(&v);
}

/* assert_defined / assert_undefined */

static void test_defined_undefined(void **state)
{
	struct tst_value v;

	(void)state;
	MAKE(&v, "x");
	assert_true(CHECK0(DEFINED, &v));
	assert_false(CHECK0(UNDEFINED, &v));
	tst_value_free(&v);
	assert_false(CHECK0(DEFINED, &v));
	assert_true(CHECK0(UNDEFINED, &v));
}

/* assert_empty / assert_not_empty look at the space-joined text. */
static void test_empty_not_empty(void **state)
{
	struct tst_value v;

	(void)state;
	MAKE(&v, "x");
	assert_false(CHECK0(EMPTY, &v));
	assert_true(CHECK0(NOT_EMPTY, &v));
	tst_value_free(&v);
	MAKE(&v, "");
	assert_true(CHECK0(EMPTY, &v));
	assert_false(CHECK0(NOT_EMPTY, &v));
	tst_value_free(&v);
	/* two empty items join as " ", which is not empty */
	MAKE(&v, "", "");
	assert_false(CHECK0(EMPTY, &v));
	assert_true(CHECK0(NOT_EMPTY, &v));
	tst_value_free(&v);
}

/* assert_contains: every argument equals some item. */
static void test_contains(void **state)
{
	struct tst_value v;

	(void)state;
	MAKE(&v, "22", "80", "443");
	assert_true(CHECK(CONTAINS, &v, "80"));
	assert_true(CHECK(CONTAINS, &v, "443", "22"));
	assert_true(CHECK(CONTAINS, &v, "80", "80"));
	assert_false(CHECK(CONTAINS, &v, "8"));
	assert_false(CHECK(CONTAINS, &v, "22", "25"));
	assert_false(CHECK(CONTAINS, &v, "22 80"));
	assert_false(CHECK(CONTAINS, &v, ""));
	tst_value_free(&v);
	MAKE(&v, "a", "");
	assert_true(CHECK(CONTAINS, &v, ""));
	tst_value_free(&v);
}

/* assert_not_contains: no argument equals an item. */
static void test_not_contains(void **state)
{
	struct tst_value v;

	(void)state;
	MAKE(&v, "22", "80");
	assert_true(CHECK(NOT_CONTAINS, &v, "25"));
	assert_true(CHECK(NOT_CONTAINS, &v, "25", "8", "22 80", ""));
	assert_false(CHECK(NOT_CONTAINS, &v, "80"));
	assert_false(CHECK(NOT_CONTAINS, &v, "25", "22"));
	tst_value_free(&v);
}

/* assert_starts_with compares the joined texts: [a, b c] starts with "a b". */
static void test_starts_with(void **state)
{
	struct tst_value v;

	(void)state;
	MAKE(&v, "a", "b c");
	assert_true(CHECK(STARTS_WITH, &v, "a b"));
	assert_true(CHECK(STARTS_WITH, &v, "a", "b"));
	assert_true(CHECK(STARTS_WITH, &v, "a"));
	assert_true(CHECK(STARTS_WITH, &v, "a b c"));
	assert_true(CHECK(STARTS_WITH, &v, "a", "b", "c"));
	assert_true(CHECK(STARTS_WITH, &v, ""));
	assert_false(CHECK(STARTS_WITH, &v, "b"));
	assert_false(CHECK(STARTS_WITH, &v, "a", "c"));
	assert_false(CHECK(STARTS_WITH, &v, "ab"));
	assert_false(CHECK(STARTS_WITH, &v, "a b c "));
	assert_false(CHECK(STARTS_WITH, &v, "a", "b", "c", "d"));
	tst_value_free(&v);
}

static void test_ends_with(void **state)
{
	struct tst_value v;

	(void)state;
	MAKE(&v, "a", "b c");
	assert_true(CHECK(ENDS_WITH, &v, "c"));
	assert_true(CHECK(ENDS_WITH, &v, "b c"));
	assert_true(CHECK(ENDS_WITH, &v, "b", "c"));
	assert_true(CHECK(ENDS_WITH, &v, "a", "b c"));
	assert_true(CHECK(ENDS_WITH, &v, " c"));
	assert_true(CHECK(ENDS_WITH, &v, ""));
	assert_false(CHECK(ENDS_WITH, &v, "a"));
	assert_false(CHECK(ENDS_WITH, &v, "b"));
	assert_false(CHECK(ENDS_WITH, &v, "bc"));
	assert_false(CHECK(ENDS_WITH, &v, "x", "a", "b c"));
	tst_value_free(&v);
}

/* Arguments longer than the value never match. */
static void test_affix_args_longer_than_value(void **state)
{
	struct tst_value v;

	(void)state;
	MAKE(&v, "ab");
	assert_false(CHECK(STARTS_WITH, &v, "abc"));
	assert_false(CHECK(ENDS_WITH, &v, "xab"));
	assert_false(CHECK(STARTS_WITH, &v, "ab", ""));
	assert_false(CHECK(ENDS_WITH, &v, "", "ab"));
	assert_true(CHECK(STARTS_WITH, &v, "ab"));
	assert_true(CHECK(ENDS_WITH, &v, "ab"));
	tst_value_free(&v);
}

/* A missing item equals no string, not even "", yet joins as empty text. */
static void test_missing_item(void **state)
{
	struct tst_value v;

	(void)state;
	MAKE(&v, "a", NULL, "b");
	assert_false(CHECK(EQ, &v, "a", "", "b"));
	assert_false(CHECK(CONTAINS, &v, ""));
	assert_true(CHECK(CONTAINS, &v, "a", "b"));
	assert_true(CHECK(NOT_CONTAINS, &v, ""));
	assert_true(CHECK0(DEFINED, &v));
	assert_true(CHECK0(NOT_EMPTY, &v));
	assert_true(CHECK(STARTS_WITH, &v, "a  b"));
	assert_true(CHECK(ENDS_WITH, &v, " b"));
	assert_true(CHECK(STARTS_WITH, &v, "a", "", "b"));
	expect_joined(&v, "a  b");
	tst_value_free(&v);
}

static void test_only_missing_item(void **state)
{
	struct tst_value v;

	(void)state;
	MAKE(&v, NULL);
	assert_false(CHECK(EQ, &v, ""));
	assert_false(CHECK0(EQ, &v));
	assert_true(CHECK0(DEFINED, &v));
	assert_false(CHECK0(UNDEFINED, &v));
	assert_true(CHECK0(EMPTY, &v));
	assert_false(CHECK0(NOT_EMPTY, &v));
	assert_false(CHECK(CONTAINS, &v, ""));
	assert_true(CHECK(NOT_CONTAINS, &v, ""));
	assert_true(CHECK(STARTS_WITH, &v, ""));
	assert_true(CHECK(ENDS_WITH, &v, ""));
	assert_false(CHECK(STARTS_WITH, &v, " "));
	tst_value_free(&v);
	MAKE(&v, NULL, NULL);
	assert_false(CHECK0(EMPTY, &v));
	assert_true(CHECK0(NOT_EMPTY, &v));
	assert_true(CHECK(STARTS_WITH, &v, " "));
	tst_value_free(&v);
}

/* Every kind gives a definite answer over a large value. */
static void test_large_value(void **state)
{
	struct tst_value v = {0};
	char item[32];

	(void)state;
	for (int i = 0; i < 10000; i++) {
		snprintf(item, sizeof(item), "i%d", i);
		tst_value_push(&v, (struct tst_str){item, strlen(item)});
	}
	assert_true(CHECK(CONTAINS, &v, "i0", "i9999", "i5000"));
	assert_false(CHECK(CONTAINS, &v, "i10000"));
	assert_true(CHECK(STARTS_WITH, &v, "i0 i1 i2"));
	assert_true(CHECK(ENDS_WITH, &v, "i9998", "i9999"));
	assert_false(CHECK(EQ, &v, "i0"));
	assert_true(CHECK0(NOT_EMPTY, &v));
	tst_value_free(&v);
}

/* A matcher with the ERE pattern, anchored as tstcc anchors the Java pattern it translates. */
#define MATCH(kind, v, ere) \
	tst_check_value(&(struct tst_check){TST_ASSERT_##kind, 1, "", NULL, 0, "^(" ere ")$", NULL, false, &tst_regex_ops, &tst_compare_ops}, (v))

/* The pattern must match a whole text: the joined value, or each element. */
static void test_matchers(void **state)
{
	struct tst_value v;

	(void)state;
	MAKE(&v, "3des-cbc", "aes128-ctr");
	assert_true(MATCH(MATCHES, &v, "3des-cbc aes128-ctr"));
	assert_false(MATCH(MATCHES, &v, "3des-cbc"));
	assert_true(MATCH(ANY_MATCH, &v, ".*-cbc"));
	assert_false(MATCH(ALL_MATCH, &v, ".*-cbc"));
	assert_false(MATCH(NONE_MATCH, &v, ".*-cbc"));
	assert_true(MATCH(ALL_MATCH, &v, "[a-z0-9]+-(cbc|ctr)"));
	assert_false(MATCH(ANY_MATCH, &v, "cbc"));
	assert_true(MATCH(NONE_MATCH, &v, "cbc"));
	tst_value_free(&v);

	MAKE(&v, "!$y$j9T$abc");
	assert_true(MATCH(MATCHES, &v, "[!*].*"));
	tst_value_free(&v);
	MAKE(&v, "");
	assert_false(MATCH(MATCHES, &v, "[!*].*"));
	assert_true(MATCH(MATCHES, &v, ""));
	tst_value_free(&v);

	/* Undefined: nothing matches, every element (of none) matches nothing. */
	v = (struct tst_value){0};
	assert_false(MATCH(MATCHES, &v, ".*"));
	assert_false(MATCH(ANY_MATCH, &v, ".*"));
	assert_false(MATCH(ALL_MATCH, &v, ".*"));
	assert_true(MATCH(NONE_MATCH, &v, ".*"));

	/* A missing item (a column beyond the row) is no text to match. */
	MAKE(&v, "a", NULL);
	assert_false(MATCH(ALL_MATCH, &v, ".*"));
	assert_true(MATCH(ANY_MATCH, &v, "a"));
	tst_value_free(&v);
}

static void test_sets(void **state)
{
	struct tst_value v;

	(void)state;
	MAKE(&v, "443", "22", "80", "22");
	assert_true(CHECK(SET_EQ, &v, "22", "80", "443"));
	assert_true(CHECK(SET_EQ, &v, "80", "443", "22", "80"));
	assert_false(CHECK(SET_EQ, &v, "22", "80"));
	assert_false(CHECK(SET_EQ, &v, "22", "80", "443", "8080"));
	assert_true(CHECK(SUBSET_OF, &v, "22", "80", "443", "8080"));
	assert_false(CHECK(SUBSET_OF, &v, "22", "443"));
	assert_false(CHECK(ONE_OF, &v, "22", "80", "443"));
	tst_value_free(&v);

	MAKE(&v, "prohibit-password");
	assert_true(CHECK(ONE_OF, &v, "no", "prohibit-password"));
	assert_false(CHECK(ONE_OF, &v, "no", "yes"));
	tst_value_free(&v);

	/* A defined value with no elements: the empty set. */
	MAKE(&v, "x");
	tst_value_clear(&v);
	assert_true(CHECK0(SET_EQ, &v));
	assert_true(CHECK0(SUBSET_OF, &v));
	assert_false(CHECK(SET_EQ, &v, "22"));
	assert_true(CHECK(SUBSET_OF, &v, "22"));
	tst_value_free(&v);

	/* Undefined is no set at all. */
	v = (struct tst_value){0};
	assert_false(CHECK0(SET_EQ, &v));
	assert_false(CHECK(SUBSET_OF, &v, "22"));
	assert_false(CHECK(ONE_OF, &v, "22"));
}

static void test_comparisons(void **state)
{
	struct tst_value v;

	(void)state;
	MAKE(&v, "4");
	assert_true(CHECK(AT_MOST, &v, "4"));
	assert_false(CHECK(LESS_THAN, &v, "4"));
	assert_true(CHECK(AT_LEAST, &v, "4"));
	assert_false(CHECK(GREATER_THAN, &v, "4"));
	assert_true(CHECK(LESS_THAN, &v, "4.5"));
	tst_value_free(&v);

	MAKE(&v, "128M");
	assert_true(CHECK(AT_MOST, &v, "256M"));
	assert_false(CHECK(AT_MOST, &v, "100M"));
	assert_true(CHECK(GREATER_THAN, &v, "131071K"));
	tst_value_free(&v);

	MAKE(&v, "-1");
	assert_true(CHECK(AT_MOST, &v, "256M"));
	tst_value_free(&v);

	/* No number, several elements, undefined: every comparison fails. */
	MAKE(&v, "unlimited");
	assert_false(CHECK(AT_MOST, &v, "4"));
	assert_false(CHECK(AT_LEAST, &v, "4"));
	tst_value_free(&v);
	/* What sshd or php would not read as 1000 or 1.5 is no number here either. */
	MAKE(&v, "1e3");
	assert_false(CHECK(AT_LEAST, &v, "1"));
	tst_value_free(&v);
	MAKE(&v, "1,5");
	assert_false(CHECK(AT_LEAST, &v, "1"));
	tst_value_free(&v);
	MAKE(&v, "4", "5");
	assert_false(CHECK(AT_MOST, &v, "9"));
	tst_value_free(&v);
	v = (struct tst_value){0};
	assert_false(CHECK(AT_LEAST, &v, "0"));

	MAKE(&v, "1:9.2p1-2+deb12u10");
	assert_true(CHECK(VERSION_AT_LEAST, &v, "1:9.2p1-2+deb12u3"));
	assert_false(CHECK(VERSION_AT_MOST, &v, "1:9.2p1-2+deb12u3"));
	assert_false(CHECK(VERSION_AT_LEAST, &v, "2:1.0"));
	assert_true(CHECK(VERSION_AT_MOST, &v, "1:9.2p1-2+deb12u10"));
	tst_value_free(&v);
	MAKE(&v, "<none>");
	assert_false(CHECK(VERSION_AT_LEAST, &v, "0"));
	assert_false(CHECK(VERSION_AT_MOST, &v, "99"));
	tst_value_free(&v);
}

#define CHECK_ICASE(kind, v, ...) \
	tst_check_value(&(struct tst_check){TST_ASSERT_##kind, 1, "", STRS(__VA_ARGS__), NSTRS(__VA_ARGS__), NULL, NULL, true, &tst_regex_ops, &tst_compare_ops}, (v))
#define CHECK0_ICASE(kind, v) tst_check_value(&(struct tst_check){TST_ASSERT_##kind, 1, "", NULL, 0, NULL, NULL, true, &tst_regex_ops, &tst_compare_ops}, (v))
#define MATCH_ICASE(kind, v, ere) \
	tst_check_value(&(struct tst_check){TST_ASSERT_##kind, 1, "", NULL, 0, "^(" ere ")$", NULL, true, &tst_regex_ops, &tst_compare_ops}, (v))

/* Each text comparison ignores ASCII case when asked, and only then. */
static void test_ignore_case(void **state)
{
	struct tst_value v;

	(void)state;
	MAKE(&v, "Yes", "PAM");
	assert_false(CHECK(EQ, &v, "yes", "pam"));
	assert_true(CHECK_ICASE(EQ, &v, "yes", "pam"));
	assert_false(CHECK_ICASE(EQ, &v, "yes"));
	assert_true(CHECK_ICASE(CONTAINS, &v, "YES"));
	assert_false(CHECK(CONTAINS, &v, "YES"));
	assert_false(CHECK_ICASE(NOT_CONTAINS, &v, "pam"));
	assert_true(CHECK(NOT_CONTAINS, &v, "pam"));
	assert_true(CHECK_ICASE(STARTS_WITH, &v, "yes p"));
	assert_false(CHECK(STARTS_WITH, &v, "yes p"));
	assert_true(CHECK_ICASE(ENDS_WITH, &v, "s pam"));
	assert_false(CHECK(ENDS_WITH, &v, "s pam"));
	assert_true(CHECK_ICASE(SET_EQ, &v, "pam", "yes"));
	assert_true(CHECK_ICASE(SUBSET_OF, &v, "PAM", "YES", "no"));
	assert_false(CHECK(SUBSET_OF, &v, "PAM", "YES", "no"));
	/* A matcher's pattern comes folded from tstcc (pattern.c); the runtime adds no REG_ICASE to it. */
	assert_true(MATCH_ICASE(MATCHES, &v, "[Yy][Ee][Ss] [Pp][Aa][Mm]"));
	assert_false(MATCH_ICASE(MATCHES, &v, "yes pam"));
	assert_false(MATCH(MATCHES, &v, "yes pam"));
	assert_true(MATCH_ICASE(ALL_MATCH, &v, "[A-Za-z]+"));
	assert_false(MATCH(ALL_MATCH, &v, "[a-z]+"));
	assert_false(MATCH_ICASE(NONE_MATCH, &v, "[Pp][Aa][Mm]"));
	tst_value_free(&v);

	MAKE(&v, "On");
	assert_true(CHECK_ICASE(ONE_OF, &v, "on", "true"));
	assert_false(CHECK(ONE_OF, &v, "on", "true"));
	tst_value_free(&v);

	/* Only A-Z fold: '@' and '[' are one below 'A' and one above 'Z'; UTF-8 bytes stay apart. */
	MAKE(&v, "@[", "\xc3\x89");
	assert_false(CHECK_ICASE(EQ, &v, "`{", "\xc3\xa9"));
	assert_true(CHECK_ICASE(EQ, &v, "@[", "\xc3\x89"));
	tst_value_free(&v);

	/* A missing item still equals nothing, an undefined value still nothing at all. */
	MAKE(&v, NULL);
	assert_false(CHECK_ICASE(EQ, &v, ""));
	tst_value_free(&v);
	v = (struct tst_value){0};
	assert_false(CHECK0_ICASE(EQ, &v));
	assert_false(CHECK0_ICASE(SET_EQ, &v));
}

/* The items one split_values cut gives. */
static void expect_split(const char *item, const char *split, const char *const *want, size_t nwant)
{
	struct tst_value v = {0};

	tst_value_push_split(&v, (struct tst_str){item, strlen(item)}, split);
	assert_true(v.defined);
	assert_int_equal(v.n, nwant);
	for (size_t i = 0; i < nwant; i++) {
		assert_int_equal(v.items[i].n, strlen(want[i]));
		assert_memory_equal(v.items[i].s, want[i], v.items[i].n);
	}
	tst_value_free(&v);
}
#define SPLIT(item, split, ...) expect_split((item), (split), STRS(__VA_ARGS__), NSTRS(__VA_ARGS__))

static void test_push_split(void **state)
{
	struct tst_value v = {0};

	(void)state;
	SPLIT("rw,nodev,nosuid,noexec", ",", "rw", "nodev", "nosuid", "noexec");
	/* Empty pieces, leading, trailing and between two marks, are dropped. */
	SPLIT(",a,,b,", ",", "a", "b");
	SPLIT("a, b;c", ", ;", "a", "b", "c");
	/* No mark in the item: the item whole; NULL: no splitting. */
	SPLIT("quiet", ",", "quiet");
	SPLIT("a,b", NULL, "a,b");
	/* An empty item, or one of marks only, gives no element (the row that matched defines the value). */
	tst_value_clear(&v);
	tst_value_push_split(&v, (struct tst_str){",,", 2}, ",");
	tst_value_push_split(&v, (struct tst_str){"", 0}, ",");
	assert_true(v.defined);
	assert_int_equal(v.n, 0);
	/* A missing item has no text to cut: it stays one missing item. */
	tst_value_push_split(&v, (struct tst_str){NULL, 0}, ",");
	assert_int_equal(v.n, 1);
	assert_null(v.items[0].s);
	/* A NUL byte in the item is text, never a mark. */
	tst_value_push_split(&v, (struct tst_str){"a\0b,c", 5}, ",");
	assert_int_equal(v.n, 3);
	assert_int_equal(v.items[1].n, 3);
	assert_memory_equal(v.items[1].s, "a\0b", 3);
	tst_value_free(&v);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_value_push_copies),
		cmocka_unit_test(test_value_clear_keeps_defined),
		cmocka_unit_test(test_value_join),
		cmocka_unit_test(test_undefined_value),
		cmocka_unit_test(test_defined_empty_value),
		cmocka_unit_test(test_eq),
		cmocka_unit_test(test_eq_empty_strings),
		cmocka_unit_test(test_eq_item_with_nul),
		cmocka_unit_test(test_defined_undefined),
		cmocka_unit_test(test_empty_not_empty),
		cmocka_unit_test(test_contains),
		cmocka_unit_test(test_not_contains),
		cmocka_unit_test(test_starts_with),
		cmocka_unit_test(test_ends_with),
		cmocka_unit_test(test_affix_args_longer_than_value),
		cmocka_unit_test(test_missing_item),
		cmocka_unit_test(test_only_missing_item),
		cmocka_unit_test(test_large_value),
		cmocka_unit_test(test_matchers),
		cmocka_unit_test(test_sets),
		cmocka_unit_test(test_comparisons),
		cmocka_unit_test(test_ignore_case),
		cmocka_unit_test(test_push_split),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
