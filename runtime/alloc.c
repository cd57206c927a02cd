/*
 * Allocation for the runtime. A checker that cannot allocate cannot finish
 * its report honestly, so it says so and exits with the error status (2).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

void tst_out_of_memory(void)
{
	fputs("ERROR: out of memory\n", stderr);
	exit(2);
}

void *tst_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		tst_out_of_memory();
	return p;
}

void *tst_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p)
		tst_out_of_memory();
	return p;
}

void *tst_xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		tst_out_of_memory();
	return p;
}

char *tst_xmemdup(const char *s, size_t n)
{
	char *p = tst_xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}
