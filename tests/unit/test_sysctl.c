/*
 * tests/unit/test_sysctl.c: the vm.* sysctls (section 16 of the semantics
 * reference): the read format, the ranges of kernel/sysctl.c, and what
 * each handler of mm/page_alloc.c recomputes: min_free_kbytes sets
 * user_min_free_kbytes and the watermarks (not lowmem_reserve, not the
 * pcp) and drops any boost; watermark_scale_factor 1..1000;
 * lowmem_reserve_ratio (values below 1 become 0, partial writes);
 * percpu_pagelist_fraction 0 or >= 8, resizing pcp high/batch;
 * watermark_boost_factor 0 disabling boosts. A refused write changes
 * nothing, which the zoneinfo text and every sysctl show.
 */
#include <stdio.h>
#include <string.h>

#include "helpers.h"
#include "mmsh/page_alloc.h"
#include "mmsh/pcp.h"
#include "mmsh/procfs.h"
#include "mmsh/sysctl.h"
#include "mmsh/workload.h"
#include "mmsh/watermark.h"

static const char *const names[] = {
	"min_free_kbytes", "watermark_scale_factor", "watermark_boost_factor",
	"lowmem_reserve_ratio", "percpu_pagelist_fraction", "swappiness",
	"extfrag_threshold", "compaction_proactiveness", "dirty_ratio",
	"dirty_background_ratio", "dirty_expire_centisecs", "dirty_writeback_centisecs",
	"laptop_mode", "panic_on_oom", "oom_kill_allocating_task", "oom_dump_tasks",
	"drop_caches",
};
#define NR_NAMES (sizeof(names) / sizeof(names[0]))

/* The value sysctl_read() prints; a static buffer, valid until the next call. */
static const char *value_of(struct machine *m, const char *name)
{
	static char buf[256];
	struct strbuf sb = STRBUF_INIT;
	struct mm_error e;

	ck_assert_msg(sysctl_read(m, name, &sb, &e) == 0, "read %s: %s", name, e.msg);
	ck_assert_uint_lt(sb.len, sizeof(buf));
	strcpy(buf, sb_str(&sb));
	sb_free(&sb);
	return buf;
}

static void write_ok(struct machine *m, const char *name, const char *value)
{
	struct mm_error e;

	ck_assert_msg(sysctl_write(m, name, value, &e) == 0, "write %s=%s: %s", name,
		      value, e.msg);
}

/* Everything a write could change: zoneinfo plus every sysctl. */
static void snapshot(struct machine *m, struct strbuf *sb)
{
	size_t i;

	sb_reset(sb);
	proc_zoneinfo(m, sb);
	for (i = 0; i < NR_NAMES; i++)
		if (!sysctl_lookup(names[i])->write_only)
			sb_printf(sb, "%s=%s\n", names[i], value_of(m, names[i]));
	sb_printf(sb, "user_min_free_kbytes=%d totalreserve=%lu\n",
		  m->user_min_free_kbytes, m->totalreserve_pages);
}

/* The write must be refused with a message and leave the machine alone. */
static void expect_refused(struct machine *m, const char *name, const char *value)
{
	struct strbuf before = STRBUF_INIT, after = STRBUF_INIT;
	struct mm_error e;

	snapshot(m, &before);
	e.msg[0] = '\0';
	ck_assert_msg(sysctl_write(m, name, value, &e) == -1,
		      "write %s='%s' should be refused", name, value);
	ck_assert_msg(e.msg[0] != '\0', "write %s='%s': no message", name, value);
	snapshot(m, &after);
	ck_assert_msg(strcmp(sb_str(&before), sb_str(&after)) == 0,
		      "refused write %s='%s' changed the machine", name, value);
	sb_free(&before);
	sb_free(&after);
}

/* ---- the table ------------------------------------------------------------------ */

START_TEST(table_lists_every_knob)
{
	const struct sysctl_entry *t;
	size_t n, i;

	t = sysctl_table(&n);
	ck_assert_uint_eq(n, NR_NAMES);
	for (i = 0; i < n; i++) {
		char vm[64];

		ck_assert_str_eq(t[i].name, names[i]);
		ck_assert(t[i].help && t[i].help[0]);
		ck_assert_ptr_eq(sysctl_lookup(names[i]), &t[i]);
		snprintf(vm, sizeof(vm), "vm.%s", names[i]);
		ck_assert_ptr_eq(sysctl_lookup(vm), &t[i]);
	}
}
END_TEST

START_TEST(unknown_names_are_refused)
{
	static const char *const bad[] = {
		"vfs_cache_pressure", "vm.overcommit_memory", "", "vm.", "min_free", "min_free_kbytes ",
		"vm.vm.min_free_kbytes", "kernel.min_free_kbytes", "MIN_FREE_KBYTES",
	};
	struct machine *m = boot_preset("default");
	struct strbuf sb = STRBUF_INIT;
	struct mm_error e;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		ck_assert_msg(sysctl_lookup(bad[i]) == NULL, "'%s' looked up", bad[i]);
		e.msg[0] = '\0';
		ck_assert_int_eq(sysctl_read(m, bad[i], &sb, &e), -1);
		ck_assert_str_eq(sb_str(&sb), "");
		ck_assert(strstr(e.msg, "unknown") != NULL);
		expect_refused(m, bad[i], "1");
	}
	sb_free(&sb);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

START_TEST(reads_print_like_proc_sys_vm)
{
	struct machine *m = boot_preset("default");

	ck_assert_str_eq(value_of(m, "min_free_kbytes"), "2048");
	ck_assert_str_eq(value_of(m, "vm.min_free_kbytes"), "2048");
	ck_assert_str_eq(value_of(m, "watermark_scale_factor"), "10");
	ck_assert_str_eq(value_of(m, "watermark_boost_factor"), "15000");
	/* proc_dointvec separates array values with tabs */
	ck_assert_str_eq(value_of(m, "lowmem_reserve_ratio"), "256\t256\t32\t0");
	ck_assert_str_eq(value_of(m, "vm.lowmem_reserve_ratio"), "256\t256\t32\t0");
	ck_assert_str_eq(value_of(m, "percpu_pagelist_fraction"), "0");
	machine_destroy(m);
}
END_TEST

/* ---- min_free_kbytes ---------------------------------------------------------------- */

START_TEST(min_free_kbytes_sets_watermarks_only)
{
	struct machine *m = boot_preset("default");
	struct zone *dma = ZONE(m, 0, ZONE_DMA), *normal = ZONE(m, 0, ZONE_NORMAL);

	/* a boost, and a lowmem_reserve and pcp the handler must not recompute */
	ck_assert(boost_watermark(normal));
	dma->lowmem_reserve[ZONE_NORMAL] = 7;
	normal->pageset[1].pcp.high = 5;

	/*
	 * 4096 kB = 1024 pages. DMA: 1024*4096/65536 = 64, step max(16, 4):
	 * 64/80/96. Normal: 960, step max(240, 61): 960/1200/1440.
	 */
	write_ok(m, "vm.min_free_kbytes", "4096");
	ck_assert_int_eq(m->min_free_kbytes, 4096);
	ck_assert_int_eq(m->user_min_free_kbytes, 4096);
	ck_assert_str_eq(value_of(m, "min_free_kbytes"), "4096");
	expect_wmarks(m, ZONE_DMA, 64, 80, 96);
	expect_wmarks(m, ZONE_NORMAL, 960, 1200, 1440);
	ck_assert_uint_eq(normal->watermark_boost, 0);
	ck_assert_int_eq(dma->lowmem_reserve[ZONE_NORMAL], 7);
	ck_assert_int_eq(normal->pageset[1].pcp.high, 5);
	/* totalreserve is recomputed with the new high marks: DMA 240 + 96 */
	ck_assert_uint_eq(m->totalreserve_pages, (240 + 96) + 1440);
	/* put the poked values back */
	setup_per_zone_lowmem_reserve(m);
	setup_per_cpu_pageset(m);
	expect_protection(m, ZONE_DMA, 0, 0, 240, 240);
	assert_consistent(m);

	/* hex and surrounding blanks: 0x800 = 2048, the boot value again */
	write_ok(m, "min_free_kbytes", " 0x800 ");
	ck_assert_int_eq(m->min_free_kbytes, 2048);
	ck_assert_int_eq(m->user_min_free_kbytes, 2048);
	expect_wmarks(m, ZONE_DMA, 32, 40, 48);
	expect_wmarks(m, ZONE_NORMAL, 480, 600, 720);
	ck_assert_uint_eq(m->totalreserve_pages, 1008);

	/* 0 is allowed: min 0, the scale factor alone spaces low and high */
	write_ok(m, "min_free_kbytes", "0");
	expect_wmarks(m, ZONE_DMA, 0, 4, 8);
	expect_wmarks(m, ZONE_NORMAL, 0, 61, 122);
	assert_consistent(m);

	expect_refused(m, "min_free_kbytes", "-1");
	expect_refused(m, "min_free_kbytes", "abc");
	expect_refused(m, "min_free_kbytes", "12abc");
	expect_refused(m, "min_free_kbytes", "");
	expect_refused(m, "min_free_kbytes", "   ");
	expect_refused(m, "min_free_kbytes", "2147483648");
	ck_assert_int_eq(m->min_free_kbytes, 0);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

START_TEST(min_free_kbytes_write_is_not_raised_by_khugepaged)
{
	/* the ≈1 GiB machine of section 7.4 with THP: boots at 45056 kB */
	struct machine_shape s;
	struct mm_error e;
	struct machine *m;

	machine_shape_init(&s);
	s.start_pfn = 1;
	s.thp = THP_MADVISE;
	s.zones[0][ZONE_DMA] = (struct zone_shape){ 4095, 4095, 4095 };
	s.zones[0][ZONE_DMA32] = (struct zone_shape){ 258048, 258048, 258048 };
	m = machine_create(&s, &e);
	ck_assert_msg(m != NULL, "boot: %s", e.msg);
	ck_assert_int_eq(m->min_free_kbytes, 45056);

	/*
	 * The handler only runs setup_per_zone_wmarks(): 1024 kB stays.
	 * pages_min 256: DMA 256*4095/262143 = 3, step max(0, 4): 3/7/11;
	 * DMA32 252, step max(63, 258): 252/510/768.
	 */
	write_ok(m, "min_free_kbytes", "1024");
	ck_assert_int_eq(m->min_free_kbytes, 1024);
	expect_wmarks(m, ZONE_DMA, 3, 7, 11);
	expect_wmarks(m, ZONE_DMA32, 252, 510, 768);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/* ---- watermark_scale_factor ---------------------------------------------------------- */

START_TEST(watermark_scale_factor_range_and_effect)
{
	struct machine *m = boot_preset("default");
	struct zone *normal = ZONE(m, 0, ZONE_NORMAL);

	/*
	 * 1000: DMA step max(8, 4096*1000/10000 = 409): 32/441/850;
	 * Normal step max(120, 6144): 480/6624/12768.
	 */
	ck_assert(boost_watermark(normal));
	write_ok(m, "watermark_scale_factor", "1000");
	ck_assert_str_eq(value_of(m, "watermark_scale_factor"), "1000");
	expect_wmarks(m, ZONE_DMA, 32, 441, 850);
	expect_wmarks(m, ZONE_NORMAL, 480, 6624, 12768);
	ck_assert_uint_eq(normal->watermark_boost, 0);
	ck_assert_uint_eq(m->totalreserve_pages, (240 + 850) + 12768);
	/* min_free_kbytes and lowmem_reserve do not move */
	ck_assert_int_eq(m->min_free_kbytes, 2048);
	ck_assert_int_eq(m->user_min_free_kbytes, -1);
	expect_protection(m, ZONE_DMA, 0, 0, 240, 240);
	assert_consistent(m);

	/* 1: the min/4 term wins everywhere: the default marks */
	write_ok(m, "vm.watermark_scale_factor", "1");
	expect_wmarks(m, ZONE_DMA, 32, 40, 48);
	expect_wmarks(m, ZONE_NORMAL, 480, 600, 720);
	assert_consistent(m);

	expect_refused(m, "watermark_scale_factor", "0");
	expect_refused(m, "watermark_scale_factor", "1001");
	expect_refused(m, "watermark_scale_factor", "-5");
	expect_refused(m, "watermark_scale_factor", "ten");
	/* the old value is kept, not clamped to the range */
	ck_assert_int_eq(m->watermark_scale_factor, 1);
	write_ok(m, "watermark_scale_factor", "0x3e8");   /* 1000 */
	expect_wmarks(m, ZONE_NORMAL, 480, 6624, 12768);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/* ---- watermark_boost_factor ------------------------------------------------------------ */

START_TEST(watermark_boost_factor_zero_disables_boosting)
{
	struct machine *m = boot_preset("default");
	struct zone *normal = ZONE(m, 0, ZONE_NORMAL);

	write_ok(m, "watermark_boost_factor", "0");
	ck_assert_str_eq(value_of(m, "watermark_boost_factor"), "0");
	ck_assert(!boost_watermark(normal));
	ck_assert_uint_eq(normal->watermark_boost, 0);

	/* max_boost = mult_frac(high 720, factor, 10000): 13 gives 0 -> no boost */
	write_ok(m, "watermark_boost_factor", "13");
	ck_assert(!boost_watermark(normal));
	ck_assert_uint_eq(normal->watermark_boost, 0);
	/* 14 gives 1, raised to a pageblock: 512 */
	write_ok(m, "watermark_boost_factor", "14");
	ck_assert(boost_watermark(normal));
	ck_assert_uint_eq(normal->watermark_boost, 512);
	ck_assert(boost_watermark(normal));
	ck_assert_uint_eq(normal->watermark_boost, 512);   /* capped */

	/* the write recomputes nothing: the boost survives it */
	write_ok(m, "watermark_boost_factor", "15000");
	ck_assert_uint_eq(normal->watermark_boost, 512);
	/* 15000: max(720 * 1.5 = 1080, 512); two steps reach 1024, a third 1080 */
	ck_assert(boost_watermark(normal));
	ck_assert_uint_eq(normal->watermark_boost, 1024);
	ck_assert(boost_watermark(normal));
	ck_assert_uint_eq(normal->watermark_boost, 1080);
	expect_wmarks(m, ZONE_NORMAL, 480, 600, 720);

	expect_refused(m, "watermark_boost_factor", "-1");
	expect_refused(m, "watermark_boost_factor", "1.5");
	ck_assert_int_eq(m->watermark_boost_factor, 15000);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/* ---- lowmem_reserve_ratio ---------------------------------------------------------------- */

START_TEST(lowmem_reserve_ratio_writes)
{
	struct machine *m = boot_preset("default");
	struct zone *normal = ZONE(m, 0, ZONE_NORMAL);

	ck_assert(boost_watermark(normal));
	/* DMA 128: 61440/128 = 480; Normal 16: Movable is empty, 0 */
	write_ok(m, "lowmem_reserve_ratio", "128 128 16 0");
	ck_assert_str_eq(value_of(m, "lowmem_reserve_ratio"), "128\t128\t16\t0");
	expect_protection(m, ZONE_DMA, 0, 0, 480, 480);
	expect_protection(m, ZONE_NORMAL, 0, 0, 0, 0);
	/* the watermarks and their boost are not touched */
	expect_wmarks(m, ZONE_DMA, 32, 40, 48);
	ck_assert_uint_eq(normal->watermark_boost, 512);
	/* totalreserve: DMA 480 + 48, Normal 720 + 512 (boosted high) */
	ck_assert_uint_eq(m->totalreserve_pages, 528 + 1232);
	assert_consistent(m);

	/* a partial write sets the first values only: 61440/64 = 960 */
	write_ok(m, "vm.lowmem_reserve_ratio", "64");
	ck_assert_str_eq(value_of(m, "lowmem_reserve_ratio"), "64\t128\t16\t0");
	expect_protection(m, ZONE_DMA, 0, 0, 960, 960);
	assert_consistent(m);

	/* values below 1 become 0, which means no reserve */
	write_ok(m, "lowmem_reserve_ratio", "-3 0");
	ck_assert_str_eq(value_of(m, "lowmem_reserve_ratio"), "0\t0\t16\t0");
	expect_protection(m, ZONE_DMA, 0, 0, 0, 0);
	assert_consistent(m);

	/* hex, tabs and (mmsh) commas */
	write_ok(m, "lowmem_reserve_ratio", "0x100\t0x100 0x20 0");
	ck_assert_str_eq(value_of(m, "lowmem_reserve_ratio"), "256\t256\t32\t0");
	expect_protection(m, ZONE_DMA, 0, 0, 240, 240);
	write_ok(m, "lowmem_reserve_ratio", "1,256,32,0");
	ck_assert_str_eq(value_of(m, "lowmem_reserve_ratio"), "1\t256\t32\t0");
	/* ratio 1: all 61440 pages above; totalreserve caps DMA at 4096 */
	expect_protection(m, ZONE_DMA, 0, 0, 61440, 61440);
	ck_assert_uint_eq(m->totalreserve_pages, 4096 + 1232);
	assert_consistent(m);

	expect_refused(m, "lowmem_reserve_ratio", "abc");
	expect_refused(m, "lowmem_reserve_ratio", "x 32");
	expect_refused(m, "lowmem_reserve_ratio", "");
	expect_refused(m, "lowmem_reserve_ratio", "99999999999");
	ck_assert_str_eq(value_of(m, "lowmem_reserve_ratio"), "1\t256\t32\t0");
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/* ---- percpu_pagelist_fraction -------------------------------------------------------------- */

START_TEST(percpu_pagelist_fraction_writes)
{
	struct machine *m = boot_preset("default");
	struct zone *normal = ZONE(m, 0, ZONE_NORMAL);
	char v[8];
	int i;

	/* 1..7 are refused (MIN_PERCPU_PAGELIST_FRACTION is 8), so is < 0 */
	for (i = 1; i < 8; i++) {
		snprintf(v, sizeof(v), "%d", i);
		expect_refused(m, "percpu_pagelist_fraction", v);
	}
	expect_refused(m, "percpu_pagelist_fraction", "-8");
	expect_refused(m, "percpu_pagelist_fraction", "eight");

	/* 8: DMA 4096/8 = 512 (batch 128 -> 96); Normal 7680 (96) */
	write_ok(m, "percpu_pagelist_fraction", "8");
	ck_assert_str_eq(value_of(m, "percpu_pagelist_fraction"), "8");
	expect_pcp(m, ZONE_DMA, 512, 96);
	expect_pcp(m, ZONE_NORMAL, 7680, 96);
	/* the watermarks do not depend on it */
	expect_wmarks(m, ZONE_NORMAL, 480, 600, 720);
	assert_consistent(m);

	/* octal, like proc_dointvec: 010 = 8, no change */
	write_ok(m, "percpu_pagelist_fraction", "010");
	ck_assert_int_eq(m->percpu_pagelist_fraction, 8);

	/* 0 goes back to zone_batchsize(): 0/1 and 90/15 */
	write_ok(m, "vm.percpu_pagelist_fraction", "0");
	expect_pcp(m, ZONE_DMA, 0, 1);
	expect_pcp(m, ZONE_NORMAL, 90, 15);
	assert_consistent(m);

	/*
	 * Cached pages stay put when high shrinks: 14 pages cached, then
	 * 10000 gives Normal high 6, batch 1. The next free reaches
	 * 15 >= 6 and flushes one page (batch 1).
	 */
	ck_assert_int_eq(mmsh_alloc(m, GFP_HIGHUSER_MOVABLE, 0, NUMA_NO_NODE, NULL), 4096);
	ck_assert_int_eq(normal->pageset[0].pcp.count, 14);
	write_ok(m, "percpu_pagelist_fraction", "10000");
	expect_pcp(m, ZONE_NORMAL, 6, 1);
	expect_pcp(m, ZONE_DMA, 0, 1);
	ck_assert_int_eq(normal->pageset[0].pcp.count, 14);
	assert_consistent(m);
	{
		struct mm_error e;

		ck_assert_int_eq(mmsh_free(m, 4096, 0, &e), 0);
	}
	ck_assert_int_eq(normal->pageset[0].pcp.count, 14);
	ck_assert_int_eq(zone_page_state(normal, NR_FREE_PAGES), 61440 - 15 + 1);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * proc_get_long() accepts an optional '-' and then requires a digit
 * (isdigit): "+5" is -EINVAL on Linux, for every int sysctl.
 */
/*
 * The integer knobs of reclaim, writeback and the OOM killer: their 5.10
 * defaults, their kernel/sysctl.c ranges (swappiness 0-200 with
 * extra2 = two_hundred, extfrag_threshold 0-1000, dirty ratios 0-100,
 * panic_on_oom 0-2), and a write that sticks.
 */
START_TEST(reclaim_knobs_have_kernel_defaults_and_ranges)
{
	static const struct {
		const char *name, *dflt, *ok, *too_low, *too_high;
	} k[] = {
		{ "swappiness", "60", "200", "-1", "201" },
		{ "extfrag_threshold", "500", "1000", "-1", "1001" },
		{ "compaction_proactiveness", "20", "100", "-1", "101" },
		{ "dirty_ratio", "20", "0", "-1", "101" },
		{ "dirty_background_ratio", "10", "100", "-1", "101" },
		{ "dirty_expire_centisecs", "3000", "100", "-1", NULL },
		{ "dirty_writeback_centisecs", "500", "0", "-1", NULL },
		{ "laptop_mode", "0", "5", "-1", NULL },
		{ "panic_on_oom", "0", "2", "-1", "3" },
		{ "oom_kill_allocating_task", "0", "-7", NULL, NULL },
		{ "oom_dump_tasks", "1", "0", NULL, NULL },
	};
	struct machine *m = boot_preset("default");
	struct mm_error e;
	size_t i;

	for (i = 0; i < sizeof(k) / sizeof(k[0]); i++) {
		ck_assert_str_eq(value_of(m, k[i].name), k[i].dflt);
		if (k[i].too_low)
			expect_refused(m, k[i].name, k[i].too_low);
		if (k[i].too_high)
			expect_refused(m, k[i].name, k[i].too_high);
		expect_refused(m, k[i].name, "ten");
		ck_assert_int_eq(sysctl_write(m, k[i].name, k[i].ok, &e), 0);
		ck_assert_str_eq(value_of(m, k[i].name), k[i].ok);
	}
	ck_assert_int_eq(m->vm_swappiness, 200);
	ck_assert_int_eq(m->sysctl_panic_on_oom, 2);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

static char last_log[256];
static int nr_logs;

static void keep_log(const char *line, void *arg)
{
	(void)arg;
	snprintf(last_log, sizeof(last_log), "%s", line);
	nr_logs++;
}

/*
 * vm.drop_caches=1 (drop_caches_sysctl_handler -> drop_pagecache_sb ->
 * invalidate_mapping_pages): clean, unmapped pages leave the page cache
 * with no shadow entry; dirty ones stay and are deactivated
 * (deactivate_file_page, lru_deactivate_file_fn: PG_reclaim, inactive head);
 * drop_pagecache counts once; the "drop_caches: N" line is printed until
 * a write with bit 4 silences it.
 */
START_TEST(drop_caches_drops_the_clean_page_cache)
{
	struct machine *m = boot_preset("default");
	struct mm_error e;
	int clean = file_get(m, "clean", &e), dirty = file_get(m, "dirty", &e);

	printk_subscribe(m, keep_log, NULL);
	ck_assert_int_eq(file_read(m, clean, 0, 30, &e), 30);
	ck_assert_int_eq(file_write(m, dirty, 0, 15, &e), 15);
	lru_add_drain(m);
	ck_assert_uint_eq(m->files[clean].nrpages, 30);
	write_ok(m, "drop_caches", "1");
	ck_assert_uint_eq(m->files[clean].nrpages, 0);
	ck_assert_uint_eq(m->files[clean].slot[0], 0);   /* no shadow */
	ck_assert_uint_eq(m->files[dirty].nrpages, 15);
	/* the 15th deactivated page filled the pagevec (15), which drained at once */
	ck_assert_uint_eq(m->pvecs[0].lru_deactivate_file.nr, 0);
	{
		unsigned long off;

		for (off = 0; off < 15; off++) {
			struct page *p = &m->mem_map[m->files[dirty].slot[off] & PTE_VALUE];

			ck_assert(PageReclaim(p) && PageDirty(p) && !PageActive(p));
		}
	}
	ck_assert_uint_eq(m->vm_events[DROP_PAGECACHE], 1);
	ck_assert_int_eq(m->sysctl_drop_caches, 1);
	{
		/* /proc/sys/vm/drop_caches is mode 0200: reading it is refused */
		struct strbuf sb = STRBUF_INIT;

		ck_assert_int_eq(sysctl_read(m, "drop_caches", &sb, &e), -1);
		ck_assert_ptr_nonnull(strstr(e.msg, "write-only"));
		ck_assert_uint_eq(sb.len, 0);
		sb_free(&sb);
	}
	ck_assert_ptr_nonnull(strstr(last_log, "mmsh (1000): drop_caches: 1"));
	assert_consistent(m);
	write_ok(m, "drop_caches", "4");
	ck_assert_int_eq(nr_logs, 2);
	write_ok(m, "drop_caches", "1");
	ck_assert_int_eq(nr_logs, 2);   /* silenced */
	ck_assert_uint_eq(m->vm_events[DROP_PAGECACHE], 2);
	expect_refused(m, "drop_caches", "0");
	expect_refused(m, "drop_caches", "5");
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

START_TEST(plus_sign_is_not_a_number)
{
	struct machine *m = boot_preset("default");

	expect_refused(m, "watermark_scale_factor", "+5");
	expect_refused(m, "min_free_kbytes", "+4096");
	expect_refused(m, "percpu_pagelist_fraction", "+8");
	expect_refused(m, "watermark_boost_factor", "+0");
	expect_refused(m, "lowmem_reserve_ratio", "+128");
	ck_assert_int_eq(m->watermark_scale_factor, 10);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

static Suite *sysctl_suite(void)
{
	Suite *s = suite_create("sysctl");
	TCase *names_tc = tcase_create("names");
	TCase *knobs = tcase_create("knobs");

	tcase_add_test(names_tc, table_lists_every_knob);
	tcase_add_test(names_tc, unknown_names_are_refused);
	tcase_add_test(names_tc, reads_print_like_proc_sys_vm);
	tcase_add_test(names_tc, plus_sign_is_not_a_number);
	suite_add_tcase(s, names_tc);

	tcase_set_timeout(knobs, 60);
	tcase_add_test(knobs, min_free_kbytes_sets_watermarks_only);
	tcase_add_test(knobs, min_free_kbytes_write_is_not_raised_by_khugepaged);
	tcase_add_test(knobs, watermark_scale_factor_range_and_effect);
	tcase_add_test(knobs, watermark_boost_factor_zero_disables_boosting);
	tcase_add_test(knobs, lowmem_reserve_ratio_writes);
	tcase_add_test(knobs, percpu_pagelist_fraction_writes);
	tcase_add_test(knobs, reclaim_knobs_have_kernel_defaults_and_ranges);
	tcase_add_test(knobs, drop_caches_drops_the_clean_page_cache);
	suite_add_tcase(s, knobs);
	return s;
}

int main(void)
{
	return run_suite(sysctl_suite());
}
