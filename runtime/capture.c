/*
 * --record DIR: everything a run reads from the host, kept so that a
 * later run (--replay DIR, replay.c) reads it instead.  DIR holds
 *
 *   data/SHA256   each file's bytes and each command's standard output and
 *                 standard error, named by their SHA-256 (so a file read
 *                 twice, or by two hosts' recordings merged, is kept once)
 *   manifest      one line per thing read, in the order it was read, and a
 *                 header: tstcc's version, the host's name, the time the
 *                 run started (UTC), --root, each definition's SHA-256
 *
 * A line of the manifest is fields separated by tabs, with backslash,
 * tab, newline and carriage return written \\ \t \n \r; the first field
 * says what the line is:
 *
 *   file     SHA256|-  ok|open-error|read-error|stopped  DETAIL  PATH
 *   glob     ERRNO  ROOT  PATTERN  MATCH...
 *   command  STDOUT-SHA256  STDERR-SHA256  STDERR-BYTES-DROPPED
 *            exited|signaled|timed-out|not-started  STATUS  CHROOT  ARG...
 *
 * (DETAIL: the errno and its message for an error, the reason for a
 * stop; PATH under --root; ROOT and CHROOT empty when there is none; a
 * glob's MATCHes as the definition would write them.)  What is recorded is
 * what the run saw, errors and time limits included, so that replaying it
 * gives the same report.  Files are written beside their names and renamed
 * into place; the manifest last, so a recording cut short has none.  A
 * recording holds what the checker could read, /etc/shadow and values that
 * `sensitive` keeps out of reports included, so only its owner may read it.
 */
#define _GNU_SOURCE     /* renameat */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "capture.h"
#include "replay.h"
#include "sha256.h"

static struct {
	enum tst_capture_mode mode;
	const char *dir;
	int datafd;                     /* DIR/data */
	int dirfd;
	FILE *lines;                    /* the manifest's entries, in memory until the end */
	char *text;
	size_t len;
	int error;                      /* the first write that failed, or 0 */
	unsigned temps;
	char started[32];               /* the time the run started, for the manifest */
} cap = {.datafd = -1, .dirfd = -1};

struct tst_recorder {
	int fd;
	char temp[64];
	struct tst_sha256 sha;
};

enum tst_capture_mode tst_capture_mode(void)
{
	return cap.mode;
}

const char *tst_capture_dir(void)
{
	return cap.dir;
}

static void failed(int err)
{
	if (!cap.error)
		cap.error = err;
}

/* Writes one field, escaped, with a tab before it. */
static void put(FILE *f, const char *s)
{
	putc('\t', f);
	for (; *s; s++) {
		switch (*s) {
		case '\\':
			fputs("\\\\", f);
			break;
		case '\t':
			fputs("\\t", f);
			break;
		case '\n':
			fputs("\\n", f);
			break;
		case '\r':
			fputs("\\r", f);
			break;
		default:
			putc(*s, f);
		}
	}
}

/* Why an open or a mkdir failed, as a message. */
static const char *cannot(const char *what)
{
	static char why[160];

	snprintf(why, sizeof(why), "cannot %s: %s", what, strerror(errno));
	return why;
}

static const char *open_dir(const char *dir, bool make)
{
	if (make && mkdir(dir, 0700) != 0 && errno != EEXIST)
		return cannot("make the directory");
	cap.dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (cap.dirfd < 0)
		return cannot("open the directory");
	if (make && mkdirat(cap.dirfd, "data", 0700) != 0 && errno != EEXIST)
		return cannot("make its data directory");
	return NULL;
}

static const char *open_data(void)
{
	cap.datafd = openat(cap.dirfd, "data", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	return cap.datafd < 0 ? cannot("open its data directory") : NULL;
}

/* Closes what begin opened; nothing is recorded or replayed. */
static void close_dirs(void)
{
	if (cap.datafd >= 0)
		close(cap.datafd);
	if (cap.dirfd >= 0)
		close(cap.dirfd);
	cap.datafd = cap.dirfd = -1;
	cap.mode = TST_CAPTURE_OFF;
}

/*
 * The time the run started, in UTC, as strftime's "%Y-%m-%dT%H:%M:%SZ"
 * would write it: strftime would bring a static checker the C library's
 * time zone code (about 7 KiB with musl), which UTC never needs.
 */
static void note_started(time_t now)
{
	struct tm tm;
	int n = -1;

	if (gmtime_r(&now, &tm))
		n = snprintf(cap.started, sizeof(cap.started), "%04d-%02d-%02dT%02d:%02d:%02dZ", tm.tm_year + 1900,
			     tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
	if (n < 0 || (size_t)n >= sizeof(cap.started))
		strcpy(cap.started, "unknown");
}

const char *tst_capture_begin(enum tst_capture_mode mode, const char *dir)
{
	time_t now = time(NULL);
	const char *why;

	cap.dir = dir;
	why = open_dir(dir, mode == TST_CAPTURE_RECORD);
	/* A directory that is no recording is told by its manifest first. */
	if (!why && mode == TST_CAPTURE_REPLAY)
		why = tst_replay_load(cap.dirfd);
	if (!why && !(why = open_data()) && mode == TST_CAPTURE_REPLAY)
		tst_replay_use_data(cap.datafd);
	if (why) {
		if (mode == TST_CAPTURE_REPLAY)
			tst_replay_unload();
		close_dirs();
		return why;
	}
	cap.mode = mode;
	if (mode == TST_CAPTURE_REPLAY)
		return NULL;
	note_started(now);
	cap.lines = open_memstream(&cap.text, &cap.len);
	if (!cap.lines)
		tst_out_of_memory();
	return NULL;
}

/* Writes len bytes of text to a new file name in directory fd, or notes why it could not. */
static void write_file(int fd, const char *name, const char *text, size_t len)
{
	char temp[64];
	int out;

	snprintf(temp, sizeof(temp), ".%s.tstcc-%ld", name, (long)getpid());
	out = openat(fd, temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (out < 0) {
		failed(errno);
		return;
	}
	for (size_t done = 0; done < len;) {
		ssize_t w = write(out, text + done, len - done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0) {
			failed(errno);
			break;
		}
		done += (size_t)w;
	}
	if (close(out) != 0)
		failed(errno);
	if (cap.error || renameat(fd, temp, fd, name) != 0) {
		failed(errno);
		unlinkat(fd, temp, 0);
	}
}

/* The manifest's header, then its entries. */
static void write_manifest(const struct tst_definition *defs, size_t ndefs, const char *root)
{
	char host[256] = "unknown", *text;
	size_t len;
	FILE *f = open_memstream(&text, &len);

	if (!f || fclose(cap.lines) != 0)
		tst_out_of_memory();
	gethostname(host, sizeof(host) - 1);
	fputs("tstcc-recording\t1\ntstcc\t" TST_VERSION "\nhost", f);
	put(f, host);
	fprintf(f, "\ntime\t%s\n", cap.started);
	if (root) {
		fputs("root", f);
		put(f, root);
		putc('\n', f);
	}
	for (size_t d = 0; d < ndefs; d++) {
		fprintf(f, "definition\t%s", defs[d].sha256);
		put(f, defs[d].name);
		putc('\n', f);
	}
	fwrite(cap.text, 1, cap.len, f);
	if (fclose(f) != 0)
		tst_out_of_memory();
	write_file(cap.dirfd, "manifest", text, len);
	free(text);
	free(cap.text);
}

bool tst_capture_end(const struct tst_definition *defs, size_t ndefs, const char *root)
{
	if (cap.mode == TST_CAPTURE_RECORD)
		write_manifest(defs, ndefs, root);
	if (cap.mode == TST_CAPTURE_REPLAY)
		tst_replay_unload();
	close_dirs();
	errno = cap.error;
	return cap.error == 0;
}

struct tst_recorder *tst_record_begin(void)
{
	struct tst_recorder *r;

	if (cap.mode != TST_CAPTURE_RECORD)
		return NULL;
	r = tst_xmalloc(sizeof(*r));
	tst_sha256_init(&r->sha);
	snprintf(r->temp, sizeof(r->temp), ".new.tstcc-%ld-%u", (long)getpid(), cap.temps++);
	r->fd = openat(cap.datafd, r->temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (r->fd < 0)
		failed(errno);
	return r;
}

void tst_record_bytes(struct tst_recorder *r, const void *buf, size_t n)
{
	const char *p = buf;

	if (!r)
		return;
	tst_sha256_update(&r->sha, buf, n);
	while (n && r->fd >= 0) {
		ssize_t w = write(r->fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0) {
			failed(errno);
			close(r->fd);
			r->fd = -1;
			break;
		}
		p += w;
		n -= (size_t)w;
	}
}

/* Names the recorded bytes by their digest (into sha) and frees r. */
static void record_finish(struct tst_recorder *r, char sha[65])
{
	tst_sha256_hex_final(&r->sha, sha);
	if (r->fd >= 0) {
		if (close(r->fd) != 0 || renameat(cap.datafd, r->temp, cap.datafd, sha) != 0) {
			failed(errno);
			unlinkat(cap.datafd, r->temp, 0);
		}
	}
	free(r);
}

/* An errno as a manifest's DETAIL: its number, then what it means. */
static void put_errno(FILE *f, int err)
{
	char detail[160];

	snprintf(detail, sizeof(detail), "%d %s", err, strerror(err));
	put(f, detail);
}

void tst_record_file(struct tst_recorder *r, const char *full, enum tst_read_end end, int err, const char *why)
{
	static const char *const ends[] = {"ok", "open-error", "read-error", "stopped"};
	char sha[65] = "-";

	if (!r)
		return;
	if (end == TST_READ_OPEN_ERROR) {
		if (r->fd >= 0)
			close(r->fd);
		unlinkat(cap.datafd, r->temp, 0);
		free(r);
	} else {
		record_finish(r, sha);
	}
	fprintf(cap.lines, "file\t%s\t%s", sha, ends[end]);
	if (end == TST_READ_OPEN_ERROR || end == TST_READ_ERROR)
		put_errno(cap.lines, err);
	else
		put(cap.lines, end == TST_READ_STOPPED ? why : "");
	put(cap.lines, full);
	putc('\n', cap.lines);
}

int tst_capture_expand(const char *pattern, const char *root, struct tst_files *out)
{
	size_t first = out->n;
	int err;

	if (cap.mode == TST_CAPTURE_REPLAY && tst_pattern_is_glob(pattern))
		return tst_replay_glob(pattern, root, out);
	err = tst_files_expand(pattern, root, out);
	if (cap.mode != TST_CAPTURE_RECORD || !tst_pattern_is_glob(pattern))
		return err;
	fprintf(cap.lines, "glob\t%d", err);
	put(cap.lines, root ? root : "");
	put(cap.lines, pattern);
	for (size_t i = first; i < out->n; i++)
		put(cap.lines, out->v[i].shown);
	putc('\n', cap.lines);
	return err;
}

/* A command's standard output on its way to the pass, recorded. */
struct tee {
	tst_command_sink *sink;
	void *ctx;
	struct tst_recorder *rec;
};

static void tee_sink(void *ctx, const char *buf, size_t n)
{
	struct tee *t = ctx;

	tst_record_bytes(t->rec, buf, n);
	t->sink(t->ctx, buf, n);
}

static void record_command(struct tst_recorder *out, const char *const *argv, const char *root,
			   const struct tst_command_result *res)
{
	static const char *const outcomes[] = {"exited", "signaled", "timed-out", "not-started"};
	struct tst_recorder *err = tst_record_begin();
	char out_sha[65], err_sha[65];

	record_finish(out, out_sha);
	tst_record_bytes(err, res->err, res->err_len);
	record_finish(err, err_sha);
	fprintf(cap.lines, "command\t%s\t%s\t%zu\t%s\t%d", out_sha, err_sha, res->err_dropped, outcomes[res->outcome],
		res->status);
	put(cap.lines, root ? root : "");
	for (size_t i = 0; argv[i]; i++)
		put(cap.lines, argv[i]);
	putc('\n', cap.lines);
}

bool tst_capture_command(const char *const *argv, const char *root, long timeout_ms, tst_command_sink *sink,
			 void *ctx, struct tst_command_result *res)
{
	struct tee t = {sink, ctx, NULL};

	if (cap.mode == TST_CAPTURE_REPLAY)
		return tst_replay_command(argv, root, sink, ctx, res);
	if (cap.mode == TST_CAPTURE_OFF) {
		tst_command_run(argv, root, timeout_ms, sink, ctx, res);
		return true;
	}
	t.rec = tst_record_begin();
	tst_command_run(argv, root, timeout_ms, tee_sink, &t, res);
	record_command(t.rec, argv, root, res);
	return true;
}
