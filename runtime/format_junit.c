/*
 * JUnit XML, as Jenkins and GitLab read it: one testsuite per definition
 * file, one testcase per assertion named by its line and text (after its
 * check's name, when it is in one), a failure
 * holding the block of the text report, and an error testcase for each
 * ERROR.  Provenance (tstcc's version, each definition's SHA-256) goes in
 * the suite's properties.  Counts come first in XML, so events are kept
 * and written at the end.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"

static void attribute(FILE *out, const char *name, const char *value)
{
	fprintf(out, " %s=\"", name);
	tst_put_xml(out, value, strlen(value), true);
	fputc('"', out);
}

/* meta: the check the testcase is an assertion of (an extension), which names it first; or NULL. */
static void testcase_open(FILE *out, const struct tst_definition *def, const struct tst_meta *meta, unsigned line,
			  const char *text)
{
	char name[32];

	fputs("    <testcase", out);
	attribute(out, "classname", def->name);
	snprintf(name, sizeof(name), "line %u: ", line);
	fputs(" name=\"", out);
	if (meta) {
		char *check = tst_check_name(meta);
		tst_put_xml(out, check, strlen(check), true);
		fputs(" - ", out);
		free(check);
	}
	tst_put_xml(out, name, strlen(name), true);
	tst_put_xml(out, text, strlen(text), true);
	fputc('"', out);
}

static void failure(FILE *out, const struct tst_record *r)
{
	char *block;
	size_t len;
	FILE *mem = open_memstream(&block, &len);

	if (mem) {
		tst_text_block(mem, &r->assertion);
		fclose(mem);
	}
	fputs(">\n      <failure type=\"assertion\"", out);
	attribute(out, "message", r->assertion.check->text);
	fputc('>', out);
	if (mem)
		tst_put_xml(out, block, len, false);
	fputs("</failure>\n    </testcase>\n", out);
	free(block);
}

/* An assertion on a source that could not be read whole is an error of its own. */
static void not_checked(FILE *out, const struct tst_record *r)
{
	const char *why = r->assertion.not_checked;

	fputs(">\n      <error type=\"not checked\" message=\"not checked: ", out);
	tst_put_xml(out, why, strlen(why), true);
	fputs("\">not checked: ", out);
	tst_put_xml(out, why, strlen(why), false);
	fputs("</error>\n    </testcase>\n", out);
}

static void testcase(FILE *out, const struct tst_record *r)
{
	const struct tst_message_event *m = &r->message;

	if (r->kind == RECORD_ASSERTION) {
		testcase_open(out, r->assertion.def, r->assertion.check->meta, r->assertion.check->line,
			      r->assertion.check->text);
		if (r->assertion.not_checked)
			not_checked(out, r);
		else if (r->assertion.passed)
			fputs("/>\n", out);
		else
			failure(out, r);
		return;
	}
	testcase_open(out, m->def, NULL, m->line, "ERROR");
	fputs(">\n      <error type=\"error\" message=\"", out);
	tst_put_xml(out, m->text, m->len, true);
	fputs("\">", out);
	tst_put_xml(out, m->text, m->len, false);
	fputs("</error>\n    </testcase>\n", out);
}

static void suite(FILE *out, const struct tst_sink *s, const struct tst_definition *def)
{
	unsigned long tests = 0, failures = 0, errors = 0;
	bool warned = false;

	for (const struct tst_record *r = s->records; r; r = r->next) {
		const struct tst_definition *d = r->kind == RECORD_ASSERTION ? r->assertion.def : r->message.def;
		if (d != def || r->kind == RECORD_WARNING) {
			warned |= d == def;
			continue;
		}
		tests++;
		failures += r->kind == RECORD_ASSERTION && !r->assertion.passed && !r->assertion.not_checked;
		errors += r->kind == RECORD_ERROR || (r->kind == RECORD_ASSERTION && r->assertion.not_checked);
	}
	fputs("  <testsuite", out);
	attribute(out, "name", def->name);
	fprintf(out, " tests=\"%lu\" failures=\"%lu\" errors=\"%lu\" skipped=\"0\">\n", tests, failures, errors);
	fputs("    <properties>\n      <property name=\"tstcc.version\" value=\"" TST_VERSION "\"/>\n", out);
	fputs("      <property name=\"definition.sha256\"", out);
	attribute(out, "value", def->sha256);
	fputs("/>\n    </properties>\n", out);
	for (const struct tst_record *r = s->records; r; r = r->next)
		if (r->kind != RECORD_WARNING && (r->kind == RECORD_ASSERTION ? r->assertion.def : r->message.def) == def)
			testcase(out, r);
	if (warned) {
		fputs("    <system-err>", out);
		for (const struct tst_record *r = s->records; r; r = r->next) {
			if (r->kind != RECORD_WARNING || r->message.def != def)
				continue;
			fprintf(out, "WARN: line %u: command wrote to stderr: ", r->message.line);
			tst_put_xml(out, r->message.text, r->message.len, false);
			fputc('\n', out);
		}
		fputs("</system-err>\n", out);
	}
	fputs("  </testsuite>\n", out);
}

static void junit_end(struct tst_sink *s, const struct tst_counts *all)
{
	struct tst_counts c = tst_checked_counts(all);
	FILE *out = s->out;

	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", out);
	fprintf(out, "<testsuites name=\"tstcc\" tests=\"%lu\" failures=\"%lu\" errors=\"%lu\">\n",
		c.tested + c.errors, c.failed, c.errors);
	for (size_t i = 0; i < s->ndefs; i++)
		suite(out, s, &s->defs[i]);
	fputs("</testsuites>\n", out);
}

const struct tst_format tst_format_junit = {
	.name = "junit", .assertion = tst_record_assertion, .message = tst_record_message, .end = junit_end,
};
