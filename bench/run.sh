#!/bin/bash
# The benchmarks of scribe: figures, not tests (`make bench`, never part
# of `make check`).  Prints one table per section on stdout, then the
# targets met or not.  Needs SCRIBE (the binary) and GEN (bench/gen);
# python3 for the full-screen figures; hyperfine, GNU time and valgrind
# are used when installed.  Takes a few minutes on a 2-core machine.
#
# Knobs for a quicker look (defaults are the real figures):
#   BENCH_SIZES="1000 10000 100000"   incident sizes for sections b and c
#   BENCH_CG_SIZES="1000 100000"      sizes for callgrind (section d; empty: none)
#   BENCH_LIVE_SIZES="1000 100000"    sizes for the live latency (e; empty: none)
#   BENCH_LOG_RUNS=200                runs of `scribe log` (a)
#   BENCH_KEEP=1                      keep the work folder
# shellcheck shell=bash

set -u
: "${SCRIBE:?SCRIBE must name the scribe binary (make bench sets it)}"
: "${GEN:?GEN must name bench/gen (make bench sets it)}"
: "${srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"

SIZES=${BENCH_SIZES-"1000 10000 100000"}
CG_SIZES=${BENCH_CG_SIZES-"1000 100000"}
LIVE_SIZES=${BENCH_LIVE_SIZES-"1000 100000"}
LOG_RUNS=${BENCH_LOG_RUNS:-200}
JOURNALS=4		# journal files per generated incident
TYPED=200		# characters typed for the bytes-per-key figure
CG_KEYS=100		# characters typed under callgrind
HARNESS="$srcdir/bench/ptyharness.py"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/scribe-bench.XXXXXX") || exit 1
# shellcheck disable=SC2317  # called by the trap
cleanup() {
	[ -n "${BENCH_KEEP:-}" ] && { echo "(work folder kept: $WORK)"; return; }
	rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
export HOME="$WORK/home" XDG_DATA_HOME="$WORK/home/.local/share" \
	XDG_CONFIG_HOME="$WORK/home/.config" XDG_STATE_HOME="$WORK/home/.local/state"
export SCRIBE_DIR="$WORK/shared" SCRIBE_AUTHOR=bench TZ=UTC LANG=C.UTF-8 LC_ALL=C.UTF-8
unset NO_COLOR VISUAL EDITOR
mkdir -p "$HOME"

have() { command -v "$1" >/dev/null 2>&1; }
HAVE_PY=; have python3 && HAVE_PY=1
GNU_TIME=; [ -x /usr/bin/time ] && /usr/bin/time -f '%e %M' true >/dev/null 2>&1 && GNU_TIME=/usr/bin/time

# ---- helpers ----------------------------------------------------------

# stats FILE: "median p99 min max" of the numbers in FILE (one a line);
# p99 by nearest rank.
stats() {
	sort -g "$1" | awk '{ v[NR] = $1 } END {
		if (!NR) { print "nan nan nan nan"; exit }
		m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
		r = int(0.99 * NR); if (r < 0.99 * NR) r++; if (r < 1) r = 1
		printf "%.2f %.2f %.2f %.2f\n", m, v[r], v[1], v[NR] }'
}

# calc EXPR: awk arithmetic, printed with the format in CALC_FMT
calc() { awk "BEGIN { printf \"${CALC_FMT:-%.2f}\", ($1) }"; }

# A line of the summary: target met or not.
TARGETS=()
target() {	# target DESCRIPTION FIGURE OK(0/1)
	TARGETS+=("$(printf '%-58s %-22s %s' "$1" "$2" "$([ "$3" = 1 ] && echo met || echo 'NOT MET')")")
}

rule() { printf '%s\n' "-------------------------------------------------------------------------------"; }
title() { echo; echo "== $* =="; }

# kv KEY FILE: the value of KEY=... in a harness output
kv() { sed -n "s/^$1=//p" "$2" | head -n1; }

# gen N: a fresh incident of N events; sets ID, prints nothing
declare -A IDS GEN_S
gen() {
	local n=$1 s e
	s=$(date +%s%N)
	ID=$("$GEN" "$SCRIBE_DIR" "$n" "$JOURNALS") || { echo "bench: gen $n failed" >&2; exit 1; }
	e=$(date +%s%N)
	IDS[$n]=$ID
	GEN_S[$n]=$(CALC_FMT=%.2f calc "($e - $s) / 1e9")
}

# measure CMD...: runs CMD once (stdout to /dev/null); sets
# M_S (wall seconds) and M_MB (peak RSS in MB, or n/a), M_RC
measure() {
	local tf="$WORK/time.out"
	if [ -n "$GNU_TIME" ]; then
		"$GNU_TIME" -o "$tf" -f '%e %M' "$@" >/dev/null 2>"$WORK/cmd.err"
		M_RC=$?
		read -r M_S M_KB <"$tf"
		M_MB=$(CALC_FMT=%.1f calc "$M_KB * 1024 / 1e6")
	else
		local TIMEFORMAT=%R
		M_S=$({ time "$@" >/dev/null 2>"$WORK/cmd.err"; } 2>&1)
		M_RC=$?
		M_MB=n/a
	fi
}

# A fresh drafts folder for each full-screen run, so that what one run
# leaves typed never comes back in the next.
# a private state and an empty cache: every open is a cold one
fresh_state() { XDG_STATE_HOME="$WORK/state.$1" XDG_CACHE_HOME="$WORK/cache.$1"; export XDG_STATE_HOME XDG_CACHE_HOME; }

# ---- the machine --------------------------------------------------------

title "machine"
printf '%-14s %s\n' "cpus (nproc)" "$(nproc)"
printf '%-14s %s\n' "model" "$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1)"
printf '%-14s %s\n' "kernel" "$(uname -srm)"
printf '%-14s %s\n' "memory" "$(awk '/^MemTotal/ { printf "%.1f GB", $2 * 1024 / 1e9 }' /proc/meminfo)"
printf '%-14s %s\n' "scribe" "$("$SCRIBE" --version 2>/dev/null | head -n1)"
printf '%-14s %s\n' "date" "$(date -u '+%Y-%m-%d %H:%M UTC')"
printf '%-14s %s\n' "load average" "$(cut -d' ' -f1-3 /proc/loadavg) (a shared machine: figures vary with it)"
printf '%-14s %s\n' "files in" "$WORK ($(df -PT "$WORK" | awk 'NR == 2 { print $2 }'), page cache warm)"
printf '%-14s %s\n' "tools" "hyperfine: $(have hyperfine && hyperfine --version | cut -d' ' -f2 || echo no); GNU time: $([ -n "$GNU_TIME" ] && echo yes || echo 'no (apt-get install time)'); valgrind: $(have valgrind && valgrind --version || echo no); python3: $([ -n "$HAVE_PY" ] && python3 -c 'import sys; print(sys.version.split()[0])' || echo no)"

# ---- a. scribe log ------------------------------------------------------

title "a. scribe log: start to durable exit ($LOG_RUNS runs on one incident, ms)"
LOG_ID=$("$SCRIBE" new "Bench log latency" --severity 3) || { echo "bench: scribe new failed" >&2; exit 1; }
: >"$WORK/log.ms"
if have hyperfine && [ -n "$HAVE_PY" ]; then
	how="hyperfine -N, 5 warm-up runs"
	hyperfine -N --style none --warmup 5 --runs "$LOG_RUNS" --export-json "$WORK/log.json" \
		"$SCRIBE log $LOG_ID --kind action bench entry written by scribe log" >/dev/null 2>"$WORK/hf.err" ||
		{ echo "bench: hyperfine failed:"; cat "$WORK/hf.err"; }
	python3 -c 'import json, sys
for t in json.load(open(sys.argv[1]))["results"][0]["times"]: print("%.4f" % (t * 1000))' \
		"$WORK/log.json" >"$WORK/log.ms" 2>/dev/null
else
	how="shell loop, EPOCHREALTIME"
	for ((i = 0; i < LOG_RUNS; i++)); do
		s=${EPOCHREALTIME/[.,]/}
		"$SCRIBE" log "$LOG_ID" --kind action bench entry written by scribe log >/dev/null
		e=${EPOCHREALTIME/[.,]/}
		echo "$(( e - s ))" | awk '{ printf "%.4f\n", $1 / 1000 }' >>"$WORK/log.ms"
	done
fi
read -r LOG_MED LOG_P99 LOG_MIN LOG_MAX < <(stats "$WORK/log.ms")
rule
printf '%-26s %10s %10s %10s %10s\n' "runs" "median ms" "p99 ms" "min ms" "max ms"
rule
printf '%-26s %10s %10s %10s %10s\n' "$(wc -l <"$WORK/log.ms")" "$LOG_MED" "$LOG_P99" "$LOG_MIN" "$LOG_MAX"
rule
echo "(timed with $how.  Each run is a writing session of"
echo " its own: a new journal, one fsync of the file and one of the folder.  The"
echo " incident grows by one event and one journal per run)"
target "a. scribe log median < 20 ms" "$LOG_MED ms" "$(CALC_FMT=%d calc "$LOG_MED < 20")"

# ---- b. commands on large incidents -------------------------------------

title "b. commands on large incidents: wall time and peak RSS (one run each)"
rule
printf '%-9s %-8s %-34s %8s %10s\n' "events" "gen s" "command" "wall s" "peak MB"
rule
for n in $SIZES; do
	gen "$n"
	id=${IDS[$n]}
	first=1
	for c in show export "export --format yaml" check "log"; do
		read -ra args <<<"$c"
		case $c in
		log) args=(log "$id" --kind note one more event on a large incident) ;;
		*) args=("${args[@]}" "$id") ;;
		esac
		measure "$SCRIBE" "${args[@]}"
		[ "$M_RC" = 0 ] || { M_S="$M_S (exit $M_RC)"; sed 's/^/    /' "$WORK/cmd.err" | head -3 >&2; }
		printf '%-9s %-8s %-34s %8s %10s\n' "$([ $first = 1 ] && echo "$n")" \
			"$([ $first = 1 ] && echo "${GEN_S[$n]}")" "scribe $([ "$c" = export ] && echo "export (markdown)" || echo "$c") ID" \
			"$M_S" "$M_MB"
		first=0
		if [ "$n" = 100000 ]; then
			case $c in
			export)
				target "b. export (markdown) of 100,000 events < 1 s" "$M_S s" "$(CALC_FMT=%d calc "$M_S < 1")"
				[ "$M_MB" != n/a ] &&
					target "b. export (markdown) of 100,000 events < 200 MB" "$M_MB MB" "$(CALC_FMT=%d calc "$M_MB < 200")"
				;;
			"export --format yaml")
				target "b. export --format yaml of 100,000 events < 1 s" "$M_S s" "$(CALC_FMT=%d calc "$M_S < 1")"
				[ "$M_MB" != n/a ] &&
					target "b. export --format yaml of 100,000 events < 200 MB" "$M_MB MB" "$(CALC_FMT=%d calc "$M_MB < 200")"
				;;
			esac
		fi
	done
done
rule
echo "(gen s: generating the incident, $JOURNALS journals; MB = 10^6 bytes of peak RSS${GNU_TIME:+ from /usr/bin/time}"
echo " show runs first and cold: it parses the YAML and writes the private cache of large"
echo " journals; export reads that cache, as every later run on this machine would; check"
echo " never uses it"
[ -z "$GNU_TIME" ] && echo " GNU time is missing (Debian package 'time'): wall time from bash, no memory"
echo " files: $(du -sh "$SCRIBE_DIR" | cut -f1) in all)"

# ---- c. the full-screen program: first screen, bytes per key ------------

title "c. scribe open ID at 80x24 in a pty (TERM=screen-256color)"
if [ -z "$HAVE_PY" ]; then
	echo "skipped: python3 is needed for the pty harness"
else
	rule
	printf '%-9s %9s %9s %13s %7s %10s %7s %8s %8s\n' "events" "first ms" "all ms" "(3 runs)" "bytes" "bytes/key" \
		"(raw)" "key ms" "key max"
	rule
	for n in $SIZES; do
		id=${IDS[$n]}
		: >"$WORK/c$n.first"
		: >"$WORK/c$n.seen"
		for run in 1 2 3; do
			fresh_state "c$n.$run"
			out="$WORK/c$n.$run.out"
			if [ $run = 1 ]; then
				extra=(--idle-s 2 --keys "$TYPED" --settle-ms 30)
			else
				extra=()
			fi
			python3 "$HARNESS" --expect "$id" --quiet-ms 100 --timeout 120 "${extra[@]}" \
				-- "$SCRIBE" open "$id" >"$out" 2>"$WORK/c$n.$run.err"
			kv first_ms "$out" >>"$WORK/c$n.first"
			kv seen_ms "$out" >>"$WORK/c$n.seen"
		done
		out="$WORK/c$n.1.out"
		if [ -n "$(kv error "$out")" ] || [ -z "$(kv key_bytes "$out")" ]; then
			printf '%-9s failed: %s\n' "$n" "$(kv error "$out") $(head -c 300 "$WORK/c$n.1.err")"
			continue
		fi
		read -r all _ fmin fmax < <(stats "$WORK/c$n.first")
		read -r first _ < <(stats "$WORK/c$n.seen")
		kb=$(kv key_bytes "$out") ks=$(kv key_s "$out") ib=$(kv idle_bytes "$out") is=$(kv idle_s "$out")
		# less the output the ticking clock would have made anyway
		perkey=$(calc "($kb - $ib / $is * $ks) / $TYPED")
		raw=$(calc "$kb / $TYPED")
		printf '%-9s %9s %9s %13s %7s %10s %7s %8s %8s\n' "$n" "$first" "$all" "$(printf '%.0f-%.0f' "$fmin" "$fmax")" \
			"$(kv first_bytes "$out")" "$perkey" "$raw" "$(kv key_ms_med "$out")" "$(kv key_ms_max "$out")"
		[ "$n" = 100000 ] &&
			target "c. first screen of 100,000 events < 1 s" "$first ms" "$(CALC_FMT=%d calc "$first < 1000")"
	done
	rule
	echo "(every run cold: no cache.  first ms: launch to the first screen drawn (the incident"
	echo " id shows); all ms: to the last byte before 100 ms of quiet, when a large incident"
	echo " has also read its older events in the background; medians of 3 runs, the range"
	echo " of all ms after them; bytes: written by then."
	echo " bytes/key: output while $TYPED characters are typed one at a time (each waited"
	echo " for until quiet 30 ms), less what the ticking clock writes when idle (measured"
	echo " over 2 s), / $TYPED; raw: without that correction.  key ms: from a key to its"
	echo " screen update, median and max)"
fi

# ---- d. per-key instructions (callgrind) --------------------------------

title "d. instructions per typed key (valgrind --tool=callgrind)"
declare -A PERKEY
if ! have valgrind || ! have callgrind_control; then
	echo "skipped: valgrind (with callgrind_control) is not installed"
elif [ -z "$HAVE_PY" ]; then
	echo "skipped: python3 is needed for the pty harness"
else
	rule
	printf '%-9s %16s %16s %10s %14s\n' "events" "Ir, $CG_KEYS keys" "Ir, 0 keys" "typing s" "Ir per key"
	rule
	for n in $CG_SIZES; do
		id=${IDS[$n]:-}
		if [ -z "$id" ]; then gen "$n"; id=$ID; fi
		vg=(valgrind --tool=callgrind --instr-atstart=no --log-file="$WORK/cg.log")
		common=(--expect "$id" --quiet-ms 300 --timeout 600 --instr-on --settle-ms 60 --key-timeout 30
			--exit-timeout 300)
		fresh_state "d$n-k"
		python3 "$HARNESS" "${common[@]}" --keys "$CG_KEYS" -- "${vg[@]}" \
			--callgrind-out-file="$WORK/cg.$n.k$CG_KEYS" "$SCRIBE" open "$id" >"$WORK/d$n.k.out" 2>"$WORK/d$n.k.err"
		hold=$(kv key_s "$WORK/d$n.k.out")
		fresh_state "d$n-0"
		python3 "$HARNESS" "${common[@]}" --hold "${hold:-10}" -- "${vg[@]}" \
			--callgrind-out-file="$WORK/cg.$n.k0" "$SCRIBE" open "$id" >"$WORK/d$n.0.out" 2>"$WORK/d$n.0.err"
		ik=$(sed -n 's/^summary: //p' "$WORK/cg.$n.k$CG_KEYS" 2>/dev/null)
		i0=$(sed -n 's/^summary: //p' "$WORK/cg.$n.k0" 2>/dev/null)
		if [ -z "$ik" ] || [ -z "$i0" ]; then
			printf '%-9s failed: %s\n' "$n" "$(cat "$WORK/d$n.k.err" "$WORK/d$n.0.err" | head -c 300)"
			continue
		fi
		PERKEY[$n]=$(CALC_FMT=%.0f calc "($ik - $i0) / $CG_KEYS")
		printf '%-9s %16s %16s %10s %14s\n' "$n" "$ik" "$i0" "$hold" "${PERKEY[$n]}"
	done
	rule
	echo "(instrumentation is switched on once the first screen is drawn (--instr-atstart=no,"
	echo " then callgrind_control -i on), so totals cover typing (each key waited for until"
	echo " the screen is quiet 60 ms), Ctrl-Q and the exit.  The 0-key run stays idle for"
	echo " the same time as the typing took, so clock ticks and periodic reads cancel out."
	echo " Ir per key = (Ir with $CG_KEYS keys - Ir with 0 keys) / $CG_KEYS)"
	if [ -n "${PERKEY[1000]:-}" ] && [ -n "${PERKEY[100000]:-}" ]; then
		ratio=$(calc "${PERKEY[100000]} / ${PERKEY[1000]}")
		ok=$(CALC_FMT=%d calc "${PERKEY[100000]} <= 1.10 * ${PERKEY[1000]} && ${PERKEY[100000]} >= 0.90 * ${PERKEY[1000]}")
		target "d. Ir per key at 100,000 within 10% of 1,000" "x$ratio" "$ok"
	fi
	for n in $CG_SIZES; do
		[ -s "$WORK/cg.$n.k$CG_KEYS" ] || continue
		echo
		echo "top functions (self Ir) of the $n-event run with $CG_KEYS keys (exit included):"
		callgrind_annotate "$WORK/cg.$n.k$CG_KEYS" 2>/dev/null |
			awk '/file:function/ { on = 1; next } on && NF && !/^---/ && n < 8 { print "  " $0; n++ }'
	done
fi

# ---- e. live: another writer's event on screen --------------------------

title "e. live: scribe log from another process to its text on screen (10 runs)"
if [ -z "$HAVE_PY" ]; then
	echo "skipped: python3 is needed for the pty harness"
else
	rule
	printf '%-9s %10s %10s %10s   %s\n' "events" "median ms" "max ms" "min ms" "all runs, ms"
	rule
	for n in $LIVE_SIZES; do
		id=${IDS[$n]:-}
		if [ -z "$id" ]; then gen "$n"; id=$ID; fi
		fresh_state "e$n"
		out="$WORK/e$n.out"
		python3 "$HARNESS" --expect "$id" --quiet-ms 100 --timeout 120 \
			--live-cmd "$SCRIBE log $id" --live-runs 10 -- "$SCRIBE" open "$id" >"$out" 2>"$WORK/e$n.err"
		all=$(kv live_ms "$out")
		if [ -z "$all" ]; then
			printf '%-9s failed: %s\n' "$n" "$(kv error "$out") $(head -c 300 "$WORK/e$n.err")"
			continue
		fi
		tr ',' '\n' <<<"$all" >"$WORK/e$n.ms"
		read -r med _ min max < <(stats "$WORK/e$n.ms")
		printf '%-9s %10s %10s %10s   %s\n' "$n" "$med" "$max" "$min" "$all"
		if grep -q -- '^-1' "$WORK/e$n.ms"; then
			target "e. live event on screen < 1 s ($n events)" "never seen (10 s)" 0
		else
			target "e. live event on screen < 1 s ($n events, max)" "$max ms" "$(CALC_FMT=%d calc "$max < 1000")"
		fi
	done
	rule
	echo "(from the return of 'scribe log ID ...' to the moment its unique word appears"
	echo " in the program's terminal output; the program looks for new records every 250 ms."
	echo " Figures near 0: on screen before the command had quite returned)"
fi

# ---- targets ------------------------------------------------------------

title "targets"
rule
printf '%-58s %-22s %s\n' "target" "figure" ""
rule
for t in "${TARGETS[@]}"; do echo "$t"; done
rule
exit 0
