#!/bin/sh
# tests/fuzz/seed-corpus.sh: write the raw seeds of one harness into DIR,
# from the sources the fuzzers start from:
#   command, script  the golden transcripts (tests/scripts/golden/*.mmsh),
#                    comments and blank lines dropped, cut into pieces of
#                    at most 40 commands (a harness runs at most 64 lines);
#   lesson           the lessons (lessons/*.lesson) and the lesson fixtures;
#   options          the command lines of tests/scripts/cli.sh and of the
#                    golden transcripts (*.args), one argument a line.
# The committed corpus is what libFuzzer keeps of them (-merge=1), see
# tests/fuzz/README.
#
# usage: tests/fuzz/seed-corpus.sh NAME DIR   (run from the source tree)
set -eu
name=$1
out=$2
mkdir -p "$out"
n=0

# emit FILE: one seed from standard input
emit() {
	n=$((n + 1))
	cat >"$out/seed-$name-$n"
}

case $name in
command|script)
	for f in tests/scripts/golden/*.mmsh; do
		grep -v -e '^[[:space:]]*#' -e '^[[:space:]]*$' "$f" | split -l 40 - "$out/piece-" || true
		for p in "$out"/piece-*; do
			[ -f "$p" ] || continue
			emit <"$p"
			rm -f "$p"
		done
	done
	;;
lesson)
	for f in lessons/*.lesson tests/lessons/fixtures/*.lesson; do
		emit <"$f"
	done
	;;
options)
	# the arguments of every `mm` call in cli.sh, the shell's variables
	# given a typical value; then every golden transcript's .args
	tmp=/tmp/mmsh-seed mode=always c=alloc PANIC='task new a'
	export tmp mode c PANIC
	grep -E '^[[:space:]]*mm(_in)? ' tests/scripts/cli.sh >"$out/lines"
	while IFS= read -r line; do
		case $line in
		*mm_in*) continue ;;   # its first argument is standard input
		esac
		# a subshell: a line whose quote closes further down is skipped
		# shellcheck disable=SC2086
		(eval "set -- ${line#*mm }" && printf '%s\n' "$@") >"$out/args" 2>/dev/null || continue
		emit <"$out/args"
	done <"$out/lines"
	rm -f "$out/lines" "$out/args"
	for f in tests/scripts/golden/*.args; do
		tr ' ' '\n' <"$f" | emit
	done
	;;
*)
	echo "seed-corpus.sh: no harness '$name' (command, script, lesson, options)" >&2
	exit 2
	;;
esac
echo "seed-corpus.sh: $name: $(ls "$out" | wc -l) seeds in $out"
