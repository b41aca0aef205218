/*
 * src/engine/lru.c: the LRU lists (mm/swap.c, include/linux/mm_inline.h of
 * Linux 5.10). Pages with owners live on one of five lists per node; new
 * ones are batched in a per-CPU pagevec of 15 first, and so are
 * activations, deactivations and the rotation of pages whose writeback
 * finished.
 * mark_page_accessed() promotes a page on its second touch.
 */
#include "mmsh/kstep.h"
#include "mmsh/list.h"
#include "mmsh/lru.h"
#include "mmsh/mmzone.h"
#include "mmsh/page_alloc.h"
#include "mmsh/pcp.h"
#include "mmsh/vmscan.h"

const char *const lru_names[NR_LRU_LISTS] = {
	"inactive_anon", "active_anon", "inactive_file", "active_file", "unevictable",
};

struct lruvec *node_lruvec(struct machine *m, int nid)
{
	return &m->node_data[nid]->lruvec;
}

struct lruvec *page_lruvec(struct machine *m, const struct page *page)
{
	return node_lruvec(m, (int)page_to_nid(page));
}

bool page_evictable(const struct page *page)
{
	return !PageMlocked(page);
}

unsigned long lruvec_lru_size(struct machine *m, int nid, enum lru_list lru, int zone_idx)
{
	unsigned long size = 0;
	int z;

	for (z = 0; z <= zone_idx && z < MAX_NR_ZONES; z++)
		size += (unsigned long)zone_page_state(&m->node_data[nid]->node_zones[z],
							(enum zone_stat_item)(NR_ZONE_INACTIVE_ANON + lru));
	return size;
}

/* update_lru_size(): the node counter and the zone counter move together. */
void update_lru_size(struct machine *m, struct page *page, enum lru_list lru, long nr)
{
	struct zone *zone = page_zone(m, page);

	zone->zone_pgdat->vm_stat[NR_INACTIVE_ANON + lru] += nr;
	mod_zone_page_state(zone, (enum zone_stat_item)(NR_ZONE_INACTIVE_ANON + lru), nr);
}

void add_page_to_lru_list(struct machine *m, struct page *page, enum lru_list lru)
{
	update_lru_size(m, page, lru, 1);
	list_add(m->mem_map, (uint32_t)page_to_pfn(m, page), page_lruvec(m, page)->lists[lru]);
}

void add_page_to_lru_list_tail(struct machine *m, struct page *page, enum lru_list lru)
{
	update_lru_size(m, page, lru, 1);
	list_add_tail(m->mem_map, (uint32_t)page_to_pfn(m, page), page_lruvec(m, page)->lists[lru]);
}

void del_page_from_lru_list(struct machine *m, struct page *page, enum lru_list lru)
{
	list_del(m->mem_map, (uint32_t)page_to_pfn(m, page));
	update_lru_size(m, page, lru, -1);
}

/*
 * put_page(): drop a reference. The last one frees the page: off the LRU
 * if it was on one (__page_cache_release), then to the pcp list.
 */
void put_page(struct machine *m, struct page *page)
{
	if (--page->_refcount > 0)
		return;
	if (PageLRU(page)) {
		del_page_from_lru_list(m, page, page_lru(page));
		clear_page_flag(page, PG_lru);
	}
	clear_page_flag(page, PG_active);
	clear_page_flag(page, PG_unevictable);
	page->mapping = 0;
	page->index = 0;
	page_changed(m, page_to_pfn(m, page));
	free_unref_page(m, page);
}

/* ---- the pagevecs ---------------------------------------------------------- */

/* __pagevec_lru_add_fn(): PG_lru set, the page to the head of its list. */
static void pagevec_lru_add_fn(struct machine *m, struct page *page)
{
	bool was_unevictable = PageUnevictable(page);
	enum lru_list lru;

	clear_page_flag(page, PG_unevictable);
	set_page_flag(page, PG_lru);
	if (page_evictable(page)) {
		lru = page_lru(page);
		if (was_unevictable)
			count_vm_events(m, UNEVICTABLE_PGRESCUED, 1);
	} else {
		clear_page_flag(page, PG_active);
		set_page_flag(page, PG_unevictable);
		lru = LRU_UNEVICTABLE;
		if (!was_unevictable)
			count_vm_events(m, UNEVICTABLE_PGCULLED, 1);
	}
	page_changed(m, page_to_pfn(m, page));
	add_page_to_lru_list(m, page, lru);
	KSTEP(m, "__pagevec_lru_add_fn", "pfn=0x%lx gets PG_lru and goes to the head of %s%s",
	      page_to_pfn(m, page), lru_names[lru],
	      lru == LRU_UNEVICTABLE ? " (PG_mlocked: page_evictable() is false)"
	      : was_unevictable ? " (evictable again: unevictable_pgs_rescued)"
	      : PageActive(page) ? " (PG_active was set while it waited)" : "");
}

/*
 * release_pages(): drop one reference of every page in the array;
 * pages whose last reference that was leave their LRU list and are freed
 * together (free_unref_page_list), the last one first.
 */
void release_pages(struct machine *m, const uint32_t *pfns, unsigned int nr)
{
	uint32_t to_free = m->local_lists[LL_RELEASE];
	unsigned int i;

	for (i = 0; i < nr; i++) {
		struct page *page = &m->mem_map[pfns[i]];

		if (--page->_refcount > 0)
			continue;
		if (PageLRU(page)) {
			del_page_from_lru_list(m, page, page_lru(page));
			clear_page_flag(page, PG_lru);
		}
		clear_page_flag(page, PG_active);
		clear_page_flag(page, PG_unevictable);
		page_changed(m, pfns[i]);
		list_add(m->mem_map, pfns[i], to_free);
	}
	free_unref_page_list(m, to_free);
}

/*
 * release_pages() of a batch, then pagevec_reinit(): how __pagevec_lru_add()
 * and pagevec_lru_move_fn() end (no drain, unlike pagevec_release()).
 */
static void release_pagevec(struct machine *m, struct pagevec *pvec)
{
	release_pages(m, pvec->pages, pvec->nr);
	pvec->nr = 0;
}

/* __pagevec_lru_add(): every page of the batch to its list, in order; then release them. */
void pagevec_lru_add(struct machine *m, struct pagevec *pvec)
{
	unsigned int i;

	KSTEP(m, "__pagevec_lru_add", "%u page%s of the pagevec go%s to the LRU in pagevec order, "
	      "then release_pages() drops the pagevec's references", pvec->nr,
	      pvec->nr == 1 ? "" : "s", pvec->nr == 1 ? "es" : "");
	for (i = 0; i < pvec->nr; i++)
		pagevec_lru_add_fn(m, &m->mem_map[pvec->pages[i]]);
	release_pagevec(m, pvec);
}

/* __activate_page(): to the head of the active list. */
static void activate_page_fn(struct machine *m, struct page *page)
{
	if (PageLRU(page) && !PageActive(page) && !PageUnevictable(page)) {
		enum lru_list lru = page_lru_base_type(page);

		del_page_from_lru_list(m, page, lru);
		set_page_flag(page, PG_active);
		page_changed(m, page_to_pfn(m, page));
		add_page_to_lru_list(m, page, (enum lru_list)(lru + LRU_ACTIVE));
		count_vm_events(m, PGACTIVATE, 1);
		KSTEP(m, "__activate_page", "pfn=0x%lx moves from %s to the head of %s (pgactivate)",
		      page_to_pfn(m, page), lru_names[lru], lru_names[lru + LRU_ACTIVE]);
	} else {
		KSTEP(m, "__activate_page", "pfn=0x%lx is %s: left where it is",
		      page_to_pfn(m, page), !PageLRU(page) ? "not on an LRU list any more"
		      : PageActive(page) ? "active already" : "unevictable");
	}
}

/* pagevec_move_tail_fn(): a page whose writeback finished goes to the inactive tail. */
static void move_tail_fn(struct machine *m, struct page *page)
{
	if (PageLRU(page) && !PageUnevictable(page)) {
		del_page_from_lru_list(m, page, page_lru(page));
		clear_page_flag(page, PG_active);
		page_changed(m, page_to_pfn(m, page));
		add_page_to_lru_list_tail(m, page, page_lru(page));
		count_vm_events(m, PGROTATED, 1);
		KSTEP(m, "pagevec_move_tail_fn", "pfn=0x%lx goes to the tail of %s (pgrotated): "
		      "the next scan meets it first", page_to_pfn(m, page), lru_names[page_lru(page)]);
	}
}

/*
 * lru_deactivate_file_fn(): a page invalidation could not drop goes to the
 * inactive list: to the head with PG_reclaim if dirty or under writeback
 * (reclaim will meet it after the I/O), else to the tail (pgrotated).
 * Mapped pages are left alone.
 */
static void deactivate_file_fn(struct machine *m, struct page *page)
{
	enum lru_list lru;
	bool active;

	if (!PageLRU(page) || PageUnevictable(page) || page_mapped(page))
		return;
	active = PageActive(page);
	lru = page_lru_base_type(page);
	del_page_from_lru_list(m, page, (enum lru_list)(lru + (active ? LRU_ACTIVE : 0)));
	clear_page_flag(page, PG_active);
	clear_page_flag(page, PG_referenced);
	page_changed(m, page_to_pfn(m, page));
	if (PageWriteback(page) || PageDirty(page)) {
		add_page_to_lru_list(m, page, lru);
		set_page_flag(page, PG_reclaim);
	} else {
		add_page_to_lru_list_tail(m, page, lru);
		count_vm_events(m, PGROTATED, 1);
	}
	if (active)
		count_vm_events(m, PGDEACTIVATE, 1);
	KSTEP(m, "lru_deactivate_file_fn", "pfn=0x%lx (%s) goes to the %s of %s%s",
	      page_to_pfn(m, page), active ? "was active" : "inactive",
	      PageReclaim(page) ? "head" : "tail", lru_names[lru],
	      PageReclaim(page) ? " with PG_reclaim: dirty or under writeback, freed after the I/O"
	      : " (pgrotated): clean, the next scan frees it");
}

/* lru_deactivate_fn(): an active page to the head of its inactive list. */
static void deactivate_fn(struct machine *m, struct page *page)
{
	enum lru_list lru;

	if (!PageLRU(page) || !PageActive(page) || PageUnevictable(page))
		return;
	lru = page_lru_base_type(page);
	del_page_from_lru_list(m, page, (enum lru_list)(lru + LRU_ACTIVE));
	clear_page_flag(page, PG_active);
	clear_page_flag(page, PG_referenced);
	page_changed(m, page_to_pfn(m, page));
	add_page_to_lru_list(m, page, lru);
	count_vm_events(m, PGDEACTIVATE, 1);
	KSTEP(m, "lru_deactivate_fn", "pfn=0x%lx leaves %s for the head of %s, PG_referenced "
	      "cleared (pgdeactivate)", page_to_pfn(m, page), lru_names[lru + LRU_ACTIVE],
	      lru_names[lru]);
}

/* pagevec_lru_move_fn(): fn on every page of the batch, then release them. */
static void pagevec_drain(struct machine *m, struct pagevec *pvec,
			  void (*fn)(struct machine *, struct page *))
{
	unsigned int i;

	for (i = 0; i < pvec->nr; i++)
		fn(m, &m->mem_map[pvec->pages[i]]);
	release_pagevec(m, pvec);
}

/* pagevec_add(): true while there is room left. */
static bool pagevec_add(struct pagevec *pvec, uint32_t pfn)
{
	pvec->pages[pvec->nr++] = pfn;
	return pvec->nr < PAGEVEC_SIZE;
}

/*
 * lru_cache_add(): the page waits in this CPU's lru_add pagevec, with a
 * reference of its own, until 15 are there (or a drain).
 */
void lru_cache_add(struct machine *m, struct page *page)
{
	struct pagevec *pvec = &m->pvecs[m->current.cpu].lru_add;
	bool room;

	get_page(page);
	room = pagevec_add(pvec, (uint32_t)page_to_pfn(m, page));
	KSTEP(m, "lru_cache_add", "pfn=0x%lx waits in cpu %d's lru_add pagevec (%u of %d), "
	      "with a reference of its own%s", page_to_pfn(m, page), m->current.cpu, pvec->nr,
	      PAGEVEC_SIZE, room ? "" : ": the pagevec is full, drain it");
	if (!room)
		pagevec_lru_add(m, pvec);
}

/*
 * lru_cache_add_inactive_or_unevictable(): new anonymous pages start on the
 * inactive list in 5.10; in a VM_LOCKED vma they are mlocked instead.
 */
void lru_cache_add_inactive_or_unevictable(struct machine *m, struct page *page,
					   bool locked_vma)
{
	if (locked_vma && !test_page_flag(page, PG_mlocked)) {
		set_page_flag(page, PG_mlocked);
		mod_zone_page_state(page_zone(m, page), NR_MLOCK, 1);
		count_vm_events(m, UNEVICTABLE_PGMLOCKED, 1);
		KSTEP(m, "lru_cache_add_inactive_or_unevictable", "pfn=0x%lx is in a VM_LOCKED vma: "
		      "PG_mlocked set (nr_mlock, unevictable_pgs_mlocked): it will go to unevictable",
		      page_to_pfn(m, page));
	}
	lru_cache_add(m, page);
}

/* A page in this CPU's lru_add pagevec: activate it in place. */
static bool activate_in_pagevec(struct machine *m, struct page *page)
{
	struct pagevec *pvec = &m->pvecs[m->current.cpu].lru_add;
	uint32_t pfn = (uint32_t)page_to_pfn(m, page);
	unsigned int i;

	for (i = 0; i < pvec->nr; i++)
		if (pvec->pages[i] == pfn) {
			set_page_flag(page, PG_active);   /* __lru_cache_activate_page */
			page_changed(m, pfn);
			KSTEP(m, "__lru_cache_activate_page", "pfn=0x%x is slot %u of cpu %d's lru_add "
			      "pagevec: PG_active set there, so it joins the active list", pfn, i,
			      m->current.cpu);
			return true;
		}
	KSTEP(m, "__lru_cache_activate_page", "pfn=0x%x is not in cpu %d's lru_add pagevec "
	      "(another CPU's, or isolated): it is not activated", pfn, m->current.cpu);
	return false;
}

void deactivate_file_page(struct machine *m, struct page *page)
{
	struct pagevec *pvec = &m->pvecs[m->current.cpu].lru_deactivate_file;

	bool room;

	if (PageUnevictable(page) || page->_refcount <= 0)
		return;
	get_page(page);
	room = pagevec_add(pvec, (uint32_t)page_to_pfn(m, page));
	KSTEP(m, "deactivate_file_page", "pfn=0x%lx joins cpu %d's lru_deactivate_file pagevec "
	      "(%u of %d)%s", page_to_pfn(m, page), m->current.cpu, pvec->nr, PAGEVEC_SIZE,
	      room ? "" : ": full, drain it");
	if (!room)
		pagevec_drain(m, pvec, deactivate_file_fn);
}

void deactivate_page(struct machine *m, struct page *page)
{
	struct pagevec *pvec = &m->pvecs[m->current.cpu].lru_deactivate;

	if (PageLRU(page) && PageActive(page) && !PageUnevictable(page)) {
		bool room;

		get_page(page);
		room = pagevec_add(pvec, (uint32_t)page_to_pfn(m, page));
		KSTEP(m, "deactivate_page", "pfn=0x%lx joins cpu %d's lru_deactivate pagevec "
		      "(%u of %d)%s", page_to_pfn(m, page), m->current.cpu, pvec->nr, PAGEVEC_SIZE,
		      room ? "" : ": full, drain it");
		if (!room)
			pagevec_drain(m, pvec, deactivate_fn);
	}
}

void activate_page(struct machine *m, struct page *page)
{
	struct pagevec *pvec = &m->pvecs[m->current.cpu].activate_page;

	if (PageLRU(page) && !PageActive(page) && !PageUnevictable(page)) {
		bool room;

		get_page(page);
		room = pagevec_add(pvec, (uint32_t)page_to_pfn(m, page));
		KSTEP(m, "activate_page", "pfn=0x%lx joins cpu %d's activate_page pagevec (%u of %d)%s",
		      page_to_pfn(m, page), m->current.cpu, pvec->nr, PAGEVEC_SIZE,
		      room ? ": it stays inactive until the pagevec drains" : ": full, drain it");
		if (!room)
			pagevec_drain(m, pvec, activate_page_fn);
	}
}

/*
 * mark_page_accessed(): the first touch sets PG_referenced; the second
 * activates the page and clears it. inactive,unreferenced ->
 * inactive,referenced -> active,unreferenced -> active,referenced.
 */
void mark_page_accessed(struct machine *m, struct page *page)
{
	page_changed(m, page_to_pfn(m, page));
	if (!PageReferenced(page)) {
		set_page_flag(page, PG_referenced);
		KSTEP(m, "mark_page_accessed", "pfn=0x%lx was %s and unreferenced: first touch, "
		      "PG_referenced set", page_to_pfn(m, page),
		      PageActive(page) ? "active" : "inactive");
	} else if (PageUnevictable(page)) {
		/* unevictable pages are never activated */
		KSTEP(m, "mark_page_accessed", "pfn=0x%lx is referenced but unevictable: "
		      "never activated", page_to_pfn(m, page));
	} else if (!PageActive(page)) {
		KSTEP(m, "mark_page_accessed", "pfn=0x%lx is inactive and referenced: second touch, "
		      "activate it (%s), clear PG_referenced, age nonresident_age", page_to_pfn(m, page),
		      PageLRU(page) ? "on the LRU: activate_page()" : "in a pagevec: "
		      "__lru_cache_activate_page()");
		if (PageLRU(page))
			activate_page(m, page);
		else
			activate_in_pagevec(m, page);
		clear_page_flag(page, PG_referenced);
		workingset_activation(m, page);
	} else {
		KSTEP(m, "mark_page_accessed", "pfn=0x%lx is active and referenced already: "
		      "nothing changes", page_to_pfn(m, page));
	}
}

/*
 * rotate_reclaimable_page(): writeback of a PG_reclaim page ended; move it
 * to the inactive tail so the next scan frees it.
 */
void rotate_reclaimable_page(struct machine *m, struct page *page)
{
	struct pagevec *pvec = &m->pvecs[m->current.cpu].lru_rotate;

	if (!PageLocked(page) && !PageDirty(page) && !PageUnevictable(page) && PageLRU(page)) {
		bool room;

		get_page(page);
		room = pagevec_add(pvec, (uint32_t)page_to_pfn(m, page));
		KSTEP(m, "rotate_reclaimable_page", "pfn=0x%lx (PG_reclaim, writeback done) joins "
		      "cpu %d's lru_rotate pagevec (%u of %d)%s", page_to_pfn(m, page),
		      m->current.cpu, pvec->nr, PAGEVEC_SIZE, room ? "" : ": full, drain it");
		if (!room)
			pagevec_drain(m, pvec, move_tail_fn);
	} else {
		KSTEP(m, "rotate_reclaimable_page", "pfn=0x%lx is %s: not rotated",
		      page_to_pfn(m, page), PageLocked(page) ? "locked" : PageDirty(page) ? "dirty again"
		      : PageUnevictable(page) ? "unevictable" : "not on an LRU list");
	}
}

void lru_add_drain_cpu(struct machine *m, int cpu)
{
	struct lru_pvecs *p = &m->pvecs[cpu];

	if (p->lru_add.nr || p->lru_rotate.nr || p->lru_deactivate_file.nr ||
	    p->lru_deactivate.nr || p->activate_page.nr)
		KSTEP(m, "lru_add_drain_cpu", "cpu %d drains its pagevecs: lru_add %u, lru_rotate %u, "
		      "lru_deactivate_file %u, lru_deactivate %u, activate_page %u pages", cpu,
		      p->lru_add.nr, p->lru_rotate.nr, p->lru_deactivate_file.nr,
		      p->lru_deactivate.nr, p->activate_page.nr);
	if (p->lru_add.nr)
		pagevec_lru_add(m, &p->lru_add);
	if (p->lru_rotate.nr)
		pagevec_drain(m, &p->lru_rotate, move_tail_fn);
	if (p->lru_deactivate_file.nr)
		pagevec_drain(m, &p->lru_deactivate_file, deactivate_file_fn);
	if (p->lru_deactivate.nr)
		pagevec_drain(m, &p->lru_deactivate, deactivate_fn);
	if (p->activate_page.nr)
		pagevec_drain(m, &p->activate_page, activate_page_fn);
}

void lru_add_drain(struct machine *m)
{
	lru_add_drain_cpu(m, m->current.cpu);
}

void lru_add_drain_all(struct machine *m)
{
	int cpu;

	for (cpu = 0; cpu < m->nr_cpus; cpu++)
		lru_add_drain_cpu(m, cpu);
}

unsigned long pagevec_pages(const struct machine *m)
{
	unsigned long n = 0;
	int cpu;

	for (cpu = 0; cpu < m->nr_cpus; cpu++)
		n += m->pvecs[cpu].lru_add.nr;
	return n;
}

/*
 * putback_lru_page(): an isolated page goes back (through the pagevec) and
 * the isolation reference is dropped. The kernel re-tests evictability here.
 */
void putback_lru_page(struct machine *m, struct page *page)
{
	lru_cache_add(m, page);
	put_page(m, page);
}

/* isolate_lru_page(): take a page off its list, holding a reference. */
int isolate_lru_page(struct machine *m, struct page *page)
{
	if (!PageLRU(page) || page->_refcount <= 0)
		return -1;
	get_page(page);
	clear_page_flag(page, PG_lru);
	page_changed(m, page_to_pfn(m, page));
	del_page_from_lru_list(m, page, page_lru(page));
	return 0;
}

/*
 * lru_note_cost(): what reclaim of one kind cost (pages written out);
 * get_scan_count() balances anon against file with it. The costs halve
 * when their sum exceeds a quarter of the LRU.
 */
void lru_note_cost(struct machine *m, struct lruvec *lruvec, bool file, unsigned long nr_pages)
{
	pg_data_t *pgdat = m->node_data[lruvec->node_id];
	unsigned long lrusize = 0;
	int lru;

	if (file)
		lruvec->file_cost += nr_pages;
	else
		lruvec->anon_cost += nr_pages;
	for (lru = 0; lru < NR_EVICTABLE_LRU_LISTS; lru++)
		lrusize += (unsigned long)pgdat->vm_stat[NR_INACTIVE_ANON + lru];
	if (lruvec->file_cost + lruvec->anon_cost > lrusize / 4) {
		lruvec->file_cost /= 2;
		lruvec->anon_cost /= 2;
		KSTEP(m, "lru_note_cost", "%s cost += %lu; the costs' sum exceeds a quarter of the "
		      "LRU (%lu / 4 = %lu): both halve, anon_cost=%lu file_cost=%lu",
		      file ? "file" : "anon", nr_pages, lrusize, lrusize / 4, lruvec->anon_cost,
		      lruvec->file_cost);
	} else {
		KSTEP(m, "lru_note_cost", "%s cost += %lu: anon_cost=%lu file_cost=%lu (sum <= LRU "
		      "%lu / 4)", file ? "file" : "anon", nr_pages, lruvec->anon_cost,
		      lruvec->file_cost, lrusize);
	}
}
