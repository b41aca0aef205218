/*
 * src/engine/check.c: prove the engine's state consistent. Every list is
 * walked, every page visited once, and every counter recomputed from what
 * was found: a free block must be a PageBuddy head of the right order, a
 * page may sit in one place only, the 2.4 bitmap must equal the XOR of
 * its pair, and derived values must match their formulas.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_internal.h"
#include "mmsh/bitmap24.h"
#include "mmsh/check.h"
#include "mmsh/list.h"
#include "mmsh/page_alloc.h"
#include "mmsh/pcp.h"
#include "mmsh/watermark.h"

/*
 * The kinds verified, by both checks: list links, free block heads,
 * nr_free, NR_FREE_PAGES, NR_FREE_CMA_PAGES, pcp pages, pcp counts,
 * allocation records, no page in two places, PageBuddy only on free
 * heads, zone links in page flags, holes and reserved pages, free + pcp +
 * allocated = managed, the 2.4 bitmap, watermarks, lowmem_reserve, pcp
 * high/batch, totalram_pages, pageblock types; and those of
 * check_owned.c for pages on the LRU lists.
 */
#define CHECK_INVARIANTS (19 + CHECK_OWNED_INVARIANTS)

const char *const check_mark_names[] = {
	"nowhere", "a free block head", "inside a free block", "on a pcp list",
	"an allocated block head", "inside an allocated block", "on an LRU list",
	"in a pagevec",
};

bool check_failed(struct checker *c, const char *fmt, ...)
{
	va_list ap;
	char line[MM_ERROR_LEN];

	c->res->violations++;
	if (c->sb && c->res->violations <= c->max_reports) {
		va_start(ap, fmt);
		vsnprintf(line, sizeof(line), fmt, ap);
		va_end(ap);
		sb_printf(c->sb, "check: %s\n", line);
	}
	return false;
}

int pfnset_init(struct pfnset *set, size_t expected)
{
	size_t cap = 64;

	while (cap < 2 * expected + 16)
		cap *= 2;
	set->key = calloc(cap, sizeof(*set->key));
	set->val = calloc(cap, 1);
	set->mask = cap - 1;
	return set->key && set->val ? 0 : -1;
}

void pfnset_free(struct pfnset *set)
{
	free(set->key);
	free(set->val);
	set->key = NULL;
	set->val = NULL;
}

static size_t pfnset_slot(const struct pfnset *set, uint32_t pfn)
{
	size_t i = ((uint64_t)pfn * 0x9e3779b97f4a7c15ULL) >> 20 & set->mask;

	while (set->key[i] && set->key[i] != pfn + 1)
		i = (i + 1) & set->mask;
	return i;
}

/* Returns false when the pfn was already in the set (or the set is full). */
bool pfnset_add(struct pfnset *set, uint32_t pfn, uint8_t val)
{
	size_t i = pfnset_slot(set, pfn);

	if (set->key[i])
		return false;
	set->key[i] = pfn + 1;
	set->val[i] = val;
	return true;
}

bool pfnset_get(const struct pfnset *set, uint32_t pfn, uint8_t *val)
{
	size_t i = pfnset_slot(set, pfn);

	if (!set->key[i])
		return false;
	if (val)
		*val = set->val[i];
	return true;
}

/* Double the list's room; false (and s->lost) when the host has no memory. */
bool pfnlist_grow(struct check_scratch *s, struct pfnlist *l)
{
	size_t cap = l->cap ? l->cap * 2 : 1024;
	uint32_t *grown = realloc(l->v, cap * sizeof(*grown));

	if (!grown) {
		s->lost = true;
		return false;
	}
	l->v = grown;
	l->cap = cap;
	return true;
}

void check_scratch_free(struct check_scratch *s)
{
	if (!s)
		return;
	free(s->marks);
	free(s->refs);
	free(s->slot_refs);
	free(s->bits24);
	free(s->touched.v);
	free(s->slots.v);
	free(s->owned.v);
	free(s->swapcache.v);
	free(s);
}

/*
 * The machine's scratch, made (zeroed) on the first check or when the
 * memory or the swap device changed size; NULL when the host is out of
 * memory.
 */
static struct check_scratch *check_scratch_get(struct machine *m)
{
	struct check_scratch *s = m->check_scratch;
	size_t words = 0;
	unsigned int k;

	if (s && (s->max_pfn != m->max_pfn || s->nr_slots != m->swap.nr_slots)) {
		check_scratch_free(s);
		s = m->check_scratch = NULL;
	}
	if (s)
		return s;
	s = calloc(1, sizeof(*s));
	if (!s)
		return NULL;
	s->max_pfn = m->max_pfn;
	s->nr_slots = m->swap.nr_slots;
	s->marks = malloc(m->max_pfn);
	s->refs = calloc(m->max_pfn, sizeof(*s->refs));
	s->slot_refs = calloc(s->nr_slots + 1, 1);
	for (k = 0; k <= MAX_ORDER_LIMIT; k++) {
		s->bits24_off[k] = words;
		if (k < MAX_ORDER_LIMIT)
			words += (bitmap24_bits(m, k) + 63) / 64;
	}
	s->bits24 = malloc(words * sizeof(*s->bits24));
	if (!s->marks || !s->refs || !s->slot_refs || !s->bits24) {
		check_scratch_free(s);
		return NULL;
	}
	m->check_scratch = s;
	return s;
}

/* Zero what the check made non-zero, ready for the next check. */
static void check_scratch_clear(struct check_scratch *s)
{
	size_t i;

	if (s->lost) {
		memset(s->refs, 0, s->max_pfn * sizeof(*s->refs));
		memset(s->slot_refs, 0, s->nr_slots + 1);
		s->lost = false;
	} else {
		for (i = 0; i < s->touched.n; i++)
			memset(&s->refs[s->touched.v[i]], 0, sizeof(*s->refs));
		for (i = 0; i < s->slots.n; i++)
			s->slot_refs[s->slots.v[i]] = 0;
	}
	s->touched.n = 0;
	s->slots.n = 0;
	s->owned.n = 0;
	s->swapcache.n = 0;
}

/*
 * Mark a block's pages: the common case (all of them unmarked) is checked
 * and written a block at a time; pages already marked are reported one
 * by one.
 */
void check_mark_range(struct checker *c, unsigned long pfn, unsigned long n,
		       enum mark head, enum mark tail)
{
	unsigned long i, end = pfn + n < c->m->max_pfn ? pfn + n : c->m->max_pfn;
	uint8_t *marks = c->marks, seen = MARK_NONE;

	if (pfn >= end)
		return;
	for (i = pfn; i < end; i++)
		seen |= marks[i];
	if (seen == MARK_NONE) {
		c->facts += end - pfn;
		marks[pfn] = (uint8_t)head;
		memset(&marks[pfn + 1], tail, end - pfn - 1);
		return;
	}
	for (i = pfn; i < end; i++) {
		uint8_t *mk = &marks[i];

		if (!check_fact(c, *mk == MARK_NONE, "pfn 0x%lx is both %s and %s", i,
			  check_mark_names[*mk], check_mark_names[i > pfn ? tail : head]))
			continue;
		*mk = (uint8_t)(i > pfn ? tail : head);
	}
}

struct free_ctx {
	struct zone *zone;
	unsigned int order;
	int mt;
	unsigned long pages;
};

/*
 * Mark a free block found on a list; a head newly marked flips the bit of
 * its pair in the 2.4 bitmap its order implies (check_bitmap24() compares).
 */
static void mark_free_block(struct checker *c, uint32_t pfn, unsigned long n)
{
	const struct machine *m = c->m;
	const struct check_scratch *s = c->scratch;
	bool fresh = c->marks[pfn] == MARK_NONE;
	unsigned int k = buddy_order(&m->mem_map[pfn]);

	check_mark_range(c, pfn, n, MARK_FREE_HEAD, MARK_FREE_TAIL);
	if (fresh && k < m->max_order) {
		unsigned long i = pfn >> (k + 1);

		s->bits24[s->bits24_off[k] + i / 64] ^= 1ULL << (i % 64);
	}
}

static void visit_free(struct checker *c, uint32_t pfn, void *arg)
{
	struct free_ctx *f = arg;
	struct machine *m = c->m;
	struct page *page = &m->mem_map[pfn];
	unsigned long n = 1UL << f->order;

	check_fact(c, PageBuddy(page), "free block 0x%x (order %u) is not PageBuddy", pfn, f->order);
	check_fact(c, buddy_order(page) == f->order,
	     "free block 0x%x is on the order-%u list but records order %u", pfn,
	     f->order, buddy_order(page));
	check_fact(c, buddy_list_type(page) == f->mt,
	     "free block 0x%x is on the %s list but records list type %d", pfn,
	     migratetype_names[f->mt], buddy_list_type(page));
	check_fact(c, (pfn & (n - 1)) == 0, "free block 0x%x is not aligned to order %u", pfn,
	     f->order);
	check_fact(c, page_zone(m, page) == f->zone, "free block 0x%x is on zone %s's list but belongs to %s",
	     pfn, f->zone->name, page_zone(m, page)->name);
	check_fact(c, zone_spans_pfn(f->zone, pfn) && pfn + n <= zone_end_pfn(f->zone),
	     "free block 0x%x (order %u) crosses zone %s's edge", pfn, f->order, f->zone->name);
	check_fact(c, page_ref_count(page) == 0, "free block 0x%x has refcount %d", pfn,
	     page_ref_count(page));
	if (c->quick)
		check_fact(c, pfnset_add(&c->free_heads, pfn, (uint8_t)f->order),
		     "free block 0x%x is on two free lists", pfn);
	else
		mark_free_block(c, pfn, n);
	f->pages += n;
	c->zone_pages[zone_to_nid(f->zone)][f->zone->idx] += n;
}

static void check_free_lists(struct checker *c, struct zone *zone)
{
	struct machine *m = c->m;
	long free_pages = 0, free_cma = 0;
	unsigned int o;
	int t;

	for (o = 0; o < m->max_order; o++) {
		unsigned long blocks = 0;

		for (t = 0; t < MIGRATE_TYPES; t++) {
			struct free_ctx f = { zone, o, t, 0 };
			unsigned long n;
			char what[80];

			snprintf(what, sizeof(what), "zone %s free_area[%u] %s list",
				 zone->name, o, migratetype_names[t]);
			n = check_walk_list(c, zone->free_area[o].free_list[t], what, visit_free, &f);
			check_fact(c, n == zone->free_area[o].nr_free_mt[t],
			     "zone %s free_area[%u].nr_free_mt[%s] is %lu but the list holds %lu blocks",
			     zone->name, o, migratetype_names[t], zone->free_area[o].nr_free_mt[t], n);
			blocks += n;
			if (t != MIGRATE_ISOLATE)
				free_pages += (long)f.pages;
			if (t == MIGRATE_CMA)
				free_cma += (long)f.pages;
		}
		check_fact(c, blocks == zone->free_area[o].nr_free,
		     "zone %s free_area[%u].nr_free is %lu but the lists hold %lu blocks",
		     zone->name, o, zone->free_area[o].nr_free, blocks);
	}
	check_fact(c, free_pages == zone_page_state(zone, NR_FREE_PAGES),
	     "zone %s NR_FREE_PAGES is %ld but the free lists hold %ld pages",
	     zone->name, zone_page_state(zone, NR_FREE_PAGES), free_pages);
	check_fact(c, free_cma == zone_page_state(zone, NR_FREE_CMA_PAGES),
	     "zone %s NR_FREE_CMA_PAGES is %ld but the CMA lists hold %ld pages",
	     zone->name, zone_page_state(zone, NR_FREE_CMA_PAGES), free_cma);
}

struct pcp_ctx {
	struct zone *zone;
	int cpu;
};

static void visit_pcp(struct checker *c, uint32_t pfn, void *arg)
{
	struct pcp_ctx *p = arg;
	struct page *page = &c->m->mem_map[pfn];

	check_fact(c, page_zone(c->m, page) == p->zone, "pcp page 0x%x of cpu %d zone %s belongs to zone %s",
	     pfn, p->cpu, p->zone->name, page_zone(c->m, page)->name);
	check_fact(c, !PageBuddy(page), "pcp page 0x%x is marked PageBuddy", pfn);
	check_fact(c, page_ref_count(page) == 0, "pcp page 0x%x has refcount %d", pfn,
	     page_ref_count(page));
	if (c->quick)
		check_fact(c, pfnset_add(&c->pcp_pages, pfn, 0), "pcp page 0x%x is on two pcp lists", pfn);
	else
		check_mark_page(c, pfn, MARK_PCP);
	c->zone_pages[zone_to_nid(p->zone)][p->zone->idx]++;
}

static void check_pcp(struct checker *c, struct zone *zone)
{
	int cpu, t;

	for (cpu = 0; cpu < c->m->nr_cpus; cpu++) {
		struct per_cpu_pages *pcp = &zone->pageset[cpu].pcp;
		struct pcp_ctx p = { zone, cpu };
		unsigned long n = 0;

		for (t = 0; t < MIGRATE_PCPTYPES; t++) {
			char what[80];

			snprintf(what, sizeof(what), "cpu %d zone %s pcp %s list", cpu,
				 zone->name, migratetype_names[t]);
			n += check_walk_list(c, pcp->lists[t], what, visit_pcp, &p);
		}
		check_fact(c, (unsigned long)pcp->count == n,
		     "cpu %d zone %s pcp count is %d but the lists hold %lu pages", cpu,
		     zone->name, pcp->count, n);
		check_fact(c, pcp->batch >= 1, "cpu %d zone %s pcp batch is %d", cpu, zone->name,
		     pcp->batch);
	}
}

struct alloc_ctx {
	unsigned long blocks;
	unsigned long pages;
};

static void visit_alloc(struct checker *c, uint32_t pfn, void *arg)
{
	struct alloc_ctx *a = arg;
	struct machine *m = c->m;
	struct page *page = &m->mem_map[pfn];
	unsigned int order = mmsh_alloc_order(page);
	unsigned long n = 1UL << order;
	struct zone *zone = page_zone(m, page);

	check_fact(c, mmsh_is_held_head(m, pfn), "allocated block 0x%x is not marked as held", pfn);
	check_fact(c, order < m->max_order, "allocated block 0x%x records order %u", pfn, order);
	if (order >= m->max_order)
		return;
	check_fact(c, page_ref_count(page) >= 1, "allocated block 0x%x has refcount %d", pfn,
	     page_ref_count(page));
	check_fact(c, !PageBuddy(page), "allocated block 0x%x is marked PageBuddy", pfn);
	check_fact(c, (pfn & (n - 1)) == 0, "allocated block 0x%x is not aligned to order %u",
	     pfn, order);
	check_fact(c, zone_spans_pfn(zone, pfn) && pfn + n <= zone_end_pfn(zone),
	     "allocated block 0x%x (order %u) crosses zone %s's edge", pfn, order, zone->name);
	if (c->quick)
		check_fact(c, pfnset_add(&c->alloc_heads, pfn, (uint8_t)order),
		     "allocated block 0x%x is recorded twice", pfn);
	else
		check_mark_range(c, pfn, n, MARK_ALLOC_HEAD, MARK_ALLOC_TAIL);
	c->zone_pages[zone_to_nid(zone)][zone->idx] += n;
	a->blocks++;
	a->pages += n;
}

/* One pfn of check_pages(), each of its facts that fails reported. */
static void check_page(struct checker *c, struct zone *zone, unsigned long pfn, bool managed)
{
	struct page *page = &c->m->mem_map[pfn];
	uint8_t mk = c->marks[pfn];

	if (page_zonenum(page) != (unsigned int)zone->idx ||
	    page_to_nid(page) != (unsigned int)zone_to_nid(zone))
		check_fact(c, false, "pfn 0x%lx is in zone %s but its flags say node %u zone %u",
		     pfn, zone->name, page_to_nid(page), page_zonenum(page));
	if (PageBuddy(page) != (mk == MARK_FREE_HEAD))
		check_fact(c, false, "pfn 0x%lx is %s but PageBuddy is %s", pfn, check_mark_names[mk],
		     PageBuddy(page) ? "set" : "clear");
	if (managed) {
		if (mk == MARK_NONE)
			check_fact(c, false, "managed pfn 0x%lx is lost: on no list, not allocated, not owned",
			     pfn);
		if (PageReserved(page))
			check_fact(c, false, "managed pfn 0x%lx is PageReserved", pfn);
	} else {
		if (mk != MARK_NONE)
			check_fact(c, false, "pfn 0x%lx is a hole or reserved but is %s", pfn,
			     check_mark_names[mk]);
		if (!PageReserved(page))
			check_fact(c, false, "hole or reserved pfn 0x%lx is not PageReserved", pfn);
	}
}

/*
 * Every pfn: zone links, PageBuddy only on free heads, managed pages found
 * once, holes and reserved pages found nowhere. A page that passes costs
 * one test; check_page() finds which of its facts failed.
 */
static void check_pages(struct checker *c, struct zone *zone)
{
	const struct page *mem_map = c->m->mem_map;
	const uint8_t *marks = c->marks;
	unsigned long start = zone->zone_start_pfn, end = zone_end_pfn(zone), pfn;
	unsigned long managed_end = start + zone->managed_pages < end ? start + zone->managed_pages : end;
	struct page probe = { 0 };
	unsigned int links;

	set_page_links(&probe, (unsigned int)zone->idx, (unsigned int)zone_to_nid(zone));
	links = page_zone_id(&probe);
	for (pfn = start; pfn < managed_end; pfn++) {
		const struct page *page = &mem_map[pfn];
		uint8_t mk = marks[pfn];

		if (page_zone_id(page) != links || PageBuddy(page) != (mk == MARK_FREE_HEAD) ||
		    mk == MARK_NONE || PageReserved(page))
			check_page(c, zone, pfn, true);
	}
	for (pfn = managed_end; pfn < end; pfn++) {
		const struct page *page = &mem_map[pfn];

		if (page_zone_id(page) != links || PageBuddy(page) || marks[pfn] != MARK_NONE ||
		    !PageReserved(page))
			check_page(c, zone, pfn, false);
	}
	c->facts += zone->spanned_pages;
}

/*
 * bit[k][i] == F_k(i << (k+1)) XOR F_k((i << (k+1)) + (1 << k)), F_k(p)
 * being "p heads a free block of order k": each free head marked flipped
 * its pair's bit in scratch->bits24 (mark_free_block()), so the bitmaps
 * are compared 64 bits at a time and only the differing bits reported.
 */
static void check_bitmap24(struct checker *c)
{
	struct machine *m = c->m;
	unsigned int k;

	for (k = 0; k < m->max_order; k++) {
		const uint64_t *want = &c->scratch->bits24[c->scratch->bits24_off[k]];
		unsigned long w, bits = bitmap24_bits(m, k), words = (bits + 63) / 64;

		for (w = 0; w < words; w++) {
			uint64_t diff = want[w] ^ m->bitmap24[k][w];

			if (w == words - 1 && bits % 64)
				diff &= (1ULL << (bits % 64)) - 1;
			while (diff) {
				unsigned long i = w * 64 + (unsigned long)__builtin_ctzll(diff);
				unsigned long a = i << (k + 1), b = a + (1UL << k);

				diff &= diff - 1;
				check_fact(c, false, "2.4 bitmap order %u bit %lu is %d; pair 0x%lx/0x%lx says %d",
					   k, i, bitmap24_test(m, i, k), a, b, !bitmap24_test(m, i, k));
			}
		}
		c->facts += bits;
	}
}

/* Watermarks, lowmem_reserve, totalreserve and pcp sizes, from their formulas. */
static void check_derived(struct checker *c)
{
	struct machine *m = c->m;
	unsigned long lowmem = 0, pages_min =
		(unsigned long)m->min_free_kbytes >> (PAGE_SHIFT - 10);
	unsigned long totalram = 0;
	int nid, z, j, cpu;

	for (nid = 0; nid < m->nr_node_ids; nid++)
		for (z = 0; z < MAX_NR_ZONES; z++)
			lowmem += m->node_data[nid]->node_zones[z].managed_pages;
	for (nid = 0; nid < m->nr_node_ids; nid++) {
		pg_data_t *pgdat = m->node_data[nid];

		for (z = 0; z < MAX_NR_ZONES; z++) {
			struct zone *zone = &pgdat->node_zones[z];
			unsigned long managed = zone->managed_pages;
			unsigned long min = pages_min * managed / lowmem;
			unsigned long step = managed * (unsigned long)m->watermark_scale_factor / 10000;
			unsigned long sum = 0;

			totalram += managed;
			if (min / 4 > step)
				step = min / 4;
			check_fact(c, zone->_watermark[WMARK_MIN] == min &&
				 zone->_watermark[WMARK_LOW] == min + step &&
				 zone->_watermark[WMARK_HIGH] == min + 2 * step,
			     "zone %s watermarks %lu/%lu/%lu, formula gives %lu/%lu/%lu",
			     zone->name, zone->_watermark[WMARK_MIN], zone->_watermark[WMARK_LOW],
			     zone->_watermark[WMARK_HIGH], min, min + step, min + 2 * step);
			for (j = 0; j < MAX_NR_ZONES; j++) {
				long want = 0;
				int ratio = m->sysctl_lowmem_reserve_ratio[z];

				if (j > z)
					sum += pgdat->node_zones[j].managed_pages;
				if (j > z && ratio && managed && z < MAX_NR_ZONES - 1)
					want = (long)(sum / (unsigned long)ratio);
				check_fact(c, zone->lowmem_reserve[j] == want,
				     "zone %s lowmem_reserve[%d] is %ld, formula gives %ld",
				     zone->name, j, zone->lowmem_reserve[j], want);
			}
			if (!populated_zone(zone))
				continue;
			for (cpu = 0; cpu < m->nr_cpus; cpu++) {
				struct per_cpu_pageset want;

				pageset_set_high_and_batch(zone, &want);
				check_fact(c, zone->pageset[cpu].pcp.high == want.pcp.high &&
					 zone->pageset[cpu].pcp.batch == want.pcp.batch,
				     "cpu %d zone %s pcp high/batch %d/%d, formula gives %d/%d", cpu,
				     zone->name, zone->pageset[cpu].pcp.high,
				     zone->pageset[cpu].pcp.batch, want.pcp.high, want.pcp.batch);
			}
		}
	}
	check_fact(c, totalram == m->totalram_pages, "totalram_pages is %lu, zones manage %lu",
	     m->totalram_pages, totalram);
}

static void check_pageblocks(struct checker *c)
{
	struct machine *m = c->m;
	unsigned long b, blocks = (m->max_pfn >> m->pageblock_order) + 1;

	for (b = 0; b < blocks; b++)
		if ((m->pageblock_flags[b] & PB_MIGRATETYPE_MASK) >= MIGRATE_TYPES)
			check_fact(c, false, "pageblock %lu has migratetype %d", b,
			     m->pageblock_flags[b] & PB_MIGRATETYPE_MASK);
	c->facts += blocks;
}

static void checker_init(struct checker *c, struct machine *m, struct check_result *res,
			 struct strbuf *sb, unsigned long max_reports, bool quick)
{
	memset(c, 0, sizeof(*c));
	c->m = m;
	c->res = res;
	c->sb = sb;
	c->max_reports = max_reports;
	c->quick = quick;
	memset(res, 0, sizeof(*res));
	res->invariants = CHECK_INVARIANTS;
}

/* The facts counted go to the caller's result; returns the violations. */
static unsigned long checker_done(struct checker *c)
{
	c->res->facts = c->facts;
	return c->res->violations;
}

/* A held block's head, as the machine marks it. */
static bool held_head(const struct machine *m, unsigned long pfn)
{
	return mmsh_is_held_head(m, pfn);
}

/* The zone that spans pfn, caching the last answer (pfns come in order). */
static struct zone *zone_of(struct machine *m, unsigned long pfn, struct zone **cache)
{
	if (!*cache || !zone_spans_pfn(*cache, pfn))
		*cache = pfn_zone(m, pfn);
	return *cache;
}

/*
 * Quick check of one pageblock whose pages changed: every page found in
 * exactly one place (or none, for holes and reserved pages), every head
 * the page fields announce present on the lists, and the 2.4 bits of the
 * pairs touching the block. Blocks of a pageblock or more that contain it
 * are found from their aligned heads.
 */
static void check_dirty_block(struct checker *c, unsigned long b, uint8_t *cover)
{
	struct machine *m = c->m;
	unsigned long start = b << m->pageblock_order, end = start + m->pageblock_nr_pages;
	unsigned long pfn, n, i;
	struct zone *cache = NULL;
	unsigned int k;
	uint8_t v;

	if (start >= m->max_pfn)
		return;
	if (end > m->max_pfn)
		end = m->max_pfn;
	n = end - start;
	memset(cover, 0, n);
	for (k = m->pageblock_order + 1; k < m->max_order; k++) {
		unsigned long h = start & ~((1UL << k) - 1);
		struct page *hp = &m->mem_map[h];

		if (PageBuddy(hp) && buddy_order(hp) == k) {
			check_fact(c, pfnset_get(&c->free_heads, (uint32_t)h, &v) && v == k,
			     "pfn 0x%lx is PageBuddy (order %u) but on no free list", h, k);
			for (i = 0; i < n; i++)
				cover[i]++;
		}
		if (held_head(m, h) && mmsh_alloc_order(hp) == k) {
			check_fact(c, pfnset_get(&c->alloc_heads, (uint32_t)h, &v) && v == k,
			     "pfn 0x%lx heads an allocated block but is not recorded", h);
			for (i = 0; i < n; i++)
				cover[i]++;
		}
	}
	for (pfn = start; pfn < end; pfn++) {
		struct page *page = &m->mem_map[pfn];
		struct zone *zone = zone_of(m, pfn, &cache);
		bool managed = zone && pfn < zone->zone_start_pfn + zone->managed_pages;
		unsigned long span;

		if (PageBuddy(page) && buddy_order(page) <= m->pageblock_order) {
			k = buddy_order(page);
			check_fact(c, pfnset_get(&c->free_heads, (uint32_t)pfn, &v) && v == k,
			     "pfn 0x%lx is PageBuddy (order %u) but on no free list", pfn, k);
			span = 1UL << k;
			for (i = pfn - start; i < n && i < pfn - start + span; i++)
				cover[i]++;
		} else if (PageBuddy(page) && !(pfn == start && (pfn & ((1UL << buddy_order(page)) - 1)) == 0)) {
			check_fact(c, false, "pfn 0x%lx is PageBuddy with order %u but not at an aligned head",
			     pfn, buddy_order(page));
		}
		if (held_head(m, pfn) && mmsh_alloc_order(page) <= m->pageblock_order) {
			k = mmsh_alloc_order(page);
			check_fact(c, pfnset_get(&c->alloc_heads, (uint32_t)pfn, &v) && v == k,
			     "pfn 0x%lx heads an allocated block but is not recorded", pfn);
			span = 1UL << k;
			for (i = pfn - start; i < n && i < pfn - start + span; i++)
				cover[i]++;
		}
		if (pfnset_get(&c->pcp_pages, (uint32_t)pfn, NULL))
			cover[pfn - start]++;
		if (pfnset_get(&c->owned_pages, (uint32_t)pfn, NULL))
			cover[pfn - start]++;
		if (zone && (page_zonenum(page) != (unsigned int)zone->idx ||
			     page_to_nid(page) != (unsigned int)zone_to_nid(zone)))
			check_fact(c, false, "pfn 0x%lx is in zone %s but its flags say node %u zone %u",
			     pfn, zone->name, page_to_nid(page), page_zonenum(page));
		if (managed) {
			if (cover[pfn - start] != 1)
				check_fact(c, false, "managed pfn 0x%lx is in %u places", pfn, cover[pfn - start]);
			if (PageReserved(page))
				check_fact(c, false, "managed pfn 0x%lx is PageReserved", pfn);
		} else {
			if (cover[pfn - start])
				check_fact(c, false, "hole or reserved pfn 0x%lx is on a list or allocated", pfn);
			if (!PageReserved(page))
				check_fact(c, false, "hole or reserved pfn 0x%lx is not PageReserved", pfn);
		}
	}
	c->facts += n;
	/* the 2.4 bits of every pair that has a block in this pageblock */
	for (k = 0; k < m->max_order; k++) {
		unsigned long first = start >> (k + 1), last = (end - 1) >> (k + 1), idx;

		for (idx = first; idx <= last; idx++) {
			unsigned long a = idx << (k + 1), bb = a + (1UL << k);
			bool fa = a < m->max_pfn && PageBuddy(&m->mem_map[a]) &&
				  buddy_order(&m->mem_map[a]) == k;
			bool fb = bb < m->max_pfn && PageBuddy(&m->mem_map[bb]) &&
				  buddy_order(&m->mem_map[bb]) == k;

			if (bitmap24_test(m, idx, k) != (fa ^ fb))
				check_fact(c, false, "2.4 bitmap order %u bit %lu is %d; pair 0x%lx/0x%lx says %d",
				     k, idx, bitmap24_test(m, idx, k), a, bb, fa ^ fb);
			c->facts++;
		}
	}
	if ((m->pageblock_flags[b] & PB_MIGRATETYPE_MASK) >= MIGRATE_TYPES)
		check_fact(c, false, "pageblock %lu has migratetype %d", b,
		     m->pageblock_flags[b] & PB_MIGRATETYPE_MASK);
}

/* Walk every list, check every counter and derived value (both modes). */
static void check_lists(struct checker *c)
{
	struct machine *m = c->m;
	struct alloc_ctx a = { 0, 0 };
	int nid, z;

	for (nid = 0; nid < m->nr_node_ids; nid++)
		for (z = 0; z < MAX_NR_ZONES; z++) {
			struct zone *zone = &m->node_data[nid]->node_zones[z];

			check_free_lists(c, zone);
			check_pcp(c, zone);
		}
	check_walk_list(c, m->alloc_list, "allocation records", visit_alloc, &a);
	check_fact(c, a.blocks == m->allocated.blocks && a.pages == m->allocated.pages,
	     "alloc holds %lu blocks / %lu pages by its counters, %lu / %lu by its list",
	     m->allocated.blocks, m->allocated.pages, a.blocks, a.pages);
	check_owned(c);
	for (nid = 0; nid < m->nr_node_ids; nid++)
		for (z = 0; z < MAX_NR_ZONES; z++) {
			struct zone *zone = &m->node_data[nid]->node_zones[z];

			check_fact(c, c->zone_pages[nid][z] == zone->managed_pages,
			     "zone %s: free + pcp + allocated + owned = %lu pages, managed = %lu", zone->name,
			     c->zone_pages[nid][z], zone->managed_pages);
		}
	check_derived(c);
}

static void clear_dirty(struct machine *m)
{
	unsigned long blocks = (m->max_pfn >> m->pageblock_order) + 1;

	memset(m->check_dirty, 0, (blocks + 63) / 64 * sizeof(uint64_t));
	m->check_all_dirty = false;
}


unsigned long check_machine(struct machine *m, struct check_result *res,
			    struct strbuf *sb, unsigned long max_reports)
{
	struct checker c;
	unsigned long pfn;
	int nid, z;

	checker_init(&c, m, res, sb, max_reports, false);
	c.scratch = check_scratch_get(m);
	if (!c.scratch) {
		check_fact(&c, false, "out of host memory for the check");
		return checker_done(&c);
	}
	c.marks = c.scratch->marks;
	memset(c.marks, MARK_NONE, m->max_pfn);
	memset(c.scratch->bits24, 0, c.scratch->bits24_off[m->max_order] * sizeof(uint64_t));
	check_lists(&c);
	check_scratch_clear(c.scratch);
	for (nid = 0; nid < m->nr_node_ids; nid++)
		for (z = 0; z < MAX_NR_ZONES; z++)
			check_pages(&c, &m->node_data[nid]->node_zones[z]);
	/* pfns outside every zone (a hole below the first zone) */
	for (pfn = 0; pfn < m->max_pfn; pfn++) {
		if (pfn_zone(m, pfn))
			break;
		check_fact(&c, c.marks[pfn] == MARK_NONE && PageReserved(&m->mem_map[pfn]),
		     "pfn 0x%lx lies outside every zone but is not a reserved hole", pfn);
	}
	check_bitmap24(&c);
	check_pageblocks(&c);
	clear_dirty(m);
	return checker_done(&c);
}

unsigned long check_machine_quick(struct machine *m, struct check_result *res,
				  struct strbuf *sb, unsigned long max_reports)
{
	struct checker c;
	unsigned long blocks = (m->max_pfn >> m->pageblock_order) + 1, free_blocks = 0, pcp = 0, w;
	uint8_t *cover;
	unsigned int o;
	int nid, z;

	if (m->check_all_dirty)
		return check_machine(m, res, sb, max_reports);
	checker_init(&c, m, res, sb, max_reports, true);
	for (nid = 0; nid < m->nr_node_ids; nid++)
		for (z = 0; z < MAX_NR_ZONES; z++) {
			struct zone *zone = &m->node_data[nid]->node_zones[z];

			for (o = 0; o < m->max_order; o++)
				free_blocks += zone->free_area[o].nr_free;
			pcp += zone_pcp_pages(zone);
		}
	c.scratch = check_scratch_get(m);
	cover = malloc(m->pageblock_nr_pages);
	if (!c.scratch || !cover || pfnset_init(&c.free_heads, free_blocks) < 0 ||
	    pfnset_init(&c.pcp_pages, pcp) < 0 ||
	    pfnset_init(&c.alloc_heads, m->allocated.blocks) < 0 ||
	    pfnset_init(&c.owned_pages, check_owned_pages(m)) < 0) {
		check_fact(&c, false, "out of host memory for the check");
		goto out;
	}
	check_lists(&c);
	check_scratch_clear(c.scratch);
	for (w = 0; w < (blocks + 63) / 64; w++) {
		uint64_t bits = m->check_dirty[w];

		while (bits) {
			unsigned long b = w * 64 + (unsigned long)__builtin_ctzll(bits);

			bits &= bits - 1;
			if (b < blocks)
				check_dirty_block(&c, b, cover);
		}
	}
	clear_dirty(m);
out:
	free(cover);
	pfnset_free(&c.free_heads);
	pfnset_free(&c.pcp_pages);
	pfnset_free(&c.alloc_heads);
	pfnset_free(&c.owned_pages);
	return checker_done(&c);
}
