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

done_testing
