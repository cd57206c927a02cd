/*
 * Checks (`check`, an extension): how reports name them, and the result of
 * each, tallied from its assertions.  A check failed when one of its
 * assertions failed on a source read whole; it passed when every one of
 * its assertions passed; otherwise it was not checked: a source could not
 * be read whole, or the run stopped before its assertions.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"

static const char *const severities[] = {
	[TST_SEVERITY_NONE] = NULL,
#define TST_X(id, name) [TST_SEVERITY_##id] = name,
	TST_SEVERITIES(TST_X)
#undef TST_X
};

const char *tst_severity_name(enum tst_severity s)
{
	return severities[s];
}

char *tst_check_name(const struct tst_meta *m)
{
	const char *sev = severities[m->severity];
	size_t n = strlen(m->id) + strlen(m->title) + (sev ? strlen(sev) + 3 : 0) + 2;
	char *name = tst_xmalloc(n);

	snprintf(name, n, "%s%s%s%s%s%s", m->id, *m->title ? " " : "", m->title, sev ? " (" : "", sev ? sev : "",
		 sev ? ")" : "");
	return name;
}

/* The definition's checks, in order: each assertion points to its own, and they follow one another. */
static void add_definition(struct tst_tally *t, const struct tst_definition *def)
{
	for (size_t i = 0; i < def->nsteps; i++) {
		const struct tst_step *st = &def->steps[i];
		const struct tst_meta *m = st->op == TST_OP_ASSERT ? def->checks[st->index].meta : NULL;
		if (!m)
			continue;
		if (!t->n || t->v[t->n - 1].meta != m) {
			t->v = tst_xrealloc(t->v, (t->n + 1) * sizeof(*t->v));
			t->v[t->n++] = (struct tst_check_result){.def = def, .meta = m};
		}
		t->v[t->n - 1].assertions++;
	}
}

void tst_tally_init(struct tst_tally *t, const struct tst_definition *defs, size_t ndefs)
{
	*t = (struct tst_tally){0};
	for (size_t i = 0; i < ndefs; i++)
		add_definition(t, &defs[i]);
}

void tst_tally_add(struct tst_tally *t, const struct tst_assertion_event *e)
{
	const struct tst_meta *m = e->check->meta;
	struct tst_check_result *r;
	size_t i = t->at;

	if (!m)
		return;
	/* Assertions come in order, so the search starts at the check of the last one. */
	while (i < t->n && t->v[i].meta != m)
		i++;
	if (i == t->n)
		return;
	t->at = i;
	r = &t->v[i];
	if (e->not_checked)
		r->not_checked++;
	else if (e->passed)
		r->passed++;
	else
		r->failed++;
}

enum tst_check_verdict tst_check_verdict(const struct tst_check_result *r)
{
	if (r->failed)
		return TST_CHECK_FAILED;
	return r->passed == r->assertions ? TST_CHECK_PASSED : TST_CHECK_NOT_CHECKED;
}

void tst_tally_free(struct tst_tally *t)
{
	free(t->v);
	*t = (struct tst_tally){0};
}
