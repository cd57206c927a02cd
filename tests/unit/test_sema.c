/*
 * Unit tests for compiler/sema.c, the checking pass: what a definition
 * lowers to (steps, sources, parse settings in force at the first query,
 * queries with their sections, column maps and policies, checks), what it
 * warns about, and the errors that stop it from being lowered at all.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "definition.h"

static void expect_step(const struct tst_step *st, enum tst_op op, unsigned line, size_t index)
{
	assert_int_equal(st->op, op);
	assert_int_equal(st->line, line);
	assert_int_equal(st->index, index);
}

/* Directives that do something become steps, in order; settings leave none. */
static void test_steps(void **state)
{
	const struct tst_definition *def = lowered("file a.conf\n"
						   "parse_mode tokenized\n"
						   "property k\n"
						   "assert_eq v\n"
						   "section s\n"
						   "section_size\n"
						   "assert_eq 1\n"
						   "command ls -l\n"
						   "parse_mode keyvalue\n"
						   "key_separator =\n"
						   "property x y\n"
						   "assert_undefined\n");

	(void)state;
	assert_int_equal(def->nsteps, 9);
	expect_step(&def->steps[0], TST_OP_SOURCE, 1, 0);
	expect_step(&def->steps[1], TST_OP_PROPERTY, 3, 0);
	expect_step(&def->steps[2], TST_OP_ASSERT, 4, 0);
	expect_step(&def->steps[3], TST_OP_SECTION, 5, 1);
	expect_step(&def->steps[4], TST_OP_SECTION_SIZE, 6, 0);
	expect_step(&def->steps[5], TST_OP_ASSERT, 7, 1);
	expect_step(&def->steps[6], TST_OP_SOURCE, 8, 1);
	expect_step(&def->steps[7], TST_OP_PROPERTY, 11, 0);
	expect_step(&def->steps[8], TST_OP_ASSERT, 12, 2);
	assert_int_equal(def->nsources, 2);
	assert_string_equal(def->name, "t.tstconfig");
	assert_int_equal(strlen(def->sha256), 64);
}

/* A file's path is its words joined by one space; a command keeps them as argv. */
static void test_sources(void **state)
{
	const struct tst_definition *def = lowered("file my   app.conf\n"
						   "parse_mode tokenized\n"
						   "property k\n"
						   "assert_defined\n"
						   "command printf \"%s\\n\" \"a b\"\n"
						   "parse_mode tokenized\n"
						   "property a\n"
						   "assert_defined\n");
	const struct tst_source *f = def->sources[0], *c = def->sources[1];

	(void)state;
	assert_string_equal(f->path, "my app.conf");
	assert_string_equal(f->display, "my app.conf");
	assert_null(f->argv);
	assert_int_equal(f->line, 1);
	assert_null(c->path);
	assert_string_equal(c->argv[0], "printf");
	assert_string_equal(c->argv[1], "%s\\n");
	assert_string_equal(c->argv[2], "a b");
	assert_null(c->argv[3]);
	assert_string_equal(c->display, "printf %s\\n a b");
	assert_int_equal(c->line, 5);
}

/* The settings in force at the first query are the table's; a later one changes nothing. */
static void test_settings_at_first_query(void **state)
{
	const char *text = "file a.conf\n"
			   "parse_mode tokenized\n"
			   "separator :\n"
			   "ignore_empty_tokens false\n"
			   "property k\n"
			   "parse_mode keyvalue\n"
			   "hash_comment_allowed true\n"
			   "assert_defined\n";
	const struct tst_definition *def = lowered(text);
	const struct tst_parse *p = &def->sources[0]->parse;

	(void)state;
	assert_int_equal(p->mode, TST_MODE_TOKENIZED);
	assert_int_equal(p->ndelimiters, 1);
	assert_memory_equal(p->delimiters, ":", 1);
	assert_false(p->ignore_empty);
	assert_false(p->hash_comments);
	/* ... and it is worth a warning, an error under -Werror. */
	assert_int_equal(errors_in(text), 0);
	diag_reset();
	diag_options = (struct diag_options){.json = true, .werror = true};
	struct unit *u = arena_alloc(sizeof(*u));
	u->file = (struct srcfile){.name = "t", .text = text, .len = strlen(text)};
	parse_unit(u);
	assert_false(sema_unit(u, DIALECT_TSTCC, NULL));
	assert_int_equal(diag_error_count(), 2);
}

/* Every boolean setting of the list sets its own field, away from its default. */
static void test_flags(void **state)
{
	char text[256];
	const struct tst_definition *def;

	(void)state;
#define F(id, name, field, default)                                                                      \
	snprintf(text, sizeof(text), "file a\nparse_mode tokenized\n%s %s\nproperty k\nassert_defined\n", \
		 name, default ? "FALSE" : "True");                                                       \
	def = lowered(text);                                                                              \
	assert_int_equal(def->sources[0]->parse.field, !default);
	TST_PARSE_FLAGS(F)
#undef F
}

/* Queries carry the section selected and the column map and policy in force. */
static void test_queries(void **state)
{
	const struct tst_definition *def = lowered("file a.conf\n"
						   "parse_mode tokenized\n"
						   "property a\n"
						   "columns 3 1\n"
						   "duplicates_policy ignore\n"
						   "section Directory  /var/www/\n"
						   "property b c\n"
						   "columns 0\n"
						   "section\n"
						   "property\n"
						   "assert_defined\n"
						   "command true\n"
						   "parse_mode tokenized\n"
						   "property z\n"
						   "assert_defined\n");
	const struct tst_source *s = def->sources[0];
	const struct tst_query *q = s->queries;

	(void)state;
	assert_int_equal(s->nqueries, 3);
	assert_int_equal(q[0].line, 3);
	assert_int_equal(q[0].nkeys, 1);
	assert_string_equal(q[0].keys[0], "a");
	assert_null(q[0].columns);
	assert_int_equal(q[0].policy, TST_POLICY_APPEND);
	assert_int_equal(q[0].section, 0);
	assert_int_equal(q[1].nkeys, 2);
	assert_string_equal(q[1].keys[1], "c");
	assert_int_equal(q[1].section, 1);
	assert_int_equal(q[1].ncolumns, 2);
	assert_int_equal(q[1].columns[0], 3);
	assert_int_equal(q[1].columns[1], 1);
	assert_int_equal(q[1].policy, TST_POLICY_IGNORE);
	assert_int_equal(q[2].nkeys, 0);
	assert_int_equal(q[2].section, 0);
	assert_int_equal(q[2].ncolumns, 1);
	assert_int_equal(s->nsections, 2);
	assert_string_equal(s->sections[0], "");
	assert_string_equal(s->sections[1], "Directory /var/www/");
	/* A new source starts afresh. */
	q = def->sources[1]->queries;
	assert_null(q[0].columns);
	assert_int_equal(q[0].policy, TST_POLICY_APPEND);
	assert_int_equal(def->sources[1]->nsections, 1);
}

/* A section named again is the same section. */
static void test_sections_interned(void **state)
{
	const struct tst_definition *def = lowered("file a.conf\n"
						   "syntax ini\n"
						   "section a b\n"
						   "section c\n"
						   "section \"a b\"\n"
						   "section_size\n"
						   "assert_eq 0\n");

	(void)state;
	assert_int_equal(def->sources[0]->nsections, 3);
	assert_int_equal(def->steps[1].index, 1);
	assert_int_equal(def->steps[2].index, 2);
	assert_int_equal(def->steps[3].index, 1);
}

/*
 * Block paths: one word a level, white space collapsed, a trailing [N] an
 * index only when digits stand in it, a path with or without an index two
 * sections, and a level whose name holds " > " not two levels.
 */
static void test_block_paths(void **state)
{
	const struct tst_definition *def = lowered("file a.conf\n"
						   "parse_mode tokenized\n"
						   "blocks braces\n"
						   "block http server[2] \"location  /api/ \"\n"
						   "block \"http\" server[+2] \"location /api/\"\n"
						   "block http server\n"
						   "block http server[1]\n"
						   "block \"location ~ [a-z]\" \"a[2][1]\"\n"
						   "block \"a > b\"\n"
						   "block a b\n"
						   "section_size\n"
						   "assert_eq 0\n");
	const struct tst_source *src = def->sources[0];

	(void)state;
	assert_int_equal(src->nsections, 7);
	assert_int_equal(def->steps[1].index, 1);
	assert_int_equal(def->steps[2].index, 1);
	assert_string_equal(src->sections[1], "http > server[2] > location /api/");
	assert_int_equal(src->paths[1].nlevels, 3);
	assert_string_equal(src->paths[1].levels[2].name, "location /api/");
	assert_int_equal(src->paths[1].levels[1].index, 2);
	assert_false(src->paths[1].levels[1].only);
	assert_true(src->paths[1].levels[0].only);
	assert_int_equal(def->steps[3].index, 2);
	assert_int_equal(def->steps[4].index, 3);
	assert_string_equal(src->sections[3], "http > server[1]");
	assert_string_equal(src->paths[4].levels[0].name, "location ~ [a-z]");
	assert_string_equal(src->paths[4].levels[1].name, "a[2]");
	assert_int_equal(src->paths[4].levels[1].index, 1);
	assert_int_equal(src->paths[5].nlevels, 1);
	assert_int_equal(src->paths[6].nlevels, 2);
	assert_string_equal(src->sections[5], src->sections[6]);
}

static void test_block_errors(void **state)
{
	(void)state;
	assert_int_equal(errors_in("file a\nparse_mode tokenized\nblock a\nassert_eq 1\n"), 1);
	assert_int_equal(errors_in("file a\nparse_mode tokenized\nblocks braces\nblock a[0]\nassert_eq 1\n"), 1);
	assert_int_equal(errors_in("file a\nparse_mode tokenized\nblocks braces\nblock a[-1]\nassert_eq 1\n"), 1);
	assert_int_equal(errors_in("file a\nparse_mode tokenized\nblocks braces\nblock [2]\nassert_eq 1\n"), 1);
	assert_int_equal(errors_in("file a\nparse_mode tokenized\nblocks braces\nblock a\nsection b\n"
				   "assert_eq 1\n"), 1);
	assert_int_equal(errors_in("file a\nsyntax apache\nblocks tags\nblock a\nassert_eq 1\n"), 1);
	assert_int_equal(errors_in("file a\nblocks tags\nsyntax ini\nblock a\nassert_eq 1\n"), 1);
	assert_int_equal(errors_in("file a\nparse_mode tokenized\nblocks tags\nblock a\nsection\nassert_eq 1\n"), 0);
}

/* Checks: the runtime's kind, the line, the text of the report, the arguments. */
static void test_checks(void **state)
{
	const struct tst_definition *def = lowered("file a.conf\n"
						   "parse_mode tokenized\n"
						   "property k\n"
						   "assert_eq \"a  b\" c\n"
						   "assert_defined\n"
						   "assert_ends_with x\n");
	const struct tst_check *c = def->checks;

	(void)state;
	assert_int_equal(c[0].kind, TST_ASSERT_EQ);
	assert_int_equal(c[0].line, 4);
	assert_string_equal(c[0].text, "assert_eq a  b c");
	assert_int_equal(c[0].nargs, 2);
	assert_string_equal(c[0].args[0], "a  b");
	assert_int_equal(c[1].kind, TST_ASSERT_DEFINED);
	assert_string_equal(c[1].text, "assert_defined");
	assert_int_equal(c[1].nargs, 0);
	assert_int_equal(c[2].kind, TST_ASSERT_ENDS_WITH);
}

/* A files source (an extension) keeps each word as one pattern; its display joins them. */
static void test_files_source(void **state)
{
	const struct tst_definition *def = lowered("files /etc/ssh/sshd_config.d/*.conf \"/etc/my  ssh\"/sshd_config\n"
						   "parse_mode tokenized\n"
						   "property Port\n"
						   "assert_eq 22\n");
	const struct tst_source *f = def->sources[0];

	(void)state;
	assert_null(f->path);
	assert_null(f->argv);
	assert_int_equal(f->npatterns, 2);
	assert_string_equal(f->patterns[0], "/etc/ssh/sshd_config.d/*.conf");
	assert_string_equal(f->patterns[1], "/etc/my  ssh/sshd_config");
	assert_string_equal(f->display, "/etc/ssh/sshd_config.d/*.conf /etc/my  ssh/sshd_config");
	expect_step(&def->steps[0], TST_OP_SOURCE, 1, 0);
	/* A file source has no patterns. */
	def = lowered("file a\nparse_mode tokenized\nproperty k\nassert_defined\n");
	assert_null(def->sources[0]->patterns);
	assert_int_equal(def->sources[0]->npatterns, 0);
}

/* The patterns a files source refuses: one error for the directive, at most. */
static void test_files_errors(void **state)
{
	static const char tail[] = "\nparse_mode tokenized\nproperty k\nassert_defined\n";
	static const char *const bad[] = {
		"files /etc/php/*/apache2/php.ini", "files /etc/a?/x", "files /etc/[ab]/x",
		"files ok.conf /etc/ssh/sshd_config.d/", "files /etc/x[ab.conf", "files x[", "files x[!]",
		"files x/*/y/*.conf",
	};
	static const char *const good[] = {
		"files /etc/ssh/sshd_config.d/*.conf", "files x[]].conf", "files x[!]].conf", "files x[^a-z]?",
		"files *", "files a b c", "files /x/[[]", "files \"/etc/a b/*.conf\"",
	};
	char text[256];

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(text, sizeof(text), "%s%s", bad[i], tail);
		if (errors_in(text) != 1)
			fail_msg("not one error: %s", bad[i]);
	}
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		snprintf(text, sizeof(text), "%s%s", good[i], tail);
		if (errors_in(text) != 0)
			fail_msg("errors: %s", good[i]);
	}
	assert_int_equal(errors_in("files\n"), 1);
}

/* -std=tstconfig-0.3 refuses files with one error; what reads the source is not refused too. */
static void test_files_refused(void **state)
{
	struct unit *u = parsed("files a.conf\nparse_mode tokenized\nproperty k\nassert_defined\n");

	(void)state;
	assert_false(sema_unit(u, DIALECT_TSTCONFIG_0_3, NULL));
	assert_int_equal(diag_error_count(), 1);
	assert_null(u->def);
}

/* Mistakes: each is one error, and nothing is lowered. */
static void test_errors(void **state)
{
	(void)state;
	assert_int_equal(errors_in("file a\nparse_mode tokenized\nasert_eq x\n"), 1);
	assert_int_equal(errors_in("property k\n"), 1);
	assert_int_equal(errors_in("file\n"), 1);
	assert_int_equal(errors_in("file a\nparse_mode tokenized\nproperty k\nassert_defined x\n"), 1);
	assert_int_equal(errors_in("file a\nproperty k\nassert_defined\n"), 1);
	assert_int_equal(errors_in("file a\nparse_mode fixed\nproperty k\nassert_defined\n"), 1);
	assert_int_equal(errors_in("file a\nparse_mode keyvalue\nproperty k\nassert_defined\n"), 1);
	assert_int_equal(errors_in("file a\nparse_mode fixed\npositions 0 4 4\nproperty k\nassert_defined\n"), 1);
	assert_int_equal(errors_in("file a\nparse_mode tokenized\ncolumns 1 x\nduplicates_policy first\n"), 2);
	/* A broken setting is not also reported as a missing one. */
	assert_int_equal(errors_in("file a\nparse_mode tokenised\nproperty k\nassert_defined\n"), 1);
	/* One error a line, every line checked. */
	assert_int_equal(errors_in("a\nb\nc\nfile x\nparse_mode tokenized\nproperty k\nassert_defined\n"), 3);
}

/*
 * `check` (an extension): each assertion points at the metadata of the
 * check in force, from its `check` to the next, an `end_check` or the end,
 * across sources; the title is the words after the id.
 */
static void test_check_metadata(void **state)
{
	const struct tst_definition *def = lowered("check \"CIS 5.2.8\" Ensure   root login is  off\n"
						   "severity critical\n"
						   "file a\n"
						   "parse_mode tokenized\n"
						   "property PermitRootLogin\n"
						   "assert_eq no\n"
						   "file b\n"
						   "parse_mode tokenized\n"
						   "property PermitRootLogin\n"
						   "assert_undefined\n"
						   "check 5.2.6\n"
						   "assert_undefined\n"
						   "end_check\n"
						   "assert_undefined\n"
						   "check 5.2.7 Max\n"
						   "severity info\n"
						   "assert_undefined\n");
	const struct tst_meta *m = def->checks[0].meta;

	(void)state;
	assert_non_null(m);
	assert_ptr_equal(def->checks[1].meta, m);
	assert_int_equal(m->line, 1);
	assert_string_equal(m->id, "CIS 5.2.8");
	assert_string_equal(m->title, "Ensure root login is off");
	assert_int_equal(m->severity, TST_SEVERITY_CRITICAL);
	m = def->checks[2].meta;
	assert_string_equal(m->id, "5.2.6");
	assert_string_equal(m->title, "");
	assert_int_equal(m->severity, TST_SEVERITY_NONE);
	assert_null(def->checks[3].meta);
	assert_string_equal(def->checks[4].meta->id, "5.2.7");
	assert_int_equal(def->checks[4].meta->severity, TST_SEVERITY_INFO);
	assert_int_equal(def->nsteps, 9);
}

/* Mistakes in checks: each is one error, and nothing is lowered. */
static void test_check_errors(void **state)
{
	static const char body[] = "file a\nparse_mode tokenized\nproperty k\n";
	char text[512];

	(void)state;
	snprintf(text, sizeof(text), "check\n%sassert_defined\n", body);
	assert_int_equal(errors_in(text), 1);
	snprintf(text, sizeof(text), "check \"  \" title\n%sassert_defined\n", body);
	assert_int_equal(errors_in(text), 1);
	snprintf(text, sizeof(text), "check a\n%sassert_defined\ncheck a\nassert_defined\n", body);
	assert_int_equal(errors_in(text), 1);
	/* Ids differ by their bytes: a prefix is another id. */
	snprintf(text, sizeof(text), "check a\n%sassert_defined\ncheck ab\nassert_defined\n", body);
	assert_int_equal(errors_in(text), 0);
	snprintf(text, sizeof(text), "check a\ncheck b\n%sassert_defined\n", body);
	assert_int_equal(errors_in(text), 1);
	snprintf(text, sizeof(text), "%scheck a\n", body);
	assert_int_equal(errors_in(text), 1);
	snprintf(text, sizeof(text), "severity low\n%sassert_defined\n", body);
	assert_int_equal(errors_in(text), 1);
	snprintf(text, sizeof(text), "check a\nseverity severe\n%sassert_defined\n", body);
	assert_int_equal(errors_in(text), 1);
	snprintf(text, sizeof(text), "check a\nseverity low\n%sassert_defined\nseverity high\n", body);
	assert_int_equal(errors_in(text), 1);
	snprintf(text, sizeof(text), "%sassert_defined\nend_check\n", body);
	assert_int_equal(errors_in(text), 1);
	snprintf(text, sizeof(text), "check a\n%sassert_defined\nend_check\nseverity low\n", body);
	assert_int_equal(errors_in(text), 1);
	/* A check with a bad id is still open: its severity is no second error. */
	snprintf(text, sizeof(text), "check\nseverity low\n%sassert_defined\n", body);
	assert_int_equal(errors_in(text), 1);
}

/* -std=tstconfig-0.3 refuses every directive of checks. */
static void test_check_refused(void **state)
{
	struct unit *u = parsed("check a t\nseverity low\nfile a\nparse_mode tokenized\nproperty k\n"
				"assert_defined\nend_check\n");

	(void)state;
	assert_false(sema_unit(u, DIALECT_TSTCONFIG_0_3, NULL));
	assert_int_equal(diag_error_count(), 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_steps),
		cmocka_unit_test(test_sources),
		cmocka_unit_test(test_settings_at_first_query),
		cmocka_unit_test(test_flags),
		cmocka_unit_test(test_queries),
		cmocka_unit_test(test_sections_interned),
		cmocka_unit_test(test_checks),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_files_source),
		cmocka_unit_test(test_files_errors),
		cmocka_unit_test(test_files_refused),
		cmocka_unit_test(test_check_metadata),
		cmocka_unit_test(test_check_errors),
		cmocka_unit_test(test_check_refused),
		cmocka_unit_test(test_block_paths),
		cmocka_unit_test(test_block_errors),
	};
	int failed = cmocka_run_group_tests(tests, NULL, NULL);

	arena_free();
	return failed;
}
