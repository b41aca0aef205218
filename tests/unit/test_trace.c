/*
 * tests/unit/test_trace.c: tracepoints (kernel-5.10-mm.md section 14):
 * the ftrace line layout of kernel/trace/trace_output.c, the TP_printk
 * formats of include/trace/events/kmem.h and vmscan.h, event names,
 * subscription masks, the simulated clock and the irqs-off column.
 */
#include <stdio.h>
#include <string.h>

#include "helpers.h"
#include "mmsh/page_alloc.h"
#include "mmsh/pcp.h"
#include "mmsh/trace.h"

static char line[1024];

static const char *fmt_event(const struct trace_event *ev)
{
	struct strbuf sb = STRBUF_INIT;

	trace_format(ev, &sb);
	snprintf(line, sizeof(line), "%s", sb_str(&sb));
	sb_free(&sb);
	return line;
}

/* %p of a page: mmsh's stand-in hash, 16 hex digits. */
static const char *ptr(unsigned long pfn)
{
	static char buf[4][20];
	static int i;

	i = (i + 1) % 4;
	snprintf(buf[i], sizeof(buf[i]), "%016lx", (unsigned long)page_ptr_hash(pfn));
	return buf[i];
}

static struct trace_event event(enum trace_event_id id)
{
	struct trace_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.id = id;
	snprintf(ev.comm, sizeof(ev.comm), "mmsh");
	ev.pid = 1000;
	ev.cpu = 0;
	ev.ts_ns = 123000;
	ev.has_page = true;
	return ev;
}

static void assert_line(const struct trace_event *ev, const char *want)
{
	ck_assert_str_eq(fmt_event(ev), want);
}

/* ---- trace_format: the context prefix ------------------------------------------ */

START_TEST(context_prefix_layout)
{
	struct trace_event ev = event(TRACE_MM_PAGE_ALLOC_ZONE_LOCKED);
	char want[256];

	/* "%16s-%-7d [%03d] " irq-info " %5lu.%06lu: " "%s: " */
	ev.pfn = 4096;
	ev.order = 0;
	ev.migratetype = 0;
	ev.percpu_refill = 1;
	ev.irqs_off = true;
	snprintf(want, sizeof(want),
		 "            mmsh-1000    [000] d...     0.000123: mm_page_alloc_zone_locked: "
		 "page=%s pfn=4096 order=0 migratetype=0 percpu_refill=1", ptr(4096));
	assert_line(&ev, want);

	/* a long comm, a wide pid, CPU 12, seconds and microseconds */
	snprintf(ev.comm, sizeof(ev.comm), "kworker/1:1");
	ev.pid = 1234567;
	ev.cpu = 12;
	ev.irqs_off = false;
	ev.ts_ns = 523144101000ULL;
	snprintf(want, sizeof(want),
		 "     kworker/1:1-1234567 [012] ....   523.144101: mm_page_alloc_zone_locked: "
		 "page=%s pfn=4096 order=0 migratetype=0 percpu_refill=1", ptr(4096));
	assert_line(&ev, want);

	/* %5lu widens past 99999 seconds */
	ev.ts_ns = 123456789012000000ULL;
	ck_assert_ptr_nonnull(strstr(fmt_event(&ev), "] .... 123456789.012000: "));
}
END_TEST

START_TEST(timestamp_rounds_to_the_nearest_microsecond)
{
	struct trace_event ev = event(TRACE_MM_PAGE_FREE);

	/* trace_print_context: t = ns2usecs(ts) = (ts + 500) / 1000 */
	ev.ts_ns = 1499;
	ck_assert_ptr_nonnull(strstr(fmt_event(&ev), " ....     0.000001: "));
	ev.ts_ns = 1500;
	ck_assert_msg(strstr(fmt_event(&ev), " ....     0.000002: ") != NULL, "%s", line);
	ev.ts_ns = 999999600ULL;
	ck_assert_msg(strstr(fmt_event(&ev), " ....     1.000000: ") != NULL, "%s", line);
}
END_TEST

/* ---- trace_format: every event's TP_printk -------------------------------------- */

START_TEST(format_mm_page_alloc)
{
	struct trace_event ev = event(TRACE_MM_PAGE_ALLOC);
	char want[256];

	ev.pfn = 0x1f400;
	ev.order = 3;
	ev.migratetype = 1;
	ev.gfp_flags = GFP_HIGHUSER_MOVABLE;
	snprintf(want, sizeof(want),
		 "            mmsh-1000    [000] ....     0.000123: mm_page_alloc: page=%s pfn=128000 "
		 "order=3 migratetype=1 gfp_flags=GFP_HIGHUSER_MOVABLE", ptr(0x1f400));
	assert_line(&ev, want);

	/* a failed allocation: NULL page, pfn 0 */
	ev.has_page = false;
	ev.pfn = 12345;
	ev.gfp_flags = GFP_NOWAIT | GFP__NOWARN;
	assert_line(&ev, "            mmsh-1000    [000] ....     0.000123: mm_page_alloc: "
			 "page=0000000000000000 pfn=0 order=3 migratetype=1 "
			 "gfp_flags=GFP_NOWAIT|__GFP_NOWARN");

	/* show_gfp_flags(0) prints "none" */
	ev.gfp_flags = 0;
	ck_assert_ptr_nonnull(strstr(fmt_event(&ev), " gfp_flags=none"));
	ev.gfp_flags = 0x2dc0;
	ck_assert_ptr_nonnull(strstr(fmt_event(&ev),
				     " gfp_flags=GFP_KERNEL|__GFP_NOWARN|__GFP_ZERO"));
}
END_TEST

START_TEST(format_mm_page_free_and_batched)
{
	struct trace_event ev = event(TRACE_MM_PAGE_FREE);
	char want[256];

	ev.pfn = 4096;
	ev.order = 2;
	snprintf(want, sizeof(want),
		 "            mmsh-1000    [000] ....     0.000123: mm_page_free: page=%s pfn=4096 order=2",
		 ptr(4096));
	assert_line(&ev, want);

	ev = event(TRACE_MM_PAGE_FREE_BATCHED);
	snprintf(ev.comm, sizeof(ev.comm), "kswapd0");
	ev.pid = 97;
	ev.irqs_off = true;
	ev.pfn = 70211;
	ev.order = 5;     /* the format hard-codes order=0 */
	snprintf(want, sizeof(want),
		 "         kswapd0-97      [000] d...     0.000123: mm_page_free_batched: page=%s "
		 "pfn=70211 order=0", ptr(70211));
	assert_line(&ev, want);
}
END_TEST

START_TEST(format_mm_page_pcpu_drain)
{
	struct trace_event ev = event(TRACE_MM_PAGE_PCPU_DRAIN);
	char want[256];

	ev.cpu = 1;
	ev.irqs_off = true;
	ev.pfn = 4158;
	ev.migratetype = 1;
	snprintf(want, sizeof(want),
		 "            mmsh-1000    [001] d...     0.000123: mm_page_pcpu_drain: page=%s "
		 "pfn=4158 order=0 migratetype=1", ptr(4158));
	assert_line(&ev, want);
}
END_TEST

START_TEST(format_mm_page_alloc_extfrag)
{
	struct trace_event ev = event(TRACE_MM_PAGE_ALLOC_EXTFRAG);
	char want[320];

	ev.irqs_off = true;
	ev.pfn = 5120;
	ev.order = 0;
	ev.fallback_order = 10;
	ev.pageblock_order = 9;
	ev.alloc_migratetype = 0;
	ev.fallback_migratetype = 1;
	ev.fragmenting = 0;
	ev.change_ownership = 1;
	snprintf(want, sizeof(want),
		 "            mmsh-1000    [000] d...     0.000123: mm_page_alloc_extfrag: page=%s "
		 "pfn=5120 alloc_order=0 fallback_order=10 pageblock_order=9 alloc_migratetype=0 "
		 "fallback_migratetype=1 fragmenting=0 change_ownership=1", ptr(5120));
	assert_line(&ev, want);
}
END_TEST

START_TEST(format_mm_vmscan_wakeup_kswapd)
{
	struct trace_event ev = event(TRACE_MM_VMSCAN_WAKEUP_KSWAPD);

	ev.has_page = false;
	ev.nid = 1;
	ev.order = 2;
	ev.gfp_flags = GFP_HIGHUSER_MOVABLE;
	assert_line(&ev, "            mmsh-1000    [000] ....     0.000123: mm_vmscan_wakeup_kswapd: "
			 "nid=1 order=2 gfp_flags=GFP_HIGHUSER_MOVABLE");
}
END_TEST

START_TEST(trace_file_header)
{
	struct strbuf sb = STRBUF_INIT;

	trace_header(&sb, 5, 2);
	ck_assert_str_eq(sb_str(&sb),
		"# tracer: nop\n"
		"#\n"
		"# entries-in-buffer/entries-written: 5/5   #P:2\n"
		"#\n"
		"#                                _-----=> irqs-off\n"
		"#                               / _----=> need-resched\n"
		"#                              | / _---=> hardirq/softirq\n"
		"#                              || / _--=> preempt-depth\n"
		"#                              ||| /     delay\n"
		"#           TASK-PID     CPU#  ||||   TIMESTAMP  FUNCTION\n"
		"#              | |         |   ||||      |         |\n");
	sb_free(&sb);
}
END_TEST

/* ---- names ------------------------------------------------------------------------ */

START_TEST(event_names_and_lookup)
{
	static const char *const names[NR_TRACE_EVENTS] = {
		[TRACE_MM_PAGE_ALLOC] = "mm_page_alloc",
		[TRACE_MM_PAGE_FREE] = "mm_page_free",
		[TRACE_MM_PAGE_FREE_BATCHED] = "mm_page_free_batched",
		[TRACE_MM_PAGE_ALLOC_ZONE_LOCKED] = "mm_page_alloc_zone_locked",
		[TRACE_MM_PAGE_PCPU_DRAIN] = "mm_page_pcpu_drain",
		[TRACE_MM_PAGE_ALLOC_EXTFRAG] = "mm_page_alloc_extfrag",
		[TRACE_MM_VMSCAN_WAKEUP_KSWAPD] = "mm_vmscan_wakeup_kswapd",
		[TRACE_MM_VMSCAN_KSWAPD_SLEEP] = "mm_vmscan_kswapd_sleep",
		[TRACE_MM_VMSCAN_KSWAPD_WAKE] = "mm_vmscan_kswapd_wake",
		[TRACE_MM_VMSCAN_DIRECT_RECLAIM_BEGIN] = "mm_vmscan_direct_reclaim_begin",
		[TRACE_MM_VMSCAN_DIRECT_RECLAIM_END] = "mm_vmscan_direct_reclaim_end",
		[TRACE_MM_VMSCAN_LRU_ISOLATE] = "mm_vmscan_lru_isolate",
		[TRACE_MM_VMSCAN_WRITEPAGE] = "mm_vmscan_writepage",
		[TRACE_MM_VMSCAN_LRU_SHRINK_INACTIVE] = "mm_vmscan_lru_shrink_inactive",
		[TRACE_MM_VMSCAN_LRU_SHRINK_ACTIVE] = "mm_vmscan_lru_shrink_active",
		[TRACE_MM_COMPACTION_ISOLATE_MIGRATEPAGES] = "mm_compaction_isolate_migratepages",
		[TRACE_MM_COMPACTION_ISOLATE_FREEPAGES] = "mm_compaction_isolate_freepages",
		[TRACE_MM_COMPACTION_MIGRATEPAGES] = "mm_compaction_migratepages",
		[TRACE_MM_COMPACTION_BEGIN] = "mm_compaction_begin",
		[TRACE_MM_COMPACTION_END] = "mm_compaction_end",
		[TRACE_MM_COMPACTION_TRY_TO_COMPACT_PAGES] = "mm_compaction_try_to_compact_pages",
		[TRACE_MM_COMPACTION_FINISHED] = "mm_compaction_finished",
		[TRACE_MM_COMPACTION_SUITABLE] = "mm_compaction_suitable",
		[TRACE_MM_COMPACTION_DEFERRED] = "mm_compaction_deferred",
		[TRACE_MM_COMPACTION_DEFER_COMPACTION] = "mm_compaction_defer_compaction",
		[TRACE_MM_COMPACTION_DEFER_RESET] = "mm_compaction_defer_reset",
		[TRACE_MM_COMPACTION_KCOMPACTD_SLEEP] = "mm_compaction_kcompactd_sleep",
		[TRACE_MM_COMPACTION_WAKEUP_KCOMPACTD] = "mm_compaction_wakeup_kcompactd",
		[TRACE_MM_COMPACTION_KCOMPACTD_WAKE] = "mm_compaction_kcompactd_wake",
		[TRACE_RECLAIM_RETRY_ZONE] = "reclaim_retry_zone",
		[TRACE_COMPACT_RETRY] = "compact_retry",
		[TRACE_MARK_VICTIM] = "mark_victim",
	};
	int i;

	for (i = 0; i < NR_TRACE_EVENTS; i++) {
		ck_assert_str_eq(trace_event_name((enum trace_event_id)i), names[i]);
		ck_assert_int_eq(trace_event_lookup(names[i]), i);
	}
	ck_assert_int_eq(trace_event_lookup("mm_page"), -1);
	ck_assert_int_eq(trace_event_lookup("mm_page_alloc_zone_locked_"), -1);
	ck_assert_int_eq(trace_event_lookup("MM_PAGE_ALLOC"), -1);
	ck_assert_int_eq(trace_event_lookup(""), -1);
	ck_assert_uint_eq(TRACE_ALL_EVENTS, (1ULL << NR_TRACE_EVENTS) - 1);
}
END_TEST

/* ---- events raised by the engine -------------------------------------------------------- */

START_TEST(first_allocation_on_the_default_preset)
{
	struct machine *m = boot_preset("default");
	static struct recorder r;
	char want[256];
	size_t i;

	record_events(m, &r);
	m->clock_ns = 121000;
	/*
	 * GFP_KERNEL order 0: UNMOVABLE is empty, __rmqueue_fallback steals
	 * the order-10 Movable block at 4096 (extfrag), then rmqueue_bulk
	 * takes batch = 15 pages (zone_locked, percpu_refill=1), then
	 * mm_page_alloc: 17 events, one microsecond apart.
	 */
	ck_assert_int_eq(mmsh_alloc(m, GFP_KERNEL, 0, NUMA_NO_NODE, NULL), 4096);
	ck_assert_uint_eq(r.n, 17);
	ck_assert_int_eq(r.ev[0].id, TRACE_MM_PAGE_ALLOC_EXTFRAG);
	snprintf(want, sizeof(want),
		 "            mmsh-1000    [000] d...     0.000122: mm_page_alloc_extfrag: page=%s "
		 "pfn=4096 alloc_order=0 fallback_order=10 pageblock_order=9 alloc_migratetype=0 "
		 "fallback_migratetype=1 fragmenting=0 change_ownership=1", ptr(4096));
	assert_line(&r.ev[0], want);
	snprintf(want, sizeof(want),
		 "            mmsh-1000    [000] d...     0.000123: mm_page_alloc_zone_locked: "
		 "page=%s pfn=4096 order=0 migratetype=0 percpu_refill=1", ptr(4096));
	assert_line(&r.ev[1], want);
	for (i = 1; i <= 15; i++) {
		ck_assert_int_eq(r.ev[i].id, TRACE_MM_PAGE_ALLOC_ZONE_LOCKED);
		ck_assert_uint_eq(r.ev[i].pfn, 4096 + (i - 1));
		ck_assert(r.ev[i].irqs_off);
	}
	snprintf(want, sizeof(want),
		 "            mmsh-1000    [000] ....     0.000138: mm_page_alloc: page=%s pfn=4096 "
		 "order=0 migratetype=0 gfp_flags=GFP_KERNEL", ptr(4096));
	assert_line(&r.ev[16], want);
	for (i = 1; i < r.n; i++)
		ck_assert_uint_eq(r.ev[i].ts_ns - r.ev[i - 1].ts_ns, TRACE_EVENT_NS);
	ck_assert_uint_eq(m->clock_ns, r.ev[16].ts_ns);
	machine_destroy(m);
}
END_TEST

START_TEST(failed_allocation_traces_a_null_page)
{
	struct machine *m = boot_preset("tiny");
	static struct recorder r;
	uint64_t before;

	record_events(m, &r);
	/* no zone at or below DMA: mm_page_alloc with page NULL, pfn 0 */
	ck_assert_int_eq(mmsh_alloc(m, GFP_DMA, 0, NUMA_NO_NODE, NULL), -1);
	ck_assert_uint_eq(r.n, 1);
	ck_assert_int_eq(r.ev[0].id, TRACE_MM_PAGE_ALLOC);
	ck_assert(!r.ev[0].has_page);
	ck_assert_ptr_nonnull(strstr(fmt_event(&r.ev[0]),
		": mm_page_alloc: page=0000000000000000 pfn=0 order=0 migratetype=0 gfp_flags=GFP_DMA"));
	/* order >= MAX_ORDER returns before the tracepoint: no event, no time */
	before = m->clock_ns;
	ck_assert_int_eq(mmsh_alloc(m, GFP_KERNEL, 6, NUMA_NO_NODE, NULL), -1);
	ck_assert_uint_eq(r.n, 1);
	ck_assert_uint_eq(m->clock_ns, before);
	machine_destroy(m);
}
END_TEST

START_TEST(irqs_off_column_follows_the_call_site)
{
	struct machine *m = boot_preset("default");
	static struct recorder r;
	struct mm_error e;
	size_t i;

	ck_assert_int_eq(mmsh_alloc(m, GFP_KERNEL, 0, NUMA_NO_NODE, NULL), 4096);
	record_events(m, &r);
	/* the free goes to the pcp list: mm_page_free before the irq-off section */
	ck_assert_int_eq(mmsh_free(m, 4096, 0, &e), 0);
	ck_assert_uint_eq(r.n, 1);
	ck_assert_int_eq(r.ev[0].id, TRACE_MM_PAGE_FREE);
	ck_assert_ptr_nonnull(strstr(fmt_event(&r.ev[0]), "] .... "));
	ck_assert_ptr_nonnull(strstr(fmt_event(&r.ev[0]), ": mm_page_free: "));
	/* draining under zone->lock: every mm_page_pcpu_drain shows d... */
	drain_local_pages(m, NULL);
	ck_assert_uint_eq(count_events(&r, TRACE_MM_PAGE_PCPU_DRAIN), 15);
	for (i = 1; i < r.n; i++) {
		ck_assert_int_eq(r.ev[i].id, TRACE_MM_PAGE_PCPU_DRAIN);
		ck_assert_ptr_nonnull(strstr(fmt_event(&r.ev[i]), "] d... "));
		ck_assert_ptr_nonnull(strstr(fmt_event(&r.ev[i]), " order=0 migratetype=0"));
	}
	/* free_pcppages_bulk takes from the tail: the coldest page first */
	ck_assert_uint_eq(r.ev[1].pfn, 4110);
	ck_assert_uint_eq(r.ev[15].pfn, 4096);
	/* an order-1 free goes straight to the buddy: mm_page_free, no drain */
	r.n = 0;
	ck_assert_int_eq(mmsh_alloc(m, GFP_KERNEL, 1, NUMA_NO_NODE, NULL), 4096);
	ck_assert_int_eq(r.ev[r.n - 1].id, TRACE_MM_PAGE_ALLOC);
	ck_assert(!r.ev[r.n - 1].irqs_off);
	ck_assert_ptr_nonnull(strstr(fmt_event(&r.ev[r.n - 2]), "] d... "));
	ck_assert_ptr_nonnull(strstr(fmt_event(&r.ev[r.n - 2]),
				     ": mm_page_alloc_zone_locked: "));
	ck_assert_ptr_nonnull(strstr(line, " pfn=4096 order=1 migratetype=0 percpu_refill=0"));
	r.n = 0;
	ck_assert_int_eq(mmsh_free(m, 4096, 1, &e), 0);
	ck_assert_uint_eq(r.n, 1);
	ck_assert_ptr_nonnull(strstr(fmt_event(&r.ev[0]), "] .... "));
	ck_assert_ptr_nonnull(strstr(line, ": mm_page_free: page="));
	ck_assert_ptr_nonnull(strstr(line, " pfn=4096 order=1"));
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

START_TEST(wakeup_kswapd_event)
{
	struct machine *m = boot_preset("tiny");
	static struct recorder r;
	size_t i;

	record_events(m, &r);
	/* GFP_NOWAIT below the low mark (40): the slow path wakes kswapd once */
	while (mmsh_alloc(m, GFP_NOWAIT, 0, NUMA_NO_NODE, NULL) >= 0)
		;
	ck_assert_uint_eq(count_events(&r, TRACE_MM_VMSCAN_WAKEUP_KSWAPD), 1);
	for (i = 0; i < r.n; i++)
		if (r.ev[i].id == TRACE_MM_VMSCAN_WAKEUP_KSWAPD)
			break;
	ck_assert_ptr_nonnull(strstr(fmt_event(&r.ev[i]), "] ....     0."));
	ck_assert_ptr_nonnull(strstr(line, ": mm_vmscan_wakeup_kswapd: nid=0 order=0 gfp_flags=GFP_NOWAIT"));
	machine_destroy(m);
}
END_TEST

/* ---- subscription and the clock --------------------------------------------------------- */

struct counter {
	size_t n[NR_TRACE_EVENTS];
	size_t total;
};

static void count_cb(const struct trace_event *ev, void *arg)
{
	struct counter *c = arg;

	c->n[ev->id]++;
	c->total++;
}

START_TEST(only_subscribed_events_are_delivered)
{
	struct machine *m = boot_preset("default");
	struct counter c;
	struct mm_error e;

	memset(&c, 0, sizeof(c));
	trace_subscribe(m, 1U << TRACE_MM_PAGE_ALLOC_ZONE_LOCKED, count_cb, &c);
	ck_assert(trace_enabled(m, TRACE_MM_PAGE_ALLOC_ZONE_LOCKED));
	ck_assert(!trace_enabled(m, TRACE_MM_PAGE_ALLOC));
	ck_assert_int_eq(mmsh_alloc(m, GFP_KERNEL, 0, NUMA_NO_NODE, NULL), 4096);
	ck_assert_uint_eq(c.total, 15);
	ck_assert_uint_eq(c.n[TRACE_MM_PAGE_ALLOC_ZONE_LOCKED], 15);

	/* two events */
	memset(&c, 0, sizeof(c));
	trace_subscribe(m, (1U << TRACE_MM_PAGE_ALLOC) | (1U << TRACE_MM_PAGE_FREE), count_cb, &c);
	ck_assert_int_eq(mmsh_alloc(m, GFP_KERNEL, 0, NUMA_NO_NODE, NULL), 4097);
	ck_assert_int_eq(mmsh_free(m, 4097, 0, &e), 0);
	ck_assert_uint_eq(c.total, 2);
	ck_assert_uint_eq(c.n[TRACE_MM_PAGE_ALLOC], 1);
	ck_assert_uint_eq(c.n[TRACE_MM_PAGE_FREE], 1);

	/* an empty mask, and no callback, deliver nothing */
	memset(&c, 0, sizeof(c));
	trace_subscribe(m, 0, count_cb, &c);
	ck_assert_int_eq(mmsh_alloc(m, GFP_KERNEL, 0, NUMA_NO_NODE, NULL), 4097);
	ck_assert_uint_eq(c.total, 0);
	trace_subscribe(m, TRACE_ALL_EVENTS, NULL, &c);
	ck_assert_uint_eq(m->trace_mask, 0);
	ck_assert(!trace_enabled(m, TRACE_MM_PAGE_ALLOC));
	ck_assert_int_eq(mmsh_alloc(m, GFP_KERNEL, 0, NUMA_NO_NODE, NULL), 4098);
	ck_assert_uint_eq(c.total, 0);
	/* bits beyond the known events are dropped */
	trace_subscribe(m, 0xffffffffU, count_cb, &c);
	ck_assert_uint_eq(m->trace_mask, TRACE_ALL_EVENTS);
	machine_destroy(m);
}
END_TEST

START_TEST(clock_advances_per_tracepoint_whether_traced_or_not)
{
	struct machine *a = boot_preset("default"), *b = boot_preset("default");
	static struct recorder r;
	uint64_t start;

	/* boot: one mm_page_free per chunk freed (4 + 60 order-10 chunks) */
	ck_assert_uint_eq(a->clock_ns, 64 * TRACE_EVENT_NS);
	record_events(a, &r);
	start = a->clock_ns;
	ck_assert_int_eq(mmsh_alloc(a, GFP_KERNEL, 3, NUMA_NO_NODE, NULL), 4096);
	ck_assert_int_eq(mmsh_alloc(b, GFP_KERNEL, 3, NUMA_NO_NODE, NULL), 4096);
	ck_assert_uint_gt(r.n, 0);
	ck_assert_uint_eq(a->clock_ns - start, r.n * TRACE_EVENT_NS);
	ck_assert_uint_eq(b->clock_ns, a->clock_ns);
	ck_assert_uint_eq(r.ev[0].ts_ns, start + TRACE_EVENT_NS);
	machine_destroy(a);
	machine_destroy(b);
}
END_TEST

START_TEST(events_carry_the_callers_context)
{
	struct machine *m = boot_preset("numa");
	static struct recorder r;
	struct mm_error e;

	ck_assert_int_eq(machine_set_cpu(m, 3, &e), 0);
	strcpy(m->current.comm, "bash");
	m->current.pid = 1234;
	record_events(m, &r);
	/* CPU 3 is on node 1: Normal of node 1 starts at 196608 */
	ck_assert_int_eq(mmsh_alloc(m, GFP_HIGHUSER_MOVABLE, 0, NUMA_NO_NODE, NULL), 196608);
	ck_assert_uint_gt(r.n, 0);
	ck_assert_str_eq(r.ev[0].comm, "bash");
	ck_assert_int_eq(r.ev[0].pid, 1234);
	ck_assert_int_eq(r.ev[0].cpu, 3);
	ck_assert_ptr_nonnull(strstr(fmt_event(&r.ev[r.n - 1]), "            bash-1234    [003] .... "));
	ck_assert_ptr_nonnull(strstr(line, ": mm_page_alloc: "));
	ck_assert_ptr_nonnull(strstr(line, " pfn=196608 order=0 migratetype=1 gfp_flags=GFP_HIGHUSER_MOVABLE"));
	machine_destroy(m);
}
END_TEST

/*
 * A pair through the pcp list: mm_page_alloc, then mm_page_free. Page
 * events are built with only the fields their TP_printk names (trace.h),
 * and the lines are the same as ever; their fields read back.
 */
START_TEST(pcp_pair_page_events_carry_their_fields)
{
	struct machine *m = boot_small();
	static struct recorder r;
	struct page *p;
	unsigned long pfn;
	char want[256];

	p = alloc_pages_nodemask(m, GFP_KERNEL, 0, 0, NULL);   /* refills the list */
	ck_assert_ptr_nonnull(p);
	set_page_count(p, 0);
	free_the_page(m, p, 0);
	record_events(m, &r);
	m->clock_ns = 5000000;
	p = alloc_pages_nodemask(m, GFP_KERNEL, 0, 0, NULL);
	ck_assert_ptr_nonnull(p);
	pfn = page_to_pfn(m, p);
	set_page_count(p, 0);
	free_the_page(m, p, 0);
	ck_assert_uint_eq(r.n, 2);
	ck_assert_int_eq(r.ev[0].id, TRACE_MM_PAGE_ALLOC);
	ck_assert(r.ev[0].has_page);
	ck_assert_uint_eq(r.ev[0].pfn, pfn);
	ck_assert_uint_eq(r.ev[0].order, 0);
	ck_assert_int_eq(r.ev[0].migratetype, MIGRATE_UNMOVABLE);
	ck_assert_uint_eq(r.ev[0].gfp_flags, GFP_KERNEL);
	ck_assert(!r.ev[0].irqs_off);
	ck_assert_uint_eq(r.ev[0].ts_ns, 5001000);
	snprintf(want, sizeof(want),
		 "            mmsh-1000    [000] ....     0.005001: mm_page_alloc: page=%s pfn=%lu "
		 "order=0 migratetype=0 gfp_flags=GFP_KERNEL", ptr(pfn), pfn);
	assert_line(&r.ev[0], want);
	ck_assert_int_eq(r.ev[1].id, TRACE_MM_PAGE_FREE);
	ck_assert(r.ev[1].has_page);
	ck_assert_uint_eq(r.ev[1].pfn, pfn);
	ck_assert_uint_eq(r.ev[1].order, 0);
	ck_assert(!r.ev[1].irqs_off);
	snprintf(want, sizeof(want),
		 "            mmsh-1000    [000] ....     0.005002: mm_page_free: page=%s pfn=%lu "
		 "order=0", ptr(pfn), pfn);
	assert_line(&r.ev[1], want);
	machine_destroy(m);
}
END_TEST

static Suite *trace_suite(void)
{
	Suite *s = suite_create("trace");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, context_prefix_layout);
	tcase_add_test(tc, timestamp_rounds_to_the_nearest_microsecond);
	tcase_add_test(tc, format_mm_page_alloc);
	tcase_add_test(tc, format_mm_page_free_and_batched);
	tcase_add_test(tc, format_mm_page_pcpu_drain);
	tcase_add_test(tc, format_mm_page_alloc_extfrag);
	tcase_add_test(tc, format_mm_vmscan_wakeup_kswapd);
	tcase_add_test(tc, trace_file_header);
	tcase_add_test(tc, event_names_and_lookup);
	tcase_add_test(tc, first_allocation_on_the_default_preset);
	tcase_add_test(tc, failed_allocation_traces_a_null_page);
	tcase_add_test(tc, irqs_off_column_follows_the_call_site);
	tcase_add_test(tc, wakeup_kswapd_event);
	tcase_add_test(tc, only_subscribed_events_are_delivered);
	tcase_add_test(tc, clock_advances_per_tracepoint_whether_traced_or_not);
	tcase_add_test(tc, events_carry_the_callers_context);
	tcase_add_test(tc, pcp_pair_page_events_carry_their_fields);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return run_suite(trace_suite());
}
