/*
 * src/engine/trace.c: tracepoints. The engine stamps each event with the
 * caller's comm, pid and CPU and the simulated clock, hands it to the one
 * subscriber, and formats it as kernel/trace/trace_output.c would print it
 * with the TP_printk strings of include/trace/events/kmem.h and vmscan.h.
 */
#include <stdio.h>
#include <string.h>

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
};

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

void trace_subscribe(struct machine *m, uint32_t mask, trace_fn fn, void *arg)
{
	m->trace_mask = fn ? (mask & TRACE_ALL_EVENTS) : 0;
	m->trace_cb = fn;
	m->trace_arg = arg;
}

void trace_emit(struct machine *m, struct trace_event *ev, bool irqs_off)
{
	ev->comm = m->current.comm;
	ev->pid = m->current.pid;
	ev->cpu = m->current.cpu;
	ev->irqs_off = irqs_off;
	ev->ts_ns = m->clock_ns;
	if (m->trace_cb)
		m->trace_cb(ev, m->trace_arg);
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
