/*
 * Answering a source's property queries while its rows stream past.
 *
 * Queries that read a row the same way (same section, column map and
 * number of keys) form a group, and each group hashes its queries' key
 * tuples, so a row costs one hash and one probe per group however many
 * queries there are.  Queries with equal keys share a slot and are chained
 * (they may differ in duplicates policy).
 *
 * Matching reads only the key columns, so a row is first cut only as far
 * as the section's groups need; the rest of it is cut on a match.
 *
 * Under keys_ignore_case (an extension) keys are hashed and compared with
 * ASCII letters folded to lower case, so that keys differing only in case
 * find one another.
 */
#include <stdlib.h>
#include <string.h>

#include "ascii.h"
#include "internal.h"

struct tst_lookup_group {
	size_t section;
	const size_t *columns;
	size_t ncolumns;
	size_t nkeys;
	size_t next;                    /* next group of the section, index + 1 */
	size_t count;                   /* queries in the group */
	size_t mask;
	unsigned shift;                 /* 64 - log2(slots): a hash's top bits are its slot */
	uint32_t *slots;                /* first query with a key tuple, index + 1 */
	uint32_t *tags;                 /* the low half of its hash */
};

static const struct tst_str missing = {NULL, 0};

static struct tst_str field(const struct tst_fields *row, size_t i)
{
	return i < row->n ? row->f[i] : missing;
}

/* Column i of a row as the group's column map sees it. */
static struct tst_str column(const struct tst_lookup_group *g, const struct tst_fields *row, size_t i)
{
	if (!g->columns)
		return field(row, i);
	return i < g->ncolumns ? field(row, g->columns[i]) : missing;
}

/* The eight bytes of w with A-Z lowered, all at once: no byte carries into the next. */
static uint64_t fold8(uint64_t w)
{
	const uint64_t ones = 0x0101010101010101ULL, high = 0x8080808080808080ULL;
	uint64_t low7 = w & ~high;
	uint64_t from_a = low7 + (0x80 - 'A') * ones;           /* high bit: at least 'A' */
	uint64_t past_z = low7 + (0x80 - 'Z' - 1) * ones;       /* high bit: beyond 'Z' */

	return w | (from_a & ~past_z & ~w & high) >> 2;
}

/* Mixes n bytes into h, eight at a time: keys are hashed once a row. */
static uint64_t hash_add(uint64_t h, const char *s, size_t n, bool fold)
{
	const uint64_t k = 0x9e3779b97f4a7c15ULL;
	uint64_t w;

	for (; n >= 8; s += 8, n -= 8) {
		memcpy(&w, s, 8);
		if (fold)
			w = fold8(w);
		h = (h ^ w) * k;
		h ^= h >> 29;
	}
	w = n;
	for (size_t i = 0; i < n; i++)
		w |= (uint64_t)(fold ? tst_ascii_lower((unsigned char)s[i]) : (unsigned char)s[i]) << (8 * i + 8);
	h = (h ^ w) * k;
	return h ^ h >> 32;
}

/*
 * A key tuple's hash, whose top bits are its slot: one more product, of a
 * value in which hash_add folded the high half onto the low.  A product's
 * bits depend only on the bits of its factors at or below them, so without
 * it the slot bits (then the low ones) missed the last bytes of a key:
 * qkey000 to qkey099 all shared one slot.
 */
static uint64_t hash_end(uint64_t h)
{
	return h * 0xff51afd7ed558ccdULL;
}

uint64_t tst_lookup_hash(const char *const *keys, size_t nkeys, bool fold)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	for (size_t i = 0; i < nkeys; i++)
		h = hash_add(h, keys[i], strlen(keys[i]), fold);
	return hash_end(h);
}

/* Fields a group's key columns read; 0 if it can never match (more keys than columns). */
static size_t group_need(const struct tst_lookup_group *g)
{
	size_t need = 0;

	if (!g->columns)
		return g->nkeys;
	if (g->nkeys > g->ncolumns)
		return 0;
	for (size_t i = 0; i < g->nkeys; i++)
		if (g->columns[i] + 1 > need)
			need = g->columns[i] + 1;
	return need;
}

static bool same_keys(const struct tst_query *a, const struct tst_query *b, bool fold)
{
	for (size_t i = 0; i < a->nkeys; i++)
		if ((fold ? tst_ascii_casecmp(a->keys[i], b->keys[i]) : strcmp(a->keys[i], b->keys[i])) != 0)
			return false;
	return true;
}

static size_t group_of(struct tst_lookup *lk, const struct tst_query *q)
{
	for (size_t g = lk->first[q->section]; g; g = lk->groups[g - 1].next) {
		const struct tst_lookup_group *gr = &lk->groups[g - 1];
		if (gr->columns == q->columns && gr->ncolumns == q->ncolumns && gr->nkeys == q->nkeys)
			return g - 1;
	}
	lk->groups[lk->ngroups] = (struct tst_lookup_group){
		.section = q->section, .columns = q->columns, .ncolumns = q->ncolumns,
		.nkeys = q->nkeys, .next = lk->first[q->section],
	};
	lk->first[q->section] = ++lk->ngroups;
	return lk->ngroups - 1;
}

static void group_insert(struct tst_lookup *lk, struct tst_lookup_group *g, size_t qi)
{
	const struct tst_query *q = &lk->src->queries[qi];
	bool fold = lk->src->parse.keys_ignore_case;
	uint64_t h = tst_lookup_hash(q->keys, q->nkeys, fold);

	for (size_t i = h >> g->shift;; i = (i + 1) & g->mask) {
		size_t first = g->slots[i];
		if (!first) {
			g->slots[i] = (uint32_t)qi + 1;
			g->tags[i] = (uint32_t)h;
			return;
		}
		if (g->tags[i] == (uint32_t)h && same_keys(&lk->src->queries[first - 1], q, fold)) {
			while (lk->next[first - 1])
				first = lk->next[first - 1];
			lk->next[first - 1] = (uint32_t)qi + 1;
			return;
		}
	}
}

void tst_lookup_init(struct tst_lookup *lk, const struct tst_source *src)
{
	size_t nq = src->nqueries;
	size_t *group = tst_xmalloc(nq * sizeof(*group));

	*lk = (struct tst_lookup){.src = src};
	lk->first = tst_xcalloc(src->nsections, sizeof(*lk->first));
	lk->groups = tst_xmalloc(nq * sizeof(*lk->groups));
	lk->next = tst_xcalloc(nq, sizeof(*lk->next));
	for (size_t q = 0; q < nq; q++) {
		group[q] = group_of(lk, &src->queries[q]);
		lk->groups[group[q]].count++;
	}
	for (size_t g = 0; g < lk->ngroups; g++) {
		struct tst_lookup_group *gr = &lk->groups[g];
		size_t size = 4;
		gr->shift = 62;
		/* A load of at most two thirds keeps probes short and the table small. */
		while (size < gr->count + gr->count / 2 + 1) {
			size *= 2;
			gr->shift--;
		}
		gr->mask = size - 1;
		gr->slots = tst_xcalloc(size, sizeof(*gr->slots));
		gr->tags = tst_xmalloc(size * sizeof(*gr->tags));
	}
	for (size_t q = 0; q < nq; q++)
		group_insert(lk, &lk->groups[group[q]], q);
	free(group);
	lk->need = tst_xcalloc(src->nsections, sizeof(*lk->need));
	for (size_t g = 0; g < lk->ngroups; g++) {
		size_t need = group_need(&lk->groups[g]), *s = &lk->need[lk->groups[g].section];
		/* Zero keys match every row, whose values are then all wanted: cut whole rows. */
		if (lk->groups[g].nkeys == 0)
			need = SIZE_MAX;
		if (need > *s)
			*s = need;
	}
}

bool tst_lookup_wants(const struct tst_lookup *lk, size_t section)
{
	return lk->first[section] != 0;
}

/* Sets or extends one query's value with a matching row, as its policy says. */
static void apply(const struct tst_lookup_group *g, const struct tst_query *q,
		  const struct tst_fields *row, struct tst_value *v)
{
	if (v->defined) {
		if (q->policy == TST_POLICY_IGNORE)
			return;
		if (q->policy == TST_POLICY_REPLACE)
			tst_value_clear(v);
	}
	v->defined = true;
	if (!g->columns) {
		for (size_t i = g->nkeys; i < row->n; i++)
			tst_value_push_split(v, row->f[i], q->split);
	} else {
		for (size_t i = g->nkeys; i < g->ncolumns; i++)
			tst_value_push_split(v, column(g, row, i), q->split);
	}
}

/* Whether a row's key columns equal those of query q. */
static bool keys_equal(const struct tst_lookup *lk, const struct tst_lookup_group *g, size_t q,
		       const struct tst_fields *row)
{
	const struct tst_query *qu = &lk->src->queries[q];
	bool fold = lk->src->parse.keys_ignore_case;

	for (size_t k = 0; k < g->nkeys; k++) {
		struct tst_str c = column(g, row, k);
		/* Only on a hash match, so the key's length is found here, not kept. */
		if (strnlen(qu->keys[k], c.n + 1) != c.n)
			return false;
		if (fold ? !tst_ascii_ieq(qu->keys[k], c.s, c.n) : memcmp(qu->keys[k], c.s, c.n) != 0)
			return false;
	}
	return true;
}

/* The first query of g whose keys the row has, index + 1, or 0. */
static size_t group_match(const struct tst_lookup *lk, const struct tst_lookup_group *g,
			  const struct tst_fields *row)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	bool fold = lk->src->parse.keys_ignore_case;

	for (size_t i = 0; i < g->nkeys; i++) {
		struct tst_str c = column(g, row, i);
		if (!c.s)
			return 0;
		h = hash_add(h, c.s, c.n, fold);
	}
	h = hash_end(h);
	for (size_t i = h >> g->shift; g->slots[i]; i = (i + 1) & g->mask)
		if (g->tags[i] == (uint32_t)h && keys_equal(lk, g, g->slots[i] - 1, row))
			return g->slots[i];
	return 0;
}

void tst_lookup_row(const struct tst_lookup *lk, size_t section, const struct tst_fields *row,
		    struct tst_value *results, tst_row_fn *complete, void *ctx)
{
	for (size_t g = lk->first[section]; g; g = lk->groups[g - 1].next) {
		const struct tst_lookup_group *gr = &lk->groups[g - 1];
		size_t first = group_match(lk, gr, row);
		if (!first)
			continue;
		if (complete) {
			complete(ctx);
			complete = NULL;
		}
		for (size_t qi = first; qi; qi = lk->next[qi - 1])
			apply(gr, &lk->src->queries[qi - 1], row, &results[qi - 1]);
	}
}

double tst_lookup_miss_cost(const struct tst_lookup *lk)
{
	double worst = 0;

	for (size_t g = 0; g < lk->ngroups; g++) {
		const struct tst_lookup_group *gr = &lk->groups[g];
		size_t size = gr->mask + 1, read = 0, start = 0, run = 0;
		/*
		 * A lookup that starts on the j-th of a run of r filled slots reads
		 * r - j + 1 of them and the empty slot after them: with the lookup
		 * that starts on that empty slot, r (r + 1) / 2 + r + 1 reads.
		 */
		while (gr->slots[start])
			start++;
		for (size_t i = 1; i <= size; i++) {
			if (gr->slots[(start + i) & gr->mask]) {
				run++;
				continue;
			}
			read += run * (run + 1) / 2 + run + 1;
			run = 0;
		}
		if ((double)read / (double)size > worst)
			worst = (double)read / (double)size;
	}
	return worst;
}

void tst_lookup_free(struct tst_lookup *lk)
{
	for (size_t g = 0; g < lk->ngroups; g++) {
		free(lk->groups[g].slots);
		free(lk->groups[g].tags);
	}
	free(lk->need);
	free(lk->groups);
	free(lk->first);
	free(lk->next);
	*lk = (struct tst_lookup){0};
}
