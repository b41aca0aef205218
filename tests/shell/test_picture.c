/*
 * tests/shell/test_picture.c: plot and save svg through a real session
 * (src/shell/cmd_picture.c). The shell adds a sample after each command
 * that changed the machine, and only then; undo takes the samples back
 * with the machine; a stepped command leaves the samples a plain run
 * leaves. `save svg FILE` writes exactly the engine's picture, and leaves
 * nothing behind when it fails. `save` completes its form, the file name
 * and the picture.
 */
#include <check.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmdtab.h"
#include "complete.h"
#include "mmsh/samples.h"
#include "mmsh/svg.h"
#include "shell_helpers.h"

static char dir[64];

static void setup(void)
{
	boot_session(&sess, "tiny", 0);
	snprintf(dir, sizeof(dir), "/tmp/mmsh-picture.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
}

static void teardown(void)
{
	session_free(&sess);
	remove_tree(dir);
}

/* The text of plot now (C locale: ASCII). */
static char *plot_text(void)
{
	struct strbuf sb = STRBUF_INIT;

	view_plot(sess.m, NUMA_NO_NODE, -1, -1, false, &sb);
	return sb_take(&sb);
}

START_TEST(a_sample_after_each_command_that_changes_the_machine)
{
	int rc;
	char *text;

	ck_assert_uint_eq(samples_count(sess.m), 1);
	ok("buddyinfo; plot; map; watermarks; check; task list");   /* views: no sample */
	ck_assert_uint_eq(samples_count(sess.m), 1);
	ok("alloc 3");
	ck_assert_uint_eq(samples_count(sess.m), 2);
	ok("task new a");   /* changed the machine, not the zones: nothing new at this jiffy */
	ck_assert_uint_eq(samples_count(sess.m), 2);
	text = run("alloc 9", &rc);   /* refused before it acts */
	ck_assert_int_eq(rc, -1);
	free(text);
	ck_assert_uint_eq(samples_count(sess.m), 2);
	ok("alloc 2 n=3");   /* one command, one sample */
	ck_assert_uint_eq(samples_count(sess.m), 3);
	{
		struct zone_sample zs;

		ck_assert(sample_zone(sess.m, 2, &sess.m->node_data[0]->node_zones[ZONE_NORMAL], &zs));
		ck_assert_uint_eq(zs.free, 256 - 8 - 12);
	}
	ok("undo");
	ck_assert_uint_eq(samples_count(sess.m), 2);
	ok("reset");
	ck_assert_uint_eq(samples_count(sess.m), 1);
}
END_TEST

/* Stepping a command to its end leaves the history a plain run leaves. */
START_TEST(a_stepped_command_samples_as_a_plain_run)
{
	char *plain, *stepped;

	ok("alloc 3; tick 3; alloc 1");
	plain = plot_text();
	ok("undo; step alloc 1");
	ok("continue");
	stepped = plot_text();
	ck_assert_str_eq(stepped, plain);
	free(plain);
	free(stepped);
}
END_TEST

START_TEST(save_writes_the_engine_picture)
{
	struct strbuf sb = STRBUF_INIT;
	struct mm_error e;
	char line[400], path[128], *text, *file;
	struct stat st;

	ok("alloc 3; tick 2; alloc 2");
	snprintf(path, sizeof(path), "%s/mem.svg", dir);
	snprintf(line, sizeof(line), "save svg %s per=2", path);
	text = run(line, NULL);
	ck_assert_int_eq(svg_memory(sess.m, NUMA_NO_NODE, -1, 2, &sb, &e), 0);
	file = slurp(path);
	ck_assert_str_eq(file, sb_str(&sb));
	snprintf(line, sizeof(line), "saved %s (SVG, %zu bytes): memory map, free blocks per order "
		 "and watermarks of 1 zone\n", path, sb.len);
	ck_assert_str_eq(text, line);
	free(text);
	free(file);
	sb_reset(&sb);

	snprintf(path, sizeof(path), "%s/plot.svg", dir);
	snprintf(line, sizeof(line), "save svg %s plot order=4", path);
	free(run(line, NULL));
	svg_plot(sess.m, NUMA_NO_NODE, -1, 4, &sb);
	file = slurp(path);
	ck_assert_str_eq(file, sb_str(&sb));
	free(file);
	snprintf(path, sizeof(path), "%s/plot.svg.tmp", dir);
	ck_assert_int_ne(stat(path, &st), 0);
	sb_free(&sb);
	/* save is a view: no sample, nothing to undo */
	ck_assert_uint_eq(samples_count(sess.m), 4);
}
END_TEST

START_TEST(a_failed_save_changes_no_file)
{
	char line[200], path[128], *text;
	int rc;
	FILE *f;

	snprintf(path, sizeof(path), "%s/keep.svg", dir);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs("old\n", f);
	fclose(f);
	/* a directory named FILE.tmp: the temporary file cannot be made */
	snprintf(line, sizeof(line), "%s/keep.svg.tmp", dir);
	ck_assert_int_eq(mkdir(line, 0700), 0);
	snprintf(line, sizeof(line), "save svg %s", path);
	text = run(line, &rc);
	ck_assert_int_eq(rc, -1);
	snprintf(line, sizeof(line), "save: cannot write %s: Is a directory\n", path);
	ck_assert_str_eq(text, line);
	free(text);
	text = slurp(path);
	ck_assert_str_eq(text, "old\n");
	free(text);
}
END_TEST

START_TEST(save_and_plot_complete)
{
	struct completions c;

	complete(&sess, "", "pl", &c);
	ck_assert(completion_has(&c, "plot"));
	completions_free(&c);
	complete(&sess, "save ", "", &c);   /* the form, and the keys */
	ck_assert(completion_has(&c, "svg") && completion_has(&c, "zone=") &&
		  completion_has(&c, "per="));
	ck_assert(!c.want_filenames);
	completions_free(&c);
	complete(&sess, "save svg ", "", &c);   /* the file */
	ck_assert(c.want_filenames);
	completions_free(&c);
	complete(&sess, "save svg memory.svg ", "p", &c);   /* the picture */
	ck_assert(completion_has(&c, "plot") && completion_has(&c, "per=") &&
		  !completion_has(&c, "memory"));
	ck_assert(!c.want_filenames);
	completions_free(&c);
	complete(&sess, "save svg memory.svg ", "", &c);
	ck_assert(completion_has(&c, "memory") && completion_has(&c, "plot"));
	completions_free(&c);
	complete(&sess, "plot ", "zone=N", &c);
	ck_assert(completion_has(&c, "zone=Normal"));
	completions_free(&c);
}
END_TEST

/* Block characters in a UTF-8 locale; in the ncurses view only ASCII, whatever the locale. */
START_TEST(plot_is_ascii_where_only_ascii_shows)
{
	char *text;
	const unsigned char *p;

	ok("alloc 3; tick 1; alloc 3");
	if (setlocale(LC_CTYPE, "C.UTF-8")) {
		text = run("plot", NULL);
		ck_assert_msg(strstr(text, "  free pages [\xe2\x96\x88\xe2\x96\x85\xe2\x96\x85"
					   "\xe2\x96\x81]") != NULL, "%s", text);
		free(text);
	}
	sess.ascii_only = true;
	text = run("plot", NULL);
	for (p = (const unsigned char *)text; *p; p++)
		ck_assert_msg(*p < 0x80, "a non-ASCII byte in:\n%s", text);
	ck_assert_msg(strstr(text, "  free pages [@++ ]") != NULL, "%s", text);
	free(text);
	setlocale(LC_CTYPE, "C");
}
END_TEST

/* set output csv: the samples and the saved picture as records. */
START_TEST(plot_and_save_as_records)
{
	char line[200], want[300], *text;

	ok("alloc 3; tick 1; set output csv");
	text = run("plot order=5", NULL);
	ck_assert_str_eq(text, "sample,jiffies,node,zone,free,min,low,high,nr_free\r\n"
			       "0,0,0,Normal,256,32,40,48,8\r\n"
			       "1,0,0,Normal,248,32,40,48,7\r\n"
			       "2,1,0,Normal,248,32,40,48,7\r\n");
	free(text);
	snprintf(line, sizeof(line), "save svg %s/p.svg plot", dir);
	text = run(line, NULL);
	snprintf(want, sizeof(want), "file,bytes,picture,zones,samples\r\n%s/p.svg,", dir);
	ck_assert_msg(strncmp(text, want, strlen(want)) == 0, "%s", text);
	ck_assert_msg(strstr(text, ",plot,1,3\r\n") != NULL, "%s", text);
	free(text);
}
END_TEST

static Suite *picture_suite(void)
{
	Suite *s = suite_create("picture");
	TCase *tc = tcase_create("session");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, a_sample_after_each_command_that_changes_the_machine);
	tcase_add_test(tc, a_stepped_command_samples_as_a_plain_run);
	tcase_add_test(tc, save_writes_the_engine_picture);
	tcase_add_test(tc, a_failed_save_changes_no_file);
	tcase_add_test(tc, save_and_plot_complete);
	tcase_add_test(tc, plot_is_ascii_where_only_ascii_shows);
	tcase_add_test(tc, plot_and_save_as_records);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return run_suite(picture_suite());
}
