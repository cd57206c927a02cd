/*
 * Unit tests for the skimmer (runtime/skim.c, runtime/skim.h): the
 * first bytes tstcc reads from header and footer patterns, what the
 * skimmer takes from a buffer and where it stops, and, on generated
 * corpora read in many settings, that a pass gives the same answers
 * (values, row counts, sections seen, errors) with the skimmer and
 * without it (TST_FULL_PATH=1).  The corpora hold blank lines, comments of
 * every style, headers and footers, lines without separator, keys with
 * blanks around them, quoted first words, tabs, UTF-8, lines longer than
 * the splitter's 256 KiB chunk, and \n, \r\n and lone \r line ends.
 *
 * This file is built with TST_SKIM_PORTABLE: the skimmer it calls itself
 * finds bytes without SSE2, while the runtime's (libtstrt) uses SSE2 where
 * there is any, and test_portable_same compares the two.
 */
#define TST_SKIM_PORTABLE 1
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
#include "pattern.h"
#include "tstcc.h"

#define STRS(...) ((const char *const[]){__VA_ARGS__})
#define KEYS(...) .keys = STRS(__VA_ARGS__), .nkeys = sizeof(STRS(__VA_ARGS__)) / sizeof(const char *)
#define MAP(...) .columns = ((const size_t[]){__VA_ARGS__}), \
	.ncolumns = sizeof((const size_t[]){__VA_ARGS__}) / sizeof(size_t)

/* The section_starts of a Java header pattern, or NULL. */
static const unsigned char *starts_of(const char *java)
{
	struct pattern pat;
	struct pattern_error err;
	const unsigned char *set;

	assert_true(pattern_translate(java, strlen(java), &pat, &err));
	set = pattern_section_starts(pat.ere, NULL);
	pattern_free(&pat);
	return set;
}

static bool starts(const unsigned char *set, unsigned char c)
{
	return set[c / 8] >> (c % 8) & 1;
}

static void test_section_starts(void **state)
{
	const unsigned char *set;
	size_t n = 0;

	(void)state;
	set = starts_of("\\[(.*)\\]");
	assert_non_null(set);
	for (unsigned c = 0; c < 256; c++)
		n += starts(set, (unsigned char)c);
	assert_int_equal(n, 1);
	assert_true(starts(set, '['));
	set = starts_of("^\\s*<(.*)>\\s*$");
	assert_non_null(set);
	assert_true(starts(set, '<') && starts(set, ' ') && starts(set, '\t'));
	assert_false(starts(set, 'a'));
	set = starts_of("END|x?[0-9]+(.*)");
	assert_non_null(set);
	assert_true(starts(set, 'E') && starts(set, 'x') && starts(set, '5'));
	assert_false(starts(set, 'N') && starts(set, 'a'));
	set = starts_of("a{0,2}b(.*)");
	assert_true(starts(set, 'a') && starts(set, 'b'));
	assert_false(starts(set, 'c'));
	set = starts_of(".*\\[(.*)\\]");
	assert_true(starts(set, 'a') && starts(set, '['));
	assert_false(starts(set, '\n'));
	/* Where a group comes first, any byte may start a line. */
	assert_null(starts_of("(a|b)x"));
	assert_null(pattern_section_starts(NULL, NULL));
}

/* The skimmer takes whole lines the filter turns away, and stops at the first other one. */
static void test_takes_and_stops(void **state)
{
	static unsigned long long bits[8];
	struct tst_skim_source k = {.mode = TST_MODE_KEYVALUE, .sep = '='};
	struct tst_skim_section sec = {.rows = TST_SKIM_FILTER, .bits = bits, .shift = 64 - 9};
	struct tst_skim_count got;
	const char *text = "a = 1\nb = 2\nnone\nc = 3\n#x\nd = 4\n";
	uint64_t h = tst_key_hash("c", 1);
	size_t a = h >> sec.shift, b = (h << (64 - sec.shift)) >> sec.shift;

	(void)state;
	for (unsigned c = 0; c <= ' '; c++)
		k.stop[c >> 6] |= 1ULL << (c & 63);
	k.stop['#' >> 6] |= 1ULL << ('#' & 63);
	bits[a / 64] |= 1ULL << (a % 64);
	bits[b / 64] |= 1ULL << (b % 64);
	assert_int_equal(tst_skim_lines(&k, &sec, text, strlen(text), SIZE_MAX, &got), 17);
	assert_int_equal(got.lines, 3);
	assert_int_equal(got.rows, 2);
	assert_int_equal(tst_skim_lines(&k, &sec, text, strlen(text), 1, &got), 6);
	assert_int_equal(got.lines, 1);
	assert_int_equal(tst_skim_lines(&k, &sec, text + 23, strlen(text) - 23, SIZE_MAX, &got), 0);
	/* An unfinished line is left to the splitter. */
	assert_int_equal(tst_skim_lines(&k, &sec, "a = 1\nb = 2", 11, SIZE_MAX, &got), 6);
	k.sep_optional = true;
	assert_int_equal(tst_skim_lines(&k, &sec, text, strlen(text), SIZE_MAX, &got), 17);
	assert_int_equal(got.rows, 3);
}


/* Little-endian words assembled byte by byte: the same on every machine. */
static uint64_t le_word(const char *s, size_t n)
{
	uint64_t w = 0;

	for (size_t i = n; i-- > 0;)
		w = w << 8 | (unsigned char)s[i];
	return w;
}

/* The key hash written out byte by byte, as a reference free of byte order. */
static uint64_t reference_hash(const char *s, size_t n)
{
	const uint64_t k1 = 0x9e3779b97f4a7c15ULL, k2 = 0xff51afd7ed558ccdULL;
	uint64_t h = n * k1, w = 0;
	size_t at = 0;

	if (n > 8) {
		for (; at + 8 < n; at += 8) {
			h = (h ^ le_word(s + at, 8)) * k1;
			h ^= h >> 29;
		}
		w = le_word(s + n - 8, 8);
	} else if (n >= 4) {
		w = n == 8 ? le_word(s, 8) : le_word(s + n - 4, 4) << 32 | le_word(s, 4);
	} else if (n) {
		w = (uint64_t)(unsigned char)s[0] << 16 | (uint64_t)(unsigned char)s[n / 2] << 8 | (unsigned char)s[n - 1];
	}
	h = (h ^ w) * k1;
	h ^= h >> 32;
	return h * k2;
}

/*
 * tstcc hashes the keys of the Bloom filters it emits on its own machine,
 * and the checker may be built for another ($CC): the hash must be a
 * function of the bytes alone, never of the machine's byte order.
 */
static void test_key_hash_portable(void **state)
{
	char key[40];

	(void)state;
	for (size_t n = 0; n <= sizeof(key); n++) {
		for (size_t i = 0; i < n; i++)
			key[i] = (char)(0x21 + (i * 37 + n) % 200);
		assert_true(tst_key_hash(key, n) == reference_hash(key, n));
	}
}

/* Random lines from a few bytes that matter, in every mode: the portable skimmer and the runtime's agree. */
static void test_portable_same(void **state)
{
	static const char alphabet[] = "kkkkeeyy==  \t\t\n\n\n\"\xc3\xa9#[";
	unsigned long long bits[8];
	char buf[600];
	bool ok = true;
	size_t taken = 0;

	(void)state;
	for (int round = 0; round < 20000; round++) {
		struct tst_skim_section sec = {.rows = (enum tst_skim_rows)rnd(3), .bits = bits, .shift = 64 - 9,
					       .from = rnd(8), .to = rnd(4) ? 8 + rnd(16) : SIZE_MAX};
		struct tst_skimmer sk = {.on = true, .sections = &sec, .ok = &ok};
		struct tst_skim_source *k = &sk.source;
		struct tst_skim_count mine, theirs;
		size_t n = rnd(sizeof(buf)), max = 1 + rnd(40), a, b;
		static const enum tst_mode modes[] = {TST_MODE_KEYVALUE, TST_MODE_TOKENIZED, TST_MODE_FIXED};

		for (int i = 0; i < 8; i++)
			bits[i] = (uint64_t)rnd(1u << 16) << 48 | (uint64_t)rnd(1u << 24) << 24 | rnd(1u << 24);
		*k = (struct tst_skim_source){.mode = modes[rnd(3)], .sep = rnd(2) ? '=' : ' ', .sep_optional = rnd(2),
					      .low_delims = rnd(2), .ignore_empty = rnd(2), .has_quote = rnd(2),
					      .quote = '"'};
		/* Every byte <= ' ' stops, as tst_skim_source says. */
		k->stop[0] = 0x1ffffffffULL | 1ULL << '#';
		k->delim[0] = 1ULL << ' ' | 1ULL << '\t' | (k->low_delims ? 0 : 1ULL << '=');
		for (size_t i = 0; i < n; i++)
			buf[i] = alphabet[rnd(sizeof(alphabet) - 1)];
		a = tst_skim_lines(k, &sec, buf, n, max, &mine);
		b = tst_skimmer_run(&sk, 0, buf, n, max, &theirs);
		taken += mine.lines;
		assert_int_equal(a, b);
		assert_int_equal(mine.lines, theirs.lines);
		assert_int_equal(mine.rows, theirs.rows);
	}
	/* Not only empty runs. */
	assert_true(taken > 20000);
}

/* The generated corpus */

static const char *const words[] = {
	"Port", "Port1", "Por", "qkey007", "qkey070", "a.long.key.of.twenty", "x", "\"Port\"", "\xc3\xa9t\xc3\xa9",
	"10.0.0.1:22", "k=v", "#no", "x;y", "/x",
};
static const char *const gaps[] = {" ", "\t", "  ", " = ", "=", " =", "= ", "\t=\t"};
static const char *const specials[] = {
	"", " \t", "# Port = 1", "  # Port = 1", "; Port = 1", "\t; x", "// Port = 1", " // x", "[a]", "[b]", "[]",
	"[end]", " [a]", "\"Port\" = 1", "Port", "no separator here", " Port = lead", "Port \t= trail",
	"\xc3\xa9t\xc3\xa9 Port = 1", "\xe2\x80\x83 Port = 1", "\xe2\x80\x83", "\x01Port = 1",
};

/* One line of the corpus, without its end. */
static size_t corpus_line(char *buf, size_t size)
{
	size_t n = 0;

	if (rnd(5) == 0)
		return (size_t)snprintf(buf, size, "%s", specials[rnd(sizeof(specials) / sizeof(specials[0]))]);
	for (uint32_t w = 0, nw = 1 + rnd(4); w < nw; w++)
		n += (size_t)snprintf(buf + n, size - n, "%s%s", w ? gaps[rnd(8)] : "",
				      words[rnd(sizeof(words) / sizeof(words[0]))]);
	return n;
}

/* A corpus: eol 0 is \n, 1 \r\n, 2 lone \r, 3 a mix; trailing empty lines when asked. */
static char *corpus_file(uint32_t seed, size_t lines, int eol, bool trailing)
{
	static const char *const ends[] = {"\n", "\r\n", "\r"};
	char *path = strdup("/tmp/test_skim.XXXXXX"), line[256];
	int fd = mkstemp(path);
	FILE *f = fdopen(fd, "w");

	assert_non_null(f);
	rnd_state = seed;
	for (size_t i = 0; i < lines; i++) {
		size_t n = corpus_line(line, sizeof(line));
		assert_int_equal(fwrite(line, 1, n, f), n);
		/* Lines longer than a chunk of the splitter, so that runs of lines cross chunks. */
		if (rnd(1500) == 0)
			for (size_t j = 0; j < 300000; j++)
				fputc('a' + (int)(j % 26), f);
		fputs(ends[eol == 3 ? rnd(3) : (uint32_t)eol], f);
	}
	fputs(trailing ? "last = 1\n\n\n" : "last = 1", f);
	fclose(f);
	return path;
}


static const char *const sections[] = {"", "a", "b"};

/* Parse settings number m of 7, with comments, sections and limits as asked. */
static struct tst_parse settings(int m, bool comments, bool headers, int limits)
{
	static const size_t positions[] = {0, 4, 12, 20};
	struct tst_parse p = {.mode = TST_MODE_TOKENIZED, .delimiters = " \t", .ndelimiters = 2, .quote = "\"",
			      .ignore_empty = true, .read_lines = TST_UNLIMITED};

	switch (m) {
	case 1: p.ignore_empty = false; p.quote = ""; break;
	case 2: p.delimiters = " \t="; p.ndelimiters = 3; break;
	case 3: p.mode = TST_MODE_KEYVALUE; p.key_separator = "="; break;
	case 4: p.mode = TST_MODE_KEYVALUE; p.key_separator = "="; p.key_separator_optional = true; break;
	case 5: p.mode = TST_MODE_KEYVALUE; p.key_separator = " "; p.ignore_empty = false; break;
	case 6: p.mode = TST_MODE_FIXED; p.positions = positions; p.npositions = 4; break;
	default: break;
	}
	p.hash_comments = p.slash_comments = p.semicolon_comments = comments;
	if (headers) {
		p.header = "^(\\[([^\n\015]*)])$";
		p.header_group = 2;
		p.footer = "^(\\[end])$";
		p.section_starts = pattern_section_starts(p.header, p.footer);
	}
	if (limits == 1) {
		p.skip_header_lines = 7;
		p.read_lines = 1234;
	} else if (limits == 2) {
		p.skip_header_lines = 2500;
	}
	return p;
}

static void test_same_answers_both_ways(void **state)
{
	const struct tst_query queries[][4] = {
		{{KEYS("Port")}, {KEYS("qkey070"), .policy = TST_POLICY_REPLACE}, {KEYS("last")},
		 {KEYS("x"), .policy = TST_POLICY_IGNORE}},
		{{KEYS("Port"), .section = 1}, {KEYS("x"), .section = 2}, {KEYS("\"Port\"")}, {KEYS("qkey007")}},
		{{KEYS("Port"), MAP(3, 0)}, {KEYS("x"), MAP(3)}, {KEYS("10.0.0.1:22"), MAP(3, 1), .section = 1},
		 {KEYS("last")}},
	};
	char *paths[5];

	(void)state;
	for (int eol = 0; eol < 4; eol++)
		paths[eol] = corpus_file(40 + (uint32_t)eol, 4000, eol, eol == 0);
	paths[4] = corpus_file(7, 4000, 0, true);
	for (int m = 0; m < 7; m++)
		for (int variant = 0; variant < 12; variant++) {
			struct tst_parse p = settings(m, variant & 1, variant & 2, variant / 4);
			for (size_t set = 0; set < sizeof(queries) / sizeof(queries[0]); set++)
				/* Each input in turn, so that every one meets every mode. */
				{
					int in = (m + variant + (int)set) % 6;
					/* Command output: split at \n only, its trailing empty lines dropped. */
					const char *argv[] = {"cat", paths[in < 5 ? in : 4], NULL};
					struct tst_source src = {.display = "unused", .parse = p, .sections = sections,
								 .nsections = 3, .queries = queries[set], .nqueries = 4,
								 .regex_ops = &tst_regex_ops};
					char what[96];
					if (in < 5) {
						src.path = paths[in];
					} else {
						src.argv = argv;
						src.command_ops = &tst_command_ops;
					}
					snprintf(what, sizeof(what), "mode %d, variant %d, queries %zu, input %d", m,
						 variant, set, in);
					compare_paths(&src, what);
				}
		}
	for (int i = 0; i < 5; i++) {
		unlink(paths[i]);
		free(paths[i]);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_key_hash_portable),
		cmocka_unit_test(test_section_starts),
		cmocka_unit_test(test_takes_and_stops),
		cmocka_unit_test(test_portable_same),
		cmocka_unit_test(test_same_answers_both_ways),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
