/*
 * command.h - run a `command` source's program without a shell.
 */
#ifndef TST_COMMAND_H
#define TST_COMMAND_H

#include <stddef.h>

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

#endif
