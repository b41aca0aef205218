/*
 * include/mmsh/pcp.h: the per-CPU page lists of Linux 5.10 (order 0 only):
 * sizing from zone_batchsize(), refill with rmqueue_bulk(), freeing with
 * free_unref_page_commit() and free_pcppages_bulk()'s round robin, drains.
 *
 * Taking a page from a list and putting one back are the allocator's
 * fast path, paid by nearly every order-0 allocation and free: they are
 * always inlined here (the kernel's are static in mm/page_alloc.c), so the
 * fast path makes no call; the refill, the flush and the drains, which
 * touch many pages, are in src/engine/pcp.c.
 */
#ifndef MMSH_PCP_H
#define MMSH_PCP_H

#include "mmsh/gfp.h"
#include "mmsh/kstep.h"
#include "mmsh/list.h"
#include "mmsh/mmzone.h"
#include "mmsh/page_alloc.h"

int zone_batchsize(const struct zone *zone);
void pageset_set_batch(struct per_cpu_pageset *p, unsigned long batch);
void pageset_set_high(struct per_cpu_pageset *p, unsigned long high);
void pageset_set_high_and_batch(struct zone *zone, struct per_cpu_pageset *p);
/* setup_per_cpu_pageset(): every zone, every CPU (boot and sysctl). */
void setup_per_cpu_pageset(struct machine *m);

int rmqueue_bulk(struct zone *zone, unsigned int order, unsigned long count,
		 uint32_t list, int migratetype, unsigned int alloc_flags);
void free_pcppages_bulk(struct zone *zone, int count,
			struct per_cpu_pages *pcp);
/* free_unref_page_list(): free every page on the list (refcounts already 0). */
void free_unref_page_list(struct machine *m, uint32_t list);

void drain_pages_zone(int cpu, struct zone *zone);
void drain_pages(struct machine *m, int cpu);
/* drain_local_pages(): the current CPU; zone NULL means every zone. */
void drain_local_pages(struct machine *m, struct zone *zone);
/* drain_all_pages(): every CPU that holds pcp pages, in CPU order. */
void drain_all_pages(struct machine *m, struct zone *zone);

/* Pages on the pcp lists of a zone, summed over CPUs. */
unsigned long zone_pcp_pages(const struct zone *zone);

/* ---- the fast path ---------------------------------------------------- */

/*
 * __rmqueue_pcplist(): refill an empty list with `batch` pages, then hand
 * out the page at its head (the most recently freed, or the lowest pfn
 * of a fresh refill).
 */
static inline __attribute__((always_inline))
struct page *rmqueue_pcplist_(struct zone *zone, int migratetype, unsigned int alloc_flags,
			      struct per_cpu_pages *pcp, uint32_t list)
{
	struct machine *m = zone->machine;
	uint32_t id;

	if (list_empty(m->mem_map, list)) {
		KSTEP(m, "__rmqueue_pcplist",
		      "cpu %d's %s pcp list is empty: rmqueue_bulk(batch=%d)",
		      m->current.cpu, migratetype_names[migratetype], pcp->batch);
		pcp->count += rmqueue_bulk(zone, 0, (unsigned long)pcp->batch, list,
					   migratetype, alloc_flags);
		if (list_empty(m->mem_map, list)) {
			KSTEP(m, "__rmqueue_pcplist", "still empty after the refill: returns NULL");
			return NULL;
		}
	}
	id = list_first(m->mem_map, list);
	list_del(m->mem_map, id);
	pcp->count--;
	KSTEP(m, "__rmqueue_pcplist",
	      "takes pfn=0x%x from the head of cpu %d's %s pcp list: count=%d",
	      id, m->current.cpu, migratetype_names[migratetype], pcp->count);
	return &m->mem_map[id];
}

/* rmqueue_pcplist(): one order-0 page from the current CPU's list. */
static inline __attribute__((always_inline))
struct page *rmqueue_pcplist(struct zone *preferred_zone, struct zone *zone,
			     gfp_t gfp_flags, int migratetype, unsigned int alloc_flags)
{
	struct per_cpu_pages *pcp = this_cpu_pcp(zone);
	struct page *page;

	(void)gfp_flags;
	KSTEP(zone->machine, "rmqueue_pcplist",
	      "cpu %d's %s pcp list of %s: count=%d high=%d batch=%d", zone->machine->current.cpu,
	      migratetype_names[migratetype], zone->name, pcp->count, pcp->high, pcp->batch);
	page = rmqueue_pcplist_(zone, migratetype, alloc_flags, pcp,
				pcp->lists[migratetype]);
	if (page) {
		count_vm_events(zone->machine,
				(enum vm_event_item)(PGALLOC_DMA + page_zonenum(page)), 1);
		zone_statistics(preferred_zone, zone);
	}
	return page;
}

/*
 * free_unref_page_commit(): a freed order-0 page goes to the head of its
 * pcp list (hot, LIFO); HIGHATOMIC and CMA pages use the MOVABLE list,
 * isolated ones go straight to the buddy. Reaching `high` flushes `batch`.
 */
static inline __attribute__((always_inline))
void free_unref_page_commit(struct machine *m, struct page *page, unsigned long pfn)
{
	struct zone *zone = page_zone(m, page);
	struct per_cpu_pages *pcp;
	int migratetype = (int)page->index;

	count_vm_events(m, PGFREE, 1);
	if (migratetype >= MIGRATE_PCPTYPES) {
		if (migratetype == MIGRATE_ISOLATE) {
			KSTEP(m, "free_unref_page_commit",
			      "pfn=0x%lx is in an isolated pageblock: straight to the buddy lists",
			      pfn);
			free_one_page(zone, page, pfn, 0, migratetype, FPI_NONE);
			return;
		}
		KSTEP(m, "free_unref_page_commit", "a %s page goes on the Movable pcp list",
		      migratetype_names[migratetype]);
		migratetype = MIGRATE_MOVABLE;
	}
	pcp = this_cpu_pcp(zone);
	list_add(m->mem_map, (uint32_t)pfn, pcp->lists[migratetype]);
	pcp->count++;
	KSTEP(m, "free_unref_page_commit",
	      "pfn=0x%lx goes to the head of cpu %d's %s pcp list of %s: count=%d %s high=%d%s",
	      pfn, m->current.cpu, migratetype_names[migratetype], zone->name, pcp->count,
	      pcp->count >= pcp->high ? ">=" : "<", pcp->high,
	      pcp->count >= pcp->high ? ": free_pcppages_bulk(batch)" : ", it stays");
	if (pcp->count >= pcp->high)
		free_pcppages_bulk(zone, pcp->batch, pcp);
}

/*
 * free_unref_page(): free_pages_prepare() traces the free, and the page
 * remembers its pageblock's type at this moment (set_pcppage_migratetype;
 * free_pages_prepare() has already marked the page changed).
 */
static inline __attribute__((always_inline))
void free_unref_page(struct machine *m, struct page *page)
{
	unsigned long pfn = page_to_pfn(m, page);

	free_pages_prepare(m, page, 0);
	page->index = (uint32_t)get_pfnblock_migratetype(m, pfn);
	KSTEP(m, "free_unref_page", "pfn=0x%lx: its pageblock is %s, the type the pcp page keeps",
	      pfn, migratetype_names[page->index]);
	free_unref_page_commit(m, page, pfn);
}

#endif
