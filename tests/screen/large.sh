#!/bin/bash
# A large incident opens on its newest events at once; the older ones
# are read in the background, and all of them end up there (and in the
# private cache for the next time).
. "$srcdir/tests/lib.sh"

id=$("$SCRIBE" new Large)
big=$SCRIBE_DIR/$id/j-20260101t000000z-host-1-big.yaml
for i in $(seq 1 1500); do
	n=$(printf '%06d' "$i")
	printf -- '---\ntype: event\nid: ebig%s\nrev: rbig%s\ntime: 2026-11-26T10:00:00.000Z\nauthor: tester\nset:\n  at: 2026-11-26T%02d:%02d:%02d.000Z\n  typed: 2026-11-26T10:00:00.000Z\n  logged: 2026-11-26T10:00:00.000Z\n  by: tester\n  kind: note\n  text: event number %s of a long incident, with some words to make it a realistic length\n...\n' \
		"$n" "$n" $((10 + i / 3600)) $((i / 60 % 60)) $((i % 60)) "$n"
done >"$big"
check "the journal is larger than what is read first" test "$(stat -c %s "$big")" -gt 300000

screen_start 100 30 "$SCRIBE" open "$id"
screen_wait 'event number 001500' && pass "the newest events show first" || fail "the newest events show first"
screen_wait '^1500 events' 10 && pass "the older ones follow" || fail "the older ones follow"
screen_keys Home
screen_wait 'event number 000001 ' && pass "down to the first" || fail "down to the first"
poll 5 bash -c "ls '$XDG_CACHE_HOME/scribe/$id/' 2>/dev/null | grep -q big.yaml.bin"
check "and the journal is cached for the next time" bash -c "ls '$XDG_CACHE_HOME/scribe/$id/' | grep -q big.yaml.bin"
screen_keys C-q
screen_wait '^\[exit 0\]' >/dev/null || true

# the next time, from the cache: everything at once
screen_start 100 30 "$SCRIBE" open "$id"
screen_wait '^1500 events' 5 && pass "opened again: all 1500 from the cache" || fail "opened again: all 1500 from the cache"
is "$("$SCRIBE" export "$id" --format yaml | grep -c '^- id: ebig')" 1500 "export agrees"
screen_keys C-q
screen_wait '^\[exit 0\]' >/dev/null || true

done_testing
