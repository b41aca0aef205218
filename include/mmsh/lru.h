/*
 * include/mmsh/lru.h: the LRU lists of Linux 5.10 (mm/swap.c, mm_inline.h,
 * pagevec.h): one lruvec per node with five lists, the per-CPU pagevecs
 * that batch additions, activations and rotations, mark_page_accessed's
 * two-touch rule, and the helpers that say which list a page belongs on.
 */
#ifndef MMSH_LRU_H
#define MMSH_LRU_H

#include <stdbool.h>
#include <stdint.h>

#include "mmsh/page.h"

struct machine;
struct zone;

enum lru_list {
	LRU_INACTIVE_ANON,
	LRU_ACTIVE_ANON,
	LRU_INACTIVE_FILE,
	LRU_ACTIVE_FILE,
	LRU_UNEVICTABLE,
	NR_LRU_LISTS
};
#define LRU_BASE 0
#define LRU_ACTIVE 1
#define LRU_FILE 2
#define NR_EVICTABLE_LRU_LISTS LRU_UNEVICTABLE

extern const char *const lru_names[NR_LRU_LISTS];

/* lruvec->flags */
enum lruvec_flags {
	LRUVEC_CONGESTED,
};

/* One node's LRU lists (the kernel's root lruvec with memcg off). */
struct lruvec {
	uint32_t lists[NR_LRU_LISTS];   /* list head ids */
	unsigned long anon_cost;
	unsigned long file_cost;
	unsigned long nonresident_age;   /* workingset clock */
	unsigned long refaults[2];       /* WORKINGSET_ACTIVATE_* at the last snapshot */
	unsigned long flags;
	int node_id;                     /* lruvec_pgdat() */
};

/* include/linux/pagevec.h: PAGEVEC_SIZE pages batched per CPU. */
#define PAGEVEC_SIZE 15

struct pagevec {
	unsigned int nr;
	uint32_t pages[PAGEVEC_SIZE];
};

/* mm/swap.c's lru_pvecs, one set per CPU. */
struct lru_pvecs {
	struct pagevec lru_add;
	struct pagevec lru_rotate;
	struct pagevec lru_deactivate_file;
	struct pagevec lru_deactivate;
	struct pagevec activate_page;
};

/*
 * The pagevecs of one CPU's lru_pvecs as an initializer of an array of
 * pointers (const or not), for code that visits each of them:
 *	const struct pagevec *vecs[NR_LRU_PVECS] = LRU_PVECS_OF(p);
 */
#define NR_LRU_PVECS 5
#define LRU_PVECS_OF(p) { &(p)->lru_add, &(p)->lru_rotate, &(p)->lru_deactivate_file, \
			  &(p)->lru_deactivate, &(p)->activate_page }

/* The owner handle in page->mapping: bit 0 set for anonymous memory. */
#define PAGE_MAPPING_ANON 0x1U

static inline bool PageAnon(const struct page *page)
{
	return page->mapping & PAGE_MAPPING_ANON;
}

static inline bool PageSwapBacked(const struct page *page)
{
	return test_page_flag(page, PG_swapbacked);
}

static inline bool PageActive(const struct page *page)
{
	return test_page_flag(page, PG_active);
}

static inline bool PageUnevictable(const struct page *page)
{
	return test_page_flag(page, PG_unevictable);
}

static inline bool PageSwapCache(const struct page *page)
{
	return PageSwapBacked(page) && test_page_flag(page, PG_swapcache);
}

/*
 * mm/util.c: page_mapping() != NULL — the page's data belongs to an
 * address space: a file, or the swap cache. Other anonymous memory has none.
 */
static inline bool page_has_mapping(const struct page *page)
{
	if (PageSwapCache(page))
		return true;
	return page->mapping && !PageAnon(page);
}

static inline bool PageDirty(const struct page *page)
{
	return test_page_flag(page, PG_dirty);
}

static inline bool PageWriteback(const struct page *page)
{
	return test_page_flag(page, PG_writeback);
}

static inline bool PageReferenced(const struct page *page)
{
	return test_page_flag(page, PG_referenced);
}

static inline bool PageReclaim(const struct page *page)
{
	return test_page_flag(page, PG_reclaim);
}

static inline bool PageMlocked(const struct page *page)
{
	return test_page_flag(page, PG_mlocked);
}

static inline bool PageLocked(const struct page *page)
{
	return test_page_flag(page, PG_locked);
}

/* page_is_file_lru(): file pages are the ones not backed by swap. */
static inline bool page_is_file_lru(const struct page *page)
{
	return !PageSwapBacked(page);
}

static inline bool page_mapped(const struct page *page)
{
	return page->_mapcount >= 0;
}

static inline bool is_file_lru(enum lru_list lru)
{
	return lru == LRU_INACTIVE_FILE || lru == LRU_ACTIVE_FILE;
}

static inline bool is_active_lru(enum lru_list lru)
{
	return lru == LRU_ACTIVE_ANON || lru == LRU_ACTIVE_FILE;
}

/* page_lru_base_type(), page_lru(): the list an evictable page belongs on. */
static inline enum lru_list page_lru_base_type(const struct page *page)
{
	return page_is_file_lru(page) ? LRU_INACTIVE_FILE : LRU_INACTIVE_ANON;
}

static inline enum lru_list page_lru(const struct page *page)
{
	if (PageUnevictable(page))
		return LRU_UNEVICTABLE;
	return (enum lru_list)(page_lru_base_type(page) + (PageActive(page) ? LRU_ACTIVE : 0));
}

struct lruvec *node_lruvec(struct machine *m, int nid);
struct lruvec *page_lruvec(struct machine *m, const struct page *page);

/* page_evictable(): not mlocked (mmsh has no unevictable mappings). */
bool page_evictable(const struct page *page);

/* The pages on one list of one zone (lruvec_lru_size without memcg). */
unsigned long lruvec_lru_size(struct machine *m, int nid, enum lru_list lru, int zone_idx);

/* List primitives that keep the per-zone and per-node counters. */
void add_page_to_lru_list(struct machine *m, struct page *page, enum lru_list lru);
void add_page_to_lru_list_tail(struct machine *m, struct page *page, enum lru_list lru);
void del_page_from_lru_list(struct machine *m, struct page *page, enum lru_list lru);
void update_lru_size(struct machine *m, struct page *page, enum lru_list lru, long nr);

/* Page references. */
static inline void get_page(struct page *page)
{
	page->_refcount++;
}

/* put_page(): drop a reference; at zero the page is freed (order 0). */
void put_page(struct machine *m, struct page *page);
/* release_pages(): put_page() of many; the freed ones go together, the last first. */
void release_pages(struct machine *m, const uint32_t *pfns, unsigned int nr);

/* mm/swap.c */
void lru_cache_add(struct machine *m, struct page *page);
/* __pagevec_lru_add(): put a private batch on the LRU lists and drop its references. */
void pagevec_lru_add(struct machine *m, struct pagevec *pvec);
void lru_cache_add_inactive_or_unevictable(struct machine *m, struct page *page, bool locked_vma);
void mark_page_accessed(struct machine *m, struct page *page);
void activate_page(struct machine *m, struct page *page);
/* deactivate_file_page(): an invalidation hint: to the inactive list's tail if clean. */
void deactivate_file_page(struct machine *m, struct page *page);
/* deactivate_page(): MADV_COLD: an active page to the inactive list. */
void deactivate_page(struct machine *m, struct page *page);
void rotate_reclaimable_page(struct machine *m, struct page *page);
void lru_add_drain_cpu(struct machine *m, int cpu);
void lru_add_drain(struct machine *m);
void lru_add_drain_all(struct machine *m);
void putback_lru_page(struct machine *m, struct page *page);
int isolate_lru_page(struct machine *m, struct page *page);
void lru_note_cost(struct machine *m, struct lruvec *lruvec, bool file, unsigned long nr_pages);

/* Pages in a CPU's pagevecs (not yet on a list). */
unsigned long pagevec_pages(const struct machine *m);

#endif
