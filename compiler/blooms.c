/*
 * The prefilter's Bloom filters of a source, worked out when it is built
 * (runtime/bloom.c does the work, for tstcc and checkers alike), so that a
 * checker starts with them and tstcc --run, which runs sema's tables, has
 * the same ones.
 */
#include "internal.h"
#include "tstcc.h"

const unsigned long long *const *source_blooms(const struct tst_source *src)
{
	const unsigned long long **blooms = arena_alloc(src->nsections * sizeof(*blooms));
	struct tst_tokenizer t;
	bool any = false;

	tst_tokenizer_init(&t, src->parse.delimiters, src->parse.ndelimiters, src->parse.quote,
			   src->parse.ignore_empty);
	for (size_t s = 0; s < src->nsections; s++) {
		size_t column;
		unsigned shift;
		unsigned long long *bits = NULL;
		bool keys = false;
		if (tst_bloom_plan(src, s, t.wide, &column, &shift)) {
			bits = arena_alloc(tst_bloom_words(shift) * sizeof(*bits));
			tst_bloom_fill(src, s, shift, bits);
			for (size_t i = 0; i < tst_bloom_words(shift); i++)
				keys |= bits[i] != 0;
		}
		/* A section no query keys needs no table: the checker makes its empty filter. */
		blooms[s] = keys ? bits : NULL;
		any |= keys;
	}
	return any ? blooms : NULL;
}
