# tests/scripts/lib.sh: helpers shared by run-transcripts.sh and cli.sh.
# Sourced, not run. POSIX sh.
#
# The caller sets `me` (its name for messages) and calls lib_init; then
# pass/fail for every check (one line each: "PASS: name" / "FAIL: name",
# details indented below a FAIL), compare_files for exact comparisons, and
# lib_finish at the end, which exits 0 when every check passed, 1 when one
# failed. Setup problems exit 99 (automake: hard error); a missing binary
# is a hard error too, never a skip.

nr_pass=0
nr_fail=0
tmp=
: "${me:=test}"

lib_die() {
	echo "$me: error: $*" >&2
	exit 99
}

# Make $MMSH and $srcdir absolute and usable; create $tmp (removed on exit).
lib_init() {
	if [ -z "${srcdir:-}" ]; then
		# run by hand: the script lives in $srcdir/tests/scripts
		srcdir=$(dirname "$0")/../..
	fi
	srcdir=$(cd "$srcdir" && pwd) || lib_die "srcdir '$srcdir' is not a directory"
	[ -d "$srcdir/tests/scripts" ] || lib_die "srcdir '$srcdir' has no tests/scripts"
	if [ -z "${MMSH:-}" ]; then
		if [ -x ./mmsh ]; then
			MMSH=$PWD/mmsh
		else
			lib_die "MMSH is not set (the absolute path of the built mmsh)"
		fi
	fi
	case $MMSH in
	/*) ;;
	*) MMSH=$PWD/$MMSH ;;
	esac
	[ -x "$MMSH" ] || lib_die "MMSH=$MMSH is not an executable file"
	export MMSH srcdir

	tmp=$(mktemp -d "${TMPDIR:-/tmp}/mmsh-$me.XXXXXX") || lib_die "mktemp -d failed"
	trap 'rm -rf "$tmp"' 0
	trap 'exit 1' HUP INT PIPE TERM

	# A reproducible environment: no start-up file, no state, no colour
	# surprises, C messages.
	mkdir "$tmp/home" || lib_die "cannot create $tmp/home"
	HOME=$tmp/home
	XDG_CONFIG_HOME=$tmp/home/.config
	XDG_STATE_HOME=$tmp/home/.state
	LC_ALL=C
	export HOME XDG_CONFIG_HOME XDG_STATE_HOME LC_ALL
	unset NO_COLOR MMSH_HOST_PROC 2>/dev/null || :

	# A hung mmsh must fail the check, not the whole test run.
	# MMSH_WRAP is a command put before mmsh (make check-valgrind: valgrind,
	# whose reports then show in the stderr compared): the time limit grows.
	# shellcheck disable=SC2034 # used by the scripts that source this
	guard=${MMSH_WRAP:-}
	if command -v timeout >/dev/null 2>&1; then
		if [ -n "${MMSH_WRAP:-}" ]; then
			guard="timeout 1200 $MMSH_WRAP"
		else
			guard="timeout 60"
		fi
	fi
}

pass() {
	nr_pass=$((nr_pass + 1))
	echo "PASS: $1"
}

# fail NAME [DETAIL...]: each DETAIL is printed on its own indented line.
fail() {
	nr_fail=$((nr_fail + 1))
	echo "FAIL: $1"
	shift
	for line in "$@"; do
		printf '    %s\n' "$line"
	done
}

# skip NAME REASON: a check that cannot run here (not counted).
skip() {
	echo "SKIP: $1 ($2)"
}

# detail FILE: print a file's lines indented (after a FAIL line), at most 60.
detail() {
	sed -n '1,60s/^/    /p' "$1"
	_lines=$(wc -l <"$1")
	if [ "$_lines" -gt 60 ]; then
		echo "    ... ($_lines lines)"
	fi
}

# compare_files WHAT EXPECTED ACTUAL: true when identical; otherwise print a
# unified diff (expected -> actual), indented, and return 1.
compare_files() {
	if cmp -s "$2" "$3"; then
		return 0
	fi
	echo "    --- $1: expected vs actual (diff -u):"
	diff -u "$2" "$3" >"$tmp/.diff" 2>&1
	sed -e 1,2d -e 's/^/    /' "$tmp/.diff" | sed -n '1,80p'
	_lines=$(wc -l <"$tmp/.diff")
	if [ "$_lines" -gt 82 ]; then
		echo "    ... (diff of $_lines lines cut)"
	fi
	return 1
}

# check_text WHAT EXPECTED_TEXT ACTUAL_FILE: like compare_files, with the
# expectation given as a string (a trailing newline is added).
check_text() {
	printf '%s\n' "$2" >"$tmp/.expected"
	compare_files "$1" "$tmp/.expected" "$3"
}

lib_finish() {
	total=$((nr_pass + nr_fail))
	echo "$me: $nr_pass of $total checks passed, $nr_fail failed"
	if [ "$total" -eq 0 ]; then
		echo "$me: error: no checks ran" >&2
		exit 99
	fi
	[ "$nr_fail" -eq 0 ] || exit 1
	exit 0
}
