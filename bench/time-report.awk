# bench/time-report.awk - from gcc's -ftime-report output: each "phase"
# line, then the five largest other items, by wall seconds, and TOTAL.
# Prints markdown rows "| name | wall s | share |".
function wall(s) {
	sub(/^[^:]*:/, "", s)
	gsub(/\( *[0-9]+%\)/, "", s)
	sub(/^[ \t]+/, "", s)
	split(s, a, /[ \t]+/)
	return a[3]
}
function name(s) {
	sub(/[ \t]*:.*$/, "", s)
	sub(/^[ \t]+/, "", s)
	return s
}
/^ phase / { p[name($0)] = wall($0); np++; pn[np] = name($0); next }
/^ TOTAL/ { total = wall($0); next }
/^ [a-zA-Z].*:.*\(/ { ni++; iname[ni] = name($0); iw[ni] = wall($0) }
END {
	if (total == "" || total == 0)
		exit
	for (i = 1; i <= np; i++)
		printf "| %s | %.2f s | %.0f %% |\n", pn[i], p[pn[i]], 100 * p[pn[i]] / total
	for (k = 1; k <= 5 && k <= ni; k++) {
		best = 0
		for (i = 1; i <= ni; i++)
			if (!done[i] && (best == 0 || iw[i] > iw[best]))
				best = i
		done[best] = 1
		printf "| %s | %.2f s | %.0f %% |\n", iname[best], iw[best], 100 * iw[best] / total
	}
	printf "| TOTAL | %.2f s | 100 %% |\n", total
}
