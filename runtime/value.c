/*
 * Values: what `property` and `section_size` produce and assertions test.
 * Items are copies, because the rows they come from live only as long as
 * one line of input; a value keeps all its items' bytes in one buffer, so
 * a value costs two allocations however many items it has.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* Makes room for n more bytes of text, moving the items with it. */
static void reserve_text(struct tst_value *v, size_t n)
{
	char *old = v->text;

	if (v->text_cap - v->len >= n)
		return;
	/* Most values are one row's few short fields: start at what this item needs. */
	while (v->text_cap - v->len < n)
		v->text_cap = v->text_cap ? 2 * v->text_cap : (n < 32 ? 32 : n);
	v->text = tst_xrealloc(v->text, v->text_cap);
	for (size_t i = 0; i < v->n; i++)
		if (v->items[i].s)
			v->items[i].s = v->text + (v->items[i].s - old);
}

void tst_value_push(struct tst_value *v, struct tst_str item)
{
	if (v->n == v->cap) {
		v->cap = v->cap ? 2 * v->cap : 4;
		v->items = tst_xrealloc(v->items, v->cap * sizeof(*v->items));
	}
	if (item.s) {
		/* One byte more, so that even an empty item has somewhere to point. */
		reserve_text(v, item.n + 1);
		if (item.n)
			memcpy(v->text + v->len, item.s, item.n);
		item.s = v->text + v->len;
		v->len += item.n;
	}
	v->items[v->n++] = item;
	v->defined = true;
}

void tst_value_clear(struct tst_value *v)
{
	v->n = 0;
	v->len = 0;
	v->defined = true;
}

void tst_value_free(struct tst_value *v)
{
	free(v->items);
	free(v->text);
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
