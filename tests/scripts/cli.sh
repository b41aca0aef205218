#!/bin/sh
# tests/scripts/cli.sh: mmsh's command line, end to end (SPEC.md section 2,
# machine shapes of section 4). One PASS/FAIL line per check; a FAIL is
# followed by indented details (unified diffs for exact comparisons).
#
# Environment: MMSH (absolute path of the binary), srcdir (the source tree).
# Exit: 0 all passed, 1 a check failed, 99 setup error.

me=cli
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
cd "$tmp" || lib_die "cannot enter $tmp"

# ---- helpers -----------------------------------------------------------------

# mm ARGS...: run mmsh (stdin /dev/null); leaves $tmp/out, $tmp/err, $st.
mm() {
	# shellcheck disable=SC2086
	$guard "$MMSH" "$@" </dev/null >"$tmp/out" 2>"$tmp/err"
	st=$?
}

# mm_in INPUT ARGS...: the same with INPUT (printf %s) on a pipe as stdin.
mm_in() {
	input=$1
	shift
	# shellcheck disable=SC2086
	printf '%s' "$input" | $guard "$MMSH" "$@" >"$tmp/out" 2>"$tmp/err"
	st=$?
}

# begin NAME ... end: one check made of several expectations.
begin() {
	cname=$1
	cok=1
	: >"$tmp/details"
}

note() {
	cok=0
	printf '    %s\n' "$*" >>"$tmp/details"
}

end() {
	if [ "$cok" = 1 ]; then
		pass "$cname"
	else
		fail "$cname"
		cat "$tmp/details"
	fi
}

status_is() {
	[ "$st" = "$1" ] || note "exit status $st, expected $1"
}

status_is_not() {
	[ "$st" != "$1" ] || note "exit status $st, expected anything else"
}

# stdout_is TEXT / stderr_is TEXT: exact (TEXT gets a final newline; an
# empty TEXT means an empty stream).
stdout_is() {
	if [ -z "$1" ]; then
		: >"$tmp/want"
	else
		printf '%s\n' "$1" >"$tmp/want"
	fi
	compare_files stdout "$tmp/want" "$tmp/out" >>"$tmp/details" || cok=0
}

stderr_is() {
	if [ -z "$1" ]; then
		: >"$tmp/want"
	else
		printf '%s\n' "$1" >"$tmp/want"
	fi
	compare_files stderr "$tmp/want" "$tmp/err" >>"$tmp/details" || cok=0
}

stdout_empty() { stdout_is ''; }
stderr_empty() { stderr_is ''; }

# stdout_has ERE / stderr_has ERE: some line matches.
stdout_has() {
	grep -Eq -- "$1" "$tmp/out" || { note "stdout has no line matching /$1/:"; detail "$tmp/out" >>"$tmp/details"; }
}

stderr_has() {
	grep -Eq -- "$1" "$tmp/err" || { note "stderr has no line matching /$1/:"; detail "$tmp/err" >>"$tmp/details"; }
}

# bi NODE ZONE COUNT...: one /proc/buddyinfo line ("%6lu " per order).
bi() {
	printf 'Node %d, zone %8s ' "$1" "$2"
	shift 2
	for c in "$@"; do
		printf '%6d ' "$c"
	done
	printf '\n'
}

# usage_error NAME MESSAGE ARGS...: mmsh ARGS must exit 2 with exactly
# "mmsh: MESSAGE" and the GNU hint on stderr, and print nothing on stdout.
usage_error() {
	name=$1 msg=$2
	shift 2
	begin "$name"
	mm "$@"
	status_is 2
	stdout_empty
	stderr_is "mmsh: $msg
Try 'mmsh --help' for more information."
	end
}

# ---- --help, --version, usage errors -------------------------------------------

begin "--help: usage on stdout, exit 0"
mm --help
status_is 0
stderr_empty
stdout_has '^Usage: mmsh \[OPTION\]\.\.\. \[SCRIPT\]\.\.\.$'
stdout_has '^ +-c CMDS'
stdout_has '^ +--preset NAME'
stdout_has '^Exit status: 0 if every command succeeded, 1 if one failed, 2 on bad usage\.$'
end

begin "--version: name and version on stdout, exit 0"
mm --version
status_is 0
stderr_empty
sed -n 1p "$tmp/out" | grep -Eq '^mmsh [0-9]+\.[0-9]+(\.[0-9]+)?$' ||
	note "first line is not 'mmsh VERSION': $(sed -n 1p "$tmp/out")"
stdout_has 'Linux 5\.10'
end

usage_error "unknown long option: exit 2, stderr, Try 'mmsh --help'" \
	"unrecognized option '--bogus'" --bogus -c buddyinfo
usage_error "unknown short option: exit 2, names the letter" \
	"invalid option -- 'z'" -z
usage_error "missing option argument (--preset): exit 2" \
	"option '--preset' needs an argument" --preset
usage_error "missing option argument (-c): exit 2" \
	"option '-c' needs an argument" -c
usage_error "--preset bogus: exit 2" \
	"--preset: unknown preset 'bogus': presets are default, tiny, numa and host" --preset bogus

begin "--tui with -c: the commands run and mmsh exits, no view"
mm --tui -q -c buddyinfo
status_is 0
stderr_empty
stdout_has '^Node 0, zone   Normal'
end

begin "--tui, stdin not a terminal: commands from stdin, no view, no notice"
mm_in 'alloc 3
' --tui -q
status_is 0
stderr_empty
stdout_is "pfn=0x1000 order=3 zone=Normal migratetype=Unmovable via=buddy"
end

begin "--list-lessons: exit 0, a line on stdout"
mm --list-lessons
status_is 0
stderr_empty
[ -s "$tmp/out" ] || note "stdout is empty"
end

begin "--plain, --seed, --no-color and NO_COLOR are accepted"
mm -q -c buddyinfo
cp "$tmp/out" "$tmp/plain.out"
mm -q --plain --seed 5 --no-color -c buddyinfo
status_is 0
stderr_empty
compare_files stdout "$tmp/plain.out" "$tmp/out" >>"$tmp/details" || cok=0
NO_COLOR=1 "$MMSH" -q -c buddyinfo </dev/null >"$tmp/out" 2>"$tmp/err"
st=$?
status_is 0
stderr_empty
compare_files "stdout with NO_COLOR=1" "$tmp/plain.out" "$tmp/out" >>"$tmp/details" || cok=0
end

# ---- running commands: -c, -x, script operands, stdin -------------------------

A0='pfn=0x1000 order=0 zone=Normal migratetype=Unmovable via=pcp'
A1='pfn=0x1001 order=0 zone=Normal migratetype=Unmovable via=pcp'
A2='pfn=0x1002 order=0 zone=Normal migratetype=Unmovable via=pcp'

begin "-c with ';' runs each command in order"
mm -q -c 'alloc; alloc;alloc'
status_is 0
stderr_empty
stdout_is "$A0
$A1
$A2"
end

begin "-c with newlines, blank lines and comments"
mm -q -c '# a comment line
alloc   # a trailing comment

   alloc;# comment after ;
alloc'
status_is 0
stderr_empty
stdout_is "$A0
$A1
$A2"
end

begin "-c '': nothing to do, exit 0"
mm -q -c ''
status_is 0
stderr_empty
stdout_empty
end

printf 'alloc\n# comment\n\nalloc\n' >two.mmsh
begin "-x FILE runs the file"
mm -q -x two.mmsh
status_is 0
stderr_empty
stdout_is "$A0
$A1"
end

begin "script operand runs the file"
mm -q two.mmsh
status_is 0
stderr_empty
stdout_is "$A0
$A1"
end

begin "-c, -x and operands run in order on one machine"
mm -q -c alloc -x two.mmsh two.mmsh
status_is 0
stderr_empty
stdout_is "$A0
$A1
$A2
pfn=0x1003 order=0 zone=Normal migratetype=Unmovable via=pcp
pfn=0x1004 order=0 zone=Normal migratetype=Unmovable via=pcp"
end

begin "stdin not a terminal: commands from a pipe, no prompt, no banner"
mm_in 'alloc
alloc
' 
status_is 0
stderr_empty
stdout_is "$A0
$A1"
end

begin "-i after -c with stdin a pipe: stdin runs after -c"
mm_in 'alloc
' -q -c alloc -i
status_is 0
stderr_empty
stdout_is "$A0
$A1"
end

# ---- errors, status, stopping and going on ------------------------------------

printf 'alloc\nbogus\nalloc\n' >bad.mmsh

begin "script: the first failing command stops it (exit 1, FILE:LINE:)"
mm -q bad.mmsh
status_is 1
stdout_is "$A0"
stderr_is "bad.mmsh:2: bogus: unknown command (type help for the list)"
end

begin "-k: later commands run, exit 1 at the end"
mm -q -k bad.mmsh
status_is 1
stdout_is "$A0
$A1"
stderr_is "bad.mmsh:2: bogus: unknown command (type help for the list)"
end

begin "--keep-going is -k; it also carries on to the next script"
mm -q --keep-going bad.mmsh -c alloc
status_is 1
stdout_is "$A0
$A1"
end

begin "a failing script stops the later -c and scripts (without -k)"
mm -q bad.mmsh two.mmsh
status_is 1
stdout_is "$A0"
end

begin "stdin: errors name stdin:LINE, the first one stops"
mm_in 'alloc
alloc 99
alloc
' -q
status_is 1
stdout_is "$A0"
stderr_is "stdin:2: alloc: order 99 is out of range: MAX_ORDER is 11, so orders are 0-10"
end

begin "errors on stderr, results on stdout; the rest of the -c line is skipped"
mm -q -c 'buddyinfo; bogus; alloc'
status_is 1
stdout_is "$(bi 0 DMA 0 0 0 0 0 0 0 0 0 0 4; bi 0 Normal 0 0 0 0 0 0 0 0 0 0 60)"
stderr_is "bogus: unknown command (type help for the list)"
end

begin "a refused allocation is a result: stdout, exit 0"
mm -q --preset tiny -c 'alloc 5 n=8 gfp=GFP_NOWAIT|__GFP_NOWARN'
status_is 0
stderr_empty
stdout_has '^alloc: order-5 allocation failed, gfp=GFP_NOWAIT\|__GFP_NOWARN$'
stdout_has '^alloc: 7 of 8 blocks allocated$'
end

printf 'alloc\nquit\nalloc\n' >quit.mmsh
begin "quit in a script stops it (and everything after it), exit 0"
mm -q quit.mmsh -c alloc
status_is 0
stderr_empty
stdout_is "$A0"
end

begin "exit is quit; quit in -c stops the line"
mm -q -c 'alloc; exit; alloc'
status_is 0
stderr_empty
stdout_is "$A0"
end

begin "a missing script file: error naming it, exit non-zero"
mm -q nosuch.mmsh
status_is_not 0
stdout_empty
stderr_has "nosuch\\.mmsh"
end

begin "unique prefixes: buddy = buddyinfo, ambiguous b refused"
mm -q -c buddy
status_is 0
stdout_is "$(bi 0 DMA 0 0 0 0 0 0 0 0 0 0 4; bi 0 Normal 0 0 0 0 0 0 0 0 0 0 60)"
mm -q -c b
status_is 1
stderr_is "b: ambiguous: could be buddyinfo bitmap back break"
end

# ---- output streams: pipes, closed stdout, full disk -----------------------------

begin "mmsh -c 'help' | head -1: quiet, no error on stderr"
"$MMSH" -c 'help' </dev/null 2>"$tmp/err" | head -1 >"$tmp/out"
stderr_empty
stdout_is "Allocation and freeing"
end

# map per=1 prints ~78 KB, more than a pipe holds: head's exit breaks the pipe.
begin "a broken pipe (large output | head -1): no message, killed by SIGPIPE or exit 0"
{ "$MMSH" -q -c 'map per=1' </dev/null 2>"$tmp/err"; echo $? >"$tmp/st"; } | head -1 >"$tmp/out"
st=$(cat "$tmp/st")
case $st in
0 | 141) ;;
*) note "exit status $st, expected 0 or 141 (SIGPIPE)" ;;
esac
stderr_empty
stdout_is "Node 0, zone      DMA: 4096 pages, 1 page per character"
end

begin "a broken pipe with SIGPIPE ignored: no message, exit 0"
(
	trap '' PIPE
	{ "$MMSH" -q -c 'map per=1; map per=1' </dev/null 2>"$tmp/err"; echo $? >"$tmp/st"; } | head -1 >"$tmp/out"
)
st=$(cat "$tmp/st")
status_is 0
stderr_empty
end

begin "closed stdout: results cannot be written -> error message, exit 1"
"$MMSH" -q -c buddyinfo </dev/null >&- 2>"$tmp/err"
st=$?
status_is 1
stderr_has 'mmsh: .*(write|stdout|Bad file descriptor)'
end

if [ -w /dev/full ]; then
	begin "stdout on a full disk (/dev/full): error message, exit 1"
	"$MMSH" -q -c buddyinfo </dev/null >/dev/full 2>"$tmp/err"
	st=$?
	status_is 1
	stderr_has 'mmsh: .*(write|No space left)'
	end

	begin "--version on a full disk (/dev/full): error message, exit non-zero"
	"$MMSH" --version </dev/null >/dev/full 2>"$tmp/err"
	st=$?
	status_is_not 0
	stderr_has 'mmsh: .*(write|No space left)'
	end
fi

# ---- presets ------------------------------------------------------------------------

begin "--preset default: DMA 16 MiB + Normal 240 MiB"
mm -q --preset default -c buddyinfo
status_is 0
stdout_is "$(bi 0 DMA 0 0 0 0 0 0 0 0 0 0 4; bi 0 Normal 0 0 0 0 0 0 0 0 0 0 60)"
end

begin "--preset tiny: one Normal zone of 256 pages, MAX_ORDER 6"
mm -q --preset tiny -c 'buddyinfo; pcp'
status_is 0
stdout_is "$(bi 0 Normal 0 0 0 0 0 8)
cpu 0 (node 0)
  Node 0, zone   Normal  count 0  high 0  batch 1"
end

begin "--preset numa: 2 nodes x (DMA32 + Normal), 4 CPUs"
mm -q --preset numa -c 'buddyinfo; alloc cpu=3'
status_is 0
stdout_is "$(bi 0 DMA32 0 0 0 0 0 0 0 0 0 0 64; bi 0 Normal 0 0 0 0 0 0 0 0 0 0 64
bi 1 DMA32 0 0 0 0 0 0 0 0 0 0 64; bi 1 Normal 0 0 0 0 0 0 0 0 0 0 64)
pfn=0x30000 order=0 zone=Normal migratetype=Unmovable via=pcp"
end

# ---- --zones ----------------------------------------------------------------------------

begin "--zones DMA:16M,Normal:240M equals the default preset"
mm -q --zones DMA:16M,Normal:240M -c buddyinfo
status_is 0
stdout_is "$(bi 0 DMA 0 0 0 0 0 0 0 0 0 0 4; bi 0 Normal 0 0 0 0 0 0 0 0 0 0 60)"
end

# 1000 pages from pfn 0: 512 + 256 + 128 + 64 + 32 + 8
begin "--zones Normal:1000 (a page count)"
mm -q --zones Normal:1000 -c 'buddyinfo; sysctl vm.min_free_kbytes'
status_is 0
stdout_is "$(bi 0 Normal 0 0 0 1 0 1 1 1 1 1 0)
vm.min_free_kbytes = 252"
end

begin "--zones sizes with suffixes: DMA:1M,DMA32:4M,Movable:2M"
mm -q --zones DMA:1M,DMA32:4M,Movable:2M -c buddyinfo
status_is 0
# DMA pfns 0-255, DMA32 256-1279 (256 o8, 512 o9, 1024 o8), Movable 1280-1791
# (1280 o8, 1536 o8): zones never merge across their boundaries
stdout_is "$(bi 0 DMA 0 0 0 0 0 0 0 0 1 0 0; bi 0 DMA32 0 0 0 0 0 0 0 0 2 1 0
bi 0 Movable 0 0 0 0 0 0 0 0 2 0 0)"
end

begin "--zones NAME:SPANNED/PRESENT/MANAGED"
mm -q --zones DMA:4096/4000/3900,Normal:8192 -c zoneinfo
status_is 0
sed -n '/^Node 0, zone      DMA$/,/^Node 0, zone    DMA32$/p' "$tmp/out" |
	grep -E '^        (spanned|present|managed) ' >"$tmp/got"
printf '        spanned  4096\n        present  4000\n        managed  3900\n' >"$tmp/want"
compare_files "DMA spanned/present/managed" "$tmp/want" "$tmp/got" >>"$tmp/details" || cok=0
end

usage_error "--zones: unknown zone" \
	"--zones: unknown zone 'Foo' (zones: DMA, DMA32, Normal, Movable)" --zones Foo:1M
usage_error "--zones: duplicate zone" \
	"--zones: zone Normal is given twice" --zones Normal:1M,Normal:2M
usage_error "--zones: bad size" \
	"--zones: zone Normal: '1Q': expected a size such as 256M or 1G" --zones Normal:1Q
usage_error "--zones: present > spanned" \
	"node 0 zone Normal: need spanned >= present >= managed (4096/5000/100)" \
	--zones Normal:4096/5000/100
usage_error "--zones: managed > present" \
	"node 0 zone Normal: need spanned >= present >= managed (4096/4000/4001)" \
	--zones Normal:4096/4000/4001
usage_error "--zones: a zone without a size" \
	"--zones: 'Normal': expected NAME:SIZE" --zones Normal
usage_error "--zones: an empty zone" \
	"--zones: zone Normal must have at least one page" --zones Normal:0
usage_error "--mem and --zones together" \
	"--mem and --zones: give one or the other" --mem 1G --zones DMA:1M

# ---- --mem, --nodes, --cpus ------------------------------------------------------------------

# x86-64 zoning: DMA below 16 MiB (pfn 4096), DMA32 below 4 GiB (pfn 1048576)
begin "--mem 1G: DMA 4096 + DMA32 258048 pages"
mm -q --mem 1G -c 'buddyinfo; zoneinfo'
status_is 0
sed -n '1,2p' "$tmp/out" >"$tmp/got"
{ bi 0 DMA 0 0 0 0 0 0 0 0 0 0 4; bi 0 DMA32 0 0 0 0 0 0 0 0 0 0 252; } >"$tmp/want"
compare_files buddyinfo "$tmp/want" "$tmp/got" >>"$tmp/details" || cok=0
grep -E '^        managed ' "$tmp/out" >"$tmp/got"
printf '        managed  %s\n' 4096 258048 0 0 >"$tmp/want"
compare_files "managed pages of DMA, DMA32, Normal, Movable" "$tmp/want" "$tmp/got" \
	>>"$tmp/details" || cok=0
end

begin "--mem 5G: DMA 4096 + DMA32 1044480 + Normal 262144 pages"
mm -q --mem 5G -c buddyinfo
status_is 0
stdout_is "$(bi 0 DMA 0 0 0 0 0 0 0 0 0 0 4; bi 0 DMA32 0 0 0 0 0 0 0 0 0 0 1020
bi 0 Normal 0 0 0 0 0 0 0 0 0 0 256)"
end

usage_error "--mem: not whole pages" \
	"--mem '1000': not a whole number of 4 KiB pages" --mem 1000

begin "--nodes 2 --mem 512M: memory split between the nodes, x86 zoning"
mm -q --nodes 2 --mem 512M -c 'buddyinfo; alloc node=1'
status_is 0
stdout_is "$(bi 0 DMA 0 0 0 0 0 0 0 0 0 0 4; bi 0 DMA32 0 0 0 0 0 0 0 0 0 0 60
bi 1 DMA32 0 0 0 0 0 0 0 0 0 0 64)
pfn=0x10000 order=0 zone=DMA32 migratetype=Unmovable via=pcp"
end

usage_error "--nodes 0 refused" "--nodes: '0': expected a number from 1 to 16" --nodes 0

# 4 CPUs: vm stats threshold 2*fls(4)*(1+fls(managed>>15)) = 6 (DMA), 12 (Normal)
begin "--cpus 4: four pagesets per zone"
mm -q --cpus 4 -c 'zoneinfo; alloc cpu=3'
status_is 0
n=$(grep -c '^    cpu: ' "$tmp/out")
[ "$n" = 8 ] || note "$n 'cpu:' lines in zoneinfo, expected 8 (2 zones x 4 CPUs)"
grep -E '^  vm stats threshold: ' "$tmp/out" | sort | uniq -c | sed 's/^ *//' >"$tmp/got"
printf '4   vm stats threshold: 12\n4   vm stats threshold: 6\n' >"$tmp/want"
compare_files "vm stats thresholds" "$tmp/want" "$tmp/got" >>"$tmp/details" || cok=0
stdout_has '^pfn=0x1000 order=0 zone=Normal migratetype=Unmovable via=pcp$'
end

usage_error "--cpus 0 refused" "--cpus: '0': expected a number from 1 to 64" --cpus 0
usage_error "--cpus 65 refused" "--cpus: '65': expected a number from 1 to 64" --cpus 65

# ---- --max-order, --pageblock-order ------------------------------------------------

begin "--max-order 8: orders 0-7, pageblock_order clamped to 7"
mm -q --max-order 8 -c 'buddyinfo; pagetypeinfo'
status_is 0
sed -n '1,4p' "$tmp/out" >"$tmp/got"
{ bi 0 DMA 0 0 0 0 0 0 0 32; bi 0 Normal 0 0 0 0 0 0 0 480
  printf 'Page block order: 7\nPages per block:  128\n'; } >"$tmp/want"
compare_files "buddyinfo and pageblock size" "$tmp/want" "$tmp/got" >>"$tmp/details" || cok=0
end

begin "--max-order 12: order-11 blocks, pageblock_order stays 9"
mm -q --max-order 12 -c 'buddyinfo; pagetypeinfo'
status_is 0
sed -n '1,4p' "$tmp/out" >"$tmp/got"
{ bi 0 DMA 0 0 0 0 0 0 0 0 0 0 0 2; bi 0 Normal 0 0 0 0 0 0 0 0 0 0 0 30
  printf 'Page block order: 9\nPages per block:  512\n'; } >"$tmp/want"
compare_files "buddyinfo and pageblock size" "$tmp/want" "$tmp/got" >>"$tmp/details" || cok=0
end

begin "--pageblock-order 3: 8-page pageblocks"
mm -q --pageblock-order 3 -c pagetypeinfo
status_is 0
sed -n '1,2p' "$tmp/out" >"$tmp/got"
printf 'Page block order: 3\nPages per block:  8\n' >"$tmp/want"
compare_files "pageblock size" "$tmp/want" "$tmp/got" >>"$tmp/details" || cok=0
stdout_has '^Node 0, zone   Normal            0         7680 '
end

usage_error "--pageblock-order > MAX_ORDER-1 refused" \
	"pageblock_order must be between 1 and MAX_ORDER-1 = 9, not 10" \
	--max-order 10 --pageblock-order 10
usage_error "--max-order 1 refused" "--max-order: '1': expected a number from 2 to 20" \
	--max-order 1

# ---- --thp ----------------------------------------------------------------------------------

# --mem 1G (DMA 4096 + DMA32 258048 managed, kernel-doc sec. 7.1/7.4 formulas):
# never:   int_sqrt(1048576 kB * 16) = 4096 kB; pages_min 1024:
#          DMA 16/20/24, DMA32 1008/1266/1524
# madvise: khugepaged: min(512*2*11, (4096-24 + 258048-1524)/20) = 11264 pages
#          = 45056 kB; DMA 176/220/264, DMA32 11088/13860/16632
thp_check() {
	mode=$1 kb=$2
	shift 2
	begin "--thp $mode on --mem 1G: vm.min_free_kbytes $kb"
	mm -q --mem 1G --thp "$mode" -c 'sysctl vm.min_free_kbytes; zoneinfo'
	status_is 0
	sed -n 1p "$tmp/out" >"$tmp/got"
	check_text "sysctl" "vm.min_free_kbytes = $kb" "$tmp/got" >>"$tmp/details" || cok=0
	# the first six: DMA's min, low, high, then DMA32's
	grep -E '^        (min|low|high) ' "$tmp/out" | sed -n 1,6p | awk '{ print $1, $2 }' >"$tmp/got"
	printf 'min %s\nlow %s\nhigh %s\nmin %s\nlow %s\nhigh %s\n' "$@" >"$tmp/want"
	compare_files "DMA and DMA32 min/low/high" "$tmp/want" "$tmp/got" >>"$tmp/details" || cok=0
	end
}
thp_check never 4096 16 20 24 1008 1266 1524
thp_check madvise 45056 176 220 264 11088 13860 16632
thp_check always 45056 176 220 264 11088 13860 16632

begin "--thp always below 512 MiB: THP is off, no raise (2048 kB)"
mm -q --thp always -c 'sysctl vm.min_free_kbytes'
status_is 0
stdout_is "vm.min_free_kbytes = 2048"
end

usage_error "--thp sometimes refused" \
	"--thp 'sometimes': expected always, madvise or never" --thp sometimes

# ---- --sysctl ----------------------------------------------------------------------------

# min_free_kbytes 8192 -> pages_min 2048: Normal 2048*61440/65536 = 1920,
# low 1920+max(480, 61) = 2400, high 2880
begin "--sysctl is applied at boot (repeatable)"
mm -q --sysctl vm.min_free_kbytes=8192 --sysctl vm.percpu_pagelist_fraction=8 \
	-c 'sysctl vm.min_free_kbytes; sysctl vm.percpu_pagelist_fraction; zoneinfo'
status_is 0
sed -n 1,2p "$tmp/out" >"$tmp/got"
printf 'vm.min_free_kbytes = 8192\nvm.percpu_pagelist_fraction = 8\n' >"$tmp/want"
compare_files sysctl "$tmp/want" "$tmp/got" >>"$tmp/details" || cok=0
sed -n '/^Node 0, zone   Normal$/,$p' "$tmp/out" |
	grep -E '^        (min|low|high) |^              (high|batch):' | sed -n 1,5p >"$tmp/got"
printf '        min      1920\n        low      2400\n        high     2880\n              high:  7680\n              batch: 96\n' >"$tmp/want"
compare_files "Normal watermarks and pcp" "$tmp/want" "$tmp/got" >>"$tmp/details" || cok=0
end

begin "--sysctl out of range: refused at boot, exit 2"
mm -q --sysctl vm.watermark_scale_factor=0 -c buddyinfo
status_is 2
stdout_empty
stderr_has '^mmsh: .*vm\.watermark_scale_factor.*0 is out of range \(1-1000\)'
end

begin "--sysctl unknown name: refused at boot, exit 2"
mm -q --sysctl vm.bogus=1 -c buddyinfo
status_is 2
stdout_empty
stderr_has "^mmsh: .*unknown sysctl 'vm\\.bogus'"
end

usage_error "--sysctl without =VALUE refused" \
	"--sysctl 'vm.min_free_kbytes': expected vm.NAME=VALUE" --sysctl vm.min_free_kbytes

# ---- --swap ------------------------------------------------------------------------------

swap_check() {
	begin "--swap $1: SwapTotal $2 kB"
	if [ "$1" = default ]; then
		mm -q -c meminfo
	else
		mm -q --swap "$1" -c meminfo
	fi
	status_is 0
	grep -E '^Swap(Total|Free):' "$tmp/out" >"$tmp/got"
	printf 'SwapTotal:      %8s kB\nSwapFree:       %8s kB\n' "$2" "$2" >"$tmp/want"
	compare_files meminfo "$tmp/want" "$tmp/got" >>"$tmp/details" || cok=0
	end
}
# slot 0 holds the swap header (mkswap), so a device of N pages swaps N - 1
swap_check default 131068 # half of the default preset's 256 MiB, less the header page
swap_check 0 0
swap_check 1G 1048572
usage_error "--swap 1x refused" "--swap '1x': expected a size such as 256M or 1G" --swap 1x

# ---- interactive sessions (a pseudo-terminal made by script(1)) ---------------

# pty INPUT ARGS...: run mmsh ARGS on a pty fed with INPUT; $tmp/out gets the
# session (input echo included, CRs removed), $st the exit status.
pty() {
	input=$1
	shift
	printf '%s' "$input" | TERM=dumb timeout 10 script -qec "$MMSH $*" /dev/null \
		>"$tmp/raw" 2>"$tmp/err"
	st=$?
	tr -d '\r' <"$tmp/raw" >"$tmp/out"
}

if command -v script >/dev/null 2>&1 && command -v timeout >/dev/null 2>&1 &&
	timeout 10 script -qec true /dev/null </dev/null >/dev/null 2>&1; then
	begin "interactive: banner, prompt, results; quit leaves with status 0"
	pty 'buddyinfo
quit
'
	status_is 0
	stdout_has '^mmsh [0-9.]+: Linux 5\.10 physical memory management, simulated\.$'
	stdout_has '^default machine: 1 node, 2 CPUs, 256 MiB: DMA 16 MiB Normal 240 MiB$'
	stdout_has '^mmsh> buddyinfo$'
	stdout_has "^$(bi 0 Normal 0 0 0 0 0 0 0 0 0 0 60)\$"
	end

	begin "interactive: the history file is private (0600) and holds the commands"
	h=$XDG_STATE_HOME/mmsh/history
	if [ -f "$h" ]; then
		[ -n "$(find "$h" -perm 0600)" ] || note "$h does not have mode 0600"
		grep -qx buddyinfo "$h" || note "$h does not hold 'buddyinfo'"
	else
		note "no history file $h"
	fi
	end

	begin "the state directory is private (0700), and so is lesson progress (0600)"
	"$MMSH" -q --plain -c 'lesson start 01-pages; next' </dev/null >/dev/null 2>&1
	d=$XDG_STATE_HOME/mmsh
	[ -n "$(find "$d" -maxdepth 0 -perm 0700)" ] || note "$d does not have mode 0700"
	[ -n "$(find "$d/lessons" -perm 0600 2>/dev/null)" ] || note "$d/lessons does not have mode 0600"
	end

	begin "interactive -q: no banner, still a prompt"
	pty 'quit
' -q
	status_is 0
	if grep -q 'simulated\.$' "$tmp/out"; then note "the banner was printed"; fi
	stdout_has '^mmsh> quit$'
	end

	printf 'alloc\n' >"$HOME/.mmshrc"
	begin "the start-up file \$HOME/.mmshrc runs before an interactive session"
	pty 'pcp cpu=0
quit
' -q
	status_is 0
	stdout_has '^  Node 0, zone   Normal  count 14  high 90  batch 15$'
	end

	begin "the start-up file \$HOME/.mmshrc is not run for -c, -x or stdin"
	mm -q -c 'pcp cpu=0'
	stdout_has '^  Node 0, zone   Normal  count 0  high 90  batch 15$'
	printf 'pcp cpu=0\n' >pcp.mmsh
	mm -q -x pcp.mmsh
	stdout_has '^  Node 0, zone   Normal  count 0  high 90  batch 15$'
	mm_in 'pcp cpu=0
' -q
	stdout_has '^  Node 0, zone   Normal  count 0  high 90  batch 15$'
	end
	rm -f "$HOME/.mmshrc"
else
	skip "interactive sessions" "script(1) cannot make a pseudo-terminal here"
fi

# ---- session commands seen from the command line ------------------------------------------

begin "check: ok with a count of invariants"
mm -q -c 'alloc n=40; alloc 3 gfp=GFP_HIGHUSER_MOVABLE; free 0x1000; check'
status_is 0
stderr_empty
stdout_has '^check: ok \([0-9]+ invariants\)$'
end

begin "set paranoid on: silent while every invariant holds"
mm -q --preset numa -c 'set paranoid on; alloc n=20 cpu=2; alloc 4 node=0; drain all; free all; check'
status_is 0
stderr_empty
stdout_has '^check: ok \([0-9]+ invariants\)$'
end

begin "history numbers every command, without the blank after ';'"
mm -q -c 'buddyinfo; alloc;history'
status_is 0
sed -n '/^    1  /,$p' "$tmp/out" >"$tmp/got"
printf '    1  buddyinfo\n    2  alloc\n    3  history\n' >"$tmp/want"
compare_files history "$tmp/want" "$tmp/got" >>"$tmp/details" || cok=0
end

# help COMMAND: the syntax line, then text indented by two spaces (or blank),
# nothing wider than 80 columns: the Kernel: paragraph included.
begin "help COMMAND: every line indented and at most 80 columns"
for c in alloc free drain buddyinfo pagetypeinfo zoneinfo vmstat meminfo free_area \
	bitmap pcp page map watermarks gfp sysctl trace check set reset help apropos \
	source history quit; do
	mm -q -c "help $c"
	if [ "$st" != 0 ]; then
		note "help $c: exit status $st"
		continue
	fi
	awk -v c="$c" 'NR > 1 && $0 != "" && $0 !~ /^  / { printf "help %s: line %d is not indented: %s\n", c, NR, $0 }
		length($0) > 80 { printf "help %s: line %d has %d columns\n", c, NR, length($0) }' \
		"$tmp/out" >"$tmp/bad"
	if [ -s "$tmp/bad" ]; then
		cok=0
		sed -n '1,6s/^/    /p' "$tmp/bad" >>"$tmp/details"
	fi
done
end

# ---- reclaim, OOM and panics seen from the command line ----------------------------

begin "reclaim commands: a refused argument is an error (exit 1, one line, no output)"
mm -q -c 'shrink bogus'
status_is 1
stdout_empty
stderr_is "shrink: 'bogus' is not an LRU list (inactive_anon, active_anon, inactive_file, active_file)"
mm -q -c 'task new app; fault app anon x'
status_is 1
stdout_is "task app pid=1001 oom_score_adj=0"
stderr_is "fault: N: 'x' is not a page count (N, or a size like 4M)"
end

# a fresh machine is balanced: wakeup_kswapd() does not wake kswapd
begin "kswapd on a balanced node: not woken, exit 0"
mm -q -c kswapd
status_is 0
stderr_empty
stdout_is "kswapd0: not woken: the node is balanced (a zone meets its high watermark) and unboosted"
end

begin "views, tick, sync and compaction on a fresh machine: exit 0, nothing on stderr"
mm -q -c 'tick 3; sync; compact; task list; lru; extfrag; shrink inactive_file; reclaim 1'
status_is 0
stderr_empty
stdout_has '^jiffies=3 \(\+3\) '
stdout_has '^reclaim: 0 of 1 pages in 1 call; free pages now 65536$'
end

# tiny: 256 pages + 128 swap slots; the only task is the biggest
begin "an OOM kill is a result, not an error: exit 0, the report on stdout"
mm -q --preset tiny -c 'task new hog; fault hog anon 1000'
status_is 0
stderr_empty
stdout_has '^\[ *[0-9]+\.[0-9]{6}\] hog invoked oom-killer: gfp_mask=0x100dca\(GFP_HIGHUSER_MOVABLE\|__GFP_ZERO\), order=0, oom_score_adj=0$'
stdout_has '^\[ *[0-9]+\.[0-9]{6}\] Out of memory: Killed process 1001 \(hog\) '
stdout_has '^fault: [0-9]+ of 1000 pages: the task was killed by the OOM killer$'
end

begin "oom (sysrq) with no eligible task: nothing killed, exit 0"
mm -q -c oom
status_is 0
stderr_empty
stdout_has 'OOM request ignored\. No task eligible$'
stdout_has '^oom: no task was killed$'
end

# no swap, and the only task may never be killed: out_of_memory() panics
PANIC='task new d oom_score_adj=-1000; fault d anon 300'
begin "after a kernel panic: views exit 0, changing commands exit 1"
mm -q --preset tiny --swap 0 -c "$PANIC; buddyinfo; task list; sysctl vm.swappiness; check"
status_is 0
stderr_empty
stdout_has '^vm.swappiness = 60$'
stdout_has '^ +1001 +d '

stdout_has 'Kernel panic - not syncing: System is deadlocked on memory$'
stdout_has '^check: ok \([0-9]+ invariants\)$'
for c in alloc 'fault d anon 1' 'task new e' 'sysctl vm.swappiness=10' kswapd oom tick; do
	mm -q --preset tiny --swap 0 -c "$PANIC; $c"
	status_is 1
	sed -n 1p "$tmp/err" >"$tmp/got"
	check_text "stderr of $c" "${c%% *}: the kernel panicked; only views, check and reset work now" \
		"$tmp/got" >>"$tmp/details" || cok=0
done
end

begin "reset after a panic: a fresh machine, exit 0"
mm_in 'task new d oom_score_adj=-1000
fault d anon 300
reset
alloc
' -q --preset tiny --swap 0
status_is 0
stderr_empty
stdout_has '^pfn=0x0 order=0 zone=Normal migratetype=Unmovable via=pcp$'
end

# ---- save svg FILE: pictures for slides -------------------------------------------

begin "save svg: a whole SVG file, nothing left beside it"
mkdir "$tmp/pics"
mm -q -c "alloc 3; save svg $tmp/pics/mem.svg; save svg $tmp/pics/plot.svg plot zone=Normal order=3"
status_is 0
stderr_empty
stdout_has "^saved $tmp/pics/mem\.svg \(SVG, [0-9]+ bytes\): memory map, free blocks per order and watermarks of 2 zones$"
stdout_has "^saved $tmp/pics/plot\.svg \(SVG, [0-9]+ bytes\): free pages and free blocks per order of 1 zone over 2 samples$"
for f in mem plot; do
	[ "$(sed -n 1p "$tmp/pics/$f.svg")" = '<?xml version="1.0" encoding="UTF-8" standalone="no"?>' ] ||
		note "$f.svg does not start with the XML declaration"
	[ "$(tail -n 1 "$tmp/pics/$f.svg")" = '</svg>' ] || note "$f.svg does not end with </svg>"
	bytes=$(wc -c <"$tmp/pics/$f.svg" | tr -d ' ')
	grep -q "^saved $tmp/pics/$f.svg (SVG, $bytes bytes)" "$tmp/out" || note "$f.svg: $bytes bytes, not what save said"
done
[ "$(ls "$tmp/pics")" = "mem.svg
plot.svg" ] || note "the directory holds more than the two pictures: $(ls "$tmp/pics")"
end

begin "save svg: a file that cannot be written is one clear error, and nothing is left"
: >"$tmp/pics/plain"
mm -q -c "save svg $tmp/pics/plain/x.svg"
status_is 1
stdout_empty
stderr_is "save: cannot write $tmp/pics/plain/x.svg: Not a directory"
mm -q -c "save svg $tmp/no/such/dir/x.svg"
status_is 1
stderr_is "save: cannot write $tmp/no/such/dir/x.svg: No such file or directory"
mkdir "$tmp/pics/dir.svg"
mm -q -c "save svg $tmp/pics/dir.svg"
status_is 1
stderr_has "^save: cannot rename $tmp/pics/dir\.svg\.tmp to $tmp/pics/dir\.svg: .* \(nothing was saved\)$"
[ ! -e "$tmp/pics/dir.svg.tmp" ] || note "dir.svg.tmp was left behind"
end

# A full disk, as a file size limit: the write fails (EFBIG, SIGXFSZ ignored)
begin "save svg: a write that fails midway leaves the old FILE and no FILE.tmp"
printf 'old picture\n' >"$tmp/pics/big.svg"
(
	ulimit -f 4 && trap '' XFSZ &&
		exec "$MMSH" -q -c "save svg $tmp/pics/big.svg" </dev/null >"$tmp/out" 2>"$tmp/err"
)
st=$?
status_is 1
stdout_empty
stderr_is "save: cannot write $tmp/pics/big.svg: File too large (nothing was saved)"
[ "$(cat "$tmp/pics/big.svg")" = 'old picture' ] || note "big.svg was changed"
[ ! -e "$tmp/pics/big.svg.tmp" ] || note "big.svg.tmp was left behind"
end

begin "save: bad forms and keys are refused before anything is written"
for c in 'save state.mmsh zone=DMA' 'save svg' 'save svg x.svg pie' 'save svg x.svg plot per=2' \
	'save svg x.svg order=2' 'save svg x.svg zone=DMA32' 'save svg x.svg per=0' 'save'; do
	mm -q -c "$c"
	status_is 1
	stdout_empty
	sed -n 1p "$tmp/err" >"$tmp/got"
	case $c in
	'save state.mmsh zone=DMA') want="save: zone= belongs to 'save svg FILE': 'save FILE' takes no keys" ;;
	'save svg') want="save: missing FILE (usage: save svg FILE [memory|plot])" ;;
	'save svg x.svg pie') want="save: unknown picture 'pie' (memory or plot: save svg FILE [memory|plot])" ;;
	*per=2) want="save: per= sizes the memory map: 'save svg FILE plot' has none" ;;
	*order=2) want="save: order= picks a chart of 'save svg FILE plot'; the memory picture shows every order" ;;
	*DMA32) want="save: zone DMA32 is empty on this machine" ;;
	*per=0) want="save: per: at least 1 page per cell" ;;
	'save') want="save: missing argument (usage: save FILE | save svg FILE [memory|plot] [zone=Z] [node=N] [per=N] [order=N])" ;;
	esac
	check_text "stderr of $c" "$want" "$tmp/got" >>"$tmp/details" || cok=0
done
[ ! -e x.svg ] && [ ! -e x.svg.tmp ] && [ ! -e state.mmsh ] || note "a refused save wrote a file"
end

# ---- record FILE and its replay -------------------------------------------------------------

# A session records halfway, with a failure and views on the way; the file
# is the commands that built the machine, then what ran (the failure as a
# comment). Replayed with the options its header names, it gives the same
# machine.
begin "record FILE in -c: the file replays to the same machine"
mm -q --preset tiny --seed 7 -k -c 'alloc 3
alloc 0 n=4
buddyinfo
record rec.mmsh
free 0x0
alloc 9
task new A
fault A anon 20
record off
alloc 1'
status_is 1
stderr_is "alloc: order 9 is out of range: MAX_ORDER is 6, so orders are 0-5"
mm -q --preset tiny --seed 7 -c 'alloc 3; alloc 0 n=4; free 0x0; task new A; fault A anon 20; buddyinfo; pcp; lru'
cp "$tmp/out" "$tmp/want.replay"
line=$(sed -n 3p rec.mmsh)
case $line in
'#   mmsh '*' rec.mmsh') ;;
*) note "the header's third line is not the replay command: $line" ;;
esac
cmdline=${line#'#   mmsh '}
eval "set -- ${cmdline% rec.mmsh}"   # the header's options, then the file and the views
mm -q "$@" -x rec.mmsh -c 'buddyinfo; pcp; lru'
status_is 0
stderr_empty
sed -n '/^Node 0, zone/,$p' "$tmp/out" >"$tmp/got.replay"
sed -n '/^Node 0, zone/,$p' "$tmp/want.replay" >"$tmp/want.cut"
compare_files "the replay's views" "$tmp/want.cut" "$tmp/got.replay" >>"$tmp/details" || cok=0
end

begin "record FILE: header, the machine before, the commands, failures commented out"
SOURCE_DATE_EPOCH=0 "$MMSH" -q --preset tiny --swap 0 -c 'alloc 2; pcp; record rec2.mmsh; alloc 1; nosuch; buddyinfo' \
	</dev/null >"$tmp/out" 2>"$tmp/err"
st=$?
status_is 1
version=$("$MMSH" --version | sed -n '1s/^mmsh //p')
printf '%s\n' "# mmsh $version recording, 1970-01-01 00:00:00 UTC" \
	'# A plain mmsh script. Replay it on the same machine with' \
	'#   mmsh --preset tiny --swap 0 rec2.mmsh' \
	'# or one command at a time, in the classroom view:' \
	'#   mmsh --preset tiny --swap 0 --demo rec2.mmsh' \
	'# The 1 command that made the machine what it was when' \
	'# the recording began:' 'alloc 2' '# The recording:' 'alloc 1' '# failed: nosuch' \
	>"$tmp/want"
compare_files rec2.mmsh "$tmp/want" rec2.mmsh >>"$tmp/details" || cok=0
end

begin "--demo with a script and stdin not a terminal: the script runs, no view"
printf 'alloc 3\nbuddyinfo\n' >demo.mmsh
mm -q --preset tiny --demo demo.mmsh
status_is 0
stderr_empty
stdout_is "pfn=0x0 order=3 zone=Normal migratetype=Unmovable via=buddy
$(bi 0 Normal 0 0 0 1 1 7)"
end

lib_finish
