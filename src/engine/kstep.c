/*
 * src/engine/kstep.c: delivery of kernel steps (see kstep.h) and the
 * table of the functions that emit them.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mmsh/kstep.h"

void kstep_subscribe(struct machine *m, kstep_fn fn, void *arg)
{
	m->kstep_cb = fn;
	m->kstep_arg = arg;
}

void kstep_emit(struct machine *m, const char *func, const char *fmt, ...)
{
	struct kstep st;
	va_list ap;

	if (!m->kstep_cb)
		return;
	st.func = func;
	va_start(ap, fmt);
	vsnprintf(st.text, sizeof(st.text), fmt, ap);
	va_end(ap);
	m->kstep_cb(m, &st, m->kstep_arg);
}

/* Every function name passed to KSTEP(), sorted (strcmp order). */
static const char *const kstep_names[] = {
	"__activate_page",
	"__alloc_pages_cpuset_fallback",
	"__alloc_pages_direct_compact",
	"__alloc_pages_direct_reclaim",
	"__alloc_pages_may_oom",
	"__alloc_pages_nodemask",
	"__alloc_pages_slowpath",
	"__compact_finished",
	"__free_one_page",
	"__free_pages",
	"__free_pages_ok",
	"__gfp_pfmemalloc_flags",
	"__isolate_free_page",
	"__lru_cache_activate_page",
	"__oom_kill_process",
	"__pagevec_lru_add",
	"__pagevec_lru_add_fn",
	"__remove_mapping",
	"__rmqueue",
	"__rmqueue_fallback",
	"__rmqueue_pcplist",
	"__rmqueue_smallest",
	"__zone_watermark_ok",
	"activate_page",
	"add_to_page_cache_lru",
	"add_to_swap",
	"age_active_anon",
	"alloc_flags_nofragment",
	"allow_direct_reclaim",
	"balance_pgdat",
	"boost_watermark",
	"check_panic_on_oom",
	"compact_zone",
	"compaction_capture",
	"compaction_defer_reset",
	"compaction_deferred",
	"compaction_suitable",
	"deactivate_file_page",
	"deactivate_page",
	"defer_compaction",
	"do_anonymous_page",
	"do_swap_page",
	"do_try_to_free_pages",
	"drain_all_pages",
	"drain_local_pages",
	"drain_pages",
	"drain_pages_zone",
	"end_page_writeback",
	"exit_mmap",
	"expand",
	"fast_isolate_freepages",
	"filemap_fault",
	"find_suitable_fallback",
	"free_one_page",
	"free_pcppages_bulk",
	"free_the_page",
	"free_unref_page",
	"free_unref_page_commit",
	"free_unref_page_list",
	"generic_file_buffered_read",
	"get_page_from_freelist",
	"get_scan_count",
	"gfp_to_alloc_flags",
	"isolate_freepages",
	"isolate_freepages_block",
	"isolate_lru_pages",
	"isolate_migratepages",
	"isolate_migratepages_block",
	"kcompactd_do_work",
	"kswapd",
	"kswapd_shrink_node",
	"kswapd_try_to_sleep",
	"lru_add_drain_cpu",
	"lru_cache_add",
	"lru_cache_add_inactive_or_unevictable",
	"lru_deactivate_file_fn",
	"lru_deactivate_fn",
	"lru_note_cost",
	"mark_page_accessed",
	"migrate_pages",
	"mlock_vma_page",
	"move_freepages",
	"move_freepages_block",
	"move_pages_to_lru",
	"node_dirty_ok",
	"oom_evaluate_task",
	"oom_reap_task_mm",
	"out_of_memory",
	"page_cache_ra_unbounded",
	"page_check_references",
	"page_referenced",
	"pageout",
	"pagevec_move_tail_fn",
	"pgdat_balanced",
	"prepare_alloc_pages",
	"prepare_kswapd_sleep",
	"reserve_highatomic_pageblock",
	"rmqueue",
	"rmqueue_bulk",
	"rmqueue_pcplist",
	"rotate_reclaimable_page",
	"select_bad_process",
	"should_compact_retry",
	"should_continue_reclaim",
	"should_reclaim_retry",
	"shrink_active_list",
	"shrink_inactive_list",
	"shrink_list",
	"shrink_lruvec",
	"shrink_node",
	"shrink_page_list",
	"shrink_zones",
	"steal_suitable_fallback",
	"throttle_direct_reclaim",
	"too_many_isolated",
	"try_to_compact_pages",
	"try_to_free_pages",
	"try_to_free_swap",
	"try_to_unmap_one",
	"unmap_and_move",
	"unreserve_highatomic_pageblock",
	"wakeup_kcompactd",
	"wakeup_kswapd",
	"workingset_eviction",
	"workingset_refault",
	"zone_watermark_fast",
};

const char *const *kstep_functions(size_t *n)
{
	*n = sizeof(kstep_names) / sizeof(kstep_names[0]);
	return kstep_names;
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

bool kstep_function_known(const char *name)
{
	size_t n;
	const char *const *names = kstep_functions(&n);

	return bsearch(&name, names, n, sizeof(*names), cmp_name) != NULL;
}
