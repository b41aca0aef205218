/*
 * tests/unit/test_slowpath.c: __alloc_pages_slowpath() of Linux 5.10
 * (section 8.6 of the semantics reference) as src/engine/page_alloc.c
 * models it. Each test builds the state that makes the slow path take one
 * step and checks what the step did: waking kswapd, the retry at the min
 * watermark, the first (async) compaction of costly and unmovable high
 * orders, __GFP_NORETRY giving up, the reserves of __GFP_MEMALLOC,
 * PF_MEMALLOC and OOM victims, direct reclaim and its pcp drain, direct
 * compaction and capture, should_reclaim_retry() and should_compact_retry()
 * with their trace lines, __alloc_pages_may_oom() and the OOM killer,
 * __GFP_NOFAIL, the counters (allocstall, compact_*), and the slow path
 * taking __GFP_WRITE page cache without the per-node dirty limit the fast
 * path obeys. Every test reads the struct alloc_report the allocation
 * filled in.
 *
 * Most tests use machine S: one Normal zone of 1024 pages, MAX_ORDER 7,
 * pageblock_order 5 (32-page blocks), one CPU, no swap. min_free_kbytes =
 * int_sqrt(4096 kB * 16) = 256 kB = 64 pages: min 64, low 64 + max(16, 1)
 * = 80, high 96. Fewer than 8192 pages: pcp high 0, batch 1, so every
 * order-0 page goes through the pcp list and straight back (free counts
 * are exact). Watermark boosting is switched off (vm.watermark_boost_factor
 * = 0): an unmovable request stealing from a movable block would otherwise
 * raise every mark by a pageblock, and boosting is kswapd's business.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "mmsh/compaction.h"
#include "mmsh/kswapd.h"
#include "mmsh/lru.h"
#include "mmsh/oom.h"
#include "mmsh/page_alloc.h"
#include "mmsh/pcp.h"
#include "mmsh/views.h"
#include "mmsh/trace.h"
#include "mmsh/vmscan.h"
#include "mmsh/vmstat.h"
#include "mmsh/watermark.h"
#include "mmsh/workload.h"

static struct recorder rec;
static struct klog klog;

/* ---- machines and states ---------------------------------------------------- */

/* Machine S (see the top of the file). */
static struct machine *boot_s(void)
{
	struct machine *m = boot_shape(0, 0, 1024, 0, 7, 5, 1);
	struct zone *z = NORMAL(m);

	m->watermark_boost_factor = 0;
	ck_assert_uint_eq(min_wmark_pages(z), 64);
	ck_assert_uint_eq(low_wmark_pages(z), 80);
	ck_assert_uint_eq(high_wmark_pages(z), 96);
	ck_assert_int_eq(z->pageset[0].pcp.high, 0);
	return m;
}

/*
 * Machine P: one Normal zone of 16384 pages (MAX_ORDER 11, pageblock
 * order 9), one CPU. min_free_kbytes = int_sqrt(65536 * 16) = 1024 kB:
 * min 256, low 256 + max(64, 16) = 320, high 384; pcp batch
 * rounddown_pow_of_two(4 + 2) - 1 = 3, high 6 * 3 = 18.
 */
static struct machine *boot_p(void)
{
	struct machine *m = boot_small();
	struct zone *z = NORMAL(m);

	m->watermark_boost_factor = 0;
	ck_assert_uint_eq(min_wmark_pages(z), 256);
	ck_assert_uint_eq(high_wmark_pages(z), 384);
	ck_assert_int_eq(z->pageset[0].pcp.high, 18);
	ck_assert_int_eq(z->pageset[0].pcp.batch, 3);
	return m;
}

/*
 * Take held order-0 pages until exactly `target` pages are free in the
 * buddy lists (pcp lists drained, so none hides there).
 */
static void fill_to(struct machine *m, long target)
{
	while (nr_free(m) - 512 > target + 512)
		held(m, FILL_GFP, 9);
	drain_all_pages(m, NULL);
	while (nr_free(m) > target) {
		held(m, FILL_GFP, 0);
		drain_all_pages(m, NULL);
	}
	ck_assert_int_eq(nr_free(m), target);
}

static void give_back(struct machine *m, unsigned long pfn)
{
	struct mm_error e;

	ck_assert_msg(mmsh_free(m, pfn, 0, &e) == 0, "free %lu: %s", pfn, e.msg);
}

/*
 * Holes: with every page held (pfns handed out in ascending order on a
 * fresh zone), give back every other page from `from` on: n order-0
 * holes, each between two held pages, so no free block of order 1 or
 * more exists anywhere.
 */
static void holes(struct machine *m, unsigned long from, unsigned long n)
{
	unsigned long i;

	for (i = 0; i < n; i++)
		give_back(m, from + 2 * i + 1);
	ck_assert_int_eq(nr_free(m), (long)n);
	for (i = 1; i < 7; i++)
		ck_assert_uint_eq(NORMAL(m)->free_area[i].nr_free, 0);
}

/*
 * On a fresh zone, hold the first `base` pages, then interleave k clean
 * page cache pages (offsets 0..k-1, read once: inactive and referenced)
 * with k held pages: pages are handed out in ascending pfn order, so the
 * file pages land on base, base + 2, .. and the held ones between them.
 * Reclaiming a file page leaves an order-0 hole whose buddy is held.
 */
static int interleave(struct machine *m, unsigned long base, unsigned long k)
{
	struct mm_error e;
	int f = new_file(m, "data");
	unsigned long i;

	for (i = 0; i < base; i++)
		ck_assert_uint_eq(held(m, FILL_GFP, 0), i);
	for (i = 0; i < k; i++) {
		ck_assert_int_eq(file_read(m, f, i, 1, &e), 1);
		ck_assert_uint_eq(held(m, FILL_GFP, 0), base + 2 * i + 1);
	}
	lru_add_drain_all(m);
	for (i = 0; i < k; i++)
		ck_assert_uint_eq(m->files[f].slot[i] & PTE_VALUE, base + 2 * i);
	return f;
}

/*
 * interleave(), then hold every other free page and give back nholes
 * order-0 holes right above the file pages (from pfn base + 2k): the free
 * pages are exactly those holes, and whatever reclaim frees is an order-0
 * hole too.
 */
static void interleave_with_holes(struct machine *m, unsigned long base, unsigned long k,
				  unsigned long nholes)
{
	interleave(m, base, k);
	fill_to(m, 0);
	holes(m, base + 2 * k, nholes);
}

/* ---- recording ---------------------------------------------------------------------- */

#define expect_line(id, nth, text) ck_assert_str_eq(nth_line(&rec, (id), (nth)), (text))

/* ---- waking kswapd and the min watermark -------------------------------------- */

/*
 * free = 80 = low: the fast path fails (order 0 needs free > low). The
 * slow path turns the request into MIN|CPUSET|KSWAPD (0x840), wakes
 * kswapd (the node is below high 96: mm_vmscan_wakeup_kswapd) and takes
 * the page at the min mark (80 > 64) without any retry round.
 */
START_TEST(slow_path_wakes_kswapd_and_takes_the_page_at_min)
{
	struct machine *m = boot_s();
	pg_data_t *pgdat = m->node_data[0];
	struct alloc_report rep;

	fill_to(m, 80);
	record_only(m, &rec, EV(TRACE_MM_VMSCAN_WAKEUP_KSWAPD) | EV(TRACE_MM_PAGE_ALLOC));
	ck_assert_int_ge(mmsh_alloc(m, GFP_KERNEL, 0, NUMA_NO_NODE, &rep), 0);
	ck_assert_int_eq(rep.outcome, ALLOC_OK_SLOWPATH);
	ck_assert(rep.woke_kswapd);
	ck_assert_uint_eq(rep.alloc_flags, ALLOC_WMARK_MIN | ALLOC_CPUSET | ALLOC_KSWAPD);
	ck_assert_uint_eq(rep.alloc_flags, 0x840);
	ck_assert_uint_eq(rep.rounds, 0);
	ck_assert_uint_eq(rep.reclaims, 0);
	ck_assert_uint_eq(rep.compactions, 0);
	ck_assert_uint_eq(rep.oom_calls, 0);
	ck_assert_int_eq(pgdat->kswapd_state, KSWAPD_WOKEN);
	ck_assert_int_eq(pgdat->kswapd_highest_zoneidx, ZONE_NORMAL);
	expect_line(TRACE_MM_VMSCAN_WAKEUP_KSWAPD, 0,
		    "mm_vmscan_wakeup_kswapd: nid=0 order=0 gfp_flags=GFP_KERNEL");
	/* the wake-up comes before the page is handed out */
	ck_assert_uint_lt(first_event(&rec, TRACE_MM_VMSCAN_WAKEUP_KSWAPD),
			  first_event(&rec, TRACE_MM_PAGE_ALLOC));
	ck_assert_int_eq(nr_free(m), 79);
	assert_consistent(m);
	stop_recording(m);
	machine_destroy(m);
}
END_TEST

/*
 * The per-node dirty limit is for the fast path only: __alloc_pages_nodemask()
 * clears ac.spread_dirty_pages before the slow path, so on a single node
 * over its limit a __GFP_WRITE request fails the fast path and the slow
 * path hands out the page.
 *
 * Machine P. 1000 pages written with the default ratios (20, 10: the
 * boot limits are 3199 and 1597, so neither the flusher nor
 * balance_dirty_pages() touches 1000 dirty pages) come from pfns 0-999:
 * 334 pcp refills of batch 3 took 1002 pages, 1000 and 1001 wait on the
 * pcp list, NR_FREE_PAGES = 16384 - 1002 = 15382. After the lru_add
 * pagevec is drained the 1000 pages are inactive file:
 *   node_dirtyable_memory = 15382 - 384 (high; no lowmem reserve) + 1000
 *                         = 15998
 * With vm.dirty_ratio = 5 the node limit is 5 * 15998 / 100 = 799.
 * Starting writeback on 400 of the pages moves them from NR_FILE_DIRTY to
 * NR_WRITEBACK: node_dirty_ok() counts both, 600 + 400 = 1000 > 799.
 *
 * __GFP_WRITE: the fast path skips Normal (over the limit), retries
 * without ALLOC_NOFRAGMENT and skips it again (the node is remembered);
 * the slow path (min mark, 15382 free: far above every mark, so
 * wakeup_kswapd() finds the node balanced and nothing is reclaimed)
 * takes pcp page 1000. Without
 * __GFP_WRITE the fast path takes 1001. With vm.dirty_ratio = 7 the limit
 * is 7 * 15998 / 100 = 1119 >= 1000 (the two pcp pages came from the pcp
 * list, so NR_FREE_PAGES has not moved): the fast path serves __GFP_WRITE
 * again, refilling the pcp from 1002.
 */
START_TEST(gfp_write_over_the_node_dirty_limit_takes_the_slow_path)
{
	struct machine *m = boot_p();
	pg_data_t *pgdat = m->node_data[0];
	struct alloc_report rep;
	int f = new_file(m, "log");

	write_file(m, f, 0, 1000);
	lru_add_drain(m);
	ck_assert_uint_eq(file_pfn(m, f, 999), 999);
	ck_assert_int_eq(nr_free(m), 15382);
	ck_assert_int_eq(node_stat(m, NR_FILE_DIRTY), 1000);
	ck_assert_int_eq(node_stat(m, NR_INACTIVE_FILE), 1000);
	ck_assert_uint_eq(m->totalreserve_pages, 384);
	ck_assert_uint_eq(node_dirtyable_memory(pgdat), 15998);
	ck_assert(node_dirty_ok(pgdat));

	m->vm_dirty_ratio = 5;
	ck_assert_uint_eq(writeback_dirty(m, 400), 400);
	ck_assert_int_eq(node_stat(m, NR_FILE_DIRTY), 600);
	ck_assert_int_eq(node_stat(m, NR_WRITEBACK), 400);
	ck_assert_uint_eq(node_dirty_limit(pgdat), 799);
	ck_assert(!node_dirty_ok(pgdat));
	assert_consistent(m);

	ck_assert_int_eq(mmsh_alloc(m, GFP_HIGHUSER_MOVABLE | GFP__WRITE, 0, NUMA_NO_NODE, &rep),
			 1000);
	ck_assert_int_eq(rep.outcome, ALLOC_OK_SLOWPATH);
	/* wake_all_kswapds() ran, but wakeup_kswapd() leaves a balanced node's kswapd asleep */
	ck_assert(rep.woke_kswapd);
	ck_assert_int_eq(pgdat->kswapd_state, KSWAPD_SLEEPING);
	ck_assert_uint_eq(rep.rounds, 0);
	ck_assert_uint_eq(rep.reclaims, 0);
	ck_assert_uint_eq(rep.compactions, 0);
	ck_assert_uint_eq(ev(m, ALLOCSTALL_NORMAL) + ev(m, ALLOCSTALL_MOVABLE), 0);
	assert_consistent(m);

	ck_assert_int_eq(mmsh_alloc(m, GFP_HIGHUSER_MOVABLE, 0, NUMA_NO_NODE, &rep), 1001);
	ck_assert_int_eq(rep.outcome, ALLOC_OK_FASTPATH);
	assert_consistent(m);

	m->vm_dirty_ratio = 7;
	ck_assert_int_eq(nr_free(m), 15382);
	ck_assert_uint_eq(node_dirty_limit(pgdat), 1119);
	ck_assert_int_eq(mmsh_alloc(m, GFP_HIGHUSER_MOVABLE | GFP__WRITE, 0, NUMA_NO_NODE, &rep),
			 1002);
	ck_assert_int_eq(rep.outcome, ALLOC_OK_FASTPATH);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * Without __GFP_KSWAPD_RECLAIM there is no ALLOC_KSWAPD: the slow path
 * wakes nobody, but still retries at min. __GFP_HIGH adds ALLOC_HIGH
 * (0x20) to the flags.
 */
START_TEST(no_kswapd_reclaim_bit_no_wakeup)
{
	struct machine *m = boot_s();
	pg_data_t *pgdat = m->node_data[0];
	struct alloc_report rep;

	fill_to(m, 80);
	record_only(m, &rec, EV(TRACE_MM_VMSCAN_WAKEUP_KSWAPD));
	ck_assert_int_ge(mmsh_alloc(m, GFP_KERNEL & ~GFP__KSWAPD_RECLAIM, 0, NUMA_NO_NODE, &rep), 0);
	ck_assert_int_eq(rep.outcome, ALLOC_OK_SLOWPATH);
	ck_assert(!rep.woke_kswapd);
	ck_assert_uint_eq(rep.alloc_flags, ALLOC_WMARK_MIN | ALLOC_CPUSET);
	ck_assert_int_eq(pgdat->kswapd_state, KSWAPD_SLEEPING);
	ck_assert_int_eq(pgdat->kswapd_highest_zoneidx, MAX_NR_ZONES);
	ck_assert_uint_eq(rec.n, 0);
	ck_assert_int_ge(mmsh_alloc(m, (GFP_KERNEL & ~GFP__KSWAPD_RECLAIM) | GFP__HIGH, 0,
				    NUMA_NO_NODE, &rep), 0);
	ck_assert_uint_eq(rep.alloc_flags, ALLOC_WMARK_MIN | ALLOC_CPUSET | ALLOC_HIGH);
	ck_assert_uint_eq(rec.n, 0);
	assert_consistent(m);
	stop_recording(m);
	machine_destroy(m);
}
END_TEST

/*
 * GFP_NOWAIT may not reclaim: at free = 64 = min the retry round
 * (rounds 1) finds no page and gives up at once (can_direct_reclaim is
 * false): ALLOC_FAIL_NOWAIT, no reclaim, no compaction; mm_page_alloc is
 * traced with page 0. GFP_ATOMIC (ALLOC_HIGH|ALLOC_HARDER, no CPUSET:
 * 0x830) may go to min - min/2 = 32, then - 32/4 = 24: it takes the 40
 * pages from 64 down to 25 free and fails at 24, the same way.
 */
START_TEST(no_direct_reclaim_fails_after_one_round)
{
	struct machine *m = boot_s();
	struct alloc_report rep;
	int i;

	fill_to(m, 64);
	record_only(m, &rec, EV(TRACE_MM_PAGE_ALLOC));
	ck_assert_int_eq(mmsh_alloc(m, GFP_NOWAIT, 0, NUMA_NO_NODE, &rep), -1);
	ck_assert_int_eq(rep.outcome, ALLOC_FAIL_NOWAIT);
	ck_assert(rep.woke_kswapd);
	ck_assert_uint_eq(rep.rounds, 1);
	ck_assert_uint_eq(rep.reclaims, 0);
	ck_assert_uint_eq(rep.compactions, 0);
	ck_assert_uint_eq(rep.oom_calls, 0);
	expect_line(TRACE_MM_PAGE_ALLOC, 0,
		    "mm_page_alloc: page=0000000000000000 pfn=0 order=0 migratetype=0 gfp_flags=GFP_NOWAIT");
	for (i = 0; i < 40; i++) {
		ck_assert_int_ge(mmsh_alloc(m, GFP_ATOMIC, 0, NUMA_NO_NODE, &rep), 0);
		ck_assert_int_eq(rep.outcome, ALLOC_OK_SLOWPATH);
		ck_assert_uint_eq(rep.alloc_flags, 0x830);
	}
	ck_assert_int_eq(nr_free(m), 24);
	ck_assert_int_eq(mmsh_alloc(m, GFP_ATOMIC, 0, NUMA_NO_NODE, &rep), -1);
	ck_assert_int_eq(rep.outcome, ALLOC_FAIL_NOWAIT);
	ck_assert_uint_eq(rep.rounds, 1);
	ck_assert_uint_eq(rep.reclaims, 0);
	ck_assert_uint_eq(ev(m, ALLOCSTALL_NORMAL), 0);
	assert_consistent(m);
	stop_recording(m);
	machine_destroy(m);
}
END_TEST

/* ---- the reserves ------------------------------------------------------------------ */

/*
 * Below min (free 10): __GFP_MEMALLOC makes reserve_flags
 * ALLOC_NO_WATERMARKS, which replaces every other flag in the retry
 * round: the page comes from the reserves (ALLOC_OK_RESERVES, rounds 1,
 * no reclaim). __GFP_NOMEMALLOC beats __GFP_MEMALLOC.
 */
START_TEST(memalloc_uses_the_reserves)
{
	struct machine *m = boot_s();
	struct alloc_report rep;

	fill_to(m, 10);
	ck_assert_int_ge(mmsh_alloc(m, GFP_KERNEL | GFP__MEMALLOC, 0, NUMA_NO_NODE, &rep), 0);
	ck_assert_int_eq(rep.outcome, ALLOC_OK_RESERVES);
	ck_assert_uint_eq(rep.alloc_flags, ALLOC_NO_WATERMARKS);
	ck_assert_uint_eq(rep.rounds, 1);
	ck_assert_uint_eq(rep.reclaims, 0);
	ck_assert_int_eq(nr_free(m), 9);
	/* a movable request keeps ALLOC_CMA (current_alloc_flags) */
	ck_assert_int_ge(mmsh_alloc(m, GFP_HIGHUSER_MOVABLE | GFP__MEMALLOC, 0, NUMA_NO_NODE, &rep),
			 0);
	ck_assert_uint_eq(rep.alloc_flags, ALLOC_NO_WATERMARKS | ALLOC_CMA);
	/* NOMEMALLOC wins: no reserves, so reclaim (nothing) and no OOM (MAYFAIL) */
	ck_assert_int_eq(mmsh_alloc(m, GFP_KERNEL | GFP__MEMALLOC | GFP__NOMEMALLOC |
				       GFP__RETRY_MAYFAIL, 0, NUMA_NO_NODE, &rep), -1);
	ck_assert_int_eq(rep.outcome, ALLOC_FAIL_OOM);
	ck_assert_uint_eq(rep.alloc_flags, 0x840);
	ck_assert_uint_eq(rep.reclaims, 1);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * A PF_MEMALLOC caller (a reclaimer, kswapd) gets ALLOC_NO_WATERMARKS
 * (free 10, below min: the page comes from the reserves). Such a caller
 * is not compacted first even at order 1 (gfp_pfmemalloc_allowed()), and
 * when the reserves are refused (__GFP_NOMEMALLOC) it must not recurse
 * into reclaim: the request fails right after the retry round's freelist
 * attempt, with no direct reclaim (no allocstall, no
 * direct_reclaim_begin). __GFP_NOMEMALLOC also makes
 * gfp_pfmemalloc_allowed() false, so an order-1 request of that kind does
 * get its first compaction (skipped: 9 free is not above min 64 +
 * compact_gap(1) 4), counted as a stall.
 */
START_TEST(pf_memalloc_reserves_and_no_reclaim_recursion)
{
	struct machine *m = boot_s();
	struct alloc_report rep;

	fill_to(m, 10);
	m->current_flags = PF_MEMALLOC;
	record_only(m, &rec, EV(TRACE_MM_VMSCAN_DIRECT_RECLAIM_BEGIN) |
		    EV(TRACE_MM_COMPACTION_TRY_TO_COMPACT_PAGES));
	ck_assert_int_ge(mmsh_alloc(m, GFP_KERNEL, 0, NUMA_NO_NODE, &rep), 0);
	ck_assert_int_eq(rep.outcome, ALLOC_OK_RESERVES);
	ck_assert_uint_eq(rep.alloc_flags, ALLOC_NO_WATERMARKS);
	ck_assert_uint_eq(rep.rounds, 1);
	/* order 1 from the reserves too (1014-1015 is a free order-1 block) */
	ck_assert_int_ge(mmsh_alloc(m, GFP_KERNEL, 1, NUMA_NO_NODE, &rep), 0);
	ck_assert_int_eq(rep.outcome, ALLOC_OK_RESERVES);
	ck_assert_uint_eq(rep.compactions, 0);
	ck_assert_uint_eq(rec.n, 0);

	ck_assert_int_eq(mmsh_alloc(m, GFP_KERNEL | GFP__NOMEMALLOC, 0, NUMA_NO_NODE, &rep), -1);
	ck_assert_int_eq(rep.outcome, ALLOC_FAIL_NOWAIT);
	ck_assert_uint_eq(rep.rounds, 1);
	ck_assert_uint_eq(rep.reclaims, 0);
	ck_assert_uint_eq(rep.oom_calls, 0);
	ck_assert_uint_eq(rec.n, 0);
	ck_assert_int_eq(mmsh_alloc(m, GFP_KERNEL | GFP__NOMEMALLOC, 1, NUMA_NO_NODE, &rep), -1);
	ck_assert_int_eq(rep.outcome, ALLOC_FAIL_NOWAIT);
	ck_assert_uint_eq(rep.compactions, 1);
	ck_assert_int_eq(rep.compact_result, COMPACT_SKIPPED);
	ck_assert_uint_eq(rep.reclaims, 0);
	ck_assert_uint_eq(rec.n, 1);
	ck_assert_int_eq(rec.ev[0].id, TRACE_MM_COMPACTION_TRY_TO_COMPACT_PAGES);
	ck_assert_uint_eq(ev(m, ALLOCSTALL_NORMAL), 0);
	ck_assert_uint_eq(ev(m, COMPACTSTALL), 1);
	m->current_flags = 0;
	assert_consistent(m);
	stop_recording(m);
	machine_destroy(m);
}
END_TEST

/*
 * An OOM victim gets ALLOC_OOM (0x08): the min mark halved, 64 -> 32.
 * From free 64 it takes the 32 pages down to 32 free, then the next
 * request finds nothing; __GFP_RETRY_MAYFAIL keeps the OOM killer away,
 * and since the victim already had ALLOC_OOM it stops there:
 * ALLOC_FAIL_OOM_VICTIM (before "retry while the OOM killer makes
 * progress").
 */
START_TEST(oom_victim_gets_half_the_min_reserve)
{
	struct machine *m = boot_s();
	struct alloc_report rep;
	int i;

	fill_to(m, 64);
	m->current_oom_victim = true;
	for (i = 0; i < 32; i++) {
		ck_assert_int_ge(mmsh_alloc(m, GFP_KERNEL, 0, NUMA_NO_NODE, &rep), 0);
		ck_assert_int_eq(rep.outcome, ALLOC_OK_RESERVES);
		ck_assert_uint_eq(rep.alloc_flags, ALLOC_OOM);
	}
	ck_assert_int_eq(nr_free(m), 32);
	ck_assert_int_eq(mmsh_alloc(m, GFP_KERNEL | GFP__RETRY_MAYFAIL, 0, NUMA_NO_NODE, &rep), -1);
	ck_assert_int_eq(rep.outcome, ALLOC_FAIL_OOM_VICTIM);
	ck_assert_uint_eq(rep.alloc_flags, ALLOC_OOM);
	ck_assert_uint_eq(rep.rounds, 1);
	ck_assert_uint_eq(rep.reclaims, 1);
	ck_assert_int_eq(rep.oom_skipped, OOM_SKIP_MAYFAIL);
	m->current_oom_victim = false;
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * __GFP_ATOMIC with __GFP_DIRECT_RECLAIM is a caller bug: WARN_ON_ONCE
 * (reported only the first time) and __GFP_ATOMIC is dropped, so the
 * request gets no ALLOC_HARDER: at free 60 (min 64; HARDER would allow
 * down to 48) it must reclaim, finds nothing and fails (no OOM: MAYFAIL).
 */
START_TEST(atomic_with_direct_reclaim_warns_once_and_loses_harder)
{
	struct machine *m = boot_s();
	struct alloc_report rep;
	gfp_t gfp = GFP_KERNEL | GFP__ATOMIC | GFP__RETRY_MAYFAIL;

	fill_to(m, 60);
	ck_assert(!m->warned_atomic_reclaim);
	ck_assert_int_eq(mmsh_alloc(m, gfp, 0, NUMA_NO_NODE, &rep), -1);
	ck_assert(rep.warned_atomic_reclaim);
	ck_assert(m->warned_atomic_reclaim);
	ck_assert_int_eq(rep.outcome, ALLOC_FAIL_OOM);
	ck_assert_uint_eq(rep.alloc_flags, ALLOC_WMARK_MIN | ALLOC_CPUSET | ALLOC_KSWAPD);
	ck_assert_uint_eq(rep.reclaims, 1);
	/* once only */
	ck_assert_int_eq(mmsh_alloc(m, gfp, 0, NUMA_NO_NODE, &rep), -1);
	ck_assert(!rep.warned_atomic_reclaim);
	/* the same request without __GFP_DIRECT_RECLAIM keeps HARDER and succeeds */
	ck_assert_int_ge(mmsh_alloc(m, GFP_ATOMIC, 0, NUMA_NO_NODE, &rep), 0);
	ck_assert_int_eq(rep.outcome, ALLOC_OK_SLOWPATH);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/* ---- direct reclaim ------------------------------------------------------------------ */

/*
 * 512 clean page cache pages (read once: inactive, referenced, unmapped,
 * so PAGEREF_RECLAIM_CLEAN) and free = 64 = min. GFP_KERNEL fails at min,
 * and direct reclaim (nr_to_reclaim 32, no swap: file only) scans
 * size >> priority of what is left at each priority: 0 at 12..10, then
 * 512>>9 = 1, 511>>8 = 1, 510>>7 = 3, 507>>6 = 7, 500>>5 = 15 (27 so
 * far, < 32), 485>>4 = 30: 57 >= 32, stop. Free 64 + 57 = 121 > min: the
 * page comes right after reclaim, no drain needed. allocstall_normal
 * counts the one do_try_to_free_pages() (reclaim_idx Normal).
 */
START_TEST(direct_reclaim_progress_then_the_page)
{
	struct machine *m = boot_s();
	struct alloc_report rep;
	unsigned long steal = ev(m, PGSTEAL_DIRECT);

	read_new_file(m, "data", 512);
	fill_to(m, 64);
	record_only(m, &rec, EV(TRACE_MM_VMSCAN_DIRECT_RECLAIM_BEGIN) | EV(TRACE_MM_VMSCAN_DIRECT_RECLAIM_END));
	ck_assert_int_ge(mmsh_alloc(m, GFP_KERNEL, 0, NUMA_NO_NODE, &rep), 0);
	ck_assert_int_eq(rep.outcome, ALLOC_OK_RECLAIM);
	ck_assert_uint_eq(rep.rounds, 1);
	ck_assert_uint_eq(rep.reclaims, 1);
	ck_assert_uint_eq(rep.reclaimed, 57);
	ck_assert(!rep.drained);
	ck_assert_uint_eq(rep.compactions, 0);
	ck_assert_uint_eq(rep.reclaim_retries, 0);
	ck_assert_uint_eq(ev(m, PGSTEAL_DIRECT) - steal, 57);
	ck_assert_uint_eq(ev(m, ALLOCSTALL_NORMAL), 1);
	ck_assert_uint_eq(ev(m, ALLOCSTALL_MOVABLE), 0);
	ck_assert_int_eq(nr_free(m), 64 + 57 - 1);
	expect_line(TRACE_MM_VMSCAN_DIRECT_RECLAIM_BEGIN, 0,
		    "mm_vmscan_direct_reclaim_begin: order=0 gfp_flags=GFP_KERNEL");
	expect_line(TRACE_MM_VMSCAN_DIRECT_RECLAIM_END, 0,
		    "mm_vmscan_direct_reclaim_end: nr_reclaimed=57");
	assert_consistent(m);
	stop_recording(m);
	machine_destroy(m);
}
END_TEST

/*
 * The same with a user page: gfp_zone(GFP_HIGHUSER_MOVABLE) is
 * ZONE_MOVABLE, so sc.reclaim_idx is Movable and the stall is counted
 * as allocstall_movable, although the machine has no Movable zone.
 */
START_TEST(allocstall_counts_the_requested_zone_index)
{
	struct machine *m = boot_s();
	struct alloc_report rep;

	read_new_file(m, "data", 512);
	fill_to(m, 64);
	ck_assert_int_ge(mmsh_alloc(m, GFP_HIGHUSER_MOVABLE, 0, NUMA_NO_NODE, &rep), 0);
	ck_assert_int_eq(rep.outcome, ALLOC_OK_RECLAIM);
	ck_assert_uint_eq(rep.reclaimed, 57);
	ck_assert_uint_eq(ev(m, ALLOCSTALL_MOVABLE), 1);
	ck_assert_uint_eq(ev(m, ALLOCSTALL_NORMAL), 0);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * Machine P (pcp high 18). One clean file page on the LRU, buddy free =
 * 256 = min and the pcp lists empty. Direct reclaim scans nothing until
 * priority 0 (1 >> p = 0 before), then reclaims the page, which is freed
 * onto this CPU's pcp list (1 < high 18: it stays there), so the buddy
 * still has 256 free and the freelist attempt fails. The kernel then
 * drains every pcp list (drain_all_pages) and tries once more: 257 > 256.
 */
START_TEST(direct_reclaim_drains_the_pcp_lists_and_retries)
{
	struct machine *m = boot_p();
	struct alloc_report rep;

	read_new_file(m, "one", 1);
	fill_to(m, 256);
	ck_assert_int_eq(NORMAL(m)->pageset[0].pcp.count, 0);
	ck_assert_int_ge(mmsh_alloc(m, GFP_KERNEL, 0, NUMA_NO_NODE, &rep), 0);
	ck_assert_int_eq(rep.outcome, ALLOC_OK_RECLAIM);
	ck_assert_uint_eq(rep.reclaims, 1);
	ck_assert_uint_eq(rep.reclaimed, 1);
	ck_assert(rep.drained);
	ck_assert_uint_eq(rep.rounds, 1);
	/* the page came off the pcp list the refill (batch 3) built after the drain */
	ck_assert(rep.via_pcp);
	ck_assert_int_eq(nr_free(m), 257 - 3);
	ck_assert_int_eq(NORMAL(m)->pageset[0].pcp.count, 2);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/* ---- compaction in the slow path ---------------------------------------------- */

/*
 * Every page held, then 200 order-0 holes: 200 free pages, no free block
 * of order 1 or more, and nothing reclaimable or movable (held pages are
 * kernel allocations). A GFP_KERNEL order-4 request (costly) is
 * compacted first, asynchronously (priority 2, before any reclaim); then
 * one retry round: direct reclaim for a costly order stops as soon as
 * compaction_ready() (order 4 is suitable: 200 > low 80 + compact_gap(4)
 * 32, fragindex 1000 - (1000 + 200*1000/16)/200 = 933 > 500; and 200 >
 * high 96 + 32), which counts as progress (1) although nothing was freed;
 * the freelist attempt and the drain fail; compaction again at
 * DEF_COMPACT_PRIORITY (sync-light, 1) fails. A costly order without
 * __GFP_RETRY_MAYFAIL does not retry: ALLOC_FAIL_COSTLY.
 * compact_stall counts both compactions, compact_fail both.
 */
START_TEST(costly_order_compacts_async_first_then_fails)
{
	struct machine *m = boot_s();
	struct alloc_report rep;

	fill_to(m, 0);
	holes(m, 0, 200);
	record_only(m, &rec, EV(TRACE_MM_COMPACTION_TRY_TO_COMPACT_PAGES) |
		    EV(TRACE_MM_VMSCAN_DIRECT_RECLAIM_BEGIN) | EV(TRACE_MM_VMSCAN_DIRECT_RECLAIM_END));
	ck_assert_int_eq(mmsh_alloc(m, GFP_KERNEL, 4, NUMA_NO_NODE, &rep), -1);
	ck_assert_int_eq(rep.outcome, ALLOC_FAIL_COSTLY);
	ck_assert_uint_eq(rep.rounds, 1);
	ck_assert_uint_eq(rep.reclaims, 1);
	ck_assert_uint_eq(rep.reclaimed, 1);
	ck_assert(rep.drained);
	ck_assert_uint_eq(rep.compactions, 2);
	ck_assert(!rep.captured);
	ck_assert_uint_eq(rep.oom_calls, 0);
	ck_assert_uint_eq(rec.n, 4);
	ck_assert_int_eq(rec.ev[0].id, TRACE_MM_COMPACTION_TRY_TO_COMPACT_PAGES);
	ck_assert_int_eq(rec.ev[1].id, TRACE_MM_VMSCAN_DIRECT_RECLAIM_BEGIN);
	ck_assert_int_eq(rec.ev[2].id, TRACE_MM_VMSCAN_DIRECT_RECLAIM_END);
	ck_assert_int_eq(rec.ev[3].id, TRACE_MM_COMPACTION_TRY_TO_COMPACT_PAGES);
	expect_line(TRACE_MM_COMPACTION_TRY_TO_COMPACT_PAGES, 0,
		    "mm_compaction_try_to_compact_pages: order=4 gfp_mask=GFP_KERNEL priority=2");
	expect_line(TRACE_MM_COMPACTION_TRY_TO_COMPACT_PAGES, 1,
		    "mm_compaction_try_to_compact_pages: order=4 gfp_mask=GFP_KERNEL priority=1");
	expect_line(TRACE_MM_VMSCAN_DIRECT_RECLAIM_END, 0,
		    "mm_vmscan_direct_reclaim_end: nr_reclaimed=1");
	ck_assert_uint_eq(ev(m, COMPACTSTALL), 2);
	ck_assert_uint_eq(ev(m, COMPACTFAIL), 2);
	ck_assert_uint_eq(ev(m, COMPACTSUCCESS), 0);
	ck_assert_uint_eq(ev(m, ALLOCSTALL_NORMAL), 1);
	assert_consistent(m);
	stop_recording(m);
	machine_destroy(m);
}
END_TEST

/*
 * The same holes, order 2 (not costly). An unmovable request compacts
 * before reclaiming (compactions 2: async, then sync-light after the
 * reclaim that finds nothing); a movable one does not (compactions 1:
 * only the retry round's); order 0 never compacts and counts no stall.
 * __GFP_RETRY_MAYFAIL keeps the OOM killer away: all three end
 * ALLOC_FAIL_OOM after one round (should_reclaim_retry sees no free block
 * of order 2 even counting reclaimable pages).
 */
START_TEST(unmovable_low_orders_compact_first_movable_and_order0_do_not)
{
	struct machine *m = boot_s();
	struct alloc_report rep;
	unsigned long stall;

	fill_to(m, 0);
	holes(m, 0, 200);
	record_only(m, &rec, EV(TRACE_MM_COMPACTION_TRY_TO_COMPACT_PAGES) |
		    EV(TRACE_MM_VMSCAN_DIRECT_RECLAIM_BEGIN));
	ck_assert_int_eq(mmsh_alloc(m, GFP_KERNEL | GFP__RETRY_MAYFAIL, 2, NUMA_NO_NODE, &rep), -1);
	ck_assert_int_eq(rep.outcome, ALLOC_FAIL_OOM);
	ck_assert_uint_eq(rep.compactions, 2);
	ck_assert_uint_eq(rep.rounds, 1);
	ck_assert_uint_eq(rep.reclaims, 1);
	ck_assert_uint_eq(rep.reclaimed, 0);
	ck_assert_int_eq(rep.oom_skipped, OOM_SKIP_MAYFAIL);
	ck_assert_int_eq(rec.ev[0].id, TRACE_MM_COMPACTION_TRY_TO_COMPACT_PAGES);
	ck_assert_int_eq(rec.ev[0].priority, COMPACT_PRIO_ASYNC);
	ck_assert_uint_eq(ev(m, COMPACTSTALL), 2);

	record_only(m, &rec, EV(TRACE_MM_COMPACTION_TRY_TO_COMPACT_PAGES) |
		    EV(TRACE_MM_VMSCAN_DIRECT_RECLAIM_BEGIN));
	ck_assert_int_eq(mmsh_alloc(m, GFP_HIGHUSER_MOVABLE | GFP__RETRY_MAYFAIL, 2, NUMA_NO_NODE,
				    &rep), -1);
	ck_assert_int_eq(rep.outcome, ALLOC_FAIL_OOM);
	ck_assert_uint_eq(rep.compactions, 1);
	ck_assert_int_eq(rec.ev[0].id, TRACE_MM_VMSCAN_DIRECT_RECLAIM_BEGIN);
	ck_assert_int_eq(rec.ev[1].id, TRACE_MM_COMPACTION_TRY_TO_COMPACT_PAGES);
	ck_assert_uint_eq(ev(m, COMPACTSTALL), 3);

	/* order 0 at free 64 = min: never compacted, no stall counted */
	fill_to(m, 64);
	stall = ev(m, COMPACTSTALL);
	ck_assert_int_eq(mmsh_alloc(m, GFP_KERNEL | GFP__RETRY_MAYFAIL, 0, NUMA_NO_NODE, &rep), -1);
	ck_assert_uint_eq(rep.compactions, 0);
	ck_assert_uint_eq(ev(m, COMPACTSTALL), stall);
	assert_consistent(m);
	stop_recording(m);
	machine_destroy(m);
}
END_TEST

/*
 * A costly __GFP_NORETRY request (a THP-like attempt) gives up when its
 * first compaction was deferred: defer_compaction(order 4) once makes
 * defer_shift 1, so the next compaction_deferred() counts considered 1 <
 * limit 2 and skips the zone: COMPACT_DEFERRED. No reclaim at all
 * (rounds 0), yet compact_stall and compact_fail count the attempt.
 */
START_TEST(costly_noretry_gives_up_when_compaction_was_deferred)
{
	struct machine *m = boot_s();
	struct alloc_report rep;

	fill_to(m, 0);
	holes(m, 0, 200);
	defer_compaction(NORMAL(m), 4);
	ck_assert_int_eq(mmsh_alloc(m, GFP_KERNEL | GFP__NORETRY, 4, NUMA_NO_NODE, &rep), -1);
	ck_assert_int_eq(rep.outcome, ALLOC_FAIL_NORETRY);
	ck_assert_int_eq(rep.compact_result, COMPACT_DEFERRED);
	ck_assert_uint_eq(rep.compactions, 1);
	ck_assert_uint_eq(rep.rounds, 0);
	ck_assert_uint_eq(rep.reclaims, 0);
	ck_assert_uint_eq(ev(m, COMPACTSTALL), 1);
	ck_assert_uint_eq(ev(m, COMPACTFAIL), 1);
	ck_assert_uint_eq(ev(m, ALLOCSTALL_NORMAL), 0);
	{
		/* the failure report names only what ran: no reclaim round */
		struct strbuf sb = STRBUF_INIT;

		view_alloc_failure(m, &rep, 4, NUMA_NO_NODE, &sb);
		ck_assert_ptr_nonnull(strstr(sb_str(&sb), "compaction returned deferred: reclaim "
					     "would not help, so the request gives up without it"));
		ck_assert_ptr_null(strstr(sb_str(&sb), "round of direct reclaim"));
		sb_free(&sb);
	}
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * ... or skipped: with 100 holes, order 4 needs free > low 80 +
 * compact_gap(4) 32 = 112 to compact: COMPACT_SKIPPED, nopage.
 */
START_TEST(costly_noretry_gives_up_when_compaction_was_skipped)
{
	struct machine *m = boot_s();
	struct alloc_report rep;

	fill_to(m, 0);
	holes(m, 0, 100);
	ck_assert_int_eq(mmsh_alloc(m, GFP_KERNEL | GFP__NORETRY, 4, NUMA_NO_NODE, &rep), -1);
	ck_assert_int_eq(rep.outcome, ALLOC_FAIL_NORETRY);
	ck_assert_int_eq(rep.compact_result, COMPACT_SKIPPED);
	ck_assert_uint_eq(rep.compactions, 1);
	ck_assert_uint_eq(rep.rounds, 0);
	ck_assert_uint_eq(rep.reclaims, 0);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * When the first compaction did run (and failed), a costly NORETRY
 * request keeps compacting asynchronously (compact_priority =
 * INIT_COMPACT_PRIORITY): one round of reclaim and a second async
 * compaction (priority 2 again), then __GFP_NORETRY stops it.
 */
START_TEST(costly_noretry_stays_async_for_one_round)
{
	struct machine *m = boot_s();
	struct alloc_report rep;

	fill_to(m, 0);
	holes(m, 0, 200);
	record_only(m, &rec, EV(TRACE_MM_COMPACTION_TRY_TO_COMPACT_PAGES));
	ck_assert_int_eq(mmsh_alloc(m, GFP_KERNEL | GFP__NORETRY, 4, NUMA_NO_NODE, &rep), -1);
	ck_assert_int_eq(rep.outcome, ALLOC_FAIL_NORETRY);
	ck_assert_uint_eq(rep.rounds, 1);
	ck_assert_uint_eq(rep.reclaims, 1);
	ck_assert_uint_eq(rep.compactions, 2);
	ck_assert_int_ne(rep.compact_result, COMPACT_SKIPPED);
	ck_assert_int_ne(rep.compact_result, COMPACT_DEFERRED);
	ck_assert_uint_eq(rec.n, 2);
	expect_line(TRACE_MM_COMPACTION_TRY_TO_COMPACT_PAGES, 0,
		    "mm_compaction_try_to_compact_pages: order=4 gfp_mask=GFP_KERNEL|__GFP_NORETRY priority=2");
	expect_line(TRACE_MM_COMPACTION_TRY_TO_COMPACT_PAGES, 1,
		    "mm_compaction_try_to_compact_pages: order=4 gfp_mask=GFP_KERNEL|__GFP_NORETRY priority=2");
	assert_consistent(m);
	stop_recording(m);
	machine_destroy(m);
}
END_TEST

/*
 * An order-0 __GFP_NORETRY request makes one round: reclaim (nothing,
 * free 64 = min), no compaction (order 0), then nopage.
 */
START_TEST(noretry_stops_after_one_round)
{
	struct machine *m = boot_s();
	struct alloc_report rep;

	fill_to(m, 64);
	ck_assert_int_eq(mmsh_alloc(m, GFP_KERNEL | GFP__NORETRY, 0, NUMA_NO_NODE, &rep), -1);
	ck_assert_int_eq(rep.outcome, ALLOC_FAIL_NORETRY);
	ck_assert_uint_eq(rep.rounds, 1);
	ck_assert_uint_eq(rep.reclaims, 1);
	ck_assert_uint_eq(rep.reclaimed, 0);
	ck_assert_uint_eq(rep.compactions, 0);
	ck_assert_uint_eq(rep.reclaim_retries, 0);
	ck_assert_uint_eq(rep.oom_calls, 0);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * Direct compaction that succeeds: task a owns the even pfns below 880,
 * 440 odd holes, the four top pageblocks held (test_compaction's
 * fragment). Task a asks for GFP_KERNEL order 5: the async attempt only
 * scans unmovable blocks (none: nothing), reclaim for a costly order
 * stops at compaction_ready() (progress 1), and sync-light compaction
 * migrates block 0 and captures it as its last page is freed (order 5 is
 * a whole pageblock, so even a movable one may be captured):
 * ALLOC_OK_COMPACT, captured, COMPACT_SUCCESS;
 * compact_stall 2, compact_fail 1 (the async one), compact_success 1.
 */
START_TEST(direct_compaction_captures_and_counts)
{
	struct machine *m = boot_s();
	struct task *a = new_task(m, "a"), *b = new_task(m, "b");
	struct alloc_report rep;
	struct as_saved saved;
	int i;

	for (i = 0; i < 440; i++) {
		fault(m, a, 1);
		fault(m, b, 1);
	}
	lru_add_drain_all(m);
	munmap_task(m, b, 0);
	lru_add_drain_all(m);
	for (i = 0; i < 4; i++)
		ck_assert_int_eq(held(m, GFP_KERNEL, 5), 0x380 + 32 * i);
	ck_assert_int_eq(nr_free(m), 456);
	/* a task allocates: compaction_capture() never serves a kernel thread */
	as_task(m, a, &saved);
	ck_assert_int_eq(mmsh_alloc(m, GFP_KERNEL, 5, NUMA_NO_NODE, &rep), 0);
	as_before(m, &saved);
	ck_assert_int_eq(rep.outcome, ALLOC_OK_COMPACT);
	ck_assert(rep.captured);
	ck_assert_int_eq(rep.compact_result, COMPACT_SUCCESS);
	ck_assert_uint_eq(rep.compactions, 2);
	ck_assert_uint_eq(rep.rounds, 1);
	ck_assert_uint_eq(rep.reclaims, 1);
	ck_assert_uint_eq(rep.reclaimed, 1);
	ck_assert_uint_eq(ev(m, COMPACTSTALL), 2);
	ck_assert_uint_eq(ev(m, COMPACTFAIL), 1);
	ck_assert_uint_eq(ev(m, COMPACTSUCCESS), 1);
	/* compaction_defer_reset(zone, 5, true): order_failed = 6 */
	ck_assert_int_eq(NORMAL(m)->compact.order_failed, 6);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/* ---- should_reclaim_retry ------------------------------------------------------------ */

/*
 * 100 clean file pages, each pinned by an extra reference (reclaim scans
 * them, __remove_mapping cannot free them), free 64 = min. Every round's
 * direct reclaim makes no progress, but should_reclaim_retry() sees that
 * reclaiming everything would lift the zone over min (available 100 +
 * 64 = 164 > 64) and retries; with no dirty or writeback pages
 * (2 * 0 > 100 is false) it does not wait. That goes on for
 * MAX_RECLAIM_RETRIES (16) no-progress loops; the 17th exceeds it and
 * (no highatomic block to unreserve) gives up. __GFP_RETRY_MAYFAIL skips
 * the OOM killer: ALLOC_FAIL_OOM after 17 rounds and 17 reclaims, one
 * allocstall each (no forced-deactivation rerun: the active lists are
 * empty).
 */
START_TEST(reclaim_retry_without_progress_gives_up_after_16_loops)
{
	struct machine *m = boot_s();
	struct alloc_report rep;
	int f, i;
	char want[200];

	f = read_new_file(m, "pinned", 100);
	pin_file(m, f, true);
	fill_to(m, 64);
	record_only(m, &rec, EV(TRACE_RECLAIM_RETRY_ZONE));
	ck_assert_int_eq(mmsh_alloc(m, GFP_KERNEL | GFP__RETRY_MAYFAIL, 0, NUMA_NO_NODE, &rep), -1);
	ck_assert_int_eq(rep.outcome, ALLOC_FAIL_OOM);
	ck_assert_uint_eq(rep.rounds, 17);
	ck_assert_uint_eq(rep.reclaims, 17);
	ck_assert_uint_eq(rep.reclaimed, 0);
	ck_assert_uint_eq(rep.reclaim_retries, 16);
	ck_assert_uint_eq(rep.compact_retries, 0);
	ck_assert_uint_eq(rep.oom_calls, 0);
	ck_assert_int_eq(rep.oom_skipped, OOM_SKIP_MAYFAIL);
	ck_assert_uint_eq(ev(m, ALLOCSTALL_NORMAL), 17);
	ck_assert_uint_eq(rec.n, 16);
	for (i = 0; i < 16; i++) {
		snprintf(want, sizeof(want),
			 "reclaim_retry_zone: node=0 zone=Normal   order=0 reclaimable=100 available=164 min_wmark=64 no_progress_loops=%d wmark_check=1",
			 i + 1);
		expect_line(TRACE_RECLAIM_RETRY_ZONE, (size_t)i, want);
	}
	pin_file(m, f, false);
	assert_consistent(m);
	stop_recording(m);
	machine_destroy(m);
}
END_TEST

/*
 * Nothing reclaimable at free = min: available = 0 + 64 is not above min,
 * so should_reclaim_retry() says no at once (wmark_check=0) and the
 * OOM path is next (skipped here: MAYFAIL).
 */
START_TEST(reclaim_retry_refused_when_reclaim_cannot_reach_min)
{
	struct machine *m = boot_s();
	struct alloc_report rep;

	fill_to(m, 64);
	record_only(m, &rec, EV(TRACE_RECLAIM_RETRY_ZONE));
	ck_assert_int_eq(mmsh_alloc(m, GFP_KERNEL | GFP__RETRY_MAYFAIL, 0, NUMA_NO_NODE, &rep), -1);
	ck_assert_int_eq(rep.outcome, ALLOC_FAIL_OOM);
	ck_assert_uint_eq(rep.rounds, 1);
	ck_assert_uint_eq(rep.reclaim_retries, 0);
	ck_assert_uint_eq(rec.n, 1);
	expect_line(TRACE_RECLAIM_RETRY_ZONE, 0,
		    "reclaim_retry_zone: node=0 zone=Normal   order=0 reclaimable=0 available=64 min_wmark=64 no_progress_loops=1 wmark_check=0");
	assert_consistent(m);
	stop_recording(m);
	machine_destroy(m);
}
END_TEST

/*
 * Costly orders never reset no_progress_loops: with the 200 holes an
 * order-4 __GFP_RETRY_MAYFAIL request's reclaim reports progress (1, from
 * compaction_ready), yet the retry check counts no_progress_loops=1 (an
 * order-2 request in the same state whose reclaim made real progress would
 * have 0, see compact_retry_raises_priority_after_a_failed_run). No free
 * order-4 block exists even counting reclaimable pages: wmark_check=0.
 * should_compact_retry() then sees a failed run at SYNC_LIGHT (the first
 * sync-light scan of the zone starts at compact_init_migrate_pfn, 0, so
 * it covers the whole zone and ends complete), but SYNC_LIGHT is already
 * the highest priority costly orders get: no retry (max_retries is
 * printed as 16: the /4 comes after these checks).
 * The OOM killer is never called for order > 3.
 */
START_TEST(costly_orders_never_count_progress)
{
	struct machine *m = boot_s();
	struct alloc_report rep;

	fill_to(m, 0);
	holes(m, 0, 200);
	record_only(m, &rec, EV(TRACE_RECLAIM_RETRY_ZONE) | EV(TRACE_COMPACT_RETRY));
	ck_assert_int_eq(mmsh_alloc(m, GFP_KERNEL | GFP__RETRY_MAYFAIL, 4, NUMA_NO_NODE, &rep), -1);
	ck_assert_int_eq(rep.outcome, ALLOC_FAIL_OOM);
	ck_assert_int_eq(rep.oom_skipped, OOM_SKIP_COSTLY);
	ck_assert_uint_eq(rep.oom_calls, 0);
	ck_assert_uint_eq(rep.rounds, 1);
	ck_assert_uint_eq(rep.reclaimed, 1);
	ck_assert_uint_eq(rep.compact_retries, 0);
	ck_assert_int_eq(rep.compact_result, COMPACT_COMPLETE);
	expect_line(TRACE_RECLAIM_RETRY_ZONE, 0,
		    "reclaim_retry_zone: node=0 zone=Normal   order=4 reclaimable=0 available=200 min_wmark=64 no_progress_loops=1 wmark_check=0");
	expect_line(TRACE_COMPACT_RETRY, 0,
		    "compact_retry: order=4 priority=COMPACT_PRIO_SYNC_LIGHT compaction_result=failed retries=0 max_retries=16 should_retry=0");
	assert_consistent(m);
	stop_recording(m);
	machine_destroy(m);
}
END_TEST

/*
 * 200 dirty page cache pages and free = min. Direct reclaim cannot write
 * file pages (only kswapd and the flusher do): no progress. The retry
 * check finds reclaimable 200, available 264 > min, and write_pending
 * 200 with 2 * 200 > 200: it waits in congestion_wait(BLK_RW_ASYNC,
 * HZ/10) = 25 jiffies. Meanwhile the flusher (woken by reclaim, as every
 * page it took was dirty and unqueued) writes the pages and the disk
 * finishes them (10 jiffies), so the second round's reclaim frees clean
 * pages. kswapd is kept out of it (a hopeless node: kswapd_failures 16)
 * and periodic writeback is off, so only this request reclaims.
 */
START_TEST(reclaim_retry_waits_for_writeback)
{
	struct machine *m = boot_s();
	pg_data_t *pgdat = m->node_data[0];
	struct alloc_report rep;
	struct mm_error e;
	unsigned long j;
	int f;

	m->dirty_writeback_centisecs = 0;
	m->dirty_background_ratio = 100;
	m->vm_dirty_ratio = 100;
	f = new_file(m, "dirty");
	ck_assert_int_eq(file_write(m, f, 0, 200, &e), 200);
	lru_add_drain_all(m);
	ck_assert_int_eq(zone_page_state(NORMAL(m), NR_ZONE_WRITE_PENDING), 200);
	fill_to(m, 64);
	pgdat->kswapd_failures = MAX_RECLAIM_RETRIES;
	record_only(m, &rec, EV(TRACE_RECLAIM_RETRY_ZONE));
	j = m->jiffies;
	ck_assert_int_ge(mmsh_alloc(m, GFP_KERNEL, 0, NUMA_NO_NODE, &rep), 0);
	ck_assert_int_eq(rep.outcome, ALLOC_OK_RECLAIM);
	ck_assert_uint_eq(rep.rounds, 2);
	ck_assert_uint_eq(rep.reclaims, 2);
	ck_assert_uint_eq(rep.reclaim_retries, 1);
	ck_assert_uint_gt(rep.reclaimed, 0);
	ck_assert_uint_eq(m->jiffies - j, HZ / 10);
	ck_assert_uint_eq(rec.n, 1);
	expect_line(TRACE_RECLAIM_RETRY_ZONE, 0,
		    "reclaim_retry_zone: node=0 zone=Normal   order=0 reclaimable=200 available=264 min_wmark=64 no_progress_loops=1 wmark_check=1");
	assert_consistent(m);
	stop_recording(m);
	machine_destroy(m);
}
END_TEST

/* ---- should_compact_retry ---------------------------------------------------------------- */

/*
 * 400 clean file pages interleaved with held pages (pfns 0..799), the
 * rest held except 70 holes at the top: free 70, no free block of order
 * 1 or more, and whatever reclaim frees is an order-0 hole again.
 * GFP_KERNEL | __GFP_RETRY_MAYFAIL, order 2:
 *  - the first compaction is skipped: order 2 needs free > min 64 +
 *    compact_gap(2) 8 = 72;
 *  - round 1: direct reclaim; below DEF_PRIORITY - 2 an order-2 request
 *    is in reclaim/compaction mode, and should_continue_reclaim() makes
 *    shrink_node() go round again while compaction would still be
 *    skipped and more than compact_gap(2) = 8 pages are inactive:
 *    priority 8 reclaims 400>>8 = 1 (free 71), 399>>8 = 1 (72), 398>>8
 *    = 1 (73 > 72: enough); then 397>>7 = 3, 394>>6 = 6, 388>>5 = 12
 *    (24 in all), 376>>4 = 23: 47 >= 32. Free 117, still no order-2
 *    block, drain, no. Sync-light compaction runs (117 > 72); every
 *    4-page chunk holds a held page, so nothing can be done; the first
 *    scan of the zone starts at compact_init_migrate_pfn (0) and covers
 *    the whole zone: complete, a failed run. should_reclaim_retry:
 *    progress, so no_progress_loops=0, but no order-2 block even
 *    counting reclaimable pages: no. should_compact_retry: failed,
 *    SYNC_LIGHT is above SYNC_FULL (the floor for orders <= 3): raise the
 *    priority, retry;
 *  - round 2: reclaim 353>>8 = 1, 352>>7 = 2, 350>>6 = 5, 345>>5 = 10,
 *    335>>4 = 20: 38; SYNC_FULL compaction fails again; the priority
 *    cannot go higher: no retry;
 *  - no OOM (MAYFAIL): ALLOC_FAIL_OOM.
 */
START_TEST(compact_retry_raises_priority_after_a_failed_run)
{
	struct machine *m = boot_s();
	struct alloc_report rep;

	interleave_with_holes(m, 0, 400, 70);
	record_only(m, &rec, EV(TRACE_COMPACT_RETRY) | EV(TRACE_RECLAIM_RETRY_ZONE) |
		    EV(TRACE_MM_COMPACTION_TRY_TO_COMPACT_PAGES) |
		    EV(TRACE_MM_VMSCAN_DIRECT_RECLAIM_END));
	ck_assert_int_eq(mmsh_alloc(m, GFP_KERNEL | GFP__RETRY_MAYFAIL, 2, NUMA_NO_NODE, &rep), -1);
	ck_assert_int_eq(rep.outcome, ALLOC_FAIL_OOM);
	ck_assert_uint_eq(rep.rounds, 2);
	ck_assert_uint_eq(rep.reclaims, 2);
	ck_assert_uint_eq(rep.reclaimed, 47 + 38);
	ck_assert_uint_eq(rep.compactions, 3);
	ck_assert_uint_eq(rep.compact_retries, 1);
	ck_assert_uint_eq(rep.reclaim_retries, 0);
	ck_assert_int_eq(rep.compact_result, COMPACT_COMPLETE);
	expect_line(TRACE_MM_VMSCAN_DIRECT_RECLAIM_END, 0,
		    "mm_vmscan_direct_reclaim_end: nr_reclaimed=47");
	expect_line(TRACE_MM_VMSCAN_DIRECT_RECLAIM_END, 1,
		    "mm_vmscan_direct_reclaim_end: nr_reclaimed=38");
	expect_line(TRACE_MM_COMPACTION_TRY_TO_COMPACT_PAGES, 0,
		    "mm_compaction_try_to_compact_pages: order=2 gfp_mask=GFP_KERNEL|__GFP_RETRY_MAYFAIL priority=2");
	expect_line(TRACE_MM_COMPACTION_TRY_TO_COMPACT_PAGES, 1,
		    "mm_compaction_try_to_compact_pages: order=2 gfp_mask=GFP_KERNEL|__GFP_RETRY_MAYFAIL priority=1");
	expect_line(TRACE_MM_COMPACTION_TRY_TO_COMPACT_PAGES, 2,
		    "mm_compaction_try_to_compact_pages: order=2 gfp_mask=GFP_KERNEL|__GFP_RETRY_MAYFAIL priority=0");
	expect_line(TRACE_RECLAIM_RETRY_ZONE, 0,
		    "reclaim_retry_zone: node=0 zone=Normal   order=2 reclaimable=353 available=470 min_wmark=64 no_progress_loops=0 wmark_check=0");
	expect_line(TRACE_COMPACT_RETRY, 0,
		    "compact_retry: order=2 priority=COMPACT_PRIO_SYNC_LIGHT compaction_result=failed retries=0 max_retries=16 should_retry=1");
	expect_line(TRACE_COMPACT_RETRY, 1,
		    "compact_retry: order=2 priority=COMPACT_PRIO_SYNC_FULL compaction_result=failed retries=0 max_retries=16 should_retry=0");
	assert_consistent(m);
	stop_recording(m);
	machine_destroy(m);
}
END_TEST

/*
 * The same, shifted up by one pageblock (pfns 0..31 held, the file pages
 * on the even pfns 32..830, the 70 holes on the odd pfns 833..971),
 * after a kswapd-style skip-hint reset (reset_isolation_suitable() with
 * compact_blockskip_flush set). The reset samples every 8th pfn of each
 * block from both ends: it finds the first migration source at pfn 32
 * (compact_init_migrate_pfn = 32) but no free page at the sampled (even)
 * pfns, so it leaves no distance between the scanners: both cached
 * positions where its walk met, 512 and 511. The sync-light scan starts
 * at 512, past pfn 32: not a whole-zone scan, and the scanners meet at
 * once: partial_skipped, a withdrawn run, which raises the priority just
 * the same (round 1); SYNC_FULL scans the whole zone and fails (round 2).
 * The reclaim numbers are those of the test above.
 */
START_TEST(compact_retry_raises_priority_after_a_withdrawn_run)
{
	struct machine *m = boot_s();
	struct alloc_report rep;

	interleave_with_holes(m, 32, 400, 70);
	NORMAL(m)->compact.blockskip_flush = true;
	reset_isolation_suitable(m->node_data[0]);
	ck_assert_uint_eq(NORMAL(m)->compact.init_migrate_pfn, 32);
	ck_assert_uint_eq(NORMAL(m)->compact.cached_migrate_pfn[1], 512);
	ck_assert_uint_eq(NORMAL(m)->compact.cached_free_pfn, 511);
	record_only(m, &rec, EV(TRACE_COMPACT_RETRY));
	ck_assert_int_eq(mmsh_alloc(m, GFP_KERNEL | GFP__RETRY_MAYFAIL, 2, NUMA_NO_NODE, &rep), -1);
	ck_assert_int_eq(rep.outcome, ALLOC_FAIL_OOM);
	ck_assert_uint_eq(rep.rounds, 2);
	ck_assert_uint_eq(rep.reclaimed, 47 + 38);
	ck_assert_uint_eq(rep.compact_retries, 1);
	expect_line(TRACE_COMPACT_RETRY, 0,
		    "compact_retry: order=2 priority=COMPACT_PRIO_SYNC_LIGHT compaction_result=withdrawn retries=0 max_retries=16 should_retry=1");
	expect_line(TRACE_COMPACT_RETRY, 1,
		    "compact_retry: order=2 priority=COMPACT_PRIO_SYNC_FULL compaction_result=failed retries=0 max_retries=16 should_retry=0");
	assert_consistent(m);
	stop_recording(m);
	machine_destroy(m);
}
END_TEST

/*
 * A withdrawn result (COMPACT_DEFERRED) also raises the priority: with the
 * zone deferred twice for order 2 (defer_shift 2, limit 4) the first
 * (async) and the round-1 sync-light attempts are skipped (considered 1
 * and 2 < 4); the retry at SYNC_FULL ignores deferral, runs and fails.
 */
START_TEST(compact_retry_raises_priority_after_a_deferred_run)
{
	struct machine *m = boot_s();
	struct alloc_report rep;

	interleave_with_holes(m, 0, 400, 70);
	/* defer_shift 2: the next three attempts below SYNC_FULL are skipped */
	defer_compaction(NORMAL(m), 2);
	defer_compaction(NORMAL(m), 2);
	record_only(m, &rec, EV(TRACE_COMPACT_RETRY));
	ck_assert_int_eq(mmsh_alloc(m, GFP_KERNEL | GFP__RETRY_MAYFAIL, 2, NUMA_NO_NODE, &rep), -1);
	ck_assert_int_eq(rep.outcome, ALLOC_FAIL_OOM);
	ck_assert_uint_eq(rep.rounds, 2);
	ck_assert_uint_eq(rep.compact_retries, 1);
	expect_line(TRACE_COMPACT_RETRY, 0,
		    "compact_retry: order=2 priority=COMPACT_PRIO_SYNC_LIGHT compaction_result=withdrawn retries=0 max_retries=16 should_retry=1");
	expect_line(TRACE_COMPACT_RETRY, 1,
		    "compact_retry: order=2 priority=COMPACT_PRIO_SYNC_FULL compaction_result=failed retries=0 max_retries=16 should_retry=0");
	assert_consistent(m);
	stop_recording(m);
	machine_destroy(m);
}
END_TEST

/*
 * COMPACT_SKIPPED asks compaction_zonelist_suitable(): would compaction
 * run if everything reclaimable were reclaimed? 48 interleaved file
 * pages, 33 holes (free 33 > min/2, so reclaim is not throttled).
 *  - first compaction: skipped (33 <= 72);
 *  - round 1: reclaim 48>>5 = 1, 47>>4 = 2, 45>>3 = 5, 40>>2 = 10 (18),
 *    30>>1 = 15: 33, free 66 <= 72: compaction skipped again;
 *    should_reclaim_retry: no order-2 block: no; should_compact_retry:
 *    skipped, and 15 reclaimable + 66 free = 81 > 72 would let it run:
 *    retry (the trace calls a skipped result "progress": 5.10's
 *    compaction_withdrawn() no longer covers COMPACT_SKIPPED);
 *  - round 2: reclaim the last 15 (15>>3 = 1, 14>>2 = 3, 11>>1 = 5,
 *    6>>0 = 6), free 81; sync-light compaction runs (the zone's first,
 *    whole-zone scan), cannot do anything and ends complete: failed, so
 *    the priority is raised to SYNC_FULL: retry;
 *  - round 3: nothing left to reclaim (no progress): no compaction retry
 *    is even considered, and should_reclaim_retry says no: ALLOC_FAIL_OOM.
 */
START_TEST(compact_retry_after_skipped_asks_if_reclaim_would_help)
{
	struct machine *m = boot_s();
	struct alloc_report rep;

	interleave_with_holes(m, 0, 48, 33);
	record_only(m, &rec, EV(TRACE_COMPACT_RETRY));
	ck_assert_int_eq(mmsh_alloc(m, GFP_KERNEL | GFP__RETRY_MAYFAIL, 2, NUMA_NO_NODE, &rep), -1);
	ck_assert_int_eq(rep.outcome, ALLOC_FAIL_OOM);
	ck_assert_uint_eq(rep.rounds, 3);
	ck_assert_uint_eq(rep.reclaims, 3);
	ck_assert_uint_eq(rep.reclaimed, 48);
	ck_assert_uint_eq(rep.compactions, 4);
	ck_assert_uint_eq(rep.compact_retries, 2);
	ck_assert_uint_eq(rec.n, 2);
	expect_line(TRACE_COMPACT_RETRY, 1,
		    "compact_retry: order=2 priority=COMPACT_PRIO_SYNC_LIGHT compaction_result=failed retries=0 max_retries=16 should_retry=1");
	assert_consistent(m);
	/* last: mmsh prints "withdrawn" here (see the report) */
	expect_line(TRACE_COMPACT_RETRY, 0,
		    "compact_retry: order=2 priority=COMPACT_PRIO_SYNC_LIGHT compaction_result=progress retries=0 max_retries=16 should_retry=1");
	stop_recording(m);
	machine_destroy(m);
}
END_TEST

/*
 * ... and when even reclaiming everything would not let compaction run,
 * no retry: 16 interleaved file pages, 40 holes. Round 1 reclaims all 16
 * (16>>4 = 1, 15>>3 = 1, 14>>2 = 3, 11>>1 = 5, 6>>0 = 6), free 56 <= 72:
 * skipped; 0 reclaimable + 56 free is still not above 72: no retry.
 */
START_TEST(compact_retry_after_skipped_gives_up_when_reclaim_cannot_help)
{
	struct machine *m = boot_s();
	struct alloc_report rep;

	interleave_with_holes(m, 0, 16, 40);
	record_only(m, &rec, EV(TRACE_COMPACT_RETRY) | EV(TRACE_RECLAIM_RETRY_ZONE));
	ck_assert_int_eq(mmsh_alloc(m, GFP_KERNEL | GFP__RETRY_MAYFAIL, 2, NUMA_NO_NODE, &rep), -1);
	ck_assert_int_eq(rep.outcome, ALLOC_FAIL_OOM);
	ck_assert_uint_eq(rep.rounds, 1);
	ck_assert_uint_eq(rep.reclaimed, 16);
	ck_assert_uint_eq(rep.compactions, 2);
	ck_assert_int_eq(rep.compact_result, COMPACT_SKIPPED);
	ck_assert_uint_eq(rep.compact_retries, 0);
	expect_line(TRACE_RECLAIM_RETRY_ZONE, 0,
		    "reclaim_retry_zone: node=0 zone=Normal   order=2 reclaimable=0 available=56 min_wmark=64 no_progress_loops=0 wmark_check=0");
	assert_consistent(m);
	/* last: mmsh prints "withdrawn" here (see the report) */
	expect_line(TRACE_COMPACT_RETRY, 0,
		    "compact_retry: order=2 priority=COMPACT_PRIO_SYNC_LIGHT compaction_result=progress retries=0 max_retries=16 should_retry=0");
	stop_recording(m);
	machine_destroy(m);
}
END_TEST

/* ---- __alloc_pages_may_oom and the OOM killer ------------------------------------ */

/*
 * Tasks hog (300 anonymous pages) and small (20); no swap, so nothing is
 * reclaimable; free = 64 = min. GFP_KERNEL order 0: round 1's reclaim
 * finds nothing, should_reclaim_retry() cannot reach min (available 64),
 * the high-watermark attempt fails, and out_of_memory() kills the task
 * with the highest badness: hog (300 + 3 page-table pages) over small
 * (20 + 3). That is progress: round 2 finds hog's 300 pages free and
 * takes one at min (ALLOC_OK_SLOWPATH). One oom_kill.
 */
START_TEST(oom_kill_then_the_allocation_succeeds)
{
	struct machine *m = boot_s();
	struct task *hog = new_task(m, "hog"), *small = new_task(m, "small");
	struct alloc_report rep;

	fault(m, hog, 300);
	fault(m, small, 20);
	lru_add_drain_all(m);
	fill_to(m, 64);
	record_log(m, &klog);
	ck_assert_int_ge(mmsh_alloc(m, GFP_KERNEL, 0, NUMA_NO_NODE, &rep), 0);
	ck_assert_int_eq(rep.outcome, ALLOC_OK_SLOWPATH);
	ck_assert_uint_eq(rep.rounds, 2);
	ck_assert_uint_eq(rep.reclaims, 1);
	ck_assert_uint_eq(rep.reclaimed, 0);
	ck_assert_uint_eq(rep.oom_calls, 1);
	ck_assert_uint_eq(rep.oom_kills, 1);
	ck_assert_int_eq(rep.oom_skipped, OOM_NOT_SKIPPED);
	ck_assert_uint_eq(ev(m, OOM_KILL), 1);
	ck_assert_ptr_null(task_find(m, "hog"));
	ck_assert_ptr_eq(task_find(m, "small"), small);
	ck_assert_int_eq(nr_free(m), 64 + 300 - 1);
	ck_assert_int_ge(find_log(&klog, "Out of memory: Killed process 1001 (hog) total-vm:1200kB, anon-rss:1200kB, file-rss:0kB, shmem-rss:0kB, UID:1000 pgtables:12kB oom_score_adj:0"),
			 0);
	ck_assert(!m->panicked);
	printk_subscribe(m, NULL, NULL);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * The OOM killer is never invoked for order > 3 (OOM_SKIP_COSTLY, see
 * costly_orders_never_count_progress), for __GFP_RETRY_MAYFAIL or
 * __GFP_THISNODE (OOM_SKIP_MAYFAIL), nor when the request's highest zone
 * is below Normal (GFP_DMA, GFP_DMA32: OOM_SKIP_LOWMEM): the task with
 * memory survives each time. Machine: DMA, DMA32 and Normal of 1024
 * pages each.
 */
START_TEST(oom_killer_skipped_for_mayfail_thisnode_and_low_zones)
{
	struct machine *m = boot_shape(1024, 1024, 1024, 0, 7, 5, 1);
	struct task *t;
	struct alloc_report rep;

	m->watermark_boost_factor = 0;
	t = new_task(m, "victim");
	fault(m, t, 200);
	lru_add_drain_all(m);
	/* empty DMA and DMA32 completely (their own reserves too), Normal to its min */
	while (zone_page_state(ZONE(m, 0, ZONE_DMA), NR_FREE_PAGES))
		held(m, GFP_DMA | GFP__MEMALLOC, 0);
	while (zone_page_state(ZONE(m, 0, ZONE_DMA32), NR_FREE_PAGES))
		held(m, GFP_DMA32 | GFP__MEMALLOC, 0);
	while (normal_stat(m, NR_FREE_PAGES) >
	       (long)min_wmark_pages(ZONE(m, 0, ZONE_NORMAL)))
		held(m, FILL_GFP, 0);

	ck_assert_int_eq(mmsh_alloc(m, GFP_KERNEL | GFP__RETRY_MAYFAIL, 0, NUMA_NO_NODE, &rep), -1);
	ck_assert_int_eq(rep.outcome, ALLOC_FAIL_OOM);
	ck_assert_int_eq(rep.oom_skipped, OOM_SKIP_MAYFAIL);
	ck_assert_uint_eq(rep.oom_calls, 0);
	ck_assert_int_eq(mmsh_alloc(m, GFP_KERNEL | GFP__THISNODE, 0, NUMA_NO_NODE, &rep), -1);
	ck_assert_int_eq(rep.outcome, ALLOC_FAIL_OOM);
	ck_assert_int_eq(rep.oom_skipped, OOM_SKIP_MAYFAIL);
	ck_assert_int_eq(mmsh_alloc(m, GFP_KERNEL | GFP_DMA32, 0, NUMA_NO_NODE, &rep), -1);
	ck_assert_int_eq(rep.outcome, ALLOC_FAIL_OOM);
	ck_assert_int_eq(rep.oom_skipped, OOM_SKIP_LOWMEM);
	ck_assert_uint_eq(rep.oom_calls, 0);
	ck_assert_int_eq(mmsh_alloc(m, GFP_KERNEL | GFP_DMA, 0, NUMA_NO_NODE, &rep), -1);
	ck_assert_int_eq(rep.outcome, ALLOC_FAIL_OOM);
	ck_assert_int_eq(rep.oom_skipped, OOM_SKIP_LOWMEM);
	ck_assert_ptr_eq(task_find(m, "victim"), t);
	ck_assert_uint_eq(ev(m, OOM_KILL), 0);
	ck_assert(!m->panicked);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * GFP_NOFS may not enter filesystems, so out_of_memory() kills nobody and
 * reports progress anyway; the kernel keeps looping (the allocation
 * waits for someone else to free memory). mmsh stops the loop after
 * SLOWPATH_MAX_ROUNDS (100) rounds: ALLOC_FAIL_LIVELOCK, 100 OOM calls,
 * no kill, no report.
 */
START_TEST(nofs_oom_progress_without_a_kill_loops)
{
	struct machine *m = boot_s();
	struct task *hog = new_task(m, "hog");
	struct alloc_report rep;

	fault(m, hog, 300);
	lru_add_drain_all(m);
	fill_to(m, 64);
	record_log(m, &klog);
	ck_assert_int_eq(mmsh_alloc(m, GFP_NOFS, 0, NUMA_NO_NODE, &rep), -1);
	ck_assert_int_eq(rep.outcome, ALLOC_FAIL_LIVELOCK);
	ck_assert_uint_eq(rep.rounds, SLOWPATH_MAX_ROUNDS);
	ck_assert_uint_eq(rep.reclaims, SLOWPATH_MAX_ROUNDS);
	ck_assert_uint_eq(rep.oom_calls, SLOWPATH_MAX_ROUNDS);
	ck_assert_uint_eq(rep.oom_kills, 0);
	ck_assert_ptr_eq(task_find(m, "hog"), hog);
	ck_assert_uint_eq(ev(m, OOM_KILL), 0);
	ck_assert_int_eq(klog.n, 0);
	printk_subscribe(m, NULL, NULL);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * The allocating task is the biggest: out_of_memory() kills the caller
 * itself (hog, 300 pages, allocating a user page). Its memory is gone and
 * it is an OOM victim now: round 2 uses reserve_flags ALLOC_OOM (with
 * ALLOC_CMA for a movable request: 0x88) and gets a page
 * (ALLOC_OK_RESERVES). Still the victim, it keeps allocating: down to the
 * low mark on the fast path, to min with the slow path's first attempt,
 * then in the retry round with ALLOC_OOM down to min/2 = 32. The
 * next request fails at 32: the OOM killer, called again, kills small
 * (the caller's memory is already reaped), but a victim that already had
 * ALLOC_OOM must not loop: ALLOC_FAIL_OOM_VICTIM.
 */
START_TEST(oom_victim_allocates_from_reserves_then_stops)
{
	struct machine *m = boot_s();
	struct task *hog = new_task(m, "hog"), *small = new_task(m, "small");
	struct alloc_report rep;
	struct as_saved saved;
	int n = 0;

	fault(m, small, 20);
	fault(m, hog, 300);
	lru_add_drain_all(m);
	fill_to(m, 64);
	as_task(m, hog, &saved);
	ck_assert_int_ge(mmsh_alloc(m, GFP_HIGHUSER_MOVABLE, 0, NUMA_NO_NODE, &rep), 0);
	ck_assert_int_eq(rep.outcome, ALLOC_OK_RESERVES);
	ck_assert_uint_eq(rep.alloc_flags, ALLOC_OOM | ALLOC_CMA);
	ck_assert_uint_eq(rep.rounds, 2);
	ck_assert_uint_eq(rep.oom_calls, 1);
	ck_assert_uint_eq(rep.oom_kills, 1);
	ck_assert(m->current_oom_victim);
	ck_assert_ptr_null(task_find(m, "hog"));
	ck_assert_int_eq(nr_free(m), 64 + 300 - 1);

	for (;;) {
		long before = nr_free(m);

		if (mmsh_alloc(m, GFP_HIGHUSER_MOVABLE, 0, NUMA_NO_NODE, &rep) < 0)
			break;
		n++;
		/* low mark on the fast path, min in the slow path, then ALLOC_OOM */
		if (before > 80)
			ck_assert_int_eq(rep.outcome, ALLOC_OK_FASTPATH);
		else if (before > 64)
			ck_assert_int_eq(rep.outcome, ALLOC_OK_SLOWPATH);
		else
			ck_assert_int_eq(rep.outcome, ALLOC_OK_RESERVES);
	}
	/* from 363 free down to 32: 331 pages; then small's 20 came back */
	ck_assert_int_eq(n, 331);
	ck_assert_int_eq(nr_free(m), 32 + 20);
	ck_assert_int_eq(rep.outcome, ALLOC_FAIL_OOM_VICTIM);
	ck_assert_uint_eq(rep.alloc_flags, ALLOC_OOM | ALLOC_CMA);
	ck_assert_uint_eq(rep.rounds, 1);
	ck_assert_uint_eq(rep.oom_calls, 1);
	ck_assert_uint_eq(rep.oom_kills, 1);
	ck_assert_ptr_null(task_find(m, "small"));
	ck_assert_uint_eq(ev(m, OOM_KILL), 2);
	as_before(m, &saved);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * With no task the OOM killer may kill (a task with oom_score_adj -1000
 * does not count) an allocation that must not fail panics the kernel:
 * "Out of memory and no killable processes...", then panic("System is
 * deadlocked on memory"). The slow path ends with ALLOC_FAIL_PANIC.
 */
START_TEST(no_killable_task_panics)
{
	struct machine *m = boot_s();
	struct task *t = new_task_adj(m, "sshd", OOM_SCORE_ADJ_MIN);
	struct alloc_report rep;
	int at;

	fault(m, t, 100);
	lru_add_drain_all(m);
	fill_to(m, 64);
	record_log(m, &klog);
	ck_assert_int_eq(mmsh_alloc(m, GFP_KERNEL, 0, NUMA_NO_NODE, &rep), -1);
	ck_assert_int_eq(rep.outcome, ALLOC_FAIL_PANIC);
	ck_assert(m->panicked);
	ck_assert_uint_eq(rep.oom_calls, 1);
	ck_assert_uint_eq(rep.oom_kills, 0);
	ck_assert_uint_eq(rep.rounds, 1);
	ck_assert_ptr_eq(task_find(m, "sshd"), t);
	at = find_log(&klog, "Out of memory and no killable processes...");
	ck_assert_int_ge(at, 0);
	ck_assert_str_eq(klog.line[at + 1], "Kernel panic - not syncing: System is deadlocked on memory");
	ck_assert_str_eq(klog.line[at + 2],
			 "---[ end Kernel panic - not syncing: System is deadlocked on memory ]---");
	ck_assert_str_eq(klog.line[0],
			 "mmsh invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=0");
	printk_subscribe(m, NULL, NULL);
	machine_destroy(m);
}
END_TEST

/* ---- __GFP_NOFAIL ---------------------------------------------------------------- */

/*
 * free 70: 954-955, 956-959 and the order-6 block 960-1023. Order 4 at
 * min needs 70 - 15 = 55 > 64: no. The compactions are skipped (70 is
 * not above low 80 + 32) and reclaim finds nothing; a costly request
 * without __GFP_RETRY_MAYFAIL fails (ALLOC_FAIL_COSTLY). With
 * __GFP_NOFAIL it may dip into the reserves short of
 * ALLOC_NO_WATERMARKS: ALLOC_HARDER lowers min to 64 - 16 = 48 < 55. The
 * unmovable request steals the order-6 block (block type Unmovable), and
 * an order > 0 ALLOC_HARDER allocation reserves its pageblock as
 * MIGRATE_HIGHATOMIC (nr_reserved_highatomic 32, at most 1024/100 + 32).
 */
START_TEST(nofail_falls_back_to_alloc_harder)
{
	struct machine *m = boot_s();
	struct zone *z = NORMAL(m);
	struct alloc_report rep;

	fill_to(m, 70);
	ck_assert_int_eq(mmsh_alloc(m, GFP_KERNEL, 4, NUMA_NO_NODE, &rep), -1);
	ck_assert_int_eq(rep.outcome, ALLOC_FAIL_COSTLY);
	ck_assert_int_eq(rep.compact_result, COMPACT_SKIPPED);

	ck_assert_int_eq(mmsh_alloc(m, GFP_KERNEL | GFP__NOFAIL, 4, NUMA_NO_NODE, &rep), 960);
	ck_assert_int_eq(rep.outcome, ALLOC_OK_NOFAIL);
	ck_assert_uint_eq(rep.alloc_flags, ALLOC_HARDER);
	ck_assert_uint_eq(rep.rounds, 1);
	ck_assert_uint_eq(rep.reclaims, 1);
	ck_assert_uint_eq(rep.reclaimed, 0);
	ck_assert_uint_eq(rep.compactions, 2);
	ck_assert_uint_eq(rep.oom_calls, 0);
	ck_assert_int_eq(get_pageblock_migratetype(m, &m->mem_map[960]), MIGRATE_HIGHATOMIC);
	ck_assert_uint_eq(z->nr_reserved_highatomic, 32);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * When not even ALLOC_HARDER finds a block (200 order-0 holes, order 4),
 * __GFP_NOFAIL goes round again and again: every round reclaims (the
 * compaction_ready shortcut) and compacts. The kernel never returns; mmsh
 * stops after SLOWPATH_MAX_ROUNDS: ALLOC_FAIL_LIVELOCK.
 */
START_TEST(nofail_loops_until_mmsh_stops_it)
{
	struct machine *m = boot_s();
	struct alloc_report rep;

	fill_to(m, 0);
	holes(m, 0, 200);
	ck_assert_int_eq(mmsh_alloc(m, GFP_KERNEL | GFP__NOFAIL, 4, NUMA_NO_NODE, &rep), -1);
	ck_assert_int_eq(rep.outcome, ALLOC_FAIL_LIVELOCK);
	ck_assert_uint_eq(rep.rounds, SLOWPATH_MAX_ROUNDS);
	ck_assert_uint_eq(rep.reclaims, SLOWPATH_MAX_ROUNDS);
	ck_assert_uint_eq(rep.compactions, SLOWPATH_MAX_ROUNDS + 1);
	ck_assert_uint_eq(rep.oom_calls, 0);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * GFP_NOFS | __GFP_NOFAIL at min with nothing to reclaim: out_of_memory()
 * kills nobody (!__GFP_FS) but returns progress, and a __GFP_NOFAIL
 * request is then served from the reserves, ALLOC_NO_WATERMARKS, inside
 * __alloc_pages_may_oom(): ALLOC_OK_OOM.
 */
START_TEST(nofail_nofs_gets_the_reserves_from_the_oom_path)
{
	struct machine *m = boot_s();
	struct task *hog = new_task(m, "hog");
	struct alloc_report rep;

	fault(m, hog, 100);
	lru_add_drain_all(m);
	fill_to(m, 64);
	ck_assert_int_ge(mmsh_alloc(m, GFP_NOFS | GFP__NOFAIL, 0, NUMA_NO_NODE, &rep), 0);
	ck_assert_int_eq(rep.outcome, ALLOC_OK_OOM);
	ck_assert_uint_eq(rep.rounds, 1);
	ck_assert_uint_eq(rep.oom_calls, 1);
	ck_assert_uint_eq(rep.oom_kills, 0);
	ck_assert_ptr_eq(task_find(m, "hog"), hog);
	ck_assert_int_eq(nr_free(m), 63);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

static Suite *slowpath_suite(void)
{
	Suite *s = suite_create("slowpath");
	TCase *wake = tcase_create("kswapd_and_min");
	TCase *res = tcase_create("reserves");
	TCase *rcl = tcase_create("reclaim");
	TCase *cmp = tcase_create("compaction");
	TCase *retry = tcase_create("retry");
	TCase *oom = tcase_create("oom");

	tcase_set_timeout(wake, 60);
	tcase_add_test(wake, slow_path_wakes_kswapd_and_takes_the_page_at_min);
	tcase_add_test(wake, no_kswapd_reclaim_bit_no_wakeup);
	tcase_add_test(wake, no_direct_reclaim_fails_after_one_round);
	tcase_add_test(wake, gfp_write_over_the_node_dirty_limit_takes_the_slow_path);
	suite_add_tcase(s, wake);

	tcase_set_timeout(res, 60);
	tcase_add_test(res, memalloc_uses_the_reserves);
	tcase_add_test(res, pf_memalloc_reserves_and_no_reclaim_recursion);
	tcase_add_test(res, oom_victim_gets_half_the_min_reserve);
	tcase_add_test(res, atomic_with_direct_reclaim_warns_once_and_loses_harder);
	suite_add_tcase(s, res);

	tcase_set_timeout(rcl, 60);
	tcase_add_test(rcl, direct_reclaim_progress_then_the_page);
	tcase_add_test(rcl, allocstall_counts_the_requested_zone_index);
	tcase_add_test(rcl, direct_reclaim_drains_the_pcp_lists_and_retries);
	suite_add_tcase(s, rcl);

	tcase_set_timeout(cmp, 60);
	tcase_add_test(cmp, costly_order_compacts_async_first_then_fails);
	tcase_add_test(cmp, unmovable_low_orders_compact_first_movable_and_order0_do_not);
	tcase_add_test(cmp, costly_noretry_gives_up_when_compaction_was_deferred);
	tcase_add_test(cmp, costly_noretry_gives_up_when_compaction_was_skipped);
	tcase_add_test(cmp, costly_noretry_stays_async_for_one_round);
	tcase_add_test(cmp, noretry_stops_after_one_round);
	tcase_add_test(cmp, direct_compaction_captures_and_counts);
	suite_add_tcase(s, cmp);

	tcase_set_timeout(retry, 60);
	tcase_add_test(retry, reclaim_retry_without_progress_gives_up_after_16_loops);
	tcase_add_test(retry, reclaim_retry_refused_when_reclaim_cannot_reach_min);
	tcase_add_test(retry, costly_orders_never_count_progress);
	tcase_add_test(retry, reclaim_retry_waits_for_writeback);
	tcase_add_test(retry, compact_retry_raises_priority_after_a_withdrawn_run);
	tcase_add_test(retry, compact_retry_raises_priority_after_a_failed_run);
	tcase_add_test(retry, compact_retry_raises_priority_after_a_deferred_run);
	tcase_add_test(retry, compact_retry_after_skipped_asks_if_reclaim_would_help);
	tcase_add_test(retry, compact_retry_after_skipped_gives_up_when_reclaim_cannot_help);
	suite_add_tcase(s, retry);

	tcase_set_timeout(oom, 60);
	tcase_add_test(oom, oom_kill_then_the_allocation_succeeds);
	tcase_add_test(oom, oom_killer_skipped_for_mayfail_thisnode_and_low_zones);
	tcase_add_test(oom, nofs_oom_progress_without_a_kill_loops);
	tcase_add_test(oom, oom_victim_allocates_from_reserves_then_stops);
	tcase_add_test(oom, no_killable_task_panics);
	tcase_add_test(oom, nofail_falls_back_to_alloc_harder);
	tcase_add_test(oom, nofail_loops_until_mmsh_stops_it);
	tcase_add_test(oom, nofail_nofs_gets_the_reserves_from_the_oom_path);
	suite_add_tcase(s, oom);
	return s;
}

int main(void)
{
	return run_suite(slowpath_suite());
}
