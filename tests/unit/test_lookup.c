/*
 * Unit tests for runtime/lookup.c (tstconfig(5): Columns, Property lookup) and, end to end, for
 * runtime/pass.c (Lines, Rows).  Lookup: queries with one, two and no
 * keys, with and without a column map (a column beyond the map or the row
 * is missing: it equals no key and is kept as a NULL item of the value),
 * the three duplicates policies, queries with equal keys but different
 * policies or maps, queries of different sections, and 10,000 queries over
 * 10,000 rows.  Pass: temporary files read through skip_header_lines and
 * read_lines, comment styles, header and footer patterns (footer first, a
 * name seen twice continuing its section), per-section row counts and
 * `seen`, keyvalue lines without the separator, CR/CRLF files, a command
 * whose `#` line holds a CR, and files that cannot be read.  The
 * extensions: inline comments in each parse mode (quotes, keys, headers
 * left whole), and indented and backslash continuation lines (comment and
 * blank lines inside a row, headers, line counts, unnamed sections, a
 * keyvalue separator across the join, a command's last row).
 * keys_ignore_case: the hash and the comparison fold ASCII letters only
 * (in whole eight-byte words and in the tail), keys differing in case
 * land together with it and stay apart without it, and section names
 * match whatever their case.  split_values through a lookup: items cut,
 * empty pieces dropped, missing columns kept, no match still undefined.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

#define WS " \t\n\r\f"
#define STRS(...) ((const char *const[]){__VA_ARGS__})
#define NSTRS(...) (sizeof(STRS(__VA_ARGS__)) / sizeof(const char *))
#define KEYS(...) .keys = STRS(__VA_ARGS__), .nkeys = NSTRS(__VA_ARGS__)
#define MAP(...) .columns = ((const size_t[]){__VA_ARGS__}), \
	.ncolumns = sizeof((const size_t[]){__VA_ARGS__}) / sizeof(size_t)
#define ROW(lk, sec, res, ...) feed_row((lk), (sec), STRS(__VA_ARGS__), NSTRS(__VA_ARGS__), (res))
#define VALUE(v, ...) expect_items((v), STRS(__VA_ARGS__), NSTRS(__VA_ARGS__))
#define NQ(q) (sizeof(q) / sizeof((q)[0]))

static const char *const top_only[] = {""};

/* Lookup helpers */

static struct tst_source source(const char *const *sections, size_t nsections,
				const struct tst_query *q, size_t nq)
{
	return (struct tst_source){
		.path = "unused", .display = "unused",
		.sections = sections, .nsections = nsections,
		.queries = q, .nqueries = nq,
	};
}

/* Builds a row of n fields (NUL-free strings) and matches it. */
static void feed_row(const struct tst_lookup *lk, size_t section, const char *const *s, size_t n,
		     struct tst_value *results)
{
	struct tst_fields f = {0};
	size_t size = 0;

	for (size_t i = 0; i < n; i++)
		size += strlen(s[i]);
	tst_fields_begin(&f, size);
	for (size_t i = 0; i < n; i++)
		tst_fields_add(&f, s[i], strlen(s[i]));
	tst_lookup_row(lk, section, &f, results, NULL, NULL);
	tst_fields_free(&f);
}

/* want[i] == NULL: item i must be missing. */
static void expect_items(const struct tst_value *v, const char *const *want, size_t nwant)
{
	assert_true(v->defined);
	if (v->n != nwant) {
		for (size_t i = 0; i < v->n; i++)
			print_error("item %zu: [%.*s]\n", i, (int)v->items[i].n,
				    v->items[i].s ? v->items[i].s : "(missing)");
	}
	assert_int_equal(v->n, nwant);
	for (size_t i = 0; i < nwant; i++) {
		if (!want[i]) {
			assert_null(v->items[i].s);
			continue;
		}
		assert_non_null(v->items[i].s);
		if (v->items[i].n != strlen(want[i]) || memcmp(v->items[i].s, want[i], v->items[i].n) != 0)
			fail_msg("item %zu is [%.*s], want [%s]", i, (int)v->items[i].n, v->items[i].s, want[i]);
	}
}

static void expect_defined_empty(const struct tst_value *v)
{
	assert_true(v->defined);
	assert_int_equal(v->n, 0);
}

static void expect_undefined(const struct tst_value *v)
{
	assert_false(v->defined);
	assert_int_equal(v->n, 0);
}

static void free_values(struct tst_value *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		tst_value_free(&v[i]);
}

/* Lookup tests */

static void test_one_key(void **state)
{
	const struct tst_query q[] = {
		{KEYS("a")}, {KEYS("b")}, {KEYS("c")}, {KEYS("1")},
	};
	struct tst_source src = source(top_only, 1, q, NQ(q));
	struct tst_value res[NQ(q)] = {0};
	struct tst_lookup lk;

	(void)state;
	tst_lookup_init(&lk, &src);
	ROW(&lk, 0, res, "a", "1", "2");
	ROW(&lk, 0, res, "b", "3");
	tst_lookup_free(&lk);
	VALUE(&res[0], "1", "2");
	VALUE(&res[1], "3");
	expect_undefined(&res[2]);
	expect_undefined(&res[3]);
	free_values(res, NQ(q));
}

static void test_two_keys(void **state)
{
	const struct tst_query q[] = {
		{KEYS("tcp", "22")}, {KEYS("tcp", "25")}, {KEYS("udp", "22")}, {KEYS("22", "tcp")},
	};
	struct tst_source src = source(top_only, 1, q, NQ(q));
	struct tst_value res[NQ(q)] = {0};
	struct tst_lookup lk;

	(void)state;
	tst_lookup_init(&lk, &src);
	ROW(&lk, 0, res, "tcp", "22", "sshd");
	ROW(&lk, 0, res, "tcp", "80", "httpd");
	ROW(&lk, 0, res, "udp", "53");
	tst_lookup_free(&lk);
	VALUE(&res[0], "sshd");
	expect_undefined(&res[1]);
	expect_undefined(&res[2]);
	expect_undefined(&res[3]);
	free_values(res, NQ(q));
}

/* Keys are compared as a tuple, not as joined text. */
static void test_keys_split_differently(void **state)
{
	const struct tst_query q[] = {{KEYS("ab", "c")}, {KEYS("a", "bc")}};
	struct tst_source src = source(top_only, 1, q, NQ(q));
	struct tst_value res[NQ(q)] = {0};
	struct tst_lookup lk;

	(void)state;
	tst_lookup_init(&lk, &src);
	ROW(&lk, 0, res, "a", "bc", "v");
	tst_lookup_free(&lk);
	expect_undefined(&res[0]);
	VALUE(&res[1], "v");
	free_values(res, NQ(q));
}

/* With no keys every row matches, and the value is all its fields. */
static void test_zero_keys(void **state)
{
	const struct tst_query q[] = {
		{.policy = TST_POLICY_APPEND},
		{.policy = TST_POLICY_REPLACE},
		{.policy = TST_POLICY_IGNORE},
	};
	struct tst_source src = source(top_only, 1, q, NQ(q));
	struct tst_value res[NQ(q)] = {0};
	struct tst_lookup lk;

	(void)state;
	tst_lookup_init(&lk, &src);
	ROW(&lk, 0, res, "a", "1");
	ROW(&lk, 0, res, "b");
	ROW(&lk, 0, res, "c", "3", "4");
	tst_lookup_free(&lk);
	VALUE(&res[0], "a", "1", "b", "c", "3", "4");
	VALUE(&res[1], "c", "3", "4");
	VALUE(&res[2], "a", "1");
	free_values(res, NQ(q));
}

/* A zero-key query over no rows stays undefined. */
static void test_zero_keys_no_rows(void **state)
{
	const struct tst_query q[] = {{0}};
	struct tst_source src = source(top_only, 1, q, NQ(q));
	struct tst_value res[NQ(q)] = {0};
	struct tst_lookup lk;

	(void)state;
	tst_lookup_init(&lk, &src);
	tst_lookup_free(&lk);
	expect_undefined(&res[0]);
}

/* A row that is only its key gives a defined, empty value. */
static void test_key_only_row(void **state)
{
	const struct tst_query q[] = {{KEYS("flag")}};
	struct tst_source src = source(top_only, 1, q, NQ(q));
	struct tst_value res[NQ(q)] = {0};
	struct tst_lookup lk;

	(void)state;
	tst_lookup_init(&lk, &src);
	ROW(&lk, 0, res, "flag");
	tst_lookup_free(&lk);
	expect_defined_empty(&res[0]);
	free_values(res, NQ(q));
}

/* A key column beyond the row's end is missing: it equals no key, "" included. */
static void test_key_beyond_row_end(void **state)
{
	const struct tst_query q[] = {{KEYS("k", "")}, {KEYS("")}, {KEYS("k", "x")}};
	struct tst_source src = source(top_only, 1, q, NQ(q));
	struct tst_value res[NQ(q)] = {0};
	struct tst_fields empty = {0};
	struct tst_lookup lk;

	(void)state;
	tst_lookup_init(&lk, &src);
	ROW(&lk, 0, res, "k");
	tst_fields_begin(&empty, 0);
	tst_lookup_row(&lk, 0, &empty, res, NULL, NULL);
	tst_fields_free(&empty);
	tst_lookup_free(&lk);
	expect_undefined(&res[0]);
	expect_undefined(&res[1]);
	expect_undefined(&res[2]);
	free_values(res, NQ(q));
}

/* An empty field is a present column and equals the key "". */
static void test_empty_key(void **state)
{
	const struct tst_query q[] = {{KEYS("")}, {KEYS("k", "")}};
	struct tst_source src = source(top_only, 1, q, NQ(q));
	struct tst_value res[NQ(q)] = {0};
	struct tst_lookup lk;

	(void)state;
	tst_lookup_init(&lk, &src);
	ROW(&lk, 0, res, "", "v");
	ROW(&lk, 0, res, "k", "", "w");
	tst_lookup_free(&lk);
	VALUE(&res[0], "v");
	VALUE(&res[1], "w");
	free_values(res, NQ(q));
}

/* A field holding a NUL does not equal the key that is its prefix. */
static void test_key_with_nul(void **state)
{
	const struct tst_query q[] = {{KEYS("a")}, {KEYS("b")}};
	struct tst_source src = source(top_only, 1, q, NQ(q));
	struct tst_value res[NQ(q)] = {0};
	struct tst_fields f = {0};
	struct tst_lookup lk;

	(void)state;
	tst_lookup_init(&lk, &src);
	tst_fields_begin(&f, 8);
	tst_fields_add(&f, "a\0b", 3);
	tst_fields_add(&f, "v", 1);
	tst_lookup_row(&lk, 0, &f, res, NULL, NULL);
	tst_fields_begin(&f, 8);
	tst_fields_add(&f, "b", 1);
	tst_fields_add(&f, "x\0y", 3);
	tst_lookup_row(&lk, 0, &f, res, NULL, NULL);
	tst_fields_free(&f);
	tst_lookup_free(&lk);
	expect_undefined(&res[0]);
	assert_int_equal(res[1].n, 1);
	assert_int_equal(res[1].items[0].n, 3);
	assert_memory_equal(res[1].items[0].s, "x\0y", 3);
	free_values(res, NQ(q));
}

/* Different key counts in one section all read the same row. */
static void test_different_key_counts(void **state)
{
	const struct tst_query q[] = {{0}, {KEYS("a")}, {KEYS("a", "b")}, {KEYS("a", "b", "c")}};
	struct tst_source src = source(top_only, 1, q, NQ(q));
	struct tst_value res[NQ(q)] = {0};
	struct tst_lookup lk;

	(void)state;
	tst_lookup_init(&lk, &src);
	ROW(&lk, 0, res, "a", "b", "c");
	tst_lookup_free(&lk);
	VALUE(&res[0], "a", "b", "c");
	VALUE(&res[1], "b", "c");
	VALUE(&res[2], "c");
	expect_defined_empty(&res[3]);
	free_values(res, NQ(q));
}

/* Column maps */

static void eight_fields(const struct tst_lookup *lk, struct tst_value *res)
{
	ROW(lk, 0, res, "f0", "f1", "f2", "f3", "f4", "f5", "f6", "f7");
}

/* `columns 3 6`: column 0 is field 3, column 1 is field 6. */
static void test_columns_map(void **state)
{
	const struct tst_query q[] = {
		{KEYS("f3"), MAP(3, 6)},
		{MAP(3, 6)},
		{KEYS("f3", "f6"), MAP(3, 6)},
		{KEYS("f0"), MAP(3, 6)},
	};
	struct tst_source src = source(top_only, 1, q, NQ(q));
	struct tst_value res[NQ(q)] = {0};
	struct tst_lookup lk;

	(void)state;
	tst_lookup_init(&lk, &src);
	eight_fields(&lk, res);
	tst_lookup_free(&lk);
	VALUE(&res[0], "f6");
	VALUE(&res[1], "f3", "f6");
	expect_defined_empty(&res[2]);
	expect_undefined(&res[3]);
	free_values(res, NQ(q));
}

/* A mapped field beyond the row's end is a missing item of the value. */
static void test_columns_short_row(void **state)
{
	const struct tst_query q[] = {{KEYS("f3"), MAP(3, 6)}, {MAP(3, 6)}, {MAP(9, 0, 8)}};
	struct tst_source src = source(top_only, 1, q, NQ(q));
	struct tst_value res[NQ(q)] = {0};
	struct tst_lookup lk;

	(void)state;
	tst_lookup_init(&lk, &src);
	ROW(&lk, 0, res, "f0", "f1", "f2", "f3");
	tst_lookup_free(&lk);
	VALUE(&res[0], NULL);
	VALUE(&res[1], "f3", NULL);
	VALUE(&res[2], NULL, "f0", NULL);
	free_values(res, NQ(q));
}

/* A key column beyond the map is missing and never matches. */
static void test_columns_key_beyond_map(void **state)
{
	const struct tst_query q[] = {
		{KEYS("f3", ""), MAP(3)},
		{KEYS("f3", "f4"), MAP(3)},
		{KEYS("f3", "f1"), MAP(3)},
		{KEYS("f3"), MAP(3)},
	};
	struct tst_source src = source(top_only, 1, q, NQ(q));
	struct tst_value res[NQ(q)] = {0};
	struct tst_lookup lk;

	(void)state;
	tst_lookup_init(&lk, &src);
	eight_fields(&lk, res);
	tst_lookup_free(&lk);
	expect_undefined(&res[0]);
	expect_undefined(&res[1]);
	expect_undefined(&res[2]);
	expect_defined_empty(&res[3]);
	free_values(res, NQ(q));
}

/* A key column mapped beyond the row's end is missing and never matches. */
static void test_columns_key_beyond_row(void **state)
{
	const struct tst_query q[] = {{KEYS(""), MAP(5, 0)}, {KEYS("a", ""), MAP(0, 5)}};
	struct tst_source src = source(top_only, 1, q, NQ(q));
	struct tst_value res[NQ(q)] = {0};
	struct tst_lookup lk;

	(void)state;
	tst_lookup_init(&lk, &src);
	ROW(&lk, 0, res, "a");
	ROW(&lk, 0, res, "a", "");
	tst_lookup_free(&lk);
	expect_undefined(&res[0]);
	expect_undefined(&res[1]);
	free_values(res, NQ(q));
}

/* The map may reorder and repeat fields. */
static void test_columns_reorder_repeat(void **state)
{
	const struct tst_query q[] = {{KEYS("k"), MAP(1, 0, 0, 2)}, {KEYS("v", "k"), MAP(0, 1)}};
	struct tst_source src = source(top_only, 1, q, NQ(q));
	struct tst_value res[NQ(q)] = {0};
	struct tst_lookup lk;

	(void)state;
	tst_lookup_init(&lk, &src);
	ROW(&lk, 0, res, "v", "k", "w");
	tst_lookup_free(&lk);
	VALUE(&res[0], "v", "v", "w");
	expect_defined_empty(&res[1]);
	free_values(res, NQ(q));
}

/* Fields beyond the map are not part of the value. */
static void test_columns_drop_unmapped(void **state)
{
	const struct tst_query q[] = {{KEYS("a"), MAP(0, 1)}, {KEYS("a"), MAP(0)}};
	struct tst_source src = source(top_only, 1, q, NQ(q));
	struct tst_value res[NQ(q)] = {0};
	struct tst_lookup lk;

	(void)state;
	tst_lookup_init(&lk, &src);
	ROW(&lk, 0, res, "a", "b", "c", "d");
	tst_lookup_free(&lk);
	VALUE(&res[0], "b");
	expect_defined_empty(&res[1]);
	free_values(res, NQ(q));
}

/* Duplicates policies */

static void three_k_rows(const struct tst_lookup *lk, struct tst_value *res)
{
	ROW(lk, 0, res, "k", "1");
	ROW(lk, 0, res, "x", "9");
	ROW(lk, 0, res, "k", "2", "3");
	ROW(lk, 0, res, "k", "4");
}

static void test_policy_append(void **state)
{
	const struct tst_query q[] = {{KEYS("k"), .policy = TST_POLICY_APPEND}};
	struct tst_source src = source(top_only, 1, q, NQ(q));
	struct tst_value res[NQ(q)] = {0};
	struct tst_lookup lk;

	(void)state;
	tst_lookup_init(&lk, &src);
	three_k_rows(&lk, res);
	tst_lookup_free(&lk);
	VALUE(&res[0], "1", "2", "3", "4");
	free_values(res, NQ(q));
}

static void test_policy_replace(void **state)
{
	const struct tst_query q[] = {{KEYS("k"), .policy = TST_POLICY_REPLACE}};
	struct tst_source src = source(top_only, 1, q, NQ(q));
	struct tst_value res[NQ(q)] = {0};
	struct tst_lookup lk;

	(void)state;
	tst_lookup_init(&lk, &src);
	three_k_rows(&lk, res);
	tst_lookup_free(&lk);
	VALUE(&res[0], "4");
	free_values(res, NQ(q));
}

static void test_policy_ignore(void **state)
{
	const struct tst_query q[] = {{KEYS("k"), .policy = TST_POLICY_IGNORE}};
	struct tst_source src = source(top_only, 1, q, NQ(q));
	struct tst_value res[NQ(q)] = {0};
	struct tst_lookup lk;

	(void)state;
	tst_lookup_init(&lk, &src);
	three_k_rows(&lk, res);
	tst_lookup_free(&lk);
	VALUE(&res[0], "1");
	free_values(res, NQ(q));
}

/* An empty match counts like any other: append adds nothing, replace empties, ignore keeps. */
static void test_policies_with_empty_rows(void **state)
{
	const struct tst_query q[] = {
		{KEYS("k"), .policy = TST_POLICY_APPEND},
		{KEYS("k"), .policy = TST_POLICY_REPLACE},
		{KEYS("k"), .policy = TST_POLICY_IGNORE},
		{KEYS("e"), .policy = TST_POLICY_IGNORE},
	};
	struct tst_source src = source(top_only, 1, q, NQ(q));
	struct tst_value res[NQ(q)] = {0};
	struct tst_lookup lk;

	(void)state;
	tst_lookup_init(&lk, &src);
	ROW(&lk, 0, res, "e");
	ROW(&lk, 0, res, "k", "1");
	ROW(&lk, 0, res, "e", "late");
	ROW(&lk, 0, res, "k");
	tst_lookup_free(&lk);
	VALUE(&res[0], "1");
	expect_defined_empty(&res[1]);
	VALUE(&res[2], "1");
	expect_defined_empty(&res[3]);
	free_values(res, NQ(q));
}

/* Queries with the same keys share a slot but keep their own policies. */
static void test_same_keys_different_policies(void **state)
{
	const struct tst_query q[] = {
		{KEYS("k"), .policy = TST_POLICY_REPLACE},
		{KEYS("k"), .policy = TST_POLICY_APPEND},
		{KEYS("k"), .policy = TST_POLICY_IGNORE},
		{KEYS("k"), .policy = TST_POLICY_APPEND},
	};
	struct tst_source src = source(top_only, 1, q, NQ(q));
	struct tst_value res[NQ(q)] = {0};
	struct tst_lookup lk;

	(void)state;
	tst_lookup_init(&lk, &src);
	three_k_rows(&lk, res);
	tst_lookup_free(&lk);
	VALUE(&res[0], "4");
	VALUE(&res[1], "1", "2", "3", "4");
	VALUE(&res[2], "1");
	VALUE(&res[3], "1", "2", "3", "4");
	free_values(res, NQ(q));
}

/* Same keys under different maps are different questions. */
static void test_same_keys_different_maps(void **state)
{
	const struct tst_query q[] = {{KEYS("k")}, {KEYS("k"), MAP(0, 2)}, {KEYS("k"), MAP(0, 2)}};
	struct tst_source src = source(top_only, 1, q, NQ(q));
	struct tst_value res[NQ(q)] = {0};
	struct tst_lookup lk;

	(void)state;
	tst_lookup_init(&lk, &src);
	ROW(&lk, 0, res, "k", "a", "b");
	tst_lookup_free(&lk);
	VALUE(&res[0], "a", "b");
	VALUE(&res[1], "b");
	VALUE(&res[2], "b");
	free_values(res, NQ(q));
}

/* Sections */

/* A row answers only the queries of its own section. */
static void test_sections(void **state)
{
	static const char *const sections[] = {"", "one", "two", "unasked"};
	const struct tst_query q[] = {
		{.section = 0, KEYS("k")},
		{.section = 1, KEYS("k")},
		{.section = 2, KEYS("k")},
		{.section = 1},
	};
	struct tst_source src = source(sections, 4, q, NQ(q));
	struct tst_value res[NQ(q)] = {0};
	struct tst_lookup lk;

	(void)state;
	tst_lookup_init(&lk, &src);
	assert_true(tst_lookup_wants(&lk, 0));
	assert_true(tst_lookup_wants(&lk, 1));
	assert_true(tst_lookup_wants(&lk, 2));
	assert_false(tst_lookup_wants(&lk, 3));
	ROW(&lk, 1, res, "k", "one");
	ROW(&lk, 0, res, "k", "top");
	ROW(&lk, 3, res, "k", "unasked");
	ROW(&lk, 1, res, "k", "one2");
	tst_lookup_free(&lk);
	VALUE(&res[0], "top");
	VALUE(&res[1], "one", "one2");
	expect_undefined(&res[2]);
	VALUE(&res[3], "k", "one", "k", "one2");
	free_values(res, NQ(q));
}

/* A source with no queries wants no rows. */
static void test_no_queries(void **state)
{
	struct tst_source src = source(top_only, 1, NULL, 0);
	struct tst_lookup lk;

	(void)state;
	tst_lookup_init(&lk, &src);
	assert_false(tst_lookup_wants(&lk, 0));
	ROW(&lk, 0, NULL, "k", "v");
	tst_lookup_free(&lk);
}

/* 10,000 distinct queries over 10,000 rows, each matched once. */
enum { MANY = 10000 };

static void test_ten_thousand(void **state)
{
	struct tst_query *q = calloc(MANY + 1, sizeof(*q));
	char (*keys)[32] = calloc(MANY + 1, sizeof(*keys));
	const char **kp = calloc(MANY + 1, sizeof(*kp));
	struct tst_value *res = calloc(MANY + 1, sizeof(*res));
	struct tst_source src;
	struct tst_lookup lk;

	(void)state;
	assert_true(q && keys && kp && res);
	for (size_t i = 0; i <= MANY; i++) {
		snprintf(keys[i], sizeof(keys[i]), "key%zu", i);
		kp[i] = keys[i];
		q[i] = (struct tst_query){.keys = &kp[i], .nkeys = 1, .policy = (enum tst_policy)(i % 3)};
	}
	src = source(top_only, 1, q, MANY + 1);
	tst_lookup_init(&lk, &src);
	for (size_t i = MANY; i-- > 0;) {
		char val[32];
		snprintf(val, sizeof(val), "val%zu", i);
		ROW(&lk, 0, res, keys[i], val);
		ROW(&lk, 0, res, "nokey", val);
	}
	tst_lookup_free(&lk);
	for (size_t i = 0; i < MANY; i++) {
		char val[32];
		snprintf(val, sizeof(val), "val%zu", i);
		VALUE(&res[i], val);
	}
	expect_undefined(&res[MANY]);
	free_values(res, MANY + 1);
	free(res);
	free(kp);
	free(keys);
	free(q);
}

/* Keys of 8 + 7 bytes, so that both the word loop and the tail fold. */
static void test_hash_folds_case(void **state)
{
	const char *const lower[] = {"permitrootlogin"}, *const mixed[] = {"PermitRootLogin"};
	/*
	 * Each pair differs by 0x20 in bytes that must not fold: '@' '[' and '`' '{' sit just
	 * outside A-Z and a-z, and 0xc3 (the lead byte of É) has the low seven bits of 'C'.
	 */
	const char *const apart[][2] = {
		{"@@@@[[[[x", "````{{{{x"}, {"\xc3\x89" "abcdefg", "\xe3\x89" "abcdefg"}, {"@[\xc3", "`{\xe3"},
	};

	(void)state;
	assert_true(tst_lookup_hash(lower, 1, true) == tst_lookup_hash(mixed, 1, true));
	assert_false(tst_lookup_hash(lower, 1, false) == tst_lookup_hash(mixed, 1, false));
	assert_true(tst_lookup_hash(lower, 1, true) == tst_lookup_hash(lower, 1, false));
	for (size_t i = 0; i < sizeof(apart) / sizeof(apart[0]); i++)
		assert_false(tst_lookup_hash(&apart[i][0], 1, true) == tst_lookup_hash(&apart[i][1], 1, true));
}

/* Queries and rows whose keys differ only in case: together with keys_ignore_case, apart without. */
static void test_keys_ignore_case(void **state)
{
	const struct tst_query q[] = {
		{KEYS("PermitRootLogin")}, {KEYS("permitrootlogin")}, {KEYS("Match", "User")},
		{KEYS("@[")}, {KEYS("\xc3\x89")},
	};
	struct tst_source src = source(top_only, 1, q, NQ(q));
	struct tst_value res[NQ(q)] = {0};
	struct tst_lookup lk;

	(void)state;
	src.parse.keys_ignore_case = true;
	tst_lookup_init(&lk, &src);
	ROW(&lk, 0, res, "PERMITROOTLOGIN", "yes");
	ROW(&lk, 0, res, "permitRootLogin", "no");
	ROW(&lk, 0, res, "match", "USER", "anoncvs");
	ROW(&lk, 0, res, "`{", "x");
	ROW(&lk, 0, res, "\xc3\xa9", "x");
	tst_lookup_free(&lk);
	VALUE(&res[0], "yes", "no");
	VALUE(&res[1], "yes", "no");
	VALUE(&res[2], "anoncvs");
	expect_undefined(&res[3]);
	expect_undefined(&res[4]);
	free_values(res, NQ(q));

	src.parse.keys_ignore_case = false;
	tst_lookup_init(&lk, &src);
	ROW(&lk, 0, res, "PERMITROOTLOGIN", "yes");
	ROW(&lk, 0, res, "permitrootlogin", "no");
	ROW(&lk, 0, res, "PermitRootLogin", "maybe");
	tst_lookup_free(&lk);
	VALUE(&res[0], "maybe");
	VALUE(&res[1], "no");
	free_values(res, NQ(q));
}

/* split_values as a lookup applies it: per query, after the keys, with a column map too. */
static void test_split_values(void **state)
{
	const struct tst_query q[] = {
		{KEYS("/tmp"), .split = ","},
		{KEYS("/tmp")},
		{KEYS("/tmp"), MAP(1, 3, 7), .split = ","},
		{KEYS("/home"), .split = ","},
		{KEYS("/var"), .split = ","},
	};
	struct tst_source src = source(top_only, 1, q, NQ(q));
	struct tst_value res[NQ(q)] = {0};
	struct tst_lookup lk;

	(void)state;
	tst_lookup_init(&lk, &src);
	ROW(&lk, 0, res, "/tmp", "rw,,nodev,", "0");
	ROW(&lk, 0, res, "tmpfs", "/tmp", "tmpfs", "rw,nosuid", "0", "0");
	ROW(&lk, 0, res, "/var", ",,");
	tst_lookup_free(&lk);
	VALUE(&res[0], "rw", "nodev", "0");
	VALUE(&res[1], "rw,,nodev,", "0");
	/* Column 7 is beyond the row: still one missing item, not cut. */
	VALUE(&res[2], "rw", "nosuid", NULL);
	expect_undefined(&res[3]);
	expect_defined_empty(&res[4]);
	free_values(res, NQ(q));
}

/*
 * The slots a failed lookup reads when the keys are a printf format's
 * numbers first..last: numbered keys that differ only in their last bytes
 * must spread over the table (they once all shared one slot: a failed
 * lookup read 20.7 slots on average for qkey000..qkey099).
 */
static double numbered_miss_cost(const char *fmt, size_t first, size_t last, size_t nkeys)
{
	size_t n = last - first + 1;
	double cost;
	struct tst_query *q = calloc(n, sizeof(*q));
	char (*keys)[32] = calloc(n * nkeys, sizeof(*keys));
	const char **kp = calloc(n * nkeys, sizeof(*kp));
	struct tst_source src;
	struct tst_lookup lk;

	assert_true(q && keys && kp);
	for (size_t i = 0; i < n; i++) {
		for (size_t k = 0; k < nkeys; k++) {
			/* With two keys, the first is the same in every query and the second numbered. */
			if (k + 1 < nkeys)
				snprintf(keys[i * nkeys + k], sizeof(keys[0]), "section");
			else
				snprintf(keys[i * nkeys + k], sizeof(keys[0]), fmt, first + i);
			kp[i * nkeys + k] = keys[i * nkeys + k];
		}
		q[i] = (struct tst_query){.keys = &kp[i * nkeys], .nkeys = nkeys};
	}
	src = source(top_only, 1, q, n);
	tst_lookup_init(&lk, &src);
	cost = tst_lookup_miss_cost(&lk);
	tst_lookup_free(&lk);
	free(kp);
	free(keys);
	free(q);
	return cost;
}

static void test_numbered_keys_spread(void **state)
{
	/*
	 * Random hashes at these loads (0.39 to 0.49) read 1.8 to 2.5 slots
	 * (linear probing: (1 + 1 / (1 - load)^2) / 2).
	 */
	const double bound = 3.0;
	static const struct {
		const char *fmt;
		size_t first, last, nkeys;
	} sets[] = {
		{"qkey%03zu", 0, 99, 1}, {"item%02zu", 1, 99, 1}, {"key%07zu", 0, 999, 1},
		{"%zu", 0, 999, 1}, {"a.long.prefix.of.sixteen.%zu", 0, 99, 1}, {"port%zu", 1000, 1099, 1},
		{"qkey%03zu", 0, 99, 2}, {"item%02zu", 1, 99, 2},
	};

	(void)state;
	for (size_t i = 0; i < sizeof(sets) / sizeof(sets[0]); i++) {
		double cost = numbered_miss_cost(sets[i].fmt, sets[i].first, sets[i].last, sets[i].nkeys);
		if (cost > bound)
			print_error("%s (%zu keys), %zu..%zu: a failed lookup reads %.1f slots\n", sets[i].fmt,
				    sets[i].nkeys, sets[i].first, sets[i].last, cost);
		assert_true(cost <= bound);
	}
}

/* End to end: tst_pass_run */

struct rec {
	char *error[8];
	size_t nerror;
	char *warn[8];
	size_t nwarn;
};

static void on_error(void *ctx, const char *msg)
{
	struct rec *r = ctx;

	assert_true(r->nerror < 8);
	r->error[r->nerror++] = strdup(msg);
}

static void on_warn(void *ctx, const char *msg, size_t n)
{
	struct rec *r = ctx;

	assert_true(r->nwarn < 8);
	r->warn[r->nwarn++] = strndup(msg, n);
}

static void rec_free(struct rec *r)
{
	for (size_t i = 0; i < r->nerror; i++)
		free(r->error[i]);
	for (size_t i = 0; i < r->nwarn; i++)
		free(r->warn[i]);
	*r = (struct rec){0};
}

/* A temporary file holding s[0..n); returns its malloc'd path. */
static char *temp_file_n(const char *s, size_t n)
{
	const char *dir = getenv("TMPDIR");
	char *path = malloc(4096);
	int fd;

	assert_non_null(path);
	snprintf(path, 4096, "%s/test_lookup.XXXXXX", dir && *dir ? dir : "/tmp");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, s, n), (ssize_t)n);
	close(fd);
	return path;
}

static char *temp_file(const char *s)
{
	return temp_file_n(s, strlen(s));
}

static void remove_temp(char *path)
{
	unlink(path);
	free(path);
}

static struct tst_parse tokenized(void)
{
	return (struct tst_parse){
		.mode = TST_MODE_TOKENIZED, .delimiters = WS, .ndelimiters = 5, .quote = "\"",
		.ignore_empty = true, .read_lines = TST_UNLIMITED,
	};
}

/* Header `[name]`, footer `[end]`: the footer also matches the header. */
static struct tst_parse ini_sections(struct tst_parse p)
{
	p.header = "^[[:space:]]*\\[(.*)\\][[:space:]]*$";
	p.header_group = 1;
	p.footer = "^[[:space:]]*\\[end\\][[:space:]]*$";
	return p;
}

static void pass_path(const char *path, const struct tst_parse *p, const char *const *sections, size_t ns,
		      const struct tst_query *q, size_t nq, struct tst_source *src, struct tst_answers *a,
		      struct rec *r)
{
	const struct tst_pass_io io = {.timeout_ms = 10000, .error = on_error, .warn = on_warn, .ctx = r};

	*src = (struct tst_source){
		.line = 1, .path = path, .display = path, .parse = *p,
		.sections = sections, .nsections = ns, .queries = q, .nqueries = nq, .regex_ops = &tst_regex_ops,
	};
	if (p->blocks)
		src->blocks_ops = &tst_blocks_ops;
	tst_pass_run(src, &io, a);
}

/* Writes text to a temporary file, reads it as a source, removes the file. */
static void pass_text(const char *text, const struct tst_parse *p, const char *const *sections, size_t ns,
		      const struct tst_query *q, size_t nq, struct tst_source *src, struct tst_answers *a,
		      struct rec *r)
{
	char *path = temp_file(text);

	pass_path(path, p, sections, ns, q, nq, src, a, r);
	src->path = src->display = NULL;
	remove_temp(path);
}

static void test_pass_tokenized(void **state)
{
	const struct tst_query q[] = {{KEYS("Port")}, {KEYS("Listen")}, {KEYS("Nope")}, {0}};
	struct tst_parse p = tokenized();
	struct tst_source src;
	struct tst_answers a;
	struct rec r = {0};

	(void)state;
	p.hash_comments = true;
	pass_text("Port 22\n  Listen \"0.0.0.0 x\"\n# Port 1\n\n \t\nPort 2222", &p, top_only, 1,
		  q, NQ(q), &src, &a, &r);
	assert_int_equal(r.nerror, 0);
	VALUE(&a.results[0], "22", "2222");
	VALUE(&a.results[1], "0.0.0.0 x");
	expect_undefined(&a.results[2]);
	VALUE(&a.results[3], "Port", "22", "Listen", "0.0.0.0 x", "Port", "2222");
	assert_int_equal(a.rows[0], 3);
	assert_true(a.seen[0]);
	tst_answers_free(&a);
	rec_free(&r);
}

/* etc_passwd style: `:` delimiter, empty tokens kept. */
static void test_pass_passwd(void **state)
{
	const struct tst_query q[] = {{KEYS("root")}, {KEYS("bin")}};
	struct tst_parse p = tokenized();
	struct tst_source src;
	struct tst_answers a;
	struct rec r = {0};

	(void)state;
	p.delimiters = ":";
	p.ndelimiters = 1;
	p.ignore_empty = false;
	p.hash_comments = true;
	pass_text("root:x:0:0::/root:/bin/bash\nbin:*:::::\n", &p, top_only, 1, q, NQ(q), &src, &a, &r);
	VALUE(&a.results[0], "x", "0", "0", "", "/root", "/bin/bash");
	VALUE(&a.results[1], "*", "", "", "", "", "");
	tst_answers_free(&a);
	rec_free(&r);
}

/* skip_header_lines first, then read_lines; blank and comment lines count for both. */
static void test_pass_skip_then_read(void **state)
{
	static const char text[] = "# c1\n\nk 1\nk 2\n\n# c2\nk 3\nk 4\nk 5\n";
	const struct tst_query q[] = {{KEYS("k")}};
	struct tst_parse p = tokenized();
	struct tst_source src;
	struct tst_answers a;
	struct rec r = {0};

	(void)state;
	p.hash_comments = true;
	p.skip_header_lines = 2;
	p.read_lines = 5;
	pass_text(text, &p, top_only, 1, q, NQ(q), &src, &a, &r);
	VALUE(&a.results[0], "1", "2", "3");
	assert_int_equal(a.rows[0], 3);
	tst_answers_free(&a);

	p.skip_header_lines = 3;
	p.read_lines = TST_UNLIMITED;
	pass_text(text, &p, top_only, 1, q, NQ(q), &src, &a, &r);
	VALUE(&a.results[0], "2", "3", "4", "5");
	tst_answers_free(&a);
	assert_int_equal(r.nerror, 0);
	rec_free(&r);
}

static void test_pass_read_lines_zero_and_skip_all(void **state)
{
	const struct tst_query q[] = {{KEYS("k")}};
	struct tst_parse p = tokenized();
	struct tst_source src;
	struct tst_answers a;
	struct rec r = {0};

	(void)state;
	p.read_lines = 0;
	pass_text("k 1\nk 2\n", &p, top_only, 1, q, NQ(q), &src, &a, &r);
	expect_undefined(&a.results[0]);
	assert_int_equal(a.rows[0], 0);
	tst_answers_free(&a);
	p.read_lines = TST_UNLIMITED;
	p.skip_header_lines = 5;
	pass_text("k 1\nk 2\n", &p, top_only, 1, q, NQ(q), &src, &a, &r);
	expect_undefined(&a.results[0]);
	assert_int_equal(a.rows[0], 0);
	tst_answers_free(&a);
	assert_int_equal(r.nerror, 0);
	rec_free(&r);
}

/* The comment lines of the test below, with leading whitespace. */
static const char comment_text[] = "# hash\n  // slash\n\t; semi\nk v\n";

static void comment_case(unsigned styles, bool hash, bool slash, bool semi)
{
	const struct tst_query q[] = {{KEYS("#")}, {KEYS("//")}, {KEYS(";")}, {KEYS("k")}};
	struct tst_parse p = tokenized();
	struct tst_source src;
	struct tst_answers a;
	struct rec r = {0};

	p.hash_comments = styles & TST_COMMENT_HASH;
	p.slash_comments = styles & TST_COMMENT_SLASH;
	p.semicolon_comments = styles & TST_COMMENT_SEMICOLON;
	pass_text(comment_text, &p, top_only, 1, q, NQ(q), &src, &a, &r);
	if (hash)
		expect_undefined(&a.results[0]);
	else
		VALUE(&a.results[0], "hash");
	if (slash)
		expect_undefined(&a.results[1]);
	else
		VALUE(&a.results[1], "slash");
	if (semi)
		expect_undefined(&a.results[2]);
	else
		VALUE(&a.results[2], "semi");
	VALUE(&a.results[3], "v");
	assert_int_equal(a.rows[0], 1 + !hash + !slash + !semi);
	tst_answers_free(&a);
	rec_free(&r);
}

static void test_pass_comment_styles(void **state)
{
	(void)state;
	comment_case(0, false, false, false);
	comment_case(TST_COMMENT_HASH, true, false, false);
	comment_case(TST_COMMENT_SLASH, false, true, false);
	comment_case(TST_COMMENT_SEMICOLON, false, false, true);
	comment_case(TST_COMMENT_HASH | TST_COMMENT_SEMICOLON, true, false, true);
	comment_case(TST_COMMENT_HASH | TST_COMMENT_SLASH | TST_COMMENT_SEMICOLON, true, true, true);
}

/* Command output keeps CRs in lines: `# c\r` is then no comment (Java's `.`). */
static void test_pass_comment_with_cr(void **state)
{
	static const char *const argv[] = {"printf", "# c\\r\\n# d\\nk v\\r\\n", NULL};
	const struct tst_query q[] = {{KEYS("#")}, {KEYS("k")}};
	struct rec r = {0};
	const struct tst_pass_io io = {.timeout_ms = 10000, .error = on_error, .warn = on_warn, .ctx = &r};
	struct tst_source src = {
		.line = 1, .argv = argv, .display = "printf", .parse = tokenized(), .command_ops = &tst_command_ops,
		.sections = top_only, .nsections = 1, .queries = q, .nqueries = NQ(q),
	};
	struct tst_answers a;

	(void)state;
	src.parse.hash_comments = true;
	tst_pass_run(&src, &io, &a);
	assert_int_equal(r.nerror, 0);
	assert_int_equal(r.nwarn, 0);
	VALUE(&a.results[0], "c");
	VALUE(&a.results[1], "v");
	assert_int_equal(a.rows[0], 2);
	tst_answers_free(&a);
	rec_free(&r);
}

/* Files end lines at \n, \r\n and \r. */
static void test_pass_line_endings(void **state)
{
	const struct tst_query q[] = {{KEYS("k")}};
	struct tst_parse p = tokenized();
	struct tst_source src;
	struct tst_answers a;
	struct rec r = {0};

	(void)state;
	p.hash_comments = true;
	pass_text("k 1\r\nk 2\rk 3\n# x\rk 4\r", &p, top_only, 1, q, NQ(q), &src, &a, &r);
	VALUE(&a.results[0], "1", "2", "3", "4");
	assert_int_equal(a.rows[0], 4);
	tst_answers_free(&a);
	rec_free(&r);
}

/*
 * A \r\n that ends exactly where one read ends, followed by an empty line:
 * that empty line still counts for read_lines (tstconfig(5): FILE SYNTAX, Lines).  The first
 * line is 65534 bytes, so its \r\n ends at byte 65536.
 */
static void test_pass_crlf_at_read_boundary(void **state)
{
	const size_t len = 65534;
	const struct tst_query q[] = {{KEYS("k")}};
	struct tst_parse p = tokenized();
	struct tst_source src;
	struct tst_answers a;
	struct rec r = {0};
	char *text = malloc(len + 16);
	char *path;
	size_t rows;
	bool defined;

	(void)state;
	assert_non_null(text);
	memset(text, 'x', len);
	memcpy(text + len, "\r\n\nk 1\n", 7);
	path = temp_file_n(text, len + 7);
	p.read_lines = 2;
	pass_path(path, &p, top_only, 1, q, NQ(q), &src, &a, &r);
	remove_temp(path);
	free(text);
	rows = a.rows[0];
	defined = a.results[0].defined;
	tst_answers_free(&a);
	rec_free(&r);
	assert_int_equal(rows, 1);
	assert_false(defined);
}

static const char section_text[] =
	"k top\n"
	"[one]\n"
	"k one\n"
	"  [ two ]  \n"
	"k nothing\n"
	"[two]\n"
	"\tk two\n"
	"x 1\n"
	"[end]\n"
	"k top2\n"
	"[other]\n"
	"k other\n"
	"[one]\n"
	"k one2\n";

/* Headers open sections, the footer (tested first) returns to the top level. */
static void test_pass_sections(void **state)
{
	static const char *const sections[] = {"", "one", "two", "three", " two "};
	const struct tst_query q[] = {
		{.section = 0, KEYS("k")},
		{.section = 1, KEYS("k")},
		{.section = 2, KEYS("k")},
		{.section = 3, KEYS("k")},
	};
	struct tst_parse p = ini_sections(tokenized());
	struct tst_source src;
	struct tst_answers a;
	struct rec r = {0};

	(void)state;
	pass_text(section_text, &p, sections, 5, q, NQ(q), &src, &a, &r);
	assert_int_equal(r.nerror, 0);
	VALUE(&a.results[0], "top", "top2");
	VALUE(&a.results[1], "one", "one2");
	VALUE(&a.results[2], "two");
	expect_undefined(&a.results[3]);
	assert_int_equal(a.rows[0], 2);
	assert_int_equal(a.rows[1], 2);
	assert_int_equal(a.rows[2], 2);
	assert_int_equal(a.rows[3], 0);
	assert_int_equal(a.rows[4], 1);
	assert_true(a.seen[0]);
	assert_true(a.seen[1]);
	assert_true(a.seen[2]);
	assert_false(a.seen[3]);
	assert_true(a.seen[4]);
	tst_answers_free(&a);
	rec_free(&r);
}

/* keys_ignore_case: a header names a queried section whatever its case; without it, only exactly. */
static void test_pass_sections_ignore_case(void **state)
{
	static const char *const sections[] = {"", "main"};
	const struct tst_query q[] = {{.section = 1, KEYS("k")}};
	struct tst_parse p = ini_sections(tokenized());
	struct tst_source src;
	struct tst_answers a;
	struct rec r = {0};

	(void)state;
	p.keys_ignore_case = true;
	pass_text("[MAIN]\nK 1\n[Main]\nk 2\n[mainx]\nk 3\n", &p, sections, 2, q, NQ(q), &src, &a, &r);
	VALUE(&a.results[0], "1", "2");
	assert_true(a.seen[1]);
	assert_int_equal(a.rows[1], 2);
	tst_answers_free(&a);
	p.keys_ignore_case = false;
	pass_text("[MAIN]\nk 1\n[main]\nK 2\n", &p, sections, 2, q, NQ(q), &src, &a, &r);
	expect_undefined(&a.results[0]);
	assert_int_equal(a.rows[1], 1);
	tst_answers_free(&a);
	assert_int_equal(r.nerror, 0);
	rec_free(&r);
}

/* Rows are counted in sections that no query asks about. */
static void test_pass_row_counts_without_queries(void **state)
{
	static const char *const sections[] = {"", "one", "two"};
	struct tst_parse p = ini_sections(tokenized());
	struct tst_source src;
	struct tst_answers a;
	struct rec r = {0};

	(void)state;
	pass_text(section_text, &p, sections, 3, NULL, 0, &src, &a, &r);
	assert_int_equal(a.rows[0], 2);
	assert_int_equal(a.rows[1], 2);
	assert_int_equal(a.rows[2], 2);
	tst_answers_free(&a);
	rec_free(&r);
}

/* The name is the given capture group; a line the header matches only in part is a row. */
static void test_pass_header_group(void **state)
{
	static const char *const sections[] = {"", "a"};
	const struct tst_query q[] = {{.section = 0}, {.section = 1, KEYS("k")}};
	struct tst_parse p = tokenized();
	struct tst_source src;
	struct tst_answers a;
	struct rec r = {0};

	(void)state;
	p.header = "^(<|\\[)([a-z]+)(>|\\])$";
	p.header_group = 2;
	pass_text("<a>\nk 1\nx <b>\n[a]\nk 2\n", &p, sections, 2, q, NQ(q), &src, &a, &r);
	expect_undefined(&a.results[0]);
	VALUE(&a.results[1], "1", "2");
	assert_int_equal(a.rows[1], 3);
	tst_answers_free(&a);
	rec_free(&r);
}

/* Keyvalue rows: lines without the separator are dropped unless it is optional. */
static void keyvalue_case(bool optional, bool ask)
{
	static const char *const sections[] = {"", "s"};
	const struct tst_query q[] = {
		{.section = 0, KEYS("a")},
		{.section = 0, KEYS("bare words")},
		{.section = 0, KEYS("q")},
		{.section = 0, KEYS("e")},
	};
	struct tst_parse p = tokenized();
	struct tst_source src;
	struct tst_answers a;
	struct rec r = {0};

	p.mode = TST_MODE_KEYVALUE;
	p.key_separator = "=";
	p.key_separator_optional = optional;
	p.ignore_empty = false;
	p.hash_comments = true;
	p.semicolon_comments = true;
	p.header = "^[[:space:]]*\\[(.*)\\][[:space:]]*$";
	p.header_group = 1;
	pass_text("a = 1  2\n  bare words  \nq = \"x y\"\ne =\n; c\n[s]\nb=2\nnosep\n",
		  &p, sections, 2, q, ask ? NQ(q) : 0, &src, &a, &r);
	assert_int_equal(a.rows[0], optional ? 4 : 3);
	assert_int_equal(a.rows[1], optional ? 2 : 1);
	if (ask) {
		VALUE(&a.results[0], "1", "", "2");
		if (optional)
			expect_defined_empty(&a.results[1]);
		else
			expect_undefined(&a.results[1]);
		VALUE(&a.results[2], "x y");
		expect_defined_empty(&a.results[3]);
	}
	tst_answers_free(&a);
	rec_free(&r);
}

static void test_pass_keyvalue(void **state)
{
	(void)state;
	keyvalue_case(false, true);
	keyvalue_case(true, true);
	keyvalue_case(false, false);
	keyvalue_case(true, false);
}

/* Keyvalue values are cut like tokenized rows: delimiters, quotes, empty tokens. */
static void test_pass_keyvalue_delimiters(void **state)
{
	const struct tst_query q[] = {{KEYS("k")}};
	struct tst_parse p = tokenized();
	struct tst_source src;
	struct tst_answers a;
	struct rec r = {0};

	(void)state;
	p.mode = TST_MODE_KEYVALUE;
	p.key_separator = ":";
	p.delimiters = ",";
	p.ndelimiters = 1;
	p.ignore_empty = false;
	pass_text("k: a,,b c,\"d,e\"\n", &p, top_only, 1, q, NQ(q), &src, &a, &r);
	VALUE(&a.results[0], "a", "", "b c", "d,e");
	tst_answers_free(&a);
	rec_free(&r);
}

static void test_pass_fixed(void **state)
{
	static const size_t pos[] = {0, 6, 12};
	const struct tst_query q[] = {{KEYS("tcp")}, {KEYS("udp", "53")}};
	struct tst_parse p = tokenized();
	struct tst_source src;
	struct tst_answers a;
	struct rec r = {0};

	(void)state;
	p.mode = TST_MODE_FIXED;
	p.positions = pos;
	p.npositions = 3;
	pass_text("tcp   22    sshd\nudp   53\n", &p, top_only, 1, q, NQ(q), &src, &a, &r);
	VALUE(&a.results[0], "22", "sshd");
	VALUE(&a.results[1], "");
	assert_int_equal(a.rows[0], 2);
	tst_answers_free(&a);
	rec_free(&r);
}

/* Inline comments (an extension): cut from rows before they are cut into fields. */
static void test_pass_inline_comment_tokenized(void **state)
{
	static const char text[] =
		"# Network services, Internet style\n"
		"tcpmux\t\t1/tcp\t\t\t\t# TCP port service multiplexer\n"
		"http\t\t80/tcp\t\twww\t\t# WorldWideWeb HTTP\n"
		"   # only a comment\n"
		"odd a#b \"c # d\" # e\n"
		"kerberos\t88/udp\t\tkerberos5 krb5\t# Kerberos v5\n";
	const struct tst_query q[] = {{KEYS("tcpmux")}, {KEYS("http")}, {KEYS("odd")}, {KEYS("#")}, {KEYS("kerberos")}};
	struct tst_parse p = tokenized();
	struct tst_source src;
	struct tst_answers a;
	struct rec r = {0};

	(void)state;
	p.inline_comment = "#";
	p.ignore_empty = false;
	pass_text(text, &p, top_only, 1, q, NQ(q), &src, &a, &r);
	assert_int_equal(r.nerror, 0);
	VALUE(&a.results[0], "", "1/tcp");
	VALUE(&a.results[1], "", "80/tcp", "", "www");
	VALUE(&a.results[2], "a#b", "c # d");
	/* Lines that are only a comment are no rows, though no comment style is on. */
	expect_undefined(&a.results[3]);
	VALUE(&a.results[4], "88/udp", "", "kerberos5", "krb5");
	assert_int_equal(a.rows[0], 4);
	tst_answers_free(&a);

	/* anywhere: a#b is cut too. */
	p.inline_comment_anywhere = true;
	pass_text(text, &p, top_only, 1, q, NQ(q), &src, &a, &r);
	VALUE(&a.results[2], "a");
	tst_answers_free(&a);
	rec_free(&r);
}

/* keyvalue: the key has no quotes; the value has the tokenizer's. */
static void kv_comment_case(bool ask)
{
	static const char *const sections[] = {"", "s"};
	const struct tst_query q[] = {
		{KEYS("k")}, {KEYS("color")}, {KEYS("a#b")}, {KEYS("e")}, {KEYS("no")}, {.section = 1, KEYS("x \"y")},
	};
	struct tst_parse p = tokenized();
	struct tst_source src;
	struct tst_answers a;
	struct rec r = {0};

	p.mode = TST_MODE_KEYVALUE;
	p.key_separator = "=";
	p.inline_comment = "#";
	p.header = "^[[:space:]]*\\[(.*)\\][[:space:]]*$";
	p.header_group = 1;
	pass_text("k = \"a # b\" c # d\ncolor=#fff\na#b = 1 # a=2\ne = # empty\nno # = row\n[s]\nx \"y = z\" # w\n",
		  &p, sections, 2, q, ask ? NQ(q) : 0, &src, &a, &r);
	assert_int_equal(r.nerror, 0);
	assert_int_equal(a.rows[0], 4);
	assert_int_equal(a.rows[1], 1);
	if (ask) {
		VALUE(&a.results[0], "a # b", "c");
		/* `#` after no white space is no comment, in the value or in the key. */
		VALUE(&a.results[1], "#fff");
		VALUE(&a.results[2], "1");
		expect_defined_empty(&a.results[3]);
		/* Cut before the separator, the line is no row. */
		expect_undefined(&a.results[4]);
		/* A quote in the key is a character, and the value's token does not begin with one. */
		VALUE(&a.results[5], "z\"");
	}
	tst_answers_free(&a);
	rec_free(&r);
}

static void test_pass_inline_comment_keyvalue(void **state)
{
	(void)state;
	kv_comment_case(true);
	kv_comment_case(false);
}

/* fixed rows have no quotes; positions still count from the line's start. */
static void test_pass_inline_comment_fixed(void **state)
{
	static const size_t pos[] = {0, 6, 12};
	const struct tst_query q[] = {{KEYS("tcp")}, {KEYS("udp")}};
	struct tst_parse p = tokenized();
	struct tst_source src;
	struct tst_answers a;
	struct rec r = {0};

	(void)state;
	p.mode = TST_MODE_FIXED;
	p.positions = pos;
	p.npositions = 3;
	p.inline_comment = ";";
	pass_text("tcp   22    \"ss;d ; x\"\nudp   53 ; dns\n", &p, top_only, 1, q, NQ(q), &src, &a, &r);
	VALUE(&a.results[0], "22", "\"ss;d");
	VALUE(&a.results[1], "53", "");
	tst_answers_free(&a);
	rec_free(&r);
}

/* Header and footer patterns see the whole line, comment and all. */
static void test_pass_inline_comment_headers(void **state)
{
	static const char *const sections[] = {"", "one", "two"};
	const struct tst_query q[] = {{KEYS("[two]")}, {.section = 1, KEYS("k")}, {.section = 2, KEYS("k")}};
	struct tst_parse p = ini_sections(tokenized());
	struct tst_source src;
	struct tst_answers a;
	struct rec r = {0};

	(void)state;
	p.inline_comment = "#";
	pass_text("[one] \nk 1 # c\n[two] # not a header\nk 2\n", &p, sections, 3, q, NQ(q), &src, &a, &r);
	expect_undefined(&a.results[0]);
	VALUE(&a.results[1], "1", "2");
	expect_undefined(&a.results[2]);
	assert_false(a.seen[2]);
	assert_int_equal(a.rows[1], 3);
	tst_answers_free(&a);
	rec_free(&r);
}

/*
 * Indented continuation lines (postfix's main.cf, Python's configparser):
 * comment lines, and blank ones, neither continue a row nor end it; a
 * header ends it; an indented line with no row before it starts one; the
 * last row is whole at the end of the source.
 */
static void continuation_indented_case(bool hash)
{
	static const char text[] =
		"a = 1   \n"
		"  2 # two\n"
		"# comment\n"
		"\t3\n"
		"b = x\n"
		"\n"
		"   \n"
		"     # only a comment\n"
		"  y\n"
		"[s]\n"
		"  z\n"
		"c = \"v # w\"\n"
		"  \"w # x\" # y\n"
		"last = 1\n"
		"\t\tgoes on";
	static const char *const sections[] = {"", "s"};
	const struct tst_query q[] = {
		{KEYS("a")}, {KEYS("b")}, {.section = 1, KEYS("z")}, {.section = 1, KEYS("c")},
		{.section = 1, KEYS("last")}, {KEYS("2")},
	};
	struct tst_parse p = ini_sections(tokenized());
	struct tst_source src;
	struct tst_answers a;
	struct rec r = {0};

	p.mode = TST_MODE_KEYVALUE;
	p.key_separator = "=";
	p.key_separator_optional = true;
	/* Without a comment style, the lines that are only a comment are skipped all the same. */
	p.hash_comments = hash;
	p.inline_comment = "#";
	p.continuation = TST_CONTINUATION_INDENTED;
	pass_text(text, &p, sections, 2, q, NQ(q), &src, &a, &r);
	assert_int_equal(r.nerror, 0);
	VALUE(&a.results[0], "1", "2", "3");
	VALUE(&a.results[1], "x", "y");
	expect_defined_empty(&a.results[2]);
	VALUE(&a.results[3], "v # w", "w # x");
	VALUE(&a.results[4], "1", "goes", "on");
	expect_undefined(&a.results[5]);
	assert_int_equal(a.rows[0], 2);
	assert_int_equal(a.rows[1], 3);
	tst_answers_free(&a);

	/* Without the setting, each line is a row. */
	p.continuation = TST_CONTINUATION_NONE;
	pass_text(text, &p, sections, 2, q, NQ(q), &src, &a, &r);
	VALUE(&a.results[0], "1");
	expect_defined_empty(&a.results[5]);
	assert_int_equal(a.rows[0], 5);
	tst_answers_free(&a);
	rec_free(&r);
}

/*
 * Backslash continuation lines (sh, make, systemd): the backslash goes, one
 * space joins; a comment line is skipped inside a row, a blank line ends
 * it; a backslash on the last line is dropped.
 */
static void test_pass_continuation_indented(void **state)
{
	(void)state;
	continuation_indented_case(true);
	continuation_indented_case(false);
}

static void continuation_backslash_case(bool hash)
{
	static const char text[] =
		"\\\n"
		"\n"
		"A = one \\\n"
		"    two\\\n"
		"# comment inside\n"
		"    three\n"
		"  B = x \\\n"
		"\n"
		"C = y\n"
		"# E = in a comment \\\n"
		"F = \"f \\\n"
		"  g # h\" # i\n"
		"G = \\\n"
		"   # a comment, skipped\n"
		"\\\n"
		"  w\n"
		"D = z \\\n"
		"\\\n"
		"\\";
	const struct tst_query q[] = {
		{KEYS("A")}, {KEYS("B")}, {KEYS("C")}, {KEYS("D")}, {KEYS("E")}, {KEYS("F")}, {KEYS("G")},
	};
	struct tst_parse p = tokenized();
	struct tst_source src;
	struct tst_answers a;
	struct rec r = {0};

	p.mode = TST_MODE_KEYVALUE;
	p.key_separator = "=";
	p.hash_comments = hash;
	p.inline_comment = "#";
	p.continuation = TST_CONTINUATION_BACKSLASH;
	pass_text(text, &p, top_only, 1, q, NQ(q), &src, &a, &r);
	assert_int_equal(r.nerror, 0);
	VALUE(&a.results[0], "one", "two", "three");
	VALUE(&a.results[1], "x");
	VALUE(&a.results[2], "y");
	VALUE(&a.results[3], "z");
	expect_undefined(&a.results[4]);
	/* Quotes do not reach across lines: a continuation line's comment is cut as its own. */
	VALUE(&a.results[5], "f g");
	VALUE(&a.results[6], "w");
	/* A row of only a backslash is no row. */
	assert_int_equal(a.rows[0], 6);
	tst_answers_free(&a);
	rec_free(&r);
}

static void test_pass_continuation_backslash(void **state)
{
	(void)state;
	continuation_backslash_case(true);
	continuation_backslash_case(false);
}

/* skip_header_lines and read_lines count the lines of the source, not joined rows. */
static void test_pass_continuation_counting(void **state)
{
	static const char text[] = "h\nk 1\n  2\n  3\nk 4\n  5\n";
	const struct tst_query q[] = {{KEYS("k")}, {KEYS("d")}};
	struct tst_parse p = tokenized();
	struct tst_source src;
	struct tst_answers a;
	struct rec r = {0};

	(void)state;
	p.continuation = TST_CONTINUATION_INDENTED;
	p.skip_header_lines = 1;
	p.read_lines = 3;
	pass_text(text, &p, top_only, 1, q, NQ(q), &src, &a, &r);
	VALUE(&a.results[0], "1", "2", "3");
	assert_int_equal(a.rows[0], 1);
	tst_answers_free(&a);
	p.read_lines = 4;
	pass_text(text, &p, top_only, 1, q, NQ(q), &src, &a, &r);
	VALUE(&a.results[0], "1", "2", "3", "4");
	assert_int_equal(a.rows[0], 2);
	tst_answers_free(&a);
	/* A continuation line after the skipped ones has no row to continue: it starts one. */
	p.skip_header_lines = 3;
	p.read_lines = TST_UNLIMITED;
	pass_text(text, &p, top_only, 1, q, NQ(q), &src, &a, &r);
	VALUE(&a.results[0], "4", "5");
	assert_int_equal(a.rows[0], 2);
	tst_answers_free(&a);
	rec_free(&r);
}

/*
 * A joined row ends in a NUL as a line does, which the tokenizer reads
 * past a closing quote: rows of every length, each ending in a quote.
 */
static void test_pass_continuation_long_rows(void **state)
{
	enum { MAX = 1100 };
	const struct tst_query q[] = {{KEYS("k")}};
	struct tst_parse p = tokenized();
	struct tst_source src;
	struct tst_answers a;
	struct rec r = {0};
	char *text = malloc(MAX + 32), *want = malloc(MAX + 1);

	(void)state;
	assert_non_null(text);
	assert_non_null(want);
	p.continuation = TST_CONTINUATION_INDENTED;
	for (size_t len = 240; len < MAX; len += 7) {
		/* k "xx...x" alone, then with "y" on the next line, indented. */
		memset(want, 'x', len);
		want[len] = '\0';
		snprintf(text, MAX + 32, "k \"%s\"\n", want);
		pass_text(text, &p, top_only, 1, q, NQ(q), &src, &a, &r);
		VALUE(&a.results[0], want);
		tst_answers_free(&a);
		snprintf(text, MAX + 32, "k \"%s\"\n  \"y\"\n", want);
		pass_text(text, &p, top_only, 1, q, NQ(q), &src, &a, &r);
		VALUE(&a.results[0], want, "y");
		tst_answers_free(&a);
	}
	assert_int_equal(r.nerror, 0);
	free(text);
	free(want);
	rec_free(&r);
}

/* A row of a section no query names still swallows its continuation lines. */
static void test_pass_continuation_unnamed_section(void **state)
{
	static const char *const sections[] = {"", "one"};
	const struct tst_query q[] = {{.section = 1, KEYS("k")}, {KEYS("2")}};
	struct tst_parse p = ini_sections(tokenized());
	struct tst_source src;
	struct tst_answers a;
	struct rec r = {0};

	(void)state;
	p.continuation = TST_CONTINUATION_INDENTED;
	pass_text("[other]\nk 1\n  2\n[one]\nk 3\n  4\n", &p, sections, 2, q, NQ(q), &src, &a, &r);
	VALUE(&a.results[0], "3", "4");
	expect_undefined(&a.results[1]);
	assert_int_equal(a.rows[1], 1);
	tst_answers_free(&a);
	rec_free(&r);
}

/* keyvalue: a separator that straddles the join, and rows counted where no query looks. */
static void kv_continuation_case(bool ask)
{
	const struct tst_query q[] = {{KEYS("k")}, {KEYS("n")}};
	struct tst_parse p = tokenized();
	struct tst_source src;
	struct tst_answers a;
	struct rec r = {0};

	p.mode = TST_MODE_KEYVALUE;
	p.key_separator = " = ";
	p.inline_comment = "#";
	p.continuation = TST_CONTINUATION_INDENTED;
	pass_text("k\n  = a\n  \"b # c\" # d\nn\nnosep\n  still none\n", &p, top_only, 1, q, ask ? NQ(q) : 0,
		  &src, &a, &r);
	assert_int_equal(a.rows[0], 1);
	if (ask) {
		VALUE(&a.results[0], "a", "b # c");
		expect_undefined(&a.results[1]);
	}
	tst_answers_free(&a);
	rec_free(&r);
}

static void test_pass_continuation_keyvalue(void **state)
{
	(void)state;
	kv_continuation_case(true);
	kv_continuation_case(false);
}

/* A command's output: its last row is whole when the command ends; a lone backslash is no row. */
static void test_pass_continuation_command(void **state)
{
	static const char *const argv[] = {"printf", "\\\\\\n\\nk 1 \\\\\\n  2\\nj 3 \\\\\\n", NULL};
	const struct tst_query q[] = {{KEYS("k")}, {KEYS("j")}};
	struct rec r = {0};
	const struct tst_pass_io io = {.timeout_ms = 10000, .error = on_error, .warn = on_warn, .ctx = &r};
	struct tst_source src = {
		.line = 1, .argv = argv, .display = "printf", .parse = tokenized(), .command_ops = &tst_command_ops,
		.sections = top_only, .nsections = 1, .queries = q, .nqueries = NQ(q),
	};
	struct tst_answers a;

	(void)state;
	src.parse.continuation = TST_CONTINUATION_BACKSLASH;
	tst_pass_run(&src, &io, &a);
	assert_int_equal(r.nerror, 0);
	VALUE(&a.results[0], "1", "2");
	VALUE(&a.results[1], "3");
	assert_int_equal(a.rows[0], 2);
	tst_answers_free(&a);
	rec_free(&r);
}

static void test_pass_empty_file(void **state)
{
	const struct tst_query q[] = {{0}};
	struct tst_parse p = tokenized();
	struct tst_source src;
	struct tst_answers a;
	struct rec r = {0};

	(void)state;
	pass_text("", &p, top_only, 1, q, NQ(q), &src, &a, &r);
	assert_int_equal(r.nerror, 0);
	expect_undefined(&a.results[0]);
	assert_int_equal(a.rows[0], 0);
	tst_answers_free(&a);
	rec_free(&r);
}

/* An unreadable file is an error; the source is empty. */
static void test_pass_missing_file(void **state)
{
	static const char path[] = "/nonexistent-tstcc-dir/no-such-file.conf";
	const struct tst_query q[] = {{KEYS("k")}, {0}};
	struct tst_parse p = tokenized();
	struct tst_source src;
	struct tst_answers a;
	struct rec r = {0};

	(void)state;
	pass_path(path, &p, top_only, 1, q, NQ(q), &src, &a, &r);
	assert_int_equal(r.nerror, 1);
	assert_string_equal(r.error[0],
			    "cannot read file /nonexistent-tstcc-dir/no-such-file.conf: No such file or directory");
	expect_undefined(&a.results[0]);
	expect_undefined(&a.results[1]);
	assert_int_equal(a.rows[0], 0);
	assert_true(a.seen[0]);
	tst_answers_free(&a);
	rec_free(&r);
}

static void test_pass_directory(void **state)
{
	const char *tmp = getenv("TMPDIR");
	const struct tst_query q[] = {{0}};
	struct tst_parse p = tokenized();
	struct tst_source src;
	struct tst_answers a;
	struct rec r = {0};
	char dir[4096], want[4200];

	(void)state;
	snprintf(dir, sizeof(dir), "%s/test_lookup.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	assert_non_null(mkdtemp(dir));
	pass_path(dir, &p, top_only, 1, q, NQ(q), &src, &a, &r);
	rmdir(dir);
	snprintf(want, sizeof(want), "cannot read file %s: Is a directory", dir);
	assert_int_equal(r.nerror, 1);
	assert_string_equal(r.error[0], want);
	expect_undefined(&a.results[0]);
	assert_int_equal(a.rows[0], 0);
	tst_answers_free(&a);
	rec_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_one_key),
		cmocka_unit_test(test_two_keys),
		cmocka_unit_test(test_keys_split_differently),
		cmocka_unit_test(test_zero_keys),
		cmocka_unit_test(test_zero_keys_no_rows),
		cmocka_unit_test(test_key_only_row),
		cmocka_unit_test(test_key_beyond_row_end),
		cmocka_unit_test(test_empty_key),
		cmocka_unit_test(test_key_with_nul),
		cmocka_unit_test(test_different_key_counts),
		cmocka_unit_test(test_columns_map),
		cmocka_unit_test(test_columns_short_row),
		cmocka_unit_test(test_columns_key_beyond_map),
		cmocka_unit_test(test_columns_key_beyond_row),
		cmocka_unit_test(test_columns_reorder_repeat),
		cmocka_unit_test(test_columns_drop_unmapped),
		cmocka_unit_test(test_policy_append),
		cmocka_unit_test(test_policy_replace),
		cmocka_unit_test(test_policy_ignore),
		cmocka_unit_test(test_policies_with_empty_rows),
		cmocka_unit_test(test_same_keys_different_policies),
		cmocka_unit_test(test_same_keys_different_maps),
		cmocka_unit_test(test_sections),
		cmocka_unit_test(test_no_queries),
		cmocka_unit_test(test_ten_thousand),
		cmocka_unit_test(test_numbered_keys_spread),
		cmocka_unit_test(test_pass_tokenized),
		cmocka_unit_test(test_pass_passwd),
		cmocka_unit_test(test_pass_skip_then_read),
		cmocka_unit_test(test_pass_read_lines_zero_and_skip_all),
		cmocka_unit_test(test_pass_comment_styles),
		cmocka_unit_test(test_pass_comment_with_cr),
		cmocka_unit_test(test_pass_line_endings),
		cmocka_unit_test(test_pass_crlf_at_read_boundary),
		cmocka_unit_test(test_pass_sections),
		cmocka_unit_test(test_pass_row_counts_without_queries),
		cmocka_unit_test(test_pass_header_group),
		cmocka_unit_test(test_pass_keyvalue),
		cmocka_unit_test(test_pass_keyvalue_delimiters),
		cmocka_unit_test(test_pass_fixed),
		cmocka_unit_test(test_pass_inline_comment_tokenized),
		cmocka_unit_test(test_pass_inline_comment_keyvalue),
		cmocka_unit_test(test_pass_inline_comment_fixed),
		cmocka_unit_test(test_pass_inline_comment_headers),
		cmocka_unit_test(test_pass_continuation_indented),
		cmocka_unit_test(test_pass_continuation_backslash),
		cmocka_unit_test(test_pass_continuation_counting),
		cmocka_unit_test(test_pass_continuation_long_rows),
		cmocka_unit_test(test_pass_continuation_unnamed_section),
		cmocka_unit_test(test_pass_continuation_keyvalue),
		cmocka_unit_test(test_pass_continuation_command),
		cmocka_unit_test(test_pass_empty_file),
		cmocka_unit_test(test_pass_missing_file),
		cmocka_unit_test(test_pass_directory),
		cmocka_unit_test(test_hash_folds_case),
		cmocka_unit_test(test_keys_ignore_case),
		cmocka_unit_test(test_split_values),
		cmocka_unit_test(test_pass_sections_ignore_case),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
