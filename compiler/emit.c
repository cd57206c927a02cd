/*
 * The code generator.  A checker is constant tables and one function per
 * definition that replays its directives in order:
 *
 *   - each source becomes a `struct tst_source` holding its parse settings
 *     and every property query asked of it, so that the runtime reads it
 *     once and answers them all in that one pass;
 *   - each directive becomes one commented block in the definition's
 *     function, naming the line it came from; settings that were folded
 *     into the tables at build time leave only their comment.
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

static void emit_char(FILE *out, unsigned char c)
{
	if (c == '\'' || c == '\\')
		fprintf(out, "'\\%c'", c);
	else if (c >= ' ' && c < 0x7f)
		fprintf(out, "'%c'", c);
	else
		fprintf(out, "'\\%03o'", c);
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

/* An array of the words as a compound literal: (const char *const[]){"a", "b"}. */
static void emit_word_array(FILE *out, const struct word *w)
{
	fputs("(const char *const[]){", out);
	for (; w; w = w->next) {
		emit_string(out, w->s, w->len);
		if (w->next)
			fputs(", ", out);
	}
	fputc('}', out);
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
		if (q->nkeys) {
			fputs(".keys = ", out);
			emit_word_array(out, q->keys);
			fprintf(out, ", .nkeys = %zu, ", q->nkeys);
		}
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
	emit_char(out, (unsigned char)p->quote);
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

static void emit_check(FILE *out, const struct unit *u, unsigned du, const struct directive *d)
{
	unsigned line = d->name->loc.line;
	size_t len;
	char *text = directive_text(d, &len);

	emit_origin(out, u, d, "");
	fprintf(out, "static const struct tst_check d%u_l%u = {%s, %u, ", du, line, assertion_enum(d->kind), line);
	emit_string(out, text, len);
	if (d->nargs) {
		fputs(", ", out);
		emit_word_array(out, d->args);
		fprintf(out, ", %zu", d->nargs);
	}
	fputs("};\n", out);
}

/* One block in the definition's function: the call a directive makes, if any. */
static void emit_step(FILE *out, const struct unit *u, unsigned du, const struct directive *d,
		      const struct emit_options *opt)
{
	if (opt->line_directives) {
		fprintf(out, "#line %u ", d->name->loc.line);
		emit_cstr(out, u->file.name);
		fputc('\n', out);
	}
	emit_origin(out, u, d, "\t");
	switch (d->kind) {
	case DIR_FILE:
	case DIR_COMMAND:
		fprintf(out, "\ttst_source(run, &d%u_s%u);\n", du, d->src->id);
		break;
	case DIR_SECTION:
		fprintf(out, "\ttst_section(run, %u, %zu);\n", d->name->loc.line, d->index);
		break;
	case DIR_SECTION_SIZE:
		fputs("\ttst_section_size(run);\n", out);
		break;
	case DIR_PROPERTY:
		fprintf(out, "\ttst_property(run, %zu);\n", d->index);
		break;
	default:
		if (assertion_enum(d->kind))
			fprintf(out, "\ttst_assert(run, &d%u_l%u);\n", du, d->name->loc.line);
		break;
	}
}

static void emit_unit_tables(FILE *out, const struct unit *u, unsigned du)
{
	for (const struct source *src = u->sources; src; src = src->next)
		emit_source(out, u, du, src);
	for (const struct directive *d = u->dirs; d; d = d->next)
		if (assertion_enum(d->kind))
			emit_check(out, u, du, d);
	fputc('\n', out);
}

static void emit_unit_function(FILE *out, const struct unit *u, unsigned du, const struct emit_options *opt)
{
	fprintf(out, "static void check_d%u(struct tst_run *run)\n{\n", du);
	for (const struct directive *d = u->dirs; d; d = d->next)
		emit_step(out, u, du, d, opt);
	fputs("}\n", out);
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

static void emit_definition(FILE *out, const struct unit *u, unsigned du)
{
	char digest[65];

	sha256_hex(u->file.text, u->file.len, digest);
	fputs("\t{\n\t\t.name = ", out);
	emit_cstr(out, u->file.name);
	fprintf(out, ",\n\t\t.sha256 = \"%s\",\n", digest);
	fprintf(out, "\t\t.text = d%u_text,\n\t\t.text_len = sizeof(d%u_text) - 1,\n", du, du);
	if (u->nsources)
		fprintf(out, "\t\t.sources = d%u_sources,\n\t\t.nsources = %zu,\n", du, u->nsources);
	fprintf(out, "\t\t.check = check_d%u,\n\t},\n", du);
}

void emit_program(FILE *out, struct unit *units, size_t n, const struct emit_options *opt)
{
	fputs("/*\n * Generated by tstcc " TST_VERSION " from", out);
	for (size_t i = 0; i < n; i++) {
		fputc(' ', out);
		emit_comment_text(out, units[i].file.name, strlen(units[i].file.name));
	}
	fputs(".\n * Do not edit: change the definition and build again.\n */\n", out);
	fputs("#include <stddef.h>\n\n#include <tst.h>\n\n", out);
	for (size_t i = 0; i < n; i++)
		emit_unit_tables(out, &units[i], (unsigned)i + 1);
	for (size_t i = 0; i < n; i++)
		fprintf(out, "static void check_d%zu(struct tst_run *run);\n", i + 1);
	fputc('\n', out);
	for (size_t i = 0; i < n; i++)
		emit_provenance(out, &units[i], (unsigned)i + 1);
	fputs("static const struct tst_definition definitions[] = {\n", out);
	for (size_t i = 0; i < n; i++)
		emit_definition(out, &units[i], (unsigned)i + 1);
	fputs("};\n\nint main(int argc, char **argv)\n{\n"
	      "\treturn tst_main(argc, argv, definitions, sizeof(definitions) / sizeof(definitions[0]));\n"
	      "}\n", out);
	for (size_t i = 0; i < n; i++) {
		fputc('\n', out);
		emit_unit_function(out, &units[i], (unsigned)i + 1, opt);
	}
}
