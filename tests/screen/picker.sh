#!/bin/bash
# The picker (scribe with no command): newest first, filter, open, new;
# and presence: two people in one incident see each other.
. "$srcdir/tests/lib.sh"

old=$("$SCRIBE" new "Database failover" --severity 1)
sleep 0.01
new=$("$SCRIBE" new "Checkout errors" --severity 2)

screen_start 100 24 "$SCRIBE"
screen_wait 'scribe: incidents' && pass "scribe opens the picker" || fail "scribe opens the picker"
rows=$(screen_text | grep -E '^ ?20[0-9]{2}-' | sed 's/^ *//' | cut -d' ' -f1 | tr '\n' ' ')
is "$rows" "$new $old " "newest first"
like "$(screen_text)" "$new +active +SEV2 .*Checkout errors" "status, severity and title"
# while it is on screen: another incident comes, and one is retitled and
# mitigated by a record someone else writes (the picker reads again only
# the incidents whose files changed)
third=$("$SCRIBE" new "Queue backlog" --severity 3)
screen_wait "$third +active +SEV3 .*Queue backlog" 10 && pass "a new incident appears in the picker" \
	|| fail "a new incident appears in the picker"
base=$(sed -n 's/^rev: //p' "$SCRIBE_DIR/$third"/j-*.yaml | head -1)
printf -- '---\ntype: incident\nid: %s\nrev: rpicker00001\nbase: %s\ntime: %s\nauthor: bob\nset:\n  title: Queue backlog, retitled\n  status: mitigated\n...\n' \
	"$third" "$base" "$(date -u +%Y-%m-%dT%H:%M:%S.000Z)" >"$SCRIBE_DIR/$third/j-20990101t000000z-host-1-bob.yaml"
screen_wait "$third +mitigated +SEV3 .*Queue backlog, retitled" 10 && pass "a changed incident is read again" \
	|| { fail "a changed incident is read again"; screen_text | sed 's/^/#   |/'; }
like "$(screen_text)" "$new +active +SEV2 .*Checkout errors" "the unchanged one is still there"

screen_type "failover"
screen_wait 'filter: failover' && pass "typing filters" || fail "typing filters"
check "only the match is listed" bash -c "! tmux -S '$TMUX_SOCK' capture-pane -t =t: -p | grep -q 'Checkout errors'"
screen_keys Enter Enter
screen_wait "^ ACTIVE SEV1 .* $old " && pass "Enter opens the incident" || fail "Enter opens the incident"
screen_keys C-q
screen_wait '^\[exit 0\]' >/dev/null || true

# the picker is a pane of its own, not a tab of an incident: Tab and
# Shift-Tab leave it as it is; Esc ends a filter, q leaves
screen_start 100 24 "$SCRIBE"
screen_wait 'scribe: incidents' >/dev/null || true
screen_keys Tab BTab
screen_type "z"
screen_wait '^ filter: z' && pass "Tab and Shift-Tab stay in the picker" || fail "Tab and Shift-Tab stay in the picker"
like "$(screen_text | head -1)" '^ scribe: incidents' "with its header"
screen_keys Escape
screen_wait '^ +Enter open +n new' && pass "Esc ends the filter" || fail "Esc ends the filter"
screen_keys q
screen_wait '^\[exit 0\]' && pass "q leaves the picker" || fail "q leaves the picker"

# n creates one: title, then severity
screen_start 100 24 "$SCRIBE"
screen_wait 'scribe: incidents' >/dev/null || true
screen_keys n
screen_wait 'Title of the new incident:' && pass "n asks for a title" || fail "n asks for a title"
screen_type "Search latency"
screen_keys Enter
screen_wait 'Severity' && pass "then for a severity" || fail "then for a severity"
screen_type "2"
screen_keys Enter
screen_wait '^ ACTIVE SEV2 .*search-latency' && pass "and opens the new incident" || fail "and opens the new incident"
like "$("$SCRIBE" list)" 'search-latency +active +2 +Search latency' "it is in the shared directory"

# presence: bob opens the same incident
tmux -S "$TMUX_SOCK" new-session -d -s u -x 100 -y 24 \
	"env TERM=screen-256color SCRIBE_AUTHOR=bob $(printf '%q' "$SCRIBE") open $(printf '%q' "$("$SCRIBE" list | awk '/search-latency/{print $1}')"); sleep 600"
screen_wait 'with bob' 5 && pass "the other session shows up in the status line" \
	|| fail "the other session shows up in the status line"
tmux -S "$TMUX_SOCK" send-keys -t =u: -l "bob was here"
tmux -S "$TMUX_SOCK" send-keys -t =u: Enter
screen_wait 'bob +bob was here' 3 && pass "and its events appear live" || fail "and its events appear live"
tmux -S "$TMUX_SOCK" kill-session -t =u:
poll 8 bash -c "! tmux -S '$TMUX_SOCK' capture-pane -t =t: -p | grep -q 'with bob'"
check "gone within seconds once it ends" bash -c "! tmux -S '$TMUX_SOCK' capture-pane -t =t: -p | grep -q 'with bob'"

done_testing
