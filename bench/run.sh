#!/bin/bash
# The benchmarks of scribe: figures, not tests (`make bench`, never part
# of `make check`).  Measures scribe side by side with what a team would
# use instead - vim and nano editing a markdown timeline of the same
# events, less paging it - prints one table per section, the targets met
# or not, and writes the figures into docs/PERFORMANCE.md (between its
# bench:begin and bench:end markers; the prose around them stays).
# Needs SCRIBE (the binary) and GEN (bench/gen); python3 for the
# full-screen figures; vim, nano, less, hyperfine, GNU time and valgrind
# are used when installed (Debian: apt-get install vim nano less
# hyperfine time valgrind).  About 15 minutes on a 2-core machine.
#
# Knobs for a quicker look (defaults are the real figures):
#   BENCH_SIZES="1000 10000 100000 1000000"  incident sizes (b, c, d)
#   BENCH_TYPE_SIZES="1000 100000"    sizes for typing, saving, idling (e)
#   BENCH_CG_SIZES="1000 100000"      sizes for callgrind (f; empty: none)
#   BENCH_LIVE_SIZES="1000 100000 1000000"  sizes for the live latency (g)
#   BENCH_LOG_RUNS=200                runs of `scribe log` (a)
#   BENCH_IDLE_S=20                   seconds of idling measured (e)
#   BENCH_REPORT=FILE                 where the figures go (empty: nowhere)
#   BENCH_KEEP=1                      keep the work folder
#   BENCH_SHAPES_N, BENCH_VOTES_N, ... section h: see bench/shapes.sh
# shellcheck shell=bash

set -u
: "${SCRIBE:?SCRIBE must name the scribe binary (make bench sets it)}"
: "${GEN:?GEN must name bench/gen (make bench sets it)}"
: "${srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"

SIZES=${BENCH_SIZES-"1000 10000 100000 1000000"}
TYPE_SIZES=${BENCH_TYPE_SIZES-"1000 100000"}
CG_SIZES=${BENCH_CG_SIZES-"1000 100000"}
LIVE_SIZES=${BENCH_LIVE_SIZES-"1000 100000 1000000"}
LOG_RUNS=${BENCH_LOG_RUNS:-200}
IDLE_S=${BENCH_IDLE_S:-20}
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
declare -A IDS GEN_S TEXT_BYTES CMDS
gen() {
	local n=$1 s e
	s=$(date +%s%N)
	ID=$("$GEN" "$SCRIBE_DIR" "$n" "$JOURNALS" 2>"$WORK/gen.err") || { echo "bench: gen $n failed" >&2; exit 1; }
	e=$(date +%s%N)
	IDS[$n]=$ID
	TEXT_BYTES[$n]=$(sed -n 's/^text_bytes=//p' "$WORK/gen.err")
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

# measure3 CMD...: measure, three times: M_S the median wall time, M_MB
# the largest peak (one run on a shared machine varies by a third)
measure3() {
	local s=() mb=0 i
	for i in 1 2 3; do
		measure "$@"
		[ "$M_RC" = 0 ] || return
		s+=("$M_S")
		[ "$M_MB" = n/a ] || mb=$(awk "BEGIN { print ($M_MB > $mb) ? $M_MB : $mb }")
	done
	M_S=$(printf '%s\n' "${s[@]}" | sort -g | sed -n 2p)
	[ "$M_MB" = n/a ] || M_MB=$mb
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
printf '%-14s %s\n' "compared with" "$(have vim && vim --version | head -n1 | cut -d'(' -f1 | sed 's/ *$//' || echo 'no vim'); $(have nano && nano --version | head -n1 | sed 's/^ *//' || echo 'no nano'); $(have less && less --version | head -n1 || echo 'no less')"
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

title "b. commands on large incidents: wall time and peak RSS"
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
		if [ "$c" = show ] || [ "$c" = log ]; then
			measure "$SCRIBE" "${args[@]}"	# show: the cold run, once
		else
			measure3 "$SCRIBE" "${args[@]}"
		fi
		[ "$M_RC" = 0 ] || { M_S="$M_S (exit $M_RC)"; sed 's/^/    /' "$WORK/cmd.err" | head -3 >&2; }
		CMDS[$n,$c]="$M_S / $M_MB"
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
echo " show runs first, once and cold: it parses the YAML and writes the private cache of"
echo " large journals; export reads that cache, as every later run on this machine would;"
echo " check never uses it.  export and check: the median of 3 runs, the largest peak"
[ -z "$GNU_TIME" ] && echo " GNU time is missing (Debian package 'time'): wall time from bash, no memory"
echo " files: $(du -sh "$SCRIBE_DIR" | cut -f1) in all)"

# ---- side by side: scribe, vim, nano, less ----------------------------
#
# The same events as a markdown timeline (scribe's own export), opened in
# vim -u NONE, nano -I and less: what a team would use instead.

# Each tool: the command, the text its first screen ends with, the keys
# that quit it, the keys that put it in a state to type at the end, and
# how it saves (keys before the save key, the text that says it saved,
# keys after).
tool_cmd() {	# tool_cmd TOOL SIZE: sets CMD (array) and the T_* strings
	local md="$WORK/md.$2/timeline.md"
	T_PREP='' T_QUIT='\x11' T_SBEFORE='' T_SEXPECT='' T_SAFTER='' T_ENV=()
	case $1 in
	scribe) CMD=("$SCRIBE" open "${IDS[$2]}") T_EXPECT=saved ;;	# the status line's save state: the id is not on an 80x24 first screen
	vim) CMD=(vim -u NONE -i NONE "$md") T_EXPECT='lines, ' T_QUIT='\x1b:qa!\r' T_PREP='Go'
		T_SBEFORE='\x1b:w' T_SEXPECT=written T_SAFTER='o' ;;
	nano) CMD=(nano -I "$md") T_EXPECT='lines ]' T_QUIT='\x18n' T_PREP='\x1b/'
		T_SBEFORE='\x0f' T_SEXPECT=Wrote ;;
	less) CMD=(less "$md") T_EXPECT=timeline.md T_QUIT='q' ;;
	esac
}
TOOLS=(scribe)
for t in vim nano less; do have "$t" && TOOLS+=("$t"); done
declare -A FS FSMB LOADED_KB KEYB SAVEMS IDLEB IDLEC IR LIVE LIVEMAX LIVEB TEXTB

# harness TOOL SIZE OUT [options...]: one run of TOOL on SIZE in a pty
harness() {
	local tool=$1 n=$2 out=$3
	shift 3
	tool_cmd "$tool" "$n"
	[ "$tool" = scribe ] && fresh_state "$tool.$n.$RANDOM"
	(cd "$WORK/md.$n" && LESSHISTFILE=- python3 "$HARNESS" --expect "$T_EXPECT" --quit "$T_QUIT" "$@" \
		-- "${CMD[@]}") >"$out" 2>"$out.err"
}

# md SIZE: the markdown timeline of incident SIZE (a fresh copy: editors
# write to it)
md() {
	mkdir -p "$WORK/md.$1"
	if [ ! -s "$WORK/md.$1.orig" ]; then
		"$SCRIBE" export "${IDS[$1]}" -o "$WORK/md.$1.orig" 2>/dev/null ||
			{ echo "bench: export of $1 failed" >&2; exit 1; }
	fi
	rm -f "$WORK/md.$1/".*.swp
	cp "$WORK/md.$1.orig" "$WORK/md.$1/timeline.md"
}

title "c. open to the first full screen (cold, medians of 3 runs; peak memory then)"
if [ -z "$HAVE_PY" ]; then
	echo "skipped: python3 is needed for the pty harness"
else
	rule
	printf '%-9s %-8s' "events" "size"
	for t in "${TOOLS[@]}"; do printf ' %17s' "$t ms / MB"; done
	echo
	rule
	for n in $SIZES; do
		[ -n "${IDS[$n]:-}" ] || gen "$n"
		md "$n"
		for geom in 80x24 200x50; do
			printf '%-9s %-8s' "$n" "$geom"
			for t in "${TOOLS[@]}"; do
				: >"$WORK/fs.ms"
				: >"$WORK/fs.kb"
				for run in 1 2 3; do
					md "$n"
					harness "$t" "$n" "$WORK/fs.out" --cols "${geom%x*}" --rows "${geom#*x}" --first-only --rss \
						--timeout 300 --exit-timeout 120
					kv seen_ms "$WORK/fs.out" >>"$WORK/fs.ms"
					kv first_hwm_kb "$WORK/fs.out" >>"$WORK/fs.kb"
				done
				if [ -n "$(kv error "$WORK/fs.out")" ] || ! [ -s "$WORK/fs.ms" ]; then
					printf ' %17s' "failed"
					head -c 300 "$WORK/fs.out.err" >&2
					continue
				fi
				read -r ms _ < <(stats "$WORK/fs.ms")
				read -r kb _ < <(stats "$WORK/fs.kb")
				FS[$t,$n,$geom]=$ms
				FSMB[$t,$n,$geom]=$(CALC_FMT=%.1f calc "$kb * 1024 / 1e6")
				printf ' %17s' "$(printf '%.1f / %s' "$ms" "${FSMB[$t,$n,$geom]}")"
			done
			echo
		done
	done
	rule
	echo "(launch to the read that brings the text the first screen ends with: scribe's"
	echo " status line, vim's \"N lines, M bytes\", nano's \"[ Read N lines ]\", less's prompt."
	echo " scribe runs cold (no cache) and shows the newest events, reading older ones"
	echo " afterwards; vim and nano read the whole file first; less reads what it shows."
	echo " MB: the process's peak resident memory at that moment (VmHWM), 10^6 bytes)"
	for g in 80x24 200x50; do
		[ -n "${FS[scribe,100000,$g]:-}" ] &&
			target "c. first screen of 100,000 events < 0.5 s ($g)" "${FS[scribe,100000,$g]} ms" \
				"$(CALC_FMT=%d calc "${FS[scribe,100000,$g]} < 500")"
		[ -n "${FS[scribe,1000000,$g]:-}" ] &&
			target "c. first screen of 1,000,000 events < 5 s ($g)" "${FS[scribe,1000000,$g]} ms" \
				"$(CALC_FMT=%d calc "${FS[scribe,1000000,$g]} < 5000")"
	done
fi

title "d. memory once everything is loaded (one run each, resident MB)"
if [ -n "$HAVE_PY" ]; then
	rule
	printf '%-9s' "events"
	for t in "${TOOLS[@]}"; do printf ' %12s' "$t"; done
	printf ' %16s\n' "text bytes/event"
	rule
	for n in $SIZES; do
		md "$n"
		printf '%-9s' "$n"
		for t in "${TOOLS[@]}"; do
			extra=()
			[ "$t" = less ] && extra=(--prep G)	# to the end: what less then holds
			harness "$t" "$n" "$WORK/ld.out" --rss --quiet-ms 500 --timeout 900 --exit-timeout 120 "${extra[@]}"
			kb=$(kv loaded_rss_kb "$WORK/ld.out")
			[ "$t" = less ] && kb=$(kv hwm_kb "$WORK/ld.out")
			LOADED_KB[$t,$n]=${kb:--1}
			printf ' %12s' "$(CALC_FMT=%.1f calc "${kb:-0} * 1024 / 1e6")"
		done
		TEXTB[$n]=$(CALC_FMT=%.0f calc "${TEXT_BYTES[$n]:-0} / $n")
		printf ' %16s\n' "${TEXTB[$n]}"
	done
	rule
	echo "(scribe: after the last older event is read and the screen is quiet 0.5 s;"
	echo " vim and nano: once the file is shown; less: after G (the end) - it keeps only"
	echo " what it shows.  text bytes/event: the events' own text, UTF-8)"
	declare -A PEREV
	lo=${SIZES%% *} hi=${SIZES##* }
	if [ "$lo" != "$hi" ]; then
		printf '%-28s' "bytes per event ($lo to $hi)"
		for t in "${TOOLS[@]}"; do
			PEREV[$t]=$(CALC_FMT=%.0f calc "(${LOADED_KB[$t,$hi]} - ${LOADED_KB[$t,$lo]}) * 1024 / ($hi - $lo)")
			printf ' %10s' "${PEREV[$t]}"
		done
		echo
		target "d. memory per event < 1 KiB + its text ($hi events)" "${PEREV[scribe]} B (text ${TEXTB[$hi]})" \
			"$(CALC_FMT=%d calc "${PEREV[scribe]} < 1024 + ${TEXTB[$hi]}")"
	fi
fi

title "e. typing, saving and idling at 80x24"
if [ -n "$HAVE_PY" ]; then
	rule
	printf '%-9s %-7s %10s %8s %10s %10s %12s\n' "events" "tool" "bytes/key" "(raw)" "key ms" "save ms" "idle B/s"
	rule
	for n in $TYPE_SIZES; do
		for t in "${TOOLS[@]}"; do
			md "$n"
			tool_cmd "$t" "$n"
			if [ "$t" = less ]; then
				harness less "$n" "$WORK/ty.out" --idle-s "$IDLE_S" --timeout 300
			else
				harness "$t" "$n" "$WORK/ty.out" --prep "$T_PREP" --idle-s "$IDLE_S" --keys "$TYPED" \
					--settle-ms 30 --save-runs 5 --save-before "$T_SBEFORE" --save-expect "$T_SEXPECT" \
					--save-after "$T_SAFTER" --timeout 300 --quiet-ms 300
			fi
			out="$WORK/ty.out"
			if [ -n "$(kv error "$out")" ]; then
				printf '%-9s %-7s failed: %s\n' "$n" "$t" "$(kv error "$out") $(head -c 200 "$out.err")"
				continue
			fi
			ib=$(kv idle_bytes "$out") is=$(kv idle_s "$out") ic=$(kv idle_cpu_ms "$out")
			IDLEB[$t,$n]=$(calc "$ib / $is")
			IDLEC[$t,$n]=$(calc "$ic / $is * 60")
			if [ "$t" != less ]; then
				kb=$(kv key_bytes "$out") ks=$(kv key_s "$out")
				KEYB[$t,$n]=$(calc "($kb - $ib / $is * $ks) / $TYPED")
				tr ',' '\n' <<<"$(kv save_ms "$out")" >"$WORK/save.ms"
				read -r SAVEMS[$t,$n] _ < <(stats "$WORK/save.ms")
				printf '%-9s %-7s %10s %8s %10s %10s %12s\n' "$n" "$t" "${KEYB[$t,$n]}" \
					"$(calc "$kb / $TYPED")" "$(kv key_ms_med "$out")" "${SAVEMS[$t,$n]}" "${IDLEB[$t,$n]}"
			else
				printf '%-9s %-7s %10s %8s %10s %10s %12s\n' "$n" "$t" - - - - "${IDLEB[$t,$n]}"
			fi
		done
	done
	rule
	printf '%-28s' "idle CPU ms per minute"
	for t in "${TOOLS[@]}"; do printf ' %s %s' "$t" "${IDLEC[$t,${TYPE_SIZES%% *}]:-?}"; done
	echo
	echo "(bytes/key: written while $TYPED characters are typed at the end of the timeline, one"
	echo " at a time, each waited for until the screen is quiet 30 ms, less what the program"
	echo " writes when idle, / $TYPED; raw: without that correction.  save ms: from the key that"
	echo " saves (scribe: Enter, a durable append; vim: :w<Enter>, which rewrites and fsyncs"
	echo " the file; nano: ^O<Enter>, which rewrites it) to the screen saying so, median of 5."
	echo " idle: ${IDLE_S} s with nothing typed; CPU from /proc/PID/schedstat)"
	n1=${TYPE_SIZES%% *}
	if [ -n "${KEYB[scribe,$n1]:-}" ] && [ -n "${KEYB[vim,$n1]:-}" ]; then
		target "e. bytes per typed character <= vim's" "${KEYB[scribe,$n1]} vs ${KEYB[vim,$n1]}" \
			"$(CALC_FMT=%d calc "${KEYB[scribe,$n1]} <= ${KEYB[vim,$n1]}")"
	fi
	[ -n "${IDLEB[scribe,$n1]:-}" ] &&
		target "e. idle output < 50 bytes/s (clock ticking)" "${IDLEB[scribe,$n1]} B/s" \
			"$(CALC_FMT=%d calc "${IDLEB[scribe,$n1]} < 50")"
fi

title "f. instructions per typed key (valgrind --tool=callgrind)"
if ! have valgrind || ! have callgrind_control || [ -z "$HAVE_PY" ]; then
	echo "skipped: valgrind (with callgrind_control) and python3 are needed"
else
	rule
	printf '%-9s %-7s %16s %16s %10s %14s\n' "events" "tool" "Ir, $CG_KEYS keys" "Ir, 0 keys" "typing s" "Ir per key"
	rule
	for n in $CG_SIZES; do
		for t in "${TOOLS[@]}"; do
			[ "$t" = less ] && continue
			[ -n "${IDS[$n]:-}" ] || gen "$n"
			vg=(valgrind --tool=callgrind --instr-atstart=no --log-file="$WORK/cg.log")
			tool_cmd "$t" "$n"
			common=(--expect "$T_EXPECT" --quit "$T_QUIT" --prep "$T_PREP" --quiet-ms 300 --timeout 900
				--instr-on --settle-ms 60 --key-timeout 30 --exit-timeout 600)
			md "$n"
			fresh_state "f$t$n-k"
			(cd "$WORK/md.$n" && LESSHISTFILE=- python3 "$HARNESS" "${common[@]}" --keys "$CG_KEYS" -- "${vg[@]}" \
				--callgrind-out-file="$WORK/cg.$t.$n.k" "${CMD[@]}") >"$WORK/f.k.out" 2>"$WORK/f.k.err"
			hold=$(kv key_s "$WORK/f.k.out")
			md "$n"
			fresh_state "f$t$n-0"
			(cd "$WORK/md.$n" && LESSHISTFILE=- python3 "$HARNESS" "${common[@]}" --hold "${hold:-10}" -- "${vg[@]}" \
				--callgrind-out-file="$WORK/cg.$t.$n.0" "${CMD[@]}") >"$WORK/f.0.out" 2>"$WORK/f.0.err"
			ik=$(sed -n 's/^summary: //p' "$WORK/cg.$t.$n.k" 2>/dev/null)
			i0=$(sed -n 's/^summary: //p' "$WORK/cg.$t.$n.0" 2>/dev/null)
			if [ -z "$ik" ] || [ -z "$i0" ]; then
				printf '%-9s %-7s failed: %s\n' "$n" "$t" "$(cat "$WORK/f.k.err" "$WORK/f.0.err" | head -c 300)"
				continue
			fi
			IR[$t,$n]=$(CALC_FMT=%.0f calc "($ik - $i0) / $CG_KEYS")
			printf '%-9s %-7s %16s %16s %10s %14s\n' "$n" "$t" "$ik" "$i0" "$hold" "${IR[$t,$n]}"
		done
	done
	rule
	echo "(instrumentation starts once the first screen is drawn (callgrind_control -i on);"
	echo " the 0-key run idles as long as the typing took, so clock ticks and the exit"
	echo " cancel out.  Ir per key = (Ir with $CG_KEYS keys - Ir with 0 keys) / $CG_KEYS)"
	lo=${CG_SIZES%% *} hi=${CG_SIZES##* }
	if [ -n "${IR[scribe,$lo]:-}" ] && [ -n "${IR[scribe,$hi]:-}" ] && [ "$lo" != "$hi" ]; then
		ratio=$(calc "${IR[scribe,$hi]} / ${IR[scribe,$lo]}")
		target "f. Ir per key at $hi within 10% of $lo" "x$ratio" \
			"$(CALC_FMT=%d calc "$ratio <= 1.10 && $ratio >= 0.90")"
	fi
fi

title "g. live: another writer's event on screen (10 runs)"
if [ -n "$HAVE_PY" ]; then
	rule
	printf '%-9s %-9s %10s %10s %10s %12s\n' "events" "tool" "median ms" "max ms" "min ms" "bytes/event"
	rule
	for n in $LIVE_SIZES; do
		for t in scribe less; do
			[ "$t" = less ] && ! have less && continue
			[ -n "${IDS[$n]:-}" ] || gen "$n"
			md "$n"
			if [ "$t" = scribe ]; then
				harness scribe "$n" "$WORK/g.out" --quiet-ms 500 --timeout 900 --live-runs 10 \
					--live-cmd "$SCRIBE log ${IDS[$n]}"
			else
				(cd "$WORK/md.$n" && LESSHISTFILE=- python3 "$HARNESS" --expect Waiting --quit '\x03q' \
					--live-append "$WORK/md.$n/timeline.md" --live-runs 10 --timeout 300 \
					-- less +F timeline.md) >"$WORK/g.out" 2>"$WORK/g.out.err"
			fi
			all=$(kv live_ms "$WORK/g.out")
			if [ -z "$all" ]; then
				printf '%-9s %-9s failed: %s\n' "$n" "$t" "$(kv error "$WORK/g.out") $(head -c 200 "$WORK/g.out.err")"
				continue
			fi
			tr ',' '\n' <<<"$all" >"$WORK/g.ms"
			read -r med _ min max < <(stats "$WORK/g.ms")
			LIVE[$t,$n]=$med LIVEMAX[$t,$n]=$max
			LIVEB[$t,$n]=$(CALC_FMT=%.0f calc "$(kv live_bytes "$WORK/g.out") / 10")
			[ "$t" = less ] && t="less +F"
			printf '%-9s %-9s %10s %10s %10s %12s\n' "$n" "$t" "$med" "$max" "$min" "${LIVEB[${t%% *},$n]}"
			if [ "$t" = scribe ]; then
				if grep -q -- '^-1' "$WORK/g.ms"; then
					target "g. live event on screen < 1 s ($n events)" "never seen (10 s)" 0
				else
					target "g. live event on screen < 1 s ($n events, max)" "$max ms" \
						"$(CALC_FMT=%d calc "$max < 1000")"
				fi
			fi
		done
	done
	rule
	echo "(scribe: from the return of 'scribe log ID ...' to its unique word in the program's"
	echo " output; the program is woken by inotify on the incident folder.  less +F: from"
	echo " appending a line to the file to its showing.  vim and nano do not show what"
	echo " others add to a file until asked to reload it.  bytes/event: written for it,"
	echo " until the screen is quiet 50 ms)"
fi

# ---- h. hostile shapes --------------------------------------------------

SCRIBE="$SCRIBE" GEN="$GEN" srcdir="$srcdir" BENCH_REPORT="${BENCH_REPORT-"$srcdir/docs/PERFORMANCE.md"}" \
	bash "$srcdir/bench/shapes.sh"

# ---- targets ------------------------------------------------------------

title "targets"
rule
printf '%-58s %-22s %s\n' "target" "figure" ""
rule
for t in "${TARGETS[@]}"; do echo "$t"; done
rule

# ---- docs/PERFORMANCE.md ------------------------------------------------

# the lowest figure above 0 among the other tools (for ratios)
ratio_to_best() {	# ratio_to_best SCRIBE_FIGURE FIGURE...: "x0.12" or "-"
	local s=$1 best=
	shift
	for f in "$@"; do
		[[ $f =~ ^[0-9.]+$ ]] || continue
		awk "BEGIN { exit !($f > 0) }" || continue	# nothing to compare with
		if [ -z "$best" ] || awk "BEGIN { exit !($f < $best) }"; then best=$f; fi
	done
	if [ -z "$best" ] || ! [[ $s =~ ^[0-9.]+$ ]] || awk "BEGIN { exit !($best == 0) }"; then echo "-"; return; fi
	echo "x$(calc "$s / $best")"
}
# row METRIC SCRIBE VIM NANO LESS TARGET MET
row() { printf '| %s | %s | %s | %s | %s | %s | %s | %s |\n' "$1" "$2" "$3" "$4" "$5" \
	"$(ratio_to_best "$2" "$3" "$4" "$5")" "$6" "$7"; }
fig() { local v=${1:-}; [ -n "$v" ] && echo "$v" || echo "n/a"; }
met() { [ -z "$2" ] && { echo "-"; return; }; awk "BEGIN { exit !($1) }" && echo "met" || echo "**not met**"; }

report() {
	echo "<!-- bench:begin (written by bench/run.sh: make bench) -->"
	echo
	echo "Measured $(date -u '+%Y-%m-%d %H:%M UTC') on $(nproc) cores ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1)),"
	echo "$(uname -sr), $(awk '/^MemTotal/ { printf "%.0f GB", $2 * 1024 / 1e9 }' /proc/meminfo) of memory; load average $(cut -d' ' -f1-3 /proc/loadavg) at the start."
	echo "scribe $("$SCRIBE" --version | head -n1 | awk '{ print $NF }'), $(vim --version 2>/dev/null | head -n1 | cut -d'(' -f1 | sed 's/ *$//'), $(nano --version 2>/dev/null | head -n1 | sed 's/^ *//'), less $(less --version 2>/dev/null | head -n1 | awk '{ print $2 }')."
	echo "Ratio: scribe's figure over the best of the others (below 1: scribe leads)."
	echo
	echo "| metric | scribe | vim | nano | less | ratio | target | met |"
	echo "|---|---|---|---|---|---|---|---|"
	for n in $SIZES; do
		for g in 80x24 200x50; do
			local tgt="-" ok=""
			[ "$n" = 100000 ] && tgt="< 500 ms" ok=$(met "${FS[scribe,$n,$g]:-1e9} < 500" 1)
			[ "$n" = 1000000 ] && tgt="< 5000 ms" ok=$(met "${FS[scribe,$n,$g]:-1e9} < 5000" 1)
			row "first screen, $n events, $g (ms)" "$(fig "${FS[scribe,$n,$g]:-}")" "$(fig "${FS[vim,$n,$g]:-}")" \
				"$(fig "${FS[nano,$n,$g]:-}")" "$(fig "${FS[less,$n,$g]:-}")" "$tgt" "${ok:--}"
		done
	done
	for n in $SIZES; do
		row "memory at first screen, $n events, 80x24 (MB)" "$(fig "${FSMB[scribe,$n,80x24]:-}")" \
			"$(fig "${FSMB[vim,$n,80x24]:-}")" "$(fig "${FSMB[nano,$n,80x24]:-}")" "$(fig "${FSMB[less,$n,80x24]:-}")" "-" "-"
	done
	lo=${SIZES%% *} hi=${SIZES##* }
	if [ -n "${PEREV[scribe]:-}" ]; then
		row "memory per event, all loaded ($lo to $hi events, bytes)" "${PEREV[scribe]}" "$(fig "${PEREV[vim]:-}")" \
			"$(fig "${PEREV[nano]:-}")" "$(fig "${PEREV[less]:-}")" "< 1024 + text (${TEXTB[$hi]})" \
			"$(met "${PEREV[scribe]} < 1024 + ${TEXTB[$hi]}" 1)"
	fi
	for n in $TYPE_SIZES; do
		row "bytes sent per typed character, $n events" "$(fig "${KEYB[scribe,$n]:-}")" "$(fig "${KEYB[vim,$n]:-}")" \
			"$(fig "${KEYB[nano,$n]:-}")" "n/a" "<= vim" "$(met "${KEYB[scribe,$n]:-1e9} <= ${KEYB[vim,$n]:-0}" 1)"
	done
	lo=${CG_SIZES%% *} hi=${CG_SIZES##* }
	for n in $CG_SIZES; do
		local tgt="-" ok="-"
		if [ "$n" = "$hi" ] && [ "$lo" != "$hi" ] && [ -n "${IR[scribe,$lo]:-}" ] && [ -n "${IR[scribe,$n]:-}" ]; then
			tgt="within 10% of $lo (x$(calc "${IR[scribe,$n]} / ${IR[scribe,$lo]}"))"
			ok=$(met "${IR[scribe,$n]} <= 1.10 * ${IR[scribe,$lo]} && ${IR[scribe,$n]} >= 0.90 * ${IR[scribe,$lo]}" 1)
		fi
		row "instructions per typed key, $n events" "$(fig "${IR[scribe,$n]:-}")" "$(fig "${IR[vim,$n]:-}")" \
			"$(fig "${IR[nano,$n]:-}")" "n/a" "$tgt" "$ok"
	done
	for n in $TYPE_SIZES; do
		row "save: key to saved on screen, $n events (ms)" "$(fig "${SAVEMS[scribe,$n]:-}")" "$(fig "${SAVEMS[vim,$n]:-}")" \
			"$(fig "${SAVEMS[nano,$n]:-}")" "n/a" "-" "-"
	done
	n1=${TYPE_SIZES%% *}
	row "idle output, $n1 events (bytes/s)" "$(fig "${IDLEB[scribe,$n1]:-}")" "$(fig "${IDLEB[vim,$n1]:-}")" \
		"$(fig "${IDLEB[nano,$n1]:-}")" "$(fig "${IDLEB[less,$n1]:-}")" "< 50" "$(met "${IDLEB[scribe,$n1]:-1e9} < 50" 1)"
	row "idle CPU, $n1 events (ms per minute)" "$(fig "${IDLEC[scribe,$n1]:-}")" "$(fig "${IDLEC[vim,$n1]:-}")" \
		"$(fig "${IDLEC[nano,$n1]:-}")" "$(fig "${IDLEC[less,$n1]:-}")" "the clock only" "-"
	for n in $LIVE_SIZES; do
		row "live event on screen, $n events (ms, median / max)" \
			"$(fig "${LIVE[scribe,$n]:-}") / $(fig "${LIVEMAX[scribe,$n]:-}")" "never" "never" \
			"$(fig "${LIVE[less,$n]:-}") / $(fig "${LIVEMAX[less,$n]:-}")" "< 1000" \
			"$(met "${LIVEMAX[scribe,$n]:-1e9} < 1000" 1)"
	done
	row "scribe log, start to durable exit (ms, median / p99)" "$LOG_MED / $LOG_P99" "n/a" "n/a" "n/a" "< 20 median" \
		"$(met "$LOG_MED < 20" 1)"
	echo
	echo "Commands (scribe alone: the others have no counterpart), wall seconds / peak MB:"
	echo
	echo "| events | show | export (markdown) | export --format yaml | check |"
	echo "|---|---|---|---|---|"
	for n in $SIZES; do
		echo "| $n | ${CMDS[$n,show]:-} | ${CMDS[$n,export]:-} | ${CMDS[$n,export --format yaml]:-} | ${CMDS[$n,check]:-} |"
	done
	echo
	echo "<!-- bench:end -->"
}

REPORT=${BENCH_REPORT-"$srcdir/docs/PERFORMANCE.md"}
if [ -n "$REPORT" ]; then
	report >"$WORK/report.md"
	if [ -f "$REPORT" ] && grep -q '^<!-- bench:begin' "$REPORT" && grep -q '^<!-- bench:end' "$REPORT"; then
		# the figures between the markers; the prose around them stays
		awk -v f="$WORK/report.md" '
			/^<!-- bench:begin/ { while ((getline l < f) > 0) print l; skip = 1; next }
			/^<!-- bench:end/ { skip = 0; next }
			!skip' "$REPORT" >"$WORK/new.md" && cat "$WORK/new.md" >"$REPORT"
	else
		{ echo "# Performance"; echo; cat "$WORK/report.md"; } >"$REPORT"
	fi
	echo
	echo "(figures written to $REPORT)"
fi
exit 0
