/*
 * command.c - run a `command` source's program without a shell.
 *
 * The parent opens /dev/null and three pipes (stdout, stderr, exec status)
 * before fork(), all close-on-exec and numbered above 2, so that the child's
 * dup2() onto 0, 1 and 2 can never clobber a descriptor it still needs,
 * even when the caller runs with its own stdio closed.  The child makes
 * itself a process group leader and execs; if that fails it writes errno to
 * the status pipe, whose EOF otherwise tells the parent that the exec
 * happened.  The parent then polls both output pipes together, handing
 * stdout to the sink chunk by chunk and keeping the first
 * TST_COMMAND_ERR_MAX bytes of stderr, until both reach EOF (a grandchild
 * may hold them open after the child is gone) and the child has exited.
 * At the deadline it kills the whole group and stops reading at once.  The
 * child is reaped only at the end: while it is unreaped its pid, which is
 * also the group id, cannot be reused, so the group kill cannot hit a
 * stranger.  SIGCHLD is set to SIG_DFL meanwhile, because SIG_IGN or
 * SA_NOCLDWAIT would make the kernel reap the child and lose its status.
 *
 * Descriptors the checker inherited, beyond 0, 1 and 2, are not passed on:
 * the child marks every one close-on-exec before it execs.  A stop signal
 * sent to the checker (signals.c) is passed on to the command's group,
 * which then has two seconds to go before it is killed.
 */
#define _GNU_SOURCE     /* syscall(), for close_range */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>

#include "capture.h"
#include "command.h"
#include "internal.h"

enum { NUL_IN, OUT_R, OUT_W, ERR_R, ERR_W, EXEC_R, EXEC_W, NFDS };

/* How long a command may take to stop once a stop signal was passed on. */
enum { STOP_GRACE_MS = 2000 };

#ifndef CLOSE_RANGE_CLOEXEC
#define CLOSE_RANGE_CLOEXEC (1U << 2)
#endif

static long long now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000LL + t.tv_nsec / 1000000;
}

/* poll() timeout until deadline: -1 when there is none, 0 once it passed. */
static int wait_ms(long long deadline)
{
	long long left;

	if (deadline < 0)
		return -1;
	left = deadline - now_ms();
	if (left <= 0)
		return 0;
	return left < INT_MAX ? (int)left : INT_MAX;
}

/* Cleanup runs on error paths, where errno still has to be reported. */
static void close_fd(int *fd)
{
	int e = errno;

	if (*fd >= 0)
		close(*fd);
	*fd = -1;
	errno = e;
}

/* Replaces fd by a close-on-exec copy above 2 (see the top of the file). */
static int guard_fd(int fd)
{
	int nfd;

	if (fd < 0)
		return -1;
	nfd = fcntl(fd, F_DUPFD_CLOEXEC, 3);
	close_fd(&fd);
	return nfd;
}

static int open_fds(int *fd)
{
	int p[2], i;

	fd[NUL_IN] = guard_fd(open("/dev/null", O_RDONLY));
	if (fd[NUL_IN] < 0)
		return -1;
	for (i = OUT_R; i < NFDS; i += 2) {
		if (pipe(p) < 0)
			return -1;
		fd[i] = guard_fd(p[0]);
		if (fd[i] < 0) {
			close_fd(&p[1]);
			return -1;
		}
		fd[i + 1] = guard_fd(p[1]);
		if (fd[i + 1] < 0)
			return -1;
	}
	return 0;
}

/*
 * Every descriptor from 3 up becomes close-on-exec (async-signal-safe):
 * with close_range where the kernel has it, else one by one up to the
 * limit on open files.
 */
static void cloexec_from_3(void)
{
	struct rlimit rl;
	int max = 65536;

#ifdef SYS_close_range
	if (syscall(SYS_close_range, 3U, ~0U, CLOSE_RANGE_CLOEXEC) == 0)
		return;
#endif
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur < (rlim_t)max)
		max = (int)rl.rlim_cur;
	for (int fd = 3; fd < max; fd++)
		fcntl(fd, F_SETFD, FD_CLOEXEC);
}

/*
 * In the child of fork(): only async-signal-safe calls.  Every source fd
 * is above 2, so the dup2() calls cannot overwrite one another, and all of
 * them are close-on-exec, so the program gets just 0, 1 and 2.  SIGPIPE is
 * reset because a caller that ignores it would otherwise pass that on, and
 * the stop signals because the checker's handlers must not run there.
 */
static void exec_child(const char *const *argv, const char *root, const int *fd, const struct sigaction *dfl)
{
	int e;

	cloexec_from_3();
	if ((!root || (chroot(root) == 0 && chdir("/") == 0)) && setpgid(0, 0) == 0 && dup2(fd[NUL_IN], 0) == 0 &&
	    dup2(fd[OUT_W], 1) == 1 && dup2(fd[ERR_W], 2) == 2 &&
	    sigaction(SIGPIPE, dfl, NULL) == 0 && sigaction(SIGINT, dfl, NULL) == 0 &&
	    sigaction(SIGTERM, dfl, NULL) == 0 && sigaction(SIGHUP, dfl, NULL) == 0)
		execvp(argv[0], (char *const *)argv);
	e = errno;
	while (write(fd[EXEC_W], &e, sizeof(e)) < 0 && errno == EINTR)
		;
	_exit(127);
}

/* The errno the child failed to exec with, or 0 if it did exec. */
static int exec_error(int fd)
{
	ssize_t r;
	int e;

	do
		r = read(fd, &e, sizeof(e));
	while (r < 0 && errno == EINTR);
	return r == (ssize_t)sizeof(e) ? e : 0;
}

static void keep_err(struct tst_command_result *res, const char *buf, size_t n)
{
	size_t keep = TST_COMMAND_ERR_MAX - res->err_len;

	if (keep > n)
		keep = n;
	/* Most commands are silent on stderr; only those that are not pay. */
	if (res->err_len == 0 && keep > 0)
		res->err = tst_xrealloc(res->err, TST_COMMAND_ERR_MAX + 1);
	memcpy(res->err + res->err_len, buf, keep);
	res->err_len += keep;
	res->err[res->err_len] = '\0';
	res->err_dropped += n - keep;
}

/* Once a stop signal came, the command has STOP_GRACE_MS more to go. */
static void stop_requested(pid_t pid, long long *deadline, bool *passed_on)
{
	long long grace = now_ms() + STOP_GRACE_MS;

	if (!tst_stop_signal || *passed_on)
		return;
	*passed_on = true;
	kill(-pid, tst_stop_signal);
	if (*deadline < 0 || *deadline > grace)
		*deadline = grace;
}

/*
 * Reads stdout and stderr until both are at EOF (0) or the deadline passes
 * (-1).  Each wakeup reads at most one buffer from each pipe, so a command
 * flooding one of them cannot starve the other, nor hold off the deadline.
 */
static int drain(const struct tst_started *cmd, long long *deadline, tst_command_sink *sink, void *ctx,
		 struct tst_command_result *res)
{
	struct pollfd p[2] = { { cmd->out, POLLIN, 0 }, { cmd->err, POLLIN, 0 } };
	pid_t pid = cmd->pid;
	char buf[65536];
	bool passed_on = false;
	ssize_t r;
	int i, ms;

	while (p[0].fd >= 0 || p[1].fd >= 0) {
		stop_requested(pid, deadline, &passed_on);
		ms = wait_ms(*deadline);
		if (ms == 0)
			return -1;
		/*
		 * Besides EINTR, poll() fails only for want of kernel memory;
		 * a command we can no longer watch is killed, as at the
		 * deadline, rather than left blocked on a full pipe.
		 */
		if (poll(p, 2, ms) < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		for (i = 0; i < 2; i++) {
			if (p[i].fd < 0 || !p[i].revents)
				continue;
			r = read(p[i].fd, buf, sizeof(buf));
			if (r < 0 && errno == EINTR)
				continue;
			if (r <= 0)
				p[i].fd = -1;
			else if (i == 0)
				sink(ctx, buf, (size_t)r);
			else
				keep_err(res, buf, (size_t)r);
		}
	}
	return 0;
}

/*
 * Reaps pid into *status: 0 once reaped, -1 if the deadline passes first,
 * or the errno of a waitpid() that lost the child.  The pipes are at EOF
 * by now, yet the child may close them and carry on; with no portable way
 * to poll() for its exit, we look with WNOHANG, napping up to 10 ms.
 */
static int wait_child(pid_t pid, long long deadline, int *status)
{
	struct timespec nap = { 0, 0 };
	pid_t r;

	for (;;) {
		r = waitpid(pid, status, deadline < 0 ? 0 : WNOHANG);
		if (r == pid)
			return 0;
		if (r < 0 && errno != EINTR)
			return errno;
		if (r == 0) {
			if (wait_ms(deadline) == 0)
				return -1;
			nap.tv_nsec = nap.tv_nsec ? nap.tv_nsec * 2 : 100000;
			if (nap.tv_nsec > 10000000)
				nap.tv_nsec = 10000000;
			nanosleep(&nap, NULL);
		}
	}
}

/* Waits for the command's exit as wait_child does, here or through the launcher. */
static int wait_command(pid_t pid, long long deadline, int *status)
{
	return tst_launcher_active() ? tst_launcher_wait(pid, wait_ms(deadline), status)
				     : wait_child(pid, deadline, status);
}

/* Everything after a successful exec: read, wait, and judge. */
static void supervise(const struct tst_started *cmd, long long deadline, tst_command_sink *sink,
		      void *ctx, struct tst_command_result *res)
{
	int st = 0, r;

	r = drain(cmd, &deadline, sink, ctx, res);
	if (r == 0)
		r = wait_command(cmd->pid, deadline, &st);
	if (r < 0) {
		/* The child itself too, in case it left its group. */
		kill(-cmd->pid, SIGKILL);
		kill(cmd->pid, SIGKILL);
		wait_command(cmd->pid, -1, &st);
		res->outcome = TST_COMMAND_TIMED_OUT;
	} else if (r == 0 && WIFSIGNALED(st)) {
		res->outcome = TST_COMMAND_SIGNALED;
		res->status = WTERMSIG(st);
	} else {
		/* r > 0: someone else reaped it; its status is unknown. */
		res->outcome = TST_COMMAND_EXITED;
		res->status = r ? -1 : WEXITSTATUS(st);
	}
}

void tst_command_start(const char *const *argv, const char *root, struct tst_started *cmd)
{
	struct sigaction dfl;
	int fd[NFDS], i, st;
	pid_t pid;

	*cmd = (struct tst_started){.pid = -1, .out = -1, .err = -1};
	memset(&dfl, 0, sizeof(dfl));
	dfl.sa_handler = SIG_DFL;
	sigemptyset(&dfl.sa_mask);
	for (i = 0; i < NFDS; i++)
		fd[i] = -1;
	if (open_fds(fd) < 0 || (pid = fork()) < 0) {
		cmd->error = errno;
		goto out;
	}
	if (pid == 0)
		exec_child(argv, root, fd, &dfl);
	/* The child does this too; whichever is first, the group exists before it is signalled. */
	setpgid(pid, pid);
	close_fd(&fd[NUL_IN]);
	close_fd(&fd[OUT_W]);
	close_fd(&fd[ERR_W]);
	close_fd(&fd[EXEC_W]);
	cmd->error = exec_error(fd[EXEC_R]);
	if (cmd->error) {
		wait_child(pid, -1, &st);
		goto out;
	}
	cmd->pid = pid;
	cmd->out = fd[OUT_R];
	cmd->err = fd[ERR_R];
	fd[OUT_R] = fd[ERR_R] = -1;
out:
	for (i = 0; i < NFDS; i++)
		close_fd(&fd[i]);
}

void tst_command_run(const char *const *argv, const char *root, long timeout_ms, tst_command_sink *sink, void *ctx,
		     struct tst_command_result *res)
{
	struct sigaction dfl, old_chld;
	long long deadline = -1, now = now_ms();
	struct tst_started cmd;

	memset(res, 0, sizeof(*res));
	res->err = tst_xmemdup("", 0);
	if (timeout_ms > 0)
		deadline = timeout_ms < LLONG_MAX - now ? now + timeout_ms : LLONG_MAX;
	memset(&dfl, 0, sizeof(dfl));
	dfl.sa_handler = SIG_DFL;
	sigemptyset(&dfl.sa_mask);
	sigaction(SIGCHLD, &dfl, &old_chld);
	if (tst_launcher_active())
		tst_launcher_start(argv, root != NULL, &cmd);
	else
		tst_command_start(argv, root, &cmd);
	if (cmd.error) {
		res->outcome = TST_COMMAND_NOT_STARTED;
		res->status = cmd.error;
	} else {
		tst_command_group = cmd.pid;
		supervise(&cmd, deadline, sink, ctx, res);
		tst_command_group = 0;
		close_fd(&cmd.out);
		close_fd(&cmd.err);
	}
	sigaction(SIGCHLD, &old_chld, NULL);
}

void tst_command_result_free(struct tst_command_result *res)
{
	free(res->err);
	res->err = NULL;
	res->err_len = 0;
	res->err_dropped = 0;
}

const struct tst_command_ops tst_command_ops = {
	tst_capture_command, tst_command_result_free, tst_launcher_begin, tst_launcher_end,
};
