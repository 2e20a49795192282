#!/bin/bash
# What scribe asks of the file system, in order, seen through strace: a
# new journal is a temp file created exclusively (never through a
# symlink), filled with one whole record, fsynced, renamed into place and
# the folder fsynced, all before the id is printed; a later record of
# the same session is one write to the same file and an fsync; a session
# that ends writes the closing line (for packers, scribe(5)).  And no
# flock, no O_APPEND, no fcntl locks anywhere (NFS).
. "$srcdir/tests/lib.sh"

WRITER="${builddir:-.}/tests/crash_writer"
# LeakSanitizer cannot run under ptrace; leaks are checked by the other tests
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"

if ! command -v strace >/dev/null 2>&1; then
	pass "durability # SKIP no strace"
	done_testing
	exit
fi
if ! strace -o /dev/null true 2>/dev/null; then
	pass "durability # SKIP strace cannot trace here"
	done_testing
	exit
fi

TRACE=open,openat,creat,mkdir,mkdirat,write,fsync,fdatasync,rename,renameat,renameat2,flock,fcntl,unlink,unlinkat,close

# trace LOG CMD...: runs CMD under strace; sets OUT, ERR and RC like run
trace() {
	local log=$1
	shift
	run strace -f -s 65536 -e trace=$TRACE -o "$log" "$@"
}

# steps LOG ROOT DIR: the calls that matter in LOG, one per line, with
# file descriptors named by what they are (ROOT, DIR the incident folder,
# TMP the new journal, STDOUT) and records summarized.
steps() {
	awk -v root="$2" -v dir="$3" '
		function role(fd) { return fd in r ? r[fd] : "fd" fd }
		function str(s) { sub(/^[^"]*"/, "", s); sub(/", [0-9]+\) += -?[0-9]+.*$/, "", s); return s }
		function flags(s,   out, f) {
			out = ""
			for (f = 1; f <= 6; f++) {
				split("O_CREAT O_EXCL O_NOFOLLOW O_APPEND O_TRUNC O_DIRECTORY", names, " ")
				if (s ~ names[f]) out = out " " names[f]
			}
			return out
		}
		{ sub(/^[0-9]+ +/, ""); ret = $0; sub(/.*\) += /, "", ret); sub(/ .*/, "", ret) }
		/^\+\+\+ exited with / { print "exit " $4; next }
		/^open(at)?\(/ && ret + 0 < 0 { next }
		/^openat\(AT_FDCWD, "/ || /^open\("/ {
			p = $0; sub(/^[^"]*"/, "", p); sub(/".*/, "", p)
			if (p == dir) { r[ret] = "DIR"; print "open DIR" flags($0) }
			else if (p == root) { r[ret] = "ROOT"; print "open ROOT" }
			next
		}
		/^openat\([0-9]+, "\.", / { r[ret] = role(substr($0, 8, index($0, ",") - 8)); next }
		/^openat\([0-9]+, "\.tmp-j-/ {
			d = substr($0, 8, index($0, ",") - 8)
			tmp = $0; sub(/^[^"]*"/, "", tmp); sub(/".*/, "", tmp)
			r[ret] = "TMP"
			print "create TMP in " role(d) flags($0) (tmp ~ ("^\\.tmp-j-[0-9]+t[0-9]+z-[a-z0-9-]+-" pid "-[a-z0-9]+\\.yaml$") ? "" : " (badly named " tmp ")")
			next
		}
		/^openat\([0-9]+, "j-/ { if ($0 ~ /O_WRONLY|O_RDWR|O_APPEND|O_CREAT/) print "opens a journal for writing: " $0; next }
		/^openat/ { next }
		/^close\(/ { fd = substr($0, 7); sub(/\).*/, "", fd); delete r[fd]; next }
		/^mkdirat\(/ {
			d = substr($0, 9, index($0, ",") - 9)
			print "mkdir in " role(d)
			next
		}
		/^write\(/ {
			fd = substr($0, 7, index($0, ",") - 7)
			s = str($0); len = $0; sub(/.*", /, "", len); sub(/\).*/, "", len)
			if (fd == 1) { print "write STDOUT " s; next }
			if (s == "# closed\\n") { print "write " role(fd) ": the closing line"; next }
			t = s
			if (match(t, /\\ntype: [a-z]+\\n/)) type = substr(t, RSTART + 8, RLENGTH - 10); else type = "?"
			if (match(t, /\\n  (text|title): [^\\]*\\n/)) { text = substr(t, RSTART + 4, RLENGTH - 6); gsub(/w[0-9]+-/, "wPID-", text) } else text = "-"
			whole = (s ~ /^---\\n/ && s ~ /\\n\.\.\.\\n$/ && ret == len) ? "one whole" : "a partial"
			print "write " role(fd) ": " whole " " type " record, " text
			next
		}
		/^f(data)?sync\(/ { fd = $0; sub(/^[a-z]+\(/, "", fd); sub(/\).*/, "", fd); print substr($0, 1, index($0, "(") - 1) " " role(fd) (ret == 0 ? "" : " failed"); next }
		/^rename(at2?)?\(/ {
			n = split($0, q, "\"")
			ok = q[2] == tmp && q[4] == substr(tmp, 6) ? "TMP to its journal name" : "something else: " $0
			print "rename " ok (ret == 0 ? "" : " failed")
			next
		}
		/^(unlink|unlinkat|flock|fcntl)\(/ && !/F_GETFL|F_SETFD|F_GETFD/ { print; next }
	' pid="$4" "$1"
}

# ---- scribe new ----
mkdir -p "$SCRIBE_DIR"
trace "$WORK/new.log" "$SCRIBE" new Durable things
is "$RC" 0 "scribe new under strace"
id=$OUT
dir="$SCRIBE_DIR/$id"
pid=$(awk 'NR == 1 { print $1 }' "$WORK/new.log")
is "$(steps "$WORK/new.log" "$SCRIBE_DIR" "$dir" "$pid")" "open ROOT
mkdir in ROOT
fsync ROOT
open DIR O_NOFOLLOW O_DIRECTORY
create TMP in DIR O_CREAT O_EXCL O_NOFOLLOW
write TMP: one whole incident record, title: Durable things
fsync TMP
rename TMP to its journal name
fsync DIR
write TMP: the closing line
write STDOUT $id\\n
exit 0" "new: folder made and synced, then temp journal, whole record, fsync, rename, folder fsync, then the id"

# ---- scribe log ----
trace "$WORK/log.log" "$SCRIBE" log "$id" hello durable world
is "$RC" 0 "scribe log under strace"
ev=$OUT
pid=$(awk 'NR == 1 { print $1 }' "$WORK/log.log")
is "$(steps "$WORK/log.log" "$SCRIBE_DIR" "$dir" "$pid")" "open DIR O_NOFOLLOW O_DIRECTORY
create TMP in DIR O_CREAT O_EXCL O_NOFOLLOW
write TMP: one whole event record, text: hello durable world
fsync TMP
rename TMP to its journal name
fsync DIR
write TMP: the closing line
write STDOUT $ev\\n
exit 0" "log: temp journal (O_EXCL|O_NOFOLLOW), whole record, fsync, rename, folder fsync, all before the id and exit"

# ---- a second record in the same session ----
trace "$WORK/cw.log" "$WRITER" "$SCRIBE_DIR" "$id" 2
is "$RC" 0 "crash_writer N=2 under strace"
ev2=$(printf '%s\n' "$OUT" | awk 'NR == 1 { print $3 }')
pid=$(awk 'NR == 1 { print $1 }' "$WORK/cw.log")
is "$(steps "$WORK/cw.log" "$SCRIBE_DIR" "$dir" "$pid")" "open DIR O_NOFOLLOW O_DIRECTORY
create TMP in DIR O_CREAT O_EXCL O_NOFOLLOW
write TMP: one whole event record, text: wPID-0
fsync TMP
rename TMP to its journal name
fsync DIR
write STDOUT ack event $ev2 0\\n
write TMP: one whole event record, text: wPID-1
fsync TMP
write STDOUT ack event-text $ev2 1\\n
write TMP: the closing line
exit 0" "second record: one write to the same journal fd, then its fsync, before the ack"

# ---- nothing NFS cannot do, in any of them (nor in the readers) ----
trace "$WORK/show.log" "$SCRIBE" show "$id"
is "$RC" 0 "show under strace"
trace "$WORK/check.log" "$SCRIBE" check "$id"
is "$RC" 0 "check under strace"
all=$(cat "$WORK/new.log" "$WORK/log.log" "$WORK/cw.log" "$WORK/show.log" "$WORK/check.log")
is "$(printf '%s\n' "$all" | grep -c ' flock(')" 0 "no flock"
is "$(printf '%s\n' "$all" | grep -c 'O_APPEND')" 0 "no O_APPEND"
is "$(printf '%s\n' "$all" | grep -cE ' fcntl\([0-9]+, F_(OFD_)?(SETLK|SETLKW|GETLK)')" 0 "no fcntl locks"
is "$(printf '%s\n' "$all" | grep -cE ' (unlink|unlinkat)\(')" 0 "nothing removed on the way"
is "$(cat "$WORK/show.log" "$WORK/check.log" | grep -vE ' write\(1, ' |
	grep -cE ' (write|fsync|fdatasync|rename|renameat2?|mkdir|mkdirat|creat)\(|O_WRONLY|O_RDWR|O_CREAT')" 0 \
	"show and check write nothing but their output"

# the traced runs left what they acknowledged
run "$SCRIBE" export "$id" --format yaml
is "$(printf '%s\n' "$OUT" | grep -A6 -- "^- id: $ev\$" | sed -n 7p)" "  text: hello durable world" \
	"the logged event is there"
like "$OUT" "- id: $ev2" "the crash_writer event is there"
is "$(ls -A "$dir" | grep -c '^\.tmp-')" 0 "no temp file left"
is "$(ls -A "$dir" | grep -c '^j-.*\.yaml$')" 3 "three journals: new, log, crash_writer"

done_testing
