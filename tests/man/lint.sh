#!/bin/sh
# tests/man/lint.sh: every man page passes `mandoc -Tlint -W warning`
# with no message, the pages mmsh installs are all there, and every
# cross-reference to an mmsh page names one of them. Skipped (77) when
# mandoc is not installed.
: "${srcdir:=.}"
if [ -z "$MANDOC" ] || [ ! -x "$MANDOC" ]; then
	echo "SKIP mandoc is not installed (Debian package: mandoc)"
	exit 77
fi
fail=0
for page in mmsh.1 mmsh-kernel.7 mmsh-lesson.5; do
	if [ ! -f "$srcdir/man/$page" ]; then
		echo "FAIL man/$page is missing"
		fail=1
	fi
done
for page in "$srcdir"/man/*.[1-9]; do
	out=$("$MANDOC" -Tlint -W warning "$page" 2>&1 | grep -v 'mandoc.db')
	if [ -n "$out" ]; then
		echo "FAIL $page:"
		echo "$out"
		fail=1
	else
		echo "PASS $page: mandoc -Tlint -W warning is clean"
	fi
	# .Xr mmsh-NAME N must name a page in man/
	refs=$(sed -n 's/^\.Xr \(mmsh[a-z-]*\) \([1-9]\).*/\1.\2/p' "$page" | sort -u)
	for ref in $refs; do
		if [ ! -f "$srcdir/man/$ref" ]; then
			echo "FAIL $page refers to $ref, which man/ lacks"
			fail=1
		fi
	done
done
exit $fail
