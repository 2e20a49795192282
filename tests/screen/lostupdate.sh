#!/bin/bash
# Lost updates (issue 11, case 8): two people open the same field; the
# first saves; the second's save, begun from the version before, is a
# conflict: said at once on the second's status line, both versions
# kept in the history, listed by scribe check.  The owner of an action
# (a prompt) and an event's text (/edit).
. "$srcdir/tests/lib.sh"

inc=$("$SCRIBE" new Lost update --severity 2)
"$SCRIBE" log "$inc" "deploy v1 rolled out" >/dev/null

screen_start 120 30 env SCRIBE_AUTHOR=ann XDG_STATE_HOME="$WORK/state-ann" "$SCRIBE" open "$inc"
tmux -S "$TMUX_SOCK" new-session -d -s bob -x 120 -y 30 \
	"env TERM=screen-256color SCRIBE_AUTHOR=bob XDG_STATE_HOME=$WORK/state-bob $(printf '%q ' "$SCRIBE") open $inc; sleep 600"
declare -A pane=([ann]=t [bob]=bob)
text_of() { tmux -S "$TMUX_SOCK" capture-pane -t "=${pane[$1]}:" -p; }
keys_to() { local s=$1; shift; tmux -S "$TMUX_SOCK" send-keys -t "=${pane[$s]}:" "$@"; }
type_to() { tmux -S "$TMUX_SOCK" send-keys -t "=${pane[$1]}:" -l -- "$2"; }
shows() { text_of "$1" | grep -Eq -- "$2"; }
wait_for() {	# SESSION REGEX
	poll 10 shows "$1" "$2" || { echo "# $1 did not show /$2/:"; text_of "$1" | sed 's/^/#   |/'; return 1; }
}
for s in ann bob; do wait_for $s 'deploy v1 rolled out' >/dev/null; done

# ---- /edit of an event: both begin from "deploy v1" ----
for s in ann bob; do
	type_to $s "/edit"
	keys_to $s Enter
	wait_for $s '> deploy v1 rolled out *$' >/dev/null
done
keys_to ann C-u
type_to ann "deploy v2 rolled out"
keys_to ann Enter
wait_for bob 'deploy v2 rolled out' && pass "/edit: bob's screen shows ann's text behind his edit" ||
	fail "/edit: bob's screen shows ann's text behind his edit"
keys_to bob C-u
type_to bob "deploy v3 rolled out"
keys_to bob Enter
wait_for bob 'someone else changed this while you were editing it' &&
	pass "/edit: bob's save says at once that someone changed it meanwhile" ||
	fail "/edit: bob's save says at once that someone changed it meanwhile"
wait_for ann 'deploy v3 rolled out' >/dev/null
wait_for ann 'bob and another person changed the same event' &&
	pass "/edit: ann is told too" || fail "/edit: ann is told too"
run "$SCRIBE" show "$inc" --history
like "$OUT" 'deploy v2 rolled out' "/edit: ann's text is kept in the history"
like "$OUT" 'deploy v3 rolled out' "/edit: bob's text shows"

# ---- the owner of an action (a prompt) ----
keys_to ann Tab Tab
wait_for ann 'No actions yet' >/dev/null
type_to ann "a"
wait_for ann '^New action:' >/dev/null
type_to ann "Canary"
keys_to ann Enter
wait_for ann '^P2 .*Canary' >/dev/null
keys_to bob Tab Tab
wait_for bob '^P2 .*Canary' >/dev/null
for s in ann bob; do
	type_to $s "o"
	wait_for $s '^Owner: *$' >/dev/null
done
type_to ann "alice"
keys_to ann Enter
wait_for ann '@alice' >/dev/null
wait_for bob '@alice' && pass "owner: bob's screen shows alice behind his prompt" ||
	fail "owner: bob's screen shows alice behind his prompt"
wait_for bob '^Owner: *$' >/dev/null	# his prompt as he left it
type_to bob "bob"
keys_to bob Enter
wait_for bob 'someone else changed this while you were editing it' &&
	pass "owner: bob's save says at once that someone changed it meanwhile (not a silent overwrite)" ||
	fail "owner: bob's save says at once that someone changed it meanwhile (not a silent overwrite)"
wait_for bob '@bob' >/dev/null
wait_for ann '@bob' >/dev/null
wait_for ann 'bob and another person changed the same action' &&
	pass "owner: ann is told too" || fail "owner: ann is told too"
run "$SCRIBE" show "$inc" --history
like "$OUT" 'alice' "owner: alice is kept in the history"

# ---- the incident's title (the summary) ----
poll 12 bash -c "! tmux -S '$TMUX_SOCK' capture-pane -t =bob: -p | grep -q 'someone else changed'"	# the last message gone
for s in ann bob; do
	keys_to $s Tab
	wait_for $s 'Where we got lucky' >/dev/null
	keys_to $s Enter
	wait_for $s '^Title: Lost update *$' >/dev/null
done
keys_to ann C-u
type_to ann "Lost update renamed"
keys_to ann Enter
wait_for bob 'Lost update renamed' >/dev/null
keys_to bob C-u
type_to bob "Lost update by bob"
keys_to bob Enter
wait_for bob 'someone else changed this while you were editing it' &&
	pass "summary: bob's save of the title says so at once" || fail "summary: bob's save of the title says so at once"

# ---- scribe check lists them ----
run "$SCRIBE" check "$inc"
like "$OUT$ERR" 'e[a-z0-9]+ was changed by two people at once' "check lists the event's conflict"
like "$OUT$ERR" 'a[a-z0-9]+ was changed by two people at once' "check lists the action's conflict"
like "$OUT$ERR" "the incident's summary was changed by two people at once" "check lists the summary's conflict"

# back to the actions
for s in ann bob; do keys_to $s BTab; wait_for $s '^P2 .*Canary' >/dev/null; done

# ---- one after the other is no conflict ----
type_to ann "o"
wait_for ann '^Owner: bob *$' >/dev/null
keys_to ann C-u
type_to ann "carol"
keys_to ann Enter
wait_for bob '@carol' >/dev/null
type_to bob "o"
wait_for bob '^Owner: carol *$' >/dev/null
keys_to bob C-u
type_to bob "dave"
keys_to bob Enter
wait_for ann '@dave' && pass "owner: an edit begun after the other's save" || fail "owner: an edit begun after the other's save"

done_testing
