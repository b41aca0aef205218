#!/bin/sh
# tests/man/examples.sh: the examples in the EXAMPLES sections of the man
# pages run today. Each .Dl line and each literal display (.Bd/.Ed) is one
# example: a line "mmsh ..." or "$ mmsh ..." is a command line, and the
# "mmsh> ..." prompt lines after it are typed into it (before any command
# line, into a plain `mmsh`); other lines are output and are not compared.
# Every command line must exit 0. They run with $MMSH for mmsh, in an empty
# directory shared by one page's examples, with HOME there.
: "${MMSH:?MMSH must name the mmsh binary}"
: "${srcdir:=.}"
dir=$(mktemp -d) || exit 99
trap 'rm -rf "$dir"' EXIT
fail=0
count=0

# run CMD: one command line, fed the lines collected in $dir/input
run() {
	count=$((count + 1))
	cmd="\"\$MMSH\"${1#mmsh}"
	if (cd "$dir/work" && HOME="$dir/work" MMSH="$MMSH" sh -c "$cmd" \
			< "$dir/input" > "$dir/out" 2>&1); then
		echo "PASS $name: $1$(sed 's/^/; /' "$dir/input" | tr -d '\n')"
	else
		echo "FAIL $name: $1$(sed 's/^/; /' "$dir/input" | tr -d '\n')"
		sed 's/^/    /' "$dir/out" | tail -5
		fail=1
	fi
}

for page in "$srcdir"/man/*.[1-9]; do
	name=$(basename "$page")
	rm -rf "$dir/work" && mkdir "$dir/work" || exit 99
	# one line per event: "cmd LINE", "in LINE", "end" (an example ends)
	sed -n '/^\.Sh EXAMPLES/,/^\.Sh /p' "$page" |
		sed -e 's/\\-/-/g' -e 's/\\&//g' -e 's/\\e/\\/g' |
		awk '
			/^\.Bd -literal/ { inlit = 1; next }
			/^\.Ed/ { inlit = 0; print "end"; next }
			/^\.Dl / { sub(/^\.Dl /, ""); one = 1 }
			!inlit && !one { next }
			{ sub(/^\$ /, "") }
			/^mmsh( \([a-z]+\))?> / { sub(/^mmsh( \([a-z]+\))?> /, ""); print "in " $0 }
			/^mmsh / { print "cmd " $0 }
			one { print "end"; one = 0 }
		' > "$dir/events"
	current=
	: > "$dir/input"
	while IFS= read -r event; do
		case $event in
		"cmd "*)
			[ -n "$current" ] && run "$current"
			current=${event#cmd }
			: > "$dir/input"
			;;
		"in "*)
			[ -n "$current" ] || current=mmsh
			printf '%s\n' "${event#in }" >> "$dir/input"
			;;
		end)
			[ -n "$current" ] && run "$current"
			current=
			: > "$dir/input"
			;;
		esac
	done < "$dir/events"
done
if [ "$count" -eq 0 ]; then
	echo "FAIL no example found"
	exit 1
fi
exit $fail
