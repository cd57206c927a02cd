/*
 * The state a checker carries from directive to directive (tstconfig(5), DIRECTIVES):
 * the current source and what its pass found, the selected section and the
 * current value.  Generated code describes each directive as a step, and
 * tst_step carries it out.
 *
 * Past the --deadline, or once a stop signal came (signals.c), nothing
 * more is read or tested: every assertion still to come is counted as an
 * error, never as a pass.  An assertion on a source that could not be read
 * whole is tested as the original would, but carries the source's failure:
 * the machine-read reports call it not checked.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "report.h"
#include "run.h"

static const struct tst_value undefined;

void tst_run_start_clock(struct tst_run *run)
{
	if (run->deadline_ms)
		run->deadline_at = tst_now_ms() + run->deadline_ms;
}

/* Why the run stops before this step (the deadline, a stop signal), or NULL; remembered. */
static const char *stopped(struct tst_run *run)
{
	char secs[32];

	if (run->stop_reason[0])
		return run->stop_reason;
	if (tst_stop_signal)
		snprintf(run->stop_reason, sizeof(run->stop_reason), "interrupted by signal %d (%s)",
			 (int)tst_stop_signal, strsignal(tst_stop_signal));
	else if (run->deadline_ms && tst_now_ms() >= run->deadline_at)
		snprintf(run->stop_reason, sizeof(run->stop_reason), "the deadline of %s s has passed",
			 tst_seconds(run->deadline_ms, secs));
	return run->stop_reason[0] ? run->stop_reason : NULL;
}

static void report_message(struct tst_run *run, unsigned line, const char *text, size_t n, bool error)
{
	struct tst_message_event e = {.def = run->def, .line = line, .text = text, .len = n};

	run->counts.errors += error;
	tst_report_message(&run->report, error ? TST_MESSAGE_ERROR : TST_MESSAGE_WARNING, &e);
}

/* An error of the source's pass: its table is not the whole source. */
static void on_error(void *ctx, const char *msg)
{
	struct tst_run *run = ctx;

	if (!run->source_failure)
		run->source_failure = tst_xmemdup(msg, strlen(msg));
	report_message(run, run->src->line, msg, strlen(msg), true);
}

static void on_warning(void *ctx, const char *text, size_t n)
{
	struct tst_run *run = ctx;

	report_message(run, run->src->line, text, n, false);
}

void tst_run_close_source(struct tst_run *run)
{
	if (run->src)
		tst_answers_free(&run->answers);
	tst_value_free(&run->size);
	free(run->source_failure);
	run->source_failure = NULL;
	run->src = NULL;
	run->value = &undefined;
	run->property = NULL;
	run->section = 0;
	run->section_shown = false;
	run->section_void = false;
}

static void run_source(struct tst_run *run, const struct tst_source *src)
{
	struct tst_pass_io io = {
		.timeout_ms = run->timeout_ms, .root = run->root, .commands = run->commands,
		.error = on_error, .warn = on_warning, .ctx = run,
	};

	tst_run_close_source(run);
	run->src = src;
	if (stopped(run)) {
		tst_answers_init(src, &run->answers);
		return;
	}
	if (run->deadline_ms) {
		io.deadline_at = run->deadline_at;
		long left = (long)(run->deadline_at - tst_now_ms());
		if (left < io.timeout_ms) {
			io.timeout_ms = left > 0 ? left : 1;
			io.timeout_is_deadline = true;
		}
	}
	tst_pass_run(src, &io, &run->answers);
	stopped(run);
}

static const char *section_name(const struct tst_run *run)
{
	return run->section ? run->src->sections[run->section] : "";
}

static void run_section(struct tst_run *run, unsigned line, size_t section)
{
	char msg[4096];
	int n;

	run->section = section;
	run->section_shown = true;
	run->section_void = false;
	if (run->stop_reason[0])
		return;
	if (section && run->src->paths) {
		/* A block path written without an index that finds several blocks reads none of them. */
		run->section_void = run->src->blocks_ops->why_not(run->src, &run->answers, section, msg, sizeof(msg));
		if (run->section_void)
			report_message(run, line, msg, strlen(msg), true);
		return;
	}
	if (run->answers.seen[section])
		return;
	n = snprintf(msg, sizeof(msg), "section is undefined: %s", section_name(run));
	report_message(run, line, msg, n < (int)sizeof(msg) ? (size_t)n : sizeof(msg) - 1, true);
}

static void run_property(struct tst_run *run, size_t query)
{
	run->value = run->section_void ? &undefined : &run->answers.results[query];
	run->property = &run->src->queries[query];
}

static void run_section_size(struct tst_run *run)
{
	char digits[32];
	int n = snprintf(digits, sizeof(digits), "%zu", run->section_void ? 0 : run->answers.rows[run->section]);

	tst_value_free(&run->size);
	tst_value_push(&run->size, (struct tst_str){digits, (size_t)n});
	run->value = &run->size;
	run->property = NULL;
}

static void run_assert(struct tst_run *run, const struct tst_check *check)
{
	struct tst_assertion_event e;
	const char *why = stopped(run);
	char msg[160];

	if (why) {
		int n = snprintf(msg, sizeof(msg), "not checked: %s", why);
		report_message(run, check->line, msg, (size_t)n, true);
		return;
	}
	e = (struct tst_assertion_event){
		.def = run->def,
		.src = run->src,
		.display = run->answers.display ? run->answers.display : run->src->display,
		.section = run->section_shown ? section_name(run) : NULL,
		.property = run->property,
		.value = run->value,
		.check = check,
		.passed = tst_check_value(check, run->value),
		.sensitive = run->property && run->property->sensitive,
		.not_checked = run->source_failure,
	};
	run->counts.tested++;
	run->counts.failed += !e.passed;
	if (e.not_checked) {
		run->counts.not_checked++;
		run->counts.not_checked_failed += !e.passed;
	}
	tst_report_assertion(&run->report, &e);
}

void tst_step(struct tst_run *run, const struct tst_step *step)
{
	switch (step->op) {
	case TST_OP_SOURCE:
		run_source(run, run->def->sources[step->index]);
		break;
	case TST_OP_SECTION:
		run_section(run, step->line, step->index);
		break;
	case TST_OP_SECTION_SIZE:
		run_section_size(run);
		break;
	case TST_OP_PROPERTY:
		run_property(run, step->index);
		break;
	case TST_OP_ASSERT:
		run_assert(run, &run->def->checks[step->index]);
		break;
	}
}
