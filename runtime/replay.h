/* replay.h - the replaying half of capture.h, for capture.c. */
#ifndef TST_REPLAY_H
#define TST_REPLAY_H

#include "capture.h"

/* Reads the manifest of the recording open at dirfd; NULL, or why it cannot. */
const char *tst_replay_load(int dirfd);
/* Where the recording's data is. */
void tst_replay_use_data(int datafd);
void tst_replay_unload(void);
/* A glob's matches as recorded, into out; their errno, or TST_NOT_RECORDED. */
int tst_replay_glob(const char *pattern, const char *root, struct tst_files *out);
/* A command as recorded: its output to sink, its status into res; false: not recorded. */
bool tst_replay_command(const char *const *argv, const char *root, tst_command_sink *sink, void *ctx,
			struct tst_command_result *res);

#endif
