/*
 * include/mmsh/trace.h: the kernel's tracepoints (include/trace/events/
 * kmem.h and vmscan.h) as events delivered to one callback. A front end
 * subscribes with a mask of the events it wants and formats each one with
 * trace_format(), which writes the line ftrace would print.
 */
#ifndef MMSH_TRACE_H
#define MMSH_TRACE_H

#include <stdbool.h>
#include <stdint.h>

#include "mmsh/gfp.h"
#include "mmsh/mmzone.h"
#include "mmsh/strbuf.h"

enum trace_event_id {
	TRACE_MM_PAGE_ALLOC,
	TRACE_MM_PAGE_FREE,
	TRACE_MM_PAGE_FREE_BATCHED,
	TRACE_MM_PAGE_ALLOC_ZONE_LOCKED,
	TRACE_MM_PAGE_PCPU_DRAIN,
	TRACE_MM_PAGE_ALLOC_EXTFRAG,
	TRACE_MM_VMSCAN_WAKEUP_KSWAPD,
	NR_TRACE_EVENTS
};

#define TRACE_ALL_EVENTS ((1U << NR_TRACE_EVENTS) - 1)

struct trace_event {
	enum trace_event_id id;
	/* context: who, where, when */
	const char *comm;
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
};

/* The event's name as ftrace prints it ("mm_page_alloc"). */
const char *trace_event_name(enum trace_event_id id);
/* Look up an event by name; -1 when unknown. */
int trace_event_lookup(const char *name);

/* trace_subscribe(): deliver the events in `mask` to fn (NULL: none). */
void trace_subscribe(struct machine *m, uint32_t mask, trace_fn fn, void *arg);

static inline bool trace_enabled(const struct machine *m,
				 enum trace_event_id id)
{
	return (m->trace_mask >> id) & 1U;
}

/* trace_emit(): stamp the context onto ev and hand it to the subscriber. */
void trace_emit(struct machine *m, struct trace_event *ev, bool irqs_off);

/* trace_format(): one ftrace line, without the newline. */
void trace_format(const struct trace_event *ev, struct strbuf *sb);

/* trace_header(): the "# tracer: nop" header of the trace file. */
void trace_header(struct strbuf *sb, unsigned long entries, int nr_cpus);

/* The simulated clock advances this much per traced event. */
#define TRACE_EVENT_NS 1000ULL

#endif
