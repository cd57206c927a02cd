/*
 * The assertions of tstconfig(5): the original's nine (Assertions) and
 * tstcc's matchers, sets and comparisons (EXTENSIONS).  An undefined value has no
 * elements and no text; a missing element equals no string and joins as
 * empty text.  Under values_ignore_case (an extension) texts compare with
 * ASCII letters folded, and the matchers' patterns ignore case.
 */
#include <stdlib.h>
#include <string.h>

#include "ascii.h"
#include "internal.h"

/* Equal bytes, or equal ignoring ASCII case. */
static bool same_text(const char *a, const char *b, size_t n, bool icase)
{
	return icase ? tst_ascii_ieq(a, b, n) : memcmp(a, b, n) == 0;
}

static bool equals(struct tst_str item, const char *arg, bool icase)
{
	return item.s && strlen(arg) == item.n && same_text(item.s, arg, item.n, icase);
}

static bool has_element(const struct tst_value *v, const char *arg, bool icase)
{
	for (size_t i = 0; i < v->n; i++)
		if (equals(v->items[i], arg, icase))
			return true;
	return false;
}

static bool assert_eq(const struct tst_value *v, const char *const *args, size_t nargs, bool icase)
{
	if (!v->defined || v->n != nargs)
		return false;
	for (size_t i = 0; i < nargs; i++)
		if (!equals(v->items[i], args[i], icase))
			return false;
	return true;
}

static char *join_args(const char *const *args, size_t nargs, size_t *len)
{
	struct tst_value v = {0};
	char *s;

	for (size_t i = 0; i < nargs; i++)
		tst_value_push(&v, (struct tst_str){args[i], strlen(args[i])});
	*len = tst_value_joined_len(&v);
	s = tst_xmalloc(*len + 1);
	tst_value_join(&v, s);
	tst_value_free(&v);
	return s;
}

/* The fixed assert_starts_with / assert_ends_with: compare joined texts. */
static bool affix(const struct tst_value *v, const char *const *args, size_t nargs, bool at_end, bool icase)
{
	size_t vlen, alen;
	char *vs, *as;
	bool ok;

	if (!v->defined)
		return false;
	vlen = tst_value_joined_len(v);
	vs = tst_xmalloc(vlen + 1);
	tst_value_join(v, vs);
	as = join_args(args, nargs, &alen);
	ok = alen <= vlen && same_text(vs + (at_end ? vlen - alen : 0), as, alen, icase);
	free(vs);
	free(as);
	return ok;
}

/* The matchers: whether the pattern matches the joined text, or how many elements it matches. */
static bool matches(const struct tst_check *c, const struct tst_value *v)
{
	regex_t re;
	size_t hits = 0, len;
	char *text;
	bool ok;

	/* Under ignore_case the pattern was folded when it was built: REG_ICASE is read apart by glibc and musl. */
	if (!c->pattern || c->regex_ops->compile(&re, c->pattern, REG_EXTENDED | REG_NOSUB) != 0)
		return false;
	if (c->kind == TST_ASSERT_MATCHES) {
		len = tst_value_joined_len(v);
		text = tst_xmalloc(len + 1);
		tst_value_join(v, text);
		text[len] = '\0';      /* regexec reads to the NUL, REG_STARTEND or not */
		ok = v->defined && c->regex_ops->match(&re, text, len, NULL, 0);
		free(text);
		c->regex_ops->free(&re);
		return ok;
	}
	for (size_t i = 0; i < v->n; i++)
		hits += v->items[i].s && c->regex_ops->match(&re, v->items[i].s, v->items[i].n, NULL, 0);
	c->regex_ops->free(&re);
	switch (c->kind) {
	case TST_ASSERT_ANY_MATCH:
		return hits > 0;
	case TST_ASSERT_ALL_MATCH:
		return v->defined && hits == v->n;
	default:
		return hits == 0;
	}
}

static bool in_args(struct tst_str item, const char *const *args, size_t nargs, bool icase)
{
	for (size_t i = 0; i < nargs; i++)
		if (equals(item, args[i], icase))
			return true;
	return false;
}

/* The value's elements and the arguments are the same set. */
static bool same_set(const struct tst_value *v, const char *const *args, size_t nargs, bool icase)
{
	if (!v->defined)
		return false;
	for (size_t i = 0; i < v->n; i++)
		if (!in_args(v->items[i], args, nargs, icase))
			return false;
	for (size_t i = 0; i < nargs; i++)
		if (!has_element(v, args[i], icase))
			return false;
	return true;
}

static bool subset(const struct tst_value *v, const char *const *args, size_t nargs, bool icase)
{
	if (!v->defined)
		return false;
	for (size_t i = 0; i < v->n; i++)
		if (!in_args(v->items[i], args, nargs, icase))
			return false;
	return true;
}

/* The comparisons: one element, a number (or a version) on the right side of the argument. */
static bool compares(const struct tst_check *c, const struct tst_value *v)
{
	const struct tst_compare_ops *ops = c->compare_ops;
	double x, y;
	int r;

	if (!v->defined || v->n != 1 || !v->items[0].s)
		return false;
	if (c->kind == TST_ASSERT_VERSION_AT_LEAST || c->kind == TST_ASSERT_VERSION_AT_MOST) {
		char *s = tst_xmemdup(v->items[0].s, v->items[0].n);
		bool valid = ops->version_valid(s);
		r = valid ? ops->version_compare(v->items[0].s, v->items[0].n, c->args[0], strlen(c->args[0])) : 0;
		free(s);
		return valid && (c->kind == TST_ASSERT_VERSION_AT_LEAST ? r >= 0 : r <= 0);
	}
	if (!ops->number(v->items[0].s, v->items[0].n, &x) || !ops->number(c->args[0], strlen(c->args[0]), &y))
		return false;
	switch (c->kind) {
	case TST_ASSERT_AT_MOST:
		return x <= y;
	case TST_ASSERT_AT_LEAST:
		return x >= y;
	case TST_ASSERT_LESS_THAN:
		return x < y;
	default:
		return x > y;
	}
}

bool tst_check_value(const struct tst_check *c, const struct tst_value *v)
{
	const char *const *args = c->args;
	size_t nargs = c->nargs;
	bool icase = c->ignore_case;

	switch (c->kind) {
	case TST_ASSERT_EQ:
		return assert_eq(v, args, nargs, icase);
	case TST_ASSERT_DEFINED:
		return v->defined;
	case TST_ASSERT_UNDEFINED:
		return !v->defined;
	case TST_ASSERT_EMPTY:
		return !v->defined || tst_value_joined_len(v) == 0;
	case TST_ASSERT_NOT_EMPTY:
		return v->defined && tst_value_joined_len(v) != 0;
	case TST_ASSERT_CONTAINS:
		for (size_t i = 0; i < nargs; i++)
			if (!has_element(v, args[i], icase))
				return false;
		return true;
	case TST_ASSERT_NOT_CONTAINS:
		for (size_t i = 0; i < nargs; i++)
			if (has_element(v, args[i], icase))
				return false;
		return true;
	case TST_ASSERT_STARTS_WITH:
		return affix(v, args, nargs, false, icase);
	case TST_ASSERT_ENDS_WITH:
		return affix(v, args, nargs, true, icase);
	case TST_ASSERT_MATCHES:
	case TST_ASSERT_ANY_MATCH:
	case TST_ASSERT_ALL_MATCH:
	case TST_ASSERT_NONE_MATCH:
		return matches(c, v);
	case TST_ASSERT_ONE_OF:
		return v->defined && v->n == 1 && in_args(v->items[0], args, nargs, icase);
	case TST_ASSERT_SET_EQ:
		return same_set(v, args, nargs, icase);
	case TST_ASSERT_SUBSET_OF:
		return subset(v, args, nargs, icase);
	case TST_ASSERT_AT_MOST:
	case TST_ASSERT_AT_LEAST:
	case TST_ASSERT_LESS_THAN:
	case TST_ASSERT_GREATER_THAN:
	case TST_ASSERT_VERSION_AT_LEAST:
	case TST_ASSERT_VERSION_AT_MOST:
		return compares(c, v);
	}
	return false;
}
