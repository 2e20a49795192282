#!/bin/bash
# Runs each fuzz target for SECONDS on a copy of its seed corpus:
#   tests/fuzz/run.sh BUILDDIR [SECONDS]      (default 60)
# after tests/fuzz/build.sh BUILDDIR.  Targets: fuzz_yaml, fuzz_time,
# fuzz_text (FUZZ_TARGETS="fuzz_time" to run fewer).  The seeds in
# tests/fuzz/corpus/ are not changed: the runs work on copies under
# BUILDDIR/tests/fuzz/work/.  Exits 1 if any target crashed, and copies
# each crash input to tests/fuzz/crashes/.
set -u

[ $# -ge 1 ] && [ $# -le 2 ] || { echo "usage: $0 BUILDDIR [SECONDS]" >&2; exit 64; }
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "$1" && pwd)
secs=${2:-60}
bin=$build/tests/fuzz
work=$bin/work
crashes=$here/crashes
status=0

for t in ${FUZZ_TARGETS:-fuzz_yaml fuzz_time fuzz_text}; do
	c=${t#fuzz_}
	case $c in yaml) maxlen=65536 ;; time) maxlen=256 ;; *) maxlen=4096 ;; esac
	[ -x "$bin/$t" ] || { echo "$t: not built; run $here/build.sh $build first" >&2; exit 66; }
	rm -rf "${work:?}/$c"
	mkdir -p "$work/$c/corpus" "$work/$c/artifacts"
	cp "$here/corpus/$c/"* "$work/$c/corpus/"
	echo "== $t for ${secs}s"
	# halt_on_error etc.: every sanitizer report ends the run as a crash
	ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} \
	UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1} \
		"$bin/$t" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
		-max_len="$maxlen" -print_final_stats=1 \
		-artifact_prefix="$work/$c/artifacts/" \
		"$work/$c/corpus" >"$work/$c/log" 2>&1
	rc=$?
	grep -E '^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)|^#[0-9]+.*DONE' "$work/$c/log" | sed "s/^/$t: /"
	found=$(find "$work/$c/artifacts" -type f | wc -l)
	if [ $rc -ne 0 ] || [ "$found" -gt 0 ]; then
		status=1
		echo "$t: FAILED (exit $rc); the report:"
		sed -n '/==ERROR\|runtime error\|check failed\|^fuzz_[a-z]*: /,/^SUMMARY/p' "$work/$c/log" |
			grep -v '^ *#[0-9]* .* in fuzzer::\|libc_start\| in _start \| in main ' | head -45 | sed 's/^/    /'
		mkdir -p "$crashes"
		for a in "$work/$c/artifacts"/*; do
			[ -f "$a" ] || continue
			dest=$crashes/$t-$(basename "$a")
			cp "$a" "$dest"
			cp "$work/$c/log" "$dest.log"
			echo "$t: crash input saved as $dest (log beside it)"
		done
		cat >"$crashes/README" <<'NOTE'
Inputs that crashed a fuzz target, copied here by tests/fuzz/run.sh, each
with the fuzzer's log (NAME.log) beside it.  Reproduce with
    BUILDDIR/tests/fuzz/fuzz_TARGET tests/fuzz/crashes/NAME
Then turn each into a regression test before fixing the code: a journal
(fuzz_yaml) becomes tests/fixtures/bad/NAME.yaml with its .expect (see
tests/fixtures/README), a time or a text becomes a case in
tests/unit/test_clock.c or tests/unit/test_text.c.  Once the fix is in and
the test passes, delete the input here.
NOTE
	else
		echo "$t: ok"
	fi
done
exit $status
