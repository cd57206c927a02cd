/*
 * tstcc --snapshot: each source of a definition is read by the runtime's
 * own pass (runtime/pass.c), which hands over every row as the checker
 * would cut it, with its section and line; the queries then meet those
 * rows through the runtime's own lookup (runtime/lookup.c).  So a value
 * the snapshot asserts is the value the checker will find, by
 * construction: the same tokenizer, sections, comments, continuation
 * lines and duplicates policy.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ascii.h"
#include "internal.h"
#include "tstcc.h"

/* A row as the pass cut it, copied into the arena. */
struct row {
	const char *section;            /* NULL: the top level */
	unsigned long line;
	struct tst_fields fields;       /* only f and n are set */
};

struct reading {
	const struct unit *u;
	const struct tst_source *src;
	struct row *rows;
	size_t nrows, cap;
	bool failed;
};

static void on_row(void *ctx, const char *section, size_t section_len, unsigned long line,
		   const struct tst_fields *fields)
{
	struct reading *r = ctx;
	struct row *row;

	r->rows = arena_grow(r->rows, &r->cap, r->nrows + 1, sizeof(*r->rows));
	row = &r->rows[r->nrows++];
	row->section = section ? arena_strndup(section, section_len) : NULL;
	row->line = line;
	row->fields.n = fields->n;
	row->fields.f = arena_alloc((fields->n ? fields->n : 1) * sizeof(*row->fields.f));
	for (size_t i = 0; i < fields->n; i++) {
		const struct tst_str *f = &fields->f[i];
		row->fields.f[i] = (struct tst_str){f->s ? arena_strndup(f->s, f->n) : NULL, f->n};
	}
}

static void on_error(void *ctx, const char *msg)
{
	struct reading *r = ctx;

	tool_error("%s:%u: %s", r->u->file.name, r->src->line, msg);
	r->failed = true;
}

static void on_warning(void *ctx, const char *msg, size_t n)
{
	struct reading *r = ctx;

	fprintf(stderr, "tstcc: warning: %s:%u: command wrote to stderr: %.*s\n", r->u->file.name, r->src->line,
		(int)n, msg);
}

/* Whether two names are one, as the checker compares keys and section names under keys_ignore_case. */
static bool same_name(const struct tst_source *src, const char *a, const char *b, size_t bn)
{
	if (strlen(a) != bn)
		return false;
	return src->parse.keys_ignore_case ? tst_ascii_ieq(a, b, bn) : memcmp(a, b, bn) == 0;
}

/* The index of section name among src's sections (0, the top level, for NULL); nsections if none. */
static size_t section_index(const struct tst_source *src, const char *name)
{
	if (!name)
		return 0;
	for (size_t i = 1; i < src->nsections; i++)
		if (same_name(src, src->sections[i], name, strlen(name)))
			return i;
	return src->nsections;
}

/* The query settings a head's source leaves in force: what every_key's queries take. */
struct head_settings {
	enum tst_policy policy;
	bool sensitive;
};

/*
 * The duplicates policy and sensitivity in force after the source's
 * directives (sema has checked their words): a head that says
 * `sensitive true` must not see its values written, and one that says
 * `duplicates_policy ignore` wants sshd's first value asserted.
 */
static struct head_settings head_settings(const struct unit *u, const struct tst_source *src)
{
	struct head_settings hs = {.policy = TST_POLICY_APPEND};
	const struct directive *d = u->dirs;

	while (d && !(d->name && d->name->loc.line == src->line))
		d = d->next;
	for (d = d ? d->next : NULL; d && directive_class(d->kind) != SOURCE; d = d->next) {
		if (d->kind == DIR_SENSITIVE && d->nargs == 1)
			hs.sensitive = strcmp(d->args->s, "true") == 0;
		if (d->kind == DIR_DUPLICATES_POLICY && d->nargs == 1)
			hs.policy = strcmp(d->args->s, "ignore") == 0    ? TST_POLICY_IGNORE
				    : strcmp(d->args->s, "replace") == 0 ? TST_POLICY_REPLACE
									 : TST_POLICY_APPEND;
	}
	return hs;
}

/*
 * For a source whose definition asks for no key: a query for every key,
 * each row's first field, in the order keys first appear, section by
 * section as the rows come, with the duplicates policy and sensitivity
 * the head's source leaves in force.
 */
static struct tst_source *every_key(const struct unit *u, const struct tst_source *head, const struct reading *r)
{
	struct head_settings hs = head_settings(u, head);
	struct tst_source *src = arena_alloc(sizeof(*src));
	const char **sections = arena_alloc(sizeof(*sections));
	struct tst_query *queries = NULL;
	size_t scap = 1, qcap = 0, nq = 0;

	*src = *head;
	sections[0] = "";
	src->sections = sections;
	src->nsections = 1;
	for (size_t i = 0; i < r->nrows; i++) {
		const struct row *row = &r->rows[i];
		size_t s = section_index(src, row->section), q;
		if (!row->fields.n || !row->fields.f[0].s || memchr(row->fields.f[0].s, '\0', row->fields.f[0].n))
			continue;       /* no key, or one a query cannot name */
		if (s == src->nsections) {
			sections = arena_grow(sections, &scap, s + 1, sizeof(*sections));
			sections[src->nsections++] = row->section;
			src->sections = sections;
		}
		for (q = 0; q < nq; q++)
			if (queries[q].section == s &&
			    same_name(src, queries[q].keys[0], row->fields.f[0].s, row->fields.f[0].n))
				break;
		if (q < nq)
			continue;
		queries = arena_grow(queries, &qcap, nq + 1, sizeof(*queries));
		const char **key = arena_alloc(sizeof(*key));
		*key = row->fields.f[0].s;
		queries[nq++] = (struct tst_query){
			.line = head->line, .section = s, .keys = key, .nkeys = 1, .policy = hs.policy,
			.sensitive = hs.sensitive,
		};
	}
	src->queries = queries;
	src->nqueries = nq;
	return src;
}

/* Every row meets the queries as in the checker; each query learns the lines that matched it. */
static void answer(const struct tst_source *src, const struct reading *r, struct tst_value *values,
		   struct snapshot_query *sq)
{
	struct tst_value *hit = tst_xcalloc(src->nqueries ? src->nqueries : 1, sizeof(*hit));
	size_t *cap = tst_xcalloc(src->nqueries ? src->nqueries : 1, sizeof(*cap));
	struct tst_lookup lk;

	tst_lookup_init(&lk, src);
	for (size_t i = 0; i < r->nrows; i++) {
		size_t s = section_index(src, r->rows[i].section);
		if (s == src->nsections || !tst_lookup_wants(&lk, s))
			continue;
		tst_lookup_row(&lk, s, &r->rows[i].fields, hit, NULL, NULL);
		for (size_t q = 0; q < src->nqueries; q++) {
			if (!hit[q].defined)
				continue;
			tst_value_free(&hit[q]);
			unsigned long *lines = (unsigned long *)sq[q].lines;
			lines = arena_grow(lines, &cap[q], sq[q].nlines + 1, sizeof(*lines));
			lines[sq[q].nlines++] = r->rows[i].line;
			sq[q].lines = lines;
		}
		tst_lookup_row(&lk, s, &r->rows[i].fields, values, NULL, NULL);
	}
	tst_lookup_free(&lk);
	free(hit);
	free(cap);
}

/* Whether the section a query selects was opened by a header line with rows under it. */
static bool section_seen(const struct tst_source *src, const struct reading *r, const char *name)
{
	if (!name)
		return true;
	for (size_t i = 0; i < r->nrows; i++)
		if (r->rows[i].section && same_name(src, name, r->rows[i].section, strlen(r->rows[i].section)))
			return true;
	return false;
}

/* The rows of the top level, as section_size counts them. */
static size_t top_rows(const struct reading *r)
{
	size_t n = 0;

	for (size_t i = 0; i < r->nrows; i++)
		n += !r->rows[i].section;
	return n;
}

/* False if the source's own directives cannot be written. */
static bool write_source(FILE *out, const struct unit *u, const struct tst_source *src, const struct reading *r)
{
	struct tst_value *values = tst_xcalloc(src->nqueries ? src->nqueries : 1, sizeof(*values));
	struct snapshot_query *sq = arena_alloc((src->nqueries ? src->nqueries : 1) * sizeof(*sq));
	struct snapshot_state state = {.policy = TST_POLICY_APPEND};

	for (size_t q = 0; q < src->nqueries; q++) {
		sq[q].q = &src->queries[q];
		sq[q].section = src->queries[q].section ? src->sections[src->queries[q].section] : NULL;
		sq[q].value = &values[q];
	}
	answer(src, r, values, sq);
	if (!snapshot_write_source(out, u, src)) {
		tool_error("%s:%u: a variable put a line break in the source's directives, which no definition "
			   "line can hold", u->file.name, src->line);
		for (size_t q = 0; q < src->nqueries; q++)
			tst_value_free(&values[q]);
		free(values);
		return false;
	}
	if (!src->nqueries)
		snapshot_write_no_keys(out, top_rows(r));
	for (size_t q = 0; q < src->nqueries; q++) {
		if (section_seen(src, r, sq[q].section))
			snapshot_write_query(out, src, &state, &sq[q]);
		else
			fputs("\n# a query of a section no header line opened (or that has no rows) is left out\n", out);
		tst_value_free(&values[q]);
	}
	free(values);
	return true;
}

/* Reads src as its checker would, keeping every row; false if it could not be read whole. */
static bool read_source(const struct unit *u, const struct tst_source *src, struct reading *r)
{
	struct tst_pass_io io = {
		.timeout_ms = 60 * 1000, .error = on_error, .warn = on_warning, .row = on_row, .ctx = r,
	};
	struct tst_answers a;

	*r = (struct reading){.u = u, .src = src};
	if (src->patterns) {
		tool_error("%s:%u: --snapshot reads file and command sources, not files sources", u->file.name,
			   src->line);
		return false;
	}
	if (src->parse.blocks != TST_BLOCKS_NONE) {
		/* Blocks give rows the sections the definition names, not the names a snapshot needs. */
		tool_error("%s:%u: --snapshot reads rows by section headers, not by blocks", u->file.name, src->line);
		return false;
	}
	if (src->parse.mode == TST_MODE_NONE) {
		tool_error("%s:%u: --snapshot needs the source's parse settings: add parse_mode or syntax",
			   u->file.name, src->line);
		return false;
	}
	tst_pass_run(src, &io, &a);
	tst_answers_free(&a);
	return !r->failed;
}

int snapshot_unit(FILE *out, const struct unit *u)
{
	const struct tst_definition *def = with_parts(u->def);
	struct reading *r = arena_alloc((def->nsources ? def->nsources : 1) * sizeof(*r));

	/* Every source is read before anything is written: a snapshot is whole or not at all. */
	for (size_t i = 0; i < def->nsources; i++)
		if (!read_source(u, def->sources[i], &r[i]))
			return 2;
	snapshot_write_head(out, u);
	for (size_t i = 0; i < def->nsources; i++) {
		const struct tst_source *src = def->sources[i];
		if (!write_source(out, u, src->nqueries ? src : every_key(u, src, &r[i]), &r[i]))
			return 2;
	}
	return 0;
}
