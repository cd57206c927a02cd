/*
 * Check metadata (tstconfig(5), EXTENSIONS): `check ID TITLE...`,
 * `severity LEVEL` and `end_check`, which give the assertions between them
 * the name an auditor knows them by.
 *
 * A check lasts until the next `check`, an `end_check` or the end of the
 * definition, whatever sources come in between: it groups assertions, not
 * sources.  Its metadata is built here as the runtime's own struct
 * tst_meta, which every assertion inside it points to.
 */
#include <string.h>

#include "tstcc.h"

/* Whether w holds nothing but blanks (a quoted id can). */
static bool blank(const struct word *w)
{
	return strspn(w->s, " \t\f\v") == w->len;
}

/* The words after the first, joined by one space: the title. */
static const char *title(const struct directive *d)
{
	return d->nargs > 1 ? joined(d, NULL) + d->args->len + 1 : "";
}

/*
 * Reports a check that grouped nothing, which would be reported as
 * passed, unless an error in it (a misspelt assertion) says why; by is the
 * directive that ends it (NULL: the end of the definition).
 */
static void close_check(struct meta_state *m, const struct directive *by)
{
	if (m->open && diag_error_count() == m->errors_before && !m->assertions) {
		error_at(m->f, m->open_dir->name->loc, "check '%s' has no assertion",
			 diag_quote(m->open->id, strlen(m->open->id)));
		if (by)
			note_at(m->f, by->name->loc, true, "the check ends here");
	}
	m->open = NULL;
	m->open_dir = NULL;
	m->severity_dir = NULL;
	m->assertions = 0;
}

/* Reports an id used before in the definition, with a note naming where. */
static void id_unique(struct meta_state *m, const struct directive *d)
{
	const struct word *id = d->args;

	for (size_t i = 0; i < m->nseen; i++) {
		const struct word *first = m->seen[i]->args;
		if (first->len != id->len || memcmp(first->s, id->s, id->len) != 0)
			continue;
		error_at(m->f, id->loc, "check id '%s' is used twice in the definition", diag_quote(id->s, id->len));
		note_at(m->f, first->loc, true, "it is first used here");
		return;
	}
	m->seen = arena_grow(m->seen, &m->seen_cap, m->nseen + 1, sizeof(*m->seen));
	m->seen[m->nseen++] = d;
}

/* A check with a bad id is still open, so that its `severity` is not reported too. */
static void open_check(struct meta_state *m, const struct directive *d)
{
	close_check(m, d);
	m->errors_before = diag_error_count();
	m->open = arena_alloc(sizeof(*m->open));
	m->open_dir = d;
	if (!d->nargs) {
		error_at(m->f, d->name->loc, "'check' needs an id (and a title after it)");
		return;
	}
	*m->open = (struct tst_meta){.line = d->name->loc.line, .id = d->args->s, .title = title(d)};
	if (blank(d->args))
		error_at(m->f, d->args->loc, "the id of a check is empty");
	else
		id_unique(m, d);
}

static void severity(struct meta_state *m, const struct directive *d)
{
	int level;

	if (!m->open) {
		error_at(m->f, d->name->loc, "'severity' outside a check: it names the severity of the 'check' "
			 "before it");
		return;
	}
	if (!keyword_arg(m->f, SEVERITY, d->args, &level))
		return;
	if (m->severity_dir) {
		error_at(m->f, d->name->loc, "this check has a severity already");
		note_at(m->f, m->severity_dir->name->loc, true, "it is set here");
		return;
	}
	m->open->severity = (enum tst_severity)level;
	m->severity_dir = d;
}

void meta_directive(struct meta_state *m, const struct directive *d)
{
	if (d->kind == DIR_CHECK)
		open_check(m, d);
	else if (d->kind == DIR_SEVERITY)
		severity(m, d);
	else if (m->open)
		close_check(m, d);
	else
		error_at(m->f, d->name->loc, "'end_check' with no check open");
}

const struct tst_meta *meta_assertion(struct meta_state *m)
{
	m->assertions++;
	return m->open;
}

void meta_finish(struct meta_state *m)
{
	close_check(m, NULL);
}
