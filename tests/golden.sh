#!/bin/sh
# Golden tests of the compiler: tests/golden.sh TSTCC
#
#   tests/error/NAME.tstconfig    tstcc --check NAME.tstconfig must print exactly
#                                 NAME.err on stderr and exit with NAME.status
#                                 (1 when absent); NAME.args, if present, holds
#                                 the whole argument list instead
#   tests/compile/NAME.tstconfig  tstcc -S -o - NAME.tstconfig must print exactly NAME.c
#
# Both run inside their directory, so file names in the output are short.
. "$(dirname "$0")/lib.sh"

for f in "$top"/tests/error/*.tstconfig; do
	if [ ! -e "$f" ]; then
		skip "golden tests of tests/error: the directory holds no .tstconfig"
		continue
	fi
	name=$(basename "$f" .tstconfig)
	base="$top/tests/error/$name"
	want=1
	[ -f "$base.status" ] && want=$(cat "$base.status")
	args="--check $name.tstconfig"
	[ -f "$base.args" ] && args=$(cat "$base.args")
	# shellcheck disable=SC2086
	(cd "$top/tests/error" && "$tstcc" $args) >"$tmp/out" 2>"$tmp/err"
	status=$?
	if ! cmp -s "$base.err" "$tmp/err"; then
		bad "error/$name: diagnostics differ"
		diff -u "$base.err" "$tmp/err" | head -30
	elif [ "$status" != "$want" ]; then
		bad "error/$name: exit status $status, expected $want"
	else
		ok
	fi
done

for f in "$top"/tests/compile/*.tstconfig; do
	if [ ! -e "$f" ]; then
		skip "golden tests of tests/compile: the directory holds no .tstconfig"
		continue
	fi
	name=$(basename "$f" .tstconfig)
	(cd "$top/tests/compile" && "$tstcc" -S -o - "$name.tstconfig") >"$tmp/out" 2>"$tmp/err"
	if ! cmp -s "$top/tests/compile/$name.c" "$tmp/out"; then
		bad "compile/$name: generated C differs"
		diff -u "$top/tests/compile/$name.c" "$tmp/out" | head -30
		cat "$tmp/err"
	else
		ok
	fi
done
finish golden
