/*
 * Values: what `property` and `section_size` produce and assertions test.
 * Items are copies, because the rows they come from live only as long as
 * one line of input.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

void tst_value_push(struct tst_value *v, struct tst_str item)
{
	if (v->n == v->cap) {
		v->cap = v->cap ? 2 * v->cap : 4;
		v->items = tst_xrealloc(v->items, v->cap * sizeof(*v->items));
	}
	if (item.s)
		item.s = tst_xmemdup(item.s, item.n);
	v->items[v->n++] = item;
	v->defined = true;
}

void tst_value_clear(struct tst_value *v)
{
	for (size_t i = 0; i < v->n; i++)
		free((char *)v->items[i].s);
	v->n = 0;
	v->defined = true;
}

void tst_value_free(struct tst_value *v)
{
	tst_value_clear(v);
	free(v->items);
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
