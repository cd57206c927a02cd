/*
 * Declarations shared by the runtime's own files; generated checkers never
 * see them (they include only <tst.h>).
 */
#ifndef TST_INTERNAL_H
#define TST_INTERNAL_H

#include <regex.h>
#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "compare.h"
#include "tst.h"
#include "skim.h"
#include "utf8.h"

/* alloc.c */

/* Reports "out of memory" and exits with status 2. */
_Noreturn void tst_out_of_memory(void);
/* malloc that reports "out of memory" and exits with status 2 on failure */
void *tst_xmalloc(size_t n);
/* zeroed array of n elements of size bytes, same failure policy */
void *tst_xcalloc(size_t n, size_t size);
/* realloc with the same failure policy as tst_xmalloc */
void *tst_xrealloc(void *p, size_t n);
/* copy of the n bytes at s, NUL-terminated */
char *tst_xmemdup(const char *s, size_t n);


/* provenance.c */

/* --version: tstcc's version, then each definition's SHA-256 and name. */
void tst_print_version(FILE *out, const struct tst_definition *defs, size_t ndefs);
/* --definition: the definitions exactly as compiled. */
void tst_print_definitions(FILE *out, const struct tst_definition *defs, size_t ndefs);
/* --list-access: each file read and command run, once, in order. */
void tst_print_access(FILE *out, const struct tst_definition *defs, size_t ndefs, const char *root);

/* files.c: the files of a `files` source */

/* One file a `files` source reads. */
struct tst_file {
	char *shown;                    /* as the definition writes it (a pattern's directory, then the name) */
	char *full;                     /* the path opened: under --root when there is one */
};

struct tst_files {
	struct tst_file *v;
	size_t n, cap;
};

/* Whether the last component of pattern holds a wildcard ('*', '?' or '['). */
bool tst_pattern_is_glob(const char *pattern);
/* The directory a glob lists, as written: "." when it has none. */
char *tst_pattern_dir(const char *pattern);
/* path under root (NULL: path itself), as a string to free. */
char *tst_under_root(const char *root, const char *path);
/*
 * Appends the files pattern names to out: a path itself, or a glob's
 * matches in its directory under root, sorted by name; 0, or the errno of
 * a directory that could not be read (one that does not exist matches
 * nothing, and is no error).
 */
int tst_files_expand(const char *pattern, const char *root, struct tst_files *out);
/* Frees what tst_files_expand put in files. */
void tst_files_free(struct tst_files *files);
/* wildcard.c: whether name matches pattern, one component of a `files` pattern, as fnmatch(3) would. */
bool tst_name_matches(const char *pattern, const char *name);

/* A `files` source's part (tst.h): the functions above, and tst_capture_expand. */
struct tst_files_ops {
	int (*expand)(const char *pattern, const char *root, struct tst_files *out);   /* recorded or replayed */
	int (*expand_now)(const char *pattern, const char *root, struct tst_files *out);
	void (*free)(struct tst_files *files);
	bool (*is_glob)(const char *pattern);
	char *(*dir)(const char *pattern);
};

/* sandbox.c */

/* Why the checker cannot be confined here, or NULL. */
const char *tst_sandbox_unavailable(void);
/*
 * Confines the checker with Landlock to reading the definitions' files
 * (under root), making its report files, and writing (recording) or
 * reading (not) beneath capture, unless it is NULL; NULL, or why it could not.
 */
const char *tst_sandbox_enter(const struct tst_definition *defs, size_t ndefs, const char *root,
			      const char *const *reports, size_t nreports, const char *capture, bool recording);

/* signals.c */

/* The signal that asked the checker to stop (SIGINT, SIGTERM or SIGHUP), or 0. */
extern volatile sig_atomic_t tst_stop_signal;
/* The process group of the command running now, or 0: a stop signal is passed on to it. */
extern volatile sig_atomic_t tst_command_group;
/* Installs the handlers that note a stop signal and pass it on. */
void tst_signals_install(void);

/* escape.c: names a definition gives, as a terminal may show them */

/* Whether s[0..n) holds a C0 or C1 control character or DEL. */
bool tst_has_controls(const char *s, size_t n);
/* s as it is, or, when it holds controls, quoted as a shell's $'...' with escapes. */
void tst_put_visible(FILE *f, const char *s);
/* The same, as a string to free. */
char *tst_visible(const char *s);

/* clock.c */

/* Milliseconds as seconds for a message: "60", "0.5", "1.25". */
const char *tst_seconds(long ms, char buf[32]);
/* Milliseconds on the monotonic clock. */
long long tst_now_ms(void);

/* A byte string that may hold NULs; s == NULL is a missing column. */
struct tst_str {
	const char *s;
	size_t n;
};

/* value.c: the current value, a list of strings or undefined */

/* A bump allocator whose blocks are all freed at once. */
struct tst_pool {
	struct tst_pool_block *block;
};

/* Frees everything allocated from p. */
void tst_pool_free(struct tst_pool *p);

struct tst_value {
	bool defined;
	size_t n, cap;
	struct tst_str *items;          /* s points into text; NULL for missing */
	char *text;                     /* the items' bytes, one after another */
	size_t len, text_cap;
	struct tst_pool *pool;          /* where items and text live, or NULL: malloc */
};

/* Appends a copy of item (which may be missing) to v. */
void tst_value_push(struct tst_value *v, struct tst_str item);
/* Appends item cut at any character of split (split_values), empty pieces dropped; NULL: whole. */
void tst_value_push_split(struct tst_value *v, struct tst_str item, const char *split);
/* Makes v defined and empty, keeping its storage. */
void tst_value_clear(struct tst_value *v);
/* Frees v's items and makes it undefined. */
void tst_value_free(struct tst_value *v);
/* Length of the items joined by one space (a missing item is empty). */
size_t tst_value_joined_len(const struct tst_value *v);
/* Writes the items joined by one space to buf (tst_value_joined_len bytes). */
void tst_value_join(const struct tst_value *v, char *buf);

/* tokenize.c: the tokenizer of tstconfig(5) */

struct tst_tokenizer {
	bool delim[256];                /* one-byte delimiters */
	const char *delims;             /* all of them, for the ones of several bytes (UTF-8) */
	size_t ndelims;
	bool wide;                      /* whether there is any of several bytes */
	char quote[4];                  /* one character, its UTF-8 bytes */
	unsigned char nquote;           /* 0: no quoting */
	bool ignore_empty;
};

/*
 * A row's fields: slices of the line, or of decoded text (quoted tokens) in
 * a reusable buffer.  The buffer is sized once per line (no field is longer
 * than the line it comes from), so slices can point into it directly.
 * Fields live as long as the line and the buffer do.
 */
struct tst_fields {
	char *buf;
	size_t len, cap;
	struct tst_str *f;
	size_t n, fcap;
};

/* Sets up t from a delimiter set and a quote character ("": none). */
void tst_tokenizer_init(struct tst_tokenizer *t, const char *delims, size_t ndelims, const char *quote,
			bool ignore_empty);
/*
 * Appends the tokens of s[0..n) to out, which has room for n more bytes,
 * stopping once out holds limit fields (SIZE_MAX: all of them).
 */
void tst_tokenize_some(const struct tst_tokenizer *t, const char *s, size_t n, struct tst_fields *out,
		       size_t limit);
/*
 * Where an inline comment starts in s[0..n): the length of the line once
 * the comment, the white space before it and the rest of the line are
 * cut, or n when there is none.  The mark (m bytes) starts a comment where
 * white space or the line's start stands before it, or anywhere; quotes
 * hide it from index `from` on (n: nowhere), where the tokenizer's quoting
 * is followed as it would cut s into tokens.
 */
size_t tst_comment_cut(const struct tst_tokenizer *t, const char *mark, size_t m, bool anywhere, const char *s,
		       size_t n, size_t from);
/* Empties out and makes room for fields of up to size bytes in all. */
void tst_fields_begin(struct tst_fields *out, size_t size);
/* Makes room for more fields (tst_fields_add's slow path). */
void tst_fields_grow(struct tst_fields *out);

/* Appends s[0..n) as one field; s must live as long as the fields are used. */
static inline void tst_fields_add(struct tst_fields *out, const char *s, size_t n)
{
	if (out->n == out->fcap)
		tst_fields_grow(out);
	out->f[out->n++] = (struct tst_str){s, n};
}
/* Frees out's storage. */
void tst_fields_free(struct tst_fields *out);

/* row.c: fixed and keyvalue rows, line classification */

/*
 * The helpers below run once or more for every line read, so they are
 * inline: they are the checker's innermost loop.
 */

/* Java's String.trim(): drops bytes <= 0x20 at both ends. */
static inline struct tst_str tst_trim(const char *s, size_t n)
{
	while (n && (unsigned char)*s <= ' ') {
		s++;
		n--;
	}
	while (n && (unsigned char)s[n - 1] <= ' ')
		n--;
	return (struct tst_str){s, n};
}

/*
 * Whether the three bytes at s are a space that Java's Character.isWhitespace
 * knows beyond ASCII: U+1680, U+2000-U+2006, U+2008-U+200A, U+2028, U+2029,
 * U+205F or U+3000 (not the no-break spaces U+00A0, U+2007, U+202F).
 */
static inline bool tst_is_wide_space(const unsigned char *s)
{
	if (s[0] == 0xe2 && s[1] == 0x80)
		return (s[2] >= 0x80 && s[2] <= 0x8a && s[2] != 0x87) || s[2] == 0xa8 || s[2] == 0xa9;
	return (s[0] == 0xe1 && s[1] == 0x9a && s[2] == 0x80) || (s[0] == 0xe2 && s[1] == 0x81 && s[2] == 0x9f) ||
	       (s[0] == 0xe3 && s[1] == 0x80 && s[2] == 0x80);
}

/* Whether s is blank: only whitespace (Java's Character.isWhitespace). */
static inline bool tst_is_blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c >= '\t' && c <= '\r') || (c >= 0x1c && c <= ' '))
			continue;
		if (c < 0xe1 || n - i < 3 || !tst_is_wide_space((const unsigned char *)s + i))
			return false;
		i += 2;
	}
	return true;
}
/* Comment styles, as bits. */
enum {
	TST_COMMENT_HASH = 1,
	TST_COMMENT_SLASH = 2,
	TST_COMMENT_SEMICOLON = 4
};

/* The comment styles a source's parse settings enable. */
unsigned tst_comment_styles(const struct tst_parse *p);
/* Whether s is a comment line in one of the enabled TST_COMMENT_* styles. */
bool tst_is_comment(const char *s, size_t n, unsigned styles);
/* First occurrence of needle[0..m) in s[0..n), or NULL. */
const char *tst_find(const char *s, size_t n, const char *needle, size_t m);
/* Cuts a fixed-mode line at the given character positions into out (at most limit fields). */
void tst_row_fixed(const size_t *pos, size_t npos, const char *s, size_t n, struct tst_fields *out,
		   size_t limit);
/* Cuts a keyvalue line into out (at most limit fields); false when the line is not a row. */
bool tst_row_keyvalue(const struct tst_tokenizer *t, const char *sep, size_t seplen, bool optional,
		      const char *s, size_t n, struct tst_fields *out, size_t limit);

/* lines.c: cutting a byte stream into lines */

enum tst_eol {
	TST_EOL_ANY,                    /* files: \n, \r\n and \r; a final terminator adds no line */
	TST_EOL_LF_TRIM                 /* command output: \n; trailing empty lines dropped */
};

typedef void tst_line_fn(void *ctx, char *line, size_t n);
/* Takes as many whole lines from the start of s[0..n) as it can without the line-by-line path: their bytes. */
typedef size_t tst_lines_skim_fn(void *ctx, const char *s, size_t n);

/* The longest line kept; longer ones are dropped and counted in too_long. */
#define TST_LINE_MAX (128 * 1024 * 1024)

struct tst_lines {
	enum tst_eol eol;
	tst_line_fn *fn;
	void *ctx;
	char *buf;
	size_t len, cap;
	bool skip_lf;                   /* the last chunk ended in \r */
	size_t pending_empty;           /* empty lines held back (TST_EOL_LF_TRIM) */
	bool skipping;                  /* inside a line longer than TST_LINE_MAX */
	size_t too_long;                /* such lines dropped */
	tst_lines_skim_fn *skim;        /* the skimmer in front of fn, or NULL */
};

/* Starts a splitter that calls fn with each line, NUL-terminated in a writable buffer. */
void tst_lines_init(struct tst_lines *l, enum tst_eol eol, tst_line_fn *fn, void *ctx);
/* Room for at least want more bytes; *avail is set to what there is. */
char *tst_lines_space(struct tst_lines *l, size_t want, size_t *avail);
/* Takes n bytes written at tst_lines_space and passes on each complete line. */
void tst_lines_commit(struct tst_lines *l, size_t n);
/* Copies n bytes in and passes on each complete line. */
void tst_lines_feed(struct tst_lines *l, const char *s, size_t n);
/* Passes on the last, unterminated line (unless last_line is false) and frees the splitter. */
void tst_lines_finish(struct tst_lines *l, bool last_line);

/* lookup.c: all property queries of a source, looked up by hashing */

struct tst_lookup_group;

struct tst_lookup {
	const struct tst_source *src;
	size_t *need;                   /* per section: fields that key matching reads, or SIZE_MAX */
	size_t *first;                  /* per section: its first group, index + 1 */
	struct tst_lookup_group *groups;
	size_t ngroups;
	uint32_t *next;                 /* next query with the same keys, index + 1 */
};

/* The hash of a key tuple, with ASCII case folded when fold is set; rows hash their key columns the same way. */
uint64_t tst_lookup_hash(const char *const *keys, size_t nkeys, bool fold);
/* Builds the lookup tables for src's queries. */
void tst_lookup_init(struct tst_lookup *lk, const struct tst_source *src);
/* Whether any query looks at rows of this section. */
bool tst_lookup_wants(const struct tst_lookup *lk, size_t section);
/* Completes a row that was cut only as far as lookup needed. */
typedef void tst_row_fn(void *ctx);

/*
 * Matches one row of section against the queries, updating results.  The
 * row may hold only the fields key matching reads (need[section]); complete
 * is called once, before the first match uses its values (NULL: the row is
 * already whole).
 */
void tst_lookup_row(const struct tst_lookup *lk, size_t section, const struct tst_fields *row,
		    struct tst_value *results, tst_row_fn *complete, void *ctx);
/*
 * How many slots a lookup of a key that is not there reads, on average
 * over the slots it may start from, in the worst of the hash tables.
 */
double tst_lookup_miss_cost(const struct tst_lookup *lk);
/* Frees the lookup tables. */
void tst_lookup_free(struct tst_lookup *lk);

/* prefilter.c: the fast path, rows turned away by their first key before they are cut */

struct tst_prefilter_section {
	bool on;
	size_t column;                  /* the key column: where a row's first key is */
	unsigned shift;                 /* 64 - log2(bits in the filter) */
	const unsigned long long *bits; /* a Bloom filter of the queries' first keys: the tables', or owned */
	unsigned long long *owned;      /* the filter, where the checker built it */
};

struct tst_prefilter {
	const struct tst_parse *parse;
	const struct tst_tokenizer *tokens;
	size_t seplen;
	bool low_delims;                /* every delimiter is a byte below '!' */
	bool full_path;                 /* TST_FULL_PATH: no fast path at all */
	struct tst_prefilter_section *sections;
};

enum tst_prefilter_verdict {
	TST_ROW_CANDIDATE,              /* it may match: cut it and look it up */
	TST_ROW_UNWANTED,               /* a row that no query wants: only count it */
	TST_ROW_NONE,                   /* no row at all (keyvalue without separator) */
};

/* Builds the filters of src's sections; t is the pass's tokenizer, which must outlive pf. */
void tst_prefilter_init(struct tst_prefilter *pf, const struct tst_source *src, const struct tst_tokenizer *t);
/* What to do with the row s[0..n) of a section whose rows lookup.c wants. */
enum tst_prefilter_verdict tst_prefilter_row(const struct tst_prefilter *pf, size_t section, const char *s,
					     size_t n);
void tst_prefilter_free(struct tst_prefilter *pf, size_t nsections);

/* skim.c: the skimmer, whole buffers of lines that no query wants (skim.h) */

struct tst_skimmer {
	bool on;                        /* the source's lines can be skimmed */
	struct tst_skim_source source;
	struct tst_skim_section *sections;
	bool *ok;                       /* per section: its rows can be skimmed */
	struct tst_skim_section unread; /* lines in no section that is read */
};

/* Sets up the skimmer of a source read with t, pf and lk, which must outlive it. */
void tst_skimmer_init(struct tst_skimmer *sk, const struct tst_source *src, const struct tst_tokenizer *t,
		      const struct tst_prefilter *pf, const struct tst_lookup *lk);
/*
 * Skims at most max lines of section (SIZE_MAX: none that is read) from the
 * start of s[0..n), counting them into *out; how many bytes it took.
 */
size_t tst_skimmer_run(const struct tst_skimmer *sk, size_t section, const char *s, size_t n, size_t max,
		       struct tst_skim_count *out);
void tst_skimmer_free(struct tst_skimmer *sk);

/* bloom.c: the prefilter's Bloom filters, for the runtime and for tstcc */

/*
 * Whether section s of src can have a filter, rows being cut with wide
 * (multi-byte) delimiters or not; its key column, and its size as
 * 64 - log2(bits).
 */
bool tst_bloom_plan(const struct tst_source *src, size_t s, bool wide, size_t *column, unsigned *shift);
/* The words of a filter of that size. */
size_t tst_bloom_words(unsigned shift);
/* Sets bits (tst_bloom_words(shift) of them) to section s's queries' first keys. */
void tst_bloom_fill(const struct tst_source *src, size_t s, unsigned shift, unsigned long long *bits);

/* pass.c: one source read in one pass */

/* What one pass over a source found. */
struct tst_answers {
	struct tst_value *results;      /* per query, their storage in pool */
	size_t *rows;                   /* per section */
	bool *seen;                     /* per section: a header named it (blocks: its block opened) */
	size_t **siblings;              /* blocks: per section and level, the blocks of its name where it looks */
	size_t nsections;
	struct tst_pool pool;
	char *display;                  /* the source as reports show it, where it ran said; or NULL: src->display */
};

/* Where commands run when files are read under --root DIR. */
enum tst_commands {
	TST_COMMANDS_UNSAID,            /* under --root: they are not run at all */
	TST_COMMANDS_HOST,              /* on the host, as without --root */
	TST_COMMANDS_CHROOT             /* chrooted into DIR */
};

/* Error messages from a pass: ERROR lines of the report. */
typedef void tst_pass_error_fn(void *ctx, const char *msg);
/* Warnings (stderr output of a command). */
typedef void tst_pass_warn_fn(void *ctx, const char *msg, size_t n);

/*
 * Every row of a source, in place of its queries (tstcc --snapshot): the
 * name of its section (NULL: the top level), the line it starts on, and
 * its fields, cut whole.
 */
typedef void tst_pass_row_fn(void *ctx, const char *section, size_t section_len, unsigned long line,
			     const struct tst_fields *row);

struct tst_pass_io {
	long timeout_ms;                /* per source */
	bool timeout_is_deadline;       /* timeout_ms is what was left before the run's deadline */
	long long deadline_at;          /* monotonic ms when reading must stop, 0: never */
	const char *root;               /* files are read under this directory, or NULL */
	enum tst_commands commands;     /* how commands run under root */
	tst_pass_error_fn *error;
	tst_pass_warn_fn *warn;
	tst_pass_row_fn *row;           /* NULL: rows meet the queries */
	void *ctx;
};

/* Reads src and answers all of its queries into a. */
void tst_pass_run(const struct tst_source *src, const struct tst_pass_io *io, struct tst_answers *a);
/* Gives a empty answers for src: no values, no rows, only the top level seen. */
void tst_answers_init(const struct tst_source *src, struct tst_answers *a);
/* Frees what tst_pass_run put in a. */
void tst_answers_free(struct tst_answers *a);

/* blocks.c: nested blocks (blocks, an extension) */

/* Deeper blocks are an error, and what is inside them is not read: memory stays bounded. */
#define TST_BLOCK_DEPTH_MAX 1000

struct tst_blocks_io {
	/* A row of section (0: the top level); a row in several sections' block comes once for each. */
	void (*row)(void *ctx, size_t section, const char *s, size_t n);
	/* What is wrong with the blocks at a line of the current file. */
	void (*error)(void *ctx, size_t line, const char *msg);
	void *ctx;
};

struct tst_block_frame;

struct tst_block_reader {
	const struct tst_source *src;
	struct tst_answers *a;
	struct tst_blocks_io io;
	struct tst_block_frame *frames; /* the open blocks, outermost first */
	size_t depth, frames_cap;
	size_t overflow;                /* blocks open beyond TST_BLOCK_DEPTH_MAX */
	size_t *stack;                  /* the sections each open block matches (frames' slices) */
	size_t nstack, stack_cap;
	char *names;                    /* the open blocks' names, one after another */
	size_t names_len, names_cap;
	char *scratch;
	size_t scratch_cap;
	char *held;                     /* braces: a row without `;`, which a `{` next would make a name */
	size_t held_len, held_cap, held_line;
	bool holding;
};

void tst_blocks_init(struct tst_block_reader *b, const struct tst_source *src, struct tst_answers *a,
		     const struct tst_blocks_io *io);
/* One row of the source (its comment cut, its lines joined), which began at line. */
void tst_blocks_row(struct tst_block_reader *b, const char *s, size_t n, size_t line);
/*
 * The end of a file, whole or not (read_lines, a time limit): the blocks
 * still open in a whole file are errors; the next file starts at the top level.
 */
void tst_blocks_end(struct tst_block_reader *b, bool whole);
void tst_blocks_free(struct tst_block_reader *b);
/*
 * Why section's block is not there to read (undefined, or ambiguous where
 * its path gives no index), into msg; false when it is.
 */
bool tst_blocks_why_not(const struct tst_source *src, const struct tst_answers *a, size_t section, char *msg,
			size_t size);

/* The blocks part (tst.h): the functions above. */
struct tst_blocks_ops {
	void (*init)(struct tst_block_reader *b, const struct tst_source *src, struct tst_answers *a,
		     const struct tst_blocks_io *io);
	void (*row)(struct tst_block_reader *b, const char *s, size_t n, size_t line);
	void (*end)(struct tst_block_reader *b, bool whole);
	void (*free)(struct tst_block_reader *b);
	bool (*why_not)(const struct tst_source *src, const struct tst_answers *a, size_t section, char *msg,
			size_t size);
};

/* assert.c */

/* Whether value passes the check. */
bool tst_check_value(const struct tst_check *check, const struct tst_value *value);

/* match.c */

/* Whether re matches within s[0..n) (patterns from tstcc anchor themselves); with m, nm subexpressions are filled in. */
bool tst_match(const regex_t *re, const char *s, size_t n, regmatch_t *m, size_t nm);

/* The regex part (tst.h): the C library's regcomp, regerror and regfree, and tst_match. */
struct tst_regex_ops {
	int (*compile)(regex_t *re, const char *ere, int flags);
	size_t (*error)(int code, const regex_t *re, char *msg, size_t size);
	bool (*match)(const regex_t *re, const char *s, size_t n, regmatch_t *m, size_t nm);
	void (*free)(regex_t *re);
};

#endif
