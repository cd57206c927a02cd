/*
 * What a checker says about itself without running: the tstcc version and
 * each definition's SHA-256, the definitions as compiled, and everything
 * it would read or run, so that an administrator can review a checker or
 * write the sudoers rule for it before it runs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

void tst_print_version(FILE *out, const struct tst_definition *defs, size_t ndefs)
{
	fprintf(out, "tstcc %s\n", TST_VERSION);
	for (size_t i = 0; i < ndefs; i++)
		fprintf(out, "%s  %s\n", defs[i].sha256, defs[i].name);
}

void tst_print_definitions(FILE *out, const struct tst_definition *defs, size_t ndefs)
{
	for (size_t i = 0; i < ndefs; i++) {
		if (ndefs > 1) {
			bool whole = !i || (defs[i - 1].text_len && defs[i - 1].text[defs[i - 1].text_len - 1] == '\n');
			fprintf(out, "%s%s==> %s <==\n", whole ? "" : "\n", i ? "\n" : "", defs[i].name);
		}
		fwrite(defs[i].text, 1, defs[i].text_len, out);
	}
}

/*
 * An argument as a POSIX shell reads it back: quoted unless plainly safe
 * (no '=', which would make a first word an assignment), and with control
 * characters as $'...' escapes, so none reaches the terminal.
 */
static void put_shell_word(FILE *out, const char *s)
{
	if (*s && strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789@%+:,./_-") == strlen(s)) {
		fputs(s, out);
		return;
	}
	if (tst_has_controls(s, strlen(s))) {
		tst_put_visible(out, s);
		return;
	}
	fputc('\'', out);
	for (; *s; s++) {
		if (*s == '\'')
			fputs("'\\''", out);
		else
			fputc(*s, out);
	}
	fputc('\'', out);
}

/* Whether a and b run the same command. */
static bool same_command(const struct tst_source *a, const struct tst_source *b)
{
	size_t i;

	if (!a->argv || !b->argv)
		return false;
	for (i = 0; a->argv[i] && b->argv[i]; i++)
		if (strcmp(a->argv[i], b->argv[i]) != 0)
			return false;
	return !a->argv[i] && !b->argv[i];
}

/* Whether an earlier source already runs the same command. */
static bool listed_before(const struct tst_definition *defs, size_t d, size_t s)
{
	for (size_t i = 0; i <= d; i++)
		for (size_t j = 0; j < (i == d ? s : defs[i].nsources); j++)
			if (same_command(defs[i].sources[j], defs[d].sources[s]))
				return true;
	return false;
}

/*
 * Whether src reads path, among its first `upto` paths: as a file
 * (a `file` source, or a pattern without wildcards), or, when glob, as a
 * pattern of a `files` source.
 */
static bool reads(const struct tst_source *src, size_t upto, bool glob, const char *path)
{
	if (src->path)
		return !glob && upto && strcmp(src->path, path) == 0;
	for (size_t i = 0; i < src->npatterns && i < upto; i++)
		if (tst_pattern_is_glob(src->patterns[i]) == glob && strcmp(src->patterns[i], path) == 0)
			return true;
	return false;
}

/* Whether a source before the k-th path of source s of definition d reads it already. */
static bool path_listed_before(const struct tst_definition *defs, size_t d, size_t s, size_t k, bool glob,
			       const char *path)
{
	for (size_t i = 0; i <= d; i++)
		for (size_t j = 0; j < (i == d ? s : defs[i].nsources); j++)
			if (reads(defs[i].sources[j], (size_t)-1, glob, path))
				return true;
	return reads(defs[d].sources[s], k, glob, path);
}

/* One line "WHAT PATH", the path under root. */
static void put_path(FILE *out, const char *what, const char *root, const char *path)
{
	size_t n = (root ? strlen(root) + 1 : 0) + strlen(path) + 1;
	char *full = tst_xmalloc(n);

	snprintf(full, n, "%s%s%s", root ? root : "", root && path[0] != '/' ? "/" : "", path);
	fprintf(out, "%s ", what);
	put_shell_word(out, full);
	fputc('\n', out);
	free(full);
}

/*
 * The program execvp would run for name, looked up in $PATH (its default
 * when unset), or NULL if there is none; a name with a '/' is itself.
 */
static char *resolve_program(const char *name)
{
	const char *path = getenv("PATH"), *dir, *end;
	size_t n = strlen(name);

	if (strchr(name, '/'))
		return tst_xmemdup(name, n);
	if (!path)
		path = "/bin:/usr/bin";
	for (dir = path; *dir || dir == path; dir = *end ? end + 1 : end) {
		end = strchr(dir, ':');
		if (!end)
			end = dir + strlen(dir);
		size_t len = (size_t)(end - dir);
		char *full = tst_xmalloc(len + n + 3);
		snprintf(full, len + n + 3, "%.*s%s%s", (int)len, len ? dir : ".", "/", name);
		if (access(full, X_OK) == 0)
			return full;
		free(full);
		if (!*end)
			break;
	}
	return NULL;
}

void tst_print_access(FILE *out, const struct tst_definition *defs, size_t ndefs, const char *root)
{
	for (size_t d = 0; d < ndefs; d++) {
		for (size_t s = 0; s < defs[d].nsources; s++) {
			const struct tst_source *src = defs[d].sources[s];
			if (src->path) {
				if (!path_listed_before(defs, d, s, 0, false, src->path))
					put_path(out, "file", root, src->path);
				continue;
			}
			if (src->patterns) {
				for (size_t k = 0; k < src->npatterns; k++) {
					bool glob = tst_pattern_is_glob(src->patterns[k]);
					if (!path_listed_before(defs, d, s, k, glob, src->patterns[k]))
						put_path(out, glob ? "glob" : "file", root, src->patterns[k]);
				}
				continue;
			}
			if (listed_before(defs, d, s))
				continue;
			char *program = resolve_program(src->argv[0]);
			fputs("command ", out);
			put_shell_word(out, program ? program : src->argv[0]);
			for (size_t i = 1; src->argv[i]; i++) {
				fputc(' ', out);
				put_shell_word(out, src->argv[i]);
			}
			fputs(program ? "\n" : "  # not found in PATH\n", out);
			free(program);
		}
	}
}
