#!/bin/sh
# The parts of scribe(1) made from the key tables built into scribe: the
# KEYS section and the request names of CONFIGURATION, each between its
# BEGIN and END markers.
#   keys-section.sh SCRIBE PAGE          rewrites PAGE (make man-keys)
#   keys-section.sh --check SCRIBE PAGE  says how PAGE differs; exit 1 if it does
check=0
if [ "$1" = --check ]; then
	check=1
	shift
fi
scribe=$1 page=$2
[ -x "$scribe" ] && [ -f "$page" ] || { echo "usage: $0 [--check] SCRIBE PAGE" >&2; exit 2; }
tmp=$(mktemp) || exit 2
trap 'rm -f "$tmp" "$tmp.keys" "$tmp.requests"' EXIT
"$scribe" --dump-keys=man >"$tmp.keys" || exit 2
"$scribe" --dump-keys=man-requests >"$tmp.requests" || exit 2
# the page with each part, markers included, replaced
awk -v keys="$tmp.keys" -v requests="$tmp.requests" '
	function emit(f,   l) { while ((getline l < f) > 0) print l; close(f) }
	/^\.\\" BEGIN KEYS/ { if (part != "") exit 3; emit(keys); part = "KEYS"; n[part]++; next }
	/^\.\\" BEGIN REQUESTS/ { if (part != "") exit 3; emit(requests); part = "REQUESTS"; n[part]++; next }
	/^\.\\" END (KEYS|REQUESTS)/ { if (part == "" || index($0, "END " part) != 5) exit 3; part = ""; next }
	part == ""
	END { if (part != "" || n["KEYS"] != 1 || n["REQUESTS"] != 1) exit 3 }' "$page" >"$tmp"
case $? in
0) ;;
3) echo "$page: the BEGIN and END markers of KEYS and REQUESTS are missing or not in pairs" >&2; exit 2 ;;
*) exit 2 ;;
esac
if [ $check = 1 ]; then
	diff -u "$page" "$tmp" && exit 0
	echo "$page: what the key tables make differs: run make man-keys" >&2
	exit 1
fi
cmp -s "$page" "$tmp" || cat "$tmp" >"$page"
