/*
 * Tests for pattern.c: each Java construct is translated, compiled with
 * regcomp(REG_EXTENDED) as the checker does, and run on lines that must and
 * must not match as a whole; each rejected construct must be named in the
 * message and underlined by the offset and length.
 */
#include <regex.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "pattern.h"

/* Translates java (len bytes) and compiles the result; fails the test if either fails. */
static void compile_len(const char *java, size_t len, struct pattern *p, regex_t *re)
{
	struct pattern_error err;

	if (!pattern_translate(java, len, p, &err))
		fail_msg("'%s' rejected at %zu+%zu: %s", java, err.offset, err.length, err.message);
	if (regcomp(re, p->ere, REG_EXTENDED) != 0)
		fail_msg("regcomp rejects '%s' from '%s'", p->ere, java);
	assert_int_equal(re->re_nsub >= (size_t)p->group1, 1);
}

static bool matches_len(const char *java, size_t len, const char *line)
{
	struct pattern p;
	regex_t re;
	int rc;

	compile_len(java, len, &p, &re);
	rc = regexec(&re, line, 0, NULL, 0);
	regfree(&re);
	pattern_free(&p);
	return rc == 0;
}

static bool matches(const char *java, const char *line)
{
	return matches_len(java, strlen(java), line);
}

#define MATCH(java, line) assert_true(matches(java, line))
#define NO_MATCH(java, line) assert_false(matches(java, line))

/* The text of Java's group 1 when java matches line, in a static buffer */
static const char *group1(const char *java, const char *line)
{
	static char text[256];
	struct pattern p;
	regmatch_t m[64];
	regex_t re;

	compile_len(java, strlen(java), &p, &re);
	assert_true(p.group1 > 0 && p.group1 < 64);
	assert_int_equal(regexec(&re, line, 64, m, 0), 0);
	assert_true(m[p.group1].rm_so >= 0);
	snprintf(text, sizeof text, "%.*s", (int)(m[p.group1].rm_eo - m[p.group1].rm_so),
	         line + m[p.group1].rm_so);
	regfree(&re);
	pattern_free(&p);
	return text;
}

/* Asserts that java is rejected at offset+length with a message containing what. */
static void rejected_len(const char *java, size_t len, size_t offset, size_t length,
                         const char *what)
{
	struct pattern p = {(char *)"sentinel", 7};
	struct pattern_error err;

	memset(&err, 0, sizeof err);
	if (pattern_translate(java, len, &p, &err))
		fail_msg("'%s' accepted as '%s'", java, p.ere);
	assert_null(p.ere);
	assert_int_equal(p.group1, 0);
	if (!strstr(err.message, what))
		fail_msg("'%s': message '%s' lacks '%s'", java, err.message, what);
	if (err.offset != offset || err.length != length)
		fail_msg("'%s' (%s): at %zu+%zu, expected %zu+%zu", java, err.message, err.offset,
		         err.length, offset, length);
}

static void rejected(const char *java, size_t offset, size_t length, const char *what)
{
	rejected_len(java, strlen(java), offset, length, what);
}

/* The header and footer patterns of the presets (tstconfig(5), PRESETS) */
#define APACHE_HEADER "^\\s*<(.*)>\\s*$"
#define APACHE_FOOTER "^\\s*</.*>\\s*$"
#define APT_HEADER "^\\s*(\\S+)\\s*\\{\\s*$"
#define APT_FOOTER "^\\s*\\}\\s*;\\s*$"
#define INI_HEADER "^\\s*\\[(.*)\\]\\s*$"

static void test_presets(void **state)
{
	(void)state;
	assert_string_equal(group1(APACHE_HEADER, "<Directory /var/www/>"), "Directory /var/www/");
	assert_string_equal(group1(APACHE_HEADER, "  <VirtualHost *:80>\t"), "VirtualHost *:80");
	NO_MATCH(APACHE_HEADER, "</Directory> x");
	MATCH(APACHE_FOOTER, "</Directory>");
	MATCH(APACHE_FOOTER, "  </VirtualHost>  ");
	NO_MATCH(APACHE_FOOTER, "<Directory />");
	assert_string_equal(group1(APT_HEADER, "APT::Periodic {"), "APT::Periodic");
	assert_string_equal(group1(APT_HEADER, "\tUnattended-Upgrade{"), "Unattended-Upgrade");
	NO_MATCH(APT_HEADER, "a b {");
	MATCH(APT_FOOTER, "};");
	MATCH(APT_FOOTER, "  } ; ");
	NO_MATCH(APT_FOOTER, "}");
	assert_string_equal(group1(INI_HEADER, "[main]"), "main");
	assert_string_equal(group1(INI_HEADER, " [a] [b] "), "a] [b");
	assert_string_equal(group1(INI_HEADER, "[]"), "");
	NO_MATCH(INI_HEADER, "[main] x");
}

static void test_literals(void **state)
{
	(void)state;
	MATCH("abc", "abc");
	NO_MATCH("abc", "abcd");
	NO_MATCH("abc", "xabc");
	NO_MATCH("abc", "ab");
	MATCH("a b,c#d]e}f-g/h", "a b,c#d]e}f-g/h");
	MATCH("\\.\\\\\\[\\{\\$\\^\\(\\)\\*\\+\\?\\|\\]\\}", ".\\[{$^()*+?|]}");
	NO_MATCH("\\.", "x");
	MATCH("\\-\\,\\<\\>\\/\\ \\\"\\'\\~\\#\\&", "-,<>/ \"'~#&");
	MATCH("a\\{2}", "a{2}");
	NO_MATCH("a\\{2}", "aa");
	MATCH("", "");
	NO_MATCH("", "a");
}

static void test_java_escapes(void **state)
{
	(void)state;
	MATCH("a\\tb", "a\tb");
	MATCH("\\n\\r\\f\\a\\e", "\n\r\f\a\033");
	MATCH("\\0101\\01\\0177", "A\001\177");
	MATCH("\\0377", "\xc3\xbf");
	MATCH("\\0400", " 0");
	MATCH("\\x41\\x7a", "Az");
	MATCH("\\x{41}\\x{000042}", "AB");
	MATCH("\\u0041", "A");
	/* escapes above ASCII are UTF-8, like the lines */
	MATCH("\\u00e9", "\xc3\xa9");
	MATCH("\\xe9", "\xc3\xa9");
	MATCH("\\u20AC", "\xe2\x82\xac");
	MATCH("\\x{1F600}", "\xf0\x9f\x98\x80");
	MATCH("\\uD83D\\uDE00", "\xf0\x9f\x98\x80");
	MATCH("\\u20ac+", "\xe2\x82\xac\xe2\x82\xac");
	NO_MATCH("\\u20ac+", "\xe2\x82\xac\xac");
	/* NUL never occurs in a line, so a NUL escape matches nothing */
	NO_MATCH("\\x00", "");
	MATCH("\\x00|a", "a");
	MATCH("a\\x00*", "a");
	MATCH("\\\xc3\xa9", "\xc3\xa9");
}

static void test_dot(void **state)
{
	(void)state;
	MATCH(".", "a");
	MATCH(".", " ");
	MATCH(".", "\t");
	MATCH(".", "\x7f");
	NO_MATCH(".", "\r");
	NO_MATCH(".", "\n");
	NO_MATCH(".", "");
	NO_MATCH(".", "ab");
	MATCH("a.c", "a.c");
	MATCH(".*", "anything at all");
	NO_MATCH(".*", "x\ry");
	MATCH("[.]", ".");
	NO_MATCH("[.]", "a");
}

static void test_shorthand_classes(void **state)
{
	(void)state;
	MATCH("\\s\\s\\s\\s\\s\\s", " \t\n\v\f\r");
	NO_MATCH("\\s", "a");
	NO_MATCH("\\s", "\a");
	MATCH("\\S", "a");
	NO_MATCH("\\S", " ");
	NO_MATCH("\\S", "\v");
	MATCH("\\d+", "0123456789");
	NO_MATCH("\\d", "a");
	MATCH("\\D", "a");
	NO_MATCH("\\D", "5");
	MATCH("\\w+", "azAZ09_");
	NO_MATCH("\\w", "-");
	MATCH("\\W", "-");
	NO_MATCH("\\W", "_");
	MATCH("\\S+", "APT::Periodic");
	MATCH("\\S+", "caf\xc3\xa9");
}

static void test_brackets(void **state)
{
	(void)state;
	MATCH("[abc]", "b");
	NO_MATCH("[abc]", "d");
	NO_MATCH("[abc]", "ab");
	MATCH("[a-c]+", "abcba");
	NO_MATCH("[a-c]", "d");
	MATCH("[^a-c]", "d");
	NO_MATCH("[^a-c]", "b");
	MATCH("[^a]", "\t");
	MATCH("[]a]", "]");
	MATCH("[]a]", "a");
	MATCH("[^]a]", "b");
	NO_MATCH("[^]a]", "]");
	MATCH("[-a]", "-");
	MATCH("[a-]", "-");
	NO_MATCH("[a-]", "b");
	MATCH("[a-z-0]", "-");
	MATCH("[a-z-0]", "0");
	NO_MATCH("[a-z-0]", "1");
	MATCH("[\\d-z]", "-");
	MATCH("[\\d-z]", "z");
	NO_MATCH("[\\d-z]", "y");
	MATCH("[\\]\\[\\\\\\-\\^]+", "][\\-^");
	MATCH("[\\t\\x41\\u0042\\0103]+", "\tABC");
	MATCH("[\\x00-\\x1f]", "\x1f");
	NO_MATCH("[\\x00-\\x1f]", " ");
	MATCH("[^\\S,]", " ");
	NO_MATCH("[^\\S,]", ",");
	NO_MATCH("[^\\S,]", "a");
	MATCH("[\\w.]+", "a.b_c");
	MATCH("[\\s\\S]", "\r");
	MATCH("[\\d\\s]+", "1 2");
	MATCH("[a^]", "^");
	MATCH("[^^]", "a");
	NO_MATCH("[^^]", "^");
	MATCH("[a&b]", "&");
	MATCH("[.=:]+", ".=:");
	MATCH("[\\[]", "[");
}

/* Each bracket is checked byte by byte against the set it was built from. */
static void check_bracket(const bool want[128], bool negate)
{
	char java[1024], line[2];
	size_t n;
	struct pattern p;
	regex_t re;

	/* NUL is a member no line can hold: it keeps an empty set a valid bracket */
	n = snprintf(java, sizeof java, "[%s\\x00", negate ? "^" : "");
	for (int c = 1; c < 128; c++) {
		if (want[c])
			n += snprintf(java + n, sizeof java - n, "\\x%02x", c);
	}
	java[n++] = ']';
	java[n] = '\0';
	compile_len(java, n, &p, &re);
	for (int c = 1; c < 256; c++) {
		bool in = c < 128 ? want[c] != negate : negate;

		line[0] = c;
		line[1] = '\0';
		if ((regexec(&re, line, 0, NULL, 0) == 0) != in)
			fail_msg("%s as %s: byte %d", java, p.ere, c);
	}
	regfree(&re);
	pattern_free(&p);
}

static void test_bracket_emission(void **state)
{
	static const char specials[] = "]-^[.=:\\a";
	uint32_t seed = 12345;
	bool want[128];

	(void)state;
	/* every subset of the characters that are special in a POSIX bracket */
	for (unsigned mask = 0; mask < 1u << 9; mask++) {
		memset(want, 0, sizeof want);
		for (int i = 0; i < 9; i++)
			want[(unsigned char)specials[i]] = mask >> i & 1;
		check_bracket(want, false);
		check_bracket(want, true);
	}
	/* random sets, sparse and dense */
	for (int round = 0; round < 400; round++) {
		for (int c = 0; c < 128; c++) {
			seed = seed * 1103515245 + 12345;
			want[c] = (seed >> 16) % 8 < (unsigned)(round % 8);
		}
		check_bracket(want, round & 1);
	}
	/* everything, and nothing */
	memset(want, 1, sizeof want);
	check_bracket(want, false);
	check_bracket(want, true);
}

static void test_anchors(void **state)
{
	(void)state;
	MATCH("^abc$", "abc");
	MATCH("^abc", "abc");
	MATCH("abc$", "abc");
	NO_MATCH("^abc$", "abcd");
	NO_MATCH("a^b", "ab");
	NO_MATCH("a^b", "a^b");
	NO_MATCH("a$b", "ab");
	MATCH("^a|^b", "b");
	MATCH("(^a)", "a");
	/* Java lets anchors repeat; ERE does not, so the repetition is resolved */
	MATCH("^*a", "a");
	MATCH("^+a$?", "a");
	MATCH("a$*", "a");
	MATCH("(^)*a", "a");
}

static void test_groups(void **state)
{
	struct pattern p;
	struct pattern_error err;

	(void)state;
	MATCH("(ab)+", "abab");
	NO_MATCH("(ab)+", "aba");
	MATCH("(?:ab)+", "abab");
	MATCH("((a)(b))", "ab");
	assert_string_equal(group1("(?:x)(y)", "xy"), "y");
	assert_string_equal(group1("(?:(?:x))(y)(z)", "xyz"), "y");
	assert_string_equal(group1("((a)b)c", "abc"), "ab");
	assert_string_equal(group1("(\\u20ac*)(x)", "\xe2\x82\xac" "x"), "\xe2\x82\xac");
	assert_string_equal(group1("\\u20ac*(x)", "x"), "x");
	assert_string_equal(group1("\xc3\xa9+(x)", "\xc3\xa9x"), "x");
	assert_string_equal(group1("(a*)(a*)", "aaa"), "aaa");
	assert_true(pattern_translate("(?:a)(b)((c))", 13, &p, &err));
	assert_int_equal(p.group1, 3);
	pattern_free(&p);
	assert_null(p.ere);
	assert_true(pattern_translate("a(?:b)", 6, &p, &err));
	assert_int_equal(p.group1, 0);
	pattern_free(&p);
	MATCH("()", "");
	MATCH("(?:)", "");
	MATCH("()*a", "a");
}

/* Whether java, folded as under values_ignore_case, matches line (no REG_ICASE: the translation folds). */
static bool folded_matches(const char *java, const char *line)
{
	struct pattern p;
	struct pattern_error err;
	regex_t re;
	int rc;

	if (!pattern_translate_folded(java, strlen(java), true, &p, &err))
		fail_msg("'%s' rejected: %s", java, err.message);
	if (regcomp(&re, p.ere, REG_EXTENDED) != 0)
		fail_msg("regcomp rejects '%s' from '%s'", p.ere, java);
	rc = regexec(&re, line, 0, NULL, 0);
	regfree(&re);
	pattern_free(&p);
	return rc == 0;
}

/* Java's CASE_INSENSITIVE on ASCII: a class holds both cases of its letters, before it is negated. */
static void test_folded(void **state)
{
	(void)state;
	assert_true(folded_matches("abc", "aBC"));
	assert_true(folded_matches("[_-z]ES", "Yes"));
	assert_true(folded_matches("[\\[-z]+", "YES"));
	assert_false(folded_matches("[^y]es", "Yes"));
	assert_false(folded_matches("[^_-z]", "A"));
	assert_true(folded_matches("[^_-z]", "["));
	assert_false(folded_matches("\\W", "Q"));
	assert_false(folded_matches("\xc3\xa9", "\xc3\x89"));
	assert_false(matches("[_-z]ES", "Yes"));
}

static void test_alternation(void **state)
{
	(void)state;
	MATCH("a|b", "a");
	MATCH("a|b", "b");
	NO_MATCH("a|b", "ab");
	NO_MATCH("a|b", "");
	MATCH("ab|cd", "cd");
	NO_MATCH("ab|cd", "abd");
	MATCH("x(a|b)y", "xby");
	MATCH("(|a)", "");
	MATCH("(|a)", "a");
	MATCH("(a|)", "");
	MATCH("a|", "");
	MATCH("|", "");
	MATCH("(a||b)c", "c");
	assert_string_equal(group1("(a)|b", "a"), "a");
}

static void test_quantifiers(void **state)
{
	char line[256];

	(void)state;
	MATCH("a*", "");
	MATCH("a*", "aaa");
	NO_MATCH("a*", "b");
	MATCH("a+", "a");
	NO_MATCH("a+", "");
	MATCH("ab?c", "ac");
	MATCH("ab?c", "abc");
	NO_MATCH("ab?c", "abbc");
	MATCH("a{3}", "aaa");
	NO_MATCH("a{3}", "aa");
	NO_MATCH("a{3}", "aaaa");
	MATCH("a{2,}", "aaaaa");
	NO_MATCH("a{2,}", "a");
	MATCH("a{2,3}", "aaa");
	NO_MATCH("a{2,3}", "aaaa");
	MATCH("a{0}b", "b");
	MATCH("a{0,0}b", "b");
	memset(line, 'a', 255);
	line[255] = '\0';
	MATCH("a{255}", line);
	MATCH("a{1,255}", line);
	line[254] = '\0';
	NO_MATCH("a{255}", line);
	MATCH("(ab){2}", "abab");
	MATCH("[ab]{2}", "ba");
	MATCH("\\.{2}", "..");
	MATCH("\\s*", " \t");
	/* a quantifier repeats the whole preceding character, even when it is several bytes */
	MATCH("\xc3\xa9+", "\xc3\xa9\xc3\xa9");
	NO_MATCH("\xc3\xa9+", "\xc3\xa9\xa9");
	MATCH("a\xc3\xa9{2}", "a\xc3\xa9\xc3\xa9");
	MATCH("\xe2\x82\xac?x", "x");
	MATCH("\xf0\x9f\x98\x80*", "\xf0\x9f\x98\x80\xf0\x9f\x98\x80");
}

static void test_bytes(void **state)
{
	static const char nul[] = "a\0b";
	static const char nul_bracket[] = "[a\0]";

	(void)state;
	/* bytes above ASCII outside brackets are literal bytes */
	MATCH("caf\xc3\xa9", "caf\xc3\xa9");
	NO_MATCH("caf\xc3\xa9", "cafe");
	MATCH("\xff\x80", "\xff\x80");
	MATCH("\xff*", "\xff\xff");
	MATCH("\x01\x7f", "\x01\x7f");
	rejected_len(nul, sizeof nul - 1, 1, 1, "NUL byte");
	rejected_len(nul_bracket, sizeof nul_bracket - 1, 2, 1, "NUL byte");
	rejected_len("\\\0", 2, 1, 1, "NUL byte");
	/* the explicit length is honoured: what follows is not read */
	assert_true(matches_len("ab(", 2, "ab"));
	rejected("[\xc3\xa9]", 1, 2, "non-ASCII character in a bracket");
	rejected("[a-\\xe9]", 3, 4, "non-ASCII character in a bracket");
	rejected("[\\u20ac]", 1, 6, "non-ASCII character in a bracket");
	rejected("[\xff]", 1, 1, "non-ASCII character in a bracket");
	MATCH("[^\\x00-\\x7f]+", "\xc3\xa9");
}

static void test_unsupported(void **state)
{
	(void)state;
	rejected("a\\1", 1, 2, "back-reference '\\1'");
	rejected("(a)\\9", 3, 2, "back-reference '\\9'");
	rejected("(?<n>a)\\k<n>", 0, 5, "named group '(?<n>'");
	rejected("a\\k<name>", 1, 8, "named back-reference '\\k<");
	rejected("x(?=a)", 1, 3, "look-ahead '(?='");
	rejected("x(?!a)", 1, 3, "negative look-ahead '(?!'");
	rejected("(?<=a)x", 0, 4, "look-behind '(?<='");
	rejected("(?<!a)x", 0, 4, "negative look-behind '(?<!'");
	rejected("a(?<year>\\d+)", 1, 8, "named group '(?<year>'");
	rejected("(?>a)", 0, 3, "atomic group '(?>'");
	rejected("(?i)abc", 0, 4, "inline flags '(?i)'");
	rejected("a(?s:.)", 1, 4, "inline flags '(?s:'");
	rejected("(?-i)a", 0, 5, "inline flags '(?-i)'");
	rejected("(?ix-s:a)", 0, 7, "inline flags '(?ix-s:'");
	rejected("(?#c)", 0, 3, "unknown group construct '(?#'");
	rejected("(?", 0, 2, "unknown group construct");
	rejected("(?<1a>x)", 0, 3, "unknown group construct '(?<'");
	rejected("a*?", 1, 2, "lazy quantifier '*?'");
	rejected("a+?", 1, 2, "lazy quantifier '+?'");
	rejected("a??", 1, 2, "lazy quantifier '?\?'");
	rejected("a{2,3}?", 1, 6, "lazy quantifier '{2,3}?'");
	rejected("a*+", 1, 2, "possessive quantifier '*+'");
	rejected("a++", 1, 2, "possessive quantifier '++'");
	rejected("a?+", 1, 2, "possessive quantifier '?+'");
	rejected("a{2}+", 1, 4, "possessive quantifier '{2}+'");
	rejected("\\bword", 0, 2, "word boundary '\\b'");
	rejected("a\\B", 1, 2, "non-word boundary '\\B'");
	rejected("\\Aa", 0, 2, "'\\A'");
	rejected("a\\z", 1, 2, "'\\z'");
	rejected("a\\Z", 1, 2, "'\\Z'");
	rejected("\\Ga", 0, 2, "'\\G'");
	rejected("x\\p{Alpha}", 1, 9, "Unicode property class '\\p'");
	rejected("\\P{Lu}", 0, 6, "'\\P'");
	rejected("\\pL", 0, 2, "'\\p'");
	rejected("\\Q*\\E", 0, 2, "quotation '\\Q");
	rejected("\\h", 0, 2, "'\\h'");
	rejected("\\H", 0, 2, "'\\H'");
	rejected("\\v", 0, 2, "'\\v'");
	rejected("\\V", 0, 2, "'\\V'");
	rejected("\\R", 0, 2, "'\\R'");
	rejected("\\X", 0, 2, "'\\X'");
	rejected("\\N{DIGIT ONE}", 0, 13, "named character '\\N");
	rejected("\\cA", 0, 3, "control character escape '\\c'");
	rejected("[a-z&&[^x]]", 4, 2, "bracket intersection '&&'");
	rejected("[a[b]]", 2, 1, "nested bracket expression");
	rejected("[\\p{L}]", 1, 5, "'\\p'");
	rejected("[\\b]", 1, 2, "'\\b'");
}

static void test_malformed(void **state)
{
	(void)state;
	rejected("(a", 0, 1, "unclosed group");
	rejected("((a)", 0, 1, "unclosed group");
	rejected("a)", 1, 1, "unbalanced parenthesis");
	rejected("(a))", 3, 1, "unbalanced parenthesis");
	rejected("[abc", 0, 1, "unclosed bracket");
	rejected("x[]", 1, 1, "unclosed bracket");
	rejected("[^]", 0, 1, "unclosed bracket");
	rejected("[a-", 0, 1, "unclosed bracket");
	rejected("[\\", 1, 1, "trailing backslash");
	rejected("*a", 0, 1, "quantifier '*' has nothing to repeat");
	rejected("a**", 2, 1, "nothing to repeat");
	rejected("(|*)", 2, 1, "nothing to repeat");
	rejected("(+)", 1, 1, "nothing to repeat");
	rejected("?", 0, 1, "nothing to repeat");
	rejected("{2}a", 0, 3, "quantifier '{2}' has nothing to repeat");
	rejected("a{2}{3}", 4, 3, "nothing to repeat");
	rejected("a{2,1}", 1, 5, "minimum above its maximum");
	rejected("a{", 1, 1, "'{' does not start an interval");
	rejected("a{x}", 1, 1, "'{' does not start an interval");
	rejected("a{,2}", 1, 1, "'{' does not start an interval");
	rejected("a{2", 1, 2, "unclosed interval '{2'");
	rejected("a{2,x}", 1, 3, "unclosed interval '{2,'");
	rejected("a{256}", 1, 5, "more than 255 times");
	rejected("a{1,300}", 1, 7, "more than 255 times");
	rejected("a{99999999999999999999}", 1, 22, "more than 255 times");
	rejected("ab\\", 2, 1, "trailing backslash");
	rejected("\\y", 0, 2, "unknown escape '\\y'");
	rejected("\\E", 0, 2, "unknown escape '\\E'");
	rejected("[z-a]", 1, 3, "range 'z-a' is out of order");
	rejected("[\\x7a-\\x61]", 1, 9, "out of order");
	rejected("[a-\\d]", 1, 4, "ends with a class");
	rejected("\\0", 0, 2, "octal escape");
	rejected("\\08", 0, 2, "octal escape");
	rejected("\\x4", 0, 2, "'\\x' needs two hexadecimal digits");
	rejected("\\x{}", 0, 3, "'\\x{'");
	rejected("\\x{41", 0, 5, "'\\x{'");
	rejected("\\x{110000}", 0, 9, "above 10FFFF");
	rejected("\\u00e", 0, 2, "'\\u' needs four hexadecimal digits");
	rejected("\\uD800", 0, 6, "lone surrogate");
	rejected("[\\1]", 1, 2, "not valid in a bracket");
}

static void test_limits(void **state)
{
	static char java[300000];
	size_t n;

	(void)state;
	/* nesting to the limit works, one more is rejected, without recursion in either */
	memset(java, '(', 1000);
	java[1000] = 'a';
	memset(java + 1001, ')', 1000);
	assert_true(matches_len(java, 2001, "a"));
	memset(java, '(', 1001);
	rejected_len(java, 1001, 1000, 1, "nested more than 1000 deep");
	memset(java, '(', sizeof java);
	rejected_len(java, sizeof java, 1000, 1, "nested more than 1000 deep");
	/* repetitions that glibc would expand into millions of states */
	rejected("((a{255}){255}){255}", 9, 5, "too costly to match: more than 4096 elements");
	rejected("(.{0,100}){0,100}", 10, 7, "too costly to match: more than 4096 elements");
	MATCH("((a{4}){4}){4}|b", "b");
	MATCH("((a{4}){4}){4}", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
	MATCH("(.{0,16}){0,32}", "x");
	MATCH("[a-z]{1,255}(\\.[a-z]{1,255}){0,4}", "a.b");
	/* stars nested deeper than four take regcomp minutes; four are fine */
	MATCH("((((a*)*)*)*)x", "aax");
	rejected("(((((a*)*)*)*)*)", 14, 1, "repetitions nested more than 4 deep");
	/* a very long pattern is refused, not crashed on */
	memset(java, 'a', sizeof java);
	rejected_len(java, sizeof java, 20000, 1, "pattern too large");
	for (n = 0; n + 2 <= sizeof java; n += 2)
		memcpy(java + n, "\\.", 2);
	rejected_len(java, n, 40000, 2, "pattern too large");
	memset(java, '[', sizeof java);
	rejected_len(java, sizeof java, 1, 1, "nested bracket");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_presets),
		cmocka_unit_test(test_literals),
		cmocka_unit_test(test_java_escapes),
		cmocka_unit_test(test_dot),
		cmocka_unit_test(test_shorthand_classes),
		cmocka_unit_test(test_brackets),
		cmocka_unit_test(test_bracket_emission),
		cmocka_unit_test(test_anchors),
		cmocka_unit_test(test_groups),
		cmocka_unit_test(test_alternation),
		cmocka_unit_test(test_quantifiers),
		cmocka_unit_test(test_bytes),
		cmocka_unit_test(test_unsupported),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_folded),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
