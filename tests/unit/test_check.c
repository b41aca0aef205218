/*
 * tests/unit/test_check.c: check_machine() finds nothing on fresh
 * machines, and finds each kind of deliberate corruption, naming it: of
 * the allocator's lists and counters, and of pages with owners (LRU lists
 * and flags, pagevecs, isolation, ptes, page cache and disk versions,
 * swap slots and the swap cache, refcounts, the page-state counters, the
 * disk queue). check_machine_quick() catches the same where it looks
 * (the lists and owners always, pages only in changed pageblocks), and
 * costs only that.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "helpers.h"
#include "mmsh/bitmap24.h"
#include "mmsh/list.h"
#include "mmsh/page_alloc.h"
#include "mmsh/pcp.h"
#include "mmsh/swap.h"
#include "mmsh/vmscan.h"
#include "mmsh/workload.h"

static char report[1 << 16];

/* Run check; return the violations and keep the report text. */
static unsigned long run_check(struct machine *m, struct check_result *res,
			       unsigned long max_reports)
{
	struct strbuf sb = STRBUF_INIT;
	unsigned long v = check_machine(m, res, &sb, max_reports);

	strncpy(report, sb_str(&sb), sizeof(report) - 1);
	report[sizeof(report) - 1] = '\0';
	sb_free(&sb);
	ck_assert_uint_eq(v, res->violations);
	return v;
}

/* check must report >= 1 violation, and some line must mention `what`. */
static void assert_caught(struct machine *m, const char *what)
{
	struct check_result res;

	ck_assert_msg(run_check(m, &res, 50) >= 1, "check missed: %s", what);
	ck_assert_msg(strstr(report, what) != NULL, "no line mentions \"%s\":\n%s", what, report);
	ck_assert_uint_eq(res.invariants, 31);
}

/* Every report line contains one of the two phrases. */
static void assert_only(const char *a, const char *b)
{
	const char *p = report;

	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		char line[512];

		if (n >= sizeof(line))
			n = sizeof(line) - 1;
		memcpy(line, p, n);
		line[n] = '\0';
		ck_assert_msg(strncmp(line, "check: ", 7) == 0, "line \"%s\"", line);
		ck_assert_msg(strstr(line, a) || (b && strstr(line, b)),
			      "unexpected violation \"%s\"", line);
		p += n + (nl != NULL);
	}
}

/* ---- fresh machines ------------------------------------------------------- */

START_TEST(fresh_presets_are_consistent)
{
	static const char *const presets[] = { "default", "tiny", "numa" };
	size_t i;

	for (i = 0; i < 3; i++) {
		struct machine *m = boot_preset(presets[i]);
		struct check_result res;

		ck_assert_uint_eq(run_check(m, &res, 20), 0);
		ck_assert_str_eq(report, "");
		ck_assert_uint_eq(res.invariants, 31);
		/* at least one fact per pfn, plus the bitmap */
		ck_assert_uint_gt(res.facts, m->max_pfn);
		machine_destroy(m);
	}
}
END_TEST

START_TEST(consistent_after_allocations_and_frees)
{
	struct machine *m = boot_preset("default");
	struct check_result res;
	long a, b, c;

	a = mmsh_alloc(m, GFP_KERNEL, 0, NUMA_NO_NODE, NULL);
	b = mmsh_alloc(m, GFP_HIGHUSER_MOVABLE, 3, NUMA_NO_NODE, NULL);
	c = mmsh_alloc(m, GFP_KERNEL | GFP_DMA, 2, NUMA_NO_NODE, NULL);
	ck_assert(a >= 0 && b >= 0 && c >= 0);
	ck_assert_uint_eq(run_check(m, &res, 20), 0);
	ck_assert_uint_eq(mmsh_free_all(m), 3);
	ck_assert_uint_eq(run_check(m, &res, 20), 0);
	machine_destroy(m);
}
END_TEST

START_TEST(max_reports_limits_the_text_not_the_count)
{
	struct machine *m = boot_preset("default");
	struct check_result res;
	unsigned long v;

	/* four order-10 blocks lose PageBuddy: two violations each */
	ClearPageBuddy(pfn_to_page(m, 0));
	ClearPageBuddy(pfn_to_page(m, 1024));
	ClearPageBuddy(pfn_to_page(m, 2048));
	ClearPageBuddy(pfn_to_page(m, 3072));
	v = run_check(m, &res, 3);
	ck_assert_uint_ge(v, 8);
	ck_assert_ptr_nonnull(strstr(report, "check: "));
	{
		size_t lines = 0;
		const char *p;

		for (p = report; (p = strchr(p, '\n')) != NULL; p++)
			lines++;
		ck_assert_uint_eq(lines, 3);
	}
	/* a NULL buffer is allowed */
	ck_assert_uint_eq(check_machine(m, &res, NULL, 10), v);
	machine_destroy(m);
}
END_TEST

/* ---- corruptions ------------------------------------------------------------ */

START_TEST(catches_cleared_pagebuddy_on_a_listed_head)
{
	struct machine *m = boot_preset("default");

	ClearPageBuddy(pfn_to_page(m, 4096));
	assert_caught(m, "free block 0x1000 (order 10) is not PageBuddy");
	assert_caught(m, "PageBuddy is clear");
	SetPageBuddy(pfn_to_page(m, 4096));
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

START_TEST(catches_pagebuddy_on_a_page_that_heads_nothing)
{
	struct machine *m = boot_preset("default");

	/* a tail page inside the free block at 4096 claims to be a buddy */
	set_buddy_order(pfn_to_page(m, 4100), 2);
	assert_caught(m, "pfn 0x1004 is inside a free block but PageBuddy is set");
	ClearPageBuddy(pfn_to_page(m, 4100));
	set_page_private(pfn_to_page(m, 4100), 0);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

START_TEST(catches_wrong_nr_free)
{
	struct machine *m = boot_preset("default");
	struct zone *normal = ZONE(m, 0, ZONE_NORMAL);

	normal->free_area[10].nr_free++;
	assert_caught(m, "zone Normal free_area[10].nr_free is 61 but the lists hold 60 blocks");
	normal->free_area[10].nr_free--;
	ZONE(m, 0, ZONE_DMA)->free_area[3].nr_free = 1;
	assert_caught(m, "free_area[3].nr_free");
	ZONE(m, 0, ZONE_DMA)->free_area[3].nr_free = 0;
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

START_TEST(catches_wrong_nr_free_pages)
{
	struct machine *m = boot_preset("default");
	struct zone *dma = ZONE(m, 0, ZONE_DMA);

	mod_zone_page_state(dma, NR_FREE_PAGES, -1);
	assert_caught(m, "zone DMA NR_FREE_PAGES is 4095 but the free lists hold 4096 pages");
	mod_zone_page_state(dma, NR_FREE_PAGES, 1);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

START_TEST(catches_a_page_in_two_places)
{
	struct machine *m = boot_preset("default");
	struct zone *normal = ZONE(m, 0, ZONE_NORMAL);
	struct per_cpu_pages *pcp = &normal->pageset[1].pcp;

	/* pfn 4097 lies inside the free order-10 block at 4096 and is also
	 * put on CPU 1's pcp list */
	list_add(m->mem_map, 4097, pcp->lists[MIGRATE_MOVABLE]);
	pcp->count++;
	assert_caught(m, "pfn 0x1001 is both inside a free block and on a pcp list");
	list_del(m->mem_map, 4097);
	pcp->count--;
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

START_TEST(catches_a_lost_page)
{
	struct machine *m = boot_preset("tiny");
	struct zone *z = ZONE(m, 0, ZONE_NORMAL);
	struct check_result res;

	/* tiny: the allocation splits 0's block; pfn 1 is a free order-0 block */
	ck_assert_int_eq(mmsh_alloc(m, GFP_HIGHUSER_MOVABLE, 0, NUMA_NO_NODE, NULL), 0);
	ck_assert(PageBuddy(pfn_to_page(m, 1)));
	assert_consistent(m);
	/*
	 * Unlink it the clean way (nr_free, PageBuddy and the 2.4 bitmap
	 * follow) and fix NR_FREE_PAGES: only "every managed page is
	 * somewhere" can notice.
	 */
	del_page_from_free_list(pfn_to_page(m, 1), z, 0);
	mod_zone_page_state(z, NR_FREE_PAGES, -1);
	ck_assert_uint_ge(run_check(m, &res, 50), 1);
	ck_assert_ptr_nonnull(strstr(report, "managed pfn 0x1 is lost"));
	assert_only("lost", "free + pcp + allocated + owned = 255 pages, managed = 256");
	/* put it back */
	set_buddy_order(pfn_to_page(m, 1), 0);
	add_to_free_list(pfn_to_page(m, 1), z, 0, MIGRATE_MOVABLE);
	mod_zone_page_state(z, NR_FREE_PAGES, 1);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

START_TEST(catches_a_flipped_bitmap_bit)
{
	struct machine *m = boot_preset("default");
	struct check_result res;

	/* the order-10 pair 4096/5120 is both free: its bit must be 0 */
	bitmap24_toggle(m, 4096, 10);
	assert_caught(m, "2.4 bitmap order 10 bit 2 is 1; pair 0x1000/0x1400 says 0");
	ck_assert_uint_eq(run_check(m, &res, 50), 1);
	bitmap24_toggle(m, 5120, 10);
	bitmap24_toggle(m, 3, 0);
	assert_caught(m, "2.4 bitmap order 0 bit 1 is 1");
	bitmap24_toggle(m, 2, 0);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * The full check derives the 2.4 bitmap from the free heads it marked,
 * each at the order its page records. The order-10 head 4096 made to
 * record order 9: its pair 4096/5120 now has one order-10 head (bit 2 of
 * order 10 should be 1), and 4096/4608 one order-9 head (bit 4 of order 9
 * should be 1); both bits are 0.
 */
START_TEST(catches_a_free_head_that_records_another_order)
{
	struct machine *m = boot_preset("default");
	struct check_result res;

	ck_assert(PageBuddy(PG(m, 4096)) && buddy_order(PG(m, 4096)) == 10);
	set_buddy_order(PG(m, 4096), 9);   /* the list it records stays right */
	assert_caught(m, "free block 0x1000 is on the order-10 list but records order 9");
	ck_assert_ptr_nonnull(strstr(report, "2.4 bitmap order 10 bit 2 is 0; pair 0x1000/0x1400 says 1"));
	ck_assert_ptr_nonnull(strstr(report, "2.4 bitmap order 9 bit 4 is 0; pair 0x1000/0x1200 says 1"));
	ck_assert_uint_eq(run_check(m, &res, 50), 3);
	set_buddy_order(PG(m, 4096), 10);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * mmsh keeps the list a free block is on in its head (page.h) and each
 * list's length (nr_free_mt): a head that names another list, and a
 * length that is not the list's, are both caught.
 */
START_TEST(catches_a_wrong_free_list_type_or_length)
{
	struct machine *m = boot_preset("default");
	struct zone *normal = ZONE(m, 0, ZONE_NORMAL);
	struct check_result res;

	ck_assert_int_eq(buddy_list_type(PG(m, 4096)), MIGRATE_MOVABLE);
	set_buddy_list_type(PG(m, 4096), MIGRATE_UNMOVABLE);
	assert_caught(m, "free block 0x1000 is on the Movable list but records list type 0");
	ck_assert_uint_eq(run_check(m, &res, 50), 1);
	set_buddy_list_type(PG(m, 4096), MIGRATE_MOVABLE);
	normal->free_area[10].nr_free_mt[MIGRATE_MOVABLE]--;
	normal->free_area[10].nr_free_mt[MIGRATE_RECLAIMABLE]++;
	assert_caught(m, "zone Normal free_area[10].nr_free_mt[Movable] is ");
	ck_assert_uint_eq(run_check(m, &res, 50), 2);
	normal->free_area[10].nr_free_mt[MIGRATE_MOVABLE]++;
	normal->free_area[10].nr_free_mt[MIGRATE_RECLAIMABLE]--;
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

START_TEST(catches_a_wrong_pcp_count)
{
	struct machine *m = boot_preset("default");
	struct zone *normal = ZONE(m, 0, ZONE_NORMAL);

	ck_assert_int_eq(mmsh_alloc(m, GFP_KERNEL, 0, NUMA_NO_NODE, NULL), 4096);
	ck_assert_int_eq(normal->pageset[0].pcp.count, 14);
	normal->pageset[0].pcp.count = 13;
	assert_caught(m, "cpu 0 zone Normal pcp count is 13 but the lists hold 14 pages");
	normal->pageset[0].pcp.count = 14;
	normal->pageset[1].pcp.count = 1;
	assert_caught(m, "cpu 1 zone Normal pcp count is 1");
	normal->pageset[1].pcp.count = 0;
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

START_TEST(catches_wrong_derived_values)
{
	struct machine *m = boot_preset("default");
	struct zone *dma = ZONE(m, 0, ZONE_DMA), *normal = ZONE(m, 0, ZONE_NORMAL);

	/* DMA's marks are 32/40/48 by __setup_per_zone_wmarks */
	dma->_watermark[WMARK_LOW] = 41;
	assert_caught(m, "zone DMA watermarks 32/41/48, formula gives 32/40/48");
	dma->_watermark[WMARK_LOW] = 40;
	normal->_watermark[WMARK_HIGH]++;
	assert_caught(m, "zone Normal watermarks");
	normal->_watermark[WMARK_HIGH]--;
	/* DMA protects 61440 / 256 = 240 pages from Normal requests */
	dma->lowmem_reserve[ZONE_NORMAL] = 239;
	assert_caught(m, "zone DMA lowmem_reserve[2] is 239, formula gives 240");
	dma->lowmem_reserve[ZONE_NORMAL] = 240;
	normal->pageset[1].pcp.high = 91;
	assert_caught(m, "cpu 1 zone Normal pcp high/batch 91/15, formula gives 90/15");
	normal->pageset[1].pcp.high = 90;
	m->totalram_pages++;
	assert_caught(m, "totalram_pages is 65537, zones manage 65536");
	m->totalram_pages--;
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

START_TEST(catches_wrong_zone_bits_in_page_flags)
{
	struct machine *m = boot_preset("numa");
	struct page *p = pfn_to_page(m, 70000);      /* node 0 Normal, a free tail */

	set_page_links(p, ZONE_DMA32, 0);
	assert_caught(m, "pfn 0x11170 is in zone Normal but its flags say node 0 zone 1");
	set_page_links(p, ZONE_NORMAL, 1);
	assert_caught(m, "but its flags say node 1 zone 2");
	set_page_links(p, ZONE_NORMAL, 0);
	/* a free block head filed under the wrong zone */
	set_page_links(pfn_to_page(m, 65536), ZONE_DMA32, 0);
	assert_caught(m, "free block 0x10000 is on zone Normal's list but belongs to DMA32");
	set_page_links(pfn_to_page(m, 65536), ZONE_NORMAL, 0);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

START_TEST(catches_a_bad_pageblock_migratetype)
{
	struct machine *m = boot_preset("default");

	/* 3 bits hold the type; 6 and 7 are no migratetype */
	m->pageblock_flags[3] = (uint8_t)((m->pageblock_flags[3] & ~PB_MIGRATETYPE_MASK) | 6);
	assert_caught(m, "pageblock 3 has migratetype 6");
	m->pageblock_flags[3] = (uint8_t)((m->pageblock_flags[3] & ~PB_MIGRATETYPE_MASK) |
					  MIGRATE_MOVABLE);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

START_TEST(catches_broken_links_and_allocation_records)
{
	struct machine *m = boot_preset("default");
	struct zone *normal = ZONE(m, 0, ZONE_NORMAL);
	uint32_t head = normal->free_area[10].free_list[MIGRATE_MOVABLE];
	uint32_t second = list_next(m->mem_map, list_first(m->mem_map, head));
	uint32_t saved = m->mem_map[second].lru.prev;
	long pfn;

	/* a prev link that does not point back */
	m->mem_map[second].lru.prev = head;
	assert_caught(m, "prev link is broken");
	m->mem_map[second].lru.prev = saved;
	assert_consistent(m);

	/* alloc's counters disagree with its list */
	pfn = mmsh_alloc(m, GFP_KERNEL, 2, NUMA_NO_NODE, NULL);
	ck_assert_int_ge(pfn, 0);
	m->allocated.pages++;
	assert_caught(m, "alloc holds 1 blocks / 5 pages by its counters, 1 / 4 by its list");
	m->allocated.pages--;
	/* an allocated block that is also PageBuddy */
	SetPageBuddy(pfn_to_page(m, (unsigned long)pfn));
	assert_caught(m, "is marked PageBuddy");
	ClearPageBuddy(pfn_to_page(m, (unsigned long)pfn));
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

START_TEST(catches_a_reserved_page_on_a_free_list)
{
	struct machine_shape s;
	struct mm_error e;
	struct machine *m;
	struct zone *z;

	machine_shape_init(&s);
	s.thp = THP_NEVER;
	s.max_order = 6;
	s.pageblock_order = 5;
	s.zones[0][ZONE_NORMAL] = (struct zone_shape){ 256, 256, 250 };
	m = machine_create(&s, &e);
	ck_assert_msg(m != NULL, "%s", e.msg);
	z = ZONE(m, 0, ZONE_NORMAL);
	assert_consistent(m);
	/* pfn 252 is reserved: freeing it into the buddy lists is a bug */
	set_page_count(pfn_to_page(m, 252), 0);
	set_buddy_order(pfn_to_page(m, 252), 0);
	add_to_free_list(pfn_to_page(m, 252), z, 0, MIGRATE_MOVABLE);
	mod_zone_page_state(z, NR_FREE_PAGES, 1);
	assert_caught(m, "pfn 0xfc is a hole or reserved but is a free block head");
	machine_destroy(m);
}
END_TEST

/* check_machine_quick(): same invariants, lists plus changed pageblocks */
static unsigned long run_quick(struct machine *m, struct check_result *res)
{
	struct strbuf sb = STRBUF_INIT;
	unsigned long v = check_machine_quick(m, res, &sb, 50);

	strncpy(report, sb_str(&sb), sizeof(report) - 1);
	report[sizeof(report) - 1] = '\0';
	sb_free(&sb);
	ck_assert_uint_eq(res->invariants, 31);
	return v;
}

START_TEST(quick_check_catches_what_changed)
{
	struct machine *m = boot_preset("default");
	struct zone *normal = ZONE(m, 0, ZONE_NORMAL);
	struct check_result res;
	struct mm_error e;
	long pfn;

	/* after boot every page is new: the quick check falls back to the full one */
	ck_assert_uint_eq(run_quick(m, &res), 0);
	ck_assert_uint_gt(res.facts, m->max_pfn);
	pfn = mmsh_alloc(m, GFP_HIGHUSER_MOVABLE, 4, NUMA_NO_NODE, NULL);
	ck_assert_int_ge(pfn, 0);
	ck_assert_uint_eq(run_quick(m, &res), 0);
	ck_assert_int_eq(mmsh_free(m, (unsigned long)pfn, 4, &e), 0);
	ck_assert_uint_eq(run_quick(m, &res), 0);

	/* counters: the lists are walked in both modes */
	normal->free_area[10].nr_free++;
	ck_assert_uint_ge(run_quick(m, &res), 1);
	ck_assert_ptr_nonnull(strstr(report, "free_area[10].nr_free"));
	normal->free_area[10].nr_free--;

	/* a head that lost PageBuddy, reported through page_changed() */
	ClearPageBuddy(pfn_to_page(m, 8192));
	page_changed(m, 8192);
	ck_assert_uint_ge(run_quick(m, &res), 1);
	ck_assert_ptr_nonnull(strstr(report, "0x2000"));
	SetPageBuddy(pfn_to_page(m, 8192));
	page_changed(m, 8192);
	ck_assert_uint_eq(run_quick(m, &res), 0);

	/* a 2.4 bit inside a changed pageblock */
	bitmap24_toggle(m, 8192, 0);
	page_changed(m, 8192);
	ck_assert_uint_ge(run_quick(m, &res), 1);
	ck_assert_ptr_nonnull(strstr(report, "2.4 bitmap order 0 bit 4096 is 1"));
	bitmap24_toggle(m, 8192, 0);
	page_changed(m, 8192);
	ck_assert_uint_eq(run_quick(m, &res), 0);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/* ---- pages with owners (check_owned.c) -------------------------------------- */

/*
 * The owned machine: one Normal zone of 4096 pages, 2 CPUs and 1024 swap
 * slots, holding every kind of owned page, built through the engine's own
 * paths (faults, reads, writes, reclaim, writeback, mlock):
 *
 *   file "old"   8 pages written, synced, then evicted by reclaim: every
 *                block is on disk (version 1) and the cache holds shadows
 *   task "anon"  32 anonymous pages; reclaim swapped 16 of them out (their
 *                ptes name swap slots), 16 stay mapped on the inactive
 *                anon list, and 2 more wait in CPU 0's lru_add pagevec
 *   file "data"  32 cached pages: 0..3 active (read twice), 4..23 read
 *                once, 24..31 written: 24 and 25 under writeback (two
 *                disk requests), 26..31 dirty
 *   task "map"   maps data pages 0..5
 *   task "locked" 4 anonymous pages, mlocked: on the unevictable list
 *
 * With `swapcache`, reclaim also starts swap writes of 4 more anon pages
 * (unmapped swap cache pages under writeback) and one swapped-out vpage is
 * faulted back in (a mapped swap cache page whose slot only the cache
 * holds).
 */
struct owned {
	struct machine *m;
	struct task *anon, *map, *locked;
	int data, old;
};

/* shrink_list() as a direct reclaimer of GFP_KERNEL would call it (the `shrink` command). */
static unsigned long shrink_lru(struct machine *m, enum lru_list lru, unsigned long nr)
{
	struct scan_control sc = {
		.gfp_mask = GFP_KERNEL,
		.may_writepage = true,
		.may_unmap = true,
		.may_swap = true,
		.may_deactivate = DEACTIVATE_ANON | DEACTIVATE_FILE,
		.reclaim_idx = MAX_NR_ZONES - 1,
		.nr_to_reclaim = SWAP_CLUSTER_MAX,
		.priority = DEF_PRIORITY,
	};

	return shrink_list(m, lru, nr, 0, &sc);
}

/* The first vpage of t whose pte is swapped (or present), from `from` on. */
static unsigned long find_vpage(const struct task *t, bool swapped, unsigned long from)
{
	unsigned long v;

	for (v = from; v < t->anon_len; v++)
		if (swapped ? pte_swapped(t->anon[v]) : pte_present(t->anon[v]))
			return v;
	ck_abort_msg("task %s has no %s vpage from %lu", t->comm, swapped ? "swapped" : "present", from);
	return 0;
}

static void owned_build(struct owned *o, bool swapcache)
{
	struct mm_error e;
	struct machine *m = boot_swap(4096, 1024, 2);
	unsigned long waited;

	memset(o, 0, sizeof(*o));
	o->m = m;

	/* "old": written and synced, so reclaim frees its clean pages */
	o->old = file_get(m, "old", &e);
	ck_assert_int_eq(file_write(m, o->old, 0, 8, &e), 8);
	ck_assert_uint_eq(sync_all(m, &waited), 8);
	lru_add_drain_all(m);
	/* written, never read: unreferenced, so PAGEREF_RECLAIM frees all 8 */
	ck_assert_uint_eq(shrink_lru(m, LRU_INACTIVE_FILE, 8), 8);

	/* "anon": 32 faults; the first scan finds every pte young (KEEP) */
	o->anon = task_new(m, "anon", 0, &e);
	ck_assert_int_eq(fault_anon(m, o->anon, 32, &e), 32);
	lru_add_drain_all(m);
	ck_assert_uint_eq(shrink_lru(m, LRU_INACTIVE_ANON, 32), 0);
	/* the second finds 16 referenced but not young: swapped out, written */
	ck_assert_uint_eq(shrink_lru(m, LRU_INACTIVE_ANON, 16), 0);
	ck_assert_uint_eq(m->disk.n, 16);
	ck_assert_uint_eq(o->anon->swapents, 16);
	/* the writes complete, the pages rotate to the tail and the third scan frees them */
	tick(m, DISK_DEFAULT_LATENCY);
	ck_assert_uint_eq(m->disk.n, 0);
	lru_add_drain_all(m);
	ck_assert_uint_eq(shrink_lru(m, LRU_INACTIVE_ANON, 16), 16);
	ck_assert_uint_eq(m->swap.cache_pages, 0);
	if (swapcache) {
		unsigned long v = find_vpage(o->anon, true, 0);

		/* 4 more go to swap and stay in the swap cache under writeback */
		ck_assert_uint_eq(shrink_lru(m, LRU_INACTIVE_ANON, 4), 0);
		ck_assert_uint_eq(m->disk.n, 4);
		/* and one comes back: a mapped swap cache page */
		ck_assert_ptr_nonnull(do_swap_page(m, o->anon, v));
		ck_assert_uint_eq(m->swap.cache_pages, 5);
	}

	/* "data": read 24 pages, read 4 again, write 8 and start writeback of 2 */
	o->data = file_get(m, "data", &e);
	ck_assert_int_eq(file_read(m, o->data, 0, 24, &e), 24);
	ck_assert_int_eq(file_read(m, o->data, 0, 4, &e), 4);
	ck_assert_int_eq(file_write(m, o->data, 24, 8, &e), 8);
	ck_assert_uint_eq(writeback_dirty(m, 2), 2);

	o->map = task_new(m, "map", 0, &e);
	ck_assert_int_eq(fault_file(m, o->map, o->data, 0, 6, false, &e), 6);

	o->locked = task_new(m, "locked", 0, &e);
	ck_assert_int_eq(fault_anon(m, o->locked, 4, &e), 4);
	ck_assert_int_eq(mlock_task(m, o->locked, true, &e), 0);
	/* mlock_vma_page() put them back through the pagevec: cull them now */
	lru_add_drain_all(m);

	/* two new pages wait in CPU 0's lru_add pagevec */
	ck_assert_int_eq(m->current.cpu, 0);
	ck_assert_int_eq(fault_anon(m, o->anon, 2, &e), 2);
	ck_assert_uint_eq(m->pvecs[0].lru_add.nr, 2);
}

/*
 * The owned machine as built: the counters the invariants compare, derived
 * from the construction above.
 */
START_TEST(owned_machine_is_consistent)
{
	struct owned o;
	struct check_result res;

	owned_build(&o, false);
	/* 16 mapped anon pages inactive; 2 in the pagevec; 4 mlocked */
	ck_assert_int_eq(node_stat(o.m, NR_INACTIVE_ANON), 16);
	ck_assert_int_eq(node_stat(o.m, NR_ACTIVE_ANON), 0);
	ck_assert_int_eq(node_stat(o.m, NR_UNEVICTABLE), 4);
	/* data 0..3 active, 4..31 inactive; old is gone */
	ck_assert_int_eq(node_stat(o.m, NR_ACTIVE_FILE), 4);
	ck_assert_int_eq(node_stat(o.m, NR_INACTIVE_FILE), 28);
	ck_assert_int_eq(node_stat(o.m, NR_FILE_PAGES), 32);
	ck_assert_uint_eq(o.m->files[o.old].nrpages, 0);
	/* 26..31 dirty, 24..25 under writeback */
	ck_assert_int_eq(node_stat(o.m, NR_FILE_DIRTY), 6);
	ck_assert_int_eq(node_stat(o.m, NR_WRITEBACK), 2);
	ck_assert_int_eq(normal_stat(o.m, NR_ZONE_WRITE_PENDING), 8);
	ck_assert_uint_eq(o.m->disk.n, 2);
	/* mapped: 16 + 2 + 4 anon, 6 file */
	ck_assert_int_eq(node_stat(o.m, NR_ANON_MAPPED), 22);
	ck_assert_int_eq(node_stat(o.m, NR_FILE_MAPPED), 6);
	ck_assert_int_eq(normal_stat(o.m, NR_MLOCK), 4);
	ck_assert_uint_eq(o.anon->rss_anon, 18);
	ck_assert_uint_eq(o.anon->swapents, 16);
	ck_assert_uint_eq(o.m->swap.inuse, 16);
	ck_assert_uint_eq(o.map->rss_file, 6);
	assert_consistent(o.m);
	/* the quick check agrees (after boot it falls back to the full one) */
	ck_assert_uint_eq(check_machine_quick(o.m, &res, NULL, 0), 0);
	ck_assert_uint_eq(check_machine_quick(o.m, &res, NULL, 0), 0);
	machine_destroy(o.m);

	owned_build(&o, true);
	/* 4 more swapped out (still cached, written), one swapped in */
	ck_assert_uint_eq(o.m->swap.inuse, 20);
	ck_assert_uint_eq(o.anon->swapents, 19);
	ck_assert_uint_eq(o.anon->rss_anon, 15);
	/*
	 * 12 mapped + 4 written on the inactive list. The swapped-in vpage 0
	 * was the last of the 16 evicted: its refault distance, 0, fits the
	 * workingset (empty: no file pages, no active anon yet), so
	 * workingset_refault() starts it on the active list.
	 */
	ck_assert_int_eq(node_stat(o.m, NR_INACTIVE_ANON), 16);
	ck_assert_int_eq(node_stat(o.m, NR_ACTIVE_ANON), 1);
	ck_assert(PageActive(PG(o.m, anon_pfn(o.anon, 0))));
	ck_assert_int_eq(node_stat(o.m, NR_FILE_PAGES), 37);
	ck_assert_int_eq(node_stat(o.m, NR_WRITEBACK), 6);
	ck_assert_int_eq(node_stat(o.m, NR_ANON_MAPPED), 19);
	assert_consistent(o.m);
	machine_destroy(o.m);
}
END_TEST

/* ---- corrupting owned pages: each invariant of check_owned.c --------------- */

static char expect_buf[4][256];

/* The expected report text, formatted into one of four buffers. */
__attribute__((format(printf, 2, 3)))
static const char *line(int i, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(expect_buf[i], sizeof(expect_buf[i]), fmt, ap);
	va_end(ap);
	return expect_buf[i];
}

/* The quick check must report >= 1 violation, one line mentioning `what`. */
static void assert_quick_caught(struct machine *m, const char *what)
{
	struct check_result res;

	ck_assert_msg(run_quick(m, &res) >= 1, "quick check missed: %s", what);
	ck_assert_msg(strstr(report, what) != NULL, "no quick line mentions \"%s\":\n%s", what, report);
}

/* The last check's report also mentions `what`. */
static void assert_also(const char *what)
{
	ck_assert_msg(strstr(report, what) != NULL, "no line mentions \"%s\":\n%s", what, report);
}

/* Exactly n violations in the full check, one of them `what`. */
static void assert_caught_n(struct machine *m, const char *what, unsigned long n)
{
	struct check_result res;

	assert_caught(m, what);
	ck_assert_msg(run_check(m, &res, 50) == n, "expected %lu violations, got %lu:\n%s", n,
		      res.violations, report);
}

/* Undo done: both checks find nothing (the full one also resets the quick baseline). */
static void assert_repaired(struct machine *m)
{
	struct check_result res;

	ck_assert_msg(run_quick(m, &res) == 0, "quick check after the repair:\n%s", report);
	assert_consistent(m);
}

/*
 * Flip one page flag of pfn p, a corruption both checks must report in a
 * line mentioning `what`, the full one finding n violations in all (one
 * of them mentioning `also`, unless NULL); flipping it back repairs it.
 */
static void assert_flip_caught(struct machine *m, uint32_t p, enum pageflags flag,
			       const char *what, const char *also, unsigned long n)
{
	bool was = test_page_flag(PG(m, p), flag);

	if (was)
		clear_page_flag(PG(m, p), flag);
	else
		set_page_flag(PG(m, p), flag);
	page_changed(m, p);
	assert_quick_caught(m, what);
	assert_caught_n(m, what, n);
	if (also)
		assert_also(also);
	if (was)
		set_page_flag(PG(m, p), flag);
	else
		clear_page_flag(PG(m, p), flag);
	page_changed(m, p);
	assert_repaired(m);
}

START_TEST(owned_catches_lru_flags_that_name_another_list)
{
	struct owned o;
	struct machine *m;
	uint32_t p;

	owned_build(&o, false);
	m = o.m;
	p = anon_pfn(o.anon, find_vpage(o.anon, false, 0));
	ck_assert(PageLRU(PG(m, p)) && page_lru(PG(m, p)) == LRU_INACTIVE_ANON);
	assert_consistent(m);

	/* PG_active flipped on a page of the inactive list */
	assert_flip_caught(m, p, PG_active,
			   line(0, "pfn 0x%x is on the inactive_anon list but its flags say active_anon", p),
			   NULL, 1);
	/* PG_lru lost while the page is still linked */
	assert_flip_caught(m, p, PG_lru,
			   line(0, "pfn 0x%x is on the inactive_anon list without PG_lru", p), NULL, 1);
	/*
	 * PG_mlocked set without culling the page: it sits on an evictable
	 * list, and nr_mlock (4, the locked task's pages) no longer counts
	 * the 5 mlocked pages: two violations
	 */
	assert_flip_caught(m, p, PG_mlocked,
			   line(0, "mlocked pfn 0x%x is on the inactive_anon list", p),
			   "zone Normal nr_mlock is 4, 5 pages are mlocked", 2);
	machine_destroy(m);
}
END_TEST

START_TEST(owned_catches_lru_counters_that_miss_the_lists)
{
	struct owned o;
	struct machine *m;
	struct zone *normal;
	uint32_t p, head;

	owned_build(&o, false);
	m = o.m;
	normal = ZONE(m, 0, ZONE_NORMAL);
	ck_assert_uint_eq(normal->managed_pages, 4096);
	p = anon_pfn(o.anon, find_vpage(o.anon, false, 0));
	head = m->node_data[0]->lruvec.lists[LRU_INACTIVE_ANON];
	assert_consistent(m);

	/*
	 * Dropped from the inactive anon list without the counters: both of
	 * them say 16, the list holds 15; the task still maps the page, which
	 * is now neither found nor counted among the 22 mapped anon pages;
	 * the zone finds 4095 of its 4096 pages. The full check's page scan
	 * also finds the page lost: six violations. The quick one has no
	 * changed pageblock to scan (list links are not page_changed()
	 * writes) but sees the other five.
	 */
	list_del(m->mem_map, p);
	assert_quick_caught(m, "zone Normal nr_zone_inactive_anon is 16 but the list holds 15 of its pages");
	assert_also("node 0 nr_inactive_anon is 16 but the list holds 15 pages");
	assert_also(line(0, "pfn 0x%x is referenced by an owner but on no LRU list", p));
	assert_also("node 0 nr_anon_pages/nr_mapped are 22/6, the page tables map 21/6");
	assert_also("zone Normal: free + pcp + allocated + owned = 4095 pages, managed = 4096");
	ck_assert_ptr_null(strstr(report, "is lost"));
	assert_caught(m, line(0, "managed pfn 0x%x is lost: on no list, not allocated, not owned", p));
	assert_caught_n(m, "node 0 nr_inactive_anon is 16 but the list holds 15 pages", 6);
	list_add(m->mem_map, p, head);
	assert_repaired(m);

	/* the counters alone: a zone counter one high, a node counter one low */
	mod_zone_page_state(normal, NR_ZONE_ACTIVE_FILE, 1);
	assert_quick_caught(m, "zone Normal nr_zone_active_file is 5 but the list holds 4 of its pages");
	assert_caught_n(m, "zone Normal nr_zone_active_file is 5 but the list holds 4 of its pages", 1);
	mod_zone_page_state(normal, NR_ZONE_ACTIVE_FILE, -1);
	m->node_data[0]->vm_stat[NR_UNEVICTABLE]--;
	assert_quick_caught(m, "node 0 nr_unevictable is 3 but the list holds 4 pages");
	assert_caught_n(m, "node 0 nr_unevictable is 3 but the list holds 4 pages", 1);
	m->node_data[0]->vm_stat[NR_UNEVICTABLE]++;
	assert_repaired(m);
	machine_destroy(m);
}
END_TEST

START_TEST(owned_catches_pages_left_isolated_or_locked)
{
	struct owned o;
	struct machine *m;
	pg_data_t *pgdat;
	uint32_t p;

	owned_build(&o, false);
	m = o.m;
	pgdat = m->node_data[0];
	p = file_pfn(m, o.data, 10);   /* read once, unmapped, inactive */
	assert_consistent(m);

	/* NR_ISOLATED_FILE left raised by a reclaimer that returned */
	pgdat->vm_stat[NR_ISOLATED_FILE]++;
	assert_quick_caught(m, "node 0 has isolated pages (0 anon, 1 file) between operations");
	assert_caught_n(m, "node 0 has isolated pages (0 anon, 1 file) between operations", 1);
	pgdat->vm_stat[NR_ISOLATED_FILE]--;
	assert_repaired(m);

	/*
	 * A page isolated the way shrink_inactive_list() does it and never
	 * put back: still counted isolated, still on the private page_list,
	 * owned by the file but on no LRU list. isolate_lru_page() marked its
	 * pageblock, so the quick check's page scan finds it in no place.
	 */
	ck_assert_int_eq(isolate_lru_page(m, PG(m, p)), 0);
	list_add(m->mem_map, p, m->local_lists[LL_PAGE_LIST]);
	pgdat->vm_stat[NR_ISOLATED_FILE]++;
	assert_quick_caught(m, "node 0 has isolated pages (0 anon, 1 file) between operations");
	assert_also("private list 0 still holds pages between operations");
	assert_also(line(0, "pfn 0x%x is referenced by an owner but on no LRU list", p));
	assert_also(line(0, "managed pfn 0x%x is in 0 places", p));
	assert_caught(m, "private list 0 still holds pages between operations");
	assert_caught(m, line(0, "managed pfn 0x%x is lost: on no list, not allocated, not owned", p));
	/* putback_lru_page(): through CPU 0's lru_add pagevec, which now holds 3 */
	list_del(m->mem_map, p);
	pgdat->vm_stat[NR_ISOLATED_FILE]--;
	putback_lru_page(m, PG(m, p));
	ck_assert_uint_eq(m->pvecs[0].lru_add.nr, 3);
	assert_repaired(m);

	/* PG_locked left set: trylock_page() without unlock_page() */
	assert_flip_caught(m, p, PG_locked,
			   line(0, "pfn 0x%x is still locked between operations", p), NULL, 1);
	machine_destroy(m);
}
END_TEST

START_TEST(owned_catches_a_page_on_a_list_and_in_a_pagevec)
{
	struct owned o;
	struct machine *m;
	struct pagevec *pv;
	uint32_t p;

	owned_build(&o, false);
	m = o.m;
	pv = &m->pvecs[1].lru_add;
	p = file_pfn(m, o.data, 10);
	ck_assert_uint_eq(pv->nr, 0);
	assert_consistent(m);

	/*
	 * lru_cache_add() of a page already on the inactive file list, on
	 * CPU 1: the pagevec's reference is counted, so the refcount agrees;
	 * what is wrong is the place. The full check marks the page found on
	 * the list and then in the pagevec; the quick check's set of owned
	 * pages meets it twice.
	 */
	get_page(PG(m, p));
	pv->pages[pv->nr++] = p;
	page_changed(m, p);
	assert_quick_caught(m, line(0, "pfn 0x%x waits in cpu 1's lru_add pagevec with PG_lru", p));
	assert_also(line(0, "pfn 0x%x is on an LRU list or pagevec twice", p));
	assert_caught(m, line(0, "pfn 0x%x waits in cpu 1's lru_add pagevec with PG_lru", p));
	assert_caught(m, line(0, "pfn 0x%x is both on an LRU list and in a pagevec", p));
	pv->nr--;
	PG(m, p)->_refcount--;
	page_changed(m, p);
	assert_repaired(m);
	machine_destroy(m);
}
END_TEST

START_TEST(owned_catches_pages_without_owners)
{
	struct owned o;
	struct machine *m;
	uint32_t p, mapping;

	owned_build(&o, false);
	m = o.m;
	p = file_pfn(m, o.data, 10);
	mapping = PG(m, p)->mapping;
	assert_consistent(m);

	/*
	 * the page cache still names the page, but the page names no owner:
	 * an ownerless page may only be one a pagevec alone still holds
	 */
	PG(m, p)->mapping = 0;
	page_changed(m, p);
	assert_quick_caught(m, line(0, "pfn 0x%x has no owner (0 ptes, 1 cache and 0 pagevec references)", p));
	assert_caught(m, line(0, "pfn 0x%x has no owner (0 ptes, 1 cache and 0 pagevec references)", p));
	assert_caught_n(m, line(0, "data page 10 is at pfn 0x%x, which belongs to another owner", p), 2);
	PG(m, p)->mapping = mapping;
	page_changed(m, p);
	assert_repaired(m);

	/* an LRU page with no reference at all (freed behind the list's back) */
	set_page_count(PG(m, p), 0);
	page_changed(m, p);
	assert_quick_caught(m, line(0, "pfn 0x%x is on an LRU list with refcount 0", p));
	assert_caught(m, line(0, "pfn 0x%x is on an LRU list with refcount 0", p));
	assert_caught_n(m, line(0, "pfn 0x%x has refcount 0; 0 ptes, 1 cache and 0 pagevec references", p), 2);
	set_page_count(PG(m, p), 1);
	page_changed(m, p);
	assert_repaired(m);
	machine_destroy(m);
}
END_TEST

START_TEST(owned_catches_ptes_that_lead_astray)
{
	struct owned o;
	struct machine *m;
	struct task *t;
	unsigned long v, w;
	uint32_t pv, pw, want;
	pte_t saved;

	owned_build(&o, false);
	m = o.m;
	t = o.anon;
	v = find_vpage(t, false, 0);
	w = find_vpage(t, false, v + 1);
	pv = anon_pfn(t, v);
	pw = anon_pfn(t, w);
	saved = t->anon[v];
	assert_consistent(m);

	/*
	 * vpage v's pte changed to w's page: the page is the task's but at
	 * another index, and holds w's data; v's page loses its only
	 * reference, w's page has two ptes
	 */
	t->anon[v] = PTE_PRESENT | pw;
	assert_quick_caught(m, line(0, "task anon vpage %lu maps pfn 0x%x, which belongs to another owner", v, pw));
	assert_caught(m, line(0, "task anon vpage %lu maps pfn 0x%x, which belongs to another owner", v, pw));
	assert_caught(m, line(0, "task anon vpage %lu: pfn 0x%x holds %08x, the task wrote %08x", v, pw,
			      page_content_get(m, pw), t->anon_want[v]));
	assert_caught(m, line(0, "pfn 0x%x has refcount 1; 0 ptes, 0 cache and 0 pagevec references", pv));
	assert_caught(m, line(0, "pfn 0x%x has mapcount 1 but 2 ptes map it", pw));
	t->anon[v] = saved;
	assert_repaired(m);

	/* the page's data changed under the task: one violation */
	want = t->anon_want[v];
	page_content_set(m, pv, want ^ 1);
	assert_quick_caught(m, line(0, "task anon vpage %lu: pfn 0x%x holds %08x, the task wrote %08x", v, pv,
				    want ^ 1, want));
	assert_caught_n(m, line(0, "task anon vpage %lu: pfn 0x%x holds %08x, the task wrote %08x", v, pv,
				want ^ 1, want), 1);
	page_content_set(m, pv, want);
	assert_repaired(m);

	/* a pte cleared without freeing the page or the rss */
	t->anon[v] = 0;
	assert_quick_caught(m, line(0, "task anon vpage %lu has no page and no swap entry", v));
	assert_caught(m, line(0, "task anon vpage %lu has no page and no swap entry", v));
	assert_caught(m, "task anon counts anon 18 file 0 swap 16, its page tables say 17/0/16");
	t->anon[v] = saved;
	assert_repaired(m);
	machine_destroy(m);
}
END_TEST

START_TEST(owned_catches_file_data_that_is_lost_or_wrong)
{
	struct owned o;
	struct machine *m;
	struct sim_file *data, *old;
	uint32_t p10, p2, p27;

	owned_build(&o, false);
	m = o.m;
	data = &m->files[o.data];
	old = &m->files[o.old];
	p10 = file_pfn(m, o.data, 10);
	p2 = file_pfn(m, o.data, 2);
	p27 = file_pfn(m, o.data, 27);
	assert_consistent(m);

	/* a cached page whose content changed: the cache's view only */
	page_content_set(m, p10, page_content_get(m, p10) ^ 1);
	assert_quick_caught(m, line(0, "data page 10 at pfn 0x%x does not hold the file's data", p10));
	assert_caught_n(m, line(0, "data page 10 at pfn 0x%x does not hold the file's data", p10), 1);
	page_content_set(m, p10, page_content_get(m, p10) ^ 1);
	assert_repaired(m);

	/* a mapped page: the mapping task sees it too */
	page_content_set(m, p2, page_content_get(m, p2) ^ 1);
	assert_caught(m, line(0, "data page 2 at pfn 0x%x does not hold the file's data", p2));
	assert_caught_n(m, line(0, "task map: data page 2 at pfn 0x%x does not hold the file's data", p2), 2);
	page_content_set(m, p2, page_content_get(m, p2) ^ 1);
	assert_repaired(m);

	/*
	 * old page 3 was evicted after sync wrote version 1; a disk that
	 * holds version 0 lost the write
	 */
	ck_assert(!(old->slot[3] & SLOT_PRESENT));
	ck_assert_uint_eq(old->version[3], 1);
	old->disk_version[3] = 0;
	assert_quick_caught(m, "old page 3 was evicted but the disk has version 0 of 1: data lost");
	assert_caught_n(m, "old page 3 was evicted but the disk has version 0 of 1: data lost", 1);
	old->disk_version[3] = 1;
	assert_repaired(m);

	/*
	 * data page 27 is dirty with version 1, never written: cleaning it
	 * (the counters follow) without writing it loses the data
	 */
	ck_assert(PageDirty(PG(m, p27)) && data->version[27] == 1 && data->disk_version[27] == 0);
	clear_page_dirty(m, PG(m, p27));
	assert_quick_caught(m, "data page 27 is clean but the disk has version 0 of 1");
	assert_caught_n(m, "data page 27 is clean but the disk has version 0 of 1", 1);
	set_page_dirty(m, PG(m, p27));
	assert_repaired(m);

	/* nrpages one high */
	data->nrpages++;
	assert_quick_caught(m, "data counts 33 cached pages, its slots hold 32");
	assert_caught_n(m, "data counts 33 cached pages, its slots hold 32", 1);
	data->nrpages--;
	assert_repaired(m);
	machine_destroy(m);
}
END_TEST

START_TEST(owned_catches_task_counters)
{
	struct owned o;
	struct machine *m;

	owned_build(&o, false);
	m = o.m;
	assert_consistent(m);
	/* anon: 18 present (16 + 2 in the pagevec), 16 swapped */
	o.anon->rss_anon++;
	assert_quick_caught(m, "task anon counts anon 19 file 0 swap 16, its page tables say 18/0/16");
	assert_caught_n(m, "task anon counts anon 19 file 0 swap 16, its page tables say 18/0/16", 1);
	o.anon->rss_anon--;
	o.anon->swapents--;
	assert_caught_n(m, "task anon counts anon 18 file 0 swap 15, its page tables say 18/0/16", 1);
	o.anon->swapents++;
	o.map->rss_file--;
	assert_quick_caught(m, "task map counts anon 0 file 5 swap 0, its page tables say 0/6/0");
	assert_caught_n(m, "task map counts anon 0 file 5 swap 0, its page tables say 0/6/0", 1);
	o.map->rss_file++;
	assert_repaired(m);
	machine_destroy(m);
}
END_TEST

START_TEST(owned_catches_swap_slots_that_disagree)
{
	struct owned o;
	struct machine *m;
	struct swap_device *sw;
	unsigned long v, slot;
	uint32_t want;

	owned_build(&o, false);
	m = o.m;
	sw = &m->swap;
	v = find_vpage(o.anon, true, 0);
	slot = pte_val(o.anon->anon[v]);
	want = o.anon->anon_want[v];
	ck_assert_uint_eq(sw->map[slot], 1);   /* one pte, no cache */
	ck_assert_uint_eq(sw->map[1023], 0);   /* 16 slots used, from the start */
	assert_consistent(m);

	/* a slot a pte names counts one reference too many */
	sw->map[slot]++;
	assert_quick_caught(m, line(0, "swap slot %lu counts 2 references, page tables hold 1", slot));
	assert_caught_n(m, line(0, "swap slot %lu counts 2 references, page tables hold 1", slot), 1);
	sw->map[slot]--;
	assert_repaired(m);

	/* the data in the slot is not what the task wrote */
	contents_set(&sw->data, slot, want ^ 1);
	assert_quick_caught(m, line(0, "task anon vpage %lu: swap slot %lu holds %08x, the task wrote %08x", v,
				    slot, want ^ 1, want));
	assert_caught_n(m, line(0, "task anon vpage %lu: swap slot %lu holds %08x, the task wrote %08x", v,
				slot, want ^ 1, want), 1);
	contents_set(&sw->data, slot, want);
	assert_repaired(m);

	/*
	 * a slot no pte names with a reference: leaked. Only the full check
	 * walks every slot (the quick one checks the slots ptes name), and
	 * the in-use count disagrees too.
	 */
	sw->map[1023] = 1;
	assert_caught(m, "swap slot 1023 counts 1 references, no pte names it");
	assert_caught_n(m, "swap counts 16 slots in use, 17 are", 2);
	sw->map[1023] = 0;
	assert_repaired(m);
	machine_destroy(m);
}
END_TEST

/*
 * The swap cache: each cached page and its slot name each other, the slot
 * has SWAP_HAS_CACHE, and cache_pages counts them. The quick check meets
 * the cached pages on the lists; the full one also reads every slot.
 */
START_TEST(owned_catches_swap_cache_flags_that_disagree)
{
	struct owned o;
	struct machine *m;
	struct swap_device *sw;
	unsigned long slot;
	uint32_t p;

	owned_build(&o, true);
	m = o.m;
	sw = &m->swap;
	/* the first disk request is one of the 4 swap writes: slot = 1 pte + cache */
	ck_assert_int_eq(m->disk.q[0].kind, IO_WRITE_SWAP);
	p = m->disk.q[0].pfn;
	slot = PG(m, p)->private - 1;
	ck_assert_uint_eq(sw->map[slot], 1 | SWAP_HAS_CACHE);
	assert_consistent(m);

	/* SWAP_HAS_CACHE cleared while the page is still cached */
	sw->map[slot] &= (uint8_t)~SWAP_HAS_CACHE;
	assert_quick_caught(m, line(0, "swap cache pfn 0x%x is not what slot %lu holds", p, slot));
	assert_caught(m, line(0, "swap cache pfn 0x%x is not what slot %lu holds", p, slot));
	assert_caught_n(m, line(0, "swap slot %lu: SWAP_HAS_CACHE is 0 but the cache has a page", slot), 2);
	sw->map[slot] |= SWAP_HAS_CACHE;
	assert_repaired(m);

	/* 5 pages in the swap cache (4 under writeback, 1 swapped in) */
	sw->cache_pages++;
	assert_quick_caught(m, "the swap cache counts 6 pages, 5 are in it");
	assert_caught(m, "the swap cache counts 6 pages, 5 are in it");
	assert_caught(m, "5 swap slots have a cache page, 6 are counted");
	sw->cache_pages--;
	assert_repaired(m);
	machine_destroy(m);
}
END_TEST

START_TEST(owned_catches_refcounts_and_mapcounts)
{
	struct owned o;
	struct machine *m;
	uint32_t p, q;

	owned_build(&o, false);
	m = o.m;
	p = anon_pfn(o.anon, find_vpage(o.anon, false, 0));
	q = m->pvecs[0].lru_add.pages[0];   /* a new anon page waiting in the pagevec */
	ck_assert_int_eq(page_ref_count(PG(m, p)), 1);
	ck_assert_int_eq(page_ref_count(PG(m, q)), 2);
	assert_consistent(m);

	/* a mapped anon page with one pte: a reference nobody holds */
	PG(m, p)->_refcount++;
	page_changed(m, p);
	assert_quick_caught(m, line(0, "pfn 0x%x has refcount 2; 1 ptes, 0 cache and 0 pagevec references", p));
	assert_caught_n(m, line(0, "pfn 0x%x has refcount 2; 1 ptes, 0 cache and 0 pagevec references", p), 1);
	PG(m, p)->_refcount--;
	page_changed(m, p);
	assert_repaired(m);

	/* the pagevec's reference dropped early */
	PG(m, q)->_refcount--;
	page_changed(m, q);
	assert_quick_caught(m, line(0, "pfn 0x%x has refcount 1; 1 ptes, 0 cache and 1 pagevec references", q));
	assert_caught_n(m, line(0, "pfn 0x%x has refcount 1; 1 ptes, 0 cache and 1 pagevec references", q), 1);
	PG(m, q)->_refcount++;
	page_changed(m, q);
	assert_repaired(m);

	/* one mapping counted twice */
	PG(m, p)->_mapcount++;
	page_changed(m, p);
	assert_quick_caught(m, line(0, "pfn 0x%x has mapcount 2 but 1 ptes map it", p));
	assert_caught_n(m, line(0, "pfn 0x%x has mapcount 2 but 1 ptes map it", p), 1);
	PG(m, p)->_mapcount--;
	page_changed(m, p);
	assert_repaired(m);
	machine_destroy(m);
}
END_TEST

/*
 * The counters the page flags feed, each off by one in turn. The fixture
 * has 6 dirty and 2 writeback file pages (8 write pending), 4 mlocked,
 * 22 anon pages mapped (16 + 2 + 4) and 6 file pages, 32 in the page cache.
 */
START_TEST(owned_catches_miscounted_page_state)
{
	static const struct {
		bool zone;
		int item;
		long delta;
		const char *text;
	} cases[] = {
		{ false, NR_FILE_DIRTY, 1, "node 0 nr_dirty is 7, 6 file pages are dirty" },
		{ false, NR_WRITEBACK, -1, "node 0 nr_writeback is 1, 2 pages are under writeback" },
		{ true, NR_ZONE_WRITE_PENDING, 1,
		  "zone Normal nr_zone_write_pending is 9, 8 pages are dirty or under writeback" },
		{ true, NR_MLOCK, -1, "zone Normal nr_mlock is 3, 4 pages are mlocked" },
		{ false, NR_ANON_MAPPED, 1,
		  "node 0 nr_anon_pages/nr_mapped are 23/6, the page tables map 22/6" },
		{ false, NR_FILE_MAPPED, -1,
		  "node 0 nr_anon_pages/nr_mapped are 22/5, the page tables map 22/6" },
		{ false, NR_FILE_PAGES, 1, "node 0 nr_file_pages is 33, the page and swap caches hold 32" },
	};
	struct owned o;
	struct machine *m;
	size_t i;

	owned_build(&o, false);
	m = o.m;
	assert_consistent(m);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		long *stat = cases[i].zone ? &ZONE(m, 0, ZONE_NORMAL)->vm_stat[cases[i].item]
					   : &m->node_data[0]->vm_stat[cases[i].item];

		*stat += cases[i].delta;
		assert_quick_caught(m, cases[i].text);
		assert_caught_n(m, cases[i].text, 1);
		*stat -= cases[i].delta;
		assert_repaired(m);
	}
	machine_destroy(m);
}
END_TEST

START_TEST(owned_catches_disk_requests_without_writeback)
{
	struct owned o;
	struct machine *m;
	struct disk *d;
	uint32_t p10;

	owned_build(&o, false);
	m = o.m;
	d = &m->disk;
	p10 = file_pfn(m, o.data, 10);
	/* data pages 24 and 25 are being written */
	ck_assert_uint_eq(d->n, 2);
	ck_assert_uint_eq(d->q[0].pfn, file_pfn(m, o.data, 24));
	assert_consistent(m);

	/* a write of a clean page nobody put under writeback */
	d->q[d->n++] = (struct io_request){ p10, IO_WRITE_FILE, 0, m->jiffies + d->latency };
	assert_quick_caught(m, "2 pages are under writeback, the disk has 3 requests");
	assert_caught(m, "2 pages are under writeback, the disk has 3 requests");
	assert_caught_n(m, line(0, "the disk writes pfn 0x%x, which is not an owned page under writeback", p10), 2);
	d->n--;
	assert_repaired(m);

	/* a file page's write filed as a swap write */
	d->q[0].kind = IO_WRITE_SWAP;
	assert_quick_caught(m, line(0, "the disk writes pfn 0x%x, which is not an owned page under writeback",
				    d->q[0].pfn));
	assert_caught_n(m, line(0, "the disk writes pfn 0x%x, which is not an owned page under writeback",
				d->q[0].pfn), 1);
	d->q[0].kind = IO_WRITE_FILE;
	assert_repaired(m);

	/* a page under writeback whose request was lost: it would never end */
	d->n--;
	assert_quick_caught(m, "2 pages are under writeback, the disk has 1 requests");
	assert_caught_n(m, "2 pages are under writeback, the disk has 1 requests", 1);
	d->n++;
	assert_repaired(m);
	machine_destroy(m);
}
END_TEST

/*
 * The quick check walks the lists and scans only the pageblocks whose
 * pages changed. On "numa" (2 nodes of 131072 pages) with a task of 64
 * pages, a full check visits every pfn (over 262144 facts); the quick one
 * only the free lists, pcp lists, records and owned pages. Marking one
 * pageblock inside a free order-10 block adds that block's scan: one
 * fact for the order-10 head that covers it, 512 pages, and the 2.4 bits
 * of the pairs in it: 256 + 128 + ... + 1 for orders 0..8, one pair each
 * for orders 9 and 10, 513 bits: 1026 facts.
 */
START_TEST(quick_check_costs_the_lists_and_changed_pageblocks)
{
	struct machine *m = boot_preset("numa");
	struct check_result full, quick, one;
	struct mm_error e;
	struct task *t = task_new(m, "t", 0, &e);
	unsigned long last = m->max_pfn - 1;

	ck_assert_int_eq(fault_anon(m, t, 64, &e), 64);
	lru_add_drain_all(m);
	ck_assert_uint_eq(run_check(m, &full, 20), 0);
	ck_assert_uint_gt(full.facts, m->max_pfn);
	ck_assert_uint_eq(full.invariants, 31);
	ck_assert_uint_eq(run_quick(m, &quick), 0);
	ck_assert_uint_lt(quick.facts * 20, full.facts);
	/* the last pageblock of node 1 lies in a free order-10 block */
	ck_assert(PageBuddy(pfn_to_page(m, last & ~1023UL)));
	ck_assert_uint_eq(buddy_order(pfn_to_page(m, last & ~1023UL)), 10);
	page_changed(m, last);
	ck_assert_uint_eq(run_quick(m, &one), 0);
	ck_assert_uint_eq(one.facts, quick.facts + 1026);
	/* and the scan is forgotten once checked */
	ck_assert_uint_eq(run_quick(m, &one), 0);
	ck_assert_uint_eq(one.facts, quick.facts);
	machine_destroy(m);
}
END_TEST

/*
 * Swap cache pages hold a reference for the cache and count in
 * nr_file_pages: the quick check, which does not read every slot, must
 * credit them from the pages it meets on the lists, or it reports a
 * consistent machine as broken.
 */
/*
 * The checks keep their per-pfn and per-slot scratch in the machine, all
 * zero between checks: a check that found violations leaves nothing
 * behind, a copy starts without one, and a copy over a machine of the
 * same size keeps the destination's, which must then fit the source's
 * larger swap device (slot 2000 does not exist on the 1024-slot one).
 */
START_TEST(check_scratch_follows_the_machine)
{
	struct machine *big = boot_swap(4096, 2048, 2), *copy;
	struct owned o;
	uint32_t p;

	owned_build(&o, true);
	p = anon_pfn(o.anon, find_vpage(o.anon, false, 0));
	PG(o.m, p)->_refcount++;
	assert_caught(o.m, line(0, "pfn 0x%x has refcount", p));
	PG(o.m, p)->_refcount--;
	assert_consistent(o.m);
	copy = machine_clone(o.m);
	ck_assert_ptr_nonnull(copy);
	assert_consistent(copy);
	ck_assert_int_eq(machine_copy(o.m, big), 0);
	o.m->swap.map[2000] = 1;
	assert_caught(o.m, "swap slot 2000 counts 1 references, no pte names it");
	o.m->swap.map[2000] = 0;
	assert_consistent(o.m);
	machine_destroy(copy);
	machine_destroy(big);
	machine_destroy(o.m);
}
END_TEST

START_TEST(quick_check_agrees_on_swap_cache_pages)
{
	struct owned o;
	struct check_result res;

	owned_build(&o, true);
	assert_consistent(o.m);
	ck_assert_msg(run_quick(o.m, &res) == 0, "quick check on a consistent machine:\n%s", report);
	machine_destroy(o.m);
}
END_TEST

/*
 * A page cache page can be truncated while another CPU's pagevec holds it:
 * truncation drains only its own CPU's pagevecs (the zap's lru_add_drain()
 * and tlb flush, each batch's pagevec_release()). On CPU 1, "data" is read
 * at offsets 32..37, past its 32 pages (the read grows the file): six new
 * pages wait in CPU 1's lru_add pagevec, off the LRU; and offsets 6 and 7,
 * read once already (inactive, PG_referenced), are read again:
 * activate_page() queues them in CPU 1's activate_page pagevec, still on
 * the inactive list. Truncating "data" on CPU 0 first zaps the ptes of
 * task "map" (offsets 0..5, young): mark_page_accessed() activates 4 and
 * 5, still inactive and referenced, through CPU 0's pagevec, which the tlb
 * flush drains (pgactivate 2). Then all 38 pages leave the page cache
 * (NR_FILE_PAGES 0); the eight CPU 1 holds are left with no mapping and
 * only CPU 1's pagevec's reference, six on no list, two on the inactive
 * file list. The machine is consistent. When CPU 1 drains (lru_add first,
 * the activations last), the six join the inactive list, the two are
 * activated (pgactivate 2 more), and release_pages() frees all eight: no
 * file page is left on any list.
 */
START_TEST(owned_accepts_a_truncated_page_in_a_pagevec)
{
	struct owned o;
	struct machine *m;
	struct mm_error e;
	unsigned long act0;
	long free_before;
	unsigned int i;

	owned_build(&o, false);
	m = o.m;
	ck_assert_int_eq(machine_set_cpu(m, 1, &e), 0);
	ck_assert_int_eq(file_read(m, o.data, 32, 6, &e), 6);
	ck_assert_int_eq(file_read(m, o.data, 6, 2, &e), 2);
	ck_assert_int_eq(machine_set_cpu(m, 0, &e), 0);
	ck_assert_uint_eq(m->pvecs[1].lru_add.nr, 6);
	ck_assert_uint_eq(m->pvecs[1].activate_page.nr, 2);
	assert_consistent(m);

	act0 = m->vm_events[PGACTIVATE];
	ck_assert_uint_eq(truncate_file(m, o.data), 38);
	ck_assert_uint_eq(m->vm_events[PGACTIVATE], act0 + 2);
	ck_assert_uint_eq(m->pvecs[0].lru_add.nr, 0);
	ck_assert_uint_eq(m->pvecs[1].lru_add.nr, 6);
	ck_assert_uint_eq(m->pvecs[1].activate_page.nr, 2);
	for (i = 0; i < 6; i++) {
		struct page *page = PG(m, m->pvecs[1].lru_add.pages[i]);

		ck_assert_uint_eq(page->mapping, 0);
		ck_assert_int_eq(page_ref_count(page), 1);
		ck_assert(!PageLRU(page));
	}
	for (i = 0; i < 2; i++) {
		struct page *page = PG(m, m->pvecs[1].activate_page.pages[i]);

		ck_assert_uint_eq(page->mapping, 0);
		ck_assert_int_eq(page_ref_count(page), 1);
		ck_assert(PageLRU(page) && !PageActive(page));
	}
	ck_assert_int_eq(node_stat(m, NR_FILE_PAGES), 0);
	ck_assert_int_eq(node_stat(m, NR_INACTIVE_FILE), 2);
	assert_consistent(m);

	free_before = normal_stat(m, NR_FREE_PAGES);
	lru_add_drain_all(m);
	drain_all_pages(m, NULL);
	ck_assert_uint_eq(m->pvecs[1].lru_add.nr + m->pvecs[1].activate_page.nr, 0);
	ck_assert_uint_eq(m->vm_events[PGACTIVATE], act0 + 4);
	ck_assert_int_eq(node_stat(m, NR_INACTIVE_FILE) + node_stat(m, NR_ACTIVE_FILE), 0);
	ck_assert_int_ge(normal_stat(m, NR_FREE_PAGES), free_before + 8);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

static Suite *check_suite(void)
{
	Suite *s = suite_create("check");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, fresh_presets_are_consistent);
	tcase_add_test(tc, consistent_after_allocations_and_frees);
	tcase_add_test(tc, max_reports_limits_the_text_not_the_count);
	tcase_add_test(tc, catches_cleared_pagebuddy_on_a_listed_head);
	tcase_add_test(tc, catches_pagebuddy_on_a_page_that_heads_nothing);
	tcase_add_test(tc, catches_wrong_nr_free);
	tcase_add_test(tc, catches_wrong_nr_free_pages);
	tcase_add_test(tc, catches_a_page_in_two_places);
	tcase_add_test(tc, catches_a_lost_page);
	tcase_add_test(tc, catches_a_flipped_bitmap_bit);
	tcase_add_test(tc, catches_a_free_head_that_records_another_order);
	tcase_add_test(tc, catches_a_wrong_free_list_type_or_length);
	tcase_add_test(tc, catches_a_wrong_pcp_count);
	tcase_add_test(tc, catches_wrong_derived_values);
	tcase_add_test(tc, catches_wrong_zone_bits_in_page_flags);
	tcase_add_test(tc, catches_a_bad_pageblock_migratetype);
	tcase_add_test(tc, catches_broken_links_and_allocation_records);
	tcase_add_test(tc, catches_a_reserved_page_on_a_free_list);
	tcase_add_test(tc, quick_check_catches_what_changed);
	tcase_add_test(tc, owned_machine_is_consistent);
	tcase_add_test(tc, owned_catches_lru_flags_that_name_another_list);
	tcase_add_test(tc, owned_catches_lru_counters_that_miss_the_lists);
	tcase_add_test(tc, owned_catches_pages_left_isolated_or_locked);
	tcase_add_test(tc, owned_catches_a_page_on_a_list_and_in_a_pagevec);
	tcase_add_test(tc, owned_catches_pages_without_owners);
	tcase_add_test(tc, owned_catches_ptes_that_lead_astray);
	tcase_add_test(tc, owned_catches_file_data_that_is_lost_or_wrong);
	tcase_add_test(tc, owned_catches_task_counters);
	tcase_add_test(tc, owned_catches_swap_slots_that_disagree);
	tcase_add_test(tc, owned_catches_swap_cache_flags_that_disagree);
	tcase_add_test(tc, owned_catches_refcounts_and_mapcounts);
	tcase_add_test(tc, owned_catches_miscounted_page_state);
	tcase_add_test(tc, owned_catches_disk_requests_without_writeback);
	tcase_add_test(tc, quick_check_costs_the_lists_and_changed_pageblocks);
	tcase_add_test(tc, quick_check_agrees_on_swap_cache_pages);
	tcase_add_test(tc, check_scratch_follows_the_machine);
	tcase_add_test(tc, owned_accepts_a_truncated_page_in_a_pagevec);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return run_suite(check_suite());
}
