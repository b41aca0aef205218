/*
 * tests/complexity/test_complexity.c: the cost of the engine's work grows
 * as the kernel's does, asserted by counting operations, never by timing.
 * The engine is built a second time with -DMMSH_OPCOUNT (opcount.h): list
 * links changed (OP_LIST), list entries stepped over (OP_LIST_STEP), page
 * descriptors examined by pfn loops (OP_PAGE_VISIT) and passes of the
 * buddy merge loop (OP_MERGE_STEP). Each test measures the same operation
 * on machines of different sizes or with lists of different lengths, and
 * asserts that the count stays the same, or stays within a bound that
 * does not depend on memory: list operations O(1), freeing O(MAX_ORDER),
 * reclaim O(pages scanned), views O(screen). The counts are printed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../unit/helpers.h"
#include "mmsh/list.h"
#include "mmsh/lru.h"
#include "mmsh/opcount.h"
#include "mmsh/page_alloc.h"
#include "mmsh/pcp.h"
#include "mmsh/procfs.h"
#include "mmsh/strbuf.h"
#include "mmsh/views.h"
#include "mmsh/vmscan.h"
#include "mmsh/workload.h"
#include "options.h"
#include "session.h"
#include "tui.h"

/* The counters the engine built with -DMMSH_OPCOUNT increments. */
uint64_t mmsh_opcount[NR_OPCOUNT];

/* Machines: one Normal zone, MAX_ORDER 11, pageblock_order 9, one CPU. */
#define PAGES_64M (16384UL)
#define PAGES_4G (1048576UL)

struct ops {
	uint64_t n[NR_OPCOUNT];
};

static void ops_start(void)
{
	memset(mmsh_opcount, 0, sizeof(mmsh_opcount));
}

static struct ops ops_take(void)
{
	struct ops o;

	memcpy(o.n, mmsh_opcount, sizeof(o.n));
	return o;
}

static uint64_t ops_total(const struct ops *o)
{
	uint64_t t = 0;
	int k;

	for (k = 0; k < NR_OPCOUNT; k++)
		t += o->n[k];
	return t;
}

static bool ops_equal(const struct ops *a, const struct ops *b)
{
	return memcmp(a->n, b->n, sizeof(a->n)) == 0;
}

/* One line of the log: what was measured, where, and the counts. */
static void ops_print(const char *what, const char *where, const struct ops *o)
{
	printf("opcount: %-34s %-24s list %6llu  step %8llu  visit %8llu  merge %4llu\n",
	       what, where, (unsigned long long)o->n[OP_LIST],
	       (unsigned long long)o->n[OP_LIST_STEP], (unsigned long long)o->n[OP_PAGE_VISIT],
	       (unsigned long long)o->n[OP_MERGE_STEP]);
	fflush(stdout);
}

static struct machine *boot_pages(unsigned long pages)
{
	return boot_shape(0, 0, pages, 0, 11, 9, 1);
}

static void free_held(struct machine *m, long pfn)
{
	struct mm_error e;

	ck_assert_msg(mmsh_free(m, (unsigned long)pfn, -1, &e) == 0, "free 0x%lx: %s",
		      (unsigned long)pfn, e.msg);
}

/*
 * Long free lists at orders 0..top: `pairs` buddy pairs of each order are
 * allocated, then the upper half of each pair freed, so that every one of
 * these free lists holds `pairs` blocks that cannot merge. The lower
 * halves stay held, and so do both halves of a pair that came from two
 * different blocks (the leftovers of a lower order are used up first).
 */
static void fragment(struct machine *m, unsigned int top, unsigned long pairs)
{
	long *upper = calloc(pairs, sizeof(*upper));
	unsigned int order;
	unsigned long i;

	ck_assert(upper != NULL);
	for (order = 0; order <= top; order++) {
		long lower = -1;

		for (i = 0; i < pairs; ) {
			long pfn = held(m, FILL_GFP, order);

			if (lower >= 0 && (unsigned long)pfn == ((unsigned long)lower ^ 1UL << order)) {
				upper[i++] = pfn;
				lower = -1;
			} else {
				lower = pfn;
			}
		}
		for (i = 0; i < pairs; i++)
			free_held(m, upper[i]);
	}
	drain_all_pages(m, NULL);
	free(upper);
}

/* ---- the allocator's fast path -------------------------------------------------- */

/* An order-0 alloc+free pair on the pcp list, measured after a warm-up pair. */
static struct ops pcp_pair(struct machine *m)
{
	long pfn = held(m, FILL_GFP, 0);

	free_held(m, pfn);
	ops_start();
	pfn = held(m, FILL_GFP, 0);
	free_held(m, pfn);
	return ops_take();
}

START_TEST(pcp_pair_same_on_every_size)
{
	struct machine *small = boot_pages(PAGES_64M), *big = boot_pages(PAGES_4G);
	struct ops a = pcp_pair(small), b = pcp_pair(big), c;

	ops_print("order-0 alloc+free pair", "64 MiB", &a);
	ops_print("order-0 alloc+free pair", "4 GiB", &b);
	fragment(big, 9, 256);
	c = pcp_pair(big);
	ops_print("order-0 alloc+free pair", "4 GiB, 256 per free list", &c);
	ck_assert_msg(ops_equal(&a, &b) && ops_equal(&a, &c),
		      "an order-0 pair costs %llu ops at 64 MiB, %llu at 4 GiB, %llu fragmented",
		      (unsigned long long)ops_total(&a), (unsigned long long)ops_total(&b),
		      (unsigned long long)ops_total(&c));
	/* a pcp pair walks no list: one unlink and one link each way, and alloc's record */
	ck_assert_uint_eq(a.n[OP_LIST_STEP], 0);
	ck_assert_uint_le(a.n[OP_LIST], 4);
	assert_consistent(big);
	machine_destroy(small);
	machine_destroy(big);
}
END_TEST

/*
 * Many order-0 pairs, refills and flushes included: the per-page cost is
 * bounded by a constant whatever the size (batch and high grow with the
 * zone, but each page is moved a bounded number of times).
 */
static struct ops many_pairs(struct machine *m, unsigned long n)
{
	long *pfn = calloc(n, sizeof(*pfn));
	unsigned long i;
	struct ops o;

	ck_assert(pfn != NULL);
	ops_start();
	for (i = 0; i < n; i++)
		pfn[i] = held(m, FILL_GFP, 0);
	for (i = 0; i < n; i++)
		free_held(m, pfn[i]);
	o = ops_take();
	free(pfn);
	return o;
}

START_TEST(pcp_batches_bounded_per_page)
{
	static const unsigned long sizes[] = { PAGES_64M, PAGES_4G };
	const unsigned long n = 4096;
	size_t i;

	for (i = 0; i < 2; i++) {
		struct machine *m = boot_pages(sizes[i]);
		struct ops o = many_pairs(m, n);
		char where[64];

		snprintf(where, sizeof(where), "%lu pages, %lu pairs", sizes[i], n);
		ops_print("order-0 allocs then frees", where, &o);
		ck_assert_msg(ops_total(&o) <= 24 * n, "%llu ops for %lu order-0 pairs",
			      (unsigned long long)ops_total(&o), n);
		machine_destroy(m);
	}
}
END_TEST

/* ---- freeing: O(MAX_ORDER) ------------------------------------------------------- */

/*
 * An unmovable block without reclaim: fragment() leaves the unmovable
 * lists empty, so the first such block comes from a MAX_ORDER-1 block
 * (the fallback takes the largest), and freeing it merges all the way up.
 */
#define UNMOVABLE_GFP ((GFP_KERNEL & ~GFP__RECLAIM) | GFP__MEMALLOC)

/* Free a held unmovable block of order k carved from a free MAX_ORDER-1 block. */
static struct ops buddy_free(struct machine *m, unsigned int k)
{
	long pfn = held(m, UNMOVABLE_GFP, k);

	ops_start();
	free_held(m, pfn);
	return ops_take();
}

START_TEST(buddy_free_is_order_max_order)
{
	struct machine *small = boot_pages(PAGES_64M), *big = boot_pages(PAGES_4G);
	unsigned int k, max = big->max_order;

	fragment(big, 9, 256);
	for (k = 1; k < max; k++) {
		struct ops a = buddy_free(small, k), b = buddy_free(big, k);
		char what[64];

		snprintf(what, sizeof(what), "free order %u (merges to %u)", k, max - 1);
		ops_print(what, "64 MiB", &a);
		ops_print(what, "4 GiB, 256 per free list", &b);
		ck_assert_msg(ops_equal(&a, &b), "freeing order %u costs differently", k);
		ck_assert_uint_le(a.n[OP_MERGE_STEP], max - k);
		ck_assert_uint_le(a.n[OP_LIST], 2 * (max - k) + 2);
		ck_assert_uint_eq(a.n[OP_LIST_STEP], 0);
	}
	assert_consistent(big);
	machine_destroy(small);
	machine_destroy(big);
}
END_TEST

/*
 * Free the lower half of the middle pair of order 1: its buddy is taken
 * off the middle of an order-1 free list of `pairs` blocks, in O(1).
 */
static struct ops free_middle(unsigned long pairs)
{
	struct machine *m = boot_pages(PAGES_4G);
	long *lower = calloc(pairs, sizeof(*lower)), *upper = calloc(pairs, sizeof(*upper));
	unsigned long i, mid = pairs / 2;
	struct ops o;

	ck_assert(lower && upper);
	for (i = 0; i < pairs; i++) {
		lower[i] = held(m, FILL_GFP, 1);
		upper[i] = held(m, FILL_GFP, 1);
	}
	for (i = 0; i < pairs; i++)
		free_held(m, upper[i]);
	ck_assert_uint_ge(NORMAL(m)->free_area[1].nr_free, pairs);
	ops_start();
	free_held(m, lower[mid]);
	o = ops_take();
	assert_consistent(m);
	machine_destroy(m);
	free(lower);
	free(upper);
	return o;
}

START_TEST(free_list_middle_removal_is_o1)
{
	struct ops a = free_middle(8), b = free_middle(65536);

	ops_print("free, buddy mid-list", "8 on the list", &a);
	ops_print("free, buddy mid-list", "65536 on the list", &b);
	ck_assert(ops_equal(&a, &b));
	ck_assert_uint_eq(a.n[OP_LIST_STEP], 0);
}
END_TEST

/*
 * Task B's one page sits between two runs of task A's pages on the
 * inactive anon LRU; unmapping it takes it off the middle of the list.
 */
static struct ops lru_middle(unsigned long run)
{
	struct machine *m = boot_pages(PAGES_4G);
	struct task *a = new_task(m, "A"), *b = new_task(m, "B");
	struct ops o;

	fault(m, a, run);
	fault(m, b, 1);
	fault(m, a, run);
	lru_add_drain(m);
	ops_start();
	munmap_task(m, b, 1);
	o = ops_take();
	assert_consistent(m);
	machine_destroy(m);
	return o;
}

START_TEST(lru_middle_removal_is_o1)
{
	struct ops a = lru_middle(8), b = lru_middle(100000);

	ops_print("munmap, page mid-LRU", "17 on the LRU", &a);
	ops_print("munmap, page mid-LRU", "200001 on the LRU", &b);
	/* the freed page walks release_pages' and free_unref_page_list's one-page lists */
	ck_assert(ops_equal(&a, &b));
	ck_assert_uint_le(ops_total(&a), 8);
}
END_TEST

/* ---- reclaim: O(pages scanned) -------------------------------------------------------- */

static struct ops reclaim_run(unsigned long pages, unsigned long file_pages,
			      unsigned long *scanned)
{
	struct machine *m = boot_pages(pages);
	unsigned long before;
	struct ops o;

	read_new_file(m, "f", file_pages);
	before = ev(m, PGSCAN_DIRECT) + ev(m, PGREFILL);
	ops_start();
	try_to_free_pages(m, node_zonelist(m, 0, GFP_KERNEL), 0, GFP_KERNEL);
	o = ops_take();
	*scanned = ev(m, PGSCAN_DIRECT) + ev(m, PGREFILL) - before;
	assert_consistent(m);
	machine_destroy(m);
	return o;
}

START_TEST(reclaim_is_pages_scanned)
{
	unsigned long s1, s2;
	struct ops a = reclaim_run(PAGES_64M, 8000, &s1), b = reclaim_run(PAGES_4G, 800000, &s2);
	char where[64];

	snprintf(where, sizeof(where), "8000 file, %lu scanned", s1);
	ops_print("try_to_free_pages", where, &a);
	snprintf(where, sizeof(where), "800000 file, %lu scanned", s2);
	ops_print("try_to_free_pages", where, &b);
	ck_assert(s1 > 0 && s2 > 0);
	ck_assert_msg(ops_total(&a) <= 32 * s1 && ops_total(&b) <= 32 * s2,
		      "%llu ops for %lu pages scanned, %llu for %lu",
		      (unsigned long long)ops_total(&a), s1, (unsigned long long)ops_total(&b), s2);
}
END_TEST

/* ---- views: O(screen) ----------------------------------------------------------------- */

static struct ops view_ops(struct machine *m, void (*fn)(struct machine *, struct strbuf *))
{
	struct strbuf sb = STRBUF_INIT;
	struct ops o;

	ops_start();
	fn(m, &sb);
	o = ops_take();
	sb_free(&sb);
	return o;
}

static void map_view(struct machine *m, struct strbuf *sb)
{
	view_map(m, NULL, 0, sb);
}

static void lru_view(struct machine *m, struct strbuf *sb)
{
	view_lru(m, NUMA_NO_NODE, sb);
}

/* The blocks on every free list of the machine (what a full walk steps over). */
static unsigned long free_blocks(struct machine *m)
{
	unsigned long n = 0;
	unsigned int o;
	int nid, z;

	for (nid = 0; nid < m->nr_node_ids; nid++)
		for (z = 0; z < MAX_NR_ZONES; z++)
			for (o = 0; o < m->max_order; o++)
				n += ZONE(m, nid, z)->free_area[o].nr_free;
	return n;
}

/*
 * /proc/buddyinfo, zoneinfo, meminfo and vmstat, the watermarks and the
 * LRU view read counters and the ends of lists: the same few steps at
 * 256 MiB and 16 GiB.
 * /proc/pagetypeinfo walks every free list, as the kernel's does (capped
 * at PAGETYPEINFO_CAP per list): at most one step per free block. The
 * text `map` reads every run of pages (see FIDELITY in mmsh(1)): at most
 * one visit per page, and one per free block where memory is free.
 */
START_TEST(views_are_o_screen)
{
	static const struct {
		const char *name;
		void (*fn)(struct machine *, struct strbuf *);
	} counters[] = {
		{ "buddyinfo", proc_buddyinfo },
		{ "zoneinfo", proc_zoneinfo },
		{ "meminfo", proc_meminfo },
		{ "vmstat", proc_vmstat },
		{ "watermarks", view_watermarks },
		{ "lru (the ends of each list)", lru_view },
	};
	struct machine *small = boot_pages(65536), *big = boot_pages(4194304);
	struct ops a, b;
	size_t i;

	read_new_file(small, "f", 20000);
	read_new_file(big, "f", 20000);
	for (i = 0; i < sizeof(counters) / sizeof(counters[0]); i++) {
		a = view_ops(small, counters[i].fn);
		b = view_ops(big, counters[i].fn);
		ops_print(counters[i].name, "256 MiB", &a);
		ops_print(counters[i].name, "16 GiB", &b);
		ck_assert_msg(ops_equal(&a, &b) && ops_total(&a) <= 8 * NR_LRU_LISTS,
			      "%s: %llu ops at 256 MiB, %llu at 16 GiB", counters[i].name,
			      (unsigned long long)ops_total(&a), (unsigned long long)ops_total(&b));
	}
	a = view_ops(small, proc_pagetypeinfo);
	b = view_ops(big, proc_pagetypeinfo);
	ops_print("pagetypeinfo", "256 MiB", &a);
	ops_print("pagetypeinfo", "16 GiB", &b);
	ck_assert_uint_le(a.n[OP_LIST_STEP], free_blocks(small));
	ck_assert_uint_le(b.n[OP_LIST_STEP], free_blocks(big));
	a = view_ops(small, map_view);
	b = view_ops(big, map_view);
	ops_print("map (text)", "256 MiB", &a);
	ops_print("map (text)", "16 GiB", &b);
	ck_assert_uint_le(a.n[OP_PAGE_VISIT], 20000 + free_blocks(small) + 8192);
	ck_assert_uint_le(b.n[OP_PAGE_VISIT], 20000 + free_blocks(big) + 8192);
	machine_destroy(small);
	machine_destroy(big);
}
END_TEST

/*
 * `page PFN` of a free block says which free list holds it, and finds
 * out by walking that order's lists (page_locate()): O(list length), as
 * a search must be without a per-page record of the list.
 */
START_TEST(page_view_of_a_free_block)
{
	static const unsigned long pairs[] = { 8, 65536 };
	size_t i;

	for (i = 0; i < 2; i++) {
		struct machine *m = boot_pages(PAGES_4G);
		struct strbuf sb = STRBUF_INIT;
		unsigned long head[1], n;
		char where[64];
		struct ops o;

		fragment(m, 1, pairs[i]);
		/* the last block of the list: the walk goes all the way */
		n = free_list(m, NORMAL(m), 1, MIGRATE_MOVABLE, head, 1);
		ck_assert_uint_ge(n, pairs[i]);
		ops_start();
		view_page(m, list_last(m->mem_map, NORMAL(m)->free_area[1].free_list[MIGRATE_MOVABLE]),
			  &sb);
		o = ops_take();
		snprintf(where, sizeof(where), "%lu on its free list", pairs[i]);
		ops_print("page (a free block)", where, &o);
		ck_assert_uint_le(o.n[OP_LIST_STEP], free_blocks(m));
		sb_free(&sb);
		machine_destroy(m);
	}
}
END_TEST

/* A session booted from mmsh options, with some state in every pane. */
static void boot_mem(struct session *s, const char *mem)
{
	char *argv[] = { "mmsh", "--mem", (char *)mem, NULL };
	struct options o;
	char err[300];

	ck_assert(parse_options(3, argv, &o) < 0);
	memset(s, 0, sizeof(*s));
	s->out = fopen("/dev/null", "w");
	s->err = stderr;
	s->recipe = o.recipe;
	s->seed = o.seed;
	free_options(&o);
	ck_assert_msg(s->out && session_boot(s, err, sizeof(err)) == 0, "boot: %s", err);
	ck_assert_int_eq(session_run_line(s, "alloc 0 n=100; alloc 3 n=10; task new A; "
				      "fault A anon 2000; read f 3000; write g 500; tick 20"), 0);
}

/*
 * A full redraw of the ncurses view: the memory map pane reads at most 32
 * page states per cell, so its page visits are bounded by the screen. The
 * free_area pane reads each list's length (nr_free_mt) and walks only the
 * first blocks of each list it shows: its list steps are bounded by the
 * screen too, however many blocks are free.
 */
START_TEST(tui_frame_is_o_screen)
{
	static const char *mems[] = { "256M", "16G" };
	const int w = 200, h = 60;
	FILE *devnull = fopen("/dev/null", "w");
	size_t i;

	ck_assert(devnull != NULL);
	for (i = 0; i < 2; i++) {
		struct session s;
		unsigned long blocks;
		struct ops o;
		char where[64];

		boot_mem(&s, mems[i]);
		blocks = free_blocks(s.m);
		ops_start();
		if (tui_bench_frames(&s, w, h, 1, devnull) < 0) {
			printf("opcount: no terminal: the ncurses view is not measured\n");
			fclose(s.out);
			session_free(&s);
			break;
		}
		o = ops_take();
		snprintf(where, sizeof(where), "%s, %lu free blocks", mems[i], blocks);
		ops_print("ncurses frame 200x60", where, &o);
		ck_assert_uint_le(o.n[OP_PAGE_VISIT], 32UL * (unsigned long)(w * h));
		ck_assert_uint_le(o.n[OP_LIST_STEP], (unsigned long)(w * h));
		ck_assert_uint_eq(o.n[OP_LIST] + o.n[OP_MERGE_STEP], 0);
		fclose(s.out);
		session_free(&s);
	}
	fclose(devnull);
}
END_TEST

static Suite *complexity_suite(void)
{
	Suite *s = suite_create("complexity");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, pcp_pair_same_on_every_size);
	tcase_add_test(tc, pcp_batches_bounded_per_page);
	tcase_add_test(tc, buddy_free_is_order_max_order);
	tcase_add_test(tc, free_list_middle_removal_is_o1);
	tcase_add_test(tc, lru_middle_removal_is_o1);
	tcase_add_test(tc, reclaim_is_pages_scanned);
	tcase_add_test(tc, views_are_o_screen);
	tcase_add_test(tc, page_view_of_a_free_block);
	tcase_add_test(tc, tui_frame_is_o_screen);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return run_suite(complexity_suite());
}
