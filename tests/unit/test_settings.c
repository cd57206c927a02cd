/*
 * Unit tests for compiler/settings.c: a new source's defaults, each parse
 * setting and its argument's form (separator escapes, one quote character,
 * positions, read_lines, patterns), and each preset applied on top of the
 * settings before it; the extensions inline_comment and continuation_lines.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "definition.h"

/* The directive on the only line of text, resolved as sema.c would. */
static struct directive *directive(const char *text)
{
	struct directive *d = parsed(text)->dirs;

	assert_non_null(d);
	for (int k = 0; k < DIR_COUNT; k++)
		if (strcmp(directive_name((enum dir_kind)k), d->name->s) == 0)
			d->kind = (enum dir_kind)k;
	return d;
}

/* Applies the setting on the line of text to p; whether it was accepted. */
static bool apply(const char *text, struct tst_parse *p)
{
	struct srcfile f = {.name = "t", .text = text, .len = strlen(text)};

	return settings_apply(&f, directive(text), p);
}

static struct tst_parse fresh(void)
{
	struct tst_parse p;

	settings_default(&p);
	return p;
}

static void expect_delimiters(const struct tst_parse *p, const char *want, size_t n)
{
	assert_int_equal(p->ndelimiters, n);
	assert_memory_equal(p->delimiters, want, n);
}

static void test_defaults(void **state)
{
	struct tst_parse p = fresh();

	(void)state;
	assert_int_equal(p.mode, TST_MODE_NONE);
	expect_delimiters(&p, " \t\n\r\f", 5);
	assert_string_equal(p.quote, "\"");
	assert_true(p.ignore_empty);
	assert_false(p.key_separator_optional);
	assert_false(p.hash_comments || p.slash_comments || p.semicolon_comments);
	assert_null(p.key_separator);
	assert_int_equal(p.npositions, 0);
	assert_int_equal(p.skip_header_lines, 0);
	assert_int_equal(p.read_lines, TST_UNLIMITED);
	assert_null(p.header);
	assert_null(p.footer);
	assert_null(p.inline_comment);
	assert_false(p.inline_comment_anywhere);
	assert_int_equal(p.continuation, TST_CONTINUATION_NONE);
}

/* Java's escapes: \t, \uXXXX (any number of u's), octal, and a dropped backslash. */
static void test_separator(void **state)
{
	struct tst_parse p = fresh();

	(void)state;
	assert_true(apply("separator \\t,\n", &p));
	expect_delimiters(&p, "\t,", 2);
	assert_true(apply("separator \\u00e9\\uuu003b\n", &p));
	expect_delimiters(&p, "\xc3\xa9;", 3);
	assert_true(apply("separator \\072\\0\\477\n", &p));
	expect_delimiters(&p, ":\0'7", 4);
	assert_true(apply("separator \\| \\\\ \\\n", &p));
	expect_delimiters(&p, "| \\ ", 4);
	assert_true(apply("separator : ;\n", &p));
	expect_delimiters(&p, ": ;", 3);
	assert_true(apply("separator\n", &p));
	expect_delimiters(&p, "", 0);
	assert_true(apply("separator \"\"\n", &p));
	expect_delimiters(&p, "", 0);
	assert_false(apply("separator \\u00zz\n", &p));
	assert_false(apply("separator \\u12\n", &p));
	/* A surrogate pair is one character; a lone surrogate no character at all. */
	assert_true(apply("separator \\uD83D\\uDE00,\n", &p));
	expect_delimiters(&p, "\xf0\x9f\x98\x80,", 5);
	assert_false(apply("separator \\uD800\n", &p));
	assert_false(apply("separator \\uDE00\\uD83D\n", &p));
	assert_false(apply("separator \\uD83Dx\n", &p));
}

/* One character of up to three UTF-8 bytes: one Java char. */
static void test_quote_char(void **state)
{
	struct tst_parse p = fresh();

	(void)state;
	assert_true(apply("quote_char '\n", &p));
	assert_string_equal(p.quote, "'");
	assert_true(apply("quote_char \xc2\xab\n", &p));
	assert_string_equal(p.quote, "\xc2\xab");
	assert_true(apply("quote_char \xe2\x80\x9c\n", &p));
	assert_string_equal(p.quote, "\xe2\x80\x9c");
	assert_true(apply("quote_char \"\"\"\"\n", &p));
	assert_string_equal(p.quote, "\"");
	assert_false(apply("quote_char ab\n", &p));
	assert_false(apply("quote_char \xf0\x9f\x98\x80\n", &p));
	assert_false(apply("quote_char \xff\n", &p));
	assert_false(apply("quote_char \xc3\n", &p));
	assert_string_equal(p.quote, "\"");
}

static void test_numbers(void **state)
{
	struct tst_parse p = fresh();

	(void)state;
	assert_true(apply("positions 0 6 +13\n", &p));
	assert_int_equal(p.npositions, 3);
	assert_int_equal(p.positions[2], 13);
	assert_false(apply("positions 0 6 6\n", &p));
	assert_false(apply("positions 0 -6\n", &p));
	assert_true(apply("skip_header_lines 2\n", &p));
	assert_int_equal(p.skip_header_lines, 2);
	assert_true(apply("read_lines 4\n", &p));
	assert_int_equal(p.read_lines, 4);
	assert_true(apply("read_lines\n", &p));
	assert_int_equal(p.read_lines, TST_UNLIMITED);
	assert_false(apply("read_lines 2147483648\n", &p));
	assert_false(apply("skip_header_lines x\n", &p));
}

static void test_strings_and_words(void **state)
{
	struct tst_parse p = fresh();

	(void)state;
	assert_true(apply("key_separator  :  =\n", &p));
	assert_string_equal(p.key_separator, ": =");
	assert_true(apply("parse_mode fixed\n", &p));
	assert_int_equal(p.mode, TST_MODE_FIXED);
	assert_false(apply("parse_mode Fixed\n", &p));
	assert_true(apply("ignore_empty_tokens FALSE\n", &p));
	assert_false(p.ignore_empty);
	assert_false(apply("ignore_empty_tokens no\n", &p));
}

/* Patterns become EREs; a header's section name is a subexpression. */
static void test_patterns(void **state)
{
	struct tst_parse p = fresh();

	(void)state;
	assert_true(apply("section_header_pattern ^(?:x)\\[(.*)\\]$\n", &p));
	assert_non_null(p.header);
	assert_int_equal(p.header_group, 3);
	assert_true(apply("section_footer_pattern ^end$\n", &p));
	assert_non_null(p.footer);
	assert_int_equal(p.header_group, 3);
	assert_false(apply("section_header_pattern ^\\[.*\\]$\n", &p));
	assert_false(apply("section_footer_pattern (?=x)\n", &p));
}

/* Presets set what they list, on top of the settings before them. */
static void test_presets(void **state)
{
	struct tst_parse p = fresh();

	(void)state;
	assert_true(apply("separator |\n", &p));
	assert_true(apply("semicolon_comment_allowed true\n", &p));
	assert_true(apply("syntax apache\n", &p));
	assert_int_equal(p.mode, TST_MODE_TOKENIZED);
	expect_delimiters(&p, "|", 1);
	assert_true(p.hash_comments && p.semicolon_comments);
	assert_non_null(p.header);
	assert_non_null(p.footer);

	p = fresh();
	assert_true(apply("syntax apt\n", &p));
	expect_delimiters(&p, " \t;", 3);
	assert_true(p.slash_comments);
	assert_int_equal(p.header_group, 2);

	p = fresh();
	assert_true(apply("syntax etc_shadow\n", &p));
	expect_delimiters(&p, ":", 1);
	assert_false(p.ignore_empty);
	assert_true(p.hash_comments);
	assert_null(p.header);

	p = fresh();
	assert_true(apply("syntax ini\n", &p));
	assert_int_equal(p.mode, TST_MODE_KEYVALUE);
	assert_string_equal(p.key_separator, "=");
	assert_true(p.key_separator_optional && p.hash_comments && p.semicolon_comments);
	assert_non_null(p.header);
	assert_null(p.footer);
	assert_false(apply("syntax nginx\n", &p));
}

/* inline_comment MARK [after_space|anywhere]: the mark is the word as written. */
static void test_inline_comment(void **state)
{
	struct tst_parse p = fresh();

	(void)state;
	assert_true(apply("inline_comment #\n", &p));
	assert_string_equal(p.inline_comment, "#");
	assert_false(p.inline_comment_anywhere);
	assert_true(apply("inline_comment ; anywhere\n", &p));
	assert_string_equal(p.inline_comment, ";");
	assert_true(p.inline_comment_anywhere);
	assert_true(apply("inline_comment // after_space\n", &p));
	assert_string_equal(p.inline_comment, "//");
	assert_false(p.inline_comment_anywhere);
	assert_true(apply("inline_comment \"-- \"\n", &p));
	assert_string_equal(p.inline_comment, "-- ");
	/* A misspelt placement is an error, not a second mark; nothing changes. */
	assert_false(apply("inline_comment # anywere\n", &p));
	assert_false(apply("inline_comment # ;\n", &p));
	assert_false(apply("inline_comment # Anywhere\n", &p));
	assert_string_equal(p.inline_comment, "-- ");
	assert_false(p.inline_comment_anywhere);
}

static void test_continuation_lines(void **state)
{
	struct tst_parse p = fresh();

	(void)state;
	assert_true(apply("continuation_lines indented\n", &p));
	assert_int_equal(p.continuation, TST_CONTINUATION_INDENTED);
	assert_true(apply("continuation_lines backslash\n", &p));
	assert_int_equal(p.continuation, TST_CONTINUATION_BACKSLASH);
	assert_false(apply("continuation_lines indent\n", &p));
	assert_false(apply("continuation_lines none\n", &p));
	assert_int_equal(p.continuation, TST_CONTINUATION_BACKSLASH);
	/* No preset sets either extension. */
	assert_true(apply("syntax ini\n", &p));
	assert_int_equal(p.continuation, TST_CONTINUATION_BACKSLASH);
	assert_null(p.inline_comment);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_separator),
		cmocka_unit_test(test_quote_char),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_strings_and_words),
		cmocka_unit_test(test_patterns),
		cmocka_unit_test(test_presets),
		cmocka_unit_test(test_inline_comment),
		cmocka_unit_test(test_continuation_lines),
	};
	int failed = cmocka_run_group_tests(tests, NULL, NULL);

	arena_free();
	return failed;
}
