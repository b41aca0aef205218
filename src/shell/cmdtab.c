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

/* sysctl takes vm.NAME=VALUE: any key is a sysctl name. */
static const struct key_spec sysctl_keys[] = {
	{ "*", "vm.NAME=VALUE sets a sysctl", COMPLETE_SYSCTL },
	{ NULL, NULL, COMPLETE_NONE },
};

static const struct key_spec no_keys[] = {
	{ NULL, NULL, COMPLETE_NONE },
};

static const char *const free_words[] = { "all", NULL };
static const char *const drain_words[] = { "all", NULL };
static const char *const trace_words[] = { "on", "off", NULL };
static const char *const set_words[] = { "paranoid", NULL };
static const char *const check_words[] = { "quick", NULL };

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
	  "zone fails, __alloc_pages_slowpath() wakes kswapd (the wake-up is recorded; "
	  "see watermarks) and retries at the min watermark, where GFP_ATOMIC gets "
	  "ALLOC_HIGH and ALLOC_HARDER and may go a further 62.5% lower; __GFP_MEMALLOC "
	  "then ignores watermarks altogether.\n"
	  "\n"
	  "A request the modelled kernel refuses is a result, not an error: mmsh prints "
	  "'alloc: order-N allocation failed, gfp=FLAGS', the reason, and, unless "
	  "__GFP_NOWARN, the kernel's warn_alloc() report with show_mem()'s summary. "
	  "Requests that may not sleep (GFP_NOWAIT, GFP_ATOMIC) fail exactly as in 5.10. "
	  "Requests that may sleep would next enter direct compaction, direct reclaim, "
	  "the retry loop and the OOM killer; those arrive with mmsh's reclaim engine, "
	  "and until then such a request stops there and says so.\n"
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
	  "rmqueue_bulk, __rmqueue, __rmqueue_smallest, expand, __rmqueue_fallback, "
	  "steal_suitable_fallback, reserve_highatomic_pageblock, __alloc_pages_slowpath, "
	  "gfp_to_alloc_flags, wake_all_kswapds, warn_alloc; tracepoints mm_page_alloc, "
	  "mm_page_alloc_zone_locked, mm_page_alloc_extfrag",
	  "alloc 3 gfp=GFP_ATOMIC n=2",
	  alloc_keys, COMPLETE_NONE, COMPLETE_NONE, NULL, 0, 1, cmd_alloc },
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
	  cpu_key, COMPLETE_WORDS, COMPLETE_NONE, free_words, 1, 2, cmd_free },
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
	  drain_keys, COMPLETE_WORDS, COMPLETE_NONE, drain_words, 0, 1, cmd_drain },

	/* ---- views ---- */
	{ "buddyinfo", "Views", "buddyinfo",
	  "free blocks per zone and order, as /proc/buddyinfo",
	  "Byte for byte Linux 5.10's /proc/buddyinfo: one line per populated zone with "
	  "free_area[order].nr_free for every order, counting blocks of all "
	  "migratetypes. Pages on per-CPU lists are not included.",
	  "frag_show (mm/vmstat.c)", "buddyinfo",
	  no_keys, COMPLETE_NONE, COMPLETE_NONE, NULL, 0, 0, cmd_buddyinfo },
	{ "pagetypeinfo", "Views", "pagetypeinfo",
	  "free blocks per migratetype and pageblocks per type, as /proc/pagetypeinfo",
	  "Linux 5.10's /proc/pagetypeinfo: the length of every free list by zone, "
	  "migratetype and order, then how many pageblocks of each zone carry each "
	  "migratetype.",
	  "pagetypeinfo_show, pagetypeinfo_showfree, pagetypeinfo_showblockcount",
	  "pagetypeinfo",
	  no_keys, COMPLETE_NONE, COMPLETE_NONE, NULL, 0, 0, cmd_pagetypeinfo },
	{ "zoneinfo", "Views", "zoneinfo",
	  "zones, watermarks, protection and per-CPU lists, as /proc/zoneinfo",
	  "Linux 5.10's /proc/zoneinfo for every zone, in the kernel's layout: per-node "
	  "stats before the node's first populated zone, free pages, the min, low and "
	  "high watermarks (boost included), spanned, present and managed pages, "
	  "protection (lowmem_reserve), the zone and NUMA counters, every CPU's pcp "
	  "count, high and batch, and start_pfn.",
	  "zoneinfo_show_print (mm/vmstat.c)", "zoneinfo",
	  no_keys, COMPLETE_NONE, COMPLETE_NONE, NULL, 0, 0, cmd_zoneinfo },
	{ "vmstat", "Views", "vmstat",
	  "the counters mmsh maintains, as /proc/vmstat",
	  "The /proc/vmstat counters the engine maintains so far, in 5.10's order: "
	  "nr_free_pages, nr_free_cma, the numa_* counters, pgalloc_<zone> (pages "
	  "allocated per zone) and pgfree (pages freed, boot included), then the literal "
	  "nr_unstable 0. Reclaim adds its counters when it lands.",
	  "vmstat_show, zone_statistics, __count_zid_vm_events", "vmstat",
	  no_keys, COMPLETE_NONE, COMPLETE_NONE, NULL, 0, 0, cmd_vmstat },
	{ "meminfo", "Views", "meminfo",
	  "memory totals, as /proc/meminfo",
	  "The fields of /proc/meminfo that mmsh models: MemTotal (managed pages), "
	  "MemFree (NR_FREE_PAGES, per-CPU pages not included), MemAvailable "
	  "(si_mem_available), the LRU and dirty counters, swap, slab and CMA.",
	  "meminfo_proc_show, si_mem_available", "meminfo",
	  no_keys, COMPLETE_NONE, COMPLETE_NONE, NULL, 0, 0, cmd_meminfo },
	{ "free_area", "Views", "free_area [zone=Z] [node=N]",
	  "the free lists themselves, block by block",
	  "Every free list of every populated zone (or of zone Z), from head to tail: "
	  "the pfn of each free block, by order and migratetype, like crash's kmem -f. "
	  "Allocation takes blocks from the head; frees go to the head, except the ones "
	  "buddy_merge_likely() sends to the tail.",
	  "struct free_area, free_list[], nr_free", "free_area zone=Normal",
	  zone_keys, COMPLETE_NONE, COMPLETE_NONE, NULL, 0, 0, cmd_free_area },
	{ "bitmap", "Views", "bitmap [zone=Z] [node=N] [order=N]",
	  "the Linux 2.4 buddy bitmap, one bit per buddy pair per order",
	  "Linux 2.4's __free_pages_ok() kept, for each order, one bit per pair of buddy "
	  "blocks and toggled it on every split and merge; a bit is 1 when exactly one "
	  "block of the pair is free. 5.10 dropped the bitmap; mmsh keeps it as a view, "
	  "toggling it whenever a block enters or leaves a free list, and 'check' proves "
	  "it equals the XOR of every pair. Lines equal to the one before print as '*'.",
	  "__free_pages_ok and expand of Linux 2.4 (MARK_USED, page_idx ^ -mask)",
	  "bitmap zone=Normal order=0",
	  bitmap_keys, COMPLETE_NONE, COMPLETE_NONE, NULL, 0, 0, cmd_bitmap },
	{ "pcp", "Views", "pcp [cpu=N]",
	  "per-CPU page lists: count, high, batch and pages per migratetype",
	  "For each CPU and zone: pcp->count, pcp->high and pcp->batch (from "
	  "zone_batchsize(), or vm.percpu_pagelist_fraction), and the pages on the "
	  "Unmovable, Movable and Reclaimable lists from head to tail. Allocation and "
	  "freeing use the head; flushing takes from the tail.",
	  "struct per_cpu_pages, zone_batchsize, pageset_set_batch, pageset_set_high",
	  "pcp cpu=0",
	  cpu_key, COMPLETE_NONE, COMPLETE_NONE, NULL, 0, 0, cmd_pcp },
	{ "page", "Views", "page PFN",
	  "one page descriptor, like dump_page()",
	  "The struct page of PFN in dump_page()'s words (refcount, mapcount, mapping, "
	  "index, flags), then where it is: heading or inside a free block, on a per-CPU "
	  "list, allocated, reserved or a hole. A free block head shows mapcount -128: "
	  "PageBuddy lives in page_type, which shares its storage with _mapcount.",
	  "dump_page, PageBuddy, buddy_order, page_zone, get_pageblock_migratetype",
	  "page 0x1000",
	  no_keys, COMPLETE_NONE, COMPLETE_NONE, NULL, 1, 1, cmd_page },
	{ "map", "Views", "map [zone=Z] [node=N] [per=N]",
	  "the physical memory map, one character per page or group of pages",
	  "Each character is one page (or a group of per=N pages, showing the most common "
	  "state): a digit or letter for a free page (the order of its free block, 0-9 "
	  "then a-j), p for a page on a per-CPU list, U, M or R for a block allocated by "
	  "alloc (by migratetype), k for pages allocated otherwise, # for reserved pages "
	  "and - for holes. Lines start with their first pfn.",
	  "mem_map[], the free lists, the pcp lists", "map zone=DMA per=16",
	  map_keys, COMPLETE_NONE, COMPLETE_NONE, NULL, 0, 0, cmd_map },
	{ "watermarks", "Views", "watermarks",
	  "min/low/high and protection per zone, with the formula behind each",
	  "How vm.min_free_kbytes was chosen (int_sqrt(16 * lowmem kB), clamped, raised "
	  "by khugepaged when THP is on and RAM is at least 512 MiB, or set by sysctl), "
	  "then for every zone its share as the min watermark, low and high one and two "
	  "steps above, the boost, the protection (lowmem_reserve) and a gauge of free "
	  "pages against the three marks, and whether each node's kswapd was woken.",
	  "init_per_zone_wmark_min, set_recommended_min_free_kbytes, "
	  "__setup_per_zone_wmarks, setup_per_zone_lowmem_reserve, wakeup_kswapd",
	  "watermarks",
	  no_keys, COMPLETE_NONE, COMPLETE_NONE, NULL, 0, 0, cmd_watermarks },
	{ "gfp", "Views", "gfp FLAGS",
	  "decode a gfp mask: bits, zone, migratetype, reclaim, ALLOC_* flags",
	  "Shows what a gfp mask means to the allocator: its bits, the highest zone it "
	  "may use and the zonelist it walks, its migratetype, whether it may direct-"
	  "reclaim, wake kswapd, do IO or FS, and the ALLOC_* flags of the fast path "
	  "(low watermark, ALLOC_NOFRAGMENT when preferring Normal) and of the slow path "
	  "(gfp_to_alloc_flags: min watermark, ALLOC_HIGH, ALLOC_HARDER).",
	  "gfp_zone, gfp_migratetype, gfp_to_alloc_flags, alloc_flags_nofragment, "
	  "show_gfp_flags",
	  "gfp GFP_ATOMIC|__GFP_NOWARN",
	  no_keys, COMPLETE_GFP, COMPLETE_NONE, NULL, 1, 1, cmd_gfp },

	/* ---- tuning, tracing, checking ---- */
	{ "sysctl", "Tuning, tracing and checking", "sysctl [vm.NAME[=VALUE]]",
	  "show or set a vm.* sysctl; derived values recompute as in Linux",
	  "Without arguments lists every sysctl mmsh models; with a name shows one; with "
	  "NAME=VALUE sets it the way writing /proc/sys/vm/NAME does, with the kernel's "
	  "range checks. vm.min_free_kbytes and vm.watermark_scale_factor recompute the "
	  "watermarks (and drop any boost); vm.lowmem_reserve_ratio (four numbers, "
	  "quoted, or separated by commas) recomputes protection; "
	  "vm.percpu_pagelist_fraction (0, or 8 and above) resizes every pcp list; "
	  "vm.watermark_boost_factor limits future boosts.",
	  "min_free_kbytes_sysctl_handler, watermark_scale_factor_sysctl_handler, "
	  "lowmem_reserve_ratio_sysctl_handler, percpu_pagelist_fraction_sysctl_handler",
	  "sysctl vm.min_free_kbytes=8192",
	  sysctl_keys, COMPLETE_SYSCTL, COMPLETE_NONE, NULL, 0, 3, cmd_sysctl },
	{ "trace", "Tuning, tracing and checking", "trace [on|off [EVENT...]]",
	  "print kernel tracepoint lines as they happen",
	  "'trace on' prints every event in ftrace's format while commands run; 'trace "
	  "on EVENT...' adds only those events, 'trace off EVENT...' removes them, and "
	  "'trace off' stops. 'trace' alone lists the events and their state. Events: "
	  "mm_page_alloc, mm_page_free, mm_page_free_batched, mm_page_alloc_zone_locked, "
	  "mm_page_pcpu_drain, mm_page_alloc_extfrag, mm_vmscan_wakeup_kswapd. The page= "
	  "field is a stable hash of the pfn (5.10 prints a keyed hash of the pointer), "
	  "and the timestamp is simulated time, which moves 1 us per tracepoint.",
	  "include/trace/events/kmem.h, include/trace/events/vmscan.h",
	  "trace on mm_page_alloc mm_page_pcpu_drain",
	  no_keys, COMPLETE_WORDS, COMPLETE_EVENT, trace_words, 0, 16, cmd_trace },
	{ "check", "Tuning, tracing and checking", "check [quick]",
	  "verify every engine invariant",
	  "Walks every free list, per-CPU list and allocation record and visits every "
	  "page: each free block must be a PageBuddy head of the right order in the right "
	  "zone; nr_free, NR_FREE_PAGES and pcp counts must match the lists; no page may "
	  "be in two places and no managed page lost (free + per-CPU + allocated = "
	  "managed); the 2.4 bitmap must equal the XOR of every pair; watermarks, "
	  "protection and pcp sizes must equal their formulas. Prints 'check: ok (N "
	  "invariants)' or every violation.\n"
	  "\n"
	  "A full check visits every page, so it costs time in proportion to memory. "
	  "'check quick' proves the same invariants at the cost of the lists plus the "
	  "pageblocks whose pages changed since the last check: the engine marks a "
	  "pageblock whenever it writes one of its page descriptors, and everything "
	  "else was proved by the check before. 'set paranoid on' uses it.",
	  "(none: mmsh's own proof)", "check",
	  no_keys, COMPLETE_WORDS, COMPLETE_NONE, check_words, 0, 1, cmd_check },
	{ "set", "Session", "set [paranoid on|off]",
	  "show or change session settings",
	  "'set paranoid on' runs 'check quick' after every command and makes a "
	  "violation an error. 'set' alone shows the settings.",
	  "(none)", "set paranoid on",
	  no_keys, COMPLETE_SETTING, COMPLETE_ONOFF, set_words, 0, 2, cmd_set },

	/* ---- session ---- */
	{ "reset", "Session", "reset",
	  "boot a fresh machine with the same options",
	  "Throws the machine away and boots it again from the same preset, shape and "
	  "--sysctl settings, as if mmsh had just started. Settings and tracing stay.",
	  "memmap_init, memblock_free_all, build_all_zonelists, setup_per_cpu_pageset, "
	  "init_per_zone_wmark_min", "reset",
	  no_keys, COMPLETE_NONE, COMPLETE_NONE, NULL, 0, 0, cmd_reset },
	{ "help", "Session", "help [COMMAND]",
	  "list the commands, or explain one",
	  "Without an argument lists every command with a one-line summary; with one "
	  "shows its syntax, what it does, the kernel functions it shows and an example.",
	  "(none)", "help alloc",
	  no_keys, COMPLETE_COMMAND, COMPLETE_NONE, NULL, 0, 1, cmd_help },
	{ "apropos", "Session", "apropos WORD",
	  "find the commands whose help mentions WORD",
	  "Searches every command's name, summary, help and kernel functions for WORD "
	  "(case does not matter), e.g. 'apropos watermark' or 'apropos rmqueue'.",
	  "(none)", "apropos expand",
	  no_keys, COMPLETE_NONE, COMPLETE_NONE, NULL, 1, 1, cmd_apropos },
	{ "source", "Session", "source FILE",
	  "run the commands in FILE",
	  "Runs FILE line by line as if typed; an error names FILE:LINE and stops the "
	  "file. Sources may nest up to 16 deep.",
	  "(none)", "source demo.mmsh",
	  no_keys, COMPLETE_FILE, COMPLETE_NONE, NULL, 1, 1, cmd_source },
	{ "history", "Session", "history",
	  "list the commands run in this session",
	  "Every command this session has run, numbered, oldest first.",
	  "(none)", "history",
	  no_keys, COMPLETE_NONE, COMPLETE_NONE, NULL, 0, 0, cmd_history },
	{ "quit", "Session", "quit",
	  "leave mmsh",
	  "Ends the session (Ctrl-D does the same). In a script, stops the script.",
	  "(none)", "quit",
	  no_keys, COMPLETE_NONE, COMPLETE_NONE, NULL, 0, 0, cmd_quit },
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
	if (strcmp(name, "exit") == 0)   /* gdb and sqlite3 users type it */
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
