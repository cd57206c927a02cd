/*
 * TAP version 13: one test point per assertion, named by definition file,
 * line and assertion (after its check's name, when it is in one), the failure block as YAML diagnostics; each ERROR is
 * a failing point of its own.  The plan comes last, as TAP allows, since
 * the number of points is known only at the end.  WARN lines are comments.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"

/* A description: '#' would start a TAP directive, so it is escaped. */
static void put_description(FILE *out, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '#' || c == '\\')
			fputc('\\', out);
		fputc(c < ' ' ? ' ' : c, out);
	}
}

static void tap_begin(struct tst_sink *s)
{
	fputs("TAP version 13\n", s->out);
}

static void tap_definition(struct tst_sink *s, const struct tst_definition *def)
{
	fputs("# Reading definition file: ", s->out);
	put_description(s->out, def->name, strlen(def->name));
	fputc('\n', s->out);
}

static void yaml_row(FILE *out, const char *key, const char *s, size_t n)
{
	fprintf(out, "  %s: ", key);
	tst_put_json(out, s, n);
	fputc('\n', out);
}

/* A check (an extension) names the point first: "ID TITLE (SEVERITY) - ". */
static void check_description(FILE *out, const struct tst_meta *m)
{
	char *name;

	if (!m)
		return;
	name = tst_check_name(m);
	put_description(out, name, strlen(name));
	fputs(" - ", out);
	free(name);
}

/* The check as a YAML flow mapping, which JSON's syntax is a form of. */
static void check_row(FILE *out, const struct tst_meta *m)
{
	const char *sev = tst_severity_name(m->severity);

	fputs("  check: {id: ", out);
	tst_put_json(out, m->id, strlen(m->id));
	fputs(", title: ", out);
	tst_put_json(out, m->title, strlen(m->title));
	fputs(", severity: ", out);
	fputs(sev ? sev : "null", out);
	fputs("}\n", out);
}

static void tap_assertion(struct tst_sink *s, const struct tst_assertion_event *e)
{
	FILE *out = s->out;

	fprintf(out, "%sok %lu - ", e->passed && !e->not_checked ? "" : "not ", ++s->points);
	check_description(out, e->check->meta);
	put_description(out, e->def->name, strlen(e->def->name));
	fprintf(out, ":%u: ", e->check->line);
	put_description(out, e->check->text, strlen(e->check->text));
	fputs(e->not_checked ? " (not checked)\n" : "\n", out);
	if (e->passed && !e->not_checked)
		return;
	fputs("  ---\n", out);
	if (e->not_checked) {
		fputs("  message: ", out);
		tst_put_json(out, e->not_checked, strlen(e->not_checked));
		fputc('\n', out);
	}
	if (e->check->meta)
		check_row(out, e->check->meta);
	fputs("  source: ", out);
	tst_put_json(out, e->def->name, strlen(e->def->name));
	fprintf(out, "\n  line: %u\n", e->check->line);
	yaml_row(out, e->src->argv ? "command" : "file", e->display, strlen(e->display));
	if (e->section)
		yaml_row(out, "section", e->section, strlen(e->section));
	if (e->property) {
		fputs("  property: [", out);
		for (size_t i = 0; i < e->property->nkeys; i++) {
			fputs(i ? ", " : "", out);
			tst_put_json(out, e->property->keys[i], strlen(e->property->keys[i]));
		}
		fputs("]\n", out);
	}
	fputs("  value: ", out);
	if (e->sensitive) {
		fputs("\"<sensitive>\"\n", out);
	} else if (e->value->defined) {
		fputc('[', out);
		for (size_t i = 0; i < e->value->n; i++) {
			fputs(i ? ", " : "", out);
			if (e->value->items[i].s)
				tst_put_json(out, e->value->items[i].s, e->value->items[i].n);
			else
				fputs("null", out);
		}
		fputs("]\n", out);
	} else {
		fputs("null\n", out);
	}
	yaml_row(out, "assertion", e->check->text, strlen(e->check->text));
	fputs("  ...\n", out);
}

/* An ERROR is a failing point; a WARN is a comment. */
static void tap_message(struct tst_sink *s, enum tst_message kind, const struct tst_message_event *e)
{
	if (kind == TST_MESSAGE_ERROR)
		fprintf(s->out, "not ok %lu - ", ++s->points);
	else
		fputs("# WARN: ", s->out);
	put_description(s->out, e->def->name, strlen(e->def->name));
	fprintf(s->out, kind == TST_MESSAGE_ERROR ? ":%u: ERROR " : ":%u: command wrote to stderr: ", e->line);
	put_description(s->out, e->text, e->len);
	if (kind == TST_MESSAGE_ERROR) {
		fputs("\n  ---\n  message: ", s->out);
		tst_put_json(s->out, e->text, e->len);
		fputs("\n  ...", s->out);
	}
	fputc('\n', s->out);
}

static void tap_end(struct tst_sink *s, const struct tst_counts *all)
{
	struct tst_counts c = tst_checked_counts(all);

	fprintf(s->out, "1..%lu\n", s->points);
	fprintf(s->out, "# %s: %lu tested, %lu passed, %lu failed, %lu errors, %lu not checked\n", tst_verdict(&c),
		c.tested, c.tested - c.failed, c.failed, c.errors, c.not_checked);
}

const struct tst_format tst_format_tap = {
	.name = "tap", .begin = tap_begin, .definition = tap_definition,
	.assertion = tap_assertion, .message = tap_message, .end = tap_end,
};
