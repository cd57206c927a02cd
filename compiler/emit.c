/*
 * The code generator.  A checker is constant tables, nothing but data:
 *
 *   - each source becomes a `struct tst_source` holding its parse settings
 *     and every property query asked of it, so that the runtime reads it
 *     once and answers them all in that one pass;
 *   - each definition becomes a table of steps, one commented entry per
 *     directive naming the line it came from; settings that were folded
 *     into the source's table at build time leave only their comment.
 *
 * Data compiles in time linear in its size, where one function with a call
 * per directive made $CC slow and hungry for large definitions; tstcc -g
 * adds a function that runs the steps under #line directives, so that a
 * debugger can step through the definition.
 *
 * Output is a pure function of the definitions: no dates, no paths but
 * the names given, no pointer or hash order.  Every byte from a definition
 * reaches the C text escaped (emit_string) or sanitised (emit_comment),
 * so no definition can break or change the program.
 */
#include <string.h>

#include "internal.h"
#include "tstcc.h"

/* Longest text of a definition line quoted in a comment. */
enum { COMMENT_MAX = 100 };

/* Bytes a string literal holds as themselves. */
static bool plain_in_string(unsigned char c)
{
	return c >= ' ' && c < 0x7f && c != '"' && c != '\\' && c != '?';
}

/*
 * A C string literal.  Only printable ASCII passes as itself; `?` is
 * escaped so that no trigraph can form; newline and tab get their usual
 * escapes and every other byte a three-digit octal escape, which cannot
 * swallow a following digit.
 */
static void emit_string(FILE *out, const char *s, size_t n)
{
	putc('"', out);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		size_t run = 0;
		/* Runs of plain bytes in one write: per-byte stdio calls made large definitions slow to emit. */
		while (i + run < n && plain_in_string((unsigned char)s[i + run]))
			run++;
		if (run) {
			fwrite(s + i, 1, run, out);
			i += run - 1;
		} else if (c == '"' || c == '\\' || c == '?')
			fprintf(out, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", out);
		else if (c == '\t')
			fputs("\\t", out);
		else
			fprintf(out, "\\%03o", c);
	}
	putc('"', out);
}

static void emit_cstr(FILE *out, const char *s)
{
	emit_string(out, s, strlen(s));
}

/* Whether s[i] goes into a comment as itself: no "*" "/" pair can close it, no "/" "*" nest in it, no "??" trigraph. */
static bool plain_in_comment(const char *s, size_t n, size_t i)
{
	unsigned char c = (unsigned char)s[i];
	char next = i + 1 < n ? s[i + 1] : '\0';

	if (c < ' ' || c >= 0x7f)
		return false;
	return !((c == '*' && next == '/') || (c == '/' && next == '*') || (c == '?' && next == '?'));
}

/* Text for a comment, sanitised by plain_in_comment. */
static void emit_comment_text(FILE *out, const char *s, size_t n)
{
	size_t shown = n > COMMENT_MAX ? COMMENT_MAX : n;

	for (size_t i = 0; i < shown; i++) {
		unsigned char c = (unsigned char)s[i];
		size_t run = 0;
		while (i + run < shown && plain_in_comment(s, n, i + run))
			run++;
		if (run) {
			fwrite(s + i, 1, run, out);
			i += run - 1;
		} else if (c < ' ' || c >= 0x7f)
			fprintf(out, "\\x%02x", c);
		else if (c == '?')
			fputs("? ", out);
		else
			fprintf(out, "%c ", c);
	}
	if (shown < n)
		fputs(" ...", out);
}

/* The words of a directive, name and arguments, joined by one space. */
static char *directive_text(const struct directive *d, size_t *len)
{
	size_t nargs;
	char *args = joined(d, &nargs);

	if (!d->nargs) {
		*len = d->name->len;
		return d->name->s;
	}
	*len = d->name->len + 1 + nargs;
	return arena_printf("%s %s", d->name->s, args);
}

/* The comment naming a directive's definition line: "file:line: text". */
static void emit_origin(FILE *out, const struct unit *u, const struct directive *d, const char *indent)
{
	size_t len;
	char *text = directive_text(d, &len);

	fprintf(out, "%s/* ", indent);
	emit_comment_text(out, u->file.name, strlen(u->file.name));
	fprintf(out, ":%u: ", d->name->loc.line);
	emit_comment_text(out, text, len);
	fputs(" */\n", out);
}

/* Each line of a definition holds at most one directive: its index by line. */
struct lines {
	const struct unit *u;
	const struct directive **at;    /* [line] */
	unsigned n;
};

static struct lines index_lines(const struct unit *u)
{
	struct lines l = {.u = u};

	for (const struct directive *d = u->dirs; d; d = d->next)
		if (d->name && d->name->loc.line >= l.n)
			l.n = d->name->loc.line + 1;
	l.at = arena_alloc((l.n ? l.n : 1) * sizeof(*l.at));
	for (const struct directive *d = u->dirs; d; d = d->next)
		if (d->name)
			l.at[d->name->loc.line] = d;
	return l;
}

/* The comment naming the definition line a table entry comes from. */
static void emit_line_origin(FILE *out, const struct lines *l, unsigned line, const char *indent)
{
	emit_origin(out, l->u, l->at[line], indent);
}

static void emit_sizes(FILE *out, const size_t *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		fprintf(out, "%s%zu", i ? ", " : "", v[i]);
}

/*
 * One line of the definition's word pool: the keys of a query or the
 * arguments of an assertion.  Queries and checks point into the pool,
 * which compiles far faster than an array of their own each.
 */
static void emit_pool_line(FILE *out, const char *const *w, size_t n, unsigned line)
{
	fputc('\t', out);
	for (size_t i = 0; i < n; i++) {
		emit_cstr(out, w[i]);
		fputs(i + 1 < n ? ", " : ",", out);
	}
	fprintf(out, " /* line %u */\n", line);
}

/* Where each query's keys and each check's arguments start in the pool. */
struct pool {
	size_t **query_at;              /* [source][query] */
	size_t *check_at;               /* [check] */
};

static size_t count_checks(const struct tst_definition *def)
{
	size_t n = 0;

	for (size_t i = 0; i < def->nsteps; i++)
		n += def->steps[i].op == TST_OP_ASSERT;
	return n;
}

/* The pool of every key and assertion argument. */
static struct pool emit_word_pool(FILE *out, const struct tst_definition *def, unsigned du)
{
	struct pool pool = {.query_at = arena_alloc((def->nsources + 1) * sizeof(*pool.query_at))};
	size_t nchecks = count_checks(def), n = 0;

	pool.check_at = arena_alloc((nchecks + 1) * sizeof(*pool.check_at));
	for (size_t i = 0; i < def->nsources; i++) {
		const struct tst_source *src = def->sources[i];
		pool.query_at[i] = arena_alloc((src->nqueries + 1) * sizeof(**pool.query_at));
		for (size_t q = 0; q < src->nqueries; q++) {
			pool.query_at[i][q] = n;
			if (n == 0 && src->queries[q].nkeys)
				fprintf(out, "static const char *const d%u_words[] = {\n", du);
			if (src->queries[q].nkeys)
				emit_pool_line(out, src->queries[q].keys, src->queries[q].nkeys, src->queries[q].line);
			n += src->queries[q].nkeys;
		}
	}
	for (size_t c = 0; c < nchecks; c++) {
		pool.check_at[c] = n;
		if (n == 0 && def->checks[c].nargs)
			fprintf(out, "static const char *const d%u_words[] = {\n", du);
		if (def->checks[c].nargs)
			emit_pool_line(out, def->checks[c].args, def->checks[c].nargs, def->checks[c].line);
		n += def->checks[c].nargs;
	}
	if (n)
		fputs("};\n\n", out);
	return pool;
}

/* A source's column maps, each once, in the order its queries use them. */
struct colmaps {
	const size_t **v;
	size_t n;
};

static struct colmaps collect_colmaps(const struct tst_source *src)
{
	struct colmaps m = {.v = arena_alloc((src->nqueries + 1) * sizeof(*m.v))};

	for (size_t q = 0; q < src->nqueries; q++) {
		const size_t *c = src->queries[q].columns;
		size_t k = 0;
		while (c && k < m.n && m.v[k] != c)
			k++;
		if (c && k == m.n)
			m.v[m.n++] = c;
	}
	return m;
}

/* 1 + the index of columns in m (it names the array). */
static size_t colmap_id(const struct colmaps *m, const size_t *columns)
{
	size_t k = 0;

	while (m->v[k] != columns)
		k++;
	return k + 1;
}

/* blocks (an extension): each section's block path, level by level. */
static void emit_paths(FILE *out, unsigned du, unsigned si, const struct tst_source *src)
{
	for (size_t i = 1; i < src->nsections; i++) {
		fprintf(out, "static const struct tst_block_level d%u_s%u_path%zu[] = {\n", du, si, i);
		for (size_t k = 0; k < src->paths[i].nlevels; k++) {
			const struct tst_block_level *lv = &src->paths[i].levels[k];
			fputs("\t{", out);
			emit_cstr(out, lv->name);
			fprintf(out, ", %zu, %s},\n", lv->index, lv->only ? "true" : "false");
		}
		fputs("};\n", out);
	}
	fprintf(out, "static const struct tst_block_path d%u_s%u_paths[] = {\n\t{NULL, 0},\n", du, si);
	for (size_t i = 1; i < src->nsections; i++)
		fprintf(out, "\t{d%u_s%u_path%zu, %zu},\n", du, si, i, src->paths[i].nlevels);
	fputs("};\n", out);
}

/* Arrays a source's description points to. */
static void emit_source_arrays(FILE *out, const struct lines *l, unsigned du, unsigned si,
			       const struct tst_source *src, const struct colmaps *maps)
{
	const struct tst_parse *p = &src->parse;

	emit_line_origin(out, l, src->line, "");
	if (src->argv) {
		fprintf(out, "static const char *const d%u_s%u_argv[] = {\n", du, si);
		for (size_t i = 0; src->argv[i]; i++) {
			fputc('\t', out);
			emit_cstr(out, src->argv[i]);
			fputs(",\n", out);
		}
		fputs("\tNULL,\n};\n", out);
	}
	if (src->npatterns) {
		fprintf(out, "static const char *const d%u_s%u_patterns[] = {\n", du, si);
		for (size_t i = 0; i < src->npatterns; i++) {
			fputc('\t', out);
			emit_cstr(out, src->patterns[i]);
			fputs(",\n", out);
		}
		fputs("};\n", out);
	}
	if (p->npositions) {
		fprintf(out, "static const size_t d%u_s%u_positions[] = {", du, si);
		emit_sizes(out, p->positions, p->npositions);
		fputs("};\n", out);
	}
	for (size_t k = 0; k < maps->n; k++) {
		size_t n = 0;
		for (size_t q = 0; q < src->nqueries; q++)
			if (src->queries[q].columns == maps->v[k])
				n = src->queries[q].ncolumns;
		fprintf(out, "static const size_t d%u_s%u_columns%zu[] = {", du, si, k + 1);
		emit_sizes(out, maps->v[k], n);
		fputs("};\n", out);
	}
	fprintf(out, "static const char *const d%u_s%u_sections[] = {\n", du, si);
	for (size_t i = 0; i < src->nsections; i++) {
		fputc('\t', out);
		emit_cstr(out, src->sections[i]);
		fputs(",\n", out);
	}
	fputs("};\n", out);
	if (src->paths)
		emit_paths(out, du, si, src);
}

static void emit_queries(FILE *out, const struct lines *l, unsigned du, unsigned si, const struct tst_source *src,
			 const struct colmaps *maps, const size_t *words_at)
{
	static const char *const policies[] = {
		[TST_POLICY_APPEND] = "TST_POLICY_APPEND",
		[TST_POLICY_REPLACE] = "TST_POLICY_REPLACE",
		[TST_POLICY_IGNORE] = "TST_POLICY_IGNORE",
	};

	if (!src->nqueries)
		return;
	fprintf(out, "static const struct tst_query d%u_s%u_queries[] = {\n", du, si);
	for (size_t i = 0; i < src->nqueries; i++) {
		const struct tst_query *q = &src->queries[i];
		emit_line_origin(out, l, q->line, "\t");
		fprintf(out, "\t{.line = %u", q->line);
		if (q->section)
			fprintf(out, ", .section = %zu", q->section);
		if (q->nkeys)
			fprintf(out, ", .keys = d%u_words + %zu, .nkeys = %zu", du, words_at[i], q->nkeys);
		if (q->columns)
			fprintf(out, ", .columns = d%u_s%u_columns%zu, .ncolumns = %zu", du, si,
				colmap_id(maps, q->columns), q->ncolumns);
		/* TST_POLICY_APPEND is zero: fields left out are, and fewer initializers compile faster. */
		if (q->policy != TST_POLICY_APPEND)
			fprintf(out, ", .policy = %s", policies[q->policy]);
		if (q->sensitive)
			fputs(", .sensitive = true", out);
		if (q->split) {
			fputs(", .split = ", out);
			emit_cstr(out, q->split);
		}
		fputs("},\n", out);
	}
	fputs("};\n", out);
}

static void emit_regex(FILE *out, const char *field, const char *ere)
{
	fprintf(out, "\t\t.%s = ", field);
	emit_cstr(out, ere);
	fputs(",\n", out);
}

static void emit_parse(FILE *out, unsigned du, unsigned si, const struct tst_parse *p)
{
	static const char *const modes[] = {
		[TST_MODE_NONE] = "TST_MODE_NONE", [TST_MODE_TOKENIZED] = "TST_MODE_TOKENIZED",
		[TST_MODE_FIXED] = "TST_MODE_FIXED", [TST_MODE_KEYVALUE] = "TST_MODE_KEYVALUE",
	};
	static const char *const continuations[] = {
		[TST_CONTINUATION_NONE] = "TST_CONTINUATION_NONE",
		[TST_CONTINUATION_INDENTED] = "TST_CONTINUATION_INDENTED",
		[TST_CONTINUATION_BACKSLASH] = "TST_CONTINUATION_BACKSLASH",
	};

	fprintf(out, "\t.parse = {\n\t\t.mode = %s,\n\t\t.delimiters = ", modes[p->mode]);
	emit_string(out, p->delimiters, p->ndelimiters);
	fprintf(out, ",\n\t\t.ndelimiters = %zu,\n\t\t.quote = ", p->ndelimiters);
	emit_cstr(out, p->quote);
	fputs(",\n", out);
	if (p->key_separator) {
		fputs("\t\t.key_separator = ", out);
		emit_cstr(out, p->key_separator);
		fputs(",\n", out);
	}
	if (p->npositions)
		fprintf(out, "\t\t.positions = d%u_s%u_positions,\n\t\t.npositions = %zu,\n", du, si, p->npositions);
	fprintf(out, "\t\t.skip_header_lines = %zu,\n", p->skip_header_lines);
	if (p->read_lines == TST_UNLIMITED)
		fputs("\t\t.read_lines = TST_UNLIMITED,\n", out);
	else
		fprintf(out, "\t\t.read_lines = %zu,\n", p->read_lines);
	if (p->header) {
		emit_regex(out, "header", p->header);
		fprintf(out, "\t\t.header_group = %d,\n", p->header_group);
	}
	if (p->footer)
		emit_regex(out, "footer", p->footer);
	if (p->section_starts) {
		fputs("\t\t.section_starts = (const unsigned char[32]){", out);
		for (int i = 0; i < 32; i++)
			fprintf(out, "%s0x%02x", i ? ", " : "", p->section_starts[i]);
		fputs("},\n", out);
	}
	/* An extension's flag only where it is set, so that other tables print as they always have. */
#define F(id, name, field, default)                                                   \
	if (!directive_is_extension(DIR_##id) || p->field != default)                  \
		fprintf(out, "\t\t." #field " = %s,\n", p->field ? "true" : "false");
	TST_PARSE_FLAGS(F)
#undef F
	/* The extensions only where they are used, so that other tables print as they always have. */
	if (p->inline_comment) {
		fputs("\t\t.inline_comment = ", out);
		emit_cstr(out, p->inline_comment);
		fputs(",\n", out);
		if (p->inline_comment_anywhere)
			fputs("\t\t.inline_comment_anywhere = true,\n", out);
	}
	if (p->continuation != TST_CONTINUATION_NONE)
		fprintf(out, "\t\t.continuation = %s,\n", continuations[p->continuation]);
	if (p->blocks != TST_BLOCKS_NONE)
		fprintf(out, "\t\t.blocks = %s,\n", p->blocks == TST_BLOCKS_BRACES ? "TST_BLOCKS_BRACES" : "TST_BLOCKS_TAGS");
	fputs("\t},\n", out);
}

/* The prefilter's Bloom filters, four words a line: a checker starts with them (runtime/bloom.c). */
static void emit_blooms(FILE *out, unsigned du, unsigned si, const struct tst_source *src)
{
	size_t column;
	unsigned shift;
	struct tst_tokenizer t;

	tst_tokenizer_init(&t, src->parse.delimiters, src->parse.ndelimiters, src->parse.quote,
			   src->parse.ignore_empty);
	for (size_t s = 0; s < src->nsections; s++) {
		if (!src->blooms[s] || !tst_bloom_plan(src, s, t.wide, &column, &shift))
			continue;
		fprintf(out, "static const unsigned long long d%u_s%u_bloom%zu[] = {", du, si, s);
		for (size_t i = 0, n = tst_bloom_words(shift); i < n; i++)
			fprintf(out, "%s0x%016llxULL", !i ? "\n\t" : i % 4 ? ", " : ",\n\t", src->blooms[s][i]);
		fputs(",\n};\n", out);
	}
	fprintf(out, "static const unsigned long long *const d%u_s%u_blooms[] = {", du, si);
	for (size_t s = 0; s < src->nsections; s++) {
		if (src->blooms[s])
			fprintf(out, "%sd%u_s%u_bloom%zu", s ? ", " : "", du, si, s);
		else
			fprintf(out, "%sNULL", s ? ", " : "");
	}
	fputs("};\n", out);
}

/* The optional parts of the runtime a source or check points to (parts.c), each as `sep .NAME_ops = &tst_NAME_ops end`. */
static void emit_parts(FILE *out, unsigned parts, const char *sep, const char *end)
{
	for (int p = 0; p < PART_COUNT; p++)
		if (parts & 1u << p)
			fprintf(out, "%s.%s_ops = &tst_%s_ops%s", sep, part_names[p], part_names[p], end);
}

static void emit_source(FILE *out, const struct lines *l, unsigned du, unsigned si, const struct tst_source *src,
			const size_t *words_at)
{
	struct colmaps maps = collect_colmaps(src);

	emit_source_arrays(out, l, du, si, src, &maps);
	emit_queries(out, l, du, si, src, &maps, words_at);
	if (src->blooms)
		emit_blooms(out, du, si, src);
	fprintf(out, "static const struct tst_source d%u_s%u = {\n\t.line = %u,\n", du, si, src->line);
	if (src->path) {
		fputs("\t.path = ", out);
		emit_cstr(out, src->path);
		fputs(",\n", out);
	} else if (src->argv) {
		fprintf(out, "\t.argv = d%u_s%u_argv,\n", du, si);
	}
	fputs("\t.display = ", out);
	emit_cstr(out, src->display);
	fputs(",\n", out);
	if (src->npatterns)
		fprintf(out, "\t.patterns = d%u_s%u_patterns,\n\t.npatterns = %zu,\n", du, si, src->npatterns);
	emit_parse(out, du, si, &src->parse);
	fprintf(out, "\t.sections = d%u_s%u_sections,\n\t.nsections = %zu,\n", du, si, src->nsections);
	if (src->paths)
		fprintf(out, "\t.paths = d%u_s%u_paths,\n", du, si);
	if (src->nqueries)
		fprintf(out, "\t.queries = d%u_s%u_queries,\n\t.nqueries = %zu,\n", du, si, src->nqueries);
	emit_parts(out, source_parts(src), "\t", ",\n");
	if (src->blooms)
		fprintf(out, "\t.blooms = d%u_s%u_blooms,\n", du, si);
	fputs("};\n\n", out);
}

/* The runtime's name for an assertion kind. */
static const char *assertion_enum(enum tst_assertion k)
{
	static const char *const names[] = {
#define A(id, name, min, max) [TST_ASSERT_##id] = "TST_ASSERT_" #id,
		TST_ASSERTIONS(A)
#undef A
	};

	return names[k];
}

/*
 * The checks' metadata (an extension), one entry per `check`.  A check's
 * assertions come one after another, so a check is new where the metadata
 * changes; entry k is the k-th metadata met.
 */
static void emit_metas(FILE *out, const struct lines *l, const struct tst_definition *def, unsigned du)
{
	static const char *const severities[] = {
		[TST_SEVERITY_NONE] = "TST_SEVERITY_NONE",
#define S(id, name) [TST_SEVERITY_##id] = "TST_SEVERITY_" #id,
		TST_SEVERITIES(S)
#undef S
	};
	const struct tst_meta *last = NULL;

	for (size_t i = 0, n = count_checks(def); i < n; i++) {
		const struct tst_meta *m = def->checks[i].meta;
		if (!m || m == last)
			continue;
		if (!last)
			fprintf(out, "static const struct tst_meta d%u_metas[] = {\n", du);
		last = m;
		emit_line_origin(out, l, m->line, "\t");
		fprintf(out, "\t{.line = %u, .id = ", m->line);
		emit_cstr(out, m->id);
		fputs(", .title = ", out);
		emit_cstr(out, m->title);
		fprintf(out, ", .severity = %s},\n", severities[m->severity]);
	}
	if (last)
		fputs("};\n\n", out);
}

/* Every assertion's check, in one array the steps index. */
static void emit_checks(FILE *out, const struct lines *l, const struct tst_definition *def, unsigned du,
			const struct pool *pool)
{
	size_t n = count_checks(def), meta = 0;
	const struct tst_meta *last = NULL;

	if (!n)
		return;
	emit_metas(out, l, def, du);
	fprintf(out, "static const struct tst_check d%u_checks[] = {\n", du);
	for (size_t i = 0; i < n; i++) {
		const struct tst_check *c = &def->checks[i];
		if (c->meta && c->meta != last && last)
			meta++;
		if (c->meta)
			last = c->meta;
		emit_line_origin(out, l, c->line, "\t");
		fprintf(out, "\t{.kind = %s, .line = %u, .text = ", assertion_enum(c->kind), c->line);
		emit_cstr(out, c->text);
		if (c->nargs)
			fprintf(out, ", .args = d%u_words + %zu, .nargs = %zu", du, pool->check_at[i], c->nargs);
		if (c->pattern) {
			fputs(", .pattern = ", out);
			emit_cstr(out, c->pattern);
		}
		if (c->meta)
			fprintf(out, ", .meta = &d%u_metas[%zu]", du, meta);
		emit_parts(out, check_parts(c), ", ", "");
		/* Fields left out are zero: fewer initializers make large tables faster to compile. */
		fputs(c->ignore_case ? ", .ignore_case = true},\n" : "},\n", out);
	}
	fputs("};\n\n", out);
}

static void emit_step(FILE *out, const struct tst_step *st)
{
	static const char *const ops[] = {
		[TST_OP_SOURCE] = "TST_OP_SOURCE", [TST_OP_SECTION] = "TST_OP_SECTION",
		[TST_OP_SECTION_SIZE] = "TST_OP_SECTION_SIZE", [TST_OP_PROPERTY] = "TST_OP_PROPERTY",
		[TST_OP_ASSERT] = "TST_OP_ASSERT",
	};

	fprintf(out, "\t{%s, %u, %zu},\n", ops[st->op], st->line, st->index);
}

/* The definition's steps, under a comment for every directive; settings leave only theirs. */
static void emit_steps(FILE *out, const struct unit *u, unsigned du)
{
	const struct tst_definition *def = u->def;
	size_t i = 0;

	if (!def->nsteps)
		return;
	fprintf(out, "static const struct tst_step d%u_steps[] = {\n", du);
	for (const struct directive *d = u->dirs; d; d = d->next) {
		emit_origin(out, u, d, "\t");
		if (i < def->nsteps && def->steps[i].line == d->name->loc.line)
			emit_step(out, &def->steps[i++]);
	}
	fputs("};\n\n", out);
}

/*
 * tstcc -g: a function that runs the steps one statement each, under
 * #line directives, so a debugger steps through the definition itself.
 */
static void emit_debug_function(FILE *out, const struct tst_definition *def, unsigned du)
{
	fprintf(out, "static void debug_d%u(struct tst_run *run)\n{\n", du);
	for (size_t i = 0; i < def->nsteps; i++) {
		fprintf(out, "#line %u ", def->steps[i].line);
		emit_cstr(out, def->name);
		fprintf(out, "\n\ttst_step(run, &d%u_steps[%zu]);\n", du, i);
	}
	if (!def->nsteps)
		fputs("\t(void)run;\n", out);
	fputs("}\n", out);
}

static void emit_unit_tables(FILE *out, const struct unit *u, unsigned du)
{
	const struct tst_definition *def = u->def;
	struct lines l = index_lines(u);
	struct pool pool = emit_word_pool(out, def, du);

	for (size_t i = 0; i < def->nsources; i++)
		emit_source(out, &l, du, (unsigned)i + 1, def->sources[i], pool.query_at[i]);
	emit_checks(out, &l, def, du, &pool);
	emit_steps(out, u, du);
}

/* The definition's text, as compiled, one string literal a line; and its sources. */
static void emit_provenance(FILE *out, const struct tst_definition *def, unsigned du)
{
	const char *s = def->text, *end = s + def->text_len;

	fprintf(out, "static const char d%u_text[] =", du);
	if (s == end)
		fputs(" \"\"", out);
	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		const char *e = nl ? nl + 1 : end;
		fputs("\n\t", out);
		emit_string(out, s, (size_t)(e - s));
		s = e;
	}
	fputs(";\n", out);
	if (!def->nsources)
		return;
	fprintf(out, "static const struct tst_source *const d%u_sources[] = {", du);
	for (size_t i = 0; i < def->nsources; i++)
		fprintf(out, "%s&d%u_s%zu", i ? ", " : "", du, i + 1);
	fputs("};\n", out);
}

static void emit_definition(FILE *out, const struct tst_definition *def, unsigned du, bool debug)
{
	fputs("\t{\n\t\t.name = ", out);
	emit_cstr(out, def->name);
	fprintf(out, ",\n\t\t.sha256 = \"%s\",\n", def->sha256);
	fprintf(out, "\t\t.text = d%u_text,\n\t\t.text_len = sizeof(d%u_text) - 1,\n", du, du);
	if (def->nsources)
		fprintf(out, "\t\t.sources = d%u_sources,\n\t\t.nsources = %zu,\n", du, def->nsources);
	if (count_checks(def))
		fprintf(out, "\t\t.checks = d%u_checks,\n", du);
	if (def->nsteps)
		fprintf(out, "\t\t.steps = d%u_steps,\n\t\t.nsteps = %zu,\n", du, def->nsteps);
	if (debug)
		fprintf(out, "\t\t.debug = debug_d%u,\n", du);
	fputs("\t},\n", out);
}

void emit_program(FILE *out, const struct unit *units, size_t n, const struct emit_options *opt)
{
	fputs("/*\n * Generated by tstcc " TST_VERSION " from", out);
	for (size_t i = 0; i < n; i++) {
		fputc(' ', out);
		emit_comment_text(out, units[i].file.name, strlen(units[i].file.name));
	}
	fputs(".\n * Do not edit: change the definition and build again.\n */\n", out);
	fputs("#include <stddef.h>\n\n#include <tst.h>\n\n", out);
	fprintf(out, "#if TST_TABLES_VERSION != %d\n"
		"#error \"these tables are of format %d: build with the runtime of the tstcc that wrote them\"\n"
		"#endif\n\n", TST_TABLES_VERSION, TST_TABLES_VERSION);
	for (size_t i = 0; i < n; i++) {
		emit_unit_tables(out, &units[i], (unsigned)i + 1);
		emit_provenance(out, units[i].def, (unsigned)i + 1);
	}
	if (opt->line_directives)
		for (size_t i = 0; i < n; i++)
			fprintf(out, "static void debug_d%zu(struct tst_run *run);\n", i + 1);
	fputs("\nstatic const struct tst_definition definitions[] = {\n", out);
	for (size_t i = 0; i < n; i++)
		emit_definition(out, units[i].def, (unsigned)i + 1, opt->line_directives);
	fputs("};\n\nint main(int argc, char **argv)\n{\n"
	      "\treturn tst_main(argc, argv, definitions, sizeof(definitions) / sizeof(definitions[0]));\n"
	      "}\n", out);
	if (opt->line_directives)
		for (size_t i = 0; i < n; i++) {
			fputc('\n', out);
			emit_debug_function(out, units[i].def, (unsigned)i + 1);
		}
}
