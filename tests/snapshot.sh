#!/bin/sh
# tstcc --snapshot, end to end: tests/snapshot.sh TSTCC
#
# For each real Debian 12 file in tests/snapshot/, a head (the source and
# its parse settings) is snapshotted, the snapshot is compiled, and its
# checker must pass on the file it was taken from, then fail once one
# value of the file is edited.  The files, as their packages ship them:
#   sshd_config                  openssh-server 1:9.2p1-2+deb12u10 (/usr/share/openssh/sshd_config,
#                                which the package installs as /etc/ssh/sshd_config)
#   php.ini-production           php8.2-common 8.2.36-1~deb12u1 (/usr/lib/php/8.2/php.ini-production)
#   ufw-sysctl.conf              ufw 0.36.2-1 (/etc/ufw/sysctl.conf)
#   sysctl.conf                  procps 2:4.0.2-3 (/etc/sysctl.conf)
#   default-ufw                  ufw 0.36.2-1 (/etc/default/ufw)
#   default-fail2ban             fail2ban 1.0.2-2 (/etc/default/fail2ban)
#   default-apache-htcacheclean  apache2 2.4.71-1~deb12u1 (/etc/default/apache-htcacheclean)
# and examples/fixtures/ss-ltn.txt, the output of `ss -ltn`.
. "$(dirname "$0")/lib.sh"

# roundtrip NAME FIXTURE EDIT MIN: $tmp/NAME.head (naming the file
# "source") is snapshotted with FIXTURE copied to $tmp/NAME/source; the
# snapshot must assert at least MIN values, and its checker pass there,
# then fail after the sed expression EDIT changes the copy.
roundtrip() {
	name=$1 fixture=$2 edit=$3 min=$4
	case $fixture in /*) orig=$fixture ;; *) orig=$top/$fixture ;; esac
	mkdir -p "$tmp/$name"
	cp "$orig" "$tmp/$name/source"
	cp "$tmp/$name.head" "$tmp/$name/head.tstconfig"
	cd "$tmp/$name" || return
	if ! "$tstcc" --snapshot head.tstconfig -o snap.tstconfig 2>err; then
		bad "$name: tstcc --snapshot failed"
		cat err
	elif [ "$(grep -c '^assert_' snap.tstconfig)" -lt "$min" ]; then
		bad "$name: fewer than $min assertions in the snapshot"
		cat snap.tstconfig
	elif ! "$tstcc" -Werror snap.tstconfig -o snap 2>err; then
		bad "$name: the snapshot does not compile"
		cat err snap.tstconfig
	elif ! ./snap >out 2>err || ! grep -q '^Assertions failed: 0$' out; then
		bad "$name: the snapshot's checker fails on the file it was taken from"
		cat out err
	else
		ok
	fi
	sed -i "$edit" source
	if cmp -s source "$orig"; then
		bad "$name: the edit '$edit' changed nothing"
	else
		./snap >out 2>&1
		status=$?
		if [ "$status" = 1 ]; then ok; else bad "$name: exit $status after an edit, expected 1"; cat out; fi
	fi
	cd "$top" || exit 2
}

cat >"$tmp/sshd.head" <<'DEF'
file source
parse_mode tokenized
hash_comment_allowed true
section_header_pattern ^Match\s+(.*)$
DEF
roundtrip sshd tests/snapshot/sshd_config 's/^KbdInteractiveAuthentication no/KbdInteractiveAuthentication yes/' 7
has "$tmp/sshd/snap.tstconfig" '# source:62
property KbdInteractiveAuthentication
assert_eq no' "sshd: where a value comes from"
has "$tmp/sshd/snap.tstconfig" 'assert_eq LANG LC_*' "sshd: a value of several elements"

# keys_ignore_case: sshd reads "match" as "Match", and a section (or key)
# written again in another case is the same one, so the snapshot asserts
# the value the checker finds there, the first under duplicates_policy ignore.
{ cat tests/snapshot/sshd_config; printf 'Match User anoncvs\n\tX11Forwarding no\nmatch user anoncvs\n\tx11forwarding yes\n\tPermitTTY no\n'; } >"$tmp/sshd-fold.conf"
cat >"$tmp/fold.head" <<'DEF'
file source
parse_mode tokenized
hash_comment_allowed true
section_header_pattern ^[Mm]atch\s+(.*)$
keys_ignore_case true
duplicates_policy ignore
DEF
roundtrip fold "$tmp/sshd-fold.conf" 's/^\tX11Forwarding no/\tX11Forwarding yes/' 7
lacks "$tmp/fold/snap.tstconfig" 'section "user anoncvs"' "fold: one section for two spellings"

cat >"$tmp/php.head" <<'DEF'
file source
syntax ini
DEF
roundtrip php tests/snapshot/php.ini-production 's/^memory_limit = 128M/memory_limit = 256M/' 100
has "$tmp/php/snap.tstconfig" 'section PHP' "php: sections"
has "$tmp/php/snap.tstconfig" 'assert_eq E_ALL & ~E_DEPRECATED & ~E_STRICT' "php: a value of several words"

cat >"$tmp/sysctl.head" <<'DEF'
file source
parse_mode keyvalue
key_separator =
hash_comment_allowed true
DEF
roundtrip sysctl tests/snapshot/ufw-sysctl.conf 's|^net/ipv4/icmp_echo_ignore_all=0|net/ipv4/icmp_echo_ignore_all=1|' 9

cat >"$tmp/default.head" <<'DEF'
file source
parse_mode keyvalue
key_separator =
hash_comment_allowed true
DEF
cp "$tmp/default.head" "$tmp/ufw.head"
cp "$tmp/default.head" "$tmp/fail2ban.head"
cp "$tmp/default.head" "$tmp/htcacheclean.head"
roundtrip ufw tests/snapshot/default-ufw 's/^DEFAULT_INPUT_POLICY="DROP"/DEFAULT_INPUT_POLICY="ACCEPT"/' 8
roundtrip fail2ban tests/snapshot/default-fail2ban 's/^FAIL2BAN_OPTS=""/FAIL2BAN_OPTS="-v"/' 1
has "$tmp/fail2ban/snap.tstconfig" 'property FAIL2BAN_OPTS
assert_eq
' "an empty value"
roundtrip htcacheclean tests/snapshot/default-apache-htcacheclean 's/^HTCACHECLEAN_OPTIONS="-n"/HTCACHECLEAN_OPTIONS="-n -t"/' 4
has "$tmp/htcacheclean/snap.tstconfig" 'assert_eq -n' "a value with a leading dash"

# Debian's /etc/sysctl.conf (procps 2:4.0.2-3) sets nothing: what is
# asserted is that it still sets nothing.
cp "$tmp/sysctl.head" "$tmp/procps.head"
roundtrip procps tests/snapshot/sysctl.conf 's|^#kernel.printk = 3 4 1 3|kernel.printk = 3 4 1 3|' 1
has "$tmp/procps/snap.tstconfig" 'section_size
assert_eq 0' "a source without keys"

# split_values: the snapshot asserts the elements as the values were cut,
# so it says split_values too, escaped to read back as it was (fstab: mount
# 2.38.1-5+deb12u3's examples/mount.fstab, edited as examples/fstab_tmp says).
cat >"$tmp/fstab.head" <<'DEF'
file source
parse_mode tokenized
hash_comment_allowed true
columns 1 3
split_values ,
property /tmp
split_values " ,"
property /home
split_values
property /var
DEF
roundtrip fstab examples/fixtures/fstab 's|rw,nosuid,nodev,size=2G|rw,nosuid,size=2G|' 3
has "$tmp/fstab/snap.tstconfig" 'split_values ","
# source:29
property /tmp
assert_eq rw nosuid nodev size=2G mode=1777' "fstab: split_values with the cut value"
has "$tmp/fstab/snap.tstconfig" 'split_values "\u0020,"' "fstab: split_values escaped"
has "$tmp/fstab/snap.tstconfig" 'split_values
# source:25' "fstab: split_values turned off"

# ss -ltn: the local address (column 3) is the key, as a definition would ask.
cat >"$tmp/ss.head" <<'DEF'
file source
parse_mode tokenized
skip_header_lines 1
columns 3 0 1 2
property 0.0.0.0:22
property 0.0.0.0:25
DEF
roundtrip ss examples/fixtures/ss-ltn.txt 's/0.0.0.0:22 /0.0.0.0:2222/' 2
has "$tmp/ss/snap.tstconfig" 'columns 3 0 1 2
# source:3
property 0.0.0.0:22
assert_eq LISTEN 0 128' "only the keys named, with their column map"
has "$tmp/ss/snap.tstconfig" 'property 0.0.0.0:25
assert_undefined' "a key that is not there"

# Values that test the quoting: spaces, quotes, '#', dashes, non-ASCII,
# tabs, a section name with spaces; an empty element (no definition line
# can hold it); a secret; the output of a command.
cat >"$tmp/odd.txt" <<'TXT'
top = level
[server  settings]
two = "two  spaces"
quoted = "say ""hi"""
hash = a#b # c
dash = -n --verbose
greek = καλημέρα σας
lead = """x"
tab = "a	b"
token = s3cr3t
[]
lost = v
TXT
cat >"$tmp/odd.head" <<'DEF'
file source
syntax ini
DEF
roundtrip odd "$tmp/odd.txt" 's/καλημέρα/kalimera/' 8
for text in 'section "server  settings"' 'assert_eq "two  spaces"' 'assert_eq "say ""hi"""' 'assert_eq a#b "#" c' \
	'assert_eq -n --verbose' 'assert_eq καλημέρα σας' 'assert_eq """x"' 'assert_eq "a	b"' \
	'# a section whose name no definition line can hold is left out'; do
	has "$tmp/odd/snap.tstconfig" "$text" "quoting: $text"
done

printf 'root:x:0:0:root:/root:/bin/bash\nnobody::65534:65534:::\n' >"$tmp/passwd.txt"
cat >"$tmp/passwd.head" <<'DEF'
file source
syntax etc_passwd
DEF
roundtrip passwd "$tmp/passwd.txt" 's|/bin/bash|/bin/sh|' 2
has "$tmp/passwd/snap.tstconfig" 'only its presence is asserted
assert_defined' "a value with empty elements"

cat >"$tmp/named.head" <<'DEF'
file source
syntax ini
section "server  settings"
duplicates_policy replace
property dash
sensitive true
property token
sensitive false
property nothere
section
property top
DEF
roundtrip named "$tmp/odd.txt" 's/^dash = -n/dash = -q/' 4
lacks "$tmp/named/snap.tstconfig" 's3cr3t' "a sensitive value is not written"
has "$tmp/named/snap.tstconfig" 'sensitive true' "sensitive kept"
has "$tmp/named/snap.tstconfig" 'duplicates_policy replace' "duplicates policy kept"

# A head that names no key still has its query settings honoured: under
# `sensitive true` no value is written, and `duplicates_policy ignore`
# asserts the first value (sshd's rule), written as such.
printf 'password s3cr3t\nPort 22\nPort 2222\n' >"$tmp/every.txt"
cat >"$tmp/every.head" <<'DEF'
file source
parse_mode tokenized
duplicates_policy ignore
sensitive true
DEF
roundtrip every "$tmp/every.txt" 's/^password s3cr3t/Port 1/' 2
lacks "$tmp/every/snap.tstconfig" 's3cr3t' "every key: a sensitive value is not written"
has "$tmp/every/snap.tstconfig" 'sensitive true' "every key: sensitive kept"
printf 'file source\nparse_mode tokenized\nduplicates_policy ignore\n' >"$tmp/first.head"
roundtrip first "$tmp/every.txt" 's/^Port 22$/Port 23/' 2
has "$tmp/first/snap.tstconfig" 'duplicates_policy ignore' "every key: duplicates policy kept"
# (grep -F takes each line of a pattern as a pattern of its own: the pair is checked with -A1.)
if grep -x -A1 'property Port' "$tmp/first/snap.tstconfig" | grep -qx 'assert_eq 22'; then ok; else
	bad "every key: the first value is not the one asserted"
	cat "$tmp/first/snap.tstconfig"
fi

cat >"$tmp/cmd.head" <<'DEF'
command sh -c "cat source"
parse_mode tokenized
DEF
roundtrip cmd "$tmp/odd.txt" 's/^top = level/top = floor/' 8
has "$tmp/cmd/snap.tstconfig" '# output of sh -c cat source, line 1' "a command's output lines"

# Bytes that are not UTF-8 round-trip; a carriage return inside a value
# (command output ends lines at line feeds only) cannot be written.
printf 'k1 a\377b\nk2 x\rz\n' >"$tmp/bytes.txt"
printf 'command cat source\nparse_mode tokenized\nseparator " "\n' >"$tmp/bytes.head"
roundtrip bytes "$tmp/bytes.txt" 's/a\xffb/ab/' 2
has "$tmp/bytes/snap.tstconfig" "$(printf 'assert_eq a\377b')" "bytes that are not UTF-8"
has "$tmp/bytes/snap.tstconfig" 'property k2
# the value has an empty or missing element, a NUL or a line break,' "a carriage return in a value"

# A head may use variables (-D, define): the snapshot has their values
# written in, and needs none; a value holding '${' stays plain text.
printf 'k ${HOME}\n' >"$tmp/vars.txt"
cat >"$tmp/vars.head" <<'DEF'
variables true
define MODE tokenized
file ${FILE}
parse_mode ${MODE}
DEF
mkdir -p "$tmp/vars"
cp "$tmp/vars.txt" "$tmp/vars/source"
cp "$tmp/vars.head" "$tmp/vars/head.tstconfig"
expect 0 "a head with variables" sh -c "cd '$tmp/vars' && '$tstcc' --snapshot -D FILE=source head.tstconfig -o snap.tstconfig"
has "$tmp/vars/snap.tstconfig" 'file source
parse_mode tokenized' "variables replaced"
has "$tmp/vars/snap.tstconfig" 'assert_eq ${HOME}' "'\${' in a value"
lacks "$tmp/vars/snap.tstconfig" 'variables' "no variables in a snapshot"
expect 0 "the snapshot of a head with variables" sh -c "cd '$tmp/vars' && '$tstcc' -Werror snap.tstconfig -o snap && ./snap"

# What cannot be snapshotted is an error, and nothing is written.
cd "$tmp" || exit 2
printf 'file missing.conf\nparse_mode tokenized\n' >missing.tstconfig
expect 2 "an unreadable file" "$tstcc" --snapshot missing.tstconfig -o missing.out
has "$tmp/err" "missing.tstconfig:1: cannot read file missing.conf" "why it failed"
if [ -e missing.out ]; then bad "a failed snapshot wrote its output"; else ok; fi
printf 'file odd.txt\n' >nomode.tstconfig
expect 2 "a source without parse settings" "$tstcc" --snapshot nomode.tstconfig
has "$tmp/err" "needs the source's parse settings" "why it failed"
printf 'files odd.*\nparse_mode tokenized\n' >files.tstconfig
expect 2 "a files source" "$tstcc" --snapshot files.tstconfig
expect 2 "two definitions" "$tstcc" --snapshot nomode.tstconfig files.tstconfig
expect 2 "over the definition read" "$tstcc" --snapshot odd.head -o odd.head
cd "$top" || exit 2
finish snapshot
