/*
 * The grammar of definition files, for bison: a file is lines, a line is a
 * directive word followed by argument words.  The grammar only builds the
 * tree; what a directive means and whether its arguments fit is the
 * business of sema.c.  A line the lexer rejected is skipped through the
 * `error NEWLINE` rule and kept as a directive that carries the error, for
 * sema.c to report in its place among the others.
 */
%define api.pure full
%define parse.error verbose
%locations
%expect 0
%param {struct parser *p}

%code requires {
#include <string.h>

#include "tstcc.h"
struct parser {
	struct lexer lx;
	struct directive **tail;
	const char *error;              /* the syntax error being recovered from */
	struct loc error_loc;
};
#define YYLTYPE struct loc
#define YYLLOC_DEFAULT(cur, rhs, n) ((cur) = (n) ? YYRHSLOC(rhs, 1) : YYRHSLOC(rhs, 0))
}

%code {
static int yylex(YYSTYPE *val, YYLTYPE *loc, struct parser *p);
static void yyerror(YYLTYPE *loc, struct parser *p, const char *msg);

/* directive: WORD */
static struct directive *new_directive(struct word *name)
{
	struct directive *d = arena_alloc(sizeof(*d));

	d->name = name;
	return d;
}

/* directive: directive WORD */
static void add_argument(struct directive *d, struct word *w)
{
	if (d->last_arg)
		d->last_arg->next = w;
	else
		d->args = w;
	d->last_arg = w;
	d->nargs++;
}

/* line: error NEWLINE */
static struct directive *bad_line(struct parser *p)
{
	struct directive *d = arena_alloc(sizeof(*d));

	d->error = p->error;
	d->error_loc = p->error_loc;
	p->error = NULL;
	return d;
}

static void add_directive(struct parser *p, struct directive *d)
{
	*p->tail = d;
	p->tail = &d->next;
}
}

%union {
	struct word *word;
	struct directive *dir;
}

%token <word> WORD
%token NEWLINE
%token LEXERROR
%type <dir> directive

%%

file
	: %empty
	| file line
	;

line
	: NEWLINE
	| directive NEWLINE     { add_directive(p, $1); }
	| error NEWLINE         { add_directive(p, bad_line(p)); yyerrok; }
	;

directive
	: WORD                  { $$ = new_directive($1); }
	| directive WORD        { $$ = $1; add_argument($$, $2); }
	;

%%

static int yylex(YYSTYPE *val, YYLTYPE *loc, struct parser *p)
{
	return lexer_next(&p->lx, &val->word, loc);
}

static void yyerror(YYLTYPE *loc, struct parser *p, const char *msg)
{
	if (p->lx.error) {
		p->error = p->lx.error;
		p->error_loc = p->lx.error_loc;
	} else {
		p->error = arena_strndup(msg, strlen(msg));
		p->error_loc = *loc;
	}
}

void parse_unit(struct unit *u)
{
	struct parser p = {.tail = &u->dirs};

	lexer_init(&p.lx, &u->file);
	yyparse(&p);
}
