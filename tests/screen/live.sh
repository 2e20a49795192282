#!/bin/bash
# Others' writes reach the screen: woken by inotify on a local folder,
# by looking every 250 ms without it (SCRIBE_NO_INOTIFY, or a network
# filesystem).  Typing redraws only the editor: what it shows must be
# what a full redraw would show, as the editor grows and shrinks.
. "$srcdir/tests/lib.sh"

id=$("$SCRIBE" new Live updates --severity 3)
"$SCRIBE" log "$id" first event >/dev/null

# inotify_fds PID: how many inotify descriptors the process holds
inotify_fds() { find "/proc/$1/fd" -lname 'anon_inode:inotify' 2>/dev/null | wc -l; }

for mode in inotify polling; do
	if [ $mode = inotify ]; then
		screen_start 80 24 "$SCRIBE" open "$id"
	else
		screen_start 80 24 env SCRIBE_NO_INOTIFY=1 "$SCRIBE" open "$id"
	fi
	screen_wait "saved *$" || true
	screen_wait 'first event' || true
	pid=$(screen_app_pid)
	if [ $mode = inotify ] && ! grep -q '^#define HAVE_INOTIFY_INIT1 1' "$builddir/config.h"; then
		is "$(inotify_fds "$pid")" 0 "$mode: built without inotify: nothing is watched, it looks every so often"
	elif [ $mode = inotify ]; then
		is "$(inotify_fds "$pid")" 1 "$mode: the folder is watched"
	else
		is "$(inotify_fds "$pid")" 0 "$mode: nothing is watched"
	fi

	screen_type "typing in $mode"
	"$SCRIBE" log "$id" "logged during $mode" >/dev/null
	screen_wait "tester +logged during $mode" 5 && pass "$mode: an event logged elsewhere appears" \
		|| fail "$mode: an event logged elsewhere appears"
	like "$(screen_text)" "> typing in $mode\$" "$mode: the entry being typed is untouched"
	screen_keys C-u

	# a second session joins and leaves: presence follows
	SCRIBE_AUTHOR=visitor script -qfc "env TERM=screen-256color \"$SCRIBE\" open $id" /dev/null \
		</dev/null >/dev/null 2>&1 &
	visitor=$!
	screen_wait 'visitor' 8 && pass "$mode: another session shows on the status line" \
		|| fail "$mode: another session shows on the status line"
	kill -HUP $visitor 2>/dev/null
	pkill -HUP -P $visitor 2>/dev/null
	wait $visitor 2>/dev/null
	screen_stop
done

# typing redraws only the editor: it grows to two rows and back to one,
# and the rows above it follow
screen_start 80 24 "$SCRIBE" open "$id"
screen_wait "saved *$" || true
screen_type "one two three four five six seven eight nine ten eleven twelve thirteen"
screen_wait 'thirteen' || true
text=$(screen_text)
like "$(sed -n 22p <<<"$text")" '^[0-9:]{8}> one two .* eleven twelve$' "the editor's first row"
like "$(sed -n 23p <<<"$text")" '^ +thirteen$' "it grows to a second row"
like "$(sed -n 21p <<<"$text")" '^[0-9]+ events' "the separator moves up above it"
screen_type " fourteen"
screen_wait 'thirteen fourteen$' && pass "typing on the second row shows" || fail "typing on the second row shows"
for _ in $(seq 25); do screen_keys BSpace; done
screen_wait '> one two .* eleven$' || true
text=$(screen_text)
like "$(sed -n 23p <<<"$text")" '^[0-9:]{8}> one two .* eleven$' "back to one row at the bottom"
like "$(sed -n 22p <<<"$text")" '^[0-9]+ events' "the separator comes back down"
is "$(sed -n 21p <<<"$text")" "" "the row it left is cleared"
screen_keys C-a
screen_type "X"
screen_wait '> Xone two' && pass "Ctrl-A then a key: inserted at the start" || fail "Ctrl-A then a key: inserted at the start"
screen_keys Enter
screen_wait 'tester +Xone two' && pass "Enter saves it into the list" || fail "Enter saves it into the list"
like "$(screen_text | sed -n 23p)" '^> *$' "the editor is empty again"

# rows drawn from their first change: with and without non-ASCII text
screen_type "caf"
screen_type "é au lait"
screen_wait '> café au lait$' && pass "non-ASCII typed shows" || fail "non-ASCII typed shows"
for _ in 1 2 3 4 5; do screen_keys BSpace; done
screen_wait '> café au$' && pass "backspaces over ASCII after it" || fail "backspaces over ASCII after it"
for _ in 1 2 3 4; do screen_keys BSpace; done
screen_wait '> caf$' && pass "and over the é" || fail "and over the é"
screen_type "e olé"
screen_keys Left Left BSpace
screen_wait '> cafe lé$' && pass "a deletion in the middle" || fail "a deletion in the middle"
screen_keys C-e C-u
screen_wait '[0-9]+ events' || true
like "$(screen_text | sed -n 23p)" '^> *$' "Ctrl-U empties the row"
screen_stop

done_testing
