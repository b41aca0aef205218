/*
 * include/mmsh/compaction.h: memory compaction (mm/compaction.c,
 * mm/migrate.c): a migrate scanner walking up from the zone start isolates
 * movable pages, a free scanner walking down from the end isolates free
 * pages, and each movable page is copied to a free one, so free memory
 * gathers into large blocks.
 */
#ifndef MMSH_COMPACTION_H
#define MMSH_COMPACTION_H

#include <stdbool.h>

#include "mmsh/gfp.h"
#include "mmsh/mmzone.h"
#include "mmsh/strbuf.h"

#define COMPACT_CLUSTER_MAX 32
#define COMPACT_MAX_DEFER_SHIFT 6
#define MAX_COMPACT_RETRIES 16

enum compact_priority {
	COMPACT_PRIO_SYNC_FULL,
	MIN_COMPACT_PRIORITY = COMPACT_PRIO_SYNC_FULL,
	COMPACT_PRIO_SYNC_LIGHT,
	MIN_COMPACT_COSTLY_PRIORITY = COMPACT_PRIO_SYNC_LIGHT,
	DEF_COMPACT_PRIORITY = COMPACT_PRIO_SYNC_LIGHT,
	COMPACT_PRIO_ASYNC,
	INIT_COMPACT_PRIORITY = COMPACT_PRIO_ASYNC,
};

enum compact_result {
	COMPACT_NOT_SUITABLE_ZONE,
	COMPACT_SKIPPED,
	COMPACT_DEFERRED,
	COMPACT_NO_SUITABLE_PAGE,
	COMPACT_CONTINUE,
	COMPACT_COMPLETE,
	COMPACT_PARTIAL_SKIPPED,
	COMPACT_CONTENDED,
	COMPACT_SUCCESS,
};

enum migrate_mode {
	MIGRATE_ASYNC,
	MIGRATE_SYNC_LIGHT,
	MIGRATE_SYNC,
};

const char *compact_result_name(enum compact_result r);

int fragmentation_index(struct machine *m, struct zone *zone, unsigned int order);
int unusable_free_index(struct machine *m, struct zone *zone, unsigned int order);
enum compact_result compaction_suitable(struct zone *zone, int order,
					unsigned int alloc_flags, int highest_zoneidx);
bool compaction_zonelist_suitable(struct machine *m, struct zonelist *zl, int highest_zoneidx,
				  int order, unsigned int alloc_flags);
bool compaction_deferred(struct zone *zone, int order);
void defer_compaction(struct zone *zone, int order);
void compaction_defer_reset(struct zone *zone, int order, bool alloc_success);

/*
 * try_to_compact_pages(): direct compaction over the zonelist. A block
 * captured on the way (compaction_capture) is returned in *capture.
 */
enum compact_result try_to_compact_pages(struct machine *m, gfp_t gfp_mask, unsigned int order,
					 unsigned int alloc_flags, struct zonelist *zl,
					 int highest_zoneidx, enum compact_priority prio,
					 struct page **capture);
/* compact_zone_order() of one zone: the `compact` command and kcompactd. */
enum compact_result compact_zone_order(struct machine *m, struct zone *zone, int order,
				       gfp_t gfp_mask, enum compact_priority prio,
				       unsigned int alloc_flags, int highest_zoneidx,
				       struct page **capture);

/*
 * compaction_capture() (in page_alloc.c, as in the kernel): while a
 * direct compactor runs, a block of the order it wants that is freed in
 * its zone is handed to it instead of going to the free lists.
 */
struct capture_control {
	struct zone *zone;
	int order;
	int migratetype;
	struct page *page;           /* the captured block, once there is one */
};

/* kcompactd: woken by kswapd and wakeup_kswapd(); runs when time passes. */
void wakeup_kcompactd(pg_data_t *pgdat, int order, int highest_zoneidx);
/* kcompactd_tick(): once per jiffy, every node's kcompactd that was woken. */
void kcompactd_tick(struct machine *m);
/* reset_isolation_suitable(): clear the pageblock skip bits if compaction flagged it. */
void reset_isolation_suitable(pg_data_t *pgdat);

/* compaction_restarting(): deferred to the limit, about to try again. */
bool compaction_restarting(struct zone *zone, int order);

/*
 * extfrag_for_order(): the percentage of free memory in blocks smaller
 * than `order` (mm/vmstat.c). fragmentation_score_node(): proactive
 * compaction's score of a node, 0..100, each zone weighted by its size.
 */
unsigned int extfrag_for_order(struct zone *zone, unsigned int order);
unsigned int fragmentation_score_node(pg_data_t *pgdat);

/*
 * debugfs extfrag/unusable_index and extfrag/extfrag_index: two sections,
 * each a header line naming the file, then one line per populated zone
 * (every zone of every node when zone is NULL, else just that zone).
 */
void view_extfrag(struct machine *m, struct zone *zone, struct strbuf *sb);
/* The same for one node's zones (nid NUMA_NO_NODE: every node). */
void view_extfrag_node(struct machine *m, int nid, struct zone *zone, struct strbuf *sb);

/* ---- the `compact` command ------------------------------------------------ */

/* What compaction did in one zone. */
struct compact_zone_report {
	int nid;
	int zid;
	enum compact_result result;      /* mm_compaction_end's status, or why not run */
	bool deferred;                   /* compaction_deferred() skipped the zone */
	bool scanned;                    /* the scanners ran (suitability let it) */
	bool sync;                       /* mode != MIGRATE_ASYNC */
	bool whole_zone;
	unsigned long zone_start, zone_end;
	unsigned long migrate_start, free_start;   /* at mm_compaction_begin */
	unsigned long migrate_pfn, free_pfn;       /* at mm_compaction_end */
	unsigned long migrate_scanned, free_scanned;
	unsigned long isolated_migrate;  /* movable pages taken off the LRU */
	unsigned long isolated_free;     /* free pages taken as targets */
	unsigned long migrated, failed;  /* migrate_pages() results */
};

/*
 * struct compact_report: filled by compact_command(). `result` is the
 * best status over the zones (try_to_compact_pages() takes the maximum);
 * zones[] lists every zone compaction looked at, in the order it did.
 */
struct compact_report {
	int order;                       /* -1: whole zones (compact_memory) */
	gfp_t gfp_mask;
	enum compact_priority prio;      /* direct compaction's priority */
	enum migrate_mode mode;
	enum compact_result result;
	int nr_zones;
	struct compact_zone_report zones[MAX_NUMNODES * MAX_NR_ZONES];
};

/*
 * compact_command(): the `compact [order=N] [zone=Z]` command.
 *
 * order -1 compacts whole zones as writing /proc/sys/vm/compact_memory
 * does (compact_nodes: lru_add_drain_all(), then compact_zone() of every
 * populated zone with MIGRATE_SYNC, ignoring the skip hints), or just
 * `zone` when one is given.
 *
 * order >= 0 runs direct compaction as an order-N GFP_KERNEL allocation
 * would at DEF_COMPACT_PRIORITY (MIGRATE_SYNC_LIGHT): try_to_compact_pages()
 * over the current CPU's node's zonelist, or over `zone` alone (with its
 * own index as highest_zoneidx). Deferral, suitability and the defer
 * bookkeeping apply as in the kernel; no block is captured.
 *
 * Returns rep->result. The caller may print rep with compact_report_format().
 */
enum compact_result compact_command(struct machine *m, int order, struct zone *zone,
				    struct compact_report *rep);
/*
 * The same with the request's gfp mask and priority chosen by the caller,
 * and a node: with order -1 only that node's zones are compacted; with
 * order >= 0 its zonelist is used. nid NUMA_NO_NODE means every node (-1)
 * or the current CPU's node (>= 0); a zone, when given, decides the node.
 */
enum compact_result compact_command_prio(struct machine *m, int order, int nid,
					 struct zone *zone, gfp_t gfp_mask,
					 enum compact_priority prio, struct compact_report *rep);
/*
 * compact_report_format(): a summary for people, one line for the request
 * and one per zone, with the scanners' work for zones that were scanned:
 *   compact order=5 (direct, gfp=GFP_KERNEL, priority 1 sync-light): success
 *   Node 0, zone   Normal: success
 *     migrate scanner 0x0 -> 0x20  scanned 32  isolated 16
 *     free scanner    0x3e0 -> 0x3e0  scanned 1  isolated 16
 *     pages migrated 16  failed 0
 * Zones compaction did not scan say why: "(compaction_deferred)", or
 * "(compaction_suitable: ...)".
 */
void compact_report_format(const struct compact_report *rep, struct strbuf *sb);

#endif
