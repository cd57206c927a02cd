/*
 * libFuzzer harness over the whole front end: any bytes as a definition
 * file go through the lexer, the parser, validation (pattern translation
 * included) and, when valid, code generation.  Diagnostics are collected
 * as for --diagnostics-format=json and dropped, so the fuzzer stays fast.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "tstcc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct unit u = {0};
	struct emit_options eo = {0};
	FILE *sink;

	diag_reset();
	diag_options.json = true;
	u.file.name = "fuzz.tstconfig";
	u.file.text = arena_strndup((const char *)data, size);
	u.file.len = size;
	parse_unit(&u);
	if (sema_unit(&u, size % 2 ? DIALECT_TSTCC : DIALECT_TSTCONFIG_0_3, NULL) && (sink = fopen("/dev/null", "w"))) {
		emit_program(sink, &u, 1, &eo);
		fclose(sink);
	}
	diag_reset();
	arena_free();
	return 0;
}
