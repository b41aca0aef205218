/*
 * src/engine/vmscan.c: page reclaim (mm/vmscan.c of Linux 5.10). The
 * reclaimer takes pages from the cold end (tail) of an LRU list, decides
 * for each one whether it may be freed (shrink_page_list), frees the
 * clean unreferenced ones, starts writeback of the dirty ones it may write,
 * and puts the rest back. shrink_node() decides how many pages of each
 * list to scan (get_scan_count); kswapd and direct reclaim both call it.
 */
#include "mmsh/compaction.h"
#include "mmsh/kstep.h"
#include "mmsh/kswapd.h"
#include "mmsh/list.h"
#include "mmsh/lru.h"
#include "mmsh/mmzone.h"
#include "mmsh/page_alloc.h"
#include "mmsh/pcp.h"
#include "mmsh/rmap.h"
#include "mmsh/swap.h"
#include "mmsh/trace.h"
#include "mmsh/vmscan.h"
#include "mmsh/watermark.h"
#include "mmsh/workload.h"

const char *const scan_balance_names[4] = {
	"SCAN_EQUAL", "SCAN_FRACT", "SCAN_ANON", "SCAN_FILE",
};

static uint32_t llist(struct machine *m, enum local_list l)
{
	return m->local_lists[l];
}

static struct page *lru_to_page(struct machine *m, uint32_t head)
{
	return &m->mem_map[list_last(m->mem_map, head)];
}

static uint32_t pfn_of(struct machine *m, const struct page *page)
{
	return (uint32_t)page_to_pfn(m, page);
}

/* trylock_page() / unlock_page(): PG_locked, without waiters to wake. */
static bool trylock_page(struct machine *m, struct page *page)
{
	if (PageLocked(page))
		return false;
	set_page_flag(page, PG_locked);
	page_changed(m, page_to_pfn(m, page));
	return true;
}

static void unlock_page(struct machine *m, struct page *page)
{
	clear_page_flag(page, PG_locked);
	page_changed(m, page_to_pfn(m, page));
}

static void set_flag(struct machine *m, struct page *page, enum pageflags f)
{
	set_page_flag(page, f);
	page_changed(m, page_to_pfn(m, page));
}

static void clear_flag(struct machine *m, struct page *page, enum pageflags f)
{
	clear_page_flag(page, f);
	page_changed(m, page_to_pfn(m, page));
}

static bool current_is_kswapd(const struct machine *m)
{
	return m->current_flags & PF_KSWAPD;
}

static int reclaim_flags(bool file)
{
	return (int)((file ? RECLAIM_WB_FILE : RECLAIM_WB_ANON) | RECLAIM_WB_ASYNC);
}

/* ---- numbers for the kernel steps (read only) ------------------------------------- */

/* A node's LRU counter: NR_INACTIVE_ANON + lru. */
static unsigned long node_lru(struct machine *m, int nid, enum lru_list lru)
{
	return (unsigned long)m->node_data[nid]->vm_stat[NR_INACTIVE_ANON + lru];
}

/* inactive_is_low()'s inactive_ratio for the type of inactive_lru. */
static unsigned long inactive_ratio_of(struct machine *m, int nid, enum lru_list inactive_lru)
{
	unsigned long gb = (node_lru(m, nid, inactive_lru) +
			    node_lru(m, nid, (enum lru_list)(inactive_lru + LRU_ACTIVE))) >>
			   (30 - PAGE_SHIFT);

	return gb ? int_sqrt(10 * gb) : 1;
}

static const char *reclaimer_name(const struct machine *m)
{
	return (m->current_flags & PF_KSWAPD) ? "kswapd" : "direct reclaim";
}

/* too_many_isolated()'s limit: the inactive pages, an eighth of them for GFP_IO|GFP_FS. */
static unsigned long isolated_limit(pg_data_t *pgdat, bool file, const struct scan_control *sc)
{
	unsigned long inactive = (unsigned long)pgdat->vm_stat[file ? NR_INACTIVE_FILE
								    : NR_INACTIVE_ANON];

	if ((sc->gfp_mask & (GFP__IO | GFP__FS)) == (GFP__IO | GFP__FS))
		inactive >>= 3;
	return inactive;
}

/* ---- sizes and ratios ------------------------------------------------------------ */

/*
 * zone_reclaimable_pages(): the file LRU, and the anon LRU too while there
 * is free swap to put anon pages in.
 */
unsigned long zone_reclaimable_pages(struct machine *m, struct zone *zone)
{
	unsigned long nr = (unsigned long)(zone_page_state(zone, NR_ZONE_INACTIVE_FILE) +
					   zone_page_state(zone, NR_ZONE_ACTIVE_FILE));

	if (get_nr_swap_pages(m) > 0)
		nr += (unsigned long)(zone_page_state(zone, NR_ZONE_INACTIVE_ANON) +
				      zone_page_state(zone, NR_ZONE_ACTIVE_ANON));
	return nr;
}

/*
 * inactive_is_low(): the inactive list should hold at least
 * 1/int_sqrt(10 * size in GiB) of the two lists of its type (half of
 * them below 1 GiB).
 */
bool inactive_is_low(struct machine *m, struct lruvec *lruvec, enum lru_list inactive_lru)
{
	pg_data_t *pgdat = m->node_data[lruvec->node_id];
	unsigned long inactive = (unsigned long)pgdat->vm_stat[NR_INACTIVE_ANON + inactive_lru];
	unsigned long active = (unsigned long)pgdat->vm_stat[NR_INACTIVE_ANON + inactive_lru +
							     LRU_ACTIVE];
	unsigned long gb = (inactive + active) >> (30 - PAGE_SHIFT);
	unsigned long inactive_ratio = gb ? int_sqrt(10 * gb) : 1;

	return inactive * inactive_ratio < active;
}

/*
 * too_many_isolated(): a direct reclaimer waits while more pages of this
 * type are isolated than are left inactive (an eighth of them for
 * requests that may do I/O and enter filesystems).
 */
bool too_many_isolated(struct machine *m, pg_data_t *pgdat, bool file, struct scan_control *sc)
{
	unsigned long inactive, isolated;

	if (current_is_kswapd(m))
		return false;
	inactive = (unsigned long)pgdat->vm_stat[file ? NR_INACTIVE_FILE : NR_INACTIVE_ANON];
	isolated = (unsigned long)pgdat->vm_stat[file ? NR_ISOLATED_FILE : NR_ISOLATED_ANON];
	if ((sc->gfp_mask & (GFP__IO | GFP__FS)) == (GFP__IO | GFP__FS))
		inactive >>= 3;
	return isolated > inactive;
}

/* ---- isolation and putback ---------------------------------------------------------- */

/*
 * isolate_lru_pages(): take up to nr_to_scan pages from the tail of the
 * list to dst. Pages of zones above reclaim_idx are skipped (not counted
 * against nr_to_scan) and go to the head of the list afterwards.
 */
unsigned long isolate_lru_pages(struct machine *m, unsigned long nr_to_scan, int nid,
				uint32_t dst, unsigned long *nr_scanned, struct scan_control *sc,
				enum lru_list lru)
{
	struct lruvec *lruvec = node_lruvec(m, nid);
	uint32_t src = lruvec->lists[lru], skipped_list = llist(m, LL_SKIPPED);
	unsigned long nr_skipped[MAX_NR_ZONES] = { 0 }, nr_zone_taken[MAX_NR_ZONES] = { 0 };
	unsigned long scan = 0, total_scan = 0, nr_taken = 0, skipped = 0;
	int mode = sc->may_unmap ? 0 : ISOLATE_UNMAPPED;
	int zid;

	while (scan < nr_to_scan && !list_empty(m->mem_map, src)) {
		struct page *page = lru_to_page(m, src);
		uint32_t pfn = pfn_of(m, page);
		unsigned int zone = page_zonenum(page);

		total_scan++;
		if ((int)zone > sc->reclaim_idx) {
			list_del(m->mem_map, pfn);
			list_add(m->mem_map, pfn, skipped_list);
			nr_skipped[zone]++;
			continue;
		}
		scan++;
		/* __isolate_lru_page(): busy if unmapped-only and mapped, or being freed */
		if (((mode & ISOLATE_UNMAPPED) && page_mapped(page)) || page->_refcount <= 0) {
			list_del(m->mem_map, pfn);
			list_add(m->mem_map, pfn, src);
			continue;
		}
		get_page(page);
		clear_flag(m, page, PG_lru);
		list_del(m->mem_map, pfn);
		list_add(m->mem_map, pfn, dst);
		nr_taken++;
		nr_zone_taken[zone]++;
	}
	/*
	 * list_splice(&pages_skipped, src): the skipped pages go to the head
	 * of the list, the last one met first, so they are not met again
	 * until the rest of the list was scanned
	 */
	while (!list_empty(m->mem_map, skipped_list)) {
		uint32_t pfn = list_last(m->mem_map, skipped_list);

		list_del(m->mem_map, pfn);
		list_add(m->mem_map, pfn, src);
	}
	for (zid = 0; zid < MAX_NR_ZONES; zid++) {
		if (!nr_skipped[zid])
			continue;
		count_vm_events(m, (enum vm_event_item)(PGSKIP_DMA + zid), nr_skipped[zid]);
		skipped += nr_skipped[zid];
	}
	*nr_scanned = total_scan;
	if (trace_point(m, TRACE_MM_VMSCAN_LRU_ISOLATE)) {
		struct trace_event ev = {
			.id = TRACE_MM_VMSCAN_LRU_ISOLATE, .zid = sc->reclaim_idx,
			.order = (unsigned int)sc->order, .nr_requested = nr_to_scan,
			.nr_scanned = total_scan, .nr_skipped = skipped, .nr_taken = nr_taken,
			.isolate_mode = mode, .lru = lru,
		};
		trace_emit(m, &ev, true);
	}
	/* update_lru_sizes() */
	for (zid = 0; zid < MAX_NR_ZONES; zid++) {
		struct zone *zone = &m->node_data[nid]->node_zones[zid];

		if (!nr_zone_taken[zid])
			continue;
		m->node_data[nid]->vm_stat[NR_INACTIVE_ANON + lru] -= (long)nr_zone_taken[zid];
		mod_zone_page_state(zone, (enum zone_stat_item)(NR_ZONE_INACTIVE_ANON + lru),
				    -(long)nr_zone_taken[zid]);
	}
	KSTEP(m, "isolate_lru_pages", "%s tail: nr_to_scan=%lu: scanned %lu, took %lu, %lu busy "
	      "(%s), %lu skipped (zones above %s, back to the head)", lru_names[lru], nr_to_scan,
	      total_scan, nr_taken, scan - nr_taken,
	      (mode & ISOLATE_UNMAPPED) ? "mapped, may_unmap=0, or being freed" : "being freed",
	      skipped, zone_names[sc->reclaim_idx]);
	return nr_taken;
}

/*
 * move_pages_to_lru(): isolated pages go back to the head of the list
 * their flags now name, dropping the isolation reference. A page whose
 * last reference that was (its owner let go meanwhile) is left in `list`
 * for the caller to free. Returns the pages put back.
 */
static unsigned long move_pages_to_lru(struct machine *m, int nid, uint32_t list)
{
	uint32_t to_free = llist(m, LL_FREE);
	unsigned long moved = 0, nr_active = 0;

	(void)nid;
	while (!list_empty(m->mem_map, list)) {
		struct page *page = lru_to_page(m, list);
		uint32_t pfn = pfn_of(m, page);
		enum lru_list lru;

		list_del(m->mem_map, pfn);
		if (!page_evictable(page)) {
			KSTEP(m, "move_pages_to_lru", "pfn=0x%x is unevictable (mlocked): "
			      "putback_lru_page() culls it", pfn);
			putback_lru_page(m, page);
			continue;
		}
		set_flag(m, page, PG_lru);
		lru = page_lru(page);
		add_page_to_lru_list(m, page, lru);
		if (--page->_refcount == 0) {   /* put_page_testzero() */
			clear_flag(m, page, PG_lru);
			clear_flag(m, page, PG_active);
			del_page_from_lru_list(m, page, lru);
			list_add(m->mem_map, pfn, to_free);
			KSTEP(m, "move_pages_to_lru", "pfn=0x%x: the isolation held the last reference "
			      "(its owner let go meanwhile): off the LRU again, to be freed", pfn);
		} else {
			moved++;
			if (PageActive(page)) {
				workingset_age_nonresident(m, page_lruvec(m, page), 1);
				nr_active++;
			}
		}
	}
	KSTEP(m, "move_pages_to_lru", "%lu pages back at the heads of their lists: %lu active "
	      "(each ages nonresident_age), %lu inactive", moved, nr_active, moved - nr_active);
	/* the caller's list now holds the pages to free */
	while (!list_empty(m->mem_map, to_free)) {
		uint32_t pfn = list_first(m->mem_map, to_free);

		list_del(m->mem_map, pfn);
		list_add_tail(m->mem_map, pfn, list);
	}
	return moved;
}

/* ---- shrink_page_list() and its helpers ---------------------------------------------- */

/*
 * page_check_references(): what the accessed bits say. A page mapped
 * young by two mappings, or by one after an earlier reference, is
 * activated; young in one mapping only, it gets one more round on the
 * inactive list (KEEP); an unmapped file page that was read once more is
 * freed if clean (RECLAIM_CLEAN).
 */
enum page_references page_check_references(struct machine *m, struct page *page,
					   struct scan_control *sc)
{
	unsigned long vm_flags;
	int referenced_ptes = page_referenced(m, page, &vm_flags);
	bool referenced_page = PageReferenced(page);

	(void)sc;
	clear_flag(m, page, PG_referenced);   /* TestClearPageReferenced() */
	if (vm_flags & VM_LOCKED) {
		KSTEP(m, "page_check_references", "pfn=0x%lx: a VM_LOCKED vma maps it: "
		      "PAGEREF_RECLAIM, so that try_to_unmap() mlocks it", page_to_pfn(m, page));
		return PAGEREF_RECLAIM;   /* try_to_unmap() will mlock it */
	}
	if (referenced_ptes) {
		set_flag(m, page, PG_referenced);
		if (referenced_page || referenced_ptes > 1) {
			KSTEP(m, "page_check_references", "pfn=0x%lx: referenced_ptes=%d, PG_referenced "
			      "was %s: %s, PAGEREF_ACTIVATE", page_to_pfn(m, page), referenced_ptes,
			      referenced_page ? "set" : "clear", referenced_page
			      ? "used again since its last scan" : "young in more than one mapping");
			return PAGEREF_ACTIVATE;
		}
		if ((vm_flags & VM_EXEC) && !PageSwapBacked(page)) {
			KSTEP(m, "page_check_references", "pfn=0x%lx: referenced_ptes=1 in a VM_EXEC "
			      "vma, file-backed: executable text is activated at first use, "
			      "PAGEREF_ACTIVATE", page_to_pfn(m, page));
			return PAGEREF_ACTIVATE;   /* executable text stays */
		}
		KSTEP(m, "page_check_references", "pfn=0x%lx: referenced_ptes=1, PG_referenced was "
		      "clear: PG_referenced set, one more trip round the inactive list, PAGEREF_KEEP",
		      page_to_pfn(m, page));
		return PAGEREF_KEEP;
	}
	if (referenced_page && !PageSwapBacked(page)) {
		KSTEP(m, "page_check_references", "pfn=0x%lx: no young pte, PG_referenced was set, "
		      "a file page: PAGEREF_RECLAIM_CLEAN, freed only if clean", page_to_pfn(m, page));
		return PAGEREF_RECLAIM_CLEAN;
	}
	KSTEP(m, "page_check_references", "pfn=0x%lx: no young pte, PG_referenced was %s: "
	      "PAGEREF_RECLAIM", page_to_pfn(m, page),
	      referenced_page ? "set (ignored for swap-backed pages)" : "clear");
	return PAGEREF_RECLAIM;
}

/* is_page_cache_freeable(): only the cache and the isolation hold it. */
static bool is_page_cache_freeable(const struct page *page)
{
	return page->_refcount == 2;
}

/*
 * pageout(): start writeback of a dirty page. The disk completes it
 * later; the page keeps PG_reclaim so it is rotated to the inactive tail
 * when it does.
 */
enum pageout_result pageout(struct machine *m, struct page *page)
{
	bool anon = PageSwapCache(page);

	if (!is_page_cache_freeable(page)) {
		KSTEP(m, "pageout", "pfn=0x%lx: refcount %d, not 2 (cache + isolation): someone else "
		      "holds it, PAGE_KEEP", page_to_pfn(m, page), page->_refcount);
		return PAGE_KEEP;
	}
	if (!page_has_mapping(page)) {
		KSTEP(m, "pageout", "pfn=0x%lx has no mapping to write to: PAGE_KEEP",
		      page_to_pfn(m, page));
		return PAGE_KEEP;
	}
	if (!PageDirty(page)) {
		KSTEP(m, "pageout", "pfn=0x%lx is clean already: PAGE_CLEAN", page_to_pfn(m, page));
		return PAGE_CLEAN;
	}
	/* clear_page_dirty_for_io(), then ->writepage() */
	clear_page_dirty(m, page);
	set_flag(m, page, PG_reclaim);
	set_page_writeback(m, page);
	disk_submit(m, page, anon ? IO_WRITE_SWAP : IO_WRITE_FILE);
	if (trace_point(m, TRACE_MM_VMSCAN_WRITEPAGE)) {
		struct trace_event ev = {
			.id = TRACE_MM_VMSCAN_WRITEPAGE, .has_page = true,
			.pfn = page_to_pfn(m, page), .reclaim_flags = reclaim_flags(!anon),
		};
		trace_emit(m, &ev, false);
	}
	page_zone(m, page)->zone_pgdat->vm_stat[NR_VMSCAN_WRITE]++;
	KSTEP(m, "pageout", "pfn=0x%lx: dirty bit cleared, PG_reclaim and PG_writeback set, write to "
	      "%s submitted (nr_vmscan_write): PAGE_SUCCESS", page_to_pfn(m, page),
	      anon ? "its swap slot" : "the file");
	return PAGE_SUCCESS;
}

/*
 * __remove_mapping(): free the page from its cache if nobody else holds
 * it and it is clean. The cache slot keeps a shadow of the eviction for
 * refault detection. The page's refcount is 0 afterwards.
 */
bool remove_mapping(struct machine *m, struct page *page)
{
	uint64_t shadow;

	if (page->_refcount != 2) {   /* page_ref_freeze(page, 2) */
		KSTEP(m, "__remove_mapping", "pfn=0x%lx: refcount %d, not 2 (cache + isolation): "
		      "page_ref_freeze() fails, someone else holds it", page_to_pfn(m, page),
		      page->_refcount);
		return false;
	}
	if (PageDirty(page)) {
		KSTEP(m, "__remove_mapping", "pfn=0x%lx was dirtied again: it stays",
		      page_to_pfn(m, page));
		return false;
	}
	if (PageSwapCache(page)) {
		shadow = workingset_eviction(m, page);
		delete_from_swap_cache(m, page, shadow);
	} else {
		shadow = workingset_eviction(m, page);
		delete_from_page_cache(m, page, shadow);
	}
	page->_refcount = 0;
	page_changed(m, page_to_pfn(m, page));
	KSTEP(m, "__remove_mapping", "pfn=0x%lx leaves the %s; a shadow entry takes its slot; "
	      "refcount frozen at 0", page_to_pfn(m, page),
	      PageSwapBacked(page) ? "swap cache (its data is on swap)" : "page cache");
	return true;
}

/* page_check_dirty_writeback(): only file pages report dirty or writeback. */
static void page_check_dirty_writeback(const struct page *page, bool *dirty, bool *writeback)
{
	if (!page_is_file_lru(page)) {
		*dirty = false;
		*writeback = false;
		return;
	}
	*dirty = PageDirty(page);
	*writeback = PageWriteback(page);
}

/*
 * shrink_page_list(): the decisions of 5.10, page by page from the tail.
 * Pages that are freed go to the pcp lists at the end (free_unref_page_list);
 * the others stay in page_list, some now marked active.
 */
unsigned long shrink_page_list(struct machine *m, uint32_t page_list, pg_data_t *pgdat,
			       struct scan_control *sc, struct reclaim_stat *stat,
			       bool ignore_references)
{
	uint32_t free_pages = llist(m, LL_FREE), ret_pages = llist(m, LL_RET);
	unsigned long nr_reclaimed = 0;
	unsigned int pgactivate;

	*stat = (struct reclaim_stat){ 0 };
	while (!list_empty(m->mem_map, page_list)) {
		struct page *page = lru_to_page(m, page_list);
		uint32_t pfn = pfn_of(m, page);
		enum page_references references = PAGEREF_RECLAIM;
		bool may_enter_fs, dirty, writeback;
		const char *why = "";   /* the decision, for the kernel step */

		list_del(m->mem_map, pfn);
		if (!trylock_page(m, page)) {
			why = "is locked by someone else: kept, not counted as scanned";
			goto keep;
		}
		sc->nr_scanned++;
		if (!page_evictable(page)) {
			why = "is mlocked (unevictable): back to the LRU, where putback culls it";
			goto activate_locked;
		}
		if (!sc->may_unmap && page_mapped(page)) {
			why = "is mapped and may_unmap=0: kept";
			goto keep_locked;
		}
		may_enter_fs = (sc->gfp_mask & GFP__FS) ||
			       (PageSwapCache(page) && (sc->gfp_mask & GFP__IO));

		/* dirty and writeback pages are counted for the throttling decisions */
		page_check_dirty_writeback(page, &dirty, &writeback);
		if (dirty || writeback)
			stat->nr_dirty++;
		if (dirty && !writeback)
			stat->nr_unqueued_dirty++;
		if (writeback && PageReclaim(page))
			stat->nr_congested++;   /* mmsh's disk is never write-congested */

		if (PageWriteback(page)) {
			/* case 1: kswapd meets a page it already waited for: too much I/O */
			if (current_is_kswapd(m) && PageReclaim(page) &&
			    (pgdat->flags & (1UL << PGDAT_WRITEBACK))) {
				stat->nr_immediate++;
				why = "is under writeback with PG_reclaim on a PGDAT_WRITEBACK node (kswapd, "
				      "case 1): nr_immediate, activated";
				goto activate_locked;
			}
			/* case 2: global reclaim never waits; mark it for rotation */
			set_flag(m, page, PG_reclaim);
			stat->nr_writeback++;
			why = "is under writeback (case 2: global reclaim never waits): PG_reclaim set "
			      "so the end of the I/O rotates it, activated meanwhile";
			goto activate_locked;
			/* case 3 (waiting on the writeback) is for legacy memcg only */
		}

		if (!ignore_references)
			references = page_check_references(m, page, sc);
		switch (references) {
		case PAGEREF_ACTIVATE:
			why = "was referenced (PAGEREF_ACTIVATE): activated";
			goto activate_locked;
		case PAGEREF_KEEP:
			stat->nr_ref_keep++;
			why = "has one young pte (PAGEREF_KEEP): kept on the inactive list (nr_ref_keep)";
			goto keep_locked;
		case PAGEREF_RECLAIM:
		case PAGEREF_RECLAIM_CLEAN:
			break;
		}

		/* anonymous memory needs a swap slot before it can go */
		if (PageAnon(page) && PageSwapBacked(page) && !PageSwapCache(page)) {
			if (!(sc->gfp_mask & GFP__IO)) {
				why = "is anonymous and the request has no __GFP_IO (cannot swap): kept";
				goto keep_locked;
			}
			if (!add_to_swap(m, page)) {
				why = "is anonymous and swap is full (add_to_swap failed): activated";
				goto activate_locked;   /* swap is full */
			}
			may_enter_fs = true;
		}

		if (page_mapped(page) && !try_to_unmap(m, page)) {
			stat->nr_unmap_fail++;
			why = PageMlocked(page) ? "could not be unmapped: a VM_LOCKED mapping mlocked it, "
						  "putback culls it (nr_unmap_fail)"
			      : "could not be unmapped (nr_unmap_fail): activated";
			goto activate_locked;
		}

		if (PageDirty(page)) {
			/*
			 * Only kswapd writes file pages, and only ones it met
			 * before (PG_reclaim) on a node full of dirty pages;
			 * otherwise the flushers are left to do it.
			 */
			if (page_is_file_lru(page) &&
			    (!current_is_kswapd(m) || !PageReclaim(page) ||
			     !(pgdat->flags & (1UL << PGDAT_DIRTY)))) {
				why = !current_is_kswapd(m)
				      ? "is a dirty file page and only kswapd writes those: PG_reclaim set, "
					"activated, left to the flusher (nr_vmscan_immediate_reclaim)"
				      : !PageReclaim(page)
				      ? "is a dirty file page kswapd meets for the first time: PG_reclaim "
					"set, activated, left to the flusher (nr_vmscan_immediate_reclaim)"
				      : "is a dirty file page but the node is not PGDAT_DIRTY: PG_reclaim "
					"set, activated, left to the flusher (nr_vmscan_immediate_reclaim)";
				pgdat->vm_stat[NR_VMSCAN_IMMEDIATE]++;
				set_flag(m, page, PG_reclaim);
				goto activate_locked;
			}
			if (references == PAGEREF_RECLAIM_CLEAN) {
				why = "is dirty but was only good to reclaim if clean (PAGEREF_RECLAIM_CLEAN): "
				      "kept";
				goto keep_locked;
			}
			if (!may_enter_fs) {
				why = "is dirty and the request may not enter the filesystem (no __GFP_FS): "
				      "kept";
				goto keep_locked;
			}
			if (!sc->may_writepage) {
				why = "is dirty and may_writepage=0: kept";
				goto keep_locked;
			}
			switch (pageout(m, page)) {
			case PAGE_KEEP:
				why = "is dirty and pageout() could not write it (PAGE_KEEP): kept";
				goto keep_locked;
			case PAGE_ACTIVATE:
				why = "is dirty and pageout() said PAGE_ACTIVATE: activated";
				goto activate_locked;
			case PAGE_SUCCESS:
				stat->nr_pageout++;
				/* the write is asynchronous: ->writepage unlocked the page */
				unlock_page(m, page);
				why = "is being written out (PAGE_SUCCESS, nr_pageout): kept until the I/O ends, "
				      "then rotated to the tail and freed by a later scan";
				goto keep;
			case PAGE_CLEAN:
				break;
			}
		}

		if (!page_has_mapping(page) || !remove_mapping(m, page)) {
			why = !page_has_mapping(page) ? "has no mapping to remove it from: kept"
			      : "could not be removed from its mapping (__remove_mapping failed): kept";
			goto keep_locked;
		}
		unlock_page(m, page);
		/* free_it: */
		nr_reclaimed++;
		list_add(m->mem_map, pfn, free_pages);
		KSTEP(m, "shrink_page_list", "pfn=0x%x is reclaimed (%lu so far): unlocked, it waits in "
		      "the free batch for free_unref_page_list()", pfn, nr_reclaimed);
		continue;

activate_locked:
		/* not a candidate for swapping: give the slot back if swap is tight */
		if (PageSwapCache(page) && (vm_swap_full(m) || PageMlocked(page)))
			try_to_free_swap(m, page);
		if (!PageMlocked(page)) {
			set_flag(m, page, PG_active);
			stat->nr_activate[page_is_file_lru(page)]++;
		}
keep_locked:
		unlock_page(m, page);
keep:
		list_add(m->mem_map, pfn, ret_pages);
		KSTEP(m, "shrink_page_list", "pfn=0x%x %s", pfn, why);
	}
	pgactivate = stat->nr_activate[0] + stat->nr_activate[1];
	free_unref_page_list(m, free_pages);
	while (!list_empty(m->mem_map, ret_pages)) {   /* list_splice(&ret_pages, page_list) */
		uint32_t pfn = list_last(m->mem_map, ret_pages);

		list_del(m->mem_map, pfn);
		list_add(m->mem_map, pfn, page_list);
	}
	count_vm_events(m, PGACTIVATE, pgactivate);
	KSTEP(m, "shrink_page_list", "done: %lu reclaimed and freed; of the rest %u activated (anon "
	      "%u, file %u), %u kept for a young pte, %u written out; dirty %u (unqueued %u), "
	      "writeback %u, immediate %u", nr_reclaimed, pgactivate, stat->nr_activate[0],
	      stat->nr_activate[1], stat->nr_ref_keep, stat->nr_pageout, stat->nr_dirty,
	      stat->nr_unqueued_dirty, stat->nr_writeback, stat->nr_immediate);
	return nr_reclaimed;
}

/* mmsh: sum what shrink_page_list() saw, for `shrink` and `reclaim` to show. */
static void reclaim_stat_add(struct reclaim_stat *sum, const struct reclaim_stat *s)
{
	sum->nr_dirty += s->nr_dirty;
	sum->nr_unqueued_dirty += s->nr_unqueued_dirty;
	sum->nr_congested += s->nr_congested;
	sum->nr_writeback += s->nr_writeback;
	sum->nr_immediate += s->nr_immediate;
	sum->nr_pageout += s->nr_pageout;
	sum->nr_activate[0] += s->nr_activate[0];
	sum->nr_activate[1] += s->nr_activate[1];
	sum->nr_ref_keep += s->nr_ref_keep;
	sum->nr_unmap_fail += s->nr_unmap_fail;
}

/* ---- the two list shrinkers ----------------------------------------------------------- */

/*
 * wakeup_flusher_threads(WB_REASON_VMSCAN): queue work for the flusher,
 * which writes back every dirty page when it runs (at the next jiffy).
 */
static void wakeup_flusher_threads(struct machine *m)
{
	m->flusher_work = true;
}

/*
 * shrink_inactive_list(): isolate a batch, run shrink_page_list() on it,
 * put the survivors back; count pgscan and pgsteal.
 */
unsigned long shrink_inactive_list(struct machine *m, unsigned long nr_to_scan, int nid,
				   struct scan_control *sc, enum lru_list lru)
{
	pg_data_t *pgdat = m->node_data[nid];
	struct lruvec *lruvec = &pgdat->lruvec;
	uint32_t page_list = llist(m, LL_PAGE_LIST);
	unsigned long nr_scanned, nr_reclaimed, nr_taken;
	struct reclaim_stat stat;
	bool file = is_file_lru(lru);
	bool stalled = false;
	bool kswapd = current_is_kswapd(m);

	KSTEP(m, "shrink_inactive_list", "%s: nr_to_scan=%lu at priority %d (%s)", lru_names[lru],
	      nr_to_scan, sc->priority, reclaimer_name(m));
	while (too_many_isolated(m, pgdat, file, sc)) {
		KSTEP(m, "too_many_isolated", "%s isolated %ld > %s %lu: %s", file ? "file" : "anon",
		      pgdat->vm_stat[NR_ISOLATED_ANON + file],
		      (sc->gfp_mask & (GFP__IO | GFP__FS)) == (GFP__IO | GFP__FS)
		      ? "inactive / 8" : "inactive", isolated_limit(pgdat, file, sc),
		      stalled ? "still too many after the wait: give up, nothing reclaimed"
		      : "wait 100 ms for the other reclaimers");
		if (stalled)
			return 0;
		/* msleep(100): msecs_to_jiffies(100) + 1 jiffies, waiting for other reclaimers */
		schedule_timeout(m, HZ / 10 + 1);
		stalled = true;
	}
	lru_add_drain(m);
	nr_taken = isolate_lru_pages(m, nr_to_scan, nid, page_list, &nr_scanned, sc, lru);
	pgdat->vm_stat[NR_ISOLATED_ANON + file] += (long)nr_taken;
	count_vm_events(m, kswapd ? PGSCAN_KSWAPD : PGSCAN_DIRECT, nr_scanned);
	count_vm_events(m, file ? PGSCAN_FILE : PGSCAN_ANON, nr_scanned);
	if (nr_taken == 0) {
		KSTEP(m, "shrink_inactive_list", "%s: nothing isolated (%lu scanned): nothing to "
		      "reclaim", lru_names[lru], nr_scanned);
		return 0;
	}

	nr_reclaimed = shrink_page_list(m, page_list, pgdat, sc, &stat, false);
	if (sc->stat)
		reclaim_stat_add(sc->stat, &stat);
	move_pages_to_lru(m, nid, page_list);
	pgdat->vm_stat[NR_ISOLATED_ANON + file] -= (long)nr_taken;
	lru_note_cost(m, lruvec, file, stat.nr_pageout);
	count_vm_events(m, kswapd ? PGSTEAL_KSWAPD : PGSTEAL_DIRECT, nr_reclaimed);
	count_vm_events(m, file ? PGSTEAL_FILE : PGSTEAL_ANON, nr_reclaimed);
	free_unref_page_list(m, page_list);

	/* dirty pages nobody queued for I/O: the flushers are behind */
	if (stat.nr_unqueued_dirty == nr_taken)
		wakeup_flusher_threads(m);
	sc->nr.dirty += stat.nr_dirty;
	sc->nr.congested += stat.nr_congested;
	sc->nr.unqueued_dirty += stat.nr_unqueued_dirty;
	sc->nr.writeback += stat.nr_writeback;
	sc->nr.immediate += stat.nr_immediate;
	sc->nr.taken += (unsigned int)nr_taken;
	if (file)
		sc->nr.file_taken += (unsigned int)nr_taken;
	KSTEP(m, "shrink_inactive_list", "%s: scanned %lu, took %lu, reclaimed %lu (pgsteal); "
	      "unqueued dirty %u of %lu taken%s", lru_names[lru], nr_scanned, nr_taken, nr_reclaimed,
	      stat.nr_unqueued_dirty, nr_taken, stat.nr_unqueued_dirty == nr_taken
	      ? ": all of them, wake the flusher threads" : "");
	if (trace_point(m, TRACE_MM_VMSCAN_LRU_SHRINK_INACTIVE)) {
		struct trace_event ev = {
			.id = TRACE_MM_VMSCAN_LRU_SHRINK_INACTIVE, .nid = nid,
			.nr_scanned = nr_scanned, .nr_reclaimed = nr_reclaimed,
			.nr_dirty = stat.nr_dirty, .nr_writeback = stat.nr_writeback,
			.nr_congested = stat.nr_congested, .nr_immediate = stat.nr_immediate,
			.nr_activate_anon = stat.nr_activate[0],
			.nr_activate_file = stat.nr_activate[1], .nr_ref_keep = stat.nr_ref_keep,
			.nr_unmap_fail = stat.nr_unmap_fail, .priority = sc->priority,
			.reclaim_flags = reclaim_flags(file),
		};
		trace_emit(m, &ev, false);
	}
	return nr_reclaimed;
}

/*
 * shrink_active_list(): move pages from the active list to the inactive
 * one, referenced or not; only referenced executable file pages get
 * another round on the active list.
 */
void shrink_active_list(struct machine *m, unsigned long nr_to_scan, int nid,
			struct scan_control *sc, enum lru_list lru)
{
	pg_data_t *pgdat = m->node_data[nid];
	uint32_t l_hold = llist(m, LL_PAGE_LIST), l_active = llist(m, LL_ACTIVE);
	uint32_t l_inactive = llist(m, LL_INACTIVE);
	unsigned long nr_taken, nr_scanned, nr_rotated = 0, nr_activate, nr_deactivate;
	bool file = is_file_lru(lru);

	KSTEP(m, "shrink_active_list", "%s: nr_to_scan=%lu at priority %d (%s)", lru_names[lru],
	      nr_to_scan, sc->priority, reclaimer_name(m));
	lru_add_drain(m);
	nr_taken = isolate_lru_pages(m, nr_to_scan, nid, l_hold, &nr_scanned, sc, lru);
	pgdat->vm_stat[NR_ISOLATED_ANON + file] += (long)nr_taken;
	count_vm_events(m, PGREFILL, nr_scanned);

	while (!list_empty(m->mem_map, l_hold)) {
		struct page *page = lru_to_page(m, l_hold);
		uint32_t pfn = pfn_of(m, page);
		unsigned long vm_flags = 0;
		int referenced;

		list_del(m->mem_map, pfn);
		if (!page_evictable(page)) {
			KSTEP(m, "shrink_active_list", "pfn=0x%x is unevictable (mlocked): put back, "
			      "culled", pfn);
			putback_lru_page(m, page);
			continue;
		}
		/* page_referenced(page, is_locked = 0): a mapped, locked file page counts as used */
		if (page_mapped(page) && !PageAnon(page) && PageLocked(page))
			referenced = 1;
		else
			referenced = page_referenced(m, page, &vm_flags);
		if (referenced && (vm_flags & VM_EXEC) && page_is_file_lru(page)) {
			nr_rotated++;
			list_add(m->mem_map, pfn, l_active);
			KSTEP(m, "shrink_active_list", "pfn=0x%x: referenced (%d) executable file page "
			      "(VM_EXEC): stays active (nr_rotated %lu)", pfn, referenced, nr_rotated);
			continue;
		}
		clear_flag(m, page, PG_active);   /* deactivated, referenced or not */
		set_flag(m, page, PG_workingset);
		list_add(m->mem_map, pfn, l_inactive);
		KSTEP(m, "shrink_active_list", "pfn=0x%x: %d young pte%s%s: deactivated (PG_active "
		      "cleared, PG_workingset set)", pfn, referenced, referenced == 1 ? "" : "s",
		      referenced ? ", but only executable file pages stay active" : "");
	}
	nr_activate = move_pages_to_lru(m, nid, l_active);
	nr_deactivate = move_pages_to_lru(m, nid, l_inactive);
	while (!list_empty(m->mem_map, l_inactive)) {   /* list_splice(&l_inactive, &l_active) */
		uint32_t pfn = list_last(m->mem_map, l_inactive);

		list_del(m->mem_map, pfn);
		list_add(m->mem_map, pfn, l_active);
	}
	count_vm_events(m, PGDEACTIVATE, nr_deactivate);
	pgdat->vm_stat[NR_ISOLATED_ANON + file] -= (long)nr_taken;
	free_unref_page_list(m, l_active);
	KSTEP(m, "shrink_active_list", "%s: took %lu of %lu scanned (pgrefill); %lu stay active, "
	      "%lu deactivated (pgdeactivate)", lru_names[lru], nr_taken, nr_scanned, nr_activate,
	      nr_deactivate);
	if (trace_point(m, TRACE_MM_VMSCAN_LRU_SHRINK_ACTIVE)) {
		struct trace_event ev = {
			.id = TRACE_MM_VMSCAN_LRU_SHRINK_ACTIVE, .nid = nid, .nr_taken = nr_taken,
			.nr_active = nr_activate, .nr_deactivated = nr_deactivate,
			.nr_referenced = nr_rotated, .priority = sc->priority,
			.reclaim_flags = reclaim_flags(file),
		};
		trace_emit(m, &ev, false);
	}
}

/*
 * shrink_list(): an active list is only aged (deactivated) when
 * shrink_node() decided the type may be; inactive lists are reclaimed.
 */
unsigned long shrink_list(struct machine *m, enum lru_list lru, unsigned long nr_to_scan,
			  int nid, struct scan_control *sc)
{
	if (is_active_lru(lru)) {
		if (sc->may_deactivate & (1U << is_file_lru(lru))) {
			KSTEP(m, "shrink_list", "%s: may_deactivate has DEACTIVATE_%s (shrink_node found "
			      "the inactive list low or refaults): age %lu pages", lru_names[lru],
			      is_file_lru(lru) ? "FILE" : "ANON", nr_to_scan);
			shrink_active_list(m, nr_to_scan, nid, sc, lru);
		} else {
			sc->skipped_deactivate = true;
			KSTEP(m, "shrink_list", "%s: no DEACTIVATE_%s (inactive list not low, no "
			      "refaults): %lu pages not aged, skipped_deactivate set", lru_names[lru],
			      is_file_lru(lru) ? "FILE" : "ANON", nr_to_scan);
		}
		return 0;
	}
	return shrink_inactive_list(m, nr_to_scan, nid, sc, lru);
}

/* ---- how much to scan ----------------------------------------------------------------- */

/*
 * get_scan_count(): nr[lru] = size >> priority, then split between anon
 * and file: only file (no swap, or plenty of clean cache), only anon (the
 * file cache is tiny), equal (priority 0) or in proportion to swappiness
 * and to what reclaiming each type recently cost.
 */
void get_scan_count(struct machine *m, struct lruvec *lruvec, struct scan_control *sc,
		    unsigned long *nr)
{
	unsigned long swappiness = (unsigned long)m->vm_swappiness;
	unsigned long ap = 0, fp = 0, denominator = 0;
	enum scan_balance scan_balance;
	int lru;

	if (!sc->may_swap || get_nr_swap_pages(m) == 0) {
		scan_balance = SCAN_FILE;
		KSTEP(m, "get_scan_count", "%s: SCAN_FILE, anonymous pages cannot go anywhere",
		      !sc->may_swap ? "may_swap=0" : "no free swap");
	} else if (!sc->priority && swappiness) {
		scan_balance = SCAN_EQUAL;
		KSTEP(m, "get_scan_count", "priority 0 and swappiness=%lu: SCAN_EQUAL, every list "
		      "scanned whole", swappiness);
	} else if (sc->file_is_tiny) {
		scan_balance = SCAN_ANON;
		KSTEP(m, "get_scan_count", "file_is_tiny (the page cache is nearly gone): SCAN_ANON");
	} else if (sc->cache_trim_mode) {
		scan_balance = SCAN_FILE;
		KSTEP(m, "get_scan_count", "cache_trim_mode (plenty of inactive cache, no refaults): "
		      "SCAN_FILE");
	} else {
		unsigned long total = sc->anon_cost + sc->file_cost;
		unsigned long anon_cost = total + sc->anon_cost;
		unsigned long file_cost = total + sc->file_cost;

		total = anon_cost + file_cost;
		ap = swappiness * (total + 1) / (anon_cost + 1);
		fp = (200 - swappiness) * (total + 1) / (file_cost + 1);
		denominator = ap + fp;
		scan_balance = SCAN_FRACT;
		KSTEP(m, "get_scan_count", "SCAN_FRACT: swappiness=%lu, anon_cost=%lu file_cost=%lu "
		      "(weighted %lu and %lu of %lu): ap = %lu*%lu/%lu = %lu, fp = %lu*%lu/%lu = %lu",
		      swappiness, sc->anon_cost, sc->file_cost, anon_cost, file_cost, total,
		      swappiness, total + 1, anon_cost + 1, ap, 200 - swappiness, total + 1,
		      file_cost + 1, fp);
	}
	sc->scan_balance = scan_balance;
	sc->fraction[0] = ap;
	sc->fraction[1] = fp;
	for (lru = 0; lru < NR_EVICTABLE_LRU_LISTS; lru++) {
		bool file = is_file_lru((enum lru_list)lru);
		unsigned long scan = lruvec_lru_size(m, lruvec->node_id, (enum lru_list)lru,
						     sc->reclaim_idx);

		scan >>= sc->priority;
		switch (scan_balance) {
		case SCAN_EQUAL:
			break;
		case SCAN_FRACT:
			scan = (unsigned long)((unsigned long long)scan * (file ? fp : ap) /
					       denominator);
			break;
		case SCAN_FILE:
		case SCAN_ANON:
			if ((scan_balance == SCAN_FILE) != file)
				scan = 0;
			break;
		}
		nr[lru] = scan;
		sc->scan_nr[lru] = scan;
	}
	KSTEP(m, "get_scan_count", "%s, sizes >> priority %d: inactive_anon %lu->%lu, active_anon "
	      "%lu->%lu, inactive_file %lu->%lu, active_file %lu->%lu", scan_balance_names[scan_balance],
	      sc->priority,
	      lruvec_lru_size(m, lruvec->node_id, LRU_INACTIVE_ANON, sc->reclaim_idx), nr[0],
	      lruvec_lru_size(m, lruvec->node_id, LRU_ACTIVE_ANON, sc->reclaim_idx), nr[1],
	      lruvec_lru_size(m, lruvec->node_id, LRU_INACTIVE_FILE, sc->reclaim_idx), nr[2],
	      lruvec_lru_size(m, lruvec->node_id, LRU_ACTIVE_FILE, sc->reclaim_idx), nr[3]);
}

/*
 * shrink_lruvec(): scan the four lists SWAP_CLUSTER_MAX pages at a time
 * in proportion to get_scan_count(). Once enough is reclaimed (never in
 * direct reclaim's first pass), the smaller type stops and the other is
 * cut to the same share of its target.
 */
void shrink_lruvec(struct machine *m, int nid, struct scan_control *sc)
{
	struct lruvec *lruvec = node_lruvec(m, nid);
	unsigned long nr[NR_EVICTABLE_LRU_LISTS], targets[NR_EVICTABLE_LRU_LISTS];
	unsigned long nr_to_reclaim = sc->nr_to_reclaim, nr_reclaimed = 0;
	bool scan_adjusted;
	int lru;

	get_scan_count(m, lruvec, sc, nr);
	for (lru = 0; lru < NR_EVICTABLE_LRU_LISTS; lru++)
		targets[lru] = nr[lru];
	scan_adjusted = !current_is_kswapd(m) && sc->priority == DEF_PRIORITY;
	KSTEP(m, "shrink_lruvec", "node %d: scan the lists %lu pages at a time towards their "
	      "targets; nr_to_reclaim=%lu%s", nid, (unsigned long)SWAP_CLUSTER_MAX, nr_to_reclaim,
	      scan_adjusted ? " (direct reclaim at DEF_PRIORITY: the targets are never cut short)"
	      : "");

	while (nr[LRU_INACTIVE_ANON] || nr[LRU_ACTIVE_FILE] || nr[LRU_INACTIVE_FILE]) {
		unsigned long nr_anon, nr_file, percentage, nr_scanned;
		int small_inactive, other;

		for (lru = 0; lru < NR_EVICTABLE_LRU_LISTS; lru++) {
			if (nr[lru]) {
				unsigned long n = nr[lru] < SWAP_CLUSTER_MAX ? nr[lru] : SWAP_CLUSTER_MAX;

				nr[lru] -= n;
				nr_reclaimed += shrink_list(m, (enum lru_list)lru, n, nid, sc);
			}
		}
		if (nr_reclaimed < nr_to_reclaim || scan_adjusted)
			continue;

		nr_file = nr[LRU_INACTIVE_FILE] + nr[LRU_ACTIVE_FILE];
		nr_anon = nr[LRU_INACTIVE_ANON] + nr[LRU_ACTIVE_ANON];
		if (!nr_file || !nr_anon) {
			KSTEP(m, "shrink_lruvec", "reclaimed %lu >= nr_to_reclaim %lu and only %s left "
			      "to scan: stop", nr_reclaimed, nr_to_reclaim, nr_file ? "file"
			      : nr_anon ? "anon" : "nothing");
			break;
		}
		if (nr_file > nr_anon) {
			unsigned long scan_target = targets[LRU_INACTIVE_ANON] +
						    targets[LRU_ACTIVE_ANON] + 1;

			small_inactive = LRU_INACTIVE_ANON;
			other = LRU_INACTIVE_FILE;
			percentage = nr_anon * 100 / scan_target;
		} else {
			unsigned long scan_target = targets[LRU_INACTIVE_FILE] +
						    targets[LRU_ACTIVE_FILE] + 1;

			small_inactive = LRU_INACTIVE_FILE;
			other = LRU_INACTIVE_ANON;
			percentage = nr_file * 100 / scan_target;
		}
		/* stop the smaller type */
		nr[small_inactive] = 0;
		nr[small_inactive + LRU_ACTIVE] = 0;
		/* scale the other down to the share the smaller one reached */
		for (lru = other; lru <= other + LRU_ACTIVE; lru++) {
			nr_scanned = targets[lru] - nr[lru];
			nr[lru] = targets[lru] * (100 - percentage) / 100;
			nr[lru] -= nr[lru] < nr_scanned ? nr[lru] : nr_scanned;
		}
		scan_adjusted = true;
		KSTEP(m, "shrink_lruvec", "reclaimed %lu >= nr_to_reclaim %lu: %s stops (%lu%% of "
		      "its target was left), %s is cut to the same share: %lu and %lu left",
		      nr_reclaimed, nr_to_reclaim, small_inactive == LRU_INACTIVE_ANON ? "anon" : "file",
		      percentage, other == LRU_INACTIVE_ANON ? "anon" : "file", nr[other],
		      nr[other + LRU_ACTIVE]);
	}
	sc->nr_reclaimed += nr_reclaimed;
	KSTEP(m, "shrink_lruvec", "node %d: reclaimed %lu (sc->nr_reclaimed %lu)", nid, nr_reclaimed,
	      sc->nr_reclaimed);

	/* keep the anon lists balanced even when only file pages were reclaimed */
	if (m->swap.pages && inactive_is_low(m, lruvec, LRU_INACTIVE_ANON)) {
		KSTEP(m, "shrink_lruvec", "swap exists and inactive anon is low (inactive %lu * ratio "
		      "%lu < active %lu): age the active anon list", node_lru(m, nid, LRU_INACTIVE_ANON),
		      inactive_ratio_of(m, nid, LRU_INACTIVE_ANON), node_lru(m, nid, LRU_ACTIVE_ANON));
		shrink_active_list(m, SWAP_CLUSTER_MAX, nid, sc, LRU_ACTIVE_ANON);
	}
}

/*
 * should_continue_reclaim(): reclaim for a high-order request goes on
 * until compaction could succeed in some zone, or little is left.
 */
static bool should_continue_reclaim(struct machine *m, pg_data_t *pgdat,
				    unsigned long nr_reclaimed, struct scan_control *sc)
{
	unsigned long pages_for_compaction, inactive_lru_pages;
	int z;

	if (!(sc->order && (sc->order > PAGE_ALLOC_COSTLY_ORDER ||
			    sc->priority < DEF_PRIORITY - 2)))
		return false;
	if (!nr_reclaimed) {
		KSTEP(m, "should_continue_reclaim", "order %d: this pass reclaimed nothing: stop",
		      sc->order);
		return false;
	}
	for (z = 0; z <= sc->reclaim_idx; z++) {
		struct zone *zone = &pgdat->node_zones[z];

		if (!managed_zone(zone))
			continue;
		switch (compaction_suitable(zone, sc->order, 0, sc->reclaim_idx)) {
		case COMPACT_SUCCESS:
		case COMPACT_CONTINUE:
			KSTEP(m, "should_continue_reclaim", "order %d: compaction can work in %s now: "
			      "stop reclaiming", sc->order, zone->name);
			return false;
		default:
			break;
		}
	}
	pages_for_compaction = COMPACT_GAP(sc->order);
	inactive_lru_pages = (unsigned long)pgdat->vm_stat[NR_INACTIVE_FILE];
	if (get_nr_swap_pages(m) > 0)
		inactive_lru_pages += (unsigned long)pgdat->vm_stat[NR_INACTIVE_ANON];
	KSTEP(m, "should_continue_reclaim", "order %d: no zone ready for compaction; inactive %lu %s "
	      "compact_gap %lu: %s", sc->order, inactive_lru_pages,
	      inactive_lru_pages > pages_for_compaction ? ">" : "<=", pages_for_compaction,
	      inactive_lru_pages > pages_for_compaction ? "reclaim again" : "stop");
	return inactive_lru_pages > pages_for_compaction;
}

/* congestion_wait(BLK_RW_ASYNC, HZ/10): nothing ends congestion, so the full sleep. */
static void congestion_wait(struct machine *m)
{
	schedule_timeout(m, HZ / 10);
}

/*
 * shrink_node(): decide which active lists may be aged and whether to
 * trim only the page cache, reclaim the node's lruvec, then record for
 * kswapd what it saw (dirty pages, writeback, pages it must wait for).
 */
void shrink_node(struct machine *m, pg_data_t *pgdat, struct scan_control *sc)
{
	struct lruvec *lruvec = &pgdat->lruvec;
	unsigned long nr_reclaimed, nr_scanned, file;
	bool reclaimable = false;   /* over every pass: any progress clears kswapd_failures */

again:
	sc->nr.dirty = sc->nr.unqueued_dirty = sc->nr.congested = 0;
	sc->nr.writeback = sc->nr.immediate = sc->nr.file_taken = sc->nr.taken = 0;
	nr_reclaimed = sc->nr_reclaimed;
	nr_scanned = sc->nr_scanned;
	(void)nr_scanned;
	sc->anon_cost = lruvec->anon_cost;
	sc->file_cost = lruvec->file_cost;
	KSTEP(m, "shrink_node", "node %d (%s): priority %d, order %d, reclaim_idx %s, nr_to_reclaim "
	      "%lu, reclaimed so far %lu", pgdat->node_id, reclaimer_name(m), sc->priority,
	      sc->order, zone_names[sc->reclaim_idx], sc->nr_to_reclaim, sc->nr_reclaimed);

	/* deactivate when the inactive list is short or the workingset is refaulting */
	if (!sc->force_deactivate) {
		if ((unsigned long)pgdat->vm_stat[WORKINGSET_ACTIVATE_ANON] != lruvec->refaults[0] ||
		    inactive_is_low(m, lruvec, LRU_INACTIVE_ANON))
			sc->may_deactivate |= DEACTIVATE_ANON;
		else
			sc->may_deactivate &= ~DEACTIVATE_ANON;
		if ((unsigned long)pgdat->vm_stat[WORKINGSET_ACTIVATE_FILE] != lruvec->refaults[1] ||
		    inactive_is_low(m, lruvec, LRU_INACTIVE_FILE))
			sc->may_deactivate |= DEACTIVATE_FILE;
		else
			sc->may_deactivate &= ~DEACTIVATE_FILE;
	} else {
		sc->may_deactivate = DEACTIVATE_ANON | DEACTIVATE_FILE;
	}
	KSTEP(m, "shrink_node", "may_deactivate: anon %s (refault activations %lu, snapshot %lu; "
	      "inactive %lu * %lu vs active %lu), file %s (%lu, %lu; %lu * %lu vs %lu)%s",
	      (sc->may_deactivate & DEACTIVATE_ANON) ? "yes" : "no",
	      (unsigned long)pgdat->vm_stat[WORKINGSET_ACTIVATE_ANON], lruvec->refaults[0],
	      node_lru(m, pgdat->node_id, LRU_INACTIVE_ANON),
	      inactive_ratio_of(m, pgdat->node_id, LRU_INACTIVE_ANON),
	      node_lru(m, pgdat->node_id, LRU_ACTIVE_ANON),
	      (sc->may_deactivate & DEACTIVATE_FILE) ? "yes" : "no",
	      (unsigned long)pgdat->vm_stat[WORKINGSET_ACTIVATE_FILE], lruvec->refaults[1],
	      node_lru(m, pgdat->node_id, LRU_INACTIVE_FILE),
	      inactive_ratio_of(m, pgdat->node_id, LRU_INACTIVE_FILE),
	      node_lru(m, pgdat->node_id, LRU_ACTIVE_FILE),
	      sc->force_deactivate ? " (force_deactivate: both)" : "");

	/* plenty of inactive cache that is not thrashing: reclaim it first */
	file = (unsigned long)pgdat->vm_stat[NR_INACTIVE_FILE];
	sc->cache_trim_mode = (file >> sc->priority) && !(sc->may_deactivate & DEACTIVATE_FILE);

	/* the page cache is nearly gone: reclaim anon even if swappiness says otherwise */
	{
		unsigned long total_high_wmark = 0, free = 0, anon;
		int z;

		for (z = 0; z < MAX_NR_ZONES; z++) {
			struct zone *zone = &pgdat->node_zones[z];

			free += (unsigned long)zone_page_state(zone, NR_FREE_PAGES);
			if (managed_zone(zone))
				total_high_wmark += high_wmark_pages(zone);
		}
		file = (unsigned long)(pgdat->vm_stat[NR_ACTIVE_FILE] + pgdat->vm_stat[NR_INACTIVE_FILE]);
		anon = (unsigned long)pgdat->vm_stat[NR_INACTIVE_ANON];
		sc->file_is_tiny = file + free <= total_high_wmark &&
				   !(sc->may_deactivate & DEACTIVATE_ANON) &&
				   (anon >> sc->priority);
		KSTEP(m, "shrink_node", "cache_trim_mode=%d (inactive file %lu >> %d = %lu, "
		      "DEACTIVATE_FILE %s); file_is_tiny=%d (file %lu + free %lu %s high %lu, "
		      "inactive anon %lu >> %d = %lu)", sc->cache_trim_mode,
		      (unsigned long)pgdat->vm_stat[NR_INACTIVE_FILE], sc->priority,
		      (unsigned long)pgdat->vm_stat[NR_INACTIVE_FILE] >> sc->priority,
		      (sc->may_deactivate & DEACTIVATE_FILE) ? "set" : "clear", sc->file_is_tiny,
		      file, free, file + free <= total_high_wmark ? "<=" : ">", total_high_wmark,
		      anon, sc->priority, anon >> sc->priority);
	}

	shrink_lruvec(m, pgdat->node_id, sc);   /* shrink_node_memcgs(); no slab */

	if (sc->nr_reclaimed - nr_reclaimed)
		reclaimable = true;
	KSTEP(m, "shrink_node", "node %d: this pass reclaimed %lu (taken %u, file %u; dirty %u, "
	      "unqueued %u, writeback %u, immediate %u)", pgdat->node_id, sc->nr_reclaimed - nr_reclaimed,
	      sc->nr.taken, sc->nr.file_taken, sc->nr.dirty, sc->nr.unqueued_dirty, sc->nr.writeback,
	      sc->nr.immediate);
	if (current_is_kswapd(m)) {
		/* every page taken was under writeback: kswapd will wait for them */
		if (sc->nr.writeback && sc->nr.writeback == sc->nr.taken) {
			pgdat->flags |= 1UL << PGDAT_WRITEBACK;
			KSTEP(m, "shrink_node", "kswapd: all %u pages taken were under writeback: "
			      "PGDAT_WRITEBACK set", sc->nr.taken);
		}
		/* all dirty file pages were unqueued: kswapd may write them itself */
		if (sc->nr.unqueued_dirty == sc->nr.file_taken) {
			pgdat->flags |= 1UL << PGDAT_DIRTY;
			KSTEP(m, "shrink_node", "kswapd: unqueued dirty %u == file pages taken %u: "
			      "PGDAT_DIRTY set (kswapd may write dirty file pages it meets again)",
			      sc->nr.unqueued_dirty, sc->nr.file_taken);
		}
		if (sc->nr.immediate) {
			KSTEP(m, "shrink_node", "kswapd: %u pages it already waited for are still under "
			      "writeback: congestion_wait(HZ/10)", sc->nr.immediate);
			congestion_wait(m);
		}
	}
	if (current_is_kswapd(m) && sc->nr.dirty && sc->nr.dirty == sc->nr.congested) {
		lruvec->flags |= 1UL << LRUVEC_CONGESTED;
		KSTEP(m, "shrink_node", "kswapd: every dirty page (%u) is congested: LRUVEC_CONGESTED "
		      "set", sc->nr.dirty);
	}
	/*
	 * A direct reclaimer on a congested lruvec calls wait_iff_congested(),
	 * which sleeps only while a device reports congestion; mmsh's disk
	 * never does (as blk-mq devices never do), so it does not sleep.
	 */
	if (should_continue_reclaim(m, pgdat, sc->nr_reclaimed - nr_reclaimed, sc))
		goto again;
	if (reclaimable) {
		pgdat->kswapd_failures = 0;
		KSTEP(m, "shrink_node", "node %d made progress: kswapd_failures = 0", pgdat->node_id);
	}
}

/* ---- direct reclaim --------------------------------------------------------------------- */

/* snapshot_refaults(): remember the activations seen, for shrink_node()'s next decision. */
void snapshot_refaults(struct machine *m, pg_data_t *pgdat)
{
	(void)m;
	pgdat->lruvec.refaults[0] = (unsigned long)pgdat->vm_stat[WORKINGSET_ACTIVATE_ANON];
	pgdat->lruvec.refaults[1] = (unsigned long)pgdat->vm_stat[WORKINGSET_ACTIVATE_FILE];
}

/*
 * compaction_ready(): for a costly order, stop reclaiming a zone once
 * compaction would have enough free pages to work with.
 */
static bool compaction_ready(struct zone *zone, struct scan_control *sc)
{
	unsigned long watermark;
	enum compact_result suitable;

	suitable = compaction_suitable(zone, sc->order, 0, sc->reclaim_idx);
	if (suitable == COMPACT_SUCCESS)
		return true;
	if (suitable == COMPACT_SKIPPED)
		return false;
	watermark = high_wmark_pages(zone) + COMPACT_GAP(sc->order);
	return zone_watermark_ok_safe(zone, 0, watermark, sc->reclaim_idx);
}

/* shrink_zones(): shrink_node() once for each node of the zonelist. */
static void shrink_zones(struct machine *m, struct zonelist *zonelist, struct scan_control *sc)
{
	pg_data_t *last_pgdat = NULL;
	struct zoneref *z;

	for (z = first_zones_zonelist(zonelist, sc->reclaim_idx); z->zone;
	     z = next_zones_zonelist(z + 1, sc->reclaim_idx)) {
		struct zone *zone = z->zone;

		if (sc->order > PAGE_ALLOC_COSTLY_ORDER && compaction_ready(zone, sc)) {
			sc->compaction_ready = true;
			KSTEP(m, "shrink_zones", "%s: order %d is costly and compaction_ready(): compaction "
			      "has room to work, skip reclaiming for it", zone->name, sc->order);
			continue;
		}
		if (zone->zone_pgdat == last_pgdat)
			continue;
		last_pgdat = zone->zone_pgdat;
		shrink_node(m, zone->zone_pgdat, sc);
	}
}

/*
 * do_try_to_free_pages(): shrink the zonelist at falling priorities
 * until nr_to_reclaim pages are freed; if nothing was, and active lists
 * were skipped, try once more forcing deactivation.
 */
static unsigned long do_try_to_free_pages(struct machine *m, struct zonelist *zonelist,
					  struct scan_control *sc)
{
	int initial_priority = sc->priority;
	pg_data_t *last_pgdat;
	struct zoneref *z;

retry:
	count_vm_events(m, (enum vm_event_item)(ALLOCSTALL_DMA + sc->reclaim_idx), 1);
	do {
		sc->nr_scanned = 0;
		shrink_zones(m, zonelist, sc);
		KSTEP(m, "do_try_to_free_pages", "priority %d: scanned %lu; reclaimed %lu in all, of "
		      "nr_to_reclaim %lu%s",
		      sc->priority, sc->nr_scanned, sc->nr_reclaimed, sc->nr_to_reclaim,
		      sc->nr_reclaimed >= sc->nr_to_reclaim ? ": enough, stop"
		      : sc->compaction_ready ? ": compaction is ready, stop"
		      : sc->priority == 0 ? ": priority 0 was the last"
		      : sc->priority < DEF_PRIORITY - 2 ? ": may_writepage set, next priority"
		      : ": next priority");
		if (sc->nr_reclaimed >= sc->nr_to_reclaim)
			break;
		if (sc->compaction_ready)
			break;
		if (sc->priority < DEF_PRIORITY - 2)
			sc->may_writepage = true;
	} while (--sc->priority >= 0);

	last_pgdat = NULL;
	for (z = first_zones_zonelist(zonelist, sc->reclaim_idx); z->zone;
	     z = next_zones_zonelist(z + 1, sc->reclaim_idx)) {
		if (z->zone->zone_pgdat == last_pgdat)
			continue;
		last_pgdat = z->zone->zone_pgdat;
		snapshot_refaults(m, last_pgdat);
	}
	if (sc->nr_reclaimed)
		return sc->nr_reclaimed;
	if (sc->compaction_ready)
		return 1;   /* reclaim stopped for compaction: that is progress */
	if (sc->skipped_deactivate) {
		sc->priority = initial_priority;
		sc->force_deactivate = true;
		sc->skipped_deactivate = false;
		KSTEP(m, "do_try_to_free_pages", "nothing reclaimed, but active lists were left "
		      "unaged: retry from priority %d with force_deactivate", initial_priority);
		goto retry;
	}
	KSTEP(m, "do_try_to_free_pages", "nothing reclaimed at any priority: returns 0");
	return 0;
}

/*
 * allow_direct_reclaim(): direct reclaimers are throttled while the free
 * pages of the node's low zones are below half their min watermarks
 * (kswapd is woken to fix that); a hopeless node never throttles.
 */
bool allow_direct_reclaim(pg_data_t *pgdat)
{
	struct machine *m = pgdat->machine;
	unsigned long pfmemalloc_reserve = 0, free_pages = 0;
	bool wmark_ok;
	int i;

	if (pgdat->kswapd_failures >= MAX_RECLAIM_RETRIES)
		return true;
	for (i = 0; i <= ZONE_NORMAL; i++) {
		struct zone *zone = &pgdat->node_zones[i];

		if (!managed_zone(zone) || !zone_reclaimable_pages(m, zone))
			continue;
		pfmemalloc_reserve += min_wmark_pages(zone);
		free_pages += (unsigned long)zone_page_state(zone, NR_FREE_PAGES);
	}
	if (!pfmemalloc_reserve)
		return true;
	wmark_ok = free_pages > pfmemalloc_reserve / 2;
	if (!wmark_ok && (pgdat->kswapd_state == KSWAPD_SLEEPING ||
			  pgdat->kswapd_state == KSWAPD_NAPPING)) {
		KSTEP(m, "allow_direct_reclaim", "node %d: free %lu <= min watermarks %lu / 2 and "
		      "kswapd waits: wake it for the zones up to Normal", pgdat->node_id, free_pages,
		      pfmemalloc_reserve);
		if ((int)pgdat->kswapd_highest_zoneidx > ZONE_NORMAL)
			pgdat->kswapd_highest_zoneidx = ZONE_NORMAL;
		kswapd_wake_up(pgdat);
	}
	return wmark_ok;
}

/*
 * throttle_direct_reclaim(): wait (time passes, kswapd runs) until the
 * first node with a low zone allows direct reclaim again. Requests
 * without __GFP_FS wait at most a second.
 */
static void throttle_direct_reclaim(struct machine *m, gfp_t gfp_mask, struct zonelist *zonelist)
{
	pg_data_t *pgdat = NULL;
	unsigned long waited = 0, limit;
	struct zoneref *z;

	if (current_is_kthread(m)) {
		KSTEP(m, "throttle_direct_reclaim", "%s is a kernel thread: never throttled",
		      m->current.comm);
		return;   /* kernel threads are never throttled */
	}
	for (z = first_zones_zonelist(zonelist, gfp_zone(gfp_mask)); z->zone;
	     z = next_zones_zonelist(z + 1, gfp_zone(gfp_mask))) {
		if (zone_idx(z->zone) > ZONE_NORMAL)
			continue;
		pgdat = z->zone->zone_pgdat;
		if (allow_direct_reclaim(pgdat)) {
			KSTEP(m, "throttle_direct_reclaim", "node %d: allow_direct_reclaim() (free pages "
			      "of the low zones above half their min watermarks, or a hopeless node): "
			      "not throttled", pgdat->node_id);
			return;
		}
		break;
	}
	if (!pgdat)
		return;
	count_vm_events(m, PGSCAN_DIRECT_THROTTLE, 1);
	/* the kernel waits without limit for __GFP_FS; mmsh gives up after a minute */
	limit = (gfp_mask & GFP__FS) ? 60UL * HZ : HZ;
	KSTEP(m, "throttle_direct_reclaim", "node %d: free pages of the low zones are at most half "
	      "their min watermarks: throttled (pgscan_direct_throttle), wait for kswapd%s",
	      pgdat->node_id, (gfp_mask & GFP__FS) ? "" : " at most HZ (no __GFP_FS)");
	while (!allow_direct_reclaim(pgdat) && waited < limit && !m->panicked) {
		schedule_timeout(m, 1);
		waited++;
	}
	KSTEP(m, "throttle_direct_reclaim", "waited %lu jiff%s: %s", waited,
	      waited == 1 ? "y" : "ies",
	      waited < limit && !m->panicked ? "direct reclaim is allowed again" : "gave up waiting");
}

/* current_gfp_context(): PF_MEMALLOC_NOIO / NOFS scopes; mmsh's tasks set none. */
static gfp_t current_gfp_context(gfp_t gfp)
{
	return gfp;
}

/*
 * try_to_free_pages(): direct reclaim of SWAP_CLUSTER_MAX pages for an
 * allocation that failed at the min watermark. Returns the pages freed.
 */
unsigned long try_to_free_pages(struct machine *m, struct zonelist *zonelist, int order,
				gfp_t gfp_mask)
{
	return try_to_free_pages_report(m, zonelist, order, gfp_mask, NULL);
}

unsigned long try_to_free_pages_report(struct machine *m, struct zonelist *zonelist, int order,
				       gfp_t gfp_mask, struct scan_control *report)
{
	struct scan_control sc = {
		.nr_to_reclaim = SWAP_CLUSTER_MAX,
		.gfp_mask = current_gfp_context(gfp_mask),
		.reclaim_idx = gfp_zone(gfp_mask),
		.order = order,
		.priority = DEF_PRIORITY,
		.may_writepage = !m->laptop_mode,
		.may_unmap = true,
		.may_swap = true,
	};
	unsigned long nr_reclaimed;

	KSTEP(m, "try_to_free_pages", "order=%d gfp=%s: direct reclaim of nr_to_reclaim=%lu pages, "
	      "reclaim_idx %s, from priority %d", order,
	      gfp_format(sc.gfp_mask, true, (char[256]){ 0 }, 256), sc.nr_to_reclaim,
	      zone_names[sc.reclaim_idx], sc.priority);
	throttle_direct_reclaim(m, sc.gfp_mask, zonelist);
	if (trace_point(m, TRACE_MM_VMSCAN_DIRECT_RECLAIM_BEGIN)) {
		struct trace_event ev = {
			.id = TRACE_MM_VMSCAN_DIRECT_RECLAIM_BEGIN, .order = (unsigned int)order,
			.gfp_flags = sc.gfp_mask,
		};
		trace_emit(m, &ev, false);
	}
	nr_reclaimed = do_try_to_free_pages(m, zonelist, &sc);
	if (nr_reclaimed && !sc.nr_reclaimed)
		KSTEP(m, "try_to_free_pages", "nothing reclaimed, but compaction is ready: returns 1 "
		      "(progress)");
	else
		KSTEP(m, "try_to_free_pages", "direct reclaim freed %lu page%s", nr_reclaimed,
		      nr_reclaimed == 1 ? "" : "s");
	if (trace_point(m, TRACE_MM_VMSCAN_DIRECT_RECLAIM_END)) {
		struct trace_event ev = {
			.id = TRACE_MM_VMSCAN_DIRECT_RECLAIM_END, .nr_reclaimed = nr_reclaimed,
		};
		trace_emit(m, &ev, false);
	}
	if (report)
		*report = sc;
	return nr_reclaimed;
}
