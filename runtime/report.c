/*
 * Sending each event of a run to every report that was asked for, and
 * keeping events for the formats that write everything at the end.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"

static const struct tst_format *const formats[] = {
	&tst_format_text, &tst_format_tap, &tst_format_junit, &tst_format_json, &tst_format_prometheus,
	&tst_format_html,
};

const struct tst_format *tst_format_named(const char *name)
{
	for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++)
		if (strcmp(formats[i]->name, name) == 0)
			return formats[i];
	return NULL;
}

bool tst_report_add(struct tst_report *r, const struct tst_format *format, const char *path, bool quiet,
		    const struct tst_definition *defs, size_t ndefs)
{
	struct tst_report_file *file = NULL;
	FILE *out = path ? tst_report_file_open(path, &file) : stdout;
	struct tst_sink *s;

	if (!out)
		return false;
	r->sinks = tst_xrealloc(r->sinks, (r->nsinks + 1) * sizeof(*r->sinks));
	s = &r->sinks[r->nsinks++];
	*s = (struct tst_sink){
		.format = format, .out = out, .path = path, .file = file, .quiet = quiet, .defs = defs, .ndefs = ndefs,
	};
	return true;
}

void tst_report_begin(struct tst_report *r)
{
	for (size_t i = 0; i < r->nsinks; i++)
		if (r->sinks[i].format->begin)
			r->sinks[i].format->begin(&r->sinks[i]);
}

void tst_report_definition(struct tst_report *r, const struct tst_definition *def)
{
	for (size_t i = 0; i < r->nsinks; i++)
		if (r->sinks[i].format->definition)
			r->sinks[i].format->definition(&r->sinks[i], def);
}

void tst_report_assertion(struct tst_report *r, const struct tst_assertion_event *e)
{
	for (size_t i = 0; i < r->nsinks; i++)
		r->sinks[i].format->assertion(&r->sinks[i], e);
}

void tst_report_message(struct tst_report *r, enum tst_message kind, const struct tst_message_event *e)
{
	for (size_t i = 0; i < r->nsinks; i++)
		if (r->sinks[i].format->message)
			r->sinks[i].format->message(&r->sinks[i], kind, e);
}

static void free_records(struct tst_sink *s)
{
	while (s->records) {
		struct tst_record *next = s->records->next;
		tst_value_free(&s->records->value);
		free((char *)s->records->assertion.not_checked);
		free((char *)s->records->assertion.display);
		free((char *)s->records->message.text);
		free(s->records);
		s->records = next;
	}
}

void tst_report_hold(struct tst_report *r)
{
	for (size_t i = 0; i < r->nsinks; i++) {
		struct tst_sink *s = &r->sinks[i];
		FILE *buf = open_memstream(&s->buf, &s->len);
		if (!buf)
			tst_out_of_memory();
		s->held = s->out;
		s->out = buf;
	}
}

/* Ends holding sink s: its buffer closed, out where it was, nothing of the attempt's state left. */
static void unhold(struct tst_sink *s, bool pass_on)
{
	if (fclose(s->out) != 0)
		tst_out_of_memory();
	s->out = s->held;
	s->held = NULL;
	if (pass_on)
		fwrite(s->buf, 1, s->len, s->out);
	free(s->buf);
	s->buf = NULL;
	s->len = 0;
}

void tst_report_release(struct tst_report *r)
{
	for (size_t i = 0; i < r->nsinks; i++)
		unhold(&r->sinks[i], true);
}

void tst_report_drop(struct tst_report *r)
{
	for (size_t i = 0; i < r->nsinks; i++) {
		struct tst_sink *s = &r->sinks[i];
		unhold(s, false);
		free_records(s);
		s->last = NULL;
		s->blank_owed = s->last_was_warning = false;
		s->points = 0;
	}
}

void tst_report_discard(struct tst_report *r)
{
	for (size_t i = 0; i < r->nsinks; i++)
		if (r->sinks[i].path)
			tst_report_file_close(r->sinks[i].out, r->sinks[i].file, false);
	free(r->sinks);
	*r = (struct tst_report){0};
}

bool tst_report_end(struct tst_report *r, const struct tst_counts *c)
{
	bool ok = true;

	for (size_t i = 0; i < r->nsinks; i++) {
		struct tst_sink *s = &r->sinks[i];
		s->format->end(s, c);
		if (s->path)
			ok = tst_report_file_close(s->out, s->file, true) && ok;
		else if (fflush(s->out) != 0 || ferror(s->out))
			ok = false;
		free_records(s);
	}
	free(r->sinks);
	*r = (struct tst_report){0};
	return ok;
}

static struct tst_record *new_record(struct tst_sink *s, int kind)
{
	struct tst_record *rec = tst_xcalloc(1, sizeof(*rec));

	rec->kind = kind;
	if (s->last)
		s->last->next = rec;
	else
		s->records = rec;
	s->last = rec;
	return rec;
}

void tst_record_assertion(struct tst_sink *s, const struct tst_assertion_event *e)
{
	struct tst_record *rec = new_record(s, RECORD_ASSERTION);

	rec->assertion = *e;
	if (e->not_checked)
		rec->assertion.not_checked = tst_xmemdup(e->not_checked, strlen(e->not_checked));
	rec->assertion.display = tst_xmemdup(e->display, strlen(e->display));
	/* A sensitive value is not kept: it is never to be written. */
	for (size_t i = 0; i < e->value->n && !e->sensitive; i++)
		tst_value_push(&rec->value, e->value->items[i]);
	rec->value.defined = e->value->defined;
	rec->assertion.value = &rec->value;
}

void tst_record_message(struct tst_sink *s, enum tst_message kind, const struct tst_message_event *e)
{
	struct tst_record *rec = new_record(s, (int)kind);

	rec->message = *e;
	rec->message.text = tst_xmemdup(e->text, e->len);
}
