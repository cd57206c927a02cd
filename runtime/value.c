/*
 * Values: what `property` and `section_size` produce and assertions test.
 * Items are copies, because the rows they come from live only as long as
 * one line of input; a value keeps all its items' bytes in one buffer, so
 * a value costs two allocations however many items it has.  The answers
 * of a pass (thousands of small values, freed together) come from a pool
 * instead of malloc: less memory touched, no per-value frees.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

enum { POOL_BLOCK = 64 * 1024 };

struct tst_pool_block {
	struct tst_pool_block *next;
	size_t used, size;
	max_align_t data[];
};

/* n bytes, aligned for any item, that live until tst_pool_free. */
static void *pool_alloc(struct tst_pool *p, size_t n)
{
	const size_t align = sizeof(max_align_t);
	struct tst_pool_block *b = p->block;

	n = (n + align - 1) / align * align;
	if (!b || b->size - b->used < n) {
		size_t size = n > POOL_BLOCK ? n : POOL_BLOCK;
		b = tst_xmalloc(sizeof(*b) + size);
		b->next = p->block;
		b->used = 0;
		b->size = size;
		p->block = b;
	}
	b->used += n;
	return (char *)b->data + b->used - n;
}

void tst_pool_free(struct tst_pool *p)
{
	while (p->block) {
		struct tst_pool_block *next = p->block->next;
		free(p->block);
		p->block = next;
	}
}

/* Storage of new_size bytes holding the old_size bytes at old. */
static void *resize(const struct tst_value *v, void *old, size_t old_size, size_t new_size)
{
	void *p;

	if (!v->pool)
		return tst_xrealloc(old, new_size);
	p = pool_alloc(v->pool, new_size);
	if (old_size)
		memcpy(p, old, old_size);
	return p;
}

/* Makes room for n more bytes of text, moving the items with it. */
static void reserve_text(struct tst_value *v, size_t n)
{
	char *old = v->text;
	size_t old_cap = v->text_cap;

	if (v->text_cap - v->len >= n)
		return;
	/* Most values are one row's few short fields: start at what this item needs. */
	while (v->text_cap - v->len < n)
		v->text_cap = v->text_cap ? 2 * v->text_cap : (n < 32 ? 32 : n);
	v->text = resize(v, v->text, old_cap ? v->len : 0, v->text_cap);
	for (size_t i = 0; i < v->n; i++)
		if (v->items[i].s)
			v->items[i].s = v->text + (v->items[i].s - old);
}

void tst_value_push(struct tst_value *v, struct tst_str item)
{
	if (v->n == v->cap) {
		size_t old = v->cap * sizeof(*v->items);
		v->cap = v->cap ? 2 * v->cap : 4;
		v->items = resize(v, v->items, old, v->cap * sizeof(*v->items));
	}
	if (item.s) {
		/*
		 * Each item ends in a NUL, which is not part of it: regexec
		 * reads a string to its NUL even under REG_STARTEND (as
		 * ASan's interceptor does), and the matchers hand it items.
		 */
		reserve_text(v, item.n + 1);
		if (item.n)
			memcpy(v->text + v->len, item.s, item.n);
		v->text[v->len + item.n] = '\0';
		item.s = v->text + v->len;
		v->len += item.n + 1;
	}
	v->items[v->n++] = item;
	v->defined = true;
}

void tst_value_push_split(struct tst_value *v, struct tst_str item, const char *split)
{
	size_t start = 0;

	/* A missing item has no text to cut: it stays the one missing item it was. */
	if (!split || !item.s) {
		tst_value_push(v, item);
		return;
	}
	for (size_t i = 0; i <= item.n; i++) {
		if (i < item.n && !(item.s[i] && strchr(split, item.s[i])))
			continue;
		if (i > start)
			tst_value_push(v, (struct tst_str){item.s + start, i - start});
		start = i + 1;
	}
}

void tst_value_clear(struct tst_value *v)
{
	v->n = 0;
	v->len = 0;
	v->defined = true;
}

void tst_value_free(struct tst_value *v)
{
	if (!v->pool) {
		free(v->items);
		free(v->text);
	}
	*v = (struct tst_value){0};
}

size_t tst_value_joined_len(const struct tst_value *v)
{
	size_t len = v->n ? v->n - 1 : 0;

	for (size_t i = 0; i < v->n; i++)
		len += v->items[i].n;
	return len;
}

void tst_value_join(const struct tst_value *v, char *buf)
{
	for (size_t i = 0; i < v->n; i++) {
		if (i)
			*buf++ = ' ';
		if (v->items[i].n)
			memcpy(buf, v->items[i].s, v->items[i].n);
		buf += v->items[i].n;
	}
}
