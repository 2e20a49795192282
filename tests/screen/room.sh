#!/bin/bash
# The room (issue 11): three people in their own sessions and a follower
# in one incident.  They vote (as three accounts, when root), set
# priorities, owners and types, star events, at the same moment on the
# same items while the lists re-sort and grow under them; every key's
# effect is checked on the item that was highlighted in that session
# when the key was pressed, and the highlight is checked to stay on that
# item.  ROOM_SEED repeats a run.
. "$srcdir/tests/lib.sh"
export NO_COLOR=1
seed=${ROOM_SEED:-$RANDOM}
RANDOM=$seed
echo "# seed $seed (ROOM_SEED=$seed repeats this run)"

TITLES="Alpha Bravo Charlie Delta Echo"

# ---- four people, four accounts ----
# Votes count once per account (scribe(5)), so that one person cannot
# vote twice under two names: for three people's votes to count, they
# must be three accounts.  As root, each session runs as a uid of its
# own (no password entry needed: its account is then "uid<N>") in a
# group of their own, in a setgid team folder; otherwise they share this
# account, and the vote rounds are skipped.
declare -A as=([ann]="" [bob]="" [cat]="" [dan]="")
accounts=""
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null &&
	setpriv --reuid=40101 --regid=40100 --clear-groups -- true 2>/dev/null; then
	accounts=1
	chmod 711 "$WORK"
	export SCRIBE_DIR=$WORK/team
	install -d -m 2775 -g 40100 "$SCRIBE_DIR"
	uid=40101
	for p in ann bob cat dan; do
		mkdir -p "$WORK/home-$p" "$WORK/state-$p"
		chown -R "$uid:40100" "$WORK/home-$p" "$WORK/state-$p"
		as[$p]="setpriv --reuid=$uid --regid=40100 --clear-groups -- env HOME=$WORK/home-$p XDG_CONFIG_HOME=$WORK/home-$p/.config XDG_CACHE_HOME=$WORK/home-$p/.cache"
		uid=$((uid + 1))
	done
fi
inc=$(umask 022 && "$SCRIBE" new Room test)
for i in $(seq 1 30); do
	printf -v at '2026-11-26T10:%02d:00Z' "$i"
	"$SCRIBE" log "$inc" --at "$at" "event $i" >/dev/null
done

# ---- sessions: ann presents (session t), bob and cat, dan follows ----
open_session() {	# NAME COMMAND...
	local name=$1
	shift
	tmux -S "$TMUX_SOCK" new-session -d -s "$name" -x 100 -y 30 \
		"env TERM=screen-256color NO_COLOR=1 ${as[$name]} SCRIBE_AUTHOR=$name XDG_STATE_HOME=$WORK/state-$name $(printf '%q ' "$@"); sleep 600"
}
# shellcheck disable=SC2086 # as[ann] is words
screen_start 100 30 ${as[ann]} env SCRIBE_AUTHOR=ann XDG_STATE_HOME="$WORK/state-ann" "$SCRIBE" --present open "$inc"
open_session bob "$SCRIBE" open "$inc"
open_session cat "$SCRIBE" open "$inc"
declare -A pane=([ann]=t [bob]=bob [cat]=cat [dan]=dan)

text_of() { tmux -S "$TMUX_SOCK" capture-pane -t "=${pane[$1]}:" -p; }
keys_to() { local s=$1; shift; tmux -S "$TMUX_SOCK" send-keys -t "=${pane[$s]}:" "$@"; }
type_to() { tmux -S "$TMUX_SOCK" send-keys -t "=${pane[$1]}:" -l -- "$2"; }
shows() { text_of "$1" | grep -Eq -- "$2"; }
wait_for() {	# SESSION REGEX
	poll 10 shows "$1" "$2" || { echo "# $1 did not show /$2/:"; text_of "$1" | sed 's/^/#   |/'; return 1; }
}
# the title or event highlighted in a session
lit_title() { screen_highlighted "${pane[$1]}" | grep -oE "${2:-Alpha|Bravo|Charlie|Delta|Echo}" | head -1; }
lit_event() { screen_highlighted "${pane[$1]}" | grep -oE 'event [0-9]+' | head -1; }
# the Nth action row on a session's screen (from 1), by title
row_title() { text_of "$1" | grep -E '^P[0-3] ' | sed -n "${2}p" | grep -oE 'Alpha|Bravo|Charlie|Delta|Echo'; }
# a mark typed into a session's timeline entry and erased: every key
# sent before it has been handled
sync_entry() {
	type_to "$1" "~sync$1"
	wait_for "$1" "> ~sync$1" >/dev/null
	keys_to "$1" C-u
	wait_for "$1" '^> *$' >/dev/null
}
for s in ann bob cat; do wait_for $s 'event 30' >/dev/null; done

# ---- the timeline: a star while entries arrive above and below ----
starred() {
	"$SCRIBE" export "$inc" --format yaml |
		awk '/^- id: /{t=""} /^  text: /{t=substr($0,9)} /^  star: true/{print t}' | tr '\n' '|'
}
starred_is() { [ "$(starred)" = "$1" ]; }
for round in 1 2; do
	k=$((RANDOM % 12 + 1))
	for ((j = 0; j < k; j++)); do keys_to bob Up; done
	sync_entry bob
	h=$(lit_event bob)
	like "$h" '^event [0-9]+$' "timeline round $round: bob highlights an event ($h)"
	# at the same moment: cat backdates an entry above it, a script logs
	# one below it, bob stars what he sees
	type_to cat "@2026-11-26T10:00:3$round note: early $round" &
	"$SCRIBE" log "$inc" "late $round" >/dev/null &
	type_to bob "/star" &
	wait
	keys_to cat Enter &
	keys_to bob Enter &
	wait
	# bob's screen counts both new events: it was drawn after them
	wait_for bob "^$((30 + 2 * round)) events" >/dev/null
	poll 10 starred_is "$h|"
	is "$(starred)" "$h|" "timeline round $round: the star went to $h, the event bob saw highlighted"
	is "$(lit_event bob)" "$h" "timeline round $round: bob's highlight is still on $h"
	type_to bob "/star"	# take it back for the next round
	keys_to bob Enter
	poll 10 starred_is ""
done

# ---- the follower ----
open_session dan "$SCRIBE" open "$inc" --follow
wait_for dan FOLLOWING >/dev/null
# the follower highlights what the presenter highlights
same_event() { [ -n "$(lit_event ann)" ] && [ "$(lit_event ann)" = "$(lit_event dan)" ]; }
same_action() { [ -n "$(lit_title ann)" ] && [ "$(lit_title ann)" = "$(lit_title dan)" ]; }
keys_to ann Up Up Up
poll 10 same_event
is "$(lit_event dan)" "$(lit_event ann)" "the follower highlights the presenter's event"

# ---- the actions ----
keys_to ann Tab Tab
wait_for ann 'Preventative actions' >/dev/null
for t in $TITLES; do
	keys_to ann a
	wait_for ann 'New action:' >/dev/null
	type_to ann "$t"
	keys_to ann Enter
	wait_for ann "P2 .* $t" >/dev/null
done
for s in bob cat; do
	keys_to $s Tab Tab
	wait_for $s 'Preventative actions' >/dev/null
	for t in $TITLES; do wait_for $s "P2 .* $t" >/dev/null; done
done
wait_for dan 'Preventative actions' >/dev/null

declare -A voted	# "session title" -> 1 when that vote is in
# expected "title votes" lines, sorted, from the votes each session made
expected_votes() {
	for t in $TITLES; do
		n=0
		for s in ann bob cat; do n=$((n + ${voted[$s $t]:-0})); done
		echo "$t $n"
	done
}
got_votes() { export_actions "$inc" | awk '{ print $1, $3 }' | sort; }
votes_match() { [ "$(got_votes)" = "$(expected_votes | sort)" ]; }
# every action row on a session's screen shows the expected votes
screen_votes_match() {
	local s=$1 t n
	while read -r t n; do shows "$s" "▲$n +[a-z]+ +[a-z]+ +$t" || return 1; done < <(expected_votes)
}
# the highlight is on the Nth action row of the session's screen
on_row() { local t; t=$(lit_title "$1"); [ -n "$t" ] && [ "$t" = "$(row_title "$1" "$2")" ]; }
# Home, then Down k times; waits until the highlight is on the (k+1)th
# row (the proof that the keys were handled)
go_row() {	# SESSION K
	keys_to "$1" Home
	for ((j = 0; j < $2; j++)); do keys_to "$1" Down; done
	poll 10 on_row "$1" $(($2 + 1))
}
declare -A h
[ -n "$accounts" ] || pass "votes rounds: three people voting as three accounts # SKIP needs root to run sessions as other uids"
for round in 1 2 3; do
	[ -n "$accounts" ] || break
	for s in ann bob cat; do go_row $s $((RANDOM % 5)); done
	for s in ann bob cat; do h[$s]=$(lit_title $s); done
	like "${h[ann]} ${h[bob]} ${h[cat]}" '^[A-Z][a-z]+ [A-Z][a-z]+ [A-Z][a-z]+$' \
		"votes round $round: each session highlights an action (${h[ann]}, ${h[bob]}, ${h[cat]})"
	# the three press v at the same moment
	for s in ann bob cat; do keys_to $s v & done
	wait
	for s in ann bob cat; do
		k="$s ${h[$s]}"
		voted[$k]=$((1 - ${voted[$k]:-0}))
	done
	poll 10 votes_match
	is "$(got_votes | tr '\n' '|')" "$(expected_votes | sort | tr '\n' '|')" \
		"votes round $round: every vote went to the action its session highlighted"
	for s in ann bob cat; do
		poll 10 screen_votes_match $s
		is "$(lit_title $s)" "${h[$s]}" "votes round $round: $s's highlight stayed on ${h[$s]} through the re-sort"
	done
	poll 10 same_action
	is "$(lit_title dan)" "$(lit_title ann)" "votes round $round: the follower highlights the presenter's action"
done

# ---- edits at the same moment: an owner, a priority, a type ----
next_type() { case $1 in prevent) echo mitigate ;; mitigate) echo detect ;; detect) echo process ;; *) echo prevent ;; esac; }
field_of() { export_actions "$inc" | awk -v t="$1" -v f="$2" '$1 == t { print $f }'; }
field_is() { [ "$(field_of "$1" "$2")" = "$3" ]; }
for round in 1 2 3; do
	for s in ann bob cat; do go_row $s $((RANDOM % 5)); done
	for s in ann bob cat; do h[$s]=$(lit_title $s); done
	prio=$((RANDOM % 4))
	type_before=$(field_of "${h[cat]}" 4)
	keys_to ann o &
	keys_to bob "$prio" &
	keys_to cat t &
	wait
	wait_for ann 'Owner:' >/dev/null
	keys_to ann C-u
	type_to ann "owner-$round"
	keys_to ann Enter
	poll 10 field_is "${h[ann]}" 5 "owner-$round"
	is "$(field_of "${h[ann]}" 5)" "owner-$round" "edits round $round: ann's owner went to ${h[ann]}"
	poll 10 field_is "${h[bob]}" 2 "P$prio"
	is "$(field_of "${h[bob]}" 2)" "P$prio" "edits round $round: bob's priority went to ${h[bob]}"
	poll 10 field_is "${h[cat]}" 4 "$(next_type "$type_before")"
	is "$(field_of "${h[cat]}" 4)" "$(next_type "$type_before")" "edits round $round: cat's type went to ${h[cat]}"
	for s in ann bob cat; do
		# drawn after the three changes
		wait_for $s "P$prio .* ${h[bob]}" >/dev/null
		wait_for $s "${h[ann]} +@owner-$round" >/dev/null
		wait_for $s "$(next_type "$type_before") +${h[cat]}" >/dev/null
		is "$(lit_title $s)" "${h[$s]}" "edits round $round: $s's highlight stayed on ${h[$s]}"
	done
done

for s in ann bob cat; do keys_to $s C-q; done
done_testing
