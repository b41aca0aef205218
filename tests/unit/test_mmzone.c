/*
 * tests/unit/test_mmzone.c: machine shapes and boot (kernel-5.10-mm.md
 * sections 1, 2 and 8.2): the presets, x86 zoning, refused shapes, zone
 * layout, holes and reserved pages, pageblock types at boot, page links,
 * zonelists (build_zonelists / find_next_best_node), mobility grouping,
 * cpu_to_node and totalram_pages.
 */
#include <stdio.h>
#include <string.h>

#include "helpers.h"
#include "mmsh/list.h"
#include "mmsh/page_alloc.h"

static struct machine *boot(const struct machine_shape *s)
{
	struct mm_error e;
	struct machine *m = machine_create(s, &e);

	ck_assert_msg(m != NULL, "boot: %s", e.msg);
	return m;
}

static void assert_zone_shape(struct machine *m, int nid, int z, unsigned long start,
			      unsigned long spanned, unsigned long present,
			      unsigned long managed)
{
	struct zone *zone = ZONE(m, nid, z);

	ck_assert_msg(zone->spanned_pages == spanned, "node %d %s spanned %lu, want %lu",
		      nid, zone_names[z], zone->spanned_pages, spanned);
	ck_assert_msg(zone->present_pages == present, "node %d %s present %lu, want %lu",
		      nid, zone_names[z], zone->present_pages, present);
	ck_assert_msg(zone->managed_pages == managed, "node %d %s managed %lu, want %lu",
		      nid, zone_names[z], zone->managed_pages, managed);
	if (spanned)
		ck_assert_msg(zone->zone_start_pfn == start, "node %d %s starts at %lu, want %lu",
			      nid, zone_names[z], zone->zone_start_pfn, start);
	ck_assert_str_eq(zone->name, zone_names[z]);
	ck_assert_int_eq(zone_idx(zone), z);
	ck_assert_int_eq(zone_to_nid(zone), nid);
	ck_assert_ptr_eq(zone->machine, m);
}

/* ---- presets ------------------------------------------------------------ */

START_TEST(default_preset_shape)
{
	struct machine_shape s;
	struct machine *m;

	machine_shape_default(&s);
	ck_assert_int_eq(s.nr_nodes, 1);
	ck_assert_int_eq(s.nr_cpus, 2);
	ck_assert_uint_eq(s.max_order, 11);
	ck_assert_uint_eq(s.pageblock_order, 9);
	m = boot(&s);
	ck_assert_uint_eq(m->max_order, 11);
	ck_assert_uint_eq(m->pageblock_order, 9);
	ck_assert_uint_eq(m->pageblock_nr_pages, 512);
	ck_assert_int_eq(m->nr_cpus, 2);
	ck_assert_int_eq(m->nr_node_ids, 1);
	ck_assert_uint_eq(m->max_pfn, 65536);
	/* DMA 16 MiB = 4096 pages from pfn 0, Normal 240 MiB = 61440 right after */
	assert_zone_shape(m, 0, ZONE_DMA, 0, 4096, 4096, 4096);
	assert_zone_shape(m, 0, ZONE_DMA32, 0, 0, 0, 0);
	assert_zone_shape(m, 0, ZONE_NORMAL, 4096, 61440, 61440, 61440);
	assert_zone_shape(m, 0, ZONE_MOVABLE, 0, 0, 0, 0);
	ck_assert_uint_eq(m->node_data[0]->node_start_pfn, 0);
	ck_assert_uint_eq(m->node_data[0]->node_spanned_pages, 65536);
	ck_assert_uint_eq(m->node_data[0]->node_present_pages, 65536);
	ck_assert_int_eq(m->node_data[0]->nr_zones, ZONE_NORMAL + 1);
	ck_assert_uint_eq(m->totalram_pages, 65536);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

START_TEST(tiny_preset_shape)
{
	struct machine_shape s;
	struct machine *m;

	machine_shape_tiny(&s);
	ck_assert_int_eq(s.nr_nodes, 1);
	ck_assert_int_eq(s.nr_cpus, 1);
	ck_assert_uint_eq(s.max_order, 6);
	ck_assert_uint_eq(s.pageblock_order, 5);    /* clamped to MAX_ORDER-1 */
	m = boot(&s);
	ck_assert_uint_eq(m->pageblock_nr_pages, 32);
	ck_assert_uint_eq(m->max_pfn, 256);
	assert_zone_shape(m, 0, ZONE_DMA, 0, 0, 0, 0);
	assert_zone_shape(m, 0, ZONE_NORMAL, 0, 256, 256, 256);
	ck_assert_uint_eq(m->totalram_pages, 256);
	/* boot freed [0, 256) as eight order-5 blocks */
	ck_assert_uint_eq(ZONE(m, 0, ZONE_NORMAL)->free_area[5].nr_free, 8);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

START_TEST(numa_preset_shape)
{
	struct machine_shape s;
	struct machine *m;
	int nid;

	machine_shape_numa(&s);
	ck_assert_int_eq(s.nr_nodes, 2);
	ck_assert_int_eq(s.nr_cpus, 4);
	m = boot(&s);
	ck_assert_int_eq(m->nr_node_ids, 2);
	ck_assert_uint_eq(m->max_pfn, 262144);
	/* node 0: DMA32 [0, 65536), Normal [65536, 131072); node 1 after it */
	assert_zone_shape(m, 0, ZONE_DMA, 0, 0, 0, 0);
	assert_zone_shape(m, 0, ZONE_DMA32, 0, 65536, 65536, 65536);
	assert_zone_shape(m, 0, ZONE_NORMAL, 65536, 65536, 65536, 65536);
	assert_zone_shape(m, 1, ZONE_DMA, 0, 0, 0, 0);
	assert_zone_shape(m, 1, ZONE_DMA32, 131072, 65536, 65536, 65536);
	assert_zone_shape(m, 1, ZONE_NORMAL, 196608, 65536, 65536, 65536);
	for (nid = 0; nid < 2; nid++) {
		ck_assert_int_eq(m->node_data[nid]->node_id, nid);
		ck_assert_uint_eq(m->node_data[nid]->node_start_pfn, 131072UL * (unsigned long)nid);
		ck_assert_uint_eq(m->node_data[nid]->node_present_pages, 131072);
		ck_assert_int_eq(m->node_data[nid]->nr_zones, ZONE_NORMAL + 1);
	}
	ck_assert_uint_eq(m->totalram_pages, 262144);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

START_TEST(presets_pass_the_shape_check)
{
	struct machine_shape s;
	struct mm_error e;

	machine_shape_default(&s);
	ck_assert_int_eq(machine_shape_check(&s, &e), 0);
	machine_shape_tiny(&s);
	ck_assert_int_eq(machine_shape_check(&s, &e), 0);
	machine_shape_numa(&s);
	ck_assert_int_eq(machine_shape_check(&s, &e), 0);
}
END_TEST

/* ---- machine_shape_x86 ------------------------------------------------------ */

START_TEST(x86_zoning_one_node)
{
	struct machine_shape s;
	struct mm_error e;

	machine_shape_init(&s);
	s.start_pfn = 7;   /* x86 shapes always start at pfn 0 */
	ck_assert_int_eq(machine_shape_x86(&s, 65536, &e), 0);
	ck_assert_uint_eq(s.start_pfn, 0);
	/* DMA below pfn 4096 (16 MiB), DMA32 below 1 << 20 (4 GiB) */
	ck_assert_uint_eq(s.zones[0][ZONE_DMA].spanned, 4096);
	ck_assert_uint_eq(s.zones[0][ZONE_DMA].managed, 4096);
	ck_assert_uint_eq(s.zones[0][ZONE_DMA32].spanned, 61440);
	ck_assert_uint_eq(s.zones[0][ZONE_DMA32].present, 61440);
	ck_assert_uint_eq(s.zones[0][ZONE_NORMAL].spanned, 0);
	ck_assert_uint_eq(s.zones[0][ZONE_MOVABLE].spanned, 0);

	/* 8 GiB: DMA 4096, DMA32 up to 4 GiB, Normal the rest */
	ck_assert_int_eq(machine_shape_x86(&s, 2UL << 20, &e), 0);
	ck_assert_uint_eq(s.zones[0][ZONE_DMA].spanned, 4096);
	ck_assert_uint_eq(s.zones[0][ZONE_DMA32].spanned, (1UL << 20) - 4096);
	ck_assert_uint_eq(s.zones[0][ZONE_NORMAL].spanned, 1UL << 20);
	ck_assert_uint_eq(s.zones[0][ZONE_NORMAL].present, 1UL << 20);
	ck_assert_uint_eq(s.zones[0][ZONE_NORMAL].managed, 1UL << 20);

	/* less than 16 MiB: only DMA */
	ck_assert_int_eq(machine_shape_x86(&s, 1000, &e), 0);
	ck_assert_uint_eq(s.zones[0][ZONE_DMA].spanned, 1000);
	ck_assert_uint_eq(s.zones[0][ZONE_DMA32].spanned, 0);
}
END_TEST

START_TEST(x86_zoning_split_across_nodes)
{
	struct machine_shape s;
	struct mm_error e;
	struct machine *m;

	machine_shape_init(&s);
	s.nr_nodes = 2;
	/* 8 GiB on two nodes: node 0 [0, 4 GiB) = DMA + DMA32; node 1 Normal */
	ck_assert_int_eq(machine_shape_x86(&s, 2UL << 20, &e), 0);
	ck_assert_uint_eq(s.zones[0][ZONE_DMA].spanned, 4096);
	ck_assert_uint_eq(s.zones[0][ZONE_DMA32].spanned, (1UL << 20) - 4096);
	ck_assert_uint_eq(s.zones[0][ZONE_NORMAL].spanned, 0);
	ck_assert_uint_eq(s.zones[1][ZONE_DMA].spanned, 0);
	ck_assert_uint_eq(s.zones[1][ZONE_DMA32].spanned, 0);
	ck_assert_uint_eq(s.zones[1][ZONE_NORMAL].spanned, 1UL << 20);

	/* 32 MiB on two nodes: node 0 DMA [0, 4096), node 1 DMA32 [4096, 8192) */
	ck_assert_int_eq(machine_shape_x86(&s, 8192, &e), 0);
	ck_assert_uint_eq(s.zones[0][ZONE_DMA].spanned, 4096);
	ck_assert_uint_eq(s.zones[0][ZONE_DMA32].spanned, 0);
	ck_assert_uint_eq(s.zones[1][ZONE_DMA].spanned, 0);
	ck_assert_uint_eq(s.zones[1][ZONE_DMA32].spanned, 4096);
	s.nr_cpus = 2;
	s.thp = THP_NEVER;
	m = boot(&s);
	assert_zone_shape(m, 0, ZONE_DMA, 0, 4096, 4096, 4096);
	assert_zone_shape(m, 1, ZONE_DMA32, 4096, 4096, 4096, 4096);
	ck_assert_uint_eq(m->node_data[1]->node_start_pfn, 4096);
	assert_consistent(m);
	machine_destroy(m);

	/* an uneven split: the last node takes the remainder */
	s.nr_nodes = 3;
	ck_assert_int_eq(machine_shape_x86(&s, 10, &e), 0);
	ck_assert_uint_eq(s.zones[0][ZONE_DMA].spanned, 3);
	ck_assert_uint_eq(s.zones[1][ZONE_DMA].spanned, 3);
	ck_assert_uint_eq(s.zones[2][ZONE_DMA].spanned, 4);
}
END_TEST

START_TEST(x86_zoning_refusals)
{
	struct machine_shape s;
	struct mm_error e;

	machine_shape_init(&s);
	s.nr_nodes = 0;
	ck_assert_int_eq(machine_shape_x86(&s, 65536, &e), -1);
	ck_assert_ptr_nonnull(strstr(e.msg, "nodes"));
	s.nr_nodes = MAX_NUMNODES + 1;
	ck_assert_int_eq(machine_shape_x86(&s, 65536, &e), -1);
	s.nr_nodes = 4;
	ck_assert_int_eq(machine_shape_x86(&s, 3, &e), -1);
	ck_assert_ptr_nonnull(strstr(e.msg, "4 nodes"));
}
END_TEST

/* ---- machine_shape_check --------------------------------------------------- */

static void assert_refused(const struct machine_shape *s, const char *mentions)
{
	struct mm_error e;

	e.msg[0] = '\0';
	ck_assert_int_eq(machine_shape_check(s, &e), -1);
	ck_assert_msg(strstr(e.msg, mentions) != NULL, "\"%s\" does not mention \"%s\"",
		      e.msg, mentions);
	/* machine_create refuses the same shape */
	e.msg[0] = '\0';
	ck_assert_ptr_null(machine_create(s, &e));
	ck_assert_msg(strstr(e.msg, mentions) != NULL, "create: \"%s\"", e.msg);
}

START_TEST(shape_check_refusals)
{
	struct machine_shape s;
	int z;

	machine_shape_default(&s);
	s.nr_nodes = 0;
	assert_refused(&s, "nodes");
	s.nr_nodes = MAX_NUMNODES + 1;
	assert_refused(&s, "nodes");

	machine_shape_default(&s);
	s.nr_cpus = 0;
	assert_refused(&s, "cpus");
	s.nr_cpus = MAX_CPUS + 1;
	assert_refused(&s, "cpus");

	machine_shape_default(&s);
	s.max_order = 1;
	assert_refused(&s, "MAX_ORDER");
	s.max_order = MAX_ORDER_LIMIT + 1;
	assert_refused(&s, "MAX_ORDER");

	/* the kernel never has pageblock_order > MAX_ORDER - 1 */
	machine_shape_default(&s);
	s.pageblock_order = 11;
	assert_refused(&s, "pageblock_order");
	s.pageblock_order = 0;
	assert_refused(&s, "pageblock_order");
	machine_shape_tiny(&s);
	s.pageblock_order = 6;
	assert_refused(&s, "pageblock_order");

	machine_shape_default(&s);
	s.zones[0][ZONE_NORMAL].present = 61441;      /* present > spanned */
	assert_refused(&s, "spanned >= present >= managed");
	machine_shape_default(&s);
	s.zones[0][ZONE_DMA].managed = 4097;          /* managed > present */
	assert_refused(&s, "spanned >= present >= managed");

	machine_shape_default(&s);
	for (z = 0; z < MAX_NR_ZONES; z++)
		s.zones[0][z].managed = 0;            /* present but never managed */
	assert_refused(&s, "no managed memory");
	machine_shape_init(&s);                       /* nothing at all */
	assert_refused(&s, "no managed memory");

	machine_shape_default(&s);
	s.zones[0][ZONE_NORMAL] = (struct zone_shape){ 1UL << 31, 1, 1 };
	assert_refused(&s, "too large");
}
END_TEST

START_TEST(shape_check_accepts_the_edges)
{
	struct machine_shape s;
	struct mm_error e;

	machine_shape_tiny(&s);
	s.pageblock_order = 5;                 /* exactly MAX_ORDER - 1 */
	ck_assert_int_eq(machine_shape_check(&s, &e), 0);
	s.max_order = 2;
	s.pageblock_order = 1;
	ck_assert_int_eq(machine_shape_check(&s, &e), 0);
	s.nr_cpus = MAX_CPUS;
	ck_assert_int_eq(machine_shape_check(&s, &e), 0);
	s.zones[0][ZONE_NORMAL] = (struct zone_shape){ 256, 10, 1 };
	ck_assert_int_eq(machine_shape_check(&s, &e), 0);
}
END_TEST

/* ---- layout, holes and reserved pages --------------------------------------- */

/*
 * DMA spans 512 pages, 500 present, 490 managed; Normal spans 1024 from
 * pfn 512, 880 present, 800 managed. MAX_ORDER 8, pageblocks of 128.
 */
static struct machine *boot_holes(void)
{
	struct machine_shape s;

	machine_shape_init(&s);
	s.max_order = 8;
	s.pageblock_order = 7;
	s.thp = THP_NEVER;
	s.zones[0][ZONE_DMA] = (struct zone_shape){ 512, 500, 490 };
	s.zones[0][ZONE_NORMAL] = (struct zone_shape){ 1024, 880, 800 };
	return boot(&s);
}

START_TEST(zones_are_laid_out_back_to_back)
{
	struct machine *m = boot_holes();
	struct machine_shape s;

	/* Normal starts where DMA's span (holes included) ends */
	assert_zone_shape(m, 0, ZONE_DMA, 0, 512, 500, 490);
	assert_zone_shape(m, 0, ZONE_NORMAL, 512, 1024, 880, 800);
	ck_assert_uint_eq(m->max_pfn, 1536);
	ck_assert_uint_eq(m->totalram_pages, 1290);
	ck_assert_uint_eq(m->node_data[0]->node_spanned_pages, 1536);
	ck_assert_uint_eq(m->node_data[0]->node_present_pages, 1380);
	ck_assert_ptr_eq(pfn_zone(m, 511), ZONE(m, 0, ZONE_DMA));
	ck_assert_ptr_eq(pfn_zone(m, 512), ZONE(m, 0, ZONE_NORMAL));
	ck_assert_ptr_eq(pfn_zone(m, 1535), ZONE(m, 0, ZONE_NORMAL));
	ck_assert_ptr_null(pfn_zone(m, 1536));
	assert_consistent(m);
	machine_destroy(m);

	/* four zones one after another in zone order, from start_pfn */
	machine_shape_init(&s);
	s.start_pfn = 1024;
	s.thp = THP_NEVER;
	s.zones[0][ZONE_DMA] = (struct zone_shape){ 1024, 1024, 1024 };
	s.zones[0][ZONE_DMA32] = (struct zone_shape){ 2048, 2048, 2048 };
	s.zones[0][ZONE_NORMAL] = (struct zone_shape){ 3072, 3072, 3072 };
	s.zones[0][ZONE_MOVABLE] = (struct zone_shape){ 1024, 1024, 1024 };
	m = boot(&s);
	assert_zone_shape(m, 0, ZONE_DMA, 1024, 1024, 1024, 1024);
	assert_zone_shape(m, 0, ZONE_DMA32, 2048, 2048, 2048, 2048);
	assert_zone_shape(m, 0, ZONE_NORMAL, 4096, 3072, 3072, 3072);
	assert_zone_shape(m, 0, ZONE_MOVABLE, 7168, 1024, 1024, 1024);
	ck_assert_uint_eq(m->max_pfn, 8192);
	/* pfns below start_pfn are a reserved hole, outside every zone */
	ck_assert_ptr_null(pfn_zone(m, 0));
	ck_assert_ptr_null(pfn_zone(m, 1023));
	ck_assert(pfn_is_hole(m, 0));
	ck_assert(PageReserved(pfn_to_page(m, 1023)));
	ck_assert(!PageBuddy(pfn_to_page(m, 1023)));
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/* Does any free block of the zone cover pfn? */
static bool on_free_lists(struct machine *m, struct zone *z, unsigned long pfn)
{
	static unsigned long blocks[70000];
	unsigned int o;
	int t;

	for (o = 0; o < m->max_order; o++)
		for (t = 0; t < MIGRATE_TYPES; t++) {
			size_t n = free_list(m, z, o, t, blocks, 70000), i;

			for (i = 0; i < n && i < 70000; i++)
				if (blocks[i] <= pfn && pfn < blocks[i] + (1UL << o))
					return true;
		}
	return false;
}

START_TEST(holes_and_reserved_pages_are_reserved_and_never_free)
{
	struct machine *m = boot_holes();
	struct zone *dma = ZONE(m, 0, ZONE_DMA), *normal = ZONE(m, 0, ZONE_NORMAL);
	unsigned long pfn;

	/* reserved: present, not managed, at the end of the present pages */
	for (pfn = 490; pfn < 500; pfn++) {
		ck_assert(!pfn_is_hole(m, pfn));
		ck_assert_msg(PageReserved(pfn_to_page(m, pfn)), "pfn %lu", pfn);
		ck_assert(!PageBuddy(pfn_to_page(m, pfn)));
		ck_assert(!on_free_lists(m, dma, pfn));
	}
	/* holes: spanned, not present, at the end of the span */
	for (pfn = 500; pfn < 512; pfn++) {
		ck_assert_msg(pfn_is_hole(m, pfn), "pfn %lu", pfn);
		ck_assert(PageReserved(pfn_to_page(m, pfn)));
		ck_assert(!on_free_lists(m, dma, pfn));
	}
	for (pfn = 1312; pfn < 1392; pfn++) {
		ck_assert(!pfn_is_hole(m, pfn));
		ck_assert(PageReserved(pfn_to_page(m, pfn)));
		ck_assert(!on_free_lists(m, normal, pfn));
	}
	for (pfn = 1392; pfn < 1536; pfn++) {
		ck_assert(pfn_is_hole(m, pfn));
		ck_assert(PageReserved(pfn_to_page(m, pfn)));
		ck_assert(!on_free_lists(m, normal, pfn));
	}
	/* managed pages are free, not reserved */
	ck_assert(!PageReserved(pfn_to_page(m, 489)));
	ck_assert(on_free_lists(m, dma, 489));
	ck_assert(!pfn_is_hole(m, 499));
	ck_assert(on_free_lists(m, normal, 1311));
	ck_assert_int_eq(page_ref_count(pfn_to_page(m, 489)), 0);

	/*
	 * __free_pages_memory: [0, 490) = 0 o7, 128 o7, 256 o7, 384 o6,
	 * 448 o5, 480 o3, 488 o1; [512, 1312) = six o7 blocks, 1280 o5.
	 */
	ck_assert_uint_eq(dma->free_area[7].nr_free, 3);
	ck_assert_uint_eq(dma->free_area[6].nr_free, 1);
	ck_assert_uint_eq(dma->free_area[5].nr_free, 1);
	ck_assert_uint_eq(dma->free_area[4].nr_free, 0);
	ck_assert_uint_eq(dma->free_area[3].nr_free, 1);
	ck_assert_uint_eq(dma->free_area[2].nr_free, 0);
	ck_assert_uint_eq(dma->free_area[1].nr_free, 1);
	ck_assert_uint_eq(dma->free_area[0].nr_free, 0);
	ck_assert(PageBuddy(pfn_to_page(m, 488)));
	ck_assert_uint_eq(buddy_order(pfn_to_page(m, 488)), 1);
	ck_assert_uint_eq(normal->free_area[7].nr_free, 6);
	ck_assert_uint_eq(normal->free_area[5].nr_free, 1);
	ck_assert(PageBuddy(pfn_to_page(m, 1280)));
	ck_assert_int_eq(zone_page_state(dma, NR_FREE_PAGES), 490);
	ck_assert_int_eq(zone_page_state(normal, NR_FREE_PAGES), 800);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

START_TEST(boot_free_lists_ascend_in_the_largest_aligned_chunks)
{
	unsigned long got[64];
	size_t n, i;
	struct machine *m = boot_preset("default");

	/* Normal [4096, 65536): 60 order-10 blocks appended tail-first */
	n = free_list(m, ZONE(m, 0, ZONE_NORMAL), 10, MIGRATE_MOVABLE, got, 64);
	ck_assert_uint_eq(n, 60);
	for (i = 0; i < n; i++)
		ck_assert_uint_eq(got[i], 4096 + 1024 * i);
	machine_destroy(m);

	/* an unaligned end: [4096, 5000) = 4096 o9, 4608 o8, 4864 o7, 4992 o3 */
	m = boot_shape(4096, 0, 904, 0, 11, 9, 1);
	{
		struct zone *z = ZONE(m, 0, ZONE_NORMAL);

		ck_assert_uint_eq(free_list(m, z, 9, MIGRATE_MOVABLE, got, 64), 1);
		ck_assert_uint_eq(got[0], 4096);
		ck_assert_uint_eq(free_list(m, z, 8, MIGRATE_MOVABLE, got, 64), 1);
		ck_assert_uint_eq(got[0], 4608);
		ck_assert_uint_eq(free_list(m, z, 7, MIGRATE_MOVABLE, got, 64), 1);
		ck_assert_uint_eq(got[0], 4864);
		ck_assert_uint_eq(free_list(m, z, 3, MIGRATE_MOVABLE, got, 64), 1);
		ck_assert_uint_eq(got[0], 4992);
		ck_assert_uint_eq(z->free_area[10].nr_free + z->free_area[6].nr_free +
				  z->free_area[0].nr_free, 0);
	}
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/* ---- pageblocks and page links ---------------------------------------------- */

START_TEST(pageblock_types_at_boot)
{
	struct machine *m = boot_holes();
	unsigned long b;

	/* every block whose first pfn is present starts MOVABLE ... */
	for (b = 0; b <= 10; b++)
		ck_assert_msg(get_pfnblock_migratetype(m, b * 128) == MIGRATE_MOVABLE,
			      "block %lu is %d", b, get_pfnblock_migratetype(m, b * 128));
	/* ... block 10 [1280, 1408) begins in present memory (reserved from 1312) */
	ck_assert_int_eq(get_pfnblock_migratetype(m, 1391), MIGRATE_MOVABLE);
	/* ... block 11 [1408, 1536) begins in a hole: never set, reads UNMOVABLE */
	ck_assert_int_eq(get_pfnblock_migratetype(m, 1408), MIGRATE_UNMOVABLE);
	ck_assert_int_eq(get_pageblock_migratetype(m, pfn_to_page(m, 1535)), MIGRATE_UNMOVABLE);
	assert_consistent(m);
	machine_destroy(m);

	/* a block that begins in reserved (present, unmanaged) memory is MOVABLE */
	{
		struct machine_shape s;
		struct mm_error e;

		machine_shape_init(&s);
		s.max_order = 6;
		s.pageblock_order = 5;
		s.thp = THP_NEVER;
		s.zones[0][ZONE_NORMAL] = (struct zone_shape){ 256, 200, 100 };
		m = machine_create(&s, &e);
		ck_assert_msg(m != NULL, "%s", e.msg);
		ck_assert_int_eq(get_pfnblock_migratetype(m, 96), MIGRATE_MOVABLE);   /* managed */
		ck_assert_int_eq(get_pfnblock_migratetype(m, 128), MIGRATE_MOVABLE);  /* reserved */
		ck_assert_int_eq(get_pfnblock_migratetype(m, 160), MIGRATE_MOVABLE);  /* reserved */
		ck_assert_int_eq(get_pfnblock_migratetype(m, 192), MIGRATE_MOVABLE);  /* 192-199 */
		ck_assert_int_eq(get_pfnblock_migratetype(m, 224), MIGRATE_UNMOVABLE); /* hole */
		assert_consistent(m);
		machine_destroy(m);
	}

	/* x86's DMA from pfn 1: block 0 begins in the hole at pfn 0 */
	{
		struct machine_shape s;

		machine_shape_init(&s);
		s.start_pfn = 1;
		s.thp = THP_NEVER;
		s.zones[0][ZONE_DMA] = (struct zone_shape){ 4095, 4095, 4095 };
		s.zones[0][ZONE_NORMAL] = (struct zone_shape){ 61440, 61440, 61440 };
		m = boot(&s);
		ck_assert_int_eq(get_pfnblock_migratetype(m, 1), MIGRATE_UNMOVABLE);
		for (b = 1; b < 128; b++)
			ck_assert_int_eq(get_pfnblock_migratetype(m, b * 512), MIGRATE_MOVABLE);
		ck_assert(PageReserved(pfn_to_page(m, 0)));
		ck_assert(pfn_is_hole(m, 0));
		assert_consistent(m);
		machine_destroy(m);
	}
}
END_TEST

START_TEST(page_flags_carry_zone_and_node)
{
	struct machine *m = boot_preset("numa");
	static const struct { unsigned long pfn; int nid, zone; } want[] = {
		{ 0, 0, ZONE_DMA32 }, { 65535, 0, ZONE_DMA32 },
		{ 65536, 0, ZONE_NORMAL }, { 131071, 0, ZONE_NORMAL },
		{ 131072, 1, ZONE_DMA32 }, { 196607, 1, ZONE_DMA32 },
		{ 196608, 1, ZONE_NORMAL }, { 262143, 1, ZONE_NORMAL },
	};
	size_t i;

	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		struct page *p = pfn_to_page(m, want[i].pfn);

		ck_assert_uint_eq(page_to_nid(p), (unsigned int)want[i].nid);
		ck_assert_uint_eq(page_zonenum(p), (unsigned int)want[i].zone);
		ck_assert_ptr_eq(page_zone(m, p), ZONE(m, want[i].nid, want[i].zone));
		ck_assert_uint_eq(page_to_pfn(m, p), want[i].pfn);
	}
	/* the zone/node bits leave the PG_* bits alone */
	ck_assert_uint_eq(pfn_to_page(m, 262143)->flags & PAGEFLAGS_MASK, 0);
	machine_destroy(m);

	m = boot_holes();
	/* holes and reserved pages carry their zone too */
	ck_assert_uint_eq(page_zonenum(pfn_to_page(m, 505)), ZONE_DMA);
	ck_assert_uint_eq(page_zonenum(pfn_to_page(m, 1500)), ZONE_NORMAL);
	ck_assert(test_page_flag(pfn_to_page(m, 1500), PG_reserved));
	machine_destroy(m);
}
END_TEST

/* ---- zonelists ------------------------------------------------------------------ */

/* The zones of a zonelist as "nid:zone" pairs, e.g. "0:Normal 0:DMA". */
static const char *zonelist_str(struct zonelist *zl)
{
	static char buf[512];
	struct zoneref *z;
	size_t used = 0;

	buf[0] = '\0';
	for (z = zl->_zonerefs; z->zone; z++) {
		ck_assert_int_eq(z->zone_idx, zone_idx(z->zone));
		used += (size_t)snprintf(buf + used, sizeof(buf) - used, "%s%d:%s",
					 used ? " " : "", zone_to_nid(z->zone), z->zone->name);
	}
	return buf;
}

START_TEST(uma_zonelist_is_high_to_low_managed_zones)
{
	struct machine_shape s;
	struct machine *m;

	m = boot_preset("default");
	ck_assert_str_eq(zonelist_str(&m->node_data[0]->node_zonelists[ZONELIST_FALLBACK]),
			 "0:Normal 0:DMA");
	ck_assert_str_eq(zonelist_str(&m->node_data[0]->node_zonelists[ZONELIST_NOFALLBACK]),
			 "0:Normal 0:DMA");
	machine_destroy(m);

	/* DMA32 is present but has no managed page: it is left out */
	machine_shape_init(&s);
	s.thp = THP_NEVER;
	s.zones[0][ZONE_DMA] = (struct zone_shape){ 1024, 1024, 1024 };
	s.zones[0][ZONE_DMA32] = (struct zone_shape){ 1024, 1024, 0 };
	s.zones[0][ZONE_NORMAL] = (struct zone_shape){ 2048, 2048, 2048 };
	s.zones[0][ZONE_MOVABLE] = (struct zone_shape){ 1024, 1024, 1024 };
	m = boot(&s);
	ck_assert_str_eq(zonelist_str(&m->node_data[0]->node_zonelists[ZONELIST_FALLBACK]),
			 "0:Movable 0:Normal 0:DMA");
	ck_assert_int_eq(m->node_data[0]->nr_zones, MAX_NR_ZONES);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

START_TEST(first_and_next_zones_honour_highest_zoneidx)
{
	struct machine_shape s;
	struct machine *m;
	struct zonelist *zl;
	struct zoneref *z;

	machine_shape_init(&s);
	s.thp = THP_NEVER;
	s.zones[0][ZONE_DMA] = (struct zone_shape){ 1024, 1024, 1024 };
	s.zones[0][ZONE_DMA32] = (struct zone_shape){ 1024, 1024, 1024 };
	s.zones[0][ZONE_NORMAL] = (struct zone_shape){ 2048, 2048, 2048 };
	s.zones[0][ZONE_MOVABLE] = (struct zone_shape){ 1024, 1024, 1024 };
	m = boot(&s);
	zl = node_zonelist(m, 0, GFP_KERNEL);
	ck_assert_str_eq(zonelist_str(zl), "0:Movable 0:Normal 0:DMA32 0:DMA");

	/* GFP_HIGHUSER_MOVABLE: Movable, Normal, DMA32, DMA */
	z = first_zones_zonelist(zl, ZONE_MOVABLE);
	ck_assert_ptr_eq(z->zone, ZONE(m, 0, ZONE_MOVABLE));
	/* GFP_KERNEL: starts at Normal, then DMA32, DMA, end */
	z = first_zones_zonelist(zl, ZONE_NORMAL);
	ck_assert_ptr_eq(z->zone, ZONE(m, 0, ZONE_NORMAL));
	z = next_zones_zonelist(z + 1, ZONE_NORMAL);
	ck_assert_ptr_eq(z->zone, ZONE(m, 0, ZONE_DMA32));
	z = next_zones_zonelist(z + 1, ZONE_NORMAL);
	ck_assert_ptr_eq(z->zone, ZONE(m, 0, ZONE_DMA));
	z = next_zones_zonelist(z + 1, ZONE_NORMAL);
	ck_assert_ptr_null(z->zone);
	/* GFP_DMA32: DMA32, DMA; GFP_DMA: DMA only */
	z = first_zones_zonelist(zl, ZONE_DMA32);
	ck_assert_ptr_eq(z->zone, ZONE(m, 0, ZONE_DMA32));
	z = first_zones_zonelist(zl, ZONE_DMA);
	ck_assert_ptr_eq(z->zone, ZONE(m, 0, ZONE_DMA));
	ck_assert_ptr_null(next_zones_zonelist(z + 1, ZONE_DMA)->zone);
	machine_destroy(m);

	/* default has no DMA32: a GFP_DMA32 request starts at DMA */
	m = boot_preset("default");
	zl = node_zonelist(m, 0, GFP_DMA32);
	ck_assert_ptr_eq(first_zones_zonelist(zl, ZONE_DMA32)->zone, ZONE(m, 0, ZONE_DMA));
	/* tiny has only Normal: GFP_DMA finds no zone at all */
	machine_destroy(m);
	m = boot_preset("tiny");
	zl = node_zonelist(m, 0, GFP_DMA);
	ck_assert_ptr_null(first_zones_zonelist(zl, ZONE_DMA)->zone);
	ck_assert_ptr_eq(first_zones_zonelist(zl, ZONE_MOVABLE)->zone, ZONE(m, 0, ZONE_NORMAL));
	machine_destroy(m);
}
END_TEST

START_TEST(numa_zonelists_follow_find_next_best_node)
{
	struct machine *m = boot_preset("numa");

	/* local node first, each node's zones high to low */
	ck_assert_str_eq(zonelist_str(&m->node_data[0]->node_zonelists[ZONELIST_FALLBACK]),
			 "0:Normal 0:DMA32 1:Normal 1:DMA32");
	ck_assert_str_eq(zonelist_str(&m->node_data[1]->node_zonelists[ZONELIST_FALLBACK]),
			 "1:Normal 1:DMA32 0:Normal 0:DMA32");
	/* __GFP_THISNODE: the NOFALLBACK list, local node only */
	ck_assert_str_eq(zonelist_str(&m->node_data[0]->node_zonelists[ZONELIST_NOFALLBACK]),
			 "0:Normal 0:DMA32");
	ck_assert_str_eq(zonelist_str(&m->node_data[1]->node_zonelists[ZONELIST_NOFALLBACK]),
			 "1:Normal 1:DMA32");
	ck_assert_ptr_eq(node_zonelist(m, 1, GFP_KERNEL | GFP__THISNODE),
			 &m->node_data[1]->node_zonelists[ZONELIST_NOFALLBACK]);
	ck_assert_ptr_eq(node_zonelist(m, 1, GFP_KERNEL),
			 &m->node_data[1]->node_zonelists[ZONELIST_FALLBACK]);
	machine_destroy(m);
}
END_TEST

static struct machine *boot_nodes(int nodes, int cpus)
{
	struct machine_shape s;
	int nid;

	machine_shape_init(&s);
	s.nr_nodes = nodes;
	s.nr_cpus = cpus;
	s.thp = THP_NEVER;
	for (nid = 0; nid < nodes; nid++)
		s.zones[nid][ZONE_NORMAL] = (struct zone_shape){ 1024, 1024, 1024 };
	return boot(&s);
}

START_TEST(numa_round_robin_among_equal_distances)
{
	/*
	 * Four nodes, one CPU each, all 20 apart. val = (20 + (n < node) + 1)
	 * * 64 + node_load[n]; build_zonelists sets node_load[first node of
	 * each distance group] = load (5.10 assigns, later kernels add):
	 * node 0: 0 1 2 3 (load[1] = 3); node 1: 1 2 3 0 (load[2] = 3);
	 * node 2: 2 3 0 1 (load[3] = 3); node 3: 3 0 1 2.
	 */
	struct machine *m = boot_nodes(4, 4);

	ck_assert_str_eq(zonelist_str(&m->node_data[0]->node_zonelists[ZONELIST_FALLBACK]),
			 "0:Normal 1:Normal 2:Normal 3:Normal");
	ck_assert_str_eq(zonelist_str(&m->node_data[1]->node_zonelists[ZONELIST_FALLBACK]),
			 "1:Normal 2:Normal 3:Normal 0:Normal");
	ck_assert_str_eq(zonelist_str(&m->node_data[2]->node_zonelists[ZONELIST_FALLBACK]),
			 "2:Normal 3:Normal 0:Normal 1:Normal");
	ck_assert_str_eq(zonelist_str(&m->node_data[3]->node_zonelists[ZONELIST_FALLBACK]),
			 "3:Normal 0:Normal 1:Normal 2:Normal");
	ck_assert_str_eq(zonelist_str(&m->node_data[3]->node_zonelists[ZONELIST_NOFALLBACK]),
			 "3:Normal");
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

START_TEST(numa_prefers_headless_nodes)
{
	/*
	 * Three nodes, one CPU (on node 0). Node 2: node 0 scores
	 * (20 + 1 + 1) * 48 = 1056, node 1 (20 + 1 + 0) * 48 + load 2 = 1010:
	 * without PENALTY_FOR_NODE_WITH_CPUS node 0 (1008) would come first.
	 * Node 1: node 2 (960) before node 0 (1056). Node 0: 0 1 2.
	 */
	struct machine *m = boot_nodes(3, 1);

	ck_assert_int_eq(m->cpu_to_node[0], 0);
	ck_assert_str_eq(zonelist_str(&m->node_data[0]->node_zonelists[ZONELIST_FALLBACK]),
			 "0:Normal 1:Normal 2:Normal");
	ck_assert_str_eq(zonelist_str(&m->node_data[1]->node_zonelists[ZONELIST_FALLBACK]),
			 "1:Normal 2:Normal 0:Normal");
	ck_assert_str_eq(zonelist_str(&m->node_data[2]->node_zonelists[ZONELIST_FALLBACK]),
			 "2:Normal 1:Normal 0:Normal");
	machine_destroy(m);
}
END_TEST

START_TEST(numa_fallback_only_to_nodes_with_memory)
{
	/*
	 * Four nodes with a CPU each; node 1 has no memory. 5.10's
	 * find_next_best_node() returns the local node first, then walks
	 * only N_MEMORY nodes (0, 2, 3), so a memoryless node never takes a
	 * slot nor the round-robin load. F = MAX_NODE_LOAD * MAX_NUMNODES:
	 * node 0: 0, then 2 (21F; load[2] = 3), 3 -> "0 2 3";
	 * node 1: 1, then 3 (21F) before 2 (21F + 3) and 0 (22F) -> "3 2 0";
	 * node 2: 3 (21F) before 0 (22F) -> "2 3 0"; node 3: 0 (22F) before
	 * 2 (22F + 3) -> "3 0 2".
	 */
	struct machine_shape s;
	struct mm_error e;
	struct machine *m;
	int nid;

	machine_shape_init(&s);
	s.nr_nodes = 4;
	s.nr_cpus = 4;
	s.thp = THP_NEVER;
	for (nid = 0; nid < 4; nid++)
		if (nid != 1)
			s.zones[nid][ZONE_NORMAL] = (struct zone_shape){ 1024, 1024, 1024 };
	m = machine_create(&s, &e);
	ck_assert_msg(m != NULL, "%s", e.msg);
	ck_assert_int_eq(m->cpu_to_node[1], 1);
	ck_assert_str_eq(zonelist_str(&m->node_data[0]->node_zonelists[ZONELIST_FALLBACK]),
			 "0:Normal 2:Normal 3:Normal");
	ck_assert_str_eq(zonelist_str(&m->node_data[2]->node_zonelists[ZONELIST_FALLBACK]),
			 "2:Normal 3:Normal 0:Normal");
	ck_assert_str_eq(zonelist_str(&m->node_data[3]->node_zonelists[ZONELIST_FALLBACK]),
			 "3:Normal 0:Normal 2:Normal");
	ck_assert_str_eq(zonelist_str(&m->node_data[1]->node_zonelists[ZONELIST_NOFALLBACK]), "");
	ck_assert_str_eq(zonelist_str(&m->node_data[1]->node_zonelists[ZONELIST_FALLBACK]),
			 "3:Normal 2:Normal 0:Normal");
	machine_destroy(m);
}
END_TEST

/* ---- mobility, CPUs, totals -------------------------------------------------------- */

START_TEST(mobility_grouping_off_on_small_machines)
{
	struct machine *m;

	/* pageblock_nr_pages 32 * MIGRATE_TYPES 6 = 192 pages */
	m = boot_shape(0, 0, 128, 0, 6, 5, 1);
	ck_assert(m->page_group_by_mobility_disabled);
	ck_assert_uint_eq(m->vm_total_pages, 128);
	/* every request is then UNMOVABLE */
	ck_assert_int_eq(gfp_migratetype(m, GFP_HIGHUSER_MOVABLE), MIGRATE_UNMOVABLE);
	ck_assert_int_eq(gfp_migratetype(m, GFP_KERNEL | GFP__RECLAIMABLE), MIGRATE_UNMOVABLE);
	machine_destroy(m);

	m = boot_shape(0, 0, 191, 0, 6, 5, 1);
	ck_assert(m->page_group_by_mobility_disabled);
	machine_destroy(m);

	m = boot_shape(0, 0, 192, 0, 6, 5, 1);
	ck_assert(!m->page_group_by_mobility_disabled);
	ck_assert_int_eq(gfp_migratetype(m, GFP_HIGHUSER_MOVABLE), MIGRATE_MOVABLE);
	ck_assert_int_eq(gfp_migratetype(m, GFP_KERNEL | GFP__RECLAIMABLE), MIGRATE_RECLAIMABLE);
	machine_destroy(m);

	m = boot_preset("tiny");        /* 256 >= 192 */
	ck_assert(!m->page_group_by_mobility_disabled);
	machine_destroy(m);
	m = boot_preset("default");     /* 65536 >= 512 * 6 */
	ck_assert(!m->page_group_by_mobility_disabled);
	ck_assert_uint_eq(m->vm_total_pages, 65536);
	machine_destroy(m);
	/* 2048 pages with pageblock_order 9: 2048 < 3072 */
	m = boot_shape(0, 0, 2048, 0, 11, 9, 1);
	ck_assert(m->page_group_by_mobility_disabled);
	machine_destroy(m);
}
END_TEST

START_TEST(cpu_to_node_mapping)
{
	struct machine *m = boot_preset("numa");
	struct mm_error e;

	/* four CPUs on two nodes: 0 1 on node 0, 2 3 on node 1 */
	ck_assert_int_eq(m->cpu_to_node[0], 0);
	ck_assert_int_eq(m->cpu_to_node[1], 0);
	ck_assert_int_eq(m->cpu_to_node[2], 1);
	ck_assert_int_eq(m->cpu_to_node[3], 1);
	ck_assert_int_eq(m->current.cpu, 0);
	ck_assert_int_eq(numa_node_id(m), 0);
	ck_assert_int_eq(machine_set_cpu(m, 2, &e), 0);
	ck_assert_int_eq(numa_node_id(m), 1);
	ck_assert_int_eq(machine_set_cpu(m, 4, &e), -1);
	ck_assert_ptr_nonnull(strstr(e.msg, "cpu 4"));
	ck_assert_int_eq(machine_set_cpu(m, -1, &e), -1);
	ck_assert_int_eq(m->current.cpu, 2);
	machine_destroy(m);

	m = boot_preset("default");
	ck_assert_int_eq(m->cpu_to_node[0], 0);
	ck_assert_int_eq(m->cpu_to_node[1], 0);
	machine_destroy(m);

	m = boot_nodes(4, 4);
	ck_assert_int_eq(m->cpu_to_node[3], 3);
	machine_destroy(m);
}
END_TEST

START_TEST(totalram_pages_counts_managed_pages)
{
	struct machine *m = boot_holes();

	ck_assert_uint_eq(m->totalram_pages, 490 + 800);
	machine_destroy(m);
	m = boot_preset("tiny");
	ck_assert_uint_eq(m->totalram_pages, 256);
	machine_destroy(m);
	m = boot_preset("numa");
	ck_assert_uint_eq(m->totalram_pages, 4 * 65536);
	machine_destroy(m);
}
END_TEST

START_TEST(machine_zone_lookup)
{
	struct machine *m = boot_preset("numa");

	ck_assert_ptr_eq(machine_zone(m, 1, ZONE_NORMAL), ZONE(m, 1, ZONE_NORMAL));
	ck_assert_ptr_null(machine_zone(m, 2, ZONE_NORMAL));
	ck_assert_ptr_null(machine_zone(m, -1, ZONE_NORMAL));
	ck_assert_ptr_null(machine_zone(m, 0, MAX_NR_ZONES));
	ck_assert_ptr_eq(ZONE(m, 1, ZONE_DMA32)->zone_pgdat, m->node_data[1]);
	machine_destroy(m);
}
END_TEST

static Suite *mmzone_suite(void)
{
	Suite *s = suite_create("mmzone");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, default_preset_shape);
	tcase_add_test(tc, tiny_preset_shape);
	tcase_add_test(tc, numa_preset_shape);
	tcase_add_test(tc, presets_pass_the_shape_check);
	tcase_add_test(tc, x86_zoning_one_node);
	tcase_add_test(tc, x86_zoning_split_across_nodes);
	tcase_add_test(tc, x86_zoning_refusals);
	tcase_add_test(tc, shape_check_refusals);
	tcase_add_test(tc, shape_check_accepts_the_edges);
	tcase_add_test(tc, zones_are_laid_out_back_to_back);
	tcase_add_test(tc, holes_and_reserved_pages_are_reserved_and_never_free);
	tcase_add_test(tc, boot_free_lists_ascend_in_the_largest_aligned_chunks);
	tcase_add_test(tc, pageblock_types_at_boot);
	tcase_add_test(tc, page_flags_carry_zone_and_node);
	tcase_add_test(tc, uma_zonelist_is_high_to_low_managed_zones);
	tcase_add_test(tc, first_and_next_zones_honour_highest_zoneidx);
	tcase_add_test(tc, numa_zonelists_follow_find_next_best_node);
	tcase_add_test(tc, numa_round_robin_among_equal_distances);
	tcase_add_test(tc, numa_prefers_headless_nodes);
	tcase_add_test(tc, numa_fallback_only_to_nodes_with_memory);
	tcase_add_test(tc, mobility_grouping_off_on_small_machines);
	tcase_add_test(tc, cpu_to_node_mapping);
	tcase_add_test(tc, totalram_pages_counts_managed_pages);
	tcase_add_test(tc, machine_zone_lookup);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return run_suite(mmzone_suite());
}
