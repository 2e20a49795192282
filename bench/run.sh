#!/bin/bash
# The benchmarks of scribe: figures, not tests (`make bench`, never part
# of `make check`).  Measures scribe side by side with what a team would
# use instead - vim and nano editing a markdown timeline of the same
# events, less paging it - prints one table per section, the targets met
# or not, and writes the figures into docs/PERFORMANCE.md (between its
# bench:begin and bench:end markers; the prose around them stays).
# Needs SCRIBE (the binary) and GEN (bench/gen); python3 for the
# full-screen figures, with pyte (a terminal emulator) to see when
# scribe's screen stops saying it is loading; vim, nano, less, hyperfine,
# GNU time and valgrind are used when installed (Debian: apt-get install
# vim nano less hyperfine time valgrind python3 python3-pyte).  About 50
# minutes on an idle 2-core machine (see docs/PERFORMANCE.md).
#
# Knobs for a quicker look (defaults are the real figures):
#   BENCH_SIZES="1000 10000 100000 1000000"  incident sizes (b, c, d)
#   BENCH_LAYOUTS="4 per-session per-log"  journal layouts for c: 4
#                                     journals, one per session, one per
#                                     `scribe log` (bench/gen --shape)
#   BENCH_ECHO_SIZES=$BENCH_SIZES     key echo while loading (e)
#   BENCH_TYPE_SIZES="1000 100000"    sizes for typing and saving (f)
#   BENCH_IDLE_SIZES=$BENCH_SIZES     sizes for idling (g)
#   BENCH_CG_SIZES="1000 100000 1000000"  sizes for callgrind (h; empty: none)
#   BENCH_LIVE_SIZES="1000 100000 1000000"  sizes for the live latency (i)
#   BENCH_LOG_RUNS=200                runs of `scribe log` (a)
#   BENCH_IDLE_S=20                   seconds of idling measured (g)
#   BENCH_REPORT=FILE                 where the figures go (empty: nowhere)
#   BENCH_KEEP=1                      keep the work folder
#   BENCH_SHAPES_N, BENCH_VOTES_N, ... section j: see bench/shapes.sh
# shellcheck shell=bash

set -u
: "${SCRIBE:?SCRIBE must name the scribe binary (make bench sets it)}"
: "${GEN:?GEN must name bench/gen (make bench sets it)}"
: "${srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"

SIZES=${BENCH_SIZES-"1000 10000 100000 1000000"}
LAYOUTS=${BENCH_LAYOUTS-"4 per-session per-log"}
ECHO_SIZES=${BENCH_ECHO_SIZES-$SIZES}
TYPE_SIZES=${BENCH_TYPE_SIZES-"1000 100000"}
IDLE_SIZES=${BENCH_IDLE_SIZES-$SIZES}
CG_SIZES=${BENCH_CG_SIZES-"1000 100000 1000000"}
LIVE_SIZES=${BENCH_LIVE_SIZES-"1000 100000 1000000"}
LOG_RUNS=${BENCH_LOG_RUNS:-200}
IDLE_S=${BENCH_IDLE_S:-20}
JOURNALS=4		# journal files per generated incident (layout "4")
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
# a python3 with pyte if there is one (Debian's python3-pyte is for
# /usr/bin/python3, which may not be the first python3 on the PATH)
HAVE_PY='' HAVE_PYTE='' PY=python3
for p in python3 /usr/bin/python3; do
	have "$p" || continue
	[ -n "$HAVE_PY" ] || { HAVE_PY=1 PY=$p; }
	if "$p" -c 'import pyte' 2>/dev/null; then HAVE_PYTE=1 PY=$p; break; fi
done
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
	TARGETS+=("$(printf '%-70s %-26s %s' "$1" "$2" "$([ "$3" = 1 ] && echo met || echo 'not met')")")
}

rule() { printf '%s\n' "-------------------------------------------------------------------------------"; }
title() { echo; echo "== $* =="; }

# kv KEY FILE: the value of KEY=... in a harness output
kv() { sed -n "s/^$1=//p" "$2" | head -n1; }

# gen N [LAYOUT]: an incident of N events (once per N and layout: 4,
# JOURNALS journals; ongoing, the same not yet mitigated nor resolved, so
# that its clock runs on the screen; per-session or per-log, bench/gen
# --shape) in IDS[N,LAYOUT]; prints nothing
declare -A IDS GEN_S TEXT_BYTES CMDS FILES
gen() {
	local n=$1 lay=${2:-4} s e args
	[ -n "${IDS[$n,$lay]:-}" ] && return
	case $lay in
	4) args=("$JOURNALS") ;;
	ongoing) args=("$JOURNALS" --ongoing) ;;	# 4 journals, neither mitigated nor resolved
	*) args=(--shape "$lay") ;;
	esac
	s=$(date +%s%N)
	ID=$("$GEN" "$SCRIBE_DIR" "$n" "${args[@]}" 2>"$WORK/gen.err") || { echo "bench: gen $n $lay failed" >&2; exit 1; }
	e=$(date +%s%N)
	IDS[$n,$lay]=$ID
	[ "$lay" = 4 ] && TEXT_BYTES[$n]=$(sed -n 's/^text_bytes=//p' "$WORK/gen.err")
	GEN_S[$n,$lay]=$(CALC_FMT=%.2f calc "($e - $s) / 1e9")
	FILES[$n,$lay]=$(find "$SCRIBE_DIR/$ID" -maxdepth 1 -name '*.yaml' | wc -l)
}
layout_name() {	# layout_name LAYOUT N: "4 journals", "per-log (50)"...
	case $1 in
	4) echo "$JOURNALS journals" ;;
	ongoing) echo "$JOURNALS journals, ongoing" ;;
	*) echo "$1 (${FILES[$2,$1]:-?})" ;;
	esac
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

START_LOAD=$(cut -d' ' -f1-3 /proc/loadavg)
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
printf '%-14s %s\n' "tools" "hyperfine: $(have hyperfine && hyperfine --version | cut -d' ' -f2 || echo no); GNU time: $([ -n "$GNU_TIME" ] && echo yes || echo 'no (apt-get install time)'); valgrind: $(have valgrind && valgrind --version || echo no); python3: $([ -n "$HAVE_PY" ] && "$PY" -c 'import sys; print(sys.version.split()[0])' || echo no); pyte: $([ -n "$HAVE_PYTE" ] && echo yes || echo 'no (apt-get install python3-pyte)')"

# ---- a. scribe log ------------------------------------------------------

title "a. scribe log: start to durable exit ($LOG_RUNS runs on one incident, ms)"
LOG_ID=$("$SCRIBE" new "Bench log latency" --severity 3) || { echo "bench: scribe new failed" >&2; exit 1; }
: >"$WORK/log.ms"
if have hyperfine && [ -n "$HAVE_PY" ]; then
	how="hyperfine -N, 5 warm-up runs"
	hyperfine -N --style none --warmup 5 --runs "$LOG_RUNS" --export-json "$WORK/log.json" \
		"$SCRIBE log $LOG_ID --kind action bench entry written by scribe log" >/dev/null 2>"$WORK/hf.err" ||
		{ echo "bench: hyperfine failed:"; cat "$WORK/hf.err"; }
	"$PY" -c 'import json, sys
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
	gen "$n" 4
	id=${IDS[$n,4]}
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
			"$([ $first = 1 ] && echo "${GEN_S[$n,4]}")" "scribe $([ "$c" = export ] && echo "export (markdown)" || echo "$c") ID" \
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
# vim -u NONE, nano -I and less: what a team would use instead.  Each
# opens where scribe does, at the newest events (the end of the file):
# vim +, nano +-1, less +G.

# Each tool: the command, the text its first screen ends with, the keys
# that quit it, the keys that put it in a state to type at the end, and
# how it saves (keys before the save key, the text that says it saved,
# keys after).  T_LOADED: for scribe, the text its screen shows until the
# whole incident is in memory ("loading older events: N KiB to go" on the
# status line, "(loading)" on the durations line); the others have read
# everything by their first screen.
tool_cmd() {	# tool_cmd TOOL SIZE [LAYOUT]: sets CMD (array) and the T_* strings
	local md="$WORK/md.$2/timeline.md"
	T_PREP='' T_QUIT='\x11' T_SBEFORE='' T_SEXPECT='' T_SAFTER='' T_LOADED=''
	case $1 in
	scribe) CMD=("$SCRIBE" open "${IDS[$2,${3:-4}]}") T_EXPECT=saved T_LOADED=loading ;;	# the status line's save state: the id is not on an 80x24 first screen
	vim) CMD=(vim -u NONE -i NONE + "$md") T_EXPECT='lines, ' T_QUIT='\x1b:qa!\r' T_PREP='o'
		T_SBEFORE='\x1b:w' T_SEXPECT=written T_SAFTER='o' ;;
	nano) CMD=(nano -I +-1 "$md") T_EXPECT='lines ]' T_QUIT='\x18n' T_PREP='\x1b/'
		T_SBEFORE='\x0f' T_SEXPECT=Wrote ;;
	less) CMD=(less +G "$md") T_EXPECT='(END)' T_QUIT='q' ;;
	esac
}
tool_name() { case $1 in vim) echo "vim +" ;; nano) echo "nano +-1" ;; less) echo "less +G" ;; *) echo "$1" ;; esac; }
TOOLS=(scribe)
for t in vim nano less; do have "$t" && TOOLS+=("$t"); done
declare -A FS FSMB LD LDKB KEYB KEYMS SAVEMS IDLEB IDLEC IR LIVE LIVEMAX LIVEB LIVECMD TEXTB ECHO_MED ECHO_MAX ECHO_N ECHO_MISS

# harness TOOL SIZE OUT [options...]: one run of TOOL on SIZE (in the
# 4-journal layout, or HLAYOUT) in a pty
harness() {
	local tool=$1 n=$2 out=$3
	shift 3
	tool_cmd "$tool" "$n" "${HLAYOUT:-4}"
	[ "$tool" = scribe ] && fresh_state "$tool.$n.$RANDOM"
	(cd "$WORK/md.$n" && LESSHISTFILE=- "$PY" "$HARNESS" --expect "$T_EXPECT" --quit "$T_QUIT" "$@" \
		-- "${CMD[@]}") >"$out" 2>"$out.err"
}

# md SIZE: the markdown timeline of incident SIZE (a fresh copy: editors
# write to it)
md() {
	mkdir -p "$WORK/md.$1"
	if [ ! -s "$WORK/md.$1.orig" ]; then
		"$SCRIBE" export "${IDS[$1,4]}" -o "$WORK/md.$1.orig" 2>/dev/null ||
			{ echo "bench: export of $1 failed" >&2; exit 1; }
	fi
	rm -f "$WORK/md.$1/".*.swp
	cp "$WORK/md.$1.orig" "$WORK/md.$1/timeline.md"
}

# ok EXPR: 1 if the awk expression holds, else 0
ok() { CALC_FMT=%d calc "($1) ? 1 : 0"; }
# okf FIGURES EXPR: 0 if a figure failed (not a number), else ok EXPR
okf() { [[ $1 == *failed* || $1 == *n/a* ]] && { echo 0; return; }; ok "$2"; }
FAILS=()
unit() { [ "$1" = failed ] && echo failed || echo "$1 $2"; }	# unit FIGURE UNIT

title "c. open to the newest events: first screen and fully loaded (cold, medians of 3 runs)"
if [ -z "$HAVE_PY" ]; then
	echo "skipped: python3 is needed for the pty harness"
elif [ -z "$HAVE_PYTE" ]; then
	echo "skipped: pyte is needed to see when scribe has loaded everything (apt-get install python3-pyte)"
else
	rule
	printf '%-8s %-7s %-13s' "events" "size" "journals"
	for t in "${TOOLS[@]}"; do printf ' %21s' "$(tool_name "$t")"; done
	echo
	printf '%-8s %-7s %-13s' "" "" ""
	for t in "${TOOLS[@]}"; do printf ' %21s' "first/loaded ms, MB"; done
	echo
	rule
	for n in $SIZES; do
		for lay in $LAYOUTS; do gen "$n" "$lay"; done
		md "$n"
		for geom in 80x24 200x50; do
			for lay in $LAYOUTS; do
				printf '%-8s %-7s %-13s' "$n" "$geom" "$(layout_name "$lay" "$n")"
				for t in "${TOOLS[@]}"; do
					if [ "$t" != scribe ] && [ "$lay" != 4 ]; then
						printf ' %21s' "(same file)"
						continue
					fi
					: >"$WORK/fs.ms"; : >"$WORK/fs.kb"; : >"$WORK/ld.ms"; : >"$WORK/ld.kb"
					tool_cmd "$t" "$n" "$lay"
					fail=
					for _ in 1 2 3; do
						md "$n"
						if [ "$t" = scribe ]; then
							HLAYOUT=$lay harness "$t" "$n" "$WORK/fs.out" --cols "${geom%x*}" --rows "${geom#*x}" \
								--rss --loaded-gone "$T_LOADED" --quiet-ms 100 --timeout 300 \
								--loaded-timeout 1800 --exit-timeout 120
						else
							harness "$t" "$n" "$WORK/fs.out" --cols "${geom%x*}" --rows "${geom#*x}" --first-only --rss \
								--timeout 300 --exit-timeout 120
						fi
						if [ -n "$(kv error "$WORK/fs.out")" ] || [ -z "$(kv seen_ms "$WORK/fs.out")" ]; then
							fail=1
							FAILS+=("c. $t, $n events, $(layout_name "$lay" "$n"), $geom: $(kv error "$WORK/fs.out"): $(head -c 200 "$WORK/fs.out.err" | tr -d '\r' | tr '\n' ' ')")
							break
						fi
						kv seen_ms "$WORK/fs.out" >>"$WORK/fs.ms"
						kv first_hwm_kb "$WORK/fs.out" >>"$WORK/fs.kb"
						if [ "$t" = scribe ]; then
							kv loaded_ms "$WORK/fs.out" >>"$WORK/ld.ms"
							kv loaded_rss_kb "$WORK/fs.out" >>"$WORK/ld.kb"
						else	# their first screen is everything read
							kv seen_ms "$WORK/fs.out" >>"$WORK/ld.ms"
							kv first_rss_kb "$WORK/fs.out" >>"$WORK/ld.kb"
						fi
					done
					if [ -n "$fail" ]; then
						printf ' %21s' "failed"
						continue
					fi
					k="$t,$n,$geom,$lay"
					read -r FS[$k] _ < <(stats "$WORK/fs.ms")
					read -r kb _ < <(stats "$WORK/fs.kb")
					FSMB[$k]=$(CALC_FMT=%.1f calc "$kb * 1024 / 1e6")
					read -r LD[$k] _ < <(stats "$WORK/ld.ms")
					read -r LDKB[$k] _ < <(stats "$WORK/ld.kb")
					printf ' %21s' "$(printf '%.1f/%.1f, %s' "${FS[$k]}" "${LD[$k]}" "${FSMB[$k]}")"
				done
				echo
			done
		done
	done
	rule
	for f in "${FAILS[@]}"; do echo "failed: $f"; done
	echo "(first: launch to the read that brings the text the first screen ends with:"
	echo " scribe's status line (its save state), vim's \"N lines, M bytes\", nano's"
	echo " \"[ Read N lines ]\", less's \"(END)\"; every tool at the newest events: scribe"
	echo " opens there, vim +, nano +-1 and less +G go to the last line.  loaded: scribe,"
	echo " the read after which its screen (emulated with pyte) no longer shows \"loading\""
	echo " anywhere (status line \"loading older events: N KiB to go\", durations line"
	echo " \"(loading)\"): every event in memory; vim, nano and less +G read the whole file"
	echo " before their first screen, so their loaded figure is their first screen.  scribe"
	echo " cold (no cache, fresh state) every run.  MB: peak resident memory at the first"
	echo " screen (VmHWM), 10^6 bytes.  journals: 4, as generated by bench/gen; per-session"
	echo " and per-log, the same events as real writers leave them (bench/gen --shape"
	echo " per-session, per-log: one journal per session or per 'scribe log', packed by the"
	echo " packer's own rule as the end of each session does).  vim, nano and less read the"
	echo " same markdown in every layout)"
	for n in $SIZES; do
		for lay in $LAYOUTS; do
			for g in 80x24 200x50; do
				f=${FS[scribe,$n,$g,$lay]:-failed}
				case $n in
				100000) target "c. first screen, 100,000 events, $(layout_name "$lay" "$n"), $g < 500 ms" "$(unit "$f" ms)" "$(okf "$f" "$f < 500")" ;;
				1000000) target "c. first screen, 1,000,000 events, $(layout_name "$lay" "$n"), $g < 5 s" "$(unit "$f" ms)" "$(okf "$f" "$f < 5000")" ;;
				esac
			done
			case $n in
			100000 | 1000000)
				f=${LD[scribe,$n,80x24,$lay]:-failed} v=${LD[vim,$n,80x24,4]:-failed}
				target "c. fully loaded, $n events, $(layout_name "$lay" "$n"), <= vim +" "$f vs $v ms" \
					"$(okf "$f$v" "$f <= $v")"
				;;
			esac
		done
	done
fi

title "d. memory once everything is loaded (80x24, 4 journals; resident MB, median of the 3 runs of c)"
declare -A PEREV
if [ -n "$HAVE_PYTE" ]; then
	rule
	printf '%-9s' "events"
	for t in "${TOOLS[@]}"; do printf ' %12s' "$(tool_name "$t")"; done
	printf ' %16s\n' "text bytes/event"
	rule
	for n in $SIZES; do
		printf '%-9s' "$n"
		for t in "${TOOLS[@]}"; do
			printf ' %12s' "$(CALC_FMT=%.1f calc "${LDKB[$t,$n,80x24,4]:-0} * 1024 / 1e6")"
		done
		TEXTB[$n]=$(CALC_FMT=%.0f calc "${TEXT_BYTES[$n]:-0} / $n")
		printf ' %16s\n' "${TEXTB[$n]}"
	done
	rule
	echo "(VmRSS at the read that showed everything loaded: for scribe, the read after which"
	echo " its screen no longer says loading; for vim +, nano +-1 and less +G, their first"
	echo " screen.  text bytes/event: the events' own text, UTF-8)"
	lo=${SIZES%% *} hi=${SIZES##* }
	if [ "$lo" != "$hi" ]; then
		printf '%-28s' "bytes per event ($lo to $hi)"
		for t in "${TOOLS[@]}"; do
			[ -n "${LDKB[$t,$hi,80x24,4]:-}" ] && [ -n "${LDKB[$t,$lo,80x24,4]:-}" ] || continue
			PEREV[$t]=$(CALC_FMT=%.0f calc "(${LDKB[$t,$hi,80x24,4]} - ${LDKB[$t,$lo,80x24,4]}) * 1024 / ($hi - $lo)")
			printf ' %s %s' "$(tool_name "$t")" "${PEREV[$t]}"
		done
		echo
		if [ -n "${PEREV[scribe]:-}" ]; then
			target "d. memory per event loaded <= 128 B + its text ($lo to $hi)" \
				"${PEREV[scribe]} B (text ${TEXTB[$hi]})" "$(ok "${PEREV[scribe]} <= 128 + ${TEXTB[$hi]}")"
		else
			target "d. memory per event loaded <= 128 B + its text ($lo to $hi)" "failed" 0
		fi
	fi
fi

title "e. key echo while loading (scribe, 80x24, 4 journals, cold; one run each)"
if [ -z "$HAVE_PYTE" ]; then
	echo "skipped: pyte is needed (apt-get install python3-pyte)"
else
	rule
	printf '%-9s %8s %8s %12s %12s %12s\n' "events" "keys" "missed" "median ms" "max ms" "load ms"
	rule
	for n in $ECHO_SIZES; do
		gen "$n" 4
		md "$n"
		harness scribe "$n" "$WORK/e.out" --loaded-gone loading --echo-during-load --key-timeout 10 \
			--quiet-ms 100 --timeout 300 --loaded-timeout 1800 --exit-timeout 120
		if [ -n "$(kv error "$WORK/e.out")" ]; then
			printf '%-9s failed: %s\n' "$n" "$(kv error "$WORK/e.out") $(head -c 200 "$WORK/e.out.err" | tr -d '\r')"
			target "e. key echo while loading $n events, max <= 50 ms" "failed" 0
			continue
		fi
		ECHO_N[$n]=$(kv echo_keys "$WORK/e.out") ECHO_MISS[$n]=$(kv echo_missed "$WORK/e.out")
		ECHO_MED[$n]=$(kv echo_ms_med "$WORK/e.out") ECHO_MAX[$n]=$(kv echo_ms_max "$WORK/e.out")
		printf '%-9s %8s %8s %12s %12s %12s\n' "$n" "${ECHO_N[$n]}" "${ECHO_MISS[$n]}" "${ECHO_MED[$n]}" \
			"${ECHO_MAX[$n]}" "$(kv loaded_ms "$WORK/e.out")"
		if [ "${ECHO_N[$n]:-0}" -gt 0 ]; then
			target "e. key echo while loading $n events, max <= 50 ms" \
				"${ECHO_MAX[$n]} ms ($((ECHO_MISS[$n])) missed)" \
				"$(ok "${ECHO_MISS[$n]} == 0 && ${ECHO_MAX[$n]} <= 50")"
		fi
	done
	rule
	echo "(from the first screen until the screen no longer says loading: words of unique"
	echo " letters typed one key at a time, 20 to 100 ms apart, each key timed from its"
	echo " write to the pty to the read after which the emulated screen shows it; each word"
	echo " erased again (not timed).  missed: not shown within 10 s.  load ms: launch to"
	echo " loaded in this run, keys and all)"
fi

title "f. typing and saving at 80x24, once fully loaded"
if [ -n "$HAVE_PY" ]; then
	rule
	printf '%-9s %-9s %12s %12s %10s %10s\n' "events" "tool" "B/key xterm" "B/key screen" "key ms" "save ms"
	rule
	for n in $TYPE_SIZES; do
		gen "$n" 4
		gen "$n" ongoing
		for t in "${TOOLS[@]}"; do
			[ "$t" = less ] && continue
			for term in xterm-256color screen-256color; do
				md "$n"
				tool_cmd "$t" "$n"
				extra=()
				[ -n "$T_LOADED" ] && [ -n "$HAVE_PYTE" ] && extra=(--loaded-gone "$T_LOADED" --loaded-timeout 1800)
				HLAYOUT=ongoing harness "$t" "$n" "$WORK/ty.$term" --term "$term" --prep "$T_PREP" --keys "$TYPED" \
					--settle-ms 30 --save-runs 5 --save-before "$T_SBEFORE" --save-expect "$T_SEXPECT" \
					--save-after "$T_SAFTER" --timeout 300 --quiet-ms 300 "${extra[@]}"
			done
			out="$WORK/ty.xterm-256color"
			if [ -n "$(kv error "$out")$(kv error "$WORK/ty.screen-256color")" ]; then
				printf '%-9s %-9s failed: %s\n' "$n" "$t" "$(kv error "$out") $(head -c 200 "$out.err" | tr -d '\r')"
				[ "$t" = scribe ] && target "f. bytes per typed character <= vim's ($n)" "failed" 0
				continue
			fi
			KEYB[$t,$n,xterm]=$(calc "$(kv key_bytes "$out") / $TYPED")
			KEYB[$t,$n,screen]=$(calc "$(kv key_bytes "$WORK/ty.screen-256color") / $TYPED")
			KEYMS[$t,$n]=$(kv key_ms_med "$out")
			tr ',' '\n' <<<"$(kv save_ms "$out")" >"$WORK/save.ms"
			read -r SAVEMS[$t,$n] _ < <(stats "$WORK/save.ms")
			printf '%-9s %-9s %12s %12s %10s %10s\n' "$n" "$(tool_name "$t")" "${KEYB[$t,$n,xterm]}" \
				"${KEYB[$t,$n,screen]}" "${KEYMS[$t,$n]}" "${SAVEMS[$t,$n]}"
		done
	done
	rule
	echo "(B/key: every byte written to the terminal while $TYPED characters are typed at the"
	echo " end of the timeline, one at a time, each waited for until the screen is quiet"
	echo " 30 ms, / $TYPED: nothing subtracted (the clock's ticks in that time are in it), under"
	echo " TERM=xterm-256color and TERM=screen-256color, one run each.  key ms: key to the"
	echo " screen settled, median, xterm run.  save ms: from the key that saves (scribe:"
	echo " Enter, a durable append; vim: :w<Enter>, which rewrites and fsyncs the file; nano:"
	echo " ^O<Enter>, which rewrites it) to the screen saying so, median of 5.  scribe types"
	echo " once its screen no longer says loading, into an ongoing incident (neither"
	echo " mitigated nor resolved, bench/gen --ongoing), whose clock runs on its screen)"
	for n in $TYPE_SIZES; do
		for term in xterm screen; do
			if [ -n "${KEYB[scribe,$n,$term]:-}" ] && [ -n "${KEYB[vim,$n,$term]:-}" ]; then
				target "f. bytes per typed character <= vim's ($n, $term)" \
					"${KEYB[scribe,$n,$term]} vs ${KEYB[vim,$n,$term]}" \
					"$(ok "${KEYB[scribe,$n,$term]} <= ${KEYB[vim,$n,$term]}")"
			fi
		done
	done
fi

title "g. idle, once fully loaded ($IDLE_S s at 80x24, xterm-256color)"
if [ -n "$HAVE_PY" ]; then
	rule
	printf '%-9s' "events"
	for t in "${TOOLS[@]}"; do printf ' %20s' "$(tool_name "$t") B/s, ms/min"; done
	echo
	rule
	for n in $IDLE_SIZES; do
		gen "$n" 4
		gen "$n" ongoing
		printf '%-9s' "$n"
		for t in "${TOOLS[@]}"; do
			md "$n"
			tool_cmd "$t" "$n"
			extra=()
			[ -n "$T_LOADED" ] && [ -n "$HAVE_PYTE" ] && extra=(--loaded-gone "$T_LOADED" --loaded-timeout 1800)
			HLAYOUT=ongoing harness "$t" "$n" "$WORK/id.out" --term xterm-256color --idle-s "$IDLE_S" --quiet-ms 300 \
				--timeout 300 "${extra[@]}"
			if [ -n "$(kv error "$WORK/id.out")" ] || [ -z "$(kv idle_s "$WORK/id.out")" ]; then
				printf ' %20s' "failed"
				[ "$t" = scribe ] && target "g. idle output <= 20 B/s ($n events)" "failed" 0
				continue
			fi
			ib=$(kv idle_bytes "$WORK/id.out") is=$(kv idle_s "$WORK/id.out") ic=$(kv idle_cpu_ms "$WORK/id.out")
			IDLEB[$t,$n]=$(calc "$ib / $is")
			IDLEC[$t,$n]=$(calc "$ic / $is * 60")
			printf ' %20s' "${IDLEB[$t,$n]}, ${IDLEC[$t,$n]}"
		done
		echo
	done
	rule
	echo "(scribe on an ongoing incident (neither mitigated nor resolved: its clock runs on"
	echo " the screen, as during an outage; bench/gen --ongoing), the others on the markdown."
	echo " Once fully loaded (scribe: its screen no longer says loading) and quiet 300 ms:"
	echo " $IDLE_S s with nothing typed; bytes written to the terminal per second, and CPU"
	echo " time from /proc/PID/schedstat per minute)"
	for n in $IDLE_SIZES; do
		[ -n "${IDLEB[scribe,$n]:-}" ] &&
			target "g. idle output <= 20 B/s ($n events)" "${IDLEB[scribe,$n]} B/s" "$(ok "${IDLEB[scribe,$n]} <= 20")"
	done
	lo=${IDLE_SIZES%% *} hi=${IDLE_SIZES##* }
	if [ "$lo" != "$hi" ]; then
		a=${IDLEC[scribe,$hi]:-failed} b=${IDLEC[scribe,$lo]:-failed}
		target "g. idle CPU at $hi the same as at $lo (within 10%)" "$a vs $b ms/min" "$(okf "$a$b" "$a <= 1.10 * $b")"
	fi
fi

title "h. instructions per typed key (valgrind --tool=callgrind), once fully loaded"
if ! have valgrind || ! have callgrind_control || [ -z "$HAVE_PY" ]; then
	echo "skipped: valgrind (with callgrind_control) and python3 are needed"
else
	rule
	printf '%-9s %-9s %16s %16s %10s %14s\n' "events" "tool" "Ir, $CG_KEYS keys" "Ir, 0 keys" "typing s" "Ir per key"
	rule
	for n in $CG_SIZES; do
		gen "$n" 4
		for t in "${TOOLS[@]}"; do
			[ "$t" = less ] && continue
			vg=(valgrind --tool=callgrind --instr-atstart=no --log-file="$WORK/cg.log")
			tool_cmd "$t" "$n"
			common=(--expect "$T_EXPECT" --quit "$T_QUIT" --prep "$T_PREP" --quiet-ms 300 --timeout 900
				--instr-on --settle-ms 60 --key-timeout 30 --exit-timeout 600)
			[ -n "$T_LOADED" ] && [ -n "$HAVE_PYTE" ] && common+=(--loaded-gone "$T_LOADED" --loaded-timeout 3600)
			md "$n"
			fresh_state "h$t$n-k"
			(cd "$WORK/md.$n" && LESSHISTFILE=- "$PY" "$HARNESS" "${common[@]}" --keys "$CG_KEYS" -- "${vg[@]}" \
				--callgrind-out-file="$WORK/cg.$t.$n.k" "${CMD[@]}") >"$WORK/h.k.out" 2>"$WORK/h.k.err"
			hold=$(kv key_s "$WORK/h.k.out")
			md "$n"
			fresh_state "h$t$n-0"
			(cd "$WORK/md.$n" && LESSHISTFILE=- "$PY" "$HARNESS" "${common[@]}" --hold "${hold:-10}" -- "${vg[@]}" \
				--callgrind-out-file="$WORK/cg.$t.$n.0" "${CMD[@]}") >"$WORK/h.0.out" 2>"$WORK/h.0.err"
			ik=$(sed -n 's/^summary: //p' "$WORK/cg.$t.$n.k" 2>/dev/null)
			i0=$(sed -n 's/^summary: //p' "$WORK/cg.$t.$n.0" 2>/dev/null)
			if [ -z "$ik" ] || [ -z "$i0" ]; then
				printf '%-9s %-9s failed: %s\n' "$n" "$t" "$(cat "$WORK/h.k.err" "$WORK/h.0.err" | head -c 300)"
				[ "$t" = scribe ] && target "h. instructions per typed key <= 30,000 ($n events)" "failed" 0
				continue
			fi
			IR[$t,$n]=$(CALC_FMT=%.0f calc "($ik - $i0) / $CG_KEYS")
			printf '%-9s %-9s %16s %16s %10s %14s\n' "$n" "$(tool_name "$t")" "$ik" "$i0" "$hold" "${IR[$t,$n]}"
		done
	done
	rule
	echo "(instrumentation starts once the first screen is drawn and, for scribe, once its"
	echo " screen no longer says loading (callgrind_control -i on); the 0-key run idles as"
	echo " long as the typing took, so clock ticks and the exit cancel out.  Ir per key ="
	echo " (Ir with $CG_KEYS keys - Ir with 0 keys) / $CG_KEYS)"
	irmin='' irmax=''
	for n in $CG_SIZES; do
		[ -n "${IR[scribe,$n]:-}" ] || continue
		target "h. instructions per typed key <= 30,000 ($n events)" "${IR[scribe,$n]}" "$(ok "${IR[scribe,$n]} <= 30000")"
		if [ -z "$irmin" ] || [ "${IR[scribe,$n]}" -lt "$irmin" ]; then irmin=${IR[scribe,$n]}; fi
		if [ -z "$irmax" ] || [ "${IR[scribe,$n]}" -gt "$irmax" ]; then irmax=${IR[scribe,$n]}; fi
	done
	lo=${CG_SIZES%% *} hi=${CG_SIZES##* }
	if [ "$lo" != "$hi" ] && [ -z "$irmin" ]; then
		target "h. instructions per key flat, $lo to $hi (max within 10% of min)" "failed" 0
	elif [ "$lo" != "$hi" ]; then
		target "h. instructions per key flat, $lo to $hi (max within 10% of min)" "$irmin to $irmax" \
			"$(ok "$irmax <= 1.10 * $irmin")"
	fi
fi

title "i. live: another writer's event on screen, once fully loaded (10 runs)"
if [ -n "$HAVE_PY" ]; then
	rule
	printf '%-9s %-9s %10s %10s %10s %12s %12s\n' "events" "tool" "median ms" "max ms" "min ms" "writer ms" "bytes/event"
	rule
	for n in $LIVE_SIZES; do
		for t in scribe less; do
			[ "$t" = less ] && ! have less && continue
			gen "$n" 4
			md "$n"
			if [ "$t" = scribe ]; then
				extra=()
				[ -n "$HAVE_PYTE" ] && extra=(--loaded-gone loading --loaded-timeout 1800)
				harness scribe "$n" "$WORK/i.out" --quiet-ms 500 --timeout 900 --live-runs 10 \
					--live-cmd "$SCRIBE log ${IDS[$n,4]}" "${extra[@]}"
			else
				(cd "$WORK/md.$n" && LESSHISTFILE=- "$PY" "$HARNESS" --expect Waiting --quit '\x03q' \
					--live-append "$WORK/md.$n/timeline.md" --live-runs 10 --timeout 300 \
					-- less +F timeline.md) >"$WORK/i.out" 2>"$WORK/i.out.err"
			fi
			all=$(kv live_ms "$WORK/i.out")
			if [ -z "$all" ]; then
				printf '%-9s %-9s failed: %s\n' "$n" "$t" "$(kv error "$WORK/i.out") $(head -c 200 "$WORK/i.out.err" | tr -d '\r')"
				[ "$t" = scribe ] && target "i. live event on screen < 1 s ($n events)" "failed" 0
				continue
			fi
			tr ',' '\n' <<<"$all" >"$WORK/i.ms"
			read -r med _ min max < <(stats "$WORK/i.ms")
			tr ',' '\n' <<<"$(kv live_cmd_ms "$WORK/i.out")" >"$WORK/i.cmd"
			read -r LIVECMD[$t,$n] _ < <(stats "$WORK/i.cmd")
			LIVE[$t,$n]=$med LIVEMAX[$t,$n]=$max
			LIVEB[$t,$n]=$(CALC_FMT=%.0f calc "$(kv live_bytes "$WORK/i.out") / 10")
			printf '%-9s %-9s %10s %10s %10s %12s %12s\n' "$n" "$([ "$t" = less ] && echo "less +F" || echo "$t")" \
				"$med" "$max" "$min" "${LIVECMD[$t,$n]}" "${LIVEB[$t,$n]}"
			if [ "$t" = scribe ]; then
				if grep -q -- '^-1' "$WORK/i.ms"; then
					target "i. live event on screen < 1 s ($n events)" "never seen (10 s)" 0
				else
					target "i. live event on screen < 1 s ($n events, max)" "$max ms" "$(ok "$max < 1000")"
				fi
			fi
		done
	done
	rule
	echo "(scribe: from just before 'scribe log ID ...' starts to the read that brings its"
	echo " unique word; the program is woken by inotify on the incident folder.  less +F:"
	echo " from just before the file is opened to append a line to the read that brings it."
	echo " Nothing clamped or subtracted.  writer ms: how long the writing command itself"
	echo " took (median).  vim and nano do not show what others add to a file until asked"
	echo " to reload it.  bytes/event: written for it, until the screen is quiet 50 ms)"
fi

# ---- j. hostile shapes --------------------------------------------------

: >"$WORK/shapes.targets"
SCRIBE="$SCRIBE" GEN="$GEN" srcdir="$srcdir" BENCH_REPORT="${BENCH_REPORT-"$srcdir/docs/PERFORMANCE.md"}" \
	BENCH_SHAPES_TARGETS="$WORK/shapes.targets" PY="$PY" bash "$srcdir/bench/shapes.sh"
declare -A SHAPE_RATIO
SHAPE_LABELS=()
while IFS='|' read -r label ratio okay; do
	[ -n "$label" ] || continue
	SHAPE_RATIO[$label]=$ratio
	SHAPE_LABELS+=("$label")
	target "j. hostile shape within 2x of friendly: $label" "x$ratio" "$okay"
done <"$WORK/shapes.targets"

# ---- targets ------------------------------------------------------------

title "targets"
rule
printf '%-70s %-26s %s\n' "target" "figure" ""
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
# figf: the same for what was measured and failed
figf() { local v=${1:-}; [ -n "$v" ] && echo "$v" || echo "failed"; }
met() { [ -z "$2" ] && { echo "-"; return; }; awk "BEGIN { exit !($1) }" && echo "met" || echo "**not met**"; }

report() {
	local n g lay lo hi tgt okv
	echo "<!-- bench:begin (written by bench/run.sh: make bench) -->"
	echo
	echo "Measured $(date -u '+%Y-%m-%d %H:%M UTC') on $(nproc) cores ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1)),"
	echo "$(uname -sr), $(awk '/^MemTotal/ { printf "%.0f GB", $2 * 1024 / 1e9 }' /proc/meminfo) of memory; load average $START_LOAD at the start, $(cut -d' ' -f1-3 /proc/loadavg) at the end."
	echo "scribe $("$SCRIBE" --version | head -n1 | awk '{ print $NF }'), $(vim --version 2>/dev/null | head -n1 | cut -d'(' -f1 | sed 's/ *$//'), $(nano --version 2>/dev/null | head -n1 | sed 's/^ *//'), less $(less --version 2>/dev/null | head -n1 | awk '{ print $2 }')."
	echo "Every tool opens at the newest events (vim +, nano +-1, less +G); \"loaded\": everything in memory."
	echo "Ratio: scribe's figure over the best of the others (below 1: scribe leads)."
	echo
	echo "| metric | scribe | vim + | nano +-1 | less +G | ratio | target | met |"
	echo "|---|---|---|---|---|---|---|---|"
	for n in $SIZES; do
		for lay in $LAYOUTS; do
			for g in 80x24 200x50; do
				tgt="-" okv="-"
				[ "$n" = 100000 ] && tgt="< 500 ms" okv=$(met "${FS[scribe,$n,$g,$lay]:-1e9} < 500" 1)
				[ "$n" = 1000000 ] && tgt="< 5000 ms" okv=$(met "${FS[scribe,$n,$g,$lay]:-1e9} < 5000" 1)
				row "first screen, $n events, $(layout_name "$lay" "$n"), $g (ms)" "$(figf "${FS[scribe,$n,$g,$lay]:-}")" \
					"$(fig "${FS[vim,$n,$g,4]:-}")" "$(fig "${FS[nano,$n,$g,4]:-}")" "$(fig "${FS[less,$n,$g,4]:-}")" "$tgt" "$okv"
			done
		done
	done
	for n in $SIZES; do
		for lay in $LAYOUTS; do
			tgt="-" okv="-"
			case $n in
			100000 | 1000000) tgt="<= vim +" okv=$(met "${LD[scribe,$n,80x24,$lay]:-1e9} <= ${LD[vim,$n,80x24,4]:-0}" 1) ;;
			esac
			row "fully loaded, $n events, $(layout_name "$lay" "$n"), 80x24 (ms)" "$(figf "${LD[scribe,$n,80x24,$lay]:-}")" \
				"$(fig "${LD[vim,$n,80x24,4]:-}")" "$(fig "${LD[nano,$n,80x24,4]:-}")" "$(fig "${LD[less,$n,80x24,4]:-}")" "$tgt" "$okv"
		done
	done
	for n in $SIZES; do
		row "memory at first screen, $n events, 80x24 (MB)" "$(fig "${FSMB[scribe,$n,80x24,4]:-}")" \
			"$(fig "${FSMB[vim,$n,80x24,4]:-}")" "$(fig "${FSMB[nano,$n,80x24,4]:-}")" "$(fig "${FSMB[less,$n,80x24,4]:-}")" "-" "-"
	done
	lo=${SIZES%% *} hi=${SIZES##* }
	if [ -n "${PEREV[scribe]:-}" ]; then
		row "memory per event, all loaded ($lo to $hi events, bytes)" "${PEREV[scribe]}" "$(fig "${PEREV[vim]:-}")" \
			"$(fig "${PEREV[nano]:-}")" "$(fig "${PEREV[less]:-}")" "<= 128 + text (${TEXTB[$hi]})" \
			"$(met "${PEREV[scribe]} <= 128 + ${TEXTB[$hi]}" 1)"
	fi
	for n in $ECHO_SIZES; do
		[ -n "${ECHO_N[$n]:-}" ] || continue
		row "key echo while loading $n events (ms, median / max of ${ECHO_N[$n]} keys, ${ECHO_MISS[$n]} missed)" \
			"$(fig "${ECHO_MED[$n]:-}") / $(fig "${ECHO_MAX[$n]:-}")" "n/a" "n/a" "n/a" "<= 50 max" \
			"$([ "${ECHO_N[$n]}" -gt 0 ] && met "${ECHO_MISS[$n]} == 0 && ${ECHO_MAX[$n]} <= 50" 1 || echo -)"
	done
	for n in $TYPE_SIZES; do
		for term in xterm screen; do
			row "bytes sent per typed character, $n events, $term-256color, raw" "$(fig "${KEYB[scribe,$n,$term]:-}")" \
				"$(fig "${KEYB[vim,$n,$term]:-}")" "$(fig "${KEYB[nano,$n,$term]:-}")" "n/a" "<= vim" \
				"$(met "${KEYB[scribe,$n,$term]:-1e9} <= ${KEYB[vim,$n,$term]:-0}" 1)"
		done
	done
	lo=${CG_SIZES%% *} hi=${CG_SIZES##* }
	for n in $CG_SIZES; do
		row "instructions per typed key, $n events" "$(fig "${IR[scribe,$n]:-}")" "$(fig "${IR[vim,$n]:-}")" \
			"$(fig "${IR[nano,$n]:-}")" "n/a" "<= 30000" "$(met "${IR[scribe,$n]:-1e9} <= 30000" 1)"
	done
	if [ -n "${irmin:-}" ] && [ "$lo" != "$hi" ]; then
		row "instructions per typed key, largest over smallest ($lo to $hi)" "$(calc "$irmax / $irmin")" "-" "-" "n/a" \
			"<= 1.10 (flat)" "$(met "$irmax <= 1.10 * $irmin" 1)"
	fi
	for n in $TYPE_SIZES; do
		row "save: key to saved on screen, $n events (ms)" "$(fig "${SAVEMS[scribe,$n]:-}")" "$(fig "${SAVEMS[vim,$n]:-}")" \
			"$(fig "${SAVEMS[nano,$n]:-}")" "n/a" "-" "-"
	done
	for n in $IDLE_SIZES; do
		row "idle output once loaded, $n events (bytes/s)" "$(fig "${IDLEB[scribe,$n]:-}")" "$(fig "${IDLEB[vim,$n]:-}")" \
			"$(fig "${IDLEB[nano,$n]:-}")" "$(fig "${IDLEB[less,$n]:-}")" "<= 20" "$(met "${IDLEB[scribe,$n]:-1e9} <= 20" 1)"
	done
	lo=${IDLE_SIZES%% *} hi=${IDLE_SIZES##* }
	for n in $IDLE_SIZES; do
		tgt="-" okv="-"
		if [ "$n" = "$hi" ] && [ "$lo" != "$hi" ]; then
			tgt="the same as at $lo (within 10%)"
			okv=$(met "${IDLEC[scribe,$n]:-1e9} <= 1.10 * ${IDLEC[scribe,$lo]:-0}" 1)
		fi
		row "idle CPU once loaded, $n events (ms per minute)" "$(fig "${IDLEC[scribe,$n]:-}")" "$(fig "${IDLEC[vim,$n]:-}")" \
			"$(fig "${IDLEC[nano,$n]:-}")" "$(fig "${IDLEC[less,$n]:-}")" "$tgt" "$okv"
	done
	for n in $LIVE_SIZES; do
		row "live event on screen from the writer's start, $n events (ms, median / max)" \
			"$(fig "${LIVE[scribe,$n]:-}") / $(fig "${LIVEMAX[scribe,$n]:-}")" "never" "never" \
			"$(fig "${LIVE[less,$n]:-}") / $(fig "${LIVEMAX[less,$n]:-}") (less +F)" "< 1000" \
			"$(met "${LIVEMAX[scribe,$n]:-1e9} < 1000" 1)"
	done
	row "scribe log, start to durable exit (ms, median / p99)" "$LOG_MED / $LOG_P99" "n/a" "n/a" "n/a" "< 20 median" \
		"$(met "$LOG_MED < 20" 1)"
	for label in "${SHAPE_LABELS[@]}"; do
		row "hostile shape $label: scribe show, hostile over friendly" "${SHAPE_RATIO[$label]}" "n/a" "n/a" "n/a" \
			"<= 2" "$(met "${SHAPE_RATIO[$label]} <= 2" 1)"
	done
	echo
	echo "Commands (scribe alone: the others have no counterpart), wall seconds / peak MB:"
	echo
	echo "| events | show | export (markdown) | export --format yaml | check |"
	echo "|---|---|---|---|---|"
	for n in $SIZES; do
		echo "| $n | ${CMDS[$n,show]:-} | ${CMDS[$n,export]:-} | ${CMDS[$n,export --format yaml]:-} | ${CMDS[$n,check]:-} |"
	done
	echo
	echo "Journal layouts (bench/gen): files in the incident folder and seconds to generate:"
	echo
	echo "| events |$(for lay in $LAYOUTS; do printf ' %s |' "$lay"; done)"
	echo "|---|$(for lay in $LAYOUTS; do printf -- '---|'; done)"
	for n in $SIZES; do
		echo "| $n |$(for lay in $LAYOUTS; do printf ' %s files, %s s |' "${FILES[$n,$lay]:-?}" "${GEN_S[$n,$lay]:-?}"; done)"
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
