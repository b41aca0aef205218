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

/* A growing array of pfns (or swap slots). */
struct pfnlist {
	uint32_t *v;
	size_t n, cap;
};

/* The references to one page the owners hold, found by walking them. */
struct refs {
	uint16_t ptes;            /* ptes mapping it */
	uint16_t cache;           /* page cache or swap cache entries */
	uint16_t pvec;            /* pagevec entries */
	uint16_t owned;           /* on an LRU list or in the lru_add pagevec */
};

/*
 * What a check needs per pfn and per swap slot, kept in the machine from
 * one check to the next so that checks do not allocate and free it. refs and
 * slot_refs are all zero between checks: a check lists the entries it
 * makes non-zero (touched, slots) and clears just those when it ends, so
 * the quick check pays for what it visits, not for the memory's size.
 */
struct check_scratch {
	unsigned long max_pfn, nr_slots;   /* the sizes it was made for */
	uint8_t *marks;           /* full check: what was found at each pfn */
	struct refs *refs;        /* per pfn */
	uint8_t *slot_refs;       /* per swap slot: ptes naming it (saturates at 255) */
	uint64_t *bits24;         /* full check: the 2.4 bitmaps the free heads imply */
	size_t bits24_off[MAX_ORDER_LIMIT + 1];   /* where each order's bits start */
	struct pfnlist touched;   /* the pfns whose refs are not zero */
	struct pfnlist slots;     /* the slots whose slot_refs are not zero */
	struct pfnlist owned;     /* the owned pages found, in walk order */
	struct pfnlist swapcache; /* of them, those in the swap cache */
	bool lost;                /* a list could not grow: clear everything */
};

struct checker {
	struct machine *m;
	struct check_result *res;
	unsigned long facts;      /* res->facts, counted here until the check ends */
	struct strbuf *sb;
	unsigned long max_reports;
	struct check_scratch *scratch;
	uint8_t *marks;           /* full check: scratch->marks */
	bool quick;               /* quick check: sets instead of marks */
	struct pfnset free_heads, pcp_pages, alloc_heads, owned_pages;
	unsigned long zone_pages[MAX_NUMNODES][MAX_NR_ZONES];   /* found per zone */
};

/*
 * check_failed(): count a violation and describe it; returns false. Cold:
 * the compiler keeps the failure paths out of the loops that check pages.
 */
__attribute__((format(printf, 2, 3), cold))
bool check_failed(struct checker *c, const char *fmt, ...);

/*
 * check_fact(c, ok, fmt, ...): count one fact; when ok is false, report
 * it (check_failed()). Like the kernel's WARN(cond, fmt, ...), the
 * message's arguments are evaluated only when the fact fails: a check
 * verifies some twenty facts per page, and most cost less than the call
 * formatting their message would.
 */
#define check_fact(c, ok, ...) \
	((c)->facts++, (ok) ? true : check_failed((c), __VA_ARGS__))

bool pfnlist_grow(struct check_scratch *s, struct pfnlist *l);

/* Add x to the list; false (and scratch->lost) when it cannot grow. */
static inline bool pfnlist_push(struct check_scratch *s, struct pfnlist *l, uint32_t x)
{
	if (l->n == l->cap && !pfnlist_grow(s, l))
		return false;
	l->v[l->n++] = x;
	return true;
}

int pfnset_init(struct pfnset *set, size_t expected);
void pfnset_free(struct pfnset *set);
bool pfnset_add(struct pfnset *set, uint32_t pfn, uint8_t val);
bool pfnset_get(const struct pfnset *set, uint32_t pfn, uint8_t *val);

/* Mark the pages of [pfn, pfn + n) as found in one place. */
void check_mark_range(struct checker *c, unsigned long pfn, unsigned long n,
		      enum mark head, enum mark tail);

/* Mark one page (pfn < max_pfn) as found at `where`. */
static inline void check_mark_page(struct checker *c, unsigned long pfn, enum mark where)
{
	uint8_t *mk = &c->marks[pfn];

	if (check_fact(c, *mk == MARK_NONE, "pfn 0x%lx is both %s and %s", pfn,
		       check_mark_names[*mk], check_mark_names[where]))
		*mk = (uint8_t)where;
}

/*
 * check_walk_list(): walk one list, calling visit for each entry; returns
 * the entries, stopping (with a violation) on a broken link or a walk
 * longer than the memory could hold. Inline, so that each caller's visit
 * is inlined into its loop.
 */
static inline unsigned long check_walk_list(struct checker *c, uint32_t head, const char *what,
					    void (*visit)(struct checker *, uint32_t, void *),
					    void *arg)
{
	const struct machine *m = c->m;
	const struct page *mem_map = m->mem_map;
	unsigned long n = 0, max_pfn = m->max_pfn;
	uint32_t prev = head, id = mem_map[head].lru.next;

	while (id != head) {
		if (!check_fact(c, id < max_pfn, "%s: link to 0x%x is not a page", what, id))
			return n;
		if (!check_fact(c, mem_map[id].lru.prev == prev,
				"%s: pfn 0x%x's prev link is broken", what, id))
			return n;
		if (!check_fact(c, n <= max_pfn, "%s: the list loops", what))
			return n;
		visit(c, id, arg);
		n++;
		prev = id;
		id = mem_map[id].lru.next;
	}
	check_fact(c, mem_map[head].lru.prev == prev, "%s: the head's prev link is broken", what);
	return n;
}

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
