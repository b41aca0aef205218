/*
 * tests/shell/test_record.c: record FILE through real sessions.
 *
 * A recording is a script: run in a fresh session booted with the options
 * its header names, it must leave exactly the machine the recorded session
 * had (every view identical), whatever happened while recording: failed
 * commands (written commented out), views, undo, stepping, reset, a quiz,
 * and commands run before the recording began. The header's options must
 * boot the same machine: mmsh reads them back to prove it, and so does
 * this test.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmdtab.h"
#include "mmsh/procfs.h"
#include "mmsh/views.h"
#include "options.h"
#include "record.h"
#include "shell_helpers.h"

static char path[64];

static void setup(void)
{
	int fd;

	snprintf(path, sizeof(path), "/tmp/mmsh-record-XXXXXX");
	fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	close(fd);
	setenv("SOURCE_DATE_EPOCH", "0", 1);
}

static void teardown(void)
{
	unlink(path);
}

/* A session booted from these options, as main() boots it. */
static void boot_args(struct session *s, int argc, char **argv)
{
	struct options o;

	ck_assert_int_eq(parse_options(argc, argv, &o), -1);
	boot_recipe(s, &o.recipe, o.seed);
	free_options(&o);
}

static void boot(struct session *s, const char *preset)
{
	char *argv[] = { "mmsh", "--preset", (char *)preset, NULL };

	boot_args(s, 3, argv);
}

/* The file without its header: the lines after the header's comments. */
static const char *body(const char *text)
{
	const char *p = strstr(text, "--demo ");

	ck_assert_ptr_nonnull(p);
	return strchr(p, '\n') + 1;
}

/* Run the recording in a fresh session of the preset; its machine state. */
static char *replay(const char *preset, int *rc)
{
	struct session b;
	FILE *f = fopen(path, "r");
	FILE *out = fopen("/dev/null", "w");
	char *st;

	ck_assert_ptr_nonnull(f);
	boot(&b, preset);
	b.out = b.err = out;
	*rc = session_run_stream(&b, f, path, false);
	fclose(f);
	st = views_of(b.m);
	session_free(&b);
	fclose(out);
	return st;
}

START_TEST(record_writes_what_ran)
{
	struct session s;
	char line[128], *out, *text;
	int rc;

	boot(&s, "tiny");
	snprintf(line, sizeof(line), "record %s", path);
	out = ok_in(&s, line);
	snprintf(line, sizeof(line), "record: recording to %s\n", path);
	ck_assert_str_eq(out, line);
	free(out);
	free(ok_in(&s, "alloc 3; buddyinfo"));
	free(run_in(&s, "alloc 9", &rc));
	ck_assert_int_eq(rc, -1);
	free(run_in(&s, "  free 0x8 ;  alloc 2;nosuch; alloc 1", &rc));   /* the rest is skipped */
	free(ok_in(&s, "record"));
	/* flushed as it goes: the file is complete before record off */
	text = slurp(path);
	ck_assert_str_eq(body(text), "alloc 3\nbuddyinfo\n# failed: alloc 9\n# failed: free 0x8\n");
	free(text);
	out = ok_in(&s, "record off");
	snprintf(line, sizeof(line), "record: stopped; 4 commands written to %s\n", path);
	ck_assert_str_eq(out, line);
	free(out);
	free(ok_in(&s, "alloc 1"));   /* not recorded any more */
	text = slurp(path);
	ck_assert(strncmp(text, "# mmsh ", 7) == 0);
	ck_assert_ptr_nonnull(strstr(text, " recording, 1970-01-01 00:00:00 UTC\n"));
	ck_assert_ptr_nonnull(strstr(text, "\n#   mmsh --preset tiny "));
	ck_assert_str_eq(body(text), "alloc 3\nbuddyinfo\n# failed: alloc 9\n# failed: free 0x8\n");
	free(text);
	session_free(&s);
}
END_TEST

START_TEST(record_errors)
{
	struct session s;
	char line[128], *out;
	int rc;

	boot(&s, "tiny");
	out = run_in(&s, "record off", &rc);
	ck_assert_int_eq(rc, -1);
	ck_assert_str_eq(out, "record: off: not recording\n");
	free(out);
	out = ok_in(&s, "record");
	ck_assert_str_eq(out, "record: not recording (record FILE starts)\n");
	free(out);
	out = run_in(&s, "record /nonexistent-dir/x.mmsh", &rc);
	ck_assert_int_eq(rc, -1);
	ck_assert_str_eq(out, "record: cannot open '/nonexistent-dir/x.mmsh': No such file or "
			      "directory\n");
	free(out);
	snprintf(line, sizeof(line), "record %s", path);
	free(ok_in(&s, line));
	out = run_in(&s, "record /tmp/elsewhere.mmsh", &rc);
	ck_assert_int_eq(rc, -1);
	snprintf(line, sizeof(line), "record: already recording to %s (record off first)\n", path);
	ck_assert_str_eq(out, line);
	free(out);
	out = run_in(&s, "record a b", &rc);
	ck_assert_int_eq(rc, -1);
	free(out);
	free(ok_in(&s, "record off"));
	session_free(&s);
}
END_TEST

/* Everything a session does, replayed, gives the same machine. */
START_TEST(replay_gives_the_same_machine)
{
	static const char *const lines[] = {
		"alloc 3", "alloc 0 n=20", "buddyinfo", "free 0x9999", "drain", "task new A",
		"fault A anon 30", "read f 12; read f 4", "undo", "step alloc 2", "next", "next 3",
		"continue", "why", "alloc 77", "reset", "alloc 1 gfp=GFP_ATOMIC", "trace on",
		"free all", "trace off", "quiz pfn seed=3", "buddyinfo", "alloc 1", "reveal",
		"quiz off", "write g 5", "tick 20", "kswapd", "check",
	};
	struct session s;
	char line[128], *want, *got;
	size_t i;
	int rc;

	boot(&s, "tiny");
	snprintf(line, sizeof(line), "record %s", path);
	free(ok_in(&s, line));
	for (i = 0; i < sizeof(lines) / sizeof(lines[0]); i++)
		free(run_in(&s, lines[i], NULL));
	free(ok_in(&s, "record off"));
	want = views_of(s.m);
	got = replay("tiny", &rc);
	ck_assert_int_eq(rc, 0);   /* failed commands are comments: nothing stops it */
	ck_assert_str_eq(got, want);
	free(got);
	free(want);
	session_free(&s);
}
END_TEST

/* A recording begun halfway starts with what built the machine. */
START_TEST(record_midway_starts_with_the_machine)
{
	struct session s;
	char line[128], *want, *got, *text;
	int rc;

	boot(&s, "default");
	free(ok_in(&s, "alloc 3; alloc 0 n=5; buddyinfo; free_area"));
	free(run_in(&s, "alloc 40", NULL));
	free(ok_in(&s, "task new A; fault A anon 100; undo; pcp"));
	snprintf(line, sizeof(line), "record %s", path);
	free(ok_in(&s, line));
	free(ok_in(&s, "alloc 2; free all"));
	free(ok_in(&s, "record off"));
	text = slurp(path);
	ck_assert_str_eq(body(text),
			 "# The 5 commands that made the machine what it was when\n"
			 "# the recording began:\n"
			 "alloc 3\nalloc 0 n=5\ntask new A\nfault A anon 100\nundo\n"
			 "# The recording:\nalloc 2\nfree all\n");
	free(text);
	want = views_of(s.m);
	got = replay("default", &rc);
	ck_assert_int_eq(rc, 0);
	ck_assert_str_eq(got, want);
	free(got);
	free(want);
	session_free(&s);
}
END_TEST

/* Shell words, in place: blanks separate them, '...' quotes (no escapes). */
static int split_words(char *buf, char **argv, int max)
{
	char *r = buf, *w;
	int n = 0;

	while (*r && n < max) {
		while (*r == ' ')
			r++;
		if (!*r)
			break;
		argv[n++] = w = r;
		while (*r && *r != ' ') {
			if (*r == '\'') {
				r++;
				while (*r && *r != '\'')
					*w++ = *r++;
				if (*r)
					r++;
			} else {
				*w++ = *r++;
			}
		}
		if (*r)
			r++;
		*w = '\0';
	}
	return n;
}

/* The header's options boot the same machine. */
START_TEST(header_options_rebuild_the_machine)
{
	static const char *const sets[][12] = {
		{ "--preset", "tiny" },
		{ "--mem", "1G", "--seed", "9" },
		{ "--preset", "numa", "--cpus", "3", "--swap", "0" },
		{ "--zones", "DMA:1M,Normal:2000/1990/1900", "--max-order", "8" },
		{ "--preset", "tiny", "--thp", "never", "--pageblock-order", "3" },
		{ "--nodes", "2", "--mem", "512M", "--swap", "12M" },
		{ "--sysctl", "vm.lowmem_reserve_ratio=1 2 3 4", "--sysctl",
		  "vm.min_free_kbytes=4096" },
	};
	size_t i;

	for (i = 0; i < sizeof(sets) / sizeof(sets[0]); i++) {
		struct session s, t;
		struct strbuf sb = STRBUF_INIT;
		char *argv[32], buf[512];
		int argc = 0, j;

		argv[argc++] = "mmsh";
		for (j = 0; sets[i][j]; j++)
			argv[argc++] = (char *)sets[i][j];
		boot_args(&s, argc, argv);
		ck_assert_int_eq(record_options(&s, &sb), 0);
		/* read the words back as a shell would */
		snprintf(buf, sizeof(buf), "%s", sb_str(&sb));
		argv[0] = "mmsh";
		argc = 1 + split_words(buf, argv + 1, 30);
		boot_args(&t, argc, argv);
		ck_assert_msg(memcmp(&s.recipe.shape, &t.recipe.shape, sizeof(s.recipe.shape)) == 0 &&
			      s.recipe.swap_pages == t.recipe.swap_pages && s.seed == t.seed &&
			      s.recipe.nr_sysctls == t.recipe.nr_sysctls,
			      "set %zu: '%s' boots another machine", i, sb_str(&sb));
		{
			char *a = views_of(s.m), *b = views_of(t.m);

			ck_assert_str_eq(a, b);
			free(a);
			free(b);
		}
		sb_free(&sb);
		session_free(&s);
		session_free(&t);
	}
}
END_TEST

static Suite *record_suite(void)
{
	Suite *s = suite_create("record");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, record_writes_what_ran);
	tcase_add_test(tc, record_errors);
	tcase_add_test(tc, replay_gives_the_same_machine);
	tcase_add_test(tc, record_midway_starts_with_the_machine);
	tcase_add_test(tc, header_options_rebuild_the_machine);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return run_suite(record_suite());
}
