/*
 * Text for the formats machines read.  Values come from configuration
 * files and command output, so they may hold any byte: valid UTF-8 passes
 * through, and everything that would make the JSON or XML invalid is
 * escaped or replaced.
 */
#include <stdio.h>

#include "report.h"

/* The code point of the valid sequence of len bytes at s. */
static unsigned long code_point(const unsigned char *s, size_t len)
{
	unsigned long cp = s[0] & (0x7f >> len);

	for (size_t i = 1; i < len; i++)
		cp = cp << 6 | (s[i] & 0x3f);
	return cp;
}

/* U+FFFE and U+FFFF: valid UTF-8, but neither XML nor YAML takes them. */
static bool noncharacter(unsigned long cp)
{
	return cp == 0xfffe || cp == 0xffff;
}

void tst_put_json(FILE *f, const char *s, size_t n)
{
	fputc('"', f);
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		size_t len = c >= 0x80 ? tst_utf8_seq((const unsigned char *)s + i, n - i) : 1;
		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", f);
		else if (c == '\t')
			fputs("\\t", f);
		else if (c < ' ' || c == 0x7f || !len)
			fprintf(f, "\\u%04x", c);
		else if (len > 1 && (code_point((const unsigned char *)s + i, len) <= 0x9f ||
				     noncharacter(code_point((const unsigned char *)s + i, len))))
			/* C1 controls and noncharacters: YAML (TAP's diagnostics) wants them escaped. */
			fprintf(f, "\\u%04lx", code_point((const unsigned char *)s + i, len));
		else
			fwrite(s + i, 1, len, f);
		i += len ? len : 1;
	}
	fputc('"', f);
}

void tst_put_xml(FILE *f, const char *s, size_t n, bool attribute)
{
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		size_t len = c >= 0x80 ? tst_utf8_seq((const unsigned char *)s + i, n - i) : 1;
		if (c == '&')
			fputs("&amp;", f);
		else if (c == '<')
			fputs("&lt;", f);
		else if (c == '>')
			fputs("&gt;", f);
		else if (c == '"')
			fputs("&quot;", f);
		else if ((c == '\n' || c == '\t') && !attribute)
			fputc(c, f);
		else if (c == '\n' || c == '\t' || c == '\r')
			fprintf(f, "&#%d;", c);
		else if (c < ' ' || !len || (len == 3 && noncharacter(code_point((const unsigned char *)s + i, len))))
			fputc('?', f);
		else
			fwrite(s + i, 1, len, f);
		i += len ? len : 1;
	}
}

void tst_put_value(FILE *f, const struct tst_value *v)
{
	for (size_t i = 0; i < v->n; i++) {
		if (i)
			fputc(' ', f);
		if (v->items[i].n)
			fwrite(v->items[i].s, 1, v->items[i].n, f);
	}
}
