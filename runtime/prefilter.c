/*
 * The fast path: most rows of a big source are no query's, and a row's
 * first key alone can show it.  The key column is found without cutting
 * the row into fields (a scan to the first delimiter, the key separator,
 * or a fixed position), hashed, and looked up in a Bloom filter of the
 * queries' first keys; a row the filter turns away is only counted, and
 * every other row goes on to the full path (cut_row and lookup.c), which
 * alone decides what matches.  A false positive costs time, never a wrong
 * report.
 *
 * The filter is on for a section only when it knows how every row of it
 * would be cut: otherwise (a quoted first word, wide delimiters, a key
 * column other than the first where finding it means tokenizing, a query
 * with no keys, queries that disagree on the key column, a fixed row that
 * is not ASCII) rows take the full path.  A setting that changes how keys
 * match (case, normalisation) must turn it off in section_filter until it
 * is taught the setting.  TST_FULL_PATH=1 in the environment turns it off
 * everywhere: tests compare the two paths' reports byte for byte.
 */
#include <stdlib.h>
#include <string.h>

#include "ascii.h"
#include "internal.h"

/* Section s's filter, from the tables where tstcc put it there; it stays off when some query or setting is beyond it. */
static void section_filter(struct tst_prefilter_section *f, const struct tst_source *src,
			   const struct tst_tokenizer *t, size_t s)
{
	if (!tst_bloom_plan(src, s, t->wide, &f->column, &f->shift))
		return;
	if (src->blooms && src->blooms[s]) {
		f->bits = src->blooms[s];
	} else {
		f->owned = tst_xcalloc(tst_bloom_words(f->shift), sizeof(*f->owned));
		tst_bloom_fill(src, s, f->shift, f->owned);
		f->bits = f->owned;
	}
	f->on = true;
}

void tst_prefilter_init(struct tst_prefilter *pf, const struct tst_source *src, const struct tst_tokenizer *t)
{
	const char *full = getenv("TST_FULL_PATH");

	*pf = (struct tst_prefilter){.parse = &src->parse, .tokens = t};
	pf->seplen = src->parse.key_separator ? strlen(src->parse.key_separator) : 0;
	pf->low_delims = true;
	for (int c = '!'; c < 256; c++)
		pf->low_delims &= !t->delim[c];
	pf->sections = tst_xcalloc(src->nsections, sizeof(*pf->sections));
	pf->full_path = full && *full && strcmp(full, "0") != 0;
	if (pf->full_path)
		return;
	for (size_t s = 0; s < src->nsections; s++)
		section_filter(&pf->sections[s], src, t, s);
}


/*
 * The first field of a tokenized row, as tst_tokenize_some cuts it; false
 * when the filter cannot tell (a quoted first token).  *missing: the row
 * has no field at all.
 */
static inline __attribute__((always_inline)) bool first_token(const struct tst_prefilter *pf, const char *s, size_t n, struct tst_str *key,
			bool *missing)
{
	const struct tst_tokenizer *t = pf->tokens;
	size_t i = 0, start;
	uint64_t w;

	if (t->ignore_empty)
		while (i < n && t->delim[(unsigned char)s[i]])
			i++;
	if (i == n && n > 0 && t->ignore_empty) {
		*missing = true;
		return true;
	}
	if (t->nquote && i < n && s[i] == t->quote[0])
		return false;
	start = i;
	/* Eight bytes at a time past words with no byte below '!', when every delimiter is one (white space). */
	for (; pf->low_delims && n - i >= 8; i += 8) {
		memcpy(&w, s + i, 8);
		if ((w - 0x2121212121212121ULL) & ~w & 0x8080808080808080ULL)
			break;
	}
	while (i < n && !t->delim[(unsigned char)s[i]])
		i++;
	*key = (struct tst_str){s + start, i - start};
	return true;
}

enum tst_prefilter_verdict tst_prefilter_row(const struct tst_prefilter *pf, size_t section, const char *s,
					     size_t n)
{
	const struct tst_prefilter_section *f = &pf->sections[section];
	const struct tst_parse *p = pf->parse;
	struct tst_str key = {s, 0};
	bool missing = false;

	if (!f->on)
		return TST_ROW_CANDIDATE;
	switch (p->mode) {
	case TST_MODE_TOKENIZED:
		/* An empty line is no field at all: the full path knows what that means. */
		if (n == 0 || !first_token(pf, s, n, &key, &missing))
			return TST_ROW_CANDIDATE;
		break;
	case TST_MODE_KEYVALUE: {
		const char *at = pf->seplen == 1 ? memchr(s, p->key_separator[0], n)
						 : tst_find(s, n, p->key_separator, pf->seplen);
		if (!at && !p->key_separator_optional)
			return TST_ROW_NONE;
		key = tst_trim(s, at ? (size_t)(at - s) : n);
		break;
	}
	case TST_MODE_FIXED: {
		size_t c = f->column, end = c + 1 == p->npositions || p->positions[c + 1] > n ? n : p->positions[c + 1];
		size_t start = p->positions[c] < end ? p->positions[c] : end;
		if (!tst_is_ascii(s, end))
			return TST_ROW_CANDIDATE;
		key = tst_trim(s + start, end - start);
		break;
	}
	case TST_MODE_NONE:
		return TST_ROW_CANDIDATE;
	}
	if (missing || !tst_bloom_has(f->bits, f->shift, tst_key_hash(key.s, key.n)))
		return TST_ROW_UNWANTED;
	return TST_ROW_CANDIDATE;
}

void tst_prefilter_free(struct tst_prefilter *pf, size_t nsections)
{
	for (size_t s = 0; s < nsections; s++)
		free(pf->sections[s].owned);
	free(pf->sections);
	*pf = (struct tst_prefilter){0};
}
