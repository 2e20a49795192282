#!/bin/bash
# Every command under valgrind --leak-check=full: no leak (definite,
# indirect or possible: memory glibc keeps for itself, such as the NSS
# modules getpwuid loads, is still reachable and not a leak), no error,
# on good incidents and on bad input alike.  Skipped without valgrind.
. "$srcdir/tests/lib.sh"

command -v valgrind >/dev/null || { echo "1..0 # SKIP valgrind not installed"; exit 0; }
# a sanitizer build cannot run under valgrind
if nm "$SCRIBE" 2>/dev/null | grep -q __asan_init; then echo "1..0 # SKIP sanitizer build"; exit 0; fi
V=(valgrind -q --leak-check=full --show-leak-kinds=definite,indirect,possible --errors-for-leak-kinds=definite,indirect,possible --error-exitcode=99)

vg() {	# vg DESCRIPTION ARGS...: runs scribe ARGS under valgrind
	local what=$1
	shift
	"${V[@]}" "$SCRIBE" "$@" >"$WORK/vg.out" 2>"$WORK/vg.err"
	local rc=$?
	if [ $rc -eq 99 ] || grep -q '^==[0-9]*==' "$WORK/vg.err"; then
		fail "$what: clean under valgrind"
		sed 's/^/#   /' "$WORK/vg.err" | head -20
	else
		pass "$what: clean under valgrind (exit $rc)"
	fi
}

vg "demo" demo
id=$(cat "$WORK/vg.out")
vg "new" new Valgrind test --severity 2
vg "log" log "$id" --at -5m --kind deploy --marker detected "a deploy"
printf 'from\nstdin\n' >"$WORK/in"
"${V[@]}" "$SCRIBE" log "$id" - <"$WORK/in" >/dev/null 2>"$WORK/vg.err"
check "log -: clean under valgrind" bash -c "! grep -q '^==[0-9]*==' '$WORK/vg.err'"
vg "list" list
vg "show" show "$id"
vg "export markdown" export "$id"
vg "export yaml" export "$id" --format yaml
vg "export -o" export "$id" -o "$WORK/r.md"
vg "check" check "$id"
vg "check all" check
vg "usage error" log
vg "missing incident" show no-such
for f in "$srcdir"/tests/fixtures/bad/syntax-error.yaml "$srcdir"/tests/fixtures/bad/alias-bomb.yaml \
	"$srcdir"/tests/fixtures/bad/invalid-utf8.yaml "$srcdir"/tests/fixtures/bad/truncated-record.yaml; do
	if [ -f "$f" ]; then
		vg "check $(basename "$f")" check "$f"
	else
		pass "check $(basename "$f"): clean under valgrind # SKIP fixture missing"
	fi
done

done_testing
