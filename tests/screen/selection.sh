#!/bin/bash
# Every key acts on the item the user sees highlighted, and the highlight
# stays on the item (not the row) when the list re-sorts or grows
# (issue 11, cases 1 to 4).  NO_COLOR: the highlight is reverse video in
# every theme, which screen_highlighted reads.
. "$srcdir/tests/lib.sh"
export NO_COLOR=1

# the YAML export as "text star" per event
stars() {
	"$SCRIBE" export "$1" --format yaml | awk '
		/^- id: / { if (t != "") print t, s; t = ""; s = "no" }
		/^  text: / { t = substr($0, 9) }
		/^  star: true/ { s = "star" }
		/^[a-z]/ && !/^timeline:/ { if (t != "") print t, s; t = "" }'
}
# the highlighted rows contain TEXT (polls: the screen may not be drawn yet)
lit() { poll 5 bash -c "$(declare -f screen_highlighted); TMUX_SOCK='$TMUX_SOCK'; screen_highlighted ${2:-t} | grep -qF -- '$1'"; }
# a mark typed in the entry, then erased: proof that every key before it
# was handled and the screen drawn after them
sync_keys() {
	screen_type "~sync"
	screen_wait '> ~sync' >/dev/null
	screen_keys C-u
	screen_wait '^> *$' >/dev/null
}

# ---- case 4: projector mode at 80x24 shows the end and the highlight ----
demo=$("$SCRIBE" demo)
screen_start 80 24 "$SCRIBE" --present open "$demo"
screen_wait 'PRESENTING' >/dev/null
screen_wait 'apology sent to affected' && pass "present 80x24: the last event is on screen" ||
	fail "present 80x24: the last event is on screen"
like "$(screen_text)" '\[RESOLVED\] 30 minutes clean' "present 80x24: the RESOLVED event too"
lit 'status page: resolved, apology' && pass "present 80x24: the last event is highlighted" ||
	fail "present 80x24: the last event is highlighted"
screen_keys Up
lit '[RESOLVED]' && pass "present: Up highlights the event before" || fail "present: Up highlights the event before"
screen_keys Home
lit 'payment-service v4.12.0 rolled' && pass "present: Home highlights the first event" || fail "present: Home highlights the first event"
screen_keys End
lit 'status page: resolved, apology' && pass "present: End highlights the last again" ||
	fail "present: End highlights the last again"
screen_keys Down Down
sync_keys
is "$(screen_highlighted | grep -c 'status page: resolved, apology')" 1 "present: Down at the end keeps the highlight"

# 92 events at 100x30
big=$("$SCRIBE" new Ninety two events)
for i in $(seq 1 92); do
	printf -v at '2026-11-26T%02d:%02d:00Z' $((10 + i / 60)) $((i % 60))
	"$SCRIBE" log "$big" --at "$at" "event number $i" >/dev/null
done
screen_start 100 30 "$SCRIBE" --present open "$big"
screen_wait 'event number 92' && pass "present 100x30, 92 events: the last is on screen" ||
	fail "present 100x30, 92 events: the last is on screen"
lit 'event number 92' && pass "present 100x30: the last is highlighted" || fail "present 100x30: the last is highlighted"
screen_keys PageUp
lit 'event number 80' && pass "present: PgUp moves a screenful less one row (12 events of 2 rows)" ||
	fail "present: PgUp moves a screenful less one row (12 events of 2 rows)"
screen_keys End Up Up
lit 'event number 90' && pass "present: End, Up, Up" || fail "present: End, Up, Up"
screen_stop

# ---- case 2: /star right after a backdated entry stars that entry ----
inc=$("$SCRIBE" new Backdated star)
for i in $(seq 1 30); do
	printf -v at '2026-11-26T10:%02d:00Z' "$i"
	"$SCRIBE" log "$inc" --at "$at" "line $i" >/dev/null
done
screen_start 80 24 "$SCRIBE" open "$inc"
screen_wait 'line 30' >/dev/null
screen_type "/star"
screen_keys Enter
screen_wait 'starred for the report' >/dev/null
screen_type "@2017-01-31T20:00:00Z note: scratch"
screen_keys Enter
screen_wait 'placed at' >/dev/null
lit 'scratch' && pass "a backdated entry is highlighted, scrolled into view" ||
	fail "a backdated entry is highlighted, scrolled into view"
screen_type "/star"
screen_keys Enter
screen_wait 'starred for the report|unstarred' >/dev/null
poll 5 bash -c "$(declare -f stars); SCRIBE='$SCRIBE'; stars $inc | grep -q '^scratch star'"
like "$(stars "$inc" | grep '^scratch')" '^scratch star$' "/star after a backdated entry stars that entry"
like "$(stars "$inc" | grep '^line 30 ')" '^line 30 star$' "... and leaves the star of the last event alone"
screen_type "/causal"
screen_keys Enter
screen_wait 'flagged causal' >/dev/null
like "$("$SCRIBE" export "$inc" --format yaml | grep -B8 'causal: true' | grep 'text:')" 'text: scratch' \
	"/causal acts on the same entry"

screen_keys C-q
screen_stop

# add_action TITLE: a, the title, Enter, and the action on screen
add_action() {
	screen_keys a
	screen_wait 'New action:' >/dev/null
	screen_type "$1"
	screen_keys Enter
	screen_wait "P[0-3] .* $1" >/dev/null
}

# ---- case 3: a new action is the one the next keys act on ----
acts=$("$SCRIBE" new New actions)
screen_start 80 24 "$SCRIBE" open "$acts"
screen_wait 'No events yet' >/dev/null
screen_keys Tab Tab
screen_wait 'Preventative actions' >/dev/null
add_action First
add_action Second
add_action Third
lit 'Third' && pass "a new action is highlighted" || fail "a new action is highlighted"
screen_keys o
screen_wait 'Owner:' >/dev/null
screen_type "infra"
screen_keys Enter
screen_wait '@infra' >/dev/null
screen_keys 0
screen_wait 'P0 ' >/dev/null
lit 'Third' && pass "0 moves it to the top; the highlight goes with it" ||
	fail "0 moves it to the top; the highlight goes with it"
screen_keys t
screen_wait 'mitigate' >/dev/null
poll 5 bash -c "$(declare -f export_actions); SCRIBE='$SCRIBE'; export_actions $acts | grep -q '^Third P0 0 mitigate'"
is "$(export_actions "$acts" | tr '\n' '|')" "Third P0 0 mitigate infra|First P2 0 prevent null|Second P2 0 prevent null|" \
	"o, 0, t after adding: all on the new action"
screen_keys C-q
screen_stop

# ---- case 1: a vote re-sorts the list; the highlight stays on the item ----
vote=$("$SCRIBE" new Votes)
screen_start 80 24 "$SCRIBE" open "$vote"
screen_wait 'No events yet' >/dev/null
screen_keys Tab Tab
screen_wait 'Preventative actions' >/dev/null
add_action Alert
screen_keys 1
screen_wait 'P1 ' >/dev/null
add_action Canary
screen_keys End 1
screen_wait 'P1 .* Canary' >/dev/null
screen_keys v
screen_wait 'P1 .1 .* Canary' >/dev/null
is "$(export_actions "$vote" | cut -d' ' -f1-3 | tr '\n' '|')" "Canary P1 1|Alert P1 0|" "Canary P1 with a vote, then Alert"
screen_keys End
lit 'Alert' && pass "End highlights Alert" || fail "End highlights Alert"
screen_keys v
poll 5 bash -c "$(declare -f export_actions); SCRIBE='$SCRIBE'; export_actions $vote | grep -q '^Alert P1 1'"
is "$(export_actions "$vote" | cut -d' ' -f1-3 | tr '\n' '|')" "Alert P1 1|Canary P1 1|" "v votes for Alert, which moves up"
lit 'Alert' && pass "the highlight moved up with Alert" || fail "the highlight moved up with Alert"
screen_keys v
poll 5 bash -c "$(declare -f export_actions); SCRIBE='$SCRIBE'; export_actions $vote | grep -q '^Alert P1 0'"
is "$(export_actions "$vote" | cut -d' ' -f1-3 | sort | tr '\n' '|')" "Alert P1 0|Canary P1 1|" \
	"v again takes the vote back from Alert, not from Canary"
screen_keys C-q
screen_stop

# ---- case 11: a 300-line paste is folded, Ctrl-O shows it all ----
paste=$("$SCRIBE" new Long paste)
"$SCRIBE" log "$paste" --at 2026-11-26T10:00:00Z before the paste >/dev/null
seq -f "log line %g" 1 300 | "$SCRIBE" log "$paste" --at 2026-11-26T10:01:00Z - >/dev/null
"$SCRIBE" log "$paste" --at 2026-11-26T10:02:00Z after the paste >/dev/null
screen_start 80 24 "$SCRIBE" open "$paste"
screen_wait 'after the paste' >/dev/null
screen_wait '… 295 more lines' && pass "a 300-line paste shows its first lines and how many more" ||
	fail "a 300-line paste shows its first lines and how many more"
like "$(screen_text)" 'before the paste' "the events around it stay on screen"
like "$(screen_text | grep -c 'log line')" '^5$' "five lines of it are shown"
screen_keys Up C-o
screen_wait 'log line 19' && pass "Ctrl-O on it shows the rest" || fail "Ctrl-O on it shows the rest"
screen_keys C-o
screen_wait '… 295 more lines' && pass "Ctrl-O again folds it" || fail "Ctrl-O again folds it"
screen_keys C-q
done_testing
