/*
 * src/engine/compaction.c: memory compaction and page migration of Linux
 * 5.10 (mm/compaction.c, mm/migrate.c): two scanners walk a zone towards
 * each other, movable pages move from the bottom to free pages at the top,
 * and free memory gathers into large blocks. Also kcompactd and the
 * debugfs extfrag indexes.
 */
#include <errno.h>
#include <string.h>

#include "mmsh/compaction.h"
#include "mmsh/kstep.h"
#include "mmsh/list.h"
#include "mmsh/lru.h"
#include "mmsh/mmzone.h"
#include "mmsh/page_alloc.h"
#include "mmsh/pcp.h"
#include "mmsh/rmap.h"
#include "mmsh/trace.h"
#include "mmsh/vmscan.h"
#include "mmsh/watermark.h"
#include "mmsh/workload.h"

/* migrate_pages(): passes over the list; from the third on it forces (waits). */
#define MIGRATE_PASSES         10
#define MIGRATE_FORCE_AFTER    2
#define MIGRATEPAGE_SUCCESS    0

/* freelist_scan_limit() shifts an unsigned long by at most BITS_PER_LONG - 1 */
#define BITS_PER_LONG          64U

/* The fragmentation indexes are fractions printed with three decimals. */
#define FRAG_INDEX_SCALE       1000
#define PERCENT                100

/* Proactive compaction (5.10): checks every 500 ms, wmark_low >= 5, high = low + 10. */
#define HPAGE_FRAG_CHECK_INTERVAL_MSEC 500
#define MSEC_PER_SEC           1000
#define PROACTIVE_WMARK_LOW_MIN 5
#define PROACTIVE_WMARK_GAP    10

/*
 * sysctl_compact_unevictable_allowed is 1 (CONFIG_PREEMPT_RT is off): the
 * migrate scanner also takes pages from the unevictable list.
 */
#define SYSCTL_COMPACT_UNEVICTABLE_ALLOWED 1

/* struct compact_control (mm/internal.h): one compaction run of one zone. */
struct compact_control {
	struct machine *m;
	struct zone *zone;
	uint32_t freepages;              /* list head: isolated free pages */
	uint32_t migratepages;           /* list head: pages to migrate */
	unsigned long nr_freepages;
	unsigned long nr_migratepages;
	unsigned long free_pfn;          /* the free scanner: walks down */
	unsigned long migrate_pfn;       /* the migrate scanner: walks up */
	unsigned long total_migrate_scanned;
	unsigned long total_free_scanned;
	gfp_t gfp_mask;
	int order;                       /* -1: the whole zone (compact_memory) */
	int search_order;                /* where the fast free search starts */
	unsigned int fast_search_fail;   /* fast free searches that found nothing */
	int migratetype;                 /* of the allocation compaction serves */
	unsigned int alloc_flags;
	int highest_zoneidx;
	enum migrate_mode mode;
	bool ignore_skip_hint;
	bool ignore_block_suitable;
	bool direct_compaction;
	bool proactive_compaction;
	bool whole_zone;
	bool contended;
	bool rescan;
	struct compact_zone_report *rep; /* mmsh: what `compact` shows, or NULL */
};

/* The scanners' possible outcomes (isolate_migrate_t). */
enum isolate_migrate {
	ISOLATE_ABORT,
	ISOLATE_NONE,
	ISOLATE_SUCCESS,
};

/* include/trace/events/compaction.h: compaction_status_string — the names tracepoints print. */
const char *compact_result_name(enum compact_result r)
{
	static const char *const names[] = {
		[COMPACT_NOT_SUITABLE_ZONE] = "not_suitable_zone",
		[COMPACT_SKIPPED] = "skipped",
		[COMPACT_DEFERRED] = "deferred",
		[COMPACT_NO_SUITABLE_PAGE] = "no_suitable_page",
		[COMPACT_CONTINUE] = "continue",
		[COMPACT_COMPLETE] = "complete",
		[COMPACT_PARTIAL_SKIPPED] = "partial_skipped",
		[COMPACT_CONTENDED] = "contended",
		[COMPACT_SUCCESS] = "success",
	};

	if ((unsigned int)r >= sizeof(names) / sizeof(names[0]))
		return "?";
	return names[r];
}

/* ---- small helpers ------------------------------------------------------- */

/* The kernel's names of enum compact_result, for the kernel steps. */
static const char *result_const(enum compact_result r)
{
	static const char *const names[] = {
		[COMPACT_NOT_SUITABLE_ZONE] = "COMPACT_NOT_SUITABLE_ZONE",
		[COMPACT_SKIPPED] = "COMPACT_SKIPPED",
		[COMPACT_DEFERRED] = "COMPACT_DEFERRED",
		[COMPACT_NO_SUITABLE_PAGE] = "COMPACT_NO_SUITABLE_PAGE",
		[COMPACT_CONTINUE] = "COMPACT_CONTINUE",
		[COMPACT_COMPLETE] = "COMPACT_COMPLETE",
		[COMPACT_PARTIAL_SKIPPED] = "COMPACT_PARTIAL_SKIPPED",
		[COMPACT_CONTENDED] = "COMPACT_CONTENDED",
		[COMPACT_SUCCESS] = "COMPACT_SUCCESS",
	};

	if ((unsigned int)r >= sizeof(names) / sizeof(names[0]))
		return "?";
	return names[r];
}

static const char *const migrate_mode_consts[] = {
	"MIGRATE_ASYNC", "MIGRATE_SYNC_LIGHT", "MIGRATE_SYNC",
};

static const char *const wmark_names[] = { "min", "low", "high", "?" };

/* block_start_pfn(), block_end_pfn(): the order-aligned block around pfn. */
static unsigned long block_start_pfn(unsigned long pfn, int order)
{
	return pfn & ~((1UL << order) - 1);
}

static unsigned long block_end_pfn(unsigned long pfn, int order)
{
	return block_start_pfn(pfn + (1UL << order), order);
}

static unsigned long pageblock_start_pfn(const struct machine *m, unsigned long pfn)
{
	return block_start_pfn(pfn, (int)m->pageblock_order);
}

static unsigned long pageblock_end_pfn(const struct machine *m, unsigned long pfn)
{
	return block_end_pfn(pfn, (int)m->pageblock_order);
}

static bool pageblock_aligned(const struct machine *m, unsigned long pfn)
{
	return !(pfn & (m->pageblock_nr_pages - 1));
}

/* is_via_compact_memory(): order -1 compacts the whole zone. */
static bool is_via_compact_memory(int order)
{
	return order == -1;
}

/* include/linux/mmzone.h: is_migrate_movable() — MOVABLE or CMA pageblocks. */
static bool is_migrate_movable(int mt)
{
	return mt == MIGRATE_MOVABLE || mt == MIGRATE_CMA;
}

/*
 * include/linux/sched/signal.h: fatal_signal_pending(current) — the
 * compacting task was killed: in mmsh, the OOM killer chose the caller.
 */
static bool fatal_signal_pending(const struct machine *m)
{
	return m->current_oom_victim;
}

/* get_pageblock_skip() and friends: PB_migrate_skip of the page's pageblock. */
static bool get_pageblock_skip(const struct machine *m, unsigned long pfn)
{
	return m->pageblock_flags[pfn >> m->pageblock_order] & PB_MIGRATE_SKIP;
}

static void set_pageblock_skip(struct machine *m, unsigned long pfn)
{
	m->pageblock_flags[pfn >> m->pageblock_order] |= PB_MIGRATE_SKIP;
	page_changed(m, pfn);
}

static void clear_pageblock_skip(struct machine *m, unsigned long pfn)
{
	m->pageblock_flags[pfn >> m->pageblock_order] &= (uint8_t)~PB_MIGRATE_SKIP;
	page_changed(m, pfn);
}

/*
 * include/linux/mm.h: compound_order() — only blocks `alloc` handed out
 * with __GFP_COMP are compound pages in mmsh; the head has PG_head.
 */
static unsigned int compound_order(const struct machine *m, const struct page *page)
{
	unsigned long pfn = page_to_pfn(m, page);

	if (!PageHead(page) || !mmsh_is_held_head(m, pfn))
		return 0;
	return mmsh_alloc_order(page);
}

/*
 * mm/page_alloc.c: __pageblock_pfn_to_page() — the first page of
 * [start_pfn, end_pfn) if the whole range lies in the zone, else NULL.
 */
static struct page *pageblock_pfn_to_page(struct machine *m, unsigned long start_pfn,
					  unsigned long end_pfn, struct zone *zone)
{
	struct page *start_page;

	end_pfn--;
	if (!pfn_valid(m, start_pfn) || !pfn_valid(m, end_pfn))
		return NULL;
	start_page = pfn_to_page(m, start_pfn);
	if (page_zone(m, start_page) != zone)
		return NULL;
	if (page_zone_id(start_page) != page_zone_id(pfn_to_page(m, end_pfn)))
		return NULL;
	return start_page;
}

/* ---- fragmentation indexes (mm/vmstat.c) --------------------------------- */

struct contig_page_info {
	unsigned long free_pages;
	unsigned long free_blocks_total;
	unsigned long free_blocks_suitable;
};

/*
 * mm/vmstat.c: fill_contig_page_info() — free pages, free blocks, and the
 * free blocks (counted in units of suitable_order) big enough for it.
 */
static void fill_contig_page_info(const struct zone *zone, unsigned int suitable_order,
				  struct contig_page_info *info)
{
	const struct machine *m = zone->machine;
	unsigned int order;

	info->free_pages = 0;
	info->free_blocks_total = 0;
	info->free_blocks_suitable = 0;
	for (order = 0; order < m->max_order; order++) {
		unsigned long blocks = zone->free_area[order].nr_free;

		info->free_blocks_total += blocks;
		info->free_pages += blocks << order;
		if (order >= suitable_order)
			info->free_blocks_suitable += blocks << (order - suitable_order);
	}
}

/*
 * mm/vmstat.c: __fragmentation_index() — 0 means an allocation of this
 * order would fail for lack of memory, 1000 for fragmentation; -1000 means
 * it would succeed.
 */
static int fragmentation_index_(const struct machine *m, unsigned int order,
				const struct contig_page_info *info)
{
	unsigned long requested = 1UL << order;

	if (order >= m->max_order)
		return 0;
	if (!info->free_blocks_total)
		return 0;
	if (info->free_blocks_suitable)
		return -FRAG_INDEX_SCALE;
	return FRAG_INDEX_SCALE -
	       (int)((FRAG_INDEX_SCALE + info->free_pages * FRAG_INDEX_SCALE / requested) /
		     info->free_blocks_total);
}

/* mm/vmstat.c: fragmentation_index() of one zone. */
int fragmentation_index(struct machine *m, struct zone *zone, unsigned int order)
{
	struct contig_page_info info;

	fill_contig_page_info(zone, order, &info);
	return fragmentation_index_(m, order, &info);
}

/*
 * mm/vmstat.c: unusable_free_index() — the fraction of free memory in
 * blocks too small for the order (1000 when nothing is free).
 */
int unusable_free_index(struct machine *m, struct zone *zone, unsigned int order)
{
	struct contig_page_info info;

	(void)m;
	fill_contig_page_info(zone, order, &info);
	if (info.free_pages == 0)
		return FRAG_INDEX_SCALE;
	return (int)((info.free_pages - (info.free_blocks_suitable << order)) * FRAG_INDEX_SCALE /
		     info.free_pages);
}

/* mm/vmstat.c: extfrag_for_order() — the same as a percentage (0 when nothing is free). */
unsigned int extfrag_for_order(struct zone *zone, unsigned int order)
{
	struct contig_page_info info;

	fill_contig_page_info(zone, order, &info);
	if (info.free_pages == 0)
		return 0;
	return (unsigned int)((info.free_pages - (info.free_blocks_suitable << order)) * PERCENT /
			      info.free_pages);
}

/* One "Node %d, zone %8s " line of either debugfs file. */
static void extfrag_line(struct machine *m, struct zone *zone, bool unusable,
			 struct strbuf *sb)
{
	unsigned int order;

	sb_printf(sb, "Node %d, zone %8s ", zone_to_nid(zone), zone->name);
	for (order = 0; order < m->max_order; order++) {
		int index = unusable ? unusable_free_index(m, zone, order)
				     : fragmentation_index(m, zone, order);

		sb_printf(sb, "%d.%03d ", index / FRAG_INDEX_SCALE, index % FRAG_INDEX_SCALE);
	}
	sb_putc(sb, '\n');
}

/*
 * mm/vmstat.c: unusable_show() and extfrag_show() — the two debugfs files,
 * populated zones only (walk_zones_in_node with assert_populated).
 */
void view_extfrag_node(struct machine *m, int nid, struct zone *zone, struct strbuf *sb)
{
	static const char *const files[] = { "extfrag/unusable_index:", "extfrag/extfrag_index:" };
	int f, n, z;

	for (f = 0; f < 2; f++) {
		sb_printf(sb, "%s\n", files[f]);
		for (n = 0; n < m->nr_node_ids; n++) {
			if (nid != NUMA_NO_NODE && n != nid)
				continue;
			for (z = 0; z < MAX_NR_ZONES; z++) {
				struct zone *zn = &m->node_data[n]->node_zones[z];

				if (!populated_zone(zn) || (zone && zn != zone))
					continue;
				extfrag_line(m, zn, f == 0, sb);
			}
		}
	}
}

void view_extfrag(struct machine *m, struct zone *zone, struct strbuf *sb)
{
	view_extfrag_node(m, NUMA_NO_NODE, zone, sb);
}

/* ---- deferral ------------------------------------------------------------ */

static void trace_defer(struct zone *zone, enum trace_event_id id, int order)
{
	struct machine *m = zone->machine;

	if (trace_point(m, id)) {
		struct trace_event ev = {
			.id = id, .nid = zone_to_nid(zone), .zid = zone_idx(zone),
			.order = (unsigned int)order, .order_failed = zone->compact.order_failed,
			.considered = zone->compact.considered,
			.defer_shift = zone->compact.defer_shift,
		};
		trace_emit(m, &ev, false);
	}
}

/*
 * mm/compaction.c: defer_compaction() — compaction failed: skip the next
 * 1 << defer_shift attempts (up to 64) at this order or above.
 */
void defer_compaction(struct zone *zone, int order)
{
	struct compact_state *cs = &zone->compact;

	cs->considered = 0;
	cs->defer_shift++;
	if (order < cs->order_failed)
		cs->order_failed = order;
	if (cs->defer_shift > COMPACT_MAX_DEFER_SHIFT)
		cs->defer_shift = COMPACT_MAX_DEFER_SHIFT;
	KSTEP(zone->machine, "defer_compaction", "%s order=%d: defer_shift=%u (skip the next %lu "
	      "attempts), considered=0, order_failed=%d", zone->name, order, cs->defer_shift,
	      1UL << cs->defer_shift, cs->order_failed);
	trace_defer(zone, TRACE_MM_COMPACTION_DEFER_COMPACTION, order);
}

/*
 * mm/compaction.c: compaction_deferred() — true while attempts are being
 * skipped: orders below the one that failed are never deferred; the others
 * are until `considered` reaches the limit.
 */
bool compaction_deferred(struct zone *zone, int order)
{
	struct compact_state *cs = &zone->compact;
	unsigned long defer_limit = 1UL << cs->defer_shift;

	if (order < cs->order_failed)
		return false;
	if (++cs->considered >= defer_limit) {
		cs->considered = (unsigned int)defer_limit;
		KSTEP(zone->machine, "compaction_deferred", "%s order=%d: considered %u reached 1 << "
		      "defer_shift %u = %lu: not deferred, try", zone->name, order, cs->considered,
		      cs->defer_shift, defer_limit);
		return false;
	}
	KSTEP(zone->machine, "compaction_deferred", "%s order=%d >= order_failed %d: considered %u "
	      "< %lu: deferred", zone->name, order, cs->order_failed, cs->considered, defer_limit);
	trace_defer(zone, TRACE_MM_COMPACTION_DEFERRED, order);
	return true;
}

/*
 * mm/compaction.c: compaction_defer_reset() — compaction made an order-N
 * allocation possible: orders up to N are not deferred any more, and when
 * the allocation really succeeded the backoff starts over.
 */
void compaction_defer_reset(struct zone *zone, int order, bool alloc_success)
{
	struct compact_state *cs = &zone->compact;

	if (alloc_success) {
		cs->considered = 0;
		cs->defer_shift = 0;
	}
	if (order >= cs->order_failed)
		cs->order_failed = order + 1;
	KSTEP(zone->machine, "compaction_defer_reset", "%s order=%d: order_failed=%d%s", zone->name,
	      order, cs->order_failed, alloc_success ? ", the backoff starts over (considered 0, "
	      "defer_shift 0)" : "");
	trace_defer(zone, TRACE_MM_COMPACTION_DEFER_RESET, order);
}

/* mm/compaction.c: compaction_restarting() — the last deferred attempt at the maximum backoff. */
bool compaction_restarting(struct zone *zone, int order)
{
	struct compact_state *cs = &zone->compact;

	if (order < cs->order_failed)
		return false;
	return cs->defer_shift == COMPACT_MAX_DEFER_SHIFT &&
	       cs->considered >= 1U << cs->defer_shift;
}

/* ---- skip hints and cached scanner positions ----------------------------- */

/* mm/compaction.c: isolation_suitable() — scan this pageblock unless it is marked skip. */
static bool isolation_suitable(const struct compact_control *cc, unsigned long pfn)
{
	if (cc->ignore_skip_hint)
		return true;
	return !get_pageblock_skip(cc->m, pfn);
}

/* mm/compaction.c: reset_cached_positions() — both scanners back to the zone's ends. */
static void reset_cached_positions(struct zone *zone)
{
	const struct machine *m = zone->machine;

	zone->compact.cached_migrate_pfn[0] = zone->zone_start_pfn;
	zone->compact.cached_migrate_pfn[1] = zone->zone_start_pfn;
	zone->compact.cached_free_pfn = pageblock_start_pfn(m, zone_end_pfn(zone) - 1);
}

/*
 * mm/compaction.c: pageblock_skip_persistent() — a compound page of a
 * pageblock or more: neither scanner will ever find work there.
 */
static bool pageblock_skip_persistent(const struct machine *m, unsigned long pfn)
{
	long head = mmsh_alloc_head(m, pfn);

	if (head < 0 || !PageHead(&m->mem_map[head]))
		return false;
	return compound_order(m, &m->mem_map[head]) >= m->pageblock_order;
}

/*
 * mm/compaction.c: __reset_isolation_pfn() — clear the skip bit of pfn's
 * pageblock if a sample of its pages (every eighth) finds an LRU page (a
 * possible source) or a free page (a possible target).
 */
static bool reset_isolation_pfn(struct zone *zone, unsigned long pfn, bool check_source,
				bool check_target)
{
	struct machine *m = zone->machine;
	unsigned long block_pfn, end_pfn;

	if (!pfn_valid(m, pfn) || page_zone(m, pfn_to_page(m, pfn)) != zone)
		return false;
	if (pageblock_skip_persistent(m, pfn))
		return false;
	/* once both restart points are set, a clear bit needs no more checking */
	if (check_source && check_target && !get_pageblock_skip(m, pfn))
		return true;
	/* the free scanner's restart point must be a movable pageblock */
	if (!check_source && check_target &&
	    get_pfnblock_migratetype(m, pfn) != MIGRATE_MOVABLE)
		return false;
	block_pfn = pageblock_start_pfn(m, pfn);
	if (block_pfn < zone->zone_start_pfn)
		block_pfn = zone->zone_start_pfn;
	pfn = block_pfn;
	end_pfn = pageblock_end_pfn(m, pfn) - 1;
	if (end_pfn > zone_end_pfn(zone) - 1)
		end_pfn = zone_end_pfn(zone) - 1;
	if (!pfn_valid(m, end_pfn))
		return false;
	do {
		const struct page *page = pfn_to_page(m, pfn);

		if ((check_source && PageLRU(page)) || (check_target && PageBuddy(page))) {
			clear_pageblock_skip(m, pfn);
			return true;
		}
		pfn += 1UL << PAGE_ALLOC_COSTLY_ORDER;
	} while (pfn <= end_pfn);
	return false;
}

/*
 * mm/compaction.c: __reset_isolation_suitable() — after the scanners met
 * in a direct compaction, walk the zone from both ends clearing skip bits
 * of blocks worth scanning again, and restart the scanners at the first
 * such blocks.
 */
static void reset_isolation_suitable_(struct zone *zone)
{
	struct machine *m = zone->machine;
	unsigned long migrate_pfn = zone->zone_start_pfn;
	unsigned long free_pfn = zone_end_pfn(zone) - 1;
	unsigned long reset_migrate = free_pfn, reset_free = migrate_pfn;
	bool source_set = false, free_set = false;

	if (!zone->compact.blockskip_flush)
		return;
	zone->compact.blockskip_flush = false;
	for (; migrate_pfn < free_pfn; migrate_pfn += m->pageblock_nr_pages,
	     free_pfn -= m->pageblock_nr_pages) {
		if (reset_isolation_pfn(zone, migrate_pfn, true, source_set) &&
		    migrate_pfn < reset_migrate) {
			source_set = true;
			reset_migrate = migrate_pfn;
			zone->compact.init_migrate_pfn = reset_migrate;
			zone->compact.cached_migrate_pfn[0] = reset_migrate;
			zone->compact.cached_migrate_pfn[1] = reset_migrate;
		}
		if (reset_isolation_pfn(zone, free_pfn, free_set, true) && free_pfn > reset_free) {
			free_set = true;
			reset_free = free_pfn;
			zone->compact.init_free_pfn = reset_free;
			zone->compact.cached_free_pfn = reset_free;
		}
	}
	/* no block worth scanning: leave the scanners where they met */
	if (reset_migrate >= reset_free) {
		zone->compact.cached_migrate_pfn[0] = migrate_pfn;
		zone->compact.cached_migrate_pfn[1] = migrate_pfn;
		zone->compact.cached_free_pfn = free_pfn;
	}
}

/*
 * mm/compaction.c: reset_isolation_suitable() — kswapd going to sleep
 * clears the skip hints of zones where a direct compaction finished.
 */
void reset_isolation_suitable(pg_data_t *pgdat)
{
	int z;

	for (z = 0; z < MAX_NR_ZONES; z++) {
		struct zone *zone = &pgdat->node_zones[z];

		if (!populated_zone(zone))
			continue;
		if (zone->compact.blockskip_flush)
			reset_isolation_suitable_(zone);
	}
}

/*
 * mm/compaction.c: test_and_set_skip() — at the first isolation in a
 * pageblock (only if that is its first pfn) mark it skip, so no other
 * compactor scans it meanwhile. True if it was marked already.
 */
static bool test_and_set_skip(struct compact_control *cc, unsigned long pfn)
{
	bool skip;

	if (cc->ignore_skip_hint)
		return false;
	if (!pageblock_aligned(cc->m, pfn))
		return false;
	skip = get_pageblock_skip(cc->m, pfn);
	if (!skip)
		set_pageblock_skip(cc->m, pfn);
	return skip;
}

/*
 * mm/compaction.c: update_cached_migrate() — the next compaction's migrate
 * scanner starts past this pageblock (the sync one only after sync runs).
 */
static void update_cached_migrate(struct compact_control *cc, unsigned long pfn)
{
	struct compact_state *cs = &cc->zone->compact;

	pfn = pageblock_end_pfn(cc->m, pfn);
	if (pfn > cs->cached_migrate_pfn[0])
		cs->cached_migrate_pfn[0] = pfn;
	if (cc->mode != MIGRATE_ASYNC && pfn > cs->cached_migrate_pfn[1])
		cs->cached_migrate_pfn[1] = pfn;
}

/*
 * mm/compaction.c: update_pageblock_skip() — the free scanner found this
 * block without free pages to take: mark it, and restart below it.
 */
static void update_pageblock_skip(struct compact_control *cc, unsigned long pfn)
{
	set_pageblock_skip(cc->m, pfn);
	if (pfn < cc->zone->compact.cached_free_pfn)
		cc->zone->compact.cached_free_pfn = pfn;
}

/* ---- the free scanner ---------------------------------------------------- */

/*
 * mm/page_alloc.c: __isolate_free_page() — take a free block off its list
 * for compaction, provided the zone stays above its (unboosted) min mark
 * plus the block. A block of half a pageblock or more makes its pageblocks
 * MOVABLE (unless isolated, CMA or highatomic). Returns the pages taken.
 */
static unsigned long isolate_free_page(struct zone *zone, struct page *page, unsigned int order)
{
	struct machine *m = zone->machine;
	int mt = get_pageblock_migratetype(m, page);

	if (mt != MIGRATE_ISOLATE) {
		unsigned long watermark = zone->_watermark[WMARK_MIN] + (1UL << order);

		if (!zone_watermark_ok(zone, 0, watermark, 0, ALLOC_CMA)) {
			KSTEP(m, "__isolate_free_page", "pfn=0x%lx order=%u: free %ld not above unboosted "
			      "min %lu + %lu: the block is not taken", page_to_pfn(m, page), order,
			      zone_page_state(zone, NR_FREE_PAGES), zone->_watermark[WMARK_MIN],
			      1UL << order);
			return 0;
		}
		mod_zone_page_state(zone, NR_FREE_PAGES, -(1L << order));
		if (mt == MIGRATE_CMA)
			mod_zone_page_state(zone, NR_FREE_CMA_PAGES, -(1L << order));
	}
	del_page_from_free_list(page, zone, order);
	if (order + 1 >= m->pageblock_order) {
		struct page *endpage = page + (1UL << order) - 1;
		struct page *p;

		for (p = page; p < endpage; p += m->pageblock_nr_pages) {
			int bmt = get_pageblock_migratetype(m, p);

			if (bmt != MIGRATE_ISOLATE && bmt != MIGRATE_CMA && bmt != MIGRATE_HIGHATOMIC)
				set_pageblock_migratetype(m, p, MIGRATE_MOVABLE);
		}
	}
	return 1UL << order;
}

/*
 * mm/compaction.c: isolate_freepages_block() — take the free blocks of
 * [*start_pfn, end_pfn), looking at every stride-th page, until there are
 * as many free pages as pages to migrate. *start_pfn returns where it
 * stopped. Returns the pages isolated.
 */
static unsigned long isolate_freepages_block(struct compact_control *cc,
					     unsigned long *start_pfn, unsigned long end_pfn,
					     unsigned int stride)
{
	struct machine *m = cc->m;
	unsigned long nr_scanned = 0, total_isolated = 0;
	unsigned long blockpfn = *start_pfn;

	for (; blockpfn < end_pfn; blockpfn += stride) {
		struct page *page = pfn_to_page(m, blockpfn);
		unsigned long isolated;
		unsigned int order;

		if (!(blockpfn % SWAP_CLUSTER_MAX) && fatal_signal_pending(m)) {
			cc->contended = true;    /* compact_unlock_should_abort() */
			break;
		}
		nr_scanned++;
		if (PageHead(page)) {            /* a compound page: skip it whole */
			blockpfn += (1UL << compound_order(m, page)) - 1;
			continue;
		}
		if (!PageBuddy(page))
			continue;
		order = buddy_order(page);
		isolated = isolate_free_page(cc->zone, page, order);
		if (!isolated)
			break;
		set_page_private(page, order);
		page_changed(m, blockpfn);
		total_isolated += isolated;
		cc->nr_freepages += isolated;
		list_add_tail(m->mem_map, (uint32_t)blockpfn, cc->freepages);
		if (cc->nr_migratepages <= cc->nr_freepages) {
			blockpfn += isolated;
			break;
		}
		blockpfn += isolated - 1;        /* past the block */
	}
	if (blockpfn > end_pfn)
		blockpfn = end_pfn;
	if (trace_point(m, TRACE_MM_COMPACTION_ISOLATE_FREEPAGES)) {
		struct trace_event ev = {
			.id = TRACE_MM_COMPACTION_ISOLATE_FREEPAGES, .start_pfn = *start_pfn,
			.end_pfn = blockpfn, .nr_scanned = nr_scanned, .nr_taken = total_isolated,
		};
		trace_emit(m, &ev, false);
	}
	KSTEP(m, "isolate_freepages_block", "pfn=0x%lx-0x%lx (stride %u): scanned %lu, isolated %lu "
	      "free pages (%lu targets for %lu pages to migrate)", *start_pfn, blockpfn, stride,
	      nr_scanned, total_isolated, cc->nr_freepages, cc->nr_migratepages);
	*start_pfn = blockpfn;
	cc->total_free_scanned += nr_scanned;
	if (total_isolated)
		count_vm_events(m, COMPACTISOLATED, total_isolated);
	if (cc->rep)
		cc->rep->isolated_free += total_isolated;
	return total_isolated;
}

/*
 * mm/compaction.c: split_map_pages() with post_alloc_hook() and
 * split_page() — each isolated block becomes order-0 pages that look
 * allocated (refcount 1). As in the kernel, the list ends up holding the
 * last block's pages first, each block's pages from the highest down.
 */
static void split_map_pages(struct compact_control *cc)
{
	struct machine *m = cc->m;
	uint32_t id = list_last(m->mem_map, cc->freepages);

	/* blocks are taken from the tail; their pages are appended behind them */
	while (id != cc->freepages) {
		uint32_t prev = m->mem_map[id].lru.prev;
		unsigned int order = m->mem_map[id].private;
		unsigned long i, nr_pages = 1UL << order;

		list_del(m->mem_map, id);
		for (i = nr_pages; i-- > 0;) {
			struct page *page = &m->mem_map[id + i];

			set_page_private(page, 0);
			set_page_count(page, 1);
			page->index = 0;
			page_changed(m, id + i);
			list_add_tail(m->mem_map, (uint32_t)(id + i), cc->freepages);
		}
		id = prev;
	}
}

/*
 * mm/compaction.c: suitable_migration_target() — free pages are taken
 * from movable (or CMA) pageblocks that are not one big free block.
 */
static bool suitable_migration_target(const struct compact_control *cc, const struct page *page)
{
	const struct machine *m = cc->m;

	if (PageBuddy(page) && buddy_order(page) >= m->pageblock_order)
		return false;
	if (cc->ignore_block_suitable)
		return true;
	return is_migrate_movable(get_pageblock_migratetype(m, page));
}

/*
 * mm/compaction.c: compact_scanners_met() — the free scanner reached the
 * migrate scanner's pageblock.
 */
static bool compact_scanners_met(const struct compact_control *cc)
{
	return (cc->free_pfn >> cc->m->pageblock_order) <= (cc->migrate_pfn >> cc->m->pageblock_order);
}

/* mm/compaction.c: freelist_scan_limit() — fewer entries after each failed fast search. */
static unsigned int freelist_scan_limit(const struct compact_control *cc)
{
	unsigned int shift = cc->fast_search_fail < BITS_PER_LONG - 1
			     ? cc->fast_search_fail : BITS_PER_LONG - 1;

	return (unsigned int)(((unsigned long)COMPACT_CLUSTER_MAX >> shift) + 1);
}

/*
 * mm/compaction.c: move_freelist_head() — rotate a free list so that
 * freepage comes first: the entries searched before it go to the tail,
 * and the next search starts with the ones not yet looked at.
 */
static void move_freelist_head(struct machine *m, uint32_t head, uint32_t freepage)
{
	struct page *map = m->mem_map;
	uint32_t prev, next;

	if (freepage == head || map[head].lru.next == freepage)
		return;
	prev = map[head].lru.prev;
	next = map[head].lru.next;
	map[prev].lru.next = next;           /* the head leaves its place... */
	map[next].lru.prev = prev;
	prev = map[freepage].lru.prev;       /* ...and goes back in before freepage */
	map[prev].lru.next = head;
	map[head].lru.prev = prev;
	map[head].lru.next = freepage;
	map[freepage].lru.prev = head;
}

/*
 * mm/compaction.c: fast_isolate_around() — after the fast search took a
 * block, sync compaction also takes the other free pages of its pageblock:
 * those before the block, then (if still short) those after it, the last
 * page of the pageblock excluded as in 5.10.89 (the whole-block scan came
 * to the stable trees later); it marks the block skip when that was still
 * not enough. mmsh keeps the scan inside the zone where the kernel's
 * pageblock bounds would not.
 */
static void fast_isolate_around(struct compact_control *cc, unsigned long pfn,
				unsigned long nr_isolated)
{
	struct machine *m = cc->m;
	struct zone *zone = cc->zone;
	unsigned long start_pfn, end_pfn, block = pageblock_start_pfn(m, pfn);

	if (cc->nr_freepages >= cc->nr_migratepages)
		return;
	if (cc->direct_compaction && cc->mode == MIGRATE_ASYNC)
		return;   /* scan as little as possible in async compaction */
	start_pfn = block < zone->zone_start_pfn ? zone->zone_start_pfn : block;
	end_pfn = pageblock_end_pfn(m, pfn);
	if (end_pfn > zone_end_pfn(zone))
		end_pfn = zone_end_pfn(zone);
	end_pfn--;
	if (start_pfn != pfn) {   /* scan before */
		isolate_freepages_block(cc, &start_pfn, pfn, 1);
		if (cc->nr_freepages >= cc->nr_migratepages)
			return;
	}
	start_pfn = pfn + nr_isolated;   /* scan after */
	if (start_pfn < end_pfn)
		isolate_freepages_block(cc, &start_pfn, end_pfn, 1);
	if (cc->nr_freepages < cc->nr_migratepages)
		set_pageblock_skip(m, pfn);
}

/*
 * mm/compaction.c: next_search_order() — the orders below cc->order,
 * round robin; -1 when the search is back where it started.
 */
static int next_search_order(struct compact_control *cc, int order)
{
	order--;
	if (order < 0)
		order = cc->order - 1;
	if (order == cc->search_order) {
		cc->search_order--;
		if (cc->search_order < 0)
			cc->search_order = cc->order - 1;
		return -1;
	}
	return order;
}

/*
 * mm/compaction.c: fast_isolate_freepages() — before scanning, look at the
 * MOVABLE free lists of the orders below the request (from the tail,
 * where the older entries are) for a free block in the top quarter of the
 * space left between the scanners, or else in the top half, and take it.
 * A search that finds nothing may move the free scanner to the highest
 * block seen. Returns where the free scanner should start.
 */
static unsigned long fast_isolate_freepages(struct compact_control *cc)
{
	struct machine *m = cc->m;
	struct zone *zone = cc->zone;
	unsigned int limit = freelist_scan_limit(cc) >> 1 < 1 ? freelist_scan_limit(cc) >> 1 : 1;
	unsigned long nr_scanned = 0, low_pfn, min_pfn, highest = 0, nr_isolated = 0, distance;
	struct page *page = NULL;
	bool scan_start = false;
	int order;

	/* whole-zone compaction (order -1) has no request to look for */
	if (cc->order <= 0)
		return cc->free_pfn;
	/* at the start of a scan, look deeper; take the highest block seen if need be */
	if (cc->free_pfn >= zone->compact.init_free_pfn) {
		limit = (unsigned int)(m->pageblock_nr_pages >> 1);
		scan_start = true;
	}
	distance = cc->free_pfn - cc->migrate_pfn;
	low_pfn = pageblock_start_pfn(m, cc->free_pfn - (distance >> 2));
	min_pfn = pageblock_start_pfn(m, cc->free_pfn - (distance >> 1));
	if (min_pfn > low_pfn)
		low_pfn = min_pfn;
	/* start at the order that last worked, or the next after a failure */
	if ((unsigned int)cc->search_order > (unsigned int)(cc->order - 1))
		cc->search_order = cc->order - 1;

	for (order = cc->search_order; !page && order >= 0; order = next_search_order(cc, order)) {
		struct free_area *area = &zone->free_area[order];
		uint32_t freelist = area->free_list[MIGRATE_MOVABLE], freepage;
		unsigned long high_pfn = 0;
		unsigned int order_scanned = 0;

		if (!area->nr_free)
			continue;
		for (freepage = list_last(m->mem_map, freelist); freepage != freelist;
		     freepage = m->mem_map[freepage].lru.prev) {
			unsigned long pfn = freepage;

			order_scanned++;
			nr_scanned++;
			if (pfn >= highest) {
				highest = pageblock_start_pfn(m, pfn);
				if (highest < zone->zone_start_pfn)
					highest = zone->zone_start_pfn;
			}
			if (pfn >= low_pfn) {
				cc->fast_search_fail = 0;
				cc->search_order = order;
				page = pfn_to_page(m, pfn);
				break;
			}
			if (pfn >= min_pfn && pfn > high_pfn) {
				high_pfn = pfn;
				limit >>= 1;     /* a candidate: shorten the search */
			}
			if (order_scanned >= limit)
				break;
		}
		/* no page in the top quarter: take the candidate of the top half */
		if (!page && high_pfn) {
			page = pfn_to_page(m, high_pfn);
			freepage = (uint32_t)high_pfn;
		}
		move_freelist_head(m, freelist, freepage);
		if (page) {
			unsigned long pfn = page_to_pfn(m, page);

			if (isolate_free_page(zone, page, (unsigned int)order)) {
				set_page_private(page, (uint32_t)order);
				page_changed(m, pfn);
				nr_isolated = 1UL << order;
				cc->nr_freepages += nr_isolated;
				list_add_tail(m->mem_map, (uint32_t)pfn, cc->freepages);
				count_vm_events(m, COMPACTISOLATED, nr_isolated);
				if (cc->rep)
					cc->rep->isolated_free += nr_isolated;
			} else {
				/* the watermark: stop searching */
				order = cc->search_order + 1;
				page = NULL;
			}
		}
		if (order_scanned >= limit)
			limit = limit >> 1 < 1 ? limit >> 1 : 1;
	}

	if (!page) {
		cc->fast_search_fail++;
		if (scan_start) {
			/* the highest block seen, or (direct compaction) the top half's bottom */
			if (highest) {
				page = pfn_to_page(m, highest);
				cc->free_pfn = highest;
			} else if (cc->direct_compaction && pfn_valid(m, min_pfn)) {
				unsigned long end = pageblock_end_pfn(m, min_pfn);

				if (end > zone_end_pfn(zone))
					end = zone_end_pfn(zone);
				page = pageblock_pfn_to_page(m, min_pfn, end, zone);
				cc->free_pfn = min_pfn;
			}
		}
	}
	if (highest && highest >= zone->compact.cached_free_pfn) {
		highest -= m->pageblock_nr_pages;
		zone->compact.cached_free_pfn = highest;
	}
	cc->total_free_scanned += nr_scanned;
	KSTEP(m, "fast_isolate_freepages", "%lu Movable free list entr%s below order %d searched "
	      "for a block at or above pfn=0x%lx: %s (free scanner at pfn=0x%lx)", nr_scanned,
	      nr_scanned == 1 ? "y" : "ies", cc->order, low_pfn, !page ? "none, the linear scan follows"
	      : nr_isolated ? "took one" : "none taken, restart the scan at the highest block seen",
	      cc->free_pfn);
	if (!page)
		return cc->free_pfn;
	low_pfn = page_to_pfn(m, page);
	fast_isolate_around(cc, low_pfn, nr_isolated);
	return low_pfn;
}

/*
 * mm/compaction.c: isolate_freepages() — the free scanner: first the fast
 * search of the free lists; failing that, from free_pfn down, pageblock
 * by pageblock, stopping above the migrate scanner's block, isolate free
 * pages until there are enough targets. Async compaction samples every
 * 32nd page of a block until a block yields something.
 */
static void isolate_freepages(struct compact_control *cc)
{
	struct machine *m = cc->m;
	struct zone *zone = cc->zone;
	unsigned long block_start_pfn, block_end_pfn, isolate_start_pfn, low_pfn;
	unsigned int stride;

	fast_isolate_freepages(cc);
	if (cc->nr_freepages)
		goto splitmap;
	isolate_start_pfn = cc->free_pfn;
	block_start_pfn = pageblock_start_pfn(m, isolate_start_pfn);
	block_end_pfn = block_start_pfn + m->pageblock_nr_pages;
	if (block_end_pfn > zone_end_pfn(zone))
		block_end_pfn = zone_end_pfn(zone);
	low_pfn = pageblock_end_pfn(m, cc->migrate_pfn);
	stride = cc->mode == MIGRATE_ASYNC ? COMPACT_CLUSTER_MAX : 1;

	for (; block_start_pfn >= low_pfn;
	     block_end_pfn = block_start_pfn, block_start_pfn -= m->pageblock_nr_pages,
	     isolate_start_pfn = block_start_pfn) {
		struct page *page = pageblock_pfn_to_page(m, block_start_pfn, block_end_pfn, zone);
		unsigned long nr_isolated;

		if (!page)
			continue;
		if (!suitable_migration_target(cc, page)) {
			KSTEP(m, "isolate_freepages", "pageblock pfn=0x%lx is %s: not a migration target",
			      block_start_pfn, PageBuddy(page) && buddy_order(page) >= m->pageblock_order
			      ? "one free block already" : migratetype_names[get_pageblock_migratetype(m, page)]);
			continue;
		}
		if (!isolation_suitable(cc, block_start_pfn)) {
			KSTEP(m, "isolate_freepages", "pageblock pfn=0x%lx has its skip bit set: passed over",
			      block_start_pfn);
			continue;
		}
		nr_isolated = isolate_freepages_block(cc, &isolate_start_pfn, block_end_pfn, stride);
		if (isolate_start_pfn == block_end_pfn)
			update_pageblock_skip(cc, block_start_pfn);
		if (cc->nr_freepages >= cc->nr_migratepages) {
			if (isolate_start_pfn >= block_end_pfn)
				/* restart at the block below: this one is used up */
				isolate_start_pfn = block_start_pfn - m->pageblock_nr_pages;
			break;
		} else if (isolate_start_pfn < block_end_pfn) {
			break;   /* isolation failed early: the watermark */
		}
		if (nr_isolated) {
			stride = 1;
			continue;
		}
		stride = stride << 1 < COMPACT_CLUSTER_MAX ? stride << 1 : COMPACT_CLUSTER_MAX;
	}
	cc->free_pfn = isolate_start_pfn;
	KSTEP(m, "isolate_freepages", "the free scanner stops at pfn=0x%lx with %lu free pages for "
	      "%lu to migrate", cc->free_pfn, cc->nr_freepages, cc->nr_migratepages);
splitmap:
	split_map_pages(cc);
}

/*
 * mm/compaction.c: compaction_alloc() — migrate_pages()'s allocator: the
 * next isolated free page, scanning for more when none are left.
 */
static struct page *compaction_alloc(struct compact_control *cc)
{
	struct machine *m = cc->m;
	uint32_t id;

	if (list_empty(m->mem_map, cc->freepages)) {
		isolate_freepages(cc);
		if (list_empty(m->mem_map, cc->freepages))
			return NULL;
	}
	id = list_first(m->mem_map, cc->freepages);
	list_del(m->mem_map, id);
	cc->nr_freepages--;
	return &m->mem_map[id];
}

/* mm/compaction.c: compaction_free() — a target migration did not use goes back first in line. */
static void compaction_free(struct compact_control *cc, struct page *page)
{
	list_add(cc->m->mem_map, (uint32_t)page_to_pfn(cc->m, page), cc->freepages);
	cc->nr_freepages++;
}

/*
 * mm/compaction.c: release_freepages() — free the unused targets again
 * (__free_page: the last reference). Returns the highest pfn freed.
 */
static unsigned long release_freepages(struct compact_control *cc)
{
	struct machine *m = cc->m;
	unsigned long high_pfn = 0;

	while (!list_empty(m->mem_map, cc->freepages)) {
		uint32_t pfn = list_first(m->mem_map, cc->freepages);
		struct page *page = &m->mem_map[pfn];

		list_del(m->mem_map, pfn);
		page_changed(m, pfn);
		if (--page->_refcount == 0)
			free_the_page(m, page, 0);
		if (pfn > high_pfn)
			high_pfn = pfn;
	}
	return high_pfn;
}

/* ---- the migrate scanner ------------------------------------------------- */

/*
 * mm/compaction.c: too_many_isolated() (vmscan.c has its own) — more than
 * half the node's LRU pages are isolated by reclaimers or compactors.
 */
static bool too_many_isolated_(const pg_data_t *pgdat)
{
	unsigned long active, inactive, isolated;

	inactive = (unsigned long)(pgdat->vm_stat[NR_INACTIVE_FILE] + pgdat->vm_stat[NR_INACTIVE_ANON]);
	active = (unsigned long)(pgdat->vm_stat[NR_ACTIVE_FILE] + pgdat->vm_stat[NR_ACTIVE_ANON]);
	isolated = (unsigned long)(pgdat->vm_stat[NR_ISOLATED_FILE] + pgdat->vm_stat[NR_ISOLATED_ANON]);
	return isolated > (inactive + active) / 2;
}

/* NR_ISOLATED_ANON or NR_ISOLATED_FILE of the page's node moves by nr. */
static void mod_isolated(struct machine *m, struct page *page, long nr)
{
	page_zone(m, page)->zone_pgdat->vm_stat[NR_ISOLATED_ANON + page_is_file_lru(page)] += nr;
}

/*
 * mm/vmscan.c: __isolate_lru_page() for compaction — take a reference and
 * clear PG_lru. Without ISOLATE_UNEVICTABLE unevictable pages stay; in
 * async mode pages under writeback stay, and so do dirty pages that are
 * locked (their mapping cannot be checked). mmsh's files and the swap
 * cache both have ->migratepage, so other dirty pages may go.
 */
static int isolate_lru_page_(struct machine *m, struct page *page, unsigned int mode)
{
	if (!PageLRU(page))
		return -EINVAL;
	if (PageUnevictable(page) && !(mode & ISOLATE_UNEVICTABLE))
		return -EINVAL;
	if (mode & ISOLATE_ASYNC_MIGRATE) {
		if (PageWriteback(page))
			return -EBUSY;
		if (PageDirty(page) && PageLocked(page))
			return -EBUSY;   /* trylock_page() failed */
	}
	if ((mode & ISOLATE_UNMAPPED) && page_mapped(page))
		return -EBUSY;
	if (page_ref_count(page) <= 0)
		return -EBUSY;   /* get_page_unless_zero() */
	get_page(page);
	clear_page_flag(page, PG_lru);
	page_changed(m, page_to_pfn(m, page));
	return 0;
}

/*
 * mm/migrate.c: putback_movable_pages() — pages that will not be
 * migrated go back to the LRU (through the pagevec).
 */
static void putback_movable_pages(struct compact_control *cc)
{
	struct machine *m = cc->m;

	while (!list_empty(m->mem_map, cc->migratepages)) {
		uint32_t pfn = list_first(m->mem_map, cc->migratepages);
		struct page *page = &m->mem_map[pfn];

		list_del(m->mem_map, pfn);
		mod_isolated(m, page, -1);
		putback_lru_page(m, page);
	}
}

/*
 * mm/compaction.c: isolate_migratepages_block() — the migrate scanner
 * within one pageblock: isolate movable pages of [low_pfn, end_pfn) onto
 * cc->migratepages, at most COMPACT_CLUSTER_MAX at a time. Async direct
 * compaction works in cc->order-aligned chunks: one page it cannot take
 * spoils its chunk, so what the chunk gave goes back and the scan jumps
 * to the next chunk. Returns the first pfn not scanned, or 0 to abort.
 */
static unsigned long isolate_migratepages_block(struct compact_control *cc, unsigned long low_pfn,
						unsigned long end_pfn, unsigned int isolate_mode)
{
	struct machine *m = cc->m;
	pg_data_t *pgdat = cc->zone->zone_pgdat;
	unsigned long nr_scanned = 0, nr_isolated = 0, start_pfn = low_pfn, next_skip_pfn = 0;
	unsigned long valid_pfn = 0;
	bool valid_page = false, skip_on_failure = false, skip_updated = false;

	/*
	 * Too many isolated pages: the kernel aborts (async, or when pages are
	 * already isolated) or waits for the other isolators. In mmsh they are
	 * suspended beneath this call, so waiting cannot help: it aborts too.
	 */
	if (too_many_isolated_(pgdat)) {
		KSTEP(m, "isolate_migratepages_block", "more than half of node %d's LRU pages are "
		      "isolated (too_many_isolated): abort", pgdat->node_id);
		return 0;
	}

	if (cc->direct_compaction && cc->mode == MIGRATE_ASYNC) {
		skip_on_failure = true;
		next_skip_pfn = block_end_pfn(low_pfn, cc->order);
	}

	for (; low_pfn < end_pfn; low_pfn++) {
		struct page *page;

		if (skip_on_failure && low_pfn >= next_skip_pfn) {
			/* the previous chunk gave all it had: migrate it now */
			if (nr_isolated)
				break;
			next_skip_pfn = block_end_pfn(low_pfn, cc->order);
		}
		if (!(low_pfn % SWAP_CLUSTER_MAX) && fatal_signal_pending(m)) {
			cc->contended = true;    /* compact_unlock_should_abort() */
			low_pfn = 0;
			goto fatal_pending;
		}
		nr_scanned++;
		page = pfn_to_page(m, low_pfn);

		/* only the block's first pfn checks the skip hint */
		if (!valid_page && pageblock_aligned(m, low_pfn)) {
			if (!cc->ignore_skip_hint && get_pageblock_skip(m, low_pfn)) {
				KSTEP(m, "isolate_migratepages_block", "pageblock pfn=0x%lx has its skip bit "
				      "set: passed over", low_pfn);
				low_pfn = end_pfn;
				goto isolate_abort;
			}
			valid_page = true;
			valid_pfn = low_pfn;
		}

		if (PageBuddy(page)) {           /* free: skip the whole block */
			unsigned int freepage_order = buddy_order(page);

			if (freepage_order > 0 && freepage_order < m->max_order)
				low_pfn += (1UL << freepage_order) - 1;
			continue;
		}
		if (PageHead(page)) {            /* compound pages are not compacted */
			low_pfn += (1UL << compound_order(m, page)) - 1;
			goto isolate_fail;
		}
		if (!PageLRU(page))
			goto isolate_fail;       /* mmsh has no non-LRU movable pages */
		/* anonymous memory pinned by someone else would not migrate */
		if (!page_has_mapping(page) && page_ref_count(page) > page_mapcount(page))
			goto isolate_fail;
		/* GFP_NOFS compaction migrates anonymous pages only */
		if (!(cc->gfp_mask & GFP__FS) && page_has_mapping(page))
			goto isolate_fail;
		if (!skip_updated) {
			skip_updated = true;
			if (test_and_set_skip(cc, low_pfn))
				goto isolate_abort;
		}
		if (isolate_lru_page_(m, page, isolate_mode) != 0)
			goto isolate_fail;

		del_page_from_lru_list(m, page, page_lru(page));
		mod_isolated(m, page, 1);
		list_add(m->mem_map, (uint32_t)low_pfn, cc->migratepages);
		cc->nr_migratepages++;
		nr_isolated++;
		/* enough for one migrate_pages(), unless the block is rescanned */
		if (cc->nr_migratepages >= COMPACT_CLUSTER_MAX && !cc->rescan && !cc->contended) {
			++low_pfn;
			break;
		}
		continue;
isolate_fail:
		if (!skip_on_failure)
			continue;
		/* the chunk cannot become free: give back what it gave */
		if (nr_isolated) {
			putback_movable_pages(cc);
			cc->nr_migratepages = 0;
			nr_isolated = 0;
		}
		if (low_pfn < next_skip_pfn) {
			low_pfn = next_skip_pfn - 1;
			next_skip_pfn += 1UL << cc->order;
		}
	}
	if (low_pfn > end_pfn)
		low_pfn = end_pfn;
isolate_abort:
	/* a block scanned to its end with nothing taken (or rescanned) is skipped next time */
	if (low_pfn == end_pfn && (!nr_isolated || cc->rescan)) {
		if (valid_page && !skip_updated)
			set_pageblock_skip(m, valid_pfn);
		update_cached_migrate(cc, low_pfn);
	}
	KSTEP(m, "isolate_migratepages_block", "pfn=0x%lx-0x%lx: scanned %lu, isolated %lu movable "
	      "pages (%lu on the list)%s", start_pfn, low_pfn, nr_scanned, nr_isolated,
	      cc->nr_migratepages, low_pfn == end_pfn && (!nr_isolated || cc->rescan)
	      ? "; the block is done: skip bit and cached migrate pfn updated" : "");
	if (trace_point(m, TRACE_MM_COMPACTION_ISOLATE_MIGRATEPAGES)) {
		struct trace_event ev = {
			.id = TRACE_MM_COMPACTION_ISOLATE_MIGRATEPAGES, .start_pfn = start_pfn,
			.end_pfn = low_pfn, .nr_scanned = nr_scanned, .nr_taken = nr_isolated,
		};
		trace_emit(m, &ev, false);
	}
fatal_pending:
	cc->total_migrate_scanned += nr_scanned;
	if (nr_isolated)
		count_vm_events(m, COMPACTISOLATED, nr_isolated);
	if (cc->rep)
		cc->rep->isolated_migrate += nr_isolated;
	return low_pfn;
}

/*
 * mm/compaction.c: suitable_migration_source() — async direct compaction
 * only empties pageblocks of the requested kind (movable or CMA for a
 * movable request, the same type otherwise); the others take any.
 */
static bool suitable_migration_source(const struct compact_control *cc, unsigned long pfn)
{
	int block_mt;

	if (pageblock_skip_persistent(cc->m, pfn))
		return false;
	if (cc->mode != MIGRATE_ASYNC || !cc->direct_compaction)
		return true;
	block_mt = get_pfnblock_migratetype(cc->m, pfn);
	if (cc->migratetype == MIGRATE_MOVABLE)
		return is_migrate_movable(block_mt);
	return block_mt == cc->migratetype;
}

/*
 * mm/compaction.c: isolate_migratepages() — the migrate scanner: from
 * migrate_pfn up, pageblock by pageblock, never past the free scanner,
 * isolate from the first block worth it. (5.10 first tries
 * fast_find_migrateblock() for costly orders; mmsh does not: FIDELITY.)
 */
static enum isolate_migrate isolate_migratepages(struct compact_control *cc)
{
	struct machine *m = cc->m;
	unsigned int isolate_mode =
		(SYSCTL_COMPACT_UNEVICTABLE_ALLOWED ? ISOLATE_UNEVICTABLE : 0) |
		(cc->mode != MIGRATE_SYNC ? ISOLATE_ASYNC_MIGRATE : 0);
	unsigned long low_pfn = cc->migrate_pfn, block_start, block_end;

	block_start = pageblock_start_pfn(m, low_pfn);
	if (block_start < cc->zone->zone_start_pfn)
		block_start = cc->zone->zone_start_pfn;
	block_end = pageblock_end_pfn(m, low_pfn);

	for (; block_end <= cc->free_pfn;
	     low_pfn = block_end, block_start = block_end, block_end += m->pageblock_nr_pages) {
		if (!pageblock_pfn_to_page(m, block_start, block_end, cc->zone))
			continue;
		/* a block the scan enters at its start: check the skip hint once */
		if (pageblock_aligned(m, low_pfn) && !isolation_suitable(cc, block_start)) {
			KSTEP(m, "isolate_migratepages", "pageblock pfn=0x%lx has its skip bit set: "
			      "passed over", block_start);
			continue;
		}
		if (!suitable_migration_source(cc, block_start)) {
			update_cached_migrate(cc, block_end);
			KSTEP(m, "isolate_migratepages", "pageblock pfn=0x%lx %s: passed over", block_start,
			      pageblock_skip_persistent(m, block_start)
			      ? "holds a compound page of a pageblock or more"
			      : "is not of the requested type (async direct compaction)");
			continue;
		}
		low_pfn = isolate_migratepages_block(cc, low_pfn, block_end, isolate_mode);
		if (!low_pfn)
			return ISOLATE_ABORT;
		/* isolated something (migrate it) or not (compact_zone decides) */
		break;
	}
	cc->migrate_pfn = low_pfn;
	return cc->nr_migratepages ? ISOLATE_SUCCESS : ISOLATE_NONE;
}

/* ---- page migration (mm/migrate.c) --------------------------------------- */

/*
 * mm/rmap.c: try_to_unmap_one() with TTU_MIGRATION|TTU_IGNORE_MLOCK —
 * the pte becomes a migration entry (mmsh keeps the pfn in it, without
 * the young bit, which a migration entry does not keep); the page loses
 * the mapping and its reference. The task's rss still counts it.
 */
static bool unmap_migration_pte(struct machine *m, struct task *t, pte_t *pte, bool locked,
				bool exec, void *arg)
{
	struct page *page = arg;

	(void)t;
	(void)locked;
	(void)exec;
	*pte = PTE_PRESENT | pte_val(*pte);
	page_remove_rmap(m, page);
	put_page(m, page);
	return true;
}

/*
 * mm/migrate.c: remove_migration_pte() — the migration entry becomes a pte
 * for `arg` (the new page, or the old one when migration failed). The
 * kernel builds it with pte_mkold(): the page starts out not young.
 */
static bool remove_migration_pte(struct machine *m, struct task *t, pte_t *pte, bool locked,
				 bool exec, void *arg)
{
	struct page *new = arg;

	(void)t;
	(void)exec;
	get_page(new);
	*pte = PTE_PRESENT | page_to_pfn(m, new);
	page_add_rmap(m, new);
	if (locked)   /* the target is not on the LRU yet: no cull, as in the kernel */
		mlock_vma_page(m, new);
	return true;
}

/*
 * mm/migrate.c: migrate_page_move_mapping() — hand the page's place in its
 * mapping (page cache or swap cache slot) to newpage, provided only the
 * expected references remain: the isolation's, plus the mapping's. A
 * page with no mapping needs only the isolation reference. Both pages are
 * in the zone being compacted, so no counter moves between zones.
 */
static int migrate_page_move_mapping(struct machine *m, struct page *newpage, struct page *page)
{
	unsigned long pfn = page_to_pfn(m, page), newpfn = page_to_pfn(m, newpage);
	int expected_count = 1 + (page_has_mapping(page) ? 1 : 0);
	uint64_t *slot;

	if (!page_has_mapping(page)) {
		if (page_ref_count(page) != expected_count)
			return -EAGAIN;
		newpage->index = page->index;
		newpage->mapping = page->mapping;
		if (PageSwapBacked(page))
			set_page_flag(newpage, PG_swapbacked);
		page_changed(m, newpfn);
		return MIGRATEPAGE_SUCCESS;
	}
	if (PageSwapCache(page))
		slot = &m->swap.cache[page->private - 1];
	else
		slot = &m->files[file_owner(page)].slot[page->index];
	if (page_ref_count(page) != expected_count || *slot != (SLOT_PRESENT | pfn))
		return -EAGAIN;
	newpage->index = page->index;
	newpage->mapping = page->mapping;
	get_page(newpage);                   /* the mapping's reference */
	if (PageSwapBacked(page)) {
		set_page_flag(newpage, PG_swapbacked);
		if (PageSwapCache(page)) {
			set_page_flag(newpage, PG_swapcache);
			set_page_private(newpage, page->private);
		}
	}
	if (PageDirty(page)) {               /* moved while nobody can look */
		clear_page_flag(page, PG_dirty);
		set_page_flag(newpage, PG_dirty);
	}
	*slot = SLOT_PRESENT | newpfn;
	page->_refcount--;                   /* the mapping's reference goes */
	page_changed(m, pfn);
	page_changed(m, newpfn);
	return MIGRATEPAGE_SUCCESS;
}

/* Copy one flag from page to newpage when it is set. */
static void copy_flag(struct page *newpage, const struct page *page, enum pageflags f)
{
	if (test_page_flag(page, f))
		set_page_flag(newpage, f);
}

/*
 * mm/migrate.c: migrate_page_copy() — copy_highpage() (the data word),
 * then migrate_page_states(): the page's state flags follow it; active or
 * unevictable move over; the old page leaves the swap cache's books.
 */
static void migrate_page_copy(struct machine *m, struct page *newpage, struct page *page)
{
	unsigned long pfn = page_to_pfn(m, page), newpfn = page_to_pfn(m, newpage);

	page_content_set(m, newpfn, page_content_get(m, pfn));
	copy_flag(newpage, page, PG_error);
	copy_flag(newpage, page, PG_referenced);
	copy_flag(newpage, page, PG_uptodate);
	if (test_page_flag(page, PG_active)) {
		clear_page_flag(page, PG_active);
		set_page_flag(newpage, PG_active);
	} else if (PageUnevictable(page)) {
		clear_page_flag(page, PG_unevictable);
		set_page_flag(newpage, PG_unevictable);
	}
	copy_flag(newpage, page, PG_workingset);
	copy_flag(newpage, page, PG_owner_priv_1);   /* PageChecked() */
	copy_flag(newpage, page, PG_mappedtodisk);
	copy_flag(newpage, page, PG_dirty);
	if (PageSwapCache(page))
		clear_page_flag(page, PG_swapcache);
	clear_page_flag(page, PG_private);
	set_page_private(page, 0);
	copy_flag(newpage, page, PG_reclaim);        /* PageReadahead() */
	page_changed(m, pfn);
	page_changed(m, newpfn);
}

/*
 * mm/migrate.c: move_to_new_page() with migrate_page() — every mapping,
 * file or swap cache alike, migrates with the generic migrate_page() in
 * mmsh (no buffer heads). The old page of a file forgets its mapping;
 * an anonymous one keeps it until it is freed.
 */
static int move_to_new_page(struct machine *m, struct page *newpage, struct page *page)
{
	int rc = migrate_page_move_mapping(m, newpage, page);

	if (rc != MIGRATEPAGE_SUCCESS)
		return rc;
	migrate_page_copy(m, newpage, page);
	if (!PageAnon(page)) {
		page->mapping = 0;
		page_changed(m, page_to_pfn(m, page));
	}
	return MIGRATEPAGE_SUCCESS;
}

/*
 * mm/filemap.c: wait_on_page_writeback() — full sync migration waits for
 * the disk. Time passes as in any sleep; kcompactd is kept from running
 * meanwhile, as it would compete for the same private lists (in the kernel
 * it is another thread). Gives up after a second, which the disk never needs.
 */
static void wait_on_page_writeback(struct machine *m, struct page *page)
{
	bool saved = m->in_kcompactd;
	unsigned long waited = 0;

	m->in_kcompactd = true;
	while (PageWriteback(page) && waited++ < HZ && !m->panicked)
		schedule_timeout(m, 1);
	m->in_kcompactd = saved;
}

/*
 * mm/migrate.c: __unmap_and_move() — migrate one isolated page to
 * newpage: refuse a locked page (mmsh could not wait for the holder, who
 * is suspended beneath this call); under writeback fail unless fully
 * synchronous, where a forced pass waits; unmap every pte into a
 * migration entry, move the mapping and the data, then point the entries
 * at the new page (or back at the old one). The new page joins the LRU.
 * (A page without mapping and buffers migrates like anonymous memory.)
 */
static int unmap_and_move_(struct compact_control *cc, struct page *page, struct page *newpage,
			   bool force)
{
	struct machine *m = cc->m;
	unsigned long pfn = page_to_pfn(m, page);
	bool page_was_mapped = false;
	int rc = -EAGAIN;

	if (PageLocked(page))
		goto out;                        /* trylock_page() failed */
	if (PageWriteback(page)) {
		/* only full sync migration waits; sync-light and async do not */
		if (cc->mode != MIGRATE_SYNC) {
			rc = -EBUSY;
			goto out;
		}
		if (!force)
			goto out;
		wait_on_page_writeback(m, page);
		if (PageWriteback(page))
			goto out;
	}
	if (page_mapped(page)) {
		rmap_walk_pfn(m, page, pfn, unmap_migration_pte, page);
		page_was_mapped = true;
	}
	if (!page_mapped(page))
		rc = move_to_new_page(m, newpage, page);
	if (page_was_mapped) {
		struct page *target = rc == MIGRATEPAGE_SUCCESS ? newpage : page;

		rmap_walk_pfn(m, target, pfn, remove_migration_pte, target);
	}
out:
	if (rc == MIGRATEPAGE_SUCCESS)
		putback_lru_page(m, newpage);
	return rc;
}

/*
 * mm/migrate.c: unmap_and_move() — get a target from compaction_alloc(),
 * migrate, then settle the old page: migrated, its isolation reference
 * goes and it is freed (to the pcp list, where the pages compaction frees
 * wait to merge); failed for good, it goes back to the LRU; -EAGAIN, it
 * stays on the list for the next pass. An unused target goes back.
 */
static int unmap_and_move(struct compact_control *cc, struct page *page, bool force)
{
	struct machine *m = cc->m;
	struct page *newpage = NULL;
	int rc = MIGRATEPAGE_SUCCESS;

	if (page_ref_count(page) == 1) {
		/* the owner freed it meanwhile: nothing to migrate */
		clear_page_flag(page, PG_active);
		clear_page_flag(page, PG_unevictable);
		page_changed(m, page_to_pfn(m, page));
	} else {
		newpage = compaction_alloc(cc);
		if (!newpage) {
			KSTEP(m, "unmap_and_move", "pfn=0x%lx: no free target page left: -ENOMEM",
			      page_to_pfn(m, page));
			return -ENOMEM;
		}
		rc = unmap_and_move_(cc, page, newpage, force);
	}
	if (rc != -EAGAIN) {
		list_del(m->mem_map, (uint32_t)page_to_pfn(m, page));
		mod_isolated(m, page, -1);
	}
	if (rc == MIGRATEPAGE_SUCCESS) {
		put_page(m, page);
		if (newpage)
			KSTEP(m, "unmap_and_move", "pfn=0x%lx migrated to pfn=0x%lx (data, flags, mapping "
			      "and ptes moved); the old page is freed", page_to_pfn(m, page),
			      page_to_pfn(m, newpage));
		else
			KSTEP(m, "unmap_and_move", "pfn=0x%lx: its owner freed it meanwhile (refcount 1): "
			      "freed without migrating", page_to_pfn(m, page));
	} else {
		if (rc != -EAGAIN)
			putback_lru_page(m, page);
		compaction_free(cc, newpage);
		KSTEP(m, "unmap_and_move", "pfn=0x%lx: %s; target pfn=0x%lx goes back to the free list",
		      page_to_pfn(m, page), rc == -EAGAIN
		      ? "-EAGAIN (locked, or more references than expected): tried again next pass"
		      : "-EBUSY (under writeback, not a full sync migration): back to the LRU",
		      page_to_pfn(m, newpage));
	}
	return rc;
}

/*
 * mm/migrate.c: migrate_pages() — up to ten passes over the list; pages
 * that answer -EAGAIN are tried again (from the fourth pass on, forcing),
 * the rest succeed or fail for good. Returns the pages not migrated, or
 * -ENOMEM when no target page was left (the rest stay on the list).
 */
static int migrate_pages(struct compact_control *cc)
{
	struct machine *m = cc->m;
	int retry = 1, nr_failed = 0, nr_succeeded = 0, pass, rc = 0;

	for (pass = 0; pass < MIGRATE_PASSES && retry; pass++) {
		uint32_t id, next;

		retry = 0;
		for (id = list_first(m->mem_map, cc->migratepages); id != cc->migratepages; id = next) {
			next = list_next(m->mem_map, id);
			rc = unmap_and_move(cc, &m->mem_map[id], pass > MIGRATE_FORCE_AFTER);
			if (rc == -ENOMEM) {
				nr_failed++;
				goto out;
			}
			if (rc == -EAGAIN)
				retry++;
			else if (rc == MIGRATEPAGE_SUCCESS)
				nr_succeeded++;
			else
				nr_failed++;
		}
	}
	nr_failed += retry;
	rc = nr_failed;
out:
	KSTEP(m, "migrate_pages", "%d migrated, %d failed after %d pass%s (pgmigrate_success, "
	      "pgmigrate_fail)%s", nr_succeeded, nr_failed, pass, pass == 1 ? "" : "es",
	      rc < 0 ? "; out of targets: -ENOMEM" : "");
	count_vm_events(m, PGMIGRATE_SUCCESS, (unsigned long)nr_succeeded);
	count_vm_events(m, PGMIGRATE_FAIL, (unsigned long)nr_failed);
	if (cc->rep) {
		cc->rep->migrated += (unsigned long)nr_succeeded;
		cc->rep->failed += (unsigned long)nr_failed;
	}
	return rc;
}

/* ---- when compaction stops ----------------------------------------------- */

/*
 * mm/compaction.c: kswapd_is_running() — kswapd is TASK_RUNNING: in mmsh,
 * woken and about to run; napping or asleep it is not.
 */
static bool kswapd_is_running(const pg_data_t *pgdat)
{
	return pgdat->kswapd_state == KSWAPD_WOKEN;
}

/*
 * The order proactive compaction measures fragmentation at:
 * COMPACTION_HPAGE_ORDER, the THP order (9 on x86-64, the pageblock
 * order). Machines with a smaller MAX_ORDER use their pageblock order.
 */
static unsigned int compaction_hpage_order(const struct machine *m)
{
	return m->pageblock_order;
}

/*
 * mm/compaction.c: fragmentation_score_zone() — the zone's extfrag at the
 * THP order, scaled by the zone's share of the node (5.10 weights it here,
 * so small zones never trigger proactive compaction).
 */
static unsigned int fragmentation_score_zone(struct zone *zone)
{
	unsigned long score;

	score = zone->present_pages * extfrag_for_order(zone, compaction_hpage_order(zone->machine));
	return (unsigned int)(score / (zone->zone_pgdat->node_present_pages + 1));
}

/* mm/compaction.c: fragmentation_score_node() — the sum over the node's zones. */
unsigned int fragmentation_score_node(pg_data_t *pgdat)
{
	unsigned int score = 0;
	int z;

	for (z = 0; z < MAX_NR_ZONES; z++)
		score += fragmentation_score_zone(&pgdat->node_zones[z]);
	return score;
}

/*
 * mm/compaction.c: fragmentation_score_wmark() — proactive compaction
 * starts above the high mark and stops at the low one:
 * low = max(100 - vm.compaction_proactiveness, 5), high = min(low + 10, 100).
 */
static unsigned int fragmentation_score_wmark(const pg_data_t *pgdat, bool low)
{
	const struct machine *m = pgdat->machine;
	unsigned int wmark_low = PERCENT - (unsigned int)m->sysctl_compaction_proactiveness;

	if (wmark_low < PROACTIVE_WMARK_LOW_MIN)
		wmark_low = PROACTIVE_WMARK_LOW_MIN;
	if (low)
		return wmark_low;
	return wmark_low + PROACTIVE_WMARK_GAP < PERCENT ? wmark_low + PROACTIVE_WMARK_GAP : PERCENT;
}

/* mm/compaction.c: should_proactive_compact_node() — the node's score is above the high mark. */
static bool should_proactive_compact_node(pg_data_t *pgdat)
{
	if (!pgdat->machine->sysctl_compaction_proactiveness || kswapd_is_running(pgdat))
		return false;
	return fragmentation_score_node(pgdat) > fragmentation_score_wmark(pgdat, false);
}

/*
 * mm/compaction.c: __compact_finished() — the scanners met (start anew
 * next time); a proactive run reached the low mark; a whole-zone run goes
 * on; otherwise, at pageblock boundaries only, is a block of the order
 * free on the requested type's lists, or one it could steal?
 */
static enum compact_result compact_finished_(struct compact_control *cc)
{
	struct machine *m = cc->m;
	const int migratetype = cc->migratetype;
	enum compact_result ret;
	unsigned int order;

	if (compact_scanners_met(cc)) {
		reset_cached_positions(cc->zone);
		/* kswapd clears the skip hints when it next sleeps (direct runs only) */
		if (cc->direct_compaction)
			cc->zone->compact.blockskip_flush = true;
		KSTEP(m, "__compact_finished", "the scanners met (free_pfn=0x%lx, migrate_pfn=0x%lx "
		      "in the same or a lower pageblock): cached positions reset%s, %s", cc->free_pfn,
		      cc->migrate_pfn, cc->direct_compaction ? ", skip bits flushed when kswapd sleeps"
		      : "", cc->whole_zone ? "COMPACT_COMPLETE" : "COMPACT_PARTIAL_SKIPPED");
		return cc->whole_zone ? COMPACT_COMPLETE : COMPACT_PARTIAL_SKIPPED;
	}
	if (cc->proactive_compaction) {
		pg_data_t *pgdat = cc->zone->zone_pgdat;

		if (kswapd_is_running(pgdat)) {
			KSTEP(m, "__compact_finished", "proactive compaction yields to a running kswapd: "
			      "COMPACT_PARTIAL_SKIPPED");
			return COMPACT_PARTIAL_SKIPPED;
		}
		if (fragmentation_score_zone(cc->zone) > fragmentation_score_wmark(pgdat, true))
			ret = COMPACT_CONTINUE;
		else
			ret = COMPACT_SUCCESS;
		KSTEP(m, "__compact_finished", "proactive: %s fragmentation score %u %s low mark %u: %s",
		      cc->zone->name, fragmentation_score_zone(cc->zone),
		      ret == COMPACT_CONTINUE ? ">" : "<=", fragmentation_score_wmark(pgdat, true),
		      result_const(ret));
		goto out;
	}
	if (is_via_compact_memory(cc->order))
		return COMPACT_CONTINUE;
	/* always finish a pageblock: fewer fallbacks later */
	if (!pageblock_aligned(m, cc->migrate_pfn)) {
		KSTEP(m, "__compact_finished", "migrate_pfn=0x%lx is inside a pageblock: finish it "
		      "first, COMPACT_CONTINUE", cc->migrate_pfn);
		return COMPACT_CONTINUE;
	}

	ret = COMPACT_NO_SUITABLE_PAGE;
	for (order = (unsigned int)cc->order; order < m->max_order; order++) {
		struct free_area *area = &cc->zone->free_area[order];
		bool can_steal;

		if (!free_area_empty(area, migratetype, m)) {
			KSTEP(m, "__compact_finished", "free_area[%u] %s has a free block: "
			      "COMPACT_SUCCESS", order, migratetype_names[migratetype]);
			return COMPACT_SUCCESS;
		}
		if (migratetype == MIGRATE_MOVABLE && !free_area_empty(area, MIGRATE_CMA, m)) {
			KSTEP(m, "__compact_finished", "free_area[%u] CMA has a free block for a movable "
			      "request: COMPACT_SUCCESS", order);
			return COMPACT_SUCCESS;
		}
		if (find_suitable_fallback(area, order, migratetype, true, &can_steal, m) != -1) {
			/* movable pages are fine in any pageblock */
			if (migratetype == MIGRATE_MOVABLE) {
				KSTEP(m, "__compact_finished", "free_area[%u] has a block of a type a "
				      "movable request may steal: COMPACT_SUCCESS", order);
				return COMPACT_SUCCESS;
			}
			/* stealing for unmovable: finish this pageblock first (sync) */
			if (cc->mode == MIGRATE_ASYNC || pageblock_aligned(m, cc->migrate_pfn)) {
				KSTEP(m, "__compact_finished", "free_area[%u] has a block %s may steal: "
				      "COMPACT_SUCCESS", order, migratetype_names[migratetype]);
				return COMPACT_SUCCESS;
			}
			ret = COMPACT_CONTINUE;
			break;
		}
	}
	if (ret == COMPACT_NO_SUITABLE_PAGE)
		KSTEP(m, "__compact_finished", "no free block of order >= %d for %s: "
		      "COMPACT_NO_SUITABLE_PAGE, go on", cc->order, migratetype_names[migratetype]);
out:
	if (cc->contended || fatal_signal_pending(m))
		ret = COMPACT_CONTENDED;
	return ret;
}

/* mm/compaction.c: compact_finished() — traced; "no suitable page" means go on. */
static enum compact_result compact_finished(struct compact_control *cc)
{
	struct machine *m = cc->m;
	enum compact_result ret = compact_finished_(cc);

	if (trace_point(m, TRACE_MM_COMPACTION_FINISHED)) {
		struct trace_event ev = {
			.id = TRACE_MM_COMPACTION_FINISHED, .nid = zone_to_nid(cc->zone),
			.zid = zone_idx(cc->zone), .order = (unsigned int)cc->order, .status = ret,
		};
		trace_emit(m, &ev, false);
	}
	if (ret == COMPACT_NO_SUITABLE_PAGE)
		ret = COMPACT_CONTINUE;
	return ret;
}

/* ---- is compaction worth it? --------------------------------------------- */

/*
 * mm/compaction.c: __compaction_suitable() — SUCCESS if the allocation
 * would already pass its watermark; SKIPPED if, at order 0, the zone is
 * not above min (low for costly orders) plus compact_gap(order) = twice
 * the request, the room migration needs; else CONTINUE.
 */
static enum compact_result compaction_suitable_(struct zone *zone, int order,
						unsigned int alloc_flags, int highest_zoneidx,
						unsigned long wmark_target)
{
	unsigned long watermark;

	if (is_via_compact_memory(order))
		return COMPACT_CONTINUE;
	watermark = wmark_pages(zone, (int)(alloc_flags & ALLOC_WMARK_MASK));
	if (zone_watermark_ok(zone, (unsigned int)order, watermark, highest_zoneidx, alloc_flags))
		return COMPACT_SUCCESS;
	watermark = order > PAGE_ALLOC_COSTLY_ORDER ? low_wmark_pages(zone) : min_wmark_pages(zone);
	watermark += COMPACT_GAP(order);
	if (!zone_watermark_ok_(zone, 0, watermark, highest_zoneidx, ALLOC_CMA, (long)wmark_target))
		return COMPACT_SKIPPED;
	return COMPACT_CONTINUE;
}

/*
 * mm/compaction.c: compaction_suitable() — __compaction_suitable() with
 * the zone's free pages; for costly orders also the fragmentation index:
 * at or below vm.extfrag_threshold the failure is lack of memory, not
 * fragmentation, and compaction is skipped. Traced.
 */
enum compact_result compaction_suitable(struct zone *zone, int order,
					unsigned int alloc_flags, int highest_zoneidx)
{
	struct machine *m = zone->machine;
	enum compact_result ret;

	ret = compaction_suitable_(zone, order, alloc_flags, highest_zoneidx,
				   (unsigned long)zone_page_state(zone, NR_FREE_PAGES));
	if (is_via_compact_memory(order))
		KSTEP(m, "compaction_suitable", "%s order -1 (compact_memory): COMPACT_CONTINUE",
		      zone->name);
	else if (ret == COMPACT_SUCCESS)
		KSTEP(m, "compaction_suitable", "%s order=%d: the allocation would pass its %s "
		      "watermark %lu already (free=%ld): COMPACT_SUCCESS", zone->name, order,
		      wmark_names[alloc_flags & ALLOC_WMARK_MASK],
		      wmark_pages(zone, (int)(alloc_flags & ALLOC_WMARK_MASK)),
		      zone_page_state(zone, NR_FREE_PAGES));
	else
		KSTEP(m, "compaction_suitable", "%s order=%d: order-0 check of free=%ld against %s "
		      "%lu + compact_gap %lu: %s", zone->name, order,
		      zone_page_state(zone, NR_FREE_PAGES),
		      order > PAGE_ALLOC_COSTLY_ORDER ? "low" : "min",
		      order > PAGE_ALLOC_COSTLY_ORDER ? low_wmark_pages(zone) : min_wmark_pages(zone),
		      (unsigned long)COMPACT_GAP(order), ret == COMPACT_SKIPPED
		      ? "fails, too little free memory to migrate into: COMPACT_SKIPPED"
		      : "passes, COMPACT_CONTINUE");
	if (ret == COMPACT_CONTINUE && order > PAGE_ALLOC_COSTLY_ORDER) {
		int fragindex = fragmentation_index(m, zone, (unsigned int)order);

		if (fragindex >= 0 && fragindex <= m->sysctl_extfrag_threshold)
			ret = COMPACT_NOT_SUITABLE_ZONE;
		KSTEP(m, "compaction_suitable", "%s order=%d is costly: fragmentation_index %d %s: %s",
		      zone->name, order, fragindex,
		      fragindex < 0 ? "(a free block exists)"
		      : fragindex <= m->sysctl_extfrag_threshold
		      ? "<= extfrag_threshold, lack of memory rather than fragmentation"
		      : "> extfrag_threshold, fragmentation", ret == COMPACT_NOT_SUITABLE_ZONE
		      ? "COMPACT_NOT_SUITABLE_ZONE, skipped" : "COMPACT_CONTINUE");
	}
	if (trace_point(m, TRACE_MM_COMPACTION_SUITABLE)) {
		struct trace_event ev = {
			.id = TRACE_MM_COMPACTION_SUITABLE, .nid = zone_to_nid(zone),
			.zid = zone_idx(zone), .order = (unsigned int)order, .status = ret,
		};
		trace_emit(m, &ev, false);
	}
	if (ret == COMPACT_NOT_SUITABLE_ZONE)
		ret = COMPACT_SKIPPED;
	return ret;
}

/*
 * mm/compaction.c: compaction_zonelist_suitable() — would some zone pass
 * __compaction_suitable() if reclaim freed a share (1/order) of its
 * reclaimable pages? The slow path keeps reclaiming while one would.
 */
bool compaction_zonelist_suitable(struct machine *m, struct zonelist *zl, int highest_zoneidx,
				  int order, unsigned int alloc_flags)
{
	struct zoneref *z;

	for (z = first_zones_zonelist(zl, highest_zoneidx); z->zone;
	     z = next_zones_zonelist(z + 1, highest_zoneidx)) {
		struct zone *zone = z->zone;
		unsigned long available = order > 0 ? zone_reclaimable_pages(m, zone) / (unsigned long)order : 0;

		available += (unsigned long)zone_page_state(zone, NR_FREE_PAGES);
		if (compaction_suitable_(zone, order, alloc_flags, highest_zoneidx, available) !=
		    COMPACT_SKIPPED)
			return true;
	}
	return false;
}

/* ---- compacting a zone --------------------------------------------------- */

/*
 * mm/swap.c: lru_add_drain_cpu_zone() — this CPU's pagevecs onto the LRU
 * and its pcp pages of the zone back to the buddy lists, where they merge.
 */
static void lru_add_drain_cpu_zone(struct machine *m, struct zone *zone)
{
	lru_add_drain_cpu(m, m->current.cpu);
	drain_local_pages(m, zone);
}

static void trace_begin_end(struct compact_control *cc, enum trace_event_id id,
			    enum compact_result status)
{
	struct machine *m = cc->m;

	if (trace_point(m, id)) {
		struct trace_event ev = {
			.id = id, .zone_start = cc->zone->zone_start_pfn,
			.migrate_pfn = cc->migrate_pfn, .free_pfn = cc->free_pfn,
			.zone_end = zone_end_pfn(cc->zone), .sync = cc->mode != MIGRATE_ASYNC,
			.status = status,
		};
		trace_emit(m, &ev, false);
	}
}

/*
 * mm/compaction.c: compact_zone() — one compaction run of a zone: check
 * suitability; restart from the cached scanner positions (or the zone's
 * ends for a whole-zone run); then isolate a batch of movable pages,
 * migrate it to free pages the free scanner isolates, and repeat until
 * compact_finished() says stop. Unused targets are freed at the end.
 */
static enum compact_result compact_zone(struct compact_control *cc, struct capture_control *capc)
{
	struct machine *m = cc->m;
	struct zone *zone = cc->zone;
	struct compact_state *cs = &zone->compact;
	unsigned long start_pfn = zone->zone_start_pfn, end_pfn = zone_end_pfn(zone);
	unsigned long last_migrated_pfn;
	const bool sync = cc->mode != MIGRATE_ASYNC;
	enum compact_result ret;
	bool update_cached;

	cc->total_migrate_scanned = 0;
	cc->total_free_scanned = 0;
	cc->nr_migratepages = 0;
	cc->nr_freepages = 0;
	cc->freepages = m->local_lists[LL_FREEPAGES];
	cc->migratepages = m->local_lists[LL_MIGRATE];
	/*
	 * mmsh has one pair of private lists: a compaction already under way
	 * beneath this call (none is known to nest) keeps them; back off.
	 */
	if (!list_empty(m->mem_map, cc->freepages) || !list_empty(m->mem_map, cc->migratepages))
		return COMPACT_CONTENDED;
	cc->migratetype = gfp_migratetype(m, cc->gfp_mask);
	if (cc->rep) {
		cc->rep->nid = zone_to_nid(zone);
		cc->rep->zid = zone_idx(zone);
		cc->rep->sync = sync;
		cc->rep->zone_start = start_pfn;
		cc->rep->zone_end = end_pfn;
	}
	KSTEP(m, "compact_zone", "%s order=%d %s migratetype %s%s%s", zone->name, cc->order,
	      migrate_mode_consts[cc->mode], migratetype_names[cc->migratetype],
	      cc->direct_compaction ? ", direct" : "", cc->whole_zone ? ", whole zone" : "");
	ret = compaction_suitable(zone, cc->order, cc->alloc_flags, cc->highest_zoneidx);
	if (ret == COMPACT_SUCCESS || ret == COMPACT_SKIPPED) {
		if (cc->rep)
			cc->rep->result = ret;
		KSTEP(m, "compact_zone", "%s: nothing to do, %s", zone->name, result_const(ret));
		return ret;
	}

	/* deferred to the limit and trying again: forget the skip hints */
	if (compaction_restarting(zone, cc->order)) {
		KSTEP(m, "compact_zone", "%s: deferred to the limit and trying again "
		      "(compaction_restarting): the skip hints are cleared", zone->name);
		reset_isolation_suitable_(zone);
	}

	if (cc->whole_zone) {
		cc->migrate_pfn = start_pfn;
		cc->free_pfn = pageblock_start_pfn(m, end_pfn - 1);
	} else {
		cc->migrate_pfn = cs->cached_migrate_pfn[sync];
		cc->free_pfn = cs->cached_free_pfn;
		/*
		 * Out of the zone means never set. So is 0 in a zone starting at
		 * pfn 0, which x86 never has: there the boot value is below it.
		 */
		if (cc->free_pfn < start_pfn || cc->free_pfn >= end_pfn || !cc->free_pfn) {
			cc->free_pfn = pageblock_start_pfn(m, end_pfn - 1);
			cs->cached_free_pfn = cc->free_pfn;
		}
		if (cc->migrate_pfn < start_pfn || cc->migrate_pfn >= end_pfn) {
			cc->migrate_pfn = start_pfn;
			cs->cached_migrate_pfn[0] = cc->migrate_pfn;
			cs->cached_migrate_pfn[1] = cc->migrate_pfn;
		}
		/* at or before where a skip-hint reset found the first source block */
		if (cc->migrate_pfn <= zone->compact.init_migrate_pfn)
			cc->whole_zone = true;
	}
	last_migrated_pfn = 0;
	/* until a block yields pages, async keeps the sync position in step */
	update_cached = !sync && cs->cached_migrate_pfn[0] == cs->cached_migrate_pfn[1];

	KSTEP(m, "compact_zone", "%s pfn=0x%lx-0x%lx: the migrate scanner starts at pfn=0x%lx going "
	      "up, the free scanner at pfn=0x%lx going down%s", zone->name, start_pfn, end_pfn,
	      cc->migrate_pfn, cc->free_pfn, cc->whole_zone ? " (whole zone)" : " (cached positions)");
	trace_begin_end(cc, TRACE_MM_COMPACTION_BEGIN, COMPACT_CONTINUE);
	if (cc->rep) {
		cc->rep->scanned = true;
		cc->rep->whole_zone = cc->whole_zone;
		cc->rep->migrate_start = cc->migrate_pfn;
		cc->rep->free_start = cc->free_pfn;
	}
	lru_add_drain(m);                    /* migrate_prep_local() */

	while ((ret = compact_finished(cc)) == COMPACT_CONTINUE) {
		unsigned long iteration_start = cc->migrate_pfn;
		unsigned long nr_all;
		int err;

		/* rescan a block migration came back to: isolate all of it this time */
		cc->rescan = pageblock_start_pfn(m, last_migrated_pfn) ==
			     pageblock_start_pfn(m, iteration_start);

		switch (isolate_migratepages(cc)) {
		case ISOLATE_ABORT:
			ret = COMPACT_CONTENDED;
			putback_movable_pages(cc);
			cc->nr_migratepages = 0;
			KSTEP(m, "compact_zone", "isolation aborted: isolated pages put back, "
			      "COMPACT_CONTENDED");
			goto out;
		case ISOLATE_NONE:
			if (update_cached)
				cs->cached_migrate_pfn[1] = cs->cached_migrate_pfn[0];
			KSTEP(m, "compact_zone", "nothing isolated up to migrate_pfn=0x%lx", cc->migrate_pfn);
			/* nothing to migrate, but the previous chunk may need a drain */
			goto check_drain;
		case ISOLATE_SUCCESS:
			update_cached = false;
			last_migrated_pfn = iteration_start;
			break;
		}

		nr_all = cc->nr_migratepages;
		err = migrate_pages(cc);
		if (trace_point(m, TRACE_MM_COMPACTION_MIGRATEPAGES)) {
			unsigned long nr_failed = err >= 0 ? (unsigned long)err
				: list_count(m->mem_map, cc->migratepages);
			struct trace_event ev = {
				.id = TRACE_MM_COMPACTION_MIGRATEPAGES,
				.nr_migrated = nr_all - nr_failed, .nr_failed = nr_failed,
			};
			trace_emit(m, &ev, false);
		}
		cc->nr_migratepages = 0;
		if (err) {
			putback_movable_pages(cc);
			/* no free page left: unless the scanners met, give up */
			if (err == -ENOMEM && !compact_scanners_met(cc)) {
				ret = COMPACT_CONTENDED;
				KSTEP(m, "compact_zone", "no free page to migrate into: the pages not "
				      "migrated go back, COMPACT_CONTENDED");
				goto out;
			}
			/* a page of this chunk failed: async direct compaction skips the chunk */
			if (cc->direct_compaction && cc->mode == MIGRATE_ASYNC) {
				cc->migrate_pfn = block_end_pfn(cc->migrate_pfn - 1, cc->order);
				last_migrated_pfn = 0;   /* nothing worth draining */
				KSTEP(m, "compact_zone", "a page failed to migrate: async direct compaction "
				      "gives up its order-%d chunk, migrate_pfn=0x%lx", cc->order,
				      cc->migrate_pfn);
			}
		}
check_drain:
		/* left the chunk pages were migrated from: let the freed pages merge */
		if (cc->order > 0 && last_migrated_pfn) {
			unsigned long current_block_start = block_start_pfn(cc->migrate_pfn, cc->order);

			if (last_migrated_pfn < current_block_start) {
				KSTEP(m, "compact_zone", "the migrate scanner left the order-%d chunk at "
				      "pfn=0x%lx: drain this CPU's pagevecs and pcp lists so the freed "
				      "pages merge", cc->order, block_start_pfn(last_migrated_pfn, cc->order));
				lru_add_drain_cpu_zone(m, zone);
				last_migrated_pfn = 0;
			}
		}
		if (capc && capc->page) {
			ret = COMPACT_SUCCESS;
			KSTEP(m, "compact_zone", "the freed block pfn=0x%lx order=%d was captured for "
			      "this allocation (compaction_capture): COMPACT_SUCCESS",
			      page_to_pfn(m, capc->page), capc->order);
			break;
		}
	}
out:
	/* free the unused targets; the next free scanner starts no lower than them */
	if (cc->nr_freepages > 0) {
		unsigned long free_pfn = release_freepages(cc);

		cc->nr_freepages = 0;
		free_pfn = pageblock_start_pfn(m, free_pfn);
		if (free_pfn > cs->cached_free_pfn)
			cs->cached_free_pfn = free_pfn;
	}
	count_vm_events(m, COMPACTMIGRATE_SCANNED, cc->total_migrate_scanned);
	count_vm_events(m, COMPACTFREE_SCANNED, cc->total_free_scanned);
	KSTEP(m, "compact_zone", "%s: %s; migrate_pfn=0x%lx free_pfn=0x%lx, scanned %lu to migrate "
	      "and %lu free; unused targets freed", zone->name, result_const(ret), cc->migrate_pfn,
	      cc->free_pfn, cc->total_migrate_scanned, cc->total_free_scanned);
	trace_begin_end(cc, TRACE_MM_COMPACTION_END, ret);
	if (cc->rep) {
		cc->rep->result = ret;
		cc->rep->migrate_pfn = cc->migrate_pfn;
		cc->rep->free_pfn = cc->free_pfn;
		cc->rep->migrate_scanned += cc->total_migrate_scanned;
		cc->rep->free_scanned += cc->total_free_scanned;
	}
	return ret;
}

/* A report entry for the next zone, or NULL when nobody asked. */
static struct compact_zone_report *next_zone_report(struct compact_report *rep)
{
	struct compact_zone_report *zr;

	if (!rep || rep->nr_zones >= (int)(sizeof(rep->zones) / sizeof(rep->zones[0])))
		return NULL;
	zr = &rep->zones[rep->nr_zones++];
	memset(zr, 0, sizeof(*zr));
	return zr;
}

/*
 * mm/compaction.c: compact_zone_order() — direct compaction of one zone:
 * async at COMPACT_PRIO_ASYNC, else sync-light; the highest priority
 * (SYNC_FULL) scans the whole zone ignoring skip hints and block types.
 * With `capture`, a block of the order freed meanwhile in this zone is
 * captured (compaction_capture) and returned in *capture.
 */
static enum compact_result compact_zone_order_(struct machine *m, struct zone *zone, int order,
					       gfp_t gfp_mask, enum compact_priority prio,
					       unsigned int alloc_flags, int highest_zoneidx,
					       struct page **capture, struct compact_zone_report *zr)
{
	struct compact_control cc = {
		.m = m, .zone = zone, .order = order, .search_order = order, .gfp_mask = gfp_mask,
		.mode = prio == COMPACT_PRIO_ASYNC ? MIGRATE_ASYNC : MIGRATE_SYNC_LIGHT,
		.alloc_flags = alloc_flags, .highest_zoneidx = highest_zoneidx,
		.direct_compaction = true,
		.whole_zone = prio == MIN_COMPACT_PRIORITY,
		.ignore_skip_hint = prio == MIN_COMPACT_PRIORITY,
		.ignore_block_suitable = prio == MIN_COMPACT_PRIORITY,
		.rep = zr,
	};
	struct capture_control capc = {
		.zone = zone, .order = order, .migratetype = gfp_migratetype(m, gfp_mask), .page = NULL,
	};
	enum compact_result ret;

	if (capture)
		m->capc = &capc;
	ret = compact_zone(&cc, capture ? &capc : NULL);
	m->capc = NULL;
	if (capture)
		*capture = capc.page;
	return ret;
}

enum compact_result compact_zone_order(struct machine *m, struct zone *zone, int order,
				       gfp_t gfp_mask, enum compact_priority prio,
				       unsigned int alloc_flags, int highest_zoneidx,
				       struct page **capture)
{
	return compact_zone_order_(m, zone, order, gfp_mask, prio, alloc_flags, highest_zoneidx,
				   capture, NULL);
}

/*
 * mm/compaction.c: try_to_compact_pages() — direct compaction of each zone
 * of the zonelist in turn (GFP_NOIO may not: no I/O, no migration). Below
 * the highest priority, deferred zones are skipped. A zone that succeeds
 * ends the walk (its deferral is reset, not yet as a success); a sync run
 * that found nothing defers the zone. Returns the best result.
 */
static enum compact_result try_to_compact_pages_(struct machine *m, gfp_t gfp_mask,
						 unsigned int order, unsigned int alloc_flags,
						 struct zonelist *zl, int highest_zoneidx,
						 enum compact_priority prio, struct page **capture,
						 struct compact_report *rep)
{
	enum compact_result rc = COMPACT_SKIPPED;
	struct zoneref *z;

	if (!(gfp_mask & GFP__IO)) {
		KSTEP(m, "try_to_compact_pages", "order=%u: the request has no __GFP_IO, it may not "
		      "migrate: COMPACT_SKIPPED", order);
		return COMPACT_SKIPPED;
	}
	KSTEP(m, "try_to_compact_pages", "order=%u gfp=%s priority %d (%s)", order,
	      gfp_format(gfp_mask, true, (char[256]){ 0 }, 256), (int)prio,
	      prio == COMPACT_PRIO_ASYNC ? "async" : prio == COMPACT_PRIO_SYNC_LIGHT ? "sync light"
	      : "sync full: whole zone, skip hints ignored");
	if (trace_point(m, TRACE_MM_COMPACTION_TRY_TO_COMPACT_PAGES)) {
		struct trace_event ev = {
			.id = TRACE_MM_COMPACTION_TRY_TO_COMPACT_PAGES, .order = order,
			.gfp_flags = gfp_mask, .priority = (int)prio,
		};
		trace_emit(m, &ev, false);
	}
	for (z = first_zones_zonelist(zl, highest_zoneidx); z->zone;
	     z = next_zones_zonelist(z + 1, highest_zoneidx)) {
		struct zone *zone = z->zone;
		struct compact_zone_report *zr = next_zone_report(rep);
		enum compact_result status;

		if (prio > MIN_COMPACT_PRIORITY && compaction_deferred(zone, (int)order)) {
			if (rc < COMPACT_DEFERRED)
				rc = COMPACT_DEFERRED;
			if (zr) {
				zr->nid = zone_to_nid(zone);
				zr->zid = zone_idx(zone);
				zr->deferred = true;
				zr->result = COMPACT_DEFERRED;
			}
			continue;
		}
		status = compact_zone_order_(m, zone, (int)order, gfp_mask, prio, alloc_flags,
					     highest_zoneidx, capture, zr);
		if (status > rc)
			rc = status;
		KSTEP(m, "try_to_compact_pages", "%s: %s%s", zone->name, result_const(status),
		      status == COMPACT_SUCCESS ? ": stop here"
		      : prio != COMPACT_PRIO_ASYNC && (status == COMPACT_COMPLETE ||
						      status == COMPACT_PARTIAL_SKIPPED)
		      ? ": a sync run found nothing, defer the zone" : "");
		if (status == COMPACT_SUCCESS) {
			/* the allocation should succeed here; page_alloc.c confirms it */
			compaction_defer_reset(zone, (int)order, false);
			break;
		}
		if (prio != COMPACT_PRIO_ASYNC &&
		    (status == COMPACT_COMPLETE || status == COMPACT_PARTIAL_SKIPPED))
			defer_compaction(zone, (int)order);
		/* need_resched() never holds in mmsh; a fatal signal does stop it */
		if (fatal_signal_pending(m))
			break;
	}
	return rc;
}

enum compact_result try_to_compact_pages(struct machine *m, gfp_t gfp_mask, unsigned int order,
					 unsigned int alloc_flags, struct zonelist *zl,
					 int highest_zoneidx, enum compact_priority prio,
					 struct page **capture)
{
	if (capture)
		*capture = NULL;
	return try_to_compact_pages_(m, gfp_mask, order, alloc_flags, zl, highest_zoneidx, prio,
				     capture, NULL);
}

/*
 * mm/compaction.c: compact_node() — /proc/sys/vm/compact_memory's work on
 * one node: every populated zone (or just `only`) compacted whole,
 * MIGRATE_SYNC, ignoring the skip hints.
 */
static enum compact_result compact_node(struct machine *m, int nid, struct zone *only,
					struct compact_report *rep)
{
	pg_data_t *pgdat = m->node_data[nid];
	enum compact_result rc = COMPACT_SKIPPED;
	int z;

	for (z = 0; z < MAX_NR_ZONES; z++) {
		struct zone *zone = &pgdat->node_zones[z];
		struct compact_control cc = {
			.m = m, .zone = zone, .order = -1, .mode = MIGRATE_SYNC,
			.ignore_skip_hint = true, .whole_zone = true, .gfp_mask = GFP_KERNEL,
		};
		enum compact_result status;

		if (!populated_zone(zone) || (only && zone != only))
			continue;
		cc.rep = next_zone_report(rep);
		status = compact_zone(&cc, NULL);
		if (status > rc)
			rc = status;
	}
	return rc;
}

/* ---- kcompactd ----------------------------------------------------------- */

/* msecs_to_jiffies(HPAGE_FRAG_CHECK_INTERVAL_MSEC): how long kcompactd sleeps. */
static unsigned long kcompactd_timeout(void)
{
	return (HPAGE_FRAG_CHECK_INTERVAL_MSEC * HZ + MSEC_PER_SEC - 1) / MSEC_PER_SEC;
}

/*
 * kcompactd() starting (at boot, in the kernel): no work asked yet, and a
 * first sleep of 500 ms. mmsh starts it when first needed.
 */
static void kcompactd_start(pg_data_t *pgdat)
{
	if (pgdat->kcompactd_next_check)
		return;
	pgdat->kcompactd_max_order = 0;
	pgdat->kcompactd_highest_zoneidx = (enum zone_type)(pgdat->nr_zones - 1);
	pgdat->kcompactd_next_check = kcompactd_timeout();
}

/* wq_has_sleeper(&pgdat->kcompactd_wait): kcompactd is waiting, not woken or running. */
static bool kcompactd_sleeping(const pg_data_t *pgdat)
{
	const struct machine *m = pgdat->machine;

	if (pgdat->kcompactd_woken)
		return false;
	return !(m->in_kcompactd && m->current.pid == KCOMPACTD_PID_BASE + pgdat->node_id);
}

/*
 * mm/compaction.c: kcompactd_node_suitable() — some populated zone up to
 * kcompactd_highest_zoneidx could use compaction for kcompactd_max_order.
 */
static bool kcompactd_node_suitable(pg_data_t *pgdat)
{
	int z, highest_zoneidx = (int)pgdat->kcompactd_highest_zoneidx;

	for (z = 0; z <= highest_zoneidx && z < MAX_NR_ZONES; z++) {
		struct zone *zone = &pgdat->node_zones[z];

		if (!populated_zone(zone))
			continue;
		if (compaction_suitable(zone, pgdat->kcompactd_max_order, 0, highest_zoneidx) ==
		    COMPACT_CONTINUE)
			return true;
	}
	return false;
}

static void trace_kcompactd(pg_data_t *pgdat, enum trace_event_id id, int order,
			    int highest_zoneidx)
{
	struct machine *m = pgdat->machine;

	if (trace_point(m, id)) {
		struct trace_event ev = {
			.id = id, .nid = pgdat->node_id, .order = (unsigned int)order,
			.zid = highest_zoneidx,
		};
		trace_emit(m, &ev, false);
	}
}

/*
 * mm/compaction.c: wakeup_kcompactd() — remember the largest order and the
 * lowest zone index asked for; wake kcompactd if it sleeps and some zone
 * is suitable. It runs at the next tick.
 */
void wakeup_kcompactd(pg_data_t *pgdat, int order, int highest_zoneidx)
{
	if (!order)
		return;
	kcompactd_start(pgdat);
	if (pgdat->kcompactd_max_order < order)
		pgdat->kcompactd_max_order = order;
	if ((int)pgdat->kcompactd_highest_zoneidx > highest_zoneidx)
		pgdat->kcompactd_highest_zoneidx = (enum zone_type)highest_zoneidx;
	KSTEP(pgdat->machine, "wakeup_kcompactd", "node %d order=%d highest_zoneidx=%s: "
	      "kcompactd_max_order=%d kcompactd_highest_zoneidx=%s", pgdat->node_id, order,
	      zone_names[highest_zoneidx], pgdat->kcompactd_max_order,
	      zone_names[pgdat->kcompactd_highest_zoneidx]);
	if (!kcompactd_sleeping(pgdat)) {
		KSTEP(pgdat->machine, "wakeup_kcompactd", "kcompactd%d is not sleeping: it will see "
		      "the request", pgdat->node_id);
		return;
	}
	if (!kcompactd_node_suitable(pgdat)) {
		KSTEP(pgdat->machine, "wakeup_kcompactd", "no zone is suitable for compaction "
		      "(kcompactd_node_suitable): kcompactd%d is not woken", pgdat->node_id);
		return;
	}
	trace_kcompactd(pgdat, TRACE_MM_COMPACTION_WAKEUP_KCOMPACTD, order, highest_zoneidx);
	pgdat->kcompactd_woken = true;
	KSTEP(pgdat->machine, "wakeup_kcompactd", "kcompactd%d is woken: it runs at the next tick",
	      pgdat->node_id);
}

/*
 * mm/compaction.c: kcompactd_do_work() — sync-light compaction of each
 * zone up to the requested index that is neither deferred nor unsuitable;
 * success resets the deferral, a run that found nothing drains the pcp
 * lists (stranded pages could merge) and defers. Then the request is done.
 */
static void kcompactd_do_work(pg_data_t *pgdat)
{
	struct machine *m = pgdat->machine;
	struct compact_control cc = {
		.m = m, .order = pgdat->kcompactd_max_order,
		.search_order = pgdat->kcompactd_max_order,
		.highest_zoneidx = (int)pgdat->kcompactd_highest_zoneidx,
		.mode = MIGRATE_SYNC_LIGHT, .ignore_skip_hint = false, .gfp_mask = GFP_KERNEL,
	};
	int z;

	trace_kcompactd(pgdat, TRACE_MM_COMPACTION_KCOMPACTD_WAKE, cc.order, cc.highest_zoneidx);
	count_vm_events(m, KCOMPACTD_WAKE, 1);
	KSTEP(m, "kcompactd_do_work", "kcompactd%d: order=%d for the zones up to %s, "
	      "MIGRATE_SYNC_LIGHT", pgdat->node_id, cc.order, zone_names[cc.highest_zoneidx]);
	for (z = 0; z <= cc.highest_zoneidx && z < MAX_NR_ZONES; z++) {
		struct zone *zone = &pgdat->node_zones[z];
		enum compact_result status;

		if (!populated_zone(zone))
			continue;
		if (compaction_deferred(zone, cc.order))
			continue;
		if (compaction_suitable(zone, cc.order, 0, z) != COMPACT_CONTINUE)
			continue;
		cc.zone = zone;
		status = compact_zone(&cc, NULL);
		KSTEP(m, "kcompactd_do_work", "%s: %s%s", zone->name, result_const(status),
		      status == COMPACT_SUCCESS ? ": the deferral is reset"
		      : status == COMPACT_PARTIAL_SKIPPED || status == COMPACT_COMPLETE
		      ? ": drain the pcp lists and defer the zone" : "");
		if (status == COMPACT_SUCCESS) {
			compaction_defer_reset(zone, cc.order, false);
		} else if (status == COMPACT_PARTIAL_SKIPPED || status == COMPACT_COMPLETE) {
			drain_all_pages(m, zone);
			defer_compaction(zone, cc.order);
		}
		count_vm_events(m, KCOMPACTD_MIGRATE_SCANNED, cc.total_migrate_scanned);
		count_vm_events(m, KCOMPACTD_FREE_SCANNED, cc.total_free_scanned);
	}
	/* done until woken again, unless a bigger request came meanwhile */
	if (pgdat->kcompactd_max_order <= cc.order)
		pgdat->kcompactd_max_order = 0;
	if ((int)pgdat->kcompactd_highest_zoneidx >= cc.highest_zoneidx)
		pgdat->kcompactd_highest_zoneidx = (enum zone_type)(pgdat->nr_zones - 1);
}

/*
 * mm/compaction.c: proactive_compact_node() — compact every populated zone
 * whole (sync-light, skip hints ignored) until its score is at the low mark.
 */
static void proactive_compact_node(pg_data_t *pgdat)
{
	struct machine *m = pgdat->machine;
	int z;

	for (z = 0; z < MAX_NR_ZONES; z++) {
		struct zone *zone = &pgdat->node_zones[z];
		struct compact_control cc = {
			.m = m, .zone = zone, .order = -1, .mode = MIGRATE_SYNC_LIGHT,
			.ignore_skip_hint = true, .whole_zone = true, .gfp_mask = GFP_KERNEL,
			.proactive_compaction = true,
		};

		if (!populated_zone(zone))
			continue;
		compact_zone(&cc, NULL);
	}
}

/*
 * One turn of kcompactd()'s loop: the work it was woken for (or found
 * asked when its sleep timed out), else the proactive check of a timeout;
 * then it sleeps again for 500 ms. kcompactd runs as its node's kthread,
 * with no direct compactor's capture in effect.
 */
static void kcompactd_run_once(pg_data_t *pgdat, bool timed_out)
{
	struct machine *m = pgdat->machine;
	struct capture_control *capc = m->capc;
	struct kthread_context save;

	kthread_enter(m, &save, "kcompactd", pgdat->node_id, KCOMPACTD_PID_BASE + pgdat->node_id);
	m->in_kcompactd = true;
	m->capc = NULL;
	pgdat->kcompactd_woken = false;
	if (pgdat->kcompactd_max_order > 0) {   /* kcompactd_work_requested() */
		kcompactd_do_work(pgdat);
	} else if (timed_out && should_proactive_compact_node(pgdat)) {
		unsigned int defer = pgdat->kcompactd_proactive_defer, prev_score;

		if (defer) {
			pgdat->kcompactd_proactive_defer = defer - 1;
		} else {
			/* a pass that did not lower the score backs off 64 checks */
			prev_score = fragmentation_score_node(pgdat);
			proactive_compact_node(pgdat);
			pgdat->kcompactd_proactive_defer = fragmentation_score_node(pgdat) < prev_score
							     ? 0 : 1U << COMPACT_MAX_DEFER_SHIFT;
		}
	}
	trace_kcompactd(pgdat, TRACE_MM_COMPACTION_KCOMPACTD_SLEEP, 0, 0);
	pgdat->kcompactd_next_check = m->jiffies + kcompactd_timeout();
	m->capc = capc;
	m->in_kcompactd = false;
	kthread_leave(m, &save);
}

/*
 * kcompactd_tick(): one jiffy of every node's kcompactd. A woken one runs
 * its work; one whose 500 ms sleep ran out does what was asked meanwhile
 * or, if nothing was, checks whether to compact proactively.
 */
void kcompactd_tick(struct machine *m)
{
	int nid;

	for (nid = 0; nid < m->nr_node_ids; nid++) {
		pg_data_t *pgdat = m->node_data[nid];

		if (m->panicked || m->in_kcompactd)
			return;
		kcompactd_start(pgdat);
		if (pgdat->kcompactd_woken)
			kcompactd_run_once(pgdat, false);
		else if (m->jiffies >= pgdat->kcompactd_next_check)
			kcompactd_run_once(pgdat, true);
	}
}

/* ---- the `compact` command ----------------------------------------------- */

/*
 * The `compact` command (see compaction.h): compact_nodes() for order -1,
 * else try_to_compact_pages() without a capture, over one node's zonelist
 * or a one-zone list, reporting each zone's run.
 */
enum compact_result compact_command_prio(struct machine *m, int order, int only_nid,
					 struct zone *zone, gfp_t gfp_mask,
					 enum compact_priority prio, struct compact_report *rep)
{
	struct zonelist single, *zl;
	int nid, highest_zoneidx;

	memset(rep, 0, sizeof(*rep));
	rep->order = order;
	rep->gfp_mask = gfp_mask;
	rep->prio = prio;
	rep->result = COMPACT_SKIPPED;
	if (is_via_compact_memory(order)) {
		/* compact_nodes(): flush every CPU's pagevecs, then each node */
		rep->gfp_mask = GFP_KERNEL;
		rep->mode = MIGRATE_SYNC;
		lru_add_drain_all(m);
		for (nid = 0; nid < m->nr_node_ids; nid++) {
			enum compact_result status;

			if ((zone && zone_to_nid(zone) != nid) ||
			    (!zone && only_nid != NUMA_NO_NODE && only_nid != nid))
				continue;
			status = compact_node(m, nid, zone, rep);
			if (status > rep->result)
				rep->result = status;
		}
		return rep->result;
	}
	rep->mode = prio == COMPACT_PRIO_ASYNC ? MIGRATE_ASYNC : MIGRATE_SYNC_LIGHT;
	if (zone) {
		/* one zone: a zonelist of just it, at its own index */
		memset(&single, 0, sizeof(single));
		single._zonerefs[0].zone = zone;
		single._zonerefs[0].zone_idx = zone_idx(zone);
		zl = &single;
		highest_zoneidx = zone_idx(zone);
	} else {
		nid = only_nid == NUMA_NO_NODE ? numa_node_id(m) : only_nid;
		zl = node_zonelist(m, nid, gfp_mask);
		highest_zoneidx = gfp_zone(gfp_mask);
	}
	rep->result = try_to_compact_pages_(m, gfp_mask, (unsigned int)order,
					    gfp_to_alloc_flags(m, gfp_mask), zl, highest_zoneidx,
					    prio, NULL, rep);
	return rep->result;
}

enum compact_result compact_command(struct machine *m, int order, struct zone *zone,
				    struct compact_report *rep)
{
	return compact_command_prio(m, order, NUMA_NO_NODE, zone, GFP_KERNEL, DEF_COMPACT_PRIORITY,
				    rep);
}

static const char *const migrate_mode_names[] = { "async", "sync-light", "sync" };

/* The report as text: the request, then each zone (see compaction.h). */
void compact_report_format(const struct compact_report *rep, struct strbuf *sb)
{
	int i;

	if (rep->order < 0) {
		sb_printf(sb, "compact: whole zones, as compact_memory (%s): %s\n",
			  migrate_mode_names[rep->mode], compact_result_name(rep->result));
	} else {
		char gfp[256];

		sb_printf(sb, "compact order=%d (direct, gfp=%s, priority %d %s): %s\n", rep->order,
			  gfp_format(rep->gfp_mask, true, gfp, sizeof(gfp)), (int)rep->prio,
			  migrate_mode_names[rep->mode], compact_result_name(rep->result));
	}
	if (!rep->nr_zones)
		sb_puts(sb, "  no zone was compacted (GFP_NOIO may not compact)\n");
	for (i = 0; i < rep->nr_zones; i++) {
		const struct compact_zone_report *zr = &rep->zones[i];

		sb_printf(sb, "Node %d, zone %8s: %s", zr->nid, zone_names[zr->zid],
			  compact_result_name(zr->result));
		if (zr->deferred) {
			sb_puts(sb, " (compaction_deferred)\n");
			continue;
		}
		if (!zr->scanned) {
			sb_printf(sb, " (compaction_suitable: %s)\n",
				  zr->result == COMPACT_SUCCESS ? "the allocation would succeed already"
								: "too few free pages to compact");
			continue;
		}
		sb_printf(sb, "%s\n", zr->whole_zone ? " (whole zone)" : "");
		sb_printf(sb, "  migrate scanner 0x%lx -> 0x%lx  scanned %lu  isolated %lu\n",
			  zr->migrate_start, zr->migrate_pfn, zr->migrate_scanned, zr->isolated_migrate);
		sb_printf(sb, "  free scanner    0x%lx -> 0x%lx  scanned %lu  isolated %lu\n",
			  zr->free_start, zr->free_pfn, zr->free_scanned, zr->isolated_free);
		sb_printf(sb, "  pages migrated %lu  failed %lu\n", zr->migrated, zr->failed);
	}
}
