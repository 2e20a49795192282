#!/bin/bash
# scribe list reads only each incident's own records (title, severity,
# status): a large incident costs a scan of its bytes.  What it shows is
# the same whatever the layout of the records, in journals and packs.
. "$srcdir/tests/lib.sh"

# an incident whose records are in another layout than scribe writes:
# keys in another order, a flow mapping, quotes, a comment
mkdir -p "$SCRIBE_DIR/2026-11-20-hand-made"
cat >"$SCRIBE_DIR/2026-11-20-hand-made/j-20261120t100000z-host-1-hand.yaml" <<'EOF'
---
id: 2026-11-20-hand-made
type: incident
rev: rhand0000001
time: 2026-11-20T10:00:00.000Z
author: ann
set: {title: "Hand made", severity: 1, status: active, created: 2026-11-20T10:00:00.000Z, by: ann}
...
--- # an event
type: event
id: ehand0000001
rev: rhand0000002
time: 2026-11-20T10:01:00.000Z
author: ann
set:
  at: 2026-11-20T10:01:00.000Z
  text: "type: incident"
...
---
type:   incident
id: 2026-11-20-hand-made
rev: rhand0000003
base: rhand0000001
time: 2026-11-20T10:30:00.000Z
author: ann
set:
  status: mitigated
...
---
"type": "incident"
id: 2026-11-20-hand-made
rev: rhand0000004
base: rhand0000003
time: 2026-11-20T10:40:00.000Z
author: ann
set:
  title: Hand made, retitled
...
EOF
run "$SCRIBE" list
is "$RC" 0 "list exits 0"
is "$OUT" "2026-11-20-hand-made  mitigated  1  Hand made, retitled" \
	"every incident record counts, whatever its layout"

# an incident scribe wrote, large, retitled and resolved at its end and
# in its middle; then packed
id=$("$SCRIBE" new --at 2026-11-21T09:00:00Z Large one --severity 2)
awk 'BEGIN {
	for (i = 1; i <= 20000; i++)
		printf "---\ntype: event\nid: elist%06d\nrev: rlist%06d\ntime: 2026-11-21T10:%02d:%02d.000Z\nauthor: tester\nset:\n  at: 2026-11-21T10:%02d:%02d.000Z\n  text: \"type: incident %06d\"\n...\n", i, i, int(i / 60) % 60, i % 60, int(i / 60) % 60, i % 60, i
	printf "# closed\n"
}' >"$SCRIBE_DIR/$id/j-20261121t100000z-host-1-big.yaml"
"$SCRIBE" log "$id" --at 2026-11-21T11:00:00Z --marker resolved all good >/dev/null
expect="$id  active     2  Large one
2026-11-20-hand-made  mitigated  1  Hand made, retitled"
is "$("$SCRIBE" list)" "$expect" "a large incident: its own records only"
is "$("$SCRIBE" show "$id" | sed -n 2p)" "severity 2, active, 20001 events, times in UTC" "show agrees"
run "$SCRIBE" pack "$id"
is "$RC" 0 "packed"
check "into a pack" test "$(ls "$SCRIBE_DIR/$id" | grep -c '^pack-')" -ge 1
is "$("$SCRIBE" list)" "$expect" "packed: the same"

done_testing
