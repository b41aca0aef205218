/*
 * tests/unit/test_strbuf.c: the text buffer every view writes into, and
 * mm_error_set().
 */
#include <string.h>

#include "helpers.h"
#include "mmsh/error.h"
#include "mmsh/strbuf.h"

START_TEST(empty_buffer_reads_as_empty_string)
{
	struct strbuf sb = STRBUF_INIT;

	ck_assert_str_eq(sb_str(&sb), "");
	ck_assert_uint_eq(sb.len, 0);
	sb_free(&sb);
}
END_TEST

START_TEST(appends_grow_past_the_first_allocation)
{
	struct strbuf sb = STRBUF_INIT;
	int i;

	for (i = 0; i < 1000; i++)
		sb_printf(&sb, "%03d,", i);
	ck_assert_uint_eq(sb.len, 4000);
	ck_assert(strncmp(sb_str(&sb), "000,001,", 8) == 0);
	ck_assert(strcmp(sb_str(&sb) + 3996, "999,") == 0);
	ck_assert(!sb.oom);
	sb_free(&sb);
}
END_TEST

START_TEST(puts_putc_pad_and_reset)
{
	struct strbuf sb = STRBUF_INIT;

	sb_puts(&sb, "ab");
	sb_putc(&sb, 'c');
	sb_pad(&sb, '-', 3);
	ck_assert_str_eq(sb_str(&sb), "abc---");
	sb_reset(&sb);
	ck_assert_str_eq(sb_str(&sb), "");
	sb_puts(&sb, "x");
	ck_assert_str_eq(sb_str(&sb), "x");
	sb_free(&sb);
	ck_assert_ptr_null(sb.buf);
}
END_TEST

START_TEST(error_set_formats_and_tolerates_null)
{
	struct mm_error e;

	ck_assert_int_eq(mm_error_set(&e, "pfn 0x%lx is %s", 16UL, "free"), -1);
	ck_assert_str_eq(e.msg, "pfn 0x10 is free");
	ck_assert_int_eq(mm_error_set(NULL, "ignored"), -1);
}
END_TEST

static Suite *strbuf_suite(void)
{
	Suite *s = suite_create("strbuf");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, empty_buffer_reads_as_empty_string);
	tcase_add_test(tc, appends_grow_past_the_first_allocation);
	tcase_add_test(tc, puts_putc_pad_and_reset);
	tcase_add_test(tc, error_set_formats_and_tolerates_null);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return run_suite(strbuf_suite());
}
