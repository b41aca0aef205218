/*
 * src/shell/cmd_step.c: step, next, continue, back, break, delete, why and
 * undo. The work is in timeline.c; these read the arguments.
 */
#include <string.h>

#include "cmdtab.h"
#include "lesson.h"
#include "timeline.h"

/* An optional count: N >= 1, default 1. */
static int arg_count(struct session *s, const struct args *a, size_t *n)
{
	unsigned long long v = 1;

	if (a->argc > 1 && arg_uint(s, a, "N", a->argv[1], 1000000000ULL, &v) < 0)
		return -1;
	if (v == 0)
		return cmd_error(s, a->argv[0], "N: 0 steps: give 1 or more");
	*n = (size_t)v;
	return 0;
}

int cmd_step(struct session *s, struct args *a)
{
	const char *text = s->cmd_text;

	(void)a;
	/* the command to step is everything after the word "step" as typed */
	while (*text == ' ' || *text == '\t')
		text++;
	text += strcspn(text, " \t");
	return timeline_step(s, text);
}

int cmd_next(struct session *s, struct args *a)
{
	size_t n = 1;

	if (arg_count(s, a, &n) < 0)
		return -1;
	if (!timeline_stepping(s) && !lesson_active(s))
		return cmd_error(s, "next", "nothing is being stepped and no lesson is running "
				 "(step COMMAND, lesson start NAME)");
	if (!timeline_stepping(s)) {   /* next in a lesson */
		for (; n > 0; n--)
			if (lesson_next(s) < 0)
				return -1;
		return 0;
	}
	return timeline_next(s, n);
}

int cmd_continue(struct session *s, struct args *a)
{
	(void)a;
	return timeline_continue(s);
}

int cmd_back(struct session *s, struct args *a)
{
	size_t n = 1;

	if (arg_count(s, a, &n) < 0)
		return -1;
	if (!timeline_stepping(s) && !lesson_active(s))
		return cmd_error(s, "back", "nothing is being stepped and no lesson is running "
				 "(step COMMAND, lesson start NAME)");
	if (!timeline_stepping(s)) {   /* back in a lesson */
		for (; n > 0; n--)
			if (lesson_back(s) < 0)
				return -1;
		return 0;
	}
	return timeline_back(s, n);
}

int cmd_break(struct session *s, struct args *a)
{
	return timeline_break(s, a->argc > 1 ? a->argv[1] : NULL);
}

int cmd_delete(struct session *s, struct args *a)
{
	return timeline_delete(s, a->argc > 1 ? a->argv[1] : NULL);
}

int cmd_why(struct session *s, struct args *a)
{
	if (a->argc > 1 && strcmp(a->argv[1], "all") != 0)
		return cmd_error(s, "why", "'%s': expected 'all' or nothing", a->argv[1]);
	return timeline_why(s, a->argc > 1);
}

int cmd_undo(struct session *s, struct args *a)
{
	(void)a;
	return timeline_undo(s);
}
