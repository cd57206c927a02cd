/*
 * Shared by the unit tests that cut rows: expect_fields checks a row's
 * fields against the strings they must hold, printing the row on a miss.
 * Include after <cmocka.h> and "internal.h".
 */
#ifndef TST_TEST_FIELDS_H
#define TST_TEST_FIELDS_H

#define STRS(...) ((const char *const[]){__VA_ARGS__})
#define NSTRS(...) (sizeof(STRS(__VA_ARGS__)) / sizeof(const char *))
#define EXPECT(f, ...) expect_fields((f), STRS(__VA_ARGS__), NSTRS(__VA_ARGS__))

static void expect_fields(const struct tst_fields *f, const char *const *want, size_t nwant)
{
	if (f->n != nwant) {
		for (size_t i = 0; i < f->n; i++)
			print_error("field %zu: [%.*s]\n", i, (int)f->f[i].n, f->f[i].s);
	}
	assert_int_equal(f->n, nwant);
	for (size_t i = 0; i < nwant; i++) {
		assert_non_null(f->f[i].s);
		if (f->f[i].n != strlen(want[i]) || memcmp(f->f[i].s, want[i], f->f[i].n) != 0)
			fail_msg("field %zu is [%.*s], want [%s]", i, (int)f->f[i].n, f->f[i].s, want[i]);
	}
}

#endif
