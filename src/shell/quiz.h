/*
 * src/shell/quiz.h: practice without end. `quiz [TOPIC] [seed=N]` builds a
 * random but reproducible state on a copy of a fresh machine of the
 * session's shape, asks what the next command will do, computes the answer
 * by running that command on another copy (the engine is deterministic),
 * and scores the student's answer against it.
 *
 * While a question is open the session's machine is put aside and s->m is
 * the quiz machine, so every view shows the state the question is about;
 * commands that would change a machine are refused until `quiz off`.
 *
 * THE CONTRACT WITH `answer` (cmd_lesson.c): the lesson runner owns the
 * `answer` command. When no lesson question is waiting it calls
 * quiz_answer(s, value) with the words of the answer joined by single
 * spaces, and returns what quiz_answer returns. quiz_answer() prints its own
 * result or error line (naming the command "answer"), so the caller prints
 * nothing more. quiz_active() says whether a quiz question is open, for a
 * caller that wants to choose between the two or word its own message when
 * neither waits (with no quiz open, quiz_answer() says "answer: no question
 * is waiting for an answer (quiz asks one)").
 *
 * Quizzes and lessons both put the student's machine aside, so only one of
 * them runs at a time: quiz refuses to start during a lesson
 * (lesson_active()), and quiz_guard() refuses `lesson start` and `lesson
 * check` while a quiz is open.
 */
#ifndef MMSH_SHELL_QUIZ_H
#define MMSH_SHELL_QUIZ_H

#include <stdbool.h>

#include "cmdtab.h"
#include "session.h"

/* Is a quiz open in this session (its machine is s->m)? */
bool quiz_active(const struct session *s);

/*
 * quiz_answer(): score VALUE against the open question: a number in
 * decimal or 0x hex, yes or no, an LRU list name (or none), or a
 * buddyinfo line (spacing does not matter; "Node N, zone NAME" may lead).
 * Prints one line, "answer: right ..." or "answer: wrong ...", with the
 * score; the expected value is not shown (reveal shows it). The first
 * answer to a question is the one scored. Returns 0 when the answer was
 * judged, right or wrong; -1 after one error line, judging nothing: no
 * question open, an answer of the wrong form (a word for a number), an
 * empty answer, a question already revealed or answered right.
 */
int quiz_answer(struct session *s, const char *value);

/*
 * quiz_guard(): may this command run now? While a quiz is open, commands
 * that would change the machine (and undo, step, lesson start) are refused
 * with one error line (-1); everything else returns 0. session.c calls it
 * before every command the user typed.
 */
int quiz_guard(struct session *s, const struct command *c, const struct args *a);

/* At the end of the session: the session's own machine back, the quiz freed. */
void quiz_free(struct session *s);

#endif
