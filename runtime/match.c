/*
 * Whole-string matching with the EREs tstcc translates from Java patterns
 * (section headers and footers, the matcher assertions, extract), the same
 * in glibc and musl checkers.  No pattern can hold a NUL byte, so a string
 * holding one never matches: glibc finds that with REG_STARTEND, and musl,
 * which has no REG_STARTEND and would see the string end at the NUL, is
 * told so here.  Whether it matches is asked first, without
 * subexpressions, which is the cheap question.
 */
#include <string.h>

#include "internal.h"

bool tst_match(const regex_t *re, const char *s, size_t n, regmatch_t *m, size_t nm)
{
	regmatch_t whole[1];
	int flags = 0;

	if (!m) {
		m = whole;
		nm = 1;
	}
	if (memchr(s, '\0', n))
		return false;
	m[0].rm_so = 0;
	m[0].rm_eo = (regoff_t)n;
#ifdef REG_STARTEND
	flags = REG_STARTEND;
#endif
	if (regexec(re, s, 1, m, flags) != 0)
		return false;
	m[0].rm_so = 0;
	m[0].rm_eo = (regoff_t)n;
	return nm == 1 || regexec(re, s, nm, m, flags) == 0;
}
