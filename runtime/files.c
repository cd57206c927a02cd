/*
 * The files of a `files` source (an extension of the language, see
 * tstconfig(5), EXTENSIONS).  Each of its patterns is a path, or a glob(3)
 * pattern whose wildcards ('*', '?', '[...]') stand in its last component
 * only (tstcc refuses any other), so that expanding one is listing one
 * directory: the names in it that fnmatch(3) matches, as glob(3) matches
 * them (a leading '.' is matched only by a '.'), except that a backslash
 * is an ordinary character, as everywhere in a definition (wildcard.c).  The matches
 * are sorted by name, byte by byte, as glob(3) sorts them in the C locale.
 *
 * Reading a directory here rather than calling glob(3) keeps three things
 * exact: --root is put before the directory without its name ever being
 * read as a pattern, a directory that cannot be read is an error (glob(3)
 * would match nothing there, and a checker must not pass on what it could
 * not read), and the order does not depend on the locale.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "capture.h"
#include "internal.h"

/* Where the last component of a pattern starts. */
static size_t name_start(const char *pattern)
{
	const char *slash = strrchr(pattern, '/');

	return slash ? (size_t)(slash - pattern) + 1 : 0;
}

bool tst_pattern_is_glob(const char *pattern)
{
	return strpbrk(pattern + name_start(pattern), "*?[") != NULL;
}

char *tst_pattern_dir(const char *pattern)
{
	size_t n = name_start(pattern);

	if (n == 0)
		return tst_xmemdup(".", 1);
	return tst_xmemdup(pattern, n == 1 ? 1 : n - 1);
}

char *tst_under_root(const char *root, const char *path)
{
	size_t rootlen, n;
	char *full;

	if (!root)
		return tst_xmemdup(path, strlen(path));
	rootlen = strlen(root);
	while (rootlen > 1 && root[rootlen - 1] == '/')
		rootlen--;
	n = rootlen + strlen(path) + 2;
	full = tst_xmalloc(n);
	snprintf(full, n, "%.*s%s%s", (int)rootlen, root, path[0] == '/' ? "" : "/", path);
	return full;
}

/* Appends the file shown as shown[0..n) (taken over) to out, with its path under root. */
static void add(struct tst_files *out, char *shown, const char *root)
{
	if (out->n == out->cap) {
		out->cap = out->cap ? 2 * out->cap : 8;
		out->v = tst_xrealloc(out->v, out->cap * sizeof(*out->v));
	}
	out->v[out->n].shown = shown;
	out->v[out->n].full = tst_under_root(root, shown);
	out->n++;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(((const struct tst_file *)a)->shown, ((const struct tst_file *)b)->shown);
}

/* Forgets the files of out from first on. */
static void drop_from(struct tst_files *out, size_t first)
{
	while (out->n > first) {
		out->n--;
		free(out->v[out->n].shown);
		free(out->v[out->n].full);
	}
}

int tst_files_expand(const char *pattern, const char *root, struct tst_files *out)
{
	size_t prefix = name_start(pattern), first = out->n;
	const char *name_pattern = pattern + prefix;
	char *dir_written, *dir_path;
	struct dirent *e;
	DIR *dir;
	int err;

	if (!tst_pattern_is_glob(pattern)) {
		add(out, tst_xmemdup(pattern, strlen(pattern)), root);
		return 0;
	}
	dir_written = tst_pattern_dir(pattern);
	dir_path = tst_under_root(root, dir_written);
	free(dir_written);
	dir = opendir(dir_path);
	err = errno;
	free(dir_path);
	if (!dir)
		return err == ENOENT || err == ENOTDIR ? 0 : err;
	for (;;) {
		errno = 0;
		e = readdir(dir);
		if (!e) {
			err = errno;
			break;
		}
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0 ||
		    !tst_name_matches(name_pattern, e->d_name))
			continue;
		size_t n = strlen(e->d_name);
		char *shown = tst_xmalloc(prefix + n + 1);
		memcpy(shown, pattern, prefix);
		memcpy(shown + prefix, e->d_name, n + 1);
		add(out, shown, root);
	}
	closedir(dir);
	if (err) {
		drop_from(out, first);
		return err;
	}
	if (out->n - first > 1)
		qsort(out->v + first, out->n - first, sizeof(*out->v), by_name);
	return 0;
}

void tst_files_free(struct tst_files *files)
{
	drop_from(files, 0);
	free(files->v);
	*files = (struct tst_files){0};
}

const struct tst_files_ops tst_files_ops = {
	tst_capture_expand, tst_files_expand, tst_files_free, tst_pattern_is_glob, tst_pattern_dir,
};
