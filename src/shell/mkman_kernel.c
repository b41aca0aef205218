/*
 * src/shell/mkman_kernel.c: writes mmsh-kernel(7), the map from Linux
 * 5.10's memory management functions and tracepoints to the mmsh commands
 * that show them. Nothing in the page is typed by hand twice: the functions
 * come from the command table's kernel fields and the kernel-step table
 * (kstep_functions()), the tracepoints from trace_event_name(), the sysctls
 * from sysctl_table(). This file adds only what the code does not know: the
 * kernel source file of each name, and where 5.10 fires each tracepoint.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmdtab.h"
#include "mkman.h"
#include "mmsh/kstep.h"
#include "mmsh/sysctl.h"
#include "mmsh/trace.h"

#define NAMES(...) ((const char *const[]){ __VA_ARGS__, NULL })

/*
 * The kernel source files, in the order the page lists them, with every
 * name mmsh mentions that lives in each. A name the command table or the
 * step table uses but this table lacks is reported by mkman (and fails
 * tests/man/generated.sh): add it to its file's row.
 */
struct kernel_file {
	const char *path;
	const char *about;
	const char *const *names;
};

static const struct kernel_file kernel_files[] = {
	{ "mm/page_alloc.c",
	  "The buddy allocator: free_area lists and migratetypes, per-CPU lists, "
	  "watermarks and lowmem reserves, the fast and slow allocation paths, "
	  "freeing and merging, boot-time set-up.",
	  NAMES("__alloc_pages_cpuset_fallback", "__alloc_pages_direct_compact",
		"__alloc_pages_direct_reclaim", "__alloc_pages_may_oom",
		"__alloc_pages_nodemask", "__alloc_pages_slowpath", "__free_one_page",
		"__free_pages", "__free_pages_ok", "__gfp_pfmemalloc_flags",
		"__isolate_free_page", "__rmqueue", "__rmqueue_fallback", "__rmqueue_pcplist",
		"__rmqueue_smallest", "__setup_per_zone_wmarks", "__zone_watermark_ok",
		"alloc_flags_nofragment", "boost_watermark", "buddy_merge_likely",
		"build_all_zonelists", "compaction_capture", "drain_all_pages",
		"drain_local_pages", "drain_pages", "drain_pages_zone", "expand",
		"find_suitable_fallback", "free_one_page", "free_pages_prepare",
		"free_pcppages_bulk", "free_the_page", "free_unref_page",
		"free_unref_page_commit", "free_unref_page_list", "get_page_from_freelist",
		"gfp_to_alloc_flags", "init_per_zone_wmark_min",
		"lowmem_reserve_ratio_sysctl_handler", "memmap_init",
		"min_free_kbytes_sysctl_handler", "move_freepages", "move_freepages_block",
		"page_is_buddy", "pageset_set_batch", "pageset_set_high",
		"percpu_pagelist_fraction_sysctl_handler", "prepare_alloc_pages",
		"reserve_highatomic_pageblock", "rmqueue", "rmqueue_bulk", "rmqueue_pcplist",
		"setup_per_cpu_pageset", "setup_per_zone_lowmem_reserve",
		"should_compact_retry", "should_reclaim_retry", "si_mem_available",
		"steal_suitable_fallback", "unreserve_highatomic_pageblock",
		"wake_all_kswapds", "warn_alloc", "watermark_scale_factor_sysctl_handler",
		"zone_batchsize", "zone_statistics", "zone_watermark_fast") },
	{ "mm/vmscan.c",
	  "Page reclaim: kswapd, direct reclaim, the LRU scan and the decisions "
	  "about each page.",
	  NAMES("__remove_mapping", "age_active_anon", "allow_direct_reclaim",
		"balance_pgdat", "do_try_to_free_pages", "get_scan_count",
		"inactive_is_low", "isolate_lru_pages", "kswapd", "kswapd_shrink_node",
		"kswapd_try_to_sleep", "move_pages_to_lru", "page_check_references",
		"pageout", "pgdat_balanced", "prepare_kswapd_sleep", "shrink_active_list",
		"shrink_inactive_list", "shrink_list", "shrink_lruvec", "shrink_node",
		"shrink_page_list", "shrink_zones", "should_continue_reclaim",
		"throttle_direct_reclaim", "too_many_isolated", "try_to_free_pages",
		"wakeup_kswapd") },
	{ "mm/compaction.c",
	  "Memory compaction: the migrate and free scanners, deferral, kcompactd.",
	  NAMES("__compact_finished", "compact_finished", "compact_zone",
		"compaction_defer_reset", "compaction_deferred", "compaction_suitable",
		"defer_compaction", "fast_isolate_freepages", "isolate_freepages",
		"isolate_freepages_block", "isolate_migratepages",
		"isolate_migratepages_block", "kcompactd", "kcompactd_do_work",
		"try_to_compact_pages", "wakeup_kcompactd") },
	{ "mm/migrate.c",
	  "Page migration, as compaction uses it.",
	  NAMES("migrate_pages", "unmap_and_move") },
	{ "mm/oom_kill.c",
	  "The OOM killer: choosing, reporting, killing and reaping a task.",
	  NAMES("__oom_kill_process", "check_panic_on_oom", "dump_header", "dump_tasks",
		"mark_oom_victim", "oom_badness", "oom_evaluate_task", "oom_kill_process",
		"oom_reap_task", "oom_reap_task_mm", "out_of_memory",
		"select_bad_process") },
	{ "mm/swap.c",
	  "The LRU lists' pagevecs: adding, activating, deactivating and rotating "
	  "pages.",
	  NAMES("__activate_page", "__lru_cache_activate_page", "__pagevec_lru_add",
		"__pagevec_lru_add_fn", "activate_page", "deactivate_file_page",
		"deactivate_page", "lru_add_drain", "lru_add_drain_cpu", "lru_cache_add",
		"lru_cache_add_inactive_or_unevictable", "lru_deactivate_file_fn",
		"lru_deactivate_fn", "lru_note_cost", "mark_page_accessed",
		"pagevec_move_tail_fn", "release_pages", "rotate_reclaimable_page") },
	{ "mm/workingset.c",
	  "Workingset detection: shadow entries and refault distances.",
	  NAMES("workingset_eviction", "workingset_refault") },
	{ "mm/rmap.c",
	  "Reverse mapping: which ptes map a page, their young bits, unmapping.",
	  NAMES("page_add_file_rmap", "page_add_new_anon_rmap", "page_referenced",
		"page_remove_rmap", "try_to_unmap", "try_to_unmap_one") },
	{ "mm/swap_state.c",
	  "The swap cache.",
	  NAMES("add_to_swap", "free_pages_and_swap_cache", "swapin_readahead") },
	{ "mm/swapfile.c",
	  "Swap slots.",
	  NAMES("free_swap_and_cache", "try_to_free_swap") },
	{ "mm/memory.c",
	  "Page faults and page table teardown.",
	  NAMES("do_anonymous_page", "do_swap_page", "mem_map", "unmap_mapping_range",
		"unmap_page_range", "zap_pte_range") },
	{ "mm/filemap.c",
	  "The page cache: lookups, reads, faults and writeback completion.",
	  NAMES("add_to_page_cache_lru", "delete_from_page_cache", "end_page_writeback",
		"filemap_fault", "generic_file_buffered_read", "generic_perform_write",
		"grab_cache_page_write_begin") },
	{ "mm/readahead.c",
	  "Readahead.",
	  NAMES("page_cache_ra_unbounded") },
	{ "mm/page-writeback.c",
	  "Dirty page accounting, the dirty limits and writeback of a file's pages.",
	  NAMES("account_page_dirtied", "balance_dirty_pages", "global_dirty_limits",
		"node_dirty_ok", "set_page_dirty", "write_cache_pages") },
	{ "mm/truncate.c",
	  "Truncation and page cache invalidation.",
	  NAMES("invalidate_mapping_pages", "truncate_inode_pages_range") },
	{ "mm/madvise.c",
	  "madvise(2).",
	  NAMES("madvise_cold", "madvise_cold_or_pageout_pte_range") },
	{ "mm/mlock.c",
	  "mlock(2) and the unevictable list.",
	  NAMES("__munlock_pagevec", "mlock_fixup", "mlock_vma_page",
		"munlock_vma_pages_range") },
	{ "mm/gup.c",
	  "Populating a mapping page by page.",
	  NAMES("follow_page_pte", "populate_vma_page_range") },
	{ "mm/mmap.c",
	  "Address spaces.",
	  NAMES("exit_mmap") },
	{ "mm/mmu_gather.c",
	  "Batched freeing of unmapped pages.",
	  NAMES("tlb_flush_mmu") },
	{ "mm/vmstat.c",
	  "The /proc views of the allocator and the fragmentation indexes.",
	  NAMES("__fragmentation_index", "extfrag_show", "fill_contig_page_info",
		"frag_show", "pagetypeinfo_show", "pagetypeinfo_showblockcount",
		"pagetypeinfo_showfree", "unusable_free_index", "unusable_show",
		"vmstat_show", "zoneinfo_show_print") },
	{ "mm/memblock.c",
	  "Boot memory: handing memory to the buddy allocator.",
	  NAMES("memblock_free_all") },
	{ "mm/khugepaged.c",
	  "Transparent huge pages' effect on min_free_kbytes.",
	  NAMES("set_recommended_min_free_kbytes") },
	{ "mm/debug.c",
	  "Debugging output.",
	  NAMES("dump_page") },
	{ "mm/internal.h",
	  "Helpers private to mm/.",
	  NAMES("buddy_order") },
	{ "include/linux/mmzone.h",
	  "Nodes, zones and their lists.",
	  NAMES("free_area", "free_list", "get_pageblock_migratetype", "lruvec",
		"nr_free", "per_cpu_pages") },
	{ "include/linux/gfp.h",
	  "gfp flags and what they select.",
	  NAMES("alloc_page_vma", "gfp_migratetype", "gfp_zone") },
	{ "include/linux/mm.h",
	  "Page helpers.",
	  NAMES("page_zone") },
	{ "include/linux/page-flags.h",
	  "Page flags and page types.",
	  NAMES("PageBuddy") },
	{ "include/linux/vmstat.h",
	  "Event counters.",
	  NAMES("__count_zid_vm_events") },
	{ "include/linux/wait.h",
	  "Wait queues.",
	  NAMES("wake_up_interruptible") },
	{ "include/trace/events/mmflags.h",
	  "How tracepoints print flags.",
	  NAMES("show_gfp_flags") },
	{ "fs/proc/base.c",
	  "/proc/PID files.",
	  NAMES("proc_oom_score") },
	{ "fs/proc/meminfo.c",
	  "/proc/meminfo.",
	  NAMES("meminfo_proc_show") },
	{ "fs/drop_caches.c",
	  "/proc/sys/vm/drop_caches.",
	  NAMES("drop_caches_sysctl_handler") },
	{ "fs/fs-writeback.c",
	  "The flusher threads and sync.",
	  NAMES("sync_inodes_sb", "wakeup_flusher_threads", "wb_workfn") },
	{ "fs/sync.c",
	  "sync(2).",
	  NAMES("ksys_sync") },
	{ "block/blk-core.c",
	  "Block I/O submission.",
	  NAMES("submit_bio") },
	{ "kernel/time/timer.c",
	  "Sleeping for a time.",
	  NAMES("schedule_timeout") },
	{ "arch/x86/mm/pgtable.c",
	  "x86 page table entries.",
	  NAMES("ptep_test_and_clear_young") },
};

#define NR_KERNEL_FILES (sizeof(kernel_files) / sizeof(kernel_files[0]))

/*
 * Where Linux 5.10 fires each tracepoint (the function that calls
 * trace_EVENT()); include/trace/events/ holds its definition.
 */
static const struct {
	const char *event, *function;
} fired_in[] = {
	{ "mm_page_alloc", "__alloc_pages_nodemask" },
	{ "mm_page_free", "free_pages_prepare" },
	{ "mm_page_free_batched", "free_unref_page_list" },
	{ "mm_page_alloc_zone_locked", "__rmqueue" },
	{ "mm_page_alloc_zone_locked", "rmqueue" },
	{ "mm_page_pcpu_drain", "free_pcppages_bulk" },
	{ "mm_page_alloc_extfrag", "__rmqueue_fallback" },
	{ "mm_vmscan_wakeup_kswapd", "wakeup_kswapd" },
	{ "mm_vmscan_kswapd_sleep", "kswapd_try_to_sleep" },
	{ "mm_vmscan_kswapd_wake", "kswapd" },
	{ "mm_vmscan_direct_reclaim_begin", "try_to_free_pages" },
	{ "mm_vmscan_direct_reclaim_end", "try_to_free_pages" },
	{ "mm_vmscan_lru_isolate", "isolate_lru_pages" },
	{ "mm_vmscan_writepage", "pageout" },
	{ "mm_vmscan_lru_shrink_inactive", "shrink_inactive_list" },
	{ "mm_vmscan_lru_shrink_active", "shrink_active_list" },
	{ "mm_compaction_isolate_migratepages", "isolate_migratepages_block" },
	{ "mm_compaction_isolate_freepages", "isolate_freepages_block" },
	{ "mm_compaction_migratepages", "compact_zone" },
	{ "mm_compaction_begin", "compact_zone" },
	{ "mm_compaction_end", "compact_zone" },
	{ "mm_compaction_try_to_compact_pages", "try_to_compact_pages" },
	{ "mm_compaction_finished", "compact_finished" },
	{ "mm_compaction_suitable", "compaction_suitable" },
	{ "mm_compaction_deferred", "compaction_deferred" },
	{ "mm_compaction_defer_compaction", "defer_compaction" },
	{ "mm_compaction_defer_reset", "compaction_defer_reset" },
	{ "mm_compaction_kcompactd_sleep", "kcompactd" },
	{ "mm_compaction_wakeup_kcompactd", "wakeup_kcompactd" },
	{ "mm_compaction_kcompactd_wake", "kcompactd_do_work" },
	{ "reclaim_retry_zone", "should_reclaim_retry" },
	{ "compact_retry", "should_compact_retry" },
	{ "mark_victim", "mark_oom_victim" },
};

/* include/trace/events/ headers by event name prefix (or whole name). */
static const struct {
	const char *prefix, *header;
} event_headers[] = {
	{ "mm_page_", "include/trace/events/kmem.h" },
	{ "mm_vmscan_", "include/trace/events/vmscan.h" },
	{ "mm_compaction_", "include/trace/events/compaction.h" },
	{ "reclaim_retry_zone", "include/trace/events/oom.h" },
	{ "compact_retry", "include/trace/events/oom.h" },
	{ "mark_victim", "include/trace/events/oom.h" },
};

/*
 * Kernel interfaces the command table describes in words rather than as
 * a path. The command must exist in the table.
 */
static const struct {
	const char *path, *command, *what;
} interfaces[] = {
	{ "/sys/kernel/debug/extfrag/unusable_index", "extfrag",
	  "the unusable free space index per zone and order" },
	{ "/sys/kernel/debug/extfrag/extfrag_index", "extfrag",
	  "the fragmentation index per zone and order" },
	{ "/sys/kernel/tracing/trace", "trace",
	  "tracepoint lines, in the same format" },
	{ "/sys/kernel/tracing/events/", "trace",
	  "trace on EVENT and trace off EVENT enable and disable single events" },
	{ "/proc/sysrq-trigger", "oom",
	  "writing f runs the OOM killer, as oom does" },
};

/* ---- what the tables say ------------------------------------------------------- */

enum name_kind { KIND_FUNCTION, KIND_STRUCT, KIND_ARRAY, KIND_DATA };

#define MAX_ENTRIES 1024
#define MAX_COMMANDS 256

struct entry {
	const char *name;
	const struct kernel_file *file;     /* NULL: not in kernel_files[] */
	enum name_kind kind;
	bool steps;                         /* kernel steps: why, step, break */
	bool cmd[MAX_COMMANDS];             /* command i's kernel field names it */
	int nr_events;
	int events[8];                      /* the tracepoints it fires */
};

struct model {
	const struct command *cmds;
	size_t nr_cmds;
	struct entry *e;
	size_t n;
	bool ev_cmd[NR_TRACE_EVENTS][MAX_COMMANDS];
	FILE *err;
	int problems;
};

/* Struct members and variables: shown as such, not as functions. */
static bool is_data(const char *name)
{
	return strcmp(name, "nr_free") == 0;
}

static const struct kernel_file *file_of(const char *name)
{
	size_t i;
	const char *const *p;

	for (i = 0; i < NR_KERNEL_FILES; i++)
		for (p = kernel_files[i].names; *p; p++)
			if (strcmp(*p, name) == 0)
				return &kernel_files[i];
	return NULL;
}

static void problem(struct model *m, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* A name or tracepoint the page cannot place: one line on stderr. */
static void problem(struct model *m, const char *fmt, ...)
{
	va_list ap;

	fputs("mkman: ", m->err);
	va_start(ap, fmt);
	vfprintf(m->err, fmt, ap);
	va_end(ap);
	fputc('\n', m->err);
	m->problems++;
}

static struct entry *entry_for(struct model *m, const char *name, size_t len)
{
	size_t i;
	struct entry *e;
	char *copy;

	for (i = 0; i < m->n; i++)
		if (strlen(m->e[i].name) == len && strncmp(m->e[i].name, name, len) == 0)
			return &m->e[i];
	if (m->n == MAX_ENTRIES) {
		fputs("mkman: too many kernel names (raise MAX_ENTRIES)\n", m->err);
		exit(1);
	}
	copy = strndup(name, len);
	if (!copy) {
		fputs("mkman: out of memory\n", m->err);
		exit(1);
	}
	e = &m->e[m->n++];
	memset(e, 0, sizeof(*e));
	e->name = copy;
	e->file = file_of(copy);
	e->kind = is_data(copy) ? KIND_DATA : KIND_FUNCTION;
	return e;
}

static bool is_ident_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_';
}

static bool is_ident(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || (s[0] >= '0' && s[0] <= '9'))
		return false;
	for (i = 0; i < n; i++)
		if (!is_ident_char(s[i]))
			return false;
	return true;
}

static void trim(const char **s, size_t *n)
{
	while (*n && (**s == ' ' || **s == '\n')) {
		(*s)++;
		(*n)--;
	}
	while (*n && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\n'))
		(*n)--;
}

static bool starts(const char *s, size_t n, const char *prefix)
{
	size_t k = strlen(prefix);

	return n >= k && strncmp(s, prefix, k) == 0;
}

/* One tracepoint item of command ci: a name, or a prefix ending in '*'. */
static void add_event_item(struct model *m, size_t ci, const char *s, size_t n)
{
	bool wild = n && s[n - 1] == '*';
	bool found = false;
	int id;

	for (id = 0; id < NR_TRACE_EVENTS; id++) {
		const char *name = trace_event_name((enum trace_event_id)id);

		if (wild ? strncmp(name, s, n - 1) == 0
			 : strlen(name) == n && strncmp(name, s, n) == 0) {
			m->ev_cmd[id][ci] = true;
			found = true;
		}
	}
	if (!found) {
		char item[128];

		snprintf(item, sizeof(item), "%.*s", (int)n, s);
		problem(m, "help %s names the tracepoint '%s', which mmsh does not have",
			m->cmds[ci].name, item);
	}
}

/*
 * One function item of command ci: "name", "struct name", "name[]",
 * "name (mm/file.c)", or words among which known names are picked out
 * ("__free_pages_ok and expand of Linux 2.4 (...)").
 */
static void add_name_item(struct model *m, size_t ci, const char *s, size_t n)
{
	enum name_kind kind = KIND_FUNCTION;
	const char *hint = NULL;
	size_t hint_len = 0, i;

	if (n && s[n - 1] == ')') {
		for (i = n - 1; i > 0 && s[i] != '('; i--)
			;
		if (i > 1 && s[i] == '(' && s[i - 1] == ' ' && memchr(s + i, '/', n - i) &&
		    !memchr(s + i, ' ', n - i)) {
			hint = s + i + 1;
			hint_len = n - i - 2;
			n = i - 1;
		}
	}
	if (starts(s, n, "struct ")) {
		kind = KIND_STRUCT;
		s += 7;
		n -= 7;
	} else if (n > 2 && strncmp(s + n - 2, "[]", 2) == 0) {
		kind = KIND_ARRAY;
		n -= 2;
	}
	if (is_ident(s, n)) {
		struct entry *e = entry_for(m, s, n);

		e->cmd[ci] = true;
		if (kind != KIND_FUNCTION)
			e->kind = kind;
		if (!e->file)
			problem(m, "help %s names '%s', which has no kernel source file in "
				"src/shell/mkman_kernel.c: add it to its file's row",
				m->cmds[ci].name, e->name);
		else if (hint && (strlen(e->file->path) != hint_len ||
				  strncmp(e->file->path, hint, hint_len) != 0))
			problem(m, "help %s places '%s' in another file than "
				"src/shell/mkman_kernel.c does", m->cmds[ci].name, e->name);
		return;
	}
	/* words: keep the ones the file table knows */
	for (i = 0; i < n;) {
		size_t j = i;

		while (j < n && is_ident_char(s[j]))
			j++;
		if (j > i && is_ident(s + i, j - i)) {
			char word[128];

			snprintf(word, sizeof(word), "%.*s", (int)(j - i), s + i);
			if (file_of(word))
				entry_for(m, s + i, j - i)->cmd[ci] = true;
		}
		i = j > i ? j : i + 1;
	}
}

/* Split s[0..n) at `sep` outside parentheses; call fn on each trimmed part. */
static void split(struct model *m, size_t ci, const char *s, size_t n, char sep,
		  void (*fn)(struct model *, size_t, const char *, size_t))
{
	size_t i, start = 0;
	int depth = 0;

	for (i = 0; i <= n; i++) {
		if (i < n && s[i] == '(')
			depth++;
		else if (i < n && s[i] == ')')
			depth--;
		if (i == n || (s[i] == sep && depth == 0)) {
			const char *p = s + start;
			size_t len = i - start;

			trim(&p, &len);
			if (len)
				fn(m, ci, p, len);
			start = i + 1;
		}
	}
}

static void add_event_items(struct model *m, size_t ci, const char *s, size_t n)
{
	split(m, ci, s, n, ',', add_event_item);
}

static void add_name_items(struct model *m, size_t ci, const char *s, size_t n)
{
	split(m, ci, s, n, ',', add_name_item);
}

/* One "; "-separated part of a kernel field: names, or "tracepoint(s) ...". */
static void add_segment(struct model *m, size_t ci, const char *s, size_t n)
{
	if (starts(s, n, "tracepoints "))
		add_event_items(m, ci, s + 12, n - 12);
	else if (starts(s, n, "tracepoint "))
		add_event_items(m, ci, s + 11, n - 11);
	else
		add_name_items(m, ci, s, n);
}

static void build(struct model *m)
{
	size_t i, n;
	const char *const *steps = kstep_functions(&n);

	m->cmds = command_table(&m->nr_cmds);
	if (m->nr_cmds > MAX_COMMANDS) {
		fputs("mkman: too many commands (raise MAX_COMMANDS)\n", m->err);
		exit(1);
	}
	for (i = 0; i < m->nr_cmds; i++) {
		const char *k = m->cmds[i].kernel;

		if (k[0] != '(')   /* "(none)", "(the functions listed by 'break')" */
			split(m, i, k, strlen(k), ';', add_segment);
	}
	for (i = 0; i < n; i++) {
		struct entry *e = entry_for(m, steps[i], strlen(steps[i]));

		e->steps = true;
		if (!e->file)
			problem(m, "the kernel step function '%s' has no kernel source file in "
				"src/shell/mkman_kernel.c: add it to its file's row", e->name);
	}
	for (i = 0; i < sizeof(fired_in) / sizeof(fired_in[0]); i++) {
		int id = trace_event_lookup(fired_in[i].event);
		struct entry *e = entry_for(m, fired_in[i].function, strlen(fired_in[i].function));

		if (id < 0) {
			problem(m, "fired_in[] names the tracepoint '%s', which mmsh does not have",
				fired_in[i].event);
			continue;
		}
		if (e->nr_events < (int)(sizeof(e->events) / sizeof(e->events[0])))
			e->events[e->nr_events++] = id;
		if (!e->file)
			problem(m, "'%s' (where %s fires) has no kernel source file in "
				"src/shell/mkman_kernel.c", e->name, fired_in[i].event);
	}
}

/* ---- writing the page ------------------------------------------------------------- */

static const char *skip_underscores(const char *s)
{
	while (*s == '_')
		s++;
	return s;
}

static int cmp_entry(const void *a, const void *b)
{
	const struct entry *x = *(const struct entry *const *)a;
	const struct entry *y = *(const struct entry *const *)b;
	int c = strcmp(skip_underscores(x->name), skip_underscores(y->name));

	return c ? c : strcmp(x->name, y->name);
}

/* ".Ic a ,\n.Ic b .\n": a list of commands, each its own macro line. */
static void emit_commands_of(FILE *f, const struct model *m, const bool *on, const char *end)
{
	size_t i, last = m->nr_cmds;

	for (i = 0; i < m->nr_cmds; i++)
		if (on[i])
			last = i;
	for (i = 0; i < m->nr_cmds; i++)
		if (on[i])
			fprintf(f, ".Ic %s %s\n", m->cmds[i].name, i == last ? end : ",");
}

static bool any(const bool *on, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (on[i])
			return true;
	return false;
}

static void emit_entry(FILE *f, const struct model *m, const struct entry *e)
{
	int k;

	switch (e->kind) {
	case KIND_STRUCT:
		fprintf(f, ".It Vt struct %s\n", e->name);
		break;
	case KIND_ARRAY:
		fprintf(f, ".It Va %s[]\n", e->name);
		break;
	case KIND_DATA:
		fprintf(f, ".It Va %s\n", e->name);
		break;
	default:
		fprintf(f, ".It Fn %s\n", e->name);
		break;
	}
	if (any(e->cmd, m->nr_cmds)) {
		fputs("Commands:\n", f);
		emit_commands_of(f, m, e->cmd, ".");
	}
	if (e->nr_events) {
		fputs(e->nr_events > 1 ? "Tracepoints:\n" : "Tracepoint:\n", f);
		for (k = 0; k < e->nr_events; k++)
			fprintf(f, ".Li %s %s\n", trace_event_name((enum trace_event_id)e->events[k]),
				k == e->nr_events - 1 ? "." : ",");
	}
	if (e->kind == KIND_FUNCTION)
		fputs(e->steps ? "Steps: yes.\n" : "Steps: no.\n", f);
}

static void emit_functions(FILE *f, struct model *m)
{
	struct entry **list = calloc(m->n ? m->n : 1, sizeof(*list));
	size_t i, j, k;

	if (!list) {
		fputs("mkman: out of memory\n", m->err);
		exit(1);
	}
	for (i = 0; i <= NR_KERNEL_FILES; i++) {
		const struct kernel_file *file = i < NR_KERNEL_FILES ? &kernel_files[i] : NULL;

		for (j = k = 0; j < m->n; j++)
			if (m->e[j].file == file)
				list[k++] = &m->e[j];
		if (k == 0)
			continue;
		qsort(list, k, sizeof(*list), cmp_entry);
		if (file) {
			fprintf(f, ".Ss %s\n", file->path);
			emit_text(f, file->about, strlen(file->about));
			fputc('\n', f);
		} else {
			fputs(".Ss Not yet placed\nNames whose source file the generator does not "
			      "know yet.\n", f);
		}
		fputs(".Bl -tag -width Ds\n", f);
		for (j = 0; j < k; j++)
			emit_entry(f, m, list[j]);
		fputs(".El\n", f);
	}
	free(list);
}

static const char *header_of(const char *event)
{
	size_t i;

	for (i = 0; i < sizeof(event_headers) / sizeof(event_headers[0]); i++)
		if (strncmp(event, event_headers[i].prefix, strlen(event_headers[i].prefix)) == 0)
			return event_headers[i].header;
	return NULL;
}

static void emit_tracepoints(FILE *f, struct model *m)
{
	const char *header = NULL;
	int id;
	size_t i;

	for (id = 0; id < NR_TRACE_EVENTS; id++) {
		const char *name = trace_event_name((enum trace_event_id)id);
		const char *h = header_of(name);
		int nr_sites = 0, k = 0;

		if (!h) {
			problem(m, "the tracepoint '%s' has no header in event_headers[] of "
				"src/shell/mkman_kernel.c", name);
			h = "include/trace/events/";
		}
		if (!header || strcmp(header, h) != 0) {
			if (header)
				fputs(".El\n", f);
			header = h;
			fprintf(f, ".Ss %s\n.Bl -tag -width Ds\n", h);
		}
		fprintf(f, ".It Li %s\n", name);
		for (i = 0; i < sizeof(fired_in) / sizeof(fired_in[0]); i++)
			nr_sites += strcmp(fired_in[i].event, name) == 0;
		if (nr_sites == 0)
			problem(m, "the tracepoint '%s' has no row in fired_in[] of "
				"src/shell/mkman_kernel.c", name);
		else
			fputs("Fired in\n", f);
		for (i = 0; i < sizeof(fired_in) / sizeof(fired_in[0]); i++) {
			if (strcmp(fired_in[i].event, name) != 0)
				continue;
			k++;
			fprintf(f, ".Fn %s%s\n%s", fired_in[i].function,
				k == nr_sites ? " ." : k == nr_sites - 1 ? "" : " ,",
				k == nr_sites - 1 ? "and\n" : "");
		}
		if (any(m->ev_cmd[id], m->nr_cmds)) {
			fputs("Commands:\n", f);
			emit_commands_of(f, m, m->ev_cmd[id], ".");
		}
		fprintf(f, "Shown by\n.Ic trace on %s .\n", name);
	}
	if (header)
		fputs(".El\n", f);
}

/* ---- /proc and /sys ----------------------------------------------------------------- */

struct file_ref {
	char path[128];
	char command[96];          /* what to type */
	char what[200];
};

#define MAX_FILE_REFS 256

static int cmp_file_ref(const void *a, const void *b)
{
	const struct file_ref *x = a, *y = b;
	int c = strcmp(x->path, y->path);

	return c ? c : strcmp(x->command, y->command);
}

/* "/proc/sys/vm/NAME": a placeholder for every sysctl, which are listed one by one. */
static bool sysctl_placeholder(const char *p, size_t len)
{
	size_t i;

	if (len <= 13 || strncmp(p, "/proc/sys/vm/", 13) != 0)
		return false;
	for (i = 13; i < len; i++)
		if (!(p[i] >= 'A' && p[i] <= 'Z'))
			return false;
	return true;
}

static size_t add_ref(struct file_ref *refs, size_t n, const char *path, size_t len,
		      const char *command, const char *what)
{
	size_t i;

	if (n == MAX_FILE_REFS || len >= sizeof(refs[0].path))
		return n;
	for (i = 0; i < n; i++)
		if (strlen(refs[i].path) == len && strncmp(refs[i].path, path, len) == 0 &&
		    strcmp(refs[i].command, command) == 0)
			return n;
	snprintf(refs[n].path, sizeof(refs[n].path), "%.*s", (int)len, path);
	snprintf(refs[n].command, sizeof(refs[n].command), "%s", command);
	snprintf(refs[n].what, sizeof(refs[n].what), "%s", what);
	return n + 1;
}

/* Paths under /proc and /sys that a command's syntax, summary or help names. */
static size_t scan_paths(const struct command *c, struct file_ref *refs, size_t n)
{
	const char *texts[3] = { c->syntax, c->summary, c->help };
	size_t t;

	for (t = 0; t < 3; t++) {
		const char *p = texts[t];

		while ((p = strchr(p, '/')) != NULL) {
			size_t len = 0;

			if (strncmp(p, "/proc/", 6) != 0 && strncmp(p, "/sys/", 5) != 0) {
				p++;
				continue;
			}
			while (is_ident_char(p[len]) || p[len] == '/' || p[len] == '-' ||
			       (p[len] == '.' && is_ident_char(p[len + 1])))
				len++;
			if (!sysctl_placeholder(p, len))
				n = add_ref(refs, n, p, len, c->name, c->summary);
			p += len;
		}
	}
	return n;
}

static void emit_files(FILE *f, struct model *m)
{
	struct file_ref *refs = calloc(MAX_FILE_REFS, sizeof(*refs));
	size_t n = 0, i, nr_sysctls;
	const struct sysctl_entry *sysctls = sysctl_table(&nr_sysctls);
	char why[200];

	if (!refs) {
		fputs("mkman: out of memory\n", m->err);
		exit(1);
	}
	for (i = 0; i < m->nr_cmds; i++)
		n = scan_paths(&m->cmds[i], refs, n);
	if (!find_command("sysctl", why, sizeof(why)))
		problem(m, "the command table has no sysctl command");
	for (i = 0; i < nr_sysctls; i++) {
		char path[128], command[96];

		snprintf(path, sizeof(path), "/proc/sys/vm/%s", sysctls[i].name);
		snprintf(command, sizeof(command), "sysctl vm.%s", sysctls[i].name);
		n = add_ref(refs, n, path, strlen(path), command, sysctls[i].help);
	}
	for (i = 0; i < sizeof(interfaces) / sizeof(interfaces[0]); i++) {
		const struct command *c = find_command(interfaces[i].command, why, sizeof(why));

		if (!c || strcmp(c->name, interfaces[i].command) != 0) {
			problem(m, "interfaces[] of src/shell/mkman_kernel.c names the command "
				"'%s' for %s, which the table lacks", interfaces[i].command,
				interfaces[i].path);
			continue;
		}
		n = add_ref(refs, n, interfaces[i].path, strlen(interfaces[i].path),
			    interfaces[i].command, interfaces[i].what);
	}
	qsort(refs, n, sizeof(*refs), cmp_file_ref);
	fputs(".Bl -tag -width Ds\n", f);
	for (i = 0; i < n; i++) {
		if (i == 0 || strcmp(refs[i].path, refs[i - 1].path) != 0)
			fprintf(f, ".It Pa %s\n", refs[i].path);
		fprintf(f, ".Ic %s :\n", refs[i].command);
		emit_text(f, refs[i].what, strlen(refs[i].what));
		fputs(".\n", f);
		if (i + 1 < n && strcmp(refs[i].path, refs[i + 1].path) == 0)
			fputs(".br\n", f);
	}
	fputs(".El\n", f);
	free(refs);
}

/* ---- the template -------------------------------------------------------------------- */

int mkman_kernel(const char *path, FILE *out, FILE *err)
{
	static struct model m;
	char line[4096];
	FILE *in = fopen(path, "r");
	size_t i;

	if (!in) {
		fprintf(err, "mkman: %s: %s\n", path, strerror(errno));
		return 1;
	}
	memset(&m, 0, sizeof(m));
	m.err = err;
	m.e = calloc(MAX_ENTRIES, sizeof(*m.e));
	if (!m.e) {
		fclose(in);
		fputs("mkman: out of memory\n", err);
		return 1;
	}
	build(&m);
	while (fgets(line, sizeof(line), in)) {
		if (strcmp(line, "@FUNCTIONS@\n") == 0)
			emit_functions(out, &m);
		else if (strcmp(line, "@TRACEPOINTS@\n") == 0)
			emit_tracepoints(out, &m);
		else if (strcmp(line, "@FILES@\n") == 0)
			emit_files(out, &m);
		else
			fputs(line, out);
	}
	fclose(in);
	for (i = 0; i < m.n; i++)
		free((char *)m.e[i].name);
	free(m.e);
	return 0;
}
