#!/bin/bash
# The shared directory synchronised through git: three clones of one bare
# repository stand for three hosts.  Writers log while syncs run in random
# order, one host is offline for a while; at the end every folder holds
# the same events, each exactly once, git never reported a conflict, and
# `scribe check` is clean.  Then: what is committed (whole records of
# journals, never presence or temporary files), what is refused (a journal
# rewritten by hand), what is restored (a journal removed by hand), and a
# remote that refuses.
. "$srcdir/tests/lib.sh"

command -v git >/dev/null || { echo "1..0 # SKIP git not installed"; exit 0; }
export GIT_CONFIG_NOSYSTEM=1 GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.org \
	GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.org
git config --global init.defaultBranch main 2>/dev/null
git config --global user.email t@example.org
git config --global user.name t

git init -q --bare "$WORK/remote.git"
for h in a b c; do git clone -q "$WORK/remote.git" "$WORK/$h" 2>/dev/null; done
on() { local h=$1; shift; SCRIBE_DIR="$WORK/$h" SCRIBE_AUTHOR="$h" "$SCRIBE" "$@"; }

run on a sync
is "$RC" 0 "sync on a new, empty remote"
is "$OUT" "in step with origin" "sync says it is in step"
id=$(on a new "Sync across hosts")
run on a sync
is "$RC" 0 "the new incident is pushed"
for h in b c; do on $h sync >/dev/null 2>&1; done
check "b has the incident after its sync" test -d "$WORK/b/$id"
check "c has the incident after its sync" test -d "$WORK/c/$id"

# writers on every host, syncs in random order, c offline for a while
writer() {	# writer HOST N: N events, a sync now and then
	local h=$1 n=$2 i
	for ((i = 1; i <= n; i++)); do
		on "$h" log "$id" "$h event $i" >/dev/null || echo "log failed on $h" >>"$WORK/errors"
		((RANDOM % 4 == 0)) && { on "$h" sync -q 2>>"$WORK/sync-$h.err" || true; }
	done
}
writer a 15 & pa=$!
writer b 15 & pb=$!
git -C "$WORK/c" remote set-url origin "$WORK/gone.git"	# c goes offline
writer c 8 & pc=$!
wait $pc
run on c sync
is "$RC" 74 "offline: sync exits 74"
like "$ERR" "^scribe: offline since [0-9:]+ \(origin: .*\); this host's records are kept and go out when it is back" \
	"offline: said, and what was not pushed is kept"
like "$(on c where)" "^sync +git, by \`scribe sync\` only; offline since" "where shows the sync state"
git -C "$WORK/c" remote set-url origin "$WORK/remote.git"	# c is back
writer c 7
wait $pa $pb
check "every log succeeded" test ! -s "$WORK/errors"
hosts_in_step 45
conflicts=$(cat "$WORK"/sync-*.err "$WORK/final.err" 2>/dev/null | grep -ci conflict)
is "$conflicts" 0 "git never reported a conflict"
is "$(git -C "$WORK/a" status --porcelain | grep -v '^??' | wc -l)" 0 "a's working tree has nothing left uncommitted"

# what is committed: journals and .gitignore, never presence or temporary files
touch "$WORK/a/$id/.presence-vm-1-x" "$WORK/a/$id/.tmp-j-x.yaml" "$WORK/a/notes.txt"
on a log "$id" "after the junk" >/dev/null
on a sync -q
is "$(git -C "$WORK/a" ls-files | grep -v "^$id/j-.*\.yaml\$")" ".gitattributes
.gitignore" "only journals, .gitignore and .gitattributes are committed"

# a record being written waits for the next sync
j=$(ls "$WORK/a/$id"/j-*.yaml | head -1)
printf -- '---\ntype: event\nid: half\n' >>"$j"
on a sync -q
is "$(git -C "$WORK/a" show "HEAD:$id/$(basename "$j")" | tail -1)" "..." "a record cut short is not committed"

# a journal rewritten by hand is refused, said, and kept out
jb=$(ls "$WORK/b/$id"/j-*.yaml | tail -1)
git -C "$WORK/b" ls-files --error-unmatch "$id/$(basename "$jb")" >/dev/null 2>&1 || jb=$(git -C "$WORK/b" ls-files "$id" | head -1 | sed "s|^|$WORK/b/|")
sed -i '0,/^author: .*/s//author: mallory/' "$jb"
run on b sync
is "$RC" 65 "a rewritten journal: sync exits 65"
like "$ERR" "$(basename "$jb"): changed other than by adding records; not synchronised" "and names the file"
is "$(git -C "$WORK/b" diff --stat HEAD -- "$id/$(basename "$jb")" | wc -l)" 2 "the rewrite is not committed"
git -C "$WORK/b" checkout -q -- "$id/$(basename "$jb")"

# a journal removed by hand comes back
jc=$(git -C "$WORK/c" ls-files "$id" | head -1)
rm "$WORK/c/$jc"
run on c sync
like "$ERR" "$jc: removed on this host; restored from the last sync" "a removed journal is said"
check "and restored" test -s "$WORK/c/$jc"

# two hosts push at the same moment: the loser fetches, merges, retries
on a log "$id" "race a" >/dev/null
on b log "$id" "race b" >/dev/null
on a sync -q & p1=$!
on b sync -q & p2=$!
wait $p1; r1=$?
wait $p2; r2=$?
is "$r1:$r2" "0:0" "two syncs at once both succeed"
on a sync -q; on b sync -q
like "$(on a show "$id")" "race b" "a has b's racing event"
like "$(on b show "$id")" "race a" "b has a's racing event"

# a remote that refuses: said, nothing lost, pushed when it accepts again
chmod -R a-w "$WORK/remote.git"
on a log "$id" "while refused" >/dev/null
if [ "$(id -u)" != 0 ]; then
	run on a sync
	is "$RC" 74 "a refusing remote: sync exits 74"
	like "$ERR" "not pushed to origin yet|offline since" "a refusing remote is said"
else
	git -C "$WORK/a" remote set-url --push origin "$WORK/readonly.git"
	run on a sync
	is "$RC" 74 "a refusing remote: sync exits 74"
	like "$ERR" "^scribe: 1 commit not pushed to origin yet" "a refusing remote is said"
	git -C "$WORK/a" remote set-url --push origin "$WORK/remote.git"
fi
chmod -R u+w "$WORK/remote.git"
like "$(on a show "$id")" "while refused" "the event is kept on a"
run on a sync
is "$RC" 0 "pushed once the remote accepts again"
on b sync -q
like "$(on b show "$id")" "while refused" "and b gets it"

# packed journals: the pack goes out, their removal too, nothing comes back
pid=$(on a new "Packed across hosts")
for i in $(seq 1 55); do on a log "$pid" "packed-$i" >/dev/null; done
check "a packed the journals by itself" compgen -G "$WORK/a/$pid/pack-*.yaml"
loose=$(ls "$WORK/a/$pid" | grep -c '^j-')
run on a sync -q
is "$RC:$ERR" "0:" "the packed incident syncs, nothing to say"
is "$(git -C "$WORK/a" status --porcelain -- "$pid" | wc -l)" 0 "and a's working tree is clean"
is "$(git -C "$WORK/a" ls-files "$pid" | grep -c '/j-')" "$loose" "only the loose journals are committed, beside the pack"
on a pack "$pid" >/dev/null
on a sync -q
is "$(ls "$WORK/a/$pid" | grep -c '^j-')" 0 "after scribe pack and a sync, no packed journal came back"
is "$(git -C "$WORK/a" ls-files "$pid" | grep -vc '/pack-')" 0 "only the pack is committed"
on b sync -q
is "$(on b export "$pid" --format yaml | export_table | grep -c '^event .* packed-')" 55 "b has the 55 events"
is "$(on b export "$pid" --format yaml | export_table | awk '$1 == "event" { print $3 }' | sort | uniq -d)" "" \
	"each once"
is "$(ls "$WORK/b/$pid" | grep -c '^j-')" 0 "and b holds no packed journal either"

# packing on two hosts at once: the same closed journals give the same
# pack, so nothing conflicts; the journals' removal is committed because
# their records are in the pack
if "$SCRIBE" --help | grep -q '^  pack'; then
	pid=$(on a new "Packed on two hosts")
	for i in $(seq 1 12); do on a log "$pid" "to pack $i" >/dev/null; done
	on a sync -q; on b sync -q
	on a pack "$pid" >/dev/null 2>&1 & k1=$!
	on b pack "$pid" >/dev/null 2>&1 & k2=$!
	wait $k1 $k2
	is "$(ls "$WORK/a/$pid" | grep -c '^pack-')" 1 "a packed its closed journals"
	is "$(ls "$WORK/a/$pid")" "$(ls "$WORK/b/$pid")" "b packed the same journals into the same pack"
	run on a sync
	is "$RC" 0 "a syncs its pack"
	like "$ERR" "^scribe: committed [0-9]+ files" "the pack and the packed journals' removal are committed"
	run on b sync
	is "$RC" 0 "b syncs its identical pack: no conflict"
	on a sync -q
	is "$(git -C "$WORK/a" ls-files "$pid" | grep -c '^.*/j-')" 0 "no loose journal of the packed incident is left in the repository"
	is "$(on a export "$pid" --format yaml | export_table | grep -c '^event ')" 12 "every event exactly once after packing"
	is "$(on b export "$pid" --format yaml | export_table | grep -c '^event ')" 12 "on both hosts"
	run on b check "$pid"
	is "$RC:$OUT" "0:" "check is clean"
else
	T_N=$((T_N + 1)); echo "ok $T_N # SKIP this build has no scribe pack"
fi

# not a git working tree
run on a --dir "$WORK/plain" sync
is "$RC" 64 "sync outside a git working tree: 64"
like "$ERR" "is not a git working tree" "and says so"

done_testing
