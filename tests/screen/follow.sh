#!/bin/bash
# Follow mode (issue 11, case 7): q and Esc leave on any pane, the
# follower sees the presenter's timebox, and stops saying FOLLOWING once
# the presenter has gone.
. "$srcdir/tests/lib.sh"

id=$("$SCRIBE" demo)
# u: the follower's session, started afresh by follower_start
follower_start() {
	tmux -S "$TMUX_SOCK" kill-session -t =u: 2>/dev/null
	tmux -S "$TMUX_SOCK" new-session -d -s u -x 80 -y 24 \
		"env TERM=screen-256color SCRIBE_AUTHOR=bob XDG_STATE_HOME=$WORK/state-bob $(printf '%q' "$SCRIBE") open $id --follow; echo \"[exit \$?]\"; sleep 600"
}
follower_text() { tmux -S "$TMUX_SOCK" capture-pane -t =u: -p; }
# follower_wait REGEX: polls the follower's screen
follower_wait() {
	poll "${2:-10}" bash -c "tmux -S '$TMUX_SOCK' capture-pane -t =u: -p | grep -Eq -- \"\$0\"" "$1" && return
	echo "# the follower did not show /$1/; it shows:"
	follower_text | sed 's/^/#   |/'
	return 1
}

screen_start 100 30 env SCRIBE_AUTHOR=ann "$SCRIBE" --present open "$id"
screen_wait 'PRESENTING' >/dev/null || true

# q on the timeline (where q would be text for the presenter)
follower_start
follower_wait '^ FOLLOWING ann  RESOLVED SEV2 ' && pass "the follower says whom it follows" \
	|| fail "the follower says whom it follows"
is "$(follower_text | tail -2 | head -1)" "" "the follower has no entry prompt"
is "$(follower_text | tail -1)" " FOLLOWING ann  RESOLVED SEV2  lasted 1:13:00  q leaves  F1 help        ✓ saved" \
	"80x24: the follower is told how to leave"
tmux -S "$TMUX_SOCK" send-keys -t =u: q
follower_wait '^\[exit 0\]' && pass "q leaves while the presenter is on the timeline" \
	|| fail "q leaves while the presenter is on the timeline"

# Esc on the factors
screen_keys Tab
screen_wait 'TRIGGER \(' >/dev/null || true
follower_start
follower_wait 'TRIGGER \(' && pass "the follower shows the factors" || fail "the follower shows the factors"
tmux -S "$TMUX_SOCK" send-keys -t =u: Escape
follower_wait '^\[exit 0\]' && pass "Esc leaves while the presenter is on the factors" \
	|| fail "Esc leaves while the presenter is on the factors"

# q on the actions, too
screen_keys Tab
screen_wait 'Preventative actions' >/dev/null || true
follower_start
follower_wait 'Preventative actions' >/dev/null
# a follower changes nothing: no key hints for changes, no prompt
is "$(follower_text | sed -n 2p | sed 's/ *$//')" "Preventative actions" "the follower's actions header has no key hints"
tmux -S "$TMUX_SOCK" send-keys -t =u: q
follower_wait '^\[exit 0\]' && pass "q leaves on the actions" || fail "q leaves on the actions"

# the presenter's timebox shows on the follower's status line
follower_start
follower_wait '^ FOLLOWING ann ' >/dev/null
screen_keys B
screen_wait 'Timebox' >/dev/null || true
screen_keys C-u
screen_type "10m"
screen_keys Enter
screen_wait ' (9:[0-5][0-9]|10:00) left ' >/dev/null || true
follower_wait '^ FOLLOWING ann  RESOLVED SEV2  lasted 1:13:00  timebox (9:[0-5][0-9]|10:00) left ' \
	&& pass "the follower sees the timebox" || fail "the follower sees the timebox"

# the presenter goes (killed: no goodbye); the follower says so
kill -KILL "$(screen_app_pid)"
follower_wait '^ NO PRESENTER  RESOLVED SEV2 ' && pass "once the presenter has gone, the follower says NO PRESENTER" \
	|| fail "once the presenter has gone, the follower says NO PRESENTER"
check "and no longer FOLLOWING, nor the timebox" bash -c "! tmux -S '$TMUX_SOCK' capture-pane -t =u: -p | grep -Eq 'FOLLOWING| left '"

# a presenter who leaves projector mode is no longer followed
tmux -S "$TMUX_SOCK" kill-session -t =t:
tmux -S "$TMUX_SOCK" new-session -d -s t -x 100 -y 30 \
	"env TERM=screen-256color SCRIBE_AUTHOR=cat $(printf '%q' "$SCRIBE") --present open $id; echo \"[exit \$?]\"; sleep 600"
screen_wait 'PRESENTING' >/dev/null || true
follower_wait '^ FOLLOWING cat ' && pass "a new presenter is followed" || fail "a new presenter is followed"
screen_keys Tab P
screen_wait 'projector mode off' >/dev/null || true
follower_wait '^ NO PRESENTER ' && pass "P off: the follower stops following" || fail "P off: the follower stops following"
tmux -S "$TMUX_SOCK" send-keys -t =u: q
follower_wait '^\[exit 0\]' >/dev/null || true
screen_keys C-q
screen_wait '^\[exit 0\]' >/dev/null || true

done_testing
