#!/bin/bash
# scribe publish DIR: every incident's public report and an index that
# GitHub, GitLab or a wiki renders; idempotent; and, with publish_dir in a
# synchronised folder, kept current by sync on every host without a
# conflict.
. "$srcdir/tests/lib.sh"

id=$("$SCRIBE" new "Checkout 5xx" --severity 2 --at 2026-11-26T14:00:00Z)
"$SCRIBE" log "$id" --at 2026-11-26T14:00:00Z --marker started --kind deploy "payment v4.12 rolled out" >/dev/null
"$SCRIBE" log "$id" --at 2026-11-26T14:05:00Z --marker detected "5xx alert @everyone" >/dev/null
"$SCRIBE" log "$id" --at 2026-11-26T14:30:00Z --marker mitigated --kind action "rolled back" >/dev/null
"$SCRIBE" log "$id" --at 2026-11-26T15:00:00Z --marker resolved "error rate normal" >/dev/null
"$SCRIBE" log "$id" --at 2026-11-26T14:10:00Z --internal "paged Dana at home" >/dev/null
id2=$("$SCRIBE" new "Login slow | partly" --at 2026-11-20T09:00:00Z)

run "$SCRIBE" publish "$WORK/pub"
is "$RC" 0 "publish exits 0"
is "$OUT" "2 reports in $WORK/pub, 3 files written" "publish says what it wrote"
is "$(cd "$WORK/pub" && ls | LC_ALL=C sort)" "$id2.md
$id.md
README.md" "a report per incident and an index"
is "$(cat "$WORK/pub/README.md")" "# Incident reports

Newest first.  Each report is written for readers outside the team: internal marks and
internal-only events are left out.

| Date | Incident | Severity | Status | To detect | To mitigate | To resolve | Open actions | Done actions |
| --- | --- | --- | --- | --- | --- | --- | --- | --- |
| 2026-11-26 | [Checkout 5xx]($id.md) | SEV2 | active | 5m 00s | 30m 00s | 1h 00m | 0 | 0 |
| 2026-11-20 | [Login slow \\| partly]($id2.md) | SEV3 | active | – | – | – | 0 | 0 |" "the index, newest first, with its times"
is "$(cat "$WORK/pub/$id.md")" "$("$SCRIBE" export "$id" --public)" "each report is the public export"
check "internal events are not published" bash -c "! grep -q 'paged Dana' '$WORK/pub/$id.md'"

# idempotent: nothing changed, nothing written
before=$(stat -c %Y.%i "$WORK/pub/README.md" "$WORK/pub/$id.md")
run "$SCRIBE" publish "$WORK/pub"
is "$OUT" "2 reports in $WORK/pub, 0 files written" "publishing again writes nothing"
is "$(stat -c %Y.%i "$WORK/pub/README.md" "$WORK/pub/$id.md")" "$before" "the files are untouched"
"$SCRIBE" log "$id2" "a note" >/dev/null
run "$SCRIBE" publish "$WORK/pub"
is "$OUT" "2 reports in $WORK/pub, 1 file written" "a changed incident rewrites its report only"
echo "mine" >"$WORK/pub/notes.md"
"$SCRIBE" publish "$WORK/pub" >/dev/null
is "$(cat "$WORK/pub/notes.md")" "mine" "files publish did not make are left alone"

run "$SCRIBE" publish
is "$RC" 64 "publish without a folder: usage"

# kept current through sync, on two hosts, without a conflict
if command -v git >/dev/null; then
	git config --global init.defaultBranch main 2>/dev/null
	git config --global user.email t@example.org
	git config --global user.name t
	git init -q --bare "$WORK/remote.git"
	for h in a b; do
		git clone -q "$WORK/remote.git" "$WORK/$h" 2>/dev/null
		mkdir -p "$WORK/cfg-$h/scribe"
		printf 'publish_dir: %s/_reports\n' "$WORK/$h" >"$WORK/cfg-$h/scribe/config.yaml"
	done
	on() { local h=$1; shift; XDG_CONFIG_HOME="$WORK/cfg-$h" SCRIBE_DIR="$WORK/$h" SCRIBE_AUTHOR="$h" "$SCRIBE" "$@"; }
	sid=$(on a new "Synced report")
	on a sync -q
	on b sync -q
	on a log "$sid" "from a" >/dev/null
	on b log "$sid" "from b" >/dev/null
	on a sync -q; ra=$?
	on b sync -q; rb=$?
	on a sync -q
	is "$ra:$rb" "0:0" "both hosts publish and sync"
	is "$(git -C "$WORK/b" ls-files _reports | tr '\n' ' ')" "_reports/$sid.md _reports/README.md " "the reports are in the repository"
	like "$(cat "$WORK/a/_reports/$sid.md")" "from b" "a's report has b's event"
	like "$(cat "$WORK/b/_reports/$sid.md")" "from a" "b's report has a's event"
	is "$(cat "$WORK/a/_reports/$sid.md")" "$(cat "$WORK/b/_reports/$sid.md")" "both hosts publish the same report"
	is "$(git -C "$WORK/a" status --porcelain | grep -v '^??')" "" "nothing left uncommitted, no conflict"
else
	T_N=$((T_N + 1)); echo "ok $T_N # SKIP git not installed"
fi

done_testing
