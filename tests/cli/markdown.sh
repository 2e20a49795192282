#!/bin/bash
# The markdown report read by a real CommonMark/GFM parser (cmark-gfm,
# through tests/mdcheck.py): headings in the formula's order, every table
# with the same cells in every row, every code block closed, no raw HTML
# from anyone's text; and the public report of a fixed incident, in full.
. "$srcdir/tests/lib.sh"

command -v cmark-gfm >/dev/null || { echo "1..0 # SKIP cmark-gfm is not installed (apt-get install cmark-gfm)"; exit 77; }
command -v python3 >/dev/null || { echo "1..0 # SKIP no python3"; exit 77; }
mdcheck() { python3 "$srcdir/tests/mdcheck.py" "$@"; }

# the checker itself finds what it is there to find
printf '# T\n\n| a | b |\n| --- | --- |\n| 1 | 2 | 3 |\n' >"$WORK/bad-table.md"
run mdcheck "$WORK/bad-table.md"
like "$RC:$ERR" '^1:.*bad-table.md:5: a table row of 3 cells under a header of 2$' "the checker: a ragged table"
printf '# T\n\n````text\nx\n```\n' >"$WORK/bad-fence.md"
run mdcheck "$WORK/bad-fence.md"
like "$RC:$ERR" '^1:.*bad-fence.md:3: a code block that is never closed$' "the checker: an open code block"
printf '# T\n\nsay <b>hi</b>\n\n<div>x</div>\n' >"$WORK/bad-html.md"
run mdcheck "$WORK/bad-html.md"
like "$RC:$ERR" '^1:.*bad-html.md:3: raw HTML: <b>' "the checker: inline HTML"
like "$ERR" 'bad-html.md:5: raw HTML: <div>x</div>' "the checker: an HTML block"

fix=$srcdir/tests/fixtures/report
mkdir -p "$SCRIBE_DIR"
cp -r "$fix/2026-11-26-checkout-5xx" "$SCRIBE_DIR/"
chmod -R u+w "$SCRIBE_DIR"
id=2026-11-26-checkout-5xx

TZ=Europe/Berlin run "$SCRIBE" export "$id" --public -o "$WORK/public.md"
is "$RC:$ERR" "0:" "the public report, without a word on stderr"
check "the public report, in full" cmp -s "$WORK/public.md" "$fix/expected-public.md"
diff "$fix/expected-public.md" "$WORK/public.md" | head -20 | sed 's/^/# /'

want_headings="# Checkout 5xx after the payment deploy
## We are sorry
## What happened
### Key moments
### Contributing factors
#### Trigger
#### Technical
#### Communication
### What went well
### Where we got lucky
## What we will do
## Appendix: timeline
### Evidence"
run mdcheck "$WORK/public.md"
is "$RC:$ERR" "0:" "public: tables even, code blocks closed, no raw HTML"
is "$OUT" "$want_headings" "public: the headings in the formula's order"
TZ=Europe/Berlin "$SCRIBE" export "$id" -o "$WORK/internal.md"
run mdcheck "$WORK/internal.md"
is "$RC:$ERR" "0:" "internal: tables even, code blocks closed, no raw HTML"
is "$OUT" "$want_headings" "internal: the same headings"

# anyone's text, however hostile, stays text
id2=$("$SCRIBE" new "Title with <b>html</b> and | pipes")
"$SCRIBE" log "$id2" --at 2026-11-26T10:00:00Z --marker started '# not a heading | <i>x</i> ``` [a](b) ![c](d)' >/dev/null
"$SCRIBE" log "$id2" --at 2026-11-26T10:01:00Z --marker detected "$(printf '<!-- comment -->\n    indented\n~~~\n````\n| a | b |\n|---|---|\n<script>x</script>')" >/dev/null
"$SCRIBE" log "$id2" --at 2026-11-26T10:02:00Z '<div>' >/dev/null
"$SCRIBE" log "$id2" --at 2026-11-26T10:03:00Z --marker mitigated '[ref]: http://example.com "t"' >/dev/null
"$SCRIBE" log "$id2" --at 2026-11-26T10:04:00Z --marker resolved "$(printf 'ends with\n```')" >/dev/null
for flags in "" "--public" "--public --no-authors"; do
	# shellcheck disable=SC2086
	"$SCRIBE" export "$id2" $flags -o "$WORK/hostile.md"
	run mdcheck "$WORK/hostile.md"
	is "$RC:$ERR" "0:" "hostile text ${flags:-internal}: tables even, code blocks closed, no raw HTML"
	is "$(printf '%s\n' "$OUT" | grep -c '^## ')" 4 "hostile text ${flags:-internal}: no heading but ours"
done
run cmark-gfm -e table "$WORK/hostile.md"
check "no tag from the text reaches the HTML" bash -c '! grep -Eq "<(b|i|div|script)>|<!--" "$0"' "$WORK/out"

done_testing
