#!/bin/sh
# Fault injection for checkers, the hostile half of the checker suite:
# tests/faults.sh TSTCC
#
# Each block provokes one fault a checker must survive honestly: sources
# that cannot be read, time limits on files that never end, stop signals,
# killed runs and full disks while reports are written, descriptors a
# command must not get, names made of control characters, patterns that
# cost too much, and the same checks under valgrind.
. "$(dirname "$0")/lib.sh"

# build NAME: compiles $tmp/NAME.tstconfig into $tmp/NAME.
build() {
	(cd "$tmp" && "$tstcc" "$1.tstconfig" -o "$1") || bad "tstcc $1.tstconfig failed"
}

# elapsed COMMAND...: runs it and sets $secs to the whole seconds it took.
elapsed() {
	start=$(date +%s)
	"$@" >"$tmp/out" 2>"$tmp/err"
	status=$?
	secs=$(($(date +%s) - start))
	return $status
}

cd "$tmp"

# --- Honest results: an assertion on a source that could not be read is not checked.
cat >unread.tstconfig <<'DEF'
file missing.conf
parse_mode tokenized
property PermitEmptyPasswords
assert_undefined
section_size
assert_eq 0
DEF
build unread
expect 2 "unreadable source, text" ./unread
has out "Assertions passed: 2" "the text report keeps the original's counts"
has out "Assertions not checked: 2" "the text report says how many were not checked"
expect 2 "unreadable source, JSON" ./unread --format json
jq -e '.summary == {"tested": 0, "passed": 0, "failed": 0, "errors": 3, "not_checked": 2}
	and ([.assertions[].not_checked] | all(startswith("cannot read file missing.conf")))' out >/dev/null &&
	ok || { bad "JSON: assertions on an unreadable source are not checked"; cat out; }
expect 2 "unreadable source, TAP" ./unread --format tap
has out "not ok 2 - unread.tstconfig:4: assert_undefined (not checked)" "TAP: not checked is not ok"
has out "# FAIL: 0 tested, 0 passed, 0 failed, 3 errors, 2 not checked" "TAP summary counts it"
expect 2 "unreadable source, JUnit" ./unread --format junit
counts=$(xmllint --xpath 'concat(/testsuites/@errors, " ", count(//error[@type="not checked"]), " ", count(//failure))' out)
[ "$counts" = "3 2 0" ] && ok || bad "JUnit: not checked assertions are errors: $counts"

# A command killed at its time limit: counting its rows proves nothing.
printf 'command sleep 5\nparse_mode tokenized\nsection_size\nassert_eq 0\n' >killed.tstconfig
build killed
expect 2 "timed-out command, JSON" ./killed --timeout 0.5 --format json
jq -e '.assertions[0].passed and .assertions[0].not_checked != null and .summary.not_checked == 1' out \
	>/dev/null && ok || { bad "JSON: the count of a killed command's rows is not checked"; cat out; }

# A failed command's error shows what it printed.
printf 'command sh -c "echo 506 Cannot talk to daemon; exit 1"\nparse_mode tokenized\nproperty x\nassert_undefined\n' \
	>chrony.tstconfig
build chrony
expect 2 "failed command" ./chrony
has out "command exited with status 1: sh -c echo 506 Cannot talk to daemon; exit 1 (its output: 506 Cannot talk to daemon)" \
	"the error shows the command's output"

# --- --root: commands run only where --commands says, and the report says which.
mkdir -p img/etc && echo "k 1" >img/etc/x
printf 'file /etc/x\nparse_mode tokenized\nproperty k\nassert_eq 1\ncommand cat /etc/x\nparse_mode tokenized\nproperty k\nassert_eq 1\n' \
	>root.tstconfig
build root
expect 2 "--root alone runs no command" ./root --root img
has out "command not run: with --root, say where commands run" "--root without --commands"
lacks out "WARN" "the command did not run"
expect 2 "--commands=host" ./root --root img --commands=host
has out "Command:   cat /etc/x (on the host, not in img)" "the report says the command ran on the host"
if [ "$(id -u)" -ne 0 ]; then
	skip "--commands=chroot runs a command inside the image: chroot needs root, and this runs as uid $(id -u)"
else
	expect 2 "--commands=chroot" ./root --root img --commands=chroot
	has out "Command:   cat /etc/x (chrooted into img)" "the report says the command ran chrooted"
	has out "cannot run command cat: No such file or directory" "the command ran inside the image, which has no cat"
fi
expect 2 "--commands takes chroot or host" ./root --commands=jail

# --- Bounded work: files that never end, blocking reads, costly patterns, signals.
printf 'file /dev/zero\nparse_mode tokenized\nproperty k\nassert_undefined\n' >zero.tstconfig
build zero
elapsed ./zero --timeout 1
[ $? -eq 2 ] && [ "$secs" -le 5 ] && ok || bad "/dev/zero: exit $status after $secs s"
has out "stopped reading file /dev/zero: it took longer than 1 s (--timeout)" "/dev/zero stops at --timeout"

mkfifo silent.fifo
(exec 3>silent.fifo; sleep 30) &
writer=$!
printf 'file silent.fifo\nparse_mode tokenized\nproperty k\nassert_undefined\n' >silent.tstconfig
build silent
elapsed ./silent --deadline 1
[ $? -eq 2 ] && [ "$secs" -le 5 ] && ok || bad "a FIFO whose writer never writes: exit $status after $secs s"
has out "stopped reading file silent.fifo: the deadline has passed" "a blocked read stops at the deadline"
kill $writer 2>/dev/null

# A costly pattern, within the build-time bound, stops at the time limit.
awk 'BEGIN { for (i = 0; i < 20000; i++) { s = ""; for (j = 0; j < 40; j++) s = s "abcde"; print s } }' >wide.txt
printf 'file wide.txt\nparse_mode tokenized\nsection_header_pattern ^((.{0,32}){0,32})$\nsection_size\nassert_eq 0\n' \
	>costly.tstconfig
build costly
elapsed ./costly --timeout 1
[ $? -eq 2 ] && [ "$secs" -le 6 ] && ok || bad "pattern matching past the time limit: exit $status after $secs s"
has out "stopped reading file wide.txt: it took longer than 1 s (--timeout)" "pattern matching stops at --timeout"

# SIGTERM to the checker reaches its command's group; the checker still reports, and exits 2.
printf 'command sh -c "sleep 30 & echo $! >sleeper.pid; wait"\nparse_mode tokenized\nproperty x\nassert_undefined\n' \
	>term.tstconfig
build term
./term --report json:term.json >term.out 2>&1 &
checker=$!
i=0
while [ ! -s sleeper.pid ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
kill -TERM $checker
wait $checker
status=$?
[ $status -eq 2 ] && ok || bad "SIGTERM: exit status $status, expected 2"
has term.out "not checked: interrupted by signal 15" "SIGTERM: the rest is not checked"
jq -e '.result == "FAIL"' term.json >/dev/null && ok || bad "SIGTERM: the JSON report was written whole"
sleeper=$(cat sleeper.pid 2>/dev/null)
case $sleeper in
'' | *[!0-9]*) bad "SIGTERM: the command never wrote its child's pid" ;;
*)
	# Gone, or a zombie that no init reaps in a container: either way it no longer runs.
	sleep 0.3
	state=$(sed 's/.*) //' "/proc/$sleeper/stat" 2>/dev/null | cut -c1)
	if [ -n "$state" ] && [ "$state" != Z ]; then
		bad "SIGTERM: the command's child $sleeper outlived the checker"; kill "$sleeper"
	else
		ok
	fi
	;;
esac

# --- Reports: whole or not at all, out of a command's reach, one file each.
echo '{"last": "good"}' >r.json
./term --report json:r.json >/dev/null 2>&1 &
checker=$!
sleep 0.5
kill -KILL $checker
wait $checker 2>/dev/null
[ "$(cat r.json)" = '{"last": "good"}' ] && ok || bad "a killed run left a cut report: $(cat r.json)"
# A file size limit stands in for a full disk: the write fails, the last report stays.
ok_json='{"last": "good"}'
echo "$ok_json" >r.json
rm -f .r.json.tstcc-*    # what the killed run could not remove
(ulimit -f 1; trap '' XFSZ; exec ./unread --report json:r.json) >/dev/null 2>&1
[ $? -eq 2 ] && [ "$(cat r.json)" = "$ok_json" ] && ok || bad "a report that could not be written replaced the last one"
ls -a | grep -q '\.r\.json\.tstcc-' && bad "a report's temporary file was left behind" || ok

printf 'command sh -c "echo forged >&3; echo forged >&4; echo k 1"\nparse_mode tokenized\nproperty k\nassert_eq 1\n' \
	>forge.tstconfig
build forge
: >inherited
expect 0 "a command cannot write to reports or inherited descriptors" sh -c './forge --report json:f.json 4>inherited'
jq -e '.result == "PASS"' f.json >/dev/null && ok || { bad "a command forged the JSON report"; cat f.json; }
[ ! -s inherited ] && ok || bad "a command wrote to a descriptor the checker inherited"

expect 2 "two reports on standard output, a file" sh -c './forge --report json:/dev/stdout >two.out'
has err "two reports would write to one file: standard output and /dev/stdout" "/dev/stdout is refused"
expect 2 "two reports on standard output, a pipe" sh -c '{ ./forge --report json:/dev/stdout; echo $? >st; } | cat; exit $(cat st)'
expect 2 "two reports on one file by two names" ./forge --report json:a.json --report tap:./a.json
expect 0 "/dev/null takes any number of reports" ./forge --report json:/dev/null --report tap:/dev/null

# Closed standard streams are reopened on /dev/null first.
expect 0 "standard input and error closed" sh -c './forge <&- 2>&-'
has out "SUMMARY REPORT: PASS" "a checker with closed streams reports"

# --- Names with control characters are shown escaped.
esc=$(printf 'x\033[2Jy')
printf 'file %s\nparse_mode tokenized\nproperty k\nassert_defined\n' "$esc" >"$esc.tstconfig"
(cd "$tmp" && "$tstcc" "$esc.tstconfig" -o escaped) || bad "build a definition with an ESC in its name"
expect 2 "escaped names" ./escaped
has out "Reading definition file: \$'x\\e[2Jy.tstconfig'" "the definition's name is escaped"
has out "File:      \$'x\\e[2Jy'" "the file's path is escaped"
lacks out "$esc" "no raw escape sequence reaches the terminal"
expect 0 "--list-access escapes" ./escaped --list-access
has out "file \$'x\\e[2Jy'" "--list-access escapes the path"

# --- A value marked sensitive appears in no report.
cp "$top/tests/run/data/shadow" shadow
printf 'file shadow\nsyntax etc_shadow\ncolumns 0 1\nsensitive true\nproperty alice\nassert_eq x\n' >secret.tstconfig
build secret
for format in text tap junit json; do
	expect 1 "a sensitive value, $format" ./secret --format $format --report $format:secret.$format.file
	lacks out 'Qx3c8bE1Jv0YxVh2mT9sK' "the $format report shows no password hash"
	lacks secret.$format.file 'Qx3c8bE1Jv0YxVh2mT9sK' "the $format report file shows no password hash"
done

# --- Command lines: options end at --.
expect 2 "the checker reads no option after --" ./forge -- --format json
has err "unexpected argument '--format'" "-- ends the checker's options"

# --- A NUL byte in a header line: the same answer from the glibc and the musl runtimes.
printf 'k 1\n[s\000t]\nk 2\n[u]\nk 3\n' >nul.txt
printf 'file nul.txt\nparse_mode tokenized\nsection_header_pattern ^\\[(.*)\\]$\nsection_size\nassert_eq x\n' >nul.tstconfig
build nul
expect 1 "NUL in a header line, glibc" ./nul
cp out nul.glibc
# k 1, the NUL line and k 2 are the top level's rows; k 3 is in section u.
has nul.glibc "Value:     3" "a line holding a NUL is no header"
if ! command -v musl-gcc >/dev/null 2>&1; then
	skip "a NUL byte in a header line under the musl runtime: musl-gcc is not installed"
elif echo "${CFLAGS:-}" | grep -q sanitize; then
	skip "a NUL byte in a header line under the musl runtime: musl cannot link the sanitizer runtime"
else
	(cd "$tmp" && "$tstcc" --static nul.tstconfig -o nul_musl) || bad "build nul_musl"
	expect 1 "NUL in a header line, musl" ./nul_musl
	cmp -s out nul.glibc && ok || { bad "musl and glibc runtimes disagree on a NUL in a line"; diff nul.glibc out; }
fi

# --- A checker confines itself (Landlock): it reads only the files it lists,
# and makes files only where its reports go.
echo "k 1" >listed.txt
printf 'command sh -c "ln -sf /etc/hostname link"\nparse_mode tokenized\nproperty x\nassert_undefined\n' >swap.tstconfig
printf 'file link\nparse_mode tokenized\nproperty k\nassert_eq 1\n' >>swap.tstconfig
build swap
# A probe inside the checker: when it opens its first listed file, by then
# confined, it tries to make a file and to read one it does not list.
cat >probe.c <<'C'
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
int open(const char *path, int flags, ...)
{
	static int (*real)(const char *, int, ...);
	static int done;
	const char *at = getenv("PROBE_AT");
	int mode = 0;
	if (flags & O_CREAT) {
		va_list ap;
		va_start(ap, flags);
		mode = va_arg(ap, int);
		va_end(ap);
	}
	if (!real)
		real = (int (*)(const char *, int, ...))dlsym(RTLD_NEXT, "open");
	/* Not the O_PATH open that names the file to Landlock, before the confinement. */
	if (!done && at && strcmp(path, at) == 0 && !(flags & O_PATH)) {
		done = 1;
		const char *other = getenv("PROBE_READ") ? getenv("PROBE_READ") : "/etc/hostname";
		dprintf(2, "probe: make %s, read %s\n", real("by-checker", O_WRONLY | O_CREAT, 0644) < 0 ? "denied" : "allowed",
			real(other, O_RDONLY) < 0 ? "denied" : "allowed");
	}
	return real(path, flags, mode);
}
C
printf 'file listed.txt\nparse_mode tokenized\nproperty k\nassert_eq 1\n' >listed.tstconfig
build listed
if ./swap --format json 2>&1 >/dev/null | grep -q "not confined"; then
	skip "the checker's confinement: $(./swap 2>&1 >/dev/null | head -1)"
else
	ln -sf listed.txt link
	expect 2 "a confined checker reads no file it does not list" ./swap
	has out "cannot read file link: Permission denied" "the link now points to an unlisted file"
	lacks err "not confined" "no message where the checker is confined"
	ln -sf listed.txt link
	expect 1 "--no-sandbox reads it" ./swap --no-sandbox
	has out "Value:     <undefined>" "unconfined, the checker read /etc/hostname through the link"
	# tstcc --run confines tstcc itself, once the definitions are read, the same way.
	ln -sf listed.txt link
	expect 2 "tstcc --run, confined, reads no file the definitions do not list" "$tstcc" --run swap.tstconfig
	has out "cannot read file link: Permission denied" "tstcc --run: the link now points to an unlisted file"
	ln -sf listed.txt link
	expect 1 "tstcc --run -- --no-sandbox reads it" "$tstcc" --run swap.tstconfig -- --no-sandbox
	if echo "${CFLAGS:-}" | grep -q sanitize; then
		skip "a probe inside a confined checker: the sanitizer runtime must come before a preloaded library"
	elif ! ${CC:-cc} -shared -fPIC -o probe.so probe.c -ldl; then
		bad "cannot build the probe"
	else
		expect 0 "a probe inside a confined checker" env LD_PRELOAD="$tmp/probe.so" PROBE_AT=listed.txt ./listed
		has err "probe: make denied, read denied" "a confined checker can make no file and read no unlisted one"
		[ ! -e by-checker ] && ok || bad "a confined checker made a file"
		expect 0 "the same probe unconfined" env LD_PRELOAD="$tmp/probe.so" PROBE_AT=listed.txt ./listed --no-sandbox
		has err "probe: make allowed, read allowed" "unconfined, the probe can do both (so it works)"
	fi
fi
# A files source, confined: the checker lists a pattern's directory and reads
# the files it matched when the checker started (a symbolic link's target
# wherever it is), and nothing else: not the directory's other files, not its
# subdirectories' files, not a file that comes to match later.
mkdir -p conf.d/sub mods img2
echo "k 1" >main.ini
echo "k 2" >mods/opcache.ini
echo "k 8" >mods/other.ini
ln -s ../mods/opcache.ini conf.d/10-opcache.ini
echo "k 3" >conf.d/20-app.ini
echo "k secret" >conf.d/secret.txt
echo "k 9" >conf.d/sub/99.ini
printf 'files main.ini conf.d/*.ini\nparse_mode tokenized\nproperty k\nassert_eq 1 2 3\n' >glob.tstconfig
build glob
printf 'command sh -c "echo k 4 >conf.d/50-late.ini"\nparse_mode tokenized\nsection_size\nassert_eq 0\n' >late.tstconfig
printf 'files main.ini conf.d/*.ini\nparse_mode tokenized\nproperty k\nassert_eq 1 2 3 4\n' >>late.tstconfig
build late
cp -a main.ini mods conf.d img2/
printf 'files /main.ini /conf.d/*.ini\nparse_mode tokenized\nproperty k\nassert_eq 1 2 3\n' >rootglob.tstconfig
build rootglob
if ./glob 2>&1 >/dev/null | grep -q "not confined"; then
	skip "the confinement of a files source: $(./glob 2>&1 >/dev/null | head -1)"
else
	expect 0 "a confined checker reads a glob's matches, a link's target included" ./glob
	lacks err "not confined" "the checker with a files source is confined"
	expect 0 "a confined checker reads a glob's matches under --root" ./rootglob --root img2
	expect 2 "a file that comes to match after the checker started" ./late
	has out "cannot read file conf.d/50-late.ini: Permission denied" "a file that matched only later is not read"
	has out "Assertions not checked: 1" "an assertion on it is not checked"
	rm -f conf.d/50-late.ini
	expect 0 "--no-sandbox reads a file that came to match later" ./late --no-sandbox
	rm -f conf.d/50-late.ini
	if echo "${CFLAGS:-}" | grep -q sanitize; then
		skip "a probe inside a checker confined to a files source: the sanitizer runtime must come before a preloaded library"
	elif [ ! -f probe.so ]; then
		bad "the probe was not built"
	else
		for other in conf.d/secret.txt conf.d/sub/99.ini mods/other.ini; do
			expect 0 "a probe inside a checker confined to a files source, reading $other" \
				env LD_PRELOAD="$tmp/probe.so" PROBE_AT=main.ini PROBE_READ="$other" ./glob
			has err "probe: make denied, read denied" "a files source does not open $other to the checker"
		done
		expect 0 "the same probe unconfined" \
			env LD_PRELOAD="$tmp/probe.so" PROBE_AT=main.ini PROBE_READ=conf.d/secret.txt ./glob --no-sandbox
		has err "probe: make allowed, read allowed" "unconfined, the probe reads the file beside the matches"
	fi
fi
# The report lands in the directory it was asked for, even when its path leads elsewhere by the end.
printf 'command sh -c "mv reports reports.old && mkdir elsewhere && ln -s elsewhere reports"\nparse_mode tokenized\nsection_size\nassert_eq 0\n' \
	>moved.tstconfig
build moved
mkdir reports
expect 0 "a report whose directory moved" ./moved --report json:reports/r.json
[ -s reports.old/r.json ] && [ ! -e elsewhere/r.json ] && ok || bad "the report did not land where it was asked for"

# A files source meeting faults: a path that is not there, a directory that cannot be listed.
ln -s loop loop
printf 'files gone.ini loop/*.ini main.ini conf.d/*.ini\nparse_mode tokenized\nproperty k\nassert_eq 1 2 3\n' >globerr.tstconfig
build globerr
expect 2 "a files source with a missing path and an unlistable directory" ./globerr
has out "cannot read file gone.ini: No such file or directory" "a missing path is an error"
has out "cannot read directory loop: Too many levels of symbolic links" "a directory that cannot be listed is an error"
has out "Assertions not checked: 1" "its assertion is not checked"

# --- valgrind over checkers that meet faults.
if ! command -v valgrind >/dev/null 2>&1; then
	skip "the checkers under valgrind: valgrind is not installed"
elif echo "${CFLAGS:-}" | grep -q sanitize; then
	skip "the checkers under valgrind: they are built with the sanitizers, which valgrind cannot run"
else
	for run in "./unread --format json" "./chrony --format junit" "./root --root img --commands=host" \
		"./forge --report tap:v.tap" "./killed --timeout 0.5 --format tap" "./glob --format json" \
		"./rootglob --root img2 --format junit" "./globerr"; do
		# shellcheck disable=SC2086
		valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
			$run >/dev/null 2>"$tmp/vg"
		[ $? -ne 99 ] && ok || { bad "valgrind: $run"; head -30 "$tmp/vg"; }
	done
	# valgrind knows no Landlock system call: the checker says once that it is not confined.
	valgrind -q ./chrony >/dev/null 2>"$tmp/vg"
	[ "$(grep -c 'not confined: this kernel has no Landlock' "$tmp/vg")" = 1 ] && ok ||
		{ bad "without Landlock, the checker does not say so once"; cat "$tmp/vg"; }
fi

finish faults
