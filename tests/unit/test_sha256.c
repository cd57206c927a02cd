/*
 * Unit tests for runtime/sha256.c: the FIPS 180-4 examples, and a digest
 * given its bytes in pieces of every size from 1 to 130 (across the
 * 64-byte blocks and the 56-byte padding limit), as --record computes it
 * while it streams, equal to the digest of the whole.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "sha256.h"

static void assert_digest(const char *data, size_t len, const char *want)
{
	char got[65];

	tst_sha256_hex(data, len, got);
	assert_string_equal(got, want);
}

static void test_examples(void **state)
{
	static char million[1000000];

	(void)state;
	assert_digest("", 0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	assert_digest("abc", 3, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	assert_digest("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 56,
		      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
	memset(million, 'a', sizeof(million));
	assert_digest(million, sizeof(million), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

static void test_pieces(void **state)
{
	char data[1000], whole[65], got[65];

	(void)state;
	for (size_t i = 0; i < sizeof(data); i++)
		data[i] = (char)(i * 31 + 7);
	for (size_t len = 0; len <= sizeof(data); len += 37) {
		tst_sha256_hex(data, len, whole);
		for (size_t piece = 1; piece <= 130; piece++) {
			struct tst_sha256 c;
			tst_sha256_init(&c);
			for (size_t at = 0; at < len; at += piece)
				tst_sha256_update(&c, data + at, len - at < piece ? len - at : piece);
			tst_sha256_hex_final(&c, got);
			assert_string_equal(got, whole);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_examples),
		cmocka_unit_test(test_pieces),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
