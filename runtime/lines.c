/*
 * Cutting a byte stream into lines without holding more than one line.
 *
 * Bytes land at the end of one buffer; every complete line in it is handed
 * on in place (its terminator overwritten by a NUL, so regexec can use it),
 * and the unfinished tail moves to the front.  The buffer only grows for a
 * line longer than it.
 *
 * Files end lines at \n, \r\n or \r, like Java's BufferedReader.  Command
 * output is split at \n only, and empty lines at its end are dropped (the
 * original split it with String.split), so they are held back until a
 * non-empty line shows they were not trailing.
 *
 * A line longer than TST_LINE_MAX (a file with no line ends, /dev/zero) is
 * dropped rather than held: memory stays bounded, and the caller reports it.
 *
 * A skimmer (skim.c) may take whole runs of lines before they are cut
 * one by one: what it takes never reaches fn.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

enum { CHUNK = 256 * 1024 };

void tst_lines_init(struct tst_lines *l, enum tst_eol eol, tst_line_fn *fn, void *ctx)
{
	*l = (struct tst_lines){.eol = eol, .fn = fn, .ctx = ctx};
}

char *tst_lines_space(struct tst_lines *l, size_t want, size_t *avail)
{
	if (l->len >= TST_LINE_MAX) {
		/* Drop the overlong line's bytes so far; the rest go up to its end. */
		if (!l->skipping)
			l->too_long++;
		l->skipping = true;
		l->len = 0;
	}
	if (want < CHUNK)
		want = CHUNK;
	if (l->cap - l->len < want + 1) {
		while (l->cap - l->len < want + 1)
			l->cap = l->cap ? 2 * l->cap : want + 1;
		l->buf = tst_xrealloc(l->buf, l->cap);
	}
	*avail = l->cap - l->len - 1;
	return l->buf + l->len;
}

static void deliver(struct tst_lines *l, char *line, size_t n)
{
	if (l->skipping) {
		l->skipping = false;
		return;
	}
	if (l->eol == TST_EOL_LF_TRIM) {
		if (n == 0) {
			l->pending_empty++;
			return;
		}
		for (; l->pending_empty; l->pending_empty--) {
			char empty[1] = "";
			l->fn(l->ctx, empty, 0);
		}
	}
	line[n] = '\0';
	l->fn(l->ctx, line, n);
}

/*
 * Finds the end of the line at s; *next is where the following one
 * starts.  cr says whether [s, end) may hold a \r at all: most files hold
 * none, and then one memchr a line is enough.
 */
static char *line_end(const struct tst_lines *l, char *s, char *end, bool cr, char **next)
{
	char *lf = memchr(s, '\n', (size_t)(end - s));

	if (l->eol == TST_EOL_ANY && cr) {
		char *r = memchr(s, '\r', (size_t)((lf ? lf : end) - s));
		if (r) {
			*next = r + 1;
			if (r + 1 < end && r[1] == '\n')
				*next = r + 2;
			return r;
		}
	}
	if (lf)
		*next = lf + 1;
	return lf;
}

void tst_lines_commit(struct tst_lines *l, size_t n)
{
	char *line = l->buf, *end = l->buf + l->len + n;
	/* The unfinished line already held has no terminator: scan only the new bytes. */
	char *scan = l->buf + l->len;
	bool cr = l->eol == TST_EOL_ANY && memchr(scan, '\r', n);

	if (l->skip_lf && n) {
		l->skip_lf = false;
		if (*scan == '\n') {
			memmove(scan, scan + 1, n - 1);
			end--;
		}
	}
	for (;;) {
		char *next, *e;
		/*
		 * Lines the skimmer takes end in \n alone (not here when the
		 * bytes hold a \r), are none of an overlong line's, and come
		 * after no held empty line.
		 */
		if (l->skim && !cr && !l->skipping && !l->pending_empty) {
			size_t k = l->skim(l->ctx, line, (size_t)(end - line));
			if (k)
				line = scan = line + k;
		}
		e = line_end(l, scan, end, cr, &next);
		if (!e)
			break;
		if (*e == '\r' && e + 1 == end)
			l->skip_lf = true;
		deliver(l, line, (size_t)(e - line));
		line = scan = next;
	}
	l->len = (size_t)(end - line);
	if (line != l->buf)
		memmove(l->buf, line, l->len);
}

void tst_lines_feed(struct tst_lines *l, const char *s, size_t n)
{
	while (n) {
		size_t avail;
		char *dst = tst_lines_space(l, n, &avail);
		size_t k = n < avail ? n : avail;
		memcpy(dst, s, k);
		tst_lines_commit(l, k);
		s += k;
		n -= k;
	}
}

void tst_lines_finish(struct tst_lines *l, bool last_line)
{
	if (l->len && last_line) {
		if (!l->buf)
			l->buf = tst_xmalloc(1);
		deliver(l, l->buf, l->len);
	}
	free(l->buf);
	l->buf = NULL;
	l->len = l->cap = 0;
}
