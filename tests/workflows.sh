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

# A stop signal ends the retries with one report, what was not tested an error.
rm -f state runs.log
./startup --retry-timeout 30 --sleep 0.3 >out 2>err &
checker=$!
sleep 1
kill -TERM "$checker"
wait "$checker"
[ $? = 2 ] && ok || bad "--retry-timeout, stopped by SIGTERM: not exit status 2"
[ "$(grep -c '^SUMMARY REPORT: FAIL' out)" = 1 ] && ok || bad "--retry-timeout, stopped: not one report"
has out "not checked: interrupted by signal 15" "--retry-timeout, stopped: the untested assertion is an error"

echo "service up" >state
rm -f runs.log
expect 0 "--retry-timeout: a passing run is the last" ./startup --retry-timeout 10
[ "$(wc -l <runs.log)" = 1 ] && ok || bad "--retry-timeout: a passing check ran again"
expect 2 "--sleep without --retry-timeout" ./startup --sleep 1
has err "--sleep is the pause between the runs of --retry-timeout" "--sleep alone: the message"
expect 2 "--retry-timeout needs seconds" ./startup --retry-timeout soon

# --- Record and replay.
mkdir -p host/conf.d
printf 'Port 22\nPermitRootLogin no\nX11Forwarding yes\n' >host/sshd_config
printf 'Port 2222\n' >host/conf.d/10-port.conf
printf 'PasswordAuthentication no\n' >host/conf.d/20-auth.conf
mkdir host/dir.conf
# Large enough to be read in several chunks, and recorded past read_lines.
awk 'BEGIN { for (i = 0; i < 40000; i++) printf "key%d value%d %s\n", i, i * 7, "padding-padding-padding" }' >host/big.txt
cat >rec.tstconfig <<'DEF'
file host/big.txt
parse_mode tokenized
read_lines 3
property key1
assert_eq value7 padding-padding-padding
file host/sshd_config
parse_mode tokenized
read_lines 1
property Port
assert_eq 22
files host/conf.d/*.conf
parse_mode tokenized
property Port
assert_eq 2222
command sh -c "echo stamp $(date +%s%N); echo warned >&2; exit 3"
parse_mode tokenized
property stamp
assert_not_empty
file host/dir.conf
parse_mode tokenized
property x
assert_undefined
DEF
build rec
rm -rf recording
expect 2 "--record: the run's own report" ./rec --record recording
cp out recorded.out
cp err recorded.err
has out "command exited with status 3" "--record: the command's status is reported"
has out "cannot read file host/dir.conf: Is a directory" "--record: the error is reported"
# The manifest: version, host, time, the definition's SHA-256, and each thing read.
has recording/manifest "tstcc-recording	1" "manifest: its first line"
has recording/manifest "host	$(hostname)" "manifest: the host's name"
grep -Eq '^time	[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$' recording/manifest && ok ||
	bad "manifest: no time of the run"
has recording/manifest "definition	$(sha256sum rec.tstconfig | cut -c1-64)	rec.tstconfig" "manifest: the definition"
has recording/manifest "glob	0		host/conf.d/*.conf	host/conf.d/10-port.conf	host/conf.d/20-auth.conf" \
	"manifest: a glob and its matches"
has recording/manifest "	ok		host/sshd_config" "manifest: a file"
has recording/manifest "	open-error	21 Is a directory	host/dir.conf" "manifest: a file that could not be read"
has recording/manifest "	exited	3		sh	-c	echo stamp" "manifest: a command, its status and arguments"
# A recording holds what the checker could read: its owner's only.
[ "$(stat -c %a recording recording/data recording/manifest)" = "700
700
600" ] && ok || bad "recording: not its owner's only: $(stat -c '%a %n' recording recording/data recording/manifest)"
for f in recording/data/*; do
	[ "$(stat -c %a "$f")" = 600 ] && ok || bad "recording: $f is readable by others"
done
# Every piece of data is named by its SHA-256, as sha256sum computes it.
for f in recording/data/*; do
	[ "$(sha256sum <"$f" | cut -c1-64)" = "$(basename "$f")" ] && ok || bad "recording: $f is not its SHA-256"
done
file_sha=$(sha256sum <host/sshd_config | cut -c1-64)
has recording/manifest "file	$file_sha	ok" "manifest: the whole file, though read_lines 1 read one line"
grep -q "warned" "recording/data/$(awk -F'\t' '$1 == "command" {print $3}' recording/manifest)" && ok ||
	bad "recording: the command's standard error"

# The host changes; the replay still gives the recorded run's report, byte for byte.
printf 'Port 8022\n' >host/conf.d/30-new.conf
printf 'Port 23\n' >host/sshd_config
expect 2 "--replay: the recorded run's status" ./rec --replay recording
cmp -s out recorded.out && ok || { bad "--replay: the report differs from the recorded run's"; diff recorded.out out; }
cmp -s err recorded.err && ok || bad "--replay: standard error differs from the recorded run's"
expect 2 "the host itself has changed" ./rec
lacks out "Value:     2222$" "the host: the new file is read"
expect 2 "tstcc --run --replay, the same report" "$tstcc" --run rec.tstconfig -- --replay recording
cmp -s out recorded.out && ok || bad "tstcc --run --replay: the report differs from the recorded run's"

# A changed definition is tested against the recording: more lines of a file
# that read_lines cut short, a new assertion; what the recording lacks is an error.
cat >changed.tstconfig <<'DEF'
file host/sshd_config
parse_mode tokenized
property X11Forwarding
assert_eq yes
file host/other_config
parse_mode tokenized
property Port
assert_eq 22
command sh -c "echo not recorded"
parse_mode tokenized
property not
assert_eq recorded
DEF
build changed
expect 2 "a changed definition against the recording" ./changed --replay recording
has out "Assertions passed: 1" "--replay: the rest of a file read_lines left unread is recorded"
has out "ERROR: changed.tstconfig:5: cannot read file host/other_config: not in the recording recording" \
	"--replay: a file that is not in the recording"
has recording/manifest "file	$(sha256sum <host/big.txt | cut -c1-64)	ok		host/big.txt" "manifest: a large file, whole"
has out "ERROR: changed.tstconfig:9: cannot run command sh -c echo not recorded: not in the recording recording" \
	"--replay: a command that is not in the recording"
lacks out "SUMMARY REPORT: PASS" "--replay: what is not recorded never passes"

# Damaged or missing recordings are errors.
cp -r recording damaged
for f in damaged/data/*; do echo tampered >>"$f"; done
expect 2 "--replay: damaged data" ./rec --replay damaged
has out "has lost its data/" "--replay: damaged data is an error"
rm damaged/manifest
expect 2 "--replay: no manifest" ./rec --replay damaged
has err "--replay damaged: cannot read its manifest: No such file or directory" "--replay: no manifest, the message"
lacks out "SUMMARY" "--replay: nothing runs without a manifest"
printf 'tstcc-recording\t1\nfile\tnot-a-digest\tok\t\tx\n' >damaged/manifest
expect 2 "--replay: a damaged manifest" ./rec --replay damaged
has err "its manifest is damaged at line 2" "--replay: a damaged manifest, the message"
# A number that is no number, or an outcome that is none, is damage too:
# read as it stands, errno -1 of a glob gave an error with no reason, a
# file's missing errno "Success", and an unknown outcome a command that exited.
printf 'tstcc-recording\t1\nglob\t-1\t\thost/conf.d/*.conf\n' >damaged/manifest
expect 2 "--replay: a glob's errno that is no errno" ./rec --replay damaged
has err "its manifest is damaged at line 2" "--replay: a glob's errno that is no errno, the message"
printf 'tstcc-recording\t1\nfile\t-\topen-error\t\thost/sshd_config\n' >damaged/manifest
expect 2 "--replay: a file that could not be opened, with no errno" ./rec --replay damaged
has err "its manifest is damaged at line 2" "--replay: a file's missing errno, the message"
sha=$(printf '' | sha256sum | cut -c1-64)
printf 'tstcc-recording\t1\ncommand\t%s\t%s\t0\tvanished\t0\t\tsh\n' "$sha" "$sha" >damaged/manifest
expect 2 "--replay: a command's unknown outcome" ./rec --replay damaged
has err "its manifest is damaged at line 2" "--replay: a command's unknown outcome, the message"
printf 'tstcc-recording\t1\ncommand\t%s\t%s\tmany\texited\tx\t\tsh\n' "$sha" "$sha" >damaged/manifest
expect 2 "--replay: a command's counts that are no numbers" ./rec --replay damaged
has err "its manifest is damaged at line 2" "--replay: a command's counts that are no numbers, the message"
expect 2 "--record: a directory that cannot be made" ./rec --record /proc/no/such
has err "--record /proc/no/such: cannot make the directory" "--record: the message"
expect 2 "--record and --replay" ./rec --record a --replay b
expect 2 "--record with no directory" ./rec --record ""

# A time limit is recorded as it struck: a FIFO whose writer writes one line
# and then nothing, read until --timeout stops it, replays as the same stop
# without waiting.  The test holds the FIFO open for writing itself (read
# and write, which does not block), with the line already in it, before the
# checker starts: a writer started in the background might not have opened
# it yet, and the checker would read an empty FIFO to its end.
rm -f slow.fifo
mkfifo slow.fifo
printf 'file slow.fifo\nparse_mode tokenized\nproperty k\nassert_eq 1\n' >slow.tstconfig
build slow
exec 4<>slow.fifo
echo "k 1" >&4
rm -rf slow.rec
expect 2 "--record: a FIFO stopped at the time limit" ./slow --timeout 0.5 --record slow.rec 4>&-
exec 4>&-
cp out slow.out
has slow.out "stopped reading file slow.fifo: it took longer than 0.5 s (--timeout)" "--record: the stop reported"
has slow.rec/manifest "	stopped	it took longer than 0.5 s (--timeout)	slow.fifo" "manifest: the stop and its reason"
rm slow.fifo
expect 2 "--replay: the FIFO's stop, with no FIFO" ./slow --timeout 0.5 --replay slow.rec
cmp -s out slow.out && ok || { bad "--replay: a stopped read replays differently"; diff slow.out out; }

# Fields holding a tab, a backslash or a newline come back whole from the manifest.
printf 'command printf "k\t%%s\\n" "1\\2"\nparse_mode tokenized\nproperty k\nassert_eq 1\\2\n' >escapes.tstconfig
build escapes
rm -rf escapes.rec
expect 0 "--record: a command whose arguments hold a tab and a backslash" ./escapes --record escapes.rec
has escapes.rec/manifest 'printf	k\t%s\\n	1\\2' "manifest: tab and backslash escaped"
expect 0 "--replay: the command found by its arguments" ./escapes --replay escapes.rec

# A recording of several runs of --retry-timeout replays them in turn.
rm -f state runs.log
(sleep 1 && echo "service up" >state) &
rm -rf startup.rec
expect 0 "--record with --retry-timeout" ./startup --retry-timeout 10 --sleep 0.2 --record startup.rec
wait
cp out startup.out
rm -f state
expect 0 "--replay with --retry-timeout: the same runs" ./startup --retry-timeout 10 --sleep 0.2 --replay startup.rec
cmp -s out startup.out && ok || bad "--replay of --retry-timeout's runs differs"

finish workflows
