#!/bin/sh
# The Prometheus and HTML reports, checked by their real consumers:
# tests/reports.sh TSTCC
#
# promtool (Debian's prometheus package) must accept the Prometheus report
# as node_exporter's textfile collector would read it, and html5lib's
# strict parser (python3-html5lib) the HTML page; each consumer is first
# shown to reject a broken report, so that its verdict means something.
# Where one is missing, its checks are skipped, saying so.
. "$(dirname "$0")/lib.sh"

python=/usr/bin/python3
[ -x "$python" ] || python=python3
html_ok() {
	"$python" -c 'import sys, html5lib
html5lib.HTMLParser(strict=True).parse(open(sys.argv[1], "rb"))' "$1" 2>"$tmp/html5lib"
}
have_promtool=true
command -v promtool >/dev/null 2>&1 || have_promtool=false
have_html5lib=true
"$python" -c 'import html5lib' 2>/dev/null || have_html5lib=false

# A host whose values hold every kind of trouble: quotes, backslashes,
# markup, control characters, a noncharacter, bytes that are not UTF-8,
# a secret; a command that fails (an ERROR) and one that writes to stderr.
printf 'k1 a"b\\c<d>&e\001f\177g\n' >"$tmp/odd.txt"
printf 'k2 x\357\277\276y\302\205z\377w\n' >>"$tmp/odd.txt"
printf 'token s3cr3t-value\nk3 ok\n' >>"$tmp/odd.txt"
cat >"$tmp/we\"ird\\name.tstconfig" <<'DEF'
file odd.txt
parse_mode tokenized
property k1
assert_eq "quote"" back\slash <tag> & line"
property k2
assert_eq nope
sensitive true
property token
assert_eq wrong
sensitive false
property k3
assert_eq ok
command sh -c "echo warned >&2; echo k 1"
parse_mode tokenized
property k
assert_eq 1
command /nonexistent/command
parse_mode tokenized
property k
assert_eq 1
DEF
(cd "$tmp" && "$tstcc" "we\"ird\\name.tstconfig" -o odd) || bad "tstcc odd definition failed"

# Prometheus: on standard output and as --report, the same bytes, run after run.
expect 2 "--format prometheus" sh -c "cd '$tmp' && ./odd --format prometheus"
cp "$tmp/out" "$tmp/odd.prom"
expect 2 "--report prometheus:FILE" sh -c "cd '$tmp' && ./odd --report prometheus:report.prom"
if cmp -s "$tmp/odd.prom" "$tmp/report.prom"; then ok; else bad "--report prometheus differs from --format prometheus"; fi
(cd "$tmp" && ./odd --format prometheus >again.prom 2>/dev/null)
if cmp -s "$tmp/odd.prom" "$tmp/again.prom"; then ok; else bad "two runs gave different Prometheus reports"; fi
has "$tmp/odd.prom" 'tstcc_assertion_passed{definition="we\"ird\\name.tstconfig",line="4",assertion="assert_eq quote\" back\\slash <tag> & line"} 0' \
	"label values escaped"
has "$tmp/odd.prom" 'line="12",assertion="assert_eq ok"} 1' "a passed assertion is 1"
has "$tmp/odd.prom" 'line="20",assertion="assert_eq 1"} 0' "a not checked assertion is 0"
has "$tmp/odd.prom" 'tstcc_assertions{result="not_checked"} 1' "not checked count"
has "$tmp/odd.prom" 'tstcc_errors 2' "errors count"
has "$tmp/odd.prom" 'tstcc_success 0' "success gauge"
lacks "$tmp/odd.prom" 's3cr3t' "Prometheus report holds no value"
# A line feed in a label value (a definition's file name) is written \n.
nl='new
line.tstconfig'
printf 'file odd.txt\nparse_mode tokenized\nproperty k3\nassert_eq ok\n' >"$tmp/$nl"
(cd "$tmp" && "$tstcc" "$nl" -o newline) || bad "tstcc on a definition named with a line feed failed"
expect 0 "a line feed in a definition's name" sh -c "cd '$tmp' && ./newline --report prometheus:newline.prom"
has "$tmp/newline.prom" 'definition="new\nline.tstconfig",line="4"' "a line feed in a label value"
# A check (an extension) adds its id and severity as labels, escaped too.
cat >"$tmp/checked.tstconfig" <<'DEF'
check C\1"q" Title <b>
severity critical
file odd.txt
parse_mode tokenized
property k3
assert_eq ok
DEF
(cd "$tmp" && "$tstcc" checked.tstconfig -o checked) || bad "tstcc checked.tstconfig failed"
expect 0 "a check's labels" sh -c "cd '$tmp' && ./checked --report prometheus:checked.prom --report html:checked.html"
has "$tmp/checked.prom" 'line="6",assertion="assert_eq ok",check="C\\1\"q\"",severity="critical"} 1' \
	"a check's id and severity as labels"
has "$tmp/checked.html" 'check C\1&quot;q&quot; Title &lt;b&gt; (critical)' "a check named in the HTML report"
if $have_promtool; then
	for f in "$tmp/odd.prom" "$tmp/newline.prom" "$tmp/checked.prom"; do
		if promtool check metrics <"$f" >"$tmp/promtool" 2>&1; then ok; else
			bad "promtool rejects $f"; cat "$tmp/promtool"; fi
	done
	# Unescaped, the same report must be refused, or promtool proves nothing.
	sed 's/\\"/"/' "$tmp/odd.prom" >"$tmp/broken.prom"
	if promtool check metrics <"$tmp/broken.prom" >/dev/null 2>&1; then
		bad "promtool accepts a report with an unescaped quote"; else ok; fi
	for f in examples/*.prom; do
		if promtool check metrics <"$f" >"$tmp/promtool" 2>&1; then ok; else
			bad "promtool rejects $f"; cat "$tmp/promtool"; fi
	done
else
	skip "promtool not installed (Debian package prometheus; make deps-test): Prometheus reports not validated"
fi

# HTML: one page, no outside asset or script, failures first, no secret.
expect 2 "--format html" sh -c "cd '$tmp' && ./odd --format html"
cp "$tmp/out" "$tmp/odd.html"
expect 2 "--report html:FILE" sh -c "cd '$tmp' && ./odd --report html:report.html"
if cmp -s "$tmp/odd.html" "$tmp/report.html"; then ok; else bad "--report html differs from --format html"; fi
lacks "$tmp/odd.html" 's3cr3t' "a sensitive value in the HTML report"
has "$tmp/odd.html" 'sensitive, not shown' "a sensitive value is said to be hidden"
has "$tmp/odd.html" 'a&quot;b\c&lt;d&gt;&amp;e<span class="esc">\x01</span>f<span class="esc">\x7f</span>g' \
	"markup and control characters escaped"
has "$tmp/odd.html" 'x<span class="esc">\xef</span><span class="esc">\xbf</span><span class="esc">\xbe</span>y<span class="esc">\xc2</span><span class="esc">\x85</span>z<span class="esc">\xff</span>w' \
	"noncharacters, C1 controls and bytes that are not UTF-8 escaped"
has "$tmp/odd.html" 'warned' "a warning is shown"
has "$tmp/odd.html" '/nonexistent/command' "an error is shown"
for word in '<script' 'src=' 'href=' '<link' 'url('; do
	lacks "$tmp/odd.html" "$word" "the HTML report is self-contained"
done
first_failed=$(grep -n 'class="failed"' "$tmp/odd.html" | head -1 | cut -d: -f1)
first_passed=$(grep -n 'class="passed"' "$tmp/odd.html" | head -1 | cut -d: -f1)
if [ -n "$first_failed" ] && [ -n "$first_passed" ] && [ "$first_failed" -lt "$first_passed" ]; then ok; else
	bad "failed assertions do not come first"; fi
if $have_html5lib; then
	for f in "$tmp/odd.html" "$tmp/checked.html" examples/*.html; do
		if html_ok "$f"; then ok; else bad "html5lib rejects $f"; cat "$tmp/html5lib"; fi
	done
	# A raw control character must be refused, or html5lib proves nothing.
	sed 's/<span class="esc">\\x01<\/span>/\x01/' "$tmp/odd.html" >"$tmp/broken.html"
	if html_ok "$tmp/broken.html"; then bad "html5lib accepts a control character"; else ok; fi
else
	skip "html5lib not installed (Debian package python3-html5lib; make deps-test): HTML reports not validated"
fi
finish reports
