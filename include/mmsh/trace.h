/*
 * include/mmsh/trace.h: the kernel's tracepoints (include/trace/events/
 * kmem.h, vmscan.h, compaction.h and oom.h) as events delivered to one callback. A front end
 * subscribes with a mask of the events it wants and formats each one with
 * trace_format(), which writes the line ftrace would print.
 */
#ifndef MMSH_TRACE_H
#define MMSH_TRACE_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "mmsh/gfp.h"
#include "mmsh/mmzone.h"
#include "mmsh/strbuf.h"

/* The simulated clock advances this much per traced event. */
#define TRACE_EVENT_NS 1000ULL

enum trace_event_id {
	TRACE_MM_PAGE_ALLOC,
	TRACE_MM_PAGE_FREE,
	TRACE_MM_PAGE_FREE_BATCHED,
	TRACE_MM_PAGE_ALLOC_ZONE_LOCKED,
	TRACE_MM_PAGE_PCPU_DRAIN,
	TRACE_MM_PAGE_ALLOC_EXTFRAG,
	TRACE_MM_VMSCAN_WAKEUP_KSWAPD,
	/* include/trace/events/vmscan.h */
	TRACE_MM_VMSCAN_KSWAPD_SLEEP,
	TRACE_MM_VMSCAN_KSWAPD_WAKE,
	TRACE_MM_VMSCAN_DIRECT_RECLAIM_BEGIN,
	TRACE_MM_VMSCAN_DIRECT_RECLAIM_END,
	TRACE_MM_VMSCAN_LRU_ISOLATE,
	TRACE_MM_VMSCAN_WRITEPAGE,
	TRACE_MM_VMSCAN_LRU_SHRINK_INACTIVE,
	TRACE_MM_VMSCAN_LRU_SHRINK_ACTIVE,
	/* include/trace/events/compaction.h */
	TRACE_MM_COMPACTION_ISOLATE_MIGRATEPAGES,
	TRACE_MM_COMPACTION_ISOLATE_FREEPAGES,
	TRACE_MM_COMPACTION_MIGRATEPAGES,
	TRACE_MM_COMPACTION_BEGIN,
	TRACE_MM_COMPACTION_END,
	TRACE_MM_COMPACTION_TRY_TO_COMPACT_PAGES,
	TRACE_MM_COMPACTION_FINISHED,
	TRACE_MM_COMPACTION_SUITABLE,
	TRACE_MM_COMPACTION_DEFERRED,
	TRACE_MM_COMPACTION_DEFER_COMPACTION,
	TRACE_MM_COMPACTION_DEFER_RESET,
	TRACE_MM_COMPACTION_KCOMPACTD_SLEEP,
	TRACE_MM_COMPACTION_WAKEUP_KCOMPACTD,
	TRACE_MM_COMPACTION_KCOMPACTD_WAKE,
	/* include/trace/events/oom.h: the slow path's retry decisions */
	TRACE_RECLAIM_RETRY_ZONE,
	TRACE_COMPACT_RETRY,
	TRACE_MARK_VICTIM,
	NR_TRACE_EVENTS
};

#define TRACE_ALL_EVENTS ((1ULL << NR_TRACE_EVENTS) - 1)

/*
 * One event. trace_emit() stamps the context on every event. Of the other
 * fields, an event uses the ones its TP_printk names; most events are
 * built zeroed, but the page events of the allocator's fast path
 * (mm_page_alloc, mm_page_free, mm_page_free_batched,
 * mm_page_alloc_zone_locked, mm_page_pcpu_drain) set only their own, as
 * the kernel's ring-buffer entries hold only those: zeroing this whole
 * structure would cost more than all the rest of delivering the event.
 * A subscriber reads the fields of the event's TP_printk, nothing else.
 */
struct trace_event {
	enum trace_event_id id;
	/* context: who, where, when */
	char comm[16];             /* copied: the caller may change before it is read */
	int pid;
	int cpu;
	bool irqs_off;             /* raised with IRQs disabled: "d..." */
	uint64_t ts_ns;
	/* fields; each event uses the ones its TP_printk names */
	bool has_page;             /* false: page=0000000000000000 pfn=0 */
	unsigned long pfn;
	unsigned int order;
	int migratetype;
	gfp_t gfp_flags;
	int percpu_refill;
	int fallback_order;
	int pageblock_order;
	int alloc_migratetype;
	int fallback_migratetype;
	int fragmenting;
	int change_ownership;
	int nid;
	int zid;
	/* vmscan events */
	unsigned long nr_requested, nr_scanned, nr_skipped, nr_taken;
	int isolate_mode, lru;
	unsigned long nr_reclaimed, nr_dirty, nr_writeback, nr_congested, nr_immediate;
	unsigned int nr_activate_anon, nr_activate_file;
	unsigned long nr_ref_keep, nr_unmap_fail;
	unsigned long nr_active, nr_deactivated, nr_referenced;
	int priority;
	int reclaim_flags;         /* RECLAIM_WB_* bits */
	/* compaction events */
	unsigned long start_pfn, end_pfn;          /* range=(start ~ end) */
	unsigned long zone_start, migrate_pfn, free_pfn, zone_end;
	bool sync;
	int status;                /* enum compact_result */
	unsigned long nr_migrated, nr_failed;
	unsigned int considered;
	unsigned int defer_shift;
	int order_failed;
	/* reclaim_retry_zone and compact_retry */
	unsigned long reclaimable, available, min_wmark;
	int no_progress_loops, wmark_check;
	int retries, max_retries, should_retry;
	int pid_arg;               /* mark_victim */
};

/* trace_reclaim_flags(): RECLAIM_WB_* of include/trace/events/vmscan.h */
#define RECLAIM_WB_ANON  0x0001u
#define RECLAIM_WB_FILE  0x0002u
#define RECLAIM_WB_MIXED 0x0010u
#define RECLAIM_WB_SYNC  0x0004u
#define RECLAIM_WB_ASYNC 0x0008u

/* The event's name as ftrace prints it ("mm_page_alloc"). */
const char *trace_event_name(enum trace_event_id id);
/* Look up an event by name; -1 when unknown. */
int trace_event_lookup(const char *name);

/* trace_subscribe(): deliver the events in `mask` to fn (NULL: none). */
void trace_subscribe(struct machine *m, uint64_t mask, trace_fn fn, void *arg);

static inline bool trace_enabled(const struct machine *m,
				 enum trace_event_id id)
{
	return (m->trace_mask >> id) & 1ULL;
}

/* A tracepoint site: the clock moves on; true when someone listens. */
static inline bool trace_point(struct machine *m, enum trace_event_id id)
{
	m->clock_ns += TRACE_EVENT_NS;
	return trace_enabled(m, id);
}

/*
 * trace_emit(): stamp the context onto ev and hand it to the subscriber.
 * Inline: the event is built in the caller's frame, and a page event's
 * context is most of its work.
 */
static inline void trace_emit(struct machine *m, struct trace_event *ev, bool irqs_off)
{
	memcpy(ev->comm, m->current.comm, sizeof(ev->comm));
	ev->comm[sizeof(ev->comm) - 1] = '\0';
	ev->pid = m->current.pid;
	ev->cpu = m->current.cpu;
	ev->irqs_off = irqs_off;
	ev->ts_ns = m->clock_ns;
	if (m->trace_cb)
		m->trace_cb(ev, m->trace_arg);
}

/* trace_format(): one ftrace line, without the newline. */
void trace_format(const struct trace_event *ev, struct strbuf *sb);

/* trace_header(): the "# tracer: nop" header of the trace file. */
void trace_header(struct strbuf *sb, unsigned long entries, int nr_cpus);


#endif
