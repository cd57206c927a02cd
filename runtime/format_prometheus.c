/*
 * The Prometheus text exposition format (version 0.0.4), for
 * node_exporter's textfile collector: one gauge series per assertion,
 * named by definition file and line, then the summary.  Nothing in it
 * changes from run to run but the results, so a report of an unchanged
 * host is byte for byte the same, and the textfile collector's own
 * node_textfile_mtime_seconds tells when the checker last ran.  Values
 * are never written: a label is an identity, not a place for data.
 */
#include <stdio.h>
#include <string.h>

#include "report.h"

/*
 * A label value: backslash, double quote and line feed escaped as the
 * format says; the format wants UTF-8, so any other byte that is no part
 * of valid UTF-8 becomes U+FFFD.
 */
static void put_label_value(FILE *out, const char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		size_t len = c >= 0x80 ? tst_utf8_seq((const unsigned char *)s + i, n - i) : 1;
		if (c == '\\' || c == '"')
			fprintf(out, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", out);
		else if (!len)
			fputs("\xef\xbf\xbd", out);
		else
			fwrite(s + i, 1, len, out);
		i += len ? len : 1;
	}
}

static void label(FILE *out, const char *sep, const char *name, const char *value)
{
	fprintf(out, "%s%s=\"", sep, name);
	put_label_value(out, value, strlen(value));
	fputc('"', out);
}

static void family(FILE *out, const char *name, const char *help)
{
	fprintf(out, "# HELP %s %s\n# TYPE %s gauge\n", name, help, name);
}

static void prometheus_begin(struct tst_sink *s)
{
	family(s->out, "tstcc_definition_info", "A definition file compiled into the checker, and its SHA-256.");
	for (size_t i = 0; i < s->ndefs; i++) {
		fputs("tstcc_definition_info", s->out);
		label(s->out, "{", "definition", s->defs[i].name);
		label(s->out, ",", "sha256", s->defs[i].sha256);
		fputs("} 1\n", s->out);
	}
	family(s->out, "tstcc_assertion_passed",
	       "Whether an assertion passed (1) or not (0: it failed, or its source could not be read whole).");
}

/*
 * One series per assertion: the definition file and line name it.  An
 * assertion in a check (`check ID TITLE`, an extension) adds the check's
 * id and, where it has one, its severity; series of assertions outside
 * checks have no such labels, so adding checks to a definition leaves the
 * names of its other series as they were.
 */
static void prometheus_assertion(struct tst_sink *s, const struct tst_assertion_event *e)
{
	const struct tst_meta *m = e->check->meta;
	const char *severity = m ? tst_severity_name(m->severity) : NULL;
	char line[16];

	snprintf(line, sizeof(line), "%u", e->check->line);
	fputs("tstcc_assertion_passed", s->out);
	label(s->out, "{", "definition", e->def->name);
	label(s->out, ",", "line", line);
	label(s->out, ",", "assertion", e->check->text);
	if (m)
		label(s->out, ",", "check", m->id);
	if (severity)
		label(s->out, ",", "severity", severity);
	fprintf(s->out, "} %d\n", e->passed && !e->not_checked);
}

/* The counts as the JSON report's summary gives them. */
static void prometheus_end(struct tst_sink *s, const struct tst_counts *all)
{
	struct tst_counts c = tst_checked_counts(all);
	FILE *out = s->out;

	family(out, "tstcc_assertions", "Assertions of the last run, by result (not checked ones count as errors too).");
	fprintf(out, "tstcc_assertions{result=\"passed\"} %lu\n", c.tested - c.failed);
	fprintf(out, "tstcc_assertions{result=\"failed\"} %lu\n", c.failed);
	fprintf(out, "tstcc_assertions{result=\"not_checked\"} %lu\n", c.not_checked);
	family(out, "tstcc_errors", "Errors of the last run: sources that could not be read, and assertions not checked.");
	fprintf(out, "tstcc_errors %lu\n", c.errors);
	family(out, "tstcc_success", "1 when every assertion passed and nothing went wrong, else 0.");
	fprintf(out, "tstcc_success %d\n", !c.failed && !c.errors);
}

const struct tst_format tst_format_prometheus = {
	.name = "prometheus", .begin = prometheus_begin,
	.assertion = prometheus_assertion, .end = prometheus_end,
};
