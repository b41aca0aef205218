/*
 * tests/unit/test_kswapd.c: waking kswapd (section 9.1 of the semantics
 * reference): pgdat_balanced() bottom-up with the high mark, and true
 * when no zone is eligible; pgdat_watermark_boosted(); wakeup_kswapd()
 * recording kswapd_order and kswapd_highest_zoneidx even when it does not
 * wake, waking only a sleeping kswapd of an unbalanced (or boosted) node,
 * the mm_vmscan_wakeup_kswapd event, and hopeless nodes
 * (kswapd_failures >= MAX_RECLAIM_RETRIES) left alone.
 */
#include <string.h>

#include "helpers.h"
#include "mmsh/kswapd.h"
#include "mmsh/page_alloc.h"
#include "mmsh/trace.h"
#include "mmsh/watermark.h"

static struct recorder rec;

static void record_only(struct machine *m, uint64_t mask)
{
	record_events(m, &rec);
	trace_subscribe(m, mask, m->trace_cb, m->trace_arg);
}

#define WAKEUP_MASK (1U << TRACE_MM_VMSCAN_WAKEUP_KSWAPD)

static long nr_free(const struct zone *z)
{
	return zone_page_state(z, NR_FREE_PAGES);
}

/*
 * A node with only a Normal zone of 16384 pages (64 MiB): min_free_kbytes
 * int_sqrt(65536 * 16) = 1024 kB = 256 pages; min 256, step max(64, 16):
 * low 320, high 384. pcp 18/3.
 */
static struct machine *boot_normal_only(void)
{
	struct machine *m = boot_shape(0, 0, 16384, 0, 11, 9, 1);
	struct zone *z = ZONE(m, 0, ZONE_NORMAL);

	ck_assert_uint_eq(min_wmark_pages(z), 256);
	ck_assert_uint_eq(low_wmark_pages(z), 320);
	ck_assert_uint_eq(high_wmark_pages(z), 384);
	return m;
}

/* Allocate (order 9, then order 0) until an allocation needs the slow path. */
static void alloc_until_below_low(struct machine *m, gfp_t gfp,
				  struct alloc_report *rep)
{
	struct zone *z = ZONE(m, 0, ZONE_NORMAL);
	int i;

	while (nr_free(z) > 2048)
		ck_assert_int_ge(mmsh_alloc(m, gfp, 9, NUMA_NO_NODE, rep), 0);
	for (i = 0; i < 4096; i++) {
		long before = nr_free(z);

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

	record_only(m, WAKEUP_MASK);
	/*
	 * GFP_KERNEL uses Normal first (low 600). Order 9 while plenty is
	 * left, then order 0 until the first page comes from DMA.
	 */
	while (nr_free(normal) > 2048)
		ck_assert_int_ge(mmsh_alloc(m, GFP_KERNEL, 9, NUMA_NO_NODE, NULL), 4096);
	for (i = 0; i < 4096; i++) {
		pfn = mmsh_alloc(m, GFP_KERNEL, 0, NUMA_NO_NODE, NULL);
		ck_assert_int_ge(pfn, 0);
		if (pfn < 4096)
			break;
	}
	ck_assert_int_lt(pfn, 4096);
	/* Normal is below its low mark; DMA gave one page and is nearly full */
	ck_assert_int_le(nr_free(normal), 600);
	ck_assert_int_eq(nr_free(dma), 4095);
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
	ck_assert_int_le(nr_free(dma), 288);
	ck_assert(!pgdat_balanced(pgdat, 0, ZONE_NORMAL));
	ck_assert_uint_eq(rec.n, 1);
	ck_assert_int_eq(rec.ev[0].id, TRACE_MM_VMSCAN_WAKEUP_KSWAPD);
	ck_assert_int_eq(rec.ev[0].nid, 0);
	ck_assert_uint_eq(rec.ev[0].order, 0);
	ck_assert_uint_eq(rec.ev[0].gfp_flags, GFP_KERNEL);
	/* the DMA zone alone (highest_zoneidx DMA, no protection) is still fine */
	ck_assert(pgdat_balanced(pgdat, 0, ZONE_DMA));
	assert_consistent(m);
	trace_subscribe(m, 0, NULL, NULL);
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
	ck_assert_int_eq(nr_free(z), 512);
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

	record_only(m, WAKEUP_MASK);
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
	trace_subscribe(m, 0, NULL, NULL);
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
	record_only(m, WAKEUP_MASK);
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
	trace_subscribe(m, 0, NULL, NULL);
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

	record_only(m, WAKEUP_MASK);
	/*
	 * 31 order-9 blocks leave 512 free; an order-2 request checks
	 * 512 - 3 > 320 and passes. Bring it down with order-0 pages until the
	 * order-2 check at low fails (free - 3 <= 320), then ask for order 2.
	 */
	for (i = 0; i < 31; i++)
		ck_assert_int_ge(mmsh_alloc(m, GFP_KERNEL, 9, NUMA_NO_NODE, NULL), 0);
	while (nr_free(z) - 3 > 320)
		ck_assert_int_ge(mmsh_alloc(m, GFP_KERNEL, 0, NUMA_NO_NODE, NULL), 0);
	ck_assert_uint_eq(rec.n, 0);
	ck_assert_int_ge(mmsh_alloc(m, GFP_KERNEL, 2, NUMA_NO_NODE, &rep), 0);
	ck_assert_int_eq(rep.outcome, ALLOC_OK_SLOWPATH);
	ck_assert_uint_eq(rec.n, 1);
	ck_assert_uint_eq(rec.ev[0].order, 2);
	ck_assert_int_eq(pgdat->kswapd_order, 2);
	assert_consistent(m);
	trace_subscribe(m, 0, NULL, NULL);
	machine_destroy(m);
}
END_TEST

START_TEST(boosted_node_wakes_even_when_balanced)
{
	struct machine *m = boot_normal_only();
	pg_data_t *pgdat = m->node_data[0];
	struct zone *z = ZONE(m, 0, ZONE_NORMAL);

	record_only(m, WAKEUP_MASK);
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
	trace_subscribe(m, 0, NULL, NULL);
	machine_destroy(m);
}
END_TEST

START_TEST(wake_all_kswapds_once_per_node)
{
	struct machine *m = boot_preset("numa");
	struct alloc_context ac;

	record_only(m, WAKEUP_MASK);
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
	trace_subscribe(m, 0, NULL, NULL);
	machine_destroy(m);
}
END_TEST

static Suite *kswapd_suite(void)
{
	Suite *s = suite_create("kswapd");
	TCase *bal = tcase_create("balanced");
	TCase *wake = tcase_create("wakeup");

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
	return s;
}

int main(void)
{
	return run_suite(kswapd_suite());
}
