/*
 * A file name against the last component of a `files` pattern, as glibc's
 * fnmatch(3) matches it in the C locale with FNM_PERIOD | FNM_NOESCAPE:
 * '*' any bytes, '?' one byte, '[...]' one byte of a bracket expression
 * (ranges by byte value, the classes of <ctype.h>, [=c=] and [.c.] for the
 * byte c; '!' or '^' first negates; an unknown class matches nothing), a
 * backslash an ordinary byte, and a leading '.' matched only by a '.'.
 *
 * Not fnmatch itself: musl's reads its classes with the wide character
 * functions, whose tables (13 KiB) and fnmatch (3.5 KiB) would come into
 * every static checker that lists a directory; and glibc's and musl's then
 * differ no more.
 */
#include <ctype.h>
#include <string.h>

#include "internal.h"

enum { NO_CLASS = -1 };

/* Whether c is in the <ctype.h> class name[0..n), or NO_CLASS when there is none of that name. */
static int in_class(const char *name, size_t n, unsigned char c)
{
	static const struct {
		const char *name;
		int (*is)(int);
	} classes[] = {
		{"alnum", isalnum}, {"alpha", isalpha}, {"blank", isblank}, {"cntrl", iscntrl},
		{"digit", isdigit}, {"graph", isgraph}, {"lower", islower}, {"print", isprint},
		{"punct", ispunct}, {"space", isspace}, {"upper", isupper}, {"xdigit", isxdigit},
	};

	for (size_t i = 0; i < sizeof(classes) / sizeof(classes[0]); i++)
		if (strlen(classes[i].name) == n && memcmp(classes[i].name, name, n) == 0)
			return classes[i].is(c) != 0;
	return NO_CLASS;
}

/* Whether s starts a class name, closed by ":]": glibc reads any other "[:" as two bytes. */
static bool class_name(const char *s)
{
	size_t n = strspn(s, "abcdefghijklmnopqrstuvwxy");

	return s[n] == ':' && s[n + 1] == ']';
}

/*
 * The byte an element of a bracket expression at p stands for, p moved
 * past it: a byte, or [=c=] or [.c.] (a class is read apart, see bracket).
 */
static unsigned char element(const char **p)
{
	const char *s = *p;

	if (s[0] == '[' && (s[1] == '=' || s[1] == '.') && s[2] && s[3] == s[1] && s[4] == ']') {
		*p = s + 5;
		return (unsigned char)s[2];
	}
	*p = s + 1;
	return (unsigned char)s[0];
}

/*
 * Whether the bracket expression at p (just after its '[') takes c: 1 or
 * 0, and *end just past its ']'; NO_CLASS when it names an unknown class.
 * tstcc refuses a pattern whose bracket is not closed.
 */
static int bracket(const char *p, unsigned char c, const char **end)
{
	bool negated = *p == '!' || *p == '^', hit = false;
	const char *first;

	p += negated;
	first = p;
	while (*p && (*p != ']' || p == first)) {
		if (p[0] == '[' && p[1] == ':' && class_name(p + 2)) {
			const char *close = strstr(p + 2, ":]");
			int in = in_class(p + 2, (size_t)(close - p - 2), c);
			if (in == NO_CLASS)
				return NO_CLASS;
			hit |= in;
			p = close + 2;
			continue;
		}
		unsigned char lo = element(&p), hi = lo;
		if (p[0] == '-' && p[1] && p[1] != ']') {
			p++;
			hi = element(&p);
		}
		hit |= lo <= c && c <= hi;
	}
	if (!*p)
		return NO_CLASS;
	*end = p + 1;
	return hit != negated;
}

/* Whether the pattern at p takes the one byte c, and where the pattern goes on; false at its end. */
static bool one(const char **p, unsigned char c, bool *bad)
{
	const char *s = *p;
	int in;

	switch (*s) {
	case '\0':
		return false;
	case '?':
		*p = s + 1;
		return true;
	case '[':
		in = bracket(s + 1, c, p);
		*bad |= in == NO_CLASS;
		return in == 1;
	default:
		*p = s + 1;
		return (unsigned char)*s == c;
	}
}

bool tst_name_matches(const char *pattern, const char *name)
{
	const char *p = pattern, *s = name, *star = NULL, *star_s = NULL;
	bool bad = false;

	if (*s == '.' && *p != '.')
		return false;
	/* Each '*' takes as few bytes as it can; a byte that does not match gives the last '*' one more. */
	while (*s) {
		const char *at = p;
		if (*p == '*') {
			while (*p == '*')
				p++;
			star = p;
			star_s = s;
			continue;
		}
		if (one(&at, (unsigned char)*s, &bad)) {
			p = at;
			s++;
			continue;
		}
		if (bad || !star)
			return false;
		p = star;
		s = ++star_s;
	}
	while (*p == '*')
		p++;
	return !*p;
}
