#!/bin/bash
# A valid journal cut at every byte offset, and a 1 GiB sparse file:
# each is judged in bounded time with FILE:LINE:COLUMN, never a crash.
. "$srcdir/tests/lib.sh"

id=$("$SCRIBE" new Truncation)
"$SCRIBE" log "$id" --kind deploy "first record: café ☃" >/dev/null
"$SCRIBE" log "$id" "$(printf 'second\nwith two lines')" >/dev/null
cat "$SCRIBE_DIR/$id"/j-*.yaml >"$WORK/valid.yaml"
size=$(stat -c %s "$WORK/valid.yaml")
bad=0 clean=0 incomplete=0 other=""
for n in $(seq 1 $((size - 1))); do
	head -c "$n" "$WORK/valid.yaml" >"$WORK/cut.yaml"
	timeout 5 "$SCRIBE" check "$WORK/cut.yaml" >"$WORK/out" 2>"$WORK/err"
	rc=$?
	case $rc in
	0) clean=$((clean + 1)) ;;
	65) incomplete=$((incomplete + 1)) ;;
	*) bad=$((bad + 1)); other="$other $n:$rc" ;;
	esac
	# every line of output is FILE:LINE:COLUMN: message
	if grep -qv "^$WORK/cut.yaml:[0-9]*:[0-9]*: " "$WORK/out" || [ -s "$WORK/err" ]; then
		bad=$((bad + 1)); other="$other $n:output"
	fi
done
echo "# $((size - 1)) cuts of a $size-byte journal: $clean read clean (cut at a record's end), $incomplete reported"
is "$bad" 0 "every cut is judged with FILE:LINE:COLUMN and exit 0 or 65, never a crash or a hang${other:+ (bad:$other)}"
check "cuts inside a record are reported" test "$incomplete" -gt 0

truncate -s 1G "$WORK/huge.yaml"
run timeout 5 "$SCRIBE" check "$WORK/huge.yaml"
is "$RC" 65 "a 1 GiB sparse file: exit 65, at once"
like "$OUT" "^$WORK/huge.yaml:1:1: larger than 256 MiB, not read\$" "named, not read"

done_testing
