/*
 * The text report of SPEC section 6, compatible with the original's so
 * that what people parse keeps working.  There is never more than one
 * blank line in a row: a failure block, an ERROR line and a command's
 * group of WARN lines each owe one blank line to whatever follows, and
 * the "Reading definition file" and SUMMARY lines always stand after one.
 */
#include <stdio.h>
#include <string.h>

#include "internal.h"
#include "report.h"

static void begin_item(struct tst_report *r, bool warning, bool after_blank)
{
	if (after_blank || (r->blank_owed && !(warning && r->last_was_warning)))
		fputc('\n', r->out);
	r->blank_owed = false;
	r->last_was_warning = warning;
}

static void end_item(struct tst_report *r)
{
	r->blank_owed = true;
}

void tst_report_begin(struct tst_report *r, FILE *out)
{
	*r = (struct tst_report){.out = out};
	fputs("tstcc " TST_VERSION "\n", out);
}

void tst_report_definition(struct tst_report *r, const char *name)
{
	begin_item(r, false, true);
	fprintf(r->out, "Reading definition file: %s\n", name);
}

static void value_row(struct tst_report *r, const struct tst_value *v)
{
	fputs(" Value:     ", r->out);
	if (!v->defined) {
		fputs("<undefined>\n", r->out);
		return;
	}
	for (size_t i = 0; i < v->n; i++) {
		if (i)
			fputc(' ', r->out);
		fwrite(v->items[i].s ? v->items[i].s : "", 1, v->items[i].n, r->out);
	}
	fputc('\n', r->out);
}

static void keys_row(struct tst_report *r, const struct tst_query *q)
{
	fputs(" Property:  ", r->out);
	for (size_t i = 0; i < q->nkeys; i++)
		fprintf(r->out, "%s%s", i ? " " : "", q->keys[i]);
	fputc('\n', r->out);
}

void tst_report_failure(struct tst_report *r, const struct tst_failure *f)
{
	begin_item(r, false, false);
	fputs("ASSERTION FAILED\n", r->out);
	if (f->src->path)
		fprintf(r->out, " File:      %s\n", f->src->display);
	else
		fprintf(r->out, " Command:   %s\n", f->src->display);
	if (f->section)
		fprintf(r->out, " Section:   %s\n", f->section);
	if (f->property)
		keys_row(r, f->property);
	value_row(r, f->value);
	fprintf(r->out, " Assertion: %s\n", f->check->text);
	fprintf(r->out, " Source:    %s:%u\n", f->definition, f->check->line);
	end_item(r);
}

void tst_report_error(struct tst_report *r, const char *definition, unsigned line, const char *msg)
{
	begin_item(r, false, false);
	fprintf(r->out, "ERROR: %s:%u: %s\n", definition, line, msg);
	end_item(r);
}

void tst_report_warning(struct tst_report *r, const char *definition, unsigned line, const char *text, size_t n)
{
	begin_item(r, true, false);
	fprintf(r->out, "WARN: %s:%u: command wrote to stderr: ", definition, line);
	fwrite(text, 1, n, r->out);
	fputc('\n', r->out);
	end_item(r);
}

void tst_report_summary(struct tst_report *r, const struct tst_counts *c)
{
	begin_item(r, false, true);
	fprintf(r->out, "SUMMARY REPORT: %s\n", c->failed || c->errors ? "FAIL" : "PASS");
	fprintf(r->out, "Assertions tested: %lu\n", c->tested);
	fprintf(r->out, "Assertions passed: %lu\n", c->tested - c->failed);
	fprintf(r->out, "Assertions failed: %lu\n", c->failed);
	fprintf(r->out, "Errors: %lu\n", c->errors);
}
