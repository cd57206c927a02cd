/*
 * Nested blocks (blocks, an extension of tstconfig(5)): which block each
 * row is in.
 *
 * A row that opens or closes a block is no row of the table; every other
 * row belongs to the innermost open block, and meets the queries of each
 * section whose path names that block.  Sections are found as blocks
 * open: each open block keeps the sections whose path it matches so far,
 * a slice of one stack, so a block's line costs a look at the sections its
 * parent matched, and a row costs no more than it does in a flat source.
 * Which of several same-named siblings a block is, is counted per section
 * and level (tst_answers.siblings): under the one parent a path can match,
 * the count of blocks of the level's name says both which block the path
 * means and whether a path written without an index is ambiguous.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <strings.h>
#include <string.h>

#include "ascii.h"
#include "internal.h"

enum { SHOWN_MAX = 96 };

struct tst_block_frame {
	size_t line;                    /* where it opened */
	size_t name, name_len;          /* in names */
	size_t cand, ncand;             /* its sections so far, in stack; the first ntargets end here */
	size_t ntargets;
};

/* Grows a buffer of *cap elements of size bytes to hold need. */
static void *grow(void *p, size_t *cap, size_t need, size_t size)
{
	if (need <= *cap)
		return p;
	*cap = need < 2 * *cap ? 2 * *cap : need + 8;
	return tst_xrealloc(p, *cap * size);
}

void tst_blocks_init(struct tst_block_reader *b, const struct tst_source *src, struct tst_answers *a,
		     const struct tst_blocks_io *io)
{
	*b = (struct tst_block_reader){.src = src, .a = a, .io = *io};
}

static void blocks_error(struct tst_block_reader *b, size_t line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void blocks_error(struct tst_block_reader *b, size_t line, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	b->io.error(b->io.ctx, line, msg);
}

/* A name from the source, for a message: cut short, control characters as '?'. */
static const char *shown(const char *name, size_t n, char out[SHOWN_MAX])
{
	size_t k = 0;

	for (size_t i = 0; i < n && k + 4 < SHOWN_MAX; i++)
		out[k++] = (unsigned char)name[i] < ' ' || name[i] == 0x7f ? '?' : name[i];
	if (k < n) {
		memcpy(out + k, "...", 3);
		k += 3;
	}
	out[k] = '\0';
	return out;
}

/* s[0..n) with each run of spaces and tabs made one space, as tstcc makes a path's names. */
static size_t collapse(struct tst_block_reader *b, const char *s, size_t n)
{
	size_t k = 0;

	b->scratch = grow(b->scratch, &b->scratch_cap, n + 1, 1);
	for (size_t i = 0; i < n; i++) {
		if (s[i] != ' ' && s[i] != '\t')
			b->scratch[k++] = s[i];
		else if (k && b->scratch[k - 1] != ' ')
			b->scratch[k++] = ' ';
	}
	while (k && b->scratch[k - 1] == ' ')
		k--;
	return k;
}

/*
 * Whether a path's level names the block name[0..n), which may hold NUL
 * bytes read from the source; under keys_ignore_case in any ASCII case, as
 * section names are found (Apache reads <virtualhost> as <VirtualHost>).
 */
static bool level_is(const struct tst_block_level *lv, const char *name, size_t n, bool fold)
{
	if (strnlen(lv->name, n + 1) != n)
		return false;
	return fold ? tst_ascii_ieq(lv->name, name, n) : memcmp(lv->name, name, n) == 0;
}

/* Counts the block among its siblings for each section that may mean it; pushes those that do. */
static void match_sections(struct tst_block_reader *b, const char *name, size_t n, struct tst_block_frame *f)
{
	const struct tst_block_path *paths = b->src->paths;
	size_t depth = b->depth, from = depth ? b->frames[depth - 1].cand : 1;
	size_t to = depth ? from + b->frames[depth - 1].ncand : b->src->nsections;

	f->cand = b->nstack;
	/* Twice over the parent's sections: the ones this block ends first, so rows find them at once. */
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = from; i < to; i++) {
			size_t s = depth ? b->stack[i] : i;
			const struct tst_block_path *p = &paths[s];
			if (p->nlevels <= depth || (p->nlevels == depth + 1) != (pass == 0) ||
			    !level_is(&p->levels[depth], name, n, b->src->parse.keys_ignore_case))
				continue;
			if (++b->a->siblings[s][depth] != p->levels[depth].index)
				continue;
			if (pass == 0)
				b->a->seen[s] = true;
			b->stack = grow(b->stack, &b->stack_cap, b->nstack + 1, sizeof(*b->stack));
			b->stack[b->nstack++] = s;
		}
		if (pass == 0)
			f->ntargets = b->nstack - f->cand;
	}
	f->ncand = b->nstack - f->cand;
}

static void open_block(struct tst_block_reader *b, const char *s, size_t n, size_t line)
{
	struct tst_block_frame f = {.line = line};
	char buf[SHOWN_MAX];

	n = collapse(b, s, n);
	if (b->depth == TST_BLOCK_DEPTH_MAX || b->overflow) {
		if (!b->overflow++)
			blocks_error(b, line, "block '%s' is nested deeper than %d levels: what is inside it is not read",
				     shown(b->scratch, n, buf), TST_BLOCK_DEPTH_MAX);
		return;
	}
	f.name = b->names_len;
	f.name_len = n;
	b->names = grow(b->names, &b->names_cap, b->names_len + n + 1, 1);
	memcpy(b->names + b->names_len, b->scratch, n);
	b->names_len += n;
	match_sections(b, b->names + f.name, n, &f);
	b->frames = grow(b->frames, &b->frames_cap, b->depth + 1, sizeof(*b->frames));
	b->frames[b->depth++] = f;
}

static void pop(struct tst_block_reader *b)
{
	const struct tst_block_frame *f = &b->frames[--b->depth];

	b->nstack = f->cand;
	b->names_len = f->name;
}

/* The first word of a tag's name, as Apache compares it: without regard to case. */
static bool same_tag(const char *open, size_t open_len, const char *close, size_t n)
{
	const char *sp = memchr(open, ' ', open_len);
	size_t word = sp ? (size_t)(sp - open) : open_len;

	return word == n && strncasecmp(open, close, n) == 0;
}

/* A close line: `}` or `</name>` (name NULL). */
static void close_block(struct tst_block_reader *b, const char *name, size_t n, size_t line)
{
	const struct tst_block_frame *f;
	char buf[SHOWN_MAX], buf2[SHOWN_MAX];

	if (b->overflow) {
		b->overflow--;
		return;
	}
	if (!b->depth) {
		if (name)
			blocks_error(b, line, "'</%s>' closes no block", shown(name, n, buf));
		else
			blocks_error(b, line, "'}' closes no block");
		return;
	}
	f = &b->frames[b->depth - 1];
	if (name && !same_tag(b->names + f->name, f->name_len, name, n))
		blocks_error(b, line, "'</%s>' closes the block '%s' opened at line %zu", shown(name, n, buf),
			     shown(b->names + f->name, f->name_len, buf2), f->line);
	pop(b);
}

static void emit(struct tst_block_reader *b, const char *s, size_t n)
{
	const struct tst_block_frame *f;

	if (b->overflow)
		return;
	if (!b->depth) {
		b->io.row(b->io.ctx, 0, s, n);
		return;
	}
	f = &b->frames[b->depth - 1];
	for (size_t i = 0; i < f->ntargets; i++)
		b->io.row(b->io.ctx, b->stack[f->cand + i], s, n);
}

/* A row held back, since a `{` alone on the next line would make it a block's name, goes on as a row. */
static void release(struct tst_block_reader *b)
{
	if (!b->holding)
		return;
	b->holding = false;
	emit(b, b->held, b->held_len);
}

static void hold(struct tst_block_reader *b, const char *s, size_t n, size_t line)
{
	b->held = grow(b->held, &b->held_cap, n + 1, 1);
	memcpy(b->held, s, n);
	b->held[n] = '\0';
	b->held_len = n;
	b->held_line = line;
	b->holding = true;
}

/*
 * Where the statement that starts at s[i] ends: at the first ';', '{' or
 * '}' outside quotes, or n.  As nginx reads them, a quote opens only where
 * a word starts, a backslash escapes the next character, and `${name}` is
 * a variable, not a block.
 */
static size_t statement_end(const char *s, size_t n, size_t i)
{
	char quote = 0;

	for (; i < n; i++) {
		char c = s[i];
		if (c == '\\' && i + 1 < n) {
			i++;
		} else if (quote) {
			quote = c == quote ? 0 : quote;
		} else if ((c == '"' || c == '\'') && (i == 0 || (unsigned char)s[i - 1] <= ' ')) {
			quote = c;
		} else if (c == '$' && i + 1 < n && s[i + 1] == '{') {
			const char *end = memchr(s + i, '}', n - i);
			i = end ? (size_t)(end - s) : n;
		} else if (c == ';' || c == '{' || c == '}') {
			return i;
		}
	}
	return n;
}

static void open_named(struct tst_block_reader *b, struct tst_str name, size_t line)
{
	if (name.n) {
		release(b);
		open_block(b, name.s, name.n, line);
	} else if (b->holding) {
		b->holding = false;
		open_block(b, b->held, b->held_len, b->held_line);
	} else {
		blocks_error(b, line, "'{' opens a block with no name");
		open_block(b, "", 0, line);
	}
}

/*
 * A row of a braces source is cut into statements: `words;` a row (the `;`
 * dropped), `words {` opens a block, `}` closes one, so that a block on one
 * line (`location = /x { access_log off; }`) is read as on several.  Text
 * after the last of them is a row with no `;`, held back while a `{` alone
 * on the next row may make it a block's name.
 */
static void braces_row(struct tst_block_reader *b, const char *s, size_t n, size_t line)
{
	for (size_t i = 0; i < n;) {
		size_t end = statement_end(s, n, i);
		struct tst_str piece = tst_trim(s + i, end - i);
		if (end == n) {
			if (piece.n) {
				release(b);
				hold(b, piece.s, piece.n, line);
			}
			break;
		}
		if (s[end] == '{') {
			open_named(b, piece, line);
		} else if (piece.n) {
			release(b);
			emit(b, piece.s, piece.n);
		}
		if (s[end] == '}') {
			release(b);
			close_block(b, NULL, 0, line);
		}
		i = end + 1;
	}
}

static void tags_row(struct tst_block_reader *b, const char *s, size_t n, size_t line)
{
	if (n < 3 || s[0] != '<' || s[n - 1] != '>') {
		emit(b, s, n);
	} else if (s[1] == '/') {
		struct tst_str name = tst_trim(s + 2, n - 3);
		close_block(b, name.s, name.n, line);
	} else if (isalpha((unsigned char)s[1])) {
		open_block(b, s + 1, n - 2, line);
	} else {
		emit(b, s, n);
	}
}

void tst_blocks_row(struct tst_block_reader *b, const char *s, size_t n, size_t line)
{
	struct tst_str t = tst_trim(s, n);

	if (b->src->parse.blocks == TST_BLOCKS_BRACES)
		braces_row(b, t.s, t.n, line);
	else
		tags_row(b, t.s, t.n, line);
}

void tst_blocks_end(struct tst_block_reader *b, bool whole)
{
	char buf[SHOWN_MAX];

	release(b);
	for (size_t d = 0; whole && d < b->depth; d++)
		blocks_error(b, b->frames[d].line, "block '%s' is not closed at the end of the file",
			     shown(b->names + b->frames[d].name, b->frames[d].name_len, buf));
	b->depth = 0;
	b->nstack = 0;
	b->names_len = 0;
	b->overflow = 0;
}

void tst_blocks_free(struct tst_block_reader *b)
{
	free(b->frames);
	free(b->stack);
	free(b->names);
	free(b->scratch);
	free(b->held);
	*b = (struct tst_block_reader){0};
}

/* A path's first levels as written, " > " between them, into buf. */
static void path_text(const struct tst_block_path *p, size_t levels, char *buf, size_t size)
{
	size_t k = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < levels && k < size; i++) {
		const struct tst_block_level *lv = &p->levels[i];
		int w = lv->only ? snprintf(buf + k, size - k, "%s%s", i ? " > " : "", lv->name)
				 : snprintf(buf + k, size - k, "%s%s[%zu]", i ? " > " : "", lv->name, lv->index);
		k += w > 0 ? (size_t)w : 0;
	}
}

bool tst_blocks_why_not(const struct tst_source *src, const struct tst_answers *a, size_t section, char *msg,
			size_t size)
{
	const struct tst_block_path *p = &src->paths[section];
	char where[256];

	for (size_t d = 0; d < p->nlevels; d++) {
		const struct tst_block_level *lv = &p->levels[d];
		size_t count = a->siblings[section][d];
		if (count >= lv->index && !(lv->only && count > 1))
			continue;
		path_text(p, d, where, sizeof(where));
		if (count < lv->index)
			snprintf(msg, size, "block is undefined: %s (%zu block%s '%s' %s%s)", src->sections[section],
				 count, count == 1 ? "" : "s", lv->name, d ? "in " : "at the top level", where);
		else
			snprintf(msg, size, "block is ambiguous: %s (%zu blocks '%s' %s%s: say which with [N])",
				 src->sections[section], count, lv->name, d ? "in " : "at the top level", where);
		return true;
	}
	return false;
}

const struct tst_blocks_ops tst_blocks_ops = {
	tst_blocks_init, tst_blocks_row, tst_blocks_end, tst_blocks_free, tst_blocks_why_not,
};
