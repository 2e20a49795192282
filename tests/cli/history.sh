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
  actions: [acccccccc01]
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

# ---- show --history: exact output ----
want="$id: Checkout 5xx
severity 1, active, 2 events, times in UTC
  2026-11-26 14:03:01  dana  created
  2026-11-26 15:00:00  dana  severity: 2 -> 1

2026-11-26 13:58:00  deploy     dana: [STARTED] payment v2 rolled out
  2026-11-26 14:04:00  dana  created
2026-11-26 14:01:00  discovery  sam: [DETECTED] * Alert: checkout 5xx
                                                  rate above 5% (edited)
  2026-11-26 14:05:00  sam  created
  2026-11-26 14:07:10  dana  kind: note -> discovery
  2026-11-26 14:07:10  dana  text: \"5xx alert\" -> \"Alert: checkout 5xx⏎rate above 5%\"
  2026-11-26 14:07:10  dana  marker: none -> detected
  2026-11-26 14:08:00  lee  star: false -> true
2026-11-26 14:06:00  note       sam: (deleted) wrong window
  2026-11-26 14:06:00  sam  created
  2026-11-26 14:09:00  sam  deleted: false -> true

time to detect: 3m 00s

Factors:
fbbbbbbbb01  technical: No alert on pool saturation
  2026-11-27 10:05:00  lee  created
  2026-11-27 10:06:00  sam  description: (none) -> \"The pool was exhausted 14 minutes before customers saw errors.\"
  2026-11-27 10:06:00  sam  events: [] -> [eaaaaaaaa02]
  2026-11-27 10:07:00  dana  comment: \"Was the pool size changed in the deploy?\"

Actions:
acccccccc01  P1 doing: Alert when pool wait exceeds 400 ms
  2026-11-27 10:20:00  lee  created
  2026-11-27 10:21:00  sam  owner: (none) -> \"sam\"
  2026-11-27 10:21:00  sam  due: (none) -> 2026-12-11
  2026-11-27 10:22:00  dana  vote: up
  2026-11-27 10:23:00  lee  comment: \"500 ms is what the⏎SLO allows: page at 400?\"
  2026-11-27 10:24:00  sam  comment: \"Agreed, 400 ms.\"
  2026-11-27 10:25:00  sam  title: \"Alert when pool wait exceeds 500 ms\" -> \"Alert when pool wait exceeds 400 ms\"
  2026-11-27 10:25:00  sam  status: open -> doing"
run "$SCRIBE" show "$id" --history
is "$RC" 0 "show --history exits 0"
is "$OUT" "$want" "show --history: every change, who, when, from what to what"
is "$ERR" "" "and nothing on stderr"

run "$SCRIBE" show "$id"
is "$(printf '%s\n' "$OUT" | sed -n 5,6p)" "2026-11-26 14:01:00  discovery  sam: [DETECTED] * Alert: checkout 5xx
                                                  rate above 5% (edited)" "show marks the edited event"
like "$OUT" 'dana: \[STARTED\] payment v2 rolled out$' "and not the others"
check "show leaves the deleted event out" bash -c "! printf '%s\n' \"\$0\" | grep -q 'wrong window'" "$OUT"

TZ=Europe/Berlin run "$SCRIBE" show "$id" --history
like "$OUT" '^  2026-11-26 16:00:00  dana  severity: 2 -> 1$' "times of changes in the display zone"
LANG=C LC_ALL=C run "$SCRIBE" show "$id" --history
like "$OUT" 'text: "5xx alert" -> "Alert: checkout 5xx\^Jrate above 5%"$' "an ASCII locale shows a line break as ^J"

# the same records in any order, in several journals, some twice: the same history
j=$(ls "$SCRIBE_DIR/$id"/j-*.yaml)
awk -v RS='\n[.][.][.]\n' -v ORS='\n...\n' '{ doc[NR] = $0 } END { for (i = NR; i > 0; i--) if (doc[i] != "") print doc[i] }' \
	"$j" >"$SCRIBE_DIR/$id/j-20261127t000000z-host-2-reversed.yaml"
cp "$j" "$SCRIBE_DIR/$id/j-20261128t000000z-host-3-copy.yaml"
run "$SCRIBE" show "$id" --history
is "$OUT" "$want" "records reversed, in three journals, each twice: the same history"
rm "$SCRIBE_DIR/$id/j-20261127t000000z-host-2-reversed.yaml" "$SCRIBE_DIR/$id/j-20261128t000000z-host-3-copy.yaml"

# two people change the owner from the same version: the later is marked
printf -- '---\ntype: action\nid: acccccccc01\nrev: rlee0000001\nbase: rev0000000010\ntime: 2026-11-27T10:26:00.000Z\nauthor: lee\nset:\n  owner: lee\n...\n' \
	>"$SCRIBE_DIR/$id/j-20261127t102600z-host-7-lee.yaml"
run "$SCRIBE" show "$id" --history
like "$OUT" '^  2026-11-27 10:26:00  lee  owner: "sam" -> "lee" \(at the same time as the change before: both kept\)$' \
	"a change made from an older version is marked"
rm "$SCRIBE_DIR/$id/j-20261127t102600z-host-7-lee.yaml"

# nothing from the files reaches the terminal raw
printf -- '---\ntype: comment\nid: acccccccc01\nrev: rev0000000099\ntime: 2026-11-27T11:00:00.000Z\nauthor: "eve\\e[2J"\nset:\n  text: "\\e]0;pwned\\a and \\u202e"\n...\n' \
	>"$SCRIBE_DIR/$id/j-20261127t110000z-host-4-eve.yaml"
run "$SCRIBE" show "$id" --history
like "$OUT" '^  2026-11-27 11:00:00  eve\^\[\[2J  comment: "\^\[\]0;pwned\^G and <U\+202E>"$' "control characters in comments and authors are placeholders"
check "no escape character in the output" bash -c "! printf '%s' \"\$0\" | grep -q \$'\\e'" "$OUT"
rm "$SCRIBE_DIR/$id/j-20261127t110000z-host-4-eve.yaml"

run "$SCRIBE" show nope-nope --history
is "$RC" 66 "show --history of no incident: 66"
run "$SCRIBE" show --history
is "$RC" 64 "show --history without an id: usage"

# a comment on an event is kept, not shown, and check says so
printf -- '---\ntype: comment\nid: eaaaaaaaa01\nrev: rzz00000001\ntime: 2026-11-28T00:00:00.000Z\nauthor: x\nset:\n  text: on an event\n...\n' \
	>"$SCRIBE_DIR/$id/j-20261128t000000z-host-6-c.yaml"
run "$SCRIBE" check "$id"
is "$RC" 0 "check: a comment on an event is no error"
like "$OUT" "j-20261128t000000z-host-6-c.yaml:2:1: warning: a comment on eaaaaaaaa01, which is no factor or action \\(only its history shows it\\)\$" \
	"but a warning at its record"
run "$SCRIBE" show "$id" --history
is "$(printf '%s\n' "$OUT" | sed -n 6,8p)" "2026-11-26 13:58:00  deploy     dana: [STARTED] payment v2 rolled out
  2026-11-26 14:04:00  dana  created
  2026-11-28 00:00:00  x  comment: \"on an event\"" "which shows it"
rm "$SCRIBE_DIR/$id/j-20261128t000000z-host-6-c.yaml"

# ---- the discussion in the markdown report, where asked ----
run "$SCRIBE" export "$id" --comments
is "$RC" 0 "export --comments exits 0"
is "$(printf '%s\n' "$OUT" | sed -n '/^## Appendix: discussion$/,$p')" "## Appendix: discussion

### Factor: No alert on pool saturation

- **dana**, 2026-11-27 10:07 UTC: Was the pool size changed in the deploy?

### Action: Alert when pool wait exceeds 400 ms

- **lee**, 2026-11-27 10:23 UTC: 500 ms is what the SLO allows: page at 400?
- **sam**, 2026-11-27 10:24 UTC: Agreed, 400 ms." "the discussion closes the report, card by card, oldest first"
run "$SCRIBE" export "$id"
check "without --comments, no discussion" bash -c "! printf '%s\n' \"\$0\" | grep -q 'discussion\|pool size changed'" "$OUT"

# ---- comments edited and deleted (by anyone), kept in the history ----
# rec FILE TIME AUTHOR ID REV BASE FIELDS...: one comment record in a journal of its own
rec() {
	local f=$1 t=$2 a=$3 i=$4 r=$5 b=$6
	shift 6
	{ printf -- '---\ntype: comment\nid: %s\nrev: %s\n' "$i" "$r"
	  [ -n "$b" ] && printf 'base: %s\n' "$b"
	  printf 'time: %s\nauthor: %s\nset:\n' "$t" "$a"
	  printf '  %s\n' "$@"
	  printf '...\n'; } >"$SCRIBE_DIR/$id/$f"
}
# sam edits dana's question; lee deletes sam's "Agreed"; an edit of lee's comment
# arrives in a journal that sorts before the comment's (another clock);
# a change of a comment that is on another card, and one of no comment
rec j-20261127t110000z-host-8-sam.yaml 2026-11-27T11:00:00.000Z sam fbbbbbbbb01 rsam0000001 rev0000000009 \
	"text: Was the pool size changed in the v2 deploy?"
rec j-20261127t110500z-host-8-lee.yaml 2026-11-27T11:05:00.000Z lee acccccccc01 rlee0000002 rev0000000014 "deleted: true"
rec j-20201127t000000z-host-8-ann.yaml 2026-11-27T11:10:00.000Z ann acccccccc01 rann0000001 rev0000000013 \
	'text: "500 ms is what the SLO allows; page at 400 ms?"'
rec j-20261127t111500z-host-8-eve.yaml 2026-11-27T11:15:00.000Z eve acccccccc01 reve0000001 rev0000000009 "deleted: true"
rec j-20261127t112000z-host-8-bob.yaml 2026-11-27T11:20:00.000Z bob fbbbbbbbb01 rbob0000001 rnone000001 "text: lost"
run "$SCRIBE" check "$id"
is "$RC" 0 "check: changes of comments are no error"
is "$(printf '%s\n' "$OUT" | grep 'change of comment')" "$SCRIBE_DIR/$id/j-20261127t111500z-host-8-eve.yaml:2:1: warning: a change of comment rev0000000009, which is no comment on acccccccc01 (only its history shows it)
$SCRIBE_DIR/$id/j-20261127t112000z-host-8-bob.yaml:2:1: warning: a change of comment rnone000001, which is no comment on fbbbbbbbb01 (only its history shows it)" \
	"a change naming a comment that is not on its card: a warning at its record"
run "$SCRIBE" export "$id" --format yaml
is "$(printf '%s\n' "$OUT" | sed -n '/^  comments:/,/^[a-z]/p' | grep -v '^  [a-z]' | grep -v '^[a-z.]')" "  - at: \"2026-11-27T10:07:00.000Z\"
    by: dana
    text: Was the pool size changed in the v2 deploy?
    edited: \"2026-11-27T11:00:00.000Z\"
    edited_by: sam
  - at: \"2026-11-27T10:23:00.000Z\"
    by: lee
    text: 500 ms is what the SLO allows; page at 400 ms?
    edited: \"2026-11-27T11:10:00.000Z\"
    edited_by: ann" \
	"the YAML export: the latest text, who edited it and when; a deleted comment left out"
run "$SCRIBE" export "$id" --comments
is "$(printf '%s\n' "$OUT" | sed -n '/^## Appendix: discussion$/,$p')" "## Appendix: discussion

### Factor: No alert on pool saturation

- **dana**, 2026-11-27 10:07 UTC: Was the pool size changed in the v2 deploy? (edited)

### Action: Alert when pool wait exceeds 400 ms

- **lee**, 2026-11-27 10:23 UTC: 500 ms is what the SLO allows; page at 400 ms? (edited)" \
	"the report's discussion: edits marked, the deleted comment gone"
run "$SCRIBE" show "$id" --history
h=$OUT
like "$h" '^  2026-11-27 11:00:00  sam  comment edited: "Was the pool size changed in the deploy\?" -> "Was the pool size changed in the v2 deploy\?"$' \
	"show --history: who edited which comment, when, from what to what"
like "$h" '^  2026-11-27 11:05:00  lee  comment deleted: "Agreed, 400 ms."$' "who deleted which comment"
like "$h" '^  2026-11-27 11:10:00  ann  comment edited: "500 ms is what the⏎SLO allows: page at 400\?" -> "500 ms is what the SLO allows; page at 400 ms\?"$' \
	"an edit read before its comment still says from what"
like "$h" '^  2026-11-27 11:20:00  bob  comment edited: "lost"$' "a change of no comment is in the history, without a from"
like "$h" '^  2026-11-27 10:24:00  sam  comment: "Agreed, 400 ms."$' "the deleted comment stays in the history"
# restored, then edited and deleted at once, by records with a base
rec j-20261127t113000z-host-8-sam.yaml 2026-11-27T11:30:00.000Z sam acccccccc01 rsam0000002 rev0000000014 "deleted: false"
run "$SCRIBE" export "$id" --format yaml
like "$OUT" 'text: Agreed, 400 ms.' "deleted: false restores a comment"
like "$("$SCRIBE" show "$id" --history)" '  2026-11-27 11:30:00  sam  comment restored: "Agreed, 400 ms."' "and the history says so"
rec j-20261127t113100z-host-8-sam.yaml 2026-11-27T11:31:00.000Z sam acccccccc01 rsam0000003 rev0000000014 "text: Agreed." "deleted: true"
like "$("$SCRIBE" show "$id" --history)" '  2026-11-27 11:31:00  sam  comment edited: "Agreed, 400 ms." -> "Agreed.", and deleted' "an edit and a delete in one record"
check "and it is gone from the export" bash -c "! \"$SCRIBE\" export $id --format yaml | grep -q 'Agreed'"
rm "$SCRIBE_DIR/$id"/j-20261127t11[0-3]*-host-8-*.yaml "$SCRIBE_DIR/$id/j-20201127t000000z-host-8-ann.yaml"

# ---- a hostile writer: 100,000 comments on one card, newest first ----
awk 'BEGIN { for (i = 100000; i > 0; i--) printf "---\ntype: comment\nid: acccccccc01\nrev: x%06d\ntime: 2026-11-28T%02d:%02d:%02d.%03dZ\nauthor: bot\nset:\n  text: c%d\n...\n", i, int(i / 3600000) % 24, int(i / 60000) % 60, int(i / 1000) % 60, i % 1000, i }' \
	>"$SCRIBE_DIR/$id/j-20261128t000000z-host-5-flood.yaml"
start=$(date +%s)
run timeout 120 "$SCRIBE" export "$id" --format yaml
is "$RC" 0 "export with 100,000 comments on one card"
is "$(printf '%s\n' "$OUT" | grep -c '^    text: c')" 100000 "every comment is there"
is "$(printf '%s\n' "$OUT" | grep '^    text: c' | sed -n '1p;$p' | sed 's/^ *text: //' | tr '\n' ' ')" "c1 c100000 " "oldest first"
run timeout 120 "$SCRIBE" show "$id" --history
is "$(printf '%s\n' "$OUT" | grep -c 'bot  comment: "c')" 100000 "show --history lists them all"
like "$(printf '%s\n' "$OUT" | grep -m1 'bot  comment')" '^  2026-11-28 00:00:00  bot  comment: "c1"$' "in time order"
echo "# 100,000 comments: export and show --history took $(( $(date +%s) - start )) s"

# ---- 100,000 edits of one comment, in no order: the latest counts ----
awk 'BEGIN { for (k = 0; k < 100000; k++) { i = (k * 7919) % 100000 + 1; printf "---\ntype: comment\nid: acccccccc01\nrev: y%06d\nbase: rev0000000013\ntime: 2026-11-29T%02d:%02d:%02d.%03dZ\nauthor: bot\nset:\n  text: e%d\n...\n", i, int(i / 3600000) % 24, int(i / 60000) % 60, int(i / 1000) % 60, i % 1000, i } }' \
	>"$SCRIBE_DIR/$id/j-20261129t000000z-host-5-edits.yaml"
start=$(date +%s)
run timeout 120 "$SCRIBE" export "$id" --format yaml
is "$RC" 0 "export with 100,000 edits of one comment"
like "$OUT" '    text: e100000
    edited: "2026-11-29T00:01:40.000Z"
    edited_by: bot' "the latest edit counts, whatever order they came in"
run timeout 120 "$SCRIBE" show "$id" --history
is "$(printf '%s\n' "$OUT" | grep -c 'bot  comment edited: ')" 100000 "show --history lists every edit"
like "$OUT" '  2026-11-29 00:00:00  bot  comment edited: "500 ms is what the⏎SLO allows: page at 400\?" -> "e1"' "the first from the comment's text"
like "$OUT" '  2026-11-29 00:01:40  bot  comment edited: "e99999" -> "e100000"' "the last from the one before"
echo "# 100,000 edits: export and show --history took $(( $(date +%s) - start )) s"

done_testing
