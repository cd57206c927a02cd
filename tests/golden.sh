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
set -u
tstcc=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
top=$(pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0

for f in "$top"/tests/error/*.tstconfig; do
	[ -e "$f" ] || continue
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
		echo "FAIL: error/$name: diagnostics differ"
		diff -u "$base.err" "$tmp/err" | head -30
		fail=$((fail + 1))
	elif [ "$status" != "$want" ]; then
		echo "FAIL: error/$name: exit status $status, expected $want"
		fail=$((fail + 1))
	else
		pass=$((pass + 1))
	fi
done

for f in "$top"/tests/compile/*.tstconfig; do
	[ -e "$f" ] || continue
	name=$(basename "$f" .tstconfig)
	(cd "$top/tests/compile" && "$tstcc" -S -o - "$name.tstconfig") >"$tmp/out" 2>"$tmp/err"
	if ! cmp -s "$top/tests/compile/$name.c" "$tmp/out"; then
		echo "FAIL: compile/$name: generated C differs"
		diff -u "$top/tests/compile/$name.c" "$tmp/out" | head -30
		cat "$tmp/err"
		fail=$((fail + 1))
	else
		pass=$((pass + 1))
	fi
done
echo "golden: $pass passed, $fail failed"
[ -n "${RESULTS:-}" ] && echo "$pass $fail" >>"$RESULTS"
[ "$fail" -eq 0 ]
