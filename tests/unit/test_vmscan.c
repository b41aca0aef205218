/*
 * tests/unit/test_vmscan.c: page reclaim as mmsh models Linux 5.10
 * (src/engine/vmscan.c; section 10 of the semantics reference). Every test
 * builds the exact page state that takes one branch of a reclaim decision
 * and checks what the kernel would leave behind: the page's flags and list,
 * struct reclaim_stat, the vmstat counters, the tracepoint lines, and the
 * data (a page that was written out comes back intact).
 *
 *   page_list  shrink_page_list(): lock, evictability, may_unmap, the three
 *              writeback cases, page_check_references(), swap, unmap,
 *              pageout(), __remove_mapping(), rotation after writeback
 *   isolate    isolate_lru_pages(): skipped zones, ISOLATE_UNMAPPED, sizes
 *   inactive   shrink_inactive_list(): counters, costs, flusher, trace line,
 *              too_many_isolated()
 *   active     shrink_active_list(), pages freed while isolated
 *   balance    inactive_is_low(), get_scan_count(), shrink_lruvec()
 *   node       shrink_node()'s decisions and kswapd's node flags
 *   direct     try_to_free_pages() / do_try_to_free_pages(), throttling
 *              (tasks only: kernel threads are never throttled)
 *
 * Most tests boot one Normal zone of 4096 pages (16 MiB) with a swap
 * device of 1024 slots (1023 pages: slot 0 is the header) and one CPU:
 * min_free_kbytes = int_sqrt(16384 * 16) = 512 kB = 128 pages; step
 * max(128 / 4, 4096 * 10 / 10000) = 32: min 128, low 160, high 192.
 * Nothing here allocates near the watermarks unless it says so, so
 * kswapd stays asleep. The full invariant check runs after every step
 * (see step()).
 */
#include <stdio.h>
#include <string.h>

#include "helpers.h"
#include "mmsh/compaction.h"
#include "mmsh/kswapd.h"
#include "mmsh/list.h"
#include "mmsh/lru.h"
#include "mmsh/page_alloc.h"
#include "mmsh/rmap.h"
#include "mmsh/strbuf.h"
#include "mmsh/swap.h"
#include "mmsh/trace.h"
#include "mmsh/vmscan.h"
#include "mmsh/watermark.h"
#include "mmsh/workload.h"

#define NPAGES 4096UL
#define NSLOTS 1024UL
#define ANON_FLAGS "RECLAIM_WB_ANON|RECLAIM_WB_ASYNC"
#define FILE_FLAGS "RECLAIM_WB_FILE|RECLAIM_WB_ASYNC"

static struct recorder rec;
static struct reclaim_stat st;
static struct kthread_context ksave;

/*
 * Every helper that completes a step runs the full invariant check, except
 * while a test holds a state it built by hand that the checker rightly
 * refuses between operations (a page lock or a reference nobody owns,
 * pretend isolated counts, an mlocked page on an evictable list).
 */
static bool handmade;

static void step(struct machine *m)
{
	if (!handmade)
		assert_consistent(m);
}

/* ---- machines ------------------------------------------------------------------- */

static struct machine *boot(void)
{
	struct machine *m = boot_swap(NPAGES, NSLOTS, 1);
	struct zone *z = ZONE(m, 0, ZONE_NORMAL);

	handmade = false;
	ck_assert_uint_eq(min_wmark_pages(z), 128);
	ck_assert_uint_eq(low_wmark_pages(z), 160);
	ck_assert_uint_eq(high_wmark_pages(z), 192);
	return m;
}

/* The same Normal zone without a swap device. */
static struct machine *boot_noswap(void)
{
	handmade = false;
	return boot_shape(0, 0, NPAGES, 0, 11, 9, 1);
}

/* DMA32 and Normal zones on one node, with a swap device of `swap` slots. */
static struct machine *boot_zones(unsigned long dma32, unsigned long normal, unsigned long swap)
{
	struct machine_shape s;
	struct mm_error e;
	struct machine *m;

	machine_shape_init(&s);
	s.nr_cpus = 1;
	s.thp = THP_NEVER;
	s.swap_pages = swap;
	s.zones[0][ZONE_DMA32] = (struct zone_shape){ dma32, dma32, dma32 };
	s.zones[0][ZONE_NORMAL] = (struct zone_shape){ normal, normal, normal };
	m = machine_create(&s, &e);
	ck_assert_msg(m != NULL, "boot: %s", e.msg);
	handmade = false;
	return m;
}

/* ---- accessors -------------------------------------------------------------------- */

static pg_data_t *NODE(struct machine *m)
{
	return m->node_data[0];
}

static struct lruvec *LRUVEC(struct machine *m)
{
	return &m->node_data[0]->lruvec;
}

/* The event counters at one moment, to take differences against. */
static unsigned long snap[NR_VM_EVENT_ITEMS];

static void snapshot_events(struct machine *m)
{
	memcpy(snap, m->vm_events, sizeof(snap));
}

static unsigned long delta(struct machine *m, enum vm_event_item item)
{
	return m->vm_events[item] - snap[item];
}

/* ---- owners -------------------------------------------------------------------------- */

/* n new anonymous pages, mapped young, drained onto the inactive anon list. */
static void anon(struct machine *m, struct task *t, unsigned long n)
{
	struct mm_error e;

	ck_assert_int_eq(fault_anon(m, t, n, &e), (long)n);
	lru_add_drain(m);
	step(m);
}

/* The pte was not used since page_referenced() last looked: clear its young bit. */
static void make_old(struct task *t, unsigned long vpage)
{
	t->anon[vpage] &= ~PTE_YOUNG;
}

/* Written pages, dirty, unreferenced (write() does not mark pages accessed). */
static void dirty_pages(struct machine *m, int f, unsigned long off, unsigned long n)
{
	struct mm_error e;

	ck_assert_int_eq(file_write(m, f, off, n, &e), (long)n);
	lru_add_drain(m);
	step(m);
}

/* Written and synced: clean, unreferenced, inactive. (sync writes every dirty page.) */
static void clean_pages(struct machine *m, int f, unsigned long off, unsigned long n)
{
	unsigned long waited;

	dirty_pages(m, f, off, n);
	sync_all(m, &waited);
	lru_add_drain(m);
	step(m);
}

/* read(): each page marked accessed once more. */
static void read_pages(struct machine *m, int f, unsigned long off, unsigned long n)
{
	struct mm_error e;

	ck_assert_int_eq(file_read(m, f, off, n, &e), (long)n);
	lru_add_drain(m);
	step(m);
}

/* Task t maps offsets off..off + n - 1 of f (a new vma), drained onto the LRU. */
static void map_pages(struct machine *m, struct task *t, int f, unsigned long off,
		      unsigned long n, bool exec)
{
	struct mm_error e;

	ck_assert_int_eq(fault_file(m, t, f, off, n, exec, &e), (long)n);
	lru_add_drain(m);
	step(m);
}

/*
 * A page mlocked while reclaim had it (the race __pagevec_lru_add_fn()
 * describes): VM_LOCKED and PG_mlocked set, NR_MLOCK and
 * unevictable_pgs_mlocked counted, but the page left on its evictable list.
 */
static void mlock_by_hand(struct machine *m, struct task *t, struct page *page)
{
	t->mlocked = true;
	set_page_flag(page, PG_mlocked);
	mod_zone_page_state(page_zone(m, page), NR_MLOCK, 1);
	count_vm_events(m, UNEVICTABLE_PGMLOCKED, 1);
	page_changed(m, page_to_pfn(m, page));
}

/* The task uses all its memory: young ptes, swap-ins, refaults. */
static void touch(struct machine *m, struct task *t)
{
	struct mm_error e;

	ck_assert_int_ge(touch_task(m, t, &e), 0);
	lru_add_drain(m);
	step(m);
}

/* The pte through which task t maps file offset off in its v-th vma. */
static pte_t file_pte(const struct task *t, int v, unsigned long off)
{
	return t->vmas[v].pte[off - t->vmas[v].pgoff];
}

/* ---- lists ------------------------------------------------------------------------------ */

static unsigned long lru_len(struct machine *m, enum lru_list l)
{
	return list_pfns(m, LRUVEC(m)->lists[l], NULL, 0);
}

static unsigned long lru_head(struct machine *m, enum lru_list l)
{
	uint32_t h = LRUVEC(m)->lists[l];

	ck_assert(!list_empty(m->mem_map, h));
	return list_first(m->mem_map, h);
}

static unsigned long lru_tail(struct machine *m, enum lru_list l)
{
	uint32_t h = LRUVEC(m)->lists[l];

	ck_assert(!list_empty(m->mem_map, h));
	return list_last(m->mem_map, h);
}

/* ---- reclaim contexts ---------------------------------------------------------------------- */

/* try_to_free_pages()'s scan_control for a request of this gfp mask. */
static struct scan_control direct_sc(gfp_t gfp)
{
	struct scan_control sc = {
		.nr_to_reclaim = SWAP_CLUSTER_MAX,
		.gfp_mask = gfp,
		.reclaim_idx = gfp_zone(gfp),
		.priority = DEF_PRIORITY,
		.may_writepage = true,
		.may_unmap = true,
		.may_swap = true,
	};
	return sc;
}

/* balance_pgdat()'s scan_control (GFP_KERNEL, no boost). */
static struct scan_control kswapd_sc(void)
{
	struct scan_control sc = direct_sc(GFP_KERNEL);

	sc.reclaim_idx = ZONE_MOVABLE;
	return sc;
}

/* Run as kswapd0: comm, pid 97 and PF_MEMALLOC | PF_KSWAPD. */
static void kswapd_enter(struct machine *m)
{
	kthread_enter(m, &ksave, "kswapd", 0, KSWAPD_PID_BASE);
	m->current_flags = PF_MEMALLOC | PF_KSWAPD;
}

static void kswapd_leave(struct machine *m)
{
	kthread_leave(m, &ksave);
}

/* shrink_inactive_list() of n pages; st gets what shrink_page_list() saw. */
static unsigned long shrink(struct machine *m, enum lru_list l, unsigned long n,
			    struct scan_control *sc)
{
	unsigned long reclaimed;

	st = (struct reclaim_stat){ 0 };
	sc->stat = &st;
	reclaimed = shrink_inactive_list(m, n, 0, sc, l);
	step(m);
	return reclaimed;
}

static bool pgdat_flag(struct machine *m, enum pgdat_flags f)
{
	return NODE(m)->flags & (1UL << f);
}

/* ---- tracepoints ----------------------------------------------------------------------------- */

#define expect_line(id, nth, text) ck_assert_str_eq(nth_line(&rec, (id), (nth)), (text))

static const char *page_line(const char *event, unsigned long pfn, const char *rest)
{
	static char line[256];

	snprintf(line, sizeof(line), "%s: page=%016lx pfn=%lu %s", event,
		 (unsigned long)page_ptr_hash(pfn), pfn, rest);
	return line;
}

/* ======================================================================================= */
/* shrink_page_list(): one branch per test                                                  */
/* ======================================================================================= */

START_TEST(locked_page_is_kept_and_not_counted)
{
	struct machine *m = boot();
	int f = new_file(m, "data");
	unsigned long p0, p1, scan0, steal0;
	struct scan_control sc = direct_sc(GFP_HIGHUSER_MOVABLE);

	clean_pages(m, f, 0, 2);
	p0 = file_pfn(m, f, 0);
	p1 = file_pfn(m, f, 1);
	/* drained in order, each to the head: offset 0 is the tail (oldest) */
	ck_assert_uint_eq(lru_tail(m, LRU_INACTIVE_FILE), p0);
	/* somebody holds the page lock of the tail page (a read, truncate...) */
	set_page_flag(PG(m, p0), PG_locked);
	handmade = true;
	scan0 = ev(m, PGSCAN_DIRECT);
	steal0 = ev(m, PGSTEAL_DIRECT);

	/*
	 * isolate_lru_pages() takes both (pgscan counts 2); shrink_page_list()
	 * fails trylock_page() on p0 and goes to keep before counting it, so
	 * sc->nr_scanned is 1. p1 is clean, unmapped, unreferenced: freed.
	 */
	ck_assert_uint_eq(shrink(m, LRU_INACTIVE_FILE, 2, &sc), 1);
	ck_assert_uint_eq(sc.nr_scanned, 1);
	ck_assert_uint_eq(ev(m, PGSCAN_DIRECT) - scan0, 2);
	ck_assert_uint_eq(ev(m, PGSTEAL_DIRECT) - steal0, 1);
	ck_assert_uint_eq(st.nr_activate[0] + st.nr_activate[1], 0);
	ck_assert_uint_eq(st.nr_ref_keep + st.nr_dirty + st.nr_writeback, 0);
	/* p0: back at the head of the inactive list, untouched, still locked */
	ck_assert_uint_eq(lru_len(m, LRU_INACTIVE_FILE), 1);
	ck_assert_uint_eq(lru_head(m, LRU_INACTIVE_FILE), p0);
	ck_assert(PageLRU(PG(m, p0)) && !PageActive(PG(m, p0)) && PageLocked(PG(m, p0)));
	ck_assert(!cached(m, f, 1));
	ck_assert_int_eq(page_ref_count(PG(m, p1)), 0);
	clear_page_flag(PG(m, p0), PG_locked);
	handmade = false;
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

START_TEST(unevictable_page_is_not_activated)
{
	struct machine *m = boot();
	struct task *t = new_task(m, "locker");
	struct scan_control sc = direct_sc(GFP_HIGHUSER_MOVABLE);
	unsigned long pfn, culled0, act0;

	anon(m, t, 1);
	pfn = anon_pfn(t, 0);
	/*
	 * mlock() marked the vma VM_LOCKED and the page PG_mlocked, but
	 * reclaim raced with it (__pagevec_lru_add_fn's comment): the page is
	 * still on the inactive list. mlock_vma_page() would have isolated it,
	 * so the race is built by hand: PG_mlocked, NR_MLOCK and
	 * unevictable_pgs_mlocked as TestSetPageMlocked left them.
	 */
	mlock_by_hand(m, t, PG(m, pfn));
	ck_assert_uint_eq(lru_tail(m, LRU_INACTIVE_ANON), pfn);
	culled0 = ev(m, UNEVICTABLE_PGCULLED);
	act0 = ev(m, PGACTIVATE);

	/* counted (the lock was taken), then !page_evictable -> activate_locked, which skips mlocked pages */
	ck_assert_uint_eq(shrink(m, LRU_INACTIVE_ANON, 1, &sc), 0);
	ck_assert_uint_eq(sc.nr_scanned, 1);
	ck_assert_uint_eq(st.nr_activate[0], 0);
	ck_assert(!PageActive(PG(m, pfn)));
	ck_assert_uint_eq(ev(m, PGACTIVATE), act0);
	/* no swap slot was taken: the page never got that far */
	ck_assert_uint_eq(m->swap.inuse, 0);
	/* move_pages_to_lru() -> putback_lru_page() -> lru_add pagevec -> culled */
	lru_add_drain(m);
	step(m);
	ck_assert(PageUnevictable(PG(m, pfn)));
	ck_assert_uint_eq(lru_head(m, LRU_UNEVICTABLE), pfn);
	ck_assert_uint_eq(lru_len(m, LRU_INACTIVE_ANON), 0);
	ck_assert_uint_eq(ev(m, UNEVICTABLE_PGCULLED) - culled0, 1);
	ck_assert(pte_present(t->anon[0]));
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

START_TEST(mapped_page_is_kept_without_may_unmap)
{
	struct machine *m = boot();
	struct task *t = new_task(m, "a");
	struct scan_control sc = direct_sc(GFP_HIGHUSER_MOVABLE);
	uint32_t list = m->local_lists[LL_PAGE_LIST];
	unsigned long pfn;

	anon(m, t, 1);
	pfn = anon_pfn(t, 0);
	make_old(t, 0);
	/*
	 * isolate_lru_pages() in ISOLATE_UNMAPPED mode would not take a
	 * mapped page; one that got mapped after isolation reaches this test
	 * in shrink_page_list(): it is kept before references are looked at.
	 */
	ck_assert_int_eq(isolate_lru_page(m, PG(m, pfn)), 0);
	list_add(m->mem_map, (uint32_t)pfn, list);
	sc.may_unmap = false;
	st = (struct reclaim_stat){ 0 };
	ck_assert_uint_eq(shrink_page_list(m, list, NODE(m), &sc, &st, false), 0);
	ck_assert_uint_eq(sc.nr_scanned, 1);
	ck_assert_uint_eq(list_first(m->mem_map, list), pfn);
	ck_assert(!PageActive(PG(m, pfn)) && !PageLocked(PG(m, pfn)));
	ck_assert(!PageSwapCache(PG(m, pfn)));
	ck_assert_uint_eq(m->swap.inuse, 0);
	ck_assert(pte_present(t->anon[0]));
	ck_assert_uint_eq(st.nr_ref_keep + st.nr_unmap_fail + st.nr_activate[0], 0);
	list_del(m->mem_map, (uint32_t)pfn);
	putback_lru_page(m, PG(m, pfn));
	lru_add_drain(m);
	step(m);
	ck_assert_uint_eq(lru_head(m, LRU_INACTIVE_ANON), pfn);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

START_TEST(writeback_page_is_marked_for_immediate_reclaim)
{
	struct machine *m = boot();
	int f = new_file(m, "log");
	struct scan_control sc = direct_sc(GFP_HIGHUSER_MOVABLE);
	unsigned long pfn, act0, rot0;

	dirty_pages(m, f, 0, 1);
	pfn = file_pfn(m, f, 0);
	ck_assert_uint_eq(writeback_dirty(m, 1), 1);
	step(m);
	ck_assert(PageWriteback(PG(m, pfn)) && !PageDirty(PG(m, pfn)));
	ck_assert(!PageReclaim(PG(m, pfn)));
	act0 = ev(m, PGACTIVATE);

	/*
	 * Case 2 (global reclaim never waits): SetPageReclaim, nr_writeback,
	 * activate. A file page under writeback counts in nr_dirty; it is not
	 * "congested" because PG_reclaim was not set when it was looked at.
	 */
	ck_assert_uint_eq(shrink(m, LRU_INACTIVE_FILE, 1, &sc), 0);
	ck_assert_uint_eq(st.nr_writeback, 1);
	ck_assert_uint_eq(st.nr_dirty, 1);
	ck_assert_uint_eq(st.nr_unqueued_dirty, 0);
	ck_assert_uint_eq(st.nr_congested, 0);
	ck_assert_uint_eq(st.nr_immediate, 0);
	ck_assert_uint_eq(st.nr_activate[1], 1);
	ck_assert_uint_eq(ev(m, PGACTIVATE) - act0, 1);
	ck_assert(PageReclaim(PG(m, pfn)) && PageActive(PG(m, pfn)));
	ck_assert_uint_eq(lru_head(m, LRU_ACTIVE_FILE), pfn);
	ck_assert_uint_eq(sc.nr.writeback, 1);
	ck_assert_uint_eq(sc.nr.taken, 1);
	ck_assert_uint_eq(sc.nr.file_taken, 1);
	assert_consistent(m);

	/*
	 * The write completes: end_page_writeback() sees PG_reclaim, clears it
	 * and rotate_reclaimable_page() queues the page; the drain moves it to
	 * the inactive tail with PG_active cleared (pgrotated).
	 */
	rot0 = ev(m, PGROTATED);
	tick(m, DISK_DEFAULT_LATENCY);
	lru_add_drain(m);
	step(m);
	ck_assert(!PageWriteback(PG(m, pfn)) && !PageReclaim(PG(m, pfn)));
	ck_assert(!PageActive(PG(m, pfn)));
	ck_assert_uint_eq(lru_tail(m, LRU_INACTIVE_FILE), pfn);
	ck_assert_uint_eq(ev(m, PGROTATED) - rot0, 1);
	/* so the next scan frees it first */
	ck_assert_uint_eq(shrink(m, LRU_INACTIVE_FILE, 1, &sc), 1);
	ck_assert(!cached(m, f, 0));
	ck_assert_uint_eq(m->files[f].disk_version[0], m->files[f].version[0]);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

START_TEST(global_reclaim_never_waits_on_writeback)
{
	struct machine *m = boot();
	int f = new_file(m, "log");
	struct scan_control sc = direct_sc(GFP_HIGHUSER_MOVABLE);
	unsigned long p0, p1, j0;

	dirty_pages(m, f, 0, 2);
	p0 = file_pfn(m, f, 0);
	p1 = file_pfn(m, f, 1);
	ck_assert_uint_eq(writeback_dirty(m, 2), 2);
	step(m);
	/* an earlier pass already marked both for immediate reclaim */
	set_page_flag(PG(m, p0), PG_reclaim);
	set_page_flag(PG(m, p1), PG_reclaim);
	j0 = m->jiffies;

	/*
	 * Case 3 (unlock, wait_on_page_writeback, retry) needs
	 * !writeback_throttling_sane(sc), i.e. legacy memcg reclaim. A direct
	 * reclaimer with __GFP_FS and a PG_reclaim page takes case 2: no
	 * waiting (no time passes, the page is still under writeback).
	 */
	ck_assert_uint_eq(shrink(m, LRU_INACTIVE_FILE, 1, &sc), 0);
	ck_assert_uint_eq(m->jiffies, j0);
	ck_assert(PageWriteback(PG(m, p0)));
	ck_assert_uint_eq(st.nr_writeback, 1);
	ck_assert_uint_eq(st.nr_immediate, 0);
	/* writeback && PageReclaim: it cycled round the LRU faster than the disk wrote it */
	ck_assert_uint_eq(st.nr_congested, 1);
	ck_assert(PageActive(PG(m, p0)));

	/* kswapd too takes case 2 while the node is not flagged PGDAT_WRITEBACK */
	kswapd_enter(m);
	ck_assert(!pgdat_flag(m, PGDAT_WRITEBACK));
	sc = kswapd_sc();
	ck_assert_uint_eq(shrink(m, LRU_INACTIVE_FILE, 1, &sc), 0);
	kswapd_leave(m);
	ck_assert_uint_eq(st.nr_writeback, 1);
	ck_assert_uint_eq(st.nr_immediate, 0);
	ck_assert_uint_eq(st.nr_congested, 1);
	ck_assert(PageActive(PG(m, p1)) && PageWriteback(PG(m, p1)));
	ck_assert_uint_eq(m->jiffies, j0);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

START_TEST(kswapd_counts_immediate_on_a_writeback_node)
{
	struct machine *m = boot();
	int f = new_file(m, "log");
	struct scan_control sc = kswapd_sc();
	unsigned long pfn;

	dirty_pages(m, f, 0, 1);
	pfn = file_pfn(m, f, 0);
	ck_assert_uint_eq(writeback_dirty(m, 1), 1);
	step(m);
	/* kswapd's first meeting: case 2 marks it PG_reclaim and activates it */
	kswapd_enter(m);
	ck_assert_uint_eq(shrink(m, LRU_INACTIVE_FILE, 1, &sc), 0);
	ck_assert_uint_eq(st.nr_writeback, 1);
	ck_assert(PageReclaim(PG(m, pfn)) && PageActive(PG(m, pfn)));
	/* aging moves it back to the inactive list (unmapped: not referenced) */
	shrink_active_list(m, 1, 0, &sc, LRU_ACTIVE_FILE);
	step(m);
	ck_assert_uint_eq(lru_head(m, LRU_INACTIVE_FILE), pfn);
	/* shrink_node() flagged the node: every page kswapd took was under writeback */
	NODE(m)->flags |= 1UL << PGDAT_WRITEBACK;

	/* case 1: kswapd, PG_reclaim and PGDAT_WRITEBACK: nr_immediate, activate */
	ck_assert_uint_eq(shrink(m, LRU_INACTIVE_FILE, 1, &sc), 0);
	kswapd_leave(m);
	ck_assert_uint_eq(st.nr_immediate, 1);
	ck_assert_uint_eq(st.nr_writeback, 0);
	ck_assert_uint_eq(st.nr_congested, 1);
	ck_assert_uint_eq(st.nr_dirty, 1);
	ck_assert_uint_eq(st.nr_activate[1], 1);
	ck_assert(PageActive(PG(m, pfn)) && PageWriteback(PG(m, pfn)));
	ck_assert_uint_eq(lru_head(m, LRU_ACTIVE_FILE), pfn);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

START_TEST(two_young_mappings_activate)
{
	struct machine *m = boot();
	int f = new_file(m, "lib");
	struct task *a = new_task(m, "a"), *b = new_task(m, "b");
	struct scan_control sc = direct_sc(GFP_HIGHUSER_MOVABLE);
	unsigned long pfn, act0;

	clean_pages(m, f, 0, 1);
	pfn = file_pfn(m, f, 0);
	map_pages(m, a, f, 0, 1, false);
	map_pages(m, b, f, 0, 1, false);
	ck_assert_int_eq(page_mapcount(PG(m, pfn)), 2);
	ck_assert(!PageReferenced(PG(m, pfn)));
	act0 = ev(m, PGACTIVATE);

	/* page_referenced() counts two referencing vmas: PAGEREF_ACTIVATE */
	ck_assert_uint_eq(shrink(m, LRU_INACTIVE_FILE, 1, &sc), 0);
	ck_assert_uint_eq(st.nr_activate[1], 1);
	ck_assert_uint_eq(st.nr_ref_keep, 0);
	ck_assert_uint_eq(ev(m, PGACTIVATE) - act0, 1);
	ck_assert(PageActive(PG(m, pfn)));
	/* SetPageReferenced() happens for activated pages too */
	ck_assert(PageReferenced(PG(m, pfn)));
	ck_assert_uint_eq(lru_head(m, LRU_ACTIVE_FILE), pfn);
	/* both young bits were cleared by the walk */
	ck_assert(!(file_pte(a, 0, 0) & PTE_YOUNG));
	ck_assert(!(file_pte(b, 0, 0) & PTE_YOUNG));
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

START_TEST(one_young_pte_gets_one_more_round)
{
	struct machine *m = boot();
	struct task *t = new_task(m, "a");
	struct scan_control sc = direct_sc(GFP_HIGHUSER_MOVABLE);
	unsigned long pfn;

	anon(m, t, 1);
	pfn = anon_pfn(t, 0);
	ck_assert(t->anon[0] & PTE_YOUNG);
	ck_assert(!PageReferenced(PG(m, pfn)));

	/* one young pte, no PG_referenced: PAGEREF_KEEP, and PG_referenced is set */
	ck_assert_uint_eq(shrink(m, LRU_INACTIVE_ANON, 1, &sc), 0);
	ck_assert_uint_eq(st.nr_ref_keep, 1);
	ck_assert_uint_eq(st.nr_activate[0], 0);
	ck_assert(PageReferenced(PG(m, pfn)));
	ck_assert(!PageActive(PG(m, pfn)));
	ck_assert_uint_eq(lru_head(m, LRU_INACTIVE_ANON), pfn);
	ck_assert(!(t->anon[0] & PTE_YOUNG));
	/* KEEP comes before add_to_swap(): no slot */
	ck_assert(!PageSwapCache(PG(m, pfn)));
	ck_assert_uint_eq(m->swap.inuse, 0);
	assert_consistent(m);

	/* used again: one young pte plus PG_referenced -> PAGEREF_ACTIVATE */
	touch(m, t);
	ck_assert_uint_eq(shrink(m, LRU_INACTIVE_ANON, 1, &sc), 0);
	ck_assert_uint_eq(st.nr_ref_keep, 0);
	ck_assert_uint_eq(st.nr_activate[0], 1);
	ck_assert(PageActive(PG(m, pfn)) && PageReferenced(PG(m, pfn)));
	ck_assert_uint_eq(lru_head(m, LRU_ACTIVE_ANON), pfn);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

START_TEST(executable_file_page_is_activated_on_first_use)
{
	struct machine *m = boot();
	int f = new_file(m, "bin");
	struct task *t = new_task(m, "sh");
	struct scan_control sc = direct_sc(GFP_HIGHUSER_MOVABLE);
	unsigned long text, data;

	clean_pages(m, f, 0, 2);
	text = file_pfn(m, f, 0);
	data = file_pfn(m, f, 1);
	map_pages(m, t, f, 0, 1, true);    /* text: a VM_EXEC mapping */
	map_pages(m, t, f, 1, 1, false);   /* data: a plain mapping */

	/*
	 * Tail first: the text page, young once in a VM_EXEC vma and not
	 * swap-backed, is activated; the data page, young once, is KEEP.
	 */
	ck_assert_uint_eq(shrink(m, LRU_INACTIVE_FILE, 2, &sc), 0);
	ck_assert_uint_eq(st.nr_activate[1], 1);
	ck_assert_uint_eq(st.nr_ref_keep, 1);
	ck_assert(PageActive(PG(m, text)));
	ck_assert(!PageActive(PG(m, data)) && PageReferenced(PG(m, data)));
	ck_assert_uint_eq(lru_head(m, LRU_ACTIVE_FILE), text);
	ck_assert_uint_eq(lru_head(m, LRU_INACTIVE_FILE), data);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

START_TEST(referenced_clean_file_page_is_reclaimed)
{
	struct machine *m = boot();
	int f = new_file(m, "once");
	struct scan_control sc = direct_sc(GFP_HIGHUSER_MOVABLE);
	unsigned long pfn;

	/* one read: inactive with PG_referenced, not mapped */
	read_pages(m, f, 0, 1);
	pfn = file_pfn(m, f, 0);
	ck_assert(PageReferenced(PG(m, pfn)) && !PageActive(PG(m, pfn)));

	/* PAGEREF_RECLAIM_CLEAN: no pte references; clean, so it is freed */
	ck_assert_uint_eq(shrink(m, LRU_INACTIVE_FILE, 1, &sc), 1);
	ck_assert_uint_eq(st.nr_activate[1] + st.nr_ref_keep, 0);
	ck_assert(!cached(m, f, 0));
	ck_assert(m->files[f].slot[0] & SLOT_SHADOW);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

START_TEST(referenced_dirty_file_page_is_kept_by_kswapd)
{
	struct machine *m = boot();
	int f = new_file(m, "notes");
	struct task *t = new_task(m, "filler");
	struct scan_control sc = kswapd_sc();
	unsigned long pfn, imm0, write0;

	dirty_pages(m, f, 0, 1);
	read_pages(m, f, 0, 1);            /* dirty and PG_referenced */
	anon(m, t, 16);                    /* more LRU pages: lru_note_cost() keeps its cost */
	pfn = file_pfn(m, f, 0);
	ck_assert(PageDirty(PG(m, pfn)) && PageReferenced(PG(m, pfn)));
	/* kswapd met it before and the node is full of unqueued dirty pages */
	set_page_flag(PG(m, pfn), PG_reclaim);
	NODE(m)->flags |= 1UL << PGDAT_DIRTY;
	imm0 = (unsigned long)node_stat(m, NR_VMSCAN_IMMEDIATE);
	write0 = (unsigned long)node_stat(m, NR_VMSCAN_WRITE);

	/*
	 * PAGEREF_RECLAIM_CLEAN (unmapped, PG_referenced, file); dirty; not
	 * deferred (kswapd, PG_reclaim, PGDAT_DIRTY); but RECLAIM_CLEAN means
	 * "only if clean": keep_locked. PG_referenced was test-and-cleared.
	 */
	kswapd_enter(m);
	ck_assert_uint_eq(shrink(m, LRU_INACTIVE_FILE, 1, &sc), 0);
	ck_assert_uint_eq(st.nr_pageout, 0);
	ck_assert_uint_eq(st.nr_dirty, 1);
	ck_assert_uint_eq(st.nr_unqueued_dirty, 1);
	ck_assert_uint_eq(st.nr_activate[1], 0);
	ck_assert((unsigned long)node_stat(m, NR_VMSCAN_IMMEDIATE) == imm0);
	ck_assert((unsigned long)node_stat(m, NR_VMSCAN_WRITE) == write0);
	ck_assert(PageDirty(PG(m, pfn)) && !PageWriteback(PG(m, pfn)));
	ck_assert(!PageReferenced(PG(m, pfn)) && !PageActive(PG(m, pfn)));
	ck_assert_uint_eq(lru_head(m, LRU_INACTIVE_FILE), pfn);

	/* the next pass sees no reference at all: PAGEREF_RECLAIM, and kswapd writes it */
	ck_assert_uint_eq(shrink(m, LRU_INACTIVE_FILE, 1, &sc), 0);
	kswapd_leave(m);
	ck_assert_uint_eq(st.nr_pageout, 1);
	ck_assert(PageWriteback(PG(m, pfn)) && !PageDirty(PG(m, pfn)));
	ck_assert((unsigned long)node_stat(m, NR_VMSCAN_WRITE) == write0 + 1);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

START_TEST(kswapd_writes_a_dirty_file_page_it_met_before)
{
	struct machine *m = boot();
	int f = new_file(m, "db");
	struct task *t = new_task(m, "filler");
	struct scan_control sc = kswapd_sc();
	unsigned long pfn, write0, imm0, pgpgout0, pswpout0;

	dirty_pages(m, f, 0, 1);
	anon(m, t, 16);
	pfn = file_pfn(m, f, 0);
	set_page_flag(PG(m, pfn), PG_reclaim);
	NODE(m)->flags |= 1UL << PGDAT_DIRTY;
	write0 = (unsigned long)node_stat(m, NR_VMSCAN_WRITE);
	imm0 = (unsigned long)node_stat(m, NR_VMSCAN_IMMEDIATE);
	pgpgout0 = ev(m, PGPGOUT);
	pswpout0 = ev(m, PSWPOUT);
	record_only(m, &rec, EV(TRACE_MM_VMSCAN_WRITEPAGE));

	kswapd_enter(m);
	ck_assert_uint_eq(shrink(m, LRU_INACTIVE_FILE, 1, &sc), 0);
	kswapd_leave(m);
	stop_recording(m);
	/* pageout(): clear_page_dirty_for_io, SetPageReclaim, ->writepage (async) */
	ck_assert_uint_eq(st.nr_pageout, 1);
	ck_assert_uint_eq(st.nr_dirty, 1);
	ck_assert_uint_eq(st.nr_unqueued_dirty, 1);
	ck_assert(PageWriteback(PG(m, pfn)) && !PageDirty(PG(m, pfn)) && PageReclaim(PG(m, pfn)));
	/* PAGE_SUCCESS with the page under writeback: goto keep (unlocked by writepage) */
	ck_assert(!PageLocked(PG(m, pfn)) && !PageActive(PG(m, pfn)));
	ck_assert_uint_eq(lru_head(m, LRU_INACTIVE_FILE), pfn);
	ck_assert((unsigned long)node_stat(m, NR_VMSCAN_WRITE) == write0 + 1);
	ck_assert((unsigned long)node_stat(m, NR_VMSCAN_IMMEDIATE) == imm0);
	ck_assert_uint_eq(ev(m, PGPGOUT) - pgpgout0, 8);   /* one 4 KiB page = 8 sectors */
	ck_assert_uint_eq(ev(m, PSWPOUT), pswpout0);
	ck_assert_uint_eq(rec.n, 1);
	ck_assert_int_eq(rec.ev[0].pid, KSWAPD_PID_BASE);   /* written by kswapd0 */
	expect_line(TRACE_MM_VMSCAN_WRITEPAGE, 0, page_line("mm_vmscan_writepage", pfn, "flags=" FILE_FLAGS));
	/* lru_note_cost(file, nr_pageout = 1): 1 <= 17 LRU pages / 4, no decay */
	ck_assert_uint_eq(LRUVEC(m)->file_cost, 1);
	ck_assert_uint_eq(LRUVEC(m)->anon_cost, 0);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

START_TEST(direct_reclaim_leaves_dirty_file_pages_to_the_flusher)
{
	struct machine *m = boot();
	int f = new_file(m, "out");
	struct scan_control sc = direct_sc(GFP_HIGHUSER_MOVABLE);
	unsigned long p0, p1, imm0, rot0;
	struct mm_error e;

	dirty_pages(m, f, 0, 2);
	p0 = file_pfn(m, f, 0);
	p1 = file_pfn(m, f, 1);
	imm0 = (unsigned long)node_stat(m, NR_VMSCAN_IMMEDIATE);
	ck_assert(!m->flusher_work);

	/* only kswapd writes file pages: NR_VMSCAN_IMMEDIATE, SetPageReclaim, activate */
	ck_assert_uint_eq(shrink(m, LRU_INACTIVE_FILE, 2, &sc), 0);
	ck_assert((unsigned long)node_stat(m, NR_VMSCAN_IMMEDIATE) == imm0 + 2);
	ck_assert_uint_eq(st.nr_dirty, 2);
	ck_assert_uint_eq(st.nr_unqueued_dirty, 2);
	ck_assert_uint_eq(st.nr_activate[1], 2);
	ck_assert_uint_eq(st.nr_pageout, 0);
	ck_assert(PageReclaim(PG(m, p0)) && PageActive(PG(m, p0)) && PageDirty(PG(m, p0)));
	ck_assert(PageReclaim(PG(m, p1)) && PageActive(PG(m, p1)) && PageDirty(PG(m, p1)));
	/* every page taken was unqueued dirty: wakeup_flusher_threads() */
	ck_assert(m->flusher_work);
	assert_consistent(m);

	/* the flusher runs at the next jiffy and starts writeback of both */
	tick(m, 1);
	step(m);
	ck_assert(PageWriteback(PG(m, p0)) && PageWriteback(PG(m, p1)));
	ck_assert_int_eq(node_stat(m, NR_WRITEBACK), 2);
	/* when the writes complete, PG_reclaim rotates them to the inactive tail */
	rot0 = ev(m, PGROTATED);
	tick(m, DISK_DEFAULT_LATENCY);
	lru_add_drain(m);
	step(m);
	ck_assert_uint_eq(ev(m, PGROTATED) - rot0, 2);
	ck_assert(!PageActive(PG(m, p0)) && !PageActive(PG(m, p1)));
	ck_assert_uint_eq(lru_len(m, LRU_ACTIVE_FILE), 0);
	ck_assert_uint_eq(lru_len(m, LRU_INACTIVE_FILE), 2);
	/* and the next scan frees both; the data is on disk */
	ck_assert_uint_eq(shrink(m, LRU_INACTIVE_FILE, 2, &sc), 2);
	ck_assert(!cached(m, f, 0) && !cached(m, f, 1));
	ck_assert_int_eq(file_read(m, f, 0, 2, &e), 2);
	lru_add_drain(m);
	step(m);
	ck_assert_uint_eq(page_content_get(m, file_pfn(m, f, 0)),
			  content_file(f, 0, m->files[f].version[0]));
	ck_assert_uint_eq(page_content_get(m, file_pfn(m, f, 1)),
			  content_file(f, 1, m->files[f].version[1]));
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

START_TEST(kswapd_defers_until_it_met_the_page_on_a_dirty_node)
{
	struct machine *m = boot();
	int f = new_file(m, "out");
	struct scan_control sc = kswapd_sc();
	unsigned long p0, p1, imm0;

	dirty_pages(m, f, 0, 2);
	p0 = file_pfn(m, f, 0);
	p1 = file_pfn(m, f, 1);
	imm0 = (unsigned long)node_stat(m, NR_VMSCAN_IMMEDIATE);
	kswapd_enter(m);
	/* PG_reclaim but no PGDAT_DIRTY: deferred */
	set_page_flag(PG(m, p0), PG_reclaim);
	ck_assert_uint_eq(shrink(m, LRU_INACTIVE_FILE, 1, &sc), 0);
	ck_assert_uint_eq(st.nr_pageout, 0);
	ck_assert(PageActive(PG(m, p0)) && PageDirty(PG(m, p0)));
	/* PGDAT_DIRTY but the page was never met (no PG_reclaim): deferred, now marked */
	NODE(m)->flags |= 1UL << PGDAT_DIRTY;
	ck_assert(!PageReclaim(PG(m, p1)));
	ck_assert_uint_eq(shrink(m, LRU_INACTIVE_FILE, 1, &sc), 0);
	kswapd_leave(m);
	ck_assert_uint_eq(st.nr_pageout, 0);
	ck_assert(PageActive(PG(m, p1)) && PageReclaim(PG(m, p1)) && PageDirty(PG(m, p1)));
	ck_assert((unsigned long)node_stat(m, NR_VMSCAN_IMMEDIATE) == imm0 + 2);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

START_TEST(anon_page_goes_to_swap_and_comes_back)
{
	struct machine *m = boot();
	struct task *t = new_task(m, "a");
	struct scan_control sc = direct_sc(GFP_HIGHUSER_MOVABLE);
	unsigned long pfn, pswpout0, rot0, mapped0, back;
	uint32_t want;

	anon(m, t, 8);
	pfn = anon_pfn(t, 0);
	want = t->anon_want[0];
	make_old(t, 0);
	mapped0 = (unsigned long)node_stat(m, NR_ANON_MAPPED);
	pswpout0 = ev(m, PSWPOUT);
	record_only(m, &rec, EV(TRACE_MM_VMSCAN_WRITEPAGE));

	/*
	 * PAGEREF_RECLAIM (old pte, no PG_referenced). add_to_swap(): slot 1
	 * (slot 0 is the swap header), swap cache, dirty. try_to_unmap(): the
	 * pte becomes the swap entry.
	 * Dirty anon page with __GFP_IO: pageout() by a direct reclaimer.
	 */
	ck_assert_uint_eq(shrink(m, LRU_INACTIVE_ANON, 1, &sc), 0);
	stop_recording(m);
	ck_assert(PageSwapCache(PG(m, pfn)));
	ck_assert_uint_eq(PG(m, pfn)->private, 2);          /* slot 1 + 1 */
	ck_assert_uint_eq(m->swap.inuse, 1);
	ck_assert_uint_eq(m->swap.map[1], SWAP_HAS_CACHE | 1);   /* the cache and one pte */
	ck_assert(t->anon[0] == (PTE_SWAP | 1));
	ck_assert_uint_eq(t->swapents, 1);
	ck_assert_uint_eq(t->rss_anon, 7);
	ck_assert(!page_mapped(PG(m, pfn)));
	ck_assert((unsigned long)node_stat(m, NR_ANON_MAPPED) == mapped0 - 1);
	ck_assert(PageWriteback(PG(m, pfn)) && !PageDirty(PG(m, pfn)) && PageReclaim(PG(m, pfn)));
	ck_assert_uint_eq(st.nr_pageout, 1);
	ck_assert_uint_eq(st.nr_dirty, 0);            /* anon pages report neither dirty nor writeback */
	ck_assert_uint_eq(ev(m, PSWPOUT) - pswpout0, 1);
	expect_line(TRACE_MM_VMSCAN_WRITEPAGE, 0, page_line("mm_vmscan_writepage", pfn, "flags=" ANON_FLAGS));
	ck_assert(!PageActive(PG(m, pfn)));
	ck_assert_uint_eq(lru_head(m, LRU_INACTIVE_ANON), pfn);
	/* lru_note_cost(anon, 1): 1 <= 8 / 4 */
	ck_assert_uint_eq(LRUVEC(m)->anon_cost, 1);
	assert_consistent(m);

	/* the swap write completes: data in slot 1, page rotated to the tail */
	rot0 = ev(m, PGROTATED);
	tick(m, DISK_DEFAULT_LATENCY);
	lru_add_drain(m);
	step(m);
	ck_assert_uint_eq(contents_get(&m->swap.data, 1), want);
	ck_assert_uint_eq(ev(m, PGROTATED) - rot0, 1);
	ck_assert_uint_eq(lru_tail(m, LRU_INACTIVE_ANON), pfn);

	/* clean, unmapped swap cache page: __remove_mapping() frees it, a shadow stays in the slot */
	ck_assert_uint_eq(shrink(m, LRU_INACTIVE_ANON, 1, &sc), 1);
	ck_assert(!PageSwapCache(PG(m, pfn)));
	ck_assert_int_eq(page_ref_count(PG(m, pfn)), 0);
	ck_assert(m->swap.cache[1] & SLOT_SHADOW);
	ck_assert_uint_eq(m->swap.map[1], 1);                /* only the pte's reference */
	ck_assert_uint_eq(lru_len(m, LRU_INACTIVE_ANON), 7);
	assert_consistent(m);

	/* the task uses it again: swapped in with the data it wrote */
	touch(m, t);
	back = anon_pfn(t, 0);
	ck_assert_uint_eq(page_content_get(m, back), want);
	ck_assert_uint_eq(t->swapents, 0);
	ck_assert_int_eq(node_stat(m, WORKINGSET_REFAULT_ANON), 1);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

START_TEST(anon_page_needs_gfp_io)
{
	struct machine *m = boot();
	struct task *t = new_task(m, "a");
	struct scan_control sc = direct_sc(GFP_NOIO);
	unsigned long p0, p1;

	anon(m, t, 2);
	p0 = anon_pfn(t, 0);
	p1 = anon_pfn(t, 1);
	make_old(t, 0);
	make_old(t, 1);
	/* GFP_NOIO: PAGEREF_RECLAIM, but no swap I/O allowed: keep_locked */
	ck_assert_uint_eq(shrink(m, LRU_INACTIVE_ANON, 1, &sc), 0);
	ck_assert_uint_eq(sc.nr_scanned, 1);
	ck_assert(!PageSwapCache(PG(m, p0)) && !PageActive(PG(m, p0)));
	ck_assert_uint_eq(m->swap.inuse, 0);
	ck_assert(pte_present(t->anon[0]));
	ck_assert_uint_eq(st.nr_activate[0] + st.nr_ref_keep + st.nr_pageout, 0);
	ck_assert_uint_eq(lru_head(m, LRU_INACTIVE_ANON), p0);
	/*
	 * GFP_NOFS has __GFP_IO: add_to_swap() makes may_enter_fs true (swap
	 * needs no filesystem), so the page is unmapped and written.
	 */
	sc = direct_sc(GFP_NOFS);
	ck_assert_uint_eq(lru_tail(m, LRU_INACTIVE_ANON), p1);
	ck_assert_uint_eq(shrink(m, LRU_INACTIVE_ANON, 1, &sc), 0);
	ck_assert(PageSwapCache(PG(m, p1)) && PageWriteback(PG(m, p1)));
	ck_assert_uint_eq(st.nr_pageout, 1);
	ck_assert(pte_swapped(t->anon[1]));
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

START_TEST(full_swap_activates_the_anon_page)
{
	/* 3 slots: the header and two pages */
	struct machine *m = boot_swap(NPAGES, 3, 1);
	struct task *t = new_task(m, "a");
	struct scan_control sc = direct_sc(GFP_HIGHUSER_MOVABLE);
	unsigned long p2, i;

	anon(m, t, 4);
	for (i = 0; i < 4; i++)
		make_old(t, i);
	/* vpages 0 and 1 take both slots */
	ck_assert_uint_eq(shrink(m, LRU_INACTIVE_ANON, 2, &sc), 0);
	ck_assert_uint_eq(st.nr_pageout, 2);
	ck_assert_uint_eq(m->swap.inuse, 2);
	ck_assert_uint_eq(get_nr_swap_pages(m), 0);
	ck_assert(pte_val(t->anon[0]) == 1 && pte_val(t->anon[1]) == 2);
	/* vpage 2: add_to_swap() fails -> activate_locked (still mapped) */
	p2 = anon_pfn(t, 2);
	ck_assert_uint_eq(lru_tail(m, LRU_INACTIVE_ANON), p2);
	ck_assert_uint_eq(shrink(m, LRU_INACTIVE_ANON, 1, &sc), 0);
	ck_assert_uint_eq(st.nr_activate[0], 1);
	ck_assert_uint_eq(st.nr_unmap_fail + st.nr_pageout, 0);
	ck_assert(PageActive(PG(m, p2)) && !PageSwapCache(PG(m, p2)));
	ck_assert(pte_present(t->anon[2]));
	ck_assert_uint_eq(lru_head(m, LRU_ACTIVE_ANON), p2);
	tick(m, DISK_DEFAULT_LATENCY);
	lru_add_drain(m);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

START_TEST(vm_locked_mapping_mlocks_the_page)
{
	struct machine *m = boot();
	struct task *t = new_task(m, "db");
	struct scan_control sc = direct_sc(GFP_HIGHUSER_MOVABLE);
	unsigned long pfn, culled0, mlocked0;

	anon(m, t, 1);
	pfn = anon_pfn(t, 0);
	/* mlock() set VM_LOCKED; the page itself was not reached yet */
	t->mlocked = true;
	culled0 = ev(m, UNEVICTABLE_PGCULLED);
	mlocked0 = ev(m, UNEVICTABLE_PGMLOCKED);

	/*
	 * page_check_references(): the VM_LOCKED vma stops the walk before
	 * its young bit is tested: PAGEREF_RECLAIM. add_to_swap() takes a
	 * slot; try_to_unmap() finds VM_LOCKED, mlocks the page (whose
	 * isolation fails: reclaim holds it) and fails (nr_unmap_fail).
	 * activate_locked: PageSwapCache && PageMlocked ->
	 * try_to_free_swap() gives the slot back; mlocked: not activated.
	 */
	ck_assert_uint_eq(shrink(m, LRU_INACTIVE_ANON, 1, &sc), 0);
	ck_assert_uint_eq(st.nr_unmap_fail, 1);
	ck_assert_uint_eq(st.nr_activate[0], 0);
	ck_assert(PageMlocked(PG(m, pfn)) && !PageActive(PG(m, pfn)));
	ck_assert(!PageSwapCache(PG(m, pfn)));
	ck_assert_uint_eq(m->swap.inuse, 0);
	ck_assert(t->anon[0] & PTE_YOUNG);
	ck_assert(pte_present(t->anon[0]));
	ck_assert_uint_eq(ev(m, UNEVICTABLE_PGMLOCKED) - mlocked0, 1);
	ck_assert_int_eq(normal_stat(m, NR_MLOCK), 1);
	/* putback_lru_page() culls it to the unevictable list */
	lru_add_drain(m);
	step(m);
	ck_assert(PageUnevictable(PG(m, pfn)));
	ck_assert_uint_eq(lru_head(m, LRU_UNEVICTABLE), pfn);
	ck_assert_uint_eq(ev(m, UNEVICTABLE_PGCULLED) - culled0, 1);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

START_TEST(clean_page_leaves_a_shadow_and_reaches_the_pcp)
{
	/*
	 * 64 MiB: pcp batch 16384 / 1024 / 4 = 4 -> rounddown_pow_of_two(6) - 1
	 * = 3, high 18. (The 16 MiB zone's batch is 0: high 0, so every free
	 * would be flushed from the pcp list to the buddy lists at once.)
	 */
	struct machine *m = boot_swap(16384, NSLOTS, 1);
	int f = new_file(m, "cache");
	struct scan_control sc = direct_sc(GFP_HIGHUSER_MOVABLE);
	struct zone *z = ZONE(m, 0, ZONE_NORMAL);
	unsigned long pfn, age0, steal0, stealf0, free0, pcp[4];
	long files0;
	int count0;

	expect_pcp(m, ZONE_NORMAL, 18, 3);
	clean_pages(m, f, 0, 1);
	pfn = file_pfn(m, f, 0);
	age0 = LRUVEC(m)->nonresident_age;
	steal0 = ev(m, PGSTEAL_DIRECT);
	stealf0 = ev(m, PGSTEAL_FILE);
	free0 = ev(m, PGFREE);
	files0 = node_stat(m, NR_FILE_PAGES);
	count0 = z->pageset[0].pcp.count;
	ck_assert_int_lt(count0 + 1, 18);   /* the free will not reach pcp->high */
	record_only(m, &rec, EV(TRACE_MM_PAGE_FREE) | EV(TRACE_MM_PAGE_FREE_BATCHED));

	ck_assert_uint_eq(shrink(m, LRU_INACTIVE_FILE, 1, &sc), 1);
	stop_recording(m);
	/* __remove_mapping(): refcount 2 frozen, workingset_eviction() ages the clock */
	ck_assert_uint_eq(LRUVEC(m)->nonresident_age, age0 + 1);
	ck_assert(!(m->files[f].slot[0] & SLOT_PRESENT));
	ck_assert(m->files[f].slot[0] & SLOT_SHADOW);
	ck_assert_uint_eq(m->files[f].nrpages, 0);
	ck_assert_int_eq(node_stat(m, NR_FILE_PAGES), files0 - 1);
	ck_assert_uint_eq(ev(m, PGSTEAL_DIRECT) - steal0, 1);
	ck_assert_uint_eq(ev(m, PGSTEAL_FILE) - stealf0, 1);
	/* free_unref_page_list(): prepared (mm_page_free), committed to the pcp head */
	ck_assert_int_eq(page_ref_count(PG(m, pfn)), 0);
	ck_assert(!PageLRU(PG(m, pfn)));
	ck_assert_int_eq(z->pageset[0].pcp.count, count0 + 1);
	ck_assert_uint_ge(pcp_list(m, z, 0, MIGRATE_MOVABLE, pcp, 4), 1);
	ck_assert_uint_eq(pcp[0], pfn);
	ck_assert_uint_eq(ev(m, PGFREE) - free0, 1);
	ck_assert_uint_eq(count_events(&rec, TRACE_MM_PAGE_FREE), 1);
	ck_assert_uint_eq(count_events(&rec, TRACE_MM_PAGE_FREE_BATCHED), 1);
	expect_line(TRACE_MM_PAGE_FREE_BATCHED, 0, page_line("mm_page_free_batched", pfn, "order=0"));
	ck_assert(rec.ev[0].id == TRACE_MM_PAGE_FREE && rec.ev[1].id == TRACE_MM_PAGE_FREE_BATCHED);
	assert_consistent(m);

	/*
	 * Read again at once: refault distance 0 (no eviction or activation
	 * since) fits any workingset: it starts on the active list.
	 */
	read_pages(m, f, 0, 1);
	ck_assert_int_eq(node_stat(m, WORKINGSET_REFAULT_FILE), 1);
	ck_assert_int_eq(node_stat(m, WORKINGSET_ACTIVATE_FILE), 1);
	ck_assert(PageActive(PG(m, file_pfn(m, f, 0))));
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

START_TEST(extra_reference_stops_remove_mapping)
{
	struct machine *m = boot_swap(NPAGES, NSLOTS, 2);
	int f = new_file(m, "shared");
	struct scan_control sc = direct_sc(GFP_HIGHUSER_MOVABLE);
	struct mm_error e;
	unsigned long pfn, other, act0;

	/*
	 * CPU 1 reads the page twice: the second mark_page_accessed() queues
	 * it in CPU 1's activate_page pagevec (a reference of its own) and
	 * clears PG_referenced. It is still on the inactive list.
	 */
	ck_assert_int_eq(machine_set_cpu(m, 1, &e), 0);
	read_pages(m, f, 0, 1);
	lru_add_drain_all(m);
	ck_assert_int_eq(file_read(m, f, 0, 1, &e), 1);
	step(m);
	pfn = file_pfn(m, f, 0);
	ck_assert_int_eq(page_ref_count(PG(m, pfn)), 2);
	ck_assert(PageLRU(PG(m, pfn)) && !PageActive(PG(m, pfn)) && !PageReferenced(PG(m, pfn)));
	ck_assert_int_eq(machine_set_cpu(m, 0, &e), 0);

	/*
	 * Reclaim on CPU 0 drains only CPU 0's pagevecs. PAGEREF_RECLAIM, clean,
	 * but page_ref_freeze(page, 2) fails against cache + pagevec +
	 * isolation = 3: keep_locked, not activated.
	 */
	ck_assert_uint_eq(shrink(m, LRU_INACTIVE_FILE, 1, &sc), 0);
	ck_assert_uint_eq(st.nr_activate[1], 0);
	ck_assert(cached(m, f, 0));
	ck_assert(!PageActive(PG(m, pfn)));
	ck_assert_uint_eq(lru_head(m, LRU_INACTIVE_FILE), pfn);
	/* CPU 1's pagevec drains: __activate_page() */
	act0 = ev(m, PGACTIVATE);
	lru_add_drain_all(m);
	ck_assert(PageActive(PG(m, pfn)));
	ck_assert_uint_eq(ev(m, PGACTIVATE) - act0, 1);
	assert_consistent(m);

	/* an extra reference of any kind (a get_user_pages() pin) does the same */
	clean_pages(m, f, 1, 1);
	other = file_pfn(m, f, 1);
	get_page(PG(m, other));
	handmade = true;
	ck_assert_uint_eq(shrink(m, LRU_INACTIVE_FILE, 1, &sc), 0);
	ck_assert(cached(m, f, 1));
	ck_assert_uint_eq(lru_head(m, LRU_INACTIVE_FILE), other);
	put_page(m, PG(m, other));
	handmade = false;
	assert_consistent(m);
	ck_assert_uint_eq(shrink(m, LRU_INACTIVE_FILE, 1, &sc), 1);
	ck_assert(!cached(m, f, 1));
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

START_TEST(no_writepage_keeps_dirty_pages)
{
	struct machine *m = boot();
	struct task *t = new_task(m, "a");
	int f = new_file(m, "db");
	struct scan_control sc = direct_sc(GFP_HIGHUSER_MOVABLE);
	unsigned long pfn, fpfn, imm0;

	anon(m, t, 1);
	pfn = anon_pfn(t, 0);
	make_old(t, 0);
	/* laptop mode: !may_writepage. The slot is taken and the pte unmapped first. */
	sc.may_writepage = false;
	ck_assert_uint_eq(shrink(m, LRU_INACTIVE_ANON, 1, &sc), 0);
	ck_assert(PageSwapCache(PG(m, pfn)) && PageDirty(PG(m, pfn)));
	ck_assert(!PageWriteback(PG(m, pfn)) && !PageActive(PG(m, pfn)));
	ck_assert(pte_swapped(t->anon[0]));
	ck_assert_uint_eq(st.nr_pageout, 0);
	ck_assert_uint_eq(lru_head(m, LRU_INACTIVE_ANON), pfn);
	assert_consistent(m);
	/* allowed to write now: the swap cache page is written without a new slot */
	sc.may_writepage = true;
	ck_assert_uint_eq(shrink(m, LRU_INACTIVE_ANON, 1, &sc), 0);
	ck_assert_uint_eq(st.nr_pageout, 1);
	ck_assert(PageWriteback(PG(m, pfn)));
	ck_assert_uint_eq(m->swap.inuse, 1);

	/* kswapd, with the file page met before on a dirty node, but !may_writepage: kept */
	dirty_pages(m, f, 0, 1);
	fpfn = file_pfn(m, f, 0);
	set_page_flag(PG(m, fpfn), PG_reclaim);
	NODE(m)->flags |= 1UL << PGDAT_DIRTY;
	imm0 = (unsigned long)node_stat(m, NR_VMSCAN_IMMEDIATE);
	sc = kswapd_sc();
	sc.may_writepage = false;
	kswapd_enter(m);
	ck_assert_uint_eq(shrink(m, LRU_INACTIVE_FILE, 1, &sc), 0);
	kswapd_leave(m);
	ck_assert(PageDirty(PG(m, fpfn)) && !PageWriteback(PG(m, fpfn)) && !PageActive(PG(m, fpfn)));
	ck_assert((unsigned long)node_stat(m, NR_VMSCAN_IMMEDIATE) == imm0);
	ck_assert_uint_eq(st.nr_pageout + st.nr_activate[1], 0);
	tick(m, DISK_DEFAULT_LATENCY);
	lru_add_drain(m);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

START_TEST(activation_gives_the_slot_back_when_swap_is_half_full)
{
	/* 4 slots: the header and three pages */
	struct machine *m = boot_swap(NPAGES, 4, 1);
	struct task *t = new_task(m, "a");
	struct scan_control sc = direct_sc(GFP_HIGHUSER_MOVABLE);
	unsigned long p0;

	anon(m, t, 3);
	p0 = anon_pfn(t, 0);
	make_old(t, 0);
	/* vpage 0 to slot 1, written, then faulted back from the swap cache */
	ck_assert_uint_eq(shrink(m, LRU_INACTIVE_ANON, 1, &sc), 0);
	tick(m, DISK_DEFAULT_LATENCY);
	step(m);
	touch(m, t);
	ck_assert_uint_eq(anon_pfn(t, 0), p0);
	/* 1 of 3 pages in use is not "full" (2 * 2 < 3 is false): the page stays in the swap cache */
	ck_assert(PageSwapCache(PG(m, p0)));
	ck_assert_uint_eq(m->swap.map[1], SWAP_HAS_CACHE);
	/* a KEEP pass sets PG_referenced; vpages 1 and 2 then fill the device */
	ck_assert_uint_eq(lru_tail(m, LRU_INACTIVE_ANON), p0);
	ck_assert_uint_eq(shrink(m, LRU_INACTIVE_ANON, 1, &sc), 0);
	ck_assert_uint_eq(st.nr_ref_keep, 1);
	make_old(t, 1);
	make_old(t, 2);
	ck_assert_uint_eq(shrink(m, LRU_INACTIVE_ANON, 2, &sc), 0);
	ck_assert_uint_eq(m->swap.inuse, 3);
	ck_assert(vm_swap_full(m));
	/*
	 * Used again: young + PG_referenced -> PAGEREF_ACTIVATE. At
	 * activate_locked a swap cache page gives its slot back when swap is
	 * more than half full (try_to_free_swap(): no pte names the slot);
	 * the page is dirty again, its only copy being in memory.
	 */
	t->anon[0] |= PTE_YOUNG;
	ck_assert_uint_eq(lru_tail(m, LRU_INACTIVE_ANON), p0);
	ck_assert_uint_eq(shrink(m, LRU_INACTIVE_ANON, 1, &sc), 0);
	ck_assert_uint_eq(st.nr_activate[0], 1);
	ck_assert(PageActive(PG(m, p0)));
	ck_assert(!PageSwapCache(PG(m, p0)) && PageDirty(PG(m, p0)));
	ck_assert_uint_eq(m->swap.inuse, 2);
	ck_assert_uint_eq(m->swap.map[1], 0);
	tick(m, DISK_DEFAULT_LATENCY);
	lru_add_drain(m);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

START_TEST(pageout_keeps_a_page_somebody_else_holds)
{
	struct machine *m = boot();
	int f = new_file(m, "db");
	struct scan_control sc = kswapd_sc();
	unsigned long pfn, write0, imm0;

	dirty_pages(m, f, 0, 1);
	pfn = file_pfn(m, f, 0);
	set_page_flag(PG(m, pfn), PG_reclaim);
	NODE(m)->flags |= 1UL << PGDAT_DIRTY;
	get_page(PG(m, pfn));   /* a reference beyond cache + isolation */
	handmade = true;
	write0 = (unsigned long)node_stat(m, NR_VMSCAN_WRITE);
	imm0 = (unsigned long)node_stat(m, NR_VMSCAN_IMMEDIATE);
	/* pageout(): is_page_cache_freeable() fails (refcount 3, not 2): PAGE_KEEP */
	kswapd_enter(m);
	ck_assert_uint_eq(shrink(m, LRU_INACTIVE_FILE, 1, &sc), 0);
	kswapd_leave(m);
	ck_assert_uint_eq(st.nr_pageout, 0);
	ck_assert_uint_eq(st.nr_activate[1], 0);
	ck_assert(PageDirty(PG(m, pfn)) && !PageWriteback(PG(m, pfn)) && !PageActive(PG(m, pfn)));
	ck_assert((unsigned long)node_stat(m, NR_VMSCAN_WRITE) == write0);
	ck_assert((unsigned long)node_stat(m, NR_VMSCAN_IMMEDIATE) == imm0);
	ck_assert_uint_eq(lru_head(m, LRU_INACTIVE_FILE), pfn);
	put_page(m, PG(m, pfn));
	handmade = false;
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/* ======================================================================================= */
/* isolate_lru_pages()                                                                      */
/* ======================================================================================= */

/*
 * A DMA32 zone of 2048 pages and a Normal zone of 1024, with swap. Task a
 * faults 3 pages in Normal; Normal is then filled by held movable
 * allocations until one comes from DMA32; 5 more pages land in DMA32.
 * The inactive anon list, head to tail: d4 d3 d2 d1 d0 n2 n1 n0.
 */
static struct machine *mixed_zones(struct task **tp, unsigned long n[3], unsigned long d[5])
{
	struct machine *m = boot_zones(2048, 1024, 64);
	struct zone *dma32 = ZONE(m, 0, ZONE_DMA32);
	struct task *t = new_task(m, "a");
	long pfn;
	int i;

	anon(m, t, 3);
	for (i = 0; i < 3; i++) {
		n[i] = anon_pfn(t, (unsigned long)i);
		ck_assert_uint_eq(page_zonenum(PG(m, n[i])), ZONE_NORMAL);
	}
	do {
		pfn = mmsh_alloc(m, GFP_HIGHUSER_MOVABLE, 0, NUMA_NO_NODE, NULL);
		ck_assert_int_ge(pfn, 0);
	} while (!zone_spans_pfn(dma32, (unsigned long)pfn));
	anon(m, t, 5);
	for (i = 0; i < 5; i++) {
		d[i] = anon_pfn(t, (unsigned long)i + 3);
		ck_assert_uint_eq(page_zonenum(PG(m, d[i])), ZONE_DMA32);
	}
	ck_assert_uint_eq(lru_tail(m, LRU_INACTIVE_ANON), n[0]);
	ck_assert_uint_eq(lru_head(m, LRU_INACTIVE_ANON), d[4]);
	*tp = t;
	return m;
}

static void putback_list(struct machine *m, uint32_t list)
{
	while (!list_empty(m->mem_map, list)) {
		uint32_t pfn = list_last(m->mem_map, list);

		list_del(m->mem_map, pfn);
		putback_lru_page(m, PG(m, pfn));
	}
	lru_add_drain(m);
	step(m);
}

START_TEST(isolate_skips_zones_above_reclaim_idx)
{
	struct task *t;
	unsigned long n[3], d[5], order[8], nr_scanned, skip0;
	struct machine *m = mixed_zones(&t, n, d);
	struct zone *dma32 = ZONE(m, 0, ZONE_DMA32), *normal = ZONE(m, 0, ZONE_NORMAL);
	struct scan_control sc = direct_sc(GFP_KERNEL | GFP_DMA32);
	uint32_t dst = m->local_lists[LL_PAGE_LIST];
	long dma32_lru0 = zone_page_state(dma32, NR_ZONE_INACTIVE_ANON);
	long normal_lru0 = zone_page_state(normal, NR_ZONE_INACTIVE_ANON);
	long node_lru0 = node_stat(m, NR_INACTIVE_ANON);

	ck_assert_int_eq(sc.reclaim_idx, ZONE_DMA32);
	skip0 = ev(m, PGSKIP_NORMAL);
	record_only(m, &rec, EV(TRACE_MM_VMSCAN_LRU_ISOLATE));
	/*
	 * From the tail: n0 n1 n2 are above reclaim_idx: skipped (total_scan
	 * 1..3, scan stays 0); d0..d3 are taken (scan 1..4, total 4..7); scan
	 * reached nr_to_scan = 4.
	 */
	ck_assert_uint_eq(isolate_lru_pages(m, 4, 0, dst, &nr_scanned, &sc, LRU_INACTIVE_ANON), 4);
	stop_recording(m);
	ck_assert_uint_eq(nr_scanned, 7);
	ck_assert_uint_eq(ev(m, PGSKIP_NORMAL) - skip0, 3);
	expect_line(TRACE_MM_VMSCAN_LRU_ISOLATE, 0,
		    "mm_vmscan_lru_isolate: isolate_mode=0 classzone=1 order=0 nr_requested=4 "
		    "nr_scanned=7 nr_skipped=3 nr_taken=4 lru=inactive_anon");
	/* dst gets each page at its head: d3 d2 d1 d0, so its tail is the oldest */
	ck_assert_uint_eq(list_pfns(m, dst, order, 8), 4);
	ck_assert_uint_eq(order[0], d[3]);
	ck_assert_uint_eq(order[3], d[0]);
	ck_assert(!PageLRU(PG(m, d[0])));
	ck_assert_int_eq(page_ref_count(PG(m, d[0])), 2);   /* the pte's and the isolation's */
	/*
	 * The skipped pages are spliced back at the *head* of the list (the
	 * kernel cannot put them back at the tail or the next batch would
	 * rescan them): n2 n1 n0 d4, with d4 now the tail.
	 */
	ck_assert_uint_eq(list_pfns(m, LRUVEC(m)->lists[LRU_INACTIVE_ANON], order, 8), 4);
	ck_assert_uint_eq(order[0], n[2]);
	ck_assert_uint_eq(order[1], n[1]);
	ck_assert_uint_eq(order[2], n[0]);
	ck_assert_uint_eq(order[3], d[4]);
	/* update_lru_sizes(): only the zone the pages came from loses them */
	ck_assert_int_eq(zone_page_state(dma32, NR_ZONE_INACTIVE_ANON), dma32_lru0 - 4);
	ck_assert_int_eq(zone_page_state(normal, NR_ZONE_INACTIVE_ANON), normal_lru0);
	ck_assert_int_eq(node_stat(m, NR_INACTIVE_ANON), node_lru0 - 4);
	putback_list(m, dst);
	ck_assert_int_eq(node_stat(m, NR_INACTIVE_ANON), node_lru0);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

START_TEST(pgscan_counts_the_skipped_pages)
{
	struct task *t;
	unsigned long n[3], d[5], scan0;
	struct machine *m = mixed_zones(&t, n, d);
	struct scan_control sc = direct_sc(GFP_KERNEL | GFP_DMA32);

	scan0 = ev(m, PGSCAN_DIRECT);
	/* 7 pages looked at, 4 taken (all KEEP: young ptes) */
	ck_assert_uint_eq(shrink(m, LRU_INACTIVE_ANON, 4, &sc), 0);
	ck_assert_uint_eq(ev(m, PGSCAN_DIRECT) - scan0, 7);
	ck_assert_uint_eq(sc.nr_scanned, 4);
	ck_assert_uint_eq(st.nr_ref_keep, 4);
	ck_assert_uint_eq(sc.nr.taken, 4);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

START_TEST(isolate_unmapped_mode_leaves_mapped_pages)
{
	struct machine *m = boot();
	int f = new_file(m, "lib");
	struct task *t = new_task(m, "a");
	struct scan_control sc = direct_sc(GFP_HIGHUSER_MOVABLE);
	uint32_t dst = m->local_lists[LL_PAGE_LIST];
	unsigned long p0, p1, p2, nr_scanned, order[4];

	clean_pages(m, f, 0, 3);
	p0 = file_pfn(m, f, 0);
	p1 = file_pfn(m, f, 1);
	p2 = file_pfn(m, f, 2);
	map_pages(m, t, f, 1, 1, false);
	sc.may_unmap = false;
	record_only(m, &rec, EV(TRACE_MM_VMSCAN_LRU_ISOLATE));
	/*
	 * Tail p0: taken. p1 is mapped: __isolate_lru_page() says -EBUSY and
	 * the page moves to the head of the list (counted in scan). p2: taken.
	 */
	ck_assert_uint_eq(isolate_lru_pages(m, 3, 0, dst, &nr_scanned, &sc, LRU_INACTIVE_FILE), 2);
	stop_recording(m);
	ck_assert_uint_eq(nr_scanned, 3);
	expect_line(TRACE_MM_VMSCAN_LRU_ISOLATE, 0,
		    "mm_vmscan_lru_isolate: isolate_mode=2 classzone=3 order=0 nr_requested=3 "
		    "nr_scanned=3 nr_skipped=0 nr_taken=2 lru=inactive_file");
	ck_assert_uint_eq(list_pfns(m, LRUVEC(m)->lists[LRU_INACTIVE_FILE], order, 4), 1);
	ck_assert_uint_eq(order[0], p1);
	ck_assert(PageLRU(PG(m, p1)));
	ck_assert_int_eq(page_ref_count(PG(m, p1)), 2);    /* cache and pte, no isolation */
	ck_assert_uint_eq(list_pfns(m, dst, order, 4), 2);
	ck_assert_uint_eq(order[0], p2);
	ck_assert_uint_eq(order[1], p0);
	putback_list(m, dst);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

static struct machine *snap_m;
static long snap_isolated = -1, snap_inactive = -1;

static void snapshot_cb(const struct trace_event *ev, void *arg)
{
	(void)arg;
	if (ev->id == TRACE_MM_VMSCAN_WRITEPAGE && snap_isolated < 0) {
		snap_isolated = node_stat(snap_m, NR_ISOLATED_ANON);
		snap_inactive = node_stat(snap_m, NR_INACTIVE_ANON);
	}
}

START_TEST(nr_isolated_covers_the_batch)
{
	struct machine *m = boot();
	struct task *t = new_task(m, "a");
	struct scan_control sc = direct_sc(GFP_HIGHUSER_MOVABLE);
	unsigned long i;

	anon(m, t, 6);
	for (i = 0; i < 4; i++)
		make_old(t, i);
	snap_m = m;
	snap_isolated = snap_inactive = -1;
	trace_subscribe(m, EV(TRACE_MM_VMSCAN_WRITEPAGE), snapshot_cb, NULL);
	/* while shrink_page_list() writes the first of the 4, all 4 are isolated */
	ck_assert_uint_eq(shrink(m, LRU_INACTIVE_ANON, 4, &sc), 0);
	stop_recording(m);
	ck_assert_int_eq(snap_isolated, 4);
	ck_assert_int_eq(snap_inactive, 2);   /* 6 - 4: the LRU sizes already dropped */
	ck_assert_uint_eq(st.nr_pageout, 4);
	ck_assert_int_eq(node_stat(m, NR_ISOLATED_ANON), 0);
	ck_assert_int_eq(node_stat(m, NR_INACTIVE_ANON), 6);
	tick(m, DISK_DEFAULT_LATENCY);
	lru_add_drain(m);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/* ======================================================================================= */
/* shrink_inactive_list()                                                                   */
/* ======================================================================================= */

START_TEST(scan_and_steal_counters_by_reclaimer_and_type)
{
	struct machine *m = boot();
	int f = new_file(m, "data");
	struct task *t = new_task(m, "a");
	struct scan_control sc = direct_sc(GFP_HIGHUSER_MOVABLE);

	clean_pages(m, f, 0, 6);
	anon(m, t, 2);
	/* a direct reclaimer frees 3 clean file pages */
	snapshot_events(m);
	ck_assert_uint_eq(shrink(m, LRU_INACTIVE_FILE, 3, &sc), 3);
	ck_assert_uint_eq(delta(m, PGSCAN_DIRECT), 3);
	ck_assert_uint_eq(delta(m, PGSTEAL_DIRECT), 3);
	ck_assert_uint_eq(delta(m, PGSCAN_FILE), 3);
	ck_assert_uint_eq(delta(m, PGSTEAL_FILE), 3);
	ck_assert_uint_eq(delta(m, PGSCAN_KSWAPD) + delta(m, PGSTEAL_KSWAPD), 0);
	ck_assert_uint_eq(delta(m, PGSCAN_ANON) + delta(m, PGSTEAL_ANON), 0);

	/* kswapd frees the other 3 */
	snapshot_events(m);
	kswapd_enter(m);
	sc = kswapd_sc();
	ck_assert_uint_eq(shrink(m, LRU_INACTIVE_FILE, 3, &sc), 3);
	ck_assert_uint_eq(delta(m, PGSCAN_KSWAPD), 3);
	ck_assert_uint_eq(delta(m, PGSTEAL_KSWAPD), 3);
	ck_assert_uint_eq(delta(m, PGSCAN_FILE), 3);
	ck_assert_uint_eq(delta(m, PGSTEAL_FILE), 3);
	ck_assert_uint_eq(delta(m, PGSCAN_DIRECT) + delta(m, PGSTEAL_DIRECT), 0);

	/* kswapd scans two young anon pages: scanned (anon), kept, nothing stolen */
	snapshot_events(m);
	ck_assert_uint_eq(shrink(m, LRU_INACTIVE_ANON, 2, &sc), 0);
	kswapd_leave(m);
	ck_assert_uint_eq(delta(m, PGSCAN_KSWAPD), 2);
	ck_assert_uint_eq(delta(m, PGSCAN_ANON), 2);
	ck_assert_uint_eq(delta(m, PGSTEAL_KSWAPD) + delta(m, PGSTEAL_ANON), 0);
	ck_assert_uint_eq(delta(m, PGSCAN_FILE), 0);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

START_TEST(pageouts_are_the_reclaim_cost)
{
	struct machine *m = boot();
	struct task *t = new_task(m, "a");
	struct scan_control sc = direct_sc(GFP_HIGHUSER_MOVABLE);
	unsigned long i;

	anon(m, t, 64);
	for (i = 0; i < 17; i++)
		make_old(t, i);
	/* 4 pageouts: anon_cost 4; 4 + 0 <= 64 LRU pages / 4 = 16, no decay */
	ck_assert_uint_eq(shrink(m, LRU_INACTIVE_ANON, 4, &sc), 0);
	ck_assert_uint_eq(st.nr_pageout, 4);
	ck_assert_uint_eq(LRUVEC(m)->anon_cost, 4);
	ck_assert_uint_eq(LRUVEC(m)->file_cost, 0);
	/*
	 * 13 more with file_cost 6: anon_cost 17, 17 + 6 = 23 > 16: both
	 * halve, 8 and 3.
	 */
	LRUVEC(m)->file_cost = 6;
	ck_assert_uint_eq(shrink(m, LRU_INACTIVE_ANON, 13, &sc), 0);
	ck_assert_uint_eq(st.nr_pageout, 13);
	ck_assert_uint_eq(LRUVEC(m)->anon_cost, 8);
	ck_assert_uint_eq(LRUVEC(m)->file_cost, 3);
	/* a batch without pageouts adds nothing (kept pages cost nothing) */
	ck_assert_uint_eq(shrink(m, LRU_INACTIVE_ANON, 4, &sc), 0);
	ck_assert_uint_eq(st.nr_pageout, 0);
	ck_assert_uint_eq(LRUVEC(m)->anon_cost, 8);
	tick(m, DISK_DEFAULT_LATENCY);
	lru_add_drain(m);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

START_TEST(flusher_is_woken_only_when_all_taken_pages_are_unqueued_dirty)
{
	struct machine *m = boot();
	int f = new_file(m, "log");
	struct scan_control sc = direct_sc(GFP_HIGHUSER_MOVABLE);

	clean_pages(m, f, 0, 1);
	dirty_pages(m, f, 1, 2);
	/* 3 taken, 2 unqueued dirty: no wake-up */
	ck_assert_uint_eq(shrink(m, LRU_INACTIVE_FILE, 3, &sc), 1);
	ck_assert_uint_eq(st.nr_unqueued_dirty, 2);
	ck_assert(!m->flusher_work);
	/* far below the background limit: a jiffy passes and nothing is written */
	tick(m, 1);
	step(m);
	ck_assert_int_eq(node_stat(m, NR_WRITEBACK), 0);
	ck_assert_int_eq(node_stat(m, NR_FILE_DIRTY), 2);

	/* 2 taken, both unqueued dirty: wakeup_flusher_threads() */
	dirty_pages(m, f, 3, 2);
	ck_assert_uint_eq(shrink(m, LRU_INACTIVE_FILE, 2, &sc), 0);
	ck_assert_uint_eq(st.nr_unqueued_dirty, 2);
	ck_assert(m->flusher_work);
	/* the flusher writes every dirty page at the next jiffy */
	tick(m, 1);
	step(m);
	ck_assert(!m->flusher_work);
	ck_assert_int_eq(node_stat(m, NR_WRITEBACK), 4);
	ck_assert_int_eq(node_stat(m, NR_FILE_DIRTY), 0);
	tick(m, DISK_DEFAULT_LATENCY);
	lru_add_drain(m);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

START_TEST(shrink_inactive_trace_line)
{
	struct machine *m = boot();
	int fc = new_file(m, "c"), fa = new_file(m, "a"), fb = new_file(m, "b"), fd = new_file(m, "d");
	struct task *t = new_task(m, "a");
	struct scan_control sc = direct_sc(GFP_HIGHUSER_MOVABLE);
	struct mm_error e;

	/*
	 * Four file pages, tail to head: A clean (freed), B dirty (deferred
	 * to the flusher, activated), C under writeback (case 2, activated),
	 * D mapped young once (KEEP). "c" is file 0, so writeback_dirty(1)
	 * picks C before B.
	 */
	clean_pages(m, fa, 0, 1);
	dirty_pages(m, fb, 0, 1);
	dirty_pages(m, fc, 0, 1);
	ck_assert_uint_eq(writeback_dirty(m, 1), 1);
	step(m);
	ck_assert(PageWriteback(PG(m, file_pfn(m, fc, 0))));
	ck_assert_int_eq(fault_file(m, t, fd, 0, 1, false, &e), 1);
	lru_add_drain(m);
	step(m);
	record_only(m, &rec, EV(TRACE_MM_VMSCAN_LRU_ISOLATE) | EV(TRACE_MM_VMSCAN_LRU_SHRINK_INACTIVE));
	ck_assert_uint_eq(shrink(m, LRU_INACTIVE_FILE, 4, &sc), 1);
	expect_line(TRACE_MM_VMSCAN_LRU_ISOLATE, 0,
		    "mm_vmscan_lru_isolate: isolate_mode=0 classzone=3 order=0 nr_requested=4 "
		    "nr_scanned=4 nr_skipped=0 nr_taken=4 lru=inactive_file");
	expect_line(TRACE_MM_VMSCAN_LRU_SHRINK_INACTIVE, 0,
		    "mm_vmscan_lru_shrink_inactive: nid=0 nr_scanned=4 nr_reclaimed=1 nr_dirty=2 "
		    "nr_writeback=1 nr_congested=0 nr_immediate=0 nr_activate_anon=0 "
		    "nr_activate_file=2 nr_ref_keep=1 nr_unmap_fail=0 priority=12 flags=" FILE_FLAGS);
	/* nr_unqueued_dirty 1 != 4 taken: the flusher is left alone */
	ck_assert(!m->flusher_work);
	/* an empty list: the isolate event fires, the shrink event does not */
	rec.n = 0;
	ck_assert_uint_eq(shrink(m, LRU_INACTIVE_ANON, 32, &sc), 0);
	ck_assert_uint_eq(count_events(&rec, TRACE_MM_VMSCAN_LRU_ISOLATE), 1);
	ck_assert_uint_eq(count_events(&rec, TRACE_MM_VMSCAN_LRU_SHRINK_INACTIVE), 0);
	/* an anon batch: flags name anon */
	anon(m, t, 1);
	rec.n = 0;
	sc.priority = 3;
	ck_assert_uint_eq(shrink(m, LRU_INACTIVE_ANON, 1, &sc), 0);
	expect_line(TRACE_MM_VMSCAN_LRU_SHRINK_INACTIVE, 0,
		    "mm_vmscan_lru_shrink_inactive: nid=0 nr_scanned=1 nr_reclaimed=0 nr_dirty=0 "
		    "nr_writeback=0 nr_congested=0 nr_immediate=0 nr_activate_anon=0 "
		    "nr_activate_file=0 nr_ref_keep=1 nr_unmap_fail=0 priority=3 flags=" ANON_FLAGS);
	stop_recording(m);
	tick(m, DISK_DEFAULT_LATENCY);
	lru_add_drain(m);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

START_TEST(too_many_isolated_throttles_direct_reclaimers)
{
	struct machine *m = boot();
	int f = new_file(m, "data");
	pg_data_t *pgdat = NODE(m);
	struct scan_control sc = direct_sc(GFP_KERNEL);
	unsigned long scan0, j0;

	clean_pages(m, f, 0, 16);
	ck_assert_int_eq(node_stat(m, NR_INACTIVE_FILE), 16);
	/* other reclaimers hold isolated pages; GFP_KERNEL has IO|FS: 16 >> 3 = 2 */
	pgdat->vm_stat[NR_ISOLATED_FILE] = 2;
	handmade = true;
	ck_assert(!too_many_isolated(m, pgdat, true, &sc));
	pgdat->vm_stat[NR_ISOLATED_FILE] = 3;
	ck_assert(too_many_isolated(m, pgdat, true, &sc));
	/* the anon side is counted apart */
	ck_assert(!too_many_isolated(m, pgdat, false, &sc));
	/* GFP_NOFS may isolate up to the whole inactive list */
	sc = direct_sc(GFP_NOFS);
	ck_assert(!too_many_isolated(m, pgdat, true, &sc));
	pgdat->vm_stat[NR_ISOLATED_FILE] = 17;
	ck_assert(too_many_isolated(m, pgdat, true, &sc));
	/* kswapd is never throttled */
	kswapd_enter(m);
	ck_assert(!too_many_isolated(m, pgdat, true, &sc));
	kswapd_leave(m);

	/*
	 * A throttled direct reclaimer sleeps once, msleep(100): at HZ 250
	 * msecs_to_jiffies(100) + 1 = 25 + 1 = 26 jiffies; still too many
	 * isolated (nobody put theirs back), it gives up scanning nothing.
	 */
	pgdat->vm_stat[NR_ISOLATED_FILE] = 3;
	sc = direct_sc(GFP_KERNEL);
	scan0 = ev(m, PGSCAN_DIRECT);
	j0 = m->jiffies;
	ck_assert_uint_eq(shrink(m, LRU_INACTIVE_FILE, 16, &sc), 0);
	ck_assert_uint_eq(ev(m, PGSCAN_DIRECT), scan0);
	ck_assert_uint_eq(m->jiffies - j0, HZ / 10 + 1);
	ck_assert_uint_eq(m->jiffies - j0, 26);
	ck_assert_uint_eq(lru_len(m, LRU_INACTIVE_FILE), 16);
	pgdat->vm_stat[NR_ISOLATED_FILE] = 0;
	handmade = false;
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/* ======================================================================================= */
/* shrink_active_list()                                                                      */
/* ======================================================================================= */

START_TEST(active_file_list_is_deactivated_except_used_text)
{
	struct machine *m = boot();
	int f = new_file(m, "lib");
	struct task *t = new_task(m, "a");
	struct scan_control sc = direct_sc(GFP_HIGHUSER_MOVABLE);
	unsigned long p[6], order[8], refill0, deact0, act0;
	int i;

	/* two reads: 6 active pages; 4 and 5 then mapped (4 executable) */
	read_pages(m, f, 0, 6);
	read_pages(m, f, 0, 6);
	for (i = 0; i < 6; i++) {
		p[i] = file_pfn(m, f, (unsigned long)i);
		ck_assert(PageActive(PG(m, p[i])));
	}
	map_pages(m, t, f, 4, 1, true);
	map_pages(m, t, f, 5, 1, false);
	ck_assert_uint_eq(lru_tail(m, LRU_ACTIVE_FILE), p[0]);
	refill0 = ev(m, PGREFILL);
	deact0 = ev(m, PGDEACTIVATE);
	act0 = ev(m, PGACTIVATE);
	record_only(m, &rec, EV(TRACE_MM_VMSCAN_LRU_SHRINK_ACTIVE));

	/*
	 * Only the referenced VM_EXEC file page (4) goes back to the active
	 * list (nr_rotated); 5 is referenced too but deactivated like 0..3.
	 */
	shrink_active_list(m, 6, 0, &sc, LRU_ACTIVE_FILE);
	stop_recording(m);
	ck_assert_uint_eq(ev(m, PGREFILL) - refill0, 6);
	ck_assert_uint_eq(ev(m, PGDEACTIVATE) - deact0, 5);
	ck_assert_uint_eq(ev(m, PGACTIVATE), act0);
	expect_line(TRACE_MM_VMSCAN_LRU_SHRINK_ACTIVE, 0,
		    "mm_vmscan_lru_shrink_active: nid=0 nr_taken=6 nr_active=1 nr_deactivated=5 "
		    "nr_referenced=1 priority=12 flags=" FILE_FLAGS);
	ck_assert_uint_eq(lru_len(m, LRU_ACTIVE_FILE), 1);
	ck_assert_uint_eq(lru_head(m, LRU_ACTIVE_FILE), p[4]);
	ck_assert(!test_page_flag(PG(m, p[4]), PG_workingset));
	/* l_inactive head to tail 5 3 2 1 0, moved tail first to the inactive head */
	ck_assert_uint_eq(list_pfns(m, LRUVEC(m)->lists[LRU_INACTIVE_FILE], order, 8), 5);
	ck_assert_uint_eq(order[0], p[5]);
	ck_assert_uint_eq(order[1], p[3]);
	ck_assert_uint_eq(order[4], p[0]);
	for (i = 0; i < 6; i++) {
		if (i == 4)
			continue;
		ck_assert(!PageActive(PG(m, p[i])));
		ck_assert(test_page_flag(PG(m, p[i]), PG_workingset));
	}
	/* the young bits were cleared by page_referenced(), deactivated or not */
	ck_assert(!(file_pte(t, 0, 4) & PTE_YOUNG));
	ck_assert(!(file_pte(t, 1, 5) & PTE_YOUNG));
	ck_assert_int_eq(node_stat(m, NR_ISOLATED_FILE), 0);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/* n active anon pages of t: kept once (young), used again, activated. */
static void make_active_anon(struct machine *m, struct task *t, unsigned long n)
{
	struct scan_control sc = direct_sc(GFP_HIGHUSER_MOVABLE);

	anon(m, t, n);
	ck_assert_uint_eq(shrink(m, LRU_INACTIVE_ANON, n, &sc), 0);
	ck_assert_uint_eq(st.nr_ref_keep, n);
	touch(m, t);
	ck_assert_uint_eq(shrink(m, LRU_INACTIVE_ANON, n, &sc), 0);
	ck_assert_uint_eq(st.nr_activate[0], n);
	ck_assert_uint_eq(lru_len(m, LRU_ACTIVE_ANON), n);
}

START_TEST(active_anon_pages_are_deactivated_even_when_young)
{
	struct machine *m = boot();
	struct task *t = new_task(m, "a");
	struct scan_control sc = direct_sc(GFP_HIGHUSER_MOVABLE);
	unsigned long i, deact0;

	make_active_anon(m, t, 4);
	touch(m, t);
	deact0 = ev(m, PGDEACTIVATE);
	record_only(m, &rec, EV(TRACE_MM_VMSCAN_LRU_SHRINK_ACTIVE));
	shrink_active_list(m, 4, 0, &sc, LRU_ACTIVE_ANON);
	stop_recording(m);
	/* anon VM_EXEC is ignored anyway: all four are deactivated */
	expect_line(TRACE_MM_VMSCAN_LRU_SHRINK_ACTIVE, 0,
		    "mm_vmscan_lru_shrink_active: nid=0 nr_taken=4 nr_active=0 nr_deactivated=4 "
		    "nr_referenced=0 priority=12 flags=" ANON_FLAGS);
	ck_assert_uint_eq(ev(m, PGDEACTIVATE) - deact0, 4);
	ck_assert_uint_eq(lru_len(m, LRU_ACTIVE_ANON), 0);
	ck_assert_uint_eq(lru_len(m, LRU_INACTIVE_ANON), 4);
	for (i = 0; i < 4; i++) {
		ck_assert(!(t->anon[i] & PTE_YOUNG));
		ck_assert(test_page_flag(PG(m, anon_pfn(t, i)), PG_workingset));
	}
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

START_TEST(unevictable_active_page_is_put_back)
{
	struct machine *m = boot();
	int f = new_file(m, "lib");
	struct task *t = new_task(m, "a");
	struct scan_control sc = direct_sc(GFP_HIGHUSER_MOVABLE);
	unsigned long locked, plain, culled0;

	read_pages(m, f, 0, 2);
	read_pages(m, f, 0, 2);
	locked = file_pfn(m, f, 0);
	plain = file_pfn(m, f, 1);
	map_pages(m, t, f, 0, 1, false);
	/* mlocked while on the active list (the mlock raced with isolation) */
	mlock_by_hand(m, t, PG(m, locked));
	ck_assert_uint_eq(lru_tail(m, LRU_ACTIVE_FILE), locked);
	culled0 = ev(m, UNEVICTABLE_PGCULLED);
	record_only(m, &rec, EV(TRACE_MM_VMSCAN_LRU_SHRINK_ACTIVE));
	shrink_active_list(m, 2, 0, &sc, LRU_ACTIVE_FILE);
	stop_recording(m);
	/* taken 2; the mlocked one is put back (not deactivated, not rotated) */
	expect_line(TRACE_MM_VMSCAN_LRU_SHRINK_ACTIVE, 0,
		    "mm_vmscan_lru_shrink_active: nid=0 nr_taken=2 nr_active=0 nr_deactivated=1 "
		    "nr_referenced=0 priority=12 flags=" FILE_FLAGS);
	lru_add_drain(m);
	step(m);
	ck_assert_uint_eq(lru_head(m, LRU_UNEVICTABLE), locked);
	ck_assert_uint_eq(ev(m, UNEVICTABLE_PGCULLED) - culled0, 1);
	ck_assert_uint_eq(lru_head(m, LRU_INACTIVE_FILE), plain);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * Truncation racing with reclaim: when shrink_active_list() has isolated
 * the batch (the mm_vmscan_lru_isolate tracepoint fires right after), the
 * file loses the pages at the offsets in race_offs, so only the isolation
 * holds them. Every event is recorded as well.
 */
static struct machine *race_m;
static int race_f;
static const unsigned long *race_offs;
static size_t race_n;

static void truncate_race_cb(const struct trace_event *ev, void *arg)
{
	size_t i;

	(void)arg;
	if (rec.n < MAX_RECORDED)
		rec.ev[rec.n++] = *ev;
	if (ev->id != TRACE_MM_VMSCAN_LRU_ISOLATE || !race_n)
		return;
	for (i = 0; i < race_n; i++) {
		struct page *page = PG(race_m, file_pfn(race_m, race_f, race_offs[i]));

		ck_assert(!PageLRU(page));
		delete_from_page_cache(race_m, page, 0);
		put_page(race_m, page);   /* the page cache's reference */
		ck_assert_int_eq(page_ref_count(page), 1);
	}
	race_n = 0;
}

/*
 * move_pages_to_lru() puts each page back and drops the isolation
 * reference; a page whose owner let go meanwhile hits zero, leaves the
 * list again and is freed. Active list head to tail: 3 2 1 0; the file is
 * truncated at offsets 1 and 3 while they are isolated. All four are
 * deactivated (unmapped, not referenced); l_inactive is walked from its
 * tail (0 first): 0 and 2 go to the inactive head (nr_deactivated 2,
 * pgdeactivate 2), 1 and 3 are freed. pages_to_free is built at its head,
 * so 3 comes before 1, and free_unref_page_list() prepares them all
 * (mm_page_free 3, 1) before committing them (mm_page_free_batched 3, 1).
 */
START_TEST(pages_freed_while_isolated_by_shrink_active_list)
{
	static const unsigned long offs[2] = { 1, 3 };
	struct machine *m = boot();
	int f = new_file(m, "data");
	struct scan_control sc = direct_sc(GFP_HIGHUSER_MOVABLE);
	unsigned long p[4], order[4], deact0, free0;
	size_t i, nfree = 0, nbatched = 0;
	unsigned long freed[2], batched[2];

	read_pages(m, f, 0, 4);
	read_pages(m, f, 0, 4);
	for (i = 0; i < 4; i++)
		p[i] = file_pfn(m, f, i);
	ck_assert_uint_eq(list_pfns(m, LRUVEC(m)->lists[LRU_ACTIVE_FILE], order, 4), 4);
	ck_assert_uint_eq(order[0], p[3]);
	ck_assert_uint_eq(order[3], p[0]);
	deact0 = ev(m, PGDEACTIVATE);
	free0 = ev(m, PGFREE);
	race_m = m;
	race_f = f;
	race_offs = offs;
	race_n = 2;
	rec.n = 0;
	trace_subscribe(m, EV(TRACE_MM_VMSCAN_LRU_ISOLATE) | EV(TRACE_MM_VMSCAN_LRU_SHRINK_ACTIVE) |
			   EV(TRACE_MM_PAGE_FREE) | EV(TRACE_MM_PAGE_FREE_BATCHED),
			truncate_race_cb, NULL);
	shrink_active_list(m, 4, 0, &sc, LRU_ACTIVE_FILE);
	stop_recording(m);
	step(m);
	expect_line(TRACE_MM_VMSCAN_LRU_SHRINK_ACTIVE, 0,
		    "mm_vmscan_lru_shrink_active: nid=0 nr_taken=4 nr_active=0 nr_deactivated=2 "
		    "nr_referenced=0 priority=12 flags=" FILE_FLAGS);
	ck_assert_uint_eq(ev(m, PGDEACTIVATE) - deact0, 2);
	ck_assert_uint_eq(ev(m, PGFREE) - free0, 2);
	ck_assert_uint_eq(list_pfns(m, LRUVEC(m)->lists[LRU_INACTIVE_FILE], order, 4), 2);
	ck_assert_uint_eq(order[0], p[2]);
	ck_assert_uint_eq(order[1], p[0]);
	ck_assert_uint_eq(lru_len(m, LRU_ACTIVE_FILE), 0);
	ck_assert_int_eq(page_ref_count(PG(m, p[1])), 0);
	ck_assert_int_eq(page_ref_count(PG(m, p[3])), 0);
	ck_assert(!PageLRU(PG(m, p[1])) && !PageActive(PG(m, p[1])));
	/* every mm_page_free comes before the first mm_page_free_batched */
	for (i = 0; i < rec.n; i++) {
		if (rec.ev[i].id == TRACE_MM_PAGE_FREE) {
			ck_assert_uint_eq(nbatched, 0);
			ck_assert_uint_lt(nfree, 2);
			freed[nfree++] = rec.ev[i].pfn;
		} else if (rec.ev[i].id == TRACE_MM_PAGE_FREE_BATCHED) {
			ck_assert_uint_lt(nbatched, 2);
			batched[nbatched++] = rec.ev[i].pfn;
		}
	}
	ck_assert_uint_eq(nfree, 2);
	ck_assert_uint_eq(nbatched, 2);
	ck_assert_uint_eq(freed[0], p[3]);
	ck_assert_uint_eq(freed[1], p[1]);
	ck_assert_uint_eq(batched[0], p[3]);
	ck_assert_uint_eq(batched[1], p[1]);
	ck_assert_uint_eq(m->files[f].nrpages, 2);
	ck_assert_int_eq(node_stat(m, NR_ISOLATED_FILE), 0);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/* ======================================================================================= */
/* inactive_is_low(), get_scan_count(), shrink_lruvec()                                      */
/* ======================================================================================= */

/* Pretend sizes for one LRU type's node counters (restored by the caller). */
static bool low_with(struct machine *m, enum lru_list inactive_lru, long inactive, long active)
{
	pg_data_t *pgdat = NODE(m);
	long si = pgdat->vm_stat[NR_INACTIVE_ANON + inactive_lru];
	long sa = pgdat->vm_stat[NR_INACTIVE_ANON + inactive_lru + LRU_ACTIVE];
	bool low;

	pgdat->vm_stat[NR_INACTIVE_ANON + inactive_lru] = inactive;
	pgdat->vm_stat[NR_INACTIVE_ANON + inactive_lru + LRU_ACTIVE] = active;
	low = inactive_is_low(m, LRUVEC(m), inactive_lru);
	pgdat->vm_stat[NR_INACTIVE_ANON + inactive_lru] = si;
	pgdat->vm_stat[NR_INACTIVE_ANON + inactive_lru + LRU_ACTIVE] = sa;
	return low;
}

START_TEST(inactive_ratio_is_one_below_a_gib)
{
	struct machine *m = boot();
	struct task *t = new_task(m, "a");

	/* real lists: 4 active anon, 0 inactive -> low; 4 and 4 -> not */
	make_active_anon(m, t, 4);
	ck_assert(inactive_is_low(m, LRUVEC(m), LRU_INACTIVE_ANON));
	ck_assert(!inactive_is_low(m, LRUVEC(m), LRU_INACTIVE_FILE));
	anon(m, t, 4);
	ck_assert(!inactive_is_low(m, LRUVEC(m), LRU_INACTIVE_ANON));
	/* (inactive + active) >> 18 == 0: ratio 1, low iff inactive < active */
	ck_assert(low_with(m, LRU_INACTIVE_FILE, 10, 11));
	ck_assert(!low_with(m, LRU_INACTIVE_FILE, 10, 10));
	ck_assert(low_with(m, LRU_INACTIVE_ANON, 131071, 131072));     /* 262143 pages */
	ck_assert(!low_with(m, LRU_INACTIVE_ANON, 131071, 131071));
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

START_TEST(inactive_ratio_grows_with_the_square_root)
{
	struct machine *m = boot();

	/* 1 GiB = 262144 pages: int_sqrt(10 * 1) = 3 */
	ck_assert(!low_with(m, LRU_INACTIVE_FILE, 65536, 196608));    /* 196608 < 196608: no */
	ck_assert(low_with(m, LRU_INACTIVE_FILE, 65535, 196609));     /* 196605 < 196609 */
	/* 10 GiB = 2621440 pages: int_sqrt(100) = 10 */
	ck_assert(!low_with(m, LRU_INACTIVE_ANON, 238313, 2383127));  /* 2383130 >= 2383127 */
	ck_assert(low_with(m, LRU_INACTIVE_ANON, 238312, 2383128));   /* 2383120 < 2383128 */
	/* 100 GiB: int_sqrt(1000) = 31 */
	ck_assert(!low_with(m, LRU_INACTIVE_FILE, 819200, 25395200)); /* 25395200 >= */
	ck_assert(low_with(m, LRU_INACTIVE_FILE, 819199, 25395201));
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/* Pretend zone LRU sizes of zone zidx (get_scan_count reads the zone counters). */
struct sizes {
	long v[NR_EVICTABLE_LRU_LISTS];
};

static struct sizes set_sizes(struct machine *m, int zidx, long ia, long aa, long inf, long af)
{
	struct zone *z = ZONE(m, 0, zidx);
	struct sizes old;
	long v[NR_EVICTABLE_LRU_LISTS] = { ia, aa, inf, af };
	int l;

	for (l = 0; l < NR_EVICTABLE_LRU_LISTS; l++) {
		old.v[l] = z->vm_stat[NR_ZONE_INACTIVE_ANON + l];
		z->vm_stat[NR_ZONE_INACTIVE_ANON + l] = v[l];
	}
	return old;
}

static void restore_sizes(struct machine *m, int zidx, struct sizes old)
{
	struct zone *z = ZONE(m, 0, zidx);
	int l;

	for (l = 0; l < NR_EVICTABLE_LRU_LISTS; l++)
		z->vm_stat[NR_ZONE_INACTIVE_ANON + l] = old.v[l];
}

/*
 * get_scan_count() of node 0's lruvec with sc: it must choose `balance`
 * and ask shrink_lruvec() to scan ia, aa, inf and af pages of the
 * inactive anon, active anon, inactive file and active file lists.
 */
static void expect_scan(struct machine *m, struct scan_control *sc, enum scan_balance balance,
			unsigned long ia, unsigned long aa, unsigned long inf, unsigned long af)
{
	unsigned long nr[NR_EVICTABLE_LRU_LISTS];

	get_scan_count(m, LRUVEC(m), sc, nr);
	ck_assert_int_eq(sc->scan_balance, balance);
	ck_assert_uint_eq(nr[LRU_INACTIVE_ANON], ia);
	ck_assert_uint_eq(nr[LRU_ACTIVE_ANON], aa);
	ck_assert_uint_eq(nr[LRU_INACTIVE_FILE], inf);
	ck_assert_uint_eq(nr[LRU_ACTIVE_FILE], af);
}

/*
 * A direct reclaimer's scan_control at another priority. The
 * get_scan_count() tests pretend sizes 4000 / 2000 / 8000 / 1000 (inactive
 * anon, active anon, inactive file, active file): at priority 2 that is
 * 1000 / 500 / 2000 / 250 before the anon/file balance.
 */
static struct scan_control gsc(int priority)
{
	struct scan_control sc = direct_sc(GFP_HIGHUSER_MOVABLE);

	sc.priority = priority;
	return sc;
}

START_TEST(scan_file_only_without_swap)
{
	struct machine *m = boot_noswap();
	struct machine *ms = boot();
	struct scan_control sc = gsc(2);
	struct sizes old = set_sizes(m, ZONE_NORMAL, 4000, 2000, 8000, 1000);
	struct sizes olds = set_sizes(ms, ZONE_NORMAL, 4000, 2000, 8000, 1000);

	/* no swap device: SCAN_FILE, first match wins (even at priority 0) */
	expect_scan(m, &sc, SCAN_FILE, 0, 0, 2000, 250);
	sc = gsc(0);
	expect_scan(m, &sc, SCAN_FILE, 0, 0, 8000, 1000);
	/* swap, but !may_swap */
	sc = gsc(2);
	sc.may_swap = false;
	expect_scan(ms, &sc, SCAN_FILE, 0, 0, 2000, 250);
	/* swap with every page in use: get_nr_swap_pages() == 0 (the header is no page) */
	ms->swap.inuse = ms->swap.pages;
	sc = gsc(2);
	expect_scan(ms, &sc, SCAN_FILE, 0, 0, 2000, 250);
	ms->swap.inuse = 0;
	restore_sizes(m, ZONE_NORMAL, old);
	restore_sizes(ms, ZONE_NORMAL, olds);
	assert_consistent(m);
	assert_consistent(ms);
	machine_destroy(m);
	machine_destroy(ms);
}
END_TEST

START_TEST(scan_equal_at_priority_zero)
{
	struct machine *m = boot();
	struct scan_control sc = gsc(0);
	struct sizes old = set_sizes(m, ZONE_NORMAL, 4000, 2000, 8000, 1000);

	/* close to OOM: every list by its size, even with file_is_tiny or cache_trim_mode */
	sc.file_is_tiny = true;
	sc.cache_trim_mode = true;
	expect_scan(m, &sc, SCAN_EQUAL, 4000, 2000, 8000, 1000);
	/* unless swappiness says no swapping: then SCAN_FRACT with ap = 0 */
	m->vm_swappiness = 0;
	sc = gsc(0);
	expect_scan(m, &sc, SCAN_FRACT, 0, 0, 8000, 1000);
	restore_sizes(m, ZONE_NORMAL, old);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

START_TEST(scan_anon_when_file_is_tiny_and_file_when_trimming)
{
	struct machine *m = boot();
	struct scan_control sc = gsc(2);
	struct sizes old = set_sizes(m, ZONE_NORMAL, 4000, 2000, 8000, 1000);

	/* file_is_tiny comes before cache_trim_mode */
	sc.file_is_tiny = true;
	sc.cache_trim_mode = true;
	expect_scan(m, &sc, SCAN_ANON, 1000, 500, 0, 0);
	sc = gsc(2);
	sc.cache_trim_mode = true;
	expect_scan(m, &sc, SCAN_FILE, 0, 0, 2000, 250);
	restore_sizes(m, ZONE_NORMAL, old);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

START_TEST(scan_fract_arithmetic)
{
	struct machine *m = boot();
	struct scan_control sc = gsc(2);
	struct sizes old = set_sizes(m, ZONE_NORMAL, 4000, 2000, 8000, 1000);

	/*
	 * swappiness 60, no costs: ap = 60 * 1 / 1, fp = 140 * 1 / 1, denominator
	 * 200: 1000 * 60 / 200 = 300, 500 * 60 / 200 = 150, 2000 * 140 / 200 =
	 * 1400, 250 * 140 / 200 = 175.
	 */
	ck_assert_int_eq(m->vm_swappiness, 60);
	expect_scan(m, &sc, SCAN_FRACT, 300, 150, 1400, 175);
	/*
	 * anon_cost 10, file_cost 30: total 40, anon 50, file 70, total 120;
	 * ap = 60 * 121 / 51 = 142, fp = 140 * 121 / 71 = 238, denominator 380:
	 * 1000 * 142 / 380 = 373, 500 * 142 / 380 = 186, 2000 * 238 / 380 = 1252,
	 * 250 * 238 / 380 = 156 (all truncating).
	 */
	sc = gsc(2);
	sc.anon_cost = 10;
	sc.file_cost = 30;
	expect_scan(m, &sc, SCAN_FRACT, 373, 186, 1252, 156);
	/* swappiness 0: ap = 0, fp = 200 * 121 / 71 = 340: file only, in full */
	m->vm_swappiness = 0;
	expect_scan(m, &sc, SCAN_FRACT, 0, 0, 2000, 250);
	/* swappiness 200: fp = 0, ap = 200 * 121 / 51 = 474: anon only */
	m->vm_swappiness = 200;
	expect_scan(m, &sc, SCAN_FRACT, 1000, 500, 0, 0);
	/* swappiness 100, no costs: ap = fp = 100: halves */
	m->vm_swappiness = 100;
	sc = gsc(2);
	expect_scan(m, &sc, SCAN_FRACT, 500, 250, 1000, 125);
	restore_sizes(m, ZONE_NORMAL, old);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

START_TEST(scan_sizes_stop_at_reclaim_idx)
{
	struct machine *m = boot_zones(2048, 1024, 64);
	struct scan_control sc = gsc(0);
	struct sizes o32 = set_sizes(m, ZONE_DMA32, 800, 80, 400, 40);
	struct sizes on = set_sizes(m, ZONE_NORMAL, 1600, 160, 200, 20);

	/* lruvec_lru_size(): the zones 0..reclaim_idx (SCAN_EQUAL at priority 0) */
	sc.reclaim_idx = ZONE_DMA32;
	expect_scan(m, &sc, SCAN_EQUAL, 800, 80, 400, 40);
	sc = gsc(0);
	sc.reclaim_idx = ZONE_NORMAL;
	expect_scan(m, &sc, SCAN_EQUAL, 2400, 240, 600, 60);
	restore_sizes(m, ZONE_DMA32, o32);
	restore_sizes(m, ZONE_NORMAL, on);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

START_TEST(lruvec_loop_ignores_active_anon)
{
	struct machine *m = boot();
	struct task *t = new_task(m, "a");
	struct scan_control sc = gsc(0);
	unsigned long refill0;

	make_active_anon(m, t, 40);
	/*
	 * priority 0, swap: SCAN_EQUAL, nr = {0, 40, 0, 0}. The loop runs
	 * while nr[INACTIVE_ANON] | nr[ACTIVE_FILE] | nr[INACTIVE_FILE]: not
	 * at all, although may_deactivate allows anon aging. Afterwards the
	 * anon rebalance (inactive 0 * 1 < 40 active) ages SWAP_CLUSTER_MAX.
	 */
	sc.may_deactivate = DEACTIVATE_ANON | DEACTIVATE_FILE;
	refill0 = ev(m, PGREFILL);
	shrink_lruvec(m, 0, &sc);
	step(m);
	ck_assert_uint_eq(ev(m, PGREFILL) - refill0, 32);
	ck_assert_uint_eq(lru_len(m, LRU_ACTIVE_ANON), 8);
	ck_assert_uint_eq(lru_len(m, LRU_INACTIVE_ANON), 32);
	ck_assert_uint_eq(sc.nr_reclaimed, 0);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

START_TEST(lruvec_loop_stops_with_the_inactive_lists)
{
	struct machine *m = boot();
	struct task *t = new_task(m, "a");
	struct scan_control sc = gsc(0);
	unsigned long refill0, scan0;

	make_active_anon(m, t, 40);
	anon(m, t, 1);
	/*
	 * nr = {1, 40, 0, 0}: one round scans the inactive page and ages 32
	 * active ones; then nr = {0, 8, 0, 0} ends the loop. 33 inactive vs
	 * 8 active is not low: no rebalance.
	 */
	sc.may_deactivate = DEACTIVATE_ANON | DEACTIVATE_FILE;
	refill0 = ev(m, PGREFILL);
	scan0 = ev(m, PGSCAN_ANON);
	shrink_lruvec(m, 0, &sc);
	step(m);
	ck_assert_uint_eq(ev(m, PGREFILL) - refill0, 32);
	ck_assert_uint_eq(ev(m, PGSCAN_ANON) - scan0, 1);
	ck_assert_uint_eq(lru_len(m, LRU_ACTIVE_ANON), 8);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

START_TEST(lruvec_scales_the_other_type_once_enough_is_reclaimed)
{
	struct machine *m = boot();
	struct task *t = new_task(m, "a");
	int f = new_file(m, "data");
	struct scan_control sc = gsc(3);
	unsigned long sa0, sf0, tf0;

	anon(m, t, 1024);                  /* young: kept when scanned */
	clean_pages(m, f, 0, 1024);        /* clean, unreferenced: freed when scanned */
	ck_assert_uint_eq(lru_len(m, LRU_INACTIVE_ANON), 1024);
	ck_assert_uint_eq(lru_len(m, LRU_INACTIVE_FILE), 1024);
	/*
	 * priority 3, swappiness 60, no costs: targets ia = 128 * 60 / 200 = 38,
	 * if = 128 * 140 / 200 = 89, actives 0. Round 1: 32 anon (kept), 32
	 * file (freed): 32 >= nr_to_reclaim, and a direct reclaimer below
	 * DEF_PRIORITY scales: nr_file 57 > nr_anon 6, so anon stops at
	 * 6 * 100 / 39 = 15% left, and file is cut to 89 * 85 / 100 = 75
	 * minus the 32 done = 43 more (32 + 11).
	 */
	sa0 = ev(m, PGSCAN_ANON);
	sf0 = ev(m, PGSCAN_FILE);
	tf0 = ev(m, PGSTEAL_FILE);
	shrink_lruvec(m, 0, &sc);
	step(m);
	ck_assert_uint_eq(ev(m, PGSCAN_ANON) - sa0, 32);
	ck_assert_uint_eq(ev(m, PGSCAN_FILE) - sf0, 75);
	ck_assert_uint_eq(ev(m, PGSTEAL_FILE) - tf0, 75);
	ck_assert_uint_eq(sc.nr_reclaimed, 75);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

START_TEST(direct_reclaim_first_pass_is_not_cut_short)
{
	/*
	 * 576 MiB, no swap, 33 * 4096 = 135168 clean page cache pages read
	 * once: at DEF_PRIORITY get_scan_count() gives SCAN_FILE with
	 * nr[INACTIVE_FILE] = 135168 >> 12 = 33 (two rounds: 32 + 1).
	 */
	struct machine *m = boot_shape(0, 0, 147456, 0, 11, 9, 1);
	int f = new_file(m, "big");
	struct scan_control sc = gsc(DEF_PRIORITY);
	unsigned long scan0;

	read_pages(m, f, 0, 135168);
	ck_assert_uint_eq(lru_len(m, LRU_INACTIVE_FILE), 135168);
	/* a direct reclaimer at DEF_PRIORITY never scales: all 33 */
	scan0 = ev(m, PGSCAN_DIRECT);
	shrink_lruvec(m, 0, &sc);
	step(m);
	ck_assert_uint_eq(ev(m, PGSCAN_DIRECT) - scan0, 33);
	ck_assert_uint_eq(sc.nr_reclaimed, 33);
	/* kswapd at DEF_PRIORITY stops after the round that reached 32 (no anon left to balance) */
	kswapd_enter(m);
	sc = gsc(DEF_PRIORITY);
	scan0 = ev(m, PGSCAN_KSWAPD);
	shrink_lruvec(m, 0, &sc);
	kswapd_leave(m);
	ck_assert_uint_eq(ev(m, PGSCAN_KSWAPD) - scan0, 32);
	ck_assert_uint_eq(sc.nr_reclaimed, 32);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/* ======================================================================================= */
/* shrink_node()                                                                             */
/* ======================================================================================= */

START_TEST(node_trims_plentiful_cache_and_resets_failures)
{
	struct machine *m = boot();
	struct task *t = new_task(m, "a");
	int f = new_file(m, "data");
	struct scan_control sc = gsc(6);
	unsigned long sa0, sf0;

	anon(m, t, 64);
	clean_pages(m, f, 0, 256);
	NODE(m)->kswapd_failures = 3;
	sa0 = ev(m, PGSCAN_ANON);
	sf0 = ev(m, PGSCAN_FILE);
	/*
	 * No refaults, inactive lists not low: may_deactivate 0.
	 * cache_trim_mode: 256 >> 6 = 4 and file may not be deactivated.
	 * file_is_tiny: 256 + ~3700 free > 192. -> SCAN_FILE: 4 file pages.
	 */
	shrink_node(m, NODE(m), &sc);
	step(m);
	ck_assert_uint_eq(sc.may_deactivate, 0);
	ck_assert(sc.cache_trim_mode);
	ck_assert(!sc.file_is_tiny);
	ck_assert_int_eq(sc.scan_balance, SCAN_FILE);
	ck_assert_uint_eq(ev(m, PGSCAN_FILE) - sf0, 4);
	ck_assert_uint_eq(ev(m, PGSCAN_ANON) - sa0, 0);
	ck_assert_uint_eq(sc.nr_reclaimed, 4);
	/* progress: kswapd_failures back to 0 */
	ck_assert_int_eq(NODE(m)->kswapd_failures, 0);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

START_TEST(node_without_progress_keeps_its_failures)
{
	struct machine *m = boot();
	struct task *t = new_task(m, "a");
	struct scan_control sc = gsc(6);

	/*
	 * Only anon pages. shrink_node() copies the node's costs (5 and 7):
	 * total 12, anon 17, file 19, total 36; ap = 60 * 37 / 18 = 123,
	 * fp = 140 * 37 / 20 = 259. Inactive anon 64 >> 6 = 1, 1 * 123 / 382
	 * = 0: nothing is scanned, nothing freed, the failure count stays.
	 */
	anon(m, t, 64);
	LRUVEC(m)->anon_cost = 5;
	LRUVEC(m)->file_cost = 7;
	NODE(m)->kswapd_failures = 3;
	snapshot_events(m);
	shrink_node(m, NODE(m), &sc);
	step(m);
	ck_assert_uint_eq(sc.anon_cost, 5);
	ck_assert_uint_eq(sc.file_cost, 7);
	ck_assert_int_eq(sc.scan_balance, SCAN_FRACT);
	ck_assert_uint_eq(delta(m, PGSCAN_ANON), 0);
	ck_assert_uint_eq(sc.nr_reclaimed, 0);
	ck_assert_int_eq(NODE(m)->kswapd_failures, 3);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * A file "data" of n clean pages; offset 0 evicted and read back: a
 * refault that activates (distance 0), WORKINGSET_ACTIVATE_FILE 1, which
 * no snapshot of the lruvec (refaults[1], still 0) has seen yet.
 */
static void one_refault(struct machine *m, unsigned long n)
{
	int f = new_file(m, "data");
	struct scan_control sc = direct_sc(GFP_HIGHUSER_MOVABLE);

	clean_pages(m, f, 0, n);
	ck_assert_uint_eq(shrink(m, LRU_INACTIVE_FILE, 1, &sc), 1);
	read_pages(m, f, 0, 1);
	ck_assert_int_eq(node_stat(m, WORKINGSET_ACTIVATE_FILE), 1);
	ck_assert_uint_eq(LRUVEC(m)->refaults[1], 0);
}

START_TEST(node_deactivates_after_refaults_until_the_snapshot)
{
	struct machine *m = boot();
	struct scan_control sc = gsc(6);

	one_refault(m, 256);
	/* WORKINGSET_ACTIVATE_FILE != refaults[1]: deactivate file, no cache trimming */
	shrink_node(m, NODE(m), &sc);
	step(m);
	ck_assert_uint_eq(sc.may_deactivate, DEACTIVATE_FILE);
	ck_assert(!sc.cache_trim_mode);
	ck_assert_int_eq(sc.scan_balance, SCAN_FRACT);
	/* after snapshot_refaults() the node is quiet again: 255 inactive vs 1 active */
	snapshot_refaults(m, NODE(m));
	ck_assert_uint_eq(LRUVEC(m)->refaults[1], 1);
	sc = gsc(6);
	shrink_node(m, NODE(m), &sc);
	step(m);
	ck_assert_uint_eq(sc.may_deactivate, 0);
	ck_assert(sc.cache_trim_mode);
	ck_assert_int_eq(sc.scan_balance, SCAN_FILE);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

START_TEST(node_deactivates_a_low_inactive_list)
{
	struct machine *m = boot();
	struct task *t = new_task(m, "a");
	struct scan_control sc = gsc(6);
	unsigned long deact0;

	make_active_anon(m, t, 32);
	/* 0 inactive < 32 active: DEACTIVATE_ANON */
	deact0 = ev(m, PGDEACTIVATE);
	shrink_node(m, NODE(m), &sc);
	step(m);
	ck_assert_uint_eq(sc.may_deactivate, DEACTIVATE_ANON);
	/* and shrink_lruvec()'s anon rebalance aged the list */
	ck_assert_uint_gt(ev(m, PGDEACTIVATE) - deact0, 0);
	/* force_deactivate sets both bits regardless */
	sc = gsc(6);
	sc.force_deactivate = true;
	shrink_node(m, NODE(m), &sc);
	step(m);
	ck_assert_uint_eq(sc.may_deactivate, DEACTIVATE_ANON | DEACTIVATE_FILE);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

START_TEST(node_scans_anon_when_file_is_tiny)
{
	struct machine *m = boot();
	struct task *t = new_task(m, "a");
	struct scan_control sc = gsc(4);
	unsigned long sa0;

	anon(m, t, 64);
	/*
	 * min_free_kbytes 16000 kB = 4000 pages: min 4000, step 1000, high
	 * 6000 > free (~4030) + file (0): the page cache is "tiny". Inactive
	 * anon is not low and 64 >> 4 = 4: file_is_tiny -> SCAN_ANON.
	 */
	m->min_free_kbytes = 16000;
	setup_per_zone_wmarks(m);
	ck_assert_uint_eq(high_wmark_pages(ZONE(m, 0, ZONE_NORMAL)), 6000);
	sa0 = ev(m, PGSCAN_ANON);
	shrink_node(m, NODE(m), &sc);
	step(m);
	ck_assert(sc.file_is_tiny);
	ck_assert_int_eq(sc.scan_balance, SCAN_ANON);
	ck_assert_uint_eq(ev(m, PGSCAN_ANON) - sa0, 4);
	/* anon >> priority == 0 (64 >> 7): extreme pressure, not a cache problem */
	sc = gsc(7);
	shrink_node(m, NODE(m), &sc);
	step(m);
	ck_assert(!sc.file_is_tiny);
	ck_assert_int_eq(sc.scan_balance, SCAN_FRACT);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

START_TEST(kswapd_flags_a_node_under_writeback)
{
	struct machine *m = boot_noswap();
	int f = new_file(m, "log");
	struct scan_control sc = gsc(1);
	unsigned long i, j0;

	dirty_pages(m, f, 0, 8);
	ck_assert_uint_eq(writeback_dirty(m, 8), 8);
	step(m);
	/*
	 * kswapd, priority 1, no swap: SCAN_FILE, 8 >> 1 = 4 pages, all under
	 * writeback (case 2): nr.writeback 4 == nr.taken 4 -> PGDAT_WRITEBACK.
	 * nr.unqueued_dirty 0 != nr.file_taken 4: no PGDAT_DIRTY.
	 */
	kswapd_enter(m);
	sc = kswapd_sc();
	sc.priority = 1;
	shrink_node(m, NODE(m), &sc);
	step(m);
	ck_assert_uint_eq(sc.nr.writeback, 4);
	ck_assert_uint_eq(sc.nr.taken, 4);
	ck_assert(pgdat_flag(m, PGDAT_WRITEBACK));
	ck_assert(!pgdat_flag(m, PGDAT_DIRTY));
	/* nr.dirty 4 but none congested: the lruvec is not */
	ck_assert(!(LRUVEC(m)->flags & (1UL << LRUVEC_CONGESTED)));

	/*
	 * Pages kswapd meets again under writeback with PG_reclaim on a
	 * PGDAT_WRITEBACK node: nr_immediate, and kswapd sleeps
	 * congestion_wait(BLK_RW_ASYNC, HZ/10); the disk finishes meanwhile.
	 * Inactive file is 4 now (4..7), active 4 (0..3, not low: file aging
	 * skipped): 4 >> 1 = 2 pages scanned, both case 1.
	 */
	for (i = 4; i < 8; i++)
		set_page_flag(PG(m, file_pfn(m, f, i)), PG_reclaim);
	j0 = m->jiffies;
	sc = kswapd_sc();
	sc.priority = 1;
	shrink_node(m, NODE(m), &sc);
	kswapd_leave(m);
	ck_assert_uint_eq(sc.nr.immediate, 2);
	ck_assert_uint_eq(sc.nr.congested, 2);
	ck_assert_uint_eq(sc.nr.dirty, 2);
	ck_assert_uint_eq(m->jiffies - j0, HZ / 10);
	ck_assert_int_eq(node_stat(m, NR_WRITEBACK), 0);
	/* every dirty page seen was congested (writeback + PG_reclaim): LRUVEC_CONGESTED */
	ck_assert(LRUVEC(m)->flags & (1UL << LRUVEC_CONGESTED));
	lru_add_drain(m);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

START_TEST(kswapd_flags_a_node_full_of_unqueued_dirty_pages)
{
	struct machine *m = boot_noswap();
	int f = new_file(m, "log");
	struct scan_control sc;

	dirty_pages(m, f, 0, 8);
	/* a direct reclaimer never sets the node flags */
	sc = gsc(1);
	shrink_node(m, NODE(m), &sc);
	step(m);
	ck_assert_uint_eq(sc.nr.unqueued_dirty, 4);
	ck_assert_uint_eq(NODE(m)->flags, 0);
	/* kswapd: nr.unqueued_dirty 4 == nr.file_taken 4 -> PGDAT_DIRTY */
	kswapd_enter(m);
	sc = kswapd_sc();
	sc.priority = 1;
	shrink_node(m, NODE(m), &sc);
	step(m);
	ck_assert_uint_eq(sc.nr.unqueued_dirty, sc.nr.file_taken);
	ck_assert(pgdat_flag(m, PGDAT_DIRTY));
	ck_assert(!pgdat_flag(m, PGDAT_WRITEBACK));
	kswapd_leave(m);
	tick(m, DISK_DEFAULT_LATENCY + 2);
	lru_add_drain(m);
	assert_consistent(m);
	machine_destroy(m);

	/* 0 == 0 counts too: kswapd on a node with nothing to take */
	m = boot_noswap();
	kswapd_enter(m);
	sc = kswapd_sc();
	shrink_node(m, NODE(m), &sc);
	kswapd_leave(m);
	ck_assert(pgdat_flag(m, PGDAT_DIRTY));
	ck_assert(!pgdat_flag(m, PGDAT_WRITEBACK));
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/* ======================================================================================= */
/* try_to_free_pages()                                                                       */
/* ======================================================================================= */

static struct zonelist *zl(struct machine *m, gfp_t gfp)
{
	return node_zonelist(m, 0, gfp);
}

START_TEST(allocstall_counts_the_zone_of_reclaim_idx)
{
	struct machine *m = boot();
	int f = new_file(m, "data");
	unsigned long mov0, nor0, n;

	clean_pages(m, f, 0, 64);
	mov0 = ev(m, ALLOCSTALL_MOVABLE);
	nor0 = ev(m, ALLOCSTALL_NORMAL);
	/*
	 * GFP_HIGHUSER_MOVABLE: reclaim_idx ZONE_MOVABLE (the machine has no
	 * Movable zone; the counter is still allocstall_movable).
	 * From priority 12 down: 64 >> p is 0 until p = 6, where cache_trim_mode
	 * gives SCAN_FILE: 1, then 63 >> 5 = 1, 62 >> 4 = 3, 59 >> 3 = 7,
	 * 52 >> 2 = 13 (25 so far), 39 >> 1 = 19: 44 >= 32 ends the loop.
	 */
	n = try_to_free_pages(m, zl(m, GFP_HIGHUSER_MOVABLE), 0, GFP_HIGHUSER_MOVABLE);
	step(m);
	ck_assert_uint_eq(n, 44);
	ck_assert_uint_eq(ev(m, ALLOCSTALL_MOVABLE) - mov0, 1);
	ck_assert_uint_eq(ev(m, ALLOCSTALL_NORMAL) - nor0, 0);
	/* GFP_KERNEL: allocstall_normal */
	n = try_to_free_pages(m, zl(m, GFP_KERNEL), 0, GFP_KERNEL);
	step(m);
	ck_assert_uint_gt(n, 0);
	ck_assert_uint_eq(ev(m, ALLOCSTALL_MOVABLE) - mov0, 1);
	ck_assert_uint_eq(ev(m, ALLOCSTALL_NORMAL) - nor0, 1);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

START_TEST(priority_falls_to_zero_when_nothing_can_be_freed)
{
	struct machine *m = boot();
	struct scan_control rep;
	unsigned long stall0 = ev(m, ALLOCSTALL_MOVABLE);

	record_only(m, &rec, EV(TRACE_MM_VMSCAN_DIRECT_RECLAIM_BEGIN) | EV(TRACE_MM_VMSCAN_DIRECT_RECLAIM_END));
	ck_assert_uint_eq(try_to_free_pages_report(m, zl(m, GFP_HIGHUSER_MOVABLE), 0,
						   GFP_HIGHUSER_MOVABLE, &rep), 0);
	stop_recording(m);
	/* the loop ran DEF_PRIORITY..0 and left priority at -1; nothing to retry */
	ck_assert_int_eq(rep.priority, -1);
	ck_assert(rep.may_writepage);
	ck_assert(!rep.force_deactivate);
	ck_assert(!rep.compaction_ready);
	ck_assert_uint_eq(ev(m, ALLOCSTALL_MOVABLE) - stall0, 1);
	ck_assert_uint_eq(rec.n, 2);
	expect_line(TRACE_MM_VMSCAN_DIRECT_RECLAIM_BEGIN, 0,
		    "mm_vmscan_direct_reclaim_begin: order=0 gfp_flags=GFP_HIGHUSER_MOVABLE");
	expect_line(TRACE_MM_VMSCAN_DIRECT_RECLAIM_END, 0,
		    "mm_vmscan_direct_reclaim_end: nr_reclaimed=0");
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

START_TEST(laptop_mode_writes_only_below_def_priority_minus_2)
{
	struct machine *m = boot();
	struct scan_control rep;

	m->laptop_mode = 1;
	/* stopped at DEF_PRIORITY (compaction is ready for order 4): may_writepage still 0 */
	ck_assert_uint_eq(try_to_free_pages_report(m, zl(m, GFP_HIGHUSER_MOVABLE), 4,
						   GFP_HIGHUSER_MOVABLE, &rep), 1);
	step(m);
	ck_assert_int_eq(rep.priority, DEF_PRIORITY);
	ck_assert(!rep.may_writepage);
	/* a full descent passes priority 9 < DEF_PRIORITY - 2: may_writepage set */
	ck_assert_uint_eq(try_to_free_pages_report(m, zl(m, GFP_HIGHUSER_MOVABLE), 0,
						   GFP_HIGHUSER_MOVABLE, &rep), 0);
	step(m);
	ck_assert(rep.may_writepage);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

START_TEST(skipped_deactivation_is_retried_with_force)
{
	struct machine *m = boot();
	struct task *t = new_task(m, "a");
	struct scan_control rep;
	unsigned long stall0, deact0;

	/*
	 * 32 active anon pages over 64 inactive: not low, no refaults, so
	 * shrink_node() clears DEACTIVATE_ANON and every shrink_list() of the
	 * active anon list only sets skipped_deactivate. GFP_NOIO can reclaim
	 * none of the inactive anon pages (no swap I/O): nothing freed.
	 */
	make_active_anon(m, t, 32);
	anon(m, t, 64);
	stall0 = ev(m, ALLOCSTALL_NORMAL);
	deact0 = ev(m, PGDEACTIVATE);
	ck_assert_uint_eq(try_to_free_pages_report(m, zl(m, GFP_NOIO), 0, GFP_NOIO, &rep), 0);
	step(m);
	/* retried once from DEF_PRIORITY with force_deactivate: two allocstalls */
	ck_assert(rep.force_deactivate);
	ck_assert(!rep.skipped_deactivate);
	ck_assert_uint_eq(ev(m, ALLOCSTALL_NORMAL) - stall0, 2);
	ck_assert_uint_gt(ev(m, PGDEACTIVATE) - deact0, 0);
	ck_assert_uint_eq(m->swap.inuse, 0);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

START_TEST(direct_reclaim_snapshots_refaults)
{
	struct machine *m = boot();

	one_refault(m, 64);
	try_to_free_pages(m, zl(m, GFP_HIGHUSER_MOVABLE), 0, GFP_HIGHUSER_MOVABLE);
	step(m);
	ck_assert_uint_eq(LRUVEC(m)->refaults[1], (unsigned long)node_stat(m, WORKINGSET_ACTIVATE_FILE));
	ck_assert_uint_eq(LRUVEC(m)->refaults[0], (unsigned long)node_stat(m, WORKINGSET_ACTIVATE_ANON));
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

START_TEST(compaction_ready_stops_costly_order_reclaim)
{
	struct machine *m = boot();
	int f = new_file(m, "data");
	struct scan_control rep;
	unsigned long scan0, stall0;

	clean_pages(m, f, 0, 64);
	/*
	 * Order 4 > PAGE_ALLOC_COSTLY_ORDER on a nearly empty zone:
	 * compaction_suitable() says COMPACT_SUCCESS, so shrink_zones() skips
	 * the zone and sets compaction_ready; the loop breaks at DEF_PRIORITY
	 * and reports 1 (progress) without scanning anything.
	 */
	ck_assert_int_eq(compaction_suitable(ZONE(m, 0, ZONE_NORMAL), 4, 0, ZONE_MOVABLE),
			 COMPACT_SUCCESS);
	scan0 = ev(m, PGSCAN_DIRECT);
	stall0 = ev(m, ALLOCSTALL_MOVABLE);
	ck_assert_uint_eq(try_to_free_pages_report(m, zl(m, GFP_HIGHUSER_MOVABLE), 4,
						   GFP_HIGHUSER_MOVABLE, &rep), 1);
	step(m);
	ck_assert(rep.compaction_ready);
	ck_assert_int_eq(rep.priority, DEF_PRIORITY);
	ck_assert_uint_eq(rep.nr_reclaimed, 0);
	ck_assert_uint_eq(ev(m, PGSCAN_DIRECT), scan0);
	ck_assert_uint_eq(ev(m, ALLOCSTALL_MOVABLE) - stall0, 1);
	/* order 3 is not costly: reclaim goes ahead */
	ck_assert_uint_gt(try_to_free_pages_report(m, zl(m, GFP_HIGHUSER_MOVABLE), 3,
						   GFP_HIGHUSER_MOVABLE, &rep), 1);
	step(m);
	ck_assert(!rep.compaction_ready);
	ck_assert_uint_gt(ev(m, PGSCAN_DIRECT), scan0);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * Take pages with atomic allocations that do not wake kswapd (no
 * __GFP_KSWAPD_RECLAIM): they may go below min (ALLOC_HIGH |
 * ALLOC_HARDER: down to 48), until free < min / 2 = 64, the point where
 * allow_direct_reclaim() says no.
 */
static void below_half_min(struct machine *m)
{
	while (nr_free(m) >= 64)
		ck_assert_int_ge(mmsh_alloc(m, GFP__HIGH | GFP__ATOMIC, 0, NUMA_NO_NODE, NULL), 0);
	step(m);
}

START_TEST(throttled_direct_reclaim_waits_for_kswapd)
{
	struct machine *m = boot();
	int f = new_file(m, "data");
	struct task *t = new_task(m, "app");
	pg_data_t *pgdat = NODE(m);
	unsigned long thr0, steal0, j0;
	size_t i, wake = 0, begin = 0;

	clean_pages(m, f, 0, 1024);
	below_half_min(m);
	ck_assert_int_eq(pgdat->kswapd_state, KSWAPD_SLEEPING);
	assert_consistent(m);
	thr0 = ev(m, PGSCAN_DIRECT_THROTTLE);
	steal0 = ev(m, PGSTEAL_KSWAPD);
	j0 = m->jiffies;
	record_only(m, &rec, EV(TRACE_MM_VMSCAN_KSWAPD_WAKE) | EV(TRACE_MM_VMSCAN_DIRECT_RECLAIM_BEGIN));
	/*
	 * A task (not a kernel thread: throttle_direct_reclaim() lets
	 * PF_KTHREAD callers through) reclaims: free < 128 / 2 with
	 * reclaimable pages: throttled (counted), kswapd woken, the task waits
	 * while time passes until kswapd freed enough.
	 */
	m->current_task = t;
	try_to_free_pages(m, zl(m, GFP_HIGHUSER_MOVABLE), 0, GFP_HIGHUSER_MOVABLE);
	m->current_task = NULL;
	stop_recording(m);
	ck_assert_uint_eq(ev(m, PGSCAN_DIRECT_THROTTLE) - thr0, 1);
	ck_assert_uint_gt(ev(m, PGSTEAL_KSWAPD) - steal0, 0);
	ck_assert_uint_gt(m->jiffies, j0);
	ck_assert_int_gt(nr_free(m), 64);
	for (i = 0; i < rec.n; i++) {
		if (rec.ev[i].id == TRACE_MM_VMSCAN_KSWAPD_WAKE && !wake)
			wake = i + 1;
		if (rec.ev[i].id == TRACE_MM_VMSCAN_DIRECT_RECLAIM_BEGIN && !begin)
			begin = i + 1;
	}
	/* kswapd ran before direct reclaim began */
	ck_assert_uint_gt(wake, 0);
	ck_assert_uint_gt(begin, wake);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

START_TEST(hopeless_node_does_not_throttle)
{
	struct machine *m = boot();
	int f = new_file(m, "data");
	struct task *t = new_task(m, "app");
	unsigned long thr0;

	clean_pages(m, f, 0, 1024);
	below_half_min(m);
	ck_assert(!allow_direct_reclaim(NODE(m)));
	/* kswapd_failures >= MAX_RECLAIM_RETRIES: allow_direct_reclaim() is true */
	NODE(m)->kswapd_state = KSWAPD_SLEEPING;
	NODE(m)->kswapd_failures = MAX_RECLAIM_RETRIES;
	ck_assert(allow_direct_reclaim(NODE(m)));
	thr0 = ev(m, PGSCAN_DIRECT_THROTTLE);
	m->current_task = t;
	try_to_free_pages(m, zl(m, GFP_HIGHUSER_MOVABLE), 0, GFP_HIGHUSER_MOVABLE);
	m->current_task = NULL;
	ck_assert_uint_eq(ev(m, PGSCAN_DIRECT_THROTTLE), thr0);
	/* the direct reclaim made progress: failures reset, kswapd may run again */
	ck_assert_int_eq(NODE(m)->kswapd_failures, 0);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * throttle_direct_reclaim(): "if (current->flags & PF_KTHREAD) goto out".
 * mmsh's own context (no task running: `alloc`, kswapd, the kworkers) is
 * a kernel thread: on the same node below half its min watermark it is
 * not throttled (no pgscan_direct_throttle, no time passes, kswapd is not
 * woken by allow_direct_reclaim()) and reclaims straight away.
 */
START_TEST(kernel_threads_are_never_throttled)
{
	struct machine *m = boot();
	int f = new_file(m, "data");
	unsigned long thr0, j0, steal0;

	clean_pages(m, f, 0, 1024);
	below_half_min(m);
	ck_assert(current_is_kthread(m));
	thr0 = ev(m, PGSCAN_DIRECT_THROTTLE);
	steal0 = ev(m, PGSTEAL_DIRECT);
	j0 = m->jiffies;
	record_only(m, &rec, EV(TRACE_MM_VMSCAN_KSWAPD_WAKE));
	ck_assert_uint_ge(try_to_free_pages(m, zl(m, GFP_HIGHUSER_MOVABLE), 0, GFP_HIGHUSER_MOVABLE),
			  SWAP_CLUSTER_MAX);
	stop_recording(m);
	ck_assert_uint_eq(ev(m, PGSCAN_DIRECT_THROTTLE), thr0);
	ck_assert_uint_ge(ev(m, PGSTEAL_DIRECT) - steal0, SWAP_CLUSTER_MAX);
	ck_assert_uint_eq(m->jiffies, j0);
	ck_assert_uint_eq(count_events(&rec, TRACE_MM_VMSCAN_KSWAPD_WAKE), 0);
	ck_assert_int_eq(NODE(m)->kswapd_state, KSWAPD_SLEEPING);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

static Suite *vmscan_suite(void)
{
	Suite *s = suite_create("vmscan");
	TCase *pl = tcase_create("page_list");
	TCase *iso = tcase_create("isolate");
	TCase *inact = tcase_create("inactive");
	TCase *act = tcase_create("active");
	TCase *bal = tcase_create("balance");
	TCase *node = tcase_create("node");
	TCase *dir = tcase_create("direct");

	tcase_set_timeout(pl, 60);
	tcase_add_test(pl, locked_page_is_kept_and_not_counted);
	tcase_add_test(pl, unevictable_page_is_not_activated);
	tcase_add_test(pl, mapped_page_is_kept_without_may_unmap);
	tcase_add_test(pl, writeback_page_is_marked_for_immediate_reclaim);
	tcase_add_test(pl, global_reclaim_never_waits_on_writeback);
	tcase_add_test(pl, kswapd_counts_immediate_on_a_writeback_node);
	tcase_add_test(pl, two_young_mappings_activate);
	tcase_add_test(pl, one_young_pte_gets_one_more_round);
	tcase_add_test(pl, executable_file_page_is_activated_on_first_use);
	tcase_add_test(pl, referenced_clean_file_page_is_reclaimed);
	tcase_add_test(pl, referenced_dirty_file_page_is_kept_by_kswapd);
	tcase_add_test(pl, kswapd_writes_a_dirty_file_page_it_met_before);
	tcase_add_test(pl, direct_reclaim_leaves_dirty_file_pages_to_the_flusher);
	tcase_add_test(pl, kswapd_defers_until_it_met_the_page_on_a_dirty_node);
	tcase_add_test(pl, anon_page_goes_to_swap_and_comes_back);
	tcase_add_test(pl, anon_page_needs_gfp_io);
	tcase_add_test(pl, full_swap_activates_the_anon_page);
	tcase_add_test(pl, vm_locked_mapping_mlocks_the_page);
	tcase_add_test(pl, clean_page_leaves_a_shadow_and_reaches_the_pcp);
	tcase_add_test(pl, extra_reference_stops_remove_mapping);
	tcase_add_test(pl, no_writepage_keeps_dirty_pages);
	tcase_add_test(pl, activation_gives_the_slot_back_when_swap_is_half_full);
	tcase_add_test(pl, pageout_keeps_a_page_somebody_else_holds);
	suite_add_tcase(s, pl);

	tcase_set_timeout(iso, 60);
	tcase_add_test(iso, isolate_skips_zones_above_reclaim_idx);
	tcase_add_test(iso, pgscan_counts_the_skipped_pages);
	tcase_add_test(iso, isolate_unmapped_mode_leaves_mapped_pages);
	tcase_add_test(iso, nr_isolated_covers_the_batch);
	suite_add_tcase(s, iso);

	tcase_set_timeout(inact, 60);
	tcase_add_test(inact, scan_and_steal_counters_by_reclaimer_and_type);
	tcase_add_test(inact, pageouts_are_the_reclaim_cost);
	tcase_add_test(inact, flusher_is_woken_only_when_all_taken_pages_are_unqueued_dirty);
	tcase_add_test(inact, shrink_inactive_trace_line);
	tcase_add_test(inact, too_many_isolated_throttles_direct_reclaimers);
	suite_add_tcase(s, inact);

	tcase_set_timeout(act, 60);
	tcase_add_test(act, active_file_list_is_deactivated_except_used_text);
	tcase_add_test(act, active_anon_pages_are_deactivated_even_when_young);
	tcase_add_test(act, unevictable_active_page_is_put_back);
	tcase_add_test(act, pages_freed_while_isolated_by_shrink_active_list);
	suite_add_tcase(s, act);

	tcase_set_timeout(bal, 120);
	tcase_add_test(bal, inactive_ratio_is_one_below_a_gib);
	tcase_add_test(bal, inactive_ratio_grows_with_the_square_root);
	tcase_add_test(bal, scan_file_only_without_swap);
	tcase_add_test(bal, scan_equal_at_priority_zero);
	tcase_add_test(bal, scan_anon_when_file_is_tiny_and_file_when_trimming);
	tcase_add_test(bal, scan_fract_arithmetic);
	tcase_add_test(bal, scan_sizes_stop_at_reclaim_idx);
	tcase_add_test(bal, lruvec_loop_ignores_active_anon);
	tcase_add_test(bal, lruvec_loop_stops_with_the_inactive_lists);
	tcase_add_test(bal, lruvec_scales_the_other_type_once_enough_is_reclaimed);
	tcase_add_test(bal, direct_reclaim_first_pass_is_not_cut_short);
	suite_add_tcase(s, bal);

	tcase_set_timeout(node, 60);
	tcase_add_test(node, node_trims_plentiful_cache_and_resets_failures);
	tcase_add_test(node, node_without_progress_keeps_its_failures);
	tcase_add_test(node, node_deactivates_after_refaults_until_the_snapshot);
	tcase_add_test(node, node_deactivates_a_low_inactive_list);
	tcase_add_test(node, node_scans_anon_when_file_is_tiny);
	tcase_add_test(node, kswapd_flags_a_node_under_writeback);
	tcase_add_test(node, kswapd_flags_a_node_full_of_unqueued_dirty_pages);
	suite_add_tcase(s, node);

	tcase_set_timeout(dir, 60);
	tcase_add_test(dir, allocstall_counts_the_zone_of_reclaim_idx);
	tcase_add_test(dir, priority_falls_to_zero_when_nothing_can_be_freed);
	tcase_add_test(dir, laptop_mode_writes_only_below_def_priority_minus_2);
	tcase_add_test(dir, skipped_deactivation_is_retried_with_force);
	tcase_add_test(dir, direct_reclaim_snapshots_refaults);
	tcase_add_test(dir, compaction_ready_stops_costly_order_reclaim);
	tcase_add_test(dir, throttled_direct_reclaim_waits_for_kswapd);
	tcase_add_test(dir, hopeless_node_does_not_throttle);
	tcase_add_test(dir, kernel_threads_are_never_throttled);
	suite_add_tcase(s, dir);
	return s;
}

int main(void)
{
	return run_suite(vmscan_suite());
}
