/*
 * Unit tests for runtime/prefilter.c, the fast path: which rows it turns
 * away, where it gives way to the full path, and, on a generated corpus
 * read in every parse mode with many query sets, that a pass gives the same
 * answers (values, row counts, sections seen, errors) with the filter and
 * without it (TST_FULL_PATH=1).  The corpus mixes queried keys, keys one
 * byte off them, quoted and empty first words, separators of one and two
 * bytes, UTF-8, section headers, comments and blank lines.
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
#include "paths.h"

#define WS " \t\n\r\f"
#define STRS(...) ((const char *const[]){__VA_ARGS__})
#define KEYS(...) .keys = STRS(__VA_ARGS__), .nkeys = sizeof(STRS(__VA_ARGS__)) / sizeof(const char *)
#define MAP(...) .columns = ((const size_t[]){__VA_ARGS__}), \
	.ncolumns = sizeof((const size_t[]){__VA_ARGS__}) / sizeof(size_t)

static const char *const sections[] = {"", "a", "b"};

static struct tst_source source(struct tst_parse p, const struct tst_query *q, size_t nq)
{
	return (struct tst_source){.path = "unused", .display = "unused", .parse = p, .sections = sections,
				   .nsections = 3, .queries = q, .nqueries = nq, .regex_ops = &tst_regex_ops};
}

static struct tst_parse tokenized(void)
{
	return (struct tst_parse){.mode = TST_MODE_TOKENIZED, .delimiters = WS, .ndelimiters = 5, .quote = "\"",
				  .ignore_empty = true, .read_lines = TST_UNLIMITED};
}

static enum tst_prefilter_verdict verdict(const struct tst_source *src, size_t section, const char *row)
{
	struct tst_tokenizer t;
	struct tst_prefilter pf;
	enum tst_prefilter_verdict v;
	const struct tst_parse *p = &src->parse;

	tst_tokenizer_init(&t, p->delimiters, p->ndelimiters, p->quote, p->ignore_empty);
	tst_prefilter_init(&pf, src, &t);
	v = tst_prefilter_row(&pf, section, row, strlen(row));
	tst_prefilter_free(&pf, src->nsections);
	return v;
}

/* The filter is on where it can be, and turns rows away: the equivalence below could not fail without it. */
static void test_turns_rows_away(void **state)
{
	const struct tst_query q[] = {{KEYS("Port")}, {KEYS("Listen", "x")}};
	struct tst_source src = source(tokenized(), q, 2);

	(void)state;
	unsetenv("TST_FULL_PATH");
	assert_int_equal(verdict(&src, 0, "Port 22"), TST_ROW_CANDIDATE);
	assert_int_equal(verdict(&src, 0, "  Listen x y"), TST_ROW_CANDIDATE);
	assert_int_equal(verdict(&src, 0, "Ports 22"), TST_ROW_UNWANTED);
	assert_int_equal(verdict(&src, 0, "Por 22"), TST_ROW_UNWANTED);
	assert_int_equal(verdict(&src, 0, "\"Port\" 22"), TST_ROW_CANDIDATE);
	setenv("TST_FULL_PATH", "1", 1);
	assert_int_equal(verdict(&src, 0, "Ports 22"), TST_ROW_CANDIDATE);
	unsetenv("TST_FULL_PATH");
}

static void test_keyvalue_rows(void **state)
{
	const struct tst_query q[] = {{KEYS("memory_limit")}};
	struct tst_parse p = tokenized();
	struct tst_source src;

	(void)state;
	p.mode = TST_MODE_KEYVALUE;
	p.key_separator = "=";
	src = source(p, q, 1);
	assert_int_equal(verdict(&src, 0, " memory_limit = 128M"), TST_ROW_CANDIDATE);
	assert_int_equal(verdict(&src, 0, "max_input_time = 60"), TST_ROW_UNWANTED);
	assert_int_equal(verdict(&src, 0, "memory_limit 128M"), TST_ROW_NONE);
	p.key_separator_optional = true;
	src = source(p, q, 1);
	assert_int_equal(verdict(&src, 0, "no separator"), TST_ROW_UNWANTED);
}

/* Where the full path must decide: every row is a candidate. */
static void test_gives_way(void **state)
{
	const struct tst_query zero[] = {{KEYS("Port")}, {.nkeys = 0}};
	const struct tst_query second[] = {{KEYS("Port"), MAP(1, 0)}};
	const struct tst_query mixed[] = {{KEYS("Port")}, {KEYS("x"), MAP(1, 0)}};
	struct tst_parse wide = tokenized();
	struct tst_source src;

	(void)state;
	src = source(tokenized(), zero, 2);
	assert_int_equal(verdict(&src, 0, "Nope 1"), TST_ROW_CANDIDATE);
	src = source(tokenized(), second, 1);
	assert_int_equal(verdict(&src, 0, "Nope 1"), TST_ROW_CANDIDATE);
	src = source(tokenized(), mixed, 2);
	assert_int_equal(verdict(&src, 0, "Nope 1"), TST_ROW_CANDIDATE);
	wide.delimiters = " \xc2\xa0";
	wide.ndelimiters = 3;
	src = source(wide, zero + 0, 1);
	assert_int_equal(verdict(&src, 0, "Nope 1"), TST_ROW_CANDIDATE);
}

/* The generated corpus */

static const char *const words[] = {
	"Port", "Port1", "Por", "port", "qkey007", "qkey070", "qkey700", "a.long.key.of.twenty", "a.long.key.of.twentY",
	"x", "", "\"Port\"", "\"Po\"\"rt\"", "\xc3\xa9t\xc3\xa9", "=", "::", "Port=1", "k::v", "10.0.0.1:22",
};
static const char *const gaps[] = {" ", "\t", "  ", " = ", "=", "::", " :: ", "\xc2\xa0"};

/* One line of the corpus: a header, comment, blank line, or words and gaps. */
static size_t corpus_line(char *buf, size_t size)
{
	size_t n = 0;
	uint32_t kind = rnd(20);

	if (kind == 0)
		return (size_t)snprintf(buf, size, "[%s]\n", sections[rnd(3)]);
	if (kind == 1)
		return (size_t)snprintf(buf, size, "# Port 1\n");
	if (kind == 2)
		return (size_t)snprintf(buf, size, "%s\n", rnd(2) ? "" : " \t");
	if (rnd(4) == 0)
		n += (size_t)snprintf(buf + n, size - n, "%s", gaps[rnd(3)]);
	for (uint32_t w = 0, nw = 1 + rnd(4); w < nw; w++)
		n += (size_t)snprintf(buf + n, size - n, "%s%s", w ? gaps[rnd(8)] : "",
				      words[rnd(sizeof(words) / sizeof(words[0]))]);
	if (rnd(6) == 0)
		n += (size_t)snprintf(buf + n, size - n, " ");
	n += (size_t)snprintf(buf + n, size - n, "\n");
	return n;
}

static char *corpus_file(uint32_t seed, size_t lines)
{
	char *path = strdup("/tmp/test_prefilter.XXXXXX"), line[256];
	int fd = mkstemp(path);
	FILE *f = fdopen(fd, "w");

	assert_non_null(f);
	rnd_state = seed;
	for (size_t i = 0; i < lines; i++) {
		size_t n = corpus_line(line, sizeof(line));
		assert_int_equal(fwrite(line, 1, n, f), n);
	}
	fclose(f);
	return path;
}


static void test_same_answers_both_ways(void **state)
{
	static const size_t positions[] = {0, 4, 12, 20};
	const struct tst_query queries[][4] = {
		{{KEYS("Port")}, {KEYS("qkey070")}, {KEYS("a.long.key.of.twenty")}, {KEYS("")}},
		{{KEYS("Port"), .section = 1}, {KEYS("x"), .section = 2}, {KEYS("\"Port\"")}, {KEYS("=")}},
		{{KEYS("Port", "x")}, {KEYS("qkey007", "Port"), .policy = TST_POLICY_REPLACE}, {KEYS("Port1")},
		 {KEYS("k::v"), .policy = TST_POLICY_IGNORE}},
		{{KEYS("Port"), MAP(1, 0)}, {KEYS("x"), MAP(1, 2)}, {KEYS("qkey700"), MAP(1)}, {KEYS("Port")}},
		{{KEYS("Port"), MAP(0, 2)}, {KEYS("\xc3\xa9t\xc3\xa9"), MAP(0, 1)}, {KEYS("Port")}, {.nkeys = 0}},
		{{KEYS("Port"), MAP(3, 1)}, {KEYS("x"), MAP(3)}, {KEYS("10.0.0.1:22"), MAP(3, 0)}, {KEYS("")}},
	};
	char *path = corpus_file(12, 3000);

	(void)state;
	for (int mode = 0; mode < 9; mode++) {
		struct tst_parse p = tokenized();
		char what[64];
		p.header = "^\\[(.*)\\]$";
		p.header_group = 1;
		p.hash_comments = mode % 2 == 0;
		switch (mode) {
		case 1: p.ignore_empty = false; break;
		case 2: p.quote = ""; p.delimiters = " \t="; p.ndelimiters = 3; break;
		case 3: p.mode = TST_MODE_KEYVALUE; p.key_separator = "="; break;
		case 4: p.mode = TST_MODE_KEYVALUE; p.key_separator = "::"; p.key_separator_optional = true; break;
		case 5: p.mode = TST_MODE_KEYVALUE; p.key_separator = " "; p.ignore_empty = false; break;
		case 6: case 7: p.mode = TST_MODE_FIXED; p.positions = positions; p.npositions = 4; break;
		case 8: p.inline_comment = "#"; p.continuation = TST_CONTINUATION_BACKSLASH; break;
		default: break;
		}
		for (size_t set = 0; set < sizeof(queries) / sizeof(queries[0]); set++) {
			struct tst_source src = source(p, queries[set], 4);
			src.path = src.display = path;
			snprintf(what, sizeof(what), "mode %d, queries %zu", mode, set);
			compare_paths(&src, what);
		}
	}
	unlink(path);
	free(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_turns_rows_away),
		cmocka_unit_test(test_keyvalue_rows),
		cmocka_unit_test(test_gives_way),
		cmocka_unit_test(test_same_answers_both_ways),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
