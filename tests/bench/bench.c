/*
 * tests/bench/bench.c: how fast the engine's hot paths run, measured on the
 * host (`make bench`). Tests never assert timings; this program reports
 * them. Each benchmark drives the engine as the shell would and prints the
 * work done, the time it took and the cost per unit, so that a change that
 * makes a path slower than O(1) or O(log n) per page shows up as a cost
 * that grows with the machine's size (every benchmark runs on two sizes).
 *
 * usage: bench [--quick]   (--quick: smaller machines, for a smoke run)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mmsh/check.h"
#include "mmsh/compaction.h"
#include "mmsh/gfp.h"
#include "mmsh/kswapd.h"
#include "mmsh/lru.h"
#include "mmsh/mmzone.h"
#include "mmsh/page_alloc.h"
#include "mmsh/strbuf.h"
#include "mmsh/vmstat.h"
#include "mmsh/workload.h"

#include "bench_util.h"

static void report(const char *name, unsigned long pages, const char *unit, unsigned long units,
		   double seconds)
{
	printf("%-34s %9lu pages  %10lu %-11s %8.3f s  %9.1f ns/%s\n", name, pages, units, unit,
	       seconds, units ? seconds * 1e9 / (double)units : 0.0, unit);
}

/*
 * Batches of 64 allocations of one order, then 64 frees: order 0 goes
 * through the per-CPU lists (the fast path), order 3 through the buddy
 * lists (splitting and merging).
 */
static void bench_alloc_free(unsigned long pages, unsigned int order, unsigned long rounds,
			     const char *name)
{
	struct machine *m = bench_boot(pages, 0);
	unsigned long i;
	long pfn[64];
	double t0;
	int j;

	t0 = bench_now();
	for (i = 0; i < rounds / 64; i++) {
		for (j = 0; j < 64; j++)
			pfn[j] = mmsh_alloc(m, GFP_KERNEL, order, NUMA_NO_NODE, NULL);
		for (j = 63; j >= 0; j--)
			mmsh_free(m, (unsigned long)pfn[j], (int)order, NULL);
	}
	report(name, pages, "pair", rounds, bench_now() - t0);
	bench_consistent(m, name);
	machine_destroy(m);
}

/*
 * A task faults four times the machine's memory with swap behind it:
 * every page past the first fill goes through reclaim (kswapd, direct
 * reclaim, swap-out). The unit is a page faulted.
 */
static void bench_anon_reclaim(unsigned long pages)
{
	struct machine *m = bench_boot(pages, pages * 4);
	struct mm_error e;
	struct task *t = task_new(m, "bench", 0, &e);
	unsigned long n = pages * 3, stolen;
	double t0;

	t0 = bench_now();
	fault_anon(m, t, n, &e);
	stolen = m->vm_events[PGSTEAL_KSWAPD] + m->vm_events[PGSTEAL_DIRECT];
	report("anon faults through swap-out", pages, "fault", n, bench_now() - t0);
	printf("%-34s %9s        %10lu pages stolen, %lu swapped out\n", "", "", stolen,
	       m->vm_events[PSWPOUT]);
	bench_consistent(m, "anon reclaim");
	machine_destroy(m);
}

/* A streaming read of four times memory: clean page cache reclaimed behind it. */
static void bench_file_reclaim(unsigned long pages)
{
	struct machine *m = bench_boot(pages, 0);
	struct mm_error e;
	int f = file_get(m, "stream", &e);
	unsigned long n = pages * 4;
	double t0;

	t0 = bench_now();
	file_read(m, f, 0, n, &e);
	report("page cache read through reclaim", pages, "page", n, bench_now() - t0);
	bench_consistent(m, "file reclaim");
	machine_destroy(m);
}

/*
 * compact_memory over a zone whose every other page is held by a task:
 * the unit is a page migrated.
 */
static void bench_compaction(unsigned long pages)
{
	struct machine *m = bench_boot(pages, 0);
	struct mm_error e;
	struct task *a = task_new(m, "a", 0, &e), *b = task_new(m, "b", 0, &e);
	struct compact_report rep;
	unsigned long i, n = pages / 3;
	double t0;

	for (i = 0; i < n; i++) {
		fault_anon(m, a, 1, &e);
		fault_anon(m, b, 1, &e);
	}
	task_exit(m, b);
	lru_add_drain_all(m);
	t0 = bench_now();
	compact_command(m, -1, NULL, &rep);
	report("compact_memory (migration)", pages, "migrated", rep.zones[0].migrated, bench_now() - t0);
	bench_consistent(m, "compaction");
	machine_destroy(m);
}

/* The invariant checker: a full check, and a quick one after one change. */
static void bench_check(unsigned long pages)
{
	struct machine *m = bench_boot(pages, pages);
	struct mm_error e;
	struct task *t = task_new(m, "t", 0, &e);
	struct check_result r;
	struct strbuf sb = STRBUF_INIT;
	int f = file_get(m, "data", &e), i;
	double t0;

	fault_anon(m, t, pages / 3, &e);
	file_read(m, f, 0, pages / 3, &e);
	t0 = bench_now();
	for (i = 0; i < 10; i++)
		check_machine(m, &r, &sb, 0);
	report("check (full)", pages, "check", 10, bench_now() - t0);
	t0 = bench_now();
	for (i = 0; i < 1000; i++) {
		long pfn = mmsh_alloc(m, GFP_KERNEL, 0, NUMA_NO_NODE, NULL);

		check_machine_quick(m, &r, &sb, 0);
		if (pfn >= 0)
			mmsh_free(m, (unsigned long)pfn, 0, NULL);
	}
	report("alloc + check quick", pages, "check", 1000, bench_now() - t0);
	sb_free(&sb);
	machine_destroy(m);
}

/*
 * The snapshot the shell takes before every command (`undo`, `why`,
 * `step`): machine_copy() into a machine of the same shape reuses its
 * buffers, so a copy costs a memcpy of the machine's memory. The machine
 * holds a task's anonymous pages and a file's page cache (a third of
 * memory each). machine_clone(), which allocates, is shown for contrast.
 */
static void bench_copy(unsigned long pages)
{
	struct machine *m = bench_boot(pages, pages);
	struct mm_error e;
	struct task *t = task_new(m, "t", 0, &e);
	int f = file_get(m, "data", &e), i, n = pages > 65536 ? 200 : 1000;
	struct machine *snap;
	double t0, dt;

	fault_anon(m, t, pages / 3, &e);
	file_read(m, f, 0, pages / 3, &e);
	snap = machine_clone(m);
	if (!snap) {
		fprintf(stderr, "bench: out of memory for a snapshot\n");
		exit(1);
	}
	t0 = bench_now();
	for (i = 0; i < n; i++)
		if (machine_copy(snap, m) < 0) {
			fprintf(stderr, "bench: machine_copy failed\n");
			exit(1);
		}
	dt = bench_now() - t0;
	report("machine_copy (snapshot)", pages, "copy", (unsigned long)n, dt);
	printf("%-34s %9s        %10zu KiB per copy, %.1f GB/s\n", "", "",
	       machine_bytes(m) >> 10, (double)machine_bytes(m) * n / dt / 1e9);
	bench_consistent(snap, "machine_copy");
	machine_destroy(snap);
	t0 = bench_now();
	for (i = 0; i < n / 10; i++)
		machine_destroy(machine_clone(m));
	report("machine_clone + destroy", pages, "clone", (unsigned long)(n / 10), bench_now() - t0);
	machine_destroy(m);
}

int main(int argc, char **argv)
{
	unsigned long sizes[2] = { 16384, 131072 };   /* 64 MiB and 512 MiB */
	int i;

	if (argc > 1 && strcmp(argv[1], "--quick") == 0) {
		sizes[0] = 4096;
		sizes[1] = 16384;
	} else if (argc > 1) {
		fprintf(stderr, "usage: bench [--quick]\n");
		return 2;
	}
	printf("%-34s %9s  %10s %-11s %8s  %12s\n", "benchmark", "machine", "work", "", "time",
	       "cost");
	for (i = 0; i < 2; i++) {
		bench_alloc_free(sizes[i], 0, 2000000, "alloc+free order 0 (pcp)");
		bench_alloc_free(sizes[i], 3, 500000, "alloc+free order 3 (buddy)");
		bench_anon_reclaim(sizes[i]);
		bench_file_reclaim(sizes[i]);
		bench_compaction(sizes[i]);
		bench_check(sizes[i]);
		bench_copy(sizes[i]);
	}
	return 0;
}
