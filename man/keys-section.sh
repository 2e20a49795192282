#!/bin/sh
# The KEYS section of scribe(1), between its markers, made from the key
# tables built into scribe:
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
trap 'rm -f "$tmp" "$tmp.keys"' EXIT
"$scribe" --dump-keys=man >"$tmp.keys" || exit 2
# the page with the lines from BEGIN KEYS to END KEYS replaced
awk -v f="$tmp.keys" '
	/^\.\\" BEGIN KEYS/ { while ((getline l < f) > 0) print l; skip = 1; begin++; next }
	/^\.\\" END KEYS/ { skip = 0; end++; next }
	!skip
	END { if (begin != 1 || end != 1) exit 3 }' "$page" >"$tmp"
case $? in
0) ;;
3) echo "$page: no single BEGIN KEYS ... END KEYS pair of markers" >&2; exit 2 ;;
*) exit 2 ;;
esac
if [ $check = 1 ]; then
	diff -u "$page" "$tmp" && exit 0
	echo "$page: the KEYS section is not what the key tables make: run make man-keys" >&2
	exit 1
fi
cmp -s "$page" "$tmp" || cat "$tmp" >"$page"
