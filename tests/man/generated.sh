#!/bin/sh
# tests/man/generated.sh: man/mmsh.1 must be what mkman makes from
# man/mmsh.1.in and the command table today. When it fails, run
# `make man` and commit the result.
: "${MKMAN:?MKMAN must name the mkman binary}"
: "${srcdir:=.}"
tmp=$(mktemp) || exit 99
trap 'rm -f "$tmp"' EXIT
"$MKMAN" "$srcdir/man/mmsh.1.in" > "$tmp" || { echo "FAIL mkman failed"; exit 1; }
if diff -u "$srcdir/man/mmsh.1" "$tmp"; then
	echo "PASS man/mmsh.1 matches the command table"
	exit 0
fi
echo "FAIL man/mmsh.1 is stale: run 'make man' and commit it"
exit 1
