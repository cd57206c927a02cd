/*
 * Warnings about arguments that do not mean what they seem to (tstconfig(5),
 * BUILD-TIME CHECKS): each names a construct whose meaning is certain from
 * the definition alone and is almost never what was meant.  Each says what
 * the construct does, so that it is true even where it was meant.
 */
#include <string.h>

#include "tstcc.h"
#include "utf8.h"

/* Where the line holding byte off ends. */
static size_t line_end(const struct srcfile *f, size_t off)
{
	while (off < f->len && f->text[off] != '\n' && f->text[off] != '\r')
		off++;
	return off;
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\f';
}

void warn_hash_argument(const struct srcfile *f, const struct directive *d, bool assertion)
{
	const struct word *w = d->args ? d->args->next : NULL;
	const char *args;
	size_t len;

	/* The first argument may be a '#' meant as a value ("assert_eq #"); a later one looks like a comment. */
	for (; w; w = w->next) {
		struct loc loc = w->loc;
		if (f->text[loc.off] != '#')
			continue;
		loc.len = 1;
		warning_at(f, loc, "'#' starts no comment here: a definition line has no trailing comment");
		args = joined(d, &len);
		if (assertion)
			note_at(f, d->name->loc, false,
				"it is part of the assertion, '%s %s' (write \"#\" if a '#' is meant)", d->name->s,
				diag_quote(args, len));
		else
			note_at(f, d->name->loc, false, "it is an argument of '%s', as are the words after it "
				"(write \"#\" if a '#' is meant)", d->name->s);
		return;
	}
}

/*
 * The lexer drops an empty quoted word ("") without a trace; it shows as
 * something other than blanks between two words of the line.
 */
static bool dropped_word(const struct srcfile *f, const struct directive *d, struct loc *loc)
{
	const struct word *prev = d->name;

	for (const struct word *w = d->args;; w = w->next) {
		size_t from = prev->loc.off + prev->loc.len, to = w ? w->loc.off : line_end(f, from);
		for (size_t i = from; i < to; i++) {
			size_t j = i;
			if (is_blank(f->text[i]))
				continue;
			while (j < to && !is_blank(f->text[j]))
				j++;
			*loc = (struct loc){prev->loc.line, prev->loc.col + (unsigned)(i - prev->loc.off), i, j - i};
			return true;
		}
		if (!w)
			return false;
		prev = w;
	}
}

void warn_dropped_key(const struct srcfile *f, const struct directive *d)
{
	struct loc loc;
	size_t len;
	const char *keys;

	if (!dropped_word(f, d, &loc))
		return;
	keys = joined(d, &len);
	if (!d->nargs)
		warning_at(f, loc, "the empty word '%s' is dropped, so this 'property' has no key: it matches every "
			   "row of its section", diag_quote(f->text + loc.off, loc.len));
	else
		warning_at(f, loc, "the empty word '%s' is dropped, so it is no key: the keys of this 'property' "
			   "are '%s'", diag_quote(f->text + loc.off, loc.len), diag_quote(keys, len));
}

/* The words of d quoted as one word of a definition ("" for a quote). */
static char *as_one_word(const struct directive *d)
{
	const char *s = joined(d, NULL);
	char *out = arena_alloc(2 * strlen(s) + 3), *p = out;

	*p++ = '"';
	for (; *s; s++) {
		if (*s == '"')
			*p++ = '"';
		*p++ = *s;
	}
	*p = '"';
	return out;
}

void warn_missing_columns(const struct srcfile *f, const struct directive *d, const struct directive *columns)
{
	const struct word *w = d->args;
	const char *key = as_one_word(d);

	for (size_t i = 0; i < columns->nargs; i++)
		w = w->next;
	warning_at(f, w->loc, "this 'property' has %zu keys but the column map %zu column%s: a missing column "
		   "equals no key, so no row matches", d->nargs, columns->nargs, columns->nargs == 1 ? "" : "s");
	note_at(f, columns->name->loc, true, "the column map is set here");
	note_at(f, d->args->loc, false, "if the words are one key, quote them: property %s",
		diag_quote(key, strlen(key)));
}

/* The first delimiter of p in s[0..n), as the tokenizer finds them (runtime/tokenize.c); n if none. */
static size_t find_delimiter(const struct tst_parse *p, const char *s, size_t n, size_t *len)
{
	for (size_t i = 0; i < n; i++) {
		for (size_t j = 0; j < p->ndelimiters;) {
			size_t wide = tst_utf8_seq((const unsigned char *)p->delimiters + j, p->ndelimiters - j);
			size_t m = wide ? wide : 1;
			if (m <= n - i && memcmp(s + i, p->delimiters + j, m) == 0) {
				*len = m;
				return i;
			}
			j += m;
		}
	}
	return n;
}

/*
 * Whether q's value may hold a keyvalue row's key, the text before the
 * separator, which is no token and may hold delimiters.
 */
static bool value_holds_key(const struct tst_query *q)
{
	if (!q->columns)
		return q->nkeys == 0;
	for (size_t i = q->nkeys; i < q->ncolumns; i++)
		if (q->columns[i] == 0)
			return true;
	return false;
}

void warn_split_element(const struct srcfile *f, const struct directive *d, const struct tst_parse *p,
			const struct tst_query *q)
{
	size_t at, len = 0;

	if (p->mode != TST_MODE_TOKENIZED && (p->mode != TST_MODE_KEYVALUE || value_holds_key(q)))
		return;
	for (const struct word *w = d->args; w; w = w->next) {
		at = find_delimiter(p, w->s, w->len, &len);
		if (at == w->len)
			continue;
		warning_at(f, loc_in_word(f, w, at, len),
			   "'%s' holds the delimiter '%s' of its source, so only a quoted field can equal it: "
			   "against unquoted fields this 'assert_not_contains' always passes",
			   diag_quote(w->s, w->len), diag_quote(w->s + at, len));
		note_at(f, w->loc, false, "the value's elements are cut at the delimiters; to test several, give "
			"each as a word of its own");
		return;
	}
}
