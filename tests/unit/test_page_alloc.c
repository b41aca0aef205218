/*
 * tests/unit/test_page_alloc.c: the buddy allocator of Linux 5.10 as mmsh
 * models it (src/engine/page_alloc.c): boot order, expand(), the smallest
 * order search, fallback and stealing, __free_one_page() merging and the
 * head/tail rule, the checks of `free`, alloc_pages_nodemask() outcomes,
 * ALLOC_NOFRAGMENT, highatomic reserves, NUMA statistics, the
 * PGALLOC/PGFREE events, and the fast path spreading __GFP_WRITE page
 * cache by the per-node dirty limits.
 *
 * Every expected pfn below is worked out from the kernel's rules
 * (kernel-5.10-mm.md sections 2, 3, 4, 7, 8, 15), in the comment next to
 * the assertion, not read back from the program.
 *
 * Blocks taken with rmqueue_smallest() directly are recorded as `alloc`
 * would record them (take()/adopt()), so check() still accounts for every
 * managed page and mmsh_free() can give them back.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "mmsh/kswapd.h"
#include "mmsh/list.h"
#include "mmsh/page_alloc.h"
#include "mmsh/pcp.h"
#include "mmsh/procfs.h"
#include "mmsh/strbuf.h"
#include "mmsh/trace.h"
#include "mmsh/watermark.h"
#include "mmsh/workload.h"

#define UNMOV MIGRATE_UNMOVABLE
#define MOV   MIGRATE_MOVABLE
#define RECL  MIGRATE_RECLAIMABLE
#define HIGHA MIGRATE_HIGHATOMIC

static struct recorder rec;

/* ---- helpers ------------------------------------------------------------ */

static struct zone *DMA(struct machine *m)
{
	return ZONE(m, 0, ZONE_DMA);
}

/* Record a block that left the buddy lists as a block `alloc` holds. */
static void record_block(struct machine *m, struct page *page, unsigned int order,
			 int mt)
{
	set_page_count(page, 1);
	page->index = 0;
	mmsh_alloc_record(m, page, order, mt);
}

/*
 * rmqueue_smallest()/rmqueue_() leave NR_FREE_PAGES to their caller
 * (rmqueue's __mod_zone_freepage_state): do that, then record the block.
 */
static void adopt(struct machine *m, struct zone *z, struct page *page,
		  unsigned int order, int mt)
{
	mod_zone_page_state(z, NR_FREE_PAGES, -(1L << order));
	record_block(m, page, order, mt);
}

/* __rmqueue_smallest() on the zone, recorded; the pfn or -1. */
static long take(struct machine *m, struct zone *z, unsigned int order, int mt)
{
	struct page *page = rmqueue_smallest(z, order, mt);

	if (!page)
		return -1;
	ck_assert_int_eq(page->index, mt);   /* set_pcppage_migratetype */
	adopt(m, z, page, order, mt);
	return (long)page_to_pfn(m, page);
}

/* Take everything off a zone's buddy lists. */
static unsigned long drain_buddy(struct machine *m, struct zone *z)
{
	unsigned long n = 0;
	int o, mt;

	for (o = (int)m->max_order - 1; o >= 0; o--)
		for (mt = 0; mt < MIGRATE_TYPES; mt++)
			while (take(m, z, (unsigned int)o, mt) >= 0)
				n += 1UL << o;
	return n;
}

/* Undo the record, as free_held_block() does before __free_pages(). */
static void release(struct machine *m, unsigned long pfn)
{
	struct page *page = PG(m, pfn);
	unsigned int order = mmsh_alloc_order(page);

	list_del(m->mem_map, (uint32_t)pfn);
	m->allocated.blocks--;
	m->allocated.pages -= 1UL << order;
	page->mapping = 0;
	page->private = 0;
	set_page_count(page, 0);
}

static void must_free(struct machine *m, unsigned long pfn, int order)
{
	struct mm_error e;

	ck_assert_msg(mmsh_free(m, pfn, order, &e) == 0, "free %lu: %s", pfn, e.msg);
}

static long must_alloc(struct machine *m, gfp_t gfp, unsigned int order, int nid,
		       struct alloc_report *rep)
{
	long pfn = mmsh_alloc(m, gfp, order, nid, rep);

	ck_assert_msg(pfn >= 0, "alloc gfp %#x order %u failed (outcome %d)", gfp, order,
		      rep ? (int)rep->outcome : -1);
	return pfn;
}

static void fmt_pfns(char *buf, size_t len, const unsigned long *v, size_t n)
{
	size_t i, off = 0;

	buf[0] = '\0';
	for (i = 0; i < n && off + 24 < len; i++)
		off += (size_t)snprintf(buf + off, len - off, "%s%lu", i ? "," : "", v[i]);
}

static void expect_list_(struct machine *m, uint32_t head, const unsigned long *want,
			 size_t n, const char *what, int line)
{
	unsigned long got[128];
	char g[1024], w[1024];
	size_t k = list_pfns(m, head, got, 128);
	bool same = k == n;
	size_t i;

	for (i = 0; same && i < n; i++)
		same = got[i] == want[i];
	fmt_pfns(g, sizeof(g), got, k < 128 ? k : 128);
	fmt_pfns(w, sizeof(w), want, n);
	ck_assert_msg(same, "line %d: %s is [%s] (%zu entries), expected [%s]", line, what,
		      g, k, w);
}

/* EXPECT_FREE(m, zone, order, mt, pfns...): the list, head to tail. */
#define EXPECT_FREE(m, z, order, mt, ...) do {                                   \
		const unsigned long want_[] = { __VA_ARGS__ };                     \
		expect_list_((m), (z)->free_area[order].free_list[mt], want_,      \
			     sizeof(want_) / sizeof(want_[0]),                      \
			     "free_area[" #order "] " #mt " of " #z, __LINE__);     \
	} while (0)

#define EXPECT_EMPTY(m, z, order, mt)                                           \
	expect_list_((m), (z)->free_area[order].free_list[mt], NULL, 0,            \
		     "free_area[" #order "] " #mt " of " #z, __LINE__)

#define EXPECT_PCP(m, z, cpu, mt, ...) do {                                     \
		const unsigned long want_[] = { __VA_ARGS__ };                     \
		expect_list_((m), (z)->pageset[cpu].pcp.lists[mt], want_,          \
			     sizeof(want_) / sizeof(want_[0]),                      \
			     "pcp " #mt " of " #z, __LINE__);                      \
	} while (0)

static void expect_free_block(struct machine *m, unsigned long pfn, unsigned int order)
{
	ck_assert_msg(PageBuddy(PG(m, pfn)), "pfn %lu is not a free block head", pfn);
	ck_assert_msg(buddy_order(PG(m, pfn)) == order, "pfn %lu has order %u, expected %u",
		      pfn, buddy_order(PG(m, pfn)), order);
}

static int block_mt(struct machine *m, unsigned long pfn)
{
	return get_pfnblock_migratetype(m, pfn);
}

static char *buddyinfo(struct machine *m)
{
	struct strbuf sb = STRBUF_INIT;
	char *s;

	proc_buddyinfo(m, &sb);
	s = strdup(sb_str(&sb));
	sb_free(&sb);
	ck_assert_ptr_nonnull(s);
	return s;
}

static const struct trace_event *last_event(enum trace_event_id id)
{
	size_t i;

	for (i = rec.n; i-- > 0;)
		if (rec.ev[i].id == id)
			return &rec.ev[i];
	return NULL;
}

static void expect_extfrag(const struct trace_event *ev, unsigned long pfn,
			   unsigned int order, int fallback_order, int alloc_mt,
			   int fallback_mt, int fragmenting, int change_ownership)
{
	ck_assert_ptr_nonnull(ev);
	ck_assert_uint_eq(ev->pfn, pfn);
	ck_assert_uint_eq(ev->order, order);
	ck_assert_int_eq(ev->fallback_order, fallback_order);
	ck_assert_int_eq(ev->alloc_migratetype, alloc_mt);
	ck_assert_int_eq(ev->fallback_migratetype, fallback_mt);
	ck_assert_int_eq(ev->fragmenting, fragmenting);
	ck_assert_int_eq(ev->change_ownership, change_ownership);
}

/* ==== 1. boot order ======================================================= */

/*
 * DMA [0,4096) and Normal [4096,5000), MAX_ORDER 11 (section 2.3):
 * __free_pages_memory frees the largest aligned chunk that fits, lowest
 * first, with FPI_TO_TAIL. DMA: pfn 0 counts as aligned to everything,
 * so 0, 1024, 2048, 3072 at order 10, each appended: ascending list.
 * Normal ends unaligned: 4096 o9 (4096+1024 > 5000), 4608 o8, 4864 o7,
 * 4992 o3 (8 pages left).
 */
START_TEST(boot_lists_ascending_and_unaligned_end_decreasing)
{
	struct machine *m = boot_shape(4096, 0, 904, 0, 11, 9, 1);
	struct zone *dma = DMA(m), *normal = NORMAL(m);
	unsigned int o;

	assert_consistent(m);
	EXPECT_FREE(m, dma, 10, MOV, 0, 1024, 2048, 3072);
	for (o = 0; o < 10; o++)
		ck_assert_uint_eq(dma->free_area[o].nr_free, 0);
	ck_assert_uint_eq(dma->free_area[10].nr_free, 4);
	EXPECT_FREE(m, normal, 9, MOV, 4096);
	EXPECT_FREE(m, normal, 8, MOV, 4608);
	EXPECT_FREE(m, normal, 7, MOV, 4864);
	EXPECT_FREE(m, normal, 3, MOV, 4992);
	EXPECT_EMPTY(m, normal, 10, MOV);
	EXPECT_EMPTY(m, normal, 6, MOV);
	EXPECT_EMPTY(m, normal, 4, MOV);
	EXPECT_EMPTY(m, normal, 0, MOV);
	ck_assert_int_eq(zone_free(dma), 4096);
	ck_assert_int_eq(zone_free(normal), 904);
	/* every pageblock begins in memory: MOVABLE (section 2.1) */
	ck_assert_int_eq(block_mt(m, 0), MOV);
	ck_assert_int_eq(block_mt(m, 4608), MOV);
	machine_destroy(m);
}
END_TEST

/*
 * A 100-page zone from pfn 0, MAX_ORDER 11: order 10 does not fit, so
 * 0 o6 (64 pages); 64: __ffs = 6 but 128 > 100, so o5; 96: o2 (100).
 * buddyinfo: orders 2, 5 and 6 hold one block each.
 */
START_TEST(boot_zone_of_100_pages)
{
	struct machine *m = boot_shape(0, 0, 100, 0, 11, 9, 1);
	struct zone *normal = NORMAL(m);
	char *bi;

	assert_consistent(m);
	EXPECT_FREE(m, normal, 6, MOV, 0);
	EXPECT_FREE(m, normal, 5, MOV, 64);
	EXPECT_FREE(m, normal, 2, MOV, 96);
	bi = buddyinfo(m);
	ck_assert_str_eq(bi, "Node 0, zone   Normal      0      0      1      0      0"
			     "      1      1      0      0      0      0 \n");
	free(bi);
	machine_destroy(m);
}
END_TEST

/*
 * DMA [0,100) and Normal [100,256), MAX_ORDER 6: DMA 0, 32, 64 at o5,
 * then 96 o2. Normal starts unaligned: 100 o2 (__ffs(100) = 2), 104 o3,
 * 112 o4, then 128..224 at o5. 100 o2 does not merge with 96 o2: the
 * buddies are in different zones.
 */
START_TEST(boot_unaligned_zone_start)
{
	struct machine *m = boot_shape(100, 0, 156, 0, 6, 5, 1);
	struct zone *dma = DMA(m), *normal = NORMAL(m);

	assert_consistent(m);
	EXPECT_FREE(m, dma, 5, MOV, 0, 32, 64);
	EXPECT_FREE(m, dma, 2, MOV, 96);
	EXPECT_FREE(m, normal, 2, MOV, 100);
	EXPECT_FREE(m, normal, 3, MOV, 104);
	EXPECT_FREE(m, normal, 4, MOV, 112);
	EXPECT_FREE(m, normal, 5, MOV, 128, 160, 192, 224);
	machine_destroy(m);
}
END_TEST

/*
 * x86's DMA zone starting at pfn 1 (section 2.1/2.3): [1,4096) frees
 * 1 o0, 2 o1, 4 o2, ..., 256 o8, 512 o9, 1024/2048/3072 o10; buddyinfo
 * "1 1 1 1 1 1 1 1 1 1 3". Pageblock 0 starts in a hole, is never set
 * and reads UNMOVABLE, so the blocks below 512 go to UNMOVABLE lists.
 */
START_TEST(boot_from_pfn1_leaves_pageblock0_unmovable)
{
	struct machine_shape s;
	struct mm_error e;
	struct machine *m;
	struct zone *dma;
	unsigned int o;
	char *bi;

	machine_shape_init(&s);
	s.thp = THP_NEVER;
	s.start_pfn = 1;
	s.zones[0][ZONE_DMA] = (struct zone_shape){ 4095, 4095, 4095 };
	m = machine_create(&s, &e);
	ck_assert_msg(m != NULL, "%s", e.msg);
	dma = DMA(m);
	assert_consistent(m);
	for (o = 0; o <= 8; o++) {
		EXPECT_FREE(m, dma, o, UNMOV, 1UL << o);
		EXPECT_EMPTY(m, dma, o, MOV);
	}
	EXPECT_FREE(m, dma, 9, MOV, 512);
	EXPECT_FREE(m, dma, 10, MOV, 1024, 2048, 3072);
	ck_assert_int_eq(block_mt(m, 1), UNMOV);
	ck_assert_int_eq(block_mt(m, 512), MOV);
	bi = buddyinfo(m);
	ck_assert_str_eq(bi, "Node 0, zone      DMA      1      1      1      1      1"
			     "      1      1      1      1      1      3 \n");
	free(bi);
	machine_destroy(m);
}
END_TEST

/* ==== 2. expand() ========================================================== */

/*
 * Zone [0,5119): boot leaves o10 0,1024,2048,3072 and one block at every
 * lower order (4096 o9 ... 5118 o0). Splitting the order-10 block at
 * P = 0 down to order 0 keeps P and puts P+512 (o9), P+256 (o8), ...,
 * P+1 (o0) each at the HEAD of its list, in front of the boot block.
 */
START_TEST(expand_pushes_upper_halves_to_list_heads)
{
	struct machine *m = boot_shape(0, 0, 5119, 0, 11, 9, 1);
	struct zone *z = NORMAL(m);
	static const unsigned long boot[10] = {
		5118, 5116, 5112, 5104, 5088, 5056, 4992, 4864, 4608, 4096
	};
	unsigned int o;

	for (o = 0; o < 10; o++)
		EXPECT_FREE(m, z, o, MOV, boot[o]);
	del_page_from_free_list(PG(m, 0), z, 10);
	expand(z, PG(m, 0), 0, 10, MOV);
	adopt(m, z, PG(m, 0), 0, MOV);
	assert_consistent(m);
	for (o = 0; o < 10; o++) {
		EXPECT_FREE(m, z, o, MOV, 1UL << o, boot[o]);
		expect_free_block(m, 1UL << o, o);
	}
	EXPECT_FREE(m, z, 10, MOV, 1024, 2048, 3072);
	ck_assert_int_eq(zone_free(z), 5119 - 1);
	machine_destroy(m);
}
END_TEST

/*
 * Zone [0,4096): rmqueue_smallest(0) splits 0 (o10) and returns 0,
 * leaving 512 o9 ... 1 o0; the next requests take 1, then split 2 (o1)
 * keeping 2 and freeing 3, then 3, then split 4 (o2)...: 0, 1, 2, ...
 */
START_TEST(consecutive_order0_buddy_allocations_walk_upward)
{
	struct machine *m = boot_shape(0, 0, 4096, 0, 11, 9, 1);
	struct zone *z = NORMAL(m);
	unsigned int o;
	long i;

	ck_assert_int_eq(take(m, z, 0, MOV), 0);
	for (o = 0; o < 10; o++)
		EXPECT_FREE(m, z, o, MOV, 1UL << o);
	EXPECT_FREE(m, z, 10, MOV, 1024, 2048, 3072);
	assert_consistent(m);
	for (i = 1; i < 40; i++)
		ck_assert_int_eq(take(m, z, 0, MOV), i);
	/* 40 = 32 + 8 taken: 40 o3, 48 o4, 64 o6, 128 o7, ... remain */
	EXPECT_FREE(m, z, 3, MOV, 40);
	EXPECT_FREE(m, z, 4, MOV, 48);
	EXPECT_EMPTY(m, z, 5, MOV);
	EXPECT_FREE(m, z, 6, MOV, 64);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * The same through alloc_pages_nodemask() with order 1 (no pcp for
 * order > 0): MOVABLE requests take 0 (splitting o10 0: 2 o1, 4 o2...),
 * then 2, then 4 (keeping 4, 6 to o1), 6, 8, ...
 */
START_TEST(order1_allocations_bypass_pcp_and_walk_upward)
{
	struct machine *m = boot_shape(0, 0, 4096, 0, 11, 9, 1);
	struct alloc_report rep;
	struct page *page;
	unsigned long i;

	for (i = 0; i < 12; i++) {
		page = alloc_pages_nodemask(m, GFP_HIGHUSER_MOVABLE, 1, 0, &rep);
		ck_assert_ptr_nonnull(page);
		record_block(m, page, 1, MOV);
		ck_assert_uint_eq(page_to_pfn(m, page), 2 * i);
		ck_assert_int_eq(rep.outcome, ALLOC_OK_FASTPATH);
		ck_assert(!rep.via_pcp);
		assert_consistent(m);
	}
	ck_assert_uint_eq(NORMAL(m)->pageset[0].pcp.count, 0);
	machine_destroy(m);
}
END_TEST

/* ==== 3. rmqueue_smallest ================================================= */

/*
 * Zone [0,5119) (one boot block per order, all MOVABLE). 5104 (o3) is
 * moved to the UNMOVABLE list: an order-3 MOVABLE request then skips
 * order 3 and splits 5088 (o4), keeping 5088 and putting 5096 on o3.
 * UNMOVABLE order 3 finds 5104. With no UNMOVABLE, RECLAIMABLE or
 * HIGHATOMIC block left, those requests get NULL and change nothing.
 */
START_TEST(rmqueue_smallest_smallest_order_of_the_type)
{
	struct machine *m = boot_shape(0, 0, 5119, 0, 11, 9, 1);
	struct zone *z = NORMAL(m);
	char *before, *after;

	move_to_free_list(PG(m, 5104), z, 3, UNMOV);
	assert_consistent(m);
	ck_assert_int_eq(take(m, z, 3, MOV), 5088);
	EXPECT_FREE(m, z, 3, MOV, 5096);
	EXPECT_FREE(m, z, 3, UNMOV, 5104);
	EXPECT_EMPTY(m, z, 4, MOV);
	assert_consistent(m);
	ck_assert_int_eq(take(m, z, 3, UNMOV), 5104);
	EXPECT_EMPTY(m, z, 3, UNMOV);
	assert_consistent(m);

	before = buddyinfo(m);
	ck_assert_ptr_null(rmqueue_smallest(z, 0, UNMOV));
	ck_assert_ptr_null(rmqueue_smallest(z, 0, RECL));
	ck_assert_ptr_null(rmqueue_smallest(z, 0, HIGHA));
	after = buddyinfo(m);
	ck_assert_str_eq(before, after);
	free(before);
	free(after);
	assert_consistent(m);

	ck_assert_int_eq(take(m, z, 2, MOV), 5112);   /* exact order */
	ck_assert_int_eq(take(m, z, 0, MOV), 5118);
	ck_assert_int_eq(take(m, z, 0, MOV), 5116);   /* o1 5116 split */
	EXPECT_FREE(m, z, 0, MOV, 5117);
	ck_assert_int_eq(zone_free(z), 5119 - 8 - 8 - 4 - 1 - 1);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/* ==== 4. fallback and stealing ============================================= */

/*
 * can_steal_fallback(order, start_mt): true for order >= pageblock_order,
 * for order >= pageblock_order/2, for UNMOVABLE and RECLAIMABLE requests,
 * and when mobility grouping is off; a small MOVABLE request: false.
 */
START_TEST(can_steal_fallback_truth_table)
{
	struct machine *m = boot_preset("default");   /* pageblock_order 9 */
	struct machine *tiny = boot_preset("tiny");   /* pageblock_order 5 */
	struct machine *small = boot_shape(0, 0, 2048, 0, 11, 9, 1);

	ck_assert(!m->page_group_by_mobility_disabled);
	ck_assert(can_steal_fallback(m, 10, MOV));
	ck_assert(can_steal_fallback(m, 9, MOV));
	ck_assert(can_steal_fallback(m, 5, MOV));
	ck_assert(can_steal_fallback(m, 4, MOV));     /* 9/2 = 4 */
	ck_assert(!can_steal_fallback(m, 3, MOV));
	ck_assert(!can_steal_fallback(m, 0, MOV));
	ck_assert(can_steal_fallback(m, 0, UNMOV));
	ck_assert(can_steal_fallback(m, 0, RECL));
	ck_assert(can_steal_fallback(m, 3, RECL));

	ck_assert(!tiny->page_group_by_mobility_disabled);   /* 256 >= 32*6 */
	ck_assert(can_steal_fallback(tiny, 2, MOV));  /* 5/2 = 2 */
	ck_assert(!can_steal_fallback(tiny, 1, MOV));
	ck_assert(can_steal_fallback(tiny, 5, MOV));

	/* 2048 pages < pageblock_nr_pages * MIGRATE_TYPES = 3072 */
	ck_assert(small->page_group_by_mobility_disabled);
	ck_assert(can_steal_fallback(small, 0, MOV));
	machine_destroy(m);
	machine_destroy(tiny);
	machine_destroy(small);
}
END_TEST

/*
 * find_suitable_fallback walks fallbacks[mt] in order: UNMOVABLE ->
 * RECLAIMABLE, MOVABLE; MOVABLE -> RECLAIMABLE, UNMOVABLE; RECLAIMABLE ->
 * UNMOVABLE, MOVABLE; HIGHATOMIC is never a source; an empty area is -1.
 * only_stealable refuses a fallback it may not steal.
 */
START_TEST(find_suitable_fallback_order)
{
	struct machine *m = boot_shape(0, 0, 5119, 0, 11, 9, 1);
	struct zone *z = NORMAL(m);
	struct free_area *a10 = &z->free_area[10];
	bool can_steal = true;

	/* o10: 0 MOVABLE, 1024 RECLAIMABLE, 2048 UNMOVABLE, 3072 MOVABLE */
	move_to_free_list(PG(m, 1024), z, 10, RECL);
	move_to_free_list(PG(m, 2048), z, 10, UNMOV);
	assert_consistent(m);
	ck_assert_int_eq(find_suitable_fallback(a10, 10, MOV, false, &can_steal, m), RECL);
	ck_assert(can_steal);
	ck_assert_int_eq(find_suitable_fallback(a10, 10, UNMOV, false, &can_steal, m), RECL);
	ck_assert_int_eq(find_suitable_fallback(a10, 10, RECL, false, &can_steal, m), UNMOV);
	/* RECLAIMABLE gone: MOVABLE's next choice is UNMOVABLE, UNMOVABLE's MOVABLE */
	move_to_free_list(PG(m, 1024), z, 10, MOV);
	ck_assert_int_eq(find_suitable_fallback(a10, 10, MOV, false, &can_steal, m), UNMOV);
	ck_assert_int_eq(find_suitable_fallback(a10, 10, UNMOV, false, &can_steal, m), MOV);
	ck_assert_int_eq(find_suitable_fallback(a10, 10, RECL, false, &can_steal, m), UNMOV);
	/* HIGHATOMIC blocks are never borrowed */
	move_to_free_list(PG(m, 0), z, 10, HIGHA);
	move_to_free_list(PG(m, 1024), z, 10, HIGHA);
	move_to_free_list(PG(m, 2048), z, 10, HIGHA);
	move_to_free_list(PG(m, 3072), z, 10, HIGHA);
	ck_assert_uint_eq(a10->nr_free, 4);
	ck_assert_int_eq(find_suitable_fallback(a10, 10, MOV, false, &can_steal, m), -1);
	ck_assert_int_eq(find_suitable_fallback(a10, 10, UNMOV, false, &can_steal, m), -1);
	ck_assert_int_eq(find_suitable_fallback(a10, 10, RECL, false, &can_steal, m), -1);
	assert_consistent(m);

	/* o3 (5104) as UNMOVABLE: a MOVABLE order-3 request may not steal */
	move_to_free_list(PG(m, 5104), z, 3, UNMOV);
	can_steal = true;
	ck_assert_int_eq(find_suitable_fallback(&z->free_area[3], 3, MOV, false, &can_steal, m),
			 UNMOV);
	ck_assert(!can_steal);
	ck_assert_int_eq(find_suitable_fallback(&z->free_area[3], 3, MOV, true, &can_steal, m),
			 -1);
	/* o4 (5088) as UNMOVABLE: order 4 = pageblock_order/2 may */
	move_to_free_list(PG(m, 5088), z, 4, UNMOV);
	ck_assert_int_eq(find_suitable_fallback(&z->free_area[4], 4, MOV, true, &can_steal, m),
			 UNMOV);
	ck_assert(can_steal);
	/* an order whose area is empty */
	take(m, z, 9, MOV);   /* 4096, the only o9 block */
	ck_assert_uint_eq(z->free_area[9].nr_free, 0);
	ck_assert_int_eq(find_suitable_fallback(&z->free_area[9], 9, UNMOV, false, &can_steal,
						m), -1);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * Zone [0,5119), all MOVABLE, plus 5104 (o3) on the RECLAIMABLE list.
 * __rmqueue_fallback for an UNMOVABLE order-0 request searches from the
 * LARGEST order down, so it takes o10 0 (head), not the preferred-type
 * RECLAIMABLE o3 block. Order 10 >= pageblock_order: the type of both
 * pageblocks (0 and 512) changes (change_pageblock_range), the block
 * moves to the UNMOVABLE o10 list (single_page), and extfrag reports
 * fragmenting=0 change_ownership=1. No boost for a whole-block steal.
 */
START_TEST(fallback_takes_largest_and_changes_whole_range)
{
	struct machine *m = boot_shape(0, 0, 5119, 0, 11, 9, 1);
	struct zone *z = NORMAL(m);
	struct page *page;

	move_to_free_list(PG(m, 5104), z, 3, RECL);
	record_events(m, &rec);
	ck_assert(rmqueue_fallback(z, 0, UNMOV, 0));
	assert_consistent(m);
	EXPECT_FREE(m, z, 10, UNMOV, 0);
	EXPECT_FREE(m, z, 10, MOV, 1024, 2048, 3072);
	EXPECT_FREE(m, z, 3, RECL, 5104);
	ck_assert_int_eq(block_mt(m, 0), UNMOV);
	ck_assert_int_eq(block_mt(m, 512), UNMOV);
	ck_assert_int_eq(block_mt(m, 1024), MOV);
	ck_assert_uint_eq(z->watermark_boost, 0);
	ck_assert_uint_eq(count_events(&rec, TRACE_MM_PAGE_ALLOC_EXTFRAG), 1);
	expect_extfrag(last_event(TRACE_MM_PAGE_ALLOC_EXTFRAG), 0, 0, 10, UNMOV, MOV, 0, 1);
	ck_assert_int_eq(last_event(TRACE_MM_PAGE_ALLOC_EXTFRAG)->pageblock_order, 9);

	/* __rmqueue now finds the block on its own list and splits it */
	page = rmqueue_(z, 0, UNMOV, 0);
	ck_assert_ptr_nonnull(page);
	ck_assert_uint_eq(page_to_pfn(m, page), 0);
	adopt(m, z, page, 0, UNMOV);
	EXPECT_FREE(m, z, 9, UNMOV, 512);
	EXPECT_FREE(m, z, 9, MOV, 4096);
	EXPECT_FREE(m, z, 0, UNMOV, 1);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * Build pageblock 0 of zone [0,4096) as UNMOVABLE holding only small free
 * blocks: take everything, then free 3 (o0, buddy 2 busy), 6+7 (-> 6 o1,
 * buddy 4 busy) and 8..15 (-> 8 o3, buddy 0 busy). The pcp of this small
 * zone has high 0, so each free reaches the buddy lists at once, on the
 * list of the pageblock's type (UNMOVABLE).
 */
static struct machine *small_unmovable_block(void)
{
	struct machine *m = boot_shape(0, 0, 4096, 0, 11, 9, 1);
	struct zone *z = NORMAL(m);
	long i;

	for (i = 0; i < 16; i++)
		ck_assert_int_eq(take(m, z, 0, MOV), i);
	ck_assert_int_eq(take(m, z, 4, MOV), 16);
	ck_assert_int_eq(take(m, z, 5, MOV), 32);
	ck_assert_int_eq(take(m, z, 6, MOV), 64);
	ck_assert_int_eq(take(m, z, 7, MOV), 128);
	ck_assert_int_eq(take(m, z, 8, MOV), 256);
	ck_assert_int_eq(take(m, z, 9, MOV), 512);
	ck_assert_int_eq(take(m, z, 10, MOV), 1024);
	ck_assert_int_eq(take(m, z, 10, MOV), 2048);
	ck_assert_int_eq(take(m, z, 10, MOV), 3072);
	ck_assert_int_eq(zone_free(z), 0);
	set_pageblock_migratetype(m, PG(m, 0), UNMOV);
	must_free(m, 3, 0);
	must_free(m, 6, 0);
	must_free(m, 7, 0);
	for (i = 8; i < 16; i++)
		must_free(m, (unsigned long)i, 0);
	EXPECT_FREE(m, z, 0, UNMOV, 3);
	EXPECT_FREE(m, z, 1, UNMOV, 6);
	EXPECT_FREE(m, z, 3, UNMOV, 8);
	ck_assert_int_eq(zone_free(z), 11);
	assert_consistent(m);
	return m;
}

/*
 * A MOVABLE order-0 request with only those UNMOVABLE blocks (o0 3,
 * o1 6, o3 8): the largest is o3, and a MOVABLE request may not steal
 * below order 4, so __rmqueue_fallback looks for the SMALLEST instead:
 * 3 (o0). whole_block is false: 3 alone moves to the MOVABLE list and
 * the pageblock stays UNMOVABLE; __rmqueue then returns 3. The zone
 * (4096 pages >= 4 pageblocks) is boosted by 512, but without
 * ALLOC_KSWAPD ZONE_BOOSTED_WATERMARK stays clear.
 */
START_TEST(movable_fallback_that_cannot_steal_takes_smallest)
{
	struct machine *m = small_unmovable_block();
	struct zone *z = NORMAL(m);
	struct page *page;

	record_events(m, &rec);
	page = rmqueue_(z, 0, MOV, 0);
	ck_assert_ptr_nonnull(page);
	ck_assert_uint_eq(page_to_pfn(m, page), 3);
	adopt(m, z, page, 0, MOV);
	assert_consistent(m);
	expect_extfrag(last_event(TRACE_MM_PAGE_ALLOC_EXTFRAG), 3, 0, 0, MOV, UNMOV, 1, 0);
	ck_assert_int_eq(block_mt(m, 0), UNMOV);
	EXPECT_FREE(m, z, 1, UNMOV, 6);
	EXPECT_FREE(m, z, 3, UNMOV, 8);
	EXPECT_EMPTY(m, z, 0, MOV);
	ck_assert_uint_eq(z->watermark_boost, 512);
	ck_assert(!(z->flags & (1UL << ZONE_BOOSTED_WATERMARK)));
	machine_destroy(m);
}
END_TEST

/*
 * Same state, but the steal carries ALLOC_KSWAPD: boost_watermark()
 * succeeds, so ZONE_BOOSTED_WATERMARK is set. rmqueue() clears it on its
 * way out and wakes kswapd (the node is boosted).
 */
START_TEST(boosting_steal_with_alloc_kswapd_flags_the_zone)
{
	struct machine *m = small_unmovable_block();
	struct zone *z = NORMAL(m);
	struct page *page;

	page = rmqueue_(z, 0, MOV, ALLOC_KSWAPD);
	ck_assert_uint_eq(page_to_pfn(m, page), 3);
	adopt(m, z, page, 0, MOV);
	ck_assert_uint_eq(z->watermark_boost, 512);
	ck_assert(z->flags & (1UL << ZONE_BOOSTED_WATERMARK));
	ck_assert_int_eq(z->zone_pgdat->kswapd_state, KSWAPD_SLEEPING);
	assert_consistent(m);

	/* an order-1 buddy allocation (6) passes through rmqueue()'s exit */
	page = rmqueue(z, z, 1, GFP_KERNEL, ALLOC_WMARK_MIN, UNMOV);
	ck_assert_ptr_nonnull(page);
	ck_assert_uint_eq(page_to_pfn(m, page), 6);
	record_block(m, page, 1, UNMOV);
	ck_assert(!(z->flags & (1UL << ZONE_BOOSTED_WATERMARK)));
	ck_assert_int_eq(z->zone_pgdat->kswapd_state, KSWAPD_WOKEN);
	ck_assert_uint_eq(z->zone_pgdat->kswapd_wakeups, 1);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * Zone [0,4096): take 0 (o0, splitting o10 0), 512 (o9) and the other
 * three o10 blocks: MOVABLE pageblock 0 keeps 1 o0 ... 128 o7 and
 * 256 o8 (511 pages), nothing of order >= 9 is free.
 * ALLOC_NOFRAGMENT sets min_order = pageblock_order: no steal at all.
 * Once 512 o9 is freed, the steal takes it (fragmenting=0).
 * Without the flag the largest block left (256 o8) is stolen:
 * UNMOVABLE from a MOVABLE pageblock counts all non-free pages as alike
 * (512 - 511 free - 0 movable = 1): 511 + 1 >= 256 claims the pageblock,
 * and move_freepages_block() has moved all 511 free pages.
 */
START_TEST(nofragment_limits_fallback_to_pageblock_order)
{
	struct machine *m = boot_shape(0, 0, 4096, 0, 11, 9, 1);
	struct zone *z = NORMAL(m);
	unsigned int o;
	char *before, *after;

	ck_assert_int_eq(take(m, z, 0, MOV), 0);
	ck_assert_int_eq(take(m, z, 9, MOV), 512);
	ck_assert_int_eq(take(m, z, 10, MOV), 1024);
	ck_assert_int_eq(take(m, z, 10, MOV), 2048);
	ck_assert_int_eq(take(m, z, 10, MOV), 3072);
	assert_consistent(m);

	record_events(m, &rec);
	before = buddyinfo(m);
	ck_assert(!rmqueue_fallback(z, 0, UNMOV, ALLOC_NOFRAGMENT));
	after = buddyinfo(m);
	ck_assert_str_eq(before, after);
	free(before);
	free(after);
	ck_assert_uint_eq(count_events(&rec, TRACE_MM_PAGE_ALLOC_EXTFRAG), 0);
	for (o = 0; o <= 8; o++)
		EXPECT_FREE(m, z, o, MOV, 1UL << o);
	ck_assert_int_eq(block_mt(m, 0), MOV);
	assert_consistent(m);

	must_free(m, 512, 9);
	EXPECT_FREE(m, z, 9, MOV, 512);
	ck_assert(rmqueue_fallback(z, 0, UNMOV, ALLOC_NOFRAGMENT));
	EXPECT_FREE(m, z, 9, UNMOV, 512);
	ck_assert_int_eq(block_mt(m, 512), UNMOV);
	ck_assert_int_eq(block_mt(m, 0), MOV);
	expect_extfrag(last_event(TRACE_MM_PAGE_ALLOC_EXTFRAG), 512, 0, 9, UNMOV, MOV, 0, 1);
	assert_consistent(m);

	ck_assert(rmqueue_fallback(z, 0, UNMOV, 0));
	expect_extfrag(last_event(TRACE_MM_PAGE_ALLOC_EXTFRAG), 256, 0, 8, UNMOV, MOV, 1, 1);
	ck_assert_int_eq(block_mt(m, 0), UNMOV);
	for (o = 0; o <= 8; o++) {
		EXPECT_FREE(m, z, o, UNMOV, 1UL << o);
		EXPECT_EMPTY(m, z, o, MOV);
	}
	ck_assert_uint_eq(z->watermark_boost, 512);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * Zone [0,4096): take 0 (o0), 256 (o8), 512 (o8, splitting 512 o9 and
 * leaving 768 o8), and the three other o10 blocks. Pageblock 0 then has
 * 255 free pages (1 o0 ... 128 o7), pageblock 1 exactly 256 (768 o8).
 * Both become RECLAIMABLE. An UNMOVABLE steal from a RECLAIMABLE block
 * counts no page as alike, so it claims the block iff free >= 256:
 * stealing 768 (largest, o8) claims pageblock 1; stealing 128 (o7)
 * moves the 255 free pages of pageblock 0 to UNMOVABLE lists but the
 * pageblock stays RECLAIMABLE.
 */
START_TEST(whole_block_steal_claims_at_half_a_pageblock)
{
	struct machine *m = boot_shape(0, 0, 4096, 0, 11, 9, 1);
	struct zone *z = NORMAL(m);
	unsigned int o;

	ck_assert_int_eq(take(m, z, 0, MOV), 0);
	ck_assert_int_eq(take(m, z, 8, MOV), 256);
	ck_assert_int_eq(take(m, z, 8, MOV), 512);
	ck_assert_int_eq(take(m, z, 10, MOV), 1024);
	ck_assert_int_eq(take(m, z, 10, MOV), 2048);
	ck_assert_int_eq(take(m, z, 10, MOV), 3072);
	set_pageblock_migratetype(m, PG(m, 0), RECL);
	set_pageblock_migratetype(m, PG(m, 512), RECL);
	ck_assert_int_eq(move_freepages_block(z, PG(m, 1), RECL, NULL), 255);
	ck_assert_int_eq(move_freepages_block(z, PG(m, 768), RECL, NULL), 256);
	assert_consistent(m);

	record_events(m, &rec);
	ck_assert(rmqueue_fallback(z, 0, UNMOV, 0));
	expect_extfrag(last_event(TRACE_MM_PAGE_ALLOC_EXTFRAG), 768, 0, 8, UNMOV, RECL, 1, 1);
	ck_assert_int_eq(block_mt(m, 512), UNMOV);
	EXPECT_FREE(m, z, 8, UNMOV, 768);
	EXPECT_EMPTY(m, z, 8, RECL);
	assert_consistent(m);

	ck_assert(rmqueue_fallback(z, 0, UNMOV, 0));
	expect_extfrag(last_event(TRACE_MM_PAGE_ALLOC_EXTFRAG), 128, 0, 7, UNMOV, RECL, 1, 0);
	ck_assert_int_eq(block_mt(m, 0), RECL);
	for (o = 0; o <= 7; o++) {
		EXPECT_FREE(m, z, o, UNMOV, 1UL << o);
		EXPECT_EMPTY(m, z, o, RECL);
	}
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * Pageblock 0 UNMOVABLE with 255 free pages (1 o0 ... 128 o7), nothing
 * else free. A MOVABLE order-4 request: its largest fallback is 128 (o7),
 * order >= 4 so whole_block: move_freepages_block moves all 255 pages to
 * MOVABLE lists, but alike = movable_pages = 0 and 255 < 256: the block
 * stays UNMOVABLE. __rmqueue then re-runs __rmqueue_smallest, which finds
 * 16 (o4) -- not the stolen 128.
 */
START_TEST(movable_steal_that_cannot_claim_leaves_block_type)
{
	struct machine *m = boot_shape(0, 0, 4096, 0, 11, 9, 1);
	struct zone *z = NORMAL(m);
	struct page *page;

	ck_assert_int_eq(take(m, z, 0, MOV), 0);
	ck_assert_int_eq(take(m, z, 8, MOV), 256);
	ck_assert_int_eq(take(m, z, 9, MOV), 512);
	ck_assert_int_eq(take(m, z, 10, MOV), 1024);
	ck_assert_int_eq(take(m, z, 10, MOV), 2048);
	ck_assert_int_eq(take(m, z, 10, MOV), 3072);
	set_pageblock_migratetype(m, PG(m, 0), UNMOV);
	ck_assert_int_eq(move_freepages_block(z, PG(m, 1), UNMOV, NULL), 255);
	assert_consistent(m);

	record_events(m, &rec);
	page = rmqueue_(z, 4, MOV, 0);
	ck_assert_ptr_nonnull(page);
	ck_assert_uint_eq(page_to_pfn(m, page), 16);
	adopt(m, z, page, 4, MOV);
	expect_extfrag(last_event(TRACE_MM_PAGE_ALLOC_EXTFRAG), 128, 4, 7, MOV, UNMOV, 1, 0);
	ck_assert_int_eq(block_mt(m, 0), UNMOV);
	EXPECT_FREE(m, z, 0, MOV, 1);
	EXPECT_FREE(m, z, 3, MOV, 8);
	EXPECT_EMPTY(m, z, 4, MOV);
	EXPECT_FREE(m, z, 7, MOV, 128);
	EXPECT_EMPTY(m, z, 7, UNMOV);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * boost_watermark(): +pageblock_nr_pages per call, capped at
 * max(pageblock_nr_pages, high * watermark_boost_factor / 10000).
 * default preset Normal: min_free_kbytes = int_sqrt(65536*4*16) = 2048,
 * so min = 512*61440/65536 = 480, step = max(120, 61) = 120, high = 720;
 * cap = 720 * 1.5 = 1080: boosts 512, 1024, 1080. The accessors include
 * the boost. Zones under 4 pageblocks (2047 pages) never boost; 2048 do.
 * watermark_boost_factor 0 disables boosting.
 */
START_TEST(boost_watermark_steps_and_caps)
{
	struct machine *m = boot_preset("default");
	struct machine *s1 = boot_shape(0, 0, 2047, 0, 11, 9, 1);
	struct machine *s2 = boot_shape(0, 0, 2048, 0, 11, 9, 1);
	struct zone *z = NORMAL(m);

	ck_assert_uint_eq(z->_watermark[WMARK_HIGH], 720);
	ck_assert(boost_watermark(z));
	ck_assert_uint_eq(z->watermark_boost, 512);
	ck_assert(boost_watermark(z));
	ck_assert_uint_eq(z->watermark_boost, 1024);
	ck_assert(boost_watermark(z));
	ck_assert_uint_eq(z->watermark_boost, 1080);
	ck_assert_uint_eq(low_wmark_pages(z), 600 + 1080);
	ck_assert_uint_eq(min_wmark_pages(z), 480 + 1080);
	assert_consistent(m);

	ck_assert(!boost_watermark(NORMAL(s1)));
	ck_assert_uint_eq(NORMAL(s1)->watermark_boost, 0);
	ck_assert(boost_watermark(NORMAL(s2)));
	ck_assert_uint_eq(NORMAL(s2)->watermark_boost, 512);

	m->watermark_boost_factor = 0;
	ck_assert(!boost_watermark(DMA(m)));
	ck_assert_uint_eq(DMA(m)->watermark_boost, 0);
	machine_destroy(m);
	machine_destroy(s1);
	machine_destroy(s2);
}
END_TEST

/*
 * A block whose pageblock is HIGHATOMIC goes to single_page before
 * anything else: no change_pageblock_range even at order 10, no boost,
 * no move_freepages_block; only the block itself moves (to the tail of
 * the start_type list). A MOVABLE pageblock in the same call changes.
 */
START_TEST(steal_from_highatomic_pageblock_moves_single_block)
{
	struct machine *m = boot_shape(0, 0, 4096, 0, 11, 9, 1);
	struct zone *z = NORMAL(m);

	set_pageblock_migratetype(m, PG(m, 0), HIGHA);
	steal_suitable_fallback(z, PG(m, 0), ALLOC_KSWAPD, UNMOV, true);
	EXPECT_FREE(m, z, 10, UNMOV, 0);
	ck_assert_int_eq(block_mt(m, 0), HIGHA);
	ck_assert_int_eq(block_mt(m, 512), MOV);
	steal_suitable_fallback(z, PG(m, 1024), ALLOC_KSWAPD, UNMOV, true);
	EXPECT_FREE(m, z, 10, UNMOV, 0, 1024);
	ck_assert_int_eq(block_mt(m, 1024), UNMOV);
	ck_assert_int_eq(block_mt(m, 1536), UNMOV);
	assert_consistent(m);

	/* small blocks: split 2048 (HIGHATOMIC pageblock 4) for order 0 */
	set_pageblock_migratetype(m, PG(m, 2048), HIGHA);
	ck_assert_int_eq(take(m, z, 0, MOV), 2048);
	EXPECT_FREE(m, z, 8, MOV, 2048 + 256);
	EXPECT_FREE(m, z, 7, MOV, 2048 + 128);
	steal_suitable_fallback(z, PG(m, 2048 + 256), ALLOC_KSWAPD, UNMOV, true);
	EXPECT_FREE(m, z, 8, UNMOV, 2048 + 256);
	EXPECT_FREE(m, z, 7, MOV, 2048 + 128);   /* not dragged along */
	ck_assert_int_eq(block_mt(m, 2048), HIGHA);
	ck_assert_uint_eq(z->watermark_boost, 0);
	ck_assert(!(z->flags & (1UL << ZONE_BOOSTED_WATERMARK)));
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/* ==== 5. __free_one_page =================================================== */

/*
 * Zone [0,4096): take 0 (o0); its buddies 1 o0, 2 o1, ..., 256 o8 are
 * free (first phase, up to pageblock_order 9), then 512 o9 (the second
 * phase, one order past the isolation check): freeing 0 merges all the
 * way to 0 o10 = MAX_ORDER-1, placed at the head (order 10 never goes to
 * the tail): [0, 1024, 2048, 3072].
 */
START_TEST(free_merges_up_to_max_order)
{
	struct machine *m = boot_shape(0, 0, 4096, 0, 11, 9, 1);
	struct zone *z = NORMAL(m);
	unsigned long pgfree;
	unsigned int o;

	ck_assert_int_eq(take(m, z, 0, MOV), 0);
	EXPECT_FREE(m, z, 10, MOV, 1024, 2048, 3072);
	pgfree = m->vm_events[PGFREE];
	must_free(m, 0, 0);
	assert_consistent(m);
	EXPECT_FREE(m, z, 10, MOV, 0, 1024, 2048, 3072);
	for (o = 0; o < 10; o++)
		ck_assert_uint_eq(z->free_area[o].nr_free, 0);
	ck_assert_int_eq(zone_free(z), 4096);
	ck_assert_uint_eq(m->vm_events[PGFREE], pgfree + 1);
	machine_destroy(m);
}
END_TEST

/*
 * pageblock_order 5 < MAX_ORDER-1: the first phase stops at order 5 and
 * the second phase repeats one order at a time (5->6->...->10).
 */
START_TEST(free_merges_past_small_pageblock_order)
{
	struct machine *m = boot_shape(0, 0, 4096, 0, 11, 5, 1);
	struct zone *z = NORMAL(m);

	ck_assert_int_eq(take(m, z, 0, MOV), 0);
	ck_assert_int_eq(take(m, z, 3, MOV), 8);
	must_free(m, 0, 0);
	expect_free_block(m, 0, 3);   /* 0+1+2+4 -> o3; buddy 8 busy */
	must_free(m, 8, 3);
	assert_consistent(m);
	EXPECT_FREE(m, z, 10, MOV, 0, 1024, 2048, 3072);
	ck_assert_int_eq(zone_free(z), 4096);
	machine_destroy(m);
}
END_TEST

/*
 * tiny (MAX_ORDER 6): freeing an o5 block whose o5 buddy is free does not
 * merge: 5 = MAX_ORDER-1. It goes back to the head: [0, 32, ..., 224].
 */
START_TEST(free_stops_at_max_order_minus_one)
{
	struct machine *m = boot_preset("tiny");
	struct zone *z = NORMAL(m);

	EXPECT_FREE(m, z, 5, MOV, 0, 32, 64, 96, 128, 160, 192, 224);
	ck_assert_int_eq(take(m, z, 5, MOV), 0);
	must_free(m, 0, 5);
	assert_consistent(m);
	EXPECT_FREE(m, z, 5, MOV, 0, 32, 64, 96, 128, 160, 192, 224);
	ck_assert_uint_eq(z->free_area[5].nr_free, 8);
	machine_destroy(m);
}
END_TEST

/*
 * DMA [0,100), Normal [100,256): Normal's 100 (o2) and DMA's 96 (o2) are
 * buddies (100 ^ 4 = 96) but page_is_buddy() requires the same zone:
 * freeing either never merges across the zone edge.
 */
START_TEST(free_does_not_merge_across_zone_edge)
{
	struct machine *m = boot_shape(100, 0, 156, 0, 6, 5, 1);
	struct zone *dma = DMA(m), *normal = NORMAL(m);

	ck_assert_int_eq(take(m, normal, 2, MOV), 100);
	must_free(m, 100, 2);
	assert_consistent(m);
	EXPECT_FREE(m, normal, 2, MOV, 100);
	EXPECT_FREE(m, dma, 2, MOV, 96);
	EXPECT_EMPTY(m, dma, 3, MOV);
	EXPECT_FREE(m, normal, 3, MOV, 104);   /* boot block, untouched */
	ck_assert_int_eq(take(m, dma, 2, MOV), 96);
	must_free(m, 96, 2);
	assert_consistent(m);
	EXPECT_FREE(m, dma, 2, MOV, 96);
	EXPECT_FREE(m, normal, 2, MOV, 100);
	ck_assert_int_eq(zone_free(dma), 100);
	ck_assert_int_eq(zone_free(normal), 156);
	machine_destroy(m);
}
END_TEST

/*
 * default preset, Normal pcp high 90 batch 15. 15 MOVABLE order-0
 * allocations: the first refill splits 4096 (o10) and brings 4096..4110
 * onto the pcp (tail-appended), handed out in that order; 4111 o0,
 * 4112 o4, ... stay in the buddy. Free 4101, then 4100: pcp [4100, 4101].
 * Flushing one page takes the tail, 4101: its buddy 4100 is on the pcp
 * (not PageBuddy), so it stays at o0 (head of o0: [4101, 4111]).
 * Flushing 4100 then merges with 4101 into 4100 o1, whose buddy 4102 is
 * allocated: the merge stops at o1.
 */
START_TEST(free_stops_at_pcp_and_allocated_buddies)
{
	struct machine *m = boot_preset("default");
	struct zone *z = NORMAL(m);
	struct per_cpu_pages *pcp = &z->pageset[0].pcp;
	struct alloc_report rep;
	long i;

	ck_assert_int_eq(pcp->high, 90);
	ck_assert_int_eq(pcp->batch, 15);
	for (i = 0; i < 15; i++) {
		ck_assert_int_eq(must_alloc(m, GFP_HIGHUSER_MOVABLE, 0, NUMA_NO_NODE, &rep),
				 4096 + i);
		ck_assert(rep.via_pcp);
	}
	ck_assert_int_eq(pcp->count, 0);
	EXPECT_FREE(m, z, 0, MOV, 4111);
	EXPECT_FREE(m, z, 4, MOV, 4112);
	assert_consistent(m);

	must_free(m, 4101, 0);
	must_free(m, 4100, 0);
	EXPECT_PCP(m, z, 0, MOV, 4100, 4101);
	ck_assert_int_eq(zone_free(z), 61440 - 15);
	assert_consistent(m);

	free_pcppages_bulk(z, 1, pcp);
	EXPECT_PCP(m, z, 0, MOV, 4100);
	EXPECT_FREE(m, z, 0, MOV, 4101, 4111);
	expect_free_block(m, 4101, 0);
	assert_consistent(m);

	free_pcppages_bulk(z, 1, pcp);
	ck_assert_int_eq(pcp->count, 0);
	EXPECT_FREE(m, z, 1, MOV, 4100);
	EXPECT_FREE(m, z, 0, MOV, 4111);
	expect_free_block(m, 4100, 1);
	ck_assert_int_eq(zone_free(z), 61440 - 13);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/* ==== 6. head or tail ====================================================== */

/*
 * Zone [0,4096) (pcp high 0: order-0 frees reach the buddy at once).
 * Take 0..15 as single pages. Free 4 (buddy 5 busy; parent's buddy 6
 * busy) -> head: o0 [4]. Free 8 -> head: [8, 4]. Free 9: merges to
 * 8 o1; buddy 10 busy, parent's buddy 12 busy -> head of o1. Free 10:
 * buddy 11 busy, but the parent [10,12)'s buddy 8 is a free o1 block:
 * buddy_merge_likely -> TAIL: o0 [4, 10].
 */
START_TEST(buddy_merge_likely_puts_small_blocks_at_tail)
{
	struct machine *m = boot_shape(0, 0, 4096, 0, 11, 9, 1);
	struct zone *z = NORMAL(m);
	long i;

	ck_assert_int_eq(z->pageset[0].pcp.high, 0);
	for (i = 0; i < 16; i++)
		ck_assert_int_eq(take(m, z, 0, MOV), i);
	must_free(m, 4, 0);
	EXPECT_FREE(m, z, 0, MOV, 4);
	must_free(m, 8, 0);
	EXPECT_FREE(m, z, 0, MOV, 8, 4);
	must_free(m, 9, 0);
	EXPECT_FREE(m, z, 0, MOV, 4);
	EXPECT_FREE(m, z, 1, MOV, 8);
	assert_consistent(m);
	ck_assert(buddy_merge_likely(m, 10, 11, 0));
	ck_assert(!buddy_merge_likely(m, 4, 5, 0));
	must_free(m, 10, 0);
	EXPECT_FREE(m, z, 0, MOV, 4, 10);
	assert_consistent(m);
	/* freeing 11 now merges 10+11 -> o1, + 8 -> 8 o2; buddy 12 busy */
	must_free(m, 11, 0);
	EXPECT_FREE(m, z, 0, MOV, 4);
	EXPECT_EMPTY(m, z, 1, MOV);
	EXPECT_FREE(m, z, 2, MOV, 8);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * Order 8 = MAX_ORDER-3 is still eligible for the tail. Zone [0,8192):
 * take 0, 256, ..., 1792 at order 8. Free 1280 (buddy 1024 busy, parent
 * buddy 1536 busy) -> head: o8 [1280]. Free 512 -> head: [512, 1280].
 * Free 768: merges with 512 into 512 o9 (head of o9). Free 0: buddy 256
 * busy; parent [0,512)'s buddy 512 is a free o9 block -> TAIL:
 * o8 [1280, 0].
 */
START_TEST(order8_goes_to_tail_when_parent_buddy_free)
{
	struct machine *m = boot_shape(0, 0, 8192, 0, 11, 9, 1);
	struct zone *z = NORMAL(m);
	long i;

	for (i = 0; i < 8; i++)
		ck_assert_int_eq(take(m, z, 8, MOV), 256 * i);
	must_free(m, 1280, 8);
	EXPECT_FREE(m, z, 8, MOV, 1280);
	must_free(m, 512, 8);
	EXPECT_FREE(m, z, 8, MOV, 512, 1280);
	must_free(m, 768, 8);
	EXPECT_FREE(m, z, 8, MOV, 1280);
	EXPECT_FREE(m, z, 9, MOV, 512);
	assert_consistent(m);
	must_free(m, 0, 8);
	EXPECT_FREE(m, z, 8, MOV, 1280, 0);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * Orders MAX_ORDER-2 (9) and MAX_ORDER-1 (10) always go to the head.
 * Zone [0,8192): take 0, 512, ..., 2560 at order 9. Free 2560 (buddy
 * 2048 busy) -> o9 [2560]. Free 1024, then 1536: they merge to 1024 o10,
 * placed at the HEAD of o10 ([1024, 3072, ..., 7168]). Free 512: buddy 0
 * busy, the parent's buddy 1024 is free at o10, but order 9 >= MAX_ORDER-2
 * -> head: o9 [512, 2560]. FPI_TO_TAIL overrides: freeing 0 that way
 * merges with 512 into 0 o10 and appends it: [1024, 3072, ..., 7168, 0].
 */
START_TEST(orders_9_and_10_head_fpi_to_tail_tail)
{
	struct machine *m = boot_shape(0, 0, 8192, 0, 11, 9, 1);
	struct zone *z = NORMAL(m);
	long i;

	for (i = 0; i < 6; i++)
		ck_assert_int_eq(take(m, z, 9, MOV), 512 * i);
	EXPECT_FREE(m, z, 10, MOV, 3072, 4096, 5120, 6144, 7168);
	must_free(m, 2560, 9);
	EXPECT_FREE(m, z, 9, MOV, 2560);
	must_free(m, 1024, 9);
	must_free(m, 1536, 9);
	EXPECT_FREE(m, z, 9, MOV, 2560);
	EXPECT_FREE(m, z, 10, MOV, 1024, 3072, 4096, 5120, 6144, 7168);
	assert_consistent(m);

	must_free(m, 512, 9);
	EXPECT_FREE(m, z, 9, MOV, 512, 2560);
	ck_assert(!buddy_merge_likely(m, 512, 0, 9));
	assert_consistent(m);

	release(m, 0);
	free_pages_ok(m, PG(m, 0), 9, FPI_TO_TAIL);
	EXPECT_FREE(m, z, 9, MOV, 2560);
	EXPECT_FREE(m, z, 10, MOV, 1024, 3072, 4096, 5120, 6144, 7168, 0);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/* ==== 7. refused frees ===================================================== */

/*
 * Normal spans 16384 pfns: [0,15900) managed, [15900,16000) reserved,
 * [16000,16384) a hole. pcp high 18 batch 3 (15900/1024 = 15, /4 = 3,
 * rounddown_pow_of_two(4) - 1 = 3). A GFP_KERNEL order-0 allocation
 * refills 0, 1, 2 and returns 0 (1 and 2 stay on the pcp); order 2 then
 * splits 4 (o2) from the UNMOVABLE lists (3 o0, 4 o2, 8 o3, ...).
 */
START_TEST(free_refusals_change_nothing)
{
	struct machine_shape s;
	struct mm_error e;
	struct machine *m;
	struct zone *z;
	struct alloc_report rep;
	char *before, *after;
	unsigned long blocks, pgfree;
	int pcp_count;
	struct {
		unsigned long pfn;
		int order;
		const char *msg;
	} bad[] = {
		{ 16384, -1, "pfn 0x4000 is outside memory (pfns 0x0-0x3fff)" },
		{ 1UL << 40, -1, "is outside memory" },
		{ 16100, -1, "pfn 0x3ee4 is a hole" },
		{ 15950, 0, "pfn 0x3e4e is reserved" },
		{ 2000, -1, "pfn 0x7d0 is already free (in the free order-10 block at 0x400)" },
		{ 1, -1, "pfn 0x1 is already free (on a per-CPU list" },
		{ 2, 0, "on a per-CPU list" },
		{ 5, -1, "pfn 0x5 is not a block head: it is inside the order-2 block at 0x4" },
		{ 4, 3, "pfn 0x4 was allocated with order 2, not 3" },
		{ 4, 0, "was allocated with order 2, not 0" },
	};
	size_t i;

	machine_shape_init(&s);
	s.thp = THP_NEVER;
	s.zones[0][ZONE_NORMAL] = (struct zone_shape){ 16384, 16000, 15900 };
	m = machine_create(&s, &e);
	ck_assert_msg(m != NULL, "%s", e.msg);
	z = NORMAL(m);
	ck_assert_int_eq(z->pageset[0].pcp.high, 18);
	ck_assert_int_eq(z->pageset[0].pcp.batch, 3);
	ck_assert_int_eq(must_alloc(m, GFP_KERNEL, 0, NUMA_NO_NODE, &rep), 0);
	EXPECT_PCP(m, z, 0, UNMOV, 1, 2);
	ck_assert_int_eq(must_alloc(m, GFP_KERNEL, 2, NUMA_NO_NODE, &rep), 4);
	assert_consistent(m);

	before = buddyinfo(m);
	blocks = m->allocated.blocks;
	pgfree = m->vm_events[PGFREE];
	pcp_count = z->pageset[0].pcp.count;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		memset(e.msg, 0, sizeof(e.msg));
		ck_assert_int_eq(mmsh_free_check(m, bad[i].pfn, bad[i].order, &e), -1);
		ck_assert_msg(strstr(e.msg, bad[i].msg) != NULL, "pfn %lu: got \"%s\", want \"%s\"",
			      bad[i].pfn, e.msg, bad[i].msg);
		ck_assert_int_eq(mmsh_free(m, bad[i].pfn, bad[i].order, &e), -1);
		ck_assert_msg(strstr(e.msg, bad[i].msg) != NULL, "free %lu: \"%s\"", bad[i].pfn,
			      e.msg);
		after = buddyinfo(m);
		ck_assert_str_eq(before, after);
		free(after);
		ck_assert_uint_eq(m->allocated.blocks, blocks);
		ck_assert_uint_eq(m->vm_events[PGFREE], pgfree);
		ck_assert_int_eq(z->pageset[0].pcp.count, pcp_count);
		assert_consistent(m);
	}
	free(before);

	ck_assert_int_eq(mmsh_free_check(m, 4, 2, &e), 0);
	ck_assert_int_eq(mmsh_free_check(m, 4, -1, &e), 0);
	must_free(m, 4, -1);
	must_free(m, 0, 0);
	EXPECT_PCP(m, z, 0, UNMOV, 0, 1, 2);
	ck_assert_uint_eq(m->allocated.blocks, 0);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/* ==== 8. alloc_pages_nodemask outcomes ===================================== */

/*
 * default preset, first GFP_KERNEL page: preferred zone Normal, so the
 * fast path runs with ALLOC_WMARK_LOW|ALLOC_KSWAPD|ALLOC_NOFRAGMENT
 * (0x901). Normal has only MOVABLE o10 blocks: the pcp refill steals the
 * whole block 4096 (pageblocks 4096 and 4608 become UNMOVABLE, extfrag
 * fragmenting=0 change_ownership=1, section 15.8) and hands out 4096;
 * 4097..4110 wait on the pcp. An order-1 GFP_KERNEL request skips the pcp
 * and splits 4112 (o4), the smallest UNMOVABLE block of order >= 1.
 * GFP_HIGHUSER_MOVABLE adds ALLOC_CMA (0x981) and takes 5120. A request
 * preferring DMA gets no ALLOC_NOFRAGMENT (0x801).
 */
START_TEST(fast_path_reports)
{
	struct machine *m = boot_preset("default");
	struct zone *z = NORMAL(m);
	struct alloc_report rep;

	record_events(m, &rec);
	ck_assert_int_eq(must_alloc(m, GFP_KERNEL, 0, NUMA_NO_NODE, &rep), 4096);
	ck_assert_int_eq(rep.outcome, ALLOC_OK_FASTPATH);
	ck_assert(rep.via_pcp);
	ck_assert(!rep.woke_kswapd);
	ck_assert_uint_eq(rep.alloc_flags, ALLOC_WMARK_LOW | ALLOC_KSWAPD | ALLOC_NOFRAGMENT);
	ck_assert_uint_eq(count_events(&rec, TRACE_MM_PAGE_ALLOC_EXTFRAG), 1);
	expect_extfrag(last_event(TRACE_MM_PAGE_ALLOC_EXTFRAG), 4096, 0, 10, UNMOV, MOV, 0, 1);
	ck_assert_int_eq(block_mt(m, 4096), UNMOV);
	ck_assert_int_eq(block_mt(m, 4608), UNMOV);
	ck_assert_int_eq(block_mt(m, 5120), MOV);
	ck_assert_int_eq(z->pageset[0].pcp.count, 14);
	ck_assert_uint_eq(count_events(&rec, TRACE_MM_PAGE_ALLOC_ZONE_LOCKED), 15);
	ck_assert_uint_eq(count_events(&rec, TRACE_MM_PAGE_ALLOC), 1);
	ck_assert(last_event(TRACE_MM_PAGE_ALLOC)->has_page);
	ck_assert_uint_eq(last_event(TRACE_MM_PAGE_ALLOC)->pfn, 4096);
	assert_consistent(m);

	ck_assert_int_eq(must_alloc(m, GFP_KERNEL, 1, NUMA_NO_NODE, &rep), 4112);
	ck_assert_int_eq(rep.outcome, ALLOC_OK_FASTPATH);
	ck_assert(!rep.via_pcp);
	assert_consistent(m);

	ck_assert_int_eq(must_alloc(m, GFP_HIGHUSER_MOVABLE, 0, NUMA_NO_NODE, &rep), 5120);
	ck_assert(rep.via_pcp);
	ck_assert_uint_eq(rep.alloc_flags,
			  ALLOC_WMARK_LOW | ALLOC_KSWAPD | ALLOC_NOFRAGMENT | ALLOC_CMA);
	assert_consistent(m);

	/* preferred zone DMA: no ALLOC_NOFRAGMENT; DMA steals its o10 block 0 */
	ck_assert_int_eq(must_alloc(m, GFP_KERNEL | GFP_DMA, 0, NUMA_NO_NODE, &rep), 0);
	ck_assert_uint_eq(rep.alloc_flags, ALLOC_WMARK_LOW | ALLOC_KSWAPD);
	ck_assert_int_eq(rep.outcome, ALLOC_OK_FASTPATH);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * tiny: 256 managed pages, min_free_kbytes = int_sqrt(1024*16) = 128 kB =
 * 32 pages: min 32, step max(8, 0) = 8, low 40, high 48; pcp high 0.
 * GFP_NOWAIT order 0: the fast path (low mark, order 0: free > 40) works
 * for the first 216 pages (free 256 .. 41 before each); the slow path
 * (min mark, no ALLOC_HIGH/HARDER: free > 32) for 8 more; the 225th,
 * with free = 32 = min, fails: ALLOC_FAIL_NOWAIT. Each UNMOVABLE request
 * steals a whole o5 block, so the pages come out as 0, 1, 2, ...
 */
static struct machine *tiny_exhausted_by_nowait(void)
{
	struct machine *m = boot_preset("tiny");
	struct zone *z = NORMAL(m);
	struct alloc_report rep;
	long i;

	ck_assert_uint_eq(z->_watermark[WMARK_MIN], 32);
	ck_assert_uint_eq(z->_watermark[WMARK_LOW], 40);
	for (i = 0; i < 224; i++) {
		ck_assert_int_eq(must_alloc(m, GFP_NOWAIT, 0, NUMA_NO_NODE, &rep), i);
		if (i < 216) {
			ck_assert_int_eq(rep.outcome, ALLOC_OK_FASTPATH);
			ck_assert(!rep.woke_kswapd);
		} else {
			ck_assert_int_eq(rep.outcome, ALLOC_OK_SLOWPATH);
			ck_assert(rep.woke_kswapd);
			ck_assert_uint_eq(rep.alloc_flags,
					  ALLOC_WMARK_MIN | ALLOC_CPUSET | ALLOC_KSWAPD);
		}
		if (i == 0) {
			ck_assert(rep.via_pcp);
			assert_consistent(m);
		}
	}
	ck_assert_int_eq(zone_free(z), 32);
	assert_consistent(m);
	return m;
}

START_TEST(nowait_fails_at_min_with_a_null_mm_page_alloc)
{
	struct machine *m = tiny_exhausted_by_nowait();
	struct alloc_report rep;
	const struct trace_event *ev;

	record_events(m, &rec);
	ck_assert_int_eq(mmsh_alloc(m, GFP_NOWAIT, 0, NUMA_NO_NODE, &rep), -1);
	ck_assert_int_eq(rep.outcome, ALLOC_FAIL_NOWAIT);
	ck_assert(!rep.via_pcp);
	ck_assert_uint_eq(count_events(&rec, TRACE_MM_PAGE_ALLOC), 1);
	ev = last_event(TRACE_MM_PAGE_ALLOC);
	ck_assert(!ev->has_page);
	ck_assert_uint_eq(ev->pfn, 0);
	ck_assert_uint_eq(ev->order, 0);
	ck_assert_uint_eq(ev->gfp_flags, GFP_NOWAIT);
	ck_assert_int_eq(ev->migratetype, UNMOV);
	ck_assert_int_eq(zone_free(NORMAL(m)), 32);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * From free = 32 (= min), with nothing reclaimable: GFP_KERNEL |
 * __GFP_RETRY_MAYFAIL runs the whole slow path (direct reclaim finds
 * nothing, should_reclaim_retry() sees no zone that reclaim could lift
 * over min) and fails without the OOM killer (ALLOC_FAIL_OOM,
 * OOM_SKIP_MAYFAIL). GFP_ATOMIC gets ALLOC_HIGH|ALLOC_HARDER in
 * the slow path: 32 - 32/2 = 16, 16 - 16/4 = 12 (= 32*3/8): it allocates
 * while free > 12, 20 more pages (224..243), then fails at free = 12.
 * __GFP_MEMALLOC (ALLOC_NO_WATERMARKS) takes the last 12 (244..255);
 * after that even it fails, after the same fruitless slow path.
 */
START_TEST(atomic_and_memalloc_go_below_min)
{
	struct machine *m = tiny_exhausted_by_nowait();
	struct zone *z = NORMAL(m);
	struct alloc_report rep;
	long i;

	ck_assert_int_eq(mmsh_alloc(m, GFP_KERNEL | GFP__RETRY_MAYFAIL, 0, NUMA_NO_NODE, &rep), -1);
	ck_assert_int_eq(rep.outcome, ALLOC_FAIL_OOM);
	ck_assert_int_eq(rep.oom_skipped, OOM_SKIP_MAYFAIL);
	ck_assert_uint_eq(rep.reclaims, 1);
	ck_assert_uint_eq(rep.reclaimed, 0);
	ck_assert(!m->panicked);
	ck_assert_int_eq(mmsh_alloc(m, GFP_NOWAIT, 0, NUMA_NO_NODE, &rep), -1);
	ck_assert_int_eq(rep.outcome, ALLOC_FAIL_NOWAIT);
	assert_consistent(m);

	for (i = 224; i < 244; i++) {
		ck_assert_int_eq(must_alloc(m, GFP_ATOMIC, 0, NUMA_NO_NODE, &rep), i);
		ck_assert_int_eq(rep.outcome, ALLOC_OK_SLOWPATH);
		ck_assert_uint_eq(rep.alloc_flags,
				  ALLOC_WMARK_MIN | ALLOC_HIGH | ALLOC_HARDER | ALLOC_KSWAPD);
	}
	ck_assert_int_eq(zone_free(z), 12);
	ck_assert_int_eq(mmsh_alloc(m, GFP_ATOMIC, 0, NUMA_NO_NODE, &rep), -1);
	ck_assert_int_eq(rep.outcome, ALLOC_FAIL_NOWAIT);
	assert_consistent(m);

	for (i = 244; i < 256; i++) {
		ck_assert_int_eq(must_alloc(m, GFP_KERNEL | GFP__MEMALLOC, 0, NUMA_NO_NODE, &rep),
				 i);
		ck_assert_int_eq(rep.outcome, ALLOC_OK_RESERVES);
		ck_assert_uint_eq(rep.alloc_flags, ALLOC_NO_WATERMARKS);
	}
	ck_assert_int_eq(zone_free(z), 0);
	ck_assert_int_eq(mmsh_alloc(m, GFP_KERNEL | GFP__MEMALLOC | GFP__RETRY_MAYFAIL, 0,
				    NUMA_NO_NODE, &rep), -1);
	ck_assert_int_eq(rep.outcome, ALLOC_FAIL_OOM);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * tiny has no DMA zone: GFP_DMA finds no usable zone (ALLOC_FAIL_NO_ZONE)
 * and mm_page_alloc still fires with page 0. order >= MAX_ORDER is
 * refused before any tracepoint (ALLOC_FAIL_ORDER).
 */
START_TEST(no_zone_and_bad_order)
{
	struct machine *m = boot_preset("tiny");
	struct machine *d = boot_preset("default");
	struct alloc_report rep;
	char *before, *after;

	record_events(m, &rec);
	before = buddyinfo(m);
	ck_assert_int_eq(mmsh_alloc(m, GFP_DMA, 0, NUMA_NO_NODE, &rep), -1);
	ck_assert_int_eq(rep.outcome, ALLOC_FAIL_NO_ZONE);
	ck_assert_uint_eq(count_events(&rec, TRACE_MM_PAGE_ALLOC), 1);
	ck_assert(!last_event(TRACE_MM_PAGE_ALLOC)->has_page);
	ck_assert_uint_eq(last_event(TRACE_MM_PAGE_ALLOC)->gfp_flags, GFP_DMA);
	assert_consistent(m);

	ck_assert_int_eq(mmsh_alloc(m, GFP_KERNEL, 6, NUMA_NO_NODE, &rep), -1);
	ck_assert_int_eq(rep.outcome, ALLOC_FAIL_ORDER);
	ck_assert_uint_eq(count_events(&rec, TRACE_MM_PAGE_ALLOC), 1);
	ck_assert_uint_eq(rec.n, 1);
	after = buddyinfo(m);
	ck_assert_str_eq(before, after);
	free(before);
	free(after);
	ck_assert_int_eq(mmsh_alloc(m, GFP_KERNEL, 5, NUMA_NO_NODE, &rep), 0);
	assert_consistent(m);

	record_events(d, &rec);
	ck_assert_int_eq(mmsh_alloc(d, GFP_KERNEL | GFP__NOWARN, 11, NUMA_NO_NODE, &rep), -1);
	ck_assert_int_eq(rep.outcome, ALLOC_FAIL_ORDER);
	ck_assert_uint_eq(rec.n, 0);
	ck_assert_int_eq(mmsh_alloc(d, GFP_KERNEL, 10, NUMA_NO_NODE, &rep), 4096);
	assert_consistent(d);
	machine_destroy(m);
	machine_destroy(d);
}
END_TEST

/*
 * gfp_migratetype() is UNMOVABLE when mobility grouping is off
 * (2048 pages < 3072), and current_alloc_flags() adds ALLOC_CMA only
 * when gfp_migratetype() is MOVABLE: GFP_HIGHUSER_MOVABLE gets no
 * ALLOC_CMA on such a machine (fast path 0x901, slow path 0x840).
 */
START_TEST(no_alloc_cma_when_mobility_grouping_is_off)
{
	struct machine *m = boot_shape(0, 0, 2048, 0, 11, 9, 1);
	struct alloc_report rep;

	ck_assert(m->page_group_by_mobility_disabled);
	ck_assert_int_eq(gfp_migratetype(m, GFP_HIGHUSER_MOVABLE), UNMOV);
	ck_assert_int_eq(must_alloc(m, GFP_HIGHUSER_MOVABLE, 0, NUMA_NO_NODE, &rep), 0);
	ck_assert_int_eq(block_mt(m, 0), UNMOV);   /* stolen for UNMOVABLE */
	assert_consistent(m);
	ck_assert_uint_eq(rep.alloc_flags, ALLOC_WMARK_LOW | ALLOC_KSWAPD | ALLOC_NOFRAGMENT);
	ck_assert_uint_eq(gfp_to_alloc_flags(m, GFP_HIGHUSER_MOVABLE),
			  ALLOC_WMARK_MIN | ALLOC_CPUSET | ALLOC_KSWAPD);
	machine_destroy(m);
}
END_TEST

/* ==== 9. ALLOC_NOFRAGMENT on the default preset ============================ */

/*
 * Normal [4096,65536) is carved into 240 order-8 MOVABLE blocks (taken in
 * ascending order: 4096, 4352, ...); every second one (4352, 4864, ...,
 * 65280) is freed again, its buddy busy: Normal holds 120 MOVABLE o8
 * blocks, nothing of order >= 9 and nothing UNMOVABLE (head of o8 is the
 * last freed, 65280).
 * GFP_KERNEL order 0 prefers Normal with ALLOC_NOFRAGMENT: Normal cannot
 * serve it without fragmenting, so DMA does (stealing whole o10 blocks):
 * 0, 1, 2, ... DMA passes its check while free > low 40 + lowmem_reserve
 * 240 = 280, i.e. for 4096 - 280 = 3816 pages. The 3817th request finds
 * DMA at 280 and the second pass (no NOFRAGMENT) steals 65280 (o8) in
 * Normal: fragmenting=1, claimed (256 free + 256 alike >= 256), boost 512,
 * ZONE_BOOSTED_WATERMARK -> kswapd woken at rmqueue's exit.
 */
START_TEST(nofragment_prefers_dma_before_fragmenting_normal)
{
	struct machine *m = boot_preset("default");
	struct zone *z = NORMAL(m), *dma = DMA(m);
	struct alloc_report rep;
	long i;

	for (i = 0; i < 240; i++)
		ck_assert_int_eq(take(m, z, 8, MOV), 4096 + 256 * i);
	ck_assert_int_eq(take(m, z, 8, MOV), -1);
	for (i = 0; i < 120; i++)
		must_free(m, 4096 + 256 * (2 * i + 1), 8);
	ck_assert_uint_eq(z->free_area[8].nr_free, 120);
	ck_assert_int_eq(zone_free(z), 120 * 256);
	ck_assert_uint_eq(list_first(m->mem_map, z->free_area[8].free_list[MOV]), 65280);
	ck_assert_uint_eq(dma->_watermark[WMARK_LOW], 40);
	ck_assert_int_eq(dma->lowmem_reserve[ZONE_NORMAL], 240);
	assert_consistent(m);

	ck_assert_int_eq(must_alloc(m, GFP_KERNEL, 0, NUMA_NO_NODE, &rep), 0);
	ck_assert_int_eq(rep.outcome, ALLOC_OK_FASTPATH);
	ck_assert_uint_eq(m->vm_events[PGALLOC_DMA], 1);
	ck_assert_uint_eq(m->vm_events[PGALLOC_NORMAL], 0);
	ck_assert_int_eq(block_mt(m, 0), UNMOV);
	ck_assert_uint_eq(z->free_area[8].nr_free, 120);
	assert_consistent(m);
	for (i = 1; i < 3816; i++) {
		long pfn = must_alloc(m, GFP_KERNEL, 0, NUMA_NO_NODE, &rep);

		if (pfn != i)
			ck_abort_msg("allocation %ld returned %ld, expected %ld (DMA)", i + 1, pfn, i);
	}
	ck_assert_int_eq(zone_free(dma), 280);
	ck_assert_uint_eq(m->vm_events[PGALLOC_DMA], 3816);
	ck_assert_uint_eq(z->free_area[8].nr_free, 120);
	ck_assert_uint_eq(z->watermark_boost, 0);
	assert_consistent(m);

	record_events(m, &rec);
	ck_assert_int_eq(must_alloc(m, GFP_KERNEL, 0, NUMA_NO_NODE, &rep), 65280);
	ck_assert_int_eq(rep.outcome, ALLOC_OK_FASTPATH);
	ck_assert_uint_eq(m->vm_events[PGALLOC_NORMAL], 1);
	ck_assert_uint_eq(count_events(&rec, TRACE_MM_PAGE_ALLOC_EXTFRAG), 1);
	expect_extfrag(last_event(TRACE_MM_PAGE_ALLOC_EXTFRAG), 65280, 0, 8, UNMOV, MOV, 1, 1);
	ck_assert_int_eq(block_mt(m, 65280), UNMOV);
	ck_assert_uint_eq(z->free_area[8].nr_free, 119);
	EXPECT_PCP(m, z, 0, UNMOV, 65281, 65282, 65283, 65284, 65285, 65286, 65287, 65288,
		   65289, 65290, 65291, 65292, 65293, 65294);
	ck_assert_uint_eq(z->watermark_boost, 512);
	ck_assert(!(z->flags & (1UL << ZONE_BOOSTED_WATERMARK)));
	ck_assert_int_eq(z->zone_pgdat->kswapd_state, KSWAPD_WOKEN);
	ck_assert_uint_eq(count_events(&rec, TRACE_MM_VMSCAN_WAKEUP_KSWAPD), 1);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/* ==== 10. highatomic reserve =============================================== */

/*
 * tiny after 216 GFP_NOWAIT pages (0..215; free 40 = low): 216 o3 is left
 * in UNMOVABLE pageblock 6 ([192,224)) and 224 o5 in MOVABLE pageblock 7.
 * GFP_ATOMIC order 1 fails the fast path (39 <= 40) and succeeds in the
 * slow path with ALLOC_HARDER: 216 (splitting o3: 218 o1, 220 o2). As an
 * order > 0 ALLOC_HARDER allocation it reserves pageblock 6: type
 * HIGHATOMIC, nr_reserved_highatomic = 32, its free pages move to the
 * HIGHATOMIC lists. The limit is managed/100 + pageblock_nr_pages =
 * 2 + 32 = 34: a second block may still be reserved (32 < 34), a third
 * not (64 >= 34).
 */
START_TEST(atomic_high_order_reserves_pageblock)
{
	struct machine *m = boot_preset("tiny");
	struct zone *z = NORMAL(m);
	struct alloc_report rep;
	long i;

	for (i = 0; i < 216; i++)
		ck_assert_int_eq(must_alloc(m, GFP_NOWAIT, 0, NUMA_NO_NODE, &rep), i);
	EXPECT_FREE(m, z, 3, UNMOV, 216);
	EXPECT_FREE(m, z, 5, MOV, 224);
	assert_consistent(m);

	ck_assert_int_eq(must_alloc(m, GFP_ATOMIC, 1, NUMA_NO_NODE, &rep), 216);
	ck_assert_int_eq(rep.outcome, ALLOC_OK_SLOWPATH);
	ck_assert_uint_eq(rep.alloc_flags,
			  ALLOC_WMARK_MIN | ALLOC_HIGH | ALLOC_HARDER | ALLOC_KSWAPD);
	ck_assert_uint_eq(z->nr_reserved_highatomic, 32);
	ck_assert_int_eq(block_mt(m, 192), HIGHA);
	EXPECT_FREE(m, z, 1, HIGHA, 218);
	EXPECT_FREE(m, z, 2, HIGHA, 220);
	EXPECT_EMPTY(m, z, 1, UNMOV);
	EXPECT_EMPTY(m, z, 2, UNMOV);
	assert_consistent(m);

	/* the reserve serves order > 0 ALLOC_HARDER first: 218, 220, 222 */
	ck_assert_int_eq(must_alloc(m, GFP_ATOMIC, 1, NUMA_NO_NODE, &rep), 218);
	ck_assert_int_eq(must_alloc(m, GFP_ATOMIC, 1, NUMA_NO_NODE, &rep), 220);
	ck_assert_int_eq(must_alloc(m, GFP_ATOMIC, 1, NUMA_NO_NODE, &rep), 222);
	ck_assert_uint_eq(z->nr_reserved_highatomic, 32);
	assert_consistent(m);

	/* reserve empty: steal 224 (o5, whole pageblock 7), reserve it too */
	ck_assert_int_eq(must_alloc(m, GFP_ATOMIC, 1, NUMA_NO_NODE, &rep), 224);
	ck_assert_uint_eq(z->nr_reserved_highatomic, 64);
	ck_assert_int_eq(block_mt(m, 224), HIGHA);
	EXPECT_FREE(m, z, 1, HIGHA, 226);
	EXPECT_FREE(m, z, 4, HIGHA, 240);
	assert_consistent(m);

	/* at the limit: pageblock 0 (UNMOVABLE, page 0 held) is not reserved */
	reserve_highatomic_pageblock(PG(m, 0), z, 1);
	ck_assert_uint_eq(z->nr_reserved_highatomic, 64);
	ck_assert_int_eq(block_mt(m, 0), UNMOV);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/* ==== 11. NUMA statistics ================================================== */

/*
 * numa preset: node 0 = DMA32 [0,65536) + Normal [65536,131072),
 * node 1 = DMA32 [131072,196608) + Normal [196608,262144); CPUs 0-1 on
 * node 0, 2-3 on node 1.
 * 1) cpu 0, local: Normal0 65536 -> numa_hit + numa_local on Normal0.
 * 2) cpu 0, preferred node 1: Normal1 196608 -> numa_hit + numa_other
 *    on Normal1 (and again for an order-1 buddy allocation).
 * 3) node 1 emptied; cpu 0, preferred node 1: NOFRAGMENT is dropped on
 *    leaving the node, Normal0 serves 65537 from cpu 0's pcp:
 *    numa_miss + numa_local on Normal0, numa_foreign on Normal1.
 * 4) cpu 2 (node 1), local = node 1, still empty: Normal0 refills cpu 2's
 *    pcp from 65551: numa_miss + numa_other on Normal0, foreign on Normal1
 *    (and again for an order-1 buddy allocation).
 */
START_TEST(numa_counters)
{
	struct machine *m = boot_preset("numa");
	struct zone *n0 = ZONE(m, 0, ZONE_NORMAL), *n1 = ZONE(m, 1, ZONE_NORMAL);
	struct alloc_report rep;
	struct mm_error e;
	int nid, zi, item;

	ck_assert_int_eq(m->cpu_to_node[1], 0);
	ck_assert_int_eq(m->cpu_to_node[2], 1);
	ck_assert_uint_eq(n1->zone_start_pfn, 196608);
	ck_assert_int_eq(must_alloc(m, GFP_KERNEL, 0, NUMA_NO_NODE, &rep), 65536);
	ck_assert_uint_eq(n0->vm_numa_stat[NUMA_HIT], 1);
	ck_assert_uint_eq(n0->vm_numa_stat[NUMA_LOCAL], 1);
	assert_consistent(m);

	ck_assert_int_eq(must_alloc(m, GFP_KERNEL, 0, 1, &rep), 196608);
	ck_assert_uint_eq(n1->vm_numa_stat[NUMA_HIT], 1);
	ck_assert_uint_eq(n1->vm_numa_stat[NUMA_OTHER], 1);
	ck_assert_uint_eq(n1->vm_numa_stat[NUMA_LOCAL], 0);
	/* the buddy path counts the same way: order 1 splits 196624 (o4) */
	ck_assert_int_eq(must_alloc(m, GFP_KERNEL, 1, 1, &rep), 196624);
	ck_assert(!rep.via_pcp);
	ck_assert_uint_eq(n1->vm_numa_stat[NUMA_HIT], 2);
	ck_assert_uint_eq(n1->vm_numa_stat[NUMA_OTHER], 2);
	assert_consistent(m);

	drain_buddy(m, n1);
	drain_buddy(m, ZONE(m, 1, ZONE_DMA32));
	ck_assert_int_eq(zone_free(n1), 0);
	ck_assert_int_eq(zone_free(ZONE(m, 1, ZONE_DMA32)), 0);
	assert_consistent(m);

	ck_assert_int_eq(must_alloc(m, GFP_KERNEL, 0, 1, &rep), 65537);
	ck_assert_int_eq(rep.outcome, ALLOC_OK_FASTPATH);
	ck_assert_uint_eq(n0->vm_numa_stat[NUMA_MISS], 1);
	ck_assert_uint_eq(n0->vm_numa_stat[NUMA_LOCAL], 2);
	ck_assert_uint_eq(n1->vm_numa_stat[NUMA_FOREIGN], 1);
	assert_consistent(m);

	ck_assert_int_eq(machine_set_cpu(m, 2, &e), 0);
	ck_assert_int_eq(must_alloc(m, GFP_KERNEL, 0, NUMA_NO_NODE, &rep), 65551);
	ck_assert_uint_eq(n0->vm_numa_stat[NUMA_MISS], 2);
	ck_assert_uint_eq(n0->vm_numa_stat[NUMA_OTHER], 1);
	ck_assert_uint_eq(n1->vm_numa_stat[NUMA_FOREIGN], 2);
	assert_consistent(m);
	/*
	 * cpu 2's refill took 65551..65565 (65551 o0, then 65552 o4 split
	 * upward); order 1 from cpu 2 now finds 65566 (o1) on the buddy path
	 */
	ck_assert_int_eq(must_alloc(m, GFP_KERNEL, 1, NUMA_NO_NODE, &rep), 65566);
	ck_assert(!rep.via_pcp);
	ck_assert_uint_eq(n0->vm_numa_stat[NUMA_MISS], 3);
	ck_assert_uint_eq(n0->vm_numa_stat[NUMA_OTHER], 2);
	ck_assert_uint_eq(n1->vm_numa_stat[NUMA_FOREIGN], 3);
	assert_consistent(m);

	/* totals, and nothing anywhere else */
	ck_assert_uint_eq(n0->vm_numa_stat[NUMA_HIT], 1);
	ck_assert_uint_eq(n0->vm_numa_stat[NUMA_LOCAL], 2);
	ck_assert_uint_eq(n0->vm_numa_stat[NUMA_FOREIGN], 0);
	ck_assert_uint_eq(n1->vm_numa_stat[NUMA_MISS], 0);
	ck_assert_uint_eq(n1->vm_numa_stat[NUMA_LOCAL], 0);
	ck_assert_uint_eq(n1->vm_numa_stat[NUMA_HIT], 2);
	ck_assert_uint_eq(n1->vm_numa_stat[NUMA_OTHER], 2);
	for (nid = 0; nid < 2; nid++)
		for (zi = 0; zi < MAX_NR_ZONES; zi++) {
			if (zi == ZONE_NORMAL)
				continue;
			for (item = 0; item < NR_VM_NUMA_STAT_ITEMS; item++)
				ck_assert_uint_eq(ZONE(m, nid, zi)->vm_numa_stat[item], 0);
		}
	ck_assert_uint_eq(global_numa_state(m, NUMA_HIT), 3);
	ck_assert_uint_eq(global_numa_state(m, NUMA_MISS), 3);
	ck_assert_uint_eq(global_numa_state(m, NUMA_FOREIGN), 3);
	ck_assert_uint_eq(global_numa_state(m, NUMA_LOCAL), 2);
	ck_assert_uint_eq(global_numa_state(m, NUMA_OTHER), 4);
	machine_destroy(m);
}
END_TEST

/* ==== 12. PGALLOC and PGFREE =============================================== */

/*
 * Boot's __free_pages_core counts every managed page in pgfree (65536 on
 * default; 15900 managed of 16000 present on the reserved shape).
 * PGALLOC counts 1 per pcp allocation (not the batch of 15 the refill
 * takes) and 2^order per buddy allocation, in the page's zone. PGFREE
 * counts 1 per order-0 free (at the pcp) and 2^order per buddy free; the
 * pcp drain counts nothing more.
 */
START_TEST(pgalloc_and_pgfree)
{
	struct machine *m = boot_preset("default");
	struct machine_shape s;
	struct mm_error e;
	struct machine *r;
	struct alloc_report rep;

	ck_assert_uint_eq(m->vm_events[PGFREE], 65536);
	ck_assert_uint_eq(m->vm_events[PGALLOC_DMA], 0);
	ck_assert_uint_eq(m->vm_events[PGALLOC_NORMAL], 0);

	ck_assert_int_eq(must_alloc(m, GFP_KERNEL, 0, NUMA_NO_NODE, &rep), 4096);
	ck_assert_uint_eq(m->vm_events[PGALLOC_NORMAL], 1);
	ck_assert_int_eq(must_alloc(m, GFP_KERNEL, 2, NUMA_NO_NODE, &rep), 4112);
	ck_assert_uint_eq(m->vm_events[PGALLOC_NORMAL], 5);
	/* GFP_DMA: DMA steals 0 (o10) and splits it: 0 (o1), then 2 (o0) */
	ck_assert_int_eq(must_alloc(m, GFP_DMA, 1, NUMA_NO_NODE, &rep), 0);
	ck_assert_uint_eq(m->vm_events[PGALLOC_DMA], 2);
	ck_assert_int_eq(must_alloc(m, GFP_DMA, 0, NUMA_NO_NODE, &rep), 2);
	ck_assert_uint_eq(m->vm_events[PGALLOC_DMA], 3);
	ck_assert_uint_eq(m->vm_events[PGALLOC_DMA32], 0);
	ck_assert_uint_eq(m->vm_events[PGALLOC_MOVABLE], 0);
	ck_assert_uint_eq(m->vm_events[PGFREE], 65536);
	assert_consistent(m);

	must_free(m, 4096, 0);
	ck_assert_uint_eq(m->vm_events[PGFREE], 65537);
	must_free(m, 4112, 2);
	ck_assert_uint_eq(m->vm_events[PGFREE], 65541);
	must_free(m, 0, 1);
	must_free(m, 2, 0);
	ck_assert_uint_eq(m->vm_events[PGFREE], 65544);
	drain_all_pages(m, NULL);
	ck_assert_uint_eq(m->vm_events[PGFREE], 65544);
	ck_assert_uint_eq(m->vm_events[PGALLOC_NORMAL], 5);
	ck_assert_uint_eq(m->vm_events[PGALLOC_DMA], 3);
	/* everything free again merges back into whole o10 blocks */
	ck_assert_uint_eq(NORMAL(m)->free_area[10].nr_free, 60);
	ck_assert_uint_eq(DMA(m)->free_area[10].nr_free, 4);
	ck_assert_uint_eq(global_zone_page_state(m, NR_FREE_PAGES), 65536);
	assert_consistent(m);

	machine_shape_init(&s);
	s.thp = THP_NEVER;
	s.zones[0][ZONE_NORMAL] = (struct zone_shape){ 16384, 16000, 15900 };
	r = machine_create(&s, &e);
	ck_assert_msg(r != NULL, "%s", e.msg);
	ck_assert_uint_eq(r->vm_events[PGFREE], 15900);
	ck_assert_uint_eq(NORMAL(r)->managed_pages, 15900);
	assert_consistent(r);
	machine_destroy(r);
	machine_destroy(m);
}
END_TEST

/*
 * Dirty page cache is spread over the nodes (get_page_from_freelist()
 * with ac->spread_dirty_pages, set for __GFP_WRITE in the fast path): a
 * zone whose node is over its dirty limit is skipped.
 *
 * numa: two nodes, each DMA32 (65536 pages) + Normal (65536); CPU 0 is on
 * node 0. khugepaged raises min_free_kbytes to 5% of the pages above the
 * boot high marks, 52120 kB: every zone has min 3257, low 4071, high 4885,
 * and DMA32 protects 65536 / 256 = 256 pages from Normal requests, so
 * each node's totalreserve_pages is (4885 + 256) + 4885 = 10026.
 *
 * 30000 pages written to one file on CPU 0 with vm.dirty_ratio = 100 (no
 * node can be over 100% of its dirtyable memory, whose file LRU holds the
 * dirty pages themselves) all come from node 0's Normal zone: 2000 pcp
 * refills of batch 15, so none waits on the pcp list and Normal has
 * 65536 - 30000 = 35536 free. vm.dirty_background_ratio = 90 keeps the
 * flusher away.
 *
 * Then vm.dirty_ratio = 20, vm.dirty_background_ratio = 19:
 *   node_dirtyable_memory(node 0) = 65536 + 35536 free - 10026 reserved
 *                                   + 30000 file LRU = 121046
 *   node_dirty_limit(node 0)      = 20 * 121046 / 100 = 24209
 *   NR_FILE_DIRTY + NR_WRITEBACK  = 30000 > 24209: over the limit
 *   node 1: 131072 - 10026 + 0 = 121046 dirtyable, limit 24209, 0 dirty
 * but globally the 30000 dirty pages are within every limit:
 *   global_dirtyable_memory = 232144 free - 20052 + 30000 + 1 = 242093
 *   thresh = (20 * 4096 / 100 = 819) * 242093 / 4096 = 48406
 *   bg     = (19 * 4096 / 100 = 778) * 242093 / 4096 = 45983
 * so neither the flusher (30000 <= bg) nor balance_dirty_pages() (below
 * (bg + thresh) / 2) cleans anything.
 *
 * A __GFP_WRITE allocation preferring node 0 (zonelist node 0 Normal,
 * DMA32, node 1 Normal, DMA32) skips both node 0 zones, reaches node 1
 * Normal, where ALLOC_NOFRAGMENT gives way to locality (start over; node
 * 0 stays remembered in last_pgdat_dirty_limit) and takes node 1
 * Normal's first page, 196608 (a fresh zone refills the pcp from the
 * lowest pfn up): the fast path, not the slow path. The same request
 * without __GFP_WRITE ignores the dirty limits and gets node 0 Normal's
 * next page, 65536 + 30000 = 95536. A write() of one more page lands on
 * node 1 too.
 */
START_TEST(gfp_write_skips_a_node_over_its_dirty_limit)
{
	struct machine *m = boot_preset("numa");
	pg_data_t *node0 = m->node_data[0], *node1 = m->node_data[1];
	struct zone *n0 = ZONE(m, 0, ZONE_NORMAL), *d0 = ZONE(m, 0, ZONE_DMA32);
	struct zone *n1 = ZONE(m, 1, ZONE_NORMAL);
	struct alloc_report rep;
	unsigned long bg, thresh;
	int f = new_file(m, "data");

	ck_assert_int_eq(numa_node_id(m), 0);
	ck_assert_uint_eq(high_wmark_pages(n0), 4885);
	ck_assert_int_eq(d0->lowmem_reserve[ZONE_NORMAL], 256);
	ck_assert_uint_eq(node0->totalreserve_pages, 10026);
	ck_assert_uint_eq(node1->totalreserve_pages, 10026);

	m->vm_dirty_ratio = 100;
	m->dirty_background_ratio = 90;
	write_file(m, f, 0, 30000);
	lru_add_drain(m);
	ck_assert_int_eq(node0->vm_stat[NR_FILE_DIRTY], 30000);
	ck_assert_int_eq(node1->vm_stat[NR_FILE_DIRTY], 0);
	ck_assert_int_eq(zone_free(n0), 35536);
	ck_assert_int_eq(n0->pageset[0].pcp.count, 0);
	ck_assert_int_eq(zone_free(d0), 65536);
	assert_consistent(m);

	m->vm_dirty_ratio = 20;
	m->dirty_background_ratio = 19;
	ck_assert_uint_eq(node_dirtyable_memory(node0), 121046);
	ck_assert_uint_eq(node_dirty_limit(node0), 24209);
	ck_assert(!node_dirty_ok(node0));
	ck_assert_uint_eq(node_dirtyable_memory(node1), 121046);
	ck_assert(node_dirty_ok(node1));
	ck_assert_uint_eq(global_dirtyable_memory(m), 242093);
	global_dirty_limits(m, &bg, &thresh);
	ck_assert_uint_eq(thresh, 48406);
	ck_assert_uint_eq(bg, 45983);

	ck_assert_int_eq(must_alloc(m, GFP_HIGHUSER_MOVABLE | GFP__WRITE, 0, 0, &rep), 196608);
	ck_assert_int_eq(rep.outcome, ALLOC_OK_FASTPATH);
	ck_assert_ptr_eq(page_zone(m, PG(m, 196608)), n1);
	/* the retry dropped ALLOC_NOFRAGMENT; the report keeps the flags the walk began with */
	ck_assert_uint_eq(rep.alloc_flags,
			  ALLOC_WMARK_LOW | ALLOC_KSWAPD | ALLOC_NOFRAGMENT | ALLOC_CMA);
	assert_consistent(m);

	ck_assert_int_eq(must_alloc(m, GFP_HIGHUSER_MOVABLE, 0, 0, &rep), 95536);
	ck_assert_int_eq(rep.outcome, ALLOC_OK_FASTPATH);
	ck_assert_ptr_eq(page_zone(m, PG(m, 95536)), n0);
	assert_consistent(m);

	/* write() allocates with __GFP_WRITE: the next page of cpu 0's node 1 pcp list */
	write_file(m, f, 30000, 1);
	ck_assert_uint_eq(file_pfn(m, f, 30000), 196609);
	ck_assert_uint_eq(page_to_nid(file_page(m, f, 30000)), 1);
	ck_assert_int_eq(node0->vm_stat[NR_FILE_DIRTY], 30000);
	ck_assert_int_eq(node1->vm_stat[NR_FILE_DIRTY], 1);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

static Suite *page_alloc_suite(void)
{
	Suite *s = suite_create("page_alloc");
	TCase *boot = tcase_create("boot");
	TCase *alloc = tcase_create("buddy allocation");
	TCase *fallback = tcase_create("fallback");
	TCase *freeing = tcase_create("freeing");
	TCase *path = tcase_create("allocation path");

	tcase_add_test(boot, boot_lists_ascending_and_unaligned_end_decreasing);
	tcase_add_test(boot, boot_zone_of_100_pages);
	tcase_add_test(boot, boot_unaligned_zone_start);
	tcase_add_test(boot, boot_from_pfn1_leaves_pageblock0_unmovable);
	suite_add_tcase(s, boot);

	tcase_add_test(alloc, expand_pushes_upper_halves_to_list_heads);
	tcase_add_test(alloc, consecutive_order0_buddy_allocations_walk_upward);
	tcase_add_test(alloc, order1_allocations_bypass_pcp_and_walk_upward);
	tcase_add_test(alloc, rmqueue_smallest_smallest_order_of_the_type);
	suite_add_tcase(s, alloc);

	tcase_add_test(fallback, can_steal_fallback_truth_table);
	tcase_add_test(fallback, find_suitable_fallback_order);
	tcase_add_test(fallback, fallback_takes_largest_and_changes_whole_range);
	tcase_add_test(fallback, movable_fallback_that_cannot_steal_takes_smallest);
	tcase_add_test(fallback, boosting_steal_with_alloc_kswapd_flags_the_zone);
	tcase_add_test(fallback, nofragment_limits_fallback_to_pageblock_order);
	tcase_add_test(fallback, whole_block_steal_claims_at_half_a_pageblock);
	tcase_add_test(fallback, movable_steal_that_cannot_claim_leaves_block_type);
	tcase_add_test(fallback, boost_watermark_steps_and_caps);
	tcase_add_test(fallback, steal_from_highatomic_pageblock_moves_single_block);
	suite_add_tcase(s, fallback);

	tcase_add_test(freeing, free_merges_up_to_max_order);
	tcase_add_test(freeing, free_merges_past_small_pageblock_order);
	tcase_add_test(freeing, free_stops_at_max_order_minus_one);
	tcase_add_test(freeing, free_does_not_merge_across_zone_edge);
	tcase_add_test(freeing, free_stops_at_pcp_and_allocated_buddies);
	tcase_add_test(freeing, buddy_merge_likely_puts_small_blocks_at_tail);
	tcase_add_test(freeing, order8_goes_to_tail_when_parent_buddy_free);
	tcase_add_test(freeing, orders_9_and_10_head_fpi_to_tail_tail);
	tcase_add_test(freeing, free_refusals_change_nothing);
	suite_add_tcase(s, freeing);

	tcase_add_test(path, fast_path_reports);
	tcase_add_test(path, nowait_fails_at_min_with_a_null_mm_page_alloc);
	tcase_add_test(path, atomic_and_memalloc_go_below_min);
	tcase_add_test(path, no_zone_and_bad_order);
	tcase_add_test(path, no_alloc_cma_when_mobility_grouping_is_off);
	tcase_add_test(path, nofragment_prefers_dma_before_fragmenting_normal);
	tcase_add_test(path, atomic_high_order_reserves_pageblock);
	tcase_add_test(path, numa_counters);
	tcase_add_test(path, pgalloc_and_pgfree);
	tcase_add_test(path, gfp_write_skips_a_node_over_its_dirty_limit);
	suite_add_tcase(s, path);
	return s;
}

int main(void)
{
	return run_suite(page_alloc_suite());
}
