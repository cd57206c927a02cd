/*
 * Unit tests for runtime/files.c and the `files` sources of runtime/pass.c
 * (tstconfig(5), EXTENSIONS): which patterns are globs, the directory a
 * glob lists, paths under --root, the expansion (sorted byte by byte, a
 * leading dot matched only by a dot, brackets, a backslash as an ordinary
 * character, a missing directory matching nothing, an unreadable one an
 * error), wildcard.c's matching against the C library's fnmatch(3), and
 * whole passes over several files: each file from the top
 * level with its own line ends, skip_header_lines and read_lines counted
 * over them all, the duplicates policies across files, a missing path, and
 * --root.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"

#define STRS(...) ((const char *const[]){__VA_ARGS__})
#define NSTRS(...) (sizeof(STRS(__VA_ARGS__)) / sizeof(const char *))
#define KEYS(...) .keys = STRS(__VA_ARGS__), .nkeys = NSTRS(__VA_ARGS__)
#define NQ(q) (sizeof(q) / sizeof((q)[0]))

/* A fresh temporary directory, made the current one; the previous one is kept to return to. */
struct tree {
	char dir[4096];
	char old[4096];
};

static void tree_begin(struct tree *t)
{
	const char *tmp = getenv("TMPDIR");

	snprintf(t->dir, sizeof(t->dir), "%s/test_files.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	assert_non_null(mkdtemp(t->dir));
	assert_non_null(getcwd(t->old, sizeof(t->old)));
	assert_int_equal(chdir(t->dir), 0);
}

/* Writes text to path (relative to the tree), making its directory. */
static void put(const char *path, const char *text)
{
	char dir[4096];
	char *slash;
	FILE *f;

	snprintf(dir, sizeof(dir), "%s", path);
	slash = strrchr(dir, '/');
	if (slash) {
		*slash = '\0';
		for (char *p = dir; (p = strchr(p + 1, '/')); *p = '/') {
			*p = '\0';
			mkdir(dir, 0755);
		}
		mkdir(dir, 0755);
	}
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void tree_end(struct tree *t)
{
	char cmd[8300];

	assert_int_equal(chdir(t->old), 0);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", t->dir);
	assert_int_equal(system(cmd), 0);
}

/* The files pattern names under root, as "shown=full" lines; the expansion's status in *err. */
static char *expand(const char *pattern, const char *root, int *err)
{
	struct tst_files files = {0};
	char *out = calloc(1, 4096);
	size_t len = 0;

	assert_non_null(out);
	*err = tst_files_expand(pattern, root, &files);
	for (size_t i = 0; i < files.n; i++)
		len += (size_t)snprintf(out + len, 4096 - len, "%s=%s\n", files.v[i].shown, files.v[i].full);
	tst_files_free(&files);
	assert_null(files.v);
	return out;
}

static void expect_expansion(const char *pattern, const char *root, const char *want)
{
	int err;
	char *got = expand(pattern, root, &err);

	assert_int_equal(err, 0);
	assert_string_equal(got, want);
	free(got);
}

static void test_is_glob(void **state)
{
	(void)state;
	assert_true(tst_pattern_is_glob("/etc/ssh/sshd_config.d/*.conf"));
	assert_true(tst_pattern_is_glob("x?.ini"));
	assert_true(tst_pattern_is_glob("/etc/[ab].conf"));
	assert_false(tst_pattern_is_glob("/etc/ssh/sshd_config"));
	/* Only the last component counts (tstcc refuses wildcards before it). */
	assert_false(tst_pattern_is_glob("/etc/*/x.conf"));
	assert_false(tst_pattern_is_glob(""));
}

/* Whether wildcard.c and fnmatch(3) (glibc's or musl's, in the C locale) agree on name. */
static void same_as_fnmatch(const char *pattern, const char *name)
{
	bool want = fnmatch(pattern, name, FNM_PERIOD | FNM_NOESCAPE) == 0;

	if (tst_name_matches(pattern, name) != want)
		fail_msg("'%s' against '%s': fnmatch says %s", pattern, name, want ? "match" : "no match");
}

static void test_wildcards(void **state)
{
	static const char *const patterns[] = {
		"*", "*.conf", "a*b*c", "?", "??*", "[ab]*", "[!ab]*", "[^ab]*", "[]]*", "[!]]", "[a-c]x",
		"[c-a]x", "[a-]", "[--0]", "[]-a]", "[[:digit:]]*", "[![:alpha:]]", "[[:alpha:][:digit:]_]*",
		"[[:foo:]]", "a[[:foo:]]", "[[:A:]]", "[[=a=]]b", "[[.-.]]", "\\*", "*\\", ".*", "[.]*", "*.",
		"**a", "a**", "*[0-9]", "[\x80-\xff]*", "[[:space:][:punct:]]", "x[[:upper:]", "[[:lower:]]?",
	};
	static const char *const names[] = {
		"a", "ab", "abc", "aXbYc", "b", "]", "x", "-", "0", "/", "a.conf", ".conf", ".hidden", "\\",
		"\\x", "x\\", "a b", "\xc3\xa9", "9lives", "_9", "ac", "abcb", "aaa", "A", "[", ":", "=",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(patterns) / sizeof(*patterns); i++)
		for (size_t j = 0; j < sizeof(names) / sizeof(*names); j++)
			same_as_fnmatch(patterns[i], names[j]);
	/* Random patterns of well-formed pieces against random names. */
	srand(7);
	for (int k = 0; k < 100000; k++) {
		static const char *const pieces[] = {"*", "?", "a", "b", ".", "-", "]", "[ab]", "[!a]", "[a-c]",
						     "[[:alpha:]]", "[^.]", "[]a]", "\\", "[[=b=]]", "\xc3"};
		static const char bytes[] = "ab.-]c\\\xc3\xa9";
		char pattern[64] = "", name[16];
		size_t n = (size_t)rand() % 9;
		for (int i = rand() % 6; i >= 0; i--)
			strcat(pattern, pieces[rand() % (int)(sizeof(pieces) / sizeof(*pieces))]);
		for (size_t i = 0; i < n; i++)
			name[i] = bytes[rand() % (int)(sizeof(bytes) - 1)];
		name[n] = '\0';
		same_as_fnmatch(pattern, name);
	}
}

static void test_pattern_dir(void **state)
{
	char *d;

	(void)state;
	d = tst_pattern_dir("*.conf");
	assert_string_equal(d, ".");
	free(d);
	d = tst_pattern_dir("/*.conf");
	assert_string_equal(d, "/");
	free(d);
	d = tst_pattern_dir("/etc/sysctl.d/*.conf");
	assert_string_equal(d, "/etc/sysctl.d");
	free(d);
	d = tst_pattern_dir("conf.d/*.ini");
	assert_string_equal(d, "conf.d");
	free(d);
}

static void test_under_root(void **state)
{
	char *p;

	(void)state;
	p = tst_under_root(NULL, "/etc/x");
	assert_string_equal(p, "/etc/x");
	free(p);
	p = tst_under_root("img", "/etc/x");
	assert_string_equal(p, "img/etc/x");
	free(p);
	p = tst_under_root("img//", "/etc/x");
	assert_string_equal(p, "img/etc/x");
	free(p);
	p = tst_under_root("img", "rel/x");
	assert_string_equal(p, "img/rel/x");
	free(p);
}

/* Sorted byte by byte (digits, then capitals, then small letters), whatever the directory's order. */
static void test_expand_sorted(void **state)
{
	struct tree t;

	(void)state;
	tree_begin(&t);
	put("d/b.conf", "");
	put("d/a.conf", "");
	put("d/B.conf", "");
	put("d/9.conf", "");
	put("d/10.conf", "");
	put("d/a.conf.bak", "");
	put("d/README", "");
	expect_expansion("d/*.conf", NULL,
			 "d/10.conf=d/10.conf\nd/9.conf=d/9.conf\nd/B.conf=d/B.conf\nd/a.conf=d/a.conf\n"
			 "d/b.conf=d/b.conf\n");
	expect_expansion("d/?.conf", NULL, "d/9.conf=d/9.conf\nd/B.conf=d/B.conf\nd/a.conf=d/a.conf\nd/b.conf=d/b.conf\n");
	expect_expansion("d/[ab].conf", NULL, "d/a.conf=d/a.conf\nd/b.conf=d/b.conf\n");
	expect_expansion("d/[!ab0-9].conf", NULL, "d/B.conf=d/B.conf\n");
	tree_end(&t);
}

/* '*' does not match a leading dot; '.*' does, but never '.' or '..'. */
static void test_expand_dot(void **state)
{
	struct tree t;

	(void)state;
	tree_begin(&t);
	put("d/.hidden.conf", "");
	put("d/shown.conf", "");
	expect_expansion("d/*", NULL, "d/shown.conf=d/shown.conf\n");
	expect_expansion("d/.*", NULL, "d/.hidden.conf=d/.hidden.conf\n");
	tree_end(&t);
}

/* '[*]' is a literal '*'; a backslash is an ordinary character, as everywhere in a definition. */
static void test_expand_literal_wildcards(void **state)
{
	struct tree t;

	(void)state;
	tree_begin(&t);
	put("d/*.conf", "");
	put("d/x.conf", "");
	put("d/a\\b", "");
	expect_expansion("d/[*].conf", NULL, "d/*.conf=d/*.conf\n");
	expect_expansion("d/a\\*", NULL, "d/a\\b=d/a\\b\n");
	tree_end(&t);
}

/* A path is itself, there or not; a glob in a missing directory matches nothing, with no error. */
static void test_expand_missing(void **state)
{
	struct tree t;

	(void)state;
	tree_begin(&t);
	put("file", "");
	expect_expansion("no/such/file.conf", NULL, "no/such/file.conf=no/such/file.conf\n");
	expect_expansion("no/such/*.conf", NULL, "");
	expect_expansion("file/*.conf", NULL, "");
	tree_end(&t);
}

/*
 * A directory that cannot be listed is an error, not an empty match: here
 * a symbolic link to itself, which no one can list, root included.
 */
static void test_expand_unreadable(void **state)
{
	struct tree t;
	int err;
	char *got;

	(void)state;
	tree_begin(&t);
	assert_int_equal(symlink("loop", "loop"), 0);
	got = expand("loop/*.conf", NULL, &err);
	assert_int_equal(err, ELOOP);
	assert_string_equal(got, "");
	free(got);
	tree_end(&t);
}

/* Under --root, the directory is listed there and the files read there; shown as written. */
static void test_expand_root(void **state)
{
	struct tree t;

	(void)state;
	tree_begin(&t);
	put("img/etc/d/1.conf", "");
	put("img/etc/d/2.conf", "");
	expect_expansion("/etc/d/*.conf", "img", "/etc/d/1.conf=img/etc/d/1.conf\n/etc/d/2.conf=img/etc/d/2.conf\n");
	expect_expansion("/etc/main.conf", "img/", "/etc/main.conf=img/etc/main.conf\n");
	tree_end(&t);
}

/* Whole passes */

struct rec {
	char *error[8];
	size_t nerror;
};

static void on_error(void *ctx, const char *msg)
{
	struct rec *r = ctx;

	assert_true(r->nerror < 8);
	r->error[r->nerror++] = strdup(msg);
}

static void on_warn(void *ctx, const char *msg, size_t n)
{
	(void)ctx;
	fail_msg("unexpected warning %.*s", (int)n, msg);
}

static void rec_free(struct rec *r)
{
	for (size_t i = 0; i < r->nerror; i++)
		free(r->error[i]);
	*r = (struct rec){0};
}

static struct tst_parse tokenized(void)
{
	return (struct tst_parse){
		.mode = TST_MODE_TOKENIZED, .delimiters = " \t\n\r\f", .ndelimiters = 5, .quote = "\"",
		.ignore_empty = true, .read_lines = TST_UNLIMITED,
	};
}

/* Reads the files of patterns as one source, under root. */
static void pass_files(const char *const *patterns, size_t n, const char *root, const struct tst_parse *p,
		       const char *const *sections, size_t ns, const struct tst_query *q, size_t nq,
		       struct tst_source *src, struct tst_answers *a, struct rec *r)
{
	const struct tst_pass_io io = {.timeout_ms = 10000, .root = root, .error = on_error, .warn = on_warn, .ctx = r};

	*src = (struct tst_source){
		.line = 1, .display = "files", .patterns = patterns, .npatterns = n, .parse = *p,
		.sections = sections, .nsections = ns, .queries = q, .nqueries = nq,
		.files_ops = &tst_files_ops, .regex_ops = &tst_regex_ops,
	};
	if (p->blocks)
		src->blocks_ops = &tst_blocks_ops;
	tst_pass_run(src, &io, a);
}

static void expect_joined(const struct tst_value *v, const char *want)
{
	char buf[256];

	if (!want) {
		assert_false(v->defined);
		return;
	}
	assert_true(v->defined);
	assert_true(tst_value_joined_len(v) < sizeof(buf));
	tst_value_join(v, buf);
	buf[tst_value_joined_len(v)] = '\0';
	assert_string_equal(buf, want);
}

/*
 * Each file starts at the top level: a section open at the end of one
 * file does not run on into the next (sshd's Match blocks end with their
 * file).  A last line without its line end ends with its file, and a CR
 * ending one file is not joined with a LF starting the next.
 */
static void test_pass_boundaries(void **state)
{
	static const char *const sections[] = {"", "s"};
	const struct tst_query q[] = {{.section = 0, KEYS("k")}, {.section = 1, KEYS("k")}, {.section = 0, KEYS("j")}};
	struct tst_parse p = tokenized();
	struct tst_source src;
	struct tst_answers a;
	struct rec r = {0};
	struct tree t;

	(void)state;
	tree_begin(&t);
	put("main.conf", "k 0\n[s]\nk 1");
	put("d/10.conf", "k 2\r");
	put("d/20.conf", "\nj 3\n[s]\n");
	put("d/30.conf", "k 4\n");
	p.header = "^\\[(.*)\\]$";
	p.header_group = 1;
	pass_files(STRS("main.conf", "d/*.conf"), 2, NULL, &p, sections, 2, q, NQ(q), &src, &a, &r);
	assert_int_equal(r.nerror, 0);
	expect_joined(&a.results[0], "0 2 4");
	expect_joined(&a.results[1], "1");
	expect_joined(&a.results[2], "3");
	assert_int_equal(a.rows[0], 4);
	assert_int_equal(a.rows[1], 1);
	assert_true(a.seen[1]);
	tst_answers_free(&a);
	rec_free(&r);
	tree_end(&t);
}

/* skip_header_lines and read_lines count the lines of all the files; past read_lines no file is opened. */
static void test_pass_skip_read(void **state)
{
	const struct tst_query q[] = {{KEYS("k")}};
	static const char *const top[] = {""};
	struct tst_parse p = tokenized();
	struct tst_source src;
	struct tst_answers a;
	struct rec r = {0};
	struct tree t;

	(void)state;
	tree_begin(&t);
	put("a", "header\n");
	put("b", "k 1\nk 2\n");
	put("c", "k 3\n");
	p.skip_header_lines = 2;
	p.read_lines = 2;
	pass_files(STRS("a", "b", "c", "missing"), 4, NULL, &p, top, 1, q, NQ(q), &src, &a, &r);
	assert_int_equal(r.nerror, 0);
	expect_joined(&a.results[0], "2 3");
	tst_answers_free(&a);
	rec_free(&r);
	tree_end(&t);
}

/* The duplicates policies hold across files: replace keeps the last file's value, ignore the first's. */
static void test_pass_policies(void **state)
{
	const struct tst_query q[] = {
		{KEYS("memory_limit"), .policy = TST_POLICY_REPLACE},
		{KEYS("memory_limit"), .policy = TST_POLICY_IGNORE},
		{KEYS("memory_limit"), .policy = TST_POLICY_APPEND},
	};
	static const char *const top[] = {""};
	struct tst_parse p = tokenized();
	struct tst_source src;
	struct tst_answers a;
	struct rec r = {0};
	struct tree t;

	(void)state;
	tree_begin(&t);
	put("php.ini", "memory_limit 128M\n");
	put("conf.d/10-opcache.ini", "opcache.jit off\n");
	put("conf.d/99-local.ini", "memory_limit -1\n");
	put("conf.d/50-app.ini", "memory_limit 256M\n");
	pass_files(STRS("php.ini", "conf.d/*.ini"), 2, NULL, &p, top, 1, q, NQ(q), &src, &a, &r);
	assert_int_equal(r.nerror, 0);
	expect_joined(&a.results[0], "-1");
	expect_joined(&a.results[1], "128M");
	expect_joined(&a.results[2], "128M 256M -1");
	tst_answers_free(&a);
	rec_free(&r);
	tree_end(&t);
}

/*
 * A path that is not there is an error, named as written; a pattern that
 * matches nothing is none; the files that could be read are still read.
 */
static void test_pass_missing(void **state)
{
	const struct tst_query q[] = {{KEYS("k")}};
	static const char *const top[] = {""};
	struct tst_parse p = tokenized();
	struct tst_source src;
	struct tst_answers a;
	struct rec r = {0};
	struct tree t;

	(void)state;
	tree_begin(&t);
	put("d/a.conf", "k 1\n");
	pass_files(STRS("d/*.none", "nodir/*.conf", "gone.conf", "d/*.conf"), 4, NULL, &p, top, 1, q, NQ(q), &src,
		   &a, &r);
	assert_int_equal(r.nerror, 1);
	assert_string_equal(r.error[0], "cannot read file gone.conf: No such file or directory");
	expect_joined(&a.results[0], "1");
	tst_answers_free(&a);
	rec_free(&r);
	tree_end(&t);
}

/* A directory it cannot list is an error naming the directory as written; the other patterns are read. */
static void test_pass_unreadable_dir(void **state)
{
	const struct tst_query q[] = {{KEYS("k")}};
	static const char *const top[] = {""};
	struct tst_parse p = tokenized();
	struct tst_source src;
	struct tst_answers a;
	struct rec r = {0};
	struct tree t;

	(void)state;
	tree_begin(&t);
	put("a.conf", "k 1\n");
	assert_int_equal(symlink("loop", "loop"), 0);
	pass_files(STRS("loop/*.conf", "a.conf"), 2, NULL, &p, top, 1, q, NQ(q), &src, &a, &r);
	assert_int_equal(r.nerror, 1);
	assert_string_equal(r.error[0], "cannot read directory loop: Too many levels of symbolic links");
	expect_joined(&a.results[0], "1");
	tst_answers_free(&a);
	rec_free(&r);
	tree_end(&t);
}

/* Under --root every path and pattern is read there; errors name them as written. */
static void test_pass_root(void **state)
{
	const struct tst_query q[] = {{KEYS("k")}};
	static const char *const top[] = {""};
	struct tst_parse p = tokenized();
	struct tst_source src;
	struct tst_answers a;
	struct rec r = {0};
	struct tree t;

	(void)state;
	tree_begin(&t);
	put("img/etc/x.conf", "k 1\n");
	put("img/etc/x.d/a.conf", "k 2\n");
	put("etc/x.d/b.conf", "k outside\n");
	pass_files(STRS("/etc/x.conf", "/etc/x.d/*.conf", "/etc/gone"), 3, "img", &p, top, 1, q, NQ(q), &src, &a, &r);
	assert_int_equal(r.nerror, 1);
	assert_string_equal(r.error[0], "cannot read file /etc/gone: No such file or directory");
	expect_joined(&a.results[0], "1 2");
	tst_answers_free(&a);
	rec_free(&r);
	tree_end(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_is_glob),
		cmocka_unit_test(test_wildcards),
		cmocka_unit_test(test_pattern_dir),
		cmocka_unit_test(test_under_root),
		cmocka_unit_test(test_expand_sorted),
		cmocka_unit_test(test_expand_dot),
		cmocka_unit_test(test_expand_literal_wildcards),
		cmocka_unit_test(test_expand_missing),
		cmocka_unit_test(test_expand_unreadable),
		cmocka_unit_test(test_expand_root),
		cmocka_unit_test(test_pass_boundaries),
		cmocka_unit_test(test_pass_skip_read),
		cmocka_unit_test(test_pass_policies),
		cmocka_unit_test(test_pass_missing),
		cmocka_unit_test(test_pass_unreadable_dir),
		cmocka_unit_test(test_pass_root),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
