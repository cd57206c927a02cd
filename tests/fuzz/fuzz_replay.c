/*
 * libFuzzer harness over --replay's manifest: the input is a recording's
 * manifest, beside a data directory holding one good blob and one whose
 * name is not its digest.  Loading it and then asking it for files, globs
 * and commands must give an answer or an error, never a crash or a leak:
 * a recording is read from disk, and a disk can hold anything.
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "capture.h"
#include "internal.h"
#include "sha256.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A name that looks like a digest but is not that of its bytes. */
#define BAD "0000000000000000000000000000000000000000000000000000000000000000"

static char dir[] = "/tmp/tstcc-fuzz-replay-XXXXXX";

static void put_file(const char *name, const void *bytes, size_t n)
{
	char path[128];
	int fd;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0 || write(fd, bytes, n) != (ssize_t)n || close(fd) != 0)
		abort();
}

static void setup(void)
{
	char good[65], path[128];

	if (!mkdtemp(dir))
		abort();
	snprintf(path, sizeof(path), "%s/data", dir);
	if (mkdir(path, 0700) != 0)
		abort();
	tst_sha256_hex("x\n", 2, good);
	snprintf(path, sizeof(path), "data/%s", good);
	put_file(path, "x\n", 2);
	put_file("data/" BAD, "y\n", 2);
}

static void sink(void *ctx, const char *buf, size_t n)
{
	(void)buf;
	*(size_t *)ctx += n;
}

static void ask(void)
{
	static const char *const argvs[][3] = {{"a", NULL}, {"a", "b", NULL}, {"", NULL}};
	static const char *const paths[] = {"a", "", "/etc/x", "a\tb"};
	static const char *const globs[] = {"*", "/etc/*.conf", "a/[x"};
	struct tst_replayed_file f;
	size_t got = 0;

	for (int round = 0; round < 2; round++) {
		for (size_t i = 0; i < sizeof(paths) / sizeof(*paths); i++) {
			tst_replay_file(paths[i], &f);
			tst_replayed_file_free(&f);
		}
		for (size_t i = 0; i < sizeof(globs) / sizeof(*globs); i++) {
			struct tst_files files = {0};
			tst_capture_expand(globs[i], round ? "/r" : NULL, &files);
			tst_files_free(&files);
		}
		for (size_t i = 0; i < sizeof(argvs) / sizeof(*argvs); i++) {
			struct tst_command_result res;
			tst_capture_command(argvs[i], round ? "/r" : NULL, 1000, sink, &got, &res);
			tst_command_result_free(&res);
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static bool ready;

	if (!ready)
		setup();
	ready = true;
	put_file("manifest", data, size);
	if (tst_capture_begin(TST_CAPTURE_REPLAY, dir) == NULL) {
		ask();
		tst_capture_end(NULL, 0, NULL);
	}
	return 0;
}
