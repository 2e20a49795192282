#!/bin/bash
# A hang-up while typing: the half-typed entry goes to the private draft
# journal, the process exits within a second, and the next open offers
# the draft with its original stamp.  SIGTERM and Ctrl-C the same.
. "$srcdir/tests/lib.sh"

id=$("$SCRIBE" new Hangups)
drafts=$XDG_STATE_HOME/scribe/drafts/$id

scribe_pid() { screen_app_pid; }

for how in hangup term ctrl-c; do
	screen_start 80 24 "$SCRIBE" open "$id"
	screen_wait "saved *$" >/dev/null || true
	screen_type "half typed $how"
	screen_wait "> half typed $how" >/dev/null || true
	stamp=$(screen_text | sed -n "s/^\\([0-9:]*\\)> half typed $how.*/\\1/p")
	pid=$(scribe_pid)
	case $how in
	hangup) screen_stop ;;
	term) kill -TERM "$pid" ;;
	ctrl-c) screen_keys C-c ;;
	esac
	poll 2 gone "$pid"
	check "$how: scribe exits within a second or two" gone "$pid"
	check "$how: the draft journal has the text" bash -c "cat '$drafts'/*.yaml | grep -q 'half typed $how'"
	f=$(grep -l "half typed $how" "$drafts"/*.yaml | head -1)
	is "$(stat -c %a "$f")" 600 "$how: the draft file is private (0600)"
	is "$(stat -c %a "$drafts")" 700 "$how: its folder too (0700)"
	check "$how: nothing reached the shared timeline" bash -c "! \"$SCRIBE\" show $id | grep -q 'half typed $how'"
	screen_stop

	# the next open offers it, with the stamp of its first key
	screen_start 80 24 "$SCRIBE" open "$id"
	screen_wait "> half typed $how" && pass "$how: the next open brings the draft back" \
		|| fail "$how: the next open brings the draft back"
	like "$(screen_text)" "^$stamp> half typed $how" "$how: with its original stamp ($stamp)"
	screen_keys Enter
	poll 5 bash -c "\"$SCRIBE\" show $id | grep -q 'half typed $how'"
	typed=$("$SCRIBE" export "$id" --format yaml | grep -B6 "text: half typed $how" | sed -n 's/^  typed: "\(.*\)"/\1/p')
	like "$(TZ=UTC date -d "$typed" +%H:%M:%S)" "^$stamp\$" "$how: saved with the original typed time"
	screen_keys C-q
	screen_wait '^\[exit 0\]' >/dev/null || true
	screen_stop
done

# nohup'd and hung up: no busy loop on the dead terminal
screen_start 80 24 "$SCRIBE" open "$id"
screen_wait "saved *$" >/dev/null || true
pid=$(scribe_pid)
screen_stop
poll 2 gone "$pid"
check "after a hang-up the process is gone, not spinning" gone "$pid"

done_testing
