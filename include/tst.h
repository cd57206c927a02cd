/*
 * tst.h - the tstcc runtime, as seen by a generated checker.
 *
 * tstcc turns each definition into constant tables (what every source is,
 * how its text is cut into rows, which queries it answers) and one function
 * that replays the definition's directives in order.  Everything that can be
 * decided when the definition is built is decided there; what remains for
 * run time is reading each source once and comparing values.
 *
 * Each source is read in a single streaming pass that answers all of its
 * queries at once (see runtime/pass.c), so a checker's memory is bounded by
 * the values it keeps, not by the size of what it reads.
 */
#ifndef TST_H
#define TST_H

#include <stdbool.h>
#include <stddef.h>

#define TST_VERSION "0.1.0"

/*
 * The assertion directives, the one list of them:
 * X(ENUM_SUFFIX, directive name, fewest arguments, most arguments or -1).
 */
#define TST_ASSERTIONS(X)                                       \
	X(EQ, "assert_eq", 0, -1)                               \
	X(DEFINED, "assert_defined", 0, 0)                      \
	X(UNDEFINED, "assert_undefined", 0, 0)                  \
	X(EMPTY, "assert_empty", 0, 0)                          \
	X(NOT_EMPTY, "assert_not_empty", 0, 0)                  \
	X(CONTAINS, "assert_contains", 0, -1)                   \
	X(NOT_CONTAINS, "assert_not_contains", 0, -1)           \
	X(STARTS_WITH, "assert_starts_with", 0, -1)             \
	X(ENDS_WITH, "assert_ends_with", 0, -1)                 \
	X(MATCHES, "assert_matches", 1, -1)                     \
	X(ANY_MATCH, "assert_any_match", 1, -1)                 \
	X(ALL_MATCH, "assert_all_match", 1, -1)                 \
	X(NONE_MATCH, "assert_none_match", 1, -1)               \
	X(ONE_OF, "assert_one_of", 1, -1)                       \
	X(SET_EQ, "assert_set_eq", 0, -1)                       \
	X(SUBSET_OF, "assert_subset_of", 0, -1)                 \
	X(AT_MOST, "assert_at_most", 1, 1)                      \
	X(AT_LEAST, "assert_at_least", 1, 1)                    \
	X(LESS_THAN, "assert_less_than", 1, 1)                  \
	X(GREATER_THAN, "assert_greater_than", 1, 1)            \
	X(VERSION_AT_LEAST, "assert_version_at_least", 1, 1)    \
	X(VERSION_AT_MOST, "assert_version_at_most", 1, 1)

enum tst_assertion {
#define TST_X(id, name, min, max) TST_ASSERT_##id,
	TST_ASSERTIONS(TST_X)
#undef TST_X
};

enum tst_mode {
	TST_MODE_NONE,
	TST_MODE_TOKENIZED,
	TST_MODE_FIXED,
	TST_MODE_KEYVALUE
};

enum tst_policy {
	TST_POLICY_APPEND,
	TST_POLICY_REPLACE,
	TST_POLICY_IGNORE
};

/* Which lines continue the row before them (continuation_lines, an extension). */
enum tst_continuation {
	TST_CONTINUATION_NONE,
	TST_CONTINUATION_INDENTED,      /* a line that starts with a space or a tab */
	TST_CONTINUATION_BACKSLASH      /* the line after one that ends in a backslash */
};

/* How rows open and close nested blocks (blocks, an extension). */
enum tst_blocks {
	TST_BLOCKS_NONE,
	TST_BLOCKS_BRACES,              /* `name {` opens, `}` closes; a `;` ends a directive (nginx) */
	TST_BLOCKS_TAGS                 /* `<Name args>` opens, `</Name>` closes (Apache) */
};

/*
 * The parse settings that are booleans, the one list of them: each is a
 * directive and a field of struct tst_parse.
 * X(ENUM_SUFFIX, directive name, field, default).
 */
#define TST_PARSE_FLAGS(X)                                                              \
	X(IGNORE_EMPTY_TOKENS, "ignore_empty_tokens", ignore_empty, true)              \
	X(KEY_SEPARATOR_OPTIONAL, "key_separator_optional", key_separator_optional, false) \
	X(HASH_COMMENT_ALLOWED, "hash_comment_allowed", hash_comments, false)          \
	X(SLASH_COMMENT_ALLOWED, "slash_comment_allowed", slash_comments, false)       \
	X(SEMICOLON_COMMENT_ALLOWED, "semicolon_comment_allowed", semicolon_comments, false) \
	X(KEYS_IGNORE_CASE, "keys_ignore_case", keys_ignore_case, false)

/* read_lines when it is not set. */
#define TST_UNLIMITED ((size_t)-1)

/* How a source's text becomes a table: the settings in force at its first query. */
struct tst_parse {
	enum tst_mode mode;
	const char *delimiters;         /* each character (UTF-8) is a delimiter */
	size_t ndelimiters;             /* bytes */
	const char *quote;              /* one character, UTF-8 */
	const char *key_separator;      /* NULL: none */
	const size_t *positions;        /* fixed mode: column starts */
	size_t npositions;
	size_t skip_header_lines;
	size_t read_lines;              /* TST_UNLIMITED: all */
	const char *header;             /* POSIX ERE matching a whole line, or NULL */
	int header_group;               /* subexpression holding the section name */
	const char *footer;             /* POSIX ERE, or NULL */
#define TST_X(id, name, field, default) bool field;
	TST_PARSE_FLAGS(TST_X)
#undef TST_X
	/* Extensions (tstconfig(5), EXTENSIONS); zero is the original's behaviour. */
	const char *inline_comment;     /* the mark of a trailing comment on a row, or NULL: none */
	bool inline_comment_anywhere;   /* the mark needs no white space before it */
	enum tst_continuation continuation;
	enum tst_blocks blocks;
	/*
	 * The bytes a header or footer line may start with, as tstcc reads its
	 * patterns: a 256-bit set, bit c of byte c / 8; NULL: any byte may.
	 */
	const unsigned char *section_starts;
};

/* One `property` directive: its keys and the query settings in force. */
struct tst_query {
	unsigned line;                  /* definition line of the directive */
	size_t section;                 /* index into tst_source.sections */
	const char *const *keys;
	size_t nkeys;
	const size_t *columns;          /* column map, or NULL for none */
	size_t ncolumns;
	enum tst_policy policy;
	bool sensitive;                 /* its values are never shown (an extension) */
	const char *split;              /* split_values (an extension): ASCII characters that cut items, or NULL */
};

/* One level of a block path: the index-th block of that name among its siblings. */
struct tst_block_level {
	const char *name;               /* as the block's line names it, white space collapsed */
	size_t index;                   /* from 1 */
	bool only;                      /* written without an index: it must be the only one */
};

/* The block a `block` directive selects (an extension). */
struct tst_block_path {
	const struct tst_block_level *levels;
	size_t nlevels;                 /* 0: the top level */
};

/*
 * The optional parts of the runtime.  The runtime reaches each only
 * through a table's pointer to it, and tstcc points to a part only when
 * the definition uses it (compiler/parts.c), so a checker links no part
 * it does not use.  NULL: not used.
 */
struct tst_blocks_ops;                  /* blocks (runtime/blocks.c) */
struct tst_files_ops;                   /* files sources: globs (runtime/files.c) */
struct tst_command_ops;                 /* command sources, and their launcher (runtime/command.c) */
struct tst_regex_ops;                   /* header and footer patterns, the matchers (runtime/match.c) */
struct tst_compare_ops;                 /* numbers and versions, for the comparisons (runtime/compare.c) */
extern const struct tst_blocks_ops tst_blocks_ops;
extern const struct tst_files_ops tst_files_ops;
extern const struct tst_command_ops tst_command_ops;
extern const struct tst_regex_ops tst_regex_ops;
extern const struct tst_compare_ops tst_compare_ops;

/* One `file`, `files` or `command` directive and everything asked of it. */
struct tst_source {
	unsigned line;                  /* definition line of the directive */
	const char *path;               /* file source, or NULL */
	const char *const *argv;        /* command source, NULL-terminated, or NULL */
	const char *display;            /* the File: or Command: text of a report */
	const char *const *patterns;    /* files source (an extension): paths and patterns, or NULL */
	size_t npatterns;
	struct tst_parse parse;
	const char *const *sections;    /* section names queried; [0] is the top level */
	size_t nsections;
	const struct tst_block_path *paths;        /* blocks: per section, the block it is; or NULL */
	const struct tst_query *queries;
	size_t nqueries;
	/* The optional parts its reading needs (see above), each NULL when it needs none. */
	const struct tst_blocks_ops *blocks_ops;   /* parse.blocks is set */
	const struct tst_files_ops *files_ops;     /* patterns */
	const struct tst_command_ops *command_ops; /* argv */
	const struct tst_regex_ops *regex_ops;     /* parse.header or parse.footer */
	/*
	 * Per section: the Bloom filter of its queries' first keys (the
	 * runtime's prefilter), as tstcc worked it out; NULL where the
	 * section has none, or the checker works it out.
	 */
	const unsigned long long *const *blooms;
};

/* How much a failed check matters (`severity`, an extension); NONE: not said. */
#define TST_SEVERITIES(X) X(INFO, "info") X(LOW, "low") X(MEDIUM, "medium") X(HIGH, "high") X(CRITICAL, "critical")

enum tst_severity {
	TST_SEVERITY_NONE,
#define TST_X(id, name) TST_SEVERITY_##id,
	TST_SEVERITIES(TST_X)
#undef TST_X
};

/* A `check` directive (an extension): what an auditor calls the assertions it groups. */
struct tst_meta {
	unsigned line;                  /* definition line of the `check` */
	const char *id;                 /* never empty */
	const char *title;              /* "" when the check has none */
	enum tst_severity severity;
};

/* One assertion directive. */
struct tst_check {
	enum tst_assertion kind;
	unsigned line;
	const char *text;               /* directive and arguments, for the report */
	const char *const *args;
	size_t nargs;
	const char *pattern;            /* the matchers' arguments as a POSIX ERE, or NULL */
	const struct tst_meta *meta;    /* the check it belongs to, or NULL */
	bool ignore_case;               /* values_ignore_case (an extension): compare ignoring ASCII case */
	/* The optional part its test needs (see struct tst_source), NULL when it needs none. */
	const struct tst_regex_ops *regex_ops;     /* a matcher */
	const struct tst_compare_ops *compare_ops; /* a comparison */
};

/* What a directive does when the checker runs; settings leave no step. */
enum tst_op {
	TST_OP_SOURCE,                  /* read source `index`, answering all its queries */
	TST_OP_SECTION,                 /* select section `index` (0: the top level) */
	TST_OP_SECTION_SIZE,            /* the value becomes the selected section's row count */
	TST_OP_PROPERTY,                /* the value becomes the answer to query `index` */
	TST_OP_ASSERT                   /* test the value with check `index` */
};

/* A step names what it works on by index, which keeps checkers small. */
struct tst_step {
	enum tst_op op;
	unsigned line;                  /* of the directive */
	size_t index;                   /* the source, section, query or check */
};

struct tst_run;

/* One definition file compiled into the checker. */
struct tst_definition {
	const char *name;               /* as given to tstcc */
	const char *sha256;             /* of its text, in hex */
	const char *text;               /* the definition exactly as compiled */
	size_t text_len;
	const struct tst_source *const *sources;   /* in order */
	size_t nsources;
	const struct tst_check *checks; /* its assertions, in order */
	const struct tst_step *steps;   /* its directives, in order */
	size_t nsteps;
	void (*debug)(struct tst_run *run);        /* tstcc -g: runs the steps one line each */
};

/*
 * The layout of the tables above.  Generated code checks it when it is
 * compiled, and reaches tst_main by a name that carries it, so a checker
 * built against another runtime fails to compile or to link rather than
 * run on tables it misreads.  Any change to the structures above bumps it.
 */
#define TST_TABLES_VERSION 7
#define tst_main tst_main_tables_v7

/* Runs one step of the definition being run. */
void tst_step(struct tst_run *run, const struct tst_step *step);
/* Parses the checker's options, runs the definitions, reports; returns the exit status. */
int tst_main(int argc, char **argv, const struct tst_definition *defs, size_t ndefs);

#endif
