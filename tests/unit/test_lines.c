/*
 * Unit tests for runtime/lines.c, which cuts a byte stream into lines.
 * TST_EOL_ANY (files, tstconfig(5): FILE SYNTAX, Lines) ends a line at \n, \r\n or a lone \r,
 * a final terminator adding no empty line and a \r\n split across two
 * feeds counting once; TST_EOL_LF_TRIM (command output) ends lines at \n
 * only and drops trailing empty lines, keeping the empty lines that a
 * non-empty one follows.  Every input is fed in one chunk, byte by byte,
 * in two chunks split at every offset, and through tst_lines_space /
 * tst_lines_commit; lines must arrive NUL-terminated, NUL bytes inside a
 * line are kept, and a 1 MB line passes through whole.
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
#define CHECK(eol, s, ...) check_all_ways((eol), (s), STRS(__VA_ARGS__), NSTRS(__VA_ARGS__))
#define CHECK_NONE(eol, s) check_all_ways((eol), (s), NULL, 0)

/* The lines a splitter handed on, as copies. */
struct out {
	char **line;
	size_t *len;
	size_t n, cap;
};

static void collect(void *ctx, char *line, size_t n)
{
	struct out *o = ctx;

	assert_int_equal(line[n], '\0');
	if (o->n == o->cap) {
		o->cap = o->cap ? 2 * o->cap : 16;
		o->line = realloc(o->line, o->cap * sizeof(*o->line));
		o->len = realloc(o->len, o->cap * sizeof(*o->len));
		assert_non_null(o->line);
		assert_non_null(o->len);
	}
	o->line[o->n] = malloc(n + 1);
	assert_non_null(o->line[o->n]);
	memcpy(o->line[o->n], line, n + 1);
	o->len[o->n++] = n;
}

static void out_free(struct out *o)
{
	for (size_t i = 0; i < o->n; i++)
		free(o->line[i]);
	free(o->line);
	free(o->len);
	*o = (struct out){0};
}

/* Compares o with want, printing what differs; frees o either way. */
static bool lines_match(struct out *o, const char *const *want, size_t nwant, const char *how)
{
	bool ok = o->n == nwant;

	for (size_t i = 0; ok && i < nwant; i++)
		ok = o->len[i] == strlen(want[i]) && memcmp(o->line[i], want[i], o->len[i]) == 0;
	if (!ok) {
		print_error("%s: got %zu lines, want %zu\n", how, o->n, nwant);
		for (size_t i = 0; i < o->n; i++)
			print_error("  got line %zu: [%s]\n", i, o->line[i]);
	}
	out_free(o);
	return ok;
}

static void expect_lines(struct out *o, const char *const *want, size_t nwant, const char *how)
{
	if (!lines_match(o, want, nwant, how))
		fail_msg("%s: lines differ", how);
}

/* Feeds s in chunks of at most step bytes (0: all at once). */
static void feed_steps(enum tst_eol eol, const char *s, size_t n, size_t step, struct out *o)
{
	struct tst_lines l;

	tst_lines_init(&l, eol, collect, o);
	if (!step)
		step = n ? n : 1;
	for (size_t i = 0; i < n; i += step)
		tst_lines_feed(&l, s + i, n - i < step ? n - i : step);
	tst_lines_finish(&l, true);
}

/* Feeds s in two chunks, split at k. */
static void feed_split(enum tst_eol eol, const char *s, size_t n, size_t k, struct out *o)
{
	struct tst_lines l;

	tst_lines_init(&l, eol, collect, o);
	tst_lines_feed(&l, s, k);
	tst_lines_feed(&l, s + k, n - k);
	tst_lines_finish(&l, true);
}

/* Writes s through tst_lines_space / tst_lines_commit in pieces of at most step. */
static void feed_commit(enum tst_eol eol, const char *s, size_t n, size_t step, struct out *o)
{
	struct tst_lines l;
	size_t i = 0;

	tst_lines_init(&l, eol, collect, o);
	while (i < n) {
		size_t avail, k = n - i < step ? n - i : step;
		char *dst = tst_lines_space(&l, k, &avail);
		assert_true(avail >= k);
		memcpy(dst, s + i, k);
		tst_lines_commit(&l, k);
		i += k;
	}
	tst_lines_finish(&l, true);
}

/* Feeds s every way there is and expects the same lines each time. */
static void check_all_ways(enum tst_eol eol, const char *s, const char *const *want, size_t nwant)
{
	size_t n = strlen(s), bad = 0;
	struct out o = {0};
	char how[64];

	feed_steps(eol, s, n, 0, &o);
	bad += !lines_match(&o, want, nwant, "one chunk");
	feed_steps(eol, s, n, 1, &o);
	bad += !lines_match(&o, want, nwant, "byte by byte");
	for (size_t k = 0; k <= n; k++) {
		snprintf(how, sizeof(how), "two chunks split at %zu", k);
		feed_split(eol, s, n, k, &o);
		bad += !lines_match(&o, want, nwant, how);
	}
	feed_commit(eol, s, n, 1, &o);
	bad += !lines_match(&o, want, nwant, "commit byte by byte");
	feed_commit(eol, s, n, n ? n : 1, &o);
	bad += !lines_match(&o, want, nwant, "commit one chunk");
	if (bad) {
		print_error("input: ");
		for (size_t i = 0; i < n; i++)
			print_error(s[i] == '\r' ? "\\r" : s[i] == '\n' ? "\\n" : "%c", s[i]);
		print_error("\n");
		fail_msg("%zu ways of feeding gave other lines", bad);
	}
}

/* TST_EOL_ANY */

static void test_any_empty_input(void **state)
{
	(void)state;
	CHECK_NONE(TST_EOL_ANY, "");
}

static void test_any_unterminated_last_line(void **state)
{
	(void)state;
	CHECK(TST_EOL_ANY, "a", "a");
	CHECK(TST_EOL_ANY, "a\nb", "a", "b");
}

/* A final terminator adds no empty line. */
static void test_any_final_terminator(void **state)
{
	(void)state;
	CHECK(TST_EOL_ANY, "a\n", "a");
	CHECK(TST_EOL_ANY, "a\r\n", "a");
	CHECK(TST_EOL_ANY, "a\r", "a");
	CHECK(TST_EOL_ANY, "a\nb\n", "a", "b");
}

static void test_any_lf(void **state)
{
	(void)state;
	CHECK(TST_EOL_ANY, "one\ntwo\nthree\n", "one", "two", "three");
}

static void test_any_crlf(void **state)
{
	(void)state;
	CHECK(TST_EOL_ANY, "one\r\ntwo\r\nthree", "one", "two", "three");
}

static void test_any_lone_cr(void **state)
{
	(void)state;
	CHECK(TST_EOL_ANY, "one\rtwo\rthree\r", "one", "two", "three");
}

static void test_any_mixed(void **state)
{
	(void)state;
	CHECK(TST_EOL_ANY, "a\nb\r\nc\rd", "a", "b", "c", "d");
	CHECK(TST_EOL_ANY, "a\r\nb\nc\r\rd\n", "a", "b", "c", "", "d");
}

/* Empty lines in the middle and at the end are kept (but for the last terminator). */
static void test_any_empty_lines(void **state)
{
	(void)state;
	CHECK(TST_EOL_ANY, "\n", "");
	CHECK(TST_EOL_ANY, "\r\n", "");
	CHECK(TST_EOL_ANY, "\r", "");
	CHECK(TST_EOL_ANY, "\n\n", "", "");
	CHECK(TST_EOL_ANY, "a\n\n", "a", "");
	CHECK(TST_EOL_ANY, "a\n\nb", "a", "", "b");
	CHECK(TST_EOL_ANY, "\na", "", "a");
}

/* \r\r is two terminators, \n\r is two, \r\n\n is two. */
static void test_any_terminator_pairs(void **state)
{
	(void)state;
	CHECK(TST_EOL_ANY, "a\r\rb", "a", "", "b");
	CHECK(TST_EOL_ANY, "a\n\rb", "a", "", "b");
	CHECK(TST_EOL_ANY, "a\r\n\r\n", "a", "");
	CHECK(TST_EOL_ANY, "a\r\n\nb", "a", "", "b");
	CHECK(TST_EOL_ANY, "\r\r\n\n", "", "", "");
}

/* A \r\n split across feeds is one terminator, even with empty feeds between. */
static void test_any_crlf_across_feeds(void **state)
{
	struct tst_lines l;
	struct out o = {0};

	(void)state;
	tst_lines_init(&l, TST_EOL_ANY, collect, &o);
	tst_lines_feed(&l, "a\r", 2);
	tst_lines_feed(&l, "", 0);
	tst_lines_commit(&l, 0);
	tst_lines_feed(&l, "\nb\r", 3);
	tst_lines_feed(&l, "\n", 1);
	tst_lines_feed(&l, "\n", 1);
	tst_lines_finish(&l, true);
	expect_lines(&o, STRS("a", "b", ""), 3, "feeds");
}

/*
 * A whole \r\n at the end of one feed, then a feed that starts with \n:
 * that \n ends an empty line of its own.
 */
static void test_any_crlf_at_feed_end_then_lf(void **state)
{
	struct tst_lines l;
	struct out o = {0};

	(void)state;
	tst_lines_init(&l, TST_EOL_ANY, collect, &o);
	tst_lines_feed(&l, "a\r\n", 3);
	tst_lines_feed(&l, "\nb", 2);
	tst_lines_finish(&l, true);
	expect_lines(&o, STRS("a", "", "b"), 3, "a\\r\\n + \\nb");
}

/* Lines arrive as soon as their terminator does, not at finish. */
static void test_any_lines_arrive_early(void **state)
{
	struct tst_lines l;
	struct out o = {0};

	(void)state;
	tst_lines_init(&l, TST_EOL_ANY, collect, &o);
	tst_lines_feed(&l, "a\nb", 3);
	assert_int_equal(o.n, 1);
	tst_lines_feed(&l, "\r", 1);
	assert_int_equal(o.n, 2);
	tst_lines_feed(&l, "c", 1);
	assert_int_equal(o.n, 2);
	tst_lines_finish(&l, true);
	expect_lines(&o, STRS("a", "b", "c"), 3, "early");
}

/* NUL bytes are part of a line; the line is still NUL-terminated after them. */
static void test_any_nul_bytes(void **state)
{
	static const char text[] = "a\0b\n\0\r\nc";
	struct out o = {0};

	(void)state;
	for (size_t step = 0; step <= 2; step++) {
		feed_steps(TST_EOL_ANY, text, sizeof(text) - 1, step, &o);
		assert_int_equal(o.n, 3);
		assert_int_equal(o.len[0], 3);
		assert_memory_equal(o.line[0], "a\0b", 4);
		assert_int_equal(o.len[1], 1);
		assert_memory_equal(o.line[1], "\0", 2);
		assert_string_equal(o.line[2], "c");
		out_free(&o);
	}
}

/* TST_EOL_LF_TRIM */

static void test_lf_trim_empty_input(void **state)
{
	(void)state;
	CHECK_NONE(TST_EOL_LF_TRIM, "");
}

static void test_lf_trim_basic(void **state)
{
	(void)state;
	CHECK(TST_EOL_LF_TRIM, "a", "a");
	CHECK(TST_EOL_LF_TRIM, "a\n", "a");
	CHECK(TST_EOL_LF_TRIM, "a\nb\n", "a", "b");
	CHECK(TST_EOL_LF_TRIM, "a\nb", "a", "b");
}

/* Only \n ends a line: a CR stays in the text. */
static void test_lf_trim_cr_is_text(void **state)
{
	(void)state;
	CHECK(TST_EOL_LF_TRIM, "a\r\nb\r\n", "a\r", "b\r");
	CHECK(TST_EOL_LF_TRIM, "a\rb", "a\rb");
	CHECK(TST_EOL_LF_TRIM, "\r\n", "\r");
	CHECK(TST_EOL_LF_TRIM, "\r", "\r");
}

/* Trailing empty lines are dropped. */
static void test_lf_trim_drops_trailing_empty(void **state)
{
	(void)state;
	CHECK(TST_EOL_LF_TRIM, "a\n\n", "a");
	CHECK(TST_EOL_LF_TRIM, "a\n\n\n\n", "a");
	CHECK_NONE(TST_EOL_LF_TRIM, "\n");
	CHECK_NONE(TST_EOL_LF_TRIM, "\n\n\n");
}

/* Empty lines followed by a non-empty one are kept. */
static void test_lf_trim_keeps_inner_empty(void **state)
{
	(void)state;
	CHECK(TST_EOL_LF_TRIM, "a\n\nb", "a", "", "b");
	CHECK(TST_EOL_LF_TRIM, "a\n\n\nb\n\n", "a", "", "", "b");
	CHECK(TST_EOL_LF_TRIM, "\n\na\n", "", "", "a");
}

/* A line of blanks is not empty. */
static void test_lf_trim_blank_not_empty(void **state)
{
	(void)state;
	CHECK(TST_EOL_LF_TRIM, "a\n \n", "a", " ");
	CHECK(TST_EOL_LF_TRIM, "a\n\n\t", "a", "", "\t");
}

/* Held-back empty lines are handed on before the line that shows they were not trailing. */
static void test_lf_trim_order_across_feeds(void **state)
{
	struct tst_lines l;
	struct out o = {0};

	(void)state;
	tst_lines_init(&l, TST_EOL_LF_TRIM, collect, &o);
	tst_lines_feed(&l, "a\n\n", 3);
	assert_int_equal(o.n, 1);
	tst_lines_feed(&l, "\n", 1);
	assert_int_equal(o.n, 1);
	tst_lines_feed(&l, "b\n\n", 3);
	tst_lines_finish(&l, true);
	expect_lines(&o, STRS("a", "", "", "b"), 4, "feeds");
}

/* Many lines in one chunk. */
static void test_many_lines(void **state)
{
	enum { N = 100000 };
	char *s = malloc(N * 8 + 1);
	struct out o = {0};
	size_t len = 0;

	(void)state;
	assert_non_null(s);
	for (size_t i = 0; i < N; i++)
		len += (size_t)sprintf(s + len, "%zu%s", i, i % 3 == 0 ? "\r\n" : i % 3 == 1 ? "\r" : "\n");
	feed_steps(TST_EOL_ANY, s, len, 0, &o);
	assert_int_equal(o.n, N);
	for (size_t i = 0; i < N; i += 997) {
		char want[16];
		snprintf(want, sizeof(want), "%zu", i);
		assert_string_equal(o.line[i], want);
	}
	out_free(&o);
	free(s);
}

/* A 1 MB line, then a short one, fed in several ways. */
enum { BIG = 1024 * 1024 };

static char *big_input(const char *eol, size_t *n)
{
	size_t m = strlen(eol);
	char *s = malloc(BIG + m + 2);

	assert_non_null(s);
	for (size_t i = 0; i < BIG; i++)
		s[i] = (char)('a' + i % 26);
	memcpy(s + BIG, eol, m);
	s[BIG + m] = 'z';
	s[BIG + m + 1] = '\0';
	*n = BIG + m + 1;
	return s;
}

static void expect_big(const struct out *o, const char *s)
{
	assert_int_equal(o->n, 2);
	assert_int_equal(o->len[0], BIG);
	assert_memory_equal(o->line[0], s, BIG);
	assert_string_equal(o->line[1], "z");
}

static void test_megabyte_line_any(void **state)
{
	static const char *const eols[] = {"\n", "\r\n", "\r"};
	static const size_t steps[] = {0, 4093, 65536, BIG};
	struct out o = {0};

	(void)state;
	for (size_t e = 0; e < 3; e++) {
		size_t n;
		char *s = big_input(eols[e], &n);
		for (size_t i = 0; i < 4; i++) {
			feed_steps(TST_EOL_ANY, s, n, steps[i], &o);
			expect_big(&o, s);
			out_free(&o);
		}
		feed_commit(TST_EOL_ANY, s, n, 7000, &o);
		expect_big(&o, s);
		out_free(&o);
		free(s);
	}
}

/* The \r\n after a 1 MB line split between feeds. */
static void test_megabyte_line_crlf_split(void **state)
{
	struct out o = {0};
	size_t n;
	char *s = big_input("\r\n", &n);

	(void)state;
	feed_split(TST_EOL_ANY, s, n, BIG + 1, &o);
	expect_big(&o, s);
	out_free(&o);
	feed_split(TST_EOL_ANY, s, n, BIG, &o);
	expect_big(&o, s);
	out_free(&o);
	free(s);
}

static void test_megabyte_line_lf_trim(void **state)
{
	struct out o = {0};
	size_t n;
	char *s = big_input("\n\n", &n);

	(void)state;
	feed_steps(TST_EOL_LF_TRIM, s, n, 4096, &o);
	assert_int_equal(o.n, 3);
	assert_int_equal(o.len[0], BIG);
	assert_memory_equal(o.line[0], s, BIG);
	assert_int_equal(o.len[1], 0);
	assert_string_equal(o.line[2], "z");
	out_free(&o);
	/* the same line at the very end, with trailing empty lines */
	s[BIG + 2] = '\n';
	feed_steps(TST_EOL_LF_TRIM, s, n, 0, &o);
	assert_int_equal(o.n, 1);
	assert_int_equal(o.len[0], BIG);
	assert_memory_equal(o.line[0], s, BIG);
	out_free(&o);
	free(s);
}

/* An unterminated 1 MB last line arrives at finish. */
static void test_megabyte_last_line_unterminated(void **state)
{
	struct out o = {0};
	size_t n;
	char *s = big_input("", &n);

	(void)state;
	feed_steps(TST_EOL_ANY, s, BIG, 10000, &o);
	assert_int_equal(o.n, 1);
	assert_int_equal(o.len[0], BIG);
	assert_memory_equal(o.line[0], s, BIG);
	out_free(&o);
	free(s);
}

/* tst_lines_space gives at least what is asked for, plus room for a NUL. */
static void test_space_grows(void **state)
{
	struct tst_lines l;
	struct out o = {0};
	size_t avail;
	char *dst;

	(void)state;
	tst_lines_init(&l, TST_EOL_ANY, collect, &o);
	dst = tst_lines_space(&l, 0, &avail);
	assert_non_null(dst);
	assert_true(avail > 0);
	dst = tst_lines_space(&l, 3 * BIG, &avail);
	assert_true(avail >= 3 * BIG);
	memset(dst, 'q', 3 * BIG);
	tst_lines_commit(&l, 3 * BIG);
	assert_int_equal(o.n, 0);
	tst_lines_finish(&l, true);
	assert_int_equal(o.n, 1);
	assert_int_equal(o.len[0], 3 * BIG);
	out_free(&o);
}

/* finish on a splitter that never saw a byte hands on nothing. */
static void test_finish_without_input(void **state)
{
	struct tst_lines l;
	struct out o = {0};

	(void)state;
	tst_lines_init(&l, TST_EOL_ANY, collect, &o);
	tst_lines_finish(&l, true);
	tst_lines_init(&l, TST_EOL_LF_TRIM, collect, &o);
	tst_lines_finish(&l, true);
	assert_int_equal(o.n, 0);
	out_free(&o);
}

/* A source cut short by a time limit drops its unfinished last line. */
static void test_finish_drops_partial_line(void **state)
{
	struct tst_lines l;
	struct out o = {0};

	(void)state;
	tst_lines_init(&l, TST_EOL_ANY, collect, &o);
	tst_lines_feed(&l, "whole\npart", 10);
	tst_lines_finish(&l, false);
	expect_lines(&o, STRS("whole"), 1, "partial line dropped");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_any_empty_input),
		cmocka_unit_test(test_any_unterminated_last_line),
		cmocka_unit_test(test_any_final_terminator),
		cmocka_unit_test(test_any_lf),
		cmocka_unit_test(test_any_crlf),
		cmocka_unit_test(test_any_lone_cr),
		cmocka_unit_test(test_any_mixed),
		cmocka_unit_test(test_any_empty_lines),
		cmocka_unit_test(test_any_terminator_pairs),
		cmocka_unit_test(test_any_crlf_across_feeds),
		cmocka_unit_test(test_any_crlf_at_feed_end_then_lf),
		cmocka_unit_test(test_any_lines_arrive_early),
		cmocka_unit_test(test_any_nul_bytes),
		cmocka_unit_test(test_lf_trim_empty_input),
		cmocka_unit_test(test_lf_trim_basic),
		cmocka_unit_test(test_lf_trim_cr_is_text),
		cmocka_unit_test(test_lf_trim_drops_trailing_empty),
		cmocka_unit_test(test_lf_trim_keeps_inner_empty),
		cmocka_unit_test(test_lf_trim_blank_not_empty),
		cmocka_unit_test(test_lf_trim_order_across_feeds),
		cmocka_unit_test(test_many_lines),
		cmocka_unit_test(test_megabyte_line_any),
		cmocka_unit_test(test_megabyte_line_crlf_split),
		cmocka_unit_test(test_megabyte_line_lf_trim),
		cmocka_unit_test(test_megabyte_last_line_unterminated),
		cmocka_unit_test(test_space_grows),
		cmocka_unit_test(test_finish_without_input),
		cmocka_unit_test(test_finish_drops_partial_line),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
