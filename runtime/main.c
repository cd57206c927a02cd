/*
 * tst_main: the checker's command line, the run of every compiled
 * definition in order, and the exit status of tstcc(1), THE CHECKER.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "capture.h"
#include "command.h"
#include "internal.h"
#include "report.h"
#include "run.h"

enum { DEFAULT_TIMEOUT_S = 60, DEFAULT_SLEEP_MS = 1000 };

struct checker_options {
	const struct tst_format *format;        /* standard output */
	const char **reports;                   /* FORMAT:FILE */
	size_t nreports;
	bool quiet;
	bool no_sandbox;
	long retry_ms;                          /* --retry-timeout, 0: run once */
	long sleep_ms;                          /* --sleep, 0: not given */
	enum tst_capture_mode capture;          /* --record or --replay */
	const char *capture_dir;
	enum { RUN, HELP, VERSION, DEFINITION, LIST_ACCESS } action;
};

static void usage(FILE *f, const char *prog)
{
	fprintf(f,
		"usage: %s [options]\n"
		"Runs the checks compiled into this program and reports the result.\n"
		"\n"
		"  --format FORMAT       report on standard output: text (default), tap, junit, json,\n"
		"                        prometheus or html\n"
		"  --report FORMAT:FILE  also write a report to FILE (repeatable)\n"
		"  -q, --quiet           text report: only failures, errors and the summary\n"
		"  --timeout SECONDS     time limit for each source, file or command (default %d)\n"
		"  --deadline SECONDS    time limit for the whole run; what is left is counted as errors\n"
		"  --retry-timeout SECONDS\n"
		"                        run the checks again until they pass or SECONDS have passed;\n"
		"                        only the last run is reported\n"
		"  --sleep SECONDS       with --retry-timeout, the pause between runs (default 1)\n"
		"  --record DIR          save every file read and command run (bytes, status) in DIR\n"
		"  --replay DIR          read a recording made by --record instead of the host\n"
		"  --root DIR            read every file under DIR; commands run only as --commands says\n"
		"  --commands WHERE      under --root, run commands chrooted into DIR (chroot) or on the\n"
		"                        host (host); without it they are not run\n"
		"  --no-sandbox          do not confine the checker to what --list-access lists\n"
		"  --list-access         list the files read and the commands run, and exit\n"
		"  --definition          print the definitions compiled in, and exit\n"
		"  --version             print the tstcc version and each definition's SHA-256, and exit\n"
		"  --help                print this help, and exit\n"
		"\n"
		"Exit status: 0 all assertions passed, 1 some failed, 2 errors or bad usage.\n",
		prog, DEFAULT_TIMEOUT_S);
}

/*
 * Parses a positive number of seconds, plain decimal (digits, at most one
 * point), into milliseconds rounded half up (exactly: a double would
 * round 4.0695 down), and at least 1; -1 if it is none or more than 10^9
 * s.  Not strtod, which would take " 5", "0x10" or "inf", and would bring
 * a static checker musl's float parser (6 KiB).
 */
static long parse_seconds(const char *s)
{
	long long whole = 0, ms = 0;
	int point = -1;                 /* digits read after the point; -1: none yet */
	bool digits = false, nonzero = false, fraction = false, up = false;

	for (; *s; s++) {
		if (*s == '.' && point < 0) {
			point = 0;
			continue;
		}
		if (*s < '0' || *s > '9')
			return -1;
		digits = true;
		nonzero |= *s != '0';
		fraction |= point >= 0 && *s != '0';
		if (point < 0 && (whole = whole * 10 + (*s - '0')) > 1000000000)
			return -1;
		if (point >= 0 && point < 3)
			ms = ms * 10 + (*s - '0');
		up |= point == 3 && *s >= '5';
		point += point >= 0;
	}
	for (; point >= 0 && point < 3; point++)
		ms *= 10;
	if (!digits || !nonzero || (whole == 1000000000 && fraction))
		return -1;
	ms += whole * 1000 + up;
	return ms ? (long)ms : 1;
}

static bool usage_error(const char *prog, const char *fmt, const char *arg)
{
	fprintf(stderr, "%s: ", prog);
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\nTry '%s --help'.\n", prog);
	return false;
}

static bool report_option(struct checker_options *o, const char *prog, const char *v)
{
	const char *colon = strchr(v, ':');
	char name[16];

	if (!colon || !colon[1] || (size_t)(colon - v) >= sizeof(name))
		return usage_error(prog, "--report takes FORMAT:FILE, not '%s'", v);
	memcpy(name, v, (size_t)(colon - v));
	name[colon - v] = '\0';
	if (!tst_format_named(name))
		return usage_error(prog, "unknown report format in '%s' (text, tap, junit, json, prometheus, html)", v);
	o->reports = tst_xrealloc(o->reports, (o->nreports + 1) * sizeof(*o->reports));
	o->reports[o->nreports++] = v;
	return true;
}

/*
 * The checker's options, the one list of them: X(code, name, argument);
 * the codes of long-only options follow the bytes.
 */
#define CHECKER_OPTIONS(X)                                              \
	X('h', "help", no_argument)                                     \
	X('q', "quiet", no_argument)                                    \
	X(OPT_FORMAT, "format", required_argument)                      \
	X(OPT_REPORT, "report", required_argument)                      \
	X(OPT_TIMEOUT, "timeout", required_argument)                    \
	X(OPT_DEADLINE, "deadline", required_argument)                  \
	X(OPT_RETRY_TIMEOUT, "retry-timeout", required_argument)        \
	X(OPT_SLEEP, "sleep", required_argument)                        \
	X(OPT_RECORD, "record", required_argument)                      \
	X(OPT_REPLAY, "replay", required_argument)                      \
	X(OPT_ROOT, "root", required_argument)                          \
	X(OPT_COMMANDS, "commands", required_argument)                  \
	X(OPT_NO_SANDBOX, "no-sandbox", no_argument)                    \
	X(OPT_LIST_ACCESS, "list-access", no_argument)                  \
	X(OPT_DEFINITION, "definition", no_argument)                    \
	X(OPT_VERSION, "version", no_argument)

enum { OPT_FORMAT = 256, OPT_REPORT, OPT_TIMEOUT, OPT_DEADLINE, OPT_RETRY_TIMEOUT, OPT_SLEEP, OPT_RECORD,
       OPT_REPLAY, OPT_ROOT,
       OPT_COMMANDS, OPT_NO_SANDBOX, OPT_LIST_ACCESS, OPT_DEFINITION, OPT_VERSION };

/* One option and its argument; false (and a message) when it is wrong. */
static bool apply_option(int c, const char *arg, const char *prog, struct checker_options *o, struct tst_run *run)
{
	switch (c) {
	case 'h':
		o->action = HELP;
		return true;
	case OPT_VERSION:
		o->action = VERSION;
		return true;
	case OPT_DEFINITION:
		o->action = DEFINITION;
		return true;
	case OPT_LIST_ACCESS:
		o->action = LIST_ACCESS;
		return true;
	case 'q':
		o->quiet = true;
		return true;
	case OPT_NO_SANDBOX:
		o->no_sandbox = true;
		return true;
	case OPT_FORMAT:
		if (!(o->format = tst_format_named(arg)))
			return usage_error(prog, "unknown report format '%s' (text, tap, junit, json, prometheus, html)", arg);
		return true;
	case OPT_REPORT:
		return report_option(o, prog, arg);
	case OPT_TIMEOUT:
		if ((run->timeout_ms = parse_seconds(arg)) < 0)
			return usage_error(prog, "--timeout needs a positive number of seconds, not '%s'", arg);
		return true;
	case OPT_DEADLINE:
		if ((run->deadline_ms = parse_seconds(arg)) < 0)
			return usage_error(prog, "--deadline needs a positive number of seconds, not '%s'", arg);
		return true;
	case OPT_RETRY_TIMEOUT:
		if ((o->retry_ms = parse_seconds(arg)) < 0)
			return usage_error(prog, "--retry-timeout needs a positive number of seconds, not '%s'", arg);
		return true;
	case OPT_SLEEP:
		if ((o->sleep_ms = parse_seconds(arg)) < 0)
			return usage_error(prog, "--sleep needs a positive number of seconds, not '%s'", arg);
		return true;
	case OPT_RECORD:
	case OPT_REPLAY:
		if (o->capture)
			return usage_error(prog, "one --record or --replay only, not also '%s'", arg);
		if (!*arg)
			return usage_error(prog, "--record and --replay need a directory%s", "");
		o->capture = c == OPT_RECORD ? TST_CAPTURE_RECORD : TST_CAPTURE_REPLAY;
		o->capture_dir = arg;
		return true;
	case OPT_ROOT:
		if (!*arg)
			return usage_error(prog, "--root needs a directory%s", "");
		run->root = arg;
		return true;
	case OPT_COMMANDS:
		if (strcmp(arg, "chroot") == 0)
			run->commands = TST_COMMANDS_CHROOT;
		else if (strcmp(arg, "host") == 0)
			run->commands = TST_COMMANDS_HOST;
		else
			return usage_error(prog, "--commands takes chroot or host, not '%s'", arg);
		return true;
	default:
		return usage_error(prog, "unknown option, or one missing its argument: '%s'", arg);
	}
}

static bool parse_options(int argc, char **argv, struct checker_options *o, struct tst_run *run)
{
	static const struct option longopts[] = {
#define X(code, name, argument) {name, argument, NULL, code},
		CHECKER_OPTIONS(X)
#undef X
		{NULL, 0, NULL, 0},
	};
	bool ok = true;
	int c;

	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "hq", longopts, NULL)) != -1)
		ok = apply_option(c, c == '?' ? argv[optind - 1] : optarg, argv[0], o, run) && ok;
	if (optind < argc)
		ok = usage_error(argv[0], "unexpected argument '%s'", argv[optind]);
	if (o->sleep_ms && !o->retry_ms)
		ok = usage_error(argv[0], "--sleep is the pause between the runs of --retry-timeout, which is not given%s",
				 "");
	if (!o->sleep_ms)
		o->sleep_ms = DEFAULT_SLEEP_MS;
	return ok;
}

/* The file of report i, or NULL for standard output. */
static const char *report_path(const struct checker_options *o, size_t i)
{
	return i ? strchr(o->reports[i - 1], ':') + 1 : NULL;
}

/* Whether two reports would write to one file, each over the other, whatever kind it is. */
static bool shared_file(const struct checker_options *o, const char *prog)
{
	for (size_t i = 1; i <= o->nreports; i++) {
		for (size_t j = 0; j < i; j++) {
			if (tst_report_same_target(report_path(o, i), report_path(o, j))) {
				fprintf(stderr, "%s: two reports would write to one file: %s and %s\n", prog,
					j ? report_path(o, j) : "standard output", report_path(o, i));
				return true;
			}
		}
	}
	return false;
}

/* Opens every report asked for; false (and a message) if one cannot be. */
static bool open_reports(const struct checker_options *o, struct tst_run *run, const char *prog,
			 const struct tst_definition *defs, size_t ndefs)
{
	if (shared_file(o, prog))
		return false;
	tst_report_add(&run->report, o->format ? o->format : &tst_format_text, NULL, o->quiet, defs, ndefs);
	for (size_t i = 0; i < o->nreports; i++) {
		const char *colon = strchr(o->reports[i], ':');
		char name[16];
		memcpy(name, o->reports[i], (size_t)(colon - o->reports[i]));
		name[colon - o->reports[i]] = '\0';
		if (!tst_report_add(&run->report, tst_format_named(name), colon + 1, o->quiet, defs, ndefs)) {
			fprintf(stderr, "%s: cannot write report %s: %s\n", prog, colon + 1, strerror(errno));
			tst_report_discard(&run->report);
			return false;
		}
	}
	return true;
}

/*
 * A closed standard stream would be taken by the next file the checker
 * opens, and a report or a command's output would go astray: each one that
 * is closed is opened on /dev/null before anything else happens.  Whether
 * standard output was open: a report written to it would be lost.
 */
static bool standard_streams(void)
{
	bool out_open = fcntl(1, F_GETFD) >= 0;

	for (int fd = 0; fd <= 2; fd++) {
		if (fcntl(fd, F_GETFD) >= 0)
			continue;
		int null = open("/dev/null", fd ? O_WRONLY : O_RDONLY);
		if (null >= 0 && null != fd) {
			dup2(null, fd);
			close(null);
		}
	}
	return out_open;
}

/* The command part (tst.h) when the definitions have a command source, or NULL. */
static const struct tst_command_ops *command_ops(const struct tst_definition *defs, size_t ndefs)
{
	for (size_t d = 0; d < ndefs; d++)
		for (size_t s = 0; s < defs[d].nsources; s++)
			if (defs[d].sources[s]->command_ops)
				return defs[d].sources[s]->command_ops;
	return NULL;
}

/*
 * Confines the checker before it reads anything (sandbox.c), its commands
 * left to a launcher started first; says so once where it cannot.
 */
static void confine(const struct checker_options *o, struct tst_run *run, const char *prog,
		    const struct tst_definition *defs, size_t ndefs)
{
	const char **paths = tst_xcalloc(o->nreports + 1, sizeof(*paths));
	const struct tst_command_ops *cmd = command_ops(defs, ndefs);
	const char *why;

	for (size_t i = 0; i < o->nreports; i++)
		paths[i] = report_path(o, i + 1);
	why = tst_sandbox_unavailable();
	/* A replay runs no command. */
	if (!why && cmd && o->capture != TST_CAPTURE_REPLAY && !cmd->launcher_begin(defs, ndefs, run->root))
		why = "the launcher for its commands could not be started";
	if (!why)
		why = tst_sandbox_enter(defs, ndefs, run->root, paths, o->nreports, o->capture_dir,
					o->capture == TST_CAPTURE_RECORD);
	if (why)
		fprintf(stderr, "%s: not confined: %s (--no-sandbox runs it so without saying)\n", prog, why);
	free(paths);
}

/* --record or --replay: the directory opened (made) before the confinement; false and a message if not. */
static bool begin_capture(const struct checker_options *o, const char *prog)
{
	const char *why;

	if (!o->capture)
		return true;
	why = tst_capture_begin(o->capture, o->capture_dir);
	if (why) {
		fprintf(stderr, "%s: %s %s: %s\n", prog, o->capture == TST_CAPTURE_RECORD ? "--record" : "--replay",
			o->capture_dir, why);
	}
	return !why;
}

/* Writes the recording's manifest; false and a message if the recording is not whole. */
static bool end_capture(const struct checker_options *o, const char *prog, const struct tst_definition *defs,
			size_t ndefs, const char *root)
{
	if (!o->capture || tst_capture_end(defs, ndefs, root))
		return true;
	fprintf(stderr, "%s: cannot write the recording %s: %s\n", prog, o->capture_dir, strerror(errno));
	return false;
}

/* Runs every definition once, from the start of every report. */
static void run_once(struct tst_run *run, const struct tst_definition *defs, size_t ndefs)
{
	tst_run_close_source(run);
	run->counts = (struct tst_counts){0};
	tst_report_begin(&run->report);
	for (size_t d = 0; d < ndefs; d++) {
		run->def = &defs[d];
		tst_report_definition(&run->report, &defs[d]);
		if (defs[d].debug)
			defs[d].debug(run);
		else
			for (size_t i = 0; i < defs[d].nsteps; i++)
				tst_step(run, &defs[d].steps[i]);
		tst_run_close_source(run);
	}
}

/* --retry-timeout: whether the run that ended is to be forgotten and the checks run again. */
static bool again(const struct checker_options *o, const struct tst_run *run, long long until)
{
	if (!o->retry_ms || run->stop_reason[0] || tst_stop_signal || (!run->counts.failed && !run->counts.errors))
		return false;
	return tst_now_ms() + o->sleep_ms <= until;
}

/* Sleeps ms milliseconds, or less when a stop signal comes. */
static void pause_ms(long ms)
{
	struct timespec t = {ms / 1000, ms % 1000 * 1000000L};

	while (nanosleep(&t, &t) != 0 && errno == EINTR && !tst_stop_signal)
		;
}

/*
 * Runs the checks; with --retry-timeout, again after each run that did
 * not pass while there is time, every report held until the last run,
 * the only one they show.
 */
static int run_checks(const struct checker_options *o, struct tst_run *run, const char *prog,
		      const struct tst_definition *defs, size_t ndefs)
{
	long long until = tst_now_ms() + o->retry_ms;

	tst_run_start_clock(run);
	if (o->retry_ms)
		tst_report_hold(&run->report);
	run_once(run, defs, ndefs);
	while (again(o, run, until)) {
		tst_report_drop(&run->report);
		pause_ms(o->sleep_ms);
		tst_report_hold(&run->report);
		run_once(run, defs, ndefs);
	}
	if (o->retry_ms)
		tst_report_release(&run->report);
	if (!tst_report_end(&run->report, &run->counts)) {
		fprintf(stderr, "%s: cannot write the report: %s\n", prog, strerror(errno));
		return 2;
	}
	if (run->counts.errors)
		return 2;
	return run->counts.failed ? 1 : 0;
}

int tst_main(int argc, char **argv, const struct tst_definition *defs, size_t ndefs)
{
	struct tst_run run = {.timeout_ms = DEFAULT_TIMEOUT_S * 1000L};
	struct checker_options o = {0};
	const char *prog = argc > 0 ? argv[0] : "checker";
	int status = 0;

	bool out_open = standard_streams();

	/* A closed pipe on our output must become an error status, not a silent death. */
	signal(SIGPIPE, SIG_IGN);
	if (!out_open) {
		fprintf(stderr, "%s: cannot write the report: standard output is closed\n", prog);
		return 2;
	}
	if (!parse_options(argc, argv, &o, &run))
		status = 2;
	if (status == 0) {
		switch (o.action) {
		case HELP:
			usage(stdout, prog);
			break;
		case VERSION:
			tst_print_version(stdout, defs, ndefs);
			break;
		case DEFINITION:
			tst_print_definitions(stdout, defs, ndefs);
			break;
		case LIST_ACCESS:
			tst_print_access(stdout, defs, ndefs, run.root);
			break;
		case RUN:
			tst_signals_install();
			if (!open_reports(&o, &run, prog, defs, ndefs)) {
				status = 2;
				break;
			}
			if (!begin_capture(&o, prog)) {
				tst_report_discard(&run.report);
				status = 2;
				break;
			}
			if (!o.no_sandbox)
				confine(&o, &run, prog, defs, ndefs);
			status = run_checks(&o, &run, prog, defs, ndefs);
			if (command_ops(defs, ndefs))
				command_ops(defs, ndefs)->launcher_end();
			if (!end_capture(&o, prog, defs, ndefs, run.root))
				status = 2;
			break;
		}
	}
	if (o.action != RUN && (fflush(stdout) != 0 || ferror(stdout))) {
		fprintf(stderr, "%s: cannot write: %s\n", prog, strerror(errno));
		status = 2;
	}
	free(o.reports);
	return status;
}
