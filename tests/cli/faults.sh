#!/bin/bash
# Fault injection at every point (tests/faults/libfault.so, LD_PRELOAD):
# a writer killed at any one of its file system calls, or seeing any one
# of them fail with ENOSPC or EIO, loses nothing it acknowledged, never
# leaves a record that shows torn, says why it failed, and the next write
# works and sweeps its temp file away.
#
# Every round starts from the same copy of a small incident (a created
# incident and two events), so the calls of a run come in the same order
# each time and FAULT_AT=N names the same call every round: N runs over
# all of them (a dry run counts them), and the run with N one past the
# end must complete.  The calls counted are write, pwrite, fsync,
# fdatasync, rename(at), link(at), unlink(at), ftruncate and close on
# files under the incident's shared directory (tests/faults/fault.c).
#
#   (a) kill: crash_writer (FAULTS_WRITER_N changes, 6) and scribe log
#       SIGKILLed before call N, for every N;
#   (b) errors: scribe log with ENOSPC / EIO on its write, on each fsync
#       and on its rename, once or from then on (sticky);
#   (b') scribe new: ENOSPC on each of its writes, fsyncs and rename;
#   (c) an error mid-session: crash_writer's third change fails (write,
#       short write, fsync), once or sticky.
#
# Known bugs show as "not ok ... # TODO" (expected failures to the driver).
#
# tests/stress/faults-all.sh runs this with FAULTS_WRITER_N=60 and
# FAULTS_FULL=1: also a write torn in half before the kill, and ENOSPC /
# EIO (once and sticky) at every call of crash_writer; and prints the
# figures for docs/RELIABILITY.md.
. "$srcdir/tests/lib.sh"

LIB="${builddir:-.}/tests/faults/libfault.so"
WRITER="${builddir:-.}/tests/crash_writer"
WRITER_N=${FAULTS_WRITER_N:-6}
FULL=${FAULTS_FULL:-0}

if [ ! -f "$LIB" ]; then
	echo "1..0 # SKIP no libfault.so"
	exit 0
fi
LIB="$(cd "$(dirname "$LIB")" && pwd)/$(basename "$LIB")"
case $WRITER in /*) ;; *) WRITER="$PWD/$WRITER" ;; esac
# ASan wants to be first in the link order; a preloaded plain library is not
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"

start=$(date +%s.%N)

# todo DESCRIPTION REASON: a known bug, reported but not failing the run
# (the TAP driver counts it as an expected failure)
todo() { T_N=$((T_N + 1)); echo "not ok $T_N - $1 # TODO $2"; }

# ---- the template: an incident with two events -------------------------

TPL="$WORK/template"
id=$(SCRIBE_DIR="$TPL" "$SCRIBE" new Fault test)
is "$?" 0 "new incident"
seed_acks="$WORK/seed-acks"
: >"$seed_acks"
for t in seed-1 seed-2; do
	e=$(SCRIBE_DIR="$TPL" "$SCRIBE" log "$id" "$t")
	echo "ack log $e $t" >>"$seed_acks"
done
is "$(wc -l <"$seed_acks")" 2 "two seed events"

ROOT="$WORK/round"	# each round's shared directory, a fresh copy of TPL
dir="$ROOT/$id"
ACKS="$WORK/acks"

# fresh: the template again, and no acknowledgements but the seeds'
fresh() {
	rm -rf "$ROOT" "$ACKS" "$WORK/trace" "$WORK/count"
	cp -a "$TPL" "$ROOT"
	mkdir -p "$ACKS"
	cp "$seed_acks" "$ACKS/log-seed.out"
}

# faulty VAR=VALUE... -- CMD...: CMD with the library and the FAULT_*
# settings given, run in the background and waited for (so that its pid
# is known: crash_writer's texts hold it); sets PID and ST, stdout and
# stderr in $WORK/f.out and $WORK/f.err
faulty() {
	local envs=()
	while [ "$1" != -- ]; do envs+=("$1"); shift; done
	shift
	env SCRIBE_DIR="$ROOT" LD_PRELOAD="$LIB" FAULT_PATH="$ROOT" FAULT_TRACE="$WORK/trace" \
		FAULT_COUNT_FILE="$WORK/count" "${envs[@]}" "$@" >"$WORK/f.out" 2>"$WORK/f.err" &
	PID=$!
	{ wait "$PID"; } 2>/dev/null
	ST=$?
}

# what_failed: the call the fault hit, from the trace ("write .tmp-j-...")
what_failed() {
	sed -n 's/^[0-9]* \([a-z]*\) \(.*\) FAULT$/\1 \2/p' "$WORK/trace" 2>/dev/null | head -1 |
		sed "s|$ROOT/$id|DIR|; s|DIR/\.tmp-j-[^ ]*|TMP|; s|DIR/j-[^ ]*|JOURNAL|"
}

# count_calls [VAR=VALUE...] -- CMD...: how many counted calls a run
# without faults makes
count_calls() {
	fresh
	faulty FAULT_AT=0 "$@"
	[ "$ST" = 0 ] || echo "# dry run of $* exited $ST: $(cat "$WORK/f.err")" >&2
	cat "$WORK/count"
}

# save_acks KIND TEXT: what the run acknowledged, for verify
save_acks() {
	if [ "$1" = cw ]; then
		# (a first line, so that awk sees the file even with no ack in it)
		{ echo "writer $PID"; cat "$WORK/f.out"; } >"$ACKS/cw-$PID.out"
	else
		{
			echo "try $2"
			if [ -s "$WORK/f.out" ]; then echo "ack log $(cat "$WORK/f.out") $2"; fi
		} >"$ACKS/log-run.out"
	fi
}

# table: the YAML export (in $OUT) as one line per entity:
#   event ID TEXT | factor ID TITLE | action ID TITLE PRIORITY VOTES FACTORS
# (as in crash.sh)
table() {
	printf '%s\n' "$OUT" | export_table
}

# verify TABLE: the export against every acknowledgement in $ACKS (as in
# crash.sh): the one change a writer was making when it died or failed
# may or may not be there; everything else exactly as acknowledged.
# Prints one line per problem, then
#   "# acked A, unacknowledged but saved U (events: E) events-acked EA found EF"
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
		!table && $1 == "ack" && $2 == "log" { ev[$3] = $4; tried = ""; if (f == "log-seed.out") seedev[$3] = 1; else { acked++; evacked++ }; next }
		!table && $1 == "ack" {
			kind = $2; i = $4; t = "w" pid "-" i; last = i; acked++
			if (kind == "event") { ev[$3] = t; evs[nev++] = $3; evacked++ }
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
			if (!($2 in seedev)) evfound++
			if ($3 == ev[$2]) next
			if ($2 in alt_ev && $3 == alt_ev[$2]) unacked++
			else print "event " $2 ": text \"" $3 "\", acknowledged \"" ev[$2] "\""
			next
		}
		$1 == "factor" && ($2 in fac) {
			if ($3 == fac[$2]) next
			if ($2 in alt_fac && $3 == alt_fac[$2]) unacked++
			else print "factor " $2 ": title \"" $3 "\", acknowledged \"" fac[$2] "\""
			next
		}
		$1 == "action" && ($2 in act) {
			if ($3 != act[$2]) print "action " $2 ": title " $3 ", acknowledged " act[$2]
			if ($4 != prio[$2]) {
				if ($2 in alt_prio && $4 == alt_prio[$2]) unacked++
				else print "action " $2 ": priority " $4 ", acknowledged " prio[$2]
			}
			if ($5 != votes[$2]) {
				if ($2 in alt_votes && $5 == alt_votes[$2] "") unacked++
				else print "action " $2 ": votes " $5 ", acknowledged " votes[$2]
			}
			if ($6 != link[$2]) {
				if ($2 in alt_link && $6 == alt_link[$2]) unacked++
				else print "action " $2 ": factors " $6 ", acknowledged " link[$2]
			}
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
			printf "# acked %d, unacknowledged but saved %d (events: %d) events-acked %d found %d\n",
				acked, unacked, unacked_ev, evacked, evfound
		}' "$ACKS"/* "$1"
}

# ---- the checks after each faulted run ----------------------------------

# figures
rounds=0 survived=0 torn_rounds=0 tmp_rounds=0 unacked_saved=0
ev_acked=0 ev_found=0
declare -A points

# after_round WHAT [strict]: (WHAT names the run) checks the incident after a faulted run;
# sets BAD to what is wrong ("" if nothing).  With strict, check must be
# clean (no torn end allowed).
after_round() {
	local strict=${2:-} n_torn other summary stale f

	BAD=""
	rounds=$((rounds + 1))
	compgen -G "$dir/.tmp-j-*" >/dev/null && tmp_rounds=$((tmp_rounds + 1))
	export SCRIBE_DIR="$ROOT"
	run "$SCRIBE" show "$id"
	[ "$RC" = 0 ] || BAD="$BAD show exited $RC;"
	[ -z "$ERR" ] || BAD="$BAD show said: $ERR;"
	run "$SCRIBE" export "$id" --format yaml
	[ "$RC" = 0 ] || BAD="$BAD export exited $RC;"
	table >"$WORK/table"
	verify "$WORK/table" >"$WORK/verify"
	summary=$(grep '^# ' "$WORK/verify")
	if grep -qv '^# ' "$WORK/verify"; then
		BAD="$BAD $(grep -v '^# ' "$WORK/verify" | head -5 | tr '\n' ';')"
	fi
	# "# acked A, unacknowledged but saved U (events: E) events-acked EA found EF"
	read -r -a f <<<"$summary"
	unacked_saved=$((unacked_saved + ${f[6]:-0}))
	ev_acked=$((ev_acked + ${f[10]:-0}))
	ev_found=$((ev_found + ${f[12]:-0}))
	run "$SCRIBE" check "$id"
	n_torn=$(printf '%s\n' "$OUT" | grep -c 'incomplete record at the end of the file')
	other=$(printf '%s\n' "$OUT" | grep -v -e 'incomplete record at the end of the file' \
		-e ': warning: factor f[a-z0-9]* "w[0-9]*-[0-9]*" has no action' \
		-e ': warning: action a[a-z0-9]* "w[0-9]*-[0-9]*" addresses no contributing factor' | grep .)
	[ -z "$other" ] || BAD="$BAD check reported: $(printf '%s\n' "$other" | head -3 | tr '\n' ';')"
	[ -z "$ERR" ] || BAD="$BAD check said on stderr: $ERR;"
	if [ "$n_torn" -gt 0 ]; then
		torn_rounds=$((torn_rounds + 1))
		[ -z "$strict" ] || BAD="$BAD check found a torn end;"
		[ "$RC" = 65 ] || BAD="$BAD check found a torn end but exited $RC;"
	else
		[ "$RC" = 0 ] || BAD="$BAD check exited $RC;"
	fi
	run "$SCRIBE" log "$id" after-fault
	if [ "$RC" = 0 ]; then
		echo "ack log $OUT after-fault" >"$ACKS/log-after.out"
		run "$SCRIBE" export "$id" --format yaml
		printf '%s\n' "$OUT" | grep -q '^  text: after-fault$' || BAD="$BAD the next log is not in the export;"
	else
		BAD="$BAD the next log exited $RC: $ERR;"
	fi
	stale=$(compgen -G "$dir/.tmp-j-*" | sed 's|.*/||')
	[ -z "$stale" ] || BAD="$BAD temp files left after the next write: $stale;"
	unset SCRIBE_DIR
	export SCRIBE_DIR="$WORK/shared"
	[ -n "$BAD" ] || survived=$((survived + 1))
}

# ---- (a) a kill before every call ---------------------------------------

# kill_points KIND LABEL [VAR=VALUE...]: KIND cw (crash_writer) or log;
# kills the run at every counted call in turn, then one past the end.
kill_points() {
	local kind=$1 label=$2 total n problems=0 killed=0 cmd
	shift 2
	if [ "$kind" = cw ]; then
		cmd=("$WRITER" "$ROOT" "$id" "$WRITER_N")
	else
		cmd=("$SCRIBE" log "$id")
	fi
	if [ "$kind" = cw ]; then total=$(count_calls "$@" -- "${cmd[@]}"); else total=$(count_calls "$@" -- "${cmd[@]}" dry); fi
	for n in $(seq 1 $((total + 1))); do
		fresh
		if [ "$kind" = cw ]; then
			faulty FAULT_MODE=kill FAULT_AT="$n" "$@" -- "${cmd[@]}"
		else
			faulty FAULT_MODE=kill FAULT_AT="$n" "$@" -- "${cmd[@]}" "K$n"
		fi
		save_acks "$kind" "K$n"
		if [ "$n" -le "$total" ]; then
			if [ "$ST" != 137 ]; then
				problems=$((problems + 1))
				fail "$label, kill at call $n: exited $ST, not killed: $(head -c 300 "$WORK/f.err")"
				continue
			fi
			killed=$((killed + 1))
		elif [ "$ST" != 0 ]; then
			problems=$((problems + 1))
			fail "$label: the run past the last call ($n) exited $ST: $(head -c 300 "$WORK/f.err")"
		fi
		after_round "$label $n"
		if [ -n "$BAD" ]; then
			problems=$((problems + 1))
			fail "$label, kill at call $n ($(what_failed)):$BAD"
		fi
	done
	points[$label]=$killed
	is "$problems" 0 "$label: killed at each of its $total calls, then run to the end: nothing acknowledged lost, nothing torn shown, check clean, the next log works and sweeps"
}

kill_points cw "crash_writer $WRITER_N changes"
kill_points log "scribe log"
if [ "$FULL" = 1 ]; then
	kill_points cw "crash_writer $WRITER_N changes, torn write" FAULT_PARTIAL=1 FAULT_ONLY=write
fi

# ---- (b) scribe log: ENOSPC and EIO -------------------------------------

# log_error ONLY AT ERRNO STICKY PARTIAL LABEL [todo]
log_error() {
	local only=$1 at=$2 err=$3 sticky=$4 partial=$5 label=$6 todo=${7:-} reason bad=""
	case $err in ENOSPC) reason="No space left on device" ;; EIO) reason="Input/output error" ;; esac
	fresh
	faulty FAULT_MODE=errno FAULT_ONLY="$only" FAULT_AT="$at" FAULT_ERRNO="$err" \
		FAULT_STICKY="$sticky" FAULT_PARTIAL="$partial" -- "$SCRIBE" log "$id" "E-$only-$at"
	save_acks log "E-$only-$at"
	case $ST in 74|73) ;; *) bad="$bad exited $ST;" ;; esac
	grep -q "$reason" "$WORK/f.err" || bad="$bad stderr does not say \"$reason\": $(cat "$WORK/f.err");"
	[ "$(wc -l <"$WORK/f.err")" = 1 ] || bad="$bad more than one line on stderr;"
	[ ! -s "$WORK/f.out" ] || bad="$bad printed an id: $(cat "$WORK/f.out");"
	after_round "$label" strict
	bad="$bad$BAD"
	if grep -q "^event [^ ]* E-$only-$at\$" "$WORK/table"; then
		bad="$bad the failed event is in the export;"
	fi
	if [ -z "$bad" ]; then
		pass "$label: exit $ST, \"$reason\", nothing torn, event absent, the next log works"
	elif [ -n "$todo" ]; then
		todo "$label:$bad" "$todo"
	else
		fail "$label:$bad"
	fi
}

for err in ENOSPC EIO; do
	for sticky in 0 1; do
		s=""; [ "$sticky" = 1 ] && s=", sticky"
		log_error write 1 "$err" "$sticky" 0 "scribe log, $err on write$s"
		log_error write 1 "$err" "$sticky" 1 "scribe log, $err after half a write$s"
		log_error fsync 1 "$err" "$sticky" 0 "scribe log, $err on fsync of the temp journal$s"
		log_error fsync 2 "$err" "$sticky" 0 "scribe log, $err on fsync of the folder$s"
		log_error renameat 1 "$err" "$sticky" 0 "scribe log, $err on rename$s"
	done
done

# ---- (b') scribe new: ENOSPC ---------------------------------------------

# new_error ONLY AT LABEL [todo]: scribe new in an empty shared directory
# with call AT of ONLY failing: exit 74 naming the reason, no id, no
# incident and no folder left, and the same title again gets the plain id
new_error() {
	local only=$1 at=$2 label=$3 todo=${4:-} bad="" nroot="$WORK/newroot" left
	rm -rf "$nroot"
	env SCRIBE_DIR="$nroot" LD_PRELOAD="$LIB" FAULT_PATH="$nroot" FAULT_MODE=errno \
		FAULT_ONLY="$only" FAULT_AT="$at" FAULT_ERRNO=ENOSPC FAULT_TRACE="$WORK/trace" \
		"$SCRIBE" new Disk full >"$WORK/f.out" 2>"$WORK/f.err"
	ST=$?
	[ "$ST" = 74 ] || bad="$bad exited $ST;"
	grep -q "No space left on device" "$WORK/f.err" || bad="$bad stderr: $(cat "$WORK/f.err");"
	[ ! -s "$WORK/f.out" ] || bad="$bad printed an id;"
	run env SCRIBE_DIR="$nroot" "$SCRIBE" list
	[ -z "$OUT" ] || bad="$bad listed: $OUT;"
	left=$(cd "$nroot" 2>/dev/null && find . -mindepth 1 | tr '\n' ' ')
	[ -z "$left" ] || bad="$bad left behind: $left;"
	run env SCRIBE_DIR="$nroot" "$SCRIBE" new Disk full
	[ "$RC" = 0 ] && [ "${OUT%-disk-full}" != "$OUT" ] || bad="$bad the same title again: exit $RC, id $OUT;"
	if [ -z "$bad" ]; then
		pass "$label: exit 74, \"No space left on device\", nothing left, the same title again gets the plain id"
	elif [ -n "$todo" ]; then
		todo "$label:$bad" "$todo"
	else
		fail "$label:$bad"
	fi
}

new_error fsync 1 "scribe new, ENOSPC on fsync of the shared directory"
new_error write 1 "scribe new, ENOSPC on the first record's write"
new_error fsync 2 "scribe new, ENOSPC on fsync of the temp journal"
new_error renameat 1 "scribe new, ENOSPC on rename"
new_error fsync 3 "scribe new, ENOSPC on fsync of the incident folder"

# ---- (c) crash_writer: an error mid-session -----------------------------

# A session that fails one change cannot go on here: crash_writer exits
# 74 at its first error.  What can be checked: the error is reported
# (step and reason), everything before it is there, the failed change is
# not (unless the journal could not be cut back: sticky), the next log
# works.
# cw_error ONLY AT ERRNO STICKY PARTIAL LABEL
cw_error() {
	local only=$1 at=$2 err=$3 sticky=$4 partial=$5 label=$6 reason bad="" strict=strict
	case $err in ENOSPC) reason="No space left on device" ;; EIO) reason="Input/output error" ;; esac
	[ "$sticky" = 1 ] && [ "$partial" = 1 ] && strict=""	# the torn bytes cannot be cut off
	fresh
	faulty FAULT_MODE=errno FAULT_ONLY="$only" FAULT_AT="$at" FAULT_ERRNO="$err" \
		FAULT_STICKY="$sticky" FAULT_PARTIAL="$partial" -- "$WRITER" "$ROOT" "$id" "$WRITER_N"
	save_acks cw
	[ "$ST" = 74 ] || bad="$bad exited $ST;"
	grep -q "adding a factor (step 2): $reason" "$WORK/f.err" ||
		bad="$bad stderr does not say \"adding a factor (step 2): $reason\": $(cat "$WORK/f.err");"
	[ "$(grep -c '^ack ' "$WORK/f.out")" = 2 ] || bad="$bad acknowledged $(grep -c '^ack ' "$WORK/f.out") changes, not 2;"
	after_round "$label" $strict
	bad="$bad$BAD"
	if [ "$sticky" = 0 ] && grep -q "^factor " "$WORK/table"; then
		bad="$bad the failed factor is in the export;"
	fi
	if [ -z "$bad" ]; then
		pass "$label: exit 74 naming the step and \"$reason\", acknowledged changes there, the next log works"
	else
		fail "$label:$bad"
	fi
}

for err in ENOSPC EIO; do
	cw_error write 3 "$err" 0 0 "crash_writer, $err on the 3rd change's write"
	cw_error write 3 "$err" 0 1 "crash_writer, $err after half the 3rd change's write"
	cw_error write,ftruncate 3 "$err" 1 1 "crash_writer, $err after half the 3rd change's write, sticky (no cutting back)"
	# fsyncs: temp journal, folder, 2nd change, 3rd change
	cw_error fsync 4 "$err" 0 0 "crash_writer, $err on the 3rd change's fsync"
done

# ---- (full) an error at every call of crash_writer ----------------------

# err_points ERRNO STICKY: crash_writer with call N failing, for every N;
# it exits 0 (a failed close is not its business) or 74 saying why.  The
# failed change may be there (unacknowledged) when it could not be taken
# back; counted as "reported failed but saved".
failed_saved=0
declare -A saved_at	# "LABEL, CALL" -> the points where that happened
err_points() {
	local err=$1 sticky=$2 label total n problems=0 bad reason saved_before
	case $err in ENOSPC) reason="No space left on device" ;; EIO) reason="Input/output error" ;; esac
	label="crash_writer $WRITER_N changes, $err"
	[ "$sticky" = 1 ] && label="$label sticky"
	total=$(count_calls -- "$WRITER" "$ROOT" "$id" "$WRITER_N")
	for n in $(seq 1 "$total"); do
		fresh
		faulty FAULT_MODE=errno FAULT_AT="$n" FAULT_ERRNO="$err" FAULT_STICKY="$sticky" -- \
			"$WRITER" "$ROOT" "$id" "$WRITER_N"
		save_acks cw
		bad=""
		case $ST in
		0) ;;
		74) grep -q "$reason" "$WORK/f.err" || bad="$bad stderr does not say \"$reason\": $(cat "$WORK/f.err");" ;;
		*) bad="$bad exited $ST;" ;;
		esac
		saved_before=$unacked_saved
		after_round "$label $n"
		if [ "$ST" = 74 ] && [ "$unacked_saved" -gt "$saved_before" ]; then
			failed_saved=$((failed_saved + 1))
			key="$label, $(what_failed | sed 's/ .*//')"
			saved_at[$key]="${saved_at[$key]:-}${saved_at[$key]:+ }$n"
		fi
		bad="$bad$BAD"
		if [ -n "$bad" ]; then
			problems=$((problems + 1))
			fail "$label, call $n ($(what_failed)):$bad"
		fi
	done
	points[$label]=$total
	is "$problems" 0 "$label at each of its $total calls: exit 0 or 74 with the reason, nothing acknowledged lost, the next log works"
}

if [ "$FULL" = 1 ]; then
	for err in ENOSPC EIO; do
		err_points "$err" 0
		err_points "$err" 1
	done
fi

# ---- figures ------------------------------------------------------------

end=$(date +%s.%N)
for k in "${!points[@]}"; do
	echo "# crash/error points: $k: ${points[$k]}"
done | sort
echo "# faulted runs checked: $rounds, all checks passed after: $survived"
echo "# rounds with a dead writer's temp journal at the fault: $tmp_rounds; with a torn end (check: incomplete record): $torn_rounds"
echo "# events acknowledged: $ev_acked, found in the export: $ev_found; changes saved without an acknowledgement: $unacked_saved"
if [ "$FULL" = 1 ]; then
	echo "# errors reported, yet the change was saved (could not be taken back): $failed_saved"
	for k in "${!saved_at[@]}"; do
		echo "#   $k at calls: ${saved_at[$k]}"
	done | sort
fi
awk -v s="$start" -v e="$end" 'BEGIN { printf "# runtime: %.1fs\n", e - s }'
if [ "${FAULTS_SUMMARY:-0}" = 1 ]; then
	{
		echo "Fault injection (tests/stress/faults-all.sh, crash_writer $WRITER_N changes):"
		echo
		echo "| what | figure |"
		echo "| --- | --- |"
		for k in "${!points[@]}"; do echo "| points: $k | ${points[$k]} |"; done | sort
		echo "| faulted runs checked | $rounds |"
		echo "| runs after which every check passed | $survived |"
		echo "| runs with a dead writer's temp journal left | $tmp_rounds |"
		echo "| runs with a torn end (skipped by readers) | $torn_rounds |"
		echo "| events acknowledged / found | $ev_acked / $ev_found |"
		echo "| changes saved without an acknowledgement | $unacked_saved |"
		echo "| errors reported, change saved anyway | $failed_saved |"
		awk -v s="$start" -v e="$end" 'BEGIN { printf "| runtime | %.0f s |\n", e - s }'
	} | sed 's/^/# /'
fi
# ---- (d) EIO on close and fsync of a report written with export -o ---------
out=$WORK/reports
for only in close fsync write; do
	rm -rf "$out"
	mkdir -p "$out"
	env SCRIBE_DIR="$ROOT" LD_PRELOAD="$LIB" FAULT_PATH="$out" FAULT_MODE=errno FAULT_ONLY="$only" FAULT_AT=1 \
		FAULT_ERRNO=EIO \
		"$SCRIBE" export "$id" -o "$out/report.md" >"$WORK/f.out" 2>"$WORK/f.err"
	st=$?
	if [ "$st" = 74 ] && grep -q "Input/output error" "$WORK/f.err" && [ -z "$(ls -A "$out")" ]; then
		pass "export -o, EIO on $only: exit 74, says why, no report and no temp file left"
	else
		fail "export -o, EIO on $only: exit $st, $(cat "$WORK/f.err"), left: $(ls -A "$out" | tr '\n' ' ')"
	fi
done

done_testing
