/*
 * src/engine/check_owned.c: invariants of pages that have owners. Every
 * page on an LRU list or in a pagevec is owned by a task (anonymous), a
 * file (page cache) or the swap cache; every owner's reference leads to
 * such a page; refcounts and mapcounts equal the references found; the
 * LRU, dirty, writeback, mapped and mlock counters equal what the pages
 * say; swap slot counts equal the swap entries in page tables; and every
 * page, slot and file block still holds the data its owner wrote.
 */
#include <stdio.h>
#include <string.h>

#include "check_internal.h"
#include "mmsh/list.h"
#include "mmsh/lru.h"
#include "mmsh/rmap.h"
#include "mmsh/swap.h"
#include "mmsh/workload.h"

struct owned_walk {
	struct checker *c;
	struct check_scratch *s;  /* refs, slot_refs and the lists of both */
	unsigned long lru_zone[MAX_NUMNODES][MAX_NR_ZONES][NR_LRU_LISTS];
};

/* The references found to pfn (< max_pfn), listed as touched when new. */
static inline struct refs *refs_of(struct owned_walk *w, uint32_t pfn)
{
	struct refs *r = &w->s->refs[pfn];
	uint64_t word;

	memcpy(&word, r, sizeof(word));   /* all four fields at once */
	if (!word)
		pfnlist_push(w->s, &w->s->touched, pfn);
	return r;
}

/* One more pte names the slot (< nr_slots); the count saturates at 255. */
static void slot_named(struct owned_walk *w, unsigned long slot)
{
	uint8_t *n = &w->s->slot_refs[slot];

	if (!*n)
		pfnlist_push(w->s, &w->s->slots, (uint32_t)slot);
	if (*n < 255)
		(*n)++;
}

unsigned long check_owned_pages(const struct machine *m)
{
	unsigned long n = 0;
	int nid, lru;

	for (nid = 0; nid < m->nr_node_ids; nid++)
		for (lru = 0; lru < NR_LRU_LISTS; lru++)
			n += (unsigned long)m->node_data[nid]->vm_stat[NR_INACTIVE_ANON + lru];
	return n + pagevec_pages(m);
}

static bool page_is_owned(const struct page *page)
{
	return page->mapping || PageSwapCache(page);
}

/*
 * A page found on an LRU list or in the lru_add pagevec: in one place only.
 * (Always inline: the LRU walk calls it for most pages of the machine.)
 */
static inline __attribute__((always_inline))
void found_owned(struct owned_walk *w, uint32_t pfn, enum mark where)
{
	struct checker *c = w->c;
	struct machine *m = c->m;
	struct page *page = &m->mem_map[pfn];

	check_fact(c, !PageBuddy(page), "pfn 0x%x is %s and PageBuddy", pfn, check_mark_names[where]);
	check_fact(c, page_ref_count(page) >= 1, "pfn 0x%x is %s with refcount %d", pfn,
		   check_mark_names[where], page_ref_count(page));
	if (c->quick)
		check_fact(c, pfnset_add(&c->owned_pages, pfn, (uint8_t)where),
			   "pfn 0x%x is on an LRU list or pagevec twice", pfn);
	else
		check_mark_page(c, pfn, where);
	refs_of(w, pfn)->owned = 1;
	pfnlist_push(w->s, &w->s->owned, pfn);
	if (PageSwapCache(page))
		pfnlist_push(w->s, &w->s->swapcache, pfn);
	c->zone_pages[page_to_nid(page)][page_zonenum(page)]++;   /* its page_zone()'s */
}

struct lru_ctx {
	struct owned_walk *w;
	int nid;
	enum lru_list lru;
};

static void visit_lru(struct checker *c, uint32_t pfn, void *arg)
{
	struct lru_ctx *l = arg;
	struct page *page = &c->m->mem_map[pfn];

	check_fact(c, PageLRU(page), "pfn 0x%x is on the %s list without PG_lru", pfn,
		   lru_names[l->lru]);
	check_fact(c, page_lru(page) == l->lru, "pfn 0x%x is on the %s list but its flags say %s",
		   pfn, lru_names[l->lru], lru_names[page_lru(page)]);
	check_fact(c, (int)page_to_nid(page) == l->nid, "pfn 0x%x of node %u is on node %d's LRU",
		   pfn, page_to_nid(page), l->nid);
	if (PageMlocked(page))
		check_fact(c, l->lru == LRU_UNEVICTABLE, "mlocked pfn 0x%x is on the %s list", pfn,
			   lru_names[l->lru]);
	else if (l->lru == LRU_UNEVICTABLE)
		check_fact(c, false, "evictable pfn 0x%x is stranded on the unevictable list", pfn);
	l->w->lru_zone[l->nid][page_zonenum(page) & 3][l->lru]++;
	found_owned(l->w, pfn, MARK_LRU);
}

/* The five lists of every node against the zone and node LRU counters. */
static void check_lruvecs(struct owned_walk *w)
{
	struct checker *c = w->c;
	struct machine *m = c->m;
	int nid, z, lru;

	for (nid = 0; nid < m->nr_node_ids; nid++) {
		pg_data_t *pgdat = m->node_data[nid];

		for (lru = 0; lru < NR_LRU_LISTS; lru++) {
			struct lru_ctx l = { w, nid, (enum lru_list)lru };
			unsigned long total = 0;
			char what[64];

			snprintf(what, sizeof(what), "node %d %s list", nid, lru_names[lru]);
			check_walk_list(c, pgdat->lruvec.lists[lru], what, visit_lru, &l);
			for (z = 0; z < MAX_NR_ZONES; z++) {
				struct zone *zone = &pgdat->node_zones[z];
				long counter = zone_page_state(zone, (enum zone_stat_item)(NR_ZONE_INACTIVE_ANON + lru));

				check_fact(c, counter == (long)w->lru_zone[nid][z][lru],
					   "zone %s nr_zone_%s is %ld but the list holds %lu of its pages",
					   zone->name, lru_names[lru], counter, w->lru_zone[nid][z][lru]);
				total += w->lru_zone[nid][z][lru];
			}
			check_fact(c, pgdat->vm_stat[NR_INACTIVE_ANON + lru] == (long)total,
				   "node %d nr_%s is %ld but the list holds %lu pages", nid,
				   lru_names[lru], pgdat->vm_stat[NR_INACTIVE_ANON + lru], total);
		}
		check_fact(c, pgdat->vm_stat[NR_ISOLATED_ANON] == 0 && pgdat->vm_stat[NR_ISOLATED_FILE] == 0,
			   "node %d has isolated pages (%ld anon, %ld file) between operations", nid,
			   pgdat->vm_stat[NR_ISOLATED_ANON], pgdat->vm_stat[NR_ISOLATED_FILE]);
	}
	for (lru = 0; lru < NR_LOCAL_LISTS; lru++)
		check_fact(c, list_empty(m->mem_map, m->local_lists[lru]),
			   "private list %d still holds pages between operations", lru);
}

/* Pages waiting in pagevecs: the lru_add ones are on no list; each holds a reference. */
static void check_pagevecs(struct owned_walk *w)
{
	struct checker *c = w->c;
	struct machine *m = c->m;
	int cpu;
	unsigned int i;

	for (cpu = 0; cpu < m->nr_cpus; cpu++) {
		const struct lru_pvecs *p = &m->pvecs[cpu];
		const struct pagevec *vecs[NR_LRU_PVECS] = LRU_PVECS_OF(p);
		int v;

		for (v = 0; v < NR_LRU_PVECS; v++) {
			check_fact(c, vecs[v]->nr < PAGEVEC_SIZE, "cpu %d pagevec %d holds %u pages", cpu,
				   v, vecs[v]->nr);
			for (i = 0; i < vecs[v]->nr && i < PAGEVEC_SIZE; i++) {
				uint32_t pfn = vecs[v]->pages[i];

				if (!check_fact(c, pfn < m->max_pfn, "cpu %d pagevec holds 0x%x", cpu, pfn))
					continue;
				if (v == 0) {
					check_fact(c, !PageLRU(&m->mem_map[pfn]),
						   "pfn 0x%x waits in cpu %d's lru_add pagevec with PG_lru", pfn, cpu);
					found_owned(w, pfn, MARK_PAGEVEC);
				}
				refs_of(w, pfn)->pvec++;
			}
		}
	}
}

/* One anonymous pte: its page belongs to the task and holds the task's data. */
static void check_anon_pte(struct owned_walk *w, struct task *t, uint32_t mapping,
			   unsigned long v, unsigned long *rss, unsigned long *swapents)
{
	struct checker *c = w->c;
	struct machine *m = c->m;
	pte_t pte = t->anon[v];

	if (pte_present(pte)) {
		unsigned long pfn = pte_val(pte);
		struct page *page;

		if (!check_fact(c, pfn < m->max_pfn, "task %s vpage %lu maps pfn 0x%lx outside memory",
				t->comm, v, pfn))
			return;
		page = &m->mem_map[pfn];
		(*rss)++;
		check_fact(c, PageAnon(page) && page->mapping == mapping && page->index == v,
			   "task %s vpage %lu maps pfn 0x%lx, which belongs to another owner", t->comm, v, pfn);
		check_fact(c, page_content_get(m, pfn) == t->anon_want[v],
			   "task %s vpage %lu: pfn 0x%lx holds %08x, the task wrote %08x", t->comm, v, pfn,
			   page_content_get(m, pfn), t->anon_want[v]);
		refs_of(w, (uint32_t)pfn)->ptes++;
	} else if (pte_swapped(pte)) {
		unsigned long slot = pte_val(pte);
		struct page *cached;
		uint32_t data;

		(*swapents)++;
		if (!check_fact(c, slot >= 1 && slot < m->swap.nr_slots,
				"task %s vpage %lu names swap slot %lu (slots 1-%lu)", t->comm, v, slot,
				m->swap.nr_slots ? m->swap.nr_slots - 1 : 0))
			return;
		slot_named(w, slot);
		cached = (m->swap.cache[slot] & SLOT_PRESENT)
			 ? &m->mem_map[m->swap.cache[slot] & PTE_VALUE] : NULL;
		data = cached ? page_content_get(m, page_to_pfn(m, cached))
			      : contents_get(&m->swap.data, slot);
		check_fact(c, data == t->anon_want[v],
			   "task %s vpage %lu: swap slot %lu holds %08x, the task wrote %08x", t->comm, v,
			   slot, data, t->anon_want[v]);
	} else {
		check_fact(c, false, "task %s vpage %lu has no page and no swap entry", t->comm, v);
	}
}

/* One file pte: the page is the file's page at that offset. */
static void check_file_pte(struct owned_walk *w, struct task *t, struct file_vma *vma,
			   unsigned long i, unsigned long *rss)
{
	struct checker *c = w->c;
	struct machine *m = c->m;
	unsigned long pfn = pte_val(vma->pte[i]), off = vma->pgoff + i;
	struct sim_file *fl = &m->files[vma->file];
	struct page *page;

	if (!pte_present(vma->pte[i]))
		return;
	(*rss)++;
	if (!check_fact(c, pfn < m->max_pfn, "task %s maps pfn 0x%lx outside memory", t->comm, pfn))
		return;
	page = &m->mem_map[pfn];
	check_fact(c, page->mapping == mapping_file(vma->file) && page->index == off,
		   "task %s maps %s page %lu at pfn 0x%lx, which belongs to another owner", t->comm,
		   fl->name, off, pfn);
	if (off < fl->size)
		check_fact(c, page_content_get(m, pfn) == content_file(vma->file, off, fl->version[off]),
			   "task %s: %s page %lu at pfn 0x%lx does not hold the file's data", t->comm,
			   fl->name, off, pfn);
	refs_of(w, (uint32_t)pfn)->ptes++;
}

static void check_tasks(struct owned_walk *w)
{
	struct checker *c = w->c;
	struct machine *m = c->m;
	int i, v;

	for (i = 0; i < MAX_TASKS; i++) {
		struct task *t = &m->tasks[i];
		unsigned long rss_anon = 0, rss_file = 0, swapents = 0, k;
		uint32_t mapping = mapping_anon(i);

		if (!t->used)
			continue;
		for (k = 0; k < t->anon_len; k++)
			check_anon_pte(w, t, mapping, k, &rss_anon, &swapents);
		for (v = 0; v < t->nr_vmas; v++) {
			check_fact(c, t->vmas[v].file >= 0 && t->vmas[v].file < MAX_FILES &&
					  m->files[t->vmas[v].file].used,
				   "task %s maps a file that does not exist", t->comm);
			for (k = 0; k < t->vmas[v].len; k++)
				check_file_pte(w, t, &t->vmas[v], k, &rss_file);
		}
		check_fact(c, t->rss_anon == rss_anon && t->rss_file == rss_file && t->swapents == swapents,
			   "task %s counts anon %lu file %lu swap %lu, its page tables say %lu/%lu/%lu",
			   t->comm, t->rss_anon, t->rss_file, t->swapents, rss_anon, rss_file, swapents);
	}
}

/* Every file's page cache, and no data lost: an uncached or clean block is on disk. */
static void check_files(struct owned_walk *w, unsigned long *file_pages)
{
	struct checker *c = w->c;
	struct machine *m = c->m;
	int f;

	for (f = 0; f < MAX_FILES; f++) {
		struct sim_file *fl = &m->files[f];
		uint32_t mapping = mapping_file(f);
		unsigned long off, n = 0;

		if (!fl->used)
			continue;
		for (off = 0; off < fl->size; off++) {
			cache_slot_t s = fl->slot[off];
			struct page *page;
			unsigned long pfn;

			if (!(s & SLOT_PRESENT)) {
				check_fact(c, fl->disk_version[off] == fl->version[off],
					   "%s page %lu was evicted but the disk has version %u of %u: data lost",
					   fl->name, off, fl->disk_version[off], fl->version[off]);
				continue;
			}
			pfn = (unsigned long)(s & PTE_VALUE);
			if (!check_fact(c, pfn < m->max_pfn, "%s page %lu is at pfn 0x%lx outside memory",
					fl->name, off, pfn))
				continue;
			page = &m->mem_map[pfn];
			n++;
			file_pages[page_to_nid(page)]++;
			check_fact(c, page->mapping == mapping && page->index == off &&
					  !PageSwapBacked(page),
				   "%s page %lu is at pfn 0x%lx, which belongs to another owner", fl->name,
				   off, pfn);
			check_fact(c, page_content_get(m, pfn) == content_file(f, off, fl->version[off]),
				   "%s page %lu at pfn 0x%lx does not hold the file's data", fl->name, off, pfn);
			if (!PageDirty(page) && !PageWriteback(page))
				check_fact(c, fl->disk_version[off] == fl->version[off],
					   "%s page %lu is clean but the disk has version %u of %u", fl->name,
					   off, fl->disk_version[off], fl->version[off]);
			refs_of(w, (uint32_t)pfn)->cache++;
		}
		check_fact(c, n == fl->nrpages, "%s counts %lu cached pages, its slots hold %lu", fl->name,
			   fl->nrpages, n);
	}
}

/*
 * One slot of the swap device in use (or claiming to be): its count
 * against the ptes naming it, its cache entry against SWAP_HAS_CACHE and
 * the swap cache page. A free slot (no count, no entry, no pte) passes
 * the three facts check_swap() counts for it.
 */
static void check_slot(struct owned_walk *w, unsigned long slot, unsigned long *inuse,
		       unsigned long *cached)
{
	struct checker *c = w->c;
	struct machine *m = c->m;
	struct swap_device *s = &m->swap;
	uint8_t map = s->map[slot];
	bool present = s->cache[slot] & SLOT_PRESENT;

	if (map)
		(*inuse)++;
	if (!w->s->slot_refs[slot])
		check_fact(c, (map & SWAP_MAP_MAX) == 0, "swap slot %lu counts %u references, no pte names it",
			   slot, map & SWAP_MAP_MAX);
	check_fact(c, !!(map & SWAP_HAS_CACHE) == present,
		   "swap slot %lu: SWAP_HAS_CACHE is %d but the cache %s a page", slot,
		   !!(map & SWAP_HAS_CACHE), present ? "has" : "has no");
	if (!map)
		check_fact(c, s->cache[slot] == 0, "free swap slot %lu keeps a cache entry", slot);
	if (present) {
		unsigned long pfn = (unsigned long)(s->cache[slot] & PTE_VALUE);

		(*cached)++;
		check_fact(c, pfn < m->max_pfn && PageSwapCache(&m->mem_map[pfn]) &&
				  m->mem_map[pfn].private == slot + 1 && w->s->refs[pfn].owned,
			   "swap slot %lu caches pfn 0x%lx, which is not its swap cache page", slot, pfn);
	}
}

/* The swap device: slot counts against the ptes naming them, and the swap cache. */
static void check_swap(struct owned_walk *w, unsigned long *file_pages)
{
	struct checker *c = w->c;
	struct machine *m = c->m;
	struct swap_device *s = &m->swap;
	const uint8_t *named = w->s->slot_refs, *swap_map = s->map;
	const uint64_t *swap_cache = s->cache;
	unsigned long slot, nr_slots = s->nr_slots, inuse = 0, cached = 0, free_slots = 0, i;

	if (s->nr_slots)
		check_fact(c, s->map[0] == SWAP_MAP_BAD && !s->cache[0],
			   "swap slot 0 holds the swap header but its map is 0x%x", s->map[0]);
	/* the slots the ptes name: their reference counts */
	for (i = 0; i < w->s->slots.n; i++) {
		slot = w->s->slots.v[i];
		check_fact(c, (s->map[slot] & SWAP_MAP_MAX) == named[slot],
			   "swap slot %lu counts %u references, page tables hold %u", slot,
			   s->map[slot] & SWAP_MAP_MAX, named[slot]);
	}
	/* every swap cache page: its slot names it back; the cache's reference */
	for (i = 0; i < w->s->swapcache.n; i++) {
		uint32_t pfn = w->s->swapcache.v[i];
		struct page *page = &m->mem_map[pfn];

		cached++;
		file_pages[page_to_nid(page)]++;
		slot = page->private - 1;
		if (!check_fact(c, page->private >= 2 && slot < s->nr_slots,
				"swap cache pfn 0x%x names slot %lu", pfn, slot))
			continue;
		check_fact(c, s->cache[slot] == (SLOT_PRESENT | pfn) && (s->map[slot] & SWAP_HAS_CACHE),
			   "swap cache pfn 0x%x is not what slot %lu holds", pfn, slot);
		w->s->refs[pfn].cache++;
	}
	check_fact(c, cached == s->cache_pages, "the swap cache counts %lu pages, %lu are in it",
		   s->cache_pages, cached);
	if (c->quick)
		return;
	/* the full check also reads every slot; a free one passes its facts at once */
	cached = 0;
	for (slot = 1; slot < nr_slots; slot++) {
		if (!swap_map[slot] && !swap_cache[slot] && !named[slot])
			free_slots++;
		else
			check_slot(w, slot, &inuse, &cached);
	}
	c->facts += 3 * free_slots;
	check_fact(c, cached == s->cache_pages, "%lu swap slots have a cache page, %lu are counted",
		   cached, s->cache_pages);
	check_fact(c, inuse == s->inuse, "swap counts %lu slots in use, %lu are", s->inuse, inuse);
	check_fact(c, cached == s->cache_pages, "the swap cache counts %lu pages, %lu are in it",
		   s->cache_pages, cached);
}

/* Per page: references, flags and the counters they feed. */
static void check_owned_pages_refs(struct owned_walk *w, const unsigned long *file_pages)
{
	struct checker *c = w->c;
	struct machine *m = c->m;
	long dirty[MAX_NUMNODES] = { 0 }, writeback[MAX_NUMNODES] = { 0 };
	long anon_mapped[MAX_NUMNODES] = { 0 }, file_mapped[MAX_NUMNODES] = { 0 };
	long pending[MAX_NUMNODES][MAX_NR_ZONES] = { { 0 } }, mlock[MAX_NUMNODES][MAX_NR_ZONES] = { { 0 } };
	unsigned long nwb = 0, i;
	int nid, z;

	for (i = 0; i < w->s->owned.n; i++) {
		uint32_t pfn = w->s->owned.v[i];
		struct page *page = &m->mem_map[pfn];
		const struct refs *r = &w->s->refs[pfn];
		int node = (int)page_to_nid(page), zid = (int)page_zonenum(page);
		int want;

		want = r->ptes + r->cache + r->pvec;
		check_fact(c, page_ref_count(page) == want,
			   "pfn 0x%x has refcount %d; %u ptes, %u cache and %u pagevec references", pfn,
			   page_ref_count(page), r->ptes, r->cache, r->pvec);
		check_fact(c, page_mapcount(page) == r->ptes, "pfn 0x%x has mapcount %d but %u ptes map it",
			   pfn, page_mapcount(page), r->ptes);
		if (PageAnon(page)) {
			check_fact(c, PageSwapBacked(page), "anonymous pfn 0x%x is not swap-backed", pfn);
			/* with no pte and no cache, only a pagevec still holds it, to free it */
			check_fact(c, r->cache == (PageSwapCache(page) ? 1 : 0) && r->ptes <= 1 &&
					  r->ptes + r->cache + r->pvec >= 1,
				   "anonymous pfn 0x%x: %u ptes, %u cache references", pfn, r->ptes, r->cache);
		} else if (page_is_owned(page)) {
			check_fact(c, !PageSwapBacked(page) && r->cache == 1,
				   "file pfn 0x%x is not (only) in its file's page cache", pfn);
		} else {
			/* truncated or invalidated while a pagevec held it: freed when that drains */
			check_fact(c, !PageSwapBacked(page) && r->ptes == 0 && r->cache == 0 && r->pvec >= 1,
				   "pfn 0x%x has no owner (%u ptes, %u cache and %u pagevec references)",
				   pfn, r->ptes, r->cache, r->pvec);
		}
		check_fact(c, !PageLocked(page), "pfn 0x%x is still locked between operations", pfn);
		if (page_mapped(page))
			(PageAnon(page) ? anon_mapped : file_mapped)[node]++;
		if (PageDirty(page) && !PageSwapBacked(page)) {
			dirty[node]++;
			pending[node][zid]++;
		}
		if (PageWriteback(page)) {
			writeback[node]++;
			pending[node][zid]++;
			nwb++;
		}
		if (PageMlocked(page))
			mlock[node][zid]++;
	}
	for (nid = 0; nid < m->nr_node_ids; nid++) {
		pg_data_t *pgdat = m->node_data[nid];

		check_fact(c, pgdat->vm_stat[NR_FILE_DIRTY] == dirty[nid],
			   "node %d nr_dirty is %ld, %ld file pages are dirty", nid,
			   pgdat->vm_stat[NR_FILE_DIRTY], dirty[nid]);
		check_fact(c, pgdat->vm_stat[NR_WRITEBACK] == writeback[nid],
			   "node %d nr_writeback is %ld, %ld pages are under writeback", nid,
			   pgdat->vm_stat[NR_WRITEBACK], writeback[nid]);
		check_fact(c, pgdat->vm_stat[NR_ANON_MAPPED] == anon_mapped[nid] &&
				  pgdat->vm_stat[NR_FILE_MAPPED] == file_mapped[nid],
			   "node %d nr_anon_pages/nr_mapped are %ld/%ld, the page tables map %ld/%ld", nid,
			   pgdat->vm_stat[NR_ANON_MAPPED], pgdat->vm_stat[NR_FILE_MAPPED],
			   anon_mapped[nid], file_mapped[nid]);
		check_fact(c, pgdat->vm_stat[NR_FILE_PAGES] == (long)file_pages[nid],
			   "node %d nr_file_pages is %ld, the page and swap caches hold %lu", nid,
			   pgdat->vm_stat[NR_FILE_PAGES], file_pages[nid]);
		for (z = 0; z < MAX_NR_ZONES; z++) {
			struct zone *zone = &pgdat->node_zones[z];

			check_fact(c, zone_page_state(zone, NR_ZONE_WRITE_PENDING) == pending[nid][z],
				   "zone %s nr_zone_write_pending is %ld, %ld pages are dirty or under writeback",
				   zone->name, zone_page_state(zone, NR_ZONE_WRITE_PENDING), pending[nid][z]);
			check_fact(c, zone_page_state(zone, NR_MLOCK) == mlock[nid][z],
				   "zone %s nr_mlock is %ld, %ld pages are mlocked", zone->name,
				   zone_page_state(zone, NR_MLOCK), mlock[nid][z]);
		}
	}
	check_fact(c, nwb == m->disk.n, "%lu pages are under writeback, the disk has %lu requests", nwb,
		   m->disk.n);
	for (i = 0; i < m->disk.n; i++) {
		const struct io_request *q = &m->disk.q[i];
		const struct refs *r = q->pfn < m->max_pfn ? &w->s->refs[q->pfn] : NULL;
		struct page *page = &m->mem_map[q->pfn < m->max_pfn ? q->pfn : 0];

		check_fact(c, r && r->owned && PageWriteback(page) &&
				  (q->kind == IO_WRITE_SWAP) == PageSwapCache(page),
			   "the disk writes pfn 0x%x, which is not an owned page under writeback", q->pfn);
	}
}

void check_owned(struct checker *c)
{
	struct owned_walk w;
	unsigned long file_pages[MAX_NUMNODES] = { 0 }, i;

	memset(&w, 0, sizeof(w));
	w.c = c;
	w.s = c->scratch;
	check_lruvecs(&w);
	check_pagevecs(&w);
	check_tasks(&w);
	check_files(&w, file_pages);
	check_swap(&w, file_pages);
	if (w.s->lost) {
		check_fact(c, false, "out of host memory for the check");
		return;
	}
	/* every page an owner points to was found on a list or in a pagevec */
	for (i = 0; i < w.s->touched.n; i++) {
		uint32_t pfn = w.s->touched.v[i];
		const struct refs *r = &w.s->refs[pfn];

		if (r->ptes || r->cache)
			check_fact(c, r->owned, "pfn 0x%x is referenced by an owner but on no LRU list", pfn);
	}
	check_owned_pages_refs(&w, file_pages);
}
