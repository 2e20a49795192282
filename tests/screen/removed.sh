#!/bin/bash
# Someone removes a session's journal (or the whole incident folder)
# while it runs: the session notices (when it next looks at the folder,
# or at the latest before it says "saved" again), writes everything it
# wrote again into a new journal, and says so on the status line; `show`
# then finds every entry (issue 12).  Which of the two notices first is
# a race, so the count on the status line is not asserted; the commit
# path alone is tested in tests/unit/test_store.c.
. "$srcdir/tests/lib.sh"

# the status line's message (shown 8 seconds) has gone
no_message() { ! screen_text | grep -q 'journal removed by someone'; }

id=$("$SCRIBE" new Removed journal)
screen_start 100 24 "$SCRIBE" open "$id"
screen_wait 'saved *$' >/dev/null || true
screen_type "first entry"
screen_keys Enter
screen_wait '[0-9:]{8} +tester: first entry' >/dev/null || screen_wait 'first entry' >/dev/null || true
poll 10 bash -c "\"$SCRIBE\" show $id | grep -q 'first entry'"
is "$("$SCRIBE" show "$id" | grep -c 'first entry')" 1 "the first entry is saved"

# the session's journal is the one that holds the first entry
mine=$(grep -l 'first entry' "$SCRIBE_DIR/$id"/j-*.yaml)
rm "$mine"
screen_type "second entry"
screen_keys Enter
screen_wait 'journal removed by someone: [12] events? saved again' &&
	pass "the status line says the journal was removed and what was saved again" ||
	fail "the status line says the journal was removed and what was saved again"
out=$("$SCRIBE" show "$id")
is "$(printf '%s\n' "$out" | grep -c 'first entry')" 1 "show finds the first entry again, once"
is "$(printf '%s\n' "$out" | grep -c 'second entry')" 1 "and the second"
screen_type "third entry"
screen_keys Enter
poll 10 bash -c "\"$SCRIBE\" show $id | grep -q 'third entry'"
is "$("$SCRIBE" show "$id" | grep -Ec 'first entry|second entry|third entry')" 3 \
	"later entries go to the new journal"
check "check finds nothing wrong" "$SCRIBE" check "$id"

# the journal removed while the session is idle: noticed when it looks
# at the folder again (inotify, or every 10 seconds)
poll 15 no_message
mine=$(grep -l 'third entry' "$SCRIBE_DIR/$id"/j-*.yaml)
rm "$mine"
screen_wait 'journal removed by someone: 3 events saved again' 15 &&
	pass "removed while idle: noticed and saved again" ||
	fail "removed while idle: noticed and saved again"
is "$("$SCRIBE" show "$id" | grep -Ec 'first entry|second entry|third entry')" 3 "all three are there"

# the whole incident folder removed
poll 15 no_message
rm -rf "${SCRIBE_DIR:?}/$id"
screen_type "fourth entry"
screen_keys Enter
screen_wait 'journal removed by someone: [34] events saved again' &&
	pass "the incident folder removed: made again, everything saved again" ||
	fail "the incident folder removed: made again, everything saved again"
# when the removal is noticed before the fourth entry is typed, three
# are saved again and the fourth follows them into the new journal
four() { [ "$(cat "$SCRIBE_DIR/$id"/j-*.yaml 2>/dev/null | grep -Ec '^  text: (first|second|third|fourth) entry$')" = 4 ]; }
poll 10 four
is "$(cat "$SCRIBE_DIR/$id"/j-*.yaml | grep -Ec '^  text: (first|second|third|fourth) entry$')" 4 \
	"the session's four entries are in the new folder"

screen_keys C-q
screen_wait '^\[exit 0\]' >/dev/null || true
done_testing
