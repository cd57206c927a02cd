# Shared by the test scripts, which source it from the top directory with
# the path of the tstcc under test as their first argument: `. tests/lib.sh`.
# Each check prints nothing when it holds; a check that cannot run here
# says so with skip; finish prints the count line (and adds it to
# $RESULTS, for the total of make check).
set -u
tstcc=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
top=$(pwd)
# The suites may cd; the file of counts is named from the top directory.
case ${RESULTS:-} in '' | /*) ;; *) RESULTS=$top/$RESULTS ;; esac
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
skipped=0

ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }
# skip REASON: what was not tested, and why (printed and counted, never silent).
skip() { echo "SKIP: $*"; skipped=$((skipped + 1)); }

# expect STATUS DESCRIPTION COMMAND...: the command exits with STATUS
# (its output is left in $tmp/out and $tmp/err).
expect() {
	want=$1 what=$2
	shift 2
	"$@" >"$tmp/out" 2>"$tmp/err"
	got=$?
	if [ "$got" = "$want" ]; then ok; else bad "$what: exit $got, expected $want"; head -20 "$tmp/err"; fi
}

# has FILE TEXT DESCRIPTION / lacks FILE TEXT DESCRIPTION
has() { if grep -qF -- "$2" "$1"; then ok; else bad "$3: no '$2' in $1"; head -20 "$1"; fi; }
lacks() { if grep -qF -- "$2" "$1"; then bad "$3: '$2' in $1"; else ok; fi; }

# finish NAME: the count line, "NAME: P passed, F failed, S skipped"; the
# exit status says whether all held (skips do not fail a suite).
finish() {
	echo "$1: $pass passed, $fail failed, $skipped skipped"
	[ -n "${RESULTS:-}" ] && echo "$pass $fail $skipped" >>"$RESULTS"
	[ "$fail" -eq 0 ]
}
