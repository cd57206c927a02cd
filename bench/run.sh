#!/bin/sh
# bench/run.sh - tstcc's benchmarks: `make bench` runs `sh bench/run.sh` from
# the top directory once `make all` has built ./tstcc.
#
# It generates the inputs (bench/gen.sh, into build/bench/), builds one
# checker per scenario with ./tstcc, checks that every checker and every
# baseline PASSes before it is timed, times each scenario side by side with
# its baselines in one hyperfine invocation, measures peak memory with
# /usr/bin/time -v, and writes doc/performance.md.  For each target it
# misses, the file has a section measuring where the time or the bytes go
# and the floor a checker cannot go below (strace and valgrind are used when
# they are installed or can be).  Exit status 0 when every
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
# want COMMAND DEBIAN-PACKAGE: install an optional tool when root can; sets
# WHY_NOT to why it is missing, empty when it is there.
want() {
	WHY_NOT=
	command -v "$1" >/dev/null 2>&1 && return 0
	if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
		say "installing $2"
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null 2>&1 ||
			{ apt-get update -qq >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null 2>&1; } || :
	fi
	command -v "$1" >/dev/null 2>&1 && return 0
	WHY_NOT="$1 is not installed and could not be (Debian package '$2'; installing needs root and apt-get)"
	return 1
}
want strace strace || :
NO_STRACE=$WHY_NOT
want valgrind valgrind || :
NO_VALGRIND=$WHY_NOT
want size binutils || :
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
for f in startup many huge compile sizes; do
	: >"$OUT/explain-$f.md"
done
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
	M_FLT=$(awk -F': ' '/Minor \(reclaiming a frame\) page faults/ { print $2 }' "$OUT/$m_name.time")
	[ -n "$M_S" ] || M_S=0
	[ -n "$M_KIB" ] || M_KIB=0
}

# build NAME DEFINITION [OPTION...]: ./tstcc [OPTION...] DEFINITION -o
# $OUT/NAME, limited in time and memory, measured by measure(); returns
# tstcc's exit status.
build() {
	b_name=$1 b_def=$2
	shift 2
	log_cmd "$TSTCC${*:+ $*} $b_def -o $OUT/$b_name"
	measure "$b_name.build" sh -c "$ULIMIT_SH" sh "$MEM_KIB" timeout -k 5 "$COMPILE_TIMEOUT" "$TSTCC" "$@" "$b_def" -o "$OUT/$b_name"
	B_RC=$M_RC B_S=$M_S B_KIB=$M_KIB
	if [ "$B_RC" != 0 ]; then
		if [ "$B_RC" = 124 ] || [ "$B_RC" = 137 ]; then
			warn "$TSTCC $b_def: no result within $COMPILE_TIMEOUT s"
		else
			warn "$TSTCC $b_def failed (exit $B_RC):"
			tail -n 5 "$OUT/$b_name.build.out" >&2
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

# f1 EXPR, f2 EXPR: a number with one or two decimals.
f1() { awk "BEGIN { printf \"%.1f\", $* }"; }
f2() { awk "BEGIN { printf \"%.2f\", $* }"; }
TAB=$(printf '\t')

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

# row SCENARIO TSTCC RSS BASELINES RATIO TARGET MET [SECTION]: a row of the
# table, and for a target not met a sentence of the notes, with the same
# figures, pointing to the section that explains it.
row() {
	printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$1" "$2" "$3" "$4" "$5" "$6" "$7" >>"$ROWS"
	case $7 in
	yes) TARGETS=$((TARGETS + 1)) MET=$((MET + 1)) ;;
	no*)
		TARGETS=$((TARGETS + 1))
		printf -- '- **%s**: %s against %s (%s); target: %s.%s\n' "$1" "$2" "$4" "$5" "$6" \
			"${8:+ Why: see $8.}" >>"$NOTES"
		;;
	esac
}

# failed SCENARIO TARGET WHY: a scenario that could not be measured.
failed() {
	row "$1" "**$3**" - - - "$2" "no"
	FAILURES=$((FAILURES + 1))
}

# probe NAME HF-RUN N CMD...: a row of a start-up table for CMD, the Nth
# command of hyperfine run HF-RUN: its median, minor page faults and peak
# RSS (/usr/bin/time -v), instructions in user space (callgrind's total,
# also in $OUT/NAME.ins), system calls (strace -f -c) and the dynamic
# loader's cycles (LD_DEBUG=statistics, the median of 5 runs; none for a
# static program).
probe() {
	p_name=$1 p_run=$2 p_n=$3
	shift 3
	log_cmd "/usr/bin/time -v $*"
	measure "$p_name.probe" "$@"
	p_sys=-
	if [ -z "$NO_STRACE" ]; then
		log_cmd "strace -f -c -o $OUT/$p_name.strace $*"
		strace -f -c -o "$OUT/$p_name.strace" "$@" >/dev/null 2>&1 || :
		p_sys=$(awk '$NF == "total" { print $4 }' "$OUT/$p_name.strace")
	fi
	p_ins=-
	: >"$OUT/$p_name.ins"
	if [ -z "$NO_VALGRIND" ]; then
		log_cmd "valgrind --tool=callgrind --callgrind-out-file=$OUT/$p_name.probe.cg $*"
		valgrind --tool=callgrind --callgrind-out-file="$OUT/$p_name.probe.cg" "$@" >/dev/null 2>&1 &&
			awk '/^summary:/ { print $2 }' "$OUT/$p_name.probe.cg" >"$OUT/$p_name.ins"
		[ ! -s "$OUT/$p_name.ins" ] || p_ins=$(awk '{ printf "%.2f M", $1 / 1e6 }' "$OUT/$p_name.ins")
	fi
	log_cmd "LD_DEBUG=statistics $*    # 5 times"
	p_ld=$(for _ in 1 2 3 4 5; do
		LD_DEBUG=statistics "$@" 2>&1 >/dev/null | awk '
			/total startup time in dynamic loader:/ { t = $(NF - 1) }
			/time needed for relocation:/ { r = $(NF - 2) }
			/final number of relocations:/ { n = $NF }
			END { if (t != "") print t, r, n }'
	done | sort -n | awk '{ t[NR] = $1; r[NR] = $2; n[NR] = $3 }
		END { m = int((NR + 1) / 2); if (NR) printf "%d (relocation: %d; %d symbol relocations)", t[m], r[m], n[m]; else print "- (static)" }')
	printf '| `%s` | %s | %s | %s | %s | %s | %s |\n' "$*" "$(t "$(median "$p_run" "$p_n")")" "$p_ins" "$M_FLT" \
		"${p_sys:--}" "$p_ld" "$(mib "$M_KIB")"
}
# path_of COMMAND: its file in $PATH (a shell's builtin `true` would not run
# the dynamic loader).
path_of() {
	(
		IFS=:
		for d in $PATH; do
			[ -x "${d:-.}/$1" ] && { echo "${d:-.}/$1"; exit 0; }
		done
		echo "$1"
	)
}
PROBE_HEAD='| program | median | instructions | minor page faults | system calls | dynamic loader cycles | peak RSS |
| --- | --- | --- | --- | --- | --- | --- |'

# The C compiler that tstcc runs, wrapped: wrapped MAP CMD... runs CMD (a
# tstcc build) with its $CC (or musl-gcc) replaced by $OUT/wrap/cc, which
# logs the command into $OUT/cc.log and adds -Wl,-Map=MAP; CC_LINE is then
# the command tstcc ran, without its -o.
mkdir -p "$OUT/wrap"
for w in wrap/cc:BENCH_REAL_CC wrap-musl:BENCH_REAL_MUSL; do
	printf '%s\n' '#!/bin/sh' "printf '%s %s\\n' \"\$${w#*:}\" \"\$*\" >>\"\$BENCH_CC_LOG\"" \
		"exec \$${w#*:} \"\$@\" \"\$BENCH_CC_EXTRA\"" >"$OUT/${w%:*}"
	chmod +x "$OUT/${w%:*}"
done
wrapped() {
	w_map=$1
	shift
	: >"$OUT/cc.log"
	log_cmd "$*    # its C compiler wrapped by $OUT/wrap/cc, which adds -Wl,-Map=$w_map"
	if [ -n "${CC:-}" ]; then
		# shellcheck disable=SC2097,SC2098 # the real compiler is the one set outside
		BENCH_REAL_CC=$CC CC=$OUT/wrap/cc BENCH_CC_LOG=$OUT/cc.log BENCH_CC_EXTRA=-Wl,-Map=$w_map "$@"
	else
		# shellcheck disable=SC2097,SC2098 # the real compiler is the one set outside
		BENCH_REAL_CC=$(command -v cc) BENCH_REAL_MUSL=${TSTCC_MUSL_CC:-musl-gcc} TSTCC_MUSL_CC=$OUT/wrap-musl \
			PATH=$PWD/$OUT/wrap:$PATH BENCH_CC_LOG=$OUT/cc.log BENCH_CC_EXTRA=-Wl,-Map=$w_map "$@"
	fi
	CC_LINE=$(tail -n 1 "$OUT/cc.log")
	CC_LINE=${CC_LINE% -o *}
	log_cmd "#   tstcc ran: $CC_LINE -o ..."
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
if build sshd examples/sshd.tstconfig && verify sshd "$OUT/sshd" && build min "$OUT/min.tstconfig" &&
	verify min "$OUT/min" && build sshd-static examples/sshd.tstconfig --static && verify sshd-static "$OUT/sshd-static"; then
	hf small "--warmup 100 --min-runs 1000" "$OUT/sshd" true "$OUT/min" "$OUT/sshd-static" "$OUT/sshd --no-sandbox"
	a=$(median small 1) b=$(median small 2) m=$(median small 3) st=$(median small 4) ns=$(median small 5)
	measure sshd.run "$OUT/sshd"
	row "$S" "$(t "$a")" "$(mib "$M_KIB")" "\`true\`: $(t "$b")" "$(dt "$a" "$b")" "$T" "$(met_if "$a - $b <= 0.0003")" \
		"[Start-up](#start-up)"
	{
		echo "$PROBE_HEAD"
		probe true small 2 "$(path_of true)"
		probe min small 3 "$OUT/min"
		probe sshd small 1 "$OUT/sshd"
		probe sshd-static small 4 "$OUT/sshd-static"
		probe sshd-nosandbox small 5 "$OUT/sshd" --no-sandbox
		echo
		echo "The floor: the checker of the smallest definition ($OUT/min.tstconfig, no directives) takes"
		echo "$(t "$m"), $(dt "$m" "$b") over \`true\` (target: +0.3 ms). examples/sshd.tstconfig's checker takes $(dt "$a" "$m")"
		echo "over that floor; without its sandbox (\`--no-sandbox\`) it takes $(t "$ns"), so the sandbox costs $(dt "$a" "$ns")."
		echo "Built \`--static\`, the same checker takes $(t "$st"), $(dt "$st" "$b") over \`true\`."
		[ -z "$NO_STRACE" ] || echo "No system calls counted: $NO_STRACE."
		[ -z "$NO_VALGRIND" ] || echo "No instructions counted: $NO_VALGRIND."
	} >"$OUT/explain-startup.md"
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
			"$(ratio "$a" "$b") awk; $(ratio "$a" "$c") \`wc -l\`" "$T" "$(met_if "$a <= 2 * $c")" \
			"[The floor](#the-floor) and [Profile](#profile)"
		[ $mode = keyvalue ] && KV_FLOOR_S=$f KV_S=$a KV_WC_S=$c
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
	build q100 "$OUT/kv100k-q100.tstconfig" && verify q100 "$OUT/q100" &&
	build q10000-empty "$OUT/q10000-empty.tstconfig" && verify q10000-empty "$OUT/q10000-empty" &&
	build q100-empty "$OUT/q100-empty.tstconfig" && verify q100-empty "$OUT/q100-empty" &&
	verify q10000-tap "$OUT/q10000" --format tap; then
	hf many "--warmup 20 --min-runs 100" "$OUT/q10000" "$OUT/q100" "$OUT/q10000-empty" "$OUT/q100-empty" \
		"$OUT/q10000 --format tap"
	a=$(median many 1) b=$(median many 2) ae=$(median many 3) be=$(median many 4) tap=$(median many 5)
	measure q10000.run "$OUT/q10000"
	row "$S" "$(t "$a")" "$(mib "$M_KIB")" "100 queries: $(t "$b")" "$(ratio "$a" "$b")" "$T" "$(met_if "$a <= 1.3 * $b")" \
		"[Many queries](#many-queries)"
	fl=$(calc "$b - $be + $ae")
	{
		echo "$PROBE_HEAD"
		probe q10000 many 1 "$OUT/q10000"
		probe q100 many 2 "$OUT/q100"
		probe q10000-empty many 3 "$OUT/q10000-empty"
		probe q100-empty many 4 "$OUT/q100-empty"
		echo
		echo "The \`-empty\` checkers hold the same queries, over an empty file (each asserting its key is"
		echo "undefined): start-up, tables and reports without reading a line."
		echo
		echo "- start-up and evaluation without a line read: $(t "$ae") for 10,000 queries, $(t "$be") for 100."
		echo "- reading the 100,000 lines and the lookups (the difference): $(t "$(calc "$a - $ae")") for 10,000 queries,"
		echo "  $(t "$(calc "$b - $be")") for 100 ($(ratio "$(calc "$a - $ae")" "$(calc "$b - $be")"))."
		echo "- reporting: the default text report of the 10,000 passes is $(wc -c <"$OUT/q10000.verify" | tr -d ' ') bytes (its summary);"
		echo "  with one line for each assertion (\`--format tap\`, $(wc -c <"$OUT/q10000-tap.verify" | tr -d ' ') bytes, to /dev/null) the run takes $(t "$tap") ($(dt "$tap" "$a"))."
		echo "- the floor: were the lookups of 10,000 queries as cheap as those of 100, the run would take"
		echo "  the 100-query run's reading ($(t "$(calc "$b - $be")")) plus the 10,000 queries' start-up ($(t "$ae")): $(t "$fl"),"
		echo "  $(ratio "$fl" "$b") of 100 queries (target 1.3x). The instructions a line of both runs are in [Profile](#profile)."
		if [ -s "$OUT/q10000.ins" ] && [ -s "$OUT/q100.ins" ] && [ -s "$OUT/q10000-empty.ins" ] && [ -s "$OUT/q100-empty.ins" ]; then
			ia=$(cat "$OUT/q10000.ins") ib=$(cat "$OUT/q100.ins") iae=$(cat "$OUT/q10000-empty.ins") ibe=$(cat "$OUT/q100-empty.ins")
			echo "- the same split in instructions, which load does not change: 10,000 queries $(ratio "$ia" "$ib") of 100;"
			echo "  start-up $(f1 "$iae / 1e6") M against $(f1 "$ibe / 1e6") M, reading and lookups $(f1 "($ia - $iae) / 1e6") M against"
			echo "  $(f1 "($ib - $ibe) / 1e6") M; the floor as above $(ratio "$(calc "$ib - $ibe + $iae")" "$ib")."
		fi
		[ -z "$NO_STRACE" ] || echo "No system calls counted: $NO_STRACE."
		[ -z "$NO_VALGRIND" ] || echo "No instructions counted: $NO_VALGRIND."
	} >"$OUT/explain-many.md"
else
	failed "$S" "$T" "checker failed or did not build"
fi

# --- 4. fixed columns ----------------------------------------------------------

S="4. fixed columns: 100 queries over a 1,000,000-line netstat-like table (97 MB)"
T="<= 2x \`wc -l\`"
say "$S"
if build netstat1m "$OUT/netstat1m.tstconfig" && verify netstat1m "$OUT/netstat1m" &&
	build netstat1m-floor "$OUT/netstat1m-floor.tstconfig" && verify netstat1m-floor "$OUT/netstat1m-floor" &&
	verify netstat1m-awk awk -f "$OUT/netstat1m.awk" "$OUT/netstat1m.txt"; then
	hf fixed "--warmup 3 --min-runs 10" "$OUT/netstat1m" "$OUT/netstat1m-floor" "awk -f $OUT/netstat1m.awk $OUT/netstat1m.txt" \
		"wc -l $OUT/netstat1m.txt"
	a=$(median fixed 1) f=$(median fixed 2) b=$(median fixed 3) c=$(median fixed 4)
	measure netstat1m.run "$OUT/netstat1m"
	row "$S" "$(t "$a")" "$(mib "$M_KIB")" "awk: $(t "$b"); \`wc -l\`: $(t "$c")" \
		"$(ratio "$a" "$b") awk; $(ratio "$a" "$c") \`wc -l\`" "$T" "$(met_if "$a <= 2 * $c")" "[The floor](#the-floor)"
	FLOOR="$FLOOR- fixed columns: the floor ($OUT/netstat1m-floor.tstconfig) took $(t "$f"), $(ratio "$f" "$c") \`wc -l\`, in the same hyperfine run as the 100 lookups ($(t "$a")) and \`wc -l\` ($(t "$c")).
"
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
		"$(met_if "$gbs >= 2 && $M_KIB <= 4096")" "[Huge input](#huge-input)"
	lines=$(wc -l <"$OUT/huge.txt" | tr -d ' ')
	log_cmd "wc -l <$OUT/huge.txt"
	{
		echo "$lines lines of $(f1 "$HUGE_BYTES / $lines") bytes on average: the checker spends"
		echo "$(f1 "$a * 1e9 / $lines") ns a line ($(f2 "$a * 1e9 / $HUGE_BYTES") ns a byte), \`wc -l\` $(f1 "$c * 1e9 / $lines") ns a line"
		echo "($(f2 "$c * 1e9 / $HUGE_BYTES") ns a byte); peak RSS $(mib "$M_KIB"). 2 GB/s leaves $(f1 "$HUGE_BYTES / $lines / 2") ns a line."
		if [ -n "${KV_FLOOR_S:-}" ]; then
			echo "This file is scenario 2a's kind of line, and shares its floor ([The floor](#the-floor)): there the"
			echo "floor took $(f1 "$KV_FLOOR_S * 1e9 / 1000000") ns a line and the 100 lookups $(f1 "$KV_S * 1e9 / 1000000") ns"
			echo "(\`wc -l\` $(f1 "$KV_WC_S * 1e9 / 1000000") ns); at the floor's cost a line, this file cannot be read"
			echo "faster than $(f2 "$HUGE_BYTES / ($KV_FLOOR_S / 1000000 * $lines) / 1e9") GB/s."
		fi
	} >"$OUT/explain-huge.md"
else
	failed "$S" "$T" "checker failed"
fi

# --- 7. compile time -----------------------------------------------------------

# compile_split BASE BUILD-SECONDS: where the build of BASE.tstconfig goes:
# tstcc -S alone, the C compiler alone on that C (the command tstcc runs, as
# wrapped() logged it), the C's tables, gcc's -ftime-report phases, and what
# cc costs an initializer element and a byte of string literal
# (floor-ints.c, floor-string.c).
compile_split() {
	c_base=$1
	log_cmd "$TSTCC -S $c_base.tstconfig -o $c_base.c"
	measure "$(basename "$c_base").S" timeout -k 5 "$COMPILE_TIMEOUT" "$TSTCC" -S "$c_base.tstconfig" -o "$c_base.c"
	if [ "$M_RC" != 0 ]; then
		echo "\`tstcc -S\` failed (exit $M_RC): not measured."
		return
	fi
	c_s=$M_S
	wrapped "$OUT/min-dynamic.map" "$TSTCC" "$OUT/min.tstconfig" -o "$OUT/min-dynamic" >/dev/null 2>&1 || :
	if [ -z "$CC_LINE" ]; then
		echo "\`tstcc -S\` took $(t "$c_s"); the C compiler's command could not be captured: the rest not measured."
		return
	fi
	log_cmd "$CC_LINE -o $c_base.cc-out <$c_base.c"
	measure "$(basename "$c_base").cc" sh -c "ulimit -v $MEM_KIB 2>/dev/null || :; exec timeout -k 5 $COMPILE_TIMEOUT $CC_LINE -o \"\$1\" <\"\$2\"" \
		sh "$c_base.cc-out" "$c_base.c"
	c_cc=$M_S c_rc=$M_RC c_kib=$M_KIB
	c_bytes=$(wc -c <"$c_base.c" | tr -d ' ')
	c_lines=$(wc -l <"$c_base.c" | tr -d ' ')
	log_cmd "awk -f bench/c-tables.awk $c_base.c"
	awk -f bench/c-tables.awk "$c_base.c" | sort -t"$TAB" -k2,2nr >"$c_base.tables"
	c_elems=$(awk -F"$TAB" '{ n += $4 } END { print n + 0 }' "$c_base.tables")
	echo "\`tstcc -S\` (front end and code generator, writing the C) took $(t "$c_s"); the C compiler on that C,"
	echo "as tstcc runs it (\`$CC_LINE\`, input from the file),"
	if [ "$c_rc" = 0 ]; then
		echo "took $(t "$c_cc") (peak RSS $(mib "$c_kib")), against $(t "${2:-0}") for the whole build."
	else
		echo "failed (exit $c_rc after $(t "$c_cc"))."
	fi
	echo "The C is $(awk -v b="$c_bytes" 'BEGIN { printf "%.1f MB", b / 1e6 }') in $c_lines lines, and its initializers hold $c_elems elements:"
	echo
	echo "| table | bytes | lines | initializer elements |"
	echo "| --- | --- | --- | --- |"
	awk -F"$TAB" '{ printf "| `%s` | %d | %d | %d |\n", $1, $2, $3, $4 }' "$c_base.tables"
	echo
	if ${CC:-cc} --version 2>/dev/null | head -n 1 | grep -qi 'gcc\|^cc '; then
		log_cmd "$CC_LINE -ftime-report -o $c_base.cc-out <$c_base.c"
		measure "$(basename "$c_base").time-report" sh -c "exec timeout -k 5 $COMPILE_TIMEOUT $CC_LINE -ftime-report -o \"\$1\" <\"\$2\"" \
			sh "$c_base.cc-out" "$c_base.c"
		echo "gcc's \`-ftime-report\` on the same command (wall seconds; the phases, then the largest items):"
		echo
		echo "| phase or item | wall | share |"
		echo "| --- | --- | --- |"
		awk -f bench/time-report.awk "$OUT/$(basename "$c_base").time-report.out"
		echo
		echo "(With \`-ftime-report\` the command took $(t "$M_S"), against $(t "$c_cc") without it.)"
		echo
	fi
	log_cmd "${CC:-cc} -std=c11 -O2 -c $OUT/floor-ints.c -o $OUT/floor-ints.o"
	# shellcheck disable=SC2086 # $CC may hold options
	measure floor-ints ${CC:-cc} -std=c11 -O2 -c "$OUT/floor-ints.c" -o "$OUT/floor-ints.o"
	c_fi=$M_S
	log_cmd "${CC:-cc} -std=c11 -O2 -c $OUT/floor-string.c -o $OUT/floor-string.o"
	# shellcheck disable=SC2086 # $CC may hold options
	measure floor-string ${CC:-cc} -std=c11 -O2 -c "$OUT/floor-string.c" -o "$OUT/floor-string.o"
	c_fs=$M_S
	n_ints=$(awk 'NR == 1 { print $5; exit }' "$OUT/floor-ints.c")
	s_bytes=$(wc -c <"$OUT/floor-string.c" | tr -d ' ')
	per=$(calc "$c_fi / $n_ints")
	c_floor=$(calc "$per * $c_elems")
	c_room=$(calc "(3 - $c_s) / ($c_fs / $s_bytes) / 1e6")
	text_bytes=$(awk -F"$TAB" '$1 == "text" { print $2 }' "$c_base.tables")
	echo "The floor: \`${CC:-cc} -O2 -c\` on $n_ints int initializers in one array ($OUT/floor-ints.c) took $(t "$c_fi"),"
	echo "$(f2 "$per * 1e6") µs an element; at that cost the $c_elems elements of the tables take $(t "$c_floor")"
	echo "in cc alone, whatever tstcc does ($(awk -v f="$c_floor" 'BEGIN { print (f >= 3) ? "above" : "below" }') the 3 s target)."
	echo "One string literal of $(awk -v b="$s_bytes" 'BEGIN { printf "%.1f MB", b / 1e6 }') of source ($OUT/floor-string.c) took $(t "$c_fs"),"
	echo "$(f1 "$c_fs / $s_bytes * 1e9") ms a MB: with tstcc's $(t "$c_s"), a build stays under 3 s while the tables, written as"
	echo "string literals decoded at start-up, take less than $(f1 "$c_room") MB of C (today the C is $(awk -v b="$c_bytes" 'BEGIN { printf "%.1f MB", b / 1e6 }'),"
	echo "of which the definition's text, $(awk -v b="${text_bytes:-0}" 'BEGIN { printf "%.1f MB", b / 1e6 }'), is a string literal already)."
}

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
	row "$S" "$(t "$a")" "$(mib "$bkib")" - - "$T" "$met" "[Compile time](#compile-time)"
done
[ -n "${bs:-}" ] || bs=
compile_split "$OUT/compile-100000" "$bs" >"$OUT/explain-compile.md"

# --- sizes of the examples' checkers ---------------------------------------------

# size_split KIND LIMIT OPTION NAME [ARG...]: where the bytes of the checker of
# examples/NAME.tstconfig go: its sections (size -A, stripped), the bytes
# each input file puts in them (the link's map, bench/map-files.awk), its
# largest symbols (nm), and the floor: the checker of the smallest
# definition, stripped.
size_split() {
	z_kind=$1 z_limit=$2 z_opt=$3 z_name=$4
	shift 4
	z_out=$OUT/size-$z_kind-$z_name
	# shellcheck disable=SC2086
	wrapped "$z_out.map" "$TSTCC" $z_opt "examples/$z_name.tstconfig" "$@" -o "$z_out" >/dev/null 2>&1 || {
		echo "The $z_kind checker of examples/$z_name.tstconfig did not build with a map: not measured."
		return
	}
	# shellcheck disable=SC2086
	wrapped "$OUT/min-$z_kind.map" "$TSTCC" $z_opt "$OUT/min.tstconfig" -o "$OUT/min-$z_kind" >/dev/null 2>&1 || :
	log_cmd "strip -o $z_out.stripped $z_out && size -A $z_out.stripped"
	strip -o "$z_out.stripped" "$z_out"
	strip -o "$OUT/min-$z_kind.stripped" "$OUT/min-$z_kind" 2>/dev/null || :
	z_size=$(wc -c <"$z_out.stripped" | tr -d ' ')
	z_min=$(wc -c <"$OUT/min-$z_kind.stripped" 2>/dev/null | tr -d ' ')
	echo "### $z_kind: examples/$z_name.tstconfig, $z_size bytes stripped"
	echo
	echo "Linked as tstcc links it: \`$CC_LINE\`."
	echo "The floor, the checker of the smallest definition ($OUT/min.tstconfig, no directives), stripped: ${z_min:-?} bytes;"
	echo "examples/$z_name.tstconfig adds $((z_size - ${z_min:-0})) bytes to it. $(awk -v m="${z_min:-0}" -v l="$z_limit" 'BEGIN {
		if (m >= l) printf "The floor is above the target (%d bytes) by %d bytes: what every checker carries, whatever its definition, is more than the target allows.", l, m - l
		else printf "The floor is below the target (%d bytes) by %d bytes.", l, l - m }')"
	echo
	echo "Sections (\`size -A\`, stripped; the largest, and the rest together):"
	echo
	echo "| section | bytes |"
	echo "| --- | --- |"
	size -A "$z_out.stripped" | awk '$2 ~ /^[0-9]+$/ && $1 != "Total" && $1 !~ /^\.comment/ { print $1 "\t" $2 }' |
		sort -t"$TAB" -k2,2nr | awk -F"$TAB" 'NR <= 6 { printf "| `%s` | %d |\n", $1, $2; next } { r += $2; n++ }
			END { if (n) printf "| %d others | %d |\n", n, r }'
	echo
	log_cmd "awk -f bench/map-files.awk $z_out.map"
	awk -f bench/map-files.awk "$z_out.map" | sort -t"$TAB" -k2,2nr >"$z_out.files"
	echo "Bytes each input file puts into the loaded sections (from the link map, \`.bss\` left out; the"
	echo "runtime's objects by source file; the largest, then the rest):"
	echo
	echo "| input | bytes | its largest section |"
	echo "| --- | --- | --- |"
	awk -F"$TAB" '$1 ~ /^runtime\// { rt += $2; nrt++ } NR <= 12 { printf "| %s | %d | `%s` |\n", $1, $2, $3; next } { r += $2; n++ }
		END { if (n) printf "| %d others | %d | |\n", n, r; printf "| (all %d runtime files) | %d | |\n", nrt, rt }' "$z_out.files"
	echo
	log_cmd "nm --size-sort -S -r $z_out"
	echo "The largest symbols (\`nm --size-sort -S\`, unstripped):"
	echo
	echo "| symbol | type | bytes |"
	echo "| --- | --- | --- |"
	nm --size-sort -S -r "$z_out" 2>/dev/null | awk '
		function hex(s,    i, v) { s = tolower(s); for (i = 1; i <= length(s); i++) v = v * 16 + index("0123456789abcdef", substr(s, i, 1)) - 1; return v }
		NF == 4 && n < 10 { n++; printf "| `%s` | %s | %d |\n", $4, $3, hex($2) }'
	echo
}

for kind in dynamic static; do
	case $kind in
	dynamic) S="stripped size: the largest checker of examples/*.tstconfig" T="< 64 KiB" limit=65536 opt= ;;
	static) S="stripped size: the largest checker of examples/*.tstconfig, --static" T="< 128 KiB" limit=131072 opt=--static ;;
	esac
	say "$S"
	big=0 bigname='' sizes='' bigargs=''
	for def in examples/*.tstconfig; do
		n=$(basename "$def" .tstconfig)
		args=
		[ -f "examples/$n.args" ] && args=$(cat "examples/$n.args")
		log_cmd "$TSTCC $opt $def $args -o $OUT/size-$n && strip $OUT/size-$n"
		# shellcheck disable=SC2086
		"$TSTCC" $opt "$def" $args -o "$OUT/size-$n" && strip "$OUT/size-$n" || { big=-1; break; }
		sz=$(wc -c <"$OUT/size-$n" | tr -d ' ')
		sizes="$sizes $sz"
		[ "$sz" -gt "$big" ] && big=$sz bigname=$n bigargs=$args
	done
	if [ "$big" -lt 0 ]; then
		failed "$S" "$T" "a checker did not build"
		continue
	fi
	smallest=$(printf '%s\n' $sizes | sort -n | head -n 1)
	row "$S" "$big bytes ($(awk -v b="$big" 'BEGIN { printf "%.1f KiB", b / 1024 }'), $bigname)" - \
		"smallest: $smallest bytes" - "$T" "$(met_if "$big < $limit")" "[Sizes](#sizes)"
	# shellcheck disable=SC2086
	size_split "$kind" "$limit" "$opt" "$bigname" $bigargs >>"$OUT/explain-sizes.md"
done

# --- profile -----------------------------------------------------------------------

# The instructions a line costs, by function (callgrind: counts, not times,
# so they hold on a busy machine), over kv100k.txt's 100,000 lines.
PROFILE=
if [ -z "$NO_VALGRIND" ] && command -v callgrind_annotate >/dev/null 2>&1; then
	for mode in keyvalue tokenized many; do
		def=$OUT/kv100k-q100.tstconfig
		what="100 queries"
		if [ $mode = many ]; then
			def=$OUT/compile-10000.tstconfig what="10,000 queries (scenario 3)"
		elif [ $mode = tokenized ]; then
			def=$OUT/kv100k-tok.tstconfig
			sed -e 's/^parse_mode keyvalue$/parse_mode tokenized/' -e '/^key_separator/d' -e 's/^assert_eq /assert_eq = /' \
				"$OUT/kv100k-q100.tstconfig" >"$def"
		fi
		build "profile-$mode" "$def" || continue
		log_cmd "valgrind --tool=callgrind --callgrind-out-file=$OUT/profile-$mode.cg $OUT/profile-$mode"
		valgrind --tool=callgrind --callgrind-out-file="$OUT/profile-$mode.cg" "$OUT/profile-$mode" >/dev/null 2>&1 || continue
		PROFILE="$PROFILE
$mode, $what over 100,000 lines (\`callgrind_annotate $OUT/profile-$mode.cg\`):

| function | instructions a line | share |
| --- | --- | --- |
$(callgrind_annotate --threshold=95 "$OUT/profile-$mode.cg" 2>/dev/null | awk '
	/PROGRAM TOTALS/ { gsub(",", "", $1); total = $1; next }
	/Auto-annotated source/ { exit }
	total && /^ *[0-9,]+ \( *[0-9.]+%\) +[^ ]/ {
		n = $1; gsub(",", "", n); f = $0; sub(/^[^)]*\) +/, "", f); sub(/ .*/, "", f); sub(/^.*\//, "", f)
		if (++rows > 10) { rest += n; nrest++; next }
		printf "| `%s` | %.0f | %.0f %% |\n", f, n / 100000, 100 * n / total
	}
	END {
		if (nrest) printf "| %d other functions | %.0f | %.0f %% |\n", nrest, rest / 100000, 100 * rest / total
		if (total) printf "| all | %.0f | 100 %% |\n", total / 100000
	}')
"
	done
else
	PROFILE="(No profile this run: ${NO_VALGRIND:-callgrind_annotate is missing}.)"
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
it off, tests it for a blank line, a comment and a section header, and finds
(in fixed mode: cuts out), hashes and turns away its key: the least a lookup
over the file costs with this line-by-line design, whatever is done to the
lookup itself.

${FLOOR:-(not measured this run)}

## Profile

The instructions a line (callgrind: counts, not times, so a busy machine does not change them),
by function, the largest first (start-up included, spread over the lines).
$PROFILE

## Start-up

Scenario 1: where a small checker's time goes, against \`true\`. Times from the scenario's
hyperfine run; instructions executed in user space, the dynamic loader's included, from
\`valgrind --tool=callgrind\` (counts: a busy machine does not change them); page faults and
peak RSS from one \`/usr/bin/time -v\` run each; system calls
from \`strace -f -c\`; the dynamic loader's own count of cycles from \`LD_DEBUG=statistics\`
(start-up, of which relocation: the run with the median start-up of 5; relative relocations, packed by
\`-z pack-relative-relocs\` when tstcc uses it, are not counted).

$(cat "$OUT/explain-startup.md")

## Many queries

Scenario 3: where the 10,000-query run's time goes, measured as in [Start-up](#start-up).

$(cat "$OUT/explain-many.md")

## Huge input

Scenario 6.

$(cat "$OUT/explain-huge.md")

## Compile time

Scenario 7, the build of \`$OUT/compile-100000.tstconfig\`.

$(cat "$OUT/explain-compile.md")

## Sizes

The largest checkers of the size rows, linked again with a map (\`-Wl,-Map\`).

$(cat "$OUT/explain-sizes.md")

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
