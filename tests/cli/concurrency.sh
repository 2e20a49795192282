#!/bin/bash
# Many writers at once on one incident: nothing lost, nothing doubled.
#  - 8 processes, each running 250 `scribe log` one after the other;
#  - 4 crash_writer sessions at once, each making 100 changes of every
#    kind (events, edits, factors, actions, votes, priorities).
. "$srcdir/tests/lib.sh"

WRITER="${builddir:-.}/tests/crash_writer"
PROCS=8
PER=250

# table ID: the YAML export as one line per entity, fields separated by
# spaces (none of the texts written here has one):
#   event ID TEXT | factor ID TITLE | action ID TITLE PRIORITY VOTES FACTORS
# Sets RC to export's exit status and ERR to what it said.
table() {
	run "$SCRIBE" export "$1" --format yaml
	printf '%s\n' "$OUT" | export_table
}

# expect ACKFILE...: what the acknowledged changes of crash_writer
# sessions must have left, in the format of table(), sorted.
expect() {
	awk '
		FNR == 1 { pid = FILENAME; sub(/.*\//, "", pid); sub(/\.out$/, "", pid) }
		$1 != "ack" { next }
		{ kind = $2; id = $3; i = $4; t = "w" pid "-" i }
		kind == "event" || kind == "event-text" { ev[id] = t }
		kind == "factor" { fac[id] = t; cur = id }
		kind == "factor-title" { fac[id] = t }
		kind == "action" { act[id] = t; prio[id] = "P3"; votes[id] = 0; link[id] = "[]"; acur[id] = cur }
		kind == "action-link" { link[id] = "[" acur[id] "]" }
		kind == "vote" { votes[id] = 1 }
		kind == "priority" { prio[id] = "P" (int(i / 8) % 3) }
		END {
			for (id in ev) print "event", id, ev[id]
			for (id in fac) print "factor", id, fac[id]
			for (id in act) print "action", id, act[id], prio[id], votes[id], link[id]
		}' "$@" | sort
}

# all_gone PID...: none of these children of ours runs any more
all_gone() {
	local p
	for p in "$@"; do
		kill -0 "$p" 2>/dev/null && return 1
	done
	return 0
}

start=$(date +%s.%N)

# ---- 8 x 250 `scribe log` at once ----
id=$("$SCRIBE" new Many writers)
is "$?" 0 "new incident"

mkdir -p "$WORK/log"
loops=()
for p in $(seq 1 $PROCS); do
	(
		for i in $(seq 1 $PER); do
			timeout -k 5 60 "$SCRIBE" log "$id" "text-$p-$i" >>"$WORK/log/$p.ids" 2>>"$WORK/log/$p.err" ||
				echo "log text-$p-$i exited $?" >>"$WORK/log/$p.err"
		done
	) &
	loops+=($!)
done
# (each run has 60 s; all of them 10 minutes)
if ! poll 600 all_gone "${loops[@]}"; then
	fail "scribe log loops still running after 600 s"
	kill -9 "${loops[@]}" 2>/dev/null
fi
wait
log_done=$(date +%s.%N)

is "$(cat "$WORK"/log/*.err)" "" "no scribe log failed or complained"
is "$(cat "$WORK"/log/*.ids | wc -l)" $((PROCS * PER)) "every log printed an event id"
is "$(cat "$WORK"/log/*.ids | sort | uniq -d)" "" "event ids are unique"

table "$id" >"$WORK/log.table"
is "$RC" 0 "export exits 0"
is "$ERR" "" "export says nothing on stderr"
is "$(grep -c '^event ' "$WORK/log.table")" $((PROCS * PER)) "the export holds $((PROCS * PER)) events"
seq 1 $PROCS | while read -r p; do seq 1 $PER | sed "s/^/text-$p-/"; done | sort >"$WORK/want.texts"
awk '$1 == "event" { print $3 }' "$WORK/log.table" | sort >"$WORK/got.texts"
is "$(comm -3 "$WORK/want.texts" "$WORK/got.texts" | head -5)" "" "every text is there, none extra"
is "$(uniq -d "$WORK/got.texts" | head -5)" "" "each text appears exactly once"
awk '$1 == "event" { print $2 }' "$WORK/log.table" | sort >"$WORK/got.ids"
sort "$WORK"/log/*.ids >"$WORK/want.ids"
is "$(comm -3 "$WORK/want.ids" "$WORK/got.ids" | head -5)" "" "the exported ids are the ones log printed"
is "$(ls -A "$SCRIBE_DIR/$id" | grep -c '^\.tmp-')" 0 "no temp file left behind"

run "$SCRIBE" check "$id"
is "$RC" 0 "check exits 0"
is "$OUT$ERR" "" "check finds nothing to report"

run "$SCRIBE" show "$id"
is "$RC" 0 "show exits 0"
is "$(printf '%s\n' "$OUT" | grep -c ' tester: text-[0-9]*-[0-9]*$')" $((PROCS * PER)) "show lists every event"

# ---- 4 crash_writer sessions at once, 100 changes each ----
WRITERS=4
N=100
id2=$("$SCRIBE" new Many sessions)
is "$?" 0 "second incident"
mkdir -p "$WORK/cw"
pids=()
for w in $(seq 1 $WRITERS); do
	"$WRITER" "$SCRIBE_DIR" "$id2" $N >"$WORK/cw/out.$w" 2>"$WORK/cw/err.$w" &
	pids+=($!)
done
if ! poll 120 all_gone "${pids[@]}"; then
	fail "crash_writers still running after 120 s"
	kill -9 "${pids[@]}" 2>/dev/null
fi
codes=""
for w in $(seq 1 $WRITERS); do
	wait "${pids[$((w - 1))]}"
	codes="$codes$? "
	mv "$WORK/cw/out.$w" "$WORK/cw/${pids[$((w - 1))]}.out"
done
is "$codes" "0 0 0 0 " "every crash_writer finished"
is "$(cat "$WORK"/cw/err.*)" "" "and said nothing on stderr"
is "$(cat "$WORK"/cw/*.out | grep -c '^ack ')" $((WRITERS * N)) "$((WRITERS * N)) changes acknowledged"

table "$id2" >"$WORK/cw.unsorted"
sort "$WORK/cw.unsorted" >"$WORK/cw.table"
is "$RC" 0 "export exits 0"
expect "$WORK"/cw/*.out >"$WORK/cw.want"
is "$(grep -c . "$WORK/cw.want")" $((WRITERS * (13 + 13 + 12))) "13 events, 13 factors and 12 actions per writer acknowledged"
is "$(diff "$WORK/cw.want" "$WORK/cw.table")" "" "the export holds exactly the acknowledged entities, with their final texts, priorities, votes and links"

run "$SCRIBE" check "$id2"
is "$RC" 0 "check exits 0"
# the last factor of each writer (step 98, 99) has no action yet: warned
is "$(printf '%s\n' "$OUT" | grep -vc 'warning: factor f[a-z0-9]* "w[0-9]*-99" has no action')" 0 \
	"check warns only about the factors without an action"
is "$(printf '%s\n' "$OUT" | grep -c 'has no action')" $WRITERS "one such factor per writer"
is "$(ls -A "$SCRIBE_DIR/$id2" | grep -c '^j-')" $((WRITERS + 1)) "one journal per session (and the one of new)"

end=$(date +%s.%N)
awk -v s="$start" -v l="$log_done" -v e="$end" -v n=$((PROCS * PER)) \
	'BEGIN { printf "# runtime: %.1fs (%d scribe log runs: %.1fs)\n", e - s, n, l - s }'

done_testing
