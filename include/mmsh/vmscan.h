/*
 * include/mmsh/vmscan.h: page reclaim (mm/vmscan.c, mm/workingset.c of
 * Linux 5.10): scan_control, shrink_node and shrink_lruvec with
 * get_scan_count, shrink_active_list, shrink_inactive_list and
 * shrink_page_list's decisions, direct reclaim (try_to_free_pages) and
 * the workingset's refault detection.
 */
#ifndef MMSH_VMSCAN_H
#define MMSH_VMSCAN_H

#include <stdbool.h>

#include "mmsh/gfp.h"
#include "mmsh/lru.h"
#include "mmsh/mmzone.h"

#define SWAP_CLUSTER_MAX 32UL
#define DEF_PRIORITY 12
#define COMPACT_GAP(order) (2UL << (order))

extern const char *const scan_balance_names[4];

/* scan_control.may_deactivate bits */
#define DEACTIVATE_ANON 1
#define DEACTIVATE_FILE 2

enum scan_balance {
	SCAN_EQUAL,
	SCAN_FRACT,
	SCAN_ANON,
	SCAN_FILE,
};

/* pgdat->flags */
enum pgdat_flags {
	PGDAT_DIRTY,
	PGDAT_WRITEBACK,
	PGDAT_RECLAIM_LOCKED,
};

/* What shrink_page_list() saw (struct reclaim_stat). */
struct reclaim_stat {
	unsigned int nr_dirty, nr_unqueued_dirty, nr_congested, nr_writeback,
		nr_immediate, nr_pageout, nr_activate[2], nr_ref_keep, nr_unmap_fail,
		nr_lazyfree_fail;
};

struct scan_control {
	unsigned long nr_to_reclaim;
	gfp_t gfp_mask;
	int order;
	int priority;
	int reclaim_idx;
	unsigned int may_deactivate;
	bool force_deactivate, skipped_deactivate;
	bool may_writepage, may_unmap, may_swap;
	bool compaction_ready, cache_trim_mode, file_is_tiny;
	unsigned long anon_cost, file_cost;
	unsigned long nr_scanned, nr_reclaimed;
	struct {
		unsigned int dirty, unqueued_dirty, congested, writeback, immediate,
			file_taken, taken;
	} nr;
	/* mmsh: what the command that started reclaim wants to show */
	enum scan_balance scan_balance;  /* get_scan_count()'s last choice */
	unsigned long fraction[2];       /* its anon and file weights (SCAN_FRACT) */
	unsigned long scan_nr[NR_EVICTABLE_LRU_LISTS];   /* and the pages it asked for */
	struct reclaim_stat *stat;       /* shrink_page_list() totals, or NULL */
};

enum page_references {
	PAGEREF_RECLAIM,
	PAGEREF_RECLAIM_CLEAN,
	PAGEREF_KEEP,
	PAGEREF_ACTIVATE,
};

enum pageout_result {
	PAGE_KEEP,
	PAGE_ACTIVATE,
	PAGE_SUCCESS,
	PAGE_CLEAN,
};

bool inactive_is_low(struct machine *m, struct lruvec *lruvec, enum lru_list inactive_lru);
void get_scan_count(struct machine *m, struct lruvec *lruvec, struct scan_control *sc,
		    unsigned long *nr);
unsigned long isolate_lru_pages(struct machine *m, unsigned long nr_to_scan, int nid,
				uint32_t dst, unsigned long *nr_scanned, struct scan_control *sc,
				enum lru_list lru);
enum page_references page_check_references(struct machine *m, struct page *page,
					   struct scan_control *sc);
enum pageout_result pageout(struct machine *m, struct page *page);
bool remove_mapping(struct machine *m, struct page *page);
unsigned long shrink_page_list(struct machine *m, uint32_t page_list, pg_data_t *pgdat,
			       struct scan_control *sc, struct reclaim_stat *stat,
			       bool ignore_references);
unsigned long shrink_inactive_list(struct machine *m, unsigned long nr_to_scan, int nid,
				   struct scan_control *sc, enum lru_list lru);
void shrink_active_list(struct machine *m, unsigned long nr_to_scan, int nid,
			struct scan_control *sc, enum lru_list lru);
unsigned long shrink_list(struct machine *m, enum lru_list lru, unsigned long nr_to_scan,
			  int nid, struct scan_control *sc);
void shrink_lruvec(struct machine *m, int nid, struct scan_control *sc);
void shrink_node(struct machine *m, pg_data_t *pgdat, struct scan_control *sc);
unsigned long try_to_free_pages(struct machine *m, struct zonelist *zonelist, int order,
				gfp_t gfp_mask);
/* The same, leaving the final scan_control in *report for `reclaim` to show. */
unsigned long try_to_free_pages_report(struct machine *m, struct zonelist *zonelist, int order,
				       gfp_t gfp_mask, struct scan_control *report);
unsigned long zone_reclaimable_pages(struct machine *m, struct zone *zone);
void snapshot_refaults(struct machine *m, pg_data_t *pgdat);
bool too_many_isolated(struct machine *m, pg_data_t *pgdat, bool file, struct scan_control *sc);

/* mm/workingset.c */
uint64_t workingset_eviction(struct machine *m, struct page *page);
void workingset_refault(struct machine *m, struct page *page, uint64_t shadow);
void workingset_activation(struct machine *m, struct page *page);
void workingset_age_nonresident(struct machine *m, struct lruvec *lruvec, unsigned long nr);

/* The current context as reclaim sees it. */
#define PF_MEMALLOC 0x800
#define PF_KSWAPD   0x20000

/* isolate_mode_t bits (include/linux/mmzone.h), for reclaim and compaction */
#define ISOLATE_UNMAPPED       0x2
#define ISOLATE_ASYNC_MIGRATE  0x4
#define ISOLATE_UNEVICTABLE    0x8

#endif
