#!/bin/bash
# Hostile neighbours: symlinks where scribe's folders and files go, a
# folder swapped for a symlink while a session is saving.  Nothing is
# ever read or written through them.
. "$srcdir/tests/lib.sh"

outside=$WORK/outside
mkdir -p "$outside"
id=$("$SCRIBE" new Neighbours)
"$SCRIBE" log "$id" before >/dev/null

# the incident folder itself replaced by a symlink to another incident
other=$("$SCRIBE" --dir "$outside" new Elsewhere)
mv "$SCRIBE_DIR/$id" "$WORK/moved"
ln -s "$outside/$other" "$SCRIBE_DIR/$id"
run "$SCRIBE" show "$id"
is "$RC" 66 "an incident folder that is a symlink is not opened"
like "$ERR" 'symbolic link|no incident' "and it says so"
run "$SCRIBE" log "$id" through the link
check "nothing is written through it" bash -c "[ \$(ls '$outside/$other' | wc -l) -eq 1 ]"
rm "$SCRIBE_DIR/$id"
mv "$WORK/moved" "$SCRIBE_DIR/$id"

# the private cache and draft folders as symlinks
mkdir -p "$XDG_CACHE_HOME/scribe" "$XDG_STATE_HOME/scribe/drafts"
ln -s "$outside" "$XDG_CACHE_HOME/scribe/$id"
ln -s "$outside" "$XDG_STATE_HOME/scribe/drafts/$id"
before=$(ls -A "$outside" | wc -l)
"$SCRIBE" show "$id" >/dev/null
is "$(ls -A "$outside" | wc -l)" "$before" "a cache folder that is a symlink is not written through"

# a folder swapped for a symlink while a session has it open
rm "$XDG_STATE_HOME/scribe/drafts/$id" "$XDG_CACHE_HOME/scribe/$id"
screen_start 80 24 "$SCRIBE" open "$id"
screen_wait 'before' >/dev/null || true
mv "$SCRIBE_DIR/$id" "$WORK/swapped"
mkdir -p "$outside/decoy"
ln -s "$outside/decoy" "$SCRIBE_DIR/$id"
screen_type "typed after the swap"
screen_keys Enter
poll 5 bash -c "grep -qr 'typed after the swap' '$WORK/swapped'"
check "the entry goes to the folder the session opened" bash -c "grep -qr 'typed after the swap' '$WORK/swapped'"
is "$(ls -A "$outside/decoy" | wc -l)" 0 "not through the symlink put in its place"
screen_keys C-q
screen_wait '^\[exit 0\]' >/dev/null || true
is "$(ls -A "$outside/decoy" | wc -l)" 0 "not even when it leaves (presence, drafts)"

done_testing
