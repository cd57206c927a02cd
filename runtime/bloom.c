/*
 * The prefilter's Bloom filters (prefilter.c): which sections can have
 * one, how big, and its bits.  tstcc works the bits out with these same
 * functions and puts them in the tables, so that a checker and tstcc
 * --run have the same filter; a checker whose tables hold none builds it.
 */
#include <string.h>

#include "internal.h"

enum { MIN_BITS = 512, BITS_PER_KEY = 16 };

/* The column a query's first key is read from, or SIZE_MAX when the query can never match. */
static size_t key_column(const struct tst_query *q)
{
	if (!q->columns)
		return 0;
	/* A key beyond the column map is missing in every row: lookup.c matches no row for it. */
	return q->nkeys <= q->ncolumns ? q->columns[0] : SIZE_MAX;
}

/* Whether rows cut the parse's way can be turned away by their column `col` alone. */
static bool column_found_fast(const struct tst_parse *p, bool wide, size_t col)
{
	switch (p->mode) {
	case TST_MODE_TOKENIZED:
		return col == 0 && !wide;
	case TST_MODE_KEYVALUE:
		return col == 0;
	case TST_MODE_FIXED:
		return col < p->npositions;
	case TST_MODE_NONE:
		break;
	}
	return false;
}

bool tst_bloom_plan(const struct tst_source *src, size_t s, bool wide, size_t *column, unsigned *shift)
{
	size_t col = SIZE_MAX, nkeys = 0, bits = MIN_BITS;

	/* The filter hashes a key's bytes as they are; keys that fold case take the full path. */
	if (src->parse.keys_ignore_case)
		return false;
	for (size_t i = 0; i < src->nqueries; i++) {
		const struct tst_query *q = &src->queries[i];
		size_t c = key_column(q);
		if (q->section != s || c == SIZE_MAX)
			continue;
		/* No keys: every row matches. */
		if (q->nkeys == 0 || (col != SIZE_MAX && c != col))
			return false;
		col = c;
		nkeys++;
	}
	if (col == SIZE_MAX)
		col = 0;
	if (!column_found_fast(&src->parse, wide, col))
		return false;
	*shift = 64 - 9;
	while (bits < nkeys * BITS_PER_KEY) {
		bits *= 2;
		--*shift;
	}
	*column = col;
	return true;
}

size_t tst_bloom_words(unsigned shift)
{
	return ((size_t)1 << (64 - shift)) / 64;
}

/* Two bits from the top of the hash, each shift bits from the last. */
static void bloom_add(unsigned long long *bits, unsigned shift, uint64_t h)
{
	size_t a = h >> shift, b = (h << (64 - shift)) >> shift;

	bits[a / 64] |= 1ULL << (a % 64);
	bits[b / 64] |= 1ULL << (b % 64);
}

void tst_bloom_fill(const struct tst_source *src, size_t s, unsigned shift, unsigned long long *bits)
{
	memset(bits, 0, tst_bloom_words(shift) * sizeof(*bits));
	for (size_t i = 0; i < src->nqueries; i++) {
		const struct tst_query *q = &src->queries[i];
		if (q->section == s && key_column(q) != SIZE_MAX)
			bloom_add(bits, shift, tst_key_hash(q->keys[0], strlen(q->keys[0])));
	}
}
