/*
 * --replay DIR: a run fed from a recording (capture.c describes it)
 * instead of the host.  The manifest is read whole when the run starts;
 * each file, glob and command is then looked up by what names it (the
 * path as it would be opened, --root included; the pattern and the root;
 * the argument vector and the chroot), the first time from its first
 * entry, the next time from the next (a file read twice may have changed
 * in between), and from the last once they are used up.  What the
 * recording does not hold is an error of the run, never a pass; data
 * whose SHA-256 is not its name is damaged, and an error too.
 */
#define _GNU_SOURCE     /* openat */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "file.h"
#include "replay.h"
#include "sha256.h"

enum { REPLAY_CHUNK = 65536 };

struct entry {
	char **f;                       /* its fields, unescaped */
	size_t nf;
	bool used;
};

static struct {
	char *text;                     /* the manifest, cut into fields in place */
	struct entry *v;
	size_t n;
	int datafd;
} rp = {.datafd = -1};

/* Why the last replay failed: apart from rp, whose -1 puts rp in the checker's file rather than in .bss. */
static char why[512];

const char *tst_replay_why(void)
{
	return why;
}

/* The whole of file name in directory fd, NUL-terminated; NULL with errno. */
static char *slurp(int fd, const char *name, size_t *len)
{
	int in = openat(fd, name, O_RDONLY | O_CLOEXEC);
	size_t cap = 1 << 16;
	char *buf;
	ssize_t got = 1;

	if (in < 0)
		return NULL;
	buf = tst_xmalloc(cap);
	*len = 0;
	while (got > 0) {
		if (*len + 1 == cap)
			buf = tst_xrealloc(buf, cap *= 2);
		got = tst_file_read(in, buf + *len, cap - *len - 1);
		*len += got > 0 ? (size_t)got : 0;
	}
	close(in);
	if (got < 0) {
		free(buf);
		return NULL;
	}
	buf[*len] = '\0';
	return buf;
}

/* Undoes the escapes of a field in place (capture.c writes them). */
static void unescape(char *s)
{
	char *o = s;

	for (; *s; s++) {
		if (*s == '\\' && s[1]) {
			s++;
			*o++ = *s == 't' ? '\t' : *s == 'n' ? '\n' : *s == 'r' ? '\r' : *s;
		} else {
			*o++ = *s;
		}
	}
	*o = '\0';
}

/* Cuts a line into its fields. */
static void add_entry(char *line)
{
	struct entry *e;

	rp.v = tst_xrealloc(rp.v, (rp.n + 1) * sizeof(*rp.v));
	e = &rp.v[rp.n++];
	*e = (struct entry){0};
	for (char *field = line;; field++) {
		char *tab = strchr(field, '\t');
		e->f = tst_xrealloc(e->f, (e->nf + 1) * sizeof(*e->f));
		e->f[e->nf++] = field;
		if (!tab)
			break;
		*tab = '\0';
		field = tab;
	}
	for (size_t i = 0; i < e->nf; i++)
		unescape(e->f[i]);
}

static bool is_digest(const char *s)
{
	return strlen(s) == 64 && strspn(s, "0123456789abcdef") == 64;
}

/* Whether s is a count as capture.c writes one: decimal digits, a '-' first when it may be negative. */
static bool is_number(const char *s, bool negative)
{
	s += negative && *s == '-';
	return *s && s[strspn(s, "0123456789")] == '\0';
}

/* An errno and its message, as put_errno writes them ("21 Is a directory"). */
static bool is_errno_detail(const char *s)
{
	size_t digits = strspn(s, "0123456789");
	return digits > 0 && s[0] != '0' && s[digits] == ' ';
}

static bool is_outcome(const char *s)
{
	return strcmp(s, "exited") == 0 || strcmp(s, "signaled") == 0 || strcmp(s, "timed-out") == 0 ||
	       strcmp(s, "not-started") == 0;
}

/*
 * Whether an entry has the fields its kind needs, its numbers numbers
 * (a glob's errno of -1 would read as "not recorded", a file's missing
 * errno as "Success"); the header's lines are let through.
 */
static bool well_formed(const struct entry *e)
{
	const char *k = e->f[0];

	if (strcmp(k, "file") == 0)
		return e->nf == 5 && (is_digest(e->f[1]) || strcmp(e->f[1], "-") == 0) &&
		       (strcmp(e->f[2], "ok") == 0 || strcmp(e->f[2], "stopped") == 0 ||
			((strcmp(e->f[2], "open-error") == 0 || strcmp(e->f[2], "read-error") == 0) &&
			 is_errno_detail(e->f[3])));
	if (strcmp(k, "glob") == 0)
		return e->nf >= 4 && is_number(e->f[1], false);
	if (strcmp(k, "command") == 0)
		return e->nf >= 8 && is_digest(e->f[1]) && is_digest(e->f[2]) && is_number(e->f[3], false) &&
		       is_outcome(e->f[4]) && is_number(e->f[5], true);
	return strcmp(k, "tstcc") == 0 || strcmp(k, "host") == 0 || strcmp(k, "time") == 0 ||
	       strcmp(k, "root") == 0 || strcmp(k, "definition") == 0;
}

void tst_replay_use_data(int datafd)
{
	rp.datafd = datafd;
}

const char *tst_replay_load(int dirfd)
{
	size_t len, line = 1;
	char *s, *nl;

	rp.text = slurp(dirfd, "manifest", &len);
	if (!rp.text) {
		snprintf(why, sizeof(why), "cannot read its manifest: %s", strerror(errno));
		return why;
	}
	if (strncmp(rp.text, "tstcc-recording\t1\n", 18) != 0 || memchr(rp.text, '\0', len))
		return "its manifest is not a tstcc recording of this version";
	for (s = rp.text + 18; *s; s = nl + 1) {
		line++;
		nl = strchr(s, '\n');
		if (!nl)
			break;
		*nl = '\0';
		add_entry(s);
		if (!well_formed(&rp.v[rp.n - 1])) {
			snprintf(why, sizeof(why), "its manifest is damaged at line %zu", line);
			return why;
		}
	}
	return *s ? "its manifest is cut short" : NULL;
}

void tst_replay_unload(void)
{
	for (size_t i = 0; i < rp.n; i++)
		free(rp.v[i].f);
	free(rp.v);
	free(rp.text);
	rp.v = NULL;
	rp.text = NULL;
	rp.n = 0;
}

/* Whether entry e's fields from `at` on are the strings of key (NULL-terminated), and no more. */
static bool key_is(const struct entry *e, size_t at, const char *const *key)
{
	size_t i = 0;

	for (; key[i]; i++)
		if (at + i >= e->nf || strcmp(e->f[at + i], key[i]) != 0)
			return false;
	return at + i == e->nf;
}

/*
 * The next entry of kind whose fields from `at` on are key (to the end
 * when whole, else only as many as key has); NULL, and why, when none is.
 */
static struct entry *next_entry(const char *kind, size_t at, const char *const *key, bool whole)
{
	struct entry *last = NULL;

	for (size_t i = 0; i < rp.n; i++) {
		struct entry *e = &rp.v[i];
		bool match = strcmp(e->f[0], kind) == 0;
		for (size_t k = 0; match && key[k]; k++)
			match = at + k < e->nf && strcmp(e->f[at + k], key[k]) == 0;
		if (!match || (whole && !key_is(e, at, key)))
			continue;
		if (!e->used) {
			e->used = true;
			return e;
		}
		last = e;
	}
	if (!last)
		snprintf(why, sizeof(why), "not in the recording %s", tst_capture_dir());
	return last;
}

/* Recorded data by its digest, checked; NULL and why when it is missing or damaged. */
static char *data(const char *digest, size_t *len)
{
	char *buf = slurp(rp.datafd, digest, len);
	char got[65];

	if (buf) {
		tst_sha256_hex(buf, *len, got);
		if (strcmp(got, digest) == 0)
			return buf;
		free(buf);
	}
	snprintf(why, sizeof(why), "the recording %s has lost its data/%s, or it is damaged", tst_capture_dir(),
		 digest);
	return NULL;
}

bool tst_replay_file(const char *full, struct tst_replayed_file *f)
{
	const char *key[] = {full, NULL};
	struct entry *e = next_entry("file", 4, key, true);

	*f = (struct tst_replayed_file){0};
	if (!e)
		return false;
	f->end = strcmp(e->f[2], "ok") == 0 ? TST_READ_OK : strcmp(e->f[2], "open-error") == 0 ? TST_READ_OPEN_ERROR
		 : strcmp(e->f[2], "read-error") == 0 ? TST_READ_ERROR : TST_READ_STOPPED;
	f->err = atoi(e->f[3]);
	f->why = e->f[3];
	if (f->end == TST_READ_OPEN_ERROR)
		return true;
	return (f->data = data(e->f[1], &f->len)) != NULL;
}

void tst_replayed_file_free(struct tst_replayed_file *f)
{
	free(f->data);
	*f = (struct tst_replayed_file){0};
}

int tst_replay_glob(const char *pattern, const char *root, struct tst_files *out)
{
	const char *key[] = {root ? root : "", pattern, NULL};
	struct entry *e = next_entry("glob", 2, key, false);

	if (!e)
		return TST_NOT_RECORDED;
	for (size_t i = 4; i < e->nf; i++) {
		if (out->n == out->cap) {
			out->cap = out->cap ? 2 * out->cap : 8;
			out->v = tst_xrealloc(out->v, out->cap * sizeof(*out->v));
		}
		out->v[out->n].shown = tst_xmemdup(e->f[i], strlen(e->f[i]));
		out->v[out->n].full = tst_under_root(root, e->f[i]);
		out->n++;
	}
	return atoi(e->f[1]);
}

bool tst_replay_command(const char *const *argv, const char *root, tst_command_sink *sink, void *ctx,
			struct tst_command_result *res)
{
	static const char *const outcomes[] = {"exited", "signaled", "timed-out", "not-started"};
	size_t n = 0, out_len, err_len;
	const char **key;
	struct entry *e;
	char *out, *err;

	while (argv[n])
		n++;
	key = tst_xcalloc(n + 2, sizeof(*key));
	key[0] = root ? root : "";
	memcpy(key + 1, argv, n * sizeof(*argv));
	e = next_entry("command", 6, key, true);
	free(key);
	memset(res, 0, sizeof(*res));
	res->err = tst_xmemdup("", 0);
	if (!e || !(out = data(e->f[1], &out_len)))
		return false;
	if (!(err = data(e->f[2], &err_len))) {
		free(out);
		return false;
	}
	for (size_t at = 0; at < out_len; at += REPLAY_CHUNK)
		sink(ctx, out + at, out_len - at < REPLAY_CHUNK ? out_len - at : REPLAY_CHUNK);
	free(out);
	free(res->err);
	res->err = err;
	res->err_len = err_len;
	res->err_dropped = strtoul(e->f[3], NULL, 10);
	for (size_t i = 0; i < 4; i++)
		if (strcmp(e->f[4], outcomes[i]) == 0)
			res->outcome = (enum tst_command_outcome)i;
	res->status = atoi(e->f[5]);
	return true;
}
