/*
 * The checker's reports.  What happens during a run is told, as it
 * happens, to every report the command line asked for (a sink: a format
 * and a stream).  Text, TAP and Prometheus write as they go; JUnit, JSON
 * and HTML need the counts first (or failures first), so they keep what
 * they are told and write it at the end.
 */
#ifndef TST_REPORT_H
#define TST_REPORT_H

#include <stdio.h>

#include "internal.h"
#include "json.h"

/*
 * What a run counted.  The text report keeps the original's counts:
 * assertions on a source that could not be read whole are tested, passed
 * or failed as usual.  The machine-read reports count them apart, as not
 * checked: errors, with the source's failure as the reason.
 */
struct tst_counts {
	unsigned long tested, failed, errors;
	unsigned long not_checked;              /* of tested, on a failed source */
	unsigned long not_checked_failed;       /* of those, the ones that failed */
};

/* The counts as the machine-read reports give them: not checked is an error. */
static inline struct tst_counts tst_checked_counts(const struct tst_counts *c)
{
	return (struct tst_counts){
		.tested = c->tested - c->not_checked,
		.failed = c->failed - c->not_checked_failed,
		.errors = c->errors + c->not_checked,
		.not_checked = c->not_checked,
	};
}

/* PASS when nothing failed and nothing went wrong, else FAIL. */
static inline const char *tst_verdict(const struct tst_counts *c)
{
	return c->failed || c->errors ? "FAIL" : "PASS";
}

/* One assertion, passed or failed, and what its failure block shows. */
struct tst_assertion_event {
	const struct tst_definition *def;
	const struct tst_source *src;
	const char *display;            /* the source as reports show it (where a command ran, under --root) */
	const char *section;            /* NULL: no section directive in this source */
	const struct tst_query *property;   /* NULL: the value did not come from property */
	const struct tst_value *value;  /* of a sensitive query: never to be shown */
	const struct tst_check *check;
	bool passed;
	bool sensitive;                 /* the value came from a query marked sensitive */
	const char *not_checked;        /* why the source could not be read whole, or NULL */
};

/* What a message of the report is. */
enum tst_message { TST_MESSAGE_ERROR, TST_MESSAGE_WARNING };

/* An ERROR or WARN line: what the definition's line `line` caused. */
struct tst_message_event {
	const struct tst_definition *def;
	unsigned line;
	const char *text;
	size_t len;
};

/* checks.c: checks (`check`, an extension) and their results */

/* What the assertions of one check came to. */
struct tst_check_result {
	const struct tst_definition *def;
	const struct tst_meta *meta;
	unsigned long assertions;       /* in the definition */
	unsigned long passed, failed, not_checked;
};

/* Every check of the definitions, in order. */
struct tst_tally {
	struct tst_check_result *v;
	size_t n;
	size_t at;                      /* the check of the last assertion counted */
};

/* The name of a severity, or NULL for none. */
const char *tst_severity_name(enum tst_severity s);
/* "ID TITLE (SEVERITY)", as a string to free: how reports name a check. */
char *tst_check_name(const struct tst_meta *m);
/* Lists the checks of defs[0..ndefs), none tested yet. */
void tst_tally_init(struct tst_tally *t, const struct tst_definition *defs, size_t ndefs);
/* Counts an assertion into its check, if it has one. */
void tst_tally_add(struct tst_tally *t, const struct tst_assertion_event *e);
enum tst_check_verdict { TST_CHECK_PASSED, TST_CHECK_FAILED, TST_CHECK_NOT_CHECKED };

/* A check failed when an assertion failed on a source read whole, passed when all passed. */
enum tst_check_verdict tst_check_verdict(const struct tst_check_result *r);
/* Frees what tst_tally_init allocated. */
void tst_tally_free(struct tst_tally *t);

struct tst_sink;

/* A report format: one function per event; begin, definition and message may be NULL. */
struct tst_format {
	const char *name;
	void (*begin)(struct tst_sink *s);
	void (*definition)(struct tst_sink *s, const struct tst_definition *def);
	void (*assertion)(struct tst_sink *s, const struct tst_assertion_event *e);
	void (*message)(struct tst_sink *s, enum tst_message kind, const struct tst_message_event *e);
	void (*end)(struct tst_sink *s, const struct tst_counts *c);
};

/* What a collecting format keeps of an event. */
struct tst_record {
	enum { RECORD_ERROR = TST_MESSAGE_ERROR, RECORD_WARNING = TST_MESSAGE_WARNING, RECORD_ASSERTION } kind;
	struct tst_assertion_event assertion;   /* value points at `value` */
	struct tst_value value;
	struct tst_message_event message;       /* text is an owned copy */
	struct tst_record *next;
};

struct tst_sink {
	const struct tst_format *format;
	FILE *out;
	const char *path;               /* NULL: standard output */
	struct tst_report_file *file;   /* when path is not NULL */
	bool quiet;                     /* text: only failures, errors and the summary */
	const struct tst_definition *defs;
	size_t ndefs;
	bool blank_owed, last_was_warning;      /* text */
	struct tst_tally checks;                /* text */
	unsigned long points;                   /* tap */
	struct tst_record *records, *last;      /* junit, json, html */
	FILE *held;                             /* while held: where out really goes (out is a buffer) */
	char *buf;                              /* the buffer */
	size_t len;
};

struct tst_report {
	struct tst_sink *sinks;
	size_t nsinks;
};

extern const struct tst_format tst_format_text, tst_format_tap, tst_format_junit, tst_format_json,
	tst_format_prometheus, tst_format_html;

/* The format called name, or NULL. */
const struct tst_format *tst_format_named(const char *name);
/* Adds a sink writing format to path (NULL: standard output); false if path cannot be opened. */
bool tst_report_add(struct tst_report *r, const struct tst_format *format, const char *path, bool quiet,
		    const struct tst_definition *defs, size_t ndefs);
/* Starts every report. */
void tst_report_begin(struct tst_report *r);
/* Announces the definition file whose checks follow. */
void tst_report_definition(struct tst_report *r, const struct tst_definition *def);
/* Tells every report of one assertion. */
void tst_report_assertion(struct tst_report *r, const struct tst_assertion_event *e);
/* An ERROR (the definition line that caused it and why) or a WARN (a line a command wrote on stderr). */
void tst_report_message(struct tst_report *r, enum tst_message kind, const struct tst_message_event *e);
/*
 * --retry-timeout: every report writes into a buffer from its start until
 * tst_report_release, which passes what it holds on and lets it write on,
 * or tst_report_drop, which forgets it (an attempt that is not the last).
 */
void tst_report_hold(struct tst_report *r);
void tst_report_release(struct tst_report *r);
void tst_report_drop(struct tst_report *r);
/* Closes every report without finishing it (a later one could not be opened). */
void tst_report_discard(struct tst_report *r);
/* Finishes every report; false if one could not be written (errno says why). */
bool tst_report_end(struct tst_report *r, const struct tst_counts *c);

/* A collecting format's assertion and message functions: they keep the event for its end. */
void tst_record_assertion(struct tst_sink *s, const struct tst_assertion_event *e);
void tst_record_message(struct tst_sink *s, enum tst_message kind, const struct tst_message_event *e);

/* report_file.c: report files, written whole or not at all */

struct tst_report_file;
/* Opens a report file for path (close-on-exec); *rf gets what closing it needs. */
FILE *tst_report_file_open(const char *path, struct tst_report_file **rf);
/* Closes f and, when keep and all went well, puts the report in place; frees rf. */
bool tst_report_file_close(FILE *f, struct tst_report_file *rf, bool keep);
/* Whether two reports would write to one file, whatever kind (NULL: standard output). */
bool tst_report_same_target(const char *a, const char *b);

/* format_text.c: the block of a failed assertion, as the text report shows it */
void tst_text_block(FILE *out, const struct tst_assertion_event *e);

/* escape.c: text for XML and the text report (JSON strings: json.h) */

/* XML character data, or an attribute value; bytes XML cannot hold become '?'. */
void tst_put_xml(FILE *f, const char *s, size_t n, bool attribute);
/* The value's items joined by one space, as the text report shows it. */
void tst_put_value(FILE *f, const struct tst_value *v);

#endif
