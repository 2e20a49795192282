#!/bin/bash
# The retrospective on a projector: --present, zoom, the timebox, themes
# switched at run time, and a follower seeing what the presenter shows.
. "$srcdir/tests/lib.sh"

id=$("$SCRIBE" demo)

screen_start 200 40 env SCRIBE_AUTHOR=ann "$SCRIBE" --present open "$id"
screen_wait 'PRESENTING' && pass "--present: the status line says so" || fail "--present: the status line says so"
check "projector mode: one pane even on a wide terminal" bash -c "! tmux -S '$TMUX_SOCK' capture-pane -t =t: -p | grep -q 'TRIGGER ('"
like "$(screen_text | grep -c '^$')" '^[1-9][0-9]*$' "events get air between them (blank lines)"

# a follower on another terminal
tmux -S "$TMUX_SOCK" new-session -d -s u -x 100 -y 30 \
	"env TERM=screen-256color SCRIBE_AUTHOR=bob XDG_STATE_HOME=$WORK/state-bob $(printf '%q' "$SCRIBE") open $id --follow; sleep 600"
poll 5 bash -c "tmux -S '$TMUX_SOCK' capture-pane -t =u: -p | grep -q FOLLOWING"
check "--follow: the follower says FOLLOWING" bash -c "tmux -S '$TMUX_SOCK' capture-pane -t =u: -p | grep -q FOLLOWING"
screen_keys Tab
poll 5 bash -c "tmux -S '$TMUX_SOCK' capture-pane -t =u: -p | grep -q 'TRIGGER ('"
check "the follower shows the presenter's pane (factors)" bash -c "tmux -S '$TMUX_SOCK' capture-pane -t =u: -p | grep -q 'TRIGGER ('"
screen_keys Tab
screen_wait 'Preventative actions' >/dev/null || true
screen_keys Down
poll 5 bash -c "tmux -S '$TMUX_SOCK' capture-pane -t =u: -p | grep -q 'Preventative actions'"
check "then the actions" bash -c "tmux -S '$TMUX_SOCK' capture-pane -t =u: -p | grep -q 'Preventative actions'"
poll 5 bash -c "tmux -S '$TMUX_SOCK' capture-pane -t =u: -p | grep -q 'addresses: No alert on vault pool saturation'"
check "and the presenter's selection (its details)" \
	bash -c "tmux -S '$TMUX_SOCK' capture-pane -t =u: -p | grep -q 'addresses: No alert on vault pool saturation'"
tmux -S "$TMUX_SOCK" send-keys -t =u: a
sleep 0.3
check "the follower is read-only" bash -c "! tmux -S '$TMUX_SOCK' capture-pane -t =u: -p | grep -q 'New action:'"
tmux -S "$TMUX_SOCK" send-keys -t =u: q
poll 5 bash -c "! pgrep -f '^$SCRIBE open $id --follow' >/dev/null"
check "q leaves follow mode" bash -c "! pgrep -f '^$SCRIBE open $id --follow' >/dev/null"

# the timebox
screen_keys B
screen_wait 'Timebox' >/dev/null || true
screen_keys C-u
screen_type "2s"
screen_keys Enter
screen_wait '0:0[12] left' && pass "B starts a countdown on the status line" || fail "B starts a countdown on the status line"
screen_wait 'TIME UP' 5 && pass "and says TIME UP when it is over" || fail "and says TIME UP when it is over"

# zoom and back; present off; themes
screen_keys z
poll 3 bash -c "! tmux -S '$TMUX_SOCK' capture-pane -t =t: -p | grep -q '1 timeline'"
check "z zooms the pane: no tab bar" bash -c "! tmux -S '$TMUX_SOCK' capture-pane -t =t: -p | grep -q '1 timeline'"
screen_keys z
screen_wait '1 timeline' && pass "z again comes back" || fail "z again comes back"
screen_keys P
screen_wait 'projector mode off' && pass "P leaves projector mode" || fail "P leaves projector mode"
screen_wait '│Preventative actions' && pass "and the wide layout is back" || fail "and the wide layout is back"
screen_keys T
screen_wait 'theme [a-z-]+' && pass "T goes to the next theme" || fail "T goes to the next theme"
screen_keys q
screen_wait '^\[exit 0\]' >/dev/null || true

done_testing
