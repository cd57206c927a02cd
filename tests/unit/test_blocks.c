/*
 * Unit tests for runtime/blocks.c (tstconfig(5), EXTENSIONS: blocks and
 * block): which section each row of a braces or tags source reaches.
 * Nesting, braces on their own line, one-line blocks, quotes and nginx
 * variables, `;` dropped, unbalanced blocks (a `}` too many, a mismatched
 * or stray close tag, a block left open at the end of a file, and a file
 * cut short, which is no error), same-named siblings picked by index, an
 * index beyond the siblings (undefined) and a path without an index that
 * finds several (ambiguous), a block two sections name, a NUL byte in a
 * block's name, and nesting past TST_BLOCK_DEPTH_MAX.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define LV(name, index, only) {name, index, only}
#define PATH(...) {(const struct tst_block_level[]){__VA_ARGS__}, \
	sizeof((const struct tst_block_level[]){__VA_ARGS__}) / sizeof(struct tst_block_level)}

/* What the reader handed on: "S:row" per row, "E:LINE:msg" per error, one a line. */
struct seen {
	char text[8192];
	size_t len;
};

static void on_row(void *ctx, size_t section, const char *s, size_t n)
{
	struct seen *v = ctx;

	v->len += (size_t)snprintf(v->text + v->len, sizeof(v->text) - v->len, "%zu:%.*s\n", section, (int)n, s);
}

static void on_error(void *ctx, size_t line, const char *msg)
{
	struct seen *v = ctx;

	v->len += (size_t)snprintf(v->text + v->len, sizeof(v->text) - v->len, "E:%zu:%s\n", line, msg);
}

struct fixture {
	struct tst_source src;
	struct tst_answers a;
	struct tst_block_reader b;
	struct seen seen;
};

static void start(struct fixture *f, enum tst_blocks style, const char *const *sections,
		  const struct tst_block_path *paths, size_t n)
{
	memset(f, 0, sizeof(*f));
	f->src = (struct tst_source){
		.path = "unused", .display = "unused", .parse = {.blocks = style},
		.sections = sections, .nsections = n, .paths = paths,
	};
	tst_answers_init(&f->src, &f->a);
	tst_blocks_init(&f->b, &f->src, &f->a,
			      &(struct tst_blocks_io){.row = on_row, .error = on_error, .ctx = &f->seen});
}

/* Feeds the lines of text, numbered from 1, and ends the file. */
static void feed(struct fixture *f, const char *text, bool whole)
{
	size_t line = 1;

	for (const char *s = text; *s; line++) {
		const char *nl = strchr(s, '\n');
		size_t n = nl ? (size_t)(nl - s) : strlen(s);
		tst_blocks_row(&f->b, s, n, line);
		s += n + (nl != NULL);
	}
	tst_blocks_end(&f->b, whole);
}

static void finish(struct fixture *f)
{
	tst_blocks_free(&f->b);
	tst_answers_free(&f->a);
}

static const char *const nginx_sections[] = {"", "http", "http > server[1]", "http > server[2]",
					     "http > server[2] > location /api/", "http > server"};
static const struct tst_block_path nginx_paths[] = {
	{NULL, 0},
	PATH(LV("http", 1, true)),
	PATH(LV("http", 1, true), LV("server", 1, false)),
	PATH(LV("http", 1, true), LV("server", 2, false)),
	PATH(LV("http", 1, true), LV("server", 2, false), LV("location /api/", 1, true)),
	PATH(LV("http", 1, true), LV("server", 1, true)),
};

static const char nginx_conf[] =
	"user www-data;\n"
	"http {\n"
	"\tserver_tokens on;\n"
	"\tserver {\n"
	"\t\tserver_tokens off;\n"
	"\t\tlocation / {\n"
	"\t\t\ttry_files $uri =404;\n"
	"\t\t}\n"
	"\t}\n"
	"\tserver\n"
	"\t{\n"
	"\t\tlisten   443  ssl ;\n"
	"\t\tlocation   /api/ {\n"
	"\t\t\tproxy_pass http://x;\n"
	"\t\t}\n"
	"\t}\n"
	"}\n";

static void nesting_and_siblings(void **state)
{
	struct fixture f;
	char msg[256];

	(void)state;
	start(&f, TST_BLOCKS_BRACES, nginx_sections, nginx_paths, 6);
	feed(&f, nginx_conf, true);
	/* The first server's rows reach both of the sections that name it; its location's rows reach none. */
	assert_string_equal(f.seen.text, "0:user www-data\n"
					 "1:server_tokens on\n"
					 "2:server_tokens off\n"
					 "5:server_tokens off\n"
					 "3:listen   443  ssl\n"
					 "4:proxy_pass http://x\n");
	for (size_t i = 1; i < 6; i++)
		assert_true(f.a.seen[i]);
	assert_false(tst_blocks_why_not(&f.src, &f.a, 1, msg, sizeof(msg)));
	assert_false(tst_blocks_why_not(&f.src, &f.a, 3, msg, sizeof(msg)));
	assert_false(tst_blocks_why_not(&f.src, &f.a, 4, msg, sizeof(msg)));
	assert_true(tst_blocks_why_not(&f.src, &f.a, 5, msg, sizeof(msg)));
	assert_string_equal(msg, "block is ambiguous: http > server (2 blocks 'server' in http: say which with [N])");
	finish(&f);
}

static void index_out_of_range(void **state)
{
	static const char *const sections[] = {"", "http > server[3]", "events", "http > server[1] > x"};
	const struct tst_block_path paths[] = {
		{NULL, 0},
		PATH(LV("http", 1, true), LV("server", 3, false)),
		PATH(LV("events", 1, true)),
		PATH(LV("http", 1, true), LV("server", 1, false), LV("x", 1, true)),
	};
	struct fixture f;
	char msg[256];

	(void)state;
	start(&f, TST_BLOCKS_BRACES, sections, paths, 4);
	feed(&f, nginx_conf, true);
	assert_false(f.a.seen[1]);
	assert_true(tst_blocks_why_not(&f.src, &f.a, 1, msg, sizeof(msg)));
	assert_string_equal(msg, "block is undefined: http > server[3] (2 blocks 'server' in http)");
	assert_true(tst_blocks_why_not(&f.src, &f.a, 2, msg, sizeof(msg)));
	assert_string_equal(msg, "block is undefined: events (0 blocks 'events' at the top level)");
	assert_true(tst_blocks_why_not(&f.src, &f.a, 3, msg, sizeof(msg)));
	assert_string_equal(msg, "block is undefined: http > server[1] > x (0 blocks 'x' in http > server[1])");
	finish(&f);
}

static const char *const two[] = {"", "a"};
static const struct tst_block_path a_path[] = {{NULL, 0}, PATH(LV("a", 1, true))};

static void unbalanced_braces(void **state)
{
	struct fixture f;

	(void)state;
	start(&f, TST_BLOCKS_BRACES, two, a_path, 2);
	feed(&f, "k 1;\n}\na {\nb {\n{\nk 2;\n", true);
	assert_string_equal(f.seen.text, "0:k 1\n"
					 "E:2:'}' closes no block\n"
					 "E:5:'{' opens a block with no name\n"
					 "E:3:block 'a' is not closed at the end of the file\n"
					 "E:4:block 'b' is not closed at the end of the file\n"
					 "E:5:block '' is not closed at the end of the file\n");
	finish(&f);
}

/* read_lines or a time limit stopped reading: the blocks still open are no error, and the next file is at the top. */
static void file_cut_short(void **state)
{
	struct fixture f;

	(void)state;
	start(&f, TST_BLOCKS_BRACES, two, a_path, 2);
	feed(&f, "a {\nk 1;\n", false);
	feed(&f, "k 2;\na {\nk 3;\n}\n", true);
	assert_string_equal(f.seen.text, "1:k 1\n0:k 2\n");
	assert_int_equal(f.a.siblings[1][0], 2);
	finish(&f);
}

static void one_line_blocks_and_quotes(void **state)
{
	static const char *const sections[] = {"", "s", "s > location = /x"};
	const struct tst_block_path paths[] = {
		{NULL, 0},
		PATH(LV("s", 1, true)),
		PATH(LV("s", 1, true), LV("location = /x", 1, true)),
	};
	struct fixture f;

	(void)state;
	start(&f, TST_BLOCKS_BRACES, sections, paths, 3);
	feed(&f, "s { location = /x { log off; access_log off; } }\n"
		 "log_format j '{\"t\":\"$x\"}';\n"
		 "s2 { set $a \"x}y\"; return 200 ${a}b; add_header X it's;\n"
		 "}\n"
		 "no_terminator here\n"
		 "k \\; v;\n", true);
	assert_string_equal(f.seen.text, "2:log off\n"
					 "2:access_log off\n"
					 "0:log_format j '{\"t\":\"$x\"}'\n"
					 "0:no_terminator here\n"
					 "0:k \\; v\n");
	finish(&f);
}

/* A row without `;` is held: a `{` alone next makes it a block's name, anything else lets it go on as a row. */
static void held_rows(void **state)
{
	struct fixture f;

	(void)state;
	start(&f, TST_BLOCKS_BRACES, two, a_path, 2);
	feed(&f, "x 1\n"
		 "a\n"
		 "{\n"
		 "y 2\n"
		 "}\n"
		 "z 3\n", true);
	assert_string_equal(f.seen.text, "0:x 1\n1:y 2\n0:z 3\n");
	finish(&f);
}

static void tags(void **state)
{
	static const char *const sections[] = {"", "VirtualHost *:443 > Directory /var/www/", "Directory /var/www/"};
	const struct tst_block_path paths[] = {
		{NULL, 0},
		PATH(LV("VirtualHost *:443", 1, true), LV("Directory /var/www/", 1, true)),
		PATH(LV("Directory /var/www/", 1, true)),
	};
	struct fixture f;

	(void)state;
	start(&f, TST_BLOCKS_TAGS, sections, paths, 3);
	feed(&f, "<VirtualHost   *:443>\n"
		 "  SSLEngine on;\n"
		 "  <Directory /var/www/>\n"
		 "    Options FollowSymLinks\n"
		 "  </directory>\n"
		 "</VirtualHost>\n"
		 "<Directory /var/www/>\n"
		 "  Options Indexes\n"
		 "  <!-- x -->\n"
		 "</Files>\n"
		 "</Foo>\n"
		 "<IfModule x>\n", true);
	assert_string_equal(f.seen.text, "1:Options FollowSymLinks\n"
					 "2:Options Indexes\n"
					 "2:<!-- x -->\n"
					 "E:10:'</Files>' closes the block 'Directory /var/www/' opened at line 7\n"
					 "E:11:'</Foo>' closes no block\n"
					 "E:12:block 'IfModule x' is not closed at the end of the file\n");
	finish(&f);
}

/* A NUL byte read from the source is part of a block's name: `a\0b` is not `a`. */
static void nul_in_name(void **state)
{
	struct fixture f;

	(void)state;
	start(&f, TST_BLOCKS_BRACES, two, a_path, 2);
	tst_blocks_row(&f.b, "a\0b {", 6, 1);
	tst_blocks_row(&f.b, "k 1;", 4, 2);
	tst_blocks_row(&f.b, "}", 1, 3);
	tst_blocks_end(&f.b, true);
	assert_false(f.a.seen[1]);
	assert_string_equal(f.seen.text, "");
	finish(&f);
}

static void too_deep(void **state)
{
	enum { DEPTH = TST_BLOCK_DEPTH_MAX + 5 };
	static char text[DEPTH * 8 + 64];
	struct fixture f;
	size_t k = 0;

	(void)state;
	start(&f, TST_BLOCKS_BRACES, two, a_path, 2);
	for (int i = 0; i < DEPTH; i++)
		k += (size_t)sprintf(text + k, "%s {\n", i ? "b" : "a");
	k += (size_t)sprintf(text + k, "deep 1;\n");
	for (int i = 0; i < DEPTH; i++)
		k += (size_t)sprintf(text + k, "}\n");
	sprintf(text + k, "top 1;\n");
	feed(&f, text, true);
	assert_string_equal(f.seen.text, "E:1001:block 'b' is nested deeper than 1000 levels: what is inside it is "
					 "not read\n0:top 1\n");
	finish(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(nesting_and_siblings),
		cmocka_unit_test(index_out_of_range),
		cmocka_unit_test(unbalanced_braces),
		cmocka_unit_test(file_cut_short),
		cmocka_unit_test(one_line_blocks_and_quotes),
		cmocka_unit_test(held_rows),
		cmocka_unit_test(tags),
		cmocka_unit_test(nul_in_name),
		cmocka_unit_test(too_deep),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
