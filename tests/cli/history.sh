#!/bin/bash
# Discussion and history: comments in the YAML export, `show --history`
# with its exact output, and the (edited) mark.
. "$srcdir/tests/lib.sh"

id=2026-11-26-checkout-5xx
mkdir -p "$SCRIBE_DIR"
cp -R "$srcdir/tests/fixtures/history/$id" "$SCRIBE_DIR/"

# ---- comments in the YAML export ----
run "$SCRIBE" export "$id" --format yaml
is "$RC" 0 "export --format yaml exits 0"
is "$(printf '%s\n' "$OUT" | sed -n '/^factors:/,$p')" "factors:
- id: fbbbbbbbb01
  title: No alert on pool saturation
  category: technical
  description: The pool was exhausted 14 minutes before customers saw errors.
  events: [eaaaaaaaa02]
  by: lee
  comments:
  - at: \"2026-11-27T10:07:00.000Z\"
    by: dana
    text: Was the pool size changed in the deploy?
actions:
- id: acccccccc01
  title: Alert when pool wait exceeds 400 ms
  type: detect
  owner: sam
  due: 2026-12-11
  status: doing
  reason: null
  priority: P1
  votes: 1
  factors: [fbbbbbbbb01]
  comments:
  - at: \"2026-11-27T10:23:00.000Z\"
    by: lee
    text: |-
      500 ms is what the
      SLO allows: page at 400?
  - at: \"2026-11-27T10:24:00.000Z\"
    by: sam
    text: Agreed, 400 ms.
..." "factors and actions carry their comments, oldest first, with author and time"
like "$(printf '%s\n' "$OUT" | sed -n '/^timeline:/,/^factors:/p')" '^timeline:' "the timeline is there"
check "events carry no comments key" bash -c "! printf '%s\n' \"\$0\" | sed -n '/^timeline:/,/^factors:/p' | grep -q comments" "$OUT"

done_testing
