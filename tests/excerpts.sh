#!/bin/sh
# The excerpts of generated code in doc/internals.md are the golden files'
# own lines: tests/excerpts.sh TSTCC [--update]
#
# A marker line in the document
#   <!-- excerpt FILE FROM TO -->
# is followed by a fenced block that must hold exactly the lines of FILE
# (under the top directory) from the first line holding the C identifier
# FROM to the next line starting with the fixed string TO (no spaces).
# With --update the blocks are rewritten from the files instead.
. "$(dirname "$0")/lib.sh"

doc="$top/doc/internals.md"
update=${2:-}

# excerpt FILE FROM TO: the lines the marker names
excerpt() {
	awk -v from="$2" -v to="$3" '
		!on && match($0, "(^|[^A-Za-z0-9_])" from "([^A-Za-z0-9_]|$)") { on = 1; print; next }
		on { print; if (index($0, to) == 1) exit }
	' "$top/$1"
}

# The document, with every block replaced by what its marker names.
awk '
	/^<!-- excerpt / { print; marker = $0; next }
	marker && /^```/ && !inside { print; inside = 1; split(marker, m, " "); print "@@" m[3] " " m[4] " " m[5]; next }
	inside && /^```/ { print; inside = 0; marker = ""; next }
	inside { next }
	{ print }
' "$doc" >"$tmp/doc"
: >"$tmp/new"
while IFS= read -r line; do
	case $line in
	@@*)
		# shellcheck disable=SC2086
		set -- ${line#@@}
		if [ ! -f "$top/$1" ] || [ -z "$(excerpt "$1" "$2" "$3")" ]; then
			bad "doc/internals.md: no lines from '$2' to '$3' in $1"
		else
			excerpt "$1" "$2" "$3" >>"$tmp/new"
		fi
		;;
	*) printf '%s\n' "$line" >>"$tmp/new" ;;
	esac
done <"$tmp/doc"
n=$(grep -c '^<!-- excerpt ' "$doc")
if [ "$update" = --update ]; then
	cp "$tmp/new" "$doc"
	echo "doc/internals.md: $n excerpts rewritten"
elif [ "$n" -eq 0 ]; then
	bad "doc/internals.md has no excerpts to check"
elif cmp -s "$doc" "$tmp/new"; then
	ok
else
	bad "doc/internals.md's excerpts differ from the golden files (tests/excerpts.sh TSTCC --update)"
	diff -u "$doc" "$tmp/new" | head -30
fi
finish excerpts
