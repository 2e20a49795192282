#!/bin/bash
# Builds the libFuzzer targets into BUILDDIR/tests/fuzz/:
#   fuzz_yaml  journal parsing, record round trip, the YAML export
#   fuzz_time  TIME, RFC 3339 and due-date parsing
#   fuzz_text  sanitizing, width, wrapping, graphemes, markdown escape
# BUILDDIR is a configured build directory (it has config.h), e.g.
#   mkdir -p /tmp/b && cd /tmp/b && /path/to/scribe/configure -q
#   /path/to/scribe/tests/fuzz/build.sh /tmp/b
# The product sources are compiled here with the same flags as the
# targets (coverage + ASan + UBSan), not taken from libscribe.a.
# Needs clang with libFuzzer: on Debian, clang and libclang-rt-14-dev
# (or the libclang-rt-N-dev matching your clang); CC=clang-15 etc. to
# choose another.
set -eu

[ $# -eq 1 ] || { echo "usage: $0 BUILDDIR" >&2; exit 64; }
top=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "$1" && pwd)
[ -f "$build/config.h" ] || { echo "$0: $build/config.h missing: run configure there first" >&2; exit 66; }
out=$build/tests/fuzz
mkdir -p "$out/obj"

CC=${CC:-clang}
command -v "$CC" >/dev/null || { echo "$0: $CC not found (apt-get install clang libclang-rt-14-dev)" >&2; exit 69; }
SAN="-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined"
CFLAGS="-g -O1 -fno-omit-frame-pointer $SAN ${FUZZ_CFLAGS:-}"
CPPFLAGS="-I$build -I$top/include $(pkg-config --cflags yaml-0.1 2>/dev/null || true)"
LIBS="$(pkg-config --libs yaml-0.1 2>/dev/null || echo -lyaml) -lunistring"

# does this clang link libFuzzer at all?
probe=$out/obj/probe
printf '#include <stddef.h>\n#include <stdint.h>\nint LLVMFuzzerTestOneInput(const uint8_t *d, size_t n) { (void)d; (void)n; return 0; }\n' >"$probe.c"
if ! "$CC" $SAN "$probe.c" -o "$probe" 2>"$probe.err"; then
	cat "$probe.err" >&2
	echo "$0: $CC cannot link -fsanitize=fuzzer: install libclang-rt-14-dev (the package for your clang version)" >&2
	exit 69
fi
rm -f "$probe" "$probe.c" "$probe.err"

objs=
for src in util arena text clock model discussion yamlread quickread yamlio; do
	"$CC" $CPPFLAGS $CFLAGS -c "$top/src/$src.c" -o "$out/obj/$src.o"
	objs="$objs $out/obj/$src.o"
done
for t in fuzz_yaml fuzz_time fuzz_text; do
	# shellcheck disable=SC2086
	"$CC" $CPPFLAGS $CFLAGS "$top/tests/fuzz/$t.c" $objs $LIBS -o "$out/$t"
	echo "built $out/$t"
done
