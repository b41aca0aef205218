/*
 * tests/unit/test_kstep_reclaim.c: the kernel steps of reclaim and its
 * neighbours (include/mmsh/kstep.h): the LRU (lru_cache_add, the pagevec
 * drains, mark_page_accessed's two-touch rule, activation, rotation and
 * deactivation), the faults that add pages (do_anonymous_page,
 * filemap_fault, do_swap_page) and the workingset's refault decision,
 * reclaim (shrink_page_list page by page, page_check_references, pageout,
 * __remove_mapping, isolate_lru_pages, shrink_inactive_list,
 * shrink_active_list, shrink_list, get_scan_count, shrink_lruvec,
 * shrink_node, try_to_free_pages), kswapd (wakeup_kswapd,
 * pgdat_balanced, balance_pgdat, kswapd_try_to_sleep), compaction
 * (compaction_suitable, deferral, compact_zone, both scanners, migration,
 * __compact_finished, kcompactd) and the OOM killer (out_of_memory,
 * oom_evaluate_task, the kill and the reaper).
 *
 * Each test builds the state that drives one decision and checks the
 * steps' texts, whose numbers are derived in the comments from the 5.10
 * rules (sections 9-12 of the semantics reference). Steps of functions
 * this suite does not cover (the allocator's) are filtered out where a
 * test compares a sequence. The last tests check that every step names a
 * known function and that a subscriber changes nothing: `why` and `step`
 * replay a command on a copy of the machine and rely on that.
 *
 * Machines: S = boot_swap(4096, 1024, 1) (one Normal zone of 4096 pages:
 * min 128, low 160, high 192; 1023 usable swap slots, slot 0 being the
 * header), boot_small() (16384 pages, no swap), and machine K of
 * test_kswapd.c (1024 pages, MAX_ORDER 7, pageblock_order 5, no swap: min
 * 64, low 80, high 96, pcp high 0, so frees reach the buddy lists at once).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "mmsh/compaction.h"
#include "mmsh/kstep.h"
#include "mmsh/kswapd.h"
#include "mmsh/list.h"
#include "mmsh/lru.h"
#include "mmsh/oom.h"
#include "mmsh/page_alloc.h"
#include "mmsh/procfs.h"
#include "mmsh/strbuf.h"
#include "mmsh/swap.h"
#include "mmsh/vmscan.h"
#include "mmsh/watermark.h"
#include "mmsh/workload.h"

/* ---- the recorder ------------------------------------------------------------------------ */

#define MAX_STEPS 40000

struct step_rec {
	size_t n, lost;
	const char *func[MAX_STEPS];
	char text[MAX_STEPS][KSTEP_TEXT];
};

static struct step_rec rec;

static void recorder(struct machine *m, const struct kstep *st, void *arg)
{
	struct step_rec *r = arg;

	(void)m;
	if (r->n >= MAX_STEPS) {
		r->lost++;
		return;
	}
	r->func[r->n] = st->func;
	snprintf(r->text[r->n], KSTEP_TEXT, "%s", st->text);
	r->n++;
}

static void record(struct machine *m)
{
	rec.n = 0;
	rec.lost = 0;
	kstep_subscribe(m, recorder, &rec);
}

static void stop(struct machine *m)
{
	kstep_subscribe(m, NULL, NULL);
	ck_assert_uint_eq(rec.lost, 0);
}

/* The functions this suite instruments; the allocator's steps are filtered out. */
static const char *const ours[] = {
	"__activate_page", "__compact_finished", "__isolate_free_page",
	"__lru_cache_activate_page", "__oom_kill_process", "__pagevec_lru_add",
	"__pagevec_lru_add_fn", "__remove_mapping", "activate_page", "add_to_page_cache_lru",
	"add_to_swap", "age_active_anon", "allow_direct_reclaim", "balance_pgdat",
	"check_panic_on_oom", "compact_zone", "compaction_defer_reset", "compaction_deferred",
	"compaction_suitable", "deactivate_file_page", "deactivate_page", "defer_compaction",
	"do_anonymous_page", "do_swap_page", "do_try_to_free_pages", "end_page_writeback",
	"exit_mmap", "fast_isolate_freepages", "filemap_fault", "generic_file_buffered_read",
	"get_scan_count", "isolate_freepages", "isolate_freepages_block", "isolate_lru_pages",
	"isolate_migratepages", "isolate_migratepages_block", "kcompactd_do_work", "kswapd",
	"kswapd_shrink_node", "kswapd_try_to_sleep", "lru_add_drain_cpu", "lru_cache_add",
	"lru_cache_add_inactive_or_unevictable", "lru_deactivate_file_fn", "lru_deactivate_fn",
	"lru_note_cost", "mark_page_accessed", "migrate_pages", "mlock_vma_page",
	"move_pages_to_lru", "oom_evaluate_task", "oom_reap_task_mm", "out_of_memory",
	"page_cache_ra_unbounded", "page_check_references", "page_referenced", "pageout",
	"pagevec_move_tail_fn", "pgdat_balanced", "prepare_kswapd_sleep",
	"rotate_reclaimable_page", "select_bad_process", "should_continue_reclaim",
	"shrink_active_list", "shrink_inactive_list", "shrink_list", "shrink_lruvec",
	"shrink_node", "shrink_page_list", "shrink_zones", "throttle_direct_reclaim",
	"too_many_isolated", "try_to_compact_pages", "try_to_free_pages", "try_to_free_swap",
	"try_to_unmap_one", "unmap_and_move", "wakeup_kcompactd", "wakeup_kswapd",
	"workingset_eviction", "workingset_refault",
};

static bool is_ours(const char *func)
{
	size_t i;

	for (i = 0; i < sizeof(ours) / sizeof(ours[0]); i++)
		if (!strcmp(ours[i], func))
			return true;
	return false;
}

/* Keep only this suite's steps (in order), or only those of `only` when given. */
static void filter(const char *only)
{
	size_t i, n = 0;

	for (i = 0; i < rec.n; i++) {
		if (only ? strcmp(rec.func[i], only) != 0 : !is_ours(rec.func[i]))
			continue;
		rec.func[n] = rec.func[i];
		if (n != i)
			memcpy(rec.text[n], rec.text[i], KSTEP_TEXT);
		n++;
	}
	rec.n = n;
}

/* Keep only the steps of these functions (in order). */
static void keep(const char *const *funcs, size_t nfuncs)
{
	size_t i, j, n = 0;

	for (i = 0; i < rec.n; i++)
		for (j = 0; j < nfuncs; j++)
			if (!strcmp(rec.func[i], funcs[j])) {
				rec.func[n] = rec.func[i];
				if (n != i)
					memcpy(rec.text[n], rec.text[i], KSTEP_TEXT);
				n++;
				break;
			}
	rec.n = n;
}

/* Drop the steps of one function. */
static void drop(const char *func)
{
	size_t i, n = 0;

	for (i = 0; i < rec.n; i++) {
		if (!strcmp(rec.func[i], func))
			continue;
		rec.func[n] = rec.func[i];
		if (n != i)
			memcpy(rec.text[n], rec.text[i], KSTEP_TEXT);
		n++;
	}
	rec.n = n;
}

/* How many steps of func contain part. */
static size_t count_with(const char *func, const char *part)
{
	size_t i, n = 0;

	for (i = 0; i < rec.n; i++)
		n += !strcmp(rec.func[i], func) && strstr(rec.text[i], part);
	return n;
}

/* The index of the first step of func at or after `from` whose text starts with prefix; -1. */
static long find_from(size_t from, const char *func, const char *prefix)
{
	size_t i;

	for (i = from; i < rec.n; i++)
		if (!strcmp(rec.func[i], func) && !strncmp(rec.text[i], prefix, strlen(prefix)))
			return (long)i;
	return -1;
}

static long find(const char *func, const char *prefix)
{
	return find_from(0, func, prefix);
}

static size_t count(const char *func)
{
	size_t i, n = 0;

	for (i = 0; i < rec.n; i++)
		n += !strcmp(rec.func[i], func);
	return n;
}

/* Step i must be func with exactly this text. */
static void expect_at(size_t i, const char *func, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void expect_at(size_t i, const char *func, const char *fmt, ...)
{
	char want[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(want, sizeof(want), fmt, ap);
	va_end(ap);
	ck_assert_msg(i < rec.n, "step %zu (%s: %s) missing: only %zu steps", i, func, want, rec.n);
	ck_assert_msg(!strcmp(rec.func[i], func) && !strcmp(rec.text[i], want),
		      "step %zu:\n  want %s: %s\n  got  %s: %s", i, func, want, rec.func[i],
		      rec.text[i]);
}

/* Some step is func with exactly this text. */
static void expect_step(const char *func, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void expect_step(const char *func, const char *fmt, ...)
{
	char want[512];
	va_list ap;
	size_t i;

	va_start(ap, fmt);
	vsnprintf(want, sizeof(want), fmt, ap);
	va_end(ap);
	for (i = 0; i < rec.n; i++)
		if (!strcmp(rec.func[i], func) && !strcmp(rec.text[i], want))
			return;
	for (i = 0; i < rec.n; i++)
		if (!strcmp(rec.func[i], func))
			fprintf(stderr, "  have %s: %s\n", rec.func[i], rec.text[i]);
	ck_abort_msg("no step %s: %s", func, want);
}

/* ---- machines and owners ------------------------------------------------------------------ */

static struct machine *boot_s(void)
{
	struct machine *m = boot_swap(4096, 1024, 1);

	ck_assert_uint_eq(min_wmark_pages(NORMAL(m)), 128);
	ck_assert_uint_eq(high_wmark_pages(NORMAL(m)), 192);
	ck_assert_uint_eq(m->swap.pages, 1023);
	return m;
}

static struct machine *boot_k(void)
{
	struct machine *m = boot_shape(0, 0, 1024, 0, 7, 5, 1);

	m->watermark_boost_factor = 0;
	ck_assert_uint_eq(min_wmark_pages(NORMAL(m)), 64);
	ck_assert_uint_eq(low_wmark_pages(NORMAL(m)), 80);
	ck_assert_uint_eq(high_wmark_pages(NORMAL(m)), 96);
	ck_assert_int_eq(NORMAL(m)->pageset[0].pcp.high, 0);
	return m;
}

/* The anonymous pte of vpage v is made old, as if not used since the last scan. */
static void make_old(struct task *t, unsigned long v)
{
	t->anon[v] &= ~PTE_YOUNG;
}

static struct kthread_context ksave;

static void as_kswapd(struct machine *m)
{
	kthread_enter(m, &ksave, "kswapd", 0, KSWAPD_PID_BASE);
	m->current_flags = PF_MEMALLOC | PF_KSWAPD;
}

static void not_kswapd(struct machine *m)
{
	kthread_leave(m, &ksave);
}

/* try_to_free_pages()'s scan_control for GFP_KERNEL, as the helpers' reclaim_page() uses. */
static struct scan_control direct_sc(void)
{
	struct scan_control sc = {
		.nr_to_reclaim = SWAP_CLUSTER_MAX, .gfp_mask = GFP_KERNEL,
		.reclaim_idx = ZONE_NORMAL, .priority = DEF_PRIORITY,
		.may_writepage = true, .may_unmap = true, .may_swap = true,
	};
	return sc;
}

/* Hold order-0 pages until the zone has exactly `target` free pages. */
static void fill_to(struct machine *m, long target)
{
	while (nr_free(m) > target)
		ck_assert_int_ge(held(m, FILL_GFP, 0), 0);
	ck_assert_int_eq(nr_free(m), target);
}

/* Run the jiffies the disk needs to finish what was submitted. */
static void finish_io(struct machine *m)
{
	tick(m, m->disk.latency + 1);
}

/* ======================================================================================== */
/* the LRU: pagevecs, the two-touch rule, rotation and deactivation                          */
/* ======================================================================================== */

/*
 * A read of a new page: readahead allocates it, add_to_page_cache_lru()
 * puts it in the cache and lru_cache_add() in cpu 0's lru_add pagevec
 * (one of 15), then the copy marks it accessed: the first touch sets
 * PG_referenced. The second read finds it inactive and referenced, still
 * in the pagevec (not PageLRU): __lru_cache_activate_page() sets PG_active
 * in place, and the drain puts it straight on the active file list. The
 * third touch only sets PG_referenced on the active page, the fourth
 * changes nothing (10.3: inactive,unreferenced -> inactive,referenced ->
 * active,unreferenced -> active,referenced).
 */
START_TEST(two_touch_rule_while_the_page_waits_in_the_pagevec)
{
	struct machine *m = boot_s();
	int f = new_file(m, "f");
	unsigned long pfn;
	size_t i = 0;

	record(m);
	read_file(m, f, 0, 1);
	read_file(m, f, 0, 1);
	lru_add_drain(m);
	read_file(m, f, 0, 1);
	read_file(m, f, 0, 1);
	stop(m);
	filter(NULL);
	pfn = file_pfn(m, f, 0);
	expect_at(i++, "generic_file_buffered_read", "read f offsets 0-0: readahead of the missing "
		  "pages 32 at a time, then each page is copied and marked accessed");
	expect_at(i++, "add_to_page_cache_lru", "pfn=0x%lx caches f offset 0, locked until its I/O "
		  "is done", pfn);
	expect_at(i++, "lru_cache_add", "pfn=0x%lx waits in cpu 0's lru_add pagevec (1 of 15), with "
		  "a reference of its own", pfn);
	expect_at(i++, "page_cache_ra_unbounded", "f offsets 0-0: 1 missing page added to the page "
		  "cache and read in one I/O");
	expect_at(i++, "mark_page_accessed", "pfn=0x%lx was inactive and unreferenced: first touch, "
		  "PG_referenced set", pfn);
	/* the second read: the page is cached, no readahead */
	expect_at(i++, "generic_file_buffered_read", "read f offsets 0-0: readahead of the missing "
		  "pages 32 at a time, then each page is copied and marked accessed");
	expect_at(i++, "mark_page_accessed", "pfn=0x%lx is inactive and referenced: second touch, "
		  "activate it (in a pagevec: __lru_cache_activate_page()), clear PG_referenced, age "
		  "nonresident_age", pfn);
	expect_at(i++, "__lru_cache_activate_page", "pfn=0x%lx is slot 0 of cpu 0's lru_add pagevec: "
		  "PG_active set there, so it joins the active list", pfn);
	expect_at(i++, "lru_add_drain_cpu", "cpu 0 drains its pagevecs: lru_add 1, lru_rotate 0, "
		  "lru_deactivate_file 0, lru_deactivate 0, activate_page 0 pages");
	expect_at(i++, "__pagevec_lru_add", "1 page of the pagevec goes to the LRU in pagevec order, "
		  "then release_pages() drops the pagevec's references");
	expect_at(i++, "__pagevec_lru_add_fn", "pfn=0x%lx gets PG_lru and goes to the head of "
		  "active_file (PG_active was set while it waited)", pfn);
	expect_at(i++, "generic_file_buffered_read", "read f offsets 0-0: readahead of the missing "
		  "pages 32 at a time, then each page is copied and marked accessed");
	expect_at(i++, "mark_page_accessed", "pfn=0x%lx was active and unreferenced: first touch, "
		  "PG_referenced set", pfn);
	expect_at(i++, "generic_file_buffered_read", "read f offsets 0-0: readahead of the missing "
		  "pages 32 at a time, then each page is copied and marked accessed");
	expect_at(i++, "mark_page_accessed", "pfn=0x%lx is active and referenced already: nothing "
		  "changes", pfn);
	ck_assert_uint_eq(rec.n, i);
	ck_assert(PageActive(PG(m, pfn)) && PageReferenced(PG(m, pfn)) && PageLRU(PG(m, pfn)));
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * The same second touch once the page is on the inactive list: it is
 * queued in the activate_page pagevec and stays inactive until that
 * drains; then __activate_page() moves it to the head of active_file.
 */
START_TEST(second_touch_on_the_lru_goes_through_activate_page)
{
	struct machine *m = boot_s();
	int f = new_file(m, "f");
	unsigned long pfn;
	size_t i = 0;

	read_file(m, f, 0, 1);
	lru_add_drain(m);
	pfn = file_pfn(m, f, 0);
	record(m);
	read_file(m, f, 0, 1);
	ck_assert(!PageActive(PG(m, pfn)));
	lru_add_drain(m);
	stop(m);
	filter(NULL);
	i = 1;   /* after generic_file_buffered_read */
	expect_at(i++, "mark_page_accessed", "pfn=0x%lx is inactive and referenced: second touch, "
		  "activate it (on the LRU: activate_page()), clear PG_referenced, age "
		  "nonresident_age", pfn);
	expect_at(i++, "activate_page", "pfn=0x%lx joins cpu 0's activate_page pagevec (1 of 15): it "
		  "stays inactive until the pagevec drains", pfn);
	expect_at(i++, "lru_add_drain_cpu", "cpu 0 drains its pagevecs: lru_add 0, lru_rotate 0, "
		  "lru_deactivate_file 0, lru_deactivate 0, activate_page 1 pages");
	expect_at(i++, "__activate_page", "pfn=0x%lx moves from inactive_file to the head of "
		  "active_file (pgactivate)", pfn);
	ck_assert_uint_eq(rec.n, i);
	ck_assert(PageActive(PG(m, pfn)) && !PageReferenced(PG(m, pfn)));
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * do_anonymous_page() for 15 pages: each is mapped, then waits in the
 * lru_add pagevec; the 15th fills it (PAGEVEC_SIZE) and the drain adds
 * them in pagevec order, each to the head of inactive_anon (5.9+), so the
 * last faulted ends up at the head.
 */
START_TEST(the_fifteenth_page_drains_the_lru_add_pagevec)
{
	struct machine *m = boot_s();
	struct task *t = new_task(m, "a");
	unsigned long v, head[1];
	long at;

	record(m);
	fault(m, t, 15);
	stop(m);
	filter(NULL);
	expect_step("do_anonymous_page", "%s (pid %d) touches vpage 0, not present: allocate a "
		    "zeroed page (GFP_HIGHUSER_MOVABLE|__GFP_ZERO)", t->comm, t->pid);
	expect_step("do_anonymous_page", "pfn=0x%lx is mapped at vpage 0 (young pte, PG_swapbacked, "
		    "rss_anon 1); lru_cache_add_inactive_or_unevictable(): to the inactive anon list",
		    anon_pfn(t, 0));
	expect_step("lru_cache_add", "pfn=0x%lx waits in cpu 0's lru_add pagevec (14 of 15), with a "
		    "reference of its own", anon_pfn(t, 13));
	at = find("__pagevec_lru_add", "15 pages");
	ck_assert_int_gt(at, 0);
	expect_at((size_t)at - 1, "lru_cache_add", "pfn=0x%lx waits in cpu 0's lru_add pagevec (15 "
		  "of 15), with a reference of its own: the pagevec is full, drain it", anon_pfn(t, 14));
	expect_at((size_t)at, "__pagevec_lru_add", "15 pages of the pagevec go to the LRU in pagevec "
		  "order, then release_pages() drops the pagevec's references");
	for (v = 0; v < 15; v++)
		expect_at((size_t)at + 1 + v, "__pagevec_lru_add_fn", "pfn=0x%lx gets PG_lru and goes "
			  "to the head of inactive_anon", anon_pfn(t, v));
	ck_assert_uint_eq(lru_pfns(m, LRU_INACTIVE_ANON, head, 1), 15);
	ck_assert_uint_eq(head[0], anon_pfn(t, 14));
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * A task with mlockall faults a page: lru_cache_add_inactive_or_unevictable()
 * sets PG_mlocked for the VM_LOCKED vma, and the drain finds it not
 * evictable: LRU_UNEVICTABLE.
 */
START_TEST(a_page_of_a_locked_vma_goes_to_unevictable)
{
	struct machine *m = boot_s();
	struct task *t = new_task(m, "locked");
	unsigned long pfn;

	mlock_all(m, t, true);
	record(m);
	fault(m, t, 1);
	lru_add_drain(m);
	stop(m);
	filter(NULL);
	pfn = anon_pfn(t, 0);
	expect_step("do_anonymous_page", "pfn=0x%lx is mapped at vpage 0 (young pte, PG_swapbacked, "
		    "rss_anon 1); lru_cache_add_inactive_or_unevictable(): VM_LOCKED, so unevictable",
		    pfn);
	expect_step("lru_cache_add_inactive_or_unevictable", "pfn=0x%lx is in a VM_LOCKED vma: "
		    "PG_mlocked set (nr_mlock, unevictable_pgs_mlocked): it will go to unevictable",
		    pfn);
	expect_step("__pagevec_lru_add_fn", "pfn=0x%lx gets PG_lru and goes to the head of "
		    "unevictable (PG_mlocked: page_evictable() is false)", pfn);
	ck_assert(PageUnevictable(PG(m, pfn)));
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * madvise(MADV_COLD) on an active anon page: the pte is made old,
 * PG_referenced cleared, and deactivate_page() queues it; the drain's
 * lru_deactivate_fn() moves it to the head of inactive_anon.
 */
START_TEST(cold_advice_deactivates_through_the_pagevec)
{
	struct machine *m = boot_s();
	struct task *t = new_task(m, "a");
	unsigned long pfn;

	fault(m, t, 1);
	lru_add_drain(m);
	pfn = anon_pfn(t, 0);
	mark_page_accessed(m, PG(m, pfn));
	mark_page_accessed(m, PG(m, pfn));
	lru_add_drain(m);
	ck_assert(PageActive(PG(m, pfn)));
	record(m);
	ck_assert_uint_eq(madvise_cold(m, t), 1);
	lru_add_drain(m);
	stop(m);
	filter(NULL);
	expect_at(0, "deactivate_page", "pfn=0x%lx joins cpu 0's lru_deactivate pagevec (1 of 15)",
		  pfn);
	expect_at(1, "lru_add_drain_cpu", "cpu 0 drains its pagevecs: lru_add 0, lru_rotate 0, "
		  "lru_deactivate_file 0, lru_deactivate 1, activate_page 0 pages");
	expect_at(2, "lru_deactivate_fn", "pfn=0x%lx leaves active_anon for the head of "
		  "inactive_anon, PG_referenced cleared (pgdeactivate)", pfn);
	ck_assert(!PageActive(PG(m, pfn)));
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST


/*
 * filemap_fault(): the first mapping of offset 0 finds it uncached (a
 * major fault: allocate, add to the cache, read), the second task's
 * finds it cached (minor); each maps it with a young pte.
 */
START_TEST(file_faults_are_major_then_minor)
{
	struct machine *m = boot_s();
	struct task *a = new_task(m, "a"), *b = new_task(m, "b");
	int f = new_file(m, "lib");
	unsigned long pfn;

	record(m);
	map_file(m, a, f, 1, false);
	map_file(m, b, f, 1, false);
	stop(m);
	keep((const char *const[]){ "filemap_fault" }, 1);
	pfn = file_pfn(m, f, 0);
	expect_at(0, "filemap_fault", "a (pid %d) faults lib offset 0: not cached: allocate a page "
		  "and read it (major fault)", a->pid);
	expect_at(1, "filemap_fault", "pfn=0x%lx is mapped by a young pte (mapcount 1, rss_file 1)",
		  pfn);
	expect_at(2, "filemap_fault", "b (pid %d) faults lib offset 0: the page is in the page cache "
		  "(minor fault)", b->pid);
	expect_at(3, "filemap_fault", "pfn=0x%lx is mapped by a young pte (mapcount 2, rss_file 1)",
		  pfn);
	ck_assert_uint_eq(rec.n, 4);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * invalidate_mapping_pages() cannot drop a dirty page: deactivate_file_page()
 * queues it, and lru_deactivate_file_fn() puts it at the head of the
 * inactive list with PG_reclaim (5.10: dirty or under writeback), where
 * reclaim meets it after the flusher wrote it.
 */
START_TEST(an_undroppable_dirty_page_is_deactivated_with_pg_reclaim)
{
	struct machine *m = boot_s();
	int f = new_file(m, "log");
	unsigned long pfn;

	write_file(m, f, 0, 1);
	lru_add_drain(m);
	pfn = file_pfn(m, f, 0);
	record(m);
	ck_assert_uint_eq(invalidate_mapping_pages(m, f), 0);
	lru_add_drain(m);
	stop(m);
	filter(NULL);
	expect_at(0, "deactivate_file_page", "pfn=0x%lx joins cpu 0's lru_deactivate_file pagevec "
		  "(1 of 15)", pfn);
	expect_at(1, "lru_add_drain_cpu", "cpu 0 drains its pagevecs: lru_add 0, lru_rotate 0, "
		  "lru_deactivate_file 1, lru_deactivate 0, activate_page 0 pages");
	expect_at(2, "lru_deactivate_file_fn", "pfn=0x%lx (inactive) goes to the head of "
		  "inactive_file with PG_reclaim: dirty or under writeback, freed after the I/O", pfn);
	ck_assert(PageReclaim(PG(m, pfn)));
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * Swap with 2 usable slots, both in use: vm_swap_full() (2 * 2 > 2). The
 * swap-in of vpage 0 therefore gives slot 1 back at once
 * (try_to_free_swap): the page is dirty again, 1 of 2 slots in use.
 */
START_TEST(a_swap_in_frees_the_slot_when_swap_is_full)
{
	struct machine *m = boot_swap(4096, 3, 1);
	struct task *t = new_task(m, "a");
	struct mm_error e;
	unsigned long v, pfn;

	fault(m, t, 2);
	lru_add_drain(m);
	for (v = 0; v < 2; v++) {
		make_old(t, v);
		ck_assert_uint_eq(reclaim_page(m, anon_page(m, t, v), false), 0);
	}
	finish_io(m);
	lru_add_drain(m);
	for (v = 0; v < 2; v++)
		ck_assert_uint_eq(reclaim_page(m, lookup_swap_cache(m, v + 1), false), 1);
	ck_assert(vm_swap_full(m));
	record(m);
	ck_assert_int_eq(touch_task(m, t, &e), 2);
	stop(m);
	filter(NULL);
	pfn = anon_pfn(t, 0);
	expect_step("do_swap_page", "pfn=0x%lx is mapped at vpage 0 (young pte); slot 1 loses the "
		    "pte's reference: 0 left, and the swap cache's", pfn);
	expect_step("try_to_free_swap", "pfn=0x%lx gives swap slot 1 back (no pte names it); dirty "
		    "again, memory holds the only copy (1 of 2 slots in use)", pfn);
	ck_assert(PageDirty(PG(m, pfn)) && !PageSwapCache(PG(m, pfn)));
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/* ======================================================================================== */
/* shrink_page_list(): one decision per page                                                 */
/* ======================================================================================== */

/*
 * A page cache page read once: unmapped (no page_referenced() walk), PG_referenced
 * set and not swap-backed: PAGEREF_RECLAIM_CLEAN. It is clean, so
 * __remove_mapping() freezes the refcount (cache + isolation = 2), leaves
 * a shadow whose eviction count is the node's nonresident_age after this
 * eviction ages it (0 + 1), and the page is freed.
 */
START_TEST(a_clean_page_read_once_is_reclaimed)
{
	struct machine *m = boot_s();
	int f = new_file(m, "f");
	unsigned long pfn;

	read_file(m, f, 0, 1);
	lru_add_drain(m);
	pfn = file_pfn(m, f, 0);
	ck_assert_uint_eq(m->node_data[0]->lruvec.nonresident_age, 0);
	record(m);
	ck_assert_uint_eq(reclaim_page(m, PG(m, pfn), false), 1);
	stop(m);
	filter(NULL);
	expect_at(0, "page_check_references", "pfn=0x%lx: no young pte, PG_referenced was set, a "
		  "file page: PAGEREF_RECLAIM_CLEAN, freed only if clean", pfn);
	expect_at(1, "workingset_eviction", "pfn=0x%lx is evicted: node 0's nonresident_age ages to "
		  "1, which the shadow entry keeps", pfn);
	expect_at(2, "__remove_mapping", "pfn=0x%lx leaves the page cache; a shadow entry takes its "
		  "slot; refcount frozen at 0", pfn);
	expect_at(3, "shrink_page_list", "pfn=0x%lx is reclaimed (1 so far): unlocked, it waits in "
		  "the free batch for free_unref_page_list()", pfn);
	expect_at(4, "shrink_page_list", "done: 1 reclaimed and freed; of the rest 0 activated (anon "
		  "0, file 0), 0 kept for a young pte, 0 written out; dirty 0 (unqueued 0), writeback "
		  "0, immediate 0");
	ck_assert_uint_eq(rec.n, 5);
	ck_assert(!cached(m, f, 0));
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * A file page mapped by one task: the fault made its pte young but did
 * not mark the page accessed. First scan: one young pte, PG_referenced
 * clear: PAGEREF_KEEP (PG_referenced now set, the pte old). Second scan:
 * no young pte, PG_referenced set: PAGEREF_RECLAIM_CLEAN; try_to_unmap()
 * clears the pte (mapcount -1, refcount cache + isolation = 2), and the
 * clean page is freed.
 */
START_TEST(a_mapped_page_gets_one_more_round_then_goes)
{
	struct machine *m = boot_s();
	struct task *t = new_task(m, "reader");
	int f = new_file(m, "f");
	unsigned long pfn;

	map_file(m, t, f, 1, false);
	lru_add_drain(m);
	pfn = file_pfn(m, f, 0);
	record(m);
	ck_assert_uint_eq(reclaim_page(m, PG(m, pfn), false), 0);
	filter(NULL);
	expect_at(0, "page_referenced", "pfn=0x%lx (mapcount 1): 1 young pte found and made old",
		  pfn);
	expect_at(1, "page_check_references", "pfn=0x%lx: referenced_ptes=1, PG_referenced was "
		  "clear: PG_referenced set, one more trip round the inactive list, PAGEREF_KEEP", pfn);
	expect_at(2, "shrink_page_list", "pfn=0x%lx has one young pte (PAGEREF_KEEP): kept on the "
		  "inactive list (nr_ref_keep)", pfn);
	ck_assert(PageReferenced(PG(m, pfn)) && !PageActive(PG(m, pfn)));
	record(m);
	ck_assert_uint_eq(reclaim_page(m, PG(m, pfn), false), 1);
	stop(m);
	filter(NULL);
	expect_at(0, "page_referenced", "pfn=0x%lx (mapcount 1): 0 young ptes found and made old",
		  pfn);
	expect_at(1, "page_check_references", "pfn=0x%lx: no young pte, PG_referenced was set, a "
		  "file page: PAGEREF_RECLAIM_CLEAN, freed only if clean", pfn);
	expect_at(2, "try_to_unmap_one", "pfn=0x%lx: %s (pid %d)'s pte is cleared; mapcount now 0, "
		  "refcount 2", pfn, t->comm, t->pid);
	expect_at(5, "shrink_page_list", "pfn=0x%lx is reclaimed (1 so far): unlocked, it waits in "
		  "the free batch for free_unref_page_list()", pfn);
	ck_assert_uint_eq(t->rss_file, 0);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * Two tasks map the same file page, both ptes young: referenced_ptes = 2
 * activates it at once; executable text is activated at its first use
 * even with one young pte (page_check_references()).
 */
START_TEST(two_young_mappings_or_executable_text_activate)
{
	struct machine *m = boot_s();
	struct task *a = new_task(m, "a"), *b = new_task(m, "b"), *c = new_task(m, "c");
	int f = new_file(m, "shared"), g = new_file(m, "text");
	unsigned long pfn, tpfn;

	map_file(m, a, f, 1, false);
	map_file(m, b, f, 1, false);
	map_file(m, c, g, 1, true);
	lru_add_drain(m);
	pfn = file_pfn(m, f, 0);
	tpfn = file_pfn(m, g, 0);
	record(m);
	ck_assert_uint_eq(reclaim_page(m, PG(m, pfn), false), 0);
	ck_assert_uint_eq(reclaim_page(m, PG(m, tpfn), false), 0);
	stop(m);
	filter(NULL);
	expect_step("page_referenced", "pfn=0x%lx (mapcount 2): 2 young ptes found and made old",
		    pfn);
	expect_step("page_check_references", "pfn=0x%lx: referenced_ptes=2, PG_referenced was "
		    "clear: young in more than one mapping, PAGEREF_ACTIVATE", pfn);
	expect_step("shrink_page_list", "pfn=0x%lx was referenced (PAGEREF_ACTIVATE): activated",
		    pfn);
	expect_step("page_referenced", "pfn=0x%lx (mapcount 1): 1 young pte found and made old, one "
		    "in a VM_EXEC vma", tpfn);
	expect_step("page_check_references", "pfn=0x%lx: referenced_ptes=1 in a VM_EXEC vma, "
		    "file-backed: executable text is activated at first use, PAGEREF_ACTIVATE", tpfn);
	expect_step("shrink_page_list", "done: 0 reclaimed and freed; of the rest 1 activated (anon "
		    "0, file 1), 0 kept for a young pte, 0 written out; dirty 0 (unqueued 0), "
		    "writeback 0, immediate 0");
	ck_assert(PageActive(PG(m, pfn)) && PageActive(PG(m, tpfn)));
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * An anonymous page nobody used since the last scan: PAGEREF_RECLAIM;
 * add_to_swap() takes slot 1 (slot 0 is the header), the page joins the
 * swap cache dirty; try_to_unmap() turns the pte into the swap entry;
 * pageout() starts the write (PG_reclaim, PG_writeback) and the page is
 * kept. When the write completes, end_page_writeback() sees PG_reclaim and
 * rotates the page to the inactive tail; the next scan finds it clean in
 * the swap cache and unmapped: __remove_mapping() frees it. Touching the
 * vpage then reads the slot back (a major fault); the slot kept a shadow
 * (eviction 1, age now 1: distance 0 <= workingset_size 0, so the page
 * starts active).
 */
START_TEST(an_anon_page_goes_to_swap_and_comes_back)
{
	struct machine *m = boot_s();
	struct task *t = new_task(m, "a");
	struct mm_error e;
	unsigned long pfn, npfn;
	long at;

	fault(m, t, 1);
	lru_add_drain(m);
	make_old(t, 0);
	pfn = anon_pfn(t, 0);
	record(m);
	ck_assert_uint_eq(reclaim_page(m, PG(m, pfn), false), 0);
	filter(NULL);
	expect_at(0, "page_referenced", "pfn=0x%lx (mapcount 1): 0 young ptes found and made old",
		  pfn);
	expect_at(1, "page_check_references", "pfn=0x%lx: no young pte, PG_referenced was clear: "
		  "PAGEREF_RECLAIM", pfn);
	expect_at(2, "add_to_swap", "pfn=0x%lx gets swap slot 1 (1 of 1023 in use) and joins the swap "
		  "cache, dirty so that pageout() writes it", pfn);
	expect_at(3, "try_to_unmap_one", "pfn=0x%lx: %s (pid %d)'s pte becomes a swap entry "
		  "(swapents+1); mapcount now 0, refcount 2", pfn, t->comm, t->pid);
	expect_at(4, "pageout", "pfn=0x%lx: dirty bit cleared, PG_reclaim and PG_writeback set, write "
		  "to its swap slot submitted (nr_vmscan_write): PAGE_SUCCESS", pfn);
	expect_at(5, "shrink_page_list", "pfn=0x%lx is being written out (PAGE_SUCCESS, nr_pageout): "
		  "kept until the I/O ends, then rotated to the tail and freed by a later scan", pfn);
	expect_at(6, "shrink_page_list", "done: 0 reclaimed and freed; of the rest 0 activated (anon "
		  "0, file 0), 0 kept for a young pte, 1 written out; dirty 0 (unqueued 0), writeback "
		  "0, immediate 0");

	/* the disk completes the write */
	record(m);
	finish_io(m);
	lru_add_drain(m);
	filter(NULL);
	expect_at(0, "end_page_writeback", "pfn=0x%lx: writeback ends, PG_reclaim was set (reclaim "
		  "wanted it): rotate_reclaimable_page()", pfn);
	expect_at(1, "rotate_reclaimable_page", "pfn=0x%lx (PG_reclaim, writeback done) joins cpu 0's "
		  "lru_rotate pagevec (1 of 15)", pfn);
	expect_at(2, "lru_add_drain_cpu", "cpu 0 drains its pagevecs: lru_add 0, lru_rotate 1, "
		  "lru_deactivate_file 0, lru_deactivate 0, activate_page 0 pages");
	expect_at(3, "pagevec_move_tail_fn", "pfn=0x%lx goes to the tail of inactive_anon "
		  "(pgrotated): the next scan meets it first", pfn);

	/* the second scan frees it */
	record(m);
	ck_assert_uint_eq(reclaim_page(m, PG(m, pfn), false), 1);
	filter(NULL);
	expect_at(0, "page_check_references", "pfn=0x%lx: no young pte, PG_referenced was clear: "
		  "PAGEREF_RECLAIM", pfn);
	expect_at(1, "workingset_eviction", "pfn=0x%lx is evicted: node 0's nonresident_age ages to "
		  "1, which the shadow entry keeps", pfn);
	expect_at(2, "__remove_mapping", "pfn=0x%lx leaves the swap cache (its data is on swap); a "
		  "shadow entry takes its slot; refcount frozen at 0", pfn);
	expect_at(3, "shrink_page_list", "pfn=0x%lx is reclaimed (1 so far): unlocked, it waits in "
		  "the free batch for free_unref_page_list()", pfn);

	/* the task touches it again: a major fault through do_swap_page() */
	record(m);
	ck_assert_int_eq(touch_task(m, t, &e), 1);
	stop(m);
	filter(NULL);
	npfn = anon_pfn(t, 0);
	expect_at(0, "do_swap_page", "%s (pid %d) touches vpage 0, a swap entry for slot 1: not in "
		  "the swap cache: allocate a page and read the slot (major fault)", t->comm, t->pid);
	expect_at(1, "do_swap_page", "pfn=0x%lx holds slot 1's data and joins the swap cache; the "
		  "slot has a shadow entry: workingset_refault() decides its list", npfn);
	expect_at(2, "workingset_refault", "pfn=0x%lx refaults: distance = age 1 - eviction 1 = 0 <= "
		  "workingset_size 0 (active_file + inactive_file + active_anon): PG_active set, "
		  "workingset_activate_anon", npfn);
	at = find("do_swap_page", "pfn=0x");
	at = find_from((size_t)at + 1, "do_swap_page", "pfn=0x");
	ck_assert_int_gt(at, 0);
	expect_at((size_t)at, "do_swap_page", "pfn=0x%lx is mapped at vpage 0 (young pte); slot 1 "
		  "loses the pte's reference: 0 left, and the swap cache's", npfn);
	ck_assert(page_content_get(m, npfn) == t->anon_want[0]);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * Direct reclaim meets a dirty file page (written, never read): only
 * kswapd writes file pages (and only ones it met before on a PGDAT_DIRTY
 * node), so it gets PG_reclaim and is activated, left to the flusher.
 */
START_TEST(direct_reclaim_leaves_a_dirty_file_page_to_the_flusher)
{
	struct machine *m = boot_s();
	int f = new_file(m, "log");
	unsigned long pfn;

	write_file(m, f, 0, 1);
	lru_add_drain(m);
	pfn = file_pfn(m, f, 0);
	record(m);
	ck_assert_uint_eq(reclaim_page(m, PG(m, pfn), false), 0);
	stop(m);
	filter(NULL);
	expect_at(0, "page_check_references", "pfn=0x%lx: no young pte, PG_referenced was clear: "
		  "PAGEREF_RECLAIM", pfn);
	expect_at(1, "shrink_page_list", "pfn=0x%lx is a dirty file page and only kswapd writes "
		  "those: PG_reclaim set, activated, left to the flusher (nr_vmscan_immediate_reclaim)",
		  pfn);
	expect_at(2, "shrink_page_list", "done: 0 reclaimed and freed; of the rest 1 activated (anon "
		  "0, file 1), 0 kept for a young pte, 0 written out; dirty 1 (unqueued 1), writeback "
		  "0, immediate 0");
	ck_assert(PageReclaim(PG(m, pfn)) && PageActive(PG(m, pfn)));
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * A page under writeback met again by direct reclaim: case 2 of
 * shrink_page_list() (global reclaim never waits): PG_reclaim, activated.
 * An extra reference (a pin) stops __remove_mapping(): refcount 3 != 2.
 * A page of a VM_LOCKED vma that is still on an evictable list:
 * page_check_references() says PAGEREF_RECLAIM so that try_to_unmap_one()
 * mlocks it; the unmap fails and putback culls it.
 */
START_TEST(writeback_pins_and_locked_vmas_keep_pages)
{
	struct machine *m = boot_s();
	struct task *t = new_task(m, "a");
	int f = new_file(m, "f");
	unsigned long apfn, fpfn;

	fault(m, t, 1);
	read_file(m, f, 0, 1);
	lru_add_drain(m);
	make_old(t, 0);
	apfn = anon_pfn(t, 0);
	fpfn = file_pfn(m, f, 0);
	ck_assert_uint_eq(reclaim_page(m, PG(m, apfn), false), 0);
	ck_assert(PageWriteback(PG(m, apfn)));
	record(m);
	ck_assert_uint_eq(reclaim_page(m, PG(m, apfn), false), 0);
	pin_file(m, f, true);
	/* the pin is a reference nobody owns: the checker would refuse it */
	ck_assert_uint_eq(reclaim_page_unchecked(m, PG(m, fpfn), false), 0);
	filter(NULL);
	expect_at(0, "shrink_page_list", "pfn=0x%lx is under writeback (case 2: global reclaim never "
		  "waits): PG_reclaim set so the end of the I/O rotates it, activated meanwhile", apfn);
	expect_step("__remove_mapping", "pfn=0x%lx: refcount 3, not 2 (cache + isolation): "
		    "page_ref_freeze() fails, someone else holds it", fpfn);
	expect_step("shrink_page_list", "pfn=0x%lx could not be removed from its mapping "
		    "(__remove_mapping failed): kept", fpfn);
	pin_file(m, f, false);
	finish_io(m);

	/* mlockall after the fault: the page is on inactive_anon, its vma VM_LOCKED */
	{
		struct task *l = new_task(m, "locker");
		unsigned long lpfn;

		fault(m, l, 1);
		lru_add_drain(m);
		lpfn = anon_pfn(l, 0);
		l->mlocked = true;   /* the vma became VM_LOCKED; mlock_fixup() has not run yet */
		record(m);
		ck_assert_uint_eq(reclaim_page_unchecked(m, PG(m, lpfn), false), 0);
		filter(NULL);
		expect_step("page_check_references", "pfn=0x%lx: a VM_LOCKED vma maps it: "
			    "PAGEREF_RECLAIM, so that try_to_unmap() mlocks it", lpfn);
		expect_step("try_to_unmap_one", "pfn=0x%lx: %s (pid %d) maps it in a VM_LOCKED vma: "
			    "mlock the page instead, the unmap fails (SWAP_MLOCK)", lpfn, l->comm, l->pid);
		expect_step("mlock_vma_page", "pfn=0x%lx is mapped by a VM_LOCKED vma: PG_mlocked set "
			    "(unevictable_pgs_mlocked); not on an LRU list now: whoever holds it puts "
			    "it back to unevictable", lpfn);
		expect_step("shrink_page_list", "pfn=0x%lx could not be unmapped: a VM_LOCKED mapping "
			    "mlocked it, putback culls it (nr_unmap_fail)", lpfn);
		ck_assert(PageMlocked(PG(m, lpfn)) && PageUnevictable(PG(m, lpfn)));
	}
	stop(m);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * Swap with a single usable slot (2 slots, one the header): the second
 * anonymous page finds no slot and is activated (5.10 shrink_page_list:
 * add_to_swap() failed -> activate_locked).
 */
START_TEST(full_swap_activates_anonymous_pages)
{
	struct machine *m = boot_swap(4096, 2, 1);
	struct task *t = new_task(m, "a");
	unsigned long p0, p1;

	fault(m, t, 2);
	lru_add_drain(m);
	make_old(t, 0);
	make_old(t, 1);
	p0 = anon_pfn(t, 0);
	p1 = anon_pfn(t, 1);
	ck_assert_uint_eq(reclaim_page(m, PG(m, p0), false), 0);
	record(m);
	ck_assert_uint_eq(reclaim_page(m, PG(m, p1), false), 0);
	stop(m);
	filter(NULL);
	expect_at(2, "add_to_swap", "pfn=0x%lx: no free swap slot (1 of 1 in use)", p1);
	expect_at(3, "shrink_page_list", "pfn=0x%lx is anonymous and swap is full (add_to_swap "
		  "failed): activated", p1);
	ck_assert(PageActive(PG(m, p1)));
	finish_io(m);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/* ======================================================================================== */
/* the list shrinkers, get_scan_count(), shrink_lruvec(), shrink_node()                      */
/* ======================================================================================== */

/*
 * shrink_inactive_list(32) over 40 pages read once: the tail 32 are
 * isolated (none busy, none in a zone above reclaim_idx), all freed; the
 * cost noted is the 0 pages written, and the LRU left is 8 pages (8 / 4 =
 * 2 >= the costs' sum 0: no halving).
 */
START_TEST(shrink_inactive_list_summarises_the_batch)
{
	struct machine *m = boot_s();
	struct scan_control sc = direct_sc();
	int f = new_file(m, "f");

	read_file(m, f, 0, 40);
	lru_add_drain(m);
	record(m);
	ck_assert_uint_eq(shrink_inactive_list(m, 32, 0, &sc, LRU_INACTIVE_FILE), 32);
	stop(m);
	filter(NULL);
	expect_at(0, "shrink_inactive_list", "inactive_file: nr_to_scan=32 at priority 12 (direct "
		  "reclaim)");
	expect_at(1, "isolate_lru_pages", "inactive_file tail: nr_to_scan=32: scanned 32, took 32, "
		  "0 busy (being freed), 0 skipped (zones above Normal, back to the head)");
	expect_step("move_pages_to_lru", "0 pages back at the heads of their lists: 0 active (each "
		    "ages nonresident_age), 0 inactive");
	expect_step("lru_note_cost", "file cost += 0: anon_cost=0 file_cost=0 (sum <= LRU 8 / 4)");
	expect_at(rec.n - 1, "shrink_inactive_list", "inactive_file: scanned 32, took 32, reclaimed "
		  "32 (pgsteal); unqueued dirty 0 of 32 taken");
	ck_assert_uint_eq(count("shrink_page_list"), 33);   /* 32 pages and the summary */
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * too_many_isolated(): a direct GFP_KERNEL reclaimer compares the file
 * pages isolated with an eighth of the inactive ones (40 >> 3 = 5). With
 * 100 isolated by someone else it waits 100 ms once, then gives up.
 */
START_TEST(too_many_isolated_waits_once_then_gives_up)
{
	struct machine *m = boot_s();
	struct scan_control sc = direct_sc();
	int f = new_file(m, "f");

	read_file(m, f, 0, 40);
	lru_add_drain(m);
	m->node_data[0]->vm_stat[NR_ISOLATED_FILE] += 100;
	record(m);
	ck_assert_uint_eq(shrink_inactive_list(m, 32, 0, &sc, LRU_INACTIVE_FILE), 0);
	stop(m);
	m->node_data[0]->vm_stat[NR_ISOLATED_FILE] -= 100;
	filter(NULL);
	expect_at(1, "too_many_isolated", "file isolated 100 > inactive / 8 5: wait 100 ms for the "
		  "other reclaimers");
	expect_at(2, "too_many_isolated", "file isolated 100 > inactive / 8 5: still too many after "
		  "the wait: give up, nothing reclaimed");
	ck_assert_uint_eq(rec.n, 3);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * shrink_active_list() over two active file pages, both mapped young:
 * offset 0 by an executable vma stays active (referenced VM_EXEC file
 * page), offset 1 is deactivated although referenced (5.10 keeps only
 * executable text active). The pages were activated in the pagevec in
 * order 0, 1, so 1 is at the head and 0 at the tail, which the scan meets
 * first.
 */
START_TEST(shrink_active_list_keeps_only_referenced_text)
{
	struct machine *m = boot_s();
	struct task *t = new_task(m, "prog");
	struct scan_control sc = direct_sc();
	struct mm_error e;
	int f = new_file(m, "bin");
	unsigned long p0, p1;

	read_file(m, f, 0, 2);
	read_file(m, f, 0, 2);
	lru_add_drain(m);
	ck_assert_int_eq(fault_file(m, t, f, 0, 1, true, &e), 1);
	ck_assert_int_eq(fault_file(m, t, f, 1, 1, false, &e), 1);
	p0 = file_pfn(m, f, 0);
	p1 = file_pfn(m, f, 1);
	ck_assert(PageActive(PG(m, p0)) && PageActive(PG(m, p1)));
	sc.may_deactivate = DEACTIVATE_FILE;
	record(m);
	ck_assert_uint_eq(shrink_list(m, LRU_ACTIVE_FILE, 32, 0, &sc), 0);
	stop(m);
	filter(NULL);
	expect_at(0, "shrink_list", "active_file: may_deactivate has DEACTIVATE_FILE (shrink_node "
		  "found the inactive list low or refaults): age 32 pages");
	expect_at(1, "shrink_active_list", "active_file: nr_to_scan=32 at priority 12 (direct "
		  "reclaim)");
	expect_at(2, "isolate_lru_pages", "active_file tail: nr_to_scan=32: scanned 2, took 2, 0 busy "
		  "(being freed), 0 skipped (zones above Normal, back to the head)");
	expect_at(3, "page_referenced", "pfn=0x%lx (mapcount 1): 1 young pte found and made old, one "
		  "in a VM_EXEC vma", p0);
	expect_at(4, "shrink_active_list", "pfn=0x%lx: referenced (1) executable file page "
		  "(VM_EXEC): stays active (nr_rotated 1)", p0);
	expect_at(5, "page_referenced", "pfn=0x%lx (mapcount 1): 1 young pte found and made old", p1);
	expect_at(6, "shrink_active_list", "pfn=0x%lx: 1 young pte, but only executable file pages "
		  "stay active: deactivated (PG_active cleared, PG_workingset set)", p1);
	expect_at(7, "move_pages_to_lru", "1 pages back at the heads of their lists: 1 active (each "
		  "ages nonresident_age), 0 inactive");
	expect_at(8, "move_pages_to_lru", "1 pages back at the heads of their lists: 0 active (each "
		  "ages nonresident_age), 1 inactive");
	expect_at(9, "shrink_active_list", "active_file: took 2 of 2 scanned (pgrefill); 1 stay "
		  "active, 1 deactivated (pgdeactivate)");
	ck_assert_uint_eq(rec.n, 10);
	ck_assert(PageActive(PG(m, p0)) && !PageActive(PG(m, p1)) && test_page_flag(PG(m, p1), PG_workingset));

	/* without DEACTIVATE_ANON the active anon list is not aged at all */
	sc.may_deactivate = 0;
	record(m);
	ck_assert_uint_eq(shrink_list(m, LRU_ACTIVE_ANON, 7, 0, &sc), 0);
	stop(m);
	expect_at(0, "shrink_list", "active_anon: no DEACTIVATE_ANON (inactive list not low, no "
		  "refaults): 7 pages not aged, skipped_deactivate set");
	ck_assert(sc.skipped_deactivate);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * get_scan_count()'s balance and targets. With anon_cost 10, file_cost 30
 * and swappiness 60: total = 40, anon_cost' = 40 + 10 = 50, file_cost' =
 * 40 + 30 = 70, total' = 120; ap = 60 * 121 / 51 = 142, fp = 140 * 121 / 71
 * = 238, denominator 380. At priority 2, 100 inactive anon pages give
 * 100 >> 2 = 25, * 142 / 380 = 9; 40 inactive file pages 10 * 238 / 380
 * = 6. The other modes, first match wins: no swap -> SCAN_FILE; priority 0
 * -> SCAN_EQUAL; file_is_tiny -> SCAN_ANON; cache_trim_mode -> SCAN_FILE.
 */
START_TEST(get_scan_count_shows_the_fractions)
{
	struct machine *m = boot_s();
	struct task *t = new_task(m, "a");
	struct scan_control sc = direct_sc();
	unsigned long nr[NR_EVICTABLE_LRU_LISTS];
	int f = new_file(m, "f");

	fault(m, t, 100);
	read_file(m, f, 0, 40);
	lru_add_drain(m);
	sc.priority = 2;
	sc.anon_cost = 10;
	sc.file_cost = 30;
	record(m);
	get_scan_count(m, &m->node_data[0]->lruvec, &sc, nr);
	expect_at(0, "get_scan_count", "SCAN_FRACT: swappiness=60, anon_cost=10 file_cost=30 "
		  "(weighted 50 and 70 of 120): ap = 60*121/51 = 142, fp = 140*121/71 = 238");
	expect_at(1, "get_scan_count", "SCAN_FRACT, sizes >> priority 2: inactive_anon 100->9, "
		  "active_anon 0->0, inactive_file 40->6, active_file 0->0");
	ck_assert_uint_eq(nr[LRU_INACTIVE_ANON], 9);
	ck_assert_uint_eq(nr[LRU_INACTIVE_FILE], 6);

	record(m);
	sc.priority = 0;
	get_scan_count(m, &m->node_data[0]->lruvec, &sc, nr);
	expect_at(0, "get_scan_count", "priority 0 and swappiness=60: SCAN_EQUAL, every list "
		  "scanned whole");
	expect_at(1, "get_scan_count", "SCAN_EQUAL, sizes >> priority 0: inactive_anon 100->100, "
		  "active_anon 0->0, inactive_file 40->40, active_file 0->0");
	record(m);
	sc.priority = 2;
	sc.file_is_tiny = true;
	get_scan_count(m, &m->node_data[0]->lruvec, &sc, nr);
	expect_at(0, "get_scan_count", "file_is_tiny (the page cache is nearly gone): SCAN_ANON");
	expect_at(1, "get_scan_count", "SCAN_ANON, sizes >> priority 2: inactive_anon 100->25, "
		  "active_anon 0->0, inactive_file 40->0, active_file 0->0");
	record(m);
	sc.file_is_tiny = false;
	sc.cache_trim_mode = true;
	get_scan_count(m, &m->node_data[0]->lruvec, &sc, nr);
	expect_at(0, "get_scan_count", "cache_trim_mode (plenty of inactive cache, no refaults): "
		  "SCAN_FILE");
	record(m);
	sc.may_swap = false;
	get_scan_count(m, &m->node_data[0]->lruvec, &sc, nr);
	stop(m);
	expect_at(0, "get_scan_count", "may_swap=0: SCAN_FILE, anonymous pages cannot go anywhere");
	expect_at(1, "get_scan_count", "SCAN_FILE, sizes >> priority 2: inactive_anon 100->0, "
		  "active_anon 0->0, inactive_file 40->10, active_file 0->0");
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * shrink_lruvec() as kswapd at priority 0 (SCAN_EQUAL): targets are the
 * whole lists, 100 young anon pages and 200 file pages read once. Round
 * one scans 32 of each: the anon pages are kept (one young pte), the file
 * pages freed: 32 >= nr_to_reclaim 32. Left: anon 68, file 168; file >
 * anon, so anon stops: percentage = 68 * 100 / (100 + 0 + 1) = 67 left;
 * file is cut to its target * (100 - 67) / 100 = 66, less the 32 scanned:
 * 34, then scanned as 32 + 2, all freed: 66 reclaimed.
 */
START_TEST(shrink_lruvec_cuts_the_other_type_short)
{
	struct machine *m = boot_s();
	struct task *t = new_task(m, "a");
	struct scan_control sc = direct_sc();
	int f = new_file(m, "f");

	fault(m, t, 100);
	read_file(m, f, 0, 200);
	lru_add_drain(m);
	sc.priority = 0;
	as_kswapd(m);
	record(m);
	shrink_lruvec(m, 0, &sc);
	stop(m);
	not_kswapd(m);
	filter("shrink_lruvec");
	expect_at(0, "shrink_lruvec", "node 0: scan the lists 32 pages at a time towards their "
		  "targets; nr_to_reclaim=32");
	expect_at(1, "shrink_lruvec", "reclaimed 32 >= nr_to_reclaim 32: anon stops (67%% of its "
		  "target was left), file is cut to the same share: 34 and 0 left");
	expect_at(2, "shrink_lruvec", "node 0: reclaimed 66 (sc->nr_reclaimed 66)");
	ck_assert_uint_eq(rec.n, 3);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * shrink_node()'s decisions with their numbers, 100 anon and 40 file
 * pages, no refaults: neither inactive list is low (100 * 1 >= 0, 40 * 1
 * >= 0; under 1 GiB the ratio is 1), so may_deactivate is empty;
 * cache_trim_mode needs 40 >> 12 != 0: no; file_is_tiny needs file + free
 * <= high 192: no. At priority 12 every target is 0. As kswapd, a pass
 * that took no file page sets PGDAT_DIRTY (unqueued dirty 0 == file taken
 * 0, 5.10 sets it then too).
 */
START_TEST(shrink_node_states_its_decisions)
{
	struct machine *m = boot_s();
	struct task *t = new_task(m, "a");
	struct scan_control sc = direct_sc();
	int f = new_file(m, "f");
	long free;

	fault(m, t, 100);
	read_file(m, f, 0, 40);
	lru_add_drain(m);
	free = nr_free(m);
	as_kswapd(m);
	record(m);
	shrink_node(m, m->node_data[0], &sc);
	stop(m);
	not_kswapd(m);
	filter(NULL);
	expect_at(0, "shrink_node", "node 0 (kswapd): priority 12, order 0, reclaim_idx Normal, "
		  "nr_to_reclaim 32, reclaimed so far 0");
	expect_at(1, "shrink_node", "may_deactivate: anon no (refault activations 0, snapshot 0; "
		  "inactive 100 * 1 vs active 0), file no (0, 0; 40 * 1 vs 0)");
	expect_at(2, "shrink_node", "cache_trim_mode=0 (inactive file 40 >> 12 = 0, DEACTIVATE_FILE "
		  "clear); file_is_tiny=0 (file 40 + free %ld > high 192, inactive anon 100 >> 12 = 0)",
		  free);
	expect_at(3, "get_scan_count", "SCAN_FRACT: swappiness=60, anon_cost=0 file_cost=0 (weighted "
		  "0 and 0 of 0): ap = 60*1/1 = 60, fp = 140*1/1 = 140");
	expect_at(4, "get_scan_count", "SCAN_FRACT, sizes >> priority 12: inactive_anon 100->0, "
		  "active_anon 0->0, inactive_file 40->0, active_file 0->0");
	expect_at(5, "shrink_lruvec", "node 0: scan the lists 32 pages at a time towards their "
		  "targets; nr_to_reclaim=32");
	expect_at(6, "shrink_lruvec", "node 0: reclaimed 0 (sc->nr_reclaimed 0)");
	expect_at(7, "shrink_node", "node 0: this pass reclaimed 0 (taken 0, file 0; dirty 0, "
		  "unqueued 0, writeback 0, immediate 0)");
	expect_at(8, "shrink_node", "kswapd: unqueued dirty 0 == file pages taken 0: PGDAT_DIRTY set "
		  "(kswapd may write dirty file pages it meets again)");
	ck_assert_uint_eq(rec.n, 9);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * try_to_free_pages(GFP_KERNEL) with 300 clean file pages read once and
 * nothing else: from priority 12, 300 >> p is 0 until p = 8, where
 * cache_trim_mode makes it SCAN_FILE: 1 page; then 299 >> 7 = 2 (3 so far),
 * 297 >> 6 = 4 (7), 293 >> 5 = 9 (16), 284 >> 4 = 17 (33 >= 32: stop).
 * may_writepage is set after each priority below DEF_PRIORITY - 2 = 10.
 * The node allows direct reclaim (free far above half of min).
 */
START_TEST(try_to_free_pages_walks_the_priorities)
{
	struct machine *m = boot_s();
	struct task *t = new_task(m, "cat");
	struct as_saved saved;
	int f = new_file(m, "f");

	read_file(m, f, 0, 300);
	lru_add_drain(m);
	record(m);
	as_task(m, t, &saved);   /* a task's reclaim may be throttled, a kernel thread's not */
	ck_assert_uint_eq(try_to_free_pages(m, node_zonelist(m, 0, GFP_KERNEL), 0, GFP_KERNEL), 33);
	as_before(m, &saved);
	stop(m);
	filter(NULL);
	expect_at(0, "try_to_free_pages", "order=0 gfp=GFP_KERNEL: direct reclaim of nr_to_reclaim=32 "
		  "pages, reclaim_idx Normal, from priority 12");
	expect_at(1, "throttle_direct_reclaim", "node 0: allow_direct_reclaim() (free pages of the "
		  "low zones above half their min watermarks, or a hopeless node): not throttled");
	filter("do_try_to_free_pages");
	expect_at(0, "do_try_to_free_pages", "priority 12: scanned 0; reclaimed 0 in all, of "
		  "nr_to_reclaim 32: next priority");
	expect_at(2, "do_try_to_free_pages", "priority 10: scanned 0; reclaimed 0 in all, of "
		  "nr_to_reclaim 32: next priority");
	expect_at(3, "do_try_to_free_pages", "priority 9: scanned 0; reclaimed 0 in all, of "
		  "nr_to_reclaim 32: may_writepage set, next priority");
	expect_at(4, "do_try_to_free_pages", "priority 8: scanned 1; reclaimed 1 in all, of "
		  "nr_to_reclaim 32: may_writepage set, next priority");
	expect_at(5, "do_try_to_free_pages", "priority 7: scanned 2; reclaimed 3 in all, of "
		  "nr_to_reclaim 32: may_writepage set, next priority");
	expect_at(6, "do_try_to_free_pages", "priority 6: scanned 4; reclaimed 7 in all, of "
		  "nr_to_reclaim 32: may_writepage set, next priority");
	expect_at(7, "do_try_to_free_pages", "priority 5: scanned 9; reclaimed 16 in all, of "
		  "nr_to_reclaim 32: may_writepage set, next priority");
	expect_at(8, "do_try_to_free_pages", "priority 4: scanned 17; reclaimed 33 in all, of "
		  "nr_to_reclaim 32: enough, stop");
	ck_assert_uint_eq(rec.n, 9);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST


/*
 * Reclaim for order 4 (costly): 200 file pages, priority 0, direct. The
 * first round frees 32 >= nr_to_reclaim and no anon is left to scan:
 * shrink_lruvec() stops. should_continue_reclaim(): order 4 > 3, 32
 * reclaimed, and compaction_suitable(Normal, 4) is COMPACT_SUCCESS (plenty
 * of free order-4 blocks): reclaim stops. Then try_to_free_pages() for
 * order 4 finds compaction_ready() at once: nothing reclaimed, returns 1.
 */
START_TEST(high_order_reclaim_stops_for_compaction)
{
	struct machine *m = boot_s();
	struct scan_control sc = direct_sc();
	int f = new_file(m, "f");

	read_file(m, f, 0, 200);
	lru_add_drain(m);
	sc.order = 4;
	sc.priority = 0;
	record(m);
	shrink_node(m, m->node_data[0], &sc);
	stop(m);
	filter(NULL);
	expect_step("shrink_lruvec", "reclaimed 32 >= nr_to_reclaim 32 and only file left to scan: "
		    "stop");
	expect_step("should_continue_reclaim", "order 4: compaction can work in Normal now: stop "
		    "reclaiming");
	ck_assert_uint_eq(sc.nr_reclaimed, 32);

	record(m);
	ck_assert_uint_eq(try_to_free_pages(m, node_zonelist(m, 0, GFP_KERNEL), 4, GFP_KERNEL), 1);
	stop(m);
	filter(NULL);
	expect_step("shrink_zones", "Normal: order 4 is costly and compaction_ready(): compaction has "
		    "room to work, skip reclaiming for it");
	expect_step("do_try_to_free_pages", "priority 12: scanned 0; reclaimed 0 in all, of "
		    "nr_to_reclaim 32: compaction is ready, stop");
	expect_at(rec.n - 1, "try_to_free_pages", "nothing reclaimed, but compaction is ready: "
		  "returns 1 (progress)");
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * With 10 inactive and 20 active anonymous pages and swap, inactive anon
 * is low (10 * 1 < 20): at the end of shrink_lruvec() (even at priority 12,
 * where nothing else is scanned) the active anon list is aged.
 */
START_TEST(shrink_lruvec_ages_a_low_inactive_anon_list)
{
	struct machine *m = boot_s();
	struct task *t = new_task(m, "a");
	struct scan_control sc = direct_sc();
	unsigned long v;

	fault(m, t, 30);
	lru_add_drain(m);
	for (v = 0; v < 20; v++) {
		mark_page_accessed(m, anon_page(m, t, v));
		mark_page_accessed(m, anon_page(m, t, v));
	}
	lru_add_drain(m);
	ck_assert_int_eq(node_stat(m, NR_ACTIVE_ANON), 20);
	record(m);
	shrink_lruvec(m, 0, &sc);
	stop(m);
	filter(NULL);
	expect_step("shrink_lruvec", "swap exists and inactive anon is low (inactive 10 * ratio 1 < "
		    "active 20): age the active anon list");
	expect_step("shrink_active_list", "active_anon: nr_to_scan=32 at priority 12 (direct "
		    "reclaim)");
	expect_step("shrink_active_list", "active_anon: took 20 of 20 scanned (pgrefill); 0 stay "
		    "active, 20 deactivated (pgdeactivate)");
	ck_assert_int_eq(node_stat(m, NR_ACTIVE_ANON), 0);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * A task's direct reclaim on a node whose free pages (60) are at most half
 * of the min watermark (128 / 2 = 64), with reclaimable pages:
 * allow_direct_reclaim() wakes the sleeping kswapd, the task is throttled
 * and waits; kswapd runs at the next jiffy and frees enough, so the task
 * waited one jiffy.
 */
START_TEST(direct_reclaim_is_throttled_until_kswapd_helped)
{
	struct machine *m = boot_s();
	struct task *t = new_task(m, "cat");
	struct as_saved saved;
	int f = new_file(m, "f");

	read_file(m, f, 0, 1000);
	lru_add_drain(m);
	fill_to(m, 60);
	record(m);
	as_task(m, t, &saved);
	try_to_free_pages(m, node_zonelist(m, 0, GFP_KERNEL), 0, GFP_KERNEL);
	as_before(m, &saved);
	stop(m);
	filter(NULL);
	expect_at(1, "allow_direct_reclaim", "node 0: free 60 <= min watermarks 128 / 2 and kswapd "
		  "waits: wake it for the zones up to Normal");
	expect_at(2, "kswapd_try_to_sleep", "kswapd0 is woken from its sleep: pressure thresholds "
		  "for the vmstat counters; it runs at the next tick");
	expect_at(3, "throttle_direct_reclaim", "node 0: free pages of the low zones are at most half "
		  "their min watermarks: throttled (pgscan_direct_throttle), wait for kswapd");
	expect_at(4, "kswapd", "kswapd0 runs: order=0 highest_zoneidx=Normal (the request is reset)");
	expect_step("throttle_direct_reclaim", "waited 1 jiffy: direct reclaim is allowed again");
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/* ======================================================================================== */
/* kswapd                                                                                    */
/* ======================================================================================== */

/*
 * Machine K with 400 file pages read once and the rest held until 78 pages
 * are free (below low 80). kswapd_run() wakes kswapd for the Normal zone:
 * pgdat_balanced() compares free 78 with high 96 and fails, so kswapd is
 * woken. balance_pgdat(): nr_to_reclaim = max(high 96, 32) = 96; no swap,
 * so only the file list is scanned; 400 >> p is 0 for p = 12..9 (nothing
 * scanned, the priority rises), then 1 page at 8 (free 79), 399 >> 7 = 3
 * at 7 (82), 396 >> 6 = 6 at 6 (88), 390 >> 5 = 12 at 5 (100). Each pass
 * scanned fewer than 96 pages, so the priority rises each time; at 4 the
 * zone has 100 > 96 free: balanced, after 22 pages. kswapd naps HZ/10 and
 * then sleeps, the node still balanced.
 */
START_TEST(kswapd_balances_the_node_priority_by_priority)
{
	struct machine *m = boot_k();
	struct kswapd_report rep;
	static const char *const kswapd_funcs[] = {
		"wakeup_kswapd", "pgdat_balanced", "kswapd", "balance_pgdat", "kswapd_shrink_node",
		"kswapd_try_to_sleep", "prepare_kswapd_sleep",
	};
	static const unsigned long got[] = { 0, 0, 0, 0, 1, 3, 6, 12 };   /* priorities 12..5 */
	int f = new_file(m, "f"), p;
	unsigned long total = 0;
	size_t i = 0;
	long at;

	read_file(m, f, 0, 400);
	lru_add_drain(m);
	fill_to(m, 78);
	record(m);
	kswapd_run(m, 0, 0, HZ, &rep);
	stop(m);
	keep(kswapd_funcs, sizeof(kswapd_funcs) / sizeof(kswapd_funcs[0]));
	expect_at(i++, "wakeup_kswapd", "Normal order=0 gfp=GFP_KERNEL highest_zoneidx=Normal: "
		  "request recorded, kswapd_order=0 kswapd_highest_zoneidx=Normal");
	expect_at(i++, "pgdat_balanced", "zone_watermark_ok_safe(Normal, order=0, mark=96 (high), "
		  "free=78) = false");
	expect_at(i++, "pgdat_balanced", "node 0: no eligible zone meets its high watermark: not "
		  "balanced");
	expect_at(i++, "wakeup_kswapd", "kswapd0 waits and the node is unbalanced: wake it");
	expect_at(i++, "kswapd_try_to_sleep", "kswapd0 is woken from its sleep: pressure thresholds "
		  "for the vmstat counters; it runs at the next tick");
	expect_at(i++, "kswapd", "kswapd0 runs: order=0 highest_zoneidx=Normal (the request is "
		  "reset)");
	expect_at(i++, "balance_pgdat", "node 0: order=0 highest_zoneidx=Normal, watermark boosts 0");
	for (p = DEF_PRIORITY; p >= 5; p--) {
		unsigned long nr = got[DEF_PRIORITY - p];

		expect_at(i++, "pgdat_balanced", "zone_watermark_ok_safe(Normal, order=0, mark=96 "
			  "(high), free=%lu) = false", 78 + total);
		expect_at(i++, "pgdat_balanced", "node 0: no eligible zone meets its high watermark: "
			  "not balanced");
		expect_at(i++, "balance_pgdat", "priority %d: not balanced; may_writepage=1 "
			  "may_swap=1, shrink the node", p);
		expect_at(i++, "kswapd_shrink_node", "nr_to_reclaim = sum of max(high watermark, "
			  "SWAP_CLUSTER_MAX) over the zones up to Normal = 96");
		expect_at(i++, "kswapd_shrink_node", "scanned %lu < nr_to_reclaim 96", nr);
		total += nr;
		expect_at(i++, "balance_pgdat", "priority %d: reclaimed %lu this pass (%lu in all); the "
			  "priority rises (scan more)", p, nr, total);
	}
	ck_assert_uint_eq(total, 22);
	expect_at(i++, "pgdat_balanced", "zone_watermark_ok_safe(Normal, order=0, mark=96 (high), "
		  "free=100) = true: node 0 is balanced");
	expect_at(i++, "balance_pgdat", "priority 4: balanced at order 0, done (reclaimed 22)");
	expect_at(i++, "kswapd", "balance_pgdat() reached order 0 of 0: take the requests that came "
		  "meanwhile, then try to sleep");
	expect_at(i++, "kswapd_try_to_sleep", "alloc_order=0 reclaim_order=0 highest_zoneidx=Normal");
	expect_at(i++, "pgdat_balanced", "zone_watermark_ok_safe(Normal, order=0, mark=96 (high), "
		  "free=100) = true: node 0 is balanced");
	expect_at(i++, "prepare_kswapd_sleep", "balanced at order 0: congestion flags cleared, kswapd "
		  "may sleep");
	at = find("kswapd_try_to_sleep", "balanced: wakeup_kcompactd(order=0) does nothing at order "
		  "0; kswapd naps HZ/10 (until jiffy ");
	ck_assert_int_eq(at, (long)i++);
	expect_at(i++, "kswapd_try_to_sleep", "kswapd0's HZ/10 nap is over");
	expect_at(i++, "pgdat_balanced", "zone_watermark_ok_safe(Normal, order=0, mark=96 (high), "
		  "free=100) = true: node 0 is balanced");
	expect_at(i++, "prepare_kswapd_sleep", "balanced at order 0: congestion flags cleared, kswapd "
		  "may sleep");
	expect_at(i++, "kswapd_try_to_sleep", "still balanced: kswapd0 sleeps until woken (normal "
		  "vmstat thresholds)");
	ck_assert_uint_eq(rec.n, i);
	ck_assert(rep.asleep);
	ck_assert_uint_eq(rep.reclaimed, 22);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * wakeup_kswapd() records the request even when it does not wake:
 * kswapd_failures >= MAX_RECLAIM_RETRIES makes the node hopeless. A
 * request that may not reclaim (GFP_ATOMIC has no __GFP_DIRECT_RECLAIM)
 * wakes kcompactd instead.
 */
START_TEST(wakeup_kswapd_leaves_a_hopeless_node_alone)
{
	struct machine *m = boot_k();
	pg_data_t *pgdat = m->node_data[0];

	pgdat->kswapd_failures = MAX_RECLAIM_RETRIES;
	record(m);
	wakeup_kswapd(NORMAL(m), GFP_KERNEL, 0, ZONE_NORMAL);
	wakeup_kswapd(NORMAL(m), GFP_ATOMIC, 3, ZONE_NORMAL);
	stop(m);
	expect_at(1, "wakeup_kswapd", "kswapd_failures >= MAX_RECLAIM_RETRIES (16), a hopeless node: "
		  "kswapd0 is not woken");
	expect_at(3, "wakeup_kswapd", "kswapd_failures >= MAX_RECLAIM_RETRIES (16), a hopeless node: "
		  "kswapd0 is not woken; the request may not reclaim itself: wakeup_kcompactd() "
		  "instead");
	expect_at(4, "wakeup_kcompactd", "node 0 order=3 highest_zoneidx=Normal: "
		  "kcompactd_max_order=3 kcompactd_highest_zoneidx=Normal");
	ck_assert_int_eq(pgdat->kswapd_order, 3);
	ck_assert_int_eq(pgdat->kswapd_state, KSWAPD_SLEEPING);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/* ======================================================================================== */
/* compaction                                                                                */
/* ======================================================================================== */

/*
 * test_compaction.c's fragmented machine K: tasks a and b fault 440
 * pages each in turn (a the even pfns 0..0x36e, b the odd ones), b goes
 * away, and the four free pageblocks at the top are held: 456 free pages,
 * 440 order-0 holes and one order-4 block at 0x370, no block of order 5.
 */
static struct task *fragment(struct machine *m)
{
	struct task *a = new_task(m, "a"), *b = new_task(m, "b");
	struct mm_error e;
	int i;

	for (i = 0; i < 440; i++) {
		ck_assert_int_eq(fault_anon(m, a, 1, &e), 1);
		ck_assert_int_eq(fault_anon(m, b, 1, &e), 1);
	}
	lru_add_drain_all(m);
	munmap_task(m, b, 0);
	lru_add_drain_all(m);
	for (i = 0; i < 4; i++)
		ck_assert_int_eq(mmsh_alloc(m, GFP_KERNEL, 5, NUMA_NO_NODE, NULL), 0x380 + 32 * i);
	ck_assert_int_eq(nr_free(m), 456);
	ck_assert_uint_eq(NORMAL(m)->free_area[4].nr_free, 1);
	assert_consistent(m);
	return a;
}

/*
 * compaction_suitable() with its numbers. Order 5 (costly): free 456 >
 * low 80 + compact_gap(5) = 64, and fragmentation_index(5) = 1000 - (1000
 * + 456 * 1000 / 32) / 441 blocks = 1000 - 15250 / 441 = 966 > 500: a
 * fragmentation problem, COMPACT_CONTINUE. Order 2: the order-4 block
 * makes the allocation pass its min mark already: COMPACT_SUCCESS. With
 * 340 more order-0 pages held (the holes), 116 <= 80 + 64: COMPACT_SKIPPED.
 */
START_TEST(compaction_suitable_states_its_numbers)
{
	struct machine *m = boot_k();

	fragment(m);
	record(m);
	ck_assert_int_eq(compaction_suitable(NORMAL(m), 5, 0, ZONE_NORMAL), COMPACT_CONTINUE);
	ck_assert_int_eq(compaction_suitable(NORMAL(m), 2, 0, ZONE_NORMAL), COMPACT_SUCCESS);
	fill_to(m, 116);
	ck_assert_int_eq(compaction_suitable(NORMAL(m), 5, 0, ZONE_NORMAL), COMPACT_SKIPPED);
	stop(m);
	filter("compaction_suitable");
	expect_at(0, "compaction_suitable", "Normal order=5: order-0 check of free=456 against low 80 "
		  "+ compact_gap 64: passes, COMPACT_CONTINUE");
	expect_at(1, "compaction_suitable", "Normal order=5 is costly: fragmentation_index 966 > "
		  "extfrag_threshold, fragmentation: COMPACT_CONTINUE");
	expect_at(2, "compaction_suitable", "Normal order=2: the allocation would pass its min "
		  "watermark 64 already (free=456): COMPACT_SUCCESS");
	expect_at(3, "compaction_suitable", "Normal order=5: order-0 check of free=116 against low 80 "
		  "+ compact_gap 64: fails, too little free memory to migrate into: COMPACT_SKIPPED");
	ck_assert_uint_eq(rec.n, 4);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * Direct compaction for order 5 (GFP_KERNEL: Unmovable, sync light). The
 * zone was never deferred (order_failed 0: considered 1 reaches 1 << 0).
 * Whole zone: the migrate scanner starts at 0, the free scanner at the
 * last pageblock 0x3e0. Block 0 holds 16 of a's pages (even pfns): all
 * isolated, onto the list head first, so 0x1e leads. The fast free search
 * looks from the top quarter (distance 0x3e0 - 0x20 = 960: low_pfn =
 * pageblock of 0x3e0 - 240 = 0x2e0) at free_area[4] Movable and takes the
 * order-4 block 0x370, whose pages are handed out from the top: 0x1e ->
 * 0x37f, 0x1c -> 0x37e ... 0x0 -> 0x370. Block 0 is then free and merges
 * to order 5: an Unmovable request may steal a Movable order-5 block, and
 * the migrate pfn 0x20 is pageblock aligned: COMPACT_SUCCESS.
 */
START_TEST(direct_compaction_moves_each_page)
{
	struct machine *m = boot_k();
	struct task *a = fragment(m);
	struct compact_report rep;
	unsigned long v;
	size_t i = 0;

	record(m);
	ck_assert_int_eq(compact_command(m, 5, NORMAL(m), &rep), COMPACT_SUCCESS);
	stop(m);
	filter(NULL);
	/* each new page goes back to the LRU through the pagevec: 15 and a drain, then 1 */
	ck_assert_uint_eq(count("lru_cache_add"), 16);
	expect_step("__pagevec_lru_add", "15 pages of the pagevec go to the LRU in pagevec order, "
		    "then release_pages() drops the pagevec's references");
	drop("lru_cache_add");
	drop("__pagevec_lru_add");
	drop("__pagevec_lru_add_fn");
	expect_at(i++, "try_to_compact_pages", "order=5 gfp=GFP_KERNEL priority 1 (sync light)");
	expect_at(i++, "compaction_deferred", "Normal order=5: considered 1 reached 1 << defer_shift "
		  "0 = 1: not deferred, try");
	expect_at(i++, "compact_zone", "Normal order=5 MIGRATE_SYNC_LIGHT migratetype Unmovable, "
		  "direct");
	expect_at(i++, "compaction_suitable", "Normal order=5: order-0 check of free=456 against low "
		  "80 + compact_gap 64: passes, COMPACT_CONTINUE");
	expect_at(i++, "compaction_suitable", "Normal order=5 is costly: fragmentation_index 966 > "
		  "extfrag_threshold, fragmentation: COMPACT_CONTINUE");
	expect_at(i++, "compact_zone", "Normal pfn=0x0-0x400: the migrate scanner starts at pfn=0x0 "
		  "going up, the free scanner at pfn=0x3e0 going down (whole zone)");
	expect_at(i++, "__compact_finished", "no free block of order >= 5 for Unmovable: "
		  "COMPACT_NO_SUITABLE_PAGE, go on");
	expect_at(i++, "isolate_migratepages_block", "pfn=0x0-0x20: scanned 32, isolated 16 movable "
		  "pages (16 on the list); the block is done: skip bit and cached migrate pfn updated");
	expect_at(i++, "fast_isolate_freepages", "1 Movable free list entry below order 5 searched "
		  "for a block at or above pfn=0x2e0: took one (free scanner at pfn=0x3e0)");
	for (v = 16; v-- > 0;)
		expect_at(i++, "unmap_and_move", "pfn=0x%lx migrated to pfn=0x%lx (data, flags, mapping "
			  "and ptes moved); the old page is freed", 2 * v, 0x370 + v);
	expect_at(i++, "migrate_pages", "16 migrated, 0 failed after 1 pass (pgmigrate_success, "
		  "pgmigrate_fail)");
	expect_at(i++, "__compact_finished", "free_area[5] has a block Unmovable may steal: "
		  "COMPACT_SUCCESS");
	expect_at(i++, "compact_zone", "Normal: COMPACT_SUCCESS; migrate_pfn=0x20 free_pfn=0x3e0, "
		  "scanned 32 to migrate and 1 free; unused targets freed");
	expect_at(i++, "try_to_compact_pages", "Normal: COMPACT_SUCCESS: stop here");
	expect_at(i++, "compaction_defer_reset", "Normal order=5: order_failed=6");
	ck_assert_uint_eq(rec.n, i);
	/* the steps told the truth: a's first 16 vpages now live at 0x370.. with their data */
	for (v = 0; v < 16; v++) {
		ck_assert_uint_eq(anon_pfn(a, v), 0x370 + v);
		ck_assert(page_content_get(m, 0x370 + v) == a->anon_want[v]);
	}
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * compact_memory (order -1) compacts the whole zone with MIGRATE_SYNC:
 * the free scanner works pageblock by pageblock from the top, each
 * migrated page has its step, and the scanners meet: COMPACT_COMPLETE.
 */
START_TEST(whole_zone_compaction_until_the_scanners_meet)
{
	struct machine *m = boot_k();
	struct compact_report rep;
	unsigned long migrated = ev(m, PGMIGRATE_SUCCESS);

	fragment(m);
	migrated = ev(m, PGMIGRATE_SUCCESS);
	record(m);
	compact_command(m, -1, NORMAL(m), &rep);
	stop(m);
	filter(NULL);
	expect_at(0, "compact_zone", "Normal order=-1 MIGRATE_SYNC migratetype Unmovable, whole zone");
	expect_at(1, "compaction_suitable", "Normal order -1 (compact_memory): COMPACT_CONTINUE");
	ck_assert_int_ge(find("isolate_freepages_block", "pfn=0x"), 0);
	ck_assert_int_ge(find("isolate_freepages", "the free scanner stops at pfn=0x"), 0);
	ck_assert_uint_eq(count_with("unmap_and_move", " migrated to pfn=0x"),
			  ev(m, PGMIGRATE_SUCCESS) - migrated);
	ck_assert_int_ge(find("__compact_finished", "the scanners met"), 0);
	ck_assert_int_ge(find("compact_zone", "Normal: COMPACT_COMPLETE; "), 0);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * Deferral (11.1): defer_compaction() raises defer_shift to 1 and resets
 * considered; order_failed = min(order_failed, 5) stays 0 (a zone starts
 * with compact_order_failed 0, zeroed like the rest of struct zone). Then compaction_deferred() skips one
 * attempt (considered 1 < 2) and allows the next (2 reaches 2).
 * compaction_defer_reset() after a success: order_failed 6, backoff reset.
 */
START_TEST(deferral_counts_the_attempts)
{
	struct machine *m = boot_k();
	struct zone *z = NORMAL(m);

	record(m);
	defer_compaction(z, 5);
	ck_assert(compaction_deferred(z, 5));
	ck_assert(!compaction_deferred(z, 5));
	compaction_defer_reset(z, 5, true);
	stop(m);
	expect_at(0, "defer_compaction", "Normal order=5: defer_shift=1 (skip the next 2 attempts), "
		  "considered=0, order_failed=0");
	expect_at(1, "compaction_deferred", "Normal order=5 >= order_failed 0: considered 1 < 2: "
		  "deferred");
	expect_at(2, "compaction_deferred", "Normal order=5: considered 2 reached 1 << defer_shift 1 "
		  "= 2: not deferred, try");
	expect_at(3, "compaction_defer_reset", "Normal order=5: order_failed=6, the backoff starts "
		  "over (considered 0, defer_shift 0)");
	ck_assert_uint_eq(rec.n, 4);
	machine_destroy(m);
}
END_TEST

/*
 * wakeup_kcompactd() for order 5 on the fragmented machine: the zone is
 * suitable (as above), so kcompactd is woken and runs at the next tick:
 * kcompactd_do_work() compacts the zone and succeeds.
 */
START_TEST(kcompactd_is_woken_and_compacts)
{
	struct machine *m = boot_k();

	fragment(m);
	record(m);
	wakeup_kcompactd(m->node_data[0], 5, ZONE_NORMAL);
	tick(m, 1);
	stop(m);
	filter(NULL);
	expect_at(0, "wakeup_kcompactd", "node 0 order=5 highest_zoneidx=Normal: "
		  "kcompactd_max_order=5 kcompactd_highest_zoneidx=Normal");
	expect_at(3, "wakeup_kcompactd", "kcompactd0 is woken: it runs at the next tick");
	expect_at(4, "kcompactd_do_work", "kcompactd0: order=5 for the zones up to Normal, "
		  "MIGRATE_SYNC_LIGHT");
	expect_step("kcompactd_do_work", "Normal: COMPACT_SUCCESS: the deferral is reset");
	expect_step("compact_zone", "Normal order=5 MIGRATE_SYNC_LIGHT migratetype Unmovable");
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/* ======================================================================================== */
/* the OOM killer                                                                            */
/* ======================================================================================== */

/*
 * sysrq-f on machine K (1024 pages, no swap: totalpages 1024, adj unit
 * 1024 / 1000 = 1). Each task's page tables: one PTE page, one PMD page,
 * one PUD page = 3 pages. Points in task-list order: a 100 + 3 = 103,
 * b 200 + 3 = 203, c never (oom_score_adj -1000), d 10 + 3 + 500 = 513,
 * e 50 + 3 = 53 < 513. d is killed and reaped: its 10 pages are freed.
 */
START_TEST(oom_killer_shows_every_task_and_its_points)
{
	struct machine *m = boot_k();
	struct task *a = new_task(m, "a"), *b = new_task(m, "b");
	struct task *c = new_task_adj(m, "c", -1000), *d = new_task_adj(m, "d", 500);
	struct task *e = new_task(m, "e");
	static const char *const oom_funcs[] = {
		"out_of_memory", "oom_evaluate_task", "select_bad_process", "__oom_kill_process",
		"oom_reap_task_mm", "exit_mmap",
	};
	struct oom_control oc;
	int dpid = d->pid;
	size_t i = 0;

	fault(m, a, 100);
	fault(m, b, 200);
	fault(m, c, 20);
	fault(m, d, 10);
	fault(m, e, 50);
	record(m);
	ck_assert(oom_sysrq(m, &oc));
	stop(m);
	keep(oom_funcs, sizeof(oom_funcs) / sizeof(oom_funcs[0]));
	expect_at(i++, "out_of_memory", "kworker/0:1 invoked the OOM killer: gfp=GFP_KERNEL "
		  "order=-1");
	expect_at(i++, "out_of_memory", "totalpages = RAM 1024 + swap 0 = 1024 (CONSTRAINT_NONE)");
	expect_at(i++, "oom_evaluate_task", "a (pid %d): oom_badness = rss 100 + swapents 0 + "
		  "pgtables 3 + adj 0 * (1024 / 1000) = 103 >= the best so far: chosen", a->pid);
	expect_at(i++, "oom_evaluate_task", "b (pid %d): oom_badness = rss 200 + swapents 0 + "
		  "pgtables 3 + adj 0 * (1024 / 1000) = 203 >= the best so far: chosen", b->pid);
	expect_at(i++, "oom_evaluate_task", "c (pid %d): oom_score_adj -1000: never chosen", c->pid);
	expect_at(i++, "oom_evaluate_task", "d (pid %d): oom_badness = rss 10 + swapents 0 + "
		  "pgtables 3 + adj 500 * (1024 / 1000) = 513 >= the best so far: chosen", dpid);
	expect_at(i++, "oom_evaluate_task", "e (pid %d): oom_badness = rss 50 + swapents 0 + "
		  "pgtables 3 + adj 0 * (1024 / 1000) = 53 < 513 of d: not chosen", e->pid);
	expect_at(i++, "select_bad_process", "the victim is d (pid %d) with 513 points", dpid);
	expect_at(i++, "__oom_kill_process", "SIGKILL to d (pid %d, anon-rss 10, file-rss 0, "
		  "swapents 0): marked an OOM victim (oom_kill), the oom_reaper frees its memory", dpid);
	expect_at(i++, "oom_reap_task_mm", "d (pid %d): every mapping unmapped, the pages nobody else "
		  "holds freed; anon-rss 0, file-rss 0 pages left", dpid);
	expect_at(i++, "exit_mmap", "d (pid %d) exits: its 10 mapped pages (rss before the kill) are "
		  "gone", dpid);
	ck_assert_uint_eq(rec.n, i);
	ck_assert(task_find(m, "d") == NULL);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * A GFP_NOFS request never kills: out_of_memory() reports progress
 * instead. vm.oom_kill_allocating_task kills the caller without a
 * selection; vm.panic_on_oom panics first.
 */
START_TEST(nofs_requests_do_not_kill_and_the_sysctls)
{
	struct machine *m = boot_k();
	struct task *a = new_task(m, "a"), *b = new_task(m, "b");
	struct oom_control oc = { .gfp_mask = GFP_NOFS, .order = 0 };
	struct as_saved saved;
	int apid = a->pid;

	fault(m, a, 10);
	fault(m, b, 100);
	record(m);
	ck_assert(out_of_memory(m, &oc));
	stop(m);
	expect_at(1, "out_of_memory", "no __GFP_FS: no kill, but report progress so the allocation "
		  "retries");
	ck_assert_uint_eq(rec.n, 2);
	ck_assert(task_find(m, "a") != NULL);

	m->sysctl_oom_kill_allocating_task = 1;
	oc = (struct oom_control){ .gfp_mask = GFP_KERNEL, .order = 0 };
	as_task(m, a, &saved);
	record(m);
	ck_assert(out_of_memory(m, &oc));
	stop(m);
	as_before(m, &saved);
	expect_at(2, "out_of_memory", "vm.oom_kill_allocating_task=1: the allocating task a (pid %d) "
		  "is killed", apid);
	expect_step("__oom_kill_process", "SIGKILL to a (pid %d, anon-rss 10, file-rss 0, swapents "
		    "0): marked an OOM victim (oom_kill), the oom_reaper frees its memory", apid);
	ck_assert(task_find(m, "a") == NULL && task_find(m, "b") != NULL);
	assert_consistent(m);

	m->sysctl_panic_on_oom = 1;
	oc = (struct oom_control){ .gfp_mask = GFP_KERNEL, .order = 0 };
	record(m);
	ck_assert(!out_of_memory(m, &oc));
	stop(m);
	expect_at(2, "check_panic_on_oom", "vm.panic_on_oom=1: panic");
	ck_assert(m->panicked);
	machine_destroy(m);
}
END_TEST

/* ======================================================================================== */
/* the workingset                                                                            */
/* ======================================================================================== */

/*
 * boot_small() has no swap, so a file refault's workingset is the active
 * file list alone (0 here). Three pages are evicted in turn: ages 1, 2, 3.
 * Offset 0 comes back: distance = 3 - 1 = 2 > 0, it starts inactive;
 * offset 2 then: distance = 3 - 3 = 0 <= 0, it starts active.
 */
START_TEST(refault_distance_decides_the_list)
{
	struct machine *m = boot_small();
	int f = new_file(m, "f");
	unsigned long off, pfn;

	read_file(m, f, 0, 3);
	lru_add_drain(m);
	for (off = 0; off < 3; off++)
		ck_assert_uint_eq(reclaim_page(m, file_page(m, f, off), false), 1);
	record(m);
	read_file(m, f, 0, 1);
	pfn = file_pfn(m, f, 0);
	read_file(m, f, 2, 1);
	stop(m);
	filter(NULL);
	expect_step("add_to_page_cache_lru", "pfn=0x%lx caches f offset 0, locked until its I/O is "
		    "done; a shadow entry is there: workingset_refault() decides its list", pfn);
	expect_step("workingset_refault", "pfn=0x%lx refaults: distance = age 3 - eviction 1 = 2 > "
		    "workingset_size 0 (active_file): it starts inactive", pfn);
	expect_step("workingset_refault", "pfn=0x%lx refaults: distance = age 3 - eviction 3 = 0 <= "
		    "workingset_size 0 (active_file): PG_active set, workingset_activate_file",
		    file_pfn(m, f, 2));
	ck_assert(!PageActive(PG(m, pfn)));
	ck_assert(PageActive(file_page(m, f, 2)));
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/* ======================================================================================== */
/* every step, and what a subscriber must not change                                         */
/* ======================================================================================== */

struct step_check {
	unsigned long steps, unknown, bad_text;
	char first_bad[KSTEP_TEXT + 64];
	const char *seen[256];   /* the functions met */
	size_t nseen;
};

static bool seen(const struct step_check *c, const char *func)
{
	size_t i;

	for (i = 0; i < c->nseen; i++)
		if (!strcmp(c->seen[i], func))
			return true;
	return false;
}

/* Every step names a known function and reads as one clause: not empty, not cut off, no period. */
static void checker(struct machine *m, const struct kstep *st, void *arg)
{
	struct step_check *c = arg;
	size_t len = strlen(st->text);

	(void)m;
	c->steps++;
	if (!seen(c, st->func) && c->nseen < sizeof(c->seen) / sizeof(c->seen[0]))
		c->seen[c->nseen++] = st->func;
	if (!kstep_function_known(st->func)) {
		if (!c->unknown++ && !c->bad_text)
			snprintf(c->first_bad, sizeof(c->first_bad), "unknown %s", st->func);
	}
	if (!len || len >= KSTEP_TEXT - 1 || st->text[len - 1] == '.' ||
	    strchr(st->text, '\n')) {
		if (!c->bad_text++ && !c->unknown)
			snprintf(c->first_bad, sizeof(c->first_bad), "%s: %s", st->func, st->text);
	}
}

/*
 * A bit of everything: page cache, anonymous memory beyond RAM (kswapd,
 * direct reclaim, swap-out), swap-in, mlock, compaction, kcompactd and
 * the OOM killer, on machine S.
 */
static void everything(struct machine *m)
{
	struct task *t = new_task(m, "big"), *l = new_task(m, "locked");
	struct mm_error e;
	struct compact_report rep;
	struct oom_control oc;
	int f = new_file(m, "data"), g = new_file(m, "bin");
	unsigned long v;

	ck_assert_int_eq(file_read(m, f, 0, 1500, &e), 1500);
	ck_assert_int_eq(file_read(m, f, 0, 200, &e), 200);
	ck_assert_int_eq(file_write(m, f, 1500, 100, &e), 100);
	ck_assert_int_eq(fault_file(m, t, g, 0, 20, true, &e), 20);
	ck_assert_int_eq(mlock_task(m, l, true, &e), 0);
	ck_assert_int_eq(fault_anon(m, l, 10, &e), 10);
	ck_assert_int_eq(fault_anon(m, t, 3000, &e), 3000);
	tick(m, 50);
	/* the first 64 anonymous pages go to swap (written, then freed), and come back */
	for (v = 0; v < 64; v++)
		if (pte_present(t->anon[v])) {
			make_old(t, v);
			reclaim_page_unchecked(m, anon_page(m, t, v), false);
		}
	tick(m, 50);
	for (v = 0; v < 64; v++) {
		struct page *page;

		if (!pte_swapped(t->anon[v]))
			continue;
		page = lookup_swap_cache(m, pte_val(t->anon[v]));
		if (page && PageLRU(page))
			reclaim_page_unchecked(m, page, false);
	}
	ck_assert_int_ge(touch_task(m, t, &e), 0);
	compact_command(m, 3, NULL, &rep);
	compact_command(m, -1, NULL, &rep);
	tick(m, 600);
	oom_sysrq(m, &oc);
	lru_add_drain_all(m);
}

START_TEST(every_step_names_a_known_function)
{
	struct machine *m = boot_s();
	struct step_check c = { 0 };
	static const char *const expected[] = {
		"do_anonymous_page", "filemap_fault", "do_swap_page", "wakeup_kswapd", "kswapd",
		"balance_pgdat", "try_to_free_pages", "shrink_node", "get_scan_count",
		"shrink_inactive_list", "shrink_page_list", "pageout", "add_to_swap",
		"try_to_unmap_one", "compact_zone", "unmap_and_move", "out_of_memory",
		"oom_evaluate_task", "mark_page_accessed", "workingset_refault",
	};
	size_t i;

	kstep_subscribe(m, checker, &c);
	everything(m);
	kstep_subscribe(m, NULL, NULL);
	ck_assert_msg(!c.unknown && !c.bad_text, "%lu unknown, %lu bad texts, first: %s", c.unknown,
		      c.bad_text, c.first_bad);
	ck_assert_uint_gt(c.steps, 1000);
	for (i = 0; i < sizeof(ours) / sizeof(ours[0]); i++)
		ck_assert_msg(kstep_function_known(ours[i]), "%s is not in kstep_names[]", ours[i]);
	/* and the main paths were all taken (the run is big enough to reach them) */
	for (i = 0; i < sizeof(expected) / sizeof(expected[0]); i++)
		ck_assert_msg(seen(&c, expected[i]), "no step of %s", expected[i]);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/* /proc views and counters: what `why` must reproduce exactly. */
static void machine_text(struct machine *m, struct strbuf *sb)
{
	size_t i;

	proc_buddyinfo(m, sb);
	proc_zoneinfo(m, sb);
	proc_vmstat(m, sb);
	proc_meminfo(m, sb);
	sb_printf(sb, "jiffies %lu\n", m->jiffies);
	for (i = 0; i < MAX_TASKS; i++)
		if (m->tasks[i].used)
			sb_printf(sb, "task %s rss %lu/%lu swapents %lu\n", m->tasks[i].comm,
				  m->tasks[i].rss_anon, m->tasks[i].rss_file, m->tasks[i].swapents);
}

static void count_steps(struct machine *m, const struct kstep *st, void *arg)
{
	(void)m;
	(void)st;
	(*(unsigned long *)arg)++;
}

/*
 * The same commands on two fresh machines, one with a subscriber: the
 * same state, counter for counter, and the same pfns. An unsubscribed
 * machine emits nothing (its subscriber is cleared midway here).
 */
START_TEST(a_subscriber_changes_nothing)
{
	struct machine *quiet = boot_s(), *loud = boot_s();
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;
	unsigned long n = 0, after;
	unsigned long pfn;

	kstep_subscribe(loud, count_steps, &n);
	everything(quiet);
	everything(loud);
	ck_assert_uint_gt(n, 1000);
	machine_text(quiet, &a);
	machine_text(loud, &b);
	ck_assert_str_eq(sb_str(&a), sb_str(&b));
	for (pfn = 0; pfn < 4096; pfn++) {
		ck_assert_uint_eq(quiet->mem_map[pfn].flags, loud->mem_map[pfn].flags);
		ck_assert_int_eq(quiet->mem_map[pfn]._refcount, loud->mem_map[pfn]._refcount);
		ck_assert_uint_eq(page_content_get(quiet, pfn), page_content_get(loud, pfn));
	}
	/* unsubscribed, nothing more is delivered */
	kstep_subscribe(loud, NULL, NULL);
	after = n;
	tick(loud, 100);
	read_file(loud, file_find(loud, "data"), 0, 64);
	ck_assert_uint_eq(n, after);
	assert_consistent(quiet);
	assert_consistent(loud);
	sb_free(&a);
	sb_free(&b);
	machine_destroy(quiet);
	machine_destroy(loud);
}
END_TEST

static Suite *kstep_reclaim_suite(void)
{
	Suite *s = suite_create("kstep_reclaim");
	TCase *lru = tcase_create("lru"), *reclaim = tcase_create("reclaim");
	TCase *lists = tcase_create("lists"), *kswapd = tcase_create("kswapd");
	TCase *compaction = tcase_create("compaction"), *oom = tcase_create("oom");
	TCase *all = tcase_create("all");

	tcase_add_test(lru, two_touch_rule_while_the_page_waits_in_the_pagevec);
	tcase_add_test(lru, second_touch_on_the_lru_goes_through_activate_page);
	tcase_add_test(lru, the_fifteenth_page_drains_the_lru_add_pagevec);
	tcase_add_test(lru, a_page_of_a_locked_vma_goes_to_unevictable);
	tcase_add_test(lru, cold_advice_deactivates_through_the_pagevec);
	tcase_add_test(lru, refault_distance_decides_the_list);
	tcase_add_test(lru, file_faults_are_major_then_minor);
	tcase_add_test(lru, an_undroppable_dirty_page_is_deactivated_with_pg_reclaim);
	tcase_add_test(lru, a_swap_in_frees_the_slot_when_swap_is_full);
	suite_add_tcase(s, lru);

	tcase_add_test(reclaim, a_clean_page_read_once_is_reclaimed);
	tcase_add_test(reclaim, a_mapped_page_gets_one_more_round_then_goes);
	tcase_add_test(reclaim, two_young_mappings_or_executable_text_activate);
	tcase_add_test(reclaim, an_anon_page_goes_to_swap_and_comes_back);
	tcase_add_test(reclaim, direct_reclaim_leaves_a_dirty_file_page_to_the_flusher);
	tcase_add_test(reclaim, writeback_pins_and_locked_vmas_keep_pages);
	tcase_add_test(reclaim, full_swap_activates_anonymous_pages);
	suite_add_tcase(s, reclaim);

	tcase_add_test(lists, shrink_inactive_list_summarises_the_batch);
	tcase_add_test(lists, too_many_isolated_waits_once_then_gives_up);
	tcase_add_test(lists, shrink_active_list_keeps_only_referenced_text);
	tcase_add_test(lists, get_scan_count_shows_the_fractions);
	tcase_add_test(lists, shrink_lruvec_cuts_the_other_type_short);
	tcase_add_test(lists, shrink_node_states_its_decisions);
	tcase_add_test(lists, try_to_free_pages_walks_the_priorities);
	tcase_add_test(lists, high_order_reclaim_stops_for_compaction);
	tcase_add_test(lists, shrink_lruvec_ages_a_low_inactive_anon_list);
	tcase_add_test(lists, direct_reclaim_is_throttled_until_kswapd_helped);
	suite_add_tcase(s, lists);

	tcase_add_test(kswapd, kswapd_balances_the_node_priority_by_priority);
	tcase_add_test(kswapd, wakeup_kswapd_leaves_a_hopeless_node_alone);
	suite_add_tcase(s, kswapd);

	tcase_add_test(compaction, compaction_suitable_states_its_numbers);
	tcase_add_test(compaction, direct_compaction_moves_each_page);
	tcase_add_test(compaction, whole_zone_compaction_until_the_scanners_meet);
	tcase_add_test(compaction, deferral_counts_the_attempts);
	tcase_add_test(compaction, kcompactd_is_woken_and_compacts);
	suite_add_tcase(s, compaction);

	tcase_add_test(oom, oom_killer_shows_every_task_and_its_points);
	tcase_add_test(oom, nofs_requests_do_not_kill_and_the_sysctls);
	suite_add_tcase(s, oom);

	tcase_set_timeout(all, 120);
	tcase_add_test(all, every_step_names_a_known_function);
	tcase_add_test(all, a_subscriber_changes_nothing);
	suite_add_tcase(s, all);
	return s;
}

int main(void)
{
	return run_suite(kstep_reclaim_suite());
}
