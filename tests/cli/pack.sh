#!/bin/bash
# Packing: closed journals merged into a pack (scribe pack, and by itself
# once journals pile up), every record exactly once whatever happens:
#   (a) by itself after a few dozen `scribe log`, and `scribe pack`;
#   (b) deterministic: the same journals give the same pack, byte for
#       byte, and a pack left beside its journals packs to itself again;
#   (c) an open journal is never touched: one whose writer still runs
#       here, and one not closed by a writer elsewhere; a writer killed
#       here leaves a journal that packs;
#   (d) a packer killed before each of its file system calls in turn
#       (tests/faults/libfault.so): every record still read exactly once,
#       check clean, the next write sweeps the temp file, packing again
#       completes;
#   (e) writers, readers and packers at once: no reader sees a record
#       twice or loses one it saw, and every acknowledged event is there
#       once at the end.
. "$srcdir/tests/lib.sh"

LIB="${builddir:-.}/tests/faults/libfault.so"
WRITER="${builddir:-.}/tests/crash_writer"
case $WRITER in /*) ;; *) WRITER="$PWD/$WRITER" ;; esac
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"

# events ID: the export's event ids, one a line, sorted
events() { "$SCRIBE" export "$1" --format yaml | export_table | awk '$1 == "event" { print $2 }' | sort; }
# table ID: the export as one line per entity, sorted
table() { "$SCRIBE" export "$1" --format yaml | export_table | sort; }
loose() { find "$SCRIBE_DIR/$1" -maxdepth 1 -name 'j-*.yaml' | wc -l; }
packs() { find "$SCRIBE_DIR/$1" -maxdepth 1 -name 'pack-*.yaml' | wc -l; }

# ---- (a) by itself, and scribe pack -------------------------------------

id=$("$SCRIBE" new Pack test)
is "$?" 0 "new incident"
: >"$WORK/acked"
for i in $(seq 1 60); do
	"$SCRIBE" log "$id" "event-$i" >>"$WORK/acked" || fail "log $i"
done
sort -o "$WORK/acked" "$WORK/acked"
is "$(packs "$id")" 1 "(a) after 60 logs a pack was made by itself"
check "(a) and fewer than 49 journals are loose ($(loose "$id"))" test "$(loose "$id")" -le 48
is "$(events "$id")" "$(cat "$WORK/acked")" "(a) every event once"
run "$SCRIBE" check "$id"
is "$RC:$OUT$ERR" "0:" "(a) check is clean"
last=$(find "$SCRIBE_DIR/$id" -name 'j-*.yaml' | sort | tail -1)
is "$(tail -n 2 "$last")" "$(printf '...\n# closed')" "(a) a finished journal ends with the closing line"
run "$SCRIBE" pack "$id"
like "$RC:$OUT" "^0:$id: [0-9]+ journals and 1 packs into pack-[0-9a-f]{32}\.yaml \(61 records\); 0 journals left loose$" \
	"(a) scribe pack ID says what it did"
is "$(loose "$id"):$(packs "$id")" "0:1" "(a) one pack, no loose journal"
is "$(events "$id")" "$(cat "$WORK/acked")" "(a) every event once after scribe pack"
run "$SCRIBE" pack "$id"
is "$RC:$OUT" "0:$id: nothing to pack; 0 journals left loose" "(a) nothing more to pack"
id2=$("$SCRIBE" new Second incident)
"$SCRIBE" log "$id2" one >/dev/null
run "$SCRIBE" pack
like "$OUT" "$id2: 2 journals and 0 packs into pack-" "(a) scribe pack alone packs every incident"
run "$SCRIBE" pack no-such-incident
is "$RC" 66 "(a) scribe pack of a missing incident: 66"

# ---- (b) deterministic --------------------------------------------------

did=$("$SCRIBE" new Determinism)
for i in $(seq 1 20); do "$SCRIBE" log "$did" "d-$i" >/dev/null; done
mkdir -p "$WORK/copy1" "$WORK/copy2"
cp -a "$SCRIBE_DIR/$did" "$WORK/copy1/"
cp -a "$SCRIBE_DIR/$did" "$WORK/copy2/"
"$SCRIBE" --dir "$WORK/copy1" pack "$did" >/dev/null
"$SCRIBE" --dir "$WORK/copy2" pack "$did" >/dev/null
p1=$(cd "$WORK/copy1/$did" && ls pack-*.yaml)
p2=$(cd "$WORK/copy2/$did" && ls pack-*.yaml)
is "$p2" "$p1" "(b) the same journals give a pack of the same name"
check "(b) and the same bytes" cmp -s "$WORK/copy1/$did/$p1" "$WORK/copy2/$did/$p2"
# a crash between the pack's rename and the removals: pack and journals
cp "$WORK/copy1/$did/$p1" "$SCRIBE_DIR/$did/"
is "$(events "$did" | uniq -d)" "" "(b) records both loose and packed are read once"
"$SCRIBE" pack "$did" >/dev/null
is "$(cd "$SCRIBE_DIR/$did" && ls)" "$p1" "(b) packing them again gives the same pack, and the journals go"

# ---- (c) open journals ----------------------------------------------------

oid=$("$SCRIBE" new Open journals)
for i in 1 2 3; do "$SCRIBE" log "$oid" "o-$i" >/dev/null; done
odir="$SCRIBE_DIR/$oid"
# a session still writing here: crash_writer, alive
"$WRITER" "$SCRIBE_DIR" "$oid" 100000000 >"$WORK/cw.out" 2>&1 &
cw=$!
poll 10 test -s "$WORK/cw.out" || fail "(c) crash_writer wrote nothing"
cwj=$(cd "$odir" && grep -l "^author: " j-*.yaml | while read -r f; do
	case $f in *-"$cw"-*) echo "$f" ;; esac; done)
check "(c) the live writer's journal is there" test -n "$cwj"
# a journal of a writer on another host, not closed: a copy under a name
# no process here can own
other=$(cd "$odir" && ls j-*.yaml | head -1)
cp "$odir/$other" "$odir/j-20260101t000000z-elsewhere-1-abcdef.yaml"
sed -i '$d' "$odir/j-20260101t000000z-elsewhere-1-abcdef.yaml"	# no closing line
"$SCRIBE" pack "$oid" >/dev/null
check "(c) the live writer's journal is not packed" test -f "$odir/$cwj"
check "(c) a journal not closed elsewhere is not packed" test -f "$odir/j-20260101t000000z-elsewhere-1-abcdef.yaml"
is "$(loose "$oid")" 2 "(c) only those two are loose"
kill -9 "$cw"
{ wait "$cw"; } 2>/dev/null
"$SCRIBE" pack "$oid" >/dev/null
check "(c) once its writer is killed, its journal packs" test ! -e "$odir/$cwj"
run "$SCRIBE" check "$oid"
like "$OUT" "^$|incomplete record|has no action|addresses no" "(c) check after: at most a torn end and board warnings"

# ---- (d) a packer killed at each of its calls -------------------------------

if [ ! -f "$LIB" ]; then
	T_N=$((T_N + 1)); echo "ok $T_N - # SKIP (d) no libfault.so"
else
	LIB="$(cd "$(dirname "$LIB")" && pwd)/$(basename "$LIB")"
	TPL="$WORK/tpl"
	kid=$(SCRIBE_DIR="$TPL" "$SCRIBE" new Killed packer)
	for i in $(seq 1 8); do SCRIBE_DIR="$TPL" "$SCRIBE" log "$kid" "k-$i" >/dev/null; done
	SCRIBE_DIR="$TPL" "$SCRIBE" pack "$kid" >/dev/null	# an older pack to merge
	for i in $(seq 9 14); do SCRIBE_DIR="$TPL" "$SCRIBE" log "$kid" "k-$i" >/dev/null; done
	want=$(SCRIBE_DIR="$TPL" table "$kid")
	R="$WORK/round"
	packer() {	# packer FAULT_AT
		rm -rf "$R" "$WORK/count"
		cp -a "$TPL" "$R"
		env SCRIBE_DIR="$R" LD_PRELOAD="$LIB" FAULT_PATH="$R" FAULT_MODE=kill FAULT_AT="$1" \
			FAULT_COUNT_FILE="$WORK/count" "$SCRIBE" pack "$kid" >/dev/null 2>"$WORK/p.err" &
		local pid=$!
		{ wait "$pid"; } 2>/dev/null
		ST=$?
	}
	packer 0
	n=$(cat "$WORK/count" 2>/dev/null)
	check "(d) a packer makes counted calls ($n)" test "${n:-0}" -ge 5
	bad=0
	for k in $(seq 1 "${n:-0}"); do
		packer "$k"
		why=""
		[ "$ST" = 137 ] || why="$why exited $ST;"
		got=$(SCRIBE_DIR="$R" table "$kid")
		[ "$got" = "$want" ] || why="$why records differ after the kill;"
		c=$(SCRIBE_DIR="$R" "$SCRIBE" check "$kid" 2>&1)
		[ -z "$c" ] || why="$why check: $c;"
		SCRIBE_DIR="$R" "$SCRIBE" log "$kid" "after-$k" >/dev/null || why="$why log failed;"
		ls -A "$R/$kid" | grep -q '^\.tmp-' && why="$why temp file left after the next write;"
		SCRIBE_DIR="$R" "$SCRIBE" pack "$kid" >/dev/null || why="$why pack again failed;"
		got=$(SCRIBE_DIR="$R" table "$kid" | grep -v " after-$k\$")
		[ "$got" = "$want" ] || why="$why records differ after packing again;"
		[ "$(find "$R/$kid" -maxdepth 1 -name 'j-*.yaml' | wc -l)" = 0 ] || why="$why journals left loose;"
		if [ -n "$why" ]; then
			bad=$((bad + 1))
			echo "# killed at call $k:$why"
		fi
	done
	is "$bad" 0 "(d) killed before each of its $n calls: every record once, check clean, packs again"
fi

# ---- (e) writers, readers and packers at once -----------------------------

cid=$("$SCRIBE" new Concurrency)
: >"$WORK/c.acked"
writer() {	# writer N: N scribe log runs, each acknowledged
	for i in $(seq 1 "$2"); do
		e=$("$SCRIBE" log "$cid" "w$1-$i") && echo "$e" >>"$WORK/c.acked.$1"
	done
}
writer 1 70 &
w1=$!
writer 2 70 &
w2=$!
(for i in $(seq 1 15); do "$SCRIBE" pack "$cid" >/dev/null 2>&1; done) &
pk=$!
readers_bad=0
prev=0
while kill -0 "$w1" 2>/dev/null || kill -0 "$w2" 2>/dev/null; do
	cat "$WORK"/c.acked.* 2>/dev/null | sort >"$WORK/c.before"
	events "$cid" >"$WORK/c.seen"
	dups=$(uniq -d "$WORK/c.seen" | head -3)
	missing=$(comm -23 "$WORK/c.before" "$WORK/c.seen" | head -3)
	n=$(wc -l <"$WORK/c.seen")
	if [ -n "$dups" ] || [ -n "$missing" ] || [ "$n" -lt "$prev" ]; then
		readers_bad=$((readers_bad + 1))
		echo "# reader: duplicates [$dups] missing [$missing] $n events after $prev"
	fi
	prev=$n
done
wait "$w1" "$w2" "$pk"
is "$readers_bad" 0 "(e) no reader saw a record twice, or lost one acknowledged before it looked"
cat "$WORK"/c.acked.* | sort >"$WORK/c.all"
is "$(wc -l <"$WORK/c.all")" 140 "(e) 140 events acknowledged"
is "$(events "$cid")" "$(cat "$WORK/c.all")" "(e) each of them there once at the end"
run "$SCRIBE" check "$cid"
is "$RC:$OUT$ERR" "0:" "(e) check is clean"

# ---- (f) readers racing a packer that removes what they listed ----------

# 200 closed journals holding 40 events (each journal under five names):
# a packer removes them while readers list and open them, over and over
fid=$("$SCRIBE" new Racing readers)
for i in $(seq 1 39); do "$SCRIBE" log "$fid" "r-$i" >/dev/null; done
fdir="$SCRIBE_DIR/$fid"
mkdir -p "$WORK/race"
for f in "$fdir"/j-*.yaml; do
	b=$(basename "$f" .yaml)
	for c in 1 2 3 4 5; do cp "$f" "$WORK/race/j-2026010${c}t000000z-elsewhere-${b##*-}-$c.yaml"; done
done
rm -f "$fdir"/j-*.yaml
want=$(cd "$WORK/race" && ls | wc -l)
check "(f) $want journals to race over" test "$want" -ge 200
bad=0
if [ -f "$LIB" ]; then
	# readers made slow (2 ms before each close, so about a second to read
	# the folder) by the fault library: the packer removes journals they
	# have listed and not opened yet
	for round in $(seq 1 4); do
		rm -f "$fdir"/pack-*.yaml	# the records only in the journals again
		cp "$WORK/race"/j-*.yaml "$fdir/"
		for r in 1 2 3; do
			env LD_PRELOAD="$LIB" FAULT_PATH="$fdir" FAULT_ONLY=close FAULT_SLOW_MS=2 \
				"$SCRIBE" show "$fid" >"$WORK/race.$r" 2>&1 &
		done
		sleep 0.$((RANDOM % 5 + 1))
		"$SCRIBE" pack "$fid" >/dev/null 2>&1
		wait
		for r in 1 2 3; do
			n=$(grep -c ' r-[0-9]*$' "$WORK/race.$r")
			[ "$n" = 39 ] || { bad=$((bad + 1)); echo "# round $round: a reader saw $n of 39 events"; }
		done
	done
	is "$bad" 0 "(f) slow readers racing a packer see every event once (4 rounds, 3 readers each)"
else
	T_N=$((T_N + 1)); echo "ok $T_N - # SKIP (f) no libfault.so"
fi

done_testing
