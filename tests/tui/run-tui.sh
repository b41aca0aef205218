#!/bin/sh
# tests/tui/run-tui.sh: the ncurses view end to end. mmsh runs inside tmux
# at 80x24 and 200x60; commands are typed with send-keys and the screen is
# read back with capture-pane (-e for the attributes: highlighted cells,
# colours). One PASS/FAIL line per check; a FAIL shows the screen.
#
# Every number asserted comes from --preset tiny: one Normal zone of 256
# pages, MAX_ORDER 6, pageblock_order 5, one CPU. At boot the buddy
# allocator holds 8 free order-5 blocks, all of them Movable pageblocks
# (memmap_init marks every pageblock Movable; __free_pages_core frees them
# as MAX_ORDER-1 blocks). Each expectation below says which kernel rule
# gives it, and the first checks compare the panes with what buddyinfo and
# pcp print for the same commands in batch mode.
#
# Environment: MMSH (absolute path of the binary), srcdir (the source tree).
# Exit: 0 all passed, 1 a check failed, 77 tmux is not installed (skip),
# 99 setup error.

# shellcheck disable=SC2317 # the wait_* helpers run through expect "$@"
me=tui
case $0 in
*/*) here=${0%/*} ;;
*) here=. ;;
esac
if [ -n "${srcdir:-}" ] && [ -f "$srcdir/tests/scripts/lib.sh" ]; then
	# shellcheck source=tests/scripts/lib.sh
	. "$srcdir/tests/scripts/lib.sh"
else
	# shellcheck source=tests/scripts/lib.sh
	. "$here/../scripts/lib.sh"
fi

if ! command -v tmux >/dev/null 2>&1; then
	echo "SKIP: $me: tmux is not installed"
	exit 77
fi
lib_init
cd "$tmp" || lib_die "cannot enter $tmp"

# ---- a private tmux server -------------------------------------------------------

# Its own socket in $tmp: the user's tmux is never touched. The server
# stays up between sessions (exit-empty off), panes stay after their
# process ends (remain-on-exit: the last screen can still be read), and
# there is no status line (the pane is the whole window).
sock=$tmp/tmux.sock
cat >"$tmp/tmux.conf" <<'EOF'
set -s exit-empty off
set -s escape-time 10
set -g status off
set -g history-limit 100
setw -g remain-on-exit on
EOF
unset TMUX TMUX_PANE 2>/dev/null || :

tmx() {
	tmux -S "$sock" -f "$tmp/tmux.conf" "$@"
}

# shellcheck disable=SC2317 # called from the trap
cleanup() {
	tmx kill-server >/dev/null 2>&1
	rm -rf "$tmp"
}
trap cleanup 0
tmx start-server || lib_die "cannot start a tmux server"

# Fractions of a second where sleep takes them (GNU, BSD, busybox).
tick=0.05
sleep "$tick" 2>/dev/null || tick=1
wait_ticks=$(awk -v t=$tick 'BEGIN { print int(10 / t) }')   # about 10 s

mkdir -p "$tmp/home/.state" "$tmp/home/.config" || lib_die "cannot create the home"

# run.sh STATUS-FILE COMMAND...: runs the command, then writes its status.
# Ctrl-C reaches the wrapper too: trapped, it waits for mmsh (whose own
# handler is what the checks are about) instead of dying.
cat >"$tmp/run.sh" <<'EOF'
trap : INT
st=$1
shift
"$@"
echo $? >"$st.tmp" && mv "$st.tmp" "$st"
EOF

# start NAME WIDTH HEIGHT LOCALE [VAR=VALUE...] -- MMSH-ARGS...: a detached
# session running mmsh with TERM=xterm-256color (tmux would give it
# screen), a private HOME and history, and the locale given. LINES and
# COLUMNS go: ncurses would believe them instead of the window size.
start() {
	sess=$1 w=$2 h=$3 loc=$4
	shift 4
	extra=
	while [ $# -gt 0 ] && [ "$1" != -- ]; do
		extra="$extra $1"
		shift
	done
	[ "${1:-}" = -- ] && shift
	rm -f "$tmp/status.$sess"
	# shellcheck disable=SC2086 # $extra is a list of VAR=VALUE words
	tmx new-session -d -s "$sess" -x "$w" -y "$h" -- \
		sh "$tmp/run.sh" "$tmp/status.$sess" env -u LINES -u COLUMNS -u NO_COLOR -u TMUX -u TMUX_PANE \
		TERM=xterm-256color HOME="$HOME" XDG_CONFIG_HOME="$XDG_CONFIG_HOME" \
		XDG_STATE_HOME="$XDG_STATE_HOME" LANG="$loc" LC_ALL="$loc" $extra \
		"$MMSH" "$@" || lib_die "tmux new-session failed"
}

stop() {
	tmx kill-session -t "$sess" >/dev/null 2>&1
}

# keys KEY...: send-keys to the session (tmux key names: Enter, F1, S-F2,
# M-3, Up, Tab, PPage...).
keys() {
	tmx send-keys -t "$sess" "$@"
}

# type TEXT: the characters of TEXT, literally.
type_text() {
	tmx send-keys -t "$sess" -l -- "$1"
}

# cmd TEXT: type a command and Enter.
cmd() {
	type_text "$1"
	keys Enter
}

# capture: the screen into $tmp/screen, box-drawing characters as the
# ACS letters (tmux may hand either back). capture -e: with the escape
# sequences of the attributes, into $tmp/screen.e.
capture() {
	_to=$tmp/screen
	[ "${1:-}" = -e ] && _to=$tmp/screen.e
	tmx capture-pane -p -t "$sess" "$@" >"$tmp/screen.raw" 2>/dev/null
	sed -e 's/│/x/g' -e 's/─/q/g' -e 's/┌/l/g' -e 's/┐/k/g' -e 's/└/m/g' \
		-e 's/┘/j/g' "$tmp/screen.raw" >"$_to"
}

# marked: $tmp/screen from capture -e, with the highlighted runs of text
# (yellow background, or reverse video without colour) wrapped in { }.
# Other escape sequences and the ACS shift characters are dropped.
marked() {
	capture -e
	awk '
	function put(text) {
		if (text == "") return
		out = out (hl ? "{" text "}" : text)
	}
	{
		s = $0; out = ""; hl = 0
		gsub(/\016|\017/, "", s)
		while ((i = index(s, "\033[")) > 0) {
			put(substr(s, 1, i - 1))
			s = substr(s, i + 2)
			if (match(s, /^[0-9;:]*[A-Za-z]/)) {
				seq = substr(s, 1, RLENGTH - 1)
				fin = substr(s, RLENGTH, 1)
				s = substr(s, RLENGTH + 1)
				if (fin != "m") continue
				n = split(seq, p, ";")
				if (n == 0) hl = 0
				for (k = 1; k <= n; k++) {
					if (p[k] == "" || p[k] == "0" || p[k] == "27" || p[k] == "49") hl = 0
					else if (p[k] == "7" || p[k] == "43") hl = 1
				}
			}
		}
		put(s)
		gsub(/\}\{/, "", out)
		print out
	}' "$tmp/screen.e" >"$tmp/marked"
}

# screen_has ERE / screen_lacks ERE on $tmp/screen (or FILE).
screen_has() {
	grep -Eq -- "$1" "${2:-$tmp/screen}"
}

# poll GRAB FILE ERE...: run GRAB until every ERE matches a line of FILE;
# false after about 10 s.
poll() {
	_grab=$1
	_file=$2
	shift 2
	_n=0
	while :; do
		$_grab
		_ok=1
		for _re in "$@"; do
			grep -Eq -- "$_re" "$_file" || { _ok=0; break; }
		done
		[ "$_ok" = 1 ] && return 0
		_n=$((_n + 1))
		[ "$_n" -ge "$wait_ticks" ] && return 1
		sleep "$tick"
	done
}

# wait_for ERE...: the screen, with the last one left in $tmp/screen.
wait_for() {
	poll capture "$tmp/screen" "$@"
}

# wait_marked ERE...: the marked screen (highlights as { }).
wait_marked() {
	poll marked "$tmp/marked" "$@"
}

# wait_gone ERE: capture until no line matches.
wait_gone() {
	_n=0
	while :; do
		capture
		grep -Eq -- "$1" "$tmp/screen" || return 0
		_n=$((_n + 1))
		[ "$_n" -ge "$wait_ticks" ] && return 1
		sleep "$tick"
	done
}

# wait_exit: until mmsh has ended; prints its exit status (128 + N when
# killed by signal N), written by the wrapper (tmux's own pane_dead_status
# is not always set in time).
wait_exit() {
	_n=0
	while [ ! -f "$tmp/status.$sess" ]; do
		_n=$((_n + 1))
		[ "$_n" -ge "$wait_ticks" ] && { echo "still running"; return 1; }
		sleep "$tick"
	done
	cat "$tmp/status.$sess"
}

# begin NAME ... end: one check made of several expectations; expect
# records a failed one with the screen it saw.
begin() {
	cname=$1
	cok=1
	: >"$tmp/details"
}

note() {
	cok=0
	printf '    %s\n' "$*" >>"$tmp/details"
}

# expect WHAT wait_for|wait_marked|wait_gone ARGS...
expect() {
	_what=$1
	shift
	if ! "$@"; then
		note "$_what: timed out waiting for: $*"
		if [ "$1" = wait_marked ]; then
			detail "$tmp/marked" >>"$tmp/details"
		else
			detail "$tmp/screen" >>"$tmp/details"
		fi
	fi
}

end() {
	if [ "$cok" = 1 ]; then
		pass "$cname"
	else
		fail "$cname"
		cat "$tmp/details"
	fi
}

# ---- expected screens -------------------------------------------------------------

# The free_area pane prints, per zone, a line "Node 0 Normal  free N pages",
# an "order" header and one row per migratetype and nr_free, with a count
# per order 0..5 in columns of 6. fa LABEL C0..C5: an ERE for such a row
# at the left edge of the screen (the pane is top left when focused).
fa() {
	_label=$1
	shift
	printf '^x %-11s' "$_label"
	for _c in "$@"; do
		printf ' {0,5}%s' "$_c"
	done
	printf ' '
}

# The same row as marked: fa_marked LABEL CELL... where a CELL is a count,
# or {count} when its cells must be highlighted.
fa_marked() {
	_label=$1
	shift
	printf '^x %-11s' "$_label"
	for _c in "$@"; do
		case $_c in
		'{'*) printf ' {0,5}\\{%s\\}' "$(echo "$_c" | tr -d '{}')" ;;
		*) printf ' {0,5}%s' "$_c" ;;
		esac
	done
	printf ' '
}

# A /proc/buddyinfo line's counts, and the pane's nr_free row, as words.
buddyinfo_counts() {
	"$MMSH" --preset tiny -c "$1; buddyinfo" </dev/null 2>&1 |
		sed -n 's/^Node 0, zone *Normal //p' | tr -s ' ' ' ' | sed 's/^ *//; s/ *$//'
}

pane_nr_free() {
	sed -n 's/^x nr_free *\(\([0-9]* *\)\{6\}\).*/\1/p' "$tmp/screen" | sed -n 1p |
		tr -s ' ' ' ' | sed 's/ *$//'
}

ALLOC3='pfn=0x0 order=3 zone=Normal migratetype=Unmovable via=buddy'
FREE3='freed pfn=0x0 order=3 to=buddy block=0x0 block_order=5'

# ---- 80x24, UTF-8 ---------------------------------------------------------------

start s80 80 24 C.UTF-8 -- --preset tiny

begin "80x24: the view starts: free_area above output, status line, prompt"
expect "titles" wait_for '^lq 1 free_area ' '^lq 9 output ' '^mmsh> *$'
grep -n '^lq 1 free_area ' "$tmp/screen" | grep -q '^1:' || note "free_area is not on the top row"
[ "$(grep -c '^lq [0-9] ' "$tmp/screen")" = 2 ] || note "not exactly two panes at 80x24"
grep -Eq 'q [0-9] [a-z_]+ .*q [0-9] [a-z_]+ ' "$tmp/screen" && note "two panes side by side at 80x24"
screen_has ' 8 why ' && note "the why pane shows at start"
sed -n 23p "$tmp/screen" | grep -q '^ mmsh  focus: free_area' || note "row 23 is not the status line"
[ "$(wc -l <"$tmp/screen")" = 24 ] || note "the screen is not 24 rows"
end

# Boot: 8 free order-5 blocks, all Movable (tiny's 256 pages are 8 pageblocks).
begin "80x24: boot numbers in free_area: 8 Movable order-5 blocks, 256 free"
expect "boot rows" wait_for 'Node 0 Normal  free 256 pages' "$(fa Movable 0 0 0 0 0 8)" \
	"$(fa Unmovable 0 0 0 0 0 0)" "$(fa nr_free 0 0 0 0 0 8)"
end

# alloc 3 (GFP_KERNEL: Unmovable) finds no Unmovable block, so
# __rmqueue_fallback takes the largest Movable one (order 5 >=
# pageblock_order: steal_suitable_fallback moves the whole pageblock to
# Unmovable), and expand() puts the halves back: 0x10 order 4 and 0x8
# order 3 on the Unmovable lists; 0x0 order 3 is handed out. Free: 248.
begin "80x24: alloc 3: free_area counts as buddyinfo gives, output shows the pfn line"
cmd 'alloc 3'
expect "after alloc 3" wait_for "^x$ALLOC3 " 'Node 0 Normal  free 248 pages' \
	"$(fa Unmovable 0 0 0 1 1 0)" "$(fa Movable 0 0 0 0 0 7)" "$(fa nr_free 0 0 0 1 1 7)"
screen_has '^xmmsh> alloc 3 ' || note "the command is not echoed in the output pane"
want=$(buddyinfo_counts 'alloc 3')
[ "$want" = "0 0 0 1 1 7" ] || note "buddyinfo after alloc 3 gives '$want', not 0 0 0 1 1 7"
got=$(pane_nr_free)
[ "$got" = "$want" ] || note "pane nr_free '$got' differs from buddyinfo '$want'"
end

# The cells that changed are highlighted: 256 -> 248 (the "48"), the new
# Unmovable order-3 and order-4 blocks, the Movable order-5 count.
begin "80x24: alloc 3 highlights exactly the changed cells"
expect "highlights" wait_marked 'Node 0 Normal  free 2\{48\} pages' \
	"$(fa_marked Unmovable 0 0 0 '{1}' '{1}' 0)" "$(fa_marked Movable 0 0 0 0 0 '{7}')" \
	"$(fa_marked Reclaimable 0 0 0 0 0 0)" "$(fa_marked nr_free 0 0 0 '{1}' '{1}' '{7}')"
end

# free merges 0x0 with its buddies back into one order-5 block; the
# pageblock keeps the Unmovable type it was given (nothing resets it).
begin "80x24: free: the counts come back, the highlights move"
cmd 'free 0x0'
expect "after free" wait_for "^x$FREE3 " 'Node 0 Normal  free 256 pages' \
	"$(fa nr_free 0 0 0 0 0 8)" "$(fa Unmovable 0 0 0 0 0 1)" "$(fa Movable 0 0 0 0 0 7)"
expect "highlights" wait_marked "$(fa_marked Unmovable 0 0 0 '{0}' '{0}' '{1}')" \
	"$(fa_marked Movable 0 0 0 0 0 7)" "$(fa_marked nr_free 0 0 0 '{0}' '{0}' '{8}')" \
	'Node 0 Normal  free 2\{56\} pages'
want=$(buddyinfo_counts 'alloc 3; free 0x0')
got=$(pane_nr_free)
[ "$got" = "$want" ] || note "pane nr_free '$got' differs from buddyinfo '$want'"
end

begin "80x24: a command that changes nothing leaves nothing highlighted"
cmd 'buddyinfo'
expect "buddyinfo output" wait_for '^xNode 0, zone +Normal +0 +0 +0 +0 +0 +8 '
marked
sed -n '2,10p' "$tmp/marked" | grep -q '[{}]' && { note "free_area cells still highlighted:"; detail "$tmp/marked" >>"$tmp/details"; }
end

begin "80x24: undo after alloc restores the counts"
cmd 'alloc 3'
expect "alloc" wait_for 'Node 0 Normal  free 248 pages'
cmd 'undo'
expect "undo" wait_for "^xundo: 'alloc 3' undone" 'Node 0 Normal  free 256 pages' \
	"$(fa nr_free 0 0 0 0 0 8)" "$(fa Unmovable 0 0 0 0 0 1)"
end

# The Unmovable pageblock at 0x0 serves alloc 3 without a fallback now:
# __rmqueue_smallest splits it. why prints the path (ASCII arrows in the
# view, whatever the locale).
begin "80x24: why prints the kernel path of the last command"
cmd 'alloc 3'
expect "alloc" wait_for 'Node 0 Normal  free 248 pages'
cmd 'why'
expect "why" wait_for '^x +[0-9]+ __alloc_pages_nodemask: returns pfn=0x0 order=3 '
keys M-9 F3
expect "zoomed output" wait_for '^lq 9 output \(zoomed\)'
keys PPage
expect "header and path" wait_for "^xwhy: 'alloc 3' took [0-9]+ kernel steps" \
	'^x  path: __alloc_pages_nodemask -> prepare_alloc_pages -> '
# PgUp stops at the first line: one PgDn after many PgUps moves again
keys PPage PPage PPage PPage PPage
expect "top" wait_for '^xmmsh [0-9.]+: Linux 5\.10'
keys NPage
expect "one page down" wait_gone '^xmmsh [0-9.]+: Linux 5\.10'
keys F3 M-1
expect "unzoomed" wait_for '^lq 1 free_area ' '^ mmsh  focus: free_area'
cmd 'undo'
expect "undo" wait_for 'Node 0 Normal  free 256 pages'
end

# step: the status line names the step; Enter, b and c move.
begin "80x24: step alloc 3: STEP 1/N, Enter 2/N, b 1/N, c to the end"
cmd 'step alloc 3'
expect "step 1" wait_for '^ STEP 1/[0-9]+  __alloc_pages_nodemask: order=3 gfp=GFP_KERNEL' \
	'Node 0 Normal  free 256 pages'
total=$(sed -n 's|^ STEP 1/\([0-9]*\) .*|\1|p' "$tmp/screen")
[ "${total:-0}" -gt 2 ] 2>/dev/null || note "not a step count: '$total'"
keys Enter
expect "step 2" wait_for "^ STEP 2/$total  prepare_alloc_pages: "
keys b
expect "back to 1" wait_for "^ STEP 1/$total  __alloc_pages_nodemask: "
keys Enter Enter
expect "step 3" wait_for "^ STEP 3/$total  "
keys c
expect "finished" wait_for "^xcontinue: 'alloc 3' ran to its end \\($total steps\\)" "^x$ALLOC3 " \
	'^ mmsh  focus: free_area' 'Node 0 Normal  free 248 pages' "$(fa nr_free 0 0 0 1 1 7)"
cmd 'undo'
expect "undo" wait_for 'Node 0 Normal  free 256 pages'
end

begin "80x24: F1 shows the help, a key closes it (and is not typed)"
keys F1
expect "help" wait_for 'mmsh: the ncurses view' 'F3 zoom \(again: unzoom\) +F4 hide the pane'
keys x
expect "help closed" wait_gone 'mmsh: the ncurses view'
sed -n 24p "$tmp/screen" | grep -q '^mmsh> *$' || note "the key went to the prompt: $(sed -n 24p "$tmp/screen")"
type_text '?'
expect "? help" wait_for 'mmsh: the ncurses view'
keys Escape
expect "help closed" wait_gone 'mmsh: the ncurses view'
end

begin "80x24: F2, Shift-F2, Alt-N focus; F3 zooms"
keys F2
expect "F2" wait_for '^lq 2 bitmap ' '^ mmsh  focus: bitmap '
keys S-F2
expect "S-F2" wait_for '^lq 1 free_area ' '^ mmsh  focus: free_area '
keys M-5
expect "Alt-5" wait_for '^lq 5 pcp ' '^ mmsh  focus: pcp '
keys F3
expect "zoom" wait_for '^lq 5 pcp \(zoomed\) '
expect "output pane gone" wait_gone ' 9 output '
keys F3
expect "unzoom" wait_for '^lq 5 pcp q' '^lq 9 output '
end

begin "80x24: Up recalls the last command, Tab completes one"
keys Up
expect "history" wait_for '^mmsh> undo *$'
keys C-u
expect "cleared" wait_for '^mmsh> *$'
type_text 'buddyi'
keys Tab
expect "completed" wait_for '^mmsh> buddyinfo *$'
keys C-u
expect "cleared" wait_for '^mmsh> *$'
end

begin "80x24 (UTF-8): a non-ASCII character shows as itself, one column wide"
cmd 'é'
expect "error line" wait_for "^xé: unknown command \\(type help for the list\\) +x$" '^xmmsh> é +x$'
# 80 columns: the line is 81 bytes (é is two)
[ "$(grep '^xé: unknown command' "$tmp/screen" | wc -c)" = 82 ] ||
	note "the line is not 80 columns wide: $(grep '^xé: unknown' "$tmp/screen")"
keys Up
expect "recalled" wait_for '^mmsh> é$'
cx=$(tmx display-message -p -t "$sess" '#{cursor_x}')
[ "$cx" = 7 ] || note "the cursor is at column $cx, not 7 (after 'mmsh> é')"
keys C-u
expect "cleared" wait_for '^mmsh> *$'
cmd 'buddyinfo'
expect "buddyinfo" wait_for '^xmmsh> buddyinfo +x$'
end

begin "80x24: resize to 200x60: three panes a row; back to 80x24: one"
tmx resize-window -t "$sess" -x 200 -y 60
expect "grid" wait_for '^lq 5 pcp q+klq 1 free_area q+klq 2 bitmap q+k$' \
	'^lq 3 map q+klq 4 watermarks q+klq 6 lru( \[PgUp/PgDn\])? q+k$' '^lq 7 trace q+klq 9 output '
[ "$(wc -l <"$tmp/screen")" = 60 ] || note "the screen is not 60 rows"
tmx resize-window -t "$sess" -x 80 -y 24
expect "stacked" wait_for '^lq 5 pcp q+k$' '^lq 9 output '
grep -Eq 'q [0-9] [a-z_]+ .*q [0-9] [a-z_]+ ' "$tmp/screen" && note "panes side by side at 80x24"
[ "$(wc -l <"$tmp/screen")" = 24 ] || note "the screen is not 24 rows"
end

begin "80x24: F10 quits; mmsh exits with status 0; history is saved"
keys F10
st=$(wait_exit)
[ "$st" = 0 ] || note "exit status: $st"
hist=$XDG_STATE_HOME/mmsh/history
grep -q '^step alloc 3$' "$hist" 2>/dev/null || note "no 'step alloc 3' in $hist"
end
stop

# ---- 200x60, C locale: alloc, free, drain, step, resize ----------------------------

# vm.percpu_pagelist_fraction=8 gives the pcp list high = 256 / 8 = 32
# and batch = high / 4 = 8 (pageset_set_high); tiny's own high is 0, which
# would never keep a page on the list.
start s200 200 60 C -- --preset tiny --sysctl vm.percpu_pagelist_fraction=8

begin "200x60 (C locale): a 3x3 grid, titles three to a row"
expect "grid" wait_for '^lq 1 free_area q+klq 2 bitmap q+klq 3 map q+k$' \
	'^lq 4 watermarks q+klq 5 pcp q+klq 6 lru( \[PgUp/PgDn\])? q+k$' 'lq 9 output '
screen_has ' 8 why ' && note "the why pane shows at start"
expect "boot" wait_for "$(fa nr_free 0 0 0 0 0 8)" 'count 0  high 32  batch 8'
end

begin "200x60: Up recalls the last command of the previous session (history file)"
keys Up
expect "history" wait_for '^mmsh> buddyinfo *$'
keys C-u
expect "cleared" wait_for '^mmsh> *$'
end

begin "200x60: alloc 3 and free: the same counts as buddyinfo"
cmd 'alloc 3'
expect "alloc" wait_for "xx$ALLOC3 " 'Node 0 Normal  free 248 pages' \
	"$(fa Unmovable 0 0 0 1 1 0)" "$(fa Movable 0 0 0 0 0 7)" "$(fa nr_free 0 0 0 1 1 7)"
got=$(pane_nr_free)
[ "$got" = "$(buddyinfo_counts 'alloc 3')" ] || note "pane nr_free '$got' differs from buddyinfo"
expect "highlights" wait_marked "$(fa_marked nr_free 0 0 0 '{1}' '{1}' '{7}')"
cmd 'free 0x0'
expect "free" wait_for "xx$FREE3 " 'Node 0 Normal  free 256 pages' "$(fa nr_free 0 0 0 0 0 8)"
end

# alloc 0 on an empty pcp list: rmqueue_bulk() moves batch = 8 pages from
# the buddy lists (0x0-0x7: the Unmovable order-5 block split down), one
# is handed out, 7 stay on the list. drain gives the 7 back: 0x1 stays
# order 0 (its buddy 0x0 is allocated), 0x2-0x3 merge to order 1, 0x4-0x7
# to order 2; the order-3 and order-4 halves were already free.
begin "200x60: alloc 0 fills the pcp list, drain empties it"
cmd 'alloc 0'
expect "alloc 0" wait_for 'xxpfn=0x0 order=0 zone=Normal migratetype=Unmovable via=pcp ' \
	'count 7  high 32  batch 8' 'Node 0 Normal  free 248 pages' "$(fa nr_free 0 0 0 1 1 7)"
expect "pcp highlighted" wait_marked 'count \{7\}  high 32  batch 8'
cmd 'drain'
expect "drain" wait_for 'xxdrained cpu=0 pages=7 ' 'count 0  high 32  batch 8' \
	'Node 0 Normal  free 255 pages' "$(fa nr_free 1 1 1 1 1 7)"
want=$("$MMSH" --preset tiny --sysctl vm.percpu_pagelist_fraction=8 \
	-c 'alloc 3; free 0x0; alloc 0; drain; buddyinfo' </dev/null 2>&1 |
	sed -n 's/^Node 0, zone *Normal //p' | tr -s ' ' ' ' | sed 's/^ *//; s/ *$//')
got=$(pane_nr_free)
[ "$got" = "$want" ] || note "pane nr_free '$got' differs from buddyinfo '$want'"
end

begin "200x60: step: STEP 1/N, Enter, b, c; why after it"
cmd 'step alloc 3'
expect "step 1" wait_for '^ STEP 1/[0-9]+  __alloc_pages_nodemask: order=3'
total=$(sed -n 's|^ STEP 1/\([0-9]*\) .*|\1|p' "$tmp/screen")
keys Enter
expect "step 2" wait_for "^ STEP 2/$total  prepare_alloc_pages: "
keys b
expect "back" wait_for "^ STEP 1/$total  "
keys c
expect "end" wait_for "xxcontinue: 'alloc 3' ran to its end \\($total steps\\)" \
	'Node 0 Normal  free 247 pages' '^ mmsh  focus: free_area '
cmd 'why'
expect "why" wait_for 'x +[0-9]+ __alloc_pages_nodemask: returns pfn=0x[0-9a-f]+ order=3 '
end

begin "200x60: F4 hides the focused pane, F5 shows every pane (why too)"
keys F4
expect "hidden" wait_for '^lq 2 bitmap q+klq 3 map q+klq 4 watermarks q+k$' '^ mmsh  focus: bitmap '
screen_has ' 1 free_area ' && note "free_area still shows"
keys F5
expect "all" wait_for ' 1 free_area ' ' 8 why ' ' 9 output '
[ "$(grep -o 'lq [1-9] [a-z_]*' "$tmp/screen" | wc -l)" = 9 ] || note "not 9 panes"
keys M-1
expect "focus back" wait_for '^ mmsh  focus: free_area '
end

begin "200x60: resize to 80x24 (with the help open) and back"
keys F1
expect "help" wait_for 'mmsh: the ncurses view'
tmx resize-window -t "$sess" -x 80 -y 24
expect "help, resized" wait_for 'mmsh: the ncurses view' '^lq 1 free_area '
keys x
expect "80x24" wait_for '^lq 1 free_area ' '^lq 9 output '
grep -Eq 'q [0-9] [a-z_]+ .*q [0-9] [a-z_]+ ' "$tmp/screen" && note "panes side by side at 80x24"
tmx resize-window -t "$sess" -x 200 -y 60
expect "200x60" wait_for '^lq 1 free_area q+klq 2 bitmap q+klq 3 map q+k$' \
	"$(fa nr_free 1 1 1 0 1 7)"
end

begin "200x60: q and Enter quit with status 0"
cmd q
st=$(wait_exit)
[ "$st" = 0 ] || note "exit status: $st"
end
stop

# ---- colour ------------------------------------------------------------------------

# sgr_params: every SGR parameter on the captured screen, one a line.
sgr_params() {
	tr -c '\033[0-9;m' '\n' <"$tmp/screen.e" | grep -o '\[[0-9;]*m' |
		tr -d '[m' | tr ';' '\n' | sed 's/^$/0/' | sort -u
}

begin "colour: by default the view uses colours"
start col 80 24 C.UTF-8 -- --preset tiny
expect "view" wait_for '^lq 1 free_area '
cmd 'alloc 3'
expect "alloc" wait_for 'Node 0 Normal  free 248 pages'
capture -e
sgr_params | grep -Eq '^(3[0-7]|4[0-7]|38|48)$' || note "no colour in: $(sgr_params | tr '\n' ' ')"
stop
end

for how in --no-color NO_COLOR=1; do
	begin "colour: $how: only bold and reverse, highlights in reverse"
	if [ "$how" = --no-color ]; then
		start nocol 80 24 C -- --preset tiny --no-color
	else
		start nocol 80 24 C NO_COLOR=1 -- --preset tiny
	fi
	expect "view" wait_for '^lq 1 free_area '
	cmd 'alloc 3'
	expect "alloc" wait_for 'Node 0 Normal  free 248 pages'
	capture -e
	bad=$(sgr_params | grep -Ev '^(0|1|7|22|27|39|49)$' | tr '\n' ' ')
	[ -z "$bad" ] || note "colour codes: $bad"
	expect "reverse highlights" wait_marked "$(fa_marked nr_free 0 0 0 '{1}' '{1}' '{7}')"
	keys F10
	st=$(wait_exit)
	[ "$st" = 0 ] || note "exit status: $st"
	stop
	end
done

# ---- no view --------------------------------------------------------------------------

begin "TERM=dumb: the plain prompt, with a notice"
start dumb 80 24 C TERM=dumb -- --preset tiny
expect "notice" wait_for '^mmsh: no ncurses view: TERM is dumb; using the plain prompt$' '^mmsh> *$'
screen_has 'lq 1 free_area' && note "the view started"
cmd 'alloc 3'
expect "alloc" wait_for "^$ALLOC3\$"
cmd 'quit'
st=$(wait_exit)
[ "$st" = 0 ] || note "exit status: $st"
stop
end

begin "--plain on a terminal: the readline prompt, no notice"
start plain 80 24 C.UTF-8 -- --preset tiny --plain
expect "prompt" wait_for '^mmsh> *$' '^mmsh [0-9.]+: Linux 5\.10'
screen_has 'no ncurses view' && note "a notice was printed"
screen_has 'lq 1 free_area' && note "the view started"
keys C-d
st=$(wait_exit)
[ "$st" = 0 ] || note "exit status: $st"
stop
end

# ---- classroom mode ------------------------------------------------------------------

begin "--demo: map and output panes; steps play without keys; space pauses"
start demo 80 24 C.UTF-8 -- --preset tiny --demo
expect "view" wait_for '^lq 3 map ' ' 9 output ' '^ mmsh  focus: map '
cmd 'step alloc 3'
expect "step 1" wait_for '^ STEP 1/[0-9]+ '
expect "step 2 by itself" wait_for '^ STEP 2/[0-9]+ '
type_text ' '
expect "paused" wait_for '^ STEP [0-9]+/[0-9]+ PAUSED '
end

begin "--demo: F10 while a step is shown quits with status 0"
keys F10
st=$(wait_exit)
[ "$st" = 0 ] || note "exit status: $st"
stop
end

# --demo SCRIPT: the view plays the script a line at a time. Comments are
# narration; each command is typed at the prompt and run after a pause
# (DEMO_LINE_MS, 3 s) or at Enter; space pauses; the teacher's own
# commands run in between. The numbers are those of the first checks.
# Then a quiz: the status line says the panes show the quiz's machine.
begin "--demo SCRIPT: lines play one at a time; space pauses, Enter plays the next"
printf '# the first allocation\nalloc 3\nbuddyinfo\nfree 0x0\n' >"$tmp/play.mmsh"
start play 80 24 C.UTF-8 -- --preset tiny --demo "$tmp/play.mmsh"
expect "narration, status" wait_for '^x# the first allocation +x$' '^ PLAY 1/3  next: alloc 3  '
expect "alloc 3 plays by itself" wait_for '^xmmsh> alloc 3 +x$' "^x$ALLOC3 " \
	'^ PLAY 2/3  next: buddyinfo  '
type_text ' '
expect "paused" wait_for '^ PLAY 2/3 PAUSED  next: buddyinfo  '
keys Enter
expect "Enter plays buddyinfo" wait_for '^xNode 0, zone +Normal +0 +0 +0 +1 +1 +7 +x$' \
	'^ PLAY 3/3 PAUSED  next: free 0x0  '
cmd 'pcp'
expect "the teacher's own command" wait_for '^xmmsh> pcp +x$' '^ PLAY 3/3 PAUSED  next: free 0x0  '
keys Enter
expect "the last line, then the view is the teacher's" wait_for "^x$FREE3 " \
	'^x\(the script has been played: the view is yours\) +x$' '^ mmsh  focus: map '
cmd 'quiz pfn seed=7'
expect "a quiz: the status line says whose machine shows" wait_for "^x  Which pfn does 'alloc 3' return\\? +x$" \
	"^ QUIZ  the panes show the quiz's machine"
cmd 'quiz off'
expect "quiz off" wait_for '^xquiz off: your machine is back; ' '^ mmsh  focus: map '
keys F10
st=$(wait_exit)
[ "$st" = 0 ] || note "exit status: $st"
stop
end

# ---- Ctrl-C, resize storms -----------------------------------------------------------

# Ctrl-C while a command runs stops it at its next page or jiffy; the
# machine of before the command is put back (check passes, and the block
# allocated before is still the only one). A billion reads of a 100-page
# file take minutes: the interrupt is what ends it.
LONG='workload random data 100 ops=1000000000'
begin "view: Ctrl-C stops a long workload; the machine is as before it"
start intr 80 24 C.UTF-8 -- --preset tiny
expect "view" wait_for '^ mmsh  focus: '
cmd 'alloc 3'
expect "alloc 3" wait_for "^x$ALLOC3 "
cmd "$LONG"
sleep 1
keys C-c
expect "interrupted" wait_for '^xworkload: interrupted; the machine is as it was before it +x$'
cmd 'check'
expect "check passes" wait_for '^xcheck: ok '
cmd 'undo'
expect "the alloc is the last command" wait_for "^xundo: 'alloc 3' undone "
end

begin "view: Ctrl-C stops a step's run; not stepping afterwards"
cmd "step $LONG"
sleep 1
keys C-c
expect "interrupted" wait_for '^xstep: interrupted; the machine is as it was before it +x$' \
	'^ mmsh  focus: '
end

# Resize storms: 200 window size changes in a row (each a SIGWINCH), then
# the view still answers and quits cleanly.
begin "view: 200 resizes in a row do not crash it"
i=0
while [ $i -lt 100 ]; do
	tmx resize-window -t "$sess" -x 200 -y 60 >/dev/null 2>&1
	tmx resize-window -t "$sess" -x 60 -y 15 >/dev/null 2>&1
	i=$((i + 1))
done
tmx resize-window -t "$sess" -x 80 -y 24 >/dev/null 2>&1
cmd 'alloc 0'
expect "still answers" wait_for '^xpfn=0x[0-9a-f]+ order=0 zone=Normal '
keys F10
st=$(wait_exit)
[ "$st" = 0 ] || note "exit status: $st"
stop
end

begin "plain prompt: Ctrl-C stops a long command; Ctrl-D exits with status 0"
start plainintr 80 24 C.UTF-8 -- --preset tiny --plain -q
expect "prompt" wait_for '^mmsh>'
cmd 'tick 100000000'
sleep 1
keys C-c
expect "interrupted" wait_for '^tick: interrupted; the machine is as it was before it$'
cmd 'check'
expect "check passes" wait_for '^check: ok '
keys C-d
st=$(wait_exit)
[ "$st" = 0 ] || note "exit status: $st"
stop
end

lib_finish
