/* JSON strings, shared by the compiler and the runtime. */
#ifndef TST_JSON_H
#define TST_JSON_H

#include <stddef.h>
#include <stdio.h>

/* Writes s[0..n), any bytes, as one JSON string. */
void tst_put_json(FILE *f, const char *s, size_t n);

#endif
