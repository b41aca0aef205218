/*
 * tests/bench/mmsh-bench.c: the performance baseline of mmsh (`make
 * bench`). Twelve figures, each measured in this run: the engine's
 * allocation paths per alloc+free pair next to the floor of a bare
 * intrusive list push+pop, the cost of a trace subscriber, kswapd's
 * reclaim rate, a 64 GiB boot, the engine's memory per page, the
 * invariant checker, the real binary running a script and a full redraw
 * of the ncurses view. No I/O happens inside a timed loop (the shell's
 * output goes to /dev/null); the small timings are medians of five
 * repetitions. Tests never assert timings: tests/bench/README records
 * the figures of one build next to the targets of the performance work.
 *
 * usage: mmsh-bench [--json] [--quick]
 *   --json   one JSON object with the twelve figures (numbers only)
 *   --quick  fewer rounds and smaller machines, for a smoke run
 * The shell binary is $MMSH, or mmsh two directories above this program.
 */
#include <errno.h>
#include <malloc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <fcntl.h>
#include <unistd.h>

#include "mmsh/check.h"
#include "mmsh/gfp.h"
#include "mmsh/kswapd.h"
#include "mmsh/list.h"
#include "mmsh/lru.h"
#include "mmsh/mmzone.h"
#include "mmsh/page_alloc.h"
#include "mmsh/strbuf.h"
#include "mmsh/watermark.h"
#include "mmsh/trace.h"
#include "mmsh/vmscan.h"
#include "mmsh/vmstat.h"
#include "mmsh/workload.h"

#include "bench_util.h"
#include "options.h"
#include "session.h"
#include "tui.h"

#define REPS 5

static bool quick;

static void die(const char *what, const char *why)
{
	fprintf(stderr, "mmsh-bench: %s: %s\n", what, why);
	exit(1);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof(*v), cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static struct zone *normal_zone(struct machine *m)
{
	return &NODE_DATA(m, 0)->node_zones[ZONE_NORMAL];
}

/* ---- the allocation paths, per alloc+free pair ------------------------- */

/*
 * Every pair runs at the layer of __alloc_pages_nodemask() and
 * __free_pages(): alloc_pages_nodemask(), then the refcount drops to zero
 * and the block is freed. `direct` frees with __free_pages_ok() (straight
 * to the buddy lists) instead of free_the_page() (order 0: the pcp list).
 */
static struct page *alloc1(struct machine *m, gfp_t gfp, unsigned int order)
{
	struct page *p = alloc_pages_nodemask(m, gfp, order, 0, NULL);

	if (!p)
		die("alloc", "the allocator refused a benchmark allocation");
	return p;
}

static void free1(struct machine *m, struct page *p, unsigned int order, bool direct)
{
	set_page_count(p, 0);
	if (direct)
		free_pages_ok(m, p, order, FPI_NONE);
	else
		free_the_page(m, p, order);
}

/*
 * The buddy lists with the pcp lists bypassed: rmqueue() serves an order-0
 * Movable request without ALLOC_CMA from the buddy lists (5.10; the
 * allocator's own order-0 requests always carry ALLOC_CMA or are not
 * Movable, so they take the pcp list). The Normal zone of node 0.
 */
static struct page *buddy_alloc(struct machine *m, unsigned int order)
{
	struct zone *z = &NODE_DATA(m, 0)->node_zones[ZONE_NORMAL];
	struct page *p = rmqueue(z, z, order, GFP_HIGHUSER_MOVABLE, ALLOC_WMARK_LOW,
				 MIGRATE_MOVABLE);

	if (!p)
		die("alloc", "the buddy lists refused a benchmark allocation");
	return p;
}

/*
 * ns per pair of `rounds` order-0 pairs: through the pcp list
 * (alloc_pages_nodemask of gfp, free_the_page), or with buddy set through
 * the buddy lists alone (buddy_alloc, __free_pages_ok).
 */
static double pairs(struct machine *m, gfp_t gfp, bool buddy, unsigned long rounds)
{
	unsigned long i;
	double t0;

	t0 = bench_now();
	if (buddy)
		for (i = 0; i < rounds; i++)
			free1(m, buddy_alloc(m, 0), 0, true);
	else
		for (i = 0; i < rounds; i++)
			free1(m, alloc1(m, gfp, 0), 0, false);
	return (bench_now() - t0) * 1e9 / (double)rounds;
}

static unsigned long trace_seen;

static void trace_count(const struct trace_event *ev, void *arg)
{
	(void)ev;
	(void)arg;
	trace_seen++;
}

/* floor: list_add + list_del of one entry on a head, in a mem_map. */
static double bench_floor(unsigned long rounds)
{
	double v[REPS];
	struct page *map = calloc(2, sizeof(*map));
	int r;

	if (!map)
		die("floor", "out of memory");
	INIT_LIST_HEAD(map, 0);
	for (r = 0; r < REPS; r++) {
		unsigned long i;
		double t0 = bench_now();

		for (i = 0; i < rounds; i++) {
			list_add(map, 1, 0);
			__asm__ volatile("" : : "r"(map) : "memory");
			list_del(map, 1);
			__asm__ volatile("" : : "r"(map) : "memory");
		}
		v[r] = (bench_now() - t0) * 1e9 / (double)rounds;
	}
	free(map);
	return median(v, REPS);
}

struct pair_figures {
	double pcp, buddy, split_merge, trace_on, mixed;
};

static void bench_pairs(struct pair_figures *f, unsigned long rounds)
{
	struct machine *m = bench_boot(65536, 0);
	struct zone *z = normal_zone(m);
	double pcp[REPS], buddy[REPS], split[REPS], traced[REPS];
	struct page *held[64], *pair;
	int r, nheld = 0;
	unsigned int o;

	/* warm up: the pcp list of cpu 0 holds a batch */
	pairs(m, GFP_KERNEL, false, 1000);
	for (r = 0; r < REPS; r++)
		pcp[r] = pairs(m, GFP_KERNEL, false, rounds);
	trace_subscribe(m, ~0ULL, trace_count, NULL);
	for (r = 0; r < REPS; r++)
		traced[r] = pairs(m, GFP_KERNEL, false, rounds);
	trace_subscribe(m, 0, NULL, NULL);
	f->pcp = median(pcp, REPS);
	f->trace_on = median(traced, REPS) / f->pcp;

	/*
	 * buddy, no split: buddy_alloc() and __free_pages_ok(). Half of an order-1 block
	 * freed at order 0 keeps an order-0 page on the Movable list whose
	 * buddy is held: it is taken without a split and put back without a
	 * merge.
	 */
	pair = buddy_alloc(m, 1);
	free_pages_ok(m, pair + 1, 0, FPI_NONE);
	if (free_area_empty(&z->free_area[0], MIGRATE_MOVABLE, m))
		die("buddy", "no order-0 Movable page to take");
	for (r = 0; r < REPS; r++)
		buddy[r] = pairs(m, GFP_HIGHUSER_MOVABLE, true, rounds);
	f->buddy = median(buddy, REPS);
	set_page_count(pair, 1);
	free1(m, pair, 0, true);   /* pair + 1 is free: they merge */

	/*
	 * split + merge: hold every Movable block below MAX_ORDER-1, so that
	 * an order-0 request splits a MAX_ORDER-1 block and its free merges
	 * it back all the way.
	 */
	for (o = 0; o + 1 < m->max_order; o++)
		while (!free_area_empty(&z->free_area[o], MIGRATE_MOVABLE, m)) {
			if (nheld == 64)
				die("split", "too many small free blocks");
			held[nheld++] = buddy_alloc(m, o);
			held[nheld - 1]->private = o;
		}
	{
		struct free_area *below = &z->free_area[m->max_order - 2];
		struct page *p = buddy_alloc(m, 0);

		/* the split leaves an order MAX_ORDER-2 Movable buddy; the free takes it back */
		if (free_area_empty(below, MIGRATE_MOVABLE, m))
			die("split", "the order-0 request did not split a MAX_ORDER-1 block");
		free1(m, p, 0, true);
		if (!free_area_empty(below, MIGRATE_MOVABLE, m))
			die("split", "the free did not merge back to MAX_ORDER-1");
	}
	for (r = 0; r < REPS; r++)
		split[r] = pairs(m, GFP_HIGHUSER_MOVABLE, true, rounds / 4);
	f->split_merge = median(split, REPS);
	while (nheld--) {
		unsigned int order = (unsigned int)held[nheld]->private;

		held[nheld]->private = 0;
		free1(m, held[nheld], order, true);
	}
	bench_consistent(m, "the pair benchmarks");
	machine_destroy(m);
}

/* xorshift64*: the mixed benchmark's seeded choices */
static uint64_t rng_state;

static uint64_t rng(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 2685821657736338717ULL;
}

/* 512 live blocks of random orders 0-5: free one at random, allocate anew. */
static double bench_mixed(unsigned long rounds)
{
	enum { LIVE = 512 };
	struct machine *m = bench_boot(65536, 0);
	struct page *live[LIVE];
	unsigned int order[LIVE];
	double v[REPS];
	int i, r;

	rng_state = 0x6d6d7368ULL;   /* "mmsh" */
	for (i = 0; i < LIVE; i++) {
		order[i] = (unsigned int)(rng() % 6);
		live[i] = alloc1(m, GFP_KERNEL, order[i]);
	}
	for (r = 0; r < REPS; r++) {
		unsigned long k;
		double t0 = bench_now();

		for (k = 0; k < rounds; k++) {
			uint64_t x = rng();
			unsigned int slot = (unsigned int)(x % LIVE);

			free1(m, live[slot], order[slot], false);
			order[slot] = (unsigned int)((x >> 32) % 6);
			live[slot] = alloc1(m, GFP_KERNEL, order[slot]);
		}
		v[r] = (bench_now() - t0) * 1e9 / (double)rounds;
	}
	for (i = 0; i < LIVE; i++)
		free1(m, live[i], order[i], false);
	bench_consistent(m, "the mixed benchmark");
	machine_destroy(m);
	return median(v, REPS);
}

/* ---- kswapd, boot, memory, check ---------------------------------------- */

/*
 * Memory full of clean page cache; then min_free_kbytes asks for three
 * quarters of it free and one balance_pgdat() reclaims up to the new high
 * mark. The rate is pages stolen by kswapd over the time of that call.
 */
static double bench_reclaim(unsigned long pages)
{
	double v[3];
	int r;

	for (r = 0; r < 3; r++) {
		struct machine *m = bench_boot(pages, 0);
		struct mm_error e;
		int f = file_get(m, "cache", &e);
		unsigned long before, flags;
		double t0, dt;

		file_read(m, f, 0, pages * 3 / 4, &e);
		lru_add_drain_all(m);
		/* as vm.min_free_kbytes does, without the shell's reclaim on the write */
		m->min_free_kbytes = m->user_min_free_kbytes = (int)(pages * 4 / 2);
		setup_per_zone_wmarks(m);
		before = m->vm_events[PGSTEAL_KSWAPD];
		flags = m->current_flags;
		m->current_flags = PF_MEMALLOC | PF_KSWAPD;   /* as kswapd_run_once() */
		t0 = bench_now();
		balance_pgdat(NODE_DATA(m, 0), 0, ZONE_NORMAL);
		dt = bench_now() - t0;
		m->current_flags = flags;
		if (m->vm_events[PGSTEAL_KSWAPD] - before < pages / 4)
			die("reclaim", "kswapd reclaimed less than a quarter of memory");
		v[r] = (double)(m->vm_events[PGSTEAL_KSWAPD] - before) / dt;
		bench_consistent(m, "kswapd reclaim");
		machine_destroy(m);
	}
	return median(v, 3);
}

/* the heap the C library hands out, in bytes (mmapped chunks included) */
static double heap_bytes(void)
{
	struct mallinfo2 mi = mallinfo2();

	return (double)mi.uordblks + (double)mi.hblkhd;
}

/* Boot 64 GiB zoned as x86-64 (as --mem 64G); the heap it holds per page. */
static void bench_boot_64g(double *boot_ms, double *bytes_per_page, double *copy_bpp)
{
	unsigned long pages = (64UL << 30) >> 12;
	double v[3];
	int r, reps = quick ? 1 : 3;

	for (r = 0; r < reps; r++) {
		struct machine_shape s;
		struct mm_error e;
		struct machine *m;
		double h0 = heap_bytes(), t0;

		machine_shape_init(&s);
		if (machine_shape_x86(&s, pages, &e) < 0)
			die("boot 64G", e.msg);
		s.swap_pages = 0;
		t0 = bench_now();
		m = machine_create(&s, &e);
		v[r] = (bench_now() - t0) * 1e3;
		if (!m)
			die("boot 64G", e.msg);
		*bytes_per_page = (heap_bytes() - h0) / (double)m->max_pfn;
		*copy_bpp = (double)machine_bytes(m) / (double)m->max_pfn;
		machine_destroy(m);
	}
	*boot_ms = median(v, reps);
}

/* A full check_machine() of a machine a third anonymous, a third cache. */
static double bench_check(unsigned long pages)
{
	struct machine *m = bench_boot(pages, pages);
	struct mm_error e;
	struct task *t = task_new(m, "t", 0, &e);
	struct check_result res;
	struct strbuf sb = STRBUF_INIT;
	int f = file_get(m, "data", &e), r;
	double v[REPS];

	fault_anon(m, t, pages / 3, &e);
	file_read(m, f, 0, pages / 3, &e);
	for (r = 0; r < REPS; r++) {
		double t0 = bench_now();

		check_machine(m, &res, &sb, 0);
		v[r] = (bench_now() - t0) * 1e9 / (double)m->max_pfn;
		if (res.violations)
			die("check", "the machine is inconsistent");
	}
	sb_free(&sb);
	machine_destroy(m);
	return median(v, REPS);
}

/* ---- the shell binary and the TUI ---------------------------------------- */

static const char *mmsh_path(const char *argv0, char *buf, size_t size)
{
	const char *env = getenv("MMSH"), *slash;

	if (env && *env)
		return env;
	slash = strrchr(argv0, '/');
	if (!slash)
		return "./mmsh";
	/* tests/bench/mmsh-bench -> tests/bench/../../mmsh */
	snprintf(buf, size, "%.*s/../../mmsh", (int)(slash - argv0), argv0);
	return buf;
}

/* Run `mmsh -q -x script` with its output to /dev/null: seconds of wall clock. */
static double run_script(const char *mmsh, const char *script)
{
	double t0 = bench_now();
	int status;
	pid_t pid = fork();

	if (pid < 0)
		die("shell", strerror(errno));
	if (pid == 0) {
		int fd = open("/dev/null", O_WRONLY);

		if (fd < 0 || dup2(fd, 1) < 0)
			_exit(126);
		execl(mmsh, mmsh, "-q", "--plain", "-x", script, (char *)NULL);
		_exit(127);
	}
	if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		fprintf(stderr, "mmsh-bench: %s -x %s failed (status 0x%x)\n", mmsh, script,
			status);
		exit(1);
	}
	return bench_now() - t0;
}

/* `alloc 0` and `free all`, n lines in all, through the binary. */
static double bench_shell(const char *mmsh, unsigned long n)
{
	char path[] = "/tmp/mmsh-bench-XXXXXX";
	int fd = mkstemp(path), r;
	FILE *fp;
	unsigned long i;
	double v[3];

	if (fd < 0 || !(fp = fdopen(fd, "w")))
		die("shell", "cannot write a script in /tmp");
	for (i = 0; i < n / 2; i++)
		fputs("alloc 0\nfree all\n", fp);
	if (fclose(fp) != 0)
		die("shell", "cannot write a script in /tmp");
	for (r = 0; r < 3; r++)
		v[r] = (double)n / run_script(mmsh, path);
	unlink(path);
	return median(v, 3);
}

/* The 64 GiB machine of `mmsh --mem 64G --swap 0`, redrawn at 200x60. */
static double bench_tui(int frames)
{
	char *argv[] = { "mmsh", "--mem", "64G", "--swap", "0", NULL };
	struct session s;
	struct options o;
	char err[300] = "";
	FILE *devnull = fopen("/dev/null", "w");
	double v[REPS];
	int r;

	if (!devnull || parse_options(5, argv, &o) >= 0)
		die("tui", "cannot parse the options");
	memset(&s, 0, sizeof(s));
	s.out = devnull;
	s.err = stderr;
	s.recipe = o.recipe;
	s.seed = o.seed;
	free_options(&o);
	if (session_boot(&s, err, sizeof(err)) < 0)
		die("tui", err);
	if (session_run_line(&s, "alloc 0 n=100; alloc 3 n=10; task new A; "
				 "fault A anon 2000; read f 3000; write g 500; tick 20") < 0)
		die("tui", "the set-up commands failed");
	for (r = 0; r < REPS; r++) {
		double t0 = bench_now();

		if (tui_bench_frames(&s, 200, 60, frames, devnull) < 0)
			die("tui", "no terminal (terminfo for xterm missing?)");
		v[r] = (bench_now() - t0) * 1e3 / frames;
	}
	session_free(&s);
	fclose(devnull);
	return median(v, REPS);
}

/* ---- report ---------------------------------------------------------------- */

struct figure {
	const char *key, *what, *unit;
	int prec;
	double value;
};

int main(int argc, char **argv)
{
	char buf[4096];
	bool json = false;
	unsigned long rounds;
	struct pair_figures pf;
	double floor_ns, reclaim, boot_ms, bpp, copy_bpp, check_ns, shell, tui;
	double t_start = bench_now();
	int i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--json") == 0)
			json = true;
		else if (strcmp(argv[i], "--quick") == 0)
			quick = true;
		else {
			fprintf(stderr, "usage: mmsh-bench [--json] [--quick]\n");
			return 2;
		}
	}
	rounds = quick ? 20000 : 1000000;
	floor_ns = bench_floor(rounds * 10);
	bench_pairs(&pf, rounds);
	pf.mixed = bench_mixed(rounds / 2);
	reclaim = bench_reclaim(quick ? 65536 : 262144);
	bench_boot_64g(&boot_ms, &bpp, &copy_bpp);
	check_ns = bench_check(quick ? 65536 : 262144);
	shell = bench_shell(mmsh_path(argv[0], buf, sizeof(buf)), quick ? 2000 : 100000);
	tui = bench_tui(quick ? 2 : 20);

	struct figure fig[] = {
		{ "floor_pair_ns", "bare list push+pop (floor)", "ns", 1, floor_ns },
		{ "pcp_pair_ns", "order-0 alloc+free, pcp list", "ns", 1, pf.pcp },
		{ "buddy_pair_ns", "order-0 alloc+free, buddy, no split", "ns", 1, pf.buddy },
		{ "split_merge_pair_ns", "order-0 split of MAX_ORDER-1 + merge", "ns", 1,
		  pf.split_merge },
		{ "mixed_pair_ns", "orders 0-5, 512 live, seeded", "ns", 1, pf.mixed },
		{ "trace_on_ratio", "pcp pair with a trace subscriber", "x", 2, pf.trace_on },
		{ "reclaim_pages_per_s", "kswapd, clean page cache", "pages/s", 0, reclaim },
		{ "boot_64g_ms", "boot 64 GiB", "ms", 1, boot_ms },
		{ "bytes_per_page", "engine heap per simulated page", "bytes", 2, bpp },
		{ "check_ns_per_page", "full invariant check", "ns", 2, check_ns },
		{ "shell_cmds_per_s", "mmsh -x script, output to /dev/null", "cmds/s", 0,
		  shell },
		{ "tui_frame_ms", "full redraw 200x60 of 64 GiB", "ms", 3, tui },
	};
	size_t n = sizeof(fig) / sizeof(fig[0]), k;

	if (json) {
		putchar('{');
		for (k = 0; k < n; k++) {
			printf("%s\"%s\": ", k ? ", " : "", fig[k].key);
			printf("%.*f", fig[k].prec, fig[k].value);
		}
		puts("}");
		return 0;
	}
	printf("%-22s %-38s %14s %s\n", "figure", "what", "value", "unit");
	for (k = 0; k < n; k++) {
		char val[64];

		snprintf(val, sizeof(val), "%.*f", fig[k].prec, fig[k].value);
		printf("%-22s %-38s %14s %s\n", fig[k].key, fig[k].what, val, fig[k].unit);
	}
	printf("\npcp pair / floor: %.1fx; a snapshot copy (machine_bytes) per page: %.2f bytes;"
	       " whole run %.1f s\n", pf.pcp / floor_ns, copy_bpp, bench_now() - t_start);
	return 0;
}
