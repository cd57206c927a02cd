# bench/c-tables.awk - the composition of the C that tstcc -S writes: for
# each table (the lines from a `static const ... dN_NAME[] =` header to the
# next header; NAME without its dN_ and sM_ prefixes), its bytes, lines and
# initializer elements: a string of a words-like table is one, a
# `{...}` line as many as its fields, and a table of string-literal lines
# (text) none.  Prints "table<TAB>bytes<TAB>lines<TAB>elements".
function fields(s) {
	gsub(/"([^"\\]|\\.)*"/, "S", s)
	gsub(/\/\*.*\*\//, "", s)
	if (s ~ /^[ \t]*\{./) {
		sub(/\}[ \t]*,?[ \t]*$/, "", s)
		sub(/,[ \t]*$/, "", s)
		return gsub(/,/, ",", s) + 1
	}
	return s ~ /^[ \t]*[."&A-Za-z0-9_-]/
}
/^static const .*d[0-9]+_[A-Za-z0-9_]+(\[\])? =/ || /^int main/ {
	t = $0
	if (t ~ /^int main/)
		t = "main"
	else {
		sub(/(\[\])? =.*$/, "", t)
		sub(/^.*[ *]d[0-9]+_/, "", t)
		sub(/^s[0-9]+_/, "", t)
		if (t ~ /^s[0-9]+$/)
			t = "source"
	}
	name = t
}
/^static const struct tst_definition definitions/ { name = "definitions" }
name == "" { name = "header" }
{
	bytes[name] += length($0) + 1
	lines[name]++
	if (name != "text" && name != "main" && $0 !~ /^[ \t]*\/\*/ && $0 !~ /=[ \t]*\{?[ \t]*$/)
		elems[name] += fields($0)
}
END { for (t in bytes) printf "%s\t%d\t%d\t%d\n", t, bytes[t], lines[t], elems[t] }
