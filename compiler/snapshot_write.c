/*
 * The text of a snapshot: directives whose words round-trip through the
 * definition lexer, and comments that stay comments.  A word is written
 * bare when the lexer reads it back as it is, else quoted ("..." with
 * each quote doubled); a value no definition line can hold (an empty or
 * missing element, a NUL, a line break) is asserted present only, and
 * the comment above it says so.
 */
#include <stdio.h>
#include <string.h>

#include "internal.h"
#include "tstcc.h"

/* Whether a definition line can hold s[0..n) as one word. */
static bool writable(const char *s, size_t n)
{
	return s && n && !memchr(s, '\0', n) && !memchr(s, '\n', n) && !memchr(s, '\r', n);
}

/*
 * Whether the lexer would cut s[0..n) at a space, tab or form feed, or
 * decode its quotes; or whether tstcc would warn that a bare '#' starts
 * no comment.
 */
static bool needs_quotes(const char *s, size_t n)
{
	if (s[0] == '"' || s[0] == '#')
		return true;
	for (size_t i = 0; i < n; i++)
		if (s[i] == ' ' || s[i] == '\t' || s[i] == '\f')
			return true;
	return false;
}

/* s[0..n), which need not end in a NUL, as one word after a space. */
static void put_word(FILE *out, const char *s, size_t n)
{
	bool quote = needs_quotes(s, n);

	fputc(' ', out);
	if (!quote) {
		fwrite(s, 1, n, out);
		return;
	}
	fputc('"', out);
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '"')
			fputc('"', out);
		fputc(s[i], out);
	}
	fputc('"', out);
}

/*
 * Text inside a comment line: what could end the line, or make the lexer
 * read it as a directive (U+0085, U+2028, U+2029), or not be UTF-8, is
 * written \xNN.
 */
static void put_comment_text(FILE *out, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;

	for (size_t i = 0; i < n;) {
		size_t len = u[i] >= 0x80 ? tst_utf8_seq(u + i, n - i) : 1;
		unsigned long cp = len > 1 ? tst_utf8_code_point(u + i, len) : u[i];
		if (!len || cp < 0x20 || cp == 0x7f || cp == 0x85 || cp == 0x2028 || cp == 0x2029) {
			for (size_t k = 0; k < (len ? len : 1); k++)
				fprintf(out, "\\x%02x", u[i + k]);
		} else {
			fwrite(u + i, 1, len, out);
		}
		i += len ? len : 1;
	}
}

void snapshot_write_head(FILE *out, const struct unit *u)
{
	fputs("# Written by tstcc --snapshot from ", out);
	put_comment_text(out, u->file.name, strlen(u->file.name));
	fputs(":\n# each assertion holds the value its source had then, and the\n"
	      "# comment above it says where that value was read.\n", out);
}

/*
 * Directive d with its arguments as the checking pass left them: with
 * their variables replaced, so that the snapshot needs none; false when a
 * value put a line break in one.
 */
static bool put_directive(FILE *out, const struct directive *d)
{
	for (const struct word *w = d->args; w; w = w->next)
		if (!writable(w->s, w->len))
			return false;
	fputs(directive_name(d->kind), out);
	for (const struct word *w = d->args; w; w = w->next)
		put_word(out, w->s, w->len);
	fputc('\n', out);
	return true;
}

bool snapshot_write_source(FILE *out, const struct unit *u, const struct tst_source *src)
{
	const struct directive *d = u->dirs;
	bool ok;

	while (d && !(d->name && d->name->loc.line == src->line))
		d = d->next;
	fputc('\n', out);
	ok = put_directive(out, d);
	for (d = d->next; d && ok; d = d->next) {
		enum dir_class c = directive_class(d->kind);
		if (c == SOURCE || c == QUERY)
			break;
		if (c == PARSE)
			ok = put_directive(out, d);
	}
	return ok;
}

static const char *const policies[] = {
	[TST_POLICY_APPEND] = "append", [TST_POLICY_REPLACE] = "replace", [TST_POLICY_IGNORE] = "ignore",
};

/*
 * split_values as the values were cut: every character a Java escape
 * (\u00XX) but letters, digits and the punctuation that needs none, so
 * that blanks, control characters, quotes and backslashes read back as
 * they were.
 */
static void put_split(FILE *out, const char *split)
{
	fputs("split_values", out);
	if (split) {
		fputs(" \"", out);
		for (const char *c = split; *c; c++) {
			if ((*c >= '!' && *c <= '~') && *c != '\\' && *c != '"')
				fputc(*c, out);
			else
				fprintf(out, "\\u%04x", (unsigned)(unsigned char)*c);
		}
		fputc('"', out);
	}
	fputc('\n', out);
}

/*
 * The query settings q needs that the directives before it did not set.
 * Queries come in their definition's order, where a column map, once
 * set, stays for the rest of the source: q has one whenever it differs.
 */
static void put_query_settings(FILE *out, struct snapshot_state *st, const struct tst_query *q)
{
	if (st->ncolumns != q->ncolumns ||
	    (q->ncolumns && memcmp(st->columns, q->columns, q->ncolumns * sizeof(*q->columns)) != 0)) {
		fputs("columns", out);
		for (size_t i = 0; i < q->ncolumns; i++)
			fprintf(out, " %zu", q->columns[i]);
		fputc('\n', out);
	}
	st->columns = q->columns;
	st->ncolumns = q->ncolumns;
	if (st->policy != q->policy)
		fprintf(out, "duplicates_policy %s\n", policies[q->policy]);
	st->policy = q->policy;
	if (st->sensitive != q->sensitive)
		fprintf(out, "sensitive %s\n", q->sensitive ? "true" : "false");
	st->sensitive = q->sensitive;
	if ((st->split != NULL) != (q->split != NULL) || (q->split && strcmp(st->split, q->split) != 0))
		put_split(out, q->split);
	st->split = q->split;
}

/* Whether every element of v can be written as one word. */
static bool value_writable(const struct tst_value *v)
{
	for (size_t i = 0; i < v->n; i++)
		if (!writable(v->items[i].s, v->items[i].n))
			return false;
	return true;
}

static void put_origin(FILE *out, const struct tst_source *src, const struct snapshot_query *sq)
{
	enum { SHOWN = 8 };

	fputs("# ", out);
	if (src->argv)
		fputs("output of ", out);
	put_comment_text(out, src->display, strlen(src->display));
	fputs(src->argv ? ", line" : ":", out);
	for (size_t i = 0; i < sq->nlines && i < SHOWN; i++)
		fprintf(out, "%s%lu", i ? ", " : (src->argv ? " " : ""), sq->lines[i]);
	if (sq->nlines > SHOWN)
		fprintf(out, " and %zu more", sq->nlines - SHOWN);
	if (!sq->nlines)
		fputs(src->argv ? "s: none" : " no line holds it", out);
	fputc('\n', out);
}

static void put_assertion(FILE *out, const struct snapshot_query *sq)
{
	const struct tst_value *v = sq->value;

	if (!v->defined) {
		fputs("assert_undefined\n", out);
	} else if (sq->q->sensitive) {
		fputs("# sensitive: the value is not written\nassert_defined\n", out);
	} else if (!value_writable(v)) {
		fputs("# the value has an empty or missing element, a NUL or a line break,\n"
		      "# which no definition line can hold: only its presence is asserted\nassert_defined\n", out);
	} else {
		fputs("assert_eq", out);
		for (size_t i = 0; i < v->n; i++)
			put_word(out, v->items[i].s, v->items[i].n);
		fputc('\n', out);
	}
}

void snapshot_write_query(FILE *out, const struct tst_source *src, struct snapshot_state *st,
			  const struct snapshot_query *sq)
{
	const struct tst_query *q = sq->q;

	for (size_t i = 0; i < q->nkeys; i++) {
		if (!writable(q->keys[i], strlen(q->keys[i]))) {
			fputs("\n# a key no definition line can hold (empty, or with a line break) is left out\n", out);
			return;
		}
	}
	if (sq->section && !writable(sq->section, strlen(sq->section))) {
		fputs("\n# a section whose name no definition line can hold is left out\n", out);
		return;
	}
	fputc('\n', out);
	if ((sq->section != NULL) != (st->section != NULL) ||
	    (sq->section && strcmp(sq->section, st->section) != 0)) {
		fputs("section", out);
		if (sq->section)
			put_word(out, sq->section, strlen(sq->section));
		fputc('\n', out);
		st->section = sq->section;
	}
	put_query_settings(out, st, q);
	put_origin(out, src, sq);
	fputs("property", out);
	for (size_t i = 0; i < q->nkeys; i++)
		put_word(out, q->keys[i], strlen(q->keys[i]));
	fputc('\n', out);
	put_assertion(out, sq);
}

void snapshot_write_no_keys(FILE *out, size_t rows)
{
	fprintf(out, "\n# no row holds a key: what is asserted is how many rows there are\n"
		"section_size\nassert_eq %zu\n", rows);
}
