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

#include "tstcc.h"

/* Longest text of a definition line quoted in a comment. */
enum { COMMENT_MAX = 100 };

/*
 * A C string literal.  Only printable ASCII passes as itself; `?` is
 * escaped so that no trigraph can form; newline and tab get their usual
 * escapes and every other byte a three-digit octal escape, which cannot
 * swallow a following digit.
 */
static void emit_string(FILE *out, const char *s, size_t n)
{
	fputc('"', out);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"' || c == '\\' || c == '?')
			fprintf(out, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", out);
		else if (c == '\t')
			fputs("\\t", out);
		else if (c >= ' ' && c < 0x7f)
			fputc(c, out);
		else
			fprintf(out, "\\%03o", c);
	}
	fputc('"', out);
}

static void emit_cstr(FILE *out, const char *s)
{
	emit_string(out, s, strlen(s));
}

/* Text for a comment: no "*" "/" pair can close it, no "/" "*" nest in it. */
static void emit_comment_text(FILE *out, const char *s, size_t n)
{
	size_t shown = n > COMMENT_MAX ? COMMENT_MAX : n;

	for (size_t i = 0; i < shown; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < ' ' || c >= 0x7f)
			fprintf(out, "\\x%02x", c);
		else if ((c == '*' && i + 1 < n && s[i + 1] == '/') || (c == '/' && i + 1 < n && s[i + 1] == '*'))
			fprintf(out, "%c ", c);
		else if (c == '?' && i + 1 < n && s[i + 1] == '?')
			fputs("? ", out);
		else
			fputc(c, out);
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

static void emit_words(FILE *out, const struct word *w, const char *indent)
{
	for (; w; w = w->next) {
		fputs(indent, out);
		emit_string(out, w->s, w->len);
		fputs(",\n", out);
	}
}

/* The runtime's name for an assertion directive, or NULL for any other. */
static const char *assertion_enum(enum dir_kind k)
{
	switch (k) {
#define A(id, name, min, max) case DIR_ASSERT_##id: return "TST_ASSERT_" #id;
	TST_ASSERTIONS(A)
#undef A
	default:
		return NULL;
	}
}

/*
 * One line of the definition's word pool: the keys of a query or the
 * arguments of an assertion.  Queries and checks point into the pool,
 * which compiles far faster than an array of their own each.
 */
static void emit_pool_line(FILE *out, const struct word *w, unsigned line)
{
	fputc('\t', out);
	for (; w; w = w->next) {
		emit_string(out, w->s, w->len);
		fputs(w->next ? ", " : ",", out);
	}
	fprintf(out, " /* line %u */\n", line);
}

/* The pool of every key and assertion argument; sets where each starts. */
static void emit_word_pool(FILE *out, struct unit *u, unsigned du)
{
	size_t n = 0;

	for (struct source *src = u->sources; src; src = src->next)
		for (size_t i = 0; i < src->nqueries; i++)
			n += src->queries[i].nkeys;
	for (struct directive *d = u->dirs; d; d = d->next)
		if (assertion_enum(d->kind))
			n += d->nargs;
	if (!n)
		return;
	n = 0;
	fprintf(out, "static const char *const d%u_words[] = {\n", du);
	for (struct source *src = u->sources; src; src = src->next) {
		for (size_t i = 0; i < src->nqueries; i++) {
			struct query *q = &src->queries[i];
			q->words_at = n;
			n += q->nkeys;
			if (q->nkeys)
				emit_pool_line(out, q->keys, q->dir->name->loc.line);
		}
	}
	for (struct directive *d = u->dirs; d; d = d->next) {
		if (!assertion_enum(d->kind))
			continue;
		d->words_at = n;
		n += d->nargs;
		if (d->nargs)
			emit_pool_line(out, d->args, d->name->loc.line);
	}
	fputs("};\n\n", out);
}

static void emit_sizes(FILE *out, const size_t *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		fprintf(out, "%s%zu", i ? ", " : "", v[i]);
}

/* Arrays a source's description points to. */
static void emit_source_arrays(FILE *out, const struct unit *u, unsigned du, const struct source *src)
{
	const struct parse *p = &src->parse;

	emit_origin(out, u, src->dir, "");
	if (src->dir->kind == DIR_COMMAND) {
		fprintf(out, "static const char *const d%u_s%u_argv[] = {\n", du, src->id);
		emit_words(out, src->dir->args, "\t");
		fputs("\tNULL,\n};\n", out);
	}
	if (p->npositions) {
		fprintf(out, "static const size_t d%u_s%u_positions[] = {", du, src->id);
		emit_sizes(out, p->positions, p->npositions);
		fputs("};\n", out);
	}
	for (size_t i = 0; i < src->ncolmaps; i++) {
		emit_origin(out, u, src->colmaps[i]->dir, "");
		fprintf(out, "static const size_t d%u_s%u_columns%u[] = {", du, src->id, src->colmaps[i]->id);
		emit_sizes(out, src->colmaps[i]->v, src->colmaps[i]->n);
		fputs("};\n", out);
	}
	fprintf(out, "static const char *const d%u_s%u_sections[] = {\n", du, src->id);
	for (size_t i = 0; i < src->nsections; i++) {
		fputc('\t', out);
		emit_cstr(out, src->sections[i]);
		fputs(",\n", out);
	}
	fputs("};\n", out);
}

static void emit_queries(FILE *out, const struct unit *u, unsigned du, const struct source *src)
{
	static const char *const policies[] = {
		[TST_POLICY_APPEND] = "TST_POLICY_APPEND",
		[TST_POLICY_REPLACE] = "TST_POLICY_REPLACE",
		[TST_POLICY_IGNORE] = "TST_POLICY_IGNORE",
	};

	if (!src->nqueries)
		return;
	fprintf(out, "static const struct tst_query d%u_s%u_queries[] = {\n", du, src->id);
	for (size_t i = 0; i < src->nqueries; i++) {
		const struct query *q = &src->queries[i];
		emit_origin(out, u, q->dir, "\t");
		fprintf(out, "\t{.section = %zu, ", q->section);
		if (q->nkeys)
			fprintf(out, ".keys = d%u_words + %zu, .nkeys = %zu, ", du, q->words_at, q->nkeys);
		if (q->columns)
			fprintf(out, ".columns = d%u_s%u_columns%u, .ncolumns = %zu, ",
				du, src->id, q->columns->id, q->columns->n);
		fprintf(out, ".policy = %s},\n", policies[q->policy]);
	}
	fputs("};\n", out);
}

static void emit_regex(FILE *out, const char *field, const struct regex *re)
{
	fprintf(out, "\t\t.%s = ", field);
	emit_cstr(out, re->ere);
	fputs(",\n", out);
}

static void emit_parse(FILE *out, unsigned du, const struct source *src)
{
	static const char *const modes[] = {
		[TST_MODE_NONE] = "TST_MODE_NONE", [TST_MODE_TOKENIZED] = "TST_MODE_TOKENIZED",
		[TST_MODE_FIXED] = "TST_MODE_FIXED", [TST_MODE_KEYVALUE] = "TST_MODE_KEYVALUE",
	};
	const struct parse *p = &src->parse;

	fprintf(out, "\t.parse = {\n\t\t.mode = %s,\n\t\t.delimiters = ", modes[p->mode]);
	emit_string(out, p->delims, p->ndelims);
	fprintf(out, ",\n\t\t.ndelimiters = %zu,\n\t\t.quote = ", p->ndelims);
	emit_cstr(out, p->quote);
	fprintf(out, ",\n\t\t.ignore_empty = %s,\n", p->ignore_empty ? "true" : "false");
	if (p->key_sep) {
		fputs("\t\t.key_separator = ", out);
		emit_cstr(out, p->key_sep);
		fprintf(out, ",\n\t\t.key_separator_optional = %s,\n", p->key_sep_optional ? "true" : "false");
	}
	if (p->npositions)
		fprintf(out, "\t\t.positions = d%u_s%u_positions,\n\t\t.npositions = %zu,\n",
			du, src->id, p->npositions);
	fprintf(out, "\t\t.skip_header_lines = %zu,\n", p->skip);
	if (p->read_lines == TST_UNLIMITED)
		fputs("\t\t.read_lines = TST_UNLIMITED,\n", out);
	else
		fprintf(out, "\t\t.read_lines = %zu,\n", p->read_lines);
	fprintf(out, "\t\t.comments = %s%s%s0,\n",
		p->comments & TST_COMMENT_HASH ? "TST_COMMENT_HASH | " : "",
		p->comments & TST_COMMENT_SLASH ? "TST_COMMENT_SLASH | " : "",
		p->comments & TST_COMMENT_SEMICOLON ? "TST_COMMENT_SEMICOLON | " : "");
	if (p->header) {
		emit_regex(out, "header", p->header);
		fprintf(out, "\t\t.header_group = %d,\n", p->header->group);
	}
	if (p->footer)
		emit_regex(out, "footer", p->footer);
	fputs("\t},\n", out);
}

static void emit_source(FILE *out, const struct unit *u, unsigned du, const struct source *src)
{
	size_t len;
	char *display = joined(src->dir, &len);

	emit_source_arrays(out, u, du, src);
	emit_queries(out, u, du, src);
	fprintf(out, "static const struct tst_source d%u_s%u = {\n\t.line = %u,\n", du, src->id,
		src->dir->name->loc.line);
	if (src->dir->kind == DIR_FILE) {
		fputs("\t.path = ", out);
		emit_string(out, display, len);
		fputs(",\n", out);
	} else {
		fprintf(out, "\t.argv = d%u_s%u_argv,\n", du, src->id);
	}
	fputs("\t.display = ", out);
	emit_string(out, display, len);
	fputs(",\n", out);
	emit_parse(out, du, src);
	fprintf(out, "\t.sections = d%u_s%u_sections,\n\t.nsections = %zu,\n", du, src->id, src->nsections);
	if (src->nqueries)
		fprintf(out, "\t.queries = d%u_s%u_queries,\n\t.nqueries = %zu,\n", du, src->id, src->nqueries);
	fputs("};\n\n", out);
}

static void emit_check(FILE *out, const struct unit *u, unsigned du, const struct directive *d)
{
	size_t len;
	char *text = directive_text(d, &len);

	emit_origin(out, u, d, "\t");
	fprintf(out, "\t{%s, %u, ", assertion_enum(d->kind), d->name->loc.line);
	emit_string(out, text, len);
	if (d->nargs)
		fprintf(out, ", d%u_words + %zu, %zu", du, d->words_at, d->nargs);
	else
		fputs(", NULL, 0", out);
	fputs("},\n", out);
}

static bool has_checks(const struct unit *u)
{
	for (const struct directive *d = u->dirs; d; d = d->next)
		if (assertion_enum(d->kind))
			return true;
	return false;
}

/* Every assertion's check, in one array the steps index. */
static void emit_checks(FILE *out, struct unit *u, unsigned du)
{
	size_t n = 0;

	for (struct directive *d = u->dirs; d; d = d->next)
		if (assertion_enum(d->kind))
			d->index = n++;
	if (!n)
		return;
	fprintf(out, "static const struct tst_check d%u_checks[] = {\n", du);
	for (const struct directive *d = u->dirs; d; d = d->next)
		if (assertion_enum(d->kind))
			emit_check(out, u, du, d);
	fputs("};\n\n", out);
}

/* Whether a directive does something when the checker runs (settings do not). */
static bool is_step(const struct directive *d)
{
	switch (d->kind) {
	case DIR_FILE:
	case DIR_COMMAND:
	case DIR_SECTION:
	case DIR_SECTION_SIZE:
	case DIR_PROPERTY:
		return true;
	default:
		return assertion_enum(d->kind) != NULL;
	}
}

static void emit_step(FILE *out, const struct directive *d)
{
	unsigned line = d->name->loc.line;

	switch (d->kind) {
	case DIR_FILE:
	case DIR_COMMAND:
		fprintf(out, "\t{TST_OP_SOURCE, %u, %u},\n", line, d->src->id - 1);
		break;
	case DIR_SECTION:
		fprintf(out, "\t{TST_OP_SECTION, %u, %zu},\n", line, d->index);
		break;
	case DIR_SECTION_SIZE:
		fprintf(out, "\t{TST_OP_SECTION_SIZE, %u, 0},\n", line);
		break;
	case DIR_PROPERTY:
		fprintf(out, "\t{TST_OP_PROPERTY, %u, %zu},\n", line, d->index);
		break;
	default:
		fprintf(out, "\t{TST_OP_ASSERT, %u, %zu},\n", line, d->index);
		break;
	}
}

/* The definition's directives as a table of steps; settings stay as comments. */
static size_t emit_steps(FILE *out, const struct unit *u, unsigned du)
{
	size_t n = 0;

	for (const struct directive *d = u->dirs; d; d = d->next)
		n += is_step(d);
	if (!n)
		return 0;
	fprintf(out, "static const struct tst_step d%u_steps[] = {\n", du);
	for (const struct directive *d = u->dirs; d; d = d->next) {
		emit_origin(out, u, d, "\t");
		if (is_step(d))
			emit_step(out, d);
	}
	fputs("};\n\n", out);
	return n;
}

/*
 * tstcc -g: a function that runs the steps one statement each, under
 * #line directives, so a debugger steps through the definition itself.
 */
static void emit_debug_function(FILE *out, const struct unit *u, unsigned du)
{
	size_t i = 0;

	fprintf(out, "static void debug_d%u(struct tst_run *run)\n{\n", du);
	for (const struct directive *d = u->dirs; d; d = d->next) {
		if (!is_step(d))
			continue;
		fprintf(out, "#line %u ", d->name->loc.line);
		emit_cstr(out, u->file.name);
		fprintf(out, "\n\ttst_step(run, &d%u_steps[%zu]);\n", du, i++);
	}
	if (!i)
		fputs("\t(void)run;\n", out);
	fputs("}\n", out);
}

static void emit_unit_tables(FILE *out, struct unit *u, unsigned du)
{
	emit_word_pool(out, u, du);
	for (const struct source *src = u->sources; src; src = src->next)
		emit_source(out, u, du, src);
	emit_checks(out, u, du);
}

/* The definition's text, as compiled, one string literal a line; and its sources. */
static void emit_provenance(FILE *out, const struct unit *u, unsigned du)
{
	const char *s = u->file.text, *end = s + u->file.len;

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
	if (!u->nsources)
		return;
	fprintf(out, "static const struct tst_source *const d%u_sources[] = {", du);
	for (const struct source *src = u->sources; src; src = src->next)
		fprintf(out, "%s&d%u_s%u", src == u->sources ? "" : ", ", du, src->id);
	fputs("};\n", out);
}

static void emit_definition(FILE *out, const struct unit *u, unsigned du, size_t nsteps, bool debug)
{
	char digest[65];

	sha256_hex(u->file.text, u->file.len, digest);
	fputs("\t{\n\t\t.name = ", out);
	emit_cstr(out, u->file.name);
	fprintf(out, ",\n\t\t.sha256 = \"%s\",\n", digest);
	fprintf(out, "\t\t.text = d%u_text,\n\t\t.text_len = sizeof(d%u_text) - 1,\n", du, du);
	if (u->nsources)
		fprintf(out, "\t\t.sources = d%u_sources,\n\t\t.nsources = %zu,\n", du, u->nsources);
	if (has_checks(u))
		fprintf(out, "\t\t.checks = d%u_checks,\n", du);
	if (nsteps)
		fprintf(out, "\t\t.steps = d%u_steps,\n\t\t.nsteps = %zu,\n", du, nsteps);
	if (debug)
		fprintf(out, "\t\t.debug = debug_d%u,\n", du);
	fputs("\t},\n", out);
}

void emit_program(FILE *out, struct unit *units, size_t n, const struct emit_options *opt)
{
	size_t *nsteps = arena_alloc(n * sizeof(*nsteps));

	fputs("/*\n * Generated by tstcc " TST_VERSION " from", out);
	for (size_t i = 0; i < n; i++) {
		fputc(' ', out);
		emit_comment_text(out, units[i].file.name, strlen(units[i].file.name));
	}
	fputs(".\n * Do not edit: change the definition and build again.\n */\n", out);
	fputs("#include <stddef.h>\n\n#include <tst.h>\n\n", out);
	for (size_t i = 0; i < n; i++) {
		emit_unit_tables(out, &units[i], (unsigned)i + 1);
		nsteps[i] = emit_steps(out, &units[i], (unsigned)i + 1);
		emit_provenance(out, &units[i], (unsigned)i + 1);
	}
	if (opt->line_directives)
		for (size_t i = 0; i < n; i++)
			fprintf(out, "static void debug_d%zu(struct tst_run *run);\n", i + 1);
	fputs("\nstatic const struct tst_definition definitions[] = {\n", out);
	for (size_t i = 0; i < n; i++)
		emit_definition(out, &units[i], (unsigned)i + 1, nsteps[i], opt->line_directives);
	fputs("};\n\nint main(int argc, char **argv)\n{\n"
	      "\treturn tst_main(argc, argv, definitions, sizeof(definitions) / sizeof(definitions[0]));\n"
	      "}\n", out);
	if (opt->line_directives)
		for (size_t i = 0; i < n; i++) {
			fputc('\n', out);
			emit_debug_function(out, &units[i], (unsigned)i + 1);
		}
}
