/*
 * tstcc: options, then for each definition read -> lex -> parse -> check,
 * then one program for all of them: emit, and build it with $CC.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tstcc.h"

#define SUFFIX ".tstconfig"

struct options {
	const char *output;
	bool emit_c;                    /* -S */
	bool check_only;                /* --check */
	bool debug;                     /* -g */
	bool static_link;               /* --static */
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
	      "  --static    build a fully static checker (with musl-gcc when it is installed)\n"
	      "  --check     only validate the definitions; build nothing\n"
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
	      "Exit status: 0 success, 1 errors in a definition, 2 usage, I/O or $CC failure.\n",
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

/* Returns -1 to go on, else the exit status. */
static int parse_options(int argc, char **argv, struct options *o)
{
	o->inputs = arena_alloc((size_t)argc * sizeof(*o->inputs));
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "-o") == 0 && i + 1 < argc)
			o->output = argv[++i];
		else if (strcmp(a, "-S") == 0)
			o->emit_c = true;
		else if (strcmp(a, "-g") == 0)
			o->debug = true;
		else if (strcmp(a, "--static") == 0)
			o->static_link = true;
		else if (strcmp(a, "--check") == 0)
			o->check_only = true;
		else if (strcmp(a, "-Werror") == 0)
			diag_options.werror = true;
		else if (strcmp(a, "-w") == 0)
			diag_options.no_warnings = true;
		else if (strncmp(a, "-fmax-errors=", 13) == 0 && strspn(a + 13, "0123456789") == strlen(a + 13) && a[13])
			diag_options.max_errors = (unsigned)strtoul(a + 13, NULL, 10);
		else if (strncmp(a, "--color=", 8) == 0 && color_option(a + 8))
			continue;
		else if (strcmp(a, "--diagnostics-format=json") == 0)
			diag_options.json = true;
		else if (strcmp(a, "--diagnostics-format=text") == 0)
			diag_options.json = false;
		else if (strcmp(a, "--help") == 0) {
			usage(stdout);
			return 0;
		} else if (strcmp(a, "--version") == 0) {
			puts("tstcc " TST_VERSION);
			return 0;
		} else if (a[0] == '-' && a[1]) {
			fprintf(stderr, "tstcc: error: unknown option '%s'\n", a);
			usage(stderr);
			return 2;
		} else {
			o->inputs[o->ninputs++] = argv[i];
		}
	}
	if (o->ninputs == 0) {
		fputs("tstcc: error: no definition files\n", stderr);
		usage(stderr);
		return 2;
	}
	return -1;
}

/* Reads a whole definition file, followed by the lexer's NUL sentinel. */
static bool read_definition(const char *path, struct srcfile *f)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	size_t cap = 1 << 16, len = 0;
	char *buf;

	if (fd < 0) {
		fatal_error("cannot read '%s': %s", path, strerror(errno));
		return false;
	}
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		fatal_error("cannot read '%s': %s", path, strerror(EISDIR));
		close(fd);
		return false;
	}
	buf = malloc(cap);
	for (;;) {
		ssize_t n;
		if (len + 1 == cap)
			buf = realloc(buf, cap *= 2);
		if (!buf) {
			fatal_error("out of memory reading '%s'", path);
			close(fd);
			return false;
		}
		n = read(fd, buf + len, cap - len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			fatal_error("cannot read '%s': %s", path, strerror(errno));
			free(buf);
			close(fd);
			return false;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	close(fd);
	f->name = path;
	f->text = arena_strndup(buf, len);
	f->len = len;
	free(buf);
	return true;
}

/* The output name: the first definition's, without its suffix. */
static const char *default_output(const struct options *o)
{
	const char *in = o->inputs[0];
	size_t n = strlen(in), s = strlen(SUFFIX);

	if (n <= s || strcmp(in + n - s, SUFFIX) != 0) {
		fatal_error("cannot name the output after '%s', which does not end in '" SUFFIX "'; use -o", in);
		return NULL;
	}
	return arena_printf("%.*s%s", (int)(n - s), in, o->emit_c ? ".c" : "");
}

/* Whether writing the output would destroy one of the definitions. */
static bool overwrites_input(const struct options *o, const char *output)
{
	struct stat out, in;

	if (strcmp(output, "-") == 0 || stat(output, &out) != 0)
		return false;
	for (int i = 0; i < o->ninputs; i++) {
		if (stat(o->inputs[i], &in) == 0 && in.st_dev == out.st_dev && in.st_ino == out.st_ino) {
			fatal_error("the output '%s' is the definition '%s'; use another -o", output, o->inputs[i]);
			return true;
		}
	}
	return false;
}

static int write_c(const char *path, const char *text, size_t len)
{
	FILE *f = strcmp(path, "-") == 0 ? stdout : fopen(path, "w");

	if (!f || fwrite(text, 1, len, f) != len || (f == stdout ? fflush(f) : fclose(f)) != 0) {
		fatal_error("cannot write '%s': %s", path, strerror(errno));
		return 2;
	}
	return 0;
}

static int compile(struct options *o)
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
		ok = sema_unit(&units[i]) && ok;
	}
	if (!ok || diag_error_count())
		return 1;
	if (o->check_only)
		return 0;
	bo.output = o->output ? o->output : default_output(o);
	if (!bo.output || overwrites_input(o, bo.output))
		return 2;
	mem = open_memstream(&text, &len);
	if (!mem) {
		fatal_error("out of memory");
		return 2;
	}
	emit_program(mem, units, (size_t)o->ninputs, &eo);
	fclose(mem);
	status = o->emit_c ? write_c(bo.output, text, len) : build_checker(text, len, &bo);
	free(text);
	return status;
}

int main(int argc, char **argv)
{
	struct options o = {0};
	int status;

	/* A compiler that stops reading its input must not kill tstcc silently. */
	signal(SIGPIPE, SIG_IGN);
	diag_options.color = isatty(2);
	status = parse_options(argc, argv, &o);
	if (status < 0)
		status = compile(&o);
	diag_finish();
	arena_free();
	return status;
}
