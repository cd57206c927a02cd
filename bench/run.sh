#!/bin/sh
# bench/run.sh - tstcc's benchmarks: `make bench` runs `sh bench/run.sh` from
# the top directory once `make all` has built ./tstcc.
#
# It generates the inputs (bench/gen.sh, into build/bench/), builds one
# checker per scenario with ./tstcc, checks that every checker and every
# baseline PASSes before it is timed, times each scenario side by side with
# its baselines in one hyperfine invocation, measures peak memory with
# /usr/bin/time -v, and writes doc/performance.md.  Exit status 0 when every
# scenario could be measured (whether or not its target was met), 1 otherwise.
#
# It measures HEAD only: a tree with uncommitted changes (other than
# doc/performance.md itself) is refused, unless BENCH_DIRTY=1, and then the
# file says so at its top.  Every figure in the file, sentences included,
# comes from this one run.
#
# Environment:
#   BENCH_COMPILE_TIMEOUT  seconds allowed for one tstcc build (default 240)
#   BENCH_COMPILE_MEM_KIB  address-space limit of a tstcc build and its $CC
#                          (default: half the machine's memory)
#   BENCH_DIRTY=1          measure a tree with uncommitted changes anyway
#   CC, CFLAGS, LDFLAGS    passed through to tstcc, which builds with them
set -eu

cd "$(dirname "$0")/.."
OUT=build/bench
DOC=doc/performance.md
TSTCC=./tstcc
START=$(date +%s)
FAILURES=0
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)

# --- what is measured ----------------------------------------------------------

REV=$(git rev-parse HEAD 2>/dev/null || echo unknown)
DIRTY=$(git status --porcelain --untracked-files=no 2>/dev/null | grep -v ' doc/performance\.md$' || true)
if [ -n "$DIRTY" ] && [ "${BENCH_DIRTY:-}" != 1 ]; then
	printf 'bench: the tree has uncommitted changes; doc/performance.md measures HEAD only:\n%s\n' "$DIRTY" >&2
	printf 'bench: commit them, or run BENCH_DIRTY=1 make bench (the file then says so)\n' >&2
	exit 1
fi

say() { printf '\n==> %s\n' "$*"; }
warn() { printf 'bench: %s\n' "$*" >&2; }

# --- tools -------------------------------------------------------------------

install_pkg() { # COMMAND DEBIAN-PACKAGE
	if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
		warn "$1 is missing: install the Debian package '$2' (apt-get install -y $2)"
		exit 1
	fi
	say "installing $2"
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null ||
		{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null; }
}
command -v hyperfine >/dev/null 2>&1 || install_pkg hyperfine hyperfine
[ -x /usr/bin/time ] || install_pkg /usr/bin/time time
command -v strip >/dev/null 2>&1 || install_pkg strip binutils
command -v timeout >/dev/null 2>&1 || install_pkg timeout coreutils
if [ ! -x "$TSTCC" ]; then
	warn "$TSTCC not found: run 'make all' first"
	exit 1
fi

mkdir -p "$OUT"
CMDS=$OUT/commands.txt
ROWS=$OUT/rows.md
RAW=$OUT/raw.md
NOTES=$OUT/notes.md
: >"$CMDS"
: >"$ROWS"
: >"$RAW"
: >"$NOTES"
MET=0
TARGETS=0

log_cmd() { printf '%s\n' "$*" >>"$CMDS"; }

COMPILE_TIMEOUT=${BENCH_COMPILE_TIMEOUT:-240}
MEM_KIB=${BENCH_COMPILE_MEM_KIB:-$(awk '/^MemTotal:/ { print int($2 / 2) }' /proc/meminfo 2>/dev/null || echo 8388608)}
[ -n "$MEM_KIB" ] || MEM_KIB=8388608
ULIMIT_SH='ulimit -v "$1" 2>/dev/null || :; shift; exec "$@"'

# --- helpers -----------------------------------------------------------------

# measure NAME CMD...: run CMD once under /usr/bin/time -v, its output into
# $OUT/NAME.out; sets M_RC (exit status), M_S (wall seconds), M_KIB (peak RSS).
measure() {
	m_name=$1
	shift
	set +e
	/usr/bin/time -v -o "$OUT/$m_name.time" "$@" >"$OUT/$m_name.out" 2>&1
	M_RC=$?
	set -e
	M_S=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, a, ":"); s = a[n] + 60 * a[n - 1]; if (n == 3) s += 3600 * a[1]; print s }' "$OUT/$m_name.time")
	M_KIB=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$OUT/$m_name.time")
	[ -n "$M_S" ] || M_S=0
	[ -n "$M_KIB" ] || M_KIB=0
}

# build NAME DEFINITION: ./tstcc DEFINITION -o $OUT/NAME, limited in time and
# memory, measured by measure(); returns tstcc's exit status.
build() {
	log_cmd "$TSTCC $2 -o $OUT/$1"
	measure "$1.build" sh -c "$ULIMIT_SH" sh "$MEM_KIB" timeout -k 5 "$COMPILE_TIMEOUT" "$TSTCC" "$2" -o "$OUT/$1"
	B_RC=$M_RC B_S=$M_S B_KIB=$M_KIB
	if [ "$B_RC" != 0 ]; then
		if [ "$B_RC" = 124 ] || [ "$B_RC" = 137 ]; then
			warn "$TSTCC $2: no result within $COMPILE_TIMEOUT s"
		else
			warn "$TSTCC $2 failed (exit $B_RC):"
			tail -n 5 "$OUT/$1.build.out" >&2
		fi
	fi
	return "$B_RC"
}

# verify NAME CMD...: CMD must exit 0 (a checker: report PASS) before it is
# timed; its output is kept in $OUT/NAME.verify.
verify() {
	v_name=$1
	shift
	log_cmd "$*    # must exit 0"
	set +e
	timeout -k 5 600 "$@" >"$OUT/$v_name.verify" 2>&1
	V_RC=$?
	set -e
	if [ "$V_RC" != 0 ]; then
		warn "'$*' does not pass (exit $V_RC); not timing it. Its output:"
		tail -n 20 "$OUT/$v_name.verify" >&2
		return 1
	fi
}

# hf NAME "OPTIONS" CMD...: one hyperfine invocation, results in
# $OUT/NAME.json and, one line per command (command, mean, stddev, runs), in
# $OUT/NAME.tsv.
hf() {
	h_name=$1
	h_opts=$2
	shift 2
	h_line="hyperfine -N --style basic $h_opts --export-json $OUT/$h_name.json"
	for c in "$@"; do
		h_line="$h_line '$c'"
	done
	log_cmd "$h_line"
	# shellcheck disable=SC2086
	hyperfine -N --style basic $h_opts --export-json "$OUT/$h_name.json" "$@"
	awk '
		/^ *"command": / { c = $0; sub(/^ *"command": *"/, "", c); sub(/",? *$/, "", c) }
		/^ *"mean": / { m = $2; sub(/,$/, "", m) }
		/^ *"stddev": / { s = $2; sub(/,$/, "", s) }
		/^ *"median": / { md = $2; sub(/,$/, "", md) }
		/^ *"times": \[/ { t = 1; n = 0; next }
		t && /^ *\]/ { t = 0; printf "%s\t%s\t%s\t%d\t%s\n", c, m, s, n, md; next }
		t { n++ }
	' "$OUT/$h_name.json" >"$OUT/$h_name.tsv"
	awk -F'\t' -v name="$h_name" '
		function ms(x) { return x == "null" ? "-" : sprintf("%.2f", x * 1000) }
		{ printf "| %s | `%s` | %s | %s | %s | %d |\n", name, $1, ms($2), ms($3), ms($5), $4 }
	' "$OUT/$h_name.tsv" >>"$RAW"
}

# median NAME N: median seconds of the Nth command of hyperfine run NAME.
median() { awk -F'\t' -v n="$2" 'NR == n { print $5 }' "$OUT/$1.tsv"; }

calc() { awk "BEGIN { print $* }"; }

# t SECONDS: a time for the table.
t() {
	awk -v s="$1" 'BEGIN {
		if (s < 0.01) printf "%.2f ms", s * 1000
		else if (s < 1) printf "%.1f ms", s * 1000
		else if (s < 60) printf "%.2f s", s
		else printf "%d min %d s", int(s / 60), int(s) % 60
	}'
}

# dt A B: A - B as a signed time.
dt() { if awk -v a="$1" -v b="$2" 'BEGIN { exit !(a < b) }'; then printf -- '-%s' "$(t "$(calc "$2 - $1")")"; else printf '+%s' "$(t "$(calc "$1 - $2")")"; fi; }

# mib KIB
mib() { awk -v k="$1" 'BEGIN { printf "%.1f MiB", k / 1024 }'; }

# ratio A B: A/B, as "1.23x".
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2fx", a / b; else print "-" }'; }

# met_if CONDITION: "yes" or "no" from an awk condition.
met_if() { awk "BEGIN { print ($*) ? \"yes\" : \"no\" }"; }

# row SCENARIO TSTCC RSS BASELINES RATIO TARGET MET: a row of the table, and
# for a target not met a sentence of the notes, with the same figures.
row() {
	printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$1" "$2" "$3" "$4" "$5" "$6" "$7" >>"$ROWS"
	case $7 in
	yes) TARGETS=$((TARGETS + 1)) MET=$((MET + 1)) ;;
	no*)
		TARGETS=$((TARGETS + 1))
		printf -- '- **%s**: %s against %s (%s); target: %s.\n' "$1" "$2" "$4" "$5" "$6" >>"$NOTES"
		;;
	esac
}

# failed SCENARIO TARGET WHY: a scenario that could not be measured.
failed() {
	row "$1" "**$3**" - - - "$2" "no"
	FAILURES=$((FAILURES + 1))
}

# --- inputs ------------------------------------------------------------------

say "generating inputs (sh bench/gen.sh $OUT)"
g0=$(date +%s)
sh bench/gen.sh "$OUT"
GEN_S=$(($(date +%s) - g0))
log_cmd "sh bench/gen.sh $OUT"

# --- 1. small ------------------------------------------------------------------

S="1. small: examples/sshd.tstconfig (whole process)"
T="within 0.3 ms of \`true\`"
say "$S"
if build sshd examples/sshd.tstconfig && verify sshd "$OUT/sshd"; then
	hf small "--warmup 100 --min-runs 1000" "$OUT/sshd" true
	a=$(median small 1) b=$(median small 2)
	measure sshd.run "$OUT/sshd"
	row "$S" "$(t "$a")" "$(mib "$M_KIB")" "\`true\`: $(t "$b")" "$(dt "$a" "$b")" "$T" "$(met_if "$a - $b <= 0.0003")"
else
	failed "$S" "$T" "checker failed"
fi

# --- 2. big file ---------------------------------------------------------------

T="<= 2x \`wc -l\`"
FLOOR=
for mode in keyvalue tokenized; do
	case $mode in
	keyvalue) name=kv1m S="2a. big file, keyvalue: 100 property/assert_eq over 1,000,000 lines (34 MB)" ;;
	tokenized) name=kv1m-tok S="2b. big file, tokenized: the same 100 lookups in tokenized mode" ;;
	esac
	say "$S"
	if build $name "$OUT/$name.tstconfig" && verify $name "$OUT/$name" && build $name-floor "$OUT/$name-floor.tstconfig" &&
		verify $name-floor "$OUT/$name-floor" && verify kv1m-awk awk -f "$OUT/kv1m.awk" "$OUT/kv1m.txt"; then
		hf "big-$mode" "--warmup 3 --min-runs 15" "$OUT/$name" "$OUT/$name-floor" "awk -f $OUT/kv1m.awk $OUT/kv1m.txt" \
			"wc -l $OUT/kv1m.txt"
		a=$(median "big-$mode" 1) f=$(median "big-$mode" 2) b=$(median "big-$mode" 3) c=$(median "big-$mode" 4)
		measure $name.run "$OUT/$name"
		row "$S" "$(t "$a")" "$(mib "$M_KIB")" "awk: $(t "$b"); \`wc -l\`: $(t "$c")" \
			"$(ratio "$a" "$b") awk; $(ratio "$a" "$c") \`wc -l\`" "$T" "$(met_if "$a <= 2 * $c")"
		FLOOR="$FLOOR- $mode: the floor ($OUT/$name-floor.tstconfig) took $(t "$f"), $(ratio "$f" "$c") \`wc -l\`, in the same hyperfine run as the 100 lookups ($(t "$a")) and \`wc -l\` ($(t "$c")).
"
	else
		failed "$S" "$T" "checker or baseline failed"
	fi
done

# --- 3. many queries -----------------------------------------------------------

S="3. many queries: 10,000 properties over 100,000 lines"
T="<= 1.3x of 100 queries"
say "$S"
# compile-10000.tstconfig is the definition of 10,000 queries over
# kv100k.txt; scenario 7 times its build.
if build q10000 "$OUT/compile-10000.tstconfig" && verify q10000 "$OUT/q10000" &&
	build q100 "$OUT/kv100k-q100.tstconfig" && verify q100 "$OUT/q100"; then
	hf many "--warmup 20 --min-runs 100" "$OUT/q10000" "$OUT/q100"
	a=$(median many 1) b=$(median many 2)
	measure q10000.run "$OUT/q10000"
	row "$S" "$(t "$a")" "$(mib "$M_KIB")" "100 queries: $(t "$b")" "$(ratio "$a" "$b")" "$T" "$(met_if "$a <= 1.3 * $b")"
else
	failed "$S" "$T" "checker failed or did not build"
fi

# --- 4. fixed columns ----------------------------------------------------------

S="4. fixed columns: 100 queries over a 1,000,000-line netstat-like table (97 MB)"
T="<= 2x \`wc -l\`"
say "$S"
if build netstat1m "$OUT/netstat1m.tstconfig" && verify netstat1m "$OUT/netstat1m" &&
	verify netstat1m-awk awk -f "$OUT/netstat1m.awk" "$OUT/netstat1m.txt"; then
	hf fixed "--warmup 3 --min-runs 10" "$OUT/netstat1m" "awk -f $OUT/netstat1m.awk $OUT/netstat1m.txt" "wc -l $OUT/netstat1m.txt"
	a=$(median fixed 1) b=$(median fixed 2) c=$(median fixed 3)
	measure netstat1m.run "$OUT/netstat1m"
	row "$S" "$(t "$a")" "$(mib "$M_KIB")" "awk: $(t "$b"); \`wc -l\`: $(t "$c")" \
		"$(ratio "$a" "$b") awk; $(ratio "$a" "$c") \`wc -l\`" "$T" "$(met_if "$a <= 2 * $c")"
else
	failed "$S" "$T" "checker or baseline failed"
fi

# --- 5. command source ---------------------------------------------------------

S="5. command source: scenario 2 through \`command cat FILE\`"
T="none (compare with the file source)"
say "$S"
if build kv1m-command "$OUT/kv1m-command.tstconfig" && verify kv1m-command "$OUT/kv1m-command" &&
	verify kv1m "$OUT/kv1m"; then
	hf command "--warmup 3 --min-runs 10" "$OUT/kv1m-command" "$OUT/kv1m" "cat $OUT/kv1m.txt"
	a=$(median command 1) b=$(median command 2) c=$(median command 3)
	measure kv1m-command.run "$OUT/kv1m-command"
	row "$S" "$(t "$a")" "$(mib "$M_KIB")" "file source: $(t "$b"); \`cat\` alone: $(t "$c")" \
		"$(ratio "$a" "$b") file source" "$T" "n/a"
else
	failed "$S" "$T" "checker failed"
fi

# --- 6. huge input -------------------------------------------------------------

HUGE_BYTES=$(wc -c <"$OUT/huge.txt" | tr -d ' ')
S="6. huge input: 100 queries over a $(awk -v b="$HUGE_BYTES" 'BEGIN { printf "%.2f", b / 1e9 }') GB file (page cache)"
T=">= 2 GB/s; peak RSS <= 4 MiB"
say "$S"
if build huge "$OUT/huge.tstconfig" && verify huge "$OUT/huge"; then
	hf huge "--warmup 1 --runs 3" "$OUT/huge" "wc -l $OUT/huge.txt"
	a=$(median huge 1) c=$(median huge 2)
	log_cmd "/usr/bin/time -v $OUT/huge"
	measure huge.run "$OUT/huge"
	gbs=$(awk -v b="$HUGE_BYTES" -v s="$a" 'BEGIN { printf "%.2f", b / s / 1e9 }')
	row "$S" "$(t "$a") ($gbs GB/s)" "$(mib "$M_KIB")" "\`wc -l\`: $(t "$c")" "$(ratio "$a" "$c") \`wc -l\`" "$T" \
		"$(met_if "$gbs >= 2 && $M_KIB <= 4096")"
else
	failed "$S" "$T" "checker failed"
fi

# --- 7. compile time -----------------------------------------------------------

for n in 1000 10000 100000; do
	case $n in
	1000) S="7. compile: 1,000 assertions" T="none" runs="--warmup 1 --runs 5" ;;
	10000) S="7. compile: 10,000 assertions" T="none" runs="--runs 3" ;;
	100000) S="7. compile: 100,000 assertions (one run)" T="< 3 s" runs= ;;
	esac
	say "$S"
	if ! build "compile-$n" "$OUT/compile-$n.tstconfig"; then
		if [ "$B_RC" = 124 ] || [ "$B_RC" = 137 ]; then
			why="no result within $COMPILE_TIMEOUT s"
		elif grep -q 'memory exhausted\|out of memory\|Cannot allocate' "$OUT/compile-$n.build.out"; then
			why="out of memory (limit $(mib "$MEM_KIB")) after $(t "$B_S"): \`$(tail -n 1 "$OUT/compile-$n.build.out")\`"
		else
			why="tstcc exit $B_RC after $(t "$B_S")"
		fi
		row "$S" "**$why**" "$(mib "$B_KIB")" - - "$T" "no"
		continue
	fi
	bs=$B_S bkib=$B_KIB
	if ! verify "compile-$n" "$OUT/compile-$n"; then
		failed "$S" "$T" "the checker built does not pass"
		continue
	fi
	if [ -n "$runs" ]; then
		hf "compile-$n" "$runs" "$TSTCC $OUT/compile-$n.tstconfig -o $OUT/compile-$n"
		a=$(median "compile-$n" 1)
	else
		a=$bs
	fi
	met=n/a
	case $n in
	100000) met=$(met_if "$a < 3") ;;
	esac
	row "$S" "$(t "$a")" "$(mib "$bkib")" - - "$T" "$met"
done

# --- sizes of the examples' checkers ---------------------------------------------

for kind in dynamic static; do
	case $kind in
	dynamic) S="stripped size: the largest checker of examples/*.tstconfig" T="< 64 KiB" limit=65536 opt= ;;
	static) S="stripped size: the largest checker of examples/*.tstconfig, --static" T="< 128 KiB" limit=131072 opt=--static ;;
	esac
	say "$S"
	big=0 bigname= sizes=
	for def in examples/*.tstconfig; do
		n=$(basename "$def" .tstconfig)
		args=
		[ -f "examples/$n.args" ] && args=$(cat "examples/$n.args")
		log_cmd "$TSTCC $opt $def $args -o $OUT/size-$n && strip $OUT/size-$n"
		# shellcheck disable=SC2086
		"$TSTCC" $opt "$def" $args -o "$OUT/size-$n" && strip "$OUT/size-$n" || { big=-1; break; }
		sz=$(wc -c <"$OUT/size-$n" | tr -d ' ')
		sizes="$sizes $sz"
		[ "$sz" -gt "$big" ] && big=$sz bigname=$n
	done
	if [ "$big" -lt 0 ]; then
		failed "$S" "$T" "a checker did not build"
		continue
	fi
	smallest=$(printf '%s\n' $sizes | sort -n | head -n 1)
	row "$S" "$big bytes ($(awk -v b="$big" 'BEGIN { printf "%.1f KiB", b / 1024 }'), $bigname)" - \
		"smallest: $smallest bytes" - "$T" "$(met_if "$big < $limit")"
done

# --- profile -----------------------------------------------------------------------

# The instructions a line costs, by function (callgrind: counts, not times,
# so they hold on a busy machine), over kv100k.txt's 100,000 lines.
PROFILE=
if command -v valgrind >/dev/null 2>&1 && command -v callgrind_annotate >/dev/null 2>&1; then
	for mode in keyvalue tokenized; do
		def=$OUT/kv100k-q100.tstconfig
		if [ $mode = tokenized ]; then
			def=$OUT/kv100k-tok.tstconfig
			sed -e 's/^parse_mode keyvalue$/parse_mode tokenized/' -e '/^key_separator/d' -e 's/^assert_eq /assert_eq = /' \
				"$OUT/kv100k-q100.tstconfig" >"$def"
		fi
		build "profile-$mode" "$def" || continue
		log_cmd "valgrind --tool=callgrind --callgrind-out-file=$OUT/profile-$mode.cg $OUT/profile-$mode"
		valgrind --tool=callgrind --callgrind-out-file="$OUT/profile-$mode.cg" "$OUT/profile-$mode" >/dev/null 2>&1 || continue
		PROFILE="$PROFILE
$mode, 100 queries over 100,000 lines (\`callgrind_annotate $OUT/profile-$mode.cg\`):

| function | instructions a line | share |
| --- | --- | --- |
$(callgrind_annotate --threshold=95 "$OUT/profile-$mode.cg" 2>/dev/null | awk '
	/PROGRAM TOTALS/ { gsub(",", "", $1); total = $1; next }
	/Auto-annotated source/ { exit }
	total && /^ *[0-9,]+ \( *[0-9.]+%\) +[^ ]/ {
		n = $1; gsub(",", "", n); f = $0; sub(/^[^)]*\) +/, "", f); sub(/ .*/, "", f); sub(/^.*\//, "", f)
		printf "| `%s` | %.0f | %.0f %% |\n", f, n / 100000, 100 * n / total
	}
	END { if (total) printf "| all | %.0f | 100 %% |\n", total / 100000 }')
"
	done
else
	PROFILE="(valgrind is not installed: no profile this run.)"
fi

# --- doc/performance.md ----------------------------------------------------------

TOTAL_S=$(($(date +%s) - START))
row "bench run time (bench/run.sh, input generation included)" "$(t "$TOTAL_S")" - - - "< 10 min" "$(met_if "$TOTAL_S < 600")"

cpu=$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null)
[ -n "$cpu" ] || cpu=$(uname -m)
cores=$(getconf _NPROCESSORS_ONLN 2>/dev/null || nproc)
mem=$(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo 2>/dev/null || echo unknown)
os=$(. /etc/os-release 2>/dev/null && echo "$PRETTY_NAME" || uname -s)
awk_path=$(readlink -f "$(command -v awk)")
awk_version=$(awk -W version 2>/dev/null | head -n 1 || true)
[ -n "$awk_version" ] || awk_version=$(awk --version 2>/dev/null | head -n 1 || echo unknown)
cc_version=$(${CC:-cc} --version 2>/dev/null | head -n 1 || echo unknown)
tstcc_version=$($TSTCC --version 2>/dev/null | head -n 1 || echo unknown)
if [ -n "$DIRTY" ]; then
	STATE="**Measured from a tree with uncommitted changes (BENCH_DIRTY=1): these figures are not those of commit \`$REV\`.**"
else
	STATE="Measured from commit \`$REV\`, with no uncommitted changes."
fi

mkdir -p doc
{
	cat <<EOF
# Performance

Written by \`make bench\` (\`sh bench/run.sh\`): do not edit, run it again.
$STATE
Measured $(date -u '+%Y-%m-%d %H:%M UTC'), $tstcc_version; every figure below,
in the tables and in the sentences, comes from this one run.

## Results

Times are medians of hyperfine runs (warm page cache, no shell: \`hyperfine -N\`),
except where a row says "one run" (one \`/usr/bin/time -v\` run). Peak RSS is the
"Maximum resident set size" of one \`/usr/bin/time -v\` run of the checker (for
compile rows: of tstcc and the \`\$CC\` it runs, whichever is larger). Ratios
are tstcc's time over the baseline's: below 1x, tstcc is faster.

| scenario | tstcc | peak RSS | baseline(s) | ratio | target | met? |
| --- | --- | --- | --- | --- | --- | --- |
EOF
	cat "$ROWS"
	cat <<EOF

$MET of $TARGETS targets met.

## Targets not met

$(if [ -s "$NOTES" ]; then cat "$NOTES"; else echo "None."; fi)

## The floor

A checker whose one query no line answers still reads every line, splits
it off, tests it for a blank line, a comment and a section header, and finds,
hashes and turns away its first key: the least a lookup over the file costs
with this line-by-line design, whatever is done to the lookup itself.

${FLOOR:-(not measured this run)}

## Profile

$PROFILE

## Machine

- CPU: $cpu, $cores cores (\`getconf _NPROCESSORS_ONLN\`)
- load average (1, 5, 15 min, \`/proc/loadavg\`): $LOAD_START when the run began, $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown) when it ended; above $cores, other processes were competing for the cores, and times are longer and noisier than on a quiet machine (the profile's instruction counts are not affected)
- memory: $mem
- system: $os, $(uname -sr)
- C compiler (\`\$CC\`, default \`cc\`): $cc_version; checkers built with tstcc's default \`-O2\`${CFLAGS:+ and CFLAGS=\`$CFLAGS\`}
- awk: $awk_path ($awk_version)
- $(hyperfine --version)

## Inputs

Generated by \`bench/gen.sh\` into \`$OUT/\` (deterministic, never committed; $GEN_S s this run).
Key/value lines look like \`key0182081 = v0009999 lorem ipsum\`: keys are distinct,
in scrambled order, and the queried lines are spread evenly through the file, the
last query on its last line. Every definition's assertions pass.

| scenario | input | definition | baseline program |
| --- | --- | --- | --- |
| 1 | \`examples/fixtures/sshd_config\` | \`examples/sshd.tstconfig\` | \`true\` |
| 2 | \`$OUT/kv1m.txt\`: 1,000,000 lines, 34 MB | 2a \`$OUT/kv1m.tstconfig\`: \`file\`, \`parse_mode keyvalue\`, \`key_separator =\`, 100 \`property\`/\`assert_eq\`; 2b \`$OUT/kv1m-tok.tstconfig\`: the same in \`parse_mode tokenized\`; the floors \`$OUT/kv1m-floor.tstconfig\` and \`$OUT/kv1m-tok-floor.tstconfig\`: one \`property\` no line has, \`assert_undefined\` | \`$OUT/kv1m.awk\`: the same 100 lookups in one pass, exit 0 when all match; \`wc -l\` |
| 3 | \`$OUT/kv100k.txt\`: 100,000 lines | \`$OUT/compile-10000.tstconfig\` (10,000 distinct keys), \`$OUT/kv100k-q100.tstconfig\` (100) | the 100-query checker |
| 4 | \`$OUT/netstat1m.txt\`: 2 header lines and 1,000,000 rows like \`netstat -plnt\`, 97 MB | \`$OUT/netstat1m.tstconfig\`: \`parse_mode fixed\`, \`positions 0 6 13 20 44 68 80\`, \`skip_header_lines 2\`, \`columns 3 6\`, 100 queries by local address | \`$OUT/netstat1m.awk\`: the same lookups by the same positions, trimmed; \`wc -l\` |
| 5 | \`$OUT/kv1m.txt\` through \`command cat\` | \`$OUT/kv1m-command.tstconfig\` | scenario 2's checker; \`cat\` alone |
| 6 | \`$OUT/huge.txt\`: $HUGE_BYTES bytes, 1024 copies of a 1 MiB key/value block with 100 unique queried lines between them | \`$OUT/huge.tstconfig\` | \`wc -l\` |
| 7 | \`$OUT/kv100k.txt\` | \`$OUT/compile-N.tstconfig\`: N \`property\`/\`assert_eq\` pairs | - |

A tstcc build is limited to $COMPILE_TIMEOUT s (\`timeout\`, \`BENCH_COMPILE_TIMEOUT\`)
and $(mib "$MEM_KIB") of address space (\`ulimit -v\`, \`BENCH_COMPILE_MEM_KIB\`).

## All hyperfine results

| run | command | mean (ms) | σ (ms) | median (ms) | runs |
| --- | --- | --- | --- | --- | --- |
EOF
	cat "$RAW"
	cat <<EOF

## Commands

From the top directory, in this order (\`make -s all\` first). Each checker and
baseline must exit 0 before it is timed. Builds run as
\`sh -c 'ulimit -v $MEM_KIB; exec "\$@"' sh timeout -k 5 $COMPILE_TIMEOUT ./tstcc ...\`
under \`/usr/bin/time -v\`; JSON results are in \`$OUT/*.json\`.

\`\`\`
EOF
	cat "$CMDS"
	echo '```'
} >"$DOC"

say "wrote $DOC ($MET of $TARGETS targets met, $FAILURES scenario(s) not measured, ${TOTAL_S} s)"
cat "$ROWS"
[ "$FAILURES" = 0 ]
