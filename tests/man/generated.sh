#!/bin/sh
# tests/man/generated.sh: man/mmsh.1 and man/mmsh-kernel.7 must be what
# mkman makes today from their .in templates and the tables in the code
# (commands, kernel steps, tracepoints, sysctls). When it fails, run
# `make man` and commit the result. mkman kernel must also place every
# kernel name it meets (it says which it cannot, on stderr).
: "${MKMAN:?MKMAN must name the mkman binary}"
: "${srcdir:=.}"
tmp=$(mktemp) || exit 99
errs=$(mktemp) || exit 99
trap 'rm -f "$tmp" "$errs"' EXIT
fail=0

check() {   # check PAGE [MODE]: regenerate PAGE and compare
	page=$1
	shift
	if ! "$MKMAN" "$@" "$srcdir/man/$page.in" > "$tmp" 2> "$errs"; then
		echo "FAIL mkman $* man/$page.in failed:"
		cat "$errs"
		fail=1
		return
	fi
	if [ -s "$errs" ]; then
		echo "FAIL mkman $* man/$page.in cannot place every name:"
		cat "$errs"
		fail=1
	fi
	if diff -u "$srcdir/man/$page" "$tmp"; then
		echo "PASS man/$page matches the tables"
	else
		echo "FAIL man/$page is stale: run 'make man' and commit it"
		fail=1
	fi
}

check mmsh.1
check mmsh-kernel.7 kernel

# every kernel-step function (break's list) has an entry in mmsh-kernel(7)
if [ -n "$MMSH" ] && [ -x "$MMSH" ]; then
	steps=$("$MMSH" -c break 2>/dev/null | sed -n '/^functions that take steps:/,$p' |
		sed 1d | tr -s ' ,' '\n\n' | grep -E '^_*[A-Za-z][A-Za-z0-9_]*$' | sort -u)
	missing=$(for fn in $steps; do
			grep -qx "\\.It Fn $fn" "$srcdir/man/mmsh-kernel.7" || echo "$fn"
		done)
	if [ -z "$steps" ]; then
		echo "FAIL 'mmsh -c break' lists no kernel-step functions"
		fail=1
	elif [ -n "$missing" ]; then
		echo "FAIL man/mmsh-kernel.7 lacks kernel-step functions:" $missing
		fail=1
	else
		echo "PASS man/mmsh-kernel.7 has every function break lists"
	fi
	# and every tracepoint `trace` lists
	events=$("$MMSH" -c trace 2>/dev/null | awk '$2 == "on" || $2 == "off" { print $1 }')
	missing=$(for ev in $events; do
			grep -qx "\\.It Li $ev" "$srcdir/man/mmsh-kernel.7" || echo "$ev"
		done)
	if [ -z "$events" ]; then
		echo "FAIL 'mmsh -c trace' lists no tracepoints"
		fail=1
	elif [ -n "$missing" ]; then
		echo "FAIL man/mmsh-kernel.7 lacks tracepoints:" $missing
		fail=1
	else
		echo "PASS man/mmsh-kernel.7 has every tracepoint trace lists"
	fi
fi
exit $fail
