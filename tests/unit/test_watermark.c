/*
 * tests/unit/test_watermark.c: watermarks and reserves of Linux 5.10
 * (section 7 of the semantics reference): int_sqrt and mult_frac,
 * min_free_kbytes and its clamps, khugepaged's raise (only on machines of
 * 512 MiB or more, as hugepage_init() switches THP off below that),
 * __setup_per_zone_wmarks with the worked examples of section 7.4,
 * lowmem_reserve, totalreserve_pages and the checks __zone_watermark_ok
 * and zone_watermark_fast. Expected values are worked out in the comments.
 */
#include <limits.h>
#include <string.h>

#include "helpers.h"
#include "mmsh/page_alloc.h"
#include "mmsh/sysctl.h"
#include "mmsh/watermark.h"

/* One node, 1 CPU, MAX_ORDER 11, pageblock_order 9; zones as given. */
static struct machine *boot_zones(unsigned long start_pfn,
				  const struct zone_shape zones[MAX_NR_ZONES],
				  enum thp_mode thp)
{
	struct machine_shape s;
	struct mm_error e;
	struct machine *m;
	int z;

	machine_shape_init(&s);
	s.start_pfn = start_pfn;
	s.thp = thp;
	for (z = 0; z < MAX_NR_ZONES; z++)
		s.zones[0][z] = zones[z];
	m = machine_create(&s, &e);
	ck_assert_msg(m != NULL, "boot: %s", e.msg);
	return m;
}

/* The ≈1 GiB machine of section 7.4: DMA 4095 (pfn 1..4095), DMA32 258048. */
static struct machine *boot_1g(enum thp_mode thp)
{
	const struct zone_shape z[MAX_NR_ZONES] = {
		{ 4095, 4095, 4095 }, { 258048, 258048, 258048 }, { 0, 0, 0 }, { 0, 0, 0 },
	};

	return boot_zones(1, z, thp);
}

/*
 * The ≈8 GiB machine: DMA 3977 present/managed (pfn 1..3977, a hole up
 * to 4095), DMA32 1044480 (up to 4 GiB), Normal 1048576.
 */
static struct machine *boot_8g(enum thp_mode thp)
{
	const struct zone_shape z[MAX_NR_ZONES] = {
		{ 4095, 3977, 3977 }, { 1044480, 1044480, 1044480 },
		{ 1048576, 1048576, 1048576 }, { 0, 0, 0 },
	};

	return boot_zones(1, z, thp);
}

static struct machine *boot_default_thp(enum thp_mode thp)
{
	struct machine_shape s;
	struct mm_error e;
	struct machine *m;

	machine_shape_default(&s);
	s.thp = thp;
	m = machine_create(&s, &e);
	ck_assert_msg(m != NULL, "boot: %s", e.msg);
	return m;
}

/* ---- arithmetic -------------------------------------------------------------- */

START_TEST(int_sqrt_is_the_floor)
{
	ck_assert_uint_eq(int_sqrt(0), 0);
	ck_assert_uint_eq(int_sqrt(1), 1);
	ck_assert_uint_eq(int_sqrt(2), 1);
	ck_assert_uint_eq(int_sqrt(3), 1);
	ck_assert_uint_eq(int_sqrt(4), 2);
	ck_assert_uint_eq(int_sqrt(15), 3);
	ck_assert_uint_eq(int_sqrt(16), 4);
	ck_assert_uint_eq(int_sqrt(17), 4);
	ck_assert_uint_eq(int_sqrt(99), 9);
	ck_assert_uint_eq(int_sqrt(100), 10);
	/* 4096^2 = 16777216: one below is 4095 (the 1 GiB example) */
	ck_assert_uint_eq(int_sqrt(16777216), 4096);
	ck_assert_uint_eq(int_sqrt(16777215), 4095);
	ck_assert_uint_eq(int_sqrt(1UL << 62), 1UL << 31);
	/* (2^32 - 1)^2 < 2^64 - 1 < (2^32)^2 */
	ck_assert_uint_eq(int_sqrt(ULONG_MAX), 0xffffffffUL);
}
END_TEST

START_TEST(mult_frac_does_not_overflow)
{
	/* mult_frac(x, n, d) = (x/d)*n + (x%d)*n/d = floor(x*n/d) */
	ck_assert_uint_eq(mult_frac(4096, 10, 10000), 4);       /* 4.096 */
	ck_assert_uint_eq(mult_frac(61440, 10, 10000), 61);     /* 61.44 */
	ck_assert_uint_eq(mult_frac(258048, 10, 10000), 258);   /* 258.048 */
	ck_assert_uint_eq(mult_frac(720, 15000, 10000), 1080);
	ck_assert_uint_eq(mult_frac(7, 1, 2), 3);
	/* x*n would overflow: floor((2^64-1) * 3/4) = 3*2^62 - 1 */
	ck_assert_uint_eq(mult_frac(ULONG_MAX, 3, 4), 3UL * (1UL << 62) - 1);
}
END_TEST

/* ---- min_free_kbytes ------------------------------------------------------------ */

START_TEST(min_free_kbytes_from_lowmem)
{
	/* int_sqrt(lowmem_kB * 16): 16 MiB -> 512 ... 16 GiB -> 16384 */
	static const struct {
		unsigned long pages;
		int kbytes;
	} table[] = {
		{ 4096, 512 },        /* 16 MiB: sqrt(262144) */
		{ 16384, 1024 },      /* 64 MiB: sqrt(1048576) */
		{ 65536, 2048 },      /* 256 MiB: sqrt(4194304) */
		{ 262144, 4096 },     /* 1 GiB: sqrt(16777216) */
		{ 1048576, 8192 },    /* 4 GiB: sqrt(67108864) */
		{ 4194304, 16384 },   /* 16 GiB: sqrt(268435456) */
	};
	size_t i;

	for (i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
		struct machine *m = boot_shape(0, 0, table[i].pages, 0, 11, 9, 1);

		ck_assert_msg(m->min_free_kbytes == table[i].kbytes,
			      "%lu pages: min_free_kbytes %d, expected %d", table[i].pages,
			      m->min_free_kbytes, table[i].kbytes);
		ck_assert_int_eq(m->user_min_free_kbytes, -1);
		assert_consistent(m);
		machine_destroy(m);
	}
}
END_TEST

START_TEST(min_free_kbytes_lower_clamp)
{
	struct machine *m;

	/* tiny: 256 pages = 1024 kB -> int_sqrt(16384) = 128, the floor itself */
	m = boot_preset("tiny");
	ck_assert_int_eq(m->min_free_kbytes, 128);
	assert_consistent(m);
	machine_destroy(m);

	/* 64 pages = 256 kB -> int_sqrt(4096) = 64, clamped up to 128 */
	m = boot_shape(0, 0, 64, 0, 6, 5, 1);
	ck_assert_int_eq(m->min_free_kbytes, 128);
	/* 128 kB = 32 pages, all of them the only zone's: min 32, step max(8, 0) */
	expect_wmarks(m, ZONE_NORMAL, 32, 40, 48);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

START_TEST(min_free_kbytes_upper_clamp)
{
	struct machine *m = boot_preset("default");
	struct zone *normal = ZONE(m, 0, ZONE_NORMAL);
	int z;

	/*
	 * No simulated machine reaches 4 TiB of lowmem, so pretend once: with
	 * 2^32 managed pages lowmem is ~2^34 kB, int_sqrt(2^38) = 524288,
	 * clamped to 262144 (5.10's bound; 65536 before 5.7).
	 */
	normal->managed_pages = 1UL << 32;
	init_per_zone_wmark_min(m);
	ck_assert_int_eq(m->min_free_kbytes, 262144);
	/* restore the real zone and the boot value */
	normal->managed_pages = 61440;
	for (z = 0; z < MAX_NR_ZONES; z++)
		memset(ZONE(m, 0, z)->_watermark, 0, sizeof(ZONE(m, 0, z)->_watermark));
	init_per_zone_wmark_min(m);
	ck_assert_int_eq(m->min_free_kbytes, 2048);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

START_TEST(user_min_free_kbytes_wins_when_larger)
{
	struct machine *m = boot_preset("default");
	struct mm_error e;

	/* the user asks for 5000; memory hotplug reruns init_per_zone_wmark_min */
	ck_assert_int_eq(sysctl_write(m, "min_free_kbytes", "5000", &e), 0);
	ck_assert_int_eq(m->user_min_free_kbytes, 5000);
	/*
	 * pages_min 1250: DMA high 78 + 2*19 = 116, Normal 1171 + 2*292 =
	 * 1755; nr_free_buffer_pages = 3980 + 59685 = 63665 pages = 254660 kB;
	 * int_sqrt(4074560) = 2018 <= 5000: the user's value stays.
	 */
	init_per_zone_wmark_min(m);
	ck_assert_int_eq(m->min_free_kbytes, 5000);
	assert_consistent(m);

	/*
	 * The user asks for 1000: pages_min 250, DMA high 15 + 2*4 = 23,
	 * Normal 234 + 2*61 = 356; nr_free_buffer_pages = 4073 + 61084 =
	 * 65157 pages = 260628 kB; int_sqrt(4170048) = 2042 > 1000 wins.
	 */
	ck_assert_int_eq(sysctl_write(m, "min_free_kbytes", "1000", &e), 0);
	ck_assert_int_eq(m->min_free_kbytes, 1000);
	init_per_zone_wmark_min(m);
	ck_assert_int_eq(m->min_free_kbytes, 2042);
	ck_assert_int_eq(m->user_min_free_kbytes, 1000);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/* ---- section 7.4 ----------------------------------------------------------------- */

START_TEST(example_1g_thp_off)
{
	struct machine *m = boot_1g(THP_NEVER);

	/*
	 * lowmem 262143 pages = 1048572 kB; int_sqrt(16777152) = 4095 kB;
	 * pages_min 1023.
	 * DMA: 1023*4095/262143 = 15; step max(3, 4095*10/10000 = 4) = 4.
	 * DMA32: 1023*258048/262143 = 1007; step max(251, 258) = 258.
	 */
	ck_assert_int_eq(m->min_free_kbytes, 4095);
	ck_assert(!m->khugepaged_started);
	expect_wmarks(m, ZONE_DMA, 15, 19, 23);
	expect_wmarks(m, ZONE_DMA32, 1007, 1265, 1523);
	/* DMA32: 252 -> cap 256 -> 64 -> 96 -> 63: 378/63; DMA 0/1 */
	expect_pcp(m, ZONE_DMA, 0, 1);
	expect_pcp(m, ZONE_DMA32, 378, 63);
	/* DMA ratio 256: 258048/256 = 1008 for every zone above it */
	expect_protection(m, ZONE_DMA, 0, 1008, 1008, 1008);
	expect_protection(m, ZONE_DMA32, 0, 0, 0, 0);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

START_TEST(example_8g_thp_off)
{
	struct machine *m = boot_8g(THP_NEVER);

	/*
	 * lowmem 2097033 pages = 8388132 kB; int_sqrt(134210112) = 11584;
	 * pages_min 2896.
	 * DMA: 2896*3977/2097033 = 5; step max(1, 3) = 3: 5/8/11.
	 * DMA32: 1442; step max(360, 1044) = 1044: 1442/2486/3530.
	 * Normal: 1448; step max(362, 1048) = 1048: 1448/2496/3544.
	 */
	ck_assert_int_eq(m->min_free_kbytes, 11584);
	expect_wmarks(m, ZONE_DMA, 5, 8, 11);
	expect_wmarks(m, ZONE_DMA32, 1442, 2486, 3530);
	expect_wmarks(m, ZONE_NORMAL, 1448, 2496, 3544);
	expect_pcp(m, ZONE_DMA, 0, 1);
	expect_pcp(m, ZONE_DMA32, 378, 63);
	expect_pcp(m, ZONE_NORMAL, 378, 63);
	/*
	 * DMA: 1044480/256 = 4080, (1044480 + 1048576)/256 = 8176;
	 * DMA32: 1048576/256 = 4096; Normal: Movable is empty, 0/32 = 0.
	 */
	expect_protection(m, ZONE_DMA, 0, 4080, 8176, 8176);
	expect_protection(m, ZONE_DMA32, 0, 0, 4096, 4096);
	expect_protection(m, ZONE_NORMAL, 0, 0, 0, 0);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

START_TEST(example_1g_thp_on)
{
	enum thp_mode modes[2] = { THP_MADVISE, THP_ALWAYS };
	int i;

	for (i = 0; i < 2; i++) {
		struct machine *m = boot_1g(modes[i]);

		/*
		 * 262143 pages >= 512 MiB: khugepaged starts. Two zones up to
		 * Normal: 512*2*(2+9) = 11264 pages; the cap is 5% of
		 * nr_free_buffer_pages = (4095-23 + 258048-1523)/20 = 13029:
		 * 11264 pages = 45056 kB.
		 * DMA: 11264*4095/262143 = 175; step max(43, 4): 175/218/261.
		 * DMA32: 11088; step max(2772, 258): 11088/13860/16632.
		 */
		ck_assert(m->khugepaged_started);
		ck_assert_int_eq(m->min_free_kbytes, 45056);
		ck_assert_uint_eq(recommended_min_free_kbytes(m), 45056);
		expect_wmarks(m, ZONE_DMA, 175, 218, 261);
		expect_wmarks(m, ZONE_DMA32, 11088, 13860, 16632);
		/* the raise leaves lowmem_reserve alone */
		expect_protection(m, ZONE_DMA, 0, 1008, 1008, 1008);
		/* the user value is untouched by khugepaged */
		ck_assert_int_eq(m->user_min_free_kbytes, -1);
		assert_consistent(m);
		machine_destroy(m);
	}
}
END_TEST

START_TEST(example_8g_thp_on)
{
	struct machine *m = boot_8g(THP_MADVISE);

	/*
	 * Three zones: 512*3*11 = 16896 pages = 67584 kB (the cap, 5% of
	 * ~2.09M pages, is far above).
	 * DMA: 16896*3977/2097033 = 32; step max(8, 3): 32/40/48.
	 * DMA32: 8415; step max(2103, 1044): 8415/10518/12621.
	 * Normal: 8448; step max(2112, 1048): 8448/10560/12672.
	 */
	ck_assert_int_eq(m->min_free_kbytes, 67584);
	expect_wmarks(m, ZONE_DMA, 32, 40, 48);
	expect_wmarks(m, ZONE_DMA32, 8415, 10518, 12621);
	expect_wmarks(m, ZONE_NORMAL, 8448, 10560, 12672);
	expect_protection(m, ZONE_DMA, 0, 4080, 8176, 8176);
	expect_protection(m, ZONE_DMA32, 0, 0, 4096, 4096);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

START_TEST(thp_raise_needs_512_mib)
{
	const struct zone_shape at[MAX_NR_ZONES] = {
		{ 4096, 4096, 4096 }, { 126976, 126976, 126976 }, { 0, 0, 0 }, { 0, 0, 0 },
	};
	const struct zone_shape below[MAX_NR_ZONES] = {
		{ 4096, 4096, 4096 }, { 126975, 126975, 126975 }, { 0, 0, 0 }, { 0, 0, 0 },
	};
	struct machine *m;

	/*
	 * 131071 pages, one short of 512 MiB: hugepage_init() turns THP off,
	 * so min_free_kbytes stays int_sqrt(131071*4*16 = 8388544) = 2896.
	 */
	m = boot_zones(0, below, THP_ALWAYS);
	ck_assert(!m->khugepaged_started);
	ck_assert_int_eq(m->min_free_kbytes, 2896);
	assert_consistent(m);
	machine_destroy(m);

	/*
	 * 131072 pages: THP stays on. Before the raise: 2896 kB, pages_min
	 * 724, DMA high 22 + 2*5 = 32, DMA32 701 + 2*175 = 1051; the cap is
	 * (4064 + 125925)/20 = 6499 pages < 11264, so 25996 kB.
	 * DMA: 6499*4096/131072 = 203; step max(50, 4): 203/253/303.
	 * DMA32: 6499*126976/131072 = 6295; step max(1573, 126): 6295/7868/9441.
	 */
	m = boot_zones(0, at, THP_MADVISE);
	ck_assert(m->khugepaged_started);
	ck_assert_int_eq(m->min_free_kbytes, 25996);
	expect_wmarks(m, ZONE_DMA, 203, 253, 303);
	expect_wmarks(m, ZONE_DMA32, 6295, 7868, 9441);
	assert_consistent(m);
	machine_destroy(m);

	/* the same machine with THP never: no raise */
	m = boot_zones(0, at, THP_NEVER);
	ck_assert(!m->khugepaged_started);
	ck_assert_int_eq(m->min_free_kbytes, 2896);
	expect_wmarks(m, ZONE_DMA, 22, 27, 32);
	expect_wmarks(m, ZONE_DMA32, 701, 876, 1051);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

START_TEST(default_preset_whatever_thp)
{
	enum thp_mode modes[3] = { THP_NEVER, THP_MADVISE, THP_ALWAYS };
	int i;

	for (i = 0; i < 3; i++) {
		struct machine *m = boot_default_thp(modes[i]);

		/*
		 * 65536 pages = 256 MiB < 512 MiB: never raised.
		 * int_sqrt(262144*16) = 2048 kB; pages_min 512.
		 * DMA: 512*4096/65536 = 32; step max(8, 4): 32/40/48.
		 * Normal: 480; step max(120, 61): 480/600/720.
		 * Protection: DMA 0 (DMA32 empty), 61440/256 = 240, 240.
		 */
		ck_assert(!m->khugepaged_started);
		ck_assert_int_eq(m->min_free_kbytes, 2048);
		expect_wmarks(m, ZONE_DMA, 32, 40, 48);
		expect_wmarks(m, ZONE_DMA32, 0, 0, 0);
		expect_wmarks(m, ZONE_NORMAL, 480, 600, 720);
		expect_protection(m, ZONE_DMA, 0, 0, 240, 240);
		expect_protection(m, ZONE_DMA32, 0, 0, 0, 0);
		expect_protection(m, ZONE_NORMAL, 0, 0, 0, 0);
		/* totalreserve: DMA 240 + 48, Normal 0 + 720 */
		ck_assert_uint_eq(m->totalreserve_pages, 1008);
		assert_consistent(m);
		machine_destroy(m);
	}
}
END_TEST

/* ---- lowmem_reserve and totalreserve ------------------------------------------ */

START_TEST(lowmem_reserve_with_a_movable_zone)
{
	const struct zone_shape z[MAX_NR_ZONES] = {
		{ 4096, 4096, 4096 }, { 0, 0, 0 }, { 61440, 61440, 61440 },
		{ 32768, 32768, 32768 },
	};
	struct machine *m = boot_zones(0, z, THP_NEVER);

	/*
	 * nr_free_buffer_pages stops at Normal: 65536 pages -> 2048 kB, but
	 * the share is taken of all 98304 managed pages: pages_min 512.
	 * DMA: 512*4096/98304 = 21; step max(5, 4): 21/26/31.
	 * Normal: 320; step max(80, 61): 320/400/480.
	 * Movable: 170; step max(42, 32): 170/212/254.
	 */
	ck_assert_int_eq(m->min_free_kbytes, 2048);
	expect_wmarks(m, ZONE_DMA, 21, 26, 31);
	expect_wmarks(m, ZONE_NORMAL, 320, 400, 480);
	expect_wmarks(m, ZONE_MOVABLE, 170, 212, 254);
	/*
	 * DMA (256): 0/256, 61440/256 = 240, 94208/256 = 368.
	 * DMA32 is empty: all 0. Normal (32): 32768/32 = 1024.
	 * Movable is the last zone: never given a reserve.
	 */
	expect_protection(m, ZONE_DMA, 0, 0, 240, 368);
	expect_protection(m, ZONE_DMA32, 0, 0, 0, 0);
	expect_protection(m, ZONE_NORMAL, 0, 0, 0, 1024);
	expect_protection(m, ZONE_MOVABLE, 0, 0, 0, 0);
	/* totalreserve: DMA 368+31, Normal 1024+480, Movable 254 = 2157 */
	ck_assert_uint_eq(m->totalreserve_pages, 2157);
	ck_assert_uint_eq(m->node_data[0]->totalreserve_pages, 2157);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

START_TEST(lowmem_reserve_ratio_zero_and_empty_zones)
{
	struct machine *m = boot_preset("default");

	/* ratio 0 clears the zone's reserve */
	m->sysctl_lowmem_reserve_ratio[ZONE_DMA] = 0;
	setup_per_zone_lowmem_reserve(m);
	expect_protection(m, ZONE_DMA, 0, 0, 0, 0);
	/* totalreserve: DMA 0 + 48, Normal 720 */
	ck_assert_uint_eq(m->totalreserve_pages, 768);
	assert_consistent(m);

	/* ratio 1: the whole of the zones above; capped at managed in totalreserve */
	m->sysctl_lowmem_reserve_ratio[ZONE_DMA] = 1;
	setup_per_zone_lowmem_reserve(m);
	expect_protection(m, ZONE_DMA, 0, 0, 61440, 61440);
	/* DMA: min(4096, 61440 + 48) = 4096; Normal 720 */
	ck_assert_uint_eq(m->totalreserve_pages, 4096 + 720);
	assert_consistent(m);

	/* an empty zone keeps nothing, whatever its ratio */
	m->sysctl_lowmem_reserve_ratio[ZONE_DMA32] = 1;
	setup_per_zone_lowmem_reserve(m);
	expect_protection(m, ZONE_DMA32, 0, 0, 0, 0);
	assert_consistent(m);
	machine_destroy(m);

	/* a Normal-only machine: DMA and DMA32 are empty */
	m = boot_shape(0, 0, 16384, 0, 11, 9, 1);
	expect_protection(m, ZONE_DMA, 0, 0, 0, 0);
	expect_protection(m, ZONE_DMA32, 0, 0, 0, 0);
	expect_protection(m, ZONE_NORMAL, 0, 0, 0, 0);
	/* 1024 kB -> 256 pages: min 256, step max(64, 16): high 384 */
	ck_assert_uint_eq(m->totalreserve_pages, 384);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

START_TEST(totalreserve_follows_the_boost)
{
	struct machine *m = boot_preset("default");
	struct zone *normal = ZONE(m, 0, ZONE_NORMAL);

	/* high_wmark_pages() includes the boost: 720 + 512 */
	ck_assert(boost_watermark(normal));
	ck_assert_uint_eq(normal->watermark_boost, 512);
	calculate_totalreserve_pages(m);
	ck_assert_uint_eq(m->totalreserve_pages, 288 + 1232);
	/* __setup_per_zone_wmarks drops it again */
	setup_per_zone_wmarks(m);
	ck_assert_uint_eq(normal->watermark_boost, 0);
	ck_assert_uint_eq(m->totalreserve_pages, 1008);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/* ---- __zone_watermark_ok --------------------------------------------------------- */

static void expect_ok(const struct zone *z, unsigned int flags, unsigned long mark,
		      long threshold)
{
	/* free_pages <= threshold fails, threshold + 1 passes (order 0) */
	ck_assert_msg(!zone_watermark_ok_(z, 0, mark, ZONE_NORMAL, flags, threshold),
		      "flags %#x mark %lu: %ld free should fail", flags, mark, threshold);
	ck_assert_msg(zone_watermark_ok_(z, 0, mark, ZONE_NORMAL, flags, threshold + 1),
		      "flags %#x mark %lu: %ld free should pass", flags, mark,
		      threshold + 1);
}

START_TEST(watermark_ok_each_flag)
{
	struct machine *m = boot_preset("default");
	const struct zone *normal = ZONE(m, 0, ZONE_NORMAL);

	/* Normal: lowmem_reserve[Normal] = 0, no highatomic, no CMA */
	expect_ok(normal, 0, 1000, 1000);                                /* plain */
	expect_ok(normal, ALLOC_HIGH, 1000, 500);                        /* 1000 - 500 */
	expect_ok(normal, ALLOC_HARDER, 1000, 750);                      /* 1000 - 250 */
	expect_ok(normal, ALLOC_HIGH | ALLOC_HARDER, 1000, 375);         /* 500 - 125 */
	expect_ok(normal, ALLOC_OOM, 1000, 500);                         /* 1000 - 500 */
	expect_ok(normal, ALLOC_OOM | ALLOC_HARDER, 1000, 500);          /* OOM wins */
	expect_ok(normal, ALLOC_OOM | ALLOC_HIGH, 1000, 250);            /* 500 - 250 */
	/* integer halving and quartering truncate the amount taken off */
	expect_ok(normal, ALLOC_HIGH, 999, 500);                         /* 999 - 499 */
	expect_ok(normal, ALLOC_HARDER, 999, 750);                       /* 999 - 249 */
	expect_ok(normal, ALLOC_HIGH | ALLOC_HARDER, 999, 375);          /* 500 - 125 */
	expect_ok(normal, ALLOC_HIGH | ALLOC_HARDER, 7, 3);              /* 4 - 1 */
	/* the watermark index bits and ALLOC_CPUSET change nothing here */
	expect_ok(normal, ALLOC_WMARK_HIGH | ALLOC_CPUSET | ALLOC_KSWAPD, 1000, 1000);
	/* free pages may go negative after the unusable part */
	ck_assert(!zone_watermark_ok_(normal, 3, 0, ZONE_NORMAL, 0, 2));
	ck_assert(!zone_watermark_ok_(normal, 0, 0, ZONE_NORMAL, 0, -5));
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

START_TEST(watermark_ok_adds_lowmem_reserve)
{
	struct machine *m = boot_preset("default");
	const struct zone *dma = ZONE(m, 0, ZONE_DMA);
	long free_pages = zone_page_state(dma, NR_FREE_PAGES);

	/* DMA protection (0, 0, 240, 240); mark 32 (min) */
	ck_assert(!zone_watermark_ok_(dma, 0, 32, ZONE_NORMAL, 0, 272));
	ck_assert(zone_watermark_ok_(dma, 0, 32, ZONE_NORMAL, 0, 273));
	ck_assert(!zone_watermark_ok_(dma, 0, 32, ZONE_MOVABLE, 0, 272));
	ck_assert(zone_watermark_ok_(dma, 0, 32, ZONE_DMA, 0, 33));
	ck_assert(zone_watermark_ok_(dma, 0, 32, ZONE_DMA32, 0, 33));
	/* discounts apply to the mark, not to the reserve: 16 + 240 */
	ck_assert(!zone_watermark_ok_(dma, 0, 32, ZONE_NORMAL, ALLOC_HIGH, 256));
	ck_assert(zone_watermark_ok_(dma, 0, 32, ZONE_NORMAL, ALLOC_HIGH, 257));
	/* the wrapper reads NR_FREE_PAGES: 4096 free > 4096 - 1 + 0 only at DMA */
	ck_assert_int_eq(free_pages, 4096);
	ck_assert(zone_watermark_ok(dma, 0, 4095, ZONE_DMA, 0));
	ck_assert(!zone_watermark_ok(dma, 0, 4096, ZONE_DMA, 0));
	ck_assert(!zone_watermark_ok(dma, 0, 4096 - 240, ZONE_NORMAL, 0));
	ck_assert(zone_watermark_ok(dma, 0, 4095 - 240, ZONE_NORMAL, 0));
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

START_TEST(watermark_ok_needs_a_free_block_of_the_order)
{
	/* 1024 pages: one order-10 block, pcp 0/1 */
	struct machine *m = boot_shape(0, 0, 1024, 0, 11, 9, 1);
	struct zone *z = ZONE(m, 0, ZONE_NORMAL);
	const long lots = 1L << 20;
	unsigned long list[4];
	long pfn;

	/*
	 * One order-0 page out of pfn 0's order-10 block leaves one free block
	 * of every order 0..9 (at 1, 2, 4, ..., 512): 1023 pages.
	 */
	pfn = mmsh_alloc(m, GFP_KERNEL, 0, NUMA_NO_NODE, NULL);
	ck_assert_int_eq(pfn, 0);
	ck_assert_int_eq(zone_page_state(z, NR_FREE_PAGES), 1023);
	ck_assert_uint_eq(z->free_area[10].nr_free, 0);
	ck_assert_uint_eq(z->free_area[9].nr_free, 1);
	assert_consistent(m);

	/* enough free pages but no block of order 10: false */
	ck_assert(!zone_watermark_ok_(z, 10, 0, ZONE_NORMAL, 0, lots));
	ck_assert(!zone_watermark_ok_(z, 10, 0, ZONE_NORMAL, ALLOC_HARDER, lots));
	ck_assert(zone_watermark_ok_(z, 9, 0, ZONE_NORMAL, 0, lots));
	/* the real count: 1023 - 511 = 512 > 100, and the order-9 block exists */
	ck_assert(zone_watermark_ok(z, 9, 100, ZONE_NORMAL, 0));
	ck_assert(!zone_watermark_ok(z, 9, 512, ZONE_NORMAL, 0));

	/*
	 * Reserve pageblock 512..1023 for high-order atomics: the order-9
	 * block moves to the HIGHATOMIC list and 512 pages are reserved
	 * (the limit is 1024/100 + 512 = 522).
	 */
	reserve_highatomic_pageblock(pfn_to_page(m, 512), z, 9);
	ck_assert_uint_eq(z->nr_reserved_highatomic, 512);
	ck_assert_uint_eq(free_list(m, z, 9, MIGRATE_HIGHATOMIC, list, 4), 1);
	ck_assert_uint_eq(list[0], 512);
	assert_consistent(m);

	/* the HIGHATOMIC list counts only for ALLOC_HARDER (or ALLOC_OOM) */
	ck_assert(!zone_watermark_ok_(z, 9, 0, ZONE_NORMAL, 0, lots));
	ck_assert(!zone_watermark_ok_(z, 9, 0, ZONE_NORMAL, ALLOC_HIGH, lots));
	ck_assert(zone_watermark_ok_(z, 9, 0, ZONE_NORMAL, ALLOC_HARDER, lots));
	ck_assert(zone_watermark_ok_(z, 9, 0, ZONE_NORMAL, ALLOC_OOM, lots));
	/* smaller orders still find blocks on the ordinary lists */
	ck_assert(zone_watermark_ok_(z, 8, 0, ZONE_NORMAL, 0, lots));

	/* the reserve is unusable unless ALLOC_HARDER/ALLOC_OOM */
	ck_assert_int_eq(zone_watermark_unusable_free(z, 0, 0), 512);
	ck_assert_int_eq(zone_watermark_unusable_free(z, 3, 0), 7 + 512);
	ck_assert_int_eq(zone_watermark_unusable_free(z, 0, ALLOC_HIGH), 512);
	ck_assert_int_eq(zone_watermark_unusable_free(z, 0, ALLOC_HARDER), 0);
	ck_assert_int_eq(zone_watermark_unusable_free(z, 2, ALLOC_OOM), 3);
	/* real counts: 1023 - 512 = 511 usable */
	ck_assert(zone_watermark_ok(z, 0, 510, ZONE_NORMAL, 0));
	ck_assert(!zone_watermark_ok(z, 0, 511, ZONE_NORMAL, 0));
	/* HARDER: 1023 > 1000 - 250 (511 would not be) */
	ck_assert(zone_watermark_ok(z, 0, 1000, ZONE_NORMAL, ALLOC_HARDER));
	/* OOM: 1023 > 1100 - 550 (511 would not be) */
	ck_assert(zone_watermark_ok(z, 0, 1100, ZONE_NORMAL, ALLOC_OOM));
	/* HIGH alone still subtracts: 511 <= 1100 - 550 */
	ck_assert(!zone_watermark_ok(z, 0, 1100, ZONE_NORMAL, ALLOC_HIGH));
	/* order 9 HARDER with real counts: 1023 - 511 = 512 > 0, HIGHATOMIC block */
	ck_assert(zone_watermark_ok(z, 9, 0, ZONE_NORMAL, ALLOC_HARDER));
	/* ...without HARDER: 1023 - 511 - 512 = 0 <= 0 */
	ck_assert(!zone_watermark_ok(z, 9, 0, ZONE_NORMAL, 0));
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

START_TEST(cma_pages_count_only_with_alloc_cma)
{
	/* 1024 pages: one order-10 block at pfn 0 */
	struct machine *m = boot_shape(0, 0, 1024, 0, 11, 9, 1);
	struct zone *z = ZONE(m, 0, ZONE_NORMAL);
	const long lots = 1L << 20;
	int moved;

	/*
	 * Make pageblock 0 a CMA block, as init_cma_reserved_pageblock()
	 * would: the free order-10 block moves to the CMA list and counts as
	 * free CMA pages.
	 */
	set_pageblock_migratetype(m, pfn_to_page(m, 0), MIGRATE_CMA);
	moved = move_freepages_block(z, pfn_to_page(m, 0), MIGRATE_CMA, NULL);
	ck_assert_int_eq(moved, 1024);
	mod_zone_page_state(z, NR_FREE_CMA_PAGES, moved);
	assert_consistent(m);

	/* free CMA pages are unusable without ALLOC_CMA */
	ck_assert_int_eq(zone_watermark_unusable_free(z, 0, 0), 1024);
	ck_assert_int_eq(zone_watermark_unusable_free(z, 0, ALLOC_HARDER), 1024);
	ck_assert_int_eq(zone_watermark_unusable_free(z, 0, ALLOC_CMA), 0);
	ck_assert_int_eq(zone_watermark_unusable_free(z, 1, ALLOC_CMA), 1);
	ck_assert(!zone_watermark_ok(z, 0, 10, ZONE_NORMAL, 0));
	ck_assert(zone_watermark_ok(z, 0, 10, ZONE_NORMAL, ALLOC_CMA));
	/* and so is the CMA list in the free-block loop */
	ck_assert(!zone_watermark_ok_(z, 10, 0, ZONE_NORMAL, 0, lots));
	ck_assert(!zone_watermark_ok_(z, 10, 0, ZONE_NORMAL, ALLOC_HARDER, lots));
	ck_assert(zone_watermark_ok_(z, 10, 0, ZONE_NORMAL, ALLOC_CMA, lots));
	machine_destroy(m);
}
END_TEST

/*
 * A Normal-only machine of 4096 pages (min_free_kbytes 512: 128/160/192)
 * brought down to 224 free pages by allocations: three order-10 blocks,
 * then orders 9, 8 and 5: 4096 - 3072 - 512 - 256 - 32 = 224.
 */
static struct machine *boot_224_free(void)
{
	struct machine *m = boot_shape(0, 0, 4096, 0, 11, 9, 1);
	static const unsigned int orders[] = { 10, 10, 10, 9, 8, 5 };
	size_t i;

	expect_wmarks(m, ZONE_NORMAL, 128, 160, 192);
	for (i = 0; i < sizeof(orders) / sizeof(orders[0]); i++)
		ck_assert_int_ge(mmsh_alloc(m, GFP_KERNEL, orders[i], NUMA_NO_NODE, NULL), 0);
	ck_assert_int_eq(zone_page_state(ZONE(m, 0, ZONE_NORMAL), NR_FREE_PAGES), 224);
	assert_consistent(m);
	return m;
}

START_TEST(watermark_fast_order0_shortcut)
{
	struct machine *m = boot_224_free();
	const struct zone *z = ZONE(m, 0, ZONE_NORMAL);

	/* order 0 plain: 224 > 223 passes, 224 > 224 fails */
	ck_assert(zone_watermark_fast(z, 0, 223, ZONE_NORMAL, 0, GFP_KERNEL));
	ck_assert(!zone_watermark_fast(z, 0, 224, ZONE_NORMAL, 0, GFP_KERNEL));
	/*
	 * The shortcut compares with the undiscounted mark; when it fails the
	 * full check applies ALLOC_HIGH: 224 > 400 - 200.
	 */
	ck_assert(zone_watermark_fast(z, 0, 400, ZONE_NORMAL, ALLOC_HIGH, GFP_KERNEL));
	ck_assert(!zone_watermark_fast(z, 0, 400, ZONE_NORMAL, 0, GFP_KERNEL));
	/* ALLOC_HARDER: 297 - 74 = 223 < 224, but 298 - 74 = 224 is not */
	ck_assert(zone_watermark_fast(z, 0, 297, ZONE_NORMAL, ALLOC_HARDER, GFP_KERNEL));
	ck_assert(!zone_watermark_fast(z, 0, 298, ZONE_NORMAL, ALLOC_HARDER, GFP_KERNEL));
	/*
	 * Higher orders never take the shortcut: order 8 with mark 0 has
	 * 224 - 255 < 0 and no block of order >= 8 (the free blocks are
	 * orders 5, 6 and 7 at 3872, 3904 and 3968).
	 */
	ck_assert(!zone_watermark_fast(z, 8, 0, ZONE_NORMAL, 0, GFP_KERNEL));
	ck_assert(zone_watermark_fast(z, 7, 0, ZONE_NORMAL, 0, GFP_KERNEL));
	ck_assert_uint_eq(z->free_area[7].nr_free, 1);
	ck_assert_uint_eq(z->free_area[8].nr_free, 0);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

START_TEST(watermark_fast_atomic_ignores_the_boost_at_min)
{
	struct machine *m = boot_224_free();
	struct zone *z = ZONE(m, 0, ZONE_NORMAL);
	const unsigned int atomic = ALLOC_WMARK_MIN | ALLOC_HIGH | ALLOC_HARDER;
	struct alloc_report rep;

	/*
	 * 4096 >= 4 pageblocks, so the zone may be boosted: max_boost =
	 * max(192 * 15000 / 10000 = 288, 512) = 512; boost 512.
	 */
	ck_assert(boost_watermark(z));
	ck_assert_uint_eq(z->watermark_boost, 512);
	ck_assert_uint_eq(min_wmark_pages(z), 640);

	/* plain WMARK_MIN: 224 <= 640; an __GFP_ATOMIC order 0 retries at 128 */
	ck_assert(zone_watermark_fast(z, 0, 640, ZONE_NORMAL, ALLOC_WMARK_MIN, GFP_ATOMIC));
	ck_assert(!zone_watermark_fast(z, 0, 640, ZONE_NORMAL, ALLOC_WMARK_MIN, GFP_KERNEL));
	ck_assert(!zone_watermark_fast(z, 0, 640, ZONE_NORMAL, ALLOC_WMARK_MIN, GFP_NOWAIT));
	/* only at the min mark */
	ck_assert(!zone_watermark_fast(z, 0, low_wmark_pages(z), ZONE_NORMAL,
				       ALLOC_WMARK_LOW, GFP_ATOMIC));
	/* only for order 0 */
	ck_assert(!zone_watermark_fast(z, 1, 640, ZONE_NORMAL, ALLOC_WMARK_MIN, GFP_ATOMIC));
	/*
	 * The slow path's atomic flags: 640 -> 320 -> 240 still fails (224),
	 * the unboosted 128 -> 64 -> 48 passes.
	 */
	ck_assert(!zone_watermark_ok(z, 0, 640, ZONE_NORMAL, atomic));
	ck_assert(zone_watermark_fast(z, 0, 640, ZONE_NORMAL, atomic, GFP_ATOMIC));

	/* end to end: GFP_NOWAIT fails at the boosted min, GFP_ATOMIC succeeds */
	ck_assert_int_lt(mmsh_alloc(m, GFP_NOWAIT, 0, NUMA_NO_NODE, &rep), 0);
	ck_assert_int_eq(rep.outcome, ALLOC_FAIL_NOWAIT);
	ck_assert_int_ge(mmsh_alloc(m, GFP_ATOMIC, 0, NUMA_NO_NODE, &rep), 0);
	ck_assert_int_eq(rep.outcome, ALLOC_OK_SLOWPATH);
	ck_assert_int_eq(zone_page_state(z, NR_FREE_PAGES), 223);

	/* without a boost there is nothing to ignore: min 128 directly */
	z->watermark_boost = 0;
	ck_assert(zone_watermark_fast(z, 0, 128, ZONE_NORMAL, ALLOC_WMARK_MIN, GFP_KERNEL));
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

static Suite *watermark_suite(void)
{
	Suite *s = suite_create("watermark");
	TCase *arith = tcase_create("arithmetic");
	TCase *mfk = tcase_create("min_free_kbytes");
	TCase *ex = tcase_create("examples");
	TCase *res = tcase_create("lowmem_reserve");
	TCase *ok = tcase_create("checks");

	tcase_add_test(arith, int_sqrt_is_the_floor);
	tcase_add_test(arith, mult_frac_does_not_overflow);
	suite_add_tcase(s, arith);

	/* the 16 GiB machine takes a while under the sanitizers */
	tcase_set_timeout(mfk, 300);
	tcase_add_test(mfk, min_free_kbytes_from_lowmem);
	tcase_add_test(mfk, min_free_kbytes_lower_clamp);
	tcase_add_test(mfk, min_free_kbytes_upper_clamp);
	tcase_add_test(mfk, user_min_free_kbytes_wins_when_larger);
	suite_add_tcase(s, mfk);

	tcase_set_timeout(ex, 300);
	tcase_add_test(ex, example_1g_thp_off);
	tcase_add_test(ex, example_8g_thp_off);
	tcase_add_test(ex, example_1g_thp_on);
	tcase_add_test(ex, example_8g_thp_on);
	tcase_add_test(ex, thp_raise_needs_512_mib);
	tcase_add_test(ex, default_preset_whatever_thp);
	suite_add_tcase(s, ex);

	tcase_add_test(res, lowmem_reserve_with_a_movable_zone);
	tcase_add_test(res, lowmem_reserve_ratio_zero_and_empty_zones);
	tcase_add_test(res, totalreserve_follows_the_boost);
	suite_add_tcase(s, res);

	tcase_add_test(ok, watermark_ok_each_flag);
	tcase_add_test(ok, watermark_ok_adds_lowmem_reserve);
	tcase_add_test(ok, watermark_ok_needs_a_free_block_of_the_order);
	tcase_add_test(ok, cma_pages_count_only_with_alloc_cma);
	tcase_add_test(ok, watermark_fast_order0_shortcut);
	tcase_add_test(ok, watermark_fast_atomic_ignores_the_boost_at_min);
	suite_add_tcase(s, ok);
	return s;
}

int main(void)
{
	return run_suite(watermark_suite());
}
