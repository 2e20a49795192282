#!/bin/bash
# Hostile shapes: what reading costs when a writer (hostile, or just
# unlucky) leaves records in the worst shape for the reader, beside the
# same number of bytes in the friendly shape (distinct events, in time
# order, one journal).  Part of `make bench` (section j) and runnable
# alone: `make bench-shapes`.
#
# Each row generates the hostile incident (bench/gen --shape), then a
# friendly one of the same size in bytes (the number of events is
# calibrated on a friendly incident of 10,000 events), and times
# `scribe show ID` on each, alternating, BENCH_SHAPES_RUNS times (default
# 3), cold (an empty private cache each run).  The figure is the median
# wall time; the ratio is hostile over friendly, the target at most 2.
# With BENCH_BEFORE=/path/to/an/older/scribe the older binary is timed
# on the hostile incident too (once, cut at BENCH_BEFORE_TIMEOUT s).
#
# Knobs:
#   BENCH_SHAPES_N=100000      records per shape (events, edits, entities)
#   BENCH_VOTES_N=1000000      votes in the votes row
#   BENCH_JOURNALS_N=10000     journals in the journals row (N events)
#   BENCH_SHAPES="same-base reversed one-entity votes entities journals"
#   BENCH_FIRST_N=100000       events for the first-screen rows (empty: none)
#   BENCH_REPORT=FILE          where the table goes (between shapes:begin
#                              and shapes:end; empty: nowhere)
#   BENCH_SHAPES_TARGETS=FILE  where each row's target goes, for run.sh
#                              ("label|ratio|1 or 0", one a line)
# shellcheck shell=bash

set -u
: "${SCRIBE:?SCRIBE must name the scribe binary}"
: "${GEN:?GEN must name bench/gen}"
: "${srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"

N=${BENCH_SHAPES_N:-100000}
VOTES_N=${BENCH_VOTES_N:-1000000}
JOURNALS_N=${BENCH_JOURNALS_N:-10000}
RUNS=${BENCH_SHAPES_RUNS:-3}
SHAPES=${BENCH_SHAPES-"same-base reversed one-entity votes entities journals"}
BEFORE=${BENCH_BEFORE:-}
BEFORE_TIMEOUT=${BENCH_BEFORE_TIMEOUT:-120}

WORK=$(mktemp -d "${TMPDIR:-/tmp}/scribe-shapes.XXXXXX") || exit 1
# shellcheck disable=SC2317  # called by the trap
cleanup() { [ -n "${BENCH_KEEP:-}" ] && { echo "(work folder kept: $WORK)"; return; }; rm -rf "$WORK"; }
trap cleanup EXIT
trap 'exit 130' INT TERM
export HOME="$WORK/home" XDG_DATA_HOME="$WORK/home/.local/share" XDG_CONFIG_HOME="$WORK/home/.config" \
	XDG_STATE_HOME="$WORK/home/.local/state"
export SCRIBE_DIR="$WORK/shared" SCRIBE_AUTHOR=bench TZ=UTC LANG=C.UTF-8 LC_ALL=C.UTF-8
mkdir -p "$HOME"

calc() { awk "BEGIN { printf \"${CALC_FMT:-%.2f}\", ($1) }"; }
bytes() { du -sb "$SCRIBE_DIR/$1" | cut -f1; }

# wall SECONDS of `scribe show ID`, cold
wall() {	# wall BINARY ID [TIMEOUT]
	local s e
	rm -rf "$WORK/cache"
	s=$(date +%s%N)
	XDG_CACHE_HOME="$WORK/cache" timeout "${3:-600}" "$1" show "$2" >/dev/null 2>&1
	local rc=$?
	e=$(date +%s%N)
	[ $rc = 124 ] && { echo "> $3"; return; }
	# to the 0.1 ms: the ratio is taken from these, not from the rounded
	# seconds shown (at 0.05 s, a hundredth is 20%)
	CALC_FMT=%.4f calc "($e - $s) / 1e9"
}
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# bytes per friendly event, to make friendly twins of a given size
CAL=$("$GEN" "$SCRIBE_DIR" 10000 2>/dev/null) || { echo "shapes: gen failed" >&2; exit 1; }
BPE=$(calc "$(bytes "$CAL") / 10000")
rm -rf "${SCRIBE_DIR:?}/$CAL"

ROWS=()
echo
echo "== j. hostile shapes: scribe show, cold, median of $RUNS (seconds) =="
printf '%-15s %9s %8s %10s %10s %7s %10s %10s\n' shape records MB hostile friendly ratio "within 2x" before
for shape in $SHAPES; do
	case $shape in
	votes) n=$VOTES_N; hid=$("$GEN" "$SCRIBE_DIR" "$n" --shape votes) ;;
	journals) n=$N; hid=$("$GEN" "$SCRIBE_DIR" "$n" "$JOURNALS_N" 2>/dev/null) ;;
	*) n=$N; hid=$("$GEN" "$SCRIBE_DIR" "$n" --shape "$shape") ;;
	esac
	[ -n "$hid" ] || { echo "shapes: gen $shape failed" >&2; continue; }
	hb=$(bytes "$hid")
	if [ "$shape" = journals ]; then
		fn=$n	# the same events in one journal
	else
		fn=$(CALC_FMT=%.0f calc "$hb / $BPE")
	fi
	fid=$("$GEN" "$SCRIBE_DIR" "$fn" 2>/dev/null)
	fb=$(bytes "$fid")
	hs=() fs=()
	for ((r = 0; r < RUNS; r++)); do
		hs+=("$(wall "$SCRIBE" "$hid")")
		fs+=("$(wall "$SCRIBE" "$fid")")
	done
	h=$(median "${hs[@]}") f=$(median "${fs[@]}")
	ratio=$(calc "$h / $f")
	before=-
	[ -n "$BEFORE" ] && before=$(wall "$BEFORE" "$hid" "$BEFORE_TIMEOUT")
	label=$shape
	[ "$shape" = journals ] && label="$JOURNALS_N journals"
	okay=0
	awk "BEGIN { exit !($ratio <= 2) }" && okay=1
	hshow=$(CALC_FMT=%.3f calc "$h") fshow=$(CALC_FMT=%.3f calc "$f")
	printf '%-15s %9s %8s %10s %10s %7s %10s %10s\n' "$label" "$n" "$(calc "$hb / 1e6")" "$hshow" "$fshow" "$ratio" \
		"$([ $okay = 1 ] && echo met || echo 'not met')" "$before"
	ROWS+=("| $label | $n | $(calc "$hb / 1e6") / $(calc "$fb / 1e6") | $hshow | $fshow | $ratio | $([ $okay = 1 ] && echo met || echo '**not met**') | $before |")
	[ -n "${BENCH_SHAPES_TARGETS:-}" ] && echo "$label|$ratio|$okay" >>"$BENCH_SHAPES_TARGETS"
	rm -rf "${SCRIBE_DIR:?}/$hid" "${SCRIBE_DIR:?}/$fid"
done

# ---- first screen against the number of journals -----------------------
#
# The full-screen program's first screen (80x24, cold, bench/ptyharness.py
# --first-only: launch to the read that brings the status line, as in
# section c of run.sh) on the same events in 4 journals, in
# BENCH_JOURNALS_N journals, and in those journals once `scribe pack` has
# run.
FIRST_N=${BENCH_FIRST_N-100000}
FROWS=()
first_ms() {	# first_ms ID: the median of 3 first screens, ms
	local v=() r out
	for r in 1 2 3; do
		rm -rf "$WORK/cache" "$WORK/state"
		out=$(cd "$WORK" && XDG_CACHE_HOME="$WORK/cache" XDG_STATE_HOME="$WORK/state" \
			"${PY:-python3}" "$srcdir/bench/ptyharness.py" --cols 80 --rows 24 --expect saved --first-only \
			--timeout 300 --exit-timeout 120 -- "$SCRIBE" open "$1" 2>/dev/null | sed -n 's/^seen_ms=//p')
		v+=("${out:-nan}")
	done
	median "${v[@]}" | sed 's/^nan$/failed/'
}
if [ -n "$FIRST_N" ] && command -v "${PY:-python3}" >/dev/null; then
	echo
	echo "== j'. first screen, $FIRST_N events, 80x24, cold, median of 3 (ms) =="
	a=$("$GEN" "$SCRIBE_DIR" "$FIRST_N" 4 2>/dev/null)
	b=$("$GEN" "$SCRIBE_DIR" "$FIRST_N" "$JOURNALS_N" 2>/dev/null)
	fa=$(first_ms "$a")
	fb=$(first_ms "$b")
	ps=$(date +%s%N)
	"$SCRIBE" pack "$b" >/dev/null
	pe=$(date +%s%N)
	fc=$(first_ms "$b")
	nb=$(find "$SCRIBE_DIR/$b" -maxdepth 1 -name '*.yaml' | wc -l)
	printf '%-40s %10s\n' "4 journals" "$fa" "$JOURNALS_N journals" "$fb" \
		"$JOURNALS_N journals packed ($nb files)" "$fc"
	echo "(scribe pack took $(calc "($pe - $ps) / 1e9") s)"
	over() { [[ $1 =~ ^[0-9.]+$ && $2 =~ ^[0-9.]+$ ]] && calc "$1 / $2" || echo -; }
	FROWS+=("| 4 journals | $fa | - |" "| $JOURNALS_N journals | $fb | $(over "$fb" "$fa") |"
		"| the same, after \`scribe pack\` ($(calc "($pe - $ps) / 1e9") s): $nb files | $fc | $(over "$fc" "$fa") |")
	rm -rf "${SCRIBE_DIR:?}/$a" "${SCRIBE_DIR:?}/$b"
fi

REPORT=${BENCH_REPORT-"$srcdir/docs/PERFORMANCE.md"}
if [ -n "$REPORT" ]; then
	{
		echo "<!-- shapes:begin (written by bench/shapes.sh: make bench-shapes) -->"
		echo
		echo "Measured $(date -u '+%Y-%m-%d %H:%M UTC') on $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the end"
		echo "(a machine shared with other builds: read the ratios, not the seconds)."
		echo "\`scribe show ID\`, cold (empty private cache), median of $RUNS runs, hostile and friendly runs alternating."
		echo "Friendly: distinct events in time order in one journal, as many bytes as the hostile incident ($BPE bytes an event)."
		[ -n "$BEFORE" ] && echo "Before: the same hostile incident read by the scribe before the treap fold (one run, cut at $BEFORE_TIMEOUT s)."
		echo
		echo "| shape | records | MB hostile / friendly | hostile s | friendly s | ratio | within 2x | before s |"
		echo "|---|---|---|---|---|---|---|---|"
		printf '%s\n' "${ROWS[@]}"
		if [ ${#FROWS[@]} -gt 0 ]; then
			echo
			echo "First screen of the full-screen program on $FIRST_N events (80x24, cold: empty cache, fresh state;"
			echo "bench/ptyharness.py --first-only: launch to the read that brings the status line; median of 3):"
			echo
			echo "| the same events in | first screen ms | over 4 journals |"
			echo "|---|---|---|"
			printf '%s\n' "${FROWS[@]}"
		fi
		echo
		echo "<!-- shapes:end -->"
	} >"$WORK/shapes.md"
	if grep -q '^<!-- shapes:begin' "$REPORT" 2>/dev/null && grep -q '^<!-- shapes:end' "$REPORT"; then
		awk -v f="$WORK/shapes.md" '
			/^<!-- shapes:begin/ { while ((getline l < f) > 0) print l; skip = 1; next }
			/^<!-- shapes:end/ { skip = 0; next }
			!skip' "$REPORT" >"$WORK/new.md" && cat "$WORK/new.md" >"$REPORT"
	else
		{ echo; echo "## Hostile shapes"; echo; cat "$WORK/shapes.md"; } >>"$REPORT"
	fi
	echo "(figures written to $REPORT)"
fi
exit 0
