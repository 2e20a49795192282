#!/bin/bash
# The status line at 80 columns (issue 11, cases 5 and 6): the status and
# severity, the clock, presence, the title and the save state come before
# the id; the clock stops when the incident is over (by its "resolved"
# marker or by its status) and shows how long it lasted; a "resolved"
# marker on an active incident is said.  The picker and the tab bar give
# the title its room.
. "$srcdir/tests/lib.sh"

id=$("$SCRIBE" demo)
title="Card payments failing at checkout (demo)"
status_line() { screen_text | tail -1; }

screen_start 80 24 "$SCRIBE" open "$id"
screen_wait 'saved *$' >/dev/null || true
is "$(status_line)" " RESOLVED SEV2  lasted 1:13:00  F1 help  Ctrl-Q quit                    ✓ saved" \
	"80x24, first screen: status, the stopped clock, how to get help and out, the save state"

# the clock stays stopped: let two seconds pass, make the screen redraw
# (Tab), and look again
t0=$(date +%s)
poll 5 bash -c "[ \$(date +%s) -ge $((t0 + 2)) ]"
screen_keys Tab
screen_wait '^ 1 tim +2 factors ' >/dev/null || true
is "$(status_line)" " RESOLVED SEV2  lasted 1:13:00  Card payments failing at checkout (dem… ✓ saved" \
	"80x24: the title (cut, marked) once a key is pressed; no id; after two seconds, still 1:13:00"
is "$(screen_text | head -1)" " 1 tim   2 factors   3 act   4 sum     $title" \
	"80x24: the tab bar shortens the other panes' names, not the title"

# a long title gives way before the panes' names do: they keep three
# letters, the title is cut (and marked)
# (in a folder of its own, so that the picker below shows the demo alone)
long=$(SCRIBE_DIR=$WORK/other "$SCRIBE" new "GitLab.com database outage: primary data removed" --at 2017-01-31T17:20:00Z)
tmux -S "$TMUX_SOCK" new-session -d -s u -x 80 -y 24 \
	"env TERM=screen-256color SCRIBE_DIR=$WORK/other SCRIBE_AUTHOR=bob XDG_STATE_HOME=$WORK/state-bob $(printf '%q' "$SCRIBE") open $long; sleep 600"
poll 10 bash -c "tmux -S '$TMUX_SOCK' capture-pane -t =u: -p | head -1 | grep -q 'GitLab'"
is "$(tmux -S "$TMUX_SOCK" capture-pane -t =u: -p | head -1)" \
	" 1 timeline   2 fac   3 act   4 sum  GitLab.com database outage: primary data …" \
	"80x24, a long title: the names keep three letters, the title is cut and marked"
tmux -S "$TMUX_SOCK" kill-session -t =u:

# a message shows at 80 columns too, beside the clock and the save state
screen_keys T
screen_wait ' theme [a-z-]+ ' >/dev/null || true
like "$(status_line)" '^ RESOLVED SEV2  lasted 1:13:00  theme [a-z-]+ +✓ saved$' "80x24: a message takes the title's place"

# someone else comes in: presence before the title
tmux -S "$TMUX_SOCK" new-session -d -s u -x 80 -y 24 \
	"env TERM=screen-256color SCRIBE_AUTHOR=bob XDG_STATE_HOME=$WORK/state-bob $(printf '%q' "$SCRIBE") open $id; sleep 600"
poll 15 bash -c "tmux -S '$TMUX_SOCK' capture-pane -t =t: -p | tail -1 | grep -q 'with bob  Card'"
is "$(status_line)" " RESOLVED SEV2  lasted 1:13:00  with bob  Card payments failing at che… ✓ saved" \
	"80x24: presence comes before the title"
tmux -S "$TMUX_SOCK" kill-session -t =u:
screen_keys C-q
screen_wait '^\[exit 0\]' >/dev/null || true

# presenting at 80 columns
screen_start 80 24 "$SCRIBE" --present open "$id"
screen_wait 'saved *$' >/dev/null || true
poll 10 bash -c "tmux -S '$TMUX_SOCK' capture-pane -t =t: -p | tail -1 | grep -q ' Card'"
like "$(status_line)" '^ PRESENTING  RESOLVED SEV2  lasted 1:13:00  Card payments .*… ✓ saved$' \
	"80x24 presenting: the mode, the status and the clock"
screen_keys C-q
screen_wait '^\[exit 0\]' >/dev/null || true

# the picker at 80 columns: the title whole, the id cut to its date
screen_start 80 24 "$SCRIBE"
screen_wait 'scribe: incidents' >/dev/null || true
like "$(screen_text | sed -n 3p)" "^20[0-9-]{9}… resolved  SEV2 [0-9a-z ]+ago +$(printf '%s' "$title" | sed 's/[()]/\\&/g')\$" \
	"80x24 picker: the title is whole, the id gives way"
screen_keys C-q
screen_wait '^\[exit 0\]' >/dev/null || true

# a 2017 incident resolved by its marker while its status says active
old=$("$SCRIBE" new "Search outage" --at 2017-01-31T20:00:00Z)
"$SCRIBE" log "$old" --at 2017-01-31T20:00:00Z --marker started "queries fail" >/dev/null
"$SCRIBE" log "$old" --at 2017-01-31T22:30:15Z --marker resolved "all clear" >/dev/null
screen_start 200 24 "$SCRIBE" open "$old"
screen_wait 'saved *$' >/dev/null || true
like "$(status_line)" '^ ACTIVE SEV3  lasted 2:30:15  F1 help  Ctrl-Q quit  Search outage  ' "the resolved marker stops the clock"
like "$(screen_text)" 'an event is marked "resolved" but the status is active' \
	"and the active status beside it is said"
screen_keys C-q
screen_wait '^\[exit 0\]' >/dev/null || true
run "$SCRIBE" check "$old"
like "$OUT$ERR" 'marked "resolved" but the status is active' "scribe check says it too"

# a running clock counts whole minutes (the terminal gets a few bytes a
# minute, not a second): 90 minutes since the impact started
now=$("$SCRIBE" new "Cache stampede" --at -2h)
"$SCRIBE" log "$now" --at -90m --marker started "hit rate drops" >/dev/null
screen_start 80 24 "$SCRIBE" open "$now"
screen_wait 'saved *$' >/dev/null || true
like "$(status_line)" '^ ACTIVE SEV3  T\+1h(30|31)m  F1 help  Ctrl-Q quit  Cache stampede ' \
	"an active incident's clock runs in hours and minutes since the impact started"
screen_keys C-q
screen_wait '^\[exit 0\]' >/dev/null || true

# resolved by its status alone: the clock stops at the last event
two=$("$SCRIBE" new "Queue backlog" --at 2017-03-01T10:00:00Z)
"$SCRIBE" log "$two" --at 2017-03-01T10:00:00Z --marker started "backlog grows" >/dev/null
"$SCRIBE" log "$two" --at 2017-03-01T11:00:00Z "drained" >/dev/null
screen_start 80 24 "$SCRIBE" open "$two"
screen_wait 'saved *$' >/dev/null || true
like "$(status_line)" '^ ACTIVE SEV3  T\+[0-9]+d[0-9]{2}h[0-9]{2}m  F1 help  Ctrl-Q quit  Queue backlog ' "an active incident's clock runs (days, hours, minutes)"
screen_keys Tab Tab Tab
screen_wait 'Status' >/dev/null || true
screen_keys Down Down Enter
screen_wait '^ MITIGATED SEV3' >/dev/null || true
screen_keys Enter
screen_wait '^ RESOLVED SEV3' >/dev/null || true
is "$(status_line)" " RESOLVED SEV3  lasted 1:00:00  Queue backlog                           ✓ saved" \
	"the status resolved stops the clock at the last event (the id goes first)"
screen_keys C-q
screen_wait '^\[exit 0\]' >/dev/null || true

done_testing
