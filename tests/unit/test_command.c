/*
 * Unit tests for runtime/command.c.  Every test runs between a setup and a
 * teardown that check the process has as many fds afterwards as before and
 * no child left to reap.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>

#include "command.h"

#define ARGV(...) ((const char *const[]){ __VA_ARGS__, NULL })

struct capture {
	char buf[4096];
	size_t len;     /* bytes kept in buf */
	size_t total;   /* bytes seen */
};

static int fds_before;

static void capture_sink(void *ctx, const char *buf, size_t n)
{
	struct capture *c = ctx;
	size_t keep = sizeof(c->buf) - c->len;

	if (keep > n)
		keep = n;
	memcpy(c->buf + c->len, buf, keep);
	c->len += keep;
	c->total += n;
}

static long long now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000LL + t.tv_nsec / 1000000;
}

static void nap_ms(long ms)
{
	struct timespec t = { ms / 1000, ms % 1000 * 1000000 };

	while (nanosleep(&t, &t) < 0 && errno == EINTR)
		;
}

static int count_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	struct dirent *e;
	int n = 0;

	assert_non_null(d);
	while ((e = readdir(d)))
		n += e->d_name[0] != '.';
	closedir(d);
	return n;
}

static int setup(void **state)
{
	(void)state;
	fds_before = count_fds();
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	assert_int_equal(count_fds(), fds_before);
	assert_int_equal(waitpid(-1, NULL, WNOHANG), -1);
	assert_int_equal(errno, ECHILD);
	return 0;
}

static void run(const char *const *argv, long timeout_ms, struct capture *c,
		struct tst_command_result *res)
{
	memset(c, 0, sizeof(*c));
	tst_command_run(argv, NULL, timeout_ms, capture_sink, c, res);
	assert_non_null(res->err);
	assert_int_equal(res->err[res->err_len], '\0');
}

static void assert_output(const struct capture *c, const char *want, size_t n)
{
	assert_int_equal(c->total, n);
	assert_memory_equal(c->buf, want, n);
}

/*
 * Whether pid has died.  A killed orphan stays a zombie until init reaps
 * it, and some container inits never do, so a zombie counts as dead.
 */
static int gone(pid_t pid)
{
	char path[64], stat[256], *p;
	FILE *f;
	size_t n;

	if (kill(pid, 0) < 0 && errno == ESRCH)
		return 1;
	snprintf(path, sizeof(path), "/proc/%ld/stat", (long)pid);
	f = fopen(path, "r");
	if (!f)
		return 1;
	n = fread(stat, 1, sizeof(stat) - 1, f);
	fclose(f);
	stat[n] = '\0';
	p = strrchr(stat, ')');
	return p && p[1] == ' ' && p[2] == 'Z';
}

static void assert_gone_soon(pid_t pid)
{
	int i;

	assert_true(pid > 1);
	for (i = 0; i < 100 && !gone(pid); i++)
		nap_ms(10);
	assert_true(gone(pid));
}

static void test_stdout_exact(void **state)
{
	struct tst_command_result res;
	struct capture c;

	(void)state;
	run(ARGV("printf", "one\\ntwo"), 0, &c, &res);
	assert_int_equal(res.outcome, TST_COMMAND_EXITED);
	assert_int_equal(res.status, 0);
	assert_output(&c, "one\ntwo", 7);
	assert_int_equal(res.err_len, 0);
	assert_int_equal(res.err_dropped, 0);
	tst_command_result_free(&res);
	assert_null(res.err);
}

static void test_stdout_binary(void **state)
{
	struct tst_command_result res;
	struct capture c;

	(void)state;
	run(ARGV("printf", "a\\000b\\377c"), 0, &c, &res);
	assert_int_equal(res.outcome, TST_COMMAND_EXITED);
	assert_output(&c, "a\0b\377c", 5);
	tst_command_result_free(&res);
}

static void test_exit_status(void **state)
{
	struct tst_command_result res;
	struct capture c;

	(void)state;
	run(ARGV("sh", "-c", "exit 3"), 0, &c, &res);
	assert_int_equal(res.outcome, TST_COMMAND_EXITED);
	assert_int_equal(res.status, 3);
	assert_int_equal(c.total, 0);
	tst_command_result_free(&res);
}

static void test_signaled(void **state)
{
	struct tst_command_result res;
	struct capture c;

	(void)state;
	run(ARGV("sh", "-c", "kill -9 $$"), 0, &c, &res);
	assert_int_equal(res.outcome, TST_COMMAND_SIGNALED);
	assert_int_equal(res.status, SIGKILL);
	tst_command_result_free(&res);
}

static void test_not_started(void **state)
{
	static const struct {
		const char *prog;
		int err;
	} cases[] = {
		{ "tstcc-no-such-command", ENOENT },
		{ "/nonexistent/prog", ENOENT },
		{ "/dev/null", EACCES },
	};
	struct tst_command_result res;
	struct capture c;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		run(ARGV(cases[i].prog), 0, &c, &res);
		assert_int_equal(res.outcome, TST_COMMAND_NOT_STARTED);
		assert_int_equal(res.status, cases[i].err);
		assert_int_equal(c.total, 0);
		assert_string_equal(res.err, "");
		tst_command_result_free(&res);
	}
}

static void test_stderr(void **state)
{
	struct tst_command_result res;
	struct capture c;

	(void)state;
	run(ARGV("sh", "-c", "echo out; echo oops >&2; exit 1"), 0, &c, &res);
	assert_int_equal(res.outcome, TST_COMMAND_EXITED);
	assert_int_equal(res.status, 1);
	assert_output(&c, "out\n", 4);
	assert_string_equal(res.err, "oops\n");
	assert_int_equal(res.err_len, 5);
	assert_int_equal(res.err_dropped, 0);
	tst_command_result_free(&res);
}

static void test_stderr_cap(void **state)
{
	struct tst_command_result res;
	struct capture c;

	(void)state;
	run(ARGV("sh", "-c", "head -c 100000 /dev/zero | tr '\\0' x >&2"), 0, &c, &res);
	assert_int_equal(res.outcome, TST_COMMAND_EXITED);
	assert_int_equal(res.err_len, TST_COMMAND_ERR_MAX);
	assert_int_equal(res.err_dropped, 100000 - TST_COMMAND_ERR_MAX);
	assert_int_equal(strspn(res.err, "x"), TST_COMMAND_ERR_MAX);
	tst_command_result_free(&res);
}

/* Both pipes far past their capacity at once: a sequential reader deadlocks. */
static void test_both_large(void **state)
{
	struct tst_command_result res;
	struct capture c;

	(void)state;
	run(ARGV("sh", "-c", "head -c 20000000 /dev/zero & head -c 20000000 /dev/zero >&2; wait"),
	    0, &c, &res);
	assert_int_equal(res.outcome, TST_COMMAND_EXITED);
	assert_int_equal(res.status, 0);
	assert_int_equal(c.total, 20000000);
	assert_int_equal(res.err_len, TST_COMMAND_ERR_MAX);
	assert_int_equal(res.err_len + res.err_dropped, 20000000);
	tst_command_result_free(&res);
}

/* Runs script with a 300 ms limit; it prints a grandchild's pid first. */
static void check_timeout(const char *script)
{
	struct tst_command_result res;
	struct capture c;
	long long t0, elapsed;

	t0 = now_ms();
	run(ARGV("sh", "-c", script), 300, &c, &res);
	elapsed = now_ms() - t0;
	assert_int_equal(res.outcome, TST_COMMAND_TIMED_OUT);
	assert_true(elapsed >= 300);
	assert_true(elapsed < 1500);
	assert_true(c.len > 0 && c.len < sizeof(c.buf));
	c.buf[c.len] = '\0';
	assert_gone_soon((pid_t)atol(c.buf));
	tst_command_result_free(&res);
}

static void test_timeout(void **state)
{
	(void)state;
	check_timeout("sleep 30 & echo $!; sleep 30");
}

/* The child exits at once; its background grandchild holds the pipes. */
static void test_timeout_after_child_exit(void **state)
{
	(void)state;
	check_timeout("sleep 30 & echo $!");
}

/* The pipes reach EOF long before the child ends. */
static void test_timeout_pipes_closed(void **state)
{
	struct tst_command_result res;
	struct capture c;
	long long t0, elapsed;

	(void)state;
	t0 = now_ms();
	run(ARGV("sh", "-c", "exec >&- 2>&-; sleep 30"), 200, &c, &res);
	elapsed = now_ms() - t0;
	assert_int_equal(res.outcome, TST_COMMAND_TIMED_OUT);
	assert_true(elapsed >= 200 && elapsed < 1500);
	tst_command_result_free(&res);
}

static void test_grandchild_output(void **state)
{
	struct tst_command_result res;
	struct capture c;

	(void)state;
	run(ARGV("sh", "-c", "(sleep 0.3; echo late; echo warn >&2) & echo early"), 5000, &c, &res);
	assert_int_equal(res.outcome, TST_COMMAND_EXITED);
	assert_int_equal(res.status, 0);
	assert_output(&c, "early\nlate\n", 11);
	assert_string_equal(res.err, "warn\n");
	tst_command_result_free(&res);
}

/* With 0-2 closed, pipe() hands out exactly the numbers the child needs. */
static void test_closed_stdio(void **state)
{
	struct tst_command_result res;
	struct capture c;
	int saved[3], i;

	(void)state;
	for (i = 0; i < 3; i++) {
		saved[i] = fcntl(i, F_DUPFD_CLOEXEC, 10);
		assert_true(saved[i] >= 10);
	}
	for (i = 0; i < 3; i++)
		close(i);
	run(ARGV("sh", "-c", "cat; echo out; echo err >&2"), 0, &c, &res);
	for (i = 0; i < 3; i++) {
		dup2(saved[i], i);
		close(saved[i]);
	}
	assert_int_equal(res.outcome, TST_COMMAND_EXITED);
	assert_int_equal(res.status, 0);
	assert_output(&c, "out\n", 4);
	assert_string_equal(res.err, "err\n");
	tst_command_result_free(&res);
}

static void reap_all(int sig)
{
	int e = errno;

	(void)sig;
	while (waitpid(-1, NULL, WNOHANG) > 0)
		;
	errno = e;
}

/* Runs `exit 5` under the given SIGCHLD action, which must survive. */
static void check_sigchld(void (*handler)(int), int flags)
{
	struct sigaction sa, old, now;
	struct tst_command_result res;
	struct capture c;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = handler;
	sa.sa_flags = flags;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGCHLD, &sa, &old);
	run(ARGV("sh", "-c", "exit 5"), 0, &c, &res);
	sigaction(SIGCHLD, &old, &now);
	assert_int_equal(res.outcome, TST_COMMAND_EXITED);
	assert_int_equal(res.status, 5);
	assert_ptr_equal(now.sa_handler, handler);
	assert_int_equal(now.sa_flags & SA_NOCLDWAIT, flags & SA_NOCLDWAIT);
	tst_command_result_free(&res);
}

static void test_sigchld(void **state)
{
	(void)state;
	check_sigchld(SIG_IGN, 0);
	check_sigchld(reap_all, 0);
	check_sigchld(reap_all, SA_NOCLDWAIT);
}

static void on_alarm(int sig)
{
	(void)sig;
}

/* A timer without SA_RESTART interrupts every blocking call on the way. */
static void test_eintr(void **state)
{
	struct itimerval every_ms = { { 0, 1000 }, { 0, 1000 } }, off = { { 0, 0 }, { 0, 0 } };
	struct sigaction sa, old;
	struct tst_command_result res;
	struct capture c;

	(void)state;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGALRM, &sa, &old);
	setitimer(ITIMER_REAL, &every_ms, NULL);
	run(ARGV("sh", "-c", "echo a; sleep 0.2; echo b >&2; sleep 0.1; echo c; exit 4"), 0, &c, &res);
	setitimer(ITIMER_REAL, &off, NULL);
	sigaction(SIGALRM, &old, NULL);
	assert_int_equal(res.outcome, TST_COMMAND_EXITED);
	assert_int_equal(res.status, 4);
	assert_output(&c, "a\nc\n", 4);
	assert_string_equal(res.err, "b\n");
	tst_command_result_free(&res);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_stdout_exact, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stdout_binary, setup, teardown),
		cmocka_unit_test_setup_teardown(test_exit_status, setup, teardown),
		cmocka_unit_test_setup_teardown(test_signaled, setup, teardown),
		cmocka_unit_test_setup_teardown(test_not_started, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stderr, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stderr_cap, setup, teardown),
		cmocka_unit_test_setup_teardown(test_both_large, setup, teardown),
		cmocka_unit_test_setup_teardown(test_timeout, setup, teardown),
		cmocka_unit_test_setup_teardown(test_timeout_after_child_exit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_timeout_pipes_closed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_grandchild_output, setup, teardown),
		cmocka_unit_test_setup_teardown(test_closed_stdio, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sigchld, setup, teardown),
		cmocka_unit_test_setup_teardown(test_eintr, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
