/*
 * src/shell/complete.h: what a word at the prompt completes to. Pure
 * functions over the command table and the machine, so they can be tested
 * without a terminal; repl.c hands their answers to readline.
 */
#ifndef MMSH_SHELL_COMPLETE_H
#define MMSH_SHELL_COMPLETE_H

#include <stdbool.h>
#include <stddef.h>

#include "session.h"

struct completions {
	char **words;          /* candidates, each malloc'd */
	size_t n;
	bool want_filenames;   /* the word is a file name: let readline do it */
	bool no_space;         /* do not add a space after the single match */
};

/*
 * complete(): candidates for `text`, the word being typed, given `before`,
 * the part of the line before that word. Candidates start with text.
 */
void complete(struct session *s, const char *before, const char *text,
	      struct completions *out);
void completions_free(struct completions *c);

#endif
