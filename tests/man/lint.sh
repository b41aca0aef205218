#!/bin/sh
# tests/man/lint.sh: every man page passes `mandoc -Tlint -W warning`
# with no message. Skipped (77) when mandoc is not installed.
: "${srcdir:=.}"
if [ -z "$MANDOC" ] || [ ! -x "$MANDOC" ]; then
	echo "SKIP mandoc is not installed (Debian package: mandoc)"
	exit 77
fi
fail=0
for page in "$srcdir"/man/*.[1-9]; do
	out=$("$MANDOC" -Tlint -W warning "$page" 2>&1 | grep -v 'mandoc.db')
	if [ -n "$out" ]; then
		echo "FAIL $page:"
		echo "$out"
		fail=1
	else
		echo "PASS $page: mandoc -Tlint -W warning is clean"
	fi
done
exit $fail
