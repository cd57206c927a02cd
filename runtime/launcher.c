/*
 * The launcher: the process that runs a sandboxed checker's commands.
 *
 * A checker confines itself (sandbox.c) to reading the files it lists and
 * writing its reports, and a confinement holds for every process it
 * starts.  The commands it lists must run as they would without it (sudo,
 * a shell script, netstat reading /proc), so before it confines itself the
 * checker forks this launcher, which stays outside.  The launcher runs a
 * command only when asked for one of the checker's own command sources, by
 * the address of its argument vector in the tables both processes share
 * from the fork, so a confined checker can make it run nothing else.
 *
 * One request at a time, over a socket pair that keeps message bounds:
 * the checker asks (argv, chroot or not); the launcher starts the command
 * (command.c), answers with its pid, or why it did not start, and passes
 * the read ends of its stdout and stderr; when the command has exited the
 * launcher sends its wait status.  The checker reads the pipes, kills the
 * command's group itself at a time limit, and waits for that status.  When
 * the checker closes its end, the launcher exits.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "command.h"
#include "internal.h"

struct request {
	const char *const *argv;
	int chroot;
};

struct reply {
	pid_t pid;
	int error;
};

struct exited {
	pid_t pid;
	int status;
};

static int sock = -1;
static pid_t launcher;

bool tst_launcher_active(void)
{
	return sock >= 0;
}

/* Whether argv is the argument vector of one of the definitions' command sources. */
static bool listed(const struct tst_definition *defs, size_t ndefs, const char *const *argv)
{
	for (size_t d = 0; d < ndefs; d++)
		for (size_t s = 0; s < defs[d].nsources; s++)
			if (defs[d].sources[s]->argv && defs[d].sources[s]->argv == argv)
				return true;
	return false;
}

/* Sends the reply, with the command's two pipes when it started. */
static void send_reply(int fd, const struct tst_started *cmd)
{
	struct reply r = {cmd->pid, cmd->error};
	struct iovec iov = {&r, sizeof(r)};
	union {
		char buf[CMSG_SPACE(2 * sizeof(int))];
		struct cmsghdr align;
	} u;
	struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1};
	int fds[2] = {cmd->out, cmd->err};

	if (!cmd->error) {
		memset(&u, 0, sizeof(u));
		msg.msg_control = u.buf;
		msg.msg_controllen = sizeof(u.buf);
		struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
		c->cmsg_level = SOL_SOCKET;
		c->cmsg_type = SCM_RIGHTS;
		c->cmsg_len = CMSG_LEN(sizeof(fds));
		memcpy(CMSG_DATA(c), fds, sizeof(fds));
	}
	while (sendmsg(fd, &msg, 0) < 0 && errno == EINTR)
		;
}

static _Noreturn void serve(int fd, const struct tst_definition *defs, size_t ndefs, const char *root)
{
	struct request rq;
	struct tst_started cmd;
	struct exited ex;
	ssize_t n;

	for (;;) {
		do
			n = recv(fd, &rq, sizeof(rq), 0);
		while (n < 0 && errno == EINTR);
		if (n != (ssize_t)sizeof(rq))
			_exit(0);
		if (listed(defs, ndefs, rq.argv))
			tst_command_start(rq.argv, rq.chroot ? root : NULL, &cmd);
		else
			cmd = (struct tst_started){.pid = -1, .out = -1, .err = -1, .error = EPERM};
		send_reply(fd, &cmd);
		if (cmd.error)
			continue;
		close(cmd.out);
		close(cmd.err);
		ex.pid = cmd.pid;
		while (waitpid(cmd.pid, &ex.status, 0) < 0 && errno == EINTR)
			;
		while (send(fd, &ex, sizeof(ex), 0) < 0 && errno == EINTR)
			;
	}
}

bool tst_launcher_begin(const struct tst_definition *defs, size_t ndefs, const char *root)
{
	int sv[2];

	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) < 0)
		return false;
	launcher = fork();
	if (launcher < 0) {
		close(sv[0]);
		close(sv[1]);
		return false;
	}
	if (launcher == 0) {
		/* The checker decides when its commands stop; a ^C to the terminal must not kill this. */
		signal(SIGINT, SIG_IGN);
		signal(SIGTERM, SIG_IGN);
		signal(SIGHUP, SIG_IGN);
		signal(SIGCHLD, SIG_DFL);
		close(sv[0]);
		serve(sv[1], defs, ndefs, root);
	}
	close(sv[1]);
	sock = sv[0];
	return true;
}

void tst_launcher_end(void)
{
	if (sock < 0)
		return;
	close(sock);
	sock = -1;
	while (waitpid(launcher, NULL, 0) < 0 && errno == EINTR)
		;
}

void tst_launcher_start(const char *const *argv, bool chroot, struct tst_started *cmd)
{
	struct request rq;
	struct reply r;
	struct iovec iov = {&r, sizeof(r)};
	union {
		char buf[CMSG_SPACE(2 * sizeof(int))];
		struct cmsghdr align;
	} u;
	struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = u.buf, .msg_controllen = sizeof(u.buf)};
	struct cmsghdr *c;
	ssize_t n;

	*cmd = (struct tst_started){.pid = -1, .out = -1, .err = -1, .error = ECHILD};
	memset(&rq, 0, sizeof(rq));     /* no stray bytes in its padding */
	rq.argv = argv;
	rq.chroot = chroot;
	while (send(sock, &rq, sizeof(rq), 0) < 0)
		if (errno != EINTR)
			return;
	do
		n = recvmsg(sock, &msg, MSG_CMSG_CLOEXEC);
	while (n < 0 && errno == EINTR);
	if (n != (ssize_t)sizeof(r))
		return;
	cmd->error = r.error;
	if (r.error)
		return;
	c = CMSG_FIRSTHDR(&msg);
	if (!c || c->cmsg_type != SCM_RIGHTS || c->cmsg_len != CMSG_LEN(2 * sizeof(int))) {
		cmd->error = EPROTO;
		return;
	}
	int fds[2];
	memcpy(fds, CMSG_DATA(c), sizeof(fds));
	cmd->pid = r.pid;
	cmd->out = fds[0];
	cmd->err = fds[1];
}

int tst_launcher_wait(pid_t pid, int ms, int *status)
{
	struct pollfd p = {sock, POLLIN, 0};
	struct exited ex;
	ssize_t n;
	int r;

	do
		r = poll(&p, 1, ms);
	while (r < 0 && errno == EINTR);
	if (r == 0)
		return -1;
	do
		n = recv(sock, &ex, sizeof(ex), 0);
	while (n < 0 && errno == EINTR);
	if (n != (ssize_t)sizeof(ex) || ex.pid != pid)
		return ECHILD;
	*status = ex.status;
	return 0;
}
