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
	XDG_CONFIG_HOME="$WORK/home/.config" XDG_STATE_HOME="$WORK/home/.local/state" \
	XDG_CACHE_HOME="$WORK/home/.cache"
export SCRIBE_SYSCONFIG= SCRIBE_DIR="$WORK/shared" SCRIBE_AUTHOR=tester TZ=UTC LANG=C.UTF-8 LC_ALL=C.UTF-8
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

# ---- screen tests: the real binary in tmux, a pseudo-terminal of fixed size ----

TMUX_SOCK="$WORK/tmux.sock"

# screen_start COLS ROWS COMMAND...: runs COMMAND in a fresh tmux pane
screen_start() {
	local cols=$1 rows=$2
	shift 2
	command -v tmux >/dev/null || { echo "1..0 # SKIP tmux not installed"; exit 0; }
	trap 'tmux -S "$TMUX_SOCK" kill-server 2>/dev/null; rm -rf "$WORK"' EXIT
	screen_stop
	tmux -S "$TMUX_SOCK" -f /dev/null new-session -d -s t -x "$cols" -y "$rows" \
		"env TERM=screen-256color $(printf '%q ' "$@"); echo \"[exit \$?]\"; sleep 600"
	tmux -S "$TMUX_SOCK" set-option -t =t: -g status off >/dev/null
	tmux -S "$TMUX_SOCK" resize-window -t =t: -x "$cols" -y "$rows" 2>/dev/null || true
}

# screen_stop: ends the tmux server (a hang-up for what runs in it)
screen_stop() {
	tmux -S "$TMUX_SOCK" kill-server 2>/dev/null
	poll 5 bash -c "! tmux -S '$TMUX_SOCK' has-session 2>/dev/null"
	rm -f "$TMUX_SOCK"
}

# gone PID: the process has ended (a zombie not yet reaped counts)
gone() { ! kill -0 "$1" 2>/dev/null || [ "$(ps -o stat= -p "$1" | cut -c1)" = Z ]; }

# screen_keys KEY...: tmux send-keys (names like Enter, Escape, C-q, Up)
screen_keys() { tmux -S "$TMUX_SOCK" send-keys -t =t: "$@"; }
# screen_type TEXT: types TEXT literally
screen_type() { tmux -S "$TMUX_SOCK" send-keys -t =t: -l -- "$1"; }
# screen_text: the screen as text now
screen_text() { tmux -S "$TMUX_SOCK" capture-pane -t =t: -p; }
# screen_ansi: with attributes, as escape sequences
screen_ansi() { tmux -S "$TMUX_SOCK" capture-pane -t =t: -p -e; }
screen_resize() { tmux -S "$TMUX_SOCK" resize-window -t =t: -x "$1" -y "$2"; }
screen_pid() { tmux -S "$TMUX_SOCK" list-panes -t =t: -F '#{pane_pid}'; }
# screen_app_pid: the scribe running in this test's pane (tests run side
# by side, often on incidents with the same id: never look it up by name)
screen_app_pid() {
	local pane p q
	pane=$(screen_pid)
	for p in $(pgrep -f "^$SCRIBE"); do
		q=$p
		while [ -n "$q" ] && [ "$q" -gt 1 ]; do
			[ "$q" = "$pane" ] && { echo "$p"; return; }
			# the parent, after the command name (which may hold spaces)
			q=$(sed -n 's/.*) [A-Za-z] \([0-9]*\) .*/\1/p' "/proc/$q/stat" 2>/dev/null)
		done
	done
}

# screen_wait REGEX [SECONDS]: polls until the screen matches (grep -E)
screen_wait() {
	local deadline=$(( $(date +%s) + ${2:-10} ))
	while ! screen_text | grep -Eq -- "$1"; do
		if [ "$(date +%s)" -ge "$deadline" ]; then
			echo "# screen did not show /$1/ in time; it shows:"
			screen_text | sed 's/^/#   |/'
			return 1
		fi
		sleep 0.05
	done
}

# export_table: a YAML export (stdin) as one line per entity, fields
# separated by spaces (for texts without spaces):
#   event ID TEXT | factor ID TITLE | action ID TITLE PRIORITY VOTES FACTORS
export_table() {
	awk '
		function flush() {
			if (id == "") return
			if (sec == "event") print "event", id, text
			else if (sec == "factor") print "factor", id, title
			else if (sec == "action") print "action", id, title, prio, votes, factors
			id = ""
		}
		/^timeline:/ { flush(); sec = "event"; next }
		/^factors:/ { flush(); sec = "factor"; next }
		/^actions:/ { flush(); sec = "action"; next }
		/^[a-z.]/ { flush(); sec = ""; next }
		sec != "" && /^- id: / { flush(); id = substr($0, 7); text = title = prio = votes = factors = ""; next }
		sec != "" && /^  text: / { text = substr($0, 9) }
		sec != "" && /^  title: / { title = substr($0, 10) }
		sec != "" && /^  priority: / { prio = substr($0, 13) }
		sec != "" && /^  votes: / { votes = substr($0, 10) }
		sec != "" && /^  factors: / { factors = substr($0, 12) }
		END { flush() }'
}

# screen_highlighted [TARGET]: the rows of the screen that start in
# reverse video: the highlighted item (run the program with NO_COLOR so
# that every theme's selection is reverse video).  TARGET: a tmux pane
# other than this test's.
screen_highlighted() {
	tmux -S "$TMUX_SOCK" capture-pane -t "=${1:-t}:" -p -e | awk '
	{
		line = $0; out = ""; first = -1
		while (line != "") {
			if (match(line, /^\033\[[0-9;]*m/)) {
				n = split(substr(line, 3, RLENGTH - 3), p, ";")
				if (n == 0) rev = 0
				for (i = 1; i <= n; i++) {
					v = p[i] + 0
					if (v == 0) rev = 0
					else if (v == 7) rev = 1
					else if (v == 27) rev = 0
					else if (v == 38 || v == 48 || v == 58) i += (p[i + 1] == 2 ? 4 : 2)
				}
				line = substr(line, RLENGTH + 1)
				continue
			}
			if (first < 0) first = rev
			out = out substr(line, 1, 1)
			line = substr(line, 2)
		}
		if (first == 1) print out
	}'
}

# export_actions ID: the actions as "title priority votes type owner",
# in list order (titles without spaces)
export_actions() {
	"$SCRIBE" export "$1" --format yaml | awk '
		/^actions:/ { on = 1; next }
		on && /^- id: / { if (t != "") print t, p, v, ty, o; t = p = v = ty = o = "" }
		on && /^  title: / { t = substr($0, 10) }
		on && /^  priority: / { p = substr($0, 13) }
		on && /^  votes: / { v = substr($0, 10) }
		on && /^  type: / { ty = substr($0, 9) }
		on && /^  owner: / { o = substr($0, 10) }
		END { if (t != "") print t, p, v, ty, o }'
}

# Sync through git (tests that define `on HOST COMMAND...` and $id, with
# hosts a, b and c): host_events HOST lists the events HOST holds, one
# line each, sorted; hosts_in_step N runs two rounds of syncs (c, a, b)
# and checks that they report nothing, that every host holds the same N
# events, each once, and that check is clean (a, b and c are three
# people under one account here: check says so, and that is all it says)
host_events() { on "$1" export "$id" --format yaml | export_table | grep '^event ' | sort; }
hosts_in_step() {
	local n=$1 round h ea
	for round in 1 2; do
		for h in c a b; do on $h sync -q 2>>"$WORK/final.err"; done
	done
	is "$(cat "$WORK/final.err")" "" "the final syncs report nothing"
	ea=$(host_events a)
	is "$(wc -l <<<"$ea")" "$n" "a holds all $n events"
	is "$(cut -d' ' -f2 <<<"$ea" | sort -u | wc -l)" "$n" "each exactly once"
	is "$(host_events b)" "$ea" "b holds the same events"
	is "$(host_events c)" "$ea" "c holds the same events"
	run on a check
	is "$RC:$(printf '%s\n' "$OUT" | grep -v 'by account "[^"]*", which writes under 3 names here')" "0:" \
		"check is clean after the merges"
}
