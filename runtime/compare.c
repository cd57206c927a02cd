/*
 * The orders of the comparing assertions: numbers that may carry a size
 * suffix or a percent sign ("128M", "85%"), and Debian package versions,
 * compared as dpkg compares them.
 */
#include <ctype.h>
#include <limits.h>
#include <string.h>

#include "compare.h"
#include "tst.h"

/* What the rest [p, end) of a number multiplies it by: 1024 to the power of K, M, G or T; 0 if it is no unit. */
static double unit(const char *p, const char *end)
{
	if (p == end)
		return 1;
	if (p + 1 != end)
		return 0;
	switch (*p) {
	case '%':
		return 1;
	case 'k': case 'K':
		return 1024.0;
	case 'm': case 'M':
		return 1024.0 * 1024;
	case 'g': case 'G':
		return 1024.0 * 1024 * 1024;
	case 't': case 'T':
		return 1024.0 * 1024 * 1024 * 1024;
	default:
		return 0;
	}
}

/*
 * By hand, not with strtod: strtod follows LC_NUMERIC (a decimal comma
 * under de_DE) and takes exponents, hex, "inf" and leading blanks: a
 * daemon that reads "1e3" as 1 or refuses it must not pass "at most 1000".
 */
bool tst_number(const char *s, size_t n, double *out)
{
	const char *p = s, *end = s + n;
	double v = 0, scale = 1, f;
	size_t digits = 0;
	bool negative = false, point = false;

	/* No daemon takes a longer number, and shorter keeps v and scale finite. */
	if (n == 0 || n > 63)
		return false;
	if (*p == '+' || *p == '-')
		negative = *p++ == '-';
	for (; p < end && (isdigit((unsigned char)*p) || (*p == '.' && !point)); p++) {
		if (*p == '.') {
			point = true;
			continue;
		}
		v = v * 10 + (*p - '0');
		scale *= point ? 10 : 1;
		digits++;
	}
	f = unit(p, end);
	if (!digits || f == 0)
		return false;
	*out = (negative ? -v : v) / scale * f;
	return true;
}

/* dpkg's order of a character in the non-digit parts: ~ first, then the end, letters, the rest. */
static int order(int c)
{
	if (isdigit(c))
		return 0;
	if (isalpha(c))
		return c;
	if (c == '~')
		return -1;
	if (c)
		return c + 256;
	return 0;
}

/* The byte at p, or NUL past end: dpkg's strings end there. */
static int at(const char *p, const char *end)
{
	return p < end ? (unsigned char)*p : 0;
}

/* dpkg's verrevcmp, over the upstream versions or the revisions [a, ae) and [b, be). */
static int verrevcmp(const char *a, const char *ae, const char *b, const char *be)
{
	while (at(a, ae) || at(b, be)) {
		int first_diff = 0;
		while ((at(a, ae) && !isdigit(at(a, ae))) || (at(b, be) && !isdigit(at(b, be)))) {
			int ac = order(at(a, ae)), bc = order(at(b, be));
			if (ac != bc)
				return ac - bc;
			a++;
			b++;
		}
		while (at(a, ae) == '0')
			a++;
		while (at(b, be) == '0')
			b++;
		while (isdigit(at(a, ae)) && isdigit(at(b, be))) {
			if (!first_diff)
				first_diff = at(a, ae) - at(b, be);
			a++;
			b++;
		}
		if (isdigit(at(a, ae)))
			return 1;
		if (isdigit(at(b, be)))
			return -1;
		if (first_diff)
			return first_diff;
	}
	return 0;
}

/* dpkg refuses an epoch above INT_MAX ("epoch in version is too big"), and an empty revision. */
bool tst_version_valid(const char *s)
{
	const char *colon = strchr(s, ':'), *upstream = colon ? colon + 1 : s;
	size_t len = strlen(upstream);
	unsigned long long epoch = 0;

	if (colon && (colon == s || strspn(s, "0123456789") != (size_t)(colon - s)))
		return false;
	for (const char *p = s; colon && p < colon && epoch <= INT_MAX; p++)
		epoch = epoch * 10 + (unsigned long long)(*p - '0');
	return epoch <= INT_MAX && len && isdigit((unsigned char)*upstream) && upstream[len - 1] != '-' &&
	       strspn(upstream, "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.+~-") == len;
}

/* "epoch:upstream-revision", cut in place: the epoch, and the two ranges. */
struct version {
	unsigned long epoch;
	const char *up, *up_end, *rev, *rev_end;
};

static void parse_version(const char *s, size_t n, struct version *v)
{
	const char *end = s + n, *colon = memchr(s, ':', n), *dash = NULL;

	v->epoch = 0;
	if (colon)
		for (const char *p = s; p < colon; p++)
			v->epoch = v->epoch * 10 + (unsigned long)(*p - '0');
	v->up = colon ? colon + 1 : s;
	for (const char *p = v->up; p < end; p++)
		if (*p == '-')
			dash = p;
	v->up_end = dash ? dash : end;
	v->rev = dash ? dash + 1 : end;
	v->rev_end = end;
}

int tst_version_compare(const char *a, size_t na, const char *b, size_t nb)
{
	struct version x, y;
	int r;

	parse_version(a, na, &x);
	parse_version(b, nb, &y);
	if (x.epoch != y.epoch)
		return x.epoch < y.epoch ? -1 : 1;
	r = verrevcmp(x.up, x.up_end, y.up, y.up_end);
	return r ? r : verrevcmp(x.rev, x.rev_end, y.rev, y.rev_end);
}

const struct tst_compare_ops tst_compare_ops = {tst_number, tst_version_valid, tst_version_compare};
