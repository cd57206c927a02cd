/*
 * The JSON report: one document holding the definitions and their
 * provenance, every assertion (passed or not) with what its failure block
 * would show, every error and warning, and the summary.  Arrays of
 * different events cannot be written as they happen, so events are kept
 * and the document is written at the end.
 */
#include <stdio.h>
#include <string.h>

#include "report.h"

static const char *const directive_names[] = {
#define TST_X(id, name, min, max) [TST_ASSERT_##id] = name,
	TST_ASSERTIONS(TST_X)
#undef TST_X
};

static void json_cstr(FILE *out, const char *s)
{
	tst_put_json(out, s, strlen(s));
}

static void json_strings(FILE *out, const char *const *v, size_t n)
{
	fputc('[', out);
	for (size_t i = 0; i < n; i++) {
		fputs(i ? ", " : "", out);
		json_cstr(out, v[i]);
	}
	fputc(']', out);
}

static void json_value(FILE *out, const struct tst_value *v)
{
	if (!v->defined) {
		fputs("null", out);
		return;
	}
	fputc('[', out);
	for (size_t i = 0; i < v->n; i++) {
		fputs(i ? ", " : "", out);
		if (v->items[i].s)
			tst_put_json(out, v->items[i].s, v->items[i].n);
		else
			fputs("null", out);
	}
	fputc(']', out);
}

static void json_source(FILE *out, const struct tst_source *src, const char *display)
{
	if (src->path) {
		fputs("{\"file\": ", out);
		json_cstr(out, src->path);
	} else if (src->patterns) {
		fputs("{\"files\": ", out);
		json_strings(out, src->patterns, src->npatterns);
	} else {
		size_t n = 0;
		while (src->argv[n])
			n++;
		fputs("{\"command\": ", out);
		json_strings(out, src->argv, n);
	}
	fputs(", \"display\": ", out);
	json_cstr(out, display);
	fputc('}', out);
}

/* The check an assertion is in (an extension): only then is the member there. */
static void json_check(FILE *out, const struct tst_meta *m)
{
	const char *sev = tst_severity_name(m->severity);

	fputs(", \"check\": {\"id\": ", out);
	json_cstr(out, m->id);
	fputs(", \"title\": ", out);
	json_cstr(out, m->title);
	fputs(", \"severity\": ", out);
	if (sev)
		json_cstr(out, sev);
	else
		fputs("null", out);
	fputc('}', out);
}

static void json_assertion_record(FILE *out, const struct tst_assertion_event *e)
{
	fputs("{\"file\": ", out);
	json_cstr(out, e->def->name);
	fprintf(out, ", \"line\": %u, \"directive\": \"%s\", \"arguments\": ", e->check->line,
		directive_names[e->check->kind]);
	json_strings(out, e->check->args, e->check->nargs);
	if (e->check->ignore_case)
		fputs(", \"ignore_case\": true", out);
	fputs(", \"source\": ", out);
	json_source(out, e->src, e->display);
	fputs(", \"section\": ", out);
	if (e->section)
		json_cstr(out, e->section);
	else
		fputs("null", out);
	fputs(", \"property\": ", out);
	if (e->property)
		json_strings(out, e->property->keys, e->property->nkeys);
	else
		fputs("null", out);
	fputs(", \"value\": ", out);
	if (e->sensitive)
		fputs("null, \"sensitive\": true", out);
	else
		json_value(out, e->value);
	fprintf(out, ", \"passed\": %s, \"not_checked\": ", e->passed ? "true" : "false");
	if (e->not_checked)
		json_cstr(out, e->not_checked);
	else
		fputs("null", out);
	if (e->check->meta)
		json_check(out, e->check->meta);
	fputc('}', out);
}

/* Writes the records of one kind as the members of a JSON array. */
static void json_records(FILE *out, const struct tst_sink *s, int kind)
{
	bool first = true;

	for (const struct tst_record *r = s->records; r; r = r->next) {
		if ((int)r->kind != kind)
			continue;
		fputs(first ? "\n    " : ",\n    ", out);
		first = false;
		if (kind == RECORD_ASSERTION) {
			json_assertion_record(out, &r->assertion);
			continue;
		}
		fputs("{\"file\": ", out);
		json_cstr(out, r->message.def->name);
		fprintf(out, ", \"line\": %u, \"message\": ", r->message.line);
		tst_put_json(out, r->message.text, r->message.len);
		fputc('}', out);
	}
	fputs(first ? "]" : "\n  ]", out);
}

/* What became of each check (an extension): the member is there only when the definitions have checks. */
static void json_checks(FILE *out, const struct tst_sink *s)
{
	static const char *const results[] = {"pass", "fail", "not_checked"};
	struct tst_tally t;

	tst_tally_init(&t, s->defs, s->ndefs);
	for (const struct tst_record *r = s->records; r; r = r->next)
		if (r->kind == RECORD_ASSERTION)
			tst_tally_add(&t, &r->assertion);
	for (size_t i = 0; i < t.n; i++) {
		const struct tst_check_result *c = &t.v[i];
		const char *sev = tst_severity_name(c->meta->severity);
		fputs(i ? ",\n    {\"file\": " : ",\n  \"checks\": [\n    {\"file\": ", out);
		json_cstr(out, c->def->name);
		fprintf(out, ", \"line\": %u, \"id\": ", c->meta->line);
		json_cstr(out, c->meta->id);
		fputs(", \"title\": ", out);
		json_cstr(out, c->meta->title);
		fputs(", \"severity\": ", out);
		if (sev)
			json_cstr(out, sev);
		else
			fputs("null", out);
		fprintf(out, ", \"result\": \"%s\", \"assertions\": %lu, \"passed\": %lu, \"failed\": %lu, "
			"\"not_checked\": %lu}", results[tst_check_verdict(c)], c->assertions, c->passed, c->failed,
			c->assertions - c->passed - c->failed);
	}
	if (t.n)
		fputs("\n  ]", out);
	tst_tally_free(&t);
}

static void json_end(struct tst_sink *s, const struct tst_counts *all)
{
	struct tst_counts checked = tst_checked_counts(all), *c = &checked;
	FILE *out = s->out;

	fputs("{\n  \"tool\": \"tstcc\",\n  \"version\": \"" TST_VERSION "\",\n", out);
	fprintf(out, "  \"result\": \"%s\",\n  \"definitions\": [", tst_verdict(c));
	for (size_t i = 0; i < s->ndefs; i++) {
		fputs(i ? ",\n    {\"name\": " : "\n    {\"name\": ", out);
		json_cstr(out, s->defs[i].name);
		fputs(", \"sha256\": ", out);
		json_cstr(out, s->defs[i].sha256);
		fputc('}', out);
	}
	fputs(s->ndefs ? "\n  ],\n  \"assertions\": [" : "],\n  \"assertions\": [", out);
	json_records(out, s, RECORD_ASSERTION);
	fputs(",\n  \"errors\": [", out);
	json_records(out, s, RECORD_ERROR);
	fputs(",\n  \"warnings\": [", out);
	json_records(out, s, RECORD_WARNING);
	json_checks(out, s);
	fprintf(out, ",\n  \"summary\": {\"tested\": %lu, \"passed\": %lu, \"failed\": %lu, \"errors\": %lu, "
		"\"not_checked\": %lu}\n}\n", c->tested, c->tested - c->failed, c->failed, c->errors, c->not_checked);
}

const struct tst_format tst_format_json = {
	.name = "json", .assertion = tst_record_assertion, .message = tst_record_message, .end = json_end,
};
