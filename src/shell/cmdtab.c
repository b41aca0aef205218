/*
 * src/shell/cmdtab.c: the command table. Every row is the whole truth
 * about one command; help, apropos, completion and mmsh(1) are generated
 * from it, so a command is documented exactly once.
 */
#include <stdio.h>
#include <string.h>

#include "cmdtab.h"

static const struct key_spec alloc_keys[] = {
	{ "gfp", "gfp flags, e.g. GFP_KERNEL|__GFP_NORETRY (default GFP_KERNEL)", COMPLETE_GFP },
	{ "cpu", "the CPU that allocates (default 0)", COMPLETE_CPU },
	{ "node", "the preferred node (default: the CPU's node)", COMPLETE_NODE },
	{ "n", "how many blocks to allocate, one after another (default 1)", COMPLETE_NONE },
	{ NULL, NULL, COMPLETE_NONE },
};

static const struct key_spec disk_keys[] = {
	{ "latency", "jiffies from a write's submission to its completion (1-15000; boot: 10)",
	  COMPLETE_NONE },
	{ NULL, NULL, COMPLETE_NONE },
};

static const struct key_spec cpu_key[] = {
	{ "cpu", "the CPU whose per-CPU list is used (default 0)", COMPLETE_CPU },
	{ NULL, NULL, COMPLETE_NONE },
};

static const struct key_spec drain_keys[] = {
	{ "cpu", "a CPU number, or all", COMPLETE_CPU },
	{ NULL, NULL, COMPLETE_NONE },
};

static const struct key_spec zone_keys[] = {
	{ "zone", "a zone name: DMA, DMA32, Normal or Movable", COMPLETE_ZONE },
	{ "node", "a node number", COMPLETE_NODE },
	{ NULL, NULL, COMPLETE_NONE },
};

static const struct key_spec bitmap_keys[] = {
	{ "zone", "a zone name: DMA, DMA32, Normal or Movable", COMPLETE_ZONE },
	{ "node", "a node number", COMPLETE_NODE },
	{ "order", "one order only", COMPLETE_NONE },
	{ NULL, NULL, COMPLETE_NONE },
};

static const struct key_spec map_keys[] = {
	{ "zone", "a zone name: DMA, DMA32, Normal or Movable", COMPLETE_ZONE },
	{ "node", "a node number", COMPLETE_NODE },
	{ "per", "pages per character (default: fit about 64 lines per zone)", COMPLETE_NONE },
	{ NULL, NULL, COMPLETE_NONE },
};

static const struct key_spec lesson_keys[] = {
	{ "step", "lesson start: the step to start at (default: where you left it)",
	  COMPLETE_NONE },
	{ NULL, NULL, COMPLETE_NONE },
};

static const struct key_spec plot_keys[] = {
	{ "zone", "a zone name: DMA, DMA32, Normal or Movable", COMPLETE_ZONE },
	{ "node", "a node number", COMPLETE_NODE },
	{ "order", "one order only", COMPLETE_NONE },
	{ NULL, NULL, COMPLETE_NONE },
};

static const struct key_spec save_keys[] = {
	{ "zone", "a zone name: DMA, DMA32, Normal or Movable", COMPLETE_ZONE },
	{ "node", "a node number", COMPLETE_NODE },
	{ "per", "memory: pages per cell of the map (default: at most 32 rows per zone)",
	  COMPLETE_NONE },
	{ "order", "plot: one order only", COMPLETE_NONE },
	{ NULL, NULL, COMPLETE_NONE },
};

/* step passes its keys to the command it steps. */
static const struct key_spec step_keys[] = {
	{ "*", "the keys of the command being stepped", COMPLETE_NONE },
	{ NULL, NULL, COMPLETE_NONE },
};

/* sysctl takes vm.NAME=VALUE: any key is a sysctl name. */
static const struct key_spec sysctl_keys[] = {
	{ "*", "vm.NAME=VALUE sets a sysctl", COMPLETE_SYSCTL },
	{ NULL, NULL, COMPLETE_NONE },
};

static const struct key_spec no_keys[] = {
	{ NULL, NULL, COMPLETE_NONE },
};

static const struct key_spec task_keys[] = {
	{ "oom_score_adj", "-1000 (never kill) to 1000 (kill first); default 0", COMPLETE_NONE },
	{ NULL, NULL, COMPLETE_NONE },
};

static const struct key_spec fault_keys[] = {
	{ "offset", "the first page of the file to map (file mappings)", COMPLETE_NONE },
	{ "exec", "1: an executable mapping (VM_EXEC), as program text is", COMPLETE_ONOFF },
	{ NULL, NULL, COMPLETE_NONE },
};

static const struct key_spec offset_keys[] = {
	{ "offset", "the first page (default 0)", COMPLETE_NONE },
	{ NULL, NULL, COMPLETE_NONE },
};

static const struct key_spec workload_keys[] = {
	{ "ops", "random and zipf: how many one-page reads (default PAGES)", COMPLETE_NONE },
	{ "passes", "seq: how many passes over the file (default 1)", COMPLETE_NONE },
	{ "seed", "reseed the generator (default: --seed, then where it left off)", COMPLETE_NONE },
	{ NULL, NULL, COMPLETE_NONE },
};

static const struct key_spec kswapd_keys[] = {
	{ "node", "the node whose kswapd runs (default 0)", COMPLETE_NODE },
	{ "order", "the order to balance for (default 0)", COMPLETE_NONE },
	{ NULL, NULL, COMPLETE_NONE },
};

static const struct key_spec shrink_keys[] = {
	{ "nr", "pages to scan (default SWAP_CLUSTER_MAX, 32)", COMPLETE_NONE },
	{ "priority", "scan priority 0-12 (default DEF_PRIORITY, 12)", COMPLETE_NONE },
	{ "node", "the node (default 0)", COMPLETE_NODE },
	{ NULL, NULL, COMPLETE_NONE },
};

static const struct key_spec reclaim_keys[] = {
	{ "gfp", "the gfp flags of the reclaimer (default GFP_KERNEL)", COMPLETE_GFP },
	{ NULL, NULL, COMPLETE_NONE },
};

static const struct key_spec compact_keys[] = {
	{ "order", "compact for this order (default: the whole zone, as compact_memory)", COMPLETE_NONE },
	{ "zone", "one zone only: DMA, DMA32, Normal or Movable", COMPLETE_ZONE },
	{ "node", "the node (default 0)", COMPLETE_NODE },
	{ NULL, NULL, COMPLETE_NONE },
};

static const struct key_spec node_key[] = {
	{ "node", "a node number", COMPLETE_NODE },
	{ NULL, NULL, COMPLETE_NONE },
};

static const char *const task_words[] = { "new", "list", "kill", "set", NULL };
static const char *const kswapd_words[] = { "step", NULL };
static const char *const lru_words[] = {
	"inactive_anon", "active_anon", "inactive_file", "active_file", NULL,
};
static const char *const workload_words[] = {
	"seq", "random", "zipf", "streaming-read", "anon-grow", NULL,
};
static const char *const onoff_words[] = { "on", "off", NULL };
static const char *const madvise_words[] = { "cold", NULL };

static const char *const free_words[] = { "all", NULL };
static const char *const drain_words[] = { "all", NULL };
static const char *const trace_words[] = { "on", "off", NULL };
static const char *const set_words[] = { "paranoid", "output", NULL };
static const char *const check_words[] = { "quick", NULL };
static const char *const why_words[] = { "all", NULL };
static const char *const save_words[] = { "svg", NULL };
static const char *const lesson_words[] = { "list", "start", "quit", "check", NULL };
static const char *const quiz_words[] = {
	"pfn", "buddyinfo", "kswapd", "lru", "pcp", "watermark", "score", "off", NULL,
};

static const struct key_spec quiz_keys[] = {
	{ "seed", "the seed that makes the question (default: the next of the session's)",
	  COMPLETE_NONE },
	{ NULL, NULL, COMPLETE_NONE },
};

static const struct command table[] = {
	/* ---- allocation and freeing ---- */
	{ "alloc", "Allocation and freeing",
	  "alloc [ORDER] [gfp=FLAGS] [cpu=N] [node=N] [n=COUNT]",
	  "allocate 2^ORDER pages the way alloc_pages() does",
	  "Runs __alloc_pages_nodemask() for a block of 2^ORDER pages (ORDER 0 to "
	  "MAX_ORDER-1, default 0) on CPU N, preferring the CPU's node or node=N. "
	  "Each block handed out prints one line:\n"
	  "\n"
	  "pfn=0x1000 order=0 zone=Normal migratetype=Unmovable via=pcp\n"
	  "\n"
	  "via=pcp means the page came off the CPU's per-CPU list (order 0 only; a "
	  "refill from the buddy lists happens first when the list is empty); "
	  "via=buddy means it was taken from the zone's free_area lists.\n"
	  "\n"
	  "The fast path, get_page_from_freelist(), walks the zonelist from the "
	  "highest zone the gfp flags allow and takes from the first zone whose free "
	  "pages stay above the low watermark plus its lowmem protection. If every "
	  "zone fails, __alloc_pages_slowpath() of 5.10 runs, step by step:\n"
	  "\n"
	  "1. wake_all_kswapds(): every node's kswapd is asked to balance its zones "
	  "(it runs when time passes: tick).\n"
	  "2. retry at the min watermark (gfp_to_alloc_flags): GFP_ATOMIC gets ALLOC_HIGH "
	  "and ALLOC_HARDER and may go a further 62.5% lower.\n"
	  "3. costly orders (above 3) and unmovable high orders that may sleep try direct "
	  "compaction first, asynchronously; a costly __GFP_NORETRY request whose "
	  "compaction was skipped or deferred fails here.\n"
	  "4. the retry loop: wake kswapd again; __GFP_MEMALLOC, a reclaimer "
	  "(PF_MEMALLOC) or an OOM victim may use the reserves; try the free lists.\n"
	  "5. requests without __GFP_DIRECT_RECLAIM (GFP_NOWAIT, GFP_ATOMIC) fail here.\n"
	  "6. direct reclaim: try_to_free_pages() (see reclaim), then the free lists, "
	  "then once more after drain_all_pages().\n"
	  "7. direct compaction at the current priority (orders above 0).\n"
	  "8. __GFP_NORETRY fails now; so does a costly order without __GFP_RETRY_MAYFAIL.\n"
	  "9. should_reclaim_retry(): retry while some zone would pass its min watermark "
	  "if everything reclaimable were reclaimed, at most MAX_RECLAIM_RETRIES (16) "
	  "times in a row without progress; with mostly dirty or writeback pages, wait "
	  "HZ/10 for the disk first.\n"
	  "10. should_compact_retry(): retry while compaction progresses, raising its "
	  "priority after failures.\n"
	  "11. __alloc_pages_may_oom(): one last try at the high watermark, then the "
	  "OOM killer (see oom), except for orders above 3, __GFP_RETRY_MAYFAIL, "
	  "__GFP_THISNODE and DMA/DMA32-only requests; a request without __GFP_FS "
	  "(GFP_NOFS, GFP_NOIO) never kills but counts as progress and loops. With "
	  "no task to kill the kernel panics (reset starts again).\n"
	  "12. __GFP_NOFAIL never fails: ALLOC_HARDER reserves, then the loop again.\n"
	  "\n"
	  "A request the modelled kernel refuses is a result, not an error: mmsh prints "
	  "'alloc: order-N allocation failed, gfp=FLAGS', the reason, and, unless "
	  "__GFP_NOWARN, the kernel's warn_alloc() report with show_mem()'s summary. "
	  "The kernel would loop for ever in a few cases (__GFP_NOFAIL, GFP_NOFS with "
	  "nothing to reclaim); mmsh stops after 100 rounds and says so. The alloc "
	  "command allocates as a kernel thread would: it has no memory the OOM killer "
	  "could take, and time passes only with tick (or a task's work).\n"
	  "\n"
	  "Flags: GFP_KERNEL, GFP_ATOMIC, GFP_NOWAIT, GFP_NOIO, GFP_NOFS, GFP_USER, "
	  "GFP_HIGHUSER, GFP_HIGHUSER_MOVABLE, GFP_DMA, GFP_DMA32, GFP_TRANSHUGE, "
	  "GFP_TRANSHUGE_LIGHT, GFP_KERNEL_ACCOUNT, joined with | to modifiers such as "
	  "__GFP_NORETRY, __GFP_RETRY_MAYFAIL, __GFP_NOFAIL, __GFP_NOWARN, __GFP_ZERO, "
	  "__GFP_COMP, __GFP_RECLAIMABLE, __GFP_MOVABLE, __GFP_HIGH, __GFP_MEMALLOC, "
	  "__GFP_NOMEMALLOC or __GFP_THISNODE, or a number such as 0xcc0. 'gfp FLAGS' "
	  "decodes a mask.",
	  "__alloc_pages_nodemask, prepare_alloc_pages, get_page_from_freelist, "
	  "zone_watermark_fast, __zone_watermark_ok, rmqueue, rmqueue_pcplist, "
	  "__rmqueue_pcplist, rmqueue_bulk, __rmqueue, __rmqueue_smallest, expand, "
	  "__rmqueue_fallback, find_suitable_fallback, steal_suitable_fallback, "
	  "move_freepages_block, move_freepages, boost_watermark, "
	  "reserve_highatomic_pageblock, unreserve_highatomic_pageblock, "
	  "__alloc_pages_slowpath, gfp_to_alloc_flags, __gfp_pfmemalloc_flags, "
	  "wake_all_kswapds, __alloc_pages_direct_compact, try_to_compact_pages, "
	  "compaction_capture, "
	  "__alloc_pages_direct_reclaim, should_reclaim_retry, should_compact_retry, "
	  "__alloc_pages_may_oom, __alloc_pages_cpuset_fallback, warn_alloc; tracepoints "
	  "mm_page_alloc, mm_page_alloc_zone_locked, mm_page_alloc_extfrag, "
	  "reclaim_retry_zone, compact_retry",
	  "alloc 3 gfp=GFP_ATOMIC n=2",
	  alloc_keys, COMPLETE_NONE, COMPLETE_NONE, NULL, 0, 1, cmd_alloc, true },
	{ "free", "Allocation and freeing",
	  "free PFN [ORDER] [cpu=N] | free all [cpu=N]",
	  "free a block that alloc handed out, as __free_pages() does",
	  "Frees the block whose first page is PFN (decimal or 0x hex). The order is "
	  "known from the allocation; if given, it must match. An order-0 page goes to "
	  "the head of CPU N's per-CPU list (free_unref_page), and when the list reaches "
	  "pcp->high, free_pcppages_bulk() gives pcp->batch pages back to the buddy "
	  "lists. A larger block goes straight to __free_one_page(), which merges it "
	  "with its buddy for as long as the buddy is a free block of the same order in "
	  "the same zone. The line printed says where the pages went: to=pcp, or "
	  "to=buddy with the block they ended up in.\n"
	  "\n"
	  "'free all' frees every block alloc handed out, oldest first.",
	  "__free_pages, free_the_page, free_unref_page, free_unref_page_commit, "
	  "free_pcppages_bulk, __free_pages_ok, free_one_page, __free_one_page, "
	  "page_is_buddy, buddy_merge_likely; tracepoints mm_page_free, mm_page_pcpu_drain",
	  "free 0x1000",
	  cpu_key, COMPLETE_WORDS, COMPLETE_NONE, free_words, 1, 2, cmd_free, true },
	{ "drain", "Allocation and freeing",
	  "drain [cpu=N|all] | drain all",
	  "give per-CPU pages back to the buddy lists",
	  "drain_local_pages() on CPU N (default 0) or, with 'all', drain_all_pages(), "
	  "which runs drain_local_pages() on every CPU that holds per-CPU pages (mmsh "
	  "runs them in CPU order). Each zone's pages leave through free_pcppages_bulk(), "
	  "coldest first, visiting the lists round robin.",
	  "drain_local_pages, drain_all_pages, drain_pages, drain_pages_zone, "
	  "free_pcppages_bulk; tracepoint mm_page_pcpu_drain",
	  "drain all",
	  drain_keys, COMPLETE_WORDS, COMPLETE_NONE, drain_words, 0, 1, cmd_drain, true },

	/* ---- tasks, files and time ---- */
	{ "task", "Tasks, files and time",
	  "task new|list|kill|set [NAME] [oom_score_adj=N]",
	  "create, list, kill or adjust the simulated processes",
	  "'task new NAME [oom_score_adj=N]', 'task list', 'task kill NAME', 'task set "
	  "NAME oom_score_adj=N'. "
	  "A task is a simulated process: an anonymous memory area that fault grows, "
	  "mappings of files, and the mm counters the OOM killer reads (rss_anon, "
	  "rss_file, swapents). 'task new' creates one with pid 1001, 1002...; 'task "
	  "list' shows each with its pages, its oom_score_adj and its /proc/PID/oom_score "
	  "(0-2000, from oom_badness()); 'task kill' ends it as SIGKILL would: every "
	  "page is unmapped and freed unless a cache keeps it, every swap entry freed; "
	  "'task set' changes oom_score_adj (-1000 means never kill).",
	  "exit_mmap, zap_pte_range, free_swap_and_cache, oom_badness, proc_oom_score",
	  "task new db oom_score_adj=500",
	  task_keys, COMPLETE_WORDS, COMPLETE_NONE, task_words, 0, 2, cmd_task, false },
	{ "fault", "Tasks, files and time",
	  "fault TASK anon N | fault TASK file FILE N [offset=K] [exec=1]",
	  "page faults: N new anonymous pages, or N pages of a file mapped",
	  "'anon': do_anonymous_page() N times: a zeroed page (GFP_HIGHUSER_MOVABLE|"
	  "__GFP_ZERO) is allocated, filled with the task's data, mapped with a young "
	  "pte, and queued by lru_cache_add_inactive_or_unevictable(): in 5.10 new "
	  "anonymous pages start on the inactive anon list (the active one before 5.9), "
	  "or on the unevictable list in an mlocked task. 'file': filemap_fault() for N "
	  "pages of FILE from offset K: a page not in the page cache is read from disk; "
	  "each is mapped young; exec=1 makes the mapping VM_EXEC, which reclaim treats "
	  "as program text (kept active while referenced). Allocation may reclaim, "
	  "compact or call the OOM killer, as the slow path decides (help alloc). Sizes "
	  "like 4M mean pages of that many bytes.",
	  "do_anonymous_page, alloc_page_vma, lru_cache_add_inactive_or_unevictable, "
	  "page_add_new_anon_rmap, filemap_fault, page_add_file_rmap, do_swap_page",
	  "fault app anon 4096",
	  fault_keys, COMPLETE_NONE, COMPLETE_NONE, NULL, 3, 4, cmd_fault, true },
	{ "read", "Tasks, files and time", "read FILE N [offset=K]",
	  "read N pages of a file through the page cache",
	  "A buffered read of N pages from offset K (files are created on first use, "
	  "their contents known to mmsh page by page). Missing pages are added to the "
	  "page cache locked, 32 at a time (the readahead window), read in one I/O and "
	  "unlocked; then each page read is marked accessed: the first read leaves a "
	  "page inactive and PG_referenced, a second read activates it "
	  "(mark_page_accessed's two-touch rule). A page evicted before and read again "
	  "may start on the active list if its refault distance is short "
	  "(workingset_refault).",
	  "generic_file_buffered_read, page_cache_ra_unbounded, add_to_page_cache_lru, "
	  "lru_cache_add, mark_page_accessed, __lru_cache_activate_page, __activate_page, "
	  "workingset_refault",
	  "read data 1000",
	  offset_keys, COMPLETE_NONE, COMPLETE_NONE, NULL, 2, 2, cmd_read, true },
	{ "write", "Tasks, files and time", "write FILE N [offset=K]",
	  "write N pages of a file: new data, dirty pages",
	  "A buffered write of N whole pages from offset K: each page is found in or "
	  "added to the page cache (with __GFP_WRITE; no read is needed for whole "
	  "pages), given new data and made dirty (nr_dirty grows). 5.10's write path "
	  "does not mark the page accessed. When dirty pages pass the midpoint between "
	  "the background and dirty limits (vm.dirty_background_ratio, vm.dirty_ratio "
	  "of the dirtyable memory) the writer starts writeback and waits for it "
	  "(balance_dirty_pages); above the background limit the flusher writes back "
	  "on every tick.",
	  "generic_perform_write, grab_cache_page_write_begin, set_page_dirty, "
	  "account_page_dirtied, balance_dirty_pages, global_dirty_limits, node_dirty_ok",
	  "write log 64",
	  offset_keys, COMPLETE_NONE, COMPLETE_NONE, NULL, 2, 2, cmd_write, true },
	{ "touch", "Tasks, files and time", "touch PFN|TASK|FILE ...",
	  "access pages: young ptes, swap-ins, mark_page_accessed",
	  "A TASK touches all its memory: present pages get a young pte (what the MMU "
	  "does on access), swapped-out pages are read back (do_swap_page, with their "
	  "data intact), file pages missing from its mappings are faulted in. A FILE is "
	  "read again: mark_page_accessed() on every cached page. A PFN is touched by "
	  "its owner: through its ptes if it is mapped, else by mark_page_accessed().",
	  "do_swap_page, swapin_readahead, mark_page_accessed, activate_page, "
	  "__activate_page, ptep_test_and_clear_young",
	  "touch app data",
	  no_keys, COMPLETE_NONE, COMPLETE_NONE, NULL, 1, 16, cmd_touch, true },
	{ "munmap", "Tasks, files and time", "munmap TASK [N]",
	  "unmap the last N anonymous pages of a task, or everything",
	  "zap_pte_range() over the top N pages of the task's anonymous area (all of its "
	  "memory, file mappings included, without N): VM_LOCKED pages are munlocked "
	  "first (munlock_vma_pages_range()); mapped pages lose the pte, swap entries "
	  "free their slots, and the pages are gathered in an mmu_gather (a first batch "
	  "of 8, then batches of 510) and released batch by batch when the TLB is "
	  "flushed: release_pages() frees those whose last reference that was, the last "
	  "gathered first. An mlocked task stays mlocked for its later faults.",
	  "unmap_page_range, zap_pte_range, page_remove_rmap, tlb_flush_mmu, "
	  "free_pages_and_swap_cache, release_pages, free_unref_page_list, "
	  "free_swap_and_cache",
	  "munmap app 100",
	  no_keys, COMPLETE_NONE, COMPLETE_NONE, NULL, 1, 2, cmd_munmap, true },
	{ "madvise", "Tasks, files and time", "madvise TASK cold",
	  "madvise(MADV_COLD) over a task's memory: deactivate its pages",
	  "madvise_cold_or_pageout_pte_range() over all of the task's mappings: every "
	  "present page that no other task maps gets an old pte, loses PG_referenced "
	  "and is queued for deactivate_page(), which moves an active page to the head "
	  "of its inactive list when the lru_deactivate pagevec drains (pgdeactivate). "
	  "An mlocked task's mappings are skipped.",
	  "madvise_cold, madvise_cold_or_pageout_pte_range, deactivate_page, "
	  "lru_deactivate_fn",
	  "madvise app cold",
	  no_keys, COMPLETE_NONE, COMPLETE_WORDS, madvise_words, 2, 2, cmd_madvise, true },
	{ "truncate", "Tasks, files and time", "truncate FILE",
	  "truncate a file to 0: its page cache goes",
	  "truncate_inode_pages(): every page of FILE is unmapped from the tasks "
	  "mapping it, waits for writeback in flight, loses its dirty data and leaves "
	  "the page cache; the file is empty afterwards.",
	  "truncate_inode_pages_range, unmap_mapping_range, delete_from_page_cache",
	  "truncate log",
	  no_keys, COMPLETE_NONE, COMPLETE_NONE, NULL, 1, 1, cmd_truncate, true },
	{ "mlock", "Tasks, files and time", "mlock TASK [on|off]",
	  "mlockall(): make a task's pages unevictable (off: munlockall)",
	  "Every vma of the task becomes VM_LOCKED and is populated in address order "
	  "(follow_page_pte() with FOLL_MLOCK): a swapped-out page is read back, and "
	  "each page, after this CPU's pagevecs are drained, is mlocked (PG_mlocked, "
	  "nr_mlock, unevictable_pgs_mlocked) and put back through the lru_add pagevec, "
	  "which culls it to the unevictable list. Later faults start there. 'off' "
	  "munlocks in batches of up to 15 pages (__munlock_pagevec()): a page mapped "
	  "once goes straight back to an evictable list (unevictable_pgs_munlocked, "
	  "unevictable_pgs_rescued), one another locked mapping holds stays mlocked, "
	  "and one that cannot be isolated (still in a pagevec) only loses PG_mlocked. "
	  "A page reclaim finds in a VM_LOCKED mapping it has not seen mlocked is "
	  "mlocked by try_to_unmap() and culled to the unevictable list.",
	  "mlock_fixup, populate_vma_page_range, follow_page_pte, mlock_vma_page, "
	  "munlock_vma_pages_range, __munlock_pagevec, lru_add_drain_cpu, "
	  "__pagevec_lru_add_fn",
	  "mlock db",
	  no_keys, COMPLETE_NONE, COMPLETE_WORDS, onoff_words, 1, 2, cmd_mlock, true },
	{ "sync", "Tasks, files and time", "sync",
	  "write back every dirty page and wait for the disk",
	  "Starts writeback of every dirty file page (clear_page_dirty_for_io, "
	  "PG_writeback) and lets time pass until the disk has written them all. The "
	  "disk completes a write 10 jiffies (40 ms) after it is submitted.",
	  "ksys_sync, wakeup_flusher_threads, sync_inodes_sb, write_cache_pages, "
	  "end_page_writeback",
	  "sync",
	  no_keys, COMPLETE_NONE, COMPLETE_NONE, NULL, 0, 0, cmd_sync, true },
	{ "tick", "Tasks, files and time", "tick [N]",
	  "let N jiffies (default 1) of simulated time pass",
	  "HZ is 250, so a jiffy is 4 ms. Each jiffy: writes due complete "
	  "(end_page_writeback; a page reclaim marked PG_reclaim is rotated to the "
	  "inactive tail), the flusher starts writeback above the background dirty "
	  "limit, a woken kswapd runs balance_pgdat() once, and a woken kcompactd "
	  "compacts. Time also passes when tasks work (1 us per page they touch) and "
	  "by 1 us per tracepoint, and while reclaim sleeps (congestion_wait, "
	  "throttling); those jiffies run at the next chance.",
	  "wake_up_interruptible, kswapd, kcompactd, kcompactd_do_work, "
	  "end_page_writeback, wb_workfn, schedule_timeout",
	  "tick 25",
	  no_keys, COMPLETE_NONE, COMPLETE_NONE, NULL, 0, 1, cmd_tick, true },
	{ "disk", "Tasks, files and time", "disk [latency=N]",
	  "the disk: its write latency and the writes in flight",
	  "Shows how long a write takes (HZ is 250: a jiffy is 4 ms) and every write "
	  "still in flight, oldest first: the page, the file page or swap slot it "
	  "writes, and the jiffy it completes at. Writes come from the flusher, from "
	  "reclaim (pageout: swap-outs, and dirty file pages kswapd writes itself), "
	  "from balance_dirty_pages() and from sync; when one completes, "
	  "end_page_writeback() clears PG_writeback and rotates a page reclaim marked "
	  "PG_reclaim to the inactive tail. latency=N sets the time writes submitted "
	  "from now on take; writes in flight keep theirs.",
	  "submit_bio, end_page_writeback, rotate_reclaimable_page, pagevec_move_tail_fn",
	  "disk latency=50",
	  disk_keys, COMPLETE_NONE, COMPLETE_NONE, NULL, 0, 0, cmd_disk, false },
	{ "workload", "Tasks, files and time",
	  "workload KIND FILE|TASK PAGES [ops=N] [passes=N] [seed=N]",
	  "seeded access patterns that fill and churn the LRU lists",
	  "KIND is seq, random, zipf or streaming-read over a FILE, or anon-grow of a "
	  "TASK. seq: passes sequential reads over the first PAGES pages of FILE (a second "
	  "pass activates what stayed cached). streaming-read: one pass, pages used "
	  "once (they should be the first to go). random: ops one-page reads at "
	  "uniformly random offsets. zipf: ops reads at Zipf-distributed offsets (s = 1: "
	  "offset 0 is the hottest), a working set reclaim should protect. anon-grow: "
	  "the task (created if needed) faults PAGES more anonymous pages. The random "
	  "choices come from --seed (or seed=N), so runs repeat exactly.",
	  "(the read and fault paths)",
	  "workload zipf data 5000 ops=20000",
	  workload_keys, COMPLETE_WORDS, COMPLETE_NONE, workload_words, 3, 3, cmd_workload, true },

	/* ---- reclaim ---- */
	{ "kswapd", "Reclaim, compaction and OOM", "kswapd [step] [node=N] [order=N]",
	  "run kswapd's balance_pgdat() until kswapd sleeps, or one step",
	  "Calls wakeup_kswapd() for the node's highest zone as an allocation of that "
	  "order would: kswapd wakes only if the node has no zone at its high watermark "
	  "(or a boosted one) and has not failed MAX_RECLAIM_RETRIES times. Then time "
	  "passes until kswapd sleeps again: each jiffy it runs balance_pgdat() from "
	  "DEF_PRIORITY (12) down to 1, calling shrink_node() to reclaim the zones' high "
	  "watermarks' worth, until one eligible zone is balanced; then it naps HZ/10 "
	  "(kswapd_try_to_sleep), wakes kcompactd for high orders, and sleeps for good "
	  "if the node stayed balanced (kswapd_low/high_wmark_hit_quickly count the "
	  "other cases). A pass that reclaims nothing counts kswapd_failures.\n\n"
	  "'kswapd step' stops after one balance_pgdat() and shows it pass by pass. "
	  "Each pass asks shrink_node() for the sum of the eligible zones' high "
	  "watermarks (at least SWAP_CLUSTER_MAX each); the line shows the priority, "
	  "get_scan_count()'s choice (SCAN_FILE when the inactive cache is big and not "
	  "thrashing, SCAN_FRACT with the anon:file weights from vm.swappiness and the "
	  "recent reclaim costs, SCAN_ANON when the cache is tiny, SCAN_EQUAL at "
	  "priority 0), nr= the pages it asked from the inactive anon, active anon, "
	  "inactive file and active file lists (size >> priority, weighted), what was "
	  "scanned and reclaimed, and the eligible zones' free pages after the pass. A "
	  "pass that scanned less than it asked for lowers the priority (scans more) "
	  "next time.",
	  "wakeup_kswapd, kswapd, balance_pgdat, age_active_anon, kswapd_shrink_node, "
	  "pgdat_balanced, kswapd_try_to_sleep, prepare_kswapd_sleep, wakeup_kcompactd; "
	  "tracepoints mm_vmscan_wakeup_kswapd, "
	  "mm_vmscan_kswapd_wake, mm_vmscan_kswapd_sleep",
	  "kswapd step",
	  kswapd_keys, COMPLETE_WORDS, COMPLETE_NONE, kswapd_words, 0, 1, cmd_kswapd, true },
	{ "shrink", "Reclaim, compaction and OOM",
	  "shrink LRU [nr=N] [priority=P] [node=N]",
	  "shrink_list() on one LRU list: what reclaim decides page by page",
	  "Runs shrink_list() on one list of the node as a direct reclaimer with "
	  "GFP_KERNEL would. An inactive list goes to shrink_inactive_list(): up to nr "
	  "pages are isolated from the tail (oldest first) and shrink_page_list() "
	  "decides each: locked pages are kept; pages under writeback are marked "
	  "PG_reclaim and activated; page_check_references() activates pages young in "
	  "two mappings or referenced twice, keeps pages young once (another round), "
	  "reclaims the rest; anonymous pages get a swap slot (add_to_swap) and are "
	  "unmapped (try_to_unmap); dirty file pages are left to the flusher (only "
	  "kswapd writes them, and only when the node is full of them); dirty swap "
	  "pages are written (pageout) and freed once the write completes; clean "
	  "unmapped pages leave their cache (__remove_mapping) and are freed. An active "
	  "list goes to shrink_active_list(), which moves pages to the inactive list "
	  "(executable file pages that were referenced stay).",
	  "shrink_list, shrink_inactive_list, too_many_isolated, lru_add_drain_cpu, "
	  "isolate_lru_pages, shrink_page_list, page_check_references, page_referenced, "
	  "add_to_swap, try_to_unmap, try_to_unmap_one, try_to_free_swap, pageout, "
	  "__remove_mapping, workingset_eviction, move_pages_to_lru, shrink_active_list; "
	  "tracepoints mm_vmscan_lru_isolate, "
	  "mm_vmscan_lru_shrink_inactive, mm_vmscan_lru_shrink_active, mm_vmscan_writepage",
	  "shrink inactive_file nr=64",
	  shrink_keys, COMPLETE_WORDS, COMPLETE_NONE, lru_words, 1, 1, cmd_shrink, true },
	{ "reclaim", "Reclaim, compaction and OOM", "reclaim N [gfp=FLAGS]",
	  "direct reclaim: try_to_free_pages() until N pages are freed",
	  "Calls try_to_free_pages() as an allocation entering direct reclaim would, "
	  "again while it makes progress, until N pages are reclaimed. Each call counts "
	  "an allocstall, throttles while the node's free pages are below half its min "
	  "watermarks, and shrinks every node of the zonelist at falling priorities "
	  "until SWAP_CLUSTER_MAX (32) pages are reclaimed: get_scan_count() splits "
	  "the scan between anon and file (vm.swappiness), shrink_lruvec() scans each "
	  "list in batches of 32.",
	  "try_to_free_pages, throttle_direct_reclaim, allow_direct_reclaim, "
	  "do_try_to_free_pages, shrink_zones, shrink_node, should_continue_reclaim, "
	  "get_scan_count, shrink_lruvec; tracepoints "
	  "mm_vmscan_direct_reclaim_begin, mm_vmscan_direct_reclaim_end",
	  "reclaim 128",
	  reclaim_keys, COMPLETE_NONE, COMPLETE_NONE, NULL, 1, 1, cmd_reclaim, true },
	{ "compact", "Reclaim, compaction and OOM", "compact [order=N] [zone=Z] [node=N]",
	  "memory compaction: move movable pages to make free blocks",
	  "The migrate scanner walks up from the zone's start and isolates movable pages "
	  "(task and page cache pages), the free scanner walks down from its end and "
	  "isolates free pages, and each movable page is copied to a free one (its owners "
	  "follow: ptes, page cache and swap cache entries), so free memory gathers at "
	  "the start. With order=N it runs as direct compaction for an order-N request "
	  "would (compaction_suitable() first, stopping once a block of that order is "
	  "free); without it, the whole zone is compacted as writing "
	  "/proc/sys/vm/compact_memory does.",
	  "try_to_compact_pages, compaction_deferred, defer_compaction, "
	  "compaction_defer_reset, compact_zone, compaction_suitable, isolate_migratepages, "
	  "isolate_migratepages_block, isolate_freepages, fast_isolate_freepages, "
	  "isolate_freepages_block, __isolate_free_page, migrate_pages, unmap_and_move, "
	  "compact_finished, __compact_finished; tracepoints mm_compaction_*",
	  "compact order=4",
	  compact_keys, COMPLETE_NONE, COMPLETE_NONE, NULL, 0, 0, cmd_compact, true },
	{ "oom", "Reclaim, compaction and OOM", "oom",
	  "run the OOM killer now (sysrq-f)",
	  "As sysrq-f does, a kworker runs out_of_memory() with order -1: every task is "
	  "scored by oom_badness() (rss + swap entries + page tables, plus oom_score_adj "
	  "in thousandths of RAM + swap), the highest is reported (the kernel's "
	  "'invoked oom-killer' header, Mem-Info, the task table, the oom-kill summary) "
	  "and killed; the oom_reaper frees its memory. Ties go to the task created "
	  "later. With no eligible task nothing happens (an allocation would panic).",
	  "out_of_memory, check_panic_on_oom, select_bad_process, oom_evaluate_task, "
	  "oom_badness, oom_kill_process, dump_header, dump_tasks, __oom_kill_process, "
	  "oom_reap_task, oom_reap_task_mm",
	  "oom",
	  no_keys, COMPLETE_NONE, COMPLETE_NONE, NULL, 0, 0, cmd_oom, true },

	/* ---- views ---- */
	{ "buddyinfo", "Views", "buddyinfo",
	  "free blocks per zone and order, as /proc/buddyinfo",
	  "Byte for byte Linux 5.10's /proc/buddyinfo: one line per populated zone with "
	  "free_area[order].nr_free for every order, counting blocks of all "
	  "migratetypes. Pages on per-CPU lists are not included.",
	  "frag_show (mm/vmstat.c)", "buddyinfo",
	  no_keys, COMPLETE_NONE, COMPLETE_NONE, NULL, 0, 0, cmd_buddyinfo, false },
	{ "pagetypeinfo", "Views", "pagetypeinfo",
	  "free blocks and pageblocks by migratetype, as /proc/pagetypeinfo",
	  "Linux 5.10's /proc/pagetypeinfo: the length of every free list by zone, "
	  "migratetype and order, then how many pageblocks of each zone carry each "
	  "migratetype.",
	  "pagetypeinfo_show, pagetypeinfo_showfree, pagetypeinfo_showblockcount",
	  "pagetypeinfo",
	  no_keys, COMPLETE_NONE, COMPLETE_NONE, NULL, 0, 0, cmd_pagetypeinfo, false },
	{ "zoneinfo", "Views", "zoneinfo",
	  "zones, watermarks, protection and PCP lists, as /proc/zoneinfo",
	  "Linux 5.10's /proc/zoneinfo for every zone, in the kernel's layout: per-node "
	  "stats before the node's first populated zone, free pages, the min, low and "
	  "high watermarks (boost included), spanned, present and managed pages, "
	  "protection (lowmem_reserve), the zone and NUMA counters, every CPU's pcp "
	  "count, high and batch, and start_pfn.",
	  "zoneinfo_show_print (mm/vmstat.c)", "zoneinfo",
	  no_keys, COMPLETE_NONE, COMPLETE_NONE, NULL, 0, 0, cmd_zoneinfo, false },
	{ "vmstat", "Views", "vmstat",
	  "the counters mmsh maintains, as /proc/vmstat",
	  "The /proc/vmstat counters the engine maintains, in 5.10's order: the zone "
	  "counters (free pages, the LRU lists per zone, write-pending, mlocked), the "
	  "numa_* counters, the node counters (LRU lists, isolated pages, the "
	  "workingset's refaults and activations, mapped, file, dirty and writeback "
	  "pages, pages reclaim wrote or deferred), nr_dirty_threshold and "
	  "nr_dirty_background_threshold, then the events: pgpgin/pgpgout (kB), "
	  "pswpin/pswpout, pgalloc_<zone>, allocstall_<zone>, pgskip_<zone>, pgfree, "
	  "pgactivate, pgdeactivate, pgfault, pgmajfault, pgrefill, pgsteal and pgscan "
	  "(kswapd, direct, anon, file), kswapd's counters, pgrotated, oom_kill, page "
	  "migration and compaction, and the unevictable_pgs_* counters; then the "
	  "literal nr_unstable 0. Counters of things mmsh does not model (slab, THP, "
	  "page tables) are left out.",
	  "vmstat_show, zone_statistics, __count_zid_vm_events, global_dirty_limits",
	  "vmstat",
	  no_keys, COMPLETE_NONE, COMPLETE_NONE, NULL, 0, 0, cmd_vmstat, false },
	{ "meminfo", "Views", "meminfo",
	  "memory totals, as /proc/meminfo",
	  "The fields of /proc/meminfo that mmsh models: MemTotal (managed pages), "
	  "MemFree (NR_FREE_PAGES, per-CPU pages not included), MemAvailable "
	  "(si_mem_available), the LRU and dirty counters, swap, slab and CMA.",
	  "meminfo_proc_show, si_mem_available", "meminfo",
	  no_keys, COMPLETE_NONE, COMPLETE_NONE, NULL, 0, 0, cmd_meminfo, false },
	{ "free_area", "Views", "free_area [zone=Z] [node=N]",
	  "the free lists themselves, block by block",
	  "Every free list of every populated zone (or of zone Z), from head to tail: "
	  "the pfn of each free block, by order and migratetype, like crash's kmem -f. "
	  "Allocation takes blocks from the head; frees go to the head, except the ones "
	  "buddy_merge_likely() sends to the tail.",
	  "struct free_area, free_list[], nr_free", "free_area zone=Normal",
	  zone_keys, COMPLETE_NONE, COMPLETE_NONE, NULL, 0, 0, cmd_free_area, false },
	{ "bitmap", "Views", "bitmap [zone=Z] [node=N] [order=N]",
	  "the Linux 2.4 buddy bitmap, one bit per buddy pair per order",
	  "Linux 2.4's __free_pages_ok() kept, for each order, one bit per pair of buddy "
	  "blocks and toggled it on every split and merge; a bit is 1 when exactly one "
	  "block of the pair is free. 5.10 dropped the bitmap; mmsh keeps it as a view, "
	  "toggling it whenever a block enters or leaves a free list, and 'check' proves "
	  "it equals the XOR of every pair. Lines equal to the one before print as '*'.",
	  "__free_pages_ok and expand of Linux 2.4 (MARK_USED, page_idx ^ -mask)",
	  "bitmap zone=Normal order=0",
	  bitmap_keys, COMPLETE_NONE, COMPLETE_NONE, NULL, 0, 0, cmd_bitmap, false },
	{ "pcp", "Views", "pcp [cpu=N]",
	  "per-CPU page lists: count, high, batch and pages per migratetype",
	  "For each CPU and zone: pcp->count, pcp->high and pcp->batch (from "
	  "zone_batchsize(), or vm.percpu_pagelist_fraction), and the pages on the "
	  "Unmovable, Movable and Reclaimable lists from head to tail. Allocation and "
	  "freeing use the head; flushing takes from the tail.",
	  "struct per_cpu_pages, zone_batchsize, pageset_set_batch, pageset_set_high",
	  "pcp cpu=0",
	  cpu_key, COMPLETE_NONE, COMPLETE_NONE, NULL, 0, 0, cmd_pcp, false },
	{ "page", "Views", "page PFN",
	  "one page descriptor, like dump_page()",
	  "The struct page of PFN in dump_page()'s words (refcount, mapcount, mapping, "
	  "index, flags), then where it is: heading or inside a free block, on a per-CPU "
	  "list, allocated, on an LRU list or in a pagevec (with its owner: the task and "
	  "virtual page with the pte's young bit, or the file and offset and how many "
	  "ptes map it, its swap slot, whether it is dirty or under writeback, and its "
	  "data word), reserved or a hole. A free block head shows mapcount -128: "
	  "PageBuddy lives in page_type, which shares its storage with _mapcount.",
	  "dump_page, PageBuddy, buddy_order, page_zone, get_pageblock_migratetype",
	  "page 0x1000",
	  no_keys, COMPLETE_NONE, COMPLETE_NONE, NULL, 1, 1, cmd_page, false },
	{ "lru", "Views", "lru [node=N]",
	  "the five LRU lists: sizes, first and last pages, pagevecs",
	  "For each node: the inactive and active anon and file lists and the "
	  "unevictable list, with their sizes per zone, the pages at the head (newest) "
	  "and the tail (oldest: reclaim takes from here) with their flags, how many "
	  "pages wait in each CPU's pagevec (lru_add) before reaching a list, and "
	  "whether the inactive lists are low (inactive_is_low()'s ratio), the "
	  "anon/file reclaim costs get_scan_count() balances, and the workingset clock.",
	  "struct lruvec, lru_cache_add, __pagevec_lru_add, inactive_is_low, lru_note_cost",
	  "lru",
	  node_key, COMPLETE_NONE, COMPLETE_NONE, NULL, 0, 0, cmd_lru, false },
	{ "extfrag", "Views", "extfrag [zone=Z] [node=N]",
	  "fragmentation: debugfs extfrag/unusable_index and extfrag_index",
	  "For every populated zone and order: the unusable free space index (the share "
	  "of free memory in blocks too small for the order, 0.000-1.000) and the "
	  "fragmentation index (-1.000 when a block is free; near 0 when the failure "
	  "would be for lack of memory, near 1 when it would be fragmentation). "
	  "Direct compaction for orders above 3 runs only when the index exceeds "
	  "vm.extfrag_threshold (500, i.e. 0.500).",
	  "unusable_show, extfrag_show, fill_contig_page_info, __fragmentation_index, "
	  "unusable_free_index",
	  "extfrag zone=Normal",
	  zone_keys, COMPLETE_NONE, COMPLETE_NONE, NULL, 0, 0, cmd_extfrag, false },
	{ "map", "Views", "map [zone=Z] [node=N] [per=N]",
	  "the physical memory map, one character per page or page group",
	  "Each character is one page (or a group of per=N pages, showing the most common "
	  "state): a digit or letter for a free page (the order of its free block, 0-9 "
	  "then a-j), p for a page on a per-CPU list, U, M or R for a block allocated by "
	  "alloc (by migratetype), x and X for inactive and active anonymous pages, o "
	  "and O for inactive and active page cache, L for unevictable pages, v for a "
	  "page waiting in a pagevec, D for a dirty page and W for one under writeback, "
	  "k for pages allocated otherwise, # for reserved pages and - for holes. Lines "
	  "start with their first pfn.",
	  "mem_map[], the free lists, the pcp lists", "map zone=DMA per=16",
	  map_keys, COMPLETE_NONE, COMPLETE_NONE, NULL, 0, 0, cmd_map, false },
	{ "watermarks", "Views", "watermarks",
	  "min/low/high and protection per zone, with their formulas",
	  "How vm.min_free_kbytes was chosen (int_sqrt(16 * lowmem kB), clamped, raised "
	  "by khugepaged when THP is on and RAM is at least 512 MiB, or set by sysctl), "
	  "then for every zone its share as the min watermark, low and high one and two "
	  "steps above, the boost, the protection (lowmem_reserve) and a gauge of free "
	  "pages against the three marks, and whether each node's kswapd was woken.",
	  "init_per_zone_wmark_min, set_recommended_min_free_kbytes, "
	  "__setup_per_zone_wmarks, setup_per_zone_lowmem_reserve, wakeup_kswapd",
	  "watermarks",
	  no_keys, COMPLETE_NONE, COMPLETE_NONE, NULL, 0, 0, cmd_watermarks, false },
	{ "plot", "Views", "plot [zone=Z] [node=N] [order=N]",
	  "free pages and free blocks per order over time, as sparklines",
	  "Draws the history of every populated zone (or of zone Z, node N): a sparkline "
	  "of its free pages (NR_FREE_PAGES), then one of nr_free, its free blocks, for "
	  "each order (or order N), each followed by its smallest, largest and current "
	  "value. The oldest sample is on the left; each line is drawn from its own "
	  "smallest value (the lowest mark) to its largest (the highest), and a line "
	  "that never changed runs at mid height. A line is 32 marks wide (it fits 80 "
	  "columns): with more samples, each mark shows the last sample of its group. "
	  "The marks are the block "
	  "characters U+2581 to U+2588 where the locale's character set is UTF-8, else "
	  "' .:-=+*#%@' (the C locale, the ncurses view).\n"
	  "\n"
	  "The engine takes a sample at boot, at the end of every jiffy the simulated "
	  "clock passes (tick, the work of tasks, sleeps in reclaim and writeback) and "
	  "after every command that changed the machine. A sample equal to the one "
	  "before at the same jiffy adds nothing, and a run of equal samples keeps only "
	  "its first and last, so a quiet stretch costs two samples. The newest 512 are "
	  "kept; undo takes the history back with the machine, reset starts a new one.\n"
	  "\n"
	  "'save svg FILE plot' draws the same history as line charts, the free pages "
	  "against the min, low and high watermarks.",
	  "(mmsh's own history of NR_FREE_PAGES, the watermarks and free_area[].nr_free)",
	  "plot zone=Normal order=0",
	  plot_keys, COMPLETE_NONE, COMPLETE_NONE, NULL, 0, 0, cmd_plot, false },
	{ "save", "Views", "save FILE | save svg FILE [memory|plot] [zone=Z] [node=N] [per=N] [order=N]",
	  "save the machine's state to FILE (see load), or a picture as SVG",
	  "'save FILE' writes the whole state of the machine to FILE: every page "
	  "descriptor and list, the zones and their counters, the per-CPU lists, the LRU "
	  "lists and pagevecs, tasks, files, the swap device, the disk's queue, the "
	  "clocks, the sysctls and the history plot draws. 'load FILE' puts it back, "
	  "and the machine then does exactly what this one would. The same state always "
	  "saves the same bytes, so comparing two saves shows whether anything changed. "
	  "The file is binary: a header (MMSH-STATE, the format version, the mmsh "
	  "version), the sections, and a checksum over all of it; mode 0600. Trace and "
	  "output settings are not part of the machine and are not saved.\n"
	  "\n"
	  "'save svg FILE' (or 'save svg FILE memory') writes an SVG 1.1 picture of "
	  "every populated zone (or of zone Z, node N) that slides and web pages show as "
	  "it is: nothing outside the file (no fonts, no images), a viewBox so that it "
	  "scales, text sized for a projector. For each zone: its memory map, one cell "
	  "per page or per group of per=N pages (without per=, at most 32 rows of 64 "
	  "cells), coloured by the state the map command prints (free pages in greens "
	  "by the order of their block, per-CPU pages, blocks held by alloc by "
	  "migratetype, the LRU lists, dirty and writeback pages, reserved pages and "
	  "holes; a group shows its most common state); its free blocks of each order "
	  "(nr_free) as bars stacked by migratetype with the count above each bar; and "
	  "its free pages against the min, low and high watermarks, for the whole zone "
	  "and zoomed to twice high, with the numbers. A legend explains the colours.\n"
	  "\n"
	  "'save svg FILE plot' draws the history plot shows as line charts: each zone's "
	  "free pages with its watermarks over the samples, then nr_free of each order "
	  "(or of order=N) on its own scale.\n"
	  "\n"
	  "Either goes to FILE.tmp, which is renamed FILE once complete: a write "
	  "that fails (no such directory, no permission, disk full) says why and leaves "
	  "no half file, and an existing FILE is replaced only by a whole one. To save "
	  "the state in a file named svg, give a path: 'save ./svg'.",
	  "(the data of map, pagetypeinfo and watermarks, drawn)",
	  "save svg memory.svg zone=Normal",
	  save_keys, COMPLETE_WORDS, COMPLETE_FILE, save_words, 1, 3, cmd_save, false },
	{ "gfp", "Views", "gfp FLAGS",
	  "decode a gfp mask: bits, zone, migratetype, ALLOC_* flags",
	  "Shows what a gfp mask means to the allocator: its bits, the highest zone it "
	  "may use and the zonelist it walks, its migratetype, whether it may direct-"
	  "reclaim, wake kswapd, do IO or FS, and the ALLOC_* flags of the fast path "
	  "(low watermark, ALLOC_NOFRAGMENT when preferring Normal) and of the slow path "
	  "(gfp_to_alloc_flags: min watermark, ALLOC_HIGH, ALLOC_HARDER).",
	  "gfp_zone, gfp_migratetype, gfp_to_alloc_flags, alloc_flags_nofragment, "
	  "show_gfp_flags",
	  "gfp GFP_ATOMIC|__GFP_NOWARN",
	  no_keys, COMPLETE_GFP, COMPLETE_NONE, NULL, 1, 1, cmd_gfp, false },

	/* ---- tuning, tracing, checking ---- */
	{ "sysctl", "Tuning, tracing and checking", "sysctl [vm.NAME[=VALUE]]",
	  "show or set a vm.* sysctl; derived values recompute as in Linux",
	  "Without arguments lists every sysctl mmsh models; with a name shows one; with "
	  "NAME=VALUE sets it the way writing /proc/sys/vm/NAME does, with the kernel's "
	  "range checks. vm.min_free_kbytes and vm.watermark_scale_factor recompute the "
	  "watermarks (and drop any boost); vm.lowmem_reserve_ratio (four numbers, "
	  "quoted, or separated by commas) recomputes protection; "
	  "vm.percpu_pagelist_fraction (0, or 8 and above) resizes every pcp list; "
	  "vm.watermark_boost_factor limits future boosts. Reclaim reads vm.swappiness "
	  "(0-200: anon against file in get_scan_count) and vm.laptop_mode; "
	  "compaction vm.extfrag_threshold and vm.compaction_proactiveness; writeback "
	  "vm.dirty_ratio, vm.dirty_background_ratio, vm.dirty_expire_centisecs and "
	  "vm.dirty_writeback_centisecs; the OOM killer vm.panic_on_oom, "
	  "vm.oom_kill_allocating_task and vm.oom_dump_tasks. Writing vm.drop_caches=1 "
	  "drops the clean, unmapped page cache (pages it cannot drop are deactivated).",
	  "min_free_kbytes_sysctl_handler, watermark_scale_factor_sysctl_handler, "
	  "lowmem_reserve_ratio_sysctl_handler, percpu_pagelist_fraction_sysctl_handler, "
	  "drop_caches_sysctl_handler, invalidate_mapping_pages, deactivate_file_page, "
	  "lru_deactivate_file_fn",
	  "sysctl vm.min_free_kbytes=8192",
	  sysctl_keys, COMPLETE_SYSCTL, COMPLETE_NONE, NULL, 0, 3, cmd_sysctl, false },
	{ "trace", "Tuning, tracing and checking", "trace [on|off [EVENT...]]",
	  "print kernel tracepoint lines as they happen",
	  "'trace on' prints every event in ftrace's format while commands run; 'trace "
	  "on EVENT...' adds only those events, 'trace off EVENT...' removes them, and "
	  "'trace off' stops. 'trace' alone lists the events and their state. Events: "
	  "mm_page_alloc, mm_page_free, mm_page_free_batched, mm_page_alloc_zone_locked, "
	  "mm_page_pcpu_drain, mm_page_alloc_extfrag; mm_vmscan_wakeup_kswapd, "
	  "mm_vmscan_kswapd_wake, mm_vmscan_kswapd_sleep, mm_vmscan_direct_reclaim_begin, "
	  "mm_vmscan_direct_reclaim_end, mm_vmscan_lru_isolate, mm_vmscan_writepage, "
	  "mm_vmscan_lru_shrink_inactive, mm_vmscan_lru_shrink_active; "
	  "mm_compaction_isolate_migratepages, mm_compaction_isolate_freepages, "
	  "mm_compaction_migratepages, mm_compaction_begin, mm_compaction_end, "
	  "mm_compaction_try_to_compact_pages, mm_compaction_finished, "
	  "mm_compaction_suitable, mm_compaction_deferred, mm_compaction_defer_compaction, "
	  "mm_compaction_defer_reset, mm_compaction_kcompactd_sleep, "
	  "mm_compaction_wakeup_kcompactd, mm_compaction_kcompactd_wake; and the oom "
	  "events reclaim_retry_zone, compact_retry and mark_victim. The page= field is "
	  "a stable hash of the pfn (5.10 prints a keyed hash of the pointer), and the "
	  "timestamp is simulated time: 1 us per tracepoint and per page a task "
	  "touches, 4 ms per jiffy.",
	  "include/trace/events/kmem.h, vmscan.h, compaction.h, oom.h",
	  "trace on mm_page_alloc mm_page_pcpu_drain",
	  no_keys, COMPLETE_WORDS, COMPLETE_EVENT, trace_words, 0, 16, cmd_trace, false },
	{ "check", "Tuning, tracing and checking", "check [quick]",
	  "verify every engine invariant",
	  "Walks every free list, per-CPU list and allocation record and visits every "
	  "page: each free block must be a PageBuddy head of the right order in the right "
	  "zone; nr_free, NR_FREE_PAGES and pcp counts must match the lists; no page may "
	  "be in two places and no managed page lost (free + per-CPU + allocated + owned "
	  "= managed); the 2.4 bitmap must equal the XOR of every pair; watermarks, "
	  "protection and pcp sizes must equal their formulas. Pages with owners are "
	  "checked from both sides: every page on an LRU list or in a pagevec has the "
	  "flags of its list, its refcount and mapcount equal the ptes, cache and "
	  "pagevec references found, the LRU, dirty, writeback, mapped, mlock and file "
	  "counters equal what the pages say, swap slot counts equal the swap entries in "
	  "page tables, and every page, swap slot and evicted file block still holds "
	  "the data its owner wrote. Prints 'check: ok (N invariants)' or every "
	  "violation.\n"
	  "\n"
	  "A full check visits every page, so it costs time in proportion to memory. "
	  "'check quick' proves the same invariants at the cost of the lists plus the "
	  "pageblocks whose pages changed since the last check: the engine marks a "
	  "pageblock whenever it writes one of its page descriptors, and everything "
	  "else was proved by the check before. 'set paranoid on' uses it.",
	  "(none: mmsh's own proof)", "check",
	  no_keys, COMPLETE_WORDS, COMPLETE_NONE, check_words, 0, 1, cmd_check, false },
	{ "step", "Stepping, why and undo", "step COMMAND...",
	  "run a command one kernel step at a time",
	  "Runs COMMAND (one that changes the machine) and stops after its first kernel "
	  "step: a decision or a change of state inside a kernel function, named by the "
	  "function, with the numbers behind it (a watermark compared, a list found "
	  "empty, a half handed back by expand, a merge in __free_one_page, a page "
	  "given back by free_pcppages_bulk). Every view then shows the machine as it "
	  "is at that moment. 'next' (or Enter at the prompt) goes one step on, "
	  "'continue' runs to the next breakpoint or to the end, 'back' goes back, "
	  "'undo' abandons the command. Only views run while stepping; when the "
	  "command reaches its end its output is printed and it counts as run.\n"
	  "\n"
	  "The engine is deterministic: each step is reached by running the command "
	  "again from the state before it on a copy of the machine, so what is shown is "
	  "the real intermediate state, and going back is exact.",
	  "(the functions listed by 'break')", "step alloc 3",
	  step_keys, COMPLETE_COMMAND, COMPLETE_NONE, NULL, 1, MAX_ARGS - 2, cmd_step, false },
	{ "next", "Stepping, why and undo", "next [N]",
	  "go N kernel steps on (default 1), or on in a lesson",
	  "While stepping, goes one step (or N) on and shows it; past the last step the "
	  "command ends, as with continue. At the interactive prompt an empty line does "
	  "the same. In a lesson (when nothing is being stepped) it goes on: it types the "
	  "command the step waits for, shows the answer to its question or settles its "
	  "prediction, or opens the next step.",
	  "(none)", "next 5",
	  no_keys, COMPLETE_NONE, COMPLETE_NONE, NULL, 0, 1, cmd_next, false },
	{ "continue", "Stepping, why and undo", "continue",
	  "run to the next breakpoint, or to the end",
	  "While stepping, runs on to the next step taken in a function with a "
	  "breakpoint (see break), or to the end of the command.",
	  "(none)", "continue",
	  no_keys, COMPLETE_NONE, COMPLETE_NONE, NULL, 0, 0, cmd_continue, false },
	{ "back", "Stepping, why and undo", "back [N]",
	  "go N kernel steps back (default 1), or back a lesson step",
	  "While stepping, shows the machine as it was N steps earlier (back to step 0, "
	  "before the command). Exact: the command is run again up to that step. In a "
	  "lesson (when nothing is being stepped) it returns to the previous step of the "
	  "lesson, with the machine as it was when that step began.",
	  "(none)", "back 2",
	  no_keys, COMPLETE_NONE, COMPLETE_NONE, NULL, 0, 1, cmd_back, false },
	{ "break", "Stepping, why and undo", "break [FUNCTION]",
	  "stop stepping at a kernel function",
	  "Sets a breakpoint: 'continue' stops at the next step taken in FUNCTION. "
	  "'break' alone lists the breakpoints and every function that takes steps.",
	  "(any function that takes steps)", "break __free_one_page",
	  no_keys, COMPLETE_KSTEP, COMPLETE_NONE, NULL, 0, 1, cmd_break, false },
	{ "delete", "Stepping, why and undo", "delete [FUNCTION]",
	  "delete one breakpoint, or all",
	  "Deletes the breakpoint on FUNCTION, or every breakpoint.",
	  "(none)", "delete",
	  no_keys, COMPLETE_KSTEP, COMPLETE_NONE, NULL, 0, 1, cmd_delete, false },
	{ "why", "Stepping, why and undo", "why [all]",
	  "the call path the last command took, with every decision",
	  "Prints the kernel call path the last command that changed the machine "
	  "actually took, then each step: the function, the decision and the numbers "
	  "behind it (the watermark compared and the free pages, the list found empty, "
	  "the fallback chosen, why merging stopped). Long runs show the first and last "
	  "100 steps; 'why all' shows every one. While stepping it covers the steps so "
	  "far. The command is run again on the machine as it was before it (see "
	  "undo), which gives the same steps: the engine is deterministic.",
	  "(the functions listed by 'break')", "why",
	  no_keys, COMPLETE_WORDS, COMPLETE_NONE, why_words, 0, 1, cmd_why, false },
	{ "undo", "Stepping, why and undo", "undo",
	  "undo the last command that changed the machine",
	  "Puts back the machine as it was before the last command that changed it "
	  "(reset included); repeat to go further back, up to 32 commands. mmsh keeps "
	  "the text of each such command and, now and then, a copy of the machine (a "
	  "checkpoint, when the commands since the last one took longer than a few "
	  "copies; copies within 256 MiB, so a large machine keeps fewer and may undo "
	  "less): the machine before a command is a checkpoint with the commands since "
	  "run again, which is exact because the engine is deterministic. While "
	  "stepping, undo abandons the command being stepped.",
	  "(none)", "undo",
	  no_keys, COMPLETE_NONE, COMPLETE_NONE, NULL, 0, 0, cmd_undo, false },
	{ "lesson", "Lessons", "lesson [list | start NAME [step=N] | quit | check NAME]",
	  "follow a lesson: narration, commands, questions, predictions",
	  "'lesson list' shows the lessons with their length and your progress; 'lesson "
	  "start NAME' boots the lesson's machine (yours is kept until 'lesson quit') and "
	  "shows its first step, or the step you left it at (step=N chooses). A step "
	  "narrates, runs commands, asks you to type one, asks questions ('answer VALUE', "
	  "'hint') and asks for predictions that the engine then settles by running the "
	  "command. 'next' goes on (it types the command or shows the answer for you), "
	  "'back' returns to the previous step with the machine as it was. 'lesson check "
	  "NAME' runs a lesson unattended with the engine's own answers, as "
	  "'mmsh --lesson NAME --check' does. 'lesson' alone shows the current step. "
	  "Progress is kept in $XDG_STATE_HOME/mmsh/lessons; the format of lessons is in "
	  "mmsh-lesson(5).",
	  "(any: each lesson names them)", "lesson start splitting",
	  lesson_keys, COMPLETE_WORDS, COMPLETE_LESSON, lesson_words, 0, 2, cmd_lesson, false },
	{ "hint", "Lessons", "hint",
	  "a hint for the question waiting for an answer",
	  "Shows the lesson's hint for the question or prediction the current step waits for.",
	  "(none)", "hint",
	  no_keys, COMPLETE_NONE, COMPLETE_NONE, NULL, 0, 0, cmd_hint, false },
	{ "answer", "Lessons", "answer VALUE",
	  "answer the lesson's question or prediction, or the quiz's",
	  "Answers the question the current lesson step asks, or the open quiz question; "
	  "numbers may be decimal or 0x hex, words are compared without case, a list (a "
	  "buddyinfo line) word by word. A lesson question can be tried again; a "
	  "prediction is settled at once: the lesson runs its command and the engine says "
	  "whether you were right. A quiz question is scored by its first answer.",
	  "(none)", "answer 0x1001",
	  no_keys, COMPLETE_NONE, COMPLETE_NONE, NULL, 1, MAX_ARGS - 2, cmd_answer, false },
	{ "quiz", "Lessons", "quiz [TOPIC] [seed=N] | quiz score | quiz off",
	  "practice: predict what one more command does; the engine scores it",
	  "Builds a random but reproducible state on a freshly booted machine of this "
	  "session's shape, shows the commands that built it, and asks what one more "
	  "command will do. Topics: pfn (which pfn the next alloc returns), buddyinfo (the "
	  "/proc/buddyinfo line after a free that merges), kswapd (does an allocation wake "
	  "kswapd: free pages against the low watermark), lru (which LRU list a page is on "
	  "after a read, a write, reclaim or mlock), pcp (the per-CPU count after a free, "
	  "or whether the free flushes pages to the buddy lists) and watermark (does "
	  "__zone_watermark_ok pass). Without a TOPIC the seed picks one.\n"
	  "\n"
	  "While a question is open every view shows the quiz's machine, and commands that "
	  "would change a machine (and undo, step) are refused: your own machine is put "
	  "aside, untouched, until 'quiz off'. Answer with 'answer VALUE': a number in "
	  "decimal or 0x hex, yes or no, a list name, or a buddyinfo line (spacing does not "
	  "matter). The answer was computed by running the command on a copy of the "
	  "state: the engine is deterministic. 'reveal' shows it with the kernel steps "
	  "behind it. A question counts once, by its first answer; 'quiz score' shows the "
	  "score.\n"
	  "\n"
	  "seed=N (or --seed N) makes the question: the same seed, topic and machine shape "
	  "give the same question. Without one the next seed follows from the session's "
	  "--seed, so a script asks the same questions on every run; each question names "
	  "its seed.",
	  "__alloc_pages_nodemask, __rmqueue_smallest, expand, __free_one_page, "
	  "zone_watermark_fast, __zone_watermark_ok, wakeup_kswapd, free_unref_page_commit, "
	  "free_pcppages_bulk, mark_page_accessed, shrink_page_list, page_check_references, "
	  "lru_add_drain",
	  "quiz pfn seed=7",
	  quiz_keys, COMPLETE_WORDS, COMPLETE_NONE, quiz_words, 0, 3, cmd_quiz, false },
	{ "reveal", "Lessons", "reveal",
	  "show the answer to the quiz question, and why",
	  "Shows the answer to the open quiz question, what the command printed and the "
	  "kernel steps it took (for lru, the steps that name the page), as why would; "
	  "then every view shows the machine after the command. A question revealed before "
	  "any answer counts as not right. quiz asks the next one; quiz off gives your "
	  "machine back.",
	  "(the functions listed by 'break')", "reveal",
	  no_keys, COMPLETE_NONE, COMPLETE_NONE, NULL, 0, 0, cmd_reveal, false },
	{ "set", "Session", "set [paranoid on|off | output human|json|csv]",
	  "show or change session settings",
	  "'set paranoid on' runs 'check quick' after every command and makes a "
	  "violation an error.\n"
	  "\n"
	  "'set output json' and 'set output csv' make every view (the Views group, "
	  "disk, task list, sysctl and check) print its records instead of its text, "
	  "and alloc and free one record per block: one JSON array of objects "
	  "(RFC 8259) or one CSV table with a header row (RFC 4180) per command, "
	  "numbers in decimal, ready to plot. Kernel messages and trace events then go "
	  "to standard error; other commands still print text. Each view's keys are "
	  "listed in mmsh(1), OUTPUT. 'set output human' returns to text.\n"
	  "\n"
	  "'set' alone shows the settings.",
	  "(none)", "set output json",
	  no_keys, COMPLETE_SETTING, COMPLETE_ONOFF, set_words, 0, 2, cmd_set, false },


	/* ---- session ---- */
	{ "reset", "Session", "reset",
	  "boot a fresh machine with the same options",
	  "Throws the machine away and boots it again from the same preset, shape and "
	  "--sysctl settings, as if mmsh had just started. Settings and tracing stay.",
	  "memmap_init, memblock_free_all, build_all_zonelists, setup_per_cpu_pageset, "
	  "init_per_zone_wmark_min", "reset",
	  no_keys, COMPLETE_NONE, COMPLETE_NONE, NULL, 0, 0, cmd_reset, false },
	{ "load", "Session", "load FILE",
	  "replace the machine with the one 'save FILE' wrote",
	  "Reads a state file that 'save FILE' wrote and makes its machine the "
	  "session's: the same pages on the same lists, the same tasks, files, swap "
	  "and clocks, so every later command does what it would have done on the "
	  "machine that was saved. Tracing and settings stay as they are; reset still "
	  "boots the machine of the command line. Load works after a kernel panic, "
	  "like reset, and undo takes it back.\n"
	  "\n"
	  "A file that is not a whole, intact state file of this format is refused with "
	  "the reason, and the machine stays as it was: not a state file, another format "
	  "version (both are named), truncated, a checksum mismatch, a section that does "
	  "not parse, a value out of its range (a pfn outside memory, an order of "
	  "MAX_ORDER or more, a migratetype, task or file that does not exist, a count "
	  "larger than the machine can hold), list links that do not form one list per "
	  "head, or a state that check finds inconsistent. A machine above 256 GiB (or "
	  "above the session's own, if larger) is refused before anything is built.",
	  "(none: mmsh's own; the machine is checked as check does)", "load busy.state",
	  no_keys, COMPLETE_FILE, COMPLETE_NONE, NULL, 1, 1, cmd_load, false },
	{ "help", "Session", "help [COMMAND]",
	  "list the commands, or explain one",
	  "Without an argument lists every command with a one-line summary; with one "
	  "shows its syntax, what it does, the kernel functions it shows and an example.",
	  "(none)", "help alloc",
	  no_keys, COMPLETE_COMMAND, COMPLETE_NONE, NULL, 0, 1, cmd_help, false },
	{ "apropos", "Session", "apropos WORD",
	  "find the commands whose help mentions WORD",
	  "Searches every command's name, summary, help and kernel functions for WORD "
	  "(case does not matter), e.g. 'apropos watermark' or 'apropos rmqueue'.",
	  "(none)", "apropos expand",
	  no_keys, COMPLETE_NONE, COMPLETE_NONE, NULL, 1, 1, cmd_apropos, false },
	{ "source", "Session", "source FILE",
	  "run the commands in FILE",
	  "Runs FILE line by line as if typed; an error names FILE:LINE and stops the "
	  "file. Sources may nest up to 16 deep.",
	  "(none)", "source demo.mmsh",
	  no_keys, COMPLETE_FILE, COMPLETE_NONE, NULL, 1, 1, cmd_source, false },
	{ "history", "Session", "history",
	  "list the commands run in this session",
	  "Every command this session has run, numbered, oldest first.",
	  "(none)", "history",
	  no_keys, COMPLETE_NONE, COMPLETE_NONE, NULL, 0, 0, cmd_history, false },
	{ "record", "Session", "record [FILE | off]",
	  "write the commands you run to FILE: a script that replays them",
	  "'record FILE' writes every command run from now on, typed at the prompt or in "
	  "the view or coming from -c, scripts and source, to FILE (replaced if it "
	  "exists) as a plain mmsh script, one command a line, flushed at once so a "
	  "crash loses nothing. Header comments name the mmsh version, the date and the "
	  "options that boot the same machine (preset, shape, --swap, --sysctl, --seed). "
	  "A command that fails is written commented out, '# failed: alloc 99', so the "
	  "replay does not stop on it; record and quit are not written, and source is "
	  "written as the commands it ran. If the machine has already changed, the file "
	  "starts with the commands that built it (not views or settings), so the replay "
	  "starts from the machine you see.\n"
	  "\n"
	  "'record off' stops; 'record' alone says where it is recording (a file named off "
	  "is ./off). Replay with 'mmsh FILE' or source FILE, or one command at a time in "
	  "the classroom view with 'mmsh --demo FILE'.",
	  "(none)", "record demo.mmsh",
	  no_keys, COMPLETE_FILE, COMPLETE_NONE, NULL, 0, 1, cmd_record, false },
	{ "quit", "Session", "quit",
	  "leave mmsh",
	  "Ends the session (Ctrl-D does the same; so do exit and q). In a script, stops "
	  "the script.",
	  "(none)", "quit",
	  no_keys, COMPLETE_NONE, COMPLETE_NONE, NULL, 0, 0, cmd_quit, false },
};

const struct command *command_table(size_t *n)
{
	*n = sizeof(table) / sizeof(table[0]);
	return table;
}

const struct command *find_command(const char *name, char *why, size_t whylen)
{
	size_t i, n, len = strlen(name), used = 0;
	const struct command *found = NULL;
	int matches = 0;

	command_table(&n);
	for (i = 0; i < n; i++)
		if (strcmp(table[i].name, name) == 0)
			return &table[i];
	/* gdb and sqlite3 users type exit; q would be ambiguous with quiz */
	if (strcmp(name, "exit") == 0 || strcmp(name, "q") == 0)
		return find_command("quit", why, whylen);
	for (i = 0; i < n && len; i++) {
		if (strncmp(table[i].name, name, len) != 0)
			continue;
		matches++;
		found = &table[i];
	}
	if (matches == 1)
		return found;
	if (matches == 0) {
		snprintf(why, whylen, "unknown command (type help for the list)");
		return NULL;
	}
	used = (size_t)snprintf(why, whylen, "ambiguous: could be");
	for (i = 0; i < n && used < whylen; i++)
		if (strncmp(table[i].name, name, len) == 0)
			used += (size_t)snprintf(why + used, whylen - used, " %s", table[i].name);
	return NULL;
}
