/*
 * ASCII case folding for keys_ignore_case and values_ignore_case
 * (tstconfig(5), EXTENSIONS), shared by the compiler and the runtime.
 * Only A-Z and a-z fold, whatever the locale: configuration keywords are
 * ASCII, and bytes of UTF-8 sequences must never change.  And the test
 * for text that is all ASCII, where characters are bytes (fixed rows).
 */
#ifndef TST_ASCII_H
#define TST_ASCII_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

static inline unsigned char tst_ascii_lower(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c + ('a' - 'A')) : c;
}

/* Whether a[0..n) and b[0..n) are equal ignoring ASCII case. */
static inline bool tst_ascii_ieq(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (tst_ascii_lower((unsigned char)a[i]) != tst_ascii_lower((unsigned char)b[i]))
			return false;
	return true;
}

/* strcmp ignoring ASCII case, as far as equality goes: 0 when equal. */
static inline int tst_ascii_casecmp(const char *a, const char *b)
{
	size_t i = 0;

	while (a[i] && tst_ascii_lower((unsigned char)a[i]) == tst_ascii_lower((unsigned char)b[i]))
		i++;
	return tst_ascii_lower((unsigned char)a[i]) - tst_ascii_lower((unsigned char)b[i]);
}

/* Whether s[0..n) holds only ASCII, eight bytes at a time: a fixed row's positions are then byte offsets. */
static inline bool tst_is_ascii(const char *s, size_t n)
{
	uint64_t w, high = 0;
	size_t i = 0;

	for (; i + 8 <= n; i += 8) {
		memcpy(&w, s + i, 8);
		high |= w;
	}
	for (; i < n; i++)
		high |= (unsigned char)s[i];
	return !(high & 0x8080808080808080ULL);
}

#endif
