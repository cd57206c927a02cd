#!/bin/sh
# Workflows around a checker: tests/workflows.sh TSTCC
#
# --retry-timeout and --sleep (a service starting up in CI), and --record
# and --replay (a definition tested against what a real host held).  Each
# check prints nothing when it holds; the last line counts.
. "$(dirname "$0")/lib.sh"

# build NAME: compiles $tmp/NAME.tstconfig into $tmp/NAME.
build() {
	(cd "$tmp" && "$tstcc" "$1.tstconfig" -o "$1") || bad "tstcc $1.tstconfig failed"
}

cd "$tmp"

# --- Retrying until the checks pass: a service that comes up after a second.
# The command notes each run in runs.log, so the tests can count attempts.
cat >startup.tstconfig <<'DEF'
# The service is up once it has written its state file.
command sh -c "echo run >>runs.log; cat state 2>/dev/null || echo service starting"
parse_mode tokenized
property service
assert_eq up
DEF
build startup
rm -f state runs.log
(sleep 1 && echo "service up" >state) &
expect 0 "--retry-timeout: passes once the service is up" ./startup --retry-timeout 10 --sleep 0.2 \
	--report tap:startup.tap --report json:startup.json
wait
runs=$(wc -l <runs.log)
[ "$runs" -ge 3 ] && ok || bad "--retry-timeout: the checks ran $runs times, expected a run every 0.2 s for 1 s"
[ "$(grep -c '^tstcc ' out)" = 1 ] && [ "$(grep -c '^SUMMARY REPORT' out)" = 1 ] && ok ||
	bad "--retry-timeout: standard output holds more than the last run's report"
lacks out "ASSERTION FAILED" "--retry-timeout: the failed runs are not reported"
has out "SUMMARY REPORT: PASS" "--retry-timeout: the last run's report"
[ "$(grep -c '^1\.\.' startup.tap)" = 1 ] && ok || bad "--retry-timeout: the TAP file holds more than one run"
has startup.tap "ok 1 - startup.tstconfig:5: assert_eq up" "--retry-timeout: the TAP file is the last run's"
[ "$(jq -r .result startup.json)" = PASS ] && ok || bad "--retry-timeout: the JSON report is not the last run's"
[ "$(ls -a | grep -c '^\.startup\.')" = 0 ] && ok || bad "--retry-timeout: a report's temporary file is left"

rm -f state runs.log
expect 1 "--retry-timeout: time runs out" ./startup --retry-timeout 0.7 --sleep 0.2
runs=$(wc -l <runs.log)
[ "$runs" -ge 3 ] && [ "$runs" -le 5 ] && ok || bad "--retry-timeout 0.7 --sleep 0.2: $runs runs"
[ "$(grep -c '^ASSERTION FAILED' out)" = 1 ] && ok || bad "--retry-timeout: only the last failing run is reported"

echo "service up" >state
rm -f runs.log
expect 0 "--retry-timeout: a passing run is the last" ./startup --retry-timeout 10
[ "$(wc -l <runs.log)" = 1 ] && ok || bad "--retry-timeout: a passing check ran again"
expect 2 "--sleep without --retry-timeout" ./startup --sleep 1
has err "--sleep is the pause between the runs of --retry-timeout" "--sleep alone: the message"
expect 2 "--retry-timeout needs seconds" ./startup --retry-timeout soon

finish workflows
