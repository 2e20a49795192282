#!/bin/bash
# A full disk while saving: the entry stays on screen and in the draft
# journal, the status line says NOT SAVED, and it is saved once writing
# works again.  Needs a small tmpfs (root); skipped otherwise.
. "$srcdir/tests/lib.sh"

full=$WORK/full
mkdir -p "$full"
if [ "$(id -u)" != 0 ] || ! mount -t tmpfs -o size=1m tmpfs "$full" 2>/dev/null; then
	echo "1..0 # SKIP needs root to mount a small tmpfs"
	exit 0
fi
trap 'tmux -S "$TMUX_SOCK" kill-server 2>/dev/null; umount "$full" 2>/dev/null; rm -rf "$WORK"' EXIT
export SCRIBE_DIR=$full/shared
id=$("$SCRIBE" new Disk full)
"$SCRIBE" log "$id" before the disk filled >/dev/null

screen_start 80 24 "$SCRIBE" open "$id"
trap 'tmux -S "$TMUX_SOCK" kill-server 2>/dev/null; umount "$full" 2>/dev/null; rm -rf "$WORK"' EXIT
screen_wait 'before the disk filled' >/dev/null || true
dd if=/dev/zero of="$full/filler" bs=4k 2>/dev/null
screen_type "written while the disk is full"
screen_keys Enter
screen_wait 'NOT SAVED: ' && pass "the status line says NOT SAVED" || fail "the status line says NOT SAVED"
like "$(screen_text)" 'NOT SAVED: No space left on device' "with the reason"
like "$(screen_text)" 'NOT SAVED [0-9:]{8} +written while the disk is full' "the entry stays on screen"
check "the entry is in the draft journal" bash -c "cat '$XDG_STATE_HOME'/scribe/drafts/$id/*.yaml | grep -q 'written while the disk is full'"
check "nothing torn in the shared folder" bash -c "\"$SCRIBE\" check $id >/dev/null"

rm -f "$full/filler"
screen_wait 'saved *$' 6 && pass "saved once writing works again" || fail "saved once writing works again"
like "$("$SCRIBE" show "$id")" 'tester: written while the disk is full$' "and it is in the timeline, once"
is "$("$SCRIBE" show "$id" | grep -c 'written while the disk is full')" 1 "exactly once"
screen_keys C-q
screen_wait '^\[exit 0\]' >/dev/null || true
check "no pending draft is left" bash -c "! cat '$XDG_STATE_HOME'/scribe/drafts/$id/*.yaml 2>/dev/null | grep -q 'written while the disk is full'"

done_testing
