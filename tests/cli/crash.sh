#!/bin/bash
# kill -9 at random moments: a writer that dies loses nothing it
# acknowledged, never leaves a record that shows torn, never doubles one,
# and the next write works and sweeps its temp file away.
#
# Each round starts a writer, lets it run 0-150 ms, kills it with
# SIGKILL and then checks the whole incident against everything that was
# acknowledged so far.  Most rounds kill a crash_writer session (events,
# edits, factors, actions, votes, priorities in one journal); every
# fourth kills five `scribe log` runs, each at a random moment of its life.
. "$srcdir/tests/lib.sh"

WRITER="${builddir:-.}/tests/crash_writer"
ROUNDS=${CRASH_ROUNDS:-40}
ACKS="$WORK/acks"
mkdir -p "$ACKS"

start=$(date +%s.%N)
id=$("$SCRIBE" new Crash test)
is "$?" 0 "new incident"
dir="$SCRIBE_DIR/$id"

# table: the YAML export (in $OUT) as one line per entity:
#   event ID TEXT | factor ID TITLE | action ID TITLE PRIORITY VOTES FACTORS
table() {
	printf '%s\n' "$OUT" | export_table
}

# verify TABLE: compares the export with every acknowledgement so far.
# Ack files: cw-PID.out ("writer PID", then what crash_writer printed;
# see tests/crash_writer.c for the cycle of changes) and log-*.out
# ("try TEXT" before a scribe log, "ack log ID TEXT" if it printed ID).
# The one change a killed writer was making when it died may or may not
# be there; anything else must be exactly as acknowledged.  Prints one
# line per problem, then "# acked A, unacknowledged but saved U (events: E)".
verify() {
	awk -v tf="$1" '
		function cw_end(   j, k, t) {
			if (pid == "") return
			j = last + 1; k = j % 8; t = "w" pid "-" j
			if (k == 0) opt["event " t] = 1
			else if (k == 1) alt_ev[evs[int(j / 8) * 5 % nev]] = t
			else if (k == 2) opt["factor " t] = 1
			else if (k == 3) alt_fac[cur_f] = t
			else if (k == 4) opt["action " t " P3 0 []"] = 1
			else if (k == 5) alt_link[cur_a] = "[" cur_f "]"
			else if (k == 6) alt_votes[cur_a] = 1
			else if (k == 7) alt_prio[cur_a] = "P" (int(j / 8) % 3)
			pid = ""
		}
		function log_end() {
			if (tried != "") opt["event " tried] = 1
			tried = ""
		}
		FNR == 1 {
			cw_end(); log_end()
			f = FILENAME; sub(/.*\//, "", f)
			if (f ~ /^cw-/) { pid = f; sub(/^cw-/, "", pid); sub(/\.out$/, "", pid); last = -1; nev = 0 }
			table = FILENAME == tf
		}
		!table && $1 == "writer" { next }
		!table && $1 == "try" { tried = $2; next }
		!table && $1 == "ack" && $2 == "log" { ev[$3] = $4; tried = ""; acked++; next }
		!table && $1 == "ack" {
			kind = $2; i = $4; t = "w" pid "-" i; last = i; acked++
			if (kind == "event") { ev[$3] = t; evs[nev++] = $3 }
			else if (kind == "event-text") ev[$3] = t
			else if (kind == "factor") { fac[$3] = t; cur_f = $3 }
			else if (kind == "factor-title") fac[$3] = t
			else if (kind == "action") { act[$3] = t; prio[$3] = "P3"; votes[$3] = 0; link[$3] = "[]"; cur_a = $3; act_f[$3] = cur_f }
			else if (kind == "action-link") link[$3] = "[" act_f[$3] "]"
			else if (kind == "vote") votes[$3] = 1
			else if (kind == "priority") prio[$3] = "P" (int(i / 8) % 3)
			next
		}
		!table { print "bad ack line in " FILENAME ": " $0; next }
		seen[$1 " " $2]++ { print "duplicate " $1 " " $2; next }
		$1 == "event" && ($2 in ev) {
			if ($3 != ev[$2] && !($2 in alt_ev && $3 == alt_ev[$2]))
				print "event " $2 ": text \"" $3 "\", acknowledged \"" ev[$2] "\""
			next
		}
		$1 == "factor" && ($2 in fac) {
			if ($3 != fac[$2] && !($2 in alt_fac && $3 == alt_fac[$2]))
				print "factor " $2 ": title \"" $3 "\", acknowledged \"" fac[$2] "\""
			next
		}
		$1 == "action" && ($2 in act) {
			if ($3 != act[$2]) print "action " $2 ": title " $3 ", acknowledged " act[$2]
			if ($4 != prio[$2] && $4 != alt_prio[$2]) print "action " $2 ": priority " $4 ", acknowledged " prio[$2]
			if ($5 != votes[$2] && $5 != alt_votes[$2] "") print "action " $2 ": votes " $5 ", acknowledged " votes[$2]
			if ($6 != link[$2] && $6 != alt_link[$2]) print "action " $2 ": factors " $6 ", acknowledged " link[$2]
			next
		}
		{
			key = $0; sub(/^[a-z]+ [^ ]+ /, "", key); key = $1 " " key
			if (key in opt) { delete opt[key]; unacked++; if ($1 == "event") unacked_ev++ }
			else print "unexpected: " $0
		}
		END {
			for (x in ev) if (!seen["event " x]) print "lost event " x " \"" ev[x] "\""
			for (x in fac) if (!seen["factor " x]) print "lost factor " x
			for (x in act) if (!seen["action " x]) print "lost action " x
			printf "# acked %d, unacknowledged but saved %d (events: %d)\n", acked, unacked, unacked_ev
		}' "$ACKS"/* "$1"
}

# check_round WHAT: the checks after each kill
problems=0
torn=0
check_round() {
	local what=$1 bad=""

	run "$SCRIBE" show "$id"
	[ "$RC" = 0 ] || bad="$bad show exited $RC;"
	[ -z "$ERR" ] || bad="$bad show said: $ERR;"
	run "$SCRIBE" export "$id" --format yaml
	[ "$RC" = 0 ] || bad="$bad export exited $RC;"
	table >"$WORK/table"
	verify "$WORK/table" >"$WORK/verify"
	summary=$(grep '^# ' "$WORK/verify")
	if grep -qv '^# ' "$WORK/verify"; then
		bad="$bad $(grep -v '^# ' "$WORK/verify" | head -5 | tr '\n' ';')"
	fi
	run "$SCRIBE" check "$id"
	n_torn=$(printf '%s\n' "$OUT" | grep -c 'incomplete record at the end of the file')
	other=$(printf '%s\n' "$OUT" | grep -v -e 'incomplete record at the end of the file' \
		-e ': warning: factor f[a-z0-9]* "w[0-9]*-[0-9]*" has no action' \
		-e ': warning: action a[a-z0-9]* "w[0-9]*-[0-9]*" addresses no contributing factor' | grep .)
	[ -z "$other" ] || bad="$bad check reported: $(printf '%s\n' "$other" | head -3 | tr '\n' ';')"
	[ -z "$ERR" ] || bad="$bad check said on stderr: $ERR;"
	if [ "$n_torn" -gt 0 ]; then
		torn=$((torn + 1))
		[ "$RC" = 65 ] || bad="$bad check found a torn end but exited $RC;"
	else
		[ "$RC" = 0 ] || bad="$bad check exited $RC;"
	fi
	t0=${EPOCHREALTIME/./}
	run "$SCRIBE" log "$id" "after-crash-$r"
	log_ms=$(( (${EPOCHREALTIME/./} - t0) / 1000 ))
	if [ "$RC" = 0 ]; then
		echo "ack log $OUT after-crash-$r" >"$ACKS/log-after-$r.out"
	else
		bad="$bad log after the crash exited $RC: $ERR;"
	fi
	stale=$(ls -A "$dir" | grep '^\.tmp-j-')
	[ -z "$stale" ] || bad="$bad temp files left after the next write: $stale;"
	if [ -n "$bad" ]; then
		problems=$((problems + 1))
		fail "round $r ($what):$bad"
	fi
}

tmp_seen=0
log_ms=50
logs_run=0
logs_killed=0
for r in $(seq 1 $ROUNDS); do
	ms=$((RANDOM % 151))
	if [ $((r % 4)) = 0 ]; then
		# five `scribe log` runs, each killed at a random moment of its
		# life: up to 1.2 times what the last one took (it reads the whole
		# incident first, so it takes longer as the incident grows)
		what="scribe log runs killed after"
		for k in 1 2 3 4 5; do
			ms=$((RANDOM % (log_ms * 6 / 5 + 1)))
			what="$what ${ms}ms"
			rm -f "$WORK/log.out" "$WORK/log.err"
			"$SCRIBE" log "$id" "L$r-$k" >"$WORK/log.out" 2>"$WORK/log.err" &
			pid=$!
			sleep "$(printf '0.%03d' $ms)"
			kill -9 "$pid" 2>/dev/null
			{ wait "$pid"; } 2>/dev/null
			st=$?
			logs_run=$((logs_run + 1))
			case $st in
			137) logs_killed=$((logs_killed + 1)) ;;
			0) ;;
			*) fail "round $r: scribe log exited $st: $(cat "$WORK/log.err" 2>/dev/null)" ;;
			esac
			{
				echo "try L$r-$k"
				if [ -s "$WORK/log.out" ]; then echo "ack log $(cat "$WORK/log.out") L$r-$k"; fi
			} >"$ACKS/log-$r-$k.out"
		done
	else
		what="crash_writer killed after ${ms}ms"
		rm -f "$WORK/cw.out" "$WORK/cw.err"
		"$WRITER" "$SCRIBE_DIR" "$id" 100000000 >"$WORK/cw.out" 2>"$WORK/cw.err" &
		pid=$!
		sleep "$(printf '0.%03d' $ms)"
		kill -9 "$pid"
		{ wait "$pid"; } 2>/dev/null
		st=$?
		[ "$st" = 137 ] || fail "round $r: crash_writer exited $st before the kill: $(cat "$WORK/cw.err" 2>/dev/null)"
		# (a first line, so that awk sees the file even with no ack in it)
		{ echo "writer $pid"; cat "$WORK/cw.out" 2>/dev/null; } >"$ACKS/cw-$pid.out"
	fi
	ls -A "$dir" | grep -q '^\.tmp-j-' && tmp_seen=$((tmp_seen + 1))
	check_round "$what"
done
is "$problems" 0 "$ROUNDS rounds of kill -9: nothing acknowledged lost, nothing torn shown, no duplicate, check clean, the next log works"
echo "# rounds that left a temp file at the kill: $tmp_seen; rounds with a torn end: $torn"
echo "# scribe log runs killed before they finished: $logs_killed of $logs_run"
echo "# $summary"

# the final state, once more in full
run "$SCRIBE" export "$id" --format yaml
table >"$WORK/table"
verify "$WORK/table" >"$WORK/verify"
is "$(grep -v '^# ' "$WORK/verify" | head -10)" "" "the export holds every acknowledged change, each once"
acked_events=$(cat "$ACKS"/* | awk '$1 == "ack" && ($2 == "log" || $2 == "event")' | wc -l)
unacked=$(sed -n 's/^# acked .* (events: \([0-9]*\))$/\1/p' "$WORK/verify")
got_events=$(grep -c '^event ' "$WORK/table")
is "$got_events" $((acked_events + unacked)) \
	"events in the export: the $acked_events acknowledged + the $unacked a killed writer saved without acknowledging"
is "$(awk '$1 == "event" { print $3 }' "$WORK/table" | sort | uniq -d | head -3)" "" "no event text twice"
is "$(ls -A "$dir" | grep -c '^\.tmp-j-')" 0 "no temp file of a dead writer remains"
is "$(ls -A "$dir" | grep -v -e '^j-.*\.yaml$' -e '^pack-[0-9a-f]*\.yaml$')" "" "only journals and packs in the folder"

# a writer killed between creating its temp journal and renaming it (held
# in its first fsync by strace): the record is not there, the temp file
# is, and the next write sweeps it
if command -v strace >/dev/null 2>&1 && strace -o /dev/null true 2>/dev/null; then
	strace -o /dev/null -e trace=fsync -e inject=fsync:delay_enter=2000000:when=1 \
		"$SCRIBE" log "$id" held in fsync >/dev/null 2>&1 &
	spid=$!
	poll 5 bash -c 'ls -A "$0" | grep -q "^\.tmp-j-"' "$dir"
	tmpf=$(ls -A "$dir" | grep '^\.tmp-j-')
	wpid=$(printf '%s\n' "$tmpf" | sed -n 's/^\.tmp-j-[0-9]*t[0-9]*z-.*-\([0-9][0-9]*\)-[a-z0-9]*\.yaml$/\1/p')
	check "a writer held in its first fsync has its temp journal ($tmpf)" test -n "$wpid"
	[ -n "$wpid" ] && kill -9 "$wpid"
	{ wait "$spid"; } 2>/dev/null
	run "$SCRIBE" export "$id" --format yaml
	check "its record is not in the export" bash -c '! grep -q "held in fsync" "$0"' "$WORK/out"
	run "$SCRIBE" log "$id" after the held writer
	is "$RC" 0 "the next log works"
	is "$(ls -A "$dir" | grep -c '^\.tmp-j-')" 0 "and has swept the dead writer's temp file"
else
	for i in 1 2 3 4; do pass "writer held in fsync # SKIP no strace"; done
fi

# a temp file a dead writer of this host left is swept by the next write,
# one of a live process is not
sleep 300 &
live=$!
host=$(ls "$dir" | sed -n 's/^j-[0-9]*t[0-9]*z-\(.*\)-[0-9]*-[a-z0-9]*\.yaml$/\1/p' | head -1)
printf -- '---\ntype: event\n' >"$dir/.tmp-j-20260101t000000z-$host-$live-aaaaaa.yaml"
run "$SCRIBE" log "$id" one more
is "$RC" 0 "one more log"
is "$(ls -A "$dir" | grep -c '^\.tmp-j-')" 1 "a live writer's temp file is kept"
kill "$live"
{ wait "$live"; } 2>/dev/null
run "$SCRIBE" log "$id" and another
is "$(ls -A "$dir" | grep -c '^\.tmp-j-')" 0 "once its writer is gone, the next write sweeps it"

end=$(date +%s.%N)
awk -v s="$start" -v e="$end" 'BEGIN { printf "# runtime: %.1fs\n", e - s }'
done_testing
