/*
 * Unit tests for runtime/tokenize.c, the tokenizer of tstconfig(5): every
 * example the manual gives (verbatim), with ignore-empty on and off, leading
 * and trailing delimiters, empty lines, quoted and unquoted tokens, doubled
 * and unterminated quotes, a quote character other than `"`, no quote
 * character at all, delimiters that include a NUL byte, and the fields
 * buffer itself (tst_fields_begin / tst_fields_add / reuse across lines);
 * and where an inline comment starts (tst_comment_cut): after white space
 * or anywhere, marks of several bytes, marks hidden in quotes as the
 * tokenizer reads them, and quotes counted only from a given index on.
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
#include "fields.h"

#define WS " \t\n\r\f"

/* Tokenizes s[0..n) into a fresh row of f. */
static void run_n(const struct tst_tokenizer *t, const char *s, size_t n, struct tst_fields *f)
{
	tst_fields_begin(f, n);
	tst_tokenize_some(t, s, n, f, SIZE_MAX);
}

static void run(const struct tst_tokenizer *t, const char *s, struct tst_fields *f)
{
	run_n(t, s, strlen(s), f);
}

/* Tokenizer with one-character delimiter string, quote and flag. */
static struct tst_tokenizer make(const char *delims, const char *quote, bool ignore_empty)
{
	struct tst_tokenizer t;

	tst_tokenizer_init(&t, delims, strlen(delims), quote, ignore_empty);
	return t;
}

/* tstconfig(5): `a::b` -> `a`,``,`b` with ignore-empty off. */
static void test_spec_a_colon_colon_b(void **state)
{
	struct tst_tokenizer t = make(":", "\"", false);
	struct tst_fields f = {0};

	(void)state;
	run(&t, "a::b", &f);
	EXPECT(&f, "a", "", "b");
	tst_fields_free(&f);
}

/* With ignore-empty on the empty token between the colons is dropped. */
static void test_a_colon_colon_b_ignore_empty(void **state)
{
	struct tst_tokenizer t = make(":", "\"", true);
	struct tst_fields f = {0};

	(void)state;
	run(&t, "a::b", &f);
	EXPECT(&f, "a", "b");
	tst_fields_free(&f);
}

/* tstconfig(5): `root:!:1:0:9:7:::` -> nine tokens, the last three empty. */
static void test_spec_passwd_trailing(void **state)
{
	struct tst_tokenizer t = make(":", "\"", false);
	struct tst_fields f = {0};

	(void)state;
	run(&t, "root:!:1:0:9:7:::", &f);
	EXPECT(&f, "root", "!", "1", "0", "9", "7", "", "", "");
	tst_fields_free(&f);
}

static void test_leading_delimiter(void **state)
{
	struct tst_tokenizer t = make(":", "\"", false);
	struct tst_fields f = {0};

	(void)state;
	run(&t, ":a", &f);
	EXPECT(&f, "", "a");
	run(&t, "::a", &f);
	EXPECT(&f, "", "", "a");
	tst_fields_free(&f);
}

static void test_trailing_delimiter(void **state)
{
	struct tst_tokenizer t = make(":", "\"", false);
	struct tst_fields f = {0};

	(void)state;
	run(&t, "a:", &f);
	EXPECT(&f, "a", "");
	tst_fields_free(&f);
}

/* A lone delimiter separates two empty tokens. */
static void test_only_delimiters(void **state)
{
	struct tst_tokenizer t = make(":", "\"", false);
	struct tst_fields f = {0};

	(void)state;
	run(&t, ":", &f);
	EXPECT(&f, "", "");
	run(&t, "::", &f);
	EXPECT(&f, "", "", "");
	tst_fields_free(&f);
}

static void test_leading_trailing_ignore_empty(void **state)
{
	struct tst_tokenizer t = make(WS, "\"", true);
	struct tst_fields f = {0};

	(void)state;
	run(&t, "  a \t b\r\n", &f);
	EXPECT(&f, "a", "b");
	run(&t, " \t \f ", &f);
	assert_int_equal(f.n, 0);
	tst_fields_free(&f);
}

/* tstconfig(5): an empty line gives no tokens, whatever ignore-empty says. */
static void test_empty_line(void **state)
{
	struct tst_tokenizer off = make(":", "\"", false);
	struct tst_tokenizer on = make(":", "\"", true);
	struct tst_fields f = {0};

	(void)state;
	run(&off, "", &f);
	assert_int_equal(f.n, 0);
	run(&on, "", &f);
	assert_int_equal(f.n, 0);
	tst_fields_free(&f);
}

/* tstconfig(5): `"a b"c d` -> `a bc`,`d`. */
static void test_spec_quote_then_text(void **state)
{
	struct tst_tokenizer t = make(WS, "\"", true);
	struct tst_fields f = {0};

	(void)state;
	run(&t, "\"a b\"c d", &f);
	EXPECT(&f, "a bc", "d");
	tst_fields_free(&f);
}

/* tstconfig(5): `"x""y"` -> `x"y`. */
static void test_spec_doubled_quote(void **state)
{
	struct tst_tokenizer t = make(WS, "\"", true);
	struct tst_fields f = {0};

	(void)state;
	run(&t, "\"x\"\"y\"", &f);
	EXPECT(&f, "x\"y");
	tst_fields_free(&f);
}

/* tstconfig(5): `"a"b"c d"e f` -> `abc de`,`f`. */
static void test_spec_reopened_quote(void **state)
{
	struct tst_tokenizer t = make(WS, "\"", true);
	struct tst_fields f = {0};

	(void)state;
	run(&t, "\"a\"b\"c d\"e f", &f);
	EXPECT(&f, "abc de", "f");
	tst_fields_free(&f);
}

/* tstconfig(5): `a"b c"d` -> `a"b`,`c"d`: quotes inside an unquoted token are plain. */
static void test_spec_quote_not_at_start(void **state)
{
	struct tst_tokenizer t = make(WS, "\"", true);
	struct tst_fields f = {0};

	(void)state;
	run(&t, "a\"b c\"d", &f);
	EXPECT(&f, "a\"b", "c\"d");
	tst_fields_free(&f);
}

/* tstconfig(5): `""` is an empty token, dropped when ignore-empty is on. */
static void test_spec_empty_quotes_ignore_on(void **state)
{
	struct tst_tokenizer t = make(WS, "\"", true);
	struct tst_fields f = {0};

	(void)state;
	run(&t, "\"\"", &f);
	assert_int_equal(f.n, 0);
	run(&t, "a \"\" b", &f);
	EXPECT(&f, "a", "b");
	tst_fields_free(&f);
}

static void test_spec_empty_quotes_ignore_off(void **state)
{
	struct tst_tokenizer t = make(WS, "\"", false);
	struct tst_fields f = {0};

	(void)state;
	run(&t, "\"\"", &f);
	EXPECT(&f, "");
	run(&t, "a \"\" b", &f);
	EXPECT(&f, "a", "", "b");
	tst_fields_free(&f);
}

/* tstconfig(5): an unterminated quote runs to the end of the line. */
static void test_unterminated_quote(void **state)
{
	struct tst_tokenizer t = make(WS, "\"", true);
	struct tst_fields f = {0};

	(void)state;
	run(&t, "x \"a b  c", &f);
	EXPECT(&f, "x", "a b  c");
	run(&t, "\"", &f);
	assert_int_equal(f.n, 0);
	tst_fields_free(&f);
}

static void test_unterminated_quote_ignore_off(void **state)
{
	struct tst_tokenizer t = make(":", "\"", false);
	struct tst_fields f = {0};

	(void)state;
	run(&t, "a:\"b:c:", &f);
	EXPECT(&f, "a", "b:c:");
	run(&t, "\"", &f);
	EXPECT(&f, "");
	tst_fields_free(&f);
}

/* A closing quote followed by a delimiter ends the token. */
static void test_quoted_token_then_delimiter(void **state)
{
	struct tst_tokenizer t = make(":", "\"", false);
	struct tst_fields f = {0};

	(void)state;
	run(&t, "\"a:b\":c", &f);
	EXPECT(&f, "a:b", "c");
	run(&t, "\"a:b\":", &f);
	EXPECT(&f, "a:b", "");
	tst_fields_free(&f);
}

/* `"a"""` -> `a"`: a doubled quote inside quotes, then the closing one. */
static void test_doubled_quote_at_end(void **state)
{
	struct tst_tokenizer t = make(WS, "\"", true);
	struct tst_fields f = {0};

	(void)state;
	run(&t, "\"a\"\"\"", &f);
	EXPECT(&f, "a\"");
	run(&t, "\"\"\"\"", &f);
	EXPECT(&f, "\"");
	tst_fields_free(&f);
}

/* tstconfig(5): backslash is an ordinary character. */
static void test_backslash_ordinary(void **state)
{
	struct tst_tokenizer t = make(WS, "\"", true);
	struct tst_fields f = {0};

	(void)state;
	run(&t, "a\\ b\\", &f);
	EXPECT(&f, "a\\", "b\\");
	run(&t, "\"a\\\"b c\"", &f);
	EXPECT(&f, "a\\b", "c\"");
	tst_fields_free(&f);
}

/* A quote character other than `"`; `"` is then plain. */
static void test_other_quote_char(void **state)
{
	struct tst_tokenizer t = make(WS, "'", true);
	struct tst_fields f = {0};

	(void)state;
	run(&t, "'a b' c", &f);
	EXPECT(&f, "a b", "c");
	run(&t, "'x''y' \"p q\"", &f);
	EXPECT(&f, "x'y", "\"p", "q\"");
	run(&t, "'a'b'c d'e f", &f);
	EXPECT(&f, "abc de", "f");
	tst_fields_free(&f);
}

/* A quote byte above 0x7f. */
static void test_high_byte_quote_char(void **state)
{
	struct tst_tokenizer t = make(WS, "\xfe", true);
	struct tst_fields f = {0};

	(void)state;
	run(&t, "\xfe" "a b\xfe\xfe" "c\xfe d", &f);
	EXPECT(&f, "a b\xfe" "c", "d");
	tst_fields_free(&f);
}

/* A quote character of several bytes (U+00AB) is matched whole, doubled too. */
static void test_wide_quote_char(void **state)
{
	struct tst_tokenizer t = make(WS, "\xc2\xab", false);
	struct tst_fields f = {0};

	(void)state;
	run(&t, "\xc2\xab" "a b\xc2\xab\xc2\xab" "c\xc2\xab d \xc2\xbb\xc2" "e", &f);
	EXPECT(&f, "a b\xc2\xab" "c", "d", "\xc2\xbb\xc2" "e");
	run(&t, "\xc2\xab" "unterminated \xc2", &f);
	EXPECT(&f, "unterminated \xc2");
	tst_fields_free(&f);
}

/* Any number of delimiters of several bytes: here twenty, each matched whole. */
static void test_many_wide_delimiters(void **state)
{
	char delims[64], line[128];
	size_t nd = 0, nl = 0;
	struct tst_tokenizer t;
	struct tst_fields f = {0};

	(void)state;
	for (int i = 0; i < 20; i++) {
		/* U+00C0 ... U+00D3 */
		delims[nd++] = (char)0xc3;
		delims[nd++] = (char)(0x80 + i);
	}
	for (int i = 0; i < 20; i++) {
		line[nl++] = (char)('a' + i);
		line[nl++] = (char)0xc3;
		line[nl++] = (char)(0x80 + 19 - i);
	}
	line[nl++] = (char)0xc3;
	line[nl++] = (char)0xa0; /* U+00E0, no delimiter */
	tst_tokenizer_init(&t, delims, nd, "\"", true);
	run_n(&t, line, nl, &f);
	assert_int_equal(f.n, 21);
	assert_int_equal(f.f[19].n, 1);
	assert_memory_equal(f.f[19].s, "t", 1);
	assert_int_equal(f.f[20].n, 2);
	tst_fields_free(&f);
}

/* Quote "": no quote character, every byte is plain. */
static void test_no_quote_char(void **state)
{
	struct tst_tokenizer t = make(WS, "", true);
	struct tst_fields f = {0};

	(void)state;
	run(&t, "\"a b\" 'c d'", &f);
	EXPECT(&f, "\"a", "b\"", "'c", "d'");
	run(&t, "\xff\xff", &f);
	EXPECT(&f, "\xff\xff");
	tst_fields_free(&f);
}

/* Delimiters that include a NUL byte split at NULs in the text. */
static void test_nul_delimiter(void **state)
{
	struct tst_tokenizer t;
	struct tst_fields f = {0};
	static const char text[] = "a\0b,c\0\0d";

	(void)state;
	tst_tokenizer_init(&t, "\0,", 2, "\"", false);
	run_n(&t, text, sizeof(text) - 1, &f);
	EXPECT(&f, "a", "b", "c", "", "d");
	tst_tokenizer_init(&t, "\0,", 2, "\"", true);
	run_n(&t, text, sizeof(text) - 1, &f);
	EXPECT(&f, "a", "b", "c", "d");
	tst_fields_free(&f);
}

/* Without NUL among the delimiters a NUL byte is part of a token. */
static void test_nul_in_token(void **state)
{
	struct tst_tokenizer t = make(WS, "\"", true);
	struct tst_fields f = {0};
	static const char text[] = "a\0b \"c\0 d\"";

	(void)state;
	run_n(&t, text, sizeof(text) - 1, &f);
	assert_int_equal(f.n, 2);
	assert_int_equal(f.f[0].n, 3);
	assert_memory_equal(f.f[0].s, "a\0b", 3);
	assert_int_equal(f.f[1].n, 4);
	assert_memory_equal(f.f[1].s, "c\0 d", 4);
	tst_fields_free(&f);
}

/* Only the given delimiters split: a default delimiter is otherwise plain. */
static void test_delimiters_replace_defaults(void **state)
{
	struct tst_tokenizer t = make(",", "\"", true);
	struct tst_fields f = {0};

	(void)state;
	run(&t, "a b,\tc ", &f);
	EXPECT(&f, "a b", "\tc ");
	tst_fields_free(&f);
}

/* Delimiter bytes above 0x7f. */
static void test_high_byte_delimiter(void **state)
{
	struct tst_tokenizer t = make("\xa7", "\"", false);
	struct tst_fields f = {0};

	(void)state;
	run(&t, "a\xa7" "b\xa7", &f);
	EXPECT(&f, "a", "b", "");
	tst_fields_free(&f);
}

/* tst_tokenize appends: fields added before it stay in front. */
static void test_appends_to_fields(void **state)
{
	struct tst_tokenizer t = make(WS, "\"", true);
	struct tst_fields f = {0};

	(void)state;
	tst_fields_begin(&f, 16);
	tst_fields_add(&f, "key", 3);
	tst_tokenize_some(&t, "x \"y z\"", 7, &f, SIZE_MAX);
	EXPECT(&f, "key", "x", "y z");
	tst_fields_free(&f);
}

/* One fields buffer serves many lines, short after long and long after short. */
static void test_fields_reused(void **state)
{
	struct tst_tokenizer t = make(WS, "\"", true);
	struct tst_fields f = {0};
	size_t n = 100000;
	char *big = malloc(n + 1);

	(void)state;
	assert_non_null(big);
	for (size_t i = 0; i < n; i++)
		big[i] = i % 2 ? ' ' : 'x';
	big[n] = '\0';
	run(&t, "a b", &f);
	EXPECT(&f, "a", "b");
	run(&t, big, &f);
	assert_int_equal(f.n, n / 2);
	for (size_t i = 0; i < f.n; i++)
		assert_true(f.f[i].n == 1 && f.f[i].s[0] == 'x');
	run(&t, "c", &f);
	EXPECT(&f, "c");
	free(big);
	tst_fields_free(&f);
}

/* A long quoted token with doubled quotes decodes within the line's room. */
static void test_long_quoted_token(void **state)
{
	struct tst_tokenizer t = make(WS, "\"", true);
	struct tst_fields f = {0};
	size_t n = 20000;
	char *s = malloc(2 * n + 3);

	(void)state;
	assert_non_null(s);
	s[0] = '"';
	for (size_t i = 0; i < n; i++) {
		s[1 + 2 * i] = '"';
		s[2 + 2 * i] = '"';
	}
	s[2 * n + 1] = '"';
	s[2 * n + 2] = '\0';
	run(&t, s, &f);
	assert_int_equal(f.n, 1);
	assert_int_equal(f.f[0].n, n);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(f.f[0].s[i], '"');
	free(s);
	tst_fields_free(&f);
}

/* tst_fields_free leaves a zeroed struct that can be used again. */
static void test_fields_free_and_reuse(void **state)
{
	struct tst_tokenizer t = make(WS, "\"", true);
	struct tst_fields f = {0};

	(void)state;
	tst_fields_free(&f);
	run(&t, "a", &f);
	tst_fields_free(&f);
	assert_null(f.buf);
	assert_null(f.f);
	assert_int_equal(f.n, 0);
	run(&t, "b c", &f);
	EXPECT(&f, "b", "c");
	tst_fields_free(&f);
}

/* A delimiter of several bytes (U+00A0) is one character: it never cuts
 * another character that shares its first byte (U+00E0, C3 A0 vs C2 A0). */
static void test_wide_delimiter(void **state)
{
	struct tst_tokenizer t = make("\xc2\xa0:", "", false);
	struct tst_fields f = {0};

	(void)state;
	run(&t, "x\xc2\xa0y\xc3\xa0z:w\xc2\xa0", &f);
	EXPECT(&f, "x", "y\xc3\xa0z", "w", "");
	run(&t, "\xc2\xa0\xc2", &f);
	EXPECT(&f, "", "\xc2");
	tst_fields_free(&f);
}

static void test_wide_delimiter_in_quotes(void **state)
{
	struct tst_tokenizer t = make("\xc2\xa0", "\"", true);
	struct tst_fields f = {0};

	(void)state;
	run(&t, "\"a\xc2\xa0" "b\"c\xc2\xa0" "d", &f);
	EXPECT(&f, "a\xc2\xa0" "bc", "d");
	tst_fields_free(&f);
}

/* Inline comments (tst_comment_cut): what is left of a line, as a string. */
static void expect_cut(const struct tst_tokenizer *t, const char *mark, bool anywhere, const char *line,
		       size_t from, const char *want)
{
	size_t n = strlen(line);
	size_t got = tst_comment_cut(t, mark, strlen(mark), anywhere, line, n, from == SIZE_MAX ? n : from);

	if (got != strlen(want) || memcmp(line, want, got) != 0)
		fail_msg("[%s] cut to [%.*s], want [%s]", line, (int)got, line, want);
}

/* `#` after white space or at the line's start; the white space before it goes too. */
static void test_comment_after_space(void **state)
{
	struct tst_tokenizer t = make(WS, "\"", true);

	(void)state;
	expect_cut(&t, "#", false, "server_tokens off; # hide the version", 0, "server_tokens off;");
	expect_cut(&t, "#", false, "ssh\t\t22/tcp\t\t\t\t# SSH Remote Login Protocol", 0, "ssh\t\t22/tcp");
	expect_cut(&t, "#", false, "# all of it", 0, "");
	expect_cut(&t, "#", false, "   # all of it", 0, "");
	expect_cut(&t, "#", false, "color=#fff a#b", 0, "color=#fff a#b");
	expect_cut(&t, "#", false, "no mark here", 0, "no mark here");
	expect_cut(&t, "#", false, "a#b #c #d", 0, "a#b");
	expect_cut(&t, "#", false, "", 0, "");
}

/* `anywhere`: the mark needs nothing before it. */
static void test_comment_anywhere(void **state)
{
	struct tst_tokenizer t = make(WS, "\"", true);

	(void)state;
	expect_cut(&t, "#", true, "color=#fff a#b", 0, "color=");
	expect_cut(&t, ";", true, "extension=mysqli;comment", 0, "extension=mysqli");
	expect_cut(&t, ";", true, "a b ;c", 0, "a b");
	expect_cut(&t, ";", true, ";", 0, "");
}

/* A mark of several characters, and one of several UTF-8 bytes, matches whole. */
static void test_comment_long_mark(void **state)
{
	struct tst_tokenizer t = make(WS, "\"", true);

	(void)state;
	expect_cut(&t, "//", false, "Acquire::http::Proxy \"x\"; // a proxy", 0, "Acquire::http::Proxy \"x\";");
	expect_cut(&t, "//", false, "url http://host/ / x", 0, "url http://host/ / x");
	expect_cut(&t, "//", false, "a /", 0, "a /");
	expect_cut(&t, "\xc2\xa7", true, "a b\xc2\xa7 c", 0, "a b");
	expect_cut(&t, "\xc2\xa7", true, "a \xc2\xa8\xc2\xa7", 0, "a \xc2\xa8");
}

/* Quotes hide the mark where the tokenizer reads them: in a token that begins with one. */
static void test_comment_in_quotes(void **state)
{
	struct tst_tokenizer t = make(WS, "\"", true);

	(void)state;
	expect_cut(&t, "#", false, "q \"a # b\" c # d", 0, "q \"a # b\" c");
	expect_cut(&t, "#", true, "q \"a#b\"#c", 0, "q \"a#b\"");
	/* A doubled quote is one quote: still inside. */
	expect_cut(&t, "#", false, "q \"a \"\" # b\" # c", 0, "q \"a \"\" # b\"");
	/* Closed and reopened in one token. */
	expect_cut(&t, "#", true, "\"a\"b\"#\"#c", 0, "\"a\"b\"#\"");
	/* An unterminated quote runs to the end of the line. */
	expect_cut(&t, "#", false, "q \"a # b", 0, "q \"a # b");
	/* A token that does not begin with a quote keeps quotes as characters. */
	expect_cut(&t, "#", false, "q a\"b # c\"", 0, "q a\"b");
	/* White space inside quotes stays; only that after the closing quote goes. */
	expect_cut(&t, "#", true, "\"a \"#", 0, "\"a \"");
	expect_cut(&t, "#", true, "\"a \"  #", 0, "\"a \"");
	/* Another quote character, of several bytes. */
	struct tst_tokenizer wide = make(WS, "\xc2\xab", true);
	expect_cut(&wide, "#", false, "k \xc2\xab # \xc2\xab # x", 0, "k \xc2\xab # \xc2\xab");
	/* With no quote character, nothing is hidden. */
	struct tst_tokenizer none = make(WS, "", true);
	expect_cut(&none, "#", false, "q \"a # b\"", 0, "q \"a");
}

/* Quotes count only from `from` on (a keyvalue value); before it, only the mark. */
static void test_comment_quotes_from(void **state)
{
	struct tst_tokenizer t = make(WS, "\"", true);

	(void)state;
	expect_cut(&t, "#", false, "k \"a # b\" # c", 3, "k \"a");
	expect_cut(&t, "#", false, "k = \"a # b\" # c", 4, "k = \"a # b\"");
	expect_cut(&t, "#", false, "k # = \"a\"", 4, "k");
	expect_cut(&t, "#", false, "fixed \"a # b\"", SIZE_MAX, "fixed \"a");
}

/* A quote opens only at a token's start: delimiters decide where tokens start. */
static void test_comment_quotes_and_delimiters(void **state)
{
	struct tst_tokenizer colon = make(":", "\"", false);
	struct tst_tokenizer nginx = make(" \t;", "\"", true);

	(void)state;
	expect_cut(&colon, "#", false, "a:\"b # c\":d # e", 0, "a:\"b # c\":d");
	/* With only `:` a delimiter, that token begins with a space: its quotes are characters. */
	expect_cut(&colon, "#", false, "a: \"b # c\"", 0, "a: \"b");
	expect_cut(&nginx, "#", false, "add_header X \"a # b\";# c", 0, "add_header X \"a # b\";# c");
	expect_cut(&nginx, "#", true, "add_header X \"a # b\";# c", 0, "add_header X \"a # b\";");
	/* The mark is looked for before a delimiter or quote that shares its first byte. */
	struct tst_tokenizer semi = make(" ;", "\"", true);
	expect_cut(&semi, ";", false, "a ; b", 0, "a");
	expect_cut(&semi, "\"", false, "set nu \" line numbers", 0, "set nu");
	/* A quote character that is a delimiter too is a delimiter, as the tokenizer reads it. */
	struct tst_tokenizer both = make(" \"", "\"", true);
	struct tst_fields f = {0};
	run(&both, "a \"b # c\"", &f);
	EXPECT(&f, "a", "b", "#", "c");
	tst_fields_free(&f);
	expect_cut(&both, "#", false, "a \"b # c\"", 0, "a \"b");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_spec_a_colon_colon_b),
		cmocka_unit_test(test_a_colon_colon_b_ignore_empty),
		cmocka_unit_test(test_spec_passwd_trailing),
		cmocka_unit_test(test_leading_delimiter),
		cmocka_unit_test(test_trailing_delimiter),
		cmocka_unit_test(test_only_delimiters),
		cmocka_unit_test(test_leading_trailing_ignore_empty),
		cmocka_unit_test(test_empty_line),
		cmocka_unit_test(test_spec_quote_then_text),
		cmocka_unit_test(test_spec_doubled_quote),
		cmocka_unit_test(test_spec_reopened_quote),
		cmocka_unit_test(test_spec_quote_not_at_start),
		cmocka_unit_test(test_spec_empty_quotes_ignore_on),
		cmocka_unit_test(test_spec_empty_quotes_ignore_off),
		cmocka_unit_test(test_unterminated_quote),
		cmocka_unit_test(test_unterminated_quote_ignore_off),
		cmocka_unit_test(test_quoted_token_then_delimiter),
		cmocka_unit_test(test_doubled_quote_at_end),
		cmocka_unit_test(test_backslash_ordinary),
		cmocka_unit_test(test_other_quote_char),
		cmocka_unit_test(test_high_byte_quote_char),
		cmocka_unit_test(test_wide_quote_char),
		cmocka_unit_test(test_many_wide_delimiters),
		cmocka_unit_test(test_no_quote_char),
		cmocka_unit_test(test_nul_delimiter),
		cmocka_unit_test(test_nul_in_token),
		cmocka_unit_test(test_delimiters_replace_defaults),
		cmocka_unit_test(test_high_byte_delimiter),
		cmocka_unit_test(test_appends_to_fields),
		cmocka_unit_test(test_fields_reused),
		cmocka_unit_test(test_long_quoted_token),
		cmocka_unit_test(test_fields_free_and_reuse),
		cmocka_unit_test(test_wide_delimiter),
		cmocka_unit_test(test_wide_delimiter_in_quotes),
		cmocka_unit_test(test_comment_after_space),
		cmocka_unit_test(test_comment_anywhere),
		cmocka_unit_test(test_comment_long_mark),
		cmocka_unit_test(test_comment_in_quotes),
		cmocka_unit_test(test_comment_quotes_from),
		cmocka_unit_test(test_comment_quotes_and_delimiters),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
