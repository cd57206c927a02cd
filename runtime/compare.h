/*
 * The orders of the comparing assertions, shared by the compiler (which
 * checks their arguments) and the runtime.
 */
#ifndef TST_COMPARE_H
#define TST_COMPARE_H

#include <stdbool.h>
#include <stddef.h>

/* s[0..n) as a number, with an optional K, M, G or T (powers of 1024) or %; false if it is none. */
bool tst_number(const char *s, size_t n, double *out);
/* Whether s is a Debian version: [epoch:]upstream[-revision], upstream starting with a digit. */
bool tst_version_valid(const char *s);
/* Debian versions compared as dpkg does: <0, 0 or >0. */
int tst_version_compare(const char *a, size_t na, const char *b, size_t nb);

/* The comparisons' part (tst.h): the functions above. */
struct tst_compare_ops {
	bool (*number)(const char *s, size_t n, double *out);
	bool (*version_valid)(const char *s);
	int (*version_compare)(const char *a, size_t na, const char *b, size_t nb);
};

#endif
