#!/bin/bash
# Figures for the shared folder synchronised through git (make bench-sync):
#   - `scribe sync` time on the writing host (commit + push) and on the
#     reading host (fetch + merge) for 1, 100 and 10,000 new events, in a
#     journal per event (as `scribe log` makes them) and, for 10,000, also
#     in 4 journals (long sessions);
#   - the delay from `scribe log` on one host to the event on another
#     host's screen (sync: git, sync_interval 2) through a local bare
#     repository, timed from the start of the writing command;
#   - the repository's size after a 100,000-event incident, as written and
#     after `scribe pack` when this build has it.
# Needs SCRIBE, GEN (bench/gen), git and tmux.  Prints a markdown table.
set -u
: "${SCRIBE:?}" "${GEN:?}"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/scribe-bench-sync.XXXXXX")
trap 'tmux -S "$WORK/tmux" kill-server 2>/dev/null; rm -rf "$WORK"' EXIT
export HOME=$WORK/home XDG_CONFIG_HOME=$WORK/home/.config SCRIBE_SYSCONFIG= TZ=UTC LANG=C.UTF-8 LC_ALL=C.UTF-8
mkdir -p "$HOME"
git config --global init.defaultBranch main
git config --global user.email bench@example.org
git config --global user.name bench

ms() { date +%s%N | cut -c1-13; }

fresh() {	# fresh NAME: a bare remote and two clones, a and b
	rm -rf "$WORK/$1"; mkdir -p "$WORK/$1"
	git init -q --bare "$WORK/$1/remote.git"
	git clone -q "$WORK/$1/remote.git" "$WORK/$1/a" 2>/dev/null
	git clone -q "$WORK/$1/remote.git" "$WORK/$1/b" 2>/dev/null
}

echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), git $(git --version | cut -d' ' -f3)"
echo
echo "| new events | journals | sync on the writing host (commit, push) | sync on the reading host (fetch, merge) |"
echo "| ---: | ---: | ---: | ---: |"
for spec in "1 1" "100 100" "10000 10000" "10000 4"; do
	set -- $spec
	n=$1 j=$2
	fresh s$n-$j
	id=$(SCRIBE_DIR=$WORK/s$n-$j/a "$SCRIBE" new "Bench sync")
	SCRIBE_DIR=$WORK/s$n-$j/a "$SCRIBE" sync -q
	SCRIBE_DIR=$WORK/s$n-$j/b "$SCRIBE" sync -q
	# the new events: a second incident made by gen in the same folder
	"$GEN" "$WORK/s$n-$j/a" "$n" "$j" >/dev/null 2>&1
	t0=$(ms); SCRIBE_DIR=$WORK/s$n-$j/a "$SCRIBE" sync -q; t1=$(ms)
	SCRIBE_DIR=$WORK/s$n-$j/b "$SCRIBE" sync -q; t2=$(ms)
	echo "| $n | $j | $((t1 - t0)) ms | $((t2 - t1)) ms |"
done

# from a save on one host to the screen of another
fresh live
id=$(SCRIBE_DIR=$WORK/live/a "$SCRIBE" new "Bench live")
SCRIBE_DIR=$WORK/live/a "$SCRIBE" sync -q
SCRIBE_DIR=$WORK/live/b "$SCRIBE" sync -q
mkdir -p "$XDG_CONFIG_HOME/scribe"
printf 'sync: git\nsync_interval: 2\n' >"$XDG_CONFIG_HOME/scribe/config.yaml"
tmux -S "$WORK/tmux" -f /dev/null new-session -d -s t -x 100 -y 30 \
	"env TERM=xterm-256color SCRIBE_DIR=$WORK/live/b $SCRIBE open $id; sleep 600"
sleep 2
delays=""
for i in 1 2 3 4 5; do
	t0=$(ms)
	SCRIBE_DIR=$WORK/live/a SCRIBE_AUTHOR=far XDG_CONFIG_HOME=$WORK/none "$SCRIBE" log "$id" "remote event $i" >/dev/null
	SCRIBE_DIR=$WORK/live/a XDG_CONFIG_HOME=$WORK/none "$SCRIBE" sync -q
	until tmux -S "$WORK/tmux" capture-pane -t t -p | grep -q "remote event $i"; do
		[ $(( $(ms) - t0 )) -gt 60000 ] && break
		sleep 0.02
	done
	delays="$delays $(( $(ms) - t0 ))"
done
rm "$XDG_CONFIG_HOME/scribe/config.yaml"
echo
echo "log + sync on one host to the other host's screen (sync_interval 2 s, xterm-256color 100x30), 5 tries:$delays ms"

# the repository after a 100,000-event incident
fresh big
SCRIBE_DIR=$WORK/big/a "$SCRIBE" sync -q
"$GEN" "$WORK/big/a" 100000 4 >/dev/null 2>&1
SCRIBE_DIR=$WORK/big/a "$SCRIBE" sync -q
git -C "$WORK/big/remote.git" gc -q 2>/dev/null
echo
echo "100,000 events in 4 journals: journals $(du -sk --exclude=.git "$WORK/big/a" | cut -f1) KiB on disk, remote repository $(du -sk "$WORK/big/remote.git" | cut -f1) KiB after git gc"
if "$SCRIBE" --help | grep -q '^  pack'; then
	SCRIBE_DIR=$WORK/big/a "$SCRIBE" pack >/dev/null 2>&1
	SCRIBE_DIR=$WORK/big/a "$SCRIBE" sync -q
	git -C "$WORK/big/remote.git" gc -q 2>/dev/null
	echo "after scribe pack and sync: remote repository $(du -sk "$WORK/big/remote.git" | cut -f1) KiB after git gc"
fi
