/*
 * One pass over one source: its bytes become lines (lines.c), lines become
 * rows of sections (row.c, the header and footer patterns), and each row
 * meets the source's queries (lookup.c).  Nothing of a row outlives it but
 * the values that queries keep and the per-section row counts, so a source
 * of any size is read in memory proportional to its longest line (or row,
 * when continuation lines join several lines into one).
 */
#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ascii.h"
#include "capture.h"
#include "command.h"
#include "file.h"
#include "internal.h"

#define NO_SECTION ((size_t)-1)

enum { READ_CHUNK = 256 * 1024, HEAD_LINES = 3 };

struct pass {
	const struct tst_source *src;
	const struct tst_parse *parse;
	struct tst_answers *answers;
	struct tst_tokenizer tokens;    /* tokenized rows and keyvalue values */
	regex_t header, footer;
	bool has_header, has_footer;
	struct tst_lookup lookup;
	struct tst_prefilter filter;    /* the fast path (prefilter.c) in front of lookup */
	struct tst_skimmer skim;        /* the faster path (skim.c) in front of on_line */
	struct tst_fields row;
	regmatch_t *match;              /* header_group + 1 subexpressions */
	size_t seplen;                  /* of the key separator */
	unsigned comments;              /* TST_COMMENT_* styles */
	const char *line;               /* the line ps->row was cut from */
	size_t line_len;
	bool extended;                  /* inline_comment, continuation_lines or blocks is set */
	bool has_blocks;
	struct tst_block_reader blocks;
	size_t lineno;                  /* lines handed to on_line from the current file */
	const struct tst_lines *lines;  /* the current file's, for the lines it dropped */
	const char *file_shown;         /* the current file, or NULL: a command's output */
	size_t joined_line;             /* where the row being joined began */
	/* io->row: where each row comes from, for a snapshot */
	size_t row_lineno;              /* the line the row being taken began on */
	struct tst_str *names;          /* every section named, which is section index i + 1 */
	size_t nnames;
	size_t marklen;                 /* of the inline comment mark */
	/* continuation_lines: the row being read, until a line shows whether it goes on */
	char *joined;
	size_t joined_len, joined_cap;
	size_t joined_section;          /* the section it is a row of */
	bool pending;                   /* joined holds a row */
	bool joined_sep;                /* keyvalue: the key separator is in it */
	bool joined_dropped;            /* it grew past TST_LINE_MAX, and is no row */
	size_t too_long_rows;           /* rows dropped so */
	size_t skipped, kept;
	size_t section;                 /* current section, or NO_SECTION */
	bool full;                      /* read_lines reached */
	bool cut_short;                 /* reading stopped at a time limit: the last line is not whole */
	char head[160];                 /* a command's first lines, '|' between them */
	size_t head_len, head_lines;
	char *shown;                    /* the source's display, control characters escaped */
	long long stop_at;              /* when reading must stop (the time limit), 0: never */
	bool overtime;                  /* matching lines took past stop_at */
	bool head_sep;                  /* a line ended: " | " before the next byte */
	struct tst_recorder *rec;       /* --record: the file being read, or NULL */
	const struct tst_pass_io *io;
};

static void pass_error(const struct pass *ps, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void pass_error(const struct pass *ps, const char *fmt, ...)
{
	char msg[4096];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	ps->io->error(ps->io->ctx, msg);
}

static size_t section_index(const struct pass *ps, const char *name, size_t n)
{
	for (size_t i = 1; i < ps->src->nsections; i++) {
		const char *s = ps->src->sections[i];
		if (strlen(s) != n)
			continue;
		if (ps->parse->keys_ignore_case ? tst_ascii_ieq(s, name, n) : memcmp(s, name, n) == 0)
			return i;
	}
	return NO_SECTION;
}

/* For io->row, sections are numbered by their names as headers give them: 0 is the top level. */
static size_t named_section(struct pass *ps, const char *name, size_t n)
{
	for (size_t i = 0; i < ps->nnames; i++)
		if (ps->names[i].n == n && memcmp(ps->names[i].s, name, n) == 0)
			return i + 1;
	ps->names = tst_xrealloc(ps->names, (ps->nnames + 1) * sizeof(*ps->names));
	ps->names[ps->nnames++] = (struct tst_str){tst_xmemdup(name, n), n};
	return ps->nnames;
}

/* Footer and header lines; true when the line was one. */
static bool section_line(struct pass *ps, const char *line, size_t n)
{
	regmatch_t *m = ps->match;
	size_t g = (size_t)ps->parse->header_group;

	if (ps->has_footer && ps->src->regex_ops->match(&ps->footer, line, n, m, 1)) {
		ps->section = 0;
		return true;
	}
	if (!ps->has_header || !ps->src->regex_ops->match(&ps->header, line, n, m, g + 1))
		return false;
	ps->section = NO_SECTION;
	if (ps->io->row && m[g].rm_so >= 0) {
		/* A snapshot sees every section, queried or not. */
		ps->section = named_section(ps, line + m[g].rm_so, (size_t)(m[g].rm_eo - m[g].rm_so));
	} else if (m[g].rm_so >= 0) {
		ps->section = section_index(ps, line + m[g].rm_so, (size_t)(m[g].rm_eo - m[g].rm_so));
		if (ps->section != NO_SECTION)
			ps->answers->seen[ps->section] = true;
	}
	return true;
}

/*
 * Cuts the line into ps->row, at least its first `limit` fields; false
 * when it is no row (keyvalue without separator).
 */
static bool cut_row(struct pass *ps, const char *line, size_t n, size_t limit)
{
	const struct tst_parse *p = ps->parse;

	tst_fields_begin(&ps->row, n);
	switch (p->mode) {
	case TST_MODE_TOKENIZED:
		tst_tokenize_some(&ps->tokens, line, n, &ps->row, limit);
		return true;
	case TST_MODE_FIXED:
		tst_row_fixed(p->positions, p->npositions, line, n, &ps->row, limit);
		return true;
	case TST_MODE_KEYVALUE:
		return tst_row_keyvalue(&ps->tokens, p->key_separator, ps->seplen, p->key_separator_optional,
					line, n, &ps->row, limit);
	case TST_MODE_NONE:
		break;
	}
	return false;
}

/* Cuts the whole of the row that was cut only for its keys. */
static void complete_row(void *ctx)
{
	struct pass *ps = ctx;

	cut_row(ps, ps->line, ps->line_len, SIZE_MAX);
}

/* A row of a section meets the queries.  Inlined: it is most of the work of a line. */
static inline __attribute__((always_inline)) void row_line(struct pass *ps, size_t section, const char *line,
							    size_t n)
{
	const struct tst_parse *p = ps->parse;

	if (section == NO_SECTION)
		return;
	if (ps->io->row) {
		struct tst_str name = section ? ps->names[section - 1] : (struct tst_str){NULL, 0};
		if (cut_row(ps, line, n, SIZE_MAX))
			ps->io->row(ps->io->ctx, name.s, name.n, ps->row_lineno, &ps->row);
		return;
	}
	if (tst_lookup_wants(&ps->lookup, section)) {
		size_t need = ps->lookup.need[section];
		switch (tst_prefilter_row(&ps->filter, section, line, n)) {
		case TST_ROW_NONE:
			return;
		case TST_ROW_UNWANTED:
			ps->answers->rows[section]++;
			return;
		case TST_ROW_CANDIDATE:
			break;
		}
		if (!cut_row(ps, line, n, need))
			return;
		ps->line = line;
		ps->line_len = n;
		tst_lookup_row(&ps->lookup, section, &ps->row, ps->answers->results,
			       need == SIZE_MAX ? NULL : complete_row, ps);
	} else if (p->mode == TST_MODE_KEYVALUE && !p->key_separator_optional &&
		   !tst_find(line, n, p->key_separator, ps->seplen)) {
		return;
	}
	ps->answers->rows[section]++;
}

/* The line being read, as the file numbers it (dropped overlong lines included). */
static size_t line_number(const struct pass *ps)
{
	return ps->lineno + (ps->lines ? ps->lines->too_long : 0);
}

/* A whole row: to its section, or, with blocks, to the blocks that say which sections it is in. */
static void take_row(struct pass *ps, size_t section, const char *line, size_t n, size_t lineno)
{
	ps->row_lineno = lineno;
	if (ps->has_blocks)
		ps->src->blocks_ops->row(&ps->blocks, line, n, lineno);
	else
		row_line(ps, section, line, n);
}

static void block_row(void *ctx, size_t section, const char *s, size_t n)
{
	row_line(ctx, section, s, n);
}

static void block_error(void *ctx, size_t line, const char *msg)
{
	struct pass *ps = ctx;

	if (ps->file_shown)
		pass_error(ps, "%s:%zu: %s", ps->file_shown, line, msg);
	else
		pass_error(ps, "line %zu of the output of %s: %s", line, ps->shown, msg);
}

static bool is_blank_byte(char c)
{
	return c == ' ' || c == '\t';
}

/*
 * The length of a line once its inline comment is cut.  Quotes hide the
 * mark where the tokenizer reads them: in a tokenized row, and in a
 * keyvalue row after the key separator (all of a line that continues a
 * value); a fixed row has none.  `start` is where the line's text begins
 * (a continuation line's indentation is no part of the row).
 */
static size_t cut_comment(const struct pass *ps, const char *line, size_t n, size_t start, bool continued)
{
	const struct tst_parse *p = ps->parse;
	size_t from = start;
	const char *sep;

	if (!p->inline_comment)
		return n;
	if (p->mode == TST_MODE_FIXED) {
		from = n;
	} else if (p->mode == TST_MODE_KEYVALUE && !(continued && ps->joined_sep)) {
		sep = tst_find(line + start, n - start, p->key_separator, ps->seplen);
		from = sep ? (size_t)(sep - line) + ps->seplen : n;
		while (from < n && (unsigned char)line[from] <= ' ')
			from++;
	}
	return tst_comment_cut(&ps->tokens, p->inline_comment, ps->marklen, p->inline_comment_anywhere, line, n,
			       from);
}

/*
 * Appends text to the row being joined: after one space, with the blanks
 * at the end of what it holds dropped, unless it is the row's first line.
 * A row that would grow past TST_LINE_MAX is dropped, and reported.
 */
static void join_text(struct pass *ps, const char *s, size_t n, bool first)
{
	size_t old, need;

	if (first) {
		ps->pending = true;
		ps->joined_len = 0;
		ps->joined_sep = false;
		ps->joined_dropped = false;
		ps->joined_section = ps->section;
		ps->joined_line = line_number(ps);
	}
	if (ps->joined_dropped)
		return;
	while (!first && ps->joined_len && is_blank_byte(ps->joined[ps->joined_len - 1]))
		ps->joined_len--;
	old = ps->joined_len;
	need = old + !first + n;
	if (need > TST_LINE_MAX) {
		ps->joined_dropped = true;
		return;
	}
	/* Room for a NUL after the row too: rows are cut as lines are, which end in one. */
	if (!ps->joined || need >= ps->joined_cap) {
		ps->joined_cap = need >= 2 * ps->joined_cap ? need + 1 : 2 * ps->joined_cap;
		if (ps->joined_cap < 256)
			ps->joined_cap = 256;
		if (ps->joined_cap > TST_LINE_MAX + 1)
			ps->joined_cap = TST_LINE_MAX + 1;
		ps->joined = tst_xrealloc(ps->joined, ps->joined_cap);
	}
	if (!first)
		ps->joined[ps->joined_len++] = ' ';
	if (n)
		memcpy(ps->joined + ps->joined_len, s, n);
	ps->joined_len += n;
	ps->joined[ps->joined_len] = '\0';
	if (ps->parse->mode == TST_MODE_KEYVALUE && !ps->joined_sep) {
		/* Only the new text, and the end of the old that a separator may straddle. */
		size_t at = old >= ps->seplen ? old - ps->seplen + 1 : 0;
		ps->joined_sep = tst_find(ps->joined + at, ps->joined_len - at, ps->parse->key_separator,
					  ps->seplen) != NULL;
	}
}

/* The row being joined is whole: it meets the queries, unless it holds nothing (a lone backslash). */
static void flush_row(struct pass *ps)
{
	if (!ps->pending)
		return;
	ps->pending = false;
	if (ps->joined_dropped)
		ps->too_long_rows++;
	else if (!tst_is_blank(ps->joined, ps->joined_len))
		take_row(ps, ps->joined_section, ps->joined, ps->joined_len, ps->joined_line);
}

/* Takes off a backslash that ends s[0..*n); whether there was one. */
static bool strip_backslash(const char *s, size_t *n)
{
	if (!*n || s[*n - 1] != '\\')
		return false;
	--*n;
	return true;
}

/*
 * A line that continues the row being read joins it; false when the line
 * does not continue one.  A continuation line is never a header or footer.
 */
static bool continue_row(struct pass *ps, const char *line, size_t n)
{
	const struct tst_parse *p = ps->parse;
	size_t start = 0;
	bool more;

	if (!ps->pending || (p->continuation == TST_CONTINUATION_INDENTED && !is_blank_byte(line[0])))
		return false;
	while (start < n && is_blank_byte(line[start]))
		start++;
	n = cut_comment(ps, line, n, start, true);
	/* A line that holds only a comment is skipped, as a comment line is. */
	if (n <= start || tst_is_blank(line + start, n - start))
		return true;
	more = p->continuation == TST_CONTINUATION_BACKSLASH && strip_backslash(line, &n);
	join_text(ps, line + start, n - start, false);
	if (p->continuation == TST_CONTINUATION_BACKSLASH && !more)
		flush_row(ps);
	return true;
}

/* A line that starts a row: cut now, or held while the next line may continue it. */
static void start_row(struct pass *ps, const char *line, size_t n)
{
	const struct tst_parse *p = ps->parse;
	size_t cut = cut_comment(ps, line, n, 0, false);

	/* Blank once its comment is cut, a line is no row and ends none. */
	if (cut < n && tst_is_blank(line, cut))
		return;
	flush_row(ps);
	if (p->continuation == TST_CONTINUATION_NONE ||
	    (p->continuation == TST_CONTINUATION_BACKSLASH && !strip_backslash(line, &cut))) {
		take_row(ps, ps->section, line, cut, line_number(ps));
		return;
	}
	join_text(ps, line, cut, true);
}

static void on_line(void *ctx, char *line, size_t n)
{
	struct pass *ps = ctx;
	const struct tst_parse *p = ps->parse;

	ps->lineno++;
	ps->row_lineno = line_number(ps);
	if (ps->full)
		return;
	if (ps->skipped < p->skip_header_lines) {
		ps->skipped++;
		return;
	}
	if (ps->kept >= p->read_lines) {
		ps->full = true;
		return;
	}
	ps->kept++;
	if (tst_is_blank(line, n)) {
		/* A blank line ends a backslash continuation; an indented one goes on past it. */
		if (p->continuation == TST_CONTINUATION_BACKSLASH)
			flush_row(ps);
		return;
	}
	if (tst_is_comment(line, n, ps->comments))
		return;
	if (ps->extended && continue_row(ps, line, n))
		;
	else if (section_line(ps, line, n))
		flush_row(ps);
	else if (!ps->extended)
		row_line(ps, ps->section, line, n);     /* the original's language: each line a row, cut in place */
	else
		start_row(ps, line, n);
	/* Pattern matching is the costly part of a line: its time is watched line by line. */
	if ((ps->has_header || ps->has_footer) && ps->stop_at && tst_now_ms() >= ps->stop_at) {
		ps->full = true;
		ps->overtime = true;
	}
}

/*
 * Lines on_line would only count, taken whole from the start of s[0..n):
 * while nothing per line is special (skip_header_lines is used up,
 * read_lines not reached), in the section being read.
 */
static size_t skim_lines(void *ctx, const char *s, size_t n)
{
	struct pass *ps = ctx;
	const struct tst_parse *p = ps->parse;
	struct tst_skim_count got;
	size_t taken;

	if (ps->full || ps->skipped < p->skip_header_lines || ps->kept >= p->read_lines)
		return 0;
	taken = tst_skimmer_run(&ps->skim, ps->section == NO_SECTION ? SIZE_MAX : ps->section, s, n,
				p->read_lines - ps->kept, &got);
	ps->lineno += got.lines;
	ps->kept += got.lines;
	if (ps->section != NO_SECTION)
		ps->answers->rows[ps->section] += got.rows;
	return taken;
}

/* A splitter of the source's lines into on_line, skimmed where the skimmer can. */
static void lines_init(struct pass *ps, struct tst_lines *lines, enum tst_eol eol)
{
	tst_lines_init(lines, eol, on_line, ps);
	if (ps->skim.on)
		lines->skim = skim_lines;
}

static bool compile(struct pass *ps, regex_t *re, const char *ere, const char *what)
{
	int rc;
	char msg[256];

	if (!ere)
		return false;
	rc = ps->src->regex_ops->compile(re, ere, REG_EXTENDED);
	if (rc == 0)
		return true;
	ps->src->regex_ops->error(rc, re, msg, sizeof(msg));
	pass_error(ps, "cannot compile section %s pattern: %s", what, msg);
	return false;
}

/* The path a file source is read from: under --root when there is one. */
static char *file_path(const struct pass *ps)
{
	return tst_under_root(ps->io->root, ps->src->path);
}

/* When reading must stop: the source's time limit, already cut to the run's deadline. */
static long long stop_time(const struct pass *ps)
{
	return ps->io->timeout_ms > 0 ? tst_now_ms() + ps->io->timeout_ms : 0;
}

/* Why reading the file must stop now, as the end of an error message, or NULL. */
static const char *stop_reason(const struct pass *ps, long long stop_at, char *buf, size_t size)
{
	char secs[32];

	if (tst_stop_signal) {
		snprintf(buf, size, "interrupted by signal %d", (int)tst_stop_signal);
		return buf;
	}
	if (!stop_at || tst_now_ms() < stop_at)
		return NULL;
	if (ps->io->timeout_is_deadline)
		return "the deadline has passed";
	snprintf(buf, size, "it took longer than %s s (--timeout)", tst_seconds(ps->io->timeout_ms, secs));
	return buf;
}

/* Waits until fd can be read again; false when reading must stop first. */
static bool wait_readable(const struct pass *ps, int fd, long long stop_at)
{
	struct pollfd p = {fd, POLLIN, 0};
	long long left;
	char buf[64];

	while (!stop_reason(ps, stop_at, buf, sizeof(buf))) {
		left = stop_at ? stop_at - tst_now_ms() : -1;
		if (poll(&p, 1, left < 0 ? -1 : left > 60000 ? 60000 : (int)left) > 0)
			return true;
	}
	return false;
}

/*
 * Reads one chunk into lines: its size, 0 at the end, -1 on error or when
 * reading must stop.  A file that can block (a FIFO, a device) is read
 * without blocking, and waited for with poll, so that time limits and
 * stop signals reach a reader whose writer never writes; a FIFO that no
 * one has open for writing reads as empty.
 */
static ssize_t read_chunk(struct pass *ps, int fd, long long stop_at, struct tst_lines *lines)
{
	size_t avail;
	char *dst = tst_lines_space(lines, 0, &avail);
	ssize_t got;

	for (;;) {
		/* Reads of one chunk at most, so that time limits are checked often. */
		got = read(fd, dst, avail < READ_CHUNK ? avail : READ_CHUNK);
		if (got > 0)
			tst_record_bytes(ps->rec, dst, (size_t)got);
		if (got >= 0 || (errno == EINTR && tst_stop_signal))
			return got;
		if (errno == EAGAIN && !wait_readable(ps, fd, stop_at))
			return -1;
		if (errno != EAGAIN && errno != EINTR)
			return -1;
	}
}

/*
 * --record: the rest of a regular file that read_lines left unread, so
 * that a definition changed to read further finds it in the recording.
 */
static void record_rest(struct pass *ps, int fd)
{
	char buf[65536];
	ssize_t got;

	while ((got = tst_file_read(fd, buf, sizeof(buf))) > 0)
		tst_record_bytes(ps->rec, buf, (size_t)got);
}

/* Reads the file at full, shown in messages as path, into lines; how that ended, for --record. */
static enum tst_read_end read_host_file(struct pass *ps, int fd, const char *path, struct tst_lines *lines,
					const char **why, int *err)
{
	long long stop_at = ps->stop_at;
	static char buf[64];            /* static: *why points here after the return, for the recording */
	struct stat st;
	bool regular = fstat(fd, &st) == 0 && S_ISREG(st.st_mode);

	if (!regular)
		fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
	while (!ps->full) {
		ssize_t got = read_chunk(ps, fd, stop_at, lines);
		if (got == 0)
			return TST_READ_OK;
		if (got > 0)
			tst_lines_commit(lines, (size_t)got);
		if ((*why = stop_reason(ps, stop_at, buf, sizeof(buf)))) {
			pass_error(ps, "stopped reading file %s: %s", path, *why);
			ps->cut_short = true;
			return TST_READ_STOPPED;
		}
		if (got < 0) {
			*err = errno;
			pass_error(ps, "cannot read file %s: %s", path, strerror(errno));
			return TST_READ_ERROR;
		}
	}
	if (ps->rec && regular && !ps->overtime)
		record_rest(ps, fd);
	return TST_READ_OK;
}

/* --replay: the file at full as the recording holds it, into lines. */
static void replay_file(struct pass *ps, const char *full, const char *path, struct tst_lines *lines)
{
	struct tst_replayed_file f;

	if (!tst_replay_file(full, &f)) {
		pass_error(ps, "cannot read file %s: %s", path, tst_replay_why());
	} else if (f.end == TST_READ_OPEN_ERROR) {
		pass_error(ps, "cannot read file %s: %s", path, strerror(f.err));
	} else {
		for (size_t at = 0; at < f.len && !ps->full; at += READ_CHUNK)
			tst_lines_feed(lines, f.data + at, f.len - at < READ_CHUNK ? f.len - at : READ_CHUNK);
		if (f.end == TST_READ_STOPPED) {
			pass_error(ps, "stopped reading file %s: %s", path, f.why);
			ps->cut_short = true;
		} else if (f.end == TST_READ_ERROR) {
			pass_error(ps, "cannot read file %s: %s", path, strerror(f.err));
		}
	}
	tst_replayed_file_free(&f);
}

/* Reads the file at full, shown in messages as path, into lines: from the host or a recording. */
static void read_file(struct pass *ps, const char *full, const char *path, struct tst_lines *lines)
{
	const char *why = NULL;
	enum tst_read_end end;
	int fd, err = 0;

	if (tst_capture_mode() == TST_CAPTURE_REPLAY) {
		replay_file(ps, full, path, lines);
		return;
	}
	ps->rec = tst_record_begin();
	fd = tst_file_open(full);
	if (fd < 0) {
		err = errno;
		pass_error(ps, "cannot read file %s: %s", path, strerror(err));
		end = TST_READ_OPEN_ERROR;
	} else {
		end = read_host_file(ps, fd, path, lines, &why, &err);
		close(fd);
	}
	tst_record_file(ps->rec, full, end, err, why);
	ps->rec = NULL;
}

/* Pattern matching took past the time limit: reading stops here, and says so. */
static void stop_overtime(struct pass *ps, const char *fmt, const char *shown)
{
	char buf[64];

	if (!ps->overtime || ps->cut_short)
		return;
	pass_error(ps, fmt, shown, stop_reason(ps, ps->stop_at, buf, sizeof(buf)));
	ps->cut_short = true;
}

/*
 * A `files` source: the files of each pattern in turn, each from the top
 * level (no section runs on from one file into the next), and each with
 * its own line ends (its last line ends with it).  skip_header_lines and
 * read_lines count the lines of them all; once read_lines is reached, or
 * reading had to stop, no further file is opened.
 */
static bool files_done(const struct pass *ps)
{
	return ps->full || ps->cut_short || ps->kept >= ps->parse->read_lines;
}

static void start_file(struct pass *ps, const char *shown, const struct tst_lines *lines)
{
	ps->lineno = 0;
	ps->lines = lines;
	ps->file_shown = shown;
}

/* The blocks still open are the file's errors; a file cut short is not at its end. */
static void end_file(struct pass *ps)
{
	if (!ps->has_blocks)
		return;
	ps->src->blocks_ops->end(&ps->blocks, !ps->cut_short && !ps->full);
	ps->lines = NULL;
}

static void read_files(struct pass *ps, size_t *too_long)
{
	const struct tst_source *src = ps->src;

	for (size_t i = 0; i < src->npatterns && !files_done(ps); i++) {
		struct tst_files files = {0};
		int err = src->files_ops->expand(src->patterns[i], ps->io->root, &files);

		if (err) {
			char *dir = src->files_ops->dir(src->patterns[i]), *shown = tst_visible(dir);
			pass_error(ps, "cannot read directory %s: %s", shown,
				   err == TST_NOT_RECORDED ? tst_replay_why() : strerror(err));
			free(shown);
			free(dir);
		}
		for (size_t j = 0; j < files.n && !files_done(ps); j++) {
			char *shown = tst_visible(files.v[j].shown);
			struct tst_lines lines;

			ps->section = 0;
			lines_init(ps, &lines, TST_EOL_ANY);
			start_file(ps, shown, &lines);
			read_file(ps, files.v[j].full, shown, &lines);
			stop_overtime(ps, "stopped reading file %s: %s", shown);
			*too_long += lines.too_long;
			tst_lines_finish(&lines, !ps->cut_short);
			/* A row is never continued by the next file, and no block runs on into it. */
			flush_row(ps);
			end_file(ps);
			free(shown);
		}
		src->files_ops->free(&files);
	}
}

/* The first lines of a command's output, " | " between them, for the error when it fails. */
static void keep_head(struct pass *ps, const char *buf, size_t n)
{
	for (size_t i = 0; i < n && ps->head_lines < HEAD_LINES; i++) {
		if (buf[i] == '\n') {
			ps->head_lines++;
			ps->head_sep = ps->head_len > 0;
			continue;
		}
		if (ps->head_len + 4 >= sizeof(ps->head))
			break;
		if (ps->head_sep) {
			memcpy(ps->head + ps->head_len, " | ", 3);
			ps->head_len += 3;
			ps->head_sep = false;
		}
		ps->head[ps->head_len++] = (unsigned char)buf[i] < ' ' ? ' ' : buf[i];
	}
	ps->head[ps->head_len] = '\0';
}

static void command_sink(void *ctx, const char *buf, size_t n)
{
	struct tst_lines *lines = ctx;
	struct pass *ps = lines->ctx;

	keep_head(ps, buf, n);
	if (!ps->full)
		tst_lines_feed(lines, buf, n);
}

/*
 * The first lines a command wrote on stderr become warnings; a command
 * that floods stderr must not flood the report, so the rest is counted.
 */
static void warn_stderr(const struct pass *ps, const struct tst_command_result *res)
{
	enum { MAX_LINES = 20 };
	const char *s = res->err, *end = res->err + res->err_len;
	size_t lines = 0, unshown = res->err_dropped;
	char msg[96];

	while (end > s && end[-1] == '\n')
		end--;
	for (; s < end && lines < MAX_LINES; lines++) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		const char *e = nl ? nl : end;
		ps->io->warn(ps->io->ctx, s, (size_t)(e - s));
		s = nl ? nl + 1 : end;
	}
	unshown += (size_t)(end - s);
	if (unshown) {
		snprintf(msg, sizeof(msg), "(%zu more bytes not shown)", unshown);
		ps->io->warn(ps->io->ctx, msg, strlen(msg));
	}
}

static void run_command(struct pass *ps, struct tst_lines *lines)
{
	const struct tst_source *src = ps->src;
	struct tst_command_result res;
	char buf[32];

	if (ps->io->root && ps->io->commands == TST_COMMANDS_UNSAID) {
		pass_error(ps, "command not run: with --root, say where commands run (--commands=chroot or "
			   "--commands=host): %s", ps->shown);
		return;
	}
	if (!src->command_ops->run(src->argv, ps->io->commands == TST_COMMANDS_CHROOT ? ps->io->root : NULL,
				 ps->io->timeout_ms, command_sink, lines, &res)) {
		pass_error(ps, "cannot run command %s: %s", ps->shown, tst_replay_why());
		src->command_ops->result_free(&res);
		return;
	}
	switch (res.outcome) {
	case TST_COMMAND_NOT_STARTED:
		{
			char *prog = tst_visible(src->argv[0]);
			pass_error(ps, "cannot run command %s: %s", prog, strerror(res.status));
			free(prog);
		}
		break;
	case TST_COMMAND_EXITED:
		if (res.status != 0)
			pass_error(ps, "command exited with status %d: %s%s%s%s", res.status, ps->shown,
				   ps->head_len ? " (its output: " : "", ps->head, ps->head_len ? ")" : "");
		break;
	case TST_COMMAND_SIGNALED:
		pass_error(ps, "command killed by signal %d (%s): %s", res.status,
			   strsignal(res.status), ps->shown);
		break;
	case TST_COMMAND_TIMED_OUT:
		ps->cut_short = true;
		if (ps->io->timeout_is_deadline)
			pass_error(ps, "command stopped at the run's deadline: %s", ps->shown);
		else
			pass_error(ps, "command timed out after %s s: %s", tst_seconds(ps->io->timeout_ms, buf),
				   ps->shown);
		break;
	}
	warn_stderr(ps, &res);
	src->command_ops->result_free(&res);
}

void tst_pass_run(const struct tst_source *src, const struct tst_pass_io *io, struct tst_answers *a)
{
	const struct tst_parse *p = &src->parse;
	struct pass ps = {.src = src, .parse = p, .answers = a, .io = io};
	struct tst_lines lines;
	size_t too_long = 0;

	tst_answers_init(src, a);
	ps.seplen = p->key_separator ? strlen(p->key_separator) : 0;
	ps.comments = tst_comment_styles(p);
	ps.marklen = p->inline_comment ? strlen(p->inline_comment) : 0;
	ps.has_blocks = p->blocks != TST_BLOCKS_NONE;
	ps.extended = p->inline_comment || p->continuation != TST_CONTINUATION_NONE || ps.has_blocks;
	if (ps.has_blocks)
		src->blocks_ops->init(&ps.blocks, src, a,
				&(struct tst_blocks_io){.row = block_row, .error = block_error, .ctx = &ps});
	tst_tokenizer_init(&ps.tokens, p->delimiters, p->ndelimiters, p->quote, p->ignore_empty);
	ps.has_header = compile(&ps, &ps.header, p->header, "header");
	ps.has_footer = compile(&ps, &ps.footer, p->footer, "footer");
	ps.match = tst_xmalloc(((size_t)p->header_group + 1) * sizeof(*ps.match));
	tst_lookup_init(&ps.lookup, src);
	tst_prefilter_init(&ps.filter, src, &ps.tokens);
	/* Snapshots see every row, and the extensions' rows may span lines: the skimmer is for neither. */
	if (!io->row && !ps.extended)
		tst_skimmer_init(&ps.skim, src, &ps.tokens, &ps.filter, &ps.lookup);
	if (src->argv && io->root && io->commands != TST_COMMANDS_UNSAID) {
		size_t n = strlen(src->display) + strlen(io->root) + 32;
		a->display = tst_xmalloc(n);
		snprintf(a->display, n, "%s (%s %s)", src->display,
			 io->commands == TST_COMMANDS_CHROOT ? "chrooted into" : "on the host, not in", io->root);
	}
	ps.shown = tst_visible(a->display ? a->display : src->display);
	ps.stop_at = stop_time(&ps);
	if (src->patterns) {
		read_files(&ps, &too_long);
	} else {
		lines_init(&ps, &lines, src->path ? TST_EOL_ANY : TST_EOL_LF_TRIM);
		start_file(&ps, src->path ? ps.shown : NULL, &lines);
		if (src->path) {
			char *full = file_path(&ps);
			read_file(&ps, full, ps.shown, &lines);
			free(full);
		} else {
			run_command(&ps, &lines);
		}
		stop_overtime(&ps, src->path ? "stopped reading file %s: %s" : "stopped reading the output of %s: %s",
			      ps.shown);
		too_long = lines.too_long;
		tst_lines_finish(&lines, !ps.cut_short);
	}
	if (too_long)
		pass_error(&ps, "%zu line%s longer than %d MiB skipped", too_long, too_long == 1 ? "" : "s",
			   TST_LINE_MAX >> 20);
	/* The last row may still be held, waiting for a line that would continue it. */
	flush_row(&ps);
	if (!src->patterns)
		end_file(&ps);
	if (ps.too_long_rows)
		pass_error(&ps, "%zu row%s joined from continuation lines longer than %d MiB skipped", ps.too_long_rows,
			   ps.too_long_rows == 1 ? "" : "s", TST_LINE_MAX >> 20);
	if (ps.has_header)
		src->regex_ops->free(&ps.header);
	if (ps.has_footer)
		src->regex_ops->free(&ps.footer);
	tst_lookup_free(&ps.lookup);
	if (ps.has_blocks)
		src->blocks_ops->free(&ps.blocks);
	tst_prefilter_free(&ps.filter, src->nsections);
	tst_skimmer_free(&ps.skim);
	tst_fields_free(&ps.row);
	free(ps.match);
	free(ps.joined);
	free(ps.shown);
	for (size_t i = 0; i < ps.nnames; i++)
		free((char *)ps.names[i].s);
	free(ps.names);
}

void tst_answers_init(const struct tst_source *src, struct tst_answers *a)
{
	a->pool = (struct tst_pool){0};
	a->display = NULL;
	a->results = tst_xcalloc(src->nqueries, sizeof(*a->results));
	for (size_t i = 0; i < src->nqueries; i++)
		a->results[i].pool = &a->pool;
	a->rows = tst_xcalloc(src->nsections, sizeof(*a->rows));
	a->seen = tst_xcalloc(src->nsections, sizeof(*a->seen));
	a->seen[0] = true;
	a->siblings = NULL;
	a->nsections = src->nsections;
	if (src->paths) {
		a->siblings = tst_xcalloc(src->nsections, sizeof(*a->siblings));
		for (size_t i = 1; i < src->nsections; i++)
			a->siblings[i] = tst_xcalloc(src->paths[i].nlevels, sizeof(**a->siblings));
	}
}

void tst_answers_free(struct tst_answers *a)
{
	free(a->results);
	free(a->display);
	tst_pool_free(&a->pool);
	free(a->rows);
	free(a->seen);
	for (size_t i = 0; a->siblings && i < a->nsections; i++)
		free(a->siblings[i]);
	free(a->siblings);
	*a = (struct tst_answers){0};
}
