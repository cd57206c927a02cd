/*
 * JSON strings, for the checker's JSON and TAP reports and for tstcc's
 * --diagnostics-format=json: any bytes in, a valid JSON string out.
 * Valid UTF-8 passes through; quotes, backslashes and control characters
 * are escaped, C1 controls and noncharacters too (YAML, in TAP's
 * diagnostics, refuses them), and a byte that is not UTF-8 becomes the
 * escape of the code point of the same number.
 */
#include "json.h"
#include "utf8.h"

void tst_put_json(FILE *f, const char *s, size_t n)
{
	fputc('"', f);
	for (size_t i = 0; i < n;) {
		const unsigned char *u = (const unsigned char *)s + i;
		size_t len = u[0] >= 0x80 ? tst_utf8_seq(u, n - i) : 1;
		unsigned long cp = len > 1 ? tst_utf8_code_point(u, len) : u[0];
		if (u[0] == '"' || u[0] == '\\')
			fprintf(f, "\\%c", u[0]);
		else if (u[0] == '\n')
			fputs("\\n", f);
		else if (u[0] == '\t')
			fputs("\\t", f);
		else if (!len || cp < ' ' || (cp >= 0x7f && cp <= 0x9f) || tst_noncharacter(cp))
			fprintf(f, "\\u%04lx", cp);
		else
			fwrite(u, 1, len, f);
		i += len ? len : 1;
	}
	fputc('"', f);
}
