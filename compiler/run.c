/*
 * tstcc --run: the tables the checking pass lowered the definitions to are
 * the runtime's own (include/tst.h), so the runtime linked into tstcc runs
 * them here, with a checker's command line, as a checker built from the
 * same definitions would: no C compiler, no file written.
 */
#include "tstcc.h"

/* The runtime's parts, in the order of TSTCC_PARTS. */
static const void *part(unsigned parts, enum part p)
{
	static const void *const ops[PART_COUNT] = {
		&tst_blocks_ops, &tst_files_ops, &tst_command_ops, &tst_regex_ops, &tst_compare_ops,
	};

	return parts & 1u << p ? ops[p] : NULL;
}

const struct tst_definition *with_parts(const struct tst_definition *def)
{
	struct tst_definition *out = arena_alloc(sizeof(*out));
	const struct tst_source **sources = arena_alloc((def->nsources + 1) * sizeof(*sources));
	size_t nchecks = 0;
	struct tst_check *checks;

	for (size_t i = 0; i < def->nsteps; i++)
		nchecks += def->steps[i].op == TST_OP_ASSERT;
	checks = arena_alloc((nchecks + 1) * sizeof(*checks));
	for (size_t i = 0; i < def->nsources; i++) {
		struct tst_source *src = arena_alloc(sizeof(*src));
		unsigned parts = source_parts(def->sources[i]);
		*src = *def->sources[i];
		src->blocks_ops = part(parts, PART_BLOCKS);
		src->files_ops = part(parts, PART_FILES);
		src->command_ops = part(parts, PART_COMMAND);
		src->regex_ops = part(parts, PART_REGEX);
		sources[i] = src;
	}
	for (size_t i = 0; i < nchecks; i++) {
		unsigned parts = check_parts(&def->checks[i]);
		checks[i] = def->checks[i];
		checks[i].regex_ops = part(parts, PART_REGEX);
		checks[i].compare_ops = part(parts, PART_COMPARE);
	}
	*out = *def;
	out->sources = sources;
	out->checks = checks;
	return out;
}

int run_definitions(const struct unit *units, size_t n, int argc, char **argv)
{
	struct tst_definition *defs = arena_alloc(n * sizeof(*defs));

	for (size_t i = 0; i < n; i++)
		defs[i] = *with_parts(units[i].def);
	return tst_main(argc, argv, defs, n);
}
