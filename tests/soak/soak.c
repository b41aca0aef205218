/*
 * tests/soak/soak.c: a seeded random soak of the engine. On each preset it
 * runs random allocations (any order, gfp, CPU and node), frees, drains,
 * sysctl writes and requests that must be refused, and checks the machine
 * after every operation: check_machine_quick() each time (the lists, the
 * counters and every pageblock whose pages changed), check_machine() every
 * --full-every operations and at the end. A refused request must leave the
 * state's fingerprint unchanged. Exit 0 when nothing was violated.
 *
 * usage: soak [--ops N] [--seed S] [--full-every K] [PRESET...]
 * presets: default tiny numa host (host is skipped without /proc/zoneinfo)
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mmsh/check.h"
#include "mmsh/list.h"
#include "mmsh/page_alloc.h"
#include "mmsh/pcp.h"
#include "mmsh/sysctl.h"
#include "options.h"

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
	int nid, z, cpu;
	unsigned int o, t;

#define MIX(x) (h = (h ^ (uint64_t)(x)) * 1099511628211ULL)
	for (nid = 0; nid < m->nr_node_ids; nid++)
		for (z = 0; z < MAX_NR_ZONES; z++) {
			struct zone *zone = &m->node_data[nid]->node_zones[z];

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
	MIX(m->allocated.blocks);
	MIX(m->allocated.pages);
	MIX(m->min_free_kbytes);
	MIX(m->watermark_scale_factor);
	for (t = 0; t < MAX_NR_ZONES; t++)
		MIX(m->sysctl_lowmem_reserve_ratio[t]);
#undef MIX
	return h;
}

static void verify(struct machine *m, struct stats *st, bool full, const char *preset,
		   unsigned long op, const char *what)
{
	struct check_result r;
	struct strbuf sb = STRBUF_INIT;

	if (full) {
		check_machine(m, &r, &sb, 10);
		st->full++;
	} else {
		check_machine_quick(m, &r, &sb, 10);
		st->quick++;
	}
	if (r.violations) {
		fprintf(stderr, "soak: %s: op %lu (%s): %lu violations\n%s", preset, op, what,
			r.violations, sb_str(&sb));
		st->violations += r.violations;
	}
	sb_free(&sb);
}

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

/* A free that must be refused: a free pfn, a tail, a wrong order, a hole. */
static void refused_free(struct machine *m, struct rng *r, struct stats *st, const char *preset,
			 unsigned long op)
{
	unsigned long pfn = below(r, m->max_pfn);
	long head = pick_held(m, r);
	int order = -1;
	struct mm_error e;
	uint64_t before;

	if (head >= 0 && below(r, 2)) {
		unsigned int ho = mmsh_alloc_order(&m->mem_map[head]);

		if (ho > 0 && below(r, 2))
			pfn = (unsigned long)head + 1 + below(r, (1UL << ho) - 1);   /* a tail */
		else {
			pfn = (unsigned long)head;
			order = (int)((ho + 1 + below(r, m->max_order - 1)) % m->max_order);
			if ((unsigned int)order == ho)
				return;
		}
	} else if (mmsh_free_check(m, pfn, -1, NULL) == 0) {
		return;   /* landed on a held head: not a refusal */
	}
	before = fingerprint(m);
	if (mmsh_free(m, pfn, order, &e) == 0) {
		fprintf(stderr, "soak: %s: op %lu: free 0x%lx order %d should have been refused\n",
			preset, op, pfn, order);
		st->violations++;
		return;
	}
	if (fingerprint(m) != before) {
		fprintf(stderr, "soak: %s: op %lu: a refused free (%s) changed the state\n", preset,
			op, e.msg);
		st->violations++;
	}
	st->refused++;
}

static int soak(const char *preset, const struct machine_shape *shape, unsigned long ops,
		uint64_t seed, unsigned long full_every)
{
	struct mm_error e;
	struct machine *m = machine_create(shape, &e);
	struct rng r = { seed ? seed : 1 };
	struct stats st;
	clock_t t0 = clock();
	unsigned long op;

	if (!m) {
		fprintf(stderr, "soak: %s: cannot boot: %s\n", preset, e.msg);
		return 1;
	}
	memset(&st, 0, sizeof(st));
	verify(m, &st, true, preset, 0, "boot");
	for (op = 1; op <= ops && st.violations == 0; op++) {
		unsigned long roll = below(&r, 1000), used = m->allocated.pages;
		const char *what = "alloc";

		m->current.cpu = (int)below(&r, (unsigned long)m->nr_cpus);
		/*
		 * keep memory busy but not full: free more when over 70% held;
		 * every other epoch of 10000 operations goes up to 98% so that
		 * watermarks, fallbacks and refusals get exercised too
		 */
		if ((op / 10000) % 2) {
			if (used * 100 > m->totalram_pages * 98) {
				if (roll < 450)
					roll += 450;
			} else if (roll >= 450 && roll < 880 && below(&r, 4)) {
				roll = below(&r, 450);   /* mostly allocate: fill memory up */
			}
		} else if (used * 10 > m->totalram_pages * 7 && roll < 450) {
			roll += 450;
		}
		if (roll < 450) {
			gfp_t gfp = gfps[below(&r, sizeof(gfps) / sizeof(gfps[0]))];
			int nid = below(&r, 4) ? NUMA_NO_NODE : (int)below(&r, (unsigned long)m->nr_node_ids);
			struct alloc_report rep;

			if (mmsh_alloc(m, gfp, random_order(&r, m->max_order, (op / 10000) % 2), nid,
				       &rep) < 0)
				st.alloc_failed++;
			st.allocs++;
		} else if (roll < 880) {
			long head = pick_held(m, &r);

			what = "free";
			if (head >= 0 && mmsh_free(m, (unsigned long)head, -1, &e) < 0) {
				fprintf(stderr, "soak: %s: op %lu: free of a held block refused: %s\n",
					preset, op, e.msg);
				st.violations++;
			}
			st.frees++;
		} else if (roll < 920) {
			what = "drain";
			if (below(&r, 2))
				drain_all_pages(m, NULL);
			else
				drain_local_pages(m, NULL);
			st.drains++;
		} else if (roll < 950) {
			char name[64], value[64];
			uint64_t before = fingerprint(m);

			what = "sysctl";
			random_sysctl(m, &r, name, value);
			if (sysctl_write(m, name, value, &e) < 0) {
				st.refused++;
				if (fingerprint(m) != before) {
					fprintf(stderr, "soak: %s: op %lu: refused sysctl %s=%s changed the state\n",
						preset, op, name, value);
					st.violations++;
				}
			}
			st.sysctls++;
		} else if (roll < 999) {
			what = "refused free";
			refused_free(m, &r, &st, preset, op);
		} else {
			what = "free all";
			mmsh_free_all(m);
		}
		st.ops++;
		verify(m, &st, full_every && op % full_every == 0, preset, op, what);
	}
	verify(m, &st, true, preset, op, "end");
	printf("soak: %-7s %lu ops (%lu allocs, %lu refused by the allocator, %lu frees, %lu drains,"
	       " %lu sysctls, %lu refused requests); %lu quick + %lu full checks; %lu violations;"
	       " %.1f s\n", preset, st.ops, st.allocs, st.alloc_failed, st.frees, st.drains,
	       st.sysctls, st.refused, st.quick, st.full, st.violations,
	       (double)(clock() - t0) / CLOCKS_PER_SEC);
	machine_destroy(m);
	return st.violations ? 1 : 0;
}

int main(int argc, char **argv)
{
	unsigned long ops = 100000, full_every = 1000;
	uint64_t seed = 1;
	const char *presets[8];
	int npresets = 0, i, rc = 0;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--ops") == 0 && i + 1 < argc)
			ops = strtoul(argv[++i], NULL, 0);
		else if (strcmp(argv[i], "--seed") == 0 && i + 1 < argc)
			seed = strtoull(argv[++i], NULL, 0);
		else if (strcmp(argv[i], "--full-every") == 0 && i + 1 < argc)
			full_every = strtoul(argv[++i], NULL, 0);
		else if (argv[i][0] != '-' && npresets < 8)
			presets[npresets++] = argv[i];
		else {
			fprintf(stderr, "usage: soak [--ops N] [--seed S] [--full-every K] [PRESET...]\n");
			return 2;
		}
	}
	if (!npresets) {
		presets[npresets++] = "default";
		presets[npresets++] = "tiny";
		presets[npresets++] = "numa";
		presets[npresets++] = "host";
	}
	for (i = 0; i < npresets; i++) {
		struct machine_shape s;

		if (strcmp(presets[i], "default") == 0)
			machine_shape_default(&s);
		else if (strcmp(presets[i], "tiny") == 0)
			machine_shape_tiny(&s);
		else if (strcmp(presets[i], "numa") == 0)
			machine_shape_numa(&s);
		else if (strcmp(presets[i], "host") == 0) {
			struct machine_recipe rec;
			char err[300];

			memset(&rec, 0, sizeof(rec));
			machine_shape_init(&rec.shape);
			if (host_recipe(&rec, "/proc/zoneinfo", "/proc/sys/vm", err, sizeof(err)) < 0) {
				printf("soak: host skipped: %s\n", err);
				continue;
			}
			s = rec.shape;
		} else {
			fprintf(stderr, "soak: unknown preset '%s'\n", presets[i]);
			return 2;
		}
		rc |= soak(presets[i], &s, ops, seed + (uint64_t)i, full_every);
	}
	return rc;
}
