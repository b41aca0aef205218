/*
 * tests/unit/test_kstep_alloc.c: the kernel steps (include/mmsh/kstep.h)
 * of the allocation and freeing paths (src/engine/page_alloc.c, pcp.c,
 * watermark.c): __alloc_pages_nodemask, prepare_alloc_pages,
 * get_page_from_freelist (with node_dirty_ok spreading __GFP_WRITE page
 * cache), the watermark checks, rmqueue and the pcp
 * refill, __rmqueue, __rmqueue_smallest, expand, the fallback and steal
 * (find_suitable_fallback, steal_suitable_fallback, boost_watermark,
 * move_freepages_block), the highatomic reserves, the slow path (direct
 * reclaim and compaction, should_reclaim_retry, should_compact_retry,
 * __alloc_pages_may_oom, nopage), and freeing (__free_pages,
 * free_unref_page, free_pcppages_bulk round robin, __free_pages_ok,
 * __free_one_page merges, the drains).
 *
 * Each scenario builds the exact state that drives the decisions, and the
 * expected texts are worked out from the kernel's rules (sections 3, 4,
 * 6, 7 and 8 of the semantics reference) in the comment next to them.
 * Every step must name a function kstep_functions() knows, must fit its
 * buffer, and must not end in a period or a newline. A run with a
 * subscriber must leave exactly the machine a run without one leaves:
 * `why` and `step` replay commands on copies and rely on it.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "helpers.h"
#include "mmsh/kstep.h"
#include "mmsh/kswapd.h"
#include "mmsh/list.h"
#include "mmsh/page_alloc.h"
#include "mmsh/pcp.h"
#include "mmsh/procfs.h"
#include "mmsh/strbuf.h"
#include "mmsh/watermark.h"
#include "mmsh/workload.h"

#define UNMOV MIGRATE_UNMOVABLE
#define MOV   MIGRATE_MOVABLE

/* ---- recording steps ------------------------------------------------------ */

#define MAX_STEPS 40000

struct step_rec {
	const char *func[MAX_STEPS];
	char text[MAX_STEPS][KSTEP_TEXT];
	size_t n;           /* steps delivered (those past MAX_STEPS are counted only) */
	size_t bad;         /* steps that break the rules below */
	char first_bad[2 * KSTEP_TEXT];
};

static struct step_rec steps;

/*
 * The subscriber: keep every step, and note the first one whose function
 * is unknown, whose text filled the whole buffer (cut short), is empty,
 * or ends in a period or a newline.
 */
static void record_step(struct machine *m, const struct kstep *st, void *arg)
{
	struct step_rec *r = arg;
	size_t len = strlen(st->text);
	bool bad = !kstep_function_known(st->func) || len == 0 || len >= KSTEP_TEXT - 1 ||
		   st->text[len - 1] == '.' || strchr(st->text, '\n') != NULL;

	(void)m;
	if (bad && r->bad++ == 0)
		snprintf(r->first_bad, sizeof(r->first_bad), "%s: %s", st->func, st->text);
	if (r->n < MAX_STEPS) {
		r->func[r->n] = st->func;
		memcpy(r->text[r->n], st->text, len + 1);
	}
	r->n++;
}

static void record(struct machine *m)
{
	steps.n = 0;
	steps.bad = 0;
	steps.first_bad[0] = '\0';
	kstep_subscribe(m, record_step, &steps);
}

static void stop(struct machine *m)
{
	kstep_subscribe(m, NULL, NULL);
}

/* Every recorded step followed the rules, and none was lost. */
static void steps_sane(void)
{
	ck_assert_msg(steps.bad == 0, "%zu bad steps, the first: %s", steps.bad, steps.first_bad);
	ck_assert_msg(steps.n <= MAX_STEPS, "%zu steps: more than the recorder keeps", steps.n);
}

static void dump_steps(size_t from, size_t to)
{
	size_t i;

	for (i = from; i < to && i < steps.n; i++)
		fprintf(stderr, "  [%zu] %s: %s\n", i, steps.func[i], steps.text[i]);
}

/* The recorded steps from index `from` must be exactly want[] ("func: text"). */
static void expect_steps_from(size_t from, const char *const *want, size_t n)
{
	char got[2 * KSTEP_TEXT];
	size_t i;

	steps_sane();
	for (i = 0; i < n; i++) {
		if (from + i >= steps.n) {
			dump_steps(from, steps.n);
			ck_abort_msg("step %zu missing, wanted \"%s\"", from + i, want[i]);
		}
		snprintf(got, sizeof(got), "%s: %s", steps.func[from + i], steps.text[from + i]);
		if (strcmp(got, want[i]) != 0) {
			dump_steps(from, from + n);
			ck_abort_msg("step %zu:\n  got  \"%s\"\n  want \"%s\"", from + i, got,
				     want[i]);
		}
	}
}

#define EXPECT_ALL_STEPS(want) do {						\
		expect_steps_from(0, want, sizeof(want) / sizeof(want[0]));	\
		ck_assert_uint_eq(steps.n, sizeof(want) / sizeof(want[0]));	\
	} while (0)

/* The steps of one function, in order, must be exactly want[] (texts). */
static void expect_func_steps(const char *func, const char *const *want, size_t n)
{
	size_t i, k = 0;

	steps_sane();
	for (i = 0; i < steps.n && i < MAX_STEPS; i++) {
		if (strcmp(steps.func[i], func) != 0)
			continue;
		if (k >= n || strcmp(steps.text[i], want[k]) != 0) {
			dump_steps(0, steps.n);
			ck_abort_msg("%s step %zu:\n  got  \"%s\"\n  want \"%s\"", func, k,
				     steps.text[i], k < n ? want[k] : "(no more)");
		}
		k++;
	}
	ck_assert_msg(k == n, "%s: %zu steps, wanted %zu (next \"%s\")", func, k, n,
		      k < n ? want[k] : "");
}

#define EXPECT_FUNC(func, want) \
	expect_func_steps(func, want, sizeof(want) / sizeof(want[0]))

/* The first n steps of one function, in order, must be want[] (more may follow). */
static void expect_func_prefix(const char *func, const char *const *want, size_t n)
{
	size_t i, k = 0;

	steps_sane();
	for (i = 0; i < steps.n && i < MAX_STEPS && k < n; i++) {
		if (strcmp(steps.func[i], func) != 0)
			continue;
		if (strcmp(steps.text[i], want[k]) != 0) {
			dump_steps(0, steps.n);
			ck_abort_msg("%s step %zu:\n  got  \"%s\"\n  want \"%s\"", func, k,
				     steps.text[i], want[k]);
		}
		k++;
	}
	ck_assert_msg(k == n, "%s: %zu steps, wanted at least %zu", func, k, n);
}

#define EXPECT_FUNC_PREFIX(func, want) \
	expect_func_prefix(func, want, sizeof(want) / sizeof(want[0]))

/* The index of the first step (at or after from) of func whose text is text, or -1. */
static long find_step(size_t from, const char *func, const char *text)
{
	size_t i;

	for (i = from; i < steps.n && i < MAX_STEPS; i++)
		if (strcmp(steps.func[i], func) == 0 && strcmp(steps.text[i], text) == 0)
			return (long)i;
	return -1;
}

/* A step of func with exactly this text (printf-formatted) was recorded; its index. */
static long must_find(const char *func, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static long must_find(const char *func, const char *fmt, ...)
{
	char text[KSTEP_TEXT * 2];
	va_list ap;
	long at;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	at = find_step(0, func, text);
	if (at < 0) {
		dump_steps(0, steps.n);
		ck_abort_msg("no step %s: \"%s\"", func, text);
	}
	return at;
}

static size_t count_func(const char *func)
{
	size_t i, k = 0;

	for (i = 0; i < steps.n && i < MAX_STEPS; i++)
		k += strcmp(steps.func[i], func) == 0;
	return k;
}

/* ---- building states -------------------------------------------------------- */

/* Record a block that left the buddy lists as a block `alloc` holds. */
static void record_block(struct machine *m, struct page *page, unsigned int order, int mt)
{
	set_page_count(page, 1);
	page->index = 0;
	mmsh_alloc_record(m, page, order, mt);
}

/* __rmqueue_smallest() on the zone, accounted and recorded; the pfn or -1. */
static long take(struct machine *m, struct zone *z, unsigned int order, int mt)
{
	struct page *page = rmqueue_smallest(z, order, mt);

	if (!page)
		return -1;
	mod_zone_page_state(z, NR_FREE_PAGES, -(1L << order));
	record_block(m, page, order, mt);
	return (long)page_to_pfn(m, page);
}

static void must_free(struct machine *m, unsigned long pfn)
{
	struct mm_error e;

	ck_assert_msg(mmsh_free(m, pfn, -1, &e) == 0, "free 0x%lx: %s", pfn, e.msg);
}

static long must_alloc(struct machine *m, gfp_t gfp, unsigned int order,
		       struct alloc_report *rep)
{
	long pfn = mmsh_alloc(m, gfp, order, NUMA_NO_NODE, rep);

	ck_assert_msg(pfn >= 0, "alloc gfp %#x order %u failed (outcome %d)", gfp, order,
		      rep ? (int)rep->outcome : -1);
	return pfn;
}

/* Held order-0 pages (FILL_GFP: no reclaim, below min allowed) until free <= target. */
static void fill_to(struct machine *m, long target)
{
	while (nr_free(m) > target)
		held(m, FILL_GFP, 0);
}

/*
 * The tiny preset: one Normal zone of 256 pages (pfns 0-255), MAX_ORDER 6,
 * pageblock_order 5 (8 pageblocks of 32, all Movable at boot), one CPU.
 * min_free_kbytes = int_sqrt(1024 kB * 16) = 128 kB = 32 pages (the THP
 * raise is capped at 5% of lowmem, (256 - 48) / 20 = 10 pages, less);
 * step max(32 / 4, 256 * 10 / 10000) = 8: min 32, low 40, high 48.
 * zone_batchsize(): 256 / 1024 = 0 -> 1 -> rounddown_pow_of_two(1) - 1 = 0,
 * so pcp high 0, batch 1: every allocation refills one page, every free
 * is flushed at once. Boot frees the eight order-5 blocks with
 * FPI_TO_TAIL: free_area[5] Movable lists 0x0, 0x20, ..., 0xe0.
 */
static struct machine *boot_tiny(void)
{
	struct machine *m = boot_preset("tiny");
	struct zone *z = NORMAL(m);

	ck_assert_uint_eq(min_wmark_pages(z), 32);
	ck_assert_uint_eq(low_wmark_pages(z), 40);
	ck_assert_uint_eq(high_wmark_pages(z), 48);
	expect_pcp(m, ZONE_NORMAL, 0, 1);
	return m;
}

/*
 * boot_small(): one Normal zone of 16384 pages (pfns 0x0-0x3fff), MAX_ORDER
 * 11, pageblock_order 9, one CPU: min 256, low 320, high 384; pcp high 18,
 * batch 3 (zone_batchsize: 16384 / 1024 / 4 = 4, 4 + 2 = 6 -> 4 - 1 = 3).
 * free_area[10] Movable lists 0x0, 0x400, ..., 0x3c00.
 */
static struct machine *boot_normal(void)
{
	struct machine *m = boot_small();

	ck_assert_uint_eq(min_wmark_pages(NORMAL(m)), 256);
	ck_assert_uint_eq(low_wmark_pages(NORMAL(m)), 320);
	ck_assert_uint_eq(high_wmark_pages(NORMAL(m)), 384);
	expect_pcp(m, ZONE_NORMAL, 18, 3);
	return m;
}

/* ---- the table of functions ---------------------------------------------------- */

/*
 * `break FUNCTION` completes and checks names from kstep_functions(): it
 * must be sorted for kstep_function_known()'s binary search, and hold
 * every function this suite's scenarios meet.
 */
START_TEST(function_table_sorted_and_complete)
{
	static const char *const mine[] = {
		"__alloc_pages_cpuset_fallback", "__alloc_pages_direct_compact",
		"__alloc_pages_direct_reclaim", "__alloc_pages_may_oom",
		"__alloc_pages_nodemask", "__alloc_pages_slowpath", "__free_one_page",
		"__free_pages", "__free_pages_ok", "__gfp_pfmemalloc_flags", "__rmqueue",
		"__rmqueue_fallback", "__rmqueue_pcplist", "__rmqueue_smallest",
		"__zone_watermark_ok", "alloc_flags_nofragment", "boost_watermark",
		"compaction_capture", "drain_all_pages", "drain_local_pages", "drain_pages",
		"drain_pages_zone", "expand", "find_suitable_fallback", "free_one_page",
		"free_pcppages_bulk", "free_the_page", "free_unref_page",
		"free_unref_page_commit", "free_unref_page_list", "get_page_from_freelist",
		"gfp_to_alloc_flags", "move_freepages", "move_freepages_block",
		"node_dirty_ok", "prepare_alloc_pages", "reserve_highatomic_pageblock", "rmqueue",
		"rmqueue_bulk", "rmqueue_pcplist", "should_compact_retry",
		"should_reclaim_retry", "steal_suitable_fallback",
		"unreserve_highatomic_pageblock", "zone_watermark_fast",
	};
	size_t n, i;
	const char *const *names = kstep_functions(&n);

	for (i = 1; i < n; i++)
		ck_assert_msg(strcmp(names[i - 1], names[i]) < 0,
			      "kstep_names out of order: %s, %s", names[i - 1], names[i]);
	for (i = 0; i < sizeof(mine) / sizeof(mine[0]); i++)
		ck_assert_msg(kstep_function_known(mine[i]), "%s is not in kstep_names", mine[i]);
	ck_assert(!kstep_function_known("alloc_pages"));
	ck_assert(!kstep_function_known(""));
}
END_TEST

/* ---- the first allocation, whole ------------------------------------------------- */

/*
 * The first `alloc 0` (GFP_KERNEL) on tiny, every step:
 * prepare_alloc_pages: gfp_zone(GFP_KERNEL) = Normal, Unmovable, the fast
 * path's ALLOC_WMARK_LOW (0x1); the preferred zone is Normal, so
 * alloc_flags_nofragment() adds ALLOC_KSWAPD (0x800, from
 * __GFP_KSWAPD_RECLAIM) and ALLOC_NOFRAGMENT (0x100): 0x901. The order-0
 * fast check: 256 free > low 40. rmqueue(): order 0 goes through cpu 0's
 * Unmovable pcp list, empty, so rmqueue_bulk(batch 1) runs __rmqueue():
 * __rmqueue_smallest finds every Unmovable list empty (free_area[5] holds
 * the 8 Movable blocks), __rmqueue_fallback under ALLOC_NOFRAGMENT looks
 * at pageblock_order 5 only: free_area[5] Movable's head 0x0, order 5 >=
 * pageblock_order so can_steal; steal_suitable_fallback retypes that one
 * pageblock and moves the block to the tail of free_area[5] Unmovable.
 * The retry splits it: expand() hands back 0x10 (o4), 0x8, 0x4, 0x2,
 * 0x1 (o0), each to the head of its Unmovable list, and keeps 0x0, which
 * goes to the pcp list and out: NR_FREE_PAGES 256 - 1 = 255.
 */
START_TEST(first_allocation_of_tiny_step_by_step)
{
	static const char *const want[] = {
		"__alloc_pages_nodemask: order=0 gfp=GFP_KERNEL preferred_nid=0",
		"prepare_alloc_pages: highest_zoneidx=Normal, migratetype=Unmovable, "
		"preferred zone Normal, alloc_flags=0x1 (WMARK_LOW)",
		"alloc_flags_nofragment: the preferred zone is Normal: ALLOC_NOFRAGMENT, "
		"the first pass may not fragment pageblocks",
		"__alloc_pages_nodemask: fast path: get_page_from_freelist at the low watermark",
		"get_page_from_freelist: order=0 Unmovable alloc_flags=0x901 "
		"(WMARK_LOW|NOFRAGMENT|KSWAPD): the zonelist from Normal, zones up to Normal",
		"zone_watermark_fast: Normal order=0: free=256 - 0 unusable = 256 > low mark=40 "
		"+ lowmem_reserve[Normal]=0: passes",
		"get_page_from_freelist: Normal passes the low watermark (40): try_this_zone",
		"rmqueue: order 0 Unmovable: from cpu 0's pcp list of Normal",
		"rmqueue_pcplist: cpu 0's Unmovable pcp list of Normal: count=0 high=0 batch=1",
		"__rmqueue_pcplist: cpu 0's Unmovable pcp list is empty: rmqueue_bulk(batch=1)",
		"rmqueue_bulk: count=1: order-0 Unmovable blocks from Normal's buddy lists to "
		"cpu 0's pcp list, under one zone->lock",
		"__rmqueue: order=0 Unmovable from Normal's free lists",
		"__rmqueue_smallest: free_area[0] Unmovable is empty",
		"__rmqueue_smallest: free_area[1] Unmovable is empty",
		"__rmqueue_smallest: free_area[2] Unmovable is empty",
		"__rmqueue_smallest: free_area[3] Unmovable is empty",
		"__rmqueue_smallest: free_area[4] Unmovable is empty",
		"__rmqueue_smallest: free_area[5] Unmovable is empty (other lists hold 8)",
		"__rmqueue_smallest: no Unmovable block of order 0 to 5 in Normal: returns NULL",
		"__rmqueue_fallback: Normal has no Unmovable block of order >= 0: borrow the "
		"largest block of another type, order 5 down to 5 (ALLOC_NOFRAGMENT: whole "
		"pageblocks only)",
		"find_suitable_fallback: free_area[5] Movable has a block for Unmovable: "
		"can_steal=true (order >= pageblock_order)",
		"__rmqueue_fallback: borrows pfn=0x0 order=5, the head of free_area[5] Movable, "
		"for Unmovable (can_steal=true)",
		"steal_suitable_fallback: pfn=0x0 order=5, in a pageblock of type Movable, for "
		"Unmovable: whole_block=true",
		"steal_suitable_fallback: order 5 >= pageblock_order=5: its 1 pageblock(s) from "
		"pfn=0x0 become Unmovable",
		"steal_suitable_fallback: pfn=0x0 order=5 moves to the tail of free_area[5] "
		"Unmovable",
		"__rmqueue: a block moved to the Unmovable lists: __rmqueue_smallest again",
		"__rmqueue_smallest: free_area[0] Unmovable is empty",
		"__rmqueue_smallest: free_area[1] Unmovable is empty",
		"__rmqueue_smallest: free_area[2] Unmovable is empty",
		"__rmqueue_smallest: free_area[3] Unmovable is empty",
		"__rmqueue_smallest: free_area[4] Unmovable is empty",
		"__rmqueue_smallest: takes pfn=0x0 order=5 from the head of free_area[5] "
		"Unmovable: expand() splits it",
		"expand: upper half pfn=0x10 order=4 goes to the head of free_area[4] Unmovable; "
		"pfn=0x0 order=4 is kept",
		"expand: upper half pfn=0x8 order=3 goes to the head of free_area[3] Unmovable; "
		"pfn=0x0 order=3 is kept",
		"expand: upper half pfn=0x4 order=2 goes to the head of free_area[2] Unmovable; "
		"pfn=0x0 order=2 is kept",
		"expand: upper half pfn=0x2 order=1 goes to the head of free_area[1] Unmovable; "
		"pfn=0x0 order=1 is kept",
		"expand: upper half pfn=0x1 order=0 goes to the head of free_area[0] Unmovable; "
		"pfn=0x0 order=0 is kept",
		"rmqueue_bulk: pfn=0x0 goes to the tail of cpu 0's Unmovable pcp list (1 of 1)",
		"rmqueue_bulk: Normal NR_FREE_PAGES -= 1: 255",
		"__rmqueue_pcplist: takes pfn=0x0 from the head of cpu 0's Unmovable pcp list: "
		"count=0",
		"get_page_from_freelist: Normal gives pfn=0x0 order=0 (prep_new_page: refcount 1)",
		"__alloc_pages_nodemask: returns pfn=0x0 order=0",
	};
	struct machine *m = boot_tiny();
	struct alloc_report rep;

	record(m);
	ck_assert_int_eq(must_alloc(m, GFP_KERNEL, 0, &rep), 0);
	stop(m);
	EXPECT_ALL_STEPS(want);
	ck_assert_int_eq(rep.outcome, ALLOC_OK_FASTPATH);
	assert_consistent(m);

	/*
	 * The second takes 0x1 straight from the head of free_area[0]
	 * Unmovable: no empty list, no fallback, no split.
	 */
	record(m);
	ck_assert_int_eq(must_alloc(m, GFP_KERNEL, 0, &rep), 1);
	stop(m);
	{
		static const char *const smallest[] = {
			"takes pfn=0x1 order=0 from the head of free_area[0] Unmovable",
		};

		EXPECT_FUNC("__rmqueue_smallest", smallest);
	}
	ck_assert_uint_eq(count_func("expand"), 0);
	ck_assert_uint_eq(count_func("__rmqueue_fallback"), 0);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/* ---- freeing, merge by merge ------------------------------------------------------ */

/*
 * After the two allocations above (0x0, 0x1), `free 1` then `free 0`.
 * pcp high 0: free_unref_page_commit() puts the page at the head of the
 * Unmovable pcp list (its pageblock was retyped Unmovable), count 1 >=
 * high 0, so free_pcppages_bulk(batch 1) runs at once: the round robin
 * starts after Unmovable: Movable (empty, batch_free 1), Reclaimable
 * (empty, batch_free 2), Unmovable: batch_free reached MIGRATE_PCPTYPES
 * on the third probe, so this only list gives all (1) that is left.
 * 0x1's buddy 0x0 is allocated: no merge; its parent 0x0/o1's buddy
 * 0x2/o1 is free, so buddy_merge_likely() puts it at the tail.
 * Freeing 0x0 then merges five times, 0x1/o0, 0x2/o1, 0x4/o2, 0x8/o3,
 * 0x10/o4, into 0x0/o5 = MAX_ORDER-1, which goes to the head.
 */
START_TEST(freeing_merges_one_step_each)
{
	static const char *const free1[] = {
		"__free_pages: pfn=0x1 order=0: put_page_testzero: refcount 0, free it",
		"free_the_page: pfn=0x1 order 0: to a pcp list (free_unref_page)",
		"free_unref_page: pfn=0x1: its pageblock is Unmovable, the type the pcp page keeps",
		"free_unref_page_commit: pfn=0x1 goes to the head of cpu 0's Unmovable pcp list "
		"of Normal: count=1 >= high=0: free_pcppages_bulk(batch)",
		"free_pcppages_bulk: cpu 0 gives 1 of its 1 pcp pages of Normal back, round robin "
		"from the Movable list",
		"free_pcppages_bulk: cpu 0's Movable pcp list is empty: batch_free=1",
		"free_pcppages_bulk: cpu 0's Reclaimable pcp list is empty: batch_free=2",
		"free_pcppages_bulk: only cpu 0's Unmovable pcp list has pages: it gives "
		"all 1 left",
		"free_pcppages_bulk: takes pfn=0x1 from the tail of cpu 0's Unmovable pcp list "
		"(batch_free=1): count=0, 0 to go",
		"free_pcppages_bulk: gives pfn=0x1 back to the buddy lists as Unmovable (the type "
		"recorded when it was freed)",
		"__free_one_page: order 0: buddy pfn=0x0 is not free: merging stops",
		"__free_one_page: pfn=0x1 order=0 goes to the tail of free_area[0] Unmovable "
		"(buddy_merge_likely: its parent's buddy is free)",
	};
	static const char *const merges[] = {
		"order 0: buddy pfn=0x1 is free: take it off free_area[0], "
		"merge into pfn=0x0 order=1",
		"order 1: buddy pfn=0x2 is free: take it off free_area[1], "
		"merge into pfn=0x0 order=2",
		"order 2: buddy pfn=0x4 is free: take it off free_area[2], "
		"merge into pfn=0x0 order=3",
		"order 3: buddy pfn=0x8 is free: take it off free_area[3], "
		"merge into pfn=0x0 order=4",
		"order 4: buddy pfn=0x10 is free: take it off free_area[4], "
		"merge into pfn=0x0 order=5",
		"order 5 is MAX_ORDER-1: no larger block to merge into",
		"pfn=0x0 order=5 goes to the head of free_area[5] Unmovable",
	};
	struct machine *m = boot_tiny();

	ck_assert_int_eq(must_alloc(m, GFP_KERNEL, 0, NULL), 0);
	ck_assert_int_eq(must_alloc(m, GFP_KERNEL, 0, NULL), 1);
	record(m);
	must_free(m, 1);
	stop(m);
	EXPECT_ALL_STEPS(free1);
	assert_consistent(m);

	record(m);
	must_free(m, 0);
	stop(m);
	EXPECT_FUNC("__free_one_page", merges);
	ck_assert_int_eq(nr_free(m), 256);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * An order-3 block leaves without the pcp: free_the_page() sends it to
 * __free_pages_ok(), which counts PGFREE += 8 and frees it on the list of
 * its pageblock's type. On tiny the first `alloc 3` (Unmovable) steals
 * pageblock 0 and keeps 0x0/o3 (expand hands back 0x10/o4 and 0x8/o3);
 * freeing it merges with 0x8 and 0x10 back into 0x0/o5.
 */
START_TEST(order3_free_goes_to_free_pages_ok)
{
	static const char *const want[] = {
		"__free_pages: pfn=0x0 order=3: put_page_testzero: refcount 0, free it",
		"free_the_page: pfn=0x0 order 3 > 0: straight to the buddy lists (__free_pages_ok)",
		"__free_pages_ok: pfn=0x0 order=3, Unmovable pageblock: PGFREE += 8, "
		"__free_one_page under zone->lock",
		"__free_one_page: order 3: buddy pfn=0x8 is free: take it off free_area[3], "
		"merge into pfn=0x0 order=4",
		"__free_one_page: order 4: buddy pfn=0x10 is free: take it off free_area[4], "
		"merge into pfn=0x0 order=5",
		"__free_one_page: order 5 is MAX_ORDER-1: no larger block to merge into",
		"__free_one_page: pfn=0x0 order=5 goes to the head of free_area[5] Unmovable",
	};
	struct machine *m = boot_tiny();
	unsigned long pgfree;

	ck_assert_int_eq(must_alloc(m, GFP_KERNEL, 3, NULL), 0);
	pgfree = ev(m, PGFREE);
	record(m);
	must_free(m, 0);
	stop(m);
	EXPECT_ALL_STEPS(want);
	ck_assert_uint_eq(ev(m, PGFREE), pgfree + 8);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/* ---- per-CPU lists ------------------------------------------------------------------- */

/*
 * boot_normal(), a Movable order-0 allocation: rmqueue() takes the pcp
 * path (order 0 with ALLOC_CMA); cpu 0's Movable list is empty, so
 * rmqueue_bulk(batch 3) runs three __rmqueue()s: the first splits the
 * head of free_area[10] Movable, 0x0, and keeps 0x0; the second takes
 * 0x1 (the o0 half expand left at a list head); the third splits 0x2/o1
 * and keeps 0x2. They go to the tail in that order, so the list reads
 * 0x0, 0x1, 0x2 and the head, 0x0, is handed out: count 3 - 1 = 2.
 * The next allocation finds the list non-empty: 0x1, count 1.
 */
START_TEST(pcp_refill_one_step_per_page)
{
	static const char *const bulk[] = {
		"count=3: order-0 Movable blocks from Normal's buddy lists to cpu 0's pcp list, "
		"under one zone->lock",
		"pfn=0x0 goes to the tail of cpu 0's Movable pcp list (1 of 3)",
		"pfn=0x1 goes to the tail of cpu 0's Movable pcp list (2 of 3)",
		"pfn=0x2 goes to the tail of cpu 0's Movable pcp list (3 of 3)",
		"Normal NR_FREE_PAGES -= 3: 16381",
	};
	static const char *const pcplist[] = {
		"cpu 0's Movable pcp list is empty: rmqueue_bulk(batch=3)",
		"takes pfn=0x0 from the head of cpu 0's Movable pcp list: count=2",
	};
	static const char *const second[] = {
		"takes pfn=0x1 from the head of cpu 0's Movable pcp list: count=1",
	};
	struct machine *m = boot_normal();

	record(m);
	ck_assert_int_eq(must_alloc(m, GFP_HIGHUSER_MOVABLE, 0, NULL), 0);
	stop(m);
	EXPECT_FUNC("rmqueue_bulk", bulk);
	EXPECT_FUNC("__rmqueue_pcplist", pcplist);
	must_find("rmqueue", "order 0 Movable with ALLOC_CMA: from cpu 0's pcp list of Normal");
	must_find("rmqueue_pcplist", "cpu 0's Movable pcp list of Normal: count=0 high=18 batch=3");
	/* no CMA area: NR_FREE_CMA_PAGES 0 is never more than half of the free pages */
	must_find("__rmqueue", "ALLOC_CMA: NR_FREE_CMA_PAGES=0 <= NR_FREE_PAGES/2=8192: "
		  "its own type first");
	/* the split of 0x0/o10 is ten steps, the last hands back 0x1 */
	must_find("expand", "upper half pfn=0x200 order=9 goes to the head of free_area[9] "
		  "Movable; pfn=0x0 order=9 is kept");
	must_find("expand", "upper half pfn=0x1 order=0 goes to the head of free_area[0] "
		  "Movable; pfn=0x0 order=0 is kept");
	must_find("expand", "upper half pfn=0x3 order=0 goes to the head of free_area[0] "
		  "Movable; pfn=0x2 order=0 is kept");
	ck_assert_uint_eq(count_func("expand"), 11);
	assert_consistent(m);

	record(m);
	ck_assert_int_eq(must_alloc(m, GFP_HIGHUSER_MOVABLE, 0, NULL), 1);
	stop(m);
	EXPECT_FUNC("__rmqueue_pcplist", second);
	ck_assert_uint_eq(count_func("rmqueue_bulk"), 0);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * free_pcppages_bulk's round robin, page by page. boot_normal(): two
 * Unmovable pages (GFP_KERNEL: the first steals 0x0/o10 whole, the
 * refill takes 0x0, 0x1, 0x2) and sixteen Movable ones (the 0x400 block:
 * 0x400-0x40f, six refills of three leave 0x410, 0x411 on the list).
 * drain_all_pages() empties the lists. Then free 0x0, 0x1 (Unmovable
 * list head 0x1, tail 0x0) and 0x400..0x40f (Movable head 0x40f, tail
 * 0x400): the last free makes count 18 >= high 18, so batch 3 go back.
 * The round robin starts at Movable (batch_free 1: one page, its tail
 * 0x400), then Reclaimable is empty (batch_free 1) and Unmovable is
 * reached with batch_free 2: two pages from its tail, 0x0 then 0x1, and
 * count is 0. They are freed in that order.
 */
START_TEST(free_pcppages_bulk_round_robin_page_by_page)
{
	static const char *const want[] = {
		"cpu 0 gives 3 of its 18 pcp pages of Normal back, round robin from the "
		"Movable list",
		"takes pfn=0x400 from the tail of cpu 0's Movable pcp list (batch_free=1): "
		"count=17, 2 to go",
		"cpu 0's Reclaimable pcp list is empty: batch_free=1",
		"takes pfn=0x0 from the tail of cpu 0's Unmovable pcp list (batch_free=2): "
		"count=16, 1 to go",
		"takes pfn=0x1 from the tail of cpu 0's Unmovable pcp list (batch_free=1): "
		"count=15, 0 to go",
		"gives pfn=0x400 back to the buddy lists as Movable (the type recorded when it "
		"was freed)",
		"gives pfn=0x0 back to the buddy lists as Unmovable (the type recorded when it "
		"was freed)",
		"gives pfn=0x1 back to the buddy lists as Unmovable (the type recorded when it "
		"was freed)",
	};
	struct machine *m = boot_normal();
	unsigned long pfn;

	ck_assert_int_eq(must_alloc(m, GFP_KERNEL, 0, NULL), 0);
	ck_assert_int_eq(must_alloc(m, GFP_KERNEL, 0, NULL), 1);
	for (pfn = 0x400; pfn < 0x410; pfn++)
		ck_assert_int_eq(must_alloc(m, GFP_HIGHUSER_MOVABLE, 0, NULL), (long)pfn);
	drain_all_pages(m, NULL);
	ck_assert_int_eq(NORMAL(m)->pageset[0].pcp.count, 0);
	must_free(m, 0);
	must_free(m, 1);
	for (pfn = 0x400; pfn < 0x40f; pfn++)
		must_free(m, pfn);
	ck_assert_int_eq(NORMAL(m)->pageset[0].pcp.count, 17);

	record(m);
	must_free(m, 0x40f);
	stop(m);
	must_find("free_unref_page_commit", "pfn=0x40f goes to the head of cpu 0's Movable "
		  "pcp list of Normal: count=18 >= high=18: free_pcppages_bulk(batch)");
	EXPECT_FUNC("free_pcppages_bulk", want);
	/* every page given back is followed by its own __free_one_page steps */
	ck_assert_int_lt(must_find("free_pcppages_bulk", "%s", want[5]),
			 must_find("__free_one_page", "order 0: buddy pfn=0x401 is not free: "
				   "merging stops"));
	ck_assert_int_eq(NORMAL(m)->pageset[0].pcp.count, 15);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * drain_all_pages() on the default preset (2 CPUs, DMA and Normal):
 * only cpu 0 holds pcp pages (the Normal refill of 15 for one Movable
 * allocation, 0x1000-0x100e from the head of free_area[10] Movable,
 * leaves 14 once 0x1000 is handed out), so only cpu 0's kworker drains;
 * DMA has none.
 */
START_TEST(drain_all_pages_steps)
{
	static const char *const all[] = {
		"cpu 0 holds pcp pages: its kworker runs drain_local_pages",
		"cpu 1 holds no pcp pages: skipped",
	};
	static const char *const zones[] = {
		"cpu 0 holds no pcp pages of DMA",
		"cpu 0 holds 14 pcp pages of Normal: free_pcppages_bulk(all of them)",
	};
	struct machine *m = boot_preset("default");

	must_alloc(m, GFP_HIGHUSER_MOVABLE, 0, NULL);
	ck_assert_int_eq(NORMAL(m)->pageset[0].pcp.count, 14);
	record(m);
	drain_all_pages(m, NULL);
	stop(m);
	EXPECT_FUNC("drain_all_pages", all);
	EXPECT_FUNC("drain_pages_zone", zones);
	must_find("drain_local_pages", "cpu 0 drains its pcp lists of every zone");
	must_find("drain_pages", "cpu 0: every populated zone");
	/*
	 * The round robin reaches Movable first with batch_free 1: one page;
	 * the next round probes Reclaimable and Unmovable (empty) and Movable
	 * again with batch_free 3 = MIGRATE_PCPTYPES: it gives the other 13.
	 */
	must_find("free_pcppages_bulk", "takes pfn=0x100e from the tail of cpu 0's Movable pcp "
		  "list (batch_free=1): count=13, 13 to go");
	must_find("free_pcppages_bulk", "only cpu 0's Movable pcp list has pages: it gives all "
		  "13 left");
	ck_assert_uint_eq(count_func("__free_one_page") >= 14, true);
	ck_assert_int_eq(NORMAL(m)->pageset[0].pcp.count, 0);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/* ---- watermarks ---------------------------------------------------------------------- */

/*
 * __zone_watermark_ok()'s arithmetic on boot_normal() (free 16384), with
 * the free count passed in. mark 1000 with ALLOC_HIGH|ALLOC_HARDER:
 * 1000 - 500 = 500, then - 500/4 = 375. With ALLOC_OOM alone: 500.
 * Order 3 counts 2^3 - 1 = 7 pages unusable, then needs a free block of
 * order >= 3: after boot only free_area[10] holds any (orders 3-9 are
 * empty and give no step).
 */
START_TEST(watermark_check_numbers)
{
	static const char *const want[] = {
		"Normal order=0: free=400 - 0 unusable = 400 > min=375 (mark=1000, ALLOC_HIGH "
		"-1/2, ALLOC_HARDER -1/4) + lowmem_reserve[Normal]=0: passes",
		"Normal order=0: free=500 - 0 unusable = 500 <= min=500 (mark=1000, ALLOC_OOM "
		"-1/2) + lowmem_reserve[Normal]=0: fails",
		"Normal order=3: free=16384 - 7 unusable = 16377 > min=320 (mark=320) + "
		"lowmem_reserve[Normal]=0: enough pages, now a free block of that order",
		"Normal: free_area[10] has a free Movable block: passes",
	};
	struct machine *m = boot_normal();
	struct zone *z = NORMAL(m);

	record(m);
	ck_assert(zone_watermark_ok_(z, 0, 1000, ZONE_NORMAL, ALLOC_HIGH | ALLOC_HARDER, 400));
	ck_assert(!zone_watermark_ok_(z, 0, 1000, ZONE_NORMAL, ALLOC_OOM, 500));
	ck_assert(zone_watermark_ok(z, 3, 320, ZONE_NORMAL, ALLOC_WMARK_LOW));
	stop(m);
	EXPECT_FUNC("__zone_watermark_ok", want);
	machine_destroy(m);
}
END_TEST

/* ---- fallback, steal, boost, highatomic -------------------------------------------------- */

/*
 * The state for the next two tests: boot_normal() with everything taken
 * but the order-8 block 0x3f00 (free 256, in the Movable pageblock
 * 0x3e00-0x3fff): fifteen o10 blocks, then o9 0x3c00, then o9 0x3e00
 * splits and leaves 0x3f00/o8 free while 0x3e00/o8 is taken.
 */
static struct machine *one_order8_block(void)
{
	struct machine *m = boot_normal();
	struct zone *z = NORMAL(m);
	int i;

	for (i = 0; i < 15; i++)
		ck_assert_int_eq(take(m, z, 10, MOV), i * 0x400);
	ck_assert_int_eq(take(m, z, 9, MOV), 0x3c00);
	ck_assert_int_eq(take(m, z, 8, MOV), 0x3e00);
	ck_assert_int_eq(nr_free(m), 256);
	assert_consistent(m);
	return m;
}

/*
 * GFP_ATOMIC order 1 with 256 free: the fast path fails (256 - 1 <= low
 * 320). gfp_to_alloc_flags(): min mark, __GFP_HIGH -> ALLOC_HIGH,
 * __GFP_ATOMIC -> ALLOC_HARDER and no ALLOC_CPUSET, ALLOC_KSWAPD: 0x830.
 * The check at min: 256 - 128 - 32 = 96; 256 - 1 = 255 > 96, and
 * free_area[8] has a block. rmqueue(): ALLOC_HARDER tries HighAtomic
 * first (none), then __rmqueue(Unmovable) falls back (no NOFRAGMENT in
 * the slow path: orders 10 down to 1): free_area[10] and [9] are empty,
 * [8] Movable has 0x3f00, and order 8 >= pageblock_order/2 may steal.
 * steal_suitable_fallback(): order 8 < pageblock_order 9, so
 * boost_watermark(): 16384 managed >= 4 * 512, max_boost =
 * mult_frac(384, 15000, 10000) = 576 >= 512, boost 0 + 512 = 512; with
 * ALLOC_KSWAPD the zone is flagged. whole_block: move_freepages_block()
 * walks 0x3e00-0x3fff: 0x3f00/o8 moves (256 free), no LRU page (the held
 * ones are not on the LRU): alike = 512 - (256 + 0) = 256 (the block was
 * Movable), 256 + 256 >= 256: the pageblock becomes Unmovable. The retry
 * splits 0x3f00 down to o1 and keeps 0x3f00/o1: NR_FREE_PAGES 254.
 * rmqueue() clears ZONE_BOOSTED_WATERMARK and wakes kswapd; then
 * reserve_highatomic_pageblock(): 0 < 16384/100 + 512 = 675, the block
 * becomes HighAtomic (512 reserved) and its seven free pieces move.
 */
START_TEST(atomic_order1_steals_boosts_and_reserves)
{
	static const char *const steal[] = {
		"pfn=0x3f00 order=8, in a pageblock of type Movable, for Unmovable: "
		"whole_block=true",
		"ALLOC_KSWAPD: Normal gets ZONE_BOOSTED_WATERMARK, rmqueue() will wake kswapd",
		"free=256 + alike=256 >= 256 (half a pageblock): pageblock pfn=0x3e00 becomes "
		"Unmovable",
	};
	static const char *const boost[] = {
		"Normal: watermark_boost += a pageblock (512), at most max_boost=576 (high 384 * "
		"15000 / 10000): now 512",
	};
	static const char *const block[] = {
		"pfn=0x3e00-0x3fff: 256 free pages moved to the Unmovable lists; 0 pages in use "
		"are movable (LRU)",
		"pfn=0x3e00-0x3fff: 254 free pages moved to the HighAtomic lists",
	};
	static const char *const moves[] = {
		"free pfn=0x3f00 order=8 moves to the tail of free_area[8] Unmovable",
		"free pfn=0x3f02 order=1 moves to the tail of free_area[1] HighAtomic",
		"free pfn=0x3f04 order=2 moves to the tail of free_area[2] HighAtomic",
		"free pfn=0x3f08 order=3 moves to the tail of free_area[3] HighAtomic",
		"free pfn=0x3f10 order=4 moves to the tail of free_area[4] HighAtomic",
		"free pfn=0x3f20 order=5 moves to the tail of free_area[5] HighAtomic",
		"free pfn=0x3f40 order=6 moves to the tail of free_area[6] HighAtomic",
		"free pfn=0x3f80 order=7 moves to the tail of free_area[7] HighAtomic",
	};
	static const char *const fallback[] = {
		"free_area[10] is empty (nr_free=0)",
		"free_area[9] is empty (nr_free=0)",
		"free_area[8] Movable has a block for Unmovable: can_steal=true (order >= "
		"pageblock_order/2)",
	};
	static const char *const reserve[] = {
		"the Unmovable pageblock of pfn=0x3f00 becomes HighAtomic: "
		"nr_reserved_highatomic=512 (max 675)",
	};
	struct machine *m = one_order8_block();
	struct zone *z = NORMAL(m);
	struct alloc_report rep;

	record(m);
	ck_assert_int_eq(must_alloc(m, GFP_ATOMIC, 1, &rep), 0x3f00);
	stop(m);
	ck_assert_int_eq(rep.outcome, ALLOC_OK_SLOWPATH);
	must_find("gfp_to_alloc_flags", "alloc_flags=0x830 (WMARK_MIN|HARDER|HIGH|KSWAPD): the "
		  "min mark; __GFP_HIGH: ALLOC_HIGH; __GFP_ATOMIC: ALLOC_HARDER, no "
		  "ALLOC_CPUSET; __GFP_KSWAPD_RECLAIM: ALLOC_KSWAPD");
	must_find("__zone_watermark_ok", "Normal order=1: free=256 - 1 unusable = 255 <= min=320 "
		  "(mark=320) + lowmem_reserve[Normal]=0: fails");
	must_find("__zone_watermark_ok", "Normal order=1: free=256 - 1 unusable = 255 > min=96 "
		  "(mark=256, ALLOC_HIGH -1/2, ALLOC_HARDER -1/4) + lowmem_reserve[Normal]=0: "
		  "enough pages, now a free block of that order");
	must_find("rmqueue", "ALLOC_HARDER: the HighAtomic reserve first");
	must_find("__rmqueue_smallest", "no HighAtomic block of order 1 to 10 in Normal: "
		  "returns NULL");
	must_find("__rmqueue_fallback", "Normal has no Unmovable block of order >= 1: borrow the "
		  "largest block of another type, order 10 down to 1");
	EXPECT_FUNC("find_suitable_fallback", fallback);
	EXPECT_FUNC("steal_suitable_fallback", steal);
	EXPECT_FUNC("boost_watermark", boost);
	EXPECT_FUNC("move_freepages_block", block);
	EXPECT_FUNC("move_freepages", moves);
	EXPECT_FUNC("reserve_highatomic_pageblock", reserve);
	must_find("rmqueue", "pfn=0x3f00 order=1 leaves the buddy allocator: Normal "
		  "NR_FREE_PAGES=254");
	must_find("rmqueue", "Normal had ZONE_BOOSTED_WATERMARK: cleared, wakeup_kswapd(order 0, "
		  "Normal)");
	ck_assert_uint_eq(z->watermark_boost, 512);
	ck_assert_uint_eq(z->nr_reserved_highatomic, 512);
	assert_consistent(m);

	/*
	 * The boost would raise min to 256 + 512 = 768; drop it, as kswapd
	 * does once the node is balanced. The next GFP_ATOMIC order 1: the
	 * fast path's check now counts the 512 reserved pages as unusable
	 * (no ALLOC_HARDER there): 254 - 513 = -259 fails against low 320.
	 * At min with ALLOC_HARDER the reserve counts (253 > 96), and only
	 * the HighAtomic list of free_area[1] has a block, which
	 * ALLOC_HARDER may use. rmqueue() takes 0x3f02/o1 straight from it;
	 * its pageblock is HighAtomic already.
	 */
	z->watermark_boost = 0;
	record(m);
	ck_assert_int_eq(must_alloc(m, GFP_ATOMIC, 1, &rep), 0x3f02);
	stop(m);
	must_find("__zone_watermark_ok", "Normal order=1: free=254 - 513 unusable = -259 <= "
		  "min=320 (mark=320) + lowmem_reserve[Normal]=0: fails");
	must_find("__zone_watermark_ok", "Normal: free_area[1] has a free HighAtomic block and "
		  "ALLOC_HARDER: passes");
	must_find("__rmqueue_smallest", "takes pfn=0x3f02 order=1 from the head of free_area[1] "
		  "HighAtomic");
	must_find("reserve_highatomic_pageblock", "the pageblock of pfn=0x3f02 is HighAtomic: "
		  "nothing to reserve");
	ck_assert_uint_eq(count_func("__rmqueue"), 0);
	assert_consistent(m);

	/*
	 * zone_watermark_fast() for order 0 at the low mark now: 252 free -
	 * 512 reserved = -260, which 5.10 compares as unsigned with 320: it
	 * passes (fixed upstream in 2022, reproduced by mmsh).
	 */
	record(m);
	ck_assert(zone_watermark_fast(z, 0, low_wmark_pages(z), ZONE_NORMAL, ALLOC_WMARK_LOW,
				      GFP_KERNEL));
	stop(m);
	{
		static const char *const fast[] = {
			"zone_watermark_fast: Normal order=0: free=252 - 512 unusable = -260 > "
			"low mark=320 + "
			"lowmem_reserve[Normal]=0: passes (negative, compared as unsigned: the "
			"5.10 bug)",
		};

		EXPECT_ALL_STEPS(fast);
	}
	machine_destroy(m);
}
END_TEST

/*
 * A Movable order-0 request (rmqueue_ directly, with ALLOC_CMA but no
 * ALLOC_KSWAPD) when only an Unmovable pageblock holds free blocks,
 * 0x3/o0, 0x6/o1 and 0x8/o3 (the construction of test_page_alloc's
 * small_unmovable_block: zone of 4096 pages, everything taken, then 3,
 * 6, 7 and 8-15 freed). Its own lists and CMA are empty; the fallback
 * looks from order 10 down: [10] to [4] are empty, [3] Unmovable has
 * 0x8, but a Movable request below order 4 may not steal it whole and
 * 3 > 0, so it looks for the smallest from order 0: 0x3. whole_block is
 * false: boost_watermark() (the zone's min_free_kbytes is
 * int_sqrt(16384 * 16) = 512 kB: min 128, low 160, high 192; 4096 >= 2048
 * pages, max_boost = mult_frac(192, 15000, 10000) = 288 < 512, so 512), but no
 * ALLOC_KSWAPD; only 0x3 moves, to the tail of free_area[0] Movable.
 */
START_TEST(movable_fallback_takes_smallest_and_single_block)
{
	static const char *const rmq[] = {
		"order=0 Movable from Normal's free lists",
		"ALLOC_CMA: NR_FREE_CMA_PAGES=0 <= NR_FREE_PAGES/2=5: its own type first",
		"ALLOC_CMA: try the CMA lists (__rmqueue_cma_fallback)",
		"a block moved to the Movable lists: __rmqueue_smallest again",
	};
	static const char *const fb[] = {
		"Normal has no Movable block of order >= 0: borrow the largest block of another "
		"type, order 10 down to 0",
		"a Movable request may not steal the order-3 block whole: take the smallest "
		"fallback block instead",
		"borrows pfn=0x3 order=0, the head of free_area[0] Unmovable, for Movable "
		"(can_steal=false)",
	};
	static const char *const steal[] = {
		"pfn=0x3 order=0, in a pageblock of type Unmovable, for Movable: "
		"whole_block=false",
		"may not steal the whole block: pageblock pfn=0x0 stays Unmovable, only this "
		"block moves",
		"pfn=0x3 order=0 moves to the tail of free_area[0] Movable",
	};
	struct machine *m = boot_shape(0, 0, 4096, 0, 11, 9, 1);
	struct zone *z = NORMAL(m);
	struct page *page;
	long i;

	for (i = 0; i < 16; i++)
		ck_assert_int_eq(take(m, z, 0, MOV), i);
	for (i = 4; i <= 9; i++)
		ck_assert_int_eq(take(m, z, (unsigned int)i, MOV), 1L << i);
	for (i = 1; i <= 3; i++)
		ck_assert_int_eq(take(m, z, 10, MOV), i * 1024);
	set_pageblock_migratetype(m, PG(m, 0), UNMOV);
	must_free(m, 3);
	must_free(m, 6);
	must_free(m, 7);
	for (i = 8; i < 16; i++)
		must_free(m, (unsigned long)i);
	ck_assert_int_eq(zone_free(z), 11);
	ck_assert_uint_eq(high_wmark_pages(z), 192);

	record(m);
	page = rmqueue_(z, 0, MOV, ALLOC_CMA);
	stop(m);
	ck_assert_ptr_nonnull(page);
	ck_assert_uint_eq(page_to_pfn(m, page), 3);
	mod_zone_page_state(z, NR_FREE_PAGES, -1);
	record_block(m, page, 0, MOV);
	EXPECT_FUNC("__rmqueue", rmq);
	EXPECT_FUNC("__rmqueue_fallback", fb);
	EXPECT_FUNC("steal_suitable_fallback", steal);
	must_find("find_suitable_fallback", "free_area[3] Unmovable has a block for Movable: "
		  "can_steal=false (a Movable request below pageblock_order/2)");
	must_find("find_suitable_fallback", "free_area[0] Unmovable has a block for Movable: "
		  "can_steal=false (a Movable request below pageblock_order/2)");
	must_find("boost_watermark", "Normal: watermark_boost += a pageblock (512), at most "
		  "max_boost=512 (high 192 * 15000 / 10000): now 512");
	ck_assert_uint_eq(count_func("move_freepages_block"), 0);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * rmqueue() for order 0 without ALLOC_CMA (as __alloc_pages_may_oom's
 * ALLOC_WMARK_HIGH|ALLOC_CPUSET passes it) and a Movable request: the pcp
 * lists may hold CMA pages it may not use, so the buddy lists serve it.
 * On tiny the head of free_area[5] Movable, 0x0, splits down to 0x0.
 */
START_TEST(order0_movable_without_cma_skips_the_pcp)
{
	struct machine *m = boot_tiny();
	struct zone *z = NORMAL(m);
	struct page *page;

	record(m);
	page = rmqueue(z, z, 0, GFP_HIGHUSER_MOVABLE, ALLOC_WMARK_HIGH | ALLOC_CPUSET, MOV);
	stop(m);
	ck_assert_ptr_nonnull(page);
	ck_assert_uint_eq(page_to_pfn(m, page), 0);
	record_block(m, page, 0, MOV);
	{
		static const char *const want[] = {
			"order 0 Movable without ALLOC_CMA: from Normal's buddy lists (the pcp "
			"lists may hold CMA pages)",
			"pfn=0x0 order=0 leaves the buddy allocator: Normal NR_FREE_PAGES=255",
		};

		EXPECT_FUNC("rmqueue", want);
	}
	ck_assert_uint_eq(count_func("rmqueue_pcplist"), 0);
	/* no ALLOC_CMA: __rmqueue says nothing about the CMA balance */
	ck_assert_uint_eq(count_func("__rmqueue"), 1);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * The numa preset: two nodes, each DMA32 + Normal of 65536 pages. With
 * both of node 0's zones emptied (every order-10 block taken), a
 * GFP_KERNEL request from node 0 walks node 0 Normal and DMA32 (both
 * fail the low mark: 0 free), then meets node 1's Normal while
 * ALLOC_NOFRAGMENT is set: locality beats fragmentation avoidance, the
 * flag goes and the walk starts over, and node 1 Normal gives the page.
 * A GFP_DMA32 request prefers DMA32: no ALLOC_NOFRAGMENT at all.
 */
START_TEST(numa_walk_drops_nofragment_at_the_remote_node)
{
	static const char *const walk[] = {
		"order=0 Unmovable alloc_flags=0x901 (WMARK_LOW|NOFRAGMENT|KSWAPD): the zonelist "
		"from node 0 Normal, zones up to Normal",
		"node 0 Normal fails the low watermark (%lu); node_reclaim_mode=0: next zone",
		"node 0 DMA32 fails the low watermark (%lu); node_reclaim_mode=0: next zone",
		"node 1 Normal is on another node: locality beats fragmentation, drop "
		"ALLOC_NOFRAGMENT and start over",
		"order=0 Unmovable alloc_flags=0x801 (WMARK_LOW|KSWAPD): the zonelist from node 0 "
		"Normal, zones up to Normal",
		"node 0 Normal fails the low watermark (%lu); node_reclaim_mode=0: next zone",
		"node 0 DMA32 fails the low watermark (%lu); node_reclaim_mode=0: next zone",
		"node 1 Normal passes the low watermark (%lu): try_this_zone",
	};
	struct machine *m = boot_preset("numa");
	struct zone *n0 = ZONE(m, 0, ZONE_NORMAL), *d0 = ZONE(m, 0, ZONE_DMA32);
	struct zone *n1 = ZONE(m, 1, ZONE_NORMAL);
	char text[8][KSTEP_TEXT];
	const char *want[8];
	struct alloc_report rep;
	long pfn;
	int i;

	while (take(m, n0, 10, MOV) >= 0)
		;
	while (take(m, d0, 10, MOV) >= 0)
		;
	ck_assert_int_eq(zone_free(n0) + zone_free(d0), 0);
	for (i = 0; i < 8; i++) {
		unsigned long mark = i == 1 || i == 5 ? low_wmark_pages(n0)
				   : i == 2 || i == 6 ? low_wmark_pages(d0) : low_wmark_pages(n1);

		snprintf(text[i], KSTEP_TEXT, walk[i], mark);
		want[i] = text[i];
	}
	record(m);
	pfn = mmsh_alloc(m, GFP_KERNEL, 0, 0, &rep);
	stop(m);
	ck_assert_int_ge(pfn, 0);
	ck_assert_ptr_eq(page_zone(m, PG(m, (unsigned long)pfn)), n1);
	{
		size_t i2, k = 0;

		for (i2 = 0; i2 < steps.n && k < 8; i2++)
			if (strcmp(steps.func[i2], "get_page_from_freelist") == 0) {
				if (strcmp(steps.text[i2], want[k]) != 0) {
					dump_steps(0, steps.n);
					ck_abort_msg("walk step %zu: got \"%s\" want \"%s\"", k,
						     steps.text[i2], want[k]);
				}
				k++;
			}
		ck_assert_uint_eq(k, 8);
	}
	must_find("prepare_alloc_pages", "highest_zoneidx=Normal, migratetype=Unmovable, "
		  "preferred zone node 0 Normal, alloc_flags=0x1 (WMARK_LOW)");
	assert_consistent(m);

	record(m);
	must_alloc(m, GFP_DMA32, 0, NULL);
	stop(m);
	must_find("alloc_flags_nofragment", "the preferred zone is DMA32, not Normal: no "
		  "ALLOC_NOFRAGMENT");
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * __GFP_WRITE on numa with node 0 over its dirty limit (the state and its
 * numbers are derived in test_page_alloc.c's
 * gfp_write_skips_a_node_over_its_dirty_limit): 30000 dirty pages on node
 * 0, whose dirtyable memory is 101072 free - 10026 reserved + 30000 file =
 * 121046, limit 20% = 24209; node 1 has 131072 - 10026 = 121046 too, and
 * no dirty page. The walk asks node_dirty_ok() at node 0 Normal, remembers
 * node 0 (last_pgdat_dirty_limit) and skips node 0 DMA32 without asking;
 * node 1 is within its limit, but ALLOC_NOFRAGMENT gives way to locality
 * there and the walk starts over. node 0 is still remembered (the
 * variable lives outside the retry), so both its zones are skipped
 * without asking again; node 1, within its limit, is not remembered and
 * is asked again. Its Normal zone passes low (4071) and gives 0x30000.
 */
START_TEST(gfp_write_walk_skips_the_node_over_its_dirty_limit)
{
	static const char *const walk[] = {
		"order=0 Movable alloc_flags=0x981 (WMARK_LOW|CMA|NOFRAGMENT|KSWAPD): the "
		"zonelist from node 0 Normal, zones up to Movable",
		"node 0 Normal: __GFP_WRITE and node 0 is over its dirty limit: next zone "
		"(last_pgdat_dirty_limit = node 0)",
		"node 0 DMA32: node 0 was found over its dirty limit already: next zone",
		"node 1 Normal is on another node: locality beats fragmentation, drop "
		"ALLOC_NOFRAGMENT and start over",
		"order=0 Movable alloc_flags=0x881 (WMARK_LOW|CMA|KSWAPD): the zonelist from "
		"node 0 Normal, zones up to Movable",
		"node 0 Normal: node 0 was found over its dirty limit already: next zone",
		"node 0 DMA32: node 0 was found over its dirty limit already: next zone",
		"node 1 Normal passes the low watermark (4071): try_this_zone",
		"node 1 Normal gives pfn=0x30000 order=0 (prep_new_page: refcount 1)",
	};
	static const char *const dirty[] = {
		"node 0: NR_FILE_DIRTY 30000 + NR_WRITEBACK 0 = 30000 > limit 24209 "
		"(dirty_ratio 20% of 121046 dirtyable pages): over its dirty limit",
		"node 1: NR_FILE_DIRTY 0 + NR_WRITEBACK 0 = 0 <= limit 24209 "
		"(dirty_ratio 20% of 121046 dirtyable pages): within its dirty limit",
		"node 1: NR_FILE_DIRTY 0 + NR_WRITEBACK 0 = 0 <= limit 24209 "
		"(dirty_ratio 20% of 121046 dirtyable pages): within its dirty limit",
	};
	struct machine *m = boot_preset("numa");
	struct alloc_report rep;
	int f = new_file(m, "data");

	m->vm_dirty_ratio = 100;
	m->dirty_background_ratio = 90;
	write_file(m, f, 0, 30000);
	lru_add_drain(m);
	m->vm_dirty_ratio = 20;
	m->dirty_background_ratio = 19;
	assert_consistent(m);

	record(m);
	ck_assert_int_eq(mmsh_alloc(m, GFP_HIGHUSER_MOVABLE | GFP__WRITE, 0, 0, &rep), 0x30000);
	stop(m);
	EXPECT_FUNC("get_page_from_freelist", walk);
	EXPECT_FUNC("node_dirty_ok", dirty);
	ck_assert_int_eq(find_step(0, "__alloc_pages_nodemask", "the fast path failed: "
				   "__alloc_pages_slowpath"), -1);
	assert_consistent(m);

	/* without __GFP_WRITE nobody asks: node 0 Normal serves it */
	record(m);
	ck_assert_int_eq(mmsh_alloc(m, GFP_HIGHUSER_MOVABLE, 0, 0, &rep), 95536);
	stop(m);
	ck_assert_uint_eq(count_func("node_dirty_ok"), 0);
	must_find("get_page_from_freelist", "node 0 Normal passes the low watermark (4071): "
		  "try_this_zone");
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * One node over its dirty limit (test_slowpath.c's
 * gfp_write_over_the_node_dirty_limit_takes_the_slow_path: 1000 dirty
 * pages, 15998 dirtyable, vm.dirty_ratio 5: limit 799): the fast path
 * asks once, skips Normal, walks again without ALLOC_NOFRAGMENT and skips
 * it as the remembered node, and returns NULL. __alloc_pages_nodemask()
 * clears spread_dirty_pages before the slow path, whose walk at the min
 * mark asks nothing and takes pcp page 1000.
 */
START_TEST(gfp_write_slow_path_clears_spread_dirty_pages)
{
	static const char *const fast[] = {
		"order=0 Movable alloc_flags=0x981 (WMARK_LOW|CMA|NOFRAGMENT|KSWAPD): the "
		"zonelist from Normal, zones up to Movable",
		"Normal: __GFP_WRITE and node 0 is over its dirty limit: next zone "
		"(last_pgdat_dirty_limit = node 0)",
		"no zone gave a page without fragmenting: drop ALLOC_NOFRAGMENT and walk again",
		"order=0 Movable alloc_flags=0x881 (WMARK_LOW|CMA|KSWAPD): the zonelist from "
		"Normal, zones up to Movable",
		"Normal: node 0 was found over its dirty limit already: next zone",
		"no zone gave a page: returns NULL",
	};
	static const char *const dirty[] = {
		"node 0: NR_FILE_DIRTY 1000 + NR_WRITEBACK 0 = 1000 > limit 799 "
		"(dirty_ratio 5% of 15998 dirtyable pages): over its dirty limit",
	};
	struct machine *m = boot_normal();
	struct alloc_report rep;
	int f = new_file(m, "log");
	long at;

	write_file(m, f, 0, 1000);
	lru_add_drain(m);
	m->vm_dirty_ratio = 5;
	assert_consistent(m);

	record(m);
	ck_assert_int_eq(mmsh_alloc(m, GFP_HIGHUSER_MOVABLE | GFP__WRITE, 0, NUMA_NO_NODE, &rep),
			 1000);
	stop(m);
	ck_assert_int_eq(rep.outcome, ALLOC_OK_SLOWPATH);
	EXPECT_FUNC_PREFIX("get_page_from_freelist", fast);
	EXPECT_FUNC("node_dirty_ok", dirty);
	at = must_find("__alloc_pages_nodemask", "spread_dirty_pages cleared: the slow path may "
		       "exceed the nodes' dirty limits");
	ck_assert_str_eq(steps.func[at + 1], "__alloc_pages_nodemask");
	ck_assert_str_eq(steps.text[at + 1], "the fast path failed: __alloc_pages_slowpath");
	must_find("get_page_from_freelist", "Normal gives pfn=0x3e8 order=0 (prep_new_page: "
		  "refcount 1)");
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/* An order of MAX_ORDER or more is refused before anything else (WARN in the kernel). */
START_TEST(order_too_large_is_refused_first)
{
	static const char *const want[] = {
		"__alloc_pages_nodemask: order=6 gfp=GFP_KERNEL|__GFP_NOWARN preferred_nid=0",
		"__alloc_pages_nodemask: order 6 >= MAX_ORDER=6: WARN, returns NULL",
	};
	struct machine *m = boot_tiny();
	struct alloc_report rep;

	record(m);
	ck_assert_ptr_null(alloc_pages_nodemask(m, GFP_KERNEL | GFP__NOWARN, 6, 0, &rep));
	stop(m);
	ck_assert_int_eq(rep.outcome, ALLOC_FAIL_ORDER);
	EXPECT_ALL_STEPS(want);
	machine_destroy(m);
}
END_TEST

/* ---- the slow path ------------------------------------------------------------------ */

/*
 * tiny filled down to 16 free pages (240 held order-0 pages: pcp high 0
 * keeps none). GFP_NOWAIT = __GFP_KSWAPD_RECLAIM only: the fast path
 * fails at low 40 on both passes (16 <= 40); gfp_to_alloc_flags() gives
 * WMARK_MIN|CPUSET|KSWAPD = 0x840; 16 <= min 32 fails again; no direct
 * reclaim allowed, so no early compaction either (the condition stops
 * at can_direct_reclaim), and after one round nopage.
 */
START_TEST(nowait_below_min_fails_without_reclaim)
{
	static const char *const slow[] = {
		"order=0 gfp=GFP_NOWAIT: can_direct_reclaim=false, costly_order=false (order > 3)",
		"ALLOC_KSWAPD: wake_all_kswapds(order=0)",
		"try the free lists again at the min watermark",
		"retry: round 1",
		"ALLOC_KSWAPD: wake_all_kswapds(order=0)",
		"no __GFP_DIRECT_RECLAIM: may not reclaim, nopage",
		"nopage: returns NULL; warn_alloc reports the failure",
	};
	struct machine *m = boot_tiny();
	struct alloc_report rep;

	fill_to(m, 16);
	ck_assert_int_eq(nr_free(m), 16);
	record(m);
	ck_assert_int_eq(mmsh_alloc(m, GFP_NOWAIT, 0, NUMA_NO_NODE, &rep), -1);
	stop(m);
	ck_assert_int_eq(rep.outcome, ALLOC_FAIL_NOWAIT);
	EXPECT_FUNC("__alloc_pages_slowpath", slow);
	must_find("gfp_to_alloc_flags", "alloc_flags=0x840 (WMARK_MIN|CPUSET|KSWAPD): the min "
		  "mark; __GFP_KSWAPD_RECLAIM: ALLOC_KSWAPD");
	must_find("zone_watermark_fast", "Normal order=0: free=16 - 0 unusable = 16 <= low "
		  "mark=40 + lowmem_reserve[Normal]=0: no fast pass, the full check follows");
	must_find("__zone_watermark_ok", "Normal order=0: free=16 - 0 unusable = 16 <= min=32 "
		  "(mark=32) + lowmem_reserve[Normal]=0: fails");
	must_find("get_page_from_freelist", "Normal fails the min watermark (32); "
		  "node_reclaim_mode=0: next zone");
	must_find("get_page_from_freelist", "no zone gave a page without fragmenting: drop "
		  "ALLOC_NOFRAGMENT and walk again");
	must_find("__gfp_pfmemalloc_flags", "no __GFP_MEMALLOC, no PF_MEMALLOC, not an OOM "
		  "victim: no reserves");
	must_find("__alloc_pages_nodemask", "returns NULL: order=0 failed");
	ck_assert_uint_eq(count_func("__alloc_pages_direct_reclaim"), 0);
	ck_assert_uint_eq(count_func("__alloc_pages_direct_compact"), 0);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * The same 16 free pages, GFP_KERNEL, and a task "hog" of 150 anonymous
 * pages that cannot be reclaimed (no swap). Round 1: direct reclaim
 * frees nothing; order 0 is no case for compaction;
 * should_reclaim_retry(): no progress, no_progress_loops 1; Normal's
 * reclaimable pages are 0 (file LRU empty, anon does not count without
 * swap): available 16 <= min 32, no retry. should_compact_retry() is
 * skipped (no progress). __alloc_pages_may_oom(): the high-mark try
 * fails (16 <= 48), order 0 and GFP_KERNEL allow the OOM killer, which
 * kills hog: progress, so no_progress_loops = 0 and round 2 finds the
 * victim's pages free at the min mark.
 */
START_TEST(oom_kill_then_retry_succeeds)
{
	static const char *const slow[] = {
		"order=0 gfp=GFP_KERNEL: can_direct_reclaim=true, costly_order=false (order > 3)",
		"ALLOC_KSWAPD: wake_all_kswapds(order=0)",
		"try the free lists again at the min watermark",
		"retry: round 1",
		"ALLOC_KSWAPD: wake_all_kswapds(order=0)",
		"the OOM killer made progress: no_progress_loops=0, retry",
		"retry: round 2",
		"ALLOC_KSWAPD: wake_all_kswapds(order=0)",
	};
	static const char *const retry[] = {
		"did_some_progress=false, order 0 <= PAGE_ALLOC_COSTLY_ORDER: no_progress_loops=1 "
		"(MAX_RECLAIM_RETRIES=16)",
		"Normal: reclaimable=0 + free=16 = available 16 against min=32: would fail",
		"no zone would pass min even with everything reclaimed: returns false",
	};
	static const char *const oom[] = {
		"one more try at the high watermark: another task's kill may have freed memory",
		"out_of_memory(order=0)",
		"out_of_memory chose a victim: did_some_progress=1",
	};
	static const char *const reclaim[] = {
		"__perform_reclaim: try_to_free_pages(order=0) as PF_MEMALLOC",
		"reclaimed nothing: returns NULL",
	};
	static const char *const compact[] = {
		"order 0: compaction cannot help",
	};
	struct machine *m = boot_tiny();
	struct task *t = new_task(m, "hog");
	struct alloc_report rep;
	long pfn;

	fault(m, t, 150);
	fill_to(m, 16);
	ck_assert_int_eq(nr_free(m), 16);
	record(m);
	pfn = must_alloc(m, GFP_KERNEL, 0, &rep);
	stop(m);
	ck_assert_int_eq(rep.outcome, ALLOC_OK_SLOWPATH);
	ck_assert_int_eq(rep.oom_kills, 1);
	EXPECT_FUNC("should_reclaim_retry", retry);
	EXPECT_FUNC("__alloc_pages_may_oom", oom);
	EXPECT_FUNC("__alloc_pages_direct_reclaim", reclaim);
	EXPECT_FUNC("__alloc_pages_direct_compact", compact);
	ck_assert_uint_eq(count_func("should_compact_retry"), 0);
	must_find("get_page_from_freelist", "order=0 Unmovable alloc_flags=0x42 "
		  "(WMARK_HIGH|CPUSET): the zonelist from Normal, zones up to Normal");
	must_find("get_page_from_freelist", "Normal fails the high watermark (48); "
		  "node_reclaim_mode=0: next zone");
	must_find("__alloc_pages_slowpath", "got_pg: pfn=0x%lx order=0", (unsigned long)pfn);
	{
		/* the slow path's own steps, in order, up to the one before got_pg */
		size_t i, k = 0;

		for (i = 0; i < steps.n && k < sizeof(slow) / sizeof(slow[0]); i++)
			if (strcmp(steps.func[i], "__alloc_pages_slowpath") == 0)
				ck_assert_str_eq(steps.text[i], slow[k++]);
		ck_assert_uint_eq(k, sizeof(slow) / sizeof(slow[0]));
	}
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * boot_normal() with 2000 clean page cache pages (read once: inactive,
 * referenced, so PAGEREF_RECLAIM_CLEAN), filled down to 200 free.
 * GFP_KERNEL order 0 fails at low 320 and at min 256; round 1 reclaims
 * (did_some_progress = what try_to_free_pages reclaimed). The pages
 * reclaim frees go through free_unref_page_list() to cpu 0's pcp list
 * (high 18, batch 3), so not all of them reach NR_FREE_PAGES: the
 * retry at min fails, and __alloc_pages_direct_reclaim drains once.
 * unreserve_highatomic_pageblock(force=false) finds no reserve to give
 * (0 <= a pageblock); drain_all_pages() empties cpu 0's list, holding
 * what the kernel rule leaves there: count + 1 per freed page, less
 * batch each time it reaches high. Then the page comes.
 */
START_TEST(direct_reclaim_then_drain_then_page)
{
	static const char *const unreserve[] = {
		"force=false: give a HighAtomic pageblock back to Unmovable",
		"Normal: nr_reserved_highatomic=0 <= a pageblock (512), not forced: keeps it",
		"no free HighAtomic page moved: returns false",
	};
	struct machine *m = boot_normal();
	struct zone *z = NORMAL(m);
	struct alloc_report rep;
	char want[4][KSTEP_TEXT];
	const char *wantp[4];
	int count, i;
	long pfn;

	ck_assert_int_eq(read_new_file(m, "cache", 2000) >= 0, true);
	fill_to(m, 200);
	count = z->pageset[0].pcp.count;
	record(m);
	pfn = must_alloc(m, GFP_KERNEL, 0, &rep);
	stop(m);
	ck_assert_int_eq(rep.outcome, ALLOC_OK_RECLAIM);
	ck_assert_int_eq(rep.reclaims, 1);
	ck_assert(rep.drained);
	ck_assert_uint_gt(rep.reclaimed, 0);
	/* the pcp list the drain empties: each reclaimed page adds one, high flushes batch */
	for (i = 0; i < (int)rep.reclaimed; i++)
		if (++count >= 18)
			count -= 3;
	snprintf(want[0], KSTEP_TEXT,
		 "__perform_reclaim: try_to_free_pages(order=0) as PF_MEMALLOC");
	snprintf(want[1], KSTEP_TEXT, "did_some_progress=%lu: try the free lists", rep.reclaimed);
	snprintf(want[2], KSTEP_TEXT, "no page yet: unreserve a HighAtomic block, "
		 "drain_all_pages, try once more");
	snprintf(want[3], KSTEP_TEXT, "got pfn=0x%lx after reclaim", (unsigned long)pfn);
	for (i = 0; i < 4; i++)
		wantp[i] = want[i];
	expect_func_steps("__alloc_pages_direct_reclaim", wantp, 4);
	EXPECT_FUNC("unreserve_highatomic_pageblock", unreserve);
	must_find("drain_all_pages", "cpu 0 holds pcp pages: its kworker runs drain_local_pages");
	must_find("drain_pages_zone", "cpu 0 holds %d pcp pages of Normal: free_pcppages_bulk(all "
		  "of them)", count);
	ck_assert_uint_gt(count_func("free_unref_page_list"), 0);
	ck_assert_uint_eq(count_func("should_reclaim_retry"), 0);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * tiny, every page held, then every even pfn freed: 128 free pages, all
 * of order 0 (each buddy is held), and no page can move (held pages are
 * not on the LRU). GFP_KERNEL|__GFP_RETRY_MAYFAIL order 4 (costly):
 * __zone_watermark_ok passes the count (128 - 15 > 40) but finds no
 * block of order 4 or 5. The slow path compacts first (costly order) at
 * COMPACT_PRIO_ASYNC: nothing to migrate, COMPACT_COMPLETE. Round 1:
 * reclaim has nothing, but for a costly order do_try_to_free_pages
 * reports 1 when it stopped because compaction is ready; the retry and
 * the drained retry fail; compaction at DEF_COMPACT_PRIORITY (SYNC_LIGHT)
 * completes again. should_reclaim_retry(): a costly order never counts
 * as progress, no_progress_loops 1, and 128 free pages hold no order-4
 * block: no. should_compact_retry(): COMPACT_COMPLETE goes to the
 * priority check, and SYNC_LIGHT is already MIN_COMPACT_COSTLY_PRIORITY:
 * no. __alloc_pages_may_oom(): never for order > 3. Nothing helped.
 */
START_TEST(costly_order_compaction_and_retry_decisions)
{
	static const char *const slow[] = {
		"order=4 gfp=GFP_KERNEL|__GFP_RETRY_MAYFAIL: can_direct_reclaim=true, "
		"costly_order=true (order > 3)",
		"ALLOC_KSWAPD: wake_all_kswapds(order=4)",
		"try the free lists again at the min watermark",
		"a costly order: async compaction before reclaim",
		"retry: round 1",
		"ALLOC_KSWAPD: wake_all_kswapds(order=4)",
		"nothing helped: nopage",
		"nopage: returns NULL; warn_alloc reports the failure",
	};
	static const char *const compact[] = {
		"try_to_compact_pages(order=4, COMPACT_PRIO_ASYNC) as PF_MEMALLOC",
		"compaction returns complete: COMPACTSTALL=1",
		"still no page: COMPACTFAIL, returns NULL",
		"try_to_compact_pages(order=4, COMPACT_PRIO_SYNC_LIGHT) as PF_MEMALLOC",
		"compaction returns complete: COMPACTSTALL=2",
		"still no page: COMPACTFAIL, returns NULL",
	};
	static const char *const reclaim[] = {
		"__perform_reclaim: try_to_free_pages(order=4) as PF_MEMALLOC",
		"did_some_progress=1: try the free lists",
		"no page yet: unreserve a HighAtomic block, drain_all_pages, try once more",
		"no page even after the drain: returns NULL",
	};
	static const char *const retry[] = {
		"did_some_progress=true, order 4 > PAGE_ALLOC_COSTLY_ORDER: no_progress_loops=1 "
		"(MAX_RECLAIM_RETRIES=16)",
		"Normal: reclaimable=0 + free=128 = available 128 against min=32: would fail",
		"no zone would pass min even with everything reclaimed: returns false",
	};
	static const char *const cretry[] = {
		"COMPACT_COMPLETE: compaction failed, try a higher priority",
		"already at COMPACT_PRIO_SYNC_LIGHT, the highest priority for order 4: no retry",
	};
	static const char *const oom[] = {
		"one more try at the high watermark: another task's kill may have freed memory",
		"order 4 > PAGE_ALLOC_COSTLY_ORDER=3: the OOM killer does not run",
	};
	struct machine *m = boot_tiny();
	struct alloc_report rep;
	unsigned long pfn;

	fill_to(m, 0);
	for (pfn = 0; pfn < 256; pfn += 2)
		must_free(m, pfn);
	ck_assert_int_eq(nr_free(m), 128);
	record(m);
	ck_assert_int_eq(mmsh_alloc(m, GFP_KERNEL | GFP__RETRY_MAYFAIL, 4, NUMA_NO_NODE, &rep), -1);
	stop(m);
	ck_assert_int_eq(rep.outcome, ALLOC_FAIL_OOM);
	EXPECT_FUNC("__alloc_pages_slowpath", slow);
	EXPECT_FUNC("__alloc_pages_direct_compact", compact);
	EXPECT_FUNC("__alloc_pages_direct_reclaim", reclaim);
	EXPECT_FUNC("should_reclaim_retry", retry);
	EXPECT_FUNC("should_compact_retry", cretry);
	EXPECT_FUNC("__alloc_pages_may_oom", oom);
	must_find("__zone_watermark_ok", "Normal order=4: free=128 - 15 unusable = 113 > min=40 "
		  "(mark=40) + lowmem_reserve[Normal]=0: enough pages, now a free block of that "
		  "order");
	must_find("__zone_watermark_ok", "Normal: no usable free block of order 4 to 5: fails");
	must_find("zone_watermark_fast", "Normal order=4: no fast check above order 0: "
		  "__zone_watermark_ok against the low mark 40");
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/* ---- silence and determinism ------------------------------------------------------------ */

/* The machine as the views show it, for comparing two runs. */
static void machine_text(struct machine *m, struct strbuf *sb)
{
	proc_buddyinfo(m, sb);
	proc_pagetypeinfo(m, sb);
	proc_zoneinfo(m, sb);
	proc_vmstat(m, sb);
	proc_meminfo(m, sb);
	sb_printf(sb, "clock %llu\n", (unsigned long long)m->clock_ns);
}

/*
 * A mixed workload: a task's anonymous pages, refills, steals, frees
 * through the pcp, a drain, the slow path down to an OOM kill.
 */
static void workload(struct machine *m, long *pfns, size_t n)
{
	size_t i;

	fault(m, new_task(m, "hog"), 60);
	for (i = 0; i < n; i++)
		pfns[i] = mmsh_alloc(m, i % 3 ? GFP_HIGHUSER_MOVABLE : GFP_KERNEL,
				     (unsigned int)(i % 4), NUMA_NO_NODE, NULL);
	for (i = 0; i < n; i += 2)
		if (pfns[i] >= 0)
			must_free(m, (unsigned long)pfns[i]);
	drain_all_pages(m, NULL);
	fill_to(m, 30);
	pfns[0] = mmsh_alloc(m, GFP_ATOMIC, 1, NUMA_NO_NODE, NULL);
	pfns[1] = mmsh_alloc(m, GFP_NOWAIT, 0, NUMA_NO_NODE, NULL);
	fill_to(m, 10);
	pfns[2] = mmsh_alloc(m, GFP_KERNEL, 0, NUMA_NO_NODE, NULL);
}

/*
 * `why` and `step` replay a command on a copy with a subscriber: the
 * copy must end exactly where the original does. Two clones of one
 * machine run the same workload, one recorded, one not: the same pfns,
 * the same /proc files, the same clock. The silent run delivers nothing.
 */
START_TEST(steps_change_nothing)
{
	struct machine *base = boot_tiny();
	struct machine *a = machine_clone(base);
	struct machine *b = machine_clone(base);
	struct strbuf sa = { 0 }, sb = { 0 };
	long pa[24], pb[24];

	ck_assert_ptr_nonnull(a);
	ck_assert_ptr_nonnull(b);
	record(a);
	workload(a, pa, 24);
	stop(a);
	steps_sane();
	ck_assert_uint_gt(steps.n, 500);
	must_find("__alloc_pages_may_oom", "out_of_memory chose a victim: did_some_progress=1");

	record(b);
	stop(b);
	workload(b, pb, 24);
	ck_assert_uint_eq(steps.n, 0);

	ck_assert_mem_eq(pa, pb, sizeof(pa));
	machine_text(a, &sa);
	machine_text(b, &sb);
	ck_assert_str_eq(sb_str(&sa), sb_str(&sb));
	assert_consistent(a);
	assert_consistent(b);
	sb_free(&sa);
	sb_free(&sb);
	machine_destroy(a);
	machine_destroy(b);
	machine_destroy(base);
}
END_TEST

/*
 * A step site on the fast path is one test of m->kstep_cb: with no
 * subscriber KSTEP() evaluates neither its arguments nor anything else,
 * so a site costs the same whatever it would print. With one, each
 * argument is evaluated once and the step is delivered.
 */
static int evaluated;

static int note_evaluation(void)
{
	return ++evaluated;
}

START_TEST(idle_step_site_evaluates_nothing)
{
	struct machine *m = boot_small();

	evaluated = 0;
	KSTEP(m, "rmqueue", "arguments %d and %d", note_evaluation(), note_evaluation());
	ck_assert_int_eq(evaluated, 0);
	record(m);
	KSTEP(m, "rmqueue", "arguments %d and %d", note_evaluation(), note_evaluation());
	stop(m);
	ck_assert_int_eq(evaluated, 2);
	ck_assert_uint_eq(steps.n, 1);
	ck_assert_str_eq(steps.func[0], "rmqueue");
	ck_assert(strcmp(steps.text[0], "arguments 1 and 2") == 0 ||
		  strcmp(steps.text[0], "arguments 2 and 1") == 0);
	machine_destroy(m);
}
END_TEST

/* ---- suite ---------------------------------------------------------------------- */

static Suite *kstep_alloc_suite(void)
{
	Suite *s = suite_create("kstep_alloc");
	TCase *names = tcase_create("names");
	TCase *buddy = tcase_create("buddy");
	TCase *pcp = tcase_create("pcp");
	TCase *wmark = tcase_create("watermarks");
	TCase *fallback = tcase_create("fallback");
	TCase *slow = tcase_create("slow path");
	TCase *det = tcase_create("determinism");

	tcase_add_test(names, function_table_sorted_and_complete);
	suite_add_tcase(s, names);

	tcase_add_test(buddy, first_allocation_of_tiny_step_by_step);
	tcase_add_test(buddy, freeing_merges_one_step_each);
	tcase_add_test(buddy, order3_free_goes_to_free_pages_ok);
	suite_add_tcase(s, buddy);

	tcase_add_test(pcp, pcp_refill_one_step_per_page);
	tcase_add_test(pcp, free_pcppages_bulk_round_robin_page_by_page);
	tcase_add_test(pcp, drain_all_pages_steps);
	suite_add_tcase(s, pcp);

	tcase_add_test(wmark, watermark_check_numbers);
	suite_add_tcase(s, wmark);

	tcase_add_test(fallback, atomic_order1_steals_boosts_and_reserves);
	tcase_add_test(fallback, movable_fallback_takes_smallest_and_single_block);
	tcase_add_test(fallback, order0_movable_without_cma_skips_the_pcp);
	tcase_add_test(fallback, numa_walk_drops_nofragment_at_the_remote_node);
	tcase_add_test(fallback, gfp_write_walk_skips_the_node_over_its_dirty_limit);
	tcase_add_test(fallback, order_too_large_is_refused_first);
	suite_add_tcase(s, fallback);

	tcase_add_test(slow, nowait_below_min_fails_without_reclaim);
	tcase_add_test(slow, gfp_write_slow_path_clears_spread_dirty_pages);
	tcase_add_test(slow, oom_kill_then_retry_succeeds);
	tcase_add_test(slow, direct_reclaim_then_drain_then_page);
	tcase_add_test(slow, costly_order_compaction_and_retry_decisions);
	suite_add_tcase(s, slow);

	tcase_add_test(det, steps_change_nothing);
	tcase_add_test(det, idle_step_site_evaluates_nothing);
	suite_add_tcase(s, det);
	return s;
}

int main(void)
{
	return run_suite(kstep_alloc_suite());
}
