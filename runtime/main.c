/*
 * tst_main: the checker's command line, the run of every compiled
 * definition in order, and the exit status of SPEC section 6.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "report.h"
#include "run.h"

enum { DEFAULT_TIMEOUT_S = 60 };

static void usage(FILE *f, const char *prog)
{
	fprintf(f,
		"usage: %s [--timeout SECONDS] [--help] [--version]\n"
		"Runs the checks compiled into this program and reports the result.\n"
		"Exit status: 0 all assertions passed, 1 some failed, 2 errors.\n"
		"  --timeout SECONDS  time limit for each command (default %d)\n",
		prog, DEFAULT_TIMEOUT_S);
}

/* Parses a positive number of seconds into milliseconds; -1 if it is none. */
static long parse_seconds(const char *s)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (errno || end == s || *end || !(v > 0) || v > 1e9)
		return -1;
	return (long)(v * 1000 + 0.5) ? (long)(v * 1000 + 0.5) : 1;
}

/* Returns -1 to run, else the exit status. */
static int parse_options(int argc, char **argv, struct tst_run *run, const struct tst_definition *defs, size_t ndefs)
{
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *val = NULL;
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			usage(stdout, argv[0]);
			return 0;
		}
		if (strcmp(a, "--version") == 0) {
			printf("tstcc %s\n", TST_VERSION);
			for (size_t d = 0; d < ndefs; d++)
				printf("definition: %s\n", defs[d].name);
			return 0;
		}
		if (strcmp(a, "--timeout") == 0 && i + 1 < argc)
			val = argv[++i];
		else if (strncmp(a, "--timeout=", 10) == 0)
			val = a + 10;
		if (val && (run->timeout_ms = parse_seconds(val)) > 0)
			continue;
		if (val)
			fprintf(stderr, "%s: --timeout needs a positive number of seconds, not '%s'\n", argv[0], val);
		else
			fprintf(stderr, "%s: unknown option '%s'\n", argv[0], a);
		usage(stderr, argv[0]);
		return 2;
	}
	return -1;
}

int tst_main(int argc, char **argv, const struct tst_definition *defs, size_t ndefs)
{
	struct tst_run run = {.timeout_ms = DEFAULT_TIMEOUT_S * 1000L};
	int status = parse_options(argc, argv, &run, defs, ndefs);

	if (status >= 0)
		return status;
	/* A closed pipe on our output must become an error status, not a silent death. */
	signal(SIGPIPE, SIG_IGN);
	tst_run_close_source(&run);
	tst_report_begin(&run.report, stdout);
	for (size_t d = 0; d < ndefs; d++) {
		run.def = &defs[d];
		tst_report_definition(&run.report, defs[d].name);
		defs[d].check(&run);
		tst_run_close_source(&run);
	}
	tst_report_summary(&run.report, &run.counts);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "%s: cannot write the report: %s\n", argv[0], strerror(errno));
		return 2;
	}
	if (run.counts.errors)
		return 2;
	return run.counts.failed ? 1 : 0;
}
