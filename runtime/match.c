/*
 * Whole-string matching with the EREs tstcc translates from Java patterns
 * (section headers and footers, the matcher assertions, extract), the same
 * in glibc and musl checkers.  No pattern can hold a NUL byte, so a string
 * holding one never matches.  glibc is given the string's end with
 * REG_STARTEND; musl has no REG_STARTEND and reads to a NUL, so it gets a
 * copy that ends there: an element that a matcher tests is cut out of a
 * row, and without the copy musl would match the rest of the row too.
 * Whether it matches is asked first, without subexpressions, which is the
 * cheap question.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* regexec over exactly s[0..n), which need not end in a NUL. */
static int exec(const regex_t *re, const char *s, size_t n, regmatch_t *m, size_t nm)
{
#ifdef REG_STARTEND
	m[0].rm_so = 0;
	m[0].rm_eo = (regoff_t)n;
	return regexec(re, s, nm, m, REG_STARTEND);
#else
	char *z = tst_xmemdup(s, n);
	int r = regexec(re, z, nm, m, 0);

	free(z);
	return r;
#endif
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
