/*
 * tests/shell/test_lesson.c: the lesson runner through a real session,
 * with the fixtures in tests/lessons/fixtures: parsing and its errors,
 * every query, answers right and wrong, hints, typed commands, predictions
 * settled by the engine, back restoring the machine of a step, quit giving
 * the student's machine back, progress kept and resumed, and unattended
 * checks passing and failing.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmdtab.h"
#include "lesson.h"
#include "mmsh/procfs.h"
#include "shell_helpers.h"

static char fixtures[1024], state[1024];

static void setup(void)
{
	const char *srcdir = getenv("srcdir");

	snprintf(fixtures, sizeof(fixtures), "%s/tests/lessons/fixtures", srcdir ? srcdir : ".");
	snprintf(state, sizeof(state), "/tmp/mmsh-test-lesson-%d", (int)getpid());
	setenv("XDG_STATE_HOME", state, 1);
	boot_session(&sess, "default", 0);
}

static void teardown(void)
{
	session_free(&sess);
	remove_tree(state);
}

static char *buddyinfo(void)
{
	struct strbuf sb = STRBUF_INIT;

	proc_buddyinfo(sess.m, &sb);
	return sb_take(&sb);
}

static void start_demo(void)
{
	char line[1200];

	snprintf(line, sizeof(line), "lesson start %s/demo.lesson", fixtures);
	says(line, "== Demo of the runner: step 1 of 3: Boot ==");
}

START_TEST(a_whole_lesson_right_and_wrong)
{
	char *mine = buddyinfo(), *now;

	start_demo();
	ck_assert_uint_eq(sess.m->max_pfn, 256);   /* the lesson's tiny machine */
	says("answer 7", "Not quite: try again (hint helps)");
	says("hint", "Hint: The last number of the Normal line.");
	says("answer 0x8", "Right: 8.");
	says("next", "step 2 of 3: Typing");
	says("alloc 3", "Which list holds the order-4 half?");   /* typed: the step goes on */
	says("answer 0x10", "Right: 0x10.");
	says("next", "Predict: Which pfn will alloc 0 return?");
	says("answer 0x9", "Wrong: the engine says 0x8");
	fails("next", "the lesson is over");
	says("lesson quit", "your machine is back");
	now = buddyinfo();
	ck_assert_str_eq(now, mine);   /* the student's default machine, untouched */
	free(now);
	free(mine);
}
END_TEST

START_TEST(next_does_it_for_the_student)
{
	start_demo();
	says("next", "The answer: 8");
	says("next", "Type: alloc 3");
	says("next", "mmsh> alloc 3");
	says("next", "The answer: 0x10");
	says("next", "Predict:");
	says("next", "The engine says: 0x8");
	says("lesson", "The lesson is over");
}
END_TEST

START_TEST(back_restores_the_machine_of_the_step)
{
	char *at_step2, *now;

	start_demo();
	says("next", NULL);
	says("next", "step 2 of 3");
	at_step2 = buddyinfo();
	says("alloc 3", NULL);
	says("next", NULL);
	says("next", "step 3 of 3");
	says("alloc 0", NULL);
	says("back", "step 2 of 3");
	now = buddyinfo();
	ck_assert_str_eq(now, at_step2);
	free(now);
	free(at_step2);
	says("back", "step 1 of 3");
	fails("back", "this is the first step");
}
END_TEST

START_TEST(progress_is_kept_and_resumed)
{
	char line[1200];

	start_demo();
	says("next", NULL);
	says("next", "step 2 of 3");
	says("lesson quit", "left 'demo' at step 2 of 3");
	snprintf(line, sizeof(line), "lesson start %s/demo.lesson", fixtures);
	says(line, "(steps 1 to 1 replayed");
	says("lesson", "step 2 of 3: Typing");
	says("lesson quit", NULL);
	snprintf(line, sizeof(line), "lesson start %s/demo.lesson step=1", fixtures);
	says(line, "step 1 of 3");
	says("lesson quit", NULL);
	snprintf(line, sizeof(line), "lesson start %s/demo.lesson step=4", fixtures);
	fails(line, "step=4: the lesson has 3 steps");
}
END_TEST

START_TEST(unattended_checks)
{
	char line[1200];

	snprintf(line, sizeof(line), "lesson check %s/demo.lesson", fixtures);
	says(line, "lesson demo (Demo of the runner): 3 steps, 3 questions: ok");
	ck_assert(!lesson_active(&sess));
	snprintf(line, sizeof(line), "lesson check %s/broken.lesson", fixtures);
	fails(line, "broken.lesson:6: expect: expected nr_free Normal 5 == 8 but the engine "
	      "says 7");
	snprintf(line, sizeof(line), "lesson check %s/broken.lesson", fixtures);
	fails(line, "broken.lesson:7: answer: '9' is not an order");
}
END_TEST

/* Lessons that are not well formed say where and why. */
START_TEST(malformed_lessons_are_refused)
{
	static const struct {
		const char *text, *error;
	} cases[] = {
		{ "step: x\n", ":1: no lesson: line" },
		{ "lesson: t\nnarration first\n", ":2: text before the first step:" },
		{ "lesson: t\nstep: s\nanswer: free Normal\n", ":3: answer: and hint: must follow" },
		{ "lesson: t\nstep: s\nrun: alloc\nthen: alloc\n", ":4: then: must follow a predict:" },
		{ "lesson: t\nstep: s\nask: q\n", ":3: a question without answer:" },
		{ "lesson: t\nstep: s\npredict: q\nanswer: last_pfn\n", ":3: a predict: without then:" },
		{ "lesson: t\nminutes: soon\n", ":2: minutes: expects a number" },
		{ "lesson: t\n", "no step: in the lesson" },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char path[1100], line[1200];
		FILE *f;

		snprintf(path, sizeof(path), "%s-bad%zu.lesson", state, i);
		f = fopen(path, "w");
		ck_assert_ptr_nonnull(f);
		fputs(cases[i].text, f);
		fclose(f);
		snprintf(line, sizeof(line), "lesson start %s", path);
		fails(line, cases[i].error);
		remove(path);
	}
	fails("lesson start no-such-lesson", "no lesson 'no-such-lesson'");
	fails("lesson quit", "no lesson is running");
	fails("next", "nothing is being stepped and no lesson is running");
	fails("answer 3", "no question is waiting");
	fails("hint", "no lesson is running");
	fails("lesson frobnicate", "expected list, start, quit or check");
}
END_TEST

/*
 * Every query on a known state: tiny after alloc 3 (0x0-0x7, taken from
 * the order-5 block 0x0 claimed for Unmovable: halves 0x10/4 and 0x8/3
 * are left) and alloc 0 (tiny's pcp batch is 1 and high 0, so it comes
 * from the buddy: 0x8/3 splits into 0x8, 0x9/0, 0xa/1 and 0xc/2).
 */
START_TEST(queries_read_the_engine)
{
	static const struct {
		const char *query, *value;
	} cases[] = {
		{ "nr_free Normal 5", "7" }, { "nr_free Normal 4", "1" }, { "free Normal", "247" },
		{ "buddyinfo Normal", "1 1 1 0 1 7" }, { "list Normal 5 Movable", "7" },
		{ "head Normal 4 Unmovable", "0x10" }, { "head Normal 0 Unmovable", "0x9" },
		{ "head Normal 3 Unmovable", "none" },
		{ "pcp 0 Normal", "0" }, { "wmark Normal min", "32" }, { "wmark Normal low", "40" },
		{ "wmark Normal high", "48" }, { "lru inactive_anon", "0" },
		{ "vmstat nr_free_pages", "247" }, { "kswapd", "sleeping" },
		{ "flag 0x0 lru", "no" }, { "lru_of 0x0", "none" }, { "order 0x0", "3" },
		{ "order 0x10", "4" }, { "order 0x9", "0" }, { "migratetype 0x0", "Unmovable" },
		{ "migratetype 0x20", "Movable" }, { "zone 0xff", "Normal" },
		/* 2.4 bits: 1 when exactly one block of the pair is free at that order */
		{ "bit 0 0x8", "1" }, { "bit 3 0x0", "0" }, { "bit 4 0x0", "1" }, { "bit 5 0x0", "1" },
		{ "last_pfn", "0x8" }, { "last_order", "0" },
	};
	static const struct {
		const char *query, *error;
	} bad[] = {
		{ "nr_free Normal 6", "'6' is not an order" }, { "free DMA", "no populated zone 'DMA'" },
		{ "order 0x1", "heads no free or allocated block" }, { "flag 0x0 shiny", "not a page flag" },
		{ "zone 0x100", "not a pfn of this machine" }, { "frobs", "unknown query 'frobs'" },
		{ "free", "wrong number of words" }, { "vmstat no_such", "no vmstat counter" },
	};
	char line[1200], buf[256];
	size_t i;

	snprintf(line, sizeof(line), "lesson start %s/demo.lesson step=3", fixtures);
	says(line, NULL);   /* steps 1 and 2 replayed: alloc 3 ran */
	says("answer 0x8", "Right: 0x8.");   /* alloc 0 ran */
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		ck_assert_msg(lesson_query(&sess, cases[i].query, buf, sizeof(buf)) == 0,
			      "%s: %s", cases[i].query, buf);
		ck_assert_msg(strcmp(buf, cases[i].value) == 0, "%s = '%s', not '%s'",
			      cases[i].query, buf, cases[i].value);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		ck_assert_int_eq(lesson_query(&sess, bad[i].query, buf, sizeof(buf)), -1);
		ck_assert_msg(strstr(buf, bad[i].error), "%s: '%s'", bad[i].query, buf);
	}
}
END_TEST

static Suite *lesson_suite(void)
{
	Suite *s = suite_create("lesson");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, a_whole_lesson_right_and_wrong);
	tcase_add_test(tc, next_does_it_for_the_student);
	tcase_add_test(tc, back_restores_the_machine_of_the_step);
	tcase_add_test(tc, progress_is_kept_and_resumed);
	tcase_add_test(tc, unattended_checks);
	tcase_add_test(tc, malformed_lessons_are_refused);
	tcase_add_test(tc, queries_read_the_engine);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return run_suite(lesson_suite());
}
