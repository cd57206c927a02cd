/*
 * libFuzzer harness over the runtime's parsers: the first bytes of the
 * input choose a source's parse settings (mode, delimiters, quote, empty
 * tokens, key separator, positions, comment styles, line limits, sections,
 * inline comment marks, continuation lines, keys ignoring case and nested
 * blocks) and a few queries (their values cut by split_values or not); the
 * rest is the file the checker reads.  The pass must
 * neither crash nor leak, whatever the bytes, and every assertion must be
 * able to test what it found.  Each input is read twice, through the
 * prefilter and with TST_FULL_PATH=1: the fast path may only save time, so
 * any difference in the answers aborts.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const headers[] = {
	NULL, "^([[:space:]]*)\\[(.*)\\][[:space:]]*$", "^[[:space:]]*<(.*)>[[:space:]]*$",
};
static const char *const sections[] = {"", "main", "x", "a b"};
static const size_t positions[] = {0, 2, 5, 9};
static const size_t columns[] = {1, 0, 3};
static const char *const marks[] = {NULL, "#", "//", ";"};
/* With blocks, the sections above are these paths. */
static const struct tst_block_level main1[] = {{"main", 1, true}};
static const struct tst_block_level main2_x[] = {{"main", 2, false}, {"x", 1, true}};
static const struct tst_block_level ab_x[] = {{"a b", 1, true}, {"x", 3, false}};
static const struct tst_block_path paths[] = {{NULL, 0}, {main1, 1}, {main2_x, 2}, {ab_x, 2}};

static void ignore_error(void *ctx, const char *msg)
{
	(void)ctx;
	(void)msg;
}

static void ignore_warning(void *ctx, const char *text, size_t n)
{
	(void)ctx;
	(void)text;
	(void)n;
}

static bool same_value(const struct tst_value *a, const struct tst_value *b)
{
	if (a->defined != b->defined || a->n != b->n)
		return false;
	for (size_t i = 0; i < a->n; i++) {
		const struct tst_str *x = &a->items[i], *y = &b->items[i];
		if (!x->s != !y->s || x->n != y->n || (x->s && memcmp(x->s, y->s, x->n) != 0))
			return false;
	}
	return true;
}

/* The prefilter is a shortcut: with it off, every answer is the same. */
static void same_without_prefilter(const struct tst_source *src, const struct tst_pass_io *io,
				   const struct tst_answers *fast)
{
	struct tst_answers full;

	setenv("TST_FULL_PATH", "1", 1);
	tst_pass_run(src, io, &full);
	unsetenv("TST_FULL_PATH");
	for (size_t i = 0; i < src->nqueries; i++)
		if (!same_value(&fast->results[i], &full.results[i]))
			abort();
	for (size_t s = 0; s < src->nsections; s++)
		if (fast->rows[s] != full.rows[s] || fast->seen[s] != full.seen[s])
			abort();
	tst_answers_free(&full);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char path[] = "/tmp/tstcc-fuzz-XXXXXX";
	static int fd = -1;
	const char *keys[] = {"a", "b", "main", ""};
	struct tst_query queries[4];
	struct tst_source src = {.line = 1, .path = path, .display = path, .regex_ops = &tst_regex_ops};
	struct tst_pass_io io = {.error = ignore_error, .warn = ignore_warning};
	struct tst_answers answers;
	char delims[4];
	/* A one-byte or a two-byte quote character, or none. */
	static const char *const quotes[] = {"\"", "'", "\xc2\xab", ""};

	if (size < 8)
		return 0;
	if (fd < 0 && (fd = mkstemp(path)) < 0)
		abort();
	memcpy(delims, data + 4, 3);
	delims[3] = '\0';
	src.parse = (struct tst_parse){
		.mode = (enum tst_mode)(1 + data[0] % 3),
		.delimiters = delims, .ndelimiters = 1 + data[1] % 3,
		.quote = quotes[data[7] % 4], .ignore_empty = data[1] & 8,
		.key_separator = data[2] & 1 ? "=" : ": ", .key_separator_optional = data[2] & 2,
		.positions = positions, .npositions = 1 + data[2] % 4,
		.skip_header_lines = data[3] % 3, .read_lines = data[3] & 4 ? data[3] % 7 : TST_UNLIMITED,
		.hash_comments = data[3] & 32, .slash_comments = data[3] & 64, .semicolon_comments = data[3] & 128,
		.header = headers[data[2] % 3], .header_group = 2,
		.footer = data[2] & 16 ? "^}$" : NULL,
		.inline_comment = marks[data[0] / 3 % 4], .inline_comment_anywhere = data[0] / 36 & 1,
		.continuation = (enum tst_continuation)(data[0] / 12 % 3),
		.keys_ignore_case = data[6] & 2,
	};
	if (src.parse.header == headers[2])
		src.parse.header_group = 1;
	src.parse.blocks = (enum tst_blocks)(data[7] / 4 % 3);
	if (src.parse.blocks != TST_BLOCKS_NONE) {
		src.parse.header = src.parse.footer = NULL;
		src.paths = paths;
		src.blocks_ops = &tst_blocks_ops;
	}
	for (size_t i = 0; i < 4; i++)
		queries[i] = (struct tst_query){
			.section = i % 4, .keys = keys + i % 3, .nkeys = data[6] >> (2 * i) & 1,
			.columns = data[5] & (1 << i) ? columns : NULL, .ncolumns = 3,
			.policy = (enum tst_policy)(data[5] >> 4 & 3) % 3,
			.split = data[6] & (i % 2 ? 32 : 8) ? ",=" : NULL,
		};
	src.sections = sections;
	src.nsections = 4;
	src.queries = queries;
	src.nqueries = 4;
	if (ftruncate(fd, 0) || pwrite(fd, data + 8, size - 8, 0) != (ssize_t)(size - 8))
		abort();
	tst_pass_run(&src, &io, &answers);
	same_without_prefilter(&src, &io, &answers);
	for (size_t i = 1; src.paths && i < 4; i++) {
		char msg[256];
		tst_blocks_why_not(&src, &answers, i, msg, sizeof(msg));
	}
	for (size_t i = 0; i < 4; i++)
		for (int kind = TST_ASSERT_EQ; kind <= TST_ASSERT_VERSION_AT_MOST; kind++)
			tst_check_value(&(struct tst_check){(enum tst_assertion)kind, 1, "", keys, 2, "^(a.*|[0-9]+)$", NULL,
							    data[6] & 128, &tst_regex_ops, &tst_compare_ops},
					&answers.results[i]);
	tst_answers_free(&answers);
	return 0;
}
