/*
 * include/mmsh/pcp.h: the per-CPU page lists of Linux 5.10 (order 0 only):
 * sizing from zone_batchsize(), refill with rmqueue_bulk(), freeing with
 * free_unref_page_commit() and free_pcppages_bulk()'s round robin, drains.
 */
#ifndef MMSH_PCP_H
#define MMSH_PCP_H

#include "mmsh/gfp.h"
#include "mmsh/mmzone.h"

int zone_batchsize(const struct zone *zone);
void pageset_set_batch(struct per_cpu_pageset *p, unsigned long batch);
void pageset_set_high(struct per_cpu_pageset *p, unsigned long high);
void pageset_set_high_and_batch(struct zone *zone, struct per_cpu_pageset *p);
/* setup_per_cpu_pageset(): every zone, every CPU (boot and sysctl). */
void setup_per_cpu_pageset(struct machine *m);

int rmqueue_bulk(struct zone *zone, unsigned int order, unsigned long count,
		 uint32_t list, int migratetype, unsigned int alloc_flags);
struct page *rmqueue_pcplist(struct zone *preferred_zone, struct zone *zone,
			     gfp_t gfp_flags, int migratetype,
			     unsigned int alloc_flags);

void free_pcppages_bulk(struct zone *zone, int count,
			struct per_cpu_pages *pcp);
void free_unref_page_commit(struct machine *m, struct page *page,
			    unsigned long pfn);
void free_unref_page(struct machine *m, struct page *page);
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

#endif
