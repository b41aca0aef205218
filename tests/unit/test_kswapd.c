/*
 * tests/unit/test_kswapd.c: kswapd (section 9 of the semantics reference,
 * src/engine/kswapd.c). Waking (9.1): pgdat_balanced() bottom-up with the
 * high mark, and true when no zone is eligible; pgdat_watermark_boosted();
 * wakeup_kswapd() recording kswapd_order and kswapd_highest_zoneidx even
 * when it does not wake, waking only a sleeping kswapd of an unbalanced
 * (or boosted) node, the mm_vmscan_wakeup_kswapd event, and hopeless nodes
 * (kswapd_failures >= MAX_RECLAIM_RETRIES) left alone. Running (9.2-9.4):
 * balance_pgdat() from DEF_PRIORITY down to 1, kswapd_shrink_node()'s
 * nr_to_reclaim and raise_priority, stopping at the first balanced zone,
 * kswapd_failures, boosted reclaim, the high-order fallback to order 0,
 * and the state machine of kswapd()/kswapd_try_to_sleep() (the wake and
 * sleep events, the HZ/10 nap, kswapd_low/high_wmark_hit_quickly,
 * pageoutrun, the vmstat thresholds), kswapd_run() and
 * allow_direct_reclaim().
 *
 * The reclaim tests use machine K: one Normal zone of 1024 pages,
 * MAX_ORDER 7, pageblock_order 5, one CPU, no swap: min 64, low 80, high
 * 96 (min_free_kbytes int_sqrt(4096 * 16) = 256 kB), pcp high 0 (every
 * free reaches the buddy lists at once). kswapd's nr_to_reclaim there is
 * max(high 96, SWAP_CLUSTER_MAX) = 96. Watermark boosting is off except
 * in the boost tests. Page cache pages read once are inactive and
 * referenced, so reclaim frees them at first sight (PAGEREF_RECLAIM_CLEAN);
 * pinned ones (an extra reference, as get_user_pages() takes) are scanned
 * and kept.
 */
#include <stdio.h>
#include <string.h>

#include "helpers.h"
#include "mmsh/compaction.h"
#include "mmsh/kswapd.h"
#include "mmsh/lru.h"
#include "mmsh/page_alloc.h"
#include "mmsh/pcp.h"
#include "mmsh/trace.h"
#include "mmsh/vmscan.h"
#include "mmsh/vmstat.h"
#include "mmsh/watermark.h"
#include "mmsh/workload.h"

static struct recorder rec;

#define WAKEUP_MASK (1U << TRACE_MM_VMSCAN_WAKEUP_KSWAPD)

/*
 * A node with only a Normal zone of 16384 pages (64 MiB): min_free_kbytes
 * int_sqrt(65536 * 16) = 1024 kB = 256 pages; min 256, step max(64, 16):
 * low 320, high 384. pcp 18/3.
 */
static struct machine *boot_normal_only(void)
{
	struct machine *m = boot_small();
	struct zone *z = ZONE(m, 0, ZONE_NORMAL);

	ck_assert_uint_eq(min_wmark_pages(z), 256);
	ck_assert_uint_eq(low_wmark_pages(z), 320);
	ck_assert_uint_eq(high_wmark_pages(z), 384);
	return m;
}

/* ---- machine K and its states -------------------------------------------------- */

static struct machine *boot_k(void)
{
	struct machine *m = boot_shape(0, 0, 1024, 0, 7, 5, 1);
	struct zone *z = ZONE(m, 0, ZONE_NORMAL);

	m->watermark_boost_factor = 0;
	ck_assert_uint_eq(min_wmark_pages(z), 64);
	ck_assert_uint_eq(low_wmark_pages(z), 80);
	ck_assert_uint_eq(high_wmark_pages(z), 96);
	ck_assert_int_eq(z->pageset[0].pcp.high, 0);
	return m;
}

/* Hold order-0 pages until the zone has exactly `target` free pages. */
static void zone_fill_to(struct machine *m, struct zone *z, gfp_t gfp, long target)
{
	while (zone_free(z) > target) {
		held(m, gfp, 0);
		drain_all_pages(m, NULL);
	}
	ck_assert_int_eq(zone_free(z), target);
}

static void fill_to(struct machine *m, long target)
{
	zone_fill_to(m, ZONE(m, 0, ZONE_NORMAL), FILL_GFP, target);
}

#define expect_line(id, nth, text) ck_assert_str_eq(nth_line(&rec, (id), (nth)), (text))

/* The priorities of the recorded mm_vmscan_lru_shrink_inactive events, in order. */
static size_t shrink_priorities(int *out, unsigned long *scanned, size_t max)
{
	size_t i, n = 0;

	for (i = 0; i < rec.n; i++) {
		if (rec.ev[i].id != TRACE_MM_VMSCAN_LRU_SHRINK_INACTIVE)
			continue;
		if (n < max) {
			out[n] = rec.ev[i].priority;
			scanned[n] = rec.ev[i].nr_scanned;
		}
		n++;
	}
	return n;
}

/*
 * The recorded mm_vmscan_lru_shrink_inactive events are exactly n, with
 * these priorities and these numbers of pages scanned, in order.
 */
static void expect_shrinks(const int *want_prio, const unsigned long *want_scanned, size_t n)
{
	int prio[256];
	unsigned long scanned[256];
	size_t i;

	ck_assert_uint_eq(shrink_priorities(prio, scanned, 256), n);
	for (i = 0; i < n; i++) {
		ck_assert_int_eq(prio[i], want_prio[i]);
		ck_assert_uint_eq(scanned[i], want_scanned[i]);
	}
}

/* Run whatever time has already passed, so that the next tick is one jiffy. */
static void settle(struct machine *m)
{
	tick(m, 0);
}

/* Allocate (order 9, then order 0) until an allocation needs the slow path. */
static void alloc_until_below_low(struct machine *m, gfp_t gfp,
				  struct alloc_report *rep)
{
	struct zone *z = ZONE(m, 0, ZONE_NORMAL);
	int i;

	while (zone_free(z) > 2048)
		ck_assert_int_ge(mmsh_alloc(m, gfp, 9, NUMA_NO_NODE, rep), 0);
	for (i = 0; i < 4096; i++) {
		long before = zone_free(z);

		ck_assert_int_ge(mmsh_alloc(m, gfp, 0, NUMA_NO_NODE, rep), 0);
		if (rep->outcome != ALLOC_OK_FASTPATH) {
			/* the fast path checks low: it failed only at free <= 320 */
			ck_assert_int_le(before, 320);
			/* and the retry at min succeeded */
			ck_assert_int_gt(before, 256);
			return;
		}
		ck_assert_int_gt(before, 320);
	}
	ck_abort_msg("no allocation reached the slow path");
}

/* ---- pgdat_balanced ---------------------------------------------------------- */

START_TEST(one_balanced_zone_is_enough)
{
	struct machine *m = boot_preset("default");
	pg_data_t *pgdat = m->node_data[0];
	struct zone *dma = ZONE(m, 0, ZONE_DMA), *normal = ZONE(m, 0, ZONE_NORMAL);
	long pfn = 0;
	int i;

	record_only(m, &rec, WAKEUP_MASK);
	/*
	 * GFP_KERNEL uses Normal first (low 600). Order 9 while plenty is
	 * left, then order 0 until the first page comes from DMA.
	 */
	while (zone_free(normal) > 2048)
		ck_assert_int_ge(mmsh_alloc(m, GFP_KERNEL, 9, NUMA_NO_NODE, NULL), 4096);
	for (i = 0; i < 4096; i++) {
		pfn = mmsh_alloc(m, GFP_KERNEL, 0, NUMA_NO_NODE, NULL);
		ck_assert_int_ge(pfn, 0);
		if (pfn < 4096)
			break;
	}
	ck_assert_int_lt(pfn, 4096);
	/* Normal is below its low mark; DMA gave one page and is nearly full */
	ck_assert_int_le(zone_free(normal), 600);
	ck_assert_int_eq(zone_free(dma), 4095);
	ck_assert_uint_eq(normal->watermark_boost, 0);
	ck_assert_uint_eq(dma->watermark_boost, 0);
	/* kswapd was never woken: the DMA fallback kept to the fast path */
	ck_assert_uint_eq(rec.n, 0);
	ck_assert_int_eq(pgdat->kswapd_state, KSWAPD_SLEEPING);
	ck_assert_uint_eq(pgdat->kswapd_wakeups, 0);
	assert_consistent(m);

	/*
	 * Bottom-up: DMA first. 4095 > high 48 + protection[Normal] 240, so
	 * the node is balanced although Normal is below even its low mark.
	 */
	ck_assert(!zone_watermark_ok_safe(normal, 0, high_wmark_pages(normal), ZONE_NORMAL));
	ck_assert(zone_watermark_ok_safe(dma, 0, high_wmark_pages(dma), ZONE_NORMAL));
	ck_assert(pgdat_balanced(pgdat, 0, ZONE_NORMAL));
	ck_assert(pgdat_balanced(pgdat, 0, ZONE_MOVABLE));
	/* so a wake-up request only records itself */
	wakeup_kswapd(normal, GFP_KERNEL, 0, ZONE_NORMAL);
	ck_assert_uint_eq(rec.n, 0);
	ck_assert_int_eq(pgdat->kswapd_state, KSWAPD_SLEEPING);
	ck_assert_int_eq(pgdat->kswapd_highest_zoneidx, ZONE_NORMAL);

	/*
	 * Keep going: DMA passes the fast path down to 40 + 240 = 280 free;
	 * the next request takes the slow path, where DMA (<= 288) and
	 * Normal (<= 720) both miss their high marks: now kswapd wakes.
	 */
	for (i = 0; i < 4096 && pgdat->kswapd_state == KSWAPD_SLEEPING; i++)
		ck_assert_int_ge(mmsh_alloc(m, GFP_KERNEL, 0, NUMA_NO_NODE, NULL), 0);
	ck_assert_int_eq(pgdat->kswapd_state, KSWAPD_WOKEN);
	ck_assert_int_le(zone_free(dma), 288);
	ck_assert(!pgdat_balanced(pgdat, 0, ZONE_NORMAL));
	ck_assert_uint_eq(rec.n, 1);
	ck_assert_int_eq(rec.ev[0].id, TRACE_MM_VMSCAN_WAKEUP_KSWAPD);
	ck_assert_int_eq(rec.ev[0].nid, 0);
	ck_assert_uint_eq(rec.ev[0].order, 0);
	ck_assert_uint_eq(rec.ev[0].gfp_flags, GFP_KERNEL);
	/* the DMA zone alone (highest_zoneidx DMA, no protection) is still fine */
	ck_assert(pgdat_balanced(pgdat, 0, ZONE_DMA));
	assert_consistent(m);
	stop_recording(m);
	machine_destroy(m);
}
END_TEST

START_TEST(balanced_when_no_zone_is_eligible)
{
	struct machine *m = boot_normal_only();
	pg_data_t *pgdat = m->node_data[0];
	struct alloc_report rep;

	/* fresh: 16384 > 384; also for order 10 (16384 - 1023, order-10 blocks) */
	ck_assert(pgdat_balanced(pgdat, 0, ZONE_NORMAL));
	ck_assert(pgdat_balanced(pgdat, 10, ZONE_NORMAL));

	alloc_until_below_low(m, GFP_KERNEL, &rep);
	ck_assert(!pgdat_balanced(pgdat, 0, ZONE_NORMAL));
	ck_assert(!pgdat_balanced(pgdat, 0, ZONE_MOVABLE));
	/* DMA and DMA32 manage nothing: no zone <= DMA32 needs balancing */
	ck_assert(pgdat_balanced(pgdat, 0, ZONE_DMA));
	ck_assert(pgdat_balanced(pgdat, 0, ZONE_DMA32));
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

START_TEST(balanced_uses_the_boosted_high_mark)
{
	struct machine *m = boot_normal_only();
	pg_data_t *pgdat = m->node_data[0];
	struct zone *z = ZONE(m, 0, ZONE_NORMAL);
	int i;

	/* 31 order-9 blocks out: 16384 - 31*512 = 512 free, above high 384 */
	for (i = 0; i < 31; i++)
		ck_assert_int_ge(mmsh_alloc(m, GFP_KERNEL, 9, NUMA_NO_NODE, NULL), 0);
	ck_assert_int_eq(zone_free(z), 512);
	ck_assert(pgdat_balanced(pgdat, 0, ZONE_NORMAL));
	/* but not for order 9: 512 - 511 = 1 <= 384 */
	ck_assert(!pgdat_balanced(pgdat, 9, ZONE_NORMAL));
	/* boost 512 (max(384 * 15000/10000 = 576, 512) allows it): high 896 */
	ck_assert(boost_watermark(z));
	ck_assert_uint_eq(z->watermark_boost, 512);
	ck_assert_uint_eq(high_wmark_pages(z), 896);
	ck_assert(!pgdat_balanced(pgdat, 0, ZONE_NORMAL));
	/* a second boost is capped at 576: high 960 */
	ck_assert(boost_watermark(z));
	ck_assert_uint_eq(z->watermark_boost, 576);
	ck_assert_uint_eq(high_wmark_pages(z), 960);
	/* dropping the boost balances the node again */
	setup_per_zone_wmarks(m);
	ck_assert(pgdat_balanced(pgdat, 0, ZONE_NORMAL));
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/* ---- pgdat_watermark_boosted ------------------------------------------------- */

START_TEST(boosted_looks_at_zones_up_to_highest_zoneidx)
{
	struct machine *m = boot_preset("default");
	pg_data_t *pgdat = m->node_data[0];

	ck_assert(!pgdat_watermark_boosted(pgdat, ZONE_MOVABLE));
	/* Normal: 61440 >= 4 pageblocks; max(720 * 1.5, 512): boost 512 */
	ck_assert(boost_watermark(ZONE(m, 0, ZONE_NORMAL)));
	ck_assert(pgdat_watermark_boosted(pgdat, ZONE_MOVABLE));
	ck_assert(pgdat_watermark_boosted(pgdat, ZONE_NORMAL));
	ck_assert(!pgdat_watermark_boosted(pgdat, ZONE_DMA32));
	ck_assert(!pgdat_watermark_boosted(pgdat, ZONE_DMA));
	/* DMA: 4096 >= 2048 pages, max(48 * 1.5 = 72, 512): boost 512 */
	ck_assert(boost_watermark(ZONE(m, 0, ZONE_DMA)));
	ck_assert(pgdat_watermark_boosted(pgdat, ZONE_DMA));
	/* __setup_per_zone_wmarks() drops every boost */
	setup_per_zone_wmarks(m);
	ck_assert(!pgdat_watermark_boosted(pgdat, ZONE_MOVABLE));
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/* ---- wakeup_kswapd --------------------------------------------------------------- */

START_TEST(requests_are_recorded_without_waking)
{
	struct machine *m = boot_preset("default");
	pg_data_t *pgdat = m->node_data[0];

	record_only(m, &rec, WAKEUP_MASK);
	ck_assert_int_eq(pgdat->kswapd_order, 0);
	ck_assert_int_eq(pgdat->kswapd_highest_zoneidx, MAX_NR_ZONES);
	/* an unmanaged zone (the empty DMA32) is ignored altogether */
	wakeup_kswapd(ZONE(m, 0, ZONE_DMA32), GFP_KERNEL, 5, ZONE_DMA32);
	ck_assert_int_eq(pgdat->kswapd_order, 0);
	ck_assert_int_eq(pgdat->kswapd_highest_zoneidx, MAX_NR_ZONES);
	/* first request: MAX_NR_ZONES means none, so it is taken as is */
	wakeup_kswapd(ZONE(m, 0, ZONE_NORMAL), GFP_KERNEL, 3, ZONE_DMA32);
	ck_assert_int_eq(pgdat->kswapd_order, 3);
	ck_assert_int_eq(pgdat->kswapd_highest_zoneidx, ZONE_DMA32);
	/* lower order and zone: both kept at their maximum */
	wakeup_kswapd(ZONE(m, 0, ZONE_DMA), GFP_KERNEL, 1, ZONE_DMA);
	ck_assert_int_eq(pgdat->kswapd_order, 3);
	ck_assert_int_eq(pgdat->kswapd_highest_zoneidx, ZONE_DMA32);
	/* higher ones raise them */
	wakeup_kswapd(ZONE(m, 0, ZONE_NORMAL), GFP_KERNEL, 4, ZONE_MOVABLE);
	ck_assert_int_eq(pgdat->kswapd_order, 4);
	ck_assert_int_eq(pgdat->kswapd_highest_zoneidx, ZONE_MOVABLE);
	/* the node is fresh and balanced: nobody was woken */
	ck_assert_uint_eq(rec.n, 0);
	ck_assert_int_eq(pgdat->kswapd_state, KSWAPD_SLEEPING);
	ck_assert_uint_eq(pgdat->kswapd_wakeups, 0);
	assert_consistent(m);
	stop_recording(m);
	machine_destroy(m);
}
END_TEST

START_TEST(allocation_below_low_wakes_a_sleeping_kswapd)
{
	struct machine *m = boot_normal_only();
	pg_data_t *pgdat = m->node_data[0];
	struct alloc_report rep;

	/*
	 * Keep fallback steals from boosting the watermarks (the movable
	 * request below steals a small block): boosts are tested elsewhere.
	 */
	m->watermark_boost_factor = 0;
	record_only(m, &rec, WAKEUP_MASK);
	alloc_until_below_low(m, GFP_KERNEL, &rep);
	/* the slow path woke it: Normal is below high (384), nothing else eligible */
	ck_assert_int_eq(rep.outcome, ALLOC_OK_SLOWPATH);
	ck_assert(rep.woke_kswapd);
	ck_assert_int_eq(pgdat->kswapd_state, KSWAPD_WOKEN);
	ck_assert_uint_eq(pgdat->kswapd_wakeups, 1);
	ck_assert_int_eq(pgdat->kswapd_order, 0);
	ck_assert_int_eq(pgdat->kswapd_highest_zoneidx, ZONE_NORMAL);
	ck_assert_uint_eq(rec.n, 1);
	ck_assert_int_eq(rec.ev[0].id, TRACE_MM_VMSCAN_WAKEUP_KSWAPD);
	ck_assert_int_eq(rec.ev[0].nid, 0);
	ck_assert_int_eq(rec.ev[0].zid, ZONE_NORMAL);
	ck_assert_uint_eq(rec.ev[0].order, 0);
	ck_assert_uint_eq(rec.ev[0].gfp_flags, GFP_KERNEL);
	assert_consistent(m);

	/* already awake: later requests are only recorded */
	ck_assert_int_ge(mmsh_alloc(m, GFP_KERNEL, 0, NUMA_NO_NODE, &rep), 0);
	ck_assert_int_eq(rep.outcome, ALLOC_OK_SLOWPATH);
	ck_assert_int_ge(mmsh_alloc(m, GFP_HIGHUSER_MOVABLE, 0, NUMA_NO_NODE, &rep), 0);
	ck_assert_int_eq(pgdat->kswapd_highest_zoneidx, ZONE_MOVABLE);
	ck_assert_uint_eq(rec.n, 1);
	ck_assert_uint_eq(pgdat->kswapd_wakeups, 1);

	/* asleep again but hopeless: 16 failed runs suppress the wake-up */
	pgdat->kswapd_state = KSWAPD_SLEEPING;
	pgdat->kswapd_failures = MAX_RECLAIM_RETRIES;
	ck_assert_int_ge(mmsh_alloc(m, GFP_KERNEL, 1, NUMA_NO_NODE, &rep), 0);
	ck_assert_int_eq(rep.outcome, ALLOC_OK_SLOWPATH);
	ck_assert_int_eq(pgdat->kswapd_order, 1);        /* still recorded */
	ck_assert_int_eq(pgdat->kswapd_state, KSWAPD_SLEEPING);
	ck_assert_uint_eq(rec.n, 1);

	/* one failure fewer: it wakes again, the event carries this request */
	pgdat->kswapd_failures = MAX_RECLAIM_RETRIES - 1;
	ck_assert_int_ge(mmsh_alloc(m, GFP_KERNEL | GFP__NOWARN, 0, NUMA_NO_NODE, &rep), 0);
	ck_assert_int_eq(pgdat->kswapd_state, KSWAPD_WOKEN);
	ck_assert_uint_eq(pgdat->kswapd_wakeups, 2);
	ck_assert_uint_eq(rec.n, 2);
	ck_assert_uint_eq(rec.ev[1].order, 0);
	ck_assert_uint_eq(rec.ev[1].gfp_flags, GFP_KERNEL | GFP__NOWARN);
	ck_assert_int_eq(pgdat->kswapd_order, 1);        /* the maximum stays */
	assert_consistent(m);
	stop_recording(m);
	machine_destroy(m);
}
END_TEST

START_TEST(higher_order_request_wakes_with_its_order)
{
	struct machine *m = boot_normal_only();
	pg_data_t *pgdat = m->node_data[0];
	struct zone *z = ZONE(m, 0, ZONE_NORMAL);
	struct alloc_report rep;
	int i;

	record_only(m, &rec, WAKEUP_MASK);
	/*
	 * 31 order-9 blocks leave 512 free; an order-2 request checks
	 * 512 - 3 > 320 and passes. Bring it down with order-0 pages until the
	 * order-2 check at low fails (free - 3 <= 320), then ask for order 2.
	 */
	for (i = 0; i < 31; i++)
		ck_assert_int_ge(mmsh_alloc(m, GFP_KERNEL, 9, NUMA_NO_NODE, NULL), 0);
	while (zone_free(z) - 3 > 320)
		ck_assert_int_ge(mmsh_alloc(m, GFP_KERNEL, 0, NUMA_NO_NODE, NULL), 0);
	ck_assert_uint_eq(rec.n, 0);
	ck_assert_int_ge(mmsh_alloc(m, GFP_KERNEL, 2, NUMA_NO_NODE, &rep), 0);
	ck_assert_int_eq(rep.outcome, ALLOC_OK_SLOWPATH);
	ck_assert_uint_eq(rec.n, 1);
	ck_assert_uint_eq(rec.ev[0].order, 2);
	ck_assert_int_eq(pgdat->kswapd_order, 2);
	assert_consistent(m);
	stop_recording(m);
	machine_destroy(m);
}
END_TEST

START_TEST(boosted_node_wakes_even_when_balanced)
{
	struct machine *m = boot_normal_only();
	pg_data_t *pgdat = m->node_data[0];
	struct zone *z = ZONE(m, 0, ZONE_NORMAL);

	record_only(m, &rec, WAKEUP_MASK);
	/* balanced (16384 > 384 + 512) but boosted: wakeup_kswapd wakes */
	ck_assert(boost_watermark(z));
	ck_assert(pgdat_balanced(pgdat, 0, ZONE_NORMAL));
	/*
	 * rmqueue() wakes kswapd after a boosting steal set
	 * ZONE_BOOSTED_WATERMARK: wakeup_kswapd(zone, 0, 0, zone_idx).
	 */
	z->flags |= 1UL << ZONE_BOOSTED_WATERMARK;
	ck_assert_int_ge(mmsh_alloc(m, GFP_KERNEL, 0, NUMA_NO_NODE, NULL), 0);
	ck_assert(!(z->flags & (1UL << ZONE_BOOSTED_WATERMARK)));
	ck_assert_int_eq(pgdat->kswapd_state, KSWAPD_WOKEN);
	ck_assert_uint_eq(rec.n, 1);
	ck_assert_uint_eq(rec.ev[0].gfp_flags, 0);   /* printed as "none" */
	ck_assert_uint_eq(rec.ev[0].order, 0);
	ck_assert_int_eq(rec.ev[0].zid, ZONE_NORMAL);

	/* without the boost a balanced node stays asleep */
	pgdat->kswapd_state = KSWAPD_SLEEPING;
	z->watermark_boost = 0;
	wakeup_kswapd(z, GFP_KERNEL, 0, ZONE_NORMAL);
	ck_assert_int_eq(pgdat->kswapd_state, KSWAPD_SLEEPING);
	ck_assert_uint_eq(rec.n, 1);
	/* the boost alone, requested directly, wakes it */
	ck_assert(boost_watermark(z));
	wakeup_kswapd(z, GFP_KERNEL, 0, ZONE_NORMAL);
	ck_assert_int_eq(pgdat->kswapd_state, KSWAPD_WOKEN);
	ck_assert_uint_eq(rec.n, 2);
	ck_assert_uint_eq(rec.ev[1].gfp_flags, GFP_KERNEL);
	/* ... but not a hopeless node, boost or not */
	pgdat->kswapd_state = KSWAPD_SLEEPING;
	pgdat->kswapd_failures = MAX_RECLAIM_RETRIES;
	wakeup_kswapd(z, GFP_KERNEL, 0, ZONE_NORMAL);
	ck_assert_int_eq(pgdat->kswapd_state, KSWAPD_SLEEPING);
	ck_assert_uint_eq(rec.n, 2);
	assert_consistent(m);
	stop_recording(m);
	machine_destroy(m);
}
END_TEST

START_TEST(wake_all_kswapds_once_per_node)
{
	struct machine *m = boot_preset("numa");
	struct alloc_context ac;

	record_only(m, &rec, WAKEUP_MASK);
	memset(&ac, 0, sizeof(ac));
	ac.zonelist = node_zonelist(m, 0, GFP_KERNEL);
	ac.highest_zoneidx = ZONE_NORMAL;
	/* both nodes balanced: each records the request, none wakes */
	wake_all_kswapds(m, 3, GFP_KERNEL, &ac);
	ck_assert_int_eq(m->node_data[0]->kswapd_order, 3);
	ck_assert_int_eq(m->node_data[1]->kswapd_order, 3);
	ck_assert_int_eq(m->node_data[0]->kswapd_highest_zoneidx, ZONE_NORMAL);
	ck_assert_int_eq(m->node_data[1]->kswapd_highest_zoneidx, ZONE_NORMAL);
	ck_assert_uint_eq(rec.n, 0);

	/*
	 * Boost both Normal zones: each node wakes, once, in zonelist order
	 * (node 0's zones come first in node 0's list).
	 */
	ck_assert(boost_watermark(ZONE(m, 0, ZONE_NORMAL)));
	ck_assert(boost_watermark(ZONE(m, 1, ZONE_NORMAL)));
	wake_all_kswapds(m, 1, GFP_KERNEL, &ac);
	ck_assert_uint_eq(rec.n, 2);
	ck_assert_int_eq(rec.ev[0].nid, 0);
	ck_assert_int_eq(rec.ev[1].nid, 1);
	ck_assert_uint_eq(rec.ev[0].order, 1);
	ck_assert_int_eq(m->node_data[0]->kswapd_state, KSWAPD_WOKEN);
	ck_assert_int_eq(m->node_data[1]->kswapd_state, KSWAPD_WOKEN);
	ck_assert_uint_eq(m->node_data[0]->kswapd_wakeups, 1);
	ck_assert_uint_eq(m->node_data[1]->kswapd_wakeups, 1);
	/* DMA32-only requests see only DMA32 zones, unboosted: no wake-up */
	m->node_data[0]->kswapd_state = KSWAPD_SLEEPING;
	ac.highest_zoneidx = ZONE_DMA32;
	wake_all_kswapds(m, 0, GFP_KERNEL | GFP_DMA32, &ac);
	ck_assert_int_eq(m->node_data[0]->kswapd_state, KSWAPD_SLEEPING);
	ck_assert_uint_eq(rec.n, 2);
	assert_consistent(m);
	stop_recording(m);
	machine_destroy(m);
}
END_TEST

/* ---- balance_pgdat -------------------------------------------------------------- */

/*
 * 64 pinned clean pages and free 60 (below high 96): nothing can be
 * reclaimed. kswapd, woken, runs balance_pgdat() at the next tick: every
 * pass scans 64 >> priority pages (nothing at 12..7, then 1, 2, 4, 8, 16,
 * 32 at priorities 6..1), reclaims nothing, so the priority always drops;
 * the loop ends below priority 1 (kswapd never scans at priority 0), and
 * a run that reclaimed nothing adds one kswapd_failure. The node is not
 * balanced afterwards: kswapd_high_wmark_hit_quickly, and it stays awake.
 * Its events carry comm kswapd0 and pid 97.
 */
START_TEST(balance_pgdat_priorities_12_down_to_1)
{
	struct machine *m = boot_k();
	pg_data_t *pgdat = m->node_data[0];
	struct zone *z = ZONE(m, 0, ZONE_NORMAL);
	int f;
	static const int want_prio[] = { 6, 5, 4, 3, 2, 1 };
	static const unsigned long want_scanned[] = { 1, 2, 4, 8, 16, 32 };
	struct strbuf sb = STRBUF_INIT;

	f = read_new_file(m, "pinned", 64);
	pin_file(m, f, true);
	fill_to(m, 60);
	settle(m);
	record_only(m, &rec, EV(TRACE_MM_VMSCAN_LRU_SHRINK_INACTIVE) | EV(TRACE_MM_VMSCAN_KSWAPD_WAKE));
	wakeup_kswapd(z, GFP_KERNEL, 0, ZONE_NORMAL);
	ck_assert_int_eq(pgdat->kswapd_state, KSWAPD_WOKEN);
	ck_assert_uint_eq(m->vm_events[PAGEOUTRUN], 0);   /* it runs when time passes */
	tick(m, 1);
	ck_assert_uint_eq(m->vm_events[PAGEOUTRUN], 1);
	expect_shrinks(want_prio, want_scanned, 6);
	ck_assert_uint_eq(m->vm_events[PGSCAN_KSWAPD], 63);
	ck_assert_uint_eq(m->vm_events[PGSTEAL_KSWAPD], 0);
	ck_assert_int_eq(pgdat->kswapd_failures, 1);
	ck_assert_uint_eq(m->vm_events[KSWAPD_HIGH_WMARK_HIT_QUICKLY], 1);
	ck_assert_int_eq(pgdat->kswapd_state, KSWAPD_WOKEN);
	expect_line(TRACE_MM_VMSCAN_KSWAPD_WAKE, 0, "mm_vmscan_kswapd_wake: nid=0 order=0");
	ck_assert_str_eq(rec.ev[0].comm, "kswapd0");
	ck_assert_int_eq(rec.ev[0].pid, 97);
	trace_format(&rec.ev[0], &sb);
	ck_assert_msg(strncmp(sb_str(&sb), "         kswapd0-97      [000] ", 31) == 0,
		      "context of \"%s\"", sb_str(&sb));
	sb_free(&sb);
	/* one more jiffy: it runs again at once */
	tick(m, 1);
	ck_assert_uint_eq(m->vm_events[PAGEOUTRUN], 2);
	ck_assert_uint_eq(m->vm_events[KSWAPD_HIGH_WMARK_HIT_QUICKLY], 2);
	ck_assert_int_eq(pgdat->kswapd_failures, 2);
	pin_file(m, f, false);
	assert_consistent(m);
	stop_recording(m);
	machine_destroy(m);
}
END_TEST

/*
 * The same node through kswapd_run() (the `kswapd` command): it runs
 * once per jiffy, failing each time; after the 16th failed run
 * (MAX_RECLAIM_RETRIES) the node is hopeless and prepare_kswapd_sleep()
 * lets kswapd sleep: the HZ/10 nap, then sleep. 16 runs, 15
 * kswapd_high_wmark_hit_quickly, 16 + 25 = 41 jiffies, 16 * 63 pages
 * scanned, none reclaimed. A hopeless node is left alone: wakeup_kswapd()
 * only records the request, and direct reclaimers are never throttled.
 * The first reclaim that frees a page (direct reclaim, once the pages are
 * unpinned) makes the node hopeful again.
 */
START_TEST(sixteen_failed_runs_make_the_node_hopeless)
{
	struct machine *m = boot_k();
	pg_data_t *pgdat = m->node_data[0];
	struct zone *z = ZONE(m, 0, ZONE_NORMAL);
	struct kswapd_report rep;
	int f;

	f = read_new_file(m, "pinned", 64);
	pin_file(m, f, true);
	fill_to(m, 60);
	settle(m);
	record_only(m, &rec, EV(TRACE_MM_VMSCAN_KSWAPD_SLEEP) | EV(TRACE_MM_VMSCAN_WAKEUP_KSWAPD));
	kswapd_run(m, 0, 0, 1000, &rep);
	ck_assert(rep.woken);
	ck_assert(!rep.was_awake);
	ck_assert(!rep.hopeless);
	ck_assert(rep.asleep);
	ck_assert_uint_eq(rep.runs, 16);
	ck_assert_uint_eq(rep.jiffies, 16 + HZ / 10);
	ck_assert_uint_eq(rep.reclaimed, 0);
	ck_assert_uint_eq(rep.scanned, 16 * 63);
	ck_assert_int_eq(pgdat->kswapd_failures, MAX_RECLAIM_RETRIES);
	ck_assert_uint_eq(m->vm_events[PAGEOUTRUN], 16);
	ck_assert_uint_eq(m->vm_events[KSWAPD_HIGH_WMARK_HIT_QUICKLY], 15);
	ck_assert_uint_eq(m->vm_events[KSWAPD_LOW_WMARK_HIT_QUICKLY], 0);
	ck_assert_uint_eq(count_events(&rec, TRACE_MM_VMSCAN_WAKEUP_KSWAPD), 1);
	expect_line(TRACE_MM_VMSCAN_KSWAPD_SLEEP, 0, "mm_vmscan_kswapd_sleep: nid=0");

	/* hopeless: requests are recorded, nobody is woken */
	ck_assert(prepare_kswapd_sleep(pgdat, 0, ZONE_NORMAL));
	ck_assert(allow_direct_reclaim(pgdat));
	wakeup_kswapd(z, GFP_KERNEL, 2, ZONE_NORMAL);
	ck_assert_int_eq(pgdat->kswapd_state, KSWAPD_SLEEPING);
	ck_assert_int_eq(pgdat->kswapd_order, 2);
	ck_assert_uint_eq(count_events(&rec, TRACE_MM_VMSCAN_WAKEUP_KSWAPD), 1);
	kswapd_run(m, 0, 0, 1000, &rep);
	ck_assert(rep.hopeless);
	ck_assert(!rep.woken);
	ck_assert_uint_eq(rep.runs, 0);
	ck_assert_uint_eq(rep.jiffies, 0);

	/* a direct reclaim that frees something resets kswapd_failures */
	pin_file(m, f, false);
	ck_assert_uint_gt(try_to_free_pages(m, node_zonelist(m, 0, GFP_KERNEL), 0, GFP_KERNEL), 0);
	ck_assert_int_eq(pgdat->kswapd_failures, 0);
	/* no longer hopeless: kswapd may sleep only if the node is balanced */
	ck_assert(prepare_kswapd_sleep(pgdat, 0, ZONE_NORMAL) == pgdat_balanced(pgdat, 0, ZONE_NORMAL));
	assert_consistent(m);
	stop_recording(m);
	machine_destroy(m);
}
END_TEST

/*
 * free 90 (below high 96), 512 clean pages. balance_pgdat() reclaims
 * 512 >> 9 = 1 (priority 9; nothing before), 511 >> 8 = 1, 510 >> 7 = 3,
 * 507 >> 6 = 7: free 102 > 96, and the next pass finds the zone balanced
 * and stops: 12 pages. kswapd then naps HZ/10 = 25 jiffies (still
 * NAPPING 24 jiffies later) and, the node still balanced, goes to sleep:
 * mm_vmscan_kswapd_sleep.
 */
START_TEST(stops_at_the_first_balanced_zone_then_naps_and_sleeps)
{
	struct machine *m = boot_k();
	pg_data_t *pgdat = m->node_data[0];
	struct zone *z = ZONE(m, 0, ZONE_NORMAL);
	unsigned long start;
	static const int want_prio[] = { 9, 8, 7, 6 };
	static const unsigned long want_scanned[] = { 1, 1, 3, 7 };

	read_new_file(m, "data", 512);
	fill_to(m, 90);
	settle(m);
	record_only(m, &rec, EV(TRACE_MM_VMSCAN_LRU_SHRINK_INACTIVE) | EV(TRACE_MM_VMSCAN_KSWAPD_WAKE) |
		    EV(TRACE_MM_VMSCAN_KSWAPD_SLEEP));
	wakeup_kswapd(z, GFP_KERNEL, 0, ZONE_NORMAL);
	start = m->jiffies;
	tick(m, 1);
	expect_shrinks(want_prio, want_scanned, 4);
	ck_assert_uint_eq(m->vm_events[PGSTEAL_KSWAPD], 12);
	ck_assert_int_eq(zone_free(z), 102);
	ck_assert_int_eq(pgdat->kswapd_failures, 0);
	ck_assert_int_eq(pgdat->kswapd_state, KSWAPD_NAPPING);
	ck_assert_uint_eq(pgdat->kswapd_nap_until, start + 1 + HZ / 10);
	tick(m, HZ / 10 - 1);
	ck_assert_int_eq(pgdat->kswapd_state, KSWAPD_NAPPING);
	ck_assert_uint_eq(count_events(&rec, TRACE_MM_VMSCAN_KSWAPD_SLEEP), 0);
	tick(m, 1);
	ck_assert_int_eq(pgdat->kswapd_state, KSWAPD_SLEEPING);
	ck_assert_uint_eq(count_events(&rec, TRACE_MM_VMSCAN_KSWAPD_SLEEP), 1);
	ck_assert_uint_eq(m->vm_events[PAGEOUTRUN], 1);
	ck_assert_uint_eq(m->vm_events[KSWAPD_HIGH_WMARK_HIT_QUICKLY], 0);
	ck_assert_uint_eq(m->vm_events[KSWAPD_LOW_WMARK_HIT_QUICKLY], 0);
	/* the wake and sleep events, as ftrace shows them */
	expect_line(TRACE_MM_VMSCAN_KSWAPD_WAKE, 0, "mm_vmscan_kswapd_wake: nid=0 order=0");
	expect_line(TRACE_MM_VMSCAN_KSWAPD_SLEEP, 0, "mm_vmscan_kswapd_sleep: nid=0");
	ck_assert_str_eq(rec.ev[rec.n - 1].comm, "kswapd0");
	ck_assert_int_eq(rec.ev[rec.n - 1].pid, 97);
	assert_consistent(m);
	stop_recording(m);
	machine_destroy(m);
}
END_TEST

/* The same through kswapd_run(): one run, 1 + 25 jiffies, 12 scanned and reclaimed. */
START_TEST(kswapd_run_reports_one_run)
{
	struct machine *m = boot_k();
	struct kswapd_report rep;

	read_new_file(m, "data", 512);
	fill_to(m, 90);
	settle(m);
	kswapd_run(m, 0, 0, 1000, &rep);
	ck_assert(rep.woken);
	ck_assert(!rep.was_awake);
	ck_assert(!rep.hopeless);
	ck_assert(rep.asleep);
	ck_assert_uint_eq(rep.runs, 1);
	ck_assert_uint_eq(rep.jiffies, 1 + HZ / 10);
	ck_assert_uint_eq(rep.reclaimed, 12);
	ck_assert_uint_eq(rep.scanned, 12);
	/* a balanced node: kswapd_run() wakes nobody, and nothing happens */
	kswapd_run(m, 0, 0, 1000, &rep);
	ck_assert(!rep.woken);
	ck_assert(rep.asleep);
	ck_assert_uint_eq(rep.runs, 0);
	ck_assert_uint_eq(rep.jiffies, 0);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * kswapd_step() stops after one balance_pgdat() and the node's kswapd_log
 * tells it pass by pass. Tiny (min 32, low 40, high 48, no swap): 200
 * pages read once (free 56; 200 mod 15 = 5 wait in the lru_add pagevec,
 * so the inactive file list counts 195), then 20 movable allocations (no
 * steal, no boost): the 17th finds free = 40 and wakes kswapd; free 36.
 * No swap: get_scan_count() says SCAN_FILE at every priority. Each pass
 * asks for max(high 48, SWAP_CLUSTER_MAX) = 48 and scans less, so the
 * priority drops each time:
 *   12..8: 195 >> p = 0;
 *   7: 195 >> 7 = 1 (the shrink drains the pagevec: 200), reclaimed (clean,
 *      unmapped, referenced once: RECLAIM_CLEAN), free 37;
 *   6: 199 >> 6 = 3, free 40;  5: 196 >> 5 = 6, free 46;
 *   4: 190 >> 4 = 11, free 57 > 48: balanced at the top of the loop, so
 *      there is no pass at priority 3.
 * Nine passes, 21 pages; kswapd then naps.
 */
START_TEST(kswapd_step_logs_one_balance_pgdat)
{
	static const unsigned long scanned[] = { 0, 0, 0, 0, 0, 1, 3, 6, 11 };
	static const unsigned long free_after[] = { 36, 36, 36, 36, 36, 37, 40, 46, 57 };
	struct machine *m = boot_preset("tiny");
	pg_data_t *pgdat = m->node_data[0];
	const struct balance_log *log = &pgdat->kswapd_log;
	struct kswapd_report rep;
	struct mm_error e;
	int f = file_get(m, "data", &e), i;

	ck_assert_int_eq(file_read(m, f, 0, 200, &e), 200);
	ck_assert_int_eq(pgdat->vm_stat[NR_INACTIVE_FILE], 195);
	for (i = 0; i < 20; i++)
		ck_assert_int_ge(mmsh_alloc(m, GFP_HIGHUSER_MOVABLE, 0, NUMA_NO_NODE, NULL), 0);
	ck_assert_int_eq(pgdat->kswapd_state, KSWAPD_WOKEN);
	ck_assert_int_eq(normal_stat(m, NR_FREE_PAGES), 36);
	kswapd_step(m, 0, 0, 1000, &rep);
	ck_assert(rep.was_awake);
	ck_assert_uint_eq(rep.runs, 1);
	ck_assert_uint_eq(rep.jiffies, 1);
	ck_assert_uint_eq(rep.scanned, 21);
	ck_assert_uint_eq(rep.reclaimed, 21);
	ck_assert_int_eq(pgdat->kswapd_state, KSWAPD_NAPPING);
	ck_assert_int_eq(log->order, 0);
	ck_assert_int_eq(log->highest_zoneidx, ZONE_MOVABLE);   /* GFP_HIGHUSER_MOVABLE */
	ck_assert_uint_eq(log->boost, 0);
	ck_assert_int_eq(log->nr_passes, 9);
	for (i = 0; i < 9; i++) {
		const struct balance_pass *p = &log->pass[i];

		ck_assert_int_eq(p->priority, DEF_PRIORITY - i);
		ck_assert_uint_eq(p->nr_to_reclaim, 48);
		ck_assert_int_eq(p->scan_balance, SCAN_FILE);
		ck_assert_uint_eq(p->scan_nr[LRU_INACTIVE_FILE], scanned[i]);
		ck_assert_uint_eq(p->scan_nr[LRU_INACTIVE_ANON], 0);
		ck_assert_uint_eq(p->nr_scanned, scanned[i]);
		ck_assert_uint_eq(p->nr_reclaimed, scanned[i]);
		ck_assert_uint_eq(p->free_after, free_after[i]);
	}
	ck_assert(log->balanced);
	ck_assert(!log->failed);
	ck_assert_int_eq(log->end_priority, 3);
	/* a second step: kswapd naps HZ/10 and then sleeps; no balance_pgdat */
	kswapd_step(m, 0, 0, 1000, &rep);
	ck_assert(rep.asleep);
	ck_assert_uint_eq(rep.runs, 0);
	ck_assert_uint_eq(rep.jiffies, HZ / 10);
	ck_assert_int_eq(log->nr_passes, 9);   /* the log still tells the last run */
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * Woken while napping (the node fell below high again and someone asked
 * for order 1): kswapd_try_to_sleep()'s schedule_timeout() returns early,
 * kswapd_low_wmark_hit_quickly counts it, and kswapd runs again at the
 * next tick for the new request (mm_vmscan_kswapd_wake order=1).
 */
START_TEST(woken_during_the_nap_counts_low_wmark_hit_quickly)
{
	struct machine *m = boot_k();
	pg_data_t *pgdat = m->node_data[0];
	struct zone *z = ZONE(m, 0, ZONE_NORMAL);

	read_new_file(m, "data", 512);
	fill_to(m, 90);
	settle(m);
	wakeup_kswapd(z, GFP_KERNEL, 0, ZONE_NORMAL);
	tick(m, 1);
	ck_assert_int_eq(pgdat->kswapd_state, KSWAPD_NAPPING);
	tick(m, 10);
	fill_to(m, 90);
	record_only(m, &rec, EV(TRACE_MM_VMSCAN_KSWAPD_WAKE) | EV(TRACE_MM_VMSCAN_WAKEUP_KSWAPD));
	wakeup_kswapd(z, GFP_KERNEL, 1, ZONE_NORMAL);
	ck_assert_int_eq(pgdat->kswapd_state, KSWAPD_WOKEN);
	ck_assert_uint_eq(m->vm_events[KSWAPD_LOW_WMARK_HIT_QUICKLY], 1);
	ck_assert_int_eq(pgdat->kswapd_order, 1);
	expect_line(TRACE_MM_VMSCAN_WAKEUP_KSWAPD, 0,
		    "mm_vmscan_wakeup_kswapd: nid=0 order=1 gfp_flags=GFP_KERNEL");
	tick(m, 1);
	ck_assert_uint_eq(m->vm_events[PAGEOUTRUN], 2);
	expect_line(TRACE_MM_VMSCAN_KSWAPD_WAKE, 0, "mm_vmscan_kswapd_wake: nid=0 order=1");
	ck_assert_uint_eq(m->vm_events[KSWAPD_HIGH_WMARK_HIT_QUICKLY], 0);
	assert_consistent(m);
	stop_recording(m);
	machine_destroy(m);
}
END_TEST

/*
 * The nap runs its full length but the node is no longer balanced
 * (pages were taken meanwhile by requests that do not wake kswapd):
 * kswapd_high_wmark_hit_quickly, and kswapd runs again in the same
 * jiffy, without sleeping.
 */
START_TEST(nap_ends_unbalanced_and_kswapd_runs_again_at_once)
{
	struct machine *m = boot_k();
	pg_data_t *pgdat = m->node_data[0];
	struct zone *z = ZONE(m, 0, ZONE_NORMAL);
	unsigned long start;

	read_new_file(m, "data", 512);
	fill_to(m, 90);
	settle(m);
	record_only(m, &rec, EV(TRACE_MM_VMSCAN_KSWAPD_SLEEP));
	wakeup_kswapd(z, GFP_KERNEL, 0, ZONE_NORMAL);
	start = m->jiffies;
	tick(m, 1);
	fill_to(m, 90);
	ck_assert_int_eq(pgdat->kswapd_state, KSWAPD_NAPPING);
	tick(m, HZ / 10);
	ck_assert_uint_eq(m->jiffies, start + 1 + HZ / 10);
	ck_assert_uint_eq(m->vm_events[KSWAPD_HIGH_WMARK_HIT_QUICKLY], 1);
	ck_assert_uint_eq(m->vm_events[PAGEOUTRUN], 2);
	ck_assert_uint_eq(count_events(&rec, TRACE_MM_VMSCAN_KSWAPD_SLEEP), 0);
	ck_assert_int_ne(pgdat->kswapd_state, KSWAPD_SLEEPING);
	assert_consistent(m);
	stop_recording(m);
	machine_destroy(m);
}
END_TEST

/*
 * raise_priority: a pass that scanned fewer pages than nr_to_reclaim (96)
 * lowers the priority even when it freed pages; one that scanned enough
 * and freed something keeps it. 212 pinned pages (read first, so at the
 * tail of the inactive list) and 8 clean ones, free 60. Priorities 7..2
 * scan 220 >> p = 1, 3, 6, 13, 27, 55 pinned pages (kept, put back at the
 * head). At priority 1, 110 pages: the other 107 pinned and 3 clean (3
 * freed, 110 >= 96: priority kept); again 217 >> 1 = 108: the last 5
 * clean and 103 pinned (kept); then 212 >> 1 = 106 pinned, nothing freed:
 * priority 0 ends the loop. The node (free 68) stays unbalanced; 8 pages
 * were freed, so no kswapd_failure.
 */
START_TEST(priority_kept_when_a_pass_scans_nr_to_reclaim)
{
	struct machine *m = boot_k();
	pg_data_t *pgdat = m->node_data[0];
	struct zone *z = ZONE(m, 0, ZONE_NORMAL);
	int pinned;
	static const int want_prio[] = { 7, 6, 5, 4, 3, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 };
	static const unsigned long want_scanned[] = { 1, 3, 6, 13, 27, 32, 23,
						      32, 32, 32, 14, 32, 32, 32, 12, 32, 32, 32, 10 };

	pinned = read_new_file(m, "pinned", 212);
	pin_file(m, pinned, true);
	read_new_file(m, "clean", 8);
	fill_to(m, 60);
	settle(m);
	record_only(m, &rec, EV(TRACE_MM_VMSCAN_LRU_SHRINK_INACTIVE));
	wakeup_kswapd(z, GFP_KERNEL, 0, ZONE_NORMAL);
	tick(m, 1);
	expect_shrinks(want_prio, want_scanned, sizeof(want_prio) / sizeof(want_prio[0]));
	ck_assert_uint_eq(m->vm_events[PGSTEAL_KSWAPD], 8);
	ck_assert_int_eq(zone_free(z), 68);
	ck_assert_int_eq(pgdat->kswapd_failures, 0);
	pin_file(m, pinned, false);
	assert_consistent(m);
	stop_recording(m);
	machine_destroy(m);
}
END_TEST

/*
 * kswapd_shrink_node() asks for the sum over the eligible zones of
 * max(high, SWAP_CLUSTER_MAX). Node: DMA 256 + Normal 1024 pages.
 * min_free_kbytes = int_sqrt(1280 * 4 * 16) = 286 kB = 71 pages: DMA min
 * 71 * 256 / 1280 = 14, low 14 + max(3, 0) = 17, high 20; Normal min
 * 71 * 1024 / 1280 = 56, low 70, high 84; DMA's protection for Normal
 * requests 1024 / 256 = 4. nr_to_reclaim = max(20, 32) + 84 = 116 (not
 * 20 + 84 = 104). DMA is full (free 0 <= 20 + 4), Normal has 60 free and
 * the same 212 pinned + 8 clean pages as above: the first pass at
 * priority 1 scans 110 pages, which is fewer than 116, so the priority
 * drops to 0 and the run ends after that one pass (3 pages freed).
 */
START_TEST(nr_to_reclaim_sums_max_of_high_and_swap_cluster_max)
{
	struct machine *m = boot_shape(256, 0, 1024, 0, 7, 5, 1);
	struct zone *dma = ZONE(m, 0, ZONE_DMA), *z = ZONE(m, 0, ZONE_NORMAL);
	int pinned;
	static const int want_prio[] = { 7, 6, 5, 4, 3, 2, 2, 1, 1, 1, 1 };
	static const unsigned long want_scanned[] = { 1, 3, 6, 13, 27, 32, 23, 32, 32, 32, 14 };

	m->watermark_boost_factor = 0;
	ck_assert_uint_eq(min_wmark_pages(dma), 14);
	ck_assert_uint_eq(high_wmark_pages(dma), 20);
	ck_assert_uint_eq(min_wmark_pages(z), 56);
	ck_assert_uint_eq(low_wmark_pages(z), 70);
	ck_assert_uint_eq(high_wmark_pages(z), 84);
	ck_assert_int_eq(dma->lowmem_reserve[ZONE_NORMAL], 4);
	pinned = read_new_file(m, "pinned", 212);
	pin_file(m, pinned, true);
	read_new_file(m, "clean", 8);
	zone_fill_to(m, dma, GFP_DMA | GFP__MEMALLOC, 0);
	zone_fill_to(m, z, FILL_GFP, 60);
	ck_assert_int_eq(zone_free(dma), 0);
	settle(m);
	record_only(m, &rec, EV(TRACE_MM_VMSCAN_LRU_SHRINK_INACTIVE));
	wakeup_kswapd(z, GFP_KERNEL, 0, ZONE_NORMAL);
	tick(m, 1);
	expect_shrinks(want_prio, want_scanned, sizeof(want_prio) / sizeof(want_prio[0]));
	ck_assert_uint_eq(m->vm_events[PGSTEAL_KSWAPD], 3);
	pin_file(m, pinned, false);
	assert_consistent(m);
	stop_recording(m);
	machine_destroy(m);
}
END_TEST

/*
 * A high-order kswapd run whose node cannot be balanced at that order
 * (300 clean pages interleaved with held ones on pfns 0..599, 200 order-0
 * holes above: free 200 > high, but no free block of order 1 or more, and
 * reclaim only makes more order-0 holes) falls back to order 0 once it has
 * reclaimed compact_gap(3) = 16 pages: 300 >> 8 = 1, 299 >> 7 = 2,
 * 297 >> 6 = 4, 293 >> 5 = 9. At order 0 the node is balanced:
 * balance_pgdat() returns 0, kswapd naps for order 0 (reclaim_order 0)
 * and wakes kcompactd for the order it was asked for (3).
 */
START_TEST(high_order_falls_back_to_order_0_after_compact_gap)
{
	struct machine *m = boot_k();
	pg_data_t *pgdat = m->node_data[0];
	struct zone *z = ZONE(m, 0, ZONE_NORMAL);
	struct mm_error e;
	int f;
	unsigned long i;
	static const int want_prio[] = { 8, 7, 6, 5 };
	static const unsigned long want_scanned[] = { 1, 2, 4, 9 };

	f = file_get(m, "data", &e);
	ck_assert_int_ge(f, 0);
	for (i = 0; i < 300; i++) {
		ck_assert_int_eq(file_read(m, f, i, 1, &e), 1);
		ck_assert_int_eq(held(m, FILL_GFP, 0), (long)(2 * i + 1));
	}
	lru_add_drain_all(m);
	fill_to(m, 0);
	for (i = 0; i < 200; i++)
		ck_assert_int_eq(mmsh_free(m, 601 + 2 * i, 0, &e), 0);
	ck_assert_int_eq(zone_free(z), 200);
	ck_assert(pgdat_balanced(pgdat, 0, ZONE_NORMAL));
	ck_assert(!pgdat_balanced(pgdat, 3, ZONE_NORMAL));
	settle(m);
	record_only(m, &rec, EV(TRACE_MM_VMSCAN_LRU_SHRINK_INACTIVE) | EV(TRACE_MM_VMSCAN_KSWAPD_WAKE) |
		    EV(TRACE_MM_COMPACTION_WAKEUP_KCOMPACTD));
	wakeup_kswapd(z, GFP_KERNEL, 3, ZONE_NORMAL);
	ck_assert_int_eq(pgdat->kswapd_state, KSWAPD_WOKEN);
	tick(m, 1);
	expect_line(TRACE_MM_VMSCAN_KSWAPD_WAKE, 0, "mm_vmscan_kswapd_wake: nid=0 order=3");
	expect_shrinks(want_prio, want_scanned, 4);
	ck_assert_uint_eq(m->vm_events[PGSTEAL_KSWAPD], 16);
	ck_assert_int_eq(pgdat->kswapd_alloc_order, 3);
	ck_assert_int_eq(pgdat->kswapd_reclaim_order, 0);
	ck_assert_int_eq(pgdat->kswapd_state, KSWAPD_NAPPING);
	/* (kcompactd then ran in the same jiffy) */
	expect_line(TRACE_MM_COMPACTION_WAKEUP_KCOMPACTD, 0,
		    "mm_compaction_wakeup_kcompactd: nid=0 order=3 classzone_idx=Normal  ");
	assert_consistent(m);
	stop_recording(m);
	machine_destroy(m);
}
END_TEST

/*
 * Boosted reclaim. Machine: Normal 16384 pages (min 256, low 320, high
 * 384), 4096 swap slots, default boost factor. A task with 1024
 * anonymous pages, 4096 clean page cache pages, everything else held
 * except 2048 single-page holes (no free block of a pageblock). An
 * unmovable allocation then has to steal a small movable block: a
 * fragmenting fallback, which boosts the watermarks by a pageblock (512;
 * the cap is max(384 * 15000 / 10000, 512) = 576) and wakes kswapd from
 * rmqueue (gfp none). The node is balanced even with the boost (free
 * 2044 > 384 + 512), so balance_pgdat() reclaims only the boost: no
 * swapping (may_swap 0: file pages only, the anonymous task untouched),
 * no writeback, and the priority stops falling at DEF_PRIORITY - 2 (10):
 * 4096 >> 12 = 1, 4095 >> 11 = 1, then 170 passes of 4094.. >> 10 = 3 at
 * priority 10: 512 pages exactly. The boost is then dropped and kcompactd
 * is woken for pageblock_order (9).
 */
START_TEST(boosted_reclaim_reclaims_the_boost_gently)
{
	struct machine *m = boot_swap(16384, 4096, 1);
	pg_data_t *pgdat = m->node_data[0];
	struct zone *z = ZONE(m, 0, ZONE_NORMAL);
	struct mm_error e;
	struct task *t;
	int prio[256];
	unsigned long scanned[256], pfn, holes = 0;
	size_t i, n;

	ck_assert_uint_eq(high_wmark_pages(z), 384);
	t = task_new(m, "anon", 0, &e);
	ck_assert_ptr_nonnull(t);
	ck_assert_int_eq(fault_anon(m, t, 1024, &e), 1024);
	read_new_file(m, "data", 4096);
	fill_to(m, 0);
	for (pfn = 16383; holes < 2048; pfn -= 2) {
		if (!mmsh_is_held_head(m, pfn))
			continue;
		ck_assert_int_eq(mmsh_free(m, pfn, 0, &e), 0);
		holes++;
	}
	drain_all_pages(m, NULL);
	ck_assert_int_eq(zone_free(z), 2048);
	for (i = 9; i < 11; i++)
		ck_assert_uint_eq(z->free_area[i].nr_free, 0);
	settle(m);
	record_only(m, &rec, EV(TRACE_MM_VMSCAN_WAKEUP_KSWAPD) | EV(TRACE_MM_VMSCAN_LRU_SHRINK_INACTIVE) |
		    EV(TRACE_MM_VMSCAN_WRITEPAGE) | EV(TRACE_MM_COMPACTION_WAKEUP_KCOMPACTD));
	ck_assert_int_ge(mmsh_alloc(m, GFP_KERNEL, 0, NUMA_NO_NODE, NULL), 0);
	ck_assert_uint_eq(z->watermark_boost, 512);
	ck_assert_int_eq(pgdat->kswapd_state, KSWAPD_WOKEN);
	expect_line(TRACE_MM_VMSCAN_WAKEUP_KSWAPD, 0,
		    "mm_vmscan_wakeup_kswapd: nid=0 order=0 gfp_flags=none");
	ck_assert(pgdat_balanced(pgdat, 0, ZONE_NORMAL));
	tick(m, 1);
	n = shrink_priorities(prio, scanned, 256);
	ck_assert_uint_eq(n, 172);
	ck_assert_int_eq(prio[0], 12);
	ck_assert_int_eq(prio[1], 11);
	for (i = 2; i < n; i++) {
		ck_assert_int_eq(prio[i], DEF_PRIORITY - 2);
		ck_assert_uint_eq(scanned[i], 3);
	}
	ck_assert_uint_eq(m->vm_events[PGSTEAL_KSWAPD], 512);
	ck_assert_uint_eq(m->vm_events[PGSCAN_ANON], 0);
	ck_assert_uint_eq(t->rss_anon, 1024);
	ck_assert_uint_eq(m->swap.inuse, 0);
	ck_assert_uint_eq(count_events(&rec, TRACE_MM_VMSCAN_WRITEPAGE), 0);
	ck_assert_uint_eq(z->watermark_boost, 0);
	expect_line(TRACE_MM_COMPACTION_WAKEUP_KCOMPACTD, 0,
		    "mm_compaction_wakeup_kcompactd: nid=0 order=9 classzone_idx=Normal  ");
	ck_assert_int_eq(pgdat->kswapd_failures, 0);
	assert_consistent(m);
	stop_recording(m);
	machine_destroy(m);
}
END_TEST

/*
 * A request made while kswapd is awake (woken, not yet run) is only
 * recorded; the run reads and resets it: mm_vmscan_kswapd_wake shows
 * order 2, and kswapd_order / kswapd_highest_zoneidx go back to 0 /
 * MAX_NR_ZONES. At order 2 the node (free 90, the free pages at the top
 * in blocks up to order 6) needs free - 3 > 96: the same 12 pages as for
 * order 0 (102 - 3 = 99), after which, having reclaimed compact_gap(2) =
 * 8 pages, kswapd balances at order 0 and naps for order 0 (kcompactd is
 * asked for order 2).
 */
START_TEST(request_made_while_awake_is_read_by_the_run)
{
	struct machine *m = boot_k();
	pg_data_t *pgdat = m->node_data[0];
	struct zone *z = ZONE(m, 0, ZONE_NORMAL);

	read_new_file(m, "data", 512);
	fill_to(m, 90);
	settle(m);
	record_only(m, &rec, EV(TRACE_MM_VMSCAN_KSWAPD_WAKE) | EV(TRACE_MM_VMSCAN_WAKEUP_KSWAPD));
	wakeup_kswapd(z, GFP_KERNEL, 0, ZONE_NORMAL);
	wakeup_kswapd(z, GFP_KERNEL, 2, ZONE_NORMAL);
	ck_assert_uint_eq(count_events(&rec, TRACE_MM_VMSCAN_WAKEUP_KSWAPD), 1);
	ck_assert_int_eq(pgdat->kswapd_order, 2);
	tick(m, 1);
	expect_line(TRACE_MM_VMSCAN_KSWAPD_WAKE, 0, "mm_vmscan_kswapd_wake: nid=0 order=2");
	ck_assert_uint_eq(m->vm_events[PGSTEAL_KSWAPD], 12);
	ck_assert_int_eq(pgdat->kswapd_order, 0);
	ck_assert_int_eq(pgdat->kswapd_highest_zoneidx, MAX_NR_ZONES);
	ck_assert_int_eq(pgdat->kswapd_alloc_order, 2);
	ck_assert_int_eq(pgdat->kswapd_reclaim_order, 0);
	ck_assert_int_eq(pgdat->kswapd_state, KSWAPD_NAPPING);
	assert_consistent(m);
	stop_recording(m);
	machine_destroy(m);
}
END_TEST

/*
 * A run on a node that is already balanced leaves balance_pgdat() at
 * once (goto out): pageoutrun counts it, nothing is scanned, and it is not
 * a failure although it reclaimed nothing (only a run that went through
 * the priority loop counts kswapd_failures).
 */
START_TEST(balanced_run_is_no_failure)
{
	struct machine *m = boot_k();
	pg_data_t *pgdat = m->node_data[0];

	settle(m);
	kswapd_wake_up(pgdat);
	tick(m, 1);
	ck_assert_uint_eq(m->vm_events[PAGEOUTRUN], 1);
	ck_assert_uint_eq(m->vm_events[PGSCAN_KSWAPD], 0);
	ck_assert_int_eq(pgdat->kswapd_failures, 0);
	ck_assert_int_eq(pgdat->kswapd_state, KSWAPD_NAPPING);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * A boost on a node that is short of memory anyway: pgdat_balanced()
 * (with the boosted high mark, 96 + 32 = 128) fails, so balance_pgdat()
 * drops boost mode and restarts as ordinary reclaim, down to whatever
 * priority it takes: free 90, 512 clean pages: 1, 1, 3, 7, 15 (priority
 * 5; free 117) and 485 >> 4 = 30 (priority 4; free 147 > 128). The boost
 * (32: machine K's cap is max(96 * 1.5, 32) = 144) is dropped at the end
 * all the same.
 */
START_TEST(boost_on_an_unbalanced_node_is_ordinary_reclaim)
{
	struct machine *m = boot_k();
	pg_data_t *pgdat = m->node_data[0];
	struct zone *z = ZONE(m, 0, ZONE_NORMAL);
	static const int want_prio[] = { 9, 8, 7, 6, 5, 4 };
	static const unsigned long want_scanned[] = { 1, 1, 3, 7, 15, 30 };

	read_new_file(m, "data", 512);
	fill_to(m, 90);
	m->watermark_boost_factor = 15000;
	ck_assert(boost_watermark(z));
	ck_assert_uint_eq(z->watermark_boost, 32);
	ck_assert_uint_eq(high_wmark_pages(z), 128);
	settle(m);
	record_only(m, &rec, EV(TRACE_MM_VMSCAN_LRU_SHRINK_INACTIVE));
	wakeup_kswapd(z, GFP_KERNEL, 0, ZONE_NORMAL);
	tick(m, 1);
	expect_shrinks(want_prio, want_scanned, 6);
	ck_assert_uint_eq(m->vm_events[PGSTEAL_KSWAPD], 57);
	ck_assert_int_eq(zone_free(z), 147);
	ck_assert_uint_eq(z->watermark_boost, 0);
	ck_assert_int_eq(pgdat->kswapd_state, KSWAPD_NAPPING);
	assert_consistent(m);
	stop_recording(m);
	machine_destroy(m);
}
END_TEST

/* kswapd_run() gives up waiting after max_jiffies: 5 failing runs, still awake. */
START_TEST(kswapd_run_stops_after_max_jiffies)
{
	struct machine *m = boot_k();
	pg_data_t *pgdat = m->node_data[0];
	struct kswapd_report rep;
	int f;

	f = read_new_file(m, "pinned", 64);
	pin_file(m, f, true);
	fill_to(m, 60);
	settle(m);
	kswapd_run(m, 0, 0, 5, &rep);
	ck_assert(rep.woken);
	ck_assert(!rep.asleep);
	ck_assert_uint_eq(rep.runs, 5);
	ck_assert_uint_eq(rep.jiffies, 5);
	ck_assert_uint_eq(rep.scanned, 5 * 63);
	ck_assert_uint_eq(rep.reclaimed, 0);
	ck_assert_int_eq(pgdat->kswapd_failures, 5);
	/* called again while kswapd is awake */
	kswapd_run(m, 0, 0, 1, &rep);
	ck_assert(rep.was_awake);
	ck_assert_uint_eq(rep.runs, 1);
	pin_file(m, f, false);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/* ---- vmstat thresholds and allow_direct_reclaim ------------------------------------ */

/*
 * Node: DMA32 16384 + Normal 1024 pages, 4 CPUs. min_free_kbytes =
 * int_sqrt(17408 * 4 * 16) = 1055 kB = 263 pages: DMA32 min 247, low
 * 247 + max(61, 16) = 308; Normal min 15, low 15 + max(3, 1) = 18, high 21.
 * Normal threshold 2 * fls(4) * (1 + fls(0)) = 6 for both zones; the
 * possible drift 4 * 6 = 24 exceeds Normal's low - min (3) but not
 * DMA32's (61): only Normal has a percpu_drift_mark (21 + 24 = 45). While
 * kswapd is awake that zone's threshold is calculate_pressure_threshold()
 * = max(1, (18 - 15) / 4) = 1; DMA32 keeps 6; back to 6 when it sleeps.
 */
START_TEST(pressure_thresholds_only_for_zones_with_a_drift_mark)
{
	struct machine *m = boot_shape(0, 16384, 1024, 0, 11, 9, 4);
	pg_data_t *pgdat = m->node_data[0];
	struct zone *d32 = ZONE(m, 0, ZONE_DMA32), *z = ZONE(m, 0, ZONE_NORMAL);
	int cpu;

	ck_assert_uint_eq(min_wmark_pages(d32), 247);
	ck_assert_uint_eq(low_wmark_pages(d32), 308);
	ck_assert_uint_eq(min_wmark_pages(z), 15);
	ck_assert_uint_eq(low_wmark_pages(z), 18);
	ck_assert_uint_eq(high_wmark_pages(z), 21);
	ck_assert_uint_eq(d32->percpu_drift_mark, 0);
	ck_assert_uint_eq(z->percpu_drift_mark, 45);
	ck_assert_int_eq(calculate_pressure_threshold(z), 1);
	for (cpu = 0; cpu < 4; cpu++) {
		ck_assert_int_eq(d32->pageset[cpu].stat_threshold, 6);
		ck_assert_int_eq(z->pageset[cpu].stat_threshold, 6);
	}
	settle(m);
	kswapd_wake_up(pgdat);
	ck_assert_int_eq(pgdat->kswapd_state, KSWAPD_WOKEN);
	for (cpu = 0; cpu < 4; cpu++) {
		ck_assert_int_eq(z->pageset[cpu].stat_threshold, 1);
		ck_assert_int_eq(d32->pageset[cpu].stat_threshold, 6);
	}
	/* a balanced node: one run without reclaim, the nap, then sleep */
	tick(m, 1 + HZ / 10);
	ck_assert_int_eq(pgdat->kswapd_state, KSWAPD_SLEEPING);
	ck_assert_uint_eq(m->vm_events[PAGEOUTRUN], 1);
	ck_assert_uint_eq(m->vm_events[PGSCAN_KSWAPD], 0);
	for (cpu = 0; cpu < 4; cpu++) {
		ck_assert_int_eq(z->pageset[cpu].stat_threshold, 6);
		ck_assert_int_eq(d32->pageset[cpu].stat_threshold, 6);
	}
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * allow_direct_reclaim(): over the zones up to Normal that have
 * reclaimable pages, free must exceed half the sum of their min marks
 * (64 / 2 = 32). At 32 direct reclaim is throttled and kswapd is woken,
 * its zone index capped at Normal; at 33 it is allowed. A node with
 * nothing reclaimable, or a hopeless one, never throttles.
 */
START_TEST(allow_direct_reclaim_half_the_min_marks)
{
	struct machine *m = boot_k();
	pg_data_t *pgdat = m->node_data[0];

	ck_assert(allow_direct_reclaim(pgdat));    /* nothing reclaimable yet */
	read_new_file(m, "data", 100);
	fill_to(m, 33);
	ck_assert(allow_direct_reclaim(pgdat));
	ck_assert_int_eq(pgdat->kswapd_state, KSWAPD_SLEEPING);
	fill_to(m, 32);
	pgdat->kswapd_highest_zoneidx = MAX_NR_ZONES;
	ck_assert(!allow_direct_reclaim(pgdat));
	ck_assert_int_eq(pgdat->kswapd_state, KSWAPD_WOKEN);
	ck_assert_int_eq(pgdat->kswapd_highest_zoneidx, ZONE_NORMAL);
	pgdat->kswapd_failures = MAX_RECLAIM_RETRIES;
	ck_assert(allow_direct_reclaim(pgdat));
	pgdat->kswapd_failures = 0;
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

static Suite *kswapd_suite(void)
{
	Suite *s = suite_create("kswapd");
	TCase *bal = tcase_create("balanced");
	TCase *wake = tcase_create("wakeup");
	TCase *run = tcase_create("run");

	tcase_set_timeout(bal, 60);
	tcase_add_test(bal, one_balanced_zone_is_enough);
	tcase_add_test(bal, balanced_when_no_zone_is_eligible);
	tcase_add_test(bal, balanced_uses_the_boosted_high_mark);
	tcase_add_test(bal, boosted_looks_at_zones_up_to_highest_zoneidx);
	suite_add_tcase(s, bal);

	tcase_set_timeout(wake, 60);
	tcase_add_test(wake, requests_are_recorded_without_waking);
	tcase_add_test(wake, allocation_below_low_wakes_a_sleeping_kswapd);
	tcase_add_test(wake, higher_order_request_wakes_with_its_order);
	tcase_add_test(wake, boosted_node_wakes_even_when_balanced);
	tcase_add_test(wake, wake_all_kswapds_once_per_node);
	suite_add_tcase(s, wake);

	tcase_set_timeout(run, 120);
	tcase_add_test(run, balance_pgdat_priorities_12_down_to_1);
	tcase_add_test(run, sixteen_failed_runs_make_the_node_hopeless);
	tcase_add_test(run, stops_at_the_first_balanced_zone_then_naps_and_sleeps);
	tcase_add_test(run, kswapd_run_reports_one_run);
	tcase_add_test(run, kswapd_step_logs_one_balance_pgdat);
	tcase_add_test(run, woken_during_the_nap_counts_low_wmark_hit_quickly);
	tcase_add_test(run, nap_ends_unbalanced_and_kswapd_runs_again_at_once);
	tcase_add_test(run, priority_kept_when_a_pass_scans_nr_to_reclaim);
	tcase_add_test(run, nr_to_reclaim_sums_max_of_high_and_swap_cluster_max);
	tcase_add_test(run, high_order_falls_back_to_order_0_after_compact_gap);
	tcase_add_test(run, boosted_reclaim_reclaims_the_boost_gently);
	tcase_add_test(run, pressure_thresholds_only_for_zones_with_a_drift_mark);
	tcase_add_test(run, allow_direct_reclaim_half_the_min_marks);
	tcase_add_test(run, request_made_while_awake_is_read_by_the_run);
	tcase_add_test(run, balanced_run_is_no_failure);
	tcase_add_test(run, boost_on_an_unbalanced_node_is_ordinary_reclaim);
	tcase_add_test(run, kswapd_run_stops_after_max_jiffies);
	suite_add_tcase(s, run);
	return s;
}

int main(void)
{
	return run_suite(kswapd_suite());
}
