#!/bin/bash
# Many writers for a while (make stress): 8 full-screen sessions typing
# and 8 scripts logging at once, for STRESS_SECONDS (60); readers run all
# the while and must never see a half-written record.  At the end every
# entry typed and every event logged is there exactly once.
. "$srcdir/tests/lib.sh"

SECONDS_TO_RUN=${STRESS_SECONDS:-60}
id=$("$SCRIBE" new Stress)
deadline=$(( $(date +%s) + SECONDS_TO_RUN ))

# 8 sessions, each in its own tmux window, typing numbered entries
screen_start 100 30 true
for s in 1 2 3 4 5 6 7 8; do
	tmux -S "$TMUX_SOCK" new-session -d -s "w$s" -x 100 -y 30 \
		"env TERM=screen-256color SCRIBE_AUTHOR=typist$s XDG_STATE_HOME=$WORK/state$s $(printf '%q' "$SCRIBE") open $id; sleep 600"
done
sleep 1
typist() {
	local s=$1 n=0
	while [ "$(date +%s)" -lt "$deadline" ]; do
		n=$((n + 1))
		tmux -S "$TMUX_SOCK" send-keys -t "=w$s:" -l "typed $s-$n by a session"
		tmux -S "$TMUX_SOCK" send-keys -t "=w$s:" Enter
		sleep 0.2
	done
	echo "$n" >"$WORK/typed$s"
}
logger() {
	local s=$1 n=0
	while [ "$(date +%s)" -lt "$deadline" ]; do
		n=$((n + 1))
		"$SCRIBE" log "$id" "logged $s-$n by a script" >/dev/null || echo "log failed $s-$n" >>"$WORK/failures"
	done
	echo "$n" >"$WORK/logged$s"
}
reader() {
	local n=0
	while [ "$(date +%s)" -lt "$deadline" ]; do
		n=$((n + 1))
		if ! "$SCRIBE" show "$id" >/dev/null 2>"$WORK/reader.err" || [ -s "$WORK/reader.err" ]; then
			echo "reader $n: $(cat "$WORK/reader.err")" >>"$WORK/failures"
		fi
	done
	echo "$n" >"$WORK/reads"
}
for s in 1 2 3 4 5 6 7 8; do typist "$s" & logger "$s" & done
reader &
wait
sleep 2	# the sessions save what was typed last
for s in 1 2 3 4 5 6 7 8; do tmux -S "$TMUX_SOCK" send-keys -t "=w$s:" C-q; done
sleep 2

"$SCRIBE" export "$id" --format yaml | sed -n 's/^  text: //p' | sort >"$WORK/found"
for s in 1 2 3 4 5 6 7 8; do
	for n in $(seq 1 "$(cat "$WORK/typed$s")"); do echo "typed $s-$n by a session"; done
	for n in $(seq 1 "$(cat "$WORK/logged$s")"); do echo "logged $s-$n by a script"; done
done | sort >"$WORK/wanted"
typed=$(grep -c '^typed' "$WORK/wanted")
logged=$(grep -c '^logged' "$WORK/wanted")
missing=$(comm -23 "$WORK/wanted" <(sort -u "$WORK/found") | wc -l)
dup=$(uniq -d "$WORK/found" | grep -c . || true)
echo "# ${SECONDS_TO_RUN} s: $typed entries typed in 8 sessions, $logged events logged by 8 scripts, $(cat "$WORK/reads") reads during the writes"
is "$missing" 0 "every entry typed and every event logged is there"
is "$dup" 0 "none twice"
is "$(cat "$WORK/failures" 2>/dev/null | head -3)" "" "no log failed, no reader saw a problem"
run "$SCRIBE" check "$id"
is "$RC" 0 "check is clean"

done_testing
