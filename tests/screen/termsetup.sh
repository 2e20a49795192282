#!/bin/bash
# Terminal setup (issue 11, case 13): a terminal that cannot draw the
# screen (TERM=dumb), an unknown TERM and no TERM are usage errors (64)
# said plainly, never a blank screen or the exit status of a bug (70); at
# 40x10 the factors' header does not run into itself; a newcomer's first
# screen says that F1 helps and Ctrl-Q quits.
. "$srcdir/tests/lib.sh"

id=$("$SCRIBE" demo)

screen_start 120 10 bash --norc --noprofile
for term in dumb no-such-terminal ''; do
	screen_keys C-l
	screen_type "env TERM=$term $(printf '%q ' "$SCRIBE") open $id; echo \"[rc \$?]\""
	screen_keys Enter
	screen_wait '^\[rc [0-9]+\]' >/dev/null || true
	text=$(screen_text | tr -d '\n')
	like "$text" '\[rc 64\]' "TERM=$term: exit status 64 (usage), not 70 or 0"
	case $term in
	dumb) want='scribe: TERM=dumb cannot move the cursor: the full-screen program needs a terminal that can move the cursor' ;;
	'') want='scribe: TERM is not set: the full-screen program needs to know the terminal' ;;
	*) want="scribe: TERM=$term is not a terminal type this system knows: the full-screen program needs a terminal" ;;
	esac
	like "$text" "$want" "TERM=$term: said plainly"
	like "$text" 'the commands work without (one|it) \(scribe --help\)' "TERM=$term: and what works instead"
done
check "no one is left in the incident" bash -c "! ls -A '$SCRIBE_DIR/$id' | grep -q presence"

# a newcomer's first screen, and the same screen after a key
screen_start 80 24 "$SCRIBE" open "$id"
screen_wait 'saved *$' >/dev/null || true
like "$(screen_text | tail -1)" '  F1 help  Ctrl-Q quit  ' "the first screen says F1 helps and Ctrl-Q quits"
screen_keys Tab
screen_wait 'TRIGGER \(' >/dev/null || true
check "the hint goes with the first key" bash -c "! tmux -S '$TMUX_SOCK' capture-pane -t =t: -p | grep -q 'Ctrl-Q quit'"

# 40x10: the header of the factors gives way to where the board is
screen_resize 40 10
screen_wait '1/5' >/dev/null || true
is "$(screen_text | sed -n 2p)" "Factors  a add  e edit  d describ… 1/5 ▶" "40x10: the factors' header does not overlap itself"
screen_keys Right Right
screen_wait '◀ 3/5 ▶' >/dev/null || true
is "$(screen_text | sed -n 2p)" "Factors  a add  e edit  d descr… ◀ 3/5 ▶" "40x10, scrolled: neither"
screen_keys C-q
screen_wait '^\[exit 0\]' >/dev/null || true

done_testing
