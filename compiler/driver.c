/*
 * Building a checker: the generated C goes to $CC on its standard input
 * (so no temporary file, and no temporary name in the binary), and is
 * linked with the runtime's static archive, so the checker needs nothing
 * but the C library.  The runtime is looked for beside tstcc in the build
 * tree, then in the installed layout relative to tstcc, then under the
 * PREFIX tstcc was configured with.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tstcc.h"
#include "checker_link.h"

#ifndef TSTCC_LIBDIR
#define TSTCC_LIBDIR "/usr/local/lib/tstcc"
#endif
#ifndef TSTCC_INCLUDEDIR
#define TSTCC_INCLUDEDIR "/usr/local/include/tstcc"
#endif

struct runtime {
	const char *lib;                /* libtstrt.a */
	const char *musl_lib;           /* the runtime built with musl-gcc, or NULL */
	const char *include;            /* directory holding tst.h */
};

static bool runtime_at(struct runtime *rt, const char *libdir, const char *incdir)
{
	rt->lib = arena_printf("%s/libtstrt.a", libdir);
	rt->musl_lib = arena_printf("%s/musl/libtstrt.a", libdir);
	rt->include = incdir;
	if (access(rt->musl_lib, R_OK) != 0)
		rt->musl_lib = NULL;
	return access(rt->lib, R_OK) == 0 && access(arena_printf("%s/tst.h", incdir), R_OK) == 0;
}

/* Whether prog is an executable file in a directory of $PATH. */
static bool in_path(const char *prog)
{
	const char *path = getenv("PATH");
	char *copy, *save, *dir;

	if (!path)
		return false;
	copy = arena_strndup(path, strlen(path));
	for (dir = strtok_r(copy, ":", &save); dir; dir = strtok_r(NULL, ":", &save))
		if (access(arena_printf("%s/%s", *dir ? dir : ".", prog), X_OK) == 0)
			return true;
	return false;
}

/*
 * A static checker is built with musl when it can be (musl-gcc installed,
 * the runtime built for it, and no $CC chosen), which makes it small;
 * otherwise with $CC and the C library's static link.
 */
static bool use_musl(const struct runtime *rt, const struct build_options *opt)
{
	const char *cc = getenv("CC");

	return opt->static_link && rt->musl_lib && (!cc || !*cc) && in_path("musl-gcc");
}

static bool find_runtime(struct runtime *rt)
{
	char self[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);

	if (n > 0) {
		self[n] = '\0';
		*strrchr(self, '/') = '\0';
		if (runtime_at(rt, self, arena_printf("%s/include", self)))
			return true;
		if (runtime_at(rt, arena_printf("%s/../lib/tstcc", self), arena_printf("%s/../include/tstcc", self)))
			return true;
	}
	return runtime_at(rt, TSTCC_LIBDIR, TSTCC_INCLUDEDIR);
}

/* Appends the words of an environment variable (split at blanks) to argv. */
static size_t add_words(char **argv, size_t argc, const char *var, const char *fallback)
{
	const char *v = getenv(var);
	char *copy, *save, *w;

	if (!v || !*v)
		v = fallback;
	if (!v)
		return argc;
	copy = arena_strndup(v, strlen(v));
	for (w = strtok_r(copy, " \t\n", &save); w; w = strtok_r(NULL, " \t\n", &save))
		argv[argc++] = w;
	return argc;
}

static size_t count_words(const char *var)
{
	const char *v = getenv(var);

	return v ? strlen(v) / 2 + 2 : 2;
}

/*
 * The options that make a checker small (no unwind tables, no padding
 * between its segments, no unused functions of the runtime, packed
 * relocations), which the build found the default $CC to take: with a
 * $CC of one's own they are left out, and with -g they are not wanted.
 */
static size_t add_small(char **argv, size_t argc, const struct build_options *opt, bool musl)
{
	static const char *const small[] = {TSTCC_LINK_SMALL NULL};
	const char *cc = getenv("CC");

	if (opt->debug || (!musl && cc && *cc))
		return argc;
	for (size_t i = 0; small[i]; i++)
		argv[argc++] = (char *)small[i];
#ifdef TSTCC_LINK_RELR
	if (!opt->static_link)
		argv[argc++] = TSTCC_LINK_RELR;
#endif
	return argc;
}

/* The options that build a checker sooner, which the default $CC took (see add_small). */
static size_t add_fast(char **argv, size_t argc, bool musl)
{
	static const char *const fast[] = {TSTCC_CC_FAST NULL};
	const char *cc = getenv("CC");

	if (!musl && cc && *cc)
		return argc;
	for (size_t i = 0; fast[i]; i++)
		argv[argc++] = (char *)fast[i];
	return argc;
}

static char **compiler_argv(const struct runtime *rt, const struct build_options *opt)
{
	char **argv = arena_alloc((count_words("CC") + count_words("TSTCC_MUSL_CC") + count_words("CFLAGS") +
				   count_words("LDFLAGS") + 24) * sizeof(*argv));
	bool musl = use_musl(rt, opt);
	size_t argc = musl ? add_words(argv, 0, "TSTCC_MUSL_CC", "musl-gcc") : add_words(argv, 0, "CC", "cc");

	argv[argc++] = "-std=c11";
	argv[argc++] = opt->debug ? "-g" : "-O2";
	argc = add_fast(argv, argc, musl);
	if (opt->static_link)
		argv[argc++] = "-static";
	if (!musl)
		argc = add_words(argv, argc, "CFLAGS", NULL);
	argv[argc++] = "-I";
	argv[argc++] = (char *)rt->include;
	argv[argc++] = "-x";
	argv[argc++] = "c";
	argv[argc++] = "-";
	argv[argc++] = "-x";
	argv[argc++] = "none";
	argv[argc++] = (char *)(musl ? rt->musl_lib : rt->lib);
	argc = add_small(argv, argc, opt, musl);
	if (!musl)
		argc = add_words(argv, argc, "LDFLAGS", NULL);
	argv[argc++] = "-o";
	argv[argc++] = (char *)opt->output;
	argv[argc] = NULL;
	return argv;
}

static bool write_all(int fd, const char *s, size_t n)
{
	while (n) {
		ssize_t k = write(fd, s, n);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0)
			return false;
		s += k;
		n -= (size_t)k;
	}
	return true;
}

/* Runs argv with c_text on its standard input; returns its wait status or -1. */
static int run_with_input(char **argv, const char *c_text, size_t len)
{
	int fd[2], status, err = 0;
	pid_t pid;

	if (pipe(fd) < 0)
		return -1;
	pid = fork();
	if (pid == 0) {
		dup2(fd[0], 0);
		close(fd[0]);
		close(fd[1]);
		execvp(argv[0], argv);
		fprintf(stderr, "tstcc: error: cannot run '%s': %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	close(fd[0]);
	if (pid < 0) {
		close(fd[1]);
		return -1;
	}
	if (!write_all(fd[1], c_text, len))
		err = errno;
	close(fd[1]);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	if (err && err != EPIPE)
		tool_error("cannot pass the program to '%s': %s", argv[0], strerror(err));
	return status;
}

/* Whether path names the same file as one of the runtime's. */
bool is_runtime_file(const char *path)
{
	struct runtime rt;
	struct stat out, file;

	if (!find_runtime(&rt) || stat(path, &out) != 0)
		return false;
	const char *files[] = {rt.lib, rt.musl_lib, arena_printf("%s/tst.h", rt.include)};
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++)
		if (files[i] && stat(files[i], &file) == 0 && file.st_dev == out.st_dev && file.st_ino == out.st_ino)
			return true;
	return false;
}

int build_checker(const char *c_text, size_t len, const struct build_options *opt)
{
	struct runtime rt;
	char **argv;
	int status;

	if (!find_runtime(&rt)) {
		tool_error("cannot find the runtime (libtstrt.a and tst.h) beside tstcc or in %s", TSTCC_LIBDIR);
		return 2;
	}
	argv = compiler_argv(&rt, opt);
	status = run_with_input(argv, c_text, len);
	if (status < 0) {
		tool_error("cannot run '%s': %s", argv[0], strerror(errno));
		return 2;
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	if (WIFEXITED(status) && WEXITSTATUS(status) != 127)
		tool_error("'%s' failed with exit status %d building %s", argv[0], WEXITSTATUS(status), opt->output);
	else if (WIFSIGNALED(status))
		tool_error("'%s' was killed by signal %d building %s", argv[0], WTERMSIG(status), opt->output);
	return 2;
}
