/*
 * src/shell/tui.h: the ncurses view. Panes show the machine (free_area,
 * the 2.4 bitmap, the memory map, watermarks, per-CPU lists, LRU lists,
 * the trace log, `why`, command output); the command line at the bottom
 * is GNU readline driven through its callback interface.
 */
#ifndef MMSH_SHELL_TUI_H
#define MMSH_SHELL_TUI_H

#include <stdbool.h>
#include <stdio.h>

#include "session.h"

/* A line of a script the view plays (--demo SCRIPT), and where it came from. */
struct play_line {
	char *text;
	const char *src;          /* the script's name, or NULL for -c */
	unsigned long line;
};

struct tui_options {
	bool no_color;
	bool demo;                /* classroom: big, high contrast, animated steps */
	const char *banner;
	const char *first_command;   /* run as if typed when the view opens */
	const struct play_line *play;   /* lines played one at a time (--demo SCRIPT) */
	size_t nr_play;
};

/*
 * tui_usable(): may the ncurses view start? false with a one-line reason
 * (TERM unset or dumb, not a terminal, no terminfo entry).
 */
bool tui_usable(char *why, size_t len);

/* Run the view until quit; returns 0. */
int tui_run(struct session *s, const struct tui_options *o);

/*
 * tui_bench_frames(): draw `frames` full frames of a w x h screen into
 * an ncurses terminal writing to `out` (the benchmark uses /dev/null);
 * returns 0, or -1 when no terminal could be set up.
 */
int tui_bench_frames(struct session *s, int w, int h, int frames, FILE *out);

#endif
