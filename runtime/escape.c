/*
 * Text for the XML of JUnit reports and the text report's values.  Values
 * come from configuration files and command output, so they may hold any
 * byte: valid UTF-8 passes through, and everything that would make the XML
 * invalid is escaped or replaced.  JSON strings are json.c's.  Names a
 * definition gives (paths, commands, definition files) reach a terminal
 * in the text report, so control characters in them, which could move the
 * cursor or forge a line, are shown as escapes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

bool tst_has_controls(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i], d = i + 1 < n ? (unsigned char)s[i + 1] : 0;
		if (c < ' ' || c == 0x7f || (c == 0xc2 && d >= 0x80 && d <= 0x9f))
			return true;
	}
	return false;
}

void tst_put_visible(FILE *f, const char *s)
{
	static const char from[] = "\\'\n\t\r\033", to[] = "\\'ntre";
	size_t n = strlen(s);
	const char *e;

	if (!tst_has_controls(s, n)) {
		fputs(s, f);
		return;
	}
	fputs("$'", f);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((e = memchr(from, c, sizeof(from) - 1)))
			fprintf(f, "\\%c", to[e - from]);
		else if (c < ' ' || c >= 0x7f)
			fprintf(f, "\\x%02x", c);
		else
			fputc(c, f);
	}
	fputc('\'', f);
}

char *tst_visible(const char *s)
{
	char *text = NULL;
	size_t len;
	FILE *mem = open_memstream(&text, &len);

	if (!mem)
		return tst_xmemdup(s, strlen(s));
	tst_put_visible(mem, s);
	if (fclose(mem) != 0) {
		free(text);
		return tst_xmemdup(s, strlen(s));
	}
	return text;
}
