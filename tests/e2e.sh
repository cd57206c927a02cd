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
# exist, the report in that format must equal them too.  Each checker runs
# again with TST_FULL_PATH=1 (no fast path, runtime/prefilter.c), and must
# give the same output, byte for byte.
# Anything a sanitizer prints fails the test.
#
# Each case is run a second time by `tstcc --run` (tstcc(1), RUNNING
# WITHOUT BUILDING), with the same arguments after "--": its standard
# output, standard error and exit status must be the checker's, byte for
# byte.  Both are started by the name "tstcc" (a link in a directory put
# first in PATH), since a checker's messages begin with the name it was
# started by; tstcc -w keeps the definition's warnings, which the build
# printed, out of standard error.
#
# And each case is run with --record, whose report must be the expected
# one, and then replayed with --replay from an empty directory, where
# nothing the definition names exists: standard output, standard error
# and exit status must be the recorded run's, byte for byte.
. "$(dirname "$0")/lib.sh"
mkdir -p "$2"
out=$(cd "$2" && pwd)
mkdir -p "$out/as-tstcc/checker" "$out/as-tstcc/tstcc"
ln -sf "$tstcc" "$out/as-tstcc/tstcc/tstcc"

mkdir -p "$out/nowhere"

# record_replay DIR NAME ARGS...: the checker recorded, then replayed elsewhere.
record_replay() {
	dir=$1 name=$2
	shift 2
	rm -rf "$out/$name.rec"
	(cd "$dir" && "$out/$name" "$@" --record "$out/$name.rec") >"$out/$name.rec-out" 2>"$out/$name.rec-err"
	recstatus=$?
	(cd "$out/nowhere" && "$out/$name" "$@" --replay "$out/$name.rec") >"$out/$name.rep-out" 2>"$out/$name.rep-err"
	repstatus=$?
	if ! cmp -s "$out/$name.out" "$out/$name.rec-out"; then
		bad "$name: --record changed the report"
		diff -u "$out/$name.out" "$out/$name.rec-out" | head -20
	elif ! cmp -s "$out/$name.rec-out" "$out/$name.rep-out"; then
		bad "$name: --replay's report differs from the recorded run's"
		diff -u "$out/$name.rec-out" "$out/$name.rep-out" | head -20
	elif ! cmp -s "$out/$name.rec-err" "$out/$name.rep-err"; then
		bad "$name: --replay's standard error differs from the recorded run's"
		diff -u "$out/$name.rec-err" "$out/$name.rep-err" | head -20
	elif [ "$recstatus" != "$repstatus" ]; then
		bad "$name: --replay exits with $repstatus, the recorded run with $recstatus"
	else
		ok
	fi
}

# same_as_checker DIR DEFINITION NAME ARGS...: tstcc --run against the checker built.
same_as_checker() {
	dir=$1 def=$2 name=$3
	shift 3
	ln -sf "$out/$name" "$out/as-tstcc/checker/tstcc"
	# shellcheck disable=SC2086
	(cd "$dir" && PATH="$out/as-tstcc/checker:$PATH" tstcc "$@") >"$out/$name.c-out" 2>"$out/$name.c-err"
	cstatus=$?
	# shellcheck disable=SC2086
	(cd "$dir" && PATH="$out/as-tstcc/tstcc:$PATH" tstcc -w --run "$def" $extra -- "$@") \
		>"$out/$name.r-out" 2>"$out/$name.r-err"
	rstatus=$?
	if ! cmp -s "$out/$name.c-out" "$out/$name.r-out"; then
		bad "$name: tstcc --run $*: report differs from the checker's"
		diff -u "$out/$name.c-out" "$out/$name.r-out" | head -20
	elif ! cmp -s "$out/$name.c-err" "$out/$name.r-err"; then
		bad "$name: tstcc --run $*: standard error differs from the checker's"
		diff -u "$out/$name.c-err" "$out/$name.r-err" | head -20
	elif [ "$cstatus" != "$rstatus" ]; then
		bad "$name: tstcc --run $*: exit status $rstatus, the checker's $cstatus"
	else
		ok
	fi
}

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
	# The fast path (runtime/prefilter.c) and the full path: the same report, byte for byte.
	(cd "$dir" && TST_FULL_PATH=1 "$out/$name" $run_args) >"$out/$name.full" 2>"$out/$name.full-err"
	full_status=$?
	if [ "$full_status" = "$status" ] && cmp -s "$out/$name.out" "$out/$name.full" &&
		cmp -s "$out/$name.err" "$out/$name.full-err"; then
		ok
	else
		bad "$name: TST_FULL_PATH=1 gives another report (exit $full_status, not $status)"
		diff -u "$out/$name.out" "$out/$name.full" | head -20
		diff -u "$out/$name.err" "$out/$name.full-err" | head -20
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
		# shellcheck disable=SC2086
		same_as_checker "$dir" "$def" "$name" $run_args --format $format
	done
	# shellcheck disable=SC2086
	same_as_checker "$dir" "$def" "$name" $run_args
	# shellcheck disable=SC2086
	record_replay "$dir" "$name" $run_args
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
