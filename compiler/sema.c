/*
 * Validation: every check of tstconfig(5), BUILD-TIME CHECKS, and the facts
 * emit.c needs.
 *
 * Directives are walked in order, as a checker would run them, keeping the
 * state a checker keeps: the current source, its parse settings, the
 * selected section, the column map and duplicates policy in force.  Since
 * all of these are known here, each source ends up described completely:
 * the parse settings in force at its first query (later ones change
 * nothing: tstconfig(5), Parse settings), the sections it names, and its property queries.
 * The checker then only has to read each source once.
 *
 * Every directive is checked even after an error, at most one error per
 * line, so one run shows all that is wrong with a file.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "pattern.h"
#include "tstcc.h"

static const struct dirinfo dirinfo[DIR_COUNT] = {
#define D(id, name, cls, min, max) [DIR_##id] = {name, cls, min, max},
	DIRECTIVES(D)
#undef D
#define A(id, name, min, max) [DIR_ASSERT_##id] = {name, ASSERT, min, max},
	TST_ASSERTIONS(A)
#undef A
};

const char *directive_name(enum dir_kind k)
{
	return dirinfo[k].name;
}

struct sema {
	const struct srcfile *f;
	struct unit *u;
	struct source *cur;
	struct source **tail;
	size_t selected;                /* section selected in cur */
	struct colmap *columns;         /* column map in force, or NULL */
	enum tst_policy policy;
	unsigned errors_before_source;
};

/* Arity, against the directive's table entry. */
static bool check_arity(struct sema *s, const struct directive *d)
{
	const struct dirinfo *di = &dirinfo[d->kind];
	const struct word *extra = d->args;

	if ((int)d->nargs < di->min) {
		error_at(s->f, d->name->loc, "'%s' needs %s%d argument%s", di->name,
			 di->max == di->min ? "" : "at least ", di->min, di->min == 1 ? "" : "s");
		return false;
	}
	if (di->max < 0 || (int)d->nargs <= di->max)
		return true;
	for (int i = 0; i < di->max; i++)
		extra = extra->next;
	if (di->max == 0)
		error_at(s->f, extra->loc, "'%s' takes no arguments", di->name);
	else
		error_at(s->f, extra->loc, "'%s' takes %s%d argument%s, not %zu", di->name,
			 di->min == di->max ? "" : "at most ", di->max, di->max == 1 ? "" : "s", d->nargs);
	return false;
}

static bool resolve(struct sema *s, struct directive *d)
{
	const char *names[DIR_COUNT];

	for (int k = 0; k < DIR_COUNT; k++) {
		names[k] = dirinfo[k].name;
		if (strcmp(names[k], d->name->s) == 0 && strlen(names[k]) == d->name->len) {
			d->kind = (enum dir_kind)k;
			return true;
		}
	}
	error_at(s->f, d->name->loc, "unknown directive '%s'", diag_quote(d->name->s, d->name->len));
	suggest_note(s->f, d->name, names, DIR_COUNT);
	return false;
}


/*
 * Whether warnings about the current source would only echo an error in
 * it (a misspelt assertion is not also "a source with no assertion").
 */
static bool source_had_error(const struct sema *s)
{
	return diag_error_count() > s->errors_before_source;
}

/* Warns about a source nothing asserts; its reading would be wasted. */
static void finish_source(struct sema *s)
{
	struct source *src = s->cur;

	if (src && !src->asserted && !source_had_error(s))
		warning_at(s->f, src->dir->name->loc, "'%s' has no assertion", directive_name(src->dir->kind));
}

static void start_source(struct sema *s, struct directive *d)
{
	struct source *src = arena_alloc(sizeof(*src));

	finish_source(s);
	src->dir = d;
	src->id = (unsigned)++s->u->nsources;
	settings_default(&src->parse);
	src->sections = arena_grow(NULL, &src->sections_cap, 1, sizeof(*src->sections));
	src->sections[0] = "";
	src->nsections = 1;
	*s->tail = src;
	s->tail = &src->next;
	s->cur = src;
	s->errors_before_source = diag_error_count();
	s->selected = 0;
	s->columns = NULL;
	s->policy = TST_POLICY_APPEND;
}

/* A parse setting counts only before the first query of its source. */
static bool parse_setting(struct sema *s, struct directive *d)
{
	struct source *src = s->cur;
	struct parse scratch;

	if (!src->first_query) {
		if (settings_apply(s->f, d, &src->parse))
			return true;
		src->broken = true;
		return false;
	}
	scratch = src->parse;
	if (!settings_apply(s->f, d, &scratch))
		return false;
	warning_at(s->f, d->name->loc, "'%s' after the first query of its source has no effect",
		   directive_name(d->kind));
	note_at(s->f, src->first_query->name->loc, true, "the first query of the source is here");
	return true;
}

static bool query_setting(struct sema *s, struct directive *d)
{
	struct source *src = s->cur;
	struct colmap *map;
	int policy;

	if (d->kind == DIR_DUPLICATES_POLICY) {
		if (!keyword_arg(s->f, POLICY, d->args, &policy))
			return false;
		s->policy = (enum tst_policy)policy;
		return true;
	}
	map = arena_alloc(sizeof(*map));
	map->v = count_args(s->f, d);
	if (!map->v)
		return false;
	map->n = d->nargs;
	map->dir = d;
	src->colmaps = arena_grow(src->colmaps, &src->colmaps_cap, src->ncolmaps + 1, sizeof(*src->colmaps));
	src->colmaps[src->ncolmaps++] = map;
	map->id = (unsigned)src->ncolmaps;
	s->columns = map;
	return true;
}

/* The table must be fully described by the first query. */
static void check_table(struct sema *s, struct directive *d)
{
	const struct parse *p = &s->cur->parse;
	const char *missing = NULL;

	if (s->cur->broken)
		return;
	if (p->mode == TST_MODE_NONE)
		missing = "parse mode ('parse_mode' or 'syntax')";
	else if (p->mode == TST_MODE_FIXED && !p->npositions)
		missing = "'positions' for fixed mode";
	else if (p->mode == TST_MODE_KEYVALUE && !p->key_sep)
		missing = "'key_separator' for keyvalue mode";
	if (!missing)
		return;
	error_at(s->f, d->name->loc, "'%s' reads a source with no %s", directive_name(d->kind), missing);
	note_at(s->f, s->cur->dir->name->loc, true, "the source is here");
}

static size_t intern_section(struct source *src, const char *name)
{
	for (size_t i = 1; i < src->nsections; i++)
		if (strcmp(src->sections[i], name) == 0)
			return i;
	src->sections = arena_grow(src->sections, &src->sections_cap, src->nsections + 1, sizeof(*src->sections));
	src->sections[src->nsections] = (char *)name;
	return src->nsections++;
}

static void query(struct sema *s, struct directive *d)
{
	struct source *src = s->cur;
	struct query *q;

	if (!src->first_query) {
		src->first_query = d;
		check_table(s, d);
	}
	switch (d->kind) {
	case DIR_SECTION:
		s->selected = d->nargs ? intern_section(src, joined(d, NULL)) : 0;
		d->index = s->selected;
		break;
	case DIR_PROPERTY:
		src->queries = arena_grow(src->queries, &src->queries_cap, src->nqueries + 1, sizeof(*src->queries));
		q = &src->queries[src->nqueries];
		*q = (struct query){
			.dir = d, .section = s->selected, .keys = d->args, .nkeys = d->nargs,
			.columns = s->columns, .policy = s->policy,
		};
		d->index = src->nqueries++;
		break;
	default:
		break;
	}
}

static void assertion(struct sema *s, struct directive *d)
{
	struct source *src = s->cur;

	src->asserted = true;
	if (src->first_query || source_had_error(s))
		return;
	warning_at(s->f, d->name->loc, "'%s' before any query of its source tests an undefined value",
		   directive_name(d->kind));
	note_at(s->f, src->dir->name->loc, true, "the source is here");
}

static void check_directive(struct sema *s, struct directive *d)
{
	enum dir_class cls;

	if (d->error) {
		error_at(s->f, d->error_loc, "%s", d->error);
		return;
	}
	if (!resolve(s, d) || !check_arity(s, d))
		return;
	cls = dirinfo[d->kind].cls;
	if (cls != SOURCE && !s->cur) {
		error_at(s->f, d->name->loc, "'%s' before any 'file' or 'command'", directive_name(d->kind));
		return;
	}
	switch (cls) {
	case SOURCE:
		start_source(s, d);
		break;
	case PARSE:
		if (!parse_setting(s, d))
			return;
		break;
	case QUERYSET:
		if (!query_setting(s, d))
			return;
		break;
	case QUERY:
		query(s, d);
		break;
	case ASSERT:
		assertion(s, d);
		break;
	}
	d->src = s->cur;
	d->valid = true;
}

bool sema_unit(struct unit *u)
{
	struct sema s = {.f = &u->file, .u = u, .tail = &u->sources};
	unsigned before = diag_error_count();

	for (struct directive *d = u->dirs; d; d = d->next)
		check_directive(&s, d);
	finish_source(&s);
	if (!u->dirs)
		warning_at(&u->file, (struct loc){.line = 1, .col = 1}, "the definition has no directives");
	return diag_error_count() == before;
}
