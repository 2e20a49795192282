#!/bin/bash
# The help overlay: made from the key table for the pane it is opened
# on (j and k where they move), scrolled with the keys of every list;
# an unknown slash command is said.
. "$srcdir/tests/lib.sh"

id=$("$SCRIBE" demo)
screen_start 100 30 "$SCRIBE" open "$id"
screen_wait 'saved *$' >/dev/null || true

# in the timeline: j and k are text, so the help does not offer them
screen_keys F1
screen_wait '^. Down +next event or item' && pass "the timeline's help: Down" || fail "the timeline's help: Down"
like "$(screen_text)" '^. Ctrl-Q Ctrl-C +quit, saving everything first' "Ctrl-Q and Ctrl-C quit"
like "$(screen_text)" '^. Up +previous event or item' "Up, without k"
like "$(screen_text | tail -2)" 'Up/Down/PgUp/PgDn/Home/End move  -  any other key closes the help' \
	"the footer names the keys that scroll"
screen_keys Escape
screen_wait '^[0-9:]{8} ' >/dev/null || true

# on the factors: j and k move, and the help says so
screen_keys Tab
screen_wait '^Factors  a add  e edit  d describe  l link  <>KJ move  F1 help' && pass "the factors' hints, from the table" ||
	fail "the factors' hints, from the table"
screen_keys '?'
screen_wait '^. Down j +next event or item' && pass "the factors' help shows j" || fail "the factors' help shows j"
like "$(screen_text)" '^. Up k +previous event or item' "and k"
like "$(screen_text)" '^. F1 \? +this help' "and ? beside F1"
is "$(screen_text | sed -n 2p | cut -c2-99 | sed 's/ *$//')" " Keys" "the help starts at its top"

# it scrolls with the list keys, j and k too, and stays open
screen_keys j
screen_wait '^. Tab +next pane' >/dev/null || true
is "$(screen_text | sed -n 2p | cut -c2-99 | sed 's/  */ /g; s/ $//')" " Tab next pane (timeline, factors, actions, summary)" "j scrolls the help a line"
screen_keys End
screen_wait '^. q +quit \(same as Ctrl-Q\)' && pass "End shows its last line" || fail "End shows its last line"
is "$(screen_text | sed -n 28p | cut -c2-99 | sed 's/  */ /g; s/ $//')" " q quit (same as Ctrl-Q)" "at the bottom, not beyond"
screen_keys k
screen_wait '^. B +a timebox' >/dev/null || true
is "$(screen_text | sed -n 28p | cut -c2-99 | sed 's/  */ /g; s/ $//')" " B a timebox for this part of the meeting (10m; off)" "k scrolls back a line"
screen_keys Home
screen_wait '^. Keys' && pass "Home goes back to the top" || fail "Home goes back to the top"
screen_keys NPage
top_is_keys() { tmux -S "$TMUX_SOCK" capture-pane -t =t: -p | sed -n 2p | grep -Eq '^. Keys( |$)'; }
poll 5 eval '! top_is_keys'
check "PgDn scrolls a page" eval '! top_is_keys'
check "to a line of the help" eval 'tmux -S "$TMUX_SOCK" capture-pane -t =t: -p | sed -n 2p | grep -Eq "^. [^ ].* {2,}[a-z]"'
like "$(screen_text)" 'any other key closes the help' "and the help is still open"
screen_keys PPage
screen_wait '^. Keys' && pass "PgUp scrolls back" || fail "PgUp scrolls back"
screen_keys x
screen_wait '^Factors  a add' >/dev/null || true
check "any other key closes it" bash -c "! tmux -S '$TMUX_SOCK' capture-pane -t =t: -p | grep -q 'any other key closes the help'"

# an unknown slash command says so
screen_keys BTab
screen_wait '^[0-9:]{8} ' >/dev/null || true
screen_type "/frobnicate now"
screen_keys Enter
screen_wait 'unknown command /frobnicate \(F1 lists them\)' && pass "an unknown command is said" ||
	fail "an unknown command is said"
check "and not logged as an event" bash -c "! \"$SCRIBE\" show $id | grep -q frobnicate"
# a known one, straight after: the table finds it
screen_type "/drafts"
screen_keys Enter
screen_wait ' 0 drafts set aside ' && pass "/drafts runs" || fail "/drafts runs"

screen_keys C-q
screen_wait '^\[exit 0\]' && pass "Ctrl-Q quits" || fail "Ctrl-Q quits"
done_testing
