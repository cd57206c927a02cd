/*
 * Whole-string matching with the EREs tstcc translates from Java patterns
 * (section headers and footers, the matcher assertions), the same in glibc
 * and musl checkers.  regexec reads a string to its NUL, and the strings
 * matched here often have none: a value's items lie end to end in one
 * buffer.  REG_STARTEND would do for glibc, but musl has none, and
 * AddressSanitizer's regexec reads to the NUL even with it; so regexec
 * gets a NUL-terminated copy.  No pattern can hold a NUL byte, so a string
 * holding one never matches.  Whether it matches is asked first, without
 * subexpressions, which is the cheap question.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* regexec over exactly s[0..n), on a NUL-terminated copy (on the stack when it is short). */
static int exec(const regex_t *re, const char *s, size_t n, regmatch_t *m, size_t nm)
{
	char small[256], *z = n < sizeof(small) ? small : tst_xmalloc(n + 1);
	int r;

	memcpy(z, s, n);
	z[n] = '\0';
	r = regexec(re, z, nm, m, 0);
	if (z != small)
		free(z);
	return r;
}

bool tst_match(const regex_t *re, const char *s, size_t n, regmatch_t *m, size_t nm)
{
	regmatch_t whole[1];

	if (!m) {
		m = whole;
		nm = 1;
	}
	if (memchr(s, '\0', n))
		return false;
	return exec(re, s, n, m, 1) == 0 && (nm == 1 || exec(re, s, n, m, nm) == 0);
}

const struct tst_regex_ops tst_regex_ops = {regcomp, regerror, tst_match, regfree};
