#!/bin/bash
# A short fuzzing run of each libFuzzer target (make fuzz runs them
# long).  Skipped where clang cannot link libFuzzer.
. "$srcdir/tests/lib.sh"

: "${builddir:?}"
if ! command -v clang >/dev/null ||
	! printf 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n) { return 0; }\n' |
		clang -x c -fsanitize=fuzzer -o "$WORK/probe" - 2>/dev/null; then
	echo "1..0 # SKIP no clang with libFuzzer (apt-get install clang libclang-rt-14-dev)"
	exit 0
fi
run env CC=clang bash "$srcdir/tests/fuzz/build.sh" "$builddir"
is "$RC" 0 "the fuzz targets build"
[ "$RC" = 0 ] || printf '%s\n' "$ERR" | tail -5 | sed 's/^/#   /'
run bash "$srcdir/tests/fuzz/run.sh" "$builddir" "${FUZZ_SECONDS:-5}"
is "$RC" 0 "a short run of each finds no crash"
[ "$RC" = 0 ] || printf '%s\n%s\n' "$OUT" "$ERR" | tail -10 | sed 's/^/#   /'
done_testing
