/*
 * Variables (tstconfig(5), EXTENSIONS: variables, define): after
 * `variables true`, ${NAME} in a directive's arguments is replaced by the
 * value that tstcc -D NAME=VALUE or a `define` gave NAME, when the
 * definition is built, so that a checker is as self-contained as one
 * built from a definition with the values written in.  `$${` stands for a
 * literal `${`.  A reference is replaced inside its word: words are never
 * split, joined or dropped, whatever a value holds.
 */
#include <string.h>

#include "tstcc.h"

bool var_name_valid(const char *s, size_t n)
{
	static const char first[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_";

	if (n == 0 || !memchr(first, s[0], sizeof(first) - 1))
		return false;
	for (size_t i = 1; i < n; i++)
		if (!memchr(first, s[i], sizeof(first) - 1) && !(s[i] >= '0' && s[i] <= '9'))
			return false;
	return true;
}

static struct var *find(struct vars *vs, const char *name, size_t n)
{
	for (size_t i = 0; i < vs->n; i++)
		if (strlen(vs->v[i].name) == n && memcmp(vs->v[i].name, name, n) == 0)
			return &vs->v[i];
	return NULL;
}

void vars_set(struct vars *vs, const char *name, const char *value, bool command_line)
{
	struct var *v = find(vs, name, strlen(name));

	/* -D is the builder's word on this host: a definition's default yields to it. */
	if (v && v->command_line && !command_line)
		return;
	if (!v) {
		vs->v = arena_grow(vs->v, &vs->cap, vs->n + 1, sizeof(*vs->v));
		v = &vs->v[vs->n++];
		*v = (struct var){.name = name, .command_line = command_line};
	}
	v->value = value;
}

void vars_forget_defines(struct vars *vs)
{
	size_t k = 0;

	for (size_t i = 0; i < vs->n; i++)
		if (vs->v[i].command_line)
			vs->v[k++] = vs->v[i];
	vs->n = k;
}

void vars_warn_unused(const struct vars *vs)
{
	for (size_t i = 0; i < vs->n; i++)
		if (vs->v[i].command_line && !vs->v[i].used)
			warning_at(NULL, (struct loc){0}, "-D %s: no definition refers to ${%s}", vs->v[i].name,
				   vs->v[i].name);
}

/* The undefined variable at [i, i + n) of w, with the closest defined name. */
static void undefined(const struct srcfile *f, const struct vars *vs, const struct word *w, size_t at,
		      const char *name, size_t n)
{
	const char **names = arena_alloc((vs->n + 1) * sizeof(*names));
	struct loc loc = loc_in_word(f, w, at, n + 3);
	const char *close;

	for (size_t i = 0; i < vs->n; i++)
		names[i] = vs->v[i].name;
	error_at(f, loc, "undefined variable '%s' (give it with tstcc -D %s=VALUE or 'define %s VALUE')",
		 diag_quote(name, n), diag_quote(name, n), diag_quote(name, n));
	close = suggest(arena_strndup(name, n), names, vs->n);
	if (close)
		note_at(f, loc, false, "did you mean '%s'?", close);
}

/* Appends s[0..n) to the buffer *out of *len bytes and *cap capacity. */
static void append(char **out, size_t *len, size_t *cap, const char *s, size_t n)
{
	*out = arena_grow(*out, cap, *len + n + 1, 1);
	memcpy(*out + *len, s, n);
	*len += n;
	(*out)[*len] = '\0';
}

/* The reference at w->s[i] == '$', w->s[i + 1] == '{': its value, or NULL after an error; *end past it. */
static const char *reference(const struct srcfile *f, struct vars *vs, const struct word *w, size_t i,
			     size_t *end)
{
	const char *name = w->s + i + 2, *close = memchr(name, '}', w->len - i - 2);
	size_t n = close ? (size_t)(close - name) : 0;
	struct var *v;

	if (!close) {
		error_at(f, loc_in_word(f, w, i, 2), "unterminated variable reference: no '}' closes '${'");
		return NULL;
	}
	if (!var_name_valid(name, n)) {
		error_at(f, loc_in_word(f, w, i + 2, n ? n : 1),
			 "'%s' is no variable name (a letter or '_', then letters, digits and '_')",
			 diag_quote(name, n));
		return NULL;
	}
	v = find(vs, name, n);
	if (!v) {
		undefined(f, vs, w, i, name, n);
		return NULL;
	}
	v->used = true;
	*end = i + 2 + n + 1;
	return v->value;
}

bool vars_expand(const struct srcfile *f, struct vars *vs, struct word *w)
{
	char *out = NULL;
	size_t len = 0, cap = 0, from = 0, end;
	const char *value, *s = w->s;

	if (!strchr(s, '$'))
		return true;
	for (size_t i = 0; i + 1 < w->len; i++) {
		if (s[i] != '$')
			continue;
		if (s[i + 1] == '$' && i + 2 < w->len && s[i + 2] == '{') {
			append(&out, &len, &cap, s + from, i - from);
			from = ++i;
			i++;
			continue;
		}
		if (s[i + 1] != '{')
			continue;
		value = reference(f, vs, w, i, &end);
		if (!value)
			return false;
		append(&out, &len, &cap, s + from, i - from);
		append(&out, &len, &cap, value, strlen(value));
		from = end;
		i = end - 1;
	}
	if (!out)
		return true;
	append(&out, &len, &cap, s + from, w->len - from);
	w->s = out;
	w->len = len;
	w->expanded = true;
	return true;
}
