/*
 * src/engine/trace.c: tracepoints. The engine stamps each event with the
 * caller's comm, pid and CPU and the simulated clock, hands it to the one
 * subscriber, and formats it as kernel/trace/trace_output.c would print it
 * with the TP_printk strings of include/trace/events/kmem.h and vmscan.h.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "mmsh/compaction.h"
#include "mmsh/lru.h"
#include "mmsh/page.h"
#include "mmsh/trace.h"

static const char *const event_names[NR_TRACE_EVENTS] = {
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

/* show_reclaim_flags(): the RECLAIM_WB_* bits, ANON FILE MIXED SYNC ASYNC. */
static void format_reclaim_flags(struct strbuf *sb, int flags)
{
	static const struct { int bit; const char *name; } names[] = {
		{ RECLAIM_WB_ANON, "RECLAIM_WB_ANON" }, { RECLAIM_WB_FILE, "RECLAIM_WB_FILE" },
		{ RECLAIM_WB_MIXED, "RECLAIM_WB_MIXED" }, { RECLAIM_WB_SYNC, "RECLAIM_WB_SYNC" },
		{ RECLAIM_WB_ASYNC, "RECLAIM_WB_ASYNC" },
	};
	bool first = true;
	size_t i;

	if (!flags) {
		sb_puts(sb, "RECLAIM_WB_NONE");
		return;
	}
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (flags & names[i].bit) {
			sb_printf(sb, "%s%s", first ? "" : "|", names[i].name);
			first = false;
		}
}

static const char *const compact_priority_names[] = {
	"COMPACT_PRIO_SYNC_FULL", "COMPACT_PRIO_SYNC_LIGHT", "COMPACT_PRIO_ASYNC",
};

/* compact_result_to_feedback(): how compact_retry summarises a result. */
static const char *compaction_feedback(int result)
{
	if (result == COMPACT_COMPLETE)
		return "failed";
	if (result == COMPACT_SUCCESS)
		return "progress";
	/* 5.10's compaction_withdrawn(): SKIPPED is compaction_needs_reclaim() instead */
	if (result == COMPACT_DEFERRED || result == COMPACT_CONTENDED ||
	    result == COMPACT_PARTIAL_SKIPPED)
		return "withdrawn";
	return "progress";
}

static const char *zone_name_of(int zid)
{
	return zid >= 0 && zid < MAX_NR_ZONES ? zone_names[zid] : "?";
}

const char *trace_event_name(enum trace_event_id id)
{
	return id < NR_TRACE_EVENTS ? event_names[id] : "?";
}

int trace_event_lookup(const char *name)
{
	int i;

	for (i = 0; i < NR_TRACE_EVENTS; i++)
		if (strcmp(name, event_names[i]) == 0)
			return i;
	return -1;
}

void trace_subscribe(struct machine *m, uint64_t mask, trace_fn fn, void *arg)
{
	m->trace_mask = fn ? (mask & TRACE_ALL_EVENTS) : 0;
	m->trace_cb = fn;
	m->trace_arg = arg;
}

/*
 * page_ptr_hash(): 5.10 prints %p as a siphash of the pointer, keyed at
 * boot; mmsh cannot reproduce it and prints a fixed mix of the pfn instead
 * (a 32-bit finalizer, so neighbouring pfns look unrelated, as they do).
 */
uint32_t page_ptr_hash(unsigned long pfn)
{
	uint32_t x = (uint32_t)pfn * 0x9e3779b1U + 0x7f4a7c15U;

	x ^= x >> 16;
	x *= 0x85ebca6bU;
	x ^= x >> 13;
	x *= 0xc2b2ae35U;
	x ^= x >> 16;
	return x;
}

static void format_page(struct strbuf *sb, const struct trace_event *ev)
{
	if (ev->has_page)
		sb_printf(sb, "page=%016lx pfn=%lu", (unsigned long)page_ptr_hash(ev->pfn),
			  ev->pfn);
	else
		sb_puts(sb, "page=0000000000000000 pfn=0");
}

void trace_format(const struct trace_event *ev, struct strbuf *sb)
{
	char gfp[256];
	/* ns2usecs(): rounded to the nearest microsecond, then split */
	uint64_t t = (ev->ts_ns + 500) / 1000;
	unsigned long usec = (unsigned long)(t % 1000000);
	unsigned long sec = (unsigned long)(t / 1000000);

	/* "%16s-%-7d [%03d] %s %5lu.%06lu: %s: " */
	sb_printf(sb, "%16s-%-7d [%03d] %s %5lu.%06lu: %s: ", ev->comm, ev->pid,
		  ev->cpu, ev->irqs_off ? "d..." : "....", sec, usec,
		  trace_event_name(ev->id));
	switch (ev->id) {
	case TRACE_MM_PAGE_ALLOC:
		format_page(sb, ev);
		sb_printf(sb, " order=%u migratetype=%d gfp_flags=%s", ev->order,
			  ev->migratetype,
			  gfp_format(ev->gfp_flags, true, gfp, sizeof(gfp)));
		break;
	case TRACE_MM_PAGE_FREE:
		format_page(sb, ev);
		sb_printf(sb, " order=%u", ev->order);
		break;
	case TRACE_MM_PAGE_FREE_BATCHED:
		format_page(sb, ev);
		sb_puts(sb, " order=0");
		break;
	case TRACE_MM_PAGE_ALLOC_ZONE_LOCKED:
		format_page(sb, ev);
		sb_printf(sb, " order=%u migratetype=%d percpu_refill=%d",
			  ev->order, ev->migratetype, ev->percpu_refill);
		break;
	case TRACE_MM_PAGE_PCPU_DRAIN:
		format_page(sb, ev);
		sb_printf(sb, " order=%u migratetype=%d", ev->order,
			  ev->migratetype);
		break;
	case TRACE_MM_PAGE_ALLOC_EXTFRAG:
		format_page(sb, ev);
		sb_printf(sb,
			  " alloc_order=%u fallback_order=%d pageblock_order=%d alloc_migratetype=%d fallback_migratetype=%d fragmenting=%d change_ownership=%d",
			  ev->order, ev->fallback_order, ev->pageblock_order,
			  ev->alloc_migratetype, ev->fallback_migratetype,
			  ev->fragmenting, ev->change_ownership);
		break;
	case TRACE_MM_VMSCAN_WAKEUP_KSWAPD:
		sb_printf(sb, "nid=%d order=%u gfp_flags=%s", ev->nid, ev->order,
			  gfp_format(ev->gfp_flags, true, gfp, sizeof(gfp)));
		break;
	case TRACE_MM_VMSCAN_KSWAPD_SLEEP:
	case TRACE_MM_COMPACTION_KCOMPACTD_SLEEP:
		sb_printf(sb, "nid=%d", ev->nid);
		break;
	case TRACE_MM_VMSCAN_KSWAPD_WAKE:
		sb_printf(sb, "nid=%d order=%u", ev->nid, ev->order);
		break;
	case TRACE_MM_VMSCAN_DIRECT_RECLAIM_BEGIN:
		sb_printf(sb, "order=%u gfp_flags=%s", ev->order,
			  gfp_format(ev->gfp_flags, true, gfp, sizeof(gfp)));
		break;
	case TRACE_MM_VMSCAN_DIRECT_RECLAIM_END:
		sb_printf(sb, "nr_reclaimed=%lu", ev->nr_reclaimed);
		break;
	case TRACE_MM_VMSCAN_LRU_ISOLATE:
		sb_printf(sb,
			  "isolate_mode=%d classzone=%d order=%u nr_requested=%lu nr_scanned=%lu nr_skipped=%lu nr_taken=%lu lru=%s",
			  ev->isolate_mode, ev->zid, ev->order, ev->nr_requested, ev->nr_scanned,
			  ev->nr_skipped, ev->nr_taken,
			  ev->lru >= 0 && ev->lru < NR_LRU_LISTS ? lru_names[ev->lru] : "?");
		break;
	case TRACE_MM_VMSCAN_WRITEPAGE:
		format_page(sb, ev);
		sb_puts(sb, " flags=");
		format_reclaim_flags(sb, ev->reclaim_flags);
		break;
	case TRACE_MM_VMSCAN_LRU_SHRINK_INACTIVE:
		sb_printf(sb,
			  "nid=%d nr_scanned=%lu nr_reclaimed=%lu nr_dirty=%lu nr_writeback=%lu nr_congested=%lu nr_immediate=%lu nr_activate_anon=%u nr_activate_file=%u nr_ref_keep=%lu nr_unmap_fail=%lu priority=%d flags=",
			  ev->nid, ev->nr_scanned, ev->nr_reclaimed, ev->nr_dirty, ev->nr_writeback,
			  ev->nr_congested, ev->nr_immediate, ev->nr_activate_anon,
			  ev->nr_activate_file, ev->nr_ref_keep, ev->nr_unmap_fail, ev->priority);
		format_reclaim_flags(sb, ev->reclaim_flags);
		break;
	case TRACE_MM_VMSCAN_LRU_SHRINK_ACTIVE:
		sb_printf(sb,
			  "nid=%d nr_taken=%lu nr_active=%lu nr_deactivated=%lu nr_referenced=%lu priority=%d flags=",
			  ev->nid, ev->nr_taken, ev->nr_active, ev->nr_deactivated,
			  ev->nr_referenced, ev->priority);
		format_reclaim_flags(sb, ev->reclaim_flags);
		break;
	case TRACE_MM_COMPACTION_ISOLATE_MIGRATEPAGES:
	case TRACE_MM_COMPACTION_ISOLATE_FREEPAGES:
		sb_printf(sb, "range=(0x%lx ~ 0x%lx) nr_scanned=%lu nr_taken=%lu", ev->start_pfn,
			  ev->end_pfn, ev->nr_scanned, ev->nr_taken);
		break;
	case TRACE_MM_COMPACTION_MIGRATEPAGES:
		sb_printf(sb, "nr_migrated=%lu nr_failed=%lu", ev->nr_migrated, ev->nr_failed);
		break;
	case TRACE_MM_COMPACTION_BEGIN:
	case TRACE_MM_COMPACTION_END:
		sb_printf(sb, "zone_start=0x%lx migrate_pfn=0x%lx free_pfn=0x%lx zone_end=0x%lx, mode=%s",
			  ev->zone_start, ev->migrate_pfn, ev->free_pfn, ev->zone_end,
			  ev->sync ? "sync" : "async");
		if (ev->id == TRACE_MM_COMPACTION_END)
			sb_printf(sb, " status=%s", compact_result_name((enum compact_result)ev->status));
		break;
	case TRACE_MM_COMPACTION_TRY_TO_COMPACT_PAGES:
		sb_printf(sb, "order=%d gfp_mask=%s priority=%d", (int)ev->order,
			  gfp_format(ev->gfp_flags, true, gfp, sizeof(gfp)), ev->priority);
		break;
	case TRACE_MM_COMPACTION_FINISHED:
	case TRACE_MM_COMPACTION_SUITABLE:
		sb_printf(sb, "node=%d zone=%-8s order=%d ret=%s", ev->nid, zone_name_of(ev->zid),
			  (int)ev->order, compact_result_name((enum compact_result)ev->status));
		break;
	case TRACE_MM_COMPACTION_DEFERRED:
	case TRACE_MM_COMPACTION_DEFER_COMPACTION:
	case TRACE_MM_COMPACTION_DEFER_RESET:
		sb_printf(sb, "node=%d zone=%-8s order=%d order_failed=%d consider=%u limit=%lu",
			  ev->nid, zone_name_of(ev->zid), (int)ev->order, ev->order_failed,
			  ev->considered, 1UL << ev->defer_shift);
		break;
	case TRACE_MM_COMPACTION_WAKEUP_KCOMPACTD:
	case TRACE_MM_COMPACTION_KCOMPACTD_WAKE:
		sb_printf(sb, "nid=%d order=%d classzone_idx=%-8s", ev->nid, (int)ev->order,
			  zone_name_of(ev->zid));
		break;
	case TRACE_RECLAIM_RETRY_ZONE:
		sb_printf(sb,
			  "node=%d zone=%-8s order=%u reclaimable=%lu available=%lu min_wmark=%lu no_progress_loops=%d wmark_check=%d",
			  ev->nid, zone_name_of(ev->zid), ev->order, ev->reclaimable, ev->available,
			  ev->min_wmark, ev->no_progress_loops, ev->wmark_check);
		break;
	case TRACE_COMPACT_RETRY:
		sb_printf(sb,
			  "order=%u priority=%s compaction_result=%s retries=%d max_retries=%d should_retry=%d",
			  ev->order,
			  ev->priority >= 0 && ev->priority <= 2 ? compact_priority_names[ev->priority] : "?",
			  compaction_feedback(ev->status), ev->retries, ev->max_retries,
			  ev->should_retry);
		break;
	case TRACE_MARK_VICTIM:
		sb_printf(sb, "pid=%d", ev->pid_arg);
		break;
	case NR_TRACE_EVENTS:
		break;
	}
}

void trace_header(struct strbuf *sb, unsigned long entries, int nr_cpus)
{
	sb_puts(sb, "# tracer: nop\n#\n");
	sb_printf(sb, "# entries-in-buffer/entries-written: %lu/%lu   #P:%d\n",
		  entries, entries, nr_cpus);
	sb_puts(sb,
		"#\n"
		"#                                _-----=> irqs-off\n"
		"#                               / _----=> need-resched\n"
		"#                              | / _---=> hardirq/softirq\n"
		"#                              || / _--=> preempt-depth\n"
		"#                              ||| /     delay\n"
		"#           TASK-PID     CPU#  ||||   TIMESTAMP  FUNCTION\n"
		"#              | |         |   ||||      |         |\n");
}

void printk_subscribe(struct machine *m, void (*fn)(const char *line, void *arg), void *arg)
{
	m->log_cb = fn;
	m->log_arg = arg;
}

void printk(struct machine *m, const char *fmt, ...)
{
	char text[1024], line[1100];
	uint64_t t = m->clock_ns / 1000;   /* printk's clock: microseconds */
	const char *p = text;
	va_list ap;

	if (!m->log_cb)
		return;
	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	while (*p) {
		const char *nl = strchr(p, '\n');
		int len = nl ? (int)(nl - p) : (int)strlen(p);

		snprintf(line, sizeof(line), "[%5lu.%06lu] %.*s", (unsigned long)(t / 1000000),
			 (unsigned long)(t % 1000000), len, p);
		m->log_cb(line, m->log_arg);
		p += len + (nl ? 1 : 0);
	}
}
