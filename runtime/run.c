/*
 * The state a checker carries from directive to directive (SPEC section 3):
 * the current source and what its pass found, the selected section and the
 * current value.  Generated code drives it, one call per directive.
 */
#include <stdio.h>
#include <stdlib.h>

#include "internal.h"
#include "report.h"
#include "run.h"

static const struct tst_value undefined;

static void on_error(void *ctx, const char *msg)
{
	struct tst_run *run = ctx;

	run->counts.errors++;
	tst_report_error(&run->report, run->def->name, run->src->line, msg);
}

static void on_warning(void *ctx, const char *text, size_t n)
{
	struct tst_run *run = ctx;

	tst_report_warning(&run->report, run->def->name, run->src->line, text, n);
}

void tst_run_close_source(struct tst_run *run)
{
	if (run->src)
		tst_answers_free(run->src, &run->answers);
	tst_value_free(&run->size);
	run->src = NULL;
	run->value = &undefined;
	run->property = NULL;
	run->section = 0;
	run->section_shown = false;
}

void tst_source(struct tst_run *run, const struct tst_source *src)
{
	struct tst_pass_io io = {
		.timeout_ms = run->timeout_ms, .error = on_error, .warn = on_warning, .ctx = run,
	};

	tst_run_close_source(run);
	run->src = src;
	tst_pass_run(src, &io, &run->answers);
}

static const char *section_name(const struct tst_run *run)
{
	return run->section ? run->src->sections[run->section] : "";
}

void tst_section(struct tst_run *run, unsigned line, size_t section)
{
	char msg[4096];

	run->section = section;
	run->section_shown = true;
	if (run->answers.seen[section])
		return;
	run->counts.errors++;
	snprintf(msg, sizeof(msg), "section is undefined: %s", section_name(run));
	tst_report_error(&run->report, run->def->name, line, msg);
}

void tst_property(struct tst_run *run, size_t query)
{
	run->value = &run->answers.results[query];
	run->property = &run->src->queries[query];
}

void tst_section_size(struct tst_run *run)
{
	char digits[32];
	int n = snprintf(digits, sizeof(digits), "%zu", run->answers.rows[run->section]);

	tst_value_free(&run->size);
	tst_value_push(&run->size, (struct tst_str){digits, (size_t)n});
	run->value = &run->size;
	run->property = NULL;
}

void tst_assert(struct tst_run *run, const struct tst_check *check)
{
	struct tst_failure f;

	run->counts.tested++;
	if (tst_check_value(check->kind, run->value, check->args, check->nargs))
		return;
	run->counts.failed++;
	f = (struct tst_failure){
		.definition = run->def->name,
		.src = run->src,
		.section = run->section_shown ? section_name(run) : NULL,
		.property = run->property,
		.value = run->value,
		.check = check,
	};
	tst_report_failure(&run->report, &f);
}
