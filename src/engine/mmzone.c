/*
 * src/engine/mmzone.c: building and booting a machine. Lays out nodes and
 * zones, initialises the memory map (memmap_init), builds the zonelists
 * (build_all_zonelists), frees memory into the buddy allocator in the order
 * memblock_free_all() does, then sets up pcp lists and watermarks.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mmsh/bitmap24.h"
#include "mmsh/check.h"
#include "mmsh/list.h"
#include "mmsh/mmzone.h"
#include "mmsh/page_alloc.h"
#include "mmsh/pcp.h"
#include "mmsh/samples.h"
#include "mmsh/swap.h"
#include "mmsh/watermark.h"
#include "mmsh/workload.h"

const char *const zone_names[MAX_NR_ZONES] = {
	"DMA", "DMA32", "Normal", "Movable",
};

const char *const migratetype_names[MIGRATE_TYPES] = {
	"Unmovable", "Movable", "Reclaimable", "HighAtomic", "CMA", "Isolate",
};

/* A machine can hold at most this many pfns: links are 32-bit indexes. */
#define MAX_PFN_LIMIT (1UL << 31)

/* ---- shapes ----------------------------------------------------------- */

void machine_shape_init(struct machine_shape *s)
{
	memset(s, 0, sizeof(*s));
	s->nr_nodes = 1;
	s->nr_cpus = 1;
	s->max_order = 11;
	s->pageblock_order = 9;
	s->thp = THP_MADVISE;
}

/* default: 1 node, 2 CPUs, DMA 16 MiB + Normal 240 MiB (SPEC section 4). */
void machine_shape_default(struct machine_shape *s)
{
	machine_shape_init(s);
	s->nr_cpus = 2;
	s->zones[0][ZONE_DMA] = (struct zone_shape){ 4096, 4096, 4096 };
	s->zones[0][ZONE_NORMAL] = (struct zone_shape){ 61440, 61440, 61440 };
}

/* tiny: 1 node, 1 CPU, one Normal zone of 256 pages, MAX_ORDER 6. */
void machine_shape_tiny(struct machine_shape *s)
{
	machine_shape_init(s);
	s->max_order = 6;
	s->pageblock_order = 5;  /* pageblock_order <= MAX_ORDER - 1 */
	s->zones[0][ZONE_NORMAL] = (struct zone_shape){ 256, 256, 256 };
}

/* numa: 2 nodes, 4 CPUs, each node DMA32 256 MiB + Normal 256 MiB. */
void machine_shape_numa(struct machine_shape *s)
{
	int nid;

	machine_shape_init(s);
	s->nr_nodes = 2;
	s->nr_cpus = 4;
	for (nid = 0; nid < 2; nid++) {
		s->zones[nid][ZONE_DMA32] = (struct zone_shape){ 65536, 65536, 65536 };
		s->zones[nid][ZONE_NORMAL] = (struct zone_shape){ 65536, 65536, 65536 };
	}
}

/*
 * machine_shape_x86(): `pages` pages from pfn 0, split evenly between the
 * shape's nodes, zoned the way x86-64 zones them: DMA below 16 MiB, DMA32
 * below 4 GiB, Normal above (zone_sizes_init).
 */
int machine_shape_x86(struct machine_shape *s, unsigned long pages,
		      struct mm_error *err)
{
	static const unsigned long limit[MAX_NR_ZONES] = {
		MAX_DMA_PFN, MAX_DMA32_PFN, ~0UL, ~0UL,
	};
	unsigned long start = 0;
	int nid, z;

	if (s->nr_nodes < 1 || s->nr_nodes > MAX_NUMNODES)
		return mm_error_set(err, "nodes must be between 1 and %d", MAX_NUMNODES);
	if (pages < (unsigned long)s->nr_nodes)
		return mm_error_set(err, "%lu pages cannot be split between %d nodes",
				    pages, s->nr_nodes);
	memset(s->zones, 0, sizeof(s->zones));
	s->start_pfn = 0;
	for (nid = 0; nid < s->nr_nodes; nid++) {
		unsigned long end = start + pages / (unsigned long)s->nr_nodes;
		unsigned long lo = start;

		if (nid == s->nr_nodes - 1)
			end = pages;
		for (z = 0; z <= ZONE_NORMAL; z++) {
			unsigned long hi = end < limit[z] ? end : limit[z];

			if (hi <= lo)
				continue;
			s->zones[nid][z] = (struct zone_shape){ hi - lo, hi - lo, hi - lo };
			lo = hi;
		}
		start = end;
	}
	return 0;
}

int machine_shape_check(const struct machine_shape *s, struct mm_error *err)
{
	unsigned long total = s->start_pfn, managed = 0;
	int nid, z;

	if (s->nr_nodes < 1 || s->nr_nodes > MAX_NUMNODES)
		return mm_error_set(err, "nodes must be between 1 and %d, not %d",
				    MAX_NUMNODES, s->nr_nodes);
	if (s->nr_cpus < 1 || s->nr_cpus > MAX_CPUS)
		return mm_error_set(err, "cpus must be between 1 and %d, not %d",
				    MAX_CPUS, s->nr_cpus);
	if (s->max_order < 2 || s->max_order > MAX_ORDER_LIMIT)
		return mm_error_set(err, "MAX_ORDER must be between 2 and %d, not %u",
				    MAX_ORDER_LIMIT, s->max_order);
	if (s->pageblock_order < 1 || s->pageblock_order > s->max_order - 1)
		return mm_error_set(err,
			"pageblock_order must be between 1 and MAX_ORDER-1 = %u, not %u",
			s->max_order - 1, s->pageblock_order);
	for (nid = 0; nid < s->nr_nodes; nid++) {
		for (z = 0; z < MAX_NR_ZONES; z++) {
			const struct zone_shape *zs = &s->zones[nid][z];

			if (zs->present > zs->spanned || zs->managed > zs->present)
				return mm_error_set(err,
					"node %d zone %s: need spanned >= present >= managed (%lu/%lu/%lu)",
					nid, zone_names[z], zs->spanned, zs->present,
					zs->managed);
			total += zs->spanned;
			managed += zs->managed;
			if (total > MAX_PFN_LIMIT)
				return mm_error_set(err,
					"memory too large: at most %lu pages (%lu GiB)",
					MAX_PFN_LIMIT, MAX_PFN_LIMIT >> 18);
		}
	}
	if (managed == 0)
		return mm_error_set(err, "the machine has no managed memory");
	return 0;
}

/* ---- small lookups -------------------------------------------------------- */

struct zone *machine_zone(const struct machine *m, int nid, int zidx)
{
	if (nid < 0 || nid >= m->nr_node_ids || zidx < 0 || zidx >= MAX_NR_ZONES)
		return NULL;
	return &m->node_data[nid]->node_zones[zidx];
}

struct zone *pfn_zone(const struct machine *m, unsigned long pfn)
{
	int nid, z;

	for (nid = 0; nid < m->nr_node_ids; nid++)
		for (z = 0; z < MAX_NR_ZONES; z++) {
			struct zone *zone = &m->node_data[nid]->node_zones[z];

			if (zone->spanned_pages && zone_spans_pfn(zone, pfn))
				return zone;
		}
	return NULL;
}

bool pfn_is_hole(const struct machine *m, unsigned long pfn)
{
	struct zone *zone = pfn_zone(m, pfn);

	return !zone || pfn >= zone->zone_start_pfn + zone->present_pages;
}

uint32_t machine_new_list_head(struct machine *m)
{
	uint32_t id = (uint32_t)m->max_pfn + m->next_list_head++;

	INIT_LIST_HEAD(m->mem_map, id);
	return id;
}

int machine_set_cpu(struct machine *m, int cpu, struct mm_error *err)
{
	if (cpu < 0 || cpu >= m->nr_cpus)
		return mm_error_set(err, "cpu %d does not exist (cpus 0-%d)", cpu,
				    m->nr_cpus - 1);
	m->current.cpu = cpu;
	return 0;
}

unsigned long global_zone_page_state(const struct machine *m,
				     enum zone_stat_item item)
{
	long sum = 0;
	int nid, z;

	for (nid = 0; nid < m->nr_node_ids; nid++)
		for (z = 0; z < MAX_NR_ZONES; z++)
			sum += m->node_data[nid]->node_zones[z].vm_stat[item];
	return sum < 0 ? 0 : (unsigned long)sum;
}

unsigned long global_numa_state(const struct machine *m,
				enum numa_stat_item item)
{
	unsigned long sum = 0;
	int nid, z;

	for (nid = 0; nid < m->nr_node_ids; nid++)
		for (z = 0; z < MAX_NR_ZONES; z++)
			sum += m->node_data[nid]->node_zones[z].vm_numa_stat[item];
	return sum;
}

unsigned long global_node_page_state(const struct machine *m,
				     enum node_stat_item item)
{
	long sum = 0;
	int nid;

	for (nid = 0; nid < m->nr_node_ids; nid++)
		sum += m->node_data[nid]->vm_stat[item];
	return sum < 0 ? 0 : (unsigned long)sum;
}

void set_pageblock_migratetype(struct machine *m, struct page *page,
			       int migratetype)
{
	uint8_t *b = &m->pageblock_flags[page_to_pfn(m, page) >> m->pageblock_order];

	page_changed(m, page_to_pfn(m, page));

	*b = (uint8_t)((*b & ~PB_MIGRATETYPE_MASK) | (migratetype & PB_MIGRATETYPE_MASK));
}

/* ---- zonelists (mm/page_alloc.c, CONFIG_NUMA) ------------------------------ */

static int node_distance(int a, int b)
{
	return a == b ? LOCAL_DISTANCE : REMOTE_DISTANCE;
}

static bool node_has_cpus(const struct machine *m, int nid)
{
	int cpu;

	for (cpu = 0; cpu < m->nr_cpus; cpu++)
		if (m->cpu_to_node[cpu] == nid)
			return true;
	return false;
}

/* find_next_best_node(): the next node for `node`'s fallback list. */
static int find_next_best_node(struct machine *m, int node, bool *used,
			       int *node_load)
{
	int n, best_node = NUMA_NO_NODE, min_val = INT_MAX;

	if (!used[node]) {
		used[node] = true;
		return node;
	}
	for (n = 0; n < m->nr_node_ids; n++) {
		int val;

		/* for_each_node_state(n, N_MEMORY): memoryless nodes never serve */
		if (used[n] || !m->node_data[n]->node_present_pages)
			continue;
		val = node_distance(node, n);
		val += (n < node);                       /* prefer the next node */
		if (node_has_cpus(m, n))
			val += PENALTY_FOR_NODE_WITH_CPUS;   /* prefer headless nodes */
		val *= m->nr_node_ids * MAX_NUMNODES;    /* MAX_NODE_LOAD*MAX_NUMNODES */
		val += node_load[n];
		if (val < min_val) {
			min_val = val;
			best_node = n;
		}
	}
	if (best_node >= 0)
		used[best_node] = true;
	return best_node;
}

/* build_zonerefs_node(): a node's managed zones, highest index first. */
static int build_zonerefs_node(pg_data_t *pgdat, struct zoneref *zonerefs)
{
	int zone_type = MAX_NR_ZONES, nr_zones = 0;

	do {
		struct zone *zone = &pgdat->node_zones[--zone_type];

		if (managed_zone(zone)) {
			zonerefs[nr_zones].zone = zone;
			zonerefs[nr_zones].zone_idx = zone_type;
			nr_zones++;
		}
	} while (zone_type);
	return nr_zones;
}

static void build_zonelists(struct machine *m, pg_data_t *pgdat, int *node_load)
{
	bool used[MAX_NUMNODES] = { false };
	int node_order[MAX_NUMNODES];
	int node, nr_nodes = 0, load = m->nr_node_ids;
	int local_node = pgdat->node_id, prev_node = local_node, i;
	struct zoneref *zr;

	while ((node = find_next_best_node(m, local_node, used, node_load)) >= 0) {
		/* penalise the first node of each distance group: round robin */
		if (node_distance(local_node, node) != node_distance(local_node, prev_node))
			node_load[node] = load;
		node_order[nr_nodes++] = node;
		prev_node = node;
		load--;
	}
	zr = pgdat->node_zonelists[ZONELIST_FALLBACK]._zonerefs;
	for (i = 0; i < nr_nodes; i++)
		zr += build_zonerefs_node(m->node_data[node_order[i]], zr);
	zr->zone = NULL;
	zr->zone_idx = 0;
	zr = pgdat->node_zonelists[ZONELIST_NOFALLBACK]._zonerefs;
	zr += build_zonerefs_node(pgdat, zr);
	zr->zone = NULL;
	zr->zone_idx = 0;
}

unsigned long nr_free_zone_pages(struct machine *m, int offset)
{
	struct zonelist *zl = node_zonelist(m, numa_node_id(m), GFP_KERNEL);
	struct zoneref *z;
	unsigned long sum = 0;

	for (z = first_zones_zonelist(zl, offset); z->zone;
	     z = next_zones_zonelist(z + 1, offset)) {
		unsigned long size = zone_managed_pages(z->zone);
		unsigned long high = high_wmark_pages(z->zone);

		if (size > high)
			sum += size - high;
	}
	return sum;
}

unsigned long nr_free_buffer_pages(struct machine *m)
{
	return nr_free_zone_pages(m, gfp_zone(GFP_USER));
}

/*
 * build_all_zonelists(): every node's zonelists, then the mobility switch:
 * grouping by migratetype is off when there are fewer than
 * pageblock_nr_pages * MIGRATE_TYPES pages to allocate from.
 */
static void build_all_zonelists(struct machine *m)
{
	int node_load[MAX_NUMNODES] = { 0 };
	int nid;

	for (nid = 0; nid < m->nr_node_ids; nid++)
		build_zonelists(m, m->node_data[nid], node_load);
	m->vm_total_pages = nr_free_zone_pages(m, gfp_zone(GFP_HIGHUSER_MOVABLE));
	m->page_group_by_mobility_disabled =
		m->vm_total_pages < m->pageblock_nr_pages * MIGRATE_TYPES;
}

/* ---- boot ------------------------------------------------------------------- */

/* __init_single_page(): a fresh descriptor, refcount 1, not mapped. */
static void init_single_page(struct page *page, int zone, int nid)
{
	memset(page, 0, sizeof(*page));
	set_page_links(page, (unsigned int)zone, (unsigned int)nid);
	set_page_count(page, 1);
	page_mapcount_reset(page);
	page->lru.next = page->lru.prev = LIST_POISON;
}

/*
 * memmap_init(): describe every pfn of every zone. Pageblocks whose first
 * pfn is real memory start MOVABLE; a pageblock that begins in a hole is
 * never set and reads UNMOVABLE (0). Holes and reserved pages are
 * PageReserved, as init_unavailable_range() and reserve_bootmem_region()
 * leave them.
 */
static void memmap_init(struct machine *m)
{
	unsigned long pfn;
	int nid, z;

	/* pfns below the first zone (a hole at pfn 0) belong to that zone */
	for (nid = 0; nid < m->nr_node_ids; nid++) {
		for (z = 0; z < MAX_NR_ZONES; z++) {
			struct zone *zone = &m->node_data[nid]->node_zones[z];
			unsigned long start = zone->zone_start_pfn;
			unsigned long present_end = start + zone->present_pages;
			unsigned long managed_end = start + zone->managed_pages;

			if (!zone->spanned_pages)
				continue;
			if (nid == 0 && start == m->node_data[0]->node_start_pfn)
				for (pfn = 0; pfn < start; pfn++) {
					init_single_page(&m->mem_map[pfn], z, nid);
					set_page_flag(&m->mem_map[pfn], PG_reserved);
				}
			for (pfn = start; pfn < zone_end_pfn(zone); pfn++) {
				struct page *page = &m->mem_map[pfn];

				init_single_page(page, z, nid);
				if (pfn >= managed_end)
					set_page_flag(page, PG_reserved);
				if (pfn < present_end && (pfn & (m->pageblock_nr_pages - 1)) == 0)
					set_pageblock_migratetype(m, page, MIGRATE_MOVABLE);
			}
		}
	}
}

/*
 * __free_pages_memory(): free [start, end) in the largest naturally
 * aligned chunks, lowest address first. __ffs(0) is undefined; the kernel
 * treats pfn 0 as aligned to everything, so it starts at MAX_ORDER-1.
 */
static void free_pages_memory(struct machine *m, unsigned long start,
			      unsigned long end)
{
	while (start < end) {
		unsigned int order = m->max_order - 1;

		if (start && (unsigned int)__builtin_ctzl(start) < order)
			order = (unsigned int)__builtin_ctzl(start);
		while (start + (1UL << order) > end)
			order--;
		free_pages_core(m, &m->mem_map[start], order);
		start += 1UL << order;
	}
}

/*
 * memblock_free_all(): hand every free range to the buddy allocator in
 * ascending address order, so every free list starts in ascending pfn
 * order and the first allocations come from the lowest addresses. mmsh
 * splits ranges at zone boundaries (on x86 they are MAX_ORDER aligned, so
 * the kernel never meets the case).
 */
static void memblock_free_all(struct machine *m)
{
	int nid, z;

	for (nid = 0; nid < m->nr_node_ids; nid++)
		for (z = 0; z < MAX_NR_ZONES; z++) {
			struct zone *zone = &m->node_data[nid]->node_zones[z];
			unsigned long managed = zone->managed_pages;

			zone->managed_pages = 0;  /* counted again as pages are freed */
			free_pages_memory(m, zone->zone_start_pfn,
					  zone->zone_start_pfn + managed);
			m->totalram_pages += zone->managed_pages;
		}
}

/*
 * hugepage_init(): THP is switched off on machines with less than
 * 512 MiB of RAM, and then khugepaged never starts and never raises
 * min_free_kbytes.
 */
static void hugepage_init(struct machine *m)
{
	if (m->thp == THP_NEVER)
		return;
	if (m->totalram_pages < (512UL << (20 - PAGE_SHIFT)))
		return;
	m->khugepaged_started = true;
	set_recommended_min_free_kbytes(m);
}

static int alloc_machine_memory(struct machine *m)
{
	unsigned long blocks = (m->max_pfn >> m->pageblock_order) + 1;
	int nid, z;

	m->mem_map = calloc(m->max_pfn + m->nr_list_heads, sizeof(struct page));
	m->pageblock_flags = calloc(blocks, 1);
	m->check_dirty = calloc((blocks + 63) / 64, sizeof(uint64_t));
	m->alloc_heads = calloc((m->max_pfn + 63) / 64, sizeof(uint64_t));
	if (!m->mem_map || !m->pageblock_flags || !m->check_dirty || !m->alloc_heads)
		return -1;
	m->check_all_dirty = true;   /* boot wrote every page */
	if (contents_init(&m->contents, m->max_pfn) < 0)
		return -1;
	m->tasks = calloc(MAX_TASKS, sizeof(*m->tasks));
	m->tlb_pages = calloc(MMU_GATHER_PAGES, sizeof(*m->tlb_pages));
	m->files = calloc(MAX_FILES, sizeof(*m->files));
	if (!m->tasks || !m->files || !m->tlb_pages ||
	    swap_init(m, m->shape.swap_pages) < 0)
		return -1;
	for (nid = 0; nid < m->nr_node_ids; nid++) {
		m->node_data[nid] = calloc(1, sizeof(pg_data_t));
		if (!m->node_data[nid])
			return -1;
		for (z = 0; z < MAX_NR_ZONES; z++) {
			struct zone *zone = &m->node_data[nid]->node_zones[z];

			zone->pageset = calloc((size_t)m->nr_cpus, sizeof(*zone->pageset));
			if (!zone->pageset)
				return -1;
		}
	}
	return bitmap24_init(m);
}

static void init_zones(struct machine *m, const struct machine_shape *s)
{
	unsigned long pfn = s->start_pfn;
	int nid, z, cpu, t;
	unsigned int o;

	for (nid = 0; nid < m->nr_node_ids; nid++) {
		pg_data_t *pgdat = m->node_data[nid];

		pgdat->node_id = nid;
		pgdat->machine = m;
		pgdat->node_start_pfn = pfn;
		pgdat->kswapd_highest_zoneidx = MAX_NR_ZONES;
		pgdat->kswapd_state = KSWAPD_SLEEPING;
		pgdat->kswapd_zoneidx = MAX_NR_ZONES - 1;
		pgdat->kcompactd_highest_zoneidx = MAX_NR_ZONES - 1;
		pgdat->lruvec.node_id = nid;
		for (t = 0; t < NR_LRU_LISTS; t++)
			pgdat->lruvec.lists[t] = machine_new_list_head(m);
		for (z = 0; z < MAX_NR_ZONES; z++) {
			struct zone *zone = &pgdat->node_zones[z];
			const struct zone_shape *zs = &s->zones[nid][z];

			zone->name = zone_names[z];
			zone->idx = (enum zone_type)z;
			zone->zone_pgdat = pgdat;
			zone->machine = m;
			zone->zone_start_pfn = zs->spanned ? pfn : 0;
			zone->spanned_pages = zs->spanned;
			zone->present_pages = zs->present;
			zone->managed_pages = zs->managed;
			pfn += zs->spanned;
			pgdat->node_spanned_pages += zs->spanned;
			pgdat->node_present_pages += zs->present;
			if (zs->present)
				pgdat->nr_zones = z + 1;
			for (o = 0; o < m->max_order; o++)
				for (t = 0; t < MIGRATE_TYPES; t++)
					zone->free_area[o].free_list[t] =
						machine_new_list_head(m);
			for (cpu = 0; cpu < m->nr_cpus; cpu++) {
				struct per_cpu_pages *pcp = &zone->pageset[cpu].pcp;

				for (t = 0; t < MIGRATE_PCPTYPES; t++)
					pcp->lists[t] = machine_new_list_head(m);
				pcp->high = 0;   /* the boot pageset: high 0, batch 1 */
				pcp->batch = 1;
			}
		}
	}
}

void kthread_enter(struct machine *m, struct kthread_context *save, const char *name,
		   int nid, int pid)
{
	int cpu;

	save->current = m->current;
	save->task = m->current_task;
	save->flags = m->current_flags;
	snprintf(m->current.comm, sizeof(m->current.comm), "%s%d", name, nid);
	m->current.pid = pid;
	for (cpu = 0; cpu < m->nr_cpus; cpu++)
		if (m->cpu_to_node[cpu] == nid)
			break;
	m->current.cpu = cpu < m->nr_cpus ? cpu : 0;
	m->current_task = NULL;
	m->current_flags = 0;
}

void kthread_leave(struct machine *m, const struct kthread_context *save)
{
	m->current = save->current;
	m->current_task = save->task;
	m->current_flags = save->flags;
}

struct machine *machine_create(const struct machine_shape *s,
			       struct mm_error *err)
{
	struct machine *m;
	unsigned long end = s->start_pfn;
	int nid, z, cpu, i;

	if (machine_shape_check(s, err) < 0)
		return NULL;
	m = calloc(1, sizeof(*m));
	if (!m) {
		mm_error_set(err, "out of host memory");
		return NULL;
	}
	m->shape = *s;
	m->max_order = s->max_order;
	m->pageblock_order = s->pageblock_order;
	m->pageblock_nr_pages = 1UL << s->pageblock_order;
	m->nr_cpus = s->nr_cpus;
	m->nr_node_ids = s->nr_nodes;
	m->thp = s->thp;
	for (nid = 0; nid < s->nr_nodes; nid++)
		for (z = 0; z < MAX_NR_ZONES; z++)
			end += s->zones[nid][z].spanned;
	m->max_pfn = end;
	for (cpu = 0; cpu < s->nr_cpus; cpu++)
		m->cpu_to_node[cpu] = s->nr_cpus >= s->nr_nodes
			? cpu * s->nr_nodes / s->nr_cpus : cpu;
	/*
	 * list heads: free lists and pcp lists per zone, the LRU lists per
	 * node, and mmsh's own (held blocks, scratch, the local lists)
	 */
	m->nr_list_heads = (uint32_t)(s->nr_nodes * MAX_NR_ZONES *
		((int)s->max_order * MIGRATE_TYPES + s->nr_cpus * MIGRATE_PCPTYPES) +
		s->nr_nodes * NR_LRU_LISTS + 2 + NR_LOCAL_LISTS);

	if (alloc_machine_memory(m) < 0) {
		machine_destroy(m);
		mm_error_set(err, "out of host memory for a machine of %lu pages", end);
		return NULL;
	}
	init_zones(m, s);
	m->alloc_list = machine_new_list_head(m);
	m->scratch_list = machine_new_list_head(m);
	for (i = 0; i < NR_LOCAL_LISTS; i++)
		m->local_lists[i] = machine_new_list_head(m);

	/* defaults of mm/page_alloc.c */
	m->min_free_kbytes = 1024;
	m->user_min_free_kbytes = -1;
	m->watermark_scale_factor = 10;
	m->watermark_boost_factor = 15000;
	m->sysctl_lowmem_reserve_ratio[ZONE_DMA] = 256;
	m->sysctl_lowmem_reserve_ratio[ZONE_DMA32] = 256;
	m->sysctl_lowmem_reserve_ratio[ZONE_NORMAL] = 32;
	m->sysctl_lowmem_reserve_ratio[ZONE_MOVABLE] = 0;
	strcpy(m->current.comm, "mmsh");
	m->current.pid = 1000;
	m->current.cpu = 0;
	/* mm/vmscan.c, mm/page-writeback.c, mm/oom_kill.c, mm/vmstat.c */
	m->vm_swappiness = 60;
	m->sysctl_extfrag_threshold = 500;
	m->sysctl_compaction_proactiveness = 20;
	m->vm_dirty_ratio = 20;
	m->dirty_background_ratio = 10;
	m->dirty_expire_centisecs = 3000;
	m->dirty_writeback_centisecs = 500;
	m->next_kupdate = 500UL * HZ / 100;
	m->sysctl_oom_dump_tasks = 1;
	m->next_pid = 1001;
	m->disk.latency = DISK_DEFAULT_LATENCY;
	m->swap_pages = s->swap_pages;

	/* the order of start_kernel(), mm_init() and the initcalls */
	memmap_init(m);
	memblock_free_all(m);
	build_all_zonelists(m);
	setup_per_cpu_pageset(m);
	init_per_zone_wmark_min(m);
	hugepage_init(m);
	if (samples_init(m) < 0) {   /* the history `plot` draws, from this boot on */
		machine_destroy(m);
		mm_error_set(err, "out of host memory for a machine of %lu pages", end);
		return NULL;
	}
	return m;
}

/* The machine's heap buffers: machine_destroy(), and what a copy no longer needs. */
static void machine_free_buffers(struct machine *m)
{
	int nid, z, i;

	if (m->tasks)
		for (i = 0; i < MAX_TASKS; i++)
			if (m->tasks[i].used)
				task_free(&m->tasks[i]);
	if (m->files)
		for (i = 0; i < MAX_FILES; i++)
			file_free(&m->files[i]);
	free(m->tasks);
	free(m->files);
	contents_free(&m->contents);
	free(m->tlb_pages);
	free(m->disk.q);
	swap_free_all(m);
	for (nid = 0; nid < m->nr_node_ids; nid++) {
		if (!m->node_data[nid])
			continue;
		for (z = 0; z < MAX_NR_ZONES; z++)
			free(m->node_data[nid]->node_zones[z].pageset);
		free(m->node_data[nid]);
	}
	bitmap24_free(m);
	check_scratch_free(m->check_scratch);
	free(m->check_dirty);
	free(m->alloc_heads);
	free(m->pageblock_flags);
	free(m->mem_map);
	free(m->samples);
}

void machine_destroy(struct machine *m)
{
	if (!m)
		return;
	machine_free_buffers(m);
	free(m);
}

/* ---- snapshots (`undo`, `why`, `step`) ------------------------------------------ */

/*
 * A machine is one struct plus heap buffers whose sizes its own fields
 * give (alloc_machine_memory(), bitmap24_init(), swap_init(), and the
 * buffers workload.c grows: anon_reserve(), file_reserve(), the vmas of
 * fault_file(), disk_submit()'s queue). These are their sizes in bytes.
 */
static unsigned long nr_pageblocks(const struct machine *m)
{
	return (m->max_pfn >> m->pageblock_order) + 1;
}

static size_t mem_map_bytes(const struct machine *m)
{
	return (m->max_pfn + m->nr_list_heads) * sizeof(*m->mem_map);
}

static size_t check_dirty_bytes(const struct machine *m)
{
	return (nr_pageblocks(m) + 63) / 64 * sizeof(*m->check_dirty);
}

static size_t alloc_heads_bytes(const struct machine *m)
{
	return (m->max_pfn + 63) / 64 * sizeof(*m->alloc_heads);
}

static size_t bitmap24_bytes(const struct machine *m, unsigned int order)
{
	return order < m->max_order ? (bitmap24_bits(m, order) + 63) / 64 * sizeof(uint64_t) : 0;
}

static size_t pageset_bytes(const struct machine *m)
{
	return (size_t)m->nr_cpus * sizeof(struct per_cpu_pageset);
}

static size_t vma_pte_bytes(const struct file_vma *vma)
{
	return (vma->len ? vma->len : 1) * sizeof(*vma->pte);
}

/*
 * copy_buf(): a buffer of `bytes` holding the first `used` bytes of from
 * (the rest is never read before it is written): old, the copy's previous
 * buffer of old_bytes, when it has that size, else a new one (old is
 * freed). NULL when from is NULL, or when the host is out of memory.
 */
static void *copy_buf(void *old, size_t old_bytes, const void *from, size_t bytes, size_t used)
{
	void *p = old;

	if (!from || !old || old_bytes != bytes) {
		free(old);
		p = from ? malloc(bytes ? bytes : 1) : NULL;
	}
	if (p && used)
		memcpy(p, from, used);
	return p;
}

/* The copy of a pointer failed: there was something to copy and nothing came back. */
static bool lost(const void *from, const void *copy)
{
	return from && !copy;
}

/*
 * copy_task(): the slot t becomes a copy of `from`. Whatever t held (an
 * earlier copy's task) lends its buffers: its vma array is reused when
 * the counts match, and then each vma's ptes are in place to be reused
 * too. On failure t is still complete enough for task_free().
 */
static int copy_task(struct task *t, const struct task *from)
{
	struct task o = *t;
	int v, rc = 0;

	*t = *from;
	t->anon = copy_buf(o.anon, o.anon_cap * sizeof(*o.anon), from->anon,
			   from->anon_cap * sizeof(*from->anon), from->anon_len * sizeof(*from->anon));
	t->anon_want = copy_buf(o.anon_want, o.anon_cap * sizeof(*o.anon_want), from->anon_want,
				from->anon_cap * sizeof(*from->anon_want),
				from->anon_len * sizeof(*from->anon_want));
	o.anon = NULL;
	o.anon_want = NULL;
	if (lost(from->anon, t->anon) || lost(from->anon_want, t->anon_want))
		rc = -1;
	t->vmas = NULL;
	t->nr_vmas = 0;
	if (from->nr_vmas && o.vmas && o.nr_vmas == from->nr_vmas) {
		t->vmas = o.vmas;   /* its entries still own the old ptes */
		o.vmas = NULL;
		o.nr_vmas = 0;
	} else if (from->nr_vmas) {
		t->vmas = calloc((size_t)from->nr_vmas, sizeof(*t->vmas));
	}
	if (from->nr_vmas && !t->vmas)
		rc = -1;   /* (a vma array with no vmas, left by a failed mmap, is not copied) */
	else
		t->nr_vmas = from->nr_vmas;
	for (v = 0; v < t->nr_vmas && rc == 0; v++) {
		struct file_vma ov = t->vmas[v];
		const struct file_vma *fv = &from->vmas[v];

		t->vmas[v] = *fv;
		t->vmas[v].pte = copy_buf(ov.pte, ov.pte ? vma_pte_bytes(&ov) : 0, fv->pte,
					  vma_pte_bytes(fv), vma_pte_bytes(fv));
		if (lost(fv->pte, t->vmas[v].pte))
			rc = -1;
	}
	task_free(&o);
	return rc;
}

/* copy_file(): the same for a file slot: its cache slots and versions. */
static int copy_file(struct sim_file *fl, const struct sim_file *from)
{
	struct sim_file o = *fl;
	size_t cap = from->cap, ocap = o.cap;

	*fl = *from;
	fl->slot = copy_buf(o.slot, ocap * sizeof(*o.slot), from->slot, cap * sizeof(*from->slot),
			    cap * sizeof(*from->slot));
	fl->version = copy_buf(o.version, ocap * sizeof(*o.version), from->version,
			       cap * sizeof(*from->version), cap * sizeof(*from->version));
	fl->disk_version = copy_buf(o.disk_version, ocap * sizeof(*o.disk_version),
				    from->disk_version, cap * sizeof(*from->disk_version),
				    cap * sizeof(*from->disk_version));
	o.slot = NULL;
	o.version = NULL;
	o.disk_version = NULL;
	file_free(&o);
	if (lost(from->slot, fl->slot) || lost(from->version, fl->version) ||
	    lost(from->disk_version, fl->disk_version))
		return -1;
	return 0;
}

/*
 * copy_nodes(): each pg_data_t and its zones' per-CPU pagesets, then the
 * pointers inside them moved to the copy: a zone's node and machine, and
 * the zonelists, whose zonerefs point into any node's zones.
 */
static int copy_nodes(struct machine *dst, struct machine *old, const struct machine *src)
{
	int nid, z, i, l;

	for (nid = 0; nid < src->nr_node_ids; nid++) {
		const pg_data_t *from = src->node_data[nid];
		pg_data_t *pgdat = old->node_data[nid];
		struct per_cpu_pageset *ps[MAX_NR_ZONES] = { NULL };

		old->node_data[nid] = NULL;
		if (pgdat)
			for (z = 0; z < MAX_NR_ZONES; z++)
				ps[z] = pgdat->node_zones[z].pageset;
		else
			pgdat = malloc(sizeof(*pgdat));
		if (!pgdat)
			return -1;
		*pgdat = *from;
		for (z = 0; z < MAX_NR_ZONES; z++)
			pgdat->node_zones[z].pageset = NULL;
		dst->node_data[nid] = pgdat;
		for (z = 0; z < MAX_NR_ZONES; z++) {
			const struct per_cpu_pageset *fps = from->node_zones[z].pageset;

			pgdat->node_zones[z].pageset = copy_buf(ps[z], pageset_bytes(old), fps,
								pageset_bytes(src), pageset_bytes(src));
			ps[z] = NULL;
			if (lost(fps, pgdat->node_zones[z].pageset)) {
				while (++z < MAX_NR_ZONES)
					free(ps[z]);
				return -1;
			}
		}
	}
	for (nid = 0; nid < src->nr_node_ids; nid++) {
		pg_data_t *pgdat = dst->node_data[nid];

		pgdat->machine = dst;
		for (z = 0; z < MAX_NR_ZONES; z++) {
			pgdat->node_zones[z].zone_pgdat = pgdat;
			pgdat->node_zones[z].machine = dst;
		}
		for (l = 0; l < MAX_ZONELISTS; l++)
			for (i = 0; i <= MAX_ZONES_PER_ZONELIST; i++) {
				struct zoneref *zr = &pgdat->node_zonelists[l]._zonerefs[i];

				if (zr->zone)   /* still src's zone */
					zr->zone = &dst->node_data[zone_to_nid(zr->zone)]
						->node_zones[zone_idx(zr->zone)];
			}
	}
	return 0;
}

/* copy_memory(): mem_map and the arrays indexed by pfn or pageblock. */
static int copy_memory(struct machine *dst, struct machine *old, const struct machine *src)
{
	unsigned int o;

	dst->mem_map = copy_buf(old->mem_map, mem_map_bytes(old), src->mem_map,
				mem_map_bytes(src), mem_map_bytes(src));
	old->mem_map = NULL;
	dst->pageblock_flags = copy_buf(old->pageblock_flags, nr_pageblocks(old),
					src->pageblock_flags, nr_pageblocks(src),
					nr_pageblocks(src));
	old->pageblock_flags = NULL;
	dst->check_dirty = copy_buf(old->check_dirty, check_dirty_bytes(old), src->check_dirty,
				    check_dirty_bytes(src), check_dirty_bytes(src));
	old->check_dirty = NULL;
	dst->alloc_heads = copy_buf(old->alloc_heads, alloc_heads_bytes(old), src->alloc_heads,
				    alloc_heads_bytes(src), alloc_heads_bytes(src));
	old->alloc_heads = NULL;
	if (lost(src->mem_map, dst->mem_map) || lost(src->pageblock_flags, dst->pageblock_flags) ||
	    lost(src->check_dirty, dst->check_dirty) || lost(src->alloc_heads, dst->alloc_heads) ||
	    contents_copy(&dst->contents, &old->contents, &src->contents) < 0)
		return -1;
	for (o = 0; o < src->max_order; o++) {
		dst->bitmap24[o] = copy_buf(old->bitmap24[o], bitmap24_bytes(old, o), src->bitmap24[o],
					    bitmap24_bytes(src, o), bitmap24_bytes(src, o));
		old->bitmap24[o] = NULL;
		if (lost(src->bitmap24[o], dst->bitmap24[o]))
			return -1;
	}
	/* check()'s scratch, sized by max_pfn: ready for any machine of that size */
	if (old->max_pfn == src->max_pfn) {
		dst->check_scratch = old->check_scratch;
		old->check_scratch = NULL;
	}
	return 0;
}

/* copy_owners(): tasks, files, the swap device, the disk queue, the mmu_gather. */
static int copy_owners(struct machine *dst, struct machine *old, const struct machine *src)
{
	const struct swap_device *fs = &src->swap, *os = &old->swap;
	int i;

	dst->tlb_pages = copy_buf(old->tlb_pages, MMU_GATHER_PAGES * sizeof(*old->tlb_pages),
				  src->tlb_pages, MMU_GATHER_PAGES * sizeof(*src->tlb_pages),
				  MMU_GATHER_PAGES * sizeof(*src->tlb_pages));
	old->tlb_pages = NULL;
	dst->disk.q = copy_buf(old->disk.q, old->disk.cap * sizeof(*old->disk.q), src->disk.q,
			       src->disk.cap * sizeof(*src->disk.q), src->disk.n * sizeof(*src->disk.q));
	old->disk.q = NULL;
	dst->swap.map = copy_buf(os->map, os->nr_slots * sizeof(*os->map), fs->map,
				 fs->nr_slots * sizeof(*fs->map), fs->nr_slots * sizeof(*fs->map));
	dst->swap.cache = copy_buf(os->cache, os->nr_slots * sizeof(*os->cache), fs->cache,
				   fs->nr_slots * sizeof(*fs->cache), fs->nr_slots * sizeof(*fs->cache));
	old->swap.map = NULL;
	old->swap.cache = NULL;
	if (lost(src->tlb_pages, dst->tlb_pages) || lost(src->disk.q, dst->disk.q) ||
	    lost(fs->map, dst->swap.map) || lost(fs->cache, dst->swap.cache) ||
	    contents_copy(&dst->swap.data, &old->swap.data, &fs->data) < 0)
		return -1;

	/* the slot arrays: the old ones are reused slot by slot */
	dst->tasks = old->tasks ? old->tasks : calloc(MAX_TASKS, sizeof(*dst->tasks));
	old->tasks = NULL;
	if (!dst->tasks)
		return -1;
	for (i = 0; i < MAX_TASKS; i++)
		if (copy_task(&dst->tasks[i], &src->tasks[i]) < 0)
			return -1;
	if (src->current_task)
		dst->current_task = dst->tasks + (src->current_task - src->tasks);
	dst->files = old->files ? old->files : calloc(MAX_FILES, sizeof(*dst->files));
	old->files = NULL;
	if (!dst->files)
		return -1;
	for (i = 0; i < MAX_FILES; i++)
		if (copy_file(&dst->files[i], &src->files[i]) < 0)
			return -1;
	return 0;
}

/*
 * machine_copy(): a struct assignment copies every plain field (so a new
 * one is copied without anyone remembering to); then the heap buffers are
 * detached from src's, copied and their internal pointers moved. What dst
 * held before is kept in `old` and lends its buffers; whatever it had
 * left over is freed at the end.
 */
int machine_copy(struct machine *dst, const struct machine *src)
{
	struct machine old;
	unsigned int o;
	int nid, rc;

	if (dst == src)
		return 0;
	old = *dst;
	*dst = *src;
	/* nothing of src's may stay in dst: its buffers ... */
	dst->mem_map = NULL;
	dst->pageblock_flags = NULL;
	for (o = 0; o < MAX_ORDER_LIMIT; o++)
		dst->bitmap24[o] = NULL;
	for (nid = 0; nid < MAX_NUMNODES; nid++)
		dst->node_data[nid] = NULL;
	dst->alloc_heads = NULL;
	dst->tasks = NULL;
	dst->current_task = NULL;
	dst->files = NULL;
	dst->swap.map = NULL;
	memset(&dst->swap.data, 0, sizeof(dst->swap.data));
	dst->swap.cache = NULL;
	dst->disk.q = NULL;
	memset(&dst->contents, 0, sizeof(dst->contents));
	dst->tlb_pages = NULL;
	dst->check_scratch = NULL;
	dst->check_dirty = NULL;
	dst->samples = NULL;
	/* ... a capture in progress (copies are taken between commands) ... */
	dst->capc = NULL;
	/* ... and its subscribers: the caller subscribes to the copy */
	dst->trace_mask = 0;
	dst->trace_cb = NULL;
	dst->trace_arg = NULL;
	dst->kstep_cb = NULL;
	dst->kstep_arg = NULL;
	dst->log_cb = NULL;
	dst->log_arg = NULL;

	rc = copy_memory(dst, &old, src);
	if (rc == 0)
		rc = copy_nodes(dst, &old, src);
	if (rc == 0)
		rc = copy_owners(dst, &old, src);
	if (rc == 0) {   /* the samples of `plot`: one buffer without pointers */
		dst->samples = copy_buf(old.samples, samples_bytes(&old), src->samples,
					samples_bytes(src), samples_bytes(src));
		old.samples = NULL;
		if (lost(src->samples, dst->samples))
			rc = -1;
	}
	machine_free_buffers(&old);
	return rc;
}

struct machine *machine_clone(const struct machine *src)
{
	struct machine *m = calloc(1, sizeof(*m));

	if (!m)
		return NULL;
	if (machine_copy(m, src) < 0) {
		machine_destroy(m);
		return NULL;
	}
	return m;
}

size_t machine_bytes(const struct machine *m)
{
	size_t bytes = sizeof(*m) + mem_map_bytes(m) + nr_pageblocks(m) + check_dirty_bytes(m) +
		       alloc_heads_bytes(m) + contents_bytes(&m->contents) + samples_bytes(m);
	unsigned int o;
	int i, v;

	for (o = 0; o < m->max_order; o++)
		bytes += bitmap24_bytes(m, o);
	bytes += (size_t)m->nr_node_ids * (sizeof(pg_data_t) + MAX_NR_ZONES * pageset_bytes(m));
	bytes += MMU_GATHER_PAGES * sizeof(*m->tlb_pages);
	bytes += m->disk.cap * sizeof(*m->disk.q);
	if (m->swap.map)
		bytes += m->swap.nr_slots * (sizeof(*m->swap.map) + sizeof(*m->swap.cache));
	bytes += contents_bytes(&m->swap.data);
	bytes += MAX_TASKS * sizeof(*m->tasks) + MAX_FILES * sizeof(*m->files);
	for (i = 0; m->tasks && i < MAX_TASKS; i++) {
		const struct task *t = &m->tasks[i];

		bytes += t->anon_cap * (sizeof(*t->anon) + sizeof(*t->anon_want));
		bytes += (size_t)t->nr_vmas * sizeof(*t->vmas);
		for (v = 0; v < t->nr_vmas; v++)
			bytes += vma_pte_bytes(&t->vmas[v]);
	}
	for (i = 0; m->files && i < MAX_FILES; i++)
		bytes += m->files[i].cap * (sizeof(*m->files[i].slot) +
					    sizeof(*m->files[i].version) +
					    sizeof(*m->files[i].disk_version));
	return bytes;
}
