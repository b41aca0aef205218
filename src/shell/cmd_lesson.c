/*
 * src/shell/cmd_lesson.c: lesson, hint and answer. The runner is
 * lesson.c; next and back (cmd_step.c) serve both stepping and lessons.
 */
#include <string.h>

#include "cmdtab.h"
#include "lesson.h"
#include "quiz.h"

int cmd_lesson(struct session *s, struct args *a)
{
	const char *verb = a->argc > 1 ? a->argv[1] : NULL;
	const char *from = arg_key(a, "step");
	unsigned long long step = 0;

	if (from && (!verb || strcmp(verb, "start") != 0))
		return cmd_error(s, "lesson", "step= goes with lesson start NAME");
	if (!verb) {
		if (!lesson_active(s))
			return lesson_list(s);
		{
			struct strbuf sb = STRBUF_INIT;

			lesson_render(s, &sb);
			session_print(s, &sb);
			sb_free(&sb);
		}
		return 0;
	}
	if (strcmp(verb, "list") == 0 || strcmp(verb, "quit") == 0) {
		if (a->argc > 2)
			return cmd_error(s, "lesson", "'lesson %s' takes no name", verb);
		return verb[0] == 'l' ? lesson_list(s) : lesson_quit(s);
	}
	if (strcmp(verb, "start") == 0 || strcmp(verb, "check") == 0) {
		if (a->argc != 3)
			return cmd_error(s, "lesson", "'lesson %s' needs one lesson name", verb);
		if (from) {
			if (arg_uint(s, a, "step", from, 1000000, &step) < 0)
				return -1;
			if (step == 0)
				return cmd_error(s, "lesson", "step: steps count from 1");
		}
		if (verb[0] == 'c')
			return lesson_check(s, a->argv[2]);
		return lesson_start(s, a->argv[2], (unsigned long)step);
	}
	return cmd_error(s, "lesson", "'%s': expected list, start, quit or check", verb);
}

int cmd_hint(struct session *s, struct args *a)
{
	(void)a;
	return lesson_hint(s);
}

int cmd_answer(struct session *s, struct args *a)
{
	char value[512];
	size_t used = 0;
	int i;

	/* the answer may be several words: a buddyinfo line */
	value[0] = '\0';
	for (i = 1; i < a->argc && used < sizeof(value); i++)
		used += (size_t)snprintf(value + used, sizeof(value) - used, "%s%s",
					 i > 1 ? " " : "", a->argv[i]);
	if (quiz_active(s))   /* a quiz and a lesson are never open together */
		return quiz_answer(s, value);
	return lesson_answer(s, value);
}
