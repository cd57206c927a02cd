/*
 * struct tst_run, which tst.h leaves opaque to generated code.
 */
#ifndef TST_RUN_H
#define TST_RUN_H

#include "internal.h"
#include "report.h"

struct tst_run {
	const struct tst_definition *def;       /* being run */
	const struct tst_source *src;           /* current source, or NULL */
	struct tst_answers answers;             /* what its pass found */
	size_t section;                         /* selected section */
	bool section_shown;                     /* a `section` directive ran in this source */
	bool section_void;                      /* the block selected is not one block: it reads as empty */
	const struct tst_value *value;          /* the current value */
	const struct tst_query *property;       /* the query it came from, or NULL */
	struct tst_value size;                  /* storage for section_size's value */
	long timeout_ms;                        /* per command */
	long deadline_ms;                       /* --deadline, 0: none */
	long long deadline_at;                  /* on the monotonic clock, in ms */
	char stop_reason[96];                   /* why the run stopped (deadline, signal), or "" */
	char *source_failure;                   /* the first error reading the current source, or NULL */
	const char *root;                       /* --root, or NULL */
	enum tst_commands commands;             /* --commands */
	struct tst_counts counts;
	struct tst_report report;
};

/* Frees the current source's answers and returns to the state before any source. */
void tst_run_close_source(struct tst_run *run);
/* Starts the clock for --deadline. */
void tst_run_start_clock(struct tst_run *run);

#endif
