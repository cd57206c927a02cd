/*
 * Lines to rows: which lines are blank or comments, and how fixed and
 * keyvalue lines are cut.  The definitions follow the original's Java
 * (String.trim, Character.isWhitespace, the comment patterns `^\s*#.*$`),
 * so that the same input gives the same table.
 */
#include <string.h>

#include "ascii.h"
#include "internal.h"

/* Java's `\s`, without the Unicode flag. */
static bool is_java_space(unsigned char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

/*
 * Java's `.` stops at line terminators, so `#.*$` fails on a comment that
 * holds a CR (command output with CRLF endings) or U+0085, U+2028, U+2029.
 */
static bool dot_matches_all(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '\r' || c == '\n')
			return false;
		if (c == 0xc2 && i + 1 < n && (unsigned char)s[i + 1] == 0x85)
			return false;
		if (c == 0xe2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
		    ((unsigned char)s[i + 2] == 0xa8 || (unsigned char)s[i + 2] == 0xa9))
			return false;
	}
	return true;
}

unsigned tst_comment_styles(const struct tst_parse *p)
{
	return (p->hash_comments ? TST_COMMENT_HASH : 0) | (p->slash_comments ? TST_COMMENT_SLASH : 0) |
	       (p->semicolon_comments ? TST_COMMENT_SEMICOLON : 0);
}

bool tst_is_comment(const char *s, size_t n, unsigned styles)
{
	size_t i = 0, mark;

	if (!styles)
		return false;
	while (i < n && is_java_space((unsigned char)s[i]))
		i++;
	if (i < n && s[i] == '#' && (styles & TST_COMMENT_HASH))
		mark = 1;
	else if (i < n && s[i] == ';' && (styles & TST_COMMENT_SEMICOLON))
		mark = 1;
	else if (i + 1 < n && s[i] == '/' && s[i + 1] == '/' && (styles & TST_COMMENT_SLASH))
		mark = 2;
	else
		return false;
	return dot_matches_all(s + i + mark, n - i - mark);
}

/*
 * Byte offset of character position pos, counting as Java does (a
 * character beyond U+FFFF is two, a malformed sequence one U+FFFD);
 * positions past the end give n.
 */
static size_t char_offset(const char *s, size_t n, size_t pos, size_t *byte, size_t *chars)
{
	while (*chars < pos && *byte < n) {
		size_t len = tst_utf8_unit((const unsigned char *)s + *byte, n - *byte);
		*byte += len;
		*chars += len == 4 ? 2 : 1;
	}
	return *byte;
}


void tst_row_fixed(const size_t *pos, size_t npos, const char *s, size_t n, struct tst_fields *out,
		   size_t limit)
{
	size_t byte = 0, chars = 0, start, end, count = limit < npos ? limit : npos;
	bool ascii = tst_is_ascii(s, n);

	start = ascii ? (pos[0] < n ? pos[0] : n) : char_offset(s, n, pos[0], &byte, &chars);
	for (size_t i = 0; i < count; i++) {
		if (i + 1 == npos)
			end = n;
		else if (ascii)
			end = pos[i + 1] < n ? pos[i + 1] : n;
		else
			end = char_offset(s, n, pos[i + 1], &byte, &chars);
		struct tst_str f = tst_trim(s + start, end - start);
		tst_fields_add(out, f.s, f.n);
		start = end;
	}
}

const char *tst_find(const char *s, size_t n, const char *needle, size_t m)
{
	if (m == 1)
		return memchr(s, needle[0], n);
	if (m == 0)
		return s;
	while (n >= m) {
		const char *p = memchr(s, needle[0], n - m + 1);
		if (!p)
			return NULL;
		if (memcmp(p, needle, m) == 0)
			return p;
		n -= (size_t)(p - s) + 1;
		s = p + 1;
	}
	return NULL;
}

bool tst_row_keyvalue(const struct tst_tokenizer *t, const char *sep, size_t m, bool optional,
		      const char *s, size_t n, struct tst_fields *out, size_t limit)
{
	const char *at = tst_find(s, n, sep, m);
	struct tst_str key, rest;

	if (!at && !optional)
		return false;
	key = tst_trim(s, at ? (size_t)(at - s) : n);
	tst_fields_add(out, key.s, key.n);
	if (at && limit > 1) {
		rest = tst_trim(at + m, n - (size_t)(at - s) - m);
		tst_tokenize_some(t, rest.s, rest.n, out, limit);
	}
	return true;
}
