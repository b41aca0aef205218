/*
 * include/mmsh/page_alloc.h: the buddy allocator of mm/page_alloc.c (Linux
 * 5.10): allocation (fast path, slow path without reclaim), freeing, the
 * fallback between migratetypes, and mmsh's record of the blocks `alloc`
 * handed out. Names follow the kernel; a kernel name that begins with
 * underscores loses them, and takes a trailing _ where the plain name is
 * also a kernel function (__rmqueue is rmqueue_, rmqueue stays rmqueue).
 */
#ifndef MMSH_PAGE_ALLOC_H
#define MMSH_PAGE_ALLOC_H

#include <stdbool.h>

#include "mmsh/gfp.h"
#include "mmsh/mmzone.h"
#include "mmsh/strbuf.h"

/* ALLOC_* flags of mm/internal.h */
#define ALLOC_WMARK_MIN     WMARK_MIN
#define ALLOC_WMARK_LOW     WMARK_LOW
#define ALLOC_WMARK_HIGH    WMARK_HIGH
#define ALLOC_NO_WATERMARKS 0x04
#define ALLOC_WMARK_MASK    (ALLOC_NO_WATERMARKS - 1)
#define ALLOC_OOM           0x08
#define ALLOC_HARDER        0x10
#define ALLOC_HIGH          0x20
#define ALLOC_CPUSET        0x40
#define ALLOC_CMA           0x80
#define ALLOC_NOFRAGMENT    0x100
#define ALLOC_KSWAPD        0x800

/* Free Page Internal flags */
#define FPI_NONE               0x0
#define FPI_SKIP_REPORT_NOTIFY 0x1
#define FPI_TO_TAIL            0x2

/* struct alloc_context (mm/internal.h) */
struct alloc_context {
	struct zonelist *zonelist;
	struct zoneref *preferred_zoneref;   /* first_zones_zonelist(): walks start here */
	int migratetype;
	int highest_zoneidx;
	bool spread_dirty_pages;
};

/*
 * Why the last allocation ended the way it did: what `alloc` prints and
 * what `why` will show. Filled by alloc_pages_nodemask().
 */
enum alloc_outcome {
	ALLOC_OK_FASTPATH,          /* get_page_from_freelist at the low mark */
	ALLOC_OK_SLOWPATH,          /* after waking kswapd, at the min mark */
	ALLOC_OK_RESERVES,          /* ALLOC_NO_WATERMARKS or ALLOC_OOM */
	ALLOC_OK_RECLAIM,           /* after direct reclaim */
	ALLOC_OK_COMPACT,           /* after direct compaction */
	ALLOC_OK_OOM,               /* the high-mark try before the OOM killer */
	ALLOC_OK_NOFAIL,            /* __GFP_NOFAIL's ALLOC_HARDER fallback */
	ALLOC_FAIL_ORDER,           /* order >= MAX_ORDER */
	ALLOC_FAIL_NO_ZONE,         /* no zone in the zonelist may be used */
	ALLOC_FAIL_NOWAIT,          /* below min and may not direct-reclaim */
	ALLOC_FAIL_NORETRY,         /* __GFP_NORETRY: one round of reclaim/compaction */
	ALLOC_FAIL_COSTLY,          /* order > 3 without __GFP_RETRY_MAYFAIL */
	ALLOC_FAIL_OOM,             /* retries exhausted, the OOM killer did not help */
	ALLOC_FAIL_OOM_VICTIM,      /* the caller was killed by the OOM killer */
	ALLOC_FAIL_PANIC,           /* no killable task: the kernel panicked */
	ALLOC_FAIL_LIVELOCK,        /* mmsh stopped a loop the kernel never leaves */
};

/* Why __alloc_pages_may_oom() did not call the OOM killer. */
enum oom_skip {
	OOM_NOT_SKIPPED,
	OOM_SKIP_COSTLY,            /* order > PAGE_ALLOC_COSTLY_ORDER */
	OOM_SKIP_MAYFAIL,           /* __GFP_RETRY_MAYFAIL or __GFP_THISNODE */
	OOM_SKIP_LOWMEM,            /* highest zone below ZONE_NORMAL */
};

/* The slow path's retry loop runs at most this many rounds in mmsh. */
#define SLOWPATH_MAX_ROUNDS 100

struct alloc_report {
	enum alloc_outcome outcome;
	bool via_pcp;               /* the page came off a per-CPU list */
	bool woke_kswapd;           /* wake_all_kswapds() ran */
	bool warned_atomic_reclaim; /* the slow path's WARN_ON_ONCE fired */
	unsigned int alloc_flags;   /* the flags of the attempt that ended it */
	gfp_t gfp;
	/* what the slow path did */
	unsigned int rounds;        /* passes through retry: */
	unsigned int reclaims;      /* __alloc_pages_direct_reclaim() calls */
	unsigned long reclaimed;    /* pages they freed */
	bool drained;               /* drain_all_pages() after reclaim */
	unsigned int compactions;   /* __alloc_pages_direct_compact() calls */
	int compact_result;         /* the last one's enum compact_result */
	bool captured;              /* compaction_capture() handed the block over */
	unsigned int reclaim_retries, compact_retries;
	unsigned int oom_calls, oom_kills;
	enum oom_skip oom_skipped;
};

/* ---- the buddy lists -------------------------------------------------- */

void add_to_free_list(struct page *page, struct zone *zone,
		      unsigned int order, int migratetype);
void add_to_free_list_tail(struct page *page, struct zone *zone,
			   unsigned int order, int migratetype);
void move_to_free_list(struct page *page, struct zone *zone,
		       unsigned int order, int migratetype);
void del_page_from_free_list(struct page *page, struct zone *zone,
			     unsigned int order);
struct page *get_page_from_free_area(struct free_area *area, int migratetype,
				     struct machine *m);
bool free_area_empty(const struct free_area *area, int migratetype,
		     const struct machine *m);

/* ---- allocation ------------------------------------------------------- */

void expand(struct zone *zone, struct page *page, int low, int high,
	    int migratetype);
struct page *rmqueue_smallest(struct zone *zone, unsigned int order,
			      int migratetype);
bool can_steal_fallback(const struct machine *m, unsigned int order,
			int start_mt);
int find_suitable_fallback(struct free_area *area, unsigned int order,
			   int migratetype, bool only_stealable,
			   bool *can_steal, struct machine *m);
bool boost_watermark(struct zone *zone);
int move_freepages_block(struct zone *zone, struct page *page,
			 int migratetype, int *num_movable);
void steal_suitable_fallback(struct zone *zone, struct page *page,
			     unsigned int alloc_flags, int start_type,
			     bool whole_block);
bool rmqueue_fallback(struct zone *zone, int order, int start_migratetype,
		      unsigned int alloc_flags);
struct page *rmqueue_(struct zone *zone, unsigned int order, int migratetype,
		      unsigned int alloc_flags);
struct page *rmqueue(struct zone *preferred_zone, struct zone *zone,
		     unsigned int order, gfp_t gfp_flags,
		     unsigned int alloc_flags, int migratetype);
void reserve_highatomic_pageblock(struct page *page, struct zone *zone,
				  unsigned int alloc_order);

/*
 * zone_statistics(): NUMA hit/miss/foreign/local/other of one allocation.
 * Static inline, as in the kernel: every allocation counts.
 */
static inline void zone_statistics(struct zone *preferred_zone, struct zone *z)
{
	int nid = zone_to_nid(z);

	if (nid == zone_to_nid(preferred_zone)) {
		z->vm_numa_stat[NUMA_HIT]++;
	} else {
		z->vm_numa_stat[NUMA_MISS]++;
		preferred_zone->vm_numa_stat[NUMA_FOREIGN]++;
	}
	if (nid == numa_node_id(z->machine))
		z->vm_numa_stat[NUMA_LOCAL]++;
	else
		z->vm_numa_stat[NUMA_OTHER]++;
}

struct page *get_page_from_freelist(struct machine *m, gfp_t gfp_mask,
				    unsigned int order, unsigned int alloc_flags,
				    const struct alloc_context *ac);
unsigned int gfp_to_alloc_flags(struct machine *m, gfp_t gfp_mask);
unsigned int alloc_flags_nofragment(struct zone *zone, gfp_t gfp_mask);
unsigned int current_alloc_flags(struct machine *m, gfp_t gfp_mask,
				 unsigned int alloc_flags);
int gfp_pfmemalloc_flags(gfp_t gfp_mask);
/* The same for the machine's current context (PF_MEMALLOC, OOM victim). */
int gfp_pfmemalloc_flags_(struct machine *m, gfp_t gfp_mask);
int gfp_migratetype(const struct machine *m, gfp_t gfp_flags);

/*
 * alloc_pages_nodemask(): __alloc_pages_nodemask(gfp, order, preferred_nid,
 * NULL). Returns the first page of the block or NULL; `report` (may be
 * NULL) receives how the request ended.
 */
struct page *alloc_pages_nodemask(struct machine *m, gfp_t gfp_mask,
				  unsigned int order, int preferred_nid,
				  struct alloc_report *report);

/* show_mem(): the "Mem-Info:" report of warn_alloc() and the OOM killer. */
void show_mem(struct machine *m, struct strbuf *sb);

/* warn_alloc(): the kernel's failure report with show_mem()'s summary. */
void warn_alloc(struct machine *m, gfp_t gfp_mask, unsigned int order,
		struct strbuf *sb);

/* ---- freeing ---------------------------------------------------------- */

bool page_is_buddy(const struct machine *m, const struct page *page,
		   const struct page *buddy, unsigned int order);
bool buddy_merge_likely(struct machine *m, unsigned long pfn,
			unsigned long buddy_pfn, unsigned int order);
void free_one_page_(struct page *page, unsigned long pfn, struct zone *zone,
		    unsigned int order, int migratetype, int fpi_flags);
void free_one_page(struct zone *zone, struct page *page, unsigned long pfn,
		   unsigned int order, int migratetype, int fpi_flags);
/* Kernel functions that reach no zone take the machine first. */
void free_pages_prepare(struct machine *m, struct page *page, unsigned int order);
void free_pages_ok(struct machine *m, struct page *page, unsigned int order,
		   int fpi_flags);
void free_pages_core(struct machine *m, struct page *page, unsigned int order);
/* free_the_page(): order 0 to the pcp list, higher orders to the buddy. */
void free_the_page(struct machine *m, struct page *page, unsigned int order);

/* ---- mmsh's record of blocks handed out by `alloc` -------------------- */

/*
 * mmsh_alloc(): alloc_pages on the current CPU (preferred node nid, or the
 * CPU's node when nid is NUMA_NO_NODE), and record the block. Returns the
 * pfn or -1 when the modelled kernel refused the request.
 */
long mmsh_alloc(struct machine *m, gfp_t gfp, unsigned int order, int nid,
		struct alloc_report *report);

/*
 * mmsh_alloc_record(): remember a block that left the allocator as one
 * `alloc` holds. The page itself stays as the kernel left it (mapping
 * NULL); the head is marked in machine->alloc_heads.
 */
void mmsh_alloc_record(struct machine *m, struct page *page, unsigned int order,
		       int migratetype);

/*
 * mmsh_alloc_unrecord(): forget a held block (the inverse of
 * mmsh_alloc_record); the page keeps its reference. Returns its order.
 */
unsigned int mmsh_alloc_unrecord(struct machine *m, unsigned long pfn);

/* mmsh_is_held_head(): does pfn head a block `alloc` holds? */
static inline bool mmsh_is_held_head(const struct machine *m, unsigned long pfn)
{
	return (m->alloc_heads[pfn >> 6] >> (pfn & 63)) & 1ULL;
}

/* mmsh_alloc_head(): the head pfn of the held block containing pfn, or -1. */
long mmsh_alloc_head(const struct machine *m, unsigned long pfn);

/*
 * mmsh_free_check(): may `free pfn [order]` proceed? order < 0 means "the
 * order the block was allocated with". Says why not in err.
 */
int mmsh_free_check(const struct machine *m, unsigned long pfn, int order,
		    struct mm_error *err);

/* mmsh_free(): __free_pages() of a held block, on the current CPU. */
int mmsh_free(struct machine *m, unsigned long pfn, int order,
	      struct mm_error *err);

/* mmsh_free_all(): free every held block, oldest first. */
unsigned long mmsh_free_all(struct machine *m);

/*
 * A held block's head records, in page->private, the order (bits 0-7)
 * and the requested migratetype (bits 8-11): the kernel leaves private to
 * the page's owner, and mmsh's `alloc` is the owner here.
 */
static inline unsigned int mmsh_alloc_order(const struct page *head)
{
	return head->private & 0xff;
}

static inline int mmsh_alloc_migratetype(const struct page *head)
{
	return (int)((head->private >> 8) & 0xf);
}

#endif
