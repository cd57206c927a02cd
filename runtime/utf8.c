/*
 * UTF-8, as far as the runtime needs it: where a character of several
 * bytes is, so that fixed-width positions count characters, delimiters of
 * several bytes match whole, and machine-read reports stay valid.
 */
#include "utf8.h"

size_t tst_utf8_seq(const unsigned char *s, size_t n)
{
	size_t len;

	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		len = 2;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		len = 3;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		len = 4;
	else
		return 0;
	if (len > n)
		return 0;
	for (size_t i = 1; i < len; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	/* No overlong forms, surrogates or code points past U+10FFFF. */
	if ((s[0] == 0xe0 && s[1] < 0xa0) || (s[0] == 0xed && s[1] >= 0xa0) ||
	    (s[0] == 0xf0 && s[1] < 0x90) || (s[0] == 0xf4 && s[1] >= 0x90))
		return 0;
	return len;
}

size_t tst_utf8_unit(const unsigned char *s, size_t n)
{
	size_t len = tst_utf8_seq(s, n), want, i = 1;
	unsigned char lo = 0x80, hi = 0xbf;

	if (len)
		return len;
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		want = 2;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		/* Java takes an encoded surrogate (ED A0..BF) whole, so no `hi` for 0xed. */
		want = 3;
		lo = s[0] == 0xe0 ? 0xa0 : lo;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		want = 4;
		lo = s[0] == 0xf0 ? 0x90 : lo;
		hi = s[0] == 0xf4 ? 0x8f : hi;
	} else {
		return 1;
	}
	if (i < n && s[i] >= lo && s[i] <= hi)
		for (i++; i < want && i < n && (s[i] & 0xc0) == 0x80; i++)
			;
	return i;
}

unsigned long tst_utf8_code_point(const unsigned char *s, size_t len)
{
	unsigned long cp = s[0] & (0x7f >> len);

	for (size_t i = 1; i < len; i++)
		cp = cp << 6 | (s[i] & 0x3f);
	return cp;
}
