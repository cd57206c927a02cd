/*
 * Parse settings: what each PARSE directive does to a source's table
 * (tstconfig(5): Parse settings, PRESETS).  Patterns are translated to POSIX
 * EREs here, once, so that a checker needs only the C library's regex.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "pattern.h"
#include "tstcc.h"
#include "utf8.h"

#define DEFAULT_DELIMITERS " \t\n\r\f"

void settings_default(struct tst_parse *p)
{
	*p = (struct tst_parse){
		.mode = TST_MODE_NONE,
		.delimiters = DEFAULT_DELIMITERS,
		.ndelimiters = sizeof(DEFAULT_DELIMITERS) - 1,
		.quote = "\"",
		.read_lines = TST_UNLIMITED,
#define F(id, name, field, default) .field = default,
		TST_PARSE_FLAGS(F)
#undef F
		.inline_comment = NULL,
		.inline_comment_anywhere = false,
		.continuation = TST_CONTINUATION_NONE,
		.blocks = TST_BLOCKS_NONE,
	};
}

/*
 * Translates a Java pattern into *ere and, unless group is NULL, *group
 * (its section name's subexpression); the error points into the
 * directive's words.
 */
bool pattern_arg(const struct srcfile *f, const struct directive *d, bool header, bool fold, const char **ere,
		 int *group)
{
	size_t len, at = 0;
	char *java = joined(d, &len);
	struct pattern pat;
	struct pattern_error err;
	const struct word *w;

	if (!pattern_translate_folded(java, len, fold, &pat, &err)) {
		for (w = d->args; w->next && at + w->len < err.offset; w = w->next)
			at += w->len + 1;
		struct loc loc = w->loc;
		if (!w->quoted && err.offset >= at && err.offset - at < w->len) {
			loc.col += (unsigned)(err.offset - at);
			loc.off += err.offset - at;
			loc.len = err.length < w->len - (err.offset - at) ? err.length : w->len - (err.offset - at);
		}
		error_at(f, loc, "%s", err.message);
		return false;
	}
	if (header && pat.group1 == 0) {
		error_at(f, d->args->loc, "a section header pattern needs a capture group to name the section");
		pattern_free(&pat);
		return false;
	}
	*ere = arena_strndup(pat.ere, strlen(pat.ere));
	if (group)
		*group = pat.group1;
	pattern_free(&pat);
	return true;
}

/* A preset's pattern, which the presets' unit test proves translates. */
static const char *preset_regex(const char *java, int *group)
{
	struct pattern pat;
	struct pattern_error err;
	const char *ere;
	bool ok = pattern_translate(java, strlen(java), &pat, &err);

	assert(ok);
	(void)ok;
	ere = arena_strndup(pat.ere, strlen(pat.ere));
	if (group)
		*group = pat.group1;
	pattern_free(&pat);
	return ere;
}

/* The presets of tstconfig(5), on top of the current settings. */
static void apply_preset(struct tst_parse *p, enum preset preset)
{
	switch (preset) {
	case PRESET_APACHE:
		p->mode = TST_MODE_TOKENIZED;
		p->header = preset_regex("^\\s*<(.*)>\\s*$", &p->header_group);
		p->footer = preset_regex("^\\s*</.*>\\s*$", NULL);
		p->hash_comments = true;
		break;
	case PRESET_APT:
		p->mode = TST_MODE_TOKENIZED;
		p->header = preset_regex("^\\s*(\\S+)\\s*\\{\\s*$", &p->header_group);
		p->footer = preset_regex("^\\s*\\}\\s*;\\s*$", NULL);
		p->delimiters = " \t;";
		p->ndelimiters = 3;
		p->slash_comments = true;
		break;
	case PRESET_ETC:
		p->mode = TST_MODE_TOKENIZED;
		p->delimiters = ":";
		p->ndelimiters = 1;
		p->hash_comments = true;
		p->ignore_empty = false;
		break;
	case PRESET_INI:
		p->mode = TST_MODE_KEYVALUE;
		p->header = preset_regex("^\\s*\\[(.*)\\]\\s*$", &p->header_group);
		p->key_separator = "=";
		p->key_separator_optional = true;
		p->hash_comments = true;
		p->semicolon_comments = true;
		break;
	}
}

static size_t put_utf8(char *out, unsigned long c)
{
	if (c < 0x80) {
		out[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		out[0] = (char)(0xc0 | c >> 6);
		out[1] = (char)(0x80 | (c & 0x3f));
		return 2;
	}
	if (c < 0x10000) {
		out[0] = (char)(0xe0 | c >> 12);
		out[1] = (char)(0x80 | ((c >> 6) & 0x3f));
		out[2] = (char)(0x80 | (c & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | c >> 18);
	out[1] = (char)(0x80 | ((c >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((c >> 6) & 0x3f));
	out[3] = (char)(0x80 | (c & 0x3f));
	return 4;
}

/* Decodes \uXXXX (any number of u's) at s[i] == 'u'; -1 if malformed. */
static long unicode_escape(const char *s, size_t n, size_t *i)
{
	size_t j = *i;
	char hex[5];
	char *end;

	while (j < n && s[j] == 'u')
		j++;
	if (n - j < 4)
		return -1;
	memcpy(hex, s + j, 4);
	hex[4] = '\0';
	if (strspn(hex, "0123456789abcdefABCDEF") != 4)
		return -1;
	*i = j + 3;
	return strtol(hex, &end, 16);
}

/*
 * A \u escape at s[*i] == 'u', with the low half of a surrogate pair when
 * it is the high half; NULL, or why it cannot be decoded.
 */
static const char *unicode_char(const char *s, size_t n, size_t *i, unsigned long *c)
{
	long u = unicode_escape(s, n, i), low;
	size_t j = *i + 1;

	if (u < 0)
		return "malformed \\u escape: four hexadecimal digits must follow";
	*c = (unsigned long)u;
	if (u < 0xd800 || u > 0xdfff)
		return NULL;
	if (u > 0xdbff || j + 1 >= n || s[j] != '\\' || s[j + 1] != 'u')
		return "a lone surrogate \\u escape is no character";
	j++;
	low = unicode_escape(s, n, &j);
	if (low < 0xdc00 || low > 0xdfff)
		return "a lone surrogate \\u escape is no character";
	*i = j;
	*c = 0x10000 + ((unsigned long)(u - 0xd800) << 10) + (unsigned long)(low - 0xdc00);
	return NULL;
}

/*
 * Java's escapes, as the original decoded `separator` with commons-lang's
 * unescapeJava (make difftest compares the two): \t \n \r \f \b \\ \" \'
 * \uXXXX and octal up to \377, each a character, written here in UTF-8;
 * any other backslash is dropped (`\|` is `|`).  A surrogate pair of \u
 * escapes is one character, a lone surrogate an error; the original cut the
 * text into UTF-16 halves instead (tstconfig(5), DIFFERENCES).  Returns NULL
 * or the error.
 */
static const char *unescape_java(const char *s, size_t n, char *out, size_t *outlen)
{
	static const char from[] = "tnrfb\\\"'", to[] = "\t\n\r\f\b\\\"'";
	size_t k = 0;

	for (size_t i = 0; i < n; i++) {
		const char *e, *why;
		unsigned long c;
		if (s[i] != '\\') {
			out[k++] = s[i];
			continue;
		}
		if (++i == n)
			break;
		if ((e = strchr(from, s[i])) && s[i]) {
			out[k++] = to[e - from];
		} else if (s[i] == 'u') {
			if ((why = unicode_char(s, n, &i, &c)))
				return why;
			k += put_utf8(out + k, c);
		} else if (s[i] >= '0' && s[i] <= '7') {
			int v = s[i] - '0', digits = s[i] <= '3' ? 3 : 2;
			while (--digits && i + 1 < n && s[i + 1] >= '0' && s[i + 1] <= '7')
				v = v * 8 + (s[++i] - '0');
			k += put_utf8(out + k, (unsigned long)v);
		} else {
			out[k++] = s[i];
		}
	}
	*outlen = k;
	return NULL;
}

static bool separator_arg(const struct srcfile *f, const struct directive *d, struct tst_parse *p)
{
	size_t len;
	char *s = joined(d, &len), *delims = arena_alloc(len + 1);
	const char *why = unescape_java(s, len, delims, &p->ndelimiters);

	p->delimiters = delims;
	if (why)
		error_at(f, d->args->loc, "%s", why);
	return !why;
}

/*
 * split_values [CHARS] (an extension): the characters, written as for
 * `separator`, at which a value's items are cut further; none turns it
 * off.  They are ASCII, so that a cut never falls inside a UTF-8 sequence,
 * and not NUL, so that they make a C string of the tables.
 */
bool split_values_arg(const struct srcfile *f, const struct directive *d, const char **split)
{
	size_t len, n;
	char *s, *chars;
	const char *why;

	if (!d->nargs) {
		*split = NULL;
		return true;
	}
	s = joined(d, &len);
	chars = arena_alloc(len + 1);
	why = unescape_java(s, len, chars, &n);
	for (size_t i = 0; !why && i < n; i++) {
		const unsigned char *c = (const unsigned char *)chars + i;
		size_t k = *c < 0x80 ? 1 : tst_utf8_seq(c, n - i);
		if (*c == '\0')
			why = "'split_values' cannot cut at NUL (U+0000)";
		else if (*c >= 0x80)
			why = arena_printf("'split_values' cuts at ASCII characters only (U+0001 to U+007F), not at '%s'",
					   diag_quote(chars + i, k ? k : 1));
	}
	if (why) {
		error_at(f, d->args->loc, "%s", why);
		return false;
	}
	chars[n] = '\0';
	*split = n ? chars : NULL;
	return true;
}

static bool positions_arg(const struct srcfile *f, const struct directive *d, struct tst_parse *p)
{
	size_t *v = count_args(f, d), i = 0;

	if (!v)
		return false;
	for (const struct word *w = d->args; w; w = w->next, i++) {
		if (i && v[i] <= v[i - 1]) {
			error_at(f, w->loc, "positions must increase: %zu is not greater than %zu", v[i], v[i - 1]);
			return false;
		}
	}
	p->positions = v;
	p->npositions = d->nargs;
	return true;
}

static bool boolean_arg(const struct srcfile *f, const struct directive *d, bool *out)
{
	int v;

	if (!keyword_arg(f, BOOLEAN, d->args, &v))
		return false;
	*out = v;
	return true;
}

/*
 * One character: the original took one Java char, so a character beyond
 * U+FFFF (two of them) was an error there too.
 */
static bool quote_arg(const struct srcfile *f, const struct directive *d, struct tst_parse *p)
{
	const struct word *w = d->args;
	const unsigned char *s = (const unsigned char *)w->s;
	size_t len = s[0] < 0x80 ? 1 : tst_utf8_seq(s, w->len);

	if (len != w->len || len == 4) {
		error_at(f, w->loc, "'quote_char' takes one character (up to U+FFFF), not '%s'",
			 diag_quote(w->s, w->len));
		return false;
	}
	p->quote = w->s;
	return true;
}

static bool mode_arg(const struct srcfile *f, const struct directive *d, struct tst_parse *p)
{
	int v;

	if (!keyword_arg(f, MODE, d->args, &v))
		return false;
	p->mode = (enum tst_mode)v;
	return true;
}

/*
 * inline_comment MARK [after_space|anywhere] (an extension): the mark is
 * the word as written, one or more characters; where it counts is a
 * keyword, so that a misspelt one is an error rather than a second mark.
 */
static bool inline_comment_arg(const struct srcfile *f, const struct directive *d, struct tst_parse *p)
{
	int anywhere = 0;

	if (d->args->next && !keyword_arg(f, PLACEMENT, d->args->next, &anywhere))
		return false;
	p->inline_comment = d->args->s;
	p->inline_comment_anywhere = anywhere;
	return true;
}

static bool continuation_arg(const struct srcfile *f, const struct directive *d, struct tst_parse *p)
{
	int v;

	if (!keyword_arg(f, CONTINUATION, d->args, &v))
		return false;
	p->continuation = (enum tst_continuation)v;
	return true;
}

static bool blocks_arg(const struct srcfile *f, const struct directive *d, struct tst_parse *p)
{
	int v;

	if (!keyword_arg(f, BLOCKS, d->args, &v))
		return false;
	p->blocks = (enum tst_blocks)v;
	return true;
}

static bool syntax_arg(const struct srcfile *f, const struct directive *d, struct tst_parse *p)
{
	int v;

	if (!keyword_arg(f, PRESET, d->args, &v))
		return false;
	apply_preset(p, (enum preset)v);
	return true;
}

static bool apply(const struct srcfile *f, const struct directive *d, struct tst_parse *p)
{
	switch (d->kind) {
	case DIR_PARSE_MODE:
		return mode_arg(f, d, p);
	case DIR_SYNTAX:
		return syntax_arg(f, d, p);
	case DIR_SEPARATOR:
		return separator_arg(f, d, p);
	case DIR_QUOTE_CHAR:
		return quote_arg(f, d, p);
	case DIR_KEY_SEPARATOR:
		p->key_separator = joined(d, NULL);
		return true;
	case DIR_POSITIONS:
		return positions_arg(f, d, p);
	case DIR_SKIP_HEADER_LINES:
		return count_arg(f, d->args, &p->skip_header_lines);
	case DIR_READ_LINES:
		if (!d->args) {
			p->read_lines = TST_UNLIMITED;
			return true;
		}
		return count_arg(f, d->args, &p->read_lines);
	case DIR_SECTION_HEADER_PATTERN:
		return pattern_arg(f, d, true, false, &p->header, &p->header_group);
	case DIR_SECTION_FOOTER_PATTERN:
		return pattern_arg(f, d, false, false, &p->footer, NULL);
	case DIR_INLINE_COMMENT:
		return inline_comment_arg(f, d, p);
	case DIR_CONTINUATION_LINES:
		return continuation_arg(f, d, p);
	case DIR_BLOCKS:
		return blocks_arg(f, d, p);
#define F(id, name, field, default) \
	case DIR_##id:              \
		return boolean_arg(f, d, &p->field);
	TST_PARSE_FLAGS(F)
#undef F
	default:
		return false;
	}
}

/*
 * A source has nested blocks or flat sections, never both: a line would
 * otherwise be a header and a block at once.  Checked after each setting,
 * so that the order they come in (a preset's patterns included) does not
 * matter.
 */
bool settings_apply(const struct srcfile *f, const struct directive *d, struct tst_parse *p)
{
	if (!apply(f, d, p))
		return false;
	if (p->blocks == TST_BLOCKS_NONE || (!p->header && !p->footer))
		return true;
	error_at(f, d->name->loc, "'blocks' and section header or footer patterns cannot both be in force: "
		 "a source has nested blocks or flat sections");
	return false;
}
