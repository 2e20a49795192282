#!/bin/bash
# Discussion and history on screen: the (edited) mark and /history in the
# timeline; c comments on a card and on an action (shown under them, saved
# with author and time); h shows a card's, an action's and the incident's
# history; a comment from another session arrives live.
. "$srcdir/tests/lib.sh"

id=2026-11-26-checkout-5xx
mkdir -p "$SCRIBE_DIR"
cp -R "$srcdir/tests/fixtures/history/$id" "$SCRIBE_DIR/"
yaml() { "$SCRIBE" export "$id" --format yaml; }

screen_start 80 24 "$SCRIBE" open "$id"
screen_wait 'rate above 5% \(edited\)' && pass "an edited event is marked (edited)" || fail "an edited event is marked (edited)"
like "$(screen_text)" 'payment v2 rolled out$' "an event never changed is not"

# /history on the selected event (the last one)
screen_type "/history"
screen_keys Enter
screen_wait 'History of the event at 14:01:00' && pass "/history opens the selected event's history" \
	|| fail "/history opens the selected event's history"
s=$(screen_text)
like "$s" '^ 2026-11-26 14:05:00  sam  created' "who made it, when"
like "$s" '^ 2026-11-26 14:07:10  dana  text: "5xx alert" -> "Alert: checkout 5xx⏎rate' "who changed the text, from what to what"
like "$s" '^ 2026-11-26 14:08:00  lee  star: false -> true' "and who starred it"
like "$s" '1-5 of 5 changes' "five changes"
screen_keys Escape
screen_wait '^2 events' && pass "Esc closes it" || fail "Esc closes it"
check "the timeline again, no history" bash -c "! tmux -S '$TMUX_SOCK' capture-pane -t =t: -p | grep -q 'History of'"

# a comment on the card
screen_keys Tab
screen_wait 'TECHNICAL \(1\)' >/dev/null || true
screen_keys Right c
screen_wait 'Comment:' && pass "c asks for a comment on the card" || fail "c asks for a comment on the card"
screen_type "Yes: max_conns went from 50 to 20"
screen_keys Enter
screen_wait '^ +Yes: max_conns went' && pass "the comment shows under the selected card" \
	|| fail "the comment shows under the selected card"
like "$(screen_text)" '11-27 10:07 dana: Was' "under the earlier one"
poll 5 bash -c "\"$SCRIBE\" export $id --format yaml | grep -q 'text: .Yes: max_conns went from 50 to 20'"
c=$(yaml | sed -n '/^factors:/,/^actions:/p' | grep -B2 'max_conns')
like "$c" '^    by: tester$' "saved with its author"
like "$c" '^  - at: "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z"$' "and its time"

# h: the card's history
screen_keys h
screen_wait 'History of factor "No alert on pool saturation"' && pass "h shows the card's history" \
	|| fail "h shows the card's history"
s=$(screen_text)
like "$s" '^ 2026-11-27 10:06:00  sam  events: \[\] -> \[eaaaaaaaa02\]' "the link, who and when"
like "$s" 'tester  comment: "Yes: max_conns went from 50 to 20"' "the new comment is in it"
screen_keys q
screen_wait 'TECHNICAL \(1\)' >/dev/null || true
check "q closes the history (the board is back, scribe still runs)" bash -c "! tmux -S '$TMUX_SOCK' capture-pane -t =t: -p | grep -q 'History of\\|\\[exit'"

# a comment on the action
screen_keys Tab
screen_wait 'Alert when pool wait exceeds 400 ms' >/dev/null || true
screen_keys c
screen_wait 'Comment:' >/dev/null || true
screen_type "Paging at 400 ms from Monday"
screen_keys Enter
screen_wait 'tester: Paging at 400 ms from Monday' && pass "the comment shows under the selected action" \
	|| fail "the comment shows under the selected action"
like "$(screen_text)" '3 comments; h shows all' "with how many there are"
poll 5 bash -c "\"$SCRIBE\" export $id --format yaml | grep -q 'text: Paging at 400 ms from Monday'"
is "$(yaml | sed -n '/^actions:/,$p' | grep -c '^  - at:')" 3 "three comments on the action in the export"
screen_keys h
screen_wait 'History of action "Alert when pool wait exceeds 400 ms"' && pass "h shows the action's history" \
	|| fail "h shows the action's history"
s=$(screen_text)
like "$s" '^ 2026-11-27 10:22:00  dana  vote: up' "votes in it"
like "$s" '^ 2026-11-27 10:25:00  sam  title: "Alert when pool wait exceeds 500 ms" ->$' "title changes in it"
screen_keys Escape
screen_wait '^--$' >/dev/null || true

# another session's comment arrives live
printf -- '---\ntype: comment\nid: acccccccc01\nrev: rann00000001\ntime: 2030-01-01T00:00:00.000Z\nauthor: ann\nset:\n  text: Ann agrees\n...\n' \
	>"$SCRIBE_DIR/$id/.tmp-j-x" && mv "$SCRIBE_DIR/$id/.tmp-j-x" "$SCRIBE_DIR/$id/j-20300101t000000z-host-9-ann.yaml"
screen_wait 'ann: Ann agrees' 15 && pass "a comment from another session shows live" \
	|| fail "a comment from another session shows live"

# the incident's history from the summary
screen_keys Tab
screen_wait 'Title' >/dev/null || true
screen_keys h
screen_wait 'History of the incident' && pass "h on the summary: the incident's history" \
	|| fail "h on the summary: the incident's history"
like "$(screen_text)" '^ 2026-11-26 15:00:00  dana  severity: 2 -> 1' "the severity change in it"
screen_keys Escape
screen_keys C-q
screen_wait '\[exit 0\]' && pass "Ctrl-Q quits" || fail "Ctrl-Q quits"

# C edits a comment, X deletes comments: anyone's, kept in the history
# (wide, so that a comment's line is not cut)
screen_start 160 40 "$SCRIBE" open "$id"
screen_wait 'rate above 5% \(edited\)' >/dev/null || true
screen_keys Tab
screen_wait 'TECHNICAL \(1\)' >/dev/null || true
screen_keys Right
screen_wait '^ +Yes: max_conns went' >/dev/null || true
screen_keys C
screen_wait 'Edit which comment\? Space ticks it, Enter edits' && pass "C on a card with two comments asks which" \
	|| fail "C on a card with two comments asks which"
s=$(screen_text)
like "$s" '\[ \] 11-27 10:07 dana: Was the pool size changed' "dana's comment, unticked"
like "$s" '\[ \] [0-9-]+ [0-9:]+ tester: Yes: max_conns went from 50 to 20' "and tester's"
screen_keys Down Space
screen_wait '\[x\] [0-9-]+ [0-9:]+ tester: Yes' >/dev/null || true
screen_keys Enter
screen_wait 'Edit comment: Yes: max_conns went from 50 to 20' && pass "Enter puts the ticked comment's text in the prompt" \
	|| fail "Enter puts the ticked comment's text in the prompt"
screen_keys BSpace BSpace
screen_type "10"
screen_keys Enter
screen_wait 'comment edited \(h: history\)' && pass "saved, and said" || fail "saved, and said"
screen_wait 'tester \(edited\):' && pass "the comment under the card is marked (edited), before its text" \
	|| fail "the comment under the card is marked (edited), before its text"
poll 5 bash -c "\"$SCRIBE\" export $id --format yaml | grep -q 'text: .Yes: max_conns went from 50 to 10'"
c=$(yaml | sed -n '/^factors:/,/^actions:/p' | grep -A3 'from 50 to 10')
like "$c" '^    edited_by: tester$' "the export says who edited it"
screen_keys X
screen_wait 'Delete which comments\? Space ticks, Enter deletes them' && pass "X asks which comments to delete" \
	|| fail "X asks which comments to delete"
screen_keys Enter
screen_wait 'TECHNICAL \(1\)' >/dev/null || true
like "$(screen_text)" 'dana: Was the pool' "Enter with nothing ticked deletes nothing"
screen_keys X
screen_wait 'Delete which comments' >/dev/null || true
screen_keys Space Enter
screen_wait '1 comment deleted \(h: history\)' && pass "the ticked comment is deleted, and said" \
	|| fail "the ticked comment is deleted, and said"
check "dana's comment is gone from under the card" bash -c "! tmux -S '$TMUX_SOCK' capture-pane -t =t: -p | grep -q 'dana: Was the pool'"
poll 5 bash -c "! \"$SCRIBE\" export $id --format yaml | grep -q 'Was the pool size'"
check "and from the export" bash -c "! \"$SCRIBE\" export $id --format yaml | grep -q 'Was the pool size'"
screen_keys C
screen_wait 'Edit comment: Yes: max_conns went from 50 to 10' && pass "C with one comment left edits it at once" \
	|| fail "C with one comment left edits it at once"
screen_keys Escape
screen_wait 'TECHNICAL \(1\)' >/dev/null || true
screen_keys h
screen_wait 'History of factor' >/dev/null || true
s=$(screen_text)
like "$s" 'tester  comment edited: "Yes: max_conns went from 50 to 20" -> "Yes: max_conns went from 50' "the history: who edited which comment, from what to what"
like "$s" 'tester  comment deleted: "Was the pool size changed in the deploy\?"' "and who deleted which"
like "$s" 'dana  comment: "Was the pool size changed in the deploy\?"' "the deleted comment is still in it"
screen_keys Escape
# in the actions pane too: X there, on the action's comments
screen_keys Tab
screen_wait 'Alert when pool wait exceeds 400 ms' >/dev/null || true
screen_keys X
screen_wait 'Delete which comments' && pass "X in the actions pane asks which of the action's comments" \
	|| fail "X in the actions pane asks which of the action's comments"
like "$(screen_text)" '\[ \] [0-9-]+ [0-9:]+ tester: Paging at 400 ms from Monday' "the action's comments are listed"
screen_keys Down Down Space
screen_wait '\[x\] [0-9-]+ [0-9:]+ tester: Paging' && pass "Space ticks the highlighted one" || fail "Space ticks the highlighted one"
screen_keys Enter
screen_wait '1 comment deleted' && pass "one of them deleted" || fail "one of them deleted"
poll 5 bash -c "! \"$SCRIBE\" export $id --format yaml | grep -q 'Paging at 400 ms'"
check "the action's comment is gone from the export" bash -c "! \"$SCRIBE\" export $id --format yaml | grep -q 'Paging at 400 ms'"
screen_keys C-q
screen_wait '\[exit 0\]' >/dev/null || true

# wide: the card's comments beside the timeline
screen_start 160 40 "$SCRIBE" open "$id"
screen_wait 'rate above 5% \(edited\)' >/dev/null || true
screen_keys Tab
screen_wait 'TECHNICAL \(1\)' >/dev/null || true
screen_keys Right
screen_wait 'max_conns went' && pass "160x40: comments under the selected card" \
	|| fail "160x40: comments under the selected card"
screen_keys C-q
screen_wait '\[exit 0\]' >/dev/null || true

done_testing
