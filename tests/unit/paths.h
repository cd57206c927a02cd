/*
 * Shared by the unit tests of the fast paths (prefilter, skimmer):
 * compare_paths reads a source twice, as checkers do and with
 * TST_FULL_PATH=1, and checks that both give the same answers: errors,
 * rows and sections seen per section, and every query's value item by
 * item; rnd draws the generated corpora they read, the same for a
 * seed (rnd_state) on every machine.  Include after <cmocka.h> and
 * "internal.h".
 */
#ifndef TST_TEST_PATHS_H
#define TST_TEST_PATHS_H

static uint32_t rnd_state;

static uint32_t rnd(uint32_t n)
{
	rnd_state = rnd_state * 1103515245u + 12345u;
	return (rnd_state >> 8) % n;
}

static void on_error(void *ctx, const char *msg)
{
	(void)msg;
	++*(size_t *)ctx;
}

static void on_warn(void *ctx, const char *msg, size_t n)
{
	(void)ctx;
	(void)msg;
	(void)n;
}

static void run(const struct tst_source *src, bool full, struct tst_answers *a, size_t *errors)
{
	const struct tst_pass_io io = {.timeout_ms = 20000, .error = on_error, .warn = on_warn, .ctx = errors};

	if (full)
		setenv("TST_FULL_PATH", "1", 1);
	else
		unsetenv("TST_FULL_PATH");
	tst_pass_run(src, &io, a);
	unsetenv("TST_FULL_PATH");
}

static bool same_str(struct tst_str a, struct tst_str b)
{
	return (!a.s) == (!b.s) && a.n == b.n && (!a.n || memcmp(a.s, b.s, a.n) == 0);
}

/* Both paths' answers, compared item by item; how many rows the filter saw is printed on a difference. */
static void compare_paths(const struct tst_source *src, const char *what)
{
	struct tst_answers fast, full;
	size_t efast = 0, efull = 0;

	run(src, false, &fast, &efast);
	run(src, true, &full, &efull);
	assert_int_equal(efast, efull);
	for (size_t s = 0; s < src->nsections; s++) {
		if (fast.rows[s] != full.rows[s] || fast.seen[s] != full.seen[s])
			print_error("%s: section %zu: %zu rows, %zu on the full path\n", what, s, fast.rows[s],
				    full.rows[s]);
		assert_int_equal(fast.rows[s], full.rows[s]);
		assert_int_equal(fast.seen[s], full.seen[s]);
	}
	for (size_t q = 0; q < src->nqueries; q++) {
		const struct tst_value *a = &fast.results[q], *b = &full.results[q];
		bool same = a->defined == b->defined && a->n == b->n;
		for (size_t i = 0; same && i < a->n; i++)
			same = same_str(a->items[i], b->items[i]);
		if (!same)
			print_error("%s: query %zu (%s): %zu items, %zu on the full path\n", what, q,
				    src->queries[q].nkeys ? src->queries[q].keys[0] : "(no key)", a->n, b->n);
		assert_true(same);
	}
	tst_answers_free(&fast);
	tst_answers_free(&full);
}

#endif
