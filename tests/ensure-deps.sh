#!/bin/sh
# Installs the Debian packages that building (re2c, bison), testing (also
# cmocka and pkg-config), differential testing (python3, a Java runtime) or
# fuzzing (clang and its libFuzzer runtime) needs, when they are missing.
# Needs root or sudo.
set -e
want=""
optional=""
command -v re2c >/dev/null 2>&1 || want="$want re2c"
command -v bison >/dev/null 2>&1 || want="$want bison"
if [ "$1" = test ]; then
	command -v pkg-config >/dev/null 2>&1 || want="$want pkg-config"
	if ! pkg-config --exists cmocka 2>/dev/null; then
		want="$want libcmocka-dev"
	fi
	# Parsers that check the checkers' TAP, JUnit and JSON reports.
	command -v prove >/dev/null 2>&1 || want="$want perl"
	command -v xmllint >/dev/null 2>&1 || want="$want libxml2-utils"
	command -v jq >/dev/null 2>&1 || want="$want jq"
	# Prometheus's promtool and an HTML5 parser check those two reports
	# (tests/reports.sh skips, saying so, where they cannot be installed).
	command -v promtool >/dev/null 2>&1 || optional="$optional prometheus"
	/usr/bin/python3 -c 'import html5lib' >/dev/null 2>&1 || optional="$optional python3-html5lib"
	# The man pages are rendered with man -l.
	command -v man >/dev/null 2>&1 || want="$want man-db"
	command -v groff >/dev/null 2>&1 || want="$want groff-base"
	# Small static checkers (tstcc --static) are built and tested with musl.
	command -v musl-gcc >/dev/null 2>&1 || want="$want musl-tools"
	# The fault-injection suite runs checkers under valgrind too.
	command -v valgrind >/dev/null 2>&1 || want="$want valgrind"
	# The fleet example is run by ansible-playbook (tests/fleet.sh skips,
	# saying so, where it cannot be installed).
	command -v ansible-playbook >/dev/null 2>&1 || optional="$optional ansible-core"
fi
if [ "$1" = difftest ]; then
	# The comparison is in Python; the original runs on a Java runtime.
	command -v python3 >/dev/null 2>&1 || want="$want python3"
	command -v java >/dev/null 2>&1 || want="$want default-jre-headless"
fi
if [ "$1" = fuzz ]; then
	command -v clang >/dev/null 2>&1 || want="$want clang"
	dpkg -s libclang-rt-14-dev >/dev/null 2>&1 || want="$want libclang-rt-14-dev"
fi
[ -z "$want$optional" ] && exit 0
if [ "$(id -u)" -eq 0 ]; then
	sudo=""
else
	sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
if [ -n "$want" ]; then
	echo "installing Debian packages:$want"
	$sudo apt-get install -y -qq --no-install-recommends $want >/dev/null
fi
if [ -n "$optional" ]; then
	echo "installing Debian packages:$optional"
	# shellcheck disable=SC2086
	$sudo apt-get install -y -qq --no-install-recommends $optional >/dev/null ||
		echo "could not install$optional: the tests that need them will be skipped"
fi
