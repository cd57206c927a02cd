/*
 * tstcc --run: the tables the checking pass lowered the definitions to are
 * the runtime's own (include/tst.h), so the runtime linked into tstcc runs
 * them here, with a checker's command line, as a checker built from the
 * same definitions would: no C compiler, no file written.
 */
#include "tstcc.h"

int run_definitions(const struct unit *units, size_t n, int argc, char **argv)
{
	struct tst_definition *defs = arena_alloc(n * sizeof(*defs));

	for (size_t i = 0; i < n; i++)
		defs[i] = *units[i].def;
	return tst_main(argc, argv, defs, n);
}
