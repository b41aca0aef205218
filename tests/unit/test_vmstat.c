/*
 * tests/unit/test_vmstat.c: the counter name tables against vmstat_text[]
 * of Linux 5.10 (mm/vmstat.c, kernel-5.10-mm.md section 13.4), and which
 * counters /proc/vmstat prints (the modelled ones, in kernel order).
 */
#include <string.h>

#include "helpers.h"
#include "mmsh/page_alloc.h"
#include "mmsh/procfs.h"
#include "mmsh/vmstat.h"

/*
 * Section 13.4's full 5.10 order, config items of section 0.2 included
 * (NUMA on, CMA on, COMPACTION on; no zspages, no shadow call stack).
 */
static const char *const kernel_zone_names[] = {
	"nr_free_pages", "nr_zone_inactive_anon", "nr_zone_active_anon",
	"nr_zone_inactive_file", "nr_zone_active_file", "nr_zone_unevictable",
	"nr_zone_write_pending", "nr_mlock", "nr_page_table_pages", "nr_bounce",
	"nr_free_cma",
};

static const char *const kernel_numa_names[] = {
	"numa_hit", "numa_miss", "numa_foreign", "numa_interleave", "numa_local",
	"numa_other",
};

static const char *const kernel_node_names[] = {
	"nr_inactive_anon", "nr_active_anon", "nr_inactive_file", "nr_active_file",
	"nr_unevictable", "nr_slab_reclaimable", "nr_slab_unreclaimable",
	"nr_isolated_anon", "nr_isolated_file", "workingset_nodes",
	"workingset_refault_anon", "workingset_refault_file",
	"workingset_activate_anon", "workingset_activate_file",
	"workingset_restore_anon", "workingset_restore_file",
	"workingset_nodereclaim", "nr_anon_pages", "nr_mapped", "nr_file_pages",
	"nr_dirty", "nr_writeback", "nr_writeback_temp", "nr_shmem",
	"nr_shmem_hugepages", "nr_shmem_pmdmapped", "nr_file_hugepages",
	"nr_file_pmdmapped", "nr_anon_transparent_hugepages", "nr_vmscan_write",
	"nr_vmscan_immediate_reclaim", "nr_dirtied", "nr_written",
	"nr_kernel_misc_reclaimable", "nr_foll_pin_acquired",
	"nr_foll_pin_released", "nr_kernel_stack",
};

/* vm_event_item names, 5.10 order, including families mmsh leaves out */
static const char *const kernel_event_names[] = {
	"pgpgin", "pgpgout", "pswpin", "pswpout",
	"pgalloc_dma", "pgalloc_dma32", "pgalloc_normal", "pgalloc_movable",
	"allocstall_dma", "allocstall_dma32", "allocstall_normal", "allocstall_movable",
	"pgskip_dma", "pgskip_dma32", "pgskip_normal", "pgskip_movable",
	"pgfree", "pgactivate", "pgdeactivate", "pglazyfree", "pgfault", "pgmajfault",
	"pglazyfreed", "pgrefill", "pgreuse", "pgsteal_kswapd", "pgsteal_direct",
	"pgscan_kswapd", "pgscan_direct", "pgscan_direct_throttle", "pgscan_anon",
	"pgscan_file", "pgsteal_anon", "pgsteal_file", "zone_reclaim_failed",
	"pginodesteal", "slabs_scanned", "kswapd_inodesteal",
	"kswapd_low_wmark_hit_quickly", "kswapd_high_wmark_hit_quickly", "pageoutrun",
	"pgrotated", "drop_pagecache", "drop_slab", "oom_kill",
	"numa_pte_updates", "numa_huge_pte_updates", "numa_hint_faults",
	"numa_hint_faults_local", "numa_pages_migrated",
	"pgmigrate_success", "pgmigrate_fail", "thp_migration_success",
	"thp_migration_fail", "thp_migration_split",
	"compact_migrate_scanned", "compact_free_scanned", "compact_isolated",
	"compact_stall", "compact_fail", "compact_success", "compact_daemon_wake",
	"compact_daemon_migrate_scanned", "compact_daemon_free_scanned",
	"htlb_buddy_alloc_success", "htlb_buddy_alloc_fail",
	"unevictable_pgs_culled", "unevictable_pgs_scanned", "unevictable_pgs_rescued",
	"unevictable_pgs_mlocked", "unevictable_pgs_munlocked",
	"unevictable_pgs_cleared", "unevictable_pgs_stranded",
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* Every entry of tbl appears in kernel[], in the same relative order. */
static void assert_subsequence(const struct vmstat_name *tbl, size_t n,
			       const char *const *kernel, size_t kn)
{
	size_t i, k = 0;

	for (i = 0; i < n; i++) {
		ck_assert_msg(tbl[i].name != NULL, "entry %zu has no name", i);
		while (k < kn && strcmp(kernel[k], tbl[i].name) != 0)
			k++;
		ck_assert_msg(k < kn, "\"%s\" (entry %zu) is not in 5.10's order", tbl[i].name, i);
		k++;
	}
}

START_TEST(zone_stat_names_are_5_10s)
{
	size_t i;

	ck_assert_uint_eq(NR_VM_ZONE_STAT_ITEMS, N(kernel_zone_names));
	for (i = 0; i < N(kernel_zone_names); i++)
		ck_assert_str_eq(zone_stat_names[i].name, kernel_zone_names[i]);
	ck_assert_str_eq(zone_stat_names[NR_FREE_PAGES].name, "nr_free_pages");
	ck_assert_str_eq(zone_stat_names[NR_PAGETABLE].name, "nr_page_table_pages");
	ck_assert_str_eq(zone_stat_names[NR_FREE_CMA_PAGES].name, "nr_free_cma");
}
END_TEST

START_TEST(numa_stat_names_are_5_10s)
{
	size_t i;

	ck_assert_uint_eq(NR_VM_NUMA_STAT_ITEMS, N(kernel_numa_names));
	for (i = 0; i < N(kernel_numa_names); i++)
		ck_assert_str_eq(numa_stat_names[i].name, kernel_numa_names[i]);
	ck_assert_str_eq(numa_stat_names[NUMA_INTERLEAVE_HIT].name, "numa_interleave");
}
END_TEST

START_TEST(node_stat_names_are_5_10s)
{
	size_t i;

	ck_assert_uint_eq(NR_VM_NODE_STAT_ITEMS, N(kernel_node_names));
	for (i = 0; i < N(kernel_node_names); i++)
		ck_assert_str_eq(node_stat_names[i].name, kernel_node_names[i]);
	/* enum names that differ from the printed names */
	ck_assert_str_eq(node_stat_names[NR_ANON_MAPPED].name, "nr_anon_pages");
	ck_assert_str_eq(node_stat_names[NR_FILE_MAPPED].name, "nr_mapped");
	ck_assert_str_eq(node_stat_names[NR_FILE_DIRTY].name, "nr_dirty");
	ck_assert_str_eq(node_stat_names[NR_SLAB_RECLAIMABLE_B].name, "nr_slab_reclaimable");
	ck_assert_str_eq(node_stat_names[NR_ANON_THPS].name, "nr_anon_transparent_hugepages");
	ck_assert_str_eq(node_stat_names[NR_VMSCAN_IMMEDIATE].name,
			 "nr_vmscan_immediate_reclaim");
	ck_assert_str_eq(node_stat_names[NR_KERNEL_STACK_KB].name, "nr_kernel_stack");
}
END_TEST

START_TEST(event_names_follow_5_10s_order)
{
	assert_subsequence(vm_event_names, NR_VM_EVENT_ITEMS, kernel_event_names,
			   N(kernel_event_names));
	ck_assert_str_eq(vm_event_names[0].name, "pgpgin");
	ck_assert_str_eq(vm_event_names[NR_VM_EVENT_ITEMS - 1].name, "unevictable_pgs_stranded");
	ck_assert_str_eq(vm_event_names[PGALLOC_DMA].name, "pgalloc_dma");
	ck_assert_str_eq(vm_event_names[PGALLOC_MOVABLE].name, "pgalloc_movable");
	ck_assert_str_eq(vm_event_names[PGFREE].name, "pgfree");
	ck_assert_str_eq(vm_event_names[KCOMPACTD_WAKE].name, "compact_daemon_wake");
	/* CONFIG_NUMA is on: zone_reclaim_failed sits between pgsteal_file
	 * and pginodesteal */
	ck_assert_str_eq(vm_event_names[ZONE_RECLAIM_FAILED].name, "zone_reclaim_failed");
	ck_assert_int_eq(ZONE_RECLAIM_FAILED, PGSTEAL_FILE + 1);
	ck_assert_int_eq(PGINODESTEAL, ZONE_RECLAIM_FAILED + 1);
	ck_assert_str_eq(vm_event_names[UNEVICTABLE_PGCULLED].name, "unevictable_pgs_culled");
	/* the per-zone families run DMA, DMA32, Normal, Movable like enum zone_type */
	ck_assert_int_eq(PGALLOC_NORMAL - PGALLOC_DMA, ZONE_NORMAL);
	ck_assert_int_eq(ALLOCSTALL_MOVABLE - ALLOCSTALL_DMA, ZONE_MOVABLE);
	ck_assert_int_eq(PGSKIP_DMA32 - PGSKIP_DMA, ZONE_DMA32);
}
END_TEST

START_TEST(every_name_is_unique)
{
	const struct vmstat_name *tables[] = { zone_stat_names, numa_stat_names,
					       node_stat_names, vm_event_names };
	const size_t sizes[] = { NR_VM_ZONE_STAT_ITEMS, NR_VM_NUMA_STAT_ITEMS,
				 NR_VM_NODE_STAT_ITEMS, NR_VM_EVENT_ITEMS };
	size_t a, b, i, j;

	for (a = 0; a < 4; a++)
		for (i = 0; i < sizes[a]; i++)
			for (b = a; b < 4; b++)
				for (j = (a == b ? i + 1 : 0); j < sizes[b]; j++)
					ck_assert_msg(strcmp(tables[a][i].name, tables[b][j].name) != 0,
						      "\"%s\" appears twice", tables[a][i].name);
}
END_TEST

START_TEST(counters_vmstat_prints_now_are_modelled)
{
	int z;

	ck_assert(zone_stat_names[NR_FREE_PAGES].modelled);
	ck_assert(zone_stat_names[NR_FREE_CMA_PAGES].modelled);
	for (z = 0; z < NR_VM_NUMA_STAT_ITEMS; z++)
		ck_assert_msg(numa_stat_names[z].modelled, "%s", numa_stat_names[z].name);
	for (z = 0; z < MAX_NR_ZONES; z++)
		ck_assert_msg(vm_event_names[PGALLOC_DMA + z].modelled, "%s",
			      vm_event_names[PGALLOC_DMA + z].name);
	ck_assert(vm_event_names[PGFREE].modelled);
}
END_TEST

/* The names vmstat printed, one per line, value dropped. */
static size_t printed_names(const char *text, char names[][64], size_t max)
{
	size_t n = 0;
	const char *p = text;

	while (*p) {
		const char *sp = strchr(p, ' '), *nl = strchr(p, '\n');

		ck_assert_ptr_nonnull(sp);
		ck_assert_ptr_nonnull(nl);
		ck_assert(sp < nl);
		if (n < max) {
			memcpy(names[n], p, (size_t)(sp - p));
			names[n][sp - p] = '\0';
		}
		n++;
		p = nl + 1;
	}
	return n;
}

START_TEST(vmstat_prints_exactly_the_modelled_counters_in_order)
{
	struct machine *m = boot_preset("default");
	struct strbuf sb = STRBUF_INIT;
	static char names[400][64];
	size_t n, k = 0;
	int i;

	proc_vmstat(m, &sb);
	n = printed_names(sb_str(&sb), names, 400);
	for (i = 0; i < NR_VM_ZONE_STAT_ITEMS; i++)
		if (zone_stat_names[i].modelled)
			ck_assert_str_eq(names[k++], zone_stat_names[i].name);
	for (i = 0; i < NR_VM_NUMA_STAT_ITEMS; i++)
		if (numa_stat_names[i].modelled)
			ck_assert_str_eq(names[k++], numa_stat_names[i].name);
	for (i = 0; i < NR_VM_NODE_STAT_ITEMS; i++)
		if (node_stat_names[i].modelled)
			ck_assert_str_eq(names[k++], node_stat_names[i].name);
	/* global_dirty_limits(), between the node stats and the events */
	ck_assert_str_eq(names[k++], "nr_dirty_threshold");
	ck_assert_str_eq(names[k++], "nr_dirty_background_threshold");
	for (i = 0; i < NR_VM_EVENT_ITEMS; i++)
		if (vm_event_names[i].modelled)
			ck_assert_str_eq(names[k++], vm_event_names[i].name);
	ck_assert_str_eq(names[k++], "nr_unstable");
	ck_assert_uint_eq(n, k);
	sb_free(&sb);
	machine_destroy(m);
}
END_TEST

START_TEST(zoneinfo_prints_node_stats_with_their_proc_names)
{
	struct machine *m = boot_preset("default");
	struct strbuf sb = STRBUF_INIT;

	proc_zoneinfo(m, &sb);
	/* "\n      %-12s %lu": short names are padded to 12 */
	ck_assert_ptr_nonnull(strstr(sb_str(&sb), "\n      nr_anon_pages 0\n"));
	ck_assert_ptr_nonnull(strstr(sb_str(&sb), "\n      nr_mapped    0\n"));
	ck_assert_ptr_nonnull(strstr(sb_str(&sb), "\n      nr_kernel_stack 0\n"));
	ck_assert_ptr_nonnull(strstr(sb_str(&sb), "\n      nr_dirty     0\n"));
	ck_assert_ptr_nonnull(strstr(sb_str(&sb), "\n      nr_mlock     0\n"));
	sb_free(&sb);
	machine_destroy(m);
}
END_TEST

static Suite *vmstat_suite(void)
{
	Suite *s = suite_create("vmstat");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, zone_stat_names_are_5_10s);
	tcase_add_test(tc, numa_stat_names_are_5_10s);
	tcase_add_test(tc, node_stat_names_are_5_10s);
	tcase_add_test(tc, event_names_follow_5_10s_order);
	tcase_add_test(tc, every_name_is_unique);
	tcase_add_test(tc, counters_vmstat_prints_now_are_modelled);
	tcase_add_test(tc, vmstat_prints_exactly_the_modelled_counters_in_order);
	tcase_add_test(tc, zoneinfo_prints_node_stats_with_their_proc_names);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return run_suite(vmstat_suite());
}
