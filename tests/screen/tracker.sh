#!/bin/bash
# In the program: /internal keeps an event out of the public report; r in
# the actions pane and /ref in the timeline give an action its tracker
# reference, shown in the list; a bad reference is refused, saying why.
. "$srcdir/tests/lib.sh"

# the incident began three hours ago, on the hour (so its events are past
# and on one day whatever the time the test runs; on the first hours of
# a year, at midnight, so the year is this one)
start=$(date -u -d '-3 hours' +%Y-%m-%dT%H:00:00Z)
[ "${start%%-*}" = "$(date -u +%Y)" ] || start=$(date -u +%Y-%m-%dT00:00:00Z)
hh=${start:11:2}
id=$("$SCRIBE" new Checkout errors --severity 2 --at "$start")
"$SCRIBE" log "$id" --at "${start%%T*}T$hh:00:00Z" --marker started "v2 rolled out" >/dev/null
"$SCRIBE" log "$id" --at "${start%%T*}T$hh:05:00Z" "the db password is in the log" >/dev/null
yaml() { "$SCRIBE" export "$id" --format yaml; }

for size in "80 24" "160 40"; do
	# shellcheck disable=SC2086
	screen_start $size "$SCRIBE" open "$id"
	screen_wait 'the db password' >/dev/null || true
	screen_keys End
	screen_type "/internal"
	screen_keys Enter
	if [ "$size" = "80 24" ]; then
		screen_wait '\(internal\) the db password' && pass "$size: /internal marks the event" ||
			fail "$size: /internal marks the event"
		poll 3 bash -c "\"$SCRIBE\" export $id --format yaml | grep -q '^  internal: true'"
		check "$size: saved as internal" bash -c "\"$SCRIBE\" export $id --public | grep -q 'v2 rolled out' &&
			! \"$SCRIBE\" export $id --public | grep -q 'db password'"
	else
		screen_wait 'back in the pub' && pass "$size: /internal again publishes it" ||
			fail "$size: /internal again publishes it"
		poll 3 bash -c "! \"$SCRIBE\" export $id --format yaml | grep -q '^  internal: true'"
		check "$size: saved as published" bash -c "\"$SCRIBE\" export $id --public | grep -q 'db password'"
	fi

	screen_keys Tab Tab
	screen_wait 'Preventative actions' >/dev/null || true
	if [ "$size" = "80 24" ]; then
		screen_keys a
		screen_wait 'New action:' >/dev/null || true
		screen_type "Pin the pool size"
		screen_keys Enter
		screen_wait 'P2 .*Pin the pool size' >/dev/null || true
	fi
	screen_keys r
	screen_wait 'Tracker reference' && pass "$size: r asks for the tracker reference" ||
		fail "$size: r asks for the tracker reference"
	screen_keys C-u
	screen_type "PAY-${size% *}"
	screen_keys Enter
	screen_wait "Pin the pool size  \\[PAY-${size% *}\\]" && pass "$size: the list shows the reference" ||
		fail "$size: the list shows the reference"
	poll 3 bash -c "\"$SCRIBE\" export $id --format yaml | grep -q '^  ref: PAY-${size% *}$'"
	like "$(yaml)" "^  ref: PAY-${size% *}\$" "$size: saved"

	# /ref in the timeline: the action highlighted in the actions pane
	screen_keys BTab BTab
	screen_wait 'v2 rolled out' >/dev/null || true
	screen_type "/ref two words"
	screen_keys Enter
	screen_wait '/ref: a tracker' && pass "$size: a bad reference is refused, saying why" ||
		fail "$size: a bad reference is refused, saying why"
	like "$(yaml)" "^  ref: PAY-${size% *}\$" "$size: and nothing changed"
	screen_type "/ref https://jira.example.com/browse/PAY-9"
	screen_keys Enter
	screen_wait '(:[0-9][0-9]|[0-9]m)  tracker ref' && pass "$size: /ref saves it" || fail "$size: /ref saves it"
	poll 3 bash -c "\"$SCRIBE\" export $id --format yaml | grep -q 'ref: https://jira.example.com/browse/PAY-9'"
	like "$(yaml)" '^  ref: https://jira.example.com/browse/PAY-9$' "$size: /ref is saved on the highlighted action"
	screen_keys C-q
	poll 5 bash -c "screen_text() { tmux -S '$TMUX_SOCK' capture-pane -t =t: -p; }; screen_text | grep -q '\\[exit 0\\]'" &&
		pass "$size: quits cleanly" || fail "$size: quits cleanly"
	screen_stop
done
like "$("$SCRIBE" export "$id")" '\| <https://jira\.example\.com/browse/PAY-9> \|$' "the report's Tracker column links it"

done_testing
