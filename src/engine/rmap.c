/*
 * src/engine/rmap.c: reverse mapping (mm/rmap.c). An anonymous page has one
 * mapping, its owner task's pte at page->index; a page cache page may be
 * mapped by every task that maps that part of the file. page_referenced()
 * and try_to_unmap() walk those ptes.
 */
#include "mmsh/list.h"
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

/* page_remove_rmap(): one pte fewer; the last one also munlocks the page. */
void page_remove_rmap(struct machine *m, struct page *page)
{
	page_changed(m, page_to_pfn(m, page));
	if (--page->_mapcount >= 0)
		return;
	page_zone(m, page)->zone_pgdat->vm_stat[PageAnon(page) ? NR_ANON_MAPPED
							    : NR_FILE_MAPPED]--;
	if (PageMlocked(page)) {
		/* clear_page_mlock(): no mapping holds it locked any more */
		clear_page_flag(page, PG_mlocked);
		mod_zone_page_state(page_zone(m, page), NR_MLOCK, -1);
		count_vm_events(m, UNEVICTABLE_PGCLEARED, 1);
	}
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
	return ra.referenced;
}

struct unmap_arg {
	bool ok;
	struct page *page;
};

/* mlock_vma_page(): a VM_LOCKED mapping holds the page: it is mlocked. */
void mlock_vma_page(struct machine *m, struct page *page)
{
	if (!PageMlocked(page)) {
		set_page_flag(page, PG_mlocked);
		mod_zone_page_state(page_zone(m, page), NR_MLOCK, 1);
		count_vm_events(m, UNEVICTABLE_PGMLOCKED, 1);
		page_changed(m, page_to_pfn(m, page));
	}
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
	return true;
}

bool try_to_unmap(struct machine *m, struct page *page)
{
	struct unmap_arg ua = { true, page };

	rmap_walk(m, page, unmap_one, &ua);
	return ua.ok && !page_mapped(page);
}
