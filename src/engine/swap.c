/*
 * src/engine/swap.c: the swap device and the swap cache (mm/swapfile.c,
 * mm/swap_state.c, do_swap_page of mm/memory.c). A slot's usage byte counts
 * the page table entries naming it, plus SWAP_HAS_CACHE while a page in
 * memory stands for it. The slot keeps the data written to it.
 */
#include <stdlib.h>
#include <string.h>

#include "mmsh/kstep.h"
#include "mmsh/list.h"
#include "mmsh/lru.h"
#include "mmsh/mmzone.h"
#include "mmsh/page_alloc.h"
#include "mmsh/rmap.h"
#include "mmsh/swap.h"
#include "mmsh/vmscan.h"

int swap_init(struct machine *m, unsigned long nr_slots)
{
	struct swap_device *s = &m->swap;

	memset(s, 0, sizeof(*s));
	if (nr_slots < 2)
		return 0;   /* no room past the header: no swap */
	s->nr_slots = nr_slots;
	s->pages = nr_slots - 1;   /* setup_swap_map_and_extents(): the header page is bad */
	s->cluster_next = 1;
	s->map = calloc(nr_slots, 1);
	s->cache = calloc(nr_slots, sizeof(*s->cache));
	if (!s->map || contents_init(&s->data, nr_slots) < 0 || !s->cache)
		return -1;
	s->map[0] = SWAP_MAP_BAD;
	return 0;
}

void swap_free_all(struct machine *m)
{
	free(m->swap.map);
	contents_free(&m->swap.data);
	free(m->swap.cache);
	memset(&m->swap, 0, sizeof(m->swap));
}

unsigned long get_nr_swap_pages(const struct machine *m)
{
	return m->swap.pages - m->swap.inuse;
}

bool vm_swap_full(const struct machine *m)
{
	return m->swap.inuse * 2 > m->swap.pages;   /* nr_swap_pages * 2 < total_swap_pages */
}

/*
 * get_swap_page(): the next free slot at or after the cursor, wrapping,
 * from slot 1 (slot 0 holds the swap header). (The kernel allocates
 * per-CPU clusters of 256 slots through per-CPU slot caches of 64; a
 * single cursor gives the same sequential layout for one writer.)
 */
long get_swap_page(struct machine *m)
{
	struct swap_device *s = &m->swap;
	unsigned long i;

	if (s->inuse >= s->pages)
		return -1;
	for (i = 0; i < s->nr_slots; i++) {
		unsigned long slot = (s->cluster_next + i) % s->nr_slots;

		if (!s->map[slot]) {   /* slot 0 is SWAP_MAP_BAD */
			s->map[slot] = SWAP_HAS_CACHE;
			s->inuse++;
			s->cluster_next = slot + 1;
			return (long)slot;
		}
	}
	return -1;
}

/* A slot whose last reference went: free, its shadow gone too. */
static void swap_entry_free(struct machine *m, unsigned long slot)
{
	m->swap.map[slot] = 0;
	m->swap.cache[slot] = 0;
	m->swap.inuse--;
}

void swap_duplicate(struct machine *m, unsigned long slot)
{
	m->swap.map[slot]++;
}

void swap_free(struct machine *m, unsigned long slot)
{
	uint8_t *map = &m->swap.map[slot];

	(*map)--;
	if (!*map)
		swap_entry_free(m, slot);
}

/* The swap cache page of a slot: the page naming it in page->private. */
struct page *lookup_swap_cache(struct machine *m, unsigned long slot)
{
	uint64_t shadow = m->swap.cache[slot];

	m->swap.find_total++;
	if (!(m->swap.map[slot] & SWAP_HAS_CACHE) || !(shadow & SLOT_PRESENT))
		return NULL;
	m->swap.find_success++;
	return &m->mem_map[shadow & PTE_VALUE];
}

/*
 * add_to_swap(): reserve a slot and put the page in the swap cache; it is
 * marked dirty so pageout() writes it.
 */
bool add_to_swap(struct machine *m, struct page *page)
{
	long slot = get_swap_page(m);
	unsigned long pfn = page_to_pfn(m, page);

	if (slot < 0) {
		KSTEP(m, "add_to_swap", "pfn=0x%lx: no free swap slot (%lu of %lu in use)", pfn,
		      m->swap.inuse, m->swap.pages);
		return false;
	}
	set_page_flag(page, PG_swapcache);
	set_page_private(page, (uint32_t)slot + 1);
	m->swap.cache[slot] = SLOT_PRESENT | pfn;   /* the slot knows its page */
	m->swap.cache_pages++;
	m->swap.add_total++;
	page_zone(m, page)->zone_pgdat->vm_stat[NR_FILE_PAGES]++;   /* swap cache counts as cache */
	get_page(page);                                  /* the swap cache's reference */
	page_changed(m, pfn);
	set_page_dirty(m, page);
	KSTEP(m, "add_to_swap", "pfn=0x%lx gets swap slot %ld (%lu of %lu in use) and joins the swap "
	      "cache, dirty so that pageout() writes it", pfn, slot, m->swap.inuse, m->swap.pages);
	return true;
}

/*
 * delete_from_swap_cache(): the page leaves the cache; the slot keeps the
 * data (and, on eviction, a shadow for refault detection). The caller
 * drops the page's reference.
 */
void delete_from_swap_cache(struct machine *m, struct page *page, uint64_t shadow)
{
	unsigned long slot = page->private - 1;

	clear_page_flag(page, PG_swapcache);
	set_page_private(page, 0);
	page_changed(m, page_to_pfn(m, page));
	m->swap.cache[slot] = shadow;
	m->swap.cache_pages--;
	m->swap.del_total++;
	page_zone(m, page)->zone_pgdat->vm_stat[NR_FILE_PAGES]--;
	m->swap.map[slot] &= ~SWAP_HAS_CACHE;
	if (!m->swap.map[slot])
		swap_entry_free(m, slot);
}

/*
 * try_to_free_swap(): a swap cache page that no pte refers to through the
 * slot any more (the data is only needed in memory) gives the slot back.
 */
bool try_to_free_swap(struct machine *m, struct page *page)
{
	unsigned long slot;

	if (!PageSwapCache(page) || PageWriteback(page))
		return false;
	slot = page->private - 1;
	if (m->swap.map[slot] & SWAP_MAP_MAX)
		return false;   /* a pte still names the slot */
	delete_from_swap_cache(m, page, 0);
	set_page_dirty(m, page);   /* the only copy is in memory now */
	put_page(m, page);
	KSTEP(m, "try_to_free_swap", "pfn=0x%lx gives swap slot %lu back (no pte names it); dirty "
	      "again, memory holds the only copy (%lu of %lu slots in use)", page_to_pfn(m, page),
	      slot, m->swap.inuse, m->swap.pages);
	return true;
}

/*
 * do_swap_page(): the task touched a swapped-out vpage. The page is found
 * in the swap cache or read from the slot into a new page (which joins the
 * swap cache, the workingset decides its list), then mapped again.
 */
struct page *do_swap_page(struct machine *m, struct task *t, unsigned long vpage)
{
	unsigned long slot = pte_val(t->anon[vpage]);
	struct page *page = lookup_swap_cache(m, slot);

	count_vm_events(m, PGFAULT, 1);
	KSTEP(m, "do_swap_page", "%s (pid %d) touches vpage %lu, a swap entry for slot %lu: %s",
	      t->comm, t->pid, vpage, slot, page ? "the page is in the swap cache (minor fault)"
	      : "not in the swap cache: allocate a page and read the slot (major fault)");
	if (!page) {
		uint64_t shadow = m->swap.cache[slot];
		int tslot = (int)(t - m->tasks);

		page = alloc_pages_nodemask(m, GFP_HIGHUSER_MOVABLE, 0, numa_node_id(m), NULL);
		if (!page || !t->used || pte_val(t->anon[vpage]) != slot || !pte_swapped(t->anon[vpage])) {
			/* no memory, or the task was killed while we waited */
			if (page)
				put_page(m, page);
			KSTEP(m, "do_swap_page", "%s: the swap-in fails",
			      !page ? "the allocation failed" : "the task was killed meanwhile");
			return NULL;
		}
		/* __read_swap_cache_async(): the new page stands for the slot */
		set_page_flag(page, PG_swapbacked);
		set_page_flag(page, PG_swapcache);
		set_page_flag(page, PG_uptodate);
		set_page_private(page, (uint32_t)slot + 1);
		page->mapping = mapping_anon(tslot);
		page->index = (uint32_t)vpage;
		m->swap.map[slot] |= SWAP_HAS_CACHE;
		m->swap.cache[slot] = SLOT_PRESENT | page_to_pfn(m, page);
		m->swap.cache_pages++;
		m->swap.add_total++;
		page_zone(m, page)->zone_pgdat->vm_stat[NR_FILE_PAGES]++;
		page_content_set(m, page_to_pfn(m, page), contents_get(&m->swap.data, slot));
		page_changed(m, page_to_pfn(m, page));
		KSTEP(m, "do_swap_page", "pfn=0x%lx holds slot %lu's data and joins the swap cache%s",
		      page_to_pfn(m, page), slot, (shadow & SLOT_SHADOW)
		      ? "; the slot has a shadow entry: workingset_refault() decides its list" : "");
		/* the allocation's reference is the swap cache's; the pte takes one more */
		if (shadow & SLOT_SHADOW)
			workingset_refault(m, page, shadow);
		set_page_flag(page, PG_workingset);
		lru_cache_add(m, page);
		count_vm_events(m, PSWPIN, 1);
		count_vm_events(m, PGPGIN, 8);
		count_vm_events(m, PGMAJFAULT, 1);
	}
	/* map it: the pte's reference and mapcount; the slot loses the pte's */
	get_page(page);
	t->anon[vpage] = PTE_PRESENT | PTE_YOUNG | page_to_pfn(m, page);
	page_add_rmap(m, page);
	t->rss_anon++;
	t->swapents--;
	swap_free(m, slot);
	KSTEP(m, "do_swap_page", "pfn=0x%lx is mapped at vpage %lu (young pte); slot %lu loses the "
	      "pte's reference: %u left%s", page_to_pfn(m, page), vpage, slot,
	      (unsigned int)(m->swap.map[slot] & SWAP_MAP_MAX),
	      (m->swap.map[slot] & SWAP_HAS_CACHE) ? ", and the swap cache's" : ", the slot is free");
	/*
	 * a page of an mlocked task is mlocked lazily: reclaim's
	 * try_to_unmap() finds the VM_LOCKED mapping and culls it
	 */
	/* free the slot now if swap is filling up or the page is mlocked */
	if (vm_swap_full(m) || t->mlocked || PageMlocked(page))
		try_to_free_swap(m, page);
	return page;
}
