/*
 * src/engine/procfs.c: /proc/buddyinfo, /proc/pagetypeinfo, /proc/zoneinfo,
 * /proc/vmstat (mm/vmstat.c) and /proc/meminfo (fs/proc/meminfo.c) of Linux
 * 5.10, printed from the engine's state with the kernel's format strings.
 */
#include <stdio.h>

#include "mmsh/list.h"
#include "mmsh/page_alloc.h"
#include "mmsh/pcp.h"
#include "mmsh/procfs.h"
#include "mmsh/records.h"
#include "mmsh/swap.h"
#include "mmsh/workload.h"

void proc_buddyinfo(struct machine *m, struct strbuf *sb)
{
	int nid, z;
	unsigned int o;

	for (nid = 0; nid < m->nr_node_ids; nid++)
		for (z = 0; z < MAX_NR_ZONES; z++) {
			struct zone *zone = &m->node_data[nid]->node_zones[z];

			if (!populated_zone(zone))
				continue;
			sb_printf(sb, "Node %d, zone %8s ", nid, zone->name);
			for (o = 0; o < m->max_order; o++)
				sb_printf(sb, "%6lu ", zone->free_area[o].nr_free);
			sb_putc(sb, '\n');
		}
}

const char *const buddyinfo_cols[] = { "node", "zone", "order", "nr_free", NULL };

/* buddyinfo as records: one row per populated zone and order. */
void rec_buddyinfo(struct machine *m, struct table *t)
{
	int nid, z;
	unsigned int o;

	for (nid = 0; nid < m->nr_node_ids; nid++)
		for (z = 0; z < MAX_NR_ZONES; z++) {
			struct zone *zone = &m->node_data[nid]->node_zones[z];

			if (!populated_zone(zone))
				continue;
			for (o = 0; o < m->max_order; o++) {
				table_row(t);
				table_int(t, "node", nid);
				table_str(t, "zone", zone->name);
				table_uint(t, "order", o);
				table_uint(t, "nr_free", zone->free_area[o].nr_free);
			}
		}
}

/*
 * pagetypeinfo stops counting at PAGETYPEINFO_CAP and says so (">"). The
 * kernel walks the list that far; mmsh knows its length (nr_free_mt) and
 * prints the same.
 */
static unsigned long count_free_list(const struct free_area *area, int mt, bool *overflow)
{
	unsigned long n = area->nr_free_mt[mt];

	if (n > PAGETYPEINFO_CAP)
		n = PAGETYPEINFO_CAP;
	*overflow = n >= PAGETYPEINFO_CAP;
	return n;
}

/* How many pageblocks of the zone have each migratetype. */
static void count_pageblocks(struct machine *m, struct zone *zone,
			     unsigned long count[MIGRATE_TYPES])
{
	unsigned long pfn;
	int t;

	for (t = 0; t < MIGRATE_TYPES; t++)
		count[t] = 0;
	for (pfn = zone->zone_start_pfn; pfn < zone_end_pfn(zone); pfn += m->pageblock_nr_pages)
		count[get_pfnblock_migratetype(m, pfn)]++;
}

static void pagetypeinfo_node(struct machine *m, pg_data_t *pgdat,
			      struct strbuf *sb)
{
	int z, t;
	unsigned int o;

	sb_printf(sb, "Page block order: %u\n", m->pageblock_order);
	sb_printf(sb, "Pages per block:  %lu\n", m->pageblock_nr_pages);
	sb_putc(sb, '\n');
	sb_printf(sb, "%-43s ", "Free pages count per migrate type at order");
	for (o = 0; o < m->max_order; o++)
		sb_printf(sb, "%6u ", o);
	sb_putc(sb, '\n');
	for (z = 0; z < MAX_NR_ZONES; z++) {
		struct zone *zone = &pgdat->node_zones[z];

		if (!populated_zone(zone))
			continue;
		for (t = 0; t < MIGRATE_TYPES; t++) {
			sb_printf(sb, "Node %4d, zone %8s, type %12s ", pgdat->node_id,
				  zone->name, migratetype_names[t]);
			for (o = 0; o < m->max_order; o++) {
				bool overflow;
				unsigned long n = count_free_list(&zone->free_area[o], t,
								  &overflow);

				sb_printf(sb, "%s%6lu ", overflow ? ">" : "", n);
			}
			sb_putc(sb, '\n');
		}
	}
	sb_printf(sb, "\n%-23s", "Number of blocks type ");
	for (t = 0; t < MIGRATE_TYPES; t++)
		sb_printf(sb, "%12s ", migratetype_names[t]);
	sb_putc(sb, '\n');
	for (z = 0; z < MAX_NR_ZONES; z++) {
		struct zone *zone = &pgdat->node_zones[z];
		unsigned long count[MIGRATE_TYPES];

		if (!populated_zone(zone))
			continue;
		count_pageblocks(m, zone, count);
		sb_printf(sb, "Node %d, zone %8s ", pgdat->node_id, zone->name);
		for (t = 0; t < MIGRATE_TYPES; t++)
			sb_printf(sb, "%12lu ", count[t]);
		sb_putc(sb, '\n');
	}
}

void proc_pagetypeinfo(struct machine *m, struct strbuf *sb)
{
	int nid;

	for (nid = 0; nid < m->nr_node_ids; nid++)
		if (m->node_data[nid]->node_present_pages)
			pagetypeinfo_node(m, m->node_data[nid], sb);
}

const char *const pagetypeinfo_cols[] = {
	"node", "zone", "migratetype", "order", "nr_free", "capped", "blocks", NULL,
};

/*
 * pagetypeinfo as records: one row per populated zone, migratetype and
 * order. capped: the list was counted only up to 100000 (">" in the
 * file); blocks: the zone's pageblocks of that migratetype, the same on
 * every order's row.
 */
void rec_pagetypeinfo(struct machine *m, struct table *t)
{
	int nid, z, mt;
	unsigned int o;

	for (nid = 0; nid < m->nr_node_ids; nid++)
		for (z = 0; z < MAX_NR_ZONES; z++) {
			struct zone *zone = &m->node_data[nid]->node_zones[z];
			unsigned long count[MIGRATE_TYPES];

			if (!populated_zone(zone))
				continue;
			count_pageblocks(m, zone, count);
			for (mt = 0; mt < MIGRATE_TYPES; mt++)
				for (o = 0; o < m->max_order; o++) {
					bool capped;
					unsigned long n = count_free_list(&zone->free_area[o], mt,
									  &capped);

					table_row(t);
					table_int(t, "node", nid);
					table_str(t, "zone", zone->name);
					table_str(t, "migratetype", migratetype_names[mt]);
					table_uint(t, "order", o);
					table_uint(t, "nr_free", n);
					table_bool(t, "capped", capped);
					table_uint(t, "blocks", count[mt]);
				}
		}
}

static bool is_zone_first_populated(pg_data_t *pgdat, struct zone *zone)
{
	int z;

	for (z = 0; z < MAX_NR_ZONES; z++)
		if (populated_zone(&pgdat->node_zones[z]))
			return zone == &pgdat->node_zones[z];
	return false;
}

static void zoneinfo_zone(struct machine *m, pg_data_t *pgdat, struct zone *zone,
			  struct strbuf *sb)
{
	int i, cpu;

	sb_printf(sb, "Node %d, zone %8s", pgdat->node_id, zone->name);
	if (is_zone_first_populated(pgdat, zone)) {
		sb_puts(sb, "\n  per-node stats");
		for (i = 0; i < NR_VM_NODE_STAT_ITEMS; i++)
			sb_printf(sb, "\n      %-12s %lu", node_stat_names[i].name,
				  (unsigned long)pgdat->vm_stat[i]);
	}
	sb_printf(sb,
		  "\n  pages free     %lu"
		  "\n        min      %lu"
		  "\n        low      %lu"
		  "\n        high     %lu"
		  "\n        spanned  %lu"
		  "\n        present  %lu"
		  "\n        managed  %lu",
		  (unsigned long)zone_page_state(zone, NR_FREE_PAGES),
		  min_wmark_pages(zone), low_wmark_pages(zone), high_wmark_pages(zone),
		  zone->spanned_pages, zone->present_pages, zone_managed_pages(zone));
	sb_printf(sb, "\n        protection: (%ld", zone->lowmem_reserve[0]);
	for (i = 1; i < MAX_NR_ZONES; i++)
		sb_printf(sb, ", %ld", zone->lowmem_reserve[i]);
	sb_putc(sb, ')');
	if (!populated_zone(zone)) {
		sb_putc(sb, '\n');
		return;
	}
	for (i = 0; i < NR_VM_ZONE_STAT_ITEMS; i++)
		sb_printf(sb, "\n      %-12s %lu", zone_stat_names[i].name,
			  (unsigned long)zone->vm_stat[i]);
	for (i = 0; i < NR_VM_NUMA_STAT_ITEMS; i++)
		sb_printf(sb, "\n      %-12s %lu", numa_stat_names[i].name,
			  zone->vm_numa_stat[i]);
	sb_puts(sb, "\n  pagesets");
	for (cpu = 0; cpu < m->nr_cpus; cpu++) {
		struct per_cpu_pageset *p = &zone->pageset[cpu];

		sb_printf(sb,
			  "\n    cpu: %i"
			  "\n              count: %i"
			  "\n              high:  %i"
			  "\n              batch: %i",
			  cpu, p->pcp.count, p->pcp.high, p->pcp.batch);
		sb_printf(sb, "\n  vm stats threshold: %d", p->stat_threshold);
	}
	sb_printf(sb,
		  "\n  node_unreclaimable:  %u"
		  "\n  start_pfn:           %lu",
		  pgdat->kswapd_failures >= MAX_RECLAIM_RETRIES,
		  zone->zone_start_pfn);
	sb_putc(sb, '\n');
}

void proc_zoneinfo(struct machine *m, struct strbuf *sb)
{
	int nid, z;

	for (nid = 0; nid < m->nr_node_ids; nid++)
		for (z = 0; z < MAX_NR_ZONES; z++)
			zoneinfo_zone(m, m->node_data[nid],
				      &m->node_data[nid]->node_zones[z], sb);
}

const char *const zoneinfo_cols[] = { "node", "zone", "cpu", "field", "value", NULL };

/* One zoneinfo value: cpu < 0 and zone NULL leave those cells empty. */
static void zoneinfo_rec(struct table *t, int nid, const struct zone *zone, int cpu,
			 const char *field, long long value)
{
	table_row(t);
	table_int(t, "node", nid);
	if (zone)
		table_str(t, "zone", zone->name);
	if (cpu >= 0)
		table_int(t, "cpu", cpu);
	table_str(t, "field", field);
	table_int(t, "value", value);
}

/*
 * zoneinfo as records, in the file's order: the node's stats (zone
 * empty) before its first populated zone; "pages free" is pages_free,
 * protection a list, the pagesets pcp_count, pcp_high, pcp_batch and
 * stat_threshold with their cpu.
 */
void rec_zoneinfo(struct machine *m, struct table *t)
{
	int nid, z, i, cpu;

	for (nid = 0; nid < m->nr_node_ids; nid++)
		for (z = 0; z < MAX_NR_ZONES; z++) {
			pg_data_t *pgdat = m->node_data[nid];
			struct zone *zone = &pgdat->node_zones[z];

			if (is_zone_first_populated(pgdat, zone))
				for (i = 0; i < NR_VM_NODE_STAT_ITEMS; i++)
					zoneinfo_rec(t, nid, NULL, -1, node_stat_names[i].name,
						     (long long)pgdat->vm_stat[i]);
			zoneinfo_rec(t, nid, zone, -1, "pages_free",
				     (long long)zone_page_state(zone, NR_FREE_PAGES));
			zoneinfo_rec(t, nid, zone, -1, "min", (long long)min_wmark_pages(zone));
			zoneinfo_rec(t, nid, zone, -1, "low", (long long)low_wmark_pages(zone));
			zoneinfo_rec(t, nid, zone, -1, "high", (long long)high_wmark_pages(zone));
			zoneinfo_rec(t, nid, zone, -1, "spanned", (long long)zone->spanned_pages);
			zoneinfo_rec(t, nid, zone, -1, "present", (long long)zone->present_pages);
			zoneinfo_rec(t, nid, zone, -1, "managed", (long long)zone_managed_pages(zone));
			zoneinfo_rec(t, nid, zone, -1, "protection", 0);
			table_list(t, "value");
			for (i = 0; i < MAX_NR_ZONES; i++)
				table_list_int(t, "value", zone->lowmem_reserve[i]);
			if (!populated_zone(zone))
				continue;
			for (i = 0; i < NR_VM_ZONE_STAT_ITEMS; i++)
				zoneinfo_rec(t, nid, zone, -1, zone_stat_names[i].name,
					     (long long)zone->vm_stat[i]);
			for (i = 0; i < NR_VM_NUMA_STAT_ITEMS; i++)
				zoneinfo_rec(t, nid, zone, -1, numa_stat_names[i].name,
					     (long long)zone->vm_numa_stat[i]);
			for (cpu = 0; cpu < m->nr_cpus; cpu++) {
				struct per_cpu_pageset *p = &zone->pageset[cpu];

				zoneinfo_rec(t, nid, zone, cpu, "pcp_count", p->pcp.count);
				zoneinfo_rec(t, nid, zone, cpu, "pcp_high", p->pcp.high);
				zoneinfo_rec(t, nid, zone, cpu, "pcp_batch", p->pcp.batch);
				zoneinfo_rec(t, nid, zone, cpu, "stat_threshold", p->stat_threshold);
			}
			zoneinfo_rec(t, nid, zone, -1, "node_unreclaimable",
				     pgdat->kswapd_failures >= MAX_RECLAIM_RETRIES);
			zoneinfo_rec(t, nid, zone, -1, "start_pfn", (long long)zone->zone_start_pfn);
		}
}

const char *const vmstat_cols[] = { "field", "value", NULL };

static void vmstat_rec(struct table *t, const char *field, unsigned long value)
{
	table_row(t);
	table_str(t, "field", field);
	table_uint(t, "value", value);
}

/*
 * /proc/vmstat's items: zone, NUMA and node items, then the events, then
 * the literal "nr_unstable 0". mmsh lists the counters it maintains.
 */
void rec_vmstat(struct machine *m, struct table *t)
{
	unsigned long bg, thresh;
	int i;

	for (i = 0; i < NR_VM_ZONE_STAT_ITEMS; i++)
		if (zone_stat_names[i].modelled)
			vmstat_rec(t, zone_stat_names[i].name,
				   global_zone_page_state(m, (enum zone_stat_item)i));
	for (i = 0; i < NR_VM_NUMA_STAT_ITEMS; i++)
		if (numa_stat_names[i].modelled)
			vmstat_rec(t, numa_stat_names[i].name,
				   global_numa_state(m, (enum numa_stat_item)i));
	for (i = 0; i < NR_VM_NODE_STAT_ITEMS; i++)
		if (node_stat_names[i].modelled)
			vmstat_rec(t, node_stat_names[i].name,
				   global_node_page_state(m, (enum node_stat_item)i));
	global_dirty_limits(m, &bg, &thresh);
	vmstat_rec(t, "nr_dirty_threshold", thresh);
	vmstat_rec(t, "nr_dirty_background_threshold", bg);
	for (i = 0; i < NR_VM_EVENT_ITEMS; i++) {
		unsigned long v = m->vm_events[i];

		if (!vm_event_names[i].modelled)
			continue;
		if (i == PGPGIN || i == PGPGOUT)
			v /= 2;   /* sectors to kB */
		vmstat_rec(t, vm_event_names[i].name, v);
	}
	vmstat_rec(t, "nr_unstable", 0);
}

/* mm/vmstat.c: vmstat_show() — "name value", one item a line. */
void proc_vmstat(struct machine *m, struct strbuf *sb)
{
	struct table t;
	size_t r;

	table_init(&t, vmstat_cols);
	rec_vmstat(m, &t);
	for (r = 0; r < t.nrows; r++)
		sb_printf(sb, "%s %llu\n", table_s(&t, r, "field"), table_u(&t, r, "value"));
	if (t.oom)
		sb->oom = true;
	table_free(&t);
}

/*
 * si_mem_available(): free pages minus the reserves, plus the part of
 * the page cache and reclaimable slab that can go without falling under
 * the low watermarks.
 */
long si_mem_available(struct machine *m)
{
	unsigned long wmark_low = 0, pagecache, reclaimable;
	long available;
	int nid, z;

	for (nid = 0; nid < m->nr_node_ids; nid++)
		for (z = 0; z < MAX_NR_ZONES; z++)
			wmark_low += low_wmark_pages(&m->node_data[nid]->node_zones[z]);
	available = (long)global_zone_page_state(m, NR_FREE_PAGES) -
		    (long)m->totalreserve_pages;
	pagecache = global_node_page_state(m, NR_ACTIVE_FILE) +
		    global_node_page_state(m, NR_INACTIVE_FILE);
	pagecache -= pagecache / 2 < wmark_low ? pagecache / 2 : wmark_low;
	available += (long)pagecache;
	reclaimable = global_node_page_state(m, NR_SLAB_RECLAIMABLE_B) +
		      global_node_page_state(m, NR_KERNEL_MISC_RECLAIMABLE);
	available += (long)reclaimable -
		     (long)(reclaimable / 2 < wmark_low ? reclaimable / 2 : wmark_low);
	return available < 0 ? 0 : available;
}

const char *const meminfo_cols[] = { "field", "kb", NULL };

static void show_val_kb(struct table *t, const char *field, unsigned long pages)
{
	table_row(t);
	table_str(t, "field", field);
	table_uint(t, "kb", K(pages));
}

/* fs/proc/meminfo.c: meminfo_proc_show()'s values, one row each, in kB. */
void rec_meminfo(struct machine *m, struct table *t)
{
	unsigned long swapcache = m->swap.cache_pages;
	unsigned long cached = global_node_page_state(m, NR_FILE_PAGES) - swapcache;
	unsigned long slab_r = global_node_page_state(m, NR_SLAB_RECLAIMABLE_B);
	unsigned long slab_u = global_node_page_state(m, NR_SLAB_UNRECLAIMABLE_B);

	show_val_kb(t, "MemTotal", m->totalram_pages);
	show_val_kb(t, "MemFree", global_zone_page_state(m, NR_FREE_PAGES));
	show_val_kb(t, "MemAvailable", (unsigned long)si_mem_available(m));
	show_val_kb(t, "Buffers", 0);
	show_val_kb(t, "Cached", cached);
	show_val_kb(t, "SwapCached", swapcache);
	show_val_kb(t, "Active", global_node_page_state(m, NR_ACTIVE_ANON) +
				 global_node_page_state(m, NR_ACTIVE_FILE));
	show_val_kb(t, "Inactive", global_node_page_state(m, NR_INACTIVE_ANON) +
				   global_node_page_state(m, NR_INACTIVE_FILE));
	show_val_kb(t, "Active(anon)", global_node_page_state(m, NR_ACTIVE_ANON));
	show_val_kb(t, "Inactive(anon)", global_node_page_state(m, NR_INACTIVE_ANON));
	show_val_kb(t, "Active(file)", global_node_page_state(m, NR_ACTIVE_FILE));
	show_val_kb(t, "Inactive(file)", global_node_page_state(m, NR_INACTIVE_FILE));
	show_val_kb(t, "Unevictable", global_node_page_state(m, NR_UNEVICTABLE));
	show_val_kb(t, "Mlocked", global_zone_page_state(m, NR_MLOCK));
	show_val_kb(t, "SwapTotal", m->swap.pages);
	show_val_kb(t, "SwapFree", get_nr_swap_pages(m));
	show_val_kb(t, "Dirty", global_node_page_state(m, NR_FILE_DIRTY));
	show_val_kb(t, "Writeback", global_node_page_state(m, NR_WRITEBACK));
	show_val_kb(t, "AnonPages", global_node_page_state(m, NR_ANON_MAPPED));
	show_val_kb(t, "Mapped", global_node_page_state(m, NR_FILE_MAPPED));
	show_val_kb(t, "Shmem", global_node_page_state(m, NR_SHMEM));
	show_val_kb(t, "KReclaimable", slab_r +
		    global_node_page_state(m, NR_KERNEL_MISC_RECLAIMABLE));
	show_val_kb(t, "Slab", slab_r + slab_u);
	show_val_kb(t, "SReclaimable", slab_r);
	show_val_kb(t, "SUnreclaim", slab_u);
	table_row(t);   /* kept in kB already: no page conversion */
	table_str(t, "field", "KernelStack");
	table_uint(t, "kb", global_node_page_state(m, NR_KERNEL_STACK_KB));
	show_val_kb(t, "PageTables", global_zone_page_state(m, NR_PAGETABLE));
	show_val_kb(t, "NFS_Unstable", 0);
	show_val_kb(t, "Bounce", global_zone_page_state(m, NR_BOUNCE));
	show_val_kb(t, "WritebackTmp", global_node_page_state(m, NR_WRITEBACK_TEMP));
	show_val_kb(t, "CmaTotal", 0);
	show_val_kb(t, "CmaFree", global_zone_page_state(m, NR_FREE_CMA_PAGES));
}

/* fs/proc/meminfo.c: meminfo_proc_show() — "Label:" padded to 16, the value in 8, "kB". */
void proc_meminfo(struct machine *m, struct strbuf *sb)
{
	struct table t;
	char label[32];
	size_t r;

	table_init(&t, meminfo_cols);
	rec_meminfo(m, &t);
	for (r = 0; r < t.nrows; r++) {
		snprintf(label, sizeof(label), "%s:", table_s(&t, r, "field"));
		sb_printf(sb, "%-16s%8llu kB\n", label, table_u(&t, r, "kb"));
	}
	if (t.oom)
		sb->oom = true;
	table_free(&t);
}
