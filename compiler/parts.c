/*
 * Which optional parts of the runtime (include/tst.h) a definition's
 * tables point to.  This is the one place that decides: emit.c names the
 * parts in the generated tables, and run.c points tstcc's own copy of the
 * tables to them (tstcc --run, --snapshot), so a checker and tstcc read
 * a definition with the same parts.  A part a definition does not use is
 * named nowhere in its checker, which leaves it out of the link.
 */
#include "tstcc.h"

const char *const part_names[PART_COUNT] = {
#define P(id, name) [PART_##id] = name,
	TSTCC_PARTS(P)
#undef P
};

unsigned source_parts(const struct tst_source *src)
{
	unsigned parts = 0;

	if (src->parse.blocks != TST_BLOCKS_NONE || src->paths)
		parts |= 1u << PART_BLOCKS;
	if (src->patterns)
		parts |= 1u << PART_FILES;
	if (src->argv)
		parts |= 1u << PART_COMMAND;
	if (src->parse.header || src->parse.footer)
		parts |= 1u << PART_REGEX;
	return parts;
}

unsigned check_parts(const struct tst_check *c)
{
	switch (c->kind) {
	case TST_ASSERT_MATCHES:
	case TST_ASSERT_ANY_MATCH:
	case TST_ASSERT_ALL_MATCH:
	case TST_ASSERT_NONE_MATCH:
		return c->pattern ? 1u << PART_REGEX : 0;
	case TST_ASSERT_AT_MOST:
	case TST_ASSERT_AT_LEAST:
	case TST_ASSERT_LESS_THAN:
	case TST_ASSERT_GREATER_THAN:
	case TST_ASSERT_VERSION_AT_LEAST:
	case TST_ASSERT_VERSION_AT_MOST:
		return 1u << PART_COMPARE;
	default:
		return 0;
	}
}
