/*
 * The compiler's memory.  Everything tstcc allocates lives until it exits,
 * so one arena serves all of it: no frees to get wrong, and one arena_free
 * at the end keeps leak checkers quiet.  Running out of memory is the one
 * failure that does not return to main (doc/internals.md, Failures).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tstcc.h"

struct block {
	struct block *prev;
	size_t used, size;
	max_align_t data[];
};

static struct block *top;

void out_of_memory(void)
{
	fputs("tstcc: error: out of memory\n", stderr);
	exit(2);
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		out_of_memory();
	return p;
}

static void *block_alloc(size_t n)
{
	const size_t align = sizeof(max_align_t);
	struct block *b;

	n = (n + align - 1) / align * align;
	if (!top || top->size - top->used < n) {
		size_t size = n > 64 * 1024 ? n : 64 * 1024;
		b = malloc(sizeof(*b) + size);
		if (!b)
			out_of_memory();
		b->prev = top;
		b->used = 0;
		b->size = size;
		top = b;
	}
	b = top;
	b->used += n;
	return (char *)b->data + b->used - n;
}

void *arena_alloc(size_t n)
{
	return memset(block_alloc(n ? n : 1), 0, n ? n : 1);
}

char *arena_strndup(const char *s, size_t n)
{
	char *p = block_alloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void *arena_grow(void *p, size_t *cap, size_t need, size_t size)
{
	size_t n = *cap ? *cap : 4;
	void *q;

	if (need <= *cap)
		return p;
	while (n < need)
		n *= 2;
	q = arena_alloc(n * size);
	if (*cap)
		memcpy(q, p, *cap * size);
	*cap = n;
	return q;
}

char *arena_vprintf(const char *fmt, va_list ap)
{
	va_list copy;
	int n;
	char *s;

	va_copy(copy, ap);
	n = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	s = block_alloc((size_t)n + 1);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	return s;
}

char *arena_printf(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = arena_vprintf(fmt, ap);
	va_end(ap);
	return s;
}

void arena_free(void)
{
	while (top) {
		struct block *prev = top->prev;
		free(top);
		top = prev;
	}
}
