/*
 * src/engine/procfs.c: /proc/buddyinfo, /proc/pagetypeinfo, /proc/zoneinfo,
 * /proc/vmstat (mm/vmstat.c) and /proc/meminfo (fs/proc/meminfo.c) of Linux
 * 5.10, printed from the engine's state with the kernel's format strings.
 */
#include "mmsh/list.h"
#include "mmsh/page_alloc.h"
#include "mmsh/pcp.h"
#include "mmsh/procfs.h"
#include "mmsh/swap.h"
#include "mmsh/workload.h"

/* pagetypeinfo stops counting a free list here and prints ">". */
#define PAGETYPEINFO_CAP 100000UL

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

static unsigned long count_free_list(struct machine *m, uint32_t head,
				     bool *overflow)
{
	unsigned long n = 0;
	uint32_t id;

	*overflow = false;
	for (id = list_first(m->mem_map, head); id != head;
	     id = list_next(m->mem_map, id)) {
		if (++n >= PAGETYPEINFO_CAP) {
			*overflow = true;
			break;
		}
	}
	return n;
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
				unsigned long n = count_free_list(m,
					zone->free_area[o].free_list[t], &overflow);

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
		unsigned long count[MIGRATE_TYPES] = { 0 }, pfn;

		if (!populated_zone(zone))
			continue;
		for (pfn = zone->zone_start_pfn; pfn < zone_end_pfn(zone);
		     pfn += m->pageblock_nr_pages)
			count[get_pfnblock_migratetype(m, pfn)]++;
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

/*
 * /proc/vmstat: zone, NUMA and node items, then the events, then the
 * literal "nr_unstable 0". mmsh prints the counters it maintains.
 */
void proc_vmstat(struct machine *m, struct strbuf *sb)
{
	unsigned long bg, thresh;
	int i;

	for (i = 0; i < NR_VM_ZONE_STAT_ITEMS; i++)
		if (zone_stat_names[i].modelled)
			sb_printf(sb, "%s %lu\n", zone_stat_names[i].name,
				  global_zone_page_state(m, (enum zone_stat_item)i));
	for (i = 0; i < NR_VM_NUMA_STAT_ITEMS; i++)
		if (numa_stat_names[i].modelled)
			sb_printf(sb, "%s %lu\n", numa_stat_names[i].name,
				  global_numa_state(m, (enum numa_stat_item)i));
	for (i = 0; i < NR_VM_NODE_STAT_ITEMS; i++)
		if (node_stat_names[i].modelled)
			sb_printf(sb, "%s %lu\n", node_stat_names[i].name,
				  global_node_page_state(m, (enum node_stat_item)i));
	global_dirty_limits(m, &bg, &thresh);
	sb_printf(sb, "nr_dirty_threshold %lu\nnr_dirty_background_threshold %lu\n", thresh, bg);
	for (i = 0; i < NR_VM_EVENT_ITEMS; i++) {
		unsigned long v = m->vm_events[i];

		if (!vm_event_names[i].modelled)
			continue;
		if (i == PGPGIN || i == PGPGOUT)
			v /= 2;   /* sectors to kB */
		sb_printf(sb, "%s %lu\n", vm_event_names[i].name, v);
	}
	sb_puts(sb, "nr_unstable 0\n");
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

static void show_val_kb(struct strbuf *sb, const char *label, unsigned long pages)
{
	sb_printf(sb, "%-16s%8lu kB\n", label, K(pages));
}

void proc_meminfo(struct machine *m, struct strbuf *sb)
{
	unsigned long swapcache = m->swap.cache_pages;
	unsigned long cached = global_node_page_state(m, NR_FILE_PAGES) - swapcache;
	unsigned long slab_r = global_node_page_state(m, NR_SLAB_RECLAIMABLE_B);
	unsigned long slab_u = global_node_page_state(m, NR_SLAB_UNRECLAIMABLE_B);

	show_val_kb(sb, "MemTotal:", m->totalram_pages);
	show_val_kb(sb, "MemFree:", global_zone_page_state(m, NR_FREE_PAGES));
	show_val_kb(sb, "MemAvailable:", (unsigned long)si_mem_available(m));
	show_val_kb(sb, "Buffers:", 0);
	show_val_kb(sb, "Cached:", cached);
	show_val_kb(sb, "SwapCached:", swapcache);
	show_val_kb(sb, "Active:", global_node_page_state(m, NR_ACTIVE_ANON) +
				   global_node_page_state(m, NR_ACTIVE_FILE));
	show_val_kb(sb, "Inactive:", global_node_page_state(m, NR_INACTIVE_ANON) +
				     global_node_page_state(m, NR_INACTIVE_FILE));
	show_val_kb(sb, "Active(anon):", global_node_page_state(m, NR_ACTIVE_ANON));
	show_val_kb(sb, "Inactive(anon):", global_node_page_state(m, NR_INACTIVE_ANON));
	show_val_kb(sb, "Active(file):", global_node_page_state(m, NR_ACTIVE_FILE));
	show_val_kb(sb, "Inactive(file):", global_node_page_state(m, NR_INACTIVE_FILE));
	show_val_kb(sb, "Unevictable:", global_node_page_state(m, NR_UNEVICTABLE));
	show_val_kb(sb, "Mlocked:", global_zone_page_state(m, NR_MLOCK));
	show_val_kb(sb, "SwapTotal:", m->swap.pages);
	show_val_kb(sb, "SwapFree:", get_nr_swap_pages(m));
	show_val_kb(sb, "Dirty:", global_node_page_state(m, NR_FILE_DIRTY));
	show_val_kb(sb, "Writeback:", global_node_page_state(m, NR_WRITEBACK));
	show_val_kb(sb, "AnonPages:", global_node_page_state(m, NR_ANON_MAPPED));
	show_val_kb(sb, "Mapped:", global_node_page_state(m, NR_FILE_MAPPED));
	show_val_kb(sb, "Shmem:", global_node_page_state(m, NR_SHMEM));
	show_val_kb(sb, "KReclaimable:", slab_r +
		    global_node_page_state(m, NR_KERNEL_MISC_RECLAIMABLE));
	show_val_kb(sb, "Slab:", slab_r + slab_u);
	show_val_kb(sb, "SReclaimable:", slab_r);
	show_val_kb(sb, "SUnreclaim:", slab_u);
	sb_printf(sb, "KernelStack:    %8lu kB\n",
		  global_node_page_state(m, NR_KERNEL_STACK_KB));
	show_val_kb(sb, "PageTables:", global_zone_page_state(m, NR_PAGETABLE));
	show_val_kb(sb, "NFS_Unstable:", 0);
	show_val_kb(sb, "Bounce:", global_zone_page_state(m, NR_BOUNCE));
	show_val_kb(sb, "WritebackTmp:", global_node_page_state(m, NR_WRITEBACK_TEMP));
	show_val_kb(sb, "CmaTotal:", 0);
	show_val_kb(sb, "CmaFree:", global_zone_page_state(m, NR_FREE_CMA_PAGES));
}
