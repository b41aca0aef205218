/*
 * tests/unit/test_clone.c: snapshots of a machine (machine_clone,
 * machine_copy, machine_bytes in src/engine/mmzone.c), which the shell's
 * `undo`, `why` and `step` use to run a command again on a copy taken
 * before it. The engine is deterministic, so a copy must behave exactly as
 * the original for any sequence of later operations.
 *
 * Each preset (default, tiny, numa) and a machine with swap is driven
 * through a rich history: held blocks allocated and freed, tasks faulting
 * anonymous and file pages on several CPUs, files read twice and written,
 * munmap, mlock, pcp and pagevec drains, time passing (the disk, kswapd,
 * kcompactd and the flusher run), direct reclaim, compaction and the OOM
 * killer, with writes left in flight. Then it is copied, and the same further operations run on the
 * original and on the copy: every result (pfns handed out, error messages,
 * allocation and compaction reports), every tracepoint line and kernel
 * message, every view (/proc files, LRU, pcp, free areas, watermarks, the
 * disk, the memory map) and the raw state (page descriptors, content words,
 * pageblock flags, buddy bitmaps, node and zone counters, page tables,
 * page cache slots, swap slots, the disk queue) must come out identical,
 * and check() must find both consistent.
 *
 * machine_copy() is also driven into a machine of the same shape (its
 * buffers are reused: the pointers stay), of another shape (they are
 * reallocated), back to an earlier state (tasks and files that no longer
 * exist give their memory back; the sanitizer build would report leaks),
 * and the original is destroyed before its copy is used (no pointer of
 * the copy may lead into it: run under AddressSanitizer). With glibc (and
 * without the sanitizer) the allocator is wrapped to show that a snapshot
 * into a machine of the same shape allocates nothing, and to make the
 * host run out of memory at each allocation of a copy in turn.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "mmsh/bitmap24.h"
#include "mmsh/compaction.h"
#include "mmsh/kstep.h"
#include "mmsh/lru.h"
#include "mmsh/page_alloc.h"
#include "mmsh/pcp.h"
#include "mmsh/procfs.h"
#include "mmsh/strbuf.h"
#include "mmsh/trace.h"
#include "mmsh/views.h"
#include "mmsh/vmscan.h"
#include "mmsh/workload.h"

/* ---- what a machine shows ------------------------------------------------------------- */

/*
 * Everything a user can see of a machine, as text: the /proc files, the
 * views of every populated zone, the tasks and files, and the clocks.
 */
static void render(struct machine *m, struct strbuf *sb)
{
	int nid, z, i;

	proc_buddyinfo(m, sb);
	proc_pagetypeinfo(m, sb);
	proc_zoneinfo(m, sb);
	proc_vmstat(m, sb);
	proc_meminfo(m, sb);
	view_lru(m, NUMA_NO_NODE, sb);
	view_pcp(m, -1, sb);
	view_watermarks(m, sb);
	view_disk(m, 1000, sb);
	for (nid = 0; nid < m->nr_node_ids; nid++)
		for (z = 0; z < MAX_NR_ZONES; z++) {
			struct zone *zone = ZONE(m, nid, z);

			if (!populated_zone(zone))
				continue;
			view_free_area(m, zone, sb);
			view_bitmap(m, zone, (int)m->max_order - 1, sb);
			view_map(m, zone, 0, sb);
		}
	for (i = 0; i < MAX_TASKS; i++) {
		const struct task *t = &m->tasks[i];

		if (t->used)
			sb_printf(sb, "task %s pid %d adj %d anon %lu rss %lu/%lu swapents %lu "
				      "vmas %d mlocked %d victim %d\n",
				  t->comm, t->pid, t->oom_score_adj, t->anon_len, t->rss_anon,
				  t->rss_file, t->swapents, t->nr_vmas, t->mlocked, t->oom_victim);
	}
	for (i = 0; i < MAX_FILES; i++) {
		const struct sim_file *fl = &m->files[i];

		if (fl->used)
			sb_printf(sb, "file %s size %lu cached %lu dirty %lu since %lu\n", fl->name,
				  fl->size, fl->nrpages, fl->nr_dirty, fl->dirtied_when);
	}
	sb_printf(sb, "jiffies %lu clock %llu rng %llu next_pid %d panicked %d swap inuse %lu\n",
		  m->jiffies, (unsigned long long)m->clock_ns, (unsigned long long)m->rng,
		  m->next_pid, m->panicked, m->swap.inuse);
}

/* Fail, showing the first line where two texts differ. */
static void expect_same_text(const char *what, const char *a, const char *b)
{
	int line = 1;
	const char *la = a, *lb = b;

	if (strcmp(a, b) == 0)
		return;
	while (*a && *a == *b) {
		if (*a == '\n') {
			line++;
			la = a + 1;
			lb = b + 1;
		}
		a++;
		b++;
	}
	ck_abort_msg("%s: the first difference is at line %d:\n"
		     "  original: %.160s\n  copy:     %.160s", what, line, la, lb);
}

/*
 * Structures with padding are compared field by field: their padding is
 * whatever the heap held, which no copy has to preserve.
 */
static bool same_lruvec(const struct lruvec *a, const struct lruvec *b)
{
	return memcmp(a->lists, b->lists, sizeof(a->lists)) == 0 &&
	       a->anon_cost == b->anon_cost && a->file_cost == b->file_cost &&
	       a->nonresident_age == b->nonresident_age &&
	       memcmp(a->refaults, b->refaults, sizeof(a->refaults)) == 0 &&
	       a->flags == b->flags && a->node_id == b->node_id;
}

static bool same_balance_log(const struct balance_log *a, const struct balance_log *b)
{
	int i;

	if (a->order != b->order || a->reclaim_order != b->reclaim_order ||
	    a->highest_zoneidx != b->highest_zoneidx || a->boost != b->boost ||
	    a->nr_passes != b->nr_passes || a->balanced != b->balanced ||
	    a->end_priority != b->end_priority || a->failed != b->failed)
		return false;
	for (i = 0; i < a->nr_passes && i < BALANCE_LOG_PASSES; i++) {
		const struct balance_pass *pa = &a->pass[i], *pb = &b->pass[i];

		if (pa->priority != pb->priority || pa->nr_to_reclaim != pb->nr_to_reclaim ||
		    pa->nr_scanned != pb->nr_scanned || pa->nr_reclaimed != pb->nr_reclaimed ||
		    pa->free_after != pb->free_after || pa->scan_balance != pb->scan_balance ||
		    memcmp(pa->fraction, pb->fraction, sizeof(pa->fraction)) != 0 ||
		    memcmp(pa->scan_nr, pb->scan_nr, sizeof(pa->scan_nr)) != 0)
			return false;
	}
	return true;
}

static bool same_compact_state(const struct compact_state *a, const struct compact_state *b)
{
	return a->cached_free_pfn == b->cached_free_pfn &&
	       memcmp(a->cached_migrate_pfn, b->cached_migrate_pfn,
		      sizeof(a->cached_migrate_pfn)) == 0 &&
	       a->considered == b->considered && a->defer_shift == b->defer_shift &&
	       a->order_failed == b->order_failed && a->blockskip_flush == b->blockskip_flush &&
	       a->init_migrate_pfn == b->init_migrate_pfn && a->init_free_pfn == b->init_free_pfn;
}

static bool same_io(const struct io_request *a, const struct io_request *b)
{
	return a->pfn == b->pfn && a->kind == b->kind && a->data == b->data &&
	       a->done_at == b->done_at;
}

/* The raw state: the same bytes in every array, whatever its address. */
static void expect_same_state(struct machine *a, struct machine *b)
{
	unsigned long blocks = (a->max_pfn >> a->pageblock_order) + 1;
	unsigned int o;
	int nid, z, i, v;

	ck_assert_uint_eq(a->max_pfn, b->max_pfn);
	ck_assert_uint_eq(a->nr_list_heads, b->nr_list_heads);
	ck_assert_msg(memcmp(a->mem_map, b->mem_map,
			     (a->max_pfn + a->nr_list_heads) * sizeof(struct page)) == 0,
		      "page descriptors or list links differ");
	ck_assert_msg(memcmp(a->page_content, b->page_content,
			     a->max_pfn * sizeof(*a->page_content)) == 0, "content words differ");
	ck_assert_msg(memcmp(a->pageblock_flags, b->pageblock_flags, blocks) == 0,
		      "pageblock flags differ");
	ck_assert_msg(memcmp(a->check_dirty, b->check_dirty, (blocks + 63) / 64 * sizeof(uint64_t)) == 0 &&
		      a->check_all_dirty == b->check_all_dirty, "check()'s dirty pageblocks differ");
	ck_assert_msg(memcmp(a->alloc_heads, b->alloc_heads,
			     (a->max_pfn + 63) / 64 * sizeof(uint64_t)) == 0, "held heads differ");
	for (o = 0; o < a->max_order; o++)
		ck_assert_msg(memcmp(a->bitmap24[o], b->bitmap24[o],
				     (bitmap24_bits(a, o) + 63) / 64 * sizeof(uint64_t)) == 0,
			      "2.4 bitmap of order %u differs", o);
	ck_assert_msg(memcmp(a->vm_events, b->vm_events, sizeof(a->vm_events)) == 0,
		      "vm events differ");
	ck_assert_msg(memcmp(a->pvecs, b->pvecs, sizeof(a->pvecs)) == 0, "pagevecs differ");
	ck_assert_msg(memcmp(&a->allocated, &b->allocated, sizeof(a->allocated)) == 0,
		      "held block counts differ");
	for (nid = 0; nid < a->nr_node_ids; nid++) {
		pg_data_t *pa = NODE_DATA(a, nid), *pb = NODE_DATA(b, nid);

		ck_assert_msg(memcmp(pa->vm_stat, pb->vm_stat, sizeof(pa->vm_stat)) == 0,
			      "node %d counters differ", nid);
		ck_assert_msg(same_lruvec(&pa->lruvec, &pb->lruvec), "node %d lruvec differs", nid);
		ck_assert_msg(same_balance_log(&pa->kswapd_log, &pb->kswapd_log),
			      "node %d kswapd log differs", nid);
		ck_assert_int_eq(pa->kswapd_state, pb->kswapd_state);
		ck_assert_int_eq(pa->kswapd_failures, pb->kswapd_failures);
		ck_assert_uint_eq(pa->kswapd_runs, pb->kswapd_runs);
		ck_assert_uint_eq(pa->kcompactd_next_check, pb->kcompactd_next_check);
		for (z = 0; z < MAX_NR_ZONES; z++) {
			struct zone *za = &pa->node_zones[z], *zb = &pb->node_zones[z];

			ck_assert_msg(memcmp(za->free_area, zb->free_area, sizeof(za->free_area)) == 0 &&
				      memcmp(za->vm_stat, zb->vm_stat, sizeof(za->vm_stat)) == 0 &&
				      memcmp(za->_watermark, zb->_watermark, sizeof(za->_watermark)) == 0 &&
				      same_compact_state(&za->compact, &zb->compact) &&
				      za->watermark_boost == zb->watermark_boost,
				      "node %d zone %s differs", nid, za->name);
			ck_assert_msg(memcmp(za->pageset, zb->pageset,
					     (size_t)a->nr_cpus * sizeof(*za->pageset)) == 0,
				      "node %d zone %s pagesets differ", nid, za->name);
		}
	}
	for (i = 0; i < MAX_TASKS; i++) {
		const struct task *ta = &a->tasks[i], *tb = &b->tasks[i];

		ck_assert_int_eq(ta->used, tb->used);
		ck_assert_uint_eq(ta->anon_len, tb->anon_len);
		ck_assert_uint_eq(ta->anon_cap, tb->anon_cap);
		ck_assert_int_eq(ta->nr_vmas, tb->nr_vmas);
		ck_assert_msg(ta->anon_len == 0 ||
			      (memcmp(ta->anon, tb->anon, ta->anon_len * sizeof(pte_t)) == 0 &&
			       memcmp(ta->anon_want, tb->anon_want, ta->anon_len * sizeof(uint32_t)) == 0),
			      "task slot %d: anonymous ptes differ", i);
		for (v = 0; v < ta->nr_vmas; v++)
			ck_assert_msg(ta->vmas[v].len == tb->vmas[v].len &&
				      memcmp(ta->vmas[v].pte, tb->vmas[v].pte,
					     ta->vmas[v].len * sizeof(pte_t)) == 0,
				      "task slot %d: vma %d differs", i, v);
	}
	for (i = 0; i < MAX_FILES; i++) {
		const struct sim_file *fa = &a->files[i], *fb = &b->files[i];

		ck_assert_uint_eq(fa->cap, fb->cap);
		ck_assert_msg(fa->cap == 0 ||
			      (memcmp(fa->slot, fb->slot, fa->cap * sizeof(*fa->slot)) == 0 &&
			       memcmp(fa->version, fb->version, fa->cap * sizeof(*fa->version)) == 0 &&
			       memcmp(fa->disk_version, fb->disk_version,
				      fa->cap * sizeof(*fa->disk_version)) == 0),
			      "file slot %d differs", i);
	}
	ck_assert_uint_eq(a->swap.nr_slots, b->swap.nr_slots);
	ck_assert_msg(a->swap.nr_slots == 0 ||
		      (memcmp(a->swap.map, b->swap.map, a->swap.nr_slots) == 0 &&
		       memcmp(a->swap.data, b->swap.data, a->swap.nr_slots * sizeof(uint32_t)) == 0 &&
		       memcmp(a->swap.cache, b->swap.cache, a->swap.nr_slots * sizeof(uint64_t)) == 0),
		      "swap slots differ");
	ck_assert_uint_eq(a->disk.n, b->disk.n);
	for (i = 0; i < (int)a->disk.n; i++)
		ck_assert_msg(same_io(&a->disk.q[i], &b->disk.q[i]), "disk request %d differs", i);
}

/* Both machines show the same text and the same raw state, and check() passes on both. */
static void expect_same(struct machine *a, struct machine *b)
{
	struct strbuf sa = STRBUF_INIT, sb = STRBUF_INIT;

	render(a, &sa);
	render(b, &sb);
	expect_same_text("the views", sb_str(&sa), sb_str(&sb));
	sb_free(&sa);
	sb_free(&sb);
	expect_same_state(a, b);
	assert_consistent(a);
	assert_consistent(b);
}

/* ---- listening: every tracepoint line and kernel message ------------------------------- */

struct listener {
	struct strbuf log;           /* kernel messages, in full */
	unsigned long events;        /* tracepoints, counted ... */
	uint64_t hash;               /* ... and their lines hashed (FNV-1a) */
	struct strbuf line;
};

static void on_event(const struct trace_event *ev, void *arg)
{
	struct listener *l = arg;
	const char *p;

	sb_reset(&l->line);
	trace_format(ev, &l->line);
	for (p = sb_str(&l->line); *p; p++)
		l->hash = (l->hash ^ (uint8_t)*p) * 1099511628211ULL;
	l->hash = (l->hash ^ '\n') * 1099511628211ULL;
	l->events++;
}

static void on_printk(const char *line, void *arg)
{
	struct listener *l = arg;

	sb_printf(&l->log, "%s\n", line);
}

static void listen(struct machine *m, struct listener *l)
{
	memset(l, 0, sizeof(*l));
	l->hash = 14695981039346656037ULL;
	trace_subscribe(m, ~0ULL, on_event, l);
	printk_subscribe(m, on_printk, l);
}

static void expect_same_heard(struct listener *a, struct listener *b)
{
	ck_assert_msg(a->events > 0, "no tracepoint fired");
	ck_assert_uint_eq(a->events, b->events);
	ck_assert_msg(a->hash == b->hash, "the tracepoint lines differ");
	expect_same_text("the kernel messages", sb_str(&a->log), sb_str(&b->log));
	sb_free(&a->log);
	sb_free(&b->log);
	sb_free(&a->line);
	sb_free(&b->line);
}

/* ---- histories ------------------------------------------------------------------------ */

/* The last order a held block may have on this machine, capped at want. */
static unsigned int order_cap(const struct machine *m, unsigned int want)
{
	return want < m->max_order ? want : m->max_order - 1;
}

/*
 * What happened before the copy: every kind of state the engine keeps.
 * Sizes follow the machine (P pages of RAM): anon P/8 + P/16, page cache
 * P/16 + P/32, so the faults fit; then the task "c" asks for P more pages,
 * which reclaim cannot find without swap: the OOM killer runs (with swap,
 * anon pages are swapped out first).
 */
static void history(struct machine *m)
{
	unsigned long P = m->totalram_pages;
	struct compact_report rep;
	struct mm_error e;
	struct task *a, *b, *c;
	long pfn[4];
	int f, g;

	/* held kernel blocks; two freed again, through the pcp list and the buddy lists */
	pfn[0] = held(m, GFP_KERNEL, 0);
	pfn[1] = held(m, GFP_KERNEL, order_cap(m, 2));
	pfn[2] = held(m, GFP_KERNEL | GFP__RECLAIMABLE, order_cap(m, 3));
	pfn[3] = held(m, GFP_KERNEL, 0);
	ck_assert_int_eq(mmsh_free(m, (unsigned long)pfn[0], 0, &e), 0);
	ck_assert_int_eq(mmsh_free(m, (unsigned long)pfn[1], (int)order_cap(m, 2), &e), 0);
	assert_consistent(m);

	/* tasks faulting on the first and the last CPU (on numa: both nodes) */
	a = new_task(m, "a");
	fault(m, a, P / 8);
	ck_assert_int_eq(machine_set_cpu(m, m->nr_cpus - 1, &e), 0);
	b = new_task_adj(m, "b", -100);
	fault(m, b, P / 16);
	lru_add_drain_all(m);

	/* page cache: read once, part of it twice (activated), written (dirty), mapped */
	f = new_file(m, "lib");
	read_file(m, f, 0, P / 16);
	read_file(m, f, 0, P / 32);
	g = new_file(m, "log");
	write_file(m, g, 0, P / 32);
	map_file(m, b, f, P / 64 + 1, true);
	ck_assert_uint_eq(munmap_task(m, a, P / 32), P / 32);
	mlock_all(m, b, true);
	drain_all_pages(m, NULL);
	assert_consistent(m);

	/* time: writes complete, the flusher's periodic writeback, the daemons */
	tick(m, 6 * HZ);
	try_to_free_pages(m, node_zonelist(m, numa_node_id(m), GFP_KERNEL), 0, GFP_KERNEL);
	compact_command(m, -1, NULL, &rep);
	assert_consistent(m);

	/* more than there is: reclaim, then the OOM killer */
	ck_assert_int_eq(machine_set_cpu(m, 0, &e), 0);
	c = new_task(m, "c");
	fault_anon(m, c, P, &e);
	ck_assert_uint_gt(m->vm_events[OOM_KILL] + m->vm_events[PSWPOUT], 0);
	tick(m, HZ);

	/* writes left in flight: the copy's disk finishes them */
	write_file(m, g, P / 32, P / 64 + 1);
	writeback_dirty(m, ~0UL);
	ck_assert_uint_gt(m->disk.n, 0);
	assert_consistent(m);
}

/* The same name on both machines: a task slot that may have been freed by the OOM killer. */
static struct task *task_named(struct machine *m, const char *name)
{
	return task_find(m, name);
}

/*
 * What happens after the copy, on the original and on the copy alike.
 * Every result is written to out; the views are written twice (halfway
 * and at the end).
 */
static void future(struct machine *m, struct strbuf *out)
{
	unsigned long P = m->totalram_pages;
	struct compact_report rep;
	struct alloc_report ar;
	struct mm_error e = { { 0 } };
	struct task *t;
	unsigned long waited;
	long pfn[4], r;
	int i, f = file_find(m, "lib"), g = file_find(m, "log");

	ck_assert_int_ge(f, 0);
	ck_assert_int_ge(g, 0);
	for (i = 0; i < 4; i++) {
		static const unsigned int orders[4] = { 0, 1, 3, 9 };

		pfn[i] = mmsh_alloc(m, GFP_KERNEL, order_cap(m, orders[i]), NUMA_NO_NODE, &ar);
		sb_printf(out, "alloc order %u: pfn %ld outcome %d\n", order_cap(m, orders[i]),
			  pfn[i], (int)ar.outcome);
	}
	for (i = 0; i < 2; i++)
		if (pfn[i] >= 0)
			sb_printf(out, "free: %d\n", mmsh_free(m, (unsigned long)pfn[i], -1, &e));

	t = task_named(m, "a");
	if (t) {
		r = fault_anon(m, t, P / 16, &e);
		sb_printf(out, "fault a: %ld %s\n", r, r < (long)(P / 16) ? e.msg : "");
		r = touch_task(m, t, &e);
		sb_printf(out, "touch a: %ld\n", r);
	}
	sb_printf(out, "read: %ld\n", file_read(m, f, P / 32, P / 16, &e));
	sb_printf(out, "write: %ld\n", file_write(m, g, 0, P / 16, &e));
	sb_printf(out, "touch lib: %ld\n", touch_file(m, f, &e));
	tick(m, 2 * HZ);
	r = mmsh_alloc(m, GFP_KERNEL, order_cap(m, 3), NUMA_NO_NODE, &ar);
	sb_printf(out, "alloc: pfn %ld outcome %d rounds %u reclaims %u reclaimed %lu "
		       "compactions %u result %d oom %u/%u\n",
		  r, (int)ar.outcome, ar.rounds, ar.reclaims, ar.reclaimed, ar.compactions,
		  ar.compact_result, ar.oom_calls, ar.oom_kills);
	render(m, out);

	/* memory pressure again: a new task asks for all of memory */
	t = new_task(m, "d");
	ck_assert_int_eq(machine_set_cpu(m, m->nr_cpus - 1, &e), 0);
	r = fault_anon(m, t, P, &e);
	sb_printf(out, "fault d: %ld %s\n", r, e.msg);
	sb_printf(out, "reclaimed: %lu\n",
		  try_to_free_pages(m, node_zonelist(m, numa_node_id(m), GFP_KERNEL), 0,
				    GFP_KERNEL));
	compact_command(m, -1, NULL, &rep);
	compact_report_format(&rep, out);
	compact_command(m, (int)order_cap(m, 4), NULL, &rep);
	compact_report_format(&rep, out);
	t = task_named(m, "b");
	if (t)
		task_exit(m, t);
	sb_printf(out, "truncated: %lu\n", truncate_file(m, g));
	sb_printf(out, "synced: %lu", sync_all(m, &waited));
	sb_printf(out, " waited %lu\n", waited);
	drain_all_pages(m, NULL);
	lru_add_drain_all(m);
	sb_printf(out, "freed held: %lu\n", mmsh_free_all(m));
	tick(m, HZ);
	render(m, out);
}

/*
 * The test proper: history, copy, then the same future on both, each
 * listened to, and everything compared.
 */
static void expect_copy_behaves_alike(struct machine *m, struct machine *copy)
{
	struct listener la, lb;
	struct strbuf oa = STRBUF_INIT, ob = STRBUF_INIT;

	expect_same(m, copy);
	listen(m, &la);
	listen(copy, &lb);
	future(m, &oa);
	future(copy, &ob);
	expect_same_text("the results", sb_str(&oa), sb_str(&ob));
	expect_same_heard(&la, &lb);
	expect_same(m, copy);
	sb_free(&oa);
	sb_free(&ob);
}

static void clone_and_compare(struct machine *m)
{
	struct machine *copy = machine_clone(m);

	ck_assert_ptr_nonnull(copy);
	expect_copy_behaves_alike(m, copy);
	machine_destroy(copy);
	machine_destroy(m);
}

/* ---- the presets ----------------------------------------------------------------------- */

START_TEST(clone_of_default_behaves_alike)
{
	struct machine *m = boot_preset("default");

	history(m);
	clone_and_compare(m);
}
END_TEST

START_TEST(clone_of_tiny_behaves_alike)
{
	struct machine *m = boot_preset("tiny");

	history(m);
	clone_and_compare(m);
}
END_TEST

START_TEST(clone_of_numa_behaves_alike)
{
	struct machine *m = boot_preset("numa");

	history(m);
	clone_and_compare(m);
}
END_TEST

/* 8192 pages of RAM and 16384 swap slots: the OOM faults swap out instead. */
START_TEST(clone_with_swap_behaves_alike)
{
	struct machine *m = boot_swap(8192, 16384, 2);

	history(m);
	ck_assert_uint_gt(m->swap.inuse, 0);
	ck_assert_uint_gt(m->vm_events[PSWPOUT], 0);
	clone_and_compare(m);
}
END_TEST

/* ---- what is and is not copied ---------------------------------------------------------- */

static void count_step(struct machine *m, const struct kstep *st, void *arg)
{
	(void)m;
	(void)st;
	++*(int *)arg;
}

/*
 * The copy has no subscribers: the shell subscribes to the copy itself
 * (`why` listens to the copy's steps, not to the original's). Events on
 * the copy must not reach the original's listener. Nor does it keep a
 * compaction capture: that lives on the stack of the original's caller.
 */
START_TEST(clone_has_no_subscribers)
{
	struct machine *m = boot_preset("tiny"), *copy;
	struct capture_control capc = { NULL, 0, 0, NULL };
	struct listener l;
	int steps = 0;

	listen(m, &l);
	kstep_subscribe(m, count_step, &steps);
	m->capc = &capc;   /* as if taken inside direct compaction: capc is on its stack */
	copy = machine_clone(m);
	m->capc = NULL;
	ck_assert_ptr_nonnull(copy);
	ck_assert_ptr_null(copy->trace_cb);
	ck_assert_ptr_null(copy->trace_arg);
	ck_assert_uint_eq(copy->trace_mask, 0);
	ck_assert_ptr_null(copy->kstep_cb);
	ck_assert_ptr_null(copy->kstep_arg);
	ck_assert_ptr_null(copy->log_cb);
	ck_assert_ptr_null(copy->log_arg);
	ck_assert_ptr_null(copy->capc);
	/* the original keeps its own */
	ck_assert_ptr_eq(m->trace_arg, &l);
	ck_assert_ptr_eq(m->kstep_arg, &steps);
	held(copy, GFP_KERNEL, 2);
	ck_assert_uint_eq(l.events, 0);
	held(m, GFP_KERNEL, 2);
	ck_assert_uint_gt(l.events, 0);
	sb_free(&l.line);
	machine_destroy(copy);
	machine_destroy(m);
}
END_TEST

/*
 * Every pointer inside the copy leads into the copy: a zone to its node
 * and machine, its pagesets, the zonelists (to the zones of every node,
 * in the same order), and `current` while a task runs.
 */
START_TEST(clone_pointers_lead_into_the_copy)
{
	struct machine *m = boot_preset("numa"), *copy;
	struct task *t = new_task(m, "t");
	struct as_saved s;
	int nid, z, l, i;

	fault(m, t, 10);
	as_task(m, t, &s);
	copy = machine_clone(m);
	as_before(m, &s);
	ck_assert_ptr_nonnull(copy);
	ck_assert_ptr_eq(copy->current_task, &copy->tasks[t - m->tasks]);
	for (nid = 0; nid < m->nr_node_ids; nid++) {
		pg_data_t *pgdat = NODE_DATA(copy, nid);

		ck_assert_ptr_ne(pgdat, NODE_DATA(m, nid));
		ck_assert_ptr_eq(pgdat->machine, copy);
		for (z = 0; z < MAX_NR_ZONES; z++) {
			struct zone *zone = &pgdat->node_zones[z];

			ck_assert_ptr_eq(zone->zone_pgdat, pgdat);
			ck_assert_ptr_eq(zone->machine, copy);
			ck_assert_ptr_ne(zone->pageset, NODE_DATA(m, nid)->node_zones[z].pageset);
		}
		for (l = 0; l < MAX_ZONELISTS; l++)
			for (i = 0; i <= MAX_ZONES_PER_ZONELIST; i++) {
				struct zoneref *zr = &pgdat->node_zonelists[l]._zonerefs[i];
				struct zoneref *orig = &NODE_DATA(m, nid)->node_zonelists[l]._zonerefs[i];

				if (!orig->zone) {
					ck_assert_ptr_null(zr->zone);
					continue;
				}
				ck_assert_ptr_eq(zr->zone, ZONE(copy, zone_to_nid(orig->zone),
								zone_idx(orig->zone)));
				ck_assert_int_eq(zr->zone_idx, orig->zone_idx);
			}
	}
	/* the first fallback of node 0 is its own Normal zone, then node 1's */
	ck_assert_ptr_eq(NODE_DATA(copy, 0)->node_zonelists[ZONELIST_FALLBACK]._zonerefs[0].zone,
			 ZONE(copy, 0, ZONE_NORMAL));
	ck_assert_ptr_eq(NODE_DATA(copy, 0)->node_zonelists[ZONELIST_FALLBACK]._zonerefs[2].zone,
			 ZONE(copy, 1, ZONE_NORMAL));
	machine_destroy(copy);
	machine_destroy(m);
}
END_TEST

/*
 * The copy owns everything: once the original is gone the copy (and a
 * second copy taken at the same time, kept as the reference) still run
 * the whole future alike. Under AddressSanitizer a pointer into the
 * destroyed original would be reported at its first use.
 */
START_TEST(clone_outlives_the_original)
{
	struct machine *m = boot_swap(4096, 8192, 2), *c1, *c2;

	history(m);
	c1 = machine_clone(m);
	c2 = machine_clone(m);
	ck_assert_ptr_nonnull(c1);
	ck_assert_ptr_nonnull(c2);
	machine_destroy(m);
	expect_copy_behaves_alike(c1, c2);
	machine_destroy(c1);
	machine_destroy(c2);
}
END_TEST

/* What a kstep subscriber that snapshots the machine at every step saw. */
struct stepper {
	struct machine *snap;
	unsigned long steps, bad_copies;
};

static void copy_at_step(struct machine *m, const struct kstep *st, void *arg)
{
	struct stepper *s = arg;

	(void)st;
	s->steps++;
	if (machine_copy(s->snap, m) < 0 || s->snap->capc || s->snap->kstep_cb ||
	    s->snap->clock_ns != m->clock_ns || s->snap->mem_map[0].flags != m->mem_map[0].flags)
		s->bad_copies++;
}

/*
 * `step` copies the machine from inside a command, at a kernel step (with
 * pages isolated, a fault half done, an OOM kill under way): the copy
 * must succeed at every step and leave the original as it was. A tiny
 * machine runs the whole future with a subscriber that snapshots it at
 * every step, beside a copy that runs it unobserved: both end alike.
 */
START_TEST(copy_inside_a_command_leaves_it_alone)
{
	struct machine *m = boot_preset("tiny"), *watched, *alone;
	struct stepper st = { NULL, 0, 0 };
	struct strbuf oa = STRBUF_INIT, ob = STRBUF_INIT;

	history(m);
	watched = machine_clone(m);
	alone = machine_clone(m);
	st.snap = machine_clone(m);
	ck_assert_ptr_nonnull(watched);
	ck_assert_ptr_nonnull(alone);
	ck_assert_ptr_nonnull(st.snap);
	kstep_subscribe(watched, copy_at_step, &st);
	future(watched, &oa);
	kstep_subscribe(watched, NULL, NULL);
	future(alone, &ob);
	ck_assert_uint_gt(st.steps, 1000);
	ck_assert_uint_eq(st.bad_copies, 0);
	expect_same_text("the results", sb_str(&oa), sb_str(&ob));
	expect_same(watched, alone);
	sb_free(&oa);
	sb_free(&ob);
	machine_destroy(st.snap);
	machine_destroy(alone);
	machine_destroy(watched);
	machine_destroy(m);
}
END_TEST

/* ---- machine_copy(): reusing and replacing buffers -------------------------------------- */

/*
 * The snapshot the shell takes before each command: the copy target has
 * the machine's shape, so mem_map, the pageblock and check arrays, the
 * bitmaps, the nodes, their pagesets and the task and file tables are
 * reused in place (no allocation: the same addresses afterwards).
 */
START_TEST(copy_into_same_shape_reuses_buffers)
{
	struct machine *m = boot_preset("default"), *snap;
	void *mem_map, *content, *pageblocks, *bitmap, *pgdat, *pageset, *tasks, *files, *anon;

	snap = machine_clone(m);   /* the boot state */
	ck_assert_ptr_nonnull(snap);
	mem_map = snap->mem_map;
	content = snap->page_content;
	pageblocks = snap->pageblock_flags;
	bitmap = snap->bitmap24[3];
	pgdat = NODE_DATA(snap, 0);
	pageset = ZONE(snap, 0, ZONE_NORMAL)->pageset;
	tasks = snap->tasks;
	files = snap->files;

	history(m);
	ck_assert_int_eq(machine_copy(snap, m), 0);
	ck_assert_ptr_eq(snap->mem_map, mem_map);
	ck_assert_ptr_eq(snap->page_content, content);
	ck_assert_ptr_eq(snap->pageblock_flags, pageblocks);
	ck_assert_ptr_eq(snap->bitmap24[3], bitmap);
	ck_assert_ptr_eq(NODE_DATA(snap, 0), pgdat);
	ck_assert_ptr_eq(ZONE(snap, 0, ZONE_NORMAL)->pageset, pageset);
	ck_assert_ptr_eq(snap->tasks, tasks);
	ck_assert_ptr_eq(snap->files, files);
	/* a second snapshot of the same state reuses the task's and file's arrays too */
	anon = task_find(snap, "a")->anon;
	ck_assert_int_eq(machine_copy(snap, m), 0);
	ck_assert_ptr_eq(task_find(snap, "a")->anon, anon);
	expect_copy_behaves_alike(m, snap);
	machine_destroy(snap);
	machine_destroy(m);
}
END_TEST

/*
 * `undo` after `undo`: a snapshot taken later (more tasks, longer page
 * tables, bigger files, a disk queue) is overwritten with an earlier one.
 * What the earlier state does not have is freed (the sanitizer build
 * reports leaks), and the result behaves as the earlier state.
 */
START_TEST(copy_back_to_an_earlier_state)
{
	struct machine *m = boot_preset("default"), *early, *snap;

	early = machine_clone(m);
	ck_assert_ptr_nonnull(early);
	history(m);
	snap = machine_clone(m);
	ck_assert_ptr_nonnull(snap);
	ck_assert_int_eq(machine_copy(snap, early), 0);
	ck_assert_ptr_null(task_find(snap, "a"));
	ck_assert_int_lt(file_find(snap, "lib"), 0);
	history(snap);
	history(early);
	expect_copy_behaves_alike(early, snap);
	machine_destroy(snap);
	machine_destroy(early);
	machine_destroy(m);
}
END_TEST

/*
 * A target of another shape: a tiny machine (one node, one CPU, MAX_ORDER
 * 6) becomes a copy of a numa one (two nodes, four CPUs, MAX_ORDER 11),
 * and a numa one a copy of a tiny one: every buffer is reallocated, the
 * nodes and bitmap orders the source lacks are freed.
 */
START_TEST(copy_into_other_shape_reallocates)
{
	struct machine *numa = boot_preset("numa"), *tiny = boot_preset("tiny");
	struct machine *small = boot_preset("tiny"), *big = boot_preset("numa");

	history(numa);
	history(small);
	ck_assert_int_eq(machine_copy(tiny, numa), 0);
	ck_assert_int_eq(tiny->nr_node_ids, 2);
	ck_assert_uint_eq(tiny->max_pfn, numa->max_pfn);
	ck_assert_int_eq(machine_copy(big, small), 0);
	ck_assert_int_eq(big->nr_node_ids, 1);
	ck_assert_ptr_null(big->node_data[1]);
	ck_assert_ptr_null(big->bitmap24[6]);
	expect_copy_behaves_alike(numa, tiny);
	expect_copy_behaves_alike(small, big);
	machine_destroy(tiny);
	machine_destroy(numa);
	machine_destroy(small);
	machine_destroy(big);
}
END_TEST

/*
 * The shell's `undo` loop: a snapshot before each command, then the
 * command; undoing restores the snapshot, and running the command again
 * gives the same machine as the first time.
 */
START_TEST(undo_and_redo_give_the_same_machine)
{
	struct machine *m = boot_swap(4096, 8192, 2), *before = machine_clone(m), *again;
	struct mm_error e;
	struct task *t;
	int step;

	ck_assert_ptr_nonnull(before);
	again = machine_clone(m);
	ck_assert_ptr_nonnull(again);
	for (step = 0; step < 6; step++) {
		ck_assert_int_eq(machine_copy(before, m), 0);
		/* the command */
		t = task_find(m, "w") ? task_find(m, "w") : new_task(m, "w");
		fault_anon(m, t, 1500, &e);
		tick(m, HZ / 2);
		/* undo it, and do it again on the restored machine */
		ck_assert_int_eq(machine_copy(again, before), 0);
		t = task_find(again, "w") ? task_find(again, "w") : new_task(again, "w");
		fault_anon(again, t, 1500, &e);
		tick(again, HZ / 2);
		expect_same(m, again);
	}
	ck_assert_uint_gt(m->vm_events[PSWPOUT], 0);
	machine_destroy(again);
	machine_destroy(before);
	machine_destroy(m);
}
END_TEST

/* ---- out of host memory ------------------------------------------------------------------- */

/*
 * Fault injection, as SQLite's tests do it: with glibc the program may
 * supply malloc(), calloc(), realloc() and free() of its own. These pass
 * every call to glibc's allocator, count the blocks alive, and make the
 * allocation after the next `allocs_left` ones fail. (AddressSanitizer
 * supplies its own allocator: not under it.)
 */
#if defined(__GLIBC__) && !defined(__SANITIZE_ADDRESS__)
#define FAULT_INJECTION 1
extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t n, size_t size);
extern void *__libc_realloc(void *p, size_t size);
extern void __libc_free(void *p);

static long allocs_left = -1;   /* -1: none fails */
static long blocks_alive;       /* allocated minus freed, since the program began */

static bool allocation_fails(void)
{
	if (allocs_left == 0)
		return true;
	if (allocs_left > 0)
		allocs_left--;
	return false;
}

void *malloc(size_t size)
{
	void *p = allocation_fails() ? NULL : __libc_malloc(size);

	blocks_alive += p != NULL;
	return p;
}

void *calloc(size_t n, size_t size)
{
	void *p = allocation_fails() ? NULL : __libc_calloc(n, size);

	blocks_alive += p != NULL;
	return p;
}

void *realloc(void *old, size_t size)
{
	void *p = allocation_fails() ? NULL : __libc_realloc(old, size);

	blocks_alive += !old && p;
	return p;
}

void free(void *p)
{
	blocks_alive -= p != NULL;
	__libc_free(p);
}

/*
 * The host runs out of memory at the n-th allocation of a copy, for every
 * n until the copy goes through: machine_copy() returns -1 and leaves the
 * target fit for machine_destroy() (which frees every block: nothing
 * leaks, nothing is freed twice) and for another copy; machine_clone()
 * returns NULL. The target is a tiny machine (every buffer of the numa
 * source is allocated: the copy fails at each in turn) or a snapshot of
 * the source's boot state (only what tasks and files grew since).
 */
static int copy_failing(struct machine *src, bool same_shape)
{
	struct machine *boot = same_shape ? boot_preset("numa") : NULL;
	int n, failures = 0, rc = -1;

	for (n = 0; rc < 0; n++) {
		long before = blocks_alive;
		struct machine *dst = same_shape ? machine_clone(boot) : boot_preset("tiny");
		struct machine *clone;

		ck_assert_ptr_nonnull(dst);
		allocs_left = n;
		rc = machine_copy(dst, src);
		allocs_left = rc < 0 ? n : -1;
		clone = rc < 0 ? machine_clone(src) : NULL;
		allocs_left = -1;
		ck_assert_ptr_null(clone);
		if (rc < 0 && n % 4 == 1) {   /* a failed target can be copied into again */
			ck_assert_int_eq(machine_copy(dst, src), 0);
			expect_same(src, dst);
		}
		if (rc == 0)
			expect_same(src, dst);
		machine_destroy(dst);
		ck_assert_msg(blocks_alive == before, "after %d allocations: %ld blocks leaked",
			      n, blocks_alive - before);
		failures += rc < 0;
	}
	machine_destroy(boot);
	return failures;
}

/*
 * The snapshot before each command allocates nothing when the target has
 * the machine's shape and its tasks, files and disk queue have not grown
 * since the last snapshot: every allocation would fail, and the copy
 * still goes through. A command that grows a task's page table (here past
 * its 64-entry start) makes the next copy reallocate just that array.
 */
START_TEST(copy_of_same_shape_allocates_nothing)
{
	struct machine *m = boot_preset("numa"), *snap;
	struct task *t;
	long before;
	int rc;

	history(m);
	snap = machine_clone(m);
	ck_assert_ptr_nonnull(snap);
	held(m, GFP_KERNEL, 3);   /* a command that grows no array */
	before = blocks_alive;
	allocs_left = 0;   /* (Check's own assertions allocate: none in between) */
	rc = machine_copy(snap, m);
	allocs_left = -1;
	ck_assert_int_eq(rc, 0);
	ck_assert_int_eq(blocks_alive, before);
	expect_same(m, snap);

	t = new_task(m, "grows");
	fault(m, t, 65);   /* anon_cap 64, then 128 */
	allocs_left = 0;
	rc = machine_copy(snap, m);
	allocs_left = -1;
	ck_assert_int_eq(rc, -1);
	ck_assert_int_eq(machine_copy(snap, m), 0);
	expect_same(m, snap);
	machine_destroy(snap);
	machine_destroy(m);
}
END_TEST

START_TEST(copy_out_of_memory_leaves_a_destroyable_machine)
{
	struct machine *src = boot_preset("numa");

	history(src);
	/*
	 * Into a tiny machine: 15 buffers of the machine, 2 nodes with 4
	 * pagesets each, and the tasks' and files' arrays: dozens of points.
	 */
	ck_assert_int_gt(copy_failing(src, false), 30);
	/* into a snapshot of the same shape: only the tasks' and files' arrays */
	ck_assert_int_gt(copy_failing(src, true), 0);
	machine_destroy(src);
}
END_TEST
#endif

/* ---- machine_bytes() ---------------------------------------------------------------------- */

/*
 * A copy takes at least its page descriptors (max_pfn of them), and more
 * as tasks and files grow; the copy takes what the original does.
 */
START_TEST(machine_bytes_counts_the_page_array)
{
	const char *presets[3] = { "tiny", "default", "numa" };
	int i;

	for (i = 0; i < 3; i++) {
		struct machine *m = boot_preset(presets[i]), *copy;
		size_t boot;

		boot = machine_bytes(m);
		ck_assert_uint_ge(boot, m->max_pfn * sizeof(struct page));
		history(m);
		ck_assert_uint_gt(machine_bytes(m), boot);
		copy = machine_clone(m);
		ck_assert_ptr_nonnull(copy);
		ck_assert_uint_eq(machine_bytes(copy), machine_bytes(m));
		machine_destroy(copy);
		machine_destroy(m);
	}
}
END_TEST

int main(void)
{
	Suite *s = suite_create("clone");
	TCase *presets = tcase_create("presets");
	TCase *what = tcase_create("what is copied");
	TCase *copy = tcase_create("machine_copy");
	TCase *bytes = tcase_create("machine_bytes");

	tcase_set_timeout(presets, 600);
	tcase_add_test(presets, clone_of_default_behaves_alike);
	tcase_add_test(presets, clone_of_tiny_behaves_alike);
	tcase_add_test(presets, clone_of_numa_behaves_alike);
	tcase_add_test(presets, clone_with_swap_behaves_alike);
	suite_add_tcase(s, presets);
	tcase_set_timeout(what, 300);
	tcase_add_test(what, clone_has_no_subscribers);
	tcase_add_test(what, clone_pointers_lead_into_the_copy);
	tcase_add_test(what, clone_outlives_the_original);
	tcase_add_test(what, copy_inside_a_command_leaves_it_alone);
	suite_add_tcase(s, what);
	tcase_set_timeout(copy, 600);
	tcase_add_test(copy, copy_into_same_shape_reuses_buffers);
	tcase_add_test(copy, copy_back_to_an_earlier_state);
	tcase_add_test(copy, copy_into_other_shape_reallocates);
	tcase_add_test(copy, undo_and_redo_give_the_same_machine);
#ifdef FAULT_INJECTION
	tcase_add_test(copy, copy_of_same_shape_allocates_nothing);
	tcase_add_test(copy, copy_out_of_memory_leaves_a_destroyable_machine);
#endif
	suite_add_tcase(s, copy);
	tcase_set_timeout(bytes, 300);
	tcase_add_test(bytes, machine_bytes_counts_the_page_array);
	suite_add_tcase(s, bytes);
	return run_suite(s);
}
