/*
 * The directives of the language, the one list of them:
 * X(ENUM_SUFFIX, name, class, fewest arguments, most arguments or -1).
 * The assertions come from TST_ASSERTIONS and the boolean parse settings
 * from TST_PARSE_FLAGS, in tst.h, shared with the runtime.
 *
 * Classes: SOURCE starts a source; PARSE shapes its table and counts only
 * before its first query; QUERYSET applies to the queries after it; QUERY
 * reads the table; ASSERT tests the value; META names the assertions that
 * follow (and may come before any source).
 */
#ifndef TSTCC_DIRECTIVES_H
#define TSTCC_DIRECTIVES_H

#define DIRECTIVES(X)                                                   \
	X(FILE, "file", SOURCE, 1, -1)                                  \
	X(FILES, "files", SOURCE, 1, -1)                                \
	X(COMMAND, "command", SOURCE, 1, -1)                            \
	X(PARSE_MODE, "parse_mode", PARSE, 1, 1)                        \
	X(SYNTAX, "syntax", PARSE, 1, 1)                                \
	X(SEPARATOR, "separator", PARSE, 0, -1)                         \
	X(QUOTE_CHAR, "quote_char", PARSE, 1, 1)                        \
	X(KEY_SEPARATOR, "key_separator", PARSE, 1, -1)                 \
	X(POSITIONS, "positions", PARSE, 1, -1)                         \
	X(SKIP_HEADER_LINES, "skip_header_lines", PARSE, 1, 1)          \
	X(READ_LINES, "read_lines", PARSE, 0, 1)                        \
	X(SECTION_HEADER_PATTERN, "section_header_pattern", PARSE, 1, -1) \
	X(SECTION_FOOTER_PATTERN, "section_footer_pattern", PARSE, 1, -1) \
	X(INLINE_COMMENT, "inline_comment", PARSE, 1, 2)                \
	X(CONTINUATION_LINES, "continuation_lines", PARSE, 1, 1)        \
	X(BLOCKS, "blocks", PARSE, 1, 1)                                \
	X(COLUMNS, "columns", QUERYSET, 1, -1)                          \
	X(DUPLICATES_POLICY, "duplicates_policy", QUERYSET, 1, 1)       \
	X(SENSITIVE, "sensitive", QUERYSET, 1, 1)                       \
	X(VALUES_IGNORE_CASE, "values_ignore_case", QUERYSET, 1, 1)     \
	X(SPLIT_VALUES, "split_values", QUERYSET, 0, -1)                \
	X(SECTION, "section", QUERY, 0, -1)                             \
	X(SECTION_SIZE, "section_size", QUERY, 0, 0)                    \
	X(BLOCK, "block", QUERY, 1, -1)                                 \
	X(PROPERTY, "property", QUERY, 0, -1)                           \
	X(VARIABLES, "variables", GLOBAL, 1, 1)                         \
	X(DEFINE, "define", GLOBAL, 1, -1)                              \
	X(CHECK, "check", META, 0, -1)                                  \
	X(SEVERITY, "severity", META, 1, 1)                             \
	X(END_CHECK, "end_check", META, 0, 0)

/*
 * tstcc's extensions of the language, which -std=tstconfig-0.3 refuses:
 * X(ENUM_SUFFIX) of a directive above.
 */
#define EXTENSIONS(X)                                                                              \
	X(FILES) X(SENSITIVE) X(INLINE_COMMENT) X(CONTINUATION_LINES) X(ASSERT_MATCHES) X(ASSERT_ANY_MATCH) \
	X(ASSERT_ALL_MATCH) X(ASSERT_NONE_MATCH) X(ASSERT_ONE_OF) X(ASSERT_SET_EQ) X(ASSERT_SUBSET_OF)        \
	X(ASSERT_AT_MOST) X(ASSERT_AT_LEAST) X(ASSERT_LESS_THAN) X(ASSERT_GREATER_THAN)                     \
	X(ASSERT_VERSION_AT_LEAST) X(ASSERT_VERSION_AT_MOST) X(VARIABLES) X(DEFINE) X(CHECK) X(SEVERITY)  \
	X(END_CHECK) X(KEYS_IGNORE_CASE) X(VALUES_IGNORE_CASE) X(SPLIT_VALUES) X(BLOCKS) X(BLOCK)

/* Keyword arguments, one list a line: X(list, word, value). */
#define KEYWORDS(X)                                                                                     \
	X(MODE, "tokenized", TST_MODE_TOKENIZED) X(MODE, "fixed", TST_MODE_FIXED)                      \
	X(MODE, "keyvalue", TST_MODE_KEYVALUE)                                                         \
	X(POLICY, "append", TST_POLICY_APPEND) X(POLICY, "replace", TST_POLICY_REPLACE)                \
	X(POLICY, "ignore", TST_POLICY_IGNORE)                                                         \
	X(PRESET, "apache", PRESET_APACHE) X(PRESET, "apt", PRESET_APT) X(PRESET, "ini", PRESET_INI)   \
	X(PRESET, "etc_passwd", PRESET_ETC) X(PRESET, "etc_group", PRESET_ETC)                          \
	X(PRESET, "etc_shadow", PRESET_ETC)                                                            \
	X(BOOLEAN, "true", 1) X(BOOLEAN, "false", 0)                                                   \
	X(PLACEMENT, "after_space", 0) X(PLACEMENT, "anywhere", 1)                                     \
	X(CONTINUATION, "indented", TST_CONTINUATION_INDENTED)                                         \
	X(CONTINUATION, "backslash", TST_CONTINUATION_BACKSLASH)                                       \
	X(BLOCKS, "braces", TST_BLOCKS_BRACES) X(BLOCKS, "tags", TST_BLOCKS_TAGS)
/* The SEVERITY list comes from TST_SEVERITIES in tst.h. */

#endif
