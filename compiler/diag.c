/*
 * Diagnostics in gcc's form, so that editors and CI annotate the right
 * place:
 *
 *   sshd.tstconfig:12:1: error: unknown directive 'asert_eq'
 *      12 | asert_eq no
 *         | ^~~~~~~~
 *
 * At most one error is shown for a line (the first is the one that
 * matters), and past max_errors the rest are counted, not shown.  With
 * --diagnostics-format=json they are collected instead and written as one
 * JSON array when tstcc is done, for tools.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tstcc.h"
#include "json.h"
#include "utf8.h"

struct diag_options diag_options = {.max_errors = 50};

enum severity { ERROR, WARNING, NOTE };

static unsigned nerrors;
static bool last_shown;                 /* whether a note may follow */
static const struct srcfile *last_file;
static unsigned last_error_line;
static bool capped;

/* A diagnostic kept for the JSON output. */
struct record {
	enum severity sev;
	const char *file;
	struct loc loc;
	const char *message;
	struct record *notes, *next;
};

static struct record *records, **records_tail = &records, *last_record;

static const char *const labels[] = {"error", "warning", "note"};
static const char *const colors[] = {"\033[1;31m", "\033[1;35m", "\033[1;36m"};

/* Longest source line shown in full; a longer one is shown around the caret. */
enum { SHOWN_LINE_MAX = 200 };

/*
 * Shows s[0..n) as one column a character: valid UTF-8 and tabs as they
 * are, anything else as '?'.  With blank set it writes the spaces (and
 * tabs) that line up under the text instead; with f NULL it only counts.
 * Returns the columns used.
 */
static size_t put_visible(FILE *f, const char *s, size_t n, bool blank)
{
	size_t cols = 0;

	for (size_t i = 0; i < n; cols++) {
		const unsigned char *c = (const unsigned char *)s + i;
		size_t len = *c >= 0x80 ? tst_utf8_seq(c, n - i) : 1;
		bool plain = *c == '\t' || (*c >= ' ' && *c != 0x7f && len);
		if (!f)
			;
		else if (blank)
			fputc(*c == '\t' ? '\t' : ' ', f);
		else if (plain)
			fwrite(c, 1, len ? len : 1, f);
		else
			fputc('?', f);
		i += len ? len : 1;
	}
	return cols;
}

/* The line holding loc, and the caret under the located word. */
static void show_source(const struct srcfile *f, struct loc loc)
{
	const char *start = f->text + loc.off - (loc.col - 1);
	const char *end = start;
	size_t from = 0, shown, caret = loc.col - 1, width = loc.len ? loc.len : 1, cols;

	while (end < f->text + f->len && *end != '\n' && *end != '\r')
		end++;
	if ((size_t)(end - start) > SHOWN_LINE_MAX && caret > SHOWN_LINE_MAX / 2) {
		from = caret - SHOWN_LINE_MAX / 2;
		caret -= from;
	}
	shown = (size_t)(end - start) - from;
	if (shown > SHOWN_LINE_MAX)
		shown = SHOWN_LINE_MAX;
	if (caret > shown)
		caret = shown;
	if (width > shown - caret)
		width = shown - caret ? shown - caret : 1;
	start += from;
	fprintf(stderr, "%5u | ", loc.line);
	put_visible(stderr, start, shown, false);
	fprintf(stderr, "\n      | ");
	put_visible(stderr, start, caret, true);
	cols = caret < shown ? put_visible(NULL, start + caret, width, true) : 1;
	if (diag_options.color)
		fputs("\033[1;32m", stderr);
	fputc('^', stderr);
	for (size_t i = 1; i < cols; i++)
		fputc('~', stderr);
	if (diag_options.color)
		fputs("\033[m", stderr);
	fputc('\n', stderr);
}

static void text_report(enum severity sev, const struct srcfile *f, struct loc loc, bool with_source,
			const char *msg)
{
	if (f)
		fprintf(stderr, diag_options.color ? "\033[1m%s:%u:%u:\033[m " : "%s:%u:%u: ",
			f->name, loc.line, loc.col);
	else
		fputs("tstcc: ", stderr);
	if (diag_options.color)
		fprintf(stderr, "%s%s:\033[m %s\n", colors[sev], labels[sev], msg);
	else
		fprintf(stderr, "%s: %s\n", labels[sev], msg);
	if (f && with_source && f->len)
		show_source(f, loc);
}

static void keep_record(enum severity sev, const struct srcfile *f, struct loc loc, const char *msg)
{
	struct record *r = arena_alloc(sizeof(*r));

	*r = (struct record){.sev = sev, .file = f ? f->name : NULL, .loc = loc, .message = msg};
	if (sev == NOTE && last_record) {
		struct record **tail = &last_record->notes;
		while (*tail)
			tail = &(*tail)->next;
		*tail = r;
		return;
	}
	*records_tail = r;
	records_tail = &r->next;
	last_record = r;
}

static void vreport(enum severity sev, const struct srcfile *f, struct loc loc, bool with_source,
		    const char *fmt, va_list ap)
{
	char *msg = arena_vprintf(fmt, ap);

	if (diag_options.json)
		keep_record(sev, f, loc, msg);
	else
		text_report(sev, f, loc, with_source, msg);
}

/* Whether an error at this line is to be shown, and counts it. */
static bool admit_error(const struct srcfile *f, struct loc loc)
{
	if (f && f == last_file && loc.line == last_error_line)
		return false;
	last_file = f;
	last_error_line = f ? loc.line : 0;
	nerrors++;
	if (diag_options.max_errors && nerrors > diag_options.max_errors) {
		if (!capped && !diag_options.json)
			fprintf(stderr, "tstcc: too many errors (more than %u); the rest are not shown\n",
				diag_options.max_errors);
		capped = true;
		return false;
	}
	return true;
}

void error_at(const struct srcfile *f, struct loc loc, const char *fmt, ...)
{
	va_list ap;

	last_shown = admit_error(f, loc);
	if (!last_shown)
		return;
	va_start(ap, fmt);
	vreport(ERROR, f, loc, true, fmt, ap);
	va_end(ap);
}

void warning_at(const struct srcfile *f, struct loc loc, const char *fmt, ...)
{
	va_list ap;
	enum severity sev = WARNING;

	last_shown = false;
	if (diag_options.no_warnings && !diag_options.werror)
		return;
	if (diag_options.werror) {
		if (!admit_error(f, loc))
			return;
		sev = ERROR;
	}
	last_shown = true;
	va_start(ap, fmt);
	vreport(sev, f, loc, true, fmt, ap);
	va_end(ap);
}

void note_at(const struct srcfile *f, struct loc loc, bool with_source, const char *fmt, ...)
{
	va_list ap;

	if (!last_shown)
		return;
	va_start(ap, fmt);
	vreport(NOTE, f, loc, with_source, fmt, ap);
	va_end(ap);
}

void tool_error(const char *fmt, ...)
{
	va_list ap;

	nerrors++;
	last_shown = false;
	va_start(ap, fmt);
	vreport(ERROR, NULL, (struct loc){0}, false, fmt, ap);
	va_end(ap);
}

unsigned diag_error_count(void)
{
	return nerrors;
}

char *diag_quote(const char *s, size_t n)
{
	enum { MAX = 60 };
	char *out = arena_alloc(4 * MAX + 4), *p = out;

	for (size_t i = 0; i < n && i < MAX; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= ' ' && c < 0x7f)
			*p++ = (char)c;
		else
			p += sprintf(p, "\\x%02x", c);
	}
	if (n > MAX)
		strcpy(p, "...");
	return out;
}

static void json_string(FILE *out, const char *s)
{
	tst_put_json(out, s, strlen(s));
}

static void json_record(FILE *out, const struct record *r, const char *indent)
{
	fprintf(out, "%s{\"file\": ", indent);
	if (r->file)
		json_string(out, r->file);
	else
		fputs("null", out);
	fprintf(out, ", \"line\": %u, \"column\": %u, \"severity\": \"%s\", \"message\": ",
		r->loc.line, r->loc.col, labels[r->sev]);
	json_string(out, r->message);
	if (r->sev == NOTE) {
		fputc('}', out);
		return;
	}
	fputs(", \"notes\": [", out);
	for (const struct record *n = r->notes; n; n = n->next) {
		fputs(n == r->notes ? "\n" : ",\n", out);
		json_record(out, n, "    ");
	}
	fputs(r->notes ? "\n  ]}" : "]}", out);
}

void diag_finish(void)
{
	if (!diag_options.json)
		return;
	fputc('[', stderr);
	for (const struct record *r = records; r; r = r->next) {
		fputs(r == records ? "\n" : ",\n", stderr);
		json_record(stderr, r, "  ");
	}
	fputs(records ? "\n]\n" : "]\n", stderr);
}

void diag_reset(void)
{
	nerrors = 0;
	last_shown = false;
	last_file = NULL;
	last_error_line = 0;
	capped = false;
	records = NULL;
	records_tail = &records;
	last_record = NULL;
}
