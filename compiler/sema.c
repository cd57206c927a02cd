/*
 * The checking pass: every check of tstconfig(5), BUILD-TIME CHECKS, and
 * the lowering of a definition to the runtime's own tables (struct
 * tst_definition, include/tst.h), which emit.c prints and a checker runs.
 *
 * Directives are walked in order, as a checker would run them, keeping the
 * state a checker keeps: the current source, its parse settings, the
 * selected section, the column map and duplicates policy in force.  Since
 * all of these are known here, each source ends up described completely:
 * the parse settings in force at its first query (later ones change
 * nothing: tstconfig(5), Parse settings), the sections it names, and its
 * property queries.  The checker then only has to read each source once.
 *
 * Every directive is checked even after an error, at most one error per
 * line, so one run shows all that is wrong with a file.
 */
#include <assert.h>
#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ascii.h"
#include "compare.h"
#include "pattern.h"
#include "sha256.h"
#include "tstcc.h"

struct dirinfo {
	const char *name;
	enum dir_class cls;
	int min, max;                   /* max -1: any number */
};

static const struct dirinfo dirinfo[DIR_COUNT] = {
#define D(id, name, cls, min, max) [DIR_##id] = {name, cls, min, max},
	DIRECTIVES(D)
#undef D
#define F(id, name, field, default) [DIR_##id] = {name, PARSE, 1, 1},
	TST_PARSE_FLAGS(F)
#undef F
#define A(id, name, min, max) [DIR_ASSERT_##id] = {name, ASSERT, min, max},
	TST_ASSERTIONS(A)
#undef A
};

static const bool extension[DIR_COUNT] = {
#define E(id) [DIR_##id] = true,
	EXTENSIONS(E)
#undef E
};

const char *directive_name(enum dir_kind k)
{
	return dirinfo[k].name;
}

enum dir_class directive_class(enum dir_kind k)
{
	return dirinfo[k].cls;
}

bool directive_is_extension(enum dir_kind k)
{
	return extension[k];
}

/* A source being lowered, with what checking it needs to know. */
struct source {
	struct tst_source *out;
	const struct directive *dir;
	const struct directive *first_query;
	bool asserted;
	bool broken;                    /* an error made its parse settings unusable */
	const char **sections;          /* [0]: the top level */
	size_t nsections, sections_cap;
	struct tst_block_path *paths;   /* blocks: one per section */
	size_t paths_cap;
	struct tst_query *queries;
	size_t nqueries, queries_cap;
};

/* An array that grows in the arena. */
struct array {
	void *v;
	size_t n, cap;
};

struct sema {
	const struct srcfile *f;
	enum dialect dialect;
	bool head;                      /* of a snapshot: its sources need no assertion */
	struct source *cur;
	size_t selected;                /* section selected in cur */
	const size_t *columns;          /* column map in force, or NULL */
	size_t ncolumns;
	const struct directive *columns_dir;
	size_t value_query;             /* the query (index + 1) that set the value, or 0 */
	enum tst_policy policy;
	bool sensitive;                 /* values of the queries that follow are not shown */
	const char *split;              /* split_values in force, or NULL */
	bool ignore_case;               /* values_ignore_case in force */
	unsigned errors_before_source;
	struct vars *vars;
	bool expand;                    /* `variables true` is in force */
	struct array sources;           /* const struct tst_source * */
	struct array checks;            /* struct tst_check */
	struct array steps;             /* struct tst_step */
	struct meta_state meta;         /* the check in force (an extension) */
};

/* Appends one element of size bytes to a; returns it, zeroed. */
static void *push(struct array *a, size_t size)
{
	a->v = arena_grow(a->v, &a->cap, a->n + 1, size);
	return memset((char *)a->v + a->n++ * size, 0, size);
}

static void step(struct sema *s, enum tst_op op, const struct directive *d, size_t index)
{
	struct tst_step *st = push(&s->steps, sizeof(*st));

	*st = (struct tst_step){op, d->name->loc.line, index};
}

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

	if (!src)
		return;
	src->out->sections = src->sections;
	src->out->nsections = src->nsections;
	src->out->paths = src->paths;
	src->out->queries = src->queries;
	src->out->nqueries = src->nqueries;
	/* The skimmer's and the prefilter's: worked out here, so that emitted tables and --run have them alike. */
	src->out->parse.section_starts = pattern_section_starts(src->out->parse.header, src->out->parse.footer);
	src->out->blooms = source_blooms(src->out);
	if (!src->asserted && !source_had_error(s) && !s->head)
		warning_at(s->f, src->dir->name->loc, "'%s' has no assertion", directive_name(src->dir->kind));
}

static const char *const *word_array(const struct word *w, size_t n);

/* argv for a command source: its words, then NULL. */
static const char *const *command_argv(const struct directive *d)
{
	const char **argv = arena_alloc((d->nargs + 1) * sizeof(*argv));
	size_t i = 0;

	for (const struct word *w = d->args; w; w = w->next)
		argv[i++] = w->s;
	return argv;
}

/*
 * One pattern of a `files` source (tstconfig(5), EXTENSIONS): wildcards
 * ('*', '?', '[') stand in its last component only, so that a checker
 * lists one directory for it and its sandbox stays as narrow; a bracket
 * expression is closed; and it names files, not a directory.
 */
static bool check_pattern(struct sema *s, const struct word *w)
{
	const char *p = w->s, *slash = strrchr(p, '/');
	size_t name = slash ? (size_t)(slash - p) + 1 : 0;

	for (size_t i = 0; i < name; i++) {
		if (p[i] != '*' && p[i] != '?' && p[i] != '[')
			continue;
		error_at(s->f, loc_in_word(s->f, w, i, 1),
			 "wildcard '%c' in a directory of the pattern: 'files' expands wildcards in the last "
			 "component only", p[i]);
		return false;
	}
	if (!p[name]) {
		error_at(s->f, w->loc, "'%s' names a directory, not files: write '%s*' for the files in it",
			 diag_quote(p, w->len), diag_quote(p, w->len));
		return false;
	}
	for (size_t i = name; p[i]; i++) {
		size_t j = i + 1;
		if (p[i] != '[')
			continue;
		/* As fnmatch(3) reads it: '!' or '^' negates, and a ']' first is literal. */
		if (p[j] == '!' || p[j] == '^')
			j++;
		if (p[j] == ']')
			j++;
		while (p[j] && p[j] != ']')
			j++;
		if (!p[j]) {
			error_at(s->f, loc_in_word(s->f, w, i, 1),
				 "unclosed bracket expression '[' in the pattern (write '[[]' for a literal '[')");
			return false;
		}
		i = j;
	}
	return true;
}

static void start_source(struct sema *s, const struct directive *d)
{
	struct source *src = arena_alloc(sizeof(*src));
	struct tst_source *out = arena_alloc(sizeof(*out));
	const struct tst_source **slot;

	finish_source(s);
	out->line = d->name->loc.line;
	out->display = joined(d, NULL);
	if (d->kind == DIR_FILE) {
		out->path = out->display;
	} else if (d->kind == DIR_FILES) {
		out->patterns = word_array(d->args, d->nargs);
		out->npatterns = d->nargs;
	} else {
		out->argv = command_argv(d);
	}
	settings_default(&out->parse);
	src->out = out;
	src->dir = d;
	src->sections = arena_grow(NULL, &src->sections_cap, 1, sizeof(*src->sections));
	src->sections[0] = "";
	src->nsections = 1;
	slot = push(&s->sources, sizeof(*slot));
	*slot = out;
	step(s, TST_OP_SOURCE, d, s->sources.n - 1);
	s->cur = src;
	s->errors_before_source = diag_error_count();
	s->selected = 0;
	s->columns = NULL;
	s->ncolumns = 0;
	s->columns_dir = NULL;
	s->value_query = 0;
	s->policy = TST_POLICY_APPEND;
	s->sensitive = false;
	s->split = NULL;
	s->ignore_case = false;
	if (d->kind == DIR_FILES)
		for (const struct word *w = d->args; w; w = w->next)
			if (!check_pattern(s, w))
				break;
}

/* A parse setting counts only before the first query of its source. */
static void parse_setting(struct sema *s, const struct directive *d)
{
	struct source *src = s->cur;
	struct tst_parse scratch;

	if (!src->first_query) {
		if (!settings_apply(s->f, d, &src->out->parse))
			src->broken = true;
		return;
	}
	scratch = src->out->parse;
	if (!settings_apply(s->f, d, &scratch))
		return;
	warning_at(s->f, d->name->loc, "'%s' after the first query of its source has no effect",
		   directive_name(d->kind));
	note_at(s->f, src->first_query->name->loc, true, "the first query of the source is here");
}

static void query_setting(struct sema *s, const struct directive *d)
{
	size_t *columns;
	int v;

	switch (d->kind) {
	case DIR_DUPLICATES_POLICY:
		if (keyword_arg(s->f, POLICY, d->args, &v))
			s->policy = (enum tst_policy)v;
		return;
	case DIR_SENSITIVE:
		if (keyword_arg(s->f, BOOLEAN, d->args, &v))
			s->sensitive = v;
		return;
	case DIR_VALUES_IGNORE_CASE:
		if (keyword_arg(s->f, BOOLEAN, d->args, &v))
			s->ignore_case = v;
		return;
	case DIR_SPLIT_VALUES:
		split_values_arg(s->f, d, &s->split);
		return;
	default:
		break;
	}
	columns = count_args(s->f, d);
	if (!columns)
		return;
	s->columns = columns;
	s->ncolumns = d->nargs;
	s->columns_dir = d;
}

/* The table must be fully described by the first query. */
static void check_table(struct sema *s, const struct directive *d)
{
	const struct tst_parse *p = &s->cur->out->parse;
	const char *missing = NULL;

	if (s->cur->broken)
		return;
	if (p->mode == TST_MODE_NONE)
		missing = "parse mode ('parse_mode' or 'syntax')";
	else if (p->mode == TST_MODE_FIXED && !p->npositions)
		missing = "'positions' for fixed mode";
	else if (p->mode == TST_MODE_KEYVALUE && !p->key_separator)
		missing = "'key_separator' for keyvalue mode";
	if (!missing)
		return;
	error_at(s->f, d->name->loc, "'%s' reads a source with no %s", directive_name(d->kind), missing);
	note_at(s->f, s->cur->dir->name->loc, true, "the source is here");
}

/* Under keys_ignore_case, names that differ only in ASCII case are one section, as the checker finds them. */
static size_t intern_section(struct source *src, const char *name)
{
	bool fold = src->out->parse.keys_ignore_case;

	for (size_t i = 1; i < src->nsections; i++)
		if ((fold ? tst_ascii_casecmp(src->sections[i], name) : strcmp(src->sections[i], name)) == 0)
			return i;
	src->sections = arena_grow(src->sections, &src->sections_cap, src->nsections + 1, sizeof(*src->sections));
	src->sections[src->nsections] = name;
	return src->nsections++;
}

/* Where the number of an index `[-N]` or `[N]` ending s[0..close) starts, or 0. */
static size_t index_start(const char *s, size_t close)
{
	size_t i = close;

	while (i > 0 && isdigit((unsigned char)s[i - 1]))
		i--;
	if (i == close)
		return 0;
	if (i > 0 && (s[i - 1] == '-' || s[i - 1] == '+'))
		i--;
	return i > 0 && s[i - 1] == '[' ? i : 0;
}

/*
 * One level of a block path: a name, and the index of the block among its
 * siblings of that name when the word ends in [N].  Only digits between the
 * brackets make an index, so a name such as `location ~ [a-z]` stays whole;
 * a name that itself ends in [N] is written with its index after it.
 */
static bool block_level(struct sema *s, const struct word *w, struct tst_block_level *out)
{
	size_t end = w->len, open;
	char *name;
	size_t n = 0;

	out->index = 1;
	out->only = true;
	open = end > 2 && w->s[end - 1] == ']' ? index_start(w->s, end - 1) : 0;
	if (open) {
		struct word num = *w;
		num.s = arena_strndup(w->s + open, end - 1 - open);
		num.len = end - 1 - open;
		num.loc = loc_in_word(s->f, w, open, num.len);
		if (num.s[0] != '-' && !count_arg(s->f, &num, &out->index))
			return false;
		if (num.s[0] == '-' || out->index == 0) {
			error_at(s->f, num.loc, "block indexes count from 1: write [1] for the first block of its name");
			return false;
		}
		out->only = false;
		end = open - 1;
	}
	name = arena_alloc(end + 1);
	for (size_t i = 0; i < end; i++) {
		if (w->s[i] != ' ' && w->s[i] != '\t')
			name[n++] = w->s[i];
		else if (n && name[n - 1] != ' ')
			name[n++] = ' ';
	}
	while (n && name[n - 1] == ' ')
		n--;
	name[n] = '\0';
	if (!n) {
		error_at(s->f, w->loc, "a block path names each block: '%s' has no name", diag_quote(w->s, w->len));
		return false;
	}
	out->name = name;
	return true;
}

static bool same_path(const struct tst_block_path *a, const struct tst_block_level *levels, size_t n)
{
	if (a->nlevels != n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (strcmp(a->levels[i].name, levels[i].name) != 0 || a->levels[i].index != levels[i].index ||
		    a->levels[i].only != levels[i].only)
			return false;
	return true;
}

/* Each block path is one section of the source, compared level by level (a name may hold " > "). */
static size_t intern_block(struct source *src, struct tst_block_level *levels, size_t n)
{
	char *shown = NULL;

	if (!src->paths) {
		src->paths = arena_grow(NULL, &src->paths_cap, 1, sizeof(*src->paths));
		src->paths[0] = (struct tst_block_path){0};
	}
	for (size_t i = 1; i < src->nsections; i++)
		if (same_path(&src->paths[i], levels, n))
			return i;
	for (size_t i = 0; i < n; i++) {
		shown = arena_printf("%s%s%s", shown ? shown : "", i ? " > " : "", levels[i].name);
		if (!levels[i].only)
			shown = arena_printf("%s[%zu]", shown, levels[i].index);
	}
	src->paths = arena_grow(src->paths, &src->paths_cap, src->nsections + 1, sizeof(*src->paths));
	src->paths[src->nsections] = (struct tst_block_path){levels, n};
	src->sections = arena_grow(src->sections, &src->sections_cap, src->nsections + 1, sizeof(*src->sections));
	src->sections[src->nsections] = shown;
	return src->nsections++;
}

/* block NAME... (an extension): selects a nested block by its path, one word a level. */
static void block_query(struct sema *s, const struct directive *d)
{
	struct source *src = s->cur;
	struct tst_block_level *levels = arena_alloc(d->nargs * sizeof(*levels));
	size_t i = 0;

	if (src->out->parse.blocks == TST_BLOCKS_NONE) {
		if (src->broken)
			return;
		error_at(s->f, d->name->loc, "'block' reads a source without 'blocks' (braces or tags)");
		note_at(s->f, src->dir->name->loc, true, "the source is here");
		return;
	}
	for (const struct word *w = d->args; w; w = w->next, i++)
		if (!block_level(s, w, &levels[i]))
			return;
	s->selected = intern_block(src, levels, d->nargs);
	step(s, TST_OP_SECTION, d, s->selected);
}

/* The words of a list, as an array. */
static const char *const *word_array(const struct word *w, size_t n)
{
	const char **v = n ? arena_alloc(n * sizeof(*v)) : NULL;

	for (size_t i = 0; i < n; i++, w = w->next)
		v[i] = w->s;
	return v;
}

static void query(struct sema *s, const struct directive *d)
{
	struct source *src = s->cur;
	struct tst_query *q;

	if (!src->first_query) {
		src->first_query = d;
		check_table(s, d);
	}
	switch (d->kind) {
	case DIR_SECTION:
		if (d->nargs && src->out->parse.blocks != TST_BLOCKS_NONE) {
			error_at(s->f, d->name->loc, "'section' with a name selects a flat section, and a source with "
				 "'blocks' has none: select a block with 'block'");
			return;
		}
		s->selected = d->nargs ? intern_section(src, joined(d, NULL)) : 0;
		step(s, TST_OP_SECTION, d, s->selected);
		break;
	case DIR_BLOCK:
		block_query(s, d);
		break;
	case DIR_SECTION_SIZE:
		step(s, TST_OP_SECTION_SIZE, d, 0);
		s->value_query = 0;
		break;
	default:
		src->queries = arena_grow(src->queries, &src->queries_cap, src->nqueries + 1, sizeof(*src->queries));
		q = &src->queries[src->nqueries];
		*q = (struct tst_query){
			.line = d->name->loc.line, .section = s->selected,
			.keys = word_array(d->args, d->nargs), .nkeys = d->nargs,
			.columns = s->columns, .ncolumns = s->ncolumns, .policy = s->policy,
			.sensitive = s->sensitive, .split = s->split,
		};
		s->value_query = src->nqueries + 1;
		warn_dropped_key(s->f, d);
		if (s->columns && d->nargs > s->ncolumns)
			warn_missing_columns(s->f, d, s->columns_dir);
		step(s, TST_OP_PROPERTY, d, src->nqueries++);
		break;
	}
}

/* The runtime's kind of an assertion directive. */
static enum tst_assertion assertion_kind(enum dir_kind k)
{
	switch (k) {
#define A(id, name, min, max) \
	case DIR_ASSERT_##id: \
		return TST_ASSERT_##id;
	TST_ASSERTIONS(A)
#undef A
	default:
		assert(!"not an assertion");
		return TST_ASSERT_EQ;
	}
}

/* The argument of a comparing assertion: a number, or a Debian version; false after an error. */
static bool comparison_arg(struct sema *s, const struct directive *d)
{
	const struct word *w = d->args;
	double number;

	if (d->kind == DIR_ASSERT_VERSION_AT_LEAST || d->kind == DIR_ASSERT_VERSION_AT_MOST) {
		if (tst_version_valid(w->s))
			return true;
		error_at(s->f, w->loc, "'%s' is no Debian version ([epoch:]upstream[-revision], upstream starting "
			 "with a digit)", diag_quote(w->s, w->len));
		return false;
	}
	if (tst_number(w->s, w->len, &number))
		return true;
	error_at(s->f, w->loc, "'%s' is no number (digits, with an optional K, M, G, T or %%)",
		 diag_quote(w->s, w->len));
	return false;
}

/* Whether an assertion compares the value's text with its arguments, which values_ignore_case changes. */
static bool compares_text(enum dir_kind k)
{
	switch (k) {
	case DIR_ASSERT_EQ:
	case DIR_ASSERT_CONTAINS:
	case DIR_ASSERT_NOT_CONTAINS:
	case DIR_ASSERT_STARTS_WITH:
	case DIR_ASSERT_ENDS_WITH:
	case DIR_ASSERT_MATCHES:
	case DIR_ASSERT_ANY_MATCH:
	case DIR_ASSERT_ALL_MATCH:
	case DIR_ASSERT_NONE_MATCH:
	case DIR_ASSERT_ONE_OF:
	case DIR_ASSERT_SET_EQ:
	case DIR_ASSERT_SUBSET_OF:
		return true;
	default:
		return false;
	}
}

static void assertion(struct sema *s, const struct directive *d)
{
	struct source *src = s->cur;
	struct tst_check *c;
	size_t len;
	const char *args = joined(d, &len), *pattern = NULL, *text;
	bool icase = s->ignore_case && compares_text(d->kind);

	switch (d->kind) {
	case DIR_ASSERT_MATCHES:
	case DIR_ASSERT_ANY_MATCH:
	case DIR_ASSERT_ALL_MATCH:
	case DIR_ASSERT_NONE_MATCH:
		if (!pattern_arg(s->f, d, false, icase, &pattern, NULL))
			return;
		break;
	case DIR_ASSERT_AT_MOST:
	case DIR_ASSERT_AT_LEAST:
	case DIR_ASSERT_LESS_THAN:
	case DIR_ASSERT_GREATER_THAN:
	case DIR_ASSERT_VERSION_AT_LEAST:
	case DIR_ASSERT_VERSION_AT_MOST:
		if (!comparison_arg(s, d))
			return;
		break;
	default:
		break;
	}
	text = d->nargs ? arena_printf("%s %s", d->name->s, args) : d->name->s;
	/* Every report shows the text, so every report says that case was ignored. */
	if (icase)
		text = arena_printf("%s (ignoring case)", text);
	c = push(&s->checks, sizeof(*c));
	*c = (struct tst_check){
		.kind = assertion_kind(d->kind), .line = d->name->loc.line, .text = text,
		.args = word_array(d->args, d->nargs), .nargs = d->nargs,
		.pattern = pattern, .meta = meta_assertion(&s->meta), .ignore_case = icase,
	};
	step(s, TST_OP_ASSERT, d, s->checks.n - 1);
	src->asserted = true;
	if (d->kind == DIR_ASSERT_NOT_CONTAINS && s->value_query)
		warn_split_element(s->f, d, &src->out->parse, &src->queries[s->value_query - 1]);
	if (src->first_query || source_had_error(s))
		return;
	warning_at(s->f, d->name->loc, "'%s' before any query of its source tests an undefined value",
		   directive_name(d->kind));
	note_at(s->f, src->dir->name->loc, true, "the source is here");
}

/* A check belongs to no source: it may start before the first and span several. */
static void meta(struct sema *s, const struct directive *d)
{
	meta_directive(&s->meta, d);
}

/* `variables true|false` and `define NAME [VALUE...]` (extensions). */
static void global(struct sema *s, const struct directive *d)
{
	const struct word *name = d->args;
	struct directive value = *d;
	int on;

	if (d->kind == DIR_VARIABLES) {
		if (keyword_arg(s->f, BOOLEAN, d->args, &on))
			s->expand = on;
		return;
	}
	if (!var_name_valid(name->s, name->len)) {
		error_at(s->f, name->loc, "'%s' is no variable name (a letter or '_', then letters, digits and '_')",
			 diag_quote(name->s, name->len));
		return;
	}
	value.args = name->next;
	value.nargs--;
	vars_set(s->vars, name->s, joined(&value, NULL), false);
}

/* What each class of directive does to the state and the tables. */
static void (*const by_class[])(struct sema *s, const struct directive *d) = {
	[SOURCE] = start_source, [PARSE] = parse_setting, [QUERYSET] = query_setting,
	[QUERY] = query, [ASSERT] = assertion, [GLOBAL] = global, [META] = meta,
};

/* Expands the variables in d's arguments, but for the name a `define` sets; false after an error. */
static bool expand_args(struct sema *s, struct directive *d)
{
	struct word *w = d->kind == DIR_DEFINE && d->args ? d->args->next : d->args;

	if (!s->expand)
		return true;
	for (; w; w = w->next)
		if (!vars_expand(s->f, s->vars, w))
			return false;
	return true;
}

static void check_directive(struct sema *s, struct directive *d)
{
	enum dir_class cls;

	if (d->error) {
		error_at(s->f, d->error_loc, "%s", d->error);
		return;
	}
	if (!resolve(s, d))
		return;
	cls = dirinfo[d->kind].cls;
	if (extension[d->kind] && s->dialect == DIALECT_TSTCONFIG_0_3) {
		error_at(s->f, d->name->loc, "'%s' is an extension of tstcc, which -std=tstconfig-0.3 refuses",
			 directive_name(d->kind));
		/* A refused source is still the one the directives after it read, so they are not refused too. */
		if (cls == SOURCE)
			start_source(s, d);
		return;
	}
	if (!expand_args(s, d)) {
		/* As for a refused source: the directives after it still have it, and a define its name. */
		if (cls == SOURCE)
			start_source(s, d);
		if (d->kind == DIR_DEFINE && var_name_valid(d->args->s, d->args->len))
			vars_set(s->vars, d->args->s, "", false);
		return;
	}
	if (!check_arity(s, d))
		return;
	if (cls != SOURCE && cls != GLOBAL && cls != META && !s->cur) {
		error_at(s->f, d->name->loc, "'%s' before any 'file' or 'command'", directive_name(d->kind));
		return;
	}
	/* Where arguments are text: a command's words are a program's, settings are read as numbers or keywords. */
	if (cls == ASSERT || cls == QUERY || d->kind == DIR_FILE || d->kind == DIR_FILES || d->kind == DIR_DEFINE ||
	    d->kind == DIR_CHECK)
		warn_hash_argument(s->f, d, cls == ASSERT);
	by_class[cls](s, d);
}

/* The definition's tables, once every directive has been checked. */
static struct tst_definition *lower(struct sema *s, const struct unit *u)
{
	struct tst_definition *def = arena_alloc(sizeof(*def));
	char *digest = arena_alloc(65);

	tst_sha256_hex(u->file.text, u->file.len, digest);
	*def = (struct tst_definition){
		.name = u->file.name, .sha256 = digest, .text = u->file.text, .text_len = u->file.len,
		.sources = s->sources.v, .nsources = s->sources.n,
		.checks = s->checks.v, .steps = s->steps.v, .nsteps = s->steps.n,
	};
	return def;
}

bool sema_unit(struct unit *u, enum dialect dialect, struct vars *vars)
{
	struct vars none = {0};
	struct sema s = {.f = &u->file, .dialect = dialect, .vars = vars ? vars : &none,
			    .meta = {.f = &u->file}, .head = u->head};
	unsigned before = diag_error_count();

	for (struct directive *d = u->dirs; d; d = d->next)
		check_directive(&s, d);
	finish_source(&s);
	meta_finish(&s.meta);
	vars_forget_defines(s.vars);
	if (!u->dirs)
		warning_at(&u->file, (struct loc){.line = 1, .col = 1}, "the definition has no directives");
	if (diag_error_count() != before)
		return false;
	u->def = lower(&s, u);
	return true;
}
