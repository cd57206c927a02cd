/*
 * tstcc.h - the compiler's one header: locations, the syntax tree, the
 * checked program, and a section for each .c file.
 *
 * The pipeline: lex.re and parse.y turn a definition file into a list of
 * directives (words with their locations, nothing interpreted); sema.c
 * checks them and lowers them to the runtime's own tables (struct
 * tst_definition, include/tst.h); emit.c prints those tables as C; driver.c
 * runs $CC over it.
 */
#ifndef TSTCC_H
#define TSTCC_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "tst.h"
#include "directives.h"

/* A place in a definition file: 1-based line and byte column, byte span. */
struct loc {
	unsigned line, col;
	size_t off, len;
};

struct srcfile {
	const char *name;               /* as given on the command line */
	const char *text;
	size_t len;
};

/* A word of a definition line, quotes removed. */
struct word {
	char *s;                        /* NUL-terminated; holds no NUL */
	size_t len;
	struct loc loc;
	bool quoted;                    /* written with quotes */
	bool expanded;                  /* a variable was expanded in it: columns inside it are approximate */
	struct word *next;
};

enum dir_kind {
#define D(id, name, cls, min, max) DIR_##id,
	DIRECTIVES(D)
#undef D
#define F(id, name, field, default) DIR_##id,
	TST_PARSE_FLAGS(F)
#undef F
#define A(id, name, min, max) DIR_ASSERT_##id,
	TST_ASSERTIONS(A)
#undef A
	DIR_COUNT
};

enum dir_class { SOURCE, PARSE, QUERYSET, QUERY, ASSERT, GLOBAL, META };

struct directive {
	struct word *name;
	struct word *args;              /* list */
	struct word *last_arg;
	size_t nargs;
	struct directive *next;
	const char *error;              /* a line the lexer or parser rejected: why */
	struct loc error_loc;
	enum dir_kind kind;             /* set by sema.c */
};

/*
 * One definition file: its text, its directives, and what the checking
 * pass made of them, the runtime's own tables (include/tst.h), which
 * emit.c prints as C.
 */
struct unit {
	struct srcfile file;
	struct directive *dirs;
	struct tst_definition *def;     /* NULL until sema_unit succeeds */
	bool head;                      /* what tstcc --snapshot reads: a source needs no assertion */
};

/* arena.c: the compiler's memory, freed all at once at exit */

/* Reports that memory ran out and exits with status 2. */
_Noreturn void out_of_memory(void);
/* realloc that calls out_of_memory on failure, for buffers outside the arena. */
void *xrealloc(void *p, size_t n);

/* Zeroed memory that lives until arena_free. */
void *arena_alloc(size_t n);
/* An arena copy of s[0..n), NUL-terminated. */
char *arena_strndup(const char *s, size_t n);
/* Grows an arena array of *cap elements of size bytes to hold need. */
void *arena_grow(void *p, size_t *cap, size_t need, size_t size);
/* An arena string formatted like printf. */
char *arena_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The same with a va_list. */
char *arena_vprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));
/* Frees everything allocated. */
void arena_free(void);

/* diag.c: gcc-style diagnostics */

struct diag_options {
	bool werror;                    /* warnings count as errors */
	bool no_warnings;
	bool color;
	bool json;                      /* --diagnostics-format=json */
	unsigned max_errors;            /* 0: no cap */
};

extern struct diag_options diag_options;

/* error at loc in f; at most one error is shown per line */
void error_at(const struct srcfile *f, struct loc loc, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* warning at loc in f */
void warning_at(const struct srcfile *f, struct loc loc, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* note at loc, after an error or warning that was shown; with_source adds the line and caret */
void note_at(const struct srcfile *f, struct loc loc, bool with_source, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* an error of tstcc's own (usage, I/O, $CC), not tied to a definition line; counted */
void tool_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* forgets every diagnostic so far (for a fuzzer's next input) */
void diag_reset(void);
/* writes what was collected for --diagnostics-format=json */
void diag_finish(void);
/* errors (and warnings under -Werror) so far */
unsigned diag_error_count(void);
/* a word quoted for a message: non-printing bytes escaped, long words cut */
char *diag_quote(const char *s, size_t n);

/* lex.re */

struct lexer {
	const struct srcfile *file;
	const unsigned char *cur, *lim, *tok, *mar, *line_start;
	unsigned line;
	bool at_line_start;
	bool in_line;                   /* a NEWLINE is owed before the end */
	const char *error;              /* what is wrong with this line, if anything */
	struct loc error_loc;
};

/* Starts lexing f, whose text is followed by a NUL byte. */
void lexer_init(struct lexer *lx, const struct srcfile *f);
/* The next token (parse.h's codes; 0 at the end); a WORD's word and every token's place. */
int lexer_next(struct lexer *lx, struct word **word, struct loc *loc);

/* args.c: reading directive arguments */

enum preset { PRESET_APACHE, PRESET_APT, PRESET_ETC, PRESET_INI };
enum kwlist { MODE, POLICY, PRESET, BOOLEAN, PLACEMENT, CONTINUATION, SEVERITY, BLOCKS };

/* The arguments of d joined by one space; *len gets its length unless NULL. */
char *joined(const struct directive *d, size_t *len);
/* Reads w as a non-negative int into *out, or reports why not. */
bool count_arg(const struct srcfile *f, const struct word *w, size_t *out);
/* Reads every argument of d as count_arg does; NULL if any is not one. */
size_t *count_args(const struct srcfile *f, const struct directive *d);
/* Reads w as a keyword of list (booleans in any letter case), or reports it with a suggestion. */
bool keyword_arg(const struct srcfile *f, enum kwlist list, const struct word *w, int *value);
/* The closest of names[0..n) to s, or NULL if none is close. */
const char *suggest(const char *s, const char *const *names, size_t n);
/* A "did you mean" note for w, if one of names is close. */
void suggest_note(const struct srcfile *f, const struct word *w, const char *const *names, size_t n);
/* The place of bytes [i, i + len) of w's text in f; the whole word once a variable was expanded in it. */
struct loc loc_in_word(const struct srcfile *f, const struct word *w, size_t i, size_t len);

/* vars.c: variables (tstconfig(5), EXTENSIONS: variables, define; tstcc -D) */

struct var {
	const char *name, *value;
	bool command_line;              /* from -D, which a define does not replace */
	bool used;                      /* some ${NAME} referred to it */
};

struct vars {
	struct var *v;
	size_t n, cap;
};

/* Whether s[0..n) is a variable name: [A-Za-z_][A-Za-z0-9_]*. */
bool var_name_valid(const char *s, size_t n);
/* Gives name (kept, not copied) the value; a define does not replace a -D. */
void vars_set(struct vars *vs, const char *name, const char *value, bool command_line);
/* Replaces the references in w's text; false after an error (reported). */
bool vars_expand(const struct srcfile *f, struct vars *vs, struct word *w);
/* Forgets what a definition's defines set, before the next definition. */
void vars_forget_defines(struct vars *vs);
/* Warns about each -D that no definition referred to. */
void vars_warn_unused(const struct vars *vs);

/* settings.c: parse settings */

/* Sets p to the settings of a new source. */
void settings_default(struct tst_parse *p);
/* Checks PARSE directive d and applies it to p; false if it had an error. */
bool settings_apply(const struct srcfile *f, const struct directive *d, struct tst_parse *p);
/*
 * Translates the Java pattern that d's arguments make into a POSIX ERE
 * (*ere) and, unless group is NULL, the subexpression of its group 1;
 * header: it must have that group.  False if it had an error.
 */
bool pattern_arg(const struct srcfile *f, const struct directive *d, bool header, bool fold, const char **ere,
		 int *group);
/* Reads split_values' characters into *split (NULL: none); false if it had an error. */
bool split_values_arg(const struct srcfile *f, const struct directive *d, const char **split);

/* meta.c: check, severity and end_check (an extension) */

struct meta_state {
	const struct srcfile *f;
	struct tst_meta *open;          /* the check the assertions now belong to, or NULL */
	const struct directive *open_dir;
	const struct directive *severity_dir;   /* of the open check, or NULL */
	size_t assertions;              /* in the open check */
	unsigned errors_before;         /* the error count when it opened */
	const struct directive **seen;  /* every check with a good id so far */
	size_t nseen, seen_cap;
};

/* Checks a META directive d and applies it. */
void meta_directive(struct meta_state *m, const struct directive *d);
/* The check of an assertion that comes now (NULL: none); counts it. */
const struct tst_meta *meta_assertion(struct meta_state *m);
/* The end of the definition ends the open check. */
void meta_finish(struct meta_state *m);

/* warn.c: warnings about arguments that do not mean what they seem */

/* A '#' word after d's first argument, which looks like a comment and is none. */
void warn_hash_argument(const struct srcfile *f, const struct directive *d, bool assertion);
/* An empty word ("") the lexer dropped from a property's keys. */
void warn_dropped_key(const struct srcfile *f, const struct directive *d);
/* A property with more keys than the column map in force (set by columns) has columns. */
void warn_missing_columns(const struct srcfile *f, const struct directive *d, const struct directive *columns);
/* An assert_not_contains argument holding a delimiter of the source p whose query q set the value. */
void warn_split_element(const struct srcfile *f, const struct directive *d, const struct tst_parse *p,
			const struct tst_query *q);

/* parse.y */

/* Parses u->file into u->dirs; rejected lines become directives carrying their error. */
void parse_unit(struct unit *u);

/* blooms.c */

/* Per section of src, the prefilter's Bloom filter (NULL where it has none), in the arena; NULL when none has one. */
const unsigned long long *const *source_blooms(const struct tst_source *src);

/* sema.c */

/* The language a definition is checked against (-std). */
enum dialect {
	DIALECT_TSTCC,                  /* tstconfig-0.3 and tstcc's extensions (tstconfig(5), EXTENSIONS) */
	DIALECT_TSTCONFIG_0_3           /* the original's language only */
};

/*
 * Checks u against dialect and lowers it to u->def, expanding variables
 * from vars (the -D values; NULL: none); false if an error was reported.
 */
bool sema_unit(struct unit *u, enum dialect dialect, struct vars *vars);
/* The name of directive kind k. */
const char *directive_name(enum dir_kind k);
/* The class of directive kind k. */
enum dir_class directive_class(enum dir_kind k);
/* Whether directive kind k is an extension, which -std=tstconfig-0.3 refuses. */
bool directive_is_extension(enum dir_kind k);

/* parts.c: the optional parts of the runtime (tst.h) a definition's tables point to */

/* X(ENUM_SUFFIX, the part's name: tst_NAME_ops, and a source's or check's NAME_ops field). */
#define TSTCC_PARTS(X) X(BLOCKS, "blocks") X(FILES, "files") X(COMMAND, "command") X(REGEX, "regex") \
	X(COMPARE, "compare")

enum part {
#define P(id, name) PART_##id,
	TSTCC_PARTS(P)
#undef P
	PART_COUNT
};

extern const char *const part_names[PART_COUNT];
/* The parts src needs, a bit (1 << PART_*) each. */
unsigned source_parts(const struct tst_source *src);
/* The parts c needs. */
unsigned check_parts(const struct tst_check *c);

/* run.c */

/* tstcc --run: runs the units' definitions with the checker's command line; its exit status. */
int run_definitions(const struct unit *units, size_t n, int argc, char **argv);
/* A copy of def whose tables point to the parts of the runtime linked into tstcc that it needs. */
const struct tst_definition *with_parts(const struct tst_definition *def);

/* emit.c */

struct emit_options {
	bool line_directives;           /* -g: #line for each directive */
};

/* Writes the checker's C for units[0..n) (each with its def) to out. */
void emit_program(FILE *out, const struct unit *units, size_t n, const struct emit_options *opt);

/* snapshot.c: tstcc --snapshot */

/*
 * Reads each source of u (a checked definition) as its checker would and
 * writes to out a definition asserting the values it holds now: of the
 * keys u's property directives name or, for a source without any, of
 * every key.  0, or 2 if a source could not be read whole.
 */
int snapshot_unit(FILE *out, const struct unit *u);

/* snapshot_write.c: the text of a snapshot */

/* What the snapshot asserts of one query. */
struct snapshot_query {
	const struct tst_query *q;
	const char *section;            /* NULL: the top level */
	const struct tst_value *value;
	const unsigned long *lines;     /* of the rows it came from */
	size_t nlines;
};

/* The head of a snapshot of definition u. */
void snapshot_write_head(FILE *out, const struct unit *u);
/*
 * A source's directive and the parse settings before its first query, with
 * variables replaced; false if one holds a line break (from a variable).
 */
bool snapshot_write_source(FILE *out, const struct unit *u, const struct tst_source *src);
/* One query and the assertion of its value; *state holds what the directives before it set. */
struct snapshot_state {
	const char *section;
	const size_t *columns;
	size_t ncolumns;
	enum tst_policy policy;
	bool sensitive;
	const char *split;              /* split_values in force, or NULL */
};
void snapshot_write_query(FILE *out, const struct tst_source *src, struct snapshot_state *state,
			  const struct snapshot_query *sq);
/* For a source where no row holds a key: its row count at the top level. */
void snapshot_write_no_keys(FILE *out, size_t rows);

/* driver.c */

struct build_options {
	const char *output;
	bool debug;
	bool static_link;               /* --static */
};

/* Whether path names one of the runtime's own files (libtstrt.a, tst.h). */
bool is_runtime_file(const char *path);
/* Compiles C text with $CC and links the runtime; returns 0 or 2. */
int build_checker(const char *c_text, size_t len, const struct build_options *opt);

#endif
