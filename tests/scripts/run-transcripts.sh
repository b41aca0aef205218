#!/bin/sh
# tests/scripts/run-transcripts.sh: golden transcripts through the real mmsh.
#
# For every golden/NAME.mmsh (an mmsh script):
#   golden/NAME.out     expected stdout, byte for byte (required)
#   golden/NAME.err     expected stderr (optional; default: empty)
#   golden/NAME.args    extra options on one line, e.g. "--preset tiny -k"
#   golden/NAME.status  expected exit status (optional; default: 0)
# The script runs as `$MMSH -q ARGS NAME.mmsh` from a copy of golden/ in a
# temporary directory, so messages name it as NAME.mmsh:LINE. Files that
# scripts source end in .inc and are not transcripts themselves.
#
# Every transcript runs a second time behind `-c 'set paranoid on'` (the
# engine checks its invariants after each command, and a violation becomes
# an error): the output must not change. Transcripts that show the session
# settings or the history (`set`, `history`) skip this second run.
#
# Environment: MMSH (absolute path of the binary), srcdir (the source tree;
# default: two levels above this script). MMSH_REGEN=1 rewrites the
# expectations in $srcdir/tests/scripts/golden from the current binary:
# for developers, who must then check every changed number by hand
# against the kernel rules (each .mmsh says why its numbers are right).
# MMSH_ONLY="NAME ..." runs (or regenerates) only those transcripts.
#
# Exit: 0 all passed, 1 a transcript failed, 99 setup error.

me=run-transcripts
case $0 in
*/*) here=${0%/*} ;;
*) here=. ;;
esac
if [ -n "${srcdir:-}" ] && [ -f "$srcdir/tests/scripts/lib.sh" ]; then
	# shellcheck source=tests/scripts/lib.sh
	. "$srcdir/tests/scripts/lib.sh"
else
	# shellcheck source=tests/scripts/lib.sh
	. "$here/lib.sh"
fi
lib_init

golden=$srcdir/tests/scripts/golden
[ -d "$golden" ] || lib_die "no directory $golden"
cp -R "$golden" "$tmp/golden" || lib_die "cannot copy $golden"
chmod -R u+w "$tmp/golden"   # distcheck's source tree is read-only
mkdir "$tmp/actual" || lib_die "cannot create $tmp/actual"
cd "$tmp/golden" || lib_die "cannot enter $tmp/golden"

regen=${MMSH_REGEN:-0}
found=0

# run NAME OUTPREFIX [OPTIONS...]: run one transcript, leave OUTPREFIX.out,
# .err and .status.
run() {
	name=$1 prefix=$2
	shift 2
	args=
	if [ -f "$name.args" ]; then
		args=$(sed -n 1p "$name.args")
	fi
	# $guard and $args are split into words on purpose
	# shellcheck disable=SC2086
	$guard "$MMSH" -q $args "$@" "$name.mmsh" </dev/null >"$prefix.out" 2>"$prefix.err"
	echo $? >"$prefix.status"
}

# verify NAME CHECKNAME PREFIX: compare PREFIX.* with NAME's expectations.
verify() {
	name=$1 check=$2 prefix=$3
	if [ -f "$name.err" ]; then
		cp "$name.err" "$tmp/.want.err"
	else
		: >"$tmp/.want.err"
	fi
	if [ -f "$name.status" ]; then
		sed -n 1p "$name.status" >"$tmp/.want.status"
	else
		echo 0 >"$tmp/.want.status"
	fi
	if [ ! -f "$name.out" ]; then
		fail "$check" "no $name.out (run with MMSH_REGEN=1 to create it, then verify it)"
		return
	fi
	{
		ok=1
		compare_files stdout "$name.out" "$prefix.out" || ok=0
		compare_files stderr "$tmp/.want.err" "$prefix.err" || ok=0
		compare_files "exit status" "$tmp/.want.status" "$prefix.status" || ok=0
	} >"$tmp/.details"
	if [ "$ok" = 1 ]; then
		pass "$check"
	else
		fail "$check"
		cat "$tmp/.details"
	fi
}

for script in *.mmsh; do
	[ -f "$script" ] || continue
	name=${script%.mmsh}
	if [ -n "${MMSH_ONLY:-}" ]; then
		case " $MMSH_ONLY " in
		*" $name "*) ;;
		*) continue ;;
		esac
	fi
	found=$((found + 1))
	run "$name" "$tmp/actual/$name"

	if [ "$regen" = 1 ]; then
		cp "$tmp/actual/$name.out" "$golden/$name.out"
		if [ -s "$tmp/actual/$name.err" ]; then
			cp "$tmp/actual/$name.err" "$golden/$name.err"
		else
			rm -f "$golden/$name.err"
		fi
		if [ "$(cat "$tmp/actual/$name.status")" != 0 ]; then
			cp "$tmp/actual/$name.status" "$golden/$name.status"
		else
			rm -f "$golden/$name.status"
		fi
		pass "golden/$name (regenerated: now check it by hand)"
		continue
	fi

	verify "$name" "golden/$name" "$tmp/actual/$name"

	# `set` and `history` would show the extra command and setting
	if grep -Eq '^[[:space:]]*(set|set[[:space:]]+paranoid[[:space:]]+(on|off)|history)[[:space:]]*(#.*)?$' "$script"; then
		continue
	fi
	run "$name" "$tmp/actual/$name.paranoid" -c 'set paranoid on' -x
	verify "$name" "golden/$name (set paranoid on)" "$tmp/actual/$name.paranoid"
done

[ "$found" -gt 0 ] || lib_die "no transcripts (*.mmsh${MMSH_ONLY:+ named in MMSH_ONLY}) in $golden"
lib_finish
