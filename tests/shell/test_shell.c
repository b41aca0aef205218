/*
 * tests/shell/test_shell.c: the shell's pure parts: splitting and
 * tokenizing lines, numbers and sizes, --zones, command lookup by unique
 * prefix, and tab completion (the answers readline would offer).
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "cmdtab.h"
#include "complete.h"
#include "options.h"
#include "parse.h"
#include "shell_helpers.h"

static void setup(void)
{
	boot_session(&sess, "default", 0);
}

static void teardown(void)
{
	session_free(&sess);
}

START_TEST(split_on_semicolons_newlines_and_comments)
{
	char **c;
	size_t col;
	int n = split_commands("alloc 1; free 0x1000 # a comment; not a command\nbuddyinfo", &c,
			       &col);

	ck_assert_int_eq(n, 3);
	ck_assert_str_eq(c[0], "alloc 1");
	ck_assert_str_eq(c[1], " free 0x1000 ");
	ck_assert_str_eq(c[2], "buddyinfo");
	free_commands(c, n);
	n = split_commands("sysctl 'a;b' ; x", &c, &col);
	ck_assert_int_eq(n, 2);
	ck_assert_str_eq(c[0], "sysctl 'a;b' ");
	free_commands(c, n);
	ck_assert_int_eq(split_commands("alloc 'oops", &c, &col), -1);
	ck_assert_uint_eq(col, 7);   /* the quote left open */
	ck_assert_int_eq(split_commands("  ;; # only a comment", &c, &col), 0);
	free_commands(c, 0);
}
END_TEST

START_TEST(tokenize_words_keys_and_quotes)
{
	char buf[] = "alloc 3 gfp=GFP_KERNEL|__GFP_NOWARN  cpu=1 'x y' v=\"a b\"";
	struct args a;
	const char *why;

	ck_assert_int_eq(tokenize(buf, &a, &why), 0);
	ck_assert_int_eq(a.argc, 3);
	ck_assert_str_eq(a.argv[0], "alloc");
	ck_assert_str_eq(a.argv[1], "3");
	ck_assert_str_eq(a.argv[2], "x y");
	ck_assert_int_eq(a.nkv, 3);
	ck_assert_str_eq(a.kv[0].key, "gfp");
	ck_assert_str_eq(a.kv[0].val, "GFP_KERNEL|__GFP_NOWARN");
	ck_assert_str_eq(a.kv[2].key, "v");
	ck_assert_str_eq(a.kv[2].val, "a b");
	{
		char b2[] = "sysctl vm.lowmem_reserve_ratio=\"256 256 32 0\"";

		ck_assert_int_eq(tokenize(b2, &a, &why), 0);
		ck_assert_str_eq(a.kv[0].key, "vm.lowmem_reserve_ratio");
		ck_assert_str_eq(a.kv[0].val, "256 256 32 0");
	}
	{
		char b3[] = "x = 5";   /* a lone '=' is a word */

		ck_assert_int_eq(tokenize(b3, &a, &why), 0);
		ck_assert_int_eq(a.argc, 3);
		ck_assert_int_eq(a.nkv, 0);
	}
	{
		char b4[] = "task new 'ev\033il'";   /* it would reach the terminal */
		char b5[8 + MAX_WORD + 2] = "free 0x";

		ck_assert_int_eq(tokenize(b4, &a, &why), -1);
		ck_assert_str_eq(why, "task: argument 2 has a control character (0x1b)");
		memset(b5 + 7, '1', MAX_WORD);
		ck_assert_int_eq(tokenize(b5, &a, &why), -1);
		ck_assert_str_eq(why, "free: argument 1 is 1026 characters long (at most 1024)");
	}
}
END_TEST

START_TEST(numbers_and_sizes)
{
	unsigned long long v;

	ck_assert_int_eq(parse_u64("42", false, &v), 0);
	ck_assert_uint_eq(v, 42);
	ck_assert_int_eq(parse_u64("0x1f408", false, &v), 0);
	ck_assert_uint_eq(v, 0x1f408);
	ck_assert_int_eq(parse_u64("010", false, &v), 0);   /* not octal */
	ck_assert_uint_eq(v, 10);
	ck_assert_int_eq(parse_u64("4K", true, &v), 0);
	ck_assert_uint_eq(v, 4096);
	ck_assert_int_eq(parse_u64("2M", true, &v), 0);
	ck_assert_uint_eq(v, 2 << 20);
	ck_assert_int_eq(parse_u64("1GiB", true, &v), 0);
	ck_assert_uint_eq(v, 1ULL << 30);
	ck_assert_int_eq(parse_u64("4K", false, &v), -1);
	ck_assert_int_eq(parse_u64("-1", false, &v), -1);
	ck_assert_int_eq(parse_u64("12abc", false, &v), -1);
	ck_assert_int_eq(parse_u64("", false, &v), -1);
	ck_assert_int_eq(parse_u64("99999999999999999999", false, &v), -2);   /* too large */
	ck_assert_int_eq(parse_u64("16777216T", true, &v), -2);   /* overflows */
	ck_assert_int_eq(parse_u64("99999999999999999999x", false, &v), -1);
}
END_TEST

START_TEST(zones_option)
{
	struct zone_shape z[MAX_NR_ZONES];
	char err[200];

	ck_assert_int_eq(parse_zones("DMA:16M,Normal:240M", z, err, sizeof(err)), 0);
	ck_assert_uint_eq(z[ZONE_DMA].spanned, 4096);
	ck_assert_uint_eq(z[ZONE_NORMAL].managed, 61440);
	ck_assert_uint_eq(z[ZONE_DMA32].spanned, 0);
	ck_assert_int_eq(parse_zones("normal:256", z, err, sizeof(err)), 0);
	ck_assert_uint_eq(z[ZONE_NORMAL].present, 256);
	ck_assert_int_eq(parse_zones("DMA32:1000/900/800", z, err, sizeof(err)), 0);
	ck_assert_uint_eq(z[ZONE_DMA32].spanned, 1000);
	ck_assert_uint_eq(z[ZONE_DMA32].present, 900);
	ck_assert_uint_eq(z[ZONE_DMA32].managed, 800);
	ck_assert_int_eq(parse_zones("HighMem:1M", z, err, sizeof(err)), -1);
	ck_assert(strstr(err, "unknown zone") != NULL);
	ck_assert_int_eq(parse_zones("DMA:1M,DMA:2M", z, err, sizeof(err)), -1);
	ck_assert(strstr(err, "twice") != NULL);
	ck_assert_int_eq(parse_zones("DMA:5000", z, err, sizeof(err)), 0);
	ck_assert_int_eq(parse_zones("DMA:1001", z, err, sizeof(err)), 0);
	ck_assert_int_eq(parse_zones("DMA:4097B", z, err, sizeof(err)), -1);   /* not pages */
	ck_assert_int_eq(parse_zones("DMA:0", z, err, sizeof(err)), -1);
	ck_assert_int_eq(parse_zones("DMA", z, err, sizeof(err)), -1);
	ck_assert_int_eq(parse_zones("DMA:1/2", z, err, sizeof(err)), -1);
}
END_TEST

START_TEST(commands_by_name_and_prefix)
{
	char why[200];

	ck_assert_str_eq(find_command("buddy", why, sizeof(why))->name, "buddyinfo");
	ck_assert_str_eq(find_command("free", why, sizeof(why))->name, "free");   /* exact wins */
	ck_assert_str_eq(find_command("exit", why, sizeof(why))->name, "quit");
	ck_assert_ptr_null(find_command("f", why, sizeof(why)));
	ck_assert(strstr(why, "free fault free_area") != NULL);
	ck_assert_ptr_null(find_command("frobnicate", why, sizeof(why)));
	ck_assert(strstr(why, "unknown command") != NULL);
}
END_TEST

START_TEST(completion_of_commands_keys_and_values)
{
	struct completions c;

	complete(&sess, "", "bu", &c);
	ck_assert_uint_eq(c.n, 1);
	ck_assert(completion_has(&c, "buddyinfo"));
	completions_free(&c);

	complete(&sess, "alloc 3 ", "g", &c);   /* keys of alloc */
	ck_assert(completion_has(&c, "gfp="));
	ck_assert(c.no_space);
	completions_free(&c);

	complete(&sess, "alloc ", "gfp=GFP_KER", &c);
	ck_assert(completion_has(&c, "gfp=GFP_KERNEL"));
	ck_assert(completion_has(&c, "gfp=GFP_KERNEL_ACCOUNT"));
	completions_free(&c);

	complete(&sess, "alloc ", "gfp=GFP_KERNEL|__GFP_NOW", &c);   /* after '|' */
	ck_assert_uint_eq(c.n, 1);
	ck_assert(completion_has(&c, "gfp=GFP_KERNEL|__GFP_NOWARN"));
	completions_free(&c);

	complete(&sess, "free_area ", "zone=N", &c);
	ck_assert(completion_has(&c, "zone=Normal"));
	completions_free(&c);

	complete(&sess, "alloc ", "cpu=", &c);   /* two CPUs on the default machine */
	ck_assert_uint_eq(c.n, 2);
	ck_assert(completion_has(&c, "cpu=1"));
	completions_free(&c);

	complete(&sess, "drain ", "cpu=", &c);
	ck_assert(completion_has(&c, "cpu=all"));
	completions_free(&c);

	complete(&sess, "sysctl ", "vm.min", &c);
	ck_assert(completion_has(&c, "vm.min_free_kbytes"));
	completions_free(&c);

	complete(&sess, "trace on ", "mm_page_pc", &c);
	ck_assert(completion_has(&c, "mm_page_pcpu_drain"));
	completions_free(&c);

	complete(&sess, "set paranoid ", "o", &c);
	ck_assert(completion_has(&c, "on") && completion_has(&c, "off"));
	completions_free(&c);

	complete(&sess, "help ", "wat", &c);
	ck_assert(completion_has(&c, "watermarks"));
	completions_free(&c);

	complete(&sess, "gfp ", "GFP_ATOMIC|__GFP_NOWA", &c);
	ck_assert(completion_has(&c, "GFP_ATOMIC|__GFP_NOWARN"));
	completions_free(&c);

	complete(&sess, "source ", "te", &c);
	ck_assert(c.want_filenames);
	completions_free(&c);

	complete(&sess, "alloc 1; free_area ", "zone=D", &c);   /* after a ';' */
	ck_assert(completion_has(&c, "zone=DMA") && completion_has(&c, "zone=DMA32"));
	completions_free(&c);

	complete(&sess, "nosuchcommand ", "x", &c);
	ck_assert_uint_eq(c.n, 0);
	completions_free(&c);
}
END_TEST

static Suite *shell_suite(void)
{
	Suite *s = suite_create("shell");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, split_on_semicolons_newlines_and_comments);
	tcase_add_test(tc, tokenize_words_keys_and_quotes);
	tcase_add_test(tc, numbers_and_sizes);
	tcase_add_test(tc, zones_option);
	tcase_add_test(tc, commands_by_name_and_prefix);
	tcase_add_test(tc, completion_of_commands_keys_and_values);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return run_suite(shell_suite());
}
