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
#include <stdlib.h>
#include <string.h>

#include "check_internal.h"
#include "mmsh/list.h"
#include "mmsh/lru.h"
#include "mmsh/rmap.h"
#include "mmsh/swap.h"
#include "mmsh/workload.h"

/* The references to one page the owners hold, found by walking them. */
struct refs {
	uint32_t key;             /* pfn + 1; 0 is an empty slot */
	uint16_t ptes, cache, pvec;
	bool owned;               /* on an LRU list or in the lru_add pagevec */
};

struct reftab {
	struct refs *slot;
	size_t mask;
	bool oom;
};

struct owned_walk {
	struct checker *c;
	struct reftab refs;
	uint32_t *owned;          /* the owned pages found, in walk order */
	size_t nr_owned, cap_owned;
	struct pfnset slots;      /* swap slots named by ptes (val: how many, saturating) */
	unsigned long lru_zone[MAX_NUMNODES][MAX_NR_ZONES][NR_LRU_LISTS];
};

static int reftab_init(struct reftab *t, size_t expected)
{
	size_t cap = 64;

	while (cap < 2 * expected + 16)
		cap *= 2;
	t->slot = calloc(cap, sizeof(*t->slot));
	t->mask = cap - 1;
	t->oom = !t->slot;
	return t->slot ? 0 : -1;
}

/* The entry of pfn, created empty if new (NULL only when the table is full). */
static struct refs *reftab_get(struct reftab *t, uint32_t pfn)
{
	size_t i = ((uint64_t)pfn * 0x9e3779b97f4a7c15ULL) >> 20 & t->mask, n = 0;

	while (t->slot[i].key && t->slot[i].key != pfn + 1) {
		i = (i + 1) & t->mask;
		if (++n > t->mask) {
			t->oom = true;
			return NULL;
		}
	}
	t->slot[i].key = pfn + 1;
	return &t->slot[i];
}

static struct refs *reftab_find(const struct reftab *t, uint32_t pfn)
{
	size_t i = ((uint64_t)pfn * 0x9e3779b97f4a7c15ULL) >> 20 & t->mask, n = 0;

	while (t->slot[i].key) {
		if (t->slot[i].key == pfn + 1)
			return &t->slot[i];
		i = (i + 1) & t->mask;
		if (++n > t->mask)
			break;
	}
	return NULL;
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

static void remember_owned(struct owned_walk *w, uint32_t pfn)
{
	if (w->nr_owned == w->cap_owned) {
		size_t cap = w->cap_owned ? w->cap_owned * 2 : 256;
		uint32_t *grown = realloc(w->owned, cap * sizeof(*grown));

		if (!grown) {
			w->refs.oom = true;
			return;
		}
		w->owned = grown;
		w->cap_owned = cap;
	}
	w->owned[w->nr_owned++] = pfn;
}

/* A page found on an LRU list or in the lru_add pagevec: in one place only. */
static void found_owned(struct owned_walk *w, uint32_t pfn, enum mark where)
{
	struct checker *c = w->c;
	struct machine *m = c->m;
	struct page *page = &m->mem_map[pfn];
	struct zone *zone = page_zone(m, page);
	struct refs *r;

	check_fact(c, !PageBuddy(page), "pfn 0x%x is %s and PageBuddy", pfn, check_mark_names[where]);
	check_fact(c, page_ref_count(page) >= 1, "pfn 0x%x is %s with refcount %d", pfn,
		   check_mark_names[where], page_ref_count(page));
	if (c->quick)
		check_fact(c, pfnset_add(&c->owned_pages, pfn, (uint8_t)where),
			   "pfn 0x%x is on an LRU list or pagevec twice", pfn);
	else
		check_mark_range(c, pfn, 1, where, where);
	r = reftab_get(&w->refs, pfn);
	if (r)
		r->owned = true;
	remember_owned(w, pfn);
	c->zone_pages[zone_to_nid(zone)][zone->idx]++;
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
		const struct pagevec *vecs[] = {
			&p->lru_add, &p->lru_rotate, &p->lru_deactivate_file, &p->lru_deactivate,
			&p->activate_page,
		};
		int v;

		for (v = 0; v < (int)(sizeof(vecs) / sizeof(vecs[0])); v++) {
			check_fact(c, vecs[v]->nr < PAGEVEC_SIZE, "cpu %d pagevec %d holds %u pages", cpu,
				   v, vecs[v]->nr);
			for (i = 0; i < vecs[v]->nr && i < PAGEVEC_SIZE; i++) {
				uint32_t pfn = vecs[v]->pages[i];
				struct refs *r;

				if (!check_fact(c, pfn < m->max_pfn, "cpu %d pagevec holds 0x%x", cpu, pfn))
					continue;
				if (v == 0) {
					check_fact(c, !PageLRU(&m->mem_map[pfn]),
						   "pfn 0x%x waits in cpu %d's lru_add pagevec with PG_lru", pfn, cpu);
					found_owned(w, pfn, MARK_PAGEVEC);
				}
				r = reftab_get(&w->refs, pfn);
				if (r)
					r->pvec++;
			}
		}
	}
}

/* One anonymous pte: its page belongs to the task and holds the task's data. */
static void check_anon_pte(struct owned_walk *w, struct task *t, int tslot, unsigned long v,
			   unsigned long *rss, unsigned long *swapents)
{
	struct checker *c = w->c;
	struct machine *m = c->m;
	pte_t pte = t->anon[v];

	if (pte_present(pte)) {
		unsigned long pfn = pte_val(pte);
		struct page *page;
		struct refs *r;

		if (!check_fact(c, pfn < m->max_pfn, "task %s vpage %lu maps pfn 0x%lx outside memory",
				t->comm, v, pfn))
			return;
		page = &m->mem_map[pfn];
		(*rss)++;
		check_fact(c, PageAnon(page) && page->mapping == mapping_anon(tslot) && page->index == v,
			   "task %s vpage %lu maps pfn 0x%lx, which belongs to another owner", t->comm, v, pfn);
		check_fact(c, m->page_content[pfn] == t->anon_want[v],
			   "task %s vpage %lu: pfn 0x%lx holds %08x, the task wrote %08x", t->comm, v, pfn,
			   m->page_content[pfn], t->anon_want[v]);
		r = reftab_get(&w->refs, (uint32_t)pfn);
		if (r)
			r->ptes++;
	} else if (pte_swapped(pte)) {
		unsigned long slot = pte_val(pte);
		struct page *cached;
		uint32_t data;

		(*swapents)++;
		if (!check_fact(c, slot >= 1 && slot < m->swap.nr_slots,
				"task %s vpage %lu names swap slot %lu (slots 1-%lu)", t->comm, v, slot,
				m->swap.nr_slots ? m->swap.nr_slots - 1 : 0))
			return;
		pfnset_inc(&w->slots, (uint32_t)slot);
		cached = (m->swap.cache[slot] & SLOT_PRESENT)
			 ? &m->mem_map[m->swap.cache[slot] & PTE_VALUE] : NULL;
		data = cached ? m->page_content[page_to_pfn(m, cached)] : m->swap.data[slot];
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
	struct refs *r;

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
		check_fact(c, m->page_content[pfn] == content_file(vma->file, off, fl->version[off]),
			   "task %s: %s page %lu at pfn 0x%lx does not hold the file's data", t->comm,
			   fl->name, off, pfn);
	r = reftab_get(&w->refs, (uint32_t)pfn);
	if (r)
		r->ptes++;
}

static void check_tasks(struct owned_walk *w)
{
	struct checker *c = w->c;
	struct machine *m = c->m;
	int i, v;

	for (i = 0; i < MAX_TASKS; i++) {
		struct task *t = &m->tasks[i];
		unsigned long rss_anon = 0, rss_file = 0, swapents = 0, k;

		if (!t->used)
			continue;
		for (k = 0; k < t->anon_len; k++)
			check_anon_pte(w, t, i, k, &rss_anon, &swapents);
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
		unsigned long off, n = 0;

		if (!fl->used)
			continue;
		for (off = 0; off < fl->size; off++) {
			cache_slot_t s = fl->slot[off];
			struct page *page;
			unsigned long pfn;
			struct refs *r;

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
			check_fact(c, page->mapping == mapping_file(f) && page->index == off &&
					  !PageSwapBacked(page),
				   "%s page %lu is at pfn 0x%lx, which belongs to another owner", fl->name,
				   off, pfn);
			check_fact(c, m->page_content[pfn] == content_file(f, off, fl->version[off]),
				   "%s page %lu at pfn 0x%lx does not hold the file's data", fl->name, off, pfn);
			if (!PageDirty(page) && !PageWriteback(page))
				check_fact(c, fl->disk_version[off] == fl->version[off],
					   "%s page %lu is clean but the disk has version %u of %u", fl->name,
					   off, fl->disk_version[off], fl->version[off]);
			r = reftab_get(&w->refs, (uint32_t)pfn);
			if (r)
				r->cache++;
		}
		check_fact(c, n == fl->nrpages, "%s counts %lu cached pages, its slots hold %lu", fl->name,
			   fl->nrpages, n);
	}
}

/* The swap device: slot counts against the ptes naming them, and the swap cache. */
static void check_swap(struct owned_walk *w, unsigned long *file_pages)
{
	struct checker *c = w->c;
	struct machine *m = c->m;
	struct swap_device *s = &m->swap;
	unsigned long slot, inuse = 0, cached = 0, i;

	if (s->nr_slots)
		check_fact(c, s->map[0] == SWAP_MAP_BAD && !s->cache[0],
			   "swap slot 0 holds the swap header but its map is 0x%x", s->map[0]);
	/* the slots the ptes name: their reference counts */
	for (i = 0; i <= w->slots.mask; i++) {
		if (!w->slots.key[i])
			continue;
		slot = w->slots.key[i] - 1;
		check_fact(c, (s->map[slot] & SWAP_MAP_MAX) == w->slots.val[i],
			   "swap slot %lu counts %u references, page tables hold %u", slot,
			   s->map[slot] & SWAP_MAP_MAX, w->slots.val[i]);
	}
	/* every swap cache page: its slot names it back; the cache's reference */
	for (i = 0; i < w->nr_owned; i++) {
		uint32_t pfn = w->owned[i];
		struct page *page = &m->mem_map[pfn];
		struct refs *r;

		if (!PageSwapCache(page))
			continue;
		cached++;
		file_pages[page_to_nid(page)]++;
		slot = page->private - 1;
		if (!check_fact(c, page->private >= 2 && slot < s->nr_slots,
				"swap cache pfn 0x%x names slot %lu", pfn, slot))
			continue;
		check_fact(c, s->cache[slot] == (SLOT_PRESENT | pfn) && (s->map[slot] & SWAP_HAS_CACHE),
			   "swap cache pfn 0x%x is not what slot %lu holds", pfn, slot);
		r = reftab_find(&w->refs, pfn);
		if (r)
			r->cache++;
	}
	check_fact(c, cached == s->cache_pages, "the swap cache counts %lu pages, %lu are in it",
		   s->cache_pages, cached);
	if (c->quick)
		return;
	/* the full check also reads every slot */
	cached = 0;
	for (slot = 1; slot < s->nr_slots; slot++) {
		uint8_t map = s->map[slot];
		uint8_t n = 0;
		bool present = s->cache[slot] & SLOT_PRESENT;

		if (map)
			inuse++;
		pfnset_get(&w->slots, (uint32_t)slot, &n);
		if (!n)
			check_fact(c, (map & SWAP_MAP_MAX) == 0, "swap slot %lu counts %u references, no pte names it",
				   slot, map & SWAP_MAP_MAX);
		check_fact(c, !!(map & SWAP_HAS_CACHE) == present,
			   "swap slot %lu: SWAP_HAS_CACHE is %d but the cache %s a page", slot,
			   !!(map & SWAP_HAS_CACHE), present ? "has" : "has no");
		if (!map)
			check_fact(c, s->cache[slot] == 0, "free swap slot %lu keeps a cache entry", slot);
		if (present) {
			unsigned long pfn = (unsigned long)(s->cache[slot] & PTE_VALUE);

			cached++;
			check_fact(c, pfn < m->max_pfn && PageSwapCache(&m->mem_map[pfn]) &&
					  m->mem_map[pfn].private == slot + 1 &&
					  reftab_find(&w->refs, (uint32_t)pfn) &&
					  reftab_find(&w->refs, (uint32_t)pfn)->owned,
				   "swap slot %lu caches pfn 0x%lx, which is not its swap cache page", slot, pfn);
		}
	}
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

	for (i = 0; i < w->nr_owned; i++) {
		uint32_t pfn = w->owned[i];
		struct page *page = &m->mem_map[pfn];
		struct refs *r = reftab_find(&w->refs, pfn);
		int node = (int)page_to_nid(page), zid = (int)page_zonenum(page);
		int want;

		if (!r)
			continue;
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
		struct refs *r = q->pfn < m->max_pfn ? reftab_find(&w->refs, q->pfn) : NULL;
		struct page *page = &m->mem_map[q->pfn < m->max_pfn ? q->pfn : 0];

		check_fact(c, r && r->owned && PageWriteback(page) &&
				  (q->kind == IO_WRITE_SWAP) == PageSwapCache(page),
			   "the disk writes pfn 0x%x, which is not an owned page under writeback", q->pfn);
	}
}

void check_owned(struct checker *c)
{
	struct machine *m = c->m;
	struct owned_walk w;
	unsigned long file_pages[MAX_NUMNODES] = { 0 }, i;

	memset(&w, 0, sizeof(w));
	w.c = c;
	if (reftab_init(&w.refs, check_owned_pages(m)) < 0 || pfnset_init(&w.slots, 64) < 0) {
		check_fact(c, false, "out of host memory for the check");
		goto out;
	}
	/* the ptes may name many slots: grow the slot set to the swapped pages */
	{
		unsigned long swapped = 0;
		int t;

		for (t = 0; t < MAX_TASKS; t++)
			if (m->tasks[t].used)
				swapped += m->tasks[t].swapents;
		pfnset_free(&w.slots);
		if (pfnset_init(&w.slots, swapped) < 0) {
			check_fact(c, false, "out of host memory for the check");
			goto out;
		}
	}
	check_lruvecs(&w);
	check_pagevecs(&w);
	check_tasks(&w);
	check_files(&w, file_pages);
	check_swap(&w, file_pages);
	if (w.refs.oom) {
		check_fact(c, false, "out of host memory for the check");
		goto out;
	}
	/* every page an owner points to was found on a list or in a pagevec */
	for (i = 0; i <= w.refs.mask; i++) {
		struct refs *r = &w.refs.slot[i];

		if (r->key && (r->ptes || r->cache))
			check_fact(c, r->owned, "pfn 0x%x is referenced by an owner but on no LRU list",
				   r->key - 1);
	}
	check_owned_pages_refs(&w, file_pages);
out:
	free(w.refs.slot);
	free(w.owned);
	pfnset_free(&w.slots);
}
