/*
 * Java regular expressions to POSIX extended regular expressions.
 *
 * Section header and footer patterns are written in Java's syntax and must
 * match a whole line, as Matcher.matches() does, but the generated checker
 * has only the C library's regcomp(REG_EXTENDED), in the C locale, on bytes.
 * One left-to-right pass translates the supported subset and stops at the
 * first construct outside it, naming that construct and its byte range.
 * Open groups live on an explicit stack, so nesting costs no C recursion.
 *
 * Every character class (., \d, [^\S,] ...) is computed as the exact set of
 * bytes it matches and written back as a POSIX bracket, which sidesteps the
 * differences between Java's and POSIX's bracket syntax. Lines are taken to
 * be UTF-8: outside brackets a non-ASCII character, raw or escaped, is its
 * UTF-8 bytes, grouped when a quantifier follows; inside a bracket it would
 * be several bytes, which no bracket can hold, so it is rejected there. A
 * class still matches one byte, so '.' or [^,] crosses a non-ASCII character
 * byte by byte: the same as Java under * and +, not under a count.
 *
 * POSIX has no non-capturing group, so every Java group becomes an ERE
 * subexpression, behind the wrapper ^( ... )$ that makes the match whole,
 * and the ERE index of Java's group 1 is noted when it is emitted. glibc
 * expands counted repetitions when it compiles and parses groups
 * recursively, so both the expanded size and the nesting depth are bounded.
 *
 * Two differences remain. Java's $ also matches before a line terminator
 * that ends the input, which matters only if what follows the $ can match a
 * trailing '\r'. And POSIX prefers longer submatches where Java takes the
 * first alternative that succeeds, so an ambiguous pattern can capture
 * differently: (|a)a? on "a" gives group 1 "a", not Java's ""; whether a
 * line matches is the same.
 */
#include <regex.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pattern.h"
#include "tstcc.h"

enum {
	MAX_DEPTH = 1000,	/* open groups */
	MAX_REPEAT = 255,	/* the RE_DUP_MAX that POSIX guarantees */
	MAX_WEIGHT = 20000,	/* elements once repetitions are expanded */
	/*
	 * A repetition of something that repeats can match one line in very
	 * many ways, and regcomp and regexec then take time that grows with
	 * the nesting and the product of the counts: nested stars 150 deep
	 * take a minute to compile, (.{0,100}){0,100} seconds a line.
	 */
	MAX_NESTING = 4,	/* repetitions inside repetitions */
	MAX_NESTED_WEIGHT = 4096,	/* a repeated group holding repetitions, expanded */
};

struct byteset {
	uint32_t w[8];
};

struct buf {
	char *p;
	size_t len, cap;
};

/* What was emitted last decides what a quantifier may follow. */
enum last {
	LAST_NONE,	/* start of the pattern, of a group or of an alternative */
	LAST_ATOM,	/* a character, a class or a group */
	LAST_ANCHOR,	/* ^ or $ */
	LAST_REPEAT,	/* a quantifier */
};

struct frame {
	size_t at;	/* the '(' in the Java pattern */
	size_t out;	/* the '(' in the ERE */
	size_t weight;	/* of the enclosing group, up to this one */
	unsigned nesting;	/* of the enclosing group, up to this one */
};

struct translator {
	const unsigned char *s;
	size_t len, pos;
	struct buf ere;
	struct frame *stack;
	size_t depth;
	enum last last;
	size_t last_out;	/* where the last atom starts in the ERE */
	size_t last_weight;
	unsigned last_nesting;	/* repetitions nested in the last atom */
	size_t weight;		/* of the innermost open group so far */
	unsigned nesting;	/* deepest repetitions in it so far */
	int ere_groups, java_groups, group1;
	bool fold;		/* ASCII letters match either case */
	struct pattern_error *err;
};

/* One character or class escape read from the pattern */
struct member {
	bool is_class;
	struct byteset set;	/* the class */
	uint32_t cp;		/* the character, or a byte that starts no UTF-8 */
	unsigned char bytes[4];	/* the character's bytes in a line */
	size_t nbytes;
};

static void buf_put(struct buf *b, const void *s, size_t n)
{
	if (b->cap - b->len < n) {
		while (b->cap - b->len < n)
			b->cap = b->cap ? b->cap * 2 : 64;
		b->p = xrealloc(b->p, b->cap);
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
}

static void buf_putc(struct buf *b, unsigned char c)
{
	buf_put(b, &c, 1);
}

static bool set_has(const struct byteset *set, unsigned c)
{
	return set->w[c / 32] >> c % 32 & 1;
}

/* Byte 0 is never added: a line is a C string and cannot hold it. */
static void set_add(struct byteset *set, unsigned lo, unsigned hi)
{
	for (unsigned c = lo ? lo : 1; c <= hi; c++)
		set->w[c / 32] |= UINT32_C(1) << c % 32;
}

static void set_del(struct byteset *set, unsigned c)
{
	set->w[c / 32] &= ~(UINT32_C(1) << c % 32);
}

static void set_invert(struct byteset *set)
{
	for (int i = 0; i < 8; i++)
		set->w[i] = ~set->w[i];
	set_del(set, 0);
}

/*
 * Under values_ignore_case a set holds both cases of its ASCII letters,
 * as Java's CASE_INSENSITIVE reads a class; done here, before a bracket is
 * negated, rather than with REG_ICASE, which glibc and musl read apart
 * (glibc refuses a range such as [_-z] under it).
 */
static void set_fold(struct byteset *set)
{
	for (unsigned c = 'A'; c <= 'Z'; c++)
		if (set_has(set, c) || set_has(set, c | 0x20)) {
			set_add(set, c, c);
			set_add(set, c | 0x20, c | 0x20);
		}
}

static unsigned set_count(const struct byteset *set)
{
	unsigned n = 0;

	for (unsigned c = 1; c < 256; c++)
		n += set_has(set, c);
	return n;
}

/* Java's \s \d \w (ASCII only, without UNICODE_CHARACTER_CLASS) and \S \D \W */
static void set_shorthand(struct byteset *set, unsigned char letter)
{
	memset(set, 0, sizeof *set);
	switch (letter | 0x20) {
	case 's':
		set_add(set, '\t', '\r');
		set_add(set, ' ', ' ');
		break;
	case 'd':
		set_add(set, '0', '9');
		break;
	case 'w':
		set_add(set, '0', '9');
		set_add(set, 'A', 'Z');
		set_add(set, '_', '_');
		set_add(set, 'a', 'z');
		break;
	}
	if (letter < 'a')
		set_invert(set);
}

static void emit_byte(struct buf *b, unsigned char c)
{
	if (c && strchr(".[\\()*+?{|^$", c))
		buf_putc(b, '\\');
	buf_putc(b, c);
}

/*
 * The inside of a bracket: ']' must come first and '-' last, '^' first would
 * negate, and '[' followed by '.', '=' or ':' would open a collating element
 * or a class, so these four are taken out of the runs and placed apart.
 */
static void emit_items(struct buf *b, const struct byteset *set)
{
	struct byteset rest = *set;
	bool caret = set_has(set, '^'), dash = set_has(set, '-');
	unsigned c, end;

	set_del(&rest, ']');
	set_del(&rest, '-');
	set_del(&rest, '^');
	set_del(&rest, '[');
	if (set_has(set, ']'))
		buf_putc(b, ']');
	for (c = 1; c < 256; c = end + 1) {
		end = c;
		if (!set_has(&rest, c))
			continue;
		while (end < 255 && set_has(&rest, end + 1))
			end++;
		buf_putc(b, c);
		if (end > c + 1)
			buf_putc(b, '-');
		if (end > c)
			buf_putc(b, end);
	}
	if (set_has(set, '['))
		buf_putc(b, '[');
	if (caret && dash && set_count(set) == 2) {
		buf_put(b, "-^", 2);
		return;
	}
	if (caret)
		buf_putc(b, '^');
	if (dash)
		buf_putc(b, '-');
}

/* Emits one ERE atom matching exactly the bytes of set. */
static void emit_set(struct buf *b, const struct byteset *set)
{
	struct byteset other = *set;
	unsigned n = set_count(set), c;

	if (n == 0) {
		/* every byte a line can hold, negated */
		buf_put(b, "[^\x01-\xff]", 6);
		return;
	}
	if (n == 1) {
		for (c = 1; !set_has(set, c); c++)
			;
		emit_byte(b, c);
		return;
	}
	set_invert(&other);
	buf_putc(b, '[');
	if (n > 255 - n && n < 255) {
		buf_putc(b, '^');
		emit_items(b, &other);
	} else {
		emit_items(b, set);
	}
	buf_putc(b, ']');
}

static bool fail(struct translator *p, size_t at, size_t n, const char *fmt, ...)
{
	va_list ap;

	p->err->offset = at;
	p->err->length = n ? n : 1;
	va_start(ap, fmt);
	vsnprintf(p->err->message, sizeof p->err->message, fmt, ap);
	va_end(ap);
	return false;
}

/* Copies pattern text into a message, with bytes that would not print as \xHH. */
static const char *excerpt(char *dst, size_t size, const unsigned char *s, size_t n)
{
	size_t len = 0;

	dst[0] = '\0';
	for (size_t i = 0; i < n && len + 5 < size; i++) {
		if (s[i] >= ' ' && s[i] < 0x7f)
			dst[len++] = s[i];
		else
			len += snprintf(dst + len, size - len, "\\x%02X", s[i]);
	}
	dst[len] = '\0';
	return dst;
}

static bool add_weight(struct translator *p, size_t at, size_t n, size_t w)
{
	p->weight += w;
	if (p->weight <= MAX_WEIGHT)
		return true;
	return fail(p, at, n,
	            "pattern too large: more than %d elements once repetitions are expanded",
	            MAX_WEIGHT);
}

/* Records an atom of the given weight and nesting that was emitted from ERE offset out. */
static bool atom_done(struct translator *p, size_t at, size_t out, size_t w, unsigned nesting)
{
	p->last = LAST_ATOM;
	p->last_out = out;
	p->last_weight = w;
	p->last_nesting = nesting;
	return add_weight(p, at, p->pos - at, w);
}

static void set_char(struct member *m, uint32_t cp)
{
	m->is_class = false;
	m->cp = cp;
	if (cp < 0x80) {
		m->bytes[0] = cp;
		m->nbytes = 1;
	} else if (cp < 0x800) {
		m->bytes[0] = 0xC0 | cp >> 6;
		m->bytes[1] = 0x80 | (cp & 0x3F);
		m->nbytes = 2;
	} else if (cp < 0x10000) {
		m->bytes[0] = 0xE0 | cp >> 12;
		m->bytes[1] = 0x80 | (cp >> 6 & 0x3F);
		m->bytes[2] = 0x80 | (cp & 0x3F);
		m->nbytes = 3;
	} else {
		m->bytes[0] = 0xF0 | cp >> 18;
		m->bytes[1] = 0x80 | (cp >> 12 & 0x3F);
		m->bytes[2] = 0x80 | (cp >> 6 & 0x3F);
		m->bytes[3] = 0x80 | (cp & 0x3F);
		m->nbytes = 4;
	}
}

/* Reads one literal character: a whole UTF-8 sequence, or one byte that starts none. */
static void read_char(struct translator *p, struct member *m)
{
	const unsigned char *s = p->s + p->pos;
	size_t n = 1, avail = p->len - p->pos;
	uint32_t cp = s[0];

	if (s[0] >= 0xC2 && s[0] <= 0xDF)
		n = 2, cp &= 0x1F;
	else if (s[0] >= 0xE0 && s[0] <= 0xEF)
		n = 3, cp &= 0x0F;
	else if (s[0] >= 0xF0 && s[0] <= 0xF4)
		n = 4, cp &= 0x07;
	if (n > avail)
		n = 1;
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80) {
			n = 1;
			break;
		}
		cp = cp << 6 | (s[i] & 0x3F);
	}
	m->is_class = false;
	m->cp = n == 1 ? s[0] : cp;
	memcpy(m->bytes, s, n);
	m->nbytes = n;
	p->pos += n;
}

static int hex_digit(const struct translator *p, size_t i)
{
	unsigned char c = i < p->len ? p->s[i] : 0;

	if (c >= '0' && c <= '9')
		return c - '0';
	if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
		return (c | 0x20) - 'a' + 10;
	return -1;
}

/* \0n, \0nn or \0mnn with m at most 3, as Java reads them; p->pos is after the 0 */
static bool parse_octal(struct translator *p, size_t at, uint32_t *cp)
{
	uint32_t v = 0;
	size_t n = 0;

	while (n < 3 && p->pos < p->len && p->s[p->pos] >= '0' && p->s[p->pos] <= '7') {
		if (n == 2 && v > 037)
			break;
		v = v * 8 + (p->s[p->pos++] - '0');
		n++;
	}
	if (n == 0)
		return fail(p, at, 2, "octal escape '\\0' needs one to three octal digits");
	*cp = v;
	return true;
}

/* \xhh or \x{h...h}; p->pos is after the x */
static bool parse_hex(struct translator *p, size_t at, uint32_t *cp)
{
	uint32_t v = 0;
	size_t start;
	int d;

	if (p->pos < p->len && p->s[p->pos] == '{') {
		start = ++p->pos;
		while ((d = hex_digit(p, p->pos)) >= 0) {
			v = v * 16 + d;
			p->pos++;
			if (v > 0x10FFFF)
				return fail(p, at, p->pos - at,
				            "code point in '\\x{...}' is above 10FFFF");
		}
		if (p->pos == start || p->pos >= p->len || p->s[p->pos] != '}')
			return fail(p, at, p->pos - at,
			            "'\\x{' needs hexadecimal digits and a closing '}'");
		p->pos++;
	} else {
		if (hex_digit(p, p->pos) < 0 || hex_digit(p, p->pos + 1) < 0)
			return fail(p, at, 2, "'\\x' needs two hexadecimal digits");
		v = hex_digit(p, p->pos) * 16 + hex_digit(p, p->pos + 1);
		p->pos += 2;
	}
	*cp = v;
	return true;
}

static bool hex4(const struct translator *p, size_t i, uint32_t *v)
{
	*v = 0;
	for (size_t k = 0; k < 4; k++) {
		int d = hex_digit(p, i + k);

		if (d < 0)
			return false;
		*v = *v * 16 + d;
	}
	return true;
}

/* \uhhhh, or a surrogate pair \uhhhh\uhhhh as Java joins them; p->pos is after the u */
static bool parse_unicode(struct translator *p, size_t at, uint32_t *cp)
{
	uint32_t hi, lo;

	if (!hex4(p, p->pos, &hi))
		return fail(p, at, 2, "'\\u' needs four hexadecimal digits");
	p->pos += 4;
	if (hi >= 0xD800 && hi <= 0xDBFF && p->pos + 1 < p->len && p->s[p->pos] == '\\' &&
	    p->s[p->pos + 1] == 'u' && hex4(p, p->pos + 2, &lo) && lo >= 0xDC00 && lo <= 0xDFFF) {
		p->pos += 6;
		hi = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
	}
	*cp = hi;
	return true;
}

/* The length of an escape such as \p{Alpha} or \k<name>, up to its closing byte */
static size_t escape_span(const struct translator *p, size_t at, unsigned char open,
                          unsigned char close)
{
	if (at + 2 >= p->len || p->s[at + 2] != open)
		return 2;
	for (size_t i = at + 3; i < p->len; i++) {
		if (p->s[i] == close)
			return i + 1 - at;
	}
	return 2;
}

static const struct {
	unsigned char letter;
	const char *what;
} unsupported_escapes[] = {
	{'b', "word boundary '\\b'"},
	{'B', "non-word boundary '\\B'"},
	{'A', "start-of-input anchor '\\A'"},
	{'z', "end-of-input anchor '\\z'"},
	{'Z', "end-of-input anchor '\\Z'"},
	{'G', "end-of-previous-match anchor '\\G'"},
	{'p', "Unicode property class '\\p'"},
	{'P', "negated Unicode property class '\\P'"},
	{'Q', "quotation '\\Q...\\E'"},
	{'h', "horizontal whitespace class '\\h'"},
	{'H', "non-horizontal-whitespace class '\\H'"},
	{'v', "vertical whitespace class '\\v'"},
	{'V', "non-vertical-whitespace class '\\V'"},
	{'R', "linebreak matcher '\\R'"},
	{'X', "grapheme cluster '\\X'"},
	{'N', "named character '\\N{...}'"},
	{'k', "named back-reference '\\k<...>'"},
	{'c', "control character escape '\\c'"},
};

/* Rejects \ followed by a letter that is no supported escape. */
static bool reject_letter(struct translator *p, size_t at, unsigned char c)
{
	size_t n = 2;

	if (c == 'p' || c == 'P' || c == 'N' || c == 'b')
		n = escape_span(p, at, '{', '}');
	else if (c == 'k')
		n = escape_span(p, at, '<', '>');
	else if (c == 'c' && at + 2 < p->len)
		n = 3;
	for (size_t i = 0; i < sizeof unsupported_escapes / sizeof *unsupported_escapes; i++) {
		if (unsupported_escapes[i].letter == c)
			return fail(p, at, n, "%s is not supported", unsupported_escapes[i].what);
	}
	return fail(p, at, 2, "unknown escape '\\%c'", c);
}

/* Reads a code point escape: \0ooo, \xhh, \x{h...h} or \uhhhh. */
static bool parse_code_point(struct translator *p, size_t at, unsigned char c, struct member *m)
{
	uint32_t cp = 0;
	bool ok;

	if (c == '0')
		ok = parse_octal(p, at, &cp);
	else if (c == 'x')
		ok = parse_hex(p, at, &cp);
	else
		ok = parse_unicode(p, at, &cp);
	if (!ok)
		return false;
	if (cp >= 0xD800 && cp <= 0xDFFF)
		return fail(p, at, p->pos - at,
		            "lone surrogate U+%04X can never occur in a UTF-8 line", (unsigned)cp);
	set_char(m, cp);
	return true;
}

/* escape: '\' (class letter | control letter | code point | non-alphanumeric) */
static bool parse_escape(struct translator *p, bool in_bracket, struct member *m)
{
	static const char controls[] = "t\tn\nr\rf\fa\ae\033";
	size_t at = p->pos;
	unsigned char c;
	const char *k;

	if (at + 1 >= p->len)
		return fail(p, at, 1, "trailing backslash");
	c = p->s[at + 1];
	p->pos = at + 2;
	if (c && strchr("sSdDwW", c)) {
		m->is_class = true;
		set_shorthand(&m->set, c);
		return true;
	}
	for (k = controls; *k; k += 2) {
		if (*k == c) {
			set_char(m, (unsigned char)k[1]);
			return true;
		}
	}
	if (c == '0' || c == 'x' || c == 'u')
		return parse_code_point(p, at, c, m);
	if (c >= '1' && c <= '9' && in_bracket)
		return fail(p, at, 2, "'\\%c' is not valid in a bracket expression", c);
	if (c >= '1' && c <= '9')
		return fail(p, at, 2, "back-reference '\\%c' is not supported", c);
	if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')
		return reject_letter(p, at, c);
	if (c == '\0')
		return fail(p, at + 1, 1, "NUL byte in pattern");
	/* any other character, punctuation or not ASCII, stands for itself */
	p->pos = at + 1;
	read_char(p, m);
	return true;
}

/* A bracket member: a character, which must be ASCII, or a class escape */
static bool read_member(struct translator *p, struct member *m)
{
	size_t at = p->pos;

	if (p->s[at] == '\\') {
		if (!parse_escape(p, true, m))
			return false;
	} else if (p->s[at] == '\0') {
		return fail(p, at, 1, "NUL byte in pattern");
	} else {
		read_char(p, m);
	}
	if (!m->is_class && m->cp >= 0x80)
		return fail(p, at, p->pos - at,
		            "non-ASCII character in a bracket expression is not supported "
		            "(the checker matches bytes)");
	return true;
}

/* Adds lo, or the range lo-hi when a '-' and an end follow it. */
static bool parse_range(struct translator *p, size_t at, const struct member *lo, struct byteset *set)
{
	struct member hi;
	char text[64];

	/* Java: '-' before ']' or '[' is a literal, not a range */
	if (p->pos + 1 >= p->len || p->s[p->pos] != '-' || p->s[p->pos + 1] == ']' ||
	    p->s[p->pos + 1] == '[') {
		set_add(set, lo->cp, lo->cp);
		return true;
	}
	p->pos++;
	if (!read_member(p, &hi))
		return false;
	excerpt(text, sizeof text, p->s + at, p->pos - at);
	if (hi.is_class)
		return fail(p, at, p->pos - at, "range '%s' ends with a class", text);
	if (hi.cp < lo->cp)
		return fail(p, at, p->pos - at, "range '%s' is out of order", text);
	set_add(set, lo->cp, hi.cp);
	return true;
}

/* bracket: '[' '^'? ']'? (class | char | char '-' char)* ']' */
static bool parse_bracket(struct translator *p)
{
	size_t open = p->pos, out = p->ere.len, at;
	struct byteset set = {{0}};
	struct member m;
	bool first = true, negate = false;

	if (++p->pos < p->len && p->s[p->pos] == '^') {
		negate = true;
		p->pos++;
	}
	for (;; first = false) {
		if (p->pos >= p->len)
			return fail(p, open, 1, "unclosed bracket expression '['");
		at = p->pos;
		if (p->s[at] == ']' && !first)
			break;
		if (p->s[at] == '[')
			return fail(p, at, 1, "nested bracket expression '[' is not supported");
		if (p->s[at] == '&' && at + 1 < p->len && p->s[at + 1] == '&')
			return fail(p, at, 2, "bracket intersection '&&' is not supported");
		if (!read_member(p, &m))
			return false;
		if (m.is_class) {
			for (int i = 0; i < 8; i++)
				set.w[i] |= m.set.w[i];
		} else if (!parse_range(p, at, &m, &set)) {
			return false;
		}
	}
	p->pos++;
	if (p->fold)
		set_fold(&set);
	if (negate)
		set_invert(&set);
	emit_set(&p->ere, &set);
	return atom_done(p, open, out, 1, 0);
}

/* Rejects (?<=, (?<! and the named group (?<name>. */
static bool reject_angle_group(struct translator *p, size_t at)
{
	size_t i = at + 3;
	unsigned char c = i < p->len ? p->s[i] : 0;

	if (i < p->len && c == '=')
		return fail(p, at, 4, "look-behind '(?<=' is not supported");
	if (i < p->len && c == '!')
		return fail(p, at, 4, "negative look-behind '(?<!' is not supported");
	if ((c | 0x20) < 'a' || (c | 0x20) > 'z')
		return fail(p, at, 3, "unknown group construct '(?<'");
	while (i < p->len && (((p->s[i] | 0x20) >= 'a' && (p->s[i] | 0x20) <= 'z') ||
	                      (p->s[i] >= '0' && p->s[i] <= '9')))
		i++;
	if (i < p->len && p->s[i] == '>')
		i++;
	return fail(p, at, i - at, "named group '%.*s' is not supported", (int)(i - at), p->s + at);
}

/* Rejects every '(?' but '(?:'. */
static bool reject_group(struct translator *p, size_t at)
{
	size_t i = at + 2;
	unsigned char c = i < p->len ? p->s[i] : 0;
	char text[16];

	if (i >= p->len)
		return fail(p, at, 2, "unknown group construct '(?'");
	if (c == '=')
		return fail(p, at, 3, "look-ahead '(?=' is not supported");
	if (c == '!')
		return fail(p, at, 3, "negative look-ahead '(?!' is not supported");
	if (c == '>')
		return fail(p, at, 3, "atomic group '(?>' is not supported");
	if (c == '<')
		return reject_angle_group(p, at);
	if (c && strchr("idmsuxUc-", c)) {
		while (i < p->len && p->s[i] && strchr("idmsuxUc-", p->s[i]))
			i++;
		if (i < p->len && (p->s[i] == ')' || p->s[i] == ':'))
			i++;
		return fail(p, at, i - at, "inline flags '%.*s' are not supported",
		            (int)(i - at), p->s + at);
	}
	excerpt(text, sizeof text, p->s + at, 3);
	return fail(p, at, 3, "unknown group construct '%s'", text);
}

/* group: '(' ('?:')? alternation ')' -- this opens it */
static bool open_group(struct translator *p)
{
	size_t at = p->pos;
	bool capturing = true;

	if (at + 1 < p->len && p->s[at + 1] == '?') {
		if (at + 2 >= p->len || p->s[at + 2] != ':')
			return reject_group(p, at);
		capturing = false;
	}
	if (p->depth == MAX_DEPTH)
		return fail(p, at, 1, "groups nested more than %d deep", MAX_DEPTH);
	p->stack[p->depth++] = (struct frame){at, p->ere.len, p->weight, p->nesting};
	p->weight = 0;
	p->nesting = 0;
	buf_putc(&p->ere, '(');
	p->ere_groups++;
	if (capturing && ++p->java_groups == 1)
		p->group1 = p->ere_groups;
	p->pos = at + (capturing ? 1 : 3);
	p->last = LAST_NONE;
	return true;
}

static bool close_group(struct translator *p)
{
	struct frame *f;
	size_t inner;
	unsigned nesting;

	if (p->depth == 0)
		return fail(p, p->pos, 1, "unbalanced parenthesis: ')' has no matching '('");
	f = &p->stack[--p->depth];
	buf_putc(&p->ere, ')');
	p->pos++;
	inner = p->weight + 1;
	nesting = p->nesting;
	p->weight = f->weight;
	p->nesting = f->nesting;
	return atom_done(p, f->at, f->out, inner, nesting);
}

/* Reads up to the end of a run of digits, saturating above MAX_REPEAT. */
static size_t read_count(const struct translator *p, size_t i, unsigned *v)
{
	for (*v = 0; i < p->len && p->s[i] >= '0' && p->s[i] <= '9'; i++) {
		if (*v <= MAX_REPEAT)
			*v = *v * 10 + (p->s[i] - '0');
	}
	return i;
}

/* interval: '{' n (',' m?)? '}' */
static bool parse_interval(struct translator *p, unsigned *min, unsigned *max, bool *bounded)
{
	size_t at = p->pos, i = at + 1;

	if (i >= p->len || p->s[i] < '0' || p->s[i] > '9')
		return fail(p, at, 1, "'{' does not start an interval {n}, {n,} or {n,m} "
		            "(write '\\{' for a literal brace)");
	i = read_count(p, i, min);
	*max = *min;
	*bounded = true;
	if (i < p->len && p->s[i] == ',') {
		if (++i < p->len && p->s[i] == '}')
			*bounded = false;
		else
			i = read_count(p, i, max);
	}
	if (i >= p->len || p->s[i] != '}')
		return fail(p, at, i - at, "unclosed interval '%.*s'", (int)(i - at), p->s + at);
	p->pos = ++i;
	if (*min > MAX_REPEAT || (*bounded && *max > MAX_REPEAT))
		return fail(p, at, i - at, "interval '%.*s' repeats more than %d times",
		            (int)(i - at), p->s + at, MAX_REPEAT);
	if (*bounded && *max < *min)
		return fail(p, at, i - at, "interval '%.*s' has its minimum above its maximum",
		            (int)(i - at), p->s + at);
	return true;
}

/* quantifier: ('*' | '+' | '?' | interval), greedy: not followed by '?' or '+' */
static bool parse_quantifier(struct translator *p)
{
	size_t at = p->pos, n;
	unsigned min = 0, max = 0;
	bool bounded = true, anchor;
	char text[32];

	if (p->s[at] == '{') {
		if (!parse_interval(p, &min, &max, &bounded))
			return false;
	} else {
		min = p->s[at] == '+';
		max = 1;
		bounded = p->s[at] == '?';
		p->pos++;
	}
	n = p->pos - at;
	if (p->last == LAST_NONE || p->last == LAST_REPEAT)
		return fail(p, at, n, "quantifier '%.*s' has nothing to repeat", (int)n, p->s + at);
	if (p->pos < p->len && (p->s[p->pos] == '?' || p->s[p->pos] == '+'))
		return fail(p, at, n + 1, "%s quantifier '%.*s' is not supported",
		            p->s[p->pos] == '?' ? "lazy" : "possessive", (int)(n + 1), p->s + at);
	anchor = p->last == LAST_ANCHOR;
	p->last = LAST_REPEAT;
	if (anchor) {
		/* ERE cannot repeat an anchor: repeated, it is itself, or nothing if it may
		 * not occur */
		if (min == 0)
			p->ere.len = p->last_out;
		return true;
	}
	if (p->s[at] != '{')
		buf_putc(&p->ere, p->s[at]);
	else if (!bounded)
		buf_put(&p->ere, text, snprintf(text, sizeof text, "{%u,}", min));
	else if (min == max)
		buf_put(&p->ere, text, snprintf(text, sizeof text, "{%u}", min));
	else
		buf_put(&p->ere, text, snprintf(text, sizeof text, "{%u,%u}", min, max));
	/* glibc compiles a repetition as that many copies */
	n = bounded ? max : min + 1;
	if (p->last_nesting + 1 > MAX_NESTING)
		return fail(p, at, p->pos - at, "repetitions nested more than %d deep are too costly to match",
		            MAX_NESTING);
	if (p->last_nesting && p->last_weight * (n ? n : 1) > MAX_NESTED_WEIGHT)
		return fail(p, at, p->pos - at, "a repeated group that holds a repetition is too costly to "
		            "match: more than %d elements once expanded", MAX_NESTED_WEIGHT);
	if (p->last_nesting + 1 > p->nesting)
		p->nesting = p->last_nesting + 1;
	return add_weight(p, at, p->pos - at, p->last_weight * (n ? n - 1 : 0));
}

/* A literal character, grouped when it is several bytes and a quantifier follows */
static bool emit_char(struct translator *p, size_t at, const struct member *m)
{
	size_t out = p->ere.len;
	struct byteset set = {{0}};
	bool group = m->nbytes > 1 && p->pos < p->len && p->s[p->pos] &&
	             strchr("*+?{", p->s[p->pos]);

	if (m->nbytes == 1) {
		set_add(&set, m->bytes[0], m->bytes[0]);
		if (p->fold)
			set_fold(&set);
		emit_set(&p->ere, &set);
		return atom_done(p, at, out, 1, 0);
	}
	if (group) {
		buf_putc(&p->ere, '(');
		p->ere_groups++;
	}
	for (size_t i = 0; i < m->nbytes; i++)
		emit_byte(&p->ere, m->bytes[i]);
	if (group)
		buf_putc(&p->ere, ')');
	return atom_done(p, at, out, m->nbytes + group, 0);
}

static bool parse_atom(struct translator *p)
{
	size_t at = p->pos, out = p->ere.len;
	unsigned char c = p->s[at];
	struct member m;

	switch (c) {
	case '(':
		return open_group(p);
	case ')':
		return close_group(p);
	case '|':
		buf_putc(&p->ere, '|');
		p->pos++;
		p->last = LAST_NONE;
		return true;
	case '*':
	case '+':
	case '?':
	case '{':
		return parse_quantifier(p);
	case '^':
	case '$':
		buf_putc(&p->ere, c);
		p->pos++;
		p->last = LAST_ANCHOR;
		p->last_out = out;
		return add_weight(p, at, 1, 1);
	case '[':
		return parse_bracket(p);
	case '.':
		/* Java's '.' stops at line terminators; lines hold no '\n' but may hold '\r' */
		m.is_class = true;
		memset(&m.set, 0, sizeof m.set);
		set_add(&m.set, '\n', '\n');
		set_add(&m.set, '\r', '\r');
		set_invert(&m.set);
		p->pos++;
		break;
	case '\\':
		if (!parse_escape(p, false, &m))
			return false;
		break;
	case '\0':
		return fail(p, at, 1, "NUL byte in pattern");
	default:
		read_char(p, &m);
	}
	if (!m.is_class)
		return emit_char(p, at, &m);
	if (p->fold)
		set_fold(&m.set);
	emit_set(&p->ere, &m.set);
	return atom_done(p, at, out, 1, 0);
}

/* The C library must accept the translation, or the checker could not run. */
static bool check_regcomp(struct translator *p)
{
	regex_t re;
	char msg[160];
	int rc = regcomp(&re, p->ere.p, REG_EXTENDED);

	if (rc == 0) {
		regfree(&re);
		return true;
	}
	regerror(rc, &re, msg, sizeof msg);
	return fail(p, 0, p->len, "regcomp: %s", msg);
}

bool pattern_translate(const char *java, size_t len, struct pattern *out, struct pattern_error *err)
{
	return pattern_translate_folded(java, len, false, out, err);
}

bool pattern_translate_folded(const char *java, size_t len, bool fold, struct pattern *out,
			      struct pattern_error *err)
{
	struct translator p = {
		.s = (const unsigned char *)java,
		.len = len,
		.ere_groups = 1,
		.fold = fold,
		.err = err,
	};
	bool ok = true;

	out->ere = NULL;
	out->group1 = 0;
	p.stack = xrealloc(NULL, MAX_DEPTH * sizeof *p.stack);
	buf_put(&p.ere, "^(", 2);
	while (ok && p.pos < len)
		ok = parse_atom(&p);
	if (ok && p.depth > 0)
		ok = fail(&p, p.stack[p.depth - 1].at, 1,
		          "unclosed group: '(' has no matching ')'");
	free(p.stack);
	if (ok) {
		buf_put(&p.ere, ")$", 3);
		ok = check_regcomp(&p);
	}
	if (!ok) {
		free(p.ere.p);
		return false;
	}
	out->ere = p.ere.p;
	out->group1 = p.group1;
	return true;
}

void pattern_free(struct pattern *p)
{
	free(p->ere);
	p->ere = NULL;
	p->group1 = 0;
}

/*
 * The first bytes of lines an ERE of pattern_translate's may match.
 * Brackets are read as emit_set writes them; an atom this reading does not
 * know (a group, '.') could start with anything.
 */
struct first {
	const char *s;
	size_t i;
	struct byteset set;
};

/* The bracket at f->i, added to *atom; false if it is not one emit_set writes. */
static bool first_bracket(struct first *f, struct byteset *atom)
{
	const char *s = f->s;
	size_t i = f->i + 1;
	bool neg = s[i] == '^', first = true;

	i += neg;
	for (; s[i] && (first || s[i] != ']'); first = false) {
		unsigned char lo = (unsigned char)s[i], hi = lo;
		if (lo == '[' && s[i + 1] && strchr(".=:", s[i + 1]))
			return false;
		if (s[i + 1] == '-' && s[i + 2] && s[i + 2] != ']') {
			hi = (unsigned char)s[i + 2];
			i += 2;
		}
		set_add(atom, lo, hi);
		i++;
	}
	if (s[i] != ']')
		return false;
	if (neg)
		set_invert(atom);
	f->i = i + 1;
	return true;
}

/* The atom at f->i, its bytes into *atom; false if it could start with anything, or is not an atom. */
static bool first_atom(struct first *f, struct byteset *atom)
{
	const char *s = f->s;

	*atom = (struct byteset){0};
	if (s[f->i] == '[')
		return first_bracket(f, atom);
	if (s[f->i] == '\\' && s[f->i + 1]) {
		set_add(atom, (unsigned char)s[f->i + 1], (unsigned char)s[f->i + 1]);
		f->i += 2;
		return true;
	}
	if (!s[f->i] || strchr(".()*+?{|^$", s[f->i]))
		return false;
	set_add(atom, (unsigned char)s[f->i], (unsigned char)s[f->i]);
	f->i++;
	return true;
}

/* Skips a quantifier at f->i; whether it lets the atom before it match nothing. */
static bool first_optional(struct first *f)
{
	const char *s = f->s;

	if (s[f->i] == '*' || s[f->i] == '?') {
		f->i++;
		return true;
	}
	if (s[f->i] == '+') {
		f->i++;
		return false;
	}
	if (s[f->i] != '{')
		return false;
	f->i++;
	bool none = s[f->i] == '0' || s[f->i] == ',';
	while (s[f->i] && s[f->i] != '}')
		f->i++;
	f->i += s[f->i] == '}';
	return none;
}

/* Past the rest of an alternative: to the '|' or ')' that ends it at depth 0. */
static void first_skip(struct first *f)
{
	const char *s = f->s;
	size_t depth = 0;
	struct byteset ignored;

	while (s[f->i] && !(depth == 0 && (s[f->i] == '|' || s[f->i] == ')'))) {
		if (s[f->i] == '[' && first_bracket(f, &ignored))
			continue;
		if (s[f->i] == '\\' && s[f->i + 1])
			f->i++;
		else if (s[f->i] == '(')
			depth++;
		else if (s[f->i] == ')')
			depth--;
		f->i++;
	}
}

/* One alternative's first bytes into f->set; false if they could be any. */
static bool first_alternative(struct first *f)
{
	struct byteset atom;

	for (;;) {
		if (f->s[f->i] == '^') {
			f->i++;
			continue;
		}
		/* The alternative ends here: it can match an empty line only, which no first byte starts. */
		if (f->s[f->i] == '$' || f->s[f->i] == '|' || f->s[f->i] == ')') {
			first_skip(f);
			return true;
		}
		if (!first_atom(f, &atom))
			return false;
		for (int w = 0; w < 8; w++)
			f->set.w[w] |= atom.w[w];
		if (!first_optional(f)) {
			first_skip(f);
			return true;
		}
	}
}

/* The first bytes of the lines ere matches into f->set; false if they could be any. */
static bool first_bytes(const char *ere, struct byteset *set)
{
	struct first f = {.s = ere, .i = 2};

	/* pattern_translate's wrapper ^( ... )$ holds alternatives. */
	if (strncmp(ere, "^(", 2) != 0)
		return false;
	for (;;) {
		if (!first_alternative(&f))
			return false;
		if (f.s[f.i] != '|')
			break;
		f.i++;
	}
	*set = f.set;
	return f.s[f.i] == ')';
}

unsigned char *pattern_section_starts(const char *header, const char *footer)
{
	struct byteset h = {0}, t = {0};
	unsigned char *out;

	if ((!header && !footer) || (header && !first_bytes(header, &h)) || (footer && !first_bytes(footer, &t)))
		return NULL;
	out = arena_alloc(32);
	memset(out, 0, 32);
	for (unsigned c = 0; c < 256; c++)
		if (set_has(&h, c) || set_has(&t, c))
			out[c / 8] |= (unsigned char)(1u << (c % 8));
	return out;
}
