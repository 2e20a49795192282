#!/bin/bash
# export: the yaml schema of SPEC, the markdown report in the formula's
# order, -o, and the usage errors.
. "$srcdir/tests/lib.sh"

id=$("$SCRIBE" new "Checkout | 5xx *now*" --severity 1)
"$SCRIBE" log "$id" --at 2026-11-26T14:00:00Z --marker started --kind deploy "payment v2 rolled out" >/dev/null
e2=$("$SCRIBE" log "$id" --at 2026-11-26T14:05:00.250Z --marker detected "5xx | alert *fired*")
"$SCRIBE" log "$id" --at 2026-11-26T14:30:00Z --marker mitigated --kind action "rolled back" >/dev/null
"$SCRIBE" log "$id" --at 2026-11-26T15:00:00Z --marker resolved "all clear" >/dev/null

run "$SCRIBE" export "$id" --format yaml
is "$RC" 0 "export --format yaml exits 0"
y=$OUT
is "$(printf '%s\n' "$y" | grep -E '^[a-z]+:' | cut -d: -f1 | tr '\n' ' ')" "incident timeline factors actions " \
	"top-level keys: incident, timeline, factors, actions"
like "$y" "^  id: $id\$" "incident id"
like "$y" "^  title: 'Checkout \| 5xx \*now\*'\$|^  title: \"Checkout \| 5xx \*now\*\"\$|^  title: Checkout \| 5xx \*now\*\$" "incident title"
like "$y" '^  severity: 1$' "severity"
like "$y" '^  status: active$' "status"
like "$y" '^  created: "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}Z"$' "created, RFC 3339 UTC with ms"
is "$(printf '%s\n' "$y" | grep -c '^- id: e')" 4 "four events"
ev=$(printf '%s\n' "$y" | sed -n "/^- id: $e2\$/,/^- id/p")
is "$(printf '%s\n' "$ev" | sed -n 's/^  \([a-z]*\):.*/\1/p' | tr '\n' ' ')" "at typed logged by kind text marker " \
	"event keys in SPEC's order"
like "$ev" '^  at: "2026-11-26T14:05:00\.250Z"$' "at keeps its milliseconds"
like "$ev" '^  by: tester$' "by is SCRIBE_AUTHOR"
like "$ev" '^  kind: note$' "default kind is note"
like "$ev" '^  marker: detected$' "marker"
typed=$(printf '%s\n' "$ev" | sed -n 's/^  typed: //p')
logged=$(printf '%s\n' "$ev" | sed -n 's/^  logged: //p')
is "$typed" "$logged" "for scribe log, typed and logged are the same moment"
first=$(printf '%s\n' "$y" | grep -m1 '^  at:')
is "$first" '  at: "2026-11-26T14:00:00.000Z"' "timeline in time order"

# markdown
run "$SCRIBE" export "$id"
is "$RC" 0 "export (markdown) exits 0"
md=$OUT
order=$(printf '%s\n' "$md" | grep -E '^## ' | tr '\n' '|')
is "$order" "## We are sorry|## What happened|## What we will do|## Appendix: timeline|" "sections in the formula's order"
like "$md" '^# Checkout \\\| 5xx \\\*now\\\*$' "the title is escaped"
like "$md" '^- \*\*Severity:\*\* SEV1$' "severity in the facts"
like "$md" '^- \*\*Time to detect:\*\* 5m 00s$' "time to detect"
like "$md" '^- \*\*Time to mitigate:\*\* 30m 00s$' "time to mitigate"
like "$md" '^- \*\*Time to resolve:\*\* 1h 00m$' "time to resolve"
like "$md" '5xx \\\| alert \\\*fired\\\*' "user text cannot break a table"

run "$SCRIBE" export "$id" -o "$WORK/report.md"
is "$RC" 0 "-o exits 0"
is "$OUT" "" "-o prints nothing"
check "-o writes the report" cmp -s "$WORK/report.md" <(printf '%s\n' "$md")
ls -a "$WORK" | grep -q 'report.md.tmp' && fail "no temp file left" || pass "no temp file left"
run "$SCRIBE" export "$id" --format yaml -o "$WORK/r.yaml"
check "-o with yaml" cmp -s "$WORK/r.yaml" <(printf '%s\n' "$y")

# to a terminal, the yaml export escapes what could act on it
"$SCRIBE" log "$id" "$(printf 'bidi \342\200\256 and \033[2J in text')" >/dev/null
if command -v script >/dev/null; then
	tty=$(script -qc "$(printf '%q ' "$SCRIBE" export "$id" --format yaml)" /dev/null | tr -d '\r')
	like "$tty" 'text: "bidi \\u202E and \\e\[2J in text"' "to a terminal: escapes instead of raw controls"
	check "to a terminal: no ESC byte" bash -c "! printf '%s' \"\$0\" | grep -q $'\\e'" "$tty"
else
	pass "to a terminal: escapes # SKIP no script(1)"
	pass "to a terminal: no ESC byte # SKIP no script(1)"
fi
run "$SCRIBE" export "$id" --format yaml
like "$OUT" "$(printf 'bidi \342\200\256 and')" "to a pipe: the text as it is, for programs"

run "$SCRIBE" export "$id" --format pdf
is "$RC" 64 "unknown format is a usage error"
run "$SCRIBE" export no-such-incident
is "$RC" 66 "missing incident is 66"
run "$SCRIBE" export "$id" -o "$WORK/no/such/dir/r.md"
is "$RC" 73 "an unwritable -o is 73"

# the demo incident exports with factors and actions
demo=$("$SCRIBE" demo)
run "$SCRIBE" export "$demo" --format yaml
is "$(printf '%s\n' "$OUT" | grep -c '^- id: f')" 3 "demo: three factors"
is "$(printf '%s\n' "$OUT" | grep -c '^- id: a')" 3 "demo: three actions"
like "$OUT" '^  priority: P0$' "demo: priorities"
like "$OUT" '^  factors: \[f[a-z0-9]+\]$' "demo: actions name their factors"
run "$SCRIBE" export "$demo"
like "$OUT" '^\| Priority \| Action \| Type \| Owner \| Due \| Status \| Addresses \|$' "markdown action table"
run "$SCRIBE" check "$demo"
is "$RC" 0 "the demo checks clean"
is "$OUT" "" "with nothing to say"

done_testing
