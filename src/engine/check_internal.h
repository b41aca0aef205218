/*
 * src/engine/check_internal.h: what the two halves of the invariant
 * checker share: check.c (the allocator's lists, counters and derived
 * values) and check_owned.c (pages with owners: LRU lists, pagevecs,
 * tasks, the page cache, the swap device, dirty and writeback pages).
 */
#ifndef MMSH_CHECK_INTERNAL_H
#define MMSH_CHECK_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mmsh/check.h"
#include "mmsh/mmzone.h"

/* What the walk found at each pfn. */
enum mark {
	MARK_NONE,
	MARK_FREE_HEAD,
	MARK_FREE_TAIL,
	MARK_PCP,
	MARK_ALLOC_HEAD,
	MARK_ALLOC_TAIL,
	MARK_LRU,
	MARK_PAGEVEC,
};

extern const char *const check_mark_names[];

/*
 * A small open-addressing set of pfns with a byte of data each, for the
 * quick check: the heads found on the lists, looked up by the page scan.
 */
struct pfnset {
	uint32_t *key;            /* pfn + 1; 0 is an empty slot */
	uint8_t *val;
	size_t mask;
};

struct checker {
	struct machine *m;
	struct check_result *res;
	struct strbuf *sb;
	unsigned long max_reports;
	uint8_t *marks;           /* full check: what was found at each pfn */
	bool quick;               /* quick check: sets instead of marks */
	struct pfnset free_heads, pcp_pages, alloc_heads, owned_pages;
	unsigned long zone_pages[MAX_NUMNODES][MAX_NR_ZONES];   /* found per zone */
};

__attribute__((format(printf, 3, 4)))
bool check_fact(struct checker *c, bool ok, const char *fmt, ...);

int pfnset_init(struct pfnset *set, size_t expected);
void pfnset_free(struct pfnset *set);
bool pfnset_add(struct pfnset *set, uint32_t pfn, uint8_t val);
bool pfnset_get(const struct pfnset *set, uint32_t pfn, uint8_t *val);
/* Count pfn once more (the value saturates at 255). */
void pfnset_inc(struct pfnset *set, uint32_t pfn);

/* Mark the pages of [pfn, pfn + n) as found in one place. */
void check_mark_range(struct checker *c, unsigned long pfn, unsigned long n,
		      enum mark head, enum mark tail);
/* Walk one list, calling visit for each entry; returns the entries. */
unsigned long check_walk_list(struct checker *c, uint32_t head, const char *what,
			      void (*visit)(struct checker *, uint32_t, void *), void *arg);

/*
 * check_owned(): the LRU lists and pagevecs (marking their pages, which
 * count toward each zone's managed pages), then every owner's view of its
 * pages. The invariant kinds it adds.
 */
#define CHECK_OWNED_INVARIANTS 12
void check_owned(struct checker *c);
/* Pages the LRU lists and pagevecs hold (to size the quick check's set). */
unsigned long check_owned_pages(const struct machine *m);

#endif
