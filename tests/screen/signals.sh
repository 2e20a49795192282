#!/bin/bash
# Signals and the terminal's odd moments: not a terminal, SIGTSTP and
# SIGCONT from outside, a hang-up under nohup (no busy loop), and a
# thousand resizes down to 1x1 and up to 500x1000.
. "$srcdir/tests/lib.sh"

id=$("$SCRIBE" demo)
spid() { screen_app_pid; }
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null; }

run "$SCRIBE" open "$id" </dev/null
is "$RC" 64 "stdin not a terminal: a usage error"
like "$ERR" 'needs a terminal' "and it says why"
run script -qc "$(printf '%q ' "$SCRIBE") open $id >/dev/null" /dev/null
like "$RC" '^64$|^0$' "stdout not a terminal: refused cleanly"

# SIGTSTP sent from outside (as kill -TSTP does), then fg: under a shell
# with job control, as on a real terminal
screen_start 80 24 bash --norc --noprofile -i
screen_type "$(printf '%q ' "$SCRIBE" open "$id")"
screen_keys Enter
screen_wait 'saved *$' 20 >/dev/null || true
for _ in $(seq 1 100); do [ -n "$(screen_app_pid)" ] && break; sleep 0.1; done
pid=$(spid)
# where the test harness runs with SIGTSTP ignored, the shell passes that
# on (a shell cannot undo an ignored signal) and nothing may stop
ign=$(awk '/^SigIgn:/ { print $2 }' "/proc/$pid/status" 2>/dev/null)
if [ -n "$ign" ] && [ $(( 0x$ign & 0x80000 )) -ne 0 ]; then
	pass "SIGTSTP from outside # SKIP SIGTSTP is ignored where the tests run"
	pass "fg (SIGCONT) # SKIP"
else
	kill -TSTP "$pid"
	screen_wait 'Stopped' && pass "SIGTSTP from outside: it stops, the shell is back" \
		|| fail "SIGTSTP from outside: it stops, the shell is back"
	screen_type "fg"
	screen_keys Enter
	screen_wait '1 timeline' && pass "fg (SIGCONT): it comes back and draws" || fail "fg (SIGCONT): it comes back and draws"
fi

# a thousand resizes, 1x1 and 500x1000 among them
for i in $(seq 1 1000); do
	case $((i % 5)) in
	0) tmux -S "$TMUX_SOCK" resize-window -t =t: -x 1 -y 1 ;;
	1) tmux -S "$TMUX_SOCK" resize-window -t =t: -x 500 -y 1000 ;;
	2) tmux -S "$TMUX_SOCK" resize-window -t =t: -x $((20 + i % 200)) -y $((5 + i % 60)) ;;
	3) tmux -S "$TMUX_SOCK" resize-window -t =t: -x 80 -y 24 ;;
	4) tmux -S "$TMUX_SOCK" resize-window -t =t: -x 39 -y 9 ;;
	esac
done 2>/dev/null
tmux -S "$TMUX_SOCK" resize-window -t =t: -x 80 -y 24
screen_wait '1 timeline' 10 && pass "1000 resizes: alive and drawn at 80x24" || fail "1000 resizes: alive and drawn at 80x24"
check "the same process" test "$(screen_app_pid)" = "$pid"
screen_keys C-q
sleep 0.3

# a hang-up under nohup: the terminal is gone, so is scribe; no spinning
screen_start 80 24 nohup "$SCRIBE" open "$id"
screen_wait 'saved *$' >/dev/null || true
pid=$(spid)
before=$(cpu_ticks "$pid")
screen_stop
poll 3 gone "$pid"
if gone "$pid"; then
	pass "nohup, hung up: it ends"
	pass "nohup, hung up: no busy loop # SKIP it ended, no CPU to measure"
else
	sleep 1
	after=$(cpu_ticks "$pid")
	fail "nohup, hung up: it ends"
	check "nohup, hung up: no busy loop ($((after - before)) ticks in 1 s)" test $((after - before)) -lt 10
	kill -9 "$pid"
fi

done_testing
