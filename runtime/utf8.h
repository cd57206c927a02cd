/*
 * UTF-8, the one decoder the compiler and the runtime share: definitions,
 * configuration files and command output are bytes that are mostly, but
 * not always, UTF-8.
 */
#ifndef TST_UTF8_H
#define TST_UTF8_H

#include <stddef.h>

/* Length of the valid UTF-8 sequence of two or more bytes at s[0..n), or 0. */
size_t tst_utf8_seq(const unsigned char *s, size_t n);

/*
 * Bytes that one character takes at s[0..n), n > 0, as Java's UTF-8
 * decoder reads them: a valid sequence, or else the longest start of one,
 * which it replaces with one U+FFFD; at least one byte.  Unlike Unicode's
 * advice, Java takes an encoded surrogate (ED A0..BF 80..BF) as one.
 */
size_t tst_utf8_unit(const unsigned char *s, size_t n);

/* The code point of the valid sequence of len bytes at s. */
unsigned long tst_utf8_code_point(const unsigned char *s, size_t len);

/* U+FFFE and U+FFFF: valid UTF-8, but neither XML nor YAML takes them. */
static inline int tst_noncharacter(unsigned long cp)
{
	return cp == 0xfffe || cp == 0xffff;
}

#endif
