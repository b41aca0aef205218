/*
 * include/mmsh/page.h: struct page, the descriptor of one physical page,
 * and the flag helpers (PageBuddy, buddy_order, ...) that Linux 5.10 keeps
 * in include/linux/mm_types.h and include/linux/page-flags.h.
 */
#ifndef MMSH_PAGE_H
#define MMSH_PAGE_H

#include <stdbool.h>
#include <stdint.h>

/* PAGE_SHIFT is 12 on x86-64: every simulated page is 4 KiB. */
#define PAGE_SHIFT 12
#define PAGE_SIZE (1UL << PAGE_SHIFT)
/* K(x): pages to kilobytes, as in mm/page_alloc.c. */
#define K(x) ((unsigned long)(x) << (PAGE_SHIFT - 10))

/*
 * The kernel links pages with pointers (struct list_head in page->lru).
 * mmsh links them with 32-bit indexes into the mem_map array, which keeps
 * struct page at 32 bytes (the kernel's is 64). List heads are extra
 * entries after the last pfn, so one index space holds pages and heads.
 */
struct list_head {
	uint32_t next;
	uint32_t prev;
};

/* enum pageflags of Linux 5.10 on x86-64: the bit numbers are the kernel's. */
enum pageflags {
	PG_locked,
	PG_referenced,
	PG_uptodate,
	PG_dirty,
	PG_lru,
	PG_active,
	PG_workingset,
	PG_waiters,
	PG_error,
	PG_slab,
	PG_owner_priv_1,
	PG_arch_1,
	PG_reserved,
	PG_private,
	PG_private_2,
	PG_writeback,
	PG_head,
	PG_mappedtodisk,
	PG_reclaim,
	PG_swapbacked,
	PG_unevictable,
	PG_mlocked,
	NR_PAGEFLAGS,
	PG_swapcache = PG_owner_priv_1,
};

/*
 * Like the kernel, the zone and node of a page live in the top bits of
 * page->flags (page_zonenum(), page_to_nid()).
 */
#define ZONES_WIDTH 2
#define NODES_WIDTH 4
#define ZONES_PGSHIFT (32 - ZONES_WIDTH)
#define NODES_PGSHIFT (ZONES_PGSHIFT - NODES_WIDTH)
#define ZONES_MASK ((1U << ZONES_WIDTH) - 1)
#define NODES_MASK ((1U << NODES_WIDTH) - 1)
#define PAGEFLAGS_MASK ((1U << NODES_PGSHIFT) - 1)

/* page_type values (include/linux/page-flags.h): stored inverted. */
#define PAGE_TYPE_BASE 0xf0000000U
#define PG_buddy 0x00000080U

struct page {
	uint32_t flags;          /* PG_* bits; node and zone in the top bits */
	struct list_head lru;    /* free list, pcp list, LRU or private list */
	uint32_t private;        /* buddy order of a free block head */
	uint32_t index;          /* pcp migratetype, or an owner's offset */
	uint32_t mapping;        /* owner handle; 0 is the kernel's NULL */
	union {
		int32_t _mapcount;   /* -1: not mapped */
		uint32_t page_type;  /* PageBuddy lives here, not in flags */
	};
	int32_t _refcount;       /* 0 for every free page (buddy or pcp) */
};

static inline bool test_page_flag(const struct page *page, enum pageflags f)
{
	return (page->flags >> f) & 1U;
}

static inline void set_page_flag(struct page *page, enum pageflags f)
{
	page->flags |= 1U << f;
}

static inline void clear_page_flag(struct page *page, enum pageflags f)
{
	page->flags &= ~(1U << f);
}

static inline bool PageReserved(const struct page *page)
{
	return test_page_flag(page, PG_reserved);
}

static inline bool PageLRU(const struct page *page)
{
	return test_page_flag(page, PG_lru);
}

static inline bool PageHead(const struct page *page)
{
	return test_page_flag(page, PG_head);
}

/* PageBuddy(): the page heads a block on a free_area list. */
static inline bool PageBuddy(const struct page *page)
{
	return (page->page_type & (PAGE_TYPE_BASE | PG_buddy)) == PAGE_TYPE_BASE;
}

static inline void SetPageBuddy(struct page *page)
{
	page->page_type &= ~PG_buddy;
}

static inline void ClearPageBuddy(struct page *page)
{
	page->page_type |= PG_buddy;
}

/*
 * A free block's head keeps its order in page->private, as the kernel's
 * does. mmsh also keeps there, above BUDDY_ORDER_BITS, the migratetype of
 * the free list the block is on (the kernel keeps nothing of the kind):
 * taking a block off a list then says which list's length to lower, so
 * the length of every list is known without walking it (nr_free_mt).
 */
#define BUDDY_ORDER_BITS 8
#define BUDDY_ORDER_MASK ((1U << BUDDY_ORDER_BITS) - 1)

/* buddy_order(): the order of the free block this page heads. */
static inline unsigned int buddy_order(const struct page *page)
{
	return page->private & BUDDY_ORDER_MASK;
}

/* buddy_list_type(): the migratetype of the free list the block is on. */
static inline int buddy_list_type(const struct page *page)
{
	return (int)(page->private >> BUDDY_ORDER_BITS);
}

static inline void set_buddy_list_type(struct page *page, int migratetype)
{
	page->private = (page->private & BUDDY_ORDER_MASK) |
			((uint32_t)migratetype << BUDDY_ORDER_BITS);
}

static inline void set_page_private(struct page *page, uint32_t v)
{
	page->private = v;
}

/*
 * set_buddy_order(): record the order and mark the page as a buddy head
 * (the list's migratetype, set when the block goes on a list, stays).
 */
static inline void set_buddy_order(struct page *page, unsigned int order)
{
	set_page_private(page, (page->private & ~BUDDY_ORDER_MASK) | order);
	SetPageBuddy(page);
}

static inline unsigned int page_zonenum(const struct page *page)
{
	return (page->flags >> ZONES_PGSHIFT) & ZONES_MASK;
}

static inline unsigned int page_to_nid(const struct page *page)
{
	return (page->flags >> NODES_PGSHIFT) & NODES_MASK;
}

/* page_zone_id(): node and zone together, compared by page_is_buddy(). */
static inline unsigned int page_zone_id(const struct page *page)
{
	return page->flags >> NODES_PGSHIFT;
}

static inline void set_page_links(struct page *page, unsigned int zone,
				  unsigned int nid)
{
	page->flags &= PAGEFLAGS_MASK;
	page->flags |= (zone & ZONES_MASK) << ZONES_PGSHIFT;
	page->flags |= (nid & NODES_MASK) << NODES_PGSHIFT;
}

static inline int page_ref_count(const struct page *page)
{
	return page->_refcount;
}

static inline void set_page_count(struct page *page, int v)
{
	page->_refcount = v;
}

/* page_mapcount(): the number of mappings (-128 shows for a buddy page). */
static inline int page_mapcount(const struct page *page)
{
	return page->_mapcount + 1;
}

static inline void page_mapcount_reset(struct page *page)
{
	page->_mapcount = -1;
}

/*
 * A stable stand-in for the kernel's hashed %p: 5.10 prints a 32-bit
 * siphash of the address, which cannot be reproduced. mmsh hashes the pfn.
 */
uint32_t page_ptr_hash(unsigned long pfn);

#endif
