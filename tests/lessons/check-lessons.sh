#!/bin/sh
# tests/lessons/check-lessons.sh: every lesson in lessons/ runs unattended
# (`mmsh --lesson NAME --check`): each command succeeds, each question has
# the engine's answer, each prediction equals what the command then shows,
# each expect: holds. The issue asks for at least twelve lessons.
: "${srcdir:=.}"
[ -n "$MMSH" ] || { echo "lessons: MMSH is not set" >&2; exit 99; }
state=$(mktemp -d) || exit 99
trap 'rm -rf "$state"' EXIT
fail=0
n=0
for f in "$srcdir"/lessons/*.lesson; do
	[ -f "$f" ] || continue
	name=${f##*/}
	name=${name%.lesson}
	n=$((n + 1))
	if out=$(XDG_STATE_HOME=$state MMSH_LESSONS="$srcdir/lessons" "$MMSH" \
		--lesson "$name" --check 2>&1); then
		echo "PASS: $out"
	else
		echo "FAIL: lesson $name"
		printf '%s\n' "$out" | sed 's/^/    /'
		fail=1
	fi
done
if [ "$n" -lt 12 ]; then
	echo "FAIL: $n lessons in lessons/: the course has at least twelve"
	fail=1
else
	echo "PASS: $n lessons"
fi
exit $fail
