#!/bin/sh
# tests/scripts/bad-input.sh: the bad-input catalogue, tests/scripts/bad-input/.
# Every malformed command, option, script, lesson file and saved state in
# it must be refused with exactly the error lines the catalogue gives and
# the exit status it gives, print nothing on stdout, and change nothing.
# Command cases run on a machine in an interesting state (setup.mmsh: held
# blocks on both CPUs, tasks, files, swapped-out pages, a breakpoint) and
# the machine after the bad command must be the machine after the set-up
# alone, compared as a whole (see state_by below).
#
# The catalogue is one file per category, NAME.cases. A case is an input
# line at the left margin followed by the lines its stderr must hold,
# exactly, each indented by one tab. '#' lines and blank lines are comments.
#   commands.cases  INPUT is one command line, run with -c after setup.mmsh:
#   states.cases    exit status 1, and the machine unchanged
#   options.cases   INPUT is "STATUS ARGS...": mmsh's arguments, split as sh
#   scripts.cases   splits them, run in a copy of bad-input/; STATUS is the
#                   exit status, or "usage" for 2 with GNU's hint line
#                   ("Try 'mmsh --help' ...") after the lines given
#   lessons.cases   INPUT is a lesson file: `mmsh --lesson FILE --check`
#                   exits 1 with these lines, and `lesson check FILE` after
#                   the set-up prints them too and leaves the machine as it
#                   was; stdout holds nothing but the FAILED summary line
# Lines starting with '@' prepare the copy of bad-input/ for the next case:
#   @file NAME TEXT   write TEXT to NAME (TEXT as printf %b reads it)
#   @mkdir NAME       create the directory NAME
#   @stdin TEXT       the next case reads TEXT (printf %b) on stdin
#   @save NAME        save the set-up's machine to NAME (states.cases)
#   @cut NAME BYTES   keep the first BYTES bytes of NAME
#   @poke NAME OFFSET BYTE  overwrite one byte (decimal offset, octal byte)
#   @size NAME BYTES  make NAME a (sparse) file of BYTES bytes
# An input or expected line whose first character is '%' is read, after
# the '%', as printf %b reads it (\n, \t, \NNN octal), and {C*N} in it
# stands for N copies of the character C: this is how control characters
# and very long lines are written. In an expected line, @VERSION@ stands
# for mmsh's version.
#
# Environment: MMSH (absolute path of the binary), srcdir (the source
# tree). MMSH_ONLY="commands lessons" runs only those categories.
# Exit: 0 all passed, 1 a case failed, 99 setup error.

me=bad-input
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

# How a case shows it changed nothing: the state after it is compared with
# the state after the set-up alone. "save" compares the bytes `save FILE`
# writes (the engine's whole state, the same bytes for the same state);
# "views" compares every view, for builds without it.
state_by=save

catalogue=$srcdir/tests/scripts/bad-input
[ -d "$catalogue" ] || lib_die "no directory $catalogue"
cp -R "$catalogue" "$tmp/work" || lib_die "cannot copy $catalogue"
chmod -R u+w "$tmp/work"   # distcheck's source tree is read-only
cd "$tmp/work" || lib_die "cannot enter $tmp/work"
tab=$(printf '\t')

# ---- the machine's state ---------------------------------------------------------

# after.mmsh prints the state: the session's settings, the invariant check,
# then the machine itself, as views or as a saved state.
{
	echo 'check'
	echo 'set'
	echo 'trace'
	echo 'break'
	echo 'sysctl'
	if [ "$state_by" = save ]; then
		echo "save $tmp/after.state"
	else
		for v in buddyinfo pagetypeinfo zoneinfo vmstat meminfo free_area pcp lru map \
			'task list' disk plot watermarks extfrag bitmap; do
			echo "$v"
		done
	fi
} >"$tmp/after.mmsh"
setup=$tmp/work/setup.mmsh
version=$("$MMSH" --version | sed -n '1s/^mmsh //p')

$guard "$MMSH" -q --allow-writes -x "$setup" -x "$tmp/after.mmsh" </dev/null >"$tmp/ref.out" 2>"$tmp/ref.err" ||
	lib_die "the set-up fails: $(head -3 "$tmp/ref.err")"
[ -s "$tmp/ref.err" ] && lib_die "the set-up writes on stderr: $(head -3 "$tmp/ref.err")"
if [ "$state_by" = save ]; then
	mv "$tmp/after.state" "$tmp/ref.state" || lib_die "the set-up's save wrote no file"
fi

# ---- reading the catalogue -----------------------------------------------------------

# unescape TEXT: {C*N} expanded, then printf %b.
unescape() {
	printf '%s\n' "$1" | awk '{
		while (match($0, /\{[^}]\*[0-9]+\}/)) {
			c = substr($0, RSTART + 1, 1)
			n = substr($0, RSTART + 3, RLENGTH - 4) + 0
			s = ""
			for (i = 0; i < n; i++)
				s = s c
			$0 = substr($0, 1, RSTART - 1) s substr($0, RSTART + RLENGTH)
		}
		print
	}' >"$tmp/.esc"
	printf '%b' "$(cat "$tmp/.esc")"
}

# text LINE: the line itself, or unescaped when it starts with '%'.
text() {
	case $1 in
	%*) unescape "${1#%}" ;;
	*) printf '%s' "$1" ;;
	esac
}

# A case's name in PASS/FAIL lines: its category and input as written.
label() {
	_l=$(printf '%s' "$2" | cut -c1-72)
	[ "$_l" = "$2" ] || _l="$_l..."
	printf '%s: %s' "$1" "$_l"
}

# prepare DIRECTIVE: an '@' line.
prepare() {
	set -f
	# the directive's words (TEXT keeps its spaces: it is the rest of the line)
	_d=${1#@}
	_verb=${_d%% *}
	_rest=${_d#"$_verb"}
	_rest=${_rest# }
	_name=${_rest%% *}
	_arg=${_rest#"$_name"}
	_arg=${_arg# }
	set +f
	case $_verb in
	file) unescape "$_arg" >"$_name" || lib_die "cannot write $_name" ;;
	mkdir) mkdir -p "$_name" || lib_die "cannot create $_name" ;;
	stdin) unescape "$_rest" >"$tmp/stdin" && stdin=$tmp/stdin ;;
	save)
		rm -f "$_name"
		$guard "$MMSH" -q -x "$setup" -c "save $_name" </dev/null >/dev/null 2>"$tmp/.err" &&
			[ -f "$_name" ] || lib_die "@save $_name: $(head -2 "$tmp/.err")"
		;;
	cut)
		head -c "$_arg" "$_name" >"$tmp/.cut" && mv "$tmp/.cut" "$_name" ||
			lib_die "@cut $_name $_arg failed"
		;;
	poke)
		_off=${_arg%% *}
		_byte=${_arg#* }
		# shellcheck disable=SC2059 # the byte is an octal escape on purpose
		printf "\\$_byte" | dd of="$_name" bs=1 seek="$_off" conv=notrunc 2>/dev/null ||
			lib_die "@poke $_name $_arg failed"
		;;
	size)
		rm -f "$_name"
		dd if=/dev/null of="$_name" bs=1 seek="$_arg" 2>/dev/null || lib_die "@size $_name failed"
		;;
	*) lib_die "$file: unknown directive '@$_verb'" ;;
	esac
}

# ---- checking one run ------------------------------------------------------------------

# check NAME STATUS [REFERENCE_STDOUT]: compare the run in $tmp/out, err and
# status with the expectations: the status, the stderr lines in
# $tmp/want.err, and stdout equal to REFERENCE_STDOUT (default: empty).
check() {
	_name=$1
	_ref=${3:-/dev/null}
	printf '%s\n' "$2" >"$tmp/want.status"
	{
		ok=1
		compare_files stderr "$tmp/want.err" "$tmp/err" || ok=0
		compare_files "exit status" "$tmp/want.status" "$tmp/status" || ok=0
		compare_files "stdout (the state after the set-up alone, or nothing)" "$_ref" \
			"$tmp/out" || ok=0
		if [ "$state_by" = save ] && [ "$_ref" = "$tmp/ref.out" ]; then
			cmp -s "$tmp/ref.state" "$tmp/after.state" ||
				{ echo "    the saved state differs from the set-up's"; ok=0; }
		fi
	} >"$tmp/.details"
	if [ "$ok" = 1 ]; then
		pass "$_name"
	else
		fail "$_name"
		cat "$tmp/.details"
	fi
}

# run ARGS...: mmsh ARGS in the copy; leaves $tmp/out, err and status.
run() {
	$guard "$MMSH" "$@" <"$stdin" >"$tmp/out" 2>"$tmp/err"
	echo $? >"$tmp/status"
}

# ---- the kinds of case -------------------------------------------------------------------

# A bad command after the set-up: status 1, the machine as it was.
run_command() {
	run -q -k --allow-writes -x "$setup" -c "$(text "$1")" -x "$tmp/after.mmsh"
	check "$(label "$category" "$1")" 1 "$tmp/ref.out"
}

# STATUS ARGS...: mmsh with those arguments.
run_args() {
	set -f
	# shellcheck disable=SC2086 # split as sh splits them: quotes work
	eval "set -- $(text "$1")"
	set +f
	_status=$1
	shift
	if [ "$_status" = usage ]; then
		_status=2
		echo "Try 'mmsh --help' for more information." >>"$tmp/want.err"
	fi
	run "$@"
	check "$(label "$category" "$_line")" "$_status"
}

# A bad lesson, unattended from the command line, then inside a session.
run_lesson() {
	_file=$(text "$1")
	run --lesson "$_file" --check
	# the summary line "lesson NAME (TITLE): ... FAILED", if the lesson parsed
	grep -v '^lesson .*: FAILED$' "$tmp/out" >"$tmp/.out"
	mv "$tmp/.out" "$tmp/out"
	check "$(label "$category" "--lesson $1 --check")" 1
	run -q -k --allow-writes -x "$setup" -c "lesson check $_file" -x "$tmp/after.mmsh"
	grep -v '^lesson .*: FAILED$' "$tmp/out" >"$tmp/.out"
	mv "$tmp/.out" "$tmp/out"
	check "$(label "$category" "lesson check $1")" 1 "$tmp/ref.out"
}

run_case() {
	[ -n "$input" ] || return 0
	ncases=$((ncases + 1))
	case $category in
	commands | states) run_command "$input" ;;
	options | scripts) _line=$input; run_args "$input" ;;
	lessons) run_lesson "$input" ;;
	esac
	input=
	stdin=/dev/null
	: >"$tmp/want.err"
}

summary=
for file in commands.cases options.cases scripts.cases lessons.cases states.cases; do
	category=${file%.cases}
	[ -f "$file" ] || continue
	if [ -n "${MMSH_ONLY:-}" ]; then
		case " $MMSH_ONLY " in
		*" $category "*) ;;
		*) continue ;;
		esac
	fi
	ncases=0
	input=
	stdin=/dev/null
	: >"$tmp/want.err"
	while IFS= read -r line || [ -n "$line" ]; do
		case $line in
		'#'* | '') ;;
		"$tab"*)
			[ -n "$input" ] || lib_die "$file: an expected line before any input: $line"
			text "${line#"$tab"}" | sed "s/@VERSION@/$version/g" >>"$tmp/want.err"
			echo >>"$tmp/want.err"
			;;
		@*)
			run_case
			prepare "$line"
			;;
		*)
			run_case
			input=$line
			;;
		esac
	done <"$file"
	run_case
	summary="$summary $category $ncases,"
done

echo "$me: cases per category:${summary%,}"
lib_finish
