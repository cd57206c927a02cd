/*
 * The skimmer in front of the line-by-line path (skim.h has the loop):
 * which sources and sections it may skim, and the settings it reads them
 * with.  It is only an accelerator: wherever a line may be anything but a
 * row that no query wants, it stops, and the line takes the full path.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static void add_byte(uint64_t set[4], unsigned char c)
{
	set[c >> 6] |= 1ULL << (c & 63);
}

/*
 * The first bytes of lines that may be blank, comments, headers or
 * footers; false when any byte may start a header or footer (a pattern
 * tstcc could not read, or one that matches anywhere).
 */
static bool stop_bytes(const struct tst_parse *p, uint64_t stop[4])
{
	unsigned styles = tst_comment_styles(p);

	if ((p->header || p->footer) && !p->section_starts)
		return false;
	for (unsigned c = 0; c <= ' '; c++)
		add_byte(stop, (unsigned char)c);
	/* The first bytes of the wide spaces tst_is_blank knows. */
	for (unsigned c = 0xe1; c <= 0xe3; c++)
		add_byte(stop, (unsigned char)c);
	if (styles & TST_COMMENT_HASH)
		add_byte(stop, '#');
	if (styles & TST_COMMENT_SEMICOLON)
		add_byte(stop, ';');
	if (styles & TST_COMMENT_SLASH)
		add_byte(stop, '/');
	for (unsigned c = 0; p->section_starts && c < 256; c++)
		if (p->section_starts[c / 8] >> (c % 8) & 1)
			add_byte(stop, (unsigned char)c);
	return true;
}

/* Whether the source's rows are cut in a way the skimmer follows. */
static bool source_settings(struct tst_skim_source *k, const struct tst_parse *p, const struct tst_tokenizer *t)
{
	*k = (struct tst_skim_source){.mode = p->mode, .ignore_empty = t->ignore_empty};
	switch (p->mode) {
	case TST_MODE_KEYVALUE:
		if (!p->key_separator || strlen(p->key_separator) != 1)
			return false;
		k->sep = p->key_separator[0];
		k->sep_optional = p->key_separator_optional;
		break;
	case TST_MODE_TOKENIZED:
		if (t->wide)
			return false;
		k->low_delims = true;
		for (unsigned c = 0; c < 256; c++) {
			if (!t->delim[c])
				continue;
			add_byte(k->delim, (unsigned char)c);
			k->low_delims &= c < '!';
		}
		k->has_quote = t->nquote > 0;
		k->quote = t->quote[0];
		break;
	case TST_MODE_FIXED:
		break;
	case TST_MODE_NONE:
		return false;
	}
	return stop_bytes(p, k->stop);
}

/* What the skimmer does in section s: false when every row of it must take the full path. */
static bool section_settings(struct tst_skim_section *sec, const struct tst_source *src,
			     const struct tst_prefilter *pf, const struct tst_lookup *lk, size_t s)
{
	const struct tst_prefilter_section *f = &pf->sections[s];
	const struct tst_parse *p = &src->parse;

	if (!tst_lookup_wants(lk, s)) {
		sec->rows = TST_SKIM_COUNT;
		return true;
	}
	if (!f->on)
		return false;
	*sec = (struct tst_skim_section){.rows = TST_SKIM_FILTER, .bits = f->bits, .shift = f->shift};
	if (p->mode == TST_MODE_FIXED) {
		sec->from = p->positions[f->column];
		sec->to = f->column + 1 < p->npositions ? p->positions[f->column + 1] : SIZE_MAX;
	}
	return true;
}

void tst_skimmer_init(struct tst_skimmer *sk, const struct tst_source *src, const struct tst_tokenizer *t,
		      const struct tst_prefilter *pf, const struct tst_lookup *lk)
{
	*sk = (struct tst_skimmer){.unread = {.rows = TST_SKIM_UNREAD}};
	if (pf->full_path || !source_settings(&sk->source, &src->parse, t))
		return;
	sk->sections = tst_xcalloc(src->nsections, sizeof(*sk->sections));
	sk->ok = tst_xcalloc(src->nsections, sizeof(*sk->ok));
	for (size_t s = 0; s < src->nsections; s++)
		sk->ok[s] = section_settings(&sk->sections[s], src, pf, lk, s);
	sk->on = true;
}

size_t tst_skimmer_run(const struct tst_skimmer *sk, size_t section, const char *s, size_t n, size_t max,
		       struct tst_skim_count *out)
{
	const struct tst_skim_section *sec = section == SIZE_MAX ? &sk->unread : &sk->sections[section];

	if (section != SIZE_MAX && !sk->ok[section]) {
		*out = (struct tst_skim_count){0};
		return 0;
	}
	return tst_skim_lines(&sk->source, sec, s, n, max, out);
}

void tst_skimmer_free(struct tst_skimmer *sk)
{
	free(sk->sections);
	free(sk->ok);
	*sk = (struct tst_skimmer){0};
}
