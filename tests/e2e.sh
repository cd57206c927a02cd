#!/bin/sh
# End-to-end tests: tests/e2e.sh TSTCC OUTDIR
#
# Every tests/run/NAME.tstconfig is compiled with tstcc inside tests/run,
# and every examples/NAME.tstconfig and examples/original/NAME.tstconfig
# (the original Tstconfig's examples, ported) from the top directory, each
# with the arguments in NAME.args, if any, after it (more definitions, or
# options such as -D NAME=VALUE); each checker runs where it was compiled
# (with the arguments in NAME.run-args, if any), and its whole standard
# output and exit status must equal NAME.expected and NAME.status.  Where
# NAME.tap, NAME.junit, NAME.json, NAME.prom (Prometheus) or NAME.html
# exist, the report in that format must equal them too.  Anything a
# sanitizer prints fails the test.
. "$(dirname "$0")/lib.sh"
mkdir -p "$2"
out=$(cd "$2" && pwd)

# run_case DIR DEFINITION NAME EXPECTED_BASE
run_case() {
	dir=$1 def=$2 name=$3 base=$4
	extra=""
	[ -f "$base.args" ] && extra=$(cat "$base.args")
	run_args=""
	[ -f "$base.run-args" ] && run_args=$(cat "$base.run-args")
	# shellcheck disable=SC2086
	if ! (cd "$dir" && "$tstcc" "$def" $extra -o "$out/$name") 2>"$out/$name.build"; then
		bad "$name: tstcc failed"
		cat "$out/$name.build"
		return
	fi
	# shellcheck disable=SC2086
	(cd "$dir" && "$out/$name" $run_args) >"$out/$name.out" 2>"$out/$name.err"
	status=$?
	want=$(cat "$base.status")
	if grep -q 'runtime error\|Sanitizer' "$out/$name.err" "$out/$name.build"; then
		bad "$name: sanitizer report"
		cat "$out/$name.err" "$out/$name.build"
	elif ! cmp -s "$base.expected" "$out/$name.out"; then
		bad "$name: report differs"
		diff -u "$base.expected" "$out/$name.out" | head -40
	elif [ "$status" != "$want" ]; then
		bad "$name: exit status $status, expected $want"
	else
		ok
	fi
	for ext in tap junit json prom html; do
		[ -f "$base.$ext" ] || continue
		format=$ext
		[ "$ext" = prom ] && format=prometheus
		# shellcheck disable=SC2086
		(cd "$dir" && "$out/$name" $run_args --format $format) >"$out/$name.$ext" 2>/dev/null
		if cmp -s "$base.$ext" "$out/$name.$ext"; then
			ok
		else
			bad "$name: $format report differs"
			diff -u "$base.$ext" "$out/$name.$ext" | head -40
		fi
	done
}

for f in "$top"/tests/run/*.tstconfig; do
	name=$(basename "$f" .tstconfig)
	if [ ! -f "$top/tests/run/$name.expected" ]; then
		skip "tests/run/$name.tstconfig: no $name.expected to compare its report with"
		continue
	fi
	run_case "$top/tests/run" "$name.tstconfig" "run_$name" "$top/tests/run/$name"
done
for f in "$top"/examples/*.tstconfig; do
	name=$(basename "$f" .tstconfig)
	if [ ! -f "$top/examples/$name.expected" ]; then
		skip "examples/$name.tstconfig: no $name.expected to compare its report with"
		continue
	fi
	run_case "$top" "examples/$name.tstconfig" "example_$name" "$top/examples/$name"
done
for f in "$top"/examples/original/*.tstconfig; do
	name=$(basename "$f" .tstconfig)
	if [ ! -f "$top/examples/original/$name.expected" ]; then
		skip "examples/original/$name.tstconfig: no $name.expected to compare its report with"
		continue
	fi
	run_case "$top" "examples/original/$name.tstconfig" "original_$name" "$top/examples/original/$name"
done
finish e2e
