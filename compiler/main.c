/*
 * tstcc: options, then for each definition read -> lex -> parse -> check,
 * then one program for all of them: emit, and build it with $CC.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "file.h"
#include "tstcc.h"

#define SUFFIX ".tstconfig"

struct tstcc_options {
	const char *output;
	bool emit_c;                    /* -S */
	bool check_only;                /* --check */
	bool debug;                     /* -g */
	bool static_link;               /* --static */
	bool snapshot;                  /* --snapshot: write a definition of today's values */
	bool run;                       /* --run */
	int checker_argc;               /* --run: the checker's command line, its name first */
	char **checker_argv;
	enum dialect dialect;           /* -std */
	struct vars vars;               /* -D */
	char **inputs;
	int ninputs;
};

static void usage(FILE *f)
{
	fputs("usage: tstcc [options] DEFINITION.tstconfig...\n"
	      "Compiles Tstconfig definitions into one checker program.\n"
	      "\n"
	      "  -o FILE     write the checker (or with -S the C) to FILE; '-' is standard output\n"
	      "  -S          write the generated C instead of building\n"
	      "  -g          debug build: #line directives lead a debugger to the definition\n"
	      "  -D NAME=VALUE             give ${NAME} the value VALUE (after 'variables true')\n"
	      "  --static    build a fully static checker (with musl-gcc when it is installed)\n"
	      "  --check     only validate the definitions; build nothing\n"
	      "  --snapshot  read the sources of one definition now and write (to -o FILE, or\n"
	      "              standard output) a definition asserting the values they hold\n"
	      "  --run DEFINITION... [-- CHECKER-OPTIONS]\n"
	      "              run the definitions here, as their checker would, with its options\n"
	      "  -std=tstconfig-0.3        refuse tstcc's extensions of the language\n"
	      "  -std=tstcc  the original's language and tstcc's extensions (the default)\n"
	      "  -Werror     treat warnings as errors\n"
	      "  -w          do not show warnings\n"
	      "  -fmax-errors=N            stop showing errors after N (default 50; 0: no limit)\n"
	      "  --color=never|always|auto colour diagnostics (auto: when stderr is a terminal)\n"
	      "  --diagnostics-format=text|json\n"
	      "              json: the diagnostics as one JSON array on stderr\n"
	      "  --help      show this help\n"
	      "  --version   show the version\n"
	      "\n"
	      "The checker is built with $CC (default cc), adding $CFLAGS and $LDFLAGS.\n"
	      "Exit status: 0 success, 1 errors in a definition, 2 usage, I/O or $CC failure;\n"
	      "with --run, the checker's (0 passed, 1 failed, 2 errors, a definition's included).\n",
	      f);
}

static bool color_option(const char *when)
{
	if (strcmp(when, "always") == 0)
		diag_options.color = true;
	else if (strcmp(when, "never") == 0)
		diag_options.color = false;
	else if (strcmp(when, "auto") == 0)
		diag_options.color = isatty(2);
	else
		return false;
	return true;
}

static bool format_option(const char *format)
{
	if (strcmp(format, "json") != 0 && strcmp(format, "text") != 0)
		return false;
	diag_options.json = strcmp(format, "json") == 0;
	return true;
}

/* gcc's -Werror, -fmax-errors=N and -std=X, which getopt sees as -W, -f and -s with an argument. */
static bool gcc_option(int c, const char *arg, struct tstcc_options *o)
{
	const char *n = arg + strlen("max-errors=");

	if (c == 's' && (strcmp(arg, "td=tstconfig-0.3") == 0 || strcmp(arg, "td=tstcc") == 0)) {
		o->dialect = strcmp(arg, "td=tstcc") == 0 ? DIALECT_TSTCC : DIALECT_TSTCONFIG_0_3;
		return true;
	}
	if (c == 'W' && strcmp(arg, "error") == 0) {
		diag_options.werror = true;
		return true;
	}
	if (c != 'f' || strncmp(arg, "max-errors=", strlen("max-errors=")) != 0 || !*n ||
	    strspn(n, "0123456789") != strlen(n))
		return false;
	diag_options.max_errors = (unsigned)strtoul(n, NULL, 10);
	return true;
}

static int usage_error(const char *fmt, const char *arg)
{
	fputs("tstcc: error: ", stderr);
	fprintf(stderr, fmt, arg);
	fputs("\nTry 'tstcc --help'.\n", stderr);
	return 2;
}

/* -D NAME=VALUE; returns -1 to go on, else the exit status. */
static int define_option(const char *arg, struct tstcc_options *o)
{
	const char *eq = strchr(arg, '=');

	/* gcc's -D NAME means 1, which no path wants: a value is asked for, even an empty one. */
	if (!eq)
		return usage_error("-D '%s' has no value: write -D NAME=VALUE (NAME= for the empty value)", arg);
	if (!var_name_valid(arg, (size_t)(eq - arg)))
		return usage_error("-D '%s': the name is no variable name (a letter or '_', then letters, digits "
				   "and '_')", arg);
	/* A definition's words never hold a line break, and reports rely on it (one line a row). */
	if (strpbrk(eq + 1, "\r\n"))
		return usage_error("-D '%s': a value cannot hold a line break, as a definition word cannot", arg);
	vars_set(&o->vars, arena_strndup(arg, (size_t)(eq - arg)), eq + 1, true);
	return -1;
}

/* tstcc's long options, the one list of them: X(name, code, argument). */
#define LONG_OPTIONS(X)                                                 \
	X("static", OPT_STATIC, no_argument)                            \
	X("check", OPT_CHECK, no_argument)                              \
	X("snapshot", OPT_SNAPSHOT, no_argument)                        \
	X("run", OPT_RUN, no_argument)                                  \
	X("color", OPT_COLOR, required_argument)                        \
	X("diagnostics-format", OPT_FORMAT, required_argument)          \
	X("help", OPT_HELP, no_argument)                                \
	X("version", OPT_VERSION, no_argument)

enum {
	OPT_LONG_ONLY = 255,            /* the codes of long options follow the bytes */
#define X(name, code, argument) code,
	LONG_OPTIONS(X)
#undef X
};

/*
 * With --run, what follows the first "--" is the checker's command line,
 * which getopt must not see (it would take the "--" away); argv[0] stands
 * in its place as the checker's name.  The count of tstcc's own arguments.
 */
static int split_checker_args(int argc, char **argv, struct tstcc_options *o)
{
	int dashes = argc;
	bool run = false;

	for (int i = 1; i < argc && dashes == argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			dashes = i;
		else
			run = run || strcmp(argv[i], "--run") == 0;
	}
	if (!run || dashes == argc) {
		o->checker_argv = arena_alloc(2 * sizeof(*o->checker_argv));
		o->checker_argv[0] = argv[0];
		o->checker_argv[1] = NULL;
		o->checker_argc = 1;
		return argc;
	}
	argv[dashes] = argv[0];
	o->checker_argv = argv + dashes;
	o->checker_argc = argc - dashes;
	return dashes;
}

/* --run builds nothing: the options that say what to build do not go with it. */
static int run_conflicts(const struct tstcc_options *o)
{
	const char *other = o->output ? "-o" : o->emit_c ? "-S" : o->debug ? "-g" : o->static_link ? "--static"
			    : o->check_only ? "--check" : NULL;

	return other ? usage_error("--run builds nothing; '%s' does not go with it", other) : -1;
}

/* Returns -1 to go on, else the exit status. */
static int parse_options(int argc, char **argv, struct tstcc_options *o)
{
	static const struct option longopts[] = {
#define X(name, code, argument) {name, argument, NULL, code},
		LONG_OPTIONS(X)
#undef X
		{NULL, 0, NULL, 0},
	};
	int c, status;

	opterr = 0;
	argc = split_checker_args(argc, argv, o);
	while ((c = getopt_long(argc, argv, "o:SgwW:f:s:D:", longopts, NULL)) != -1) {
		switch (c) {
		case 'D':
			status = define_option(optarg, o);
			if (status >= 0)
				return status;
			break;
		case 'o':
			o->output = optarg;
			break;
		case 'S':
			o->emit_c = true;
			break;
		case 'g':
			o->debug = true;
			break;
		case 'w':
			diag_options.no_warnings = true;
			break;
		case 'W':
		case 'f':
		case 's':
			if (!gcc_option(c, optarg, o))
				return usage_error("unknown option '%s'", argv[optind - 1]);
			break;
		case OPT_STATIC:
			o->static_link = true;
			break;
		case OPT_CHECK:
			o->check_only = true;
			break;
		case OPT_SNAPSHOT:
			o->snapshot = true;
			break;
		case OPT_RUN:
			o->run = true;
			break;
		case OPT_COLOR:
			if (!color_option(optarg))
				return usage_error("--color takes never, always or auto, not '%s'", optarg);
			break;
		case OPT_FORMAT:
			if (!format_option(optarg))
				return usage_error("--diagnostics-format takes text or json, not '%s'", optarg);
			break;
		case OPT_HELP:
			usage(stdout);
			return 0;
		case OPT_VERSION:
			puts("tstcc " TST_VERSION);
			return 0;
		default:
			return usage_error(optopt == 'o' || optopt == 'D' ? "option '%s' needs an argument"
									 : "unknown option '%s'",
					   argv[optind - 1]);
		}
	}
	o->inputs = argv + optind;
	o->ninputs = argc - optind;
	if (o->ninputs == 0)
		return usage_error("no definition files%s", "");
	if (o->snapshot && (o->ninputs > 1 || o->emit_c || o->check_only || o->run))
		return usage_error("--snapshot takes one definition, and no -S, --check or --run%s", "");
	return o->run ? run_conflicts(o) : -1;
}

/* Reads a whole definition file, followed by the lexer's NUL sentinel. */
static bool read_definition(const char *path, struct srcfile *f)
{
	int fd = tst_file_open(path);
	size_t cap = 1 << 16, len = 0;
	char *buf = NULL;
	ssize_t n = 1;

	if (fd < 0) {
		tool_error("cannot read '%s': %s", path, strerror(errno));
		return false;
	}
	while (n > 0) {
		if (!buf || len + 1 == cap)
			buf = xrealloc(buf, buf ? cap *= 2 : cap);
		n = tst_file_read(fd, buf + len, cap - len - 1);
		len += n > 0 ? (size_t)n : 0;
	}
	close(fd);
	if (n < 0)
		tool_error("cannot read '%s': %s", path, strerror(errno));
	else
		*f = (struct srcfile){.name = path, .text = arena_strndup(buf, len), .len = len};
	free(buf);
	return n == 0;
}

/* The output name: the first definition's, without its suffix. */
static const char *default_output(const struct tstcc_options *o)
{
	const char *in = o->inputs[0];
	size_t n = strlen(in), s = strlen(SUFFIX);

	if (n <= s || strcmp(in + n - s, SUFFIX) != 0) {
		tool_error("cannot name the output after '%s', which does not end in '" SUFFIX "'; use -o", in);
		return NULL;
	}
	return arena_printf("%.*s%s", (int)(n - s), in, o->emit_c ? ".c" : "");
}

/* Whether writing the output would destroy a definition or the runtime, or make a binary named "-". */
static bool bad_output(const struct tstcc_options *o, const char *output)
{
	struct stat out, in;

	if (strcmp(output, "-") == 0) {
		if (!o->emit_c)
			tool_error("'-o -' is standard output, where only the C can go; add -S, or name the checker");
		return !o->emit_c;
	}
	if (stat(output, &out) != 0)
		return false;
	for (int i = 0; i < o->ninputs; i++) {
		if (stat(o->inputs[i], &in) == 0 && in.st_dev == out.st_dev && in.st_ino == out.st_ino) {
			tool_error("the output '%s' is the definition '%s'; use another -o", output, o->inputs[i]);
			return true;
		}
	}
	if (is_runtime_file(output)) {
		tool_error("the output '%s' is a file of tstcc's runtime; use another -o", output);
		return true;
	}
	return false;
}

static int write_text(const char *path, const char *text, size_t len)
{
	FILE *f = strcmp(path, "-") == 0 ? stdout : fopen(path, "w");

	if (!f || fwrite(text, 1, len, f) != len || (f == stdout ? fflush(f) : fclose(f)) != 0) {
		tool_error("cannot write '%s': %s", path, strerror(errno));
		return 2;
	}
	return 0;
}

/* --snapshot: the definition, whole, to -o or standard output; never over the definition read. */
static int snapshot(const struct tstcc_options *o, const struct unit *u)
{
	const char *output = o->output ? o->output : "-";
	struct stat out, in;
	char *text;
	size_t len;
	FILE *mem;
	int status;

	if (strcmp(output, "-") != 0 && stat(output, &out) == 0 && stat(o->inputs[0], &in) == 0 &&
	    in.st_dev == out.st_dev && in.st_ino == out.st_ino) {
		tool_error("the output '%s' is the definition '%s'; use another -o", output, o->inputs[0]);
		return 2;
	}
	mem = open_memstream(&text, &len);
	if (!mem) {
		tool_error("out of memory");
		return 2;
	}
	status = snapshot_unit(mem, u);
	fclose(mem);
	if (status == 0)
		status = write_text(output, text, len);
	free(text);
	return status;
}

static int compile(struct tstcc_options *o)
{
	struct unit *units = arena_alloc((size_t)o->ninputs * sizeof(*units));
	struct emit_options eo = {.line_directives = o->debug};
	struct build_options bo = {.debug = o->debug, .static_link = o->static_link};
	bool ok = true;
	char *text;
	size_t len;
	FILE *mem;
	int status;

	for (int i = 0; i < o->ninputs; i++) {
		if (!read_definition(o->inputs[i], &units[i].file))
			return 2;
		parse_unit(&units[i]);
		units[i].head = o->snapshot;
		ok = sema_unit(&units[i], o->dialect, &o->vars) && ok;
	}
	/* An error may have stopped the expansion of a word before a reference. */
	if (ok)
		vars_warn_unused(&o->vars);
	/* A checker's status 1 is a failed assertion: a definition that cannot run is an error. */
	if (!ok || diag_error_count())
		return o->run ? 2 : 1;
	if (o->run)
		return run_definitions(units, (size_t)o->ninputs, o->checker_argc, o->checker_argv);
	if (o->check_only)
		return 0;
	if (o->snapshot)
		return snapshot(o, &units[0]);
	bo.output = o->output ? o->output : default_output(o);
	if (!bo.output || bad_output(o, bo.output))
		return 2;
	mem = open_memstream(&text, &len);
	if (!mem) {
		tool_error("out of memory");
		return 2;
	}
	emit_program(mem, units, (size_t)o->ninputs, &eo);
	fclose(mem);
	status = o->emit_c ? write_text(bo.output, text, len) : build_checker(text, len, &bo);
	free(text);
	return status;
}

int main(int argc, char **argv)
{
	struct tstcc_options o = {0};
	int status;

	/* A compiler that stops reading its input must not kill tstcc silently. */
	signal(SIGPIPE, SIG_IGN);
	diag_options.color = isatty(2);
	status = parse_options(argc, argv, &o);
	if (status < 0)
		status = compile(&o);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		tool_error("cannot write to standard output: %s", strerror(errno));
		status = 2;
	}
	diag_finish();
	arena_free();
	return status;
}
