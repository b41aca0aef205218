/*
 * tests/unit/test_views.c: the views without a /proc file: the free lists
 * block by block, the 2.4 bitmap, pcp lists, one page (dump_page), the
 * memory map, the watermark derivation, the gfp decoder and the report of
 * a failed allocation. The numbers come from the kernel's rules.
 */
#include <stdio.h>
#include <string.h>

#include "helpers.h"
#include "mmsh/page_alloc.h"
#include "mmsh/views.h"

static char text[1 << 16];

static const char *show_free_area(struct machine *m, struct zone *z)
{
	struct strbuf sb = STRBUF_INIT;

	view_free_area(m, z, &sb);
	snprintf(text, sizeof(text), "%s", sb_str(&sb));
	sb_free(&sb);
	return text;
}

static const char *show_bitmap(struct machine *m, struct zone *z, int order)
{
	struct strbuf sb = STRBUF_INIT;

	view_bitmap(m, z, order, &sb);
	snprintf(text, sizeof(text), "%s", sb_str(&sb));
	sb_free(&sb);
	return text;
}

static const char *show_pcp(struct machine *m, int cpu)
{
	struct strbuf sb = STRBUF_INIT;

	view_pcp(m, cpu, &sb);
	snprintf(text, sizeof(text), "%s", sb_str(&sb));
	sb_free(&sb);
	return text;
}

static const char *show_page(struct machine *m, unsigned long pfn)
{
	struct strbuf sb = STRBUF_INIT;

	view_page(m, pfn, &sb);
	snprintf(text, sizeof(text), "%s", sb_str(&sb));
	sb_free(&sb);
	return text;
}

static const char *show_map(struct machine *m, struct zone *z, unsigned long per)
{
	struct strbuf sb = STRBUF_INIT;

	view_map(m, z, per, &sb);
	snprintf(text, sizeof(text), "%s", sb_str(&sb));
	sb_free(&sb);
	return text;
}

static const char *show_watermarks(struct machine *m)
{
	struct strbuf sb = STRBUF_INIT;

	view_watermarks(m, &sb);
	snprintf(text, sizeof(text), "%s", sb_str(&sb));
	sb_free(&sb);
	return text;
}

static const char *show_gfp(struct machine *m, gfp_t gfp)
{
	struct strbuf sb = STRBUF_INIT;

	view_gfp(m, gfp, &sb);
	snprintf(text, sizeof(text), "%s", sb_str(&sb));
	sb_free(&sb);
	return text;
}

#define ASSERT_HAS(hay, needle)                                                \
	ck_assert_msg(strstr((hay), (needle)) != NULL,                         \
		      "missing \"%s\" in:\n%s", (needle), (hay))
#define ASSERT_HAS_NOT(hay, needle)                                            \
	ck_assert_msg(strstr((hay), (needle)) == NULL,                         \
		      "unexpected \"%s\" in:\n%s", (needle), (hay))

/*
 * The default preset after three allocations on CPU 0:
 *  - GFP_KERNEL order 0: the pcp refill steals the order-10 block at
 *    0x1000 for UNMOVABLE and takes 15 pages; 0x1000 is returned, 0x1001-
 *    0x100e wait on the pcp list, 0x100f (o0), 0x1010 (o4), 0x1020 (o5),
 *    ... 0x1200 (o9) are free Unmovable blocks;
 *  - GFP_HIGHUSER_MOVABLE order 1: the head of the Movable order-10 list,
 *    0x1400, split: 0x1400-0x1401 allocated, 0x1402 (o1) ... free;
 *  - GFP_KERNEL|__GFP_RECLAIMABLE order 1: steals the next order-10
 *    block, 0x1800, for RECLAIMABLE: 0x1800-0x1801 allocated.
 */
static struct machine *boot_three_allocs(void)
{
	struct machine *m = boot_preset("default");

	ck_assert_int_eq(mmsh_alloc(m, GFP_KERNEL, 0, NUMA_NO_NODE, NULL), 0x1000);
	ck_assert_int_eq(mmsh_alloc(m, GFP_HIGHUSER_MOVABLE, 1, NUMA_NO_NODE, NULL), 0x1400);
	ck_assert_int_eq(mmsh_alloc(m, GFP_KERNEL | GFP__RECLAIMABLE, 1, NUMA_NO_NODE, NULL),
			 0x1800);
	assert_consistent(m);
	return m;
}

/* A DMA zone with reserved pages (490-499) and a hole (500-511). */
static struct machine *boot_holes(void)
{
	struct machine_shape s;
	struct mm_error e;
	struct machine *m;

	machine_shape_init(&s);
	s.max_order = 8;
	s.pageblock_order = 7;
	s.thp = THP_NEVER;
	s.zones[0][ZONE_DMA] = (struct zone_shape){ 512, 500, 490 };
	s.zones[0][ZONE_NORMAL] = (struct zone_shape){ 512, 512, 512 };
	m = machine_create(&s, &e);
	ck_assert_msg(m != NULL, "%s", e.msg);
	return m;
}

/* ---- free_area ------------------------------------------------------------ */

START_TEST(free_area_tiny_after_boot)
{
	struct machine *m = boot_preset("tiny");

	ck_assert_str_eq(show_free_area(m, NULL),
		"Node 0, zone   Normal  pfns 0x0-0xff  free 256 pages\n"
		"  free_area[ 0]      4kB  nr_free 0\n"
		"  free_area[ 1]      8kB  nr_free 0\n"
		"  free_area[ 2]     16kB  nr_free 0\n"
		"  free_area[ 3]     32kB  nr_free 0\n"
		"  free_area[ 4]     64kB  nr_free 0\n"
		"  free_area[ 5]    128kB  nr_free 8\n"
		"    Movable     (head) 0x0 0x20 0x40 0x60 0x80 0xa0 0xc0 0xe0 (tail)\n");
	machine_destroy(m);
}
END_TEST

START_TEST(free_area_lists_blocks_head_to_tail)
{
	struct machine *m = boot_preset("tiny");
	struct mm_error e;

	/* two order-5 movable blocks from the head: 0x0, then 0x20 */
	ck_assert_int_eq(mmsh_alloc(m, GFP_HIGHUSER_MOVABLE, 5, NUMA_NO_NODE, NULL), 0x0);
	ck_assert_int_eq(mmsh_alloc(m, GFP_HIGHUSER_MOVABLE, 5, NUMA_NO_NODE, NULL), 0x20);
	/* freed blocks of order >= MAX_ORDER-2 go to the head: 0x0, then 0x20 */
	ck_assert_int_eq(mmsh_free(m, 0x0, 5, &e), 0);
	ck_assert_int_eq(mmsh_free(m, 0x20, 5, &e), 0);
	ASSERT_HAS(show_free_area(m, NULL),
		   "  free_area[ 5]    128kB  nr_free 8\n"
		   "    Movable     (head) 0x20 0x0 0x40 0x60 0x80 0xa0 0xc0 0xe0 (tail)\n");
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

START_TEST(free_area_wraps_long_lists_and_shows_each_type)
{
	struct machine *m = boot_three_allocs();
	struct zone *normal = ZONE(m, 0, ZONE_NORMAL);
	const char *t = show_free_area(m, normal);

	ASSERT_HAS(t, "Node 0, zone   Normal  pfns 0x1000-0xffff  free 61421 pages\n");
	ASSERT_HAS_NOT(t, "zone      DMA");
	ASSERT_HAS(t, "  free_area[ 0]      4kB  nr_free 1\n"
		      "    Unmovable   (head) 0x100f (tail)\n");
	ASSERT_HAS(t, "  free_area[ 1]      8kB  nr_free 2\n"
		      "    Movable     (head) 0x1402 (tail)\n"
		      "    Reclaimable (head) 0x1802 (tail)\n");
	/* 57 order-10 blocks left, eight per line */
	ASSERT_HAS(t, "  free_area[10]   4096kB  nr_free 57\n"
		      "    Movable     (head) 0x1c00 0x2000 0x2400 0x2800 0x2c00 0x3000 0x3400 0x3800\n"
		      "                        0x3c00 0x4000 0x4400 0x4800 0x4c00 0x5000 0x5400 0x5800\n");
	ASSERT_HAS(t, " 0xf800\n                        0xfc00 (tail)\n");
	machine_destroy(m);
}
END_TEST

/* ---- the 2.4 bitmap ----------------------------------------------------------- */

START_TEST(bitmap_folds_repeated_lines)
{
	struct machine *m = boot_preset("default");
	struct zone *dma = ZONE(m, 0, ZONE_DMA);

	/* DMA's 2048 order-0 pairs are all 0 (every block is order 10) */
	ck_assert_str_eq(show_bitmap(m, dma, 0),
		"Node 0, zone      DMA: 2.4 buddy bitmap, bit i of order k covers the blocks at "
		"pfn i<<(k+1) and i<<(k+1) + (1<<k);\n"
		"1 = exactly one of the pair is free at that order\n"
		"order 0: 2048 bits (pairs of order-0 blocks), 0 set\n"
		"  pfn       0x0  0000000000000000 0000000000000000 0000000000000000 0000000000000000\n"
		"  *\n"
		"  pfn     0xf80  0000000000000000 0000000000000000 0000000000000000 0000000000000000\n");
	/* two lines are never folded */
	ASSERT_HAS(show_bitmap(m, dma, 4),
		   "order 4: 128 bits (pairs of order-4 blocks), 0 set\n"
		   "  pfn       0x0  0000000000000000 0000000000000000 0000000000000000 0000000000000000\n"
		   "  pfn     0x800  0000000000000000 0000000000000000 0000000000000000 0000000000000000\n");
	ASSERT_HAS(show_bitmap(m, dma, 10), "order 10: 2 bits (pairs of order-10 blocks), 0 set\n"
					    "  pfn       0x0  00\n");
	ASSERT_HAS_NOT(show_bitmap(m, dma, 10), "order 9:");
	machine_destroy(m);
}
END_TEST

START_TEST(bitmap_sets_a_bit_where_one_block_of_a_pair_is_free)
{
	struct machine *m = boot_preset("tiny");
	const char *t;

	/*
	 * GFP_KERNEL order 0 splits the order-5 block at 0: 0 is taken, 1
	 * (o0), 2 (o1), 4 (o2), 8 (o3), 16 (o4) are free, 32 (o5) still
	 * free: bit 0 of every order is 1; the other order-5 pairs (64/96
	 * ...) are both free: 0.
	 */
	ck_assert_int_eq(mmsh_alloc(m, GFP_KERNEL, 0, NUMA_NO_NODE, NULL), 0);
	t = show_bitmap(m, NULL, -1);
	ASSERT_HAS(t, "order 0: 128 bits (pairs of order-0 blocks), 1 set\n"
		      "  pfn       0x0  1000000000000000 0000000000000000 0000000000000000 0000000000000000\n"
		      "  pfn      0x80  0000000000000000 0000000000000000 0000000000000000 0000000000000000\n");
	ASSERT_HAS(t, "order 3: 16 bits (pairs of order-3 blocks), 1 set\n"
		      "  pfn       0x0  1000000000000000\n");
	ASSERT_HAS(t, "order 4: 8 bits (pairs of order-4 blocks), 1 set\n"
		      "  pfn       0x0  10000000\n");
	ASSERT_HAS(t, "order 5: 4 bits (pairs of order-5 blocks), 1 set\n"
		      "  pfn       0x0  1000\n");
	/* one zone header, six orders */
	ck_assert_ptr_null(strstr(strstr(t, "2.4 buddy bitmap") + 1, "2.4 buddy bitmap"));
	ck_assert_ptr_null(strstr(t, "order 6:"));
	machine_destroy(m);
}
END_TEST

START_TEST(bitmap_lines_are_labelled_by_absolute_pfn)
{
	struct machine *m = boot_three_allocs();
	const char *t = show_bitmap(m, ZONE(m, 0, ZONE_NORMAL), 0);

	/* pair 0x100e/0x100f: 0x100f free, 0x100e on the pcp list (busy) */
	ASSERT_HAS(t, "order 0: 30720 bits (pairs of order-0 blocks), 1 set\n"
		      "  pfn    0x1000  0000000100000000 0000000000000000 0000000000000000 0000000000000000\n"
		      "  pfn    0x1080  0000000000000000 0000000000000000 0000000000000000 0000000000000000\n"
		      "  *\n"
		      "  pfn    0xff80  0000000000000000 0000000000000000 0000000000000000 0000000000000000\n");
	machine_destroy(m);
}
END_TEST

/* ---- pcp ------------------------------------------------------------------------ */

START_TEST(pcp_lists_pages_head_to_tail)
{
	struct machine *m = boot_three_allocs();

	/* rmqueue_bulk appends in pfn order; 0x1000 was handed out from the head */
	ck_assert_str_eq(show_pcp(m, 0),
		"cpu 0 (node 0)\n"
		"  Node 0, zone      DMA  count 0  high 0  batch 1\n"
		"  Node 0, zone   Normal  count 14  high 90  batch 15\n"
		"    Unmovable   (head) 0x1001 0x1002 0x1003 0x1004 0x1005 0x1006 0x1007 0x1008\n"
		"                        0x1009 0x100a 0x100b 0x100c 0x100d 0x100e (tail)\n");
	ck_assert_str_eq(show_pcp(m, 1),
		"cpu 1 (node 0)\n"
		"  Node 0, zone      DMA  count 0  high 0  batch 1\n"
		"  Node 0, zone   Normal  count 0  high 90  batch 15\n");
	ASSERT_HAS(show_pcp(m, -1), "cpu 1 (node 0)\n");
	machine_destroy(m);

	m = boot_preset("numa");
	ASSERT_HAS(show_pcp(m, 3), "cpu 3 (node 1)\n  Node 0, zone    DMA32  count 0  high 90  batch 15\n");
	machine_destroy(m);
}
END_TEST

/* ---- one page ---------------------------------------------------------------------- */

START_TEST(page_free_block_head)
{
	struct machine *m = boot_three_allocs();
	const char *t = show_page(m, 0x1010);
	char want[80];

	/* __SetPageBuddy clears PG_buddy: page_type 0xffffff7f, mapcount -128 */
	snprintf(want, sizeof(want), "page:%016lx refcount:0 mapcount:-128 ",
		 (unsigned long)page_ptr_hash(0x1010));
	ASSERT_HAS(t, want);
	ASSERT_HAS(t, "mapping:0000000000000000 index:0x0 pfn:0x1010\n");
	ASSERT_HAS(t, "flags: 0x0()\n");
	ASSERT_HAS(t, "node 0, zone Normal, pageblock 8 (Unmovable)\n");
	ASSERT_HAS(t, "state: free: heads an order-4 block (16 pages) on free_area[4]'s "
		      "Unmovable list; PageBuddy (page_type 0xffffff7f), private (order) 4\n");
	ck_assert_uint_eq(pfn_to_page(m, 0x1010)->page_type, 0xffffff7fU);
	ck_assert_int_eq(page_mapcount(pfn_to_page(m, 0x1010)), -128);
	/* an order-10 block on the Movable list */
	ASSERT_HAS(show_page(m, 0x1c00), "on free_area[10]'s Movable list");
	machine_destroy(m);
}
END_TEST

START_TEST(page_inside_a_free_block)
{
	struct machine *m = boot_three_allocs();
	const char *t = show_page(m, 0x1011);

	ASSERT_HAS(t, "refcount:0 mapcount:0 ");
	ASSERT_HAS(t, "state: free: inside the order-4 block at 0x1010\n");
	ASSERT_HAS_NOT(t, "PageBuddy");
	ASSERT_HAS(show_page(m, 0xffff), "state: free: inside the order-10 block at 0xfc00\n");
	machine_destroy(m);
}
END_TEST

START_TEST(page_on_a_pcp_list)
{
	struct machine *m = boot_three_allocs();
	const char *t = show_page(m, 0x1005);

	/* pcp pages are free (refcount 0) but not PageBuddy */
	ASSERT_HAS(t, "refcount:0 mapcount:0 ");
	ASSERT_HAS(t, "state: free on cpu 0's per-CPU Unmovable list (pcp migratetype 0)\n");
	machine_destroy(m);
}
END_TEST

START_TEST(page_allocated_head_and_tail)
{
	struct machine *m = boot_three_allocs();
	const char *t = show_page(m, 0x1400);

	ASSERT_HAS(t, "refcount:1 mapcount:0 ");
	ASSERT_HAS(t, "pfn:0x1400\n");
	ASSERT_HAS(t, "node 0, zone Normal, pageblock 10 (Movable)\n");
	ASSERT_HAS(t, "state: allocated by alloc: heads an order-1 block (2 pages), migratetype Movable\n");
	ASSERT_HAS(show_page(m, 0x1401), "state: allocated: inside the order-1 block at 0x1400\n");
	ASSERT_HAS(show_page(m, 0x1000), "state: allocated by alloc: heads an order-0 block (1 page");
	ASSERT_HAS(show_page(m, 0x1000), "), migratetype Unmovable\n");
	/* the stolen block is a Reclaimable pageblock now */
	ASSERT_HAS(show_page(m, 0x1800), "pageblock 12 (Reclaimable)\n");
	ASSERT_HAS(show_page(m, 0x1800), "migratetype Reclaimable\n");
	machine_destroy(m);
}
END_TEST

START_TEST(page_reserved_and_hole)
{
	struct machine *m = boot_holes();
	const char *t = show_page(m, 495);

	ASSERT_HAS(t, "flags: 0x1000(reserved)\n");
	ASSERT_HAS(t, "node 0, zone DMA, pageblock 3 (Movable)\n");
	ASSERT_HAS(t, "state: reserved: present, but never given to the buddy allocator\n");
	t = show_page(m, 505);
	ASSERT_HAS(t, "flags: 0x1000(reserved)\n");
	ASSERT_HAS(t, "state: a hole: no memory exists at this pfn\n");
	machine_destroy(m);
}
END_TEST

/* ---- the memory map ----------------------------------------------------------------- */

START_TEST(map_characters)
{
	struct machine *m = boot_three_allocs();

	ck_assert_int_eq(map_page_char(m, 0x1000), 'U');       /* allocated Unmovable */
	ck_assert_int_eq(map_page_char(m, 0x1001), 'p');       /* on a pcp list */
	ck_assert_int_eq(map_page_char(m, 0x100e), 'p');
	ck_assert_int_eq(map_page_char(m, 0x100f), '0');       /* free, order 0 */
	ck_assert_int_eq(map_page_char(m, 0x1010), '4');       /* free order-4 block */
	ck_assert_int_eq(map_page_char(m, 0x101f), '4');
	ck_assert_int_eq(map_page_char(m, 0x1200), '9');
	ck_assert_int_eq(map_page_char(m, 0x1400), 'M');       /* allocated Movable */
	ck_assert_int_eq(map_page_char(m, 0x1401), 'M');
	ck_assert_int_eq(map_page_char(m, 0x1402), '1');
	ck_assert_int_eq(map_page_char(m, 0x1800), 'R');       /* allocated Reclaimable */
	ck_assert_int_eq(map_page_char(m, 0x1c00), 'a');       /* order 10 */
	ck_assert_int_eq(map_page_char(m, 0x0), 'a');
	machine_destroy(m);

	m = boot_holes();
	ck_assert_int_eq(map_page_char(m, 489), '1');          /* 488 o1 */
	ck_assert_int_eq(map_page_char(m, 490), '#');          /* reserved */
	ck_assert_int_eq(map_page_char(m, 499), '#');
	ck_assert_int_eq(map_page_char(m, 500), '-');          /* hole */
	ck_assert_int_eq(map_page_char(m, 511), '-');
	ASSERT_HAS(show_map(m, ZONE(m, 0, ZONE_DMA), 0),
		   "Node 0, zone      DMA: 512 pages, 1 page per character\n");
	/* the last line of DMA: 0x1c0-0x1ff = 40 free (o5 at 448, o3 at 480,
	 * o1 at 488), 10 reserved, 12 hole */
	ASSERT_HAS(show_map(m, ZONE(m, 0, ZONE_DMA), 1),
		   "     0x1c0 555555555555555555555555555555553333333311##########------------\n");
	machine_destroy(m);
}
END_TEST

START_TEST(map_groups_pages_by_the_most_common_state)
{
	struct machine *m = boot_preset("tiny");

	ck_assert_int_eq(mmsh_alloc(m, GFP_KERNEL, 0, NUMA_NO_NODE, NULL), 0);
	/* one page per character: U, then the split pieces 1 o0, 2 o1, 4 o2 ... */
	ck_assert_str_eq(show_map(m, NULL, 0),
		"Node 0, zone   Normal: 256 pages, 1 page per character\n"
		"       0x0 U011222233333333444444444444444455555555555555555555555555555555\n"
		"      0x40 5555555555555555555555555555555555555555555555555555555555555555\n"
		"      0x80 5555555555555555555555555555555555555555555555555555555555555555\n"
		"      0xc0 5555555555555555555555555555555555555555555555555555555555555555\n");
	/* four per character: [0,4) = U + o0 + o1 o1 -> 1; [4,8) 2; [8,16) 3 3 */
	ck_assert_str_eq(show_map(m, NULL, 4),
		"Node 0, zone   Normal: 256 pages, 4 pages per character\n"
		"       0x0 1233444455555555555555555555555555555555555555555555555555555555\n");
	machine_destroy(m);

	/* default's Normal zone: 61440 pages fit 64 lines at 16 per character */
	m = boot_three_allocs();
	ASSERT_HAS(show_map(m, ZONE(m, 0, ZONE_NORMAL), 0),
		   "Node 0, zone   Normal: 61440 pages, 16 pages per character\n"
		   "    0x1000 p4");
	machine_destroy(m);
}
END_TEST

START_TEST(map_legend_explains_every_character)
{
	struct strbuf sb = STRBUF_INIT;

	map_legend(&sb);
	ASSERT_HAS(sb_str(&sb), "0-9 a-j free");
	ASSERT_HAS(sb_str(&sb), "p free on a per-CPU list");
	ASSERT_HAS(sb_str(&sb), "U M R allocated");
	ASSERT_HAS(sb_str(&sb), "# reserved");
	ASSERT_HAS(sb_str(&sb), "- hole");
	sb_free(&sb);
}
END_TEST

/* ---- watermarks ------------------------------------------------------------------------ */

START_TEST(watermarks_show_the_formula_numbers)
{
	struct machine *m = boot_preset("default");
	const char *t = show_watermarks(m);

	/* int_sqrt(262144 kB * 16) = 2048; pages_min = 512 */
	ASSERT_HAS(t, "vm.min_free_kbytes = 2048\n");
	ASSERT_HAS(t, "int_sqrt(");
	ASSERT_HAS(t, "lowmem 262144 kB");
	ASSERT_HAS(t, "pages_min = 2048 kB / 4 = 512 pages; lowmem_pages (all zones' managed) = 65536;"
		      " vm.watermark_scale_factor = 10\n");
	ASSERT_HAS(t, "Node 0, zone      DMA  managed 4096\n"
		      "  min   32      = pages_min * managed / lowmem_pages = 512 * 4096 / 65536\n"
		      "  low   40      = min + max(min/4 = 8, managed * 10 / 10000 = 4)\n"
		      "  high  48      = min + 2 * 8\n"
		      "  protection: (0, 0, 240, 240)");
	ASSERT_HAS(t, "Node 0, zone   Normal  managed 61440\n"
		      "  min   480     = pages_min * managed / lowmem_pages = 512 * 61440 / 65536\n"
		      "  low   600     = min + max(min/4 = 120, managed * 10 / 10000 = 61)\n"
		      "  high  720     = min + 2 * 120\n"
		      "  protection: (0, 0, 0, 0)");
	ASSERT_HAS(t, "/ lowmem_reserve_ratio 256\n");
	ASSERT_HAS(t, "/ lowmem_reserve_ratio 32\n");
	ASSERT_HAS(t, "  free 61440   [");
	ASSERT_HAS(t, "above high: kswapd may sleep\n");
	ASSERT_HAS(t, "kswapd0: sleeping (0 wake-ups, 0 balance_pgdat runs, kswapd_failures 0)\n");
	ASSERT_HAS_NOT(t, "DMA32");
	machine_destroy(m);
}
END_TEST

START_TEST(watermarks_state_follows_free_pages)
{
	struct machine *m = boot_preset("tiny");
	struct zone *z = ZONE(m, 0, ZONE_NORMAL);

	/* tiny: min_free_kbytes 128 -> min 32, step max(8, 0) = 8: 40/48 */
	ASSERT_HAS(show_watermarks(m), "  min   32      ");
	ASSERT_HAS(show_watermarks(m), "  high  48      = min + 2 * 8\n");
	z->vm_stat[NR_FREE_PAGES] = 45;
	ASSERT_HAS(show_watermarks(m), "between low and high");
	z->vm_stat[NR_FREE_PAGES] = 35;
	ASSERT_HAS(show_watermarks(m), "between min and low");
	z->vm_stat[NR_FREE_PAGES] = 32;
	ASSERT_HAS(show_watermarks(m), "at or below min");
	machine_destroy(m);
}
END_TEST

/* ---- gfp ---------------------------------------------------------------------------------- */

START_TEST(gfp_kernel_on_the_default_preset)
{
	struct machine *m = boot_preset("default");
	const char *t = show_gfp(m, GFP_KERNEL);

	ASSERT_HAS(t, "gfp 0xcc0 = GFP_KERNEL\n");
	ASSERT_HAS(t, "  bits: __GFP_IO __GFP_FS __GFP_DIRECT_RECLAIM __GFP_KSWAPD_RECLAIM\n");
	ASSERT_HAS(t, "highest zone (gfp_zone): Normal; zonelist of node 0 (FALLBACK): Normal, DMA\n");
	ASSERT_HAS(t, "migratetype (gfp_migratetype): Unmovable\n");
	ASSERT_HAS(t, "direct reclaim: yes   wake kswapd: yes   IO: yes   FS: yes\n");
	/* prepare_alloc_pages: LOW; alloc_flags_nofragment: KSWAPD 0x800 and,
	 * the preferred zone being Normal, NOFRAGMENT 0x100 */
	ASSERT_HAS(t, "fast path alloc_flags: ALLOC_WMARK_LOW|ALLOC_NOFRAGMENT|ALLOC_KSWAPD (0x901)\n");
	/* gfp_to_alloc_flags: MIN|CPUSET|KSWAPD */
	ASSERT_HAS(t, "slow path alloc_flags: ALLOC_WMARK_MIN|ALLOC_CPUSET|ALLOC_KSWAPD (0x840)\n");
	ASSERT_HAS_NOT(t, "after the min-watermark retry");
	machine_destroy(m);
}
END_TEST

START_TEST(gfp_atomic_and_highuser_movable)
{
	struct machine *m = boot_preset("default");
	const char *t = show_gfp(m, GFP_ATOMIC);

	ASSERT_HAS(t, "gfp 0xa20 = GFP_ATOMIC\n");
	ASSERT_HAS(t, "  bits: __GFP_HIGH __GFP_ATOMIC __GFP_KSWAPD_RECLAIM\n");
	ASSERT_HAS(t, "direct reclaim: no   wake kswapd: yes   IO: no   FS: no\n");
	/* __GFP_HIGH = ALLOC_HIGH, __GFP_ATOMIC: ALLOC_HARDER and no ALLOC_CPUSET */
	ASSERT_HAS(t, "slow path alloc_flags: ALLOC_WMARK_MIN|ALLOC_HARDER|ALLOC_HIGH|ALLOC_KSWAPD (0x830)\n");

	t = show_gfp(m, GFP_HIGHUSER_MOVABLE);
	ASSERT_HAS(t, "gfp 0x100cca = GFP_HIGHUSER_MOVABLE\n");
	ASSERT_HAS(t, "highest zone (gfp_zone): Movable; zonelist of node 0 (FALLBACK): Normal, DMA\n");
	ASSERT_HAS(t, "migratetype (gfp_migratetype): Movable\n");
	ASSERT_HAS(t, "fast path alloc_flags: ALLOC_WMARK_LOW|ALLOC_CMA|ALLOC_NOFRAGMENT|ALLOC_KSWAPD (0x981)\n");
	ASSERT_HAS(t, "slow path alloc_flags: ALLOC_WMARK_MIN|ALLOC_CPUSET|ALLOC_CMA|ALLOC_KSWAPD (0x8c0)\n");

	/* __GFP_MEMALLOC: the retry may ignore watermarks */
	t = show_gfp(m, GFP_KERNEL | GFP__MEMALLOC);
	ASSERT_HAS(t, "after the min-watermark retry: ALLOC_NO_WATERMARKS (0x4)\n");

	/* a DMA request prefers DMA: no ALLOC_NOFRAGMENT, no kswapd */
	t = show_gfp(m, GFP_DMA);
	ASSERT_HAS(t, "highest zone (gfp_zone): DMA; zonelist of node 0 (FALLBACK): DMA\n");
	ASSERT_HAS(t, "fast path alloc_flags: ALLOC_WMARK_LOW (0x1)\n");
	ASSERT_HAS(t, "slow path alloc_flags: ALLOC_WMARK_MIN|ALLOC_CPUSET (0x40)\n");
	machine_destroy(m);
}
END_TEST

START_TEST(gfp_dma_on_tiny_has_no_zone)
{
	struct machine *m = boot_preset("tiny");
	const char *t = show_gfp(m, GFP_DMA);

	ASSERT_HAS(t, "gfp 0x1 = GFP_DMA\n");
	ASSERT_HAS(t, "highest zone (gfp_zone): DMA; zonelist of node 0 (FALLBACK): "
		      "(no zone: the request cannot succeed)\n");
	machine_destroy(m);
}
END_TEST

START_TEST(gfp_bits_name_every_set_bit)
{
	struct machine *m = boot_preset("default");

	/* __GFP_DMA (0x01) and __GFP_DMA32 (0x04) are bits like any other */
	ASSERT_HAS(show_gfp(m, GFP_DMA), "  bits: __GFP_DMA\n");
	ASSERT_HAS(show_gfp(m, GFP_KERNEL | GFP_DMA32),
		   "  bits: __GFP_DMA32 __GFP_IO __GFP_FS __GFP_DIRECT_RECLAIM __GFP_KSWAPD_RECLAIM\n");
	machine_destroy(m);
}
END_TEST

START_TEST(gfp_numa_zonelists)
{
	struct machine *m = boot_preset("numa");
	struct mm_error e;

	ASSERT_HAS(show_gfp(m, GFP_KERNEL),
		   "zonelist of node 0 (FALLBACK): Normal(node 0), DMA32(node 0), Normal(node 1), DMA32(node 1)\n");
	ASSERT_HAS(show_gfp(m, GFP_KERNEL | GFP__THISNODE),
		   "zonelist of node 0 (NOFALLBACK): Normal(node 0), DMA32(node 0)\n");
	/* the zonelist is the current CPU's node's */
	ck_assert_int_eq(machine_set_cpu(m, 3, &e), 0);
	ASSERT_HAS(show_gfp(m, GFP_DMA32),
		   "highest zone (gfp_zone): DMA32; zonelist of node 1 (FALLBACK): DMA32(node 1), DMA32(node 0)\n");
	machine_destroy(m);
}
END_TEST

/* ---- failed allocations ---------------------------------------------------------------------- */

static const char *show_failure(struct machine *m, const struct alloc_report *rep,
				unsigned int order)
{
	struct strbuf sb = STRBUF_INIT;

	view_alloc_failure(m, rep, order, NUMA_NO_NODE, &sb);
	snprintf(text, sizeof(text), "%s", sb_str(&sb));
	sb_free(&sb);
	return text;
}

START_TEST(alloc_failure_lines)
{
	struct machine *m = boot_preset("tiny");
	struct alloc_report rep;
	int n = 0;

	/* order >= MAX_ORDER */
	ck_assert_int_eq(mmsh_alloc(m, GFP_KERNEL, 6, NUMA_NO_NODE, &rep), -1);
	ck_assert_int_eq(rep.outcome, ALLOC_FAIL_ORDER);
	ck_assert_str_eq(show_failure(m, &rep, 6), "  reason: order 6 is not below MAX_ORDER 6\n");

	/* no DMA zone on tiny */
	ck_assert_int_eq(mmsh_alloc(m, GFP_DMA, 0, NUMA_NO_NODE, &rep), -1);
	ck_assert_int_eq(rep.outcome, ALLOC_FAIL_NO_ZONE);
	ck_assert_str_eq(show_failure(m, &rep, 0),
			 "  reason: no zone at or below DMA exists on this machine\n");

	/*
	 * GFP_NOWAIT order 0 until it fails: the slow path checks the min
	 * mark (32) without ALLOC_HIGH/HARDER, so 256 - 32 = 224 succeed.
	 */
	while (mmsh_alloc(m, GFP_NOWAIT, 0, NUMA_NO_NODE, &rep) >= 0)
		n++;
	ck_assert_int_eq(n, 224);
	ck_assert_int_eq(rep.outcome, ALLOC_FAIL_NOWAIT);
	ck_assert_str_eq(show_failure(m, &rep, 0),
		"  reason: no usable zone stays above its watermark for this request, and without "
		"__GFP_DIRECT_RECLAIM the slow path may not reclaim\n"
		"  node 0 zone Normal: free 32 <= min 32 + protection 0\n");

	/* a success prints nothing */
	ck_assert_int_ge(mmsh_alloc(m, GFP_ATOMIC, 0, NUMA_NO_NODE, &rep), 0);
	ck_assert_str_eq(show_failure(m, &rep, 0), "");
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

static Suite *views_suite(void)
{
	Suite *s = suite_create("views");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, free_area_tiny_after_boot);
	tcase_add_test(tc, free_area_lists_blocks_head_to_tail);
	tcase_add_test(tc, free_area_wraps_long_lists_and_shows_each_type);
	tcase_add_test(tc, bitmap_folds_repeated_lines);
	tcase_add_test(tc, bitmap_sets_a_bit_where_one_block_of_a_pair_is_free);
	tcase_add_test(tc, bitmap_lines_are_labelled_by_absolute_pfn);
	tcase_add_test(tc, pcp_lists_pages_head_to_tail);
	tcase_add_test(tc, page_free_block_head);
	tcase_add_test(tc, page_inside_a_free_block);
	tcase_add_test(tc, page_on_a_pcp_list);
	tcase_add_test(tc, page_allocated_head_and_tail);
	tcase_add_test(tc, page_reserved_and_hole);
	tcase_add_test(tc, map_characters);
	tcase_add_test(tc, map_groups_pages_by_the_most_common_state);
	tcase_add_test(tc, map_legend_explains_every_character);
	tcase_add_test(tc, watermarks_show_the_formula_numbers);
	tcase_add_test(tc, watermarks_state_follows_free_pages);
	tcase_add_test(tc, gfp_kernel_on_the_default_preset);
	tcase_add_test(tc, gfp_atomic_and_highuser_movable);
	tcase_add_test(tc, gfp_dma_on_tiny_has_no_zone);
	tcase_add_test(tc, gfp_bits_name_every_set_bit);
	tcase_add_test(tc, gfp_numa_zonelists);
	tcase_add_test(tc, alloc_failure_lines);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return run_suite(views_suite());
}
