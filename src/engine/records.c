/*
 * src/engine/records.c: the views of views.c, extfrag, the task list and
 * the sysctls as records (records.h), for `set output json|csv`. Where a
 * view works something out (where a page is, a map character, a zone's
 * watermark level) the records ask views.c's own helpers, so both agree.
 */
#include <stdlib.h>
#include <string.h>

#include "mmsh/bitmap24.h"
#include "mmsh/compaction.h"
#include "mmsh/list.h"
#include "mmsh/lru.h"
#include "mmsh/oom.h"
#include "mmsh/page_alloc.h"
#include "mmsh/pcp.h"
#include "mmsh/records.h"
#include "mmsh/rmap.h"
#include "mmsh/sysctl.h"
#include "mmsh/vmscan.h"
#include "mmsh/watermark.h"
#include "mmsh/workload.h"
#include "views_internal.h"

/* The LRU view shows this many pages from each end of a list. */
#define LRU_ENDS_SHOWN 4

static bool zone_selected(const struct zone *zone, const struct zone *want)
{
	return populated_zone(zone) && (!want || want == zone);
}

/* node and zone cells, the first of most rows. */
static void row_zone(struct table *t, const struct zone *zone)
{
	table_row(t);
	table_int(t, "node", zone_to_nid(zone));
	table_str(t, "zone", zone->name);
}

/* Every pfn on a list, head first, into a list cell; returns how many. */
static unsigned long list_pfns(struct machine *m, uint32_t head, struct table *t,
			       const char *col)
{
	unsigned long n = 0;
	uint32_t id;

	table_list(t, col);
	for (id = list_first(m->mem_map, head); id != head; id = list_next(m->mem_map, id), n++)
		table_list_uint(t, col, id);
	return n;
}

/* ---- free_area ---------------------------------------------------------------- */

const char *const free_area_cols[] = {
	"node", "zone", "order", "migratetype", "blocks", "pfns", NULL,
};

/* One row per free list: zone, order and migratetype; pfns head first. */
void rec_free_area(struct machine *m, struct zone *want, struct table *t)
{
	int nid, z, mt;
	unsigned int o;

	for (nid = 0; nid < m->nr_node_ids; nid++)
		for (z = 0; z < MAX_NR_ZONES; z++) {
			struct zone *zone = &m->node_data[nid]->node_zones[z];

			if (!zone_selected(zone, want))
				continue;
			for (o = 0; o < m->max_order; o++)
				for (mt = 0; mt < MIGRATE_TYPES; mt++) {
					row_zone(t, zone);
					table_uint(t, "order", o);
					table_str(t, "migratetype", migratetype_names[mt]);
					table_uint(t, "blocks", list_pfns(m,
						   zone->free_area[o].free_list[mt], t, "pfns"));
				}
		}
}

/* ---- the 2.4 bitmap ----------------------------------------------------------- */

const char *const bitmap_cols[] = { "node", "zone", "order", "bits", "set", "pfns", NULL };

/*
 * One row per zone and order: how many bits cover the zone, how many are
 * 1, and for each 1 bit the pfn of the first block of its pair.
 */
void rec_bitmap(struct machine *m, struct zone *want, int order, struct table *t)
{
	int nid, z;
	unsigned int k;

	for (nid = 0; nid < m->nr_node_ids; nid++)
		for (z = 0; z < MAX_NR_ZONES; z++) {
			struct zone *zone = &m->node_data[nid]->node_zones[z];

			if (!zone_selected(zone, want))
				continue;
			for (k = 0; k < m->max_order; k++) {
				unsigned long first = zone->zone_start_pfn >> (k + 1);
				unsigned long last = (zone_end_pfn(zone) - 1) >> (k + 1), i, ones = 0;

				if (order >= 0 && (unsigned int)order != k)
					continue;
				row_zone(t, zone);
				table_uint(t, "order", k);
				table_uint(t, "bits", last - first + 1);
				table_list(t, "pfns");
				for (i = first; i <= last; i++)
					if (bitmap24_test(m, i, k)) {
						table_list_uint(t, "pfns", i << (k + 1));
						ones++;
					}
				table_uint(t, "set", ones);
			}
		}
}

/* ---- pcp -------------------------------------------------------------------------- */

const char *const pcp_cols[] = {
	"cpu", "cpu_node", "node", "zone", "count", "high", "batch", "migratetype", "pages",
	"pfns", NULL,
};

/* One row per CPU, populated zone and pcp list; count, high and batch are the pcp's. */
void rec_pcp(struct machine *m, int want_cpu, struct table *t)
{
	int cpu, nid, z, mt;

	for (cpu = 0; cpu < m->nr_cpus; cpu++) {
		if (want_cpu >= 0 && cpu != want_cpu)
			continue;
		for (nid = 0; nid < m->nr_node_ids; nid++)
			for (z = 0; z < MAX_NR_ZONES; z++) {
				struct zone *zone = &m->node_data[nid]->node_zones[z];
				struct per_cpu_pages *pcp = &zone->pageset[cpu].pcp;

				if (!populated_zone(zone))
					continue;
				for (mt = 0; mt < MIGRATE_PCPTYPES; mt++) {
					table_row(t);
					table_int(t, "cpu", cpu);
					table_int(t, "cpu_node", m->cpu_to_node[cpu]);
					table_int(t, "node", nid);
					table_str(t, "zone", zone->name);
					table_int(t, "count", pcp->count);
					table_int(t, "high", pcp->high);
					table_int(t, "batch", pcp->batch);
					table_str(t, "migratetype", migratetype_names[mt]);
					table_uint(t, "pages", list_pfns(m, pcp->lists[mt], t, "pfns"));
				}
			}
	}
}

/* ---- one page ---------------------------------------------------------------------- */

const char *const page_cols[] = {
	"pfn", "ptr", "refcount", "mapcount", "mapping", "index", "flags", "flag_names",
	"node", "zone", "pageblock", "pageblock_migratetype", "state", "order", "block",
	"migratetype", "cpu", "lru", "task", "pid", "vpage", "mapped", "pte_young", "file",
	"file_page", "swap_slot", "swap_refs", "io", "data", NULL,
};

static const char *page_state_name(const struct page_loc *loc)
{
	switch (loc->where) {
	case PAGE_HOLE: return "hole";
	case PAGE_RESERVED: return "reserved";
	case PAGE_FREE_HEAD:
	case PAGE_FREE_TAIL: return "free";
	case PAGE_ALLOC_HEAD:
	case PAGE_ALLOC_TAIL: return "alloc";
	case PAGE_PCP: return "pcp";
	case PAGE_OWNED: return loc->lru >= 0 ? "lru" : loc->cpu >= 0 ? "pagevec" : "isolated";
	case PAGE_ALLOCATED: break;
	}
	return "allocated";
}

/* The owner, swap slot, I/O and data of a task's or a file's page. */
static void page_owner_cells(struct machine *m, const struct page *page, unsigned long pfn,
			     const struct page_loc *loc, struct table *t)
{
	if (loc->lru >= 0)
		table_str(t, "lru", lru_names[loc->lru]);
	if (loc->task) {
		table_str(t, "task", loc->task->comm);
		table_int(t, "pid", loc->task->pid);
		table_uint(t, "vpage", page->index);
		table_bool(t, "mapped", loc->mapped);
		table_bool(t, "pte_young", loc->pte_young);
	} else if (loc->file >= 0) {
		table_str(t, "file", m->files[loc->file].name);
		table_uint(t, "file_page", page->index);
	}
	if (PageSwapCache(page)) {
		table_uint(t, "swap_slot", page->private - 1);
		table_uint(t, "swap_refs", m->swap.map[page->private - 1] & SWAP_MAP_MAX);
	}
	if (PageWriteback(page))
		table_str(t, "io", "writeback");
	else if (PageDirty(page))
		table_str(t, "io", "dirty");
	table_uint(t, "data", page_content_get(m, pfn));
}

/* One row: what dump_page() prints and where the page is (see page_locate). */
void rec_page(struct machine *m, unsigned long pfn, struct table *t)
{
	struct page *page = &m->mem_map[pfn];
	const char *names[NR_PAGEFLAGS];
	struct page_loc loc;
	size_t i, n;

	page_locate(m, pfn, &loc);
	table_row(t);
	table_uint(t, "pfn", pfn);
	table_uint(t, "ptr", page_ptr_hash(pfn));
	table_int(t, "refcount", page_ref_count(page));
	table_int(t, "mapcount", page_mapcount(page));
	table_uint(t, "mapping", page->mapping ? mapping_ptr_hash(page->mapping) : 0);
	table_uint(t, "index", page->index);
	table_uint(t, "flags", page->flags & PAGEFLAGS_MASK);
	table_list(t, "flag_names");
	n = page_flag_names(page, names, NR_PAGEFLAGS);
	for (i = 0; i < n; i++)
		table_list_str(t, "flag_names", names[i]);
	table_int(t, "node", page_to_nid(page));
	table_str(t, "zone", page_zone(m, page)->name);
	table_uint(t, "pageblock", pfn >> m->pageblock_order);
	table_str(t, "pageblock_migratetype", migratetype_names[get_pfnblock_migratetype(m, pfn)]);
	table_str(t, "state", page_state_name(&loc));
	if (loc.where >= PAGE_FREE_HEAD && loc.where <= PAGE_ALLOC_TAIL) {
		table_uint(t, "order", loc.order);
		table_uint(t, "block", loc.head);
	}
	if (loc.migratetype >= 0)
		table_str(t, "migratetype", migratetype_names[loc.migratetype]);
	if (loc.cpu >= 0)
		table_int(t, "cpu", loc.cpu);
	if (loc.where == PAGE_OWNED)
		page_owner_cells(m, page, pfn, &loc, t);
}

/* ---- the memory map ------------------------------------------------------------------ */

const char *const map_cols[] = { "node", "zone", "pfn", "pages", "state", NULL };

/* One row per character of the map: the group's first pfn, its size and its state. */
void rec_map(struct machine *m, struct zone *want, unsigned long per, struct table *t)
{
	int nid, z;

	for (nid = 0; nid < m->nr_node_ids; nid++)
		for (z = 0; z < MAX_NR_ZONES; z++) {
			struct zone *zone = &m->node_data[nid]->node_zones[z];
			unsigned long ppc = map_pages_per_char(zone, per), pfn;
			unsigned long end = zone_end_pfn(zone);

			if (!zone_selected(zone, want))
				continue;
			for (pfn = zone->zone_start_pfn; pfn < end; pfn += ppc) {
				unsigned long group_end = pfn + ppc < end ? pfn + ppc : end;
				char state[2] = { map_state_char(map_best_state(m, pfn, group_end)), '\0' };

				row_zone(t, zone);
				table_uint(t, "pfn", pfn);
				table_uint(t, "pages", group_end - pfn);
				table_str(t, "state", state);
			}
		}
}

/* ---- watermarks ------------------------------------------------------------------------ */

const char *const watermarks_cols[] = { "node", "zone", "field", "value", NULL };

/* A row for one value; nid < 0 and zone NULL leave those cells empty. */
static void wm_row(struct table *t, int nid, const struct zone *zone, const char *field)
{
	table_row(t);
	if (nid >= 0)
		table_int(t, "node", nid);
	if (zone)
		table_str(t, "zone", zone->name);
	table_str(t, "field", field);
}

static void wm_int(struct table *t, int nid, const struct zone *zone, const char *field,
		   long long v)
{
	wm_row(t, nid, zone, field);
	table_int(t, "value", v);
}

static void wm_str(struct table *t, int nid, const struct zone *zone, const char *field,
		   const char *s)
{
	wm_row(t, nid, zone, field);
	table_str(t, "value", s);
}

/* How min_free_kbytes was found (rows with neither node nor zone). */
static void rec_min_free_kbytes(struct machine *m, struct table *t)
{
	unsigned long pages_min = (unsigned long)m->min_free_kbytes >> (PAGE_SHIFT - 10);
	unsigned long lowmem = 0;
	int nid, z;

	for (nid = 0; nid < m->nr_node_ids; nid++)
		for (z = 0; z < MAX_NR_ZONES; z++)
			lowmem += zone_managed_pages(&m->node_data[nid]->node_zones[z]);
	wm_int(t, -1, NULL, "min_free_kbytes", m->min_free_kbytes);
	wm_int(t, -1, NULL, "boot_lowmem_kb", (long long)K(boot_lowmem_pages(m)));
	wm_int(t, -1, NULL, "min_free_kbytes_sqrt", m->min_free_kbytes_sqrt);
	wm_row(t, -1, NULL, "min_free_kbytes_thp");
	if (m->thp != THP_NEVER && m->khugepaged_started)
		table_int(t, "value", (long long)m->min_free_kbytes_thp);
	wm_row(t, -1, NULL, "user_min_free_kbytes");
	if (m->user_min_free_kbytes >= 0)
		table_int(t, "value", m->user_min_free_kbytes);
	wm_int(t, -1, NULL, "pages_min", (long long)pages_min);
	wm_int(t, -1, NULL, "lowmem_pages", (long long)lowmem);
	wm_int(t, -1, NULL, "watermark_scale_factor", m->watermark_scale_factor);
}

static const char *kswapd_state_name(const pg_data_t *pgdat)
{
	if (pgdat->kswapd_state == KSWAPD_SLEEPING)
		return "sleeping";
	return pgdat->kswapd_state == KSWAPD_NAPPING ? "napping" : "woken";
}

/*
 * The watermarks view as field/value rows: the min_free_kbytes
 * derivation (no node, no zone), each populated zone's marks, protection
 * and level, then each node's kswapd (no zone).
 */
void rec_watermarks(struct machine *m, struct table *t)
{
	int nid, z, j;

	rec_min_free_kbytes(m, t);
	for (nid = 0; nid < m->nr_node_ids; nid++)
		for (z = 0; z < MAX_NR_ZONES; z++) {
			struct zone *zone = &m->node_data[nid]->node_zones[z];
			long prot;
			enum wmark_level level;

			if (!populated_zone(zone))
				continue;
			level = zone_wmark_level(zone, &prot);
			wm_int(t, nid, zone, "managed", (long long)zone_managed_pages(zone));
			wm_int(t, nid, zone, "min", (long long)zone->_watermark[WMARK_MIN]);
			wm_int(t, nid, zone, "low", (long long)zone->_watermark[WMARK_LOW]);
			wm_int(t, nid, zone, "high", (long long)zone->_watermark[WMARK_HIGH]);
			wm_int(t, nid, zone, "boost", (long long)zone->watermark_boost);
			wm_row(t, nid, zone, "protection");
			table_list(t, "value");
			for (j = 0; j < MAX_NR_ZONES; j++)
				table_list_int(t, "value", zone->lowmem_reserve[j]);
			wm_int(t, nid, zone, "lowmem_reserve_ratio", m->sysctl_lowmem_reserve_ratio[z]);
			wm_int(t, nid, zone, "free", zone_page_state(zone, NR_FREE_PAGES));
			wm_str(t, nid, zone, "level", wmark_level_names[level]);
		}
	for (nid = 0; nid < m->nr_node_ids; nid++) {
		pg_data_t *pgdat = m->node_data[nid];
		bool asked = pgdat->kswapd_highest_zoneidx != MAX_NR_ZONES;

		wm_str(t, nid, NULL, "kswapd_state", kswapd_state_name(pgdat));
		wm_row(t, nid, NULL, "kswapd_order");
		if (asked)
			table_int(t, "value", pgdat->kswapd_order);
		wm_row(t, nid, NULL, "kswapd_highest_zone");
		if (asked)
			table_str(t, "value", zone_names[pgdat->kswapd_highest_zoneidx]);
		wm_int(t, nid, NULL, "kswapd_wakeups", (long long)pgdat->kswapd_wakeups);
		wm_int(t, nid, NULL, "kswapd_runs", (long long)pgdat->kswapd_runs);
		wm_int(t, nid, NULL, "kswapd_failures", pgdat->kswapd_failures);
	}
}

/* ---- the LRU lists ------------------------------------------------------------------------- */

const char *const lru_cols[] = { "node", "zone", "cpu", "lru", "field", "value", NULL };

static void lru_row(struct table *t, int nid, const struct zone *zone, int cpu, int lru,
		    const char *field)
{
	table_row(t);
	if (nid >= 0)
		table_int(t, "node", nid);
	if (zone)
		table_str(t, "zone", zone->name);
	if (cpu >= 0)
		table_int(t, "cpu", cpu);
	if (lru >= 0)
		table_str(t, "lru", lru_names[lru]);
	table_str(t, "field", field);
}

/* The first (or last) LRU_ENDS_SHOWN pfns of a list, as the view shows them. */
static void lru_end(struct machine *m, uint32_t head, bool tail, struct table *t)
{
	uint32_t id;
	int n;

	table_list(t, "value");
	for (id = tail ? list_last(m->mem_map, head) : list_first(m->mem_map, head), n = 0;
	     id != head && n < LRU_ENDS_SHOWN;
	     id = tail ? m->mem_map[id].lru.prev : list_next(m->mem_map, id), n++)
		table_list_uint(t, "value", id);
}

static void rec_lru_node(struct machine *m, int nid, struct table *t)
{
	pg_data_t *pgdat = m->node_data[nid];
	struct lruvec *lruvec = &pgdat->lruvec;
	int lru, z;

	for (lru = 0; lru < NR_LRU_LISTS; lru++) {
		lru_row(t, nid, NULL, -1, lru, "pages");
		table_int(t, "value", pgdat->vm_stat[NR_INACTIVE_ANON + lru]);
		for (z = 0; z < MAX_NR_ZONES; z++) {
			struct zone *zone = &pgdat->node_zones[z];

			if (!populated_zone(zone))
				continue;
			lru_row(t, nid, zone, -1, lru, "pages");
			table_int(t, "value", zone_page_state(zone,
				  (enum zone_stat_item)(NR_ZONE_INACTIVE_ANON + lru)));
		}
		if (lru == LRU_INACTIVE_ANON || lru == LRU_INACTIVE_FILE) {
			lru_row(t, nid, NULL, -1, lru, "inactive_is_low");
			table_bool(t, "value", inactive_is_low(m, lruvec, (enum lru_list)lru));
		}
		lru_row(t, nid, NULL, -1, lru, "head");
		lru_end(m, lruvec->lists[lru], false, t);
		lru_row(t, nid, NULL, -1, lru, "tail");
		lru_end(m, lruvec->lists[lru], true, t);
	}
	lru_row(t, nid, NULL, -1, -1, "anon_cost");
	table_uint(t, "value", lruvec->anon_cost);
	lru_row(t, nid, NULL, -1, -1, "file_cost");
	table_uint(t, "value", lruvec->file_cost);
	lru_row(t, nid, NULL, -1, -1, "nonresident_age");
	table_uint(t, "value", lruvec->nonresident_age);
	lru_row(t, nid, NULL, -1, -1, "isolated_anon");
	table_int(t, "value", pgdat->vm_stat[NR_ISOLATED_ANON]);
	lru_row(t, nid, NULL, -1, -1, "isolated_file");
	table_int(t, "value", pgdat->vm_stat[NR_ISOLATED_FILE]);
}

/*
 * The LRU view as field/value rows: per node and list its pages (and per
 * zone), inactive_is_low, the newest (head) and oldest (tail) pfns; per
 * node the lruvec's costs; per CPU the pagevecs' sizes.
 */
void rec_lru(struct machine *m, int want, struct table *t)
{
	int nid, cpu;

	for (nid = 0; nid < m->nr_node_ids; nid++)
		if (want == NUMA_NO_NODE || nid == want)
			rec_lru_node(m, nid, t);
	for (cpu = 0; cpu < m->nr_cpus; cpu++) {
		const struct lru_pvecs *p = &m->pvecs[cpu];

		lru_row(t, -1, NULL, cpu, -1, "lru_add");
		table_uint(t, "value", p->lru_add.nr);
		lru_row(t, -1, NULL, cpu, -1, "lru_rotate");
		table_uint(t, "value", p->lru_rotate.nr);
		lru_row(t, -1, NULL, cpu, -1, "lru_deactivate_file");
		table_uint(t, "value", p->lru_deactivate_file.nr);
		lru_row(t, -1, NULL, cpu, -1, "lru_deactivate");
		table_uint(t, "value", p->lru_deactivate.nr);
		lru_row(t, -1, NULL, cpu, -1, "activate_page");
		table_uint(t, "value", p->activate_page.nr);
	}
}

/* ---- disk ------------------------------------------------------------------------------------- */

const char *const disk_cols[] = {
	"record", "latency", "jiffies", "in_flight", "written", "pfn", "kind", "file", "page",
	"version", "slot", "done_at", NULL,
};

/*
 * A "disk" row (latency in jiffies, the time, writes in flight, pages
 * written since boot), then a "write" row for every write in flight,
 * oldest first: a file page (file, page, version) or a swap slot.
 */
void rec_disk(struct machine *m, struct table *t)
{
	const struct disk *d = &m->disk;
	unsigned long i;

	table_row(t);
	table_str(t, "record", "disk");
	table_uint(t, "latency", d->latency);
	table_uint(t, "jiffies", m->jiffies);
	table_uint(t, "in_flight", d->n);
	table_uint(t, "written", d->written);
	for (i = 0; i < d->n; i++) {
		const struct io_request *q = &d->q[i];
		const struct page *page = &m->mem_map[q->pfn];

		table_row(t);
		table_str(t, "record", "write");
		table_uint(t, "pfn", q->pfn);
		if (q->kind == IO_WRITE_FILE) {
			table_str(t, "kind", "file");
			table_str(t, "file", m->files[file_owner(page)].name);
			table_uint(t, "page", page->index);
			table_uint(t, "version", q->data);
		} else {
			table_str(t, "kind", "swap");
			table_uint(t, "slot", (unsigned long)page->private - 1);
		}
		table_uint(t, "done_at", q->done_at);
	}
}

/* ---- gfp ----------------------------------------------------------------------------------------- */

const char *const gfp_cols[] = {
	"gfp", "flags", "valid", "bits", "highest_zone", "node", "zonelist_kind", "zonelist",
	"zonelist_nodes", "migratetype", "mobility_grouping", "direct_reclaim", "kswapd_reclaim",
	"io", "fs", "fast_alloc_flags", "fast_alloc_flag_names", "slow_alloc_flags",
	"slow_alloc_flag_names", "retry_alloc_flags", "retry_alloc_flag_names", NULL,
};

/* alloc_flags as a number and, in names_col, the list of their names. */
static void alloc_flags_cells(struct table *t, const char *col, const char *names_col,
			      unsigned int f)
{
	struct strbuf sb = STRBUF_INIT;
	char *text, *name, *save = NULL;

	table_uint(t, col, f);
	table_list(t, names_col);
	alloc_flags_names(f, &sb);
	text = strdup(sb_str(&sb));
	sb_free(&sb);
	if (!text) {
		t->oom = true;
		return;
	}
	for (name = strtok_r(text, "|", &save); name; name = strtok_r(NULL, "|", &save))
		table_list_str(t, names_col, name);
	free(text);
}

/* One row: what the gfp view decodes (valid false: GFP_ZONE_BAD, the rest empty). */
void rec_gfp(struct machine *m, gfp_t gfp, struct table *t)
{
	char buf[256];
	size_t n, i;
	const struct gfp_name *bits = gfp_bit_table(&n);
	int hz = gfp_zone(gfp), nid = numa_node_id(m);
	struct zonelist *zl = node_zonelist(m, nid, gfp);
	struct zoneref *zr;
	unsigned int fast;

	table_row(t);
	table_uint(t, "gfp", gfp);
	table_str(t, "flags", gfp_format(gfp, true, buf, sizeof(buf)));
	table_bool(t, "valid", hz >= 0);
	if (hz < 0)
		return;
	table_list(t, "bits");
	for (i = 0; i < n; i++)
		if (gfp & bits[i].mask)
			table_list_str(t, "bits", bits[i].name);
	table_str(t, "highest_zone", zone_names[hz]);
	table_int(t, "node", nid);
	table_str(t, "zonelist_kind", (gfp & GFP__THISNODE) ? "NOFALLBACK" : "FALLBACK");
	table_list(t, "zonelist");
	table_list(t, "zonelist_nodes");
	for (zr = first_zones_zonelist(zl, hz); zr->zone; zr = next_zones_zonelist(zr + 1, hz)) {
		table_list_str(t, "zonelist", zr->zone->name);
		table_list_int(t, "zonelist_nodes", zone_to_nid(zr->zone));
	}
	table_str(t, "migratetype", migratetype_names[gfp_migratetype(m, gfp)]);
	table_bool(t, "mobility_grouping", !m->page_group_by_mobility_disabled);
	table_bool(t, "direct_reclaim", gfp & GFP__DIRECT_RECLAIM);
	table_bool(t, "kswapd_reclaim", gfp & GFP__KSWAPD_RECLAIM);
	table_bool(t, "io", gfp & GFP__IO);
	table_bool(t, "fs", gfp & GFP__FS);
	fast = current_alloc_flags(m, gfp, ALLOC_WMARK_LOW);
	zr = first_zones_zonelist(zl, hz);
	fast |= alloc_flags_nofragment(zr->zone, gfp);
	alloc_flags_cells(t, "fast_alloc_flags", "fast_alloc_flag_names", fast);
	alloc_flags_cells(t, "slow_alloc_flags", "slow_alloc_flag_names",
			  gfp_to_alloc_flags(m, gfp));
	if (gfp_pfmemalloc_flags(gfp))
		alloc_flags_cells(t, "retry_alloc_flags", "retry_alloc_flag_names",
				  current_alloc_flags(m, gfp, (unsigned int)gfp_pfmemalloc_flags(gfp)));
}

/* ---- extfrag ---------------------------------------------------------------------------------------- */

const char *const extfrag_cols[] = {
	"node", "zone", "order", "unusable_index", "extfrag_index", NULL,
};

/*
 * One row per populated zone (of node nid, or zone only) and order: the
 * two debugfs indexes as decimals, 0.000 to 1.000 (-1.000: the
 * allocation would succeed).
 */
void rec_extfrag(struct machine *m, int nid, struct zone *want, struct table *t)
{
	int n, z;
	unsigned int order;

	for (n = 0; n < m->nr_node_ids; n++) {
		if (nid != NUMA_NO_NODE && n != nid)
			continue;
		for (z = 0; z < MAX_NR_ZONES; z++) {
			struct zone *zone = &m->node_data[n]->node_zones[z];

			if (!zone_selected(zone, want))
				continue;
			for (order = 0; order < m->max_order; order++) {
				row_zone(t, zone);
				table_uint(t, "order", order);
				table_milli(t, "unusable_index", unusable_free_index(m, zone, order));
				table_milli(t, "extfrag_index", fragmentation_index(m, zone, order));
			}
		}
	}
}

/* ---- tasks ------------------------------------------------------------------------------------------- */

const char *const task_cols[] = {
	"pid", "name", "anon_vm", "rss_anon", "rss_file", "swapents", "oom_score_adj",
	"oom_score", "mlocked", NULL,
};

/* One row per task, as `task list` prints them. */
void rec_tasks(struct machine *m, struct table *t)
{
	int i;

	for (i = 0; i < MAX_TASKS; i++) {
		struct task *task = &m->tasks[i];

		if (!task->used)
			continue;
		table_row(t);
		table_int(t, "pid", task->pid);
		table_str(t, "name", task->comm);
		table_uint(t, "anon_vm", task->anon_len);
		table_uint(t, "rss_anon", task->rss_anon);
		table_uint(t, "rss_file", task->rss_file);
		table_uint(t, "swapents", task->swapents);
		table_int(t, "oom_score_adj", task->oom_score_adj);
		table_int(t, "oom_score", oom_score(m, task));
		table_bool(t, "mlocked", task->mlocked);
	}
}

/* ---- sysctls --------------------------------------------------------------------------------------------- */

const char *const sysctl_cols[] = { "name", "value", NULL };

/* Is s a decimal integer (an optional '-', then digits)? */
static bool is_integer(const char *s, size_t len)
{
	size_t i = (len && s[0] == '-') ? 1 : 0;

	if (i == len)
		return false;
	for (; i < len; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

/*
 * A value as /proc/sys prints it: one integer is a number, several
 * (lowmem_reserve_ratio's tab-separated array) a list, anything else text.
 */
void table_sysctl_value(struct table *t, const char *col, const char *text)
{
	const char *p = text;
	bool all_numbers = *text != '\0', several = false;

	while (*p) {
		size_t len = strcspn(p, " \t");

		if (!is_integer(p, len))
			all_numbers = false;
		p += len;
		if (*p) {
			several = true;
			p += strspn(p, " \t");
		}
	}
	if (!all_numbers) {
		table_str(t, col, text);
		return;
	}
	if (!several) {
		table_int(t, col, strtoll(text, NULL, 10));
		return;
	}
	table_list(t, col);
	for (p = text; *p; p += strspn(p, " \t")) {
		char *end;

		table_list_int(t, col, strtoll(p, &end, 10));
		p = end;
	}
}

static int rec_one_sysctl(struct machine *m, const struct sysctl_entry *e, struct table *t,
			  struct mm_error *err)
{
	struct strbuf sb = STRBUF_INIT;

	if (sysctl_read(m, e->name, &sb, err) < 0) {
		sb_free(&sb);
		return -1;
	}
	table_row(t);
	table_strf(t, "name", "vm.%s", e->name);
	table_sysctl_value(t, "value", sb_str(&sb));
	sb_free(&sb);
	return 0;
}

/* One row per sysctl read: name (vm.NAME) and value; NULL: every readable one. */
int rec_sysctl(struct machine *m, const char *name, struct table *t, struct mm_error *err)
{
	const struct sysctl_entry *e;
	size_t n, i;

	if (name) {
		e = sysctl_lookup(name);
		if (!e)
			return mm_error_set(err, "unknown sysctl '%s'", name);
		return rec_one_sysctl(m, e, t, err);
	}
	e = sysctl_table(&n);
	for (i = 0; i < n; i++)
		if (!e[i].write_only && rec_one_sysctl(m, &e[i], t, err) < 0)
			return -1;
	return 0;
}

/* ---- allocations -------------------------------------------------------------------------------------------- */

const char *alloc_outcome_name(enum alloc_outcome outcome)
{
	static const char *const names[] = {
		[ALLOC_OK_FASTPATH] = "fastpath", [ALLOC_OK_SLOWPATH] = "slowpath",
		[ALLOC_OK_RESERVES] = "reserves", [ALLOC_OK_RECLAIM] = "reclaim",
		[ALLOC_OK_COMPACT] = "compact", [ALLOC_OK_OOM] = "before_oom",
		[ALLOC_OK_NOFAIL] = "nofail", [ALLOC_FAIL_ORDER] = "fail_order",
		[ALLOC_FAIL_NO_ZONE] = "fail_no_zone", [ALLOC_FAIL_NOWAIT] = "fail_nowait",
		[ALLOC_FAIL_NORETRY] = "fail_noretry", [ALLOC_FAIL_COSTLY] = "fail_costly",
		[ALLOC_FAIL_OOM] = "fail_oom", [ALLOC_FAIL_OOM_VICTIM] = "fail_oom_victim",
		[ALLOC_FAIL_PANIC] = "fail_panic", [ALLOC_FAIL_LIVELOCK] = "fail_livelock",
	};

	if ((size_t)outcome < sizeof(names) / sizeof(names[0]) && names[outcome])
		return names[outcome];
	return "unknown";
}
