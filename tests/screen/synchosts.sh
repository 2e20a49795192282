#!/bin/bash
# Three hosts through git, with people typing: three clones of one bare
# repository; on hosts a and b a session types (sync: git in the
# background), on host c a writer logs and syncs now and then, all at
# once.  At the end every host holds the same events, each exactly once,
# git never met a conflict, and `scribe check` is clean.
. "$srcdir/tests/lib.sh"
export NO_COLOR=1

command -v git >/dev/null || { echo "1..0 # SKIP git not installed"; exit 0; }
git config --global init.defaultBranch main 2>/dev/null
git config --global user.email t@example.org
git config --global user.name t
git init -q --bare "$WORK/remote.git"
for h in a b c; do git clone -q "$WORK/remote.git" "$WORK/$h" 2>/dev/null; done
on() { local h=$1; shift; SCRIBE_DIR="$WORK/$h" SCRIBE_AUTHOR="$h" "$SCRIBE" "$@"; }

id=$(on c new "Three hosts")
on c sync -q
on a sync -q
on b sync -q

# sessions on a and b, each with its own configuration: sync every 2 s
for h in a b; do
	mkdir -p "$WORK/conf-$h/scribe" "$WORK/state-$h"
	printf 'sync: git\nsync_interval: 2\n' >"$WORK/conf-$h/scribe/config.yaml"
done
sess() {	# the command that runs host H's session
	printf 'env SCRIBE_DIR=%q SCRIBE_AUTHOR=%q XDG_CONFIG_HOME=%q XDG_STATE_HOME=%q %q open %q' \
		"$WORK/$1" "$1" "$WORK/conf-$1" "$WORK/state-$1" "$SCRIBE" "$id"
}
screen_start 100 30 env SCRIBE_DIR="$WORK/a" SCRIBE_AUTHOR=a XDG_CONFIG_HOME="$WORK/conf-a" \
	XDG_STATE_HOME="$WORK/state-a" "$SCRIBE" open "$id"
tmux -S "$TMUX_SOCK" new-session -d -s b -x 100 -y 30 \
	"env TERM=screen-256color NO_COLOR=1 $(sess b); echo \"[exit \$?]\"; sleep 600"
text_of() { tmux -S "$TMUX_SOCK" capture-pane -t "=$1:" -p; }
type_to() { tmux -S "$TMUX_SOCK" send-keys -t "=$1:" -l -- "$2"; tmux -S "$TMUX_SOCK" send-keys -t "=$1:" Enter; }
shows() { text_of "$1" | grep -Eq -- "$2"; }
poll 10 shows t "saved" || { echo "# a did not start:"; text_of t | sed 's/^/#   |/'; }
poll 10 shows b "saved" || { echo "# b did not start:"; text_of b | sed 's/^/#   |/'; }

# c logs and syncs in random order while a and b type
writer() {
	local i
	for ((i = 1; i <= 10; i++)); do
		on c log "$id" "c logged $i" >/dev/null || echo "log failed: $i" >>"$WORK/errors"
		((RANDOM % 3 == 0)) && { on c sync -q 2>>"$WORK/sync-c.err" || true; }
		sleep 0.$((RANDOM % 5))
	done
}
writer & wpid=$!
for i in $(seq 1 10); do
	type_to t "a typed $i"
	type_to b "b typed $i"
	sleep 0.$((RANDOM % 4))
done
wait $wpid
check "every log on c succeeded" test ! -s "$WORK/errors"
on c sync -q 2>>"$WORK/sync-c.err"

# every session ends up showing all 30 events (plus none twice)
all() { shows "$1" "^30 events"; }
diag() {	# what host H's folder and git hold, when its screen fell short
	echo "# $1's folder: $(on "$1" show "$id" | grep -c ' [abc]: ') events; git: $(git -C "$WORK/$1" log --oneline | head -3 | tr '\n' ' ')"
	echo "# $1's git status: $(git -C "$WORK/$1" status --porcelain | tr '\n' ' ')"
}
poll 40 all t && pass "a's screen shows all 30 events" || { fail "a's screen shows all 30 events"; text_of t | sed 's/^/#   |/'; diag a; }
poll 40 all b && pass "b's screen shows all 30 events" || { fail "b's screen shows all 30 events"; text_of b | sed 's/^/#   |/'; diag b; }
for s in t b; do tmux -S "$TMUX_SOCK" send-keys -t "=$s:" C-q; done
poll 10 shows t '\[exit 0\]' && poll 10 shows b '\[exit 0\]' && pass "both sessions quit with 0" || fail "both sessions quit with 0"

hosts_in_step 30
for who in a b c; do
	is "$(on a show "$id" | grep -c " $who: $who [a-z]* [0-9]*\$")" 10 "ten events by $who"
done
for h in a b c; do
	is "$(git -C "$WORK/$h" status --porcelain --untracked-files=no | grep -c '^\(UU\|AA\|DU\|UD\)')" 0 "$h: git met no conflict"
done
is "$(cat "$WORK"/sync-c.err "$WORK/final.err" 2>/dev/null | grep -ci conflict)" 0 "no sync said conflict"

done_testing
