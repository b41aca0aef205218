/*
 * include/mmsh/mmzone.h: nodes, zones, free areas and the simulated machine
 * (include/linux/mmzone.h of Linux 5.10). The kernel keeps its state in
 * globals (mem_map, node_data[], min_free_kbytes...); mmsh keeps all of it
 * in one struct machine, reachable from every zone and node.
 */
#ifndef MMSH_MMZONE_H
#define MMSH_MMZONE_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mmsh/error.h"
#include "mmsh/gfp.h"
#include "mmsh/lru.h"
#include "mmsh/page.h"
#include "mmsh/page_content.h"
#include "mmsh/vmstat.h"
#include "mmsh/workload.h"

/* x86-64 without ZONE_DEVICE: four zones, so protection: has four entries. */
enum zone_type {
	ZONE_DMA,
	ZONE_DMA32,
	ZONE_NORMAL,
	ZONE_MOVABLE,
	MAX_NR_ZONES
};

/*
 * gfp_zone(): the highest zone the request may use, or -1 (GFP_ZONE_BAD):
 * GFP_ZONE_TABLE for x86-64, where __GFP_HIGHMEM means ZONE_NORMAL
 * (OPT_ZONE_HIGHMEM) unless paired with __GFP_MOVABLE. Static inline, as
 * in the kernel: every allocation asks.
 */
static inline int gfp_zone(gfp_t flags)
{
	switch (flags & GFP_ZONEMASK) {
	case 0:
	case GFP__HIGHMEM:
	case GFP__MOVABLE:
		return ZONE_NORMAL;
	case GFP__DMA:
	case GFP__MOVABLE | GFP__DMA:
		return ZONE_DMA;
	case GFP__DMA32:
	case GFP__MOVABLE | GFP__DMA32:
		return ZONE_DMA32;
	case GFP__MOVABLE | GFP__HIGHMEM:
		return ZONE_MOVABLE;
	default:
		return -1;       /* GFP_ZONE_BAD */
	}
}

/* CONFIG_CMA and CONFIG_MEMORY_ISOLATION are on: six migratetypes. */
enum migratetype {
	MIGRATE_UNMOVABLE,
	MIGRATE_MOVABLE,
	MIGRATE_RECLAIMABLE,
	MIGRATE_PCPTYPES,
	MIGRATE_HIGHATOMIC = MIGRATE_PCPTYPES,
	MIGRATE_CMA,
	MIGRATE_ISOLATE,
	MIGRATE_TYPES
};

enum zone_watermarks {
	WMARK_MIN,
	WMARK_LOW,
	WMARK_HIGH,
	NR_WMARK
};

/* zone->flags bits */
enum zone_flags {
	ZONE_BOOSTED_WATERMARK,
};

/* x86-64 zone limits (arch/x86/include/asm/dma.h). */
#define MAX_DMA_PFN   ((16UL * 1024 * 1024) >> PAGE_SHIFT)
#define MAX_DMA32_PFN (1UL << (32 - PAGE_SHIFT))

/*
 * MAX_ORDER and pageblock_order are compile-time constants in the kernel
 * (11 and 9 on x86-64). In mmsh they belong to the machine, so arrays are
 * sized by the largest value a machine may be given.
 */
#define MAX_ORDER_LIMIT 20
#define MAX_NUMNODES 16
#define MAX_CPUS 64
#define MAX_ZONES_PER_ZONELIST (MAX_NUMNODES * MAX_NR_ZONES)

/* Kernel constants used by the page allocator. */
#define PAGE_ALLOC_COSTLY_ORDER 3
#define MAX_RECLAIM_RETRIES 16
#define MIN_PERCPU_PAGELIST_FRACTION 8
#define LOCAL_DISTANCE 10
#define REMOTE_DISTANCE 20
#define PENALTY_FOR_NODE_WITH_CPUS 1
#define NUMA_NO_NODE (-1)

struct machine;
struct check_scratch;
struct pglist_data;
struct sample_ring;

/*
 * The kernel builds private lists on the stack (page_list, l_hold,
 * pages_to_free...). mmsh's lists live in the mem_map index space, so each
 * role has a head of its own in the machine.
 */
enum local_list {
	LL_PAGE_LIST,      /* shrink_inactive_list's page_list, shrink_active_list's l_hold */
	LL_SKIPPED,        /* isolate_lru_pages' pages_skipped */
	LL_FREE,           /* shrink_page_list's free_pages, move_pages_to_lru's pages_to_free */
	LL_RET,            /* shrink_page_list's ret_pages */
	LL_ACTIVE,         /* shrink_active_list's l_active */
	LL_INACTIVE,       /* shrink_active_list's l_inactive */
	LL_MIGRATE,        /* compact_control's migratepages */
	LL_FREEPAGES,      /* compact_control's freepages */
	LL_RELEASE,        /* release_pages()' pages_to_free */
	NR_LOCAL_LISTS
};

/* struct free_area: one list per migratetype; nr_free counts blocks. */
struct free_area {
	uint32_t free_list[MIGRATE_TYPES];   /* list head ids */
	unsigned long nr_free;
	/* mmsh: the blocks on each list, so views count in O(1) (page.h) */
	unsigned long nr_free_mt[MIGRATE_TYPES];
};

/* The state compaction keeps per zone (fields of struct zone in the kernel). */
struct compact_state {
	unsigned long cached_free_pfn;
	unsigned long cached_migrate_pfn[2];
	unsigned int considered;
	unsigned int defer_shift;
	int order_failed;
	bool blockskip_flush;
	/* where the last skip-hint reset found the first source and last target blocks */
	unsigned long init_migrate_pfn, init_free_pfn;
};

/* struct per_cpu_pages: the order-0 cache of one CPU for one zone. */
struct per_cpu_pages {
	int count;                           /* pages on all lists */
	int high;                            /* flush when count reaches this */
	int batch;                           /* refill / flush chunk */
	uint32_t lists[MIGRATE_PCPTYPES];    /* list head ids */
};

struct per_cpu_pageset {
	struct per_cpu_pages pcp;
	int stat_threshold;                  /* printed by zoneinfo */
};

struct zone {
	unsigned long _watermark[NR_WMARK];
	unsigned long watermark_boost;
	unsigned long nr_reserved_highatomic;
	unsigned long percpu_drift_mark;     /* 0 unless per-CPU drift could breach min */
	long lowmem_reserve[MAX_NR_ZONES];   /* printed as protection: */
	struct pglist_data *zone_pgdat;
	struct per_cpu_pageset *pageset;     /* one per CPU */
	unsigned long zone_start_pfn;
	unsigned long managed_pages;         /* given to the buddy allocator */
	unsigned long spanned_pages;         /* end - start, holes included */
	unsigned long present_pages;         /* pages that exist */
	const char *name;
	unsigned long nr_isolate_pageblock;
	struct free_area free_area[MAX_ORDER_LIMIT];
	unsigned long flags;                 /* enum zone_flags bits */
	long vm_stat[NR_VM_ZONE_STAT_ITEMS];
	unsigned long vm_numa_stat[NR_VM_NUMA_STAT_ITEMS];
	struct machine *machine;             /* mmsh: the kernel uses globals */
	enum zone_type idx;                  /* zone_idx() */
	struct compact_state compact;
};

struct zoneref {
	struct zone *zone;                   /* NULL terminates the list */
	int zone_idx;
};

enum {
	ZONELIST_FALLBACK,                   /* local node, then the others */
	ZONELIST_NOFALLBACK,                 /* __GFP_THISNODE: local only */
	MAX_ZONELISTS
};

struct zonelist {
	struct zoneref _zonerefs[MAX_ZONES_PER_ZONELIST + 1];
};

/* kswapd's state: mmsh runs it as a state machine, not a thread. */
enum kswapd_state {
	KSWAPD_SLEEPING,                     /* waiting on kswapd_wait */
	KSWAPD_WOKEN,                        /* woken: runs when time passes */
	KSWAPD_NAPPING,                      /* kswapd_try_to_sleep's short nap */
};

/*
 * mmsh: what the last balance_pgdat() did, pass by pass, for `kswapd step`
 * (the kernel keeps this in the scan_control on kswapd's stack).
 */
struct balance_pass {
	int priority;
	unsigned long nr_to_reclaim;         /* kswapd_shrink_node()'s target */
	unsigned long nr_scanned;
	unsigned long nr_reclaimed;
	unsigned long free_after;            /* free pages of the eligible zones */
	int scan_balance;                    /* enum scan_balance of get_scan_count() */
	unsigned long fraction[2];           /* anon, file weights (SCAN_FRACT) */
	unsigned long scan_nr[4];            /* its targets per evictable LRU list */
};

struct balance_log {
	int order;                           /* as asked, and as reached */
	int reclaim_order;
	int highest_zoneidx;
	unsigned long boost;                 /* nr_boost_reclaim at the start */
	int nr_passes;                       /* all of them; the first BALANCE_LOG_PASSES kept */
#define BALANCE_LOG_PASSES 32
	struct balance_pass pass[BALANCE_LOG_PASSES];
	bool balanced;                       /* ended balanced (else priority < 1) */
	int end_priority;                    /* the priority it ended at */
	bool failed;                         /* reclaimed nothing: kswapd_failures++ */
};

typedef struct pglist_data {
	struct zone node_zones[MAX_NR_ZONES];
	struct zonelist node_zonelists[MAX_ZONELISTS];
	int nr_zones;                        /* highest populated zone + 1 */
	unsigned long node_start_pfn;
	unsigned long node_present_pages;
	unsigned long node_spanned_pages;
	int node_id;
	int kswapd_order;
	enum zone_type kswapd_highest_zoneidx;   /* MAX_NR_ZONES: none asked */
	int kswapd_failures;
	enum kswapd_state kswapd_state;
	unsigned long kswapd_wakeups;        /* mmsh: wake-ups recorded */
	/* kswapd()'s local variables, kept while it naps or waits for a tick */
	unsigned long kswapd_nap_until;      /* jiffies, while napping */
	int kswapd_alloc_order;
	int kswapd_reclaim_order;
	int kswapd_zoneidx;                  /* highest_zoneidx of its last run */
	unsigned long kswapd_runs;           /* mmsh: balance_pgdat() calls */
	struct balance_log kswapd_log;       /* mmsh: the last balance_pgdat() */
	/* kcompactd */
	int kcompactd_max_order;
	enum zone_type kcompactd_highest_zoneidx;
	bool kcompactd_woken;                /* runs at the next tick */
	unsigned long kcompactd_next_check;  /* jiffies of the next proactive check */
	unsigned int kcompactd_proactive_defer;   /* proactive checks still to skip */
	unsigned long totalreserve_pages;
	long vm_stat[NR_VM_NODE_STAT_ITEMS];
	struct lruvec lruvec;                /* __lruvec: memcg is off */
	unsigned long flags;                 /* PGDAT_DIRTY, PGDAT_WRITEBACK */
	struct machine *machine;
} pg_data_t;

/* Transparent hugepage mode (--thp): decides khugepaged's watermark raise. */
enum thp_mode {
	THP_ALWAYS,
	THP_MADVISE,
	THP_NEVER,
};

/* The calling context: the kernel's `current` and smp_processor_id(). */
struct task_context {
	char comm[16];
	int pid;
	int cpu;
};

/* Shape of one zone at boot: pages spanned, present and managed. */
struct zone_shape {
	unsigned long spanned;               /* 0: the zone is empty */
	unsigned long present;
	unsigned long managed;
};

/*
 * struct machine_shape: what the machine looks like. Zones of a node are
 * laid out one after another in zone order; node 0 starts at start_pfn and
 * every other node right after the previous one. Holes (spanned - present)
 * are at the end of a zone's span, reserved pages (present - managed) at
 * the end of its present pages.
 */
struct machine_shape {
	int nr_nodes;
	int nr_cpus;
	unsigned int max_order;              /* MAX_ORDER */
	unsigned int pageblock_order;
	unsigned long start_pfn;
	struct zone_shape zones[MAX_NUMNODES][MAX_NR_ZONES];
	enum thp_mode thp;
	unsigned long swap_pages;            /* slots of the swap device; 0: none */
};

struct trace_event;
struct capture_control;
typedef void (*trace_fn)(const struct trace_event *ev, void *arg);
struct kstep;
typedef void (*kstep_fn)(struct machine *m, const struct kstep *st, void *arg);

/* Which block `alloc` handed out: mmsh's record of an allocation. */
struct alloc_stats {
	unsigned long blocks;                /* blocks currently held */
	unsigned long pages;
};

struct machine {
	/* shape */
	unsigned int max_order;              /* MAX_ORDER */
	unsigned int pageblock_order;
	unsigned long pageblock_nr_pages;
	int nr_cpus;
	int nr_node_ids;
	unsigned long max_pfn;               /* pfns [0, max_pfn) exist */
	int cpu_to_node[MAX_CPUS];
	enum thp_mode thp;
	struct machine_shape shape;          /* as given, for reset */

	/* memory */
	struct page *mem_map;                /* max_pfn pages, then list heads */
	uint32_t nr_list_heads;
	uint32_t next_list_head;
	uint8_t *pageblock_flags;            /* one byte per pageblock */
	uint64_t *bitmap24[MAX_ORDER_LIMIT]; /* the 2.4 buddy bitmaps */
	pg_data_t *node_data[MAX_NUMNODES];

	/* mm/page_alloc.c and sysctl globals */
	int min_free_kbytes;
	int user_min_free_kbytes;
	int watermark_scale_factor;
	int watermark_boost_factor;
	int sysctl_lowmem_reserve_ratio[MAX_NR_ZONES];
	int percpu_pagelist_fraction;
	bool page_group_by_mobility_disabled;
	unsigned long vm_total_pages;        /* from build_all_zonelists */
	bool khugepaged_started;             /* THP enabled and RAM >= 512 MiB */
	int min_free_kbytes_sqrt;            /* init_per_zone_wmark_min's value */
	unsigned long min_free_kbytes_thp;   /* khugepaged's proposal at boot */
	bool warned_atomic_reclaim;          /* a WARN_ON_ONCE has fired */
	unsigned long totalram_pages;
	unsigned long totalreserve_pages;
	unsigned long vm_events[NR_VM_EVENT_ITEMS];
	unsigned long swap_pages;            /* size of the swap device (--swap) */

	/* the caller, as the kernel would see it */
	struct task_context current;
	struct task *current_task;           /* the simulated task running, or NULL */
	bool current_oom_victim;             /* the OOM killer chose the caller */
	uint64_t clock_ns;                   /* simulated time */

	/* trace subscribers */
	uint64_t trace_mask;                 /* bit per enum trace_event_id */
	trace_fn trace_cb;
	void *trace_arg;
	/* the kernel-step subscriber (`why`, `step`): see kstep.h */
	kstep_fn kstep_cb;
	void *kstep_arg;

	/* set by rmqueue(): did the last page come off a per-CPU list? */
	bool rmqueue_via_pcp;

	/* blocks handed out by alloc, oldest first (linked by page->lru) */
	uint32_t alloc_list;
	uint64_t *alloc_heads;               /* bit per pfn: heads a held block */
	struct alloc_stats allocated;

	/* private list heads for functions that build local lists */
	uint32_t scratch_list;
	uint32_t local_lists[NR_LOCAL_LISTS]; /* reclaim's page_list, l_hold ... */
	/* compaction_capture(): a direct compactor waiting for a freed block */
	struct capture_control *capc;

	/* pages that have owners: tasks, files, swap, the disk, time */
	struct lru_pvecs pvecs[MAX_CPUS];
	struct task *tasks;                  /* MAX_TASKS slots */
	int next_pid;
	struct sim_file *files;              /* MAX_FILES slots */
	struct swap_device swap;
	struct disk disk;
	unsigned long jiffies;
	uint64_t rng;                        /* workload generators (--seed) */
	struct page_contents contents;       /* one data word per pfn, in chunks */
	uint32_t *tlb_pages;                 /* the mmu_gather of an unmap (MMU_GATHER_PAGES) */
	unsigned long current_flags;         /* PF_MEMALLOC, PF_KSWAPD */
	int sleep_depth;                     /* schedule_timeout() nesting */

	/* reclaim, writeback and OOM sysctls */
	int vm_swappiness;
	int sysctl_extfrag_threshold;
	int sysctl_compaction_proactiveness;
	int vm_dirty_ratio;
	int dirty_background_ratio;
	int dirty_expire_centisecs;
	int dirty_writeback_centisecs;
	unsigned long next_kupdate;          /* jiffies of the next periodic writeback */
	bool flusher_work;                   /* reclaim asked the flusher to write everything */
	int sysctl_panic_on_oom;
	int sysctl_oom_kill_allocating_task;
	int sysctl_oom_dump_tasks;
	int laptop_mode;
	int sysctl_drop_caches;
	bool drop_caches_stfu;               /* 4 was written: no more messages */
	bool panicked;                       /* "Kernel panic": nothing runs any more */
	unsigned long oom_rs_begin, oom_rs_printed, oom_rs_missed;   /* dump_header()'s rate limit */
	bool in_kcompactd;                   /* kcompactd is running (no nesting) */

	/* kernel messages (printk): the front end shows them as they come */
	void (*log_cb)(const char *line, void *arg);
	void *log_arg;
	/*
	 * The front end's interrupt (Ctrl-C): when it points at a nonzero flag,
	 * long loops (time passing, workloads, fault and read loops) stop at
	 * the next page or jiffy. The front end then puts back the machine of
	 * before the command: a stopped command leaves nothing behind.
	 */
	const volatile sig_atomic_t *interrupt;

	/* scratch space for check(), kept between checks (check.c) */
	struct check_scratch *check_scratch;
	/* pageblocks whose page descriptors changed since the last check */
	uint64_t *check_dirty;
	bool check_all_dirty;

	/* the free-page history `plot` draws (samples.h): one buffer, no pointers */
	struct sample_ring *samples;
};

/* ---- lookups ---------------------------------------------------------- */

static inline struct page *pfn_to_page(struct machine *m, unsigned long pfn)
{
	return &m->mem_map[pfn];
}

static inline unsigned long page_to_pfn(const struct machine *m,
					const struct page *page)
{
	return (unsigned long)(page - m->mem_map);
}

/* page_content_get()/page_content_set(): the data word of a pfn (page_content.h). */
static inline uint32_t page_content_get(const struct machine *m, unsigned long pfn)
{
	return contents_get(&m->contents, pfn);
}

static inline void page_content_set(struct machine *m, unsigned long pfn, uint32_t v)
{
	contents_set(&m->contents, pfn, v);
}

/* pfn_valid(): the pfn has a struct page in the simulated memory map. */
/* Has the front end asked the command running to stop (see interrupt)? */
static inline bool mm_interrupted(const struct machine *m)
{
	return m->interrupt && *m->interrupt;
}

static inline bool pfn_valid(const struct machine *m, unsigned long pfn)
{
	return pfn < m->max_pfn;
}

static inline pg_data_t *NODE_DATA(const struct machine *m, int nid)
{
	return m->node_data[nid];
}

static inline struct zone *page_zone(const struct machine *m,
				     const struct page *page)
{
	return &m->node_data[page_to_nid(page)]->node_zones[page_zonenum(page)];
}

static inline int zone_idx(const struct zone *zone)
{
	return (int)zone->idx;
}

static inline int zone_to_nid(const struct zone *zone)
{
	return zone->zone_pgdat->node_id;
}

static inline unsigned long zone_end_pfn(const struct zone *zone)
{
	return zone->zone_start_pfn + zone->spanned_pages;
}

static inline bool zone_spans_pfn(const struct zone *zone, unsigned long pfn)
{
	return zone->zone_start_pfn <= pfn && pfn < zone_end_pfn(zone);
}

static inline bool populated_zone(const struct zone *zone)
{
	return zone->present_pages != 0;
}

static inline bool managed_zone(const struct zone *zone)
{
	return zone->managed_pages != 0;
}

static inline unsigned long zone_managed_pages(const struct zone *zone)
{
	return zone->managed_pages;
}

/* Watermark accessors include the boost, as in the kernel. */
static inline unsigned long wmark_pages(const struct zone *z, int i)
{
	return z->_watermark[i] + z->watermark_boost;
}

static inline unsigned long min_wmark_pages(const struct zone *z)
{
	return wmark_pages(z, WMARK_MIN);
}

static inline unsigned long low_wmark_pages(const struct zone *z)
{
	return wmark_pages(z, WMARK_LOW);
}

static inline unsigned long high_wmark_pages(const struct zone *z)
{
	return wmark_pages(z, WMARK_HIGH);
}

static inline long zone_page_state(const struct zone *z,
				   enum zone_stat_item item)
{
	return z->vm_stat[item];
}

static inline void mod_zone_page_state(struct zone *z,
				       enum zone_stat_item item, long delta)
{
	z->vm_stat[item] += delta;
}

static inline void count_vm_events(struct machine *m, enum vm_event_item item,
				   unsigned long delta)
{
	m->vm_events[item] += delta;
}

/* numa_node_id(): the node of the CPU the caller runs on. */
static inline int numa_node_id(const struct machine *m)
{
	return m->cpu_to_node[m->current.cpu];
}

/* this_cpu_pcp(): the current CPU's pcp for a zone. */
static inline struct per_cpu_pages *this_cpu_pcp(struct zone *zone)
{
	return &zone->pageset[zone->machine->current.cpu].pcp;
}

/* for_each_zone_index style helpers */
struct zone *machine_zone(const struct machine *m, int nid, int zidx);

/* Names */
extern const char *const zone_names[MAX_NR_ZONES];
extern const char *const migratetype_names[MIGRATE_TYPES];

/*
 * page_changed(): every write to a page descriptor (other than its list
 * links) marks the page's pageblock, so check_machine_quick() can verify
 * just what changed since the last check. One store; no kernel analogue.
 */
static inline void page_changed(struct machine *m, unsigned long pfn)
{
	unsigned long b = pfn >> m->pageblock_order;

	m->check_dirty[b >> 6] |= 1ULL << (b & 63);
}

/* ---- pageblocks ---------------------------------------------------------- */

#define PB_MIGRATETYPE_MASK 0x7
#define PB_MIGRATE_SKIP 0x8

static inline int get_pfnblock_migratetype(const struct machine *m,
					   unsigned long pfn)
{
	return m->pageblock_flags[pfn >> m->pageblock_order] & PB_MIGRATETYPE_MASK;
}

static inline int get_pageblock_migratetype(const struct machine *m,
					    const struct page *page)
{
	return get_pfnblock_migratetype(m, page_to_pfn(m, page));
}

void set_pageblock_migratetype(struct machine *m, struct page *page,
			       int migratetype);

/* ---- machine life cycle (mmzone.c) -------------------------------------- */

/*
 * machine_shape_default() and friends fill in the SPEC presets.
 * machine_shape_x86() lays out `pages` pages the way x86-64 zones them.
 */
void machine_shape_init(struct machine_shape *s);
void machine_shape_default(struct machine_shape *s);
void machine_shape_tiny(struct machine_shape *s);
void machine_shape_numa(struct machine_shape *s);
int machine_shape_x86(struct machine_shape *s, unsigned long pages,
		      struct mm_error *err);
/* machine_shape_check(): is the shape one mmsh can boot? */
int machine_shape_check(const struct machine_shape *s, struct mm_error *err);

/* machine_create(): lay out memory and boot it as 5.10 does. */
struct machine *machine_create(const struct machine_shape *s,
			       struct mm_error *err);
void machine_destroy(struct machine *m);

/*
 * Snapshots, for `undo`, `why` and `step`: the engine is deterministic, so
 * a copy taken between commands does exactly what the original would do.
 * The copy has no subscribers (trace, kstep, printk): the caller subscribes
 * again. A copy taken inside a command (by a kstep subscriber) shows the
 * machine at that step, but only a copy taken between commands can run
 * on: what the command keeps on its stack (a compaction capture, in
 * m->capc, which the copy leaves NULL) is not in the machine. A heap
 * buffer added to struct machine must be added to machine_copy() too
 * (src/engine/mmzone.c); plain fields copy themselves. Every field of the
 * state, plain or not, must also be saved (src/engine/savestate.c, which
 * `save` and `load` use; tests/unit/test_savestate.c notices new fields).
 *
 * machine_clone(): a deep copy; NULL when the host is out of memory.
 * machine_copy(): make dst (another machine, not src) an exact copy of
 * src, reusing dst's buffers where their sizes match, so that copying into
 * a machine of the same shape allocates nothing but what tasks, files,
 * the disk queue and the content words (page_content.h) grew since.
 * Returns 0, or -1 when the host is out of
 * memory: dst is then fit only for machine_destroy() or another copy.
 * machine_bytes(): the host memory a copy of m takes.
 */
struct machine *machine_clone(const struct machine *src);
int machine_copy(struct machine *dst, const struct machine *src);
size_t machine_bytes(const struct machine *m);

/* Allocate a list head id from the machine's head space (boot only). */
uint32_t machine_new_list_head(struct machine *m);

/* set_current_cpu(): run the next requests on this CPU. */
int machine_set_cpu(struct machine *m, int cpu, struct mm_error *err);

/*
 * current->flags & PF_KTHREAD: no simulated task is running: mmsh's own
 * context (alloc and the other commands), kswapd, kcompactd, kworkers.
 */
static inline bool current_is_kthread(const struct machine *m)
{
	return m->current_task == NULL;
}

/*
 * Kernel threads (kswapd, kcompactd) run as `current` with their own comm,
 * pid, CPU (the first of their node) and PF_ flags; kthread_leave() puts
 * the interrupted caller back.
 */
struct kthread_context {
	struct task_context current;
	struct task *task;
	unsigned long flags;
};
#define KSWAPD_PID_BASE 97
#define KCOMPACTD_PID_BASE 33
void kthread_enter(struct machine *m, struct kthread_context *save, const char *name,
		   int nid, int pid);
void kthread_leave(struct machine *m, const struct kthread_context *save);

/*
 * task_enter()/task_leave(): the task becomes `current` while it works
 * (faults, reads, writes): tracepoints and the OOM report name it, and the
 * OOM killer can tell when it chose the caller. save restores the caller.
 */
struct task_run {
	struct task_context current;
	struct task *task;
	bool oom_victim;
};
void task_enter(struct machine *m, struct task *t, struct task_run *save);
void task_leave(struct machine *m, const struct task_run *save);

/*
 * printk(): a kernel message, one or more lines, each handed to the
 * subscriber with dmesg's "[seconds.micros] " prefix of the simulated clock.
 */
void printk(struct machine *m, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void printk_subscribe(struct machine *m, void (*fn)(const char *line, void *arg), void *arg);

/* Totals across zones. */
unsigned long global_zone_page_state(const struct machine *m,
				     enum zone_stat_item item);
unsigned long global_numa_state(const struct machine *m,
				enum numa_stat_item item);
unsigned long global_node_page_state(const struct machine *m,
				     enum node_stat_item item);

/* Which zone spans the pfn (NULL for none). */
struct zone *pfn_zone(const struct machine *m, unsigned long pfn);
/* Is the pfn a hole (not present) or reserved (present, not managed)? */
bool pfn_is_hole(const struct machine *m, unsigned long pfn);

/*
 * Zonelist walks (include/linux/mmzone.h and gfp.h), static inline as in
 * the kernel: every allocation makes them.
 * next_zones_zonelist(): z, or the first zoneref after it, at or below
 * highest_zoneidx (the terminating zoneref has no zone).
 */
static inline struct zoneref *next_zones_zonelist(struct zoneref *z, int highest_zoneidx)
{
	while (z->zone && z->zone_idx > highest_zoneidx)
		z++;
	return z;
}

/* first_zones_zonelist(): first zone at or below highest_zoneidx. */
static inline struct zoneref *first_zones_zonelist(struct zonelist *zl, int highest_zoneidx)
{
	return next_zones_zonelist(zl->_zonerefs, highest_zoneidx);
}

/* node_zonelist(): the zonelist a gfp mask uses on node nid. */
static inline struct zonelist *node_zonelist(struct machine *m, int nid, gfp_t flags)
{
	int which = (flags & GFP__THISNODE) ? ZONELIST_NOFALLBACK : ZONELIST_FALLBACK;

	return &m->node_data[nid]->node_zonelists[which];
}

/* nr_free_zone_pages(): free pages above high watermark in zones <= offset. */
unsigned long nr_free_zone_pages(struct machine *m, int offset);
unsigned long nr_free_buffer_pages(struct machine *m);

#endif
