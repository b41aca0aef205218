/*
 * tests/unit/test_pcp.c: the per-CPU page lists of Linux 5.10 (section 6
 * of the semantics reference): zone_batchsize() and the pcp high/batch it
 * implies, percpu_pagelist_fraction sizing, rmqueue_bulk() refills,
 * free_unref_page_commit(), free_pcppages_bulk()'s round robin and the
 * drains. Expected values are worked out from the kernel formulas in the
 * comments, not copied from program output.
 */
#include <string.h>

#include "helpers.h"
#include "mmsh/list.h"
#include "mmsh/page_alloc.h"
#include "mmsh/pcp.h"
#include "mmsh/sysctl.h"
#include "mmsh/trace.h"

/* Recorders are large: keep them out of the stack. */
static struct recorder rec;

static unsigned long alloc1(struct machine *m, gfp_t gfp)
{
	long pfn = mmsh_alloc(m, gfp, 0, NUMA_NO_NODE, NULL);

	ck_assert_msg(pfn >= 0, "order-0 allocation (gfp %#x) failed", gfp);
	return (unsigned long)pfn;
}

static void free1(struct machine *m, unsigned long pfn)
{
	struct mm_error e;

	ck_assert_msg(mmsh_free(m, pfn, 0, &e) == 0, "free 0x%lx: %s", pfn, e.msg);
}

static int pcp_count(struct zone *z, int cpu)
{
	return z->pageset[cpu].pcp.count;
}

/* ---- sizing ---------------------------------------------------------------- */

/*
 * zone_batchsize(): b = managed/1024, capped at 256 (1 MiB of pages),
 * b /= 4, at least 1, then rounddown_pow_of_two(b + b/2) - 1;
 * pageset_set_batch(): high = 6 * batch, batch = max(1, batch).
 */
static void expect_batchsize(unsigned long managed, int batchsize, int high,
			     int batch)
{
	struct zone z;
	struct per_cpu_pageset p;

	memset(&z, 0, sizeof(z));
	z.managed_pages = managed;
	ck_assert_msg(zone_batchsize(&z) == batchsize,
		      "zone_batchsize(%lu managed) = %d, expected %d", managed,
		      zone_batchsize(&z), batchsize);
	memset(&p, 0, sizeof(p));
	pageset_set_batch(&p, (unsigned long)batchsize);
	ck_assert_msg(p.pcp.high == high && p.pcp.batch == batch,
		      "%lu managed: high/batch %d/%d, expected %d/%d", managed,
		      p.pcp.high, p.pcp.batch, high, batch);
}

START_TEST(zone_batchsize_table)
{
	/* < 8192: 7/4 = 1 -> 1 + 0 = 1 -> 1 - 1 = 0: high 0, batch 1 */
	expect_batchsize(0, 0, 0, 1);
	expect_batchsize(3977, 0, 0, 1);
	expect_batchsize(4096, 0, 0, 1);
	expect_batchsize(8191, 0, 0, 1);
	/* 8192: 8/4 = 2 -> 2 + 1 = 3 -> 2 - 1 = 1: 6/1 */
	expect_batchsize(8192, 1, 6, 1);
	/* 12287: 11/4 = 2 -> still 1 */
	expect_batchsize(12287, 1, 6, 1);
	/* 12288: 12/4 = 3 -> 3 + 1 = 4 -> 4 - 1 = 3: 18/3 */
	expect_batchsize(12288, 3, 18, 3);
	/* 61440 (default Normal): 60/4 = 15 -> 22 -> 16 - 1 = 15: 90/15 */
	expect_batchsize(61440, 15, 90, 15);
	/* 65536: 64/4 = 16 -> 24 -> 16 - 1 = 15: 90/15 */
	expect_batchsize(65536, 15, 90, 15);
	/* 176127: 171/4 = 42 -> 63 -> 32 - 1 = 31 */
	expect_batchsize(176127, 31, 186, 31);
	/* 176128: 172/4 = 43 -> 64 -> 64 - 1 = 63 */
	expect_batchsize(176128, 63, 378, 63);
	/* 262144: 256 (the cap) / 4 = 64 -> 96 -> 64 - 1 = 63 */
	expect_batchsize(262144, 63, 378, 63);
	/* beyond: capped at 256 before /4, so 63 for ever */
	expect_batchsize(1048576, 63, 378, 63);
	expect_batchsize(4194304, 63, 378, 63);
}
END_TEST

START_TEST(booted_pagesets_follow_zone_batchsize)
{
	struct machine *m = boot_preset("default");
	int cpu;

	/* default: DMA 4096 (< 8192: 0/1), Normal 61440 (90/15), 2 CPUs */
	for (cpu = 0; cpu < 2; cpu++) {
		ck_assert_int_eq(ZONE(m, 0, ZONE_DMA)->pageset[cpu].pcp.high, 0);
		ck_assert_int_eq(ZONE(m, 0, ZONE_DMA)->pageset[cpu].pcp.batch, 1);
		ck_assert_int_eq(ZONE(m, 0, ZONE_NORMAL)->pageset[cpu].pcp.high, 90);
		ck_assert_int_eq(ZONE(m, 0, ZONE_NORMAL)->pageset[cpu].pcp.batch, 15);
		ck_assert_int_eq(pcp_count(ZONE(m, 0, ZONE_NORMAL), cpu), 0);
		/* the empty DMA32 keeps the boot pageset: high 0, batch 1 */
		ck_assert_int_eq(ZONE(m, 0, ZONE_DMA32)->pageset[cpu].pcp.high, 0);
		ck_assert_int_eq(ZONE(m, 0, ZONE_DMA32)->pageset[cpu].pcp.batch, 1);
	}
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/* pageset_set_high(): batch = max(1, high/4), but 96 once high/4 > 96. */
static void expect_high(unsigned long high, int batch)
{
	struct per_cpu_pageset p;

	memset(&p, 0, sizeof(p));
	pageset_set_high(&p, high);
	ck_assert_msg(p.pcp.high == (int)high && p.pcp.batch == batch,
		      "pageset_set_high(%lu): %d/%d, expected %lu/%d", high,
		      p.pcp.high, p.pcp.batch, high, batch);
}

START_TEST(pageset_set_high_quarter_capped_at_96)
{
	expect_high(0, 1);      /* 0/4 = 0 -> at least 1 */
	expect_high(3, 1);
	expect_high(4, 1);
	expect_high(40, 10);
	expect_high(384, 96);   /* 96 is not > 96 */
	expect_high(388, 96);   /* 97 > 96 -> 96 */
	expect_high(7680, 96);
}
END_TEST

/* What percpu_pagelist_fraction = N gives a zone of `managed` pages. */
static void expect_fraction(struct machine *m, const char *n, int dma_high,
			    int dma_batch, int normal_high, int normal_batch)
{
	struct mm_error e;
	int cpu;

	ck_assert_msg(sysctl_write(m, "percpu_pagelist_fraction", n, &e) == 0,
		      "fraction %s: %s", n, e.msg);
	for (cpu = 0; cpu < m->nr_cpus; cpu++) {
		struct per_cpu_pages *d = &ZONE(m, 0, ZONE_DMA)->pageset[cpu].pcp;
		struct per_cpu_pages *nm = &ZONE(m, 0, ZONE_NORMAL)->pageset[cpu].pcp;

		ck_assert_msg(d->high == dma_high && d->batch == dma_batch,
			      "fraction %s cpu %d: DMA %d/%d, expected %d/%d", n, cpu,
			      d->high, d->batch, dma_high, dma_batch);
		ck_assert_msg(nm->high == normal_high && nm->batch == normal_batch,
			      "fraction %s cpu %d: Normal %d/%d, expected %d/%d", n, cpu,
			      nm->high, nm->batch, normal_high, normal_batch);
	}
	assert_consistent(m);
}

START_TEST(percpu_pagelist_fraction_sizes)
{
	struct machine *m = boot_preset("default");

	/* high = managed / N; batch = max(1, high/4), capped at 96 */
	/* N=8: DMA 4096/8 = 512 (128 -> 96); Normal 61440/8 = 7680 (96) */
	expect_fraction(m, "8", 512, 96, 7680, 96);
	/* N=100: DMA 40 (10); Normal 614 (153 -> 96) */
	expect_fraction(m, "100", 40, 10, 614, 96);
	/* N=1000: DMA 4 (1); Normal 61 (15) */
	expect_fraction(m, "1000", 4, 1, 61, 15);
	/* N=10000: DMA 0 (max(1, 0) = 1); Normal 6 (1) */
	expect_fraction(m, "10000", 0, 1, 6, 1);
	/* back to 0: zone_batchsize() again, 0/1 and 90/15 */
	expect_fraction(m, "0", 0, 1, 90, 15);
	machine_destroy(m);
}
END_TEST

/* ---- refill and allocation ------------------------------------------------- */

START_TEST(refill_takes_batch_pages_in_pfn_order)
{
	struct machine *m = boot_preset("default");
	struct zone *normal = ZONE(m, 0, ZONE_NORMAL);
	unsigned long list[32];
	size_t n, i;

	record_only(m, &rec, 1U << TRACE_MM_PAGE_ALLOC_ZONE_LOCKED);
	/*
	 * The first movable page: Normal starts at pfn 4096 with order-10
	 * blocks; the refill splits the first one and takes batch = 15 pages,
	 * 4096..4110, appending each at the tail; the allocation takes the head.
	 */
	ck_assert_uint_eq(alloc1(m, GFP_HIGHUSER_MOVABLE), 4096);
	ck_assert_uint_eq(count_events(&rec, TRACE_MM_PAGE_ALLOC_ZONE_LOCKED), 15);
	for (i = 0; i < 15; i++) {
		ck_assert_uint_eq(rec.ev[i].pfn, 4096 + i);
		ck_assert_int_eq(rec.ev[i].percpu_refill, 1);
		ck_assert_int_eq(rec.ev[i].migratetype, MIGRATE_MOVABLE);
	}
	n = pcp_list(m, normal, 0, MIGRATE_MOVABLE, list, 32);
	ck_assert_uint_eq(n, 14);
	for (i = 0; i < n; i++)
		ck_assert_uint_eq(list[i], 4097 + i);   /* head 4097 ... tail 4110 */
	ck_assert_int_eq(pcp_count(normal, 0), 14);
	/* the 15 pcp pages left the buddy lists: NR_FREE_PAGES 61440 - 15 */
	ck_assert_int_eq(zone_free(normal), 61440 - 15);
	assert_consistent(m);

	/* the next ones come off the head without touching the buddy lists */
	rec.n = 0;
	ck_assert_uint_eq(alloc1(m, GFP_HIGHUSER_MOVABLE), 4097);
	ck_assert_uint_eq(alloc1(m, GFP_HIGHUSER_MOVABLE), 4098);
	ck_assert_uint_eq(rec.n, 0);
	ck_assert_int_eq(pcp_count(normal, 0), 12);
	ck_assert_int_eq(zone_free(normal), 61440 - 15);
	/* the other CPU's list and the other lists stay empty */
	ck_assert_int_eq(pcp_count(normal, 1), 0);
	ck_assert_uint_eq(pcp_list(m, normal, 0, MIGRATE_UNMOVABLE, list, 32), 0);
	ck_assert_uint_eq(pcp_list(m, normal, 0, MIGRATE_RECLAIMABLE, list, 32), 0);
	assert_consistent(m);
	stop_recording(m);
	machine_destroy(m);
}
END_TEST

START_TEST(rmqueue_bulk_stops_when_the_zone_runs_dry)
{
	struct machine *m = boot_preset("tiny");
	struct zone *z = ZONE(m, 0, ZONE_NORMAL);
	struct per_cpu_pages *pcp = &z->pageset[0].pcp;
	static unsigned long list[512];
	size_t n, i;
	int got;

	/*
	 * tiny: one Normal zone of 256 pages at pfn 0, MAX_ORDER 6: eight
	 * order-5 MOVABLE blocks. Asking for 300 takes all 256 in ascending
	 * pfn order (each block is used up before the next is split) and
	 * returns the number taken.
	 */
	got = rmqueue_bulk(z, 0, 300, pcp->lists[MIGRATE_MOVABLE], MIGRATE_MOVABLE, 0);
	pcp->count += got;   /* the caller's job, as in __rmqueue_pcplist */
	ck_assert_int_eq(got, 256);
	ck_assert_int_eq(zone_free(z), 0);
	n = pcp_list(m, z, 0, MIGRATE_MOVABLE, list, 512);
	ck_assert_uint_eq(n, 256);
	for (i = 0; i < n; i++)
		ck_assert_uint_eq(list[i], i);
	assert_consistent(m);

	/* an empty zone gives nothing and changes nothing */
	got = rmqueue_bulk(z, 0, 5, pcp->lists[MIGRATE_UNMOVABLE], MIGRATE_UNMOVABLE, 0);
	ck_assert_int_eq(got, 0);
	ck_assert_int_eq(zone_free(z), 0);
	assert_consistent(m);

	drain_local_pages(m, z);
	ck_assert_int_eq(pcp->count, 0);
	ck_assert_int_eq(zone_free(z), 256);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

START_TEST(dma_high_0_batch_1_caches_nothing)
{
	struct machine *m = boot_preset("default");
	struct zone *dma = ZONE(m, 0, ZONE_DMA);
	unsigned long a, b;

	record_only(m, &rec, (1U << TRACE_MM_PAGE_ALLOC_ZONE_LOCKED) |
		    (1U << TRACE_MM_PAGE_PCPU_DRAIN));
	/*
	 * DMA has 4096 managed pages: batch 1, high 0. Each allocation
	 * refills exactly one page and hands it out, leaving the list empty.
	 */
	a = alloc1(m, GFP_KERNEL | GFP_DMA);
	ck_assert_uint_eq(count_events(&rec, TRACE_MM_PAGE_ALLOC_ZONE_LOCKED), 1);
	ck_assert_uint_eq(rec.ev[0].pfn, a);
	ck_assert_int_eq(rec.ev[0].percpu_refill, 1);
	ck_assert_int_eq(pcp_count(dma, 0), 0);
	ck_assert_int_eq(zone_free(dma), 4096 - 1);
	b = alloc1(m, GFP_KERNEL | GFP_DMA);
	ck_assert_uint_eq(count_events(&rec, TRACE_MM_PAGE_ALLOC_ZONE_LOCKED), 2);
	ck_assert_uint_eq(rec.ev[1].pfn, b);
	ck_assert_int_eq(pcp_count(dma, 0), 0);
	ck_assert_int_eq(zone_free(dma), 4096 - 2);
	ck_assert(a < 4096 && b < 4096);
	assert_consistent(m);

	/* a free reaches count 1 >= high 0: flushed at once (batch 1) */
	rec.n = 0;
	free1(m, a);
	ck_assert_uint_eq(count_events(&rec, TRACE_MM_PAGE_PCPU_DRAIN), 1);
	ck_assert_uint_eq(rec.ev[0].pfn, a);
	ck_assert_int_eq(pcp_count(dma, 0), 0);
	ck_assert_int_eq(zone_free(dma), 4096 - 1);
	free1(m, b);
	ck_assert_uint_eq(count_events(&rec, TRACE_MM_PAGE_PCPU_DRAIN), 2);
	ck_assert_uint_eq(rec.ev[1].pfn, b);
	ck_assert_int_eq(zone_free(dma), 4096);
	assert_consistent(m);
	stop_recording(m);
	machine_destroy(m);
}
END_TEST

/* ---- freeing --------------------------------------------------------------- */

START_TEST(freed_page_goes_to_the_head)
{
	struct machine *m = boot_preset("default");
	struct zone *normal = ZONE(m, 0, ZONE_NORMAL);
	unsigned long list[32];
	unsigned long pgalloc = m->vm_events[PGALLOC_NORMAL];
	unsigned long pgfree = m->vm_events[PGFREE];

	/* 4096, 4097, 4098 allocated; 4099..4110 on the list */
	ck_assert_uint_eq(alloc1(m, GFP_HIGHUSER_MOVABLE), 4096);
	ck_assert_uint_eq(alloc1(m, GFP_HIGHUSER_MOVABLE), 4097);
	ck_assert_uint_eq(alloc1(m, GFP_HIGHUSER_MOVABLE), 4098);
	/* pgalloc counts pages handed out, not pages refilled */
	ck_assert_uint_eq(m->vm_events[PGALLOC_NORMAL] - pgalloc, 3);
	free1(m, 4096);
	free1(m, 4098);
	/* free_unref_page_commit counts each pcp free */
	ck_assert_uint_eq(m->vm_events[PGFREE] - pgfree, 2);
	/* LIFO: 4098, 4096, then the refill's 4099..4110 */
	ck_assert_uint_eq(pcp_list(m, normal, 0, MIGRATE_MOVABLE, list, 32), 14);
	ck_assert_uint_eq(list[0], 4098);
	ck_assert_uint_eq(list[1], 4096);
	ck_assert_uint_eq(list[2], 4099);
	ck_assert_uint_eq(list[13], 4110);
	ck_assert_int_eq(pcp_count(normal, 0), 14);
	/* not flushed: NR_FREE_PAGES still misses the 15 refilled pages */
	ck_assert_int_eq(zone_free(normal), 61440 - 15);
	assert_consistent(m);
	/* the hottest page is handed out first */
	ck_assert_uint_eq(alloc1(m, GFP_HIGHUSER_MOVABLE), 4098);
	ck_assert_uint_eq(alloc1(m, GFP_HIGHUSER_MOVABLE), 4096);
	ck_assert_uint_eq(alloc1(m, GFP_HIGHUSER_MOVABLE), 4099);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

START_TEST(reaching_high_flushes_batch_from_the_tail)
{
	struct machine *m = boot_preset("default");
	struct zone *normal = ZONE(m, 0, ZONE_NORMAL);
	static const unsigned long expect[15] = {
		4200, 4199, 4198, 4197, 4196,
		4096, 4097, 4098, 4099, 4100, 4101, 4102, 4103, 4104, 4105,
	};
	unsigned long list[128];
	unsigned long pfn;
	size_t i;

	/*
	 * 100 allocations: 7 refills of 15 took 4096..4200; 4096..4195 are
	 * handed out and 4196..4200 stay on the list.
	 */
	for (i = 0; i < 100; i++)
		ck_assert_uint_eq(alloc1(m, GFP_HIGHUSER_MOVABLE), 4096 + i);
	ck_assert_int_eq(pcp_count(normal, 0), 5);
	ck_assert_int_eq(zone_free(normal), 61440 - 105);
	assert_consistent(m);

	record_only(m, &rec, 1U << TRACE_MM_PAGE_PCPU_DRAIN);
	/* 84 frees: count 5 + 84 = 89 < high 90, no flush */
	for (pfn = 4096; pfn < 4180; pfn++)
		free1(m, pfn);
	ck_assert_int_eq(pcp_count(normal, 0), 89);
	ck_assert_uint_eq(rec.n, 0);
	ck_assert_int_eq(zone_free(normal), 61440 - 105);

	/*
	 * The 85th makes count 90 >= high: free_pcppages_bulk(batch 15).
	 * The list is 4180 (head), 4179 ... 4096, 4196 ... 4200 (tail); the
	 * coldest go first: 4200..4196, then 4096..4105.
	 */
	free1(m, 4180);
	ck_assert_uint_eq(rec.n, 15);
	for (i = 0; i < 15; i++) {
		ck_assert_int_eq(rec.ev[i].id, TRACE_MM_PAGE_PCPU_DRAIN);
		ck_assert_msg(rec.ev[i].pfn == expect[i], "drain %zu: pfn %lu, expected %lu",
			      i, rec.ev[i].pfn, expect[i]);
		ck_assert_int_eq(rec.ev[i].migratetype, MIGRATE_MOVABLE);
		ck_assert_uint_eq(rec.ev[i].order, 0);
	}
	ck_assert_int_eq(pcp_count(normal, 0), 75);
	ck_assert_int_eq(zone_free(normal), 61440 - 105 + 15);
	ck_assert_uint_eq(pcp_list(m, normal, 0, MIGRATE_MOVABLE, list, 128), 75);
	ck_assert_uint_eq(list[0], 4180);     /* the hot end is untouched */
	ck_assert_uint_eq(list[74], 4106);    /* the new tail */
	assert_consistent(m);
	stop_recording(m);
	machine_destroy(m);
}
END_TEST

START_TEST(highatomic_and_cma_pages_use_the_movable_list)
{
	struct machine *m = boot_preset("default");
	struct zone *normal = ZONE(m, 0, ZONE_NORMAL);
	unsigned long list[32];
	unsigned long a, b;

	a = alloc1(m, GFP_HIGHUSER_MOVABLE);   /* 4096 */
	b = alloc1(m, GFP_HIGHUSER_MOVABLE);   /* 4097 */
	ck_assert_uint_eq(a, 4096);
	ck_assert_uint_eq(b, 4097);
	/* pageblock 4096..4607 HIGHATOMIC at free time: MOVABLE list, type kept */
	set_pageblock_migratetype(m, pfn_to_page(m, a), MIGRATE_HIGHATOMIC);
	free1(m, a);
	ck_assert_int_eq(pcp_count(normal, 0), 14);
	ck_assert_uint_eq(pcp_list(m, normal, 0, MIGRATE_MOVABLE, list, 32), 14);
	ck_assert_uint_eq(list[0], a);
	ck_assert_uint_eq(pfn_to_page(m, a)->index, MIGRATE_HIGHATOMIC);
	/* the same for CMA */
	set_pageblock_migratetype(m, pfn_to_page(m, b), MIGRATE_CMA);
	free1(m, b);
	ck_assert_int_eq(pcp_count(normal, 0), 15);
	ck_assert_uint_eq(pcp_list(m, normal, 0, MIGRATE_MOVABLE, list, 32), 15);
	ck_assert_uint_eq(list[0], b);
	ck_assert_uint_eq(list[1], a);
	ck_assert_uint_eq(pfn_to_page(m, b)->index, MIGRATE_CMA);
	ck_assert_uint_eq(pcp_list(m, normal, 0, MIGRATE_UNMOVABLE, list, 32), 0);
	ck_assert_uint_eq(pcp_list(m, normal, 0, MIGRATE_RECLAIMABLE, list, 32), 0);
	/* pcp pages are not free pages: NR_FREE_PAGES unchanged, no CMA count */
	ck_assert_int_eq(zone_free(normal), 61440 - 15);
	ck_assert_int_eq(zone_page_state(normal, NR_FREE_CMA_PAGES), 0);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

START_TEST(highatomic_page_drains_with_its_recorded_type)
{
	struct machine *m = boot_preset("default");
	struct zone *normal = ZONE(m, 0, ZONE_NORMAL);
	unsigned long a;

	a = alloc1(m, GFP_HIGHUSER_MOVABLE);   /* 4096; 4097..4110 cached */
	set_pageblock_migratetype(m, pfn_to_page(m, a), MIGRATE_HIGHATOMIC);
	free1(m, a);
	record_only(m, &rec, 1U << TRACE_MM_PAGE_PCPU_DRAIN);
	drain_local_pages(m, normal);
	/* 15 pages leave tail first: 4110..4097 (MOVABLE), then 4096 (HIGHATOMIC) */
	ck_assert_uint_eq(rec.n, 15);
	ck_assert_uint_eq(rec.ev[0].pfn, 4110);
	ck_assert_int_eq(rec.ev[0].migratetype, MIGRATE_MOVABLE);
	ck_assert_uint_eq(rec.ev[14].pfn, a);
	ck_assert_int_eq(rec.ev[14].migratetype, MIGRATE_HIGHATOMIC);
	ck_assert_int_eq(zone_free(normal), 61440);
	assert_consistent(m);
	stop_recording(m);
	machine_destroy(m);
}
END_TEST

START_TEST(isolated_page_bypasses_the_pcp)
{
	struct machine *m = boot_preset("default");
	struct zone *normal = ZONE(m, 0, ZONE_NORMAL);
	unsigned long list[4];
	unsigned long a, pgfree;

	a = alloc1(m, GFP_HIGHUSER_MOVABLE);   /* 4096 */
	set_pageblock_migratetype(m, pfn_to_page(m, a), MIGRATE_ISOLATE);
	record_only(m, &rec, 1U << TRACE_MM_PAGE_PCPU_DRAIN);
	pgfree = m->vm_events[PGFREE];
	free1(m, a);
	ck_assert_uint_eq(m->vm_events[PGFREE] - pgfree, 1);   /* counted first */
	/* straight to the buddy ISOLATE list: no pcp, no NR_FREE_PAGES */
	ck_assert_int_eq(pcp_count(normal, 0), 14);
	ck_assert_uint_eq(rec.n, 0);
	ck_assert_uint_eq(free_list(m, normal, 0, MIGRATE_ISOLATE, list, 4), 1);
	ck_assert_uint_eq(list[0], a);
	ck_assert_int_eq(zone_free(normal), 61440 - 15);
	assert_consistent(m);
	stop_recording(m);
	machine_destroy(m);
}
END_TEST

/* ---- free_pcppages_bulk's round robin ----------------------------------------- */

START_TEST(round_robin_matches_the_worked_example)
{
	struct machine *m = boot_preset("default");
	struct zone *normal = ZONE(m, 0, ZONE_NORMAL);
	struct per_cpu_pages *pcp = &normal->pageset[0].pcp;
	struct mm_error e;
	unsigned long expect[63], list[128];
	unsigned long pfn;
	size_t n = 0, i, k;

	/* high 7680 (61440 / 8) keeps 110 pages without any flush */
	ck_assert_int_eq(sysctl_write(m, "percpu_pagelist_fraction", "8", &e), 0);
	for (i = 0; i < 110; i++)
		ck_assert_uint_eq(alloc1(m, GFP_HIGHUSER_MOVABLE), 4096 + i);
	drain_local_pages(m, NULL);
	ck_assert_int_eq(pcp->count, 0);

	/* U = 4096..4105 (block UNMOVABLE at free time), M = 4106..4205 */
	set_pageblock_migratetype(m, pfn_to_page(m, 4096), MIGRATE_UNMOVABLE);
	for (pfn = 4096; pfn < 4106; pfn++)
		free1(m, pfn);
	set_pageblock_migratetype(m, pfn_to_page(m, 4096), MIGRATE_MOVABLE);
	for (pfn = 4106; pfn < 4206; pfn++)
		free1(m, pfn);
	ck_assert_uint_eq(pcp_list(m, normal, 0, MIGRATE_UNMOVABLE, list, 128), 10);
	ck_assert_uint_eq(list[9], 4096);     /* tail: the first freed */
	ck_assert_uint_eq(pcp_list(m, normal, 0, MIGRATE_MOVABLE, list, 128), 100);
	ck_assert_uint_eq(list[99], 4106);
	ck_assert_uint_eq(pcp_list(m, normal, 0, MIGRATE_RECLAIMABLE, list, 128), 0);
	ck_assert_int_eq(pcp->count, 110);
	assert_consistent(m);

	/*
	 * Section 6.4: U=10, M=100, R=0, count 63: M1 U2 M1 U2 M1 U2 M1 U2
	 * M1 U2, then M gives the remaining 48. Each list gives its tail
	 * (the oldest page) first.
	 */
	for (k = 0; k < 5; k++) {
		expect[n++] = 4106 + k;           /* M: one page */
		expect[n++] = 4096 + 2 * k;       /* U: two pages */
		expect[n++] = 4096 + 2 * k + 1;
	}
	for (k = 5; k < 53; k++)
		expect[n++] = 4106 + k;           /* M: 48 pages */
	ck_assert_uint_eq(n, 63);

	record_only(m, &rec, 1U << TRACE_MM_PAGE_PCPU_DRAIN);
	free_pcppages_bulk(normal, 63, pcp);
	ck_assert_uint_eq(rec.n, 63);
	for (i = 0; i < 63; i++) {
		int mt = expect[i] < 4106 ? MIGRATE_UNMOVABLE : MIGRATE_MOVABLE;

		ck_assert_msg(rec.ev[i].pfn == expect[i],
			      "drain %zu: pfn %lu, expected %lu", i, rec.ev[i].pfn, expect[i]);
		ck_assert_msg(rec.ev[i].migratetype == mt,
			      "drain %zu: migratetype %d, expected %d", i,
			      rec.ev[i].migratetype, mt);
	}
	ck_assert_int_eq(pcp->count, 110 - 63);
	ck_assert_uint_eq(pcp_list(m, normal, 0, MIGRATE_UNMOVABLE, list, 128), 0);
	ck_assert_uint_eq(pcp_list(m, normal, 0, MIGRATE_MOVABLE, list, 128), 47);
	ck_assert_uint_eq(list[46], 4159);    /* M lost 4106..4158 */
	ck_assert_uint_eq(list[0], 4205);
	assert_consistent(m);
	stop_recording(m);
	machine_destroy(m);
}
END_TEST

START_TEST(bulk_free_never_takes_more_than_count)
{
	struct machine *m = boot_preset("default");
	struct zone *normal = ZONE(m, 0, ZONE_NORMAL);
	struct per_cpu_pages *pcp = &normal->pageset[0].pcp;

	alloc1(m, GFP_HIGHUSER_MOVABLE);   /* 14 cached */
	/* count = min(pcp->count, count): asking for 100 frees the 14 */
	free_pcppages_bulk(normal, 100, pcp);
	ck_assert_int_eq(pcp->count, 0);
	ck_assert_int_eq(zone_free(normal), 61440 - 1);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * The fast path both ways, as mmsh-bench's pcp figure runs it:
 * alloc_pages_nodemask(GFP_KERNEL, order 0), the reference dropped,
 * free_the_page(). Once the first pair has refilled the Unmovable list,
 * every pair takes the page the last one freed from the head (LIFO) and
 * puts it back there: the list, the zone's free pages and the buddy
 * lists stay as they are. Per pair PGALLOC_NORMAL, PGFREE, NUMA_HIT and
 * NUMA_LOCAL move by one, and the clock by two tracepoints.
 */
static struct page *pcp_pair(struct machine *m, struct alloc_report *rep)
{
	struct page *p = alloc_pages_nodemask(m, GFP_KERNEL, 0, 0, rep);

	ck_assert_ptr_nonnull(p);
	set_page_count(p, 0);
	free_the_page(m, p, 0);
	return p;
}

START_TEST(pcp_pair_takes_back_the_page_it_freed)
{
	struct machine *m = boot_small();
	struct zone *z = NORMAL(m);
	unsigned long before[8], after[8], pgalloc, pgfree, hit, local;
	struct alloc_report rep;
	struct page *first;
	uint64_t clock;
	size_t n;
	long nfree;
	int i;

	first = pcp_pair(m, &rep);
	ck_assert_int_eq(rep.outcome, ALLOC_OK_FASTPATH);
	ck_assert(rep.via_pcp);
	/* batch 3: the refill's other two pages wait behind the freed one */
	n = pcp_list(m, z, 0, MIGRATE_UNMOVABLE, before, 8);
	ck_assert_uint_eq(n, 3);
	ck_assert_uint_eq(before[0], page_to_pfn(m, first));
	nfree = zone_free(z);
	pgalloc = ev(m, PGALLOC_NORMAL);
	pgfree = ev(m, PGFREE);
	hit = z->vm_numa_stat[NUMA_HIT];
	local = z->vm_numa_stat[NUMA_LOCAL];
	clock = m->clock_ns;
	for (i = 0; i < 100; i++) {
		ck_assert_ptr_eq(pcp_pair(m, &rep), first);
		ck_assert(rep.via_pcp);
		ck_assert_uint_eq(rep.alloc_flags, ALLOC_WMARK_LOW | ALLOC_NOFRAGMENT | ALLOC_KSWAPD);
	}
	ck_assert_uint_eq(pcp_list(m, z, 0, MIGRATE_UNMOVABLE, after, 8), n);
	ck_assert_mem_eq(before, after, n * sizeof(before[0]));
	ck_assert_int_eq(pcp_count(z, 0), 3);
	ck_assert_int_eq(zone_free(z), nfree);
	ck_assert_uint_eq(ev(m, PGALLOC_NORMAL) - pgalloc, 100);
	ck_assert_uint_eq(ev(m, PGFREE) - pgfree, 100);
	ck_assert_uint_eq(z->vm_numa_stat[NUMA_HIT] - hit, 100);
	ck_assert_uint_eq(z->vm_numa_stat[NUMA_LOCAL] - local, 100);
	ck_assert_uint_eq(z->vm_numa_stat[NUMA_MISS], 0);
	ck_assert_uint_eq(z->vm_numa_stat[NUMA_OTHER], 0);
	ck_assert_uint_eq(m->clock_ns - clock, 100 * 2 * TRACE_EVENT_NS);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/* ---- draining -------------------------------------------------------------- */

START_TEST(drain_local_then_drain_all)
{
	struct machine *m = boot_preset("default");
	struct zone *normal = ZONE(m, 0, ZONE_NORMAL);
	struct mm_error e;
	size_t i;

	/* cpu 0: refill 4096..4110, takes 4096; cpu 1: refill 4111..4125, takes 4111 */
	ck_assert_uint_eq(alloc1(m, GFP_HIGHUSER_MOVABLE), 4096);
	ck_assert_int_eq(machine_set_cpu(m, 1, &e), 0);
	ck_assert_uint_eq(alloc1(m, GFP_HIGHUSER_MOVABLE), 4111);
	ck_assert_int_eq(pcp_count(normal, 0), 14);
	ck_assert_int_eq(pcp_count(normal, 1), 14);
	ck_assert_uint_eq(zone_pcp_pages(normal), 28);
	/* pcp pages are not free pages */
	ck_assert_int_eq(zone_free(normal), 61440 - 30);
	assert_consistent(m);

	/* drain_local_pages on cpu 1: only cpu 1's pages return */
	record_only(m, &rec, 1U << TRACE_MM_PAGE_PCPU_DRAIN);
	drain_local_pages(m, NULL);
	ck_assert_int_eq(pcp_count(normal, 0), 14);
	ck_assert_int_eq(pcp_count(normal, 1), 0);
	ck_assert_int_eq(zone_free(normal), 61440 - 16);
	ck_assert_uint_eq(rec.n, 14);
	for (i = 0; i < 14; i++) {
		ck_assert_int_eq(rec.ev[i].cpu, 1);
		ck_assert_uint_eq(rec.ev[i].pfn, 4125 - i);   /* tail first */
	}
	assert_consistent(m);

	/* drain_all_pages: only cpu 0 holds pages, its kworker drains them */
	rec.n = 0;
	drain_all_pages(m, NULL);
	ck_assert_int_eq(pcp_count(normal, 0), 0);
	ck_assert_int_eq(zone_free(normal), 61440 - 2);
	ck_assert_uint_eq(rec.n, 14);
	for (i = 0; i < 14; i++) {
		ck_assert_int_eq(rec.ev[i].cpu, 0);
		ck_assert_uint_eq(rec.ev[i].pfn, 4110 - i);
	}
	/* the caller's context is back */
	ck_assert_int_eq(m->current.cpu, 1);
	ck_assert_str_eq(m->current.comm, "mmsh");
	assert_consistent(m);
	stop_recording(m);
	machine_destroy(m);
}
END_TEST

START_TEST(drain_all_visits_cpus_in_order)
{
	struct machine *m = boot_preset("default");
	struct zone *normal = ZONE(m, 0, ZONE_NORMAL);
	struct mm_error e;
	size_t i;

	/* fill cpu 1 first, then cpu 0: the drain still runs cpu 0 first */
	ck_assert_int_eq(machine_set_cpu(m, 1, &e), 0);
	ck_assert_uint_eq(alloc1(m, GFP_HIGHUSER_MOVABLE), 4096);   /* 4097..4110 */
	ck_assert_int_eq(machine_set_cpu(m, 0, &e), 0);
	ck_assert_uint_eq(alloc1(m, GFP_HIGHUSER_MOVABLE), 4111);   /* 4112..4125 */
	record_only(m, &rec, 1U << TRACE_MM_PAGE_PCPU_DRAIN);
	drain_all_pages(m, normal);
	ck_assert_uint_eq(rec.n, 28);
	for (i = 0; i < 14; i++) {
		ck_assert_int_eq(rec.ev[i].cpu, 0);
		ck_assert_uint_eq(rec.ev[i].pfn, 4125 - i);
		ck_assert_int_eq(rec.ev[14 + i].cpu, 1);
		ck_assert_uint_eq(rec.ev[14 + i].pfn, 4110 - i);
	}
	ck_assert_uint_eq(zone_pcp_pages(normal), 0);
	ck_assert_int_eq(zone_free(normal), 61440 - 2);
	/* nothing left: a second drain has no work */
	rec.n = 0;
	drain_all_pages(m, NULL);
	ck_assert_uint_eq(rec.n, 0);
	assert_consistent(m);
	stop_recording(m);
	machine_destroy(m);
}
END_TEST

static Suite *pcp_suite(void)
{
	Suite *s = suite_create("pcp");
	TCase *sizing = tcase_create("sizing");
	TCase *alloc = tcase_create("refill");
	TCase *freeing = tcase_create("free");
	TCase *drain = tcase_create("drain");

	tcase_add_test(sizing, zone_batchsize_table);
	tcase_add_test(sizing, booted_pagesets_follow_zone_batchsize);
	tcase_add_test(sizing, pageset_set_high_quarter_capped_at_96);
	tcase_add_test(sizing, percpu_pagelist_fraction_sizes);
	suite_add_tcase(s, sizing);

	tcase_add_test(alloc, refill_takes_batch_pages_in_pfn_order);
	tcase_add_test(alloc, rmqueue_bulk_stops_when_the_zone_runs_dry);
	tcase_add_test(alloc, dma_high_0_batch_1_caches_nothing);
	suite_add_tcase(s, alloc);

	tcase_add_test(freeing, freed_page_goes_to_the_head);
	tcase_add_test(freeing, reaching_high_flushes_batch_from_the_tail);
	tcase_add_test(freeing, highatomic_and_cma_pages_use_the_movable_list);
	tcase_add_test(freeing, highatomic_page_drains_with_its_recorded_type);
	tcase_add_test(freeing, isolated_page_bypasses_the_pcp);
	tcase_add_test(freeing, round_robin_matches_the_worked_example);
	tcase_add_test(freeing, bulk_free_never_takes_more_than_count);
	tcase_add_test(freeing, pcp_pair_takes_back_the_page_it_freed);
	suite_add_tcase(s, freeing);

	tcase_add_test(drain, drain_local_then_drain_all);
	tcase_add_test(drain, drain_all_visits_cpus_in_order);
	suite_add_tcase(s, drain);
	return s;
}

int main(void)
{
	return run_suite(pcp_suite());
}
