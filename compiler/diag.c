/*
 * Diagnostics in gcc's form, so that editors and CI annotate the right
 * place:
 *
 *   sshd.tstconfig:12:1: error: unknown directive 'asert_eq'
 *      12 | asert_eq no
 *         | ^~~~~~~~
 *
 * At most one error is shown for a line (the first is the one that
 * matters), and past max_errors the rest are counted, not shown.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tstcc.h"

struct diag_options diag_options = {.max_errors = 50};

enum severity { ERROR, WARNING, NOTE };

static unsigned nerrors;
static bool last_shown;                 /* whether a note may follow */
static const struct srcfile *last_file;
static unsigned last_error_line;
static bool capped;

static const char *const labels[] = {"error", "warning", "note"};
static const char *const colors[] = {"\033[1;31m", "\033[1;35m", "\033[1;36m"};

/* Longest source line shown in full; a longer one is shown around the caret. */
enum { SHOWN_LINE_MAX = 200 };

static void put_visible(FILE *f, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		fputc(c == '\t' || (c >= ' ' && c != 0x7f) ? c : '?', f);
	}
}

/* The line holding loc, and the caret under the located word. */
static void show_source(const struct srcfile *f, struct loc loc)
{
	const char *start = f->text + loc.off - (loc.col - 1);
	const char *end = start;
	size_t from = 0, shown, caret = loc.col - 1, width = loc.len ? loc.len : 1;

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
	end = start + from + shown;
	fprintf(stderr, "%5u | ", loc.line);
	put_visible(stderr, start + from, (size_t)(end - start) - from);
	fprintf(stderr, "\n      | ");
	for (size_t i = 0; i < caret; i++)
		fputc(start[from + i] == '\t' ? '\t' : ' ', stderr);
	if (diag_options.color)
		fputs("\033[1;32m", stderr);
	fputc('^', stderr);
	for (size_t i = 1; i < width; i++)
		fputc('~', stderr);
	if (diag_options.color)
		fputs("\033[m", stderr);
	fputc('\n', stderr);
}

static void vreport(enum severity sev, const struct srcfile *f, struct loc loc, bool with_source,
		    const char *fmt, va_list ap)
{
	if (f)
		fprintf(stderr, diag_options.color ? "\033[1m%s:%u:%u:\033[m " : "%s:%u:%u: ",
			f->name, loc.line, loc.col);
	else
		fputs("tstcc: ", stderr);
	if (diag_options.color)
		fprintf(stderr, "%s%s:\033[m ", colors[sev], labels[sev]);
	else
		fprintf(stderr, "%s: ", labels[sev]);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	if (f && with_source && f->len)
		show_source(f, loc);
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
		if (!capped)
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

void fatal_error(const char *fmt, ...)
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
