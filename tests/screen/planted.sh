#!/bin/bash
# Planted presence files (issue 12): a follower follows only a presenter
# whose presence file is owned by the account it names, and twenty
# thousand planted files cost a session little.
. "$srcdir/tests/lib.sh"

id=$("$SCRIBE" demo)
dir=$SCRIBE_DIR/$id
me=$(id -un)
# plant NAME ACCOUNT PANE: a fresh presence file that says NAME presents PANE
plant() {
	printf '%s\npresent pane=%d timebox=0 sel=\n%s\n' "$1" "$3" "$2" >"$dir/.presence-elsewhere-1-$1"
}

# mallory's file names an account that does not own it; zed's is ours
plant mallory nosuchaccount 1
screen_start 100 30 env SCRIBE_AUTHOR=bob "$SCRIBE" open "$id" --follow
screen_wait 'RESOLVED SEV2' >/dev/null || true
plant zed "$me" 0
poll 10 bash -c "tmux -S '$TMUX_SOCK' capture-pane -t =t: -p | grep -q 'FOLLOWING zed'" &&
	pass "a presenter whose file its account owns is followed" ||
	fail "a presenter whose file its account owns is followed"
# mallory sorts before zed: had her file been trusted, she would be followed
check "not the one whose file names another account" bash -c "! tmux -S '$TMUX_SOCK' capture-pane -t =t: -p | grep -q 'FOLLOWING mallory'"
screen_keys q
screen_wait '^\[exit 0\]' >/dev/null || true
screen_stop

# twenty thousand planted files: a session's presence scan stays cheap
for i in $(seq 1 20000); do : >"$dir/.presence-elsewhere-$i-x"; done
screen_start 100 30 env SCRIBE_AUTHOR=bob "$SCRIBE" open "$id"
screen_wait 'saved *$' >/dev/null || true
pid=$(screen_app_pid)
t0=$(awk '{ print $14 + $15 }' "/proc/$pid/stat")
# ten seconds idle, three or four presence scans (a window to measure
# over, not a wait for something to happen)
find "$dir" -name ".presence-elsewhere-*-x" -exec touch {} +	# fresh, as a planter keeps them
sleep 10
t1=$(awk '{ print $14 + $15 }' "/proc/$pid/stat")
ticks=$((t1 - t0))
hz=$(getconf CLK_TCK)
echo "# CPU over ~10 s idle with 20,000 planted presence files: $ticks ticks of $hz per second"
check "idle CPU with 20,000 planted presence files under 3% (${ticks} ticks in ~10 s)" test "$ticks" -lt $((hz * 10 * 3 / 100))
screen_keys C-q
screen_wait '^\[exit 0\]' >/dev/null || true
done_testing
