#!/bin/bash
# Background sync in the full-screen program (sync: git): an event logged
# on another host and pushed appears on this host's screen within one sync
# interval (plus the time to fetch); what this session types goes out by
# itself; an unreachable remote is said on the status line, and the
# records wait for it.
. "$srcdir/tests/lib.sh"

command -v git >/dev/null || { echo "1..0 # SKIP git not installed"; exit 0; }
git config --global init.defaultBranch main 2>/dev/null
git config --global user.email t@example.org
git config --global user.name t
git init -q --bare "$WORK/remote.git"
for h in a b; do git clone -q "$WORK/remote.git" "$WORK/$h" 2>/dev/null; done
on() { local h=$1; shift; SCRIBE_DIR="$WORK/$h" SCRIBE_AUTHOR="$h" "$SCRIBE" "$@"; }
# b_gets TEXT: b syncs until its timeline holds TEXT (20 s at most)
b_gets() {
	local deadline=$(( $(date +%s) + 20 ))
	until on b sync -q 2>/dev/null; on b show "$id" | grep -q "$1"; do
		[ "$(date +%s)" -ge "$deadline" ] && return 1
		sleep 0.2
	done
}
id=$(on a new "Synced screen")
on a log "$id" "first from a" >/dev/null
on a sync -q
on b sync -q

mkdir -p "$XDG_CONFIG_HOME/scribe"
printf 'sync: git\nsync_interval: 2\n' >"$XDG_CONFIG_HOME/scribe/config.yaml"
screen_start 100 24 env SCRIBE_DIR="$WORK/a" SCRIBE_AUTHOR=a "$SCRIBE" open "$id"
screen_wait "first from a" || true
screen_wait "saved, synced *\$" 15 && pass "the status line says the folder is in step with the remote" \
	|| fail "the status line says the folder is in step with the remote"

on b log "$id" "remote from b" >/dev/null
on b sync -q
t0=$(date +%s%N)
if screen_wait "b: remote from b|b +remote from b" 15; then
	pass "an event pushed from another host appears ($(( ($(date +%s%N) - t0) / 1000000 )) ms after its push)"
else
	fail "an event pushed from another host appears"
fi

screen_type "typed on a"
screen_keys Enter
screen_wait "a +typed on a|a: typed on a" || true
# it goes out by itself: b fetches it
check "what a session types is pushed by itself" b_gets "typed on a"

# the remote goes away: said on the status line; the records wait
git -C "$WORK/a" remote set-url origin "$WORK/gone.git"
screen_type "while offline"
screen_keys Enter
screen_wait "offline since [0-9]{2}:[0-9]{2}" 15 && pass "an unreachable remote is said on the status line" \
	|| fail "an unreachable remote is said on the status line"
git -C "$WORK/a" remote set-url origin "$WORK/remote.git"
screen_wait "saved, synced *\$" 15 && pass "in step again: the status line says synced" \
	|| fail "in step again: the status line says synced"
screen_keys C-q
screen_wait '\[exit 0\]' 10 && pass "Ctrl-Q quits at once (the last sync runs detached)" || fail "Ctrl-Q quits at once"
check "what was typed offline goes out when the remote is back" b_gets "while offline"

done_testing
