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

static bool same_access(const struct tst_source *a, const struct tst_source *b)
{
	size_t i;

	if (!a->path != !b->path)
		return false;
	if (a->path)
		return strcmp(a->path, b->path) == 0;
	for (i = 0; a->argv[i] && b->argv[i]; i++)
		if (strcmp(a->argv[i], b->argv[i]) != 0)
			return false;
	return !a->argv[i] && !b->argv[i];
}

/* Whether an earlier source already reads or runs the same thing. */
static bool listed_before(const struct tst_definition *defs, size_t d, size_t s)
{
	for (size_t i = 0; i <= d; i++)
		for (size_t j = 0; j < (i == d ? s : defs[i].nsources); j++)
			if (same_access(defs[i].sources[j], defs[d].sources[s]))
				return true;
	return false;
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
			if (listed_before(defs, d, s))
				continue;
			if (src->path) {
				size_t n = (root ? strlen(root) + 1 : 0) + strlen(src->path) + 1;
				char *full = tst_xmalloc(n);
				snprintf(full, n, "%s%s%s", root ? root : "", root && src->path[0] != '/' ? "/" : "",
					 src->path);
				fputs("file ", out);
				put_shell_word(out, full);
				fputc('\n', out);
				free(full);
				continue;
			}
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
