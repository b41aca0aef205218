/*
 * tests/unit/test_compaction.c: memory compaction as mmsh models Linux
 * 5.10 (src/engine/compaction.c): the fragmentation indexes and the
 * extfrag view, compaction_suitable(), deferral, the two scanners and the
 * skip hints, compact_finished(), page migration with every owner
 * following (task ptes, page cache, swap cache), capture, kcompactd and
 * proactive compaction, and the tracepoints' exact lines.
 *
 * Most tests use one machine (frag_machine): a Normal zone of 1024 pages,
 * MAX_ORDER 7, pageblock_order 5 (32 pages per block, 32 blocks), one CPU
 * (pcp high 0: frees reach the buddy lists at once), no swap. Watermarks:
 * min_free_kbytes = int_sqrt(4096 * 16) = 256 kB = 64 pages, so min 64,
 * low 80, high 96. Expected values are worked out in the comments.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "mmsh/compaction.h"
#include "mmsh/kswapd.h"
#include "mmsh/list.h"
#include "mmsh/lru.h"
#include "mmsh/page_alloc.h"
#include "mmsh/pcp.h"
#include "mmsh/rmap.h"
#include "mmsh/strbuf.h"
#include "mmsh/swap.h"
#include "mmsh/trace.h"
#include "mmsh/vmscan.h"
#include "mmsh/watermark.h"
#include "mmsh/workload.h"

#define FRAG_PAGES   1024
#define FRAG_TASKS   440              /* pages each of tasks a and b fault */
#define BLOCK        32               /* pageblock_nr_pages */

static struct recorder rec;

/* ---- machines and workloads ---------------------------------------------- */

/* The 1024-page machine described at the top, with `swap` swap slots. */
static struct machine *boot_frag_swap(unsigned long swap)
{
	struct machine_shape s;
	struct mm_error e;
	struct machine *m;

	machine_shape_init(&s);
	s.max_order = 7;
	s.pageblock_order = 5;
	s.nr_cpus = 1;
	s.thp = THP_NEVER;
	s.swap_pages = swap;
	s.zones[0][ZONE_NORMAL] = (struct zone_shape){ FRAG_PAGES, FRAG_PAGES, FRAG_PAGES };
	m = machine_create(&s, &e);
	ck_assert_msg(m != NULL, "boot: %s", e.msg);
	ck_assert_uint_eq(min_wmark_pages(NORMAL(m)), 64);
	ck_assert_uint_eq(low_wmark_pages(NORMAL(m)), 80);
	ck_assert_int_eq(NORMAL(m)->pageset[0].pcp.high, 0);
	return m;
}

static struct machine *frag_machine(void)
{
	return boot_frag_swap(0);
}

/*
 * Tasks a and b fault 440 pages each, one after the other, so a owns the
 * even pfns 0..878 and b the odd ones; b goes away, leaving 440 order-0
 * holes. Then `alloc 5` takes the four free pageblocks at the top (0x380,
 * 0x3a0, 0x3c0, 0x3e0: the only order-5 blocks). Left free: 440 holes and
 * the order-4 block 0x370 (block 27's upper half): 456 pages, no block of
 * order 5 or more. Returns task a.
 *
 * With `file`, the first nr_file even pfns hold pages of a file "data"
 * instead of a's (offset i at pfn 2i; odd offsets written, so dirty, even
 * ones read), and task c maps the file's first half.
 *
 * b's pages are freed as a 5.10 unmap frees them: zap_pte_range() gathers
 * them in address order into the mmu_gather, whose first batch holds
 * MMU_GATHER_BUNDLE (8) pages and the next ones MAX_GATHER_BATCH (510);
 * tlb_flush_mmu() frees batch by batch, release_pages() builds each
 * batch's free list with list_add (so reversed), and every page goes to
 * the head of the order-0 list (pcp high 0; no page merges, and
 * buddy_merge_likely() finds no free order-1 buddy next to any, so none
 * goes to the tail). The first batch (0x1..0xf) is freed first: the movable
 * order-0 list reads 0x11 .. 0x36f, then 0x1 .. 0xf, and its tail (the
 * oldest entry) is 0xf.
 *
 * With top_first, b's top top_first pages are unmapped first (a munmap of
 * the end of its area), then the rest: the first unmap's pages are the
 * oldest entries, its first batch in reverse at the very tail.
 */
static struct task *fragment_top_(struct machine *m, int nr_file, int *file,
				  unsigned long top_first)
{
	struct task *a = new_task(m, "a"), *b = new_task(m, "b");
	struct mm_error e;
	int i, f = -1;

	if (nr_file) {
		f = file_get(m, "data", &e);
		ck_assert_int_ge(f, 0);
	}
	for (i = 0; i < FRAG_TASKS; i++) {
		if (i >= nr_file)
			ck_assert_int_eq(fault_anon(m, a, 1, &e), 1);
		else if (i % 2)
			ck_assert_int_eq(file_write(m, f, (unsigned long)i, 1, &e), 1);
		else
			ck_assert_int_eq(file_read(m, f, (unsigned long)i, 1, &e), 1);
		ck_assert_int_eq(fault_anon(m, b, 1, &e), 1);
	}
	if (nr_file)
		ck_assert_int_eq(fault_file(m, new_task(m, "c"), f, 0, (unsigned long)nr_file / 2,
					    false, &e), nr_file / 2);
	lru_add_drain_all(m);
	if (top_first) {
		ck_assert_uint_eq(munmap_task(m, b, top_first), top_first);
		assert_consistent(m);
	}
	munmap_task(m, b, 0);
	lru_add_drain_all(m);
	for (i = 0; i < 4; i++)
		ck_assert_int_eq(mmsh_alloc(m, GFP_KERNEL, 5, NUMA_NO_NODE, NULL), 0x380 + BLOCK * i);
	ck_assert_int_eq(nr_free(m), 456);
	ck_assert_uint_eq(NORMAL(m)->free_area[4].nr_free, 1);
	ck_assert_uint_eq(NORMAL(m)->free_area[0].nr_free, 440);
	assert_consistent(m);
	if (file)
		*file = f;
	return a;
}

static struct task *fragment_(struct machine *m, int nr_file, int *file)
{
	return fragment_top_(m, nr_file, file, 0);
}

static struct task *fragment(struct machine *m)
{
	return fragment_(m, 0, NULL);
}

/* Pin (or unpin) every vpage-th page of task a with an extra reference, as get_user_pages() would. */
static void pin_every(struct machine *m, struct task *a, unsigned long step, bool pin)
{
	unsigned long v;

	for (v = 0; v < a->anon_len; v += step) {
		struct page *page = &m->mem_map[pte_val(a->anon[v])];

		if (pin)
			get_page(page);
		else
			put_page(m, page);
	}
}

/* Every present pte of t maps a page that points back at it and holds its data. */
static unsigned long expect_anon_intact(struct machine *m, struct task *t)
{
	unsigned long v, present = 0;

	for (v = 0; v < t->anon_len; v++) {
		unsigned long pfn;
		struct page *page;

		if (!pte_present(t->anon[v]))
			continue;
		pfn = pte_val(t->anon[v]);
		page = &m->mem_map[pfn];
		ck_assert_msg(PageAnon(page) && anon_owner(m, page) == t,
			      "vpage %lu: pfn 0x%lx is not the task's", v, pfn);
		ck_assert_uint_eq(page->index, v);
		ck_assert_int_eq(page_mapcount(page), 1);
		ck_assert_msg(page_content_get(m, pfn) == t->anon_want[v],
			      "vpage %lu at pfn 0x%lx holds the wrong data", v, pfn);
		present++;
	}
	return present;
}

/* Every cached page of file f is where its slot says, with its data; mappings agree. */
static void expect_file_intact(struct machine *m, int f)
{
	struct sim_file *fl = &m->files[f];
	unsigned long off;
	int i, v;

	for (off = 0; off < fl->size; off++) {
		unsigned long pfn;
		struct page *page;

		if (!(fl->slot[off] & SLOT_PRESENT))
			continue;
		pfn = fl->slot[off] & PTE_VALUE;
		page = &m->mem_map[pfn];
		ck_assert_int_eq(file_owner(page), f);
		ck_assert_uint_eq(page->index, off);
		ck_assert_msg(page_content_get(m, pfn) == content_file(f, off, fl->version[off]),
			      "offset %lu at pfn 0x%lx holds the wrong data", off, pfn);
	}
	for (i = 0; i < MAX_TASKS; i++) {
		struct task *t = &m->tasks[i];

		if (!t->used)
			continue;
		for (v = 0; v < t->nr_vmas; v++) {
			struct file_vma *vma = &t->vmas[v];

			if (vma->file != f)
				continue;
			for (off = 0; off < vma->len; off++)
				if (pte_present(vma->pte[off]))
					ck_assert_uint_eq(pte_val(vma->pte[off]),
							  fl->slot[vma->pgoff + off] & PTE_VALUE);
		}
	}
}

/* What compaction leaves behind: nothing isolated, private lists empty. */
static void expect_settled(struct machine *m)
{
	ck_assert_int_eq(node_stat(m, NR_ISOLATED_ANON), 0);
	ck_assert_int_eq(node_stat(m, NR_ISOLATED_FILE), 0);
	ck_assert(list_empty(m->mem_map, m->local_lists[LL_MIGRATE]));
	ck_assert(list_empty(m->mem_map, m->local_lists[LL_FREEPAGES]));
	ck_assert_ptr_null(m->capc);
	ck_assert(!m->in_kcompactd);
	assert_consistent(m);
}

/* Record only the compaction events (and these extra ones). */
static void record_compaction(struct machine *m, uint64_t extra)
{
	uint64_t mask = extra;
	int id;

	for (id = TRACE_MM_COMPACTION_ISOLATE_MIGRATEPAGES; id <= TRACE_MM_COMPACTION_KCOMPACTD_WAKE; id++)
		mask |= EV(id);
	record_only(m, &rec, mask);
}

#define expect_line(id, nth, text) ck_assert_str_eq(nth_line(&rec, (id), (nth)), (text))

static struct compact_report rep;

/* try_to_compact_pages() for GFP_KERNEL at this order and priority on node 0. */
static enum compact_result direct(struct machine *m, gfp_t gfp, unsigned int order,
				  enum compact_priority prio, struct page **capture)
{
	return try_to_compact_pages(m, gfp, order, gfp_to_alloc_flags(m, gfp),
				    node_zonelist(m, 0, gfp), gfp_zone(gfp), prio, capture);
}

/* ---- fragmentation indexes and the extfrag view -------------------------- */

START_TEST(fresh_zone_has_no_fragmentation)
{
	struct machine *m = boot_preset("tiny");
	struct strbuf sb = STRBUF_INIT;
	unsigned int o;

	/* eight free order-5 blocks: every order fits, nothing is unusable */
	for (o = 0; o < m->max_order; o++) {
		ck_assert_int_eq(unusable_free_index(m, NORMAL(m), o), 0);
		ck_assert_int_eq(fragmentation_index(m, NORMAL(m), o), -1000);
		ck_assert_uint_eq(extfrag_for_order(NORMAL(m), o), 0);
	}
	view_extfrag(m, NULL, &sb);
	ck_assert_str_eq(sb_str(&sb),
			 "extfrag/unusable_index:\n"
			 "Node 0, zone   Normal 0.000 0.000 0.000 0.000 0.000 0.000 \n"
			 "extfrag/extfrag_index:\n"
			 "Node 0, zone   Normal -1.000 -1.000 -1.000 -1.000 -1.000 -1.000 \n");
	sb_free(&sb);
	machine_destroy(m);
}
END_TEST

START_TEST(indexes_of_a_fragmented_zone)
{
	struct machine *m = frag_machine();
	struct zone *z = NORMAL(m);

	fragment(m);
	/*
	 * 456 free pages in 441 blocks: 440 of order 0, one of order 4.
	 * order 1: suitable = 16 >> 1 = 8 blocks (16 pages), unusable
	 *   (456 - 16) * 1000 / 456 = 964; fragindex -1000 (it would succeed).
	 * order 5: none suitable, unusable 1000; fragindex
	 *   1000 - (1000 + 456 * 1000 / 32) / 441 = 1000 - 15250 / 441 = 966.
	 * order 6: 1000 - (1000 + 456000 / 64) / 441 = 1000 - 8125 / 441 = 982.
	 */
	ck_assert_int_eq(unusable_free_index(m, z, 0), 0);
	ck_assert_int_eq(unusable_free_index(m, z, 1), 964);
	ck_assert_int_eq(fragmentation_index(m, z, 1), -1000);
	ck_assert_int_eq(unusable_free_index(m, z, 4), 964);
	ck_assert_int_eq(unusable_free_index(m, z, 5), 1000);
	ck_assert_int_eq(fragmentation_index(m, z, 5), 966);
	ck_assert_int_eq(fragmentation_index(m, z, 6), 982);
	/* extfrag_for_order: the same as a percentage, (456 - 0) * 100 / 456 */
	ck_assert_uint_eq(extfrag_for_order(z, 5), 100);
	ck_assert_uint_eq(extfrag_for_order(z, 1), 96);
	/* beyond MAX_ORDER the kernel warns and answers 0 */
	ck_assert_int_eq(fragmentation_index(m, z, 7), 0);
	expect_settled(m);
	machine_destroy(m);
}
END_TEST

START_TEST(extfrag_view_lines)
{
	struct machine *m = frag_machine();
	struct strbuf sb = STRBUF_INIT;

	fragment(m);
	view_extfrag(m, NORMAL(m), &sb);
	ck_assert_str_eq(sb_str(&sb),
			 "extfrag/unusable_index:\n"
			 "Node 0, zone   Normal 0.000 0.964 0.964 0.964 0.964 1.000 1.000 \n"
			 "extfrag/extfrag_index:\n"
			 "Node 0, zone   Normal -1.000 -1.000 -1.000 -1.000 -1.000 0.966 0.982 \n");
	sb_free(&sb);
	expect_settled(m);
	machine_destroy(m);
}
END_TEST

START_TEST(extfrag_view_of_every_populated_zone)
{
	struct machine *m = boot_preset("default");
	struct strbuf sb = STRBUF_INIT;
	const char *s;

	view_extfrag(m, NULL, &sb);
	s = sb_str(&sb);
	/* DMA and Normal in both files; DMA32 and Movable are empty */
	ck_assert_ptr_nonnull(strstr(s, "extfrag/unusable_index:\nNode 0, zone      DMA 0.000 "));
	ck_assert_ptr_nonnull(strstr(s, "\nNode 0, zone   Normal 0.000 "));
	ck_assert_ptr_nonnull(strstr(s, "extfrag/extfrag_index:\nNode 0, zone      DMA -1.000 "));
	ck_assert_ptr_null(strstr(s, "DMA32"));
	ck_assert_ptr_null(strstr(s, "Movable"));
	sb_free(&sb);
	machine_destroy(m);
}
END_TEST

/* ---- compaction_suitable ------------------------------------------------- */

START_TEST(suitable_success_when_the_allocation_would_succeed)
{
	struct machine *m = boot_preset("tiny");

	record_compaction(m, 0);
	ck_assert_int_eq(compaction_suitable(NORMAL(m), 3, ALLOC_WMARK_MIN, ZONE_NORMAL),
			 COMPACT_SUCCESS);
	ck_assert_uint_eq(count_events(&rec, TRACE_MM_COMPACTION_SUITABLE), 1);
	expect_line(TRACE_MM_COMPACTION_SUITABLE, 0,
		    "mm_compaction_suitable: node=0 zone=Normal   order=3 ret=success");
	machine_destroy(m);
}
END_TEST

START_TEST(suitable_continue_for_fragmentation)
{
	struct machine *m = frag_machine();

	fragment(m);
	record_compaction(m, 0);
	/*
	 * order 5 fails its watermark (no free block of order >= 5); at order 0
	 * the zone has 456 > low 80 + compact_gap(5) 64; fragindex 966 > 500
	 */
	ck_assert_int_eq(compaction_suitable(NORMAL(m), 5, ALLOC_WMARK_MIN, ZONE_NORMAL),
			 COMPACT_CONTINUE);
	expect_line(TRACE_MM_COMPACTION_SUITABLE, 0,
		    "mm_compaction_suitable: node=0 zone=Normal   order=5 ret=continue");
	/* order 4 fits the order-4 block */
	ck_assert_int_eq(compaction_suitable(NORMAL(m), 4, ALLOC_WMARK_MIN, ZONE_NORMAL),
			 COMPACT_SUCCESS);
	expect_settled(m);
	machine_destroy(m);
}
END_TEST

START_TEST(suitable_not_suitable_zone_below_extfrag_threshold)
{
	struct machine *m = frag_machine();

	fragment(m);
	record_compaction(m, 0);
	/* fragindex 966 <= threshold 1000: lack of memory, not fragmentation */
	m->sysctl_extfrag_threshold = 1000;
	ck_assert_int_eq(compaction_suitable(NORMAL(m), 5, ALLOC_WMARK_MIN, ZONE_NORMAL),
			 COMPACT_SKIPPED);
	expect_line(TRACE_MM_COMPACTION_SUITABLE, 0,
		    "mm_compaction_suitable: node=0 zone=Normal   order=5 ret=not_suitable_zone");
	/* 966 > 965: fragmentation after all */
	m->sysctl_extfrag_threshold = 965;
	ck_assert_int_eq(compaction_suitable(NORMAL(m), 5, ALLOC_WMARK_MIN, ZONE_NORMAL),
			 COMPACT_CONTINUE);
	expect_settled(m);
	machine_destroy(m);
}
END_TEST

START_TEST(suitable_ignores_fragindex_for_cheap_orders)
{
	struct machine *m = frag_machine();

	fragment(m);
	/* take the order-4 block too: only order-0 holes are left */
	ck_assert_int_eq(mmsh_alloc(m, GFP_KERNEL, 4, NUMA_NO_NODE, NULL), 0x370);
	m->sysctl_extfrag_threshold = 1000;
	/* order 3 is not costly: min 64 + gap 16 <= 440, fragindex not consulted */
	ck_assert_int_eq(compaction_suitable(NORMAL(m), 3, ALLOC_WMARK_MIN, ZONE_NORMAL),
			 COMPACT_CONTINUE);
	/* order 4 is: fragindex 1000 - (1000 + 440000 / 16) / 440 = 936 <= 1000 */
	ck_assert_int_eq(fragmentation_index(m, NORMAL(m), 4), 936);
	ck_assert_int_eq(compaction_suitable(NORMAL(m), 4, ALLOC_WMARK_MIN, ZONE_NORMAL),
			 COMPACT_SKIPPED);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

START_TEST(suitable_skipped_with_too_few_free_pages)
{
	struct machine *m = frag_machine();

	fragment(m);
	/* min_free_kbytes 1600 kB: min 400, low 500 pages; 456 < 500 + 64 */
	m->min_free_kbytes = 1600;
	setup_per_zone_wmarks(m);
	ck_assert_uint_eq(low_wmark_pages(NORMAL(m)), 500);
	record_compaction(m, 0);
	ck_assert_int_eq(compaction_suitable(NORMAL(m), 5, ALLOC_WMARK_MIN, ZONE_NORMAL),
			 COMPACT_SKIPPED);
	expect_line(TRACE_MM_COMPACTION_SUITABLE, 0,
		    "mm_compaction_suitable: node=0 zone=Normal   order=5 ret=skipped");
	/* non-costly orders need only min + gap: 400 + 8 <= 456 */
	ck_assert_int_eq(compaction_suitable(NORMAL(m), 2, ALLOC_WMARK_MIN, ZONE_NORMAL),
			 COMPACT_SUCCESS);
	ck_assert_int_eq(compaction_suitable(NORMAL(m), 5, ALLOC_WMARK_MIN, ZONE_NORMAL),
			 COMPACT_SKIPPED);
	expect_settled(m);
	machine_destroy(m);
}
END_TEST

START_TEST(whole_zone_compaction_is_always_suitable)
{
	struct machine *m = boot_preset("tiny");

	ck_assert_int_eq(compaction_suitable(NORMAL(m), -1, 0, ZONE_NORMAL), COMPACT_CONTINUE);
	machine_destroy(m);
}
END_TEST

START_TEST(zonelist_suitable_counts_what_reclaim_could_free)
{
	struct machine *m = frag_machine();
	struct zonelist *zl;

	fragment(m);
	zl = node_zonelist(m, 0, GFP_KERNEL);
	ck_assert(compaction_zonelist_suitable(m, zl, ZONE_NORMAL, 5, ALLOC_WMARK_MIN));
	/* no swap: anon pages are not reclaimable, so nothing comes to help */
	ck_assert_uint_eq(zone_reclaimable_pages(m, NORMAL(m)), 0);
	m->min_free_kbytes = 1600;
	setup_per_zone_wmarks(m);
	ck_assert(!compaction_zonelist_suitable(m, zl, ZONE_NORMAL, 5, ALLOC_WMARK_MIN));
	expect_settled(m);
	machine_destroy(m);
}
END_TEST

/* ---- deferral ------------------------------------------------------------ */

START_TEST(deferral_arithmetic)
{
	struct machine *m = boot_preset("tiny");
	struct zone *z = NORMAL(m);
	struct compact_state *cs = &z->compact;
	int i;

	/* boot: order_failed 0, shift 0: the first question counts and says no */
	ck_assert_int_eq(cs->order_failed, 0);
	ck_assert(!compaction_deferred(z, 3));
	ck_assert_uint_eq(cs->considered, 1);
	/* a failure: shift 1, order_failed min(0, 3) = 0 */
	defer_compaction(z, 3);
	ck_assert_uint_eq(cs->considered, 0);
	ck_assert_uint_eq(cs->defer_shift, 1);
	ck_assert_int_eq(cs->order_failed, 0);
	/* limit 2: the first question is deferred, the second is let through */
	ck_assert(compaction_deferred(z, 1));
	ck_assert(!compaction_deferred(z, 1));
	ck_assert_uint_eq(cs->considered, 2);
	/* the shift stops at COMPACT_MAX_DEFER_SHIFT */
	for (i = 0; i < 10; i++)
		defer_compaction(z, 3);
	ck_assert_uint_eq(cs->defer_shift, COMPACT_MAX_DEFER_SHIFT);
	for (i = 1; i < 64; i++)
		ck_assert(compaction_deferred(z, 3));
	ck_assert(!compaction_restarting(z, 3));
	ck_assert(!compaction_deferred(z, 3));
	ck_assert_uint_eq(cs->considered, 64);
	ck_assert(compaction_restarting(z, 3));
	/* success at order 4 without an allocation: orders up to 4 run freely */
	compaction_defer_reset(z, 4, false);
	ck_assert_int_eq(cs->order_failed, 5);
	ck_assert_uint_eq(cs->defer_shift, COMPACT_MAX_DEFER_SHIFT);
	ck_assert(!compaction_deferred(z, 4));
	ck_assert_uint_eq(cs->considered, 64);   /* below order_failed nothing counts */
	ck_assert(!compaction_restarting(z, 4));
	/* an allocation succeeded: the backoff starts over */
	compaction_defer_reset(z, 2, true);
	ck_assert_uint_eq(cs->considered, 0);
	ck_assert_uint_eq(cs->defer_shift, 0);
	ck_assert_int_eq(cs->order_failed, 5);
	/* a failure lowers order_failed */
	defer_compaction(z, 3);
	ck_assert_int_eq(cs->order_failed, 3);
	machine_destroy(m);
}
END_TEST

START_TEST(deferral_trace_lines)
{
	struct machine *m = boot_preset("tiny");
	struct zone *z = NORMAL(m);

	record_compaction(m, 0);
	ck_assert(!compaction_deferred(z, 2));        /* not deferred: no event */
	defer_compaction(z, 2);
	ck_assert(compaction_deferred(z, 2));
	compaction_defer_reset(z, 2, false);
	ck_assert_uint_eq(count_events(&rec, TRACE_MM_COMPACTION_DEFERRED), 1);
	expect_line(TRACE_MM_COMPACTION_DEFER_COMPACTION, 0,
		    "mm_compaction_defer_compaction: node=0 zone=Normal   order=2 order_failed=0 consider=0 limit=2");
	expect_line(TRACE_MM_COMPACTION_DEFERRED, 0,
		    "mm_compaction_deferred: node=0 zone=Normal   order=2 order_failed=0 consider=1 limit=2");
	expect_line(TRACE_MM_COMPACTION_DEFER_RESET, 0,
		    "mm_compaction_defer_reset: node=0 zone=Normal   order=2 order_failed=3 consider=1 limit=2");
	machine_destroy(m);
}
END_TEST

START_TEST(noio_requests_cannot_compact)
{
	struct machine *m = frag_machine();

	fragment(m);
	record_compaction(m, 0);
	ck_assert_int_eq(direct(m, GFP_NOIO, 5, COMPACT_PRIO_SYNC_LIGHT, NULL), COMPACT_SKIPPED);
	ck_assert_uint_eq(rec.n, 0);     /* not even mm_compaction_try_to_compact_pages */
	ck_assert_uint_eq(NORMAL(m)->compact.considered, 0);
	expect_settled(m);
	machine_destroy(m);
}
END_TEST

START_TEST(deferred_zone_is_skipped_below_the_highest_priority)
{
	struct machine *m = frag_machine();
	struct zone *z = NORMAL(m);

	fragment(m);
	defer_compaction(z, 5);          /* limit 2: the next attempt is deferred */
	record_compaction(m, 0);
	ck_assert_int_eq(direct(m, GFP_KERNEL, 5, COMPACT_PRIO_SYNC_LIGHT, NULL), COMPACT_DEFERRED);
	ck_assert_uint_eq(count_events(&rec, TRACE_MM_COMPACTION_BEGIN), 0);
	expect_line(TRACE_MM_COMPACTION_TRY_TO_COMPACT_PAGES, 0,
		    "mm_compaction_try_to_compact_pages: order=5 gfp_mask=GFP_KERNEL priority=1");
	expect_line(TRACE_MM_COMPACTION_DEFERRED, 0,
		    "mm_compaction_deferred: node=0 zone=Normal   order=5 order_failed=0 consider=1 limit=2");
	/* SYNC_FULL ignores deferral and compacts the whole zone */
	defer_compaction(z, 5);
	ck_assert_int_ne(direct(m, GFP_KERNEL, 5, COMPACT_PRIO_SYNC_FULL, NULL), COMPACT_DEFERRED);
	ck_assert_uint_eq(count_events(&rec, TRACE_MM_COMPACTION_BEGIN), 1);
	expect_settled(m);
	machine_destroy(m);
}
END_TEST

START_TEST(failed_sync_compaction_defers_async_does_not)
{
	struct machine *m = frag_machine();
	struct zone *z = NORMAL(m);

	struct task *a = fragment(m);

	/* a pinned page in every 64-pfn block (vpage 32k is pfn 64k): no order 6 */
	pin_every(m, a, 32, true);
	/*
	 * Async compaction for an unmovable request scans only unmovable
	 * pageblocks (the four held ones): nothing to isolate, the scanners
	 * meet. The zone starts at pfn 0, so the cached migrate position 0 is
	 * at or below compact_init_migrate_pfn (0): 5.10 counts the run as
	 * whole-zone and the meeting scanners report complete. Async never
	 * defers.
	 */
	ck_assert_int_eq(direct(m, GFP_KERNEL, 6, COMPACT_PRIO_ASYNC, NULL), COMPACT_COMPLETE);
	ck_assert_uint_eq(z->compact.defer_shift, 0);
	/* sync-light scans every block but cannot free 64 pages in a row: it defers */
	ck_assert_int_eq(direct(m, GFP_KERNEL, 6, COMPACT_PRIO_SYNC_LIGHT, NULL),
			 COMPACT_COMPLETE);
	ck_assert_uint_eq(z->compact.defer_shift, 1);
	ck_assert_int_eq(z->compact.order_failed, 0);
	/* the scanners met: kswapd will flush the skip hints when it sleeps */
	ck_assert(z->compact.blockskip_flush);
	pin_every(m, a, 32, false);
	expect_anon_intact(m, a);
	expect_settled(m);
	machine_destroy(m);
}
END_TEST

/* ---- the scanners -------------------------------------------------------- */

START_TEST(scanners_walk_towards_each_other_and_meet)
{
	struct machine *m = frag_machine();
	unsigned long last_migrate = 0, last_free = ~0UL;
	size_t i;

	fragment(m);
	record_compaction(m, 0);
	ck_assert_int_eq(compact_command(m, -1, NULL, &rep), COMPACT_COMPLETE);
	ck_assert_uint_gt(count_events(&rec, TRACE_MM_COMPACTION_ISOLATE_MIGRATEPAGES), 1);
	ck_assert_uint_gt(count_events(&rec, TRACE_MM_COMPACTION_ISOLATE_FREEPAGES), 1);
	for (i = 0; i < rec.n; i++) {
		const struct trace_event *ev = &rec.ev[i];

		if (ev->id == TRACE_MM_COMPACTION_ISOLATE_MIGRATEPAGES) {
			/* upward, each range starting where the last one ended */
			ck_assert_uint_ge(ev->start_pfn, last_migrate);
			ck_assert_uint_ge(ev->end_pfn, ev->start_pfn);
			last_migrate = ev->end_pfn;
		} else if (ev->id == TRACE_MM_COMPACTION_ISOLATE_FREEPAGES) {
			/* downward, block by block */
			ck_assert_uint_le(ev->start_pfn, last_free);
			last_free = ev->start_pfn;
		}
	}
	/* both stopped in one pageblock: free_pfn >> 5 <= migrate_pfn >> 5 */
	ck_assert_int_eq(rep.nr_zones, 1);
	ck_assert_uint_le(rep.zones[0].free_pfn / BLOCK, rep.zones[0].migrate_pfn / BLOCK);
	ck_assert_uint_lt(last_migrate, last_free + BLOCK);
	/* scanning met: the cached positions start over at the zone's ends */
	ck_assert_uint_eq(NORMAL(m)->compact.cached_migrate_pfn[0], 0);
	ck_assert_uint_eq(NORMAL(m)->compact.cached_migrate_pfn[1], 0);
	ck_assert_uint_eq(NORMAL(m)->compact.cached_free_pfn, FRAG_PAGES - BLOCK);
	expect_settled(m);
	machine_destroy(m);
}
END_TEST

START_TEST(compact_memory_gathers_free_memory)
{
	struct machine *m = frag_machine();
	struct task *a;
	long before;
	unsigned long moved = 0, v;
	unsigned long *old;

	a = fragment(m);
	old = calloc(a->anon_len, sizeof(*old));
	for (v = 0; v < a->anon_len; v++)
		old[v] = pte_val(a->anon[v]);
	before = nr_free(m);
	ck_assert_int_eq(compact_command(m, -1, NULL, &rep), COMPACT_COMPLETE);
	/* free pages are only moved around */
	ck_assert_int_eq(nr_free(m), before);
	ck_assert_uint_eq(expect_anon_intact(m, a), FRAG_TASKS);
	for (v = 0; v < a->anon_len; v++)
		moved += pte_val(a->anon[v]) != old[v];
	ck_assert_uint_eq(moved, 216);
	/*
	 * The migrate scanner emptied blocks 0..12 (13 x 16 pages) and took 8
	 * of block 13's before the free scanner, coming down through the
	 * holes, reached it: 216 migrated; the page that found no target
	 * counts as failed (-ENOMEM). The 13 empty blocks merged into six
	 * order-6 blocks and one order-5 block; 24 holes are left, and the
	 * order-4 block: unusable at order 5 = (456 - 416) * 1000 / 456 = 87.
	 */
	ck_assert_uint_eq(rep.zones[0].migrated, 216);
	ck_assert_uint_eq(rep.zones[0].failed, 1);
	ck_assert_uint_eq(NORMAL(m)->free_area[6].nr_free, 6);
	ck_assert_uint_eq(NORMAL(m)->free_area[5].nr_free, 1);
	ck_assert_uint_eq(NORMAL(m)->free_area[4].nr_free, 1);
	ck_assert_uint_eq(NORMAL(m)->free_area[0].nr_free, 24);
	ck_assert_int_eq(unusable_free_index(m, NORMAL(m), 5), 87);
	ck_assert_int_eq(fragmentation_index(m, NORMAL(m), 6), -1000);
	/* counters agree with the report */
	ck_assert_uint_eq(m->vm_events[PGMIGRATE_SUCCESS], rep.zones[0].migrated);
	ck_assert_uint_eq(m->vm_events[PGMIGRATE_FAIL], rep.zones[0].failed);
	ck_assert_uint_eq(m->vm_events[COMPACTMIGRATE_SCANNED], rep.zones[0].migrate_scanned);
	ck_assert_uint_eq(m->vm_events[COMPACTFREE_SCANNED], rep.zones[0].free_scanned);
	ck_assert_uint_eq(m->vm_events[COMPACTISOLATED],
			  rep.zones[0].isolated_migrate + rep.zones[0].isolated_free);
	free(old);
	expect_settled(m);
	machine_destroy(m);
}
END_TEST

START_TEST(held_blocks_never_move)
{
	struct machine *m = frag_machine();
	unsigned long pfn;
	int i;

	fragment(m);
	ck_assert_int_eq(compact_command(m, -1, NULL, &rep), COMPACT_COMPLETE);
	for (i = 0; i < 4; i++) {
		pfn = 0x380 + (unsigned long)BLOCK * i;
		ck_assert(mmsh_is_held_head(m, pfn));
		ck_assert_uint_eq(mmsh_alloc_order(&m->mem_map[pfn]), 5);
		ck_assert(!PageLRU(&m->mem_map[pfn]));
	}
	ck_assert_uint_eq(m->allocated.blocks, 4);
	ck_assert_int_eq(mmsh_free(m, 0x3a0, 5, NULL), 0);
	expect_settled(m);
	machine_destroy(m);
}
END_TEST

START_TEST(empty_blocks_get_the_skip_hint)
{
	struct machine *m = frag_machine();
	struct zone *z = NORMAL(m);
	struct task *a = fragment(m);
	unsigned long v;

	/* block 1's pages (vpages 16..31) are all pinned: nothing there can move */
	for (v = 16; v < 32; v++)
		get_page(&m->mem_map[pte_val(a->anon[v])]);
	ck_assert_int_eq(compact_command(m, 6, NULL, &rep), COMPACT_SUCCESS);
	/*
	 * Block 0 is emptied; block 1 yields nothing: marked skip at its end,
	 * and the cached sync position moves past it (pageblock_end_pfn(0x40)
	 * = 0x60). Blocks 2 and 3 are emptied and merge into an order-6 block.
	 * Blocks the scanner took pages from were marked when it started on
	 * them (test_and_set_skip at their first pfn).
	 */
	for (v = 0; v < 4; v++)
		ck_assert_msg(m->pageblock_flags[v] & PB_MIGRATE_SKIP, "block %lu not marked", v);
	ck_assert(!(m->pageblock_flags[4] & PB_MIGRATE_SKIP));
	ck_assert_uint_eq(z->compact.cached_migrate_pfn[0], 0x60);
	ck_assert_uint_eq(z->compact.cached_migrate_pfn[1], 0x60);
	ck_assert_uint_eq(buddy_order(&m->mem_map[0x40]), 6);
	/* take that block: the next run starts at 0x60, skips block 3, scans from 0x80 */
	ck_assert_int_eq(mmsh_alloc(m, GFP_KERNEL, 6, NUMA_NO_NODE, NULL), 0x40);
	record_compaction(m, 0);
	ck_assert_int_eq(compact_command(m, 6, NULL, &rep), COMPACT_SUCCESS);
	expect_line(TRACE_MM_COMPACTION_ISOLATE_MIGRATEPAGES, 0,
		    "mm_compaction_isolate_migratepages: range=(0x80 ~ 0xa0) nr_scanned=32 nr_taken=16");
	for (v = 16; v < 32; v++)
		put_page(m, &m->mem_map[pte_val(a->anon[v])]);
	expect_anon_intact(m, a);
	expect_settled(m);
	machine_destroy(m);
}
END_TEST

START_TEST(reset_isolation_suitable_needs_the_flush_flag)
{
	struct machine *m = frag_machine();
	struct zone *z = NORMAL(m);
	unsigned long b, marked = 0;

	fragment(m);
	for (b = 0; b < FRAG_PAGES / BLOCK; b++)
		m->pageblock_flags[b] |= PB_MIGRATE_SKIP;
	reset_isolation_suitable(m->node_data[0]);     /* no flush asked: nothing */
	for (b = 0; b < FRAG_PAGES / BLOCK; b++)
		marked += (m->pageblock_flags[b] & PB_MIGRATE_SKIP) != 0;
	ck_assert_uint_eq(marked, 32);
	/*
	 * With the flag, blocks with an LRU page (0..27, sampled every 8th
	 * page: pfn 0, 8, ... are task a's) or a free page lose the hint from
	 * both ends inwards; the held blocks (28..31) have neither and keep it.
	 */
	z->compact.blockskip_flush = true;
	reset_isolation_suitable(m->node_data[0]);
	ck_assert(!z->compact.blockskip_flush);
	for (b = 0; b < 28; b++)
		ck_assert_msg(!(m->pageblock_flags[b] & PB_MIGRATE_SKIP), "block %lu kept its hint", b);
	for (b = 28; b < 32; b++)
		ck_assert(m->pageblock_flags[b] & PB_MIGRATE_SKIP);
	/* the scanners restart at the first source and the last target block */
	ck_assert_uint_eq(z->compact.cached_migrate_pfn[0], 0);
	ck_assert_uint_eq(z->compact.cached_free_pfn, 27 * BLOCK + BLOCK - 1);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

START_TEST(whole_zone_run_ignores_the_skip_hints)
{
	struct machine *m = frag_machine();
	unsigned long b;

	fragment(m);
	for (b = 0; b < FRAG_PAGES / BLOCK; b++)
		m->pageblock_flags[b] |= PB_MIGRATE_SKIP;
	/*
	 * A direct run honours the hints: neither scanner finds a block to
	 * scan. (It counts as whole-zone: in a zone at pfn 0 the migrate
	 * scanner starts at compact_init_migrate_pfn, 0; so it ends complete.)
	 */
	ck_assert_int_eq(compact_command(m, 5, NULL, &rep), COMPACT_COMPLETE);
	ck_assert_uint_eq(rep.zones[0].migrate_scanned, 0);
	ck_assert_uint_eq(rep.zones[0].isolated_migrate, 0);
	ck_assert(rep.zones[0].whole_zone);
	/* compact_memory ignores them */
	ck_assert_int_eq(compact_command(m, -1, NULL, &rep), COMPACT_COMPLETE);
	ck_assert_uint_eq(rep.zones[0].migrated, 216);
	expect_settled(m);
	machine_destroy(m);
}
END_TEST

START_TEST(async_unmovable_compaction_only_scans_unmovable_blocks)
{
	struct machine *m = frag_machine();
	size_t i;

	fragment(m);
	record_compaction(m, 0);
	ck_assert_int_eq(direct(m, GFP_KERNEL, 5, COMPACT_PRIO_ASYNC, NULL), COMPACT_COMPLETE);
	/*
	 * suitable_migration_source(): the movable blocks 0..27 are passed
	 * over; the held (now unmovable) blocks are entered and, their first
	 * page failing, skipped to the end of their order-5 chunk: one page
	 * scanned each.
	 */
	ck_assert_uint_eq(count_events(&rec, TRACE_MM_COMPACTION_ISOLATE_MIGRATEPAGES), 3);
	expect_line(TRACE_MM_COMPACTION_ISOLATE_MIGRATEPAGES, 0,
		    "mm_compaction_isolate_migratepages: range=(0x380 ~ 0x3a0) nr_scanned=1 nr_taken=0");
	for (i = 0; i < rec.n; i++)
		ck_assert_int_ne(rec.ev[i].id, TRACE_MM_COMPACTION_MIGRATEPAGES);
	expect_line(TRACE_MM_COMPACTION_BEGIN, 0,
		    "mm_compaction_begin: zone_start=0x0 migrate_pfn=0x0 free_pfn=0x3e0 zone_end=0x400, mode=async");
	expect_line(TRACE_MM_COMPACTION_END, 0,
		    "mm_compaction_end: zone_start=0x0 migrate_pfn=0x3e0 free_pfn=0x3e0 zone_end=0x400, mode=async status=complete");
	/* the scanners met: both cached positions start over at the zone's start */
	ck_assert_uint_eq(NORMAL(m)->compact.cached_migrate_pfn[0], 0);
	ck_assert_uint_eq(NORMAL(m)->compact.cached_migrate_pfn[1], 0);
	/* an async run does not defer; a direct run whose scanners met asks kswapd to flush */
	ck_assert_uint_eq(NORMAL(m)->compact.defer_shift, 0);
	ck_assert(NORMAL(m)->compact.blockskip_flush);
	expect_settled(m);
	machine_destroy(m);
}
END_TEST

START_TEST(async_movable_skips_a_spoilt_chunk)
{
	struct machine *m = frag_machine();
	struct task *a;
	struct page *pinned;
	unsigned long pinned_pfn;

	a = fragment(m);
	/* no order-4 block either: order 3 needs compaction */
	ck_assert_int_eq(mmsh_alloc(m, GFP_KERNEL, 4, NUMA_NO_NODE, NULL), 0x370);
	/* pin a's page at pfn 4 with an extra reference (like get_user_pages) */
	pinned_pfn = pte_val(a->anon[2]);
	ck_assert_uint_eq(pinned_pfn, 4);
	pinned = &m->mem_map[pinned_pfn];
	get_page(pinned);
	record_compaction(m, 0);
	/*
	 * Async direct compaction for order 3 works in 8-page chunks: pfns 0
	 * and 2 are isolated, pfn 4 is pinned, so they go back and the scan
	 * jumps to pfn 8 (5 pages scanned, holes included); pfns 8..15 form
	 * the first chunk it can migrate (8 scanned, 4 taken), and the scan
	 * stops at the next chunk to migrate them.
	 */
	ck_assert_int_eq(direct(m, GFP_HIGHUSER_MOVABLE, 3, COMPACT_PRIO_ASYNC, NULL), COMPACT_SUCCESS);
	ck_assert_uint_eq(pte_val(a->anon[0]), 0);
	ck_assert_uint_eq(pte_val(a->anon[1]), 2);
	ck_assert_uint_eq(pte_val(a->anon[2]), pinned_pfn);
	ck_assert_uint_ne(pte_val(a->anon[4]), 8);
	ck_assert_uint_eq(buddy_order(&m->mem_map[8]), 3);
	expect_line(TRACE_MM_COMPACTION_ISOLATE_MIGRATEPAGES, 0,
		    "mm_compaction_isolate_migratepages: range=(0x0 ~ 0x10) nr_scanned=13 nr_taken=4");
	expect_line(TRACE_MM_COMPACTION_MIGRATEPAGES, 0,
		    "mm_compaction_migratepages: nr_migrated=4 nr_failed=0");
	put_page(m, pinned);
	expect_anon_intact(m, a);
	expect_settled(m);
	machine_destroy(m);
}
END_TEST

START_TEST(cached_positions_resume_a_partial_run)
{
	struct machine *m = frag_machine();
	struct zone *z = NORMAL(m);

	fragment(m);
	/* one order-5 block is made from block 0 (a's 16 pages move up): success */
	ck_assert_int_eq(compact_command(m, 5, NULL, &rep), COMPACT_SUCCESS);
	ck_assert_uint_eq(rep.zones[0].migrated, 16);
	ck_assert_uint_eq(rep.zones[0].migrate_pfn, BLOCK);
	/*
	 * The sync migrate position moved past the emptied block (to the end
	 * of the block after it: update_cached_migrate() rounds up from the
	 * block's end). The targets came from the fast search (the order-4
	 * block 0x370), which leaves the free scanner's position alone: it
	 * stays at the last pageblock, where this run set it.
	 */
	ck_assert_uint_eq(z->compact.cached_migrate_pfn[1], 2 * BLOCK);
	ck_assert_uint_eq(z->compact.cached_free_pfn, 0x3e0);
	/* take that block; the next run starts at the cached positions */
	ck_assert_int_eq(mmsh_alloc(m, GFP_KERNEL, 5, NUMA_NO_NODE, NULL), 0);
	record_compaction(m, 0);
	ck_assert_int_eq(compact_command(m, 5, NULL, &rep), COMPACT_SUCCESS);
	expect_line(TRACE_MM_COMPACTION_BEGIN, 0,
		    "mm_compaction_begin: zone_start=0x0 migrate_pfn=0x40 free_pfn=0x3e0 zone_end=0x400, mode=sync");
	expect_settled(m);
	machine_destroy(m);
}
END_TEST

START_TEST(fast_search_takes_the_free_list_tail)
{
	struct machine *m = frag_machine();
	struct zone *z = NORMAL(m);
	struct task *a;
	uint32_t movable0;

	/*
	 * fragment() alone leaves 0xf at the tail of the movable order-0 list
	 * (the exit's first mmu_gather batch), far below the top quarter.
	 * Here b first unmaps its top 16 pages (vpages 424..439, pfns
	 * 0x351..0x36f): one gather of two batches, 0x351..0x35f then
	 * 0x361..0x36f, each freed in reverse, so 0x35f is freed first of all.
	 * The exit then frees 0x1..0xf and 0x11..0x34f, all to the head.
	 */
	a = fragment_top_(m, 0, NULL, 16);
	movable0 = z->free_area[0].free_list[MIGRATE_MOVABLE];
	ck_assert_uint_eq(list_last(m->mem_map, movable0), 0x35f);
	ck_assert_uint_eq(list_first(m->mem_map, movable0), 0x11);
	/*
	 * `alloc 4` takes the order-4 block 0x370 for an unmovable request:
	 * stealing, it moves the other free pages of pageblock 0x360 (b's
	 * holes 0x361..0x36f) to the unmovable lists. The tail of the movable
	 * order-0 list (the oldest entry) is still 0x35f.
	 */
	ck_assert_int_eq(mmsh_alloc(m, GFP_KERNEL, 4, NUMA_NO_NODE, NULL), 0x370);
	ck_assert_uint_eq(list_last(m->mem_map, movable0), 0x35f);
	assert_consistent(m);
	record_compaction(m, 0);
	ck_assert_int_eq(compact_command(m, 5, NULL, &rep), COMPACT_SUCCESS);
	/*
	 * Block 0's 16 pages are isolated (migrate_pfn 0x20), then
	 * fast_isolate_freepages(): free_pfn 0x3e0, distance 0x3c0, so the top
	 * quarter starts at pageblock_start_pfn(0x3e0 - 0xf0) = 0x2e0; orders
	 * 4..1 have no free page; at order 0 the first entry looked at, the
	 * tail 0x35f, lies in it and is taken (1 scanned).
	 * fast_isolate_around() (sync-light) then takes the holes of its
	 * pageblock from 0x340 up until there are 16 targets: 0x341..0x35d,
	 * 30 pfns scanned, 15 taken.
	 */
	ck_assert_uint_eq(count_events(&rec, TRACE_MM_COMPACTION_ISOLATE_FREEPAGES), 1);
	expect_line(TRACE_MM_COMPACTION_ISOLATE_FREEPAGES, 0,
		    "mm_compaction_isolate_freepages: range=(0x340 ~ 0x35e) nr_scanned=30 nr_taken=15");
	ck_assert(!(m->pageblock_flags[0x340 / BLOCK] & PB_MIGRATE_SKIP));   /* it was enough */
	/*
	 * split_map_pages() list_adds the targets (0x35f, then 0x341..0x35d),
	 * so they are used from 0x35d down, 0x35f last; the migrate list is
	 * reversed too (vpage 15 first).
	 */
	ck_assert_uint_eq(pte_val(a->anon[15]), 0x35d);
	ck_assert_uint_eq(pte_val(a->anon[1]), 0x341);
	ck_assert_uint_eq(pte_val(a->anon[0]), 0x35f);
	ck_assert_uint_eq(rep.zones[0].free_scanned, 1 + 30);
	expect_anon_intact(m, a);
	expect_settled(m);
	machine_destroy(m);
}
END_TEST

START_TEST(too_many_isolated_aborts)
{
	struct machine *m = frag_machine();
	pg_data_t *pgdat = m->node_data[0];

	fragment(m);
	/* pretend reclaim holds 300 pages isolated: more than half of 440 LRU pages */
	pgdat->vm_stat[NR_ISOLATED_ANON] += 300;
	record_compaction(m, 0);
	ck_assert_int_eq(compact_command(m, 5, NULL, &rep), COMPACT_CONTENDED);
	ck_assert_uint_eq(count_events(&rec, TRACE_MM_COMPACTION_ISOLATE_MIGRATEPAGES), 0);
	expect_line(TRACE_MM_COMPACTION_END, 0,
		    "mm_compaction_end: zone_start=0x0 migrate_pfn=0x0 free_pfn=0x3e0 zone_end=0x400, mode=sync status=contended");
	/* contended is not a failure worth deferring */
	ck_assert_uint_eq(NORMAL(m)->compact.defer_shift, 0);
	pgdat->vm_stat[NR_ISOLATED_ANON] -= 300;
	expect_settled(m);
	machine_destroy(m);
}
END_TEST

START_TEST(compact_command_noio_does_nothing)
{
	struct machine *m = frag_machine();
	struct strbuf sb = STRBUF_INIT;

	fragment(m);
	ck_assert_int_eq(compact_command_prio(m, 5, NUMA_NO_NODE, NULL, GFP_NOIO,
					      COMPACT_PRIO_SYNC_LIGHT, &rep),
			 COMPACT_SKIPPED);
	ck_assert_int_eq(rep.nr_zones, 0);
	compact_report_format(&rep, &sb);
	ck_assert_str_eq(sb_str(&sb),
			 "compact order=5 (direct, gfp=GFP_NOIO, priority 1 sync-light): skipped\n"
			 "  no zone was compacted (GFP_NOIO may not compact)\n");
	sb_free(&sb);
	expect_settled(m);
	machine_destroy(m);
}
END_TEST

/* ---- compact_finished ---------------------------------------------------- */

START_TEST(finished_checks_only_at_pageblock_boundaries)
{
	struct machine *m = frag_machine();

	fragment(m);
	record_compaction(m, 0);
	ck_assert_int_eq(compact_command(m, 5, NULL, &rep), COMPACT_SUCCESS);
	/*
	 * begin at 0: no order-5 page yet (no_suitable_page); block 0's 16
	 * pages migrate and merge into an order-5 block in a movable pageblock;
	 * at pfn 0x20 the unmovable request could steal it (order 5 >= half a
	 * pageblock): success.
	 */
	ck_assert_uint_eq(count_events(&rec, TRACE_MM_COMPACTION_FINISHED), 2);
	expect_line(TRACE_MM_COMPACTION_FINISHED, 0,
		    "mm_compaction_finished: node=0 zone=Normal   order=5 ret=no_suitable_page");
	expect_line(TRACE_MM_COMPACTION_FINISHED, 1,
		    "mm_compaction_finished: node=0 zone=Normal   order=5 ret=success");
	expect_line(TRACE_MM_COMPACTION_ISOLATE_MIGRATEPAGES, 0,
		    "mm_compaction_isolate_migratepages: range=(0x0 ~ 0x20) nr_scanned=32 nr_taken=16");
	/*
	 * The 16 targets came from fast_isolate_freepages(): the order-4 block
	 * 0x370 lies in the top quarter of the scan space (at or above
	 * pageblock_start_pfn(0x3e0 - 0x3e0 / 4) = 0x2e0), so the linear free
	 * scanner never ran: no isolate_freepages event, free_pfn unchanged.
	 */
	ck_assert_uint_eq(count_events(&rec, TRACE_MM_COMPACTION_ISOLATE_FREEPAGES), 0);
	expect_line(TRACE_MM_COMPACTION_MIGRATEPAGES, 0,
		    "mm_compaction_migratepages: nr_migrated=16 nr_failed=0");
	expect_line(TRACE_MM_COMPACTION_END, 0,
		    "mm_compaction_end: zone_start=0x0 migrate_pfn=0x20 free_pfn=0x3e0 zone_end=0x400, mode=sync status=success");
	/* the last page isolated (vpage 15, pfn 0x1e) went first, to the last target page */
	ck_assert_uint_eq(pte_val(m->tasks[0].anon[15]), 0x37f);
	ck_assert_uint_eq(pte_val(m->tasks[0].anon[0]), 0x370);
	/* the block is there for the request */
	ck_assert_int_eq(mmsh_alloc(m, GFP_KERNEL, 5, NUMA_NO_NODE, NULL), 0);
	expect_settled(m);
	machine_destroy(m);
}
END_TEST

START_TEST(finished_contended_on_a_fatal_signal)
{
	struct machine *m = frag_machine();

	fragment(m);
	m->current_oom_victim = true;   /* SIGKILL pending for the caller */
	record_compaction(m, 0);
	ck_assert_int_eq(compact_command(m, 5, NULL, &rep), COMPACT_CONTENDED);
	expect_line(TRACE_MM_COMPACTION_FINISHED, 0,
		    "mm_compaction_finished: node=0 zone=Normal   order=5 ret=contended");
	ck_assert_uint_eq(rep.zones[0].migrated, 0);
	m->current_oom_victim = false;
	expect_settled(m);
	machine_destroy(m);
}
END_TEST

START_TEST(whole_zone_run_goes_on_until_the_scanners_meet)
{
	struct machine *m = frag_machine();
	size_t i, n = 0;

	fragment(m);
	record_compaction(m, 0);
	compact_command(m, -1, NULL, &rep);
	for (i = 0; i < rec.n; i++)
		if (rec.ev[i].id == TRACE_MM_COMPACTION_FINISHED)
			ck_assert_int_eq(rec.ev[i].status,
					 ++n == count_events(&rec, TRACE_MM_COMPACTION_FINISHED)
					 ? COMPACT_COMPLETE : COMPACT_CONTINUE);
	ck_assert_str_eq(compact_result_name(COMPACT_COMPLETE), "complete");
	expect_line(TRACE_MM_COMPACTION_BEGIN, 0,
		    "mm_compaction_begin: zone_start=0x0 migrate_pfn=0x0 free_pfn=0x3e0 zone_end=0x400, mode=sync");
	expect_settled(m);
	machine_destroy(m);
}
END_TEST

START_TEST(result_names)
{
	ck_assert_str_eq(compact_result_name(COMPACT_SKIPPED), "skipped");
	ck_assert_str_eq(compact_result_name(COMPACT_DEFERRED), "deferred");
	ck_assert_str_eq(compact_result_name(COMPACT_CONTINUE), "continue");
	ck_assert_str_eq(compact_result_name(COMPACT_SUCCESS), "success");
	ck_assert_str_eq(compact_result_name(COMPACT_PARTIAL_SKIPPED), "partial_skipped");
	ck_assert_str_eq(compact_result_name(COMPACT_COMPLETE), "complete");
	ck_assert_str_eq(compact_result_name(COMPACT_NO_SUITABLE_PAGE), "no_suitable_page");
	ck_assert_str_eq(compact_result_name(COMPACT_NOT_SUITABLE_ZONE), "not_suitable_zone");
	ck_assert_str_eq(compact_result_name(COMPACT_CONTENDED), "contended");
	ck_assert_str_eq(compact_result_name((enum compact_result)99), "?");
}
END_TEST

/* ---- migration: every owner follows its page ----------------------------- */

START_TEST(anon_ptes_follow_and_lose_the_young_bit)
{
	struct machine *m = frag_machine();
	struct task *a;
	unsigned long v, young = 0;

	a = fragment(m);
	ck_assert_uint_eq(pte_val(a->anon[0]), 0);
	ck_assert(a->anon[0] & PTE_YOUNG);
	ck_assert_int_eq(compact_command(m, 5, NULL, &rep), COMPACT_SUCCESS);
	/* block 0's pages (vpages 0..15) moved; remove_migration_pte() makes old ptes */
	for (v = 0; v < 16; v++) {
		ck_assert_uint_ge(pte_val(a->anon[v]), 0x340);
		ck_assert(!(a->anon[v] & PTE_YOUNG));
	}
	for (v = 16; v < a->anon_len; v++)
		young += (a->anon[v] & PTE_YOUNG) != 0;
	ck_assert_uint_eq(young, a->anon_len - 16);
	ck_assert_uint_eq(expect_anon_intact(m, a), FRAG_TASKS);
	/* the old pages are free again and merged into the block at pfn 0 */
	ck_assert(PageBuddy(&m->mem_map[0]));
	ck_assert_uint_eq(buddy_order(&m->mem_map[0]), 5);
	/* the new pages wait in the pagevec or sit on the inactive anon list */
	lru_add_drain_all(m);
	ck_assert(PageLRU(&m->mem_map[pte_val(a->anon[0])]));
	ck_assert(PageSwapBacked(&m->mem_map[pte_val(a->anon[0])]));
	expect_settled(m);
	machine_destroy(m);
}
END_TEST

START_TEST(page_cache_and_file_ptes_follow)
{
	struct machine *m = frag_machine();
	pg_data_t *pgdat = m->node_data[0];
	long dirty, mapped, file_pages;
	struct task *c;
	unsigned long off;
	int f;

	fragment_(m, 64, &f);
	c = task_find(m, "c");

	dirty = pgdat->vm_stat[NR_FILE_DIRTY];
	mapped = pgdat->vm_stat[NR_FILE_MAPPED];
	file_pages = pgdat->vm_stat[NR_FILE_PAGES];
	ck_assert_int_eq(dirty, 32);
	ck_assert_int_eq(mapped, 32);
	ck_assert_uint_eq(m->files[f].slot[0] & PTE_VALUE, 0);
	ck_assert_int_eq(compact_command(m, -1, NULL, &rep), COMPACT_COMPLETE);
	ck_assert_uint_eq(rep.zones[0].migrated, 216);
	expect_file_intact(m, f);
	for (off = 0; off < 64; off++) {
		unsigned long pfn = m->files[f].slot[off] & PTE_VALUE;
		struct page *page = &m->mem_map[pfn];

		ck_assert_uint_gt(pfn, 0x1c0);       /* moved up from the bottom */
		ck_assert_int_eq(PageDirty(page), off % 2 == 1);
		ck_assert(test_page_flag(page, PG_uptodate));
		ck_assert_int_eq(page_mapcount(page), off < 32 ? 1 : 0);
		/* the page cache's reference and the pte's (pagevec: drained below) */
		lru_add_drain_all(m);
		ck_assert_int_eq(page_ref_count(page), off < 32 ? 2 : 1);
	}
	/* moving within a zone leaves every counter where it was */
	ck_assert_int_eq(pgdat->vm_stat[NR_FILE_DIRTY], dirty);
	ck_assert_int_eq(pgdat->vm_stat[NR_FILE_MAPPED], mapped);
	ck_assert_int_eq(pgdat->vm_stat[NR_FILE_PAGES], file_pages);
	ck_assert_uint_eq(c->rss_file, 32);
	expect_settled(m);
	machine_destroy(m);
}
END_TEST

START_TEST(swap_cache_entries_follow)
{
	struct machine *m = boot_frag_swap(512);
	struct task *a = fragment(m);
	unsigned long v, slot;

	/* vpages 0..7 (pfns 0..14) join the swap cache, still mapped */
	for (v = 0; v < 8; v++)
		ck_assert(add_to_swap(m, &m->mem_map[pte_val(a->anon[v])]));
	assert_consistent(m);
	ck_assert_int_eq(compact_command(m, 5, NULL, &rep), COMPACT_SUCCESS);
	for (v = 0; v < 8; v++) {
		unsigned long pfn = pte_val(a->anon[v]);
		struct page *page = &m->mem_map[pfn];

		ck_assert_uint_ge(pfn, 0x340);
		ck_assert(PageSwapCache(page));
		ck_assert(PageDirty(page));
		slot = page->private - 1;
		ck_assert_uint_eq(m->swap.cache[slot], SLOT_PRESENT | pfn);
		ck_assert_ptr_eq(lookup_swap_cache(m, slot), page);
	}
	expect_anon_intact(m, a);
	expect_settled(m);
	machine_destroy(m);
}
END_TEST

START_TEST(writeback_pages_wait_only_for_full_sync)
{
	struct machine *m = frag_machine();
	unsigned long start, pfn1;
	int f;

	/*
	 * b unmaps its top 16 pages before exiting (see the fast search test):
	 * the movable order-0 list's tail holds 0x35f..0x351, then
	 * 0x36f..0x361, all in the top quarter of the scan space. (After
	 * fragment_() alone its tail, 0xf..0x1, would make the fast search of
	 * the third round fail, its 16 looks at order 1 and 1 at order 0
	 * seeing nothing above pageblock 0x20; scan_start then moves the free
	 * scanner there, below the migrate scanner, and the run ends after
	 * that round with the scanners met: COMPACT_COMPLETE.)
	 */
	fragment_top_(m, 64, &f, 16);
	/* the 32 dirty pages go to the disk (done 10 jiffies later) */
	ck_assert_uint_eq(writeback_dirty(m, ~0UL), 32);
	start = m->jiffies;
	pfn1 = m->files[f].slot[1] & PTE_VALUE;
	ck_assert_uint_eq(pfn1, 2);
	ck_assert(PageWriteback(&m->mem_map[pfn1]));
	assert_consistent(m);
	record_compaction(m, 0);
	/*
	 * sync-light isolates with ISOLATE_ASYNC_MIGRATE: pages under
	 * writeback stay on the LRU. Blocks 0..3 hold file offsets 0..63 at
	 * the even pfns: only the 8 clean ones of each are taken, so those
	 * blocks keep their writeback pages, and the order-5 block comes from
	 * block 4, the first without file pages (a's 16 pages).
	 */
	ck_assert_int_eq(compact_command(m, 5, NULL, &rep), COMPACT_SUCCESS);
	ck_assert_uint_eq(count_events(&rec, TRACE_MM_COMPACTION_ISOLATE_MIGRATEPAGES), 5);
	expect_line(TRACE_MM_COMPACTION_ISOLATE_MIGRATEPAGES, 0,
		    "mm_compaction_isolate_migratepages: range=(0x0 ~ 0x20) nr_scanned=32 nr_taken=8");
	expect_line(TRACE_MM_COMPACTION_ISOLATE_MIGRATEPAGES, 3,
		    "mm_compaction_isolate_migratepages: range=(0x60 ~ 0x80) nr_scanned=32 nr_taken=8");
	expect_line(TRACE_MM_COMPACTION_ISOLATE_MIGRATEPAGES, 4,
		    "mm_compaction_isolate_migratepages: range=(0x80 ~ 0xa0) nr_scanned=32 nr_taken=16");
	/*
	 * The targets: round 1, the order-4 block 0x370 (fast search, order
	 * 4), enough for rounds 1 and 2. Round 3 (migrate_pfn 0x60, top
	 * quarter from 0x300): order 1 holds only the 16 pairs freed in blocks
	 * 0 and 1 (16 looks, limit 16, then the limit drops to 1); at order 0
	 * the tail 0x35f is taken and 0x341..0x34d around it. Round 4: tail
	 * 0x35d, then 0x34f, 0x351..0x35b. Round 5 (16 pages): tail 0x36f,
	 * 0x361..0x36d around it, nothing after it (0x370..0x37e are used),
	 * 8 short, so the block gets the skip hint; halfway, the tail is 0xf
	 * (0x1, 0x5, 0x9, 0xd merged with pages freed in round 1): 0xf, 0xb,
	 * 0x7, 0x3 are passed over and 0x33f is taken, with 0x321..0x33d.
	 * Free pages scanned: 1 + (17 + 14) + (1 + 28) + (1 + 15 + 15) +
	 * (5 + 30).
	 */
	ck_assert_uint_eq(count_events(&rec, TRACE_MM_COMPACTION_ISOLATE_FREEPAGES), 5);
	expect_line(TRACE_MM_COMPACTION_ISOLATE_FREEPAGES, 0,
		    "mm_compaction_isolate_freepages: range=(0x340 ~ 0x34e) nr_scanned=14 nr_taken=7");
	expect_line(TRACE_MM_COMPACTION_ISOLATE_FREEPAGES, 1,
		    "mm_compaction_isolate_freepages: range=(0x340 ~ 0x35c) nr_scanned=28 nr_taken=7");
	expect_line(TRACE_MM_COMPACTION_ISOLATE_FREEPAGES, 2,
		    "mm_compaction_isolate_freepages: range=(0x360 ~ 0x36f) nr_scanned=15 nr_taken=7");
	expect_line(TRACE_MM_COMPACTION_ISOLATE_FREEPAGES, 3,
		    "mm_compaction_isolate_freepages: range=(0x370 ~ 0x37f) nr_scanned=15 nr_taken=0");
	expect_line(TRACE_MM_COMPACTION_ISOLATE_FREEPAGES, 4,
		    "mm_compaction_isolate_freepages: range=(0x320 ~ 0x33e) nr_scanned=30 nr_taken=15");
	ck_assert_uint_eq(rep.zones[0].free_scanned, 1 + 31 + 29 + 31 + 35);
	ck_assert(m->pageblock_flags[0x360 / BLOCK] & PB_MIGRATE_SKIP);
	expect_line(TRACE_MM_COMPACTION_END, 0,
		    "mm_compaction_end: zone_start=0x0 migrate_pfn=0xa0 free_pfn=0x3e0 zone_end=0x400, mode=sync status=success");
	/* 4 * 8 clean file pages and a's 16 moved; no writeback page was tried */
	ck_assert_uint_eq(rep.zones[0].migrated, 4 * 8 + 16);
	ck_assert_uint_eq(m->files[f].slot[1] & PTE_VALUE, pfn1);
	ck_assert_uint_eq(rep.zones[0].failed, 0);
	ck_assert_uint_eq(m->jiffies, start);
	ck_assert(PageBuddy(&m->mem_map[0x80]));
	ck_assert_uint_eq(buddy_order(&m->mem_map[0x80]), 5);
	expect_settled(m);
	/*
	 * compact_memory is fully sync: block 0's 8 writeback pages are
	 * isolated now, and migrate_pages()' first forced pass waits for the
	 * disk. The linear free scanner (no fast search for order -1) finds
	 * nothing in blocks 0x360, 0x340 and 0x320 at strides 1, 2 and 4 (the
	 * last two see only even pfns, a's) and doubles the stride after each
	 * empty block (as 5.10 does in sync mode too), so below it looks at
	 * a's even pfns only; it skips the free block 4 and takes 0x60 (order
	 * 1) in block 3, then 0x40, 0x43, 0x44, 0x47 in block 2: 8 targets,
	 * used from 0x47 down, 0x61 and 0x60 last (offset 1 at pfn 2 comes
	 * last). Block 1's pages then find no target: the scanners have met.
	 */
	ck_assert_int_eq(compact_command(m, -1, NULL, &rep), COMPACT_COMPLETE);
	ck_assert_uint_ge(m->jiffies, start + DISK_DEFAULT_LATENCY);
	ck_assert_uint_eq(m->files[f].slot[1] & PTE_VALUE, 0x60);
	ck_assert(!PageWriteback(&m->mem_map[m->files[f].slot[1] & PTE_VALUE]));
	expect_file_intact(m, f);
	expect_settled(m);
	machine_destroy(m);
}
END_TEST

START_TEST(mlocked_pages_migrate_and_stay_mlocked)
{
	struct machine *m = frag_machine();
	struct task *a = fragment(m);
	long mlocked;
	struct mm_error e;

	ck_assert_int_eq(mlock_task(m, a, true, &e), 0);
	lru_add_drain_all(m);
	mlocked = zone_page_state(NORMAL(m), NR_MLOCK);
	ck_assert_int_eq(mlocked, FRAG_TASKS);
	ck_assert(PageUnevictable(&m->mem_map[0]));
	/* sysctl_compact_unevictable_allowed is 1: unevictable pages move too */
	ck_assert_int_eq(compact_command(m, 5, NULL, &rep), COMPACT_SUCCESS);
	ck_assert_uint_eq(rep.zones[0].migrated, 16);
	lru_add_drain_all(m);
	ck_assert_int_eq(zone_page_state(NORMAL(m), NR_MLOCK), mlocked);
	ck_assert(PageMlocked(&m->mem_map[pte_val(a->anon[0])]));
	ck_assert(PageUnevictable(&m->mem_map[pte_val(a->anon[0])]));
	ck_assert_int_eq(node_stat(m, NR_UNEVICTABLE), FRAG_TASKS);
	expect_anon_intact(m, a);
	expect_settled(m);
	machine_destroy(m);
}
END_TEST

START_TEST(nofs_compaction_moves_only_anonymous_pages)
{
	struct machine *m = frag_machine();
	unsigned long pfn0;
	int f;

	fragment_(m, 64, &f);
	pfn0 = m->files[f].slot[0] & PTE_VALUE;

	ck_assert_int_eq(compact_command_prio(m, 5, NUMA_NO_NODE, NULL, GFP_NOFS,
					      COMPACT_PRIO_SYNC_LIGHT, &rep),
			 COMPACT_SUCCESS);
	/* file pages stayed; the zone still got its block from elsewhere */
	ck_assert_uint_eq(m->files[f].slot[0] & PTE_VALUE, pfn0);
	expect_file_intact(m, f);
	expect_settled(m);
	machine_destroy(m);
}
END_TEST

/* ---- capture ------------------------------------------------------------- */

/*
 * task_capc() captures only for a task, never for a kernel thread: these
 * tests compact as a task of their own (the `alloc` context of mmsh is a
 * kernel thread).
 */
static struct task *run_as_task(struct machine *m)
{
	struct mm_error e;
	struct task *t = task_new(m, "compactor", 0, &e);

	ck_assert_ptr_nonnull(t);
	m->current_task = t;
	return t;
}

START_TEST(direct_compaction_captures_the_block)
{
	struct machine *m = frag_machine();
	struct page *page = NULL;

	fragment(m);
	record_compaction(m, 0);
	run_as_task(m);
	ck_assert_int_eq(direct(m, GFP_KERNEL, 5, COMPACT_PRIO_SYNC_LIGHT, &page), COMPACT_SUCCESS);
	m->current_task = NULL;
	/*
	 * block 0's pages migrate; as the last one is freed the block merges
	 * to order 5 (a pageblock, so even a movable one may be captured) and
	 * goes to the compactor instead of the free lists.
	 */
	ck_assert_ptr_nonnull(page);
	ck_assert_uint_eq(page_to_pfn(m, page), 0);
	ck_assert(!PageBuddy(page));
	ck_assert_ptr_null(m->capc);
	ck_assert_int_eq(nr_free(m), 456 - BLOCK);
	ck_assert_uint_eq(NORMAL(m)->free_area[5].nr_free, 0);
	/* trace: success, then the deferral reset of try_to_compact_pages */
	expect_line(TRACE_MM_COMPACTION_END, 0,
		    "mm_compaction_end: zone_start=0x0 migrate_pfn=0x20 free_pfn=0x3e0 zone_end=0x400, mode=sync status=success");
	expect_line(TRACE_MM_COMPACTION_DEFER_RESET, 0,
		    "mm_compaction_defer_reset: node=0 zone=Normal   order=5 order_failed=6 consider=1 limit=1");
	/* the caller owns it now: record it as `alloc` would and give it back */
	set_page_count(page, 1);
	mmsh_alloc_record(m, page, 5, MIGRATE_UNMOVABLE);
	assert_consistent(m);
	ck_assert_int_eq(mmsh_free(m, 0, 5, NULL), 0);
	expect_settled(m);
	machine_destroy(m);
}
END_TEST

START_TEST(allocation_gets_the_captured_block)
{
	struct machine *m = frag_machine();
	struct alloc_report ar;

	fragment(m);
	/*
	 * The slow path first compacts async (only unmovable blocks: nothing),
	 * reclaims (nothing without swap), then compacts sync-light and
	 * captures pfn 0 for the allocating task.
	 */
	run_as_task(m);
	ck_assert_int_eq(mmsh_alloc(m, GFP_KERNEL, 5, NUMA_NO_NODE, &ar), 0);
	m->current_task = NULL;
	ck_assert_int_eq(ar.outcome, ALLOC_OK_COMPACT);
	ck_assert(ar.captured);
	ck_assert_uint_eq(ar.compactions, 2);
	ck_assert_int_eq(ar.compact_result, COMPACT_SUCCESS);
	/* __alloc_pages_direct_compact() confirmed the success */
	ck_assert_uint_eq(NORMAL(m)->compact.defer_shift, 0);
	ck_assert_uint_eq(NORMAL(m)->compact.considered, 0);
	ck_assert_int_eq(NORMAL(m)->compact.order_failed, 6);
	ck_assert_uint_eq(m->vm_events[COMPACTSTALL], 2);
	ck_assert_uint_eq(m->vm_events[COMPACTSUCCESS], 1);
	expect_settled(m);
	machine_destroy(m);
}
END_TEST

/*
 * The same allocation by a kernel thread (mmsh's own context): task_capc()
 * is NULL for kthreads, so the merged block goes to the free list and
 * __alloc_pages_direct_compact() takes it from there.
 */
START_TEST(kernel_thread_allocation_is_not_captured)
{
	struct machine *m = frag_machine();
	struct alloc_report ar;

	fragment(m);
	ck_assert_ptr_null(m->current_task);
	ck_assert_int_eq(mmsh_alloc(m, GFP_KERNEL, 5, NUMA_NO_NODE, &ar), 0);
	ck_assert_int_eq(ar.outcome, ALLOC_OK_COMPACT);
	ck_assert(!ar.captured);
	ck_assert_int_eq(ar.compact_result, COMPACT_SUCCESS);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

START_TEST(no_capture_without_a_capture_pointer)
{
	struct machine *m = frag_machine();

	fragment(m);
	ck_assert_int_eq(compact_zone_order(m, NORMAL(m), 5, GFP_KERNEL, COMPACT_PRIO_SYNC_LIGHT,
					    ALLOC_WMARK_MIN, ZONE_NORMAL, NULL), COMPACT_SUCCESS);
	/* the block went to the free lists */
	ck_assert(PageBuddy(&m->mem_map[0]));
	ck_assert_int_eq(nr_free(m), 456);
	expect_settled(m);
	machine_destroy(m);
}
END_TEST

/* ---- kcompactd ----------------------------------------------------------- */

START_TEST(kcompactd_wakes_and_compacts_at_the_next_tick)
{
	struct machine *m = frag_machine();
	pg_data_t *pgdat = m->node_data[0];
	size_t i;

	fragment(m);
	record_compaction(m, 0);
	wakeup_kcompactd(pgdat, 0, ZONE_NORMAL);        /* order 0: nothing at all */
	ck_assert_uint_eq(rec.n, 0);
	wakeup_kcompactd(pgdat, 5, ZONE_NORMAL);
	ck_assert(pgdat->kcompactd_woken);
	ck_assert_int_eq(pgdat->kcompactd_max_order, 5);
	expect_line(TRACE_MM_COMPACTION_WAKEUP_KCOMPACTD, 0,
		    "mm_compaction_wakeup_kcompactd: nid=0 order=5 classzone_idx=Normal  ");
	/* a second request while it is awake is only recorded */
	wakeup_kcompactd(pgdat, 4, ZONE_NORMAL);
	ck_assert_uint_eq(count_events(&rec, TRACE_MM_COMPACTION_WAKEUP_KCOMPACTD), 1);
	ck_assert_int_eq(pgdat->kcompactd_max_order, 5);
	tick(m, 1);
	ck_assert(!pgdat->kcompactd_woken);
	ck_assert_uint_eq(m->vm_events[KCOMPACTD_WAKE], 1);
	ck_assert_uint_gt(m->vm_events[KCOMPACTD_MIGRATE_SCANNED], 0);
	ck_assert_uint_eq(m->vm_events[KCOMPACTD_MIGRATE_SCANNED], m->vm_events[COMPACTMIGRATE_SCANNED]);
	expect_line(TRACE_MM_COMPACTION_KCOMPACTD_WAKE, 0,
		    "mm_compaction_kcompactd_wake: nid=0 order=5 classzone_idx=Normal  ");
	expect_line(TRACE_MM_COMPACTION_KCOMPACTD_SLEEP, 0, "mm_compaction_kcompactd_sleep: nid=0");
	/* it ran as kcompactd0, pid 33, sync-light, and made the block */
	i = first_event(&rec, TRACE_MM_COMPACTION_BEGIN);
	ck_assert_uint_lt(i, rec.n);
	ck_assert_int_eq(rec.ev[i].pid, KCOMPACTD_PID_BASE);
	ck_assert(rec.ev[i].sync);
	ck_assert_uint_eq(NORMAL(m)->free_area[5].nr_free, 1);
	ck_assert_uint_eq(NORMAL(m)->compact.considered, 1);   /* defer_reset(false) */
	/* the request is done; kcompactd does not ask kswapd to flush skip hints */
	ck_assert_int_eq(pgdat->kcompactd_max_order, 0);
	ck_assert_int_eq(pgdat->kcompactd_highest_zoneidx, ZONE_NORMAL);
	ck_assert(!NORMAL(m)->compact.blockskip_flush);
	expect_settled(m);
	machine_destroy(m);
}
END_TEST

START_TEST(kcompactd_not_woken_when_no_zone_is_suitable)
{
	struct machine *m = boot_preset("tiny");
	pg_data_t *pgdat = m->node_data[0];

	record_compaction(m, 0);
	/* a fresh zone has order-3 blocks: compaction_suitable says success */
	wakeup_kcompactd(pgdat, 3, ZONE_NORMAL);
	ck_assert(!pgdat->kcompactd_woken);
	ck_assert_int_eq(pgdat->kcompactd_max_order, 3);
	ck_assert_uint_eq(count_events(&rec, TRACE_MM_COMPACTION_WAKEUP_KCOMPACTD), 0);
	/* the recorded request is served when its 500 ms sleep times out (HZ/2) */
	tick(m, HZ / 2 - 1);
	ck_assert_uint_eq(m->vm_events[KCOMPACTD_WAKE], 0);
	tick(m, 1);
	ck_assert_uint_eq(m->vm_events[KCOMPACTD_WAKE], 1);
	ck_assert_int_eq(pgdat->kcompactd_max_order, 0);
	/* do_work's suitability check kept it from compacting */
	ck_assert_uint_eq(count_events(&rec, TRACE_MM_COMPACTION_BEGIN), 0);
	ck_assert_uint_eq(count_events(&rec, TRACE_MM_COMPACTION_KCOMPACTD_SLEEP), 1);
	expect_settled(m);
	machine_destroy(m);
}
END_TEST

START_TEST(kcompactd_skips_deferred_zones)
{
	struct machine *m = frag_machine();
	pg_data_t *pgdat = m->node_data[0];

	fragment(m);
	defer_compaction(NORMAL(m), 5);
	record_compaction(m, 0);
	wakeup_kcompactd(pgdat, 5, ZONE_NORMAL);
	tick(m, 1);
	ck_assert_uint_eq(m->vm_events[KCOMPACTD_WAKE], 1);
	ck_assert_uint_eq(count_events(&rec, TRACE_MM_COMPACTION_DEFERRED), 1);
	ck_assert_uint_eq(count_events(&rec, TRACE_MM_COMPACTION_BEGIN), 0);
	expect_settled(m);
	machine_destroy(m);
}
END_TEST

START_TEST(kcompactd_defers_and_drains_after_a_failed_run)
{
	struct machine *m = frag_machine();
	pg_data_t *pgdat = m->node_data[0];

	struct task *a = fragment(m);

	pin_every(m, a, 32, true);                 /* order 6 cannot be made */
	record_compaction(m, 0);
	wakeup_kcompactd(pgdat, 6, ZONE_NORMAL);
	tick(m, 1);
	/* whole-zone in a zone at pfn 0 (see failed_sync_compaction_defers_async_does_not) */
	ck_assert_int_eq(rec.ev[first_event(&rec, TRACE_MM_COMPACTION_END)].status, COMPACT_COMPLETE);
	ck_assert_uint_eq(count_events(&rec, TRACE_MM_COMPACTION_DEFER_COMPACTION), 1);
	ck_assert_uint_eq(NORMAL(m)->compact.defer_shift, 1);
	ck_assert_int_eq(NORMAL(m)->compact.order_failed, 0);
	/* kcompactd is not a direct compactor: no skip-hint flush is asked */
	ck_assert(!NORMAL(m)->compact.blockskip_flush);
	pin_every(m, a, 32, false);
	expect_anon_intact(m, a);
	expect_settled(m);
	machine_destroy(m);
}
END_TEST

START_TEST(proactive_compaction_when_the_score_is_high)
{
	struct machine *m = frag_machine();
	pg_data_t *pgdat = m->node_data[0];
	unsigned int before;

	fragment(m);
	/* score: 1024 * extfrag_for_order(5) (100) / (1024 + 1) = 99 > 90 */
	before = fragmentation_score_node(pgdat);
	ck_assert_uint_eq(before, 99);
	record_compaction(m, 0);
	tick(m, HZ / 2);
	ck_assert_uint_eq(m->vm_events[KCOMPACTD_WAKE], 0);   /* not a woken run */
	ck_assert_uint_gt(count_events(&rec, TRACE_MM_COMPACTION_BEGIN), 0);
	/* order -1 (the kernel prints order=-1: see trace.c) */
	ck_assert_int_eq((int)rec.ev[first_event(&rec, TRACE_MM_COMPACTION_SUITABLE)].order, -1);
	ck_assert_int_eq(rec.ev[first_event(&rec, TRACE_MM_COMPACTION_SUITABLE)].status, COMPACT_CONTINUE);
	/* it stopped at or below the low mark 80, or when the scanners met */
	ck_assert_uint_lt(fragmentation_score_node(pgdat), before);
	ck_assert_uint_eq(count_events(&rec, TRACE_MM_COMPACTION_KCOMPACTD_SLEEP), 1);
	ck_assert_uint_eq(pgdat->kcompactd_next_check, m->jiffies + HZ / 2);
	expect_anon_intact(m, &m->tasks[0]);
	expect_settled(m);
	machine_destroy(m);
}
END_TEST

START_TEST(no_proactive_compaction_when_switched_off)
{
	struct machine *m = frag_machine();

	fragment(m);
	m->sysctl_compaction_proactiveness = 0;
	record_compaction(m, 0);
	tick(m, HZ);
	/* kcompactd still wakes every 500 ms (5.10) but does nothing */
	ck_assert_uint_eq(count_events(&rec, TRACE_MM_COMPACTION_KCOMPACTD_SLEEP), 2);
	ck_assert_uint_eq(count_events(&rec, TRACE_MM_COMPACTION_BEGIN), 0);
	ck_assert_uint_eq(fragmentation_score_node(m->node_data[0]), 99);
	expect_settled(m);
	machine_destroy(m);
}
END_TEST

START_TEST(no_proactive_compaction_while_kswapd_runs)
{
	struct machine *m = frag_machine();
	pg_data_t *pgdat = m->node_data[0];

	fragment(m);
	pgdat->kcompactd_next_check = m->jiffies + 1;
	pgdat->kswapd_state = KSWAPD_WOKEN;
	pgdat->kswapd_failures = MAX_RECLAIM_RETRIES;   /* it will find nothing to do */
	record_compaction(m, 0);
	kcompactd_tick(m);
	m->jiffies++;
	kcompactd_tick(m);
	ck_assert_uint_eq(count_events(&rec, TRACE_MM_COMPACTION_KCOMPACTD_SLEEP), 1);
	ck_assert_uint_eq(count_events(&rec, TRACE_MM_COMPACTION_BEGIN), 0);
	pgdat->kswapd_state = KSWAPD_SLEEPING;
	expect_settled(m);
	machine_destroy(m);
}
END_TEST

/* ---- the `compact` command ----------------------------------------------- */

START_TEST(compact_command_report)
{
	struct machine *m = frag_machine();
	struct strbuf sb = STRBUF_INIT;

	fragment(m);
	ck_assert_int_eq(compact_command(m, 5, NORMAL(m), &rep), COMPACT_SUCCESS);
	ck_assert_int_eq(rep.order, 5);
	ck_assert_int_eq(rep.mode, MIGRATE_SYNC_LIGHT);
	ck_assert_int_eq(rep.nr_zones, 1);
	ck_assert(rep.zones[0].scanned);
	ck_assert_uint_eq(rep.zones[0].migrate_start, 0);
	ck_assert_uint_eq(rep.zones[0].free_start, 0x3e0);
	ck_assert_uint_eq(rep.zones[0].migrate_pfn, 0x20);
	ck_assert_uint_eq(rep.zones[0].free_pfn, 0x3e0);
	ck_assert_uint_eq(rep.zones[0].isolated_migrate, 16);
	ck_assert_uint_eq(rep.zones[0].isolated_free, 16);
	ck_assert_uint_eq(rep.zones[0].free_scanned, 1);
	compact_report_format(&rep, &sb);
	ck_assert_str_eq(sb_str(&sb),
			 "compact order=5 (direct, gfp=GFP_KERNEL, priority 1 sync-light): success\n"
			 "Node 0, zone   Normal: success (whole zone)\n"
			 "  migrate scanner 0x0 -> 0x20  scanned 32  isolated 16\n"
			 "  free scanner    0x3e0 -> 0x3e0  scanned 1  isolated 16\n"
			 "  pages migrated 16  failed 0\n");
	sb_reset(&sb);
	/* now an order-5 block is free: the zone needs no compaction */
	ck_assert_int_eq(compact_command(m, 5, NULL, &rep), COMPACT_SUCCESS);
	compact_report_format(&rep, &sb);
	ck_assert_str_eq(sb_str(&sb),
			 "compact order=5 (direct, gfp=GFP_KERNEL, priority 1 sync-light): success\n"
			 "Node 0, zone   Normal: success (compaction_suitable: the allocation would succeed already)\n");
	sb_free(&sb);
	expect_settled(m);
	machine_destroy(m);
}
END_TEST

START_TEST(compact_command_whole_machine)
{
	struct machine *m = boot_preset("default");
	struct strbuf sb = STRBUF_INIT;

	ck_assert_int_eq(compact_command(m, -1, NULL, &rep), COMPACT_COMPLETE);
	ck_assert_int_eq(rep.mode, MIGRATE_SYNC);
	/* DMA and Normal, both whole zones, nothing to move on a fresh machine */
	ck_assert_int_eq(rep.nr_zones, 2);
	ck_assert_int_eq(rep.zones[0].zid, ZONE_DMA);
	ck_assert_int_eq(rep.zones[1].zid, ZONE_NORMAL);
	ck_assert(rep.zones[1].whole_zone);
	ck_assert_uint_eq(rep.zones[1].migrated, 0);
	compact_report_format(&rep, &sb);
	ck_assert_ptr_nonnull(strstr(sb_str(&sb), "compact: whole zones, as compact_memory (sync): complete\n"));
	ck_assert_ptr_nonnull(strstr(sb_str(&sb), "Node 0, zone      DMA: complete (whole zone)\n"));
	sb_free(&sb);
	expect_settled(m);
	machine_destroy(m);
}
END_TEST

START_TEST(compact_command_deferred_zone)
{
	struct machine *m = frag_machine();
	struct strbuf sb = STRBUF_INIT;

	fragment(m);
	defer_compaction(NORMAL(m), 5);
	ck_assert_int_eq(compact_command(m, 5, NULL, &rep), COMPACT_DEFERRED);
	ck_assert(rep.zones[0].deferred);
	compact_report_format(&rep, &sb);
	ck_assert_ptr_nonnull(strstr(sb_str(&sb), "Node 0, zone   Normal: deferred (compaction_deferred)\n"));
	sb_free(&sb);
	expect_settled(m);
	machine_destroy(m);
}
END_TEST

START_TEST(first_compaction_of_a_zone_at_pfn_0_scans_it)
{
	struct machine *m = frag_machine();

	fragment(m);
	/* the zone starts at pfn 0: the zeroed cached free pfn means "not set" */
	ck_assert_uint_eq(NORMAL(m)->zone_start_pfn, 0);
	ck_assert_uint_eq(NORMAL(m)->compact.cached_free_pfn, 0);
	record_compaction(m, 0);
	compact_command(m, 5, NULL, &rep);
	expect_line(TRACE_MM_COMPACTION_BEGIN, 0,
		    "mm_compaction_begin: zone_start=0x0 migrate_pfn=0x0 free_pfn=0x3e0 zone_end=0x400, mode=sync");
	expect_settled(m);
	machine_destroy(m);
}
END_TEST

START_TEST(compact_command_one_node)
{
	struct machine *m = boot_preset("numa");
	struct strbuf sb = STRBUF_INIT;
	int i;

	ck_assert_int_eq(compact_command_prio(m, -1, 1, NULL, GFP_KERNEL, DEF_COMPACT_PRIORITY, &rep),
			 COMPACT_COMPLETE);
	/* node 1's DMA32 and Normal only */
	ck_assert_int_eq(rep.nr_zones, 2);
	for (i = 0; i < rep.nr_zones; i++)
		ck_assert_int_eq(rep.zones[i].nid, 1);
	ck_assert_int_eq(rep.zones[0].zid, ZONE_DMA32);
	ck_assert_int_eq(rep.zones[1].zid, ZONE_NORMAL);
	view_extfrag_node(m, 1, NULL, &sb);
	ck_assert_ptr_null(strstr(sb_str(&sb), "Node 0"));
	ck_assert_ptr_nonnull(strstr(sb_str(&sb), "Node 1, zone    DMA32 "));
	sb_free(&sb);
	expect_settled(m);
	machine_destroy(m);
}
END_TEST

/* ---- the suite ----------------------------------------------------------- */

int main(void)
{
	Suite *s = suite_create("compaction");
	TCase *frag = tcase_create("fragmentation"), *suit = tcase_create("suitable");
	TCase *defer = tcase_create("deferral"), *scan = tcase_create("scanners");
	TCase *fin = tcase_create("finished"), *mig = tcase_create("migration");
	TCase *cap = tcase_create("capture"), *kcd = tcase_create("kcompactd");
	TCase *cmd = tcase_create("command");

	tcase_add_test(frag, fresh_zone_has_no_fragmentation);
	tcase_add_test(frag, indexes_of_a_fragmented_zone);
	tcase_add_test(frag, extfrag_view_lines);
	tcase_add_test(frag, extfrag_view_of_every_populated_zone);
	suite_add_tcase(s, frag);

	tcase_add_test(suit, suitable_success_when_the_allocation_would_succeed);
	tcase_add_test(suit, suitable_continue_for_fragmentation);
	tcase_add_test(suit, suitable_not_suitable_zone_below_extfrag_threshold);
	tcase_add_test(suit, suitable_ignores_fragindex_for_cheap_orders);
	tcase_add_test(suit, suitable_skipped_with_too_few_free_pages);
	tcase_add_test(suit, whole_zone_compaction_is_always_suitable);
	tcase_add_test(suit, zonelist_suitable_counts_what_reclaim_could_free);
	suite_add_tcase(s, suit);

	tcase_add_test(defer, deferral_arithmetic);
	tcase_add_test(defer, deferral_trace_lines);
	tcase_add_test(defer, noio_requests_cannot_compact);
	tcase_add_test(defer, deferred_zone_is_skipped_below_the_highest_priority);
	tcase_add_test(defer, failed_sync_compaction_defers_async_does_not);
	suite_add_tcase(s, defer);

	tcase_add_test(scan, scanners_walk_towards_each_other_and_meet);
	tcase_add_test(scan, compact_memory_gathers_free_memory);
	tcase_add_test(scan, held_blocks_never_move);
	tcase_add_test(scan, empty_blocks_get_the_skip_hint);
	tcase_add_test(scan, reset_isolation_suitable_needs_the_flush_flag);
	tcase_add_test(scan, whole_zone_run_ignores_the_skip_hints);
	tcase_add_test(scan, async_unmovable_compaction_only_scans_unmovable_blocks);
	tcase_add_test(scan, async_movable_skips_a_spoilt_chunk);
	tcase_add_test(scan, cached_positions_resume_a_partial_run);
	tcase_add_test(scan, fast_search_takes_the_free_list_tail);
	tcase_add_test(scan, too_many_isolated_aborts);
	suite_add_tcase(s, scan);

	tcase_add_test(fin, finished_checks_only_at_pageblock_boundaries);
	tcase_add_test(fin, finished_contended_on_a_fatal_signal);
	tcase_add_test(fin, whole_zone_run_goes_on_until_the_scanners_meet);
	tcase_add_test(fin, result_names);
	suite_add_tcase(s, fin);

	tcase_add_test(mig, anon_ptes_follow_and_lose_the_young_bit);
	tcase_add_test(mig, page_cache_and_file_ptes_follow);
	tcase_add_test(mig, swap_cache_entries_follow);
	tcase_add_test(mig, writeback_pages_wait_only_for_full_sync);
	tcase_add_test(mig, mlocked_pages_migrate_and_stay_mlocked);
	tcase_add_test(mig, nofs_compaction_moves_only_anonymous_pages);
	suite_add_tcase(s, mig);

	tcase_add_test(cap, direct_compaction_captures_the_block);
	tcase_add_test(cap, allocation_gets_the_captured_block);
	tcase_add_test(cap, kernel_thread_allocation_is_not_captured);
	tcase_add_test(cap, no_capture_without_a_capture_pointer);
	suite_add_tcase(s, cap);

	tcase_add_test(kcd, kcompactd_wakes_and_compacts_at_the_next_tick);
	tcase_add_test(kcd, kcompactd_not_woken_when_no_zone_is_suitable);
	tcase_add_test(kcd, kcompactd_skips_deferred_zones);
	tcase_add_test(kcd, kcompactd_defers_and_drains_after_a_failed_run);
	tcase_add_test(kcd, proactive_compaction_when_the_score_is_high);
	tcase_add_test(kcd, no_proactive_compaction_when_switched_off);
	tcase_add_test(kcd, no_proactive_compaction_while_kswapd_runs);
	suite_add_tcase(s, kcd);

	tcase_add_test(cmd, compact_command_report);
	tcase_add_test(cmd, compact_command_whole_machine);
	tcase_add_test(cmd, compact_command_deferred_zone);
	tcase_add_test(cmd, compact_command_noio_does_nothing);
	tcase_add_test(cmd, compact_command_one_node);
	tcase_add_test(cmd, first_compaction_of_a_zone_at_pfn_0_scans_it);
	suite_add_tcase(s, cmd);

	return run_suite(s);
}
