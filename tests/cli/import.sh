#!/bin/bash
# scribe import: journalctl text (short, short-iso, short-precise) and
# JSON, a Slack export, JSON lines, awkward lines (no time, bad time,
# zone-less, daylight-saving changes); re-importing adds nothing,
# --dry-run writes nothing, bad input writes nothing and says where.
. "$srcdir/tests/lib.sh"

FIX="$srcdir/tests/fixtures/import"
export TZ=UTC

# events: the YAML export (stdin) as one line per event, tab-separated:
# at, by, kind, imported_by, source (quotes taken off)
events() {
	awk -F': ' '
		function flush() { if (at != "") print at "\t" by "\t" kind "\t" ib "\t" src; at = "" }
		/^timeline:/ { on = 1; next }
		/^[a-z]/ { flush(); on = 0; next }
		on && /^- id: / { flush(); by = kind = ib = src = ""; next }
		on && /^  at: / { at = $2; gsub(/"/, "", at) }
		on && /^  by: / { by = substr($0, 7) }
		on && /^  kind: / { kind = $2 }
		on && /^  imported_by: / { ib = $2 }
		on && /^  source: / { src = substr($0, 11) }
		END { flush() }'
}

journals() { find "$SCRIBE_DIR/$1" -name 'j-*.yaml' | wc -l; }

run "$SCRIBE" --help
like "$OUT" '^  import ID \[--format auto\|lines\|journal\|slack\|jsonl\] \[--dry-run\] \[--tz ZONE\]' "--help lists import"

id=$("$SCRIBE" new "Checkout outage" --at 2026-12-02T00:00:00Z)
is "$id" 2026-12-02-checkout-outage "an incident to import into"

# ---- journalctl, short ----
run "$SCRIBE" import "$id" --dry-run --year 2026 "$FIX/short.txt"
is "$RC" 0 "--dry-run exits 0"
is "$OUT" "+ 2026-12-02 00:35:01.000 UTC  web-1  note  systemd[1]: Starting nginx.service - A high performance web server and a reverse proxy server...
+ 2026-12-02 00:35:01.000 UTC  web-1  note  nginx[812]: nginx: [emerg] bind() to 0.0.0.0:80 failed (98: Address already in use)
+ 2026-12-02 00:35:02.000 UTC  web-1  note  systemd[1]: nginx.service: Control process exited, code=exited, status=1/FAILURE
+ 2026-12-02 00:35:02.000 UTC  web-1  note  systemd[1]: nginx.service: Failed with result 'exit-code'.
+ 2026-12-02 00:38:40.000 UTC  web-1  note  kernel: Out of memory: Killed process 4242 (java) total-vm:8123456kB, anon-rss:4012345kB
+ 2026-12-02 00:39:10.000 UTC  web-1  note  app[99]: Traceback (most recent call last): (+2 lines)
would import 6 events from lines:$FIX/short.txt into $id (0 already there); times without a zone read in UTC (TZ); nothing written (--dry-run)" \
	"--dry-run lists what it would add, with the zone it read times in"
is "$(journals "$id")" 1 "--dry-run writes nothing"
is "$("$SCRIBE" show "$id" | grep -c 'web-1')" 0 "and show has none of it"

run "$SCRIBE" import "$id" --year 2026 "$FIX/short.txt"
is "$RC" 0 "import exits 0"
is "$OUT" "imported 6 events from lines:$FIX/short.txt into $id (0 already there); times without a zone read in UTC (TZ)" \
	"and says what it did"
is "$(journals "$id")" 2 "one run, one new journal"
check "no temp file left" test -z "$(find "$SCRIBE_DIR/$id" -name '.tmp-*')"
got=$("$SCRIBE" export "$id" --format yaml | events)
is "$got" "2026-12-02T00:35:01.000Z	web-1	note	tester	lines:$FIX/short.txt
2026-12-02T00:35:01.000Z	web-1	note	tester	lines:$FIX/short.txt
2026-12-02T00:35:02.000Z	web-1	note	tester	lines:$FIX/short.txt
2026-12-02T00:35:02.000Z	web-1	note	tester	lines:$FIX/short.txt
2026-12-02T00:38:40.000Z	web-1	note	tester	lines:$FIX/short.txt
2026-12-02T00:39:10.000Z	web-1	note	tester	lines:$FIX/short.txt" \
	"each event at its own time, by its host, with who imported it and from where"
run "$SCRIBE" show "$id"
is "$(printf '%s\n' "$OUT" | sed -n '4,5p')" \
"2026-12-02 00:35:01  note       web-1: systemd[1]: Starting nginx.service - A high performance web server and a reverse proxy server...
2026-12-02 00:35:01  note       web-1: nginx[812]: nginx: [emerg] bind() to 0.0.0.0:80 failed (98: Address already in use)" \
	"lines of the same second keep the log's order"
like "$OUT" 'app\[99\]: Traceback \(most recent call last\):
 +File "/srv/app/app.py", line 3, in <module>
 +ValueError: boom' "a line without a time continues the event before"
typed=$("$SCRIBE" export "$id" --format yaml | grep -m1 '^  typed: ')
like "$typed" "\"$(date -u +%Y-%m-%d)T" "typed says when it was imported"
run "$SCRIBE" check "$id"
is "$RC:$OUT" "0:" "check finds nothing wrong with imported events"

run "$SCRIBE" import "$id" --year 2026 "$FIX/short.txt"
is "$OUT" "imported 0 events from lines:$FIX/short.txt into $id (6 already there); times without a zone read in UTC (TZ)" \
	"importing the same file again adds nothing"
is "$(journals "$id")" 2 "and writes nothing"
run sh -c "'$SCRIBE' import '$id' --year 2026 - < '$FIX/short.txt'"
is "$OUT" "imported 0 events from lines:- into $id (6 already there); times without a zone read in UTC (TZ)" \
	"nor the same lines on standard input"

# ---- short-iso and short-precise ----
run "$SCRIBE" import "$id" --dry-run "$FIX/short-iso.txt"
is "$OUT" "would import 0 events from lines:$FIX/short-iso.txt into $id (3 already there); every time carried its zone; nothing written (--dry-run)" \
	"short-iso: the same lines with their zones are the same events"
run "$SCRIBE" import "$id" --year 2026 "$FIX/short-precise.txt"
is "$OUT" "imported 2 events from lines:$FIX/short-precise.txt into $id (0 already there); times without a zone read in UTC (TZ)" \
	"short-precise: new events (they carry milliseconds)"
like "$("$SCRIBE" export "$id" --format yaml | events)" '2026-12-02T00:35:01.654Z	web-1	note' "milliseconds kept"

# ---- journalctl -o json ----
id2=$("$SCRIBE" new "Journal" --at 2026-12-02T00:00:00Z)
run "$SCRIBE" import "$id2" "$FIX/journal.json"
is "$RC" 0 "journal JSON imports"
is "$OUT" "imported 4 events from journal:$FIX/journal.json into $id2 (0 already there, 1 left out: joins, bots, entries without a message); every time carried its zone" \
	"an entry without MESSAGE is left out, and said"
is "$("$SCRIBE" export "$id2" --format yaml | events | cut -f1-3)" "2026-12-02T00:35:01.123Z	web-1	note
2026-12-02T00:35:01.654Z	web-1	note
2026-12-02T00:35:02.000Z	web-1	note
2026-12-02T00:35:03.000Z	db-1	note" "__REALTIME_TIMESTAMP and _HOSTNAME"
run "$SCRIBE" show "$id2"
like "$OUT" 'web-1: nginx.service: nginx: \[emerg\] bind' "the unit before the message"
like "$OUT" 'web-1: app: bad bytes: ��
 +second line' "MESSAGE as bytes: invalid UTF-8 becomes U+FFFD"
run "$SCRIBE" import "$id2" --format journal "$FIX/journal.json"
like "$OUT" '^imported 0 events .*\(4 already there' "re-import adds nothing (ids from __CURSOR)"

# ---- a Slack export ----
id3=$("$SCRIBE" new "Slack" --at 2026-12-02T00:00:00Z)
run "$SCRIBE" import "$id3" "$FIX/slack"
is "$RC" 64 "a Slack export with several channels needs --channel"
like "$ERR" 'which channel\? --channel NAME \(the export .* has #incident-checkout, #general, #sec-checkout, #mpdm-alice--bob--carol-1, dm:alice.l\+Bob Builder, dm:alice.l\+carol\)' \
	"and names them: channels, private channels, group and direct messages"
run "$SCRIBE" import "$id3" --channel '#incident-checkout' "$FIX/slack"
is "$RC" 0 "a channel of a Slack export imports"
is "$OUT" "imported 4 events from slack:#incident-checkout into $id3 (0 already there, 5 left out: joins, bots, entries without a message); every time carried its zone" \
	"joins, bot messages and topic changes are left out"
run "$SCRIBE" show "$id3"
is "$(printf '%s\n' "$OUT" | sed -n '4,$p')" \
"2026-12-02 00:31:00  note       alice.l: Seeing 5xx on checkout, @Bob Builder can you look?
                                         ↳ Bob Builder (+2m 00s): nginx can't bind :80,
                                           something else holds it
                                         ↳ alice.l (+5m 00s): rollback done, status page (https://status.example.com) updated
                                         ↳ carol (+23h 34m): postmortem doc is in #general
2026-12-02 00:34:00  deploy     carol: rolling back v42 & draining web-1 (edited)
2026-12-02 00:37:00  note       Bob Builder: heap dump from web-1
                                             [file: heap-web-1.hprof]
2026-12-03 00:10:00  note       alice.l: @here incident closed" \
	"display names, threads kept together, markup read, edits marked, a kind from a prefix"
like "$("$SCRIBE" export "$id3" --format yaml)" 'source: slack:#incident-checkout' "the source names the channel"
run "$SCRIBE" import "$id3" --channel C01INC "$FIX/slack"
like "$OUT" '^imported 0 events .*\(4 already there' "re-import (by channel id) adds nothing"
run "$SCRIBE" import "$id3" --channel nope "$FIX/slack"
is "$RC" 64 "an unknown channel is a usage error"
run "$SCRIBE" import "$id3" --channel general --dry-run "$FIX/slack"
is "$OUT" "+ 2026-12-02 02:53:20.000 UTC  Bob Builder  note  lunch?
would import 1 event from slack:#general into $id3 (0 already there); every time carried its zone; nothing written (--dry-run)" \
	"another channel is another source"

# ---- direct messages, private channels, group messages ----
id3d=$("$SCRIBE" new "Slack DMs" --at 2026-12-02T00:00:00Z)
run "$SCRIBE" import "$id3d" --channel bob "$FIX/slack"
is "$RC:$OUT" "0:imported 2 events from slack:dm:alice.l+Bob Builder into $id3d (0 already there, 1 left out: joins, bots, entries without a message); every time carried its zone" \
	"a DM chosen by the other member's name; the bot left out"
run "$SCRIBE" show "$id3d"
is "$(printf '%s\n' "$OUT" | sed -n '4,$p')" \
"2026-12-02 00:31:40  note       alice.l: @Bob Builder are you on the checkout 5xx? I can take comms
                                         ↳ Bob Builder (+30s): yes, looking at web-1 now
2026-12-02 00:33:20  note       Bob Builder: port 80 is taken by the old haproxy (edited)" \
	"a DM's thread kept together, its edit marked"
for c in D01AB @bob 'Bob Builder' alice+bob 'dm:alice.l+Bob Builder' '@alice.l,@bob'; do
	run "$SCRIBE" import "$id3d" --channel "$c" "$FIX/slack"
	is "$RC:$OUT" "0:imported 0 events from slack:dm:alice.l+Bob Builder into $id3d (2 already there, 1 left out: joins, bots, entries without a message); every time carried its zone" \
		"--channel '$c' is the same DM: nothing added"
done
run "$SCRIBE" import "$id3d" --channel alice "$FIX/slack"
is "$RC:$ERR" "64:scribe: \"alice\" names 2 direct messages in the Slack export $FIX/slack: dm:alice.l+Bob Builder (D01AB), dm:alice.l+carol (D02AC); --channel takes a DM's id, or all its members' names joined by '+'" \
	"a name in two DMs: which ones, and how to choose"
run "$SCRIBE" import "$id3d" --channel carol --dry-run "$FIX/slack"
is "$OUT" "+ 2026-12-02 00:35:00.000 UTC  alice.l  note  can you draft the status page note?
would import 1 event from slack:dm:alice.l+carol into $id3d (0 already there); every time carried its zone; nothing written (--dry-run)" \
	"another DM is another source"
run "$SCRIBE" import "$id3d" --channel sec-checkout --dry-run "$FIX/slack"
is "$OUT" "+ 2026-12-02 00:36:40.000 UTC  carol  note  no sign of a breach in the WAF logs
would import 1 event from slack:#sec-checkout into $id3d (0 already there, 1 left out: joins, bots, entries without a message); every time carried its zone; nothing written (--dry-run)" \
	"a private channel (groups.json), its join left out"
run "$SCRIBE" import "$id3d" --channel G02MPIM --dry-run "$FIX/slack"
like "$OUT" "^\\+ 2026-12-02 00:38:20.000 UTC  carol  note  who writes the postmortem\\?
would import 1 event from slack:#mpdm-alice--bob--carol-1 into" "a group DM (mpims.json) by its id"
run "$SCRIBE" import "$id3d" --channel dave "$FIX/slack"
is "$RC" 64 "a name in no DM and no channel: 64"

# ---- a Slack export as a .zip ----
# slack_zip FOLDER ZIP [stored|top]: the folder zipped at test time
slack_zip() {
	python3 - "$@" <<'PY'
import os, sys, zipfile
src, dst = sys.argv[1], sys.argv[2]
how = sys.argv[3] if len(sys.argv) > 3 else ""
with zipfile.ZipFile(dst, "w", zipfile.ZIP_STORED if how == "stored" else zipfile.ZIP_DEFLATED) as z:
    for root, dirs, files in os.walk(src):
        dirs.sort()
        for f in sorted(files):
            p = os.path.join(root, f)
            name = os.path.relpath(p, src)
            z.write(p, ("export/" + name) if how == "top" else name)
PY
}
# same ID ID2: the two incidents' timelines alike (ids, times, authors, kinds, sources, texts)
timeline() { "$SCRIBE" export "$1" --format yaml | sed -n '/^timeline:/,/^[a-z]/p' | grep -v '^  \(typed\|logged\|rev\): '; }
if ! command -v python3 >/dev/null; then
	pass "a Slack export as a .zip # SKIP no python3 to build the zip"
else
	slack_zip "$FIX/slack" "$WORK/slack.zip"
	idz=$("$SCRIBE" new "Slack zipped" --at 2026-12-02T00:00:00Z)
	run "$SCRIBE" import "$idz" "$WORK/slack.zip"
	is "$RC" 64 "a zipped export is recognised, and with several channels needs --channel"
	like "$ERR" "which channel\\? --channel NAME \\(the export $WORK/slack.zip has #incident-checkout, #general, " "and names them"
	for c in incident-checkout general bob carol sec-checkout G02MPIM; do
		run "$SCRIBE" import "$idz" --channel "$c" "$WORK/slack.zip"
		is "$RC" 0 "the zip's $c imports"
	done
	idf=$("$SCRIBE" new "Slack folder" --at 2026-12-02T00:00:00Z)
	for c in incident-checkout general bob carol sec-checkout G02MPIM; do
		"$SCRIBE" import "$idf" --channel "$c" "$FIX/slack" >/dev/null
	done
	is "$(timeline "$idz")" "$(timeline "$idf")" "the zip imports exactly what the folder does"
	is "$(timeline "$idz" | grep -c '^- id: ')" 10 "all ten events of the six conversations"
	run "$SCRIBE" import "$idz" --channel incident-checkout --format slack "$FIX/slack"
	like "$OUT" '^imported 0 events .*\(4 already there' "the folder after the zip adds nothing"

	slack_zip "$FIX/slack" "$WORK/stored.zip" stored
	slack_zip "$FIX/slack" "$WORK/top.zip" top
	for z in stored top; do
		run "$SCRIBE" import "$idz" --channel incident-checkout "$WORK/$z.zip"
		like "$RC:$OUT" '^0:imported 0 events .*\(4 already there' "a $z zip reads the same events"
	done
	run "$SCRIBE" import "$idz" --channel bob - <"$WORK/slack.zip"
	like "$RC:$OUT" '^0:imported 0 events from slack:dm:alice.l\+Bob Builder .*\(2 already there' "a zip on standard input"

	# bad archives: the file, what is wrong, 65, nothing written
	before=$(journals "$idz")
	head -c 300 "$WORK/slack.zip" >"$WORK/cut.zip"
	run "$SCRIBE" import "$idz" --channel general "$WORK/cut.zip"
	is "$RC:$ERR" "65:scribe: $WORK/cut.zip: not a zip archive (no end of central directory record)" "a cut zip: 65, and why"
	python3 - "$WORK/evil.zip" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w") as z:
    z.writestr("channels.json", "[]")
    z.writestr("../../outside.json", "[]")
PY
	run "$SCRIBE" import "$idz" "$WORK/evil.zip"
	is "$RC:$ERR" "65:scribe: $WORK/evil.zip: entry \"../../outside.json\" is refused: its name is absolute or holds \"..\"" \
		"a name that leaves the folder: 65"
	# one byte of the first day of incident-checkout changed: a CRC or inflate error
	python3 - "$WORK/stored.zip" "$WORK/bad-crc.zip" <<'PY'
import sys
b = bytearray(open(sys.argv[1], "rb").read())
i = b.index(b"incident closed")
b[i] ^= 0x20
open(sys.argv[2], "wb").write(b)
PY
	run "$SCRIBE" import "$idz" --channel incident-checkout "$WORK/bad-crc.zip"
	is "$RC:$ERR" "65:scribe: $WORK/bad-crc.zip: damaged zip archive: entry \"incident-checkout/2026-12-03.json\" fails its CRC-32 check" \
		"a damaged entry: its CRC is checked"
	mkdir -p "$WORK/slack-bad" && cp -r "$FIX/slack/." "$WORK/slack-bad/"
	printf '[{"type": "message", "user": "U01ALICE", "ts": "yesterday", "text": "ok"}]\n' \
		>"$WORK/slack-bad/incident-checkout/2026-12-04.json"
	slack_zip "$WORK/slack-bad" "$WORK/slack-bad.zip"
	run "$SCRIBE" import "$idz" --channel incident-checkout "$WORK/slack-bad.zip"
	is "$RC:$ERR" "65:$WORK/slack-bad.zip/incident-checkout/2026-12-04.json:1:48: bad ts: seconds since 1970 with a fraction, in a string (\"1764635701.123456\")
scribe: nothing imported" "a bad message in a zip: ZIP/ENTRY:LINE:COLUMN"
	is "$(journals "$idz")" "$before" "no bad archive wrote anything"
fi

# ---- JSON lines ----
id4=$("$SCRIBE" new "Lines" --at 2026-12-02T00:00:00Z)
run "$SCRIBE" import "$id4" "$FIX/events.jsonl"
is "$RC" 65 "JSON lines without the usual field names"
is "$ERR" "$FIX/events.jsonl:1:1: no time field \"time\" (--time-field names another)
scribe: nothing imported" "says which field it missed, where"
run "$SCRIBE" import "$id4" --time-field when --text-field msg --by-field who.name --tz Europe/Berlin "$FIX/events.jsonl"
is "$RC" 0 "with the fields named"
is "$("$SCRIBE" export "$id4" --format yaml | events | cut -f1-3)" "2026-12-01T23:42:00.000Z	carol	note
2026-12-02T00:40:00.000Z	alice	deploy
2026-12-02T00:41:00.500Z	bob	note" "RFC 3339, seconds since 1970 and a zone-less time read in --tz"

# ---- zone-less times and daylight saving ----
id5=$("$SCRIBE" new "Zones" --at 2026-03-01T00:00:00Z)
run "$SCRIBE" import "$id5" --tz Europe/Berlin "$FIX/zoneless.txt"
is "$RC" 0 "zone-less lines across both changes import"
is "$ERR" "$FIX/zoneless.txt:2:1: warning: 2026-03-29 02:30:00 never happened (clocks set forward) in Europe/Berlin (--tz): read as 2026-03-29 03:30:00 +0200
$FIX/zoneless.txt:4:1: warning: 2026-10-25 02:10:00 happened twice (clocks set back) in Europe/Berlin (--tz): read as 2026-10-25 02:10:00 +0200
$FIX/zoneless.txt:5:1: warning: 2026-10-25 02:50:00 happened twice (clocks set back) in Europe/Berlin (--tz): read as 2026-10-25 02:50:00 +0200
$FIX/zoneless.txt:6:1: warning: 2026-10-25 02:10:00 happened twice (clocks set back) in Europe/Berlin (--tz): read as 2026-10-25 02:10:00 +0100" \
	"each time in a change is said, with how it was read"
like "$OUT" 'times without a zone read in Europe/Berlin \(--tz\)$' "the zone is stated"
is "$("$SCRIBE" export "$id5" --format yaml | events | cut -f1)" "2026-03-29T00:59:00.000Z
2026-03-29T01:01:00.000Z
2026-03-29T01:30:00.000Z
2026-10-25T00:10:00.000Z
2026-10-25T00:50:00.000Z
2026-10-25T01:10:00.000Z
2026-10-25T02:05:00.000Z" "a skipped time uses the offset before the change; a repeated one the first, then the second once the log has passed it"
run env TZ=America/New_York "$SCRIBE" import "$id5" --dry-run "$FIX/zoneless.txt"
like "$OUT" 'times without a zone read in America/New_York \(TZ\); nothing written' "without --tz, TZ is the zone, and stated"

# ---- syslog dates without a year ----
y=$(date -u -d '-1 day' +%Y)
printf '%s web-2 cron[7]: yesterday\n' "$(date -u -d '-1 day' '+%b %e %H:%M:%S')" >"$WORK/syslog"
run "$SCRIBE" import "$id5" --dry-run "$WORK/syslog"
like "$OUT" "^\\+ $y-[0-9-]+ [0-9:.]+ UTC  web-2  note  cron\\[7\\]: yesterday" "a syslog date gets the latest year not in the future"

# ---- bad input: where, exit 65, nothing written ----
before=$(journals "$id")
for f in "bad-time.txt:2:12: bad time: the hour is past 23" \
	"no-time.txt:1:1: no time at the start of the line, and no line before it to continue (a line begins with RFC 3339, YYYY-MM-DD HH:MM[:SS] or a syslog time)" \
	"bad-month.txt:2:6: bad time: no such month" \
	"bad.jsonl:2:42: a string that never ends"; do
	name=${f%%:*}
	run "$SCRIBE" import "$id" "$FIX/$name"
	is "$RC" 65 "$name: exit 65"
	is "$ERR" "$FIX/${f}
scribe: nothing imported" "$name: FILE:LINE:COLUMN: message"
done
is "$(journals "$id")" "$before" "a source with an error imports nothing, not even its good lines"

cp -r "$FIX/slack" "$WORK/slack"
printf '[\n  {"type": "message", "user": "U01ALICE", "ts": "1796171460.000300", "text": "ok"},\n  {"type": "message" "user": "U02BOB"}\n]\n' \
	>"$WORK/slack/incident-checkout/2026-12-04.json"
run "$SCRIBE" import "$id3" --channel incident-checkout "$WORK/slack"
is "$RC:$ERR" "65:$WORK/slack/incident-checkout/2026-12-04.json:3:22: ',' or '}' was expected
scribe: nothing imported" "a broken day of a Slack export: FILE:LINE:COLUMN"
printf '[{"type": "message", "user": "U01ALICE", "ts": "yesterday", "text": "ok"}]\n' \
	>"$WORK/slack/incident-checkout/2026-12-04.json"
run "$SCRIBE" import "$id3" --channel incident-checkout "$WORK/slack"
like "$RC:$ERR" '^65:.*/2026-12-04.json:1:48: bad ts' "a bad ts: where"

printf 'PK\003\004rest of a zip' >"$WORK/export.zip"
run "$SCRIBE" import "$id3" "$WORK/export.zip"
is "$RC:$ERR" "65:scribe: $WORK/export.zip: not a zip archive (17 bytes, too short for one)" "a zip that is not one: 65, and why"
run "$SCRIBE" import "$id3" --format slack "$FIX/short.txt"
is "$RC:$ERR" "64:scribe: $FIX/short.txt: a Slack export is a folder or a .zip, and this is neither" "--format slack of a text file"
run "$SCRIBE" import "$id3" "$WORK/nonexistent"
is "$RC" 66 "no such file: 66"
run "$SCRIBE" import no-such-incident "$FIX/short.txt"
is "$RC" 66 "no such incident: 66"
run "$SCRIBE" import "$id" --tz Mars/Olympus "$FIX/short.txt"
is "$RC" 64 "an unknown zone is a usage error"
run "$SCRIBE" import "$id" --format csv "$FIX/short.txt"
is "$RC" 64 "an unknown format is a usage error"
mkdir -p "$WORK/notslack"
run "$SCRIBE" import "$id3" "$WORK/notslack"
is "$RC:$ERR" "66:scribe: $WORK/notslack is not a Slack export: it has no channels.json" "a folder that is no Slack export: 66, and why"
run "$SCRIBE" import "$id" --format lines "$FIX/slack"
is "$RC" 64 "a folder is only a Slack export"

# deeply nested JSON is refused at its depth limit, not by the stack
{ printf '{"time": "2026-12-02T00:00:00Z", "text": "x", "deep": '; head -c 100000 /dev/zero | tr '\0' '['; echo; } >"$WORK/deep.jsonl"
run "$SCRIBE" import "$id4" "$WORK/deep.jsonl"
is "$RC:$ERR" "65:$WORK/deep.jsonl:1:118: nested too deeply (more than 64 levels)
scribe: nothing imported" "nesting is bounded"

# ---- kinds from rules, authors ----
id6=$("$SCRIBE" new "Rules" --at 2026-12-02T00:00:00Z)
run "$SCRIBE" import "$id6" --year 2026 --rule 'action=Killed process' --rule 'config=systemd\[1\]' --kind discovery "$FIX/short.txt"
is "$RC" 0 "--rule and --kind"
is "$("$SCRIBE" export "$id6" --format yaml | events | cut -f3 | tr '\n' ' ')" "config discovery config config action discovery " \
	"the first rule that matches gives the kind, --kind the rest"
printf '2026-12-02 00:50:00 all clear\n' | "$SCRIBE" import "$id6" --by oncall - >/dev/null
like "$("$SCRIBE" export "$id6" --format yaml | events)" '2026-12-02T00:50:00.000Z	oncall	note	tester	lines:-' "--by names the author of lines without a host"
long=$(printf 'é%.0s' $(seq 150))
printf '{"time": "2026-12-02T00:51:00Z", "text": "long name", "by": "x%s"}\n' "$long" >"$WORK/long.jsonl"
run "$SCRIBE" import "$id6" "$WORK/long.jsonl"
by=$("$SCRIBE" export "$id6" --format yaml | events | grep -F "2026-12-02T00:51:00.000Z" | cut -f2)
is "${#by}" 100 "a long author is cut to 200 bytes, on a character boundary (x and 99 é)"
run "$SCRIBE" import "$id6" --rule 'bogus=x' "$FIX/short.txt"
is "$RC" 64 "a rule with an unknown kind is a usage error"

# a message of two lines: "+1 line"
printf 'Dec  2 00:40:00 web-1 app[99]: Traceback (most recent call last):\n  File "/srv/app/app.py", line 3\n' >"$WORK/two.txt"
run "$SCRIBE" import "$id6" --dry-run --year 2026 "$WORK/two.txt"
like "$OUT" 'Traceback \(most recent call last\): \(\+1 line\)$' "--dry-run: one more line is \"+1 line\""

done_testing
