/*
 * src/engine/pcp.c: per-CPU page lists (mm/page_alloc.c of Linux 5.10).
 * Each CPU keeps a small stock of order-0 pages per zone, one list per
 * pcp migratetype, so most allocations and frees skip the zone lock. The
 * stock is refilled `batch` pages at a time and flushed `batch` pages at a
 * time when it reaches `high`. Taking one page and giving one back, the
 * fast path, are static inline in include/mmsh/pcp.h; this file sizes,
 * refills, flushes and drains.
 */
#include <stdio.h>

#include "mmsh/kstep.h"
#include "mmsh/list.h"
#include "mmsh/page_alloc.h"
#include "mmsh/pcp.h"
#include "mmsh/trace.h"

/*
 * zone_batchsize(): about a quarter of a thousandth of the zone, at most
 * 64 pages before rounding, rounded to 2^n - 1. Zones under 8192 pages get 0.
 */
int zone_batchsize(const struct zone *zone)
{
	unsigned long batch = zone_managed_pages(zone) / 1024;
	unsigned long n;

	if (batch * PAGE_SIZE > 1024 * 1024)
		batch = (1024 * 1024) / PAGE_SIZE;
	batch /= 4;
	if (batch < 1)
		batch = 1;
	n = batch + batch / 2;
	/* rounddown_pow_of_two(n) - 1 */
	return (int)((1UL << (63 - __builtin_clzl(n))) - 1);
}

/* pageset_set_batch(): high is six batches; batch at least 1. */
void pageset_set_batch(struct per_cpu_pageset *p, unsigned long batch)
{
	p->pcp.high = (int)(6 * batch);
	p->pcp.batch = (int)(batch > 1 ? batch : 1);
}

/* pageset_set_high(): batch is a quarter of high, at most PAGE_SHIFT * 8. */
void pageset_set_high(struct per_cpu_pageset *p, unsigned long high)
{
	unsigned long batch = high / 4 > 1 ? high / 4 : 1;

	if (high / 4 > PAGE_SHIFT * 8)
		batch = PAGE_SHIFT * 8;
	p->pcp.high = (int)high;
	p->pcp.batch = (int)batch;
}

void pageset_set_high_and_batch(struct zone *zone, struct per_cpu_pageset *p)
{
	int fraction = zone->machine->percpu_pagelist_fraction;

	if (fraction)
		pageset_set_high(p, zone_managed_pages(zone) / (unsigned long)fraction);
	else
		pageset_set_batch(p, (unsigned long)zone_batchsize(zone));
}

/*
 * setup_per_cpu_pageset(): every populated zone replaces the boot
 * pageset (high 0, batch 1) with its own sizes. Unpopulated zones keep
 * the boot values. Also used when percpu_pagelist_fraction changes; the
 * pages already cached stay where they are.
 */
void setup_per_cpu_pageset(struct machine *m)
{
	int nid, z, cpu;

	for (nid = 0; nid < m->nr_node_ids; nid++)
		for (z = 0; z < MAX_NR_ZONES; z++) {
			struct zone *zone = &m->node_data[nid]->node_zones[z];

			if (!populated_zone(zone))
				continue;
			for (cpu = 0; cpu < m->nr_cpus; cpu++)
				pageset_set_high_and_batch(zone, &zone->pageset[cpu]);
		}
}

/* The CPU whose pcp this is, for a step's text. */
static int pcp_cpu(const struct zone *zone, const struct per_cpu_pages *pcp)
{
	int cpu;

	for (cpu = 0; cpu < zone->machine->nr_cpus; cpu++)
		if (&zone->pageset[cpu].pcp == pcp)
			return cpu;
	return -1;
}

/*
 * rmqueue_bulk(): take `count` blocks from the buddy lists under one
 * zone lock and append them to the pcp list: split pages arrive in pfn
 * order, so the list ends up ascending. Returns the number taken.
 */
int rmqueue_bulk(struct zone *zone, unsigned int order, unsigned long count,
		 uint32_t list, int migratetype, unsigned int alloc_flags)
{
	struct machine *m = zone->machine;
	unsigned long i;
	int alloced = 0;

	KSTEP(m, "rmqueue_bulk",
	      "count=%lu: order-%u %s blocks from %s's buddy lists to cpu %d's pcp list, "
	      "under one zone->lock", count, order, migratetype_names[migratetype], zone->name,
	      m->current.cpu);
	for (i = 0; i < count; i++) {
		struct page *page = rmqueue_(zone, order, migratetype, alloc_flags);

		if (!page) {
			KSTEP(m, "rmqueue_bulk", "the buddy lists ran dry after %lu of %lu",
			      i, count);
			break;
		}
		list_add_tail(m->mem_map, (uint32_t)page_to_pfn(m, page), list);
		alloced++;
		if (page->index == MIGRATE_CMA)
			mod_zone_page_state(zone, NR_FREE_CMA_PAGES, -(1L << order));
		KSTEP(m, "rmqueue_bulk",
		      "pfn=0x%lx goes to the tail of cpu %d's %s pcp list (%lu of %lu)",
		      page_to_pfn(m, page), m->current.cpu, migratetype_names[migratetype],
		      i + 1, count);
	}
	mod_zone_page_state(zone, NR_FREE_PAGES, -(long)(i << order));
	KSTEP(m, "rmqueue_bulk", "%s NR_FREE_PAGES -= %lu: %ld", zone->name, i << order,
	      zone_page_state(zone, NR_FREE_PAGES));
	return alloced;
}

/*
 * free_pcppages_bulk(): give `count` pages back to the buddy lists. The
 * lists are visited round robin starting after UNMOVABLE (so MOVABLE
 * first); every probe of a list, empty or not, adds one to batch_free,
 * the number of pages the next non-empty list gives. When only one list
 * has pages it gives all that remain. Pages leave from the tail (the
 * coldest) and are freed in the order they were taken.
 */
void free_pcppages_bulk(struct zone *zone, int count, struct per_cpu_pages *pcp)
{
	struct machine *m = zone->machine;
	uint32_t head = m->scratch_list, id, next;
	int migratetype = 0, batch_free = 0;
	bool isolated_pageblocks;

	INIT_LIST_HEAD(m->mem_map, head);
	if (count > pcp->count)
		count = pcp->count;
	KSTEP(m, "free_pcppages_bulk", "cpu %d gives %d of its %d pcp pages of %s back, "
	      "round robin from the Movable list", pcp_cpu(zone, pcp), count, pcp->count,
	      zone->name);
	while (count) {
		uint32_t list;

		do {
			batch_free++;
			if (++migratetype == MIGRATE_PCPTYPES)
				migratetype = 0;
			list = pcp->lists[migratetype];
			if (m->kstep_cb && list_empty(m->mem_map, list))
				KSTEP(m, "free_pcppages_bulk",
				      "cpu %d's %s pcp list is empty: batch_free=%d",
				      pcp_cpu(zone, pcp), migratetype_names[migratetype],
				      batch_free);
		} while (list_empty(m->mem_map, list));

		if (batch_free == MIGRATE_PCPTYPES) {  /* only this list has pages */
			batch_free = count;
			KSTEP(m, "free_pcppages_bulk",
			      "only cpu %d's %s pcp list has pages: it gives all %d left",
			      pcp_cpu(zone, pcp), migratetype_names[migratetype], count);
		}
		do {
			id = list_last(m->mem_map, list);
			list_del(m->mem_map, id);
			pcp->count--;
			list_add_tail(m->mem_map, id, head);
			KSTEP(m, "free_pcppages_bulk",
			      "takes pfn=0x%x from the tail of cpu %d's %s pcp list "
			      "(batch_free=%d): count=%d, %d to go", id, pcp_cpu(zone, pcp),
			      migratetype_names[migratetype], batch_free, pcp->count, count - 1);
		} while (--count && --batch_free && !list_empty(m->mem_map, list));
	}

	isolated_pageblocks = zone->nr_isolate_pageblock != 0;
	for (id = list_first(m->mem_map, head); id != head; id = next) {
		struct page *page = &m->mem_map[id];
		int mt = (int)page->index;

		next = list_next(m->mem_map, id);
		if (isolated_pageblocks)
			mt = get_pageblock_migratetype(m, page);
		KSTEP(m, "free_pcppages_bulk", "gives pfn=0x%x back to the buddy lists as %s (%s)",
		      id, migratetype_names[mt], isolated_pageblocks
		      ? "its pageblock's type: the zone has isolated pageblocks"
		      : "the type recorded when it was freed");
		free_one_page_(page, id, zone, 0, mt, FPI_NONE);
		m->clock_ns += TRACE_EVENT_NS;
		if (trace_enabled(m, TRACE_MM_PAGE_PCPU_DRAIN)) {
			struct trace_event ev;   /* a page event: its own fields only */

			ev.id = TRACE_MM_PAGE_PCPU_DRAIN;
			ev.has_page = true;
			ev.pfn = id;
			ev.order = 0;
			ev.migratetype = mt;
			trace_emit(m, &ev, true);
		}
	}
	INIT_LIST_HEAD(m->mem_map, head);
}

/*
 * free_unref_page_list(): free a list of order-0 pages whose last
 * reference is gone (reclaim's freed pages): each is prepared (traced by
 * mm_page_free), then committed to the pcp list under one IRQ-off
 * section (traced by mm_page_free_batched). The list ends up empty.
 */
void free_unref_page_list(struct machine *m, uint32_t list)
{
	uint32_t id, next;

	KSTEP(m, "free_unref_page_list",
	      "prepares every page of the list, then commits each to a pcp list");
	for (id = list_first(m->mem_map, list); id != list; id = list_next(m->mem_map, id)) {
		struct page *page = &m->mem_map[id];

		free_pages_prepare(m, page, 0);   /* marks the page changed */
		page->index = (uint32_t)get_pfnblock_migratetype(m, id);
	}
	for (id = list_first(m->mem_map, list); id != list; id = next) {
		next = list_next(m->mem_map, id);
		list_del(m->mem_map, id);
		m->clock_ns += TRACE_EVENT_NS;
		if (trace_enabled(m, TRACE_MM_PAGE_FREE_BATCHED)) {
			struct trace_event ev;   /* a page event: its own fields only */

			ev.id = TRACE_MM_PAGE_FREE_BATCHED;
			ev.has_page = true;
			ev.pfn = id;
			ev.order = 0;
			trace_emit(m, &ev, true);
		}
		free_unref_page_commit(m, &m->mem_map[id], id);
	}
}

/* ---- draining ---------------------------------------------------------------- */

void drain_pages_zone(int cpu, struct zone *zone)
{
	struct per_cpu_pages *pcp = &zone->pageset[cpu].pcp;

	if (pcp->count) {
		KSTEP(zone->machine, "drain_pages_zone",
		      "cpu %d holds %d pcp pages of %s: free_pcppages_bulk(all of them)", cpu,
		      pcp->count, zone->name);
		free_pcppages_bulk(zone, pcp->count, pcp);
	} else {
		KSTEP(zone->machine, "drain_pages_zone", "cpu %d holds no pcp pages of %s", cpu,
		      zone->name);
	}
}

void drain_pages(struct machine *m, int cpu)
{
	int nid, z;

	KSTEP(m, "drain_pages", "cpu %d: every populated zone", cpu);
	for (nid = 0; nid < m->nr_node_ids; nid++)
		for (z = 0; z < MAX_NR_ZONES; z++) {
			struct zone *zone = &m->node_data[nid]->node_zones[z];

			if (populated_zone(zone))
				drain_pages_zone(cpu, zone);
		}
}

void drain_local_pages(struct machine *m, struct zone *zone)
{
	KSTEP(m, "drain_local_pages", "cpu %d drains its pcp lists of %s", m->current.cpu,
	      zone ? zone->name : "every zone");
	if (zone)
		drain_pages_zone(m->current.cpu, zone);
	else
		drain_pages(m, m->current.cpu);
}

static bool cpu_has_pcp_pages(struct machine *m, int cpu, struct zone *zone)
{
	int nid, z;

	if (zone)
		return zone->pageset[cpu].pcp.count != 0;
	for (nid = 0; nid < m->nr_node_ids; nid++)
		for (z = 0; z < MAX_NR_ZONES; z++)
			if (m->node_data[nid]->node_zones[z].pageset[cpu].pcp.count)
				return true;
	return false;
}

/*
 * drain_all_pages(): the kernel queues drain_local_pages() as work on
 * every CPU holding pcp pages and waits; each runs in that CPU's kworker.
 * mmsh runs them one after another in CPU order, as those kworkers.
 */
void drain_all_pages(struct machine *m, struct zone *zone)
{
	struct task_context saved = m->current;
	bool has[MAX_CPUS];
	int cpu;

	for (cpu = 0; cpu < m->nr_cpus; cpu++)
		has[cpu] = cpu_has_pcp_pages(m, cpu, zone);
	for (cpu = 0; cpu < m->nr_cpus; cpu++) {
		KSTEP(m, "drain_all_pages", "cpu %d %s pcp pages%s%s: %s", cpu,
		      has[cpu] ? "holds" : "holds no", zone ? " of " : "", zone ? zone->name : "",
		      has[cpu] ? "its kworker runs drain_local_pages" : "skipped");
		if (!has[cpu])
			continue;
		m->current.cpu = cpu;
		m->current.pid = 20 + cpu;
		snprintf(m->current.comm, sizeof(m->current.comm), "kworker/%u:1",
			 (unsigned int)cpu % MAX_CPUS);
		drain_local_pages(m, zone);
	}
	m->current = saved;
}

unsigned long zone_pcp_pages(const struct zone *zone)
{
	unsigned long sum = 0;
	int cpu;

	for (cpu = 0; cpu < zone->machine->nr_cpus; cpu++)
		sum += (unsigned long)zone->pageset[cpu].pcp.count;
	return sum;
}
