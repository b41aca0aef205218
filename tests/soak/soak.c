/*
 * tests/soak/soak.c: a seeded random soak of the engine. On each preset
 * (booted with a swap device) it mixes the allocator's operations (random
 * allocations of any order, gfp, CPU and node, frees, drains, sysctl
 * writes, requests that must be refused) with workloads that give pages
 * owners (tasks that fault anonymous memory and map files, munmap, touch
 * and swap-in, mlock, exit; file reads, writes, truncates, syncs), with
 * time (tick: the disk, the flusher, kswapd, kcompactd) and with the
 * reclaimers called directly (kswapd_run, shrink_list, try_to_free_pages,
 * compaction, the sysrq OOM killer). Some faults are big enough to force
 * direct reclaim, swap and, once swap is full, OOM kills. A machine that
 * panics (the OOM killer found nothing to kill) is counted, replaced by a
 * freshly booted one, and the run goes on.
 *
 * What `alloc` holds is kept under a ceiling that alternates every EPOCH
 * operations (hold_limit), and what the owners hold under the preset's
 * scale (owned_pages: past it, operations that would add pages release
 * some instead), so memory fills up and drains again.
 *
 * The short soak (`make check`, no arguments) runs 100,000 operations
 * over the presets tiny, default, numa and swap, with
 * check_machine_quick() after every operation (the lists, the counters,
 * every owned page and every pageblock whose pages changed) and
 * check_machine() every --full-every operations (1,000) and at the end.
 * The long soak (`make soak`, --long) runs 2.5 million operations on each
 * (10 million) with the full check every 1,000 and at the end only. A
 * refused request must leave the state's fingerprint unchanged.
 *
 * Memory must stay flat: the resident set (/proc/self/statm) is printed
 * ten times a run and, after a warm-up, may not grow past a bound (see
 * rss_after_op). Leaks are LeakSanitizer's to find (the ASan build runs
 * the short soak) or valgrind's. Exit 0 when nothing was violated. Each
 * preset prints what happened: the operations, the checks, the workload,
 * reclaim, compaction, OOM kills and panics, and the RSS; the last line
 * sums them.
 *
 * usage: soak [--long] [--ops N] [--seed S] [--full-every K] [--quick-every Q]
 *             [--rss-every R] [PRESET...]
 * presets: tiny default numa swap, and host (this machine's zones, only
 * when named; skipped without /proc/zoneinfo). --ops N runs N operations
 * on every preset; without it each preset runs its own (see presets[]).
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "mmsh/check.h"
#include "mmsh/compaction.h"
#include "mmsh/kswapd.h"
#include "mmsh/list.h"
#include "mmsh/oom.h"
#include "mmsh/page_alloc.h"
#include "mmsh/pcp.h"
#include "mmsh/swap.h"
#include "mmsh/sysctl.h"
#include "mmsh/vmscan.h"
#include "mmsh/workload.h"
#include "options.h"

/* Live tasks and files the soak keeps at most. */
#define SOAK_TASKS 12
#define SOAK_FILES 6
/* A task maps at most this many file ranges (each fault_file adds one). */
#define SOAK_VMAS 6
/* `kswapd` in the soak lets at most this much time pass. */
#define SOAK_KSWAPD_JIFFIES (2 * HZ)
/* Every EPOCH operations the held-allocation ceiling alternates (see hold_limit). */
#define EPOCH 1000

struct rng {
	uint64_t s;
};

/* xorshift64*: small, seeded, the same sequence on every machine */
static uint64_t rnd(struct rng *r)
{
	r->s ^= r->s >> 12;
	r->s ^= r->s << 25;
	r->s ^= r->s >> 27;
	return r->s * 0x2545f4914f6cdd1dULL;
}

static unsigned long below(struct rng *r, unsigned long n)
{
	return n ? (unsigned long)(rnd(r) % n) : 0;
}

struct stats {
	unsigned long ops, allocs, alloc_failed, frees, drains, sysctls, refused, quick, full;
	unsigned long violations;
	/* workloads */
	unsigned long tasks, exits, faults, fault_pages, file_ops, ticks, mlocks, releases;
	/* reclaim, compaction and OOM entry points called directly */
	unsigned long kswapd_runs, shrinks, direct_reclaims, compactions, sysrq_ooms;
	/* machines */
	unsigned long boots, panics;
	unsigned long max_held, max_owned;   /* pages `alloc` held, owners held, at most */
	/* the engine's vm_events, summed over every machine booted */
	unsigned long ev[NR_VM_EVENT_ITEMS];
};

struct soak {
	const char *preset;
	const struct machine_shape *shape;
	struct machine *m;
	struct rng r;
	struct stats st;
	unsigned long op, ops, full_every;
	unsigned long scale_max;      /* the preset's cap on scale */
	unsigned long scale;          /* the pages workload sizes are relative to */
	unsigned long totalram;       /* the machine's, for the report */
	const char *what;             /* the operation running, for reports */
};

static const gfp_t gfps[] = {
	GFP_KERNEL, GFP_KERNEL, GFP_ATOMIC, GFP_NOWAIT, GFP_HIGHUSER_MOVABLE,
	GFP_HIGHUSER_MOVABLE, GFP_KERNEL | GFP__RECLAIMABLE, GFP_USER, GFP_NOIO,
	GFP_KERNEL | GFP__NOWARN, GFP_ATOMIC | GFP__NOMEMALLOC, GFP_DMA32, GFP_DMA,
	GFP_KERNEL | GFP__THISNODE, GFP_NOWAIT | GFP__MOVABLE, GFP_KERNEL | GFP__COMP,
	GFP_KERNEL | GFP__NOFAIL, GFP_KERNEL | GFP__MEMALLOC,
};

/* A cheap fingerprint of everything a refused request might have touched. */
static uint64_t fingerprint(struct machine *m)
{
	uint64_t h = 1469598103934665603ULL;
	int nid, z, cpu, i;
	unsigned int o, t;

#define MIX(x) (h = (h ^ (uint64_t)(x)) * 1099511628211ULL)
	for (nid = 0; nid < m->nr_node_ids; nid++) {
		pg_data_t *pgdat = m->node_data[nid];

		for (t = 0; t < NR_VM_NODE_STAT_ITEMS; t++)
			MIX(pgdat->vm_stat[t]);
		for (t = 0; t < NR_LRU_LISTS; t++)
			MIX(list_first(m->mem_map, pgdat->lruvec.lists[t]));
		MIX(pgdat->kswapd_state);
		for (z = 0; z < MAX_NR_ZONES; z++) {
			struct zone *zone = &pgdat->node_zones[z];

			for (t = 0; t < NR_VM_ZONE_STAT_ITEMS; t++)
				MIX(zone->vm_stat[t]);
			for (o = 0; o < m->max_order; o++) {
				MIX(zone->free_area[o].nr_free);
				for (t = 0; t < MIGRATE_TYPES; t++)
					MIX(list_first(m->mem_map, zone->free_area[o].free_list[t]));
			}
			for (t = 0; t < NR_WMARK; t++)
				MIX(zone->_watermark[t]);
			for (t = 0; t < MAX_NR_ZONES; t++)
				MIX(zone->lowmem_reserve[t]);
			for (cpu = 0; cpu < m->nr_cpus; cpu++) {
				MIX(zone->pageset[cpu].pcp.count);
				MIX(zone->pageset[cpu].pcp.high);
				MIX(zone->pageset[cpu].pcp.batch);
			}
			MIX(zone->watermark_boost);
		}
	}
	for (i = 0; i < MAX_TASKS; i++)
		if (m->tasks[i].used) {
			MIX(m->tasks[i].pid);
			MIX(m->tasks[i].oom_score_adj);
			MIX(m->tasks[i].rss_anon);
			MIX(m->tasks[i].rss_file);
			MIX(m->tasks[i].swapents);
		}
	for (i = 0; i < MAX_FILES; i++)
		if (m->files[i].used) {
			MIX(i);
			MIX(m->files[i].size);
			MIX(m->files[i].nrpages);
		}
	MIX(m->allocated.blocks);
	MIX(m->allocated.pages);
	MIX(m->min_free_kbytes);
	MIX(m->watermark_scale_factor);
	for (t = 0; t < MAX_NR_ZONES; t++)
		MIX(m->sysctl_lowmem_reserve_ratio[t]);
	MIX(m->jiffies);
	MIX(m->next_pid);
	MIX(m->swap.inuse);
	MIX(m->disk.n);
#undef MIX
	return h;
}

static unsigned long report_check(struct soak *s, bool full, struct strbuf *sb)
{
	struct check_result r;

	if (full) {
		check_machine(s->m, &r, sb, 10);
		s->st.full++;
	} else {
		check_machine_quick(s->m, &r, sb, 10);
		s->st.quick++;
	}
	return r.violations;
}

/*
 * The check after an operation. When the quick check reports violations
 * the full check runs too and its report is printed as well (it scans
 * every page, not only the changed pageblocks); a quick report the full
 * check does not confirm is a bug of the quick check, and still counts.
 */
static void verify(struct soak *s, bool full)
{
	struct strbuf sb = STRBUF_INIT;
	unsigned long v = report_check(s, full, &sb);

	if (v) {
		fprintf(stderr, "soak: %s: op %lu (%s): %lu violations\n%s", s->preset, s->op, s->what,
			v, sb_str(&sb));
		s->st.violations += v;
	}
	if (v && !full) {
		struct strbuf fsb = STRBUF_INIT;

		if (report_check(s, true, &fsb))
			fprintf(stderr, "soak: %s: the full check reports:\n%s", s->preset, sb_str(&fsb));
		else
			fprintf(stderr, "soak: %s: the full check finds nothing: the quick check is wrong\n",
				s->preset);
		sb_free(&fsb);
	}
	sb_free(&sb);
}

/* A violation the soak itself found (not the checker). */
__attribute__((format(printf, 2, 3)))
static void violation(struct soak *s, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "soak: %s: op %lu (%s): ", s->preset, s->op, s->what);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	s->st.violations++;
}

/* ---- machines -------------------------------------------------------------------- */

static int boot(struct soak *s)
{
	struct mm_error e;

	s->m = machine_create(s->shape, &e);
	if (!s->m) {
		fprintf(stderr, "soak: %s: cannot boot: %s\n", s->preset, e.msg);
		return -1;
	}
	s->st.boots++;
	s->scale = s->m->totalram_pages < s->scale_max ? s->m->totalram_pages : s->scale_max;
	s->totalram = s->m->totalram_pages;
	return 0;
}

static void retire(struct soak *s)
{
	int i;

	for (i = 0; i < NR_VM_EVENT_ITEMS; i++)
		s->st.ev[i] += s->m->vm_events[i];
	machine_destroy(s->m);
	s->m = NULL;
}

/* ---- the allocator's operations ------------------------------------------------ */

/* A random held block: walk a random number of steps along the record list. */
static long pick_held(struct machine *m, struct rng *r)
{
	uint32_t id;
	unsigned long steps;

	if (!m->allocated.blocks)
		return -1;
	steps = below(r, m->allocated.blocks < 64 ? m->allocated.blocks : 64);
	id = list_first(m->mem_map, m->alloc_list);
	while (steps--)
		id = list_next(m->mem_map, id);
	return id;
}

/* Mostly small orders; under pressure a long tail up to MAX_ORDER-1. */
static unsigned int random_order(struct rng *r, unsigned int max_order, bool pressure)
{
	unsigned int o = 0, p = pressure ? 80 : 35;

	while (o + 1 < max_order && below(r, 100) < p)
		o++;
	return o;
}

/*
 * The ceiling on what `alloc` holds: kernel memory, never reclaimable. It
 * is a share of the memory above the zones' high watermarks (on "tiny"
 * the watermarks keep almost half of it): every other epoch 90%, so that
 * watermarks, fallbacks, refusals and OOM kills of the tasks get
 * exercised, otherwise 50%, leaving the tasks room to reclaim and swap.
 * Held into the reserves, as the allocator-only soak did, nearly every
 * GFP_KERNEL request would end in a panic once the tasks are gone.
 */
static unsigned long hold_limit(const struct soak *s)
{
	struct machine *m = s->m;
	unsigned long high = 0, pct = (s->op / EPOCH) % 2 ? 90 : 50;
	int nid, z;

	for (nid = 0; nid < m->nr_node_ids; nid++)
		for (z = 0; z < MAX_NR_ZONES; z++)
			high += high_wmark_pages(&m->node_data[nid]->node_zones[z]);
	return high < m->totalram_pages ? (m->totalram_pages - high) * pct / 100 : 0;
}

static bool filling(const struct soak *s)
{
	return (s->op / EPOCH) % 2;
}

static void op_alloc(struct soak *s)
{
	struct machine *m = s->m;
	gfp_t gfp = gfps[below(&s->r, sizeof(gfps) / sizeof(gfps[0]))];
	int nid = below(&s->r, 4) ? NUMA_NO_NODE : (int)below(&s->r, (unsigned long)m->nr_node_ids);
	struct alloc_report rep;

	if (mmsh_alloc(m, gfp, random_order(&s->r, m->max_order, filling(s)), nid, &rep) < 0)
		s->st.alloc_failed++;
	s->st.allocs++;
}

static void op_free(struct soak *s)
{
	long head = pick_held(s->m, &s->r);
	struct mm_error e;

	if (head >= 0 && mmsh_free(s->m, (unsigned long)head, -1, &e) < 0)
		violation(s, "free of a held block refused: %s", e.msg);
	s->st.frees++;
}

static void op_drain(struct soak *s)
{
	if (below(&s->r, 2))
		drain_all_pages(s->m, NULL);
	else
		drain_local_pages(s->m, NULL);
	s->st.drains++;
}

static void random_sysctl(struct machine *m, struct rng *r, char *name, char *value)
{
	unsigned long managed_kb = K(m->totalram_pages);

	switch (below(r, 6)) {
	case 0:
		strcpy(name, "vm.min_free_kbytes");
		sprintf(value, "%lu", 128 + below(r, managed_kb / 16 + 1));
		break;
	case 1:
		strcpy(name, "vm.watermark_scale_factor");
		sprintf(value, "%lu", 1 + below(r, 1000));
		break;
	case 2:
		strcpy(name, "vm.lowmem_reserve_ratio");
		sprintf(value, "%lu %lu %lu %lu", below(r, 512), below(r, 512), below(r, 64),
			below(r, 2));
		break;
	case 3:
		strcpy(name, "vm.percpu_pagelist_fraction");
		sprintf(value, "%lu", below(r, 3) ? 8 + below(r, 100) : 0);
		break;
	case 4:
		strcpy(name, "vm.watermark_boost_factor");
		sprintf(value, "%lu", below(r, 2) ? 15000 : below(r, 30000));
		break;
	default:   /* values the kernel refuses */
		strcpy(name, below(r, 2) ? "vm.watermark_scale_factor" : "vm.percpu_pagelist_fraction");
		strcpy(value, below(r, 2) ? "0" : "3");
		if (below(r, 3) == 0)
			strcpy(value, "twelve");
		break;
	}
}

static void op_sysctl(struct soak *s)
{
	char name[64], value[64];
	uint64_t before = fingerprint(s->m);
	struct mm_error e;

	random_sysctl(s->m, &s->r, name, value);
	if (sysctl_write(s->m, name, value, &e) < 0) {
		s->st.refused++;
		if (fingerprint(s->m) != before)
			violation(s, "a refused sysctl changed the state: %s", name);
	}
	s->st.sysctls++;
}

/* A free that must be refused: a free pfn, a tail, a wrong order, a hole. */
static void op_refused_free(struct soak *s)
{
	struct machine *m = s->m;
	unsigned long pfn = below(&s->r, m->max_pfn);
	long head = pick_held(m, &s->r);
	int order = -1;
	struct mm_error e;
	uint64_t before;

	if (head >= 0 && below(&s->r, 2)) {
		unsigned int ho = mmsh_alloc_order(&m->mem_map[head]);

		if (ho > 0 && below(&s->r, 2)) {
			pfn = (unsigned long)head + 1 + below(&s->r, (1UL << ho) - 1);   /* a tail */
		} else {
			pfn = (unsigned long)head;
			order = (int)((ho + 1 + below(&s->r, m->max_order - 1)) % m->max_order);
			if ((unsigned int)order == ho)
				return;
		}
	} else if (mmsh_free_check(m, pfn, -1, NULL) == 0) {
		return;   /* landed on a held head: not a refusal */
	}
	before = fingerprint(m);
	if (mmsh_free(m, pfn, order, &e) == 0) {
		violation(s, "free 0x%lx order %d should have been refused", pfn, order);
		return;
	}
	if (fingerprint(m) != before)
		violation(s, "a refused free changed the state: %s", e.msg);
	s->st.refused++;
}

static void op_free_all(struct soak *s)
{
	mmsh_free_all(s->m);
}

/* ---- tasks ------------------------------------------------------------------------- */

static int live_tasks(struct machine *m)
{
	int i, n = 0;

	for (i = 0; i < MAX_TASKS; i++)
		n += m->tasks[i].used;
	return n;
}

/* A random live task, or NULL. */
static struct task *pick_task(struct soak *s)
{
	struct machine *m = s->m;
	int n = live_tasks(m), k, i;

	if (!n)
		return NULL;
	k = (int)below(&s->r, (unsigned long)n);
	for (i = 0; i < MAX_TASKS; i++)
		if (m->tasks[i].used && k-- == 0)
			return &m->tasks[i];
	return NULL;
}

static void op_task_new(struct soak *s)
{
	/* one task in 16 is unkillable: alone with the memory, it panics the machine */
	static const int adj[] = {
		0, 0, 0, 0, 0, 0, 0, 0, -500, -500, 500, 500, 1000, 1000, 1, OOM_SCORE_ADJ_MIN,
	};
	struct machine *m = s->m;
	struct mm_error e;
	char name[TASK_COMM_LEN];

	if (live_tasks(m) >= SOAK_TASKS)
		return;
	snprintf(name, sizeof(name), "t%d", m->next_pid);
	if (!task_new(m, name, adj[below(&s->r, sizeof(adj) / sizeof(adj[0]))], &e))
		violation(s, "task_new refused a valid task: %s", e.msg);
	s->st.tasks++;
}

static void op_task_exit(struct soak *s)
{
	struct task *t = pick_task(s);

	if (t) {
		task_exit(s->m, t);
		s->st.exits++;
	}
}

static void fault(struct soak *s, unsigned long n)
{
	struct task *t = pick_task(s);
	struct mm_error e;
	long done;

	if (!t)
		return;
	done = fault_anon(s->m, t, n, &e);
	s->st.faults++;
	s->st.fault_pages += done > 0 ? (unsigned long)done : 0;
}

static void op_fault_anon(struct soak *s)
{
	fault(s, 1 + below(&s->r, 64));
}

/* Big enough to fill memory: direct reclaim, swap, and OOM kills once swap is full. */
static void op_fault_big(struct soak *s)
{
	fault(s, s->scale / 8 + below(&s->r, s->scale / 2));
}

/* A random file (created when there are few), or -1. */
static int pick_file(struct soak *s, bool create)
{
	struct machine *m = s->m;
	struct mm_error e;
	char name[16];
	int f;

	snprintf(name, sizeof(name), "f%lu", below(&s->r, SOAK_FILES));
	f = file_find(m, name);
	if (f < 0 && create && (f = file_get(m, name, &e)) < 0)
		violation(s, "file_get refused a valid file: %s", e.msg);
	return f;
}

/* Where in a file an operation goes: anywhere in the first quarter of the scale. */
static unsigned long file_offset(struct soak *s)
{
	return below(&s->r, s->scale / 4);
}

static unsigned long file_len(struct soak *s, unsigned long small)
{
	return below(&s->r, 8) ? 1 + below(&s->r, small) : s->scale / 16 + below(&s->r, s->scale / 8);
}

static void op_fault_file(struct soak *s)
{
	struct task *t = pick_task(s);
	int f = pick_file(s, true);
	struct mm_error e;
	long done;

	if (!t || f < 0 || t->nr_vmas >= SOAK_VMAS)
		return;
	done = fault_file(s->m, t, f, file_offset(s), 1 + below(&s->r, 64), below(&s->r, 4) == 0, &e);
	s->st.faults++;
	s->st.fault_pages += done > 0 ? (unsigned long)done : 0;
}

static void op_munmap(struct soak *s)
{
	struct task *t = pick_task(s);

	if (t)
		munmap_task(s->m, t, below(&s->r, 4) ? 1 + below(&s->r, t->anon_len + 1) : 0);
}

static void op_touch_task(struct soak *s)
{
	struct task *t = pick_task(s);
	struct mm_error e;

	if (t)
		touch_task(s->m, t, &e);
}

/* mlock on (only small tasks: locked memory cannot be reclaimed) or off. */
static void op_mlock(struct soak *s)
{
	struct task *t = pick_task(s);
	struct mm_error e;
	bool lock = below(&s->r, 2);

	if (!t || (lock && task_rss(t) + t->swapents > s->scale / 32))
		return;
	mlock_task(s->m, t, lock, &e);
	s->st.mlocks++;
}

/* ---- files ------------------------------------------------------------------------- */

static void op_file_read(struct soak *s)
{
	int f = pick_file(s, true);
	struct mm_error e;

	if (f >= 0)
		file_read(s->m, f, file_offset(s), file_len(s, 64), &e);
	s->st.file_ops++;
}

static void op_file_write(struct soak *s)
{
	int f = pick_file(s, true);
	struct mm_error e;

	if (f >= 0)
		file_write(s->m, f, file_offset(s), file_len(s, 32), &e);
	s->st.file_ops++;
}

/*
 * truncate(file, 0), sometimes right after a sync: pages still under
 * writeback make truncate wait for the disk (holding each page, as
 * truncate_inode_pages_range() does) while time, reclaim and the flusher
 * go on.
 */
static void op_truncate(struct soak *s)
{
	int f = pick_file(s, false);
	unsigned long waited;

	if (f >= 0) {
		if (below(&s->r, 4) == 0)
			sync_all(s->m, &waited);
		truncate_file(s->m, f);
	}
	s->st.file_ops++;
}

static void op_sync(struct soak *s)
{
	unsigned long waited;

	if (below(&s->r, 2))
		sync_all(s->m, &waited);
	else
		writeback_dirty(s->m, 1 + below(&s->r, 64));
	s->st.file_ops++;
}

static void op_touch_file(struct soak *s)
{
	int f = pick_file(s, false);
	struct mm_error e;

	if (f >= 0)
		touch_file(s->m, f, &e);
	s->st.file_ops++;
}

/* ---- time and the reclaimers -------------------------------------------------------- */

static void op_tick(struct soak *s)
{
	tick(s->m, below(&s->r, 8) ? 1 + below(&s->r, 20) : 1 + below(&s->r, HZ));
	s->st.ticks++;
}

static int random_node(struct soak *s)
{
	return (int)below(&s->r, (unsigned long)s->m->nr_node_ids);
}

static void op_kswapd(struct soak *s)
{
	struct kswapd_report rep;

	kswapd_run(s->m, random_node(s), below(&s->r, 4) ? 0 : (int)random_order(&s->r, s->m->max_order, true),
		   SOAK_KSWAPD_JIFFIES, &rep);
	s->st.kswapd_runs++;
}

/* shrink_list() on one list, as the `shrink` command calls it. */
static void op_shrink(struct soak *s)
{
	struct reclaim_stat rst = { 0 };
	struct scan_control sc = {
		.gfp_mask = below(&s->r, 4) ? GFP_KERNEL : GFP_NOIO,
		.may_writepage = !s->m->laptop_mode,
		.may_unmap = below(&s->r, 4) != 0,
		.may_swap = true,
		.may_deactivate = DEACTIVATE_ANON | DEACTIVATE_FILE,
		.reclaim_idx = (int)below(&s->r, MAX_NR_ZONES),
		.nr_to_reclaim = SWAP_CLUSTER_MAX,
		.priority = (int)below(&s->r, DEF_PRIORITY + 1),
		.stat = &rst,
	};

	shrink_list(s->m, (enum lru_list)below(&s->r, NR_EVICTABLE_LRU_LISTS), 1 + below(&s->r, 128),
		    random_node(s), &sc);
	s->st.shrinks++;
}

/* try_to_free_pages() as a direct reclaimer (PF_MEMALLOC), as `reclaim` calls it. */
static void op_reclaim(struct soak *s)
{
	struct machine *m = s->m;
	gfp_t gfp = below(&s->r, 4) ? GFP_KERNEL : GFP_HIGHUSER_MOVABLE;
	unsigned long saved = m->current_flags;

	m->current_flags |= PF_MEMALLOC;
	try_to_free_pages(m, node_zonelist(m, numa_node_id(m), gfp),
			  below(&s->r, 4) ? 0 : (int)random_order(&s->r, m->max_order, true), gfp);
	m->current_flags = saved;
	s->st.direct_reclaims++;
}

/* compaction: of whole zones (compact_memory), or as an order-N request would. */
static void op_compact(struct soak *s)
{
	struct machine *m = s->m;
	struct compact_report rep;
	struct zone *zone = NULL;
	int order = below(&s->r, 3) ? (int)random_order(&s->r, m->max_order, true) : -1;

	if (below(&s->r, 2)) {
		zone = &m->node_data[random_node(s)]->node_zones[below(&s->r, MAX_NR_ZONES)];
		if (!populated_zone(zone))
			zone = NULL;
	}
	compact_command(m, order, zone, &rep);
	s->st.compactions++;
}

static void op_oom(struct soak *s)
{
	struct oom_control oc;

	oom_sysrq(s->m, &oc);
	s->st.sysrq_ooms++;
}

/* Workload requests the engine must refuse, changing nothing. */
static void op_refused_task(struct soak *s)
{
	struct machine *m = s->m;
	struct task *t = pick_task(s);
	struct mm_error e;
	uint64_t before = fingerprint(m);
	bool refused;

	switch (below(&s->r, 4)) {
	case 0:   /* a name taken already */
		if (!t)
			return;
		refused = !task_new(m, t->comm, 0, &e);
		break;
	case 1:   /* a character a name may not have */
		refused = !task_new(m, "no spaces", 0, &e);
		break;
	case 2:   /* oom_score_adj above 1000 */
		refused = !task_new(m, "adj", OOM_SCORE_ADJ_MAX + 1 + (int)below(&s->r, 100), &e);
		break;
	default:  /* a file name with a '*' */
		refused = file_get(m, "a*b", &e) < 0;
		break;
	}
	if (!refused) {
		violation(s, "a request that must be refused was done");
		return;
	}
	if (fingerprint(m) != before)
		violation(s, "a refused request changed the state: %s", e.msg);
	s->st.refused++;
}

/* Owners let go: a task unmaps everything or exits, or a file is truncated. */
static void op_release(struct soak *s)
{
	struct task *t = pick_task(s);

	switch (below(&s->r, 4)) {
	case 0:
	case 1:
		if (t)
			munmap_task(s->m, t, 0);
		break;
	case 2:
		if (t) {
			task_exit(s->m, t);
			s->st.exits++;
		}
		break;
	default:
		op_truncate(s);
		break;
	}
	s->st.releases++;
}

/* ---- the mix ---------------------------------------------------------------------------- */

struct soak_op {
	const char *name;
	unsigned int weight;          /* in ten-thousandths */
	void (*fn)(struct soak *s);
	bool grows;                   /* gives pages owners (see owned_pages) */
};

static const struct soak_op mix[] = {
	{ "alloc", 2600, op_alloc, false },
	{ "free", 2000, op_free, false },
	{ "drain", 200, op_drain, false },
	{ "sysctl", 150, op_sysctl, false },
	{ "refused free", 250, op_refused_free, false },
	{ "free all", 1, op_free_all, false },
	{ "task new", 200, op_task_new, false },
	{ "task exit", 80, op_task_exit, false },
	{ "fault anon", 800, op_fault_anon, true },
	{ "fault big", 60, op_fault_big, true },
	{ "fault file", 250, op_fault_file, true },
	{ "munmap", 200, op_munmap, false },
	{ "touch task", 200, op_touch_task, false },
	{ "mlock", 60, op_mlock, false },
	{ "read", 550, op_file_read, true },
	{ "write", 450, op_file_write, true },
	{ "truncate", 50, op_truncate, false },
	{ "sync", 100, op_sync, false },
	{ "touch file", 100, op_touch_file, false },
	{ "tick", 700, op_tick, false },
	{ "kswapd", 80, op_kswapd, false },
	{ "shrink", 500, op_shrink, false },
	{ "reclaim", 100, op_reclaim, false },
	{ "compact", 80, op_compact, false },
	{ "oom", 20, op_oom, false },
	{ "refused task", 160, op_refused_task, false },
};
#define NR_MIX (sizeof(mix) / sizeof(mix[0]))

/*
 * What the owners hold, which every check walks: pages on the LRU lists
 * or waiting in a pagevec, and swap slots in use.
 */
static unsigned long owned_pages(struct machine *m)
{
	unsigned long n = pagevec_pages(m) + m->swap.inuse;
	int nid, lru;

	for (nid = 0; nid < m->nr_node_ids; nid++)
		for (lru = 0; lru < NR_LRU_LISTS; lru++)
			n += (unsigned long)m->node_data[nid]->vm_stat[NR_INACTIVE_ANON + lru];
	return n;
}

static const struct soak_op release_op = { "release", 0, op_release, false };

static const struct soak_op *pick_op(struct soak *s)
{
	static unsigned int total;
	unsigned long used = s->m->allocated.pages, roll;
	size_t i;

	if (!total)
		for (i = 0; i < NR_MIX; i++)
			total += mix[i].weight;
	roll = below(&s->r, total);
	for (i = 0; i < NR_MIX - 1 && roll >= mix[i].weight; i++)
		roll -= mix[i].weight;
	/* keep what `alloc` holds under the epoch's ceiling; fill up toward it */
	if (mix[i].fn == op_alloc && used > hold_limit(s))
		return &mix[1];
	if (mix[i].fn == op_free && filling(s) && used <= hold_limit(s))
		return &mix[0];
	/* keep what the owners hold (what every check walks) under the scale */
	if (mix[i].grows && owned_pages(s->m) > s->scale)
		return &release_op;
	return &mix[i];
}

/*
 * The presets, each with a swap device: a quarter of its RAM (at most
 * 65536 slots), except "swap", whose device is twice its RAM so that
 * anonymous memory lives mostly on it. Workload sizes are fractions of
 * RAM, and what the owners hold is kept under it, but of at most
 * scale_max pages: the quick check after every operation costs in
 * proportion to the owned pages and swap entries (a few milliseconds for
 * 65536), so the short soak gives the big machines fewer operations.
 * Together the short soak's defaults (`make check`, 100,000 operations)
 * take about 20 s on a 2-CPU machine; "host" (this machine's zones, some
 * gigabytes) runs only when named.
 */
static const struct preset {
	const char *name;
	unsigned long ops;            /* the short soak's */
	unsigned long scale_max;
	bool by_default;
} presets[] = {
	{ "tiny", 80000, 65536, true },
	{ "default", 6000, 65536, true },
	{ "numa", 4000, 65536, true },
	{ "swap", 10000, 65536, true },
	{ "host", 3000, 16384, false },
};
#define NR_PRESETS (sizeof(presets) / sizeof(presets[0]))

/* The long soak (`make soak`, --long): this many operations on each default preset. */
#define LONG_OPS 2500000UL

/* What one run does; the command line fills it in. */
struct soak_config {
	unsigned long ops;            /* 0: the preset's own */
	uint64_t seed;
	unsigned long full_every;     /* check_machine() every K operations (0: at the end only) */
	unsigned long quick_every;    /* check_machine_quick() every Q operations (0: never) */
	unsigned long rss_every;      /* print RSS every R operations (0: ten times a run) */
};

/* ---- memory: the process's resident set ------------------------------------------- */

/*
 * RSS must stay flat: after a warm-up (a tenth of the run, at least two
 * epochs, so that memory has filled and drained once and every structure
 * has reached its size) it may not grow by more than RSS_SLACK_PCT percent
 * plus RSS_SLACK_KB of what it was then. A leak of a few bytes per
 * operation, over millions of operations, goes well past that.
 */
#define RSS_SLACK_PCT 10
#define RSS_SLACK_KB (16UL * 1024)

/* Under AddressSanitizer freed memory waits in a quarantine: RSS grows by design. */
#if defined(__SANITIZE_ADDRESS__)
#define RSS_POLICED false
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define RSS_POLICED false
#endif
#endif
#ifndef RSS_POLICED
#define RSS_POLICED true
#endif

struct rss_watch {
	unsigned long start_kb, warm_kb, max_kb, end_kb;
	unsigned long warm_op;        /* the operation the warm-up ends at */
	unsigned long every;          /* print every this many operations */
};

/* The resident set size in KiB, from /proc/self/statm (0 where there is none). */
static unsigned long rss_kb(void)
{
	unsigned long size, resident = 0;
	FILE *f = fopen("/proc/self/statm", "r");

	if (!f)
		return 0;
	if (fscanf(f, "%lu %lu", &size, &resident) != 2)
		resident = 0;
	fclose(f);
	return resident * (unsigned long)(sysconf(_SC_PAGESIZE) / 1024);
}

static void rss_start(struct soak *s, struct rss_watch *w, unsigned long every)
{
	memset(w, 0, sizeof(*w));
	w->start_kb = w->max_kb = rss_kb();
	w->warm_op = s->ops / 10 > 2 * EPOCH ? s->ops / 10 : 2 * EPOCH;
	w->every = every ? every : (s->ops >= 10 ? s->ops / 10 : 1);
}

static unsigned long rss_bound(const struct rss_watch *w)
{
	return w->warm_kb + w->warm_kb * RSS_SLACK_PCT / 100 + RSS_SLACK_KB;
}

/* After operation s->op: note the RSS, print it now and then, and police the bound. */
static void rss_after_op(struct soak *s, struct rss_watch *w)
{
	bool report = s->op % w->every == 0;
	unsigned long kb;

	if (!report && s->op != w->warm_op)
		return;
	kb = rss_kb();
	if (kb > w->max_kb)
		w->max_kb = kb;
	if (s->op == w->warm_op)
		w->warm_kb = kb;
	if (report)
		printf("soak: %-7s op %9lu: rss %lu KiB%s\n", s->preset, s->op, kb,
		       s->op < w->warm_op ? " (warming up)" : "");
	if (RSS_POLICED && w->warm_kb && s->op > w->warm_op && kb > rss_bound(w))
		violation(s, "the resident set grew from %lu KiB (after the warm-up) to %lu KiB,"
			  " past the bound of %lu KiB", w->warm_kb, kb, rss_bound(w));
}

/* ---- the report ---------------------------------------------------------------------- */

static void print_stats(const struct soak *s, const struct rss_watch *w, double seconds)
{
	const struct stats *st = &s->st;
	const unsigned long *ev = st->ev;

	printf("soak: %-7s %lu ops (%lu allocs, %lu refused by the allocator, %lu frees, %lu drains,"
	       " %lu sysctls, %lu refused requests); %lu quick + %lu full checks; %lu violations;"
	       " %.1f s\n", s->preset, st->ops, st->allocs, st->alloc_failed, st->frees, st->drains,
	       st->sysctls, st->refused, st->quick, st->full, st->violations, seconds);
	printf("soak: %-7s   workload: %lu tasks, %lu exits, %lu faults (%lu pages), %lu file ops,"
	       " %lu ticks, %lu mlocks, %lu releases; swap out %lu, in %lu; at most %lu pages held by"
	       " alloc, %lu by owners (of %lu)\n", s->preset, st->tasks, st->exits, st->faults,
	       st->fault_pages, st->file_ops, st->ticks, st->mlocks, st->releases, ev[PSWPOUT],
	       ev[PSWPIN], st->max_held, st->max_owned, s->totalram);
	printf("soak: %-7s   reclaim: kswapd %lu + direct %lu pages stolen, %lu allocation stalls;"
	       " called: %lu kswapd, %lu shrink, %lu try_to_free_pages\n", s->preset,
	       ev[PGSTEAL_KSWAPD], ev[PGSTEAL_DIRECT],
	       ev[ALLOCSTALL_DMA] + ev[ALLOCSTALL_DMA32] + ev[ALLOCSTALL_NORMAL] +
		       ev[ALLOCSTALL_MOVABLE],
	       st->kswapd_runs, st->shrinks, st->direct_reclaims);
	printf("soak: %-7s   compaction: %lu stalls, %lu successes, %lu pages migrated, %lu kcompactd"
	       " wakes, %lu compact calls; OOM: %lu kills, %lu sysrq; %lu panics, %lu boots\n",
	       s->preset, ev[COMPACTSTALL], ev[COMPACTSUCCESS], ev[PGMIGRATE_SUCCESS],
	       ev[KCOMPACTD_WAKE], st->compactions, ev[OOM_KILL], st->sysrq_ooms, st->panics,
	       st->boots);
	printf("soak: %-7s   memory: rss %lu KiB at the start, %lu after the warm-up (op %lu),"
	       " %lu at most, %lu at the end (bound %lu%s)\n", s->preset, w->start_kb, w->warm_kb,
	       w->warm_op, w->max_kb, w->end_kb, w->warm_kb ? rss_bound(w) : 0,
	       RSS_POLICED ? "" : ", not enforced under AddressSanitizer");
}

/* The sums over every preset run, for the last line. */
struct totals {
	unsigned long ops, quick, full, violations, presets;
	double seconds;
};

static int soak(const struct preset *preset, const struct machine_shape *shape,
		const struct soak_config *cfg, uint64_t seed, struct totals *tot)
{
	struct soak s;
	struct rss_watch w;
	struct timespec t0, t1;
	double seconds;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	memset(&s, 0, sizeof(s));
	s.preset = preset->name;
	s.scale_max = preset->scale_max;
	s.shape = shape;
	s.r.s = seed ? seed : 1;
	s.ops = cfg->ops ? cfg->ops : preset->ops;
	s.full_every = cfg->full_every;
	s.what = "boot";
	if (boot(&s) < 0)
		return 1;
	verify(&s, true);
	rss_start(&s, &w, cfg->rss_every);
	for (s.op = 1; s.op <= s.ops && s.st.violations == 0; s.op++) {
		const struct soak_op *o;
		bool full = cfg->full_every && s.op % cfg->full_every == 0;

		s.m->current.cpu = (int)below(&s.r, (unsigned long)s.m->nr_cpus);
		o = pick_op(&s);
		s.what = o->name;
		o->fn(&s);
		s.st.ops++;
		if (s.m->allocated.pages > s.st.max_held)
			s.st.max_held = s.m->allocated.pages;
		if (owned_pages(s.m) > s.st.max_owned)
			s.st.max_owned = owned_pages(s.m);
		if (full || (cfg->quick_every && s.op % cfg->quick_every == 0))
			verify(&s, full);
		if (s.m->panicked) {
			/* the OOM killer found nothing to kill: a new machine */
			s.st.panics++;
			verify(&s, true);
			retire(&s);
			s.what = "boot";
			if (boot(&s) < 0)
				return 1;
			verify(&s, true);
		}
		rss_after_op(&s, &w);
	}
	s.what = "end";
	verify(&s, true);
	w.end_kb = rss_kb();
	retire(&s);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	seconds = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	print_stats(&s, &w, seconds);
	tot->ops += s.st.ops;
	tot->quick += s.st.quick;
	tot->full += s.st.full;
	tot->violations += s.st.violations;
	tot->seconds += seconds;
	tot->presets++;
	return s.st.violations ? 1 : 0;
}

static int shape_of(const char *name, struct machine_shape *s)
{
	if (strcmp(name, "default") == 0) {
		machine_shape_default(s);
	} else if (strcmp(name, "tiny") == 0) {
		machine_shape_tiny(s);
	} else if (strcmp(name, "numa") == 0) {
		machine_shape_numa(s);
	} else if (strcmp(name, "swap") == 0) {
		/* 128 MiB (DMA and DMA32) on 2 CPUs, with twice that in swap */
		struct mm_error e;

		machine_shape_init(s);
		s->nr_cpus = 2;
		if (machine_shape_x86(s, 32768, &e) < 0) {
			fprintf(stderr, "soak: swap: %s\n", e.msg);
			return -1;
		}
		s->swap_pages = 2 * 32768;
	} else if (strcmp(name, "host") == 0) {
		struct machine_recipe rec;
		char err[300];

		memset(&rec, 0, sizeof(rec));
		machine_shape_init(&rec.shape);
		if (host_recipe(&rec, "/proc/zoneinfo", "/proc/sys/vm", err, sizeof(err)) < 0) {
			printf("soak: host skipped: %s\n", err);
			return 1;
		}
		*s = rec.shape;
	} else {
		fprintf(stderr, "soak: unknown preset '%s'\n", name);
		return -1;
	}
	if (!s->swap_pages) {
		unsigned long ram = 0;
		int nid, z;

		for (nid = 0; nid < s->nr_nodes; nid++)
			for (z = 0; z < MAX_NR_ZONES; z++)
				ram += s->zones[nid][z].managed;
		s->swap_pages = (ram < 4 * 65536UL ? ram : 4 * 65536UL) / 4;
	}
	return 0;
}

static const struct preset *preset_of(const char *name)
{
	size_t i;

	for (i = 0; i < NR_PRESETS; i++)
		if (strcmp(presets[i].name, name) == 0)
			return &presets[i];
	return NULL;
}

static int usage(void)
{
	size_t i;

	fprintf(stderr, "usage: soak [--long] [--ops N] [--seed S] [--full-every K]"
		" [--quick-every Q] [--rss-every R] [PRESET...]\npresets:");
	for (i = 0; i < NR_PRESETS; i++)
		fprintf(stderr, " %s", presets[i].name);
	fputc('\n', stderr);
	return 2;
}

int main(int argc, char **argv)
{
	struct soak_config cfg = { .ops = 0, .seed = 1, .full_every = 1000, .quick_every = 1 };
	struct totals tot = { 0 };
	const char *names[NR_PRESETS * 2];
	int nnames = 0, i, rc = 0;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--long") == 0) {
			cfg.ops = LONG_OPS;
			cfg.quick_every = 0;
		} else if (strcmp(argv[i], "--ops") == 0 && i + 1 < argc) {
			cfg.ops = strtoul(argv[++i], NULL, 0);
		} else if (strcmp(argv[i], "--seed") == 0 && i + 1 < argc) {
			cfg.seed = strtoull(argv[++i], NULL, 0);
		} else if (strcmp(argv[i], "--full-every") == 0 && i + 1 < argc) {
			cfg.full_every = strtoul(argv[++i], NULL, 0);
		} else if (strcmp(argv[i], "--quick-every") == 0 && i + 1 < argc) {
			cfg.quick_every = strtoul(argv[++i], NULL, 0);
		} else if (strcmp(argv[i], "--rss-every") == 0 && i + 1 < argc) {
			cfg.rss_every = strtoul(argv[++i], NULL, 0);
		} else if (argv[i][0] != '-' && nnames < (int)(NR_PRESETS * 2)) {
			if (!preset_of(argv[i])) {
				fprintf(stderr, "soak: unknown preset '%s'\n", argv[i]);
				return usage();
			}
			names[nnames++] = argv[i];
		} else {
			return usage();
		}
	}
	if (!nnames)
		for (i = 0; i < (int)NR_PRESETS; i++)
			if (presets[i].by_default)
				names[nnames++] = presets[i].name;
	setvbuf(stdout, NULL, _IOLBF, 0);   /* progress shows as it happens */
	for (i = 0; i < nnames; i++) {
		struct machine_shape s;
		int k = shape_of(names[i], &s);

		if (k < 0)
			return 2;
		if (k > 0)
			continue;
		rc |= soak(preset_of(names[i]), &s, &cfg, cfg.seed + (uint64_t)i, &tot);
	}
	printf("soak: all     %lu presets, %lu ops, %lu quick + %lu full checks, %lu violations,"
	       " %.1f s\n", tot.presets, tot.ops, tot.quick, tot.full, tot.violations, tot.seconds);
	return rc;
}
