/*
 * capture.h - --record DIR and --replay DIR: what a run read from the
 * host (every file's bytes, every glob's matches, every command's output
 * and status) saved to a directory, and a later run fed from it instead.
 */
#ifndef TST_CAPTURE_H
#define TST_CAPTURE_H

#include <stdbool.h>
#include <stddef.h>

#include "command.h"
#include "internal.h"

enum tst_capture_mode { TST_CAPTURE_OFF, TST_CAPTURE_RECORD, TST_CAPTURE_REPLAY };

/* How reading a file ended. */
enum tst_read_end {
	TST_READ_OK,                    /* at its end */
	TST_READ_OPEN_ERROR,            /* it could not be opened (err) */
	TST_READ_ERROR,                 /* read(2) failed (err) after the bytes kept */
	TST_READ_STOPPED                /* a time limit or a stop signal cut it (why) */
};

/* A glob, a file or a command that a replay's recording does not hold. */
#define TST_NOT_RECORDED (-1)

/* Starts recording into dir (made if missing) or replaying from it; NULL, or why it cannot. */
const char *tst_capture_begin(enum tst_capture_mode mode, const char *dir);
/* Ends: a recording writes its manifest; false when the recording could not be written whole (errno). */
bool tst_capture_end(const struct tst_definition *defs, size_t ndefs, const char *root);
enum tst_capture_mode tst_capture_mode(void);
/* The directory recorded to or replayed from. */
const char *tst_capture_dir(void);

/* Recording one file: its bytes as they are read, then how reading ended. */
struct tst_recorder;
/* A recorder for the next file, or NULL when not recording. */
struct tst_recorder *tst_record_begin(void);
void tst_record_bytes(struct tst_recorder *r, const void *buf, size_t n);
/* Adds the file at full to the recording (why: TST_READ_STOPPED's reason) and frees r. */
void tst_record_file(struct tst_recorder *r, const char *full, enum tst_read_end end, int err, const char *why);

/* A file as recorded. */
struct tst_replayed_file {
	enum tst_read_end end;
	int err;
	const char *why;               /* TST_READ_STOPPED: the reason, in the manifest */
	char *data;
	size_t len;
};
/*
 * The recording of the file at full (the next time, the next one, if it
 * was read more than once); false: none, and tst_replay_why says why.
 */
bool tst_replay_file(const char *full, struct tst_replayed_file *f);
void tst_replayed_file_free(struct tst_replayed_file *f);
/* Why the last glob, file or command could not be replayed. */
const char *tst_replay_why(void);

/* tst_files_expand, recorded or replayed (TST_NOT_RECORDED: not in the recording). */
int tst_capture_expand(const char *pattern, const char *root, struct tst_files *out);
/* tst_command_run, recorded or replayed; false: not in the recording. */
bool tst_capture_command(const char *const *argv, const char *root, long timeout_ms, tst_command_sink *sink,
			 void *ctx, struct tst_command_result *res);

#endif
