# bench/map-files.awk - from a GNU ld map (-Wl,-Map), the bytes each input
# file puts into the checker's loaded sections (.bss left out: it takes no
# room in the file).  Prints "file<TAB>bytes<TAB>largest input section",
# the runtime's objects by name (runtime/NAME.c), the generated tables as
# "tables (the definition)", other archives as a whole.
function hex(s,    i, n, c) {
	n = 0
	s = tolower(substr(s, 3))
	for (i = 1; i <= length(s); i++) {
		c = index("0123456789abcdef", substr(s, i, 1)) - 1
		n = n * 16 + c
	}
	return n
}
function group(f,    m) {
	if (f ~ /libtstrt\.a\(/) {
		m = f
		sub(/^.*libtstrt\.a\(/, "", m)
		sub(/\.o\)$/, "", m)
		return "runtime/" m ".c"
	}
	if (f ~ /^\/tmp\// || f == "-")
		return "tables (the definition)"
	if (f ~ /\.a\(/) {
		sub(/\(.*$/, "", f)
	}
	sub(/^.*\//, "", f)
	return f
}
function add(sec, size, f,    g, n) {
	if (out ~ /^\.(bss|tbss|debug|comment|note\.GNU-stack|stab|gnu_debug)/ || out == "")
		return
	n = hex(size)
	if (n == 0)
		return
	g = out ~ /^\.(interp|note|gnu\.hash|hash|dynsym|dynstr|gnu\.version|rela|relr|plt|got|dynamic|eh_frame_hdr)/ ? "dynamic linking and ELF notes (the linker)" : group(f)
	bytes[g] += n
	if (n > top[g]) {
		top[g] = n
		topname[g] = sec
	}
}
/^Linker script and memory map/ { on = 1; next }
!on { next }
/^[^ \t]/ { split($0, a, /[ \t]+/); out = a[1]; pend = ""; next }
/^ [^ ]/ {
	n = split($0, a, /[ \t]+/)
	pend = ""
	if (n >= 5 && a[3] ~ /^0x/ && a[4] ~ /^0x/ && a[2] !~ /^\*/)
		add(a[2], a[4], a[5])
	else if (n == 2 && a[2] ~ /^\./)
		pend = a[2]
	next
}
pend != "" && /^  +0x/ {
	n = split($0, a, /[ \t]+/)
	if (n == 4 && a[3] ~ /^0x/)
		add(pend, a[3], a[4])
	pend = ""
}
END { for (g in bytes) printf "%s\t%d\t%s\n", g, bytes[g], topname[g] }
