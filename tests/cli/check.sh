#!/bin/bash
# check: clean incidents, warnings, errors, paths, all incidents.
. "$srcdir/tests/lib.sh"

id=$("$SCRIBE" new Clean)
"$SCRIBE" log "$id" something happened >/dev/null
run "$SCRIBE" check "$id"
is "$RC" 0 "a clean incident: exit 0"
is "$OUT" "" "and no output"
run "$SCRIBE" check
is "$RC" 0 "check with no arguments checks all"
run "$SCRIBE" check "$SCRIBE_DIR/$id"
is "$RC" 0 "an incident folder as a PATH"
for f in "$SCRIBE_DIR/$id"/j-*.yaml; do
	run "$SCRIBE" check "$f"
	is "$RC" 0 "a journal file as a PATH: $(basename "$f")"
done
run "$SCRIBE" check no-such-thing
is "$RC" 66 "neither an incident nor a file: 66"
like "$ERR" 'no-such-thing' "and says which"

# markers out of order: a warning, not an error
w=$("$SCRIBE" new Warned)
"$SCRIBE" log "$w" --at 2026-11-26T14:10:00Z --marker started x >/dev/null
"$SCRIBE" log "$w" --at 2026-11-26T14:05:00Z --marker detected y >/dev/null
run "$SCRIBE" check "$w"
is "$RC" 0 "warnings alone: exit 0"
like "$OUT" "^$SCRIBE_DIR/$w/j-[^:]+\.yaml:[0-9]+:[0-9]+: warning: marker \"detected\" comes before \"started\"\$" \
	"marker order warned as FILE:LINE:COLUMN: warning:"

# an error in one incident
b=$("$SCRIBE" new Broken)
printf -- '---\ntype: event\nid: e1\nrev: r1\ntime: 2026-11-26T14:03:00Z\nset:\n  kind: launch\n...\n' \
	>"$SCRIBE_DIR/$b/j-20260101t000000z-h-1-x.yaml"
run "$SCRIBE" check "$b"
is "$RC" 65 "an error: exit 65"
is "$OUT" "$SCRIBE_DIR/$b/j-20260101t000000z-h-1-x.yaml:7:9: unknown kind \"launch\" (valid: note, deploy, config, discovery, comms, action)" \
	"the exact FILE:LINE:COLUMN: message"
run "$SCRIBE" check
is "$RC" 65 "check of all incidents finds it too"
run "$SCRIBE" check "$id" "$b"
is "$RC" 65 "one bad among several: 65"

done_testing
