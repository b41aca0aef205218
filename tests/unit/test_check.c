/*
 * tests/unit/test_check.c: check_machine() finds nothing on fresh
 * machines, and finds each kind of deliberate corruption, naming it.
 */
#include <string.h>

#include "helpers.h"
#include "mmsh/bitmap24.h"
#include "mmsh/list.h"
#include "mmsh/page_alloc.h"

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
	tcase_add_test(tc, catches_a_wrong_pcp_count);
	tcase_add_test(tc, catches_wrong_derived_values);
	tcase_add_test(tc, catches_wrong_zone_bits_in_page_flags);
	tcase_add_test(tc, catches_a_bad_pageblock_migratetype);
	tcase_add_test(tc, catches_broken_links_and_allocation_records);
	tcase_add_test(tc, catches_a_reserved_page_on_a_free_list);
	tcase_add_test(tc, quick_check_catches_what_changed);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return run_suite(check_suite());
}
