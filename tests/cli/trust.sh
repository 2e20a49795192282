#!/bin/bash
# The shared folder can be trusted (issue 12): times the clocks jumped
# over are refused, journals are written only by their writer, and check
# says when one is not.
. "$srcdir/tests/lib.sh"

id=$("$SCRIBE" new Trust)

# ---- --at inside a spring-forward gap ----
# a zone whose clocks went forward today at 05:00 (to 06:00), with its
# local time now about noon, so that 05:30 today has passed and never was
H=$((10#$(date -u +%H)))
doy=$((10#$(date -u +%j) - 1))
zone="<SSS>$((H - 12))<DDD>,$doy/5,$(( (doy + 100) % 365 ))/5"
run env TZ="$zone" "$SCRIBE" log "$id" --at 05:30 "in the gap"
is "$RC" 64 "log --at a time the clocks jumped over today: exit 64"
like "$ERR" "05:30 on $(date -u +%Y-%m-%d) never happened here: the clocks jumped over it \(daylight saving\)" \
	"and says why"
check "nothing was logged" bash -c '! "$0" show "$1" | grep -q "in the gap"' "$SCRIBE" "$id"
run env TZ="$zone" "$SCRIBE" log "$id" --at 04:30 "before the jump"
is "$RC" 0 "04:30, before the jump, is taken"
run env TZ="$zone" "$SCRIBE" new After the fact --at 05:45
is "$RC" 64 "new --at a time the clocks jumped over: exit 64 too"

# ---- journals: 0644 whatever the umask, the account on every record ----
jid=$(umask 002 && "$SCRIBE" new Journals)
(umask 002 && "$SCRIBE" log "$jid" first) >/dev/null
is "$(cd "$SCRIBE_DIR/$jid" && stat -c %a j-*.yaml | sort -u)" 644 "umask 002: journals are 644 all the same"
me=$(id -un)
is "$(cat "$SCRIBE_DIR/$jid"/j-*.yaml | grep -c "^account: $me\$")" 2 "every record names the account that wrote it"
run "$SCRIBE" check "$jid"
is "$RC:$OUT" "0:" "check: nothing wrong"

# a journal the group can write: anyone in it could forge or cut records
j=$(ls "$SCRIBE_DIR/$jid"/j-*.yaml | tail -1)
chmod g+w "$j"
run "$SCRIBE" check "$jid"
is "$RC" 65 "check: a group-writable journal is bad data (65)"
like "$OUT" "^$j:1:1: writable by the group \(mode 0664\)" "and says which file and why"
chmod 644 "$j"

# a record that names another account than the journal's owner
printf -- '---\ntype: event\nid: eforged0001\nrev: rforged0001\ntime: 2026-11-26T14:03:00.000Z\nauthor: bob\naccount: bob\nset:\n  at: 2026-11-26T14:03:00.000Z\n  text: forged\n...\n' >>"$j"
line=$(( $(grep -n "^id: eforged0001$" "$j" | cut -d: -f1) - 1 ))	# the record's first key
run "$SCRIBE" check "$jid"
is "$RC" 65 "check: a record of another account in my journal is bad data (65)"
like "$OUT" "^$j:$line:1: written by account \"bob\" in a journal that belongs to \"$me\"" \
	"and points at the record"

# an empty journal
e=$SCRIBE_DIR/$jid/j-20260101t000000z-host-1-empty.yaml
: >"$e"
run "$SCRIBE" check "$jid"
like "$OUT" "^$e:1:1: empty journal" "check: an empty journal is flagged"
rm "$e"
run "$SCRIBE" check "$j"
like "$OUT" "^$j:$line:1: written by account \"bob\"" "check FILE: the same for a lone journal"

# ---- one vote per account ----
vid=$("$SCRIBE" new Votes)
"$SCRIBE" export "$vid" --format yaml >/dev/null
aid=aone0000001
vj=$SCRIBE_DIR/$vid/j-20260101t000000z-host-1-votes.yaml
{
	printf -- '---\ntype: action\nid: %s\nrev: ra0000000001\ntime: 2026-11-26T14:00:00.000Z\nauthor: ann\naccount: %s\nset:\n  title: Add an alert\n...\n' "$aid" "$me"
	for who in ann annie anne; do
		printf -- '---\ntype: vote\nid: %s\nrev: rv%s\ntime: 2026-11-26T14:01:00.000Z\nauthor: %s\naccount: %s\nset:\n  up: true\n...\n' "$aid" "$(printf %-10s "$who" | tr ' ' 0)" "$who" "$me"
	done
	printf -- '---\ntype: vote\nid: %s\nrev: rvother0001\ntime: 2026-11-26T14:02:00.000Z\nauthor: dan\naccount: dan\nset:\n  up: true\n...\n' "$aid"
} >"$vj"
like "$("$SCRIBE" export "$vid" --format yaml)" "votes: 2$" "three names from one account vote once; another account's vote counts too"
run "$SCRIBE" check "$vid"
like "$OUT" "$vj:[0-9]+:1: warning: written as \"annie\" by account \"$me\", which writes under 4 names here" \
	"check shows where one account writes under several names (ann, annie, anne and tester)"

run "$SCRIBE" show "$vid" --history
like "$OUT" "^  written as \"annie\" by account \"$me\", which writes under 4 names here" \
	"show --history says it too, after the history"
run "$SCRIBE" show "$id" --history
check "and says nothing when an account writes under one name (tester)" bash -c '! grep -q "by account" "$0"' "$WORK/out"

done_testing
