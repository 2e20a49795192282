#!/bin/bash
# man/scribe.1's KEYS section is what the key tables make (make man-keys):
# every request's keys and every slash command, from the built binary.
. "$srcdir/tests/lib.sh"

run sh "$srcdir/man/keys-section.sh" --check "$SCRIBE" "$srcdir/man/scribe.1"
is "$RC" 0 "man/scribe.1's KEYS section is what make man-keys makes"
[ "$RC" = 0 ] || printf '%s\n' "$OUT" "$ERR" | head -40 | sed 's/^/# /'

run "$SCRIBE" --dump-keys=man
is "$RC" 0 "--dump-keys=man"
section=$OUT
like "$section" '^\.B Down j$' "j is in the manual (next item)"
like "$section" '^\.B Up k$' "k is in the manual (previous item)"
like "$section" '^\.B F1 \?$' "? is in the manual beside F1"
like "$section" '^\.B Ctrl\\-Q Ctrl\\-C$' "Ctrl-C beside Ctrl-Q"
like "$section" '^Next event or item; j not in the timeline or the picker\.$' "and where j does not move"
like "$section" '^\.B /star$' "the slash commands"

# CONFIGURATION names every request whose keys can be changed
run "$SCRIBE" --dump-keys=man-requests
is "$RC" 0 "--dump-keys=man-requests"
requests=$OUT
like "$requests" '^fold,$' "the names: fold"
like "$requests" '^no\\-action,$' "no-action"
like "$requests" '^filter\\c$' "the last one, followed by the text without a space"
check "not cursor: the entry's own keys are fixed" bash -c "! grep -q '^cursor' <<<'$requests'"
check "not priority: its digits are the priorities" bash -c "! grep -q '^priority' <<<'$requests'"

# the check sees a page that drifted: a key taken out, a marker lost
cp "$srcdir/man/scribe.1" "$WORK/scribe.1"
sed -i 's/^\.B Down j$/.B Down/' "$WORK/scribe.1"
run sh "$srcdir/man/keys-section.sh" --check "$SCRIBE" "$WORK/scribe.1"
is "$RC" 1 "a page without j fails the check"
like "$ERR" "run make man-keys" "and says what to do"
like "$OUT" '^\+\.B Down j$' "and shows the line"
run sh "$srcdir/man/keys-section.sh" "$SCRIBE" "$WORK/scribe.1"
is "$RC" 0 "make man-keys' rewrite"
check "puts the page back as it was" cmp -s "$srcdir/man/scribe.1" "$WORK/scribe.1"
sed -i '/^\.\\" END KEYS/d' "$WORK/scribe.1"
run sh "$srcdir/man/keys-section.sh" --check "$SCRIBE" "$WORK/scribe.1"
is "$RC" 2 "a page without its END KEYS marker is an error"
like "$ERR" "the BEGIN and END markers of KEYS and REQUESTS are missing or not in pairs" "which says so"
cp "$WORK/scribe.1" "$WORK/before"
run sh "$srcdir/man/keys-section.sh" "$SCRIBE" "$WORK/scribe.1"
check "and is left as it was" cmp -s "$WORK/before" "$WORK/scribe.1"

run "$SCRIBE" --dump-keys=html
is "$RC" 64 "an unknown dump format is a usage error"

done_testing
