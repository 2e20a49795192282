# Shared by the shell tests: a TAP producer and a private world for
# scribe (its own HOME, SCRIBE_DIR, TZ and locale), removed at exit.
# shellcheck shell=bash

set -u
: "${SCRIBE:?SCRIBE must name the scribe binary (make check sets it)}"
: "${srcdir:=.}"

T_N=0
T_FAILED=0
WORK=$(mktemp -d "${TMPDIR:-/tmp}/scribe-test.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
export HOME="$WORK/home" XDG_DATA_HOME="$WORK/home/.local/share" \
	XDG_CONFIG_HOME="$WORK/home/.config" XDG_STATE_HOME="$WORK/home/.local/state"
export SCRIBE_DIR="$WORK/shared" SCRIBE_AUTHOR=tester TZ=UTC LANG=C.UTF-8 LC_ALL=C.UTF-8
unset NO_COLOR VISUAL EDITOR
mkdir -p "$HOME"

pass() { T_N=$((T_N + 1)); echo "ok $T_N - $*"; }
fail() { T_N=$((T_N + 1)); T_FAILED=$((T_FAILED + 1)); echo "not ok $T_N - $*"; }

# ok CONDITION-COMMAND... -- DESCRIPTION is awkward in sh; use check:
#   check "description" test-command args...
check() {
	local what=$1
	shift
	if "$@"; then pass "$what"; else fail "$what"; fi
}

# is GOT WANT DESCRIPTION
is() {
	if [ "$1" = "$2" ]; then
		pass "$3"
	else
		fail "$3"
		printf '#   got:  %s\n#   want: %s\n' "$1" "$2" | sed '3,$s/^/#         /'
	fi
}

# like GOT REGEX DESCRIPTION (grep -E on the whole text)
like() {
	if printf '%s\n' "$1" | grep -Eq -- "$2"; then
		pass "$3"
	else
		fail "$3"
		printf '%s\n' "$1" | sed 's/^/#   got: /' | head -20
		printf '#   want match: %s\n' "$2"
	fi
}

# run CMD...: sets OUT, ERR and RC
run() {
	"$@" >"$WORK/out" 2>"$WORK/err"
	RC=$?
	OUT=$(cat "$WORK/out")
	ERR=$(cat "$WORK/err")
}

# poll SECONDS COMMAND...: retries COMMAND until it succeeds or time runs out
poll() {
	local deadline=$(( $(date +%s) + $1 ))
	shift
	while ! "$@"; do
		[ "$(date +%s)" -ge "$deadline" ] && return 1
		sleep 0.05
	done
}

done_testing() {
	echo "1..$T_N"
	[ "$T_FAILED" -eq 0 ]
}
