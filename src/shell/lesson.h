/*
 * src/shell/lesson.h: the lesson runner. A lesson (lessons/NAME.lesson,
 * format in mmsh-lesson(5)) is a list of steps; each step narrates, runs
 * commands, asks the student to type one, asks questions whose answers are
 * queries over the engine's state, and asks for predictions that the
 * engine then proves right or wrong by running the command.
 */
#ifndef MMSH_SHELL_LESSON_H
#define MMSH_SHELL_LESSON_H

#include <stdbool.h>
#include <stddef.h>

#include "mmsh/strbuf.h"
#include "session.h"

struct lesson_run;

/* Is a lesson running in this session? */
bool lesson_active(const struct session *s);

/* The commands of the runner; each prints its own errors (-1). */
int lesson_list(struct session *s);
int lesson_start(struct session *s, const char *name, unsigned long from_step);
int lesson_quit(struct session *s);
int lesson_next(struct session *s);
int lesson_back(struct session *s);
int lesson_hint(struct session *s);
int lesson_answer(struct session *s, const char *value);

/* After every command the student ran: does it do what the step asks? */
void lesson_after_command(struct session *s, const char *text, int rc);

/* The current step as the lesson pane shows it. */
void lesson_render(const struct session *s, struct strbuf *sb);

/*
 * lesson_check(): run a lesson unattended on this session, answering every
 * question with the engine's own answer; 0 when every step holds, else -1
 * with each failure printed.
 */
int lesson_check(struct session *s, const char *name);

/* Free the running lesson (at exit). */
void lesson_free(struct session *s);

/*
 * lesson_query(): evaluate a query (the right-hand side of `answer:` and
 * `expect:`) against the session's machine into buf; 0, or -1 with the
 * reason in buf.
 */
int lesson_query(struct session *s, const char *query, char *buf, size_t len);

/* Where lessons are looked for: $MMSH_LESSONS, the installed and the source dir. */
int lesson_path(const char *name, char *buf, size_t len);

#endif
