#!/bin/bash
# Modes and ownership of what scribe creates: folders and reports follow
# the umask, journals are 0644 whatever it is (only their writer writes
# them); in a setgid team folder an incident folder belongs to the
# group, keeps the setgid bit and lets the group write, so that members
# can add to it and others cannot.
. "$srcdir/tests/lib.sh"

# ---- the umask decides ----
for um in 002 022 077; do
	case $um in
	002) fmode=664 dmode=775 ;;
	022) fmode=644 dmode=755 ;;
	077) fmode=600 dmode=700 ;;
	esac
	root="$WORK/u$um/shared"
	iid=$(umask $um && "$SCRIBE" --dir "$root" new "Perms $um")
	is "$?" 0 "umask $um: new"
	ev=$(umask $um && "$SCRIBE" --dir "$root" log "$iid" hello)
	is "$?" 0 "umask $um: log"
	is "$(stat -c %a "$root")" $dmode "umask $um: the shared directory new made is $dmode"
	is "$(stat -c %a "$root/$iid")" $dmode "umask $um: the incident folder is $dmode"
	is "$(cd "$root/$iid" && ls -A | grep -c '^j-.*\.yaml$')" 2 "umask $um: two journals (new, log)"
	is "$(cd "$root/$iid" && stat -c %a j-*.yaml | sort -u)" 644 "umask $um: journals are 644 all the same"
	run "$SCRIBE" --dir "$root" check "$iid"
	is "$RC:$OUT" "0:" "umask $um: check finds nothing wrong"
	# export -o creates a file too
	(umask $um && "$SCRIBE" --dir "$root" export "$iid" -o "$WORK/u$um/report.md")
	is "$(stat -c %a "$WORK/u$um/report.md")" $fmode "umask $um: export -o writes a $fmode file"
done

# ---- a setgid team folder ----
# skip_rest WHY: what follows needs another user and a group; without
# them it is reported as skipped, never as passed
skip_rest() {
	pass "setgid and sticky team folders, as other users # SKIP $1"
	done_testing
	exit
}
[ "$(id -u)" = 0 ] || skip_rest "needs root to make a group and a user"
command -v groupadd >/dev/null && command -v useradd >/dev/null ||
	skip_rest "groupadd/useradd not installed"

GROUP=scribetest
MEMBER=scribetestuser
made_group=""
made_user=""
cleanup() {
	[ -n "$made_user" ] && userdel "$MEMBER" 2>/dev/null
	[ -n "$made_group" ] && groupdel "$GROUP" 2>/dev/null
	rm -rf "$WORK"
}
trap cleanup EXIT

if ! getent group "$GROUP" >/dev/null; then
	groupadd "$GROUP" 2>/dev/null && made_group=1
fi
if getent group "$GROUP" >/dev/null && ! getent passwd "$MEMBER" >/dev/null; then
	{ useradd -M -N -g nogroup -G "$GROUP" "$MEMBER" 2>/dev/null ||
		useradd -M -G "$GROUP" "$MEMBER" 2>/dev/null; } && made_user=1
fi
getent passwd "$MEMBER" >/dev/null || skip_rest "cannot make group $GROUP and user $MEMBER here"
check "group $GROUP and user $MEMBER (in it) exist" \
	bash -c 'id -nG "$0" | tr " " "\n" | grep -qx "$1"' "$MEMBER" "$GROUP"

# as_user USER CMD...: runs CMD as USER with USER's own groups only
as_user() {
	local u=$1
	shift
	if command -v setpriv >/dev/null 2>&1; then
		setpriv --reuid="$(id -u "$u")" --regid="$(id -g "$u")" --init-groups -- "$@"
	else
		runuser -u "$u" -- "$@"
	fi
}
# as_outsider CMD...: runs CMD as nobody, in no group
as_outsider() {
	if command -v setpriv >/dev/null 2>&1; then
		setpriv --reuid="$(id -u nobody)" --regid="$(id -g nobody)" --clear-groups -- "$@"
	else
		runuser -u nobody -- "$@"
	fi
}

as_user "$MEMBER" true 2>/dev/null && as_outsider true 2>/dev/null ||
	skip_rest "cannot run commands as another user here (setpriv/runuser)"

# other users must reach the team folder and the program
chmod 711 "$WORK"
mkdir -p "$WORK/bin"
cp "$SCRIBE" "$WORK/bin/scribe"
chmod 755 "$WORK/bin" "$WORK/bin/scribe"
team="$WORK/team"
install -d -m 2775 -g "$GROUP" "$team"

tid=$(umask 022 && "$SCRIBE" --dir "$team" new Team incident)
is "$?" 0 "root creates an incident in the team folder (umask 022)"
is "$(stat -c '%A %G' "$team/$tid")" "drwxrwsr-x $GROUP" \
	"the incident folder has group $GROUP, setgid and group write"
is "$(cd "$team/$tid" && stat -c '%G %a' j-*.yaml)" "$GROUP 644" "its journal belongs to group $GROUP"

run as_outsider env -i PATH="$PATH" HOME=/ SCRIBE_AUTHOR=outsider TZ=UTC \
	"$WORK/bin/scribe" --dir "$team" log "$tid" from outside
is "$RC" 73 "a user outside the group cannot log into it (73)"
like "$ERR" "^scribe: .*($tid.*Permission denied|Permission denied.*$tid)" "and is told why"
is "$(ls -A "$team/$tid" | grep -vc '^j-')" 0 "and leaves nothing behind"

run as_user "$MEMBER" env -i PATH="$PATH" HOME=/ SCRIBE_AUTHOR=member TZ=UTC \
	bash -c 'umask 022 && exec "$0" "$@"' "$WORK/bin/scribe" --dir "$team" log "$tid" from a member
is "$RC" 0 "a member of the group can log into it"
like "$OUT" '^e[a-z0-9]{10}$' "and gets the event id"
mine=$(cd "$team/$tid" && stat -c '%U %G %a' j-*.yaml | grep "^$MEMBER ")
is "$mine" "$MEMBER $GROUP 644" "the member's journal belongs to the member and group $GROUP"

run "$SCRIBE" --dir "$team" show "$tid"
like "$OUT" ' member: from a member$' "everyone sees the member's entry"
check "and not the outsider's" bash -c '! grep -q "from outside" "$0"' "$WORK/out"
run "$SCRIBE" --dir "$team" check "$tid"
is "$RC:$OUT" "0:" "check finds nothing wrong"

# a sticky team folder: incident folders are sticky too, so a member
# cannot remove or replace another's journal
sticky="$WORK/sticky"
install -d -m 3775 -g "$GROUP" "$sticky"
sid=$(umask 022 && "$SCRIBE" --dir "$sticky" new Sticky incident)
is "$(stat -c '%A' "$sticky/$sid")" "drwxrwsr-t" "in a sticky team folder the incident folder is sticky too"
rootj=$(cd "$sticky/$sid" && ls j-*.yaml | head -1)
run as_user "$MEMBER" rm -f "$sticky/$sid/$rootj"
check "a member cannot delete root's journal" test -f "$sticky/$sid/$rootj"
run as_user "$MEMBER" mv "$sticky/$sid/$rootj" "$sticky/$sid/x.yaml"
check "nor rename it away" test -f "$sticky/$sid/$rootj"
run as_user "$MEMBER" env -i PATH="$PATH" HOME=/ SCRIBE_AUTHOR=member TZ=UTC \
	bash -c 'umask 022 && exec "$0" "$@"' "$WORK/bin/scribe" --dir "$sticky" log "$sid" still adds
is "$RC" 0 "but still adds to the incident"

done_testing
