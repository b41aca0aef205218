/*
 * tests/unit/compare.c: comparing two machines that must be the same (a
 * machine and its clone, or a machine and what its save loads): the text
 * they show, their raw state, and what they do under the same later
 * operations. Shared by test_clone.c and test_savestate.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compare.h"
#include "mmsh/bitmap24.h"
#include "mmsh/compaction.h"
#include "mmsh/lru.h"
#include "mmsh/page_alloc.h"
#include "mmsh/pcp.h"
#include "mmsh/procfs.h"
#include "mmsh/samples.h"
#include "mmsh/trace.h"
#include "mmsh/views.h"
#include "mmsh/vmscan.h"
#include "mmsh/workload.h"

/* ---- what a machine shows ------------------------------------------------------------- */

void compare_render(struct machine *m, struct strbuf *sb)
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
	view_plot(m, NUMA_NO_NODE, -1, -1, false, sb);
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
	sb_printf(sb, "jiffies %lu clock %llu rng %llu next_pid %d panicked %d swap inuse %lu "
		      "samples %u/%lu\n", m->jiffies, (unsigned long long)m->clock_ns,
		  (unsigned long long)m->rng, m->next_pid, m->panicked, m->swap.inuse,
		  samples_count(m), samples_taken(m));
}

void expect_same_text(const char *what, const char *a, const char *b)
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
		     "  original: %.160s\n  other:    %.160s", what, line, la, lb);
}

/* ---- what a machine holds ----------------------------------------------------------------- */

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

/* What a save keeps of kswapd's last run. */
static bool same_balance_log(const struct balance_log *a, const struct balance_log *b)
{
	int i;

	if (a->order != b->order || a->nr_passes != b->nr_passes || a->balanced != b->balanced ||
	    a->end_priority != b->end_priority || a->failed != b->failed || a->boost != b->boost)
		return false;
	for (i = 0; i < a->nr_passes && i < BALANCE_LOG_PASSES; i++) {
		const struct balance_pass *pa = &a->pass[i], *pb = &b->pass[i];

		if (pa->nr_scanned != pb->nr_scanned || pa->priority != pb->priority ||
		    pa->scan_balance != pb->scan_balance ||
		    memcmp(pa->scan_nr, pb->scan_nr, sizeof(pa->scan_nr)) != 0)
			return false;
	}
	return true;
}

/* Every field of kswapd's last run, as an exact copy keeps it. */
static bool same_balance_log_exactly(const struct balance_log *a, const struct balance_log *b)
{
	int i;

	if (!same_balance_log(a, b) || a->reclaim_order != b->reclaim_order ||
	    a->highest_zoneidx != b->highest_zoneidx)
		return false;
	for (i = 0; i < a->nr_passes && i < BALANCE_LOG_PASSES; i++) {
		const struct balance_pass *pa = &a->pass[i], *pb = &b->pass[i];

		if (pa->nr_to_reclaim != pb->nr_to_reclaim || pa->nr_reclaimed != pb->nr_reclaimed ||
		    pa->free_after != pb->free_after ||
		    memcmp(pa->fraction, pb->fraction, sizeof(pa->fraction)) != 0)
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

/* The same first n content words, however they are stored. */
static bool same_words(const struct page_contents *a, const struct page_contents *b,
		       unsigned long n)
{
	unsigned long i;

	for (i = 0; i < n; i++)
		if (contents_get(a, i) != contents_get(b, i))
			return false;
	return true;
}

/* The same words in the same chunks (page_content.h), at other addresses. */
static bool same_chunks(const struct page_contents *a, const struct page_contents *b)
{
	unsigned long i;

	if (a->nr_chunks != b->nr_chunks || a->nr_allocated != b->nr_allocated)
		return false;
	for (i = 0; i < a->nr_chunks; i++)
		if (!a->chunk[i] != !b->chunk[i] ||
		    (a->chunk[i] && (a->chunk[i] == b->chunk[i] ||
				     memcmp(a->chunk[i], b->chunk[i],
					    CONTENT_CHUNK_PAGES * sizeof(uint32_t)) != 0)))
			return false;
	return true;
}

/* The same pages waiting (not the stale entries past nr). */
static bool same_pagevec(const struct pagevec *a, const struct pagevec *b)
{
	return a->nr == b->nr && memcmp(a->pages, b->pages, a->nr * sizeof(a->pages[0])) == 0;
}

/* The machine-wide arrays: page descriptors, contents, pageblocks, bitmaps, pagevecs. */
static void expect_same_arrays(struct machine *a, struct machine *b, enum compare_depth depth)
{
	unsigned long blocks = (a->max_pfn >> a->pageblock_order) + 1;
	unsigned int o;
	int cpu;

	ck_assert_msg(memcmp(&a->shape, &b->shape, sizeof(a->shape)) == 0, "shapes differ");
	ck_assert_uint_eq(a->max_pfn, b->max_pfn);
	ck_assert_uint_eq(a->nr_list_heads, b->nr_list_heads);
	ck_assert_msg(memcmp(a->mem_map, b->mem_map,
			     (a->max_pfn + a->nr_list_heads) * sizeof(struct page)) == 0,
		      "page descriptors or list links differ");
	ck_assert_msg(same_words(&a->contents, &b->contents, a->max_pfn), "content words differ");
	if (depth == COMPARE_LAYOUT)
		ck_assert_msg(same_chunks(&a->contents, &b->contents), "content chunks differ");
	ck_assert_msg(memcmp(a->pageblock_flags, b->pageblock_flags, blocks) == 0,
		      "pageblock flags differ");
	if (depth == COMPARE_LAYOUT)
		ck_assert_msg(memcmp(a->check_dirty, b->check_dirty,
				     (blocks + 63) / 64 * sizeof(uint64_t)) == 0 &&
			      a->check_all_dirty == b->check_all_dirty,
			      "check()'s dirty pageblocks differ");
	ck_assert_msg(memcmp(a->alloc_heads, b->alloc_heads,
			     (a->max_pfn + 63) / 64 * sizeof(uint64_t)) == 0, "held heads differ");
	for (o = 0; o < a->max_order; o++)
		ck_assert_msg(memcmp(a->bitmap24[o], b->bitmap24[o],
				     (bitmap24_bits(a, o) + 63) / 64 * sizeof(uint64_t)) == 0,
			      "2.4 bitmap of order %u differs", o);
	ck_assert_msg(memcmp(a->vm_events, b->vm_events, sizeof(a->vm_events)) == 0,
		      "vm events differ");
	for (cpu = 0; cpu < a->nr_cpus; cpu++) {
		const struct lru_pvecs *pa = &a->pvecs[cpu], *pb = &b->pvecs[cpu];

		ck_assert_msg(same_pagevec(&pa->lru_add, &pb->lru_add) &&
			      same_pagevec(&pa->lru_rotate, &pb->lru_rotate) &&
			      same_pagevec(&pa->lru_deactivate_file, &pb->lru_deactivate_file) &&
			      same_pagevec(&pa->lru_deactivate, &pb->lru_deactivate) &&
			      same_pagevec(&pa->activate_page, &pb->activate_page),
			      "cpu %d pagevecs differ", cpu);
	}
	if (depth == COMPARE_LAYOUT)
		ck_assert_msg(memcmp(a->pvecs, b->pvecs, sizeof(a->pvecs)) == 0,
			      "pagevecs differ (past nr)");
	ck_assert_msg(memcmp(&a->allocated, &b->allocated, sizeof(a->allocated)) == 0,
		      "held block counts differ");
}

/* The machine's own fields: current, the sysctls, the clocks, the rate limits. */
static void expect_same_fields(struct machine *a, struct machine *b)
{
	ck_assert_msg(memcmp(&a->current, &b->current, sizeof(a->current)) == 0, "current differs");
	ck_assert_msg((a->current_task ? a->current_task - a->tasks : -1) ==
		      (b->current_task ? b->current_task - b->tasks : -1), "current_task differs");
	ck_assert_msg(a->min_free_kbytes == b->min_free_kbytes &&
		      a->user_min_free_kbytes == b->user_min_free_kbytes &&
		      a->watermark_scale_factor == b->watermark_scale_factor &&
		      a->watermark_boost_factor == b->watermark_boost_factor &&
		      memcmp(a->sysctl_lowmem_reserve_ratio, b->sysctl_lowmem_reserve_ratio,
			     sizeof(a->sysctl_lowmem_reserve_ratio)) == 0 &&
		      a->percpu_pagelist_fraction == b->percpu_pagelist_fraction &&
		      a->vm_swappiness == b->vm_swappiness && a->laptop_mode == b->laptop_mode &&
		      a->sysctl_panic_on_oom == b->sysctl_panic_on_oom &&
		      a->totalreserve_pages == b->totalreserve_pages &&
		      a->totalram_pages == b->totalram_pages &&
		      a->vm_total_pages == b->vm_total_pages &&
		      a->khugepaged_started == b->khugepaged_started &&
		      a->min_free_kbytes_sqrt == b->min_free_kbytes_sqrt &&
		      a->min_free_kbytes_thp == b->min_free_kbytes_thp &&
		      a->jiffies == b->jiffies && a->clock_ns == b->clock_ns && a->rng == b->rng &&
		      a->next_kupdate == b->next_kupdate && a->flusher_work == b->flusher_work &&
		      a->panicked == b->panicked && a->next_pid == b->next_pid &&
		      a->oom_rs_begin == b->oom_rs_begin && a->oom_rs_printed == b->oom_rs_printed &&
		      a->oom_rs_missed == b->oom_rs_missed &&
		      a->drop_caches_stfu == b->drop_caches_stfu &&
		      a->warned_atomic_reclaim == b->warned_atomic_reclaim,
		      "machine fields differ");
}

/* Each node: counters, lruvec, kswapd and kcompactd, and its zones. */
static void expect_same_nodes(struct machine *a, struct machine *b, enum compare_depth depth)
{
	int nid, z;

	for (nid = 0; nid < a->nr_node_ids; nid++) {
		pg_data_t *pa = NODE_DATA(a, nid), *pb = NODE_DATA(b, nid);

		ck_assert_msg(memcmp(pa->vm_stat, pb->vm_stat, sizeof(pa->vm_stat)) == 0,
			      "node %d counters differ", nid);
		ck_assert_msg(same_lruvec(&pa->lruvec, &pb->lruvec), "node %d lruvec differs", nid);
		ck_assert_msg(depth == COMPARE_LAYOUT ?
			      same_balance_log_exactly(&pa->kswapd_log, &pb->kswapd_log) :
			      same_balance_log(&pa->kswapd_log, &pb->kswapd_log),
			      "node %d kswapd log differs", nid);
		ck_assert_msg(pa->kswapd_state == pb->kswapd_state &&
			      pa->kswapd_order == pb->kswapd_order &&
			      pa->kswapd_highest_zoneidx == pb->kswapd_highest_zoneidx &&
			      pa->kswapd_failures == pb->kswapd_failures &&
			      pa->kswapd_nap_until == pb->kswapd_nap_until &&
			      pa->kswapd_runs == pb->kswapd_runs &&
			      pa->kswapd_wakeups == pb->kswapd_wakeups &&
			      pa->kcompactd_woken == pb->kcompactd_woken &&
			      pa->kcompactd_next_check == pb->kcompactd_next_check &&
			      pa->kcompactd_max_order == pb->kcompactd_max_order &&
			      pa->totalreserve_pages == pb->totalreserve_pages &&
			      pa->flags == pb->flags, "node %d kswapd or kcompactd differs", nid);
		for (z = 0; z < MAX_NR_ZONES; z++) {
			struct zone *za = &pa->node_zones[z], *zb = &pb->node_zones[z];

			ck_assert_msg(memcmp(za->free_area, zb->free_area, sizeof(za->free_area)) == 0 &&
				      memcmp(za->vm_stat, zb->vm_stat, sizeof(za->vm_stat)) == 0 &&
				      memcmp(za->vm_numa_stat, zb->vm_numa_stat,
					     sizeof(za->vm_numa_stat)) == 0 &&
				      memcmp(za->_watermark, zb->_watermark, sizeof(za->_watermark)) == 0 &&
				      memcmp(za->lowmem_reserve, zb->lowmem_reserve,
					     sizeof(za->lowmem_reserve)) == 0 &&
				      za->watermark_boost == zb->watermark_boost &&
				      za->nr_reserved_highatomic == zb->nr_reserved_highatomic &&
				      za->flags == zb->flags && za->managed_pages == zb->managed_pages &&
				      za->zone_start_pfn == zb->zone_start_pfn,
				      "node %d zone %s differs", nid, za->name);
			ck_assert_msg(same_compact_state(&za->compact, &zb->compact),
				      "node %d zone %s compaction state differs", nid, za->name);
			ck_assert_msg(memcmp(za->pageset, zb->pageset,
					     (size_t)a->nr_cpus * sizeof(*za->pageset)) == 0,
				      "node %d zone %s pagesets differ", nid, za->name);
		}
	}
}

/*
 * The task slots: their fields, page tables and vmas. An exact copy also
 * keeps the capacities, and the slots no task uses.
 */
static void expect_same_tasks(struct machine *a, struct machine *b, enum compare_depth depth)
{
	int t, v;

	for (t = 0; t < MAX_TASKS; t++) {
		const struct task *ta = &a->tasks[t], *tb = &b->tasks[t];

		ck_assert_int_eq(ta->used, tb->used);
		if (depth == COMPARE_LAYOUT) {
			ck_assert_uint_eq(ta->anon_len, tb->anon_len);
			ck_assert_uint_eq(ta->anon_cap, tb->anon_cap);
			ck_assert_int_eq(ta->nr_vmas, tb->nr_vmas);
		} else if (!ta->used) {
			continue;
		}
		if (ta->used)
			ck_assert_msg(ta->pid == tb->pid && strcmp(ta->comm, tb->comm) == 0 &&
				      ta->oom_score_adj == tb->oom_score_adj &&
				      ta->mlocked == tb->mlocked && ta->oom_victim == tb->oom_victim &&
				      ta->anon_len == tb->anon_len && ta->nr_vmas == tb->nr_vmas &&
				      ta->rss_anon == tb->rss_anon && ta->rss_file == tb->rss_file &&
				      ta->swapents == tb->swapents, "task slot %d differs", t);
		ck_assert_msg(ta->anon_len == 0 ||
			      (memcmp(ta->anon, tb->anon, ta->anon_len * sizeof(pte_t)) == 0 &&
			       memcmp(ta->anon_want, tb->anon_want, ta->anon_len * sizeof(uint32_t)) == 0),
			      "task slot %d: anonymous ptes differ", t);
		for (v = 0; v < ta->nr_vmas; v++)
			ck_assert_msg((!ta->used || (ta->vmas[v].file == tb->vmas[v].file &&
						     ta->vmas[v].pgoff == tb->vmas[v].pgoff &&
						     ta->vmas[v].exec == tb->vmas[v].exec)) &&
				      ta->vmas[v].len == tb->vmas[v].len &&
				      memcmp(ta->vmas[v].pte, tb->vmas[v].pte,
					     ta->vmas[v].len * sizeof(pte_t)) == 0,
				      "task slot %d: vma %d differs", t, v);
	}
}

/*
 * The file slots: their fields, page cache slots and versions (up to the
 * size; for an exact copy, up to the capacity, in every slot).
 */
static void expect_same_files(struct machine *a, struct machine *b, enum compare_depth depth)
{
	int t;

	for (t = 0; t < MAX_FILES; t++) {
		const struct sim_file *fa = &a->files[t], *fb = &b->files[t];
		unsigned long n = depth == COMPARE_LAYOUT ? fa->cap : fa->size;

		ck_assert_int_eq(fa->used, fb->used);
		if (depth == COMPARE_LAYOUT)
			ck_assert_uint_eq(fa->cap, fb->cap);
		else if (!fa->used)
			continue;
		if (fa->used)
			ck_assert_msg(strcmp(fa->name, fb->name) == 0 && fa->size == fb->size &&
				      fa->nrpages == fb->nrpages && fa->nr_dirty == fb->nr_dirty &&
				      fa->dirtied_when == fb->dirtied_when, "file slot %d differs", t);
		ck_assert_msg(n == 0 ||
			      (memcmp(fa->slot, fb->slot, n * sizeof(*fa->slot)) == 0 &&
			       memcmp(fa->version, fb->version, n * sizeof(*fa->version)) == 0 &&
			       memcmp(fa->disk_version, fb->disk_version,
				      n * sizeof(*fa->disk_version)) == 0),
			      "file slot %d: cache or versions differ", t);
	}
}

/* Swap slots and counters, the disk queue, and the samples. */
static void expect_same_devices(struct machine *a, struct machine *b, enum compare_depth depth)
{
	unsigned int i;

	ck_assert_uint_eq(a->swap.nr_slots, b->swap.nr_slots);
	ck_assert_msg(a->swap.nr_slots == 0 ||
		      (memcmp(a->swap.map, b->swap.map, a->swap.nr_slots) == 0 &&
		       same_words(&a->swap.data, &b->swap.data, a->swap.nr_slots) &&
		       (depth != COMPARE_LAYOUT || same_chunks(&a->swap.data, &b->swap.data)) &&
		       memcmp(a->swap.cache, b->swap.cache, a->swap.nr_slots * sizeof(uint64_t)) == 0),
		      "swap slots differ");
	ck_assert_msg(a->swap.inuse == b->swap.inuse && a->swap.cluster_next == b->swap.cluster_next &&
		      a->swap.cache_pages == b->swap.cache_pages &&
		      a->swap.add_total == b->swap.add_total && a->swap.find_total == b->swap.find_total,
		      "swap counters differ");
	ck_assert_uint_eq(a->disk.n, b->disk.n);
	ck_assert_uint_eq(a->disk.latency, b->disk.latency);
	ck_assert_uint_eq(a->disk.written, b->disk.written);
	for (i = 0; i < a->disk.n; i++)
		ck_assert_msg(same_io(&a->disk.q[i], &b->disk.q[i]), "disk request %u differs", i);
	ck_assert_uint_eq(samples_count(a), samples_count(b));
	ck_assert_uint_eq(samples_taken(a), samples_taken(b));
	for (i = 0; i < samples_count(a); i++)
		ck_assert_msg(memcmp(sample_words(a, i), sample_words(b, i),
				     samples_stride(a) * sizeof(uint32_t)) == 0, "sample %u differs", i);
}

void expect_same_state(struct machine *a, struct machine *b, enum compare_depth depth)
{
	expect_same_arrays(a, b, depth);
	expect_same_fields(a, b);
	expect_same_nodes(a, b, depth);
	expect_same_tasks(a, b, depth);
	expect_same_files(a, b, depth);
	expect_same_devices(a, b, depth);
}

void expect_same_machine(struct machine *a, struct machine *b, enum compare_depth depth)
{
	struct strbuf sa = STRBUF_INIT, sb = STRBUF_INIT;

	compare_render(a, &sa);
	compare_render(b, &sb);
	expect_same_text("the views", sb_str(&sa), sb_str(&sb));
	sb_free(&sa);
	sb_free(&sb);
	expect_same_state(a, b, depth);
	assert_consistent(a);
	assert_consistent(b);
}

/* ---- listening: every tracepoint line and kernel message ------------------------------- */

static void on_event(const struct trace_event *ev, void *arg)
{
	struct compare_listener *l = arg;
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
	struct compare_listener *l = arg;

	sb_printf(&l->log, "%s\n", line);
}

void compare_listen(struct machine *m, struct compare_listener *l)
{
	memset(l, 0, sizeof(*l));
	l->hash = 14695981039346656037ULL;
	trace_subscribe(m, ~0ULL, on_event, l);
	printk_subscribe(m, on_printk, l);
}

void compare_stop_listening(struct machine *m, struct compare_listener *l)
{
	trace_subscribe(m, 0, NULL, NULL);
	printk_subscribe(m, NULL, NULL);
	sb_free(&l->log);
	sb_free(&l->line);
}

void expect_same_heard(const struct compare_listener *a, const struct compare_listener *b)
{
	ck_assert_msg(a->events > 0, "no tracepoint fired");
	ck_assert_uint_eq(a->events, b->events);
	ck_assert_msg(a->hash == b->hash, "the tracepoint lines differ");
	expect_same_text("the kernel messages", sb_str(&a->log), sb_str(&b->log));
}

/* ---- histories ------------------------------------------------------------------------ */

unsigned int compare_order_cap(const struct machine *m, unsigned int want)
{
	return want < m->max_order ? want : m->max_order - 1;
}

/*
 * Sizes follow the machine (P pages of RAM): anon P/8 + P/16, page cache
 * P/16 + P/32, so the faults fit; then the task "c" asks for P more pages,
 * which reclaim cannot find without swap: the OOM killer runs (with swap,
 * anon pages are swapped out first).
 */
void compare_history(struct machine *m)
{
	unsigned long P = m->totalram_pages;
	struct compact_report rep;
	struct mm_error e;
	struct task *a, *b, *c;
	long pfn[4];
	int f, g;

	/* held kernel blocks; two freed again, through the pcp list and the buddy lists */
	pfn[0] = held(m, GFP_KERNEL, 0);
	pfn[1] = held(m, GFP_KERNEL, compare_order_cap(m, 2));
	pfn[2] = held(m, GFP_KERNEL | GFP__RECLAIMABLE, compare_order_cap(m, 3));
	pfn[3] = held(m, GFP_KERNEL, 0);
	ck_assert_int_eq(mmsh_free(m, (unsigned long)pfn[0], 0, &e), 0);
	ck_assert_int_eq(mmsh_free(m, (unsigned long)pfn[1], (int)compare_order_cap(m, 2), &e), 0);
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

/*
 * The tasks are found by name on each machine: a slot may have been freed
 * by the OOM killer. The files may be missing (a machine without
 * compare_history()): their reads and writes are left out.
 */
void compare_future(struct machine *m, struct strbuf *out)
{
	unsigned long P = m->totalram_pages, waited;
	struct compact_report rep;
	struct alloc_report ar;
	struct mm_error e = { { 0 } };
	struct task *t;
	long pfn[4], r;
	int i, f = file_find(m, "lib"), g = file_find(m, "log");

	for (i = 0; i < 4; i++) {
		static const unsigned int orders[4] = { 0, 1, 3, 9 };
		unsigned int order = compare_order_cap(m, orders[i]);

		pfn[i] = mmsh_alloc(m, GFP_KERNEL, order, NUMA_NO_NODE, &ar);
		sb_printf(out, "alloc order %u: pfn %ld outcome %d\n", order, pfn[i],
			  (int)ar.outcome);
	}
	for (i = 0; i < 2; i++)
		if (pfn[i] >= 0)
			sb_printf(out, "free: %d\n", mmsh_free(m, (unsigned long)pfn[i], -1, &e));

	t = task_find(m, "a");
	if (t) {
		r = fault_anon(m, t, P / 16, &e);
		sb_printf(out, "fault a: %ld %s\n", r, r < (long)(P / 16) ? e.msg : "");
		sb_printf(out, "touch a: %ld\n", touch_task(m, t, &e));
	}
	if (f >= 0 && g >= 0) {
		sb_printf(out, "read: %ld\n", file_read(m, f, P / 32, P / 16, &e));
		sb_printf(out, "write: %ld\n", file_write(m, g, 0, P / 16, &e));
		sb_printf(out, "touch lib: %ld\n", touch_file(m, f, &e));
	}
	tick(m, 2 * HZ);
	r = mmsh_alloc(m, GFP_KERNEL, compare_order_cap(m, 3), NUMA_NO_NODE, &ar);
	sb_printf(out, "alloc: pfn %ld outcome %d rounds %u reclaims %u reclaimed %lu "
		       "compactions %u result %d oom %u/%u\n",
		  r, (int)ar.outcome, ar.rounds, ar.reclaims, ar.reclaimed, ar.compactions,
		  ar.compact_result, ar.oom_calls, ar.oom_kills);
	compare_render(m, out);

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
	compact_command(m, (int)compare_order_cap(m, 4), NULL, &rep);
	compact_report_format(&rep, out);
	t = task_find(m, "b");
	if (t)
		task_exit(m, t);
	if (g >= 0)
		sb_printf(out, "truncated: %lu\n", truncate_file(m, g));
	sb_printf(out, "synced: %lu", sync_all(m, &waited));
	sb_printf(out, " waited %lu\n", waited);
	drain_all_pages(m, NULL);
	lru_add_drain_all(m);
	sb_printf(out, "freed held: %lu\n", mmsh_free_all(m));
	tick(m, HZ);
	sample_record(m);
	compare_render(m, out);
}

void expect_same_future(struct machine *a, struct machine *b)
{
	struct compare_listener la, lb;
	struct strbuf oa = STRBUF_INIT, ob = STRBUF_INIT;

	compare_listen(a, &la);
	compare_listen(b, &lb);
	compare_future(a, &oa);
	compare_future(b, &ob);
	expect_same_text("the results", sb_str(&oa), sb_str(&ob));
	expect_same_heard(&la, &lb);
	compare_stop_listening(a, &la);
	compare_stop_listening(b, &lb);
	sb_free(&oa);
	sb_free(&ob);
}
