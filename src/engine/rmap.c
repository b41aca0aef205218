/*
 * src/engine/rmap.c: reverse mapping (mm/rmap.c). An anonymous page has one
 * mapping, its owner task's pte at page->index; a page cache page may be
 * mapped by every task that maps that part of the file. page_referenced()
 * and try_to_unmap() walk those ptes.
 */
#include "mmsh/kstep.h"
#include "mmsh/list.h"
#include "mmsh/lru.h"
#include "mmsh/mmzone.h"
#include "mmsh/rmap.h"
#include "mmsh/swap.h"

uint32_t mapping_anon(int task_slot)
{
	return ((uint32_t)task_slot << 1) | PAGE_MAPPING_ANON;
}

uint32_t mapping_file(int file)
{
	return (uint32_t)(file + 1) << 1;
}

struct task *anon_owner(struct machine *m, const struct page *page)
{
	if (!PageAnon(page))
		return NULL;
	return &m->tasks[page->mapping >> 1];
}

int file_owner(const struct page *page)
{
	if (!page->mapping || PageAnon(page))
		return -1;
	return (int)(page->mapping >> 1) - 1;
}

void rmap_walk_pfn(struct machine *m, const struct page *owner, unsigned long pfn, rmap_fn fn,
		   void *arg)
{
	int file, i, v;

	if (PageAnon(owner)) {
		struct task *t = anon_owner(m, owner);

		if (t && t->used && owner->index < t->anon_len) {
			pte_t *pte = &t->anon[owner->index];

			if (pte_present(*pte) && pte_val(*pte) == pfn)
				fn(m, t, pte, t->mlocked, false, arg);
		}
		return;
	}
	file = file_owner(owner);
	if (file < 0)
		return;
	for (i = 0; i < MAX_TASKS; i++) {
		struct task *t = &m->tasks[i];

		if (!t->used)
			continue;
		for (v = 0; v < t->nr_vmas; v++) {
			struct file_vma *vma = &t->vmas[v];
			pte_t *pte;

			if (vma->file != file || owner->index < vma->pgoff ||
			    owner->index >= vma->pgoff + vma->len)
				continue;
			pte = &vma->pte[owner->index - vma->pgoff];
			if (pte_present(*pte) && pte_val(*pte) == pfn &&
			    !fn(m, t, pte, t->mlocked, vma->exec, arg))
				return;
		}
	}
}

void rmap_walk(struct machine *m, struct page *page, rmap_fn fn, void *arg)
{
	if (page_mapped(page))
		rmap_walk_pfn(m, page, page_to_pfn(m, page), fn, arg);
}

/* page_add_new_anon_rmap() / page_add_file_rmap(): one more pte maps it. */
void page_add_rmap(struct machine *m, struct page *page)
{
	if (++page->_mapcount == 0)
		page_zone(m, page)->zone_pgdat->vm_stat[PageAnon(page) ? NR_ANON_MAPPED
								    : NR_FILE_MAPPED]++;
	page_changed(m, page_to_pfn(m, page));
}

/*
 * clear_page_mlock(): the last mapping of an mlocked page went without a
 * munlock (truncation, a racing unmap): the page is put back to an
 * evictable list, or counted as stranded if it cannot be isolated.
 */
static void clear_page_mlock(struct machine *m, struct page *page)
{
	if (!PageMlocked(page))
		return;
	clear_page_flag(page, PG_mlocked);
	page_changed(m, page_to_pfn(m, page));
	mod_zone_page_state(page_zone(m, page), NR_MLOCK, -1);
	count_vm_events(m, UNEVICTABLE_PGCLEARED, 1);
	if (isolate_lru_page(m, page) == 0)
		putback_lru_page(m, page);
	else if (PageUnevictable(page))
		count_vm_events(m, UNEVICTABLE_PGSTRANDED, 1);
}

/* page_remove_rmap(): one pte fewer; the last one also clears an mlock. */
void page_remove_rmap(struct machine *m, struct page *page)
{
	page_changed(m, page_to_pfn(m, page));
	if (--page->_mapcount >= 0)
		return;
	page_zone(m, page)->zone_pgdat->vm_stat[PageAnon(page) ? NR_ANON_MAPPED
							    : NR_FILE_MAPPED]--;
	clear_page_mlock(m, page);
}

struct referenced_arg {
	int referenced;
	unsigned long vm_flags;
};

/*
 * page_referenced_one(): a young pte counts its mapping once and is made
 * old; a VM_LOCKED mapping stops the walk and is reported.
 */
static bool referenced_one(struct machine *m, struct task *t, pte_t *pte, bool locked,
			   bool exec, void *arg)
{
	struct referenced_arg *ra = arg;

	(void)m;
	(void)t;
	if (locked) {
		ra->vm_flags |= VM_LOCKED;
		return false;
	}
	if (*pte & PTE_YOUNG) {
		*pte &= ~PTE_YOUNG;
		ra->referenced++;
		if (exec)
			ra->vm_flags |= VM_EXEC;
	}
	return true;
}

int page_referenced(struct machine *m, struct page *page, unsigned long *vm_flags)
{
	struct referenced_arg ra = { 0, 0 };

	*vm_flags = 0;
	if (!page_mapped(page))
		return 0;
	rmap_walk(m, page, referenced_one, &ra);
	*vm_flags = ra.vm_flags;
	KSTEP(m, "page_referenced", "pfn=0x%lx (mapcount %d): %d young pte%s found and made old%s%s",
	      page_to_pfn(m, page), page_mapcount(page), ra.referenced,
	      ra.referenced == 1 ? "" : "s", (ra.vm_flags & VM_EXEC) ? ", one in a VM_EXEC vma" : "",
	      (ra.vm_flags & VM_LOCKED) ? "; a VM_LOCKED mapping stopped the walk" : "");
	return ra.referenced;
}

struct unmap_arg {
	bool ok;
	struct page *page;
};

/*
 * mlock_vma_page(): a VM_LOCKED mapping holds the page: it is mlocked and,
 * if it can be isolated, moved to the unevictable list through putback.
 */
void mlock_vma_page(struct machine *m, struct page *page)
{
	if (PageMlocked(page))
		return;
	set_page_flag(page, PG_mlocked);
	page_changed(m, page_to_pfn(m, page));
	mod_zone_page_state(page_zone(m, page), NR_MLOCK, 1);
	count_vm_events(m, UNEVICTABLE_PGMLOCKED, 1);
	KSTEP(m, "mlock_vma_page", "pfn=0x%lx is mapped by a VM_LOCKED vma: PG_mlocked set "
	      "(unevictable_pgs_mlocked)%s", page_to_pfn(m, page),
	      PageLRU(page) ? "; isolated and put back, which culls it to unevictable"
	      : "; not on an LRU list now: whoever holds it puts it back to unevictable");
	if (isolate_lru_page(m, page) == 0)
		putback_lru_page(m, page);
}

struct still_locked {
	struct page *page;
	bool mlocked;
};

/* try_to_munlock()'s visit: a VM_LOCKED mapping mlocks the page again. */
static bool relock_one(struct machine *m, struct task *t, pte_t *pte, bool locked, bool exec,
		       void *arg)
{
	struct still_locked *sl = arg;

	(void)t;
	(void)pte;
	(void)exec;
	if (!locked)
		return true;
	mlock_vma_page(m, sl->page);
	sl->mlocked = true;
	return false;
}

/*
 * munlock_vma_page(): a mapping stopped being VM_LOCKED: clear the mlock,
 * isolate the page, let try_to_munlock() mlock it again if another
 * VM_LOCKED mapping still maps it, and put it back where it now belongs.
 */
void munlock_vma_page(struct machine *m, struct page *page)
{
	struct still_locked sl = { page, false };

	if (!PageMlocked(page))
		return;
	clear_page_flag(page, PG_mlocked);
	page_changed(m, page_to_pfn(m, page));
	mod_zone_page_state(page_zone(m, page), NR_MLOCK, -1);
	if (isolate_lru_page(m, page) != 0) {
		/* __munlock_isolation_failed() */
		count_vm_events(m, PageUnevictable(page) ? UNEVICTABLE_PGSTRANDED
							 : UNEVICTABLE_PGMUNLOCKED, 1);
		return;
	}
	if (page_mapcount(page) > 1)
		rmap_walk(m, page, relock_one, &sl);
	if (!PageMlocked(page))
		count_vm_events(m, UNEVICTABLE_PGMUNLOCKED, 1);
	putback_lru_page(m, page);
}

/*
 * __munlock_pagevec(): phase 1 clears PG_mlocked and isolates each page
 * (the caller's pin serves as the isolation reference); a page that was
 * not mlocked, or could not be isolated (__munlock_isolation_failed:
 * stranded if it sits on the unevictable list, else munlocked), only
 * loses its pin. Phase 2: an isolated page mapped once and now evictable
 * joins a private batch (rescued if it was unevictable); any other goes
 * through try_to_munlock() and putback_lru_page(). Phase 3 puts the batch
 * straight onto the LRU (__putback_lru_fast), counting it munlocked.
 */
void munlock_pagevec(struct machine *m, struct pagevec *pvec)
{
	struct pagevec putback = { 0 };
	long delta_munlocked = -(long)pvec->nr;
	unsigned long pgrescued = 0;
	bool isolated[PAGEVEC_SIZE] = { false };
	struct zone *zone;
	unsigned int i;

	if (!pvec->nr)
		return;
	zone = page_zone(m, &m->mem_map[pvec->pages[0]]);
	for (i = 0; i < pvec->nr; i++) {
		struct page *page = &m->mem_map[pvec->pages[i]];

		if (PageMlocked(page)) {
			clear_page_flag(page, PG_mlocked);
			page_changed(m, pvec->pages[i]);
			if (PageLRU(page)) {   /* __munlock_isolate_lru_page(page, false) */
				del_page_from_lru_list(m, page, page_lru(page));
				clear_page_flag(page, PG_lru);
				isolated[i] = true;
				continue;
			}
			count_vm_events(m, PageUnevictable(page) ? UNEVICTABLE_PGSTRANDED
								 : UNEVICTABLE_PGMUNLOCKED, 1);
		} else {
			delta_munlocked++;
		}
		putback.pages[putback.nr++] = pvec->pages[i];
	}
	mod_zone_page_state(zone, NR_MLOCK, delta_munlocked);
	if (putback.nr) {   /* pagevec_release(): the pins of the pages left alone */
		lru_add_drain(m);
		release_pages(m, putback.pages, putback.nr);
		putback.nr = 0;
	}

	for (i = 0; i < pvec->nr; i++) {
		struct page *page = &m->mem_map[pvec->pages[i]];

		if (!isolated[i])
			continue;
		if (page_mapcount(page) <= 1 && page_evictable(page)) {
			/* __putback_lru_fast_prepare() */
			putback.pages[putback.nr++] = pvec->pages[i];
			if (PageUnevictable(page)) {
				clear_page_flag(page, PG_unevictable);
				page_changed(m, pvec->pages[i]);
				pgrescued++;
			}
			continue;
		}
		/* __munlock_isolated_page(), holding a reference of its own */
		get_page(page);
		if (page_mapcount(page) > 1) {
			struct still_locked sl = { page, false };

			rmap_walk(m, page, relock_one, &sl);
		}
		if (!PageMlocked(page))
			count_vm_events(m, UNEVICTABLE_PGMUNLOCKED, 1);
		putback_lru_page(m, page);
		put_page(m, page);   /* the caller's pin */
	}
	if (putback.nr) {   /* __putback_lru_fast(): release_pages() drops the pins */
		count_vm_events(m, UNEVICTABLE_PGMUNLOCKED, putback.nr);
		pagevec_lru_add(m, &putback);
		count_vm_events(m, UNEVICTABLE_PGRESCUED, pgrescued);
	}
	pvec->nr = 0;
}

/*
 * try_to_unmap_one(): refuse for a VM_LOCKED mapping (mlocking the page);
 * else clear the pte: an anonymous one becomes the swap entry of its slot.
 * Since 5.10.4 ("mm/rmap: always do TTU_IGNORE_ACCESS") a young pte no
 * longer stops the unmap.
 */
static bool unmap_one(struct machine *m, struct task *t, pte_t *pte, bool locked, bool exec,
		      void *arg)
{
	struct unmap_arg *ua = arg;
	struct page *page = ua->page;

	(void)exec;
	if (locked) {
		KSTEP(m, "try_to_unmap_one", "pfn=0x%lx: %s (pid %d) maps it in a VM_LOCKED vma: "
		      "mlock the page instead, the unmap fails (SWAP_MLOCK)", page_to_pfn(m, page),
		      t->comm, t->pid);
		mlock_vma_page(m, page);
		ua->ok = false;
		return false;
	}
	if (PageAnon(page)) {
		unsigned long slot = page->private - 1;

		swap_duplicate(m, slot);
		*pte = PTE_SWAP | slot;
		t->rss_anon--;
		t->swapents++;
	} else {
		*pte = 0;
		t->rss_file--;
	}
	page_remove_rmap(m, page);
	put_page(m, page);   /* the pte's reference */
	KSTEP(m, "try_to_unmap_one", "pfn=0x%lx: %s (pid %d)'s pte %s; mapcount now %d, refcount %d",
	      page_to_pfn(m, page), t->comm, t->pid,
	      PageAnon(page) ? "becomes a swap entry (swapents+1)" : "is cleared",
	      page_mapcount(page), page->_refcount);
	return true;
}

bool try_to_unmap(struct machine *m, struct page *page)
{
	struct unmap_arg ua = { true, page };

	rmap_walk(m, page, unmap_one, &ua);
	return ua.ok && !page_mapped(page);
}
