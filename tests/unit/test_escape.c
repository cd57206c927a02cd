/*
 * Unit tests for runtime/json.c and runtime/escape.c: the exact bytes each
 * escaper writes.
 * tst_put_json makes a JSON string that is also a YAML double-quoted
 * scalar (TAP's diagnostics): quote and backslash are escaped, \n and \t
 * have their short forms, every other control byte, DEL, each byte of
 * invalid or truncated UTF-8, the C1 controls and U+FFFE/U+FFFF become
 * \u00XX (lower-case hex), and valid UTF-8 passes through.  tst_put_xml
 * makes character data or an attribute value: the five markup characters
 * become entities, \n and \t pass in text and become character references
 * in attributes, \r always does, and the other controls, bytes of invalid
 * UTF-8 and U+FFFE/U+FFFF become '?'.  tst_put_value joins a value's items
 * with one space, unescaped.
 *
 * Each output is written to a memory stream and compared whole; a miss
 * prints both sides with their bytes made visible.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"

/* A stream that collects into memory; done() closes it. */
struct sink {
	FILE *f;
	char *buf;
	size_t len;
};

static void open_sink(struct sink *s)
{
	s->buf = NULL;
	s->len = 0;
	s->f = open_memstream(&s->buf, &s->len);
	assert_non_null(s->f);
}

/* Prints n bytes, each backslash doubled and bytes outside printable ASCII as \xHH. */
static void print_visible(const char *label, const char *s, size_t n)
{
	print_error("%s [", label);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '\\')
			print_error("\\\\");
		else if (c >= 0x20 && c < 0x7f)
			print_error("%c", c);
		else
			print_error("\\x%02x", c);
	}
	print_error("] (%zu bytes)\n", n);
}

/*
 * Closes the sink and checks it holds exactly want[0..nwant); a miss names
 * the test's line.
 */
static void expect_sink(struct sink *s, const char *in, size_t nin, const char *want, size_t nwant, int line)
{
	bool same;

	assert_int_equal(fclose(s->f), 0);
	same = s->len == nwant && memcmp(s->buf, want, nwant) == 0;
	if (!same) {
		print_visible("input", in, nin);
		print_visible("got  ", s->buf, s->len);
		print_visible("want ", want, nwant);
	}
	free(s->buf);
	if (!same)
		fail_msg("%s:%d: output differs", __FILE__, line);
}

static void check_json(const char *in, size_t n, const char *want, size_t nwant, int line)
{
	struct sink s;

	open_sink(&s);
	tst_put_json(s.f, in, n);
	expect_sink(&s, in, n, want, nwant, line);
}

static void check_xml(const char *in, size_t n, bool attribute, const char *want, size_t nwant, int line)
{
	struct sink s;

	open_sink(&s);
	tst_put_xml(s.f, in, n, attribute);
	expect_sink(&s, in, n, want, nwant, line);
}

/*
 * The literal's every byte is the input (embedded NULs too, the final one
 * not); the expected output is a plain string.  JSON's output includes
 * the quotes around it.
 */
#define JSON(in, want) check_json((in), sizeof(in) - 1, (want), strlen(want), __LINE__)
#define TEXT(in, want) check_xml((in), sizeof(in) - 1, false, (want), strlen(want), __LINE__)
#define ATTR(in, want) check_xml((in), sizeof(in) - 1, true, (want), strlen(want), __LINE__)
/* The first n bytes of the literal as the input. */
#define JSON_N(in, n, want) check_json((in), (n), (want), strlen(want), __LINE__)
#define TEXT_N(in, n, want) check_xml((in), (n), false, (want), strlen(want), __LINE__)
#define ATTR_N(in, n, want) check_xml((in), (n), true, (want), strlen(want), __LINE__)
/* Both XML forms alike. */
#define XML(in, want) do { TEXT(in, want); ATTR(in, want); } while (0)

/* The UTF-8 encoding of cp into buf (4 bytes at most); returns its length. */
static size_t encode(unsigned long cp, char *buf)
{
	unsigned char *b = (unsigned char *)buf;

	if (cp < 0x80) {
		b[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		b[0] = (unsigned char)(0xc0 | cp >> 6);
		b[1] = (unsigned char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		b[0] = (unsigned char)(0xe0 | cp >> 12);
		b[1] = (unsigned char)(0x80 | (cp >> 6 & 0x3f));
		b[2] = (unsigned char)(0x80 | (cp & 0x3f));
		return 3;
	}
	b[0] = (unsigned char)(0xf0 | cp >> 18);
	b[1] = (unsigned char)(0x80 | (cp >> 12 & 0x3f));
	b[2] = (unsigned char)(0x80 | (cp >> 6 & 0x3f));
	b[3] = (unsigned char)(0x80 | (cp & 0x3f));
	return 4;
}

/* JSON */

static void test_json_empty(void **state)
{
	(void)state;
	JSON("", "\"\"");
	/* n is the length: nothing past it is read, a NUL included. */
	JSON_N("abc", 0, "\"\"");
	JSON_N("abc", 2, "\"ab\"");
}

static void test_json_plain_ascii(void **state)
{
	(void)state;
	JSON("a", "\"a\"");
	JSON("PermitRootLogin no", "\"PermitRootLogin no\"");
	/* Printable ASCII passes, '/' and '\'' too, from ' ' to '~'. */
	JSON(" !#$%&'()*+,-./0123456789:;<=>?@", "\" !#$%&'()*+,-./0123456789:;<=>?@\"");
	JSON("ABCXYZ[]^_`abcxyz{|}~", "\"ABCXYZ[]^_`abcxyz{|}~\"");
}

static void test_json_quote_and_backslash(void **state)
{
	(void)state;
	JSON("\"", "\"\\\"\"");
	JSON("\\", "\"\\\\\"");
	JSON("a\"b\\c", "\"a\\\"b\\\\c\"");
	JSON("\\\"", "\"\\\\\\\"\"");
	JSON("\"\"", "\"\\\"\\\"\"");
	JSON("\\\\", "\"\\\\\\\\\"");
	/* '\'' needs no escape in JSON, and must not get one. */
	JSON("'", "\"'\"");
}

static void test_json_newline_and_tab(void **state)
{
	(void)state;
	JSON("\n", "\"\\n\"");
	JSON("\t", "\"\\t\"");
	JSON("a\nb\tc", "\"a\\nb\\tc\"");
	JSON("\n\n\t\t", "\"\\n\\n\\t\\t\"");
}

static void test_json_other_controls(void **state)
{
	(void)state;
	/* No short forms but \n and \t: \r, \b, \f are \u00XX like the rest. */
	JSON("\r", "\"\\u000d\"");
	JSON("\b", "\"\\u0008\"");
	JSON("\f", "\"\\u000c\"");
	JSON("\x01", "\"\\u0001\"");
	JSON("\x0b", "\"\\u000b\"");
	JSON("\x1b[0m", "\"\\u001b[0m\"");
	JSON("\x1f", "\"\\u001f\"");
	JSON("a\r\nb", "\"a\\u000d\\nb\"");
}

static void test_json_nul(void **state)
{
	(void)state;
	JSON("\0", "\"\\u0000\"");
	JSON("a\0b", "\"a\\u0000b\"");
	JSON("\0\0", "\"\\u0000\\u0000\"");
	JSON("b 2\0hidden", "\"b 2\\u0000hidden\"");
}

static void test_json_del(void **state)
{
	(void)state;
	JSON("\x7f", "\"\\u007f\"");
	JSON("a\x7f" "b", "\"a\\u007fb\"");
	JSON("~\x7f", "\"~\\u007f\"");
}

/* Every single byte, against the rule written out plainly. */
static void test_json_every_byte(void **state)
{
	(void)state;
	for (int b = 0; b < 256; b++) {
		char in[1] = {(char)b}, want[16];
		int n;

		if (b == '"' || b == '\\')
			n = snprintf(want, sizeof want, "\"\\%c\"", b);
		else if (b == '\n')
			n = snprintf(want, sizeof want, "\"\\n\"");
		else if (b == '\t')
			n = snprintf(want, sizeof want, "\"\\t\"");
		else if (b < 0x20 || b >= 0x7f)
			n = snprintf(want, sizeof want, "\"\\u%04x\"", b);
		else
			n = snprintf(want, sizeof want, "\"%c\"", b);
		check_json(in, 1, want, (size_t)n, __LINE__);
	}
}

static void test_json_valid_utf8_passes(void **state)
{
	(void)state;
	/* 2 bytes: U+00A0 (the first past the C1 controls), é, U+07FF. */
	JSON("\xc2\xa0", "\"\xc2\xa0\"");
	JSON("caf\xc3\xa9", "\"caf\xc3\xa9\"");
	JSON("\xdf\xbf", "\"\xdf\xbf\"");
	/* 3 bytes: U+0800, €, U+D7FF (before the surrogates), U+E000, U+FFFD. */
	JSON("\xe0\xa0\x80", "\"\xe0\xa0\x80\"");
	JSON("\xe2\x82\xac", "\"\xe2\x82\xac\"");
	JSON("\xed\x9f\xbf", "\"\xed\x9f\xbf\"");
	JSON("\xee\x80\x80", "\"\xee\x80\x80\"");
	JSON("\xef\xbf\xbd", "\"\xef\xbf\xbd\"");
	/* U+2028, U+FEFF: valid, passed as they are. */
	JSON("\xe2\x80\xa8", "\"\xe2\x80\xa8\"");
	JSON("\xef\xbb\xbf", "\"\xef\xbb\xbf\"");
	/* 4 bytes: U+10000, an emoji, U+10FFFF, and U+1FFFE (only U+FFFE/U+FFFF are escaped). */
	JSON("\xf0\x90\x80\x80", "\"\xf0\x90\x80\x80\"");
	JSON("\xf0\x9f\x98\x80", "\"\xf0\x9f\x98\x80\"");
	JSON("\xf4\x8f\xbf\xbf", "\"\xf4\x8f\xbf\xbf\"");
	JSON("\xf0\x9f\xbf\xbe", "\"\xf0\x9f\xbf\xbe\"");
	/* Mixed with ASCII and escapes. */
	JSON("\"\xc3\xa9\"\n\xe2\x82\xac\\\xf0\x9f\x98\x80",
	     "\"\\\"\xc3\xa9\\\"\\n\xe2\x82\xac\\\\\xf0\x9f\x98\x80\"");
}

static void test_json_c1_controls(void **state)
{
	(void)state;
	/* U+0080..U+009F: valid UTF-8, but YAML wants them escaped. */
	JSON("\xc2\x80", "\"\\u0080\"");
	JSON("\xc2\x85", "\"\\u0085\"");
	JSON("\xc2\x9f", "\"\\u009f\"");
	JSON("c\xc2\x85" "d\xc2\x80" "e", "\"c\\u0085d\\u0080e\"");
}

static void test_json_noncharacters(void **state)
{
	(void)state;
	JSON("\xef\xbf\xbe", "\"\\ufffe\"");
	JSON("\xef\xbf\xbf", "\"\\uffff\"");
	JSON("a\xef\xbf\xbe" "b", "\"a\\ufffeb\"");
	/* Their neighbour U+FFFD is an ordinary character. */
	JSON("\xef\xbf\xbd\xef\xbf\xbe\xef\xbf\xbf", "\"\xef\xbf\xbd\\ufffe\\uffff\"");
}

/* Every code point of 2 and 3 bytes, and a sample of 4, against the rule. */
static void test_json_every_code_point(void **state)
{
	(void)state;
	for (unsigned long cp = 0x80; cp <= 0x10ffff; cp += cp < 0x10000 ? 1 : 0x3ff) {
		char in[4], want[16];
		size_t n;
		int nwant;

		if (cp >= 0xd800 && cp <= 0xdfff)
			continue;
		n = encode(cp, in);
		if (cp <= 0x9f || cp == 0xfffe || cp == 0xffff)
			nwant = snprintf(want, sizeof want, "\"\\u%04lx\"", cp);
		else
			nwant = snprintf(want, sizeof want, "\"%.*s\"", (int)n, in);
		check_json(in, n, want, (size_t)nwant, __LINE__);
	}
}

static void test_json_invalid_utf8(void **state)
{
	(void)state;
	/* Lone continuation bytes, and bytes that never start a sequence. */
	JSON("\x80", "\"\\u0080\"");
	JSON("\xbf", "\"\\u00bf\"");
	JSON("\xc0", "\"\\u00c0\"");
	JSON("\xc1", "\"\\u00c1\"");
	JSON("\xf5", "\"\\u00f5\"");
	JSON("\xfe\xff", "\"\\u00fe\\u00ff\"");
	JSON("k \xff\xfe 5", "\"k \\u00ff\\u00fe 5\"");
	/* Overlong forms: each byte on its own. */
	JSON("\xc0\xaf", "\"\\u00c0\\u00af\"");
	JSON("\xc1\xbf", "\"\\u00c1\\u00bf\"");
	JSON("\xe0\x80\xaf", "\"\\u00e0\\u0080\\u00af\"");
	JSON("\xe0\x9f\xbf", "\"\\u00e0\\u009f\\u00bf\"");
	JSON("\xf0\x80\x80\xaf", "\"\\u00f0\\u0080\\u0080\\u00af\"");
	JSON("\xf0\x8f\xbf\xbf", "\"\\u00f0\\u008f\\u00bf\\u00bf\"");
	/* Surrogates U+D800 and U+DFFF, encoded. */
	JSON("\xed\xa0\x80", "\"\\u00ed\\u00a0\\u0080\"");
	JSON("\xed\xbf\xbf", "\"\\u00ed\\u00bf\\u00bf\"");
	/* Past U+10FFFF. */
	JSON("\xf4\x90\x80\x80", "\"\\u00f4\\u0090\\u0080\\u0080\"");
	/* A lead byte followed by something that does not continue it. */
	JSON("\xc3" "A", "\"\\u00c3A\"");
	JSON("\xc3\xc3\xa9", "\"\\u00c3\xc3\xa9\"");
	JSON("\xe2\x82" "A", "\"\\u00e2\\u0082A\"");
	JSON("\xf0\x9f\x98" "A", "\"\\u00f0\\u009f\\u0098A\"");
	JSON("\xe2\x82\n", "\"\\u00e2\\u0082\\n\"");
}

static void test_json_truncated(void **state)
{
	(void)state;
	/* Sequences cut by the end of the input. */
	JSON("\xc3", "\"\\u00c3\"");
	JSON("a\xc3", "\"a\\u00c3\"");
	JSON("\xe2\x82", "\"\\u00e2\\u0082\"");
	JSON("\xf0\x9f\x98", "\"\\u00f0\\u009f\\u0098\"");
	JSON("\xf0\x9f", "\"\\u00f0\\u009f\"");
	/* ... and by n, with the rest of the sequence in memory past it. */
	JSON_N("\xc3\xa9", 1, "\"\\u00c3\"");
	JSON_N("\xe2\x82\xac", 2, "\"\\u00e2\\u0082\"");
	JSON_N("x\xf0\x9f\x98\x80", 4, "\"x\\u00f0\\u009f\\u0098\"");
	JSON_N("\xef\xbf\xbe", 2, "\"\\u00ef\\u00bf\"");
}

/* XML */

static void test_xml_empty(void **state)
{
	(void)state;
	XML("", "");
	TEXT_N("abc", 0, "");
	ATTR_N("a&c", 2, "a&amp;");
}

static void test_xml_markup(void **state)
{
	(void)state;
	XML("&", "&amp;");
	XML("<", "&lt;");
	XML(">", "&gt;");
	XML("\"", "&quot;");
	XML("a<b>&\"c\"", "a&lt;b&gt;&amp;&quot;c&quot;");
	XML("&amp;", "&amp;amp;");
	XML("]]>", "]]&gt;");
	/* No escape for these, in either form. */
	XML("'", "'");
	XML("\\", "\\");
	XML("plain text 123 ~", "plain text 123 ~");
}

static void test_xml_whitespace(void **state)
{
	(void)state;
	/* Text keeps \n and \t; an attribute value would normalize them, so it gets references. */
	TEXT("\n", "\n");
	TEXT("\t", "\t");
	TEXT("a\nb\tc", "a\nb\tc");
	ATTR("\n", "&#10;");
	ATTR("\t", "&#9;");
	ATTR("a\nb\tc", "a&#10;b&#9;c");
	/* \r would be lost to line-end normalization in both. */
	XML("\r", "&#13;");
	TEXT("a\r\nb", "a&#13;\nb");
	ATTR("a\r\nb", "a&#13;&#10;b");
}

static void test_xml_controls(void **state)
{
	(void)state;
	XML("\0", "?");
	XML("a\0b", "a?b");
	XML("\x01", "?");
	XML("\b", "?");
	XML("\x0b\x0c", "??");
	XML("\x1b[0m", "?[0m");
	XML("\x1f", "?");
	/* DEL is a character XML 1.0 allows: it passes. */
	XML("\x7f", "\x7f");
	/* So do the C1 controls, as valid UTF-8. */
	XML("c\xc2\x85" "d\xc2\x80" "e\xc2\x9f", "c\xc2\x85" "d\xc2\x80" "e\xc2\x9f");
}

/* Every single byte, against the rule written out plainly. */
static void test_xml_every_byte(void **state)
{
	(void)state;
	for (int attribute = 0; attribute <= 1; attribute++) {
		for (int b = 0; b < 256; b++) {
			char in[1] = {(char)b}, want[8];
			int n;

			if (b == '&')
				n = snprintf(want, sizeof want, "&amp;");
			else if (b == '<')
				n = snprintf(want, sizeof want, "&lt;");
			else if (b == '>')
				n = snprintf(want, sizeof want, "&gt;");
			else if (b == '"')
				n = snprintf(want, sizeof want, "&quot;");
			else if ((b == '\n' || b == '\t') && !attribute)
				n = snprintf(want, sizeof want, "%c", b);
			else if (b == '\n' || b == '\t' || b == '\r')
				n = snprintf(want, sizeof want, "&#%d;", b);
			else if (b < 0x20 || b >= 0x80)
				n = snprintf(want, sizeof want, "?");
			else
				n = snprintf(want, sizeof want, "%c", b);
			check_xml(in, 1, attribute, want, (size_t)n, __LINE__);
		}
	}
}

static void test_xml_valid_utf8_passes(void **state)
{
	(void)state;
	XML("\xc2\xa0", "\xc2\xa0");
	XML("caf\xc3\xa9", "caf\xc3\xa9");
	XML("\xdf\xbf", "\xdf\xbf");
	XML("\xe0\xa0\x80", "\xe0\xa0\x80");
	XML("\xe2\x82\xac", "\xe2\x82\xac");
	XML("\xed\x9f\xbf", "\xed\x9f\xbf");
	XML("\xef\xbf\xbd", "\xef\xbf\xbd");
	XML("\xf0\x90\x80\x80", "\xf0\x90\x80\x80");
	XML("\xf0\x9f\x98\x80", "\xf0\x9f\x98\x80");
	XML("\xf4\x8f\xbf\xbf", "\xf4\x8f\xbf\xbf");
	XML("\xf0\x9f\xbf\xbe", "\xf0\x9f\xbf\xbe");
	XML("<\xc3\xa9>&\xe2\x82\xac", "&lt;\xc3\xa9&gt;&amp;\xe2\x82\xac");
}

static void test_xml_noncharacters(void **state)
{
	(void)state;
	/* One '?' for the whole character. */
	XML("\xef\xbf\xbe", "?");
	XML("\xef\xbf\xbf", "?");
	XML("a\xef\xbf\xbe" "b", "a?b");
	XML("\xef\xbf\xbd\xef\xbf\xbe\xef\xbf\xbf", "\xef\xbf\xbd??");
}

/* Every code point of 2 and 3 bytes, and a sample of 4, against the rule. */
static void test_xml_every_code_point(void **state)
{
	(void)state;
	for (unsigned long cp = 0x80; cp <= 0x10ffff; cp += cp < 0x10000 ? 1 : 0x3ff) {
		char in[4];
		size_t n;

		if (cp >= 0xd800 && cp <= 0xdfff)
			continue;
		n = encode(cp, in);
		if (cp == 0xfffe || cp == 0xffff) {
			check_xml(in, n, false, "?", 1, __LINE__);
			check_xml(in, n, true, "?", 1, __LINE__);
		} else {
			check_xml(in, n, false, in, n, __LINE__);
			check_xml(in, n, true, in, n, __LINE__);
		}
	}
}

static void test_xml_invalid_utf8(void **state)
{
	(void)state;
	/* One '?' a byte. */
	XML("\x80", "?");
	XML("\xc0\xaf", "??");
	XML("\xc1\xbf", "??");
	XML("\xe0\x80\xaf", "???");
	XML("\xed\xa0\x80", "???");
	XML("\xf0\x8f\xbf\xbf", "????");
	XML("\xf4\x90\x80\x80", "????");
	XML("\xf5\xfe\xff", "???");
	XML("k \xff\xfe 5", "k ?? 5");
	XML("\xc3" "A", "?A");
	XML("\xc3\xc3\xa9", "?\xc3\xa9");
	XML("\xe2\x82<", "??&lt;");
}

static void test_xml_truncated(void **state)
{
	(void)state;
	XML("\xc3", "?");
	XML("a\xc3", "a?");
	XML("\xe2\x82", "??");
	XML("\xf0\x9f\x98", "???");
	TEXT_N("\xc3\xa9", 1, "?");
	ATTR_N("\xe2\x82\xac", 2, "??");
	TEXT_N("x\xf0\x9f\x98\x80", 4, "x???");
	/* A noncharacter cut short is invalid bytes, not a noncharacter. */
	TEXT_N("\xef\xbf\xbe", 2, "??");
}

/* tst_put_value */

static void check_value(const struct tst_str *items, size_t n, const char *want, size_t nwant, int line)
{
	struct tst_value v = {0};
	struct sink s;

	tst_value_clear(&v);
	for (size_t i = 0; i < n; i++)
		tst_value_push(&v, items[i]);
	open_sink(&s);
	tst_put_value(s.f, &v);
	expect_sink(&s, "", 0, want, nwant, line);
	tst_value_free(&v);
}

/* An item of the literal's every byte; MISSING, an item beyond the row. */
#define S(lit) ((struct tst_str){(lit), sizeof(lit) - 1})
#define MISSING ((struct tst_str){NULL, 0})
#define VALUE(want, ...) check_value((const struct tst_str[]){__VA_ARGS__}, \
	sizeof((const struct tst_str[]){__VA_ARGS__}) / sizeof(struct tst_str), (want), sizeof(want) - 1, __LINE__)

static void test_value(void **state)
{
	struct tst_value undefined = {0};
	struct sink s;

	(void)state;
	/* Nothing for an undefined value, or a defined one of no items. */
	open_sink(&s);
	tst_put_value(s.f, &undefined);
	expect_sink(&s, "", 0, "", 0, __LINE__);
	check_value(NULL, 0, "", 0, __LINE__);
	VALUE("a", S("a"));
	VALUE("a b", S("a"), S("b"));
	VALUE("a b c", S("a"), S("b c"));
	/* Empty and missing items are empty text between their spaces. */
	VALUE(" ", S(""), S(""));
	VALUE("a  c", S("a"), MISSING, S("c"));
	VALUE("a  ", S("a"), S(""), MISSING);
	/* No escaping: the bytes as they are, NUL, quotes and invalid UTF-8 included. */
	VALUE("x\0y \"<&>\" \xff\n", S("x\0y"), S("\"<&>\""), S("\xff\n"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_json_empty),
		cmocka_unit_test(test_json_plain_ascii),
		cmocka_unit_test(test_json_quote_and_backslash),
		cmocka_unit_test(test_json_newline_and_tab),
		cmocka_unit_test(test_json_other_controls),
		cmocka_unit_test(test_json_nul),
		cmocka_unit_test(test_json_del),
		cmocka_unit_test(test_json_every_byte),
		cmocka_unit_test(test_json_valid_utf8_passes),
		cmocka_unit_test(test_json_c1_controls),
		cmocka_unit_test(test_json_noncharacters),
		cmocka_unit_test(test_json_every_code_point),
		cmocka_unit_test(test_json_invalid_utf8),
		cmocka_unit_test(test_json_truncated),
		cmocka_unit_test(test_xml_empty),
		cmocka_unit_test(test_xml_markup),
		cmocka_unit_test(test_xml_whitespace),
		cmocka_unit_test(test_xml_controls),
		cmocka_unit_test(test_xml_every_byte),
		cmocka_unit_test(test_xml_valid_utf8_passes),
		cmocka_unit_test(test_xml_noncharacters),
		cmocka_unit_test(test_xml_every_code_point),
		cmocka_unit_test(test_xml_invalid_utf8),
		cmocka_unit_test(test_xml_truncated),
		cmocka_unit_test(test_value),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
