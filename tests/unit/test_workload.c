/*
 * tests/unit/test_workload.c: the owners of pages (src/engine/workload.c):
 * task_new()'s checks and pid numbering, anonymous faults
 * (GFP_HIGHUSER_MOVABLE|__GFP_ZERO, the data each page holds, pgfault),
 * file faults (major faults, VM_EXEC), read()'s batches of 32 locked pages
 * and re-reads, write()'s dirty accounting (no mark_page_accessed,
 * __GFP_WRITE), the dirty limits of mm/page-writeback.c computed with the
 * kernel's parts-per-PAGE_SIZE arithmetic and the per-node limit in whole
 * percent, balance_dirty_pages()
 * throttling, the flusher (background limit at every jiffy, periodic
 * writeback of expired inodes), the disk finishing writes after its
 * latency with the data as submitted, sync, truncate, munmap, mlock,
 * exit, madvise(MADV_COLD), invalidate_mapping_pages() (batches of 15
 * entries, shadows cleared, pagevec_release() draining and freeing) and
 * drop_caches, time (jiffies against the clock, HZ 250) and the seeded
 * workload generators. The full invariant check runs after every step.
 */
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "mmsh/list.h"
#include "mmsh/lru.h"
#include "mmsh/page_alloc.h"
#include "mmsh/pcp.h"
#include "mmsh/rmap.h"
#include "mmsh/swap.h"
#include "mmsh/vmscan.h"
#include "mmsh/workload.h"

/* ---- helpers ------------------------------------------------------------------ */

/* The disk is idle and nothing is dirty: every block on disk is current. */
static void assert_file_on_disk(struct machine *m, int f)
{
	struct sim_file *fl = &m->files[f];
	unsigned long off;

	for (off = 0; off < fl->size; off++)
		ck_assert_uint_eq(fl->disk_version[off], fl->version[off]);
}

/* ---- tasks -------------------------------------------------------------------------- */

/*
 * task_new(): 1 to TASK_COMM_LEN - 1 characters of [A-Za-z0-9_.-], a name
 * not in use, oom_score_adj in [OOM_SCORE_ADJ_MIN, OOM_SCORE_ADJ_MAX].
 * Pids start at 1001 and only successful creations take one.
 */
START_TEST(task_new_checks_its_arguments_and_numbers_pids_from_1001)
{
	struct machine *m = boot_small();
	struct mm_error e;
	struct task *t;

	e.msg[0] = 0;
	ck_assert_ptr_null(task_new(m, "", 0, &e));
	ck_assert(e.msg[0] != 0);
	ck_assert_ptr_null(task_new(m, "0123456789abcdef", 0, &e));
	ck_assert_ptr_null(task_new(m, "a b", 0, &e));
	ck_assert_ptr_null(task_new(m, "a/b", 0, &e));
	ck_assert_ptr_null(task_new(m, "low", OOM_SCORE_ADJ_MIN - 1, &e));
	ck_assert_ptr_null(task_new(m, "high", OOM_SCORE_ADJ_MAX + 1, &e));
	t = task_new(m, "0123456789abcde", OOM_SCORE_ADJ_MIN, &e);
	ck_assert_ptr_nonnull(t);
	ck_assert_int_eq(t->pid, 1001);
	ck_assert_int_eq(t->oom_score_adj, -1000);
	ck_assert_str_eq(t->comm, "0123456789abcde");
	ck_assert_ptr_null(task_new(m, "0123456789abcde", 0, &e));
	t = task_new(m, "x_y-z.1", OOM_SCORE_ADJ_MAX, &e);
	ck_assert_ptr_nonnull(t);
	ck_assert_int_eq(t->pid, 1002);
	ck_assert_ptr_eq(task_find(m, "x_y-z.1"), t);
	ck_assert_uint_eq(t->anon_len, 0);
	ck_assert_uint_eq(task_rss(t), 0);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/* A task's name can be used again after it exited; its pid is not. */
START_TEST(pids_are_not_reused_after_exit)
{
	struct machine *m = boot_small();
	struct task *t = new_task(m, "a");

	ck_assert_int_eq(t->pid, 1001);
	task_exit(m, t);
	assert_consistent(m);
	ck_assert_ptr_null(task_find(m, "a"));
	t = new_task(m, "a");
	ck_assert_int_eq(t->pid, 1002);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/* ---- anonymous and file faults ------------------------------------------------------- */

/*
 * do_anonymous_page(): one order-0 GFP_HIGHUSER_MOVABLE|__GFP_ZERO
 * allocation per fault, made by the task (mm_page_alloc shows its pid),
 * from a Movable block; the task writes its data into the page; the pte is
 * present and young; pgfault, MM_ANONPAGES and NR_ANON_MAPPED count it.
 */
START_TEST(anonymous_faults_allocate_zeroed_movable_pages_with_the_tasks_data)
{
	struct machine *m = boot_small();
	struct task *t = new_task(m, "a");
	struct recorder *rec = malloc(sizeof(*rec));
	unsigned long j = m->jiffies, v, pgfault = m->vm_events[PGFAULT];
	size_t i, allocs = 0;

	ck_assert_ptr_nonnull(rec);
	record_events(m, rec);
	fault(m, t, 5);
	trace_subscribe(m, 0, NULL, NULL);
	for (i = 0; i < rec->n; i++) {
		if (rec->ev[i].id != TRACE_MM_PAGE_ALLOC)
			continue;
		ck_assert_uint_eq(rec->ev[i].gfp_flags, GFP_HIGHUSER_MOVABLE | GFP__ZERO);
		ck_assert_uint_eq(rec->ev[i].order, 0);
		ck_assert_int_eq(rec->ev[i].migratetype, MIGRATE_MOVABLE);
		ck_assert_int_eq(rec->ev[i].pid, 1001);
		ck_assert_uint_eq(rec->ev[i].pfn, pte_val(t->anon[allocs]));
		allocs++;
	}
	ck_assert_uint_eq(allocs, 5);
	ck_assert_uint_eq(m->jiffies, j);
	for (v = 0; v < 5; v++) {
		struct page *page = anon_page(m, t, v);

		ck_assert(t->anon[v] & PTE_YOUNG);
		ck_assert_uint_eq(t->anon_want[v], content_anon(t->pid, v, j + v));
		ck_assert_uint_eq(page_content_get(m, page_to_pfn(m, page)), t->anon_want[v]);
		ck_assert(PageAnon(page) && PageSwapBacked(page));
		ck_assert_uint_eq(page->index, v);
	}
	ck_assert_uint_eq(m->vm_events[PGFAULT], pgfault + 5);
	ck_assert_uint_eq(t->rss_anon, 5);
	ck_assert_int_eq(node_stat(m, NR_ANON_MAPPED), 5);
	free(rec);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * filemap_fault(): a page not in the cache is read (a major fault, one
 * page of 8 sectors of pgpgin); a second task mapping the same pages only
 * takes minor faults. Faults do not mark_page_accessed() (the pte's young
 * bit is the reference). An executable mapping shows as VM_EXEC.
 */
START_TEST(file_faults_are_major_once_and_exec_is_recorded)
{
	struct machine *m = boot_small();
	int f = new_file(m, "bin");
	struct task *a = new_task(m, "a"), *b = new_task(m, "b");
	unsigned long majflt = m->vm_events[PGMAJFAULT], flt = m->vm_events[PGFAULT];
	unsigned long pgpgin = m->vm_events[PGPGIN], vm_flags, off;

	map_file(m, a, f, 4, true);
	ck_assert_uint_eq(m->vm_events[PGMAJFAULT], majflt + 4);
	ck_assert_uint_eq(m->vm_events[PGFAULT], flt + 4);
	ck_assert_uint_eq(m->vm_events[PGPGIN], pgpgin + 32);
	map_file(m, b, f, 4, false);
	ck_assert_uint_eq(m->vm_events[PGMAJFAULT], majflt + 4);
	ck_assert_uint_eq(m->vm_events[PGFAULT], flt + 8);
	ck_assert(a->vmas[0].exec && !b->vmas[0].exec);
	ck_assert_uint_eq(a->rss_file, 4);
	ck_assert_int_eq(node_stat(m, NR_FILE_MAPPED), 4);
	for (off = 0; off < 4; off++) {
		struct page *page = file_page(m, f, off);

		ck_assert_int_eq(page_mapcount(page), 2);
		ck_assert(!PageReferenced(page));
		ck_assert_uint_eq(page_content_get(m, page_to_pfn(m, page)), content_file(f, off, 0));
	}
	b->vmas[0].pte[0] &= ~PTE_YOUNG;
	ck_assert_int_eq(page_referenced(m, file_page(m, f, 0), &vm_flags), 1);
	ck_assert(vm_flags & VM_EXEC);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/* ---- read ----------------------------------------------------------------------------- */

/*
 * Watch every allocation a read makes: at the k-th one, the pages the
 * read allocated before in the same batch of 32 must still be locked and
 * not uptodate (their I/O is one request, completed after the batch), the
 * pages of earlier batches unlocked and uptodate.
 */
struct batch_probe {
	struct machine *m;
	int f;
	unsigned long allocs;
	bool ok;
	unsigned long bad_alloc, bad_off;
};

static void batch_probe_cb(const struct trace_event *ev, void *arg)
{
	struct batch_probe *p = arg;
	unsigned long k, start, off;

	if (ev->id != TRACE_MM_PAGE_ALLOC)
		return;
	k = p->allocs++;
	start = k / 32 * 32;
	for (off = 0; off < k; off++) {
		struct page *page;
		bool in_batch = off >= start;

		if (!cached(p->m, p->f, off)) {
			p->ok = false;
			continue;
		}
		page = &p->m->mem_map[p->m->files[p->f].slot[off] & PTE_VALUE];
		if (PageLocked(page) != in_batch || test_page_flag(page, PG_uptodate) == in_batch) {
			if (p->ok) {
				p->bad_alloc = k;
				p->bad_off = off;
			}
			p->ok = false;
		}
	}
}

START_TEST(reads_fetch_batches_of_32_locked_pages)
{
	struct machine *m = boot_small();
	int f = new_file(m, "data");
	struct batch_probe p = { m, f, 0, true, 0, 0 };
	unsigned long pgpgin = m->vm_events[PGPGIN], majflt = m->vm_events[PGMAJFAULT], off;

	trace_subscribe(m, 1ULL << TRACE_MM_PAGE_ALLOC, batch_probe_cb, &p);
	read_file(m, f, 0, 40);
	trace_subscribe(m, 0, NULL, NULL);
	ck_assert_uint_eq(p.allocs, 40);
	ck_assert_msg(p.ok, "allocation %lu saw offset %lu in the wrong state", p.bad_alloc, p.bad_off);
	/* 40 pages read: 8 sectors each; read() is not a page fault */
	ck_assert_uint_eq(m->vm_events[PGPGIN], pgpgin + 320);
	ck_assert_uint_eq(m->vm_events[PGMAJFAULT], majflt);
	for (off = 0; off < 40; off++) {
		struct page *page = file_page(m, f, off);

		ck_assert(!PageLocked(page) && test_page_flag(page, PG_uptodate));
		ck_assert(PageReferenced(page) && !PageActive(page));
		ck_assert_uint_eq(page_content_get(m, page_to_pfn(m, page)), content_file(f, off, 0));
	}
	ck_assert_uint_eq(m->files[f].nrpages, 40);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * Each read() marks each page accessed once: a second read of cached
 * pages reads nothing from disk and activates them; a third leaves them
 * active and referenced. A read over partly cached pages reads only the
 * missing ones.
 */
START_TEST(rereads_hit_the_cache_and_promote)
{
	struct machine *m = boot_small();
	int f = new_file(m, "data");
	unsigned long pgpgin;
	struct page *page;

	read_file(m, f, 0, 3);
	lru_add_drain(m);
	assert_consistent(m);
	pgpgin = m->vm_events[PGPGIN];
	read_file(m, f, 0, 3);
	ck_assert_uint_eq(m->vm_events[PGPGIN], pgpgin);
	lru_add_drain(m);
	assert_consistent(m);
	page = file_page(m, f, 1);
	ck_assert(PageActive(page) && !PageReferenced(page));
	ck_assert_int_eq(node_stat(m, NR_ACTIVE_FILE), 3);
	read_file(m, f, 0, 3);
	ck_assert(PageActive(page) && PageReferenced(page));
	assert_consistent(m);

	read_file(m, f, 0, 6);
	ck_assert_uint_eq(m->vm_events[PGPGIN], pgpgin + 24);
	lru_add_drain(m);
	assert_consistent(m);
	ck_assert_int_eq(node_stat(m, NR_ACTIVE_FILE), 3);
	ck_assert_int_eq(node_stat(m, NR_INACTIVE_FILE), 3);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/* ---- write and the dirty limits ---------------------------------------------------------- */

/*
 * write(): grab_cache_page_write_begin() allocates with __GFP_WRITE and
 * does not mark the page accessed; the data goes in (the file's version
 * of that block goes up) and account_page_dirtied() counts NR_FILE_DIRTY,
 * NR_DIRTIED and the zone's NR_ZONE_WRITE_PENDING; the inode becomes dirty
 * now. Writing a page that is dirty already does not count it again.
 */
START_TEST(writes_dirty_pages_and_account_them)
{
	struct machine *m = boot_small();
	int f = new_file(m, "log");
	struct sim_file *fl = &m->files[f];
	struct recorder *rec = malloc(sizeof(*rec));
	unsigned long pgpgin = m->vm_events[PGPGIN], off;
	size_t i, allocs = 0;

	ck_assert_ptr_nonnull(rec);
	record_events(m, rec);
	write_file(m, f, 0, 5);
	trace_subscribe(m, 0, NULL, NULL);
	for (i = 0; i < rec->n; i++)
		if (rec->ev[i].id == TRACE_MM_PAGE_ALLOC) {
			ck_assert_uint_eq(rec->ev[i].gfp_flags, GFP_HIGHUSER_MOVABLE | GFP__WRITE);
			allocs++;
		}
	free(rec);
	ck_assert_uint_eq(allocs, 5);
	ck_assert_int_eq(node_stat(m, NR_FILE_DIRTY), 5);
	ck_assert_int_eq(node_stat(m, NR_DIRTIED), 5);
	ck_assert_int_eq(normal_stat(m, NR_ZONE_WRITE_PENDING), 5);
	ck_assert_uint_eq(fl->nr_dirty, 5);
	ck_assert_uint_eq(fl->dirtied_when, m->jiffies);
	ck_assert_uint_eq(m->vm_events[PGPGIN], pgpgin);
	for (off = 0; off < 5; off++) {
		struct page *page = file_page(m, f, off);

		ck_assert(PageDirty(page) && !PageReferenced(page) && !PageLocked(page));
		ck_assert(test_page_flag(page, PG_uptodate));
		ck_assert_uint_eq(fl->version[off], 1);
		ck_assert_uint_eq(page_content_get(m, page_to_pfn(m, page)), content_file(f, off, 1));
	}
	assert_consistent(m);
	write_file(m, f, 0, 5);
	ck_assert_int_eq(node_stat(m, NR_DIRTIED), 5);
	ck_assert_int_eq(node_stat(m, NR_FILE_DIRTY), 5);
	ck_assert_uint_eq(fl->version[2], 2);
	lru_add_drain(m);
	assert_consistent(m);
	ck_assert_int_eq(node_stat(m, NR_INACTIVE_FILE), 5);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * global_dirtyable_memory() = free - min(free, totalreserve_pages) +
 * active_file + inactive_file + 1; domain_dirty_limits() turns the ratios
 * into parts per PAGE_SIZE first (20% -> 819, 10% -> 409) and divides by
 * PAGE_SIZE last. totalreserve_pages is the high mark (no lowmem reserve
 * in a single zone). At boot: 16384 free - 384 + 1 = 16001 pages,
 * threshold 819 * 16001 / 4096 = 3199 (not the 3200 of 20%), background
 * 409 * 16001 / 4096 = 1597. The same arithmetic after some page cache.
 */
START_TEST(dirty_limits_use_the_kernels_arithmetic)
{
	struct machine *m = boot_small();
	int f = new_file(m, "data");
	unsigned long bg, thresh, free_, avail;

	ck_assert_uint_eq(m->totalreserve_pages, 384);
	ck_assert_uint_eq(global_zone_page_state(m, NR_FREE_PAGES), 16384);
	ck_assert_uint_eq(global_dirtyable_memory(m), 16001);
	global_dirty_limits(m, &bg, &thresh);
	ck_assert_uint_eq(thresh, 3199);
	ck_assert_uint_eq(bg, 1597);

	read_file(m, f, 0, 100);
	lru_add_drain(m);
	assert_consistent(m);
	free_ = global_zone_page_state(m, NR_FREE_PAGES);
	avail = free_ - 384 + 100 + 1;
	ck_assert_uint_eq(global_dirtyable_memory(m), avail);
	global_dirty_limits(m, &bg, &thresh);
	ck_assert_uint_eq(thresh, 819 * avail / 4096);
	ck_assert_uint_eq(bg, 409 * avail / 4096);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/* bg_thresh >= thresh: the background threshold becomes half the threshold. */
START_TEST(background_limit_is_halved_when_not_below_the_limit)
{
	struct machine *m = boot_small();
	unsigned long bg, thresh;

	m->vm_dirty_ratio = 10;
	m->dirty_background_ratio = 30;
	global_dirty_limits(m, &bg, &thresh);
	/* 10% -> 409 parts: 409 * 16001 / 4096 = 1597 */
	ck_assert_uint_eq(thresh, 1597);
	ck_assert_uint_eq(bg, 798);
	/* equal ratios: bg_thresh == thresh is not below it either */
	m->dirty_background_ratio = 10;
	global_dirty_limits(m, &bg, &thresh);
	ck_assert_uint_eq(bg, 798);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * node_dirtyable_memory() is the same sum over one node's zones, without
 * the global +1: at boot 16384 free - 384 = 16000. node_dirty_limit()
 * applies vm.dirty_ratio in whole percent, 20 * 16000 / 100 = 3200, where
 * the global threshold, in parts per PAGE_SIZE, is 3199.
 *
 * node_dirty_ok() compares NR_FILE_DIRTY + NR_WRITEBACK with the limit,
 * and being at it is within it. 480 pages written take 160 pcp refills of
 * 3 (none left over): 15904 free - 384 + 480 file = 16000 dirtyable, and
 * with vm.dirty_ratio = 3 the limit is 3 * 16000 / 100 = 480, exactly the
 * dirty pages: within; still within after 60 of them went to writeback
 * (420 + 60). One more page written (at vm.dirty_ratio 20, so that the
 * writer is not throttled) takes a refill of 3: 15901 - 384 + 481 = 15998
 * dirtyable, limit 3 * 15998 / 100 = 479 < 421 + 60 = 481: over.
 */
START_TEST(node_dirty_limit_is_in_whole_percent)
{
	struct machine *m = boot_small();
	pg_data_t *pgdat = m->node_data[0];
	int f = new_file(m, "data");
	unsigned long bg, thresh;

	ck_assert_uint_eq(node_dirtyable_memory(pgdat), 16000);
	ck_assert_uint_eq(global_dirtyable_memory(m), 16001);
	ck_assert_uint_eq(node_dirty_limit(pgdat), 3200);
	global_dirty_limits(m, &bg, &thresh);
	ck_assert_uint_eq(thresh, 3199);

	write_file(m, f, 0, 480);
	lru_add_drain(m);
	ck_assert_uint_eq(global_zone_page_state(m, NR_FREE_PAGES), 15904);
	m->vm_dirty_ratio = 3;
	ck_assert_uint_eq(node_dirtyable_memory(pgdat), 16000);
	ck_assert_uint_eq(node_dirty_limit(pgdat), 480);
	ck_assert_int_eq(node_stat(m, NR_FILE_DIRTY), 480);
	ck_assert(node_dirty_ok(pgdat));
	ck_assert_uint_eq(writeback_dirty(m, 60), 60);
	ck_assert_int_eq(node_stat(m, NR_FILE_DIRTY), 420);
	ck_assert_int_eq(node_stat(m, NR_WRITEBACK), 60);
	ck_assert(node_dirty_ok(pgdat));
	assert_consistent(m);

	m->vm_dirty_ratio = 20;
	write_file(m, f, 480, 1);
	lru_add_drain(m);
	m->vm_dirty_ratio = 3;
	ck_assert_uint_eq(global_zone_page_state(m, NR_FREE_PAGES), 15901);
	ck_assert_uint_eq(node_dirtyable_memory(pgdat), 15998);
	ck_assert_uint_eq(node_dirty_limit(pgdat), 479);
	ck_assert_int_eq(node_stat(m, NR_FILE_DIRTY) + node_stat(m, NR_WRITEBACK), 481);
	ck_assert(!node_dirty_ok(pgdat));
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * A writer far above the limit: balance_dirty_pages() starts background
 * writeback and the writer pauses while dirty + writeback is above the
 * threshold. With a slow disk (latency 200 jiffies) a write of 6000 pages
 * must sleep until writes complete, and its dirty pages never pile up
 * past the threshold.
 */
START_TEST(writers_above_the_limit_are_throttled)
{
	struct machine *m = boot_small();
	int f = new_file(m, "big");
	unsigned long bg, thresh, written0 = m->disk.written;

	m->disk.latency = 200;
	write_file(m, f, 0, 6000);
	global_dirty_limits(m, &bg, &thresh);
	ck_assert_uint_gt(m->disk.written, written0);
	ck_assert_uint_ge(m->jiffies, 200);
	ck_assert_uint_le((unsigned long)node_stat(m, NR_FILE_DIRTY), thresh);
	ck_assert_uint_gt((unsigned long)node_stat(m, NR_DIRTIED), 5999);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * balance_dirty_pages() (5.10) measures dirty as NR_FILE_DIRTY +
 * NR_WRITEBACK ("gdtc->dirty = nr_reclaimable +
 * global_node_page_state(NR_WRITEBACK)") against the freerun ceiling and
 * the limit, and NR_WRITEBACK includes anonymous pages being written to
 * swap. Reclaim has 4000 anonymous pages in flight to a slow swap device,
 * more than the dirty threshold, and no file page is dirty. A task now
 * dirtying 32 file pages (the initial nr_dirtied_pause, so
 * balance_dirty_pages() certainly runs) is above the hard limit: with no
 * task_ratelimit it pauses again and again until the writeback has drained
 * below the threshold, however few pages it dirtied itself.
 */
START_TEST(writeback_counts_towards_the_dirty_limit)
{
	struct machine *m = boot_swap(16384, 8192, 1);
	struct task *t = new_task(m, "a");
	int f = new_file(m, "log");
	unsigned long bg, thresh, v;

	m->disk.latency = 600;
	fault(m, t, 4000);
	for (v = 0; v < 4000; v++)
		ck_assert_uint_eq(reclaim_page_unchecked(m, anon_page(m, t, v), true), 0);
	ck_assert_int_eq(node_stat(m, NR_WRITEBACK), 4000);
	ck_assert_int_eq(node_stat(m, NR_FILE_DIRTY), 0);
	global_dirty_limits(m, &bg, &thresh);
	ck_assert_uint_gt(4000, thresh);
	assert_consistent(m);
	write_file(m, f, 0, 32);
	global_dirty_limits(m, &bg, &thresh);
	ck_assert_uint_le((unsigned long)(node_stat(m, NR_FILE_DIRTY) + node_stat(m, NR_WRITEBACK)),
			  thresh);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/* ---- the flusher, the disk, sync -------------------------------------------------------- */

/*
 * wb_check_background_flush(): at the next jiffy the flusher finds
 * NR_FILE_DIRTY above the background limit and runs wb_writeback() for
 * background: each dirty inode gets writeback_chunk_size() pages, and the
 * limit is checked again only between rounds. 2000 dirty pages (below the
 * freerun ceiling, so the writer was not throttled) against a background
 * limit of bg; the chunk is min(thresh / DIRTY_SCOPE, INIT_BW / 2) +
 * MIN_WRITEBACK_PAGES rounded down to a multiple of 1024: thresh is about
 * 3200, so 400 + 1024 -> 1024. One round writes 1024 pages, leaving 976
 * dirty, under the limit: the flusher stops there. The disk completes the
 * 1024 a latency later; nothing more is written (976 <= bg).
 */
START_TEST(the_flusher_writes_a_chunk_above_the_background_limit)
{
	struct machine *m = boot_small();
	int f = new_file(m, "data");
	unsigned long bg, thresh;

	write_file(m, f, 0, 2000);
	global_dirty_limits(m, &bg, &thresh);
	ck_assert_uint_gt(2000, bg);
	ck_assert_uint_lt(thresh / DIRTY_SCOPE, 1024);
	ck_assert_int_eq(node_stat(m, NR_WRITEBACK), 0);
	tick(m, 1);
	assert_consistent(m);
	ck_assert_int_eq(node_stat(m, NR_WRITEBACK), 1024);
	ck_assert_int_eq(node_stat(m, NR_FILE_DIRTY), 976);
	ck_assert_uint_eq(m->disk.n, 1024);
	tick(m, m->disk.latency);
	assert_consistent(m);
	ck_assert_int_eq(node_stat(m, NR_WRITEBACK), 0);
	ck_assert_int_eq(node_stat(m, NR_WRITTEN), 1024);
	ck_assert_int_eq(node_stat(m, NR_FILE_DIRTY), 976);
	machine_destroy(m);
}
END_TEST

/*
 * disk_set_latency(): 1 to a minute of jiffies; a write submitted after a
 * change takes the new time, one in flight keeps its own.
 */
START_TEST(disk_latency_applies_to_later_writes)
{
	struct machine *m = boot_small();
	int f = new_file(m, "data");
	struct mm_error e;
	unsigned long j0;

	ck_assert_uint_eq(m->disk.latency, DISK_DEFAULT_LATENCY);
	ck_assert_int_eq(disk_set_latency(m, 0, &e), -1);
	ck_assert_int_eq(disk_set_latency(m, DISK_MAX_LATENCY + 1, &e), -1);
	ck_assert_uint_eq(m->disk.latency, DISK_DEFAULT_LATENCY);
	write_file(m, f, 0, 2);
	j0 = m->jiffies;
	ck_assert_uint_eq(writeback_dirty(m, 1), 1);   /* offset 0: due at j0 + 10 */
	ck_assert_int_eq(disk_set_latency(m, 3, &e), 0);
	ck_assert_uint_eq(writeback_dirty(m, 1), 1);   /* offset 1: due at j0 + 3 */
	ck_assert_uint_eq(m->disk.q[0].done_at, j0 + DISK_DEFAULT_LATENCY);
	ck_assert_uint_eq(m->disk.q[1].done_at, j0 + 3);
	tick(m, 3);
	ck_assert(!PageWriteback(file_page(m, f, 1)));
	ck_assert(PageWriteback(file_page(m, f, 0)));
	tick(m, DISK_DEFAULT_LATENCY - 3);
	ck_assert_uint_eq(m->disk.n, 0);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * wb_check_old_data_flush(): every dirty_writeback_centisecs (500 = 1250
 * jiffies) the flusher writes the inodes dirtied at least
 * dirty_expire_centisecs (3000 = 7500 jiffies) ago. Dirtied at jiffy 100:
 * not old enough at the check of jiffy 7500, written at the check of
 * jiffy 8750.
 */
START_TEST(periodic_writeback_takes_only_expired_inodes)
{
	struct machine *m = boot_small();
	int f = new_file(m, "log");

	tick(m, 100 - m->jiffies);
	assert_consistent(m);
	write_file(m, f, 0, 10);
	ck_assert_uint_eq(m->files[f].dirtied_when, 100);
	tick(m, 8749 - m->jiffies);
	assert_consistent(m);
	ck_assert_int_eq(node_stat(m, NR_FILE_DIRTY), 10);
	ck_assert_int_eq(node_stat(m, NR_WRITEBACK), 0);
	tick(m, 1);
	assert_consistent(m);
	ck_assert_uint_eq(m->jiffies, 8750);
	ck_assert_int_eq(node_stat(m, NR_FILE_DIRTY), 0);
	ck_assert_int_eq(node_stat(m, NR_WRITEBACK), 10);
	assert_consistent(m);
	tick(m, m->disk.latency);
	assert_consistent(m);
	ck_assert_int_eq(node_stat(m, NR_WRITEBACK), 0);
	assert_file_on_disk(m, f);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/* dirty_writeback_centisecs = 0 switches periodic writeback off. */
START_TEST(periodic_writeback_can_be_switched_off)
{
	struct machine *m = boot_small();
	int f = new_file(m, "log");

	m->dirty_writeback_centisecs = 0;
	write_file(m, f, 0, 10);
	tick(m, 10000);
	assert_consistent(m);
	ck_assert_int_eq(node_stat(m, NR_FILE_DIRTY), 10);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * A write submitted at jiffy J completes at J + latency: until then the
 * page is under writeback (clean, NR_WRITEBACK and write_pending count
 * it); then end_page_writeback(), NR_WRITTEN, and the block on disk holds
 * the page's version.
 */
START_TEST(the_disk_completes_writes_after_its_latency)
{
	struct machine *m = boot_small();
	int f = new_file(m, "data");
	unsigned long written = m->disk.written;
	struct page *page;

	write_file(m, f, 0, 3);
	ck_assert_uint_eq(writeback_dirty(m, ~0UL), 3);
	assert_consistent(m);
	page = file_page(m, f, 1);
	ck_assert(PageWriteback(page) && !PageDirty(page));
	ck_assert_uint_eq(m->disk.n, 3);
	ck_assert_int_eq(node_stat(m, NR_WRITEBACK), 3);
	ck_assert_int_eq(node_stat(m, NR_FILE_DIRTY), 0);
	ck_assert_int_eq(normal_stat(m, NR_ZONE_WRITE_PENDING), 3);
	ck_assert_uint_eq(m->files[f].disk_version[1], 0);
	assert_consistent(m);
	tick(m, m->disk.latency - 1);
	assert_consistent(m);
	ck_assert(PageWriteback(page));
	tick(m, 1);
	assert_consistent(m);
	ck_assert(!PageWriteback(page));
	ck_assert_uint_eq(m->disk.n, 0);
	ck_assert_uint_eq(m->disk.written, written + 3);
	ck_assert_int_eq(node_stat(m, NR_WRITTEN), 3);
	ck_assert_int_eq(normal_stat(m, NR_ZONE_WRITE_PENDING), 0);
	assert_file_on_disk(m, f);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * A page written again while its write is in flight (no stable pages
 * needed) is dirty and under writeback at once, counted in both; the
 * disk receives the version that was submitted, so afterwards the page
 * is still dirty and newer than the disk. The next writeback catches up.
 */
START_TEST(a_page_redirtied_during_writeback_stays_dirty)
{
	struct machine *m = boot_small();
	int f = new_file(m, "data");
	struct sim_file *fl = &m->files[f];
	unsigned long waited;
	struct page *page;

	write_file(m, f, 0, 1);
	ck_assert_uint_eq(writeback_dirty(m, ~0UL), 1);
	assert_consistent(m);
	write_file(m, f, 0, 1);
	page = file_page(m, f, 0);
	ck_assert(PageDirty(page) && PageWriteback(page));
	ck_assert_int_eq(node_stat(m, NR_FILE_DIRTY), 1);
	ck_assert_int_eq(node_stat(m, NR_WRITEBACK), 1);
	ck_assert_int_eq(normal_stat(m, NR_ZONE_WRITE_PENDING), 2);
	ck_assert_int_eq(node_stat(m, NR_DIRTIED), 2);
	assert_consistent(m);
	tick(m, m->disk.latency);
	assert_consistent(m);
	ck_assert(PageDirty(page) && !PageWriteback(page));
	ck_assert_uint_eq(fl->disk_version[0], 1);
	ck_assert_uint_eq(fl->version[0], 2);
	assert_consistent(m);
	sync_all(m, &waited);
	assert_consistent(m);
	ck_assert_uint_eq(fl->disk_version[0], 2);
	ck_assert(!PageDirty(page));
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * sync: write back every dirty page of every file and wait for all of it;
 * submitted together, they all complete one latency later.
 */
START_TEST(sync_writes_everything_and_waits_for_it)
{
	struct machine *m = boot_small();
	int a = new_file(m, "a"), b = new_file(m, "b");
	unsigned long waited, j0;

	write_file(m, a, 0, 6);
	write_file(m, b, 3, 4);
	j0 = m->jiffies;
	ck_assert_uint_eq(sync_all(m, &waited), 10);
	assert_consistent(m);
	ck_assert_uint_eq(waited, m->disk.latency);
	ck_assert_uint_eq(m->jiffies, j0 + m->disk.latency);
	ck_assert_int_eq(node_stat(m, NR_FILE_DIRTY), 0);
	ck_assert_int_eq(node_stat(m, NR_WRITEBACK), 0);
	ck_assert_uint_eq(m->files[a].nr_dirty, 0);
	assert_file_on_disk(m, a);
	assert_file_on_disk(m, b);
	ck_assert_uint_eq(sync_all(m, &waited), 0);
	assert_consistent(m);
	ck_assert_uint_eq(waited, 0);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * truncate: unmap the pages from every task, wait for pages under
 * writeback (truncate_inode_pages waits), drop dirty data, free the whole
 * cache; the file is empty.
 */
START_TEST(truncate_waits_for_writeback_and_frees_the_cache)
{
	struct machine *m = boot_small();
	int f = new_file(m, "data");
	struct task *t = new_task(m, "a");
	unsigned long j0, free0;
	struct page *page;

	map_file(m, t, f, 4, false);
	write_file(m, f, 0, 2);
	ck_assert_uint_eq(writeback_dirty(m, 1), 1);
	assert_consistent(m);
	write_file(m, f, 4, 2);
	lru_add_drain(m);
	assert_consistent(m);
	page = file_page(m, f, 0);
	ck_assert(PageWriteback(page));
	j0 = m->jiffies;
	free0 = global_zone_page_state(m, NR_FREE_PAGES);
	ck_assert_uint_eq(truncate_file(m, f), 6);
	assert_consistent(m);
	ck_assert_uint_ge(m->jiffies, j0 + 1);
	ck_assert_uint_eq(m->disk.n, 0);
	ck_assert_uint_eq(m->files[f].size, 0);
	ck_assert_uint_eq(m->files[f].nrpages, 0);
	ck_assert_uint_eq(t->rss_file, 0);
	ck_assert_int_eq(page_ref_count(page), 0);
	ck_assert_int_eq(node_stat(m, NR_FILE_PAGES), 0);
	ck_assert_int_eq(node_stat(m, NR_FILE_MAPPED), 0);
	ck_assert_int_eq(node_stat(m, NR_FILE_DIRTY), 0);
	ck_assert_int_eq(node_stat(m, NR_WRITEBACK), 0);
	ck_assert_uint_ge(global_zone_page_state(m, NR_FREE_PAGES) +
			  zone_pcp_pages(ZONE(m, 0, ZONE_NORMAL)), free0 + 6);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * truncate_inode_pages_range()'s second pass locks a page before it waits
 * for its writeback, and rotate_reclaimable_page() passes over a locked
 * page: a page marked PG_reclaim whose write ends during truncate is not
 * rotated but freed by the batch's pagevec_release() within the call.
 * One dirty page is written (writeback_dirty); invalidate_mapping_pages()
 * cannot drop a page under writeback and deactivates it instead
 * (lru_deactivate_file_fn: PG_reclaim, as it is under writeback), and its
 * pagevec_release() drains that at once. truncate's first pass skips the
 * page, the second locks it and sleeps until the disk completes it
 * (DISK_DEFAULT_LATENCY jiffies after the submission): end_page_writeback()
 * clears PG_reclaim and does not rotate (pgrotated stays 0, no rotate
 * pagevec entry); the page leaves the cache and the batch's release frees
 * it: pgfree + 1.
 */
START_TEST(truncate_holds_the_page_it_waits_for)
{
	struct machine *m = boot_small();
	int f = new_file(m, "data");
	struct page *page;
	unsigned long pgfree0;

	write_file(m, f, 0, 1);
	lru_add_drain(m);
	ck_assert_uint_eq(writeback_dirty(m, 1), 1);
	page = file_page(m, f, 0);
	ck_assert(PageWriteback(page));
	ck_assert_uint_eq(invalidate_mapping_pages(m, f), 0);
	ck_assert(PageReclaim(page));
	ck_assert_uint_eq(m->pvecs[0].lru_deactivate_file.nr, 0);
	assert_consistent(m);
	pgfree0 = ev(m, PGFREE);
	ck_assert_uint_eq(truncate_file(m, f), 1);
	ck_assert_uint_eq(m->pvecs[0].lru_rotate.nr, 0);
	ck_assert_uint_eq(ev(m, PGROTATED), 0);
	ck_assert_uint_eq(ev(m, PGFREE), pgfree0 + 1);
	ck_assert_int_eq(page_ref_count(page), 0);
	ck_assert(!PageLocked(page));
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * truncate_pagecache() unmaps the file before and again after
 * truncate_inode_pages(); each unmap runs zap_page_range_single() for
 * every vma mapping the file, and that starts with lru_add_drain(). File
 * g's page is written and marked PG_reclaim (as above); f, mapped by task
 * t, has a page under writeback written after g's, so truncate(f) sleeps
 * in its second pass and g's write completes meanwhile: g's page goes to
 * this CPU's rotate pagevec (it is not the page truncate holds). The
 * second unmap_mapping_range() drains it: the page is at the inactive
 * tail, pgrotated 1, and no pagevec holds it when truncate returns.
 */
START_TEST(truncate_unmaps_again_and_drains_after_waiting)
{
	struct machine *m = boot_small();
	int g = new_file(m, "g"), f = new_file(m, "f");
	struct task *t = new_task(m, "t");
	struct page *gp;
	unsigned long tail[1];

	write_file(m, g, 0, 1);
	map_file(m, t, f, 1, false);
	write_file(m, f, 1, 1);
	lru_add_drain(m);
	ck_assert_uint_eq(writeback_dirty(m, ~0UL), 2);   /* g's page first, then f's */
	gp = file_page(m, g, 0);
	ck_assert_uint_eq(invalidate_mapping_pages(m, g), 0);
	ck_assert(PageReclaim(gp));
	assert_consistent(m);
	ck_assert_uint_eq(truncate_file(m, f), 2);
	ck_assert_uint_eq(m->pvecs[0].lru_rotate.nr, 0);
	ck_assert_uint_eq(ev(m, PGROTATED), 1);
	ck_assert_uint_eq(lru_pfns(m, LRU_INACTIVE_FILE, tail, 1), 1);
	ck_assert(!PageReclaim(gp) && !PageWriteback(gp));
	ck_assert_uint_eq(t->rss_file, 0);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/* ---- munmap, mlock, exit ----------------------------------------------------------------- */

/*
 * munmap_task(t, n) unmaps the last n anonymous pages; n = 0 unmaps
 * everything, file mappings too. The pages go back to the allocator.
 */
START_TEST(munmap_releases_pages_from_the_end)
{
	struct machine *m = boot_small();
	struct task *t = new_task(m, "a");
	int f = new_file(m, "lib");
	struct page *last;

	fault(m, t, 10);
	map_file(m, t, f, 2, false);
	lru_add_drain(m);
	assert_consistent(m);
	last = anon_page(m, t, 9);
	ck_assert_uint_eq(munmap_task(m, t, 3), 3);
	assert_consistent(m);
	ck_assert_uint_eq(t->anon_len, 7);
	ck_assert_uint_eq(t->rss_anon, 7);
	ck_assert_int_eq(page_ref_count(last), 0);
	ck_assert_int_eq(node_stat(m, NR_ANON_MAPPED), 7);
	ck_assert_int_eq(node_stat(m, NR_INACTIVE_ANON), 7);
	assert_consistent(m);
	ck_assert_uint_eq(munmap_task(m, t, 0), 9);
	assert_consistent(m);
	ck_assert_uint_eq(task_rss(t), 0);
	ck_assert_int_eq(t->nr_vmas, 0);
	ck_assert_int_eq(node_stat(m, NR_ANON_MAPPED), 0);
	ck_assert_int_eq(node_stat(m, NR_FILE_MAPPED), 0);
	ck_assert_uint_eq(m->files[f].nrpages, 2);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * mlockall() and munlockall() over anonymous and file pages. 4 anonymous
 * pages and 2 file pages, all on the inactive lists. mlockall()
 * populates in address order (the anonymous area, then the file mapping):
 * follow_page_pte() drains this CPU's pagevecs before mlock_vma_page()
 * (mlocked, isolated, put back into the lru_add pagevec), so each page's
 * drain culls the one before: mlocked 6, culled 5, the last file page
 * still in the pagevec until the test's drain culls it (6). A new fault
 * of the locked task is mlocked at once (7) and waits in the pagevec.
 * munlockall() (__munlock_pagevec() per vma): the 4 culled anonymous
 * pages and the 2 file pages (mapped once) are isolated and come back by
 * the fast path, munlocked and rescued (6); the new fault cannot be
 * isolated (not PG_lru): __munlock_isolation_failed() counts it munlocked
 * (it is not PG_unevictable) and the drain of phase 1's pagevec_release()
 * puts it on the inactive list neither culled nor rescued. Munlocked 7,
 * rescued 6; inactive anon 5, file 2.
 */
START_TEST(mlock_and_munlock_move_pages_between_lists)
{
	struct machine *m = boot_small();
	struct task *t = new_task(m, "a");
	int f = new_file(m, "lib");

	fault(m, t, 4);
	map_file(m, t, f, 2, false);
	lru_add_drain(m);
	assert_consistent(m);
	mlock_all(m, t, true);
	ck_assert_int_eq(normal_stat(m, NR_MLOCK), 6);
	ck_assert_uint_eq(m->vm_events[UNEVICTABLE_PGMLOCKED], 6);
	ck_assert_uint_eq(m->vm_events[UNEVICTABLE_PGCULLED], 5);
	ck_assert_uint_eq(m->pvecs[0].lru_add.nr, 1);
	ck_assert_uint_eq(m->pvecs[0].lru_add.pages[0], page_to_pfn(m, file_page(m, f, 1)));
	lru_add_drain(m);
	assert_consistent(m);
	ck_assert_uint_eq(m->vm_events[UNEVICTABLE_PGCULLED], 6);
	ck_assert_int_eq(node_stat(m, NR_UNEVICTABLE), 6);
	ck_assert_int_eq(node_stat(m, NR_INACTIVE_ANON) + node_stat(m, NR_INACTIVE_FILE), 0);
	assert_consistent(m);
	/* new faults of a locked task are mlocked at once */
	fault(m, t, 1);
	ck_assert_int_eq(normal_stat(m, NR_MLOCK), 7);
	ck_assert_uint_eq(m->vm_events[UNEVICTABLE_PGMLOCKED], 7);
	mlock_all(m, t, false);
	ck_assert_int_eq(normal_stat(m, NR_MLOCK), 0);
	ck_assert_uint_eq(m->vm_events[UNEVICTABLE_PGMUNLOCKED], 7);
	ck_assert_uint_eq(m->vm_events[UNEVICTABLE_PGRESCUED], 6);
	lru_add_drain(m);
	assert_consistent(m);
	ck_assert_uint_eq(m->vm_events[UNEVICTABLE_PGRESCUED], 6);
	ck_assert_uint_eq(m->vm_events[UNEVICTABLE_PGCULLED], 6);
	ck_assert_uint_eq(m->vm_events[UNEVICTABLE_PGSTRANDED], 0);
	ck_assert_int_eq(node_stat(m, NR_UNEVICTABLE), 0);
	ck_assert_int_eq(node_stat(m, NR_INACTIVE_ANON), 5);
	ck_assert_int_eq(node_stat(m, NR_INACTIVE_FILE), 2);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * mlockall(MCL_CURRENT) populates every VM_LOCKED vma with
 * __get_user_pages(FOLL_TOUCH | FOLL_POPULATE | FOLL_MLOCK): a pte that
 * is not present is faulted in (faultin_page() -> handle_mm_fault(); for
 * a file page within i_size, filemap_fault() reads it back, pgmajfault)
 * and the page is then mlocked like the others. Here reclaim has unmapped
 * and evicted file page 1 of the task's mapping; after mlockall() both
 * file pages are mapped and mlocked (NR_MLOCK 2, mlocked 2).
 */
START_TEST(mlockall_faults_in_a_file_page_reclaim_unmapped)
{
	struct machine *m = boot_small();
	struct task *t = new_task(m, "a");
	int f = new_file(m, "lib");
	unsigned long maj0;

	map_file(m, t, f, 2, false);
	lru_add_drain(m);
	ck_assert_uint_eq(reclaim_page(m, file_page(m, f, 1), true), 1);
	ck_assert(!pte_present(t->vmas[0].pte[1]) && !cached(m, f, 1));
	maj0 = m->vm_events[PGMAJFAULT];
	mlock_all(m, t, true);
	ck_assert(pte_present(t->vmas[0].pte[1]) && cached(m, f, 1));
	ck_assert_uint_eq(m->vm_events[PGMAJFAULT], maj0 + 1);
	ck_assert(PageMlocked(file_page(m, f, 1)));
	ck_assert_int_eq(normal_stat(m, NR_MLOCK), 2);
	ck_assert_uint_eq(m->vm_events[UNEVICTABLE_PGMLOCKED], 2);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * exit_mmap(): every page and every swap entry goes. Anonymous pages are
 * freed, swap slots released (shadows too), a swap cache page whose pte
 * was a swap entry is dropped with its slot; file pages stay cached,
 * unmapped.
 */
START_TEST(exit_frees_pages_and_swap_slots)
{
	struct machine *m = boot_swap(16384, 64, 1);
	struct task *t = new_task(m, "a");
	int f = new_file(m, "lib");
	struct page *p0, *p1, *p2;

	fault(m, t, 4);
	map_file(m, t, f, 2, false);
	p0 = anon_page(m, t, 0);
	p1 = anon_page(m, t, 1);
	p2 = anon_page(m, t, 2);
	/* vpage 0 evicted to swap, vpage 1 in the swap cache and unmapped */
	ck_assert_uint_eq(reclaim_page(m, p0, true), 0);
	tick(m, m->disk.latency);
	assert_consistent(m);
	ck_assert_uint_eq(reclaim_page(m, p0, true), 1);
	ck_assert_uint_eq(reclaim_page(m, p1, true), 0);
	tick(m, m->disk.latency);
	lru_add_drain(m);
	assert_consistent(m);
	ck_assert(PageSwapCache(p1) && !page_mapped(p1));
	ck_assert_uint_eq(m->swap.inuse, 2);
	ck_assert_uint_eq(t->swapents, 2);
	assert_consistent(m);

	task_exit(m, t);
	lru_add_drain(m);
	assert_consistent(m);
	ck_assert(!t->used);
	ck_assert_ptr_null(task_find(m, "a"));
	ck_assert_uint_eq(m->swap.inuse, 0);
	ck_assert_uint_eq(m->swap.cache_pages, 0);
	/* slots 1 and 2 held them (slot 0 is the swap header) */
	ck_assert_uint_eq(m->swap.cache[1] | m->swap.cache[2], 0);
	ck_assert_uint_eq(m->swap.map[1] | m->swap.map[2], 0);
	ck_assert_uint_eq(m->swap.map[0], SWAP_MAP_BAD);
	ck_assert_int_eq(page_ref_count(p1), 0);
	ck_assert_int_eq(page_ref_count(p2), 0);
	ck_assert_int_eq(node_stat(m, NR_ANON_MAPPED), 0);
	ck_assert_int_eq(node_stat(m, NR_FILE_MAPPED), 0);
	ck_assert_int_eq(node_stat(m, NR_INACTIVE_ANON) + node_stat(m, NR_ACTIVE_ANON), 0);
	ck_assert_uint_eq(m->files[f].nrpages, 2);
	ck_assert_int_eq(node_stat(m, NR_FILE_PAGES), 2);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * free_swap_and_cache() (zap of a swap pte): when only SWAP_HAS_CACHE is
 * left, __try_to_reclaim_swap(TTRS_UNMAPPED | TTRS_FULL) trylocks the
 * cache page and, as nothing maps it, try_to_free_swap() deletes it from
 * the swap cache and frees the slot. No refcount test: a page still held
 * by a pagevec (here lru_rotate, after its PG_reclaim write ended) loses
 * its slot all the same and is freed when the pagevec drains.
 */
START_TEST(exit_frees_the_slot_of_a_cache_page_held_by_a_pagevec)
{
	struct machine *m = boot_swap(16384, 64, 1);
	struct task *t = new_task(m, "a");
	struct page *page;

	fault(m, t, 1);
	page = anon_page(m, t, 0);
	ck_assert_uint_eq(reclaim_page(m, page, true), 0);
	tick(m, m->disk.latency);
	assert_consistent(m);
	ck_assert_uint_eq(m->pvecs[0].lru_rotate.nr, 1);
	ck_assert(PageSwapCache(page) && !page_mapped(page) && !PageWriteback(page));
	task_exit(m, t);
	assert_consistent(m);
	ck_assert_uint_eq(m->swap.inuse, 0);
	ck_assert_uint_eq(m->swap.cache_pages, 0);
	ck_assert(!PageSwapCache(page));
	lru_add_drain(m);
	ck_assert_int_eq(page_ref_count(page), 0);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * free_swap_and_cache() leaves a page whose swap write is still in flight
 * alone (try_to_free_swap(): "if (PageWriteback(page)) return 0"): after
 * the exit the slot is still in use, held by the swap cache only
 * (SWAP_HAS_CACHE), and the page stays in the swap cache with nobody
 * mapping it. Once the write completes, reclaim finds it clean and
 * unmapped and frees it: __remove_mapping() deletes it from the swap
 * cache, which frees the slot.
 */
START_TEST(exit_during_the_swap_write_leaves_the_slot_to_reclaim)
{
	struct machine *m = boot_swap(16384, 64, 1);
	struct task *t = new_task(m, "a");
	struct page *page;

	fault(m, t, 1);
	page = anon_page(m, t, 0);
	ck_assert_uint_eq(reclaim_page(m, page, true), 0);
	ck_assert(PageWriteback(page) && PageSwapCache(page) && !page_mapped(page));
	task_exit(m, t);
	ck_assert_uint_eq(m->swap.inuse, 1);
	ck_assert_uint_eq(m->swap.map[1], SWAP_HAS_CACHE);
	ck_assert(PageSwapCache(page) && PageWriteback(page));
	ck_assert_int_eq(page_ref_count(page), 1);
	assert_consistent(m);
	tick(m, m->disk.latency);
	lru_add_drain(m);
	ck_assert(!PageWriteback(page));
	assert_consistent(m);
	ck_assert_uint_eq(reclaim_page(m, page, true), 1);
	ck_assert_uint_eq(m->swap.inuse, 0);
	ck_assert_uint_eq(m->swap.map[1], 0);
	ck_assert_uint_eq(m->swap.cache_pages, 0);
	ck_assert_int_eq(page_ref_count(page), 0);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * exit_mmap() of a task with locked memory munlocks every VM_LOCKED vma
 * first (munlock_vma_pages_all: unevictable_pgs_munlocked, pages put back
 * on the evictable lists), then unmaps: page_remove_rmap() finds no
 * PG_mlocked left, so nothing is "cleared".
 */
START_TEST(exit_of_an_mlocked_task_munlocks_before_unmapping)
{
	struct machine *m = boot_small();
	struct task *t = new_task(m, "locked");

	mlock_all(m, t, true);
	fault(m, t, 3);
	lru_add_drain(m);
	assert_consistent(m);
	ck_assert_int_eq(node_stat(m, NR_UNEVICTABLE), 3);
	task_exit(m, t);
	lru_add_drain(m);
	assert_consistent(m);
	ck_assert_int_eq(normal_stat(m, NR_MLOCK), 0);
	ck_assert_int_eq(node_stat(m, NR_UNEVICTABLE), 0);
	ck_assert_uint_eq(m->vm_events[UNEVICTABLE_PGMUNLOCKED], 3);
	ck_assert_uint_eq(m->vm_events[UNEVICTABLE_PGRESCUED], 3);
	ck_assert_uint_eq(m->vm_events[UNEVICTABLE_PGCLEARED], 0);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * munmap of a VM_LOCKED file mapping. The mapping's populate did
 * FOLL_TOUCH: mark_page_accessed() gave the new page PG_referenced before
 * mlock_vma_page(), and culling keeps the flag. __do_munmap() munlocks
 * first (munlock_vma_pages_all(): the page, mapped once, comes back by
 * __munlock_pagevec()'s fast path onto the inactive file list, munlocked
 * and rescued 1), then unmap_region() zaps the pte: it is young (the
 * fault made it so), and zap_pte_range() marks the page accessed again,
 * the second touch: activate_page() queues it (PG_referenced cleared) and
 * tlb_finish_mmu()'s free_pages_and_swap_cache() drains this CPU before
 * dropping the pte's reference: the page, still cached, ends on the
 * active file list (pgactivate 1), reclaimable again.
 */
START_TEST(munmap_of_a_locked_file_mapping_leaves_the_page_active)
{
	struct machine *m = boot_small();
	struct task *t = new_task(m, "locked");
	int f = new_file(m, "lib");
	struct page *page;

	mlock_all(m, t, true);
	map_file(m, t, f, 1, false);
	lru_add_drain(m);
	assert_consistent(m);
	page = file_page(m, f, 0);
	ck_assert_int_eq(page_lru(page), LRU_UNEVICTABLE);
	ck_assert(PageReferenced(page));
	ck_assert_uint_eq(m->vm_events[PGACTIVATE], 0);
	munmap_task(m, t, 0);
	assert_consistent(m);
	ck_assert(!PageMlocked(page) && !PageUnevictable(page) && !PageReferenced(page));
	ck_assert_int_eq(page_lru(page), LRU_ACTIVE_FILE);
	ck_assert_int_eq(page_ref_count(page), 1);
	ck_assert_uint_eq(m->vm_events[PGACTIVATE], 1);
	ck_assert_uint_eq(m->vm_events[UNEVICTABLE_PGMUNLOCKED], 1);
	ck_assert_uint_eq(m->vm_events[UNEVICTABLE_PGRESCUED], 1);
	ck_assert_int_eq(node_stat(m, NR_UNEVICTABLE), 0);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * zap_pte_range() marks the page of a young file pte accessed as it
 * clears it (unless the vma is VM_SEQ_READ), so the access through the
 * mapping is not lost with the mapping. A file page mapped once (young
 * pte, never marked: a fault does not mark it) gets PG_referenced when
 * the task unmaps it; mapped and unmapped again, it is activated
 * (pgactivate at the drain).
 */
START_TEST(unmapping_a_young_file_pte_marks_the_page_accessed)
{
	struct machine *m = boot_small();
	struct task *t = new_task(m, "a"), *u = new_task(m, "b");
	int f = new_file(m, "lib");
	struct page *page;

	map_file(m, t, f, 1, false);
	lru_add_drain(m);
	page = file_page(m, f, 0);
	ck_assert(!PageReferenced(page) && (t->vmas[0].pte[0] & PTE_YOUNG));
	munmap_task(m, t, 0);
	assert_consistent(m);
	ck_assert(PageReferenced(page) && !PageActive(page));
	map_file(m, u, f, 1, false);
	munmap_task(m, u, 0);
	lru_add_drain(m);
	assert_consistent(m);
	ck_assert(PageActive(page));
	ck_assert_uint_eq(m->vm_events[PGACTIVATE], 1);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/* ---- madvise, invalidation, drop_caches ------------------------------------------------- */

/*
 * madvise(MADV_COLD) over all of a task's memory
 * (madvise_cold_or_pageout_pte_range): every present page mapped only
 * once gets an old pte and loses PG_referenced, and deactivate_page()
 * queues the active ones; the drain moves them to the head of their
 * inactive lists (pgdeactivate). A page another task maps too is left
 * alone ("do not interfere with other mappings"): its ptes stay young.
 * Task t: vpage 0 active and referenced, 1 inactive and referenced, 2
 * inactive; file pages 0 (also mapped by u) and 1 (active). Four pages
 * are processed (madvise_cold()'s count), two deactivated.
 */
START_TEST(madvise_cold_deactivates_the_pages_only_this_task_maps)
{
	struct machine *m = boot_small();
	struct task *t = new_task(m, "t"), *u = new_task(m, "u");
	int f = new_file(m, "lib");
	struct page *v0, *v1, *v2, *f0, *f1;
	unsigned long pfns[8], deact0;

	fault(m, t, 3);
	map_file(m, t, f, 2, false);
	map_file(m, u, f, 1, false);
	lru_add_drain(m);
	v0 = anon_page(m, t, 0);
	v1 = anon_page(m, t, 1);
	v2 = anon_page(m, t, 2);
	f0 = file_page(m, f, 0);
	f1 = file_page(m, f, 1);
	mark_page_accessed(m, v0);
	mark_page_accessed(m, v0);
	mark_page_accessed(m, v1);
	read_file(m, f, 1, 1);
	read_file(m, f, 1, 1);
	read_file(m, f, 0, 1);
	lru_add_drain(m);
	mark_page_accessed(m, v0);
	ck_assert(PageActive(v0) && PageReferenced(v0));
	ck_assert(!PageActive(v1) && PageReferenced(v1));
	ck_assert(PageActive(f1) && page_mapcount(f1) == 1);
	ck_assert(PageReferenced(f0) && page_mapcount(f0) == 2);
	assert_consistent(m);
	deact0 = m->vm_events[PGDEACTIVATE];

	ck_assert_uint_eq(madvise_cold(m, t), 4);
	ck_assert(!(t->anon[0] & PTE_YOUNG) && !(t->anon[1] & PTE_YOUNG) && !(t->anon[2] & PTE_YOUNG));
	ck_assert(!(t->vmas[0].pte[1] & PTE_YOUNG));
	ck_assert(t->vmas[0].pte[0] & PTE_YOUNG);
	ck_assert(u->vmas[0].pte[0] & PTE_YOUNG);
	ck_assert(!PageReferenced(v0) && !PageReferenced(v1) && PageReferenced(f0));
	ck_assert_uint_eq(m->pvecs[0].lru_deactivate.nr, 2);
	ck_assert(PageActive(v0) && PageActive(f1));
	assert_consistent(m);

	lru_add_drain(m);
	ck_assert(!PageActive(v0) && !PageActive(f1));
	ck_assert_uint_eq(m->vm_events[PGDEACTIVATE] - deact0, 2);
	ck_assert_uint_eq(lru_pfns(m, LRU_INACTIVE_ANON, pfns, 8), 3);
	ck_assert_uint_eq(pfns[0], page_to_pfn(m, v0));
	ck_assert_uint_eq(lru_pfns(m, LRU_INACTIVE_FILE, pfns, 8), 2);
	ck_assert_uint_eq(pfns[0], page_to_pfn(m, f1));
	ck_assert_int_eq(node_stat(m, NR_ACTIVE_ANON) + node_stat(m, NR_ACTIVE_FILE), 0);
	ck_assert(!PageActive(v2) && !PageActive(f0));
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/* can_madv_lru_vma(): VM_LOCKED vmas are skipped: nothing is made old or queued. */
START_TEST(madvise_cold_skips_an_mlocked_task)
{
	struct machine *m = boot_small();
	struct task *t = new_task(m, "locked");

	mlock_all(m, t, true);
	fault(m, t, 2);
	lru_add_drain(m);
	ck_assert_uint_eq(madvise_cold(m, t), 0);
	ck_assert(t->anon[0] & PTE_YOUNG);
	ck_assert_uint_eq(m->pvecs[0].lru_deactivate.nr, 0);
	lru_add_drain(m);
	ck_assert_int_eq(node_stat(m, NR_UNEVICTABLE), 2);
	ck_assert_uint_eq(m->vm_events[PGDEACTIVATE], 0);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * invalidate_mapping_pages() (drop_caches, fadvise DONTNEED) looks the
 * file up in batches (pagevec_lookup_entries(): up to 15 entries, a
 * reference taken on each page). Each page it can lock (trylock_page) is
 * dropped by invalidate_inode_page() if it is clean, not under
 * writeback, not mapped and only the cache and the lookup hold it
 * (remove_mapping: refcount frozen at 2, no shadow since this is not
 * reclaim, the lookup's reference left), else handed to
 * deactivate_file_page() as a hint. The batch ends with
 * pagevec_release(): lru_add_drain() (once per call) runs the
 * lru_deactivate_file pagevec at once, then release_pages() drops the
 * lookup's references, freeing the dropped pages. Offsets: 0 clean
 * (dropped), 1 dirty and 2 under writeback (to the inactive head with
 * PG_reclaim: 2 then 1 in front), 3 mapped and active (queued, left
 * alone by lru_deactivate_file_fn), 4 locked by somebody (skipped: not
 * even queued), 5 clean and active (dropped). Inactive file list before:
 * 4 2 1 0; when the call returns: 2 1 4, no pagevec holding anything,
 * pgfree + 2, no pgdeactivate or pgrotated (1 and 2 were inactive and
 * not clean). Returns 2.
 */
START_TEST(invalidate_mapping_pages_drops_clean_unmapped_pages)
{
	struct machine *m = boot_small();
	int f = new_file(m, "data");
	struct task *t = new_task(m, "a");
	struct sim_file *fl = &m->files[f];
	unsigned long pfns[8], p[6], free0, files0, off, waited;
	struct mm_error e;

	write_file(m, f, 0, 6);
	sync_all(m, &waited);
	write_file(m, f, 2, 1);
	ck_assert_uint_eq(writeback_dirty(m, ~0UL), 1);
	write_file(m, f, 1, 1);
	ck_assert_int_eq(fault_file(m, t, f, 3, 1, false, &e), 1);
	read_file(m, f, 3, 1);
	read_file(m, f, 3, 1);
	read_file(m, f, 5, 1);
	read_file(m, f, 5, 1);
	lru_add_drain(m);
	for (off = 0; off < 6; off++)
		p[off] = file_pfn(m, f, off);
	ck_assert(PageWriteback(&m->mem_map[p[2]]) && PageDirty(&m->mem_map[p[1]]));
	ck_assert(PageActive(&m->mem_map[p[3]]) && PageActive(&m->mem_map[p[5]]));
	ck_assert_uint_eq(lru_pfns(m, LRU_INACTIVE_FILE, pfns, 8), 4);
	ck_assert_uint_eq(pfns[0], p[4]);
	ck_assert_uint_eq(pfns[3], p[0]);
	assert_consistent(m);

	free0 = m->vm_events[PGFREE];
	files0 = (unsigned long)node_stat(m, NR_FILE_PAGES);
	set_page_flag(&m->mem_map[p[4]], PG_locked);
	ck_assert_uint_eq(invalidate_mapping_pages(m, f), 2);
	clear_page_flag(&m->mem_map[p[4]], PG_locked);
	ck_assert_uint_eq(m->pvecs[0].lru_deactivate_file.nr, 0);
	ck_assert(!cached(m, f, 0) && !cached(m, f, 5));
	ck_assert_uint_eq(fl->slot[0], 0);   /* no shadow */
	ck_assert_uint_eq(fl->slot[5], 0);
	ck_assert_uint_eq(fl->nrpages, 4);
	ck_assert_uint_eq((unsigned long)node_stat(m, NR_FILE_PAGES), files0 - 2);
	ck_assert_int_eq(page_ref_count(&m->mem_map[p[0]]), 0);
	ck_assert_int_eq(page_ref_count(&m->mem_map[p[5]]), 0);
	ck_assert_int_eq(page_ref_count(&m->mem_map[p[4]]), 1);
	ck_assert_uint_eq(m->vm_events[PGFREE], free0 + 2);
	ck_assert_uint_eq(lru_pfns(m, LRU_INACTIVE_FILE, pfns, 8), 3);
	ck_assert_uint_eq(pfns[0], p[2]);
	ck_assert_uint_eq(pfns[1], p[1]);
	ck_assert_uint_eq(pfns[2], p[4]);
	ck_assert(PageReclaim(&m->mem_map[p[1]]) && PageReclaim(&m->mem_map[p[2]]));
	ck_assert(!PageReclaim(&m->mem_map[p[4]]));
	ck_assert(PageActive(&m->mem_map[p[3]]) && page_mapped(&m->mem_map[p[3]]));
	ck_assert_uint_eq(m->vm_events[PGDEACTIVATE] + m->vm_events[PGROTATED], 0);
	ck_assert_int_eq(node_stat(m, WORKINGSET_REFAULT_FILE), 0);
	assert_consistent(m);
	/* read back, the dropped offsets are plain misses (no shadow: no refault) */
	read_file(m, f, 0, 1);
	ck_assert_int_eq(node_stat(m, WORKINGSET_REFAULT_FILE), 0);
	tick(m, m->disk.latency);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * The lookup takes 15 entries at a time, and the first batch's
 * pagevec_release() drains this CPU's pagevecs, so a page the lru_add
 * pagevec holds fares differently in the first batch and in a later one.
 * Offsets 0-15 of one file are clean and unmapped; offsets 3 and 15 were
 * read last and still wait in the lru_add pagevec (refcount 2, 3 with
 * the lookup's). Batch 1 (0-14): 14 pages dropped; offset 3
 * cannot be frozen at refcount 2 and is queued for deactivation. Its
 * pagevec_release() drains: lru_add puts 3 and 15 on the inactive list,
 * then lru_deactivate_file moves 3 (clean, unmapped) to the tail and
 * clears PG_referenced (pgrotated 1); release_pages() frees the 14.
 * Batch 2 (15): only the cache and the lookup hold it now: dropped, and
 * freed by this batch's release_pages() (no second drain). Returns 15;
 * offset 3 alone stays cached, at the inactive tail.
 */
START_TEST(invalidate_mapping_pages_drains_before_the_next_batch)
{
	struct machine *m = boot_small();
	int f = new_file(m, "data");
	unsigned long pfns[4], waited, free0;
	struct page *p3, *p15;

	write_file(m, f, 0, 3);
	write_file(m, f, 4, 11);
	sync_all(m, &waited);
	lru_add_drain(m);
	read_file(m, f, 3, 1);
	read_file(m, f, 15, 1);
	p3 = file_page(m, f, 3);
	p15 = file_page(m, f, 15);
	ck_assert_uint_eq(m->pvecs[0].lru_add.nr, 2);
	ck_assert_int_eq(page_ref_count(p3), 2);
	ck_assert(PageReferenced(p3) && !PageLRU(p3));
	ck_assert_uint_eq(m->files[f].nrpages, 16);
	assert_consistent(m);

	free0 = m->vm_events[PGFREE];
	ck_assert_uint_eq(invalidate_mapping_pages(m, f), 15);
	ck_assert_uint_eq(m->files[f].nrpages, 1);
	ck_assert(cached(m, f, 3) && !cached(m, f, 15));
	ck_assert_int_eq(page_ref_count(p15), 0);
	ck_assert_uint_eq(m->vm_events[PGFREE], free0 + 15);
	ck_assert_uint_eq(m->pvecs[0].lru_add.nr + m->pvecs[0].lru_deactivate_file.nr, 0);
	ck_assert_uint_eq(lru_pfns(m, LRU_INACTIVE_FILE, pfns, 4), 1);
	ck_assert_uint_eq(pfns[0], page_to_pfn(m, p3));
	ck_assert(!PageReferenced(p3));
	ck_assert_int_eq(page_ref_count(p3), 1);
	ck_assert_uint_eq(m->vm_events[PGROTATED], 1);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * vm.drop_caches = 1: drop_pagecache_sb() runs invalidate_mapping_pages()
 * over every inode with pages. Two files, each with clean pages and one
 * dirty page: every clean one goes (3 + 2), the dirty ones stay,
 * deactivated (inactive list, PG_reclaim) by the drain each call's
 * pagevec_release() runs. (Nothing here depends on the order the inodes
 * are visited in; drop_pagecache_visits_the_newest_file_first is about
 * that.)
 */
START_TEST(drop_pagecache_invalidates_every_file)
{
	struct machine *m = boot_small();
	int a = new_file(m, "a"), b = new_file(m, "b");
	unsigned long waited;

	write_file(m, a, 0, 4);
	write_file(m, b, 0, 3);
	sync_all(m, &waited);
	write_file(m, a, 3, 1);
	write_file(m, b, 2, 1);
	lru_add_drain(m);
	assert_consistent(m);

	ck_assert_uint_eq(drop_pagecache(m), 5);
	ck_assert_uint_eq(m->files[a].nrpages, 1);
	ck_assert_uint_eq(m->files[b].nrpages, 1);
	ck_assert(cached(m, a, 3) && cached(m, b, 2));
	ck_assert_int_eq(node_stat(m, NR_FILE_PAGES), 2);
	ck_assert_uint_eq(m->pvecs[0].lru_deactivate_file.nr, 0);
	ck_assert_int_eq(node_stat(m, NR_INACTIVE_FILE), 2);
	ck_assert(PageReclaim(file_page(m, a, 3)) && PageReclaim(file_page(m, b, 2)));
	ck_assert_uint_eq(m->vm_events[PGROTATED], 0);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * drop_pagecache_sb() skips an inode whose mapping has no pages left
 * ("i_mapping->nrpages == 0 && !need_resched()"): a file whose every page
 * was evicted keeps its shadow entries, and reading it back is still a
 * refault. A file with a page left is invalidated, and
 * __invalidate_mapping_pages() clears the shadows its lookup meets
 * (invalidate_exceptional_entry()). "gone": offsets 0 and 1 evicted;
 * "mixed": offset 0 evicted, offset 1 cached. drop_caches drops one page
 * (mixed's 1), clears mixed's shadow and keeps gone's two: reading all
 * of them back counts 2 refaults, not 3.
 */
START_TEST(drop_pagecache_skips_files_without_pages)
{
	struct machine *m = boot_small();
	int gone = new_file(m, "gone"), mixed = new_file(m, "mixed");

	read_file(m, gone, 0, 2);
	read_file(m, mixed, 0, 2);
	lru_add_drain(m);
	ck_assert_uint_eq(reclaim_page(m, file_page(m, gone, 0), true), 1);
	ck_assert_uint_eq(reclaim_page(m, file_page(m, gone, 1), true), 1);
	ck_assert_uint_eq(reclaim_page(m, file_page(m, mixed, 0), true), 1);
	ck_assert_uint_eq(m->files[gone].nrpages, 0);
	ck_assert(m->files[gone].slot[0] & m->files[gone].slot[1] & SLOT_SHADOW);
	ck_assert(m->files[mixed].slot[0] & SLOT_SHADOW);
	assert_consistent(m);

	ck_assert_uint_eq(drop_pagecache(m), 1);
	ck_assert(m->files[gone].slot[0] & m->files[gone].slot[1] & SLOT_SHADOW);
	ck_assert_uint_eq(m->files[mixed].slot[0], 0);
	ck_assert_uint_eq(m->files[mixed].slot[1], 0);
	ck_assert_uint_eq(m->files[mixed].nrpages, 0);
	assert_consistent(m);
	read_file(m, gone, 0, 2);
	read_file(m, mixed, 0, 2);
	ck_assert_int_eq(node_stat(m, WORKINGSET_REFAULT_FILE), 2);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * drop_pagecache_sb() walks sb->s_inodes, and inode_sb_list_add() puts
 * each new inode at the head of that list (list_add), so drop_caches
 * visits the newest inode first; each invalidate_mapping_pages() call
 * drains this CPU's pagevecs, so the order shows. Files a then b are
 * created; b's offset 3 is read last and waits in the lru_add pagevec. b
 * first: b0 and b1 go, b2 (dirty) and b3 (refcount 3: cache, pagevec,
 * lookup) are queued for deactivation; the drain adds b3 to the inactive
 * list, moves b2 to the head (PG_reclaim) and b3, clean, to the tail
 * (pgrotated 1). Then a: a0-a2 go, a3 (dirty) to the head. Returns 5;
 * inactive file list a3 b2 b3. (Visiting a first, a's drain would empty
 * the pagevec before b is looked up: b3 would be dropped too, 6.)
 */
START_TEST(drop_pagecache_visits_the_newest_file_first)
{
	struct machine *m = boot_small();
	int a = new_file(m, "a"), b = new_file(m, "b");
	unsigned long pfns[8], waited, queued;

	write_file(m, a, 0, 4);
	write_file(m, b, 0, 3);
	sync_all(m, &waited);
	write_file(m, a, 3, 1);
	write_file(m, b, 2, 1);
	lru_add_drain(m);
	read_file(m, b, 3, 1);
	queued = file_pfn(m, b, 3);
	ck_assert(!PageLRU(&m->mem_map[queued]));
	assert_consistent(m);

	ck_assert_uint_eq(drop_pagecache(m), 5);
	ck_assert_uint_eq(m->files[a].nrpages, 1);
	ck_assert_uint_eq(m->files[b].nrpages, 2);
	ck_assert(cached(m, a, 3) && cached(m, b, 2) && cached(m, b, 3));
	ck_assert_uint_eq(lru_pfns(m, LRU_INACTIVE_FILE, pfns, 8), 3);
	ck_assert_uint_eq(pfns[0], file_pfn(m, a, 3));
	ck_assert_uint_eq(pfns[1], file_pfn(m, b, 2));
	ck_assert_uint_eq(pfns[2], queued);
	ck_assert_uint_eq(m->vm_events[PGROTATED], 1);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/* ---- time ---------------------------------------------------------------------------------- */

/*
 * HZ 250: a jiffy is 4 ms of the simulated clock. tick() runs whole
 * jiffies and brings the clock up to them; cond_resched() runs the
 * jiffies the clock has already passed (not in PF_MEMALLOC context).
 */
START_TEST(jiffies_follow_the_clock_at_hz_250)
{
	struct machine *m = boot_small();
	unsigned long j0;

	ck_assert_uint_eq(NSEC_PER_JIFFY, 4000000ULL);
	j0 = m->jiffies;
	tick(m, 5);
	assert_consistent(m);
	ck_assert_uint_eq(m->jiffies, j0 + 5);
	ck_assert_uint_ge(m->clock_ns, (uint64_t)m->jiffies * NSEC_PER_JIFFY);
	ck_assert_uint_lt(m->clock_ns, (uint64_t)(m->jiffies + 1) * NSEC_PER_JIFFY);

	m->clock_ns += 3 * NSEC_PER_JIFFY;
	m->current_flags = PF_MEMALLOC;
	cond_resched(m);
	ck_assert_uint_eq(m->jiffies, j0 + 5);
	m->current_flags = 0;
	cond_resched(m);
	ck_assert_uint_eq(m->jiffies, j0 + 8);
	ck_assert_uint_eq(m->jiffies, m->clock_ns / NSEC_PER_JIFFY);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * Each faulted page costs the task 1 us (plus the allocator's work), and
 * the fault loop calls cond_resched(): after 5000 faults at least 5 ms
 * have passed, so at least one jiffy, and jiffies are in step with the
 * clock again.
 */
START_TEST(a_long_fault_loop_lets_jiffies_pass)
{
	struct machine *m = boot_small();
	struct task *t = new_task(m, "a");

	fault(m, t, 5000);
	ck_assert_uint_ge(m->clock_ns, 5000 * USER_PAGE_NS);
	ck_assert_uint_ge(m->jiffies, 1);
	ck_assert_uint_eq(m->jiffies, m->clock_ns / NSEC_PER_JIFFY);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/* schedule_timeout(): the sleeper's jiffies pass and the disk works meanwhile. */
START_TEST(schedule_timeout_lets_the_disk_work)
{
	struct machine *m = boot_small();
	int f = new_file(m, "data");
	unsigned long j0;

	write_file(m, f, 0, 2);
	writeback_dirty(m, ~0UL);
	assert_consistent(m);
	j0 = m->jiffies;
	schedule_timeout(m, m->disk.latency);
	assert_consistent(m);
	ck_assert_uint_eq(m->jiffies, j0 + m->disk.latency);
	ck_assert_uint_eq(m->disk.n, 0);
	ck_assert_int_eq(node_stat(m, NR_WRITEBACK), 0);
	assert_file_on_disk(m, f);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/* ---- workload generators --------------------------------------------------------------- */

static int run(struct machine *m, const char *kind, const char *target, unsigned long ops,
	       unsigned long size)
{
	struct strbuf sb = STRBUF_INIT;
	struct mm_error e;
	int rc = workload_run(m, kind, target, ops, size, &sb, &e);

	sb_free(&sb);
	return rc;
}

/* The state of each offset after a workload: 0 uncached, 1 inactive, 2 active. */
static void cache_state(struct machine *m, int f, unsigned long size, int *out)
{
	unsigned long off;

	lru_add_drain(m);
	for (off = 0; off < size; off++)
		out[off] = !cached(m, f, off) ? 0 : PageActive(file_page(m, f, off)) ? 2 : 1;
}

/*
 * The generators draw from m->rng only: the same seed gives the same
 * reads, page for page, and leaves the same generator state.
 */
START_TEST(generators_repeat_for_the_same_seed)
{
	struct machine *a = boot_small(), *b = boot_small(), *c = boot_small();
	int sa[64], sb_[64], sc[64];

	a->rng = b->rng = 42;
	c->rng = 43;
	ck_assert_int_eq(run(a, "random", "data", 100, 64), 0);
	ck_assert_int_eq(run(b, "random", "data", 100, 64), 0);
	ck_assert_int_eq(run(c, "random", "data", 100, 64), 0);
	ck_assert_uint_eq(a->rng, b->rng);
	ck_assert_uint_ne(a->rng, c->rng);
	cache_state(a, file_find(a, "data"), 64, sa);
	cache_state(b, file_find(b, "data"), 64, sb_);
	cache_state(c, file_find(c, "data"), 64, sc);
	ck_assert_int_eq(memcmp(sa, sb_, sizeof(sa)), 0);
	ck_assert_int_ne(memcmp(sa, sc, sizeof(sa)), 0);
	ck_assert_int_eq(run(a, "zipf", "z", 100, 64), 0);
	ck_assert_int_eq(run(b, "zipf", "z", 100, 64), 0);
	ck_assert_uint_eq(a->rng, b->rng);
	cache_state(a, file_find(a, "z"), 64, sa);
	cache_state(b, file_find(b, "z"), 64, sb_);
	ck_assert_int_eq(memcmp(sa, sb_, sizeof(sa)), 0);
	assert_consistent(a);
	machine_destroy(a);
	machine_destroy(b);
	machine_destroy(c);
}
END_TEST

/*
 * zipf with s = 1 over n offsets: offset i is read with weight 1/(i+1).
 * The test draws the same numbers from a second machine with the same
 * seed, inverts the cumulative weights itself, and checks the page cache
 * the generator left: an offset read once is cached and inactive, read
 * twice or more active, never read not cached; offset 0 is the hottest.
 */
START_TEST(zipf_reads_offset_0_most)
{
	struct machine *m = boot_small(), *oracle = boot_preset("tiny");
	enum { N = 64, OPS = 300 };
	double cdf[N], sum = 0;
	int count[N] = { 0 }, state[N], f, best = 0;
	unsigned long i, k;

	m->rng = oracle->rng = 7;
	for (i = 0; i < N; i++)
		sum += 1.0 / (double)(i + 1);
	for (i = 0; i < N; i++)
		cdf[i] = (i ? cdf[i - 1] : 0) + 1.0 / (double)(i + 1) / sum;
	for (i = 0; i < OPS; i++) {
		double u = (double)(mm_random(oracle) >> 11) / (double)(1ULL << 53);

		for (k = 0; k < N - 1 && cdf[k] < u; k++)
			;
		count[k]++;
	}
	for (i = 1; i < N; i++)
		if (count[i] > count[best])
			best = (int)i;
	ck_assert_int_eq(best, 0);
	ck_assert_int_gt(count[0], count[N - 1]);

	ck_assert_int_eq(run(m, "zipf", "data", OPS, N), 0);
	ck_assert_uint_eq(m->rng, oracle->rng);
	f = file_find(m, "data");
	cache_state(m, f, N, state);
	for (i = 0; i < N; i++)
		ck_assert_int_eq(state[i], count[i] == 0 ? 0 : count[i] == 1 ? 1 : 2);
	assert_consistent(m);
	machine_destroy(m);
	machine_destroy(oracle);
}
END_TEST

/*
 * seq: `ops` passes over the file (the second pass promotes);
 * streaming-read: one pass; anon-grow: fault `size` more pages into the
 * task, creating it first if needed. Unknown kinds are refused.
 */
START_TEST(seq_streaming_and_anon_grow)
{
	struct machine *m = boot_small();
	struct strbuf sb = STRBUF_INIT;
	struct mm_error e;
	struct task *t;
	int s[8];

	ck_assert_int_eq(run(m, "seq", "s", 2, 8), 0);
	ck_assert_uint_eq(m->vm_events[PGPGIN], 64);
	cache_state(m, file_find(m, "s"), 8, s);
	ck_assert_int_eq(s[0], 2);
	ck_assert_int_eq(s[7], 2);
	ck_assert_int_eq(run(m, "streaming-read", "r", 0, 8), 0);
	cache_state(m, file_find(m, "r"), 8, s);
	ck_assert_int_eq(s[0], 1);
	ck_assert_int_eq(s[7], 1);
	ck_assert_int_eq(run(m, "anon-grow", "grower", 0, 10), 0);
	t = task_find(m, "grower");
	ck_assert_ptr_nonnull(t);
	ck_assert_uint_eq(t->rss_anon, 10);
	ck_assert_int_eq(run(m, "anon-grow", "grower", 0, 5), 0);
	ck_assert_uint_eq(t->rss_anon, 15);
	e.msg[0] = 0;
	ck_assert_int_eq(workload_run(m, "bogus", "x", 1, 1, &sb, &e), -1);
	ck_assert(e.msg[0] != 0);
	sb_free(&sb);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * workload_run() refuses a size of 0 for every kind before it creates
 * anything (random and zipf would divide by it; seq, streaming-read and
 * anon-grow would do nothing): no file, no task, no page read.
 */
START_TEST(generators_refuse_an_empty_range)
{
	struct machine *m = boot_small();
	static const char *const kinds[] = { "random", "zipf", "seq", "streaming-read", "anon-grow" };
	struct strbuf sb = STRBUF_INIT;
	struct mm_error e;
	size_t k;

	for (k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
		e.msg[0] = 0;
		ck_assert_int_eq(workload_run(m, kinds[k], "target", 10, 0, &sb, &e), -1);
		ck_assert_msg(e.msg[0] != 0, "%s: no message", kinds[k]);
	}
	sb_free(&sb);
	ck_assert_int_lt(file_find(m, "target"), 0);
	ck_assert_ptr_null(task_find(m, "target"));
	ck_assert_uint_eq(m->vm_events[PGPGIN], 0);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * Everything together on a machine too small for it (4096 pages, 4096
 * swap slots): growth beyond memory forces kswapd and direct reclaim to
 * swap and drop cache while reads and writes go on; every step leaves a
 * consistent machine, and at the end every task's data is intact.
 */
START_TEST(mixed_workload_keeps_every_invariant)
{
	struct machine *m = boot_swap(4096, 4096, 1);
	struct mm_error e;
	struct task *t;
	unsigned long waited;
	int f;

	m->rng = 1;
	ck_assert_int_eq(run(m, "anon-grow", "grower", 0, 2000), 0);
	assert_consistent(m);
	ck_assert_int_eq(run(m, "seq", "data", 2, 1000), 0);
	assert_consistent(m);
	ck_assert_int_eq(run(m, "zipf", "data", 500, 1000), 0);
	assert_consistent(m);
	f = file_find(m, "data");
	write_file(m, f, 200, 400);
	assert_consistent(m);
	ck_assert_int_eq(run(m, "anon-grow", "grower", 0, 2500), 0);
	assert_consistent(m);
	t = task_find(m, "grower");
	ck_assert_ptr_nonnull(t);
	ck_assert_uint_eq(t->anon_len, 4500);
	ck_assert_uint_gt(t->swapents + m->swap.cache_pages, 0);
	ck_assert_int_ge(touch_task(m, t, &e), 0);
	assert_consistent(m);
	sync_all(m, &waited);
	assert_consistent(m);
	task_exit(m, t);
	assert_consistent(m);
	lru_add_drain_all(m);
	ck_assert_uint_eq(m->swap.inuse, 0);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/* ---- invalidation: shadows and release_pages(); mlockall(MCL_FUTURE) ---------------------- */

/*
 * __invalidate_mapping_pages() (mm/truncate.c) meets the shadow entries of
 * evicted pages in its lookup too ("if (xa_is_value(page))
 * invalidate_exceptional_entry()") and removes them
 * (clear_shadow_entry()). Offset 0 is evicted (a shadow), offset 1 stays
 * cached; invalidating the file drops offset 1 and clears offset 0's
 * shadow, so reading offset 0 back is a plain miss, not a refault.
 */
START_TEST(invalidation_clears_shadow_entries)
{
	struct machine *m = boot_small();
	int f = new_file(m, "data");

	read_file(m, f, 0, 2);
	lru_add_drain(m);
	ck_assert_uint_eq(reclaim_page(m, file_page(m, f, 0), true), 1);
	ck_assert(m->files[f].slot[0] & SLOT_SHADOW);
	ck_assert_uint_eq(invalidate_mapping_pages(m, f), 1);
	ck_assert_uint_eq(m->files[f].nrpages, 0);
	ck_assert_uint_eq(m->files[f].slot[0], 0);
	ck_assert_uint_eq(m->files[f].slot[1], 0);
	assert_consistent(m);
	read_file(m, f, 0, 1);
	ck_assert_int_eq(node_stat(m, WORKINGSET_REFAULT_FILE), 0);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * The pages __invalidate_mapping_pages() drops keep the lookup's
 * reference (remove_mapping() unfreezes the count at 1) until
 * pagevec_release() at the end of the batch: release_pages() takes them
 * off the LRU and frees them together through free_unref_page_list(),
 * which gets them last first (list_add) and emits mm_page_free for each
 * in its first pass, mm_page_free_batched in its second. Two clean
 * pages, offsets 0 and 1: mm_page_free 1, mm_page_free 0, then
 * mm_page_free_batched 1, mm_page_free_batched 0.
 */
START_TEST(invalidation_frees_the_batch_through_release_pages)
{
	struct machine *m = boot_small();
	int f = new_file(m, "data");
	struct recorder *rec = malloc(sizeof(*rec));
	unsigned long p0, p1, got[4];
	size_t i, n = 0;

	ck_assert_ptr_nonnull(rec);
	read_file(m, f, 0, 2);
	lru_add_drain(m);
	p0 = page_to_pfn(m, file_page(m, f, 0));
	p1 = page_to_pfn(m, file_page(m, f, 1));
	record_events(m, rec);
	ck_assert_uint_eq(invalidate_mapping_pages(m, f), 2);
	trace_subscribe(m, 0, NULL, NULL);
	for (i = 0; i < rec->n; i++)
		if ((rec->ev[i].id == TRACE_MM_PAGE_FREE || rec->ev[i].id == TRACE_MM_PAGE_FREE_BATCHED) &&
		    n < 4)
			got[n++] = rec->ev[i].pfn | (rec->ev[i].id == TRACE_MM_PAGE_FREE_BATCHED ? 1UL << 40 : 0);
	free(rec);
	ck_assert_uint_eq(n, 4);
	ck_assert_uint_eq(got[0], p1);
	ck_assert_uint_eq(got[1], p0);
	ck_assert_uint_eq(got[2], p1 | 1UL << 40);
	ck_assert_uint_eq(got[3], p0 | 1UL << 40);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * mlockall(MCL_FUTURE) sets VM_LOCKED in mm->def_flags, which munmap()
 * leaves alone: after unmapping everything (munlocking it first), the
 * next mapping the task makes is VM_LOCKED again, so its first fault is
 * mlocked (lru_cache_add_inactive_or_unevictable(): NR_MLOCK,
 * unevictable_pgs_mlocked) and culled at the drain.
 */
START_TEST(munmap_everything_keeps_mlockall_future)
{
	struct machine *m = boot_small();
	struct task *t = new_task(m, "locked");

	mlock_all(m, t, true);
	fault(m, t, 2);
	lru_add_drain(m);
	munmap_task(m, t, 0);
	lru_add_drain(m);
	assert_consistent(m);
	ck_assert_int_eq(normal_stat(m, NR_MLOCK), 0);
	ck_assert_uint_eq(m->vm_events[UNEVICTABLE_PGMUNLOCKED], 2);
	fault(m, t, 1);
	ck_assert(PageMlocked(anon_page(m, t, 0)));
	ck_assert_int_eq(normal_stat(m, NR_MLOCK), 1);
	ck_assert_uint_eq(m->vm_events[UNEVICTABLE_PGMLOCKED], 3);
	lru_add_drain(m);
	ck_assert_int_eq(page_lru(anon_page(m, t, 0)), LRU_UNEVICTABLE);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("workload");
	TCase *tasks = tcase_create("tasks"), *faults = tcase_create("faults");
	TCase *rd = tcase_create("read"), *wr = tcase_create("write");
	TCase *wb = tcase_create("writeback"), *own = tcase_create("munmap-mlock-exit");
	TCase *time_ = tcase_create("time"), *gen = tcase_create("generators");
	TCase *cold = tcase_create("madvise-invalidate");

	tcase_add_test(tasks, task_new_checks_its_arguments_and_numbers_pids_from_1001);
	tcase_add_test(tasks, pids_are_not_reused_after_exit);
	suite_add_tcase(s, tasks);

	tcase_add_test(faults, anonymous_faults_allocate_zeroed_movable_pages_with_the_tasks_data);
	tcase_add_test(faults, file_faults_are_major_once_and_exec_is_recorded);
	suite_add_tcase(s, faults);

	tcase_add_test(rd, reads_fetch_batches_of_32_locked_pages);
	tcase_add_test(rd, rereads_hit_the_cache_and_promote);
	suite_add_tcase(s, rd);

	tcase_add_test(wr, writes_dirty_pages_and_account_them);
	tcase_add_test(wr, dirty_limits_use_the_kernels_arithmetic);
	tcase_add_test(wr, background_limit_is_halved_when_not_below_the_limit);
	tcase_add_test(wr, node_dirty_limit_is_in_whole_percent);
	tcase_add_test(wr, writers_above_the_limit_are_throttled);
	tcase_add_test(wr, writeback_counts_towards_the_dirty_limit);
	suite_add_tcase(s, wr);

	tcase_add_test(wb, the_flusher_writes_a_chunk_above_the_background_limit);
	tcase_add_test(wb, disk_latency_applies_to_later_writes);
	tcase_add_test(wb, periodic_writeback_takes_only_expired_inodes);
	tcase_add_test(wb, periodic_writeback_can_be_switched_off);
	tcase_add_test(wb, the_disk_completes_writes_after_its_latency);
	tcase_add_test(wb, a_page_redirtied_during_writeback_stays_dirty);
	tcase_add_test(wb, sync_writes_everything_and_waits_for_it);
	tcase_add_test(wb, truncate_waits_for_writeback_and_frees_the_cache);
	tcase_add_test(wb, truncate_holds_the_page_it_waits_for);
	tcase_add_test(wb, truncate_unmaps_again_and_drains_after_waiting);
	suite_add_tcase(s, wb);

	tcase_add_test(own, munmap_releases_pages_from_the_end);
	tcase_add_test(own, mlock_and_munlock_move_pages_between_lists);
	tcase_add_test(own, exit_frees_pages_and_swap_slots);
	tcase_add_test(own, exit_frees_the_slot_of_a_cache_page_held_by_a_pagevec);
	tcase_add_test(own, exit_during_the_swap_write_leaves_the_slot_to_reclaim);
	tcase_add_test(own, exit_of_an_mlocked_task_munlocks_before_unmapping);
	tcase_add_test(own, munmap_of_a_locked_file_mapping_leaves_the_page_active);
	tcase_add_test(own, unmapping_a_young_file_pte_marks_the_page_accessed);
	tcase_add_test(own, mlockall_faults_in_a_file_page_reclaim_unmapped);
	tcase_add_test(own, munmap_everything_keeps_mlockall_future);
	suite_add_tcase(s, own);

	tcase_add_test(cold, madvise_cold_deactivates_the_pages_only_this_task_maps);
	tcase_add_test(cold, madvise_cold_skips_an_mlocked_task);
	tcase_add_test(cold, invalidate_mapping_pages_drops_clean_unmapped_pages);
	tcase_add_test(cold, invalidate_mapping_pages_drains_before_the_next_batch);
	tcase_add_test(cold, invalidation_clears_shadow_entries);
	tcase_add_test(cold, invalidation_frees_the_batch_through_release_pages);
	tcase_add_test(cold, drop_pagecache_invalidates_every_file);
	tcase_add_test(cold, drop_pagecache_skips_files_without_pages);
	tcase_add_test(cold, drop_pagecache_visits_the_newest_file_first);
	suite_add_tcase(s, cold);

	tcase_add_test(time_, jiffies_follow_the_clock_at_hz_250);
	tcase_add_test(time_, a_long_fault_loop_lets_jiffies_pass);
	tcase_add_test(time_, schedule_timeout_lets_the_disk_work);
	suite_add_tcase(s, time_);

	tcase_add_test(gen, generators_repeat_for_the_same_seed);
	tcase_add_test(gen, zipf_reads_offset_0_most);
	tcase_add_test(gen, seq_streaming_and_anon_grow);
	tcase_add_test(gen, generators_refuse_an_empty_range);
	tcase_add_test(gen, mixed_workload_keeps_every_invariant);
	tcase_set_timeout(gen, 60);
	suite_add_tcase(s, gen);

	return run_suite(s);
}
