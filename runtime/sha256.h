/* SHA-256, shared by the compiler and the runtime. */
#ifndef TST_SHA256_H
#define TST_SHA256_H

#include <stddef.h>
#include <stdint.h>

/* A digest being computed over bytes given in pieces. */
struct tst_sha256 {
	uint32_t h[8];
	unsigned char buf[64];
	uint64_t len;
};

void tst_sha256_init(struct tst_sha256 *c);
void tst_sha256_update(struct tst_sha256 *c, const void *data, size_t n);
/* The digest as 64 hex digits and a NUL. */
void tst_sha256_hex_final(struct tst_sha256 *c, char out[65]);
/* The SHA-256 of data[0..len) as 64 hex digits and a NUL. */
void tst_sha256_hex(const char *data, size_t len, char out[65]);

#endif
