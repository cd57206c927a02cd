/*
 * Reading directive arguments: strings, integers, keywords, and the
 * suggestions for a misspelt word.
 */
#include <limits.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "tstcc.h"

static const struct keyword {
	enum kwlist list;
	const char *word;
	int value;
} keywords[] = {
#define K(list, word, value) {list, word, value},
	KEYWORDS(K)
#undef K
#define S(id, word) {SEVERITY, word, TST_SEVERITY_##id},
	TST_SEVERITIES(S)
#undef S
};

static const char *const kwlist_error[] = {
	[MODE] = "unknown parse mode '%s'",
	[POLICY] = "unknown duplicates policy '%s'",
	[PRESET] = "unknown syntax preset '%s'",
	[BOOLEAN] = "expected 'true' or 'false', not '%s'",
	[PLACEMENT] = "expected 'after_space' or 'anywhere' after the comment mark, not '%s'",
	[CONTINUATION] = "expected 'indented' or 'backslash', not '%s'",
	[SEVERITY] = "unknown severity '%s' (info, low, medium, high or critical)",
	[BLOCKS] = "expected 'braces' or 'tags', not '%s'",
};

/* Levenshtein distance, for suggestions; names are short. */
static size_t distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), row[64], prev, tmp;

	if (la >= 64 || lb >= 64)
		return SIZE_MAX;
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		prev = row[0];
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t best = prev + (a[i - 1] != b[j - 1]);
			if (row[j] + 1 < best)
				best = row[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			tmp = row[j];
			row[j] = best;
			prev = tmp;
		}
	}
	return row[lb];
}

const char *suggest(const char *s, const char *const *names, size_t n)
{
	const char *best = NULL;
	size_t best_d = SIZE_MAX;

	for (size_t i = 0; i < n; i++) {
		size_t d = distance(s, names[i]);
		if (d < best_d) {
			best_d = d;
			best = names[i];
		}
	}
	if (!best || best_d > (strlen(best) + 2) / 3)
		return NULL;
	return best;
}

void suggest_note(const struct srcfile *f, const struct word *w, const char *const *names, size_t n)
{
	const char *m = suggest(w->s, names, n);

	if (m)
		note_at(f, w->loc, false, "did you mean '%s'?", m);
}

/*
 * The byte of w's definition text that gives byte i of its text: in a
 * quoted word, replays the lexer's unquote() ("" inside quotes is one).
 */
static size_t raw_index(const struct srcfile *f, const struct word *w, size_t i)
{
	const char *raw = f->text + w->loc.off;
	bool quoting = false;
	size_t r = 0, k = 0;

	if (!w->quoted)
		return i;
	for (; r < w->loc.len; r++) {
		if (raw[r] != '"') {
			if (k++ == i)
				return r;
		} else if (quoting && r + 1 < w->loc.len && raw[r + 1] == '"') {
			if (k++ == i)
				return r;
			r++;
		} else {
			quoting = !quoting;
		}
	}
	return r;
}

struct loc loc_in_word(const struct srcfile *f, const struct word *w, size_t i, size_t len)
{
	struct loc loc = w->loc;
	size_t from, to;

	if (w->expanded)
		return loc;
	from = raw_index(f, w, i);
	to = len ? raw_index(f, w, i + len - 1) + 1 : from;
	loc.col += (unsigned)from;
	loc.off += from;
	loc.len = to - from;
	return loc;
}

/* The arguments joined by one space: "a string" (tstconfig(5), FILE SYNTAX). */
char *joined(const struct directive *d, size_t *len)
{
	size_t n = 0;
	char *out, *p;

	for (const struct word *w = d->args; w; w = w->next)
		n += w->len + (w != d->args);
	out = p = arena_alloc(n + 1);
	for (const struct word *w = d->args; w; w = w->next) {
		if (w != d->args)
			*p++ = ' ';
		memcpy(p, w->s, w->len);
		p += w->len;
	}
	if (len)
		*len = n;
	return out;
}

bool count_arg(const struct srcfile *f, const struct word *w, size_t *out)
{
	/* Java's Integer.parseInt, which the original used, takes a leading '+'. */
	size_t v = 0, start = w->len > 1 && w->s[0] == '+';

	if (w->len == start || strspn(w->s + start, "0123456789") != w->len - start) {
		error_at(f, w->loc, "expected a non-negative integer, not '%s'", diag_quote(w->s, w->len));
		return false;
	}
	for (size_t i = start; i < w->len; i++) {
		v = v * 10 + (size_t)(w->s[i] - '0');
		if (v > INT_MAX) {
			error_at(f, w->loc, "'%s' is too large (the limit is %d)", diag_quote(w->s, w->len), INT_MAX);
			return false;
		}
	}
	*out = v;
	return true;
}

/* Reads all arguments as integers into an arena array. */
size_t *count_args(const struct srcfile *f, const struct directive *d)
{
	size_t *v = arena_alloc(d->nargs * sizeof(*v)), i = 0;
	bool ok = true;

	for (const struct word *w = d->args; w; w = w->next)
		ok = count_arg(f, w, &v[i++]) && ok;
	return ok ? v : NULL;
}

bool keyword_arg(const struct srcfile *f, enum kwlist list, const struct word *w, int *value)
{
	const char *names[sizeof(keywords) / sizeof(keywords[0])];
	size_t n = 0;

	for (size_t i = 0; i < sizeof(keywords) / sizeof(keywords[0]); i++) {
		const struct keyword *k = &keywords[i];
		if (k->list != list)
			continue;
		bool same = list == BOOLEAN ? strcasecmp(k->word, w->s) == 0 : strcmp(k->word, w->s) == 0;
		if (same && strlen(k->word) == w->len) {
			*value = k->value;
			return true;
		}
		names[n++] = k->word;
	}
	error_at(f, w->loc, kwlist_error[list], diag_quote(w->s, w->len));
	suggest_note(f, w, names, n);
	return false;
}

