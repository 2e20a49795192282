#!/bin/bash
# A large incident opens on its newest events at once; the older ones
# are read in the background, and all of them end up there (the private
# cache is for the commands that read a journal whole).
. "$srcdir/tests/lib.sh"

id=$("$SCRIBE" new Large)
big=$SCRIBE_DIR/$id/j-20260101t000000z-host-1-big.yaml
N=20000
awk -v n=$N 'BEGIN {
	for (i = 1; i <= n; i++)
		printf "---\ntype: event\nid: ebig%06d\nrev: rbig%06d\ntime: 2026-11-26T10:00:00.000Z\nauthor: tester\nset:\n  at: 2026-11-26T%02d:%02d:%02d.000Z\n  typed: 2026-11-26T10:00:00.000Z\n  logged: 2026-11-26T10:00:00.000Z\n  by: tester\n  kind: note\n  text: event number %06d of a long incident, with some words to make it a realistic length\n...\n", i, i, 10 + int(i / 3600), int(i / 60) % 60, i % 60, i
}' >"$big"
check "the journal is larger than what is read first" test "$(stat -c %s "$big")" -gt 1000000

screen_start 100 30 "$SCRIBE" open "$id"
screen_wait 'event number 020000' && pass "the newest events show first" || fail "the newest events show first"
# a record appended while the older ones are still being read
printf -- '---\ntype: event\nid: egrown000001\nrev: rgrown000001\ntime: 2026-11-26T12:00:00.000Z\nauthor: tester\nset:\n  at: 2026-11-26T12:00:00.000Z\n  text: appended while loading\n...\n' >>"$big"
screen_wait '^20001 events' 10 && pass "the older ones follow, and what was appended" \
	|| fail "the older ones follow, and what was appended"
screen_keys Home
screen_wait 'event number 000001 ' && pass "down to the first" || fail "down to the first"
# the full-screen program reads it tail first and never reads a cache
# entry for it, so it writes none; a command that reads it whole does
check "the full-screen program leaves the cache entry to the commands" \
	bash -c "! ls '$XDG_CACHE_HOME/scribe/$id/' 2>/dev/null | grep -q big.yaml.bin"
screen_keys C-q
screen_wait '^\[exit 0\]' >/dev/null || true
"$SCRIBE" show "$id" >/dev/null
check "show, which reads it whole, caches it for the next time" \
	bash -c "ls '$XDG_CACHE_HOME/scribe/$id/' | grep -q big.yaml.bin"

# the next time, with the journal cached: the newest first again (the
# cache, read whole, would hold the first screen back), then all of them
screen_start 100 30 "$SCRIBE" open "$id"
screen_wait '^20001 events' 5 && pass "opened again: all of them" || fail "opened again: all of them"
is "$("$SCRIBE" export "$id" --format yaml | grep -c '^- id: e\(big\|grown\)')" 20001 "export agrees"
screen_keys C-q
screen_wait '^\[exit 0\]' >/dev/null || true

# While the older events load, what depends on all of them says it is
# incomplete: the count, and the durations (the start is in the part
# still to read: never "resolve -" as if the incident were unresolved);
# then the final figures.
id=$("$SCRIBE" new Backlog)
big=$SCRIBE_DIR/$id/j-20260101t000000z-host-1-big.yaml
N=150000
awk -v n=$N 'BEGIN {
	printf "---\ntype: event\nid: estart000000\nrev: rstart000000\ntime: 2026-11-26T10:00:00.000Z\nauthor: tester\nset:\n  at: 2026-11-26T09:00:00.000Z\n  by: tester\n  kind: note\n  text: it started here\n  marker: started\n...\n"
	for (i = 2; i <= n; i++)
		printf "---\ntype: event\nid: eload%06d\nrev: rload%06d\ntime: 2026-11-26T10:00:00.000Z\nauthor: tester\nset:\n  at: 2026-11-26T10:00:00.000Z\n  typed: 2026-11-26T10:00:00.000Z\n  logged: 2026-11-26T10:00:00.000Z\n  by: tester\n  kind: note\n  text: event number %06d of a long incident, with some words to make it a realistic length\n...\n", i, i, i
}' >"$big"
"$SCRIBE" log "$id" --marker resolved --at 2026-11-26T11:00:00Z resolved here >/dev/null
screen_start 100 30 "$SCRIBE" open "$id"
loading=
deadline=$(( $(date +%s) + 10 ))
while [ "$(date +%s)" -lt "$deadline" ]; do
	s=$(screen_text)
	if grep -Eq '^[0-9]+ events so far \(loading\)' <<<"$s"; then loading=$s; break; fi
	grep -Eq "^$((N + 1)) events( |\$)" <<<"$s" && break
	sleep 0.02
done
if [ -n "$loading" ]; then
	pass "while loading, the count says so far"
	like "$loading" 'detect …  mitigate …  resolve …  \(loading\)' "and the durations say they are loading"
	check "never resolve - while loading" bash -c '! grep -q "resolve -" <<<"$1"' _ "$loading"
	like "$(tail -1 <<<"$loading")" '^ ACTIVE SEV3  lasted …  .*loading older events' "and so does the clock"
else
	fail "while loading, the count says so far"
	screen_text | sed 's/^/#   |/'
fi
# a search that finds nothing while loading says the older events are
# still to come (if the load is over by the time it runs, it says nothing
# of loading, and the count is the final one)
screen_type '/find no such words'
screen_keys Enter
screen_wait 'no event contains "no such words"' 10 || true
s=$(screen_text)
if grep -q 'no event contains "no such words" yet (loading)' <<<"$s"; then
	pass "/find: nothing yet, still loading"
else
	like "$(grep -E 'no event contains|^[0-9]+ events' <<<"$s")" \
		"^$((N + 1)) events( |\$)"$'\n'".*no event contains \"no such words\" +" "/find: nothing yet, still loading"
fi
# the summary's durations: loading, or (if the load is over by now) final
screen_keys Tab Tab Tab
screen_wait '^time to detect ' 5 || true
like "$(screen_text | sed -n 2p)" '^time to detect (…, mitigate …, resolve … \(loading\)|-, mitigate -, resolve 2h 00m)' \
	"the summary's durations say loading, never resolve -"
screen_wait '^time to detect -, mitigate -, resolve 2h 00m' 60 && pass "then the summary's final durations" \
	|| fail "then the summary's final durations"
screen_keys Tab
screen_wait "^$((N + 1)) events( |\$)" 60 && pass "then the final count" || fail "then the final count"
screen_wait 'detect -  mitigate -  resolve 2h 00m' 5 && pass "and the final durations" \
	|| fail "and the final durations"
like "$(screen_text | tail -1)" '^ ACTIVE SEV3  lasted 2:00:00 ' "and the final clock"
s=$(screen_text | head -n -1)	# (the status line may still show the answer to /find)
if grep -Eq "\(loading\)|so far" <<<"$s"; then
	fail "no loading wording left"
	sed 's/^/#   |/' <<<"$s"
else
	pass "no loading wording left"
fi
screen_keys C-q
screen_wait '^\[exit 0\]' >/dev/null || true

# opened again once its journal is cached: the first screen still comes
# before the older events, which load in the background as the first time
"$SCRIBE" show "$id" >/dev/null
check "the large journal is cached" bash -c "ls '$XDG_CACHE_HOME/scribe/$id/' | grep -q big.yaml.bin"
screen_start 100 30 "$SCRIBE" open "$id"
first=
deadline=$(( $(date +%s) + 10 ))
while [ "$(date +%s)" -lt "$deadline" ]; do
	s=$(screen_text)
	grep -Eq '^[0-9]+ events' <<<"$s" && { first=$s; break; }
	sleep 0.01
done
like "$(grep -E '^[0-9]+ events' <<<"$first")" '^[0-9]+ events so far \(loading\)' \
	"cached: the first screen shows the newest events while the rest loads"
screen_wait "^$((N + 1)) events( |\$)" 60 && pass "cached: then all of them" || fail "cached: then all of them"
screen_keys C-q
screen_wait '^\[exit 0\]' >/dev/null || true

# a packed incident: the record that made it is at the start of the pack
# (oldest first), in the part of it read last
id=$("$SCRIBE" new --at 2026-11-26T09:00:00Z Packed large)
awk 'BEGIN {
	for (i = 1; i <= 3000; i++)
		printf "---\ntype: event\nid: epack%06d\nrev: rpack%06d\ntime: 2026-11-26T10:%02d:%02d.000Z\nauthor: tester\nset:\n  at: 2026-11-26T10:%02d:%02d.000Z\n  by: tester\n  kind: note\n  text: packed event %06d\n...\n", i, i, int(i / 60) % 60, i % 60, int(i / 60) % 60, i % 60, i
	printf "# closed\n"
}' >"$SCRIBE_DIR/$id/j-20260101t000000z-host-1-packed.yaml"
run "$SCRIBE" pack "$id"
check "packed into one pack" test "$(ls "$SCRIBE_DIR/$id" | grep -c '^pack-')" = 1
check "larger than what is read first" test "$(stat -c %s "$SCRIBE_DIR/$id"/pack-*.yaml)" -gt 200000
screen_start 100 30 "$SCRIBE" open "$id"
screen_wait 'packed event 003000' 10 && pass "a packed incident opens on its newest events" \
	|| { fail "a packed incident opens on its newest events"; screen_text | sed 's/^/#   |/'; }
like "$(screen_text | head -1)" 'Packed large' "with its title"
screen_wait '^3000 events' 10 && pass "then all of them" || fail "then all of them"
screen_keys C-q
screen_wait '^\[exit 0\]' >/dev/null || true

done_testing
