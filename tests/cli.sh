#!/bin/sh
# Tests of tstcc's command line and build driver: tests/cli.sh TSTCC
#
# Each check prints nothing when it holds; the last line counts them.
. "$(dirname "$0")/lib.sh"


cp "$top/examples/netstat.tstconfig" "$tmp/netstat.tstconfig"
cd "$top"

# The default output is the definition's name without .tstconfig.
expect 0 "default output" "$tstcc" "$tmp/netstat.tstconfig"
[ -x "$tmp/netstat" ] && ok || bad "default output: $tmp/netstat not built"
expect 0 "-S default output" "$tstcc" -S "$tmp/netstat.tstconfig"
[ -f "$tmp/netstat.c" ] && ok || bad "-S: $tmp/netstat.c not written"

# The checker built from examples/ reproduces the netstat page.
expect 0 "build netstat" "$tstcc" examples/netstat.tstconfig -o "$tmp/check_ports"
expect 0 "netstat passes" "$tmp/check_ports"
has "$tmp/out" "SUMMARY REPORT: PASS" "netstat report"
expect 0 "build netstat-port25" "$tstcc" examples/netstat-port25.tstconfig -o "$tmp/check_ports25"
expect 1 "port 25 fails" "$tmp/check_ports25"
has "$tmp/out" "Assertions failed: 3" "port-25 report"

# Same definition, same C and the same checker, byte for byte.
"$tstcc" -S -o "$tmp/a.c" examples/sshd.tstconfig && "$tstcc" -S -o "$tmp/b.c" examples/sshd.tstconfig
cmp -s "$tmp/a.c" "$tmp/b.c" && ok || bad "generated C differs between two runs"
"$tstcc" -o "$tmp/a" examples/sshd.tstconfig && "$tstcc" -o "$tmp/b" examples/sshd.tstconfig
cmp -s "$tmp/a" "$tmp/b" && ok || bad "checker binaries differ between two builds"

# -o - writes the C to standard output; -g adds #line directives.
expect 0 "-S -o -" "$tstcc" -S -o - examples/netstat.tstconfig
has "$tmp/out" "tst_main(argc, argv" "C on standard output"
expect 0 "-g" "$tstcc" -g -S -o - examples/netstat.tstconfig
has "$tmp/out" '#line 13 "examples/netstat.tstconfig"' "#line directive"
expect 0 "-g build" "$tstcc" -g -o "$tmp/debug" examples/netstat.tstconfig
if command -v gdb >/dev/null 2>&1; then
	# A breakpoint on a definition line stops there, and `next` goes to the next directive.
	gdb -batch -ex 'break examples/netstat.tstconfig:25' -ex run -ex next "$tmp/debug" >"$tmp/gdb" 2>&1
	has "$tmp/gdb" "at examples/netstat.tstconfig:25" "gdb breakpoint on a definition line"
	has "$tmp/gdb" "27	property 0.0.0.0:25" "gdb steps to the next directive"
else
	skip "gdb stepping through a -g checker's definition lines: gdb is not installed"
fi

# No byte of a definition can break the generated C, even under strict warnings.
expect 0 "hostile bytes compile cleanly" env CFLAGS="-Wall -Wextra -Wpedantic -Wtrigraphs -Werror" \
	"$tstcc" -o "$tmp/escapes" tests/compile/escapes.tstconfig
expect 0 "--definition returns the hostile text exactly" "$tmp/escapes" --definition
cmp -s "$tmp/out" tests/compile/escapes.tstconfig && ok || bad "--definition differs from the definition"

# Generated C is clean under strict warnings, with gcc and (when it can) clang.
strict="-Wall -Wextra -Wpedantic -Wshadow -Werror"
if ! command -v clang >/dev/null 2>&1; then
	clang_skip="clang is not installed"
elif echo "${CFLAGS:-}" | grep -q sanitize; then
	# clang cannot link a runtime built with gcc's sanitizers.
	clang_skip="clang cannot link this runtime, built with gcc's sanitizers"
else
	clang_skip=""
fi
clang_skipped=0
# example_args F: the tstcc options of example F (its NAME.args, as tests/e2e.sh reads them).
example_args() {
	if [ -f "${1%.tstconfig}.args" ]; then cat "${1%.tstconfig}.args"; fi
}
for f in examples/*.tstconfig tests/compile/escapes.tstconfig; do
	# shellcheck disable=SC2046
	expect 0 "$f under $strict" env CFLAGS="$strict ${CFLAGS:-}" "$tstcc" -g -o "$tmp/strict" "$f" $(example_args "$f")
	if [ -z "$clang_skip" ]; then
		# shellcheck disable=SC2046
		expect 0 "$f with clang $strict" env CC=clang CFLAGS="$strict" "$tstcc" -o "$tmp/strict" "$f" \
			$(example_args "$f")
	else
		clang_skipped=$((clang_skipped + 1))
	fi
done
if [ -n "$clang_skip" ]; then
	skip "$clang_skipped builds with clang $strict (examples/*.tstconfig, escapes.tstconfig): $clang_skip"
fi

# Tables and runtime must agree on their format: generated C for another
# format does not compile, and a runtime of another format does not link.
"$tstcc" -S -o "$tmp/v.c" examples/sshd.tstconfig
sed 's/^#if TST_TABLES_VERSION != [0-9]*$/#if TST_TABLES_VERSION != 1/' "$tmp/v.c" >"$tmp/v1.c"
cmp -s "$tmp/v.c" "$tmp/v1.c" && bad "no table format check in the generated C" || ok
expect 1 "tables of another format do not compile" \
	"${CC:-cc}" -I"$(dirname "$tstcc")/include" -c -o "$tmp/v1.o" "$tmp/v1.c"
has "$tmp/err" "these tables are of format" "table format message"
printf 'int tst_main(int c, char **v, const void *d, unsigned long n) { return 0; }\n' >"$tmp/old.c"
printf 'void tst_step(void *r, const void *s) { }\n' >>"$tmp/old.c"
"${CC:-cc}" -c -o "$tmp/old.o" "$tmp/old.c" && ar rcs "$tmp/libold.a" "$tmp/old.o"
expect 1 "a runtime of another format does not link" \
	"${CC:-cc}" -I"$(dirname "$tstcc")/include" -o "$tmp/v" "$tmp/v.c" "$tmp/libold.a"
has "$tmp/err" "tst_main_tables_v" "undefined versioned entry point"

# --diagnostics-format=json writes a UTF-8 file name as it is.
e=$(printf '\303\251')
mkdir "$tmp/json" && printf 'asert_eq x\n' >"$tmp/json/$e.tstconfig"
(cd "$tmp/json" && "$tstcc" --check --diagnostics-format=json "$e.tstconfig") 2>"$tmp/err"
has "$tmp/err" "\"file\": \"$e.tstconfig\"" "JSON diagnostics keep a UTF-8 name"
jq -e ".[0].file == \"$e.tstconfig\"" "$tmp/err" >/dev/null && ok || bad "JSON diagnostics do not parse"

# The command line: -- ends the options, -o needs its argument, '-o -' is
# for the C only, no output may be a runtime file, a failed write to
# standard output fails, and TSTCC_MUSL_CC may have many words.
cp examples/sshd.tstconfig "$tmp/-dash.tstconfig"
expect 0 "-- ends tstcc's options" sh -c "cd '$tmp' && '$tstcc' --check -- -dash.tstconfig"
expect 2 "-o without its argument" "$tstcc" examples/sshd.tstconfig -o
has "$tmp/err" "option '-o' needs an argument" "-o's message"
expect 2 "-o - without -S" "$tstcc" examples/sshd.tstconfig -o -
has "$tmp/err" "'-o -' is standard output, where only the C can go" "-o - message"
expect 2 "an output that is the runtime's header" "$tstcc" examples/sshd.tstconfig -o "$(dirname "$tstcc")/include/tst.h"
has "$tmp/err" "is a file of tstcc's runtime" "runtime file message"
cmp -s "$(dirname "$tstcc")/include/tst.h" include/tst.h && ok || bad "the runtime's header was overwritten"
expect 2 "--help to a full disk" sh -c "'$tstcc' --help >/dev/full"
has "$tmp/err" "cannot write to standard output" "full disk message"
many=$(i=0; while [ $i -lt 300 ]; do printf ' -DW%d' $i; i=$((i + 1)); done)
if command -v musl-gcc >/dev/null 2>&1 && ! echo "${CFLAGS:-}" | grep -q sanitize; then
	expect 0 "TSTCC_MUSL_CC with 300 words" env TSTCC_MUSL_CC="musl-gcc$many" \
		"$tstcc" --static examples/sshd.tstconfig -o "$tmp/manywords"
else
	expect 2 "TSTCC_MUSL_CC with 300 words, without musl" env TSTCC_MUSL_CC="no-such-cc$many" \
		"$tstcc" --static examples/sshd.tstconfig -o "$tmp/manywords"
fi

# A failing $CC is tstcc's exit status 2, with a clear message.
expect 2 "CC=false" env CC=false "$tstcc" -o "$tmp/x" examples/netstat.tstconfig
has "$tmp/err" "'false' failed with exit status 1" "CC failure message"
expect 2 "CC missing" env CC=/nonexistent/cc "$tstcc" -o "$tmp/x" examples/netstat.tstconfig
has "$tmp/err" "cannot run '/nonexistent/cc'" "CC not found message"
expect 0 "CC with arguments" env CC="cc -DUNUSED=1" "$tstcc" -o "$tmp/x" examples/netstat.tstconfig

# The default $CC gets -pipe when it took it as tstcc was built ($B/gen/checker_link.h
# says); a $CC of one's own does not.  A cc first in $PATH logs its arguments.
mkdir -p "$tmp/logcc"
printf '#!/bin/sh\nprintf "%%s\\n" "$@" >"%s/cc-args"\nexec "%s" "$@"\n' "$tmp" "$(command -v cc)" >"$tmp/logcc/cc"
chmod +x "$tmp/logcc/cc"
expect 0 "default cc, arguments logged" env -u CC PATH="$tmp/logcc:$PATH" "$tstcc" -o "$tmp/x" examples/netstat.tstconfig
if grep -q '"-pipe"' "$(dirname "$tstcc")/gen/checker_link.h"; then
	grep -qx -- -pipe "$tmp/cc-args" && ok || bad "the default cc was not given -pipe"
else
	skip "-pipe: the compiler tstcc was built with did not take it"
fi
rm -f "$tmp/cc-args"
expect 0 "CC set, arguments logged" env CC="$tmp/logcc/cc" "$tstcc" -o "$tmp/x" examples/netstat.tstconfig
grep -qx -- -pipe "$tmp/cc-args" && bad "a \$CC of one's own was given -pipe" || ok

# Hostile definitions get diagnostics, not a crash or a hang.
head -c 10000000 /dev/zero | tr '\0' 'x' >"$tmp/long.tstconfig"
expect 1 "10 MB word" "$tstcc" --check "$tmp/long.tstconfig"
has "$tmp/err" "unknown directive 'xxxx" "10 MB word message"
{ printf 'file data.txt\nparse_mode tokenized\nproperty'; head -c 10000000 /dev/zero | tr '\0' ' ' | sed 's/  / a/g'; printf '\nassert_defined\n'; } >"$tmp/args.tstconfig"
expect 0 "10 MB line of arguments" "$tstcc" --check "$tmp/args.tstconfig"
head -c 1000000 /dev/urandom >"$tmp/random.tstconfig"
"$tstcc" --check "$tmp/random.tstconfig" >/dev/null 2>&1
[ $? -eq 1 ] && ok || bad "random bytes: expected exit 1"

# A build checks first: a broken definition builds nothing.
expect 1 "build of a broken definition" "$tstcc" tests/error/unknown_directive.tstconfig -o "$tmp/broken"
has "$tmp/err" "unknown directive 'asert_eq'" "build diagnostics"
[ ! -e "$tmp/broken" ] && ok || bad "a broken definition produced a checker"

# Every example is clean under -Werror.
for f in examples/*.tstconfig; do
	# shellcheck disable=SC2046
	expect 0 "$f under --check -Werror" "$tstcc" --check -Werror "$f" $(example_args "$f")
done

# The output never overwrites a definition.
cp examples/netstat.tstconfig "$tmp/same.tstconfig"
expect 2 "-o onto the definition" "$tstcc" "$tmp/same.tstconfig" -o "$tmp/same.tstconfig"
cmp -s examples/netstat.tstconfig "$tmp/same.tstconfig" && ok || bad "-o overwrote the definition"

# Usage errors.
expect 2 "no definitions" "$tstcc"
expect 2 "unknown option" "$tstcc" --frobnicate examples/netstat.tstconfig
expect 0 "--help" "$tstcc" --help
has "$tmp/out" "usage: tstcc" "help text"
expect 0 "--version" "$tstcc" --version
expect 2 "no suffix and no -o" "$tstcc" tests/run/multiple_definitions_second.def
has "$tmp/err" "use -o" "output name message"

# The checker's own command line.
expect 0 "checker --help" "$tmp/check_ports" --help
expect 2 "checker bad option" "$tmp/check_ports" --bogus
expect 2 "checker bad timeout" "$tmp/check_ports" --timeout -3

# tstcc --run: the checker's command line after "--", nothing built, no $CC.
expect 0 "--run, no compiler" env CC=/nonexistent "$tstcc" --run examples/netstat.tstconfig
has "$tmp/out" "SUMMARY REPORT: PASS" "--run report"
expect 0 "--run, checker options after --" "$tstcc" --run examples/netstat.tstconfig -- --format tap -q
has "$tmp/out" "TAP version 13" "--run: --format reaches the checker"
expect 1 "--run runs every definition given" "$tstcc" --run examples/netstat.tstconfig examples/netstat-port25.tstconfig
has "$tmp/out" "Reading definition file: examples/netstat-port25.tstconfig" "--run: the second definition"
expect 0 "--run -- --help is the checker's help" "$tstcc" --run examples/netstat.tstconfig -- --help
has "$tmp/out" "--report FORMAT:FILE" "--run: the checker's usage"
expect 2 "--run: a bad checker option" "$tstcc" --run examples/netstat.tstconfig -- --timeout x
has "$tmp/err" "tstcc: --timeout needs a positive number of seconds, not 'x'" "--run: named after tstcc"
printf 'file x\nasert_eq 1\n' >"$tmp/bad.tstconfig"
expect 2 "--run: a definition with errors is an error, not a failure" "$tstcc" --run "$tmp/bad.tstconfig"
has "$tmp/err" "unknown directive 'asert_eq'" "--run: the diagnostic"
for opt in -S -g --static --check "-o $tmp/x"; do
	# shellcheck disable=SC2086
	expect 2 "--run with $opt" "$tstcc" --run $opt examples/netstat.tstconfig
	has "$tmp/err" "--run builds nothing" "--run with $opt: the message"
done

# An installed tstcc finds its installed runtime (DESTDIR staging).
make -s install DESTDIR="$tmp/root" PREFIX=/opt/tstcc B="$(dirname "$tstcc")" >/dev/null 2>&1
expect 0 "installed tstcc builds" "$tmp/root/opt/tstcc/bin/tstcc" examples/netstat.tstconfig -o "$tmp/installed"
expect 0 "installed build runs" "$tmp/installed"
[ -f "$tmp/root/opt/tstcc/share/man/man1/tstcc.1" ] && [ -f "$tmp/root/opt/tstcc/share/man/man5/tstconfig.5" ] &&
	ok || bad "man pages not installed"
make -s uninstall DESTDIR="$tmp/root" PREFIX=/opt/tstcc B="$(dirname "$tstcc")" >/dev/null 2>&1
[ ! -e "$tmp/root/opt/tstcc/bin/tstcc" ] && [ ! -e "$tmp/root/opt/tstcc/share/man/man1/tstcc.1" ] &&
	ok || bad "uninstall left files behind"

# -D gives every definition its variables; a define stays in its definition.
printf 'variables true\ndefine CONF %s\nfile ${CONF}\nsyntax ini\nproperty a\nassert_defined\n' \
	"$top/tests/run/data/keyvalue.conf" >"$tmp/vars_a.tstconfig"
printf 'variables true\nfile ${CONF}\nsyntax ini\nproperty a\nassert_eq ${V}\n' >"$tmp/vars_b.tstconfig"
expect 0 "-D, attached" "$tstcc" --check -DV=x "$tmp/vars_a.tstconfig"
expect 1 "a define stays in its definition" "$tstcc" --check -D V=x "$tmp/vars_a.tstconfig" "$tmp/vars_b.tstconfig"
has "$tmp/err" "vars_b.tstconfig:2:6: error: undefined variable 'CONF'" "define leaking into the next definition"
expect 0 "-D for every definition" "$tstcc" --check -D V=x -D CONF=/etc/x "$tmp/vars_a.tstconfig" "$tmp/vars_b.tstconfig"
lacks "$tmp/err" "warning" "-D CONF used by the second definition only"
expect 1 "-Werror and an unused -D" "$tstcc" --check -Werror -D V=x -D W=y "$tmp/vars_a.tstconfig"
has "$tmp/err" "tstcc: error: -D W: no definition refers to \${W}" "unused -D under -Werror"
expect 2 "-D value with a line break" "$tstcc" --check -D "V=a
b" "$tmp/vars_a.tstconfig"
has "$tmp/err" "a value cannot hold a line break" "-D value with a line break"
expect 2 "-D without its argument" "$tstcc" --check "$tmp/vars_a.tstconfig" -D
has "$tmp/err" "option '-D' needs an argument" "-D without its argument"

# The man pages render without warnings, with man -l as a reader would.
for page in doc/tstcc.1 doc/tstconfig.5; do
	MANWIDTH=80 man --warnings -E UTF-8 -l "$page" >"$tmp/page" 2>"$tmp/warn"
	[ ! -s "$tmp/warn" ] && [ -s "$tmp/page" ] && ok || { bad "man -l $page: warnings or no page"; cat "$tmp/warn"; }
done

finish cli
