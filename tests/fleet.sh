#!/bin/sh
# The fleet example (examples/fleet) run by the real consumer:
# tests/fleet.sh TSTCC runs ansible-playbook over its two local inventory
# names, and checks that the checkers were built once, run on both, that
# both hosts' reports came back (JUnit read by xmllint, JSON by jq), that
# the play failed for web2 only, whose check failed, and that the merged
# host x check table is examples/fleet/summary.expected (its HTML page read
# by an HTML5 parser).
. "$(dirname "$0")/lib.sh"

if ! command -v ansible-playbook >/dev/null 2>&1; then
	skip "the fleet example: ansible-playbook is not installed (make deps-test installs ansible-core)"
	finish fleet
	exit
fi
out=$tmp/fleet
export ANSIBLE_NOCOLOR=1 ANSIBLE_LOCAL_TEMP="$tmp/ansible" ANSIBLE_REMOTE_TEMP="$tmp/ansible" \
	ANSIBLE_RETRY_FILES_ENABLED=0 ANSIBLE_HOST_KEY_CHECKING=0
PATH=$(dirname "$tstcc"):$PATH ansible-playbook -i examples/fleet/inventory.ini examples/fleet/site.yml \
	-e "fleet_out=$out" -e "tstcc_remote_dir=$out/hosts/{{ inventory_hostname }}" >"$tmp/log" 2>&1
status=$?
# ansible-playbook's status 2: some host failed.
if [ "$status" = 2 ]; then ok; else bad "ansible-playbook exited $status, expected 2"; tail -30 "$tmp/log"; fi
has "$tmp/log" 'fatal: [web2]: FAILED! => {"changed": false, "msg": "sshd_dropins.tstconfig: a check failed' \
	"the play fails for web2"
lacks "$tmp/log" 'fatal: [web1]' "the play does not fail for web1"
has "$tmp/log" "localhost                  : ok=2 " "the checkers are built once, on the controller"
for host in web1 web2; do
	for f in checkers/sshd_dropins hosts/$host/sshd_dropins reports/$host/sshd_dropins.json \
		reports/$host/sshd_dropins.junit; do
		if [ -s "$out/$f" ]; then ok; else bad "no $f after the fleet run"; fi
	done
	if xmllint --noout "$out/reports/$host/sshd_dropins.junit" 2>"$tmp/err"; then ok; else
		bad "$host's JUnit report is not well-formed XML"
		cat "$tmp/err"
	fi
done
if [ "$(jq -r .result "$out/reports/web1/sshd_dropins.json") $(jq -r .result "$out/reports/web2/sshd_dropins.json")" = \
	"PASS FAIL" ]; then ok; else bad "the fetched JSON reports do not say web1 PASS, web2 FAIL"; fi
if cmp -s examples/fleet/summary.expected "$out/reports/summary.txt"; then ok; else
	bad "the fleet summary differs from examples/fleet/summary.expected"
	diff -u examples/fleet/summary.expected "$out/reports/summary.txt"
fi
if /usr/bin/python3 -c 'import html5lib' 2>/dev/null; then
	if /usr/bin/python3 -c '
import sys, html5lib
html5lib.HTMLParser(strict=True).parse(open(sys.argv[1], "rb"))' "$out/reports/summary.html" 2>"$tmp/err"; then
		ok
	else
		bad "the fleet summary page is not valid HTML5"
		tail -3 "$tmp/err"
	fi
	has "$out/reports/summary.html" '<td class="FAIL">FAIL</td>' "the summary page marks web2's failed check"
else
	skip "the fleet summary page: Debian's python3-html5lib is not installed"
fi
finish fleet
