/*
 * The checker's report: what is said, in the order it happens.
 */
#ifndef TST_REPORT_H
#define TST_REPORT_H

#include <stdio.h>

#include "internal.h"

struct tst_report {
	FILE *out;
	bool blank_owed;                /* the last item wants a blank line after it */
	bool last_was_warning;
};

struct tst_counts {
	unsigned long tested, failed, errors;
};

/* What a failure block shows. */
struct tst_failure {
	const char *definition;
	const struct tst_source *src;
	const char *section;            /* NULL: no section directive in this source */
	const struct tst_query *property;   /* NULL: the value did not come from property */
	const struct tst_value *value;
	const struct tst_check *check;
};

/* Starts the report on out with its banner. */
void tst_report_begin(struct tst_report *r, FILE *out);
/* Announces the definition file whose checks follow. */
void tst_report_definition(struct tst_report *r, const char *name);
/* Writes the block of a failed assertion. */
void tst_report_failure(struct tst_report *r, const struct tst_failure *f);
/* Writes an ERROR line naming the definition line that caused it. */
void tst_report_error(struct tst_report *r, const char *definition, unsigned line, const char *msg);
/* Writes a WARN line with one line a command wrote on stderr. */
void tst_report_warning(struct tst_report *r, const char *definition, unsigned line, const char *text, size_t n);
/* Writes the summary. */
void tst_report_summary(struct tst_report *r, const struct tst_counts *c);

#endif
