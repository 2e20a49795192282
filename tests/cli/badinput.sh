#!/bin/bash
# Broken and hostile journal files.  Every file in tests/fixtures/bad/
# holds one problem; `scribe check FILE` must print exactly the lines of
# its .expect (FILE standing for the path) and exit 65, quickly.  Files
# in tests/fixtures/good/ must check clean.  Then the same inside an
# incident: a bad journal next to good ones is reported by check, leaves
# show and log working, and is never changed or removed; symlinks, FIFOs
# and oversize files planted as journals are not read and do not hang.
. "$srcdir/tests/lib.sh"

FIX=$srcdir/tests/fixtures

# expected EXPECT-FILE PATH: its lines with the leading FILE replaced by PATH
expected() {
	local line
	while IFS= read -r line; do
		printf '%s\n' "$2${line#FILE}"
	done <"$1"
}

# ---- one file at a time ----

for f in "$FIX"/bad/*.yaml; do
	name=bad/$(basename "$f" .yaml)
	run timeout 5 "$SCRIBE" check "$f"
	is "$RC" 65 "$name: exit 65 (in time)"
	is "$OUT" "$(expected "${f%.yaml}.expect" "$f")" "$name: the expected FILE:LINE:COLUMN: message"
	is "$ERR" "" "$name: nothing on stderr"
done

for f in "$FIX"/good/*.yaml; do
	name=good/$(basename "$f" .yaml)
	run timeout 5 "$SCRIBE" check "$f"
	is "$RC" 0 "$name: accepted, exit 0"
	is "$OUT$ERR" "" "$name: no output"
done

# Made here rather than shipped: a value over 256 KiB, and one at it.
head12() { sed -n 1,12p "$FIX/good/plain.yaml"; }
{ head12; printf '  text: '; head -c 262145 /dev/zero | tr '\0' x; printf '\n...\n'; } >"$WORK/big-value.yaml"
run timeout 5 "$SCRIBE" check "$WORK/big-value.yaml"
is "$RC" 65 "value of 256 KiB + 1: exit 65"
is "$OUT" "$WORK/big-value.yaml:13:9: value too long (262145 bytes; at most 262144)" "value of 256 KiB + 1: named"
{ head12; printf '  text: '; head -c 262144 /dev/zero | tr '\0' x; printf '\n...\n'; } >"$WORK/max-value.yaml"
run timeout 5 "$SCRIBE" check "$WORK/max-value.yaml"
is "$RC:$OUT" "0:" "value of exactly 256 KiB is accepted"

# A file over 256 MiB (sparse: a valid record, then holes) is not read.
big=$WORK/j-20260101t000000z-host-1-huge.yaml
cp "$FIX/good/plain.yaml" "$big"
truncate -s 257M "$big"
run timeout 5 "$SCRIBE" check "$big"
check "file of 257 MiB: check finishes in time" test "$RC" != 124
check "file of 257 MiB: not accepted" test "$RC" != 0
is "$RC" 65 "file of 257 MiB: exit 65"
is "$OUT" "$big:1:1: larger than 256 MiB, not read" "file of 257 MiB: named as too large"

# A FIFO and a symlink named on the command line.
mkfifo "$WORK/j-fifo.yaml"
run timeout 5 "$SCRIBE" check "$WORK/j-fifo.yaml"
check "FIFO: check does not hang" test "$RC" != 124
check "FIFO: not accepted" test "$RC" != 0
is "$RC:$OUT" "65:$WORK/j-fifo.yaml:1:1: not a regular file, not read" "FIFO: named as not a regular file"
ln -s "$FIX/bad/unknown-kind.yaml" "$WORK/j-link.yaml"
run timeout 5 "$SCRIBE" check "$WORK/j-link.yaml"
check "symlink: check finishes" test "$RC" != 124
like "$ERR$OUT" '^(.*unknown kind|.*j-link\.yaml:1:1: a symbolic link)' "symlink: followed or named as a symlink, not 'no such file'"

# Hostile shapes too big to ship: deep nesting and many aliases.
# repeat STRING N: STRING N times
repeat() {
	local s=$1 n=$2 out=
	while [ "$n" -gt 0 ]; do
		[ $((n & 1)) = 1 ] && out=$out$s
		s=$s$s
		n=$((n >> 1))
	done
	printf '%s' "$out"
}
{ head12; printf '  text: '; repeat '[' 100000; printf x; repeat ']' 100000
  printf '\n...\n'; } >"$WORK/deep.yaml"
run timeout 5 "$SCRIBE" check "$WORK/deep.yaml"
is "$RC" 65 "100000 nested lists: exit 65 in time, no crash"
check "100000 nested lists: a few lines, not one per level" \
	test "$RC" = 65 -a "$(printf '%s\n' "$OUT" | wc -l)" -le 10
{ head12 | sed 12d; printf '  kind: &a deploy\n  text: ['; repeat '*a, ' 100000; printf '*a]\n...\n'; } \
	>"$WORK/aliases.yaml"
run timeout 5 "$SCRIBE" check "$WORK/aliases.yaml"
is "$RC" 65 "100000 aliases: exit 65 in time"
like "$OUT" "^$WORK/aliases.yaml:12:9: anchors \(&a\) are not allowed" "100000 aliases: the anchor is named"
check "100000 aliases: a few lines, not one per alias" test "$(printf '%s\n' "$OUT" | wc -l)" -le 10

# ---- inside an incident ----

run "$SCRIBE" new Bad input
id=$OUT
dir=$SCRIBE_DIR/$id
run "$SCRIBE" log "$id" first good event
is "$RC" 0 "log a first event"
run "$SCRIBE" log "$id" second good event
is "$RC" 0 "log a second event"
bad=$dir/j-20260101t000000z-host-1-bad.yaml

for fx in syntax-error unknown-kind nul-byte invalid-utf8 truncated-multibyte alias-bomb duplicate-key-set id-dotdot; do
	cp "$FIX/bad/$fx.yaml" "$bad"
	run timeout 5 "$SCRIBE" check "$id"
	is "$RC" 65 "$fx in the incident: check ID exits 65"
	want=$(expected "$FIX/bad/$fx.expect" "$bad")
	check "$fx in the incident: check ID names $(basename "$bad"):LINE:COLUMN" \
		grep -qxF -- "$(printf '%s\n' "$want" | head -1)" "$WORK/out"
	run timeout 5 "$SCRIBE" show "$id"
	is "$RC" 0 "$fx in the incident: show exits 0"
	like "$OUT" 'tester: first good event$' "$fx in the incident: show has the first event"
	like "$OUT" 'tester: second good event$' "$fx in the incident: show has the second event"
	run timeout 5 "$SCRIBE" log "$id" "more after $fx"
	is "$RC" 0 "$fx in the incident: log still works"
	run timeout 5 "$SCRIBE" show "$id"
	like "$OUT" "tester: more after $fx\$" "$fx in the incident: and the new event shows"
	check "$fx in the incident: the bad file is still there" test -f "$bad"
	check "$fx in the incident: its bytes are unchanged" cmp -s "$bad" "$FIX/bad/$fx.yaml"
done

# A good record before a bad byte in the same file.
{ sed 's/payment v2 rolled out/kept before the bad byte/' "$FIX/good/plain.yaml"
  sed 's/eabcdefghij/ebcdefghijk/; s/rabcdefghijk/rbcdefghijkl/' "$FIX/bad/invalid-utf8.yaml"; } >"$bad"
cp "$bad" "$WORK/mixed.yaml"
run timeout 5 "$SCRIBE" check "$id"
like "$OUT" "^$bad:27:17: invalid UTF-8 \(byte 0xff\)\$" "bad byte after a good record: named at its line"
run timeout 5 "$SCRIBE" show "$id"
like "$OUT" 'ann: kept before the bad byte$' "bad byte after a good record: the good record still shows"
check "bad byte after a good record: file unchanged" cmp -s "$bad" "$WORK/mixed.yaml"
rm -f "$bad"

# The incident's own journal, checked by path.
own=$(grep -l '^type: incident$' "$dir"/j-*.yaml | head -1)
run timeout 5 "$SCRIBE" check "$own"
is "$RC:$OUT" "0:" "check FILE on the incident's own journal is clean"

# A symlink to a file outside, a FIFO and a sparse 257 MiB file, all
# named like journals.
printf '%s' "$(sed 's/payment v2 rolled out/secret from outside/' "$FIX/good/plain.yaml")" >"$WORK/outside.yaml"
echo >>"$WORK/outside.yaml"
cp "$WORK/outside.yaml" "$WORK/outside.orig"
link=$dir/j-20260101t000000z-host-1-link.yaml
fifo=$dir/j-20260101t000000z-host-1-fifo.yaml
huge=$dir/j-20260101t000000z-host-1-huge.yaml
ln -s "$WORK/outside.yaml" "$link"
mkfifo "$fifo"
cp "$FIX/good/plain.yaml" "$huge"
truncate -s 257M "$huge"

run timeout 5 "$SCRIBE" show "$id"
is "$RC" 0 "symlink, FIFO, huge file: show exits 0 (does not hang)"
like "$OUT" 'tester: first good event$' "symlink, FIFO, huge file: show has the first event"
like "$OUT" 'tester: second good event$' "symlink, FIFO, huge file: show has the second event"
check "symlink: the file outside is not read" bash -c '! grep -q "secret from outside" "$0"' "$WORK/out"
check "huge file: not read" bash -c '! grep -q "payment v2 rolled out" "$0"' "$WORK/out"
run timeout 5 "$SCRIBE" log "$id" with traps planted
is "$RC" 0 "symlink, FIFO, huge file: log still works"
run timeout 5 "$SCRIBE" check "$id"
check "symlink, FIFO, huge file: check does not hang" test "$RC" != 124
reason="check ID skips symlinks, FIFOs and oversize journals silently (stale errno == ENOENT)"
is "$RC" 65 "symlink, FIFO, huge file: check exits 65"
like "$OUT" "^$link:1:1: a symbolic link, not read\$" "check names the symlink"
like "$OUT" "^$fifo:1:1: not a regular file, not read\$" "check names the FIFO"
like "$OUT" "^$huge:1:1: larger than 256 MiB, not read\$" "check names the huge file"
check "symlink: still a symlink" test -L "$link"
check "symlink: the file outside is unchanged" cmp -s "$WORK/outside.yaml" "$WORK/outside.orig"
check "FIFO: still a FIFO" test -p "$fifo"

done_testing
