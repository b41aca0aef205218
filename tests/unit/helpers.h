/*
 * tests/unit/helpers.h: what every engine suite needs: booting presets
 * and hand-made shapes, asserting that check() finds nothing, reading
 * lists and counters back, making owners (tasks, files) and their pages,
 * recording tracepoints and kernel messages. Every helper that can fail
 * fails the test, saying what went wrong.
 */
#ifndef MMSH_TEST_HELPERS_H
#define MMSH_TEST_HELPERS_H

#include <check.h>
#include <stdbool.h>
#include <stddef.h>

#include "mmsh/check.h"
#include "mmsh/gfp.h"
#include "mmsh/mmzone.h"
#include "mmsh/trace.h"

/* ---- machines ------------------------------------------------------------------ */

/* Boot "default", "tiny" or "numa"; fails the test on error. */
struct machine *boot_preset(const char *name);

/*
 * Boot one node with the given zones (pages; 0 = absent), MAX_ORDER,
 * pageblock_order and CPUs. THP is off so min_free_kbytes is the plain
 * int_sqrt value.
 */
struct machine *boot_shape(unsigned long dma, unsigned long dma32,
			   unsigned long normal, unsigned long movable,
			   unsigned int max_order, unsigned int pageblock_order,
			   int cpus);

/*
 * Boot one node with a single Normal zone of `normal` pages (MAX_ORDER 11,
 * pageblock_order 9, THP off) and a swap device of swap_pages slots.
 */
struct machine *boot_swap(unsigned long normal, unsigned long swap_pages, int cpus);

/*
 * One Normal zone of 16384 pages, one CPU, no swap. min_free_kbytes =
 * int_sqrt(65536 * 16) = 1024 kB: min 256, low 320, high 384 pages; pcp
 * high 18, batch 3. Far above every watermark, so nothing but the test
 * moves pages between lists.
 */
struct machine *boot_small(void);

/* check() must find no violation (prints them when it does). */
void assert_consistent(struct machine *m);

/* ---- zones, pages, counters ------------------------------------------------------ */

struct zone *ZONE(struct machine *m, int nid, int zidx);
/* Node 0's Normal zone. */
struct zone *NORMAL(struct machine *m);
struct page *PG(struct machine *m, unsigned long pfn);

/* A counter of node 0, and of node 0's Normal zone. */
long node_stat(struct machine *m, enum node_stat_item item);
long normal_stat(struct machine *m, enum zone_stat_item item);
/* NR_FREE_PAGES of a zone, and of node 0's Normal zone. */
long zone_free(const struct zone *z);
long nr_free(struct machine *m);
/* A vm event counter (/proc/vmstat). */
unsigned long ev(struct machine *m, enum vm_event_item item);

/* ---- lists -------------------------------------------------------------------- */

/* The entries of a list, head to tail; returns how many (fills at most max). */
size_t list_pfns(struct machine *m, uint32_t head, unsigned long *out, size_t max);
size_t free_list(struct machine *m, struct zone *z, unsigned int order, int mt,
		 unsigned long *out, size_t max);
size_t pcp_list(struct machine *m, struct zone *z, int cpu, int mt,
		unsigned long *out, size_t max);
/* Node 0's LRU list lru, head to tail. */
size_t lru_pfns(struct machine *m, enum lru_list lru, unsigned long *out, size_t max);

/* ---- allocations held by the test ---------------------------------------------------- */

/*
 * A held movable page taken without waking anyone: no __GFP_RECLAIM bits
 * (no kswapd, no reclaim), and __GFP_MEMALLOC so that it may go below min.
 * Tests use it to bring free memory down to an exact count.
 */
#define FILL_GFP ((GFP_HIGHUSER_MOVABLE & ~GFP__RECLAIM) | GFP__MEMALLOC)

/* mmsh_alloc() of a held block on any node; returns its pfn. */
long held(struct machine *m, gfp_t gfp, unsigned int order);

/* ---- owners: tasks, files and their pages --------------------------------------------- */

/* task_new() with oom_score_adj 0, or adj. */
struct task *new_task(struct machine *m, const char *name);
struct task *new_task_adj(struct machine *m, const char *name, int adj);
/* file_get(): the file of that name, created if new. */
int new_file(struct machine *m, const char *name);

/*
 * These do all n pages (fault_anon(), fault_file() of offsets 0..n-1,
 * file_read(), file_write(), mlock_task()) or fail the test, then run the
 * full check.
 */
void fault(struct machine *m, struct task *t, unsigned long n);
void map_file(struct machine *m, struct task *t, int f, unsigned long n, bool exec);
void read_file(struct machine *m, int f, unsigned long off, unsigned long n);
void write_file(struct machine *m, int f, unsigned long off, unsigned long n);
void mlock_all(struct machine *m, struct task *t, bool lock);

/* A new file of n clean page cache pages read once (inactive, referenced), on the LRU. */
int read_new_file(struct machine *m, const char *name, unsigned long n);

/* Whether offset off of file f is in the page cache. */
bool cached(struct machine *m, int f, unsigned long off);
/* The page caching offset off of f; fails the test if it is not cached. */
struct page *file_page(struct machine *m, int f, unsigned long off);
unsigned long file_pfn(struct machine *m, int f, unsigned long off);
/* The page task t maps at anonymous page v; fails the test if none is present. */
struct page *anon_page(struct machine *m, struct task *t, unsigned long v);
unsigned long anon_pfn(const struct task *t, unsigned long v);

/* Take (or drop) an extra reference on every cached page of f, as get_user_pages() would. */
void pin_file(struct machine *m, int f, bool pin);

/*
 * shrink_page_list() on one page, isolated as isolate_lru_pages() would
 * (after lru_add_drain()), by direct reclaim with GFP_KERNEL on node 0;
 * what survives is put back and the pagevec drained, as
 * move_pages_to_lru() would leave it. Returns the pages reclaimed (0 or
 * 1). reclaim_page() also runs the full check; a loop over thousands of
 * pages calls reclaim_page_unchecked() and checks once at its end.
 */
unsigned long reclaim_page_unchecked(struct machine *m, struct page *page, bool ignore_refs);
unsigned long reclaim_page(struct machine *m, struct page *page, bool ignore_refs);

/*
 * The caller of what comes next is task t (comm, pid, the task that
 * faults, not an OOM victim), as while it faults (task_enter());
 * as_before() restores what as_task() saved.
 */
struct as_saved {
	struct task_context current;
	struct task *task;
	bool victim;
};
void as_task(struct machine *m, struct task *t, struct as_saved *s);
void as_before(struct machine *m, const struct as_saved *s);

/* ---- tracepoints ---------------------------------------------------------------------- */

/* Record every tracepoint into a fixed array. */
#define MAX_RECORDED 4096
struct recorder {
	struct trace_event ev[MAX_RECORDED];
	size_t n;
};
void record_events(struct machine *m, struct recorder *r);
/* Record only the events whose bit EV(id) is set in mask; stop recording. */
#define EV(id) (1ULL << (id))
void record_only(struct machine *m, struct recorder *r, uint64_t mask);
void stop_recording(struct machine *m);
/* How many recorded events have this id. */
size_t count_events(const struct recorder *r, enum trace_event_id id);
/* The nth (from 0) recorded event of this id, formatted from the event name on. */
const char *nth_line(const struct recorder *r, enum trace_event_id id, size_t nth);
/* The index of the first recorded event of this id, or r->n. */
size_t first_event(const struct recorder *r, enum trace_event_id id);

/* ---- kernel messages ------------------------------------------------------------------ */

/* Kernel messages, line by line, without the "[ time] " prefix. */
#define MAX_LOG 2048
struct klog {
	char line[MAX_LOG][200];
	int n;
};
/* Keep every kernel message from now on in log (emptied first). */
void record_log(struct machine *m, struct klog *log);
/* The first line equal to text (at or after line `from`), or -1. */
int find_log(const struct klog *log, const char *text);
int find_log_from(const struct klog *log, int from, const char *text);
/* How many lines contain part. */
int count_log(const struct klog *log, const char *part);

/* ---- watermarks and pcp ------------------------------------------------------------------ */

/* Assert node 0 zone zidx's watermarks, protection, and every CPU's pcp sizes. */
void expect_wmarks(struct machine *m, int zidx, unsigned long min, unsigned long low,
		   unsigned long high);
void expect_protection(struct machine *m, int zidx, long r0, long r1, long r2, long r3);
void expect_pcp(struct machine *m, int zidx, int high, int batch);

/* Run one suite and return the process exit status. */
int run_suite(Suite *s);

#endif
