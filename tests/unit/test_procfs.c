/*
 * tests/unit/test_procfs.c: /proc/buddyinfo, /proc/pagetypeinfo,
 * /proc/zoneinfo, /proc/vmstat and /proc/meminfo byte for byte against
 * the formats of mm/vmstat.c and fs/proc/meminfo.c (kernel-5.10-mm.md
 * section 13), with the numbers worked out from the kernel's formulas.
 */
#include <stdio.h>
#include <string.h>

#include "helpers.h"
#include "mmsh/list.h"
#include "mmsh/page_alloc.h"
#include "mmsh/procfs.h"

/* Print a view into a fresh buffer and compare it with want. */
#define ASSERT_VIEW(fn, m, want)                                              \
	do {                                                                  \
		struct strbuf got_ = STRBUF_INIT;                             \
		fn((m), &got_);                                               \
		assert_text(sb_str(&got_), (want));                           \
		sb_free(&got_);                                               \
	} while (0)

/* Like ck_assert_str_eq, but says where the texts first differ. */
static void assert_text(const char *got, const char *want)
{
	size_t i = 0;

	while (got[i] && got[i] == want[i])
		i++;
	if (got[i] == want[i])
		return;
	{
		size_t from = i > 60 ? i - 60 : 0;

		ck_abort_msg("texts differ at byte %zu:\n--- got ...\n%.120s\n--- want ...\n%.120s\n",
			     i, got + from, want + from);
	}
}

static bool contains(struct machine *m, void (*fn)(struct machine *, struct strbuf *),
		     const char *needle)
{
	struct strbuf sb = STRBUF_INIT;
	bool found;

	fn(m, &sb);
	found = strstr(sb_str(&sb), needle) != NULL;
	if (!found)
		fprintf(stderr, "--- text without \"%s\":\n%s", needle, sb_str(&sb));
	sb_free(&sb);
	return found;
}

static size_t count_of(struct machine *m, void (*fn)(struct machine *, struct strbuf *),
		       const char *needle)
{
	struct strbuf sb = STRBUF_INIT;
	const char *p;
	size_t n = 0;

	fn(m, &sb);
	for (p = sb_str(&sb); (p = strstr(p, needle)) != NULL; p++)
		n++;
	sb_free(&sb);
	return n;
}

/* x86's 1 GiB machine of section 7.4: DMA from pfn 1, DMA32 to 1 GiB. */
static struct machine *boot_x86_1g(void)
{
	struct machine_shape s;
	struct mm_error e;
	struct machine *m;

	machine_shape_init(&s);
	s.nr_cpus = 2;
	s.start_pfn = 1;
	s.thp = THP_NEVER;
	s.zones[0][ZONE_DMA] = (struct zone_shape){ 4095, 4095, 4095 };
	s.zones[0][ZONE_DMA32] = (struct zone_shape){ 258048, 258048, 258048 };
	m = machine_create(&s, &e);
	ck_assert_msg(m != NULL, "%s", e.msg);
	return m;
}

/* ---- /proc/buddyinfo ------------------------------------------------------ */

START_TEST(buddyinfo_default_preset)
{
	struct machine *m = boot_preset("default");

	/* "Node %d, zone %8s " then "%6lu " per order, "\n": populated zones only */
	ASSERT_VIEW(proc_buddyinfo, m,
		"Node 0, zone      DMA      0      0      0      0      0      0      0      0      0      0      4 \n"
		"Node 0, zone   Normal      0      0      0      0      0      0      0      0      0      0     60 \n");
	machine_destroy(m);
}
END_TEST

START_TEST(buddyinfo_counts_blocks_after_a_split)
{
	struct machine *m = boot_preset("default");

	/*
	 * GFP_KERNEL order 0 on CPU 0: the pcp refill takes 15 pages
	 * (batch 15) from the order-10 block at 4096, stolen for UNMOVABLE:
	 * left free are 4111 (o0), 4112 (o4), 4128 (o5) ... 4608 (o9).
	 */
	ck_assert_int_eq(mmsh_alloc(m, GFP_KERNEL, 0, NUMA_NO_NODE, NULL), 4096);
	ASSERT_VIEW(proc_buddyinfo, m,
		"Node 0, zone      DMA      0      0      0      0      0      0      0      0      0      0      4 \n"
		"Node 0, zone   Normal      1      0      0      0      1      1      1      1      1      1     59 \n");
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

START_TEST(buddyinfo_x86_dma_from_pfn_1)
{
	struct machine *m = boot_x86_1g();

	/* [1, 4096) frees 1 (o0), 2 (o1), 4 (o2) ... 512 (o9), 1024/2048/3072 (o10) */
	ASSERT_VIEW(proc_buddyinfo, m,
		"Node 0, zone      DMA      1      1      1      1      1      1      1      1      1      1      3 \n"
		"Node 0, zone    DMA32      0      0      0      0      0      0      0      0      0      0    252 \n");
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

START_TEST(buddyinfo_tiny_and_numa)
{
	struct machine *m = boot_preset("tiny");

	/* MAX_ORDER 6: six columns */
	ASSERT_VIEW(proc_buddyinfo, m,
		"Node 0, zone   Normal      0      0      0      0      0      8 \n");
	machine_destroy(m);
	m = boot_preset("numa");
	ASSERT_VIEW(proc_buddyinfo, m,
		"Node 0, zone    DMA32      0      0      0      0      0      0      0      0      0      0     64 \n"
		"Node 0, zone   Normal      0      0      0      0      0      0      0      0      0      0     64 \n"
		"Node 1, zone    DMA32      0      0      0      0      0      0      0      0      0      0     64 \n"
		"Node 1, zone   Normal      0      0      0      0      0      0      0      0      0      0     64 \n");
	machine_destroy(m);
}
END_TEST

/* ---- /proc/pagetypeinfo ------------------------------------------------------ */

#define PT_HEADER_11                                                                          \
	"Page block order: 9\n"                                                               \
	"Pages per block:  512\n"                                                             \
	"\n"                                                                                  \
	"Free pages count per migrate type at order       0      1      2      3      4      5      6      7      8      9     10 \n"

#define PT_ZERO_11 "     0      0      0      0      0      0      0      0      0      0      0 \n"

#define PT_BLOCKS_HEADER                                                                      \
	"\n"                                                                                  \
	"Number of blocks type     Unmovable      Movable  Reclaimable   HighAtomic          CMA      Isolate \n"

START_TEST(pagetypeinfo_default_preset)
{
	struct machine *m = boot_preset("default");

	ASSERT_VIEW(proc_pagetypeinfo, m,
		PT_HEADER_11
		"Node    0, zone      DMA, type    Unmovable " PT_ZERO_11
		"Node    0, zone      DMA, type      Movable      0      0      0      0      0      0      0      0      0      0      4 \n"
		"Node    0, zone      DMA, type  Reclaimable " PT_ZERO_11
		"Node    0, zone      DMA, type   HighAtomic " PT_ZERO_11
		"Node    0, zone      DMA, type          CMA " PT_ZERO_11
		"Node    0, zone      DMA, type      Isolate " PT_ZERO_11
		"Node    0, zone   Normal, type    Unmovable " PT_ZERO_11
		"Node    0, zone   Normal, type      Movable      0      0      0      0      0      0      0      0      0      0     60 \n"
		"Node    0, zone   Normal, type  Reclaimable " PT_ZERO_11
		"Node    0, zone   Normal, type   HighAtomic " PT_ZERO_11
		"Node    0, zone   Normal, type          CMA " PT_ZERO_11
		"Node    0, zone   Normal, type      Isolate " PT_ZERO_11
		PT_BLOCKS_HEADER
		"Node 0, zone      DMA            0            8            0            0            0            0 \n"
		"Node 0, zone   Normal            0          120            0            0            0            0 \n");
	machine_destroy(m);
}
END_TEST

START_TEST(pagetypeinfo_after_an_unmovable_steal)
{
	struct machine *m = boot_preset("default");

	/* the order-10 block at 4096 (two pageblocks) now belongs to UNMOVABLE */
	ck_assert_int_eq(mmsh_alloc(m, GFP_KERNEL, 0, NUMA_NO_NODE, NULL), 4096);
	ck_assert(contains(m, proc_pagetypeinfo,
		"Node    0, zone   Normal, type    Unmovable      1      0      0      0      1      1      1      1      1      1      0 \n"
		"Node    0, zone   Normal, type      Movable      0      0      0      0      0      0      0      0      0      0     59 \n"));
	ck_assert(contains(m, proc_pagetypeinfo,
		"Node 0, zone   Normal            2          118            0            0            0            0 \n"));
	machine_destroy(m);
}
END_TEST

START_TEST(pagetypeinfo_x86_dma_from_pfn_1)
{
	struct machine *m = boot_x86_1g();

	/*
	 * Pageblock 0 begins in the hole at pfn 0: UNMOVABLE, so the boot
	 * chunks 1 .. 256 inside it sit on the Unmovable lists; the block
	 * count walks pfn 1, 513, ... and reads block 0 too: 1 + 7.
	 */
	ck_assert(contains(m, proc_pagetypeinfo,
		"Node    0, zone      DMA, type    Unmovable      1      1      1      1      1      1      1      1      1      0      0 \n"
		"Node    0, zone      DMA, type      Movable      0      0      0      0      0      0      0      0      0      1      3 \n"));
	ck_assert(contains(m, proc_pagetypeinfo,
		"Node 0, zone      DMA            1            7            0            0            0            0 \n"
		"Node 0, zone    DMA32            0          504            0            0            0            0 \n"));
	machine_destroy(m);
}
END_TEST

START_TEST(pagetypeinfo_repeats_its_header_per_node)
{
	struct machine *m = boot_preset("numa");

	ck_assert_uint_eq(count_of(m, proc_pagetypeinfo, "Page block order: 9\n"), 2);
	ck_assert_uint_eq(count_of(m, proc_pagetypeinfo, "Number of blocks type "), 2);
	ck_assert(contains(m, proc_pagetypeinfo,
		"Node 0, zone   Normal            0          128            0            0            0            0 \n"
		"Page block order: 9\n"));
	ck_assert(contains(m, proc_pagetypeinfo,
		"Node    1, zone    DMA32, type      Movable      0      0      0      0      0      0      0      0      0      0     64 \n"));
	/* unpopulated zones have no rows */
	ck_assert_uint_eq(count_of(m, proc_pagetypeinfo, "zone      DMA"), 0);
	machine_destroy(m);
}
END_TEST

START_TEST(pagetypeinfo_tiny_header)
{
	struct machine *m = boot_preset("tiny");

	ASSERT_VIEW(proc_pagetypeinfo, m,
		"Page block order: 5\n"
		"Pages per block:  32\n"
		"\n"
		"Free pages count per migrate type at order       0      1      2      3      4      5 \n"
		"Node    0, zone   Normal, type    Unmovable      0      0      0      0      0      0 \n"
		"Node    0, zone   Normal, type      Movable      0      0      0      0      0      8 \n"
		"Node    0, zone   Normal, type  Reclaimable      0      0      0      0      0      0 \n"
		"Node    0, zone   Normal, type   HighAtomic      0      0      0      0      0      0 \n"
		"Node    0, zone   Normal, type          CMA      0      0      0      0      0      0 \n"
		"Node    0, zone   Normal, type      Isolate      0      0      0      0      0      0 \n"
		PT_BLOCKS_HEADER
		"Node 0, zone   Normal            0            8            0            0            0            0 \n");
	machine_destroy(m);
}
END_TEST

START_TEST(pagetypeinfo_caps_a_long_list_at_100000)
{
	/* 1 GiB Normal: pages of the free order-10 blocks lent to a fake list */
	struct machine *m = boot_shape(0, 0, 262144, 0, 11, 9, 1);
	struct zone *z = ZONE(m, 0, ZONE_NORMAL);
	uint32_t head = z->free_area[0].free_list[MIGRATE_RECLAIMABLE];
	unsigned long pfn, n = 0;

	/* tail pages only: block heads (multiples of 1024) stay on their lists */
	for (pfn = 1; n < 99999; pfn++)
		if (pfn % 1024) {
			list_add_tail(m->mem_map, (uint32_t)pfn, head);
			n++;
		}
	/* 99999 entries: counted exactly (mmsh keeps the length: nr_free_mt) */
	z->free_area[0].nr_free_mt[MIGRATE_RECLAIMABLE] = n;
	ck_assert(contains(m, proc_pagetypeinfo,
		"Node    0, zone   Normal, type  Reclaimable  99999      0 "));
	for (n = 0; n < 2; pfn++)
		if (pfn % 1024) {
			list_add_tail(m->mem_map, (uint32_t)pfn, head);
			n++;
		}
	z->free_area[0].nr_free_mt[MIGRATE_RECLAIMABLE] += n;
	/* the kernel stops at 100000 and prints ">" before the count */
	ck_assert(contains(m, proc_pagetypeinfo,
		"Node    0, zone   Normal, type  Reclaimable >100000      0 "));
	machine_destroy(m);
}
END_TEST

/* ---- /proc/zoneinfo ------------------------------------------------------------ */

static const char *const node_items[] = {
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

struct zi_zone {
	const char *name;
	bool first_populated;        /* print the per-node stats */
	unsigned long free, min, low, high, spanned, present, managed;
	long protection[4];
	/* populated zones only */
	unsigned long numa_hit, numa_local;
	int cpus, count0, high_pcp, batch, threshold;
	unsigned long start_pfn;
};

/* The zoneinfo text of one zone, from zoneinfo_show_print()'s format strings. */
static void zi_expect(struct strbuf *sb, int nid, const struct zi_zone *z)
{
	size_t i;
	int cpu;

	sb_printf(sb, "Node %d, zone %8s", nid, z->name);
	if (z->first_populated) {
		sb_puts(sb, "\n  per-node stats");
		for (i = 0; i < sizeof(node_items) / sizeof(node_items[0]); i++)
			sb_printf(sb, "\n      %-12s %lu", node_items[i], 0UL);
	}
	sb_printf(sb, "\n  pages free     %lu\n        min      %lu\n        low      %lu"
		      "\n        high     %lu\n        spanned  %lu\n        present  %lu"
		      "\n        managed  %lu\n        protection: (%ld, %ld, %ld, %ld)",
		  z->free, z->min, z->low, z->high, z->spanned, z->present, z->managed,
		  z->protection[0], z->protection[1], z->protection[2], z->protection[3]);
	if (!z->present) {
		sb_puts(sb, "\n");
		return;
	}
	sb_printf(sb,
		  "\n      nr_free_pages %lu"
		  "\n      nr_zone_inactive_anon 0"
		  "\n      nr_zone_active_anon 0"
		  "\n      nr_zone_inactive_file 0"
		  "\n      nr_zone_active_file 0"
		  "\n      nr_zone_unevictable 0"
		  "\n      nr_zone_write_pending 0"
		  "\n      nr_mlock     0"
		  "\n      nr_page_table_pages 0"
		  "\n      nr_bounce    0"
		  "\n      nr_free_cma  0"
		  "\n      numa_hit     %lu"
		  "\n      numa_miss    0"
		  "\n      numa_foreign 0"
		  "\n      numa_interleave 0"
		  "\n      numa_local   %lu"
		  "\n      numa_other   0"
		  "\n  pagesets",
		  z->free, z->numa_hit, z->numa_local);
	for (cpu = 0; cpu < z->cpus; cpu++)
		sb_printf(sb, "\n    cpu: %d\n              count: %d\n              high:  %d"
			      "\n              batch: %d\n  vm stats threshold: %d",
			  cpu, cpu == 0 ? z->count0 : 0, z->high_pcp, z->batch, z->threshold);
	sb_printf(sb, "\n  node_unreclaimable:  0\n  start_pfn:           %lu\n", z->start_pfn);
}

static struct zi_zone empty_zone(const char *name)
{
	struct zi_zone z = { 0 };

	z.name = name;
	return z;
}

START_TEST(zoneinfo_default_preset_byte_for_byte)
{
	struct machine *m = boot_preset("default");
	struct strbuf want = STRBUF_INIT;
	/*
	 * min_free_kbytes = int_sqrt(65536 pages * 4 kB * 16) = 2048 (THP is
	 * off below 512 MiB): pages_min 512. DMA: min 512*4096/65536 = 32,
	 * step max(8, 4) = 8 -> 40/48. Normal: min 480, step max(120, 61) =
	 * 120 -> 600/720. DMA protection: Normal 61440/256 = 240 from index
	 * 2 on. pcp: DMA < 8192 pages -> high 0 batch 1; Normal 61440/1024 =
	 * 60, /4 = 15, rounddown_pow_of_two(22) - 1 = 15 -> high 90. vm stats
	 * threshold 2*fls(2)*(1+fls(managed>>15)): DMA 4, Normal 2*2*2 = 8.
	 */
	struct zi_zone dma = { "DMA", true, 4096, 32, 40, 48, 4096, 4096, 4096,
			       { 0, 0, 240, 240 }, 0, 0, 2, 0, 0, 1, 4, 0 };
	struct zi_zone normal = { "Normal", false, 61440, 480, 600, 720, 61440, 61440, 61440,
				  { 0, 0, 0, 0 }, 0, 0, 2, 0, 90, 15, 8, 4096 };
	struct zi_zone dma32 = empty_zone("DMA32"), movable = empty_zone("Movable");

	zi_expect(&want, 0, &dma);
	zi_expect(&want, 0, &dma32);
	zi_expect(&want, 0, &normal);
	zi_expect(&want, 0, &movable);
	ASSERT_VIEW(proc_zoneinfo, m, sb_str(&want));
	sb_free(&want);
	machine_destroy(m);
}
END_TEST

START_TEST(zoneinfo_unpopulated_zone_ends_after_protection)
{
	struct machine *m = boot_preset("default");

	ck_assert(contains(m, proc_zoneinfo,
		"Node 0, zone    DMA32\n"
		"  pages free     0\n"
		"        min      0\n"
		"        low      0\n"
		"        high     0\n"
		"        spanned  0\n"
		"        present  0\n"
		"        managed  0\n"
		"        protection: (0, 0, 0, 0)\n"
		"Node 0, zone   Normal\n"
		"  pages free     61440\n"));
	/* the text ends with Movable's protection line */
	ck_assert(contains(m, proc_zoneinfo,
		"Node 0, zone  Movable\n  pages free     0\n"));
	ck_assert_uint_eq(count_of(m, proc_zoneinfo, "per-node stats"), 1);
	ck_assert_uint_eq(count_of(m, proc_zoneinfo, "pagesets"), 2);
	ck_assert_uint_eq(count_of(m, proc_zoneinfo, "protection: ("), 4);
	machine_destroy(m);
}
END_TEST

START_TEST(zoneinfo_after_an_allocation)
{
	struct machine *m = boot_preset("default");

	ck_assert_int_eq(mmsh_alloc(m, GFP_KERNEL, 0, NUMA_NO_NODE, NULL), 4096);
	/* 15 pages left Normal's free lists; 14 wait on CPU 0's list */
	ck_assert(contains(m, proc_zoneinfo, "\n  pages free     61425\n"));
	ck_assert(contains(m, proc_zoneinfo, "\n      nr_free_pages 61425\n"));
	ck_assert(contains(m, proc_zoneinfo, "\n      numa_hit     1\n"));
	ck_assert(contains(m, proc_zoneinfo, "\n      numa_local   1\n"));
	ck_assert(contains(m, proc_zoneinfo,
		"\n  pagesets"
		"\n    cpu: 0"
		"\n              count: 14"
		"\n              high:  90"
		"\n              batch: 15"
		"\n  vm stats threshold: 8"
		"\n    cpu: 1"
		"\n              count: 0"
		"\n              high:  90"
		"\n              batch: 15"
		"\n  vm stats threshold: 8"
		"\n  node_unreclaimable:  0"
		"\n  start_pfn:           4096\n"));
	/* node_unreclaimable: kswapd_failures >= MAX_RECLAIM_RETRIES (16) */
	m->node_data[0]->kswapd_failures = 15;
	ck_assert_uint_eq(count_of(m, proc_zoneinfo, "node_unreclaimable:  0\n"), 2);
	m->node_data[0]->kswapd_failures = 16;
	ck_assert_uint_eq(count_of(m, proc_zoneinfo, "node_unreclaimable:  1\n"), 2);
	m->node_data[0]->kswapd_failures = 0;
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

START_TEST(zoneinfo_x86_1g_example_of_section_13_3)
{
	struct machine *m = boot_x86_1g();
	struct strbuf want = STRBUF_INIT;
	/*
	 * min_free_kbytes = int_sqrt(262143 * 4 * 16) = 4095 -> pages_min
	 * 1023. DMA: 1023*4095/262143 = 15, step max(3, 4) = 4 -> 19/23;
	 * protection 258048/256 = 1008. DMA32: 1007, step max(251, 258) ->
	 * 1265/1523; batch 258048/1024 = 252 -> 63 -> 63 (94 rounded down
	 * to 64, minus 1), high 378; threshold 2*2*(1+fls(7)) = 16.
	 */
	struct zi_zone dma = { "DMA", true, 4095, 15, 19, 23, 4095, 4095, 4095,
			       { 0, 1008, 1008, 1008 }, 0, 0, 2, 0, 0, 1, 4, 1 };
	struct zi_zone dma32 = { "DMA32", false, 258048, 1007, 1265, 1523, 258048, 258048,
				 258048, { 0, 0, 0, 0 }, 0, 0, 2, 0, 378, 63, 16, 4096 };
	struct zi_zone normal = empty_zone("Normal"), movable = empty_zone("Movable");

	zi_expect(&want, 0, &dma);
	zi_expect(&want, 0, &dma32);
	zi_expect(&want, 0, &normal);
	zi_expect(&want, 0, &movable);
	ASSERT_VIEW(proc_zoneinfo, m, sb_str(&want));
	sb_free(&want);
	machine_destroy(m);
}
END_TEST

START_TEST(zoneinfo_numa_per_node_stats_with_each_nodes_first_populated_zone)
{
	struct machine *m = boot_preset("numa");

	/* DMA is unpopulated: no per-node stats there, they go with DMA32 */
	ck_assert(contains(m, proc_zoneinfo,
		"Node 0, zone      DMA\n  pages free     0\n"));
	ck_assert(contains(m, proc_zoneinfo,
		"protection: (0, 0, 0, 0)\nNode 0, zone    DMA32\n  per-node stats\n"
		"      nr_inactive_anon 0\n"));
	ck_assert(contains(m, proc_zoneinfo,
		"Node 1, zone      DMA\n  pages free     0\n"));
	ck_assert(contains(m, proc_zoneinfo,
		"Node 1, zone    DMA32\n  per-node stats\n"));
	ck_assert(contains(m, proc_zoneinfo, "Node 0, zone   Normal\n  pages free     65536\n"));
	ck_assert_uint_eq(count_of(m, proc_zoneinfo, "per-node stats"), 2);
	/* DMA32 protection: Normal 65536 / 256 = 256 */
	ck_assert_uint_eq(count_of(m, proc_zoneinfo, "protection: (0, 0, 256, 256)"), 2);
	/* four CPUs listed in every populated zone; threshold 2*3*(1+2) = 18 */
	ck_assert_uint_eq(count_of(m, proc_zoneinfo, "\n    cpu: 3\n"), 4);
	ck_assert_uint_eq(count_of(m, proc_zoneinfo, "vm stats threshold: 18\n"), 16);
	ck_assert(contains(m, proc_zoneinfo, "start_pfn:           196608\n"));
	machine_destroy(m);
}
END_TEST

START_TEST(memoryless_node_appears_only_in_zoneinfo)
{
	struct machine_shape s;
	struct mm_error e;
	struct machine *m;

	/* node 1 has CPUs but no memory (not in N_MEMORY) */
	machine_shape_init(&s);
	s.nr_nodes = 2;
	s.nr_cpus = 2;
	s.thp = THP_NEVER;
	s.zones[0][ZONE_NORMAL] = (struct zone_shape){ 4096, 4096, 4096 };
	m = machine_create(&s, &e);
	ck_assert_msg(m != NULL, "%s", e.msg);
	ASSERT_VIEW(proc_buddyinfo, m,
		"Node 0, zone   Normal      0      0      0      0      0      0      0      0      0      0      4 \n");
	/* pagetypeinfo_show() returns early for a node without N_MEMORY */
	ck_assert_uint_eq(count_of(m, proc_pagetypeinfo, "Page block order: 9\n"), 1);
	ck_assert_uint_eq(count_of(m, proc_pagetypeinfo, "Node    1"), 0);
	/* zoneinfo prints every zone of every online node, unpopulated ones short */
	ck_assert_uint_eq(count_of(m, proc_zoneinfo, "Node 1, zone "), 4);
	ck_assert_uint_eq(count_of(m, proc_zoneinfo, "per-node stats"), 1);
	ck_assert(contains(m, proc_zoneinfo,
		"        protection: (0, 0, 0, 0)\n"
		"Node 1, zone      DMA\n"
		"  pages free     0\n"));
	machine_destroy(m);
}
END_TEST

/* ---- /proc/vmstat ------------------------------------------------------------------ */

START_TEST(vmstat_after_boot)
{
	struct machine *m = boot_preset("default");

	/* the boot frees count in pgfree (__free_pages_ok, 2^order each) */
	ASSERT_VIEW(proc_vmstat, m,
		"nr_free_pages 65536\n"
		"nr_zone_inactive_anon 0\n"
		"nr_zone_active_anon 0\n"
		"nr_zone_inactive_file 0\n"
		"nr_zone_active_file 0\n"
		"nr_zone_unevictable 0\n"
		"nr_zone_write_pending 0\n"
		"nr_mlock 0\n"
		"nr_bounce 0\n"
		"nr_free_cma 0\n"
		"numa_hit 0\n"
		"numa_miss 0\n"
		"numa_foreign 0\n"
		"numa_interleave 0\n"
		"numa_local 0\n"
		"numa_other 0\n"
		"nr_inactive_anon 0\n"
		"nr_active_anon 0\n"
		"nr_inactive_file 0\n"
		"nr_active_file 0\n"
		"nr_unevictable 0\n"
		"nr_isolated_anon 0\n"
		"nr_isolated_file 0\n"
		"workingset_refault_anon 0\n"
		"workingset_refault_file 0\n"
		"workingset_activate_anon 0\n"
		"workingset_activate_file 0\n"
		"workingset_restore_anon 0\n"
		"workingset_restore_file 0\n"
		"nr_anon_pages 0\n"
		"nr_mapped 0\n"
		"nr_file_pages 0\n"
		"nr_dirty 0\n"
		"nr_writeback 0\n"
		"nr_writeback_temp 0\n"
		"nr_shmem 0\n"
		"nr_vmscan_write 0\n"
		"nr_vmscan_immediate_reclaim 0\n"
		"nr_dirtied 0\n"
		"nr_written 0\n"
		"nr_dirty_threshold 12902\n"
		"nr_dirty_background_threshold 6443\n"
		"pgpgin 0\n"
		"pgpgout 0\n"
		"pswpin 0\n"
		"pswpout 0\n"
		"pgalloc_dma 0\n"
		"pgalloc_dma32 0\n"
		"pgalloc_normal 0\n"
		"pgalloc_movable 0\n"
		"allocstall_dma 0\n"
		"allocstall_dma32 0\n"
		"allocstall_normal 0\n"
		"allocstall_movable 0\n"
		"pgskip_dma 0\n"
		"pgskip_dma32 0\n"
		"pgskip_normal 0\n"
		"pgskip_movable 0\n"
		"pgfree 65536\n"
		"pgactivate 0\n"
		"pgdeactivate 0\n"
		"pgfault 0\n"
		"pgmajfault 0\n"
		"pgrefill 0\n"
		"pgsteal_kswapd 0\n"
		"pgsteal_direct 0\n"
		"pgscan_kswapd 0\n"
		"pgscan_direct 0\n"
		"pgscan_direct_throttle 0\n"
		"pgscan_anon 0\n"
		"pgscan_file 0\n"
		"pgsteal_anon 0\n"
		"pgsteal_file 0\n"
		"zone_reclaim_failed 0\n"
		"kswapd_low_wmark_hit_quickly 0\n"
		"kswapd_high_wmark_hit_quickly 0\n"
		"pageoutrun 0\n"
		"pgrotated 0\n"
		"drop_pagecache 0\n"
		"drop_slab 0\n"
		"oom_kill 0\n"
		"pgmigrate_success 0\n"
		"pgmigrate_fail 0\n"
		"compact_migrate_scanned 0\n"
		"compact_free_scanned 0\n"
		"compact_isolated 0\n"
		"compact_stall 0\n"
		"compact_fail 0\n"
		"compact_success 0\n"
		"compact_daemon_wake 0\n"
		"compact_daemon_migrate_scanned 0\n"
		"compact_daemon_free_scanned 0\n"
		"unevictable_pgs_culled 0\n"
		"unevictable_pgs_rescued 0\n"
		"unevictable_pgs_mlocked 0\n"
		"unevictable_pgs_munlocked 0\n"
		"unevictable_pgs_cleared 0\n"
		"nr_unstable 0\n");
	machine_destroy(m);
}
END_TEST

START_TEST(vmstat_counts_allocations_and_frees)
{
	struct machine *m = boot_preset("default");
	struct mm_error e;
	long pfn;

	/* a pcp allocation counts 1 in pgalloc_normal; 15 pages left the lists */
	ck_assert_int_eq(mmsh_alloc(m, GFP_KERNEL, 0, NUMA_NO_NODE, NULL), 4096);
	/* an order-3 DMA allocation from the buddy counts 8 in pgalloc_dma */
	pfn = mmsh_alloc(m, GFP_KERNEL | GFP_DMA, 3, NUMA_NO_NODE, NULL);
	ck_assert_int_ge(pfn, 0);
	ck_assert_int_lt(pfn, 4096);
	/* freeing the order-3 block: pgfree += 8 */
	ck_assert_int_eq(mmsh_free(m, (unsigned long)pfn, 3, &e), 0);
	ASSERT_VIEW(proc_vmstat, m,
		"nr_free_pages 65521\n"
		"nr_zone_inactive_anon 0\n"
		"nr_zone_active_anon 0\n"
		"nr_zone_inactive_file 0\n"
		"nr_zone_active_file 0\n"
		"nr_zone_unevictable 0\n"
		"nr_zone_write_pending 0\n"
		"nr_mlock 0\n"
		"nr_bounce 0\n"
		"nr_free_cma 0\n"
		"numa_hit 2\n"
		"numa_miss 0\n"
		"numa_foreign 0\n"
		"numa_interleave 0\n"
		"numa_local 2\n"
		"numa_other 0\n"
		"nr_inactive_anon 0\n"
		"nr_active_anon 0\n"
		"nr_inactive_file 0\n"
		"nr_active_file 0\n"
		"nr_unevictable 0\n"
		"nr_isolated_anon 0\n"
		"nr_isolated_file 0\n"
		"workingset_refault_anon 0\n"
		"workingset_refault_file 0\n"
		"workingset_activate_anon 0\n"
		"workingset_activate_file 0\n"
		"workingset_restore_anon 0\n"
		"workingset_restore_file 0\n"
		"nr_anon_pages 0\n"
		"nr_mapped 0\n"
		"nr_file_pages 0\n"
		"nr_dirty 0\n"
		"nr_writeback 0\n"
		"nr_writeback_temp 0\n"
		"nr_shmem 0\n"
		"nr_vmscan_write 0\n"
		"nr_vmscan_immediate_reclaim 0\n"
		"nr_dirtied 0\n"
		"nr_written 0\n"
		"nr_dirty_threshold 12899\n"
		"nr_dirty_background_threshold 6441\n"
		"pgpgin 0\n"
		"pgpgout 0\n"
		"pswpin 0\n"
		"pswpout 0\n"
		"pgalloc_dma 8\n"
		"pgalloc_dma32 0\n"
		"pgalloc_normal 1\n"
		"pgalloc_movable 0\n"
		"allocstall_dma 0\n"
		"allocstall_dma32 0\n"
		"allocstall_normal 0\n"
		"allocstall_movable 0\n"
		"pgskip_dma 0\n"
		"pgskip_dma32 0\n"
		"pgskip_normal 0\n"
		"pgskip_movable 0\n"
		"pgfree 65544\n"
		"pgactivate 0\n"
		"pgdeactivate 0\n"
		"pgfault 0\n"
		"pgmajfault 0\n"
		"pgrefill 0\n"
		"pgsteal_kswapd 0\n"
		"pgsteal_direct 0\n"
		"pgscan_kswapd 0\n"
		"pgscan_direct 0\n"
		"pgscan_direct_throttle 0\n"
		"pgscan_anon 0\n"
		"pgscan_file 0\n"
		"pgsteal_anon 0\n"
		"pgsteal_file 0\n"
		"zone_reclaim_failed 0\n"
		"kswapd_low_wmark_hit_quickly 0\n"
		"kswapd_high_wmark_hit_quickly 0\n"
		"pageoutrun 0\n"
		"pgrotated 0\n"
		"drop_pagecache 0\n"
		"drop_slab 0\n"
		"oom_kill 0\n"
		"pgmigrate_success 0\n"
		"pgmigrate_fail 0\n"
		"compact_migrate_scanned 0\n"
		"compact_free_scanned 0\n"
		"compact_isolated 0\n"
		"compact_stall 0\n"
		"compact_fail 0\n"
		"compact_success 0\n"
		"compact_daemon_wake 0\n"
		"compact_daemon_migrate_scanned 0\n"
		"compact_daemon_free_scanned 0\n"
		"unevictable_pgs_culled 0\n"
		"unevictable_pgs_rescued 0\n"
		"unevictable_pgs_mlocked 0\n"
		"unevictable_pgs_munlocked 0\n"
		"unevictable_pgs_cleared 0\n"
		"nr_unstable 0\n");
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/* ---- /proc/meminfo ----------------------------------------------------------------- */

#define MEMINFO_TAIL                                          \
	"Buffers:               0 kB\n"                     \
	"Cached:                0 kB\n"                     \
	"SwapCached:            0 kB\n"                     \
	"Active:                0 kB\n"                     \
	"Inactive:              0 kB\n"                     \
	"Active(anon):          0 kB\n"                     \
	"Inactive(anon):        0 kB\n"                     \
	"Active(file):          0 kB\n"                     \
	"Inactive(file):        0 kB\n"                     \
	"Unevictable:           0 kB\n"                     \
	"Mlocked:               0 kB\n"

#define MEMINFO_AFTER_SWAP                                    \
	"Dirty:                 0 kB\n"                     \
	"Writeback:             0 kB\n"                     \
	"AnonPages:             0 kB\n"                     \
	"Mapped:                0 kB\n"                     \
	"Shmem:                 0 kB\n"                     \
	"KReclaimable:          0 kB\n"                     \
	"Slab:                  0 kB\n"                     \
	"SReclaimable:          0 kB\n"                     \
	"SUnreclaim:            0 kB\n"                     \
	"KernelStack:           0 kB\n"                     \
	"PageTables:            0 kB\n"                     \
	"NFS_Unstable:          0 kB\n"                     \
	"Bounce:                0 kB\n"                     \
	"WritebackTmp:          0 kB\n"                     \
	"CmaTotal:              0 kB\n"                     \
	"CmaFree:               0 kB\n"

START_TEST(meminfo_default_preset)
{
	struct machine *m = boot_preset("default");

	/*
	 * MemAvailable = free - totalreserve: totalreserve = DMA min(4096,
	 * 240 + 48) + Normal min(61440, 0 + 720) = 1008; 65536 - 1008 = 64528
	 * pages = 258112 kB.
	 */
	ASSERT_VIEW(proc_meminfo, m,
		"MemTotal:         262144 kB\n"
		"MemFree:          262144 kB\n"
		"MemAvailable:     258112 kB\n"
		MEMINFO_TAIL
		"SwapTotal:             0 kB\n"
		"SwapFree:              0 kB\n"
		MEMINFO_AFTER_SWAP);
	ck_assert_uint_eq(m->totalreserve_pages, 1008);
	ck_assert_int_eq(si_mem_available(m), 64528);
	machine_destroy(m);
}
END_TEST

START_TEST(meminfo_memfree_excludes_pcp_pages_and_swap_comes_from_the_machine)
{
	struct machine_shape shape;
	struct mm_error e;
	struct machine *m;

	machine_shape_default(&shape);
	shape.swap_pages = 32768;
	m = machine_create(&shape, &e);
	ck_assert_ptr_nonnull(m);
	ck_assert_int_eq(mmsh_alloc(m, GFP_KERNEL, 0, NUMA_NO_NODE, NULL), 4096);
	/* 1 page allocated and 14 on the pcp list: MemFree 65521 pages */
	ASSERT_VIEW(proc_meminfo, m,
		"MemTotal:         262144 kB\n"
		"MemFree:          262084 kB\n"
		"MemAvailable:     258052 kB\n"
		MEMINFO_TAIL
		"SwapTotal:        131068 kB\n"   /* the header page is not swap */
		"SwapFree:         131068 kB\n"
		MEMINFO_AFTER_SWAP);
	machine_destroy(m);
}
END_TEST

START_TEST(meminfo_x86_1g_example)
{
	struct machine *m = boot_x86_1g();

	/*
	 * Section 13.6: MemTotal = 4095 + 258048 pages = 1048572 kB;
	 * totalreserve = min(4095, 1008 + 23) + min(258048, 0 + 1523) = 2554;
	 * available = 262143 - 2554 = 259589 pages = 1038356 kB.
	 */
	ck_assert(contains(m, proc_meminfo,
		"MemTotal:        1048572 kB\n"
		"MemFree:         1048572 kB\n"
		"MemAvailable:    1038356 kB\n"));
	ck_assert_uint_eq(m->totalreserve_pages, 2554);
	machine_destroy(m);
}
END_TEST

START_TEST(si_mem_available_formula)
{
	struct machine *m = boot_x86_1g();
	pg_data_t *pgdat = m->node_data[0];

	/*
	 * Section 13.6's worked example: free 258286, file LRU 500 + 2500;
	 * wmark_low = 19 + 1265 = 1284; pagecache 3000 - min(1500, 1284) =
	 * 1716; available = 258286 - 2554 + 1716 = 257448 pages.
	 */
	ZONE(m, 0, ZONE_DMA32)->vm_stat[NR_FREE_PAGES] -= 262143 - 258286;
	pgdat->vm_stat[NR_ACTIVE_FILE] = 500;
	pgdat->vm_stat[NR_INACTIVE_FILE] = 2500;
	ck_assert_int_eq(si_mem_available(m), 257448);
	ck_assert(contains(m, proc_meminfo, "MemAvailable:    1029792 kB\n"));
	ck_assert(contains(m, proc_meminfo, "Active(file):       2000 kB\n"));
	ck_assert(contains(m, proc_meminfo, "Inactive(file):    10000 kB\n"));
	ck_assert(contains(m, proc_meminfo, "Active:             2000 kB\n"));
	/* a small page cache keeps half: 40 - min(20, 1284) = 20 */
	pgdat->vm_stat[NR_ACTIVE_FILE] = 0;
	pgdat->vm_stat[NR_INACTIVE_FILE] = 40;
	ck_assert_int_eq(si_mem_available(m), 258286 - 2554 + 20);
	/* reclaimable kernel memory counts the same way: 100 - min(50, 1284) */
	pgdat->vm_stat[NR_KERNEL_MISC_RECLAIMABLE] = 100;
	ck_assert_int_eq(si_mem_available(m), 258286 - 2554 + 20 + 50);
	ck_assert(contains(m, proc_meminfo, "KReclaimable:        400 kB\n"));
	/* never negative */
	ZONE(m, 0, ZONE_DMA32)->vm_stat[NR_FREE_PAGES] = 0;
	ZONE(m, 0, ZONE_DMA)->vm_stat[NR_FREE_PAGES] = 0;
	pgdat->vm_stat[NR_INACTIVE_FILE] = 0;
	pgdat->vm_stat[NR_KERNEL_MISC_RECLAIMABLE] = 0;
	ck_assert_int_eq(si_mem_available(m), 0);
	ck_assert(contains(m, proc_meminfo, "MemAvailable:          0 kB\n"));
	machine_destroy(m);
}
END_TEST

static Suite *procfs_suite(void)
{
	Suite *s = suite_create("procfs");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, buddyinfo_default_preset);
	tcase_add_test(tc, buddyinfo_counts_blocks_after_a_split);
	tcase_add_test(tc, buddyinfo_x86_dma_from_pfn_1);
	tcase_add_test(tc, buddyinfo_tiny_and_numa);
	tcase_add_test(tc, pagetypeinfo_default_preset);
	tcase_add_test(tc, pagetypeinfo_after_an_unmovable_steal);
	tcase_add_test(tc, pagetypeinfo_x86_dma_from_pfn_1);
	tcase_add_test(tc, pagetypeinfo_repeats_its_header_per_node);
	tcase_add_test(tc, pagetypeinfo_tiny_header);
	tcase_add_test(tc, pagetypeinfo_caps_a_long_list_at_100000);
	tcase_add_test(tc, zoneinfo_default_preset_byte_for_byte);
	tcase_add_test(tc, zoneinfo_unpopulated_zone_ends_after_protection);
	tcase_add_test(tc, zoneinfo_after_an_allocation);
	tcase_add_test(tc, zoneinfo_x86_1g_example_of_section_13_3);
	tcase_add_test(tc, zoneinfo_numa_per_node_stats_with_each_nodes_first_populated_zone);
	tcase_add_test(tc, memoryless_node_appears_only_in_zoneinfo);
	tcase_add_test(tc, vmstat_after_boot);
	tcase_add_test(tc, vmstat_counts_allocations_and_frees);
	tcase_add_test(tc, meminfo_default_preset);
	tcase_add_test(tc, meminfo_memfree_excludes_pcp_pages_and_swap_comes_from_the_machine);
	tcase_add_test(tc, meminfo_x86_1g_example);
	tcase_add_test(tc, si_mem_available_formula);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return run_suite(procfs_suite());
}
