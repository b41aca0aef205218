/*
 * src/engine/views_internal.h: what views.c works out for its text views
 * and shares with records.c, so that a view's text and its records read
 * the machine the same way. Not part of the engine's API.
 */
#ifndef MMSH_VIEWS_INTERNAL_H
#define MMSH_VIEWS_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mmsh/mmzone.h"
#include "mmsh/strbuf.h"
#include "mmsh/workload.h"

/* ---- one page: where it is ------------------------------------------------ */

enum page_where {
	PAGE_HOLE,          /* no memory at this pfn */
	PAGE_RESERVED,      /* present, never given to the buddy allocator */
	PAGE_FREE_HEAD,     /* heads a free block */
	PAGE_FREE_TAIL,     /* inside a free block */
	PAGE_ALLOC_HEAD,    /* heads a block the alloc command handed out */
	PAGE_ALLOC_TAIL,    /* inside such a block */
	PAGE_PCP,           /* free on a per-CPU list */
	PAGE_OWNED,         /* a task's or a file's page (mapping or swap cache) */
	PAGE_ALLOCATED,     /* allocated otherwise */
};

struct page_loc {
	enum page_where where;
	unsigned int order;     /* FREE_*, ALLOC_*: the block's order */
	unsigned long head;     /* FREE_*, ALLOC_*: the block's first pfn */
	int migratetype;        /* the free list, the allocated block, the pcp list; or -1 */
	int cpu;                /* PCP: the list's CPU; OWNED: the lru_add pagevec's; or -1 */
	/* PAGE_OWNED */
	int lru;                /* the LRU list the page is on, or -1 */
	struct task *task;      /* an anonymous page's task, or NULL */
	int file;               /* a page cache page's file, or -1 */
	bool mapped, pte_young; /* anonymous: the task's pte maps it, and is young */
};

void page_locate(struct machine *m, unsigned long pfn, struct page_loc *loc);
/* The page's flags' names in dump_page's order; returns how many (at most max). */
size_t page_flag_names(const struct page *page, const char **names, size_t max);
/* The number view_page prints as mapping:. */
uint32_t mapping_ptr_hash(uint32_t mapping);
/* Which CPU's lru_add pagevec holds pfn, or -1. */
int pagevec_cpu(const struct machine *m, unsigned long pfn);

/* ---- the memory map --------------------------------------------------------- */

unsigned long map_pages_per_char(const struct zone *zone, unsigned long per);
int map_best_state(struct machine *m, unsigned long start, unsigned long end);
char map_state_char(int state);

/* ---- watermarks ---------------------------------------------------------------- */

enum wmark_level {
	WMARK_LEVEL_ABOVE_HIGH,      /* kswapd may sleep */
	WMARK_LEVEL_IN_PROTECTION,   /* above high, not above high + protection */
	WMARK_LEVEL_LOW_HIGH,
	WMARK_LEVEL_MIN_LOW,
	WMARK_LEVEL_AT_MIN,
	NR_WMARK_LEVELS
};

extern const char *const wmark_level_names[NR_WMARK_LEVELS];
enum wmark_level zone_wmark_level(const struct zone *zone, long *prot);
unsigned long boot_lowmem_pages(const struct machine *m);

/* ---- gfp --------------------------------------------------------------------------- */

void alloc_flags_names(unsigned int alloc_flags, struct strbuf *sb);

#endif
