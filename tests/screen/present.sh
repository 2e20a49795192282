#!/bin/bash
# Present mode for a room (issue 11, the design): the panes' key hints
# are hidden (they are for the keyboard's owner, not the room), the
# status line gives the room the clock and the state, not a newcomer's
# hint; leaving projector mode brings the hints back.
. "$srcdir/tests/lib.sh"

id=$("$SCRIBE" demo)

screen_start 80 24 "$SCRIBE" --present open "$id"
screen_wait 'PRESENTING' >/dev/null || true
check "the first screen has no newcomer's hint" bash -c "! tmux -S '$TMUX_SOCK' capture-pane -t =t: -p | grep -q 'Ctrl-Q quit'"
screen_keys Tab
screen_wait 'TRIGGER \(' >/dev/null || true
is "$(screen_text | sed -n 2p)" "Factors                                                                    1/5 ▶" \
	"factors: the heading without key hints"
screen_keys Tab
screen_wait '^P0 ' >/dev/null || true
is "$(screen_text | sed -n 2p)" "Preventative actions" "actions: the heading without key hints"
screen_keys Tab
screen_wait '^Title ' >/dev/null || true
is "$(screen_text | sed -n 2p)" "time to detect 12m 00s, mitigate 41m 00s, resolve 1h 13m" "summary: the durations without key hints"
poll 10 bash -c "tmux -S '$TMUX_SOCK' capture-pane -t =t: -p | tail -1 | grep -q ' Card payments'"
is "$(screen_text | tail -1)" " PRESENTING  RESOLVED SEV2  lasted 1:13:00  Card payments failing at c… ✓ saved" \
	"the status line: the mode, the state, the clock, the title, saved"
screen_keys P
screen_wait 'projector mode off' >/dev/null || true
like "$(screen_text | sed -n 2p)" '^time to detect .*   e edit  E editor  w' "P off: the hints are back (from the key table)"
screen_keys C-q
screen_wait '^\[exit 0\]' >/dev/null || true

done_testing
