#!/bin/bash
# /import FILE in the program (tmux, 120x24, room for messages): the lines the file would add
# with their times, all ticked; Space unticks, Enter adds the ticked ones,
# Esc adds nothing; a bad file is said with its place and adds nothing;
# a channel and a direct message of a Slack export's .zip.
. "$srcdir/tests/lib.sh"

FIX="$srcdir/tests/fixtures/import"
id=$("$SCRIBE" new "Checkout outage" --at 2026-12-02T00:00:00Z)
cp "$FIX/short-precise.txt" "$WORK/precise.log"
cp "$FIX/zoneless.txt" "$WORK/zoneless.log"
cp "$FIX/bad-time.txt" "$WORK/bad.log"
count() { "$SCRIBE" export "$id" --format yaml | grep -c '^  source: '; }

cd "$WORK" || exit 1
screen_start 120 24 "$SCRIBE" open "$id"
screen_wait "No events yet" || true

screen_type "/import bad.log"
screen_keys Enter
screen_wait 'bad.log:2:12: bad time: the hour is past 23 \(nothing' &&
	pass "a bad file: FILE:LINE:COLUMN on the status line" || fail "a bad file: FILE:LINE:COLUMN on the status line"
is "$(count)" 0 "and nothing imported"

screen_type "/import zoneless.log"
screen_keys Enter
screen_wait 'Import 7 events from lines:' && pass "the checklist opens" || fail "the checklist opens"
like "$(screen_text)" '\[x\] 03-29 01:59:00  zoneless\.log  note      before the clocks go forward' \
	"each line with its time, author, kind and text, ticked"
screen_keys Escape
screen_wait 'No events yet' && pass "Esc closes it" || fail "Esc closes it"
is "$(count)" 0 "Esc adds nothing"

screen_type "/import precise.log"
screen_keys Enter
screen_wait 'Import 2 events from lines:' || true
screen_keys Space
screen_wait '\[ \] 12-02 00:35:01  web-1' && pass "Space unticks the highlighted line" || fail "Space unticks the highlighted line"
screen_keys Enter
screen_wait 'imported 1 of 2 events from lines:' && pass "Enter adds the ticked ones, and says so" ||
	fail "Enter adds the ticked ones, and says so"
poll 5 bash -c "[ \"\$(\"$SCRIBE\" export $id --format yaml | grep -c '^  source: ')\" = 1 ]"
is "$(count)" 1 "one event added"
like "$("$SCRIBE" show "$id")" 'nginx\[812\]: nginx: \[emerg\]' "the ticked one"

screen_type "/import precise.log"
screen_keys Enter
screen_wait 'Import 1 events from lines:.*\(1 already there\)' && pass "again: only what is not there yet" ||
	fail "again: only what is not there yet"
screen_keys Enter
screen_wait 'imported 1 of 1 events' || true
poll 5 bash -c "[ \"\$(\"$SCRIBE\" export $id --format yaml | grep -c '^  source: ')\" = 2 ]"
is "$(count)" 2 "the other one added"
screen_type "/import precise.log"
screen_keys Enter
screen_wait 'nothing new in lines:.*\(2 already there\)' && pass "nothing new: said, no list" || fail "nothing new: said, no list"

# a Slack export as downloaded: a .zip, zipped here (python3's zipfile)
if command -v python3 >/dev/null; then
	python3 - "$FIX/slack" "$WORK/export.zip" <<'PY'
import os, sys, zipfile
src, dst = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as z:
    for root, dirs, files in os.walk(src):
        for f in files:
            p = os.path.join(root, f)
            z.write(p, os.path.relpath(p, src))
PY
	screen_type "/import #incident-checkout export.zip"
	screen_keys Enter
	screen_wait 'Import 4 events from slack:#incident-checkout' && pass "/import #CHANNEL of a .zip: the checklist" ||
		fail "/import #CHANNEL of a .zip: the checklist"
	like "$(screen_text)" '\[x\] 12-02 00:34:00  carol +deploy +rolling back v42' "the channel's messages, ticked"
	screen_keys Enter
	screen_wait 'imported 4 of 4 events from slack:#incident-checkout' && pass "added" || fail "added"
	screen_type "/import #bob export.zip"
	screen_keys Enter
	screen_wait 'Import 2 events from slack:dm:alice.l\+Bob Builder' && pass "/import #NAME: a direct message by the other member's name" ||
		fail "/import #NAME: a direct message by the other member's name"
	screen_keys Escape
	screen_wait 'imported 4 of 4|rolling back v42' >/dev/null || true
	screen_type "/import #alice export.zip"
	screen_keys Enter
	screen_wait '"alice" names 2 direct messages' && pass "a name in two DMs: said on the status line" ||
		fail "a name in two DMs: said on the status line"
else
	pass "/import of a Slack .zip # SKIP no python3 to build the zip"
fi

screen_keys C-q
screen_wait '\[exit 0\]' && pass "Ctrl-Q quits" || fail "Ctrl-Q quits"
done_testing
