/*
 * The text report of tstcc(1), THE CHECKER, compatible with the original's so
 * that what people parse keeps working.  There is never more than one
 * blank line in a row: a failure block, an ERROR line and a command's
 * group of WARN lines each owe one blank line to whatever follows, and
 * the "Reading definition file" and SUMMARY lines always stand after one.
 * Quiet (-q) leaves out everything but failures, errors and the summary.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"

static void begin_item(struct tst_sink *s, bool warning, bool after_blank)
{
	if (after_blank || (s->blank_owed && !(warning && s->last_was_warning)))
		fputc('\n', s->out);
	s->blank_owed = false;
	s->last_was_warning = warning;
}

static void text_begin(struct tst_sink *s)
{
	tst_tally_init(&s->checks, s->defs, s->ndefs);
	if (!s->quiet)
		fputs("tstcc " TST_VERSION "\n", s->out);
}

static void text_definition(struct tst_sink *s, const struct tst_definition *def)
{
	if (s->quiet)
		return;
	begin_item(s, false, true);
	fputs("Reading definition file: ", s->out);
	tst_put_visible(s->out, def->name);
	fputc('\n', s->out);
}

static void keys_row(FILE *out, const struct tst_query *q)
{
	fputs(" Property:  ", out);
	for (size_t i = 0; i < q->nkeys; i++)
		fprintf(out, "%s%s", i ? " " : "", q->keys[i]);
	fputc('\n', out);
}

/* A check's name; the visible form of its bytes, as for any name a definition gives. */
static void put_check(FILE *out, const struct tst_meta *m)
{
	char *name = tst_check_name(m);

	tst_put_visible(out, name);
	free(name);
}

void tst_text_block(FILE *out, const struct tst_assertion_event *e)
{
	fputs("ASSERTION FAILED\n", out);
	if (e->check->meta) {
		fputs(" Check:     ", out);
		put_check(out, e->check->meta);
		fputc('\n', out);
	}
	fputs(e->src->argv ? " Command:   " : " File:      ", out);
	tst_put_visible(out, e->display);
	fputc('\n', out);
	if (e->section)
		fprintf(out, " Section:   %s\n", e->section);
	if (e->property)
		keys_row(out, e->property);
	fputs(" Value:     ", out);
	if (e->sensitive)
		fputs("<sensitive>", out);
	else if (e->value->defined)
		tst_put_value(out, e->value);
	else
		fputs("<undefined>", out);
	/* The original always put a space after the name, arguments or not. */
	fprintf(out, "\n Assertion: %s%s\n", e->check->text, e->check->nargs ? "" : " ");
	fputs(" Source:    ", out);
	tst_put_visible(out, e->def->name);
	fprintf(out, ":%u\n", e->check->line);
}

static void text_assertion(struct tst_sink *s, const struct tst_assertion_event *e)
{
	tst_tally_add(&s->checks, e);
	if (e->passed)
		return;
	begin_item(s, false, false);
	tst_text_block(s->out, e);
	s->blank_owed = true;
}

static void text_message(struct tst_sink *s, enum tst_message kind, const struct tst_message_event *e)
{
	bool warning = kind == TST_MESSAGE_WARNING;

	if (warning && s->quiet)
		return;
	begin_item(s, warning, false);
	fputs(warning ? "WARN: " : "ERROR: ", s->out);
	tst_put_visible(s->out, e->def->name);
	fprintf(s->out, warning ? ":%u: command wrote to stderr: " : ":%u: ", e->line);
	fwrite(e->text, 1, e->len, s->out);
	fputc('\n', s->out);
	s->blank_owed = true;
}

/* What became of each check (an extension; nothing without checks): a check passes only whole. */
static void checks_block(struct tst_sink *s)
{
	static const char *const verdicts[] = {"PASS", "FAIL", "NOT CHECKED"};

	if (!s->checks.n)
		return;
	begin_item(s, false, !s->quiet || s->blank_owed);
	fputs("CHECKS:\n", s->out);
	for (size_t i = 0; i < s->checks.n; i++) {
		fprintf(s->out, " %-12s", verdicts[tst_check_verdict(&s->checks.v[i])]);
		put_check(s->out, s->checks.v[i].meta);
		fputc('\n', s->out);
	}
	s->blank_owed = true;
	tst_tally_free(&s->checks);
}

static void text_end(struct tst_sink *s, const struct tst_counts *c)
{
	checks_block(s);
	begin_item(s, false, !s->quiet || s->blank_owed);
	fprintf(s->out, "SUMMARY REPORT: %s\n", tst_verdict(c));
	fprintf(s->out, "Assertions tested: %lu\n", c->tested);
	fprintf(s->out, "Assertions passed: %lu\n", c->tested - c->failed);
	fprintf(s->out, "Assertions failed: %lu\n", c->failed);
	fprintf(s->out, "Errors: %lu\n", c->errors);
	/* Only when there are any: the original had no such line. */
	if (c->not_checked)
		fprintf(s->out, "Assertions not checked: %lu\n", c->not_checked);
}

const struct tst_format tst_format_text = {
	.name = "text", .begin = text_begin, .definition = text_definition,
	.assertion = text_assertion, .message = text_message, .end = text_end,
};
