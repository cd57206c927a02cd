/*
 * ASCII case folding for keys_ignore_case and values_ignore_case
 * (tstconfig(5), EXTENSIONS), shared by the compiler and the runtime.
 * Only A-Z and a-z fold, whatever the locale: configuration keywords are
 * ASCII, and bytes of UTF-8 sequences must never change.
 */
#ifndef TST_ASCII_H
#define TST_ASCII_H

#include <stdbool.h>
#include <stddef.h>

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

#endif
