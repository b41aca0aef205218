/*
 * src/shell/record.h: `record FILE` writes what the user runs to FILE as a
 * plain mmsh script, and `mmsh --demo FILE` plays such a script in the
 * ncurses view one command at a time. The header of a recording names the
 * options that rebuild the same machine; failed commands are written
 * commented out, so a replay does not stop on them.
 */
#ifndef MMSH_SHELL_RECORD_H
#define MMSH_SHELL_RECORD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "mmsh/strbuf.h"
#include "options.h"
#include "session.h"
#include "tui.h"

/*
 * record_command(): after every command the user ran (session.c), with
 * the text as typed and its status. It is remembered (a recording begun
 * later starts with the commands that built the machine) and, while
 * recording, written to the file and flushed. Re-runs (why, step, quiz)
 * and the commands a lesson runs itself are not the user's: skipped.
 */
void record_command(struct session *s, const char *text, int rc);

/*
 * record_writes_to(): is f the file being recorded to? `source` refuses
 * it: every command it ran would be appended to the file it is reading,
 * and the file would never end.
 */
bool record_writes_to(const struct session *s, FILE *f);

/* Stop recording (flushing the file) and free what was remembered. */
void record_free(struct session *s);

/*
 * record_options(): the command-line options that boot this session's
 * machine again (preset, shape, swap, --sysctl, --seed), each preceded by
 * a space, shell-quoted where needed. Returns 0 when they rebuild it
 * exactly (mmsh reads them back to prove it), -1 when no options can: a
 * --preset host machine mirrors the computer, and a shape whose nodes
 * differ has no --zones.
 */
int record_options(const struct session *s, struct strbuf *sb);

/*
 * play_load(): the lines of the -c strings and script files of the
 * command line, in order, for the view to play (--demo SCRIPT). Blank
 * lines are dropped; comments are kept (the view shows them as
 * narration). Returns 0, or -1 after printing why on stderr.
 */
int play_load(const struct options *o, struct play_line **lines, size_t *n);
void play_free(struct play_line *lines, size_t n);

/* Can the view play scripts here (standard input and output a terminal the view can use)? */
bool play_possible(void);

/* mmsh --demo SCRIPT...: the view opens and plays the scripts; the exit status. */
int play_scripts(struct session *s, const struct options *o, const char *banner);

#endif
