/*
 * Text for the XML of JUnit reports and the text report's values.  Values
 * come from configuration files and command output, so they may hold any
 * byte: valid UTF-8 passes through, and everything that would make the XML
 * invalid is escaped or replaced.  JSON strings are json.c's.
 */
#include <stdio.h>

#include "report.h"

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
		else if (c < ' ' || !len || (len == 3 && tst_noncharacter(tst_utf8_code_point((const unsigned char *)s + i, len))))
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
