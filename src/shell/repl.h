/*
 * src/shell/repl.h: the interactive prompt: GNU readline with history
 * kept in $XDG_STATE_HOME/mmsh/history and completion from the command
 * table.
 */
#ifndef MMSH_SHELL_REPL_H
#define MMSH_SHELL_REPL_H

#include "session.h"

/* Run the prompt until quit or end of input; returns the exit status. */
int repl_run(struct session *s, bool show_banner, const char *banner);

/* Completion from the command table, for the prompt and the ncurses view. */
void readline_setup(struct session *s);

/* Open (creating 0600) and read the history file; its path goes to path. */
int history_open(char *path, size_t len);

/* The directory for state files ($XDG_STATE_HOME/mmsh), created 0700. */
int state_dir(char *buf, size_t len);

#endif
