/*
 * tests/unit/test_gfp.c: gfp masks (include/linux/gfp.h of Linux 5.10):
 * GFP_ZONE_TABLE / GFP_ZONE_BAD, the composite masks, show_gfp_flags()
 * printing order (include/trace/events/mmflags.h) and gfp_parse().
 */
#include <string.h>

#include "helpers.h"
#include "mmsh/gfp.h"
#include "mmsh/mmzone.h"

static const char *fmt(gfp_t flags, bool none_for_zero)
{
	static char buf[512];

	return gfp_format(flags, none_for_zero, buf, sizeof(buf));
}

/* ---- gfp_zone ----------------------------------------------------------- */

START_TEST(gfp_zone_table_for_every_zone_bit_combination)
{
	/*
	 * The four zone bits: DMA 0x1, HIGHMEM 0x2, DMA32 0x4, MOVABLE 0x8.
	 * GFP_ZONE_TABLE on x86-64 (no HighMem: HIGHMEM alone means Normal);
	 * GFP_ZONE_BAD = DMA|HIGHMEM, DMA|DMA32, DMA32|HIGHMEM,
	 * DMA|DMA32|HIGHMEM and all of those with MOVABLE.
	 */
	static const int want[16] = {
		[0x0] = ZONE_NORMAL,
		[0x1] = ZONE_DMA,
		[0x2] = ZONE_NORMAL,      /* OPT_ZONE_HIGHMEM = Normal on 64-bit */
		[0x3] = -1,
		[0x4] = ZONE_DMA32,
		[0x5] = -1,
		[0x6] = -1,
		[0x7] = -1,
		[0x8] = ZONE_NORMAL,      /* MOVABLE alone */
		[0x9] = ZONE_DMA,         /* MOVABLE|DMA */
		[0xa] = ZONE_MOVABLE,     /* MOVABLE|HIGHMEM */
		[0xb] = -1,
		[0xc] = ZONE_DMA32,       /* MOVABLE|DMA32 */
		[0xd] = -1,
		[0xe] = -1,
		[0xf] = -1,
	};
	gfp_t bits;

	for (bits = 0; bits < 16; bits++) {
		ck_assert_msg(gfp_zone(bits) == want[bits], "gfp_zone(0x%x) = %d, want %d",
			      bits, gfp_zone(bits), want[bits]);
		ck_assert_msg(gfp_zone_valid(bits) == (want[bits] >= 0),
			      "gfp_zone_valid(0x%x)", bits);
		/* non-zone bits never change the answer */
		ck_assert_int_eq(gfp_zone(bits | GFP_KERNEL | GFP__NOWARN), want[bits]);
	}
}
END_TEST

START_TEST(gfp_zone_of_the_common_masks)
{
	ck_assert_int_eq(gfp_zone(GFP_KERNEL), ZONE_NORMAL);
	ck_assert_int_eq(gfp_zone(GFP_ATOMIC), ZONE_NORMAL);
	ck_assert_int_eq(gfp_zone(GFP_USER), ZONE_NORMAL);
	ck_assert_int_eq(gfp_zone(GFP_HIGHUSER), ZONE_NORMAL);
	ck_assert_int_eq(gfp_zone(GFP_HIGHUSER_MOVABLE), ZONE_MOVABLE);
	ck_assert_int_eq(gfp_zone(GFP_TRANSHUGE), ZONE_MOVABLE);
	ck_assert_int_eq(gfp_zone(GFP_KERNEL | GFP_DMA), ZONE_DMA);
	ck_assert_int_eq(gfp_zone(GFP_KERNEL | GFP_DMA32), ZONE_DMA32);
}
END_TEST

/* ---- mask values -------------------------------------------------------- */

START_TEST(single_bits_have_the_kernel_values)
{
	ck_assert_uint_eq(GFP__DMA, 0x01);
	ck_assert_uint_eq(GFP__HIGHMEM, 0x02);
	ck_assert_uint_eq(GFP__DMA32, 0x04);
	ck_assert_uint_eq(GFP__MOVABLE, 0x08);
	ck_assert_uint_eq(GFP__RECLAIMABLE, 0x10);
	ck_assert_uint_eq(GFP__HIGH, 0x20);
	ck_assert_uint_eq(GFP__IO, 0x40);
	ck_assert_uint_eq(GFP__FS, 0x80);
	ck_assert_uint_eq(GFP__ZERO, 0x100);
	ck_assert_uint_eq(GFP__ATOMIC, 0x200);
	ck_assert_uint_eq(GFP__DIRECT_RECLAIM, 0x400);
	ck_assert_uint_eq(GFP__KSWAPD_RECLAIM, 0x800);
	ck_assert_uint_eq(GFP__WRITE, 0x1000);
	ck_assert_uint_eq(GFP__NOWARN, 0x2000);
	ck_assert_uint_eq(GFP__RETRY_MAYFAIL, 0x4000);
	ck_assert_uint_eq(GFP__NOFAIL, 0x8000);
	ck_assert_uint_eq(GFP__NORETRY, 0x10000);
	ck_assert_uint_eq(GFP__MEMALLOC, 0x20000);
	ck_assert_uint_eq(GFP__COMP, 0x40000);
	ck_assert_uint_eq(GFP__NOMEMALLOC, 0x80000);
	ck_assert_uint_eq(GFP__HARDWALL, 0x100000);
	ck_assert_uint_eq(GFP__THISNODE, 0x200000);
	ck_assert_uint_eq(GFP__ACCOUNT, 0x400000);
	ck_assert_uint_eq(GFP__RECLAIM, 0xc00);
}
END_TEST

START_TEST(composite_masks_have_the_kernel_values)
{
	ck_assert_uint_eq(GFP_ATOMIC, 0xa20);            /* HIGH|ATOMIC|KSWAPD */
	ck_assert_uint_eq(GFP_KERNEL, 0xcc0);            /* RECLAIM|IO|FS */
	ck_assert_uint_eq(GFP_KERNEL_ACCOUNT, 0x400cc0);
	ck_assert_uint_eq(GFP_NOWAIT, 0x800);
	ck_assert_uint_eq(GFP_NOIO, 0xc00);
	ck_assert_uint_eq(GFP_NOFS, 0xc40);
	ck_assert_uint_eq(GFP_USER, 0x100cc0);
	ck_assert_uint_eq(GFP_DMA, 0x1);
	ck_assert_uint_eq(GFP_DMA32, 0x4);
	ck_assert_uint_eq(GFP_HIGHUSER, 0x100cc2);
	ck_assert_uint_eq(GFP_HIGHUSER_MOVABLE, 0x100cca);
	/* (0x100cca|COMP 0x40000|NOMEMALLOC 0x80000|NOWARN 0x2000) & ~0xc00 */
	ck_assert_uint_eq(GFP_TRANSHUGE_LIGHT, 0x1c20ca);
	ck_assert_uint_eq(GFP_TRANSHUGE, 0x1c24ca);
	ck_assert_uint_eq(GFP_KNOWN_MASK, 0x7fffff);
}
END_TEST

/* ---- printing (show_gfp_flags / %pGg) ------------------------------------ */

START_TEST(format_examples_of_section_8_1)
{
	ck_assert_str_eq(fmt(0x2dc0, true), "GFP_KERNEL|__GFP_NOWARN|__GFP_ZERO");
	ck_assert_str_eq(fmt(0xcc1, true), "GFP_KERNEL|GFP_DMA");
	ck_assert_str_eq(fmt(0x2a20, true), "GFP_ATOMIC|__GFP_NOWARN");
	ck_assert_str_eq(fmt(0xcd0, true), "GFP_KERNEL|__GFP_RECLAIMABLE");
	ck_assert_str_eq(fmt(0x8c0, true), "GFP_NOWAIT|__GFP_IO|__GFP_FS");
}
END_TEST

START_TEST(format_zero_is_none_in_tracepoints_and_empty_with_pGg)
{
	ck_assert_str_eq(fmt(0, true), "none");
	ck_assert_str_eq(fmt(0, false), "");
}
END_TEST

START_TEST(format_each_composite_prints_as_its_own_name)
{
	/* the table is walked in order, so the widest composite wins */
	ck_assert_str_eq(fmt(GFP_TRANSHUGE, true), "GFP_TRANSHUGE");
	ck_assert_str_eq(fmt(GFP_TRANSHUGE_LIGHT, true), "GFP_TRANSHUGE_LIGHT");
	ck_assert_str_eq(fmt(GFP_HIGHUSER_MOVABLE, true), "GFP_HIGHUSER_MOVABLE");
	ck_assert_str_eq(fmt(GFP_HIGHUSER, true), "GFP_HIGHUSER");
	ck_assert_str_eq(fmt(GFP_USER, true), "GFP_USER");
	ck_assert_str_eq(fmt(GFP_KERNEL_ACCOUNT, true), "GFP_KERNEL_ACCOUNT");
	ck_assert_str_eq(fmt(GFP_KERNEL, true), "GFP_KERNEL");
	ck_assert_str_eq(fmt(GFP_NOFS, true), "GFP_NOFS");
	ck_assert_str_eq(fmt(GFP_ATOMIC, true), "GFP_ATOMIC");
	ck_assert_str_eq(fmt(GFP_NOIO, true), "GFP_NOIO");
	ck_assert_str_eq(fmt(GFP_NOWAIT, true), "GFP_NOWAIT");
	ck_assert_str_eq(fmt(GFP_DMA, true), "GFP_DMA");
	ck_assert_str_eq(fmt(GFP_DMA32, true), "GFP_DMA32");
	ck_assert_str_eq(fmt(GFP__HIGHMEM, true), "__GFP_HIGHMEM");
}
END_TEST

START_TEST(format_order_and_partial_composites)
{
	/* GFP_USER comes before GFP_KERNEL_ACCOUNT in the table */
	ck_assert_str_eq(fmt(GFP_USER | GFP__ACCOUNT, true), "GFP_USER|__GFP_ACCOUNT");
	/* GFP_HIGHUSER_MOVABLE without direct reclaim: GFP_NOWAIT is the
	 * first composite left whole, then the single bits in table order */
	ck_assert_str_eq(fmt(GFP_HIGHUSER_MOVABLE & ~GFP__DIRECT_RECLAIM, true),
			 "GFP_NOWAIT|__GFP_HIGHMEM|__GFP_IO|__GFP_FS|__GFP_HARDWALL|__GFP_MOVABLE");
	/* direct reclaim alone */
	ck_assert_str_eq(fmt(GFP__DIRECT_RECLAIM, true), "__GFP_DIRECT_RECLAIM");
	/* single bits in printing order: HIGH before ATOMIC, RECLAIMABLE
	 * and MOVABLE after THISNODE, WRITE after ACCOUNT */
	ck_assert_str_eq(fmt(GFP__WRITE | GFP__ACCOUNT | GFP__MOVABLE | GFP__HIGH, true),
			 "__GFP_HIGH|__GFP_MOVABLE|__GFP_ACCOUNT|__GFP_WRITE");
	ck_assert_str_eq(fmt(GFP__ATOMIC | GFP__HIGH, true), "__GFP_HIGH|__GFP_ATOMIC");
	ck_assert_str_eq(fmt(GFP__NORETRY | GFP__NOFAIL | GFP__RETRY_MAYFAIL | GFP__NOWARN, true),
			 "__GFP_NOWARN|__GFP_RETRY_MAYFAIL|__GFP_NOFAIL|__GFP_NORETRY");
	ck_assert_str_eq(fmt(GFP__COMP | GFP__ZERO | GFP__NOMEMALLOC | GFP__MEMALLOC |
			     GFP__HARDWALL | GFP__THISNODE, true),
			 "__GFP_COMP|__GFP_ZERO|__GFP_NOMEMALLOC|__GFP_MEMALLOC|"
			 "__GFP_HARDWALL|__GFP_THISNODE");
	ck_assert_str_eq(fmt(GFP_KERNEL | GFP__COMP, true), "GFP_KERNEL|__GFP_COMP");
}
END_TEST

START_TEST(format_leftover_bits_print_as_hex)
{
	/* __GFP_NOLOCKDEP (0x800000) is in no entry of the table */
	ck_assert_str_eq(fmt(0x800000, true), "0x800000");
	ck_assert_str_eq(fmt(GFP_KERNEL | 0x800000, true), "GFP_KERNEL|0x800000");
	ck_assert_str_eq(fmt(GFP_ATOMIC | 0x3000000, false), "GFP_ATOMIC|0x3000000");
}
END_TEST

START_TEST(format_truncates_safely)
{
	char small[8];

	memset(small, 'x', sizeof(small));
	gfp_format(GFP_HIGHUSER_MOVABLE, true, small, sizeof(small));
	ck_assert_uint_eq(strlen(small), sizeof(small) - 1);
	ck_assert(strncmp(small, "GFP_HIG", 7) == 0);
}
END_TEST

START_TEST(name_table_is_in_show_gfp_flags_order)
{
	static const char *const order[] = {
		"GFP_TRANSHUGE", "GFP_TRANSHUGE_LIGHT", "GFP_HIGHUSER_MOVABLE",
		"GFP_HIGHUSER", "GFP_USER", "GFP_KERNEL_ACCOUNT", "GFP_KERNEL",
		"GFP_NOFS", "GFP_ATOMIC", "GFP_NOIO", "GFP_NOWAIT", "GFP_DMA",
		"__GFP_HIGHMEM", "GFP_DMA32", "__GFP_HIGH", "__GFP_ATOMIC",
		"__GFP_IO", "__GFP_FS", "__GFP_NOWARN", "__GFP_RETRY_MAYFAIL",
		"__GFP_NOFAIL", "__GFP_NORETRY", "__GFP_COMP", "__GFP_ZERO",
		"__GFP_NOMEMALLOC", "__GFP_MEMALLOC", "__GFP_HARDWALL",
		"__GFP_THISNODE", "__GFP_RECLAIMABLE", "__GFP_MOVABLE",
		"__GFP_ACCOUNT", "__GFP_WRITE", "__GFP_RECLAIM",
		"__GFP_DIRECT_RECLAIM", "__GFP_KSWAPD_RECLAIM",
	};
	size_t n, i;
	const struct gfp_name *t = gfp_name_table(&n);

	ck_assert_uint_eq(n, sizeof(order) / sizeof(order[0]));
	for (i = 0; i < n; i++)
		ck_assert_str_eq(t[i].name, order[i]);
	ck_assert_uint_eq(t[0].mask, 0x1c24ca);
	ck_assert_uint_eq(t[n - 3].mask, 0xc00);
}
END_TEST

START_TEST(bit_table_names_every_single_bit_in_bit_order)
{
	static const char *const names[] = {
		"__GFP_DMA", "__GFP_HIGHMEM", "__GFP_DMA32", "__GFP_MOVABLE",
		"__GFP_RECLAIMABLE", "__GFP_HIGH", "__GFP_IO", "__GFP_FS", "__GFP_ZERO",
		"__GFP_ATOMIC", "__GFP_DIRECT_RECLAIM", "__GFP_KSWAPD_RECLAIM",
		"__GFP_WRITE", "__GFP_NOWARN", "__GFP_RETRY_MAYFAIL", "__GFP_NOFAIL",
		"__GFP_NORETRY", "__GFP_MEMALLOC", "__GFP_COMP", "__GFP_NOMEMALLOC",
		"__GFP_HARDWALL", "__GFP_THISNODE", "__GFP_ACCOUNT",
	};
	size_t n, i;
	const struct gfp_name *t = gfp_bit_table(&n);
	gfp_t all = 0;

	/* ___GFP_DMA 0x01 ... ___GFP_ACCOUNT 0x400000: bit i is 1 << i */
	ck_assert_uint_eq(n, sizeof(names) / sizeof(names[0]));
	for (i = 0; i < n; i++) {
		ck_assert_str_eq(t[i].name, names[i]);
		ck_assert_uint_eq(t[i].mask, 1U << i);
		all |= t[i].mask;
	}
	ck_assert_uint_eq(all, GFP_KNOWN_MASK);
}
END_TEST

/* ---- parsing ------------------------------------------------------------ */

static gfp_t parse_ok(const char *s)
{
	struct mm_error e;
	gfp_t out = 0xdeadbeef;

	e.msg[0] = '\0';
	ck_assert_msg(gfp_parse(s, &out, &e) == 0, "gfp_parse(\"%s\") refused: %s", s, e.msg);
	return out;
}

static void parse_bad(const char *s, const char *mentions)
{
	struct mm_error e;
	gfp_t out = 0x1234;

	e.msg[0] = '\0';
	ck_assert_msg(gfp_parse(s, &out, &e) == -1, "gfp_parse(\"%s\") accepted", s);
	ck_assert_msg(out == 0x1234, "gfp_parse(\"%s\") wrote *out on failure", s);
	ck_assert_msg(e.msg[0] != '\0', "gfp_parse(\"%s\") gave no reason", s);
	if (mentions)
		ck_assert_msg(strstr(e.msg, mentions) != NULL,
			      "gfp_parse(\"%s\"): \"%s\" does not mention \"%s\"", s, e.msg,
			      mentions);
}

START_TEST(parse_names)
{
	ck_assert_uint_eq(parse_ok("GFP_KERNEL"), 0xcc0);
	ck_assert_uint_eq(parse_ok("GFP_ATOMIC"), 0xa20);
	ck_assert_uint_eq(parse_ok("GFP_NOWAIT"), 0x800);
	ck_assert_uint_eq(parse_ok("GFP_NOIO"), 0xc00);
	ck_assert_uint_eq(parse_ok("GFP_NOFS"), 0xc40);
	ck_assert_uint_eq(parse_ok("GFP_USER"), 0x100cc0);
	ck_assert_uint_eq(parse_ok("GFP_HIGHUSER"), 0x100cc2);
	ck_assert_uint_eq(parse_ok("GFP_HIGHUSER_MOVABLE"), 0x100cca);
	ck_assert_uint_eq(parse_ok("GFP_DMA"), 0x1);
	ck_assert_uint_eq(parse_ok("GFP_DMA32"), 0x4);
	ck_assert_uint_eq(parse_ok("GFP_TRANSHUGE"), 0x1c24ca);
	ck_assert_uint_eq(parse_ok("__GFP_NORETRY"), 0x10000);
	ck_assert_uint_eq(parse_ok("__GFP_RECLAIMABLE"), 0x10);
	ck_assert_uint_eq(parse_ok("__GFP_RECLAIM"), 0xc00);
	/* single bits by their include/linux/gfp.h names */
	ck_assert_uint_eq(parse_ok("__GFP_DMA"), 0x1);
	ck_assert_uint_eq(parse_ok("__GFP_DMA32"), 0x4);
	ck_assert_uint_eq(parse_ok("GFP_KERNEL|__GFP_DMA32"), 0xcc4);
}
END_TEST

START_TEST(parse_numbers)
{
	ck_assert_uint_eq(parse_ok("0xcc0"), 0xcc0);
	ck_assert_uint_eq(parse_ok("3264"), 0xcc0);          /* decimal */
	ck_assert_uint_eq(parse_ok("0"), 0);
	ck_assert_uint_eq(parse_ok("0x400cc0"), GFP_KERNEL_ACCOUNT);  /* highest known bit */
	ck_assert_uint_eq(parse_ok("0XA20"), GFP_ATOMIC);
}
END_TEST

START_TEST(parse_combinations)
{
	ck_assert_uint_eq(parse_ok("GFP_KERNEL|__GFP_NORETRY"), 0x10cc0);
	ck_assert_uint_eq(parse_ok("GFP_KERNEL|__GFP_NOWARN|__GFP_ZERO"), 0x2dc0);
	ck_assert_uint_eq(parse_ok("GFP_KERNEL|GFP_DMA"), 0xcc1);
	ck_assert_uint_eq(parse_ok("GFP_ATOMIC|0x2000"), 0x2a20);
	ck_assert_uint_eq(parse_ok("0x800|__GFP_IO|__GFP_FS"), 0x8c0);
	/* duplicates are harmless */
	ck_assert_uint_eq(parse_ok("GFP_KERNEL|GFP_KERNEL"), 0xcc0);
	/* a valid zone pair: MOVABLE|HIGHMEM is ZONE_MOVABLE */
	ck_assert_uint_eq(parse_ok("__GFP_HIGHMEM|__GFP_MOVABLE"), 0xa);
	/* what gfp_format prints parses back to the same mask */
	{
		static const gfp_t masks[] = { 0x2dc0, 0xcc1, 0x2a20, 0xcd0, 0x8c0,
					       0x1c24ca, 0x500cc0, 0x10cc0 };
		char buf[256];
		size_t i;

		for (i = 0; i < sizeof(masks) / sizeof(masks[0]); i++)
			ck_assert_uint_eq(parse_ok(gfp_format(masks[i], true, buf, sizeof(buf))),
					  masks[i]);
	}
}
END_TEST

START_TEST(parse_refusals)
{
	parse_bad("GFP_FOO", "GFP_FOO");
	parse_bad("GFP_KERNEL|__GFP_BOGUS", "__GFP_BOGUS");
	parse_bad("gfp_kernel", NULL);                 /* names are case-sensitive */
	parse_bad("", NULL);
	parse_bad("GFP_KERNEL||__GFP_NOWARN", NULL);   /* empty part */
	parse_bad("|GFP_KERNEL", NULL);                /* empty first part */
	parse_bad("GFP_KERNEL|", NULL);                /* trailing | */
	parse_bad("0xzz", NULL);
	parse_bad("12abc", NULL);
}
END_TEST

START_TEST(parse_refuses_gfp_zone_bad_combinations)
{
	parse_bad("GFP_DMA|GFP_DMA32", "GFP_ZONE_BAD");
	parse_bad("GFP_DMA|__GFP_HIGHMEM", "GFP_ZONE_BAD");
	parse_bad("GFP_DMA32|__GFP_HIGHMEM", "GFP_ZONE_BAD");
	parse_bad("GFP_HIGHUSER_MOVABLE|GFP_DMA32", "GFP_ZONE_BAD");
	parse_bad("0x3", "GFP_ZONE_BAD");
	parse_bad("0xb", "GFP_ZONE_BAD");
}
END_TEST

START_TEST(parse_refuses_movable_and_reclaimable_together)
{
	parse_bad("__GFP_MOVABLE|__GFP_RECLAIMABLE", "__GFP_RECLAIMABLE");
	parse_bad("GFP_HIGHUSER_MOVABLE|__GFP_RECLAIMABLE", "__GFP_MOVABLE");
	parse_bad("0x18", NULL);
}
END_TEST

START_TEST(parse_refuses_numbers_with_unknown_bits)
{
	parse_bad("0x800000", NULL);      /* __GFP_NOLOCKDEP: not modelled */
	parse_bad("0x1000000", NULL);
	parse_bad("GFP_KERNEL|0x80000000", NULL);
	parse_bad("99999999999999999999999", NULL);
}
END_TEST

static Suite *gfp_suite(void)
{
	Suite *s = suite_create("gfp");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, gfp_zone_table_for_every_zone_bit_combination);
	tcase_add_test(tc, gfp_zone_of_the_common_masks);
	tcase_add_test(tc, single_bits_have_the_kernel_values);
	tcase_add_test(tc, composite_masks_have_the_kernel_values);
	tcase_add_test(tc, format_examples_of_section_8_1);
	tcase_add_test(tc, format_zero_is_none_in_tracepoints_and_empty_with_pGg);
	tcase_add_test(tc, format_each_composite_prints_as_its_own_name);
	tcase_add_test(tc, format_order_and_partial_composites);
	tcase_add_test(tc, format_leftover_bits_print_as_hex);
	tcase_add_test(tc, format_truncates_safely);
	tcase_add_test(tc, name_table_is_in_show_gfp_flags_order);
	tcase_add_test(tc, bit_table_names_every_single_bit_in_bit_order);
	tcase_add_test(tc, parse_names);
	tcase_add_test(tc, parse_numbers);
	tcase_add_test(tc, parse_combinations);
	tcase_add_test(tc, parse_refusals);
	tcase_add_test(tc, parse_refuses_gfp_zone_bad_combinations);
	tcase_add_test(tc, parse_refuses_movable_and_reclaimable_together);
	tcase_add_test(tc, parse_refuses_numbers_with_unknown_bits);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return run_suite(gfp_suite());
}
