/*
 * src/engine/page_alloc.c: the buddy allocator of Linux 5.10 (mm/page_alloc.c).
 * Free memory sits in blocks of 2^order pages on free_area[order] lists,
 * one list per migratetype. Allocation takes the smallest suitable block
 * and splits it (expand); freeing merges a block with its free buddy for
 * as long as it can (__free_one_page). When a migratetype runs dry, it
 * steals from another (__rmqueue_fallback).
 *
 * Functions the allocation and free paths pass through on every call are
 * defined `inline` (rmqueue, free_pages_prepare, del_page_from_free_list
 * ...): the kernel's are static inline; here the definitions stay external
 * for the other files, and the callers in this file take them without a call.
 */
#include <stdio.h>
#include <string.h>

#include "mmsh/bitmap24.h"
#include "mmsh/compaction.h"
#include "mmsh/kstep.h"
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
		struct trace_event ev;   /* a page event: its own fields only (trace.h) */

		ev.id = id;
		ev.has_page = true;
		ev.pfn = pfn;
		ev.order = order;
		ev.migratetype = mt;
		ev.percpu_refill = order == 0;
		trace_emit(m, &ev, irqs_off);
	}
}

/* ---- kernel-step texts (see kstep.h) ------------------------------------- */

/* Append to a step's text buffer, never past its end. */
static void text_add(char *buf, size_t len, size_t *off, const char *s)
{
	int n;

	if (*off >= len)
		return;
	n = snprintf(buf + *off, len - *off, "%s", s);
	*off += n > 0 ? (size_t)n : 0;
}

/* ALLOC_* flags as a step shows them: "0x940 (WMARK_LOW|CMA|NOFRAGMENT|KSWAPD)". */
static const char *alloc_flags_text(unsigned int f, char *buf, size_t len)
{
	static const struct { unsigned int bit; const char *name; } names[] = {
		{ ALLOC_NO_WATERMARKS, "NO_WATERMARKS" }, { ALLOC_OOM, "OOM" },
		{ ALLOC_HARDER, "HARDER" }, { ALLOC_HIGH, "HIGH" },
		{ ALLOC_CPUSET, "CPUSET" }, { ALLOC_CMA, "CMA" },
		{ ALLOC_NOFRAGMENT, "NOFRAGMENT" }, { ALLOC_KSWAPD, "KSWAPD" },
	};
	static const char *const wmark[] = { "WMARK_MIN", "WMARK_LOW", "WMARK_HIGH", "?" };
	size_t i, off = 0;
	char hex[16];

	snprintf(hex, sizeof(hex), "0x%x (", f);
	buf[0] = '\0';
	text_add(buf, len, &off, hex);
	if (!(f & ALLOC_NO_WATERMARKS))
		text_add(buf, len, &off, wmark[f & ALLOC_WMARK_MASK]);
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (f & names[i].bit) {
			if (i > 0 || !(f & ALLOC_NO_WATERMARKS))
				text_add(buf, len, &off, "|");
			text_add(buf, len, &off, names[i].name);
		}
	text_add(buf, len, &off, ")");
	return buf;
}

/* The watermark an alloc_flags value checks against. */
static const char *wmark_text(unsigned int alloc_flags)
{
	static const char *const wmark[] = { "min", "low", "high", "?" };

	return wmark[alloc_flags & ALLOC_WMARK_MASK];
}

/* A zone as a step names it: "Normal", or "node 1 Normal" on NUMA machines. */
static const char *zone_text(const struct zone *zone, char *buf, size_t len)
{
	if (!zone)
		return "(none)";
	if (zone->machine->nr_node_ids == 1)
		return zone->name;
	snprintf(buf, len, "node %d %s", zone_to_nid(zone), zone->name);
	return buf;
}

static const char *gfp_text(gfp_t gfp, char *buf, size_t len)
{
	return gfp_format(gfp, true, buf, len);
}

static const char *yesno(bool b)
{
	return b ? "true" : "false";
}

static const char *prio_text(enum compact_priority prio)
{
	return prio == COMPACT_PRIO_SYNC_FULL ? "COMPACT_PRIO_SYNC_FULL"
	     : prio == COMPACT_PRIO_SYNC_LIGHT ? "COMPACT_PRIO_SYNC_LIGHT"
	     : "COMPACT_PRIO_ASYNC";
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
	area->nr_free_mt[migratetype]++;
	set_buddy_list_type(page, migratetype);
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
	struct free_area *area = &zone->free_area[order];

	list_move_tail(m->mem_map, (uint32_t)page_to_pfn(m, page), area->free_list[migratetype]);
	area->nr_free_mt[buddy_list_type(page)]--;
	area->nr_free_mt[migratetype]++;
	set_buddy_list_type(page, migratetype);
}

inline void del_page_from_free_list(struct page *page, struct zone *zone,
				    unsigned int order)
{
	struct machine *m = zone->machine;
	unsigned long pfn = page_to_pfn(m, page);

	list_del(m->mem_map, (uint32_t)pfn);
	zone->free_area[order].nr_free_mt[buddy_list_type(page)]--;
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
		KSTEP(zone->machine, "expand",
		      "upper half pfn=0x%lx order=%d goes to the head of free_area[%d] %s; "
		      "pfn=0x%lx order=%d is kept",
		      page_to_pfn(zone->machine, &page[size]), high, high,
		      migratetype_names[migratetype],
		      page_to_pfn(zone->machine, page), high);
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

		if (!page) {
			if (area->nr_free)
				KSTEP(m, "__rmqueue_smallest",
				      "free_area[%u] %s is empty (other lists hold %lu)",
				      current_order, migratetype_names[migratetype], area->nr_free);
			else
				KSTEP(m, "__rmqueue_smallest", "free_area[%u] %s is empty",
				      current_order, migratetype_names[migratetype]);
			continue;
		}
		del_page_from_free_list(page, zone, current_order);
		KSTEP(m, "__rmqueue_smallest",
		      "takes pfn=0x%lx order=%u from the head of free_area[%u] %s%s",
		      page_to_pfn(m, page), current_order, current_order,
		      migratetype_names[migratetype],
		      current_order > order ? ": expand() splits it" : "");
		expand(zone, page, (int)order, (int)current_order, migratetype);
		page->index = (uint32_t)migratetype;
		return page;
	}
	KSTEP(m, "__rmqueue_smallest", "no %s block of order %u to %u in %s: returns NULL",
	      migratetype_names[migratetype], order, m->max_order - 1, zone->name);
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

/* Why can_steal_fallback() answers as it does, for a step's text. */
static const char *can_steal_text(const struct machine *m, unsigned int order, int start_mt)
{
	if (order >= m->pageblock_order)
		return "order >= pageblock_order";
	if (order >= m->pageblock_order / 2)
		return "order >= pageblock_order/2";
	if (start_mt == MIGRATE_RECLAIMABLE || start_mt == MIGRATE_UNMOVABLE)
		return "an Unmovable or Reclaimable request";
	if (m->page_group_by_mobility_disabled)
		return "mobility grouping is off";
	return "a Movable request below pageblock_order/2";
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

	if (area->nr_free == 0) {
		KSTEP(m, "find_suitable_fallback", "free_area[%u] is empty (nr_free=0)", order);
		return -1;
	}
	*can_steal = false;
	for (i = 0; fallbacks[migratetype][i] != MIGRATE_TYPES; i++) {
		int fallback_mt = fallbacks[migratetype][i];

		if (free_area_empty(area, fallback_mt, m))
			continue;
		if (can_steal_fallback(m, order, migratetype))
			*can_steal = true;
		if (!only_stealable || *can_steal) {
			KSTEP(m, "find_suitable_fallback",
			      "free_area[%u] %s has a block for %s: can_steal=%s (%s)",
			      order, migratetype_names[fallback_mt],
			      migratetype_names[migratetype], yesno(*can_steal),
			      can_steal_text(m, order, migratetype));
			return fallback_mt;
		}
	}
	KSTEP(m, "find_suitable_fallback",
	      "free_area[%u]: %lu blocks, none on the %s or %s list%s", order, area->nr_free,
	      migratetype < MIGRATE_PCPTYPES ? migratetype_names[fallbacks[migratetype][0]] : "-",
	      migratetype < MIGRATE_PCPTYPES ? migratetype_names[fallbacks[migratetype][1]] : "-",
	      only_stealable ? " that may be stolen whole" : "");
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

	if (!m->watermark_boost_factor) {
		KSTEP(m, "boost_watermark", "watermark_boost_factor=0: no boost");
		return false;
	}
	if (m->pageblock_nr_pages * 4 > zone_managed_pages(zone)) {
		KSTEP(m, "boost_watermark",
		      "%s: %lu managed pages < 4 pageblocks (%lu): small zones are never boosted",
		      zone->name, zone_managed_pages(zone), m->pageblock_nr_pages * 4);
		return false;
	}
	max_boost = mult_frac(zone->_watermark[WMARK_HIGH],
			      (unsigned long)m->watermark_boost_factor, 10000);
	if (!max_boost) {
		KSTEP(m, "boost_watermark", "%s: max_boost = high %lu * %d / 10000 = 0: no boost",
		      zone->name, zone->_watermark[WMARK_HIGH], m->watermark_boost_factor);
		return false;
	}
	if (max_boost < m->pageblock_nr_pages)
		max_boost = m->pageblock_nr_pages;
	zone->watermark_boost += m->pageblock_nr_pages;
	if (zone->watermark_boost > max_boost)
		zone->watermark_boost = max_boost;
	KSTEP(m, "boost_watermark",
	      "%s: watermark_boost += a pageblock (%lu), at most max_boost=%lu "
	      "(high %lu * %d / 10000): now %lu",
	      zone->name, m->pageblock_nr_pages, max_boost, zone->_watermark[WMARK_HIGH],
	      m->watermark_boost_factor, zone->watermark_boost);
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
		KSTEP(m, "move_freepages",
		      "free pfn=0x%lx order=%u moves to the tail of free_area[%u] %s",
		      pfn, order, order, migratetype_names[migratetype]);
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
	int moved;

	if (num_movable)
		*num_movable = 0;
	start_pfn = page_to_pfn(m, page) & ~(m->pageblock_nr_pages - 1);
	end_pfn = start_pfn + m->pageblock_nr_pages - 1;
	if (!zone_spans_pfn(zone, start_pfn)) {
		start_pfn = page_to_pfn(m, page);
		KSTEP(m, "move_freepages_block",
		      "the pageblock starts before %s: the walk starts at pfn=0x%lx",
		      zone->name, start_pfn);
	}
	if (!zone_spans_pfn(zone, end_pfn)) {
		KSTEP(m, "move_freepages_block",
		      "the pageblock ends at pfn=0x%lx, outside %s: nothing moves",
		      end_pfn, zone->name);
		return 0;
	}
	moved = move_freepages(zone, start_pfn, end_pfn, migratetype, num_movable);
	if (num_movable)
		KSTEP(m, "move_freepages_block",
		      "pfn=0x%lx-0x%lx: %d free pages moved to the %s lists; %d pages in use "
		      "are movable (LRU)", start_pfn, end_pfn, moved,
		      migratetype_names[migratetype], *num_movable);
	else
		KSTEP(m, "move_freepages_block",
		      "pfn=0x%lx-0x%lx: %d free pages moved to the %s lists",
		      start_pfn, end_pfn, moved, migratetype_names[migratetype]);
	return moved;
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
	unsigned long block_pfn = page_to_pfn(m, page) & ~(m->pageblock_nr_pages - 1);

	KSTEP(m, "steal_suitable_fallback",
	      "pfn=0x%lx order=%u, in a pageblock of type %s, for %s: whole_block=%s",
	      page_to_pfn(m, page), current_order, migratetype_names[old_block_type],
	      migratetype_names[start_type], yesno(whole_block));
	if (old_block_type == MIGRATE_HIGHATOMIC) {
		KSTEP(m, "steal_suitable_fallback",
		      "a HighAtomic pageblock keeps its type: only this block moves");
		goto single_page;
	}
	if (current_order >= m->pageblock_order) {
		change_pageblock_range(m, page, current_order, start_type);
		KSTEP(m, "steal_suitable_fallback",
		      "order %u >= pageblock_order=%u: its %lu pageblock(s) from pfn=0x%lx "
		      "become %s",
		      current_order, m->pageblock_order,
		      1UL << (current_order - m->pageblock_order), page_to_pfn(m, page),
		      migratetype_names[start_type]);
		goto single_page;
	}
	if (boost_watermark(zone) && (alloc_flags & ALLOC_KSWAPD)) {
		zone->flags |= 1UL << ZONE_BOOSTED_WATERMARK;
		KSTEP(m, "steal_suitable_fallback",
		      "ALLOC_KSWAPD: %s gets ZONE_BOOSTED_WATERMARK, rmqueue() will wake kswapd",
		      zone->name);
	}
	if (!whole_block) {
		KSTEP(m, "steal_suitable_fallback",
		      "may not steal the whole block: pageblock pfn=0x%lx stays %s, "
		      "only this block moves", block_pfn, migratetype_names[old_block_type]);
		goto single_page;
	}

	free_pages = move_freepages_block(zone, page, start_type, &movable_pages);
	if (start_type == MIGRATE_MOVABLE)
		alike_pages = movable_pages;
	else if (old_block_type == MIGRATE_MOVABLE)
		alike_pages = (int)m->pageblock_nr_pages - (free_pages + movable_pages);
	else
		alike_pages = 0;
	if (!free_pages) {   /* the pageblock crosses the zone's edge */
		KSTEP(m, "steal_suitable_fallback",
		      "no free page moved (the pageblock crosses the zone's edge): "
		      "only this block moves");
		goto single_page;
	}
	if (free_pages + alike_pages >= (1 << (m->pageblock_order - 1)) ||
	    m->page_group_by_mobility_disabled) {
		set_pageblock_migratetype(m, page, start_type);
		KSTEP(m, "steal_suitable_fallback",
		      "free=%d + alike=%d %s %d (half a pageblock)%s: pageblock pfn=0x%lx "
		      "becomes %s", free_pages, alike_pages,
		      free_pages + alike_pages >= (1 << (m->pageblock_order - 1)) ? ">=" : "<",
		      1 << (m->pageblock_order - 1),
		      m->page_group_by_mobility_disabled ? ", mobility grouping is off" : "",
		      block_pfn, migratetype_names[start_type]);
	} else {
		KSTEP(m, "steal_suitable_fallback",
		      "free=%d + alike=%d < %d (half a pageblock): pageblock pfn=0x%lx stays %s",
		      free_pages, alike_pages, 1 << (m->pageblock_order - 1), block_pfn,
		      migratetype_names[old_block_type]);
	}
	return;

single_page:
	move_to_free_list(page, zone, current_order, start_type);
	KSTEP(m, "steal_suitable_fallback",
	      "pfn=0x%lx order=%u moves to the tail of free_area[%u] %s",
	      page_to_pfn(m, page), current_order, current_order,
	      migratetype_names[start_type]);
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
	KSTEP(m, "__rmqueue_fallback",
	      "%s has no %s block of order >= %d: borrow the largest block of another type, "
	      "order %u down to %d%s", zone->name, migratetype_names[start_migratetype], order,
	      m->max_order - 1, min_order,
	      (alloc_flags & ALLOC_NOFRAGMENT) ? " (ALLOC_NOFRAGMENT: whole pageblocks only)" : "");

	for (current_order = (int)m->max_order - 1; current_order >= min_order;
	     current_order--) {
		area = &zone->free_area[current_order];
		fallback_mt = find_suitable_fallback(area, (unsigned int)current_order,
						     start_migratetype, false,
						     &can_steal, m);
		if (fallback_mt == -1)
			continue;
		if (!can_steal && start_migratetype == MIGRATE_MOVABLE &&
		    current_order > order) {
			KSTEP(m, "__rmqueue_fallback",
			      "a Movable request may not steal the order-%d block whole: "
			      "take the smallest fallback block instead", current_order);
			goto find_smallest;
		}
		goto do_steal;
	}
	KSTEP(m, "__rmqueue_fallback", "no block of order %d to %u to borrow: returns false",
	      min_order, m->max_order - 1);
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
	KSTEP(m, "__rmqueue_fallback",
	      "borrows pfn=0x%lx order=%d, the head of free_area[%d] %s, for %s "
	      "(can_steal=%s)", page_to_pfn(m, page), current_order, current_order,
	      migratetype_names[fallback_mt], migratetype_names[start_migratetype],
	      yesno(can_steal));
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

	KSTEP(m, "__rmqueue", "order=%u %s from %s's free lists", order,
	      migratetype_names[migratetype], zone->name);
	if (alloc_flags & ALLOC_CMA)
		KSTEP(m, "__rmqueue", "ALLOC_CMA: NR_FREE_CMA_PAGES=%ld %s NR_FREE_PAGES/2=%ld: %s",
		      zone_page_state(zone, NR_FREE_CMA_PAGES),
		      zone_page_state(zone, NR_FREE_CMA_PAGES) >
		      zone_page_state(zone, NR_FREE_PAGES) / 2 ? ">" : "<=",
		      zone_page_state(zone, NR_FREE_PAGES) / 2,
		      zone_page_state(zone, NR_FREE_CMA_PAGES) >
		      zone_page_state(zone, NR_FREE_PAGES) / 2
		      ? "CMA first (__rmqueue_cma_fallback)" : "its own type first");
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
		if (alloc_flags & ALLOC_CMA) {
			KSTEP(m, "__rmqueue",
			      "ALLOC_CMA: try the CMA lists (__rmqueue_cma_fallback)");
			page = rmqueue_smallest(zone, order, MIGRATE_CMA);
		}
		if (!page && rmqueue_fallback(zone, (int)order, migratetype, alloc_flags)) {
			KSTEP(m, "__rmqueue",
			      "a block moved to the %s lists: __rmqueue_smallest again",
			      migratetype_names[migratetype]);
			goto retry;
		}
	}
	if (!page)
		KSTEP(m, "__rmqueue", "nothing of order >= %u to take or borrow: returns NULL",
		      order);
out:
	if (page)
		trace_page_event(m, TRACE_MM_PAGE_ALLOC_ZONE_LOCKED,
				 page_to_pfn(m, page), order, migratetype, true);
	return page;
}

/*
 * The buddy half of rmqueue(): the zone's free lists under zone->lock,
 * the highatomic reserve first for ALLOC_HARDER. Returns the block, its
 * pages counted as allocated, or NULL. (5.10 writes it inside rmqueue();
 * later kernels call it rmqueue_buddy().)
 */
static struct page *rmqueue_buddy(struct zone *preferred_zone, struct zone *zone,
				  unsigned int order, unsigned int alloc_flags,
				  int migratetype)
{
	struct machine *m = zone->machine;
	struct page *page = NULL;

	if (order)
		KSTEP(m, "rmqueue", "order=%u > 0: from %s's buddy lists under zone->lock",
		      order, zone->name);
	else
		KSTEP(m, "rmqueue", "order 0 Movable without ALLOC_CMA: from %s's buddy lists "
		      "(the pcp lists may hold CMA pages)", zone->name);
	if (order > 0 && (alloc_flags & ALLOC_HARDER)) {
		KSTEP(m, "rmqueue", "ALLOC_HARDER: the HighAtomic reserve first");
		page = rmqueue_smallest(zone, order, MIGRATE_HIGHATOMIC);
		if (page)
			trace_page_event(m, TRACE_MM_PAGE_ALLOC_ZONE_LOCKED,
					 page_to_pfn(m, page), order, migratetype, true);
	}
	if (!page)
		page = rmqueue_(zone, order, migratetype, alloc_flags);
	if (!page) {
		KSTEP(m, "rmqueue", "%s's buddy lists have no block: returns NULL", zone->name);
		return NULL;
	}
	/* __mod_zone_freepage_state() */
	mod_zone_page_state(zone, NR_FREE_PAGES, -(1L << order));
	if (page->index == MIGRATE_CMA)
		mod_zone_page_state(zone, NR_FREE_CMA_PAGES, -(1L << order));
	count_vm_events(m, (enum vm_event_item)(PGALLOC_DMA + page_zonenum(page)),
			1UL << order);
	zone_statistics(preferred_zone, zone);
	KSTEP(m, "rmqueue", "pfn=0x%lx order=%u leaves the buddy allocator: %s NR_FREE_PAGES=%ld",
	      page_to_pfn(m, page), order, zone->name, zone_page_state(zone, NR_FREE_PAGES));
	return page;
}

/*
 * rmqueue(): order-0 requests go through the per-CPU list; larger ones
 * take the zone's free lists directly, trying the highatomic reserve
 * first when ALLOC_HARDER. A steal that boosted the watermark wakes
 * kswapd on the way out (not when the buddy lists had nothing).
 * Inlined into get_page_from_freelist(), as the kernel's static inline
 * rmqueue() is; the definition stays external for other callers.
 */
inline __attribute__((always_inline))
struct page *rmqueue(struct zone *preferred_zone, struct zone *zone,
		     unsigned int order, gfp_t gfp_flags,
		     unsigned int alloc_flags, int migratetype)
{
	struct machine *m = zone->machine;
	struct page *page;

	m->rmqueue_via_pcp = false;
	if (order == 0 && ((alloc_flags & ALLOC_CMA) || migratetype != MIGRATE_MOVABLE)) {
		KSTEP(m, "rmqueue", "order 0 %s%s: from cpu %d's pcp list of %s",
		      migratetype_names[migratetype],
		      (alloc_flags & ALLOC_CMA) ? " with ALLOC_CMA" : "", m->current.cpu,
		      zone->name);
		page = rmqueue_pcplist(preferred_zone, zone, gfp_flags, migratetype,
				       alloc_flags);
		m->rmqueue_via_pcp = page != NULL;
	} else {
		page = rmqueue_buddy(preferred_zone, zone, order, alloc_flags, migratetype);
		if (!page)
			return NULL;
	}
	if (zone->flags & (1UL << ZONE_BOOSTED_WATERMARK)) {
		zone->flags &= ~(1UL << ZONE_BOOSTED_WATERMARK);
		KSTEP(m, "rmqueue",
		      "%s had ZONE_BOOSTED_WATERMARK: cleared, wakeup_kswapd(order 0, %s)",
		      zone->name, zone->name);
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
	if (zone->nr_reserved_highatomic >= max_managed) {
		KSTEP(m, "reserve_highatomic_pageblock",
		      "%s: nr_reserved_highatomic=%lu >= %lu (1%% of %lu managed + a pageblock): "
		      "no more reserves", zone->name, zone->nr_reserved_highatomic, max_managed,
		      zone_managed_pages(zone));
		return;
	}
	mt = get_pageblock_migratetype(m, page);
	if (mt != MIGRATE_HIGHATOMIC && mt != MIGRATE_ISOLATE && mt != MIGRATE_CMA) {
		zone->nr_reserved_highatomic += m->pageblock_nr_pages;
		set_pageblock_migratetype(m, page, MIGRATE_HIGHATOMIC);
		KSTEP(m, "reserve_highatomic_pageblock",
		      "the %s pageblock of pfn=0x%lx becomes HighAtomic: "
		      "nr_reserved_highatomic=%lu (max %lu)", migratetype_names[mt],
		      page_to_pfn(m, page), zone->nr_reserved_highatomic, max_managed);
		move_freepages_block(zone, page, MIGRATE_HIGHATOMIC, NULL);
	} else {
		KSTEP(m, "reserve_highatomic_pageblock",
		      "the pageblock of pfn=0x%lx is %s: nothing to reserve",
		      page_to_pfn(m, page), migratetype_names[mt]);
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
 * (inline: the fast path asks on every allocation.)
 */
inline unsigned int alloc_flags_nofragment(struct zone *zone, gfp_t gfp_mask)
{
	unsigned int alloc_flags = gfp_mask & GFP__KSWAPD_RECLAIM;

	if (!zone)
		return alloc_flags;
	if (zone_idx(zone) != ZONE_NORMAL) {
		KSTEP(zone->machine, "alloc_flags_nofragment",
		      "the preferred zone is %s, not Normal: no ALLOC_NOFRAGMENT", zone->name);
		return alloc_flags;
	}
	if (zone->machine->nr_node_ids > 1 &&
	    !populated_zone(&zone->zone_pgdat->node_zones[ZONE_DMA32])) {
		KSTEP(zone->machine, "alloc_flags_nofragment",
		      "node %d has no DMA32 zone on a multi-node machine: no ALLOC_NOFRAGMENT",
		      zone_to_nid(zone));
		return alloc_flags;
	}
	KSTEP(zone->machine, "alloc_flags_nofragment",
	      "the preferred zone is Normal: ALLOC_NOFRAGMENT, the first pass may not "
	      "fragment pageblocks");
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
 * Page cache allocated for writing (spread_dirty_pages, fast path only)
 * skips the zones of a node over its dirty limit; the last node found
 * over it is remembered across the retry, so its other zones are skipped
 * without asking again.
 */
struct page *get_page_from_freelist(struct machine *m, gfp_t gfp_mask,
				    unsigned int order, unsigned int alloc_flags,
				    const struct alloc_context *ac)
{
	struct zoneref *z;
	pg_data_t *last_pgdat_dirty_limit = NULL;
	bool no_fallback;
	char fb[96], zb[32];

retry:
	no_fallback = alloc_flags & ALLOC_NOFRAGMENT;
	KSTEP(m, "get_page_from_freelist",
	      "order=%u %s alloc_flags=%s: the zonelist from %s, zones up to %s",
	      order, migratetype_names[ac->migratetype],
	      alloc_flags_text(alloc_flags, fb, sizeof(fb)),
	      zone_text(ac->preferred_zoneref->zone, zb, sizeof(zb)),
	      zone_names[ac->highest_zoneidx]);
	/* for_next_zone_zonelist_nodemask(): the preferred zoneref is the first */
	for (z = ac->preferred_zoneref; z->zone;
	     z = next_zones_zonelist(z + 1, ac->highest_zoneidx)) {
		struct zone *zone = z->zone;
		struct page *page;
		unsigned long mark;

		if (ac->spread_dirty_pages) {
			if (last_pgdat_dirty_limit == zone->zone_pgdat) {
				KSTEP(m, "get_page_from_freelist",
				      "%s: node %d was found over its dirty limit already: next zone",
				      zone_text(zone, zb, sizeof(zb)), zone_to_nid(zone));
				continue;
			}
			if (!node_dirty_ok(zone->zone_pgdat)) {
				last_pgdat_dirty_limit = zone->zone_pgdat;
				KSTEP(m, "get_page_from_freelist",
				      "%s: __GFP_WRITE and node %d is over its dirty limit: "
				      "next zone (last_pgdat_dirty_limit = node %d)",
				      zone_text(zone, zb, sizeof(zb)), zone_to_nid(zone),
				      zone_to_nid(zone));
				continue;
			}
		}
		if (no_fallback && m->nr_node_ids > 1 &&
		    zone != ac->preferred_zoneref->zone &&
		    zone_to_nid(zone) != zone_to_nid(ac->preferred_zoneref->zone)) {
			alloc_flags &= ~ALLOC_NOFRAGMENT;   /* locality first */
			KSTEP(m, "get_page_from_freelist",
			      "%s is on another node: locality beats fragmentation, "
			      "drop ALLOC_NOFRAGMENT and start over",
			      zone_text(zone, zb, sizeof(zb)));
			goto retry;
		}
		mark = wmark_pages(zone, alloc_flags & ALLOC_WMARK_MASK);
		if (!zone_watermark_fast(zone, order, mark, ac->highest_zoneidx,
					 alloc_flags, gfp_mask)) {
			if (!(alloc_flags & ALLOC_NO_WATERMARKS)) {
				KSTEP(m, "get_page_from_freelist",
				      "%s fails the %s watermark (%lu); "
				      "node_reclaim_mode=0: next zone",
				      zone_text(zone, zb, sizeof(zb)),
				      wmark_text(alloc_flags), mark);
				continue;   /* node_reclaim_mode is 0 */
			}
			KSTEP(m, "get_page_from_freelist",
			      "%s fails the %s watermark (%lu) but ALLOC_NO_WATERMARKS: "
			      "try_this_zone",
			      zone_text(zone, zb, sizeof(zb)), wmark_text(alloc_flags), mark);
		} else {
			KSTEP(m, "get_page_from_freelist",
			      "%s passes the %s watermark (%lu): try_this_zone",
			      zone_text(zone, zb, sizeof(zb)), wmark_text(alloc_flags), mark);
		}
		page = rmqueue(ac->preferred_zoneref->zone, zone, order, gfp_mask,
			       alloc_flags, ac->migratetype);
		if (page) {
			prep_new_page(m, page, order, gfp_mask, alloc_flags);
			KSTEP(m, "get_page_from_freelist",
			      "%s gives pfn=0x%lx order=%u (prep_new_page: refcount 1)",
			      zone_text(zone, zb, sizeof(zb)), page_to_pfn(m, page), order);
			if (order && (alloc_flags & ALLOC_HARDER))
				reserve_highatomic_pageblock(page, zone, order);
			return page;
		}
		KSTEP(m, "get_page_from_freelist", "rmqueue found nothing in %s: next zone",
		      zone_text(zone, zb, sizeof(zb)));
	}
	if (no_fallback) {
		alloc_flags &= ~ALLOC_NOFRAGMENT;
		KSTEP(m, "get_page_from_freelist",
		      "no zone gave a page without fragmenting: drop ALLOC_NOFRAGMENT "
		      "and walk again");
		goto retry;
	}
	KSTEP(m, "get_page_from_freelist", "no zone gave a page: returns NULL");
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
	char fb[96];

	alloc_flags |= gfp_mask & (GFP__HIGH | GFP__KSWAPD_RECLAIM);
	if (gfp_mask & GFP__ATOMIC) {
		if (!(gfp_mask & GFP__NOMEMALLOC))
			alloc_flags |= ALLOC_HARDER;
		alloc_flags &= ~ALLOC_CPUSET;
	}
	KSTEP(m, "gfp_to_alloc_flags", "alloc_flags=%s: the min mark%s%s%s%s",
	      alloc_flags_text(current_alloc_flags(m, gfp_mask, alloc_flags), fb, sizeof(fb)),
	      (gfp_mask & GFP__HIGH) ? "; __GFP_HIGH: ALLOC_HIGH" : "",
	      !(gfp_mask & GFP__ATOMIC) ? ""
	      : (gfp_mask & GFP__NOMEMALLOC) ? "; __GFP_ATOMIC: no ALLOC_CPUSET"
	      : "; __GFP_ATOMIC: ALLOC_HARDER, no ALLOC_CPUSET",
	      (gfp_mask & GFP__KSWAPD_RECLAIM) ? "; __GFP_KSWAPD_RECLAIM: ALLOC_KSWAPD" : "",
	      gfp_migratetype(m, gfp_mask) == MIGRATE_MOVABLE ? "; Movable: ALLOC_CMA" : "");
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
	if (gfp_mask & GFP__NOMEMALLOC) {
		if (m)
			KSTEP(m, "__gfp_pfmemalloc_flags",
			      "__GFP_NOMEMALLOC: no access to the reserves");
		return 0;
	}
	if (gfp_mask & GFP__MEMALLOC) {
		if (m)
			KSTEP(m, "__gfp_pfmemalloc_flags", "__GFP_MEMALLOC: ALLOC_NO_WATERMARKS");
		return ALLOC_NO_WATERMARKS;
	}
	if (m && (m->current_flags & PF_MEMALLOC)) {
		KSTEP(m, "__gfp_pfmemalloc_flags",
		      "%s runs with PF_MEMALLOC: ALLOC_NO_WATERMARKS", m->current.comm);
		return ALLOC_NO_WATERMARKS;
	}
	if (m && m->current_oom_victim) {
		KSTEP(m, "__gfp_pfmemalloc_flags",
		      "%s is an OOM victim: ALLOC_OOM (half the min reserve)", m->current.comm);
		return ALLOC_OOM;
	}
	if (m)
		KSTEP(m, "__gfp_pfmemalloc_flags",
		      "no __GFP_MEMALLOC, no PF_MEMALLOC, not an OOM victim: no reserves");
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
	char fb[96];

	KSTEP(m, "__alloc_pages_cpuset_fallback",
	      "alloc_flags=%s: first with ALLOC_CPUSET, then without",
	      alloc_flags_text(alloc_flags, fb, sizeof(fb)));
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

	KSTEP(m, "unreserve_highatomic_pageblock",
	      "force=%s: give a HighAtomic pageblock back to %s", yesno(force),
	      migratetype_names[ac->migratetype]);
	for (z = first_zones_zonelist(ac->zonelist, ac->highest_zoneidx); z->zone;
	     z = next_zones_zonelist(z + 1, ac->highest_zoneidx)) {
		struct zone *zone = z->zone;

		if (!force && zone->nr_reserved_highatomic <= m->pageblock_nr_pages) {
			KSTEP(m, "unreserve_highatomic_pageblock",
			      "%s: nr_reserved_highatomic=%lu <= a pageblock (%lu), not forced: "
			      "keeps it", zone->name, zone->nr_reserved_highatomic,
			      m->pageblock_nr_pages);
			continue;
		}
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
			KSTEP(m, "unreserve_highatomic_pageblock",
			      "%s: free_area[%u] HighAtomic heads pfn=0x%lx: its pageblock "
			      "becomes %s, nr_reserved_highatomic=%lu", zone->name, order,
			      page_to_pfn(m, page), migratetype_names[ac->migratetype],
			      zone->nr_reserved_highatomic);
			if (move_freepages_block(zone, page, ac->migratetype, NULL)) {
				KSTEP(m, "unreserve_highatomic_pageblock",
				      "free pages moved: returns true");
				return true;
			}
		}
	}
	KSTEP(m, "unreserve_highatomic_pageblock", "no free HighAtomic page moved: returns false");
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

	if (!order) {
		KSTEP(m, "__alloc_pages_direct_compact", "order 0: compaction cannot help");
		return NULL;
	}
	KSTEP(m, "__alloc_pages_direct_compact",
	      "try_to_compact_pages(order=%u, %s) as PF_MEMALLOC", order, prio_text(prio));
	m->current_flags |= PF_MEMALLOC;
	*compact_result = try_to_compact_pages(m, gfp_mask, order, alloc_flags, ac->zonelist,
					       ac->highest_zoneidx, prio, &page);
	m->current_flags = saved_flags;
	count_vm_events(m, COMPACTSTALL, 1);
	rep->compactions++;
	rep->compact_result = *compact_result;
	KSTEP(m, "__alloc_pages_direct_compact", "compaction returns %s%s: COMPACTSTALL=%lu",
	      compact_result_name(*compact_result), page ? " with a captured block" : "",
	      m->vm_events[COMPACTSTALL]);
	if (page) {
		prep_new_page(m, page, order, gfp_mask, alloc_flags);
		rep->captured = true;
		KSTEP(m, "__alloc_pages_direct_compact", "takes the captured pfn=0x%lx order=%u",
		      page_to_pfn(m, page), order);
	} else {
		page = get_page_from_freelist(m, gfp_mask, order, alloc_flags, ac);
	}
	if (page) {
		struct zone *zone = page_zone(m, page);

		zone->compact.blockskip_flush = false;
		compaction_defer_reset(zone, (int)order, true);
		count_vm_events(m, COMPACTSUCCESS, 1);
		KSTEP(m, "__alloc_pages_direct_compact",
		      "got pfn=0x%lx: compaction_defer_reset(%s, order %u), COMPACTSUCCESS",
		      page_to_pfn(m, page), zone->name, order);
		return page;
	}
	count_vm_events(m, COMPACTFAIL, 1);
	KSTEP(m, "__alloc_pages_direct_compact", "still no page: COMPACTFAIL, returns NULL");
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

	KSTEP(m, "__alloc_pages_direct_reclaim",
	      "__perform_reclaim: try_to_free_pages(order=%u) as PF_MEMALLOC", order);
	m->current_flags |= PF_MEMALLOC;   /* __perform_reclaim() */
	*did_some_progress = try_to_free_pages(m, ac->zonelist, (int)order, gfp_mask);
	m->current_flags = saved_flags;
	rep->reclaims++;
	rep->reclaimed += *did_some_progress;
	if (!*did_some_progress) {
		KSTEP(m, "__alloc_pages_direct_reclaim", "reclaimed nothing: returns NULL");
		return NULL;
	}
	KSTEP(m, "__alloc_pages_direct_reclaim", "did_some_progress=%lu: try the free lists",
	      *did_some_progress);
retry:
	page = get_page_from_freelist(m, gfp_mask, order, alloc_flags, ac);
	if (!page && !drained) {
		KSTEP(m, "__alloc_pages_direct_reclaim",
		      "no page yet: unreserve a HighAtomic block, drain_all_pages, try once more");
		unreserve_highatomic_pageblock(m, ac, false);
		drain_all_pages(m, NULL);
		rep->drained = true;
		drained = true;
		goto retry;
	}
	if (page)
		KSTEP(m, "__alloc_pages_direct_reclaim", "got pfn=0x%lx after reclaim",
		      page_to_pfn(m, page));
	else
		KSTEP(m, "__alloc_pages_direct_reclaim",
		      "no page even after the drain: returns NULL");
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
	KSTEP(m, "should_reclaim_retry",
	      "did_some_progress=%s, order %u %s PAGE_ALLOC_COSTLY_ORDER: no_progress_loops=%d "
	      "(MAX_RECLAIM_RETRIES=%d)", yesno(did_some_progress), order,
	      order <= PAGE_ALLOC_COSTLY_ORDER ? "<=" : ">", *no_progress_loops,
	      MAX_RECLAIM_RETRIES);
	if (*no_progress_loops > MAX_RECLAIM_RETRIES) {
		bool unreserved;

		KSTEP(m, "should_reclaim_retry",
		      "no_progress_loops=%d > %d: last resort, unreserve a HighAtomic block "
		      "(forced)",
		      *no_progress_loops, MAX_RECLAIM_RETRIES);
		unreserved = unreserve_highatomic_pageblock(m, ac, true);   /* before OOM */
		KSTEP(m, "should_reclaim_retry", "returns %s", yesno(unreserved));
		return unreserved;
	}

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
		KSTEP(m, "should_reclaim_retry",
		      "%s: reclaimable=%lu + free=%ld = available %lu against min=%lu: %s",
		      zone->name, reclaimable, zone_page_state(zone, NR_FREE_PAGES), available,
		      min_wmark, wmark ? "would pass" : "would fail");
		if (wmark) {
			if (!did_some_progress) {
				unsigned long write_pending =
					(unsigned long)zone_page_state(zone, NR_ZONE_WRITE_PENDING);

				if (2 * write_pending > reclaimable) {
					KSTEP(m, "should_reclaim_retry",
					      "no progress and 2 * write_pending=%lu > "
					      "reclaimable=%lu: congestion_wait(HZ/10), then retry",
					      2 * write_pending, reclaimable);
					congestion_wait(m);
					return true;
				}
			}
			KSTEP(m, "should_reclaim_retry", "returns true: reclaim again");
			return true;
		}
	}
	KSTEP(m, "should_reclaim_retry",
	      "no zone would pass min even with everything reclaimed: returns false");
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

	if (!order) {
		KSTEP(m, "should_compact_retry", "order 0: compaction is no reason to retry");
		return false;
	}
	if (compact_result == COMPACT_SUCCESS) {   /* compaction_made_progress() */
		(*compaction_retries)++;
		KSTEP(m, "should_compact_retry", "compaction made progress: compaction_retries=%d",
		      *compaction_retries);
	}
	if (compact_result == COMPACT_COMPLETE) {  /* compaction_failed() */
		KSTEP(m, "should_compact_retry",
		      "COMPACT_COMPLETE: compaction failed, try a higher priority");
		goto check_priority;
	}
	if (compact_result == COMPACT_SKIPPED) { /* compaction_needs_reclaim() */
		ret = compaction_zonelist_suitable(m, ac->zonelist, ac->highest_zoneidx,
						   (int)order, alloc_flags);
		KSTEP(m, "should_compact_retry",
		      "COMPACT_SKIPPED: compaction needs reclaim; compaction_zonelist_suitable=%s",
		      yesno(ret));
		goto out;
	}
	if (compact_result == COMPACT_DEFERRED || compact_result == COMPACT_CONTENDED ||
	    compact_result == COMPACT_PARTIAL_SKIPPED) {  /* compaction_withdrawn() */
		KSTEP(m, "should_compact_retry", "%s: compaction withdrew, try a higher priority",
		      compact_result_name(compact_result));
		goto check_priority;
	}
	if (order > PAGE_ALLOC_COSTLY_ORDER)
		max_retries /= 4;
	if (*compaction_retries <= max_retries) {
		ret = true;
		KSTEP(m, "should_compact_retry", "compaction_retries=%d <= max_retries=%d: retry",
		      *compaction_retries, max_retries);
		goto out;
	}
	KSTEP(m, "should_compact_retry",
	      "compaction_retries=%d > max_retries=%d: try a higher priority",
	      *compaction_retries, max_retries);
check_priority:
	min_priority = order > PAGE_ALLOC_COSTLY_ORDER ? MIN_COMPACT_COSTLY_PRIORITY
						       : MIN_COMPACT_PRIORITY;
	if (*compact_priority > min_priority) {
		(*compact_priority)--;
		*compaction_retries = 0;
		ret = true;
		KSTEP(m, "should_compact_retry",
		      "priority raised to %s (the limit is %s), compaction_retries=0: retry",
		      prio_text(*compact_priority), prio_text(min_priority));
	} else {
		KSTEP(m, "should_compact_retry",
		      "already at %s, the highest priority for order %u: no retry",
		      prio_text(*compact_priority), order);
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
	KSTEP(m, "__alloc_pages_may_oom",
	      "one more try at the high watermark: another task's kill may have freed memory");
	page = get_page_from_freelist(m, (gfp_mask | GFP__HARDWALL) & ~GFP__DIRECT_RECLAIM, order,
				      ALLOC_WMARK_HIGH | ALLOC_CPUSET, ac);
	if (page) {
		KSTEP(m, "__alloc_pages_may_oom", "got pfn=0x%lx: no OOM kill",
		      page_to_pfn(m, page));
		return page;
	}
	if (order > PAGE_ALLOC_COSTLY_ORDER) {
		rep->oom_skipped = OOM_SKIP_COSTLY;
		KSTEP(m, "__alloc_pages_may_oom",
		      "order %u > PAGE_ALLOC_COSTLY_ORDER=%d: the OOM killer does not run",
		      order, PAGE_ALLOC_COSTLY_ORDER);
		return NULL;
	}
	if (gfp_mask & (GFP__RETRY_MAYFAIL | GFP__THISNODE)) {
		rep->oom_skipped = OOM_SKIP_MAYFAIL;
		KSTEP(m, "__alloc_pages_may_oom",
		      "%s: the OOM killer does not run",
		      (gfp_mask & GFP__RETRY_MAYFAIL) ? "__GFP_RETRY_MAYFAIL" : "__GFP_THISNODE");
		return NULL;
	}
	if (ac->highest_zoneidx < ZONE_NORMAL) {
		rep->oom_skipped = OOM_SKIP_LOWMEM;
		KSTEP(m, "__alloc_pages_may_oom",
		      "highest_zoneidx=%s < Normal: the OOM killer does not run for lowmem",
		      zone_names[ac->highest_zoneidx]);
		return NULL;
	}
	rep->oom_calls++;
	KSTEP(m, "__alloc_pages_may_oom", "out_of_memory(order=%u)", order);
	if (out_of_memory(m, &oc) || (gfp_mask & GFP__NOFAIL)) {
		*did_some_progress = 1;
		if (oc.chosen)
			rep->oom_kills++;
		KSTEP(m, "__alloc_pages_may_oom", "out_of_memory %s: did_some_progress=1",
		      oc.chosen ? "chose a victim" : (gfp_mask & GFP__NOFAIL)
		      ? "failed but __GFP_NOFAIL (WARN)" : "returned true");
		if (gfp_mask & GFP__NOFAIL)
			page = alloc_pages_cpuset_fallback(m, gfp_mask, order, ALLOC_NO_WATERMARKS, ac);
	} else {
		KSTEP(m, "__alloc_pages_may_oom",
		      "out_of_memory returned false: did_some_progress=0");
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
	char fb[96], gb[160];

	KSTEP(m, "__alloc_pages_slowpath",
	      "order=%u gfp=%s: can_direct_reclaim=%s, costly_order=%s (order > %d)",
	      order, gfp_text(gfp_mask, gb, sizeof(gb)), yesno(can_direct_reclaim),
	      yesno(costly_order), PAGE_ALLOC_COSTLY_ORDER);
	if ((gfp_mask & (GFP__ATOMIC | GFP__DIRECT_RECLAIM)) ==
	    (GFP__ATOMIC | GFP__DIRECT_RECLAIM)) {
		/* a caller that may sleep is not atomic: WARN_ON_ONCE, then drop it */
		if (!m->warned_atomic_reclaim) {
			m->warned_atomic_reclaim = true;
			rep->warned_atomic_reclaim = true;
		}
		gfp_mask &= ~GFP__ATOMIC;
		KSTEP(m, "__alloc_pages_slowpath",
		      "__GFP_ATOMIC with __GFP_DIRECT_RECLAIM: WARN_ON_ONCE, __GFP_ATOMIC dropped");
	}

	compaction_retries = 0;
	no_progress_loops = 0;
	compact_priority = DEF_COMPACT_PRIORITY;
	alloc_flags = gfp_to_alloc_flags(m, gfp_mask);
	rep->alloc_flags = alloc_flags;
	ac->preferred_zoneref = first_zones_zonelist(ac->zonelist, ac->highest_zoneidx);
	if (!ac->preferred_zoneref->zone) {
		rep->outcome = ALLOC_FAIL_NO_ZONE;
		KSTEP(m, "__alloc_pages_slowpath", "no zone of the zonelist may be used: nopage");
		goto nopage;
	}
	if (alloc_flags & ALLOC_KSWAPD) {
		KSTEP(m, "__alloc_pages_slowpath", "ALLOC_KSWAPD: wake_all_kswapds(order=%u)",
		      order);
		wake_all_kswapds(m, order, gfp_mask, ac);
		rep->woke_kswapd = true;
	}
	KSTEP(m, "__alloc_pages_slowpath", "try the free lists again at the min watermark");
	page = get_page_from_freelist(m, gfp_mask, order, alloc_flags, ac);
	if (page) {
		rep->outcome = ALLOC_OK_SLOWPATH;
		goto got_pg;
	}

	/* costly and unmovable high orders try (async) compaction before reclaim */
	if (can_direct_reclaim && (costly_order || (order > 0 && ac->migratetype != MIGRATE_MOVABLE)) &&
	    !gfp_pfmemalloc_flags_(m, gfp_mask)) {
		KSTEP(m, "__alloc_pages_slowpath",
		      "%s: async compaction before reclaim",
		      costly_order ? "a costly order" : "an order > 0 that is not Movable");
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
				KSTEP(m, "__alloc_pages_slowpath",
				      "costly __GFP_NORETRY and compaction %s: reclaim would not "
				      "help, nopage",
				      compact_result_name(compact_result));
				goto nopage;
			}
			compact_priority = INIT_COMPACT_PRIORITY;   /* stay with async compaction */
			KSTEP(m, "__alloc_pages_slowpath",
			      "costly __GFP_NORETRY: compaction stays at COMPACT_PRIO_ASYNC");
		}
	}

retry:
	if (++rounds > SLOWPATH_MAX_ROUNDS) {
		rep->outcome = ALLOC_FAIL_LIVELOCK;
		KSTEP(m, "__alloc_pages_slowpath",
		      "mmsh stops after %d rounds: the kernel would loop on", SLOWPATH_MAX_ROUNDS);
		goto nopage;
	}
	rep->rounds = rounds;
	KSTEP(m, "__alloc_pages_slowpath", "retry: round %u", rounds);
	if (alloc_flags & ALLOC_KSWAPD) {
		KSTEP(m, "__alloc_pages_slowpath", "ALLOC_KSWAPD: wake_all_kswapds(order=%u)",
		      order);
		wake_all_kswapds(m, order, gfp_mask, ac);
	}
	reserve_flags = gfp_pfmemalloc_flags_(m, gfp_mask);
	if (reserve_flags) {
		alloc_flags = current_alloc_flags(m, gfp_mask, (unsigned int)reserve_flags);
		KSTEP(m, "__alloc_pages_slowpath", "reserve_flags replace alloc_flags: %s",
		      alloc_flags_text(alloc_flags, fb, sizeof(fb)));
	}
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
		KSTEP(m, "__alloc_pages_slowpath",
		      "no __GFP_DIRECT_RECLAIM: may not reclaim, nopage");
		goto nopage;
	}
	if (m->current_flags & PF_MEMALLOC) {   /* reclaim does not recurse */
		rep->outcome = ALLOC_FAIL_NOWAIT;
		KSTEP(m, "__alloc_pages_slowpath",
		      "%s runs with PF_MEMALLOC: reclaim does not recurse, nopage",
		      m->current.comm);
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
		KSTEP(m, "__alloc_pages_slowpath", "__GFP_NORETRY: no second round, nopage");
		goto nopage;
	}
	if (costly_order && !(gfp_mask & GFP__RETRY_MAYFAIL)) {
		rep->outcome = ALLOC_FAIL_COSTLY;
		KSTEP(m, "__alloc_pages_slowpath",
		      "costly order %u without __GFP_RETRY_MAYFAIL: no retry, nopage", order);
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
		KSTEP(m, "__alloc_pages_slowpath", "the kernel panicked: nopage");
		goto nopage;
	}
	/* an OOM victim with access to the reserves must not loop */
	if (m->current_oom_victim &&
	    ((alloc_flags & ALLOC_OOM) || (gfp_mask & GFP__NOMEMALLOC))) {
		rep->outcome = ALLOC_FAIL_OOM_VICTIM;
		KSTEP(m, "__alloc_pages_slowpath",
		      "%s is an OOM victim that had the reserves: it must not loop, nopage",
		      m->current.comm);
		goto nopage;
	}
	if (did_some_progress) {
		no_progress_loops = 0;
		KSTEP(m, "__alloc_pages_slowpath",
		      "the OOM killer made progress: no_progress_loops=0, retry");
		goto retry;
	}
	rep->outcome = ALLOC_FAIL_OOM;
	KSTEP(m, "__alloc_pages_slowpath", "nothing helped: nopage");

nopage:
	if ((gfp_mask & GFP__NOFAIL) && can_direct_reclaim && !m->panicked &&
	    rounds <= SLOWPATH_MAX_ROUNDS) {
		/* reserves short of ALLOC_NO_WATERMARKS, then try everything again */
		KSTEP(m, "__alloc_pages_slowpath",
		      "__GFP_NOFAIL: may not fail, try with ALLOC_HARDER, else retry");
		page = alloc_pages_cpuset_fallback(m, gfp_mask, order, ALLOC_HARDER, ac);
		if (page) {
			rep->outcome = ALLOC_OK_NOFAIL;
			rep->alloc_flags = ALLOC_HARDER;
			goto got_pg;
		}
		goto retry;
	}
	KSTEP(m, "__alloc_pages_slowpath", "nopage: returns NULL%s",
	      (gfp_mask & GFP__NOWARN) ? " (__GFP_NOWARN: no warn_alloc)"
	      : "; warn_alloc reports the failure");
	return NULL;
got_pg:
	KSTEP(m, "__alloc_pages_slowpath", "got_pg: pfn=0x%lx order=%u", page_to_pfn(m, page),
	      order);
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
	char fb[96], gb[160];

	memset(rep, 0, sizeof(*rep));
	rep->gfp = gfp_mask;
	m->rmqueue_via_pcp = false;
	KSTEP(m, "__alloc_pages_nodemask", "order=%u gfp=%s preferred_nid=%d", order,
	      gfp_text(gfp_mask, gb, sizeof(gb)), preferred_nid);
	if (m->panicked) {   /* the machine has stopped: nothing runs after panic() */
		rep->outcome = ALLOC_FAIL_PANIC;
		KSTEP(m, "__alloc_pages_nodemask", "the kernel has panicked: returns NULL");
		return NULL;
	}
	if (order >= m->max_order) {
		rep->outcome = ALLOC_FAIL_ORDER;   /* WARN_ON_ONCE, no tracepoint */
		KSTEP(m, "__alloc_pages_nodemask", "order %u >= MAX_ORDER=%u: WARN, returns NULL",
		      order, m->max_order);
		return NULL;
	}
	/* prepare_alloc_pages() */
	ac.highest_zoneidx = gfp_zone(gfp_mask);
	ac.zonelist = node_zonelist(m, preferred_nid, gfp_mask);
	ac.migratetype = gfp_migratetype(m, gfp_mask);
	alloc_flags = current_alloc_flags(m, gfp_mask, alloc_flags);
	/* finalise_ac() */
	ac.spread_dirty_pages = gfp_mask & GFP__WRITE;
	ac.preferred_zoneref = first_zones_zonelist(ac.zonelist, ac.highest_zoneidx);
	KSTEP(m, "prepare_alloc_pages",
	      "highest_zoneidx=%s, migratetype=%s, preferred zone %s, alloc_flags=%s",
	      zone_names[ac.highest_zoneidx], migratetype_names[ac.migratetype],
	      zone_text(ac.preferred_zoneref->zone, gb, sizeof(gb)),
	      alloc_flags_text(alloc_flags, fb, sizeof(fb)));

	alloc_flags |= alloc_flags_nofragment(ac.preferred_zoneref->zone, gfp_mask);
	rep->alloc_flags = alloc_flags;
	KSTEP(m, "__alloc_pages_nodemask",
	      "fast path: get_page_from_freelist at the low watermark");
	page = get_page_from_freelist(m, gfp_mask, order, alloc_flags, &ac);
	if (page) {
		rep->outcome = ALLOC_OK_FASTPATH;
	} else {
		if (ac.spread_dirty_pages)
			KSTEP(m, "__alloc_pages_nodemask",
			      "spread_dirty_pages cleared: the slow path may exceed the nodes' "
			      "dirty limits");
		ac.spread_dirty_pages = false;   /* dirty spreading is for the fast path only */
		KSTEP(m, "__alloc_pages_nodemask", "the fast path failed: __alloc_pages_slowpath");
		page = alloc_pages_slowpath(m, gfp_mask, order, &ac, rep);
	}
	if (page)
		KSTEP(m, "__alloc_pages_nodemask", "returns pfn=0x%lx order=%u",
		      page_to_pfn(m, page), order);
	else
		KSTEP(m, "__alloc_pages_nodemask", "returns NULL: order=%u failed", order);
	rep->via_pcp = page && m->rmqueue_via_pcp;
	if (tracepoint(m, TRACE_MM_PAGE_ALLOC)) {
		struct trace_event ev;   /* a page event: its own fields only (trace.h) */

		ev.id = TRACE_MM_PAGE_ALLOC;
		ev.has_page = page != NULL;
		ev.pfn = page ? page_to_pfn(m, page) : 0;
		ev.order = order;
		ev.migratetype = ac.migratetype;
		ev.gfp_flags = gfp_mask;
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
inline bool page_is_buddy(const struct machine *m, const struct page *page,
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
inline bool buddy_merge_likely(struct machine *m, unsigned long pfn,
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
		OPCOUNT(OP_MERGE_STEP);
		if (m->capc && compaction_capture(m, zone, page, order, migratetype)) {
			mod_zone_page_state(zone, NR_FREE_PAGES, -(1L << order));
			page_changed(m, pfn);
			KSTEP(m, "compaction_capture",
			      "pfn=0x%lx order=%u is what the direct compactor in %s waits for: "
			      "captured, not freed", pfn, order, zone->name);
			return;
		}
		buddy_pfn = pfn ^ (1UL << order);
		if (!pfn_valid(m, buddy_pfn)) {
			KSTEP(m, "__free_one_page",
			      "order %u: buddy pfn=0x%lx is beyond memory: merging stops",
			      order, buddy_pfn);
			goto done_merging;
		}
		buddy = &m->mem_map[buddy_pfn];
		if (!page_is_buddy(m, page, buddy, order)) {
			KSTEP(m, "__free_one_page",
			      "order %u: buddy pfn=0x%lx is %s: merging stops",
			      order, buddy_pfn,
			      !PageBuddy(buddy) ? "not free"
			      : buddy_order(buddy) != order ? "free at another order"
			      : "in another zone");
			goto done_merging;
		}
		del_page_from_free_list(buddy, zone, order);
		combined_pfn = buddy_pfn & pfn;
		KSTEP(m, "__free_one_page",
		      "order %u: buddy pfn=0x%lx is free: take it off free_area[%u], "
		      "merge into pfn=0x%lx order=%u",
		      order, buddy_pfn, order, combined_pfn, order + 1);
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
				     buddy_mt == MIGRATE_ISOLATE)) {
					KSTEP(m, "__free_one_page",
					      "order %u: buddy pageblock is %s, this one %s: "
					      "an isolated block never merges with a normal one",
					      order, migratetype_names[buddy_mt],
					      migratetype_names[migratetype]);
					goto done_merging;
				}
			}
		}
		max_order = order + 1;
		goto continue_merging;
	}
	KSTEP(m, "__free_one_page", "order %u is MAX_ORDER-1: no larger block to merge into",
	      order);
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
	KSTEP(m, "__free_one_page", "pfn=0x%lx order=%u goes to the %s of free_area[%u] %s%s",
	      pfn, order, to_tail ? "tail" : "head", order, migratetype_names[migratetype],
	      (fpi_flags & FPI_TO_TAIL) ? " (FPI_TO_TAIL)"
	      : to_tail ? " (buddy_merge_likely: its parent's buddy is free)" : "");
}

/* free_one_page(): re-read the block type if isolation is in play. */
void free_one_page(struct zone *zone, struct page *page, unsigned long pfn,
		   unsigned int order, int migratetype, int fpi_flags)
{
	if (zone->nr_isolate_pageblock || migratetype == MIGRATE_ISOLATE) {
		migratetype = get_pfnblock_migratetype(zone->machine, pfn);
		KSTEP(zone->machine, "free_one_page",
		      "isolation in play: the pageblock of pfn=0x%lx is read again: %s",
		      pfn, migratetype_names[migratetype]);
	}
	free_one_page_(page, pfn, zone, order, migratetype, fpi_flags);
}

/*
 * free_pages_prepare(): trace the free and wipe what the owner left.
 * (inline: every free passes here, as through the kernel's __always_inline one.)
 */
inline void free_pages_prepare(struct machine *m, struct page *page, unsigned int order)
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
	KSTEP(m, "__free_pages_ok",
	      "pfn=0x%lx order=%u, %s pageblock: PGFREE += %lu, __free_one_page under zone->lock",
	      pfn, order, migratetype_names[migratetype], 1UL << order);
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
	if (order == 0) {
		KSTEP(m, "free_the_page", "pfn=0x%lx order 0: to a pcp list (free_unref_page)",
		      page_to_pfn(m, page));
		free_unref_page(m, page);
	} else {
		KSTEP(m, "free_the_page",
		      "pfn=0x%lx order %u > 0: straight to the buddy lists (__free_pages_ok)",
		      page_to_pfn(m, page), order);
		free_pages_ok(m, page, order, FPI_NONE);
	}
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

	if (--page->_refcount == 0) {  /* put_page_testzero() */
		KSTEP(m, "__free_pages",
		      "pfn=0x%lx order=%u: put_page_testzero: refcount 0, free it", pfn, order);
		free_the_page(m, page, order);
	} else {
		KSTEP(m, "__free_pages", "pfn=0x%lx order=%u: refcount %d after the put: not freed",
		      pfn, order, page->_refcount);
	}
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
