#!/bin/bash
# The private cache of parsed journals: a second read gives exactly what
# the first gave, a journal that grew or was replaced is read again, and
# a damaged or foreign cache is ignored.
. "$srcdir/tests/lib.sh"

export XDG_CACHE_HOME=$WORK/cache
id=$("$SCRIBE" new Cached)
# one journal large enough to be cached (>= 64 KiB): a session's worth
for i in $(seq 1 400); do printf 'event %d with some text to make it longer than a short line\n' "$i"; done >"$WORK/lines"
j=$(ls "$SCRIBE_DIR/$id"/j-*.yaml)
while read -r line; do
	"$SCRIBE" log "$id" "$line" >/dev/null
done < <(head -3 "$WORK/lines")
# build a big journal by hand from records written by scribe itself
cat "$SCRIBE_DIR/$id"/j-*.yaml >/dev/null
big=$SCRIBE_DIR/$id/j-20260101t000000z-host-1-big.yaml
for i in $(seq 1 300); do
	n=$(printf '%010d' "$i")
	printf -- '---\ntype: event\nid: ebig%s\nrev: rbig%s\ntime: 2026-11-26T14:03:00.000Z\nauthor: tester\nset:\n  at: 2026-11-26T14:%02d:00.000Z\n  typed: 2026-11-26T14:03:00.000Z\n  logged: 2026-11-26T14:03:00.000Z\n  by: tester\n  kind: note\n  text: a long enough line of text for event number %s, to fill the journal up\n...\n' "$n" "$n" $((i % 60)) "$i"
done >"$big"
check "the big journal is over 64 KiB" test "$(stat -c %s "$big")" -ge 65536

"$SCRIBE" export "$id" --format yaml >"$WORK/first"
cache=$XDG_CACHE_HOME/scribe/$id
check "a cache entry is written for the big journal" test -f "$cache/$(basename "$big").bin"
is "$(stat -c %a "$cache")" 700 "the cache folder is private"
is "$(stat -c %a "$cache/$(basename "$big").bin")" 600 "and so is the entry"
check "no cache entry for small journals" bash -c "[ \$(ls '$cache' | wc -l) -eq 1 ]"
"$SCRIBE" export "$id" --format yaml >"$WORK/second"
check "read through the cache: the same export" cmp -s "$WORK/first" "$WORK/second"

# an in-place edit of the same size, its mtime set back: the cache is
# not believed (the ctime moved), the edited text is read
m=$(stat -c %y "$big")
off=$(grep -b -o 'event number 7,' "$big" | head -1 | cut -d: -f1)
ino=$(stat -c %i "$big")
printf 'EDITED!' | dd of="$big" bs=1 seek="$off" conv=notrunc 2>/dev/null
touch -d "$m" "$big"
is "$(stat -c %i "$big") $(stat -c %y "$big")" "$ino $m" "the edit kept the inode, size and mtime"
like "$("$SCRIBE" show "$id")" 'EDITED!' "a journal edited in place (mtime set back) is read again, not taken from the cache"
"$SCRIBE" export "$id" --format yaml >/dev/null
like "$("$SCRIBE" show "$id")" 'EDITED!' "and the rewritten entry has the edit"

# the journal grows: the new records are read too
printf -- '---\ntype: event\nid: egrown00001\nrev: rgrown00001\ntime: 2026-11-26T15:00:00.000Z\nauthor: tester\nset:\n  at: 2026-11-26T15:00:00.000Z\n  text: grown after caching\n...\n' >>"$big"
like "$("$SCRIBE" show "$id")" 'grown after caching' "records added after the cache are read"

# a damaged cache is ignored, never believed
printf 'garbage' | dd of="$cache/$(basename "$big").bin" bs=1 seek=100 conv=notrunc 2>/dev/null
"$SCRIBE" export "$id" --format yaml >"$WORK/third"
is "$(grep -c '^- id: e' "$WORK/third")" 304 "a damaged cache is ignored: every event is there"
truncate -s 50 "$cache/$(basename "$big").bin"
is "$("$SCRIBE" export "$id" --format yaml | grep -c '^- id: e')" 304 "a truncated cache too"

# a replaced journal (new inode) is not matched by its old cache entry
cp "$big" "$WORK/copy" && rm "$big" && head -c 2000 "$WORK/copy" >"$big"
"$SCRIBE" export "$id" --format yaml >/dev/null
is "$("$SCRIBE" export "$id" --format yaml | grep -c '^- id: e')" "$(( 3 + $(grep -c '^\.\.\.$' "$big") ))" \
	"a replaced journal is read afresh"

# check never uses the cache
printf -- '---\ntype: event\nid: ebad\nrev: rbad\ntime: x\nset: {}\n...\n' >>"$big"
run "$SCRIBE" check "$id"
is "$RC" 65 "check reads the files themselves"

done_testing
