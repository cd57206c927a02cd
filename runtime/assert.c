/*
 * The nine assertions of tstconfig(5), Assertions.  An undefined value has no
 * elements and no text; a missing element equals no string and joins as
 * empty text.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static bool equals(struct tst_str item, const char *arg)
{
	return item.s && strlen(arg) == item.n && memcmp(item.s, arg, item.n) == 0;
}

static bool has_element(const struct tst_value *v, const char *arg)
{
	for (size_t i = 0; i < v->n; i++)
		if (equals(v->items[i], arg))
			return true;
	return false;
}

static bool assert_eq(const struct tst_value *v, const char *const *args, size_t nargs)
{
	if (!v->defined || v->n != nargs)
		return false;
	for (size_t i = 0; i < nargs; i++)
		if (!equals(v->items[i], args[i]))
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
static bool affix(const struct tst_value *v, const char *const *args, size_t nargs, bool at_end)
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
	ok = alen <= vlen && memcmp(vs + (at_end ? vlen - alen : 0), as, alen) == 0;
	free(vs);
	free(as);
	return ok;
}

bool tst_check_value(enum tst_assertion kind, const struct tst_value *v, const char *const *args, size_t nargs)
{
	switch (kind) {
	case TST_ASSERT_EQ:
		return assert_eq(v, args, nargs);
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
			if (!has_element(v, args[i]))
				return false;
		return true;
	case TST_ASSERT_NOT_CONTAINS:
		for (size_t i = 0; i < nargs; i++)
			if (has_element(v, args[i]))
				return false;
		return true;
	case TST_ASSERT_STARTS_WITH:
		return affix(v, args, nargs, false);
	case TST_ASSERT_ENDS_WITH:
		return affix(v, args, nargs, true);
	}
	return false;
}
