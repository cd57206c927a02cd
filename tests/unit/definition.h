/*
 * Shared by the compiler's unit tests: a definition given as text, parsed
 * and checked as tstcc does it.  Diagnostics are collected, not printed
 * (the JSON mode keeps them until diag_finish, which the tests never call).
 * Include after <cmocka.h>.
 */
#ifndef TST_TEST_DEFINITION_H
#define TST_TEST_DEFINITION_H

#include <string.h>

#include "tstcc.h"

/* A unit for text, parsed, with nothing reported yet. */
static inline struct unit *parsed(const char *text)
{
	struct unit *u = arena_alloc(sizeof(*u));

	diag_reset();
	diag_options = (struct diag_options){.json = true};
	u->file = (struct srcfile){.name = "t.tstconfig", .text = arena_strndup(text, strlen(text)),
				   .len = strlen(text)};
	parse_unit(u);
	return u;
}

/* The lowered definition of text, which must check without errors. */
static inline const struct tst_definition *lowered(const char *text)
{
	struct unit *u = parsed(text);

	if (!sema_unit(u, DIALECT_TSTCC, NULL))
		fail_msg("%u errors in:\n%s", diag_error_count(), text);
	assert_non_null(u->def);
	return u->def;
}

/* The number of errors text has; it must not be lowered when it has any. */
static inline unsigned errors_in(const char *text)
{
	struct unit *u = parsed(text);
	bool ok = sema_unit(u, DIALECT_TSTCC, NULL);

	assert_int_equal(ok, diag_error_count() == 0);
	if (!ok)
		assert_null(u->def);
	return diag_error_count();
}

#endif
