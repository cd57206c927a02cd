/*
 * The orders of the comparing assertions: numbers that may carry a size
 * suffix or a percent sign ("128M", "85%"), and Debian package versions,
 * compared as dpkg compares them.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "compare.h"

bool tst_number(const char *s, size_t n, double *out)
{
	char buf[64], *end;
	double v, unit = 1;

	if (n == 0 || n >= sizeof(buf))
		return false;
	memcpy(buf, s, n);
	buf[n] = '\0';
	/* strtod alone would take "inf", "nan", "0x10" and leading blanks. */
	if (strspn(buf, "+-0123456789.") == 0 || strpbrk(buf, "xXnN") || isspace((unsigned char)buf[0]))
		return false;
	v = strtod(buf, &end);
	if (end == buf)
		return false;
	switch (*end) {
	case 'k': case 'K': unit = 1024.0; end++; break;
	case 'm': case 'M': unit = 1024.0 * 1024; end++; break;
	case 'g': case 'G': unit = 1024.0 * 1024 * 1024; end++; break;
	case 't': case 'T': unit = 1024.0 * 1024 * 1024 * 1024; end++; break;
	case '%': end++; break;
	default: break;
	}
	if (*end)
		return false;
	*out = v * unit;
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

bool tst_version_valid(const char *s)
{
	const char *colon = strchr(s, ':'), *upstream = colon ? colon + 1 : s;

	if (colon && (colon == s || strspn(s, "0123456789") != (size_t)(colon - s)))
		return false;
	return *upstream && isdigit((unsigned char)*upstream) && !strchr(upstream, ':') &&
	       strspn(upstream, "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.+~-") ==
		       strlen(upstream);
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
