/*
 * The skimmer: the runtime's innermost loop, over a whole buffer of lines
 * at once (see skim.c, doc/internals.md).
 *
 * Most lines of a big source are rows that no query wants, and their first
 * byte and first key alone show it.  tst_skim_lines runs over a buffer of
 * complete lines doing for each only what the line-by-line path would do
 * with such a line (count it, and count it as a row), and stops at the
 * first line it cannot prove uninteresting: that line takes the full path.
 *
 * It is static inline, and needs nothing but tst.h, so that a caller with
 * constant settings gets a loop of its own from the C compiler: a wrapper
 * tstcc would emit per source.  It emits none yet; skim.c calls it with
 * the settings it works out.
 */
#ifndef TST_SKIM_H
#define TST_SKIM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "tst.h"

#if defined(__SSE2__) && !defined(TST_SKIM_PORTABLE)
#include <emmintrin.h>
#endif

#if defined(__GNUC__)
#define TST_SKIM_INLINE static inline __attribute__((always_inline))
#else
#define TST_SKIM_INLINE static inline
#endif

/* Whether byte c is in the 256-bit set. */
TST_SKIM_INLINE bool tst_byte_in(const uint64_t set[4], unsigned char c)
{
	return set[c >> 6] >> (c & 63) & 1;
}

/*
 * n (4 or 8) bytes at s as a little-endian number, whatever the machine:
 * tstcc hashes the keys into the Bloom filters a checker starts with, and
 * the checker may be built for another byte order ($CC), where native
 * loads would hash the same key differently and turn its rows away.
 */
TST_SKIM_INLINE uint64_t tst_load_le(const char *s, size_t n)
{
	uint64_t w = 0;
	uint32_t h = 0;

	if (n == 8)
		memcpy(&w, s, 8);
	else
		memcpy(&h, s, 4);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	w = __builtin_bswap64(w);
	h = __builtin_bswap32(h);
#endif
	return n == 8 ? w : h;
}

/*
 * The hash of a key: its top bits, which every byte of s reaches, are its
 * bits in a Bloom filter.  Any function of the bytes does, as long as equal
 * keys hash equal: the last word overlaps the one before it, and a short
 * key is read as two overlapping halves, so no byte is loaded one at a time.
 */
TST_SKIM_INLINE uint64_t tst_key_hash(const char *s, size_t n)
{
	const uint64_t k1 = 0x9e3779b97f4a7c15ULL, k2 = 0xff51afd7ed558ccdULL;
	uint64_t h = n * k1, w = 0;

	if (n > 16) {
		const char *last = s + n - 8;
		for (; s < last; s += 8) {
			w = tst_load_le(s, 8);
			h = (h ^ w) * k1;
			h ^= h >> 29;
		}
		w = tst_load_le(last, 8);
	} else if (n > 8) {
		/* The loop above, run once: most keys are this short. */
		w = tst_load_le(s, 8);
		h = (h ^ w) * k1;
		h ^= h >> 29;
		w = tst_load_le(s + n - 8, 8);
	} else if (n == 8) {
		w = tst_load_le(s, 8);
	} else if (n >= 4) {
		w = tst_load_le(s + n - 4, 4) << 32 | tst_load_le(s, 4);
	} else if (n) {
		w = (uint64_t)(unsigned char)s[0] << 16 | (uint64_t)(unsigned char)s[n / 2] << 8 | (unsigned char)s[n - 1];
	}
	h = (h ^ w) * k1;
	h ^= h >> 32;
	return h * k2;
}

/* A Bloom filter sets two bits of a key: from the top of its hash, each shift bits from the last. */
TST_SKIM_INLINE bool tst_bloom_has(const unsigned long long *bits, unsigned shift, uint64_t h)
{
	size_t a = h >> shift, b = (h << (64 - shift)) >> shift;

	return (bits[a / 64] >> (a % 64) & 1) && (bits[b / 64] >> (b % 64) & 1);
}

/* A source's settings, as the skimmer reads its lines: fixed for the whole pass. */
struct tst_skim_source {
	enum tst_mode mode;
	uint64_t stop[4];               /* first bytes of lines that may be blank, comments, headers or footers;
					   always every byte <= ' ' */
	char sep;                       /* keyvalue: the key separator, one byte */
	bool sep_optional;
	uint64_t delim[4];              /* tokenized: the delimiters, all of one byte */
	bool low_delims;                /* every delimiter is below '!' */
	bool ignore_empty;
	bool has_quote;
	char quote;                     /* the first byte of the quote character */
};

/* What the section being read asks of its rows. */
enum tst_skim_rows {
	TST_SKIM_UNREAD,                /* no row of it is read: lines are only counted */
	TST_SKIM_COUNT,                 /* rows are counted, and none is looked up */
	TST_SKIM_FILTER                 /* a row the filter turns away is counted; any other stops the skimmer */
};

struct tst_skim_section {
	enum tst_skim_rows rows;
	const unsigned long long *bits; /* the Bloom filter of the queries' first keys */
	unsigned shift;                 /* 64 - log2(its bits) */
	size_t from, to;                /* fixed: the key column's character positions; to = SIZE_MAX: the line's end */
};

/* What the skimmer took: lines (each one kept), and the rows among them. */
struct tst_skim_count {
	size_t lines, rows;
};

#define TST_SKIM_ONES 0x0101010101010101ULL
#define TST_SKIM_HIGHS 0x8080808080808080ULL
/* Flags the zero bytes of an eight-byte word; the lowest flag is exact (those above it may be false). */
#define TST_SKIM_ZERO(w) (((w) - TST_SKIM_ONES) & ~(w) & TST_SKIM_HIGHS)

/*
 * The first byte of [s, end) that is a or b (low: or below '!'), or end.
 * Lines are short: their first 64 bytes are tried in line, sixteen at a
 * time with SSE2, or eight in a word; a long rest goes to memchr when only
 * one byte is sought.  TST_SKIM_PORTABLE turns SSE2 off (the tests try both).
 */
TST_SKIM_INLINE const char *tst_skim_find(const char *s, const char *end, char a, char b, bool low)
{
	const char *stop = end - s > 64 ? s + 64 : end;
#if defined(__SSE2__) && !defined(TST_SKIM_PORTABLE)
	const __m128i va = _mm_set1_epi8(a), vb = _mm_set1_epi8(b), space = _mm_set1_epi8(' ');

	for (; stop - s >= 16; s += 16) {
		__m128i x = _mm_loadu_si128((const __m128i *)(const void *)s);
		__m128i hit = _mm_or_si128(_mm_cmpeq_epi8(x, va), _mm_cmpeq_epi8(x, vb));
		unsigned m;
		if (low)
			hit = _mm_or_si128(hit, _mm_cmpeq_epi8(_mm_min_epu8(x, space), x));
		m = (unsigned)_mm_movemask_epi8(hit);
		if (m)
			return s + __builtin_ctz(m);
	}
#elif defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	const uint64_t wa = TST_SKIM_ONES * (unsigned char)a, wb = TST_SKIM_ONES * (unsigned char)b;

	for (; stop - s >= 8; s += 8) {
		uint64_t w, hit;
		memcpy(&w, s, 8);
		hit = TST_SKIM_ZERO(w ^ wa) | TST_SKIM_ZERO(w ^ wb);
		if (low)
			hit |= (w - 0x2121212121212121ULL) & ~w & TST_SKIM_HIGHS;
		if (hit)
			return s + (__builtin_ctzll(hit) >> 3);
	}
#endif
	for (; s < stop; s++)
		if (*s == a || *s == b || (low && (unsigned char)*s < '!'))
			return s;
	if (s < end && a == b && !low) {
		const char *at = memchr(s, a, (size_t)(end - s));
		return at ? at : end;
	}
	for (; s < end; s++)
		if (*s == a || *s == b || (low && (unsigned char)*s < '!'))
			return s;
	return end;
}

/* The '\n' that ends the line at s, or NULL when it is not in [s, end). */
TST_SKIM_INLINE const char *tst_skim_line_end(const char *s, const char *end)
{
	const char *nl = tst_skim_find(s, end, '\n', '\n', false);

	return nl < end ? nl : NULL;
}

/* The hash of [s, e) trimmed as Java's String.trim() (tst_trim): bytes <= ' ' dropped at both ends. */
TST_SKIM_INLINE uint64_t tst_skim_trimmed_hash(const char *s, const char *e)
{
	while (s < e && (unsigned char)*s <= ' ')
		s++;
	while (e > s && (unsigned char)e[-1] <= ' ')
		e--;
	return tst_key_hash(s, (size_t)(e - s));
}

/* The same for a key that starts a line the skimmer took, whose first byte is never blank. */
TST_SKIM_INLINE uint64_t tst_skim_key_hash(const char *s, const char *e)
{
	while (e > s && (unsigned char)e[-1] <= ' ')
		e--;
	return tst_key_hash(s, (size_t)(e - s));
}

/*
 * Keyvalue: where the line at s ends (its '\n'), or NULL to stop there;
 * *row tells whether it is a row (it has the separator, or needs none).
 */
TST_SKIM_INLINE const char *tst_skim_keyvalue(const struct tst_skim_source *k, const struct tst_skim_section *sec,
					      const char *s, const char *end, bool *row)
{
	const char *at = tst_skim_find(s, end, k->sep, '\n', false), *nl;

	if (at == end)
		return NULL;
	nl = *at == '\n' ? at : tst_skim_line_end(at + 1, end);
	if (!nl)
		return NULL;
	*row = *at != '\n' || k->sep_optional;
	if (*row && sec->rows == TST_SKIM_FILTER && tst_bloom_has(sec->bits, sec->shift, tst_skim_key_hash(s, at)))
		return NULL;
	return nl;
}

/* Tokenized: the line's first token, as the prefilter finds it, turned away by the filter; a quoted one stops. */
TST_SKIM_INLINE const char *tst_skim_tokenized(const struct tst_skim_source *k, const struct tst_skim_section *sec,
					       const char *s, const char *end)
{
	const char *p = s, *start, *nl;

	/* A line never starts with a byte below '!': only other delimiters can lead it. */
	if (k->ignore_empty && !k->low_delims)
		while (p < end && *p != '\n' && tst_byte_in(k->delim, (unsigned char)*p))
			p++;
	if (p < end && k->has_quote && *p == k->quote)
		return NULL;
	start = p;
	/* When every delimiter is below '!' (white space), only those bytes need a look. */
	for (;;) {
		p = k->low_delims ? tst_skim_find(p, end, '\n', '\n', true) : p;
		if (p == end || *p == '\n' || tst_byte_in(k->delim, (unsigned char)*p))
			break;
		p++;
	}
	if (p == end)
		return NULL;
	nl = *p == '\n' ? p : tst_skim_line_end(p, end);
	if (!nl)
		return NULL;
	/* A line of delimiters alone has no field: a row that no query wants. */
	if (!(start == nl && k->ignore_empty) && tst_bloom_has(sec->bits, sec->shift, tst_key_hash(start, (size_t)(p - start))))
		return NULL;
	return nl;
}

/* Whether [s, e) is ASCII: fixed positions count characters, and are bytes only then. */
TST_SKIM_INLINE bool tst_skim_ascii(const char *s, const char *e)
{
	uint64_t w, any = 0;

	for (; e - s >= 8; s += 8) {
		memcpy(&w, s, 8);
		any |= w;
	}
	for (; s < e; s++)
		any |= (unsigned char)*s;
	return !(any & TST_SKIM_HIGHS);
}

/* Fixed: the key column at its positions, turned away by the filter, while the line is ASCII up to its end. */
TST_SKIM_INLINE const char *tst_skim_fixed(const struct tst_skim_section *sec, const char *s, const char *end)
{
	/* Lines of columns are long: memchr finds their end sooner. */
	const char *nl = memchr(s, '\n', (size_t)(end - s)), *ke, *ks;

	if (!nl)
		return NULL;
	ke = (size_t)(nl - s) > sec->to ? s + sec->to : nl;
	ks = sec->from < (size_t)(ke - s) ? s + sec->from : ke;
	/* Columns are padded with spaces: eight at a time. */
	while (ke - ks >= 8 && memcmp(ke - 8, "        ", 8) == 0)
		ke -= 8;
	if (!tst_skim_ascii(s, ke) || tst_bloom_has(sec->bits, sec->shift, tst_skim_trimmed_hash(ks, ke)))
		return NULL;
	return nl;
}

/* The loop of tst_skim_lines for one mode and one kind of section, which the compiler makes a loop of its own. */
TST_SKIM_INLINE size_t tst_skim_loop(const struct tst_skim_source *k, const struct tst_skim_section *sec,
				     const char *s, size_t n, size_t max, struct tst_skim_count *out, enum tst_mode mode,
				     enum tst_skim_rows what)
{
	const char *p = s, *end = s + n, *nl;
	size_t lines = 0, rows = 0;

	while (lines < max && p < end && !tst_byte_in(k->stop, (unsigned char)*p)) {
		/* The loop of line ends alone serves sections whose rows are all counted too. */
		bool row = what != TST_SKIM_UNREAD || sec->rows == TST_SKIM_COUNT;
		if (mode == TST_MODE_KEYVALUE && what != TST_SKIM_UNREAD)
			nl = tst_skim_keyvalue(k, sec, p, end, &row);
		else if (what != TST_SKIM_FILTER)
			nl = tst_skim_line_end(p, end);
		else if (mode == TST_MODE_TOKENIZED)
			nl = tst_skim_tokenized(k, sec, p, end);
		else
			nl = tst_skim_fixed(sec, p, end);
		if (!nl)
			break;
		lines++;
		rows += row;
		p = nl + 1;
	}
	out->lines = lines;
	out->rows = rows;
	return (size_t)(p - s);
}

/*
 * Skims the lines of s[0..n), at most max of them, counting them and their
 * rows into *out; returns how many bytes it took, always whole lines ending
 * in '\n'.  It stops before the first line whose first byte is in k->stop,
 * or that a query may want.
 */
TST_SKIM_INLINE size_t tst_skim_lines(const struct tst_skim_source *k, const struct tst_skim_section *sec,
				      const char *s, size_t n, size_t max, struct tst_skim_count *out)
{
	/* Lines no query reads, and rows only counted, need their ends alone (keyvalue: and a separator). */
	if (sec->rows == TST_SKIM_UNREAD || (sec->rows == TST_SKIM_COUNT && k->mode != TST_MODE_KEYVALUE))
		return tst_skim_loop(k, sec, s, n, max, out, TST_MODE_NONE, TST_SKIM_UNREAD);
	switch (k->mode) {
	case TST_MODE_KEYVALUE:
		return sec->rows == TST_SKIM_FILTER
			       ? tst_skim_loop(k, sec, s, n, max, out, TST_MODE_KEYVALUE, TST_SKIM_FILTER)
			       : tst_skim_loop(k, sec, s, n, max, out, TST_MODE_KEYVALUE, TST_SKIM_COUNT);
	case TST_MODE_TOKENIZED:
		return tst_skim_loop(k, sec, s, n, max, out, TST_MODE_TOKENIZED, TST_SKIM_FILTER);
	case TST_MODE_FIXED:
		return tst_skim_loop(k, sec, s, n, max, out, TST_MODE_FIXED, TST_SKIM_FILTER);
	case TST_MODE_NONE:
		break;
	}
	*out = (struct tst_skim_count){0};
	return 0;
}

#endif
