#!/bin/bash
# The full-screen program in a real pseudo-terminal (tmux, 80x24): the
# stamp at the first key, backdating, kinds, drafts, a live event from
# another process, escape sequences as placeholders, resizing.
. "$srcdir/tests/lib.sh"

id=$("$SCRIBE" new Checkout 5xx --severity 2)
yaml() { "$SCRIBE" export "$id" --format yaml; }
# field_of TEXT FIELD: the FIELD of the event whose text is TEXT
field_of() { yaml | grep -B7 -A3 "^  text: $1\$" | sed -n "s/^  $2: \"\\{0,1\\}\\([^\"]*\\)\"\\{0,1\\}\$/\\1/p" | head -1; }
ms() { date -u -d "$1" +%s%3N; }

screen_start 80 24 "$SCRIBE" open "$id"
screen_wait "saved *$" || true
like "$(screen_text)" "^ ACTIVE SEV2  \+[0-9]+m  F1 help  Ctrl-Q quit  Checkout 5xx +✓ saved\$" \
	"status line: status, severity, clock, how to get help and out, title"
like "$(screen_text)" "saved *$" "status line: saved"
like "$(screen_text)" "1 timeline +2 factors +3 actions +4 summary" "tab bar at 80x24"
like "$(screen_text)" "No events yet" "an empty timeline says how to start"

# the stamp is the first key, not Enter
screen_type "f"
screen_wait '^[0-9]{2}:[0-9]{2}:[0-9]{2}> f' && pass "the entry shows its stamp" || fail "the entry shows its stamp"
sleep 1.5	# the gap between first key and Enter is the point of the test
screen_type "irst key then wait"
screen_keys Enter
screen_wait 'first key then wait' || true
poll 5 bash -c "\"$SCRIBE\" show $id | grep -q 'first key then wait'"
typed=$(field_of "first key then wait" typed)
logged=$(field_of "first key then wait" logged)
at=$(field_of "first key then wait" at)
gap=$(( $(ms "$logged") - $(ms "$typed") ))
check "typed is the first key press, logged is Enter ($gap ms apart)" test "$gap" -ge 1400
is "$at" "$typed" "at is typed when not backdated"

# backdating and kinds
screen_type "@-5m deploy: payment v2 rolled out"
screen_keys Enter
poll 5 bash -c "\"$SCRIBE\" show $id | grep -q 'payment v2 rolled out'"
at=$(field_of "payment v2 rolled out" at)
typed=$(field_of "payment v2 rolled out" typed)
back=$(( $(ms "$typed") - $(ms "$at") ))
check "@-5m backdates by five minutes ($back ms)" test "$back" -ge 299000 -a "$back" -le 301000
like "$(yaml | grep -B5 'text: payment v2 rolled out')" "kind: deploy" "deploy: sets the kind"
screen_wait 'deploy +tester +payment v2 rolled out' && pass "shown with its kind" || fail "shown with its kind"

# a bare mark: Enter on an empty line
screen_keys Enter
poll 5 bash -c "\"$SCRIBE\" export $id --format yaml | grep -q \"text: ''\""
check "Enter on an empty line stamps a bare mark" bash -c "\"$SCRIBE\" export $id --format yaml | grep -q \"text: ''\""

# Esc sets aside; Ctrl-R brings back
screen_type "half a thought"
screen_keys Escape
screen_wait 'drafts set aside: 1' && pass "Esc sets the entry aside" || fail "Esc sets the entry aside"
check "the draft is not an event" bash -c "! \"$SCRIBE\" show $id | grep -q 'half a thought'"
screen_keys C-r
screen_wait '> half a thought' && pass "Ctrl-R brings it back" || fail "Ctrl-R brings it back"
screen_keys C-u

# a live event from another process appears, the entry being typed untouched
screen_type "typing while"
"$SCRIBE" log "$id" from a script >/dev/null
screen_wait 'tester +from a script' 3 && pass "an event logged elsewhere appears live" || fail "an event logged elsewhere appears live"
like "$(screen_text)" '> typing while$' "the entry being typed is untouched"
screen_keys C-u

# escape sequences written by anyone are placeholders
"$SCRIBE" log "$id" "$(printf 'evil \033[2J\033]0;pwned\007 done')" >/dev/null
screen_wait 'evil \^\[\[2J\^\[\]0;pwned\^G done' 3 && pass "escape sequences show as placeholders" \
	|| fail "escape sequences show as placeholders"

# slash commands on the selected (last) event
screen_type "/star"
screen_keys Enter
poll 5 bash -c "\"$SCRIBE\" export $id --format yaml | grep -q 'star: true'"
check "/star stars the selected event" bash -c "\"$SCRIBE\" export $id --format yaml | grep -B9 'star: true' | grep -q 'evil'"
screen_type "/marker detected"
screen_keys Enter
poll 5 bash -c "\"$SCRIBE\" show $id | grep -q DETECTED"
like "$("$SCRIBE" show "$id")" '\[DETECTED\] \* evil' "/marker sets the marker"

# /find selects an event; commands then act on it; /delete and /restore
screen_type "/find first key"
screen_keys Enter
screen_type "/causal"
screen_keys Enter
poll 5 bash -c "\"$SCRIBE\" export $id --format yaml | grep -A8 'text: first key then wait' | grep -q 'causal: true'"
check "/find selects the event, /causal flags it" bash -c "\"$SCRIBE\" export $id --format yaml | grep -A8 'text: first key then wait' | grep -q 'causal: true'"
screen_type "/delete"
screen_keys Enter
poll 5 bash -c "! \"$SCRIBE\" show $id | grep -q 'first key then wait'"
check "/delete hides it" bash -c "! \"$SCRIBE\" show $id | grep -q 'first key then wait'"
screen_type "/deleted"
screen_keys Enter
screen_wait '\[deleted\] first key then wait' && pass "/deleted shows deleted events" || fail "/deleted shows deleted events"
screen_type "/find first key"
screen_keys Enter
screen_type "/restore"
screen_keys Enter
poll 5 bash -c "\"$SCRIBE\" show $id | grep -q 'first key then wait'"
check "/restore brings it back" bash -c "\"$SCRIBE\" show $id | grep -q 'first key then wait'"
screen_type "/deleted"
screen_keys Enter
screen_type "/edit"
screen_keys Enter
screen_wait '^edit> ' && pass "/edit puts the selected event's text in the entry" || fail "/edit puts the selected event's text in the entry"
screen_type " (edited)"
screen_keys Enter
poll 5 bash -c "\"$SCRIBE\" show $id | grep -q 'first key then wait (edited)'"
check "Enter saves the edit" bash -c "\"$SCRIBE\" show $id | grep -q 'first key then wait (edited)'"

# help, panes
screen_keys F1
screen_wait 'any printable key +starts a new entry' && pass "F1 shows the help" || fail "F1 shows the help"
screen_keys q
screen_keys Tab
screen_wait 'Factors  a add' && pass "Tab goes to the factors" || fail "Tab goes to the factors"
screen_keys BTab
screen_wait 'detect ' && pass "Shift-Tab comes back" || fail "Shift-Tab comes back"

# resize to tiny and back
screen_resize 20 5
screen_wait 'terminal too small' && pass "tiny terminal: says it is too small" || fail "tiny terminal: says it is too small"
screen_resize 1 1
sleep 0.3
screen_resize 80 24
screen_wait "$id" && pass "back to 80x24" || fail "back to 80x24"
screen_resize 200 50
screen_wait 'Factors  a add' && pass "wide: the factors beside the timeline" || fail "wide: the factors beside the timeline"
screen_resize 80 24

screen_keys C-q
screen_wait '^\[exit 0\]' && pass "Ctrl-Q quits with status 0" || fail "Ctrl-Q quits with status 0"

done_testing
