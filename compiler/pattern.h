#ifndef TSTCC_PATTERN_H
#define TSTCC_PATTERN_H

#include <stdbool.h>
#include <stddef.h>

struct pattern {
	char *ere;    /* malloc'd POSIX ERE; regexec of it succeeds on a line iff the Java pattern matches the whole line */
	int group1;   /* index of the ERE subexpression that holds Java's capture group 1 (for regmatch_t), 0 if the Java pattern has no capturing group */
};

struct pattern_error {
	size_t offset;      /* byte offset in the Java pattern of the offending construct */
	size_t length;      /* its length in bytes, at least 1 (for a caret ~~~ underline) */
	char message[200];  /* e.g. "look-ahead '(?=' is not supported" */
};

/* Translates the len bytes of a Java regex; true on success, else fills *err and leaves *out empty. */
bool pattern_translate(const char *java, size_t len, struct pattern *out, struct pattern_error *err);
/* The same, and with fold every ASCII letter matches either case (values_ignore_case). */
bool pattern_translate_folded(const char *java, size_t len, bool fold, struct pattern *out,
			      struct pattern_error *err);
/*
 * The bytes a line matched by the header or footer ERE (either may be
 * NULL) may start with, as struct tst_parse's section_starts, in the
 * arena; NULL when there is no pattern, or any byte may.
 */
unsigned char *pattern_section_starts(const char *header, const char *footer);
/* Frees what pattern_translate allocated. */
void pattern_free(struct pattern *p);

#endif
