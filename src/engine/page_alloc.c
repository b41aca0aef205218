/*
 * src/engine/page_alloc.c: the buddy allocator of Linux 5.10 (mm/page_alloc.c).
 * Free memory sits in blocks of 2^order pages on free_area[order] lists,
 * one list per migratetype. Allocation takes the smallest suitable block
 * and splits it (expand); freeing merges a block with its free buddy for
 * as long as it can (__free_one_page). When a migratetype runs dry, it
 * steals from another (__rmqueue_fallback).
 */
#include <string.h>

#include "mmsh/bitmap24.h"
#include "mmsh/compaction.h"
#include "mmsh/kswapd.h"
#include "mmsh/list.h"
#include "mmsh/oom.h"
#include "mmsh/page_alloc.h"
#include "mmsh/pcp.h"
#include "mmsh/swap.h"
#include "mmsh/trace.h"
#include "mmsh/vmscan.h"
#include "mmsh/watermark.h"
#include "mmsh/workload.h"

/*
 * fallbacks[]: where each migratetype looks, in order, when its own lists
 * are empty. HIGHATOMIC, CMA and ISOLATE never borrow; the rows of CMA and
 * ISOLATE are never used and end at once.
 */
static const int fallbacks[MIGRATE_TYPES][3] = {
	[MIGRATE_UNMOVABLE] = { MIGRATE_RECLAIMABLE, MIGRATE_MOVABLE, MIGRATE_TYPES },
	[MIGRATE_MOVABLE] = { MIGRATE_RECLAIMABLE, MIGRATE_UNMOVABLE, MIGRATE_TYPES },
	[MIGRATE_RECLAIMABLE] = { MIGRATE_UNMOVABLE, MIGRATE_MOVABLE, MIGRATE_TYPES },
	[MIGRATE_HIGHATOMIC] = { MIGRATE_TYPES },
	[MIGRATE_CMA] = { MIGRATE_TYPES },
	[MIGRATE_ISOLATE] = { MIGRATE_TYPES },
};

/* A tracepoint site: time moves on; true when someone listens. */
static bool tracepoint(struct machine *m, enum trace_event_id id)
{
	return trace_point(m, id);
}

static void trace_page_event(struct machine *m, enum trace_event_id id,
			     unsigned long pfn, unsigned int order, int mt,
			     bool irqs_off)
{
	if (tracepoint(m, id)) {
		struct trace_event ev = {
			.id = id, .has_page = true, .pfn = pfn, .order = order,
			.migratetype = mt, .percpu_refill = order == 0,
		};
		trace_emit(m, &ev, irqs_off);
	}
}

/* ---- the free lists ------------------------------------------------------ */

/*
 * The helpers of 5.10 that put a block on a free list or take it off.
 * Each also toggles the block's bit in the 2.4 bitmap view: that is
 * exactly when Linux 2.4 toggled it (see bitmap24.h).
 */
static void add_to_free_area(struct page *page, struct zone *zone, unsigned int order,
			     int migratetype, bool tail)
{
	struct machine *m = zone->machine;
	unsigned long pfn = page_to_pfn(m, page);
	struct free_area *area = &zone->free_area[order];

	if (tail)
		list_add_tail(m->mem_map, (uint32_t)pfn, area->free_list[migratetype]);
	else
		list_add(m->mem_map, (uint32_t)pfn, area->free_list[migratetype]);
	area->nr_free++;
	bitmap24_toggle(m, pfn, order);
}

/* add_to_free_list(): at the head, where the next allocation looks. */
void add_to_free_list(struct page *page, struct zone *zone,
		      unsigned int order, int migratetype)
{
	add_to_free_area(page, zone, order, migratetype, false);
}

/* add_to_free_list_tail(): at the tail, allocated last. */
void add_to_free_list_tail(struct page *page, struct zone *zone,
			   unsigned int order, int migratetype)
{
	add_to_free_area(page, zone, order, migratetype, true);
}

/* move_to_free_list(): same order, other migratetype, to the tail. */
void move_to_free_list(struct page *page, struct zone *zone,
		       unsigned int order, int migratetype)
{
	struct machine *m = zone->machine;

	list_move_tail(m->mem_map, (uint32_t)page_to_pfn(m, page),
		       zone->free_area[order].free_list[migratetype]);
}

void del_page_from_free_list(struct page *page, struct zone *zone,
			     unsigned int order)
{
	struct machine *m = zone->machine;
	unsigned long pfn = page_to_pfn(m, page);

	list_del(m->mem_map, (uint32_t)pfn);
	ClearPageBuddy(page);
	set_page_private(page, 0);
	page_changed(m, pfn);
	zone->free_area[order].nr_free--;
	bitmap24_toggle(m, pfn, order);
}

struct page *get_page_from_free_area(struct free_area *area, int migratetype,
				     struct machine *m)
{
	uint32_t head = area->free_list[migratetype];

	if (list_empty(m->mem_map, head))
		return NULL;
	return &m->mem_map[list_first(m->mem_map, head)];
}

bool free_area_empty(const struct free_area *area, int migratetype,
		     const struct machine *m)
{
	return list_empty(m->mem_map, area->free_list[migratetype]);
}

/* ---- splitting -------------------------------------------------------------- */

/*
 * expand(): split a block of order `high` down to order `low`. Each step
 * halves it and puts the upper half at the head of the next lower list;
 * the caller keeps the lowest-addressed piece. (2.4 kept the highest.)
 */
void expand(struct zone *zone, struct page *page, int low, int high,
	    int migratetype)
{
	unsigned long size = 1UL << high;

	while (high > low) {
		high--;
		size >>= 1;
		add_to_free_list(&page[size], zone, (unsigned int)high, migratetype);
		set_buddy_order(&page[size], (unsigned int)high);
		page_changed(zone->machine, page_to_pfn(zone->machine, &page[size]));
	}
}

/*
 * __rmqueue_smallest(): the first block on the requested migratetype's
 * list of the smallest order that has one, split down to size. The page
 * remembers the list type in page->index (set_pcppage_migratetype).
 */
struct page *rmqueue_smallest(struct zone *zone, unsigned int order,
			      int migratetype)
{
	struct machine *m = zone->machine;
	unsigned int current_order;

	for (current_order = order; current_order < m->max_order; current_order++) {
		struct free_area *area = &zone->free_area[current_order];
		struct page *page = get_page_from_free_area(area, migratetype, m);

		if (!page)
			continue;
		del_page_from_free_list(page, zone, current_order);
		expand(zone, page, (int)order, (int)current_order, migratetype);
		page->index = (uint32_t)migratetype;
		return page;
	}
	return NULL;
}

/* ---- fallback between migratetypes ------------------------------------------ */

/*
 * can_steal_fallback(): may the request take over the whole pageblock it
 * borrows from? Always from a pageblock-sized block; for smaller ones
 * when the block is at least half a pageblock's order, or the request is
 * unmovable or reclaimable, or mobility grouping is off.
 */
bool can_steal_fallback(const struct machine *m, unsigned int order, int start_mt)
{
	if (order >= m->pageblock_order)
		return true;
	return order >= m->pageblock_order / 2 ||
	       start_mt == MIGRATE_RECLAIMABLE ||
	       start_mt == MIGRATE_UNMOVABLE ||
	       m->page_group_by_mobility_disabled;
}

/*
 * find_suitable_fallback(): the first fallback type with a free block of
 * this order, or -1. *can_steal depends only on the order and the
 * requested type.
 */
int find_suitable_fallback(struct free_area *area, unsigned int order,
			   int migratetype, bool only_stealable,
			   bool *can_steal, struct machine *m)
{
	int i;

	if (area->nr_free == 0)
		return -1;
	*can_steal = false;
	for (i = 0; fallbacks[migratetype][i] != MIGRATE_TYPES; i++) {
		int fallback_mt = fallbacks[migratetype][i];

		if (free_area_empty(area, fallback_mt, m))
			continue;
		if (can_steal_fallback(m, order, migratetype))
			*can_steal = true;
		if (!only_stealable)
			return fallback_mt;
		if (*can_steal)
			return fallback_mt;
	}
	return -1;
}

/*
 * boost_watermark(): a steal that fragments memory raises the zone's
 * watermarks by a pageblock (up to watermark_boost_factor/10000 of high)
 * so kswapd reclaims a little early. Small zones are never boosted.
 */
bool boost_watermark(struct zone *zone)
{
	struct machine *m = zone->machine;
	unsigned long max_boost;

	if (!m->watermark_boost_factor)
		return false;
	if (m->pageblock_nr_pages * 4 > zone_managed_pages(zone))
		return false;
	max_boost = mult_frac(zone->_watermark[WMARK_HIGH],
			      (unsigned long)m->watermark_boost_factor, 10000);
	if (!max_boost)
		return false;
	if (max_boost < m->pageblock_nr_pages)
		max_boost = m->pageblock_nr_pages;
	zone->watermark_boost += m->pageblock_nr_pages;
	if (zone->watermark_boost > max_boost)
		zone->watermark_boost = max_boost;
	return true;
}

/*
 * move_freepages(): move every free block in [start, end] to the
 * migratetype's lists (tail); count the pages that are LRU pages (the
 * kernel's guess at "movable"). Returns the free pages moved.
 */
static int move_freepages(struct zone *zone, unsigned long start,
			  unsigned long end, int migratetype, int *num_movable)
{
	struct machine *m = zone->machine;
	unsigned long pfn = start;
	int pages_moved = 0;

	while (pfn <= end) {
		struct page *page = &m->mem_map[pfn];
		unsigned int order;

		if (!PageBuddy(page)) {
			if (num_movable && PageLRU(page))
				(*num_movable)++;
			pfn++;
			continue;
		}
		order = buddy_order(page);
		move_to_free_list(page, zone, order, migratetype);
		pfn += 1UL << order;
		pages_moved += 1 << order;
	}
	return pages_moved;
}

/*
 * move_freepages_block(): move_freepages() over the pageblock holding
 * `page`. A block that starts before the zone starts at `page`; a block
 * that ends past the zone is left alone (returns 0).
 */
int move_freepages_block(struct zone *zone, struct page *page,
			 int migratetype, int *num_movable)
{
	struct machine *m = zone->machine;
	unsigned long start_pfn, end_pfn;

	if (num_movable)
		*num_movable = 0;
	start_pfn = page_to_pfn(m, page) & ~(m->pageblock_nr_pages - 1);
	end_pfn = start_pfn + m->pageblock_nr_pages - 1;
	if (!zone_spans_pfn(zone, start_pfn))
		start_pfn = page_to_pfn(m, page);
	if (!zone_spans_pfn(zone, end_pfn))
		return 0;
	return move_freepages(zone, start_pfn, end_pfn, migratetype, num_movable);
}

/* change_pageblock_range(): retype every pageblock of a large block. */
static void change_pageblock_range(struct machine *m, struct page *page,
				   unsigned int start_order, int migratetype)
{
	unsigned long nr_pageblocks = 1UL << (start_order - m->pageblock_order);

	while (nr_pageblocks--) {
		set_pageblock_migratetype(m, page, migratetype);
		page += m->pageblock_nr_pages;
	}
}

/*
 * steal_suitable_fallback(): take the borrowed block for start_type. A
 * block of pageblock size or more changes owner outright. A smaller one
 * boosts the watermarks and, if whole-block stealing is allowed, drags
 * every free page of its pageblock along; the pageblock itself changes
 * type when at least half of it is free or already compatible.
 */
void steal_suitable_fallback(struct zone *zone, struct page *page,
			     unsigned int alloc_flags, int start_type,
			     bool whole_block)
{
	struct machine *m = zone->machine;
	unsigned int current_order = buddy_order(page);
	int free_pages, movable_pages, alike_pages;
	int old_block_type = get_pageblock_migratetype(m, page);

	if (old_block_type == MIGRATE_HIGHATOMIC)
		goto single_page;
	if (current_order >= m->pageblock_order) {
		change_pageblock_range(m, page, current_order, start_type);
		goto single_page;
	}
	if (boost_watermark(zone) && (alloc_flags & ALLOC_KSWAPD))
		zone->flags |= 1UL << ZONE_BOOSTED_WATERMARK;
	if (!whole_block)
		goto single_page;

	free_pages = move_freepages_block(zone, page, start_type, &movable_pages);
	if (start_type == MIGRATE_MOVABLE)
		alike_pages = movable_pages;
	else if (old_block_type == MIGRATE_MOVABLE)
		alike_pages = (int)m->pageblock_nr_pages - (free_pages + movable_pages);
	else
		alike_pages = 0;
	if (!free_pages)
		goto single_page;   /* the pageblock crosses the zone's edge */
	if (free_pages + alike_pages >= (1 << (m->pageblock_order - 1)) ||
	    m->page_group_by_mobility_disabled)
		set_pageblock_migratetype(m, page, start_type);
	return;

single_page:
	move_to_free_list(page, zone, current_order, start_type);
}

/*
 * __rmqueue_fallback(): borrow from another migratetype. Look for the
 * largest block of a fallback type (down to pageblock_order only, under
 * ALLOC_NOFRAGMENT); a movable request that may not steal the whole
 * block takes the smallest one instead. The block is only moved to
 * start_migratetype's lists; the caller then allocates from them.
 */
bool rmqueue_fallback(struct zone *zone, int order, int start_migratetype,
		      unsigned int alloc_flags)
{
	struct machine *m = zone->machine;
	struct free_area *area;
	int current_order, min_order = order, fallback_mt = -1;
	bool can_steal = false;
	struct page *page;

	if (alloc_flags & ALLOC_NOFRAGMENT)
		min_order = (int)m->pageblock_order;

	for (current_order = (int)m->max_order - 1; current_order >= min_order;
	     current_order--) {
		area = &zone->free_area[current_order];
		fallback_mt = find_suitable_fallback(area, (unsigned int)current_order,
						     start_migratetype, false,
						     &can_steal, m);
		if (fallback_mt == -1)
			continue;
		if (!can_steal && start_migratetype == MIGRATE_MOVABLE &&
		    current_order > order)
			goto find_smallest;
		goto do_steal;
	}
	return false;

find_smallest:
	for (current_order = order; current_order < (int)m->max_order; current_order++) {
		area = &zone->free_area[current_order];
		fallback_mt = find_suitable_fallback(area, (unsigned int)current_order,
						     start_migratetype, false,
						     &can_steal, m);
		if (fallback_mt != -1)
			break;
	}

do_steal:
	page = get_page_from_free_area(area, fallback_mt, m);
	steal_suitable_fallback(zone, page, alloc_flags, start_migratetype, can_steal);
	if (tracepoint(m, TRACE_MM_PAGE_ALLOC_EXTFRAG)) {
		struct trace_event ev = {
			.id = TRACE_MM_PAGE_ALLOC_EXTFRAG,
			.has_page = true,
			.pfn = page_to_pfn(m, page),
			.order = (unsigned int)order,
			.fallback_order = current_order,
			.pageblock_order = (int)m->pageblock_order,
			.alloc_migratetype = start_migratetype,
			.fallback_migratetype = fallback_mt,
			.fragmenting = current_order < (int)m->pageblock_order,
			.change_ownership =
				get_pageblock_migratetype(m, page) == start_migratetype,
		};
		trace_emit(m, &ev, true);
	}
	return true;
}

/*
 * __rmqueue(): the requested type first; if it is empty, CMA (when
 * allowed) and then a fallback steal, after which the requested type is
 * tried again. (CONFIG_CMA is on but no CMA area exists in mmsh.)
 */
struct page *rmqueue_(struct zone *zone, unsigned int order, int migratetype,
		      unsigned int alloc_flags)
{
	struct machine *m = zone->machine;
	struct page *page = NULL;

	if ((alloc_flags & ALLOC_CMA) &&
	    zone_page_state(zone, NR_FREE_CMA_PAGES) >
	    zone_page_state(zone, NR_FREE_PAGES) / 2) {
		page = rmqueue_smallest(zone, order, MIGRATE_CMA);
		if (page)
			goto out;
	}
retry:
	page = rmqueue_smallest(zone, order, migratetype);
	if (!page) {
		if (alloc_flags & ALLOC_CMA)
			page = rmqueue_smallest(zone, order, MIGRATE_CMA);
		if (!page && rmqueue_fallback(zone, (int)order, migratetype, alloc_flags))
			goto retry;
	}
out:
	if (page)
		trace_page_event(m, TRACE_MM_PAGE_ALLOC_ZONE_LOCKED,
				 page_to_pfn(m, page), order, migratetype, true);
	return page;
}

/* zone_statistics(): NUMA hit/miss/foreign/local/other of one allocation. */
void zone_statistics(struct zone *preferred_zone, struct zone *z)
{
	struct machine *m = z->machine;

	if (zone_to_nid(z) == zone_to_nid(preferred_zone)) {
		z->vm_numa_stat[NUMA_HIT]++;
	} else {
		z->vm_numa_stat[NUMA_MISS]++;
		preferred_zone->vm_numa_stat[NUMA_FOREIGN]++;
	}
	if (zone_to_nid(z) == numa_node_id(m))
		z->vm_numa_stat[NUMA_LOCAL]++;
	else
		z->vm_numa_stat[NUMA_OTHER]++;
}

/*
 * rmqueue(): order-0 requests go through the per-CPU list; larger ones
 * take the zone's free lists directly, trying the highatomic reserve
 * first when ALLOC_HARDER. A steal that boosted the watermark wakes
 * kswapd on the way out (not when the allocation failed).
 */
struct page *rmqueue(struct zone *preferred_zone, struct zone *zone,
		     unsigned int order, gfp_t gfp_flags,
		     unsigned int alloc_flags, int migratetype)
{
	struct machine *m = zone->machine;
	struct page *page = NULL;

	(void)gfp_flags;
	m->rmqueue_via_pcp = false;
	if (order == 0 && ((alloc_flags & ALLOC_CMA) || migratetype != MIGRATE_MOVABLE)) {
		page = rmqueue_pcplist(preferred_zone, zone, gfp_flags, migratetype,
				       alloc_flags);
		m->rmqueue_via_pcp = page != NULL;
		goto out;
	}
	if (order > 0 && (alloc_flags & ALLOC_HARDER)) {
		page = rmqueue_smallest(zone, order, MIGRATE_HIGHATOMIC);
		if (page)
			trace_page_event(m, TRACE_MM_PAGE_ALLOC_ZONE_LOCKED,
					 page_to_pfn(m, page), order, migratetype, true);
	}
	if (!page)
		page = rmqueue_(zone, order, migratetype, alloc_flags);
	if (!page)
		return NULL;
	/* __mod_zone_freepage_state() */
	mod_zone_page_state(zone, NR_FREE_PAGES, -(1L << order));
	if (page->index == MIGRATE_CMA)
		mod_zone_page_state(zone, NR_FREE_CMA_PAGES, -(1L << order));
	count_vm_events(m, (enum vm_event_item)(PGALLOC_DMA + page_zonenum(page)),
			1UL << order);
	zone_statistics(preferred_zone, zone);
out:
	if (zone->flags & (1UL << ZONE_BOOSTED_WATERMARK)) {
		zone->flags &= ~(1UL << ZONE_BOOSTED_WATERMARK);
		wakeup_kswapd(zone, 0, 0, zone_idx(zone));
	}
	return page;
}

/*
 * reserve_highatomic_pageblock(): after a high-order atomic allocation,
 * set its pageblock aside for such requests (at most ~1% of the zone
 * plus one pageblock).
 */
void reserve_highatomic_pageblock(struct page *page, struct zone *zone,
				  unsigned int alloc_order)
{
	struct machine *m = zone->machine;
	unsigned long max_managed;
	int mt;

	(void)alloc_order;
	max_managed = zone_managed_pages(zone) / 100 + m->pageblock_nr_pages;
	if (zone->nr_reserved_highatomic >= max_managed)
		return;
	mt = get_pageblock_migratetype(m, page);
	if (mt != MIGRATE_HIGHATOMIC && mt != MIGRATE_ISOLATE && mt != MIGRATE_CMA) {
		zone->nr_reserved_highatomic += m->pageblock_nr_pages;
		set_pageblock_migratetype(m, page, MIGRATE_HIGHATOMIC);
		move_freepages_block(zone, page, MIGRATE_HIGHATOMIC, NULL);
	}
}

/* ---- the allocation path ------------------------------------------------------ */

int gfp_migratetype(const struct machine *m, gfp_t gfp_flags)
{
	if (m->page_group_by_mobility_disabled)
		return MIGRATE_UNMOVABLE;
	return gfp_migratetype_bits(gfp_flags);
}

/*
 * current_alloc_flags(): movable requests may use CMA pageblocks. With
 * mobility grouping off every request is unmovable, so none may.
 */
unsigned int current_alloc_flags(struct machine *m, gfp_t gfp_mask,
				 unsigned int alloc_flags)
{
	if (gfp_migratetype(m, gfp_mask) == MIGRATE_MOVABLE)
		alloc_flags |= ALLOC_CMA;
	return alloc_flags;
}

/*
 * alloc_flags_nofragment(): __GFP_KSWAPD_RECLAIM is ALLOC_KSWAPD; a request
 * preferring ZONE_NORMAL must not fragment (ALLOC_NOFRAGMENT) on its first
 * pass, unless on a multi-node machine its node has no DMA32 zone.
 */
unsigned int alloc_flags_nofragment(struct zone *zone, gfp_t gfp_mask)
{
	unsigned int alloc_flags = gfp_mask & GFP__KSWAPD_RECLAIM;

	if (!zone)
		return alloc_flags;
	if (zone_idx(zone) != ZONE_NORMAL)
		return alloc_flags;
	if (zone->machine->nr_node_ids > 1 &&
	    !populated_zone(&zone->zone_pgdat->node_zones[ZONE_DMA32]))
		return alloc_flags;
	return alloc_flags | ALLOC_NOFRAGMENT;
}

/* prep_new_page(): the page is now allocated: refcount 1, private 0. */
static void prep_new_page(struct machine *m, struct page *page, unsigned int order,
			  gfp_t gfp_flags, unsigned int alloc_flags)
{
	page_changed(m, page_to_pfn(m, page));
	set_page_private(page, 0);
	set_page_count(page, 1);
	if (order && (gfp_flags & GFP__COMP))
		set_page_flag(page, PG_head);
	/* page->index marks a page taken from the reserves (pfmemalloc) */
	page->index = (alloc_flags & ALLOC_NO_WATERMARKS) ? 0xffffffffU : 0;
}

/*
 * get_page_from_freelist(): walk the zonelist from the preferred zone and
 * take a page from the first zone that passes its watermark check. Under
 * ALLOC_NOFRAGMENT the walk is first done without fragmenting steals;
 * if it finds nothing, or would leave the node, it starts over allowing them.
 */
struct page *get_page_from_freelist(struct machine *m, gfp_t gfp_mask,
				    unsigned int order, unsigned int alloc_flags,
				    const struct alloc_context *ac)
{
	struct zoneref *z;
	bool no_fallback;

retry:
	no_fallback = alloc_flags & ALLOC_NOFRAGMENT;
	for (z = next_zones_zonelist(ac->preferred_zoneref, ac->highest_zoneidx);
	     z->zone; z = next_zones_zonelist(z + 1, ac->highest_zoneidx)) {
		struct zone *zone = z->zone;
		struct page *page;
		unsigned long mark;

		if (no_fallback && m->nr_node_ids > 1 &&
		    zone != ac->preferred_zoneref->zone &&
		    zone_to_nid(zone) != zone_to_nid(ac->preferred_zoneref->zone)) {
			alloc_flags &= ~ALLOC_NOFRAGMENT;   /* locality first */
			goto retry;
		}
		mark = wmark_pages(zone, alloc_flags & ALLOC_WMARK_MASK);
		if (!zone_watermark_fast(zone, order, mark, ac->highest_zoneidx,
					 alloc_flags, gfp_mask)) {
			if (!(alloc_flags & ALLOC_NO_WATERMARKS))
				continue;   /* node_reclaim_mode is 0 */
		}
		page = rmqueue(ac->preferred_zoneref->zone, zone, order, gfp_mask,
			       alloc_flags, ac->migratetype);
		if (page) {
			prep_new_page(m, page, order, gfp_mask, alloc_flags);
			if (order && (alloc_flags & ALLOC_HARDER))
				reserve_highatomic_pageblock(page, zone, order);
			return page;
		}
	}
	if (no_fallback) {
		alloc_flags &= ~ALLOC_NOFRAGMENT;
		goto retry;
	}
	return NULL;
}

/*
 * gfp_to_alloc_flags(): the slow path works at the min watermark;
 * __GFP_HIGH is ALLOC_HIGH, __GFP_KSWAPD_RECLAIM is ALLOC_KSWAPD, and
 * atomic requests get ALLOC_HARDER and ignore cpusets.
 */
unsigned int gfp_to_alloc_flags(struct machine *m, gfp_t gfp_mask)
{
	unsigned int alloc_flags = ALLOC_WMARK_MIN | ALLOC_CPUSET;

	alloc_flags |= gfp_mask & (GFP__HIGH | GFP__KSWAPD_RECLAIM);
	if (gfp_mask & GFP__ATOMIC) {
		if (!(gfp_mask & GFP__NOMEMALLOC))
			alloc_flags |= ALLOC_HARDER;
		alloc_flags &= ~ALLOC_CPUSET;
	}
	return current_alloc_flags(m, gfp_mask, alloc_flags);
}

/*
 * __gfp_pfmemalloc_flags(): may the caller dip into the reserves?
 * __GFP_MEMALLOC and PF_MEMALLOC (kswapd, a reclaimer) ignore the
 * watermarks; an OOM victim may use half the min reserve (ALLOC_OOM).
 * mmsh's caller is never in an interrupt.
 */
int gfp_pfmemalloc_flags_(struct machine *m, gfp_t gfp_mask)
{
	if (gfp_mask & GFP__NOMEMALLOC)
		return 0;
	if (gfp_mask & GFP__MEMALLOC)
		return ALLOC_NO_WATERMARKS;
	if (m && (m->current_flags & PF_MEMALLOC))
		return ALLOC_NO_WATERMARKS;
	if (m && m->current_oom_victim)
		return ALLOC_OOM;
	return 0;
}

int gfp_pfmemalloc_flags(gfp_t gfp_mask)
{
	return gfp_pfmemalloc_flags_(NULL, gfp_mask);
}

/* __alloc_pages_cpuset_fallback(): with, then without, ALLOC_CPUSET. */
static struct page *alloc_pages_cpuset_fallback(struct machine *m, gfp_t gfp_mask,
						unsigned int order,
						unsigned int alloc_flags,
						const struct alloc_context *ac)
{
	struct page *page;

	page = get_page_from_freelist(m, gfp_mask, order, alloc_flags | ALLOC_CPUSET, ac);
	if (!page)
		page = get_page_from_freelist(m, gfp_mask, order, alloc_flags, ac);
	return page;
}

/*
 * compaction_capture(): a block of exactly the order a direct compactor
 * in this zone waits for is handed over instead of being freed; CMA and
 * isolated blocks, and small movable ones, are never taken.
 */
static bool compaction_capture(struct machine *m, struct zone *zone, struct page *page,
			       unsigned int order, int migratetype)
{
	struct capture_control *capc = m->capc;

	/* task_capc(): the compactor's own frees in its own zone, not a kthread's */
	if (!capc || capc->page || capc->zone != zone || current_is_kthread(m))
		return false;
	if ((int)order != capc->order)
		return false;
	if (migratetype == MIGRATE_CMA || migratetype == MIGRATE_ISOLATE)
		return false;
	if (order < m->pageblock_order && migratetype == MIGRATE_MOVABLE)
		return false;
	capc->page = page;
	return true;
}

/*
 * unreserve_highatomic_pageblock(): give a HIGHATOMIC pageblock back to
 * the requested migratetype (keeping one unless `force`). True when free
 * pages moved.
 */
static bool unreserve_highatomic_pageblock(struct machine *m, const struct alloc_context *ac,
					   bool force)
{
	struct zoneref *z;
	unsigned int order;

	for (z = first_zones_zonelist(ac->zonelist, ac->highest_zoneidx); z->zone;
	     z = next_zones_zonelist(z + 1, ac->highest_zoneidx)) {
		struct zone *zone = z->zone;

		if (!force && zone->nr_reserved_highatomic <= m->pageblock_nr_pages)
			continue;
		for (order = 0; order < m->max_order; order++) {
			struct page *page = get_page_from_free_area(&zone->free_area[order],
								    MIGRATE_HIGHATOMIC, m);

			if (!page)
				continue;
			if (get_pageblock_migratetype(m, page) == MIGRATE_HIGHATOMIC)
				zone->nr_reserved_highatomic -=
					zone->nr_reserved_highatomic < m->pageblock_nr_pages
					? zone->nr_reserved_highatomic : m->pageblock_nr_pages;
			set_pageblock_migratetype(m, page, ac->migratetype);
			if (move_freepages_block(zone, page, ac->migratetype, NULL))
				return true;
		}
	}
	return false;
}

/*
 * __alloc_pages_direct_compact(): compact (as PF_MEMALLOC), then take
 * the block compaction captured or try the free lists again.
 * compact_stall counts every call with order > 0.
 */
static struct page *alloc_pages_direct_compact(struct machine *m, gfp_t gfp_mask,
					       unsigned int order, unsigned int alloc_flags,
					       const struct alloc_context *ac,
					       enum compact_priority prio,
					       enum compact_result *compact_result,
					       struct alloc_report *rep)
{
	unsigned long saved_flags = m->current_flags;
	struct page *page = NULL;

	if (!order)
		return NULL;
	m->current_flags |= PF_MEMALLOC;
	*compact_result = try_to_compact_pages(m, gfp_mask, order, alloc_flags, ac->zonelist,
					       ac->highest_zoneidx, prio, &page);
	m->current_flags = saved_flags;
	count_vm_events(m, COMPACTSTALL, 1);
	rep->compactions++;
	rep->compact_result = *compact_result;
	if (page) {
		prep_new_page(m, page, order, gfp_mask, alloc_flags);
		rep->captured = true;
	} else {
		page = get_page_from_freelist(m, gfp_mask, order, alloc_flags, ac);
	}
	if (page) {
		struct zone *zone = page_zone(m, page);

		zone->compact.blockskip_flush = false;
		compaction_defer_reset(zone, (int)order, true);
		count_vm_events(m, COMPACTSUCCESS, 1);
		return page;
	}
	count_vm_events(m, COMPACTFAIL, 1);
	return NULL;
}

/*
 * __alloc_pages_direct_reclaim(): reclaim (as PF_MEMALLOC), then try the
 * free lists; if that fails, drain the pcp lists and highatomic reserves
 * once and try again.
 */
static struct page *alloc_pages_direct_reclaim(struct machine *m, gfp_t gfp_mask,
					       unsigned int order, unsigned int alloc_flags,
					       const struct alloc_context *ac,
					       unsigned long *did_some_progress,
					       struct alloc_report *rep)
{
	unsigned long saved_flags = m->current_flags;
	struct page *page;
	bool drained = false;

	m->current_flags |= PF_MEMALLOC;   /* __perform_reclaim() */
	*did_some_progress = try_to_free_pages(m, ac->zonelist, (int)order, gfp_mask);
	m->current_flags = saved_flags;
	rep->reclaims++;
	rep->reclaimed += *did_some_progress;
	if (!*did_some_progress)
		return NULL;
retry:
	page = get_page_from_freelist(m, gfp_mask, order, alloc_flags, ac);
	if (!page && !drained) {
		unreserve_highatomic_pageblock(m, ac, false);
		drain_all_pages(m, NULL);
		rep->drained = true;
		drained = true;
		goto retry;
	}
	return page;
}

/* congestion_wait(BLK_RW_ASYNC, HZ/10): sleep; time passes. */
static void congestion_wait(struct machine *m)
{
	schedule_timeout(m, HZ / 10);
}

/*
 * should_reclaim_retry(): retry while some zone would pass its min
 * watermark if everything reclaimable were reclaimed, but not more than
 * MAX_RECLAIM_RETRIES times in a row without progress (costly orders
 * never count as progress). With no progress and mostly dirty or
 * writeback pages, wait for the I/O first.
 */
static bool should_reclaim_retry(struct machine *m, gfp_t gfp_mask, unsigned int order,
				 const struct alloc_context *ac, unsigned int alloc_flags,
				 bool did_some_progress, int *no_progress_loops)
{
	struct zoneref *z;

	(void)gfp_mask;
	if (did_some_progress && order <= PAGE_ALLOC_COSTLY_ORDER)
		*no_progress_loops = 0;
	else
		(*no_progress_loops)++;
	if (*no_progress_loops > MAX_RECLAIM_RETRIES)
		return unreserve_highatomic_pageblock(m, ac, true);   /* last resort before OOM */

	for (z = first_zones_zonelist(ac->zonelist, ac->highest_zoneidx); z->zone;
	     z = next_zones_zonelist(z + 1, ac->highest_zoneidx)) {
		struct zone *zone = z->zone;
		unsigned long min_wmark = min_wmark_pages(zone);
		unsigned long reclaimable = zone_reclaimable_pages(m, zone);
		unsigned long available = reclaimable +
					  (unsigned long)zone_page_state(zone, NR_FREE_PAGES);
		bool wmark = zone_watermark_ok_(zone, order, min_wmark, ac->highest_zoneidx,
						alloc_flags, (long)available);

		if (trace_point(m, TRACE_RECLAIM_RETRY_ZONE)) {
			struct trace_event ev = {
				.id = TRACE_RECLAIM_RETRY_ZONE, .nid = zone_to_nid(zone),
				.zid = zone_idx(zone), .order = order, .reclaimable = reclaimable,
				.available = available, .min_wmark = min_wmark,
				.no_progress_loops = *no_progress_loops, .wmark_check = wmark,
			};
			trace_emit(m, &ev, false);
		}
		if (wmark) {
			if (!did_some_progress) {
				unsigned long write_pending =
					(unsigned long)zone_page_state(zone, NR_ZONE_WRITE_PENDING);

				if (2 * write_pending > reclaimable) {
					congestion_wait(m);
					return true;
				}
			}
			return true;
		}
	}
	return false;
}

/*
 * should_compact_retry(): retry compaction while it makes progress (16
 * times, 4 for costly orders), and raise its priority when it failed or
 * backed off, down to SYNC_FULL (SYNC_LIGHT for costly orders).
 */
static bool should_compact_retry(struct machine *m, const struct alloc_context *ac,
				 unsigned int order, unsigned int alloc_flags,
				 enum compact_result compact_result,
				 enum compact_priority *compact_priority, int *compaction_retries)
{
	int max_retries = MAX_COMPACT_RETRIES, retries = *compaction_retries;
	enum compact_priority priority = *compact_priority;
	enum compact_priority min_priority;
	bool ret = false;

	if (!order)
		return false;
	if (compact_result == COMPACT_SUCCESS)   /* compaction_made_progress() */
		(*compaction_retries)++;
	if (compact_result == COMPACT_COMPLETE)  /* compaction_failed() */
		goto check_priority;
	if (compact_result == COMPACT_SKIPPED) { /* compaction_needs_reclaim() */
		ret = compaction_zonelist_suitable(m, ac->zonelist, ac->highest_zoneidx,
						   (int)order, alloc_flags);
		goto out;
	}
	if (compact_result == COMPACT_DEFERRED || compact_result == COMPACT_CONTENDED ||
	    compact_result == COMPACT_PARTIAL_SKIPPED)   /* compaction_withdrawn() */
		goto check_priority;
	if (order > PAGE_ALLOC_COSTLY_ORDER)
		max_retries /= 4;
	if (*compaction_retries <= max_retries) {
		ret = true;
		goto out;
	}
check_priority:
	min_priority = order > PAGE_ALLOC_COSTLY_ORDER ? MIN_COMPACT_COSTLY_PRIORITY
						       : MIN_COMPACT_PRIORITY;
	if (*compact_priority > min_priority) {
		(*compact_priority)--;
		*compaction_retries = 0;
		ret = true;
	}
out:
	if (trace_point(m, TRACE_COMPACT_RETRY)) {
		struct trace_event ev = {
			.id = TRACE_COMPACT_RETRY, .order = order, .priority = (int)priority,
			.status = (int)compact_result, .retries = retries,
			.max_retries = max_retries, .should_retry = ret,
		};
		trace_emit(m, &ev, false);
	}
	return ret;
}

/*
 * __alloc_pages_may_oom(): one more try at the high watermark (someone
 * else's kill may have freed memory), then the OOM killer, unless the
 * request is costly, may fail, is node-bound or only wants low zones.
 */
static struct page *alloc_pages_may_oom(struct machine *m, gfp_t gfp_mask, unsigned int order,
					const struct alloc_context *ac,
					unsigned long *did_some_progress,
					struct alloc_report *rep)
{
	struct oom_control oc = { .gfp_mask = gfp_mask, .order = (int)order };
	struct page *page;

	*did_some_progress = 0;
	page = get_page_from_freelist(m, (gfp_mask | GFP__HARDWALL) & ~GFP__DIRECT_RECLAIM, order,
				      ALLOC_WMARK_HIGH | ALLOC_CPUSET, ac);
	if (page)
		return page;
	if (order > PAGE_ALLOC_COSTLY_ORDER) {
		rep->oom_skipped = OOM_SKIP_COSTLY;
		return NULL;
	}
	if (gfp_mask & (GFP__RETRY_MAYFAIL | GFP__THISNODE)) {
		rep->oom_skipped = OOM_SKIP_MAYFAIL;
		return NULL;
	}
	if (ac->highest_zoneidx < ZONE_NORMAL) {
		rep->oom_skipped = OOM_SKIP_LOWMEM;
		return NULL;
	}
	rep->oom_calls++;
	if (out_of_memory(m, &oc) || (gfp_mask & GFP__NOFAIL)) {
		*did_some_progress = 1;
		if (oc.chosen)
			rep->oom_kills++;
		if (gfp_mask & GFP__NOFAIL)
			page = alloc_pages_cpuset_fallback(m, gfp_mask, order, ALLOC_NO_WATERMARKS, ac);
	}
	return page;
}

/*
 * __alloc_pages_slowpath() of Linux 5.10, step by step (see help alloc):
 * wake kswapd, retry at the min watermark, compact first for costly and
 * unmovable high orders, then loop: reserves, direct reclaim, direct
 * compaction, decide whether to retry, and at last the OOM killer.
 */
static struct page *alloc_pages_slowpath(struct machine *m, gfp_t gfp_mask,
					 unsigned int order,
					 struct alloc_context *ac,
					 struct alloc_report *rep)
{
	bool can_direct_reclaim = gfp_mask & GFP__DIRECT_RECLAIM;
	bool costly_order = order > PAGE_ALLOC_COSTLY_ORDER;
	enum compact_result compact_result = COMPACT_SKIPPED;
	enum compact_priority compact_priority;
	unsigned long did_some_progress;
	struct page *page = NULL;
	unsigned int alloc_flags;
	int compaction_retries, no_progress_loops, reserve_flags;
	unsigned int rounds = 0;

	if ((gfp_mask & (GFP__ATOMIC | GFP__DIRECT_RECLAIM)) ==
	    (GFP__ATOMIC | GFP__DIRECT_RECLAIM)) {
		/* a caller that may sleep is not atomic: WARN_ON_ONCE, then drop it */
		if (!m->warned_atomic_reclaim) {
			m->warned_atomic_reclaim = true;
			rep->warned_atomic_reclaim = true;
		}
		gfp_mask &= ~GFP__ATOMIC;
	}

	compaction_retries = 0;
	no_progress_loops = 0;
	compact_priority = DEF_COMPACT_PRIORITY;
	alloc_flags = gfp_to_alloc_flags(m, gfp_mask);
	rep->alloc_flags = alloc_flags;
	ac->preferred_zoneref = first_zones_zonelist(ac->zonelist, ac->highest_zoneidx);
	if (!ac->preferred_zoneref->zone) {
		rep->outcome = ALLOC_FAIL_NO_ZONE;
		goto nopage;
	}
	if (alloc_flags & ALLOC_KSWAPD) {
		wake_all_kswapds(m, order, gfp_mask, ac);
		rep->woke_kswapd = true;
	}
	page = get_page_from_freelist(m, gfp_mask, order, alloc_flags, ac);
	if (page) {
		rep->outcome = ALLOC_OK_SLOWPATH;
		goto got_pg;
	}

	/* costly and unmovable high orders try (async) compaction before reclaim */
	if (can_direct_reclaim && (costly_order || (order > 0 && ac->migratetype != MIGRATE_MOVABLE)) &&
	    !gfp_pfmemalloc_flags_(m, gfp_mask)) {
		page = alloc_pages_direct_compact(m, gfp_mask, order, alloc_flags, ac,
						  INIT_COMPACT_PRIORITY, &compact_result, rep);
		if (page) {
			rep->outcome = ALLOC_OK_COMPACT;
			goto got_pg;
		}
		if (costly_order && (gfp_mask & GFP__NORETRY)) {
			/* compaction was skipped or deferred: reclaim would not help either */
			if (compact_result == COMPACT_SKIPPED || compact_result == COMPACT_DEFERRED) {
				rep->outcome = ALLOC_FAIL_NORETRY;
				goto nopage;
			}
			compact_priority = INIT_COMPACT_PRIORITY;   /* stay with async compaction */
		}
	}

retry:
	if (++rounds > SLOWPATH_MAX_ROUNDS) {
		rep->outcome = ALLOC_FAIL_LIVELOCK;
		goto nopage;
	}
	rep->rounds = rounds;
	if (alloc_flags & ALLOC_KSWAPD)
		wake_all_kswapds(m, order, gfp_mask, ac);
	reserve_flags = gfp_pfmemalloc_flags_(m, gfp_mask);
	if (reserve_flags)
		alloc_flags = current_alloc_flags(m, gfp_mask, (unsigned int)reserve_flags);
	if (!(alloc_flags & ALLOC_CPUSET) || reserve_flags)
		ac->preferred_zoneref = first_zones_zonelist(ac->zonelist,
							     ac->highest_zoneidx);
	rep->alloc_flags = alloc_flags;
	page = get_page_from_freelist(m, gfp_mask, order, alloc_flags, ac);
	if (page) {
		rep->outcome = reserve_flags ? ALLOC_OK_RESERVES : ALLOC_OK_SLOWPATH;
		goto got_pg;
	}
	if (!can_direct_reclaim) {
		rep->outcome = ALLOC_FAIL_NOWAIT;
		goto nopage;
	}
	if (m->current_flags & PF_MEMALLOC) {   /* reclaim does not recurse */
		rep->outcome = ALLOC_FAIL_NOWAIT;
		goto nopage;
	}

	page = alloc_pages_direct_reclaim(m, gfp_mask, order, alloc_flags, ac,
					  &did_some_progress, rep);
	if (page) {
		rep->outcome = ALLOC_OK_RECLAIM;
		goto got_pg;
	}
	page = alloc_pages_direct_compact(m, gfp_mask, order, alloc_flags, ac,
					  compact_priority, &compact_result, rep);
	if (page) {
		rep->outcome = ALLOC_OK_COMPACT;
		goto got_pg;
	}
	if (gfp_mask & GFP__NORETRY) {
		rep->outcome = ALLOC_FAIL_NORETRY;
		goto nopage;
	}
	if (costly_order && !(gfp_mask & GFP__RETRY_MAYFAIL)) {
		rep->outcome = ALLOC_FAIL_COSTLY;
		goto nopage;
	}
	if (should_reclaim_retry(m, gfp_mask, order, ac, alloc_flags, did_some_progress > 0,
				 &no_progress_loops)) {
		rep->reclaim_retries++;
		goto retry;
	}
	if (did_some_progress > 0 &&
	    should_compact_retry(m, ac, order, alloc_flags, compact_result,
				 &compact_priority, &compaction_retries)) {
		rep->compact_retries++;
		goto retry;
	}
	page = alloc_pages_may_oom(m, gfp_mask, order, ac, &did_some_progress, rep);
	if (page) {
		rep->outcome = ALLOC_OK_OOM;
		goto got_pg;
	}
	if (m->panicked) {
		rep->outcome = ALLOC_FAIL_PANIC;
		goto nopage;
	}
	/* an OOM victim with access to the reserves must not loop */
	if (m->current_oom_victim &&
	    ((alloc_flags & ALLOC_OOM) || (gfp_mask & GFP__NOMEMALLOC))) {
		rep->outcome = ALLOC_FAIL_OOM_VICTIM;
		goto nopage;
	}
	if (did_some_progress) {
		no_progress_loops = 0;
		goto retry;
	}
	rep->outcome = ALLOC_FAIL_OOM;

nopage:
	if ((gfp_mask & GFP__NOFAIL) && can_direct_reclaim && !m->panicked &&
	    rounds <= SLOWPATH_MAX_ROUNDS) {
		/* reserves short of ALLOC_NO_WATERMARKS, then try everything again */
		page = alloc_pages_cpuset_fallback(m, gfp_mask, order, ALLOC_HARDER, ac);
		if (page) {
			rep->outcome = ALLOC_OK_NOFAIL;
			rep->alloc_flags = ALLOC_HARDER;
			goto got_pg;
		}
		goto retry;
	}
	return NULL;
got_pg:
	return page;
}

/*
 * __alloc_pages_nodemask(): the entry point. The fast path tries every
 * zone at the low watermark; only if that fails does the slow path run.
 * mm_page_alloc is traced either way (page 0 on failure).
 */
struct page *alloc_pages_nodemask(struct machine *m, gfp_t gfp_mask,
				  unsigned int order, int preferred_nid,
				  struct alloc_report *report)
{
	struct alloc_report dummy;
	struct alloc_report *rep = report ? report : &dummy;
	struct alloc_context ac;
	unsigned int alloc_flags = ALLOC_WMARK_LOW;
	struct page *page = NULL;

	memset(rep, 0, sizeof(*rep));
	rep->gfp = gfp_mask;
	m->rmqueue_via_pcp = false;
	if (m->panicked) {   /* the machine has stopped: nothing runs after panic() */
		rep->outcome = ALLOC_FAIL_PANIC;
		return NULL;
	}
	if (order >= m->max_order) {
		rep->outcome = ALLOC_FAIL_ORDER;   /* WARN_ON_ONCE, no tracepoint */
		return NULL;
	}
	/* prepare_alloc_pages() */
	ac.highest_zoneidx = gfp_zone(gfp_mask);
	ac.zonelist = node_zonelist(m, preferred_nid, gfp_mask);
	ac.migratetype = gfp_migratetype(m, gfp_mask);
	ac.spread_dirty_pages = gfp_mask & GFP__WRITE;
	alloc_flags = current_alloc_flags(m, gfp_mask, alloc_flags);
	ac.preferred_zoneref = first_zones_zonelist(ac.zonelist, ac.highest_zoneidx);

	alloc_flags |= alloc_flags_nofragment(ac.preferred_zoneref->zone, gfp_mask);
	rep->alloc_flags = alloc_flags;
	page = get_page_from_freelist(m, gfp_mask, order, alloc_flags, &ac);
	if (page) {
		rep->outcome = ALLOC_OK_FASTPATH;
	} else {
		ac.spread_dirty_pages = false;
		page = alloc_pages_slowpath(m, gfp_mask, order, &ac, rep);
	}
	rep->via_pcp = page && m->rmqueue_via_pcp;
	if (tracepoint(m, TRACE_MM_PAGE_ALLOC)) {
		struct trace_event ev = {
			.id = TRACE_MM_PAGE_ALLOC,
			.has_page = page != NULL,
			.pfn = page ? page_to_pfn(m, page) : 0,
			.order = order,
			.migratetype = ac.migratetype,
			.gfp_flags = gfp_mask,
		};
		trace_emit(m, &ev, false);
	}
	return page;
}

/* ---- warn_alloc and show_mem -------------------------------------------------- */

static void show_migration_types(struct strbuf *sb, unsigned int types)
{
	static const char letters[MIGRATE_TYPES] = { 'U', 'M', 'E', 'H', 'C', 'I' };
	int i;

	sb_putc(sb, '(');
	for (i = 0; i < MIGRATE_TYPES; i++)
		if (types & (1U << i))
			sb_putc(sb, letters[i]);
	sb_puts(sb, ") ");
}

/* show_free_areas(): the summary show_mem() prints, as 5.10 lays it out. */
static void show_free_areas(struct machine *m, struct strbuf *sb)
{
	unsigned long free_pcp = 0;
	int nid, z;
	unsigned int o;

	for (nid = 0; nid < m->nr_node_ids; nid++)
		for (z = 0; z < MAX_NR_ZONES; z++)
			free_pcp += zone_pcp_pages(&m->node_data[nid]->node_zones[z]);
	sb_printf(sb,
		  "active_anon:%lu inactive_anon:%lu isolated_anon:%lu\n"
		  " active_file:%lu inactive_file:%lu isolated_file:%lu\n"
		  " unevictable:%lu dirty:%lu writeback:%lu\n"
		  " slab_reclaimable:%lu slab_unreclaimable:%lu\n"
		  " mapped:%lu shmem:%lu pagetables:%lu bounce:%lu\n"
		  " free:%lu free_pcp:%lu free_cma:%lu\n",
		  global_node_page_state(m, NR_ACTIVE_ANON),
		  global_node_page_state(m, NR_INACTIVE_ANON),
		  global_node_page_state(m, NR_ISOLATED_ANON),
		  global_node_page_state(m, NR_ACTIVE_FILE),
		  global_node_page_state(m, NR_INACTIVE_FILE),
		  global_node_page_state(m, NR_ISOLATED_FILE),
		  global_node_page_state(m, NR_UNEVICTABLE),
		  global_node_page_state(m, NR_FILE_DIRTY),
		  global_node_page_state(m, NR_WRITEBACK),
		  global_node_page_state(m, NR_SLAB_RECLAIMABLE_B),
		  global_node_page_state(m, NR_SLAB_UNRECLAIMABLE_B),
		  global_node_page_state(m, NR_FILE_MAPPED),
		  global_node_page_state(m, NR_SHMEM),
		  global_zone_page_state(m, NR_PAGETABLE),
		  global_zone_page_state(m, NR_BOUNCE),
		  global_zone_page_state(m, NR_FREE_PAGES), free_pcp,
		  global_zone_page_state(m, NR_FREE_CMA_PAGES));
	for (nid = 0; nid < m->nr_node_ids; nid++) {
		pg_data_t *p = m->node_data[nid];

		sb_printf(sb,
			  "Node %d active_anon:%lukB inactive_anon:%lukB active_file:%lukB"
			  " inactive_file:%lukB unevictable:%lukB isolated(anon):%lukB"
			  " isolated(file):%lukB mapped:%lukB dirty:%lukB writeback:%lukB"
			  " shmem:%lukB shmem_thp: %lukB shmem_pmdmapped: %lukB"
			  " anon_thp: %lukB writeback_tmp:%lukB kernel_stack:%lukB"
			  " all_unreclaimable? %s\n",
			  nid, K(p->vm_stat[NR_ACTIVE_ANON]), K(p->vm_stat[NR_INACTIVE_ANON]),
			  K(p->vm_stat[NR_ACTIVE_FILE]), K(p->vm_stat[NR_INACTIVE_FILE]),
			  K(p->vm_stat[NR_UNEVICTABLE]), K(p->vm_stat[NR_ISOLATED_ANON]),
			  K(p->vm_stat[NR_ISOLATED_FILE]), K(p->vm_stat[NR_FILE_MAPPED]),
			  K(p->vm_stat[NR_FILE_DIRTY]), K(p->vm_stat[NR_WRITEBACK]),
			  K(p->vm_stat[NR_SHMEM]), K(p->vm_stat[NR_SHMEM_THPS] * 512),
			  K(p->vm_stat[NR_SHMEM_PMDMAPPED] * 512),
			  K(p->vm_stat[NR_ANON_THPS] * 512),
			  K(p->vm_stat[NR_WRITEBACK_TEMP]),
			  (unsigned long)p->vm_stat[NR_KERNEL_STACK_KB],
			  p->kswapd_failures >= MAX_RECLAIM_RETRIES ? "yes" : "no");
	}
	for (nid = 0; nid < m->nr_node_ids; nid++) {
		for (z = 0; z < MAX_NR_ZONES; z++) {
			struct zone *zone = &m->node_data[nid]->node_zones[z];
			int i;

			if (!populated_zone(zone))
				continue;
			sb_printf(sb,
				  "Node %d %s free:%lukB min:%lukB low:%lukB high:%lukB"
				  " reserved_highatomic:%luKB active_anon:%lukB"
				  " inactive_anon:%lukB active_file:%lukB inactive_file:%lukB"
				  " unevictable:%lukB writepending:%lukB present:%lukB"
				  " managed:%lukB mlocked:%lukB pagetables:%lukB bounce:%lukB"
				  " free_pcp:%lukB local_pcp:%lukB free_cma:%lukB\n",
				  nid, zone->name, K(zone_page_state(zone, NR_FREE_PAGES)),
				  K(min_wmark_pages(zone)), K(low_wmark_pages(zone)),
				  K(high_wmark_pages(zone)), K(zone->nr_reserved_highatomic),
				  K(zone_page_state(zone, NR_ZONE_ACTIVE_ANON)),
				  K(zone_page_state(zone, NR_ZONE_INACTIVE_ANON)),
				  K(zone_page_state(zone, NR_ZONE_ACTIVE_FILE)),
				  K(zone_page_state(zone, NR_ZONE_INACTIVE_FILE)),
				  K(zone_page_state(zone, NR_ZONE_UNEVICTABLE)),
				  K(zone_page_state(zone, NR_ZONE_WRITE_PENDING)),
				  K(zone->present_pages), K(zone_managed_pages(zone)),
				  K(zone_page_state(zone, NR_MLOCK)),
				  K(zone_page_state(zone, NR_PAGETABLE)),
				  K(zone_page_state(zone, NR_BOUNCE)), K(zone_pcp_pages(zone)),
				  K((unsigned long)this_cpu_pcp(zone)->count),
				  K(zone_page_state(zone, NR_FREE_CMA_PAGES)));
			sb_puts(sb, "lowmem_reserve[]:");
			for (i = 0; i < MAX_NR_ZONES; i++)
				sb_printf(sb, " %ld", zone->lowmem_reserve[i]);
			sb_putc(sb, '\n');
		}
	}
	for (nid = 0; nid < m->nr_node_ids; nid++) {
		for (z = 0; z < MAX_NR_ZONES; z++) {
			struct zone *zone = &m->node_data[nid]->node_zones[z];
			unsigned long total = 0;

			if (!populated_zone(zone))
				continue;
			sb_printf(sb, "Node %d %s: ", nid, zone->name);
			for (o = 0; o < m->max_order; o++) {
				struct free_area *area = &zone->free_area[o];
				unsigned int types = 0;
				int t;

				total += area->nr_free << o;
				for (t = 0; t < MIGRATE_TYPES; t++)
					if (!free_area_empty(area, t, m))
						types |= 1U << t;
				sb_printf(sb, "%lu*%lukB ", area->nr_free, K(1UL) << o);
				if (area->nr_free)
					show_migration_types(sb, types);
			}
			sb_printf(sb, "= %lukB\n", K(total));
		}
	}
	for (nid = 0; nid < m->nr_node_ids; nid++)
		sb_printf(sb, "Node %d hugepages_total=0 hugepages_free=0 hugepages_surp=0 hugepages_size=2048kB\n",
			  nid);
	sb_printf(sb, "%lu total pagecache pages\n",
		  global_node_page_state(m, NR_FILE_PAGES));
	/* show_swap_cache_info() */
	sb_printf(sb, "%lu pages in swap cache\n"
		      "Swap cache stats: add %lu, delete %lu, find %lu/%lu\n"
		      "Free swap  = %lukB\n"
		      "Total swap = %lukB\n", m->swap.cache_pages, m->swap.add_total,
		  m->swap.del_total, m->swap.find_success, m->swap.find_total,
		  K(get_nr_swap_pages(m)), K(m->swap.pages));
}

/* show_mem(): Mem-Info, the free areas, and the page totals. */
void show_mem(struct machine *m, struct strbuf *sb)
{
	unsigned long total = 0, reserved = 0;
	int nid, z;

	sb_puts(sb, "Mem-Info:\n");
	show_free_areas(m, sb);
	for (nid = 0; nid < m->nr_node_ids; nid++)
		for (z = 0; z < MAX_NR_ZONES; z++) {
			struct zone *zone = &m->node_data[nid]->node_zones[z];

			if (!populated_zone(zone))
				continue;
			total += zone->present_pages;
			reserved += zone->present_pages - zone_managed_pages(zone);
		}
	sb_printf(sb, "%lu pages RAM\n0 pages HighMem/MovableOnly\n%lu pages reserved\n"
		      "0 pages cma reserved\n0 pages hwpoisoned\n", total, reserved);
}

/*
 * warn_alloc(): "page allocation failure" and show_mem(). The kernel
 * rate-limits it and dumps the stack in between; mmsh does neither.
 */
void warn_alloc(struct machine *m, gfp_t gfp_mask, unsigned int order,
		struct strbuf *sb)
{
	char gfp[256];

	if (gfp_mask & GFP__NOWARN)
		return;
	sb_printf(sb, "%s: page allocation failure: order:%u, mode:0x%x(%s), nodemask=(null)",
		  m->current.comm, order, gfp_mask, gfp_format(gfp_mask, false, gfp, sizeof(gfp)));
	if (m->nr_node_ids > 1)
		sb_printf(sb, ",cpuset=/,mems_allowed=0-%d\n", m->nr_node_ids - 1);
	else
		sb_puts(sb, ",cpuset=/,mems_allowed=0\n");
	show_mem(m, sb);
}

/* ---- freeing ------------------------------------------------------------------ */

/*
 * page_is_buddy(): may `page` merge with `buddy` at this order? The
 * buddy must head a free block of exactly that order in the same zone.
 */
bool page_is_buddy(const struct machine *m, const struct page *page,
		   const struct page *buddy, unsigned int order)
{
	(void)m;
	if (!PageBuddy(buddy))
		return false;
	if (buddy_order(buddy) != order)
		return false;
	return page_zone_id(page) == page_zone_id(buddy);
}

/*
 * buddy_merge_likely(): the block cannot merge now because its buddy is
 * busy, but the parent's buddy is free: once the buddy is freed two merges
 * follow. Such a block goes to the tail, where it is allocated last.
 * Blocks of order MAX_ORDER-2 and above always go to the head.
 */
bool buddy_merge_likely(struct machine *m, unsigned long pfn,
			unsigned long buddy_pfn, unsigned int order)
{
	unsigned long combined_pfn, higher_buddy_pfn;

	if (order >= m->max_order - 2)
		return false;
	if (!pfn_valid(m, buddy_pfn))
		return false;
	combined_pfn = buddy_pfn & pfn;
	higher_buddy_pfn = combined_pfn ^ (1UL << (order + 1));
	return pfn_valid(m, higher_buddy_pfn) &&
	       page_is_buddy(m, &m->mem_map[combined_pfn],
			     &m->mem_map[higher_buddy_pfn], order + 1);
}

/*
 * __free_one_page(): merge the freed block with its buddy while the buddy
 * is a free block of the same order in the same zone, up to MAX_ORDER-1.
 * Above pageblock_order each step first checks that an isolated pageblock
 * is not merged with a normal one. The result goes to the head of its
 * list, or to the tail for FPI_TO_TAIL and when buddy_merge_likely().
 */
void free_one_page_(struct page *page, unsigned long pfn, struct zone *zone,
		    unsigned int order, int migratetype, int fpi_flags)
{
	struct machine *m = zone->machine;
	unsigned long buddy_pfn = 0, combined_pfn;
	unsigned int max_order;
	struct page *buddy;
	bool to_tail;

	max_order = m->max_order - 1 < m->pageblock_order
		? m->max_order - 1 : m->pageblock_order;
	if (migratetype != MIGRATE_ISOLATE) {
		mod_zone_page_state(zone, NR_FREE_PAGES, 1L << order);
		if (migratetype == MIGRATE_CMA)
			mod_zone_page_state(zone, NR_FREE_CMA_PAGES, 1L << order);
	}
continue_merging:
	while (order < max_order) {
		if (m->capc && compaction_capture(m, zone, page, order, migratetype)) {
			mod_zone_page_state(zone, NR_FREE_PAGES, -(1L << order));
			page_changed(m, pfn);
			return;
		}
		buddy_pfn = pfn ^ (1UL << order);
		if (!pfn_valid(m, buddy_pfn))
			goto done_merging;
		buddy = &m->mem_map[buddy_pfn];
		if (!page_is_buddy(m, page, buddy, order))
			goto done_merging;
		del_page_from_free_list(buddy, zone, order);
		combined_pfn = buddy_pfn & pfn;
		page = &m->mem_map[combined_pfn];
		pfn = combined_pfn;
		order++;
	}
	if (order < m->max_order - 1) {
		/* at pageblock_order or above: never merge ISOLATE with normal */
		if (zone->nr_isolate_pageblock) {
			buddy_pfn = pfn ^ (1UL << order);
			if (pfn_valid(m, buddy_pfn)) {
				int buddy_mt = get_pfnblock_migratetype(m, buddy_pfn);

				if (migratetype != buddy_mt &&
				    (migratetype == MIGRATE_ISOLATE ||
				     buddy_mt == MIGRATE_ISOLATE))
					goto done_merging;
			}
		}
		max_order = order + 1;
		goto continue_merging;
	}
done_merging:
	set_buddy_order(page, order);
	page_changed(m, pfn);
	if (fpi_flags & FPI_TO_TAIL)
		to_tail = true;
	else
		to_tail = buddy_merge_likely(m, pfn, buddy_pfn, order);
	if (to_tail)
		add_to_free_list_tail(page, zone, order, migratetype);
	else
		add_to_free_list(page, zone, order, migratetype);
}

/* free_one_page(): re-read the block type if isolation is in play. */
void free_one_page(struct zone *zone, struct page *page, unsigned long pfn,
		   unsigned int order, int migratetype, int fpi_flags)
{
	if (zone->nr_isolate_pageblock || migratetype == MIGRATE_ISOLATE)
		migratetype = get_pfnblock_migratetype(zone->machine, pfn);
	free_one_page_(page, pfn, zone, order, migratetype, fpi_flags);
}

/* free_pages_prepare(): trace the free and wipe what the owner left. */
void free_pages_prepare(struct machine *m, struct page *page, unsigned int order)
{
	trace_page_event(m, TRACE_MM_PAGE_FREE, page_to_pfn(m, page), order, 0, false);
	page_changed(m, page_to_pfn(m, page));
	page->flags &= ~PAGEFLAGS_MASK;
	page->mapping = 0;
	page->private = 0;
}

/* __free_pages_ok(): free a block straight to the buddy lists. */
void free_pages_ok(struct machine *m, struct page *page, unsigned int order,
		   int fpi_flags)
{
	unsigned long pfn = page_to_pfn(m, page);
	int migratetype;

	free_pages_prepare(m, page, order);
	migratetype = get_pfnblock_migratetype(m, pfn);
	count_vm_events(m, PGFREE, 1UL << order);
	free_one_page(page_zone(m, page), page, pfn, order, migratetype, fpi_flags);
}

/*
 * __free_pages_core(): boot hands memory over: every page loses
 * PageReserved and its refcount, the zone counts them as managed, and the
 * block goes to the tail of its free list (FPI_TO_TAIL).
 */
void free_pages_core(struct machine *m, struct page *page, unsigned int order)
{
	unsigned long nr_pages = 1UL << order, i;

	for (i = 0; i < nr_pages; i++) {
		clear_page_flag(&page[i], PG_reserved);
		set_page_count(&page[i], 0);
		page_changed(m, page_to_pfn(m, &page[i]));
	}
	page_zone(m, page)->managed_pages += nr_pages;
	free_pages_ok(m, page, order, FPI_TO_TAIL);
}

void free_the_page(struct machine *m, struct page *page, unsigned int order)
{
	if (order == 0)
		free_unref_page(m, page);
	else
		free_pages_ok(m, page, order, FPI_NONE);
}

/* ---- mmsh's allocation records ---------------------------------------------- */

long mmsh_alloc(struct machine *m, gfp_t gfp, unsigned int order, int nid,
		struct alloc_report *report)
{
	struct page *page;

	if (nid == NUMA_NO_NODE)
		nid = numa_node_id(m);
	page = alloc_pages_nodemask(m, gfp, order, nid, report);
	if (!page)
		return -1;
	mmsh_alloc_record(m, page, order, gfp_migratetype(m, gfp));
	return (long)page_to_pfn(m, page);
}

void mmsh_alloc_record(struct machine *m, struct page *page, unsigned int order,
		       int migratetype)
{
	unsigned long pfn = page_to_pfn(m, page);

	page_changed(m, pfn);
	page->private = order | ((uint32_t)migratetype << 8);
	m->alloc_heads[pfn >> 6] |= 1ULL << (pfn & 63);
	list_add_tail(m->mem_map, (uint32_t)pfn, m->alloc_list);
	m->allocated.blocks++;
	m->allocated.pages += 1UL << order;
}

unsigned int mmsh_alloc_unrecord(struct machine *m, unsigned long pfn)
{
	struct page *page = &m->mem_map[pfn];
	unsigned int order = mmsh_alloc_order(page);

	list_del(m->mem_map, (uint32_t)pfn);
	page_changed(m, pfn);
	m->alloc_heads[pfn >> 6] &= ~(1ULL << (pfn & 63));
	m->allocated.blocks--;
	m->allocated.pages -= 1UL << order;
	page->private = 0;
	return order;
}

long mmsh_alloc_head(const struct machine *m, unsigned long pfn)
{
	unsigned int k;

	if (!pfn_valid(m, pfn))
		return -1;
	for (k = 0; k < m->max_order; k++) {
		unsigned long head = pfn & ~((1UL << k) - 1);
		const struct page *page = &m->mem_map[head];

		if (mmsh_is_held_head(m, head) && mmsh_alloc_order(page) == k)
			return (long)head;
	}
	return -1;
}

/* The head of the free buddy block containing pfn, or -1. */
static long free_block_head(const struct machine *m, unsigned long pfn)
{
	unsigned int k;

	for (k = 0; k < m->max_order; k++) {
		unsigned long head = pfn & ~((1UL << k) - 1);
		const struct page *page = &m->mem_map[head];

		if (PageBuddy(page) && buddy_order(page) == k)
			return (long)head;
	}
	return -1;
}

int mmsh_free_check(const struct machine *m, unsigned long pfn, int order,
		    struct mm_error *err)
{
	const struct page *page;
	long head;

	if (!pfn_valid(m, pfn))
		return mm_error_set(err, "pfn 0x%lx is outside memory (pfns 0x0-0x%lx)",
				    pfn, m->max_pfn - 1);
	if (pfn_is_hole(m, pfn))
		return mm_error_set(err, "pfn 0x%lx is a hole: no memory exists there", pfn);
	page = &m->mem_map[pfn];
	if (PageReserved(page))
		return mm_error_set(err,
			"pfn 0x%lx is reserved: it was never given to the buddy allocator", pfn);
	head = free_block_head(m, pfn);
	if (head >= 0)
		return mm_error_set(err, "pfn 0x%lx is already free (in the free order-%u block at 0x%lx)",
				    pfn, buddy_order(&m->mem_map[head]), (unsigned long)head);
	head = mmsh_alloc_head(m, pfn);
	if (head < 0) {
		if (page->_refcount == 0 && page->lru.next != LIST_POISON)
			return mm_error_set(err,
				"pfn 0x%lx is already free (on a per-CPU list; `drain` returns it to the buddy lists)",
				pfn);
		return mm_error_set(err, "pfn 0x%lx was not handed out by alloc", pfn);
	}
	if ((unsigned long)head != pfn)
		return mm_error_set(err,
			"pfn 0x%lx is not a block head: it is inside the order-%u block at 0x%lx",
			pfn, mmsh_alloc_order(&m->mem_map[head]), (unsigned long)head);
	if (order >= 0 && (unsigned int)order != mmsh_alloc_order(page))
		return mm_error_set(err, "pfn 0x%lx was allocated with order %u, not %d",
				    pfn, mmsh_alloc_order(page), order);
	return 0;
}

/*
 * __free_pages(): drop the reference; at zero the block is freed,
 * order 0 through the current CPU's pcp list.
 */
static void free_held_block(struct machine *m, unsigned long pfn)
{
	struct page *page = &m->mem_map[pfn];
	unsigned int order = mmsh_alloc_unrecord(m, pfn);

	if (--page->_refcount == 0)   /* put_page_testzero() */
		free_the_page(m, page, order);
}

int mmsh_free(struct machine *m, unsigned long pfn, int order,
	      struct mm_error *err)
{
	if (mmsh_free_check(m, pfn, order, err) < 0)
		return -1;
	free_held_block(m, pfn);
	return 0;
}

unsigned long mmsh_free_all(struct machine *m)
{
	unsigned long n = 0;

	while (!list_empty(m->mem_map, m->alloc_list)) {
		free_held_block(m, list_first(m->mem_map, m->alloc_list));
		n++;
	}
	return n;
}
