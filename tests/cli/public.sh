#!/bin/bash
# export --public: internal events, stars, causal flags and marker
# warnings stay out; --no-authors leaves out names; the configuration's
# defaults; mentions neutralised; text of several lines as evidence.
. "$srcdir/tests/lib.sh"

WJ=$'\xe2\x81\xa0'	# U+2060 WORD JOINER
id=$("$SCRIBE" new "Checkout 5xx" --severity 2)
"$SCRIBE" log "$id" --at 2026-11-26T14:00:00Z --marker started --kind deploy "v2 rolled out by @dana" >/dev/null
e2=$("$SCRIBE" log "$id" --at 2026-11-26T14:05:00Z --marker detected --internal "paged @everyone on #ops-42 (see #123)")
"$SCRIBE" log "$id" --at 2026-11-26T14:07:00Z --internal "internal only: the db password was in the log" >/dev/null
printf 'NAME    READY\nweb-1   0/1 ```\n@here\n' | "$SCRIBE" log "$id" --at 2026-11-26T14:08:00Z - >/dev/null
"$SCRIBE" log "$id" --at 2026-11-26T14:30:00Z --marker mitigated "rolled back; mail dana@example.com" >/dev/null

run "$SCRIBE" show "$id"
like "$OUT" '\[DETECTED\] \(internal\) paged' "show marks an internal event"

run "$SCRIBE" export "$id" --format yaml
like "$OUT" "^  internal: true\$" "the yaml export carries internal: true"
run "$SCRIBE" export "$id" --format yaml --public
check "the public yaml has no internal event" bash -c '! grep -q "internal only" "$0"' "$WORK/out"
check "the public yaml has no internal key" bash -c '! grep -q "^  internal:" "$0"' "$WORK/out"
run "$SCRIBE" export "$id" --format yaml --no-authors
check "--no-authors: no by in the yaml" bash -c '! grep -q "^  by:" "$0"' "$WORK/out"

run "$SCRIBE" export "$id"
is "$RC" 0 "the internal report exits 0"
md=$OUT
like "$md" 'internal only: the db password' "the internal report has the internal event"
like "$md" '\(internal\) internal only' "marked (internal)"
like "$md" "@${WJ}everyone on #ops-42 \\(see #${WJ}123\\)" "@everyone and #123 neutralised, #ops-42 left"
like "$md" "by @${WJ}dana" "@name neutralised"
like "$md" "mail dana@example.com" "an e-mail address is left alone"
check "no live @everyone" bash -c '! grep -q "@everyone" "$0"' "$WORK/out"

run "$SCRIBE" export "$id" --public
is "$RC" 0 "the public report exits 0"
pub=$OUT
check "public: no internal event" bash -c '! grep -q "internal only" "$0"' "$WORK/out"
check "public: no (internal) mark" bash -c '! grep -qF "(internal)" "$0"' "$WORK/out"
like "$pub" '^- \*\*14:05\*\* UTC — \*\*DETECTED\*\*$' "public: an internal marker keeps its moment, not its text"
like "$pub" '^\| 14:00:00 \| 14:00:00 \| \+0s \| deploy \| tester \| \*\*STARTED\*\* v2 rolled out' "public: the timeline"
check "public: no Check the markers" bash -c '! grep -q "Check the markers" "$0"' "$WORK/out"
check "public: no Not yet covered" bash -c '! grep -q "Not yet covered" "$0"' "$WORK/out"
is "$ERR" "" "public: no marker warnings to give"

# evidence: verbatim, fenced longer than the backticks inside
like "$pub" '\| NAME    READY _\(in full: evidence 1\)_ \|$' "the table shows the first line"
ev=$(printf '%s\n' "$pub" | sed -n '/^\*\*Evidence 1\*\*/,$p')
is "$ev" "$(printf '%s\n' '**Evidence 1**, 14:08:00 UTC, tester:' '' '````text' 'NAME    READY' 'web-1   0/1 ```' '@here' '````')" \
	"evidence verbatim in a longer fence"

run "$SCRIBE" export "$id" --public --no-authors
check "--no-authors: no Who column" bash -c '! grep -q "| Who |" "$0"' "$WORK/out"
check "--no-authors: no author on evidence" bash -c '! grep -q "UTC, tester" "$0"' "$WORK/out"

# the configuration's defaults, and the options that override them
mkdir -p "$XDG_CONFIG_HOME/scribe"
printf 'export_public: true\nexport_authors: false\n' >"$XDG_CONFIG_HOME/scribe/config.yaml"
run "$SCRIBE" export "$id"
check "export_public: true makes the report public" bash -c '! grep -q "internal only" "$0"' "$WORK/out"
check "export_authors: false leaves out the names" bash -c '! grep -q "| Who |" "$0"' "$WORK/out"
run "$SCRIBE" export "$id" --internal --authors
like "$OUT" 'internal only' "--internal overrides the configuration"
like "$OUT" '\| Who \|' "--authors overrides the configuration"
printf 'export_public: maybe\n' >"$XDG_CONFIG_HOME/scribe/config.yaml"
run "$SCRIBE" export "$id"
like "$ERR" 'config.yaml:1:16: "export_public" is true or false, not "maybe"' "a bad value: FILE:LINE:COLUMN"
rm "$XDG_CONFIG_HOME/scribe/config.yaml"

# markers out of order and twice: the report, show and check say the same
id2=$("$SCRIBE" new "Markers" --severity 3)
"$SCRIBE" log "$id2" --at 2026-11-26T23:56:00Z --marker started "begin" >/dev/null
"$SCRIBE" log "$id2" --at 2026-11-26T00:16:00Z --marker detected "seen" >/dev/null
"$SCRIBE" log "$id2" --at 2026-11-26T23:58:00Z --marker detected "seen again" >/dev/null
run "$SCRIBE" show "$id2"
like "$OUT" '^warning: marker "detected" comes before "started"$' "show: out of order"
like "$OUT" '^warning: 2 events are marked "detected": the earliest counts$' "show: a second DETECTED"
run "$SCRIBE" check "$id2"
like "$OUT" 'warning: marker "detected" comes before "started"$' "check: out of order"
like "$OUT" 'warning: 2 events are marked "detected": the earliest counts$' "check: a second DETECTED"
run "$SCRIBE" export "$id2"
like "$OUT" '^- marker "detected" comes before "started"$' "report: out of order"
like "$OUT" '^- 2 events are marked "detected": the earliest counts$' "report: a second DETECTED"
run "$SCRIBE" export "$id2" --public
like "$ERR" '^scribe: warning: 2 events are marked "detected": the earliest counts$' "public: the warnings on stderr"

done_testing
