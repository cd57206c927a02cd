/*
 * Answering a source's property queries while its rows stream past.
 *
 * Queries that read a row the same way (same section, column map and
 * number of keys) form a group, and each group hashes its queries' key
 * tuples, so a row costs one hash and one probe per group however many
 * queries there are.  Queries with equal keys share a slot and are chained
 * (they may differ in duplicates policy).
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

struct tst_lookup_group {
	size_t section;
	const size_t *columns;
	size_t ncolumns;
	size_t nkeys;
	size_t next;                    /* next group of the section, index + 1 */
	size_t count;                   /* queries in the group */
	size_t mask;
	size_t *slots;                  /* first query with a key tuple, index + 1 */
	uint64_t *hashes;
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

static uint64_t hash_add(uint64_t h, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x100000001b3ULL;
	}
	h ^= n;
	h *= 0x100000001b3ULL;
	return h;
}

static uint64_t hash_keys(const struct tst_query *q)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	for (size_t i = 0; i < q->nkeys; i++)
		h = hash_add(h, q->keys[i], strlen(q->keys[i]));
	return h;
}

static bool same_keys(const struct tst_query *a, const struct tst_query *b)
{
	for (size_t i = 0; i < a->nkeys; i++)
		if (strcmp(a->keys[i], b->keys[i]) != 0)
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
	uint64_t h = hash_keys(q);

	for (size_t i = h & g->mask;; i = (i + 1) & g->mask) {
		size_t first = g->slots[i];
		if (!first) {
			g->slots[i] = qi + 1;
			g->hashes[i] = h;
			return;
		}
		if (g->hashes[i] == h && same_keys(&lk->src->queries[first - 1], q)) {
			while (lk->next[first - 1])
				first = lk->next[first - 1];
			lk->next[first - 1] = qi + 1;
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
		while (size < 2 * gr->count)
			size *= 2;
		gr->mask = size - 1;
		gr->slots = tst_xcalloc(size, sizeof(*gr->slots));
		gr->hashes = tst_xmalloc(size * sizeof(*gr->hashes));
	}
	for (size_t q = 0; q < nq; q++)
		group_insert(lk, &lk->groups[group[q]], q);
	free(group);
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
			tst_value_push(v, row->f[i]);
	} else {
		for (size_t i = g->nkeys; i < g->ncolumns; i++)
			tst_value_push(v, column(g, row, i));
	}
}

static void group_row(const struct tst_lookup *lk, const struct tst_lookup_group *g,
		      const struct tst_fields *row, struct tst_value *results)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	for (size_t i = 0; i < g->nkeys; i++) {
		struct tst_str c = column(g, row, i);
		if (!c.s)
			return;
		h = hash_add(h, c.s, c.n);
	}
	for (size_t i = h & g->mask; g->slots[i]; i = (i + 1) & g->mask) {
		const struct tst_query *q = &lk->src->queries[g->slots[i] - 1];
		bool equal = g->hashes[i] == h;
		for (size_t k = 0; equal && k < g->nkeys; k++) {
			struct tst_str c = column(g, row, k);
			equal = strlen(q->keys[k]) == c.n && memcmp(q->keys[k], c.s, c.n) == 0;
		}
		if (!equal)
			continue;
		for (size_t qi = g->slots[i]; qi; qi = lk->next[qi - 1])
			apply(g, &lk->src->queries[qi - 1], row, &results[qi - 1]);
		return;
	}
}

void tst_lookup_row(const struct tst_lookup *lk, size_t section, const struct tst_fields *row,
		    struct tst_value *results)
{
	for (size_t g = lk->first[section]; g; g = lk->groups[g - 1].next)
		group_row(lk, &lk->groups[g - 1], row, results);
}

void tst_lookup_free(struct tst_lookup *lk)
{
	for (size_t g = 0; g < lk->ngroups; g++) {
		free(lk->groups[g].slots);
		free(lk->groups[g].hashes);
	}
	free(lk->groups);
	free(lk->first);
	free(lk->next);
	*lk = (struct tst_lookup){0};
}
