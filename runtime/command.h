/*
 * command.h - run a `command` source's program without a shell.
 */
#ifndef TST_COMMAND_H
#define TST_COMMAND_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "tst.h"

enum tst_command_outcome {
	TST_COMMAND_EXITED,     /* exited; see status (0 = success) */
	TST_COMMAND_SIGNALED,   /* killed by signal `status` */
	TST_COMMAND_TIMED_OUT,  /* ran past the time limit; it and its children were killed */
	TST_COMMAND_NOT_STARTED /* could not be started; `status` is the errno (e.g. ENOENT) */
};

struct tst_command_result {
	enum tst_command_outcome outcome;
	int status;
	char *err;            /* what it wrote on stderr, NUL-terminated, at most TST_COMMAND_ERR_MAX bytes kept */
	size_t err_len;
	size_t err_dropped;   /* stderr bytes beyond the cap, counted but not kept */
};

#define TST_COMMAND_ERR_MAX 65536

/* A command started in a process group of its own (pid), or why it was not (error, an errno). */
struct tst_started {
	pid_t pid;
	int out, err;           /* the read ends of its stdout and stderr */
	int error;
};

/* Forks and execs argv, chrooted into root unless it is NULL (see tst_command_run). */
void tst_command_start(const char *const *argv, const char *root, struct tst_started *cmd);

/* launcher.c: commands run by a process outside the checker's sandbox */

/* Forks the launcher, which will run the definitions' commands; false if it could not. */
bool tst_launcher_begin(const struct tst_definition *defs, size_t ndefs, const char *root);
/* Lets the launcher go and reaps it. */
void tst_launcher_end(void);
/* Whether a launcher runs the commands. */
bool tst_launcher_active(void);
/* Starts argv, which must be a command source of the definitions, through the launcher (in root if chroot). */
void tst_launcher_start(const char *const *argv, bool chroot, struct tst_started *cmd);
/* Waits for pid's exit through the launcher: 0 and *status, -1 after ms (-1: no limit), or an errno. */
int tst_launcher_wait(pid_t pid, int ms, int *status);

/* Called with each chunk of stdout as it arrives, in order. */
typedef void tst_command_sink(void *ctx, const char *buf, size_t n);

/*
 * Runs argv (argv[0] looked up in PATH as execvp does, no shell), chrooted
 * into root unless it is NULL, streaming stdout to sink and collecting
 * stderr; timeout_ms <= 0 means none.
 */
void tst_command_run(const char *const *argv, const char *root, long timeout_ms, tst_command_sink *sink, void *ctx,
		     struct tst_command_result *res);
/* Frees what tst_command_run put in *res. */
void tst_command_result_free(struct tst_command_result *res);

/* The command part (tst.h): tst_capture_command, and the launcher. */
struct tst_command_ops {
	bool (*run)(const char *const *argv, const char *root, long timeout_ms, tst_command_sink *sink, void *ctx,
		    struct tst_command_result *res);
	void (*result_free)(struct tst_command_result *res);
	bool (*launcher_begin)(const struct tst_definition *defs, size_t ndefs, const char *root);
	void (*launcher_end)(void);
};

#endif
