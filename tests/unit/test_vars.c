/*
 * Unit tests for compiler/vars.c, variables: names, what a reference is
 * replaced by (escapes, quotes, values that look like references or hold
 * nothing), which value wins, and the places of errors.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "definition.h"

static void test_names(void **state)
{
	(void)state;
	assert_true(var_name_valid("PHPVER", 6));
	assert_true(var_name_valid("_x9", 3));
	assert_false(var_name_valid("", 0));
	assert_false(var_name_valid("9x", 2));
	assert_false(var_name_valid("a-b", 3));
	assert_false(var_name_valid("a.b", 3));
	assert_false(var_name_valid("\xc3\xa9", 2));
}

/* The arguments of the last check of text, lowered with the -D values in vars. */
static const struct tst_check *last_check(const char *text, struct vars *vars)
{
	struct unit *u = parsed(text);

	if (!sema_unit(u, DIALECT_TSTCC, vars))
		fail_msg("%u errors in:\n%s", diag_error_count(), text);
	return &u->def->checks[u->def->steps[u->def->nsteps - 1].index];
}

static void test_expansion(void **state)
{
	struct vars vars = {0};
	const struct tst_check *c;

	(void)state;
	vars_set(&vars, "V", "a b", true);
	vars_set(&vars, "E", "", true);
	vars_set(&vars, "R", "${V}", true);
	c = last_check("variables true\nfile f\nparse_mode tokenized\nproperty k\n"
		       "assert_eq ${V} \"<${V}>\" $${V} $$ a$ ${E} ${R} x${V}${V}y\n", &vars);
	/* A value stays in its word, an empty one too, and is not searched for references. */
	assert_int_equal(c->nargs, 8);
	assert_string_equal(c->args[0], "a b");
	assert_string_equal(c->args[1], "<a b>");
	assert_string_equal(c->args[2], "${V}");
	assert_string_equal(c->args[3], "$$");
	assert_string_equal(c->args[4], "a$");
	assert_string_equal(c->args[5], "");
	assert_string_equal(c->args[6], "${V}");
	assert_string_equal(c->args[7], "xa ba by");
	assert_true(vars.v[0].used && vars.v[1].used && vars.v[2].used);
}

/* Before `variables true` and after `variables false`, ${...} is text. */
static void test_opt_in(void **state)
{
	struct vars vars = {0};

	(void)state;
	vars_set(&vars, "V", "x", true);
	assert_string_equal(last_check("file f\nparse_mode tokenized\nproperty k\nassert_eq ${V}\n", &vars)->args[0],
			    "${V}");
	assert_false(vars.v[0].used);
	assert_string_equal(last_check("variables true\nvariables false\nfile f\nparse_mode tokenized\n"
				       "property k\nassert_eq ${V} ${W\n", &vars)->args[0], "${V}");
}

/* -D wins over a define; a later define replaces an earlier one; defines end with their definition. */
static void test_precedence(void **state)
{
	struct vars vars = {0};
	const char *head = "variables true\ndefine A one\ndefine B one\ndefine B two\nfile f\n"
			   "parse_mode tokenized\nproperty k\n";
	const struct tst_check *c;

	(void)state;
	vars_set(&vars, "A", "cli", true);
	c = last_check(arena_printf("%sassert_eq ${A} ${B}\n", head), &vars);
	assert_string_equal(c->args[0], "cli");
	assert_string_equal(c->args[1], "two");
	assert_int_equal(vars.n, 1);
	assert_string_equal(vars.v[0].value, "cli");
}

/* An error points at the reference, inside quotes too; a failed define does not cascade. */
static void test_errors(void **state)
{
	(void)state;
	assert_int_equal(errors_in("variables true\nfile f\nparse_mode tokenized\nproperty \"k ${NOPE}\"\n"
				   "assert_eq ${} ${1}\nassert_eq ${A\n"), 3);
	assert_int_equal(errors_in("variables true\ndefine A ${NOPE}\nfile ${A}\nparse_mode tokenized\n"
				   "property k\nassert_defined\n"), 1);
	assert_int_equal(errors_in("variables true\nfile ${NOPE}\nparse_mode tokenized\nproperty k\n"
				   "assert_defined\n"), 1);
	assert_int_equal(errors_in("variables true\ndefine 9 x\ndefine\n"), 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_expansion),
		cmocka_unit_test(test_opt_in),
		cmocka_unit_test(test_precedence),
		cmocka_unit_test(test_errors),
	};
	int failed = cmocka_run_group_tests(tests, NULL, NULL);

	arena_free();
	return failed;
}
