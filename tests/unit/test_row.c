/*
 * Unit tests for runtime/row.c: Java-style trimming (bytes <= 0x20 at both
 * ends), blank lines (Character.isWhitespace), comment lines in each style
 * with leading whitespace and the Java `.` rule that a comment holding a CR
 * is not one, substring search, fixed-mode rows (tstconfig(5), Rows: character
 * positions over UTF-8, a character above U+FFFF counting two, text beyond
 * the line reading as empty, each field trimmed, text before the first
 * position no field) and keyvalue rows (key trimmed, value tokenized like
 * a tokenized row, with the current delimiters, quote and empty tokens,
 * lines without the separator dropped or kept whole when the separator is
 * optional).
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
#define POS(...) ((const size_t[]){__VA_ARGS__}), (sizeof((const size_t[]){__VA_ARGS__}) / sizeof(size_t))

static void expect_trim(const char *s, size_t n, const char *want)
{
	struct tst_str t = tst_trim(s, n);

	assert_int_equal(t.n, strlen(want));
	assert_memory_equal(t.s, want, t.n);
}

/* Cuts a fixed line of s into f. */
static void fixed(const size_t *pos, size_t npos, const char *s, struct tst_fields *f)
{
	tst_fields_begin(f, strlen(s));
	tst_row_fixed(pos, npos, s, strlen(s), f, SIZE_MAX);
}

/* Cuts a keyvalue line with the default quote and ignore_empty_tokens unless told. */
static bool keyvalue_with(const char *delims, const char *quote, bool ignore_empty, const char *sep, bool optional,
			  const char *s, struct tst_fields *f)
{
	struct tst_tokenizer t;

	tst_tokenizer_init(&t, delims, strlen(delims), quote, ignore_empty);
	tst_fields_begin(f, strlen(s));
	return tst_row_keyvalue(&t, sep, strlen(sep), optional, s, strlen(s), f, SIZE_MAX);
}

static bool keyvalue(const char *delims, const char *sep, bool optional, const char *s, struct tst_fields *f)
{
	return keyvalue_with(delims, "\"", true, sep, optional, s, f);
}

static bool comment(const char *s, unsigned styles)
{
	return tst_is_comment(s, strlen(s), styles);
}

static bool blank(const char *s)
{
	return tst_is_blank(s, strlen(s));
}

enum { ALL = TST_COMMENT_HASH | TST_COMMENT_SLASH | TST_COMMENT_SEMICOLON };

/* Trim */

static void test_trim(void **state)
{
	(void)state;
	expect_trim("  a b \t", 7, "a b");
	expect_trim("\x01\x1f a\x7f \x10", 7, "a\x7f");
	expect_trim("abc", 3, "abc");
	expect_trim("", 0, "");
	expect_trim(" \t\r\n ", 5, "");
	expect_trim("\0a\0", 3, "a");
	expect_trim("\xc2\xa0x\xc2\xa0", 5, "\xc2\xa0x\xc2\xa0");
}

/* Blank lines */

static void test_blank(void **state)
{
	(void)state;
	assert_true(blank(""));
	assert_true(blank(" "));
	assert_true(blank(" \t\n\v\f\r"));
	assert_true(blank("\x1c\x1d\x1e\x1f"));
	assert_false(blank(" a "));
	assert_false(blank("#"));
	assert_false(tst_is_blank("\0", 1));
	assert_false(blank("\x01"));
	assert_false(blank("\xc2\xa0"));
	/* Unicode spaces are whitespace to Java too; the no-break ones are not. */
	assert_true(blank("\xe3\x80\x80 \xe2\x80\x83\xe2\x80\xa8\xe1\x9a\x80\xe2\x81\x9f\xe2\x80\x8a"));
	assert_false(blank(" \xe2\x80\x87"));
	assert_false(blank("\xe2\x80\xaf"));
	assert_false(blank("\xc2\x85"));
	assert_false(blank("\xe2\x80\x8b"));
	assert_false(blank("\xe3\x80"));
}

/* Comment lines */

static void test_comment_hash(void **state)
{
	(void)state;
	assert_true(comment("#", TST_COMMENT_HASH));
	assert_true(comment("# a comment", TST_COMMENT_HASH));
	assert_true(comment("   \t#x", TST_COMMENT_HASH));
	assert_false(comment("x # y", TST_COMMENT_HASH));
	assert_false(comment("# a", TST_COMMENT_SLASH | TST_COMMENT_SEMICOLON));
	assert_false(comment("# a", 0));
}

static void test_comment_slash(void **state)
{
	(void)state;
	assert_true(comment("//", TST_COMMENT_SLASH));
	assert_true(comment("// a", TST_COMMENT_SLASH));
	assert_true(comment("\t  //a", TST_COMMENT_SLASH));
	assert_false(comment("/", TST_COMMENT_SLASH));
	assert_false(comment("/ /a", TST_COMMENT_SLASH));
	assert_false(comment("a//", TST_COMMENT_SLASH));
	assert_false(comment("// a", TST_COMMENT_HASH | TST_COMMENT_SEMICOLON));
}

static void test_comment_semicolon(void **state)
{
	(void)state;
	assert_true(comment(";", TST_COMMENT_SEMICOLON));
	assert_true(comment("; a", TST_COMMENT_SEMICOLON));
	assert_true(comment(" \f;a", TST_COMMENT_SEMICOLON));
	assert_false(comment("a;", TST_COMMENT_SEMICOLON));
	assert_false(comment("; a", TST_COMMENT_HASH | TST_COMMENT_SLASH));
}

static void test_comment_all_styles(void **state)
{
	(void)state;
	assert_true(comment("#", ALL));
	assert_true(comment("//", ALL));
	assert_true(comment(";", ALL));
	assert_false(comment("key value", ALL));
	assert_false(comment("", ALL));
	assert_false(comment("   ", ALL));
}

/* Java's `.` does not match a CR, so `^\s*#.*$` fails on such a line. */
static void test_comment_with_cr_is_not_one(void **state)
{
	(void)state;
	assert_false(comment("# a\r", TST_COMMENT_HASH));
	assert_false(comment("#\r", TST_COMMENT_HASH));
	assert_false(comment("# a\rb", TST_COMMENT_HASH));
	assert_false(comment("// a\r", TST_COMMENT_SLASH));
	assert_false(comment("; a\r", TST_COMMENT_SEMICOLON));
	/* a CR before the mark is leading whitespace (`\s`) */
	assert_true(comment("\r# a", TST_COMMENT_HASH));
}

/* tst_find */

static void test_find(void **state)
{
	static const char s[] = "a=b:=c:=";

	(void)state;
	assert_ptr_equal(tst_find(s, 8, ":=", 2), s + 3);
	assert_ptr_equal(tst_find(s, 8, "=", 1), s + 1);
	assert_ptr_equal(tst_find(s, 8, "", 0), s);
	assert_null(tst_find(s, 8, "==", 2));
	assert_null(tst_find(s, 4, ":=", 2));
	assert_ptr_equal(tst_find(s, 5, ":=", 2), s + 3);
	assert_null(tst_find("ab", 2, "abc", 3));
	assert_null(tst_find("", 0, "a", 1));
	assert_ptr_equal(tst_find("aaab", 4, "aab", 3), "aaab" + 1);
}

/* Fixed rows */

static void test_fixed_basic(void **state)
{
	struct tst_fields f = {0};

	(void)state;
	fixed(POS(0, 6, 12), "tcp   0.0.0.0 LISTEN  ", &f);
	EXPECT(&f, "tcp", "0.0.0.", "0 LISTEN");
	fixed(POS(0, 4), "abcdefgh", &f);
	EXPECT(&f, "abcd", "efgh");
	tst_fields_free(&f);
}

/* Text before the first position is not a field. */
static void test_fixed_text_before_first_position(void **state)
{
	struct tst_fields f = {0};

	(void)state;
	fixed(POS(2, 4), "xxabcd", &f);
	EXPECT(&f, "ab", "cd");
	fixed(POS(3), "key value", &f);
	EXPECT(&f, "value");
	tst_fields_free(&f);
}

/* Each field loses leading and trailing bytes <= 0x20. */
static void test_fixed_trimmed(void **state)
{
	struct tst_fields f = {0};

	(void)state;
	fixed(POS(0, 5), " a \t\x01 b c \r", &f);
	EXPECT(&f, "a", "b c");
	fixed(POS(0, 3), "      ", &f);
	EXPECT(&f, "", "");
	tst_fields_free(&f);
}

/* A fix of the original: text beyond the end of the line reads as empty. */
static void test_fixed_beyond_end(void **state)
{
	struct tst_fields f = {0};

	(void)state;
	fixed(POS(0, 2, 10), "abc", &f);
	EXPECT(&f, "ab", "c", "");
	fixed(POS(5, 10), "abc", &f);
	EXPECT(&f, "", "");
	fixed(POS(0, 3), "abc", &f);
	EXPECT(&f, "abc", "");
	fixed(POS(0, 1, 2), "", &f);
	EXPECT(&f, "", "", "");
	tst_fields_free(&f);
}

/* Positions count characters, not bytes. */
static void test_fixed_utf8(void **state)
{
	struct tst_fields f = {0};

	(void)state;
	/* "héllo wörld": é and ö are two bytes each */
	fixed(POS(0, 6), "h\xc3\xa9llo w\xc3\xb6rld", &f);
	EXPECT(&f, "h\xc3\xa9llo", "w\xc3\xb6rld");
	/* "€uro x": € is three bytes */
	fixed(POS(1, 5), "\xe2\x82\xacuro x", &f);
	EXPECT(&f, "uro", "x");
	fixed(POS(0, 1, 2), "\xc3\xa9\xc3\xa9\xc3\xa9", &f);
	EXPECT(&f, "\xc3\xa9", "\xc3\xa9", "\xc3\xa9");
	tst_fields_free(&f);
}

/* A character above U+FFFF counts two, as a Java surrogate pair. */
static void test_fixed_supplementary(void **state)
{
	struct tst_fields f = {0};

	(void)state;
	/* U+1F600 then "ab": positions 0 2 split after the emoji */
	fixed(POS(0, 2), "\xf0\x9f\x98\x80" "ab", &f);
	EXPECT(&f, "\xf0\x9f\x98\x80", "ab");
	fixed(POS(0, 3), "\xf0\x9f\x98\x80" "ab", &f);
	EXPECT(&f, "\xf0\x9f\x98\x80" "a", "b");
	fixed(POS(2), "\xf0\x9f\x98\x80\xf0\x9f\x98\x80" "x", &f);
	EXPECT(&f, "\xf0\x9f\x98\x80" "x");
	tst_fields_free(&f);
}

/*
 * Malformed UTF-8 counts as Java's decoder reads it: one U+FFFD for each
 * byte that starts no sequence, one for the longest start of a sequence,
 * one for an encoded surrogate's three bytes.
 */
static void test_fixed_invalid_utf8(void **state)
{
	struct tst_fields f = {0};

	(void)state;
	fixed(POS(0, 2), "\xff\xfe" "ab", &f);
	EXPECT(&f, "\xff\xfe", "ab");
	fixed(POS(0, 1), "a\xe2\x82", &f);
	EXPECT(&f, "a", "\xe2\x82");
	fixed(POS(0, 1, 2), "\xe2\x82" "ab", &f);
	EXPECT(&f, "\xe2\x82", "a", "b");
	fixed(POS(0, 1, 2), "\xf0\x9f\x98" "ab", &f);
	EXPECT(&f, "\xf0\x9f\x98", "a", "b");
	fixed(POS(0, 1, 2), "\xed\xa0\x80" "ab", &f);
	EXPECT(&f, "\xed\xa0\x80", "a", "b");
	fixed(POS(0, 1, 2), "\xe0\x80" "ab", &f);
	EXPECT(&f, "\xe0", "\x80", "ab");
	fixed(POS(0, 1, 2), "\xc0\xaf" "b", &f);
	EXPECT(&f, "\xc0", "\xaf", "b");
	tst_fields_free(&f);
}

/* Keyvalue rows */

static void test_keyvalue_basic(void **state)
{
	struct tst_fields f = {0};

	(void)state;
	assert_true(keyvalue(WS, "=", false, "  Port = 22 ", &f));
	EXPECT(&f, "Port", "22");
	assert_true(keyvalue(WS, "=", false, "key=a  b\tc", &f));
	EXPECT(&f, "key", "a", "b", "c");
	tst_fields_free(&f);
}

/* The key ends at the separator's first occurrence. */
static void test_keyvalue_first_separator(void **state)
{
	struct tst_fields f = {0};

	(void)state;
	assert_true(keyvalue(WS, "=", false, "a = b=c = d", &f));
	EXPECT(&f, "a", "b=c", "=", "d");
	tst_fields_free(&f);
}

static void test_keyvalue_multichar_separator(void **state)
{
	struct tst_fields f = {0};

	(void)state;
	assert_true(keyvalue(WS, ":=", false, "x:y := 1 2", &f));
	EXPECT(&f, "x:y", "1", "2");
	assert_false(keyvalue(WS, ":=", false, "x : = 1", &f));
	tst_fields_free(&f);
}

/* No text after the separator: the row is just the key. */
static void test_keyvalue_empty_value(void **state)
{
	struct tst_fields f = {0};

	(void)state;
	assert_true(keyvalue(WS, "=", false, "key=", &f));
	EXPECT(&f, "key");
	assert_true(keyvalue(WS, "=", false, "key =   \t", &f));
	EXPECT(&f, "key");
	tst_fields_free(&f);
}

static void test_keyvalue_empty_key(void **state)
{
	struct tst_fields f = {0};

	(void)state;
	assert_true(keyvalue(WS, "=", false, " = v", &f));
	EXPECT(&f, "", "v");
	assert_true(keyvalue(WS, "=", false, "=", &f));
	EXPECT(&f, "");
	tst_fields_free(&f);
}

/* Without the separator a line is no row, unless the separator is optional. */
static void test_keyvalue_no_separator(void **state)
{
	struct tst_fields f = {0};

	(void)state;
	assert_false(keyvalue(WS, "=", false, "just words", &f));
	assert_true(keyvalue(WS, "=", true, "  just  words ", &f));
	EXPECT(&f, "just  words");
	assert_true(keyvalue(WS, "=", true, "", &f));
	EXPECT(&f, "");
	tst_fields_free(&f);
}

/* Values are quoted like tokenized rows: DEFAULT_INPUT_POLICY="DROP" reads DROP. */
static void test_keyvalue_quotes(void **state)
{
	struct tst_fields f = {0};

	(void)state;
	assert_true(keyvalue(WS, "=", false, "k = \"a b\" c", &f));
	EXPECT(&f, "k", "a b", "c");
	assert_true(keyvalue(WS, "=", false, "DEFAULT_INPUT_POLICY=\"DROP\"", &f));
	EXPECT(&f, "DEFAULT_INPUT_POLICY", "DROP");
	assert_true(keyvalue_with(WS, "'", true, "=", false, "listen_addresses = 'localhost'", &f));
	EXPECT(&f, "listen_addresses", "localhost");
	assert_true(keyvalue_with(WS, "", true, "=", false, "k = \"a b\"", &f));
	EXPECT(&f, "k", "\"a", "b\"");
	tst_fields_free(&f);
}

/* Z="" is an empty value: no field, or one empty field with empty tokens kept. */
static void test_keyvalue_empty_quotes(void **state)
{
	struct tst_fields f = {0};

	(void)state;
	assert_true(keyvalue(WS, "=", false, "Z=\"\"", &f));
	EXPECT(&f, "Z");
	assert_true(keyvalue_with(WS, "\"", false, "=", false, "Z=\"\"", &f));
	EXPECT(&f, "Z", "");
	tst_fields_free(&f);
}

/* Values use the current delimiters, and keep empty tokens when told to. */
static void test_keyvalue_delimiters(void **state)
{
	struct tst_fields f = {0};

	(void)state;
	assert_true(keyvalue(",", "=", false, "k = a,,b c, ", &f));
	EXPECT(&f, "k", "a", "b c");
	assert_true(keyvalue(",", "=", false, "k = ,a,", &f));
	EXPECT(&f, "k", "a");
	assert_true(keyvalue_with(",", "\"", false, "=", false, "K=a,,b,", &f));
	EXPECT(&f, "K", "a", "", "b", "");
	assert_true(keyvalue_with(",", "\"", false, "=", false, "k = ,a,", &f));
	EXPECT(&f, "k", "", "a", "");
	tst_fields_free(&f);
}

/* With no delimiters at all the whole value is one field. */
static void test_keyvalue_no_delimiters(void **state)
{
	struct tst_fields f = {0};

	(void)state;
	assert_true(keyvalue("", "=", false, "k =  a b  \"c d\" ", &f));
	EXPECT(&f, "k", "a b  \"c d\"");
	assert_true(keyvalue("", "=", false, "k = \"a b\" c", &f));
	EXPECT(&f, "k", "a b c");
	tst_fields_free(&f);
}

/* The separator may itself be a delimiter character. */
static void test_keyvalue_separator_is_delimiter(void **state)
{
	struct tst_fields f = {0};

	(void)state;
	assert_true(keyvalue(WS, " ", false, "key a b", &f));
	EXPECT(&f, "key", "a", "b");
	tst_fields_free(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_trim),
		cmocka_unit_test(test_blank),
		cmocka_unit_test(test_comment_hash),
		cmocka_unit_test(test_comment_slash),
		cmocka_unit_test(test_comment_semicolon),
		cmocka_unit_test(test_comment_all_styles),
		cmocka_unit_test(test_comment_with_cr_is_not_one),
		cmocka_unit_test(test_find),
		cmocka_unit_test(test_fixed_basic),
		cmocka_unit_test(test_fixed_text_before_first_position),
		cmocka_unit_test(test_fixed_trimmed),
		cmocka_unit_test(test_fixed_beyond_end),
		cmocka_unit_test(test_fixed_utf8),
		cmocka_unit_test(test_fixed_supplementary),
		cmocka_unit_test(test_fixed_invalid_utf8),
		cmocka_unit_test(test_keyvalue_basic),
		cmocka_unit_test(test_keyvalue_first_separator),
		cmocka_unit_test(test_keyvalue_multichar_separator),
		cmocka_unit_test(test_keyvalue_empty_value),
		cmocka_unit_test(test_keyvalue_empty_key),
		cmocka_unit_test(test_keyvalue_no_separator),
		cmocka_unit_test(test_keyvalue_quotes),
		cmocka_unit_test(test_keyvalue_empty_quotes),
		cmocka_unit_test(test_keyvalue_no_delimiters),
		cmocka_unit_test(test_keyvalue_delimiters),
		cmocka_unit_test(test_keyvalue_separator_is_delimiter),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
