#!/bin/bash
# export --format actions-csv and actions-jsonl: RFC 4180 CSV that a real
# CSV parser reads back with every field intact (commas, quotes,
# newlines), the same actions as JSON lines, and the link back.
. "$srcdir/tests/lib.sh"

command -v python3 >/dev/null || { echo "1..0 # SKIP no python3"; exit 77; }
fix=$srcdir/tests/fixtures/report
mkdir -p "$SCRIBE_DIR"
cp -r "$fix/2026-11-26-checkout-5xx" "$SCRIBE_DIR/"
chmod -R u+w "$SCRIBE_DIR"
id=2026-11-26-checkout-5xx

run "$SCRIBE" export "$id" --format actions-csv -o "$WORK/a.csv"
is "$RC" 0 "actions-csv exits 0"
run "$SCRIBE" export "$id" --format actions-jsonl -o "$WORK/a.jsonl"
is "$RC" 0 "actions-jsonl exits 0"
check "records end in CRLF (RFC 4180)" bash -c '[ "$(head -1 "$0" | od -An -c | tr -d " \n" | tail -c 4)" = "\\r\\n" ]' "$WORK/a.csv"

# the CSV through Python's csv module, against the JSON lines and
# against what the fixture holds
run python3 - "$WORK/a.csv" "$WORK/a.jsonl" <<'PY'
import csv, json, sys
rows = list(csv.reader(open(sys.argv[1], newline='', encoding='utf-8'), strict=True))
acts = [json.loads(l) for l in open(sys.argv[2], encoding='utf-8')]
head = rows[0]
print('header', ','.join(head))
print('rows', len(rows) - 1, 'actions', len(acts))
ok = len(rows) - 1 == len(acts)
for row, a in zip(rows[1:], acts):
    r = dict(zip(head, row))
    ok &= len(row) == len(head)
    want = {'Title': a['title'], 'Description': a['description'], 'Owner': a['owner'] or '',
            'Due': a['due'] or '', 'Priority': a['priority'], 'Type': a['type'],
            'Status': a['status'], 'Votes': str(a['votes']),
            'Factors': '; '.join(f['title'] for f in a['factors']),
            'Incident': a['incident'], 'Action': a['id'], 'Ref': a['ref'] or ''}
    for k, v in want.items():
        if r[k] != v:
            print('differs', a['id'], k, repr(r[k]), repr(v))
            ok = False
tricky = [dict(zip(head, r)) for r in rows[1:] if r[10] == 'acccccccc05'][0]
print('title', tricky['Title'])
print('owner', tricky['Owner'])
print('reason in description', 'Won\'t fix: Two lines, "quoted",\nand a comma' in tricky['Description'])
print('link back', tricky['Description'].endswith('The incident: scribe open 2026-11-26-checkout-5xx (action acccccccc05)'))
print('factors', tricky['Factors'])
print('all intact', ok)
PY
is "$RC" 0 "python reads the CSV"
is "$OUT" "header Title,Description,Owner,Due,Priority,Type,Status,Votes,Factors,Incident,Action,Ref
rows 5 actions 5
title Say \"sorry\", then fix: the status page, by hand
owner O'Brien, Pat
reason in description True
link back True
factors Status page updated by hand; New client defaults shrank the pool
all intact True" "every field intact: commas, quotes and newlines"
like "$(head -2 "$WORK/a.jsonl" | tail -1)" '"priority":"P1","type":"process","status":"open","reason":null,"votes":2,' "jsonl: priority, votes"
like "$(head -1 "$WORK/a.jsonl")" '"ref":"PAY-481"\}$' "jsonl: the tracker's reference"

# the link back from the configuration
mkdir -p "$XDG_CONFIG_HOME/scribe"
printf 'export_link: https://wiki.example.com/pm/{id}\n' >"$XDG_CONFIG_HOME/scribe/config.yaml"
run "$SCRIBE" export "$id" --format actions-jsonl
like "$OUT" 'The incident: https://wiki\.example\.com/pm/2026-11-26-checkout-5xx \(action acccccccc01\)"' "export_link is the way back"
rm "$XDG_CONFIG_HOME/scribe/config.yaml"

# straight to a terminal, nothing anyone wrote acts on it
if command -v script >/dev/null; then
	tty=$(script -qc "$(printf '%q ' "$SCRIBE" export "$id" --format actions-csv)" /dev/null | tr -d '\r')
	like "$tty" '^"Title","Description"' "to a terminal: the CSV"
else
	pass "to a terminal: the CSV # SKIP no script(1)"
fi

# an incident without actions: the header alone, and no JSON lines
id2=$("$SCRIBE" new "Quiet")
run "$SCRIBE" export "$id2" --format actions-csv
is "$OUT" "$(printf '"Title","Description","Owner","Due","Priority","Type","Status","Votes","Factors","Incident","Action","Ref"\r')" "no actions: the header row"
run "$SCRIBE" export "$id2" --format actions-jsonl
is "$OUT" "" "no actions: no JSON lines"

done_testing
