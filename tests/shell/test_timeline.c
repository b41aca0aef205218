/*
 * tests/shell/test_timeline.c: undo, why and step through a real session.
 * What they show must be exact: undo gives back the very machine of
 * before (every view identical), stepping to the end gives the machine a
 * plain run gives, going back gives the state first seen at that step, and
 * the intermediate states are the kernel's (expand's halves appear one by
 * one). Failed commands leave nothing to undo; only views run while
 * stepping.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmdtab.h"
#include "shell_helpers.h"
#include "timeline.h"

static void setup(void)
{
	boot_session(&sess, "tiny", 0);
}

static void teardown(void)
{
	session_free(&sess);
}

/* Everything the views say about the machine, as one text. */
static char *state(void)
{
	return every_view_of(sess.m);
}

START_TEST(undo_restores_every_view)
{
	static const char *const cmds[] = {
		"alloc 3", "alloc 0 n=20", "drain", "free all", "task new A", "fault A anon 40",
		"read f 30", "write g 10", "tick 50", "kswapd", "compact", "munmap A 10",
	};
	char *before[sizeof(cmds) / sizeof(cmds[0])];
	size_t i;

	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++) {
		before[i] = state();
		ok(cmds[i]);
	}
	for (i = sizeof(cmds) / sizeof(cmds[0]); i-- > 0;) {
		char *now;

		ok("undo");
		now = state();
		ck_assert_msg(strcmp(now, before[i]) == 0, "undo of '%s' differs", cmds[i]);
		free(now);
		free(before[i]);
	}
	{
		int rc;
		char *text = run("undo", &rc);

		ck_assert_int_eq(rc, -1);
		ck_assert_ptr_nonnull(strstr(text, "undo: nothing to undo"));
		free(text);
	}
}
END_TEST

START_TEST(failed_command_leaves_nothing_to_undo)
{
	int rc;
	char *text;

	text = run("free 0x10", &rc);
	ck_assert_int_eq(rc, -1);
	free(text);
	text = run("undo", &rc);
	ck_assert_int_eq(rc, -1);
	free(text);
}
END_TEST

START_TEST(undo_after_reset_gives_back_the_old_machine)
{
	char *before, *now;

	ok("alloc 4");
	before = state();
	ok("reset");
	ok("undo");
	now = state();
	ck_assert_str_eq(now, before);
	free(now);
	free(before);
}
END_TEST

START_TEST(step_to_the_end_equals_a_plain_run)
{
	static const char *const cmds[] = { "alloc 3", "alloc 0 n=5", "free all", "drain" };
	char *direct[4], *stepped;
	size_t i;
	int rc;

	for (i = 0; i < 4; i++) {
		ok(cmds[i]);
		direct[i] = state();
	}
	for (i = 0; i < 4; i++)
		ok("undo");
	for (i = 0; i < 4; i++) {
		char line[64], *text;

		snprintf(line, sizeof(line), "step %s", cmds[i]);
		text = run(line, &rc);
		ck_assert_msg(rc == 0, "%s: %s", line, text);
		free(text);
		while (timeline_stepping(&sess))
			ok("next");
		stepped = state();
		ck_assert_msg(strcmp(stepped, direct[i]) == 0, "stepping '%s' ends elsewhere",
			      cmds[i]);
		free(stepped);
		free(direct[i]);
	}
}
END_TEST

START_TEST(back_returns_exactly_to_an_earlier_step)
{
	char *at[64], *now;
	size_t total, k;

	ok("alloc 0");
	ok("step alloc 2");
	total = timeline_step_total(&sess);
	ck_assert_uint_gt(total, 3);
	ck_assert_uint_lt(total, 64);
	for (k = 1; k <= total; k++) {
		ck_assert_uint_eq(timeline_step_index(&sess), k);
		at[k] = state();
		if (k < total)
			ok("next");
	}
	for (k = total - 1; k >= 1; k--) {
		ok("back");
		now = state();
		ck_assert_msg(strcmp(now, at[k]) == 0, "back to step %zu differs", k);
		free(now);
	}
	ok("back");   /* from step 1 to step 0, before the command */
	ck_assert_uint_eq(timeline_step_index(&sess), 0);
	{
		int rc;
		char *text = run("back", &rc);

		ck_assert_int_eq(rc, -1);
		ck_assert_ptr_nonnull(strstr(text, "before the command"));
		free(text);
	}
	ok("continue");
	ck_assert(!timeline_stepping(&sess));
	for (k = 1; k <= total; k++)
		free(at[k]);
}
END_TEST

/*
 * On tiny (MAX_ORDER 6, pageblock_order 5) the first GFP_KERNEL order-0
 * allocation claims an order-5 Movable block for Unmovable and expand()
 * hands back order 4, 3, 2, 1 and 0 halves: at each expand step exactly
 * one more block of the next lower order is on free_area[].
 */
START_TEST(expand_halves_appear_one_by_one)
{
	size_t k, total, seen = 0;
	unsigned long expected_order = 4;

	ok("step alloc 0 gfp=GFP_ATOMIC");
	total = timeline_step_total(&sess);
	for (k = 1; k <= total; k++) {
		const struct step_rec *st = timeline_step_at(&sess, k);
		struct zone *z = &sess.m->node_data[0]->node_zones[ZONE_NORMAL];

		if (strcmp(st->func, "expand") == 0) {
			unsigned int o;

			for (o = 0; o < sess.m->max_order - 1; o++)
				ck_assert_uint_eq(z->free_area[o].nr_free,
						  o >= expected_order ? 1 : 0);
			expected_order--;
			seen++;
		}
		if (k < total)
			ok("next");
	}
	ck_assert_uint_eq(seen, 5);
	ok("continue");
}
END_TEST

START_TEST(only_views_run_while_stepping)
{
	int rc;
	char *text;

	ok("step alloc 1");
	text = run("alloc 0", &rc);
	ck_assert_int_eq(rc, -1);
	ck_assert_ptr_nonnull(strstr(text, "alloc: finish stepping 'alloc 1' first"));
	free(text);
	text = run("reset", &rc);
	ck_assert_int_eq(rc, -1);
	free(text);
	ok("buddyinfo");
	ok("free_area");
	text = run("step alloc 0", &rc);
	ck_assert_int_eq(rc, -1);
	ck_assert_ptr_nonnull(strstr(text, "already stepping"));
	free(text);
	ok("undo");   /* abandons the command */
	ck_assert(!timeline_stepping(&sess));
	text = run("undo", &rc);
	ck_assert_int_eq(rc, -1);   /* the stepped command never ran */
	free(text);
}
END_TEST

START_TEST(breakpoints_stop_continue)
{
	int rc;
	char *text;
	const struct step_rec *st;

	text = run("break no_such_function", &rc);
	ck_assert_int_eq(rc, -1);
	ck_assert_ptr_nonnull(strstr(text, "not a kernel function that takes steps"));
	free(text);
	ok("break expand");
	ok("step alloc 0");
	ok("continue");
	st = timeline_step_at(&sess, timeline_step_index(&sess));
	ck_assert_str_eq(st->func, "expand");
	ok("continue");
	st = timeline_step_at(&sess, timeline_step_index(&sess));
	ck_assert_str_eq(st->func, "expand");
	ok("delete expand");
	ok("continue");
	ck_assert(!timeline_stepping(&sess));
	text = run("delete expand", &rc);
	ck_assert_int_eq(rc, -1);
	free(text);
}
END_TEST

START_TEST(why_counts_the_steps_of_the_last_command)
{
	int rc;
	char *text, *stepped, count[64];
	size_t total;

	text = run("why", &rc);
	ck_assert_int_eq(rc, -1);
	ck_assert_ptr_nonnull(strstr(text, "no command has changed the machine yet"));
	free(text);
	ok("step alloc 2");
	total = timeline_step_total(&sess);
	ok("continue");
	stepped = run("why", &rc);
	ck_assert_int_eq(rc, 0);
	snprintf(count, sizeof(count), "why: 'alloc 2' took %zu kernel steps", total);
	ck_assert_msg(strstr(stepped, count) != NULL, "%s", stepped);
	ck_assert_ptr_nonnull(strstr(stepped, "path: __alloc_pages_nodemask"));
	ck_assert_ptr_nonnull(strstr(stepped, "expand: upper half pfn="));
	free(stepped);
	/* a view does not count: why still explains alloc 2 */
	ok("buddyinfo");
	text = run("why", &rc);
	ck_assert_ptr_nonnull(strstr(text, count));
	free(text);
}
END_TEST

START_TEST(why_and_step_leave_the_machine_alone)
{
	char *before, *after;

	ok("task new A");
	ok("fault A anon 100");
	ok("read f 60");
	before = state();
	ok("why");
	ok("why all");
	after = state();
	ck_assert_str_eq(before, after);
	free(after);
	free(before);
}
END_TEST

START_TEST(undo_depth_follows_the_budget)
{
	int i, undone = 0, rc = 0;

	teardown();
	boot_session(&sess, "default", 0);   /* 256 MiB: a copy is a few MiB, so 32 fit */
	for (i = 0; i < 40; i++)
		ok("alloc 0");
	while (rc == 0) {
		char *text = run("undo", &rc);

		free(text);
		undone += rc == 0;
	}
	ck_assert_int_eq(undone, UNDO_MAX_DEPTH);
}
END_TEST

/*
 * Checkpoints are taken now and then, not before every command: the
 * machines between them are rebuilt by running the commands again. Forty
 * commands of every kind (a reset among them) leave fewer checkpoints than
 * commands, and undoing the last UNDO_MAX_DEPTH of them gives back every
 * view exactly, one command at a time; the one before cannot be undone.
 */
START_TEST(undo_rebuilds_from_checkpoints)
{
	static const char *const kinds[] = {
		"alloc 3", "alloc 0 n=20", "drain", "task new A", "fault A anon 40",
		"read f 30", "write g 10", "tick 50", "kswapd", "free all", "compact",
		"munmap A 10", "madvise A cold", "sysctl vm.min_free_kbytes=200", "reset",
		"alloc 2 n=3", "shrink inactive_file", "sync",
	};
	enum { N = 40 };
	const size_t nkinds = sizeof(kinds) / sizeof(kinds[0]);
	char *before[N];
	size_t i;
	int rc;

	for (i = 0; i < N; i++) {
		char *text;

		before[i] = state();
		text = run(kinds[i % nkinds], &rc);
		ck_assert_msg(rc == 0, "'%s' failed: %s", kinds[i % nkinds], text);
		free(text);
	}
	ck_assert_uint_eq(timeline_undo_depth(&sess), UNDO_MAX_DEPTH);
	ck_assert_uint_lt(timeline_checkpoints(&sess), UNDO_MAX_DEPTH);
	for (i = N; i-- > N - UNDO_MAX_DEPTH;) {
		char *now;

		ok("undo");
		now = state();
		ck_assert_msg(strcmp(now, before[i]) == 0, "undo of '%s' (command %zu) differs",
			      kinds[i % nkinds], i);
		free(now);
	}
	fails("undo", "undo: nothing to undo");
	for (i = 0; i < N; i++)
		free(before[i]);
}
END_TEST

/* why runs the last command again: after reset, a machine booted anew. */
START_TEST(why_after_reset)
{
	char *before = state(), *now;

	ok("alloc 1");
	ok("reset");
	says("why", "why: 'reset' took");
	ok("undo");
	ok("undo");
	now = state();
	ck_assert_str_eq(now, before);
	free(now);
	free(before);
}
END_TEST

/*
 * Ctrl-C (the session's interrupt flag, as the SIGINT handler sets it)
 * stops a command at its next page or jiffy; the machine of before it is
 * put back — rebuilt from the log when no checkpoint was taken right
 * before it — and the command is not in the past to undo.
 */
START_TEST(interrupted_command_leaves_nothing)
{
	static const char *const longs[] = {
		"workload random data 100 ops=100000", "tick 1000", "fault A anon 50",
		"read f 40", "kswapd",
	};
	size_t i;

	ok("task new A");
	ok("alloc 2 n=3");
	ok("read g 20");
	for (i = 0; i < sizeof(longs) / sizeof(longs[0]); i++) {
		char *before = state(), *now;
		size_t depth = timeline_undo_depth(&sess);

		sess.interrupt = 1;
		fails(longs[i], "interrupted; the machine is as it was before it");
		ck_assert_int_eq(sess.interrupt, 0);
		now = state();
		ck_assert_msg(strcmp(now, before) == 0, "'%s' left something behind", longs[i]);
		ck_assert_uint_eq(timeline_undo_depth(&sess), depth);
		free(now);
		free(before);
	}
	says("check", "check: ok");
	says("undo", "undo: 'read g 20' undone");
}
END_TEST

static Suite *timeline_suite(void)
{
	Suite *s = suite_create("timeline");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, undo_restores_every_view);
	tcase_add_test(tc, failed_command_leaves_nothing_to_undo);
	tcase_add_test(tc, undo_after_reset_gives_back_the_old_machine);
	tcase_add_test(tc, step_to_the_end_equals_a_plain_run);
	tcase_add_test(tc, back_returns_exactly_to_an_earlier_step);
	tcase_add_test(tc, expand_halves_appear_one_by_one);
	tcase_add_test(tc, only_views_run_while_stepping);
	tcase_add_test(tc, breakpoints_stop_continue);
	tcase_add_test(tc, why_counts_the_steps_of_the_last_command);
	tcase_add_test(tc, why_and_step_leave_the_machine_alone);
	tcase_add_test(tc, undo_depth_follows_the_budget);
	tcase_add_test(tc, undo_rebuilds_from_checkpoints);
	tcase_add_test(tc, why_after_reset);
	tcase_add_test(tc, interrupted_command_leaves_nothing);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return run_suite(timeline_suite());
}
