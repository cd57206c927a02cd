/*
 * The HTML report: one self-contained page (inline CSS, no script, no
 * other file) with the summary, the errors, and every assertion, failed
 * ones first, each with its definition line, source and value.  Values
 * come from the host, so they may hold any byte: text is escaped for
 * HTML, and what an HTML5 parser would take as an error (control
 * characters, noncharacters, bytes that are not UTF-8) is shown as a
 * \xNN escape instead.  A sensitive value is never written.  Failures
 * come first, so the page is written at the end from kept events.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"

/* Code points HTML5 parsers report as errors in a document's text. */
static bool html_forbidden(unsigned long cp)
{
	return (cp < 0x20 && cp != '\t' && cp != '\n') || (cp >= 0x7f && cp <= 0x9f) ||
	       (cp >= 0xfdd0 && cp <= 0xfdef) || (cp & 0xfffe) == 0xfffe;
}

static void put_escape(FILE *out, unsigned char c)
{
	fprintf(out, "<span class=\"esc\">\\x%02x</span>", c);
}

/* Text or an attribute value, any bytes. */
static void put_html(FILE *out, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;

	for (size_t i = 0; i < n;) {
		size_t len = u[i] >= 0x80 ? tst_utf8_seq(u + i, n - i) : 1;
		unsigned long cp = len > 1 ? tst_utf8_code_point(u + i, len) : u[i];
		if (!len || html_forbidden(cp)) {
			for (size_t k = 0; k < (len ? len : 1); k++)
				put_escape(out, u[i + k]);
		} else if (u[i] == '&') {
			fputs("&amp;", out);
		} else if (u[i] == '<') {
			fputs("&lt;", out);
		} else if (u[i] == '>') {
			fputs("&gt;", out);
		} else if (u[i] == '"') {
			fputs("&quot;", out);
		} else {
			fwrite(u + i, 1, len, out);
		}
		i += len ? len : 1;
	}
}

static void put_cstr(FILE *out, const char *s)
{
	put_html(out, s, strlen(s));
}

static const char style[] =
	"body{font-family:sans-serif;margin:2em;color:#222}"
	"table{border-collapse:collapse;width:100%}"
	"th,td{border:1px solid #ccc;padding:.3em .5em;text-align:left;vertical-align:top}"
	"td.value,td.assertion,code{font-family:monospace;white-space:pre-wrap}"
	".PASS,.passed{background:#dfd}.FAIL,.failed{background:#fdd}.not-checked{background:#ffd}"
	".esc{color:#a00}.sensitive,.undefined{font-style:italic;color:#666}";

static void html_value(FILE *out, const struct tst_assertion_event *e)
{
	const struct tst_value *v = e->value;

	if (e->sensitive) {
		fputs("<span class=\"sensitive\">sensitive, not shown</span>", out);
		return;
	}
	if (!v->defined) {
		fputs("<span class=\"undefined\">undefined</span>", out);
		return;
	}
	for (size_t i = 0; i < v->n; i++) {
		if (i)
			fputc(' ', out);
		put_html(out, v->items[i].s ? v->items[i].s : "", v->items[i].n);
	}
}

static const char *result_of(const struct tst_assertion_event *e)
{
	return e->not_checked ? "not-checked" : e->passed ? "passed" : "failed";
}

static void html_row(FILE *out, const struct tst_assertion_event *e)
{
	fprintf(out, "<tr class=\"%s\"><td>%s", result_of(e), e->not_checked ? "not checked: " : result_of(e));
	if (e->not_checked)
		put_cstr(out, e->not_checked);
	fputs("</td><td>", out);
	if (e->check->meta) {
		char *name = tst_check_name(e->check->meta);
		fputs("check ", out);
		put_cstr(out, name);
		fputs("<br>", out);
		free(name);
	}
	fputs("<code>", out);
	put_cstr(out, e->def->name);
	fprintf(out, ":%u</code></td><td>%s <code>", e->check->line,
		e->src->argv ? "command" : e->src->patterns ? "files" : "file");
	put_cstr(out, e->display);
	fputs("</code>", out);
	if (e->section) {
		fputs("<br>section <code>", out);
		put_cstr(out, e->section);
		fputs("</code>", out);
	}
	fputs("</td><td><code>", out);
	for (size_t i = 0; e->property && i < e->property->nkeys; i++) {
		fputs(i ? " " : "", out);
		put_cstr(out, e->property->keys[i]);
	}
	fputs("</code></td><td class=\"assertion\">", out);
	put_cstr(out, e->check->text);
	fputs("</td><td class=\"value\">", out);
	html_value(out, e);
	fputs("</td></tr>\n", out);
}

/* The rows of one result, in the order they ran. */
static void html_rows(FILE *out, const struct tst_sink *s, const char *result)
{
	for (const struct tst_record *r = s->records; r; r = r->next)
		if (r->kind == RECORD_ASSERTION && strcmp(result_of(&r->assertion), result) == 0)
			html_row(out, &r->assertion);
}

/* Errors or warnings, as a list; nothing when there are none. */
static void html_messages(FILE *out, const struct tst_sink *s, int kind, const char *title)
{
	bool any = false;

	for (const struct tst_record *r = s->records; r; r = r->next) {
		if ((int)r->kind != kind)
			continue;
		if (!any)
			fprintf(out, "<h2>%s</h2>\n<ul>\n", title);
		any = true;
		fputs("<li><code>", out);
		put_cstr(out, r->message.def->name);
		fprintf(out, ":%u</code>: ", r->message.line);
		put_html(out, r->message.text, r->message.len);
		fputs("</li>\n", out);
	}
	if (any)
		fputs("</ul>\n", out);
}

static void html_definitions(FILE *out, const struct tst_sink *s)
{
	fputs("<h2>Definitions</h2>\n<ul>\n", out);
	for (size_t i = 0; i < s->ndefs; i++) {
		fputs("<li><code>", out);
		put_cstr(out, s->defs[i].name);
		fputs("</code> (SHA-256 <code>", out);
		put_cstr(out, s->defs[i].sha256);
		fputs("</code>)</li>\n", out);
	}
	fputs("</ul>\n", out);
}

static void html_end(struct tst_sink *s, const struct tst_counts *all)
{
	struct tst_counts c = tst_checked_counts(all);
	const char *verdict = tst_verdict(&c);
	FILE *out = s->out;

	fprintf(out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
		"<title>tstcc report: %s</title>\n<style>%s</style>\n</head>\n<body>\n", verdict, style);
	fprintf(out, "<h1 class=\"%s\">tstcc report: %s</h1>\n", verdict, verdict);
	fprintf(out, "<p>%lu tested, %lu passed, %lu failed, %lu errors, %lu not checked (tstcc "
		TST_VERSION ")</p>\n", c.tested, c.tested - c.failed, c.failed, c.errors, c.not_checked);
	html_messages(out, s, RECORD_ERROR, "Errors");
	fputs("<h2>Assertions</h2>\n<table>\n<thead><tr><th>Result</th><th>Check, definition line</th><th>Source</th>"
	      "<th>Property</th><th>Assertion</th><th>Value</th></tr></thead>\n<tbody>\n", out);
	html_rows(out, s, "failed");
	html_rows(out, s, "not-checked");
	html_rows(out, s, "passed");
	fputs("</tbody>\n</table>\n", out);
	html_messages(out, s, RECORD_WARNING, "Warnings");
	html_definitions(out, s);
	fputs("</body>\n</html>\n", out);
}

const struct tst_format tst_format_html = {
	.name = "html", .assertion = tst_record_assertion, .message = tst_record_message, .end = html_end,
};
